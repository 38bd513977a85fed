//! Moving bytes over HTTP: reading an upload form while streaming its file into a pending
//! blob (hashed, sniffed, size-limited), and streaming a stored document back out.
//!
//! Crash safety: a file is written to a pending blob (`.incoming/<key>.part`), the handler
//! commits its row (with the database store, the bytes are copied into the database in that
//! same transaction), and only then is the blob persisted (renamed) or, with the database
//! store, removed; every failure before the commit discards it, and so does dropping the
//! upload's future (a client that resets the connection mid-body): see [`Staged`] and
//! `storage`.

use std::io::{Read, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use actix_multipart::Multipart;
use actix_web::http::header::{self, HeaderMap, HeaderValue};
use actix_web::web::{self, Bytes};
use actix_web::{HttpRequest, HttpResponse};
use futures_util::StreamExt;
use sha2::{Digest, Sha256};

use crate::db::DbConnection;
use crate::documents::model::{BlobLocation, DocumentRow, ReceivedFile, UploadParts};
use crate::documents::sniff::{download_name, rfc5987, sanitize_filename, sniff, FileKind};
use crate::documents::storage::{Blobs, PendingBlob};
use crate::error::{ApiError, ApiResult, ErrorCode, FieldIssue};
use crate::state::AppState;

/// 413 before reading when the declared length cannot fit (the form's overhead is small).
pub fn refuse_declared_oversize(headers: &HeaderMap, limit: u64) -> ApiResult<()> {
    let declared_len = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared_len.is_some_and(|n| n > limit + 64 * 1024) {
        return Err(ApiError::payload_too_large(limit));
    }
    Ok(())
}

fn not_multipart() -> ApiError {
    ApiError::unsupported_media_type(
        "بدنهٔ درخواست باید multipart/form-data باشد.",
        "The request body must be multipart/form-data.",
    )
}

/// 415 unless the body is `multipart/form-data`.
pub fn require_multipart(headers: &HeaderMap) -> ApiResult<()> {
    let is_multipart = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.to_ascii_lowercase().starts_with("multipart/form-data"));
    if is_multipart {
        Ok(())
    } else {
        Err(not_multipart())
    }
}

/// An upload's pending blob, guarded: dropped before [`Staged::commit`] took it over (a
/// failed form, a refused upload, or the handler's future dropped because the client reset
/// the connection mid-body), its `.part` file is removed.
pub struct Staged {
    blobs: Arc<Blobs>,
    key: String,
    /// Set when the guard lets go without committing: a blob created after that (its
    /// creation was already under way on the blocking pool) is removed by its creator.
    abandoned: Arc<AtomicBool>,
    armed: bool,
}

impl Drop for Staged {
    fn drop(&mut self) {
        if self.armed {
            self.abandoned.store(true, Ordering::SeqCst);
            self.blobs.files.discard(&self.key);
        }
    }
}

impl Staged {
    /// Reads the whole form, streaming its `file` into a new pending blob (removed when the
    /// form fails or the read is abandoned).
    pub async fn receive(
        blobs: &Arc<Blobs>,
        req: &HttpRequest,
        payload: web::Payload,
        limit: u64,
    ) -> ApiResult<(Staged, UploadParts)> {
        let staged = Staged {
            blobs: blobs.clone(),
            key: uuid::Uuid::now_v7().to_string(),
            abandoned: Arc::default(),
            armed: true,
        };
        let form = Multipart::new(req.headers(), payload);
        let parts = read_form(&staged, form, limit).await?;
        Ok((staged, parts))
    }

    /// Runs `record` (which inserts the document's row, kept where it is told) in a write
    /// transaction, copies the bytes into the database in that transaction when the database
    /// store is the target, and then, on the thread that ran it, persists or removes the
    /// pending blob. Once started this runs to its end even if the client goes away, so a
    /// committed row never loses its bytes (and should the process die in between, start-up
    /// recovery completes the rename, or removes the pending copy of a database document).
    pub async fn commit<T, F>(mut self, state: &AppState, record: F) -> ApiResult<T>
    where
        F: FnOnce(&mut DbConnection, BlobLocation) -> ApiResult<T> + Send + 'static,
        T: Send + 'static,
    {
        self.armed = false;
        let (blobs, key) = (self.blobs.clone(), self.key.clone());
        let (inside, key_inside) = (blobs.clone(), key.clone());
        state
            .tx_then(
                move |conn| {
                    let value = record(conn, inside.target)?;
                    inside.store_in_tx(conn, &key_inside)?;
                    Ok(value)
                },
                move |committed| {
                    let finished = blobs.finish(&key, committed.is_ok());
                    let value = committed?;
                    finished
                        .map(|_| value)
                        .map_err(|e| ApiError::internal(format!("persisting upload: {e}")))
                },
            )
            .await
    }
}

async fn write_chunk(blob: Box<dyn PendingBlob>, chunk: Bytes) -> ApiResult<Box<dyn PendingBlob>> {
    web::block(move || {
        let mut blob = blob;
        blob.write_all(&chunk).map(|_| blob)
    })
    .await?
    .map_err(|e| ApiError::internal(format!("writing upload: {e}")))
}

/// The staged upload's blob, created on the blocking pool.
async fn create_blob(staged: &Staged) -> ApiResult<Box<dyn PendingBlob>> {
    let store = staged.blobs.files.clone();
    let k = staged.key.clone();
    let abandoned = staged.abandoned.clone();
    web::block(move || {
        let blob = store.create(&k);
        // The guard may have let go while this waited for a thread: then nobody else will
        // remove the file (the guard's removal may have come first).
        if abandoned.load(Ordering::SeqCst) {
            store.discard(&k);
        }
        blob
    })
    .await?
    .map_err(|e| ApiError::internal(format!("creating upload: {e}")))
}

/// The file's kind, judged by its first bytes (`head`): not empty, PDF, JPEG or PNG, and what
/// the part declared (`declared`).
fn checked_kind(size: u64, head: &[u8], declared: &str) -> ApiResult<FileKind> {
    if size == 0 {
        return Err(ApiError::invalid_field(FieldIssue::new(
            "file",
            "empty_file",
            "فایل خالی است.",
            "The file is empty.",
        )));
    }
    let kind = sniff(head).ok_or_else(|| {
        ApiError::unsupported_media_type(
            "تنها فایل‌های PDF، JPEG و PNG پذیرفته می‌شوند.",
            "Only PDF, JPEG and PNG files are accepted (judged by their content).",
        )
    })?;
    if !kind.matches_declared(declared) {
        return Err(ApiError::unsupported_media_type(
            "نوع اعلام‌شدهٔ فایل با محتوای آن هم‌خوانی ندارد.",
            "The declared content type does not match the file's content.",
        ));
    }
    Ok(kind)
}

/// Streams the `file` part into a pending blob: hashing, sniffing and counting as it goes.
async fn receive_file(
    staged: &Staged,
    field: &mut actix_multipart::Field,
    limit: u64,
) -> ApiResult<ReceivedFile> {
    let key = staged.key.as_str();
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
    let mut blob = create_blob(staged).await?;
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
    let kind = checked_kind(size, &head, &declared)?;
    web::block(move || blob.sync())
        .await?
        .map_err(|e| ApiError::internal(format!("syncing upload: {e}")))?;
    Ok(ReceivedFile {
        key: key.to_owned(),
        filename,
        kind,
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

/// Reads the whole form (the caller's guard removes the pending blob on failure).
async fn read_form(staged: &Staged, mut form: Multipart, limit: u64) -> ApiResult<UploadParts> {
    let mut file = None;
    let mut document_type = None;
    while let Some(field) = form.next().await {
        let mut field = field.map_err(|e| match e {
            actix_multipart::MultipartError::ContentTypeMissing
            | actix_multipart::MultipartError::ContentTypeParse
            | actix_multipart::MultipartError::ContentTypeIncompatible
            | actix_multipart::MultipartError::BoundaryMissing => not_multipart(),
            _ => ApiError::bad_request(
                ErrorCode::BadRequest,
                "فرم ارسالی نامعتبر است.",
                "The multipart form is malformed.",
            ),
        })?;
        let name = field.name().unwrap_or("").to_owned();
        match name.as_str() {
            "file" if file.is_none() => {
                file = Some(receive_file(staged, &mut field, limit).await?);
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
    Ok(UploadParts {
        file,
        document_type,
    })
}

/// The media type of downloads in the OpenAPI document: one per response, so every generator
/// keeps the download (openapi-python-client reads only JSON, text and this one).
pub const DOWNLOAD_MEDIA_TYPE: &str = "application/octet-stream";

/// Whether a client's `Accept` admits only [`DOWNLOAD_MEDIA_TYPE`], not the stored type: then
/// the bytes are labelled so. Without `Accept`, or with one that admits the stored type (also as
/// `type/*` or `*/*`), they keep their own type.
fn wants_octet_stream(req: &HttpRequest, stored: &str) -> bool {
    let Some(accept) = req
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let (main, _) = stored.split_once('/').unwrap_or((stored, ""));
    let mut octet = false;
    for range in accept.split(',') {
        let mut parts = range.split(';');
        let media = parts.next().unwrap_or("").trim().to_ascii_lowercase();
        let refused = parts.any(|p| {
            let p = p.trim().replace(' ', "");
            p == "q=0" || p == "q=0.0" || p == "q=0.00" || p == "q=0.000"
        });
        if refused {
            continue;
        }
        if media == stored || media == "*/*" || media == format!("{main}/*") {
            return false;
        }
        octet |= media == DOWNLOAD_MEDIA_TYPE;
    }
    octet
}

/// The document's bytes as an attachment with a server-made file name (the original,
/// sanitised, in `filename*`), its content type (`application/octet-stream` when the client's
/// `Accept` asks only for that), `nosniff` and an `ETag` from the SHA-256.
pub async fn send(
    blobs: Arc<Blobs>,
    row: DocumentRow,
    req: &HttpRequest,
) -> ApiResult<HttpResponse> {
    let stored = row.content_type.content_type();
    let content_type = if wants_octet_stream(req, stored) {
        DOWNLOAD_MEDIA_TYPE
    } else {
        stored
    };
    let at = row.clone();
    let reader = web::block(move || blobs.open(&at))
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
    let disposition = format!(
        "attachment; filename=\"document-{}.{}\"; filename*=UTF-8''{}",
        row.id,
        row.content_type.extension(),
        rfc5987(&download_name(&row.filename, row.content_type))
    );
    let mut b = HttpResponse::Ok();
    b.insert_header((header::CONTENT_TYPE, content_type));
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        b.insert_header((header::CONTENT_DISPOSITION, v));
    }
    b.insert_header((header::ETAG, format!("\"{}\"", row.sha256)));
    b.insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"));
    b.insert_header((header::CACHE_CONTROL, "private, no-store"));
    Ok(b.no_chunking(row.size as u64).streaming(stream))
}
