//! Iranian mobile numbers, stored as `09xxxxxxxxx`.

use crate::domain::text::normalize_code;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mobile(String);

impl Mobile {
    /// Accepts `09…`, `9…`, `+989…`, `00989…`, `989…` with Persian or ASCII digits, spaces and
    /// dashes.
    pub fn parse(input: &str) -> Option<Mobile> {
        let compact: String = normalize_code(input)
            .chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '(' | ')'))
            .collect();
        let national = if let Some(rest) = compact.strip_prefix("+98") {
            rest.to_owned()
        } else if let Some(rest) = compact.strip_prefix("0098") {
            rest.to_owned()
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

#[cfg(test)]
mod tests {
    use super::*;

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
        ] {
            assert_eq!(Mobile::parse(bad), None, "{bad}");
        }
    }
}
