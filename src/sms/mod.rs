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
pub mod worker;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// What a message announces; each has its own template.
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
pub enum SmsEvent {
    /// The request was filed (with its tracking code).
    Filed,
    /// Supplementary documents were asked for (naming them).
    DocumentsRequested,
    /// The day before an ask's due date, documents still missing (naming them), once per ask.
    DocumentsDue,
    /// A permit was issued (number and validity).
    PermitIssued,
    /// The permit expired with no receipt from the police (the agency may ask again).
    PermitExpired,
    /// The directorate revoked the permit (with the reason's label); the request is back under
    /// review.
    PermitRevoked,
    /// The police did not approve the removal (with the reason).
    RemovalRefused,
    /// The removal was registered; the request is closed.
    Completed,
    /// The request was rejected (with the reason).
    Rejected,
    /// The agency withdrew the request.
    Withdrawn,
    /// The directorate answered a complaint, to the agency user who filed it.
    ComplaintAnswered,
    /// A batch of vehicles was filed: one message for the whole batch (its tracking code and
    /// how many vehicles), not one per vehicle.
    BatchFiled,
    /// The directorate acted on a batch's requests in one bulk call: one digest for the batch
    /// (how many vehicles stand where), not one message per vehicle.
    BatchProgress,
    /// An outage notice, to agency users (sent even in quiet hours).
    Outage,
    /// Tomorrow's planned maintenance, to agency users (sent the evening before).
    Maintenance,
}

crate::text_enum!(SmsEvent {
    Filed => "filed",
    DocumentsRequested => "documents_requested",
    DocumentsDue => "documents_due",
    PermitIssued => "permit_issued",
    PermitExpired => "permit_expired",
    PermitRevoked => "permit_revoked",
    RemovalRefused => "removal_refused",
    Completed => "completed",
    Rejected => "rejected",
    Withdrawn => "withdrawn",
    ComplaintAnswered => "complaint_answered",
    BatchFiled => "batch_filed",
    BatchProgress => "batch_progress",
    Outage => "outage",
    Maintenance => "maintenance",
});

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

/// Where a message stands.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Serialize,
    ToSchema,
    diesel::expression::AsExpression,
    diesel::deserialize::FromSqlRow,
)]
#[serde(rename_all = "snake_case")]
#[diesel(sql_type = diesel::sql_types::Text)]
pub enum MessageStatus {
    /// Waiting for its turn (`next_attempt_at`): new, retried, held by quiet hours or by the
    /// per-recipient hourly cap.
    Pending,
    /// Accepted by the gateway.
    Sent,
    /// Attempts exhausted.
    Failed,
    /// Not sent because it lost its point before it could go (a maintenance reminder or an
    /// outage notice whose window had already ended).
    Suppressed,
}

crate::text_enum!(MessageStatus {
    Pending => "pending",
    Sent => "sent",
    Failed => "failed",
    Suppressed => "suppressed",
});
