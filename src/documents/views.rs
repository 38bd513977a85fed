//! What the API answers about documents and document requests.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::clock::utc;
use crate::documents::model::{DocumentRow, DocumentType};
use crate::domain::status::RequestStatus;

/// An uploaded document.
#[derive(Serialize, ToSchema)]
pub struct Document {
    pub id: String,
    pub document_type: DocumentType,
    /// The uploader's file name, sanitised (metadata only; downloads use a server-made name).
    pub filename: String,
    /// Decided by the file's bytes: `application/pdf`, `image/jpeg` or `image/png`.
    pub content_type: String,
    /// Bytes.
    pub size: i64,
    /// Hex SHA-256 of the bytes.
    pub sha256: String,
    pub uploaded_at: DateTime<Utc>,
    /// User id of the uploader.
    pub uploaded_by: String,
}

impl From<DocumentRow> for Document {
    fn from(r: DocumentRow) -> Self {
        Document {
            id: r.id,
            document_type: r.document_type,
            filename: r.filename,
            content_type: r.content_type.as_str().to_owned(),
            size: r.size,
            sha256: r.sha256,
            uploaded_at: utc(r.uploaded_at),
            uploaded_by: r.uploaded_by,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct DocumentList {
    pub items: Vec<Document>,
}

#[derive(Serialize, ToSchema)]
pub struct ItemView {
    pub document_type: DocumentType,
    pub description: Option<String>,
    /// Whether a document of this type was uploaded since the ask.
    pub fulfilled: bool,
}

#[derive(Serialize, ToSchema)]
pub struct DocumentRequestView {
    pub id: String,
    pub message: String,
    pub due_date: Option<NaiveDate>,
    pub items: Vec<ItemView>,
    /// Document types still outstanding.
    pub outstanding: Vec<DocumentType>,
    pub created_at: DateTime<Utc>,
    pub created_by: String,
    /// The request's status after this ask (on creation: `awaiting_documents`).
    pub request_status: RequestStatus,
    /// The request's version after this ask (its new `ETag`).
    pub request_version: i64,
}

#[derive(Serialize, ToSchema)]
pub struct DocumentRequestList {
    pub items: Vec<DocumentRequestView>,
}
