//! Throttling failed client authentications at `POST /auth/token`, per client id and client
//! address, kept in the database so that every replica sees the same count.
//!
//! Machines retry, so the rule differs from the sign-in throttle's in one way: a client that
//! presents the right secret is **never** held back, whatever failed before (a misconfigured
//! replica, or someone else guessing, cannot lock the real client out). The secret is checked
//! first (a SHA-256, microseconds); only a wrong one meets the throttle. A client secret has
//! 256 random bits, so no rate of guessing reaches it; what the throttle bounds is the work and
//! the audit-log volume a hostile or misconfigured client causes: while it runs, a wrong
//! secret answers 429 with `Retry-After` and writes nothing.
//!
//! * `token-client-address`: `LOGIN_FREE_FAILURES` (default 5) failures per client id and
//!   address in 15 minutes are free; then each further attempt waits `LOGIN_BACKOFF_BASE_MS ·
//!   2^(n − free)` after the last failure, at most `LOGIN_BACKOFF_MAX_SECS`.
//! * `token-address`: ten times as many per address over every client id (unknown ones
//!   included), then the same doubling, at most a minute.

use chrono::{NaiveDateTime, TimeDelta};
use diesel::prelude::*;

use crate::auth::throttle::{standing, Policy, WINDOW};
use crate::db::schema::client_auth_failures;
use crate::db::DbConnection;
use crate::error::ApiResult;
use crate::http::rate_limit::Quota;

/// The longest delay one address imposes on itself over every client id.
const ADDRESS_MAX_DELAY: TimeDelta = TimeDelta::minutes(1);
/// Enough rows to reach any capped delay.
const MAX_COUNTED: i64 = 64;

/// Recent failures, newest first.
fn failures(
    conn: &mut DbConnection,
    client_id: Option<&str>,
    client_ip: &str,
    since: NaiveDateTime,
) -> ApiResult<Vec<NaiveDateTime>> {
    let mut q = client_auth_failures::table
        .filter(client_auth_failures::client_ip.eq(client_ip.to_owned()))
        .filter(client_auth_failures::at.gt(since))
        .into_boxed();
    if let Some(id) = client_id {
        q = q.filter(client_auth_failures::client_id.eq(id.to_owned()));
    }
    Ok(q.select(client_auth_failures::at)
        .order(client_auth_failures::at.desc())
        .limit(MAX_COUNTED)
        .load(conn)?)
}

/// The caller's standing under both policies, in the order of the RateLimit headers.
pub fn quotas(
    conn: &mut DbConnection,
    policy: &Policy,
    client_id: &str,
    client_ip: &str,
    now: NaiveDateTime,
) -> ApiResult<Vec<Quota>> {
    let since = now - WINDOW;
    let pair = failures(conn, Some(client_id), client_ip, since)?;
    let pair_delay = policy.delay(pair.len() as i64, policy.free, policy.max_delay);
    let address = failures(conn, None, client_ip, since)?;
    let address_free = policy.free * 10;
    let address_delay = policy.delay(address.len() as i64, address_free, ADDRESS_MAX_DELAY);
    Ok(vec![
        standing("token-client-address", policy.free, &pair, pair_delay, now),
        standing("token-address", address_free, &address, address_delay, now),
    ])
}

/// Seconds a wrong secret from this client id and address must still wait (`None`: none).
pub fn wait(quotas: &[Quota]) -> Option<u64> {
    quotas
        .iter()
        .filter(|q| q.remaining == 0)
        .map(|q| q.reset_secs)
        .max()
}

/// Counts a failed client authentication (and forgets those older than a day).
pub fn record_failure(
    conn: &mut DbConnection,
    client_id: &str,
    client_ip: &str,
    now: NaiveDateTime,
) -> ApiResult<()> {
    diesel::insert_into(client_auth_failures::table)
        .values((
            client_auth_failures::id.eq(uuid::Uuid::now_v7().to_string()),
            client_auth_failures::client_id.eq(client_id),
            client_auth_failures::client_ip.eq(client_ip),
            client_auth_failures::at.eq(now),
        ))
        .execute(conn)?;
    diesel::delete(
        client_auth_failures::table.filter(client_auth_failures::at.lt(now - TimeDelta::days(1))),
    )
    .execute(conn)?;
    Ok(())
}

/// A successful authentication clears the client's failures from that address (not from
/// elsewhere).
pub fn clear(conn: &mut DbConnection, client_id: &str, client_ip: &str) -> ApiResult<()> {
    diesel::delete(
        client_auth_failures::table
            .filter(client_auth_failures::client_id.eq(client_id))
            .filter(client_auth_failures::client_ip.eq(client_ip)),
    )
    .execute(conn)?;
    Ok(())
}
