//! SMS notifications to applicants and agency users.
//!
//! Messages are written to an outbox (`sms_messages`) in the same transaction as the change
//! that causes them: [`service::on_event`] is registered by the composition root as the events
//! outbox's observer, so every recorded event (filing, status change, notice) is looked at
//! inside its own transaction. A [`worker`] in every replica leases due messages and sends them
//! through a [`provider::Provider`] with retries, exponential back-off and jitter, at least
//! once; each message has one row per event and recipient (a unique dedupe key) and the row's
//! id is sent to the gateway as the message `id`, so a gateway that deduplicates sees each
//! message once. Planned maintenance reminders are enqueued by the worker the evening before.

pub mod model;
pub mod provider;
pub mod queries;
pub mod quiet;
pub mod routes;
pub mod service;
mod store;
pub mod templates;
pub mod views;
pub mod worker;

crate::vocabulary! {
    /// What a message announces; each has its own template.
    pub enum SmsEvent {
        /// The request was filed (with its tracking code).
        Filed => "filed",
        /// Supplementary documents were asked for (naming them).
        DocumentsRequested => "documents_requested",
        /// The day before an ask's due date, documents still missing (naming them), once per ask.
        DocumentsDue => "documents_due",
        /// A permit was issued (number and validity).
        PermitIssued => "permit_issued",
        /// The permit expired with no receipt from the police (the agency may ask again).
        PermitExpired => "permit_expired",
        /// The directorate revoked the permit (with the reason's label); the request is back under
        /// review.
        PermitRevoked => "permit_revoked",
        /// The police did not approve the removal (with the reason).
        RemovalRefused => "removal_refused",
        /// The removal was registered; the request is closed.
        Completed => "completed",
        /// The request was rejected (with the reason).
        Rejected => "rejected",
        /// The agency withdrew the request.
        Withdrawn => "withdrawn",
        /// The directorate answered a complaint, to the agency user who filed it.
        ComplaintAnswered => "complaint_answered",
        /// A batch of vehicles was filed: one message for the whole batch (its tracking code and
        /// how many vehicles), not one per vehicle.
        BatchFiled => "batch_filed",
        /// The directorate acted on a batch's requests in one bulk call: one digest for the batch
        /// (how many vehicles stand where), not one message per vehicle.
        BatchProgress => "batch_progress",
        /// An outage notice, to agency users (sent even in quiet hours).
        Outage => "outage",
        /// Tomorrow's planned maintenance, to agency users (sent the evening before).
        Maintenance => "maintenance",
    }
}

impl SmsEvent {
    /// Sent whatever the hour (quiet hours do not hold it).
    pub fn urgent(self) -> bool {
        self == SmsEvent::Outage
    }

    /// A notice about the service itself (outage, maintenance): claimed before other messages
    /// and not held by the hourly cap per number (forty messages about a fleet's requests must
    /// not keep an outage notice waiting).
    pub fn priority(self) -> bool {
        matches!(self, SmsEvent::Outage | SmsEvent::Maintenance)
    }
}

crate::vocabulary! {
    /// Where a message stands.
    pub enum MessageStatus {
        /// Waiting for its turn (`next_attempt_at`): new, retried, held by quiet hours or by the
        /// per-recipient hourly cap.
        Pending => "pending",
        /// Accepted by the gateway.
        Sent => "sent",
        /// Attempts exhausted.
        Failed => "failed",
        /// Not sent because it lost its point before it could go (a maintenance reminder or an
        /// outage notice whose window had already ended).
        Suppressed => "suppressed",
    }
}
