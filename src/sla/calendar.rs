//! The working-day calendar: weekend days, the holiday table and office hours in the service's
//! time zone. SLA clocks count *working time*: the office hours of working days. One working day
//! is one day's office hours, so "5 working days" from Wednesday 10:00 ends on the fifth working
//! day after at 10:00, and a request filed in the evening starts its clock at the next opening.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, TimeZone, Weekday};
use chrono_tz::Tz;

use crate::config::Config;

/// Why a day does or does not count.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DayKind {
    Working,
    Weekend,
    Holiday(String),
}

/// The calendar in force: configuration plus the holiday table.
#[derive(Clone, Debug)]
pub struct Calendar {
    tz: Tz,
    weekend: Vec<Weekday>,
    open: NaiveTime,
    close: NaiveTime,
    holidays: BTreeMap<NaiveDate, String>,
}

/// Searching forward for working time gives up after this many days (a holiday table that
/// closes every day would otherwise never end).
const MAX_SCAN_DAYS: i64 = 3 * 366;

impl Calendar {
    pub fn new(config: &Config, holidays: BTreeMap<NaiveDate, String>) -> Self {
        Calendar {
            tz: config.service_timezone,
            weekend: config.weekend_days.0.clone(),
            open: config.office_hours.open,
            close: config.office_hours.close,
            holidays,
        }
    }

    /// Length of one working day (the office hours), in seconds.
    pub fn day_secs(&self) -> i64 {
        (self.close - self.open).num_seconds()
    }

    pub fn day_kind(&self, date: NaiveDate) -> DayKind {
        if let Some(title) = self.holidays.get(&date) {
            DayKind::Holiday(title.clone())
        } else if self.weekend.contains(&date.weekday()) {
            DayKind::Weekend
        } else {
            DayKind::Working
        }
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

    /// Midnight starting `date` in the service's time zone, in UTC.
    pub fn day_start(&self, date: NaiveDate) -> NaiveDateTime {
        self.to_utc(date, NaiveTime::MIN)
    }

    /// The office hours of a working day, in UTC; `None` on weekends and holidays.
    pub fn office_window(&self, date: NaiveDate) -> Option<(NaiveDateTime, NaiveDateTime)> {
        (self.day_kind(date) == DayKind::Working)
            .then(|| (self.to_utc(date, self.open), self.to_utc(date, self.close)))
    }

    /// Working seconds of `[from, to)` that fall on `date`.
    pub fn working_secs_on(&self, date: NaiveDate, from: NaiveDateTime, to: NaiveDateTime) -> i64 {
        match self.office_window(date) {
            Some((open, close)) => (close.min(to) - open.max(from)).num_seconds().max(0),
            None => 0,
        }
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
            if let Some((open, close)) = self.office_window(day) {
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
        assert_eq!(c.day_kind(fri), DayKind::Weekend);
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
        assert_eq!(skipped[0], ("1402/12/25".into(), DayKind::Weekend));
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
}
