//! Every query on `webhooks` and `webhook_deliveries`, for the admin routes and the worker.

use chrono::{NaiveDateTime, TimeDelta};
use diesel::prelude::*;

use crate::db::schema::{organisations, webhook_deliveries as wd, webhooks};
use crate::db::DbConnection;
use crate::error::ApiResult;
use crate::webhooks::model::{DeliveryRow, DeliveryStatus, HookRow};

/// A subscription to insert.
pub struct HookInsert<'a> {
    pub id: &'a str,
    pub url: &'a str,
    pub types: &'a str,
    pub organisation_id: Option<&'a str>,
    pub secret_enc: &'a str,
    /// Deliver events after this feed position only.
    pub fanout_position: i64,
    pub created_by: &'a str,
    pub created_at: NaiveDateTime,
}

pub fn organisation_exists(conn: &mut DbConnection, id: &str) -> ApiResult<bool> {
    let n: i64 = organisations::table
        .filter(organisations::id.eq(id))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

pub fn insert(conn: &mut DbConnection, h: HookInsert<'_>) -> ApiResult<()> {
    diesel::insert_into(webhooks::table)
        .values((
            webhooks::id.eq(h.id),
            webhooks::url.eq(h.url),
            webhooks::types.eq(h.types),
            webhooks::organisation_id.eq(h.organisation_id),
            webhooks::secret_enc.eq(h.secret_enc),
            webhooks::fanout_position.eq(h.fanout_position),
            webhooks::created_by.eq(h.created_by),
            webhooks::created_at.eq(h.created_at),
        ))
        .execute(conn)?;
    Ok(())
}

/// Subscriptions not removed, newest first.
pub fn list_live(conn: &mut DbConnection) -> ApiResult<Vec<HookRow>> {
    Ok(webhooks::table
        .filter(webhooks::deleted_at.is_null())
        .order(webhooks::id.desc())
        .select((
            webhooks::id,
            webhooks::url,
            webhooks::types,
            webhooks::organisation_id,
            webhooks::created_at,
        ))
        .load(conn)?)
}

/// 404 unless the subscription exists and was not removed.
pub fn ensure_live(conn: &mut DbConnection, id: &str) -> ApiResult<()> {
    webhooks::table
        .filter(webhooks::id.eq(id))
        .filter(webhooks::deleted_at.is_null())
        .select(webhooks::id)
        .first::<String>(conn)?;
    Ok(())
}

/// 404 unless the subscription exists (removed ones included).
pub fn ensure_exists(conn: &mut DbConnection, id: &str) -> ApiResult<()> {
    webhooks::table
        .find(id)
        .select(webhooks::id)
        .first::<String>(conn)?;
    Ok(())
}

pub fn mark_deleted(conn: &mut DbConnection, id: &str, at: NaiveDateTime) -> ApiResult<()> {
    diesel::update(webhooks::table.find(id))
        .set(webhooks::deleted_at.eq(at))
        .execute(conn)?;
    Ok(())
}

/// Gives up the subscription's pending deliveries with `reason`.
pub fn fail_pending(conn: &mut DbConnection, hook_id: &str, reason: &str) -> ApiResult<()> {
    diesel::update(
        wd::table
            .filter(wd::webhook_id.eq(hook_id))
            .filter(wd::status.eq(DeliveryStatus::Pending)),
    )
    .set((
        wd::status.eq(DeliveryStatus::Failed),
        wd::last_error.eq(reason),
    ))
    .execute(conn)?;
    Ok(())
}

pub fn secret_enc(conn: &mut DbConnection, id: &str) -> ApiResult<String> {
    Ok(webhooks::table
        .find(id)
        .select(webhooks::secret_enc)
        .first(conn)?)
}

/// Replaces the secret; the previous one stays valid until `previous_until`.
pub fn replace_secret(
    conn: &mut DbConnection,
    id: &str,
    sealed: &str,
    previous: &str,
    previous_until: NaiveDateTime,
) -> ApiResult<()> {
    diesel::update(webhooks::table.find(id))
        .set((
            webhooks::secret_enc.eq(sealed),
            webhooks::previous_secret_enc.eq(Some(previous)),
            webhooks::previous_valid_until.eq(Some(previous_until)),
        ))
        .execute(conn)?;
    Ok(())
}

type DeliveryColumns = (
    wd::id,
    wd::event_position,
    wd::status,
    wd::attempts,
    wd::next_attempt_at,
    wd::last_status,
    wd::last_error,
    wd::updated_at,
);

const DELIVERY_COLUMNS: DeliveryColumns = (
    wd::id,
    wd::event_position,
    wd::status,
    wd::attempts,
    wd::next_attempt_at,
    wd::last_status,
    wd::last_error,
    wd::updated_at,
);

/// A subscription's latest deliveries, newest first.
pub fn recent_deliveries(
    conn: &mut DbConnection,
    hook_id: &str,
    before: Option<&str>,
    limit: i64,
) -> ApiResult<Vec<DeliveryRow>> {
    let mut q = wd::table
        .filter(wd::webhook_id.eq(hook_id))
        .order(wd::id.desc())
        .limit(limit)
        .select(DELIVERY_COLUMNS)
        .into_boxed();
    if let Some(before) = before {
        q = q.filter(wd::id.lt(before.to_owned()));
    }
    Ok(q.load(conn)?)
}

/// One of a subscription's deliveries (404 when it belongs to another).
pub fn delivery(conn: &mut DbConnection, hook_id: &str, id: &str) -> ApiResult<DeliveryRow> {
    Ok(wd::table
        .filter(wd::webhook_id.eq(hook_id))
        .filter(wd::id.eq(id))
        .select(DELIVERY_COLUMNS)
        .first(conn)?)
}

/// Makes a delivery due now, with a new retry window ending at `give_up_at`.
pub fn requeue(
    conn: &mut DbConnection,
    id: &str,
    at: NaiveDateTime,
    give_up_at: NaiveDateTime,
) -> ApiResult<()> {
    diesel::update(wd::table.find(id))
        .set((
            wd::status.eq(DeliveryStatus::Pending),
            wd::next_attempt_at.eq(at),
            wd::give_up_at.eq(give_up_at),
            wd::locked_until.eq(None::<NaiveDateTime>),
            wd::updated_at.eq(at),
        ))
        .execute(conn)?;
    Ok(())
}

// The worker's queries.

/// A live subscription as the fan-out reads it.
pub struct FanoutHook {
    pub id: String,
    pub types: String,
    pub organisation_id: Option<String>,
    pub fanout_position: i64,
}

pub fn fanout_hooks(conn: &mut DbConnection) -> ApiResult<Vec<FanoutHook>> {
    let rows: Vec<(String, String, Option<String>, i64)> = webhooks::table
        .filter(webhooks::deleted_at.is_null())
        .select((
            webhooks::id,
            webhooks::types,
            webhooks::organisation_id,
            webhooks::fanout_position,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, types, organisation_id, fanout_position)| FanoutHook {
            id,
            types,
            organisation_id,
            fanout_position,
        })
        .collect())
}

/// A new pending delivery of the event at `position`, due now.
pub fn insert_delivery(
    conn: &mut DbConnection,
    hook_id: &str,
    position: i64,
    at: NaiveDateTime,
    give_up_at: NaiveDateTime,
) -> ApiResult<()> {
    diesel::insert_into(wd::table)
        .values((
            wd::id.eq(uuid::Uuid::now_v7().to_string()),
            wd::webhook_id.eq(hook_id),
            wd::event_position.eq(position),
            wd::status.eq(DeliveryStatus::Pending),
            wd::attempts.eq(0),
            wd::next_attempt_at.eq(at),
            wd::give_up_at.eq(give_up_at),
            wd::created_at.eq(at),
            wd::updated_at.eq(at),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn set_fanout_position(conn: &mut DbConnection, hook_id: &str, position: i64) -> ApiResult<()> {
    diesel::update(webhooks::table.find(hook_id))
        .set(webhooks::fanout_position.eq(position))
        .execute(conn)?;
    Ok(())
}

/// Leases up to `batch` due, unleased deliveries until `at + lease` and returns their ids.
/// Call inside a transaction: on PostgreSQL the rows are taken `FOR UPDATE SKIP LOCKED`, so
/// two replicas never lease the same delivery.
pub fn lease_due(
    conn: &mut DbConnection,
    at: NaiveDateTime,
    lease: TimeDelta,
    batch: i64,
) -> ApiResult<Vec<String>> {
    let due = wd::table
        .filter(wd::status.eq(DeliveryStatus::Pending))
        .filter(wd::next_attempt_at.le(at))
        .filter(wd::locked_until.is_null().or(wd::locked_until.lt(at)))
        .order(wd::next_attempt_at.asc())
        .limit(batch)
        .select(wd::id);
    let ids: Vec<String> = match conn {
        DbConnection::Postgresql(pg) => due.for_update().skip_locked().load(pg)?,
        DbConnection::Sqlite(lite) => due.load(lite)?,
    };
    if !ids.is_empty() {
        diesel::update(wd::table.filter(wd::id.eq_any(&ids)))
            .set(wd::locked_until.eq(at + lease))
            .execute(conn)?;
    }
    Ok(ids)
}

/// What the worker needs to send a leased delivery.
pub struct Leased {
    pub event_position: i64,
    pub attempts: i32,
    pub give_up_at: NaiveDateTime,
    pub url: String,
    pub secret_enc: String,
    pub previous_secret_enc: Option<String>,
    pub previous_valid_until: Option<NaiveDateTime>,
}

pub fn leased(conn: &mut DbConnection, id: &str) -> ApiResult<Leased> {
    let (hook_id, event_position, attempts, give_up_at): (String, i64, i32, NaiveDateTime) =
        wd::table
            .find(id)
            .select((
                wd::webhook_id,
                wd::event_position,
                wd::attempts,
                wd::give_up_at,
            ))
            .first(conn)?;
    let (url, secret_enc, previous_secret_enc, previous_valid_until): (
        String,
        String,
        Option<String>,
        Option<NaiveDateTime>,
    ) = webhooks::table
        .find(&hook_id)
        .select((
            webhooks::url,
            webhooks::secret_enc,
            webhooks::previous_secret_enc,
            webhooks::previous_valid_until,
        ))
        .first(conn)?;
    Ok(Leased {
        event_position,
        attempts,
        give_up_at,
        url,
        secret_enc,
        previous_secret_enc,
        previous_valid_until,
    })
}

/// The outcome of one attempt, as recorded.
pub struct Attempt {
    pub status: DeliveryStatus,
    pub attempts: i32,
    pub next_attempt_at: NaiveDateTime,
    pub last_status: Option<i32>,
    pub last_error: Option<String>,
    pub at: NaiveDateTime,
}

/// Records an attempt and releases the lease.
pub fn record_attempt(conn: &mut DbConnection, id: &str, a: Attempt) -> ApiResult<()> {
    diesel::update(wd::table.find(id))
        .set((
            wd::status.eq(a.status),
            wd::attempts.eq(a.attempts),
            wd::next_attempt_at.eq(a.next_attempt_at),
            wd::locked_until.eq(None::<NaiveDateTime>),
            wd::last_status.eq(a.last_status),
            wd::last_error.eq(a.last_error),
            wd::updated_at.eq(a.at),
        ))
        .execute(conn)?;
    Ok(())
}

/// Deliveries by status (for monitoring).
pub fn count_by_status(conn: &mut DbConnection) -> ApiResult<Vec<(DeliveryStatus, i64)>> {
    Ok(wd::table
        .group_by(wd::status)
        .select((wd::status, diesel::dsl::count_star()))
        .load(conn)?)
}
