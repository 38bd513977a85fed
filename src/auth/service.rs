//! Signing in and out, refreshing tokens and changing one's password: the rules, each in its
//! transactions. Password checks and hashing (argon2, CPU-heavy) are steps of their own, run on
//! the blocking pool between a read and a write, so that no connection (and on SQLite not the
//! one writer) waits while a password is hashed.

use chrono::NaiveDateTime;

use crate::auth::jwt::TokenKeys;
use crate::auth::model::{ChangePasswordRequest, UserRow};
use crate::auth::sessions::{self, RevokeReason, Rotation};
use crate::auth::store::{self, NewPassword};
use crate::auth::views::{TokenResponse, User};
use crate::auth::{password, throttle, AuthUser};
use crate::db::{write_tx, DbConnection};
use crate::domain::identity::Role;
use crate::error::{ApiError, ApiResult, FieldIssue};
use crate::http::client::Origin;

/// What happened to an account, as the audit trail records it.
#[derive(Clone, Copy, Debug)]
pub enum AccountEvent {
    SignedIn,
    SignInRefused(Refusal),
    PasswordChanged,
}

/// An [`AccountEvent`] with the account (when known) and where the call came from.
pub struct AccountNote<'a> {
    pub event: AccountEvent,
    pub user_id: Option<&'a str>,
    pub role: Option<Role>,
    pub organisation_id: Option<&'a str>,
    pub origin: &'a Origin,
    /// When it happened.
    pub at: NaiveDateTime,
}

/// Records an account event inside the event's transaction.
pub type OnAccountEvent = fn(&mut DbConnection, &AccountNote<'_>) -> ApiResult<()>;

/// What an account event does outside the accounts' tables (the audit trail records it, in
/// the event's transaction): built by the composition root (`startup.rs`) from the audit
/// resource and passed in, so sign-in depends on no audit module (the audit resource reads
/// the caller from this one) and the record cannot be left out.
#[derive(Clone, Copy)]
pub struct Effects {
    pub on_account_event: OnAccountEvent,
}

/// A sign-in refused by the throttle before any password check: it wrote nothing, so it is
/// logged off the request's transaction.
pub struct ThrottledSignIn {
    /// The username as the throttle counts it (printable, normalised).
    pub username: String,
    pub origin: Origin,
}

/// Where throttled sign-ins are recorded: supplied by the composition root (the audit trail's
/// queue), passed to the handler as app data, so sign-in imports no audit module and a missing
/// recorder is a start-up failure (the extractor's), never a silent skip.
#[derive(Clone)]
pub struct ThrottledLog(std::sync::Arc<dyn Fn(ThrottledSignIn) + Send + Sync>);

impl ThrottledLog {
    pub fn new(record: impl Fn(ThrottledSignIn) + Send + Sync + 'static) -> Self {
        ThrottledLog(std::sync::Arc::new(record))
    }

    pub fn record(&self, attempt: ThrottledSignIn) {
        (self.0)(attempt)
    }
}

/// A user with a new session and its first (or next) refresh token.
pub struct SignedIn {
    pub user: UserRow,
    pub session_id: String,
    pub refresh_token: String,
}

impl SignedIn {
    /// The token pair the client receives.
    pub fn tokens(self, keys: &TokenKeys, clock: &crate::clock::Clock) -> ApiResult<TokenResponse> {
        let user = self.user;
        let access_token = keys
            .issue(
                &user.id,
                user.role,
                &user.organisation_id,
                &self.session_id,
                clock.now(),
            )
            .map_err(ApiError::internal)?;
        Ok(TokenResponse {
            access_token,
            token_type: "Bearer",
            expires_in: keys.access_ttl_secs,
            refresh_token: Some(self.refresh_token),
            must_change_password: user.must_change_password,
            user: User::new(user, clock),
        })
    }
}

/// The sign-in settings: throttle, session lifetime and the cap on live sessions per user.
#[derive(Clone, Copy, Debug)]
pub struct SessionLimits {
    pub throttle: throttle::Policy,
    pub session_ttl_secs: u64,
    pub max_sessions_per_user: u32,
}

impl SessionLimits {
    pub fn from_config(c: &crate::config::Config) -> Self {
        SessionLimits {
            throttle: throttle::Policy::from_config(c),
            session_ttl_secs: c.auth.refresh_token_ttl_secs,
            max_sessions_per_user: c.auth.max_sessions_per_user,
        }
    }
}

/// Why a sign-in failed, as the audit log records it (the client never learns which).
#[derive(Clone, Copy, Debug, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Refusal {
    UnknownUser,
    WrongPassword,
    Disabled,
    /// A control character in the username or password (never checked further).
    ControlCharacters,
    /// Held off by the throttle before any check (see [`ThrottledLog`]).
    Throttled,
}

/// The detail of a `login.failure` audit entry: why, and for an attempt the throttle held
/// off, the username it counted; never the password.
#[derive(serde::Serialize)]
pub struct SignInFailure<'a> {
    pub reason: Refusal,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub username: Option<&'a str>,
}

/// A sign-in attempt after its password check: the user, or why not (with the user's id when
/// the username exists).
pub type Verdict = Result<UserRow, (Option<String>, Refusal)>;

/// Signing in, step 1 (a write): the throttle's verdict for this account and address, with the
/// attempt reserved (counted) when it may go ahead ([`throttle::reserve`]), then the account,
/// if the username exists. `throttle_key` is the client address as the throttle counts it.
pub fn login_candidate(
    conn: &mut DbConnection,
    key: &str,
    throttle_key: &str,
    policy: &throttle::Policy,
    at: NaiveDateTime,
) -> ApiResult<Option<UserRow>> {
    throttle::reserve(conn, policy, key, throttle_key, at)?;
    store::user_by_username_key(conn, key)
}

/// Signing in, step 2 (CPU only, on the blocking pool; no connection is held): checks the
/// password (or spends the same time on an unknown user), then the disabled flag.
pub fn authenticate(user: Option<UserRow>, password: &str) -> Verdict {
    match user {
        user if crate::auth::model::has_control(password) => {
            password::verify_dummy(password);
            Err((user.map(|u| u.id), Refusal::ControlCharacters))
        }
        None => {
            password::verify_dummy(password);
            Err((None, Refusal::UnknownUser))
        }
        Some(u) if !password::verify(password, &u.password_hash) => {
            Err((Some(u.id), Refusal::WrongPassword))
        }
        Some(u) if u.disabled => Err((Some(u.id), Refusal::Disabled)),
        Some(u) => Ok(u),
    }
}

/// Who signs in, from where, under which limits: what recording a sign-in counts and audits.
#[derive(Clone, Copy)]
pub struct SignInAttempt<'a> {
    /// The username as the throttle counts it.
    pub key: &'a str,
    /// The client address as the throttle counts it.
    pub throttle_key: &'a str,
    pub origin: &'a Origin,
    pub limits: &'a SessionLimits,
}

/// Signing in, step 3 (a write): a failure (already counted by its reservation) is audited,
/// and answers 401 `invalid_credentials` whatever its reason; a success starts a session
/// (within the cap), clears the failures (its reservation with them) and is audited.
pub fn login_record(
    conn: &mut DbConnection,
    effects: &Effects,
    attempt: SignInAttempt<'_>,
    verdict: Verdict,
    at: NaiveDateTime,
) -> ApiResult<SignedIn> {
    let SignInAttempt {
        key,
        throttle_key,
        origin,
        limits,
    } = attempt;
    let client_ip = origin.client_ip.as_str();
    let user = match verdict {
        Ok(user) => user,
        Err((user_id, reason)) => {
            let id = user_id.as_deref();
            write_tx(conn, |c| {
                (effects.on_account_event)(
                    c,
                    &AccountNote {
                        event: AccountEvent::SignInRefused(reason),
                        user_id: id,
                        role: None,
                        organisation_id: None,
                        origin,
                        at,
                    },
                )
            })?;
            return Err(ApiError::invalid_credentials());
        }
    };
    let (session_id, refresh_token) = write_tx(conn, |c| {
        let created = sessions::create(c, &user.id, client_ip, limits.session_ttl_secs, at)?;
        sessions::enforce_cap(c, &user.id, limits.max_sessions_per_user, at)?;
        throttle::clear(c, key, throttle_key)?;
        (effects.on_account_event)(
            c,
            &AccountNote {
                event: AccountEvent::SignedIn,
                user_id: Some(&user.id),
                role: Some(user.role),
                organisation_id: Some(&user.organisation_id),
                origin,
                at,
            },
        )?;
        Ok(created)
    })?;
    Ok(SignedIn {
        user,
        session_id,
        refresh_token,
    })
}

/// Exchanges a refresh token; a spent one revokes its session (committed) and answers 401.
pub fn refresh(conn: &mut DbConnection, presented: &str, at: NaiveDateTime) -> ApiResult<SignedIn> {
    match write_tx(conn, |c| sessions::rotate(c, presented, at))? {
        Rotation::Reused => {
            tracing::warn!("refresh token reuse detected; session revoked");
            Err(ApiError::invalid_token())
        }
        Rotation::Rotated {
            user,
            session_id,
            refresh_token,
        } => Ok(SignedIn {
            user: *user,
            session_id,
            refresh_token,
        }),
    }
}

/// Revokes the sign-in the refresh token belongs to (when it is the caller's) and the caller's
/// current one. Runs in the caller's transaction.
pub fn logout(
    conn: &mut DbConnection,
    user: &AuthUser,
    presented: &str,
    at: NaiveDateTime,
) -> ApiResult<()> {
    if let Some(sid) = sessions::session_of_token(conn, presented)? {
        if sessions::owner(conn, &sid)?.as_deref() == Some(user.id.as_str()) {
            sessions::revoke(conn, &sid, RevokeReason::Logout, at)?;
        }
    }
    sessions::revoke(conn, &user.session_id, RevokeReason::Logout, at)
}

/// Changing one's password, step 1 (a write): the caller's account and its organisation's
/// name, unless the sign-in throttle holds it; the attempt is reserved before the current
/// password is checked (see [`throttle::reserve`]), the reservation's id is returned with them.
pub fn password_change_candidate(
    conn: &mut DbConnection,
    user: &AuthUser,
    throttle_key: &str,
    throttle_policy: &throttle::Policy,
    at: NaiveDateTime,
) -> ApiResult<(UserRow, Option<String>, String)> {
    let row = store::user(conn, &user.id)?;
    let reservation =
        throttle::reserve(conn, throttle_policy, &row.username_key, throttle_key, at)?;
    let organisation = store::organisation_name(conn, &row.organisation_id)?;
    Ok((row, organisation, reservation))
}

/// What step 2 of a password change found.
pub enum PasswordCheck {
    /// The current password did not match (counts towards the sign-in throttle).
    WrongCurrent,
    /// The new password's hash.
    Hashed(String),
}

/// Changing one's password, step 2 (CPU only, on the blocking pool): the current password must
/// match; the new one must meet the policy (422 naming `new_password`), and is hashed.
pub fn check_password_change(
    row: &UserRow,
    organisation: Option<&str>,
    change: &ChangePasswordRequest,
) -> ApiResult<PasswordCheck> {
    if !password::verify(&change.current_password, &row.password_hash) {
        return Ok(PasswordCheck::WrongCurrent);
    }
    password::check_policy(
        "new_password",
        &change.new_password,
        &row.username,
        organisation,
        Some(&row.password_hash),
    )
    .map_err(ApiError::invalid_field)?;
    let hash = password::hash(&change.new_password).map_err(ApiError::internal)?;
    Ok(PasswordCheck::Hashed(hash))
}

/// Changing one's password, step 3 (a write): a wrong current password stays counted (its
/// reservation) and answers 422 naming `current_password`; a right one gives the reservation
/// back; then a new password the policy refused answers 422, else the new hash is stored and
/// the other sign-ins are revoked (the current one stays).
pub fn record_password_change(
    conn: &mut DbConnection,
    effects: &Effects,
    user: &AuthUser,
    row: &UserRow,
    check: ApiResult<PasswordCheck>,
    reservation: &str,
    at: NaiveDateTime,
) -> ApiResult<()> {
    let hash = match check {
        Ok(PasswordCheck::Hashed(hash)) => hash,
        Err(refused) => {
            write_tx(conn, |c| throttle::release(c, reservation))?;
            return Err(refused);
        }
        Ok(PasswordCheck::WrongCurrent) => {
            return Err(ApiError::invalid_field(FieldIssue::new(
                "current_password",
                "incorrect_password",
                "گذرواژهٔ فعلی نادرست است.",
                "The current password is incorrect.",
            )));
        }
    };
    write_tx(conn, |c| {
        throttle::release(c, reservation)?;
        let new = NewPassword {
            hash: &hash,
            must_change: false,
            at,
        };
        store::set_password(c, &row.id, new)?;
        sessions::revoke_all_for_user(
            c,
            &row.id,
            RevokeReason::PasswordChanged,
            Some(&user.session_id),
            at,
        )?;
        (effects.on_account_event)(
            c,
            &AccountNote {
                event: AccountEvent::PasswordChanged,
                user_id: Some(&row.id),
                role: Some(row.role),
                organisation_id: Some(&row.organisation_id),
                origin: &user.origin,
                at,
            },
        )
    })
}
