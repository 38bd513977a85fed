//! The SLA routes: `/holidays` (everyone signed in may read the table, an agency needs it to
//! check a deadline; administrators add and remove days), `GET /requests/{id}/sla` (how a
//! request's deadlines were computed, day by day, so that a disputed deadline can be checked
//! by hand) and `GET /reports/sla`.

use actix_web::http::header;
use actix_web::{delete, get, post, web, HttpRequest, HttpResponse};

use crate::auth::access::Scope;
use crate::auth::AuthUser;
use crate::domain::identity::Role;
use crate::error::{ApiResult, Problem};
use crate::http::json::{parse_body, Json};
use crate::http::pagination::{PageParams, Paginated};
use crate::http::rate_limit::with_quota_headers;
use crate::http::table::{download, Lang};
use crate::sla::model::{
    import_entries, ConfirmHoliday, HolidayEntry, HolidayFilter, HolidayImport, HolidayQuery,
    NewHoliday, ReportFilter, ReportFormat, ReportQuery,
};
use crate::sla::report_gate::{self, ReportGate};
use crate::sla::service;
use crate::sla::views::{
    to_table, weekly_table, Holiday, ImportSummary, SlaExplanation, SlaReport, SlaWeekly,
};
use crate::state::AppState;

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list)
        .service(create)
        .service(import)
        .service(confirm)
        .service(remove)
        .service(explain)
        .service(sla_weekly)
        .service(sla_report);
}

/// List holidays.
///
/// List the holidays, earliest first (by date, then id): the built-in official days (the ten
/// fixed solar ones, `source: fixed`, and the lunar ones, `provisional` until confirmed)
/// merged with the stored ones (`confirmed` from the official calendar, `admin` added by
/// hand). A provisional day that was confirmed or moved is listed once, as its `confirmed`
/// row. Two holidays on one day are two entries; clocks count the day once. `year` selects a
/// Jalali (below 1700) or Gregorian year, `from`/`to` narrow it; with none of the three, the
/// current and next Jalali year. Built-in days are known for Jalali 1390–1450. Roles: any
/// signed-in user.
#[utoipa::path(
    operation_id = "list_holidays",
    tag = "sla",
    params(HolidayFilter, PageParams),
    security(("bearer" = [])),
    responses((status = 200, description = "A page of holidays.", body = Paginated<Holiday>))
)]
#[get("/holidays")]
pub async fn list(
    state: web::Data<AppState>,
    _user: AuthUser,
    filter: web::Query<HolidayFilter>,
    page: web::Query<PageParams>,
) -> ApiResult<HttpResponse> {
    let today = state.clock.today();
    let q = HolidayQuery::parse(&filter, &page, today)?;
    let clock = state.clock;
    let page: Paginated<Holiday> = state.db(move |c| service::holidays(c, &clock, &q)).await?;
    Ok(HttpResponse::Ok().json(page))
}

/// Add a holiday.
///
/// Add a holiday (`source: admin`). Roles: `admin`. Running SLA clocks move their deadlines at
/// once (and finished stages that spanned the day are measured again). A date that already is
/// a holiday (built in or stored) is 409 `duplicate`.
#[utoipa::path(
    operation_id = "create_holiday",
    tag = "sla",
    request_body = NewHoliday,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Added.", body = Holiday,
         headers(("Location" = String, description = "The holiday's URL"))),
        (status = 409, description = "That date is already a holiday (`duplicate`).", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/holidays")]
pub async fn create(
    state: web::Data<AppState>,
    user: AuthUser,
    body: Json<NewHoliday>,
) -> ApiResult<HttpResponse> {
    let clock = state.clock;
    user.require(&[Role::Admin])?;
    let entry = HolidayEntry::try_from(body.into_inner()?)?;
    let actor = crate::audit::Actor::of(&user);
    let config = state.config.clone();
    let row = state
        .tx(move |c| service::add_holiday(c, &config, &actor, entry, clock.now()))
        .await?;
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, format!("/api/v1/holidays/{}", row.id)))
        .json(Holiday::stored(row, &state.clock)))
}

/// Import official holidays.
///
/// Import official days (the official calendar, تقویم رسمی): a list of 1–200 `{date, title}`,
/// dates ISO or Jalali. All or nothing: any bad row is 422 naming every bad row
/// (`[3].date`: not a date, no such day such as 1404/12/30, a date twice; `[3].title`: 2–200
/// characters). The official calendar is authoritative: a day on a fixed holiday changes
/// nothing; in date order, each day confirms the earliest not yet matched provisional lunar
/// holiday computed within ±3 days of it (moved when the dates differ); other days are stored
/// as `confirmed` extra days (an `admin` day on that date becomes `confirmed`). Importing the
/// same list again changes nothing. Provisional days the list does not match stay
/// provisional. Clocks are recomputed in the same transaction. Roles: `admin`.
#[utoipa::path(
    operation_id = "import_holidays",
    tag = "sla",
    request_body = Vec<NewHoliday>,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Imported: what changed.", body = ImportSummary),
        (status = 409, description = "A day would take the date of another confirmed holiday (`duplicate`).", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Bad rows, every one named; nothing stored.", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/holidays/import")]
pub async fn import(
    state: web::Data<AppState>,
    user: AuthUser,
    body: Json<HolidayImport>,
) -> ApiResult<HttpResponse> {
    let clock = state.clock;
    user.require(&[Role::Admin])?;
    let entries = import_entries(body.into_inner()?)?;
    let actor = crate::audit::Actor::of(&user);
    let config = state.config.clone();
    let summary = state
        .tx(move |c| service::import_holidays(c, &config, &actor, entries, clock.now()))
        .await?;
    Ok(HttpResponse::Ok().json(summary))
}

/// Confirm a provisional holiday.
///
/// Confirm a provisional lunar holiday from the official calendar: at its computed date, or
/// moved to `date`. `id` is the provisional id (`p-1448-01-10`) or, once confirmed, the stored
/// row's id (moving it again). The provisional day is then listed as the `confirmed` row.
/// Clocks are recomputed for both dates. Roles: `admin`.
#[utoipa::path(
    operation_id = "confirm_holiday",
    tag = "sla",
    params(("id" = String, Path, description = "Provisional holiday id or confirmed row id")),
    request_body(content = Option<ConfirmHoliday>, description = "Optional; without a body the computed (or current) date is confirmed."),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Moved or re-confirmed.", body = Holiday),
        (status = 201, description = "Confirmed (stored).", body = Holiday),
        (status = 404, description = "No such holiday.", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "A fixed holiday, a day that confirms nothing (`conflict`), or the date is another stored holiday (`duplicate`).", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/holidays/{id}/confirm")]
pub async fn confirm(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    body: web::Bytes,
) -> ApiResult<HttpResponse> {
    let clock = state.clock;
    user.require(&[Role::Admin])?;
    let input: ConfirmHoliday = if body.iter().all(u8::is_ascii_whitespace) {
        ConfirmHoliday::default()
    } else {
        parse_body(&body)?.0
    };
    let date = input.date()?;
    let id = id.into_inner();
    let actor = crate::audit::Actor::of(&user);
    let config = state.config.clone();
    let (row, created) = state
        .tx(move |c| service::confirm_holiday(c, &config, &actor, &id, date, clock.now()))
        .await?;
    let mut reply = if created {
        HttpResponse::Created()
    } else {
        HttpResponse::Ok()
    };
    Ok(reply
        .insert_header((header::LOCATION, format!("/api/v1/holidays/{}", row.id)))
        .json(Holiday::stored(row, &state.clock)))
}

/// Remove a holiday.
///
/// Remove a stored holiday (`admin` or `confirmed`; removing a confirmed day brings its
/// provisional day back). Built-in days are 409: fixed ones stay, provisional ones are
/// confirmed or moved instead. Roles: `admin`. SLA clocks are recomputed as for adding one.
#[utoipa::path(
    operation_id = "delete_holiday",
    tag = "sla",
    params(("id" = String, Path, description = "Holiday id")),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Removed."),
        (status = 409, description = "A built-in holiday (`conflict`).", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/holidays/{id}")]
pub async fn remove(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let clock = state.clock;
    user.require(&[Role::Admin])?;
    let id = id.into_inner();
    let actor = crate::audit::Actor::of(&user);
    let config = state.config.clone();
    state
        .tx(move |c| service::remove_holiday(c, &config, &actor, &id, clock.now()))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Explain a request's SLA clocks.
///
/// How the request's SLA clocks were computed: the calendar rules (the default settings and
/// the working rules in force over the request's span), each stage run with its running and
/// paused spans, and every day with what it counted (weekends, holidays, closed and paused
/// days count nothing; a part-day closure or other office hours count their own hours) and
/// the working rule behind it. Roles: as for reading the request.
#[utoipa::path(
    operation_id = "get_request_sla",
    tag = "sla",
    params(("id" = uuid::Uuid, Path, description = "Request id")),
    security(("bearer" = [])),
    responses((status = 200, description = "The computation, day by day.", body = SlaExplanation))
)]
#[get("/requests/{id}/sla")]
pub async fn explain(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let clock = state.clock;
    let scope = Scope::requests(&user)?;
    let id = id.into_inner();
    let config = state.config.clone();
    let body: SlaExplanation = state
        .db(move |c| service::explain(c, &config, &clock, &scope, &id, clock.now()))
        .await?;
    Ok(HttpResponse::Ok().json(body))
}

/// The service-level report.
///
/// The service-level report over requests filed in a date range: overall and per agency,
/// counts by status, median and 90th-percentile working days per stage (latest completed run
/// of each request; nearest rank; hundredths of a working day, rounded up), the share
/// completed within budget, requests overdue now, the average feedback rating, and the
/// police's refusals (`refusal_reasons`) and the directorate's rejections
/// (`rejection_reasons`) counted by reason code, every code present. `Accept:
/// text/csv` (or `?format=csv`) gives the same as CSV (UTF-8 with a byte-order mark);
/// `?format=xlsx` as an Excel workbook (a right-to-left sheet, frozen header row, number and
/// date cells). `lang=fa` (or `Accept-Language: fa`) gives Persian headers and the range's
/// days with their Jalali twins; the CSV's headers default to English, the workbook's to
/// Persian. Roles: `directorate`, `admin`.
/// Per-request detail of the computation is at `GET /requests/{id}/sla`.
///
/// Served from a cache per range while nothing it depends on changed (at most
/// `SLA_REPORT_CACHE_SECS`); at most `SLA_REPORT_CONCURRENCY` computations at once; rate
/// limited per user (`SLA_REPORT_RATE_PER_MINUTE`).
#[utoipa::path(
    operation_id = "get_sla_report",
    tag = "sla",
    params(ReportFilter),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The report (`Cache-Status` tells whether it came from the cache; `RateLimit-Policy`/`RateLimit` the caller's standing).", content(
            (SlaReport = "application/json"),
            (String = "text/csv", example = "scope,organisation_id,organisation_name,requests,..."),
            (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        )),
        (status = 429, description = "More than `SLA_REPORT_RATE_PER_MINUTE` calls this minute (`rate_limited`, `Retry-After`).", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "No computation slot within `SLA_REPORT_TIMEOUT_SECS` (`service_unavailable`, `Retry-After`).", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/reports/sla")]
pub async fn sla_report(
    req: HttpRequest,
    state: web::Data<AppState>,
    gate: web::Data<ReportGate>,
    user: AuthUser,
    filter: web::Query<ReportFilter>,
) -> ApiResult<HttpResponse> {
    let clock = state.clock;
    let quota = report_quota(&gate, &user)?;
    let answer = async move {
        let (q, lang) = report_query(&req, filter.into_inner())?;
        let format = q.format;
        let (report, hit) = cached_or_computed(state, gate, q, clock.now()).await?;
        report_response(format, lang, &report, hit)
    };
    with_quota_headers(&[quota], answer.await)
}

/// Requests filed and closed per week.
///
/// Requests filed and requests closed (steps into `completed`, `rejected` or `withdrawn`) per
/// week, Saturday to Friday in the service's time zone, oldest week first, every week
/// present: from the Saturday on or before `from` (default: eleven weeks before this week) to
/// `to` (default: today), at most 106 weeks (longer is 400 `invalid_query`, `invalid_range`
/// at `from`), optionally one agency's (`organisation_id`). The dashboard's "filed and
/// closed" chart. `?format=csv` (or `Accept: text/csv`) and `?format=xlsx` give the same
/// figures as the service-level report's downloads do (`lang=fa`: Persian headers and Jalali
/// columns). Rate limited with the service-level report (`SLA_REPORT_RATE_PER_MINUTE`).
/// Roles: `directorate`, `admin`.
#[utoipa::path(
    operation_id = "get_sla_weekly",
    tag = "sla",
    params(ReportFilter),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The weeks.", content(
            (SlaWeekly = "application/json"),
            (String = "text/csv", example = "week_start,week_end,filed,closed"),
            (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        )),
        (status = 429, description = "More than `SLA_REPORT_RATE_PER_MINUTE` calls this minute (`rate_limited`, `Retry-After`).", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/reports/sla/weekly")]
pub async fn sla_weekly(
    req: HttpRequest,
    state: web::Data<AppState>,
    gate: web::Data<ReportGate>,
    user: AuthUser,
    filter: web::Query<ReportFilter>,
) -> ApiResult<HttpResponse> {
    let clock = state.clock;
    let quota = report_quota(&gate, &user)?;
    let answer = async move {
        let (q, lang) = report_query(&req, filter.into_inner())?;
        let format = q.format;
        let config = state.config.clone();
        let at = clock.now();
        let weekly = state
            .read(move |c| service::weekly_report(c, &config, q, at))
            .await?;
        let sheet = lang.pick_text("جریان هفتگی", "Weekly flow");
        match format {
            ReportFormat::Json => Ok(HttpResponse::Ok().json(weekly)),
            ReportFormat::Csv | ReportFormat::Xlsx => download(
                &weekly_table(&weekly, lang),
                "sla-weekly",
                sheet,
                lang,
                matches!(format, ReportFormat::Xlsx),
                &[],
            ),
        }
    };
    with_quota_headers(&[quota], answer.await)
}

/// A report call's standing: the caller's role checked and one call counted against the
/// reports' shared rate limit.
fn report_quota(gate: &ReportGate, user: &AuthUser) -> ApiResult<crate::http::rate_limit::Quota> {
    user.require(&[Role::Directorate, Role::Admin])?;
    gate.limiter
        .check(report_gate::POLICY, &format!("sla-report:{}", user.id))
}

/// A report call's query and the language of its download (Persian by default for a
/// workbook, English for CSV and JSON).
fn report_query(req: &HttpRequest, filter: ReportFilter) -> ApiResult<(ReportQuery, Lang)> {
    let header_of = |name: header::HeaderName| {
        req.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    };
    let lang = filter.lang.clone();
    let q = ReportQuery::parse(filter, header_of(header::ACCEPT))?;
    let default = match q.format {
        ReportFormat::Xlsx => Lang::Fa,
        _ => Lang::En,
    };
    let accept_language = header_of(header::ACCEPT_LANGUAGE);
    let lang = crate::http::table::export_lang(lang.as_deref(), accept_language, default)?;
    Ok((q, lang))
}

/// The report for `q`: from the cache when nothing it counts changed since it was computed,
/// otherwise computed within the gate's concurrency bound (and kept). `true` for a hit.
async fn cached_or_computed(
    state: web::Data<AppState>,
    gate: web::Data<ReportGate>,
    q: ReportQuery,
    at: chrono::NaiveDateTime,
) -> ApiResult<(std::sync::Arc<SlaReport>, bool)> {
    let key = report_gate::Key::of(&q);
    let seen = state.read(report_gate::Fingerprint::read).await?;
    if let Some(r) = gate.cached(&key, &seen, at) {
        return Ok((r, true));
    }
    let config = state.config.clone();
    let (st, g) = (state.clone(), gate.clone());
    g.bounded(move |slot| async move {
        // Another caller may have computed this range while this one waited.
        let seen = st.read(report_gate::Fingerprint::read).await?;
        if let Some(r) = gate.cached(&key, &seen, at) {
            return Ok((r, true));
        }
        let (fingerprint, report) = st
            .read(move |c| {
                let _slot = slot;
                // Read before computing: a change made meanwhile leaves the answer stored
                // under an older fingerprint, so it is not reused.
                let fingerprint = report_gate::Fingerprint::read(c)?;
                Ok((fingerprint, service::report(c, &config, q, at)?))
            })
            .await?;
        let report = std::sync::Arc::new(report);
        gate.keep(key, fingerprint, at, report.clone());
        Ok((report, false))
    })
    .await
}

/// The report as JSON, CSV or a workbook, with `Cache-Status` saying whether the cache
/// answered.
fn report_response(
    format: ReportFormat,
    lang: Lang,
    report: &SlaReport,
    hit: bool,
) -> ApiResult<HttpResponse> {
    let status = if hit {
        "plate-permits; hit"
    } else {
        "plate-permits; fwd=miss; stored"
    };
    let sheet = lang.pick_text("گزارش سطح خدمت", "SLA report");
    let headers = [(CACHE_STATUS, status)];
    match format {
        ReportFormat::Json => Ok(HttpResponse::Ok()
            .insert_header((CACHE_STATUS, status))
            .json(report)),
        ReportFormat::Csv => download(
            &to_table(report, lang),
            "sla-report",
            sheet,
            lang,
            false,
            &headers,
        ),
        ReportFormat::Xlsx => download(
            &to_table(report, lang),
            "sla-report",
            sheet,
            lang,
            true,
            &headers,
        ),
    }
}

/// RFC 9211 `Cache-Status`: whether the report came from the cache (`hit`) or was computed.
const CACHE_STATUS: &str = "cache-status";
