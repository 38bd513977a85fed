//! What the webhooks resource answers: subscriptions (with the secret once, at creation) and
//! their deliveries.

use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::clock::Clock;
use crate::error::ApiResult;
use crate::events::EventType;
use crate::webhooks::model::{split_types, DeliveryRow, DeliveryStatus, HookRow};

#[derive(Serialize, ToSchema)]
pub struct Webhook {
    #[schema(format = Uuid)]
    pub id: String,
    pub url: String,
    pub types: Vec<EventType>,
    #[schema(format = Uuid)]
    pub organisation_id: Option<String>,
    pub created_at: DateTime<Utc>,
    /// `created_at` in the service's time zone (`SERVICE_TIMEZONE`) as a Solar Hijri date and
    /// 24-hour time with Persian digits, `YYYY/MM/DD HH:MM`.
    #[schema(example = "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰")]
    pub created_at_jalali: String,
}

impl Webhook {
    pub fn new(r: HookRow, clock: &Clock) -> ApiResult<Self> {
        let (created_at, created_at_jalali) = clock.stamp(r.created_at).into_parts();
        Ok(Webhook {
            types: split_types(&r.types)?,
            id: r.id,
            url: r.url,
            organisation_id: r.organisation_id,
            created_at_jalali,
            created_at,
        })
    }
}

#[derive(Serialize, ToSchema)]
pub struct CreatedWebhook {
    #[serde(flatten)]
    pub webhook: Webhook,
    /// `whsec_…`: shown once. Verify `webhook-signature` with it (Standard Webhooks 1.0).
    pub secret: String,
}

#[derive(Serialize, ToSchema)]
pub struct WebhookList {
    pub items: Vec<Webhook>,
}

#[derive(Serialize, ToSchema)]
pub struct RotatedSecret {
    /// The new secret, shown once; the old one keeps signing alongside it for 24 hours.
    pub secret: String,
}

#[derive(Serialize, ToSchema)]
pub struct Delivery {
    #[schema(format = Uuid)]
    pub id: String,
    /// The event id (also the `webhook-id` header).
    pub event_id: String,
    /// `pending`, `delivered` or `failed` (retried with back-off until the retry window ends).
    pub status: DeliveryStatus,
    pub attempts: i32,
    pub next_attempt_at: DateTime<Utc>,
    /// `next_attempt_at` in the service's time zone (`SERVICE_TIMEZONE`) as a Solar Hijri date and
    /// 24-hour time with Persian digits, `YYYY/MM/DD HH:MM`.
    #[schema(example = "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰")]
    pub next_attempt_at_jalali: String,
    /// The HTTP status code of the last attempt, when the receiver answered (its body is
    /// never read or kept).
    pub last_status: Option<i32>,
    /// Why the last attempt failed: `refused_destination` (the host resolved only to internal
    /// addresses outside `WEBHOOK_ALLOWED_NETWORKS`; nothing was sent), `dns_failure`,
    /// `connect_failed`, `timeout`, `http_status` (see `last_status`), or `unsubscribed`.
    #[schema(example = "http_status")]
    pub last_error: Option<String>,
    pub updated_at: DateTime<Utc>,
    /// `updated_at` in the service's time zone (`SERVICE_TIMEZONE`) as a Solar Hijri date and
    /// 24-hour time with Persian digits, `YYYY/MM/DD HH:MM`.
    #[schema(example = "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰")]
    pub updated_at_jalali: String,
}

impl Delivery {
    pub fn new(r: DeliveryRow, clock: &Clock) -> Self {
        let (next_attempt_at, next_attempt_at_jalali) = clock.stamp(r.next_attempt_at).into_parts();
        let (updated_at, updated_at_jalali) = clock.stamp(r.updated_at).into_parts();
        Delivery {
            id: r.id,
            event_id: r.event_position.to_string(),
            status: r.status,
            attempts: r.attempts,
            next_attempt_at_jalali,
            next_attempt_at,
            last_status: r.last_status,
            last_error: r.last_error,
            updated_at_jalali,
            updated_at,
        }
    }
}
