//! Recording vehicle conflicts (in their own transaction, after the refused filing rolled
//! back) and resolving them.

use serde::Serialize;

use crate::audit::{self, Action, Actor, Entry, Subject};
use crate::auth::AuthUser;
use crate::clock::Clock;
use crate::db::DbConnection;
use crate::domain::status::RequestStatus;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::http::etag::IfMatch;
use crate::http::pagination::Page;
use crate::vehicle_conflicts::model::{
    ConflictFilter, ConflictListing, ConflictRow, ConflictStatus, RefusedVehicle, Resolution,
};
use crate::vehicle_conflicts::store::{self, Resolved};
use crate::vehicle_conflicts::views::VehicleConflict;

/// The detail of `vehicle_conflict.recorded`: the refused attempts counted so far.
#[derive(Serialize)]
struct ConflictRecorded {
    attempts: i32,
}

/// The detail of `vehicle_conflict.resolved`: the blocking request's status when resolved.
#[derive(Serialize)]
struct ConflictResolved {
    request_status: RequestStatus,
}

/// Records that `user`'s filing for `vehicle` was refused because `blocking_request_id`, another
/// agency's open request, holds the vehicle: a new open conflict, or one more attempt on the
/// open one between the same request and agency; and an audit entry either way.
pub fn record(
    conn: &mut DbConnection,
    clock: &Clock,
    user: &AuthUser,
    blocking_request_id: &str,
    vehicle: &RefusedVehicle,
) -> ApiResult<()> {
    let at = clock.now();
    let (id, attempts) = match store::open_between(conn, blocking_request_id, &user.org_id)? {
        Some(open) => {
            store::count_attempt(conn, &open, &user.id, at)?;
            (open.id, open.attempts + 1)
        }
        None => {
            let row = ConflictRow {
                id: uuid::Uuid::now_v7().to_string(),
                request_id: blocking_request_id.to_owned(),
                organisation_id: user.org_id.clone(),
                filed_by: user.id.clone(),
                plate: vehicle.plate.clone(),
                vin: vehicle.vin.clone(),
                chassis_number: vehicle.chassis_number.clone(),
                attempts: 1,
                status: ConflictStatus::Open,
                queue_rank: ConflictStatus::Open.queue_rank(),
                created_at: at,
                last_attempt_at: at,
                resolved_at: None,
                resolved_by: None,
                resolution_note: None,
                request_status_at_resolution: None,
                version: 1,
            };
            store::insert(conn, &row)?;
            (row.id, 1)
        }
    };
    audit::record(
        conn,
        at,
        Entry::by(
            &Actor::of(user),
            Action::VehicleConflictRecorded,
            Subject::VehicleConflict,
            &id,
        )
        .about(blocking_request_id)
        .detail(ConflictRecorded { attempts }),
    )
}

/// A page of conflicts (`page.limit + 1` rows: the extra one tells that more exist).
pub fn list(
    conn: &mut DbConnection,
    filter: &ConflictFilter,
    page: &Page,
) -> ApiResult<Vec<ConflictListing>> {
    store::list(conn, filter.status, page.after_ranked()?, page.limit)
}

/// One conflict as the list shows it (404 when there is none).
pub fn get(conn: &mut DbConnection, id: &str) -> ApiResult<ConflictListing> {
    store::listing(conn, id)
}

/// Resolves an open conflict: who, when, how (the note) and the blocking request's status
/// then; audited. 409 `conflict` when it is already resolved; 412 on a stale `If-Match`.
pub fn resolve(
    conn: &mut DbConnection,
    clock: &Clock,
    user: &AuthUser,
    id: &str,
    if_match: IfMatch,
    resolution: Resolution,
) -> ApiResult<VehicleConflict> {
    let at = clock.now();
    let row = store::load(conn, id)?;
    if_match.check(row.version)?;
    if row.status == ConflictStatus::Resolved {
        return Err(ApiError::conflict(
            ErrorCode::Conflict,
            "به این تعارض پیش‌تر رسیدگی شده است.",
            "This conflict was already resolved.",
        ));
    }
    let request_status = store::request_status(conn, &row.request_id)?;
    let resolved = Resolved {
        by: &user.id,
        note: &resolution.note,
        request_status,
        at,
    };
    if !store::mark_resolved(conn, &row, resolved)? {
        return Err(ApiError::precondition_failed());
    }
    audit::record(
        conn,
        at,
        Entry::by(
            &Actor::of(user),
            Action::VehicleConflictResolved,
            Subject::VehicleConflict,
            id,
        )
        .about(&row.request_id)
        .detail(ConflictResolved { request_status }),
    )?;
    Ok(VehicleConflict::new(store::listing(conn, id)?, clock))
}
