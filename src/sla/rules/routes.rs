//! `/working-rules`: administrators keep the dated rules of working time (weekend days, office
//! hours, closures); everyone signed in may read them, since an agency checks its deadlines
//! against them.

use actix_web::http::{header, StatusCode};
use actix_web::{delete, get, patch, post, web, HttpResponse};

use crate::auth::AuthUser;
use crate::clock::Clock;
use crate::domain::identity::Role;
use crate::error::{ApiResult, Problem};
use crate::http::etag::{with_etag, IfMatch};
use crate::http::json::Json;
use crate::http::pagination::{PageParams, Paginated};
use crate::sla::rules::model::{
    NewClosure, NewWorkingRule, RuleFilter, RuleQuery, RuleSpec, UpdateWorkingRule, WorkingRuleRow,
};
use crate::sla::rules::views::WorkingRule;
use crate::sla::rules::{service, store};
use crate::state::AppState;

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list)
        .service(get_one)
        .service(create)
        .service(update)
        .service(remove)
        .service(declare_closure);
}

/// `status` with the rule and its `ETag`.
fn respond(status: StatusCode, row: WorkingRuleRow, clock: &Clock) -> HttpResponse {
    let mut b = HttpResponse::build(status);
    with_etag(&mut b, row.version);
    if status == StatusCode::CREATED {
        b.insert_header((
            header::LOCATION,
            format!("/api/v1/working-rules/{}", row.id),
        ));
    }
    b.json(WorkingRule::new(row, clock))
}

/// List working rules.
///
/// List working rules, newest first, optionally of one `kind` or in force `on` a date.
/// Roles: any signed-in user.
#[utoipa::path(
    operation_id = "list_working_rules",
    tag = "sla",
    params(RuleFilter, PageParams),
    security(("bearer" = [])),
    responses((status = 200, description = "A page of working rules.", body = Paginated<WorkingRule>))
)]
#[get("/working-rules")]
pub async fn list(
    state: web::Data<AppState>,
    _user: AuthUser,
    filter: web::Query<RuleFilter>,
    page: web::Query<PageParams>,
) -> ApiResult<HttpResponse> {
    let q = RuleQuery::parse(&filter, &page)?;
    let clock = state.clock;
    let page: Paginated<WorkingRule> = state.db(move |c| service::list(c, &clock, &q)).await?;
    Ok(HttpResponse::Ok().json(page))
}

/// Get a working rule.
///
/// One working rule; `ETag` carries its version. Roles: any signed-in user.
#[utoipa::path(
    operation_id = "get_working_rule",
    tag = "sla",
    params(("id" = uuid::Uuid, Path, description = "Working rule id")),
    security(("bearer" = [])),
    responses((status = 200, description = "The rule.", body = WorkingRule))
)]
#[get("/working-rules/{id}")]
pub async fn get_one(
    state: web::Data<AppState>,
    _user: AuthUser,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let row = state.db(move |c| store::find(c, &id)).await?;
    Ok(respond(StatusCode::OK, row, &state.clock))
}

/// Add a working rule.
///
/// Add a working rule. Roles: `admin`.
///
/// Kinds: `weekend` (the weekend days while in force, replacing `WEEKEND_DAYS`, e.g. Thursday
/// closed from 1405/04/01), `office_hours` (`opens`–`closes`, optionally on some `weekdays`
/// only, replacing `OFFICE_HOURS`, e.g. summer hours 06:00–13:00), `closure` (the province's
/// offices closed the whole day, or from `from_time` and/or until `to_time`). When two rules of
/// one kind are in force on a day, the latest `effective_from` wins, then the latest created;
/// holidays beat every rule. One working day stays the length of the default `OFFICE_HOURS`,
/// so a shorter day counts proportionally less. SLA clocks the rule can move are recomputed at
/// once.
#[utoipa::path(
    operation_id = "create_working_rule",
    tag = "sla",
    request_body = NewWorkingRule,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Added.", body = WorkingRule,
         headers(("Location" = String, description = "The rule's URL"))),
        (status = 422, description = "Every invalid field named (`validation_failed`).", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/working-rules")]
pub async fn create(
    state: web::Data<AppState>,
    user: AuthUser,
    body: Json<NewWorkingRule>,
) -> ApiResult<HttpResponse> {
    let clock = state.clock;
    user.require(&[Role::Admin])?;
    let spec = RuleSpec::try_from(body.into_inner()?)?;
    let actor = crate::audit::Actor::of(&user);
    let config = state.config.clone();
    let row = state
        .tx(move |c| service::create(c, &config, &actor, spec, clock.now()))
        .await?;
    Ok(respond(StatusCode::CREATED, row, &state.clock))
}

/// Change a working rule.
///
/// Change a working rule (not its kind). Roles: `admin`. Honours `If-Match`. The rule as
/// changed is checked as a new one; SLA clocks are recomputed from the earlier of its old and
/// new first days.
#[utoipa::path(
    operation_id = "update_working_rule",
    tag = "sla",
    params(
        ("id" = uuid::Uuid, Path, description = "Working rule id"),
        ("If-Match" = String, Header, description = "The `ETag` last read; 412 when stale."),
    ),
    request_body = UpdateWorkingRule,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Changed.", body = WorkingRule),
        (status = 412, description = "Stale `If-Match` (`precondition_failed`).", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Every invalid field named (`validation_failed`).", body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/working-rules/{id}")]
pub async fn update(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    if_match: IfMatch,
    body: Json<UpdateWorkingRule>,
) -> ApiResult<HttpResponse> {
    let clock = state.clock;
    user.require(&[Role::Admin])?;
    let edit = body.into_inner()?;
    let actor = crate::audit::Actor::of(&user);
    let config = state.config.clone();
    let id = id.into_inner();
    let row = state
        .tx(move |c| service::update(c, &config, &actor, &id, if_match, edit, clock.now()))
        .await?;
    Ok(respond(StatusCode::OK, row, &state.clock))
}

/// Delete a working rule.
///
/// Delete a working rule. Roles: `admin`. Honours `If-Match`. SLA clocks are recomputed from
/// the rule's first day (a deleted rule's days fall back to the other rules and the settings).
#[utoipa::path(
    operation_id = "delete_working_rule",
    tag = "sla",
    params(
        ("id" = uuid::Uuid, Path, description = "Working rule id"),
        ("If-Match" = String, Header, description = "The `ETag` last read; 412 when stale."),
    ),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Deleted."),
        (status = 412, description = "Stale `If-Match` (`precondition_failed`).", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/working-rules/{id}")]
pub async fn remove(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    if_match: IfMatch,
) -> ApiResult<HttpResponse> {
    let clock = state.clock;
    user.require(&[Role::Admin])?;
    let actor = crate::audit::Actor::of(&user);
    let config = state.config.clone();
    let id = id.into_inner();
    state
        .tx(move |c| service::remove(c, &config, &actor, &id, if_match, clock.now()))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Declare a closure at short notice.
///
/// Declare a closure of the offices for today or tomorrow (service time zone), the whole day
/// or from `from_time` to the end of the day, as the province announces them (heat, energy,
/// air pollution), optionally for one party's calendar only (`applies_to`). Roles: `admin`.
///
/// The closure is stored as a `closure` working rule for that one day; every open deadline it
/// can move is recomputed in the same transaction; the `calendar.closure_declared` event and
/// the audit entry `working_rule.closure_declared` are written with it. Any other date is 422
/// `not_today_or_tomorrow` (add a working rule instead). Undo it by deleting the rule
/// (`DELETE /working-rules/{id}`).
#[utoipa::path(
    operation_id = "declare_closure",
    tag = "sla",
    request_body = NewClosure,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Declared; the rule and the number of requests recomputed.", body = service::ClosureDeclared,
         headers(("Location" = String, description = "The working rule's URL"))),
        (status = 422, description = "Every invalid field named (`validation_failed`); a date other than today or tomorrow is `not_today_or_tomorrow`.", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/closures")]
pub async fn declare_closure(
    state: web::Data<AppState>,
    user: AuthUser,
    body: Json<NewClosure>,
) -> ApiResult<HttpResponse> {
    user.require(&[Role::Admin])?;
    let spec = body.into_inner()?.spec(state.clock.today())?;
    let clock = state.clock;
    let actor = crate::audit::Actor::of(&user);
    let config = state.config.clone();
    let (row, recomputed) = state
        .tx(move |c| service::declare_closure(c, &config, &actor, spec, &clock))
        .await?;
    let mut b = HttpResponse::build(StatusCode::CREATED);
    with_etag(&mut b, row.version);
    b.insert_header((
        header::LOCATION,
        format!("/api/v1/working-rules/{}", row.id),
    ));
    Ok(b.json(service::ClosureDeclared {
        rule: WorkingRule::new(row, &state.clock),
        recomputed_requests: recomputed,
    }))
}
