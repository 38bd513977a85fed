//! The rules of permits, receipts and registrations, each in the caller's one transaction:
//! the request's transition (`crate::requests::service::transition`), the rows, and the
//! events for the police and the national vehicle system.

use chrono::NaiveDateTime;
use serde::Serialize;

use crate::audit::{self, Actor, Entry, Subject};
use crate::auth::access::PermitScope;
use crate::auth::{AuthUser, ChangeContext};
use crate::clock::Clock;
use crate::config::Config;
use crate::db::DbConnection;
use crate::domain::reasons::RevocationReason;
use crate::domain::receipt::ReceiptTiming;
use crate::domain::status::Action;
use crate::domain::tracking::{CodeKind, TrackingCode};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::events::outbox::{emit, NewEvent};
use crate::events::{EventType, SubjectKind};
use crate::http::etag::IfMatch;
use crate::permits::model::{
    timing_issue, NewPermit, NewReceipt, NewRegistration, NewRevocation, Outcome, PermitRow,
    PermitState, ReceiptRow, RegistrationRow, QUEUE_OPEN,
};
use crate::permits::order_template::{self, OrderFacts};
use crate::permits::store::{self, ListQuery, Revocation};
use crate::permits::views::{PermitEventData, PermitView};
use crate::requests::model::RequestRow;
use crate::requests::service::{self as requests, Transition};
use crate::requests::views::RequestView;
use crate::requests::Effects;

/// The detail of `permit.issued`.
#[derive(Serialize)]
struct Issued<'a> {
    permit_number: &'a str,
    /// The police organisation the permit is addressed to.
    police_organisation_id: &'a str,
}

/// The detail of `permit.receipt`.
#[derive(Serialize)]
struct ReceiptRecorded {
    outcome: Outcome,
}

/// The detail of `permit.revoked` (by the directorate, or on the request's withdrawal).
#[derive(Serialize)]
struct Revoked {
    reason: RevocationReason,
}

/// The permit as shown, with its vehicle, agency and receipt (one query).
fn view(conn: &mut DbConnection, clock: &Clock, permit_id: &str) -> ApiResult<PermitView> {
    let listing = store::listing(conn, &PermitScope::All, permit_id)?;
    Ok(PermitView::build(listing, clock, clock.now()))
}

/// A permit number not yet used (the unique index refuses the rare collision left after a
/// few tries). New numbers start with 5–9, so that they are never taken for a tracking code.
fn unused_permit_number(conn: &mut DbConnection) -> ApiResult<String> {
    let mut number = TrackingCode::generate_for(CodeKind::Permit);
    for _ in 0..8 {
        if !store::permit_number_taken(conn, number.as_str())? {
            break;
        }
        number = TrackingCode::generate_for(CodeKind::Permit);
    }
    Ok(number.as_str().to_owned())
}

fn receipt_exists() -> ApiError {
    ApiError::duplicate(
        "برای این مجوز پیش‌تر رسید ثبت شده است.",
        "A receipt was already posted for this permit.",
    )
}

fn permit_revoked() -> ApiError {
    ApiError::conflict(
        ErrorCode::PermitRevoked,
        "این مجوز ابطال شده است و نباید بر اساس آن اقدامی شود.",
        "This permit was revoked; it must not be acted on.",
    )
}

/// 409 unless `permit` is the one its request waits on now: not revoked, not replaced by a
/// newer permit (after a reopen).
fn ensure_current(conn: &mut DbConnection, permit: &PermitRow) -> ApiResult<()> {
    if permit.status == PermitState::Revoked {
        return Err(permit_revoked());
    }
    let latest = store::latest_of_request(conn, &permit.request_id)?;
    if latest.is_some_and(|l| l.id != permit.id) {
        return Err(ApiError::conflict(
            ErrorCode::Conflict,
            "برای این درخواست مجوز تازه‌تری صادر شده است؛ اقدام را بر اساس مجوز تازه ثبت کنید.",
            "A newer permit was issued for this request; act on the newer permit.",
        ));
    }
    Ok(())
}

/// The police organisation a permit goes to: the one asked for, which must be of kind
/// `police`, or the default (the oldest police organisation); 422 on `police_organisation_id`
/// when the one asked for is not a police organisation or none is registered.
fn police_for(conn: &mut DbConnection, asked: Option<&str>) -> ApiResult<String> {
    use crate::domain::identity::OrgKind;
    use crate::error::FieldIssue;
    const FIELD: &str = "police_organisation_id";
    match asked {
        Some(id) if crate::organisations::queries::is_of_kind(conn, id, OrgKind::Police)? => {
            Ok(id.to_owned())
        }
        Some(_) => Err(ApiError::invalid_field(FieldIssue::new(
            FIELD,
            "invalid_police_organisation",
            "سازمان انتخاب‌شده از سازمان‌های پلیس راهور ثبت‌شده در سامانه نیست؛ شناسهٔ یکی از سازمان‌های پلیس راهور را وارد کنید یا این فیلد را خالی بگذارید تا مجوز به پلیس راهور استان فرستاده شود.",
            "This is not a police organisation registered in the service; give the id of one, or leave the field out to send the permit to the province's traffic police.",
        ))),
        None => store::default_police(conn)?.ok_or_else(|| {
            ApiError::invalid_field(FieldIssue::new(
                FIELD,
                "invalid_police_organisation",
                "هیچ سازمان پلیس راهوری در سامانه ثبت نشده است؛ پیش از صدور مجوز، مدیر سامانه باید سازمان پلیس راهور استان را ثبت کند.",
                "No police organisation is registered; an administrator must register the province's traffic police before permits are issued.",
            ))
        }),
    }
}

/// Issues the permit for `request_id` (`under_review` → `permit_issued`), sent to one police
/// organisation, and tells the police (`permit.issued`).
pub fn issue(
    conn: &mut DbConnection,
    ctx: ChangeContext<'_, Effects>,
    request_id: &str,
    if_match: IfMatch,
    new: NewPermit,
) -> ApiResult<PermitView> {
    let ChangeContext {
        user,
        config,
        clock,
        effects,
    } = ctx;
    let at = clock.now();
    let permit_id = uuid::Uuid::now_v7().to_string();
    let police = police_for(conn, new.police_organisation_id.as_deref())?;
    let t = Transition {
        user,
        request_id,
        action: Action::IssuePermit,
        if_match,
        note: new.notes.as_deref(),
        at,
    };
    // The number is checked after the state machine, in the same transaction: a retry of an
    // issue whose answer was lost then meets 409 `invalid_transition` (`permit_issued`), the
    // answer that says it was applied, not `duplicate` (its own number).
    requests::transition(conn, config, clock, effects, t, |c, request| {
        ensure_national_number_free(c, &new.national_permit_number)?;
        let ids = (permit_id.as_str(), police.as_str());
        let permit = permit_row(c, user, request, &new, ids, at)?;
        store::insert(c, &permit)?;
        // As stored (PostgreSQL keeps microseconds), so that the event and the view agree.
        let permit = store::load(c, &permit.id)?;
        audit::record(
            c,
            at,
            Entry::by(
                &Actor::of(user),
                audit::Action::PermitIssued,
                Subject::Permit,
                &permit.id,
            )
            .about(&request.id)
            .detail(Issued {
                permit_number: &permit.permit_number,
                police_organisation_id: &police,
            }),
        )?;
        emit_event(
            c,
            EventType::PermitIssued,
            &permit,
            None,
            &request.organisation_id,
            at,
        )
    })?;
    view(conn, clock, &permit_id)
}

/// 409 `duplicate` on `national_permit_number` when that number is recorded already.
fn ensure_national_number_free(conn: &mut DbConnection, number: &str) -> ApiResult<()> {
    if store::national_number_taken(conn, number)? {
        return Err(ApiError::duplicate(
            "این شمارهٔ مجوز سامانهٔ جامع خودرو پیش‌تر ثبت شده است.",
            "This national permit number is already recorded.",
        )
        .with_extension("field", "national_permit_number"));
    }
    Ok(())
}

/// The permit to insert for `request`, with a free permit number; `ids` are the permit's id
/// and the police organisation it is sent to.
fn permit_row(
    c: &mut DbConnection,
    user: &AuthUser,
    request: &RequestRow,
    new: &NewPermit,
    (permit_id, police): (&str, &str),
    at: NaiveDateTime,
) -> ApiResult<PermitRow> {
    // The signatory as they are now: a later change of name or post does not rewrite the
    // signed order.
    let signatory = crate::auth::queries::user(c, &user.id)?;
    Ok(PermitRow {
        id: permit_id.to_owned(),
        permit_number: unused_permit_number(c)?,
        national_permit_number: new.national_permit_number.clone(),
        request_id: request.id.clone(),
        tracking_code: request.tracking_code.clone(),
        plate: request.plate.clone(),
        vin: request.vin.clone(),
        issued_at: at,
        issued_by: user.id.clone(),
        valid_until: new.valid_until,
        notes: new.notes.clone(),
        status: PermitState::Issued,
        queue_rank: QUEUE_OPEN,
        version: 1,
        updated_at: at,
        chassis_number: request.chassis_number.clone(),
        revoked_at: None,
        revoked_by: None,
        revocation_reason: None,
        revocation_notes: None,
        signatory_name: Some(signatory.full_name),
        signatory_position: signatory.position,
        police_organisation_id: Some(police.to_owned()),
    })
}

/// The receipt's timing, judged by when the plates were removed, however late it is posted.
fn check_timing(
    config: &Config,
    permit: &PermitRow,
    new: &NewReceipt,
    at: NaiveDateTime,
) -> ApiResult<()> {
    ReceiptTiming {
        issued_at: permit.issued_at,
        valid_until: permit.valid_until,
        occurred_at: new.occurred_at,
        now: at,
        late_days: config.permits.receipt_late_days,
        has_notes: new.notes.is_some(),
    }
    .check()
    .map_err(|e| ApiError::invalid_field(timing_issue(e, config.permits.receipt_late_days)))
}

/// The receipt row `user` posts on `permit`.
fn receipt_row(
    permit: &PermitRow,
    request: &RequestRow,
    user: &AuthUser,
    new: &NewReceipt,
    at: NaiveDateTime,
) -> ReceiptRow {
    ReceiptRow {
        id: uuid::Uuid::now_v7().to_string(),
        permit_id: permit.id.clone(),
        request_id: request.id.clone(),
        outcome: new.outcome,
        receipt_number: new.receipt_number.clone(),
        occurred_at: new.occurred_at,
        plates_count: new.plates_count,
        refusal_reason: new.refusal_reason,
        officer_name: new.officer_name.clone(),
        unit: new.unit.clone(),
        notes: new.notes.clone(),
        recorded_at: at,
        recorded_by: user.id.clone(),
    }
}

/// Records the police's receipt on a permit: the request moves to `plate_removed` or
/// `removal_refused`, the permit to `used` or `refused`, and `permit.receipt_recorded` tells
/// the national vehicle system.
pub fn record_receipt(
    conn: &mut DbConnection,
    ctx: ChangeContext<'_, Effects>,
    permit_id: &str,
    if_match: IfMatch,
    new: NewReceipt,
) -> ApiResult<PermitView> {
    let ChangeContext {
        user,
        config,
        clock,
        effects,
    } = ctx;
    let at = clock.now();
    let permit = awaiting_receipt(conn, user, permit_id, if_match)?;
    check_timing(config, &permit, &new, at)?;
    let outcome = new.outcome;
    let t = Transition {
        user,
        request_id: &permit.request_id,
        action: outcome.action(),
        // The caller's `If-Match` is the permit's, checked above.
        if_match: IfMatch::Any,
        note: new.notes.as_deref(),
        at,
    };
    requests::transition(conn, config, clock, effects, t, |c, request| {
        let receipt = receipt_row(&permit, request, user, &new, at);
        store::insert_receipt(c, &receipt)?;
        if !store::mark_receipted(c, &permit, new.outcome.permit_state(), at)? {
            return Err(receipt_exists());
        }
        // As stored (PostgreSQL keeps microseconds), so that the event and the view agree.
        let receipt = store::receipt_of(c, &permit.id)?.unwrap_or(receipt);
        audit::record(
            c,
            at,
            Entry::by(
                &Actor::of(user),
                audit::Action::PermitReceipt,
                Subject::Permit,
                &permit.id,
            )
            .about(&request.id)
            .detail(ReceiptRecorded { outcome }),
        )?;
        let org = &request.organisation_id;
        emit_event(
            c,
            EventType::PermitReceiptRecorded,
            &permit,
            Some(&receipt),
            org,
            at,
        )
    })?;
    view(conn, clock, &permit.id)
}

/// The permit `permit_id` if the police may record its receipt: visible to `user` (404), at
/// the version the caller read (412), without a receipt (409) and current (409).
fn awaiting_receipt(
    conn: &mut DbConnection,
    user: &AuthUser,
    permit_id: &str,
    if_match: IfMatch,
) -> ApiResult<PermitRow> {
    let (permit, _) = store::load_visible(conn, &PermitScope::of(user), permit_id)?;
    if_match.check(permit.version)?;
    if store::receipt_of(conn, &permit.id)?.is_some() {
        return Err(receipt_exists());
    }
    ensure_current(conn, &permit)?;
    Ok(permit)
}

/// Revokes (ابطال) a permit the police have not acted on: the permit becomes `revoked`, its
/// request goes back under review (`permit_issued` → `under_review`, with its history entry),
/// or, revoked as `issued_in_error`, back to the agency for correction
/// (`permit_issued` → `returned_for_correction`), and `permit.revoked` tells the police.
pub fn revoke(
    conn: &mut DbConnection,
    ctx: ChangeContext<'_, Effects>,
    permit_id: &str,
    if_match: IfMatch,
    new: NewRevocation,
) -> ApiResult<PermitView> {
    let ChangeContext {
        user,
        config,
        clock,
        effects,
    } = ctx;
    let at = clock.now();
    let (permit, _) = store::load_visible(conn, &PermitScope::of(user), permit_id)?;
    if_match.check(permit.version)?;
    ensure_current(conn, &permit)?;
    let note = match &new.notes {
        Some(notes) => format!("{}: {notes}", new.reason.label_fa()),
        None => new.reason.label_fa().to_owned(),
    };
    // Issued in error: the request's data was wrong, so it goes back to the agency to correct
    // it (`returned_for_correction`) rather than under review with the same data.
    let action = match new.reason {
        RevocationReason::IssuedInError => Action::ReturnForCorrection,
        _ => Action::Revoke,
    };
    let t = Transition {
        user,
        request_id: &permit.request_id,
        action,
        // The caller's `If-Match` is the permit's, checked above. A receipt moves the request
        // out of `permit_issued`, so a receipted permit is refused here (`invalid_transition`).
        if_match: IfMatch::Any,
        note: Some(&note),
        at,
    };
    requests::transition(conn, config, clock, effects, t, |c, request| {
        let revocation = Revocation {
            by: &user.id,
            reason: new.reason,
            notes: new.notes.as_deref(),
            at,
        };
        audit::record(
            c,
            at,
            Entry::by(
                &Actor::of(user),
                audit::Action::PermitRevoked,
                Subject::Permit,
                &permit.id,
            )
            .about(&request.id)
            .detail(Revoked { reason: new.reason }),
        )?;
        revoke_row(c, &permit, revocation, &request.organisation_id)
    })?;
    view(conn, clock, &permit.id)
}

/// The request's live permit is revoked (`request_withdrawn`) when its agency withdraws it from
/// `permit_issued`: registered with `requests::service` by the composition root, and run inside
/// the withdrawal's transaction.
pub fn revoke_on_withdrawal(
    conn: &mut DbConnection,
    user: &AuthUser,
    request: &RequestRow,
    note: Option<&str>,
    at: NaiveDateTime,
) -> ApiResult<()> {
    // The permit waiting for the police, if any (none only when the status was set by hand).
    let Some(permit) =
        store::latest_of_request(conn, &request.id)?.filter(|p| p.status == PermitState::Issued)
    else {
        return Ok(());
    };
    let revocation = Revocation {
        by: &user.id,
        reason: RevocationReason::RequestWithdrawn,
        notes: note,
        at,
    };
    audit::record(
        conn,
        at,
        Entry::by(
            &Actor::of(user),
            audit::Action::PermitRevoked,
            Subject::Permit,
            &permit.id,
        )
        .about(&request.id)
        .detail(Revoked {
            reason: RevocationReason::RequestWithdrawn,
        }),
    )?;
    revoke_row(conn, &permit, revocation, &request.organisation_id)
}

/// Marks the permit revoked (versioned) and emits `permit.revoked`.
fn revoke_row(
    conn: &mut DbConnection,
    permit: &PermitRow,
    revocation: Revocation<'_>,
    organisation_id: &str,
) -> ApiResult<()> {
    let at = revocation.at;
    if !store::mark_revoked(conn, permit, revocation)? {
        // A receipt or another revocation got there first.
        return Err(ApiError::conflict(
            ErrorCode::Conflict,
            "این مجوز هم‌زمان تغییر کرد؛ دوباره بخوانید و تصمیم بگیرید.",
            "The permit changed meanwhile; read it again.",
        ));
    }
    // As stored (PostgreSQL keeps microseconds), so that the event and the view agree.
    let permit = store::load(conn, &permit.id)?;
    emit_event(
        conn,
        EventType::PermitRevoked,
        &permit,
        None,
        organisation_id,
        at,
    )
}

/// Records the removal in the national vehicle system: `plate_removed` → `completed`.
pub fn register(
    conn: &mut DbConnection,
    ctx: ChangeContext<'_, Effects>,
    request_id: &str,
    if_match: IfMatch,
    new: NewRegistration,
) -> ApiResult<RequestView> {
    let ChangeContext {
        user,
        config,
        clock,
        effects,
    } = ctx;
    let number = new.national_registration_number;
    if store::registration_number_taken(conn, &number)? {
        return Err(ApiError::duplicate(
            "این شمارهٔ ثبت پیش‌تر ثبت شده است.",
            "This national registration number is already recorded.",
        )
        .with_extension("field", "national_registration_number"));
    }
    let at = clock.now();
    let t = Transition {
        user,
        request_id,
        action: Action::Register,
        if_match,
        note: Some(&number),
        at,
    };
    let after = requests::transition(conn, config, clock, effects, t, |c, request| {
        store::insert_registration(
            c,
            &RegistrationRow {
                request_id: request.id.clone(),
                national_registration_number: number.clone(),
                registered_at: new.registered_at,
                recorded_at: at,
                recorded_by: user.id.clone(),
            },
        )
    })?;
    requests::view(conn, config, clock, user, after)
}

/// A page of permits with each one's cursor key; vehicles, agencies and receipts come joined,
/// in the page's one query.
pub fn list(
    conn: &mut DbConnection,
    clock: &Clock,
    query: &ListQuery,
) -> ApiResult<(Vec<String>, Vec<PermitView>)> {
    let rows = store::list(conn, query)?;
    let keys = rows
        .iter()
        .map(|r| format!("{}:{}", r.permit.queue_rank, r.permit.id))
        .collect();
    let views = rows
        .into_iter()
        .map(|r| PermitView::build(r, clock, query.at))
        .collect();
    Ok((keys, views))
}

/// One permit with its vehicle, agency and receipt, if `scope` may see it.
pub fn get(
    conn: &mut DbConnection,
    clock: &Clock,
    scope: &PermitScope,
    id: &str,
) -> ApiResult<PermitView> {
    let listing = store::listing(conn, scope, id)?;
    Ok(PermitView::build(listing, clock, clock.now()))
}

/// A permit as printed (the read is audited), with the request's facts the order names and the
/// order's body template in effect.
pub fn for_print(
    conn: &mut DbConnection,
    clock: &Clock,
    trail: &audit::Trail,
    user: &AuthUser,
    scope: &PermitScope,
    id: &str,
) -> ApiResult<(PermitView, OrderFacts, String)> {
    let permit = get(conn, clock, scope, id)?;
    audit::service::note_read(
        conn,
        trail,
        user,
        audit::Action::PermitPrinted,
        Subject::Permit,
        &permit.id,
        &permit.request_id,
    )?;
    let facts = order_template::facts(conn, &permit.request_id)?;
    let body = order_template::body_in_effect(conn)?;
    Ok((permit, facts, body))
}

/// The permit with this number (already checked), if `scope` may see it (404 otherwise).
pub fn get_by_number(
    conn: &mut DbConnection,
    clock: &Clock,
    scope: &PermitScope,
    permit_number: &str,
) -> ApiResult<PermitView> {
    let row = store::by_number(conn, permit_number)?;
    get(conn, clock, scope, &row.id)
}

/// The permit a printed number names (404 when none), for the public verification.
pub fn verify(conn: &mut DbConnection, number: &TrackingCode) -> ApiResult<PermitRow> {
    store::by_number(conn, number.as_str())
}

/// Records a permit event (subject: the permit; the request's tracking code and agency).
pub(crate) fn emit_event(
    conn: &mut DbConnection,
    event_type: EventType,
    permit: &PermitRow,
    receipt: Option<&ReceiptRow>,
    organisation_id: &str,
    at: NaiveDateTime,
) -> ApiResult<()> {
    let data = PermitEventData::to_value(permit, receipt).map_err(ApiError::internal)?;
    emit(
        conn,
        NewEvent {
            event_type,
            subject_kind: SubjectKind::Permit,
            subject_id: &permit.id,
            tracking_code: Some(&permit.tracking_code),
            organisation_id: Some(organisation_id),
            data,
            at,
        },
    )
}
