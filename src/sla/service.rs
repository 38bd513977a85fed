//! SLA rules: the holiday table (every change recomputes the clocks it can move, in the same
//! transaction), the explanation of a request's clocks, and the report.

use chrono::{NaiveDateTime, TimeDelta};

use crate::audit::Actor;
use crate::auth::access::Scope;
use crate::clock::utc;
use crate::config::Config;
use crate::db::DbConnection;
use crate::domain::jalali::format_jalali;
use crate::error::{ApiError, ApiResult};
use crate::http::pagination::Paginated;
use crate::sla::clock::{self, Stage};
use crate::sla::model::{HolidayEntry, HolidayQuery, HolidayRow, ReportQuery, Selection};
use crate::sla::views::{run_view, Budgets, CalendarRules, Holiday, SlaExplanation, SlaReport};
use crate::sla::{report, store};

pub fn holidays(conn: &mut DbConnection, q: &HolidayQuery) -> ApiResult<Paginated<Holiday>> {
    let rows = store::holidays_page(conn, q)?;
    Ok(Paginated::from_rows(
        rows,
        q.limit,
        |r| r.date.to_string(),
        Holiday::from,
    ))
}

/// Adds a holiday (409 `duplicate` when the day already is one) and recomputes the clocks.
pub fn add_holiday(
    conn: &mut DbConnection,
    config: &Config,
    actor: &Actor,
    entry: HolidayEntry,
    at: NaiveDateTime,
) -> ApiResult<HolidayRow> {
    let date = entry.date;
    if store::holiday_on(conn, date)? {
        return Err(ApiError::duplicate(
            format!("روز {} از پیش تعطیل ثبت شده است.", format_jalali(date)),
            format!("{date} is already a holiday."),
        )
        .with_extension("field", "date"));
    }
    let row = HolidayRow {
        id: uuid::Uuid::now_v7().to_string(),
        date,
        title: entry.title,
        created_by: actor.user_id.clone(),
        created_at: at,
    };
    store::insert_holiday(conn, &row)?;
    let recomputed = store::recompute_for_holiday(conn, config, date, at)?;
    audit(
        conn,
        actor,
        crate::audit::Action::HolidayCreate,
        &row,
        recomputed,
    )?;
    Ok(row)
}

/// Removes a holiday and recomputes the clocks.
pub fn remove_holiday(
    conn: &mut DbConnection,
    config: &Config,
    actor: &Actor,
    id: &str,
    at: NaiveDateTime,
) -> ApiResult<()> {
    let row = store::holiday(conn, id)?;
    store::delete_holiday(conn, id)?;
    let recomputed = store::recompute_for_holiday(conn, config, row.date, at)?;
    audit(
        conn,
        actor,
        crate::audit::Action::HolidayDelete,
        &row,
        recomputed,
    )
}

fn audit(
    conn: &mut DbConnection,
    actor: &Actor,
    action: crate::audit::Action,
    row: &HolidayRow,
    recomputed: usize,
) -> ApiResult<()> {
    crate::audit::record(
        conn,
        crate::audit::Entry {
            actor_user_id: Some(&actor.user_id),
            action,
            subject_kind: crate::audit::Subject::Holiday,
            subject_id: Some(&row.id),
            client_ip: Some(&actor.client_ip),
            detail: Some(serde_json::json!({
                "date": row.date,
                "title": row.title,
                "recomputed_requests": recomputed,
            })),
        },
    )
}

/// How a request's clocks were computed, day by day (404 outside `scope`).
pub fn explain(
    conn: &mut DbConnection,
    config: &Config,
    scope: &Scope,
    id: &str,
    at: NaiveDateTime,
) -> ApiResult<SlaExplanation> {
    let request = store::visible_request(conn, scope, id)?;
    let cal = store::calendar(conn, config)?;
    let history = store::transitions(conn, &request.id)?;
    let stored = store::rows_for(conn, std::slice::from_ref(&request.id))?.remove(&request.id);
    let sla = store::view_of(conn, config, &cal, stored, &request.id, at)?;
    let runs = clock::runs(&history)
        .iter()
        .map(|r| run_view(r, &cal, r.stage.budget_days(config), at))
        .collect();
    let (open, close) = config.office_hours.to_string_pair();
    let first = history.first().map_or(at, |t| t.at);
    let rules =
        crate::sla::rules::store::overlapping(conn, cal.local_date(first), cal.local_date(at))?
            .into_iter()
            .map(crate::sla::rules::views::WorkingRule::from)
            .collect();
    Ok(SlaExplanation {
        request_id: request.id,
        tracking_code: request.tracking_code,
        status: request.status,
        status_label_fa: request.status.label_fa(),
        sla,
        calendar: CalendarRules {
            time_zone: config.service_timezone.to_string(),
            weekend_days: config
                .weekend_days
                .0
                .iter()
                .map(|d| d.to_string())
                .collect(),
            office_opens: open,
            office_closes: close,
            working_day_hours: cal.day_secs() as f64 / 3600.0,
            rules,
        },
        runs,
        computed_at_jalali: crate::domain::jalali::format_jalali_instant(at, cal.tz()),
        computed_at: utc(at),
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
    let (overall, agencies) = report::compute(conn, config, &sel, at)?;
    Ok(SlaReport {
        from: q.from,
        from_jalali: q.from.map(format_jalali),
        to: q.to,
        to_jalali: q.to.map(format_jalali),
        generated_at_jalali: crate::domain::jalali::format_jalali_instant(at, cal.tz()),
        generated_at: utc(at),
        budgets: Budgets {
            decision: Stage::Decision.budget_days(config),
            police: Stage::Police.budget_days(config),
            registration: Stage::Registration.budget_days(config),
        },
        overall,
        agencies,
    })
}
