//! `/notices`: public listing; administrators publish, edit and delete.

use actix_web::http::StatusCode;
use actix_web::{delete, get, patch, post, web, HttpResponse};
use chrono::{DateTime, NaiveDateTime, TimeDelta, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::AuthUser;
use crate::clock::{now, utc};
use crate::db::schema::notices;
use crate::db::DbConnection;
use crate::domain::identity::Role;
use crate::error::{ApiError, ApiResult, FieldIssue, Problem};
use crate::http::etag::{with_etag, IfMatch};
use crate::http::json::Json;
use crate::notices::guard::NoticeCache;
use crate::state::AppState;
use crate::validate::Issues;

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list)
        .service(create)
        .service(update)
        .service(remove);
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum NoticeKind {
    Info,
    /// Planned: must start at least the configured lead time (default 24 h) after publication.
    Maintenance,
    /// Unplanned, announced as it happens: may start at once.
    Outage,
}

impl NoticeKind {
    fn as_str(self) -> &'static str {
        match self {
            NoticeKind::Info => "info",
            NoticeKind::Maintenance => "maintenance",
            NoticeKind::Outage => "outage",
        }
    }
    fn parse(s: &str) -> NoticeKind {
        match s {
            "maintenance" => NoticeKind::Maintenance,
            "outage" => NoticeKind::Outage,
            _ => NoticeKind::Info,
        }
    }
}

#[derive(Clone, Debug, Queryable, Selectable, Insertable)]
#[diesel(table_name = notices)]
pub struct NoticeRow {
    pub id: String,
    pub kind: String,
    pub title: String,
    pub body: String,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub read_only: bool,
    pub created_by: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub version: i64,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Notice {
    pub id: String,
    pub kind: NoticeKind,
    #[schema(example = "به‌روزرسانی سامانه")]
    pub title: String,
    pub body: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// While active, state-changing calls (except `/auth/*` and administrators') get 503
    /// `maintenance`.
    pub read_only: bool,
}

impl From<NoticeRow> for Notice {
    fn from(r: NoticeRow) -> Self {
        Notice {
            id: r.id,
            kind: NoticeKind::parse(&r.kind),
            title: r.title,
            body: r.body,
            starts_at: utc(r.starts_at),
            ends_at: utc(r.ends_at),
            read_only: r.read_only,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct NoticeList {
    pub items: Vec<Notice>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateNotice {
    pub kind: NoticeKind,
    pub title: String,
    pub body: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    #[serde(default)]
    pub read_only: bool,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateNotice {
    pub title: Option<String>,
    pub body: Option<String>,
    pub starts_at: Option<DateTime<Utc>>,
    /// Set to now to end a window early.
    pub ends_at: Option<DateTime<Utc>>,
    pub read_only: Option<bool>,
}

fn check_window(
    issues: &mut Issues,
    kind: NoticeKind,
    starts_at: NaiveDateTime,
    ends_at: NaiveDateTime,
    starts_changed: bool,
    lead_hours: u32,
    at: NaiveDateTime,
) {
    if ends_at <= starts_at {
        issues.push(FieldIssue::new(
            "ends_at",
            "before_start",
            "پایان باید پس از آغاز باشد.",
            "ends_at must be after starts_at.",
        ));
    }
    if starts_changed && kind == NoticeKind::Maintenance {
        let earliest = at + TimeDelta::hours(i64::from(lead_hours));
        if starts_at < earliest - TimeDelta::seconds(5) {
            issues.push(FieldIssue::new(
                "starts_at",
                "insufficient_notice",
                format!("نگهداری برنامه‌ریزی‌شده باید دست‌کم {lead_hours} ساعت پیش‌تر اعلام شود."),
                format!("Planned maintenance must be announced at least {lead_hours} hours ahead."),
            ));
        }
    }
}

/// Active and upcoming notices, soonest first. **Public.**
#[utoipa::path(
    tag = "notices",
    responses((status = 200, description = "Active and upcoming notices.", body = NoticeList))
)]
#[get("/notices")]
pub async fn list(state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    let items = state
        .db(|conn| {
            let rows: Vec<NoticeRow> = notices::table
                .filter(notices::ends_at.gt(now()))
                .order((notices::starts_at.asc(), notices::id.asc()))
                .select(NoticeRow::as_select())
                .limit(200)
                .load(conn)?;
            Ok(rows.into_iter().map(Notice::from).collect::<Vec<_>>())
        })
        .await?;
    Ok(HttpResponse::Ok().json(NoticeList { items }))
}

fn load(conn: &mut DbConnection, id: &str) -> ApiResult<NoticeRow> {
    Ok(notices::table
        .find(id)
        .select(NoticeRow::as_select())
        .first(conn)?)
}

/// Publish a notice. Roles: `admin`. A `maintenance` notice must start at least the configured
/// lead time (default 24 h) from now (422 `insufficient_notice` on `starts_at`).
#[utoipa::path(
    tag = "notices",
    request_body = CreateNotice,
    security(("bearer" = [])),
    responses((status = 201, description = "Published.", body = Notice))
)]
#[post("/notices")]
pub async fn create(
    state: web::Data<AppState>,
    notice_cache: web::Data<NoticeCache>,
    user: AuthUser,
    body: Json<CreateNotice>,
) -> ApiResult<HttpResponse> {
    user.require(&[Role::Admin])?;
    let input = body.into_inner()?;
    let mut issues = Issues::new();
    let title = issues.line("title", &input.title, 3, 200);
    let text = issues.text("body", &input.body, 3, 5000);
    let at = now();
    let (starts_at, ends_at) = (input.starts_at.naive_utc(), input.ends_at.naive_utc());
    check_window(
        &mut issues,
        input.kind,
        starts_at,
        ends_at,
        true,
        state.config.maintenance_lead_hours,
        at,
    );
    if ends_at <= at {
        issues.push(FieldIssue::new(
            "ends_at",
            "past_date",
            "پایان نمی‌تواند در گذشته باشد.",
            "ends_at cannot be in the past.",
        ));
    }
    issues.finish()?;
    let row = NoticeRow {
        id: uuid::Uuid::now_v7().to_string(),
        kind: input.kind.as_str().to_owned(),
        title,
        body: text,
        starts_at,
        ends_at,
        read_only: input.read_only,
        created_by: user.id.clone(),
        created_at: at,
        updated_at: at,
        version: 1,
    };
    let row = state
        .tx(move |conn| {
            diesel::insert_into(notices::table)
                .values(&row)
                .execute(conn)?;
            crate::events::outbox::emit(
                conn,
                crate::events::outbox::NewEvent {
                    event_type: crate::events::EventType::NoticePublished,
                    subject_kind: crate::events::SubjectKind::Notice,
                    subject_id: &row.id,
                    tracking_code: None,
                    organisation_id: None,
                    data: serde_json::to_value(Notice::from(row.clone())).unwrap_or_default(),
                    at: row.created_at,
                },
            )?;
            Ok(row)
        })
        .await?;
    notice_cache.invalidate();
    let mut b = HttpResponse::build(StatusCode::CREATED);
    with_etag(&mut b, row.version);
    Ok(b.json(Notice::from(row)))
}

/// Edit a notice (e.g. end a window early by setting `ends_at` to now). Roles: `admin`.
/// Honours `If-Match`.
#[utoipa::path(
    tag = "notices",
    params(("id" = String, Path, description = "Notice id")),
    request_body = UpdateNotice,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Updated.", body = Notice),
        (status = 412, description = "Stale `If-Match`.", body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/notices/{id}")]
pub async fn update(
    state: web::Data<AppState>,
    notice_cache: web::Data<NoticeCache>,
    user: AuthUser,
    id: web::Path<String>,
    if_match: IfMatch,
    body: Json<UpdateNotice>,
) -> ApiResult<HttpResponse> {
    user.require(&[Role::Admin])?;
    let input = body.into_inner()?;
    let lead = state.config.maintenance_lead_hours;
    let id = id.into_inner();
    let row = state
        .tx(move |conn| {
            let cur = load(conn, &id)?;
            if_match.check(cur.version)?;
            let mut issues = Issues::new();
            let title = input
                .title
                .as_deref()
                .map(|t| issues.line("title", t, 3, 200))
                .unwrap_or(cur.title.clone());
            let text = input
                .body
                .as_deref()
                .map(|t| issues.text("body", t, 3, 5000))
                .unwrap_or(cur.body.clone());
            let starts_at = input
                .starts_at
                .map(|t| t.naive_utc())
                .unwrap_or(cur.starts_at);
            let ends_at = input.ends_at.map(|t| t.naive_utc()).unwrap_or(cur.ends_at);
            check_window(
                &mut issues,
                NoticeKind::parse(&cur.kind),
                starts_at,
                ends_at,
                input.starts_at.is_some() && starts_at != cur.starts_at,
                lead,
                now(),
            );
            issues.finish()?;
            let n = diesel::update(
                notices::table
                    .filter(notices::id.eq(&id))
                    .filter(notices::version.eq(cur.version)),
            )
            .set((
                notices::title.eq(title),
                notices::body.eq(text),
                notices::starts_at.eq(starts_at),
                notices::ends_at.eq(ends_at),
                notices::read_only.eq(input.read_only.unwrap_or(cur.read_only)),
                notices::updated_at.eq(now()),
                notices::version.eq(cur.version + 1),
            ))
            .execute(conn)?;
            if n == 0 {
                return Err(ApiError::precondition_failed());
            }
            load(conn, &id)
        })
        .await?;
    notice_cache.invalidate();
    let mut b = HttpResponse::Ok();
    with_etag(&mut b, row.version);
    Ok(b.json(Notice::from(row)))
}

/// Delete a notice (ends its window at once). Roles: `admin`.
#[utoipa::path(
    tag = "notices",
    params(("id" = String, Path, description = "Notice id")),
    security(("bearer" = [])),
    responses((status = 204, description = "Deleted."))
)]
#[delete("/notices/{id}")]
pub async fn remove(
    state: web::Data<AppState>,
    notice_cache: web::Data<NoticeCache>,
    user: AuthUser,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    user.require(&[Role::Admin])?;
    let id = id.into_inner();
    state
        .tx(move |conn| {
            let n = diesel::delete(notices::table.find(&id)).execute(conn)?;
            if n == 0 {
                return Err(ApiError::not_found());
            }
            Ok(())
        })
        .await?;
    notice_cache.invalidate();
    Ok(HttpResponse::NoContent().finish())
}
