//! What the API shows of complaints and feedback.

use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::clock::Clock;
use crate::complaints::model::{
    Category, ComplaintEventKind, ComplaintRow, ComplaintStatus, EventRow, FeedbackRow,
};
use crate::requests::views::ActorView;

#[derive(Serialize, ToSchema)]
pub struct ComplaintEvent {
    /// `received`, `response` or `closed`.
    pub kind: ComplaintEventKind,
    /// `kind` as people read it (Persian).
    #[schema(example = "پاسخ اداره کل")]
    pub kind_label_fa: &'static str,
    pub from: Option<ComplaintStatus>,
    pub to: ComplaintStatus,
    /// `to` as people read it (Persian).
    #[schema(example = "پاسخ داده شد")]
    pub to_label_fa: &'static str,
    pub at: DateTime<Utc>,
    /// `at` in the service's time zone (`SERVICE_TIMEZONE`) as a Solar Hijri date and
    /// 24-hour time with Persian digits, `YYYY/MM/DD HH:MM`.
    #[schema(example = "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰")]
    pub at_jalali: String,
    pub actor: ActorView,
    /// The response text (for `response`).
    pub body: Option<String>,
}

impl ComplaintEvent {
    pub fn new(e: EventRow, clock: &Clock) -> Self {
        let (at, at_jalali) = clock.stamp(e.at).into_parts();
        ComplaintEvent {
            kind: e.kind,
            kind_label_fa: e.kind.label_fa(),
            from: e.from_status,
            to: e.to_status,
            to_label_fa: e.to_status.label_fa(),
            at_jalali,
            at,
            actor: ActorView::new(e.actor_id, e.actor_name, e.actor_role),
            body: e.body,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct Complaint {
    #[schema(format = Uuid)]
    pub id: String,
    /// Its own tracking code (same generator and namespace as requests').
    pub tracking_code: String,
    pub status: ComplaintStatus,
    pub status_label_fa: &'static str,
    pub category: Category,
    /// `category` as people read it (Persian).
    #[schema(example = "تأخیر در رسیدگی")]
    pub category_label_fa: &'static str,
    pub subject: String,
    pub body: String,
    #[schema(format = Uuid)]
    pub organisation_id: String,
    pub created_by: String,
    /// The request it concerns, if any.
    #[schema(format = Uuid)]
    pub request_id: Option<String>,
    /// Every step, oldest first (only in single-complaint responses).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub history: Option<Vec<ComplaintEvent>>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    /// `created_at` in the service's time zone (`SERVICE_TIMEZONE`) as a Solar Hijri date and
    /// 24-hour time with Persian digits, `YYYY/MM/DD HH:MM`.
    #[schema(example = "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰")]
    pub created_at_jalali: String,
    pub updated_at: DateTime<Utc>,
    /// `updated_at` in the service's time zone (`SERVICE_TIMEZONE`) as a Solar Hijri date and
    /// 24-hour time with Persian digits, `YYYY/MM/DD HH:MM`.
    #[schema(example = "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰")]
    pub updated_at_jalali: String,
}

impl Complaint {
    /// The complaint with its history (single-complaint responses).
    pub fn with_history(row: ComplaintRow, history: Vec<EventRow>, clock: &Clock) -> Complaint {
        let mut view = Complaint::new(row, clock);
        view.history = Some(
            history
                .into_iter()
                .map(|e| ComplaintEvent::new(e, clock))
                .collect(),
        );
        view
    }

    /// The list item: no history.
    pub fn new(row: ComplaintRow, clock: &Clock) -> Self {
        let (created_at, created_at_jalali) = clock.stamp(row.created_at).into_parts();
        let (updated_at, updated_at_jalali) = clock.stamp(row.updated_at).into_parts();
        Complaint {
            id: row.id,
            tracking_code: row.tracking_code,
            status: row.status,
            status_label_fa: row.status.label_fa(),
            category: row.category,
            category_label_fa: row.category.label_fa(),
            subject: row.subject,
            body: row.body,
            organisation_id: row.organisation_id,
            created_by: row.created_by,
            request_id: row.request_id,
            history: None,
            version: row.version,
            created_at_jalali,
            created_at,
            updated_at_jalali,
            updated_at,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct Feedback {
    #[schema(format = Uuid)]
    pub request_id: String,
    pub rating: i32,
    pub comment: Option<String>,
    pub created_at: DateTime<Utc>,
    /// `created_at` in the service's time zone (`SERVICE_TIMEZONE`) as a Solar Hijri date and
    /// 24-hour time with Persian digits, `YYYY/MM/DD HH:MM`.
    #[schema(example = "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰")]
    pub created_at_jalali: String,
}

impl Feedback {
    pub fn new(row: FeedbackRow, clock: &Clock) -> Self {
        let (created_at, created_at_jalali) = clock.stamp(row.created_at).into_parts();
        Feedback {
            request_id: row.request_id,
            rating: row.rating,
            comment: row.comment,
            created_at_jalali,
            created_at,
        }
    }
}
