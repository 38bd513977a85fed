//! The rules of permits, receipts and registrations, each in the caller's one transaction.

use chrono::NaiveDateTime;

use crate::clock::utc;
use crate::db::DbConnection;
use crate::error::ApiResult;
use crate::events::outbox::{emit, NewEvent};
use crate::events::{EventType, SubjectKind};
use crate::permits::model::{PermitRow, ReceiptRow};

/// Records `permit.issued` for a permit just issued, for the police and the national vehicle
/// system (subject: the permit; the request's tracking code and agency).
pub fn emit_issued(
    conn: &mut DbConnection,
    permit: &PermitRow,
    organisation_id: &str,
    at: NaiveDateTime,
) -> ApiResult<()> {
    emit_permit_event(
        conn,
        EventType::PermitIssued,
        permit,
        organisation_id,
        permit_data(permit),
        at,
    )
}

/// Records `permit.receipt_recorded` for the police's receipt on `permit`.
pub fn emit_receipt_recorded(
    conn: &mut DbConnection,
    permit: &PermitRow,
    receipt: &ReceiptRow,
    organisation_id: &str,
    at: NaiveDateTime,
) -> ApiResult<()> {
    let mut data = permit_data(permit);
    data["receipt_id"] = serde_json::json!(receipt.id);
    data["outcome"] = serde_json::json!(receipt.outcome);
    data["receipt_number"] = serde_json::json!(receipt.receipt_number);
    data["occurred_at"] = serde_json::json!(utc(receipt.occurred_at));
    emit_permit_event(
        conn,
        EventType::PermitReceiptRecorded,
        permit,
        organisation_id,
        data,
        at,
    )
}

/// What a receiver of a permit event needs to act on it.
fn permit_data(permit: &PermitRow) -> serde_json::Value {
    serde_json::json!({
        "permit_id": permit.id,
        "permit_number": permit.permit_number,
        "national_permit_number": permit.national_permit_number,
        "request_id": permit.request_id,
        "tracking_code": permit.tracking_code,
        "plate": permit.plate,
        "vin": permit.vin,
        "valid_until": utc(permit.valid_until),
    })
}

fn emit_permit_event(
    conn: &mut DbConnection,
    event_type: EventType,
    permit: &PermitRow,
    organisation_id: &str,
    data: serde_json::Value,
    at: NaiveDateTime,
) -> ApiResult<()> {
    emit(
        conn,
        NewEvent {
            event_type,
            subject_kind: SubjectKind::Permit,
            subject_id: &permit.id,
            tracking_code: Some(&permit.tracking_code),
            organisation_id: Some(organisation_id),
            data,
            at,
        },
    )
}
