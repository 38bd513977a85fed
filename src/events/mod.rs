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
pub mod views;

crate::vocabulary! {
    /// The type of an integration event.
    pub enum EventType {
        /// An agency filed a request.
        RequestSubmitted => "request.submitted",
        /// A request moved from one status to another (every transition).
        RequestStatusChanged => "request.status_changed",
        /// The directorate issued a permit (subject: the permit).
        PermitIssued => "permit.issued",
        /// The traffic police recorded a receipt for a permit (subject: the permit).
        PermitReceiptRecorded => "permit.receipt_recorded",
        /// The directorate revoked a permit, or the agency withdrew its request while the permit
        /// waited for the police (subject: the permit); the police must no longer act on it.
        PermitRevoked => "permit.revoked",
        /// A permit's validity ended with no receipt from the police (subject: the permit); its
        /// request moved to `permit_expired` and the police must no longer act on it.
        PermitExpired => "permit.expired",
        /// The removal was registered in the national vehicle system; the request is closed.
        RequestCompleted => "request.completed",
        /// An agency filed a complaint.
        ComplaintReceived => "complaint.received",
        /// The directorate answered a complaint.
        ComplaintAnswered => "complaint.answered",
        /// A maintenance or outage notice was published.
        NoticePublished => "notice.published",
        /// An administrator declared a closure at short notice (today or tomorrow, the whole day
        /// or from a time); open deadlines were recomputed (subject: the working rule).
        CalendarClosureDeclared => "calendar.closure_declared",
        /// The traffic police attached (or replaced) the signed removal record (صورتجلسه فک
        /// پلاک) of their receipt (subject: the permit).
        ReceiptRecordAttached => "receipt.record_attached",
        /// The agency corrected a request's data (`PATCH /requests/{id}`): which fields, not their
        /// values (subject: the request).
        RequestCorrected => "request.corrected",
        /// The due date of an ask for documents passed with documents still missing: the request
        /// is flagged overdue in the directorate's queue, not closed (subject: the request).
        RequestDocumentsOverdue => "request.documents_overdue",
    }
}

crate::vocabulary! {
    /// What an event is about; it decides who may read the event.
    pub enum SubjectKind {
        Request => "request",
        Permit => "permit",
        Complaint => "complaint",
        Notice => "notice",
        /// A working rule (a closure declared at short notice): it concerns everyone.
        WorkingRule => "working_rule",
    }
}
