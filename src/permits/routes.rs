//! `/requests/{id}/permit`, `/requests/{id}/registration`, `/permits`, the police's receipts
//! and the public permit verification.

use actix_web::http::{header, StatusCode};
use actix_web::{get, post, web, HttpRequest, HttpResponse};

use crate::auth::access::Scope;
use crate::auth::AuthUser;
use crate::domain::identity::Role;
use crate::domain::status::Action;
use crate::domain::tracking::TrackingCode;
use crate::error::{ApiError, ApiResult, Problem};
use crate::http::client::client_ip;
use crate::http::etag::{etag, with_etag, IfMatch};
use crate::http::idempotency::{IdempotencyKey, Recorded};
use crate::http::json::Json;
use crate::http::middleware::PagePolicy;
use crate::http::pagination::{PageParams, Paginated};
use crate::permits::model::{
    IssuePermit, NewPermit, NewReceipt, NewRegistration, NewRevocation, PermitFilter, PostReceipt,
    PostRegistration, RevokePermit, Validity,
};
use crate::permits::print::PrintContext;
use crate::permits::service;
use crate::permits::store::ListQuery;
use crate::permits::views::{PermitVerification, PermitView};
use crate::requests::model::RequestView;
use crate::requests::service::ensure_visible;
use crate::state::AppState;

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(issue)
        .service(register)
        .service(verify)
        .service(list)
        .service(get_one)
        .service(print)
        .service(post_receipt)
        .service(revoke);
}

/// Issue a permit.
///
/// Issue the plate-removal permit (recorded in the national vehicle system and sent to the
/// police): `under_review` → `permit_issued`. Roles: `directorate`. Honours `If-Match` (the
/// request's `ETag`).
#[utoipa::path(
    operation_id = "issue_permit",
    tag = "permits",
    params(
        ("id" = uuid::Uuid, Path, description = "Request id"),
        ("If-Match" = Option<String>, Header, description = "The request's `ETag` last read; 412 when stale."),
    ),
    request_body = IssuePermit,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Issued; `Location` is the permit.", body = PermitView),
        (status = 409, description = "Not allowed in the current state (`invalid_transition`) or the national permit number is taken (`duplicate`).", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Stale `If-Match`.", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/requests/{id}/permit")]
pub async fn issue(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    if_match: IfMatch,
    body: Json<IssuePermit>,
) -> ApiResult<HttpResponse> {
    let clock = state.clock;
    user.require(Action::IssuePermit.roles())?;
    ensure_visible(&state, &user, &id).await?;
    let validity = Validity {
        now: clock.now(),
        clock: state.clock,
        max_days: state.config.permit_max_validity_days,
    };
    let new = NewPermit::try_from((body.into_inner()?, &validity))?;
    let config = state.config.clone();
    let permit = state
        .tx(move |c| service::issue(c, &config, &clock, &user, &id, if_match, new))
        .await?;
    let mut b = HttpResponse::build(StatusCode::CREATED);
    b.insert_header((header::LOCATION, permit.location()));
    with_etag(&mut b, permit.version);
    Ok(b.json(permit))
}

/// Record the registration.
///
/// Record the removal in the national vehicle system: `plate_removed` → `completed`.
/// Roles: `directorate`, `registry`. Honours `If-Match` (the request's `ETag`).
#[utoipa::path(
    operation_id = "record_registration",
    tag = "permits",
    params(
        ("id" = uuid::Uuid, Path, description = "Request id"),
        ("If-Match" = Option<String>, Header, description = "The request's `ETag` last read; 412 when stale."),
    ),
    request_body = PostRegistration,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Completed.", body = RequestView),
        (status = 409, description = "Not allowed in the current state (`invalid_transition`) or the registration number is taken (`duplicate`).", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Stale `If-Match`.", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/requests/{id}/registration")]
pub async fn register(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    if_match: IfMatch,
    body: Json<PostRegistration>,
) -> ApiResult<HttpResponse> {
    let clock = state.clock;
    user.require(Action::Register.roles())?;
    ensure_visible(&state, &user, &id).await?;
    let new = NewRegistration::try_from((body.into_inner()?, clock.now()))?;
    let config = state.config.clone();
    let view: RequestView = state
        .tx(move |c| service::register(c, &config, &clock, &user, &id, if_match, new))
        .await?;
    let mut b = HttpResponse::Ok();
    b.insert_header((header::ETAG, etag(view.version)));
    Ok(b.json(view))
}

/// List permits.
///
/// List permits: those waiting for the police first, then newest first. Roles: `directorate`,
/// `admin`, `registry`, `police` (all permits, which are all addressed to the police);
/// `agency` (its own requests' permits). Revoked permits rank with those acted on; the
/// police's list leaves them out unless `status=revoked` or `updated_since` is given.
#[utoipa::path(
    operation_id = "list_permits",
    tag = "permits",
    params(PermitFilter, PageParams),
    security(("bearer" = [])),
    responses((status = 200, description = "A page of permits.", body = Paginated<PermitView>))
)]
#[get("/permits")]
pub async fn list(
    state: web::Data<AppState>,
    user: AuthUser,
    filter: web::Query<PermitFilter>,
    page: web::Query<PageParams>,
) -> ApiResult<HttpResponse> {
    let page = page.page()?;
    let filter = filter.into_inner();
    let query = ListQuery {
        scope: Scope::permits(&user),
        status: filter.status,
        updated_since: filter.updated_since.map(|t| t.naive_utc()),
        after: page.after_ranked()?,
        limit: page.limit,
        at: state.clock.now(),
        police_queue: user.role == Role::Police,
    };
    let clock = state.clock;
    let (keys, views) = state
        .read(move |c| service::list(c, &clock, &query))
        .await?;
    Ok(HttpResponse::Ok().json(Paginated::from_keyed(keys, views, page.limit)))
}

/// Get a permit.
///
/// One permit with its receipt. Roles: as for the list; another agency's permit is 404.
#[utoipa::path(
    operation_id = "get_permit",
    tag = "permits",
    params(("id" = uuid::Uuid, Path, description = "Permit id")),
    security(("bearer" = [])),
    responses((status = 200, description = "The permit.", body = PermitView, headers(("ETag" = String))))
)]
#[get("/permits/{id}")]
pub async fn get_one(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let (scope, clock) = (Scope::permits(&user), state.clock);
    let permit = state
        .db(move |c| service::get(c, &clock, &scope, &id))
        .await?;
    let mut b = HttpResponse::Ok();
    with_etag(&mut b, permit.version);
    Ok(b.json(permit))
}

/// Print a permit.
///
/// The permit as one printable page (`text/html; charset=utf-8`) for A4 or A5 paper, laid out
/// as an official order: right to left, Persian digits, Solar Hijri dates in
/// `SERVICE_TIMEZONE`; the letterhead (`ORDER_MINISTRY_LINE`, `DIRECTORATE_NAME`,
/// `ORDER_PROVINCE`), the number/date/attachment block (شماره، تاریخ، پیوست), the addressee
/// (`ORDER_ADDRESSEE`), the body from the administrator's template (`/permit-template`: agency
/// and its legal id, the vehicle by type, make, model, colour, plate, VIN or chassis number,
/// the reason, the agency's letter number and date, the representative, the validity; passages
/// whose data is not on file are left out), the signatory (the issuing user's name and post as
/// at issue), then for the roadside check the agency, the vehicle (its plate drawn as an
/// Iranian plate, VIN or chassis number, engine number, make, model, year, type, colour), the
/// representative (name, national code), the validity, the permit and national permit
/// numbers, and a QR code (inline SVG) of the public verification URL
/// `PUBLIC_BASE_URL/api/v1/permits/verify/<permit_number>`. The page loads nothing (styles
/// inline, allowed by hash in its own `Content-Security-Policy`; system fonts; no script).
///
/// A permit that may not be acted on (`revoked`, `expired`, `used`, `refused`) prints with a
/// diagonal watermark on every page (`باطل شده`, `منقضی شده`, `استفاده شده`, `فاقد اعتبار`), a
/// banner saying it has no validity and why, and its validity struck through.
///
/// Roles: `directorate`, `police`, `admin`, and the owning `agency` (another agency's permit is
/// 404, as with `GET /permits/{id}`); `registry` 403.
#[utoipa::path(
    operation_id = "print_permit",
    tag = "permits",
    params(("id" = uuid::Uuid, Path, description = "Permit id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The printable page.", content_type = "text/html", body = String, example = "<!DOCTYPE html><html dir=\"rtl\" lang=\"fa\">…</html>"),
        (status = 403, description = "The caller's role may not print permits (`forbidden`).", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such permit, or another agency's (`not_found`).", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/permits/{id}/print")]
pub async fn print(
    state: web::Data<AppState>,
    trail: web::Data<crate::audit::Trail>,
    user: AuthUser,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let scope = Scope::printable_permits(&user)?;
    let clock = state.clock;
    let trail = trail.get_ref().clone();
    let (permit, facts, order_body) = state
        .db(move |c| {
            let permit = service::get(c, &clock, &scope, &id)?;
            crate::audit::service::note_read(
                c,
                &trail,
                &user,
                crate::audit::Action::PermitPrinted,
                crate::audit::Subject::Permit,
                &permit.id,
                &permit.request_id,
            )?;
            let facts = crate::permits::order_template::facts(c, &permit.request_id)?;
            let body = crate::permits::order_template::body_in_effect(c)?;
            Ok((permit, facts, body))
        })
        .await?;
    let config = &state.config;
    let ctx = PrintContext {
        directorate_name: config.directorate_name.as_str(),
        ministry_line: config.order_ministry_line.as_str(),
        province: config.order_province.as_str(),
        addressee: config.order_addressee.as_str(),
        order_body: &order_body,
        facts: &facts,
        public_base_url: state.config.public_base_url.as_str(),
        clock: &clock,
        printed_at: clock.now(),
    };
    let page = crate::permits::print::render(&permit, &ctx)?;
    let mut res = HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .body(page.html);
    res.extensions_mut().insert(PagePolicy(page.csp));
    Ok(res)
}

/// Post the police's receipt.
///
/// Post the police's receipt: `removed` moves the request to `plate_removed` (permit `used`;
/// `plates_count` required, `notes` when it is 1), `refused` to `removal_refused` (permit
/// `refused`; `refusal_reason` required, `notes` when it is `other`). Roles: `police`.
///
/// Judged by the removal time: accepted when `occurred_at` lies from 5 minutes before
/// `issued_at` to 5 minutes after `valid_until` and is at most 5 minutes in the future, however
/// late it is posted (after the permit expired too); otherwise 422 on `occurred_at`
/// (`before_issue`, `after_validity`, `future_date`). Posted more than `RECEIPT_LATE_DAYS`
/// (default 30) after `valid_until`, it needs `notes` (422 `late_receipt`).
///
/// Honours `Idempotency-Key` (per user, 24 h): an identical retry replays the 201; the same key
/// with another body is 422 `idempotency_key_reused`. A second receipt for the same permit is
/// 409 `duplicate`; a receipt on a revoked permit is 409 `permit_revoked`; on a permit replaced
/// by a newer one (after a reopen) 409 `conflict`. Honours `If-Match` (the permit's `ETag`).
#[utoipa::path(
    operation_id = "post_receipt",
    tag = "permits",
    params(
        ("id" = uuid::Uuid, Path, description = "Permit id"),
        ("Idempotency-Key" = Option<String>, Header, description = "Makes retries safe (1–255 visible ASCII characters)."),
        ("If-Match" = Option<String>, Header, description = "The permit's `ETag` last read; 412 when stale."),
    ),
    request_body = PostReceipt,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Recorded; the permit with its receipt.", body = PermitView),
        (status = 409, description = "A receipt exists (`duplicate`), the permit was revoked (`permit_revoked`) or replaced by a newer one (`conflict`), or the key is in flight (`idempotency_in_flight`).", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields (`validation_failed`), all named at once; the removal time outside the permit's life (`before_issue`, `after_validity`, `future_date` on `occurred_at`) or a very late receipt without `notes` (`late_receipt`).", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Stale `If-Match`.", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/permits/{id}/receipt")]
pub async fn post_receipt(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    if_match: IfMatch,
    idem: IdempotencyKey,
    body: Json<PostReceipt>,
) -> ApiResult<HttpResponse> {
    let clock = state.clock;
    user.require(&[Role::Police])?;
    let (input, hash) = body.into_parts()?;
    let new = NewReceipt::try_from((input, clock.now()))?;
    let permit_id = id.into_inner();
    let call = idem.call(&user.id, format!("POST /permits/{permit_id}/receipt"), hash);
    let config = state.config.clone();
    state
        .idempotent(call, move |c| {
            let v = service::record_receipt(c, &config, &clock, &user, &permit_id, if_match, new)?;
            Recorded::created(&v, v.location(), etag(v.version))
        })
        .await
}

/// Revoke a permit.
///
/// Revoke (ابطال) a permit the police have not acted on: the permit becomes `revoked`, its
/// request returns from `permit_issued` to `under_review` (history entry `revoke`), and
/// `permit.revoked` tells the police, whose list then drops it. Roles: `directorate`.
/// `reason_code` `other` needs `notes`. Honours `If-Match` (the permit's `ETag`).
///
/// Refused with 409: a receipt was posted (`invalid_transition`, the request has moved on), the
/// permit is already revoked (`permit_revoked`) or was replaced by a newer one (`conflict`).
/// An agency withdrawing its request from `permit_issued` revokes the permit the same way,
/// with `request_withdrawn`.
#[utoipa::path(
    operation_id = "revoke_permit",
    tag = "permits",
    params(
        ("id" = uuid::Uuid, Path, description = "Permit id"),
        ("If-Match" = Option<String>, Header, description = "The permit's `ETag` last read; 412 when stale."),
    ),
    request_body = RevokePermit,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Revoked; the permit with its `revocation`.", body = PermitView),
        (status = 409, description = "A receipt exists or the request moved on (`invalid_transition`), already revoked (`permit_revoked`), or replaced by a newer permit (`conflict`).", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Stale `If-Match`.", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields (`validation_failed`): `reason_code` missing or unknown, `notes` missing for `other`.", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/permits/{id}/revoke")]
pub async fn revoke(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    if_match: IfMatch,
    body: Json<RevokePermit>,
) -> ApiResult<HttpResponse> {
    let clock = state.clock;
    user.require(Action::Revoke.roles())?;
    let new = NewRevocation::try_from(body.into_inner()?)?;
    let config = state.config.clone();
    let permit = state
        .tx(move |c| service::revoke(c, &config, &clock, &user, &id, if_match, new))
        .await?;
    let mut b = HttpResponse::Ok();
    with_etag(&mut b, permit.version);
    Ok(b.json(permit))
}

/// Verify a printed permit.
///
/// Check a printed permit: whether the number is genuine, still valid, and for which car.
/// **Public**, rate limited per client address (429 with `Retry-After`; every answer carries
/// `RateLimit-Policy: "verify";q=<look-ups per window>;w=60` and
/// `RateLimit: "verify";r=<look-ups left>;t=<seconds until the window resets>`); shows exactly `permit_number`, `status`,
/// `status_label_fa`, `valid_until`, `valid_until_jalali` and `plate_masked` (the plate with
/// its three middle digits hidden, `12الف***-67`), so that a genuine number cannot be shown for
/// another car, and nothing personal.
///
/// A number that cannot be right (not 12 digits, or a wrong check digit: a typing mistake) is
/// 422 `invalid_code`; a well-formed number that names no permit is 404 `not_found`.
#[utoipa::path(
    operation_id = "verify_permit",
    tag = "permits",
    params(("permit_number" = String, Path, description = "The permit number as printed (Persian digits, spaces and dashes accepted)")),
    responses(
        (status = 200, description = "The permit's status.", body = PermitVerification),
        (status = 404, description = "A well-formed number that names no permit (`not_found`).", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not a permit number: not 12 digits, or the check digit does not match — a typing mistake (`invalid_code`).", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many look-ups (`rate_limited`).", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/permits/verify/{permit_number}")]
pub async fn verify(
    state: web::Data<AppState>,
    req: HttpRequest,
    number: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let ip = client_ip(&req, &state.config);
    let quota = state
        .public_limiter
        .check("verify", &format!("verify:{ip}"))?;
    let answer = async {
        let number = TrackingCode::parse(&number).ok_or_else(ApiError::invalid_code)?;
        let clock = state.clock;
        let result: PermitVerification = state
            .db(move |c| service::verify(c, &clock, &number))
            .await?;
        Ok(HttpResponse::Ok().json(result))
    };
    crate::http::rate_limit::with_quota_headers(&[quota], answer.await)
}
