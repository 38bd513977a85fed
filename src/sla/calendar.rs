//! The working-day calendar of one party (the directorate, the agencies or the police):
//! weekend days, the holiday table, office hours and closures in the service's time zone.
//!
//! What a day is comes from, in order: the holiday table (a holiday is never a working day);
//! the weekend rule in force for the party (`/working-rules`, then the built-in rules), else
//! the `WEEKEND_DAYS` setting; a whole-day closure rule; then the office-hours rule in force on
//! that weekday, else `OFFICE_HOURS`, cut by a part-day closure rule (so a day's office time is
//! at most two intervals). Among rules of one kind in force on a day, a stored rule beats a
//! built-in one, then the latest `effective_from` wins, then the latest created.
//!
//! **Budgets count whole working days.** A step's *start day* is the day it started, unless it
//! started after that day's closing or on a day that is not a working day: then its start day
//! is the next working day. A budget of N working days ends at the close of office hours on
//! the Nth working day after the start day. A day is a working day when some office time is
//! left on it; its hours (Ramadan hours, summer hours, a closure from noon) only move the
//! closing time, never stretch a deadline; a day closed in full is skipped. The working days a
//! step took are the working days after its start day that began (opened) before it ended.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{
    Datelike, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, TimeZone, Timelike, Weekday,
};
use chrono_tz::Tz;

use crate::config::Config;
use crate::domain::party::Party;
use crate::sla::rules::model::{CalendarRule, Minute, RuleBody, RuleKind, RuleRef, END_OF_DAY};

/// Why a day does or does not count.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DayKind {
    /// Office hours count (perhaps shortened: see [`DayPlan`]).
    Working,
    /// A weekend day: by a weekend rule, or from the `WEEKEND_DAYS` setting (`rule: None`).
    Weekend {
        rule: Option<RuleRef>,
    },
    Holiday(String),
    /// The offices are closed by a closure rule (the whole day, or all its office hours).
    Closure(RuleRef),
}

/// One day as the calendar sees it: its kind, its office intervals (local minutes, at most
/// two, empty unless working) and the rules that shaped them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DayPlan {
    pub kind: DayKind,
    pub intervals: Vec<(Minute, Minute)>,
    /// The office-hours rule in force (`None`: the `OFFICE_HOURS` setting).
    pub hours_rule: Option<RuleRef>,
    /// A part-day closure that cut the office hours, with the office minutes it removed.
    pub part_closure: Option<(RuleRef, Minute)>,
}

/// The holiday table: a shared base (the built-in days, built once per process) and the days
/// a load changes on top of it (`None`: no longer a holiday there), so a load copies only the
/// few days stored rows touch.
#[derive(Clone, Debug)]
pub struct Holidays {
    base: Arc<BTreeMap<NaiveDate, String>>,
    overlay: BTreeMap<NaiveDate, Option<String>>,
}

impl Holidays {
    pub fn new(
        base: Arc<BTreeMap<NaiveDate, String>>,
        overlay: BTreeMap<NaiveDate, Option<String>>,
    ) -> Self {
        Holidays { base, overlay }
    }

    /// The holiday's title on `date`, if it is one.
    pub fn get(&self, date: NaiveDate) -> Option<&str> {
        match self.overlay.get(&date) {
            Some(changed) => changed.as_deref(),
            None => self.base.get(&date).map(String::as_str),
        }
    }
}

/// The calendar in force for one party: configuration, the holiday table and the working
/// rules (all parties' rules are kept; only those applying to `party` count).
#[derive(Clone, Debug)]
pub struct Calendar {
    tz: Tz,
    weekend: Vec<Weekday>,
    open: NaiveTime,
    close: NaiveTime,
    holidays: Holidays,
    /// Highest precedence first.
    rules: Arc<Vec<CalendarRule>>,
    party: Party,
}

/// Searching forward for working time gives up after this many days (a holiday table that
/// closes every day would otherwise never end).
const MAX_SCAN_DAYS: i64 = 3 * 366;

fn minute_of(t: NaiveTime) -> Minute {
    t.hour() * 60 + t.minute()
}

impl Calendar {
    pub fn new(config: &Config, holidays: BTreeMap<NaiveDate, String>) -> Self {
        Self::with_holidays(config, Holidays::new(Arc::new(holidays), BTreeMap::new()))
    }

    /// A calendar over a shared holiday table with per-load changes on top.
    pub fn with_holidays(config: &Config, holidays: Holidays) -> Self {
        Calendar {
            tz: config.service_timezone,
            weekend: config.sla.weekend_days.0.clone(),
            open: config.sla.office_hours.open,
            close: config.sla.office_hours.close,
            holidays,
            rules: Arc::new(Vec::new()),
            party: Party::Directorate,
        }
    }

    /// The calendar with these working rules in force.
    pub fn with_rules(mut self, mut rules: Vec<CalendarRule>) -> Self {
        rules.sort_by(|a, b| b.precedence().cmp(&a.precedence()));
        self.rules = Arc::new(rules);
        self
    }

    /// The same calendar as `party` counts it.
    pub fn for_party(&self, party: Party) -> Calendar {
        Calendar {
            party,
            ..self.clone()
        }
    }

    /// Whose calendar this is.
    pub fn party(&self) -> Party {
        self.party
    }

    /// The winning rule of `kind` in force on `date` that `applies` to it.
    fn winner(
        &self,
        kind: RuleKind,
        date: NaiveDate,
        applies: impl Fn(&CalendarRule) -> bool,
    ) -> Option<&CalendarRule> {
        self.rules.iter().find(|r| {
            r.kind() == kind && r.applies_to(self.party) && r.in_force(date) && applies(r)
        })
    }

    /// The rules of this party whose date range meets `[from, to]`, highest precedence first.
    pub fn rules_between(&self, from: NaiveDate, to: NaiveDate) -> Vec<&CalendarRule> {
        self.rules
            .iter()
            .filter(|r| r.applies_to(self.party) && r.overlaps(from, to))
            .collect()
    }

    /// Whether `date` is a weekend day: by the weekend rule in force, else by `WEEKEND_DAYS`.
    /// `Some(rule)` when it is (`rule` the rule that made it one, if any).
    fn weekend(&self, date: NaiveDate) -> Option<Option<RuleRef>> {
        let weekday = date.weekday();
        match self.winner(RuleKind::Weekend, date, |_| true) {
            Some(r) => match &r.body {
                RuleBody::Weekend { weekdays } if weekdays.contains(&weekday) => {
                    Some(Some(r.reference()))
                }
                _ => None,
            },
            None => self.weekend.contains(&weekday).then_some(None),
        }
    }

    /// The closure rule in force on `date` and the local minutes it closes.
    fn closure_cut(&self, date: NaiveDate) -> Option<(&CalendarRule, Minute, Minute)> {
        let closure = self.winner(RuleKind::Closure, date, |_| true);
        closure.and_then(|r| match r.body {
            RuleBody::Closure { from, to } => {
                Some((r, from.unwrap_or(0), to.unwrap_or(END_OF_DAY)))
            }
            _ => None,
        })
    }

    /// The office hours of `date` and the rule that set them (`None`: `OFFICE_HOURS`).
    fn office_hours(&self, date: NaiveDate) -> ((Minute, Minute), Option<RuleRef>) {
        let weekday = date.weekday();
        let hours = self.winner(RuleKind::OfficeHours, date, |r| match &r.body {
            RuleBody::OfficeHours { weekdays, .. } => {
                weekdays.as_ref().is_none_or(|w| w.contains(&weekday))
            }
            _ => false,
        });
        let span = match hours.map(|r| &r.body) {
            Some(RuleBody::OfficeHours { opens, closes, .. }) => (*opens, *closes),
            _ => (minute_of(self.open), minute_of(self.close)),
        };
        (span, hours.map(CalendarRule::reference))
    }

    /// What `date` is, and its office intervals.
    pub fn plan(&self, date: NaiveDate) -> DayPlan {
        let closed = |kind| DayPlan {
            kind,
            intervals: Vec::new(),
            hours_rule: None,
            part_closure: None,
        };
        if let Some(title) = self.holidays.get(date) {
            return closed(DayKind::Holiday(title.to_owned()));
        }
        if let Some(rule) = self.weekend(date) {
            return closed(DayKind::Weekend { rule });
        }
        let cut = self.closure_cut(date);
        if let Some((r, 0, END_OF_DAY)) = cut {
            return closed(DayKind::Closure(r.reference()));
        }
        let ((open, close), hours_rule) = self.office_hours(date);
        let Some((r, cf, ct)) = cut else {
            return DayPlan {
                kind: DayKind::Working,
                intervals: vec![(open, close)],
                hours_rule,
                part_closure: None,
            };
        };
        let intervals: Vec<(Minute, Minute)> = [(open, close.min(cf)), (open.max(ct), close)]
            .into_iter()
            .filter(|(a, b)| a < b)
            .collect();
        if intervals.is_empty() {
            return closed(DayKind::Closure(r.reference()));
        }
        let kept: Minute = intervals.iter().map(|(a, b)| b - a).sum();
        let removed = (close - open) - kept;
        DayPlan {
            kind: DayKind::Working,
            intervals,
            hours_rule,
            part_closure: (removed > 0).then(|| (r.reference(), removed)),
        }
    }

    pub fn day_kind(&self, date: NaiveDate) -> DayKind {
        self.plan(date).kind
    }

    /// The service's time zone (`SERVICE_TIMEZONE`).
    pub fn tz(&self) -> Tz {
        self.tz
    }

    /// The calendar date of a UTC instant in the service's time zone.
    pub fn local_date(&self, at: NaiveDateTime) -> NaiveDate {
        self.tz.from_utc_datetime(&at).date_naive()
    }

    fn to_utc(&self, date: NaiveDate, time: NaiveTime) -> NaiveDateTime {
        let local = date.and_time(time);
        match self.tz.from_local_datetime(&local).earliest() {
            Some(t) => t.naive_utc(),
            // A time skipped by a daylight-saving jump: an hour later exists.
            None => self
                .tz
                .from_local_datetime(&(local + TimeDelta::hours(1)))
                .earliest()
                .map(|t| t.naive_utc())
                .unwrap_or(local),
        }
    }

    /// A local minute of `date` (`24:00` is the next midnight) in UTC.
    fn at_minute(&self, date: NaiveDate, m: Minute) -> NaiveDateTime {
        match NaiveTime::from_hms_opt(m / 60, m % 60, 0) {
            Some(t) if m < END_OF_DAY => self.to_utc(date, t),
            _ => self.day_start(date + TimeDelta::days(1)),
        }
    }

    /// Midnight starting `date` in the service's time zone, in UTC.
    pub fn day_start(&self, date: NaiveDate) -> NaiveDateTime {
        self.to_utc(date, NaiveTime::MIN)
    }

    /// The office intervals of `date` in UTC (at most two); empty on days that do not count.
    pub fn office_intervals(&self, date: NaiveDate) -> Vec<(NaiveDateTime, NaiveDateTime)> {
        self.plan(date)
            .intervals
            .iter()
            .map(|(a, b)| (self.at_minute(date, *a), self.at_minute(date, *b)))
            .collect()
    }

    /// The span of a working day's office time in UTC, from the first opening to the last
    /// closing (a part-day closure may leave a gap inside: see [`Self::office_intervals`]);
    /// `None` on days that do not count.
    pub fn office_window(&self, date: NaiveDate) -> Option<(NaiveDateTime, NaiveDateTime)> {
        let v = self.office_intervals(date);
        Some((v.first()?.0, v.last()?.1))
    }

    /// Working seconds of `[from, to)` that fall on `date`.
    pub fn working_secs_on(&self, date: NaiveDate, from: NaiveDateTime, to: NaiveDateTime) -> i64 {
        self.office_intervals(date)
            .into_iter()
            .map(|(open, close)| (close.min(to) - open.max(from)).num_seconds().max(0))
            .sum()
    }

    /// Working seconds in `[from, to)`.
    pub fn working_secs(&self, from: NaiveDateTime, to: NaiveDateTime) -> i64 {
        if to <= from {
            return 0;
        }
        let mut total = 0;
        let mut day = self.local_date(from);
        let last = self.local_date(to);
        while day <= last {
            total += self.working_secs_on(day, from, to);
            match day.succ_opt() {
                Some(d) => day = d,
                None => break,
            }
        }
        total
    }

    /// Whether some office time is left on `date` (a working day).
    pub fn is_working(&self, date: NaiveDate) -> bool {
        !self.plan(date).intervals.is_empty()
    }

    /// The first opening of a working day (UTC); `None` on days that do not count.
    pub fn opening(&self, date: NaiveDate) -> Option<NaiveDateTime> {
        self.office_window(date).map(|(open, _)| open)
    }

    /// The last closing of a working day (UTC); `None` on days that do not count.
    pub fn closing(&self, date: NaiveDate) -> Option<NaiveDateTime> {
        self.office_window(date).map(|(_, close)| close)
    }

    /// The first working day after `date` (bounded: a table that closes every day for years
    /// gives the day the scan stopped at).
    pub fn next_working_day(&self, date: NaiveDate) -> NaiveDate {
        let mut d = date;
        for _ in 0..MAX_SCAN_DAYS {
            match d.succ_opt() {
                Some(n) => d = n,
                None => return d,
            }
            if self.is_working(d) {
                return d;
            }
        }
        d
    }

    /// The step's start day: the day of `at` if it is a working day and `at` is before its
    /// closing; else the next working day.
    pub fn start_day(&self, at: NaiveDateTime) -> NaiveDate {
        let day = self.local_date(at);
        match self.closing(day) {
            Some(close) if at < close => day,
            _ => self.next_working_day(day),
        }
    }

    /// The `n`th working day after `day` (`n = 0`: `day` itself).
    pub fn nth_working_day_after(&self, day: NaiveDate, n: i64) -> NaiveDate {
        (0..n.max(0)).fold(day, |d, _| self.next_working_day(d))
    }

    /// When `days` working days from a step started at `from` run out: the close of office
    /// hours on the `days`th working day after its start day (`days = 0`: the start day's).
    pub fn deadline(&self, from: NaiveDateTime, days: i64) -> NaiveDateTime {
        let day = self.nth_working_day_after(self.start_day(from), days);
        self.closing(day).unwrap_or_else(|| self.day_start(day))
    }

    /// The working days a step running over `[from, to)` counted, in order: the working days
    /// after its start day that opened before `to`.
    pub fn counted_days(&self, from: NaiveDateTime, to: NaiveDateTime) -> Vec<NaiveDate> {
        let mut out = Vec::new();
        if to <= from {
            return out;
        }
        let last = self.local_date(to);
        let mut d = self.start_day(from);
        for _ in 0..MAX_SCAN_DAYS {
            d = self.next_working_day(d);
            if d > last {
                break;
            }
            match self.opening(d) {
                Some(open) if open < to => out.push(d),
                _ => break,
            }
        }
        out
    }

    /// How many working days a step running over `[from, to)` counted.
    pub fn working_days(&self, from: NaiveDateTime, to: NaiveDateTime) -> i64 {
        self.counted_days(from, to).len() as i64
    }

    /// The local calendar dates from `from` to `to` (inclusive), with their kinds and the
    /// working seconds each contributes within `[from, to)`.
    pub fn days_between(
        &self,
        from: NaiveDateTime,
        to: NaiveDateTime,
    ) -> Vec<(NaiveDate, DayKind, i64)> {
        let mut out = Vec::new();
        if to < from {
            return out;
        }
        let mut day = self.local_date(from);
        let last = self.local_date(to);
        while day <= last {
            out.push((day, self.day_kind(day), self.working_secs_on(day, from, to)));
            match day.succ_opt() {
                Some(d) => day = d,
                None => break,
            }
        }
        out
    }
}

/// `centidays / 100` as a number for JSON.
pub fn days_from_centi(centi: i64) -> f64 {
    centi as f64 / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::jalali::jalali_to_gregorian;
    use crate::domain::party::{AppliesTo, Parties};

    fn cal(holidays: &[(NaiveDate, &str)]) -> Calendar {
        Calendar::new(
            &Config::defaults(),
            holidays.iter().map(|(d, t)| (*d, t.to_string())).collect(),
        )
    }

    fn j(y: i32, m: u8, d: u8) -> NaiveDate {
        jalali_to_gregorian(y, m, d).unwrap()
    }

    /// A Tehran wall-clock time as UTC.
    fn tehran(date: NaiveDate, h: u32, m: u32) -> NaiveDateTime {
        chrono_tz::Asia::Tehran
            .from_local_datetime(&date.and_hms_opt(h, m, 0).unwrap())
            .unwrap()
            .naive_utc()
    }

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn jalali_anchor_dates() {
        assert_eq!(j(1400, 12, 29).to_string(), "2022-03-20");
        assert_eq!(j(1401, 1, 1).to_string(), "2022-03-21");
        // 1399 and 1403 are leap years: Esfand has 30 days.
        assert_eq!(j(1399, 12, 30).to_string(), "2021-03-20");
        assert_eq!(j(1403, 12, 30).to_string(), "2025-03-20");
        assert!(jalali_to_gregorian(1400, 12, 30).is_none());
        assert!(jalali_to_gregorian(1402, 12, 30).is_none());
    }

    /// 2024-11-07 is a Thursday, the 8th a Friday (the default weekend).
    #[test]
    fn the_start_day_is_the_next_working_day_after_closing_or_on_a_closed_day() {
        let c = cal(&[]);
        let (thu, sat) = (ymd(2024, 11, 7), ymd(2024, 11, 9));
        assert_eq!(
            c.day_kind(ymd(2024, 11, 8)),
            DayKind::Weekend { rule: None }
        );
        assert_eq!(c.start_day(tehran(thu, 6, 0)), thu, "before opening");
        assert_eq!(c.start_day(tehran(thu, 10, 0)), thu);
        assert_eq!(c.start_day(tehran(thu, 14, 30)), sat, "at closing");
        assert_eq!(c.start_day(tehran(thu, 20, 0)), sat);
        assert_eq!(c.start_day(tehran(ymd(2024, 11, 8), 10, 0)), sat);
    }

    #[test]
    fn a_budget_ends_at_the_close_of_the_nth_working_day_after_the_start_day() {
        let c = cal(&[]);
        let thu = ymd(2024, 11, 7);
        // Thursday 10:00 + 1: Saturday's closing; Thursday 20:00 starts on Saturday: Sunday.
        assert_eq!(
            c.deadline(tehran(thu, 10, 0), 1),
            tehran(ymd(2024, 11, 9), 14, 30)
        );
        assert_eq!(
            c.deadline(tehran(thu, 20, 0), 1),
            tehran(ymd(2024, 11, 10), 14, 30)
        );
        // Zero days: the start day's own closing.
        assert_eq!(c.deadline(tehran(thu, 10, 0), 0), tehran(thu, 14, 30));
    }

    /// Filed on Wednesday 1402/12/23 (2024-03-13) at 10:00, five working days before Nowruz:
    /// Thu 24 (1), Fri weekend, Sat 26 (2), Sun 27 (3), Mon 28 (4), Tue 29 the oil
    /// nationalisation day, 1403/01/01–04 Nowruz, Sun 05 (5): due at its closing.
    #[test]
    fn wednesday_before_nowruz() {
        let holidays = [
            (j(1402, 12, 29), "ملی شدن صنعت نفت"),
            (j(1403, 1, 1), "نوروز"),
            (j(1403, 1, 2), "نوروز"),
            (j(1403, 1, 3), "نوروز"),
            (j(1403, 1, 4), "نوروز"),
        ];
        let c = cal(&holidays);
        let filed = tehran(j(1402, 12, 23), 10, 0);
        assert_eq!(j(1402, 12, 23).weekday(), Weekday::Wed);
        let due = c.deadline(filed, 5);
        assert_eq!(due, tehran(j(1403, 1, 5), 14, 30));
        assert_eq!(
            c.counted_days(filed, due),
            [
                j(1402, 12, 24),
                j(1402, 12, 26),
                j(1402, 12, 27),
                j(1402, 12, 28),
                j(1403, 1, 5)
            ]
        );
        assert_eq!(c.working_days(filed, due), 5);
    }

    /// A day counts once it opened before the step ended; the start day never counts.
    #[test]
    fn working_days_taken() {
        let c = cal(&[]);
        let (mon, tue) = (ymd(2024, 11, 4), ymd(2024, 11, 5));
        assert_eq!(c.working_days(tehran(mon, 10, 0), tehran(mon, 14, 0)), 0);
        assert_eq!(c.working_days(tehran(mon, 10, 0), tehran(tue, 7, 0)), 0);
        assert_eq!(c.working_days(tehran(mon, 10, 0), tehran(tue, 9, 0)), 1);
        assert_eq!(c.working_days(tehran(mon, 10, 0), tehran(tue, 20, 0)), 1);
        // Monday evening starts on Tuesday: Tuesday itself does not count.
        assert_eq!(c.working_days(tehran(mon, 20, 0), tehran(tue, 13, 0)), 0);
    }

    /// 1403 is a leap year: Esfand 30 (2025-03-20) exists and is a working day unless it is
    /// a holiday.
    #[test]
    fn leap_year_esfand_30() {
        let esfand30 = j(1403, 12, 30);
        assert_eq!(esfand30.weekday(), Weekday::Thu);
        let from = tehran(j(1403, 12, 29), 10, 0);
        assert_eq!(cal(&[]).deadline(from, 1), tehran(esfand30, 14, 30));
        let with_holiday = cal(&[(esfand30, "نوروز"), (j(1404, 1, 1), "نوروز")]);
        // Thu 30 holiday, Fri 1404/01/01 weekend and Nowruz, Sat 1404/01/02 works.
        assert_eq!(
            with_holiday.deadline(from, 1),
            tehran(j(1404, 1, 2), 14, 30)
        );
    }

    #[test]
    fn a_holiday_added_later_moves_the_deadline_by_a_day() {
        let filed = tehran(ymd(2024, 11, 4), 9, 0); // Monday
        let before = cal(&[]).deadline(filed, 5);
        let after = cal(&[(ymd(2024, 11, 5), "تعطیل رسمی")]).deadline(filed, 5);
        assert_eq!(before, tehran(ymd(2024, 11, 10), 14, 30));
        assert_eq!(after, tehran(ymd(2024, 11, 11), 14, 30));
    }

    #[test]
    fn unreachable_deadlines_terminate() {
        let start = ymd(2024, 1, 1);
        let all: Vec<(NaiveDate, &str)> = (0..(4 * 366))
            .map(|i| (start + TimeDelta::days(i), "x"))
            .collect();
        let c = cal(&all);
        let from = tehran(start, 8, 0);
        assert!(c.deadline(from, 1) > from);
        assert_eq!(c.working_days(from, from + TimeDelta::days(30)), 0);
    }

    fn rule(id: &str, from: NaiveDate, to: Option<NaiveDate>, body: RuleBody) -> CalendarRule {
        CalendarRule {
            id: id.into(),
            title: format!("قاعده {id}"),
            effective_from: from,
            effective_to: to,
            created_at: from.and_hms_opt(0, 0, 0).unwrap(),
            body,
            applies: Parties::ALL,
            builtin: false,
        }
    }

    fn hours(opens: Minute, closes: Minute) -> RuleBody {
        RuleBody::OfficeHours {
            opens,
            closes,
            weekdays: None,
        }
    }

    /// Sunday 2024-11-10 is under both office-hours rules: the later `effective_from` wins;
    /// with equal starts, the one created last; a stored rule beats a built-in one.
    #[test]
    fn the_latest_rule_of_a_kind_wins() {
        let sun = ymd(2024, 11, 10);
        let summer = rule("a", ymd(2024, 11, 1), None, hours(360, 780));
        let short = rule("b", ymd(2024, 11, 10), Some(sun), hours(480, 720));
        let c = cal(&[]).with_rules(vec![short.clone(), summer.clone()]);
        assert_eq!(c.plan(sun).intervals, [(480, 720)]);
        assert_eq!(c.plan(sun).hours_rule.unwrap().id, "b");
        assert_eq!(c.plan(sun.succ_opt().unwrap()).intervals, [(360, 780)]);
        let mut later = rule("c", ymd(2024, 11, 1), None, hours(540, 600));
        later.created_at = summer.created_at + TimeDelta::hours(1);
        let c = cal(&[]).with_rules(vec![later, summer.clone()]);
        assert_eq!(c.plan(ymd(2024, 11, 4)).intervals, [(540, 600)]);
        let mut builtin = rule("d", ymd(2024, 11, 3), None, hours(600, 660));
        builtin.builtin = true;
        let c = cal(&[]).with_rules(vec![builtin, summer]);
        assert_eq!(c.plan(ymd(2024, 11, 4)).intervals, [(360, 780)]);
    }

    #[test]
    fn a_part_day_closure_shortens_the_day_and_never_stretches_a_deadline() {
        let sat = ymd(2024, 11, 9);
        let noon = rule(
            "x",
            sat,
            Some(sat),
            RuleBody::Closure {
                from: Some(600),
                to: Some(660),
            },
        );
        let c = cal(&[]).with_rules(vec![noon]);
        let plan = c.plan(sat);
        assert_eq!(plan.kind, DayKind::Working);
        assert_eq!(plan.intervals, [(450, 600), (660, 870)]);
        assert_eq!(
            plan.part_closure.map(|(r, m)| (r.id, m)),
            Some(("x".into(), 60))
        );
        assert_eq!(
            c.office_window(sat),
            Some((tehran(sat, 7, 30), tehran(sat, 14, 30)))
        );
        // Closed from 11:00 to the end of the day: the deadline that day is 11:00, not later.
        let from_eleven = rule(
            "y",
            sat,
            Some(sat),
            RuleBody::Closure {
                from: Some(660),
                to: None,
            },
        );
        let c = cal(&[]).with_rules(vec![from_eleven]);
        let thu = ymd(2024, 11, 7);
        assert_eq!(c.deadline(tehran(thu, 10, 0), 1), tehran(sat, 11, 0));
        // Filed on that Saturday at noon: after its (early) closing, so it starts on Sunday.
        assert_eq!(c.start_day(tehran(sat, 12, 0)), ymd(2024, 11, 10));
    }

    #[test]
    fn a_closure_of_all_office_hours_closes_the_day() {
        let sat = ymd(2024, 11, 9);
        let snow = rule(
            "s",
            sat,
            Some(sat),
            RuleBody::Closure {
                from: Some(420),
                to: None,
            },
        );
        let c = cal(&[]).with_rules(vec![snow]);
        assert!(matches!(c.day_kind(sat), DayKind::Closure(r) if r.id == "s"));
        assert!(!c.is_working(sat));
        let thu = ymd(2024, 11, 7);
        assert_eq!(
            c.deadline(tehran(thu, 10, 0), 1),
            tehran(ymd(2024, 11, 10), 14, 30)
        );
    }

    /// Thursdays closed for the directorate and the agencies from Sunday 2024-11-10: the
    /// Thursday before still works, the next one does not; the police's calendar keeps it.
    #[test]
    fn a_thursday_closure_for_executive_bodies_only() {
        let mut thursdays = rule(
            "t",
            ymd(2024, 11, 10),
            None,
            RuleBody::Weekend {
                weekdays: vec![Weekday::Thu, Weekday::Fri],
            },
        );
        thursdays.applies = Parties::of(&[Party::Directorate, Party::Agencies]);
        let c = cal(&[]).with_rules(vec![thursdays]);
        assert_eq!(c.day_kind(ymd(2024, 11, 7)), DayKind::Working);
        assert!(matches!(
            c.day_kind(ymd(2024, 11, 14)),
            DayKind::Weekend { rule: Some(r) } if r.id == "t"
        ));
        let wed = ymd(2024, 11, 13);
        assert_eq!(
            c.deadline(tehran(wed, 10, 0), 1),
            tehran(ymd(2024, 11, 16), 14, 30)
        );
        let police = c.for_party(Party::Police);
        assert_eq!(police.day_kind(ymd(2024, 11, 14)), DayKind::Working);
        assert_eq!(
            police.deadline(tehran(wed, 10, 0), 1),
            tehran(ymd(2024, 11, 14), 14, 30)
        );
        assert_eq!(AppliesTo::Police.parties().list(), [Party::Police]);
    }
}
