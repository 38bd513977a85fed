//! `/requests/{id}/documents`, `/requests/{id}/document-requests`, `/requests/{id}/resubmit`
//! and `/documents/{id}/content`.

use std::sync::Arc;

use actix_web::http::header;
use actix_web::{get, post, web, HttpRequest, HttpResponse};

use crate::audit::{self, Trail};
use crate::auth::access::Scope;
use crate::auth::{AuthUser, ChangeContext};
use crate::documents::model::{
    CreateDocumentRequest, NewDocument, NewDocumentRequest, Quota, Resubmission, ResubmitBody,
    UploadForm,
};
use crate::documents::service;
use crate::documents::storage::Blobs;
use crate::documents::transfer;
use crate::documents::views::{Document, DocumentList, DocumentRequestList, DocumentRequestView};
use crate::domain::identity::Role;
use crate::domain::status::Action;
use crate::error::{ApiResult, Problem};
use crate::http::etag::{with_etag, IfMatch};
use crate::http::json::Json;
use crate::http::openapi::Binary;
use crate::requests::Effects;
use crate::state::AppState;

/// 404, 409 (closed) or 409 `quota_exceeded` (no room for one more document) before an
/// upload is read; checked again in the transaction.
async fn ensure_open(
    state: &AppState,
    scope: &Scope,
    request_id: &str,
    quota: Quota,
) -> ApiResult<()> {
    let (scope, id) = (scope.clone(), request_id.to_owned());
    state
        .db(move |c| {
            service::open_request(c, &scope, &id)?;
            service::check_quota(c, &id, quota, 1)
        })
        .await
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(upload)
        .service(list_documents)
        .service(download)
        .service(create_document_request)
        .service(list_document_requests)
        .service(resubmit);
}

/// 404 before the body is read when `user` may not act on the request, so another agency's
/// request is 404 whatever the body says.
async fn ensure_actionable(state: &AppState, user: &AuthUser, request_id: &str) -> ApiResult<()> {
    let (user, id) = (user.clone(), request_id.to_owned());
    state
        .db(move |c| service::ensure_actionable(c, &user, &id))
        .await
}

/// Upload a document.
///
/// Upload a supplementary document. Roles: the owning `agency`, `directorate`.
///
/// `multipart/form-data` with `file` and `document_type`. PDF, JPEG and PNG only, judged by
/// the file's bytes (415 otherwise, also when the declared type disagrees with the bytes); at
/// most the configured size (default 10 MiB; 413, enforced while streaming). Not on terminal
/// requests (409). A request holds at most `DOCUMENT_QUOTA_COUNT` documents (default 20)
/// totalling at most `DOCUMENT_QUOTA_BYTES` (default 50 MiB); beyond either, 409
/// `quota_exceeded`. The body must arrive within `CLIENT_BODY_TIMEOUT_SECS` (default 30 s;
/// 408 `request_timeout` otherwise). The bytes never change after upload: a new version is a
/// new document.
#[utoipa::path(
    operation_id = "upload_document",
    tag = "documents",
    params(("id" = uuid::Uuid, Path, description = "Request id")),
    request_body(content = UploadForm, content_type = "multipart/form-data"),
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Stored.", body = Document),
        (status = 408, description = "The body did not arrive in time (`request_timeout`); the connection is closed.", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The request is closed (`invalid_transition`), or its documents would exceed the count or size quota (`quota_exceeded`).", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "File too large (`payload_too_large`).", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not a PDF, JPEG or PNG, or not multipart (`unsupported_media_type`).", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Missing `file` or invalid `document_type` (`validation_failed`).", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/requests/{id}/documents")]
pub async fn upload(
    state: web::Data<AppState>,
    blobs: web::Data<Blobs>,
    req: HttpRequest,
    user: AuthUser,
    id: web::Path<String>,
    payload: web::Payload,
) -> ApiResult<HttpResponse> {
    user.require(&[Role::Agency, Role::Directorate])?;
    let scope = Scope::documents(&user)?;
    let request_id = id.into_inner();
    let limit = state.config.documents.max_size.0;
    transfer::refuse_declared_oversize(req.headers(), limit)?;
    let quota = Quota::of(&state.config);
    ensure_open(&state, &scope, &request_id, quota).await?;
    transfer::require_multipart(req.headers())?;
    let blobs: Arc<Blobs> = blobs.into_inner();
    let (staged, parts) = transfer::Staged::receive(&blobs, &req, payload, limit).await?;
    let new = NewDocument::try_from(parts)?;
    let clock = state.clock;
    let document = staged
        .commit(&state, move |c, location| {
            let upload = service::Upload {
                request_id: &request_id,
                uploader: &user.id,
                quota,
                location,
                new,
            };
            service::add_document(c, &clock, &scope, upload)
        })
        .await?;
    let location = format!("/api/v1/documents/{}/content", document.id);
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, location))
        .json(document))
}

/// List a request's documents.
///
/// The documents of a request, oldest first. Roles: the owning `agency`, `directorate`,
/// `admin`.
#[utoipa::path(
    operation_id = "list_documents",
    tag = "documents",
    params(("id" = uuid::Uuid, Path, description = "Request id")),
    security(("bearer" = [])),
    responses((status = 200, description = "The documents.", body = DocumentList))
)]
#[get("/requests/{id}/documents")]
pub async fn list_documents(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let scope = Scope::documents(&user)?;
    let id = id.into_inner();
    let clock = state.clock;
    let items = state
        .db(move |c| service::documents(c, &clock, &scope, &id))
        .await?;
    Ok(HttpResponse::Ok().json(DocumentList { items }))
}

/// Download a document's bytes.
///
/// Download a document's bytes. Roles: the owning `agency`, `directorate`, `admin`.
///
/// Sent as an attachment with a server-made file name (the original, sanitised and always
/// ending in the stored type's extension — `scan.hta` stored as a PDF is `scan.hta.pdf` — in
/// `filename*`), the stored content type, `X-Content-Type-Options: nosniff` and an `ETag`
/// from the SHA-256.
#[utoipa::path(
    operation_id = "download_document",
    tag = "documents",
    params(("id" = uuid::Uuid, Path, description = "Document id")),
    security(("bearer" = [])),
    responses((status = 200, description = "The bytes. `Content-Type` is the type judged at upload (`application/pdf`, `image/jpeg` or `image/png`, the document's `content_type`); a client whose `Accept` admits only `application/octet-stream` gets that. Documented as one binary media type so every generator keeps the download.",
        content(
            (inline(Binary) = "application/octet-stream"),
        ),
        headers(
            ("Content-Disposition" = String, description = "`attachment` with a server-made file name and the original (sanitised, ending in the stored type's extension: `scan.hta` stored as a PDF is `scan.hta.pdf`) in `filename*`."),
            ("X-Content-Type-Options" = String, description = "Always `nosniff`."),
        )))
)]
#[get("/documents/{id}/content")]
pub async fn download(
    state: web::Data<AppState>,
    blobs: web::Data<Blobs>,
    trail: web::Data<Trail>,
    user: AuthUser,
    id: web::Path<String>,
    req: actix_web::HttpRequest,
) -> ApiResult<HttpResponse> {
    let scope = Scope::documents(&user)?;
    let id = id.into_inner();
    let trail = trail.get_ref().clone();
    let row = state
        .db(move |c| {
            let row = service::document(c, &scope, &id)?;
            audit::service::note_read(
                c,
                &trail,
                &user,
                audit::Action::DocumentDownloaded,
                audit::Subject::Document,
                &row.id,
                &row.request_id,
            )?;
            Ok(row)
        })
        .await?;
    transfer::send(blobs.into_inner(), row, &req).await
}

/// Ask for documents.
///
/// Ask the agency for supplementary documents: `under_review` → `awaiting_documents` (the SLA
/// clock pauses). Roles: `directorate`. Honours `If-Match`.
///
/// `due_date` (optional) is ISO (`2026-12-11`) or Jalali (`1405/09/20`, Persian digits too),
/// not before today (service time), and a working day of the agencies' calendar: a weekend
/// day or holiday is 422 on `due_date` (`not_working_day`) naming the next working day, also
/// as `next_working_day` and `next_working_day_jalali`. The answer shows the date with its
/// Jalali twin (`due_date_jalali`). The day before it the applicant is reminded by SMS, once;
/// when it passes with documents missing the ask reads `overdue`, the request
/// `documents_overdue` (listed with `GET /requests?documents_overdue=true`) and
/// `request.documents_overdue` is emitted; the request stays in `awaiting_documents`.
#[utoipa::path(
    operation_id = "create_document_request",
    tag = "documents",
    params(
        ("id" = uuid::Uuid, Path, description = "Request id"),
        ("If-Match" = String, Header, description = "The request's `ETag` last read; 412 when stale."),
    ),
    request_body = CreateDocumentRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Asked; the request now awaits documents. `ETag` is the request's new version.", body = DocumentRequestView),
        (status = 409, description = "Not allowed in the current state (`invalid_transition`).", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Stale `If-Match`.", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields (`validation_failed`): e.g. `due_date` in the past (`past_date`), unreadable (`invalid_date`) or not a working day (`not_working_day`, naming the next working day).", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/requests/{id}/document-requests")]
pub async fn create_document_request(
    state: web::Data<AppState>,
    effects: web::Data<Effects>,
    user: AuthUser,
    id: web::Path<String>,
    if_match: IfMatch,
    body: Json<CreateDocumentRequest>,
) -> ApiResult<HttpResponse> {
    let clock = state.clock;
    user.require(Action::RequestDocuments.roles())?;
    let request_id = id.into_inner();
    ensure_actionable(&state, &user, &request_id).await?;
    let new = NewDocumentRequest::try_from((body.into_inner()?, state.clock.today()))?;
    let config = state.config.clone();
    let view = state
        .tx(move |c| {
            let ctx = ChangeContext::new(&user, &config, &clock, effects.get_ref());
            service::ask(c, ctx, &request_id, if_match, new)
        })
        .await?;
    let mut b = HttpResponse::Created();
    with_etag(&mut b, view.request_version);
    let location = format!("/api/v1/requests/{}/document-requests", view.id);
    Ok(b.insert_header((header::LOCATION, location)).json(view))
}

/// List document requests.
///
/// The directorate's requests for documents, oldest first, each with its outstanding items.
/// Roles: the owning `agency`, `directorate`, `admin`.
#[utoipa::path(
    operation_id = "list_document_requests",
    tag = "documents",
    params(("id" = uuid::Uuid, Path, description = "Request id")),
    security(("bearer" = [])),
    responses((status = 200, description = "The document requests.", body = DocumentRequestList))
)]
#[get("/requests/{id}/document-requests")]
pub async fn list_document_requests(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let scope = Scope::documents(&user)?;
    let id = id.into_inner();
    let clock = state.clock;
    let items = state
        .db(move |c| service::asks(c, &clock, &scope, &id))
        .await?;
    Ok(HttpResponse::Ok().json(DocumentRequestList { items }))
}

/// Resubmit a request.
///
/// Resubmit after uploading what was asked: `awaiting_documents` → `under_review` (the SLA
/// clock resumes); or after correcting a request returned for correction (a permit revoked
/// as `issued_in_error`): `returned_for_correction` → `under_review`, where the directorate
/// sees `corrected_since_review` and `corrected_fields`. Roles: the owning `agency`. Honours
/// `If-Match`.
///
/// 409 `documents_missing` (with `missing_document_types`) while an asked-for document type
/// has no upload since the latest ask.
#[utoipa::path(
    operation_id = "resubmit_request",
    tag = "documents",
    params(
        ("id" = uuid::Uuid, Path, description = "Request id"),
        ("If-Match" = String, Header, description = "The `ETag` last read; 412 when stale."),
    ),
    request_body = ResubmitBody,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Back under review.", body = crate::requests::views::RequestView),
        (status = 409, description = "Documents still missing (`documents_missing`) or not allowed in the current state (`invalid_transition`).", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Stale `If-Match`.", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/requests/{id}/resubmit")]
pub async fn resubmit(
    state: web::Data<AppState>,
    effects: web::Data<Effects>,
    user: AuthUser,
    id: web::Path<String>,
    if_match: IfMatch,
    body: Json<ResubmitBody>,
) -> ApiResult<HttpResponse> {
    let clock = state.clock;
    user.require(Action::Resubmit.roles())?;
    let request_id = id.into_inner();
    ensure_actionable(&state, &user, &request_id).await?;
    let input = Resubmission::try_from(body.into_inner()?)?;
    let config = state.config.clone();
    let view = state
        .tx(move |c| {
            let ctx = ChangeContext::new(&user, &config, &clock, effects.get_ref());
            service::resubmit(c, ctx, &request_id, if_match, input)
        })
        .await?;
    let mut b = HttpResponse::Ok();
    with_etag(&mut b, view.version);
    Ok(b.json(view))
}
