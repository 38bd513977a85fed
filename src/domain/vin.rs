//! Vehicle identification numbers (ISO 3779: 17 characters, A–Z and 0–9 without I, O and Q,
//! never all digits) and the free-format chassis numbers (شماره شاسی) of older vehicles.

use crate::domain::text::normalize_code;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Vin(String);

impl Vin {
    /// Trims, folds Persian digits, drops spaces and dashes, upper-cases. The North-American
    /// check digit is not verified (Iranian VINs often do not use it).
    pub fn parse(input: &str) -> Option<Vin> {
        let s: String = normalize_code(input)
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .collect::<String>()
            .to_ascii_uppercase();
        let ok = s.len() == 17
            && s.chars().all(|c| {
                (c.is_ascii_uppercase() || c.is_ascii_digit()) && !matches!(c, 'I' | 'O' | 'Q')
            })
            && !s.chars().all(|c| c.is_ascii_digit());
        ok.then_some(Vin(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Identifier text as clerks type it: Persian and Arabic digits to ASCII, upper case, spaces
/// and dashes of every kind dropped.
pub fn normalize_identifier(input: &str) -> String {
    normalize_code(input)
        .chars()
        .filter(|c| {
            !c.is_whitespace()
                && !matches!(c, '-' | '_' | '\u{2010}'..='\u{2015}' | '\u{2212}')
                && !matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        })
        .collect::<String>()
        .to_uppercase()
}

/// A chassis number (شماره شاسی) as stamped on vehicles older than the 17-character VIN: free
/// format, 5–25 letters and digits after [`normalize_identifier`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChassisNumber(String);

/// Why an identifier (chassis or engine number) was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdentifierError {
    TooShort,
    TooLong,
    /// A character other than a letter or a digit.
    BadCharacter,
}

/// Checks a normalised identifier: `min..=max` characters, each a Latin letter or a digit.
pub fn check_identifier(s: &str, min: usize, max: usize) -> Result<(), IdentifierError> {
    let n = s.chars().count();
    if n < min {
        Err(IdentifierError::TooShort)
    } else if n > max {
        Err(IdentifierError::TooLong)
    } else if !s.chars().all(|c| c.is_ascii_alphanumeric()) {
        Err(IdentifierError::BadCharacter)
    } else {
        Ok(())
    }
}

impl ChassisNumber {
    pub const MIN: usize = 5;
    pub const MAX: usize = 25;

    pub fn parse(input: &str) -> Result<ChassisNumber, IdentifierError> {
        let s = normalize_identifier(input);
        check_identifier(&s, Self::MIN, Self::MAX)?;
        Ok(ChassisNumber(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_inner(self) -> String {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn table() {
        for (input, want) in [
            ("NAAM01CA9JK123456", "NAAM01CA9JK123456"),
            ("naam01ca9jk123456", "NAAM01CA9JK123456"),
            (" NAAM01CA9-JK123456 ", "NAAM01CA9JK123456"),
            ("NAAM01CA9JK۱۲۳۴۵۶", "NAAM01CA9JK123456"),
        ] {
            assert_eq!(
                Vin::parse(input).map(|v| v.0),
                Some(want.to_owned()),
                "{input}"
            );
        }
        for bad in [
            "",
            "NAAM01CA9JK12345",
            "NAAM01CA9JK1234567",
            "NAAM01CA9JK12345O",
            "NAAM01CA9JK12345I",
            "NAAQ01CA9JK123456",
            "NAAM01CA9JK12345!",
            "IRFC841V3AJ123456",
            "12345678901234567",
            "۱۲۳۴۵۶۷۸۹۰۱۲۳۴۵۶۷",
        ] {
            assert!(Vin::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn chassis_numbers_are_free_format() {
        for (input, want) in [
            ("IRFC841V3AJ123456", "IRFC841V3AJ123456"),
            ("11158412345", "11158412345"),
            ("۱۱۱۵۸ ۴۱۲۳۴۵", "11158412345"),
            ("nas-841 – 12", "NAS84112"),
            ("12345", "12345"),
        ] {
            assert_eq!(
                ChassisNumber::parse(input).map(|c| c.0),
                Ok(want.to_owned()),
                "{input}"
            );
        }
        assert_eq!(ChassisNumber::parse("1234"), Err(IdentifierError::TooShort));
        assert_eq!(
            ChassisNumber::parse(&"1".repeat(26)),
            Err(IdentifierError::TooLong)
        );
        assert_eq!(
            ChassisNumber::parse("ABC12!"),
            Err(IdentifierError::BadCharacter)
        );
        assert_eq!(ChassisNumber::parse(" - "), Err(IdentifierError::TooShort));
    }

    proptest! {
        #[test]
        fn never_panics_and_round_trips(s in ".{0,30}") {
            if let Some(v) = Vin::parse(&s) {
                prop_assert_eq!(Vin::parse(v.as_str()), Some(v));
            }
        }

        #[test]
        fn valid_vins_parse(s in "[A-HJ-NPR-Z0-9]{16}[A-HJ-NPR-Z]") {
            prop_assert_eq!(Vin::parse(&s).map(|v| v.0), Some(s));
        }

        #[test]
        fn chassis_numbers_never_panic_and_round_trip(s in ".{0,30}") {
            if let Ok(c) = ChassisNumber::parse(&s) {
                prop_assert_eq!(ChassisNumber::parse(c.as_str()), Ok(c));
            }
        }
    }
}
