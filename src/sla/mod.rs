//! Service-level monitoring: the working-day calendar, SLA clocks per request, holidays,
//! explanations and reports.

pub mod calendar;
pub mod calendar_version;
pub mod clock;
pub mod model;
pub mod official;
pub mod queries;
pub mod report;
pub mod report_gate;
pub mod routes;
pub mod rules;
pub mod service;
mod store;
pub mod views;

use chrono::{DateTime, NaiveDateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::clock::utc;
use crate::config::Config;
use crate::domain::jalali::{format_jalali, format_jalali_instant};
use crate::domain::party::Party;
use crate::sla::calendar::Calendar;
use crate::sla::clock::{ClockState, Stage};
use crate::sla::store::SlaRow;

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
        SlaView {
            stage: row.stage,
            stage_label_fa: row.stage.map(Stage::label_fa),
            clock: row.clock,
            clock_label_fa: row.clock.label_fa(),
            budget_working_days: budget,
            elapsed_working_days: used as f64,
            remaining_working_days: budget.map(|b| (b - used) as f64),
            due_date_jalali: due_at.map(|d| format_jalali(cal.local_date(d))),
            due_at_jalali: due_at.map(|d| format_jalali_instant(d, config.service_timezone)),
            due_at: due_at.map(utc),
            overdue: running && row.due_at.is_some_and(|d| d < now),
            calendar: party,
            calendar_label_fa: party.map(Party::label_fa),
        }
    }
}
