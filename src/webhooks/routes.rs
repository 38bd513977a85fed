//! `/webhooks`: subscriptions, their deliveries, manual retry and secret rotation (admin).

use actix_web::http::StatusCode;
use actix_web::{delete, get, post, web, HttpResponse};
use chrono::TimeDelta;

use crate::auth::AuthUser;
use crate::domain::identity::Role;
use crate::error::ApiResult;
use crate::http::json::Json;
use crate::http::pagination::{PageParams, Paginated};
use crate::state::AppState;
use crate::webhooks::model::{CreateWebhook, NewWebhook};
use crate::webhooks::views::{CreatedWebhook, Delivery, RotatedSecret, WebhookList};
use crate::webhooks::{service, Outbound};

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(create)
        .service(list)
        .service(remove)
        .service(rotate)
        .service(deliveries)
        .service(retry);
}

/// Subscribe a webhook.
///
/// Subscribe a URL to event types. Roles: `admin`. The secret is returned once.
#[utoipa::path(
    operation_id = "create_webhook",
    tag = "webhooks",
    request_body = CreateWebhook,
    security(("bearer" = [])),
    responses((status = 201, description = "Subscribed.", body = CreatedWebhook))
)]
#[post("/webhooks")]
pub async fn create(
    state: web::Data<AppState>,
    outbound: web::Data<Outbound>,
    user: AuthUser,
    body: Json<CreateWebhook>,
) -> ApiResult<HttpResponse> {
    user.require(&[Role::Admin])?;
    let new = NewWebhook::parse(body.into_inner()?, &outbound.dispatch.allowed)?;
    let secrets = outbound.secrets.clone();
    let clock = state.clock;
    let actor = crate::audit::Actor::of(&user);
    let created: CreatedWebhook = state
        .tx(move |c| service::create(c, &clock, &secrets, &actor, new))
        .await?;
    Ok(HttpResponse::build(StatusCode::CREATED).json(created))
}

/// List webhook subscriptions.
///
/// Subscriptions. Roles: `admin`.
#[utoipa::path(
    operation_id = "list_webhooks",
    tag = "webhooks",
    security(("bearer" = [])),
    responses((status = 200, description = "Subscriptions.", body = WebhookList))
)]
#[get("/webhooks")]
pub async fn list(state: web::Data<AppState>, user: AuthUser) -> ApiResult<HttpResponse> {
    user.require(&[Role::Admin])?;
    let clock = state.clock;
    let hooks: WebhookList = state.db(move |c| service::list(c, &clock)).await?;
    Ok(HttpResponse::Ok().json(hooks))
}

/// Unsubscribe a webhook.
///
/// Unsubscribe (no further deliveries). Roles: `admin`.
#[utoipa::path(
    operation_id = "delete_webhook",
    tag = "webhooks",
    params(("id" = uuid::Uuid, Path, description = "Webhook id")),
    security(("bearer" = [])),
    responses((status = 204, description = "Unsubscribed."))
)]
#[delete("/webhooks/{id}")]
pub async fn remove(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    user.require(&[Role::Admin])?;
    let id = id.into_inner();
    let actor = crate::audit::Actor::of(&user);
    let at = state.clock.now();
    state
        .tx(move |c| service::remove(c, &actor, &id, at))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Rotate a webhook's secret.
///
/// Rotate the secret: the new one is returned once; both sign deliveries for 24 hours.
/// Roles: `admin`.
#[utoipa::path(
    operation_id = "rotate_webhook_secret",
    tag = "webhooks",
    params(("id" = uuid::Uuid, Path, description = "Webhook id")),
    security(("bearer" = [])),
    responses((status = 200, description = "The new secret.", body = RotatedSecret))
)]
#[post("/webhooks/{id}/rotate-secret")]
pub async fn rotate(
    state: web::Data<AppState>,
    outbound: web::Data<Outbound>,
    user: AuthUser,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    user.require(&[Role::Admin])?;
    let id = id.into_inner();
    let secrets = outbound.secrets.clone();
    let actor = crate::audit::Actor::of(&user);
    let at = state.clock.now();
    let rotated: RotatedSecret = state
        .tx(move |c| service::rotate(c, &secrets, &actor, &id, at))
        .await?;
    Ok(HttpResponse::Ok().json(rotated))
}

/// List a webhook's deliveries.
///
/// A subscription's deliveries, newest first, with attempts and the last error, paged like
/// every list (`limit`, `cursor`, `next_cursor`). Roles: `admin`.
#[utoipa::path(
    operation_id = "list_webhook_deliveries",
    tag = "webhooks",
    params(("id" = uuid::Uuid, Path, description = "Webhook id"), PageParams),
    security(("bearer" = [])),
    responses((status = 200, description = "A page of deliveries.", body = Paginated<Delivery>))
)]
#[get("/webhooks/{id}/deliveries")]
pub async fn deliveries(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    page: web::Query<PageParams>,
) -> ApiResult<HttpResponse> {
    user.require(&[Role::Admin])?;
    let id = id.into_inner();
    let page = page.page()?;
    let clock = state.clock;
    let items: Paginated<Delivery> = state
        .db(move |c| service::deliveries(c, &clock, &id, page))
        .await?;
    Ok(HttpResponse::Ok().json(items))
}

/// Retry a webhook delivery.
///
/// Retry a delivery now (also a `failed` one, which gets a new retry window). Roles: `admin`.
#[utoipa::path(
    operation_id = "retry_webhook_delivery",
    tag = "webhooks",
    params(
        ("id" = uuid::Uuid, Path, description = "Webhook id"),
        ("delivery_id" = uuid::Uuid, Path, description = "Delivery id"),
    ),
    security(("bearer" = [])),
    responses((status = 200, description = "Queued again.", body = Delivery))
)]
#[post("/webhooks/{id}/deliveries/{delivery_id}/retry")]
pub async fn retry(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<(String, String)>,
) -> ApiResult<HttpResponse> {
    user.require(&[Role::Admin])?;
    let (hook, id) = path.into_inner();
    let window = TimeDelta::seconds(state.config.webhooks.retry_window_secs as i64);
    let clock = state.clock;
    let actor = crate::audit::Actor::of(&user);
    let delivery: Delivery = state
        .tx(move |c| service::retry(c, &clock, &actor, &hook, &id, window))
        .await?;
    Ok(HttpResponse::Ok().json(delivery))
}
