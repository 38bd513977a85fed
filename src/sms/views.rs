//! What the API shows of SMS: messages and templates.

use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::clock::utc;
use crate::domain::mobile::mask;
use crate::sms::model::{MessageRow, TemplateRow};
use crate::sms::templates;
use crate::sms::{MessageStatus, SmsEvent};

/// One SMS message as the directorate and the owning agency see it.
#[derive(Serialize, ToSchema)]
pub struct NotificationView {
    #[schema(format = Uuid)]
    pub id: String,
    pub event: SmsEvent,
    /// The mobile number, masked (`0914***4567`).
    #[schema(example = "0914***4567")]
    pub recipient: String,
    /// The text as sent (or to be sent).
    pub text: String,
    /// Its length in characters.
    pub characters: u32,
    /// How many SMS parts it takes (Persian text goes in UCS-2: 70 characters in one part, 67
    /// in each part of a longer message).
    #[schema(example = 1)]
    pub parts: u32,
    pub status: MessageStatus,
    /// Attempts made so far (holds for quiet hours or the hourly cap are not attempts).
    pub attempts: i32,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
    /// When the next attempt is due (pending messages only).
    pub next_attempt_at: Option<DateTime<Utc>>,
    /// Why the last attempt failed (the gateway's HTTP status or a transport error), or why the
    /// message was suppressed.
    pub last_error: Option<String>,
}

impl From<MessageRow> for NotificationView {
    fn from(r: MessageRow) -> Self {
        NotificationView {
            id: r.id,
            event: r.event,
            recipient: mask(&r.recipient),
            characters: r.body.chars().count() as u32,
            parts: templates::parts(&r.body),
            text: r.body,
            status: r.status,
            attempts: r.attempts,
            created_at: utc(r.created_at),
            sent_at: r.sent_at.map(utc),
            next_attempt_at: (r.status == MessageStatus::Pending).then(|| utc(r.next_attempt_at)),
            last_error: r.last_error,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct NotificationList {
    pub items: Vec<NotificationView>,
}

/// A message template: the text in effect, the built-in one, and the placeholders it may use.
#[derive(Serialize, ToSchema)]
pub struct TemplateView {
    pub event: SmsEvent,
    /// The text in effect (the administrator's, or the built-in one).
    pub body: String,
    pub default_body: String,
    /// Whether an administrator replaced the built-in text.
    pub overridden: bool,
    /// Placeholder names this event's text may use, written `{name}`.
    pub placeholders: Vec<String>,
    /// The text in effect filled with typical values and this service's signature, as an
    /// applicant would read it.
    pub example: String,
    /// How many SMS parts [`example`](Self::example) takes (70 characters in one UCS-2 part,
    /// 67 in each part of a longer message).
    #[schema(example = 1)]
    pub parts: u32,
    /// How many parts the built-in text takes with typical values (its stated length).
    pub default_parts: u32,
    pub updated_at: Option<DateTime<Utc>>,
}

impl TemplateView {
    /// `signature`: the directorate's name (`DIRECTORATE_NAME`) the example is signed with.
    pub fn new(event: SmsEvent, stored: Option<&TemplateRow>, signature: &str) -> Self {
        let default_body = templates::default_body(event).to_owned();
        let body = stored
            .map(|t| t.body.clone())
            .unwrap_or_else(|| default_body.clone());
        let example = templates::render(&body, &templates::example_values(signature));
        TemplateView {
            event,
            parts: templates::parts(&example),
            example,
            default_parts: templates::default_parts(event),
            body,
            default_body,
            overridden: stored.is_some(),
            placeholders: templates::placeholders(event)
                .iter()
                .map(|p| (*p).to_owned())
                .collect(),
            updated_at: stored.map(|t| utc(t.updated_at)),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct TemplateList {
    pub items: Vec<TemplateView>,
}
