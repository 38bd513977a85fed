//! `/requests/{id}/permit`, `/requests/{id}/registration`, `/permits`, the police's receipts
//! and the public permit verification.

use actix_web::http::{header, StatusCode};
use actix_web::{get, post, web, HttpRequest, HttpResponse};

use crate::auth::access::PermitScope;
use crate::auth::{AuthUser, ChangeContext};
use crate::domain::identity::Role;
use crate::domain::status::Action;
use crate::domain::tracking::TrackingCode;
use crate::error::{ApiError, ApiResult, Problem};
use crate::http::client::client_key;
use crate::http::etag::{etag, with_etag, IfMatch};
use crate::http::idempotency::{IdempotencyKey, Recorded};
use crate::http::json::Json;
use crate::http::middleware::PagePolicy;
use crate::http::pagination::{PageParams, Paginated};
use crate::permits::model::{
    IssuePermit, NewPermit, NewReceipt, NewRegistration, NewRevocation, PermitFilter, PermitRow,
    PostReceipt, PostRegistration, RevokePermit, Validity,
};
use crate::permits::print::PrintContext;
use crate::permits::service;
use crate::permits::signing::{self, Facts, PermitSigner, PublicKeyView, SignatureCheck};
use crate::permits::store::ListQuery;
use crate::permits::verify_page;
use crate::permits::views::{PermitVerification, PermitView};
use crate::requests::service::ensure_visible;
use crate::requests::views::RequestView;
use crate::requests::Effects;
use crate::state::AppState;

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(issue)
        .service(register)
        .service(verify)
        .service(signing_keys)
        .service(list)
        .service(by_number)
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
        ("If-Match" = String, Header, description = "The request's `ETag` last read; 412 when stale."),
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
    effects: web::Data<Effects>,
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
        max_days: state.config.permits.max_validity_days,
    };
    let new = NewPermit::try_from((body.into_inner()?, &validity))?;
    let config = state.config.clone();
    let permit = state
        .tx(move |c| {
            let ctx = ChangeContext::new(&user, &config, &clock, effects.get_ref());
            service::issue(c, ctx, &id, if_match, new)
        })
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
        ("If-Match" = String, Header, description = "The request's `ETag` last read; 412 when stale."),
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
    effects: web::Data<Effects>,
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
        .tx(move |c| {
            let ctx = ChangeContext::new(&user, &config, &clock, effects.get_ref());
            service::register(c, ctx, &id, if_match, new)
        })
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
/// police's list leaves them out unless `status=revoked` or `updated_since` is given, or the
/// list is a look-up (`plate`, `permit_number`, `national_number`, `q`: an officer checking a car
/// must see that its permit was revoked).
///
/// Look-ups combine (all must match): `plate` typed as at filing, with the region code (that
/// plate) or without it (that plate in every region); `permit_number` as printed;
/// `national_number`, the national vehicle system's permit number; `q`, one search box tried as
/// any of the three. An unknown query parameter is 400 `invalid_query` naming it, as on every
/// list.
#[utoipa::path(
    operation_id = "list_permits",
    tag = "permits",
    params(PermitFilter, PageParams),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "A page of permits.", body = Paginated<PermitView>),
        (status = 400, description = "An unknown query parameter, or a value that cannot be read: `plate` not a plate, `permit_number` not a permit number (`invalid_query`, naming the parameter).", body = Problem, content_type = "application/problem+json"),
    )
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
    let search = filter.search()?;
    let query = ListQuery {
        scope: PermitScope::of(&user),
        status: filter.status,
        updated_since: filter.updated_since.map(|t| t.naive_utc()),
        after: page.after_ranked()?,
        limit: page.limit,
        at: state.clock.now(),
        police_queue: user.role == Role::Police,
        search,
    };
    let clock = state.clock;
    let (keys, views) = state
        .read(move |c| {
            let (keys, mut views) = service::list(c, &clock, &query)?;
            crate::permits::record::fill(c, &clock, &user, &mut views)?;
            Ok((keys, views))
        })
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
    let (scope, clock) = (PermitScope::of(&user), state.clock);
    let permit = state
        .db(move |c| {
            let mut views = [service::get(c, &clock, &scope, &id)?];
            crate::permits::record::fill(c, &clock, &user, &mut views)?;
            let [view] = views;
            Ok(view)
        })
        .await?;
    let mut b = HttpResponse::Ok();
    with_etag(&mut b, permit.version);
    Ok(b.json(permit))
}

/// Find a permit by its number.
///
/// The permit with this number as printed (Persian digits, spaces and dashes accepted), with
/// its receipt: what an officer at the roadside or a clerk with the paper in hand looks up.
/// Roles: `police`, `directorate`, `registry`, `admin`; `agency` only its own requests'
/// permits (another agency's is 404, as if it did not exist). A number that cannot be right
/// (not 12 digits, or a wrong check digit) is 422 `invalid_code`, as with the public
/// verification; a well-formed number that names no permit (in the caller's view) is 404.
#[utoipa::path(
    operation_id = "get_permit_by_number",
    tag = "permits",
    params(("permit_number" = String, Path, description = "The permit number as printed (Persian digits, spaces and dashes accepted)")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The permit.", body = PermitView, headers(("ETag" = String))),
        (status = 404, description = "No such permit, or another agency's (`not_found`).", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not a permit number: not 12 digits, or the check digit does not match (`invalid_code`).", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/permits/by-number/{permit_number}")]
pub async fn by_number(
    state: web::Data<AppState>,
    user: AuthUser,
    number: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let number = TrackingCode::parse(&number).ok_or_else(ApiError::invalid_code)?;
    let (scope, clock) = (PermitScope::of(&user), state.clock);
    let permit = state
        .db(move |c| {
            let mut views = [service::get_by_number(c, &clock, &scope, number.as_str())?];
            crate::permits::record::fill(c, &clock, &user, &mut views)?;
            let [view] = views;
            Ok(view)
        })
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
    signer: web::Data<PermitSigner>,
    trail: web::Data<crate::audit::Trail>,
    user: AuthUser,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let scope = PermitScope::printable(&user)?;
    let clock = state.clock;
    let trail = trail.get_ref().clone();
    let (permit, facts, order_body) = state
        .db(move |c| service::for_print(c, &clock, &trail, &user, &scope, &id))
        .await?;
    let ctx = PrintContext::of(&state.config, &order_body, &facts, &signer, &clock);
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
        ("If-Match" = String, Header, description = "The permit's `ETag` last read; 412 when stale."),
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
    effects: web::Data<Effects>,
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
            let ctx = ChangeContext::new(&user, &config, &clock, effects.get_ref());
            let v = service::record_receipt(c, ctx, &permit_id, if_match, new)?;
            Recorded::created(&v, v.location(), etag(v.version))
        })
        .await
}

/// Revoke a permit.
///
/// Revoke (ابطال) a permit the police have not acted on: the permit becomes `revoked`, its
/// request returns from `permit_issued` to `under_review` (history entry `revoke`), and
/// `permit.revoked` tells the police, whose list then drops it. Roles: `directorate`.
///
/// With `reason_code: issued_in_error` the request's data was wrong: the request goes back to
/// the agency instead, `returned_for_correction` (history entry `return_for_correction`, SLA
/// clock paused), where the agency corrects it (`PATCH /requests/{id}`) and resubmits it
/// (`POST /requests/{id}/resubmit`); the directorate then sees which fields were corrected.
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
        ("If-Match" = String, Header, description = "The permit's `ETag` last read; 412 when stale."),
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
    effects: web::Data<Effects>,
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
        .tx(move |c| {
            let ctx = ChangeContext::new(&user, &config, &clock, effects.get_ref());
            service::revoke(c, ctx, &id, if_match, new)
        })
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
/// `RateLimit: "verify";r=<look-ups left>;t=<seconds until the window resets>`).
///
/// **Content negotiation** (every answer carries `Vary: Accept`): a client whose `Accept`
/// names `text/html` (or `application/xhtml+xml`) at least as highly as JSON — a phone's
/// browser opening the printed QR code — gets a Persian, right-to-left page for people (no
/// script, its own strict `Content-Security-Policy`): the verdict in large words and colour,
/// the plate drawn as on the permit, the validity as a Jalali date with its weekday, the
/// permit number in groups of four and whether the paper's signature matches; errors are pages
/// too, with the same status. Any other client (`application/json`, an `Accept` of any type, no `Accept`) gets
/// JSON: exactly `permit_number`, `status`, `status_label_fa`, `valid_until`,
/// `valid_until_jalali`, `plate_masked` (the plate with its three middle digits hidden,
/// `12الف***-67`, in a left-to-right isolate U+2066 … U+2069 with U+200E after the letter), so that a genuine number cannot
/// be shown for another car, and `signature`; nothing personal.
///
/// **Signature**: the printed QR code's URL carries `p` (the canonical plate), `u` (the
/// permit's `valid_until`, UTC, `YYYY-MM-DDTHH:MM:SSZ`), `k` (the key id) and `s` (an Ed25519
/// signature, base64url without padding, over the UTF-8 bytes of
/// `PP1|<permit_number>|<p>|<u>`). `signature` is `valid` when a key listed at
/// `GET /permits/signing-keys` signed exactly these facts and they are this permit's,
/// `invalid` when not (an altered plate or date, an unknown key, a malformed value), `absent`
/// when the URL carries no `k`/`s`. The page then shows the whole plate; otherwise the masked one.
///
/// A number that cannot be right (not 12 digits, or a wrong check digit: a typing mistake) is
/// 422 `invalid_code`; a well-formed number that names no permit is 404 `not_found`.
#[utoipa::path(
    operation_id = "verify_permit",
    tag = "permits",
    params(
        ("permit_number" = String, Path, description = "The permit number as printed (Persian digits, spaces and dashes accepted)"),
        VerifyQuery,
    ),
    responses(
        (status = 200, description = "The permit's status: JSON, or the page for `Accept: text/html`.", body = PermitVerification, headers(("Vary" = String, description = "`Accept`")),
            content(
                (PermitVerification = "application/json"),
                (String = "text/html", example = "<!DOCTYPE html><html dir=\"rtl\" lang=\"fa\">…</html>"),
            )),
        (status = 404, description = "A well-formed number that names no permit (`not_found`); a page for `Accept: text/html`.",
            content((Problem = "application/problem+json"), (String = "text/html"))),
        (status = 422, description = "Not a permit number: not 12 digits, or the check digit does not match — a typing mistake (`invalid_code`); a page for `Accept: text/html`.",
            content((Problem = "application/problem+json"), (String = "text/html"))),
        (status = 429, description = "Too many look-ups (`rate_limited`); a page for `Accept: text/html`.",
            content((Problem = "application/problem+json"), (String = "text/html"))),
    )
)]
#[get("/permits/verify/{permit_number}")]
pub async fn verify(
    state: web::Data<AppState>,
    signer: web::Data<PermitSigner>,
    req: HttpRequest,
    number: web::Path<String>,
    query: web::Query<VerifyQuery>,
) -> ApiResult<HttpResponse> {
    let html = verify_page::wants_html(&req);
    let directorate = state.config.permits.directorate_name.as_str();
    let ip = client_key(&req, &state.config);
    let answer = async {
        let quota = state
            .public_limiter
            .check("verify", &format!("verify:{ip}"))?;
        let result = verification(&state, &signer, &number, &query, html).await;
        crate::http::rate_limit::with_quota_headers(&[quota], result)
    };
    let mut res = match answer.await {
        Ok(res) => res,
        Err(e) if html => verify_page::error_page_with_limits(&e, directorate),
        Err(e) => return Err(e.with_header(header::VARY, "Accept".to_owned())),
    };
    res.headers_mut()
        .insert(header::VARY, header::HeaderValue::from_static("Accept"));
    Ok(res)
}

/// The permit behind `number` as the caller asked for it: the public page (`html`) or the JSON
/// verification, with the URL's signature checked.
async fn verification(
    state: &AppState,
    signer: &PermitSigner,
    number: &str,
    query: &VerifyQuery,
    html: bool,
) -> ApiResult<HttpResponse> {
    let number = TrackingCode::parse(number).ok_or_else(ApiError::invalid_code)?;
    let clock = state.clock;
    let row = state.db(move |c| service::verify(c, &number)).await?;
    let check = check_signature(signer, &row, query);
    let now = clock.now();
    if html {
        let status = row.shown_status(now);
        let shown = verify_page::Verified {
            permit_number: &row.permit_number,
            status,
            status_label_fa: status.label_fa(),
            plate: &row.plate,
            valid_until: row.valid_until,
            signature: &check,
        };
        let directorate = state.config.permits.directorate_name.as_str();
        return Ok(verify_page::page(&shown, directorate, &clock));
    }
    let result = PermitVerification::of(&row, &clock, now, &check);
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(result))
}

/// The signature the verification URL carries, checked against `row`'s facts.
fn check_signature(signer: &PermitSigner, row: &PermitRow, q: &VerifyQuery) -> SignatureCheck {
    let (Some(k), Some(s)) = (q.k.as_deref(), q.s.as_deref()) else {
        return if q.k.is_none() && q.s.is_none() {
            SignatureCheck::Absent
        } else {
            SignatureCheck::Invalid
        };
    };
    let (Some(plate), Some(until)) = (
        q.p.as_deref(),
        q.u.as_deref().and_then(signing::parse_instant),
    ) else {
        return SignatureCheck::Invalid;
    };
    let facts = Facts {
        permit_number: &row.permit_number,
        plate,
        valid_until: until,
    };
    let check = signer.check(&facts, k, s);
    // Signed by a listed key, and the facts are this permit's.
    let theirs = plate == row.plate
        && signing::format_instant(until) == signing::format_instant(row.valid_until);
    if theirs {
        check
    } else {
        SignatureCheck::Invalid
    }
}

/// The signature a printed permit's QR code adds to the verification URL (all four or none).
#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct VerifyQuery {
    /// The canonical plate the permit names, `12الف345-67` (signed).
    pub p: Option<String>,
    /// The permit's `valid_until`, UTC, `YYYY-MM-DDTHH:MM:SSZ` (signed).
    pub u: Option<String>,
    /// The id of the key that signed (see `GET /permits/signing-keys`).
    pub k: Option<String>,
    /// Ed25519 signature, base64url without padding, over `PP1|<permit_number>|<p>|<u>`.
    pub s: Option<String>,
}

/// The public keys that sign printed permits.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct SigningKeys {
    /// Always `Ed25519`.
    #[schema(example = "Ed25519")]
    pub algorithm: &'static str,
    /// The signed message, with its fields in order.
    #[schema(example = "PP1|<permit_number>|<plate>|<valid_until>")]
    pub message_format: &'static str,
    /// Every key, oldest first: the active one signs new permits; retired ones still verify
    /// the permits they signed.
    pub keys: Vec<PublicKeyView>,
}

/// Permit-signing public keys.
///
/// The Ed25519 public keys whose signatures printed permits carry (the QR code's URL: `k`, `s`
/// over `p`, `u`), so that a police app can check a paper with no network: the active key and
/// every retired one (rotated with `plate-permits rotate-signing-key`), which still verifies
/// what it signed. **Public**; cacheable for 5 minutes. The exact message format is in the
/// guide's page "Signed permits" (`/guide/integrators/signed-permits.md`).
#[utoipa::path(
    operation_id = "permit_signing_keys",
    tag = "permits",
    responses((status = 200, description = "The keys.", body = SigningKeys))
)]
#[get("/permits/signing-keys")]
pub async fn signing_keys(signer: web::Data<PermitSigner>) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "public, max-age=300"))
        .json(SigningKeys {
            algorithm: "Ed25519",
            message_format: "PP1|<permit_number>|<plate>|<valid_until>",
            keys: signer.public_keys(),
        })
}
