//! Iran's official holidays, computed rather than typed: the ten fixed solar days of every
//! Jalali year and provisional dates for the eighteen lunar ones.
//!
//! The lunar dates use `icu_calendar`'s **tabular Hijri calendar, type II leap years, Friday
//! (civil) epoch**. Iran starts its lunar months by moon sighting in Iran, so no arithmetic
//! rule is exact: each lunar holiday is `provisional` until an administrator confirms or moves
//! it from the official calendar (تقویم رسمی). The rule was chosen by measurement against an
//! independent source, the `holidays` PyPI package's Iran calendar (0.x, lunar dates through
//! Gregorian 2026), over the 101 lunar holidays of Jalali 1400–1405 it lists:
//!
//! | rule                         | same day | 1 day off | 2 days off | total days off |
//! |------------------------------|---------:|----------:|-----------:|---------------:|
//! | tabular, Friday epoch        |       58 |        43 |          0 |             43 |
//! | Umm al-Qura                  |       37 |        64 |          0 |             64 |
//! | simulated Mecca (deprecated) |       37 |        64 |          0 |             64 |
//! | tabular, Thursday epoch      |       20 |        58 |         23 |            104 |
//!
//! Umm al-Qura runs a day ahead of Iran in 64 of 101 cases (Saudi months start earlier than
//! Iranian sightings); the Friday-epoch tabular calendar is exact most often and never more
//! than a day off, and being arithmetic it covers every year the same way.
//!
//! Built-in holidays have stable ids usable in URLs: `f-1405-01-01` (fixed, Jalali
//! year-month-day) and `p-1448-01-10` (provisional, Hijri year-month-day; the last day of
//! Safar is always `p-<year>-02-30`, whichever day ends the month).

use std::sync::OnceLock;

use chrono::NaiveDate;
use icu_calendar::cal::hijri::{TabularAlgorithmEpoch, TabularAlgorithmLeapYears};
use icu_calendar::cal::Hijri;
use icu_calendar::Date;
use serde::Serialize;
use utoipa::ToSchema;

use crate::domain::jalali::{gregorian_to_jalali, jalali_to_gregorian};

/// Jalali years the built-in holidays are computed for.
pub const FIRST_YEAR: i32 = 1390;
pub const LAST_YEAR: i32 = 1450;

/// How a built-in day is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum BuiltinSource {
    /// A solar holiday: the same Jalali day every year.
    Fixed,
    /// A lunar holiday computed with the Hijri calendar, until confirmed.
    Provisional,
}

/// One built-in holiday.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Builtin {
    /// `f-1405-01-01` or `p-1448-01-10`.
    pub id: String,
    pub date: NaiveDate,
    pub title_fa: &'static str,
    pub source: BuiltinSource,
}

/// The fixed solar holidays: Jalali month, day, title.
pub const FIXED: [(u8, u8, &str); 10] = [
    (1, 1, "نوروز"),
    (1, 2, "نوروز"),
    (1, 3, "نوروز"),
    (1, 4, "نوروز"),
    (1, 12, "روز جمهوری اسلامی"),
    (1, 13, "روز طبیعت"),
    (3, 14, "رحلت امام خمینی"),
    (3, 15, "قیام ۱۵ خرداد"),
    (11, 22, "پیروزی انقلاب اسلامی"),
    (12, 29, "ملی شدن صنعت نفت"),
];

/// Day 30 of Safar in this table means "the last day of Safar" (29 or 30).
pub const LAST_OF_SAFAR: u8 = 30;

/// The lunar holidays: Hijri month, day, title.
pub const LUNAR: [(u8, u8, &str); 17] = [
    (1, 9, "تاسوعای حسینی"),
    (1, 10, "عاشورای حسینی"),
    (2, 20, "اربعین حسینی"),
    (2, 28, "رحلت رسول اکرم و شهادت امام حسن مجتبی"),
    (2, LAST_OF_SAFAR, "شهادت امام رضا"),
    (3, 8, "شهادت امام حسن عسکری"),
    (3, 17, "میلاد رسول اکرم و امام جعفر صادق"),
    (6, 3, "شهادت حضرت فاطمه زهرا"),
    (7, 13, "ولادت امام علی"),
    (7, 27, "مبعث رسول اکرم"),
    (8, 15, "ولادت حضرت قائم"),
    (9, 21, "شهادت امام علی"),
    (10, 1, "عید سعید فطر"),
    (10, 2, "تعطیل به مناسبت عید سعید فطر"),
    (10, 25, "شهادت امام جعفر صادق"),
    (12, 10, "عید سعید قربان"),
    (12, 18, "عید سعید غدیر خم"),
];

/// The Gregorian day of a Hijri date under a rule (a concrete icu Hijri calendar).
macro_rules! hijri_to_gregorian {
    ($cal:expr) => {
        |y: i32, m: u8, d: u8| -> Option<NaiveDate> {
            let date = Date::try_new_hijri_with_calendar(y, m, d, $cal).ok()?;
            let days = i32::try_from(date.to_rata_die().to_i64_date()).ok()?;
            NaiveDate::from_num_days_from_ce_opt(days)
        }
    };
}

/// The rule provisional dates use: tabular, type II leap years, Friday epoch (see above).
pub fn provisional_rule(y: i32, m: u8, d: u8) -> Option<NaiveDate> {
    hijri_to_gregorian!(Hijri::new_tabular(
        TabularAlgorithmLeapYears::TypeII,
        TabularAlgorithmEpoch::Friday
    ))(y, m, d)
}

/// The lunar holidays of Hijri years `years` under a rule, with their Hijri (y, m, d).
pub fn lunar_with(
    to_gregorian: impl Fn(i32, u8, u8) -> Option<NaiveDate>,
    years: std::ops::RangeInclusive<i32>,
) -> Vec<((i32, u8, u8), NaiveDate, &'static str)> {
    let mut out = Vec::new();
    for y in years {
        for (m, d, title) in LUNAR.iter() {
            let date = if *m == 2 && *d == LAST_OF_SAFAR {
                to_gregorian(y, 2, 30).or_else(|| to_gregorian(y, 2, 29))
            } else {
                to_gregorian(y, *m, *d)
            };
            if let Some(date) = date {
                out.push(((y, *m, *d), date, *title));
            }
        }
    }
    out
}

#[cfg(test)]
mod measure {
    //! Rule measurement (kept to repeat it when icu or the reference changes).
    use super::*;

    /// How the rule was chosen: writes every candidate's dates to `/tmp/candidates.txt` for
    /// comparison with the `holidays` package. `cargo test --lib dump_candidates -- --ignored`.
    #[test]
    #[ignore]
    #[allow(deprecated)]
    fn dump_candidates() {
        let mut lines = Vec::new();
        let mut dump = |name: &str, v: Vec<((i32, u8, u8), NaiveDate, &'static str)>| {
            for ((y, m, d), date, _) in v {
                lines.push(format!("{name} {y} {m} {d} {date}"));
            }
        };
        dump(
            "uaq",
            lunar_with(hijri_to_gregorian!(Hijri::new_umm_al_qura()), 1440..=1449),
        );
        dump(
            "sim",
            lunar_with(
                hijri_to_gregorian!(Hijri::new_simulated_mecca()),
                1440..=1449,
            ),
        );
        dump(
            "tabfri",
            lunar_with(
                hijri_to_gregorian!(Hijri::new_tabular(
                    TabularAlgorithmLeapYears::TypeII,
                    TabularAlgorithmEpoch::Friday
                )),
                1440..=1449,
            ),
        );
        dump(
            "tabthu",
            lunar_with(
                hijri_to_gregorian!(Hijri::new_tabular(
                    TabularAlgorithmLeapYears::TypeII,
                    TabularAlgorithmEpoch::Thursday
                )),
                1440..=1449,
            ),
        );
        std::fs::write("/tmp/candidates.txt", lines.join("\n")).unwrap();
    }
}

fn compute() -> Vec<Builtin> {
    let mut out = Vec::new();
    for y in FIRST_YEAR..=LAST_YEAR {
        for (m, d, title) in FIXED {
            if let Some(date) = jalali_to_gregorian(y, m, d) {
                out.push(Builtin {
                    id: format!("f-{y:04}-{m:02}-{d:02}"),
                    date,
                    title_fa: title,
                    source: BuiltinSource::Fixed,
                });
            }
        }
    }
    let first = jalali_to_gregorian(FIRST_YEAR, 1, 1);
    let end = jalali_to_gregorian(LAST_YEAR + 1, 1, 1);
    // Hijri years overlapping the Jalali range (a Hijri year is ~354 days).
    let hijri_first = FIRST_YEAR + 41;
    let hijri_last = LAST_YEAR + 46;
    for ((y, m, d), date, title) in lunar_with(provisional_rule, hijri_first..=hijri_last) {
        if first.is_some_and(|f| date < f) || end.is_some_and(|e| date >= e) {
            continue;
        }
        out.push(Builtin {
            id: format!("p-{y:04}-{m:02}-{d:02}"),
            date,
            title_fa: title,
            source: BuiltinSource::Provisional,
        });
    }
    out.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
    out
}

/// Every built-in holiday of Jalali [`FIRST_YEAR`]..=[`LAST_YEAR`], by date then id; computed
/// once.
pub fn all() -> &'static [Builtin] {
    static ALL: OnceLock<Vec<Builtin>> = OnceLock::new();
    ALL.get_or_init(compute)
}

/// The built-in holidays from `from` to `to` inclusive.
pub fn between(from: NaiveDate, to: NaiveDate) -> &'static [Builtin] {
    let all = all();
    let a = all.partition_point(|b| b.date < from);
    let z = all.partition_point(|b| b.date <= to);
    if a >= z {
        &[]
    } else {
        &all[a..z]
    }
}

/// A built-in holiday by id.
pub fn by_id(id: &str) -> Option<&'static Builtin> {
    if !(id.starts_with("f-") || id.starts_with("p-")) {
        return None;
    }
    all().iter().find(|b| b.id == id)
}

/// Whether a fixed holiday falls on `date`.
pub fn fixed_on(date: NaiveDate) -> bool {
    between(date, date)
        .iter()
        .any(|b| b.source == BuiltinSource::Fixed)
}

/// The Jalali year of a date (for ids and year filters).
pub fn jalali_year(date: NaiveDate) -> i32 {
    gregorian_to_jalali(date).0
}

/// The built-in holidays of Jalali years `first..=last` as a JSON array of `{id, date,
/// date_jalali, title_fa, source}` (the `plate-permits holidays` command).
pub fn to_json(first: i32, last: i32) -> String {
    let (Some(from), Some(to)) = (
        jalali_to_gregorian(first, 1, 1),
        jalali_to_gregorian(last.saturating_add(1), 1, 1).and_then(|d| d.pred_opt()),
    ) else {
        return "[]".to_owned();
    };
    let days: Vec<serde_json::Value> = between(from, to)
        .iter()
        .map(|b| {
            serde_json::json!({
                "id": b.id,
                "date": b.date,
                "date_jalali": crate::domain::jalali::format_jalali(b.date),
                "title_fa": b.title_fa,
                "source": b.source,
            })
        })
        .collect();
    serde_json::Value::Array(days).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::jalali::format_jalali;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn every_year_has_the_ten_fixed_days() {
        for y in FIRST_YEAR..=LAST_YEAR {
            let from = jalali_to_gregorian(y, 1, 1).unwrap();
            let to = jalali_to_gregorian(y + 1, 1, 1)
                .unwrap()
                .pred_opt()
                .unwrap();
            let fixed: Vec<_> = between(from, to)
                .iter()
                .filter(|b| b.source == BuiltinSource::Fixed)
                .collect();
            assert_eq!(fixed.len(), 10, "{y}");
        }
        let nowruz = by_id("f-1405-01-01").unwrap();
        assert_eq!(nowruz.date, ymd(2026, 3, 21));
        assert_eq!(nowruz.title_fa, "نوروز");
        assert_eq!(
            format_jalali(by_id("f-1404-11-22").unwrap().date),
            "1404/11/22"
        );
        assert!(fixed_on(ymd(2026, 3, 20)), "1404/12/29");
        assert!(!fixed_on(ymd(2026, 3, 19)));
    }

    #[test]
    fn every_jalali_year_has_the_lunar_days_about_once() {
        // A Jalali year holds 17 lunar holidays, sometimes a few twice (the Hijri year is 11
        // days shorter) — never fewer than 17 nor more than 17 + 3.
        for y in FIRST_YEAR..=LAST_YEAR {
            let from = jalali_to_gregorian(y, 1, 1).unwrap();
            let to = jalali_to_gregorian(y + 1, 1, 1)
                .unwrap()
                .pred_opt()
                .unwrap();
            let n = between(from, to)
                .iter()
                .filter(|b| b.source == BuiltinSource::Provisional)
                .count();
            assert!((15..=20).contains(&n), "{y}: {n}");
        }
    }

    /// Dates of the published official calendar of 1404 (2025), which this rule matches.
    #[test]
    fn known_lunar_dates() {
        // Ashura 1447: 1404/04/15 (2025-07-06); Eid al-Fitr 1446: 1404/01/11 (2025-03-31).
        assert_eq!(by_id("p-1447-01-10").unwrap().date, ymd(2025, 7, 6));
        assert_eq!(by_id("p-1446-10-01").unwrap().date, ymd(2025, 3, 31));
        assert_eq!(by_id("p-1447-01-10").unwrap().title_fa, "عاشورای حسینی");
    }

    #[test]
    fn last_of_safar_is_29_or_30_and_after_the_28th() {
        for y in 1432..=1494 {
            let (Some(d28), Some(last)) = (
                by_id(&format!("p-{y}-02-28")),
                by_id(&format!("p-{y}-02-30")),
            ) else {
                continue;
            };
            let gap = (last.date - d28.date).num_days();
            assert!(gap == 1 || gap == 2, "{y}: {gap}");
            // The day after the last of Safar is the first of Rabi' al-Awwal.
            let rabi1 = provisional_rule(y, 3, 1).unwrap();
            assert_eq!(last.date.succ_opt().unwrap(), rabi1, "{y}");
        }
    }

    #[test]
    fn ids_are_unique_and_sorted() {
        let all = all();
        let mut ids: Vec<&str> = all.iter().map(|b| b.id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), all.len());
        assert!(all.windows(2).all(|w| w[0].date <= w[1].date));
        assert!(by_id("x-1405-01-01").is_none());
        assert!(by_id("f-1405-01-05").is_none());
    }
}
