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

/// The two-digit region (province) codes that Iranian car plates carry.
///
/// Source: Wikipedia, "Vehicle registration plates of Iran" (section on province codes): each
/// province has several two-digit codes; Tehran's first code was 11, then 22, 33 … 99, and
/// later 10, 20, 30 …; every other province's codes follow its first code in steps of ten, so
/// the codes in use are 10 to 99. Codes 00–09 are carried by no plate (a leading zero is a
/// typing slip, not a region). Kept as data so that a code the traffic police retire or add is
/// a one-line change.
pub const REGION_CODES: std::ops::RangeInclusive<u8> = 10..=99;

/// A plate that is not a car plate: refused with its own message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OtherPlate {
    /// Motorcycle plates: three digits over five (`123 45678`), no letter.
    Motorcycle,
    /// Free-trade-zone plates (Kish, Qeshm, Aras, Chabahar, Anzali, Arvand, Maku).
    FreeZone,
}

/// Words that mark a free-zone plate.
const FREE_ZONES: &[&str] = &[
    "آزاد",
    "کیش",
    "قشم",
    "ارس",
    "چابهار",
    "انزلی",
    "اروند",
    "ماکو",
];

#[derive(Debug, PartialEq, Eq)]
pub enum PlateError {
    /// Not the shape of a plate.
    Format,
    /// The shape is right but the letter is not a plate letter.
    UnknownLetter,
    /// A real plate letter that is not accepted here.
    LetterNotAllowed { letter: String },
    /// A region code that no plate carries (`01`, `09`).
    UnknownRegion { region: String },
    /// A motorcycle, free-zone or other non-car plate.
    NotACarPlate(OtherPlate),
}

impl PlateError {
    /// What to tell the clerk, in Persian and English.
    pub fn message(&self) -> (String, String) {
        match self {
            PlateError::Format => (
                "پلاک باید به شکل «۱۲ الف ۳۴۵ ایران ۶۷» باشد.".to_owned(),
                "The plate must look like 12الف345-67.".to_owned(),
            ),
            PlateError::UnknownLetter => (
                "حرف پلاک شناخته‌شده نیست.".to_owned(),
                "The plate letter is not a known plate letter.".to_owned(),
            ),
            PlateError::LetterNotAllowed { letter } => (
                format!("پلاک با حرف «{letter}» پلاک دولتی نیست؛ تنها پلاک‌های دولتی پذیرفته می‌شوند."),
                format!("A plate with the letter '{letter}' is not a government plate."),
            ),
            PlateError::UnknownRegion { region } => (
                format!(
                    "کد ایرانِ «{}» در پلاک هیچ خودرویی به کار نمی‌رود؛ کد استان باید عددی از ۱۰ تا ۹۹ باشد.",
                    crate::domain::text::persian_digits(region)
                ),
                format!("No plate carries the region code '{region}'; region codes run from 10 to 99."),
            ),
            PlateError::NotACarPlate(OtherPlate::Motorcycle) => (
                "این شماره، پلاک موتورسیکلت است؛ تنها پلاک خودرو پذیرفته می‌شود.".to_owned(),
                "This is a motorcycle plate; only car plates are accepted.".to_owned(),
            ),
            PlateError::NotACarPlate(OtherPlate::FreeZone) => (
                "این شماره، پلاک منطقهٔ آزاد است؛ تنها پلاک خودرو با کد استان پذیرفته می‌شود.".to_owned(),
                "This is a free-zone plate; only car plates with a region code are accepted.".to_owned(),
            ),
        }
    }
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

/// Characters clerks type between the parts of a plate: white space, hyphens and dashes of
/// every kind, the minus sign, slash, dot, underscore, bar, and invisible marks (ZWNJ, bidi
/// and zero-width characters, tatweel).
fn is_separator(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '-' | '_'
                | '|'
                | '/'
                | '.'
                | '\u{2010}'..='\u{2015}'
                | '\u{2212}'
                | '\u{0640}'
                | '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
                | '\u{FEFF}'
        )
}

/// The letter as written on plates: `ا`, `آ` and `الف` (with or without tatweel) are `الف`;
/// a single Latin letter is upper-cased.
fn canonical_letter(letter: String) -> String {
    match letter.as_str() {
        "ا" | "آ" | "الف" | "آلف" => "الف".to_owned(),
        l if l.chars().count() == 1 && l.is_ascii() => l.to_ascii_uppercase(),
        _ => letter,
    }
}

fn all_digits(chars: &[char]) -> bool {
    chars.iter().all(char::is_ascii_digit)
}

impl Plate {
    /// Parses a car plate as clerks type it: number first (`12 الف 345 ایران 67`) or region
    /// first as read off the plate (`ایران 67 - 345 الف 12`), Persian, Arabic or ASCII digits
    /// in any mix, any of the usual separators, and `ا`/`آ`/`الـف` for `الف`.
    pub fn parse(input: &str, allowed_letters: &[String]) -> Result<Plate, PlateError> {
        let s = normalize_code(input)
            .replace('\u{FE0F}', "")
            .replace('♿', WHEELCHAIR);
        let spaced: String = s.chars().filter(|c| *c != '\u{0640}').collect();
        if FREE_ZONES.iter().any(|z| spaced.contains(z)) {
            return Err(PlateError::NotACarPlate(OtherPlate::FreeZone));
        }
        let s = remove_country_word(&spaced);
        let chars: Vec<char> = s.chars().filter(|c| !is_separator(*c)).collect();
        if chars.len() == 8 && all_digits(&chars) {
            return Err(PlateError::NotACarPlate(OtherPlate::Motorcycle));
        }
        let start = chars.iter().position(|c| !c.is_ascii_digit());
        let end = chars.iter().rposition(|c| !c.is_ascii_digit());
        let (Some(start), Some(end)) = (start, end) else {
            return Err(PlateError::Format);
        };
        let (before, letter, after) = (&chars[..start], &chars[start..=end], &chars[end + 1..]);
        if !letter.iter().all(|c| c.is_alphabetic()) {
            return Err(PlateError::Format);
        }
        let text = |cs: &[char]| cs.iter().collect::<String>();
        let (first, second, region) = match (before.len(), after.len()) {
            // 12 الف 345 67
            (2, 5) => (text(before), text(&after[..3]), text(&after[3..])),
            // 67 345 الف 12 (region first, as the plate reads right to left)
            (5, 2) => (text(after), text(&before[2..]), text(&before[..2])),
            _ => return Err(PlateError::Format),
        };
        if first == "00" || second == "000" {
            return Err(PlateError::Format);
        }
        if !region
            .parse::<u8>()
            .is_ok_and(|r| REGION_CODES.contains(&r))
        {
            return Err(PlateError::UnknownRegion { region });
        }
        let letter = canonical_letter(text(letter));
        if !KNOWN_LETTERS.contains(&letter.as_str()) {
            return Err(PlateError::UnknownLetter);
        }
        if !allowed_letters
            .iter()
            .any(|a| canonical_letter(normalize_code(a)) == letter)
        {
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

/// A plate as a searcher types it: the whole plate, or without its region code (the police
/// read the number off the car and may not note the province).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PlateSearch {
    /// The canonical plate, `12الف345-67`.
    Exact(String),
    /// The canonical plate's start without the region, `12الف345-`: matches every region.
    WithoutRegion(String),
}

impl PlateSearch {
    /// Parses a plate as leniently as [`Plate::parse`] does at filing, with or without the
    /// region (`12 الف 345`, `۳۴۵ الف ۱۲`); the region-less error is the filing one.
    pub fn parse(input: &str, allowed_letters: &[String]) -> Result<PlateSearch, PlateError> {
        let err = match Plate::parse(input, allowed_letters) {
            Ok(p) => return Ok(PlateSearch::Exact(p.canonical())),
            Err(PlateError::Format) => PlateError::Format,
            Err(e) => return Err(e),
        };
        let s = normalize_code(input).replace('\u{FE0F}', "");
        let s: String = s.chars().filter(|c| *c != '\u{0640}').collect();
        let chars: Vec<char> = remove_country_word(&s)
            .chars()
            .filter(|c| !is_separator(*c))
            .collect();
        let start = chars.iter().position(|c| !c.is_ascii_digit());
        let end = chars.iter().rposition(|c| !c.is_ascii_digit());
        let (Some(start), Some(end)) = (start, end) else {
            return Err(err);
        };
        let (before, letter, after) = (&chars[..start], &chars[start..=end], &chars[end + 1..]);
        if !letter.iter().all(|c| c.is_alphabetic()) {
            return Err(err);
        }
        let text = |cs: &[char]| cs.iter().collect::<String>();
        let (first, second) = match (before.len(), after.len()) {
            // 12 الف 345
            (2, 3) => (text(before), text(after)),
            // 345 الف 12 (as the plate reads right to left)
            (3, 2) => (text(after), text(before)),
            _ => return Err(err),
        };
        if first == "00" || second == "000" {
            return Err(err);
        }
        let letter = canonical_letter(text(letter));
        if !KNOWN_LETTERS.contains(&letter.as_str()) {
            return Err(PlateError::UnknownLetter);
        }
        if !allowed_letters
            .iter()
            .any(|a| canonical_letter(normalize_code(a)) == letter)
        {
            return Err(PlateError::LetterNotAllowed { letter });
        }
        Ok(PlateSearch::WithoutRegion(format!(
            "{first}{letter}{second}-"
        )))
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
    fn searches_read_plates_with_or_without_the_region() {
        for input in [
            "۱۲ الف ۳۴۵ ایران ۶۷",
            "12الف345-67",
            "ایران ۶۷ - ۳۴۵ الف ۱۲",
        ] {
            assert_eq!(
                PlateSearch::parse(input, &gov()),
                Ok(PlateSearch::Exact("12الف345-67".into())),
                "{input}"
            );
        }
        for input in ["۱۲ الف ۳۴۵", "12-الف-345", "345 الف 12", "١٢ ا ٣٤٥"] {
            assert_eq!(
                PlateSearch::parse(input, &gov()),
                Ok(PlateSearch::WithoutRegion("12الف345-".into())),
                "{input}"
            );
        }
        for bad in ["12 الف 34", "الف", "", "12 ب 345", "1234"] {
            assert!(PlateSearch::parse(bad, &gov()).is_err(), "{bad}");
        }
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
            // Region first, as read off the plate.
            "ایران ۶۷ - ۳۴۵ الف ۱۲",
            "67 345 الف 12",
            // Dashes, the minus sign, slash and dot as separators.
            "12–الف–345–67",
            "12—الف—345—67",
            "12−الف−345−67",
            "12/الف/345/67",
            "12.الف.345.67",
            // Letter variants and mixed digits.
            "12 ا 345 ایران 67",
            "12 آ 345 ایران 67",
            "12 الـف 345 ایران 67",
            "1۲ الف 3٤۵ ایران ۶7",
            "\u{202B}12 الف 345 ایران 67\u{202C}",
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
            "12الف3456-67",
            "123الف45-67",
        ] {
            assert!(Plate::parse(bad, &gov()).is_err(), "{bad}");
        }
        for region in ["00", "01", "09"] {
            assert_eq!(
                Plate::parse(&format!("12الف345-{region}"), &gov()),
                Err(PlateError::UnknownRegion {
                    region: region.into()
                })
            );
        }
        assert_eq!(
            Plate::parse("ایران ۱۵ - ۳۵۱ الف ۱۲", &gov()).map(|p| p.canonical()),
            Ok("12الف351-15".to_owned())
        );
        for motorcycle in ["123 45678", "۱۲۳-۴۵۶۷۸", "ایران 123 45678"] {
            assert_eq!(
                Plate::parse(motorcycle, &gov()),
                Err(PlateError::NotACarPlate(OtherPlate::Motorcycle)),
                "{motorcycle}"
            );
        }
        for free_zone in ["کیش 12345", "منطقه آزاد قشم ۱۲۳۴۵", "ارس 54321"] {
            assert_eq!(
                Plate::parse(free_zone, &gov()),
                Err(PlateError::NotACarPlate(OtherPlate::FreeZone)),
                "{free_zone}"
            );
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
            prop_assert_eq!(&p, &again);
            // Either order, any separator: the same plate.
            let region_first = format!("ایران {r} – {b} {l} {a}");
            prop_assert_eq!(Plate::parse(&region_first, &all()).unwrap(), p);
        }
    }
}
