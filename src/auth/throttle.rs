//! Failed sign-in throttling, kept in the database so that every replica sees the same count.
//! Per account: at most 10 failures in 15 minutes and 100 in an hour (OWASP ASVS); per client
//! address: at most 50 failures in 15 minutes. Past a limit the answer is 429 with
//! `Retry-After` until the oldest counted failure leaves the window.

use chrono::{NaiveDateTime, TimeDelta};
use diesel::prelude::*;

use crate::db::schema::login_failures;
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult};

struct Limit {
    window: TimeDelta,
    max: i64,
}

const ACCOUNT_LIMITS: [Limit; 2] = [
    Limit {
        window: TimeDelta::minutes(15),
        max: 10,
    },
    Limit {
        window: TimeDelta::hours(1),
        max: 100,
    },
];
const ADDRESS_LIMIT: Limit = Limit {
    window: TimeDelta::minutes(15),
    max: 50,
};

fn check_one(
    conn: &mut DbConnection,
    by_account: Option<&str>,
    by_ip: Option<&str>,
    limit: &Limit,
    now: NaiveDateTime,
) -> ApiResult<()> {
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
    if (times.len() as i64) < limit.max {
        return Ok(());
    }
    // The oldest of the last `max` failures leaves the window at `oldest + window`.
    let oldest = times.last().copied().unwrap_or(now);
    let retry = (oldest + limit.window - now).num_seconds().max(1) as u64;
    Err(ApiError::rate_limited(retry))
}

/// 429 when the account or the address is over a limit.
pub fn check(
    conn: &mut DbConnection,
    username_key: &str,
    client_ip: &str,
    now: NaiveDateTime,
) -> ApiResult<()> {
    for limit in &ACCOUNT_LIMITS {
        check_one(conn, Some(username_key), None, limit, now)?;
    }
    check_one(conn, None, Some(client_ip), &ADDRESS_LIMIT, now)
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
