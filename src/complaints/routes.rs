//! `/complaints`: filing, listing (oldest unanswered first), responses and closing.

use actix_web::{get, post, web, HttpResponse};

use crate::auth::{AuthUser, ChangeContext};
use crate::complaints::model::{
    ComplaintFilter, CreateComplaint, NewComplaint, ResponseBody, ResponseText,
};
use crate::complaints::service;
use crate::complaints::views::Complaint;
use crate::domain::identity::Role;
use crate::error::{ApiResult, Problem};
use crate::http::etag::{etag, with_etag, IfMatch};
use crate::http::idempotency::{IdempotencyKey, Recorded};
use crate::http::json::Json;
use crate::http::pagination::{PageParams, Paginated};
use crate::state::AppState;

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(create)
        .service(list)
        .service(get_one)
        .service(respond)
        .service(close);
}

/// 200 with the complaint and its `ETag`.
fn ok_with_etag(view: &Complaint) -> HttpResponse {
    let mut b = HttpResponse::Ok();
    with_etag(&mut b, view.version);
    b.json(view)
}

/// File a complaint.
///
/// File a complaint or feedback about the service. Roles: any signed-in user.
///
/// Gets its own `tracking_code` (trackable at `/track/{code}`) and `status: received`.
/// Honours `Idempotency-Key`.
#[utoipa::path(
    operation_id = "create_complaint",
    tag = "complaints",
    request_body = CreateComplaint,
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes retries safe.")),
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Received.", body = Complaint),
        (status = 409, description = "The idempotency key is in flight (`idempotency_in_flight`).", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/complaints")]
pub async fn create(
    state: web::Data<AppState>,
    user: AuthUser,
    idem: IdempotencyKey,
    body: Json<CreateComplaint>,
) -> ApiResult<HttpResponse> {
    let (input, hash) = body.into_parts()?;
    let new = NewComplaint::try_from(input)?;
    let call = idem.call(&user.id, "POST /complaints", hash);
    let clock = state.clock;
    state
        .idempotent(call, move |c| {
            let view = service::create(c, &clock, &user, new)?;
            let location = format!("/api/v1/complaints/{}", view.id);
            Recorded::created(&view, location, etag(view.version))
        })
        .await
}

/// List complaints.
///
/// List complaints: unanswered first, oldest first within each status. Roles: `directorate`,
/// `admin` (all); `agency`, `police` (their organisation's); `registry` (its own).
#[utoipa::path(
    operation_id = "list_complaints",
    tag = "complaints",
    params(ComplaintFilter, PageParams),
    security(("bearer" = [])),
    responses((status = 200, description = "A page of complaints.", body = Paginated<Complaint>))
)]
#[get("/complaints")]
pub async fn list(
    state: web::Data<AppState>,
    user: AuthUser,
    filter: web::Query<ComplaintFilter>,
    page: web::Query<PageParams>,
) -> ApiResult<HttpResponse> {
    let page = page.page()?;
    let filter = filter.into_inner();
    let limit = page.limit;
    let rows = state
        .read(move |c| service::list(c, &user, filter, &page))
        .await?;
    Ok(HttpResponse::Ok().json(Paginated::from_rows(
        rows,
        limit,
        |r| format!("{}:{}", r.queue_rank, r.id),
        |r| Complaint::new(r, &state.clock),
    )))
}

/// Get a complaint.
///
/// One complaint with its history. Roles: as for the list; others get 404.
#[utoipa::path(
    operation_id = "get_complaint",
    tag = "complaints",
    params(("id" = uuid::Uuid, Path, description = "Complaint id")),
    security(("bearer" = [])),
    responses((status = 200, description = "The complaint.", body = Complaint))
)]
#[get("/complaints/{id}")]
pub async fn get_one(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let clock = state.clock;
    let view = state
        .db(move |c| service::get(c, &clock, &user, &id))
        .await?;
    Ok(ok_with_etag(&view))
}

/// Respond to a complaint.
///
/// Respond to a complaint (may be done more than once): → `answered`. Roles: `directorate`,
/// `admin`. Honours `If-Match`.
#[utoipa::path(
    operation_id = "respond_to_complaint",
    tag = "complaints",
    params(
        ("id" = uuid::Uuid, Path, description = "Complaint id"),
        ("If-Match" = String, Header, description = "The `ETag` last read; 412 when stale."),
    ),
    request_body = ResponseBody,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Answered.", body = Complaint),
        (status = 409, description = "Closed (`invalid_transition`).", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/complaints/{id}/responses")]
pub async fn respond(
    state: web::Data<AppState>,
    effects: web::Data<service::Effects>,
    user: AuthUser,
    id: web::Path<String>,
    if_match: IfMatch,
    body: Json<ResponseBody>,
) -> ApiResult<HttpResponse> {
    user.require(&[Role::Directorate, Role::Admin])?;
    let text = ResponseText::try_from(body.into_inner()?)?;
    let id = id.into_inner();
    let clock = state.clock;
    let config = state.config.clone();
    let view = state
        .tx(move |c| {
            let ctx = ChangeContext::new(&user, &config, &clock, effects.get_ref());
            service::respond(c, ctx, &id, if_match, text)
        })
        .await?;
    Ok(ok_with_etag(&view))
}

/// Close a complaint.
///
/// Close a complaint: → `closed`. Roles: the complainant (its filer, or its agency or police
/// organisation), `directorate`, `admin`. Honours `If-Match`.
#[utoipa::path(
    operation_id = "close_complaint",
    tag = "complaints",
    params(
        ("id" = uuid::Uuid, Path, description = "Complaint id"),
        ("If-Match" = String, Header, description = "The `ETag` last read; 412 when stale."),
    ),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Closed.", body = Complaint),
        (status = 409, description = "Already closed (`invalid_transition`).", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/complaints/{id}/close")]
pub async fn close(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    if_match: IfMatch,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let clock = state.clock;
    let view = state
        .tx(move |c| service::close(c, &clock, &user, &id, if_match))
        .await?;
    Ok(ok_with_etag(&view))
}
