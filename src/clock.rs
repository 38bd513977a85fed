//! The service's clock: the current instant and the service-local calendar day.
//!
//! Instants are stored as UTC `NaiveDateTime`s truncated to microseconds (what both databases
//! keep). Calendar days — "today", the start and end of a date in list filters, a permit valid
//! "through" a date, due dates — are days in the configured `SERVICE_TIMEZONE`, never UTC and
//! never a fixed offset. A [`Clock`] is built from the configuration and lives in the
//! application state; tests inject one that stands still with [`Clock::fixed`].

use chrono::{DateTime, LocalResult, NaiveDate, NaiveDateTime, TimeDelta, TimeZone, Utc};
use chrono_tz::Tz;

/// The current instant in UTC, truncated to microseconds. For time stamps only: anything that
/// depends on the calendar day goes through a [`Clock`].
pub fn now() -> NaiveDateTime {
    truncate(Utc::now().naive_utc())
}

/// A stored UTC instant as a `DateTime<Utc>` (how views serialise it: RFC 3339 with `Z`).
pub fn utc(t: NaiveDateTime) -> DateTime<Utc> {
    DateTime::from_naive_utc_and_offset(t, Utc)
}

fn truncate(t: NaiveDateTime) -> NaiveDateTime {
    chrono::DurationRound::duration_trunc(t, TimeDelta::microseconds(1)).unwrap_or(t)
}

/// The service's time zone and the source of "now".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Clock {
    tz: Tz,
    fixed: Option<NaiveDateTime>,
}

impl Clock {
    /// The system clock, with days read in `tz`.
    pub fn system(tz: Tz) -> Self {
        Clock { tz, fixed: None }
    }

    /// A clock that stands still at `at` (UTC), for tests.
    pub fn fixed(at: NaiveDateTime, tz: Tz) -> Self {
        Clock {
            tz,
            fixed: Some(truncate(at)),
        }
    }

    /// The service's time zone.
    pub fn tz(&self) -> Tz {
        self.tz
    }

    /// The current instant (UTC).
    pub fn now(&self) -> NaiveDateTime {
        self.fixed.unwrap_or_else(now)
    }

    /// Today's date in the service's time zone.
    pub fn today(&self) -> NaiveDate {
        self.local_date(self.now())
    }

    /// The service-local date of a UTC instant.
    pub fn local_date(&self, t: NaiveDateTime) -> NaiveDate {
        self.tz.from_utc_datetime(&t).date_naive()
    }

    /// The first instant (UTC) of a service-local date.
    pub fn day_start_utc(&self, d: NaiveDate) -> NaiveDateTime {
        let midnight = d.and_hms_opt(0, 0, 0).unwrap_or_default();
        match self.tz.from_local_datetime(&midnight) {
            LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => t.naive_utc(),
            // Midnight skipped by a daylight-saving change: the day starts an hour later.
            LocalResult::None => self.day_start_utc_after_gap(midnight),
        }
    }

    fn day_start_utc_after_gap(&self, midnight: NaiveDateTime) -> NaiveDateTime {
        let later = midnight + TimeDelta::hours(1);
        match self.tz.from_local_datetime(&later) {
            LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => t.naive_utc(),
            LocalResult::None => later,
        }
    }

    /// A UTC instant's `*_jalali` twin in the service's time zone, `۱۴۰۵/۰۹/۰۴ ۱۰:۳۰` (see
    /// [`format_jalali_instant`](crate::domain::jalali::format_jalali_instant)).
    pub fn jalali(&self, t: NaiveDateTime) -> String {
        crate::domain::jalali::format_jalali_instant(t, self.tz)
    }

    /// The last second of a service-local date (UTC): what "valid through that day" means.
    pub fn day_end_utc(&self, d: NaiveDate) -> NaiveDateTime {
        let next = d.succ_opt().unwrap_or(d);
        self.day_start_utc(next) - TimeDelta::seconds(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn tehran_days() {
        let c = Clock::system(chrono_tz::Asia::Tehran);
        let d = date(2024, 11, 5);
        assert_eq!(c.day_start_utc(d).to_string(), "2024-11-04 20:30:00");
        assert_eq!(c.day_end_utc(d).to_string(), "2024-11-05 20:29:59");
    }

    #[test]
    fn days_follow_the_configured_zone_not_a_fixed_offset() {
        // Before 2022 Tehran kept daylight saving time (+04:30 in summer).
        let tehran = Clock::system(chrono_tz::Asia::Tehran);
        assert_eq!(
            tehran.day_start_utc(date(2021, 7, 1)).to_string(),
            "2021-06-30 19:30:00"
        );
        let utc = Clock::system(chrono_tz::UTC);
        assert_eq!(
            utc.day_start_utc(date(2024, 11, 5)).to_string(),
            "2024-11-05 00:00:00"
        );
    }

    #[test]
    fn today_is_the_service_day() {
        // 22:00 UTC on 5 November is already 6 November in Tehran.
        let at = date(2024, 11, 5).and_hms_opt(22, 0, 0).unwrap();
        let c = Clock::fixed(at, chrono_tz::Asia::Tehran);
        assert_eq!(c.now(), at);
        assert_eq!(c.today(), date(2024, 11, 6));
        assert_eq!(Clock::fixed(at, chrono_tz::UTC).today(), date(2024, 11, 5));
    }
}
