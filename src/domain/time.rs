//! The service's clock and time zone. Asia/Tehran has had no daylight saving time since 2022,
//! so it is a fixed UTC+03:30.

use chrono::{NaiveDate, NaiveDateTime, TimeDelta};

/// Minutes the service's time zone is ahead of UTC.
pub const SERVICE_UTC_OFFSET_MINUTES: i64 = 210;

/// Midnight of a service-zone calendar date, in UTC.
pub fn day_start_utc(d: NaiveDate) -> NaiveDateTime {
    d.and_hms_opt(0, 0, 0).unwrap_or_default() - TimeDelta::minutes(SERVICE_UTC_OFFSET_MINUTES)
}

/// The last second of a service-zone calendar date, in UTC.
pub fn day_end_utc(d: NaiveDate) -> NaiveDateTime {
    day_start_utc(d) + TimeDelta::days(1) - TimeDelta::seconds(1)
}

/// Today's date in the service's time zone.
pub fn today() -> NaiveDate {
    (chrono::Utc::now().naive_utc() + TimeDelta::minutes(SERVICE_UTC_OFFSET_MINUTES)).date()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tehran_days() {
        let d = NaiveDate::from_ymd_opt(2024, 11, 5).unwrap();
        assert_eq!(day_start_utc(d).to_string(), "2024-11-04 20:30:00");
        assert_eq!(day_end_utc(d).to_string(), "2024-11-05 20:29:59");
    }
}
