//! Model years and the agency's official letter reference.

use chrono::{Datelike, NaiveDate};

use crate::domain::jalali::{gregorian_to_jalali, parse_date};
use crate::domain::text::normalize_code;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ModelYear(i32);

#[derive(Debug, PartialEq, Eq)]
pub enum ModelYearError {
    /// Not a model year in either calendar.
    Implausible,
    /// A year in the future.
    Future,
}

impl ModelYear {
    /// Gregorian 1950..=next year (next year's models are sold late in the year), or Solar Hijri
    /// 1330..=next Jalali year. Kept as given.
    pub fn parse(year: i32, today: NaiveDate) -> Result<ModelYear, ModelYearError> {
        let greg_max = today.year() + 1;
        let (jalali_year, _, _) = gregorian_to_jalali(today);
        let jal_max = jalali_year + 1;
        if (1950..=greg_max).contains(&year) || (1330..=jal_max).contains(&year) {
            return Ok(ModelYear(year));
        }
        if (greg_max + 1..=greg_max + 10).contains(&year)
            || (jal_max + 1..=jal_max + 10).contains(&year)
        {
            return Err(ModelYearError::Future);
        }
        Err(ModelYearError::Implausible)
    }

    pub fn get(self) -> i32 {
        self.0
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LetterRef {
    number: String,
    date: NaiveDate,
}

#[derive(Debug, PartialEq, Eq)]
pub enum LetterRefError {
    Required,
    TooLong,
    Invalid,
    Future,
}

impl LetterRef {
    /// The letter number (normalised, 1–50 characters with at least one digit) and its date
    /// (ISO or Jalali, not after `today`, not before 1990).
    pub fn parse(
        number: &str,
        date: &str,
        today: NaiveDate,
    ) -> Result<LetterRef, Vec<(&'static str, LetterRefError)>> {
        let mut errors = Vec::new();
        let n = normalize_code(number);
        if n.is_empty() {
            errors.push(("number", LetterRefError::Required));
        } else if n.chars().count() > 50 {
            errors.push(("number", LetterRefError::TooLong));
        } else if !n.chars().any(|c| c.is_ascii_digit()) {
            errors.push(("number", LetterRefError::Invalid));
        }
        let d = if date.trim().is_empty() {
            errors.push(("date", LetterRefError::Required));
            None
        } else {
            match parse_date(date) {
                Ok(d) if d > today => {
                    errors.push(("date", LetterRefError::Future));
                    None
                }
                Ok(d) if d < NaiveDate::from_ymd_opt(1990, 1, 1).unwrap_or(d) => {
                    errors.push(("date", LetterRefError::Invalid));
                    None
                }
                Ok(d) => Some(d),
                Err(_) => {
                    errors.push(("date", LetterRefError::Invalid));
                    None
                }
            }
        };
        match (errors.is_empty(), d) {
            (true, Some(date)) => Ok(LetterRef { number: n, date }),
            _ => Err(errors),
        }
    }

    pub fn number(&self) -> &str {
        &self.number
    }

    pub fn date(&self) -> NaiveDate {
        self.date
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
    }

    #[test]
    fn model_years() {
        for ok in [1950, 2012, 2027, 1330, 1391, 1405, 1406] {
            assert!(ModelYear::parse(ok, today()).is_ok(), "{ok}");
        }
        assert_eq!(ModelYear::parse(2030, today()), Err(ModelYearError::Future));
        assert_eq!(ModelYear::parse(1410, today()), Err(ModelYearError::Future));
        // today is 1405/09/04: limits 2027 and 1406, futures up to +10.
        assert_eq!(ModelYear::parse(2028, today()), Err(ModelYearError::Future));
        assert_eq!(ModelYear::parse(2037, today()), Err(ModelYearError::Future));
        assert_eq!(
            ModelYear::parse(2038, today()),
            Err(ModelYearError::Implausible)
        );
        assert_eq!(ModelYear::parse(1407, today()), Err(ModelYearError::Future));
        assert_eq!(ModelYear::parse(1416, today()), Err(ModelYearError::Future));
        assert_eq!(
            ModelYear::parse(1417, today()),
            Err(ModelYearError::Implausible)
        );
        assert_eq!(
            ModelYear::parse(1391, today()).map(ModelYear::get),
            Ok(1391)
        );
        for bad in [0, 1800, 1949, 1329, 2999, -5] {
            assert_eq!(
                ModelYear::parse(bad, today()),
                Err(ModelYearError::Implausible),
                "{bad}"
            );
        }
    }

    #[test]
    fn letters() {
        let l = LetterRef::parse("۱۲۳/۴۵۶", "1403/08/15", today()).unwrap();
        assert_eq!(l.number(), "123/456");
        assert_eq!(l.date(), NaiveDate::from_ymd_opt(2024, 11, 5).unwrap());
        let e = LetterRef::parse("", "1499/01/01", today()).unwrap_err();
        assert_eq!(
            e,
            vec![
                ("number", LetterRefError::Required),
                ("date", LetterRefError::Future)
            ]
        );
        let e = LetterRef::parse(&"1".repeat(51), "1402/12/30", today()).unwrap_err();
        assert_eq!(
            e,
            vec![
                ("number", LetterRefError::TooLong),
                ("date", LetterRefError::Invalid)
            ]
        );
        let l = LetterRef::parse(" ن/۱۲۳ ", "2026-11-25", today()).unwrap();
        assert_eq!(l.number(), "ن/123");
        assert_eq!(
            LetterRef::parse("12", "1989-12-31", today()).unwrap_err(),
            vec![("date", LetterRefError::Invalid)]
        );
        assert_eq!(
            LetterRef::parse("12", "2026-11-26", today()).unwrap_err(),
            vec![("date", LetterRefError::Future)]
        );
        assert_eq!(
            LetterRef::parse("12", "yesterday", today()).unwrap_err(),
            vec![("date", LetterRefError::Invalid)]
        );
        assert!(LetterRef::parse(&"1".repeat(50), "1990-01-01", today()).is_ok());
        let e = LetterRef::parse("بدون رقم", "", today()).unwrap_err();
        assert_eq!(
            e,
            vec![
                ("number", LetterRefError::Invalid),
                ("date", LetterRefError::Required)
            ]
        );
    }
}
