//! Iranian mobile numbers, stored as `09xxxxxxxxx`.

use crate::domain::text::normalize_code;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mobile(String);

impl Mobile {
    /// Accepts `09…`, `9…`, `+989…`, `00989…`, `989…` with Persian or ASCII digits, spaces,
    /// dashes, parentheses and bidi marks; a trunk `0` after the country code (`+98 (0) 914…`)
    /// is dropped.
    pub fn parse(input: &str) -> Option<Mobile> {
        let compact: String = normalize_code(input)
            .chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '(' | ')'))
            .collect();
        let international = compact
            .strip_prefix("+98")
            .or_else(|| compact.strip_prefix("0098"));
        let national = if let Some(rest) = international {
            // `+98 (0) 914…`: the trunk prefix written after the country code.
            rest.strip_prefix('0').unwrap_or(rest).to_owned()
        } else if compact.len() == 12 && compact.starts_with("989") {
            compact[2..].to_owned()
        } else if let Some(rest) = compact.strip_prefix('0') {
            rest.to_owned()
        } else {
            compact
        };
        if national.len() == 10
            && national.starts_with('9')
            && national.chars().all(|c| c.is_ascii_digit())
        {
            Some(Mobile(format!("0{national}")))
        } else {
            None
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A mobile number as logs and views may show it: `0914***4567` (the operator prefix and the
/// last four digits). Anything that is not 11 characters long is hidden entirely.
pub fn mask(mobile: &str) -> String {
    let chars: Vec<char> = mobile.chars().collect();
    if chars.len() != 11 {
        return "***".to_owned();
    }
    let head: String = chars[..4].iter().collect();
    let tail: String = chars[7..].iter().collect();
    format!("{head}***{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_the_middle() {
        assert_eq!(mask("09141234567"), "0914***4567");
        assert_eq!(mask("0914"), "***");
    }

    #[test]
    fn table() {
        for (input, want) in [
            ("09121234567", "09121234567"),
            ("+989121234567", "09121234567"),
            ("00989121234567", "09121234567"),
            ("989121234567", "09121234567"),
            ("۰۹۱۲۱۲۳۴۵۶۷", "09121234567"),
            ("0912 123 4567", "09121234567"),
            ("0912-123-4567", "09121234567"),
            ("9121234567", "09121234567"),
            ("+98 (0) 914 123 4567", "09141234567"),
            ("+98(0)9141234567", "09141234567"),
            ("0098 (0) 914 123 4567", "09141234567"),
            ("\u{202A}+98 914 123 4567\u{202C}", "09141234567"),
            ("\u{200F}۰۹۱۴\u{200C}۱۲۳۴۵۶۷", "09141234567"),
        ] {
            assert_eq!(
                Mobile::parse(input).map(|m| m.0),
                Some(want.to_owned()),
                "{input}"
            );
        }
        for bad in [
            "",
            "0912123456",
            "091212345678",
            "02112345678",
            "+14155550100",
            "0912abc4567",
            "+98 (0) 0914 123 4567",
        ] {
            assert_eq!(Mobile::parse(bad), None, "{bad}");
        }
    }
}
