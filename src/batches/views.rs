//! What the batch resource answers: a batch with its requests and counts, and a bulk call's
//! per-item results and digests.

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::Value;
use utoipa::ToSchema;

use crate::batches::model::BulkAction;
use crate::domain::status::RequestStatus;
use crate::requests::model::Reason;
use crate::requests::views::LetterView;

/// How many of the batch's requests stand in one status.
#[derive(Serialize, ToSchema)]
pub struct StatusCount {
    pub status: RequestStatus,
    /// `status` as people read it (Persian).
    #[schema(example = "مجوز صادر و به پلیس راهور ارسال شد")]
    pub status_label_fa: &'static str,
    #[schema(example = 38)]
    pub count: i64,
}

/// One request of a batch.
#[derive(Serialize, ToSchema)]
pub struct BatchMember {
    /// The vehicle's place in the filing (0-based, as `/vehicles/{position}`).
    pub position: i32,
    #[schema(format = Uuid)]
    pub request_id: String,
    #[schema(example = "482177305512")]
    pub tracking_code: String,
    /// Canonical plate, e.g. `12الف345-67`.
    pub plate: String,
    pub status: RequestStatus,
    /// `status` as people read it (Persian).
    #[schema(example = "در حال بررسی")]
    pub status_label_fa: &'static str,
    /// The request's version; `etag` is what a bulk item's `if_match` carries.
    pub version: i64,
    #[schema(example = "\"2\"")]
    pub etag: String,
}

/// A batch: its tracking code, what its vehicles share, every request's status and a count by
/// status.
#[derive(Serialize, ToSchema)]
pub struct BatchView {
    #[schema(format = Uuid)]
    pub id: String,
    /// The batch's own tracking code (12 digits), in the namespace of requests' codes.
    #[schema(example = "310322632156")]
    pub tracking_code: String,
    #[schema(format = Uuid)]
    pub organisation_id: String,
    pub reason: Reason,
    /// `reason` as people read it (Persian).
    #[schema(example = "فروش از طریق مزایده")]
    pub reason_label_fa: &'static str,
    pub letter: LetterView,
    pub vehicle_count: i32,
    /// How many requests stand in each status (only statuses that have some), most first.
    pub counts: Vec<StatusCount>,
    /// The counts in one line, as the digest SMS says them.
    #[schema(example = "۴۰ خودرو: ۳۸ مجوز صادر شد، ۲ در انتظار مدرک")]
    pub summary_fa: String,
    /// The batch's requests in filing order.
    pub requests: Vec<BatchMember>,
    pub created_at: DateTime<Utc>,
    /// `created_at` in the service's time zone as a Solar Hijri date and time, Persian digits.
    #[schema(example = "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰")]
    pub created_at_jalali: String,
}

/// One item's outcome.
#[derive(Serialize, ToSchema)]
pub struct BulkItemResult {
    #[schema(format = Uuid)]
    pub request_id: String,
    /// The HTTP status the single call would have answered (200, 201, 404, 409, 412, 428, …).
    #[schema(example = 201)]
    pub status: u16,
    /// The request's new `ETag` after a success.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(example = "\"3\"")]
    pub etag: Option<String>,
    /// The request's status after a success.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_status: Option<RequestStatus>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(example = "مجوز صادر و به پلیس راهور ارسال شد")]
    pub request_status_label_fa: Option<&'static str>,
    /// After a success, what the single call answers: the request (`review`), the document
    /// request (`request_documents`), the permit (`issue_permit`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Object>)]
    pub result: Option<Value>,
    /// After a failure, the problem the single call would have answered.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<crate::error::Problem>)]
    pub problem: Option<Value>,
}

/// The digest SMS a bulk call sent for one batch.
#[derive(Serialize, ToSchema)]
pub struct BatchDigest {
    #[schema(format = Uuid)]
    pub batch_id: String,
    pub tracking_code: String,
    /// The batch's counts after the call, as the SMS says them.
    #[schema(example = "۴۰ خودرو: ۳۸ مجوز صادر شد، ۲ در انتظار مدرک")]
    pub summary_fa: String,
}

/// A bulk call's answer (`207 Multi-Status`): one result per item, in the order asked.
#[derive(Serialize, ToSchema)]
pub struct BulkResult {
    pub action: BulkAction,
    pub succeeded: usize,
    pub failed: usize,
    pub items: Vec<BulkItemResult>,
    /// One digest SMS per batch whose requests this call changed (requests filed alone get
    /// their own message as after a single call).
    pub digests: Vec<BatchDigest>,
}
