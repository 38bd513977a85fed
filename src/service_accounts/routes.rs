//! `/service-accounts` (the administrator manages machine clients) and `POST /auth/token` (a
//! machine client obtains an access token with the OAuth 2.0 client-credentials grant).

use actix_web::http::header;
use actix_web::{get, patch, post, web, HttpRequest, HttpResponse};
use chrono::TimeDelta;

use crate::auth::jwt::TokenKeys;
use crate::auth::AuthUser;
use crate::domain::identity::Role;
use crate::error::{ApiError, ApiResult};
use crate::http::client::{client_ip, client_key};
use crate::http::etag::{with_etag, IfMatch};
use crate::http::json::Json;
use crate::http::pagination::{PageParams, Paginated};
use crate::service_accounts::credentials::{self, ClientCredentials, Envelope};
use crate::service_accounts::model::{
    Account, Changes, ClientCredentialsRequest, CreateServiceAccount, UpdateServiceAccount,
};
use crate::service_accounts::service::{self, TokenLimits};
use crate::service_accounts::views::{ClientToken, ServiceAccount, ServiceAccountWithSecret};
use crate::state::AppState;

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(token)
        .service(create)
        .service(list)
        .service(get_one)
        .service(update)
        .service(rotate_secret);
}

fn view(state: &AppState, account: Account) -> ServiceAccount {
    ServiceAccount::new(account, &state.clock, state.clock.now())
}

/// The account with its `ETag`.
fn ok_with_etag(state: &AppState, account: Account) -> HttpResponse {
    let mut b = HttpResponse::Ok();
    with_etag(&mut b, account.user.version);
    b.json(view(state, account))
}

/// Obtain an access token as a machine client.
///
/// The OAuth 2.0 client-credentials grant (RFC 6749 §4.4). **Public** (the client
/// authenticates here).
///
/// Send `grant_type=client_credentials` as `application/x-www-form-urlencoded` (or as JSON) and
/// authenticate with HTTP Basic (`Authorization: Basic base64(client_id:client_secret)`) or
/// with `client_id` and `client_secret` in the body — one method, not both. The answer is
/// `{access_token, token_type: "Bearer", expires_in}` with `Cache-Control: no-store`; there is
/// no refresh token: ask again when it expires. The token acts with the account's role and
/// organisation on every route, exactly as a user of that role; disabling the account refuses
/// its live tokens at once.
///
/// Errors follow RFC 6749 §5.2, as problem+json whose `code` (and `error`) is the RFC's code:
/// 401 `invalid_client` (unknown client, wrong secret, no or unsupported client
/// authentication, or a disabled account) with `WWW-Authenticate: Basic`; 400
/// `unsupported_grant_type` for any other grant; 400 `invalid_request` for a missing or repeated
/// parameter or two authentication methods. Failed authentications are throttled per client id
/// and address (429 `rate_limited` with `Retry-After`), but the right secret always gets its
/// token.
#[utoipa::path(
    operation_id = "issue_client_token",
    tag = "identity",
    request_body(
        description = "The grant type, and the client's credentials unless sent with HTTP Basic.",
        // One media type (RFC 6749's form): generated clients take one schema per operation
        // body. JSON with the same fields is still accepted, as the description says.
        content((ClientCredentialsRequest = "application/x-www-form-urlencoded")),
    ),
    responses(
        (status = 200, description = "An access token.", body = ClientToken),
        (status = 400, description = "A parameter is missing, repeated or malformed (`invalid_request`), or the grant type is not `client_credentials` (`unsupported_grant_type`).", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 401, description = "Client authentication failed (`invalid_client`); `WWW-Authenticate: Basic realm=\"plate-permits\"`.", body = crate::error::Problem, content_type = "application/problem+json",
            headers(("WWW-Authenticate" = String, description = "`Basic realm=\"plate-permits\"`"))),
        (status = 415, description = "The body is neither a form nor JSON (`unsupported_media_type`).", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many failed authentications for this client id from this address (`rate_limited`, `Retry-After`).", body = crate::error::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/token")]
pub async fn token(
    state: web::Data<AppState>,
    keys: web::Data<TokenKeys>,
    trail: web::Data<crate::audit::Trail>,
    req: HttpRequest,
    body: web::Bytes,
) -> ApiResult<HttpResponse> {
    let mut presented = presented_credentials(&req, &body)?;
    // A control character (NUL among them) in the client id or secret is a failed
    // authentication like any other (`authenticate` refuses it); the id is looked up, throttled
    // and audited in a printable form (PostgreSQL refuses NUL in text and jsonb).
    let client_id_shown = crate::auth::model::printable(&presented.client_id);
    let ip = client_ip(&req, &state.config);
    let key = client_key(&req, &state.config);
    let limits = token_limits(&state, &keys);
    let (client_id, address, policy) = (client_id_shown.clone(), key.clone(), limits.throttle);
    let at = state.clock.now();
    let candidate = state
        .db(move |c| service::token_candidate(c, &client_id, &address, &policy, at))
        .await?;
    let known_id = candidate.account.as_ref().map(|a| a.user.id.clone());
    // A SHA-256 comparison: cheap enough for the async side, and done before any write.
    let verdict = service::authenticate(candidate.account, &presented, at);
    presented.client_id = client_id_shown;
    let quotas = candidate.quotas;
    let throttled_entry = throttled_failure(known_id, &presented.client_id, &ip);
    let issued = state
        .write(move |c| {
            let origin = service::Caller::new(&ip, &key);
            service::token_record(c, &presented, origin, &limits, &quotas, verdict, at)
        })
        .await;
    // A failure refused by the throttle is audited too (queued: no write is spent on it).
    if issued.as_ref().is_err_and(ApiError::is_rate_limited) {
        trail.queue(throttled_entry);
    }
    let issued = issued?;
    token_reply(&state, &keys, issued)
}

/// The throttle and token lifetime a token request is held to.
fn token_limits(state: &AppState, keys: &TokenKeys) -> TokenLimits {
    TokenLimits {
        throttle: crate::auth::throttle::Policy::from_config(&state.config),
        token_ttl_secs: keys.access_ttl_secs,
    }
}

/// The audit entry of a client authentication the throttle refused (it never reached the
/// secret check, so it wrote nothing of its own).
fn throttled_failure(account_id: Option<String>, client_id: &str, ip: &str) -> crate::audit::Entry {
    crate::audit::Entry {
        actor_id: account_id.clone(),
        subject_id: account_id,
        actor_kind: crate::audit::ActorKind::ServiceAccount,
        ..crate::audit::Entry::anonymous(
            crate::audit::Action::ClientAuthFailure,
            crate::audit::Subject::ServiceAccount,
            &crate::http::client::Origin {
                client_ip: ip.to_owned(),
                request_id: None,
            },
        )
    }
    .detail(service::ClientAuthFailure {
        client_id,
        reason: service::Refusal::Throttled,
    })
}

/// The client's credentials as presented: the body (form or JSON) and any HTTP Basic header.
fn presented_credentials(req: &HttpRequest, body: &[u8]) -> ApiResult<ClientCredentials> {
    let header_text = |name| req.headers().get(name).and_then(|v| v.to_str().ok());
    let envelope = Envelope {
        content_type: header_text(header::CONTENT_TYPE),
        authorization: header_text(header::AUTHORIZATION),
    };
    credentials::read(envelope, body)
}

/// The access token for an issued session, never cached (RFC 6749 §5.1).
fn token_reply(
    state: &AppState,
    keys: &TokenKeys,
    issued: service::Issued,
) -> ApiResult<HttpResponse> {
    let user = issued.account;
    let access_token = keys
        .issue(
            &user.id,
            user.role,
            &user.organisation_id,
            &issued.session_id,
            state.clock.now(),
        )
        .map_err(ApiError::internal)?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .insert_header((header::PRAGMA, "no-cache"))
        .json(ClientToken {
            access_token,
            token_type: "Bearer",
            expires_in: keys.access_ttl_secs,
        }))
}

/// Create a service account.
///
/// Create a machine client. Roles: `admin`.
///
/// `role` is `police` (an organisation of kind `police`), `registry` or `directorate` (an
/// organisation of kind `directorate`). The answer carries the `client_id` and the
/// `client_secret`, which is stored only as a hash and shown this once.
#[utoipa::path(
    operation_id = "create_service_account",
    tag = "service-accounts",
    request_body = CreateServiceAccount,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Created; keep `client_secret`, it is not shown again.", body = ServiceAccountWithSecret),
    )
)]
#[post("/service-accounts")]
pub async fn create(
    state: web::Data<AppState>,
    user: AuthUser,
    body: Json<CreateServiceAccount>,
) -> ApiResult<HttpResponse> {
    user.require(&[Role::Admin])?;
    let actor = crate::audit::Actor::of(&user);
    let body = body.into_inner()?;
    let new = state.db(move |c| service::prepare(c, body)).await?;
    let at = state.clock.now();
    let (account, client_secret) = state
        .tx(move |c| service::create(c, &actor, new, at))
        .await?;
    let mut b = HttpResponse::Created();
    with_etag(&mut b, account.user.version);
    b.insert_header((
        header::LOCATION,
        format!("/api/v1/service-accounts/{}", account.user.id),
    ));
    Ok(b.json(ServiceAccountWithSecret {
        account: view(&state, account),
        client_secret,
    }))
}

/// List service accounts.
///
/// Machine clients, newest first. Roles: `admin`.
#[utoipa::path(
    operation_id = "list_service_accounts",
    tag = "service-accounts",
    params(PageParams),
    security(("bearer" = [])),
    responses((status = 200, description = "A page of service accounts.", body = Paginated<ServiceAccount>))
)]
#[get("/service-accounts")]
pub async fn list(
    state: web::Data<AppState>,
    user: AuthUser,
    page: web::Query<PageParams>,
) -> ApiResult<HttpResponse> {
    user.require(&[Role::Admin])?;
    let page = page.page()?;
    let limit = page.limit;
    let rows = state
        .db(move |c| crate::service_accounts::store::list(c, &page))
        .await?;
    Ok(HttpResponse::Ok().json(Paginated::from_rows(
        rows,
        limit,
        |a| a.user.id.clone(),
        |a| view(&state, a),
    )))
}

/// Get a service account.
///
/// One machine client, with `last_used_at` (when it last obtained a token). Roles: `admin`.
#[utoipa::path(
    operation_id = "get_service_account",
    tag = "service-accounts",
    params(("id" = uuid::Uuid, Path, description = "Service account id")),
    security(("bearer" = [])),
    responses((status = 200, description = "The service account; `ETag` carries its version.", body = ServiceAccount))
)]
#[get("/service-accounts/{id}")]
pub async fn get_one(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    user.require(&[Role::Admin])?;
    let id = id.into_inner();
    let account = state
        .db(move |c| crate::service_accounts::store::load(c, &id))
        .await?;
    Ok(ok_with_etag(&state, account))
}

/// Update a service account.
///
/// Rename a machine client, or disable or enable it. Roles: `admin`. Honours `If-Match`.
///
/// Disabling refuses the account's live tokens at once (on every replica) and every new token
/// request (`invalid_client`); enabling lets it ask for a token again.
#[utoipa::path(
    operation_id = "update_service_account",
    tag = "service-accounts",
    params(
        ("id" = uuid::Uuid, Path, description = "Service account id"),
        ("If-Match" = String, Header, description = "The `ETag` last read; 412 when stale."),
    ),
    request_body = UpdateServiceAccount,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Updated.", body = ServiceAccount),
        (status = 412, description = "Stale `If-Match` (`precondition_failed`).", body = crate::error::Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/service-accounts/{id}")]
pub async fn update(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    if_match: IfMatch,
    body: Json<UpdateServiceAccount>,
) -> ApiResult<HttpResponse> {
    user.require(&[Role::Admin])?;
    let actor = crate::audit::Actor::of(&user);
    let id = id.into_inner();
    let changes = Changes::try_from(body.into_inner()?)?;
    let at = state.clock.now();
    let account = state
        .tx(move |c| service::update(c, &actor, &id, if_match, changes, at))
        .await?;
    Ok(ok_with_etag(&state, account))
}

/// Rotate a service account's secret.
///
/// Issue a new client secret (shown once). Roles: `admin`. Honours `If-Match`.
///
/// The previous secret keeps working for `SERVICE_ACCOUNT_SECRET_OVERLAP_HOURS` (default 24;
/// `previous_secret_expires_at` says until when), so the client's replicas can change over
/// without an outage; then only the new one works. Rotating again during the overlap stops the
/// oldest secret at once. Tokens already issued stay valid until they expire.
#[utoipa::path(
    operation_id = "rotate_service_account_secret",
    tag = "service-accounts",
    params(
        ("id" = uuid::Uuid, Path, description = "Service account id"),
        ("If-Match" = String, Header, description = "The `ETag` last read; 412 when stale."),
    ),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The account with its new `client_secret`.", body = ServiceAccountWithSecret),
        (status = 412, description = "Stale `If-Match` (`precondition_failed`).", body = crate::error::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/service-accounts/{id}/rotate-secret")]
pub async fn rotate_secret(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    if_match: IfMatch,
) -> ApiResult<HttpResponse> {
    user.require(&[Role::Admin])?;
    let actor = crate::audit::Actor::of(&user);
    let id = id.into_inner();
    let overlap = TimeDelta::hours(i64::from(
        state.config.auth.service_account_secret_overlap_hours,
    ));
    let at = state.clock.now();
    let (account, client_secret) = state
        .tx(move |c| service::rotate_secret(c, &actor, &id, if_match, overlap, at))
        .await?;
    let mut b = HttpResponse::Ok();
    with_etag(&mut b, account.user.version);
    Ok(b.json(ServiceAccountWithSecret {
        account: view(&state, account),
        client_secret,
    }))
}
