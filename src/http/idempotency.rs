//! `Idempotency-Key` support for `POST /requests`, `POST /permits/{id}/receipt` and
//! `POST /complaints`.
//!
//! Keys are scoped per user and kept 24 hours. A retry with the same key and the same body
//! (compared by the canonical JSON hash) replays the first response, status and body; the same
//! key with another body is 422 `idempotency_key_reused`; a key whose first request is still in
//! flight is 409 `idempotency_in_flight`. The response is recorded in the same transaction as
//! the change itself, so a crash can never leave a change without its record. A record left in
//! flight by an attempt that died before its commit is taken over by a retry: on PostgreSQL at
//! once, because the attempt holds a session advisory lock on the key while it runs and a
//! dead session (a crashed replica, a failover) holds none; otherwise after 30 seconds.

use actix_web::dev::Payload;
use actix_web::http::header::{self, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::{FromRequest, HttpRequest, HttpResponse};
use chrono::{NaiveDateTime, TimeDelta};
use diesel::prelude::*;
use diesel::QueryableByName;
use futures_util::future::{ready, Ready};

use crate::db::schema::idempotency_keys as ik;
use crate::db::{write_tx, DbConnection};
use crate::error::{ApiError, ApiResult, ErrorCode};

pub const HEADER: &str = "idempotency-key";
const RETENTION: TimeDelta = TimeDelta::hours(24);
const ABANDONED_AFTER: TimeDelta = TimeDelta::seconds(30);

/// The `Idempotency-Key` header, if sent: 1–255 visible ASCII characters.
#[derive(Clone, Debug, Default)]
pub struct IdempotencyKey(pub Option<String>);

impl FromRequest for IdempotencyKey {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let result = match req.headers().get(HEADER) {
            None => Ok(IdempotencyKey(None)),
            Some(v) => match v.to_str() {
                Ok(s)
                    if !s.is_empty()
                        && s.len() <= 255
                        && s.chars().all(|c| c.is_ascii_graphic()) =>
                {
                    Ok(IdempotencyKey(Some(s.to_owned())))
                }
                _ => Err(ApiError::bad_request(
                    ErrorCode::InvalidHeader,
                    "سرآیند Idempotency-Key باید ۱ تا ۲۵۵ نویسهٔ اسکی قابل‌نمایش باشد.",
                    "Idempotency-Key must be 1–255 visible ASCII characters.",
                )),
            },
        };
        ready(result)
    }
}

impl IdempotencyKey {
    /// The call this key (if any) guards: `endpoint` names the operation (with its path
    /// parameters), `body_hash` is the body's canonical hash.
    pub fn call(self, user_id: &str, endpoint: impl Into<String>, body_hash: String) -> Call {
        Call {
            user_id: user_id.to_owned(),
            key: self.0,
            endpoint: endpoint.into(),
            body_hash,
        }
    }
}

/// A response as recorded for replay.
#[derive(Clone, Debug)]
pub struct Recorded {
    pub status: u16,
    pub body: String,
    pub location: Option<String>,
    pub etag: Option<String>,
    /// A retry answered from the record rather than by running the change again: sent as
    /// `Idempotent-Replayed: true`.
    pub replayed: bool,
}

/// The header that marks a replayed answer (as Stripe and the IETF idempotency-key draft's
/// implementations name it).
pub const REPLAYED_HEADER: &str = "Idempotent-Replayed";

impl Recorded {
    pub fn json<T: serde::Serialize>(
        status: StatusCode,
        body: &T,
        location: Option<String>,
        etag: Option<String>,
    ) -> ApiResult<Recorded> {
        Ok(Recorded {
            status: status.as_u16(),
            body: serde_json::to_string(body).map_err(ApiError::internal)?,
            location,
            etag,
            replayed: false,
        })
    }

    /// `201 Created` with the new resource's `Location` and `ETag`.
    pub fn created<T: serde::Serialize>(
        body: &T,
        location: String,
        etag: String,
    ) -> ApiResult<Recorded> {
        Recorded::json(StatusCode::CREATED, body, Some(location), Some(etag))
    }

    pub fn into_response(self) -> HttpResponse {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::OK);
        let mut b = HttpResponse::build(status);
        b.insert_header((header::CONTENT_TYPE, "application/json"));
        for (name, value) in [(header::LOCATION, self.location), (header::ETAG, self.etag)] {
            if let Some(v) = value.and_then(|v| HeaderValue::from_str(&v).ok()) {
                b.insert_header((name, v));
            }
        }
        if self.replayed {
            b.insert_header((REPLAYED_HEADER, "true"));
        }
        b.body(self.body)
    }
}

/// What to do with a keyed request.
enum Begin {
    /// Run it (the key is now held in flight).
    Proceed,
    /// It already ran: send this.
    Replay(Recorded),
}

#[derive(Queryable)]
struct Row {
    endpoint: String,
    request_hash: String,
    state: String,
    response_status: Option<i32>,
    response_body: Option<String>,
    response_location: Option<String>,
    response_etag: Option<String>,
    created_at: NaiveDateTime,
    expires_at: NaiveDateTime,
}

fn insert_in_flight(
    conn: &mut DbConnection,
    user_id: &str,
    key: &str,
    endpoint: &str,
    hash: &str,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::insert_into(ik::table)
        .values((
            ik::user_id.eq(user_id),
            ik::idem_key.eq(key),
            ik::endpoint.eq(endpoint),
            ik::request_hash.eq(hash),
            ik::state.eq("in_flight"),
            ik::created_at.eq(now),
            ik::expires_at.eq(now + RETENTION),
        ))
        .execute(conn)
}

/// The key's row for this user, if any.
fn find_key(conn: &mut DbConnection, user_id: &str, key: &str) -> ApiResult<Option<Row>> {
    Ok(ik::table
        .filter(ik::user_id.eq(user_id))
        .filter(ik::idem_key.eq(key))
        .select((
            ik::endpoint,
            ik::request_hash,
            ik::state,
            ik::response_status,
            ik::response_body,
            ik::response_location,
            ik::response_etag,
            ik::created_at,
            ik::expires_at,
        ))
        .first(conn)
        .optional()?)
}

/// Claims an unused key: `false` when someone else claimed it between our read and insert.
fn claim(conn: &mut DbConnection, call: &Call, key: &str, now: NaiveDateTime) -> ApiResult<bool> {
    let (user_id, endpoint, hash) = (
        call.user_id.as_str(),
        call.endpoint.as_str(),
        call.body_hash.as_str(),
    );
    match insert_in_flight(conn, user_id, key, endpoint, hash, now) {
        Ok(_) => Ok(true),
        Err(diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::UniqueViolation,
            _,
        )) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// Deletes the user's key if it expired by `now`.
fn delete_expired(
    conn: &mut DbConnection,
    user_id: &str,
    key: &str,
    now: NaiveDateTime,
) -> ApiResult<()> {
    diesel::delete(
        ik::table
            .filter(ik::user_id.eq(user_id))
            .filter(ik::idem_key.eq(key))
            .filter(ik::expires_at.le(now)),
    )
    .execute(conn)?;
    Ok(())
}

/// Takes over a key left in flight (claimed at `claimed_at`) by an attempt that died before its
/// transaction committed: `false` when another attempt took it first.
fn take_over(
    conn: &mut DbConnection,
    user_id: &str,
    key: &str,
    claimed_at: NaiveDateTime,
    now: NaiveDateTime,
) -> ApiResult<bool> {
    let n = diesel::update(
        ik::table
            .filter(ik::user_id.eq(user_id))
            .filter(ik::idem_key.eq(key))
            .filter(ik::state.eq("in_flight"))
            .filter(ik::created_at.eq(claimed_at)),
    )
    .set(ik::created_at.eq(now))
    .execute(conn)?;
    Ok(n == 1)
}

fn key_reused() -> ApiError {
    ApiError::unprocessable(
        ErrorCode::IdempotencyKeyReused,
        "این کلید یکتایی پیش‌تر با درخواست دیگری به کار رفته است.",
        "This Idempotency-Key was used with a different request.",
    )
}

/// The recorded answer of a finished request, to replay.
fn replay(row: Row) -> Begin {
    Begin::Replay(Recorded {
        status: row.response_status.unwrap_or(200) as u16,
        body: row.response_body.unwrap_or_default(),
        location: row.response_location,
        etag: row.response_etag,
        replayed: true,
    })
}

/// Claims the key for this request, or says how to answer. Runs outside the business
/// transaction (its own statements).
fn begin(
    conn: &mut DbConnection,
    call: &Call,
    key: &str,
    now: NaiveDateTime,
    owner_gone: bool,
) -> ApiResult<Begin> {
    let user_id = call.user_id.as_str();
    if rand::random::<u8>() < 3 {
        diesel::delete(ik::table.filter(ik::expires_at.lt(now))).execute(conn)?;
    }
    for _ in 0..3 {
        let Some(row) = find_key(conn, user_id, key)? else {
            if claim(conn, call, key, now)? {
                return Ok(Begin::Proceed);
            }
            // Someone else claimed it between our read and insert: look again.
            continue;
        };
        if row.expires_at <= now {
            delete_expired(conn, user_id, key, now)?;
            continue;
        }
        if row.endpoint != call.endpoint || row.request_hash != call.body_hash {
            return Err(key_reused());
        }
        if row.state == "done" {
            return Ok(replay(row));
        }
        if owner_gone || row.created_at + ABANDONED_AFTER < now {
            // Left in flight by an attempt that died before its transaction committed: take
            // it over.
            if take_over(conn, user_id, key, row.created_at, now)? {
                return Ok(Begin::Proceed);
            }
            continue;
        }
        return Err(in_flight());
    }
    Err(in_flight())
}

fn in_flight() -> ApiError {
    ApiError::conflict(
        ErrorCode::IdempotencyInFlight,
        "درخواست قبلی با همین کلید یکتایی هنوز در حال انجام است.",
        "A request with this Idempotency-Key is still in progress; retry shortly.",
    )
    .with_header(header::RETRY_AFTER, "1")
}

/// The PostgreSQL advisory lock that marks a key's attempt as alive: a stable 64-bit number
/// from the user and the key (the first eight bytes of their SHA-256).
pub fn lock_key(user_id: &str, key: &str) -> i64 {
    use sha2::Digest;
    let digest = sha2::Sha256::new()
        .chain_update(user_id.as_bytes())
        .chain_update([0u8])
        .chain_update(key.as_bytes())
        .finalize();
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest[..8]);
    i64::from_be_bytes(first)
}

#[derive(QueryableByName)]
struct Locked {
    #[diesel(sql_type = diesel::sql_types::Bool)]
    locked: bool,
}

/// On PostgreSQL, takes the key's advisory lock for this session: `Some(true)` when taken (no
/// live attempt holds it), `Some(false)` when another live session holds it. `None` on SQLite,
/// where the 30-second rule alone applies.
fn lock(conn: &mut DbConnection, id: i64) -> ApiResult<Option<bool>> {
    if !matches!(conn, DbConnection::Postgresql(_)) {
        return Ok(None);
    }
    let row: Locked = diesel::sql_query("SELECT pg_try_advisory_lock($1) AS locked")
        .bind::<diesel::sql_types::BigInt, _>(id)
        .get_result(conn)?;
    Ok(Some(row.locked))
}

fn unlock(conn: &mut DbConnection, id: i64) {
    let done = diesel::sql_query("SELECT pg_advisory_unlock($1) AS locked")
        .bind::<diesel::sql_types::BigInt, _>(id)
        .get_result::<Locked>(conn);
    if let Err(e) = done {
        // The session is most likely gone, and its locks with it.
        tracing::warn!(error = %e, "could not release an idempotency key's advisory lock");
    }
}

/// Records the response, inside the transaction that makes the change.
fn complete(conn: &mut DbConnection, call: &Call, key: &str, recorded: &Recorded) -> ApiResult<()> {
    diesel::update(
        ik::table
            .filter(ik::user_id.eq(&call.user_id))
            .filter(ik::idem_key.eq(key)),
    )
    .set((
        ik::state.eq("done"),
        ik::response_status.eq(recorded.status as i32),
        ik::response_body.eq(&recorded.body),
        ik::response_location.eq(&recorded.location),
        ik::response_etag.eq(&recorded.etag),
    ))
    .execute(conn)?;
    Ok(())
}

/// Releases a key whose request failed (nothing changed), so a retry runs again.
fn release(conn: &mut DbConnection, call: &Call, key: &str) -> ApiResult<()> {
    diesel::delete(
        ik::table
            .filter(ik::user_id.eq(&call.user_id))
            .filter(ik::idem_key.eq(key))
            .filter(ik::state.eq("in_flight")),
    )
    .execute(conn)?;
    Ok(())
}

/// One call that may carry an `Idempotency-Key`: who made it, to which endpoint, with which
/// body (its canonical JSON hash).
#[derive(Clone, Debug)]
pub struct Call {
    pub user_id: String,
    pub key: Option<String>,
    pub endpoint: String,
    pub body_hash: String,
}

/// Runs `op` in one write transaction, under the call's idempotency key if it has one.
///
/// Without a key `op` simply runs. With one: a retry of a finished call replays its first
/// response; the same key with another body is 422 `idempotency_key_reused`; a call still in
/// flight is 409 `idempotency_in_flight`. Otherwise `op` runs and its response is recorded in
/// the same transaction as the change, so no change can commit without its record; a failure
/// releases the key so a retry runs again.
pub fn run<F>(
    conn: &mut DbConnection,
    call: &Call,
    now: NaiveDateTime,
    op: F,
) -> ApiResult<Recorded>
where
    F: FnOnce(&mut DbConnection) -> ApiResult<Recorded>,
{
    let Some(key) = call.key.as_deref() else {
        return write_tx(conn, op);
    };
    let id = lock_key(&call.user_id, key);
    let locked = lock(conn, id)?;
    if locked == Some(false) {
        // A live session is running this key's attempt.
        return Err(in_flight());
    }
    let outcome = run_claimed(conn, call, key, now, locked == Some(true), op);
    if locked == Some(true) {
        unlock(conn, id);
    }
    outcome
}

fn run_claimed<F>(
    conn: &mut DbConnection,
    call: &Call,
    key: &str,
    now: NaiveDateTime,
    owner_gone: bool,
    op: F,
) -> ApiResult<Recorded>
where
    F: FnOnce(&mut DbConnection) -> ApiResult<Recorded>,
{
    match begin(conn, call, key, now, owner_gone)? {
        Begin::Replay(recorded) => Ok(recorded),
        Begin::Proceed => {
            let outcome = write_tx(conn, |c| {
                let recorded = op(c)?;
                complete(c, call, key, &recorded)?;
                Ok(recorded)
            });
            if outcome.is_err() {
                if let Err(release_err) = release(conn, call, key) {
                    tracing::warn!(error = %release_err, "could not release an idempotency key");
                }
            }
            outcome
        }
    }
}
