//! SLA rows and inputs: holidays (the row, the wire input and its checked form, the list
//! filter) and the report's selection.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use crate::db::schema::{holidays, requests};
use crate::domain::jalali::{
    format_jalali, gregorian_to_jalali, jalali_to_gregorian, parse_date, DateError,
};
use crate::domain::status::RequestStatus;
use crate::domain::text::{normalize_code, normalize_line, persian_digits};
use crate::error::{ApiError, ApiResult, FieldIssue};
use crate::http::pagination::PageParams;
use crate::http::query_date;
use crate::i18n::Msg;
use crate::validate::Issues;

#[derive(Clone, Debug, Queryable, Selectable, Insertable)]
#[diesel(table_name = holidays)]
pub struct HolidayRow {
    pub id: String,
    pub date: NaiveDate,
    pub title: String,
    pub created_by: String,
    pub created_at: NaiveDateTime,
    /// `admin` (added by hand) or `confirmed` (from the official calendar).
    pub source: String,
    /// The provisional built-in holiday this row confirms (or moves), `p-1448-01-10`.
    pub builtin_id: Option<String>,
}

/// `holidays.source` of days added by an administrator one at a time.
pub const SOURCE_ADMIN: &str = "admin";
/// `holidays.source` of days taken from the official calendar (import or confirm).
pub const SOURCE_CONFIRMED: &str = "confirmed";

/// A new holiday.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
// Not `NewHoliday`: generated clients (Go) name their constructors `New<Schema>`.
#[schema(as = HolidayInput)]
pub struct NewHoliday {
    /// ISO `2025-03-21` or Jalali `1404/01/01` (Persian digits accepted).
    #[schema(example = "1404/01/01")]
    pub date: String,
    /// 2–200 characters.
    #[schema(example = "عید نوروز")]
    pub title: String,
}

/// A holiday to add, checked.
#[derive(Clone, Debug)]
pub struct HolidayEntry {
    pub date: NaiveDate,
    /// Normalised, 2–200 characters.
    pub title: String,
}

impl TryFrom<NewHoliday> for HolidayEntry {
    type Error = ApiError;

    fn try_from(input: NewHoliday) -> ApiResult<Self> {
        let mut issues = Issues::new();
        let date = parse_date(&input.date).ok();
        if date.is_none() {
            issues.push(FieldIssue::new(
                "date",
                "invalid_date",
                "تاریخ باید به شکل ۱۴۰۴/۰۱/۰۱ یا 2025-03-21 و روزی موجود باشد.",
                "The date must look like 1404/01/01 or 2025-03-21 and exist.",
            ));
        }
        let title = issues.line("title", &input.title, 2, 200);
        issues.finish()?;
        let date = date.ok_or_else(|| ApiError::internal("date validated above"))?;
        Ok(HolidayEntry { date, title })
    }
}

/// A list of official days to import (the official calendar, تقویم رسمی), at most
/// [`MAX_IMPORT_ROWS`] rows.
pub type HolidayImport = Vec<NewHoliday>;

/// The most rows one import takes (an official calendar has about 27 days a year).
pub const MAX_IMPORT_ROWS: usize = 200;

fn length_issue() -> ApiError {
    ApiError::validation(vec![FieldIssue::new(
        "",
        "invalid_length",
        format!(
            "فهرست باید دست‌کم یک و حداکثر {} روز داشته باشد.",
            persian_digits(&MAX_IMPORT_ROWS.to_string())
        ),
        format!("The list must hold 1 to {MAX_IMPORT_ROWS} days."),
    )])
}

/// Row `i`'s date, or an issue saying why it is none.
fn row_date(issues: &mut Issues, i: usize, text: &str) -> Option<NaiveDate> {
    let field = format!("[{i}].date");
    let row = persian_digits(&(i + 1).to_string());
    match parse_date(text) {
        Ok(d) => Some(d),
        Err(DateError::Format) => {
            issues.push(FieldIssue::new(
                field.as_str(),
                "invalid_date",
                format!(
                    "ردیف {row}: «{text}» تاریخ نیست؛ تاریخ باید به شکل ۱۴۰۴/۰۱/۰۱ یا 2025-03-21 باشد."
                ),
                format!(
                    "Row {}: \"{text}\" is not a date; use 1404/01/01 or 2025-03-21.",
                    i + 1
                ),
            ));
            None
        }
        Err(DateError::Invalid) => {
            issues.push(FieldIssue::new(
                field.as_str(),
                "no_such_day",
                format!("ردیف {row}: روز {} وجود ندارد.", persian_digits(text)),
                format!("Row {}: there is no day {text}.", i + 1),
            ));
            None
        }
    }
}

/// Flags row `i` when its date `d` came in an earlier row (remembered in `seen`).
fn check_repeat(
    issues: &mut Issues,
    seen: &mut std::collections::BTreeMap<NaiveDate, usize>,
    i: usize,
    d: NaiveDate,
) {
    let Some(first) = seen.get(&d) else {
        seen.insert(d, i);
        return;
    };
    issues.push(FieldIssue::new(
        format!("[{i}].date"),
        "duplicate_date",
        format!(
            "ردیف {}: روز {} در ردیف {} هم آمده است.",
            persian_digits(&(i + 1).to_string()),
            persian_digits(&format_jalali(d)),
            persian_digits(&(first + 1).to_string())
        ),
        format!("Row {}: {d} is also in row {}.", i + 1, first + 1),
    ));
}

/// Row `i`'s title, normalised; an issue when it is not 2 to 200 characters.
fn row_title(issues: &mut Issues, i: usize, text: &str) -> String {
    let title = normalize_line(text);
    let n = title.chars().count();
    if !(2..=200).contains(&n) {
        issues.push(FieldIssue::new(
            format!("[{i}].title"),
            if n < 2 { "too_short" } else { "too_long" },
            format!(
                "ردیف {}: عنوان باید ۲ تا ۲۰۰ نویسه باشد.",
                persian_digits(&(i + 1).to_string())
            ),
            format!("Row {}: the title must be 2 to 200 characters.", i + 1),
        ));
    }
    title
}

/// Checks every row of an import; 422 naming every bad row (`[3].date`) otherwise.
pub fn import_entries(rows: HolidayImport) -> ApiResult<Vec<HolidayEntry>> {
    if rows.is_empty() || rows.len() > MAX_IMPORT_ROWS {
        return Err(length_issue());
    }
    let mut issues = Issues::new();
    let mut seen: std::collections::BTreeMap<NaiveDate, usize> = Default::default();
    let mut out = Vec::with_capacity(rows.len());
    for (i, row) in rows.into_iter().enumerate() {
        let date = row_date(&mut issues, i, &row.date);
        if let Some(d) = date {
            check_repeat(&mut issues, &mut seen, i, d);
        }
        let title = row_title(&mut issues, i, &row.title);
        if let Some(date) = date {
            out.push(HolidayEntry { date, title });
        }
    }
    issues.finish()?;
    Ok(out)
}

/// Confirms a provisional holiday, at its computed date or at `date`.
#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct ConfirmHoliday {
    /// The official date (ISO or Jalali, Persian digits accepted); omitted: the date it has.
    #[schema(example = "1405/04/25")]
    pub date: Option<String>,
}

impl ConfirmHoliday {
    pub fn date(&self) -> ApiResult<Option<NaiveDate>> {
        let Some(raw) = self.date.as_deref() else {
            return Ok(None);
        };
        match parse_date(raw) {
            Ok(d) => Ok(Some(d)),
            Err(_) => Err(ApiError::validation(vec![FieldIssue::new(
                "date",
                "invalid_date",
                "تاریخ باید به شکل ۱۴۰۴/۰۱/۰۱ یا 2025-03-21 و روزی موجود باشد.",
                "The date must look like 1404/01/01 or 2025-03-21 and exist.",
            )])),
        }
    }
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct HolidayFilter {
    /// One year: Jalali below 1700 (`1405`, Persian digits accepted), Gregorian from 1700.
    /// Without `year`, `from` and `to`, the current and the next Jalali year.
    #[param(example = "1405")]
    pub year: Option<String>,
    /// On or after this date (ISO or Jalali).
    pub from: Option<String>,
    /// On or before this date (ISO or Jalali).
    pub to: Option<String>,
}

/// A page of the holiday list, checked: the range is always bounded.
#[derive(Clone, Debug)]
pub struct HolidayQuery {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The last (date, id) already seen.
    pub after: Option<(NaiveDate, String)>,
    pub limit: i64,
}

/// The first and last day of a year: Jalali below 1700, Gregorian otherwise.
pub fn year_range(year: i32) -> Option<(NaiveDate, NaiveDate)> {
    if year < 1700 {
        let first = jalali_to_gregorian(year, 1, 1)?;
        let next = jalali_to_gregorian(year + 1, 1, 1)?;
        Some((first, next.pred_opt()?))
    } else {
        Some((
            NaiveDate::from_ymd_opt(year, 1, 1)?,
            NaiveDate::from_ymd_opt(year, 12, 31)?,
        ))
    }
}

impl HolidayQuery {
    /// `today` (service time zone) sets the default range: this Jalali year and the next.
    pub fn parse(filter: &HolidayFilter, page: &PageParams, today: NaiveDate) -> ApiResult<Self> {
        let page = page.page()?;
        let from = query_date("from", filter.from.as_deref())?;
        let to = query_date("to", filter.to.as_deref())?;
        let year = match filter.year.as_deref() {
            None => None,
            Some(raw) => {
                let y: Option<i32> = normalize_code(raw).trim().parse().ok();
                let range = y.filter(|y| (1..=9000).contains(y)).and_then(year_range);
                Some(range.ok_or_else(|| {
                    ApiError::query_param(
                        "year",
                        "invalid_year",
                        Msg::new(
                            "باید سال خورشیدی (کمتر از ۱۷۰۰، مانند ۱۴۰۵) یا میلادی (مانند 2026) باشد.",
                            "must be a Jalali (below 1700, e.g. 1405) or Gregorian year (e.g. 2026).",
                        ),
                    )
                })?)
            }
        };
        let (from, to) = match (year, from, to) {
            (Some((a, z)), f, t) => (f.map_or(a, |f| f.max(a)), t.map_or(z, |t| t.min(z))),
            (None, None, None) => {
                let y = gregorian_to_jalali(today).0;
                let (a, _) = year_range(y).unwrap_or((today, today));
                let (_, z) = year_range(y + 1).unwrap_or((today, today));
                (a, z)
            }
            (None, f, t) => (f.unwrap_or(NaiveDate::MIN), t.unwrap_or(NaiveDate::MAX)),
        };
        let after = page
            .after
            .as_deref()
            .map(|c| {
                c.split_once('|')
                    .and_then(|(d, id)| {
                        let d = NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()?;
                        Some((d, id.to_owned()))
                    })
                    .ok_or_else(|| crate::http::pagination::invalid_cursor("cursor"))
            })
            .transpose()?;
        Ok(HolidayQuery {
            from,
            to,
            after,
            limit: page.limit,
        })
    }
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReportFilter {
    /// Requests filed on or after this date (ISO `2024-11-05` or Jalali `1403/08/15`, service
    /// time zone).
    pub from: Option<String>,
    /// Requests filed on or before this date (ISO or Jalali).
    pub to: Option<String>,
    /// Only this agency.
    pub organisation_id: Option<String>,
    /// `csv` for CSV (the same as `Accept: text/csv`; UTF-8 with a byte-order mark), `xlsx`
    /// for an Excel workbook (the same as `Accept:
    /// application/vnd.openxmlformats-officedocument.spreadsheetml.sheet`), `json`.
    pub format: Option<String>,
    /// The language of a CSV's or workbook's headers: `fa` (Persian headers, Jalali date
    /// columns) or `en`; without it, `Accept-Language` decides (CSV defaults to English,
    /// the workbook to Persian).
    pub lang: Option<String>,
}

/// The report's representation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportFormat {
    Json,
    Csv,
    Xlsx,
}

/// The report asked for, checked.
#[derive(Clone, Debug)]
pub struct ReportQuery {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub organisation_id: Option<String>,
    pub format: ReportFormat,
}

impl ReportQuery {
    /// `accept` is the request's `Accept` header, consulted without `format`.
    pub fn parse(f: ReportFilter, accept: &str) -> ApiResult<Self> {
        let format = match f.format.as_deref() {
            Some("csv") => ReportFormat::Csv,
            Some("xlsx") => ReportFormat::Xlsx,
            Some("json") => ReportFormat::Json,
            Some(other) => {
                return Err(ApiError::query_param(
                    "format",
                    "invalid_value",
                    crate::i18n::Msg::new(
                        format!("تنها «json»، «csv» یا «xlsx» را می‌پذیرد، نه «{other}»."),
                        format!("must be json, csv or xlsx, not '{other}'."),
                    ),
                ))
            }
            None => negotiate(accept),
        };
        let from = query_date("from", f.from.as_deref())?;
        let to = query_date("to", f.to.as_deref())?;
        if let (Some(a), Some(b)) = (from, to) {
            if a > b {
                return Err(ApiError::query_param(
                    "from",
                    "invalid_range",
                    crate::i18n::Msg::new(
                        "نباید پس از تاریخ پارامتر «to» باشد.",
                        "must not be after 'to'.",
                    ),
                ));
            }
        }
        Ok(ReportQuery {
            from,
            to,
            organisation_id: f.organisation_id,
            format,
        })
    }
}

/// CSV when asked for and JSON is not asked for first.
fn negotiate(accept: &str) -> ReportFormat {
    if accept.contains(crate::http::table::XLSX) {
        return ReportFormat::Xlsx;
    }
    let csv = accept.find("text/csv");
    let json = accept.find("application/json");
    match (csv, json) {
        (Some(c), Some(j)) if c < j => ReportFormat::Csv,
        (Some(_), None) => ReportFormat::Csv,
        _ => ReportFormat::Json,
    }
}

/// The report's selection, resolved to instants.
#[derive(Clone, Debug)]
pub struct Selection {
    pub from: Option<NaiveDateTime>,
    pub until: Option<NaiveDateTime>,
    pub organisation_id: Option<String>,
}

/// The few columns of a request the clocks need.
#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = requests)]
pub struct RequestHead {
    pub id: String,
    pub tracking_code: String,
    pub organisation_id: String,
    pub status: RequestStatus,
    pub created_at: NaiveDateTime,
}
