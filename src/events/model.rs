//! The feed's query. (Events as the feed and webhooks show them are in `views`.)

use serde::Deserialize;
use utoipa::IntoParams;

use crate::error::{ApiError, ApiResult};
use crate::events::EventType;
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
