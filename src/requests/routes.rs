//! `/requests`: filing, listing, reading, history, and the actions of the state machine.

use actix_web::http::header::{self, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::{get, patch, post, web, HttpResponse};
use serde::Serialize;

use crate::audit::views::AccessLog;
use crate::audit::{self, Trail};
use crate::auth::access::Scope;
use crate::auth::{AuthUser, ChangeContext};
use crate::domain::identity::Role;
use crate::domain::status::{Action, RequestStatus};
use crate::error::{ApiError, ApiResult, ErrorCode, Problem};
use crate::http::etag::etag;
use crate::http::etag::{with_etag, IfMatch};
use crate::http::idempotency::{IdempotencyKey, Recorded};
use crate::http::json::Json;
use crate::http::pagination::{PageParams, Paginated};
use crate::requests::correction::{self, CorrectRequest, Corrected};
use crate::requests::model::{
    CreateRequest, ExportParams, NewRejection, NoteBody, ReasonBody, ReissueBody, RejectBody,
    RequestFilter,
};
use crate::requests::service::{self, Transition};
use crate::requests::store;
use crate::requests::views::{HistoryEntry, HistoryList, RequestView};
use crate::requests::Effects;
use crate::state::AppState;
use crate::validate::Issues;

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(create)
        .service(export)
        .service(list)
        .service(get_one)
        .service(correct)
        .service(history)
        .service(access_log)
        .service(review)
        .service(reject)
        .service(withdraw)
        .service(reopen)
        .service(request_reissue);
}

fn ok_with_etag(status: StatusCode, version: i64, body: &RequestView) -> HttpResponse {
    let mut b = HttpResponse::build(status);
    with_etag(&mut b, version);
    b.json(body)
}

/// File a request.
///
/// File a plate-removal request. Roles: `agency`.
///
/// Answers 201 with `Location`, `ETag` and the request, including its `tracking_code` and
/// `status: submitted`. Honours `Idempotency-Key` (per user, 24 h): a retry with the same key
/// and body replays the first response; the same key with another body is 422
/// `idempotency_key_reused`; one still in flight is 409 `idempotency_in_flight`. A vehicle
/// (same plate, VIN or chassis number; a VIN and a chassis number are compared with each
/// other too) may have one open request only: another is 409 `duplicate`. To the caller's own
/// agency it names the open request's `existing_tracking_code`. When the open request is
/// another agency's, the answer names no request and no agency (no tracking code, no id): it
/// says only that the vehicle has an open request elsewhere and that the directorate has been
/// told — the agency must learn why its filing failed, not whose request holds the vehicle —
/// and the collision is recorded for the directorate (`GET /vehicle-conflicts`, audit entry
/// `vehicle_conflict.recorded`).
///
/// The vehicle is identified by `vehicle.vin` (ISO 3779, checked only when given) or
/// `vehicle.chassis_number` (free format, 5–25 characters after normalisation) or both; with
/// neither, 422 names `vehicle.chassis_number`. Every invalid field is named at once.
#[utoipa::path(
    operation_id = "create_request",
    tag = "requests",
    request_body = CreateRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes retries safe (1–255 visible ASCII characters).")),
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Filed.", body = RequestView,
         headers(("Location" = String, description = "The new request's URL"), ("ETag" = String, description = "Its version"))),
        (status = 409, description = "An open request exists for this vehicle (`duplicate`: with `existing_tracking_code` when it is the caller's agency's; naming nothing when it is another agency's, whose collision the directorate then sees at `GET /vehicle-conflicts`), or the idempotency key is in flight (`idempotency_in_flight`).", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields (`validation_failed`), each named in `errors`: e.g. `vehicle.plate` (`invalid_plate`: shape, letter, region, or not a car plate), `vehicle.vin` (`invalid_vin`), `vehicle.chassis_number` (`invalid_chassis_number`, or `required` when neither a VIN nor a chassis number is given).", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/requests")]
pub async fn create(
    state: web::Data<AppState>,
    effects: web::Data<Effects>,
    user: AuthUser,
    idem: IdempotencyKey,
    body: Json<CreateRequest>,
) -> ApiResult<HttpResponse> {
    let clock = state.clock;
    user.require(&[Role::Agency])?;
    let (input, hash) = body.into_parts()?;
    let new = service::validate(input, &state.config, state.clock.today())?;
    let config = state.config.clone();
    let call = idem.call(&user.id, "POST /requests", hash);
    let vehicle = service::refused_vehicle(&new);
    let filer = user.clone();
    let filed = state
        .idempotent(call, move |c| {
            let view = service::create(c, &config, &clock, &effects, &user, new)?;
            Recorded::created(
                &view,
                format!("/api/v1/requests/{}", view.id),
                etag(view.version),
            )
        })
        .await;
    match filed {
        Err(e) if e.code() == ErrorCode::Duplicate => {
            let noted = state
                .tx(move |c| service::note_refused_filing(c, &clock, &filer, &vehicle))
                .await?;
            Err(if noted { service::held_elsewhere() } else { e })
        }
        other => other,
    }
}

/// List requests.
///
/// List requests, newest first. Roles: `agency` (own organisation only), `directorate`,
/// `registry`, `admin`; `police` get 403.
#[utoipa::path(
    operation_id = "list_requests",
    tag = "requests",
    params(RequestFilter, PageParams),
    security(("bearer" = [])),
    responses((status = 200, description = "A page of requests.", body = Paginated<RequestView>))
)]
#[get("/requests")]
pub async fn list(
    state: web::Data<AppState>,
    trail: web::Data<Trail>,
    user: AuthUser,
    filter: web::Query<RequestFilter>,
    page: web::Query<PageParams>,
) -> ApiResult<HttpResponse> {
    let clock = state.clock;
    let scope = Scope::requests(&user)?;
    let page = page.page()?;
    let filter = filter.into_inner();
    // The list carries contacts' names and mobiles: the read is audited with its filter and
    // how many rows it returned (never the rows).
    let asked = list_audit_filter(&filter, &page);
    let query = filter.into_query(scope, &page, &state.clock)?;
    let config = state.config.clone();
    let actor = audit::Actor::of(&user);
    let (keys, views) = state
        .read(move |conn| service::list(conn, &config, &clock, &user, &query))
        .await?;
    let rows = views
        .len()
        .min(usize::try_from(page.limit).unwrap_or(usize::MAX));
    queue_listed(&trail, &actor, asked, rows);
    Ok(HttpResponse::Ok().json(Paginated::from_keyed(keys, views, page.limit)))
}

/// Export requests.
///
/// The request list as a file people open: `format=csv` (default; UTF-8 with a byte-order
/// mark, so that Excel shows Persian text) or `format=xlsx` (an Excel workbook: a
/// right-to-left sheet, a frozen header row, the filing day and SLA due day as date cells,
/// each with its Jalali twin). The same filter as the list, newest first, at most 10,000 rows
/// (narrow the filter for more). Headers in Persian with `lang=fa` (or `Accept-Language: fa`;
/// the workbook's default) or English (`lang=en`; the CSV's default). Audited like the list.
/// Roles: as for the list.
#[utoipa::path(
    operation_id = "export_requests",
    tag = "requests",
    params(RequestFilter, ExportParams),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The requests as a file.", content(
            (String = "text/csv"),
            (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        )),
        (status = 400, description = "An invalid filter, `format` or `lang` (`invalid_query`).", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/requests/export")]
pub async fn export(
    req: actix_web::HttpRequest,
    state: web::Data<AppState>,
    trail: web::Data<Trail>,
    user: AuthUser,
    filter: web::Query<RequestFilter>,
    params: web::Query<ExportParams>,
) -> ApiResult<HttpResponse> {
    use crate::http::table::download;
    let clock = state.clock;
    let scope = Scope::requests(&user)?;
    let params = params.into_inner();
    let xlsx = export_is_xlsx(params.format.as_deref())?;
    let lang = export_language(&req, params.lang.as_deref(), xlsx)?;
    let filter = filter.into_inner();
    let asked = export_audit_filter(&filter, xlsx);
    let page = crate::http::pagination::Page {
        limit: service::EXPORT_MAX_ROWS,
        after: None,
    };
    let query = filter.into_query(scope, &page, &state.clock)?;
    let config = state.config.clone();
    let actor = audit::Actor::of(&user);
    let (_, mut views) = state
        .read(move |conn| service::list(conn, &config, &clock, &user, &query))
        .await?;
    views.truncate(usize::try_from(service::EXPORT_MAX_ROWS).unwrap_or(usize::MAX));
    queue_listed(&trail, &actor, asked, views.len());
    let table = service::export_table(&clock, &views, lang);
    let sheet = lang.pick_text("درخواست‌ها", "Requests");
    download(&table, "requests", sheet, lang, xlsx, &[])
}

/// The export's `format`: `csv` (the default) or `xlsx` (true); anything else is 400.
fn export_is_xlsx(format: Option<&str>) -> ApiResult<bool> {
    match format {
        None | Some("csv") => Ok(false),
        Some("xlsx") => Ok(true),
        Some(other) => Err(ApiError::query_param(
            "format",
            "invalid_value",
            crate::i18n::Msg::new(
                format!("تنها «csv» یا «xlsx» را می‌پذیرد، نه «{other}»."),
                format!("must be csv or xlsx, not '{other}'."),
            ),
        )),
    }
}

/// The filter a list or an export was asked for, as its audit entry records it.
#[derive(Serialize)]
struct AskedFilter {
    status: Option<RequestStatus>,
    organisation_id: Option<String>,
    q: Option<String>,
    created_from: Option<String>,
    created_to: Option<String>,
    overdue: Option<bool>,
    batch_id: Option<String>,
}

impl AskedFilter {
    fn of(filter: &RequestFilter) -> Self {
        AskedFilter {
            status: filter.status,
            organisation_id: filter.organisation_id.clone(),
            q: filter.q.clone(),
            created_from: filter.created_from.clone(),
            created_to: filter.created_to.clone(),
            overdue: filter.overdue,
            batch_id: filter.batch_id.clone(),
        }
    }
}

/// What the list's audit entry records of the filter and the page asked for.
#[derive(Serialize)]
struct ListAsked {
    #[serde(flatten)]
    filter: AskedFilter,
    documents_overdue: Option<bool>,
    corrected: Option<bool>,
    limit: i64,
    /// Whether a cursor was given.
    after: bool,
}

fn list_audit_filter(filter: &RequestFilter, page: &crate::http::pagination::Page) -> ListAsked {
    ListAsked {
        filter: AskedFilter::of(filter),
        documents_overdue: filter.documents_overdue,
        corrected: filter.corrected,
        limit: page.limit,
        after: page.after.is_some(),
    }
}

/// The detail of `request.listed` (a list or an export): the filter asked for and how many
/// rows it returned, never the rows.
#[derive(Serialize)]
struct Listed<F> {
    filter: F,
    rows: usize,
}

/// The audit entry of a list or an export, queued.
fn queue_listed(trail: &Trail, actor: &audit::Actor, asked: impl Serialize, rows: usize) {
    trail.queue(
        audit::Entry::by(
            actor,
            audit::Action::RequestListed,
            audit::Subject::Request,
            "*",
        )
        .detail(Listed {
            filter: asked,
            rows,
        }),
    );
}

/// The export's language: `lang` when asked, else `Accept-Language`, else Persian for a
/// workbook and English for CSV.
fn export_language(
    req: &actix_web::HttpRequest,
    lang: Option<&str>,
    xlsx: bool,
) -> ApiResult<crate::http::table::Lang> {
    use crate::http::table::Lang;
    let accept_language = req
        .headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let default = if xlsx { Lang::Fa } else { Lang::En };
    crate::http::table::export_lang(lang, accept_language, default)
}

/// What the export's audit entry records of the filter.
#[derive(Serialize)]
struct ExportAsked {
    #[serde(flatten)]
    filter: AskedFilter,
    /// `csv` or `xlsx`.
    export: &'static str,
}

fn export_audit_filter(filter: &RequestFilter, xlsx: bool) -> ExportAsked {
    ExportAsked {
        filter: AskedFilter::of(filter),
        export: if xlsx { "xlsx" } else { "csv" },
    }
}

/// Get a request.
///
/// One request, with the actions the caller can take now and its `ETag`. Roles: as for the
/// list; another agency's request is 404.
#[utoipa::path(
    operation_id = "get_request",
    tag = "requests",
    params(("id" = uuid::Uuid, Path, description = "Request id")),
    security(("bearer" = [])),
    responses((status = 200, description = "The request.", body = RequestView, headers(("ETag" = String))))
)]
#[get("/requests/{id}")]
pub async fn get_one(
    state: web::Data<AppState>,
    trail: web::Data<Trail>,
    user: AuthUser,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let clock = state.clock;
    let scope = Scope::requests(&user)?;
    let id = id.into_inner();
    let config = state.config.clone();
    let trail = trail.get_ref().clone();
    let view = state
        .db(move |conn| {
            let view = service::view_visible(conn, &config, &clock, &user, &scope, &id)?;
            audit::service::note_read(
                conn,
                &trail,
                &user,
                audit::Action::RequestViewed,
                audit::Subject::Request,
                &view.id,
                &view.id,
            )?;
            Ok(view)
        })
        .await?;
    Ok(ok_with_etag(StatusCode::OK, view.version, &view))
}

/// Correct a request.
///
/// The owning agency corrects a request's `vehicle`, `letter`, `contact` or `representative`
/// (e.g. a mistyped chassis number) while it is `submitted`, `under_review`,
/// `awaiting_documents` or `returned_for_correction` (a permit revoked as `issued_in_error`);
/// never once a permit is issued (409 `invalid_transition`). Roles: `agency` (own requests;
/// another agency's is 404). `If-Match` is required (428 `precondition_required` without it,
/// 412 when stale).
///
/// Only the fields sent change (`representative` as a whole); every field is then validated
/// exactly as at filing, every invalid one named at once (422, e.g. `vehicle.chassis_number`).
/// A vehicle whose corrected plate, VIN or chassis number belongs to another open request is
/// 409 `duplicate`, as at filing. The status does not change; the version does. The history
/// gains an entry `correct` listing each changed field with its old and new value, the
/// request reads `corrected_since_review: true` with `corrected_fields` until the
/// directorate's next step on it, and `request.corrected` names the fields. A corrected
/// `contact.mobile` becomes the recipient of the request's SMS messages: the change is
/// recorded before it is made (the database refuses it otherwise), and messages still
/// pending for the old number go to the new one. A correction that changes nothing answers
/// the request as it is.
#[utoipa::path(
    operation_id = "correct_request",
    tag = "requests",
    params(
        ("id" = uuid::Uuid, Path, description = "Request id"),
        ("If-Match" = String, Header, description = "The `ETag` last read; required (428 without it, 412 when stale)."),
    ),
    request_body = CorrectRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Corrected; the request with its new `ETag`.", body = RequestView, headers(("ETag" = String))),
        (status = 403, description = "Not an agency user (`forbidden`).", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such request, or another agency's.", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not correctable in the current state (`invalid_transition`, with `current_status`), or the corrected vehicle has another open request (`duplicate`).", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Stale `If-Match` (`precondition_failed`).", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields as at filing (`validation_failed`, every field at once), or unknown fields.", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "No `If-Match` (`precondition_required`).", body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/requests/{id}")]
pub async fn correct(
    state: web::Data<AppState>,
    effects: web::Data<Effects>,
    user: AuthUser,
    id: web::Path<String>,
    if_match: IfMatch,
    body: Json<CorrectRequest>,
) -> ApiResult<HttpResponse> {
    user.require(Action::Correct.roles())?;
    let id = id.into_inner();
    service::ensure_visible(&state, &user, &id).await?;
    let patch = body.into_inner()?;
    let (config, clock) = (state.config.clone(), state.clock);
    let corrected = state
        .tx(move |c| {
            let ctx = ChangeContext::new(&user, &config, &clock, effects.get_ref());
            correction::correct(c, ctx, &id, if_match, patch)
        })
        .await?;
    match corrected {
        Corrected::Done(view) => Ok(acted(&view)),
        Corrected::Refused(e) => Err(e),
    }
}

/// Get a request's history.
///
/// Every transition of a request, oldest first (append-only). Roles: as for the list.
#[utoipa::path(
    operation_id = "get_request_history",
    tag = "requests",
    params(("id" = uuid::Uuid, Path, description = "Request id")),
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
    let clock = state.clock;
    let items = state
        .db(move |conn| {
            store::load_visible(conn, &scope, &id)?;
            let mut changes = correction::changes_of(conn, &id)?;
            Ok(store::history(conn, &id)?
                .into_iter()
                .map(|r| {
                    let corrected = changes.remove(&r.id).unwrap_or_default();
                    let mut entry = HistoryEntry::new(r, &clock);
                    entry.changes = corrected;
                    entry
                })
                .collect::<Vec<_>>())
        })
        .await?;
    Ok(HttpResponse::Ok().json(HistoryList { items }))
}

/// Who read or changed a request.
///
/// The request's access log, oldest first: every view of it and download of its documents,
/// every permit step (issue, revocation, receipt) from the audit trail, and every change of
/// its status from its history, each with who (id, kind, role, organisation), when, and for
/// audit entries the client address and `X-Request-Id`. Roles: `directorate`, `admin`.
#[utoipa::path(
    operation_id = "get_request_access_log",
    tag = "requests",
    params(("id" = uuid::Uuid, Path, description = "Request id")),
    security(("bearer" = [])),
    responses((status = 200, description = "The access log.", body = AccessLog))
)]
#[get("/requests/{id}/access-log")]
pub async fn access_log(
    state: web::Data<AppState>,
    trail: web::Data<Trail>,
    user: AuthUser,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    user.require(&[Role::Directorate, Role::Admin])?;
    let scope = Scope::requests(&user)?;
    let id = id.into_inner();
    // Reads recorded a moment ago are part of the answer.
    trail.flush(&state).await?;
    let clock = state.clock;
    let log = state
        .db(move |conn| service::access_log(conn, &clock, &scope, &id))
        .await?;
    Ok(HttpResponse::Ok().json(log))
}

/// Runs an action and answers with the updated request.
async fn act(
    state: web::Data<AppState>,
    effects: web::Data<Effects>,
    user: AuthUser,
    id: String,
    action: Action,
    if_match: IfMatch,
    note: Option<String>,
) -> ApiResult<HttpResponse> {
    let config = state.config.clone();
    let clock = state.clock;
    let view = state
        .tx(move |conn| {
            let t = Transition {
                user: &user,
                request_id: &id,
                action,
                if_match,
                note: note.as_deref(),
                at: clock.now(),
            };
            let row = service::transition(conn, &config, &clock, &effects, t, |_, _| Ok(()))?;
            service::view(conn, &config, &clock, &user, row)
        })
        .await?;
    Ok(acted(&view))
}

/// The answer to an action: the updated request with its `ETag` and `Content-Location`.
fn acted(view: &RequestView) -> HttpResponse {
    let mut resp = ok_with_etag(StatusCode::OK, view.version, view);
    resp.headers_mut().insert(
        header::CONTENT_LOCATION,
        HeaderValue::from_str(&format!("/api/v1/requests/{}", view.id))
            .unwrap_or(HeaderValue::from_static("/api/v1/requests")),
    );
    resp
}

/// An action whose body is one required text: visibility (404) first, then the text (422).
async fn act_with_text(
    state: web::Data<AppState>,
    effects: web::Data<Effects>,
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
    act(state, effects, user, id, action, if_match, Some(n)).await
}

fn note(field: &str, value: &str) -> ApiResult<String> {
    let mut issues = Issues::new();
    let v = issues.text(field, value, 1, 2000);
    issues.finish()?;
    Ok(v)
}

/// Take a request for review.
///
/// Take a submitted request for review: `submitted` → `under_review`; the caller becomes its
/// reviewer. Roles: `directorate`. Honours `If-Match`.
#[utoipa::path(
    operation_id = "review_request",
    tag = "requests",
    params(
        ("id" = uuid::Uuid, Path, description = "Request id"),
        ("If-Match" = String, Header, description = "The `ETag` last read; 412 when stale."),
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
    effects: web::Data<Effects>,
    user: AuthUser,
    id: web::Path<String>,
    if_match: IfMatch,
) -> ApiResult<HttpResponse> {
    user.require(Action::Review.roles())?;
    act(
        state,
        effects,
        user,
        id.into_inner(),
        Action::Review,
        if_match,
        None,
    )
    .await
}

/// Reject a request.
///
/// Reject: `under_review`, `awaiting_documents` or `removal_refused` → `rejected` (terminal).
/// Roles: `directorate`. Honours `If-Match`.
///
/// Takes a coded `reason_code` (`incomplete_documents`, `not_government_vehicle`,
/// `ownership_unclear`, `duplicate_request`, `other`; required) and the `reason` text. The code
/// is stored on the request (`rejection_reason`, with `rejection_reason_label_fa`) in the same
/// transaction as the transition and counted by `GET /reports/sla`; the text becomes the
/// history entry's note. A missing or unknown code is 422 naming `reason_code`.
#[utoipa::path(
    operation_id = "reject_request",
    tag = "requests",
    params(
        ("id" = uuid::Uuid, Path, description = "Request id"),
        ("If-Match" = String, Header, description = "The `ETag` last read; 412 when stale."),
    ),
    request_body = RejectBody,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Rejected.", body = RequestView),
        (status = 409, description = "Not allowed in the current state (`invalid_transition`).", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Stale `If-Match`.", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`reason_code` missing or unknown, or `reason` empty or too long (`validation_failed`, every field at once).", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/requests/{id}/reject")]
pub async fn reject(
    state: web::Data<AppState>,
    effects: web::Data<Effects>,
    user: AuthUser,
    id: web::Path<String>,
    if_match: IfMatch,
    body: Json<RejectBody>,
) -> ApiResult<HttpResponse> {
    let clock = state.clock;
    user.require(Action::Reject.roles())?;
    let id = id.into_inner();
    service::ensure_visible(&state, &user, &id).await?;
    let rejection = NewRejection::try_from(body.into_inner()?)?;
    let config = state.config.clone();
    let view = state
        .tx(move |c| {
            let ctx = ChangeContext::new(&user, &config, &clock, effects.get_ref());
            service::reject(c, ctx, &id, if_match, rejection)
        })
        .await?;
    Ok(acted(&view))
}

/// Withdraw a request.
///
/// Withdraw: `submitted`, `under_review`, `awaiting_documents`, `permit_issued` (its permit is
/// revoked) or `permit_expired` → `withdrawn` (terminal). Roles: `agency` (own requests).
/// Honours `If-Match`.
#[utoipa::path(
    operation_id = "withdraw_request",
    tag = "requests",
    params(
        ("id" = uuid::Uuid, Path, description = "Request id"),
        ("If-Match" = String, Header, description = "The `ETag` last read; 412 when stale."),
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
    effects: web::Data<Effects>,
    user: AuthUser,
    id: web::Path<String>,
    if_match: IfMatch,
    body: Json<ReasonBody>,
) -> ApiResult<HttpResponse> {
    let text = body.into_inner().map(|b| b.reason);
    act_with_text(
        state,
        effects,
        user,
        id.into_inner(),
        Action::Withdraw,
        if_match,
        ("reason", text),
    )
    .await
}

/// Reopen a request.
///
/// Reopen review: `removal_refused` or `permit_expired` → `under_review` (the old permit stays
/// on record, expired or refused). Roles: `directorate`. Honours `If-Match`.
#[utoipa::path(
    operation_id = "reopen_request",
    tag = "requests",
    params(
        ("id" = uuid::Uuid, Path, description = "Request id"),
        ("If-Match" = String, Header, description = "The `ETag` last read; 412 when stale."),
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
    effects: web::Data<Effects>,
    user: AuthUser,
    id: web::Path<String>,
    if_match: IfMatch,
    body: Json<NoteBody>,
) -> ApiResult<HttpResponse> {
    let text = body.into_inner().map(|b| b.note);
    act_with_text(
        state,
        effects,
        user,
        id.into_inner(),
        Action::Reopen,
        if_match,
        ("note", text),
    )
    .await
}

/// Ask for a new permit.
///
/// The agency asks the directorate again: `permit_expired` → `under_review` (the permit's
/// validity ended with no receipt from the police), or `removal_refused` → `under_review` once
/// the cause of the police's refusal is resolved (e.g. the unpaid fines paid; `note` says how,
/// required then, else 422 naming `note`). The request goes back to its reviewer with a new
/// decision run of the SLA clock; the directorate then issues a new permit
/// (`POST /requests/{id}/permit`: a new number; the old permit stays expired or refused, and
/// `GET /permits/verify/{number}` says so). Roles: `agency` (own requests). Honours `If-Match`.
#[utoipa::path(
    operation_id = "request_reissue",
    tag = "requests",
    params(
        ("id" = uuid::Uuid, Path, description = "Request id"),
        ("If-Match" = String, Header, description = "The `ETag` last read; 412 when stale."),
    ),
    request_body = ReissueBody,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Back with the directorate, under review.", body = RequestView),
        (status = 409, description = "Not allowed in the current state (`invalid_transition`).", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Stale `If-Match`.", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`note` missing after a refusal, or empty or too long (`validation_failed`).", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/requests/{id}/request-reissue")]
pub async fn request_reissue(
    state: web::Data<AppState>,
    effects: web::Data<Effects>,
    user: AuthUser,
    id: web::Path<String>,
    if_match: IfMatch,
    body: Json<ReissueBody>,
) -> ApiResult<HttpResponse> {
    let action = Action::RequestReissue;
    user.require(action.roles())?;
    let id = id.into_inner();
    service::ensure_visible(&state, &user, &id).await?;
    let note = match body.into_inner()?.note {
        Some(text) => Some(note("note", &text)?),
        None => None,
    };
    if note.is_none() {
        // After a refusal the agency must say how its cause was resolved.
        let scope = Scope::request_actions(&user);
        let rid = id.clone();
        let current = state
            .db(move |conn| store::load_visible(conn, &scope, &rid))
            .await?;
        if current.status == crate::domain::status::RequestStatus::RemovalRefused {
            let mut issues = Issues::new();
            issues.push(crate::error::FieldIssue::new(
                "note",
                "required",
                "بنویسید علت عدم تأیید پلیس راهور (مانند جریمه‌های معوق) چگونه برطرف شده است.",
                "Say how the cause of the police's refusal (e.g. unpaid fines) was resolved.",
            ));
            issues.finish()?;
        }
    }
    act(state, effects, user, id, action, if_match, note).await
}
