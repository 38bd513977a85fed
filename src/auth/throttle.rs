//! Failed sign-in throttling, kept in the database so that every replica sees the same count.
//!
//! Failures are counted per (account, client address) and per client address over the last
//! 15 minutes; nothing ever blocks correct credentials from an address that has not failed
//! for that account, so an attacker elsewhere cannot lock the owner out (issue 18, row 4).
//!
//! * `login-account-address`: [`Policy::free`] failures (default 5) are free; from then on every
//!   attempt for that account from that address waits `base · 2^(n − free)` after the last
//!   failure (`n` failures counted, default base 1 s), capped at [`Policy::max_delay`] (15 min).
//! * `login-address`: ten times as many free failures from one address over every account
//!   (password spraying), then the same doubling, capped at one minute — a NAT's colleagues are
//!   slowed, never shut out.
//! * Account ceiling: when an account has [`ACCOUNT_CEILING`] failures in an hour from anywhere,
//!   an address that has itself failed for it waits at least a minute after its last failure.
//!   An address with no failure for the account is never held back by it.
//!
//! Every throttle answers 429 with `Retry-After`. The sign-in answer reports the two policies
//! as IETF RateLimit headers ([`quotas`]): `"login-account-address";q=5;w=900,
//! "login-address";q=50;w=900`, with `r` the failures left before a delay (1 when a delay has
//! passed and one attempt is allowed, 0 while waiting) and `t` the seconds until the next
//! attempt is allowed while `r` is 0, else until the oldest counted failure leaves the window
//! (0 when none is counted). A successful sign-in clears that account's failures from that
//! address (not from elsewhere).
//!
//! **Attempts are reserved before the password is checked** (issue 33, row 4): [`reserve`]
//! takes the throttle's decision and, when the attempt may go ahead, records it as a failure
//! in the same write transaction — on SQLite under the one write lock, on PostgreSQL under a
//! transaction-scoped advisory lock on the address key, so that every replica serialises the
//! decisions for one address. A success then clears the account's failures from that address
//! (the reservation with them); a failure leaves the reservation as its count. So N parallel
//! wrong passwords get at most the free allowance of real password checks; the rest are 429.
//!
//! Addresses are counted by [`crate::http::client::throttle_key`]: IPv4 per address, IPv6
//! per `IPV6_PREFIX_LEN` prefix (default /64, what one subscriber is given).

use chrono::{NaiveDateTime, TimeDelta};
use diesel::prelude::*;

use crate::db::schema::login_failures;
use crate::db::{write_tx, DbConnection};
use crate::error::{ApiError, ApiResult};
use crate::http::rate_limit::{error_with_quota, Quota};

/// The window in which failures are counted.
pub const WINDOW: TimeDelta = TimeDelta::minutes(15);
/// Failures per account in an hour, from every address, past which addresses that failed for
/// it wait at least [`CEILING_DELAY`].
pub const ACCOUNT_CEILING: i64 = 100;
const CEILING_DELAY: TimeDelta = TimeDelta::minutes(1);
/// The longest delay one address alone (whatever the account) imposes on itself.
const ADDRESS_MAX_DELAY: TimeDelta = TimeDelta::minutes(1);
/// Enough rows to reach any capped delay (2^40 · 1 ms is far beyond every cap).
const MAX_COUNTED: i64 = 64;

/// The throttle's settings (from `LOGIN_FREE_FAILURES`, `LOGIN_BACKOFF_BASE_MS`,
/// `LOGIN_BACKOFF_MAX_SECS`).
#[derive(Clone, Copy, Debug)]
pub struct Policy {
    pub free: i64,
    pub base: TimeDelta,
    pub max_delay: TimeDelta,
}

impl Policy {
    pub fn from_config(c: &crate::config::Config) -> Self {
        Policy {
            free: i64::from(c.auth.login_free_failures),
            base: TimeDelta::milliseconds(c.auth.login_backoff_base_ms as i64),
            max_delay: TimeDelta::seconds(c.auth.login_backoff_max_secs as i64),
        }
    }

    /// The delay after `n` counted failures with `free` of them free.
    pub fn delay(&self, n: i64, free: i64, cap: TimeDelta) -> TimeDelta {
        if n < free {
            return TimeDelta::zero();
        }
        let doublings = (n - free).min(40) as u32;
        let ms = self
            .base
            .num_milliseconds()
            .saturating_mul(1_i64 << doublings);
        TimeDelta::milliseconds(ms).min(cap)
    }
}

/// Recent failures (newest first, at most [`MAX_COUNTED`]).
fn failures(
    conn: &mut DbConnection,
    by_account: Option<&str>,
    by_ip: Option<&str>,
    since: NaiveDateTime,
) -> ApiResult<Vec<NaiveDateTime>> {
    let mut q = login_failures::table
        .filter(login_failures::at.gt(since))
        .into_boxed();
    if let Some(key) = by_account {
        q = q.filter(login_failures::username_key.eq(key.to_owned()));
    }
    if let Some(ip) = by_ip {
        q = q.filter(login_failures::client_ip.eq(ip.to_owned()));
    }
    Ok(q.select(login_failures::at)
        .order(login_failures::at.desc())
        .limit(MAX_COUNTED)
        .load(conn)?)
}

fn ceil_secs(d: TimeDelta) -> u64 {
    (d.num_milliseconds().max(0) as u64).div_ceil(1000)
}

/// The standing under one policy given its failures (newest first) and the delay they impose
/// (also the client-credentials throttle's, `service_accounts::throttle`: same window and rule).
pub fn standing(
    policy: &'static str,
    free: i64,
    times: &[NaiveDateTime],
    delay: TimeDelta,
    now: NaiveDateTime,
) -> Quota {
    let n = times.len() as i64;
    let wait = times
        .first()
        .map_or(TimeDelta::zero(), |last| *last + delay - now);
    let (remaining, reset_secs) = if wait > TimeDelta::zero() {
        (0, ceil_secs(wait).max(1))
    } else {
        let left = if n < free { (free - n) as u64 } else { 1 };
        let reset = times
            .last()
            .map_or(0, |oldest| ceil_secs(*oldest + WINDOW - now).max(1));
        (left, reset)
    };
    Quota {
        policy,
        quota: free as u64,
        window_secs: WINDOW.num_seconds() as u64,
        remaining,
        reset_secs,
    }
}

/// The caller's standing under every sign-in policy, in the order of the RateLimit headers.
pub fn quotas(
    conn: &mut DbConnection,
    policy: &Policy,
    username_key: &str,
    client_ip: &str,
    now: NaiveDateTime,
) -> ApiResult<Vec<Quota>> {
    let since = now - WINDOW;
    let pair = failures(conn, Some(username_key), Some(client_ip), since)?;
    let mut pair_delay = policy.delay(pair.len() as i64, policy.free, policy.max_delay);
    if !pair.is_empty() {
        let hourly = login_failures::table
            .filter(login_failures::username_key.eq(username_key))
            .filter(login_failures::at.gt(now - TimeDelta::hours(1)))
            .count()
            .get_result::<i64>(conn)?;
        if hourly >= ACCOUNT_CEILING {
            pair_delay = pair_delay.max(CEILING_DELAY);
        }
    }
    let address = failures(conn, None, Some(client_ip), since)?;
    let address_free = policy.free * 10;
    let address_delay = policy.delay(address.len() as i64, address_free, ADDRESS_MAX_DELAY);
    Ok(vec![
        standing("login-account-address", policy.free, &pair, pair_delay, now),
        standing("login-address", address_free, &address, address_delay, now),
    ])
}

/// 429 (with `Retry-After` and the RateLimit headers) while the caller must wait.
pub fn check(
    conn: &mut DbConnection,
    policy: &Policy,
    username_key: &str,
    client_ip: &str,
    now: NaiveDateTime,
) -> ApiResult<()> {
    let quotas = quotas(conn, policy, username_key, client_ip, now)?;
    let retry = quotas
        .iter()
        .filter(|q| q.remaining == 0)
        .map(|q| q.reset_secs)
        .max();
    match retry {
        Some(secs) => Err(error_with_quota(ApiError::rate_limited(secs), &quotas)),
        None => Ok(()),
    }
}

/// Serialises the throttle decisions for one key until the end of the caller's transaction:
/// on PostgreSQL a transaction-scoped advisory lock (held across replicas, released at commit
/// or rollback); on SQLite nothing more is needed (a write transaction holds the one write
/// lock).
pub fn lock(conn: &mut DbConnection, scope: &str, key: &str) -> ApiResult<()> {
    if let DbConnection::Postgresql(pg) = conn {
        diesel::sql_query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))")
            .bind::<diesel::sql_types::Text, _>(format!("{scope}:{key}"))
            .execute(pg)?;
    }
    Ok(())
}

/// Reserves one sign-in attempt for the account from the address before its password is
/// checked: 429 while the caller must wait, else the attempt is counted (as a failure, until
/// a success clears it) in one committed write; returns the reservation's id.
pub fn reserve(
    conn: &mut DbConnection,
    policy: &Policy,
    username_key: &str,
    client_ip: &str,
    now: NaiveDateTime,
) -> ApiResult<String> {
    write_tx(conn, |c| {
        lock(c, "login", client_ip)?;
        check(c, policy, username_key, client_ip, now)?;
        record_failure(c, username_key, client_ip, now)
    })
}

/// Gives back a reservation whose attempt turned out not to be a failure (a password change
/// whose current password was right).
pub fn release(conn: &mut DbConnection, reservation: &str) -> ApiResult<()> {
    diesel::delete(login_failures::table.find(reservation)).execute(conn)?;
    Ok(())
}

/// Counts a failure (and forgets those older than a day); returns its row's id.
pub fn record_failure(
    conn: &mut DbConnection,
    username_key: &str,
    client_ip: &str,
    now: NaiveDateTime,
) -> ApiResult<String> {
    let id = uuid::Uuid::now_v7().to_string();
    diesel::insert_into(login_failures::table)
        .values((
            login_failures::id.eq(&id),
            login_failures::username_key.eq(username_key),
            login_failures::client_ip.eq(client_ip),
            login_failures::at.eq(now),
        ))
        .execute(conn)?;
    // Old rows are of no further use.
    diesel::delete(login_failures::table.filter(login_failures::at.lt(now - TimeDelta::days(1))))
        .execute(conn)?;
    Ok(id)
}

/// A successful sign-in clears the account's failures from that address only: failures from
/// elsewhere (an attacker's) keep counting.
pub fn clear(conn: &mut DbConnection, username_key: &str, client_ip: &str) -> ApiResult<()> {
    diesel::delete(
        login_failures::table
            .filter(login_failures::username_key.eq(username_key))
            .filter(login_failures::client_ip.eq(client_ip)),
    )
    .execute(conn)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_double_past_the_free_failures_and_stop_at_the_cap() {
        let p = Policy {
            free: 5,
            base: TimeDelta::seconds(1),
            max_delay: TimeDelta::minutes(15),
        };
        let d = |n| p.delay(n, p.free, p.max_delay).num_seconds();
        assert_eq!((0..=4).map(d).collect::<Vec<_>>(), vec![0; 5]);
        assert_eq!((5..=9).map(d).collect::<Vec<_>>(), vec![1, 2, 4, 8, 16]);
        assert_eq!(d(15), 900);
        assert_eq!(d(64), 900);
    }
}
