//! `GET /events`: the change feed for systems that poll.

use actix_web::{get, web, HttpResponse};
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::auth::AuthUser;
use crate::clock::utc;
use crate::db::schema::events;
use crate::domain::identity::Role;
use crate::error::{ApiError, ApiResult};
use crate::events::{outbox, EventType, SubjectKind};
use crate::state::AppState;

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(feed);
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FeedParams {
    /// The last event id already seen (`next_after` of the previous page); omit to start at
    /// the beginning.
    pub after: Option<String>,
    /// Comma-separated event types to include.
    pub types: Option<String>,
    /// 1–500 (default 100).
    pub limit: Option<i64>,
}

#[derive(Serialize, ToSchema)]
pub struct Subject {
    pub kind: SubjectKind,
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
    pub subject: Subject,
    #[schema(value_type = Object)]
    pub data: serde_json::Value,
}

#[derive(Serialize, ToSchema)]
pub struct EventPage {
    pub items: Vec<Event>,
    /// Pass as `after` to continue; equals `after` when nothing new arrived.
    pub next_after: Option<String>,
}

/// The event at `position` as delivered to webhooks (the same shape as in the feed).
pub fn event_json(conn: &mut crate::db::DbConnection, position: i64) -> ApiResult<String> {
    let r: Row = events::table
        .filter(events::position.eq(position))
        .select((
            events::position,
            events::event_type,
            events::occurred_at,
            events::subject_kind,
            events::subject_id,
            events::tracking_code,
            events::data,
        ))
        .first(conn)?;
    serde_json::to_string(&to_event(r)).map_err(ApiError::internal)
}

fn to_event((pos, t, at, kind, id, code, data): Row) -> Event {
    Event {
        id: pos.unwrap_or_default().to_string(),
        event_type: t,
        occurred_at: utc(at),
        subject: Subject {
            kind,
            id,
            tracking_code: code,
        },
        data: serde_json::from_str(&data).unwrap_or_default(),
    }
}

type Row = (
    Option<i64>,
    EventType,
    NaiveDateTime,
    SubjectKind,
    String,
    Option<String>,
    String,
);

/// The change feed, oldest first. Roles: `agency` (its organisation's events and notices), `police`
/// (permit events), `registry`, `directorate`, `admin` (all). Events are ordered by the order
/// in which they became visible, so a poller following `next_after` misses none.
#[utoipa::path(
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
    let p = params.into_inner();
    let after: i64 = match p.after.as_deref().filter(|a| !a.is_empty()) {
        None => 0,
        Some(a) => a
            .parse()
            .map_err(|_| ApiError::invalid_query("after must be an event id"))?,
    };
    let limit = p.limit.unwrap_or(100);
    if !(1..=500).contains(&limit) {
        return Err(ApiError::invalid_query("limit must be between 1 and 500"));
    }
    let types: Option<Vec<EventType>> = p
        .types
        .as_deref()
        .map(|t| {
            t.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| {
                    s.parse::<EventType>()
                        .map_err(|_| ApiError::invalid_query(&format!("unknown event type '{s}'")))
                })
                .collect::<ApiResult<Vec<_>>>()
        })
        .transpose()?;
    let rows: Vec<Row> = state
        .db(move |conn| {
            outbox::sequence(conn)?;
            let mut q = events::table
                .filter(events::position.gt(after))
                .order(events::position.asc())
                .limit(limit)
                .select((
                    events::position,
                    events::event_type,
                    events::occurred_at,
                    events::subject_kind,
                    events::subject_id,
                    events::tracking_code,
                    events::data,
                ))
                .into_boxed();
            match user.role {
                Role::Agency => {
                    q = q.filter(
                        events::organisation_id
                            .eq(user.org_id.clone())
                            .or(events::subject_kind.eq(SubjectKind::Notice)),
                    )
                }
                Role::Police => q = q.filter(events::subject_kind.eq(SubjectKind::Permit)),
                Role::Registry | Role::Directorate | Role::Admin => {}
            }
            if let Some(ts) = types {
                q = q.filter(events::event_type.eq_any(ts));
            }
            Ok(q.load::<Row>(conn)?)
        })
        .await?;
    let next_after = rows
        .last()
        .and_then(|r| r.0)
        .map(|p| p.to_string())
        .or(p.after.filter(|a| !a.is_empty()));
    let items = rows.into_iter().map(to_event).collect();
    Ok(HttpResponse::Ok().json(EventPage { items, next_after }))
}
