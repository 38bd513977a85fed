//! Persian text normalisation.
//!
//! Three kinds of text, three functions:
//!
//! - **Display text** ([`normalize_text`], [`normalize_line`]): letter forms folded (Arabic ي/ى
//!   → ی, ك/ڪ → ک, ة/ھ/ە → ه), invisible characters that can spoof what a reader sees dropped
//!   ([`is_invisible_format`]: every Unicode format (Cf) character — bidi controls, LRM, RLM,
//!   ALM, zero-width space, word joiner, BOM, soft hyphen, tag characters, U+206A–U+206F,
//!   U+FFF9–U+FFFB, U+180E — and the Hangul fillers, U+034F and the whole tag block) with
//!   control characters; ZWNJ (نیم‌فاصله, Persian orthography), ZWJ (which forces a joining
//!   form) and the user's digits kept.
//! - **Identifiers** ([`normalize_code`]: codes, tracking codes, permit numbers, plates, national
//!   ids, mobiles, VIN/chassis numbers, dates): letters folded, Persian and Arabic-Indic digits
//!   ASCII, every bidi and zero-width mark dropped, trimmed.
//! - **Keys** ([`search_key`]: what names are compared, made unique and searched by): display
//!   folds plus diacritics (U+064B–U+0652, U+0670, and the combining marks U+0653–U+0655 such
//!   as the ezafe hamza of «ادارهٔ»), tatweel (U+0640), zero-width/bidi marks and every
//!   invisible character of [`is_invisible_format`] dropped, ZWNJ read as a space, white space collapsed, ASCII digits, lower case — so
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

/// Unicode's format characters (general category Cf, Unicode 15.1), as ranges. Generated from
/// `DerivedGeneralCategory.txt` rather than taken from a crate: the list is short and changes
/// rarely (a new Unicode version adds a handful), a table keeps the dependency tree and
/// `Cargo.lock` as they are, and `cf_table_is_sorted_and_disjoint` plus the per-class tests
/// below pin it.
const FORMAT_CF: &[(char, char)] = &[
    ('\u{00AD}', '\u{00AD}'),   // soft hyphen
    ('\u{0600}', '\u{0605}'),   // Arabic number signs
    ('\u{061C}', '\u{061C}'),   // Arabic letter mark (ALM)
    ('\u{06DD}', '\u{06DD}'),   // Arabic end of ayah
    ('\u{070F}', '\u{070F}'),   // Syriac abbreviation mark
    ('\u{0890}', '\u{0891}'),   // Arabic pound and piastre marks above
    ('\u{08E2}', '\u{08E2}'),   // Arabic disputed end of ayah
    ('\u{180E}', '\u{180E}'),   // Mongolian vowel separator
    ('\u{200B}', '\u{200F}'),   // ZWSP, ZWNJ, ZWJ, LRM, RLM
    ('\u{202A}', '\u{202E}'),   // bidi embeddings and overrides
    ('\u{2060}', '\u{2064}'),   // word joiner, invisible operators
    ('\u{2066}', '\u{206F}'),   // bidi isolates, deprecated format controls
    ('\u{FEFF}', '\u{FEFF}'),   // BOM / zero-width no-break space
    ('\u{FFF9}', '\u{FFFB}'),   // interlinear annotation controls
    ('\u{110BD}', '\u{110BD}'), // Kaithi number sign
    ('\u{110CD}', '\u{110CD}'), // Kaithi number sign above
    ('\u{13430}', '\u{1343F}'), // Egyptian hieroglyph format controls
    ('\u{1BCA0}', '\u{1BCA3}'), // shorthand format controls
    ('\u{1D173}', '\u{1D17A}'), // musical symbol format controls
    ('\u{E0001}', '\u{E0001}'), // language tag
    ('\u{E0020}', '\u{E007F}'), // tag characters
];

/// Whether `c` is a format (Cf) character.
pub fn is_format_cf(c: char) -> bool {
    FORMAT_CF
        .binary_search_by(|&(lo, hi)| {
            if hi < c {
                std::cmp::Ordering::Less
            } else if lo > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// Characters that show nothing and are not format characters, but pass for blanks or
/// letters: the Hangul fillers (U+115F, U+1160, U+3164, U+FFA0), the combining grapheme joiner
/// (U+034F), and the whole tag block U+E0000–U+E007F (its unassigned code points too).
fn is_invisible_filler(c: char) -> bool {
    matches!(
        c,
        '\u{115F}' | '\u{1160}' | '\u{3164}' | '\u{FFA0}' | '\u{034F}' | '\u{E0000}'..='\u{E007F}'
    )
}

/// Invisible characters dropped from display text, identifiers and keys: every format (Cf)
/// character — bidi embeddings, overrides and isolates, LRM, RLM, ALM, the zero-width space,
/// word joiner and BOM, the soft hyphen (U+00AD), the Mongolian vowel separator (U+180E), the
/// deprecated format controls (U+206A–U+206F), the interlinear annotation controls
/// (U+FFF9–U+FFFB), the tag characters — and the invisible fillers
/// ([`is_invisible_filler`]). ZWNJ (U+200C) and ZWJ (U+200D) are not here: Persian writing
/// uses them.
pub fn is_invisible_format(c: char) -> bool {
    c != ZWNJ && c != ZWJ && (is_format_cf(c) || is_invisible_filler(c))
}

/// Arabic diacritics (harakat, tanwin, shadda, sukun, superscript alef), and the combining
/// maddah and hamza marks (U+0653–U+0655: the optional ezafe «ـهٔ» is the same name as «ـه»).
fn is_diacritic(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{0655}' | '\u{0670}')
}

const TATWEEL: char = '\u{0640}';
const ZWNJ: char = '\u{200C}';
const ZWJ: char = '\u{200D}';

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
        .filter(|c| !is_bidi_control(*c) && !is_zero_width(*c) && !is_invisible_format(*c))
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
                && !is_invisible_format(*c)
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

    #[test]
    fn cf_table_is_sorted_and_disjoint() {
        for w in FORMAT_CF.windows(2) {
            assert!(w[0].0 <= w[0].1 && w[0].1 < w[1].0, "{w:?}");
        }
        let n: u32 = FORMAT_CF
            .iter()
            .map(|(a, b)| *b as u32 - *a as u32 + 1)
            .sum();
        // Unicode 15.1 has 170 format characters.
        assert_eq!(n, 170);
    }

    /// One assertion per class the issue names: dropped from display text, identifiers and
    /// keys; ZWNJ and ZWJ kept in display text.
    #[test]
    fn every_invisible_class_is_dropped() {
        let classes: &[(&str, &[char])] = &[
            (
                "tag block",
                &[
                    '\u{E0000}',
                    '\u{E0001}',
                    '\u{E0020}',
                    '\u{E0041}',
                    '\u{E007F}',
                ],
            ),
            (
                "deprecated format controls",
                &[
                    '\u{206A}', '\u{206B}', '\u{206C}', '\u{206D}', '\u{206E}', '\u{206F}',
                ],
            ),
            (
                "Hangul fillers",
                &['\u{3164}', '\u{115F}', '\u{1160}', '\u{FFA0}'],
            ),
            ("soft hyphen", &['\u{00AD}']),
            ("combining grapheme joiner", &['\u{034F}']),
            ("Mongolian vowel separator", &['\u{180E}']),
            (
                "interlinear annotation",
                &['\u{FFF9}', '\u{FFFA}', '\u{FFFB}'],
            ),
            (
                "invisible operators",
                &['\u{2061}', '\u{2062}', '\u{2063}', '\u{2064}'],
            ),
            (
                "Arabic number signs",
                &['\u{0600}', '\u{0605}', '\u{06DD}', '\u{08E2}'],
            ),
            (
                "other Cf",
                &[
                    '\u{070F}',
                    '\u{110BD}',
                    '\u{13430}',
                    '\u{1343F}',
                    '\u{1BCA0}',
                    '\u{1D173}',
                ],
            ),
            (
                "bidi and zero width",
                &[
                    '\u{202E}', '\u{2067}', '\u{200B}', '\u{200E}', '\u{2060}', '\u{FEFF}',
                    '\u{061C}',
                ],
            ),
        ];
        for (class, chars) in classes {
            for c in *chars {
                assert!(is_invisible_format(*c), "{class}: {c:?}");
                let dirty = format!("{c}اداره {c}کل{c}");
                assert_eq!(normalize_line(&dirty), "اداره کل", "{class}: {c:?}");
                assert_eq!(search_key(&dirty), search_key("اداره کل"), "{class}: {c:?}");
                assert_eq!(
                    normalize_code(&format!("{c}AB{c}12")),
                    "AB12",
                    "{class}: {c:?}"
                );
            }
        }
        assert!(!is_invisible_format('\u{200C}'));
        assert!(!is_invisible_format('\u{200D}'));
        assert_eq!(
            normalize_text("می\u{200C}روم ه\u{200D}"),
            "می\u{200C}روم ه\u{200D}"
        );
        // Visible neighbours stay.
        for c in ['a', 'ی', '\u{2065}', '\u{3165}', '\u{E0080}'] {
            assert!(!is_invisible_format(c), "{c:?}");
        }
    }

    #[test]
    fn a_name_with_tag_characters_has_the_clean_name_key() {
        let tagged = "سازمان\u{E0041}\u{E0042} نمونه\u{E007F}\u{3164}\u{00AD}";
        assert_eq!(search_key(tagged), search_key("سازمان نمونه"));
        assert_eq!(normalize_line(tagged), "سازمان نمونه");
    }
}
