//! Webhook rows, the subscription input and the views of subscriptions and deliveries.

use chrono::NaiveDateTime;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::config::Networks;
use crate::error::{ApiError, ApiResult, FieldIssue};
use crate::events::EventType;
use crate::validate::Issues;
use crate::webhooks::destination::{literal, permitted};

crate::vocabulary! {
    /// Where a delivery stands.
    pub enum DeliveryStatus {
        /// Due (again) at `next_attempt_at`.
        Pending => "pending",
        Delivered => "delivered",
        /// Retries exhausted, or the subscription was removed.
        Failed => "failed",
    }
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateWebhook {
    /// `http` or `https` only, without credentials; redirects are not followed. A literal
    /// address in an internal range (loopback, private, link-local, unique-local, multicast,
    /// unspecified) is refused unless `WEBHOOK_ALLOWED_NETWORKS` includes it; a host name is
    /// resolved and checked the same way at every delivery attempt.
    #[schema(example = "https://rahvar.example.ir/hooks/plate-permits")]
    pub url: String,
    /// Event types to deliver (see `GET /events`).
    #[schema(value_type = Vec<EventType>)]
    pub types: Vec<String>,
    /// Bind to one agency: only that agency's events are delivered.
    #[schema(format = Uuid)]
    pub organisation_id: Option<String>,
}

/// A subscription to create, checked.
#[derive(Clone, Debug)]
pub struct NewWebhook {
    /// As sent, trimmed.
    pub url: String,
    pub types: Vec<EventType>,
    pub organisation_id: Option<String>,
}

impl NewWebhook {
    /// Checks the input; `allowed` are the internal networks a URL's literal address may name.
    pub fn parse(input: CreateWebhook, allowed: &Networks) -> ApiResult<Self> {
        let mut issues = Issues::new();
        let url = input.url.trim().to_owned();
        match url::Url::parse(&url) {
            Ok(u) if (u.scheme() == "http" || u.scheme() == "https") && u.host().is_some() => {
                if !u.username().is_empty() || u.password().is_some() {
                    issues.push(FieldIssue::new(
                        "url",
                        "credentials_in_url",
                        "نشانی نباید نام کاربری یا گذرواژه داشته باشد.",
                        "The URL must not carry a user name or password.",
                    ));
                } else if literal(&u).is_some_and(|ip| !permitted(ip, allowed)) {
                    issues.push(FieldIssue::new(
                        "url",
                        "destination_not_allowed",
                        "ارسال به این نشانی مجاز نیست: نشانی‌های داخلی، محلی و چندپخشی \
                         پذیرفته نمی‌شوند مگر در شبکه‌های مجاز.",
                        "This destination is not allowed: internal, local and multicast \
                         addresses are refused unless in the allowed networks.",
                    ));
                }
            }
            _ => issues.push(FieldIssue::new(
                "url",
                "invalid_url",
                "نشانی باید http یا https باشد.",
                "The URL must be http or https.",
            )),
        }
        if input.types.is_empty() {
            issues.push(FieldIssue::required("types"));
        }
        let mut types = Vec::with_capacity(input.types.len());
        for (i, t) in input.types.iter().enumerate() {
            match t.parse::<EventType>() {
                Ok(t) => types.push(t),
                Err(_) => issues.push(FieldIssue::new(
                    format!("types[{i}]"),
                    "invalid_value",
                    "نوع رویداد شناخته‌شده نیست.",
                    "Unknown event type.",
                )),
            }
        }
        issues.finish()?;
        Ok(NewWebhook {
            url,
            types,
            organisation_id: input.organisation_id,
        })
    }
}

/// The stored form of a subscription's event types: comma-separated.
pub fn join_types(types: &[EventType]) -> String {
    types
        .iter()
        .map(|t| t.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

/// Parses the stored event types; an unknown one is an error.
pub fn split_types(stored: &str) -> ApiResult<Vec<EventType>> {
    stored
        .split(',')
        .map(|t| t.parse::<EventType>().map_err(ApiError::internal))
        .collect()
}

/// A subscription as listed.
#[derive(Clone, Debug, diesel::Queryable)]
pub struct HookRow {
    pub id: String,
    pub url: String,
    pub types: String,
    pub organisation_id: Option<String>,
    pub created_at: NaiveDateTime,
}

/// A delivery as shown.
#[derive(Clone, Debug, diesel::Queryable)]
pub struct DeliveryRow {
    pub id: String,
    pub event_position: i64,
    pub status: DeliveryStatus,
    pub attempts: i32,
    pub next_attempt_at: NaiveDateTime,
    pub last_status: Option<i32>,
    pub last_error: Option<String>,
    pub updated_at: NaiveDateTime,
}
