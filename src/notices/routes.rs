//! `/notices`: public listing; administrators publish, edit and delete.

use actix_web::http::StatusCode;
use actix_web::{delete, get, patch, post, web, HttpResponse};

use crate::auth::AuthUser;
use crate::clock::Clock;
use crate::domain::identity::Role;
use crate::error::{ApiResult, Problem};
use crate::http::etag::{with_etag, IfMatch};
use crate::http::json::Json;
use crate::notices::guard::NoticeCache;
use crate::notices::model::{
    CreateNotice, NewNotice, NoticeKind, NoticeRow, UpdateNotice, WindowRules,
};
use crate::notices::service;
use crate::notices::views::{Notice, NoticeList};
use crate::state::AppState;

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list)
        .service(show)
        .service(create)
        .service(update)
        .service(remove);
}

/// The detail of `notice.created`.
#[derive(serde::Serialize)]
struct NoticeCreated<'a> {
    kind: NoticeKind,
    title: &'a str,
}

/// `status` with the notice and its `ETag`.
fn respond(status: StatusCode, row: NoticeRow, clock: &Clock) -> HttpResponse {
    let mut b = HttpResponse::build(status);
    with_etag(&mut b, row.version);
    b.json(Notice::new(row, clock))
}

/// List notices.
///
/// Active and upcoming notices, soonest first. **Public.**
#[utoipa::path(
    operation_id = "list_notices",
    tag = "notices",
    responses((status = 200, description = "Active and upcoming notices.", body = NoticeList))
)]
#[get("/notices")]
pub async fn list(state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    let clock = state.clock;
    let items = state.db(move |c| service::list(c, &clock)).await?;
    Ok(HttpResponse::Ok().json(NoticeList { items }))
}

/// Read a notice.
///
/// One notice, with its `ETag` (send it back in `If-Match` to edit it). **Public.**
#[utoipa::path(
    operation_id = "get_notice",
    tag = "notices",
    params(("id" = uuid::Uuid, Path, description = "Notice id")),
    responses((status = 200, description = "The notice.", body = Notice))
)]
#[get("/notices/{id}")]
pub async fn show(state: web::Data<AppState>, id: web::Path<String>) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let row = state.db(move |c| service::find(c, &id)).await?;
    Ok(respond(StatusCode::OK, row, &state.clock))
}

/// Publish a notice.
///
/// Publish a notice. Roles: `admin`. A `maintenance` notice must start at least the configured
/// lead time (default 24 h) from now (422 `insufficient_notice` on `starts_at`).
#[utoipa::path(
    operation_id = "create_notice",
    tag = "notices",
    request_body = CreateNotice,
    security(("bearer" = [])),
    responses((status = 201, description = "Published.", body = Notice))
)]
#[post("/notices")]
pub async fn create(
    state: web::Data<AppState>,
    effects: web::Data<service::Effects>,
    notice_cache: web::Data<NoticeCache>,
    user: AuthUser,
    body: Json<CreateNotice>,
) -> ApiResult<HttpResponse> {
    user.require(&[Role::Admin])?;
    let rules = WindowRules::at(state.config.maintenance_lead_hours, state.clock.now());
    let new = NewNotice::try_from((body.into_inner()?, rules))?;
    let clock = state.clock;
    let row = state
        .tx(move |c| {
            let row = service::publish(c, &clock, &effects, &user, new)?;
            let e = crate::audit::Entry::by(
                &crate::audit::Actor::of(&user),
                crate::audit::Action::NoticeCreated,
                crate::audit::Subject::Notice,
                &row.id,
            )
            .detail(NoticeCreated {
                kind: row.kind,
                title: &row.title,
            });
            crate::audit::record(c, clock.now(), e)?;
            Ok(row)
        })
        .await?;
    notice_cache.invalidate();
    Ok(respond(StatusCode::CREATED, row, &state.clock))
}

/// Edit a notice.
///
/// Edit a notice (e.g. end a window early by setting `ends_at` to now). Roles: `admin`.
/// Honours `If-Match`.
#[utoipa::path(
    operation_id = "update_notice",
    tag = "notices",
    params(
        ("id" = uuid::Uuid, Path, description = "Notice id"),
        ("If-Match" = String, Header, description = "The `ETag` last read; 412 when stale."),
    ),
    request_body = UpdateNotice,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Updated.", body = Notice),
        (status = 412, description = "Stale `If-Match`.", body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/notices/{id}")]
pub async fn update(
    state: web::Data<AppState>,
    notice_cache: web::Data<NoticeCache>,
    user: AuthUser,
    id: web::Path<String>,
    if_match: IfMatch,
    body: Json<UpdateNotice>,
) -> ApiResult<HttpResponse> {
    user.require(&[Role::Admin])?;
    let edit = body.into_inner()?;
    let lead_hours = state.config.maintenance_lead_hours;
    let id = id.into_inner();
    let at = state.clock.now();
    let row = state
        .tx(move |c| service::update(c, &id, if_match, edit, lead_hours, at))
        .await?;
    notice_cache.invalidate();
    Ok(respond(StatusCode::OK, row, &state.clock))
}

/// Delete a notice.
///
/// Delete a notice (ends its window at once). Roles: `admin`.
#[utoipa::path(
    operation_id = "delete_notice",
    tag = "notices",
    params(("id" = uuid::Uuid, Path, description = "Notice id")),
    security(("bearer" = [])),
    responses((status = 204, description = "Deleted."))
)]
#[delete("/notices/{id}")]
pub async fn remove(
    state: web::Data<AppState>,
    notice_cache: web::Data<NoticeCache>,
    user: AuthUser,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    user.require(&[Role::Admin])?;
    let id = id.into_inner();
    let at = state.clock.now();
    state
        .tx(move |c| {
            service::remove(c, &id)?;
            let e = crate::audit::Entry::by(
                &crate::audit::Actor::of(&user),
                crate::audit::Action::NoticeDeleted,
                crate::audit::Subject::Notice,
                &id,
            );
            crate::audit::record(c, at, e)
        })
        .await?;
    notice_cache.invalidate();
    Ok(HttpResponse::NoContent().finish())
}
