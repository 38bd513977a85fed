//! `GET /reports/sla`: how each agency is served, over requests filed in a date range. The
//! database does the counting (`GROUP BY` over `request_sla`, served by its report indexes);
//! medians and 90th percentiles come exactly from the per-value counts it returns.

use std::collections::{BTreeMap, HashMap};

use actix_web::http::header;
use actix_web::{get, web, HttpRequest, HttpResponse};
use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeDelta, Utc};
use diesel::dsl::count_star;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::auth::AuthUser;
use crate::clock::{now, utc};
use crate::config::Config;
use crate::db::schema::{feedback, organisations, request_sla};
use crate::db::DbConnection;
use crate::domain::identity::Role;
use crate::domain::jalali::format_jalali;
use crate::domain::status::RequestStatus;
use crate::error::{ApiError, ApiResult};
use crate::http::query_date;
use crate::sla::calendar::days_from_centi;
use crate::sla::clock::{ClockState, Stage};
use crate::state::AppState;

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(sla_report);
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReportFilter {
    /// Requests filed on or after this date (ISO `2024-11-05` or Jalali `1403/08/15`, service
    /// time zone).
    pub from: Option<String>,
    /// Requests filed on or before this date (ISO or Jalali).
    pub to: Option<String>,
    /// Only this agency.
    pub organisation_id: Option<String>,
    /// `csv` for CSV (the same as `Accept: text/csv`).
    pub format: Option<String>,
}

/// Durations of one stage over the requests that completed it.
#[derive(Clone, Debug, Default, Serialize, ToSchema)]
pub struct StageStats {
    /// Runs of the stage that ended with its outcome (latest run per request).
    pub completed: i64,
    /// Median working days (nearest rank); `null` without completed runs.
    pub median_working_days: Option<f64>,
    /// 90th percentile of working days (nearest rank).
    pub p90_working_days: Option<f64>,
    /// How many completed within the budget.
    pub within_budget: i64,
    /// `within_budget / completed`, 0–1.
    pub within_budget_share: Option<f64>,
}

#[derive(Clone, Debug, Default, Serialize, ToSchema)]
pub struct StageSet {
    pub decision: StageStats,
    pub police: StageStats,
    pub registration: StageStats,
}

#[derive(Clone, Debug, Default, Serialize, ToSchema)]
pub struct FeedbackStats {
    pub count: i64,
    /// Average rating 1–5, two decimals; `null` without feedback.
    pub average_rating: Option<f64>,
}

/// Figures over a set of requests.
#[derive(Clone, Debug, Default, Serialize, ToSchema)]
pub struct SlaFigures {
    /// Requests filed in the range.
    pub requests: i64,
    /// Requests by current status (every status present, zero included).
    pub by_status: BTreeMap<String, i64>,
    pub stages: StageSet,
    /// Requests whose clock is running past its deadline now.
    pub overdue_now: i64,
    pub feedback: FeedbackStats,
}

#[derive(Serialize, ToSchema)]
pub struct AgencyFigures {
    pub organisation_id: String,
    pub organisation_name: String,
    #[serde(flatten)]
    pub figures: SlaFigures,
}

#[derive(Serialize, ToSchema)]
pub struct Budgets {
    pub decision: i64,
    pub police: i64,
    pub registration: i64,
}

/// The service-level report.
#[derive(Serialize, ToSchema)]
pub struct SlaReport {
    pub from: Option<NaiveDate>,
    pub from_jalali: Option<String>,
    pub to: Option<NaiveDate>,
    pub to_jalali: Option<String>,
    pub generated_at: DateTime<Utc>,
    /// Budgets in working days the shares are measured against.
    pub budgets: Budgets,
    pub overall: SlaFigures,
    /// One entry per agency with requests in the range, by name.
    pub agencies: Vec<AgencyFigures>,
}

/// The report's selection, resolved.
#[derive(Clone, Debug)]
pub struct Selection {
    pub from: Option<NaiveDateTime>,
    pub until: Option<NaiveDateTime>,
    pub organisation_id: Option<String>,
}

macro_rules! select_on {
    ($q:expr, $sel:expr) => {{
        let mut q = $q;
        if let Some(f) = $sel.from {
            q = q.filter(request_sla::created_at.ge(f));
        }
        if let Some(u) = $sel.until {
            q = q.filter(request_sla::created_at.lt(u));
        }
        if let Some(o) = &$sel.organisation_id {
            q = q.filter(request_sla::organisation_id.eq(o.clone()));
        }
        q
    }};
}

/// `(organisation, value, count)` rows sorted by value, to figures per organisation.
#[derive(Default)]
struct Histogram(Vec<(i64, i64)>);

impl Histogram {
    fn total(&self) -> i64 {
        self.0.iter().map(|(_, n)| n).sum()
    }

    /// Nearest-rank percentile: the smallest value with at least `p` of the runs at or below.
    fn percentile(&self, p: f64) -> Option<i64> {
        let total = self.total();
        if total == 0 {
            return None;
        }
        let rank = ((p * total as f64).ceil() as i64).max(1);
        let mut seen = 0;
        for (v, n) in &self.0 {
            seen += n;
            if seen >= rank {
                return Some(*v);
            }
        }
        self.0.last().map(|(v, _)| *v)
    }

    fn stats(&self, budget_days: i64) -> StageStats {
        let completed = self.total();
        let within: i64 = self
            .0
            .iter()
            .filter(|(v, _)| *v <= budget_days * 100)
            .map(|(_, n)| n)
            .sum();
        StageStats {
            completed,
            median_working_days: self.percentile(0.5).map(days_from_centi),
            p90_working_days: self.percentile(0.9).map(days_from_centi),
            within_budget: within,
            within_budget_share: (completed > 0)
                .then(|| (within as f64 / completed as f64 * 10_000.0).round() / 10_000.0),
        }
    }

    fn merge(parts: &[&Histogram]) -> Histogram {
        let mut all: BTreeMap<i64, i64> = BTreeMap::new();
        for h in parts {
            for (v, n) in &h.0 {
                *all.entry(*v).or_default() += n;
            }
        }
        Histogram(all.into_iter().collect())
    }
}

type StageRows = Vec<(String, Option<i64>, i64)>;

fn stage_histograms(
    conn: &mut DbConnection,
    sel: &Selection,
    stage: Stage,
) -> ApiResult<HashMap<String, Histogram>> {
    let rows: StageRows = match stage {
        Stage::Decision => select_on!(
            request_sla::table
                .filter(request_sla::decision_cd.is_not_null())
                .group_by((request_sla::organisation_id, request_sla::decision_cd))
                .select((
                    request_sla::organisation_id,
                    request_sla::decision_cd,
                    count_star(),
                ))
                .into_boxed(),
            sel
        )
        .load(conn)?,
        Stage::Police => select_on!(
            request_sla::table
                .filter(request_sla::police_cd.is_not_null())
                .group_by((request_sla::organisation_id, request_sla::police_cd))
                .select((
                    request_sla::organisation_id,
                    request_sla::police_cd,
                    count_star(),
                ))
                .into_boxed(),
            sel
        )
        .load(conn)?,
        Stage::Registration => select_on!(
            request_sla::table
                .filter(request_sla::registration_cd.is_not_null())
                .group_by((request_sla::organisation_id, request_sla::registration_cd))
                .select((
                    request_sla::organisation_id,
                    request_sla::registration_cd,
                    count_star(),
                ))
                .into_boxed(),
            sel
        )
        .load(conn)?,
    };
    let mut out: HashMap<String, Histogram> = HashMap::new();
    for (org, value, n) in rows {
        if let Some(v) = value {
            out.entry(org).or_default().0.push((v, n));
        }
    }
    for h in out.values_mut() {
        h.0.sort_unstable();
    }
    Ok(out)
}

/// Computes the report.
pub fn compute(
    conn: &mut DbConnection,
    config: &Config,
    sel: &Selection,
    at: NaiveDateTime,
) -> ApiResult<(SlaFigures, Vec<AgencyFigures>)> {
    let counts: Vec<(String, RequestStatus, i64)> = select_on!(
        request_sla::table
            .group_by((request_sla::organisation_id, request_sla::status))
            .select((
                request_sla::organisation_id,
                request_sla::status,
                count_star(),
            ))
            .into_boxed(),
        sel
    )
    .load(conn)?;
    let overdue: Vec<(String, i64)> = select_on!(
        request_sla::table
            .filter(request_sla::clock.eq(ClockState::Running))
            .filter(request_sla::due_at.lt(at))
            .group_by(request_sla::organisation_id)
            .select((request_sla::organisation_id, count_star()))
            .into_boxed(),
        sel
    )
    .load(conn)?;
    // Driven from the (small) feedback table: the filing-date range is checked per feedback
    // row against its request's primary key.
    let ratings: Vec<(String, i64, Option<i64>)> = {
        let mut q = feedback::table
            .group_by(feedback::organisation_id)
            .select((
                feedback::organisation_id,
                count_star(),
                diesel::dsl::sum(feedback::rating),
            ))
            .into_boxed();
        if sel.from.is_some() || sel.until.is_some() {
            // Bounds every backend stores and compares alike (SQLite compares timestamps as text).
            let far = |y| {
                NaiveDate::from_ymd_opt(y, 1, 1)
                    .unwrap_or_default()
                    .and_time(chrono::NaiveTime::MIN)
            };
            let from = sel.from.unwrap_or(far(1900));
            let until = sel.until.unwrap_or(far(9999));
            q = q.filter(diesel::dsl::exists(
                request_sla::table
                    .filter(request_sla::request_id.eq(feedback::request_id))
                    .filter(request_sla::created_at.ge(from))
                    .filter(request_sla::created_at.lt(until)),
            ));
        }
        if let Some(o) = &sel.organisation_id {
            q = q.filter(feedback::organisation_id.eq(o.clone()));
        }
        q.load(conn)?
    };
    let stages = [
        (
            Stage::Decision,
            stage_histograms(conn, sel, Stage::Decision)?,
        ),
        (Stage::Police, stage_histograms(conn, sel, Stage::Police)?),
        (
            Stage::Registration,
            stage_histograms(conn, sel, Stage::Registration)?,
        ),
    ];

    let mut orgs: Vec<String> = counts.iter().map(|(o, _, _)| o.clone()).collect();
    orgs.sort();
    orgs.dedup();
    let names: HashMap<String, String> = organisations::table
        .filter(organisations::id.eq_any(&orgs))
        .select((organisations::id, organisations::name))
        .load::<(String, String)>(conn)?
        .into_iter()
        .collect();
    let empty = Histogram::default();
    let figures = |org: Option<&str>| -> SlaFigures {
        let mine = |o: &str| org.is_none_or(|want| want == o);
        let mut by_status: BTreeMap<String, i64> = RequestStatus::ALL
            .iter()
            .map(|s| (s.as_str().to_owned(), 0))
            .collect();
        let mut requests = 0;
        for (o, s, n) in &counts {
            if mine(o) {
                *by_status.entry(s.as_str().to_owned()).or_default() += n;
                requests += n;
            }
        }
        let stage = |i: usize| -> StageStats {
            let (stage, per_org) = &stages[i];
            let parts: Vec<&Histogram> = match org {
                Some(o) => vec![per_org.get(o).unwrap_or(&empty)],
                None => per_org.values().collect(),
            };
            Histogram::merge(&parts).stats(stage.budget_days(config))
        };
        let (count, sum) = ratings
            .iter()
            .filter(|(o, _, _)| mine(o))
            .fold((0, 0), |(c, s), (_, n, total)| {
                (c + n, s + total.unwrap_or(0))
            });
        SlaFigures {
            requests,
            by_status,
            stages: StageSet {
                decision: stage(0),
                police: stage(1),
                registration: stage(2),
            },
            overdue_now: overdue
                .iter()
                .filter(|(o, _)| mine(o))
                .map(|(_, n)| n)
                .sum(),
            feedback: FeedbackStats {
                count,
                average_rating: (count > 0)
                    .then(|| (sum as f64 / count as f64 * 100.0).round() / 100.0),
            },
        }
    };
    let overall = figures(None);
    let mut agencies: Vec<AgencyFigures> = orgs
        .iter()
        .map(|o| AgencyFigures {
            organisation_id: o.clone(),
            organisation_name: names.get(o).cloned().unwrap_or_default(),
            figures: figures(Some(o)),
        })
        .collect();
    agencies.sort_by(|a, b| {
        a.organisation_name
            .cmp(&b.organisation_name)
            .then(a.organisation_id.cmp(&b.organisation_id))
    });
    Ok((overall, agencies))
}

/// Quotes a CSV field when needed, and defuses spreadsheet formulas.
fn csv_field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_owned()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

fn opt(v: Option<f64>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// The report as CSV: one line for the whole selection, then one per agency.
pub fn to_csv(report: &SlaReport) -> String {
    let mut header = vec![
        "scope".to_owned(),
        "organisation_id".to_owned(),
        "organisation_name".to_owned(),
        "requests".to_owned(),
        "overdue_now".to_owned(),
    ];
    header.extend(RequestStatus::ALL.iter().map(|s| format!("status_{s}")));
    for stage in Stage::ALL {
        for col in [
            "completed",
            "median_working_days",
            "p90_working_days",
            "within_budget",
            "within_budget_share",
        ] {
            header.push(format!("{stage}_{col}"));
        }
    }
    header.push("feedback_count".to_owned());
    header.push("feedback_average_rating".to_owned());
    let mut out = header.join(",");
    out.push_str("\r\n");
    let mut line = |scope: &str, id: &str, name: &str, f: &SlaFigures| {
        let mut cells = vec![
            scope.to_owned(),
            csv_field(id),
            csv_field(name),
            f.requests.to_string(),
            f.overdue_now.to_string(),
        ];
        cells.extend(RequestStatus::ALL.iter().map(|s| {
            f.by_status
                .get(s.as_str())
                .copied()
                .unwrap_or(0)
                .to_string()
        }));
        for s in [&f.stages.decision, &f.stages.police, &f.stages.registration] {
            cells.push(s.completed.to_string());
            cells.push(opt(s.median_working_days));
            cells.push(opt(s.p90_working_days));
            cells.push(s.within_budget.to_string());
            cells.push(opt(s.within_budget_share));
        }
        cells.push(f.feedback.count.to_string());
        cells.push(opt(f.feedback.average_rating));
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    };
    line("overall", "", "", &report.overall);
    for a in &report.agencies {
        line(
            "agency",
            &a.organisation_id,
            &a.organisation_name,
            &a.figures,
        );
    }
    out
}

fn wants_csv(req: &HttpRequest, format: Option<&str>) -> ApiResult<bool> {
    match format {
        Some("csv") => return Ok(true),
        Some("json") => return Ok(false),
        Some(_) => return Err(ApiError::invalid_query("format must be json or csv")),
        None => {}
    }
    let accept = req
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    // CSV when asked for and JSON is not asked for first.
    let csv = accept.find("text/csv");
    let json = accept.find("application/json");
    Ok(match (csv, json) {
        (Some(c), Some(j)) => c < j,
        (Some(_), None) => true,
        _ => false,
    })
}

/// The service-level report over requests filed in a date range: overall and per agency,
/// counts by status, median and 90th-percentile working days per stage (latest completed run
/// of each request; nearest rank; hundredths of a working day, rounded up), the share
/// completed within budget, requests overdue now and the average feedback rating. `Accept:
/// text/csv` (or `?format=csv`) gives the same as CSV. Roles: `directorate`, `admin`.
/// Per-request detail of the computation is at `GET /requests/{id}/sla`.
#[utoipa::path(
    tag = "sla",
    params(ReportFilter),
    security(("bearer" = [])),
    responses((status = 200, description = "The report.", content(
        (SlaReport = "application/json"),
        (String = "text/csv", example = "scope,organisation_id,organisation_name,requests,...")
    )))
)]
#[get("/reports/sla")]
pub async fn sla_report(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: AuthUser,
    filter: web::Query<ReportFilter>,
) -> ApiResult<HttpResponse> {
    user.require(&[Role::Directorate, Role::Admin])?;
    let f = filter.into_inner();
    let csv = wants_csv(&req, f.format.as_deref())?;
    let from = query_date("from", f.from.as_deref())?;
    let to = query_date("to", f.to.as_deref())?;
    if let (Some(a), Some(b)) = (from, to) {
        if a > b {
            return Err(ApiError::invalid_query("from must not be after to"));
        }
    }
    let config = state.config.clone();
    let organisation_id = f.organisation_id;
    let at = now();
    let report = state
        .db(move |conn| {
            let cal = super::store::calendar(conn, &config)?;
            let sel = Selection {
                from: from.map(|d| cal.day_start(d)),
                until: to.map(|d| cal.day_start(d + TimeDelta::days(1))),
                organisation_id,
            };
            let (overall, agencies) = compute(conn, &config, &sel, at)?;
            Ok(SlaReport {
                from,
                from_jalali: from.map(format_jalali),
                to,
                to_jalali: to.map(format_jalali),
                generated_at: utc(at),
                budgets: Budgets {
                    decision: Stage::Decision.budget_days(&config),
                    police: Stage::Police.budget_days(&config),
                    registration: Stage::Registration.budget_days(&config),
                },
                overall,
                agencies,
            })
        })
        .await?;
    if csv {
        return Ok(HttpResponse::Ok()
            .content_type("text/csv; charset=utf-8")
            .insert_header((
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"sla-report.csv\"",
            ))
            .body(to_csv(&report)));
    }
    Ok(HttpResponse::Ok().json(report))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_percentiles() {
        let h = Histogram(vec![(100, 1), (200, 1), (300, 1), (400, 1)]);
        assert_eq!(h.percentile(0.5), Some(200));
        assert_eq!(h.percentile(0.9), Some(400));
        let one = Histogram(vec![(50, 3)]);
        assert_eq!(one.percentile(0.5), Some(50));
        assert_eq!(Histogram::default().percentile(0.5), None);
        let s = Histogram(vec![(300, 2), (500, 1), (700, 1)]).stats(5);
        assert_eq!(s.within_budget, 3);
        assert_eq!(s.within_budget_share, Some(0.75));
    }

    #[test]
    fn csv_fields_are_quoted_and_defused() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=HYPERLINK(1)"), "'=HYPERLINK(1)");
    }
}
