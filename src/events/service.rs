//! Reading the feed.

use crate::auth::access::EventScope;
use crate::clock::Clock;
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult};
use crate::events::model::FeedQuery;
use crate::events::views::{Event, EventPage};
use crate::events::{outbox, store};

/// A page of the feed as `scope` may read it. Sequences committed events first, so a page
/// never skips one that commits later with a lower id.
pub fn feed(
    conn: &mut DbConnection,
    clock: &Clock,
    scope: &EventScope,
    q: FeedQuery,
) -> ApiResult<EventPage> {
    outbox::sequence(conn)?;
    if q.after > 0 {
        let newest = store::last_position(conn)?.unwrap_or(0);
        if q.after > newest {
            return Err(ApiError::cursor_ahead(q.param, newest));
        }
    }
    let rows = store::page_after(conn, scope, q.after, q.limit, q.types)?;
    let next_cursor = rows
        .last()
        .and_then(|r| r.position)
        .map(|p| p.to_string())
        .or(q.cursor);
    let items = rows.into_iter().map(|r| Event::new(r, clock)).collect();
    Ok(EventPage {
        items,
        next_after: next_cursor.clone(),
        next_cursor,
    })
}

/// The event at `position` as delivered to webhooks (the same shape as in the feed).
pub fn event_json(conn: &mut DbConnection, clock: &Clock, position: i64) -> ApiResult<String> {
    let event = Event::new(store::at_position(conn, position)?, clock);
    serde_json::to_string(&event).map_err(ApiError::internal)
}
