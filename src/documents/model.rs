//! Rows of documents and document requests, the wire inputs, and the checked inputs they
//! become (`TryFrom`, every field issue at once).

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::db::schema::{document_request_items, document_requests, documents};
use crate::documents::sniff::FileKind;
use crate::domain::jalali::parse_date;
use crate::error::{ApiError, FieldIssue};
use crate::validate::Issues;

crate::vocabulary! {
    /// Kinds of supplementary documents.
    pub enum DocumentType {
        /// The agency's request letter (نامه درخواست).
        RequestLetter => "request_letter",
        /// Ownership document (سند).
        OwnershipDocument => "ownership_document",
        /// Vehicle card (کارت خودرو).
        VehicleCard => "vehicle_card",
        /// Auction minutes (صورتجلسه مزایده).
        AuctionMinutes => "auction_minutes",
        /// Scrapping certificate (گواهی اسقاط).
        ScrappingCertificate => "scrapping_certificate",
        /// Technical inspection (معاینه فنی).
        TechnicalInspection => "technical_inspection",
        Other => "other",
        /// The police's signed removal record (صورتجلسه فک پلاک): attached by the police to their
        /// receipt (`PUT /permits/{id}/receipt/record`) only; refused in uploads and asks here.
        RemovalRecord => "removal_record",
    }
}

/// `removal_record` in an agency's upload or a directorate's ask: only the police attach it.
fn police_only_type(field: &str) -> FieldIssue {
    FieldIssue::new(
        field,
        "invalid_value",
        "صورت‌جلسهٔ فک پلاک را تنها پلیس همراه رسید خود پیوست می‌کند.",
        "The removal record is attached by the police to their receipt only.",
    )
}

impl DocumentType {
    /// The type's name in Persian, for messages and views.
    pub fn label_fa(self) -> &'static str {
        match self {
            DocumentType::RequestLetter => "نامهٔ درخواست",
            DocumentType::OwnershipDocument => "سند مالکیت",
            DocumentType::VehicleCard => "کارت خودرو",
            DocumentType::AuctionMinutes => "صورت‌جلسهٔ مزایده",
            DocumentType::ScrappingCertificate => "گواهی اسقاط",
            DocumentType::TechnicalInspection => "گواهی معاینهٔ فنی",
            DocumentType::Other => "سایر مدارک",
            DocumentType::RemovalRecord => "صورت‌جلسهٔ فک پلاک",
        }
    }
}

crate::vocabulary! {
    /// Where a document's bytes are (`documents.blob_store`): decided at upload by `BLOB_STORE`,
    /// changed only by `plate-permits migrate-documents`.
    pub enum BlobLocation {
        /// `DATA_DIR/documents/<storage_key>` of the replica that took the upload.
        Filesystem => "filesystem",
        /// `document_chunks`, written in the transaction that inserted the row.
        Database => "database",
    }
}

#[derive(Clone, Debug, Queryable, Selectable, Insertable)]
#[diesel(table_name = documents)]
pub struct DocumentRow {
    pub id: String,
    pub request_id: String,
    pub document_type: DocumentType,
    pub filename: String,
    pub content_type: FileKind,
    pub size: i64,
    pub sha256: String,
    pub storage_key: String,
    pub uploaded_at: NaiveDateTime,
    pub uploaded_by: String,
    pub blob_store: BlobLocation,
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
    /// Optional, ISO (`2026-12-11`) or Jalali (`1405/09/20`, Persian or ASCII digits); not in
    /// the past, and a working day of the agencies' calendar (422 naming the next working day
    /// otherwise).
    #[schema(example = "1405/09/20")]
    pub due_date: Option<String>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResubmitBody {
    pub note: Option<String>,
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

/// A file streamed to a pending blob: hashed, sniffed and counted.
pub struct ReceivedFile {
    /// The blob's key, also the document's id.
    pub key: String,
    pub filename: String,
    pub kind: FileKind,
    pub size: i64,
    pub sha256: String,
}

/// What an upload form carried, before its fields are checked.
pub struct UploadParts {
    pub file: Option<ReceivedFile>,
    pub document_type: Option<String>,
}

/// An upload whose form is complete and valid.
pub struct NewDocument {
    pub document_type: DocumentType,
    pub file: ReceivedFile,
}

impl TryFrom<UploadParts> for NewDocument {
    type Error = ApiError;

    fn try_from(parts: UploadParts) -> Result<Self, ApiError> {
        let mut issues = Issues::new();
        let document_type = match parts.document_type.as_deref() {
            None | Some("") => {
                issues.push(FieldIssue::required("document_type"));
                None
            }
            Some(t) => match t.parse::<DocumentType>() {
                Ok(DocumentType::RemovalRecord) => {
                    issues.push(police_only_type("document_type"));
                    None
                }
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
        if parts.file.is_none() {
            issues.push(FieldIssue::required("file"));
        }
        issues.finish()?;
        match (document_type, parts.file) {
            (Some(document_type), Some(file)) => Ok(NewDocument {
                document_type,
                file,
            }),
            _ => Err(ApiError::internal("validated form lost its parts")),
        }
    }
}

/// One asked-for document, checked.
pub struct NewItem {
    pub document_type: DocumentType,
    pub description: Option<String>,
}

/// A document request that passed validation, in canonical form.
pub struct NewDocumentRequest {
    pub message: String,
    pub items: Vec<NewItem>,
    pub due_date: Option<NaiveDate>,
}

/// A document request as sent, with the day its due date may not precede.
impl TryFrom<(CreateDocumentRequest, NaiveDate)> for NewDocumentRequest {
    type Error = ApiError;

    fn try_from((input, today): (CreateDocumentRequest, NaiveDate)) -> Result<Self, ApiError> {
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
        let items: Vec<NewItem> = input
            .items
            .iter()
            .enumerate()
            .map(|(i, item)| NewItem {
                document_type: {
                    if item.document_type == DocumentType::RemovalRecord {
                        issues.push(police_only_type(&format!("items[{i}].document_type")));
                    }
                    item.document_type
                },
                description: issues.opt_text(
                    &format!("items[{i}].description"),
                    item.description.as_deref(),
                    500,
                ),
            })
            .collect();
        let due_date = due_date(&mut issues, input.due_date.as_deref(), today);
        issues.finish()?;
        Ok(NewDocumentRequest {
            message,
            items,
            due_date,
        })
    }
}

/// An optional due date (ISO or Jalali), not before `today`.
fn due_date(issues: &mut Issues, value: Option<&str>, today: NaiveDate) -> Option<NaiveDate> {
    let value = value.filter(|d| !d.trim().is_empty())?;
    match parse_date(value) {
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
    }
}

/// A resubmission, checked.
pub struct Resubmission {
    pub note: Option<String>,
}

impl TryFrom<ResubmitBody> for Resubmission {
    type Error = ApiError;

    fn try_from(input: ResubmitBody) -> Result<Self, ApiError> {
        let mut issues = Issues::new();
        let note = issues.opt_text("note", input.note.as_deref(), 2000);
        issues.finish()?;
        Ok(Resubmission { note })
    }
}

/// How many documents, and how many bytes in all, one request may hold.
#[derive(Clone, Copy, Debug)]
pub struct Quota {
    pub max_count: u32,
    pub max_bytes: u64,
}

impl Quota {
    pub fn of(config: &crate::config::Config) -> Self {
        Quota {
            max_count: config.documents.quota_count,
            max_bytes: config.documents.quota_bytes.0,
        }
    }
}
