//! Queries on requests. Every read for an agency user filters by its organisation, so another
//! agency's request is simply not found.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::auth::access::Scope;
use crate::auth::AuthUser;
use crate::db::schema::{request_history, requests, tracking_codes};
use crate::db::DbConnection;
use crate::domain::status::RequestStatus;
use crate::domain::tracking::TrackingCode;
use crate::error::{ApiError, ApiResult};
use crate::requests::model::{HistoryRow, RequestRow};

pub fn load_visible(conn: &mut DbConnection, scope: &Scope, id: &str) -> ApiResult<RequestRow> {
    let mut q = requests::table
        .filter(requests::id.eq(id))
        .select(RequestRow::as_select())
        .into_boxed();
    if let Scope::Organisation(org) = scope {
        q = q.filter(requests::organisation_id.eq(org.clone()));
    }
    Ok(q.first(conn)?)
}

pub fn load(conn: &mut DbConnection, id: &str) -> ApiResult<RequestRow> {
    Ok(requests::table
        .find(id)
        .select(RequestRow::as_select())
        .first(conn)?)
}

pub fn history(conn: &mut DbConnection, request_id: &str) -> ApiResult<Vec<HistoryRow>> {
    Ok(request_history::table
        .filter(request_history::request_id.eq(request_id))
        .order(request_history::seq.asc())
        .select(HistoryRow::as_select())
        .load(conn)?)
}

/// One transition, for the history.
pub struct Step<'a> {
    pub from: Option<RequestStatus>,
    pub to: RequestStatus,
    pub action: &'a str,
    pub note: Option<&'a str>,
    pub at: NaiveDateTime,
}

/// Appends one history entry (the next `seq`). Call after the row's UPDATE, which holds the
/// row lock, so two writers cannot take the same `seq` (and the unique index would refuse it).
pub fn append_history(
    conn: &mut DbConnection,
    request_id: &str,
    actor: &AuthUser,
    step: Step<'_>,
) -> ApiResult<()> {
    let Step {
        from,
        to,
        action,
        note,
        at,
    } = step;
    let last: Option<i32> = request_history::table
        .filter(request_history::request_id.eq(request_id))
        .select(diesel::dsl::max(request_history::seq))
        .first(conn)?;
    let row = HistoryRow {
        id: uuid::Uuid::now_v7().to_string(),
        request_id: request_id.to_owned(),
        seq: last.unwrap_or(0) + 1,
        from_status: from,
        to_status: to,
        action: action.to_owned(),
        at,
        actor_id: actor.id.clone(),
        actor_name: actor.full_name.clone(),
        actor_role: actor.role,
        note: note.map(str::to_owned),
    };
    diesel::insert_into(request_history::table)
        .values(&row)
        .execute(conn)?;
    Ok(())
}

/// The open request for a vehicle (same VIN or plate), as `(organisation_id, tracking_code)`.
pub fn open_for_vehicle(
    conn: &mut DbConnection,
    vin: &str,
    plate: &str,
) -> ApiResult<Option<(String, String)>> {
    let terminal = [
        RequestStatus::Completed,
        RequestStatus::Rejected,
        RequestStatus::Withdrawn,
    ];
    Ok(requests::table
        .filter(requests::vin.eq(vin).or(requests::plate.eq(plate)))
        .filter(requests::status.ne_all(terminal))
        .select((requests::organisation_id, requests::tracking_code))
        .first(conn)
        .optional()?)
}

/// Reserves a new tracking code in the shared namespace of requests and complaints,
/// generating again on the (rare) collision.
pub fn claim_tracking_code(
    conn: &mut DbConnection,
    kind: &str,
    subject_id: &str,
    now: NaiveDateTime,
) -> ApiResult<String> {
    for _ in 0..8 {
        let code = TrackingCode::generate();
        let values = (
            tracking_codes::code.eq(code.as_str()),
            tracking_codes::kind.eq(kind),
            tracking_codes::subject_id.eq(subject_id),
            tracking_codes::created_at.eq(now),
        );
        let inserted = match conn {
            DbConnection::Postgresql(pg) => diesel::insert_into(tracking_codes::table)
                .values(values)
                .on_conflict_do_nothing()
                .execute(pg)?,
            DbConnection::Sqlite(lite) => diesel::insert_or_ignore_into(tracking_codes::table)
                .values(values)
                .execute(lite)?,
        };
        if inserted == 1 {
            return Ok(code.as_str().to_owned());
        }
    }
    Err(ApiError::internal("could not find a free tracking code"))
}
