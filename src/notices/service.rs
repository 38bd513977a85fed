//! Publishing, editing and deleting notices, each in the caller's one transaction. The caller
//! drops the read-only guard's cache after the change commits.

use chrono::NaiveDateTime;

use crate::auth::AuthUser;
use crate::clock::Clock;
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult};
use crate::events::outbox::{emit, NewEvent};
use crate::events::{EventType, SubjectKind};
use crate::http::etag::IfMatch;
use crate::notices::model::{NewNotice, NoticeChange, NoticeRow, UpdateNotice, WindowRules};
use crate::notices::store;
use crate::notices::views::Notice;

/// How many notices the public list shows at most.
const LIST_LIMIT: i64 = 200;

/// Active and upcoming notices, soonest first.
pub fn list(conn: &mut DbConnection, clock: &Clock) -> ApiResult<Vec<Notice>> {
    let rows = store::not_over(conn, clock.now(), LIST_LIMIT)?;
    Ok(rows.into_iter().map(|r| Notice::new(r, clock)).collect())
}

/// One notice by id (404 when unknown).
pub fn find(conn: &mut DbConnection, id: &str) -> ApiResult<NoticeRow> {
    store::find(conn, id)
}

/// Run in the transaction that publishes a notice.
pub type OnPublish = fn(&mut DbConnection, &Clock, &NoticeRow) -> ApiResult<()>;

/// What publishing a notice does outside the notices' tables (outage SMS are enqueued): built
/// by the composition root (`startup.rs`) from the module that owns it and passed to
/// [`publish`]; notices depend on no messaging module.
#[derive(Clone, Copy)]
pub struct Effects {
    pub on_publish: OnPublish,
}

/// Publishes a notice, emits `notice.published` and runs [`Effects::on_publish`].
pub fn publish(
    conn: &mut DbConnection,
    clock: &Clock,
    effects: &Effects,
    user: &AuthUser,
    new: NewNotice,
) -> ApiResult<NoticeRow> {
    let at = clock.now();
    let row = NoticeRow {
        id: uuid::Uuid::now_v7().to_string(),
        kind: new.kind,
        title: new.title,
        body: new.body,
        starts_at: new.starts_at,
        ends_at: new.ends_at,
        read_only: new.read_only,
        created_by: user.id.clone(),
        created_at: at,
        updated_at: at,
        version: 1,
    };
    store::insert(conn, &row)?;
    emit(
        conn,
        NewEvent {
            event_type: EventType::NoticePublished,
            subject_kind: SubjectKind::Notice,
            subject_id: &row.id,
            tracking_code: None,
            organisation_id: None,
            data: serde_json::to_value(Notice::new(row.clone(), clock))
                .map_err(ApiError::internal)?,
            at,
        },
    )?;
    (effects.on_publish)(conn, clock, &row)?;
    Ok(row)
}

/// Edits a notice: 404, then 412 on a stale `If-Match`, then 422 naming every invalid field
/// (the window is checked as merged with the stored row).
pub fn update(
    conn: &mut DbConnection,
    id: &str,
    if_match: IfMatch,
    edit: UpdateNotice,
    lead_hours: u32,
    at: NaiveDateTime,
) -> ApiResult<NoticeRow> {
    let current = store::find(conn, id)?;
    if_match.check(current.version)?;
    let rules = WindowRules::at(lead_hours, at);
    let change = NoticeChange::merge(edit, &current, rules)?;
    if !store::update(conn, id, current.version, change, at)? {
        return Err(ApiError::precondition_failed());
    }
    store::find(conn, id)
}

/// Deletes a notice (its window ends at once); 404 when there is none.
pub fn remove(conn: &mut DbConnection, id: &str) -> ApiResult<()> {
    if store::delete(conn, id)? {
        Ok(())
    } else {
        Err(ApiError::not_found())
    }
}
