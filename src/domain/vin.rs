//! Vehicle identification numbers: 17 characters, A–Z and 0–9 without I, O and Q.

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
            });
        ok.then_some(Vin(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
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
        ] {
            assert!(Vin::parse(bad).is_none(), "{bad}");
        }
    }

    proptest! {
        #[test]
        fn never_panics_and_round_trips(s in ".{0,30}") {
            if let Some(v) = Vin::parse(&s) {
                prop_assert_eq!(Vin::parse(v.as_str()), Some(v));
            }
        }

        #[test]
        fn valid_vins_parse(s in "[A-HJ-NPR-Z0-9]{17}") {
            prop_assert_eq!(Vin::parse(&s).map(|v| v.0), Some(s));
        }
    }
}
