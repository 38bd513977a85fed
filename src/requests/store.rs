//! Queries on requests. Every read for an agency user filters by its organisation, so another
//! agency's request is simply not found.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::auth::access::Scope;
use crate::auth::AuthUser;
use crate::db::schema::{
    request_batch_items, request_history, request_marks, request_sla, requests, tracking_codes,
};
use crate::db::{natively, DbConnection};
use crate::domain::status::RequestStatus;
use crate::domain::tracking::TrackingCode;
use crate::error::{ApiError, ApiResult};
use crate::requests::model::{After, HistoryRow, ListQuery, RequestRow, RequestSort};
use crate::sla::clock::ClockState;
use crate::sla::queries::SlaRow;

pub fn load_visible(conn: &mut DbConnection, scope: &Scope, id: &str) -> ApiResult<RequestRow> {
    // Two static queries rather than one boxed query: diesel keeps these prepared.
    let found = match scope {
        Scope::Organisation(org) => requests::table
            .filter(requests::id.eq(id))
            .filter(requests::organisation_id.eq(org))
            .select(RequestRow::as_select())
            .first(conn)?,
        _ => requests::table
            .find(id)
            .select(RequestRow::as_select())
            .first(conn)?,
    };
    Ok(found)
}

/// What a request's view reads besides its row, read with it by [`load_visible_read`]: its
/// stored SLA clock, its marks (corrected fields, when corrected, documents overdue since) and
/// its batch, each `None` when the request has none.
pub type Companions = (
    Option<SlaRow>,
    (Option<String>, Option<NaiveDateTime>, Option<NaiveDateTime>),
    Option<String>,
);

/// The columns of [`load_visible_read`]: the request, then its [`Companions`] through left
/// joins on the three tables keyed by the request's id (at most one row each).
macro_rules! request_with_companions {
    () => {
        (
            RequestRow::as_select(),
            // In the order of `SlaRow`'s fields (`Queryable`: an absent row reads `None`).
            request_sla::all_columns.nullable(),
            (
                request_marks::corrected_fields.nullable(),
                request_marks::corrected_at.nullable(),
                request_marks::documents_overdue_since.nullable(),
            ),
            request_batch_items::batch_id.nullable(),
        )
    };
}

/// [`load_visible`] with the request's [`Companions`], in one statement instead of four.
/// Static queries (one per kind of scope), so diesel keeps them prepared.
pub fn load_visible_read(
    conn: &mut DbConnection,
    scope: &Scope,
    id: &str,
) -> ApiResult<(RequestRow, Companions)> {
    let joined = requests::table
        .left_join(request_sla::table)
        .left_join(request_marks::table)
        .left_join(request_batch_items::table);
    // On the backend's own connection, so the statement is found by its type (`natively!`).
    let (row, sla, marks, batch) = match scope {
        Scope::Organisation(org) => natively!(conn, |c| joined
            .filter(requests::id.eq(id))
            .filter(requests::organisation_id.eq(org))
            .select(request_with_companions!())
            .first(c))?,
        _ => natively!(conn, |c| joined
            .filter(requests::id.eq(id))
            .select(request_with_companions!())
            .first(c))?,
    };
    Ok((row, (sla, marks, batch)))
}

pub fn load(conn: &mut DbConnection, id: &str) -> ApiResult<RequestRow> {
    Ok(requests::table
        .find(id)
        .select(RequestRow::as_select())
        .first(conn)?)
}

pub fn insert(conn: &mut DbConnection, row: &RequestRow) -> ApiResult<()> {
    diesel::insert_into(requests::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

/// Moves `row` to `to` if nobody changed it since it was read (its version); `false` when
/// someone did.
pub fn advance(
    conn: &mut DbConnection,
    row: &RequestRow,
    to: RequestStatus,
    reviewer: Option<&str>,
    at: NaiveDateTime,
) -> ApiResult<bool> {
    let updated = diesel::update(
        requests::table
            .filter(requests::id.eq(&row.id))
            .filter(requests::version.eq(row.version)),
    )
    .set((
        requests::status.eq(to),
        requests::version.eq(row.version + 1),
        requests::updated_at.eq(at),
        requests::status_changed_at.eq(at),
        requests::reviewer_id.eq(reviewer),
    ))
    .execute(conn)?;
    if updated == 1 && to != row.status {
        // A new status is a new situation: an overdue ask no longer holds the request.
        crate::requests::correction::clear_documents_overdue(conn, &row.id)?;
    }
    Ok(updated == 1)
}

/// Records why the directorate rejected the request (inside the rejection's transaction; the
/// status change already bumped the version). A later rejection overwrites the code.
pub fn record_rejection(
    conn: &mut DbConnection,
    request_id: &str,
    reason: crate::domain::reasons::RejectionReason,
) -> ApiResult<()> {
    diesel::update(requests::table.find(request_id))
        .set(requests::rejection_reason.eq(reason))
        .execute(conn)?;
    Ok(())
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

/// Appends one history entry (the next `seq`) and answers its id. Call after the row's
/// UPDATE, which holds the row lock, so two writers cannot take the same `seq` (and the unique
/// index would refuse it).
pub fn append_history(
    conn: &mut DbConnection,
    request_id: &str,
    actor: &AuthUser,
    step: Step<'_>,
) -> ApiResult<String> {
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
        actor_name: crate::auth::queries::full_name(conn, &actor.id)?,
        actor_role: actor.role,
        note: note.map(str::to_owned),
    };
    diesel::insert_into(request_history::table)
        .values(&row)
        .execute(conn)?;
    Ok(row.id)
}

/// The vehicle a new request names: its plate and whichever identifiers it carries.
pub struct VehicleKeys<'a> {
    pub plate: &'a str,
    pub vin: Option<&'a str>,
    pub chassis_number: Option<&'a str>,
}

/// The open request for a vehicle, as `(id, organisation_id, tracking_code)`: same plate, or a VIN
/// or chassis number equal to either identifier of the new one (a number filed once as a VIN
/// and once as a chassis number is the same vehicle).
pub fn open_for_vehicle(
    conn: &mut DbConnection,
    keys: &VehicleKeys<'_>,
) -> ApiResult<Option<(String, String, String)>> {
    // Written as equalities with fixed binds (an absent key binds NULL, which matches nothing)
    // rather than `IN` lists: diesel re-prepares a statement whose `IN` list it cannot fix,
    // and this one runs on every filing (4.3 % of the SQLite writer's samples, BENCHMARKS.md).
    let (vin, chassis) = (keys.vin, keys.chassis_number);
    Ok(requests::table
        .filter(
            requests::plate.eq(keys.plate).or(requests::vin
                .eq(vin)
                .or(requests::vin.eq(chassis))
                .or(requests::chassis_number.eq(vin))
                .or(requests::chassis_number.eq(chassis))
                .assume_not_null()),
        )
        .filter(requests::status.ne(RequestStatus::Completed))
        .filter(requests::status.ne(RequestStatus::Rejected))
        .filter(requests::status.ne(RequestStatus::Withdrawn))
        .select((
            requests::id,
            requests::organisation_id,
            requests::tracking_code,
        ))
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

/// The list's FROM clause: requests with their SLA clocks.
type ListSource = diesel::dsl::InnerJoinQuerySource<requests::table, request_sla::table>;
type Bool = diesel::sql_types::Bool;
type Backend = <DbConnection as diesel::Connection>::Backend;
/// A condition on the list's rows, built at run time.
type Condition = Box<dyn BoxableExpression<ListSource, Backend, SqlType = Bool>>;
/// The list's query as its filters are added.
type ListSql<'a> = diesel::dsl::IntoBoxed<
    'a,
    diesel::dsl::Limit<
        diesel::dsl::Select<
            diesel::dsl::InnerJoin<requests::table, request_sla::table>,
            diesel::dsl::AsSelect<RequestRow, Backend>,
        >,
    >,
    Backend,
>;

/// A page of requests (one more than `limit`, to tell whether another page follows).
pub fn list(conn: &mut DbConnection, query: &ListQuery) -> ApiResult<Vec<RequestRow>> {
    let q = requests::table
        .inner_join(request_sla::table)
        .select(RequestRow::as_select())
        .limit(query.limit + 1)
        .into_boxed();
    let q = sorted(q, query.sort);
    let q = by_overdue(q, query.overdue, query.at);
    let q = by_marks(q, query);
    let q = by_fields(q, query);
    let q = match &query.search {
        Some(search) => q.filter(search_condition(search)),
        None => q,
    };
    let q = by_filing_time(q, query);
    Ok(after_cursor(q, &query.after).load(conn)?)
}

/// The list's order: newest first, or by SLA due time (running clocks only).
fn sorted(q: ListSql<'_>, sort: RequestSort) -> ListSql<'_> {
    match sort {
        RequestSort::CreatedAt => q.order(requests::id.desc()),
        RequestSort::DueAt => q
            .filter(request_sla::clock.eq(ClockState::Running))
            .order((request_sla::due_at.asc(), requests::id.asc())),
    }
}

/// Whether the SLA clock runs past its due time at `at`.
fn by_overdue(q: ListSql<'_>, overdue: Option<bool>, at: NaiveDateTime) -> ListSql<'_> {
    match overdue {
        Some(true) => q
            .filter(request_sla::clock.eq(ClockState::Running))
            .filter(request_sla::due_at.lt(at)),
        Some(false) => q.filter(
            request_sla::clock
                .ne(ClockState::Running)
                .or(request_sla::due_at.ge(at).assume_not_null()),
        ),
        None => q,
    }
}

/// The request's marks: its documents overdue, corrected since the directorate's last step.
fn by_marks<'a>(mut q: ListSql<'a>, query: &ListQuery) -> ListSql<'a> {
    if let Some(flag) = query.documents_overdue {
        let flagged = request_marks::table
            .filter(request_marks::documents_overdue_since.is_not_null())
            .select(request_marks::request_id);
        q = match flag {
            true => q.filter(requests::id.eq_any(flagged)),
            false => q.filter(diesel::dsl::not(requests::id.eq_any(flagged))),
        };
    }
    if let Some(flag) = query.corrected {
        let marked = request_marks::table
            .filter(request_marks::corrected_fields.is_not_null())
            .select(request_marks::request_id);
        q = match flag {
            true => q.filter(requests::id.eq_any(marked)),
            false => q.filter(diesel::dsl::not(requests::id.eq_any(marked))),
        };
    }
    q
}

/// The agency, the status and the batch.
fn by_fields<'a>(mut q: ListSql<'a>, query: &ListQuery) -> ListSql<'a> {
    if let Some(org) = &query.organisation_id {
        q = q.filter(requests::organisation_id.eq(org.clone()));
    }
    if let Some(s) = query.status {
        q = q.filter(requests::status.eq(s));
    }
    if let Some(batch) = &query.batch_id {
        q = q.filter(requests::id.eq_any(batch_members(batch.clone())));
    }
    q
}

/// A search matches the letter number, or the tracking code, plate or vehicle identifier it
/// could be.
fn search_condition(search: &crate::requests::model::Search) -> Condition {
    let mut cond: Condition = Box::new(requests::letter_number.eq(search.letter_number.clone()));
    if let Some(t) = &search.tracking_code {
        cond = Box::new(cond.or(requests::tracking_code.eq(t.clone())));
    }
    if let Some(p) = &search.plate {
        cond = Box::new(cond.or(requests::plate.eq(p.clone())));
    }
    if let Some(v) = &search.identifier {
        cond = Box::new(cond.or(requests::vin.eq(v.clone()).assume_not_null()));
        cond = Box::new(cond.or(requests::chassis_number.eq(v.clone()).assume_not_null()));
    }
    cond
}

/// Filed at or after `created_from`, before `created_before`.
fn by_filing_time<'a>(mut q: ListSql<'a>, query: &ListQuery) -> ListSql<'a> {
    if let Some(start) = query.created_from {
        q = q.filter(requests::created_at.ge(start));
    }
    if let Some(end) = query.created_before {
        q = q.filter(requests::created_at.lt(end));
    }
    q
}

/// The rows after the previous page's last one, in the list's order.
fn after_cursor<'a>(q: ListSql<'a>, after: &After) -> ListSql<'a> {
    match after {
        After::Due(due, id) => q.filter(
            request_sla::due_at
                .gt(*due)
                .or(request_sla::due_at
                    .eq(*due)
                    .and(requests::id.gt(id.clone())))
                .assume_not_null(),
        ),
        After::Id(after) => q.filter(requests::id.lt(after.clone())),
        After::Start => q,
    }
}

/// The status of the request with this tracking code, for public tracking.
pub fn status_by_tracking_code(
    conn: &mut DbConnection,
    code: &str,
) -> ApiResult<Option<(RequestStatus, NaiveDateTime)>> {
    Ok(natively!(conn, |c| requests::table
        .filter(requests::tracking_code.eq(code))
        .select((requests::status, requests::updated_at))
        .first(c)
        .optional())?)
}

/// The batch each of these requests was filed in, by request id (requests filed alone are
/// absent): one query for a page of views.
pub fn batches_for(
    conn: &mut DbConnection,
    request_ids: &[String],
) -> ApiResult<std::collections::HashMap<String, String>> {
    let rows: Vec<(String, String)> = request_batch_items::table
        .filter(request_batch_items::request_id.eq_any(request_ids))
        .select((
            request_batch_items::request_id,
            request_batch_items::batch_id,
        ))
        .load(conn)?;
    Ok(rows.into_iter().collect())
}

/// The batch the request was filed in, if any.
pub fn batch_of(conn: &mut DbConnection, request_id: &str) -> ApiResult<Option<String>> {
    Ok(batches_for(conn, std::slice::from_ref(&request_id.to_owned()))?.remove(request_id))
}

/// The ids of the batch's requests, as a subquery (the request list's `batch_id` filter).
type BatchMembers = diesel::dsl::Select<
    diesel::dsl::Filter<
        request_batch_items::table,
        diesel::dsl::Eq<request_batch_items::batch_id, String>,
    >,
    request_batch_items::request_id,
>;

fn batch_members(batch_id: String) -> BatchMembers {
    request_batch_items::table
        .filter(request_batch_items::batch_id.eq(batch_id))
        .select(request_batch_items::request_id)
}
