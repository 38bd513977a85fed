//! Exports people open in a spreadsheet: one table written as CSV (UTF-8 with a byte-order
//! mark, so that Excel on Persian Windows reads Persian text as Persian) or as an Excel
//! workbook (`.xlsx`: a right-to-left sheet, a bold frozen header row, typed number and date
//! cells), and the language an export's headers are in (`lang=fa|en`, else `Accept-Language`).

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, XlsxError};

use crate::http::csv::field as csv_field;

/// The content type of an Excel workbook.
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// The UTF-8 byte-order mark that opens every CSV export.
pub const BOM: &str = "\u{FEFF}";

/// One cell of an export.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(String),
    /// A count.
    Int(i64),
    /// A measure (working days, a share, an average).
    Number(f64),
    /// A calendar day (an Excel date cell; `yyyy-mm-dd` in CSV).
    Date(NaiveDate),
    /// An instant in the service's time zone (an Excel date-time cell; `yyyy-mm-dd HH:MM` in
    /// CSV).
    DateTime(NaiveDateTime),
    Empty,
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }

    pub fn opt_number(v: Option<f64>) -> Cell {
        v.map(Cell::Number).unwrap_or(Cell::Empty)
    }

    pub fn opt_text(v: Option<impl Into<String>>) -> Cell {
        v.map(|s| Cell::Text(s.into())).unwrap_or(Cell::Empty)
    }

    fn csv(&self) -> String {
        match self {
            Cell::Text(s) => csv_field(s),
            Cell::Int(n) => n.to_string(),
            Cell::Number(v) => v.to_string(),
            Cell::Date(d) => d.format("%Y-%m-%d").to_string(),
            Cell::DateTime(t) => t.format("%Y-%m-%d %H:%M").to_string(),
            Cell::Empty => String::new(),
        }
    }
}

/// The language of an export's headers and labels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    Fa,
    En,
}

impl Lang {
    /// `lang` (`fa` or `en`) when given, else the first of `Accept-Language`'s languages that
    /// is Persian or English, else `default`. Anything else in `lang` is `Err` with the text.
    pub fn pick(lang: Option<&str>, accept_language: &str, default: Lang) -> Result<Lang, String> {
        match lang.map(str::trim) {
            Some("fa") => return Ok(Lang::Fa),
            Some("en") => return Ok(Lang::En),
            Some(other) if !other.is_empty() => return Err(other.to_owned()),
            _ => {}
        }
        for tag in accept_language.split(',') {
            let tag = tag
                .split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase();
            if tag == "fa" || tag.starts_with("fa-") {
                return Ok(Lang::Fa);
            }
            if tag == "en" || tag.starts_with("en-") {
                return Ok(Lang::En);
            }
        }
        Ok(default)
    }

    /// The Persian or the English of a pair.
    pub fn pick_text<'a>(self, fa: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Fa => fa,
            Lang::En => en,
        }
    }
}

/// A table to export: a header row and rows of typed cells.
#[derive(Clone, Debug, Default)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    pub fn new(headers: Vec<String>) -> Table {
        Table {
            headers,
            rows: Vec::new(),
        }
    }

    /// CSV with CRLF line ends, opened by a UTF-8 byte-order mark.
    pub fn to_csv(&self) -> String {
        let mut out = String::from(BOM);
        let header: Vec<String> = self.headers.iter().map(|h| csv_field(h)).collect();
        out.push_str(&header.join(","));
        out.push_str("\r\n");
        for row in &self.rows {
            let cells: Vec<String> = row.iter().map(Cell::csv).collect();
            out.push_str(&cells.join(","));
            out.push_str("\r\n");
        }
        out
    }

    /// An Excel workbook of one sheet named `sheet`: right to left when `rtl`, the header row
    /// bold and frozen, counts and measures as numbers, days and instants as dates.
    pub fn to_xlsx(&self, sheet: &str, rtl: bool) -> Result<Vec<u8>, XlsxError> {
        let mut book = Workbook::new();
        let header = Format::new().set_bold().set_text_wrap();
        let date = Format::new().set_num_format("yyyy-mm-dd");
        let date_time = Format::new().set_num_format("yyyy-mm-dd hh:mm");
        let share = Format::new().set_num_format("0.00");
        let ws = book.add_worksheet();
        ws.set_name(sheet)?;
        ws.set_right_to_left(rtl);
        for (c, h) in self.headers.iter().enumerate() {
            let col = c as u16;
            ws.write_string_with_format(0, col, h, &header)?;
            ws.set_column_width(col, (h.chars().count() as f64 + 4.0).clamp(10.0, 40.0))?;
        }
        ws.set_freeze_panes(1, 0)?;
        for (r, row) in self.rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, cell) in row.iter().enumerate() {
                let c = c as u16;
                match cell {
                    Cell::Text(s) => {
                        ws.write_string(r, c, s)?;
                    }
                    Cell::Int(n) => {
                        ws.write_number(r, c, *n as f64)?;
                    }
                    Cell::Number(v) => {
                        ws.write_number_with_format(r, c, *v, &share)?;
                    }
                    Cell::Date(d) => {
                        ws.write_datetime_with_format(r, c, excel_date(*d)?, &date)?;
                    }
                    Cell::DateTime(t) => {
                        let at = excel_date(t.date())?.and_hms(
                            t.hour() as u16,
                            t.minute() as u8,
                            t.second() as f64,
                        )?;
                        ws.write_datetime_with_format(r, c, at, &date_time)?;
                    }
                    Cell::Empty => {}
                }
            }
        }
        book.save_to_buffer()
    }
}

fn excel_date(d: NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    let year = u16::try_from(d.year()).map_err(|_| XlsxError::DateTimeRangeError(d.to_string()))?;
    ExcelDateTime::from_ymd(year, d.month() as u8, d.day() as u8)
}

/// The export language: `lang` (400 when neither `fa` nor `en`), else `Accept-Language`.
pub fn export_lang(
    lang: Option<&str>,
    accept_language: &str,
    default: Lang,
) -> crate::error::ApiResult<Lang> {
    Lang::pick(lang, accept_language, default).map_err(|other| {
        crate::error::ApiError::query_param(
            "lang",
            "invalid_value",
            crate::i18n::Msg::new(
                format!("تنها «fa» یا «en» را می‌پذیرد، نه «{other}»."),
                format!("must be fa or en, not '{other}'."),
            ),
        )
    })
}

/// The table as a download: a CSV (`<stem>.csv`) or a right-to-left-when-Persian workbook
/// (`<stem>.xlsx`, one sheet named `sheet`), with `headers` added to the answer.
pub fn download(
    table: &Table,
    stem: &str,
    sheet: &str,
    lang: Lang,
    xlsx: bool,
    headers: &[(&str, &str)],
) -> crate::error::ApiResult<actix_web::HttpResponse> {
    use actix_web::http::header::CONTENT_DISPOSITION;
    let mut answer = actix_web::HttpResponse::Ok();
    for (name, value) in headers {
        answer.insert_header((*name, *value));
    }
    if xlsx {
        let bytes = table.to_xlsx(sheet, lang == Lang::Fa).map_err(xlsx_error)?;
        return Ok(answer
            .content_type(XLSX)
            .insert_header((
                CONTENT_DISPOSITION,
                format!("attachment; filename=\"{stem}.xlsx\""),
            ))
            .body(bytes));
    }
    Ok(answer
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            CONTENT_DISPOSITION,
            format!("attachment; filename=\"{stem}.csv\""),
        ))
        .body(table.to_csv()))
}

/// A workbook that could not be written, as the answer's error.
pub fn xlsx_error(e: XlsxError) -> crate::error::ApiError {
    crate::error::ApiError::internal(format!("xlsx: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_opens_with_a_byte_order_mark_and_quotes_fields() {
        let mut t = Table::new(vec!["نام".into(), "تعداد".into()]);
        t.rows.push(vec![Cell::text("الف، ب"), Cell::Int(3)]);
        t.rows.push(vec![Cell::text("=1+1"), Cell::Empty]);
        let csv = t.to_csv();
        assert!(csv.starts_with('\u{FEFF}'));
        assert_eq!(csv, "\u{FEFF}نام,تعداد\r\nالف، ب,3\r\n'=1+1,\r\n");
    }

    #[test]
    fn languages_are_picked_from_the_query_then_the_header() {
        assert_eq!(Lang::pick(Some("fa"), "en", Lang::En), Ok(Lang::Fa));
        assert_eq!(Lang::pick(None, "fa-IR,en;q=0.5", Lang::En), Ok(Lang::Fa));
        assert_eq!(Lang::pick(None, "de, en-US", Lang::Fa), Ok(Lang::En));
        assert_eq!(Lang::pick(None, "", Lang::En), Ok(Lang::En));
        assert_eq!(Lang::pick(Some("de"), "", Lang::En), Err("de".to_owned()));
    }

    #[test]
    fn a_workbook_is_a_zip() {
        let mut t = Table::new(vec!["روز".into()]);
        t.rows.push(vec![Cell::Date(
            NaiveDate::from_ymd_opt(2026, 12, 6).unwrap(),
        )]);
        let bytes = t.to_xlsx("گزارش", true).unwrap();
        assert_eq!(&bytes[..2], b"PK");
    }
}
