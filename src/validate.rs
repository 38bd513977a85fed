//! Collects field errors so that one 422 names every invalid field at once.

use crate::domain::text::{normalize_line, normalize_text};
use crate::error::{ApiError, ApiResult, FieldIssue};

#[derive(Default, Debug)]
pub struct Issues(Vec<FieldIssue>);

impl Issues {
    pub fn new() -> Self {
        Issues(Vec::new())
    }

    pub fn push(&mut self, issue: FieldIssue) {
        self.0.push(issue);
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// A required one-line text (names, titles), normalised, `min..=max` characters.
    pub fn line(&mut self, field: &str, value: &str, min: usize, max: usize) -> String {
        let v = normalize_line(value);
        self.check_len(field, &v, min, max);
        v
    }

    /// A required multi-line text (descriptions, bodies), normalised, `min..=max` characters.
    pub fn text(&mut self, field: &str, value: &str, min: usize, max: usize) -> String {
        let v = normalize_text(value);
        self.check_len(field, &v, min, max);
        v
    }

    /// An optional multi-line text: empty becomes `None`.
    pub fn opt_text(&mut self, field: &str, value: Option<&str>, max: usize) -> Option<String> {
        let v = normalize_text(value?);
        if v.is_empty() {
            return None;
        }
        self.check_len(field, &v, 1, max);
        Some(v)
    }

    fn check_len(&mut self, field: &str, v: &str, min: usize, max: usize) {
        let n = v.chars().count();
        if n == 0 && min > 0 {
            self.push(FieldIssue::required(field));
        } else if n < min {
            self.push(FieldIssue::new(
                field,
                "too_short",
                format!("دست‌کم {min} نویسه لازم است."),
                format!("At least {min} characters are required."),
            ));
        } else if n > max {
            self.push(FieldIssue::new(
                field,
                "too_long",
                format!("حداکثر {max} نویسه مجاز است."),
                format!("At most {max} characters are allowed."),
            ));
        }
    }

    /// 422 with every collected issue, or Ok.
    pub fn finish(self) -> ApiResult<()> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(ApiError::validation(self.0))
        }
    }
}
