//! `/holidays`: the working-day calendar's holiday table. Everyone signed in may read it (an
//! agency needs it to check a deadline); administrators add and remove days. Every change
//! recomputes the affected SLA clocks in the same transaction.

use actix_web::http::StatusCode;
use actix_web::{delete, get, post, web, HttpRequest, HttpResponse};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::auth::AuthUser;
use crate::clock::{now, utc};
use crate::db::schema::holidays;
use crate::domain::identity::Role;
use crate::domain::jalali::{format_jalali, parse_date};
use crate::error::{ApiError, ApiResult, FieldIssue, Problem};
use crate::http::client::client_ip;
use crate::http::json::Json;
use crate::http::pagination::{PageParams, Paginated};
use crate::http::query_date;
use crate::state::AppState;
use crate::validate::Issues;

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list).service(create).service(remove);
}

#[derive(Clone, Debug, Queryable, Selectable, Insertable)]
#[diesel(table_name = holidays)]
pub struct HolidayRow {
    pub id: String,
    pub date: NaiveDate,
    pub title: String,
    pub created_by: String,
    pub created_at: NaiveDateTime,
}

/// A public holiday: not a working day for SLA clocks.
#[derive(Serialize, ToSchema)]
pub struct Holiday {
    pub id: String,
    /// ISO date.
    pub date: NaiveDate,
    /// The same date in the Solar Hijri calendar, `1403/01/01`.
    #[schema(example = "1403/01/01")]
    pub date_jalali: String,
    #[schema(example = "عید نوروز")]
    pub title: String,
    pub created_at: DateTime<Utc>,
}

impl From<HolidayRow> for Holiday {
    fn from(r: HolidayRow) -> Self {
        Holiday {
            id: r.id,
            date_jalali: format_jalali(r.date),
            date: r.date,
            title: r.title,
            created_at: utc(r.created_at),
        }
    }
}

/// A new holiday.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewHoliday {
    /// ISO `2025-03-21` or Jalali `1404/01/01` (Persian digits accepted).
    #[schema(example = "1404/01/01")]
    pub date: String,
    /// 2–200 characters.
    #[schema(example = "عید نوروز")]
    pub title: String,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct HolidayFilter {
    /// On or after this date (ISO or Jalali).
    pub from: Option<String>,
    /// On or before this date (ISO or Jalali).
    pub to: Option<String>,
}

/// List holidays, earliest first. Roles: any signed-in user.
#[utoipa::path(
    tag = "sla",
    params(HolidayFilter, PageParams),
    security(("bearer" = [])),
    responses((status = 200, description = "A page of holidays.", body = Paginated<Holiday>))
)]
#[get("/holidays")]
pub async fn list(
    state: web::Data<AppState>,
    _user: AuthUser,
    filter: web::Query<HolidayFilter>,
    page: web::Query<PageParams>,
) -> ApiResult<HttpResponse> {
    let page = page.page()?;
    let from = query_date("from", filter.from.as_deref())?;
    let to = query_date("to", filter.to.as_deref())?;
    let after = page
        .after
        .as_deref()
        .map(|c| {
            NaiveDate::parse_from_str(c, "%Y-%m-%d")
                .map_err(|_| ApiError::invalid_query("cursor is not valid"))
        })
        .transpose()?;
    let rows = state
        .db(move |conn| {
            let mut q = holidays::table
                .select(HolidayRow::as_select())
                .order(holidays::date.asc())
                .limit(page.limit + 1)
                .into_boxed();
            if let Some(d) = from {
                q = q.filter(holidays::date.ge(d));
            }
            if let Some(d) = to {
                q = q.filter(holidays::date.le(d));
            }
            if let Some(d) = after {
                q = q.filter(holidays::date.gt(d));
            }
            Ok(q.load::<HolidayRow>(conn)?)
        })
        .await?;
    Ok(HttpResponse::Ok().json(Paginated::from_rows(
        rows,
        page.limit,
        |r| r.date.to_string(),
        Holiday::from,
    )))
}

/// Add a holiday. Roles: `admin`. Running SLA clocks move their deadlines at once (and
/// finished stages that spanned the day are measured again). A date already in the table is
/// 409 `duplicate`.
#[utoipa::path(
    tag = "sla",
    request_body = NewHoliday,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Added.", body = Holiday,
         headers(("Location" = String, description = "The holiday's URL"))),
        (status = 409, description = "That date is already a holiday (`duplicate`).", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/holidays")]
pub async fn create(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: AuthUser,
    body: Json<NewHoliday>,
) -> ApiResult<HttpResponse> {
    user.require(&[Role::Admin])?;
    let input = body.into_inner()?;
    let mut issues = Issues::new();
    let date = match parse_date(&input.date) {
        Ok(d) => Some(d),
        Err(_) => {
            issues.push(FieldIssue::new(
                "date",
                "invalid_date",
                "تاریخ باید به شکل ۱۴۰۴/۰۱/۰۱ یا 2025-03-21 و روزی موجود باشد.",
                "The date must look like 1404/01/01 or 2025-03-21 and exist.",
            ));
            None
        }
    };
    let title = issues.line("title", &input.title, 2, 200);
    issues.finish()?;
    let Some(date) = date else {
        return Err(ApiError::internal("date validated above"));
    };
    let ip = client_ip(&req, state.config.trust_proxy);
    let config = state.config.clone();
    let row = state
        .tx(move |conn| {
            let at = now();
            let taken: i64 = holidays::table
                .filter(holidays::date.eq(date))
                .count()
                .get_result(conn)?;
            if taken > 0 {
                return Err(ApiError::duplicate(
                    format!("روز {} از پیش تعطیل ثبت شده است.", format_jalali(date)),
                    format!("{date} is already a holiday."),
                )
                .with_extension("field", "date"));
            }
            let row = HolidayRow {
                id: uuid::Uuid::now_v7().to_string(),
                date,
                title,
                created_by: user.id.clone(),
                created_at: at,
            };
            diesel::insert_into(holidays::table)
                .values(&row)
                .execute(conn)?;
            let recomputed = super::store::recompute_for_holiday(conn, &config, date, at)?;
            audit(conn, &user, "holiday.create", &row, &ip, recomputed)?;
            Ok(row)
        })
        .await?;
    let mut b = HttpResponse::build(StatusCode::CREATED);
    b.insert_header((
        actix_web::http::header::LOCATION,
        format!("/api/v1/holidays/{}", row.id),
    ));
    Ok(b.json(Holiday::from(row)))
}

fn audit(
    conn: &mut crate::db::DbConnection,
    user: &AuthUser,
    action: &str,
    row: &HolidayRow,
    ip: &str,
    recomputed: usize,
) -> ApiResult<()> {
    crate::audit::record(
        conn,
        crate::audit::Entry {
            actor_user_id: Some(&user.id),
            action,
            subject_kind: "holiday",
            subject_id: Some(&row.id),
            client_ip: Some(ip),
            detail: Some(serde_json::json!({
                "date": row.date,
                "title": row.title,
                "recomputed_requests": recomputed,
            })),
        },
    )
}

/// Remove a holiday. Roles: `admin`. SLA clocks are recomputed as for adding one.
#[utoipa::path(
    tag = "sla",
    params(("id" = String, Path, description = "Holiday id")),
    security(("bearer" = [])),
    responses((status = 204, description = "Removed."))
)]
#[delete("/holidays/{id}")]
pub async fn remove(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    user.require(&[Role::Admin])?;
    let id = id.into_inner();
    let ip = client_ip(&req, state.config.trust_proxy);
    let config = state.config.clone();
    state
        .tx(move |conn| {
            let row: HolidayRow = holidays::table
                .find(&id)
                .select(HolidayRow::as_select())
                .first(conn)?;
            diesel::delete(holidays::table.find(&id)).execute(conn)?;
            let recomputed = super::store::recompute_for_holiday(conn, &config, row.date, now())?;
            audit(conn, &user, "holiday.delete", &row, &ip, recomputed)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
