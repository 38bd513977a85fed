//! The SLA routes: `/holidays` (everyone signed in may read the table, an agency needs it to
//! check a deadline; administrators add and remove days), `GET /requests/{id}/sla` (how a
//! request's deadlines were computed, day by day, so that a disputed deadline can be checked
//! by hand) and `GET /reports/sla`.

use actix_web::http::header;
use actix_web::{delete, get, post, web, HttpRequest, HttpResponse};

use crate::auth::access::Scope;
use crate::auth::AuthUser;
use crate::clock::now;
use crate::domain::identity::Role;
use crate::error::{ApiResult, Problem};
use crate::http::client::client_ip;
use crate::http::json::Json;
use crate::http::pagination::{PageParams, Paginated};
use crate::sla::model::{
    HolidayEntry, HolidayFilter, HolidayQuery, NewHoliday, ReportFilter, ReportFormat, ReportQuery,
};
use crate::sla::service;
use crate::sla::views::{to_csv, Holiday, SlaExplanation, SlaReport};
use crate::state::AppState;

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list)
        .service(create)
        .service(remove)
        .service(explain)
        .service(sla_report);
}

/// List holidays, earliest first. Roles: any signed-in user.
#[utoipa::path(
    tag = "sla",
    params(HolidayFilter, PageParams),
    security(("bearer" = [])),
    responses((status = 200, description = "A page of holidays.", body = Paginated<Holiday>))
)]
#[get("/holidays")]
pub async fn list(
    state: web::Data<AppState>,
    _user: AuthUser,
    filter: web::Query<HolidayFilter>,
    page: web::Query<PageParams>,
) -> ApiResult<HttpResponse> {
    let q = HolidayQuery::parse(&filter, &page)?;
    let page: Paginated<Holiday> = state.db(move |c| service::holidays(c, &q)).await?;
    Ok(HttpResponse::Ok().json(page))
}

/// Add a holiday. Roles: `admin`. Running SLA clocks move their deadlines at once (and
/// finished stages that spanned the day are measured again). A date already in the table is
/// 409 `duplicate`.
#[utoipa::path(
    tag = "sla",
    request_body = NewHoliday,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Added.", body = Holiday,
         headers(("Location" = String, description = "The holiday's URL"))),
        (status = 409, description = "That date is already a holiday (`duplicate`).", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/holidays")]
pub async fn create(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: AuthUser,
    body: Json<NewHoliday>,
) -> ApiResult<HttpResponse> {
    user.require(&[Role::Admin])?;
    let entry = HolidayEntry::try_from(body.into_inner()?)?;
    let actor = user.actor(client_ip(&req, state.config.trust_proxy));
    let config = state.config.clone();
    let row = state
        .tx(move |c| service::add_holiday(c, &config, &actor, entry, now()))
        .await?;
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, format!("/api/v1/holidays/{}", row.id)))
        .json(Holiday::from(row)))
}

/// Remove a holiday. Roles: `admin`. SLA clocks are recomputed as for adding one.
#[utoipa::path(
    tag = "sla",
    params(("id" = String, Path, description = "Holiday id")),
    security(("bearer" = [])),
    responses((status = 204, description = "Removed."))
)]
#[delete("/holidays/{id}")]
pub async fn remove(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    user.require(&[Role::Admin])?;
    let id = id.into_inner();
    let actor = user.actor(client_ip(&req, state.config.trust_proxy));
    let config = state.config.clone();
    state
        .tx(move |c| service::remove_holiday(c, &config, &actor, &id, now()))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// How the request's SLA clocks were computed: the calendar rules (the default settings and
/// the working rules in force over the request's span), each stage run with its running and
/// paused spans, and every day with what it counted (weekends, holidays, closed and paused
/// days count nothing; a part-day closure or other office hours count their own hours) and
/// the working rule behind it. Roles: as for reading the request.
#[utoipa::path(
    tag = "sla",
    params(("id" = String, Path, description = "Request id")),
    security(("bearer" = [])),
    responses((status = 200, description = "The computation, day by day.", body = SlaExplanation))
)]
#[get("/requests/{id}/sla")]
pub async fn explain(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let scope = Scope::requests(&user)?;
    let id = id.into_inner();
    let config = state.config.clone();
    let body: SlaExplanation = state
        .db(move |c| service::explain(c, &config, &scope, &id, now()))
        .await?;
    Ok(HttpResponse::Ok().json(body))
}

/// The service-level report over requests filed in a date range: overall and per agency,
/// counts by status, median and 90th-percentile working days per stage (latest completed run
/// of each request; nearest rank; hundredths of a working day, rounded up), the share
/// completed within budget, requests overdue now, the average feedback rating, and the
/// police's refusals (`refusal_reasons`) and the directorate's rejections
/// (`rejection_reasons`) counted by reason code, every code present. `Accept:
/// text/csv` (or `?format=csv`) gives the same as CSV. Roles: `directorate`, `admin`.
/// Per-request detail of the computation is at `GET /requests/{id}/sla`.
#[utoipa::path(
    tag = "sla",
    params(ReportFilter),
    security(("bearer" = [])),
    responses((status = 200, description = "The report.", content(
        (SlaReport = "application/json"),
        (String = "text/csv", example = "scope,organisation_id,organisation_name,requests,...")
    )))
)]
#[get("/reports/sla")]
pub async fn sla_report(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: AuthUser,
    filter: web::Query<ReportFilter>,
) -> ApiResult<HttpResponse> {
    user.require(&[Role::Directorate, Role::Admin])?;
    let accept = req
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let q = ReportQuery::parse(filter.into_inner(), accept)?;
    let format = q.format;
    let config = state.config.clone();
    let at = now();
    let report: SlaReport = state
        .db(move |c| service::report(c, &config, q, at))
        .await?;
    Ok(match format {
        ReportFormat::Json => HttpResponse::Ok().json(report),
        ReportFormat::Csv => HttpResponse::Ok()
            .content_type("text/csv; charset=utf-8")
            .insert_header((
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"sla-report.csv\"",
            ))
            .body(to_csv(&report)),
    })
}
