//! What the API shows of the audit trail: its entries, and a request's access log.

use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::audit::model::{Action, ActorKind, AuditRow, Subject};
use crate::clock::Clock;

/// One audit entry.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct AuditEntry {
    pub id: String,
    /// When (UTC).
    pub at: DateTime<Utc>,
    /// When, in the service's time zone and the Solar Hijri calendar.
    #[schema(example = "۱۴۰۳/۰۸/۱۵ ۱۰:۲۰")]
    pub at_jalali: String,
    /// The acting account (absent for a sign-in with an unknown username).
    pub actor_id: Option<String>,
    pub actor_kind: ActorKind,
    /// The actor's role when it acted.
    pub actor_role: Option<String>,
    /// The actor's organisation.
    pub organisation_id: Option<String>,
    pub action: Action,
    pub subject_kind: Subject,
    pub subject_id: Option<String>,
    /// The permit request the entry concerns, if any.
    pub request_id: Option<String>,
    pub client_ip: Option<String>,
    /// The HTTP request's `X-Request-Id`.
    pub http_request_id: Option<String>,
    /// Non-secret detail.
    pub detail: Option<serde_json::Value>,
}

impl AuditEntry {
    pub fn new(r: AuditRow, clock: &Clock) -> Self {
        let (at, at_jalali) = clock.stamp(r.at).into_parts();
        AuditEntry {
            at_jalali,
            at,
            id: r.id,
            actor_id: r.actor_user_id,
            actor_kind: r.actor_kind,
            actor_role: r.actor_role,
            organisation_id: r.organisation_id,
            action: r.action,
            subject_kind: r.subject_kind,
            subject_id: r.subject_id,
            request_id: r.about_request_id,
            client_ip: r.client_ip,
            http_request_id: r.http_request_id,
            detail: r.detail.and_then(|d| serde_json::from_str(&d).ok()),
        }
    }
}

/// One line of a request's access log: an audit entry (a read, a download, a permit step) or
/// a step of its history.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct AccessLogEntry {
    /// When (UTC).
    pub at: DateTime<Utc>,
    /// When, in the service's time zone and the Solar Hijri calendar.
    pub at_jalali: String,
    /// `audit` (a read or an action recorded in the audit trail) or `history` (a change of the
    /// request's status).
    pub source: String,
    pub actor_id: Option<String>,
    pub actor_kind: ActorKind,
    /// The actor's name (history steps only).
    pub actor_name: Option<String>,
    pub actor_role: Option<String>,
    pub organisation_id: Option<String>,
    /// The audit action (`request.viewed`, `document.downloaded`, `permit.issued`, …) or the
    /// history's transition action (`submit`, `review`, …).
    pub action: String,
    pub subject_kind: Option<Subject>,
    pub subject_id: Option<String>,
    pub client_ip: Option<String>,
    pub http_request_id: Option<String>,
    /// The history step's note, if any.
    pub note: Option<String>,
}

/// `GET /requests/{id}/access-log`: who read or changed the request, oldest first.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct AccessLog {
    pub request_id: String,
    pub items: Vec<AccessLogEntry>,
}

impl AccessLogEntry {
    pub fn from_audit(r: AuditRow, clock: &Clock) -> Self {
        let (at, at_jalali) = clock.stamp(r.at).into_parts();
        AccessLogEntry {
            at_jalali,
            at,
            source: "audit".to_owned(),
            actor_id: r.actor_user_id,
            actor_kind: r.actor_kind,
            actor_name: None,
            actor_role: r.actor_role,
            organisation_id: r.organisation_id,
            action: r.action.as_str().to_owned(),
            subject_kind: Some(r.subject_kind),
            subject_id: r.subject_id,
            client_ip: r.client_ip,
            http_request_id: r.http_request_id,
            note: None,
        }
    }
}
