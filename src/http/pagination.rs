//! List pagination: `?limit=` (default 50, max 200) and an opaque `?cursor=`; responses are
//! `{items, next_cursor}`, newest first. Cursors encode the last item's sort key.

use base64::Engine;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::error::{ApiError, ApiResult, FieldIssue};
use crate::i18n::Msg;

/// 422 `validation_failed` naming `limit`: a number outside `1..=max`. (A `limit` that is not
/// a number at all cannot be read and stays a 400 `invalid_query`, like every unreadable query
/// value.)
pub fn limit_out_of_range(max: i64) -> ApiError {
    ApiError::invalid_field(FieldIssue::new(
        "limit",
        "out_of_range",
        format!("پارامتر «limit» باید عددی از 1 تا {max} باشد."),
        format!("Query parameter 'limit' must be a number from 1 to {max}."),
    ))
}

/// 400 `invalid_query`: a cursor this service did not hand out (or one of another list).
pub fn invalid_cursor(param: &str) -> ApiError {
    ApiError::query_param(
        param,
        "invalid_cursor",
        Msg::new(
            "معتبر نیست؛ مقدار آن را بی‌تغییر از پاسخ صفحهٔ پیشین همین فهرست بردارید.",
            "is not valid; pass it unchanged from the previous page of the same list.",
        ),
    )
}

pub const DEFAULT_LIMIT: i64 = 50;
pub const MAX_LIMIT: i64 = 200;

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    /// Items per page, 1–200 (default 50).
    #[param(minimum = 1, maximum = 200, example = 50)]
    pub limit: Option<i64>,
    /// Opaque cursor from a previous page's `next_cursor`.
    pub cursor: Option<String>,
}

/// A page request after validation.
#[derive(Debug, Clone)]
pub struct Page {
    pub limit: i64,
    /// Sort key of the last item already seen.
    pub after: Option<String>,
}

impl PageParams {
    pub fn page(&self) -> ApiResult<Page> {
        let limit = self.limit.unwrap_or(DEFAULT_LIMIT);
        if !(1..=MAX_LIMIT).contains(&limit) {
            return Err(limit_out_of_range(MAX_LIMIT));
        }
        let after = match &self.cursor {
            None => None,
            Some(c) if c.is_empty() => None,
            Some(c) => Some(decode_cursor(c)?),
        };
        Ok(Page { limit, after })
    }
}

impl Page {
    /// The cursor of lists ordered by a rank, then id: `"<rank>:<id>"`.
    pub fn after_ranked(&self) -> ApiResult<Option<(i32, String)>> {
        let Some(c) = &self.after else {
            return Ok(None);
        };
        let bad = || invalid_cursor("cursor");
        let (rank, id) = c.split_once(':').ok_or_else(bad)?;
        Ok(Some((rank.parse().map_err(|_| bad())?, id.to_owned())))
    }
}

impl Page {
    /// The cursor of lists ordered by a due time, then id: `"<unix micros>:<id>"`.
    pub fn after_due(&self) -> ApiResult<Option<(chrono::NaiveDateTime, String)>> {
        let Some(c) = &self.after else {
            return Ok(None);
        };
        let bad = || invalid_cursor("cursor");
        let (micros, id) = c.split_once(':').ok_or_else(bad)?;
        let micros: i64 = micros.parse().map_err(|_| bad())?;
        let at = chrono::DateTime::from_timestamp_micros(micros).ok_or_else(bad)?;
        Ok(Some((at.naive_utc(), id.to_owned())))
    }
}

pub fn encode_cursor(key: &str) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(key.as_bytes())
}

pub fn decode_cursor(cursor: &str) -> ApiResult<String> {
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(cursor.as_bytes())
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .ok_or_else(|| invalid_cursor("cursor"))
}

/// One page of a list.
#[derive(Debug, Serialize, ToSchema)]
pub struct Paginated<T: ToSchema> {
    pub items: Vec<T>,
    /// Cursor for the next page; `null` on the last page.
    pub next_cursor: Option<String>,
}

impl<T: ToSchema> Paginated<T> {
    /// Like [`Paginated::from_rows`] for items already built, each with its sort key.
    pub fn from_keyed(keys: Vec<String>, items: Vec<T>, limit: i64) -> Self {
        Self::from_rows(
            keys.into_iter().zip(items).collect(),
            limit,
            |(k, _)| k.clone(),
            |(_, v)| v,
        )
    }

    /// Builds a page from `limit + 1` fetched rows: the extra row only tells that more exist.
    pub fn from_rows<R>(
        mut rows: Vec<R>,
        limit: i64,
        key: impl Fn(&R) -> String,
        view: impl Fn(R) -> T,
    ) -> Self {
        let more = rows.len() as i64 > limit;
        rows.truncate(limit as usize);
        let next_cursor = if more {
            rows.last().map(|r| encode_cursor(&key(r)))
        } else {
            None
        };
        Paginated {
            items: rows.into_iter().map(view).collect(),
            next_cursor,
        }
    }
}
