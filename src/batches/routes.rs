//! `/request-batches` (filing many vehicles at once, reading a batch) and
//! `/requests/bulk-actions` (the directorate acting on many requests in one call).

use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpRequest, HttpResponse};

use crate::auth::access::Scope;
use crate::auth::AuthUser;
use crate::batches::model::{BulkBody, CreateBatch};
use crate::batches::views::{BatchView, BulkResult};
use crate::batches::{bulk, service, store};
use crate::domain::identity::Role;
use crate::error::{ApiResult, ErrorCode, Problem};
use crate::http::idempotency::{IdempotencyKey, Recorded};
use crate::http::json::LargeJson;
use crate::i18n::Lang;
use crate::requests::Effects;
use crate::state::AppState;

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(create).service(get_one).service(bulk_actions);
}

/// File a batch of vehicles.
///
/// File up to 200 vehicles that share the agency's letter, reason, contact and representative
/// in one call, all or nothing. Roles: `agency`.
///
/// Each vehicle is checked as a single filing (`POST /requests`) checks it, and becomes its own
/// request with its own tracking code (`status: submitted`, its own history entry and
/// `request.submitted` event); the batch has its own tracking code too. One invalid vehicle
/// files nothing: 422 `validation_failed` names every fault at once, each `field` a JSON
/// pointer into this body (`/vehicles/7/plate`; a shared field once, e.g. `/letter/date`;
/// indexes from 0). The one-open-request-per-vehicle rule holds inside the batch (the same
/// vehicle twice — same plate, VIN or chassis number — is 422 `duplicate_in_batch` on the
/// second) and across batches and single filings (422 `duplicate` on the vehicle; the caller's
/// own open request is named by its tracking code, another agency's by nothing, and that
/// collision is recorded for the directorate at `GET /vehicle-conflicts`).
///
/// The applicant's contact gets one SMS for the whole batch (`batch_filed`: its tracking code
/// and how many vehicles), not one per vehicle. Honours `Idempotency-Key` (per user, 24 h) as a
/// single filing does. The body may be up to 512 KiB (or `JSON_MAX_SIZE` when larger).
#[utoipa::path(
    operation_id = "create_request_batch",
    tag = "requests",
    request_body = CreateBatch,
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes retries safe (1–255 visible ASCII characters).")),
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Filed: the batch with each request's tracking code and status.", body = BatchView,
         headers(("Location" = String, description = "The new batch's URL"))),
        (status = 409, description = "The idempotency key is in flight (`idempotency_in_flight`).", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Nothing filed (`validation_failed`): every fault, each `field` a pointer into the body, e.g. `/vehicles/7/plate` (`invalid_plate`), `/vehicles/3/vin` (`duplicate_in_batch`: the same vehicle as an earlier one), `/vehicles/5/plate` (`duplicate`: the vehicle has an open request), `/letter/date`, `/vehicles` (`required`, `too_many`: more than 200).", body = Problem, content_type = "application/problem+json",
         examples(("validation_failed" = (summary = "Two vehicles at fault; nothing filed", value = json!({
             "type": "urn:plate-permits:problem:validation_failed",
             "title": "اطلاعات ارسالی نامعتبر است",
             "status": 422,
             "detail": "یک یا چند فیلد نامعتبر است.",
             "code": "validation_failed",
             "errors": [
                 {"field": "/vehicles/7/plate", "code": "invalid_plate", "message": "حرف پلاک برای خودروهای دولتی مجاز نیست."},
                 {"field": "/vehicles/12/vin", "code": "duplicate_in_batch", "message": "این خودرو (همان پلاک، VIN یا شمارهٔ شاسی) پیش‌تر در همین دسته آمده است (‎/vehicles/۳)؛ هر خودرو تنها یک بار ثبت می‌شود."}
             ]
         }))))),
    )
)]
#[post("/request-batches")]
pub async fn create(
    state: web::Data<AppState>,
    effects: web::Data<Effects>,
    user: AuthUser,
    idem: IdempotencyKey,
    body: LargeJson<CreateBatch>,
) -> ApiResult<HttpResponse> {
    user.require(&[Role::Agency])?;
    let (input, hash) = body.0.into_parts()?;
    let checked = service::validate(input, &state.config, state.clock.today())?;
    let vehicles = checked.vehicles.clone();
    let config = state.config.clone();
    let clock = state.clock;
    let call = idem.call(&user.id, "POST /request-batches", hash);
    let filer = user.clone();
    let filed = state
        .idempotent(call, move |c| {
            let view = service::file_unheld(c, &config, &clock, &effects, &user, checked)?;
            Recorded::json(
                StatusCode::CREATED,
                &view,
                Some(format!("/api/v1/request-batches/{}", view.id)),
                None,
            )
        })
        .await;
    match filed {
        Err(e) if e.code() == ErrorCode::ValidationFailed && e.has_issue_code("duplicate") => {
            // As after a refused single filing: a collision with another agency's open
            // request is recorded for the directorate, in a transaction of its own.
            state
                .tx(move |c| service::note_refused_filings(c, &clock, &filer, &vehicles))
                .await?;
            Err(e)
        }
        other => other,
    }
}

/// Get a batch.
///
/// A batch: its tracking code, what its vehicles share, every request's status (with its
/// Persian label and `ETag`, for a bulk call's `if_match`), and a count by status
/// (`counts`, and `summary_fa` as the digest SMS says it). Roles: the `agency` that filed it,
/// `directorate`, `registry`, `admin`; another agency's batch is 404; `police` get 403.
#[utoipa::path(
    operation_id = "get_request_batch",
    tag = "requests",
    params(("id" = uuid::Uuid, Path, description = "Batch id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The batch.", body = BatchView),
        (status = 404, description = "No such batch, or another agency's.", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/request-batches/{id}")]
pub async fn get_one(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let scope = Scope::requests(&user)?;
    let id = id.into_inner();
    let clock = state.clock;
    let view = state
        .db(move |c| {
            let row = store::load_visible(c, &scope, &id)?;
            service::view(c, &clock, row)
        })
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// Act on many requests.
///
/// One call that takes the same action on up to 200 requests (batch or not). Roles:
/// `directorate`. `action`: `review` (take for review), `request_documents` (ask each for the
/// same documents: `document_request` as in `POST /requests/{id}/document-requests`) or
/// `issue_permit` (issue each its permit: `permit` shares the validity, notes and police
/// organisation, each item gives its own `national_permit_number`).
///
/// Each item carries its request's `ETag` as `if_match` (as the single call's `If-Match`:
/// 412 when stale, 428 when missing) and runs the single call's own rules in its own
/// transaction, with its own history entry and events. The answer is `207 Multi-Status`: per
/// item, in the order asked, the HTTP status the single call would have given and its body
/// (`result`) or its problem (`problem`). The call as a whole is checked first: 422 (nothing
/// done) for 0 or more than 200 items, a request named twice, a permit number given twice, or
/// what the action needs missing, each `field` a pointer into the body (`/items/3/request_id`,
/// `/document_request/items`, `/permit/valid_until`). A retry is safe: an item already applied
/// answers 412 or 409 (`invalid_transition`) and changes nothing.
///
/// SMS: the requests of a batch send no message of their own for the step; each batch whose
/// requests changed gets one digest to its contact (`batch_progress`, e.g. «دسته …، ۴۰ خودرو:
/// ۳۸ مجوز صادر شد، ۲ در انتظار مدرک.»), listed in `digests`. A request filed alone gets its
/// own message as after the single call.
#[utoipa::path(
    operation_id = "bulk_request_actions",
    tag = "requests",
    request_body = BulkBody,
    security(("bearer" = [])),
    responses(
        (status = 207, description = "One result per item.", body = BulkResult,
         example = json!({
             "action": "issue_permit",
             "succeeded": 1,
             "failed": 1,
             "items": [
                 {"request_id": "01938f5e-8a2b-7c4d-9e0f-1a2b3c4d5e6f", "status": 201, "etag": "\"3\"",
                  "request_status": "permit_issued", "request_status_label_fa": "مجوز صادر و به پلیس راهور ارسال شد",
                  "result": {"permit_number": "710322632157"}},
                 {"request_id": "01938f5e-8a2b-7c4d-9e0f-1a2b3c4d5e70", "status": 412,
                  "problem": {"type": "urn:plate-permits:problem:precondition_failed", "title": "نسخهٔ ارسالی قدیمی است", "status": 412,
                              "detail": "این منبع پس از دریافت شما تغییر کرده است؛ دوباره بخوانید و تکرار کنید.", "code": "precondition_failed", "errors": []}}
             ],
             "digests": [{"batch_id": "01938f5e-8a2b-7c4d-9e0f-1a2b3c4d5e00", "tracking_code": "310322632156",
                          "summary_fa": "۴۰ خودرو: ۳۸ مجوز صادر شد، ۲ در انتظار مدرک"}]
         })),
        (status = 422, description = "Nothing done (`validation_failed`): each `field` a pointer into the body.", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/requests/bulk-actions")]
pub async fn bulk_actions(
    req: HttpRequest,
    state: web::Data<AppState>,
    effects: web::Data<Effects>,
    user: AuthUser,
    body: LargeJson<BulkBody>,
) -> ApiResult<HttpResponse> {
    user.require(&[Role::Directorate])?;
    let body = body.0.into_inner()?;
    let lang = Lang::from_headers(req.headers(), state.config.http.prefer_persian);
    let result: BulkResult = bulk::run(&state, &effects, user, body, lang).await?;
    Ok(HttpResponse::build(StatusCode::MULTI_STATUS).json(result))
}
