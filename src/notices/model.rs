//! Notices: their kind, row, wire inputs, the checked inputs made from them, and the views.

use chrono::{DateTime, NaiveDateTime, TimeDelta, Utc};
use diesel::prelude::*;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::db::schema::notices;
use crate::error::{ApiError, FieldIssue};
use crate::validate::Issues;

crate::vocabulary! {
    pub enum NoticeKind {
        Info => "info",
        /// Planned: must start at least the configured lead time (default 24 h) after publication.
        Maintenance => "maintenance",
        /// Unplanned, announced as it happens: may start at once.
        Outage => "outage",
    }
}

impl NoticeKind {
    /// The kind of notice as people read it (Persian).
    pub fn label_fa(self) -> &'static str {
        match self {
            NoticeKind::Info => "اطلاع‌رسانی",
            NoticeKind::Maintenance => "نگهداری برنامه‌ریزی‌شده",
            NoticeKind::Outage => "اختلال در سامانه",
        }
    }
}

#[derive(Clone, Debug, Queryable, Selectable, Insertable)]
#[diesel(table_name = notices)]
pub struct NoticeRow {
    pub id: String,
    pub kind: NoticeKind,
    pub title: String,
    pub body: String,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub read_only: bool,
    pub created_by: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub version: i64,
}

impl NoticeRow {
    /// Whether its window is open at `at`.
    pub fn is_active(&self, at: NaiveDateTime) -> bool {
        self.starts_at <= at && at < self.ends_at
    }
}

// ---- Wire inputs -----------------------------------------------------------------------------

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateNotice {
    pub kind: NoticeKind,
    pub title: String,
    pub body: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    #[serde(default)]
    pub read_only: bool,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateNotice {
    pub title: Option<String>,
    pub body: Option<String>,
    pub starts_at: Option<DateTime<Utc>>,
    /// Set to now to end a window early.
    pub ends_at: Option<DateTime<Utc>>,
    pub read_only: Option<bool>,
}

// ---- Checked inputs --------------------------------------------------------------------------

/// What a window is checked against: the publication lead time of planned maintenance and
/// the current instant.
#[derive(Clone, Copy, Debug)]
pub struct WindowRules {
    pub lead_hours: u32,
    pub at: NaiveDateTime,
}

impl WindowRules {
    /// The rules as of `at`.
    pub fn at(lead_hours: u32, at: NaiveDateTime) -> Self {
        WindowRules { lead_hours, at }
    }

    /// `ends_at` after `starts_at`; a planned maintenance whose start is set (or moved) at
    /// least the lead time ahead (5 seconds of slack for the round trip).
    fn check(&self, issues: &mut Issues, window: Window, starts_changed: bool) {
        let Window {
            kind,
            starts_at,
            ends_at,
        } = window;
        if ends_at <= starts_at {
            issues.push(FieldIssue::new(
                "ends_at",
                "before_start",
                "پایان باید پس از آغاز باشد.",
                "ends_at must be after starts_at.",
            ));
        }
        if starts_changed && kind == NoticeKind::Maintenance {
            let lead_hours = self.lead_hours;
            let earliest = self.at + TimeDelta::hours(i64::from(lead_hours));
            if starts_at < earliest - TimeDelta::seconds(5) {
                issues.push(FieldIssue::new(
                    "starts_at",
                    "insufficient_notice",
                    format!("نگهداری برنامه‌ریزی‌شده باید دست‌کم {lead_hours} ساعت پیش‌تر اعلام شود."),
                    format!(
                        "Planned maintenance must be announced at least {lead_hours} hours ahead."
                    ),
                ));
            }
        }
    }
}

/// A notice's kind and window.
#[derive(Clone, Copy, Debug)]
struct Window {
    kind: NoticeKind,
    starts_at: NaiveDateTime,
    ends_at: NaiveDateTime,
}

/// A notice to publish.
pub struct NewNotice {
    pub kind: NoticeKind,
    pub title: String,
    pub body: String,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub read_only: bool,
}

impl TryFrom<(CreateNotice, WindowRules)> for NewNotice {
    type Error = ApiError;

    fn try_from((input, rules): (CreateNotice, WindowRules)) -> Result<Self, ApiError> {
        let mut issues = Issues::new();
        let title = issues.line("title", &input.title, 3, 200);
        let body = issues.text("body", &input.body, 3, 5000);
        let window = Window {
            kind: input.kind,
            starts_at: input.starts_at.naive_utc(),
            ends_at: input.ends_at.naive_utc(),
        };
        rules.check(&mut issues, window, true);
        if window.ends_at <= rules.at {
            issues.push(FieldIssue::new(
                "ends_at",
                "past_date",
                "پایان نمی‌تواند در گذشته باشد.",
                "ends_at cannot be in the past.",
            ));
        }
        issues.finish()?;
        Ok(NewNotice {
            kind: input.kind,
            title,
            body,
            starts_at: window.starts_at,
            ends_at: window.ends_at,
            read_only: input.read_only,
        })
    }
}

/// A notice's new content, merged from an edit and the stored row.
pub struct NoticeChange {
    pub title: String,
    pub body: String,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub read_only: bool,
}

impl NoticeChange {
    /// Applies `edit` to `current`, naming every invalid field at once. Made from the stored
    /// row (not in the handler) because the window checks read its kind and times.
    pub fn merge(
        edit: UpdateNotice,
        current: &NoticeRow,
        rules: WindowRules,
    ) -> Result<Self, ApiError> {
        let mut issues = Issues::new();
        let title = match edit.title.as_deref() {
            Some(t) => issues.line("title", t, 3, 200),
            None => current.title.clone(),
        };
        let body = match edit.body.as_deref() {
            Some(t) => issues.text("body", t, 3, 5000),
            None => current.body.clone(),
        };
        let window = Window {
            kind: current.kind,
            starts_at: edit.starts_at.map_or(current.starts_at, |t| t.naive_utc()),
            ends_at: edit.ends_at.map_or(current.ends_at, |t| t.naive_utc()),
        };
        let starts_changed = edit.starts_at.is_some() && window.starts_at != current.starts_at;
        rules.check(&mut issues, window, starts_changed);
        issues.finish()?;
        Ok(NoticeChange {
            title,
            body,
            starts_at: window.starts_at,
            ends_at: window.ends_at,
            read_only: edit.read_only.unwrap_or(current.read_only),
        })
    }
}
