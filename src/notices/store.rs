//! Queries on notices.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::notices;
use crate::db::DbConnection;
use crate::error::ApiResult;
use crate::notices::model::{NoticeChange, NoticeRow};

/// Notices not yet over at `at`, soonest first (at most `limit`).
pub fn not_over(
    conn: &mut DbConnection,
    at: NaiveDateTime,
    limit: i64,
) -> ApiResult<Vec<NoticeRow>> {
    Ok(notices::table
        .filter(notices::ends_at.gt(at))
        .order((notices::starts_at.asc(), notices::id.asc()))
        .select(NoticeRow::as_select())
        .limit(limit)
        .load(conn)?)
}

/// Read-only windows not yet over at `at` (the guard's cache).
pub fn read_only_windows(conn: &mut DbConnection, at: NaiveDateTime) -> ApiResult<Vec<NoticeRow>> {
    Ok(notices::table
        .filter(notices::read_only.eq(true))
        .filter(notices::ends_at.gt(at))
        .select(NoticeRow::as_select())
        .load(conn)?)
}

pub fn find(conn: &mut DbConnection, id: &str) -> ApiResult<NoticeRow> {
    Ok(notices::table
        .find(id)
        .select(NoticeRow::as_select())
        .first(conn)?)
}

pub fn insert(conn: &mut DbConnection, row: &NoticeRow) -> ApiResult<()> {
    diesel::insert_into(notices::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

/// Writes `change` over the notice at `version`; false when another writer changed it first.
pub fn update(
    conn: &mut DbConnection,
    id: &str,
    version: i64,
    change: NoticeChange,
    at: NaiveDateTime,
) -> ApiResult<bool> {
    let n = diesel::update(
        notices::table
            .filter(notices::id.eq(id))
            .filter(notices::version.eq(version)),
    )
    .set((
        notices::title.eq(change.title),
        notices::body.eq(change.body),
        notices::starts_at.eq(change.starts_at),
        notices::ends_at.eq(change.ends_at),
        notices::read_only.eq(change.read_only),
        notices::updated_at.eq(at),
        notices::version.eq(version + 1),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

/// Deletes a notice; false when there was none.
pub fn delete(conn: &mut DbConnection, id: &str) -> ApiResult<bool> {
    Ok(diesel::delete(notices::table.find(id)).execute(conn)? == 1)
}
