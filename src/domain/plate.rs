//! Iranian car plates: two digits, a letter, three digits and a two-digit region code, written
//! `12الف345-67` canonically. Input is accepted leniently (Persian or ASCII digits, spaces,
//! dashes, the word `ایران`). Every letter in use is known, so that a plate with a letter that
//! is not accepted (e.g. a private `ب` plate) gets a precise error rather than "garbage".

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::domain::text::normalize_code;

/// Every letter used on Iranian car plates.
pub const KNOWN_LETTERS: &[&str] = &[
    "الف",
    "ب",
    "پ",
    "ت",
    "ث",
    "ج",
    "چ",
    "ح",
    "خ",
    "د",
    "ذ",
    "ر",
    "ز",
    "ژ",
    "س",
    "ش",
    "ص",
    "ض",
    "ط",
    "ظ",
    "ع",
    "غ",
    "ف",
    "ق",
    "ک",
    "گ",
    "ل",
    "م",
    "ن",
    "و",
    "ه",
    "ی",
    "D",
    "S",
    "معلولین",
];

/// The word on disabled drivers' plates; the symbol ♿ is accepted for it.
const WHEELCHAIR: &str = "معلولین";

/// Government plates.
pub const DEFAULT_GOVERNMENT_LETTERS: &[&str] = &["الف"];

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plate {
    first: String,
    letter: String,
    second: String,
    region: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct PlateParts {
    #[schema(example = "12")]
    pub first: String,
    #[schema(example = "الف")]
    pub letter: String,
    #[schema(example = "345")]
    pub second: String,
    #[schema(example = "67")]
    pub region: String,
}

#[derive(Debug, PartialEq, Eq)]
pub enum PlateError {
    /// Not the shape of a plate.
    Format,
    /// The shape is right but the letter is not a plate letter.
    UnknownLetter,
    /// A real plate letter that is not accepted here.
    LetterNotAllowed { letter: String },
}

/// Removes the country marker: `ایران`, and `IR`/`Iran` in any letter case. Plate letters are
/// Persian or a single `D`/`S`, so no letter contains these.
fn remove_country_word(s: &str) -> String {
    let s = s.replace("ایران", "");
    let mut out = String::with_capacity(s.len());
    let mut rest = s.as_str();
    while let Some(c) = rest.chars().next() {
        let skip = ["iran", "ir"].iter().find_map(|w| {
            rest.get(..w.len())
                .filter(|head| head.eq_ignore_ascii_case(w))
                .map(str::len)
        });
        match skip {
            Some(n) => rest = &rest[n..],
            None => {
                out.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    out
}

fn take_digits(chars: &[char], at: usize, n: usize) -> Option<String> {
    let slice = chars.get(at..at + n)?;
    slice
        .iter()
        .all(|c| c.is_ascii_digit())
        .then(|| slice.iter().collect())
}

impl Plate {
    pub fn parse(input: &str, allowed_letters: &[String]) -> Result<Plate, PlateError> {
        let s = normalize_code(input)
            .replace('\u{FE0F}', "")
            .replace('♿', WHEELCHAIR);
        let s = remove_country_word(&s);
        let chars: Vec<char> = s
            .chars()
            .filter(|c| {
                !c.is_whitespace()
                    && !matches!(c, '-' | '_' | '|' | '\u{200C}' | '\u{200F}' | '\u{200E}')
            })
            .collect();
        if chars.len() < 8 {
            return Err(PlateError::Format);
        }
        let first = take_digits(&chars, 0, 2).ok_or(PlateError::Format)?;
        let tail = chars.len() - 5;
        let second = take_digits(&chars, tail, 3).ok_or(PlateError::Format)?;
        let region = take_digits(&chars, tail + 3, 2).ok_or(PlateError::Format)?;
        let letter: String = chars[2..tail].iter().collect();
        if letter.is_empty() || !letter.chars().all(char::is_alphabetic) {
            return Err(PlateError::Format);
        }
        if first == "00" || second == "000" || region == "00" {
            return Err(PlateError::Format);
        }
        let letter = if letter.len() == 1 {
            letter.to_ascii_uppercase()
        } else {
            letter
        };
        if !KNOWN_LETTERS.contains(&letter.as_str()) {
            return Err(PlateError::UnknownLetter);
        }
        if !allowed_letters.iter().any(|a| normalize_code(a) == letter) {
            return Err(PlateError::LetterNotAllowed { letter });
        }
        Ok(Plate {
            first,
            letter,
            second,
            region,
        })
    }

    /// `12الف345-67`.
    pub fn canonical(&self) -> String {
        format!(
            "{}{}{}-{}",
            self.first, self.letter, self.second, self.region
        )
    }

    pub fn parts(&self) -> PlateParts {
        PlateParts {
            first: self.first.clone(),
            letter: self.letter.clone(),
            second: self.second.clone(),
            region: self.region.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn gov() -> Vec<String> {
        DEFAULT_GOVERNMENT_LETTERS
            .iter()
            .map(|s| s.to_string())
            .collect()
    }
    fn all() -> Vec<String> {
        KNOWN_LETTERS.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn lenient_inputs_become_canonical() {
        for input in [
            "۱۲ الف ۳۴۵ ایران ۶۷",
            "12الف345-67",
            "12 الف 345 - 67",
            "۱۲الف۳۴۵ ایران۶۷",
            "12-الف-345-67",
            " 12 الف 345 IR 67 ",
            "12 الف 345 ir 67",
            "12 الف 345 IRAN 67",
            "12الف345iRaN67",
            "12\u{200C}الف\u{200C}345|67",
            "12_الف_345_67",
            "١٢ الف ٣٤٥ ايران ٦٧",
        ] {
            let p = Plate::parse(input, &gov()).unwrap_or_else(|e| panic!("{input}: {e:?}"));
            assert_eq!(p.canonical(), "12الف345-67", "{input}");
        }
        let p = Plate::parse("12الف345-67", &gov()).unwrap();
        assert_eq!(
            p.parts(),
            PlateParts {
                first: "12".into(),
                letter: "الف".into(),
                second: "345".into(),
                region: "67".into()
            }
        );
    }

    #[test]
    fn errors_are_precise() {
        assert_eq!(
            Plate::parse("12 ب 345 ایران 67", &gov()),
            Err(PlateError::LetterNotAllowed {
                letter: "ب".into()
            })
        );
        assert_eq!(
            Plate::parse("12 ك 345 ایران 67", &gov()),
            Err(PlateError::LetterNotAllowed {
                letter: "ک".into()
            })
        );
        assert_eq!(
            Plate::parse("12 X 345 ایران 67", &gov()),
            Err(PlateError::UnknownLetter)
        );
        for bad in [
            "",
            "garbage",
            "1الف345-67",
            "12الف34-67",
            "12الف345-6",
            "12345-67",
            "00الف345-67",
            "12الف000-67",
            "12الف345-00",
            "12الف3456-67",
        ] {
            assert!(Plate::parse(bad, &gov()).is_err(), "{bad}");
        }
        assert!(Plate::parse("12 ب 345 ایران 67", &all()).is_ok());
        for wheelchair in [
            "12 ♿ 345 ایران 67",
            "12 ♿\u{FE0F} 345 ایران 67",
            "12معلولین345-67",
        ] {
            assert_eq!(
                Plate::parse(wheelchair, &all()).map(|p| p.canonical()),
                Ok("12معلولین345-67".to_owned()),
                "{wheelchair}"
            );
        }
        assert_eq!(
            Plate::parse("12 d 345 67", &all()).map(|p| p.canonical()),
            Ok("12D345-67".to_owned())
        );
        assert_eq!(
            Plate::parse("12 ♿ 345 ایران 67", &gov()),
            Err(PlateError::LetterNotAllowed {
                letter: WHEELCHAIR.into()
            })
        );
        assert_eq!(Plate::parse("12!!345-67", &all()), Err(PlateError::Format));
        assert_eq!(
            Plate::parse("12 ط ب 345 67", &all()),
            Err(PlateError::UnknownLetter)
        );
    }

    proptest! {
        #[test]
        fn never_panics(s in ".{0,40}") {
            let _ = Plate::parse(&s, &all());
        }

        #[test]
        fn canonical_round_trips(a in 10u32..100, l in proptest::sample::select(KNOWN_LETTERS.to_vec()), b in 100u32..1000, r in 10u32..100) {
            let input = format!("{a} {l} {b} ایران {r}");
            let p = Plate::parse(&input, &all()).unwrap();
            let again = Plate::parse(&p.canonical(), &all()).unwrap();
            prop_assert_eq!(p, again);
        }
    }
}
