//! `/requests/{id}/documents`, `/requests/{id}/document-requests`, `/requests/{id}/resubmit`
//! and `/documents/{id}/content`.

use std::io::{Read, Write};
use std::sync::Arc;

use actix_multipart::Multipart;
use actix_web::http::header::{self, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::web::Bytes;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use futures_util::StreamExt;
use sha2::{Digest, Sha256};
use utoipa::ToSchema;

use crate::auth::access::Scope;
use crate::auth::AuthUser;
use crate::clock::now;
use crate::db::schema::{document_request_items, document_requests, documents, requests};
use crate::db::DbConnection;
use crate::documents::model::*;
use crate::documents::sniff::{rfc5987, sanitize_filename, sniff};
use crate::documents::storage::{BlobStore, PendingBlob};
use crate::domain::identity::Role;
use crate::domain::jalali::parse_date;
use crate::domain::status::{Action, RequestStatus};
use crate::error::{ApiError, ApiResult, ErrorCode, FieldIssue, Problem};
use crate::http::etag::{etag, IfMatch};
use crate::http::json::Json;
use crate::requests::service::{self, Effects};
use crate::requests::store;
use crate::state::AppState;
use crate::validate::Issues;

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(upload)
        .service(list_documents)
        .service(download)
        .service(create_document_request)
        .service(list_document_requests)
        .service(resubmit);
}

fn closed(status: RequestStatus) -> ApiError {
    ApiError::invalid_transition(status.as_str(), status.label_fa())
}

/// The multipart form of an upload (documentation schema).
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct UploadForm {
    /// PDF, JPEG or PNG, judged by its bytes; at most the configured size (default 10 MiB).
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
    document_type: DocumentType,
}

/// What was read from the form.
struct Received {
    key: String,
    filename: String,
    content_type: &'static str,
    size: i64,
    sha256: String,
}

async fn write_chunk(blob: Box<dyn PendingBlob>, chunk: Bytes) -> ApiResult<Box<dyn PendingBlob>> {
    web::block(move || {
        let mut blob = blob;
        blob.write_all(&chunk).map(|_| blob)
    })
    .await?
    .map_err(|e| ApiError::internal(format!("writing upload: {e}")))
}

/// Streams the `file` part into a pending blob: hashing, sniffing and counting as it goes.
async fn receive_file(
    blobs: &Arc<dyn BlobStore>,
    field: &mut actix_multipart::Field,
    key: &str,
    limit: u64,
) -> ApiResult<Received> {
    let filename = sanitize_filename(
        field
            .content_disposition()
            .and_then(|cd| cd.get_filename())
            .unwrap_or(""),
    );
    let declared = field
        .content_type()
        .map(|m| m.essence_str().to_owned())
        .unwrap_or_default();
    let store = blobs.clone();
    let k = key.to_owned();
    let mut blob = web::block(move || store.create(&k))
        .await?
        .map_err(|e| ApiError::internal(format!("creating upload: {e}")))?;
    let mut hasher = Sha256::new();
    let mut head: Vec<u8> = Vec::with_capacity(16);
    let mut size: u64 = 0;
    while let Some(chunk) = field.next().await {
        let chunk = chunk.map_err(|_| {
            ApiError::bad_request(
                ErrorCode::BadRequest,
                "خواندن فایل ممکن نشد.",
                "The file could not be read.",
            )
        })?;
        size += chunk.len() as u64;
        if size > limit {
            return Err(ApiError::payload_too_large(limit));
        }
        if head.len() < 16 {
            let take = (16 - head.len()).min(chunk.len());
            head.extend_from_slice(&chunk[..take]);
        }
        hasher.update(&chunk);
        blob = write_chunk(blob, chunk).await?;
    }
    if size == 0 {
        return Err(ApiError::invalid_field(FieldIssue::new(
            "file",
            "empty_file",
            "فایل خالی است.",
            "The file is empty.",
        )));
    }
    let kind = sniff(&head).ok_or_else(|| {
        ApiError::unsupported_media_type(
            "تنها فایل‌های PDF، JPEG و PNG پذیرفته می‌شوند.",
            "Only PDF, JPEG and PNG files are accepted (judged by their content).",
        )
    })?;
    if !kind.matches_declared(&declared) {
        return Err(ApiError::unsupported_media_type(
            "نوع اعلام‌شدهٔ فایل با محتوای آن هم‌خوانی ندارد.",
            "The declared content type does not match the file's content.",
        ));
    }
    web::block(move || blob.sync())
        .await?
        .map_err(|e| ApiError::internal(format!("syncing upload: {e}")))?;
    Ok(Received {
        key: key.to_owned(),
        filename,
        content_type: kind.content_type(),
        size: size as i64,
        sha256: hex::encode(hasher.finalize()),
    })
}

async fn read_text(field: &mut actix_multipart::Field) -> ApiResult<String> {
    let mut buf = Vec::new();
    while let Some(chunk) = field.next().await {
        let chunk = chunk.map_err(|_| {
            ApiError::bad_request(ErrorCode::BadRequest, "فرم نامعتبر است.", "Malformed form.")
        })?;
        buf.extend_from_slice(&chunk);
        if buf.len() > 256 {
            break;
        }
    }
    Ok(String::from_utf8_lossy(&buf).trim().to_owned())
}

/// Reads the whole form; on any failure the pending blob is discarded.
async fn read_form(
    blobs: &Arc<dyn BlobStore>,
    mut form: Multipart,
    key: &str,
    limit: u64,
) -> ApiResult<(Option<Received>, Option<String>)> {
    let mut file = None;
    let mut document_type = None;
    while let Some(field) = form.next().await {
        let mut field = field.map_err(|e| match e {
            actix_multipart::MultipartError::ContentTypeMissing
            | actix_multipart::MultipartError::ContentTypeParse
            | actix_multipart::MultipartError::ContentTypeIncompatible
            | actix_multipart::MultipartError::BoundaryMissing => ApiError::unsupported_media_type(
                "بدنهٔ درخواست باید multipart/form-data باشد.",
                "The request body must be multipart/form-data.",
            ),
            _ => ApiError::bad_request(
                ErrorCode::BadRequest,
                "فرم ارسالی نامعتبر است.",
                "The multipart form is malformed.",
            ),
        })?;
        let name = field.name().unwrap_or("").to_owned();
        match name.as_str() {
            "file" if file.is_none() => {
                file = Some(receive_file(blobs, &mut field, key, limit).await?);
            }
            "document_type" => document_type = Some(read_text(&mut field).await?),
            other => {
                return Err(ApiError::invalid_field(FieldIssue::new(
                    other,
                    "unknown_field",
                    "این فیلد شناخته‌شده نیست.",
                    "Unknown form field.",
                )))
            }
        }
    }
    Ok((file, document_type))
}

/// Upload a supplementary document. Roles: the owning `agency`, `directorate`.
///
/// `multipart/form-data` with `file` and `document_type`. PDF, JPEG and PNG only, judged by
/// the file's bytes (415 otherwise, also when the declared type disagrees with the bytes); at
/// most the configured size (default 10 MiB; 413, enforced while streaming). Not on terminal
/// requests (409). The bytes never change after upload: a new version is a new document.
#[utoipa::path(
    tag = "documents",
    params(("id" = String, Path, description = "Request id")),
    request_body(content = UploadForm, content_type = "multipart/form-data"),
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Stored.", body = Document),
        (status = 409, description = "The request is closed (`invalid_transition`).", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "File too large (`payload_too_large`).", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not a PDF, JPEG or PNG, or not multipart (`unsupported_media_type`).", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Missing `file` or invalid `document_type` (`validation_failed`).", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/requests/{id}/documents")]
pub async fn upload(
    state: web::Data<AppState>,
    blobs: web::Data<Arc<dyn BlobStore>>,
    req: HttpRequest,
    user: AuthUser,
    id: web::Path<String>,
    payload: web::Payload,
) -> ApiResult<HttpResponse> {
    user.require(&[Role::Agency, Role::Directorate])?;
    let scope = Scope::documents(&user)?;
    let request_id = id.into_inner();
    let limit = state.config.document_max_size.0;
    // Refuse early what cannot fit (the form's overhead is small).
    let declared_len = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared_len.is_some_and(|n| n > limit + 64 * 1024) {
        return Err(ApiError::payload_too_large(limit));
    }
    // Visible and open? (Checked again in the transaction.)
    let s = scope.clone();
    let rid = request_id.clone();
    let status = state
        .db(move |conn| Ok(store::load_visible(conn, &s, &rid)?.status))
        .await?;
    if status.is_terminal() {
        return Err(closed(status));
    }
    let is_multipart = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.to_ascii_lowercase().starts_with("multipart/form-data"));
    if !is_multipart {
        return Err(ApiError::unsupported_media_type(
            "بدنهٔ درخواست باید multipart/form-data باشد.",
            "The request body must be multipart/form-data.",
        ));
    }
    let key = uuid::Uuid::now_v7().to_string();
    let form = Multipart::new(req.headers(), payload);
    let outcome = read_form(&blobs, form, &key, limit).await;
    let (file, document_type) = match outcome {
        Ok(parts) => parts,
        Err(e) => {
            blobs.discard(&key);
            return Err(e);
        }
    };
    let mut issues = Issues::new();
    let document_type = match document_type.as_deref() {
        None | Some("") => {
            issues.push(FieldIssue::required("document_type"));
            None
        }
        Some(t) => match t.parse::<DocumentType>() {
            Ok(t) => Some(t),
            Err(_) => {
                issues.push(FieldIssue::new(
                    "document_type",
                    "invalid_value",
                    "نوع مدرک مجاز نیست.",
                    "Unknown document_type.",
                ));
                None
            }
        },
    };
    if file.is_none() {
        issues.push(FieldIssue::required("file"));
    }
    if let Err(e) = issues.finish() {
        blobs.discard(&key);
        return Err(e);
    }
    let (Some(file), Some(document_type)) = (file, document_type) else {
        blobs.discard(&key);
        return Err(ApiError::internal("validated form lost its parts"));
    };
    let uploader = user.id.clone();
    let committed = state
        .tx(move |conn| {
            let req_row = store::load_visible(conn, &scope, &request_id)?;
            if req_row.status.is_terminal() {
                return Err(closed(req_row.status));
            }
            let row = DocumentRow {
                id: file.key.clone(),
                request_id,
                document_type,
                filename: file.filename,
                content_type: file.content_type.to_owned(),
                size: file.size,
                sha256: file.sha256,
                storage_key: file.key,
                uploaded_at: now(),
                uploaded_by: uploader,
            };
            diesel::insert_into(documents::table)
                .values(&row)
                .execute(conn)?;
            Ok(row)
        })
        .await;
    let row = match committed {
        Ok(row) => row,
        Err(e) => {
            blobs.discard(&key);
            return Err(e);
        }
    };
    // The row is committed: make the bytes visible. Should this fail (or the process die
    // here), start-up recovery completes the rename.
    let store_ = blobs.clone();
    let k = key.clone();
    if let Err(e) = web::block(move || store_.persist(&k)).await? {
        return Err(ApiError::internal(format!("persisting upload: {e}")));
    }
    let mut b = HttpResponse::build(StatusCode::CREATED);
    b.insert_header((
        header::LOCATION,
        format!("/api/v1/documents/{}/content", row.id),
    ));
    Ok(b.json(Document::from(row)))
}

/// The documents of a request, oldest first. Roles: the owning `agency`, `directorate`,
/// `admin`.
#[utoipa::path(
    tag = "documents",
    params(("id" = String, Path, description = "Request id")),
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
    let items = state
        .db(move |conn| {
            store::load_visible(conn, &scope, &id)?;
            let rows: Vec<DocumentRow> = documents::table
                .filter(documents::request_id.eq(&id))
                .order((documents::uploaded_at.asc(), documents::id.asc()))
                .select(DocumentRow::as_select())
                .load(conn)?;
            Ok(rows.into_iter().map(Document::from).collect::<Vec<_>>())
        })
        .await?;
    Ok(HttpResponse::Ok().json(DocumentList { items }))
}

/// Download a document's bytes. Roles: the owning `agency`, `directorate`, `admin`.
///
/// Sent as an attachment with a server-made file name (the original, sanitised, in
/// `filename*`), the stored content type, `X-Content-Type-Options: nosniff` and an `ETag`
/// from the SHA-256.
#[utoipa::path(
    tag = "documents",
    params(("id" = String, Path, description = "Document id")),
    security(("bearer" = [])),
    responses((status = 200, description = "The bytes.", content_type = "application/octet-stream", body = Vec<u8>))
)]
#[get("/documents/{id}/content")]
pub async fn download(
    state: web::Data<AppState>,
    blobs: web::Data<Arc<dyn BlobStore>>,
    user: AuthUser,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let scope = Scope::documents(&user)?;
    let id = id.into_inner();
    let row = state
        .db(move |conn| {
            let (row, org): (DocumentRow, String) = documents::table
                .inner_join(requests::table)
                .filter(documents::id.eq(&id))
                .select((DocumentRow::as_select(), requests::organisation_id))
                .first(conn)?;
            if !scope.allows(&org) {
                return Err(ApiError::not_found());
            }
            Ok(row)
        })
        .await?;
    let store_ = blobs.clone();
    let key = row.storage_key.clone();
    let reader = web::block(move || store_.open(&key))
        .await?
        .map_err(|e| ApiError::internal(format!("opening document: {e}")))?;
    let stream = futures_util::stream::unfold(Some(reader), |state| async move {
        let reader = state?;
        let read = web::block(move || {
            let mut reader = reader;
            let mut buf = vec![0u8; 64 * 1024];
            let n = reader.read(&mut buf)?;
            buf.truncate(n);
            Ok::<_, std::io::Error>((reader, buf))
        })
        .await;
        match read {
            Ok(Ok((_, buf))) if buf.is_empty() => None,
            Ok(Ok((reader, buf))) => {
                Some((Ok::<_, actix_web::Error>(Bytes::from(buf)), Some(reader)))
            }
            Ok(Err(e)) => Some((Err(actix_web::error::ErrorInternalServerError(e)), None)),
            Err(e) => Some((Err(actix_web::error::ErrorInternalServerError(e)), None)),
        }
    });
    let ext = match row.content_type.as_str() {
        "application/pdf" => "pdf",
        "image/png" => "png",
        _ => "jpg",
    };
    let disposition = format!(
        "attachment; filename=\"document-{}.{ext}\"; filename*=UTF-8''{}",
        row.id,
        rfc5987(&row.filename)
    );
    let mut b = HttpResponse::Ok();
    b.insert_header((header::CONTENT_TYPE, row.content_type.clone()));
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        b.insert_header((header::CONTENT_DISPOSITION, v));
    }
    b.insert_header((header::ETAG, format!("\"{}\"", row.sha256)));
    b.insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"));
    b.insert_header((header::CACHE_CONTROL, "private, no-store"));
    Ok(b.no_chunking(row.size as u64).streaming(stream))
}

fn load_views(
    conn: &mut DbConnection,
    request_id: &str,
    status: RequestStatus,
    version: i64,
) -> ApiResult<Vec<DocumentRequestView>> {
    let asks: Vec<DocumentRequestRow> = document_requests::table
        .filter(document_requests::request_id.eq(request_id))
        .order((
            document_requests::created_at.asc(),
            document_requests::id.asc(),
        ))
        .select(DocumentRequestRow::as_select())
        .load(conn)?;
    let uploads: Vec<(DocumentType, NaiveDateTime)> = documents::table
        .filter(documents::request_id.eq(request_id))
        .select((documents::document_type, documents::uploaded_at))
        .load(conn)?;
    let mut out = Vec::with_capacity(asks.len());
    for ask in asks {
        let items: Vec<DocumentRequestItemRow> = document_request_items::table
            .filter(document_request_items::document_request_id.eq(&ask.id))
            .order(document_request_items::position.asc())
            .select(DocumentRequestItemRow::as_select())
            .load(conn)?;
        let items: Vec<ItemView> = items
            .into_iter()
            .map(|i| ItemView {
                fulfilled: uploads
                    .iter()
                    .any(|(t, at)| *t == i.document_type && *at >= ask.created_at),
                document_type: i.document_type,
                description: i.description,
            })
            .collect();
        let mut outstanding: Vec<DocumentType> = Vec::new();
        for i in items.iter().filter(|i| !i.fulfilled) {
            if !outstanding.contains(&i.document_type) {
                outstanding.push(i.document_type);
            }
        }
        out.push(DocumentRequestView {
            id: ask.id,
            message: ask.message,
            due_date: ask.due_date,
            items,
            outstanding,
            created_at: crate::clock::utc(ask.created_at),
            created_by: ask.created_by,
            request_status: status,
            request_version: version,
        });
    }
    Ok(out)
}

/// Ask the agency for supplementary documents: `under_review` → `awaiting_documents` (the SLA
/// clock pauses). Roles: `directorate`. Honours `If-Match`.
#[utoipa::path(
    tag = "documents",
    params(
        ("id" = String, Path, description = "Request id"),
        ("If-Match" = Option<String>, Header, description = "The request's `ETag` last read; 412 when stale."),
    ),
    request_body = CreateDocumentRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Asked; the request now awaits documents. `ETag` is the request's new version.", body = DocumentRequestView),
        (status = 409, description = "Not allowed in the current state (`invalid_transition`).", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Stale `If-Match`.", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/requests/{id}/document-requests")]
pub async fn create_document_request(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    if_match: IfMatch,
    body: Json<CreateDocumentRequest>,
) -> ApiResult<HttpResponse> {
    user.require(Action::RequestDocuments.roles())?;
    service::ensure_visible(&state, &user, &id).await?;
    let input = body.into_inner()?;
    let mut issues = Issues::new();
    let message = issues.text("message", &input.message, 1, 2000);
    if input.items.is_empty() || input.items.len() > 20 {
        issues.push(FieldIssue::new(
            "items",
            "invalid_length",
            "دست‌کم یک و حداکثر ۲۰ مدرک.",
            "Between 1 and 20 items.",
        ));
    }
    let items: Vec<(DocumentType, Option<String>)> = input
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            (
                item.document_type,
                issues.opt_text(
                    &format!("items[{i}].description"),
                    item.description.as_deref(),
                    500,
                ),
            )
        })
        .collect();
    let today = chrono::Utc::now().date_naive();
    let due_date = match input.due_date.as_deref().filter(|d| !d.trim().is_empty()) {
        None => None,
        Some(d) => match parse_date(d) {
            Ok(date) if date >= today => Some(date),
            Ok(_) => {
                issues.push(FieldIssue::new(
                    "due_date",
                    "past_date",
                    "مهلت نمی‌تواند در گذشته باشد.",
                    "The due date cannot be in the past.",
                ));
                None
            }
            Err(_) => {
                issues.push(FieldIssue::new(
                    "due_date",
                    "invalid_date",
                    "تاریخ نامعتبر است (۱۴۰۳/۰۹/۰۱ یا 2024-11-21).",
                    "Invalid date (1403/09/01 or 2024-11-21).",
                ));
                None
            }
        },
    };
    issues.finish()?;
    let request_id = id.into_inner();
    let config = state.config.clone();
    let view = state
        .tx(move |conn| {
            let at = now();
            let ask_id = uuid::Uuid::now_v7().to_string();
            let note = message.clone();
            let after = service::apply(
                conn,
                &config,
                &user,
                &request_id,
                Action::RequestDocuments,
                if_match,
                Some(&note),
                Effects::default(),
                at,
                |c, row| {
                    diesel::insert_into(document_requests::table)
                        .values(&DocumentRequestRow {
                            id: ask_id.clone(),
                            request_id: row.id.clone(),
                            message,
                            due_date,
                            created_at: at,
                            created_by: user.id.clone(),
                        })
                        .execute(c)?;
                    for (i, (t, d)) in items.into_iter().enumerate() {
                        diesel::insert_into(document_request_items::table)
                            .values(&DocumentRequestItemRow {
                                id: uuid::Uuid::now_v7().to_string(),
                                document_request_id: ask_id.clone(),
                                position: i as i32,
                                document_type: t,
                                description: d,
                            })
                            .execute(c)?;
                    }
                    Ok(())
                },
            )?;
            let views = load_views(conn, &after.id, after.status, after.version)?;
            views
                .into_iter()
                .find(|v| v.id == ask_id)
                .ok_or_else(|| ApiError::internal("document request vanished"))
        })
        .await?;
    let mut b = HttpResponse::build(StatusCode::CREATED);
    b.insert_header((header::ETAG, etag(view.request_version)));
    b.insert_header((
        header::LOCATION,
        format!("/api/v1/requests/{}/document-requests", view.id),
    ));
    Ok(b.json(view))
}

/// The directorate's requests for documents, oldest first, each with its outstanding items.
/// Roles: the owning `agency`, `directorate`, `admin`.
#[utoipa::path(
    tag = "documents",
    params(("id" = String, Path, description = "Request id")),
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
    let items = state
        .db(move |conn| {
            let row = store::load_visible(conn, &scope, &id)?;
            load_views(conn, &id, row.status, row.version)
        })
        .await?;
    Ok(HttpResponse::Ok().json(DocumentRequestList { items }))
}

/// Resubmit after uploading what was asked: `awaiting_documents` → `under_review` (the SLA
/// clock resumes). Roles: the owning `agency`. Honours `If-Match`.
///
/// 409 `documents_missing` (with `missing_document_types`) while an asked-for document type
/// has no upload since the latest ask.
#[utoipa::path(
    tag = "documents",
    params(
        ("id" = String, Path, description = "Request id"),
        ("If-Match" = Option<String>, Header, description = "The `ETag` last read; 412 when stale."),
    ),
    request_body = ResubmitBody,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Back under review.", body = crate::requests::model::RequestView),
        (status = 409, description = "Documents still missing (`documents_missing`) or not allowed in the current state (`invalid_transition`).", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Stale `If-Match`.", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/requests/{id}/resubmit")]
pub async fn resubmit(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    if_match: IfMatch,
    body: Json<ResubmitBody>,
) -> ApiResult<HttpResponse> {
    user.require(Action::Resubmit.roles())?;
    service::ensure_visible(&state, &user, &id).await?;
    let input = body.into_inner()?;
    let mut issues = Issues::new();
    let note = issues.opt_text("note", input.note.as_deref(), 2000);
    issues.finish()?;
    let request_id = id.into_inner();
    let config = state.config.clone();
    let view = state
        .tx(move |conn| {
            let after = service::apply(
                conn,
                &config,
                &user,
                &request_id,
                Action::Resubmit,
                if_match,
                note.as_deref(),
                Effects::default(),
                now(),
                |c, row| {
                    let views = load_views(c, &row.id, row.status, row.version)?;
                    let missing = views
                        .last()
                        .map(|v| v.outstanding.clone())
                        .unwrap_or_default();
                    if missing.is_empty() {
                        return Ok(());
                    }
                    let names: Vec<&str> = missing.iter().map(|t| t.as_str()).collect();
                    Err(ApiError::conflict(
                        ErrorCode::DocumentsMissing,
                        format!(
                            "مدارک خواسته‌شده هنوز بارگذاری نشده است: {}",
                            names.join("، ")
                        ),
                        format!(
                            "Asked-for documents are still missing: {}",
                            names.join(", ")
                        ),
                    )
                    .with_extension("missing_document_types", names))
                },
            )?;
            service::view(conn, &config, &user, after)
        })
        .await?;
    let mut b = HttpResponse::Ok();
    b.insert_header((header::ETAG, etag(view.version)));
    Ok(b.json(view))
}
