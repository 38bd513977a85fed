//! Queries on complaints, their history and feedback. Reads go through a [`Seen`], so a
//! complaint outside the caller's view is simply not found.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;

use crate::auth::access::Seen;
use crate::auth::AuthUser;
use crate::complaints::model::{
    Category, ComplaintEventKind, ComplaintRow, ComplaintStatus, EventRow, FeedbackRow,
};
use crate::db::schema::{complaint_events, complaints, feedback, requests};
use crate::db::DbConnection;
use crate::domain::tracking::TrackingCode;
use crate::error::ApiResult;

pub fn insert(conn: &mut DbConnection, row: &ComplaintRow) -> ApiResult<()> {
    diesel::insert_into(complaints::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

/// The complaint if `seen` covers it; 404 otherwise.
pub fn load_visible(conn: &mut DbConnection, seen: &Seen, id: &str) -> ApiResult<ComplaintRow> {
    let mut q = complaints::table
        .filter(complaints::id.eq(id))
        .select(ComplaintRow::as_select())
        .into_boxed();
    match seen {
        Seen::All => {}
        Seen::Organisation(org) => q = q.filter(complaints::organisation_id.eq(org.clone())),
        Seen::Creator(uid) => q = q.filter(complaints::created_by.eq(uid.clone())),
    }
    Ok(q.first(conn)?)
}

/// A page of the queue: unanswered first, oldest first within each status.
pub struct QueuePage {
    pub seen: Seen,
    pub status: Option<ComplaintStatus>,
    pub category: Option<Category>,
    pub created_from: Option<DateTime<Utc>>,
    pub created_to: Option<DateTime<Utc>>,
    /// The `(queue_rank, id)` of the last complaint already seen.
    pub after: Option<(i32, String)>,
    /// Rows to fetch (the page's limit plus one, to tell whether more exist).
    pub fetch: i64,
}

pub fn queue(conn: &mut DbConnection, page: QueuePage) -> ApiResult<Vec<ComplaintRow>> {
    let mut q = complaints::table
        .select(ComplaintRow::as_select())
        .order((complaints::queue_rank.asc(), complaints::id.asc()))
        .limit(page.fetch)
        .into_boxed();
    match page.seen {
        Seen::All => {}
        Seen::Organisation(org) => q = q.filter(complaints::organisation_id.eq(org)),
        Seen::Creator(uid) => q = q.filter(complaints::created_by.eq(uid)),
    }
    if let Some(s) = page.status {
        q = q.filter(complaints::status.eq(s));
    }
    if let Some(cat) = page.category {
        q = q.filter(complaints::category.eq(cat));
    }
    if let Some(t) = page.created_from {
        q = q.filter(complaints::created_at.ge(t.naive_utc()));
    }
    if let Some(t) = page.created_to {
        q = q.filter(complaints::created_at.lt(t.naive_utc()));
    }
    if let Some((rank, id)) = page.after {
        q = q.filter(
            complaints::queue_rank
                .gt(rank)
                .or(complaints::queue_rank.eq(rank).and(complaints::id.gt(id))),
        );
    }
    Ok(q.load(conn)?)
}

/// Moves a complaint at `version` to `to`; false when another writer changed it first.
pub fn set_status(
    conn: &mut DbConnection,
    id: &str,
    version: i64,
    to: ComplaintStatus,
    at: NaiveDateTime,
) -> ApiResult<bool> {
    let n = diesel::update(
        complaints::table
            .filter(complaints::id.eq(id))
            .filter(complaints::version.eq(version)),
    )
    .set((
        complaints::status.eq(to),
        complaints::queue_rank.eq(to.queue_rank()),
        complaints::version.eq(version + 1),
        complaints::updated_at.eq(at),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

pub fn history(conn: &mut DbConnection, complaint_id: &str) -> ApiResult<Vec<EventRow>> {
    Ok(complaint_events::table
        .filter(complaint_events::complaint_id.eq(complaint_id))
        .order(complaint_events::seq.asc())
        .select(EventRow::as_select())
        .load(conn)?)
}

/// One step of a complaint, for its history.
pub struct Step {
    pub kind: ComplaintEventKind,
    pub from: Option<ComplaintStatus>,
    pub body: Option<String>,
    pub at: NaiveDateTime,
}

/// Appends one history entry (the next `seq`). Call after the row's INSERT or UPDATE, which
/// holds the row lock, so two writers cannot take the same `seq`.
pub fn append_event(
    conn: &mut DbConnection,
    complaint_id: &str,
    actor: &AuthUser,
    step: Step,
) -> ApiResult<()> {
    let last: Option<i32> = complaint_events::table
        .filter(complaint_events::complaint_id.eq(complaint_id))
        .select(diesel::dsl::max(complaint_events::seq))
        .first(conn)?;
    diesel::insert_into(complaint_events::table)
        .values(&EventRow {
            id: uuid::Uuid::now_v7().to_string(),
            complaint_id: complaint_id.to_owned(),
            seq: last.unwrap_or(0) + 1,
            kind: step.kind,
            from_status: step.from,
            to_status: step.kind.to_status(),
            at: step.at,
            actor_id: actor.id.clone(),
            actor_name: crate::auth::queries::full_name(conn, &actor.id)?,
            actor_role: actor.role,
            body: step.body,
        })
        .execute(conn)?;
    Ok(())
}

/// A complaint's status and last change, by its tracking code (the public look-up).
pub fn track_status(
    conn: &mut DbConnection,
    code: &str,
) -> ApiResult<(ComplaintStatus, NaiveDateTime)> {
    Ok(complaints::table
        .filter(complaints::tracking_code.eq(code))
        .select((complaints::status, complaints::updated_at))
        .first(conn)?)
}

/// The request a complaint names, as `(id, organisation_id)`, if it exists.
pub fn request_by_tracking_code(
    conn: &mut DbConnection,
    code: &TrackingCode,
) -> ApiResult<Option<(String, String)>> {
    Ok(requests::table
        .filter(requests::tracking_code.eq(code.as_str()))
        .select((requests::id, requests::organisation_id))
        .first(conn)
        .optional()?)
}

pub fn feedback_given(conn: &mut DbConnection, request_id: &str) -> ApiResult<bool> {
    let n: i64 = feedback::table
        .filter(feedback::request_id.eq(request_id))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

pub fn insert_feedback(conn: &mut DbConnection, row: &FeedbackRow) -> ApiResult<()> {
    diesel::insert_into(feedback::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}
