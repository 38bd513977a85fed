//! `/requests`: filing, listing, reading, history, and the actions of the state machine.

use actix_web::http::header::{self, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};
use diesel::prelude::*;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use crate::auth::access::Scope;
use crate::auth::AuthUser;
use crate::clock::now;
use crate::db::schema::{request_sla, requests};
use crate::domain::identity::Role;
use crate::domain::plate::{Plate, KNOWN_LETTERS};
use crate::domain::status::{Action, RequestStatus};
use crate::domain::text::normalize_code;
use crate::domain::tracking::TrackingCode;
use crate::domain::vin::Vin;
use crate::error::{ApiError, ApiResult, Problem};
use crate::http::etag::etag;
use crate::http::etag::{with_etag, IfMatch};
use crate::http::idempotency::{IdempotencyKey, Recorded};
use crate::http::json::Json;
use crate::http::pagination::{PageParams, Paginated};
use crate::http::query_date;
use crate::requests::model::{
    CreateRequest, HistoryEntry, HistoryList, NoteBody, ReasonBody, RequestRow, RequestView,
};
use crate::requests::service::{self, Effects};
use crate::requests::store;
use crate::sla::clock::ClockState;
use crate::state::AppState;
use crate::validate::Issues;

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(create)
        .service(list)
        .service(get_one)
        .service(history)
        .service(review)
        .service(reject)
        .service(withdraw)
        .service(reopen);
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RequestFilter {
    /// Only requests in this status.
    pub status: Option<RequestStatus>,
    /// Only this agency's requests (directorate, registry and admin; agencies always see only
    /// their own).
    pub organisation_id: Option<String>,
    /// Exact look-up by tracking code, plate, VIN or letter number (Persian digits and Arabic
    /// letter forms are normalised).
    pub q: Option<String>,
    /// Filed on or after this date (ISO `2024-11-05` or Jalali `1403/08/15`, Tehran time).
    pub created_from: Option<String>,
    /// Filed on or before this date (ISO or Jalali, Tehran time).
    pub created_to: Option<String>,
    /// `true`: only requests whose SLA clock runs past its `due_at`; `false`: only the others.
    pub overdue: Option<bool>,
    /// `created_at` (default): newest first. `due_at`: most urgent first — only requests whose
    /// clock is running (others have no due date), earliest `due_at` first.
    pub sort: Option<RequestSort>,
}

/// The list's FROM clause: requests with their SLA clocks.
type ListSource = diesel::dsl::InnerJoinQuerySource<requests::table, request_sla::table>;
type Bool = diesel::sql_types::Bool;

/// Order of the request list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RequestSort {
    #[default]
    CreatedAt,
    DueAt,
}

fn ok_with_etag(status: StatusCode, version: i64, body: &RequestView) -> HttpResponse {
    let mut b = HttpResponse::build(status);
    with_etag(&mut b, version);
    b.json(body)
}

/// File a plate-removal request. Roles: `agency`.
///
/// Answers 201 with `Location`, `ETag` and the request, including its `tracking_code` and
/// `status: submitted`. Honours `Idempotency-Key` (per user, 24 h): a retry with the same key
/// and body replays the first response; the same key with another body is 422
/// `idempotency_key_reused`; one still in flight is 409 `idempotency_in_flight`. A vehicle
/// (same VIN or plate) may have one open request only: another is 409 `duplicate` (naming the
/// open request's `existing_tracking_code` when it is the caller's own agency's).
#[utoipa::path(
    tag = "requests",
    request_body = CreateRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes retries safe (1–255 visible ASCII characters).")),
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Filed.", body = RequestView,
         headers(("Location" = String, description = "The new request's URL"), ("ETag" = String, description = "Its version"))),
        (status = 409, description = "An open request exists for this vehicle (`duplicate`), or the idempotency key is in flight (`idempotency_in_flight`).", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/requests")]
pub async fn create(
    state: web::Data<AppState>,
    user: AuthUser,
    idem: IdempotencyKey,
    body: Json<CreateRequest>,
) -> ApiResult<HttpResponse> {
    user.require(&[Role::Agency])?;
    let (input, hash) = body.into_parts()?;
    let new = service::validate(input, &state.config, state.clock.today())?;
    let config = state.config.clone();
    let call = idem.call(&user.id, "POST /requests", hash);
    state
        .idempotent(call, move |c| {
            let view = service::create(c, &config, &user, new)?;
            Recorded::created(
                &view,
                format!("/api/v1/requests/{}", view.id),
                etag(view.version),
            )
        })
        .await
}

/// Parses the `q` search into the columns it may match.
fn search_terms(q: &str) -> (Option<String>, Option<String>, Option<String>, String) {
    let tracking = TrackingCode::parse(q).map(|t| t.as_str().to_owned());
    let letters: Vec<String> = KNOWN_LETTERS.iter().map(|s| s.to_string()).collect();
    let plate = Plate::parse(q, &letters).ok().map(|p| p.canonical());
    let vin = Vin::parse(q).map(|v| v.as_str().to_owned());
    (tracking, plate, vin, normalize_code(q))
}

/// List requests, newest first. Roles: `agency` (own organisation only), `directorate`,
/// `registry`, `admin`; `police` get 403.
#[utoipa::path(
    tag = "requests",
    params(RequestFilter, PageParams),
    security(("bearer" = [])),
    responses((status = 200, description = "A page of requests.", body = Paginated<RequestView>))
)]
#[get("/requests")]
pub async fn list(
    state: web::Data<AppState>,
    user: AuthUser,
    filter: web::Query<RequestFilter>,
    page: web::Query<PageParams>,
) -> ApiResult<HttpResponse> {
    let scope = Scope::requests(&user)?;
    let page = page.page()?;
    let f = filter.into_inner();
    let clock = state.clock;
    let from =
        query_date("created_from", f.created_from.as_deref())?.map(|d| clock.day_start_utc(d));
    let to = query_date("created_to", f.created_to.as_deref())?
        .and_then(|d| d.succ_opt())
        .map(|d| clock.day_start_utc(d));
    let config = state.config.clone();
    let sort = f.sort.unwrap_or_default();
    let due_after = match sort {
        RequestSort::DueAt => page.after_due()?,
        RequestSort::CreatedAt => None,
    };
    let at = now();
    let (rows, views) = state
        .db(move |conn| {
            let mut q = requests::table
                .inner_join(request_sla::table)
                .select(RequestRow::as_select())
                .limit(page.limit + 1)
                .into_boxed();
            q = match sort {
                RequestSort::CreatedAt => q.order(requests::id.desc()),
                RequestSort::DueAt => q
                    .filter(request_sla::clock.eq(ClockState::Running))
                    .order((request_sla::due_at.asc(), requests::id.asc())),
            };
            match f.overdue {
                Some(true) => {
                    q = q
                        .filter(request_sla::clock.eq(ClockState::Running))
                        .filter(request_sla::due_at.lt(at))
                }
                Some(false) => {
                    q = q.filter(
                        request_sla::clock
                            .ne(ClockState::Running)
                            .or(request_sla::due_at.ge(at).assume_not_null()),
                    )
                }
                None => {}
            }
            match &scope {
                Scope::Organisation(org) => q = q.filter(requests::organisation_id.eq(org.clone())),
                Scope::All => {
                    if let Some(org) = &f.organisation_id {
                        q = q.filter(requests::organisation_id.eq(org.clone()));
                    }
                }
            }
            if let Some(s) = f.status {
                q = q.filter(requests::status.eq(s));
            }
            if let Some(text) = f.q.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
                let (tracking, plate, vin, letter) = search_terms(text);
                let mut cond: Box<dyn BoxableExpression<ListSource, _, SqlType = Bool>> =
                    Box::new(requests::letter_number.eq(letter));
                if let Some(t) = tracking {
                    cond = Box::new(cond.or(requests::tracking_code.eq(t)));
                }
                if let Some(p) = plate {
                    cond = Box::new(cond.or(requests::plate.eq(p)));
                }
                if let Some(v) = vin {
                    cond = Box::new(cond.or(requests::vin.eq(v)));
                }
                q = q.filter(cond);
            }
            if let Some(start) = from {
                q = q.filter(requests::created_at.ge(start));
            }
            if let Some(end) = to {
                q = q.filter(requests::created_at.lt(end));
            }
            match (&due_after, &page.after) {
                (Some((due, id)), _) => {
                    q = q.filter(
                        request_sla::due_at
                            .gt(*due)
                            .or(request_sla::due_at
                                .eq(*due)
                                .and(requests::id.gt(id.clone())))
                            .assume_not_null(),
                    )
                }
                (None, Some(after)) => q = q.filter(requests::id.lt(after.clone())),
                (None, None) => {}
            }
            let rows: Vec<RequestRow> = q.load(conn)?;
            let views = service::views(conn, &config, &user, rows)?;
            let keys: Vec<String> = views
                .iter()
                .map(|v| match (sort, v.sla.due_at) {
                    (RequestSort::DueAt, Some(due)) => {
                        format!("{}:{}", due.timestamp_micros(), v.id)
                    }
                    _ => v.id.clone(),
                })
                .collect();
            Ok((keys, views))
        })
        .await?;
    Ok(HttpResponse::Ok().json(Paginated::from_keyed(rows, views, page.limit)))
}

/// One request, with the actions the caller can take now and its `ETag`. Roles: as for the
/// list; another agency's request is 404.
#[utoipa::path(
    tag = "requests",
    params(("id" = String, Path, description = "Request id")),
    security(("bearer" = [])),
    responses((status = 200, description = "The request.", body = RequestView, headers(("ETag" = String))))
)]
#[get("/requests/{id}")]
pub async fn get_one(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let scope = Scope::requests(&user)?;
    let id = id.into_inner();
    let config = state.config.clone();
    let view = state
        .db(move |conn| {
            let row = store::load_visible(conn, &scope, &id)?;
            service::view(conn, &config, &user, row)
        })
        .await?;
    Ok(ok_with_etag(StatusCode::OK, view.version, &view))
}

/// Every transition of a request, oldest first (append-only). Roles: as for the list.
#[utoipa::path(
    tag = "requests",
    params(("id" = String, Path, description = "Request id")),
    security(("bearer" = [])),
    responses((status = 200, description = "The history.", body = HistoryList))
)]
#[get("/requests/{id}/history")]
pub async fn history(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let scope = Scope::requests(&user)?;
    let id = id.into_inner();
    let items = state
        .db(move |conn| {
            store::load_visible(conn, &scope, &id)?;
            Ok(store::history(conn, &id)?
                .into_iter()
                .map(HistoryEntry::from)
                .collect::<Vec<_>>())
        })
        .await?;
    Ok(HttpResponse::Ok().json(HistoryList { items }))
}

/// Runs an action and answers with the updated request.
async fn act(
    state: web::Data<AppState>,
    user: AuthUser,
    id: String,
    action: Action,
    if_match: IfMatch,
    note: Option<String>,
    effects: Effects,
) -> ApiResult<HttpResponse> {
    let config = state.config.clone();
    let view = state
        .tx(move |conn| {
            let row = service::apply(
                conn,
                &config,
                &user,
                &id,
                action,
                if_match,
                note.as_deref(),
                effects,
                now(),
                |_, _| Ok(()),
            )?;
            service::view(conn, &config, &user, row)
        })
        .await?;
    let mut resp = ok_with_etag(StatusCode::OK, view.version, &view);
    resp.headers_mut().insert(
        header::CONTENT_LOCATION,
        HeaderValue::from_str(&format!("/api/v1/requests/{}", view.id))
            .unwrap_or(HeaderValue::from_static("/api/v1/requests")),
    );
    Ok(resp)
}

/// An action whose body is one required text: visibility (404) first, then the text (422).
async fn act_with_text(
    state: web::Data<AppState>,
    user: AuthUser,
    id: String,
    action: Action,
    if_match: IfMatch,
    text: (&str, Result<String, ApiError>),
) -> ApiResult<HttpResponse> {
    user.require(action.roles())?;
    service::ensure_visible(&state, &user, &id).await?;
    let (field, value) = text;
    let n = note(field, &value?)?;
    act(
        state,
        user,
        id,
        action,
        if_match,
        Some(n),
        Effects::default(),
    )
    .await
}

fn note(field: &str, value: &str) -> ApiResult<String> {
    let mut issues = Issues::new();
    let v = issues.text(field, value, 1, 2000);
    issues.finish()?;
    Ok(v)
}

/// Take a submitted request for review: `submitted` → `under_review`; the caller becomes its
/// reviewer. Roles: `directorate`. Honours `If-Match`.
#[utoipa::path(
    tag = "requests",
    params(
        ("id" = String, Path, description = "Request id"),
        ("If-Match" = Option<String>, Header, description = "The `ETag` last read; 412 when stale."),
    ),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Now under review.", body = RequestView),
        (status = 409, description = "Not allowed in the current state (`invalid_transition`, with `current_status`).", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Stale `If-Match`.", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/requests/{id}/review")]
pub async fn review(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    if_match: IfMatch,
) -> ApiResult<HttpResponse> {
    user.require(Action::Review.roles())?;
    let effects = Effects {
        reviewer: Some(user.id.clone()),
    };
    act(
        state,
        user,
        id.into_inner(),
        Action::Review,
        if_match,
        None,
        effects,
    )
    .await
}

/// Reject: `under_review`, `awaiting_documents` or `removal_refused` → `rejected` (terminal).
/// Roles: `directorate`. Honours `If-Match`.
#[utoipa::path(
    tag = "requests",
    params(
        ("id" = String, Path, description = "Request id"),
        ("If-Match" = Option<String>, Header, description = "The `ETag` last read; 412 when stale."),
    ),
    request_body = ReasonBody,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Rejected.", body = RequestView),
        (status = 409, description = "Not allowed in the current state (`invalid_transition`).", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Stale `If-Match`.", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/requests/{id}/reject")]
pub async fn reject(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    if_match: IfMatch,
    body: Json<ReasonBody>,
) -> ApiResult<HttpResponse> {
    let text = body.into_inner().map(|b| b.reason);
    act_with_text(
        state,
        user,
        id.into_inner(),
        Action::Reject,
        if_match,
        ("reason", text),
    )
    .await
}

/// Withdraw: `submitted`, `under_review` or `awaiting_documents` → `withdrawn` (terminal).
/// Roles: `agency` (own requests). Honours `If-Match`.
#[utoipa::path(
    tag = "requests",
    params(
        ("id" = String, Path, description = "Request id"),
        ("If-Match" = Option<String>, Header, description = "The `ETag` last read; 412 when stale."),
    ),
    request_body = ReasonBody,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Withdrawn.", body = RequestView),
        (status = 409, description = "Not allowed in the current state (`invalid_transition`).", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Stale `If-Match`.", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/requests/{id}/withdraw")]
pub async fn withdraw(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    if_match: IfMatch,
    body: Json<ReasonBody>,
) -> ApiResult<HttpResponse> {
    let text = body.into_inner().map(|b| b.reason);
    act_with_text(
        state,
        user,
        id.into_inner(),
        Action::Withdraw,
        if_match,
        ("reason", text),
    )
    .await
}

/// Reopen review: `removal_refused` → `under_review`, or `permit_issued` → `under_review` once
/// its permit expired unused (the old permit stays on record). Roles: `directorate`.
/// Honours `If-Match`.
#[utoipa::path(
    tag = "requests",
    params(
        ("id" = String, Path, description = "Request id"),
        ("If-Match" = Option<String>, Header, description = "The `ETag` last read; 412 when stale."),
    ),
    request_body = NoteBody,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Back under review.", body = RequestView),
        (status = 409, description = "Not allowed in the current state (`invalid_transition`).", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Stale `If-Match`.", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/requests/{id}/reopen")]
pub async fn reopen(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    if_match: IfMatch,
    body: Json<NoteBody>,
) -> ApiResult<HttpResponse> {
    let text = body.into_inner().map(|b| b.note);
    act_with_text(
        state,
        user,
        id.into_inner(),
        Action::Reopen,
        if_match,
        ("note", text),
    )
    .await
}
