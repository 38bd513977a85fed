//! `/auth/*` and `/me`: sign-in, token refresh, sign-out, password change.

use actix_web::{get, post, web, HttpRequest, HttpResponse};

use crate::auth::browser::{self, TokenDelivery};
use crate::auth::jwt::TokenKeys;
use crate::auth::model::UserRow;
use crate::auth::model::{ChangePasswordRequest, LoginRequest, LogoutRequest, RefreshRequest};
use crate::auth::views::{TokenResponse, User};
use crate::auth::{service, store, throttle, AuthUser};
use crate::error::{ApiError, ApiResult};
use crate::http::client::{client_ip, throttle_key};
use crate::http::json::Json;
use crate::http::rate_limit::{with_quota_headers, Quota};
use crate::state::AppState;

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(login)
        .service(refresh)
        .service(logout)
        .service(change_password)
        .service(me);
}

/// Sign in.
///
/// Sign in with username and password. **Public.**
///
/// A wrong username and a wrong password give the same 401 `invalid_credentials` (and take the
/// same time). Repeated failures slow down the same account from the same client address, and
/// the same address over all accounts, with a delay that doubles with each failure past a few
/// free ones (capped): 429 `rate_limited` with `Retry-After` while it runs. Correct credentials
/// from an address that has not failed for the account are never held back.
///
/// Every answer to a readable sign-in (200, 401, 429) reports the throttle with the IETF
/// RateLimit headers; only failed sign-ins count. `RateLimit-Policy:
/// "login-account-address";q=5;w=900, "login-address";q=50;w=900` (free failures per account and
/// address, and per address, in 15 minutes) and `RateLimit: "login-account-address";r=<attempts
/// left>;t=<seconds>, …`: while `r` is 0, `t` is when the next attempt is allowed; otherwise when
/// the oldest counted failure leaves its window (0 when none is counted). A successful sign-in
/// clears the account's failures from that address.
#[utoipa::path(
    operation_id = "login_user",
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
    keys: web::Data<TokenKeys>,
    effects: web::Data<service::Effects>,
    throttled_log: web::Data<service::ThrottledLog>,
    req: HttpRequest,
    body: Json<LoginRequest>,
) -> ApiResult<HttpResponse> {
    // Control characters in the username or password are a failed sign-in (401, throttled
    // and audited), not a malformed body.
    let credentials = body.into_inner_allowing_controls()?;
    let delivery = credentials.token_delivery;
    let attempt = Attempt::of(&req, &state.config, &credentials.username);
    let throttled = service::ThrottledSignIn {
        username: attempt.key.clone(),
        origin: attempt.origin.clone(),
    };
    let candidate = reserve_attempt(&state, &attempt).await;
    // The password is checked between the two writes, holding no connection.
    let malformed = attempt.malformed_username;
    let verdict = check_password(candidate, credentials.password, malformed).await?;
    let (answer, quotas) = record_attempt(&state, keys, **effects, attempt, verdict).await?;
    // A refusal by the throttle never reached the password check: audited here, queued (no
    // write is spent on a caller being held off).
    if answer.as_ref().is_err_and(ApiError::is_rate_limited) {
        throttled_log.record(throttled);
    }
    with_quota_headers(
        &quotas,
        answer.map(|r| token_answer(r, delivery, state.config.auth.refresh_token_ttl_secs)),
    )
}

/// Signing in, step 1 (a write): the attempt is reserved (counted) before the password is
/// checked; answers the account to check the password against, or the throttle's refusal.
async fn reserve_attempt(state: &AppState, attempt: &Attempt) -> ApiResult<Option<UserRow>> {
    let clock = state.clock;
    let (k, i, policy) = (
        attempt.key.clone(),
        attempt.ip.clone(),
        attempt.limits.throttle,
    );
    state
        .write(move |c| service::login_candidate(c, &k, &i, &policy, clock.now()))
        .await
}

/// A token pair as the client asked for it: all in the body, or the refresh token in the
/// browser session's cookies (see [`browser`]) and the rest in the body.
fn token_answer(mut tokens: TokenResponse, delivery: TokenDelivery, ttl: u64) -> HttpResponse {
    let mut answer = HttpResponse::Ok();
    if delivery == TokenDelivery::Cookie {
        if let Some(token) = tokens.refresh_token.take() {
            browser::set_session_cookies(&mut answer, &token, ttl);
        }
    }
    answer.json(tokens)
}

/// Signing in, step 2: the password checked on the blocking pool (argon2id is slow by
/// design). A control character in the username fails the attempt like a wrong password. The
/// outer error is the pool's; the inner one the throttle's refusal from step 1.
async fn check_password(
    candidate: ApiResult<Option<UserRow>>,
    password: String,
    malformed_username: bool,
) -> ApiResult<ApiResult<service::Verdict>> {
    let found = match candidate {
        Ok(found) => found,
        Err(refused) => return Ok(Err(refused)),
    };
    let verdict = web::block(move || match service::authenticate(found, &password) {
        Ok(user) if malformed_username => Err((Some(user.id), service::Refusal::ControlCharacters)),
        Err((id, _)) if malformed_username => Err((id, service::Refusal::ControlCharacters)),
        other => other,
    })
    .await?;
    Ok(Ok(verdict))
}

/// Who signs in, from where, under which limits.
struct Attempt {
    /// The username as the throttle counts it.
    key: String,
    /// A control character (NUL among them) in the username: refused as a failure like any
    /// other; the throttle and the audit keep it printable (PostgreSQL refuses NUL in text).
    malformed_username: bool,
    /// The address as the throttle counts it (an IPv6 client per /64 by default).
    ip: String,
    origin: crate::http::client::Origin,
    limits: service::SessionLimits,
}

impl Attempt {
    fn of(req: &HttpRequest, config: &crate::config::Config, username: &str) -> Self {
        let origin = crate::http::client::Origin::of(req, config);
        let printable = crate::auth::model::printable(username);
        Attempt {
            key: crate::auth::model::username_key(&printable),
            malformed_username: crate::auth::model::has_control(username),
            ip: throttle_key(&origin.client_ip, config.http.ipv6_prefix_len),
            origin,
            limits: service::SessionLimits::from_config(config),
        }
    }
}

/// Signing in, step 3 (a write): the verdict recorded (a session and its tokens, or a counted
/// failure), with the throttle's standing after this attempt (a failure has been counted, a
/// success cleared the account's failures).
async fn record_attempt(
    state: &AppState,
    keys: web::Data<TokenKeys>,
    effects: service::Effects,
    attempt: Attempt,
    verdict: ApiResult<service::Verdict>,
) -> ApiResult<(ApiResult<TokenResponse>, Vec<Quota>)> {
    let clock = state.clock;
    let Attempt {
        key,
        ip,
        origin,
        limits,
        ..
    } = attempt;
    state
        .write(move |c| {
            let answer = verdict
                .and_then(|verdict| {
                    let attempt = service::SignInAttempt {
                        key: &key,
                        throttle_key: &ip,
                        origin: &origin,
                        limits: &limits,
                    };
                    service::login_record(c, &effects, attempt, verdict, clock.now())
                })
                .and_then(|signed_in| signed_in.tokens(&keys, &clock));
            let quotas = throttle::quotas(c, &limits.throttle, &key, &ip, clock.now())?;
            Ok((answer, quotas))
        })
        .await
}

/// Refresh the token pair.
///
/// Exchange a refresh token for a new token pair. **Public.**
///
/// Refresh tokens are single-use; presenting a spent one revokes that whole sign-in (every
/// token descended from it) and answers 401.
///
/// A browser session (signed in with `token_delivery: "cookie"`) sends `{}`: the refresh token
/// comes from the `pp_refresh` cookie, the call must carry `X-CSRF-Token` equal to the
/// `pp_csrf` cookie (and an `Origin`, when the browser sends one, of this service or an allowed
/// CORS origin), else 403 `csrf_failed`; the new refresh token goes back into the cookies.
#[utoipa::path(
    operation_id = "refresh_tokens",
    tag = "identity",
    request_body = RefreshRequest,
    params(
        ("X-CSRF-Token" = Option<String>, Header, description = "A browser session's double-submit token: the `pp_csrf` cookie's value. Required when the body has no `refresh_token`."),
    ),
    responses(
        (status = 200, description = "A new token pair (a browser session: the refresh token in the `pp_refresh` cookie, not in the body).", body = TokenResponse),
        (status = 401, description = "Unknown, expired, revoked or reused refresh token, or none sent (`invalid_token`).", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 403, description = "A cookie-authenticated call without a matching `X-CSRF-Token`, or from another origin (`csrf_failed`).", body = crate::error::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/refresh")]
pub async fn refresh(
    state: web::Data<AppState>,
    keys: web::Data<TokenKeys>,
    req: HttpRequest,
    body: Json<RefreshRequest>,
) -> ApiResult<HttpResponse> {
    let (presented, delivery) = match body.into_inner()?.refresh_token {
        Some(token) => (token, TokenDelivery::Body),
        None => (
            browser::refresh_token_from_cookie(&req, &state.config)?,
            TokenDelivery::Cookie,
        ),
    };
    let clock = state.clock;
    let response = state
        .write(move |c| service::refresh(c, &presented, clock.now())?.tokens(&keys, &clock))
        .await?;
    Ok(token_answer(
        response,
        delivery,
        state.config.auth.refresh_token_ttl_secs,
    ))
}

/// Sign out.
///
/// Sign out: revokes the sign-in the refresh token belongs to (and the caller's current one).
/// Roles: any signed-in user.
///
/// A browser session sends `{}`: the refresh token comes from the `pp_refresh` cookie, guarded
/// by `X-CSRF-Token` as on `/auth/refresh`; the answer clears the session's cookies.
#[utoipa::path(
    operation_id = "logout_user",
    tag = "identity",
    request_body = LogoutRequest,
    params(
        ("X-CSRF-Token" = Option<String>, Header, description = "A browser session's double-submit token: the `pp_csrf` cookie's value. Required when the body has no `refresh_token`."),
    ),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Signed out (a browser session's cookies cleared)."),
        (status = 403, description = "A cookie-authenticated call without a matching `X-CSRF-Token`, or from another origin (`csrf_failed`).", body = crate::error::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/logout")]
pub async fn logout(
    state: web::Data<AppState>,
    req: HttpRequest,
    user: AuthUser,
    body: Json<LogoutRequest>,
) -> ApiResult<HttpResponse> {
    let (presented, from_cookie) = match body.into_inner()?.refresh_token {
        Some(token) => (token, false),
        None => (
            browser::refresh_token_from_cookie(&req, &state.config)?,
            true,
        ),
    };
    let clock = state.clock;
    state
        .tx(move |c| service::logout(c, &user, &presented, clock.now()))
        .await?;
    let mut answer = HttpResponse::NoContent();
    if from_cookie {
        browser::clear_session_cookies(&mut answer);
    }
    Ok(answer.finish())
}

/// Change the caller's password.
///
/// Change the caller's password. Roles: any signed-in user (also with a pending change).
///
/// Revokes the user's other sign-ins; the current one stays valid. A wrong current password is
/// 422 with `errors[0].field = "current_password"`.
#[utoipa::path(
    operation_id = "change_password",
    tag = "identity",
    request_body = ChangePasswordRequest,
    security(("bearer" = [])),
    responses((status = 204, description = "Password changed."))
)]
#[post("/auth/password")]
pub async fn change_password(
    state: web::Data<AppState>,
    effects: web::Data<service::Effects>,
    req: HttpRequest,
    user: AuthUser,
    body: Json<ChangePasswordRequest>,
) -> ApiResult<HttpResponse> {
    let ip = throttle_key(
        &client_ip(&req, &state.config),
        state.config.http.ipv6_prefix_len,
    );
    let change = body.into_inner()?;
    let policy = throttle::Policy::from_config(&state.config);
    let caller = user.clone();
    let clock = state.clock;
    // The attempt is reserved (counted) before the current password is checked: a write.
    let (row, organisation, reservation) = state
        .write(move |c| service::password_change_candidate(c, &caller, &ip, &policy, clock.now()))
        .await?;
    // Checked and hashed between the writes, holding no connection.
    let (row, check) = web::block(move || {
        let check = service::check_password_change(&row, organisation.as_deref(), &change);
        (row, check)
    })
    .await?;
    state
        .write(move |c| {
            service::record_password_change(
                c,
                &effects,
                &user,
                &row,
                check,
                &reservation,
                clock.now(),
            )
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The signed-in user.
///
/// The signed-in user. Roles: any signed-in user (also with a pending password change).
#[utoipa::path(
    operation_id = "get_current_user",
    tag = "identity",
    security(("bearer" = [])),
    responses((status = 200, description = "The caller.", body = User))
)]
#[get("/me")]
pub async fn me(state: web::Data<AppState>, user: AuthUser) -> ApiResult<HttpResponse> {
    let row = state.db(move |c| store::user(c, &user.id)).await?;
    Ok(HttpResponse::Ok().json(User::new(row, &state.clock)))
}
