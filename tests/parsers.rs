//! Parser fuzzing with proptest: many generated inputs per parser (random text, and
//! structured inputs with Persian/Arabic digits, odd separators and spacing). No input panics,
//! and parse → canonical → parse gives the same value. Case counts: `PROPTEST_CASES` (default
//! 4000 per property).

use plate_permits::domain::jalali::{format_jalali, parse_date};
use plate_permits::domain::legal_id::LegalId;
use plate_permits::domain::mobile::Mobile;
use plate_permits::domain::plate::{Plate, KNOWN_LETTERS};
use plate_permits::domain::tracking::TrackingCode;
use plate_permits::domain::vin::Vin;
use proptest::prelude::*;

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(4000)
}

fn letters() -> Vec<String> {
    KNOWN_LETTERS.iter().map(|s| s.to_string()).collect()
}

/// ASCII digits rewritten as Persian (۰–۹) or Arabic-Indic (٠–٩) digits, or kept.
fn digits_in(style: u8, s: &str) -> String {
    s.chars()
        .map(|c| match (style % 3, c.to_digit(10)) {
            (1, Some(d)) => char::from_u32(0x06F0 + d).unwrap_or(c),
            (2, Some(d)) => char::from_u32(0x0660 + d).unwrap_or(c),
            _ => c,
        })
        .collect()
}

fn separator() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec!["", " ", "  ", "-", " - ", "\u{200C}", "\t", "_"])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn plate_random_text(s in "\\PC{0,40}") {
        if let Ok(p) = Plate::parse(&s, &letters()) {
            let again = Plate::parse(&p.canonical(), &letters()).expect("canonical parses");
            prop_assert_eq!(again.canonical(), p.canonical());
        }
    }

    #[test]
    fn plate_structured(
        first in 10u32..100, second in 100u32..1000, region in 10u32..100,
        letter in prop::sample::select(KNOWN_LETTERS.to_vec()),
        style in 0u8..3, sep in separator(), iran in prop::bool::ANY,
    ) {
        let text = if iran {
            format!("{first}{sep}{letter}{sep}{second}{sep}ایران{sep}{region}")
        } else {
            format!("{first}{sep}{letter}{sep}{second}-{region}")
        };
        let text = digits_in(style, &text);
        if let Ok(p) = Plate::parse(&text, &letters()) {
            let canonical = p.canonical();
            let again = Plate::parse(&canonical, &letters()).expect("canonical parses");
            prop_assert_eq!(again.canonical(), canonical.clone());
            prop_assert!(canonical.starts_with(&first.to_string()));
        }
    }

    #[test]
    fn tracking_code_random_text(s in "\\PC{0,30}") {
        if let Some(c) = TrackingCode::parse(&s) {
            prop_assert_eq!(TrackingCode::parse(c.as_str()).map(|x| x.as_str().to_owned()), Some(c.as_str().to_owned()));
            prop_assert_eq!(TrackingCode::parse(&c.display_grouped()).map(|x| x.as_str().to_owned()), Some(c.as_str().to_owned()));
        }
    }

    #[test]
    fn tracking_code_generated_and_mangled(style in 0u8..3, sep in separator(), flip in 0usize..12) {
        let code = TrackingCode::generate();
        let s = code.as_str();
        let shown = digits_in(style, &format!("{}{sep}{}{sep}{}", &s[..4], &s[4..8], &s[8..]));
        prop_assert_eq!(TrackingCode::parse(&shown).map(|c| c.as_str().to_owned()), Some(s.to_owned()));
        // One changed digit is always caught by the Verhoeff check digit.
        let mut bytes = s.as_bytes().to_vec();
        bytes[flip] = b'0' + (bytes[flip] - b'0' + 1) % 10;
        let changed = String::from_utf8(bytes).unwrap();
        prop_assert!(TrackingCode::parse(&changed).is_none());
    }

    #[test]
    fn mobile_random_text(s in "\\PC{0,25}") {
        if let Some(m) = Mobile::parse(&s) {
            prop_assert_eq!(Mobile::parse(m.as_str()).map(|x| x.as_str().to_owned()), Some(m.as_str().to_owned()));
        }
    }

    #[test]
    fn mobile_structured(rest in 100_000_000u64..1_000_000_000, prefix in prop::sample::select(vec!["09", "+989", "00989", "989", "9"]), style in 0u8..3) {
        let text = digits_in(style, &format!("{prefix}{rest}"));
        if let Some(m) = Mobile::parse(&text) {
            prop_assert_eq!(m.as_str().len(), 11);
            prop_assert_eq!(Mobile::parse(m.as_str()).map(|x| x.as_str().to_owned()), Some(m.as_str().to_owned()));
        }
    }

    #[test]
    fn legal_id_random_text(s in "\\PC{0,20}") {
        if let Ok(id) = LegalId::parse(&s) {
            prop_assert_eq!(LegalId::parse(id.as_str()).map(|x| x.as_str().to_owned()).ok(), Some(id.as_str().to_owned()));
        }
    }

    #[test]
    fn legal_id_completed_and_mangled(first_ten in 1_000_000_000u64..10_000_000_000, style in 0u8..3, flip in 0usize..11) {
        if let Some(id) = LegalId::complete(&first_ten.to_string()) {
            let shown = digits_in(style, id.as_str());
            prop_assert_eq!(LegalId::parse(&shown).map(|x| x.as_str().to_owned()).ok(), Some(id.as_str().to_owned()));
            let mut bytes = id.as_str().as_bytes().to_vec();
            bytes[flip] = b'0' + (bytes[flip] - b'0' + 1) % 10;
            let changed = String::from_utf8(bytes).unwrap();
            // A changed digit either fails the check or is another valid id; never a panic.
            let _ = LegalId::parse(&changed);
        }
    }

    #[test]
    fn date_random_text(s in "\\PC{0,20}") {
        if let Ok(d) = parse_date(&s) {
            prop_assert_eq!(parse_date(&d.to_string()), Ok(d));
            prop_assert_eq!(parse_date(&format_jalali(d)), Ok(d));
        }
    }

    #[test]
    fn date_structured(y in 1300i32..1500, m in 0u8..14, d in 0u8..33, style in 0u8..3, sep in prop::sample::select(vec!["/", "-", "."])) {
        let text = digits_in(style, &format!("{y}{sep}{m}{sep}{d}"));
        if let Ok(date) = parse_date(&text) {
            // Canonical Jalali text reads back as the same day, and as the same Jalali text.
            let jalali = format_jalali(date);
            prop_assert_eq!(parse_date(&jalali), Ok(date));
            prop_assert_eq!(format_jalali(parse_date(&jalali).unwrap()), jalali.clone());
            prop_assert_eq!(jalali, format!("{y:04}/{m:02}/{d:02}"));
        }
    }

    #[test]
    fn vin_random_text(s in "\\PC{0,30}") {
        if let Some(v) = Vin::parse(&s) {
            prop_assert_eq!(Vin::parse(v.as_str()).map(|x| x.as_str().to_owned()), Some(v.as_str().to_owned()));
        }
    }
}
