//! Tracking codes: random digits with a Verhoeff check digit, which catches every single-digit
//! error and every swap of two neighbouring digits. Also used for permit numbers.

use rand::Rng;

use crate::domain::text::normalize_code;

const D: [[u8; 10]; 10] = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
    [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
    [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
    [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
    [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
    [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
    [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
    [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
    [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];
const P: [[u8; 10]; 8] = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
    [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
    [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
    [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
    [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
    [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
    [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];
const INV: [u8; 10] = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9];

fn digits(s: &str) -> Option<Vec<u8>> {
    s.chars().map(|c| c.to_digit(10).map(|d| d as u8)).collect()
}

/// The Verhoeff check digit for a string of ASCII digits.
pub fn verhoeff_check_digit(payload: &str) -> Option<u8> {
    let ds = digits(payload)?;
    let mut c = 0u8;
    for (i, d) in ds.iter().rev().enumerate() {
        c = D[c as usize][P[(i + 1) % 8][*d as usize] as usize];
    }
    Some(INV[c as usize])
}

/// Whether a string of ASCII digits ends in its correct Verhoeff check digit.
pub fn verhoeff_valid(s: &str) -> bool {
    let Some(ds) = digits(s) else { return false };
    if ds.len() < 2 {
        return false;
    }
    let mut c = 0u8;
    for (i, d) in ds.iter().rev().enumerate() {
        c = D[c as usize][P[i % 8][*d as usize] as usize];
    }
    c == 0
}

/// Strips what people type around codes: spaces, dashes, Persian digits.
pub fn clean_digits(input: &str) -> String {
    normalize_code(input)
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '_' | '\u{200C}'))
        .collect()
}

/// Appends the check digit to `payload` (ASCII digits).
pub fn with_check_digit(payload: &str) -> Option<String> {
    verhoeff_check_digit(payload).map(|d| format!("{payload}{d}"))
}

/// What a newly issued 12-digit code names. The first digit tells them apart — tracking codes of
/// requests and complaints start with 1–4, permit numbers with 5–9 — so a permit number read
/// out over the phone is never taken for a tracking code. Codes issued before this rule (any
/// first digit) stay valid: look-ups are by the whole code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeKind {
    Tracking,
    Permit,
}

impl CodeKind {
    /// The first digits a new code of this kind may start with.
    pub fn leading_digits(self) -> std::ops::RangeInclusive<u8> {
        match self {
            CodeKind::Tracking => 1..=4,
            CodeKind::Permit => 5..=9,
        }
    }

    /// The kind a code issued under this rule belongs to.
    pub fn of(code: &TrackingCode) -> CodeKind {
        match code.0.as_bytes().first() {
            Some(b'5'..=b'9') => CodeKind::Permit,
            _ => CodeKind::Tracking,
        }
    }
}

/// 11 random digits (the first not zero) plus a Verhoeff check digit.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TrackingCode(String);

pub const TRACKING_CODE_LEN: usize = 12;

impl TrackingCode {
    /// A new random tracking code (first digit 1–4).
    pub fn generate() -> TrackingCode {
        Self::generate_for(CodeKind::Tracking)
    }

    /// A new random code of `kind`, its first digit from the kind's range.
    pub fn generate_for(kind: CodeKind) -> TrackingCode {
        let mut rng = rand::rngs::OsRng;
        let mut payload = String::with_capacity(TRACKING_CODE_LEN);
        payload.push(char::from(b'0' + rng.gen_range(kind.leading_digits())));
        for _ in 1..TRACKING_CODE_LEN - 1 {
            payload.push(char::from(b'0' + rng.gen_range(0..10u8)));
        }
        let full = with_check_digit(&payload).unwrap_or_else(|| format!("{payload}0"));
        TrackingCode(full)
    }

    /// Accepts Persian/Arabic-Indic digits, spaces and dashes; checks length and check digit.
    pub fn parse(input: &str) -> Option<TrackingCode> {
        let s = clean_digits(input);
        if s.len() == TRACKING_CODE_LEN
            && s.chars().all(|c| c.is_ascii_digit())
            && verhoeff_valid(&s)
        {
            Some(TrackingCode(s))
        } else {
            None
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `4821-7730-5512`.
    pub fn display_grouped(&self) -> String {
        format!("{}-{}-{}", &self.0[..4], &self.0[4..8], &self.0[8..])
    }
}

impl std::fmt::Display for TrackingCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn tracking_codes_and_permit_numbers_start_differently() {
        for _ in 0..200 {
            let t = TrackingCode::generate_for(CodeKind::Tracking);
            let p = TrackingCode::generate_for(CodeKind::Permit);
            assert!(matches!(t.as_str().as_bytes()[0], b'1'..=b'4'), "{t}");
            assert!(matches!(p.as_str().as_bytes()[0], b'5'..=b'9'), "{p}");
            assert_eq!(CodeKind::of(&t), CodeKind::Tracking);
            assert_eq!(CodeKind::of(&p), CodeKind::Permit);
            assert_eq!(TrackingCode::parse(p.as_str()), Some(p));
        }
    }

    #[test]
    fn known_verhoeff_values() {
        assert_eq!(verhoeff_check_digit("236"), Some(3));
        assert!(verhoeff_valid("2363"));
        assert!(!verhoeff_valid("2364"));
        assert_eq!(verhoeff_check_digit("12345"), Some(1));
        assert!(verhoeff_valid("123451"));
    }

    #[test]
    fn catches_every_single_digit_error_and_adjacent_swap() {
        for _ in 0..200 {
            let code = TrackingCode::generate();
            let s: Vec<u8> = code.as_str().bytes().collect();
            assert!(TrackingCode::parse(code.as_str()).is_some());
            for i in 0..s.len() {
                for d in b'0'..=b'9' {
                    if d == s[i] {
                        continue;
                    }
                    let mut t = s.clone();
                    t[i] = d;
                    let t = String::from_utf8(t).unwrap();
                    assert!(TrackingCode::parse(&t).is_none(), "{t}");
                }
                if i + 1 < s.len() && s[i] != s[i + 1] {
                    let mut t = s.clone();
                    t.swap(i, i + 1);
                    let t = String::from_utf8(t).unwrap();
                    assert!(TrackingCode::parse(&t).is_none(), "{t}");
                }
            }
        }
    }

    #[test]
    fn lenient_input() {
        let code = TrackingCode::generate();
        let persian: String = code
            .as_str()
            .chars()
            .map(|c| char::from_u32(0x06F0 + c.to_digit(10).unwrap()).unwrap())
            .collect();
        assert_eq!(TrackingCode::parse(&persian), Some(code.clone()));
        assert_eq!(
            TrackingCode::parse(&code.display_grouped()),
            Some(code.clone())
        );
        let spaced = format!(" {} ", code.display_grouped().replace('-', " "));
        assert_eq!(TrackingCode::parse(&spaced), Some(code));
        for bad in ["", "abc", "12345678901", "1234567890123", "12345678901x"] {
            assert!(TrackingCode::parse(bad).is_none(), "{bad}");
        }
    }

    proptest! {
        #[test]
        fn never_panics_and_round_trips(s in ".{0,40}") {
            if let Some(c) = TrackingCode::parse(&s) {
                prop_assert_eq!(TrackingCode::parse(c.as_str()), Some(c.clone()));
                prop_assert_eq!(TrackingCode::parse(&c.display_grouped()), Some(c));
            }
        }
    }
}
