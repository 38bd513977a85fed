//! `/complaints`: filing, listing (oldest unanswered first), responses and closing.

use actix_web::http::header;
use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::auth::AuthUser;
use crate::clock::{now, utc};
use crate::db::schema::{complaint_events, complaints, requests};
use crate::db::DbConnection;
use crate::domain::identity::Role;
use crate::domain::tracking::TrackingCode;
use crate::error::{ApiError, ApiResult, FieldIssue, Problem};
use crate::http::etag::{etag, with_etag, IfMatch};
use crate::http::idempotency::{IdempotencyKey, Recorded};
use crate::http::json::Json;
use crate::http::pagination::{PageParams, Paginated};
use crate::requests::model::ActorView;
use crate::requests::store::claim_tracking_code;
use crate::state::AppState;
use crate::validate::Issues;

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(create)
        .service(list)
        .service(get_one)
        .service(respond)
        .service(close);
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Delay,
    Conduct,
    Technical,
    Other,
}

impl Category {
    fn as_str(self) -> &'static str {
        match self {
            Category::Delay => "delay",
            Category::Conduct => "conduct",
            Category::Technical => "technical",
            Category::Other => "other",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ComplaintStatus {
    Received,
    Answered,
    Closed,
}

impl ComplaintStatus {
    pub fn parse(s: &str) -> ComplaintStatus {
        match s {
            "answered" => ComplaintStatus::Answered,
            "closed" => ComplaintStatus::Closed,
            _ => ComplaintStatus::Received,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            ComplaintStatus::Received => "received",
            ComplaintStatus::Answered => "answered",
            ComplaintStatus::Closed => "closed",
        }
    }
    pub fn label_fa(self) -> &'static str {
        match self {
            ComplaintStatus::Received => "دریافت شد",
            ComplaintStatus::Answered => "پاسخ داده شد",
            ComplaintStatus::Closed => "بسته شد",
        }
    }
    fn rank(self) -> i32 {
        match self {
            ComplaintStatus::Received => 0,
            ComplaintStatus::Answered => 1,
            ComplaintStatus::Closed => 2,
        }
    }
}

#[derive(Queryable, Selectable, Insertable, Clone)]
#[diesel(table_name = complaints)]
pub struct ComplaintRow {
    pub id: String,
    pub tracking_code: String,
    pub organisation_id: String,
    pub created_by: String,
    pub subject: String,
    pub body: String,
    pub category: String,
    pub request_id: Option<String>,
    pub status: String,
    pub queue_rank: i32,
    pub version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Queryable, Selectable, Insertable)]
#[diesel(table_name = complaint_events)]
pub struct EventRow {
    pub id: String,
    pub complaint_id: String,
    pub seq: i32,
    pub kind: String,
    pub from_status: Option<String>,
    pub to_status: String,
    pub at: NaiveDateTime,
    pub actor_id: String,
    pub actor_name: String,
    pub actor_role: Role,
    pub body: Option<String>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateComplaint {
    #[schema(example = "تأخیر در بررسی درخواست")]
    pub subject: String,
    pub body: String,
    pub category: Category,
    /// A request the complainant may see (422 otherwise).
    pub request_tracking_code: Option<String>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResponseBody {
    pub body: String,
}

#[derive(Serialize, ToSchema)]
pub struct ComplaintEvent {
    /// `received`, `response` or `closed`.
    pub kind: String,
    pub from: Option<ComplaintStatus>,
    pub to: ComplaintStatus,
    pub at: DateTime<Utc>,
    pub actor: ActorView,
    /// The response text (for `response`).
    pub body: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct Complaint {
    pub id: String,
    /// Its own tracking code (same generator and namespace as requests').
    pub tracking_code: String,
    pub status: ComplaintStatus,
    pub status_label_fa: &'static str,
    pub category: Category,
    pub subject: String,
    pub body: String,
    pub organisation_id: String,
    pub created_by: String,
    /// The request it concerns, if any.
    pub request_id: Option<String>,
    /// Every step, oldest first (only in single-complaint responses).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub history: Option<Vec<ComplaintEvent>>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

fn category(s: &str) -> Category {
    match s {
        "delay" => Category::Delay,
        "conduct" => Category::Conduct,
        "technical" => Category::Technical,
        _ => Category::Other,
    }
}

fn build(row: ComplaintRow, history: Option<Vec<ComplaintEvent>>) -> Complaint {
    let status = ComplaintStatus::parse(&row.status);
    Complaint {
        id: row.id,
        tracking_code: row.tracking_code,
        status,
        status_label_fa: status.label_fa(),
        category: category(&row.category),
        subject: row.subject,
        body: row.body,
        organisation_id: row.organisation_id,
        created_by: row.created_by,
        request_id: row.request_id,
        history,
        version: row.version,
        created_at: utc(row.created_at),
        updated_at: utc(row.updated_at),
    }
}

/// Whose complaints a user sees: the directorate and admins all; agencies and police their
/// organisation's; the registry account its own.
enum Seen {
    All,
    Organisation(String),
    Creator(String),
}

fn seen(user: &AuthUser) -> Seen {
    match user.role {
        Role::Directorate | Role::Admin => Seen::All,
        Role::Agency | Role::Police => Seen::Organisation(user.org_id.clone()),
        Role::Registry => Seen::Creator(user.id.clone()),
    }
}

fn load_visible(conn: &mut DbConnection, user: &AuthUser, id: &str) -> ApiResult<ComplaintRow> {
    let row: ComplaintRow = complaints::table
        .find(id)
        .select(ComplaintRow::as_select())
        .first(conn)?;
    let ok = match seen(user) {
        Seen::All => true,
        Seen::Organisation(org) => row.organisation_id == org,
        Seen::Creator(uid) => row.created_by == uid,
    };
    if ok {
        Ok(row)
    } else {
        Err(ApiError::not_found())
    }
}

fn history(conn: &mut DbConnection, id: &str) -> ApiResult<Vec<ComplaintEvent>> {
    let rows: Vec<EventRow> = complaint_events::table
        .filter(complaint_events::complaint_id.eq(id))
        .order(complaint_events::seq.asc())
        .select(EventRow::as_select())
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|e| ComplaintEvent {
            kind: e.kind,
            from: e.from_status.as_deref().map(ComplaintStatus::parse),
            to: ComplaintStatus::parse(&e.to_status),
            at: utc(e.at),
            actor: ActorView {
                id: e.actor_id,
                full_name: e.actor_name,
                role: e.actor_role,
            },
            body: e.body,
        })
        .collect())
}

/// One step of a complaint, for its history.
struct Step<'a> {
    kind: &'a str,
    from: Option<ComplaintStatus>,
    to: ComplaintStatus,
    body: Option<String>,
    at: NaiveDateTime,
}

fn append_event(
    conn: &mut DbConnection,
    complaint_id: &str,
    user: &AuthUser,
    step: Step<'_>,
) -> ApiResult<()> {
    let Step {
        kind,
        from,
        to,
        body,
        at,
    } = step;
    let last: Option<i32> = complaint_events::table
        .filter(complaint_events::complaint_id.eq(complaint_id))
        .select(diesel::dsl::max(complaint_events::seq))
        .first(conn)?;
    diesel::insert_into(complaint_events::table)
        .values(&EventRow {
            id: uuid::Uuid::now_v7().to_string(),
            complaint_id: complaint_id.to_owned(),
            seq: last.unwrap_or(0) + 1,
            kind: kind.to_owned(),
            from_status: from.map(|s| s.as_str().to_owned()),
            to_status: to.as_str().to_owned(),
            at,
            actor_id: user.id.clone(),
            actor_name: user.full_name.clone(),
            actor_role: user.role,
            body,
        })
        .execute(conn)?;
    Ok(())
}

/// File a complaint or feedback about the service. Roles: any signed-in user.
///
/// Gets its own `tracking_code` (trackable at `/track/{code}`) and `status: received`.
/// Honours `Idempotency-Key`.
#[utoipa::path(
    tag = "complaints",
    request_body = CreateComplaint,
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes retries safe.")),
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Received.", body = Complaint),
        (status = 409, description = "The idempotency key is in flight (`idempotency_in_flight`).", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/complaints")]
pub async fn create(
    state: web::Data<AppState>,
    user: AuthUser,
    idem: IdempotencyKey,
    body: Json<CreateComplaint>,
) -> ApiResult<HttpResponse> {
    let (input, hash) = body.into_parts()?;
    let mut issues = Issues::new();
    let subject = issues.line("subject", &input.subject, 3, 200);
    let text = issues.text("body", &input.body, 3, 5000);
    let code = match input
        .request_tracking_code
        .as_deref()
        .filter(|c| !c.trim().is_empty())
    {
        None => None,
        Some(c) => match TrackingCode::parse(c) {
            Some(code) => Some(code.as_str().to_owned()),
            None => {
                issues.push(FieldIssue::new(
                    "request_tracking_code",
                    "unknown_request",
                    "درخواستی با این کد پیگیری یافت نشد.",
                    "No request with this tracking code.",
                ));
                None
            }
        },
    };
    issues.finish()?;
    let call = idem.call(&user.id, "POST /complaints", hash);
    state
        .idempotent(call, move |c| {
            let request_id = match &code {
                None => None,
                Some(code) => {
                    let found: Option<(String, String)> = requests::table
                        .filter(requests::tracking_code.eq(code))
                        .select((requests::id, requests::organisation_id))
                        .first(c)
                        .optional()?;
                    let visible = match (&found, user.role) {
                        (None, _) | (_, Role::Police) => false,
                        (Some((_, org)), Role::Agency) => *org == user.org_id,
                        _ => true,
                    };
                    if !visible {
                        return Err(ApiError::invalid_field(FieldIssue::new(
                            "request_tracking_code",
                            "unknown_request",
                            "درخواستی با این کد پیگیری یافت نشد.",
                            "No request with this tracking code.",
                        )));
                    }
                    found.map(|(id, _)| id)
                }
            };
            let at = now();
            let id = uuid::Uuid::now_v7().to_string();
            let tracking_code = claim_tracking_code(c, "complaint", &id, at)?;
            let row = ComplaintRow {
                id: id.clone(),
                tracking_code,
                organisation_id: user.org_id.clone(),
                created_by: user.id.clone(),
                subject,
                body: text,
                category: input.category.as_str().to_owned(),
                request_id,
                status: "received".to_owned(),
                queue_rank: 0,
                version: 1,
                created_at: at,
                updated_at: at,
            };
            diesel::insert_into(complaints::table)
                .values(&row)
                .execute(c)?;
            crate::events::outbox::emit(
                c,
                crate::events::outbox::NewEvent {
                    event_type: crate::events::EventType::ComplaintReceived,
                    subject_kind: crate::events::SubjectKind::Complaint,
                    subject_id: &id,
                    tracking_code: Some(&row.tracking_code),
                    organisation_id: Some(&row.organisation_id),
                    data: serde_json::json!({
                        "complaint_id": id,
                        "tracking_code": row.tracking_code,
                        "category": row.category,
                        "status": "received",
                        "request_id": row.request_id,
                    }),
                    at,
                },
            )?;
            append_event(
                c,
                &id,
                &user,
                Step {
                    kind: "received",
                    from: None,
                    to: ComplaintStatus::Received,
                    body: None,
                    at,
                },
            )?;
            let hist = history(c, &id)?;
            let view = build(row, Some(hist));
            let recorded = Recorded::json(
                StatusCode::CREATED,
                &view,
                Some(format!("/api/v1/complaints/{id}")),
                Some(etag(view.version)),
            )?;
            Ok(recorded)
        })
        .await
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ComplaintFilter {
    pub status: Option<ComplaintStatus>,
    pub category: Option<Category>,
    /// Filed at or after this time.
    pub created_from: Option<DateTime<Utc>>,
    /// Filed before this time.
    pub created_to: Option<DateTime<Utc>>,
}

/// List complaints: unanswered first, oldest first within each status. Roles: `directorate`,
/// `admin` (all); `agency`, `police` (their organisation's); `registry` (its own).
#[utoipa::path(
    tag = "complaints",
    params(ComplaintFilter, PageParams),
    security(("bearer" = [])),
    responses((status = 200, description = "A page of complaints.", body = Paginated<Complaint>))
)]
#[get("/complaints")]
pub async fn list(
    state: web::Data<AppState>,
    user: AuthUser,
    filter: web::Query<ComplaintFilter>,
    page: web::Query<PageParams>,
) -> ApiResult<HttpResponse> {
    let page = page.page()?;
    let after = page.after_ranked()?;
    let f = filter.into_inner();
    let rows = state
        .db(move |conn| {
            let mut q = complaints::table
                .select(ComplaintRow::as_select())
                .order((complaints::queue_rank.asc(), complaints::id.asc()))
                .limit(page.limit + 1)
                .into_boxed();
            match seen(&user) {
                Seen::All => {}
                Seen::Organisation(org) => q = q.filter(complaints::organisation_id.eq(org)),
                Seen::Creator(uid) => q = q.filter(complaints::created_by.eq(uid)),
            }
            if let Some(s) = f.status {
                q = q.filter(complaints::status.eq(s.as_str()));
            }
            if let Some(cat) = f.category {
                q = q.filter(complaints::category.eq(cat.as_str()));
            }
            if let Some(t) = f.created_from {
                q = q.filter(complaints::created_at.ge(t.naive_utc()));
            }
            if let Some(t) = f.created_to {
                q = q.filter(complaints::created_at.lt(t.naive_utc()));
            }
            if let Some((rank, id)) = after {
                q = q.filter(
                    complaints::queue_rank
                        .gt(rank)
                        .or(complaints::queue_rank.eq(rank).and(complaints::id.gt(id))),
                );
            }
            Ok(q.load::<ComplaintRow>(conn)?)
        })
        .await?;
    Ok(HttpResponse::Ok().json(Paginated::from_rows(
        rows,
        page.limit,
        |r| format!("{}:{}", r.queue_rank, r.id),
        |r| build(r, None),
    )))
}

/// One complaint with its history. Roles: as for the list; others get 404.
#[utoipa::path(
    tag = "complaints",
    params(("id" = String, Path, description = "Complaint id")),
    security(("bearer" = [])),
    responses((status = 200, description = "The complaint.", body = Complaint))
)]
#[get("/complaints/{id}")]
pub async fn get_one(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let view = state
        .db(move |conn| {
            let row = load_visible(conn, &user, &id)?;
            let h = history(conn, &id)?;
            Ok(build(row, Some(h)))
        })
        .await?;
    let mut b = HttpResponse::Ok();
    with_etag(&mut b, view.version);
    Ok(b.json(view))
}

/// Moves a complaint to `to`, appending the event; 409 from `closed`.
async fn step(
    state: web::Data<AppState>,
    user: AuthUser,
    id: String,
    if_match: IfMatch,
    kind: &'static str,
    to: ComplaintStatus,
    body: Option<String>,
) -> ApiResult<HttpResponse> {
    let view = state
        .tx(move |conn| {
            let row = load_visible(conn, &user, &id)?;
            if kind == "closed" && !matches!(user.role, Role::Directorate | Role::Admin) {
                // The complainant's side: agency/police of the same organisation, or the filer.
                let own = row.created_by == user.id
                    || (matches!(user.role, Role::Agency | Role::Police)
                        && row.organisation_id == user.org_id);
                if !own {
                    return Err(ApiError::forbidden());
                }
            }
            if_match.check(row.version)?;
            let from = ComplaintStatus::parse(&row.status);
            if from == ComplaintStatus::Closed {
                return Err(ApiError::invalid_transition("closed", from.label_fa()));
            }
            let at = now();
            let n = diesel::update(
                complaints::table
                    .filter(complaints::id.eq(&id))
                    .filter(complaints::version.eq(row.version)),
            )
            .set((
                complaints::status.eq(to.as_str()),
                complaints::queue_rank.eq(to.rank()),
                complaints::version.eq(row.version + 1),
                complaints::updated_at.eq(at),
            ))
            .execute(conn)?;
            if n == 0 {
                return Err(ApiError::precondition_failed());
            }
            if to == ComplaintStatus::Answered {
                crate::events::outbox::emit(
                    conn,
                    crate::events::outbox::NewEvent {
                        event_type: crate::events::EventType::ComplaintAnswered,
                        subject_kind: crate::events::SubjectKind::Complaint,
                        subject_id: &id,
                        tracking_code: Some(&row.tracking_code),
                        organisation_id: Some(&row.organisation_id),
                        data: serde_json::json!({
                            "complaint_id": id,
                            "tracking_code": row.tracking_code,
                            "status": "answered",
                        }),
                        at,
                    },
                )?;
            }
            append_event(
                conn,
                &id,
                &user,
                Step {
                    kind,
                    from: Some(from),
                    to,
                    body,
                    at,
                },
            )?;
            let row = load_visible(conn, &user, &id)?;
            let h = history(conn, &id)?;
            Ok(build(row, Some(h)))
        })
        .await?;
    let mut b = HttpResponse::Ok();
    b.insert_header((header::ETAG, etag(view.version)));
    Ok(b.json(view))
}

/// Respond to a complaint (may be done more than once): → `answered`. Roles: `directorate`,
/// `admin`. Honours `If-Match`.
#[utoipa::path(
    tag = "complaints",
    params(("id" = String, Path, description = "Complaint id")),
    request_body = ResponseBody,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Answered.", body = Complaint),
        (status = 409, description = "Closed (`invalid_transition`).", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/complaints/{id}/responses")]
pub async fn respond(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    if_match: IfMatch,
    body: Json<ResponseBody>,
) -> ApiResult<HttpResponse> {
    user.require(&[Role::Directorate, Role::Admin])?;
    let input = body.into_inner()?;
    let mut issues = Issues::new();
    let text = issues.text("body", &input.body, 1, 5000);
    issues.finish()?;
    step(
        state,
        user,
        id.into_inner(),
        if_match,
        "response",
        ComplaintStatus::Answered,
        Some(text),
    )
    .await
}

/// Close a complaint: → `closed`. Roles: the complainant (its filer, or its agency or police
/// organisation), `directorate`, `admin`. Honours `If-Match`.
#[utoipa::path(
    tag = "complaints",
    params(("id" = String, Path, description = "Complaint id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Closed.", body = Complaint),
        (status = 409, description = "Already closed (`invalid_transition`).", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/complaints/{id}/close")]
pub async fn close(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    if_match: IfMatch,
) -> ApiResult<HttpResponse> {
    step(
        state,
        user,
        id.into_inner(),
        if_match,
        "closed",
        ComplaintStatus::Closed,
        None,
    )
    .await
}

/// Used by the public tracking look-up.
pub fn track_status(
    conn: &mut DbConnection,
    code: &str,
) -> ApiResult<(ComplaintStatus, NaiveDateTime)> {
    let (status, updated): (String, NaiveDateTime) = complaints::table
        .filter(complaints::tracking_code.eq(code))
        .select((complaints::status, complaints::updated_at))
        .first(conn)?;
    Ok((ComplaintStatus::parse(&status), updated))
}
