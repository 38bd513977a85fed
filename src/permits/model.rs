//! Rows and API shapes of permits, receipts and registrations.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::clock::utc;
use crate::db::schema::{permits, receipts, registrations};

#[derive(Clone, Debug, Queryable, Selectable, Insertable)]
#[diesel(table_name = permits)]
pub struct PermitRow {
    pub id: String,
    pub permit_number: String,
    pub national_permit_number: String,
    pub request_id: String,
    pub tracking_code: String,
    pub plate: String,
    pub vin: String,
    pub issued_at: NaiveDateTime,
    pub issued_by: String,
    pub valid_until: NaiveDateTime,
    pub notes: Option<String>,
    pub status: String,
    pub queue_rank: i32,
    pub version: i64,
    pub updated_at: NaiveDateTime,
}

impl PermitRow {
    /// Issued, never acted on, and past its validity.
    pub fn is_expired_unused(&self, now: NaiveDateTime) -> bool {
        self.status == "issued" && self.valid_until < now
    }

    /// The status as shown: `expired` is derived from `valid_until`.
    pub fn shown_status(&self, now: NaiveDateTime) -> PermitStatus {
        match self.status.as_str() {
            "used" => PermitStatus::Used,
            "refused" => PermitStatus::Refused,
            _ if self.valid_until < now => PermitStatus::Expired,
            _ => PermitStatus::Issued,
        }
    }
}

#[derive(Clone, Debug, Queryable, Selectable, Insertable)]
#[diesel(table_name = receipts)]
pub struct ReceiptRow {
    pub id: String,
    pub permit_id: String,
    pub request_id: String,
    pub outcome: String,
    pub receipt_number: String,
    pub occurred_at: NaiveDateTime,
    pub plates_count: Option<i32>,
    pub officer_name: Option<String>,
    pub unit: Option<String>,
    pub notes: Option<String>,
    pub recorded_at: NaiveDateTime,
    pub recorded_by: String,
}

#[derive(Clone, Debug, Queryable, Selectable, Insertable)]
#[diesel(table_name = registrations)]
pub struct RegistrationRow {
    pub request_id: String,
    pub national_registration_number: String,
    pub registered_at: NaiveDateTime,
    pub recorded_at: NaiveDateTime,
    pub recorded_by: String,
}

/// `issued` (waiting for the police), `used` (plate removed), `refused` (police did not
/// approve), `expired` (past `valid_until` with no receipt).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PermitStatus {
    Issued,
    Used,
    Refused,
    Expired,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The plate was removed.
    Removed,
    /// The police did not approve the removal (`notes` must say why).
    Refused,
}

#[derive(Serialize, ToSchema)]
pub struct ReceiptView {
    pub id: String,
    pub outcome: Outcome,
    pub receipt_number: String,
    pub occurred_at: DateTime<Utc>,
    pub plates_count: Option<i32>,
    pub officer_name: Option<String>,
    pub unit: Option<String>,
    pub notes: Option<String>,
    pub recorded_at: DateTime<Utc>,
}

impl From<ReceiptRow> for ReceiptView {
    fn from(r: ReceiptRow) -> Self {
        ReceiptView {
            id: r.id,
            outcome: if r.outcome == "removed" {
                Outcome::Removed
            } else {
                Outcome::Refused
            },
            receipt_number: r.receipt_number,
            occurred_at: utc(r.occurred_at),
            plates_count: r.plates_count,
            officer_name: r.officer_name,
            unit: r.unit,
            notes: r.notes,
            recorded_at: utc(r.recorded_at),
        }
    }
}

/// A plate-removal permit.
#[derive(Serialize, ToSchema)]
pub struct PermitView {
    pub id: String,
    /// This service's permit number (12 digits, Verhoeff check digit), printed on the permit.
    #[schema(example = "731904552817")]
    pub permit_number: String,
    /// The permit's number in the national vehicle system (سامانه جامع خودرو).
    pub national_permit_number: String,
    pub request_id: String,
    pub tracking_code: String,
    /// The vehicle's plate and VIN, copied when the permit was issued.
    pub plate: String,
    pub vin: String,
    pub issued_at: DateTime<Utc>,
    pub valid_until: DateTime<Utc>,
    pub status: PermitStatus,
    pub notes: Option<String>,
    /// The police's receipt, once posted.
    pub receipt: Option<ReceiptView>,
    pub version: i64,
    pub updated_at: DateTime<Utc>,
}

impl PermitView {
    pub fn build(row: PermitRow, receipt: Option<ReceiptRow>, now: NaiveDateTime) -> Self {
        PermitView {
            status: row.shown_status(now),
            id: row.id,
            permit_number: row.permit_number,
            national_permit_number: row.national_permit_number,
            request_id: row.request_id,
            tracking_code: row.tracking_code,
            plate: row.plate,
            vin: row.vin,
            issued_at: utc(row.issued_at),
            valid_until: utc(row.valid_until),
            notes: row.notes,
            receipt: receipt.map(ReceiptView::from),
            version: row.version,
            updated_at: utc(row.updated_at),
        }
    }
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct IssuePermit {
    /// The permit's number in the national vehicle system; unique.
    #[schema(example = "NV-1403-884512")]
    pub national_permit_number: String,
    /// An RFC 3339 time, or a date (ISO or Jalali: valid through the end of that day, Tehran
    /// time). In the future and within the configured maximum (default 30 days).
    #[schema(example = "1403/09/15")]
    pub valid_until: String,
    pub notes: Option<String>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PostReceipt {
    pub outcome: Outcome,
    #[schema(example = "R-5521")]
    pub receipt_number: String,
    /// When the plate was removed (or the removal refused): not in the future, not before the
    /// permit was issued.
    pub occurred_at: DateTime<Utc>,
    pub plates_count: Option<i32>,
    pub officer_name: Option<String>,
    pub unit: Option<String>,
    /// Required when `outcome` is `refused`: the reason.
    pub notes: Option<String>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PostRegistration {
    /// The removal's number in the national vehicle system; unique.
    pub national_registration_number: String,
    /// When it was recorded there: not in the future.
    pub registered_at: DateTime<Utc>,
}

/// The public answer to "is this printed permit genuine and valid?".
#[derive(Serialize, ToSchema)]
pub struct PermitVerification {
    pub permit_number: String,
    pub status: PermitStatus,
    pub valid_until: DateTime<Utc>,
}
