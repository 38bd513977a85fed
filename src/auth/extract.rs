//! The `AuthUser` extractor: every protected handler takes one, and checks roles at its top.
//!
//! It verifies the bearer token and takes the caller's id, role and organisation from it (an
//! account's role and organisation never change). The session is checked in the request's
//! first database call ([`gate`]), so that a disabled user, a revoked session (logout, password
//! change or reset) or a pending password change takes effect at once, not when the token
//! expires, without a database trip of its own.

use actix_web::dev::Payload;
use actix_web::http::header::AUTHORIZATION;
use actix_web::http::Method;
use actix_web::{web, FromRequest, HttpMessage, HttpRequest};
use futures_util::future::LocalBoxFuture;

use crate::auth::jwt::TokenKeys;
use crate::auth::{gate, sessions};
use crate::domain::identity::Role;
use crate::error::{ApiError, ApiResult};
use crate::http::client::Origin;
use crate::state::AppState;

#[derive(Clone, Debug)]
pub struct AuthUser {
    pub id: String,
    pub role: Role,
    pub org_id: String,
    pub session_id: String,
    /// The client address and request id this call came with (for the audit trail).
    pub origin: Origin,
}

impl AuthUser {
    /// 403 `forbidden` unless the caller has one of `roles`.
    pub fn require(&self, roles: &[Role]) -> ApiResult<()> {
        if roles.contains(&self.role) {
            Ok(())
        } else {
            Err(ApiError::forbidden())
        }
    }

    pub fn is(&self, role: Role) -> bool {
        self.role == role
    }
}

/// Paths a user with a pending password change may still use.
fn exempt_from_password_change(req: &HttpRequest) -> bool {
    let path = req.path();
    path.starts_with("/api/v1/auth/") || (req.method() == Method::GET && path == "/api/v1/me")
}

fn bearer(req: &HttpRequest) -> Option<String> {
    let value = req.headers().get(AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    if scheme.eq_ignore_ascii_case("bearer") && !token.trim().is_empty() {
        Some(token.trim().to_owned())
    } else {
        None
    }
}

impl FromRequest for AuthUser {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    /// Verifies the token here, on the async side; the session is checked by the request's
    /// first database call (see [`gate`]), or here when no gate is open.
    fn from_request(req: &HttpRequest, _payload: &mut Payload) -> Self::Future {
        let token = bearer(req);
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let keys = req.app_data::<web::Data<TokenKeys>>().cloned();
        let exempt = exempt_from_password_change(req);
        let origin = state.as_ref().map(|s| Origin::of(req, &s.config));
        let req = req.clone();
        Box::pin(async move {
            let state = state.ok_or_else(|| ApiError::internal("application state is missing"))?;
            let keys = keys.ok_or_else(|| ApiError::internal("token keys are missing"))?;
            let token = token.ok_or_else(ApiError::unauthorized)?;
            let at = state.clock.now();
            let claims = keys
                .verify(&token, at)
                .ok_or_else(ApiError::invalid_token)?;
            if !gate::defer(&claims.sub, &claims.sid, exempt, at) {
                let (sub, sid) = (claims.sub.clone(), claims.sid.clone());
                let row = state
                    .db(move |conn| sessions::signed_in(conn, &sid, &sub))
                    .await?;
                let standing = row
                    .filter(|s| s.is_live(at))
                    .ok_or_else(ApiError::invalid_token)?;
                if standing.must_change_password && !exempt {
                    return Err(ApiError::password_change_required());
                }
            }
            let user = AuthUser {
                id: claims.sub,
                role: claims.role,
                org_id: claims.org,
                session_id: claims.sid,
                origin: origin.unwrap_or_default(),
            };
            // Who called, for the audit of denials (see `audit::middleware::audit_denials`).
            req.extensions_mut().insert(user.clone());
            Ok(user)
        })
    }
}
