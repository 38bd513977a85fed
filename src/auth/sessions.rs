//! Sign-in sessions and rotating refresh tokens. Refresh tokens are random, stored only as
//! SHA-256 hashes, single-use: presenting a spent one revokes the whole session (token family).

use base64::Engine;
use chrono::{NaiveDateTime, TimeDelta};
use diesel::prelude::*;
use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::auth::model::UserRow;
use crate::db::decisions::{self, Topic};
use crate::db::schema::{refresh_tokens, sessions, users};
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult};

/// Why a session was revoked (stored as text in `sessions.revoked_reason`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RevokeReason {
    Logout,
    RefreshTokenReuse,
    PasswordChanged,
    PasswordReset,
    UserDisabled,
    /// A newer sign-in of the same user went past `MAX_SESSIONS_PER_USER`.
    SessionCap,
    /// The token-signing secret was replaced (a new one generated, as after a restore).
    SigningSecretReplaced,
}

crate::text_enum!(RevokeReason {
    Logout => "logout",
    RefreshTokenReuse => "refresh_token_reuse",
    PasswordChanged => "password_changed",
    PasswordReset => "password_reset",
    UserDisabled => "user_disabled",
    SessionCap => "session_cap",
    SigningSecretReplaced => "signing_secret_replaced",
});

/// Hex SHA-256 of a presented token.
pub fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

fn new_refresh_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    format!(
        "rt_{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
    )
}

fn insert_refresh(
    conn: &mut DbConnection,
    session_id: &str,
    now: NaiveDateTime,
    expires_at: NaiveDateTime,
) -> ApiResult<String> {
    let token = new_refresh_token();
    diesel::insert_into(refresh_tokens::table)
        .values((
            refresh_tokens::token_hash.eq(hash_token(&token)),
            refresh_tokens::session_id.eq(session_id),
            refresh_tokens::created_at.eq(now),
            refresh_tokens::expires_at.eq(expires_at),
        ))
        .execute(conn)?;
    Ok(token)
}

/// Starts a session for a user; returns `(session_id, refresh_token)`.
pub fn create(
    conn: &mut DbConnection,
    user_id: &str,
    client_ip: &str,
    ttl_secs: u64,
    now: NaiveDateTime,
) -> ApiResult<(String, String)> {
    let id = uuid::Uuid::now_v7().to_string();
    let expires_at = now + TimeDelta::seconds(ttl_secs as i64);
    diesel::insert_into(sessions::table)
        .values((
            sessions::id.eq(&id),
            sessions::user_id.eq(user_id),
            sessions::created_at.eq(now),
            sessions::last_used_at.eq(now),
            sessions::expires_at.eq(expires_at),
            sessions::client_ip.eq(client_ip),
        ))
        .execute(conn)?;
    let token = insert_refresh(conn, &id, now, expires_at)?;
    Ok((id, token))
}

/// The session a machine client's access tokens belong to (client-credentials grant): the
/// account's newest live session, its expiry moved to `now + ttl_secs`, or a new one. Such a
/// session has no refresh token (a client asks for a new token instead). One session serves
/// all of a client's tokens, so that disabling the account (which revokes its sessions and is
/// checked by the session gate) refuses every one of them at once, and frequent token requests
/// do not pile up rows.
pub fn machine_session(
    conn: &mut DbConnection,
    user_id: &str,
    client_ip: &str,
    ttl_secs: u64,
    now: NaiveDateTime,
) -> ApiResult<String> {
    let expires_at = now + TimeDelta::seconds(ttl_secs as i64);
    let live: Option<String> = sessions::table
        .filter(sessions::user_id.eq(user_id))
        .filter(sessions::revoked_at.is_null())
        .filter(sessions::expires_at.gt(now))
        .order((sessions::created_at.desc(), sessions::id.desc()))
        .select(sessions::id)
        .first(conn)
        .optional()?;
    if let Some(id) = live {
        diesel::update(sessions::table.find(&id))
            .set((
                sessions::last_used_at.eq(now),
                sessions::client_ip.eq(client_ip),
            ))
            .execute(conn)?;
        // Never shortened: tokens issued earlier keep the session they name alive.
        diesel::update(
            sessions::table
                .find(&id)
                .filter(sessions::expires_at.lt(expires_at)),
        )
        .set(sessions::expires_at.eq(expires_at))
        .execute(conn)?;
        return Ok(id);
    }
    let id = uuid::Uuid::now_v7().to_string();
    diesel::insert_into(sessions::table)
        .values((
            sessions::id.eq(&id),
            sessions::user_id.eq(user_id),
            sessions::created_at.eq(now),
            sessions::last_used_at.eq(now),
            sessions::expires_at.eq(expires_at),
            sessions::client_ip.eq(client_ip),
        ))
        .execute(conn)?;
    Ok(id)
}

pub enum Rotation {
    /// A new refresh token for the same session.
    Rotated {
        user: Box<UserRow>,
        session_id: String,
        refresh_token: String,
    },
    /// The token was already spent: the session has been revoked (commit, then refuse).
    Reused,
}

/// Exchanges a refresh token for a new one in the same session (which keeps its expiry).
pub fn rotate(conn: &mut DbConnection, presented: &str, now: NaiveDateTime) -> ApiResult<Rotation> {
    let hash = hash_token(presented);
    let found: Option<(String, Option<NaiveDateTime>, NaiveDateTime)> = refresh_tokens::table
        .filter(refresh_tokens::token_hash.eq(&hash))
        .select((
            refresh_tokens::session_id,
            refresh_tokens::used_at,
            refresh_tokens::expires_at,
        ))
        .first(conn)
        .optional()?;
    let Some((session_id, used_at, expires_at)) = found else {
        return Err(ApiError::invalid_token());
    };
    // Mark it spent; a concurrent use of the same token loses this race and counts as reuse.
    let marked = diesel::update(
        refresh_tokens::table
            .filter(refresh_tokens::token_hash.eq(&hash))
            .filter(refresh_tokens::used_at.is_null()),
    )
    .set(refresh_tokens::used_at.eq(now))
    .execute(conn)?;
    if used_at.is_some() || marked == 0 {
        revoke(conn, &session_id, RevokeReason::RefreshTokenReuse, now)?;
        return Ok(Rotation::Reused);
    }
    if expires_at <= now {
        return Err(ApiError::invalid_token());
    }
    let row: Option<(UserRow, Option<NaiveDateTime>, NaiveDateTime)> = sessions::table
        .inner_join(users::table)
        .filter(sessions::id.eq(&session_id))
        .select((
            UserRow::as_select(),
            sessions::revoked_at,
            sessions::expires_at,
        ))
        .first(conn)
        .optional()?;
    let Some((user, revoked_at, session_expires)) = row else {
        return Err(ApiError::invalid_token());
    };
    if revoked_at.is_some() || session_expires <= now || user.disabled {
        return Err(ApiError::invalid_token());
    }
    diesel::update(sessions::table.find(&session_id))
        .set(sessions::last_used_at.eq(now))
        .execute(conn)?;
    let refresh_token = insert_refresh(conn, &session_id, now, session_expires)?;
    Ok(Rotation::Rotated {
        user: Box::new(user),
        session_id,
        refresh_token,
    })
}

/// The session a refresh token belongs to, if any.
pub fn session_of_token(conn: &mut DbConnection, presented: &str) -> ApiResult<Option<String>> {
    Ok(refresh_tokens::table
        .filter(refresh_tokens::token_hash.eq(hash_token(presented)))
        .select(refresh_tokens::session_id)
        .first(conn)
        .optional()?)
}

/// The user a session belongs to, if it exists.
pub fn owner(conn: &mut DbConnection, session_id: &str) -> ApiResult<Option<String>> {
    Ok(sessions::table
        .find(session_id)
        .select(sessions::user_id)
        .first(conn)
        .optional()?)
}

/// The user signed in by a session, with the session's revocation and expiry (`None`: no
/// session `session_id` of user `user_id`).
/// What the check of a signed-in caller needs of a session and its user: four columns, not
/// the user's whole row (the check runs on every authenticated call).
#[derive(Debug, Queryable)]
pub struct Standing {
    pub disabled: bool,
    pub must_change_password: bool,
    pub revoked_at: Option<NaiveDateTime>,
    pub expires_at: NaiveDateTime,
}

impl Standing {
    /// The session is live and its user enabled at `at`.
    pub fn is_live(&self, at: NaiveDateTime) -> bool {
        !self.disabled && self.revoked_at.is_none() && self.expires_at > at
    }
}

pub fn signed_in(
    conn: &mut DbConnection,
    session_id: &str,
    user_id: &str,
) -> ApiResult<Option<Standing>> {
    Ok(sessions::table
        .inner_join(users::table)
        .filter(sessions::id.eq(session_id))
        .filter(users::id.eq(user_id))
        .select((
            users::disabled,
            users::must_change_password,
            sessions::revoked_at,
            sessions::expires_at,
        ))
        .first(conn)
        .optional()?)
}

pub fn revoke(
    conn: &mut DbConnection,
    session_id: &str,
    reason: RevokeReason,
    now: NaiveDateTime,
) -> ApiResult<()> {
    diesel::update(
        sessions::table
            .filter(sessions::id.eq(session_id))
            .filter(sessions::revoked_at.is_null()),
    )
    .set((
        sessions::revoked_at.eq(now),
        sessions::revoked_reason.eq(reason.as_str()),
    ))
    .execute(conn)?;
    // Every replica's cached session checks are dropped with this commit.
    decisions::changed(conn, Topic::Sessions)?;
    Ok(())
}

/// Revokes every open session of a user, except `keep` (the caller's own, on a password change).
pub fn revoke_all_for_user(
    conn: &mut DbConnection,
    user_id: &str,
    reason: RevokeReason,
    keep: Option<&str>,
    now: NaiveDateTime,
) -> ApiResult<()> {
    let keep = keep.unwrap_or("");
    diesel::update(
        sessions::table
            .filter(sessions::user_id.eq(user_id))
            .filter(sessions::id.ne(keep))
            .filter(sessions::revoked_at.is_null()),
    )
    .set((
        sessions::revoked_at.eq(now),
        sessions::revoked_reason.eq(reason.as_str()),
    ))
    .execute(conn)?;
    // Every replica's cached session checks are dropped with this commit.
    decisions::changed(conn, Topic::Sessions)?;
    Ok(())
}

/// Revokes every open session (a new token-signing secret); returns how many.
pub fn revoke_every(
    conn: &mut DbConnection,
    reason: RevokeReason,
    now: NaiveDateTime,
) -> ApiResult<usize> {
    let n = diesel::update(sessions::table.filter(sessions::revoked_at.is_null()))
        .set((
            sessions::revoked_at.eq(now),
            sessions::revoked_reason.eq(reason.as_str()),
        ))
        .execute(conn)?;
    decisions::changed(conn, Topic::Sessions)?;
    Ok(n)
}

/// Keeps at most `cap` live sessions for a user: the newest stay, older live ones are revoked
/// (`session_cap`). Returns how many were revoked.
pub fn enforce_cap(
    conn: &mut DbConnection,
    user_id: &str,
    cap: u32,
    now: NaiveDateTime,
) -> ApiResult<usize> {
    let excess: Vec<String> = sessions::table
        .filter(sessions::user_id.eq(user_id))
        .filter(sessions::revoked_at.is_null())
        .filter(sessions::expires_at.gt(now))
        .order((sessions::created_at.desc(), sessions::id.desc()))
        .select(sessions::id)
        .offset(i64::from(cap))
        .limit(PURGE_BATCH)
        .load(conn)?;
    if excess.is_empty() {
        return Ok(0);
    }
    let n = diesel::update(
        sessions::table
            .filter(sessions::id.eq_any(&excess))
            .filter(sessions::revoked_at.is_null()),
    )
    .set((
        sessions::revoked_at.eq(now),
        sessions::revoked_reason.eq(RevokeReason::SessionCap.as_str()),
    ))
    .execute(conn)?;
    decisions::changed(conn, Topic::Sessions)?;
    Ok(n)
}

/// Sessions deleted per batch by [`purge_expired`] (and at most this many revoked at once by
/// [`enforce_cap`]).
pub const PURGE_BATCH: i64 = 500;
/// Batches per purge run, so that one run never holds the database for long.
pub const PURGE_MAX_BATCHES: usize = 100;
/// How long a revoked session that has not yet expired is kept (for support questions).
pub const REVOKED_RETENTION: TimeDelta = TimeDelta::days(1);

/// Deletes sessions that expired before `now` or were revoked more than a day before it, with
/// their refresh tokens, in batches of [`PURGE_BATCH`] (each its own transaction), at most
/// [`PURGE_MAX_BATCHES`] batches. Returns how many sessions were deleted. The audit log keeps
/// the sign-ins' history.
pub fn purge_expired(conn: &mut DbConnection, now: NaiveDateTime) -> ApiResult<usize> {
    let mut total = 0;
    for _ in 0..PURGE_MAX_BATCHES {
        let deleted = crate::db::write_tx(conn, |c| {
            let ids: Vec<String> = sessions::table
                .filter(
                    sessions::expires_at
                        .le(now)
                        .or(sessions::revoked_at.lt(now - REVOKED_RETENTION)),
                )
                .select(sessions::id)
                .limit(PURGE_BATCH)
                .load(c)?;
            if ids.is_empty() {
                return Ok(0);
            }
            diesel::delete(refresh_tokens::table.filter(refresh_tokens::session_id.eq_any(&ids)))
                .execute(c)?;
            Ok::<_, ApiError>(
                diesel::delete(sessions::table.filter(sessions::id.eq_any(&ids))).execute(c)?,
            )
        })?;
        total += deleted;
        if (deleted as i64) < PURGE_BATCH {
            break;
        }
    }
    Ok(total)
}
