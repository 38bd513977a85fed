//! Batches and bulk actions on the wire, and the batch's rows.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;

use crate::db::schema::{request_batch_items, request_batches};
use crate::requests::model::{
    ContactInput, LetterInput, Reason, RepresentativeInput, VehicleInput,
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
