//! SMS rows and the template input. (The views of messages and templates are in `views`.)

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::db::schema::{sms_messages, sms_templates};
use crate::error::ApiResult;
use crate::sms::templates;
use crate::sms::{MessageStatus, SmsEvent};

#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = sms_messages)]
pub struct MessageRow {
    pub id: String,
    pub event: SmsEvent,
    pub request_id: Option<String>,
    pub recipient: String,
    pub body: String,
    pub status: MessageStatus,
    pub attempts: i32,
    pub next_attempt_at: NaiveDateTime,
    pub expires_at: Option<NaiveDateTime>,
    pub last_error: Option<String>,
    pub created_at: NaiveDateTime,
    pub sent_at: Option<NaiveDateTime>,
}

#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = sms_templates)]
pub struct TemplateRow {
    pub event: SmsEvent,
    pub body: String,
    pub updated_by: String,
    pub updated_at: NaiveDateTime,
}

/// An administrator's text for one event.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateTemplate {
    /// Persian text with named placeholders, e.g. `{tracking_code}`; at most 500 characters.
    /// `null` restores the built-in text.
    #[schema(example = "درخواست شما با کد رهگیری {tracking_code} ثبت شد.")]
    pub body: Option<String>,
}

/// A checked template text (`None`: back to the built-in one).
pub struct NewTemplate(pub Option<String>);

impl NewTemplate {
    /// `public_base_url`: the only address the text may link to.
    pub fn parse(event: SmsEvent, input: UpdateTemplate, public_base_url: &str) -> ApiResult<Self> {
        let Some(body) = input.body else {
            return Ok(NewTemplate(None));
        };
        let body = crate::domain::text::normalize_text(&body);
        let mut issues = templates::check(event, "body", &body);
        issues.extend(templates::check_urls("body", &body, public_base_url));
        if !issues.is_empty() {
            return Err(crate::error::ApiError::validation(issues));
        }
        Ok(NewTemplate(Some(body)))
    }
}
