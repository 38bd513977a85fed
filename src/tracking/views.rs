//! What public tracking shows of a request or a complaint.

use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

fn kind_schema() -> utoipa::openapi::schema::Object {
    crate::http::openapi::string_enum("What the code tracks.", &["request", "complaint"])
}

#[derive(Serialize, ToSchema)]
pub struct TrackView {
    #[schema(example = "482177305512")]
    pub tracking_code: String,
    /// `request` or `complaint`.
    #[schema(schema_with = kind_schema)]
    pub kind: String,
    #[schema(example = "under_review")]
    pub status: String,
    #[schema(example = "در حال بررسی")]
    pub status_label_fa: String,
    pub updated_at: DateTime<Utc>,
    /// `updated_at` in the service's time zone (`SERVICE_TIMEZONE`) as a Solar Hijri date and
    /// 24-hour time with Persian digits, `YYYY/MM/DD HH:MM`.
    #[schema(example = "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰")]
    pub updated_at_jalali: String,
}
