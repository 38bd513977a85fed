//! The feed's query, and events as the feed and webhooks show them.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::clock::{utc, Clock};
use crate::error::{ApiError, ApiResult};
use crate::events::store::EventRow;
use crate::events::{EventType, SubjectKind};
use crate::i18n::Msg;

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FeedParams {
    /// The cursor of every list: the previous page's `next_cursor` (the last event id already
    /// seen); omit to start at the beginning.
    pub cursor: Option<String>,
    /// The same as `cursor`, kept for pollers written before it (deprecated); when both are
    /// given they must be equal.
    #[deprecated = "use `cursor`"]
    pub after: Option<String>,
    /// Comma-separated event types to include.
    pub types: Option<String>,
    /// 1–500 (default 100).
    #[param(minimum = 1, maximum = 500, example = 100)]
    pub limit: Option<i64>,
}

/// A page request of the feed, checked.
#[derive(Clone, Debug)]
pub struct FeedQuery {
    /// The cursor as sent (echoed as `next_cursor` when nothing new arrived).
    pub cursor: Option<String>,
    pub after: i64,
    pub limit: i64,
    pub types: Option<Vec<EventType>>,
    /// The parameter the cursor came in (`cursor`, or the deprecated `after`).
    pub param: &'static str,
}

/// The cursor and the parameter it came in (`cursor`, or the deprecated `after`); both given
/// must agree.
fn cursor_param(
    cursor: Option<String>,
    after: Option<String>,
) -> ApiResult<(&'static str, Option<String>)> {
    let given = |v: Option<String>| v.filter(|a| !a.is_empty());
    match (given(cursor), given(after)) {
        (Some(c), Some(a)) if c != a => Err(ApiError::query_param(
            "after",
            "conflicting_cursor",
            Msg::new(
                "با «cursor» یکی نیست؛ فقط «cursor» را بفرستید.",
                "differs from 'cursor'; send 'cursor' only.",
            ),
        )),
        (Some(c), _) => Ok(("cursor", Some(c))),
        (None, a) => Ok(("after", a)),
    }
}

/// The event id the cursor names (0 without one).
fn cursor_position(param: &'static str, cursor: Option<&str>) -> ApiResult<i64> {
    let Some(a) = cursor else {
        return Ok(0);
    };
    a.parse().map_err(|_| {
        ApiError::query_param(
            param,
            "invalid_cursor",
            Msg::new(
                "باید شناسهٔ یک رویداد (عدد صحیح) باشد.",
                "must be an event id (a whole number).",
            ),
        )
    })
}

/// `types`, comma separated: each a known event type.
fn event_types(types: Option<&str>) -> ApiResult<Option<Vec<EventType>>> {
    let parse = |s: &str| {
        s.parse::<EventType>().map_err(|_| {
            ApiError::query_param(
                "types",
                "invalid_value",
                Msg::new(
                    format!("نوع رویداد ناشناخته‌ای دارد: «{s}»."),
                    format!("names an unknown event type: '{s}'."),
                ),
            )
        })
    };
    types
        .map(|t| {
            t.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(parse)
                .collect::<ApiResult<Vec<_>>>()
        })
        .transpose()
}

impl TryFrom<FeedParams> for FeedQuery {
    type Error = ApiError;

    #[allow(deprecated)] // reads the deprecated `after` alias
    fn try_from(p: FeedParams) -> ApiResult<Self> {
        let (param, cursor) = cursor_param(p.cursor, p.after)?;
        let after = cursor_position(param, cursor.as_deref())?;
        let limit = p.limit.unwrap_or(100);
        if !(1..=500).contains(&limit) {
            return Err(crate::http::pagination::limit_out_of_range(500));
        }
        let types = event_types(p.types.as_deref())?;
        Ok(FeedQuery {
            cursor,
            after,
            limit,
            types,
            param,
        })
    }
}

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
        Event {
            id: r.position.unwrap_or_default().to_string(),
            event_type: r.event_type,
            occurred_at_jalali: clock.jalali(r.occurred_at),
            occurred_at: utc(r.occurred_at),
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
