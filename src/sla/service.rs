//! SLA rules: the holiday table (every change recomputes the clocks it can move, in the same
//! transaction), the explanation of a request's clocks, and the report.

use std::collections::HashSet;

use chrono::{NaiveDate, NaiveDateTime, TimeDelta};
use serde::Serialize;

use crate::audit::Actor;
use crate::auth::access::Scope;
use crate::clock::{Clock, Zone};
use crate::config::Config;
use crate::db::DbConnection;
use crate::domain::jalali::format_jalali;
use crate::domain::text::persian_digits;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::http::pagination::Paginated;
use crate::sla::clock::{self, Stage};
use crate::sla::model::{
    HolidayEntry, HolidayQuery, HolidayRow, ReportQuery, Selection, SOURCE_ADMIN, SOURCE_CONFIRMED,
};
use crate::sla::official::{self, Builtin, BuiltinSource};
use crate::sla::views::{
    run_view, Budgets, CalendarRules, Holiday, ImportSummary, SlaExplanation, SlaReport, SlaWeekly,
    WeekFigures,
};
use crate::sla::{report, store};

/// The holidays of the query's range: built-in days (provisional ones a stored row confirms
/// left out) merged with the stored ones, by date then id.
pub fn holidays(
    conn: &mut DbConnection,
    clock: &Clock,
    q: &HolidayQuery,
) -> ApiResult<Paginated<Holiday>> {
    let suppressed = store::suppressed_builtins(conn)?;
    let mut all: Vec<Holiday> = official::between(q.from, q.to)
        .iter()
        .filter(|b| !suppressed.contains(&b.id))
        .map(Holiday::from)
        .collect();
    all.extend(
        store::holidays_page(conn, q)?
            .into_iter()
            .map(|r| Holiday::stored(r, clock)),
    );
    all.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
    let rows: Vec<Holiday> = all
        .into_iter()
        .filter(|h| match &q.after {
            Some((d, id)) => (h.date, &h.id) > (*d, id),
            None => true,
        })
        .take(q.limit as usize + 1)
        .collect();
    Ok(Paginated::from_rows(
        rows,
        q.limit,
        |h| format!("{}|{}", h.date, h.id),
        |h| h,
    ))
}

/// Whether `date` is a holiday already: a stored day, or a built-in one still in force.
fn holiday_exists(conn: &mut DbConnection, date: NaiveDate) -> ApiResult<bool> {
    if store::stored_on(conn, date)?.is_some() {
        return Ok(true);
    }
    let suppressed = store::suppressed_builtins(conn)?;
    Ok(official::between(date, date)
        .iter()
        .any(|b| !suppressed.contains(&b.id)))
}

fn already_a_holiday(date: NaiveDate) -> ApiError {
    ApiError::duplicate(
        format!(
            "روز {} از پیش تعطیل است.",
            persian_digits(&format_jalali(date))
        ),
        format!("{date} is already a holiday."),
    )
    .with_extension("field", "date")
}

/// Adds a holiday (409 `duplicate` when the day already is one, built in or stored) and
/// recomputes the clocks.
pub fn add_holiday(
    conn: &mut DbConnection,
    config: &Config,
    actor: &Actor,
    entry: HolidayEntry,
    at: NaiveDateTime,
) -> ApiResult<HolidayRow> {
    let date = entry.date;
    if holiday_exists(conn, date)? {
        return Err(already_a_holiday(date));
    }
    let row = HolidayRow {
        id: uuid::Uuid::now_v7().to_string(),
        date,
        title: entry.title,
        created_by: actor.id.clone(),
        created_at: at,
        source: SOURCE_ADMIN.to_owned(),
        builtin_id: None,
    };
    store::insert_holiday(conn, &row)?;
    let recomputed = store::recompute_for_holiday(conn, config, date, at)?;
    audit(
        conn,
        actor,
        crate::audit::Action::HolidayCreate,
        &row,
        recomputed,
        at,
    )?;
    Ok(row)
}

/// 409 for built-in ids: fixed days stay; provisional ones are confirmed or moved instead.
fn builtin_is_not_stored(b: &Builtin) -> ApiError {
    match b.source {
        BuiltinSource::Fixed => ApiError::conflict(
            ErrorCode::Conflict,
            format!(
                "«{}» ({}) تعطیل رسمی ثابت است و حذف یا جابه‌جا نمی‌شود.",
                b.title_fa,
                persian_digits(&format_jalali(b.date))
            ),
            format!(
                "{} is a fixed official holiday; it cannot be removed or moved.",
                b.date
            ),
        ),
        BuiltinSource::Official => ApiError::conflict(
            ErrorCode::Conflict,
            format!(
                "«{}» ({}) از تقویم رسمی منتشرشده است و حذف نمی‌شود؛ اگر اطلاعیهٔ رسمی تازه‌ای آن را جابه‌جا کرده است، آن را جابه‌جا کنید (POST /holidays/{}/confirm).",
                b.title_fa,
                persian_digits(&format_jalali(b.date)),
                b.id
            ),
            format!(
                "{} is a day of the published official calendar; move it if a later official announcement did (POST /holidays/{}/confirm).",
                b.date, b.id
            ),
        ),
        BuiltinSource::Provisional => ApiError::conflict(
            ErrorCode::Conflict,
            format!(
                "«{}» ({}) تعطیل قمری محاسبه‌شده است و حذف نمی‌شود؛ آن را با تقویم رسمی تأیید یا جابه‌جا کنید (POST /holidays/{}/confirm).",
                b.title_fa,
                persian_digits(&format_jalali(b.date)),
                b.id
            ),
            format!(
                "{} is a computed lunar holiday; confirm or move it instead (POST /holidays/{}/confirm).",
                b.date, b.id
            ),
        ),
    }
}

/// Removes a stored holiday and recomputes the clocks; a confirmed day's provisional day comes
/// back. Built-in ids are 409.
pub fn remove_holiday(
    conn: &mut DbConnection,
    config: &Config,
    actor: &Actor,
    id: &str,
    at: NaiveDateTime,
) -> ApiResult<()> {
    if let Some(b) = official::by_id(id) {
        return Err(builtin_is_not_stored(b));
    }
    let row = store::holiday(conn, id)?;
    store::delete_holiday(conn, id)?;
    let mut since = row.date;
    if let Some(b) = row.builtin_id.as_deref().and_then(official::by_id) {
        since = since.min(b.date);
    }
    let recomputed = store::recompute_for_holiday(conn, config, since, at)?;
    audit(
        conn,
        actor,
        crate::audit::Action::HolidayDelete,
        &row,
        recomputed,
        at,
    )
}

/// The built-in holiday `id` names (its provisional id, or the stored id of the day confirming
/// it) and the stored day confirming it, if any.
fn holiday_to_confirm(
    conn: &mut DbConnection,
    id: &str,
) -> ApiResult<(&'static Builtin, Option<HolidayRow>)> {
    match official::by_id(id) {
        Some(b) if b.source == BuiltinSource::Fixed => Err(builtin_is_not_stored(b)),
        Some(b) => Ok((b, store::confirming(conn, &b.id)?)),
        None => {
            let row = store::holiday(conn, id)?;
            let b = row.builtin_id.as_deref().and_then(official::by_id);
            let Some(b) = b else {
                return Err(ApiError::conflict(
                    ErrorCode::Conflict,
                    "این روز تعطیل قمری محاسبه‌شده‌ای را تأیید نمی‌کند؛ برای جابه‌جایی، آن را حذف و دوباره ثبت کنید.",
                    "This day confirms no computed lunar holiday; delete it and add it again to move it.",
                ));
            };
            Ok((b, Some(row)))
        }
    }
}

/// A day stored by `actor` as `confirmed` (confirming `builtin_id`, or an extra day).
fn confirmed_row(
    actor: &Actor,
    at: NaiveDateTime,
    date: NaiveDate,
    title: String,
    builtin_id: Option<String>,
) -> HolidayRow {
    HolidayRow {
        id: uuid::Uuid::now_v7().to_string(),
        date,
        title,
        created_by: actor.id.clone(),
        created_at: at,
        source: SOURCE_CONFIRMED.to_owned(),
        builtin_id,
    }
}

/// Confirms a provisional holiday at its computed date or at `date` (moving it), or moves an
/// already confirmed one again (`id` its stored id or the provisional id). Returns the stored
/// row and whether it is new.
pub fn confirm_holiday(
    conn: &mut DbConnection,
    config: &Config,
    actor: &Actor,
    id: &str,
    date: Option<NaiveDate>,
    at: NaiveDateTime,
) -> ApiResult<(HolidayRow, bool)> {
    let (builtin, existing) = holiday_to_confirm(conn, id)?;
    let target = date.unwrap_or_else(|| existing.as_ref().map_or(builtin.date, |r| r.date));
    if let Some(other) = store::stored_on(conn, target)? {
        if existing.as_ref().map(|r| &r.id) != Some(&other.id) {
            return Err(already_a_holiday(target));
        }
    }
    let created = existing.is_none();
    let mut since = target.min(builtin.date);
    let row = match existing {
        Some(mut row) => {
            since = since.min(row.date);
            row.date = target;
            store::update_holiday(conn, &row)?;
            row
        }
        None => {
            let title = builtin.title_fa.to_owned();
            let row = confirmed_row(actor, at, target, title, Some(builtin.id.clone()));
            store::insert_holiday(conn, &row)?;
            row
        }
    };
    let recomputed = store::recompute_for_holiday(conn, config, since, at)?;
    audit(
        conn,
        actor,
        crate::audit::Action::HolidayConfirm,
        &row,
        recomputed,
        at,
    )?;
    Ok((row, created))
}

/// How far from its computed date an imported day still confirms a provisional holiday.
const MATCH_DAYS: i64 = 3;

/// An import under way: who imports, when, what it did so far and the earliest date it
/// changed (from which open clocks are recomputed).
struct ImportRun<'a> {
    actor: &'a Actor,
    at: NaiveDateTime,
    summary: ImportSummary,
    since: Option<NaiveDate>,
}

impl ImportRun<'_> {
    fn touch(&mut self, d: NaiveDate) {
        self.since = Some(self.since.map_or(d, |s| s.min(d)));
    }

    /// `entry` confirms the built-in day `b`: unchanged when already confirmed on its date,
    /// else stored (a day on the date that confirms nothing gives way) and counted as
    /// confirmed or moved.
    fn confirm(
        &mut self,
        conn: &mut DbConnection,
        b: &Builtin,
        entry: HolidayEntry,
    ) -> ApiResult<()> {
        let existing = store::confirming(conn, &b.id)?;
        if existing.as_ref().is_some_and(|r| r.date == entry.date) {
            self.summary.unchanged += 1;
            return Ok(());
        }
        // A day stored on the date without confirming anything gives way.
        if let Some(other) = store::stored_on(conn, entry.date)? {
            if other.builtin_id.is_some() {
                return Err(already_a_holiday(entry.date));
            }
            store::delete_holiday(conn, &other.id)?;
        }
        self.touch(entry.date);
        self.touch(b.date);
        match existing {
            Some(mut row) => {
                self.touch(row.date);
                row.date = entry.date;
                store::update_holiday(conn, &row)?;
            }
            None => {
                let row = confirmed_row(
                    self.actor,
                    self.at,
                    entry.date,
                    entry.title,
                    Some(b.id.clone()),
                );
                store::insert_holiday(conn, &row)?;
            }
        }
        if entry.date == b.date {
            self.summary.confirmed += 1;
        } else {
            self.summary.moved += 1;
        }
        Ok(())
    }

    /// `entry` matches no built-in day: an extra `confirmed` day (a day already stored on the
    /// date becomes `confirmed`).
    fn add_extra(&mut self, conn: &mut DbConnection, entry: HolidayEntry) -> ApiResult<()> {
        match store::stored_on(conn, entry.date)? {
            Some(mut row) => {
                if row.source != SOURCE_CONFIRMED {
                    row.source = SOURCE_CONFIRMED.to_owned();
                    store::update_holiday(conn, &row)?;
                }
                self.summary.unchanged += 1;
            }
            None => {
                let row = confirmed_row(self.actor, self.at, entry.date, entry.title, None);
                store::insert_holiday(conn, &row)?;
                self.touch(entry.date);
                self.summary.added += 1;
            }
        }
        Ok(())
    }
}

/// Imports official days, all or nothing (the rows are checked already). The imported list
/// is authoritative: a day on a fixed holiday changes nothing; in date order each day
/// confirms the earliest built-in lunar or official day not yet matched whose date is within
/// ±3 days (moving it when the dates differ); other days are stored as `confirmed` extra
/// days. Importing the same list again changes nothing.
pub fn import_holidays(
    conn: &mut DbConnection,
    config: &Config,
    actor: &Actor,
    mut entries: Vec<HolidayEntry>,
    at: NaiveDateTime,
) -> ApiResult<ImportSummary> {
    entries.sort_by_key(|e| e.date);
    let mut run = ImportRun {
        actor,
        at,
        summary: ImportSummary {
            rows: entries.len(),
            ..Default::default()
        },
        since: None,
    };
    let (Some(first), Some(last)) = (entries.first(), entries.last()) else {
        return Ok(run.summary);
    };
    let window = TimeDelta::days(MATCH_DAYS);
    let candidates: Vec<&Builtin> = official::between(first.date - window, last.date + window)
        .iter()
        .filter(|b| b.source != BuiltinSource::Fixed && b.id.starts_with("p-"))
        .collect();
    let mut matched: HashSet<&str> = HashSet::new();
    for entry in entries {
        if official::fixed_on(entry.date) {
            run.summary.unchanged += 1;
            continue;
        }
        let found = candidates
            .iter()
            .find(|b| !matched.contains(b.id.as_str()) && (b.date - entry.date).abs() <= window);
        match found {
            Some(b) => {
                matched.insert(b.id.as_str());
                run.confirm(conn, b, entry)?;
            }
            None => run.add_extra(conn, entry)?,
        }
    }
    let ImportRun {
        mut summary, since, ..
    } = run;
    if let Some(since) = since {
        summary.recomputed_requests = store::recompute_for_holiday(conn, config, since, at)?;
    }
    audit_import(conn, actor, since, &summary, at)?;
    Ok(summary)
}

/// The detail of `holiday.import`: the first day it may have changed and what it did (the
/// answer's [`ImportSummary`]).
#[derive(Serialize)]
struct HolidaysImported<'a> {
    from: Option<NaiveDate>,
    #[serde(flatten)]
    summary: &'a ImportSummary,
}

/// The detail of `holiday.create|delete|confirm`.
#[derive(Serialize)]
struct HolidayChanged<'a> {
    date: NaiveDate,
    title: &'a str,
    source: &'a str,
    /// The built-in holiday an admin day confirms.
    confirms: Option<&'a str>,
    recomputed_requests: usize,
}

fn audit_import(
    conn: &mut DbConnection,
    actor: &Actor,
    since: Option<NaiveDate>,
    summary: &ImportSummary,
    at: NaiveDateTime,
) -> ApiResult<()> {
    crate::audit::record(
        conn,
        at,
        crate::audit::Entry {
            subject_id: None,
            ..crate::audit::Entry::by(
                actor,
                crate::audit::Action::HolidayImport,
                crate::audit::Subject::Holiday,
                "",
            )
        }
        .detail(HolidaysImported {
            from: since,
            summary,
        }),
    )
}

fn audit(
    conn: &mut DbConnection,
    actor: &Actor,
    action: crate::audit::Action,
    row: &HolidayRow,
    recomputed: usize,
    at: NaiveDateTime,
) -> ApiResult<()> {
    crate::audit::record(
        conn,
        at,
        crate::audit::Entry::by(actor, action, crate::audit::Subject::Holiday, &row.id).detail(
            HolidayChanged {
                date: row.date,
                title: &row.title,
                source: &row.source,
                confirms: row.builtin_id.as_deref(),
                recomputed_requests: recomputed,
            },
        ),
    )
}

/// How a request's clocks were computed, day by day (404 outside `scope`).
pub fn explain(
    conn: &mut DbConnection,
    config: &Config,
    clock: &Clock,
    scope: &Scope,
    id: &str,
    at: NaiveDateTime,
) -> ApiResult<SlaExplanation> {
    let request = store::visible_request(conn, scope, id)?;
    let cal = store::calendar(conn, config)?;
    let history = store::transitions(conn, &request.id)?;
    let stored = store::rows_for(conn, std::slice::from_ref(&request.id))?.remove(&request.id);
    let sla = super::queries::view_of(conn, config, &cal, stored, &request.id, at)?;
    let runs = clock::runs(&history)
        .iter()
        .map(|r| run_view(r, &cal, &config.sla, at))
        .collect();
    let (open, close) = config.sla.office_hours.to_string_pair();
    let first = history.first().map_or(at, |t| t.at);
    let rules =
        crate::sla::rules::store::overlapping(conn, cal.local_date(first), cal.local_date(at))?
            .into_iter()
            .map(|r| crate::sla::rules::views::WorkingRule::new(r, clock))
            .collect();
    let (computed_at, computed_at_jalali) = Zone::new(cal.tz()).stamp(at).into_parts();
    Ok(SlaExplanation {
        request_id: request.id,
        tracking_code: request.tracking_code,
        status: request.status,
        status_label_fa: request.status.label_fa(),
        sla,
        calendar: CalendarRules {
            time_zone: config.service_timezone.to_string(),
            weekend_days: config
                .sla
                .weekend_days
                .0
                .iter()
                .map(|d| d.to_string())
                .collect(),
            office_opens: open,
            office_closes: close,
            counting_fa: crate::sla::views::COUNTING_FA,
            rules,
            builtin_rules: crate::sla::rules::builtin::all()
                .iter()
                .filter(|b| b.rule.overlaps(cal.local_date(first), cal.local_date(at)))
                .map(crate::sla::views::BuiltinRuleView::new)
                .collect(),
        },
        runs,
        computed_at_jalali,
        computed_at,
    })
}

/// The service-level report over the query's selection.
pub fn report(
    conn: &mut DbConnection,
    config: &Config,
    q: ReportQuery,
    at: NaiveDateTime,
) -> ApiResult<SlaReport> {
    let cal = store::calendar(conn, config)?;
    let sel = Selection {
        from: q.from.map(|d| cal.day_start(d)),
        until: q.to.map(|d| cal.day_start(d + TimeDelta::days(1))),
        organisation_id: q.organisation_id,
    };
    let (overall, agencies) = report::compute(conn, &config.sla, &sel, at)?;
    let (generated_at, generated_at_jalali) = Zone::new(cal.tz()).stamp(at).into_parts();
    Ok(SlaReport {
        from: q.from,
        from_jalali: q.from.map(format_jalali),
        to: q.to,
        to_jalali: q.to.map(format_jalali),
        generated_at_jalali,
        generated_at,
        budgets: Budgets {
            decision: Stage::Decision.budget_days(&config.sla),
            police: Stage::Police.budget_days(&config.sla),
            registration: Stage::Registration.budget_days(&config.sla),
        },
        calendars: crate::sla::views::StageCalendars {
            decision: Stage::Decision.party(&config.sla),
            police: Stage::Police.party(&config.sla),
            registration: Stage::Registration.party(&config.sla),
        },
        overall,
        agencies,
    })
}

/// The longest weekly flow asked for at once: two years of weeks.
const MAX_WEEKS: i64 = 106;

/// Requests filed and closed per week: from the Saturday on or before `from` (default: eleven
/// weeks before the current week's Saturday) to `to` (default: today), both in the service's
/// time zone. Longer than [`MAX_WEEKS`] is 400 `invalid_query` naming `from`.
pub fn weekly_report(
    conn: &mut DbConnection,
    config: &Config,
    q: ReportQuery,
    at: NaiveDateTime,
) -> ApiResult<SlaWeekly> {
    use chrono::Datelike;
    let cal = store::calendar(conn, config)?;
    let to = q.to.unwrap_or_else(|| cal.local_date(at));
    let saturday =
        |d: NaiveDate| d - TimeDelta::days(i64::from((d.weekday().num_days_from_monday() + 2) % 7));
    let first = saturday(q.from.unwrap_or(to - TimeDelta::days(7 * 11)));
    if (to - first).num_days() / 7 + 1 > MAX_WEEKS {
        return Err(ApiError::query_param(
            "from",
            "invalid_range",
            crate::i18n::Msg::new(
                format!(
                    "بازه‌ای بیش از {} هفته را نمی‌پذیرد.",
                    persian_digits(&MAX_WEEKS.to_string())
                ),
                format!("must not start more than {MAX_WEEKS} weeks before 'to'."),
            ),
        ));
    }
    let rows = report::weekly(conn, &cal, first, to, q.organisation_id.as_deref())?;
    let (generated_at, generated_at_jalali) = Zone::new(cal.tz()).stamp(at).into_parts();
    Ok(SlaWeekly {
        from: first,
        from_jalali: format_jalali(first),
        to,
        to_jalali: format_jalali(to),
        generated_at_jalali,
        generated_at,
        weeks: rows
            .into_iter()
            .map(|(start, filed, closed)| {
                let end = (start + TimeDelta::days(6)).min(to);
                WeekFigures {
                    week_start: start,
                    week_start_jalali: format_jalali(start),
                    week_end: end,
                    week_end_jalali: format_jalali(end),
                    filed,
                    closed,
                }
            })
            .collect(),
    })
}
