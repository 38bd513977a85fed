//! Integration events: the transactional outbox and the change feed.
//!
//! [`EventType`] is the one list of event types: the feed's filter, webhook subscription
//! validation and the OpenAPI document all read it.

pub mod model;
pub mod openapi;
pub mod outbox;
pub mod queries;
pub mod routes;
pub mod service;
mod store;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The type of an integration event.
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
    diesel::expression::AsExpression,
    diesel::deserialize::FromSqlRow,
)]
#[diesel(sql_type = diesel::sql_types::Text)]
pub enum EventType {
    /// An agency filed a request.
    #[serde(rename = "request.submitted")]
    RequestSubmitted,
    /// A request moved from one status to another (every transition).
    #[serde(rename = "request.status_changed")]
    RequestStatusChanged,
    /// The directorate issued a permit (subject: the permit).
    #[serde(rename = "permit.issued")]
    PermitIssued,
    /// The traffic police recorded a receipt for a permit (subject: the permit).
    #[serde(rename = "permit.receipt_recorded")]
    PermitReceiptRecorded,
    /// The directorate revoked a permit, or the agency withdrew its request while the permit
    /// waited for the police (subject: the permit); the police must no longer act on it.
    #[serde(rename = "permit.revoked")]
    PermitRevoked,
    /// A permit's validity ended with no receipt from the police (subject: the permit); its
    /// request moved to `permit_expired` and the police must no longer act on it.
    #[serde(rename = "permit.expired")]
    PermitExpired,
    /// The removal was registered in the national vehicle system; the request is closed.
    #[serde(rename = "request.completed")]
    RequestCompleted,
    /// An agency filed a complaint.
    #[serde(rename = "complaint.received")]
    ComplaintReceived,
    /// The directorate answered a complaint.
    #[serde(rename = "complaint.answered")]
    ComplaintAnswered,
    /// A maintenance or outage notice was published.
    #[serde(rename = "notice.published")]
    NoticePublished,
    /// An administrator declared a closure at short notice (today or tomorrow, the whole day
    /// or from a time); open deadlines were recomputed (subject: the working rule).
    #[serde(rename = "calendar.closure_declared")]
    CalendarClosureDeclared,
    /// The traffic police attached (or replaced) the signed removal record (صورتجلسه فک
    /// پلاک) of their receipt (subject: the permit).
    #[serde(rename = "receipt.record_attached")]
    ReceiptRecordAttached,
    /// The agency corrected a request's data (`PATCH /requests/{id}`): which fields, not their
    /// values (subject: the request).
    #[serde(rename = "request.corrected")]
    RequestCorrected,
    /// The due date of an ask for documents passed with documents still missing: the request
    /// is flagged overdue in the directorate's queue, not closed (subject: the request).
    #[serde(rename = "request.documents_overdue")]
    RequestDocumentsOverdue,
}

crate::text_enum!(EventType {
    RequestSubmitted => "request.submitted",
    RequestStatusChanged => "request.status_changed",
    PermitIssued => "permit.issued",
    PermitReceiptRecorded => "permit.receipt_recorded",
    PermitRevoked => "permit.revoked",
    PermitExpired => "permit.expired",
    RequestCompleted => "request.completed",
    ComplaintReceived => "complaint.received",
    ComplaintAnswered => "complaint.answered",
    NoticePublished => "notice.published",
    CalendarClosureDeclared => "calendar.closure_declared",
    ReceiptRecordAttached => "receipt.record_attached",
    RequestCorrected => "request.corrected",
    RequestDocumentsOverdue => "request.documents_overdue",
});

/// What an event is about; it decides who may read the event.
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
    diesel::expression::AsExpression,
    diesel::deserialize::FromSqlRow,
)]
#[serde(rename_all = "snake_case")]
#[diesel(sql_type = diesel::sql_types::Text)]
pub enum SubjectKind {
    Request,
    Permit,
    Complaint,
    Notice,
    /// A working rule (a closure declared at short notice): it concerns everyone.
    WorkingRule,
}

crate::text_enum!(SubjectKind {
    Request => "request",
    Permit => "permit",
    Complaint => "complaint",
    Notice => "notice",
    WorkingRule => "working_rule",
});
