//! Queries on the audit log: one insert, the filtered list, one request's entries, and the
//! retention purge.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::audit::model::{ActorKind, AuditQuery, AuditRow, Detail, Entry};
use crate::db::schema::{audit_log, audit_retention, service_accounts};
use crate::db::DbConnection;
use crate::error::ApiResult;

pub fn insert(conn: &mut DbConnection, at: NaiveDateTime, e: Entry) -> ApiResult<()> {
    // A service account signs in as a user of its role (same id in `users`): its entries are
    // told apart here, once, rather than by every caller that builds an actor from a token.
    let actor_kind = match (&e.actor_id, e.actor_kind) {
        (Some(id), ActorKind::User) => {
            let machine: i64 = service_accounts::table.find(id).count().get_result(conn)?;
            if machine > 0 {
                ActorKind::ServiceAccount
            } else {
                ActorKind::User
            }
        }
        (_, kind) => kind,
    };
    diesel::insert_into(audit_log::table)
        .values((
            audit_log::id.eq(uuid::Uuid::now_v7().to_string()),
            audit_log::at.eq(at),
            audit_log::actor_user_id.eq(e.actor_id),
            audit_log::actor_kind.eq(actor_kind),
            audit_log::actor_role.eq(e.actor_role.map(|r| r.as_str())),
            audit_log::organisation_id.eq(e.organisation_id),
            audit_log::action.eq(e.action),
            audit_log::subject_kind.eq(e.subject_kind),
            audit_log::subject_id.eq(e.subject_id),
            audit_log::client_ip.eq(e.client_ip),
            audit_log::http_request_id.eq(e.http_request_id),
            audit_log::about_request_id.eq(e.about_request_id),
            audit_log::detail.eq(e.detail.as_ref().map(Detail::to_json).transpose()?),
        ))
        .execute(conn)?;
    Ok(())
}

/// Writes `entries` (each made at its time) with one multi-row insert per chunk, after one
/// query telling service accounts apart among their actors (the reads' entries of
/// [`crate::audit::Trail`]).
pub fn insert_many(conn: &mut DbConnection, entries: Vec<(NaiveDateTime, Entry)>) -> ApiResult<()> {
    if entries.is_empty() {
        return Ok(());
    }
    let machines = service_accounts_among(conn, &entries)?;
    // 13 columns a row: 200 rows stay well under both databases' parameter limits.
    let mut rows = entries.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<_> = rows
            .by_ref()
            .take(200)
            .map(|(at, e)| -> ApiResult<_> {
                let actor_kind = match (&e.actor_id, e.actor_kind) {
                    (Some(id), ActorKind::User) if machines.contains(id) => {
                        ActorKind::ServiceAccount
                    }
                    (_, kind) => kind,
                };
                Ok((
                    audit_log::id.eq(uuid::Uuid::now_v7().to_string()),
                    audit_log::at.eq(at),
                    audit_log::actor_user_id.eq(e.actor_id),
                    audit_log::actor_kind.eq(actor_kind),
                    audit_log::actor_role.eq(e.actor_role.map(|r| r.as_str())),
                    audit_log::organisation_id.eq(e.organisation_id),
                    audit_log::action.eq(e.action),
                    audit_log::subject_kind.eq(e.subject_kind),
                    audit_log::subject_id.eq(e.subject_id),
                    audit_log::client_ip.eq(e.client_ip),
                    audit_log::http_request_id.eq(e.http_request_id),
                    audit_log::about_request_id.eq(e.about_request_id),
                    audit_log::detail.eq(e.detail.as_ref().map(Detail::to_json).transpose()?),
                ))
            })
            .collect::<ApiResult<_>>()?;
        // One statement per chunk, on the backend's own connection (a batch insert is not
        // expressible through the two-backend connection).
        match conn {
            DbConnection::Postgresql(pg) => {
                diesel::insert_into(audit_log::table)
                    .values(chunk)
                    .execute(pg)?;
            }
            DbConnection::Sqlite(lite) => {
                diesel::insert_into(audit_log::table)
                    .values(chunk)
                    .execute(lite)?;
            }
        }
    }
    Ok(())
}

/// The service accounts among the user actors of `entries`: one query per 500 actors.
fn service_accounts_among(
    conn: &mut DbConnection,
    entries: &[(NaiveDateTime, Entry)],
) -> ApiResult<std::collections::HashSet<String>> {
    let mut actors: Vec<&str> = entries
        .iter()
        .filter(|(_, e)| e.actor_kind == ActorKind::User)
        .filter_map(|(_, e)| e.actor_id.as_deref())
        .collect();
    actors.sort_unstable();
    actors.dedup();
    let mut machines = std::collections::HashSet::new();
    // Bounded bind lists (SQLite allows 32 766 parameters, PostgreSQL 65 535).
    for chunk in actors.chunks(500) {
        let found: Vec<String> = service_accounts::table
            .filter(service_accounts::id.eq_any(chunk))
            .select(service_accounts::id)
            .load(conn)?;
        machines.extend(found);
    }
    Ok(machines)
}

/// A page of entries matching `q`, newest first.
pub fn list(conn: &mut DbConnection, q: &AuditQuery) -> ApiResult<Vec<AuditRow>> {
    let mut sql = audit_log::table
        .select(AuditRow::as_select())
        .order((audit_log::at.desc(), audit_log::id.desc()))
        .limit(q.fetch)
        .into_boxed();
    if let Some(a) = &q.actor {
        sql = sql.filter(audit_log::actor_user_id.eq(a.clone()));
    }
    if let Some(a) = q.action {
        sql = sql.filter(audit_log::action.eq(a));
    }
    if let Some(s) = &q.subject {
        sql = sql.filter(audit_log::subject_id.eq(s.clone()));
    }
    if let Some(k) = q.subject_kind {
        sql = sql.filter(audit_log::subject_kind.eq(k));
    }
    if let Some(o) = &q.organisation_id {
        sql = sql.filter(audit_log::organisation_id.eq(o.clone()));
    }
    if let Some(t) = q.from {
        sql = sql.filter(audit_log::at.ge(t));
    }
    if let Some(t) = q.until {
        sql = sql.filter(audit_log::at.lt(t));
    }
    if let Some((at, id)) = &q.after {
        sql = sql.filter(
            audit_log::at
                .lt(*at)
                .or(audit_log::at.eq(*at).and(audit_log::id.lt(id.clone()))),
        );
    }
    Ok(sql.load(conn)?)
}

/// Every entry about the permit request `request_id`, oldest first.
pub fn about_request(conn: &mut DbConnection, request_id: &str) -> ApiResult<Vec<AuditRow>> {
    Ok(audit_log::table
        .filter(audit_log::about_request_id.eq(request_id))
        .select(AuditRow::as_select())
        .order((audit_log::at.asc(), audit_log::id.asc()))
        .load(conn)?)
}

/// Moves the retention horizon to `before` (never back) and deletes the entries older than
/// it, the only deletion the append-only trigger allows. Returns how many went.
pub fn purge_before(conn: &mut DbConnection, before: NaiveDateTime) -> ApiResult<usize> {
    diesel::update(audit_retention::table.filter(audit_retention::purge_before.lt(before)))
        .set(audit_retention::purge_before.eq(before))
        .execute(conn)?;
    Ok(diesel::delete(audit_log::table.filter(audit_log::at.lt(before))).execute(conn)?)
}
