//! Batches and bulk actions on the wire, and the batch's rows.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;

use crate::db::schema::{request_batch_items, request_batches};
use crate::domain::status::RequestStatus;
use crate::requests::model::{
    ContactInput, LetterInput, LetterView, Reason, RepresentativeInput, VehicleInput,
};

// ---- rows ----------------------------------------------------------------------------------

#[derive(Clone, Debug, Queryable, Selectable, Insertable)]
#[diesel(table_name = request_batches)]
pub struct BatchRow {
    pub id: String,
    pub tracking_code: String,
    pub organisation_id: String,
    pub created_by: String,
    pub letter_number: String,
    pub letter_date: NaiveDate,
    pub reason: Reason,
    pub contact_mobile: String,
    pub vehicle_count: i32,
    pub created_at: NaiveDateTime,
}

#[derive(Clone, Debug, Queryable, Selectable, Insertable)]
#[diesel(table_name = request_batch_items)]
pub struct BatchItemRow {
    pub request_id: String,
    pub batch_id: String,
    pub position: i32,
}

// ---- filing --------------------------------------------------------------------------------

/// A batch of vehicles filed at once: what they share, once, and the vehicles (1–200), each
/// as in a single filing (`POST /requests`).
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateBatch {
    pub reason: Reason,
    /// Required when `reason` is `other`.
    pub reason_details: Option<String>,
    pub letter: LetterInput,
    pub contact: ContactInput,
    /// The person who brings the vehicles to the police; optional.
    pub representative: Option<RepresentativeInput>,
    pub description: Option<String>,
    /// 1–200 vehicles; no two the same vehicle (same plate, VIN or chassis number).
    pub vehicles: Vec<VehicleInput>,
}

// ---- the batch as read -----------------------------------------------------------------------

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

// ---- bulk actions --------------------------------------------------------------------------

/// What a bulk call does to each of its requests.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum BulkAction {
    /// Take for review (`POST /requests/{id}/review`): `submitted` → `under_review`.
    Review,
    /// Ask for the same documents (`POST /requests/{id}/document-requests`):
    /// `under_review` → `awaiting_documents`.
    RequestDocuments,
    /// Issue each request its permit (`POST /requests/{id}/permit`):
    /// `under_review` → `permit_issued`.
    IssuePermit,
}

/// One request of a bulk call.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BulkItem {
    #[schema(format = Uuid)]
    pub request_id: String,
    /// The request's `ETag` as last read (as `If-Match` of the single call): this item is 412
    /// when stale, 428 when missing.
    #[schema(example = "\"2\"")]
    pub if_match: Option<String>,
    /// For `issue_permit`: this request's permit number in the national vehicle system
    /// (required, unique).
    #[schema(example = "NV-1403-884512")]
    pub national_permit_number: Option<String>,
}

/// What every permit of an `issue_permit` call shares.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BulkPermit {
    /// As in `POST /requests/{id}/permit`.
    #[schema(example = "1405/09/25")]
    pub valid_until: String,
    pub notes: Option<String>,
    #[schema(format = Uuid)]
    pub police_organisation_id: Option<String>,
}

/// One call acting on many requests.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BulkBody {
    pub action: BulkAction,
    /// 1–200 requests, each named once.
    pub items: Vec<BulkItem>,
    /// For `request_documents` (required then): the ask, as in
    /// `POST /requests/{id}/document-requests`, the same for every request.
    #[schema(value_type = Option<crate::documents::model::CreateDocumentRequest>)]
    pub document_request: Option<Value>,
    /// For `issue_permit` (required then).
    pub permit: Option<BulkPermit>,
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
