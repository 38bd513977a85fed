//! The 10-digit national code of a person (کد ملی) with its check digit.

use crate::domain::text::normalize_code;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NationalCode(String);

#[derive(Debug, PartialEq, Eq)]
pub enum NationalCodeError {
    /// Not ten digits (after Persian/Arabic digits are read as ASCII and spaces and dashes
    /// dropped).
    Format,
    /// Ten digits whose check digit does not match, or one digit repeated ten times.
    Checksum,
}

impl NationalCode {
    /// Accepts Persian, Arabic-Indic and ASCII digits in any mix, spaces and dashes, and bidi
    /// marks; stores ten ASCII digits. The check digit (the last) is the remainder `r` of
    /// `Σ dᵢ·(10−i)` over the first nine digits (i = 0…8) modulo 11 when `r < 2`, else `11 − r`.
    /// Ten equal digits (`1111111111`) pass that sum but are not issued: refused.
    pub fn parse(input: &str) -> Result<NationalCode, NationalCodeError> {
        let digits: String = normalize_code(input)
            .chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '\u{2010}'..='\u{2015}'))
            .collect();
        if digits.len() != 10 || !digits.chars().all(|c| c.is_ascii_digit()) {
            return Err(NationalCodeError::Format);
        }
        let d: Vec<u32> = digits.chars().filter_map(|c| c.to_digit(10)).collect();
        if d.iter().all(|&x| x == d[0]) {
            return Err(NationalCodeError::Checksum);
        }
        let sum: u32 = (0..9).map(|i| d[i] * (10 - i as u32)).sum();
        let r = sum % 11;
        let check = if r < 2 { r } else { 11 - r };
        if check != d[9] {
            return Err(NationalCodeError::Checksum);
        }
        Ok(NationalCode(digits))
    }

    /// Completes nine digits with their check digit (for fixtures and tools).
    pub fn complete(first_nine: &str) -> Option<NationalCode> {
        (0..10u8)
            .map(|d| format!("{first_nine}{d}"))
            .find_map(|candidate| NationalCode::parse(&candidate).ok())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_inner(self) -> String {
        self.0
    }
}

impl NationalCodeError {
    /// The message for the field, Persian and English.
    pub fn message(&self) -> (&'static str, &'static str) {
        match self {
            NationalCodeError::Format => (
                "کد ملی باید ۱۰ رقم باشد، مانند ۰۰۱۲۳۴۵۶۷۹ (رقم‌های فارسی پذیرفته می‌شود).",
                "The national code must be 10 digits, e.g. 0012345679 (Persian digits are accepted).",
            ),
            NationalCodeError::Checksum => (
                "کد ملی معتبر نیست: رقم کنترل آن نادرست است؛ کد را از روی کارت ملی دوباره وارد کنید.",
                "The national code is not valid: its check digit does not match; copy it again from the national card.",
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_valid_codes_in_any_digits() {
        for ok in [
            "0012345679",
            "۰۰۱۲۳۴۵۶۷۹",
            "٠٠١٢٣٤٥٦٧٩",
            "001-234567-9",
            "1234567891",
        ] {
            assert_eq!(
                NationalCode::parse(ok).map(NationalCode::into_inner),
                Ok(ok_digits(ok)),
                "{ok}"
            );
        }
    }

    fn ok_digits(s: &str) -> String {
        normalize_code(s)
            .chars()
            .filter(char::is_ascii_digit)
            .collect()
    }

    #[test]
    fn refuses_bad_codes() {
        assert_eq!(
            NationalCode::parse("0012345678"),
            Err(NationalCodeError::Checksum)
        );
        assert_eq!(
            NationalCode::parse("1111111111"),
            Err(NationalCodeError::Checksum)
        );
        for bad in ["", "12345", "00123456790", "00123456x9"] {
            assert_eq!(
                NationalCode::parse(bad),
                Err(NationalCodeError::Format),
                "{bad}"
            );
        }
    }

    #[test]
    fn completes_nine_digits() {
        assert_eq!(
            NationalCode::complete("001234567").map(NationalCode::into_inner),
            Some("0012345679".to_owned())
        );
    }
}
