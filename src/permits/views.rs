//! What the API shows of permits and receipts.

use chrono::{DateTime, NaiveDateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::clock::utc;
use crate::domain::reasons::{RefusalReason, RevocationReason};
use crate::permits::model::{Outcome, PermitRow, PermitStatus, ReceiptRow};

#[derive(Serialize, ToSchema)]
pub struct ReceiptView {
    pub id: String,
    pub outcome: Outcome,
    pub receipt_number: String,
    pub occurred_at: DateTime<Utc>,
    pub plates_count: Option<i32>,
    /// Why the police did not remove the plates (refusals only).
    pub refusal_reason: Option<RefusalReason>,
    /// `refusal_reason` as people read it.
    #[schema(example = "خلافی پرداخت‌نشده")]
    pub refusal_reason_label_fa: Option<&'static str>,
    pub officer_name: Option<String>,
    pub unit: Option<String>,
    pub notes: Option<String>,
    pub recorded_at: DateTime<Utc>,
}

impl From<ReceiptRow> for ReceiptView {
    fn from(r: ReceiptRow) -> Self {
        ReceiptView {
            id: r.id,
            outcome: r.outcome,
            receipt_number: r.receipt_number,
            occurred_at: utc(r.occurred_at),
            plates_count: r.plates_count,
            refusal_reason: r.refusal_reason,
            refusal_reason_label_fa: r.refusal_reason.map(RefusalReason::label_fa),
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
    /// Why and when the permit was revoked (`status: revoked` only).
    pub revocation: Option<RevocationView>,
    pub version: i64,
    pub updated_at: DateTime<Utc>,
}

impl PermitView {
    pub fn build(row: PermitRow, receipt: Option<ReceiptRow>, now: NaiveDateTime) -> Self {
        PermitView {
            status: row.shown_status(now),
            revocation: RevocationView::of(&row),
            id: row.id,
            permit_number: row.permit_number,
            national_permit_number: row.national_permit_number,
            request_id: row.request_id,
            tracking_code: row.tracking_code,
            plate: row.plate,
            vin: row.vin.unwrap_or_default(),
            issued_at: utc(row.issued_at),
            valid_until: utc(row.valid_until),
            notes: row.notes,
            receipt: receipt.map(ReceiptView::from),
            version: row.version,
            updated_at: utc(row.updated_at),
        }
    }

    /// `Location` of the permit.
    pub fn location(&self) -> String {
        format!("/api/v1/permits/{}", self.id)
    }
}

/// A permit's revocation (ابطال).
#[derive(Serialize, ToSchema)]
pub struct RevocationView {
    pub revoked_at: DateTime<Utc>,
    /// `request_withdrawn` when the agency withdrew its request.
    pub reason_code: RevocationReason,
    #[schema(example = "صدور اشتباه")]
    pub reason_label_fa: &'static str,
    pub notes: Option<String>,
}

impl RevocationView {
    fn of(row: &PermitRow) -> Option<Self> {
        let (at, reason) = (row.revoked_at?, row.revocation_reason?);
        Some(RevocationView {
            revoked_at: utc(at),
            reason_code: reason,
            reason_label_fa: reason.label_fa(),
            notes: row.revocation_notes.clone(),
        })
    }
}

/// The public answer to "is this printed permit genuine and valid?".
#[derive(Serialize, ToSchema)]
pub struct PermitVerification {
    pub permit_number: String,
    pub status: PermitStatus,
    pub valid_until: DateTime<Utc>,
}

impl PermitVerification {
    pub fn of(row: PermitRow, now: NaiveDateTime) -> Self {
        PermitVerification {
            status: row.shown_status(now),
            permit_number: row.permit_number,
            valid_until: utc(row.valid_until),
        }
    }
}

/// The `data` of a permit event: what a receiver (the police, the national vehicle system)
/// needs to act on it.
#[derive(Serialize)]
pub struct PermitEventData<'a> {
    pub permit_id: &'a str,
    pub permit_number: &'a str,
    pub national_permit_number: &'a str,
    pub request_id: &'a str,
    pub tracking_code: &'a str,
    pub plate: &'a str,
    pub vin: &'a str,
    pub valid_until: DateTime<Utc>,
    #[serde(flatten)]
    pub receipt: Option<ReceiptEventData<'a>>,
    #[serde(flatten)]
    pub revocation: Option<RevocationEventData<'a>>,
}

/// The receipt's part of `permit.receipt_recorded`.
#[derive(Serialize)]
pub struct ReceiptEventData<'a> {
    pub receipt_id: &'a str,
    pub outcome: Outcome,
    pub receipt_number: &'a str,
    pub occurred_at: DateTime<Utc>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refusal_reason: Option<RefusalReason>,
}

/// The revocation's part of `permit.revoked`.
#[derive(Serialize)]
pub struct RevocationEventData<'a> {
    pub revoked_at: DateTime<Utc>,
    pub revocation_reason: RevocationReason,
    pub revocation_notes: Option<&'a str>,
}

impl<'a> PermitEventData<'a> {
    pub fn new(permit: &'a PermitRow, receipt: Option<&'a ReceiptRow>) -> Self {
        PermitEventData {
            permit_id: &permit.id,
            permit_number: &permit.permit_number,
            national_permit_number: &permit.national_permit_number,
            request_id: &permit.request_id,
            tracking_code: &permit.tracking_code,
            plate: &permit.plate,
            vin: permit.vin.as_deref().unwrap_or_default(),
            valid_until: utc(permit.valid_until),
            receipt: receipt.map(|r| ReceiptEventData {
                receipt_id: &r.id,
                outcome: r.outcome,
                receipt_number: &r.receipt_number,
                occurred_at: utc(r.occurred_at),
                refusal_reason: r.refusal_reason,
            }),
            revocation: match (permit.revoked_at, permit.revocation_reason) {
                (Some(at), Some(reason)) => Some(RevocationEventData {
                    revoked_at: utc(at),
                    revocation_reason: reason,
                    revocation_notes: permit.revocation_notes.as_deref(),
                }),
                _ => None,
            },
        }
    }
}
