//! Queries on vehicle conflicts.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::{organisations, requests, vehicle_conflicts};
use crate::db::DbConnection;
use crate::domain::status::RequestStatus;
use crate::error::{ApiError, ApiResult};
use crate::vehicle_conflicts::model::{ConflictListing, ConflictRow, ConflictStatus};

/// The open conflict between this blocking request and this refused agency, if any.
pub fn open_between(
    conn: &mut DbConnection,
    request_id: &str,
    organisation_id: &str,
) -> ApiResult<Option<ConflictRow>> {
    Ok(vehicle_conflicts::table
        .filter(vehicle_conflicts::request_id.eq(request_id))
        .filter(vehicle_conflicts::organisation_id.eq(organisation_id))
        .filter(vehicle_conflicts::status.eq(ConflictStatus::Open))
        .select(ConflictRow::as_select())
        .first(conn)
        .optional()?)
}

pub fn insert(conn: &mut DbConnection, row: &ConflictRow) -> ApiResult<()> {
    diesel::insert_into(vehicle_conflicts::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

/// One more refused attempt on an open conflict.
pub fn count_attempt(
    conn: &mut DbConnection,
    row: &ConflictRow,
    filed_by: &str,
    at: NaiveDateTime,
) -> ApiResult<()> {
    diesel::update(vehicle_conflicts::table.find(&row.id))
        .set((
            vehicle_conflicts::attempts.eq(vehicle_conflicts::attempts + 1),
            vehicle_conflicts::filed_by.eq(filed_by),
            vehicle_conflicts::last_attempt_at.eq(at),
            vehicle_conflicts::version.eq(vehicle_conflicts::version + 1),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn load(conn: &mut DbConnection, id: &str) -> ApiResult<ConflictRow> {
    Ok(vehicle_conflicts::table
        .find(id)
        .select(ConflictRow::as_select())
        .first(conn)?)
}

/// The blocking request's status now.
pub fn request_status(conn: &mut DbConnection, request_id: &str) -> ApiResult<RequestStatus> {
    Ok(requests::table
        .find(request_id)
        .select(requests::status)
        .first(conn)?)
}

/// The directorate's resolution.
pub struct Resolved<'a> {
    pub by: &'a str,
    pub note: &'a str,
    pub request_status: RequestStatus,
    pub at: NaiveDateTime,
}

/// Resolves an open conflict, if nobody changed it since it was read; `false` otherwise.
pub fn mark_resolved(
    conn: &mut DbConnection,
    row: &ConflictRow,
    r: Resolved<'_>,
) -> ApiResult<bool> {
    let n = diesel::update(
        vehicle_conflicts::table
            .filter(vehicle_conflicts::id.eq(&row.id))
            .filter(vehicle_conflicts::version.eq(row.version))
            .filter(vehicle_conflicts::status.eq(ConflictStatus::Open)),
    )
    .set((
        vehicle_conflicts::status.eq(ConflictStatus::Resolved),
        vehicle_conflicts::queue_rank.eq(ConflictStatus::Resolved.queue_rank()),
        vehicle_conflicts::resolved_at.eq(Some(r.at)),
        vehicle_conflicts::resolved_by.eq(Some(r.by)),
        vehicle_conflicts::resolution_note.eq(Some(r.note)),
        vehicle_conflicts::request_status_at_resolution.eq(Some(r.request_status)),
        vehicle_conflicts::version.eq(row.version + 1),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

/// One page of the directorate's list: open first, newest first within each status (one
/// more than `limit`), with the blocking request and both agencies' names.
pub fn list(
    conn: &mut DbConnection,
    status: Option<ConflictStatus>,
    after: Option<(i32, String)>,
    limit: i64,
) -> ApiResult<Vec<ConflictListing>> {
    let mut q = vehicle_conflicts::table
        .inner_join(requests::table.inner_join(organisations::table))
        .select((
            ConflictRow::as_select(),
            requests::tracking_code,
            requests::status,
            (organisations::id, organisations::name),
        ))
        .order((
            vehicle_conflicts::queue_rank.asc(),
            vehicle_conflicts::id.desc(),
        ))
        .limit(limit + 1)
        .into_boxed();
    if let Some(s) = status {
        q = q.filter(vehicle_conflicts::status.eq(s));
    }
    if let Some((rank, id)) = after {
        q = q.filter(
            vehicle_conflicts::queue_rank
                .gt(rank)
                .or(vehicle_conflicts::queue_rank
                    .eq(rank)
                    .and(vehicle_conflicts::id.lt(id))),
        );
    }
    let rows: Vec<(ConflictRow, String, RequestStatus, (String, String))> = q.load(conn)?;
    listings(conn, rows)
}

/// One conflict with what the list shows beside it.
pub fn listing(conn: &mut DbConnection, id: &str) -> ApiResult<ConflictListing> {
    let row: (ConflictRow, String, RequestStatus, (String, String)) = vehicle_conflicts::table
        .inner_join(requests::table.inner_join(organisations::table))
        .filter(vehicle_conflicts::id.eq(id))
        .select((
            ConflictRow::as_select(),
            requests::tracking_code,
            requests::status,
            (organisations::id, organisations::name),
        ))
        .first(conn)?;
    listings(conn, vec![row])?
        .pop()
        .ok_or_else(ApiError::not_found)
}

/// The refused agencies' names filled in (one query).
fn listings(
    conn: &mut DbConnection,
    rows: Vec<(ConflictRow, String, RequestStatus, (String, String))>,
) -> ApiResult<Vec<ConflictListing>> {
    let mut ids: Vec<String> = rows.iter().map(|r| r.0.organisation_id.clone()).collect();
    ids.sort();
    ids.dedup();
    let names: Vec<(String, String)> = if ids.is_empty() {
        Vec::new()
    } else {
        organisations::table
            .filter(organisations::id.eq_any(&ids))
            .select((organisations::id, organisations::name))
            .load(conn)?
    };
    Ok(rows
        .into_iter()
        .map(|(row, code, status, org)| {
            let refused = names
                .iter()
                .find(|(id, _)| *id == row.organisation_id)
                .map(|(_, n)| n.clone())
                .unwrap_or_default();
            ConflictListing {
                row,
                request_tracking_code: code,
                request_status: status,
                request_organisation: org,
                refused_organisation_name: refused,
            }
        })
        .collect())
}
