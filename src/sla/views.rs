//! What the SLA routes answer: holidays, the explanation of a request's clocks, and the
//! service-level report as JSON or CSV.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::clock::utc;
use crate::domain::jalali::format_jalali;
use crate::domain::reasons::{RefusalReason, RejectionReason};
use crate::domain::status::RequestStatus;
use crate::sla::calendar::{days_from_centi, Calendar, DayKind};
use crate::sla::clock::{Stage, StageRun};
use crate::sla::model::{HolidayRow, SOURCE_CONFIRMED};
use crate::sla::official::{Builtin, BuiltinSource};
use crate::sla::SlaView;

// Holidays.

/// Where a holiday comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum HolidaySource {
    /// Built in: a solar holiday, the same Jalali day every year.
    Fixed,
    /// Built in: a lunar holiday computed with the tabular Hijri calendar, until an
    /// administrator confirms or moves it (it may be a day or two off).
    Provisional,
    /// From the official calendar: imported, or a provisional day confirmed or moved.
    Confirmed,
    /// Added by an administrator.
    Admin,
}

/// A public holiday: not a working day for SLA clocks. Two holidays on one day are two
/// entries (the day counts once).
#[derive(Serialize, ToSchema)]
pub struct Holiday {
    /// Built-in days: `f-1405-01-01` (fixed, Jalali date) or `p-1448-01-10` (provisional,
    /// Hijri date); stored days: a UUID.
    #[schema(example = "p-1448-01-10")]
    pub id: String,
    /// ISO date.
    pub date: NaiveDate,
    /// The same date in the Solar Hijri calendar, `1403/01/01`.
    #[schema(example = "1403/01/01")]
    pub date_jalali: String,
    /// The title as given (built-in days: the Persian title).
    #[schema(example = "عید نوروز")]
    pub title: String,
    /// The Persian title.
    #[schema(example = "عاشورای حسینی")]
    pub title_fa: String,
    pub source: HolidaySource,
    /// The provisional built-in holiday this confirmed day confirms or moves.
    #[schema(example = "p-1448-01-10")]
    pub confirms: Option<String>,
    /// `null` for built-in days.
    pub created_at: Option<DateTime<Utc>>,
}

impl From<HolidayRow> for Holiday {
    fn from(r: HolidayRow) -> Self {
        Holiday {
            id: r.id,
            date_jalali: format_jalali(r.date),
            date: r.date,
            title_fa: r.title.clone(),
            title: r.title,
            source: if r.source == SOURCE_CONFIRMED {
                HolidaySource::Confirmed
            } else {
                HolidaySource::Admin
            },
            confirms: r.builtin_id,
            created_at: Some(utc(r.created_at)),
        }
    }
}

impl From<&Builtin> for Holiday {
    fn from(b: &Builtin) -> Self {
        Holiday {
            id: b.id.clone(),
            date: b.date,
            date_jalali: format_jalali(b.date),
            title: b.title_fa.to_owned(),
            title_fa: b.title_fa.to_owned(),
            source: match b.source {
                BuiltinSource::Fixed => HolidaySource::Fixed,
                BuiltinSource::Provisional => HolidaySource::Provisional,
            },
            confirms: None,
            created_at: None,
        }
    }
}

/// What an import did.
#[derive(Debug, Default, Serialize, ToSchema)]
pub struct ImportSummary {
    /// Rows read.
    pub rows: usize,
    /// Provisional holidays confirmed at their computed date.
    pub confirmed: usize,
    /// Provisional holidays confirmed at another date (moved).
    pub moved: usize,
    /// Days matching no built-in holiday, stored as `confirmed` extra days.
    pub added: usize,
    /// Rows that changed nothing: fixed days, and days already recorded (an `admin` day
    /// becomes `confirmed`).
    pub unchanged: usize,
    /// Requests whose clocks were recomputed.
    pub recomputed_requests: usize,
}

// The explanation of a request's clocks.

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

pub fn run_view(
    run: &StageRun,
    cal: &Calendar,
    budget_days: i64,
    at: NaiveDateTime,
) -> StageRunView {
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

// The report.

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
    /// Police refusals to remove the plates, by `refusal_reason` (see the schema).
    #[schema(schema_with = refusal_counts_schema)]
    pub refusal_reasons: BTreeMap<RefusalReason, i64>,
    /// Rejected requests, by `rejection_reason` (see the schema).
    #[schema(schema_with = rejection_counts_schema)]
    pub rejection_reasons: BTreeMap<RejectionReason, i64>,
}

/// An object with one integer property per code, every code required.
fn counts_schema(codes: &[&'static str], description: &str) -> utoipa::openapi::Object {
    use utoipa::openapi::schema::{AdditionalProperties, ObjectBuilder, SchemaFormat, Type};
    use utoipa::openapi::KnownFormat;
    let mut b = ObjectBuilder::new()
        .description(Some(description))
        .additional_properties(Some(AdditionalProperties::FreeForm(false)));
    for code in codes {
        let count = ObjectBuilder::new()
            .schema_type(Type::Integer)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int64)))
            .minimum(Some(0));
        b = b.property(*code, count).required(*code);
    }
    b.build()
}

fn refusal_counts_schema() -> utoipa::openapi::Object {
    let codes: Vec<&'static str> = RefusalReason::ALL.iter().map(|r| r.as_str()).collect();
    counts_schema(
        &codes,
        "Police refusals to remove the plates, by `refusal_reason`: every receipt with outcome \
         `refused` on a request filed in the range counts once (a request refused twice counts \
         twice). Every code is present, zero included; refusals recorded before reasons were \
         coded count under none. CSV: columns `refusal_<code>`.",
    )
}

fn rejection_counts_schema() -> utoipa::openapi::Object {
    let codes: Vec<&'static str> = RejectionReason::ALL.iter().map(|r| r.as_str()).collect();
    counts_schema(
        &codes,
        "Rejected requests filed in the range, by `rejection_reason`. Every code is present, \
         zero included; requests rejected before reasons were coded count under none (they \
         still count in `by_status.rejected`). CSV: columns `rejection_<code>`.",
    )
}

/// Every code of a reason vocabulary with its count (zero when absent).
pub fn reason_counts<R: Copy + Ord>(
    all: &[R],
    found: impl Iterator<Item = (R, i64)>,
) -> BTreeMap<R, i64> {
    let mut out: BTreeMap<R, i64> = all.iter().map(|r| (*r, 0)).collect();
    for (r, n) in found {
        *out.entry(r).or_default() += n;
    }
    out
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

/// The report as CSV: one line for the whole selection, then one per agency. After the status,
/// stage and feedback columns come one `refusal_<code>` column per refusal reason and one
/// `rejection_<code>` column per rejection reason, in the vocabularies' order.
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
    header.extend(RefusalReason::ALL.iter().map(|r| format!("refusal_{r}")));
    header.extend(
        RejectionReason::ALL
            .iter()
            .map(|r| format!("rejection_{r}")),
    );
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
        cells.extend(
            RefusalReason::ALL
                .iter()
                .map(|r| f.refusal_reasons.get(r).copied().unwrap_or(0).to_string()),
        );
        cells.extend(
            RejectionReason::ALL
                .iter()
                .map(|r| f.rejection_reasons.get(r).copied().unwrap_or(0).to_string()),
        );
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_and_defused() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=HYPERLINK(1)"), "'=HYPERLINK(1)");
    }
}
