//! Events as the feed and webhooks show them.

use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::clock::Clock;
use crate::events::store::EventRow;
use crate::events::{EventType, SubjectKind};

#[derive(Serialize, ToSchema)]
pub struct Subject {
    pub kind: SubjectKind,
    #[schema(format = Uuid)]
    pub id: String,
    pub tracking_code: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct Event {
    /// Ordered event id (a decimal string); also the `webhook-id` of its deliveries.
    pub id: String,
    #[serde(rename = "type")]
    pub event_type: EventType,
    pub occurred_at: DateTime<Utc>,
    /// `occurred_at` in the service's time zone (`SERVICE_TIMEZONE`) as a Solar Hijri date and
    /// 24-hour time with Persian digits, `YYYY/MM/DD HH:MM`.
    #[schema(example = "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰")]
    pub occurred_at_jalali: String,
    pub subject: Subject,
    #[schema(value_type = Object)]
    pub data: serde_json::Value,
}

impl Event {
    pub fn new(r: EventRow, clock: &Clock) -> Self {
        let (occurred_at, occurred_at_jalali) = clock.stamp(r.occurred_at).into_parts();
        Event {
            id: r.position.unwrap_or_default().to_string(),
            event_type: r.event_type,
            occurred_at_jalali,
            occurred_at,
            subject: Subject {
                kind: r.subject_kind,
                id: r.subject_id,
                tracking_code: r.tracking_code,
            },
            data: serde_json::from_str(&r.data).unwrap_or_default(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct EventPage {
    pub items: Vec<Event>,
    /// Pass as `cursor` to continue. The feed has no last page: this is the last event id
    /// seen, equal to the cursor sent when nothing new arrived, and `null` only while the
    /// caller has never seen an event.
    pub next_cursor: Option<String>,
    /// Deprecated alias of `next_cursor` (always the same value), kept for pollers written
    /// before it.
    #[schema(deprecated)]
    pub next_after: Option<String>,
}
