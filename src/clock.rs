//! The service's clock: the current instant and the service-local calendar day.
//!
//! Instants are stored as UTC `NaiveDateTime`s truncated to microseconds (what both databases
//! keep). Calendar days — "today", the start and end of a date in list filters, a permit valid
//! "through" a date, due dates — are days in the configured `SERVICE_TIMEZONE`, never UTC and
//! never a fixed offset. A [`Clock`] is made by the composition root (the system clock in `main`,
//! a settable one in tests: [`Clock::fixed`], [`Clock::starting_at`]) and passed to
//! `Application::build`, which keeps it in the application state; every reading of "now" in the
//! service goes through it.

use std::sync::Mutex;

use chrono::{DateTime, LocalResult, NaiveDate, NaiveDateTime, TimeDelta, TimeZone, Utc};
use chrono_tz::Tz;

/// A stored UTC instant as a `DateTime<Utc>` (how views serialise it: RFC 3339 with `Z`).
pub fn utc(t: NaiveDateTime) -> DateTime<Utc> {
    DateTime::from_naive_utc_and_offset(t, Utc)
}

fn truncate(t: NaiveDateTime) -> NaiveDateTime {
    chrono::DurationRound::duration_trunc(t, TimeDelta::microseconds(1)).unwrap_or(t)
}

/// The system's time, read here and nowhere else in the service.
fn system_now() -> NaiveDateTime {
    truncate(Utc::now().naive_utc())
}

/// The time of a settable clock: an instant set by a test, standing still or moving on with the
/// real time elapsed since it was set.
#[derive(Debug)]
struct Manual {
    /// The instant last set, and (for a clock that ticks) when it was set.
    at: Mutex<(NaiveDateTime, Option<std::time::Instant>)>,
}

impl Manual {
    fn now(&self) -> NaiveDateTime {
        let (at, since) = *self.at.lock().unwrap_or_else(|p| p.into_inner());
        let elapsed = since
            .and_then(|s| TimeDelta::from_std(s.elapsed()).ok())
            .unwrap_or_default();
        truncate(at + elapsed)
    }

    fn set(&self, at: NaiveDateTime) {
        let mut g = self.at.lock().unwrap_or_else(|p| p.into_inner());
        let ticking = g.1.is_some();
        *g = (truncate(at), ticking.then(std::time::Instant::now));
    }
}

/// The service's time zone and its source of "now": the system clock in production, a settable
/// one in tests. Built by the composition root (`main`, or a test's `spawn_app`) and passed to
/// everything that reads the time; nothing else in the service reads the system time.
///
/// `Copy`: a settable clock's time lives in a small allocation made once per clock and never
/// freed (`&'static`), so every copy handed to a handler or worker reads and sets the same time.
/// Only tests and tools make settable clocks, a handful per process.
#[derive(Clone, Copy)]
pub struct Clock {
    tz: Tz,
    manual: Option<&'static Manual>,
}

impl std::fmt::Debug for Clock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Clock")
            .field("tz", &self.tz)
            .field("settable", &self.manual.is_some())
            .finish()
    }
}

impl Clock {
    /// The system clock, with days read in `tz`.
    pub fn system(tz: Tz) -> Self {
        Clock { tz, manual: None }
    }

    /// A clock that stands still at `at` (UTC) until [`set`](Self::set) or
    /// [`advance`](Self::advance) moves it.
    pub fn fixed(at: NaiveDateTime, tz: Tz) -> Self {
        Self::settable(at, tz, false)
    }

    /// A clock that starts at `at` (UTC) and moves on with the real time elapsed: a pinned day
    /// for code that also waits in real time (retries, back-off, token lifetimes).
    pub fn starting_at(at: NaiveDateTime, tz: Tz) -> Self {
        Self::settable(at, tz, true)
    }

    fn settable(at: NaiveDateTime, tz: Tz, ticking: bool) -> Self {
        let manual = Box::leak(Box::new(Manual {
            at: Mutex::new((truncate(at), ticking.then(std::time::Instant::now))),
        }));
        Clock {
            tz,
            manual: Some(manual),
        }
    }

    /// Whether this clock can be set (a test's), not the system's.
    pub fn is_settable(&self) -> bool {
        self.manual.is_some()
    }

    /// Sets a settable clock to `at` (UTC); a ticking one moves on from there. Does nothing to
    /// the system clock.
    pub fn set(&self, at: NaiveDateTime) {
        if let Some(m) = self.manual {
            m.set(at);
        }
    }

    /// Moves a settable clock on by `by`. Does nothing to the system clock.
    pub fn advance(&self, by: TimeDelta) {
        if let Some(m) = self.manual {
            m.set(m.now() + by);
        }
    }

    /// The service's time zone.
    pub fn tz(&self) -> Tz {
        self.tz
    }

    /// The service's time zone, for calendar arithmetic that does not need "now".
    pub fn zone(&self) -> Zone {
        Zone(self.tz)
    }

    /// The current instant (UTC), truncated to microseconds (what both databases keep).
    pub fn now(&self) -> NaiveDateTime {
        match self.manual {
            Some(m) => m.now(),
            None => system_now(),
        }
    }

    /// Today's date in the service's time zone.
    pub fn today(&self) -> NaiveDate {
        self.local_date(self.now())
    }

    /// The service-local date of a UTC instant.
    pub fn local_date(&self, t: NaiveDateTime) -> NaiveDate {
        self.zone().local_date(t)
    }

    /// The first instant (UTC) of a service-local date.
    pub fn day_start_utc(&self, d: NaiveDate) -> NaiveDateTime {
        self.zone().day_start_utc(d)
    }

    /// A UTC instant's `*_jalali` twin in the service's time zone (see [`Zone::jalali`]).
    pub fn jalali(&self, t: NaiveDateTime) -> String {
        self.zone().jalali(t)
    }

    /// A stored instant as a view shows it: UTC and its `*_jalali` twin, made together.
    pub fn stamp(&self, t: NaiveDateTime) -> Stamp {
        self.zone().stamp(t)
    }

    /// An optional instant's two view fields, both `None` without it (see [`Zone::stamp_opt`]).
    pub fn stamp_opt(&self, t: Option<NaiveDateTime>) -> (Option<DateTime<Utc>>, Option<String>) {
        self.zone().stamp_opt(t)
    }

    /// The last second of a service-local date (UTC): what "valid through that day" means.
    pub fn day_end_utc(&self, d: NaiveDate) -> NaiveDateTime {
        self.zone().day_end_utc(d)
    }
}

/// An instant as views show it: UTC (RFC 3339 on the wire) and its twin, the Solar Hijri date
/// and time in the service's zone with Persian digits ([`Clock::stamp`]). A view keeps the two
/// as sibling fields (`created_at`, `created_at_jalali`), as the API document names them (a
/// flattened pair would change the document), so a view takes the parts of one stamp:
/// `let (created_at, created_at_jalali) = clock.stamp(row.created_at).into_parts();`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stamp {
    pub utc: DateTime<Utc>,
    pub jalali: String,
}

impl Stamp {
    /// The instant and its Jalali twin, for a view's two fields.
    pub fn into_parts(self) -> (DateTime<Utc>, String) {
        (self.utc, self.jalali)
    }
}

/// The service's time zone (`SERVICE_TIMEZONE`) and the calendar days it makes of instants.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Zone(Tz);

impl Zone {
    pub fn new(tz: Tz) -> Self {
        Zone(tz)
    }

    pub fn tz(&self) -> Tz {
        self.0
    }

    /// The service-local date of a UTC instant.
    pub fn local_date(&self, t: NaiveDateTime) -> NaiveDate {
        self.0.from_utc_datetime(&t).date_naive()
    }

    /// The first instant (UTC) of a service-local date.
    pub fn day_start_utc(&self, d: NaiveDate) -> NaiveDateTime {
        let midnight = d.and_hms_opt(0, 0, 0).unwrap_or_default();
        match self.0.from_local_datetime(&midnight) {
            LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => t.naive_utc(),
            // Midnight skipped by a daylight-saving change: the day starts an hour later.
            LocalResult::None => self.day_start_utc_after_gap(midnight),
        }
    }

    fn day_start_utc_after_gap(&self, midnight: NaiveDateTime) -> NaiveDateTime {
        let later = midnight + TimeDelta::hours(1);
        match self.0.from_local_datetime(&later) {
            LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => t.naive_utc(),
            LocalResult::None => later,
        }
    }

    /// A UTC instant's `*_jalali` twin in the service's time zone, `۱۴۰۵/۰۹/۰۴ ۱۰:۳۰` (see
    /// [`format_jalali_instant`](crate::domain::jalali::format_jalali_instant)).
    pub fn jalali(&self, t: NaiveDateTime) -> String {
        crate::domain::jalali::format_jalali_instant(t, self.0)
    }

    /// A stored instant as a view shows it: UTC and its `*_jalali` twin in this zone.
    pub fn stamp(&self, t: NaiveDateTime) -> Stamp {
        Stamp {
            utc: utc(t),
            jalali: self.jalali(t),
        }
    }

    /// An optional instant's two view fields (`last_used_at`, `last_used_at_jalali`): both
    /// `None` without it, both set with it.
    pub fn stamp_opt(&self, t: Option<NaiveDateTime>) -> (Option<DateTime<Utc>>, Option<String>) {
        t.map(|t| self.stamp(t).into_parts()).unzip()
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
    fn a_settable_clock_is_shared_by_its_copies() {
        let at = date(2026, 3, 20).and_hms_opt(20, 29, 0).unwrap();
        let c = Clock::fixed(at, chrono_tz::Asia::Tehran);
        let copy = c;
        assert_eq!(copy.today(), date(2026, 3, 20));
        c.advance(TimeDelta::minutes(2));
        assert_eq!(copy.now(), at + TimeDelta::minutes(2));
        assert_eq!(
            copy.today(),
            date(2026, 3, 21),
            "Nowruz 1405 begins at 20:30 UTC"
        );
        c.set(at);
        assert_eq!(copy.now(), at);
        assert!(c.is_settable() && !Clock::system(chrono_tz::UTC).is_settable());
    }

    #[test]
    fn a_ticking_clock_starts_where_it_was_set() {
        let at = date(2026, 6, 24).and_hms_opt(6, 30, 0).unwrap();
        let c = Clock::starting_at(at, chrono_tz::Asia::Tehran);
        let now = c.now();
        assert!(now >= at && now < at + TimeDelta::minutes(1), "{now}");
        c.set(at - TimeDelta::days(1));
        assert!(c.now() < at);
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
