//! `GET /events`: the change feed for systems that poll.

use actix_web::{get, web, HttpResponse};

use crate::auth::access::EventScope;
use crate::auth::AuthUser;
use crate::error::{ApiResult, Problem};
use crate::events::model::{FeedParams, FeedQuery};
use crate::events::service;
use crate::events::views::EventPage;
use crate::state::AppState;

/// When `cursor` replaced `after` (RFC 9745 structured date: 2026-11-25T00:00:00Z).
const DEPRECATED_SINCE: &str = "@1795564800";
/// After this date `after` may be refused (RFC 8594; about seven months of notice).
const SUNSET: &str = "Tue, 22 Jun 2027 00:00:00 GMT";
/// Where the replacement is documented (the reference page's operation).
const DEPRECATION_LINK: &str =
    "</docs#tag/events/operation/list_events>; rel=\"deprecation\"; type=\"text/html\"";

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(feed);
}

/// The change feed.
///
/// The change feed, oldest first. Roles: `agency` (its organisation's events and notices), `police`
/// (permit events), `registry`, `directorate`, `admin` (all). Events are ordered by the order
/// in which they became visible, so a poller following `next_cursor` misses none.
///
/// The feed pages like every list, with `cursor` and `next_cursor`; `after` and `next_after`
/// are deprecated aliases of them, kept for existing pollers.
#[utoipa::path(
    operation_id = "list_events",
    tag = "events",
    params(FeedParams),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "A page of events.", body = EventPage,
         headers(
            ("Deprecation" = String, description = "Sent when the deprecated `after` alias carried the cursor (RFC 9745): the date `cursor` replaced it, `@1795564800` (2026-11-25)."),
            ("Sunset" = String, description = "Sent with `Deprecation` (RFC 8594): after `Tue, 22 Jun 2027 00:00:00 GMT` `after` may be refused; send `cursor`."),
            ("Link" = String, description = "Sent with `Deprecation`: the parameter's documentation (`rel=\"deprecation\"`)."),
         )),
        (status = 409, description = "The cursor is past the newest event (`cursor_ahead`; `newest_id` says where the feed ends), e.g. a cursor saved before the database was restored from a backup.", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/events")]
pub async fn feed(
    state: web::Data<AppState>,
    user: AuthUser,
    params: web::Query<FeedParams>,
) -> ApiResult<HttpResponse> {
    let query = FeedQuery::try_from(params.into_inner())?;
    let deprecated_alias = query.param == "after" && query.cursor.is_some();
    let scope = EventScope::feed(&user);
    let clock = state.clock;
    let page = state
        .write(move |c| service::feed(c, &clock, &scope, query))
        .await?;
    let mut ok = HttpResponse::Ok();
    if deprecated_alias {
        ok.insert_header(("Deprecation", DEPRECATED_SINCE))
            .insert_header(("Sunset", SUNSET))
            .insert_header(("Link", DEPRECATION_LINK));
    }
    Ok(ok.json(page))
}
