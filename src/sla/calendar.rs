//! The working-day calendar: weekend days, the holiday table, office hours and closures in the
//! service's time zone. SLA clocks count *working time*: the office hours of working days.
//!
//! What a day is comes from, in order: the holiday table (a holiday is never a working day);
//! the weekend rule in force (`/working-rules`), else the `WEEKEND_DAYS` setting; a whole-day
//! closure rule; then the office-hours rule in force on that weekday, else `OFFICE_HOURS`, cut
//! by a part-day closure rule (so a day's office time is at most two intervals). Among rules of
//! one kind in force on a day, the latest `effective_from` wins, then the latest created.
//!
//! One working day is the length of the default office hours (`OFFICE_HOURS`, 7 h for
//! 07:30–14:30): budgets are that many seconds per day, and a day with shorter hours (summer
//! hours, a part-day closure) counts proportionally less. So "5 working days" from Wednesday
//! 10:00 ends on the fifth working day after at 10:00 when every day has the default hours, and
//! a request filed in the evening starts its clock at the next opening.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{
    Datelike, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, TimeZone, Timelike, Weekday,
};
use chrono_tz::Tz;

use crate::config::Config;
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

/// The calendar in force: configuration, the holiday table and the working rules.
#[derive(Clone, Debug)]
pub struct Calendar {
    tz: Tz,
    weekend: Vec<Weekday>,
    open: NaiveTime,
    close: NaiveTime,
    holidays: Holidays,
    /// Highest precedence first.
    rules: Vec<CalendarRule>,
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
            weekend: config.weekend_days.0.clone(),
            open: config.office_hours.open,
            close: config.office_hours.close,
            holidays,
            rules: Vec::new(),
        }
    }

    /// The calendar with these working rules in force.
    pub fn with_rules(mut self, mut rules: Vec<CalendarRule>) -> Self {
        rules.sort_by(|a, b| b.precedence().cmp(&a.precedence()));
        self.rules = rules;
        self
    }

    /// Length of one working day (the default office hours), in seconds: the unit of budgets
    /// and of the working days shown.
    pub fn day_secs(&self) -> i64 {
        (self.close - self.open).num_seconds()
    }

    /// The winning rule of `kind` in force on `date` that `applies` to it.
    fn winner(
        &self,
        kind: RuleKind,
        date: NaiveDate,
        applies: impl Fn(&CalendarRule) -> bool,
    ) -> Option<&CalendarRule> {
        self.rules
            .iter()
            .find(|r| r.kind() == kind && r.in_force(date) && applies(r))
    }

    /// The rules whose date range meets `[from, to]`, highest precedence first.
    pub fn rules_between(&self, from: NaiveDate, to: NaiveDate) -> Vec<&CalendarRule> {
        self.rules.iter().filter(|r| r.overlaps(from, to)).collect()
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
        let weekday = date.weekday();
        match self.winner(RuleKind::Weekend, date, |_| true) {
            Some(r) => {
                if let RuleBody::Weekend { weekdays } = &r.body {
                    if weekdays.contains(&weekday) {
                        return closed(DayKind::Weekend {
                            rule: Some(r.reference()),
                        });
                    }
                }
            }
            None if self.weekend.contains(&weekday) => {
                return closed(DayKind::Weekend { rule: None });
            }
            None => {}
        }
        let closure = self.winner(RuleKind::Closure, date, |_| true);
        let cut = closure.and_then(|r| match r.body {
            RuleBody::Closure { from, to } => {
                Some((r, from.unwrap_or(0), to.unwrap_or(END_OF_DAY)))
            }
            _ => None,
        });
        if let Some((r, 0, END_OF_DAY)) = cut {
            return closed(DayKind::Closure(r.reference()));
        }
        let hours = self.winner(RuleKind::OfficeHours, date, |r| match &r.body {
            RuleBody::OfficeHours { weekdays, .. } => {
                weekdays.as_ref().is_none_or(|w| w.contains(&weekday))
            }
            _ => false,
        });
        let (open, close) = match hours.map(|r| &r.body) {
            Some(RuleBody::OfficeHours { opens, closes, .. }) => (*opens, *closes),
            _ => (minute_of(self.open), minute_of(self.close)),
        };
        let hours_rule = hours.map(CalendarRule::reference);
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
        let kept: Minute = intervals.iter().map(|(a, b)| b - a).sum();
        if intervals.is_empty() {
            return closed(DayKind::Closure(r.reference()));
        }
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

    /// The instant at which `secs` working seconds after `from` have passed. Zero or negative
    /// `secs` is `from` itself.
    pub fn advance(&self, from: NaiveDateTime, secs: i64) -> NaiveDateTime {
        if secs <= 0 {
            return from;
        }
        let mut left = secs;
        let mut day = self.local_date(from);
        for _ in 0..MAX_SCAN_DAYS {
            for (open, close) in self.office_intervals(day) {
                let start = open.max(from);
                if close > start {
                    let available = (close - start).num_seconds();
                    if available >= left {
                        return start + TimeDelta::seconds(left);
                    }
                    left -= available;
                }
            }
            match day.succ_opt() {
                Some(d) => day = d,
                None => break,
            }
        }
        // No working time in years: treat the deadline as unreachable but finite.
        from + TimeDelta::days(MAX_SCAN_DAYS)
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

    /// Working days as shown to people: hundredths, rounded up (so a stage that ran one second
    /// over its budget never shows as within it).
    pub fn centidays(&self, secs: i64) -> i64 {
        let day = self.day_secs().max(1);
        (secs.max(0) * 100 + day - 1) / day
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

    const DAY: i64 = 7 * 3600;

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

    #[test]
    fn weekends_and_office_hours() {
        let c = cal(&[]);
        // 2024-11-08 is a Friday.
        let fri = NaiveDate::from_ymd_opt(2024, 11, 8).unwrap();
        assert_eq!(c.day_kind(fri), DayKind::Weekend { rule: None });
        assert_eq!(c.day_kind(fri.pred_opt().unwrap()), DayKind::Working);
        assert_eq!(c.day_secs(), DAY);
        // Thursday 10:00 to Saturday 10:00: 4.5 h Thursday, nothing Friday, 2.5 h Saturday.
        let thu = fri.pred_opt().unwrap();
        let sat = fri.succ_opt().unwrap();
        assert_eq!(c.working_secs(tehran(thu, 10, 0), tehran(sat, 10, 0)), DAY);
        // Filed in the evening: the clock starts at the next opening.
        assert_eq!(c.advance(tehran(thu, 20, 0), DAY), tehran(sat, 14, 30));
        assert_eq!(c.working_secs(tehran(thu, 20, 0), tehran(sat, 7, 30)), 0);
    }

    #[test]
    fn thursday_weekend_is_configurable() {
        let mut config = Config::defaults();
        config.weekend_days = "thursday,friday".parse().unwrap();
        let c = Calendar::new(&config, BTreeMap::new());
        let wed = NaiveDate::from_ymd_opt(2024, 11, 6).unwrap();
        let sat = NaiveDate::from_ymd_opt(2024, 11, 9).unwrap();
        assert_eq!(c.advance(tehran(wed, 10, 0), DAY), tehran(sat, 10, 0));
    }

    /// Filed on Wednesday 1402/12/23 (2024-03-13) at 10:00, five working days before Nowruz:
    /// the Nowruz holidays (1403/01/01–04) and the Islamic Republic Day (1403/01/12), Nature
    /// Day (1403/01/13) and the Fridays are skipped. 1402/12/29 (Tuesday 2024-03-19) is the
    /// oil nationalisation day, also a holiday.
    #[test]
    fn wednesday_before_nowruz() {
        let holidays = [
            (j(1402, 12, 29), "ملی شدن صنعت نفت"),
            (j(1403, 1, 1), "نوروز"),
            (j(1403, 1, 2), "نوروز"),
            (j(1403, 1, 3), "نوروز"),
            (j(1403, 1, 4), "نوروز"),
            (j(1403, 1, 12), "روز جمهوری اسلامی"),
            (j(1403, 1, 13), "روز طبیعت"),
        ];
        let c = cal(&holidays);
        let filed = tehran(j(1402, 12, 23), 10, 0);
        assert_eq!(j(1402, 12, 23).weekday(), Weekday::Wed);
        // Working days after Wednesday 23rd: Thu 24, Sat 26, Sun 27, Mon 28 (Fri 25 weekend),
        // Tue 29 holiday, Wed 1403/01/01–Sat 04 holidays, Sun 05 → fifth working day.
        let due = c.advance(filed, 5 * DAY);
        assert_eq!(due, tehran(j(1403, 1, 5), 10, 0));
        assert_eq!(c.working_secs(filed, due), 5 * DAY);
        let skipped: Vec<_> = c
            .days_between(filed, due)
            .into_iter()
            .filter(|(_, k, _)| *k != DayKind::Working)
            .map(|(d, k, _)| (crate::domain::jalali::format_jalali(d), k))
            .collect();
        assert_eq!(skipped.len(), 6, "{skipped:?}");
        assert_eq!(
            skipped[0],
            ("1402/12/25".into(), DayKind::Weekend { rule: None })
        );
        assert_eq!(
            skipped[1],
            (
                "1402/12/29".into(),
                DayKind::Holiday("ملی شدن صنعت نفت".into())
            )
        );
    }

    /// 1403 is a leap year: Esfand 30 (2025-03-20) exists and is a working day unless it is
    /// declared a holiday.
    #[test]
    fn leap_year_esfand_30() {
        let esfand30 = j(1403, 12, 30);
        assert_eq!(esfand30.weekday(), Weekday::Thu);
        let plain = cal(&[]);
        let from = tehran(j(1403, 12, 29), 14, 30);
        assert_eq!(plain.advance(from, DAY), tehran(esfand30, 14, 30));
        let with_holiday = cal(&[(esfand30, "ملی شدن صنعت نفت"), (j(1404, 1, 1), "نوروز")]);
        // Thu 30 holiday, Fri 1404/01/01 weekend and Nowruz, Sat 1404/01/02 works.
        assert_eq!(
            with_holiday.advance(from, DAY),
            tehran(j(1404, 1, 2), 14, 30)
        );
    }

    #[test]
    fn holiday_added_later_moves_the_deadline() {
        let filed = tehran(NaiveDate::from_ymd_opt(2024, 11, 4).unwrap(), 9, 0); // Monday
        let before = cal(&[]).advance(filed, 5 * DAY);
        let tuesday = NaiveDate::from_ymd_opt(2024, 11, 5).unwrap();
        let after = cal(&[(tuesday, "تعطیل رسمی")]).advance(filed, 5 * DAY);
        assert_eq!(
            before,
            tehran(NaiveDate::from_ymd_opt(2024, 11, 10).unwrap(), 9, 0)
        );
        assert_eq!(
            after,
            tehran(NaiveDate::from_ymd_opt(2024, 11, 11).unwrap(), 9, 0)
        );
    }

    #[test]
    fn centidays_round_up() {
        let c = cal(&[]);
        assert_eq!(c.centidays(0), 0);
        assert_eq!(c.centidays(5 * DAY), 500);
        assert_eq!(c.centidays(5 * DAY + 1), 501);
        assert_eq!(c.centidays(DAY / 2), 50);
    }

    #[test]
    fn unreachable_deadlines_terminate() {
        let mut all = Vec::new();
        let start = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
        for i in 0..(4 * 366) {
            all.push((start + TimeDelta::days(i), "x"));
        }
        let c = cal(&all);
        let from = tehran(start, 8, 0);
        assert!(c.advance(from, DAY) > from);
    }

    fn rule(id: &str, from: NaiveDate, to: Option<NaiveDate>, body: RuleBody) -> CalendarRule {
        CalendarRule {
            id: id.into(),
            title: format!("قاعده {id}"),
            effective_from: from,
            effective_to: to,
            created_at: from.and_hms_opt(0, 0, 0).unwrap(),
            body,
        }
    }

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn hours(opens: Minute, closes: Minute) -> RuleBody {
        RuleBody::OfficeHours {
            opens,
            closes,
            weekdays: None,
        }
    }

    /// Sunday 2024-11-10 is under both office-hours rules: the later `effective_from` wins;
    /// with equal starts, the one created last.
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
        let c = cal(&[]).with_rules(vec![later, summer]);
        assert_eq!(c.plan(ymd(2024, 11, 4)).intervals, [(540, 600)]);
    }

    #[test]
    fn a_part_day_closure_leaves_two_intervals() {
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
            c.working_secs(tehran(sat, 0, 0), tehran(sat, 23, 0)),
            6 * 3600
        );
        // Two hours from 09:00: one before the closure, one after it.
        assert_eq!(c.advance(tehran(sat, 9, 0), 2 * 3600), tehran(sat, 12, 0));
        assert_eq!(
            c.office_window(sat),
            Some((tehran(sat, 7, 30), tehran(sat, 14, 30)))
        );
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
        assert_eq!(
            c.working_secs_on(sat, tehran(sat, 0, 0), tehran(sat, 23, 0)),
            0
        );
    }

    /// Thursdays closed from Sunday 2024-11-10: the Thursday before still works, the next
    /// one does not, and Friday stays a weekend.
    #[test]
    fn a_thursday_closure_from_a_date() {
        let thursdays = rule(
            "t",
            ymd(2024, 11, 10),
            None,
            RuleBody::Weekend {
                weekdays: vec![Weekday::Thu, Weekday::Fri],
            },
        );
        let c = cal(&[]).with_rules(vec![thursdays]);
        assert_eq!(c.day_kind(ymd(2024, 11, 7)), DayKind::Working);
        assert!(matches!(
            c.day_kind(ymd(2024, 11, 14)),
            DayKind::Weekend { rule: Some(r) } if r.id == "t"
        ));
        assert!(matches!(
            c.day_kind(ymd(2024, 11, 15)),
            DayKind::Weekend { rule: Some(_) }
        ));
        // Wednesday 13th 10:00 + one day: Thu and Fri off → Saturday 10:00.
        let wed = ymd(2024, 11, 13);
        assert_eq!(
            c.advance(tehran(wed, 10, 0), DAY),
            tehran(ymd(2024, 11, 16), 10, 0)
        );
        // The Wednesday before the rule: Thursday 7th works.
        let before = ymd(2024, 11, 6);
        assert_eq!(
            c.advance(tehran(before, 10, 0), DAY),
            tehran(ymd(2024, 11, 7), 10, 0)
        );
    }

    /// A shorter day counts proportionally less: 06:00–10:00 hours make a day of 4/7.
    #[test]
    fn shorter_days_count_their_own_hours() {
        let c = cal(&[]).with_rules(vec![rule("h", ymd(2024, 11, 1), None, hours(360, 600))]);
        let sat = ymd(2024, 11, 9);
        assert_eq!(
            c.working_secs(tehran(sat, 0, 0), tehran(sat, 23, 0)),
            4 * 3600
        );
        assert_eq!(c.centidays(4 * 3600), 58);
        assert_eq!(c.day_secs(), DAY);
    }
}
