//! What the API answers about documents and document requests.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::clock::Clock;
use crate::documents::model::{DocumentRow, DocumentType};
use crate::domain::status::RequestStatus;

fn content_type_schema() -> utoipa::openapi::schema::Object {
    crate::http::openapi::string_enum(
        "Decided by the file's bytes.",
        &["application/pdf", "image/jpeg", "image/png"],
    )
}

/// An uploaded document.
#[derive(Serialize, ToSchema)]
pub struct Document {
    #[schema(format = Uuid)]
    pub id: String,
    pub document_type: DocumentType,
    /// `document_type` as people read it (Persian).
    #[schema(example = "کارت خودرو")]
    pub document_type_label_fa: &'static str,
    /// The uploader's file name, sanitised (metadata only; downloads use a server-made name).
    pub filename: String,
    /// Decided by the file's bytes: `application/pdf`, `image/jpeg` or `image/png`.
    #[schema(schema_with = content_type_schema)]
    pub content_type: String,
    /// Bytes.
    pub size: i64,
    /// Hex SHA-256 of the bytes.
    pub sha256: String,
    pub uploaded_at: DateTime<Utc>,
    /// `uploaded_at` in the service's time zone (`SERVICE_TIMEZONE`) as a Solar Hijri date and
    /// 24-hour time with Persian digits, `YYYY/MM/DD HH:MM`.
    #[schema(example = "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰")]
    pub uploaded_at_jalali: String,
    /// User id of the uploader.
    pub uploaded_by: String,
}

impl Document {
    pub fn new(r: DocumentRow, clock: &Clock) -> Self {
        let (uploaded_at, uploaded_at_jalali) = clock.stamp(r.uploaded_at).into_parts();
        Document {
            id: r.id,
            document_type: r.document_type,
            document_type_label_fa: r.document_type.label_fa(),
            filename: r.filename,
            content_type: r.content_type.as_str().to_owned(),
            size: r.size,
            sha256: r.sha256,
            uploaded_at_jalali,
            uploaded_at,
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
    /// `document_type` as people read it (Persian).
    #[schema(example = "کارت خودرو")]
    pub document_type_label_fa: &'static str,
    pub description: Option<String>,
    /// Whether a document of this type was uploaded since the ask.
    pub fulfilled: bool,
}

#[derive(Serialize, ToSchema)]
pub struct DocumentRequestView {
    #[schema(format = Uuid)]
    pub id: String,
    pub message: String,
    /// The day the documents are due (a working day of the agencies' calendar); `null` when
    /// none was set.
    #[schema(example = "2026-12-11")]
    pub due_date: Option<NaiveDate>,
    /// `due_date` in the Solar Hijri calendar; `null` with it.
    #[schema(example = "1405/09/20")]
    pub due_date_jalali: Option<String>,
    /// When the applicant was reminded by SMS (the day before the due date, once per ask);
    /// `null` until then, and for asks without a due date.
    pub reminded_at: Option<DateTime<Utc>>,
    /// Whether the due date passed with documents of this ask still missing (marked once,
    /// with the event `request.documents_overdue`; the request is not closed by itself).
    pub overdue: bool,
    pub items: Vec<ItemView>,
    /// Document types still outstanding.
    pub outstanding: Vec<DocumentType>,
    /// `outstanding` as people read them (Persian), in the same order.
    #[schema(example = json!(["کارت خودرو"]))]
    pub outstanding_labels_fa: Vec<&'static str>,
    pub created_at: DateTime<Utc>,
    /// `created_at` in the service's time zone (`SERVICE_TIMEZONE`) as a Solar Hijri date and
    /// 24-hour time with Persian digits, `YYYY/MM/DD HH:MM`.
    #[schema(example = "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰")]
    pub created_at_jalali: String,
    pub created_by: String,
    /// The request's status after this ask (on creation: `awaiting_documents`).
    pub request_status: RequestStatus,
    /// `request_status` as people read it (Persian).
    #[schema(example = "در انتظار مدارک تکمیلی")]
    pub request_status_label_fa: &'static str,
    /// The request's version after this ask (its new `ETag`).
    pub request_version: i64,
}

#[derive(Serialize, ToSchema)]
pub struct DocumentRequestList {
    pub items: Vec<DocumentRequestView>,
}
