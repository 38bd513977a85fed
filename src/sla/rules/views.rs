//! What `/working-rules` answers.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::clock::Clock;
use crate::domain::jalali::format_jalali;
use crate::domain::party::AppliesTo;
use crate::sla::rules::model::{weekday_fa, RuleKind, WorkingRuleRow};

/// A working rule: weekend days, office hours or a closure in force over a date range. The
/// fields a kind does not use are `null`.
#[derive(Serialize, ToSchema)]
pub struct WorkingRule {
    #[schema(format = Uuid)]
    pub id: String,
    pub kind: RuleKind,
    /// `kind` in Persian.
    #[schema(example = "تعطیلی هفتگی")]
    pub kind_label_fa: &'static str,
    #[schema(example = "تعطیلی پنجشنبه‌ها")]
    pub title: String,
    pub effective_from: NaiveDate,
    #[schema(example = "1405/04/01")]
    pub effective_from_jalali: String,
    /// Last day in force (inclusive); `null` when open-ended.
    pub effective_to: Option<NaiveDate>,
    pub effective_to_jalali: Option<String>,
    /// `weekend`: the weekend days; `office_hours`: the weekdays it applies to (`null`: all).
    #[schema(example = json!(["thursday", "friday"]))]
    pub weekdays: Option<Vec<String>>,
    /// `weekdays` in Persian, same order.
    #[schema(example = json!(["پنجشنبه", "جمعه"]))]
    pub weekdays_fa: Option<Vec<&'static str>>,
    /// `office_hours`: `HH:MM`.
    pub opens: Option<String>,
    pub closes: Option<String>,
    /// `closure`: closed from (`null`: from midnight); both times `null` is the whole day.
    pub from_time: Option<String>,
    /// `closure`: closed until (`null`: to the end of the day).
    pub to_time: Option<String>,
    /// `true` for a closure without times.
    pub whole_day: Option<bool>,
    pub created_at: DateTime<Utc>,
    /// `created_at` in the Solar Hijri calendar, service time zone, Persian digits.
    #[schema(example = "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰")]
    pub created_at_jalali: String,
    pub updated_at: DateTime<Utc>,
    #[schema(example = "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰")]
    pub updated_at_jalali: String,
    /// The version, as in the `ETag`.
    pub version: i64,
    /// Whose calendar the rule changes.
    pub applies_to: AppliesTo,
    /// `applies_to` in Persian.
    #[schema(example = "همه")]
    pub applies_to_label_fa: &'static str,
}

impl WorkingRule {
    pub fn new(r: WorkingRuleRow, clock: &Clock) -> Self {
        let weekdays: Option<Vec<String>> = r
            .weekdays
            .map(|s| s.split(',').map(str::to_owned).collect());
        let (created_at, created_at_jalali) = clock.stamp(r.created_at).into_parts();
        let (updated_at, updated_at_jalali) = clock.stamp(r.updated_at).into_parts();
        WorkingRule {
            weekdays_fa: weekdays
                .as_ref()
                .map(|days| days.iter().map(|d| weekday_fa(d)).collect()),
            kind_label_fa: r.kind.label_fa(),
            created_at_jalali,
            updated_at_jalali,
            whole_day: (r.kind == RuleKind::Closure)
                .then_some(r.from_time.is_none() && r.to_time.is_none()),
            id: r.id,
            kind: r.kind,
            title: r.title,
            effective_from_jalali: format_jalali(r.effective_from),
            effective_from: r.effective_from,
            effective_to_jalali: r.effective_to.map(format_jalali),
            effective_to: r.effective_to,
            weekdays,
            opens: r.opens,
            closes: r.closes,
            from_time: r.from_time,
            to_time: r.to_time,
            created_at,
            updated_at,
            version: r.version,
            applies_to: r.applies_to,
            applies_to_label_fa: r.applies_to.label_fa(),
        }
    }
}

/// The `data` of `calendar.closure_declared`: the closure (a working rule) and how many open
/// requests had their deadlines recomputed.
#[derive(Serialize, ToSchema)]
pub struct ClosureDeclaredData {
    #[serde(flatten)]
    pub rule: WorkingRule,
    #[schema(minimum = 0)]
    pub recomputed_requests: usize,
}
