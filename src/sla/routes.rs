//! `GET /requests/{id}/sla`: how a request's deadlines were computed, day by day, so that a
//! disputed deadline can be checked by hand.

use actix_web::{get, web, HttpResponse};
use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::auth::access::Scope;
use crate::auth::AuthUser;
use crate::clock::{now, utc};
use crate::domain::jalali::format_jalali;
use crate::domain::status::RequestStatus;
use crate::error::ApiResult;
use crate::requests::store;
use crate::sla::calendar::{days_from_centi, Calendar, DayKind};
use crate::sla::clock::{self, Stage, StageRun};
use crate::sla::SlaView;
use crate::state::AppState;

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(explain);
}

/// The calendar rules a computation used.
#[derive(Serialize, ToSchema)]
pub struct CalendarRules {
    /// IANA time zone of office hours and calendar days.
    #[schema(example = "Asia/Tehran")]
    pub time_zone: String,
    /// Weekend days (English names).
    #[schema(example = json!(["Fri"]))]
    pub weekend_days: Vec<String>,
    #[schema(example = "07:30")]
    pub office_opens: String,
    #[schema(example = "14:30")]
    pub office_closes: String,
    /// One working day is this many office hours.
    pub working_day_hours: f64,
}

/// Why a day counted or not.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DayStatus {
    /// Office hours counted (possibly part of the day).
    Working,
    Weekend,
    Holiday,
    /// A working day on which the clock was paused (waiting for the agency's documents).
    Paused,
}

#[derive(Serialize, ToSchema)]
pub struct DayEntry {
    pub date: NaiveDate,
    #[schema(example = "1403/08/15")]
    pub date_jalali: String,
    #[schema(example = "Wed")]
    pub weekday: String,
    pub status: DayStatus,
    /// The holiday's title on holidays.
    pub holiday: Option<String>,
    /// Office hours counted against the budget on this day.
    pub counted_hours: f64,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SpanState {
    Running,
    Paused,
}

#[derive(Serialize, ToSchema)]
pub struct SpanView {
    pub state: SpanState,
    pub start: DateTime<Utc>,
    /// `null` while open.
    pub end: Option<DateTime<Utc>>,
}

/// One run of a stage.
#[derive(Serialize, ToSchema)]
pub struct StageRunView {
    pub stage: Stage,
    pub budget_working_days: i64,
    pub started_at: DateTime<Utc>,
    /// `null` while the stage is open.
    pub ended_at: Option<DateTime<Utc>>,
    /// Ended by its own outcome (decision, receipt, registration); `false` when withdrawn or
    /// reopened, or still open.
    pub completed: bool,
    pub elapsed_working_days: f64,
    /// When the budget runs (or ran) out; `null` if it never did and the clock is not running.
    pub due_at: Option<DateTime<Utc>>,
    pub due_date_jalali: Option<String>,
    /// For completed runs: whether they finished within the budget.
    pub within_budget: Option<bool>,
    pub spans: Vec<SpanView>,
    /// Every calendar day of the run, with what counted.
    pub days: Vec<DayEntry>,
}

/// How a request's SLA clocks were computed.
#[derive(Serialize, ToSchema)]
pub struct SlaExplanation {
    pub request_id: String,
    pub tracking_code: String,
    pub status: RequestStatus,
    pub sla: SlaView,
    pub calendar: CalendarRules,
    pub runs: Vec<StageRunView>,
    pub computed_at: DateTime<Utc>,
}

fn run_view(run: &StageRun, cal: &Calendar, budget_days: i64, at: NaiveDateTime) -> StageRunView {
    let budget_secs = budget_days * cal.day_secs();
    let end = run.ended_at.unwrap_or(at);
    let used = run.used_secs(cal, at);
    let elapsed = cal.centidays(used);
    let due = run.due_at(cal, budget_secs);
    let mut days = Vec::new();
    for (date, kind, _) in cal.days_between(run.started_at(), end) {
        let counted: i64 = run
            .spans
            .iter()
            .filter(|s| s.running)
            .map(|s| cal.working_secs_on(date, s.start, s.end.unwrap_or(at)))
            .sum();
        let paused: i64 = run
            .spans
            .iter()
            .filter(|s| !s.running)
            .map(|s| cal.working_secs_on(date, s.start, s.end.unwrap_or(at)))
            .sum();
        let (status, holiday) = match kind {
            DayKind::Weekend => (DayStatus::Weekend, None),
            DayKind::Holiday(title) => (DayStatus::Holiday, Some(title)),
            DayKind::Working if counted == 0 && paused > 0 => (DayStatus::Paused, None),
            DayKind::Working => (DayStatus::Working, None),
        };
        days.push(DayEntry {
            date_jalali: format_jalali(date),
            weekday: date.weekday().to_string(),
            date,
            status,
            holiday,
            counted_hours: (counted as f64 / 36.0).round() / 100.0,
        });
    }
    StageRunView {
        stage: run.stage,
        budget_working_days: budget_days,
        started_at: utc(run.started_at()),
        ended_at: run.ended_at.map(utc),
        completed: run.completed,
        elapsed_working_days: days_from_centi(elapsed),
        due_at: due.map(utc),
        due_date_jalali: due.map(|d| format_jalali(cal.local_date(d))),
        within_budget: run.completed.then_some(elapsed <= budget_days * 100),
        spans: run
            .spans
            .iter()
            .map(|s| SpanView {
                state: if s.running {
                    SpanState::Running
                } else {
                    SpanState::Paused
                },
                start: utc(s.start),
                end: s.end.map(utc),
            })
            .collect(),
        days,
    }
}

/// How the request's SLA clocks were computed: the calendar rules, each stage run with its
/// running and paused spans, and every day with what it counted (weekends, holidays and
/// paused days count nothing). Roles: as for reading the request.
#[utoipa::path(
    tag = "sla",
    params(("id" = String, Path, description = "Request id")),
    security(("bearer" = [])),
    responses((status = 200, description = "The computation, day by day.", body = SlaExplanation))
)]
#[get("/requests/{id}/sla")]
pub async fn explain(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let scope = Scope::requests(&user)?;
    let id = id.into_inner();
    let config = state.config.clone();
    let body = state
        .db(move |conn| {
            let row = store::load_visible(conn, &scope, &id)?;
            let cal = super::store::calendar(conn, &config)?;
            let at = now();
            let history = super::store::transitions(conn, &row.id)?;
            let stored =
                super::store::rows_for(conn, std::slice::from_ref(&row.id))?.remove(&row.id);
            let sla = super::store::view_of(conn, &config, &cal, stored, &row, at)?;
            let runs = clock::runs(&history)
                .iter()
                .map(|r| run_view(r, &cal, r.stage.budget_days(&config), at))
                .collect();
            let (open, close) = config.office_hours.to_string_pair();
            Ok(SlaExplanation {
                request_id: row.id,
                tracking_code: row.tracking_code,
                status: row.status,
                sla,
                calendar: CalendarRules {
                    time_zone: config.service_timezone.to_string(),
                    weekend_days: config
                        .weekend_days
                        .0
                        .iter()
                        .map(|d| d.to_string())
                        .collect(),
                    office_opens: open,
                    office_closes: close,
                    working_day_hours: cal.day_secs() as f64 / 3600.0,
                },
                runs,
                computed_at: utc(at),
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(body))
}
