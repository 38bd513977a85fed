//! The 11-digit legal-entity national id (شناسه ملی اشخاص حقوقی) with its checksum.

use crate::domain::text::normalize_code;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LegalId(String);

#[derive(Debug, PartialEq, Eq)]
pub enum LegalIdError {
    /// Not eleven digits.
    Format,
    /// Eleven digits whose check digit does not match.
    Checksum,
}

const WEIGHTS: [u32; 5] = [29, 27, 23, 19, 17];

impl LegalId {
    /// Accepts Persian/Arabic-Indic digits, spaces and dashes; verifies the check digit
    /// (the algorithm documented by persian-tools' `verifyIranianLegalId`).
    pub fn parse(input: &str) -> Result<LegalId, LegalIdError> {
        let digits: String = normalize_code(input)
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .collect();
        if digits.len() != 11 || !digits.chars().all(|c| c.is_ascii_digit()) {
            return Err(LegalIdError::Format);
        }
        let d: Vec<u32> = digits.chars().filter_map(|c| c.to_digit(10)).collect();
        if d[3..9].iter().all(|&x| x == 0) {
            return Err(LegalIdError::Checksum);
        }
        let base = d[9] + 2;
        let sum: u32 = (0..10).map(|i| (base + d[i]) * WEIGHTS[i % 5]).sum();
        let check = match sum % 11 {
            10 => 0,
            r => r,
        };
        if check != d[10] {
            return Err(LegalIdError::Checksum);
        }
        Ok(LegalId(digits))
    }

    /// Completes ten digits with their check digit (for fixtures and tools).
    pub fn complete(first_ten: &str) -> Option<LegalId> {
        (0..10u8)
            .map(|d| format!("{first_ten}{d}"))
            .find_map(|candidate| LegalId::parse(&candidate).ok())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        for good in ["10380284790", "14101234563", "۱۰۳۸۰۲۸۴۷۹۰", "103-8028-4790"] {
            assert!(LegalId::parse(good).is_ok(), "{good}");
        }
        assert_eq!(LegalId::parse("10380284792"), Err(LegalIdError::Checksum));
        assert_eq!(LegalId::parse("10300000000"), Err(LegalIdError::Checksum));
        for bad in ["", "1038028479", "103802847900", "1038028479a", "abc"] {
            assert_eq!(LegalId::parse(bad), Err(LegalIdError::Format), "{bad}");
        }
    }

    #[test]
    fn every_single_digit_change_of_a_valid_id_is_caught_in_the_check_digit() {
        let id = "10380284790";
        for v in 0..10u8 {
            let mut s: Vec<u8> = id.bytes().collect();
            if s[10] == b'0' + v {
                continue;
            }
            s[10] = b'0' + v;
            let s = String::from_utf8(s).unwrap();
            assert!(LegalId::parse(&s).is_err(), "{s}");
        }
    }
}
