//! `/organisations`: kept by administrators; readable by the directorate (to filter by agency).

use actix_web::http::StatusCode;
use actix_web::{get, patch, post, web, HttpResponse};

use crate::auth::AuthUser;
use crate::clock::Clock;
use crate::domain::identity::Role;
use crate::error::ApiResult;
use crate::http::etag::{with_etag, IfMatch};
use crate::http::json::Json;
use crate::http::pagination::{PageParams, Paginated};
use crate::organisations::model::{
    CreateOrganisation, NewOrganisation, OrganisationChanges, OrganisationFilter, OrganisationRow,
    UpdateOrganisation,
};
use crate::organisations::views::Organisation;
use crate::organisations::{service, store};
use crate::state::AppState;

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(create)
        .service(list)
        .service(get_one)
        .service(update);
}

/// The organisation with its `ETag`; a new one also with its `Location`.
fn respond(status: StatusCode, row: OrganisationRow, clock: &Clock) -> HttpResponse {
    let mut b = HttpResponse::build(status);
    with_etag(&mut b, row.version);
    if status == StatusCode::CREATED {
        b.insert_header((
            actix_web::http::header::LOCATION,
            format!("/api/v1/organisations/{}", row.id),
        ));
    }
    b.json(Organisation::new(row, clock))
}

/// Create an organisation.
///
/// Create an organisation. Roles: `admin`.
#[utoipa::path(
    operation_id = "create_organisation",
    tag = "organisations",
    request_body = CreateOrganisation,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Created.", body = Organisation),
        (status = 409, description = "Name or national id already used (`duplicate`).", body = crate::error::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/organisations")]
pub async fn create(
    state: web::Data<AppState>,
    user: AuthUser,
    body: Json<CreateOrganisation>,
) -> ApiResult<HttpResponse> {
    user.require(&[Role::Admin])?;
    let actor = crate::audit::Actor::of(&user);
    let new = NewOrganisation::try_from(body.into_inner()?)?;
    let at = state.clock.now();
    let row = state
        .tx(move |c| service::create(c, &actor, new, at))
        .await?;
    Ok(respond(StatusCode::CREATED, row, &state.clock))
}

/// List organisations.
///
/// List organisations, newest first. Roles: `admin`, `directorate`.
#[utoipa::path(
    operation_id = "list_organisations",
    tag = "organisations",
    params(OrganisationFilter, PageParams),
    security(("bearer" = [])),
    responses((status = 200, description = "A page of organisations.", body = Paginated<Organisation>))
)]
#[get("/organisations")]
pub async fn list(
    state: web::Data<AppState>,
    user: AuthUser,
    filter: web::Query<OrganisationFilter>,
    page: web::Query<PageParams>,
) -> ApiResult<HttpResponse> {
    user.require(&[Role::Admin, Role::Directorate])?;
    let page = page.page()?;
    let kind = filter.kind;
    let limit = page.limit;
    let rows = state.db(move |c| store::list(c, kind, &page)).await?;
    Ok(HttpResponse::Ok().json(Paginated::from_rows(
        rows,
        limit,
        |r| r.id.clone(),
        |r| Organisation::new(r, &state.clock),
    )))
}

/// Get an organisation.
///
/// One organisation. Roles: `admin`, `directorate`.
#[utoipa::path(
    operation_id = "get_organisation",
    tag = "organisations",
    params(("id" = uuid::Uuid, Path, description = "Organisation id")),
    security(("bearer" = [])),
    responses((status = 200, description = "The organisation; `ETag` carries its version.", body = Organisation))
)]
#[get("/organisations/{id}")]
pub async fn get_one(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    user.require(&[Role::Admin, Role::Directorate])?;
    let id = id.into_inner();
    let row = state.db(move |c| store::load(c, &id)).await?;
    Ok(respond(StatusCode::OK, row, &state.clock))
}

/// Update an organisation.
///
/// Rename an organisation or correct its national id. Roles: `admin`. Honours `If-Match`.
#[utoipa::path(
    operation_id = "update_organisation",
    tag = "organisations",
    params(
        ("id" = uuid::Uuid, Path, description = "Organisation id"),
        ("If-Match" = String, Header, description = "The `ETag` last read; 412 when stale."),
    ),
    request_body = UpdateOrganisation,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Updated.", body = Organisation),
        (status = 409, description = "Name or national id already used (`duplicate`).", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 412, description = "Stale `If-Match` (`precondition_failed`).", body = crate::error::Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/organisations/{id}")]
pub async fn update(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    if_match: IfMatch,
    body: Json<UpdateOrganisation>,
) -> ApiResult<HttpResponse> {
    user.require(&[Role::Admin])?;
    let actor = crate::audit::Actor::of(&user);
    let id = id.into_inner();
    let changes = OrganisationChanges::try_from(body.into_inner()?)?;
    let at = state.clock.now();
    let row = state
        .tx(move |c| service::update(c, &actor, &id, if_match, changes, at))
        .await?;
    Ok(respond(StatusCode::OK, row, &state.clock))
}
