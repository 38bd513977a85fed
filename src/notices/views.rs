//! What the API shows of notices.

use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::clock::Clock;
use crate::notices::model::{NoticeKind, NoticeRow};

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Notice {
    #[schema(format = Uuid)]
    pub id: String,
    pub kind: NoticeKind,
    /// `kind` as people read it (Persian).
    #[schema(example = "نگهداری برنامه‌ریزی‌شده")]
    pub kind_label_fa: &'static str,
    #[schema(example = "به‌روزرسانی سامانه")]
    pub title: String,
    pub body: String,
    pub starts_at: DateTime<Utc>,
    /// `starts_at` in the service's time zone (`SERVICE_TIMEZONE`) as a Solar Hijri date and
    /// 24-hour time with Persian digits, `YYYY/MM/DD HH:MM`.
    #[schema(example = "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰")]
    pub starts_at_jalali: String,
    pub ends_at: DateTime<Utc>,
    /// `ends_at` in the service's time zone (`SERVICE_TIMEZONE`) as a Solar Hijri date and
    /// 24-hour time with Persian digits, `YYYY/MM/DD HH:MM`.
    #[schema(example = "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰")]
    pub ends_at_jalali: String,
    /// While active, state-changing calls (except `/auth/*` and administrators') get 503
    /// `maintenance`.
    pub read_only: bool,
}

impl Notice {
    pub fn new(r: NoticeRow, clock: &Clock) -> Self {
        let (starts_at, starts_at_jalali) = clock.stamp(r.starts_at).into_parts();
        let (ends_at, ends_at_jalali) = clock.stamp(r.ends_at).into_parts();
        Notice {
            id: r.id,
            kind: r.kind,
            kind_label_fa: r.kind.label_fa(),
            title: r.title,
            body: r.body,
            starts_at_jalali,
            starts_at,
            ends_at_jalali,
            ends_at,
            read_only: r.read_only,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct NoticeList {
    pub items: Vec<Notice>,
}
