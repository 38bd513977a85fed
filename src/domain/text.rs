//! Persian text normalisation.
//!
//! - Letters: Arabic ي and ى become Persian ی; Arabic ك becomes Persian ک (everywhere).
//! - Digits: Persian (۰–۹) and Arabic-Indic (٠–٩) digits become ASCII in codes, numbers and
//!   plates ([`normalize_code`]); free text keeps the digits the user typed.
//! - ZWNJ (نیم‌فاصله) is kept in display text and ignored by [`search_key`].

/// Maps one character: Arabic letter forms to Persian.
fn fold_letter(c: char) -> char {
    match c {
        '\u{064A}' | '\u{0649}' => '\u{06CC}', // ي ى -> ی
        '\u{0643}' => '\u{06A9}',              // ك -> ک
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

fn is_zero_width(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{200E}' | '\u{200F}' | '\u{FEFF}'
    )
}

/// Collapses runs of white space into one space and trims the ends.
fn collapse_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Display text (names, subjects, free text): letters folded, white space collapsed, ZWNJ and
/// the user's digits kept. Control characters other than newlines and tabs are dropped.
pub fn normalize_text(s: &str) -> String {
    let folded: String = s
        .chars()
        .filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
        .map(fold_letter)
        .collect();
    folded.trim().to_owned()
}

/// One-line display text (names, titles): [`normalize_text`] with white space collapsed.
pub fn normalize_line(s: &str) -> String {
    collapse_spaces(&normalize_text(s))
}

/// Codes, numbers and identifiers: letters folded, digits ASCII, trimmed.
pub fn normalize_code(s: &str) -> String {
    s.chars()
        .map(fold_letter)
        .map(ascii_digit)
        .collect::<String>()
        .trim()
        .to_owned()
}

/// The key text is compared and searched by: folded letters, ASCII digits, no zero-width
/// characters, lower case, single spaces.
pub fn search_key(s: &str) -> String {
    let mapped: String = s
        .chars()
        .filter(|c| !is_zero_width(*c))
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
    fn zwnj_kept_in_display_ignored_in_search() {
        let display = normalize_text("می\u{200C}روم");
        assert!(display.contains('\u{200C}'));
        assert_eq!(search_key("می\u{200C}روم"), search_key("میروم"));
        assert_eq!(search_key("ABC  ۱۲"), "abc 12");
    }

    #[test]
    fn control_characters_are_dropped() {
        assert_eq!(normalize_text("a\u{0007}b\nc"), "ab\nc");
    }
}
