//! What the SLA routes answer: a request's clock, holidays, the explanation of a request's
//! clocks, and the service-level report as JSON or CSV.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::clock::{Clock, Zone};
use crate::config::{Config, SlaConfig};
use crate::domain::jalali::{format_jalali, format_jalali_long, weekday_fa};
use crate::domain::party::Party;
use crate::domain::reasons::{RefusalReason, RejectionReason};
use crate::domain::status::RequestStatus;
use crate::sla::calendar::{Calendar, DayKind};
use crate::sla::clock::{ClockState, Stage, StageRun};
use crate::sla::model::{HolidayRow, SOURCE_CONFIRMED};
use crate::sla::official::{Builtin, BuiltinSource};
use crate::sla::rules::model::{format_minute, RuleRef};
use crate::sla::rules::views::WorkingRule;
use crate::sla::store::SlaRow;

// A request's clock.

/// A request's service-level clock now.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct SlaView {
    /// The open stage, or the last one that ran once the clock stopped.
    pub stage: Option<Stage>,
    /// `stage` as people read it (Persian); `null` with `stage`.
    #[schema(example = "بررسی و تصمیم اداره کل")]
    pub stage_label_fa: Option<&'static str>,
    pub clock: ClockState,
    /// `clock` as people read it (Persian).
    #[schema(example = "در جریان")]
    pub clock_label_fa: &'static str,
    /// The stage's budget in working days.
    pub budget_working_days: Option<i64>,
    /// Working days the stage has used (pauses excluded): the working days after the step's
    /// start day that have begun, on the calendar of the party that owes the step.
    #[schema(example = 2)]
    pub elapsed_working_days: f64,
    /// Budget left; negative once overdue.
    pub remaining_working_days: Option<f64>,
    /// When the budget runs (or ran) out; only while the clock runs.
    pub due_at: Option<DateTime<Utc>>,
    /// `due_at`'s date in the Solar Hijri calendar (service time zone), `1403/08/20`.
    pub due_date_jalali: Option<String>,
    /// `due_at` in the service's time zone (`SERVICE_TIMEZONE`) as a Solar Hijri date and
    /// 24-hour time with Persian digits, `YYYY/MM/DD HH:MM`. `null` with `due_at`.
    #[schema(example = "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰")]
    pub due_at_jalali: Option<String>,
    /// The clock runs and `due_at` has passed.
    pub overdue: bool,
    /// Whose working days the stage counts (the party that owes the step); `null` without a
    /// stage.
    pub calendar: Option<Party>,
    /// `calendar` as people read it (Persian).
    #[schema(example = "تقویم کاری اداره کل")]
    pub calendar_label_fa: Option<&'static str>,
}

impl SlaView {
    pub fn build(row: &SlaRow, cal: &Calendar, config: &Config, now: NaiveDateTime) -> Self {
        let party = row.stage.map(|s| s.party(&config.sla));
        let cal = cal.for_party(party.unwrap_or(Party::Directorate));
        let used = match (row.clock, row.clock_since) {
            (ClockState::Running, Some(since)) => {
                row.used_days + cal.working_days(since, now.max(since))
            }
            _ => row.used_days,
        };
        let budget = row.stage.map(|s| s.budget_days(&config.sla));
        let running = row.clock == ClockState::Running;
        let due_at = if running { row.due_at } else { None };
        let (due_at_utc, due_at_jalali) = Zone::new(config.service_timezone).stamp_opt(due_at);
        SlaView {
            stage: row.stage,
            stage_label_fa: row.stage.map(Stage::label_fa),
            clock: row.clock,
            clock_label_fa: row.clock.label_fa(),
            budget_working_days: budget,
            elapsed_working_days: used as f64,
            remaining_working_days: budget.map(|b| (b - used) as f64),
            due_date_jalali: due_at.map(|d| format_jalali(cal.local_date(d))),
            due_at_jalali,
            due_at: due_at_utc,
            overdue: running && row.due_at.is_some_and(|d| d < now),
            calendar: party,
            calendar_label_fa: party.map(Party::label_fa),
        }
    }
}

// Holidays.

/// Where a holiday comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum HolidaySource {
    /// Built in: a solar holiday, the same Jalali day every year.
    Fixed,
    /// Built in: a day of the published official calendar (lunar holidays and nationwide
    /// closures of the years it covers), with `reference` naming the publication.
    Official,
    /// Built in: a lunar holiday computed with the tabular Hijri calendar for a year beyond
    /// the published official calendars, until an administrator confirms or moves it (it may
    /// be a day or two off).
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
    /// `source` in Persian (ثابت، موقت، تأییدشده، افزوده مدیر).
    #[schema(example = "موقت")]
    pub source_label_fa: &'static str,
    /// Official built-in days: the publication they come from (a URL).
    pub reference: Option<&'static str>,
    /// `null` for built-in days.
    pub created_at: Option<DateTime<Utc>>,
    /// `created_at` in the Solar Hijri calendar, service time zone, Persian digits.
    #[schema(example = "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰")]
    pub created_at_jalali: Option<String>,
}

impl HolidaySource {
    pub const ALL: &'static [HolidaySource] = &[
        HolidaySource::Fixed,
        HolidaySource::Official,
        HolidaySource::Provisional,
        HolidaySource::Confirmed,
        HolidaySource::Admin,
    ];

    pub fn label_fa(self) -> &'static str {
        match self {
            HolidaySource::Fixed => "ثابت",
            HolidaySource::Official => "تقویم رسمی منتشرشده",
            HolidaySource::Provisional => "موقت (تا تأیید تقویم رسمی)",
            HolidaySource::Confirmed => "تأییدشده در تقویم رسمی",
            HolidaySource::Admin => "افزودهٔ مدیر سامانه",
        }
    }
}

impl Holiday {
    /// A stored day (imported, confirmed or added by an administrator).
    pub fn stored(r: HolidayRow, clock: &Clock) -> Self {
        let source = if r.source == SOURCE_CONFIRMED {
            HolidaySource::Confirmed
        } else {
            HolidaySource::Admin
        };
        let (created_at, created_at_jalali) = clock.stamp(r.created_at).into_parts();
        Holiday {
            id: r.id,
            date_jalali: format_jalali(r.date),
            date: r.date,
            title_fa: r.title.clone(),
            title: r.title,
            source,
            source_label_fa: source.label_fa(),
            confirms: r.builtin_id,
            reference: None,
            created_at_jalali: Some(created_at_jalali),
            created_at: Some(created_at),
        }
    }
}

impl From<&Builtin> for Holiday {
    fn from(b: &Builtin) -> Self {
        let source = match b.source {
            BuiltinSource::Fixed => HolidaySource::Fixed,
            BuiltinSource::Official => HolidaySource::Official,
            BuiltinSource::Provisional => HolidaySource::Provisional,
        };
        Holiday {
            id: b.id.clone(),
            date: b.date,
            date_jalali: format_jalali(b.date),
            title: b.title_fa.to_owned(),
            title_fa: b.title_fa.to_owned(),
            source,
            source_label_fa: source.label_fa(),
            confirms: None,
            reference: b.reference,
            created_at: None,
            created_at_jalali: None,
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
    /// How budgets are counted, in Persian.
    #[schema(
        example = "مهلت N روز کاری در پایان ساعت اداری N‌امین روز کاری پس از روز آغاز مرحله به سر می‌رسد."
    )]
    pub counting_fa: &'static str,
    /// The stored working rules whose date range meets the request's span (first stage start
    /// to now), newest first, whichever calendar they apply to. `weekend_days` and the office
    /// hours above are the defaults from the settings, in force on days no rule covers.
    pub rules: Vec<WorkingRule>,
    /// The built-in rules (the working week and office hours of executive bodies, with their
    /// sources) whose date range meets the request's span.
    pub builtin_rules: Vec<BuiltinRuleView>,
}

/// A built-in working rule and its sources.
#[derive(Serialize, ToSchema)]
pub struct BuiltinRuleView {
    #[schema(example = "b-thursdays-1402")]
    pub id: &'static str,
    pub kind: crate::sla::rules::model::RuleKind,
    pub title: String,
    pub effective_from: NaiveDate,
    pub effective_from_jalali: String,
    pub effective_to: Option<NaiveDate>,
    pub effective_to_jalali: Option<String>,
    /// The calendars it applies to.
    pub applies_to: Vec<crate::domain::party::Party>,
    /// The decisions and reports it rests on.
    pub sources: Vec<Citation>,
    /// What could not be confirmed; `null` when nothing.
    pub uncertainty: Option<&'static str>,
}

#[derive(Serialize, ToSchema)]
pub struct Citation {
    pub title: &'static str,
    pub url: &'static str,
}

impl BuiltinRuleView {
    pub fn new(b: &'static crate::sla::rules::builtin::BuiltinRule) -> Self {
        BuiltinRuleView {
            id: b.rule.id.as_str(),
            kind: b.rule.kind(),
            title: b.rule.title.clone(),
            effective_from: b.rule.effective_from,
            effective_from_jalali: format_jalali(b.rule.effective_from),
            effective_to: b.rule.effective_to,
            effective_to_jalali: b.rule.effective_to.map(format_jalali),
            applies_to: b.rule.applies.list(),
            sources: b
                .sources
                .iter()
                .map(|c| Citation {
                    title: c.title,
                    url: c.url,
                })
                .collect(),
            uncertainty: (!b.uncertainty.is_empty()).then_some(b.uncertainty),
        }
    }
}

/// How budgets are counted, as the explanation says it.
pub const COUNTING_FA: &str = "مهلت N روز کاری در پایان ساعت اداری N‌امین روز کاری پس از روز آغاز مرحله به سر می‌رسد؛ مرحله‌ای که پس از پایان ساعت اداری یا در روز تعطیل آغاز شود، از نخستین روز کاری بعد آغازشده به شمار می‌آید. ساعت کار کوتاه‌تر مهلت را دراز نمی‌کند و روز تعطیل کامل شمرده نمی‌شود.";

/// Why a day counted or not.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DayStatus {
    /// Office hours counted (possibly part of the day).
    Working,
    Weekend,
    Holiday,
    /// The offices were closed all day by a `closure` rule (see `rule`).
    Closed,
    /// A working day on which the clock was paused (waiting for the agency's documents).
    Paused,
}

/// Where a day's shape came from.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DaySource {
    /// The start-up settings (`WEEKEND_DAYS`, `OFFICE_HOURS`): no rule applied.
    Settings,
    /// A working rule (named in `rule`).
    Rule,
    /// The holiday table.
    Holidays,
}

#[derive(Serialize, ToSchema)]
pub struct DayEntry {
    pub date: NaiveDate,
    #[schema(example = "1403/08/15")]
    pub date_jalali: String,
    #[schema(example = "Wed")]
    pub weekday: String,
    /// The day of the week in Persian (شنبه … جمعه).
    #[schema(example = "چهارشنبه")]
    pub weekday_fa: &'static str,
    /// The Solar Hijri date with the month's Persian name and Persian digits.
    #[schema(example = "۵ آذر ۱۴۰۵")]
    pub date_jalali_long: String,
    pub status: DayStatus,
    /// Where the day's weekend status or office hours came from.
    pub source: DaySource,
    /// The holiday's title on holidays.
    pub holiday: Option<String>,
    /// The working rule that made the day non-working (a `weekend` rule, a `closure`) or
    /// shortened or changed its hours (a part-day `closure`, else an `office_hours` rule).
    pub rule: Option<RuleRef>,
    /// The day's office hours in force (local time, at most two intervals after a part-day
    /// closure); empty on days that do not count.
    #[schema(example = json!(["07:30-10:00", "11:00-14:30"]))]
    pub office_hours: Vec<String>,
    /// Office hours removed by a part-day closure (0 otherwise).
    pub closed_hours: f64,
    /// Office hours the step was open (running) on this day.
    pub counted_hours: f64,
    /// Which working day of the budget this day was (1 = the first day after the start
    /// day); `null` on the start day, on days that do not count and while paused.
    pub day_number: Option<i64>,
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
    /// `start` in the service's time zone (`SERVICE_TIMEZONE`) as a Solar Hijri date and
    /// 24-hour time with Persian digits, `YYYY/MM/DD HH:MM`.
    #[schema(example = "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰")]
    pub start_jalali: String,
    /// `null` while open.
    pub end: Option<DateTime<Utc>>,
    /// `end` in the service's time zone (`SERVICE_TIMEZONE`) as a Solar Hijri date and
    /// 24-hour time with Persian digits, `YYYY/MM/DD HH:MM`. `null` with `end`.
    #[schema(example = "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰")]
    pub end_jalali: Option<String>,
    /// Whose working days the span is measured in: the stage's party while running, the
    /// agencies' while paused for their documents.
    pub calendar: crate::domain::party::Party,
    /// Working days the span took on that calendar (so far, while open).
    pub working_days: i64,
}

/// One run of a stage.
#[derive(Serialize, ToSchema)]
pub struct StageRunView {
    pub stage: Stage,
    /// `stage` as people read it (Persian).
    #[schema(example = "بررسی و تصمیم اداره کل")]
    pub stage_label_fa: &'static str,
    /// Whose working days the run counted (the party that owes the step); its `days` are
    /// that calendar's.
    pub calendar: crate::domain::party::Party,
    #[schema(example = "تقویم کاری اداره کل")]
    pub calendar_label_fa: &'static str,
    pub budget_working_days: i64,
    pub started_at: DateTime<Utc>,
    /// `started_at` in the service's time zone (`SERVICE_TIMEZONE`) as a Solar Hijri date and
    /// 24-hour time with Persian digits, `YYYY/MM/DD HH:MM`.
    #[schema(example = "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰")]
    pub started_at_jalali: String,
    /// `null` while the stage is open.
    pub ended_at: Option<DateTime<Utc>>,
    /// `ended_at` in the service's time zone (`SERVICE_TIMEZONE`) as a Solar Hijri date and
    /// 24-hour time with Persian digits, `YYYY/MM/DD HH:MM`. `null` with `ended_at`.
    #[schema(example = "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰")]
    pub ended_at_jalali: Option<String>,
    /// Ended by its own outcome (decision, receipt, registration); `false` when withdrawn or
    /// reopened, or still open.
    pub completed: bool,
    pub elapsed_working_days: f64,
    /// When the budget runs (or ran) out; `null` if it never did and the clock is not running.
    pub due_at: Option<DateTime<Utc>>,
    pub due_date_jalali: Option<String>,
    /// `due_at` in the service's time zone (`SERVICE_TIMEZONE`) as a Solar Hijri date and
    /// 24-hour time with Persian digits, `YYYY/MM/DD HH:MM`. `null` with `due_at`.
    #[schema(example = "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰")]
    pub due_at_jalali: Option<String>,
    /// For completed runs: whether they finished within the budget.
    pub within_budget: Option<bool>,
    pub spans: Vec<SpanView>,
    /// Every calendar day of the run, with what counted.
    pub days: Vec<DayEntry>,
}

/// How a request's SLA clocks were computed.
#[derive(Serialize, ToSchema)]
pub struct SlaExplanation {
    #[schema(format = Uuid)]
    pub request_id: String,
    pub tracking_code: String,
    pub status: RequestStatus,
    /// `status` as people read it (Persian).
    #[schema(example = "در حال بررسی")]
    pub status_label_fa: &'static str,
    pub sla: SlaView,
    pub calendar: CalendarRules,
    pub runs: Vec<StageRunView>,
    pub computed_at: DateTime<Utc>,
    /// `computed_at` in the service's time zone (`SERVICE_TIMEZONE`) as a Solar Hijri date and
    /// 24-hour time with Persian digits, `YYYY/MM/DD HH:MM`.
    #[schema(example = "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰")]
    pub computed_at_jalali: String,
}

/// Working seconds of `date` that the run's running (or paused) spans cover, up to `at`.
fn span_secs(
    run: &StageRun,
    cal: &Calendar,
    date: NaiveDate,
    running: bool,
    at: NaiveDateTime,
) -> i64 {
    run.spans
        .iter()
        .filter(|s| s.running == running)
        .map(|s| cal.working_secs_on(date, s.start, s.end.unwrap_or(at)))
        .sum()
}

/// One day of a run: its status, why (holiday, rule or the settings), its office hours and
/// how much of it counted.
fn day_entry(
    run: &StageRun,
    cal: &Calendar,
    (date, kind): (NaiveDate, DayKind),
    day_number: Option<i64>,
    at: NaiveDateTime,
) -> DayEntry {
    let counted = span_secs(run, cal, date, true, at);
    let paused = span_secs(run, cal, date, false, at);
    let plan = cal.plan(date);
    let (status, holiday, rule) = match kind {
        DayKind::Weekend { rule } => (DayStatus::Weekend, None, rule),
        DayKind::Holiday(title) => (DayStatus::Holiday, Some(title), None),
        DayKind::Closure(rule) => (DayStatus::Closed, None, Some(rule)),
        DayKind::Working => {
            let rule = match &plan.part_closure {
                Some((r, _)) => Some(r.clone()),
                None => plan.hours_rule.clone(),
            };
            if counted == 0 && paused > 0 {
                (DayStatus::Paused, None, rule)
            } else {
                (DayStatus::Working, None, rule)
            }
        }
    };
    let source = match (&holiday, &rule) {
        (Some(_), _) => DaySource::Holidays,
        (None, Some(_)) => DaySource::Rule,
        (None, None) => DaySource::Settings,
    };
    let closed_mins = plan.part_closure.as_ref().map_or(0, |(_, m)| *m);
    DayEntry {
        date_jalali: format_jalali(date),
        weekday: date.weekday().to_string(),
        weekday_fa: weekday_fa(date),
        date_jalali_long: format_jalali_long(date),
        date,
        status,
        source,
        holiday,
        rule,
        office_hours: plan
            .intervals
            .iter()
            .map(|(a, b)| format!("{}-{}", format_minute(*a), format_minute(*b)))
            .collect(),
        closed_hours: (f64::from(closed_mins) / 0.6).round() / 100.0,
        counted_hours: (counted as f64 / 36.0).round() / 100.0,
        day_number,
    }
}

/// The run's spans: running ones measured on `cal`, paused ones on the agencies' calendar.
fn span_views(
    run: &StageRun,
    cal: &Calendar,
    agencies: &Calendar,
    at: NaiveDateTime,
) -> Vec<SpanView> {
    let zone = Zone::new(cal.tz());
    run.spans
        .iter()
        .map(|s| {
            let (span_cal, state) = if s.running {
                (cal, SpanState::Running)
            } else {
                (agencies, SpanState::Paused)
            };
            let (start, start_jalali) = zone.stamp(s.start).into_parts();
            let (end, end_jalali) = zone.stamp_opt(s.end);
            SpanView {
                state,
                start_jalali,
                start,
                end_jalali,
                end,
                calendar: span_cal.party(),
                working_days: span_cal
                    .working_days(s.start, s.end.unwrap_or(at).min(at.max(s.start))),
            }
        })
        .collect()
}

/// One run as the explanation shows it; `cal` is the calendar in force (each span is
/// measured on its party's view of it).
pub fn run_view(
    run: &StageRun,
    cal: &Calendar,
    sla: &SlaConfig,
    at: NaiveDateTime,
) -> StageRunView {
    let party = run.stage.party(sla);
    let budget_days = run.stage.budget_days(sla);
    let agencies = cal.for_party(crate::domain::party::Party::Agencies);
    let cal = &cal.for_party(party);
    let end = run.ended_at.unwrap_or(at);
    let used = run.used_days(cal, at);
    let due = run.due_at(cal, budget_days);
    let numbers = run.day_numbers(cal, at);
    let days = cal
        .days_between(run.started_at(), end)
        .into_iter()
        .map(|(date, kind, _)| day_entry(run, cal, (date, kind), numbers.get(&date).copied(), at))
        .collect();
    let zone = Zone::new(cal.tz());
    let (started_at, started_at_jalali) = zone.stamp(run.started_at()).into_parts();
    let (ended_at, ended_at_jalali) = zone.stamp_opt(run.ended_at);
    let (due_at, due_at_jalali) = zone.stamp_opt(due);
    StageRunView {
        stage: run.stage,
        stage_label_fa: run.stage.label_fa(),
        calendar: party,
        calendar_label_fa: party.label_fa(),
        budget_working_days: budget_days,
        started_at_jalali,
        started_at,
        ended_at_jalali,
        ended_at,
        completed: run.completed,
        elapsed_working_days: used as f64,
        due_at,
        due_date_jalali: due.map(|d| format_jalali(cal.local_date(d))),
        due_at_jalali,
        within_budget: run.completed.then_some(used <= budget_days),
        spans: span_views(run, cal, &agencies, at),
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

/// Whose working days each stage counts.
#[derive(Serialize, ToSchema)]
pub struct StageCalendars {
    pub decision: crate::domain::party::Party,
    pub police: crate::domain::party::Party,
    pub registration: crate::domain::party::Party,
}

/// The service-level report.
#[derive(Serialize, ToSchema)]
pub struct SlaReport {
    pub from: Option<NaiveDate>,
    pub from_jalali: Option<String>,
    pub to: Option<NaiveDate>,
    pub to_jalali: Option<String>,
    pub generated_at: DateTime<Utc>,
    /// `generated_at` in the service's time zone (`SERVICE_TIMEZONE`) as a Solar Hijri date and
    /// 24-hour time with Persian digits, `YYYY/MM/DD HH:MM`.
    #[schema(example = "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰")]
    pub generated_at_jalali: String,
    /// Budgets in working days the shares are measured against.
    pub budgets: Budgets,
    /// Whose calendar each stage's working days are counted on (durations are whole working
    /// days after the step's start day, as the clocks count them).
    pub calendars: StageCalendars,
    pub overall: SlaFigures,
    /// One entry per agency with requests in the range, by name.
    pub agencies: Vec<AgencyFigures>,
}

/// One week of the weekly flow: Saturday to Friday in the service's time zone.
#[derive(Serialize, ToSchema)]
pub struct WeekFigures {
    /// The week's Saturday.
    pub week_start: NaiveDate,
    /// `week_start` as a Solar Hijri date, `1405/09/15`.
    #[schema(example = "1405/09/15")]
    pub week_start_jalali: String,
    /// The week's Friday (the last week ends at the period's end instead).
    pub week_end: NaiveDate,
    #[schema(example = "1405/09/21")]
    pub week_end_jalali: String,
    /// Requests filed in the week.
    pub filed: i64,
    /// Steps into a terminal status in the week (completed, rejected, withdrawn).
    pub closed: i64,
}

/// Requests filed and closed per week over a period.
#[derive(Serialize, ToSchema)]
pub struct SlaWeekly {
    /// The period's first day (a Saturday: the Saturday on or before the `from` asked for).
    pub from: NaiveDate,
    #[schema(example = "1405/07/05")]
    pub from_jalali: String,
    /// The period's last day.
    pub to: NaiveDate,
    #[schema(example = "1405/09/21")]
    pub to_jalali: String,
    pub generated_at: DateTime<Utc>,
    /// `generated_at` in the service's time zone (`SERVICE_TIMEZONE`) as a Solar Hijri date and
    /// 24-hour time with Persian digits, `YYYY/MM/DD HH:MM`.
    #[schema(example = "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰")]
    pub generated_at_jalali: String,
    /// Oldest week first, every week present (zero included).
    pub weeks: Vec<WeekFigures>,
}

/// The weekly flow as a table: English column names kept stable for scripts, Persian headers
/// with the Jalali days.
pub fn weekly_table(w: &SlaWeekly, lang: Lang) -> Table {
    let headers: Vec<String> = match lang {
        Lang::En => ["week_start", "week_end", "filed", "closed"]
            .map(str::to_owned)
            .to_vec(),
        Lang::Fa => [
            "آغاز هفته",
            "پایان هفته",
            "آغاز هفته (شمسی)",
            "پایان هفته (شمسی)",
            "درخواست‌های ثبت‌شده",
            "درخواست‌های بسته‌شده",
        ]
        .map(str::to_owned)
        .to_vec(),
    };
    let mut table = Table::new(headers);
    for week in &w.weeks {
        let mut cells = vec![Cell::Date(week.week_start), Cell::Date(week.week_end)];
        if lang == Lang::Fa {
            cells.push(Cell::text(week.week_start_jalali.clone()));
            cells.push(Cell::text(week.week_end_jalali.clone()));
        }
        cells.push(Cell::Int(week.filed));
        cells.push(Cell::Int(week.closed));
        table.rows.push(cells);
    }
    table
}

#[cfg(test)]
use crate::http::csv::field as csv_field;
use crate::http::table::{Cell, Lang, Table};

/// The report's columns: the English names (kept stable for scripts) and the Persian headers.
fn columns() -> Vec<(String, String)> {
    let mut cols: Vec<(String, String)> = [
        ("scope", "دامنه"),
        ("organisation_id", "شناسه دستگاه"),
        ("organisation_name", "نام دستگاه"),
        ("requests", "تعداد درخواست‌ها"),
        ("overdue_now", "درخواست‌های دیرکرددار"),
    ]
    .iter()
    .map(|(en, fa)| ((*en).to_owned(), (*fa).to_owned()))
    .collect();
    cols.extend(
        RequestStatus::ALL
            .iter()
            .map(|s| (format!("status_{s}"), format!("وضعیت: {}", s.label_fa()))),
    );
    for stage in Stage::ALL {
        for (col, fa) in [
            ("completed", "تکمیل‌شده"),
            ("median_working_days", "میانه روز کاری"),
            ("p90_working_days", "صدک ۹۰ روز کاری"),
            ("within_budget", "در مهلت"),
            ("within_budget_share", "سهم در مهلت"),
        ] {
            cols.push((
                format!("{stage}_{col}"),
                format!("{} - {fa}", stage.label_fa()),
            ));
        }
    }
    cols.push(("feedback_count".to_owned(), "تعداد بازخورد".to_owned()));
    cols.push((
        "feedback_average_rating".to_owned(),
        "میانگین امتیاز بازخورد".to_owned(),
    ));
    cols.extend(RefusalReason::ALL.iter().map(|r| {
        (
            format!("refusal_{r}"),
            format!("عدم تأیید پلیس: {}", r.label_fa()),
        )
    }));
    cols.extend(
        RejectionReason::ALL
            .iter()
            .map(|r| (format!("rejection_{r}"), format!("رد: {}", r.label_fa()))),
    );
    cols
}

/// The report as a table: one row for the whole selection, then one per agency. After the
/// status, stage and feedback columns come one `refusal_<code>` column per refusal reason and
/// one `rejection_<code>` column per rejection reason, in the vocabularies' order. In Persian
/// (`lang`), the headers are Persian, the scope reads «کل» or «دستگاه», and three columns
/// follow: the range's first and last day (date cells in a workbook) and their Jalali twins.
pub fn to_table(report: &SlaReport, lang: Lang) -> Table {
    let cols = columns();
    let mut headers: Vec<String> = cols
        .into_iter()
        .map(|(en, fa)| match lang {
            Lang::En => en,
            Lang::Fa => fa,
        })
        .collect();
    if lang == Lang::Fa {
        headers.extend(
            ["از تاریخ", "تا تاریخ", "از تاریخ (شمسی)", "تا تاریخ (شمسی)"].map(str::to_owned),
        );
    }
    let mut table = Table::new(headers);
    let mut line = |scope: &str, id: &str, name: &str, f: &SlaFigures| {
        let mut cells = vec![
            Cell::text(scope),
            Cell::text(id),
            Cell::text(name),
            Cell::Int(f.requests),
            Cell::Int(f.overdue_now),
        ];
        cells.extend(
            RequestStatus::ALL
                .iter()
                .map(|s| Cell::Int(f.by_status.get(s.as_str()).copied().unwrap_or(0))),
        );
        for s in [&f.stages.decision, &f.stages.police, &f.stages.registration] {
            cells.push(Cell::Int(s.completed));
            cells.push(Cell::opt_number(s.median_working_days));
            cells.push(Cell::opt_number(s.p90_working_days));
            cells.push(Cell::Int(s.within_budget));
            cells.push(Cell::opt_number(s.within_budget_share));
        }
        cells.push(Cell::Int(f.feedback.count));
        cells.push(Cell::opt_number(f.feedback.average_rating));
        cells.extend(
            RefusalReason::ALL
                .iter()
                .map(|r| Cell::Int(f.refusal_reasons.get(r).copied().unwrap_or(0))),
        );
        cells.extend(
            RejectionReason::ALL
                .iter()
                .map(|r| Cell::Int(f.rejection_reasons.get(r).copied().unwrap_or(0))),
        );
        if lang == Lang::Fa {
            cells.push(report.from.map(Cell::Date).unwrap_or(Cell::Empty));
            cells.push(report.to.map(Cell::Date).unwrap_or(Cell::Empty));
            cells.push(Cell::opt_text(report.from_jalali.clone()));
            cells.push(Cell::opt_text(report.to_jalali.clone()));
        }
        table.rows.push(cells);
    };
    line(lang.pick_text("کل", "overall"), "", "", &report.overall);
    for a in &report.agencies {
        line(
            lang.pick_text("دستگاه", "agency"),
            &a.organisation_id,
            &a.organisation_name,
            &a.figures,
        );
    }
    table
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
