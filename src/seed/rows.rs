//! The rows of one batch of seeded requests, built in memory by the application's own types
//! (the SLA clocks by the real clock code) and written in one transaction: `COPY … FROM STDIN`
//! (binary) on PostgreSQL, multi-row inserts on SQLite.

use chrono::{NaiveDateTime, TimeDelta};
use diesel::prelude::*;

use crate::config::Config;
use crate::db::schema::{
    feedback, permits, request_history, request_sla, requests, tracking_codes,
};
use crate::db::DbConnection;
use crate::domain::identity::Role;
use crate::domain::reasons::RejectionReason;
use crate::domain::status::{RequestStatus, TRANSITIONS};
use crate::domain::tracking::with_check_digit;
use crate::error::{ApiError, ApiResult};
use crate::permits::model::{PermitRow, PermitState, QUEUE_DONE, QUEUE_OPEN};
use crate::requests::model::{HistoryRow, Reason, RequestRow, VehicleType};
use crate::sla::calendar::Calendar;
use crate::sla::clock::{summarise, Transition};
use crate::sla::queries::SlaRow;

use super::{plate_for, vehicle_identity, SeedRequest, SeededAgency, Staff};

type CodeRow = (
    diesel::dsl::Eq<tracking_codes::code, String>,
    diesel::dsl::Eq<tracking_codes::kind, &'static str>,
    diesel::dsl::Eq<tracking_codes::subject_id, String>,
    diesel::dsl::Eq<tracking_codes::created_at, NaiveDateTime>,
);

type RatingRow = (
    diesel::dsl::Eq<feedback::request_id, String>,
    diesel::dsl::Eq<feedback::organisation_id, String>,
    diesel::dsl::Eq<feedback::rating, i32>,
    diesel::dsl::Eq<feedback::created_at, NaiveDateTime>,
    diesel::dsl::Eq<feedback::created_by, String>,
);

/// Everything one batch writes, table by table.
#[derive(Default)]
struct Batch {
    codes: Vec<CodeRow>,
    requests: Vec<RequestRow>,
    history: Vec<HistoryRow>,
    slas: Vec<SlaRow>,
    ratings: Vec<RatingRow>,
    permits: Vec<PermitRow>,
    ids: Vec<String>,
}

/// Inserts the requests, their histories and SLA clocks in one transaction per call; `at` is
/// the instant the SLA clocks are computed at (and the rows' write time). Every step is taken
/// by the agency's user and no permit is written (see [`requests_with`]).
pub fn requests(
    conn: &mut DbConnection,
    config: &Config,
    batch: &[SeedRequest<'_>],
    salt: u64,
    at: NaiveDateTime,
) -> ApiResult<Vec<String>> {
    requests_with(conn, config, batch, salt, at, None)
}

/// As [`requests`]; with `staff`, the directorate's and the police's steps are taken by their
/// users and every request that reached `permit_issued` has its permit (in the police queue
/// while the request waits for the police).
pub fn requests_with(
    conn: &mut DbConnection,
    config: &Config,
    batch: &[SeedRequest<'_>],
    salt: u64,
    at: NaiveDateTime,
    staff: Option<&Staff>,
) -> ApiResult<Vec<String>> {
    let cal = crate::sla::queries::calendar(conn, config)?;
    let mut out = Batch::default();
    for r in batch {
        add_request(&mut out, r, salt, &cal, config, at, staff)?;
    }
    crate::db::write_tx(conn, |c| write(c, &out))?;
    Ok(out.ids)
}

/// Adds one request with everything that hangs on it to `out`.
fn add_request(
    out: &mut Batch,
    r: &SeedRequest<'_>,
    salt: u64,
    cal: &Calendar,
    config: &Config,
    at: NaiveDateTime,
    staff: Option<&Staff>,
) -> ApiResult<()> {
    let first = r
        .steps
        .first()
        .ok_or_else(|| ApiError::internal("empty history"))?;
    let last = r.steps.last().unwrap_or(first);
    let id = uuid::Uuid::now_v7().to_string();
    // Tracking codes start with 1–4 (permit numbers with 5–9, see `CodeKind`).
    let code = code_for("4", r.number + salt)?;
    out.codes.push((
        tracking_codes::code.eq(code.clone()),
        tracking_codes::kind.eq("request"),
        tracking_codes::subject_id.eq(id.clone()),
        tracking_codes::created_at.eq(first.at),
    ));
    let row = request_row(r, &id, code, salt);
    add_history(out, r, &id, staff);
    if let Some(staff) = staff {
        if let Some(permit) = permit_row(r, &row, salt, staff)? {
            out.permits.push(permit);
        }
    }
    let summary = summarise(&r.steps, cal, &config.sla, at);
    out.slas.push(SlaRow::from_summary(
        id.clone(),
        r.agency.organisation_id.clone(),
        last.to,
        first.at,
        summary,
        at,
    ));
    if let Some(rating) = r.rating {
        out.ratings.push((
            feedback::request_id.eq(id.clone()),
            feedback::organisation_id.eq(r.agency.organisation_id.clone()),
            feedback::rating.eq(rating),
            feedback::created_at.eq(last.at),
            feedback::created_by.eq(r.agency.user_id.clone()),
        ));
    }
    out.requests.push(row);
    out.ids.push(id);
    Ok(())
}

/// A code with its check digit: `prefix` then ten digits of `n`.
fn code_for(prefix: &str, n: u64) -> ApiResult<String> {
    let payload = format!("{prefix}{:010}", n % 10_000_000_000);
    with_check_digit(&payload).ok_or_else(|| ApiError::internal("check digit"))
}

const REJECTIONS: &[RejectionReason] = &[
    RejectionReason::IncompleteDocuments,
    RejectionReason::NotGovernmentVehicle,
    RejectionReason::OwnershipUnclear,
    RejectionReason::DuplicateRequest,
];

const MAKES: &[(&str, &str)] = &[
    ("ایران خودرو", "سمند LX"),
    ("ایران خودرو", "پژو ۴۰۵"),
    ("سایپا", "پراید ۱۳۱"),
    ("سایپا", "تیبا"),
    ("پارس خودرو", "ال ۹۰"),
    ("بهمن موتور", "کارا"),
];

fn request_row(r: &SeedRequest<'_>, id: &str, code: String, salt: u64) -> RequestRow {
    let first = &r.steps[0];
    let last = r.steps.last().unwrap_or(first);
    let identity = vehicle_identity(r.number, salt);
    let (make, model) = MAKES[(r.number % MAKES.len() as u64) as usize];
    RequestRow {
        id: id.to_owned(),
        tracking_code: code,
        organisation_id: r.agency.organisation_id.clone(),
        created_by: r.agency.user_id.clone(),
        status: last.to,
        plate: plate_for(r.number),
        vin: identity.0,
        chassis_number: identity.1,
        rejection_reason: (last.to == RequestStatus::Rejected)
            .then(|| REJECTIONS[(r.number % REJECTIONS.len() as u64) as usize]),
        engine_number: format!("ENG{}", r.number),
        make: make.to_owned(),
        model: model.to_owned(),
        model_year: 1380 + (r.number % 20) as i32,
        vehicle_type: VehicleType::PassengerCar,
        reason: Reason::AuctionSale,
        reason_details: None,
        letter_number: format!("{}/{}", r.number % 1000, r.number),
        letter_date: first.at.date(),
        contact_name: "رضا احمدی".to_owned(),
        contact_mobile: "09141234567".to_owned(),
        description: None,
        vehicle_colour: None,
        representative_full_name: None,
        representative_national_code: None,
        representative_mobile: None,
        reviewer_id: None,
        version: r.steps.len() as i64,
        created_at: first.at,
        updated_at: last.at,
        status_changed_at: last.at,
    }
}

/// The action of the workflow that moves `from` to `to` (`seeded` for a step the transition
/// table does not have, which only hand-written test histories take).
fn action_between(from: Option<RequestStatus>, to: RequestStatus) -> String {
    match from {
        None => "submit".to_owned(),
        Some(from) => TRANSITIONS
            .iter()
            .find(|(f, _, t)| *f == from && *t == to && f != t)
            .map_or_else(|| "seeded".to_owned(), |(_, a, _)| a.as_str().to_owned()),
    }
}

/// Who takes `action` on a request of `agency`: its own user, the directorate's, or the
/// police of its province (everyone is the agency's user without `staff`).
fn actor_of<'a>(
    action: &str,
    agency: &'a SeededAgency,
    staff: Option<&'a Staff>,
) -> (&'a SeededAgency, Role) {
    let Some(staff) = staff else {
        return (agency, Role::Agency);
    };
    match action {
        "review"
        | "request_documents"
        | "reject"
        | "issue_permit"
        | "reopen"
        | "revoke"
        | "register"
        | "return_for_correction" => (&staff.directorate, Role::Directorate),
        "record_removal" | "record_refusal" => (staff.police_for(agency), Role::Police),
        _ => (agency, Role::Agency),
    }
}

fn add_history(out: &mut Batch, r: &SeedRequest<'_>, id: &str, staff: Option<&Staff>) {
    let mut from: Option<RequestStatus> = None;
    for (i, s) in r.steps.iter().enumerate() {
        let action = action_between(from, s.to);
        let (actor, role) = actor_of(&action, r.agency, staff);
        out.history.push(HistoryRow {
            id: uuid::Uuid::now_v7().to_string(),
            request_id: id.to_owned(),
            seq: i as i32 + 1,
            from_status: from,
            to_status: s.to,
            action,
            at: s.at,
            actor_id: actor.user_id.clone(),
            actor_name: if staff.is_some() {
                actor.username.clone()
            } else {
                "seed".to_owned()
            },
            actor_role: role,
            note: None,
        });
        from = Some(s.to);
    }
}

/// The permit of a request that reached `permit_issued` (the last one issued), in the state
/// the request's later steps left it.
fn permit_row(
    r: &SeedRequest<'_>,
    request: &RequestRow,
    salt: u64,
    staff: &Staff,
) -> ApiResult<Option<PermitRow>> {
    let Some(pos) = r
        .steps
        .iter()
        .rposition(|s| s.to == RequestStatus::PermitIssued)
    else {
        return Ok(None);
    };
    let issued: &Transition = &r.steps[pos];
    let after = r.steps.get(pos + 1);
    let (status, updated_at) = match after.map(|s| s.to) {
        Some(RequestStatus::PlateRemoved) => (PermitState::Used, after.map_or(issued.at, |s| s.at)),
        Some(RequestStatus::RemovalRefused) => {
            (PermitState::Refused, after.map_or(issued.at, |s| s.at))
        }
        _ => (PermitState::Issued, issued.at),
    };
    let police = staff.police_for(r.agency);
    Ok(Some(PermitRow {
        id: uuid::Uuid::now_v7().to_string(),
        permit_number: code_for("5", r.number + salt)?,
        national_permit_number: format!("NP{:09}", r.number),
        request_id: request.id.clone(),
        tracking_code: request.tracking_code.clone(),
        plate: request.plate.clone(),
        vin: request.vin.clone(),
        issued_at: issued.at,
        issued_by: staff.directorate.user_id.clone(),
        valid_until: issued.at + TimeDelta::days(30),
        notes: None,
        status,
        queue_rank: if status == PermitState::Issued {
            QUEUE_OPEN
        } else {
            QUEUE_DONE
        },
        version: 1 + i64::from(status != PermitState::Issued),
        updated_at,
        chassis_number: request.chassis_number.clone(),
        revoked_at: None,
        revoked_by: None,
        revocation_reason: None,
        revocation_notes: None,
        signatory_name: Some(staff.directorate.username.clone()),
        signatory_position: None,
        police_organisation_id: Some(police.organisation_id.clone()),
    }))
}

/// Writes the batch, parents first: `COPY` on PostgreSQL, multi-row inserts on SQLite (the
/// multi-backend connection has no batch-insert dialect, hence the concrete backend).
fn write(conn: &mut DbConnection, b: &Batch) -> ApiResult<()> {
    match conn {
        DbConnection::Postgresql(pg) => {
            diesel::copy_from(tracking_codes::table)
                .from_insertable(&b.codes)
                .execute(pg)?;
            diesel::copy_from(requests::table)
                .from_insertable(&b.requests)
                .execute(pg)?;
            diesel::copy_from(request_history::table)
                .from_insertable(&b.history)
                .execute(pg)?;
            diesel::copy_from(request_sla::table)
                .from_insertable(&b.slas)
                .execute(pg)?;
            diesel::copy_from(feedback::table)
                .from_insertable(&b.ratings)
                .execute(pg)?;
            diesel::copy_from(permits::table)
                .from_insertable(&b.permits)
                .execute(pg)?;
        }
        DbConnection::Sqlite(lite) => {
            for c in b.codes.chunks(1000) {
                diesel::insert_into(tracking_codes::table)
                    .values(c)
                    .execute(lite)?;
            }
            for c in b.requests.chunks(500) {
                diesel::insert_into(requests::table)
                    .values(c)
                    .execute(lite)?;
            }
            for c in b.history.chunks(1000) {
                diesel::insert_into(request_history::table)
                    .values(c)
                    .execute(lite)?;
            }
            for c in b.slas.chunks(1000) {
                diesel::insert_into(request_sla::table)
                    .values(c)
                    .execute(lite)?;
            }
            for c in b.ratings.chunks(1000) {
                diesel::insert_into(feedback::table)
                    .values(c)
                    .execute(lite)?;
            }
            for c in b.permits.chunks(500) {
                diesel::insert_into(permits::table)
                    .values(c)
                    .execute(lite)?;
            }
        }
    }
    Ok(())
}
