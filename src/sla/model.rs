//! SLA rows and inputs: holidays (the row, the wire input and its checked form, the list
//! filter) and the report's selection.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use crate::db::schema::{holidays, requests};
use crate::domain::jalali::parse_date;
use crate::domain::status::RequestStatus;
use crate::error::{ApiError, ApiResult, FieldIssue};
use crate::http::pagination::PageParams;
use crate::http::query_date;
use crate::validate::Issues;

#[derive(Clone, Debug, Queryable, Selectable, Insertable)]
#[diesel(table_name = holidays)]
pub struct HolidayRow {
    pub id: String,
    pub date: NaiveDate,
    pub title: String,
    pub created_by: String,
    pub created_at: NaiveDateTime,
}

/// A new holiday.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
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

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct HolidayFilter {
    /// On or after this date (ISO or Jalali).
    pub from: Option<String>,
    /// On or before this date (ISO or Jalali).
    pub to: Option<String>,
}

/// A page of the holiday list, checked.
#[derive(Clone, Debug)]
pub struct HolidayQuery {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// The last date already seen.
    pub after: Option<NaiveDate>,
    pub limit: i64,
}

impl HolidayQuery {
    pub fn parse(filter: &HolidayFilter, page: &PageParams) -> ApiResult<Self> {
        let page = page.page()?;
        let from = query_date("from", filter.from.as_deref())?;
        let to = query_date("to", filter.to.as_deref())?;
        let after = page
            .after
            .as_deref()
            .map(|c| {
                NaiveDate::parse_from_str(c, "%Y-%m-%d")
                    .map_err(|_| crate::http::pagination::invalid_cursor("cursor"))
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
    /// `csv` for CSV (the same as `Accept: text/csv`).
    pub format: Option<String>,
}

/// The report's representation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportFormat {
    Json,
    Csv,
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
            Some("json") => ReportFormat::Json,
            Some(other) => {
                return Err(ApiError::query_param(
                    "format",
                    "invalid_value",
                    crate::i18n::Msg::new(
                        format!("تنها «json» یا «csv» را می‌پذیرد، نه «{other}»."),
                        format!("must be json or csv, not '{other}'."),
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
