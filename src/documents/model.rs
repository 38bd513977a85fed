//! Rows and API shapes of documents and document requests.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use diesel::deserialize::FromSqlRow;
use diesel::expression::AsExpression;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::clock::utc;
use crate::db::schema::{document_request_items, document_requests, documents};
use crate::domain::status::RequestStatus;

/// Kinds of supplementary documents.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    ToSchema,
    AsExpression,
    FromSqlRow,
)]
#[serde(rename_all = "snake_case")]
#[diesel(sql_type = diesel::sql_types::Text)]
pub enum DocumentType {
    /// The agency's request letter (نامه درخواست).
    RequestLetter,
    /// Ownership document (سند).
    OwnershipDocument,
    /// Vehicle card (کارت خودرو).
    VehicleCard,
    /// Auction minutes (صورتجلسه مزایده).
    AuctionMinutes,
    /// Scrapping certificate (گواهی اسقاط).
    ScrappingCertificate,
    /// Technical inspection (معاینه فنی).
    TechnicalInspection,
    Other,
}

crate::text_enum!(DocumentType {
    RequestLetter => "request_letter",
    OwnershipDocument => "ownership_document",
    VehicleCard => "vehicle_card",
    AuctionMinutes => "auction_minutes",
    ScrappingCertificate => "scrapping_certificate",
    TechnicalInspection => "technical_inspection",
    Other => "other",
});

#[derive(Clone, Debug, Queryable, Selectable, Insertable)]
#[diesel(table_name = documents)]
pub struct DocumentRow {
    pub id: String,
    pub request_id: String,
    pub document_type: DocumentType,
    pub filename: String,
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
    pub storage_key: String,
    pub uploaded_at: NaiveDateTime,
    pub uploaded_by: String,
}

#[derive(Clone, Debug, Queryable, Selectable, Insertable)]
#[diesel(table_name = document_requests)]
pub struct DocumentRequestRow {
    pub id: String,
    pub request_id: String,
    pub message: String,
    pub due_date: Option<NaiveDate>,
    pub created_at: NaiveDateTime,
    pub created_by: String,
}

#[derive(Clone, Debug, Queryable, Selectable, Insertable)]
#[diesel(table_name = document_request_items)]
pub struct DocumentRequestItemRow {
    pub id: String,
    pub document_request_id: String,
    pub position: i32,
    pub document_type: DocumentType,
    pub description: Option<String>,
}

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
            content_type: r.content_type,
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

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ItemInput {
    pub document_type: DocumentType,
    /// What exactly is needed.
    pub description: Option<String>,
}

/// The directorate's request for supplementary documents.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateDocumentRequest {
    #[schema(example = "لطفاً تصویر سند و کارت خودرو را بارگذاری کنید.")]
    pub message: String,
    /// 1–20 items.
    pub items: Vec<ItemInput>,
    /// Optional, ISO or Jalali; not in the past.
    #[schema(example = "1403/09/01")]
    pub due_date: Option<String>,
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

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResubmitBody {
    pub note: Option<String>,
}
