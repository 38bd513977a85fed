//! `/requests/{id}/permit`, `/requests/{id}/registration`, `/permits`, the police's receipts
//! and the public permit verification.

use actix_web::http::header;
use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use chrono::{DateTime, NaiveDateTime, TimeDelta, Utc};
use diesel::prelude::*;
use serde::Deserialize;
use utoipa::IntoParams;

use crate::auth::AuthUser;
use crate::clock::{now, Clock};
use crate::db::schema::{permits, receipts, registrations, requests};
use crate::db::DbConnection;
use crate::domain::identity::Role;
use crate::domain::jalali::parse_date;
use crate::domain::status::Action;
use crate::domain::text::normalize_code;
use crate::domain::tracking::TrackingCode;
use crate::error::{ApiError, ApiResult, ErrorCode, FieldIssue, Problem};
use crate::http::client::client_ip;
use crate::http::etag::{etag, with_etag, IfMatch};
use crate::http::idempotency::{IdempotencyKey, Recorded};
use crate::http::json::Json;
use crate::http::pagination::{PageParams, Paginated};
use crate::permits::model::*;
use crate::permits::store;
use crate::requests::model::RequestView;
use crate::requests::service::{self, Effects};
use crate::state::AppState;
use crate::validate::Issues;

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(issue)
        .service(register)
        .service(verify)
        .service(list)
        .service(get_one)
        .service(post_receipt);
}

/// Clock skew tolerated for times reported by other systems.
const SKEW: TimeDelta = TimeDelta::minutes(5);

/// Who may see permits: all but agencies, which see their own organisation's.
fn org_filter(user: &AuthUser) -> Option<String> {
    (user.role == Role::Agency).then(|| user.org_id.clone())
}

fn load_visible(conn: &mut DbConnection, user: &AuthUser, id: &str) -> ApiResult<PermitRow> {
    let (row, org): (PermitRow, String) = permits::table
        .inner_join(requests::table)
        .filter(permits::id.eq(id))
        .select((PermitRow::as_select(), requests::organisation_id))
        .first(conn)?;
    match org_filter(user) {
        Some(own) if own != org => Err(ApiError::not_found()),
        _ => Ok(row),
    }
}

fn view(conn: &mut DbConnection, row: PermitRow) -> ApiResult<PermitView> {
    let receipt = store::receipt_of(conn, &row.id)?;
    Ok(PermitView::build(row, receipt, now()))
}

fn code_field(issues: &mut Issues, field: &str, value: &str, max: usize) -> String {
    let v = normalize_code(value);
    if v.is_empty() {
        issues.push(FieldIssue::required(field));
    } else if v.chars().count() > max || v.chars().any(char::is_control) {
        issues.push(FieldIssue::new(
            field,
            "invalid_value",
            format!("حداکثر {max} نویسه مجاز است."),
            format!("At most {max} printable characters."),
        ));
    }
    v
}

/// `valid_until`: an RFC 3339 time, or a date (valid through the end of that day, Tehran time).
fn parse_valid_until(value: &str, clock: &Clock) -> Option<NaiveDateTime> {
    if let Ok(t) = DateTime::parse_from_rfc3339(value.trim()) {
        return Some(t.with_timezone(&Utc).naive_utc());
    }
    parse_date(value).ok().map(|d| clock.day_end_utc(d))
}

/// Issue the plate-removal permit (recorded in the national vehicle system and sent to the
/// police): `under_review` → `permit_issued`. Roles: `directorate`. Honours `If-Match` (the
/// request's `ETag`).
#[utoipa::path(
    tag = "permits",
    params(
        ("id" = String, Path, description = "Request id"),
        ("If-Match" = Option<String>, Header, description = "The request's `ETag` last read; 412 when stale."),
    ),
    request_body = IssuePermit,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Issued; `Location` is the permit.", body = PermitView),
        (status = 409, description = "Not allowed in the current state (`invalid_transition`) or the national permit number is taken (`duplicate`).", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Stale `If-Match`.", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/requests/{id}/permit")]
pub async fn issue(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    if_match: IfMatch,
    body: Json<IssuePermit>,
) -> ApiResult<HttpResponse> {
    user.require(Action::IssuePermit.roles())?;
    service::ensure_visible(&state, &user, &id).await?;
    let input = body.into_inner()?;
    let mut issues = Issues::new();
    let national = code_field(
        &mut issues,
        "national_permit_number",
        &input.national_permit_number,
        64,
    );
    let notes = issues.opt_text("notes", input.notes.as_deref(), 2000);
    let at = now();
    let max_days = i64::from(state.config.permit_max_validity_days);
    let valid_until = match parse_valid_until(&input.valid_until, &state.clock) {
        None => {
            issues.push(FieldIssue::new(
                "valid_until",
                "invalid_date",
                "زمان نامعتبر است (۱۴۰۳/۰۹/۱۵، 2024-12-05 یا 2024-12-05T12:00:00Z).",
                "Invalid time (1403/09/15, 2024-12-05 or 2024-12-05T12:00:00Z).",
            ));
            at
        }
        Some(t) if t <= at => {
            issues.push(FieldIssue::new(
                "valid_until",
                "past_date",
                "اعتبار مجوز باید تا زمانی در آینده باشد.",
                "valid_until must be in the future.",
            ));
            t
        }
        Some(t) if t > at + TimeDelta::days(max_days) + TimeDelta::days(1) => {
            issues.push(FieldIssue::new(
                "valid_until",
                "too_far",
                format!("اعتبار مجوز حداکثر {max_days} روز است."),
                format!("A permit is valid for at most {max_days} days."),
            ));
            t
        }
        Some(t) => t,
    };
    issues.finish()?;
    let request_id = id.into_inner();
    let config = state.config.clone();
    let permit = state
        .tx(move |conn| {
            let taken: i64 = permits::table
                .filter(permits::national_permit_number.eq(&national))
                .count()
                .get_result(conn)?;
            if taken > 0 {
                return Err(ApiError::duplicate(
                    "این شمارهٔ مجوز سامانهٔ جامع خودرو پیش‌تر ثبت شده است.",
                    "This national permit number is already recorded.",
                )
                .with_extension("field", "national_permit_number"));
            }
            let permit_id = uuid::Uuid::now_v7().to_string();
            let pid = permit_id.clone();
            service::apply(
                conn,
                &config,
                &user,
                &request_id,
                Action::IssuePermit,
                if_match,
                notes.as_deref(),
                Effects::default(),
                at,
                |c, row| {
                    let mut number = TrackingCode::generate();
                    for _ in 0..8 {
                        let used: i64 = permits::table
                            .filter(permits::permit_number.eq(number.as_str()))
                            .count()
                            .get_result(c)?;
                        if used == 0 {
                            break;
                        }
                        number = TrackingCode::generate();
                    }
                    let permit = PermitRow {
                        id: pid,
                        permit_number: number.as_str().to_owned(),
                        national_permit_number: national,
                        request_id: row.id.clone(),
                        tracking_code: row.tracking_code.clone(),
                        plate: row.plate.clone(),
                        vin: row.vin.clone(),
                        issued_at: at,
                        issued_by: user.id.clone(),
                        valid_until,
                        notes: notes.clone(),
                        status: "issued".to_owned(),
                        queue_rank: 0,
                        version: 1,
                        updated_at: at,
                    };
                    diesel::insert_into(permits::table)
                        .values(&permit)
                        .execute(c)?;
                    crate::permits::service::emit_issued(c, &permit, &row.organisation_id, at)
                },
            )?;
            let row = permits::table
                .find(&permit_id)
                .select(PermitRow::as_select())
                .first(conn)?;
            view(conn, row)
        })
        .await?;
    let mut b = HttpResponse::build(StatusCode::CREATED);
    b.insert_header((header::LOCATION, format!("/api/v1/permits/{}", permit.id)));
    with_etag(&mut b, permit.version);
    Ok(b.json(permit))
}

/// Record the removal in the national vehicle system: `plate_removed` → `completed`.
/// Roles: `directorate`, `registry`. Honours `If-Match` (the request's `ETag`).
#[utoipa::path(
    tag = "permits",
    params(
        ("id" = String, Path, description = "Request id"),
        ("If-Match" = Option<String>, Header, description = "The request's `ETag` last read; 412 when stale."),
    ),
    request_body = PostRegistration,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Completed.", body = RequestView),
        (status = 409, description = "Not allowed in the current state (`invalid_transition`) or the registration number is taken (`duplicate`).", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Stale `If-Match`.", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/requests/{id}/registration")]
pub async fn register(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    if_match: IfMatch,
    body: Json<PostRegistration>,
) -> ApiResult<HttpResponse> {
    user.require(Action::Register.roles())?;
    service::ensure_visible(&state, &user, &id).await?;
    let input = body.into_inner()?;
    let mut issues = Issues::new();
    let number = code_field(
        &mut issues,
        "national_registration_number",
        &input.national_registration_number,
        64,
    );
    let registered_at = input.registered_at.naive_utc();
    let at = now();
    if registered_at > at + SKEW {
        issues.push(FieldIssue::new(
            "registered_at",
            "future_date",
            "زمان ثبت نمی‌تواند در آینده باشد.",
            "registered_at cannot be in the future.",
        ));
    }
    issues.finish()?;
    let request_id = id.into_inner();
    let config = state.config.clone();
    let view = state
        .tx(move |conn| {
            let taken: i64 = registrations::table
                .filter(registrations::national_registration_number.eq(&number))
                .count()
                .get_result(conn)?;
            if taken > 0 {
                return Err(ApiError::duplicate(
                    "این شمارهٔ ثبت پیش‌تر ثبت شده است.",
                    "This national registration number is already recorded.",
                )
                .with_extension("field", "national_registration_number"));
            }
            let after = service::apply(
                conn,
                &config,
                &user,
                &request_id,
                Action::Register,
                if_match,
                Some(&number),
                Effects::default(),
                at,
                |c, row| {
                    diesel::insert_into(registrations::table)
                        .values(&RegistrationRow {
                            request_id: row.id.clone(),
                            national_registration_number: number.clone(),
                            registered_at,
                            recorded_at: at,
                            recorded_by: user.id.clone(),
                        })
                        .execute(c)?;
                    Ok(())
                },
            )?;
            service::view(conn, &config, &user, after)
        })
        .await?;
    let mut b = HttpResponse::Ok();
    b.insert_header((header::ETAG, etag(view.version)));
    Ok(b.json(view))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PermitFilter {
    pub status: Option<PermitStatus>,
    /// Only permits changed at or after this time (for systems that poll).
    pub updated_since: Option<DateTime<Utc>>,
}

/// List permits: those waiting for the police first, then newest first. Roles: `directorate`,
/// `admin`, `registry`, `police` (all permits, which are all addressed to the police);
/// `agency` (its own requests' permits).
#[utoipa::path(
    tag = "permits",
    params(PermitFilter, PageParams),
    security(("bearer" = [])),
    responses((status = 200, description = "A page of permits.", body = Paginated<PermitView>))
)]
#[get("/permits")]
pub async fn list(
    state: web::Data<AppState>,
    user: AuthUser,
    filter: web::Query<PermitFilter>,
    page: web::Query<PageParams>,
) -> ApiResult<HttpResponse> {
    let page = page.page()?;
    let after = page.after_ranked()?;
    let filter = filter.into_inner();
    let org = org_filter(&user);
    let (views, keys) = state
        .db(move |conn| {
            let at = now();
            let mut q = permits::table
                .inner_join(requests::table)
                .select(PermitRow::as_select())
                .order((permits::queue_rank.asc(), permits::id.desc()))
                .limit(page.limit + 1)
                .into_boxed();
            if let Some(org) = org {
                q = q.filter(requests::organisation_id.eq(org));
            }
            match filter.status {
                None => {}
                Some(PermitStatus::Used) => q = q.filter(permits::status.eq("used")),
                Some(PermitStatus::Refused) => q = q.filter(permits::status.eq("refused")),
                Some(PermitStatus::Issued) => {
                    q = q
                        .filter(permits::status.eq("issued"))
                        .filter(permits::valid_until.ge(at))
                }
                Some(PermitStatus::Expired) => {
                    q = q
                        .filter(permits::status.eq("issued"))
                        .filter(permits::valid_until.lt(at))
                }
            }
            if let Some(since) = filter.updated_since {
                q = q.filter(permits::updated_at.ge(since.naive_utc()));
            }
            if let Some((rank, id)) = after {
                q = q.filter(
                    permits::queue_rank
                        .gt(rank)
                        .or(permits::queue_rank.eq(rank).and(permits::id.lt(id))),
                );
            }
            let rows: Vec<PermitRow> = q.load(conn)?;
            let keys: Vec<String> = rows
                .iter()
                .map(|r| format!("{}:{}", r.queue_rank, r.id))
                .collect();
            let mut views = Vec::with_capacity(rows.len());
            for r in rows {
                views.push(view(conn, r)?);
            }
            Ok((views, keys))
        })
        .await?;
    Ok(HttpResponse::Ok().json(Paginated::from_keyed(keys, views, page.limit)))
}

/// One permit with its receipt. Roles: as for the list; another agency's permit is 404.
#[utoipa::path(
    tag = "permits",
    params(("id" = String, Path, description = "Permit id")),
    security(("bearer" = [])),
    responses((status = 200, description = "The permit.", body = PermitView, headers(("ETag" = String))))
)]
#[get("/permits/{id}")]
pub async fn get_one(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let permit = state
        .db(move |conn| {
            let row = load_visible(conn, &user, &id)?;
            view(conn, row)
        })
        .await?;
    let mut b = HttpResponse::Ok();
    with_etag(&mut b, permit.version);
    Ok(b.json(permit))
}

/// Post the police's receipt: `removed` moves the request to `plate_removed` (permit `used`),
/// `refused` to `removal_refused` (permit `refused`; `notes` must give the reason).
/// Roles: `police`.
///
/// Honours `Idempotency-Key` (per user, 24 h): an identical retry replays the 201; the same key
/// with another body is 422 `idempotency_key_reused`. A second receipt for the same permit is
/// 409 `duplicate`; after `valid_until` it is 409 `permit_expired`. Honours `If-Match` (the
/// permit's `ETag`).
#[utoipa::path(
    tag = "permits",
    params(
        ("id" = String, Path, description = "Permit id"),
        ("Idempotency-Key" = Option<String>, Header, description = "Makes retries safe (1–255 visible ASCII characters)."),
        ("If-Match" = Option<String>, Header, description = "The permit's `ETag` last read; 412 when stale."),
    ),
    request_body = PostReceipt,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Recorded; the permit with its receipt.", body = PermitView),
        (status = 409, description = "A receipt exists (`duplicate`), the permit expired (`permit_expired`), or the key is in flight (`idempotency_in_flight`).", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Stale `If-Match`.", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/permits/{id}/receipt")]
pub async fn post_receipt(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    if_match: IfMatch,
    idem: IdempotencyKey,
    body: Json<PostReceipt>,
) -> ApiResult<HttpResponse> {
    user.require(&[Role::Police])?;
    let (input, hash) = body.into_parts()?;
    let mut issues = Issues::new();
    let receipt_number = code_field(&mut issues, "receipt_number", &input.receipt_number, 64);
    let officer_name = input
        .officer_name
        .as_deref()
        .map(|n| issues.line("officer_name", n, 0, 100))
        .filter(|n| !n.is_empty());
    let unit = input
        .unit
        .as_deref()
        .map(|n| issues.line("unit", n, 0, 100))
        .filter(|n| !n.is_empty());
    let notes = issues.opt_text("notes", input.notes.as_deref(), 2000);
    if input.outcome == Outcome::Refused && notes.is_none() {
        issues.push(FieldIssue::new(
            "notes",
            "required",
            "برای عدم تأیید فک پلاک، دلیل را بنویسید.",
            "notes (the reason) is required when the outcome is 'refused'.",
        ));
    }
    if input.plates_count.is_some_and(|n| !(1..=2).contains(&n)) {
        issues.push(FieldIssue::new(
            "plates_count",
            "invalid_value",
            "تعداد پلاک ۱ یا ۲ است.",
            "plates_count is 1 or 2.",
        ));
    }
    let occurred_at = input.occurred_at.naive_utc();
    if occurred_at > now() + SKEW {
        issues.push(FieldIssue::new(
            "occurred_at",
            "future_date",
            "زمان رویداد نمی‌تواند در آینده باشد.",
            "occurred_at cannot be in the future.",
        ));
    }
    issues.finish()?;
    let permit_id = id.into_inner();
    let endpoint = format!("POST /permits/{permit_id}/receipt");
    let config = state.config.clone();
    let call = idem.call(&user.id, &endpoint, hash);
    state
        .idempotent(call, move |c| {
            let at = now();
            let permit = load_visible(c, &user, &permit_id)?;
            if_match.check(permit.version)?;
            if store::receipt_of(c, &permit.id)?.is_some() {
                return Err(ApiError::duplicate(
                    "برای این مجوز پیش‌تر رسید ثبت شده است.",
                    "A receipt was already posted for this permit.",
                ));
            }
            if permit.valid_until < at {
                return Err(ApiError::conflict(
                    ErrorCode::PermitExpired,
                    "اعتبار این مجوز به پایان رسیده است.",
                    "This permit has expired.",
                ));
            }
            if occurred_at < permit.issued_at {
                return Err(ApiError::invalid_field(FieldIssue::new(
                    "occurred_at",
                    "before_issue",
                    "زمان رویداد پیش از صدور مجوز است.",
                    "occurred_at is before the permit was issued.",
                )));
            }
            let (action, outcome, new_status) = match input.outcome {
                Outcome::Removed => (Action::RecordRemoval, "removed", "used"),
                Outcome::Refused => (Action::RecordRefusal, "refused", "refused"),
            };
            service::apply(
                c,
                &config,
                &user,
                &permit.request_id,
                action,
                IfMatch(None),
                notes.as_deref(),
                Effects::default(),
                at,
                |c, row| {
                    let receipt = ReceiptRow {
                        id: uuid::Uuid::now_v7().to_string(),
                        permit_id: permit.id.clone(),
                        request_id: row.id.clone(),
                        outcome: outcome.to_owned(),
                        receipt_number,
                        occurred_at,
                        plates_count: input.plates_count,
                        officer_name,
                        unit,
                        notes: notes.clone(),
                        recorded_at: at,
                        recorded_by: user.id.clone(),
                    };
                    diesel::insert_into(receipts::table)
                        .values(&receipt)
                        .execute(c)?;
                    let n = diesel::update(
                        permits::table
                            .filter(permits::id.eq(&permit.id))
                            .filter(permits::version.eq(permit.version)),
                    )
                    .set((
                        permits::status.eq(new_status),
                        permits::queue_rank.eq(1),
                        permits::version.eq(permit.version + 1),
                        permits::updated_at.eq(at),
                    ))
                    .execute(c)?;
                    if n == 0 {
                        return Err(ApiError::duplicate(
                            "برای این مجوز پیش‌تر رسید ثبت شده است.",
                            "A receipt was already posted for this permit.",
                        ));
                    }
                    crate::permits::service::emit_receipt_recorded(
                        c,
                        &permit,
                        &receipt,
                        &row.organisation_id,
                        at,
                    )
                },
            )?;
            let row = permits::table
                .find(&permit.id)
                .select(PermitRow::as_select())
                .first(c)?;
            let v = view(c, row)?;
            let recorded = Recorded::json(
                StatusCode::CREATED,
                &v,
                Some(format!("/api/v1/permits/{}", v.id)),
                Some(etag(v.version)),
            )?;
            Ok(recorded)
        })
        .await
}

/// Check a printed permit: whether the number is genuine and still valid. **Public**, rate
/// limited per client address; shows nothing but the number, status and validity.
#[utoipa::path(
    tag = "permits",
    params(("permit_number" = String, Path, description = "The permit number as printed (Persian digits and dashes accepted)")),
    responses(
        (status = 200, description = "The permit's status.", body = PermitVerification),
        (status = 404, description = "No such permit (`not_found`).", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many look-ups (`rate_limited`).", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/permits/verify/{permit_number}")]
pub async fn verify(
    state: web::Data<AppState>,
    req: HttpRequest,
    number: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let ip = client_ip(&req, state.config.trust_proxy);
    state.public_limiter.check(&format!("verify:{ip}"))?;
    let number = TrackingCode::parse(&number).ok_or_else(ApiError::not_found)?;
    let number = number.as_str().to_owned();
    let result = state
        .db(move |conn| {
            let row: PermitRow = permits::table
                .filter(permits::permit_number.eq(&number))
                .select(PermitRow::as_select())
                .first(conn)?;
            Ok(PermitVerification {
                status: row.shown_status(now()),
                permit_number: row.permit_number,
                valid_until: crate::clock::utc(row.valid_until),
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(result))
}
