//! `/auth/*` and `/me`: sign-in, token refresh, sign-out, password change.

use actix_web::{get, post, web, HttpRequest, HttpResponse};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::audit;
use crate::auth::model::{username_key, User, UserRow};
use crate::auth::sessions::{self, Rotation};
use crate::auth::{password, throttle, AuthUser};
use crate::clock::now;
use crate::db::schema::users;
use crate::db::write_tx;
use crate::error::{ApiError, ApiResult, FieldIssue};
use crate::http::client::client_ip;
use crate::http::json::Json;
use crate::state::AppState;

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(login)
        .service(refresh)
        .service(logout)
        .service(change_password)
        .service(me);
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    #[schema(example = "admin")]
    pub username: String,
    #[schema(example = "a-long-secret-password", format = Password)]
    pub password: String,
}

#[derive(Serialize, ToSchema)]
pub struct TokenResponse {
    /// Bearer access token (JWT), valid for `expires_in` seconds.
    pub access_token: String,
    #[schema(example = "Bearer")]
    pub token_type: &'static str,
    /// Access-token lifetime in seconds.
    #[schema(example = 900)]
    pub expires_in: u64,
    /// Single-use refresh token; exchange it at `/auth/refresh` for a new pair.
    pub refresh_token: String,
    /// When true, every call but `/auth/*` and `GET /me` answers 403 `password_change_required`.
    pub must_change_password: bool,
    pub user: User,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RefreshRequest {
    pub refresh_token: String,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LogoutRequest {
    pub refresh_token: String,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChangePasswordRequest {
    #[schema(format = Password)]
    pub current_password: String,
    /// 10–128 characters; not the username, not the current password.
    #[schema(format = Password)]
    pub new_password: String,
}

fn token_response(
    state: &AppState,
    user: UserRow,
    session_id: &str,
    refresh_token: String,
) -> ApiResult<TokenResponse> {
    let access_token = state
        .tokens
        .issue(&user.id, user.role, &user.organisation_id, session_id)
        .map_err(ApiError::internal)?;
    Ok(TokenResponse {
        access_token,
        token_type: "Bearer",
        expires_in: state.tokens.access_ttl_secs,
        refresh_token,
        must_change_password: user.must_change_password,
        user: User::from(user),
    })
}

/// Sign in with username and password. **Public.**
///
/// A wrong username and a wrong password give the same 401 `invalid_credentials` (and take the
/// same time). Repeated failures are throttled per account and per client address: 429
/// `rate_limited` with `Retry-After`.
#[utoipa::path(
    tag = "identity",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Signed in.", body = TokenResponse),
        (status = 401, description = "Wrong username or password, or the account is disabled (`invalid_credentials`).", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many failed attempts (`rate_limited`, `Retry-After`).", body = crate::error::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/login")]
pub async fn login(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: Json<LoginRequest>,
) -> ApiResult<HttpResponse> {
    let ip = client_ip(&req, state.config.trust_proxy);
    let LoginRequest { username, password } = body.into_inner()?;
    let st = state.clone();
    let response = state
        .db(move |conn| {
            let key = username_key(&username);
            let at = now();
            throttle::check(conn, &key, &ip, at)?;
            let user: Option<UserRow> = users::table
                .filter(users::username_key.eq(&key))
                .select(UserRow::as_select())
                .first(conn)
                .optional()?;
            let verdict = match &user {
                Some(u) if password::verify(&password, &u.password_hash) => {
                    if u.disabled {
                        Err("disabled")
                    } else {
                        Ok(())
                    }
                }
                Some(_) => Err("wrong_password"),
                None => {
                    password::verify_dummy(&password);
                    Err("unknown_user")
                }
            };
            if let Err(reason) = verdict {
                write_tx(conn, |c| {
                    throttle::record_failure(c, &key, &ip, at)?;
                    audit::record(
                        c,
                        audit::Entry {
                            actor_user_id: user.as_ref().map(|u| u.id.as_str()),
                            action: "login.failure",
                            subject_kind: "user",
                            subject_id: user.as_ref().map(|u| u.id.as_str()),
                            client_ip: Some(&ip),
                            detail: Some(serde_json::json!({ "reason": reason })),
                        },
                    )
                })?;
                return Err(ApiError::invalid_credentials());
            }
            let Some(user) = user else {
                return Err(ApiError::invalid_credentials());
            };
            let ttl = st.config.refresh_token_ttl_secs;
            let (session_id, refresh_token) = write_tx(conn, |c| {
                let created = sessions::create(c, &user.id, &ip, ttl, at)?;
                throttle::clear(c, &key)?;
                audit::record(
                    c,
                    audit::Entry {
                        actor_user_id: Some(&user.id),
                        action: "login.success",
                        subject_kind: "user",
                        subject_id: Some(&user.id),
                        client_ip: Some(&ip),
                        detail: None,
                    },
                )?;
                Ok(created)
            })?;
            token_response(&st, user, &session_id, refresh_token)
        })
        .await?;
    Ok(HttpResponse::Ok().json(response))
}

/// Exchange a refresh token for a new token pair. **Public.**
///
/// Refresh tokens are single-use; presenting a spent one revokes that whole sign-in (every
/// token descended from it) and answers 401.
#[utoipa::path(
    tag = "identity",
    request_body = RefreshRequest,
    responses(
        (status = 200, description = "A new token pair.", body = TokenResponse),
        (status = 401, description = "Unknown, expired, revoked or reused refresh token (`invalid_token`).", body = crate::error::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/refresh")]
pub async fn refresh(
    state: web::Data<AppState>,
    body: Json<RefreshRequest>,
) -> ApiResult<HttpResponse> {
    let presented = body.into_inner()?.refresh_token;
    let st = state.clone();
    let response = state
        .db(move |conn| {
            let outcome = write_tx(conn, |c| sessions::rotate(c, &presented, now()))?;
            match outcome {
                Rotation::Reused => {
                    tracing::warn!("refresh token reuse detected; session revoked");
                    Err(ApiError::invalid_token())
                }
                Rotation::Rotated {
                    user,
                    session_id,
                    refresh_token,
                } => token_response(&st, *user, &session_id, refresh_token),
            }
        })
        .await?;
    Ok(HttpResponse::Ok().json(response))
}

/// Sign out: revokes the sign-in the refresh token belongs to (and the caller's current one).
/// Roles: any signed-in user.
#[utoipa::path(
    tag = "identity",
    request_body = LogoutRequest,
    security(("bearer" = [])),
    responses((status = 204, description = "Signed out."))
)]
#[post("/auth/logout")]
pub async fn logout(
    state: web::Data<AppState>,
    user: AuthUser,
    body: Json<LogoutRequest>,
) -> ApiResult<HttpResponse> {
    let presented = body.into_inner()?.refresh_token;
    state
        .tx(move |conn| {
            let at = now();
            if let Some(sid) = sessions::session_of_token(conn, &presented)? {
                let owner: Option<String> = crate::db::schema::sessions::table
                    .find(&sid)
                    .select(crate::db::schema::sessions::user_id)
                    .first(conn)
                    .optional()?;
                if owner.as_deref() == Some(user.id.as_str()) {
                    sessions::revoke(conn, &sid, "logout", at)?;
                }
            }
            sessions::revoke(conn, &user.session_id, "logout", at)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Change the caller's password. Roles: any signed-in user (also with a pending change).
///
/// Revokes the user's other sign-ins; the current one stays valid. A wrong current password is
/// 422 with `errors[0].field = "current_password"`.
#[utoipa::path(
    tag = "identity",
    request_body = ChangePasswordRequest,
    security(("bearer" = [])),
    responses((status = 204, description = "Password changed."))
)]
#[post("/auth/password")]
pub async fn change_password(
    state: web::Data<AppState>,
    req: HttpRequest,
    user: AuthUser,
    body: Json<ChangePasswordRequest>,
) -> ApiResult<HttpResponse> {
    let ip = client_ip(&req, state.config.trust_proxy);
    let ChangePasswordRequest {
        current_password,
        new_password,
    } = body.into_inner()?;
    state
        .db(move |conn| {
            let row: UserRow = users::table
                .find(&user.id)
                .select(UserRow::as_select())
                .first(conn)?;
            let at = now();
            throttle::check(conn, &row.username_key, &ip, at)?;
            if !password::verify(&current_password, &row.password_hash) {
                write_tx(conn, |c| {
                    throttle::record_failure(c, &row.username_key, &ip, at)
                })?;
                return Err(ApiError::invalid_field(FieldIssue::new(
                    "current_password",
                    "incorrect_password",
                    "گذرواژهٔ فعلی نادرست است.",
                    "The current password is incorrect.",
                )));
            }
            password::check_policy(
                "new_password",
                &new_password,
                &row.username,
                Some(&row.password_hash),
            )
            .map_err(ApiError::invalid_field)?;
            let hash = password::hash(&new_password).map_err(ApiError::internal)?;
            write_tx(conn, |c| {
                diesel::update(users::table.find(&row.id))
                    .set((
                        users::password_hash.eq(&hash),
                        users::must_change_password.eq(false),
                        users::password_changed_at.eq(at),
                        users::updated_at.eq(at),
                        users::version.eq(users::version + 1),
                    ))
                    .execute(c)?;
                sessions::revoke_all_for_user(
                    c,
                    &row.id,
                    "password_changed",
                    Some(&user.session_id),
                    at,
                )?;
                audit::record(
                    c,
                    audit::Entry {
                        actor_user_id: Some(&row.id),
                        action: "user.password_changed",
                        subject_kind: "user",
                        subject_id: Some(&row.id),
                        client_ip: Some(&ip),
                        detail: None,
                    },
                )
            })
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The signed-in user. Roles: any signed-in user (also with a pending password change).
#[utoipa::path(
    tag = "identity",
    security(("bearer" = [])),
    responses((status = 200, description = "The caller.", body = User))
)]
#[get("/me")]
pub async fn me(state: web::Data<AppState>, user: AuthUser) -> ApiResult<HttpResponse> {
    let row = state
        .db(move |conn| {
            Ok(users::table
                .find(&user.id)
                .select(UserRow::as_select())
                .first(conn)?)
        })
        .await?;
    Ok(HttpResponse::Ok().json(User::from(row)))
}
