//! Failed sign-in throttling, kept in the database so that every replica sees the same count.
//! Per account: at most 10 failures in 15 minutes and 100 in an hour (OWASP ASVS); per client
//! address: at most 50 failures in 15 minutes. Past a limit the answer is 429 with
//! `Retry-After` until the oldest counted failure leaves the window.
//!
//! The sign-in answer reports these three limits as IETF RateLimit headers ([`quotas`]):
//! `"login-account";q=10;w=900`, `"login-account-hourly";q=100;w=3600` and
//! `"login-address";q=50;w=900`, with `r` the failures still allowed and `t` the seconds until
//! the oldest counted failure leaves its window (0 when none is counted). Only failures count;
//! a successful sign-in clears the account's failures (not the address's).

use chrono::{NaiveDateTime, TimeDelta};
use diesel::prelude::*;

use crate::db::schema::login_failures;
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult};
use crate::http::rate_limit::{error_with_quota, Quota};

struct Limit {
    policy: &'static str,
    window: TimeDelta,
    max: i64,
}

const ACCOUNT_LIMITS: [Limit; 2] = [
    Limit {
        policy: "login-account",
        window: TimeDelta::minutes(15),
        max: 10,
    },
    Limit {
        policy: "login-account-hourly",
        window: TimeDelta::hours(1),
        max: 100,
    },
];
const ADDRESS_LIMIT: Limit = Limit {
    policy: "login-address",
    window: TimeDelta::minutes(15),
    max: 50,
};

/// The caller's standing under one limit: failures left and seconds until one is regained.
fn standing(
    conn: &mut DbConnection,
    by_account: Option<&str>,
    by_ip: Option<&str>,
    limit: &Limit,
    now: NaiveDateTime,
) -> ApiResult<Quota> {
    let since = now - limit.window;
    let mut q = login_failures::table
        .filter(login_failures::at.gt(since))
        .into_boxed();
    if let Some(key) = by_account {
        q = q.filter(login_failures::username_key.eq(key.to_owned()));
    }
    if let Some(ip) = by_ip {
        q = q.filter(login_failures::client_ip.eq(ip.to_owned()));
    }
    let times: Vec<NaiveDateTime> = q
        .select(login_failures::at)
        .order(login_failures::at.desc())
        .limit(limit.max)
        .load(conn)?;
    // The oldest of the last `max` failures leaves the window at `oldest + window`.
    let reset_secs = times.last().map_or(0, |oldest| {
        (*oldest + limit.window - now).num_seconds().max(1) as u64
    });
    Ok(Quota {
        policy: limit.policy,
        quota: limit.max as u64,
        window_secs: limit.window.num_seconds() as u64,
        remaining: (limit.max - times.len() as i64).max(0) as u64,
        reset_secs,
    })
}

/// The caller's standing under every sign-in limit, in the order of the RateLimit headers.
pub fn quotas(
    conn: &mut DbConnection,
    username_key: &str,
    client_ip: &str,
    now: NaiveDateTime,
) -> ApiResult<Vec<Quota>> {
    let mut out = Vec::with_capacity(3);
    for limit in &ACCOUNT_LIMITS {
        out.push(standing(conn, Some(username_key), None, limit, now)?);
    }
    out.push(standing(conn, None, Some(client_ip), &ADDRESS_LIMIT, now)?);
    Ok(out)
}

/// 429 (with `Retry-After` and the RateLimit headers) when the account or the address is over
/// a limit.
pub fn check(
    conn: &mut DbConnection,
    username_key: &str,
    client_ip: &str,
    now: NaiveDateTime,
) -> ApiResult<()> {
    let quotas = quotas(conn, username_key, client_ip, now)?;
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

pub fn record_failure(
    conn: &mut DbConnection,
    username_key: &str,
    client_ip: &str,
    now: NaiveDateTime,
) -> ApiResult<()> {
    diesel::insert_into(login_failures::table)
        .values((
            login_failures::id.eq(uuid::Uuid::now_v7().to_string()),
            login_failures::username_key.eq(username_key),
            login_failures::client_ip.eq(client_ip),
            login_failures::at.eq(now),
        ))
        .execute(conn)?;
    // Old rows are of no further use.
    diesel::delete(login_failures::table.filter(login_failures::at.lt(now - TimeDelta::days(1))))
        .execute(conn)?;
    Ok(())
}

/// A successful sign-in clears the account's failures.
pub fn clear(conn: &mut DbConnection, username_key: &str) -> ApiResult<()> {
    diesel::delete(login_failures::table.filter(login_failures::username_key.eq(username_key)))
        .execute(conn)?;
    Ok(())
}
