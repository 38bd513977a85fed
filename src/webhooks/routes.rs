//! `/webhooks`: subscriptions, their deliveries, manual retry and secret rotation (admin).

use actix_web::http::StatusCode;
use actix_web::{delete, get, post, web, HttpResponse};
use chrono::{DateTime, NaiveDateTime, TimeDelta, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::AuthUser;
use crate::clock::{now, utc};
use crate::db::schema::{events, organisations, webhook_deliveries as wd, webhooks};
use crate::domain::identity::Role;
use crate::error::{ApiError, ApiResult, FieldIssue};
use crate::events::EventType;
use crate::http::json::Json;
use crate::state::AppState;
use crate::validate::Issues;
use crate::webhooks::crypto::generate_secret;
use crate::webhooks::Outbound;

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(create)
        .service(list)
        .service(remove)
        .service(rotate)
        .service(deliveries)
        .service(retry);
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateWebhook {
    /// `http` or `https` only; redirects are not followed.
    #[schema(example = "https://rahvar.example.ir/hooks/plate-permits")]
    pub url: String,
    /// Event types to deliver (see `GET /events`).
    pub types: Vec<String>,
    /// Bind to one agency: only that agency's events are delivered.
    pub organisation_id: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct Webhook {
    pub id: String,
    pub url: String,
    pub types: Vec<String>,
    pub organisation_id: Option<String>,
    pub created_at: DateTime<Utc>,
}

#[derive(Serialize, ToSchema)]
pub struct CreatedWebhook {
    #[serde(flatten)]
    pub webhook: Webhook,
    /// `whsec_…`: shown once. Verify `webhook-signature` with it (Standard Webhooks 1.0).
    pub secret: String,
}

#[derive(Serialize, ToSchema)]
pub struct WebhookList {
    pub items: Vec<Webhook>,
}

#[derive(Serialize, ToSchema)]
pub struct RotatedSecret {
    /// The new secret, shown once; the old one keeps signing alongside it for 24 hours.
    pub secret: String,
}

#[derive(Serialize, ToSchema)]
pub struct Delivery {
    pub id: String,
    /// The event id (also the `webhook-id` header).
    pub event_id: String,
    /// `pending`, `delivered` or `failed` (retried with back-off until the retry window ends).
    pub status: String,
    pub attempts: i32,
    pub next_attempt_at: DateTime<Utc>,
    pub last_status: Option<i32>,
    pub last_error: Option<String>,
    /// The start of the receiver's last response body (at most 256 characters).
    pub response_excerpt: Option<String>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Serialize, ToSchema)]
pub struct DeliveryList {
    pub items: Vec<Delivery>,
}

type HookRow = (String, String, String, Option<String>, NaiveDateTime);

fn view(r: HookRow) -> Webhook {
    Webhook {
        id: r.0,
        url: r.1,
        types: r.2.split(',').map(str::to_owned).collect(),
        organisation_id: r.3,
        created_at: utc(r.4),
    }
}

type DeliveryRow = (
    String,
    i64,
    String,
    i32,
    NaiveDateTime,
    Option<i32>,
    Option<String>,
    Option<String>,
    NaiveDateTime,
);

fn delivery(r: DeliveryRow) -> Delivery {
    Delivery {
        id: r.0,
        event_id: r.1.to_string(),
        status: r.2,
        attempts: r.3,
        next_attempt_at: utc(r.4),
        last_status: r.5,
        last_error: r.6,
        response_excerpt: r.7,
        updated_at: utc(r.8),
    }
}

fn live(conn: &mut crate::db::DbConnection, id: &str) -> ApiResult<()> {
    webhooks::table
        .filter(webhooks::id.eq(id))
        .filter(webhooks::deleted_at.is_null())
        .select(webhooks::id)
        .first::<String>(conn)?;
    Ok(())
}

/// Subscribe a URL to event types. Roles: `admin`. The secret is returned once.
#[utoipa::path(
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
    let input = body.into_inner()?;
    let mut issues = Issues::new();
    let url = input.url.trim().to_owned();
    match reqwest::Url::parse(&url) {
        Ok(u) if (u.scheme() == "http" || u.scheme() == "https") && u.host().is_some() => {}
        _ => issues.push(FieldIssue::new(
            "url",
            "invalid_url",
            "نشانی باید http یا https باشد.",
            "The URL must be http or https.",
        )),
    }
    if input.types.is_empty() {
        issues.push(FieldIssue::required("types"));
    }
    for (i, t) in input.types.iter().enumerate() {
        if t.parse::<EventType>().is_err() {
            issues.push(FieldIssue::new(
                format!("types[{i}]"),
                "invalid_value",
                "نوع رویداد شناخته‌شده نیست.",
                "Unknown event type.",
            ));
        }
    }
    issues.finish()?;
    let secret = generate_secret();
    let sealed = outbound.secrets.seal(&secret).map_err(ApiError::internal)?;
    let types = input.types.join(",");
    let org = input.organisation_id;
    let row = state
        .tx(move |conn| {
            if let Some(o) = &org {
                let n: i64 = organisations::table
                    .filter(organisations::id.eq(o))
                    .count()
                    .get_result(conn)?;
                if n == 0 {
                    return Err(ApiError::invalid_field(FieldIssue::new(
                        "organisation_id",
                        "unknown_organisation",
                        "سازمان یافت نشد.",
                        "No such organisation.",
                    )));
                }
            }
            // Only events from now on.
            let from: Option<i64> = events::table
                .select(diesel::dsl::max(events::position))
                .first(conn)?;
            let at = now();
            let id = uuid::Uuid::now_v7().to_string();
            diesel::insert_into(webhooks::table)
                .values((
                    webhooks::id.eq(&id),
                    webhooks::url.eq(&url),
                    webhooks::types.eq(&types),
                    webhooks::organisation_id.eq(&org),
                    webhooks::secret_enc.eq(&sealed),
                    webhooks::fanout_position.eq(from.unwrap_or(0)),
                    webhooks::created_by.eq(&user.id),
                    webhooks::created_at.eq(at),
                ))
                .execute(conn)?;
            Ok((id, url, types, org, at))
        })
        .await?;
    Ok(
        HttpResponse::build(StatusCode::CREATED).json(CreatedWebhook {
            webhook: view(row),
            secret,
        }),
    )
}

/// Subscriptions. Roles: `admin`.
#[utoipa::path(
    tag = "webhooks",
    security(("bearer" = [])),
    responses((status = 200, description = "Subscriptions.", body = WebhookList))
)]
#[get("/webhooks")]
pub async fn list(state: web::Data<AppState>, user: AuthUser) -> ApiResult<HttpResponse> {
    user.require(&[Role::Admin])?;
    let rows: Vec<HookRow> = state
        .db(|conn| {
            Ok(webhooks::table
                .filter(webhooks::deleted_at.is_null())
                .order(webhooks::id.desc())
                .select((
                    webhooks::id,
                    webhooks::url,
                    webhooks::types,
                    webhooks::organisation_id,
                    webhooks::created_at,
                ))
                .load(conn)?)
        })
        .await?;
    Ok(HttpResponse::Ok().json(WebhookList {
        items: rows.into_iter().map(view).collect(),
    }))
}

/// Unsubscribe (no further deliveries). Roles: `admin`.
#[utoipa::path(
    tag = "webhooks",
    params(("id" = String, Path, description = "Webhook id")),
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
    state
        .tx(move |conn| {
            live(conn, &id)?;
            diesel::update(webhooks::table.find(&id))
                .set(webhooks::deleted_at.eq(now()))
                .execute(conn)?;
            diesel::update(
                wd::table
                    .filter(wd::webhook_id.eq(&id))
                    .filter(wd::status.eq("pending")),
            )
            .set((wd::status.eq("failed"), wd::last_error.eq("unsubscribed")))
            .execute(conn)?;
            Ok(())
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Rotate the secret: the new one is returned once; both sign deliveries for 24 hours.
/// Roles: `admin`.
#[utoipa::path(
    tag = "webhooks",
    params(("id" = String, Path, description = "Webhook id")),
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
    let secret = generate_secret();
    let sealed = outbound.secrets.seal(&secret).map_err(ApiError::internal)?;
    state
        .tx(move |conn| {
            live(conn, &id)?;
            let old: String = webhooks::table
                .find(&id)
                .select(webhooks::secret_enc)
                .first(conn)?;
            diesel::update(webhooks::table.find(&id))
                .set((
                    webhooks::secret_enc.eq(&sealed),
                    webhooks::previous_secret_enc.eq(Some(old)),
                    webhooks::previous_valid_until.eq(Some(now() + TimeDelta::hours(24))),
                ))
                .execute(conn)?;
            Ok(())
        })
        .await?;
    Ok(HttpResponse::Ok().json(RotatedSecret { secret }))
}

fn load_delivery(
    conn: &mut crate::db::DbConnection,
    hook: &str,
    id: &str,
) -> ApiResult<DeliveryRow> {
    Ok(wd::table
        .filter(wd::webhook_id.eq(hook))
        .filter(wd::id.eq(id))
        .select((
            wd::id,
            wd::event_position,
            wd::status,
            wd::attempts,
            wd::next_attempt_at,
            wd::last_status,
            wd::last_error,
            wd::response_excerpt,
            wd::updated_at,
        ))
        .first(conn)?)
}

/// A subscription's deliveries, newest first, with attempts and the last error. Roles: `admin`.
#[utoipa::path(
    tag = "webhooks",
    params(("id" = String, Path, description = "Webhook id")),
    security(("bearer" = [])),
    responses((status = 200, description = "Deliveries.", body = DeliveryList))
)]
#[get("/webhooks/{id}/deliveries")]
pub async fn deliveries(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    user.require(&[Role::Admin])?;
    let id = id.into_inner();
    let rows: Vec<DeliveryRow> = state
        .db(move |conn| {
            webhooks::table
                .find(&id)
                .select(webhooks::id)
                .first::<String>(conn)?;
            Ok(wd::table
                .filter(wd::webhook_id.eq(&id))
                .order(wd::id.desc())
                .limit(200)
                .select((
                    wd::id,
                    wd::event_position,
                    wd::status,
                    wd::attempts,
                    wd::next_attempt_at,
                    wd::last_status,
                    wd::last_error,
                    wd::response_excerpt,
                    wd::updated_at,
                ))
                .load(conn)?)
        })
        .await?;
    Ok(HttpResponse::Ok().json(DeliveryList {
        items: rows.into_iter().map(delivery).collect(),
    }))
}

/// Retry a delivery now (also a `failed` one, which gets a new retry window). Roles: `admin`.
#[utoipa::path(
    tag = "webhooks",
    params(
        ("id" = String, Path, description = "Webhook id"),
        ("delivery_id" = String, Path, description = "Delivery id"),
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
    let window = TimeDelta::seconds(state.config.webhook_retry_window_secs as i64);
    let row = state
        .tx(move |conn| {
            live(conn, &hook)?;
            load_delivery(conn, &hook, &id)?;
            let at = now();
            diesel::update(wd::table.find(&id))
                .set((
                    wd::status.eq("pending"),
                    wd::next_attempt_at.eq(at),
                    wd::give_up_at.eq(at + window),
                    wd::locked_until.eq(None::<NaiveDateTime>),
                    wd::updated_at.eq(at),
                ))
                .execute(conn)?;
            load_delivery(conn, &hook, &id)
        })
        .await?;
    Ok(HttpResponse::Ok().json(delivery(row)))
}
