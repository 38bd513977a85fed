//! Writing events in the same transaction as the change, and sequencing them after commit.

use chrono::NaiveDateTime;
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use serde_json::Value;

use crate::db::schema::events;
use crate::db::{write_tx, DbConnection};
use crate::error::ApiResult;
use crate::events::{EventType, SubjectKind};

/// One event to record with the change that caused it.
pub struct NewEvent<'a> {
    pub event_type: EventType,
    pub subject_kind: SubjectKind,
    pub subject_id: &'a str,
    pub tracking_code: Option<&'a str>,
    /// The agency the event belongs to (agency subscribers see only their own).
    pub organisation_id: Option<&'a str>,
    /// What a receiver needs to act, and nothing an agency subscriber may not see.
    pub data: Value,
    pub at: NaiveDateTime,
}

/// Records an event; call inside the change's transaction.
pub fn emit(conn: &mut DbConnection, e: NewEvent<'_>) -> ApiResult<()> {
    diesel::insert_into(events::table)
        .values((
            events::id.eq(uuid::Uuid::now_v7().to_string()),
            events::event_type.eq(e.event_type),
            events::occurred_at.eq(e.at),
            events::subject_kind.eq(e.subject_kind),
            events::subject_id.eq(e.subject_id),
            events::tracking_code.eq(e.tracking_code),
            events::organisation_id.eq(e.organisation_id),
            events::data.eq(e.data.to_string()),
        ))
        .execute(conn)?;
    Ok(())
}

const SEQUENCER_LOCK: i64 = 0x6576_656e_7473_7371;

/// Gives committed, unsequenced events their positions, in one serialised step (an advisory
/// lock on PostgreSQL; SQLite has a single writer). Returns how many were sequenced.
pub fn sequence(conn: &mut DbConnection) -> ApiResult<usize> {
    write_tx(conn, |c| {
        if let DbConnection::Postgresql(pg) = c {
            pg.batch_execute(&format!("SELECT pg_advisory_xact_lock({SEQUENCER_LOCK})"))?;
        }
        let pending: Vec<String> = events::table
            .filter(events::position.is_null())
            .order(events::id.asc())
            .select(events::id)
            .limit(5000)
            .load(c)?;
        if pending.is_empty() {
            return Ok(0);
        }
        let max: Option<i64> = events::table
            .select(diesel::dsl::max(events::position))
            .first(c)?;
        let mut next = max.unwrap_or(0);
        for id in &pending {
            next += 1;
            diesel::update(events::table.find(id))
                .set(events::position.eq(next))
                .execute(c)?;
        }
        Ok(pending.len())
    })
}
