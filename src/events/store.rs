//! Every read of the `events` table (writes are in [`crate::events::outbox`]).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::auth::access::EventScope;
use crate::db::schema::{complaints, events, permits};
use crate::db::DbConnection;
use crate::error::ApiResult;
use crate::events::{EventType, SubjectKind};

/// An event as the feed and webhooks show it.
#[derive(Clone, Debug, Queryable)]
pub struct EventRow {
    pub position: Option<i64>,
    pub event_type: EventType,
    pub occurred_at: NaiveDateTime,
    pub subject_kind: SubjectKind,
    pub subject_id: String,
    pub tracking_code: Option<String>,
    pub data: String,
}

type EventColumns = (
    events::position,
    events::event_type,
    events::occurred_at,
    events::subject_kind,
    events::subject_id,
    events::tracking_code,
    events::data,
);

const EVENT_COLUMNS: EventColumns = (
    events::position,
    events::event_type,
    events::occurred_at,
    events::subject_kind,
    events::subject_id,
    events::tracking_code,
    events::data,
);

/// Whether `police` is the default police organisation (the oldest), which also reads the
/// permits sent to none (issued before any police organisation was registered).
fn is_default_police(conn: &mut DbConnection, police: &str) -> ApiResult<bool> {
    let default = crate::organisations::queries::oldest_of_kind(
        conn,
        crate::domain::identity::OrgKind::Police,
    )?;
    Ok(default.as_deref() == Some(police))
}

/// One page of the feed: events after `after` in position order, those `scope` may read,
/// of the given types if any.
///
/// An agency's feed has two parts, its own events and the notices and working rules everyone
/// reads: each is read as its own page in position order (`events_org_idx`,
/// `events_kind_idx`) and the pages are merged here. One query with `organisation_id = … OR
/// subject_kind IN (…)` walked the feed's positions and filtered them, 20 000 rows for an
/// agency's page on the national database.
pub fn page_after(
    conn: &mut DbConnection,
    scope: &EventScope,
    after: i64,
    limit: i64,
    types: Option<Vec<EventType>>,
) -> ApiResult<Vec<EventRow>> {
    let mut rows = Vec::new();
    for part in scope_parts(conn, scope)? {
        let mut q = events::table
            .filter(events::position.gt(after))
            .order(events::position.asc())
            .limit(limit)
            .select(EVENT_COLUMNS)
            .into_boxed();
        if let Some(part) = part {
            q = q.filter(part);
        }
        if let Some(ts) = &types {
            q = q.filter(events::event_type.eq_any(ts.clone()));
        }
        rows.extend(q.load::<EventRow>(conn)?);
    }
    rows.sort_by_key(|r| r.position);
    rows.dedup_by_key(|r| r.position);
    rows.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    Ok(rows)
}

/// One condition of the feed's WHERE clause.
type Condition = Box<
    dyn BoxableExpression<
        events::table,
        <DbConnection as diesel::Connection>::Backend,
        SqlType = diesel::sql_types::Bool,
    >,
>;

/// What `scope` reads, as the parts of the feed read one page each (`None`: every event).
fn scope_parts(conn: &mut DbConnection, scope: &EventScope) -> ApiResult<Vec<Option<Condition>>> {
    Ok(match scope {
        EventScope::All => vec![None],
        EventScope::OrganisationAndNotices(org) => vec![
            Some(Box::new(
                events::organisation_id.eq(org.clone()).assume_not_null(),
            )),
            Some(Box::new(
                events::subject_kind.eq_any([SubjectKind::Notice, SubjectKind::WorkingRule]),
            )),
        ],
        EventScope::Permits(police) => {
            // The permits sent to this police organisation; the default one also has those
            // sent to none.
            let is_default = is_default_police(conn, police)?;
            let sent = permits::table.select(permits::id).filter(
                permits::police_organisation_id
                    .eq(police.clone())
                    .or(permits::police_organisation_id
                        .is_null()
                        .and(is_default.into_sql::<diesel::sql_types::Bool>())
                        .nullable())
                    .assume_not_null(),
            );
            vec![Some(Box::new(
                events::subject_kind
                    .eq(SubjectKind::WorkingRule)
                    .or(events::subject_kind
                        .eq(SubjectKind::Permit)
                        .and(events::subject_id.eq_any(sent))),
            ))]
        }
        EventScope::AllButOthersComplaints { user_id } => {
            let own = complaints::table
                .filter(complaints::created_by.eq(user_id.clone()))
                .select(complaints::id);
            vec![Some(Box::new(
                events::subject_kind
                    .ne(SubjectKind::Complaint)
                    .or(events::subject_id.eq_any(own)),
            ))]
        }
    })
}

/// The event at a feed position.
pub fn at_position(conn: &mut DbConnection, position: i64) -> ApiResult<EventRow> {
    Ok(events::table
        .filter(events::position.eq(position))
        .select(EVENT_COLUMNS)
        .first(conn)?)
}

/// The highest feed position given so far.
pub fn last_position(conn: &mut DbConnection) -> ApiResult<Option<i64>> {
    Ok(events::table
        .select(diesel::dsl::max(events::position))
        .first(conn)?)
}

/// Committed events not yet given a feed position.
pub fn unsequenced_count(conn: &mut DbConnection) -> ApiResult<i64> {
    Ok(events::table
        .filter(events::position.is_null())
        .count()
        .get_result(conn)?)
}

/// What webhook fan-out routes on.
pub struct Routing {
    pub position: i64,
    pub event_type: EventType,
    pub organisation_id: Option<String>,
}

/// Up to `limit` events after `after`, in position order, with what fan-out routes on.
pub fn routing_after(conn: &mut DbConnection, after: i64, limit: i64) -> ApiResult<Vec<Routing>> {
    let rows: Vec<(Option<i64>, EventType, Option<String>)> = events::table
        .filter(events::position.gt(after))
        .order(events::position.asc())
        .limit(limit)
        .select((
            events::position,
            events::event_type,
            events::organisation_id,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(position, event_type, organisation_id)| {
            Some(Routing {
                position: position?,
                event_type,
                organisation_id,
            })
        })
        .collect())
}
