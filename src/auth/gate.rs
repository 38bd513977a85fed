//! The session gate: a signed-in caller's session is checked in the request's first trip to the
//! database, not in a trip of its own.
//!
//! The [`AuthUser`](super::AuthUser) extractor verifies the token on the async side (signature,
//! issuer, audience, expiry; role and organisation never change for an account) and leaves the
//! session to check here, through the request's gate ([`crate::http::gate`]): the database
//! calls of [`AppState`](crate::state::AppState) run the session's check (`Pending`) on the same connection,
//! in the same blocking call, before the handler's own work. A disabled user, a revoked session
//! (logout, password change or reset) or a pending password change still takes effect on the
//! next call, on every replica, and the handler's work never runs for such a session.
//!
//! A handler that answers without touching the database (a role refused before any query, a
//! body that fails validation) is covered by [`session_gate`](super::gate_layer::session_gate):
//! when the response leaves with
//! the session still unchecked, the gate checks it then, and a refused session replaces the
//! response with its 401 (or 403 `password_change_required`), exactly as when the extractor
//! checked first.

use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::Arc;

use chrono::NaiveDateTime;

use crate::auth::sessions;
use crate::db::decisions::{self, Topic};
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult};
use crate::http::gate::{self, Deferred};

/// What the request's session check found so far.
const UNCHECKED: u8 = 0;
const CONFIRMED: u8 = 1;
const INVALID: u8 = 2;
const PASSWORD_CHANGE: u8 = 3;

/// The check a database call runs before the handler's work: the session `sid` of user `sub`
/// is live, the user is enabled, and (unless the path is exempt) no password change is due.
#[derive(Debug)]
struct Pending {
    user_id: String,
    session_id: String,
    exempt_from_password_change: bool,
    /// When the token was verified (the service's clock): the session must be live then.
    at: NaiveDateTime,
    outcome: AtomicU8,
}

impl Deferred for Pending {
    /// Runs the check on `conn` (once per request: a confirmed session is not checked again).
    fn check(&self, conn: &mut DbConnection) -> ApiResult<()> {
        match self.outcome.load(Ordering::Acquire) {
            CONFIRMED => return Ok(()),
            INVALID => return Err(ApiError::invalid_token()),
            PASSWORD_CHANGE => return Err(ApiError::password_change_required()),
            _ => {}
        }
        let cache = decisions::current();
        let cached = cache
            .as_ref()
            .and_then(|d| d.session(&self.session_id, &self.user_id));
        if cached.is_some_and(|expires_at| expires_at > self.at) {
            // A live session of an enabled user with no password change due, and no change
            // to any session or user announced since it was read (see `db::decisions`).
            self.outcome.store(CONFIRMED, Ordering::Release);
            return Ok(());
        }
        let epoch = cache.as_ref().map(|d| d.epoch(Topic::Sessions));
        let outcome = match sessions::signed_in(conn, &self.session_id, &self.user_id)? {
            Some(standing) if standing.is_live(self.at) && !standing.must_change_password => {
                if let (Some(d), Some(epoch)) = (&cache, epoch) {
                    d.remember_session(epoch, &self.session_id, &self.user_id, standing.expires_at);
                }
                CONFIRMED
            }
            Some(standing) if standing.is_live(self.at) => {
                if standing.must_change_password && !self.exempt_from_password_change {
                    PASSWORD_CHANGE
                } else {
                    CONFIRMED
                }
            }
            _ => INVALID,
        };
        self.outcome.store(outcome, Ordering::Release);
        match outcome {
            CONFIRMED => Ok(()),
            PASSWORD_CHANGE => Err(ApiError::password_change_required()),
            _ => Err(ApiError::invalid_token()),
        }
    }

    /// The refusal a check already found (`None` when unchecked or confirmed).
    fn refusal(&self) -> Option<ApiError> {
        match self.outcome.load(Ordering::Acquire) {
            INVALID => Some(ApiError::invalid_token()),
            PASSWORD_CHANGE => Some(ApiError::password_change_required()),
            _ => None,
        }
    }

    fn is_unchecked(&self) -> bool {
        self.outcome.load(Ordering::Acquire) == UNCHECKED
    }
}

/// Leaves the session of a verified token to be checked by the request's first database call.
/// Returns `false` outside [`session_gate`](super::gate_layer::session_gate) (a handler called
/// without the middleware): the caller must then check the session itself.
pub fn defer(
    user_id: &str,
    session_id: &str,
    exempt_from_password_change: bool,
    at: NaiveDateTime,
) -> bool {
    gate::defer(Arc::new(Pending {
        user_id: user_id.to_owned(),
        session_id: session_id.to_owned(),
        exempt_from_password_change,
        at,
        outcome: AtomicU8::new(UNCHECKED),
    }))
}
