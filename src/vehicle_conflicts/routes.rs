//! `/vehicle-conflicts`: the directorate's list of filings refused because another agency
//! has an open request for the vehicle, and their resolution.

use actix_web::{get, post, web, HttpResponse};

use crate::auth::AuthUser;
use crate::domain::identity::Role;
use crate::error::{ApiResult, Problem};
use crate::http::etag::{with_etag, IfMatch};
use crate::http::json::Json;
use crate::http::pagination::{PageParams, Paginated};
use crate::state::AppState;
use crate::vehicle_conflicts::model::{ConflictFilter, Resolution, ResolveConflict};
use crate::vehicle_conflicts::service;
use crate::vehicle_conflicts::views::VehicleConflict;

/// Who sees and resolves vehicle conflicts.
const ROLES: &[Role] = &[Role::Directorate, Role::Admin];

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list).service(get_one).service(resolve);
}

/// List vehicle conflicts.
///
/// Filings refused with 409 `duplicate` because another agency has an open request for the
/// same vehicle (same plate, VIN or chassis number). One open request per vehicle is the rule,
/// so the refused agency is told only that the vehicle has an open request elsewhere and that
/// the directorate has been told — not which request or agency (else any agency could learn
/// who holds a vehicle, or block one by filing first unseen). Here the directorate sees both
/// sides: the blocking request (tracking code, status, agency), the refused agency and user,
/// the vehicle as filed and how many times it was tried (a retry counts an attempt on the same
/// open conflict). Open conflicts first, newest first within each status; paginated like
/// every list. Roles: `directorate`, `admin`.
#[utoipa::path(
    operation_id = "list_vehicle_conflicts",
    tag = "requests",
    params(ConflictFilter, PageParams),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "A page of conflicts.", body = Paginated<VehicleConflict>),
        (status = 403, description = "Not the directorate or an administrator (`forbidden`).", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/vehicle-conflicts")]
pub async fn list(
    state: web::Data<AppState>,
    user: AuthUser,
    filter: web::Query<ConflictFilter>,
    page: web::Query<PageParams>,
) -> ApiResult<HttpResponse> {
    user.require(ROLES)?;
    let page = page.page()?;
    let limit = page.limit;
    let filter = filter.into_inner();
    let rows = state
        .read(move |c| service::list(c, &filter, &page))
        .await?;
    Ok(HttpResponse::Ok().json(Paginated::from_rows(
        rows,
        limit,
        |r| format!("{}:{}", r.row.queue_rank, r.row.id),
        |r| VehicleConflict::new(r, &state.clock),
    )))
}

/// Read a vehicle conflict.
///
/// One conflict as the list shows it, with its `ETag` (the `version` that
/// `POST /vehicle-conflicts/{id}/resolve` needs in `If-Match`). Roles: `directorate`, `admin`.
#[utoipa::path(
    operation_id = "get_vehicle_conflict",
    tag = "requests",
    params(("id" = uuid::Uuid, Path, description = "Conflict id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The conflict.", body = VehicleConflict, headers(("ETag" = String))),
        (status = 403, description = "Not the directorate or an administrator (`forbidden`).", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such conflict (`not_found`).", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/vehicle-conflicts/{id}")]
pub async fn get_one(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    user.require(ROLES)?;
    let id = id.into_inner();
    let row = state.read(move |c| service::get(c, &id)).await?;
    let view = VehicleConflict::new(row, &state.clock);
    let mut b = HttpResponse::Ok();
    with_etag(&mut b, view.version);
    Ok(b.json(view))
}

/// Resolve a vehicle conflict.
///
/// Record how the directorate dealt with a conflict: `note` says what was done (for example
/// the blocking request was withdrawn, rejected or closed through its usual actions, and the
/// refused agency may file again; or the blocking request stands). The conflict keeps who
/// resolved it, when, the note and the blocking request's status at that moment; an audit
/// entry `vehicle_conflict.resolved` is written. Roles: `directorate`, `admin`. Already
/// resolved: 409 `conflict`. Requires `If-Match` (the conflict's `ETag` from
/// `GET /vehicle-conflicts/{id}` or its `version` in the list): 428 without it, 412 when stale.
#[utoipa::path(
    operation_id = "resolve_vehicle_conflict",
    tag = "requests",
    params(
        ("id" = uuid::Uuid, Path, description = "Conflict id"),
        ("If-Match" = String, Header, description = "The conflict's `ETag` (its `version`) last read; 412 when stale, 428 when missing."),
    ),
    request_body = ResolveConflict,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Resolved.", body = VehicleConflict, headers(("ETag" = String))),
        (status = 403, description = "Not the directorate or an administrator (`forbidden`).", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such conflict (`not_found`).", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already resolved (`conflict`).", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`note` missing, too short or too long (`validation_failed`).", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/vehicle-conflicts/{id}/resolve")]
pub async fn resolve(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    if_match: IfMatch,
    body: Json<ResolveConflict>,
) -> ApiResult<HttpResponse> {
    user.require(ROLES)?;
    let resolution = Resolution::try_from(body.into_inner()?)?;
    let id = id.into_inner();
    let clock = state.clock;
    let view = state
        .tx(move |c| service::resolve(c, &clock, &user, &id, if_match, resolution))
        .await?;
    let mut b = HttpResponse::Ok();
    with_etag(&mut b, view.version);
    Ok(b.json(view))
}
