//! The rules of documents: uploads only to open requests, asking for documents moves the
//! request to `awaiting_documents`, and a resubmission needs every type asked for in the
//! latest ask uploaded since. Runs inside the caller's transaction; no HTTP here.
//!
//! Every call into the requests' state machine is in this file ([`transition`], [`request`],
//! [`request_view`]).

use chrono::NaiveDateTime;

use crate::auth::access::Scope;
use crate::auth::{AuthUser, ChangeContext};
use crate::clock::Clock;
use crate::config::Config;
use crate::db::DbConnection;
use crate::documents::model::{
    BlobLocation, DocumentRequestItemRow, DocumentRequestRow, DocumentRow, DocumentType,
    NewDocument, NewDocumentRequest, Quota, Resubmission,
};
use crate::documents::store;
use crate::documents::views::{Document, DocumentRequestView, ItemView};
use crate::domain::status::{Action, RequestStatus};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::http::etag::IfMatch;
use crate::requests::model::RequestRow;
use crate::requests::service::{transition, Transition};
use crate::requests::views::RequestView;
use crate::requests::Effects;

// ---- the requests' side ------------------------------------------------------------------

/// The request `id` if `scope` sees it (404 otherwise).
fn request(conn: &mut DbConnection, scope: &Scope, id: &str) -> ApiResult<RequestRow> {
    crate::requests::queries::load_visible(conn, scope, id)
}

/// The request as `user` sees it.
fn request_view(
    conn: &mut DbConnection,
    config: &Config,
    clock: &Clock,
    user: &AuthUser,
    row: RequestRow,
) -> ApiResult<RequestView> {
    crate::requests::service::view(conn, config, clock, user, row)
}

// ---- rules -------------------------------------------------------------------------------

/// 404 unless `user` may act on the request: checked before a body is read, so another
/// agency's request is 404 whatever the body says.
pub fn ensure_actionable(conn: &mut DbConnection, user: &AuthUser, id: &str) -> ApiResult<()> {
    request(conn, &Scope::request_actions(user), id).map(|_| ())
}

/// The request, if visible (404) and not closed (409 `invalid_transition`): documents are
/// refused on terminal requests.
pub fn open_request(conn: &mut DbConnection, scope: &Scope, id: &str) -> ApiResult<RequestRow> {
    let row = request(conn, scope, id)?;
    if row.status.is_terminal() {
        return Err(ApiError::invalid_transition(
            row.status.as_str(),
            row.status.label_fa(),
        ));
    }
    Ok(row)
}

/// A received document to record: the request it is for, who uploaded it, the request's
/// quota, where its bytes are kept and what it is.
pub struct Upload<'a> {
    pub request_id: &'a str,
    /// The uploading user's id.
    pub uploader: &'a str,
    pub quota: Quota,
    pub location: BlobLocation,
    pub new: NewDocument,
}

/// Records an uploaded document on an open request (visible in `scope`), its bytes kept in
/// the upload's `location`.
pub fn add_document(
    conn: &mut DbConnection,
    clock: &Clock,
    scope: &Scope,
    upload: Upload<'_>,
) -> ApiResult<Document> {
    let Upload {
        request_id,
        uploader,
        quota,
        location,
        new,
    } = upload;
    open_request(conn, scope, request_id)?;
    // The request's row is locked first, so that two uploads to one request count one after
    // the other (SQLite's write transactions are serial already).
    store::lock_request(conn, request_id)?;
    check_quota(conn, request_id, quota, new.file.size as u64)?;
    let NewDocument {
        document_type,
        file,
    } = new;
    let row = DocumentRow {
        id: file.key.clone(),
        request_id: request_id.to_owned(),
        document_type,
        filename: file.filename,
        content_type: file.kind,
        size: file.size,
        sha256: file.sha256,
        storage_key: file.key,
        uploaded_at: clock.now(),
        uploaded_by: uploader.to_owned(),
        blob_store: location,
    };
    store::insert_document(conn, &row)?;
    Ok(Document::new(row, clock))
}

/// 409 `quota_exceeded` unless one more document of `size` bytes fits the request's quota
/// (`size` 1 before the file is read, to refuse early when the count is already reached).
pub fn check_quota(
    conn: &mut DbConnection,
    request_id: &str,
    quota: Quota,
    size: u64,
) -> ApiResult<()> {
    let (count, bytes) = store::usage_of(conn, request_id)?;
    if count >= u64::from(quota.max_count) {
        return Err(ApiError::document_quota_exceeded(
            quota.max_count,
            quota.max_bytes,
            true,
        ));
    }
    if bytes.saturating_add(size) > quota.max_bytes {
        return Err(ApiError::document_quota_exceeded(
            quota.max_count,
            quota.max_bytes,
            false,
        ));
    }
    Ok(())
}

/// A visible request's documents, oldest first.
pub fn documents(
    conn: &mut DbConnection,
    clock: &Clock,
    scope: &Scope,
    request_id: &str,
) -> ApiResult<Vec<Document>> {
    request(conn, scope, request_id)?;
    let rows = store::documents_of(conn, request_id)?;
    Ok(rows.into_iter().map(|r| Document::new(r, clock)).collect())
}

/// A document whose request `scope` sees (404 otherwise).
pub fn document(conn: &mut DbConnection, scope: &Scope, id: &str) -> ApiResult<DocumentRow> {
    let (row, organisation_id) = store::document_with_owner(conn, id)?;
    if !scope.allows(&organisation_id) {
        return Err(ApiError::not_found());
    }
    Ok(row)
}

/// Asks the agency for documents: `under_review` → `awaiting_documents`, and the ask.
pub fn ask(
    conn: &mut DbConnection,
    ctx: ChangeContext<'_, Effects>,
    request_id: &str,
    if_match: IfMatch,
    new: NewDocumentRequest,
) -> ApiResult<DocumentRequestView> {
    let ChangeContext {
        user,
        config,
        clock,
        effects,
    } = ctx;
    let at = clock.now();
    let ask_id = uuid::Uuid::now_v7().to_string();
    let NewDocumentRequest {
        message,
        items,
        due_date,
    } = new;
    let step = Transition {
        user,
        request_id,
        action: Action::RequestDocuments,
        if_match,
        note: Some(&message),
        at,
    };
    let after = transition(conn, config, clock, effects, step, |c, row| {
        // After the precondition and the state machine: a due date on a day off is 422.
        if let Some(due) = due_date {
            crate::documents::due::check_working_day(c, config, due)?;
        }
        let ask = DocumentRequestRow {
            id: ask_id.clone(),
            request_id: row.id.clone(),
            message: message.clone(),
            due_date,
            created_at: at,
            created_by: user.id.clone(),
        };
        let items: Vec<DocumentRequestItemRow> = items
            .into_iter()
            .enumerate()
            .map(|(i, item)| DocumentRequestItemRow {
                id: uuid::Uuid::now_v7().to_string(),
                document_request_id: ask_id.clone(),
                position: i as i32,
                document_type: item.document_type,
                description: item.description,
            })
            .collect();
        store::insert_ask(c, &ask, &items)
    })?;
    asks_of(conn, clock, &after)?
        .into_iter()
        .find(|v| v.id == ask_id)
        .ok_or_else(|| ApiError::internal("document request vanished"))
}

/// A visible request's document requests, oldest first.
pub fn asks(
    conn: &mut DbConnection,
    clock: &Clock,
    scope: &Scope,
    request_id: &str,
) -> ApiResult<Vec<DocumentRequestView>> {
    let row = request(conn, scope, request_id)?;
    asks_of(conn, clock, &row)
}

/// Resubmits after uploading what was asked (`awaiting_documents` → `under_review`), or after
/// correcting a request returned for correction (`returned_for_correction` → `under_review`);
/// 409 `documents_missing` while an asked-for type has no upload since the latest ask.
pub fn resubmit(
    conn: &mut DbConnection,
    ctx: ChangeContext<'_, Effects>,
    request_id: &str,
    if_match: IfMatch,
    input: Resubmission,
) -> ApiResult<RequestView> {
    let ChangeContext {
        user,
        config,
        clock,
        effects,
    } = ctx;
    let step = Transition {
        user,
        request_id,
        action: Action::Resubmit,
        if_match,
        note: input.note.as_deref(),
        at: clock.now(),
    };
    let after = transition(conn, config, clock, effects, step, |c, row| {
        let missing = asks_of(c, clock, row)?
            .pop()
            .map(|latest| latest.outstanding)
            .unwrap_or_default();
        if missing.is_empty() {
            Ok(())
        } else {
            Err(documents_missing(&missing))
        }
    })?;
    request_view(conn, config, clock, user, after)
}

fn documents_missing(missing: &[DocumentType]) -> ApiError {
    let names: Vec<&str> = missing.iter().map(|t| t.as_str()).collect();
    let labels: Vec<String> = missing
        .iter()
        .map(|t| format!("«{}»", t.label_fa()))
        .collect();
    ApiError::conflict(
        ErrorCode::DocumentsMissing,
        format!(
            "مدارک خواسته‌شده هنوز بارگذاری نشده است: {}.",
            labels.join("، ")
        ),
        format!(
            "Asked-for documents are still missing: {}",
            names.join(", ")
        ),
    )
    .with_extension("missing_document_types", names)
}

/// The request's asks, each item fulfilled by an upload of its type since the ask.
pub(crate) fn asks_of(
    conn: &mut DbConnection,
    clock: &Clock,
    request: &RequestRow,
) -> ApiResult<Vec<DocumentRequestView>> {
    let uploads = store::uploads_of(conn, &request.id)?;
    let mut marks = crate::documents::due::marks_of(conn, &request.id)?;
    let mut items = store::items_by_ask(conn, &request.id)?;
    let mut out = Vec::new();
    for ask in store::asks_of(conn, &request.id)? {
        let items = items.remove(&ask.id).unwrap_or_default();
        let (reminded_at, overdue_at) = marks.remove(&ask.id).unwrap_or_default();
        let mut view = ask_view(ask, items, &uploads, request.status, request.version, clock);
        view.reminded_at = reminded_at.map(crate::clock::utc);
        view.overdue = overdue_at.is_some();
        out.push(view);
    }
    Ok(out)
}

fn ask_view(
    ask: DocumentRequestRow,
    items: Vec<DocumentRequestItemRow>,
    uploads: &[(DocumentType, NaiveDateTime)],
    request_status: RequestStatus,
    request_version: i64,
    clock: &Clock,
) -> DocumentRequestView {
    let items: Vec<ItemView> = items
        .into_iter()
        .map(|i| ItemView {
            fulfilled: uploads
                .iter()
                .any(|(t, at)| *t == i.document_type && *at >= ask.created_at),
            document_type: i.document_type,
            document_type_label_fa: i.document_type.label_fa(),
            description: i.description,
        })
        .collect();
    let mut outstanding: Vec<DocumentType> = Vec::new();
    for i in items.iter().filter(|i| !i.fulfilled) {
        if !outstanding.contains(&i.document_type) {
            outstanding.push(i.document_type);
        }
    }
    let (created_at, created_at_jalali) = clock.stamp(ask.created_at).into_parts();
    DocumentRequestView {
        id: ask.id,
        message: ask.message,
        due_date_jalali: ask.due_date.map(crate::domain::jalali::format_jalali),
        due_date: ask.due_date,
        reminded_at: None,
        overdue: false,
        items,
        outstanding_labels_fa: outstanding.iter().map(|t| t.label_fa()).collect(),
        outstanding,
        created_at_jalali,
        created_at,
        created_by: ask.created_by,
        request_status,
        request_status_label_fa: request_status.label_fa(),
        request_version,
    }
}
