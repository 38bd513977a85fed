//! The calendar's version: a `service_settings` row that every change to the holidays or the
//! working rules rewrites in its own transaction, so that each replica can keep its calendar in
//! memory and rebuild it when the version moves (`sla::store::calendar`).

use diesel::prelude::*;

use crate::db::decisions::{self, Topic};
use crate::db::schema::service_settings;
use crate::db::DbConnection;
use crate::error::ApiResult;

/// The `service_settings` key whose value changes with every change to the holidays or the
/// working rules (in the same transaction, see [`changed`]).
const CALENDAR_VERSION: &str = "calendar_version";

/// The calendar's current version ("" before its first change): from the cache of decisions
/// when the call has one (see [`crate::db::decisions`]; [`changed`] drops it on every replica),
/// else read.
pub fn current(conn: &mut DbConnection) -> ApiResult<String> {
    let cache = decisions::current();
    if let Some(v) = cache
        .as_ref()
        .and_then(|d| d.value(Topic::Calendar, CALENDAR_VERSION))
    {
        return Ok(v);
    }
    let epoch = cache.as_ref().map(|d| d.epoch(Topic::Calendar));
    let v: String = service_settings::table
        .find(CALENDAR_VERSION)
        .select(service_settings::value)
        .first(conn)
        .optional()?
        .unwrap_or_default();
    if let (Some(d), Some(epoch)) = (&cache, epoch) {
        d.remember_value(Topic::Calendar, CALENDAR_VERSION, epoch, v.clone());
    }
    Ok(v)
}

/// Marks the calendar changed: every replica's cached calendar is stale from this commit on.
/// Every write to the holidays or the working rules calls it in its own transaction.
pub fn changed(conn: &mut DbConnection) -> ApiResult<()> {
    let version = uuid::Uuid::now_v7().to_string();
    let set = |conn: &mut DbConnection| {
        diesel::update(service_settings::table.find(CALENDAR_VERSION))
            .set(service_settings::value.eq(&version))
            .execute(conn)
    };
    if set(conn)? == 0 {
        let inserted = diesel::insert_into(service_settings::table)
            .values((
                service_settings::key.eq(CALENDAR_VERSION),
                service_settings::value.eq(&version),
            ))
            .execute(conn);
        match inserted {
            // Another transaction created the row first: write over it.
            Err(diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::UniqueViolation,
                _,
            )) => {
                set(conn)?;
            }
            other => {
                other?;
            }
        }
    }
    decisions::changed(conn, Topic::Calendar)?;
    Ok(())
}
