//! The removal record (صورتجلسه فک پلاک): the signed paper the police draw up when they remove
//! the plates, scanned and attached to their receipt.
//!
//! - **Stored as a document.** Its bytes are a `documents` row of type `removal_record` on the
//!   permit's request: the same sniffing (PDF, JPEG, PNG judged by the bytes), size limit
//!   (`DOCUMENT_MAX_SIZE`), storage (`BLOB_STORE`), crash safety, backups and blob migration as
//!   every document; `removal_records` says which document is the receipt's record now. It is
//!   not one of the agency's documents: it is not listed under the request's documents and does
//!   not count towards their quota.
//! - **One per receipt, replaceable until registration.** The police unit that posted the
//!   receipt attaches it (`PUT /permits/{id}/receipt/record`) and may replace it — a blurred
//!   scan, the wrong page — until the directorate or the registry records the removal in the
//!   national vehicle system (`POST /requests/{id}/registration`). From then on the registration
//!   rests on that paper and it is final (409). A replaced file is kept, named in the audit
//!   trail; the record's `version` counts the files attached.
//! - **Only for removals.** A refusal has no removal record (409).
//! - **Who sees it.** The directorate, administrators, the owning agency and the police unit
//!   that posted the receipt see the record in the permit (`receipt.removal_record`) and may
//!   download it; for anyone else (the registry, another police unit) it is `null` and the
//!   download is 403 (registry) or 404.

use std::sync::Arc;

use actix_web::http::header;
use actix_web::{get, put, web, HttpRequest, HttpResponse};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use utoipa::ToSchema;

use crate::audit::{self, Actor, Entry, Subject, Trail};
use crate::auth::access::PermitScope;
use crate::auth::AuthUser;
use crate::clock::Clock;
use crate::db::schema::{documents, permits, receipts, registrations, removal_records, users};
use crate::db::DbConnection;
use crate::documents::model::{BlobLocation, DocumentRow, DocumentType, ReceivedFile};
use crate::documents::storage::Blobs;
use crate::documents::transfer;
use crate::domain::identity::Role;
use crate::error::{ApiError, ApiResult, ErrorCode, FieldIssue, Problem};
use crate::events::outbox::{emit, NewEvent};
use crate::events::{EventType, SubjectKind};
use crate::http::etag::{with_etag, IfMatch};
use crate::http::openapi::Binary;
use crate::permits::model::{Outcome, PermitRow, ReceiptRow};
use crate::permits::store;
use crate::permits::views::{PermitView, RemovalRecordView};
use crate::state::AppState;

#[derive(Clone, Debug, Queryable, Selectable, Insertable)]
#[diesel(table_name = removal_records)]
pub struct RemovalRecordRow {
    pub receipt_id: String,
    pub permit_id: String,
    pub document_id: String,
    pub police_organisation_id: String,
    pub version: i32,
    pub attached_at: NaiveDateTime,
    pub attached_by: String,
}

/// Whether `user` may see and download a record: the directorate, administrators, the
/// owning agency and the police unit that posted the receipt.
fn may_read(user: &AuthUser, agency_id: &str, police_org: &str) -> bool {
    match user.role {
        Role::Directorate | Role::Admin => true,
        Role::Agency => user.org_id == agency_id,
        Role::Police => user.org_id == police_org,
        Role::Registry => false,
    }
}

fn record_view(
    row: RemovalRecordRow,
    doc: DocumentRow,
    registered: bool,
    clock: &Clock,
) -> RemovalRecordView {
    let (attached_at, attached_at_jalali) = clock.stamp(row.attached_at).into_parts();
    RemovalRecordView {
        download_url: format!("/api/v1/permits/{}/receipt/record", row.permit_id),
        document_id: row.document_id,
        filename: doc.filename,
        content_type: doc.content_type.as_str().to_owned(),
        size: doc.size,
        sha256: doc.sha256,
        version: row.version,
        attached_at_jalali,
        attached_at,
        attached_by: row.attached_by,
        police_organisation_id: row.police_organisation_id,
        replaceable: !registered,
    }
}

/// Fills `receipt.removal_record` of each view `user` may see it in (two queries for a page).
pub fn fill(
    conn: &mut DbConnection,
    clock: &Clock,
    user: &AuthUser,
    views: &mut [PermitView],
) -> ApiResult<()> {
    let receipt_ids: Vec<String> = views
        .iter()
        .filter_map(|v| v.receipt.as_ref().map(|r| r.id.clone()))
        .collect();
    if receipt_ids.is_empty() {
        return Ok(());
    }
    let found: Vec<(RemovalRecordRow, DocumentRow)> = removal_records::table
        .inner_join(documents::table)
        .filter(removal_records::receipt_id.eq_any(&receipt_ids))
        .select((RemovalRecordRow::as_select(), DocumentRow::as_select()))
        .load(conn)?;
    if found.is_empty() {
        return Ok(());
    }
    let request_ids: Vec<String> = views.iter().map(|v| v.request_id.clone()).collect();
    let registered: Vec<String> = registrations::table
        .filter(registrations::request_id.eq_any(&request_ids))
        .select(registrations::request_id)
        .load(conn)?;
    for (row, doc) in found {
        let Some(view) = views
            .iter_mut()
            .find(|v| v.receipt.as_ref().is_some_and(|r| r.id == row.receipt_id))
        else {
            continue;
        };
        if !may_read(user, &view.agency.id, &row.police_organisation_id) {
            continue;
        }
        let done = registered.contains(&view.request_id);
        if let Some(receipt) = view.receipt.as_mut() {
            receipt.removal_record = Some(record_view(row, doc, done, clock));
        }
    }
    Ok(())
}

fn no_receipt() -> ApiError {
    ApiError::conflict(
        ErrorCode::Conflict,
        "برای این مجوز هنوز رسیدی ثبت نشده است؛ نخست رسید فک پلاک را ثبت کنید.",
        "No receipt was posted for this permit; post the removal receipt first.",
    )
}

/// The permit (visible to `user`), its receipt, and the police unit that posted it; the
/// checks every attachment passes, before the file is read and again in its transaction.
fn attachable(
    conn: &mut DbConnection,
    user: &AuthUser,
    permit_id: &str,
) -> ApiResult<(PermitRow, ReceiptRow, String)> {
    let (permit, _) = store::load_visible(conn, &PermitScope::of(user), permit_id)?;
    let receipt = store::receipt_of(conn, &permit.id)?.ok_or_else(no_receipt)?;
    if receipt.outcome != Outcome::Removed {
        return Err(ApiError::conflict(
            ErrorCode::Conflict,
            "صورت‌جلسهٔ فک پلاک تنها به رسید فک پلاک پیوست می‌شود؛ رسید این مجوز، عدم فک پلاک است.",
            "A removal record belongs to a removal receipt; this permit's receipt is a refusal.",
        ));
    }
    let poster_org: String = users::table
        .find(&receipt.recorded_by)
        .select(users::organisation_id)
        .first(conn)?;
    if poster_org != user.org_id {
        return Err(ApiError::new(
            ErrorCode::Forbidden,
            crate::i18n::Msg::new(
                "صورت‌جلسهٔ فک پلاک را تنها واحد پلیسی پیوست می‌کند که رسید را ثبت کرده است.",
                "Only the police unit that posted the receipt may attach its removal record.",
            ),
        ));
    }
    let registered: i64 = registrations::table
        .filter(registrations::request_id.eq(&permit.request_id))
        .count()
        .get_result(conn)?;
    if registered > 0 {
        return Err(ApiError::conflict(
            ErrorCode::Conflict,
            "فک پلاک در سامانهٔ جامع خودرو ثبت شده و صورت‌جلسهٔ آن دیگر تغییر نمی‌کند.",
            "The removal is registered in the national vehicle system; its record is final.",
        ));
    }
    Ok((permit, receipt, poster_org))
}

fn record_of(conn: &mut DbConnection, receipt_id: &str) -> ApiResult<Option<RemovalRecordRow>> {
    Ok(removal_records::table
        .find(receipt_id)
        .select(RemovalRecordRow::as_select())
        .first(conn)
        .optional()?)
}

/// Attaches (or replaces) the receipt's record, in the upload's transaction: the document's
/// row, the record, the permit's new version, the audit entry and `receipt.record_attached`.
/// `true` when it replaced one.
fn attach(
    conn: &mut DbConnection,
    clock: &Clock,
    user: &AuthUser,
    permit_id: &str,
    if_match: IfMatch,
    location: BlobLocation,
    file: ReceivedFile,
) -> ApiResult<(PermitView, bool)> {
    let at = clock.now();
    let (permit, receipt, police_org) = attachable(conn, user, permit_id)?;
    if_match.check(permit.version)?;
    let previous = record_of(conn, &receipt.id)?;
    let doc = DocumentRow {
        id: file.key.clone(),
        request_id: permit.request_id.clone(),
        document_type: DocumentType::RemovalRecord,
        filename: file.filename,
        content_type: file.kind,
        size: file.size,
        sha256: file.sha256,
        storage_key: file.key,
        uploaded_at: at,
        uploaded_by: user.id.clone(),
        blob_store: location,
    };
    crate::documents::queries::insert_document(conn, &doc)?;
    let row = RemovalRecordRow {
        receipt_id: receipt.id.clone(),
        permit_id: permit.id.clone(),
        document_id: doc.id.clone(),
        police_organisation_id: police_org,
        version: previous.as_ref().map_or(1, |p| p.version + 1),
        attached_at: at,
        attached_by: user.id.clone(),
    };
    save_record(conn, &row, previous.as_ref())?;
    bump_permit(conn, &permit, at)?;
    let attached = Attached {
        user,
        permit: &permit,
        receipt_id: &receipt.id,
        record: &row,
        document: &doc,
        replaced: previous.as_ref(),
    };
    note_attached(conn, at, &attached)?;
    let listing = store::listing(conn, &PermitScope::All, &permit.id)?;
    let mut views = [PermitView::build(listing, clock, at)];
    fill(conn, clock, user, &mut views)?;
    let [view] = views;
    Ok((view, previous.is_some()))
}

/// Inserts the receipt's first record, or replaces the one read as `previous` (409 when it
/// changed meanwhile).
fn save_record(
    conn: &mut DbConnection,
    row: &RemovalRecordRow,
    previous: Option<&RemovalRecordRow>,
) -> ApiResult<()> {
    let Some(p) = previous else {
        diesel::insert_into(removal_records::table)
            .values(row)
            .execute(conn)?;
        return Ok(());
    };
    let n = diesel::update(
        removal_records::table
            .filter(removal_records::receipt_id.eq(&row.receipt_id))
            .filter(removal_records::version.eq(p.version)),
    )
    .set((
        removal_records::document_id.eq(&row.document_id),
        removal_records::version.eq(row.version),
        removal_records::attached_at.eq(row.attached_at),
        removal_records::attached_by.eq(&row.attached_by),
    ))
    .execute(conn)?;
    if n != 1 {
        return Err(changed_meanwhile());
    }
    Ok(())
}

/// The permit's view changed: a new version (its `ETag`) and `updated_at` (pollers).
fn bump_permit(conn: &mut DbConnection, permit: &PermitRow, at: NaiveDateTime) -> ApiResult<()> {
    let n = diesel::update(
        permits::table
            .filter(permits::id.eq(&permit.id))
            .filter(permits::version.eq(permit.version)),
    )
    .set((
        permits::version.eq(permit.version + 1),
        permits::updated_at.eq(at),
    ))
    .execute(conn)?;
    if n != 1 {
        return Err(changed_meanwhile());
    }
    Ok(())
}

/// What an attached record is reported with.
struct Attached<'a> {
    user: &'a AuthUser,
    permit: &'a PermitRow,
    receipt_id: &'a str,
    record: &'a RemovalRecordRow,
    document: &'a DocumentRow,
    replaced: Option<&'a RemovalRecordRow>,
}

/// The detail of `receipt.record_attached` (the event's data, `ReceiptRecordAttachedData`,
/// says whether a record was replaced; the audit names it).
#[derive(serde::Serialize)]
struct RecordAttached<'a> {
    receipt_id: &'a str,
    document_id: &'a str,
    version: i32,
    replaced_document_id: Option<&'a str>,
    sha256: &'a str,
}

/// The audit entry and `receipt.record_attached` of an attached record.
fn note_attached(conn: &mut DbConnection, at: NaiveDateTime, a: &Attached<'_>) -> ApiResult<()> {
    let (permit, row, doc) = (a.permit, a.record, a.document);
    let organisation_id: String = crate::db::schema::requests::table
        .find(&permit.request_id)
        .select(crate::db::schema::requests::organisation_id)
        .first(conn)?;
    audit::record(
        conn,
        at,
        Entry::by(
            &Actor::of(a.user),
            audit::Action::ReceiptRecordAttached,
            Subject::Permit,
            &permit.id,
        )
        .about(&permit.request_id)
        .detail(RecordAttached {
            receipt_id: a.receipt_id,
            document_id: &row.document_id,
            version: row.version,
            replaced_document_id: a.replaced.map(|p| p.document_id.as_str()),
            sha256: &doc.sha256,
        }),
    )?;
    emit(
        conn,
        NewEvent {
            event_type: EventType::ReceiptRecordAttached,
            subject_kind: SubjectKind::Permit,
            subject_id: &permit.id,
            tracking_code: Some(&permit.tracking_code),
            organisation_id: Some(&organisation_id),
            data: serde_json::to_value(crate::permits::views::ReceiptRecordAttachedData {
                permit_id: permit.id.clone(),
                permit_number: permit.permit_number.clone(),
                receipt_id: a.receipt_id.to_owned(),
                document_id: row.document_id.clone(),
                content_type: doc.content_type.as_str().to_owned(),
                size: doc.size,
                sha256: doc.sha256.clone(),
                version: row.version.into(),
                replaced: a.replaced.is_some(),
            })
            .map_err(ApiError::internal)?,
            at,
        },
    )?;
    Ok(())
}

fn changed_meanwhile() -> ApiError {
    ApiError::conflict(
        ErrorCode::Conflict,
        "این مجوز هم‌زمان تغییر کرد؛ دوباره بخوانید و دوباره بفرستید.",
        "The permit changed meanwhile; read it again and retry.",
    )
}

/// The record's document, if `user` may read it (404 when there is none or it is not theirs
/// to see; 403 for the registry).
fn readable(conn: &mut DbConnection, user: &AuthUser, permit_id: &str) -> ApiResult<DocumentRow> {
    if user.role == Role::Registry {
        return Err(ApiError::forbidden());
    }
    let (permit, agency_id) = store::load_visible(conn, &PermitScope::of(user), permit_id)?;
    let (row, doc): (RemovalRecordRow, DocumentRow) = removal_records::table
        .inner_join(documents::table)
        .inner_join(receipts::table)
        .filter(receipts::permit_id.eq(&permit.id))
        .select((RemovalRecordRow::as_select(), DocumentRow::as_select()))
        .first(conn)?;
    if !may_read(user, &agency_id, &row.police_organisation_id) {
        return Err(ApiError::not_found());
    }
    Ok(doc)
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(put_record).service(download_record);
}

/// Attach the removal record.
///
/// Attach the signed removal record (صورتجلسه فک پلاک) to the police's removal receipt, or
/// replace it. Roles: `police`, and only the unit (organisation) the permit was sent to, which
/// posted the receipt (another police organisation's permit is 404, as if it did not exist). `multipart/form-data` with one `file`: PDF, JPEG or PNG judged by its bytes
/// (415 otherwise, also when the declared type disagrees), at most `DOCUMENT_MAX_SIZE`
/// (default 10 MiB; 413) — the same checks and storage as documents.
///
/// One record per receipt. The unit may replace it (a blurred scan, the wrong page) until the
/// removal is registered in the national vehicle system; then it is final (409). A replaced
/// file is kept and named in the audit trail. Only a removal receipt carries one: no receipt
/// yet, or a refusal, is 409. Honours `If-Match` (the permit's `ETag`); each attachment makes
/// a new permit version. Emits `receipt.record_attached`.
#[utoipa::path(
    operation_id = "put_removal_record",
    tag = "permits",
    params(
        ("id" = uuid::Uuid, Path, description = "Permit id"),
        ("If-Match" = String, Header, description = "The permit's `ETag` last read; 412 when stale."),
    ),
    request_body(content = RecordForm, content_type = "multipart/form-data"),
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Attached; the permit with `receipt.removal_record`. `Location` is the download.", body = PermitView),
        (status = 200, description = "Replaced; the permit with the new `receipt.removal_record`.", body = PermitView),
        (status = 403, description = "Not the police, or another police unit than the one that posted the receipt (`forbidden`).", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such permit, or one sent to another police organisation (`not_found`).", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "No receipt yet, a refusal receipt, or the removal is already registered and the record final (`conflict`).", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Stale `If-Match`.", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "File too large (`payload_too_large`).", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not a PDF, JPEG or PNG, or not multipart (`unsupported_media_type`).", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No `file` (`validation_failed`).", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/permits/{id}/receipt/record")]
pub async fn put_record(
    state: web::Data<AppState>,
    blobs: web::Data<Blobs>,
    req: HttpRequest,
    user: AuthUser,
    id: web::Path<String>,
    if_match: IfMatch,
    payload: web::Payload,
) -> ApiResult<HttpResponse> {
    user.require(&[Role::Police])?;
    let permit_id = id.into_inner();
    let limit = state.config.documents.max_size.0;
    transfer::refuse_declared_oversize(req.headers(), limit)?;
    {
        let (user, id) = (user.clone(), permit_id.clone());
        state
            .db(move |c| attachable(c, &user, &id).map(|_| ()))
            .await?;
    }
    transfer::require_multipart(req.headers())?;
    let blobs: Arc<Blobs> = blobs.into_inner();
    let (staged, parts) = transfer::Staged::receive(&blobs, &req, payload, limit).await?;
    let Some(file) = parts.file else {
        return Err(ApiError::invalid_field(FieldIssue::required("file")));
    };
    let clock = state.clock;
    let (view, replaced) = staged
        .commit(&state, move |c, location| {
            attach(c, &clock, &user, &permit_id, if_match, location, file)
        })
        .await?;
    Ok(record_response(&view, replaced))
}

/// 201 with the record's address for a first record, 200 when it replaced one; the ETag either way.
fn record_response(view: &PermitView, replaced: bool) -> HttpResponse {
    let mut b = if replaced {
        HttpResponse::Ok()
    } else {
        HttpResponse::Created()
    };
    with_etag(&mut b, view.version);
    b.insert_header((
        header::LOCATION,
        format!("/api/v1/permits/{}/receipt/record", view.id),
    ));
    b.json(view)
}

/// Download the removal record.
///
/// The bytes of the receipt's signed removal record, with the same safe-download headers as
/// documents: an attachment with a server-made file name (the original, sanitised, in
/// `filename*`), the stored content type, `X-Content-Type-Options: nosniff`, an `ETag` from the
/// SHA-256 and `Cache-Control: private, no-store`. Roles: `directorate`, `admin`, the owning
/// `agency` and the police unit that posted the receipt; another agency or police unit, or a
/// permit without a record, 404; `registry` 403. Each download is in the audit trail.
#[utoipa::path(
    operation_id = "download_removal_record",
    tag = "permits",
    params(("id" = uuid::Uuid, Path, description = "Permit id")),
    security(("bearer" = [])),
    responses((status = 200, description = "The bytes. `Content-Type` is the type judged at upload (`application/pdf`, `image/jpeg` or `image/png`, the document's `content_type`); a client whose `Accept` admits only `application/octet-stream` gets that. Documented as one binary media type so every generator keeps the download.",
        content(
            (inline(Binary) = "application/octet-stream"),
        ),
        headers(
            ("Content-Disposition" = String, description = "`attachment` with a server-made file name and the original (sanitised, ending in the stored type's extension) in `filename*`."),
            ("X-Content-Type-Options" = String, description = "Always `nosniff`."),
        )))
)]
#[get("/permits/{id}/receipt/record")]
pub async fn download_record(
    state: web::Data<AppState>,
    blobs: web::Data<Blobs>,
    trail: web::Data<Trail>,
    user: AuthUser,
    id: web::Path<String>,
    req: actix_web::HttpRequest,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let trail = trail.get_ref().clone();
    let row = state
        .db(move |c| {
            let row = readable(c, &user, &id)?;
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

/// The multipart form of a removal record (documentation schema).
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct RecordForm {
    /// The signed record, scanned: PDF, JPEG or PNG, judged by its bytes; at most the
    /// configured size (default 10 MiB).
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
}
