//! Persian text normalisation.
//!
//! Three kinds of text, three functions:
//!
//! - **Display text** ([`normalize_text`], [`normalize_line`]): letter forms folded (Arabic ي/ى
//!   → ی, ك/ڪ → ک, ة/ھ/ە → ه), invisible formatting that can spoof what a reader sees dropped
//!   ([`is_invisible_format`]: bidi embedding/override/isolate controls U+202A–U+202E,
//!   U+2066–U+2069, the marks LRM, RLM and ALM, and the zero-width space, word joiner and BOM)
//!   with control characters, ZWNJ (نیم‌فاصله, Persian orthography), ZWJ (which forces a
//!   joining form) and the user's digits kept.
//! - **Identifiers** ([`normalize_code`]: codes, tracking codes, permit numbers, plates, national
//!   ids, mobiles, VIN/chassis numbers, dates): letters folded, Persian and Arabic-Indic digits
//!   ASCII, every bidi and zero-width mark dropped, trimmed.
//! - **Keys** ([`search_key`]: what names are compared, made unique and searched by): display
//!   folds plus diacritics (U+064B–U+0652, U+0670, and the combining marks U+0653–U+0655 such
//!   as the ezafe hamza of «ادارهٔ»), tatweel (U+0640) and zero-width/bidi marks
//!   dropped, ZWNJ read as a space, white space collapsed, ASCII digits, lower case — so
//!   «اداره کل» and «اداره‌کل» are one name.

/// Maps one character: Arabic letter forms to Persian.
fn fold_letter(c: char) -> char {
    match c {
        '\u{064A}' | '\u{0649}' => '\u{06CC}',              // ي ى -> ی
        '\u{0643}' | '\u{06AA}' => '\u{06A9}',              // ك ڪ -> ک
        '\u{0629}' | '\u{06BE}' | '\u{06D5}' => '\u{0647}', // ة ھ ە -> ه
        _ => c,
    }
}

/// Maps Persian and Arabic-Indic digits to ASCII.
pub fn ascii_digit(c: char) -> char {
    match c {
        '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
        '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
        _ => c,
    }
}

/// Writes ASCII digits as Persian digits (for numbers inside Persian messages).
pub fn persian_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c.to_digit(10) {
            Some(d) if c.is_ascii_digit() => char::from_u32(0x06F0 + d).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// Bidi embedding, override and isolate controls: they reorder what a reader sees.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Zero-width characters and marks (ZWSP, ZWNJ, ZWJ, LRM, RLM, word joiner, BOM).
fn is_zero_width(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{FEFF}')
}

/// Invisible formatting dropped from display text: bidi controls (embeddings, overrides,
/// isolates), the directional marks LRM, RLM and ALM (U+061C), and the zero-width space
/// (U+200B), word joiner (U+2060) and BOM (U+FEFF). ZWNJ (U+200C) and ZWJ (U+200D) are not
/// here: Persian writing uses them.
pub fn is_invisible_format(c: char) -> bool {
    is_bidi_control(c)
        || matches!(
            c,
            '\u{200B}' | '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{2060}' | '\u{FEFF}'
        )
}

/// Arabic diacritics (harakat, tanwin, shadda, sukun, superscript alef), and the combining
/// maddah and hamza marks (U+0653–U+0655: the optional ezafe «ـهٔ» is the same name as «ـه»).
fn is_diacritic(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{0655}' | '\u{0670}')
}

const TATWEEL: char = '\u{0640}';
const ZWNJ: char = '\u{200C}';

/// Collapses runs of white space into one space and trims the ends.
fn collapse_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Display text (names, subjects, free text): letters folded, white space collapsed, ZWNJ and
/// the user's digits kept. Invisible formatting ([`is_invisible_format`]) and control
/// characters other than newlines and tabs are dropped.
pub fn normalize_text(s: &str) -> String {
    let folded: String = s
        .chars()
        .filter(|c| (!c.is_control() || *c == '\n' || *c == '\t') && !is_invisible_format(*c))
        .map(fold_letter)
        .collect();
    folded.trim().to_owned()
}

/// One-line display text (names, titles): [`normalize_text`] with white space collapsed.
pub fn normalize_line(s: &str) -> String {
    collapse_spaces(&normalize_text(s))
}

/// Codes, numbers and identifiers: letters folded, digits ASCII, bidi and zero-width marks
/// dropped, trimmed.
pub fn normalize_code(s: &str) -> String {
    s.chars()
        .filter(|c| !is_bidi_control(*c) && !is_zero_width(*c))
        .map(fold_letter)
        .map(ascii_digit)
        .collect::<String>()
        .trim()
        .to_owned()
}

/// The key text is compared, made unique and searched by: folded letters, ASCII digits, no
/// diacritics, tatweel, bidi or zero-width marks, ZWNJ read as a space, single spaces, lower
/// case.
pub fn search_key(s: &str) -> String {
    let mapped: String = s
        .chars()
        .map(|c| if c == ZWNJ { ' ' } else { c })
        .filter(|c| {
            !is_zero_width(*c)
                && !is_bidi_control(*c)
                && !is_diacritic(*c)
                && *c != TATWEEL
                && !c.is_control()
        })
        .map(fold_letter)
        .map(ascii_digit)
        .collect::<String>()
        .to_lowercase();
    collapse_spaces(&mapped)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_and_digits_fold() {
        assert_eq!(normalize_code("  ۱۲٣ك ي  "), "123ک ی");
        assert_eq!(normalize_text("علي  كريمي"), "علی  کریمی");
        assert_eq!(normalize_line("علي   كريمي\n"), "علی کریمی");
    }

    #[test]
    fn zwnj_kept_in_display_read_as_space_in_keys() {
        let display = normalize_text("می\u{200C}روم");
        assert!(display.contains('\u{200C}'));
        assert_eq!(search_key("می\u{200C}روم"), search_key("می روم"));
        assert_eq!(search_key("ABC  ۱۲"), "abc 12");
    }

    #[test]
    fn control_characters_are_dropped() {
        assert_eq!(normalize_text("a\u{0007}b\nc"), "ab\nc");
    }

    /// Every pair the issue names is one key.
    #[test]
    fn key_pairs_from_the_issue() {
        for (a, b) in [
            // ZWNJ and space alike.
            ("اداره کل", "اداره\u{200C}کل"),
            ("اداره کل اموال", "اداره\u{200C}کل اموال"),
            ("اداره کل اموال", "  اداره \u{200C} کل   اموال "),
            // Diacritics U+064B..U+0652 and U+0670.
            ("اداره کل اموال", "اِداره کُلّ اَموال"),
            ("محمد", "مُحَمَّد"),
            ("اداره کل", "ادارهٔ کل"),
            ("علی", "عَلیٌّ"),
            ("رحمن", "رحمٰن"),
            ("کتاب", "کِتابً"),
            ("کتاب", "کتابٍ"),
            ("کتاب", "کتابْ"),
            ("کتاب", "کتابٌ"),
            ("کتاب", "کتابٍ"),
            // Tatweel.
            ("اداره", "ادارـــه"),
            // Bidi and zero-width marks.
            ("اداره کل", "\u{202B}اداره کل\u{202C}"),
            ("اداره کل", "\u{2067}اداره کل\u{2069}"),
            ("اداره کل", "اداره\u{200B} کل"),
            ("اداره کل", "ادا\u{200D}ره کل"),
            ("اداره کل", "\u{200E}اداره کل\u{200F}"),
            ("اداره کل", "\u{FEFF}اداره کل"),
            ("اداره کل", "\u{202D}اداره \u{202E}کل"),
            // Letter folds.
            ("راه", "راھ"),
            ("راه", "راە"),
            ("مدرسه", "مدرسة"),
            ("کشور", "ڪشور"),
            ("کشور", "كشور"),
            ("علی", "علي"),
            ("علی", "علی"),
            ("موسی", "موسى"),
            // Digits and case.
            ("واحد ۱۲", "واحد 12"),
            ("واحد ۱۲", "واحد ١٢"),
            ("Unit A", "unit a"),
        ] {
            assert_eq!(search_key(a), search_key(b), "{a:?} vs {b:?}");
        }
        assert_eq!(search_key("اداره\u{200C}کل"), "اداره کل");
        assert_ne!(search_key("اداره کل"), search_key("اداره کار"));
    }

    #[test]
    fn display_text_keeps_zwnj_and_folds_but_loses_bidi_controls() {
        assert_eq!(
            normalize_line("\u{202E}اداره\u{200C}كل\u{202C} راھ \u{2066}x\u{2069}"),
            "اداره\u{200C}کل راه x"
        );
        assert_eq!(normalize_text("مدرسة ڪوچك"), "مدرسه کوچک");
        // Diacritics are the writer's choice in display text.
        assert_eq!(normalize_text("مُحَمَّد"), "مُحَمَّد");
    }

    #[test]
    fn display_text_loses_directional_marks_and_zero_width_spaces_but_keeps_zwnj_and_zwj() {
        assert_eq!(
            normalize_line(
                "\u{200F}رضا\u{200B} \u{200E}احمدی\u{061C}\u{2060}\u{FEFF} می\u{200C}روم ه\u{200D}"
            ),
            "رضا احمدی می\u{200C}روم ه\u{200D}"
        );
        for c in [
            '\u{202A}', '\u{202E}', '\u{2066}', '\u{2069}', '\u{200B}', '\u{061C}',
        ] {
            assert!(is_invisible_format(c), "{c:?}");
        }
        assert!(!is_invisible_format('\u{200C}'));
        assert!(!is_invisible_format('\u{200D}'));
    }

    #[test]
    fn identifiers_lose_bidi_and_zero_width_marks() {
        assert_eq!(
            normalize_code("\u{202B}۰۹۱۲\u{200C}۱۲۳\u{200F}۴۵۶۷\u{202C}"),
            "09121234567"
        );
        assert_eq!(normalize_code("\u{2066}ABC-123\u{2069}\u{FEFF}"), "ABC-123");
        assert_eq!(normalize_code("\u{200E}1403/08/15\u{200E}"), "1403/08/15");
    }

    #[test]
    fn persian_digits_writes_ascii_digits_only() {
        assert_eq!(persian_digits("حداکثر 200 نویسه"), "حداکثر ۲۰۰ نویسه");
        assert_eq!(persian_digits("۱۲ abc"), "۱۲ abc");
    }
}
