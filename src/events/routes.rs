//! `GET /events`: the change feed for systems that poll.

use actix_web::{get, web, HttpResponse};

use crate::auth::access::EventScope;
use crate::auth::AuthUser;
use crate::error::ApiResult;
use crate::events::model::{EventPage, FeedParams, FeedQuery};
use crate::events::service;
use crate::state::AppState;

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
    responses((status = 200, description = "A page of events.", body = EventPage))
)]
#[get("/events")]
pub async fn feed(
    state: web::Data<AppState>,
    user: AuthUser,
    params: web::Query<FeedParams>,
) -> ApiResult<HttpResponse> {
    let query = FeedQuery::try_from(params.into_inner())?;
    let scope = EventScope::feed(&user);
    let clock = state.clock;
    let page = state
        .write(move |c| service::feed(c, &clock, &scope, query))
        .await?;
    Ok(HttpResponse::Ok().json(page))
}
