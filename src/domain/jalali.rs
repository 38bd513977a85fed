//! Solar Hijri (Jalali) dates through `icu_calendar`: conversion both ways, formatting, and a
//! parser that accepts ISO or Jalali dates.

use chrono::{Datelike, NaiveDate, NaiveDateTime, TimeZone, Weekday};
use chrono_tz::Tz;
use icu_calendar::cal::Persian;
use icu_calendar::types::RataDie;
use icu_calendar::Date;

use crate::domain::lang::Msg;
use crate::domain::text::{normalize_code, persian_digits};

#[derive(Debug, PartialEq, Eq)]
pub enum DateError {
    /// Not `YYYY-MM-DD` or `YYYY/MM/DD`.
    Format,
    /// The shape is right but no such day exists.
    Invalid,
}

/// The Gregorian day of a Jalali date; `None` when no such day exists (e.g. `1402/12/30`).
pub fn jalali_to_gregorian(y: i32, m: u8, d: u8) -> Option<NaiveDate> {
    let persian = Date::try_new_persian(y, m, d).ok()?;
    // Rata Die and chrono's day count share their epoch: 0001-01-01 is day 1.
    let days = i32::try_from(persian.to_rata_die().to_i64_date()).ok()?;
    NaiveDate::from_num_days_from_ce_opt(days)
}

/// The Jalali `(year, month, day)` of a Gregorian day. Total over chrono's whole range (icu's
/// Rata Die range is wider than chrono's).
pub fn gregorian_to_jalali(date: NaiveDate) -> (i32, u8, u8) {
    let rd = RataDie::new(i64::from(date.num_days_from_ce()));
    let p = Date::from_rata_die(rd, Persian);
    (
        p.year().extended_year(),
        p.month().ordinal,
        p.day_of_month().0,
    )
}

/// `1403/08/15`.
pub fn format_jalali(date: NaiveDate) -> String {
    let (y, m, d) = gregorian_to_jalali(date);
    format!("{y:04}/{m:02}/{d:02}")
}

/// The Solar Hijri month names, Farvardin first.
pub const JALALI_MONTHS_FA: [&str; 12] = [
    "فروردین",
    "اردیبهشت",
    "خرداد",
    "تیر",
    "مرداد",
    "شهریور",
    "مهر",
    "آبان",
    "آذر",
    "دی",
    "بهمن",
    "اسفند",
];

/// The Persian name of a day of the week (شنبه … جمعه).
pub fn weekday_fa(date: NaiveDate) -> &'static str {
    match date.weekday() {
        Weekday::Sat => "شنبه",
        Weekday::Sun => "یکشنبه",
        Weekday::Mon => "دوشنبه",
        Weekday::Tue => "سه‌شنبه",
        Weekday::Wed => "چهارشنبه",
        Weekday::Thu => "پنجشنبه",
        Weekday::Fri => "جمعه",
    }
}

/// A Jalali date with the month's Persian name and Persian digits: `۵ آذر ۱۴۰۵`.
pub fn format_jalali_long(date: NaiveDate) -> String {
    let (y, m, d) = gregorian_to_jalali(date);
    let month = JALALI_MONTHS_FA
        .get(usize::from(m).saturating_sub(1))
        .copied()
        .unwrap_or_default();
    persian_digits(&format!("{d} {month} {y}"))
}

/// The one format of every `*_jalali` instant twin: the Jalali date and 24-hour local time in
/// `tz`, Persian digits, `۱۴۰۵/۰۹/۰۴ ۱۰:۳۰` (`YYYY/MM/DD HH:MM`). `at` is a UTC instant.
pub fn format_jalali_instant(at: NaiveDateTime, tz: Tz) -> String {
    let local = tz.from_utc_datetime(&at).naive_local();
    let (y, m, d) = gregorian_to_jalali(local.date());
    persian_digits(&format!(
        "{y:04}/{m:02}/{d:02} {}",
        local.time().format("%H:%M")
    ))
}

/// Whether the Jalali year has 30 days in Esfand.
pub fn is_jalali_leap_year(y: i32) -> bool {
    Date::try_new_persian(y, 1, 1)
        .map(|d| d.is_in_leap_year())
        .unwrap_or(false)
}

impl DateError {
    /// Why `input` (which [`parse_date`] rejected with this error) is not a date, in both
    /// languages: the expected shapes, or which part of the day does not exist (month 13, day 32,
    /// Esfand 30 of a common Jalali year, 29 February of a common Gregorian year). Numbers are
    /// written with ASCII digits; Persian renderers convert them.
    pub fn explain(&self, input: &str) -> Msg {
        let parts = match (self, date_parts(input)) {
            (DateError::Invalid, Ok(parts)) => parts,
            _ => {
                return Msg::new(
                    "تاریخ باید به شکل سال/ماه/روز باشد، مانند 1403/08/15 یا 2024-11-05.",
                    "a date must look like 1403/08/15 (Jalali) or 2024-11-05 (ISO).",
                )
            }
        };
        let (y, m, d) = parts;
        let shown = format!("{y:04}/{m:02}/{d:02}");
        let jalali = y < GREGORIAN_FROM;
        if !(1..=12).contains(&m) {
            return Msg::new(
                format!("{shown} وجود ندارد، زیرا سال ۱۲ ماه دارد و ماه {m} وجود ندارد."),
                format!("{shown} does not exist: a year has 12 months, there is no month {m}."),
            );
        }
        if jalali {
            let month_fa = JALALI_MONTHS_FA[usize::from(m - 1)];
            if m == 12 && d == 30 && !is_jalali_leap_year(y) {
                return Msg::new(
                    format!("{shown} وجود ندارد، زیرا {y} سال کبیسه نیست."),
                    format!("{shown} does not exist because {y} is not a leap year."),
                );
            }
            let len = jalali_month_len(y, m);
            Msg::new(
                format!("{shown} وجود ندارد، زیرا {month_fa} {y} روز {d} ندارد ({month_fa} {len} روز است)."),
                format!("{shown} does not exist: Jalali month {m} of {y} has {len} days, not day {d}."),
            )
        } else {
            let month_en = GREGORIAN_MONTHS_EN[usize::from(m - 1)];
            if m == 2 && d == 29 {
                return Msg::new(
                    format!("{shown} وجود ندارد، زیرا {y} میلادی سال کبیسه نیست."),
                    format!("{shown} does not exist because {y} is not a leap year."),
                );
            }
            let len = gregorian_month_len(y, m);
            Msg::new(
                format!("{shown} وجود ندارد، زیرا ماه {m} سال {y} میلادی {len} روز دارد."),
                format!("{shown} does not exist: {month_en} {y} has {len} days, not day {d}."),
            )
        }
    }
}

/// Years from this one are read as Gregorian, earlier ones as Jalali.
const GREGORIAN_FROM: i32 = 1700;

const GREGORIAN_MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn jalali_month_len(y: i32, m: u8) -> u8 {
    match m {
        1..=6 => 31,
        7..=11 => 30,
        _ if is_jalali_leap_year(y) => 30,
        _ => 29,
    }
}

fn gregorian_month_len(y: i32, m: u8) -> u8 {
    (28..=31)
        .rev()
        .find(|d| NaiveDate::from_ymd_opt(y, u32::from(m), u32::from(*d)).is_some())
        .unwrap_or(28)
}

/// The `(year, month, day)` numbers of a date's text, before any calendar check.
fn date_parts(input: &str) -> Result<(i32, u8, u8), DateError> {
    let s = normalize_code(input);
    let parts: Vec<&str> = s.split(['/', '-', '.']).map(str::trim).collect();
    if parts.len() != 3
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.chars().all(|c| c.is_ascii_digit()))
    {
        return Err(DateError::Format);
    }
    if parts[0].len() != 4 || parts[1].len() > 2 || parts[2].len() > 2 {
        return Err(DateError::Format);
    }
    let y: i32 = parts[0].parse().map_err(|_| DateError::Format)?;
    let m: u8 = parts[1].parse().map_err(|_| DateError::Format)?;
    let d: u8 = parts[2].parse().map_err(|_| DateError::Format)?;
    Ok((y, m, d))
}

/// ISO `2024-11-05` or Jalali `1403/08/15` (also `1403-08-15`, `1403/8/5`, Persian digits,
/// bidi marks around it). Years from 1700 are Gregorian, earlier ones Jalali. The error's
/// [`DateError::explain`] says why a text is not a date.
pub fn parse_date(input: &str) -> Result<NaiveDate, DateError> {
    let (y, m, d) = date_parts(input)?;
    if y >= GREGORIAN_FROM {
        NaiveDate::from_ymd_opt(y, u32::from(m), u32::from(d)).ok_or(DateError::Invalid)
    } else {
        jalali_to_gregorian(y, m, d).ok_or(DateError::Invalid)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn known_dates() {
        assert_eq!(jalali_to_gregorian(1400, 12, 29), Some(ymd(2022, 3, 20)));
        assert_eq!(jalali_to_gregorian(1403, 1, 1), Some(ymd(2024, 3, 20)));
        assert_eq!(jalali_to_gregorian(1399, 12, 30), Some(ymd(2021, 3, 20)));
        assert_eq!(jalali_to_gregorian(1403, 12, 30), Some(ymd(2025, 3, 20)));
        assert_eq!(jalali_to_gregorian(1402, 12, 30), None);
        assert_eq!(jalali_to_gregorian(1403, 13, 1), None);
        assert!(is_jalali_leap_year(1399));
        assert!(is_jalali_leap_year(1403));
        assert!(!is_jalali_leap_year(1400));
        assert!(!is_jalali_leap_year(1402));
        assert_eq!(format_jalali(ymd(2024, 11, 5)), "1403/08/15");
    }

    #[test]
    fn round_trip_every_day_2015_to_2030() {
        let mut d = ymd(2015, 1, 1);
        while d <= ymd(2030, 12, 31) {
            let (y, m, dd) = gregorian_to_jalali(d);
            assert_eq!(jalali_to_gregorian(y, m, dd), Some(d), "{d}");
            d = d.succ_opt().unwrap();
        }
    }

    #[test]
    fn parse_table() {
        for (input, want) in [
            ("2024-11-05", ymd(2024, 11, 5)),
            ("1403/08/15", ymd(2024, 11, 5)),
            ("1403-08-15", ymd(2024, 11, 5)),
            ("1403/8/15", ymd(2024, 11, 5)),
            ("۱۴۰۳/۰۸/۱۵", ymd(2024, 11, 5)),
            ("1400/12/29", ymd(2022, 3, 20)),
        ] {
            assert_eq!(parse_date(input), Ok(want), "{input}");
        }
        assert_eq!(parse_date("1402/12/30"), Err(DateError::Invalid));
        assert_eq!(parse_date("2023-02-29"), Err(DateError::Invalid));
        for bad in [
            "",
            "yesterday",
            "03/08/15",
            "1403/08",
            "1403/08/15/1",
            "14030815",
            "1403/008/15",
        ] {
            assert_eq!(parse_date(bad), Err(DateError::Format), "{bad}");
        }
    }

    #[test]
    fn extreme_dates_convert() {
        // Beyond icu's constructor range (Jalali years -9999..=9999) only one way works.
        for d in [NaiveDate::MIN, NaiveDate::MAX] {
            let (_, m, dd) = gregorian_to_jalali(d);
            assert!((1..=12).contains(&m) && (1..=31).contains(&dd), "{d}");
        }
        for d in [ymd(1, 1, 1), ymd(-5000, 6, 1), ymd(9000, 12, 31)] {
            let (y, m, dd) = gregorian_to_jalali(d);
            assert_eq!(jalali_to_gregorian(y, m, dd), Some(d), "{d}");
        }
        assert_eq!(gregorian_to_jalali(ymd(2024, 3, 20)), (1403, 1, 1));
        assert_eq!(gregorian_to_jalali(ymd(2025, 3, 20)), (1403, 12, 30));
        assert_eq!(gregorian_to_jalali(ymd(2025, 3, 21)), (1404, 1, 1));
    }

    #[test]
    fn errors_explain_why() {
        let why = |s: &str| parse_date(s).unwrap_err().explain(s);
        let m = why("1404/12/30");
        assert_eq!(m.fa, "1404/12/30 وجود ندارد، زیرا 1404 سال کبیسه نیست.");
        assert_eq!(
            m.en,
            "1404/12/30 does not exist because 1404 is not a leap year."
        );
        assert!(why("۱۴۰۳/۱۳/۰۱").fa.contains("ماه 13 وجود ندارد"));
        assert!(
            why("1403/07/31").fa.contains("مهر 30 روز است"),
            "{:?}",
            why("1403/07/31")
        );
        assert!(why("1403/01/32").en.contains("has 31 days, not day 32"));
        assert!(why("1403/01/00").en.contains("not day 0"));
        assert!(why("2023-02-29").fa.contains("2023 میلادی سال کبیسه نیست"));
        assert!(why("2024-04-31").en.contains("April 2024 has 30 days"));
        assert!(why("yesterday").fa.contains("سال/ماه/روز"));
        assert!(why("").en.contains("must look like"));
    }

    #[test]
    fn instants_in_the_service_zone() {
        let at = ymd(2026, 11, 25).and_hms_opt(7, 0, 0).unwrap();
        assert_eq!(
            format_jalali_instant(at, chrono_tz::Asia::Tehran),
            "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰"
        );
        // 21:00 UTC is already the next day in Tehran, still the same day in New York.
        let late = ymd(2026, 11, 25).and_hms_opt(21, 0, 0).unwrap();
        assert_eq!(
            format_jalali_instant(late, chrono_tz::Asia::Tehran),
            "۱۴۰۵/۰۹/۰۵ ۰۰:۳۰"
        );
        assert_eq!(
            format_jalali_instant(late, chrono_tz::America::New_York),
            "۱۴۰۵/۰۹/۰۴ ۱۶:۰۰"
        );
    }

    #[test]
    fn long_dates_and_weekdays() {
        assert_eq!(format_jalali_long(ymd(2026, 11, 26)), "۵ آذر ۱۴۰۵");
        assert_eq!(format_jalali_long(ymd(2025, 3, 21)), "۱ فروردین ۱۴۰۴");
        assert_eq!(format_jalali_long(ymd(2025, 3, 20)), "۳۰ اسفند ۱۴۰۳");
        assert_eq!(weekday_fa(ymd(2026, 11, 28)), "شنبه");
        assert_eq!(weekday_fa(ymd(2026, 11, 26)), "پنجشنبه");
        assert_eq!(weekday_fa(ymd(2026, 11, 27)), "جمعه");
    }

    proptest! {
        #[test]
        fn never_panics(s in ".{0,20}") {
            let _ = parse_date(&s);
        }

        #[test]
        fn jalali_text_round_trips(days in 0i64..40_000) {
            let d = ymd(1950, 1, 1) + chrono::Duration::days(days);
            prop_assert_eq!(parse_date(&format_jalali(d)), Ok(d));
        }
    }
}
