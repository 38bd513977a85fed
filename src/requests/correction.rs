//! Corrections (`PATCH /requests/{id}`): the owning agency corrects a request's vehicle, letter,
//! contact and representative while the request is with it or under review (the state
//! machine's `correct`), validated exactly as at filing ([`service::validate`] on the request
//! with the corrections applied). Each changed field is kept with its old and new value
//! (`request_field_changes`, tied to the history entry `correct`), the directorate's view marks
//! the request as corrected until its next step, and the one-open-request-per-vehicle rule is
//! checked again when the vehicle's identity changes.
//!
//! The contact mobile is where the request's SMS messages go. A trigger (migrations 000052 and
//! 000059) refuses any change of it that the same transaction did not first record as a field
//! change of the request's new version with exactly that old and new number, so the recipient
//! changes only through this audited path; messages still pending for the old number are
//! re-addressed to the new one ([`Effects::on_recipient_change`]).

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::access::Scope;
use crate::auth::{AuthUser, ChangeContext};
use crate::clock::Clock;
use crate::db::schema::{request_field_changes, request_marks, requests};
use crate::db::DbConnection;
use crate::domain::status::{self, Action, Refusal};
use crate::error::{ApiError, ApiResult};
use crate::events::EventType;
use crate::http::etag::IfMatch;
use crate::requests::effects::Effects;
use crate::requests::model::{
    ContactInput, CreateRequest, LetterInput, RepresentativeInput, RequestRow, VehicleInput,
    VehicleType,
};
use crate::requests::service;
use crate::requests::store;
use crate::requests::views::RequestView;

// ---- input ---------------------------------------------------------------------------------

/// Corrections to the vehicle: only the fields sent change. A blank `vin`, `chassis_number`
/// or `vehicle_colour` removes it (one of `vin` and `chassis_number` must remain).
#[derive(Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VehiclePatch {
    #[schema(example = "۱۲ الف ۳۴۵ ایران ۶۷")]
    pub plate: Option<String>,
    pub vin: Option<String>,
    #[schema(example = "IRFC841V3AJ123457")]
    pub chassis_number: Option<String>,
    pub engine_number: Option<String>,
    pub make: Option<String>,
    pub model: Option<String>,
    pub year: Option<i32>,
    pub vehicle_type: Option<VehicleType>,
    pub vehicle_colour: Option<String>,
}

/// Corrections to the agency's letter: only the fields sent change.
#[derive(Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LetterPatch {
    pub number: Option<String>,
    /// ISO `2024-11-05` or Jalali `1403/08/15`; not in the future.
    pub date: Option<String>,
}

/// Corrections to the contact: only the fields sent change. A new `mobile` becomes the
/// recipient of the request's SMS messages (an audited change of recipient).
#[derive(Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ContactPatch {
    pub name: Option<String>,
    #[schema(example = "09141234568")]
    pub mobile: Option<String>,
}

/// A correction of a request: any of `vehicle`, `letter`, `contact` (field by field) and
/// `representative` (the whole person: name and national code go together). Every field is
/// validated exactly as at filing, the unchanged ones included; the reason and description are
/// not corrected here.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"vehicle": {"chassis_number": "IRFC841V3AJ123457"}, "contact": {"mobile": "09141234568"}}))]
pub struct CorrectRequest {
    pub vehicle: Option<VehiclePatch>,
    pub letter: Option<LetterPatch>,
    pub contact: Option<ContactPatch>,
    pub representative: Option<RepresentativeInput>,
}

/// The stored request with `patch` applied, as a filing would send it (canonical stored values
/// parse back to themselves).
fn merged(row: &RequestRow, patch: CorrectRequest) -> CreateRequest {
    let v = patch.vehicle.unwrap_or_default();
    let l = patch.letter.unwrap_or_default();
    let c = patch.contact.unwrap_or_default();
    let representative = patch.representative.or_else(|| {
        Some(RepresentativeInput {
            full_name: row.representative_full_name.clone()?,
            national_code: row.representative_national_code.clone()?,
            mobile: row.representative_mobile.clone(),
        })
    });
    CreateRequest {
        vehicle: VehicleInput {
            plate: v.plate.unwrap_or_else(|| row.plate.clone()),
            vin: v.vin.or_else(|| row.vin.clone()),
            chassis_number: v.chassis_number.or_else(|| row.chassis_number.clone()),
            engine_number: v.engine_number.unwrap_or_else(|| row.engine_number.clone()),
            make: v.make.unwrap_or_else(|| row.make.clone()),
            model: v.model.unwrap_or_else(|| row.model.clone()),
            year: v.year.unwrap_or(row.model_year),
            vehicle_type: v.vehicle_type.unwrap_or(row.vehicle_type),
            vehicle_colour: v.vehicle_colour.or_else(|| row.vehicle_colour.clone()),
        },
        reason: row.reason,
        reason_details: row.reason_details.clone(),
        letter: LetterInput {
            number: l.number.unwrap_or_else(|| row.letter_number.clone()),
            date: l.date.unwrap_or_else(|| row.letter_date.to_string()),
        },
        contact: ContactInput {
            name: c.name.unwrap_or_else(|| row.contact_name.clone()),
            mobile: c.mobile.unwrap_or_else(|| row.contact_mobile.clone()),
        },
        representative,
        description: row.description.clone(),
    }
}

/// The correctable fields of a stored request, as [`service::NewRequest::correctable`] lists
/// them.
fn stored_fields(row: &RequestRow) -> Vec<(&'static str, Option<String>)> {
    vec![
        ("vehicle.plate", Some(row.plate.clone())),
        ("vehicle.vin", row.vin.clone()),
        ("vehicle.chassis_number", row.chassis_number.clone()),
        ("vehicle.engine_number", Some(row.engine_number.clone())),
        ("vehicle.make", Some(row.make.clone())),
        ("vehicle.model", Some(row.model.clone())),
        ("vehicle.year", Some(row.model_year.to_string())),
        (
            "vehicle.vehicle_type",
            Some(row.vehicle_type.as_str().to_owned()),
        ),
        ("vehicle.vehicle_colour", row.vehicle_colour.clone()),
        ("letter.number", Some(row.letter_number.clone())),
        ("letter.date", Some(row.letter_date.to_string())),
        ("contact.name", Some(row.contact_name.clone())),
        ("contact.mobile", Some(row.contact_mobile.clone())),
        (
            "representative.full_name",
            row.representative_full_name.clone(),
        ),
        (
            "representative.national_code",
            row.representative_national_code.clone(),
        ),
        ("representative.mobile", row.representative_mobile.clone()),
    ]
}

/// One corrected field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct FieldChange {
    /// The field's API path, e.g. `vehicle.chassis_number`.
    #[schema(example = "vehicle.chassis_number")]
    pub field: String,
    /// `null` when the field was empty.
    #[schema(example = "IRFC841V3AJ123456")]
    pub old: Option<String>,
    /// `null` when the correction removed it.
    #[schema(example = "IRFC841V3AJ123457")]
    pub new: Option<String>,
}

/// The fields whose canonical value differs, in the order of the form.
fn changes(
    before: Vec<(&'static str, Option<String>)>,
    after: Vec<(&'static str, Option<String>)>,
) -> Vec<FieldChange> {
    before
        .into_iter()
        .zip(after)
        .filter(|((_, old), (_, new))| old != new)
        .map(|((field, old), (_, new))| FieldChange {
            field: field.to_owned(),
            old,
            new,
        })
        .collect()
}

/// The field's name in Persian, for the history note.
fn label_fa(field: &str) -> &'static str {
    match field {
        "vehicle.plate" => "پلاک",
        "vehicle.vin" => "شمارهٔ شناسایی (VIN)",
        "vehicle.chassis_number" => "شمارهٔ شاسی",
        "vehicle.engine_number" => "شمارهٔ موتور",
        "vehicle.make" => "سازنده",
        "vehicle.model" => "مدل",
        "vehicle.year" => "سال ساخت",
        "vehicle.vehicle_type" => "نوع خودرو",
        "vehicle.vehicle_colour" => "رنگ",
        "letter.number" => "شمارهٔ نامه",
        "letter.date" => "تاریخ نامه",
        "contact.name" => "نام رابط",
        "contact.mobile" => "شمارهٔ همراه رابط",
        "representative.full_name" => "نام نماینده",
        "representative.national_code" => "کد ملی نماینده",
        "representative.mobile" => "شمارهٔ همراه نماینده",
        _ => "سایر",
    }
}

// ---- the correction ------------------------------------------------------------------------

/// What a correction came to.
pub enum Corrected {
    /// Applied (or nothing to change): the request as the caller sees it now.
    Done(Box<RequestView>),
    /// 409 `duplicate`: the corrected vehicle has another open request; nothing changed but
    /// the vehicle conflict recorded when that request is another agency's.
    Refused(ApiError),
}

/// Corrects the request `request_id` (agency) in the caller's transaction: visibility (404),
/// precondition (428/412), the state machine (409 `invalid_transition`), validation as at
/// filing (422), the vehicle rule (409 `duplicate`), then the versioned update, the history
/// entry with each changed field, the correction mark, the audited recipient change and the
/// event `request.corrected`. Nothing changed: the request as it is, its version unchanged.
/// A duplicate vehicle is [`Corrected::Refused`], so that the caller commits the vehicle
/// conflict recorded for it.
pub fn correct(
    conn: &mut DbConnection,
    ctx: ChangeContext<'_, Effects>,
    request_id: &str,
    if_match: IfMatch,
    patch: CorrectRequest,
) -> ApiResult<Corrected> {
    let ChangeContext {
        user,
        config,
        clock,
        effects,
    } = ctx;
    let at = clock.now();
    let scope = Scope::request_actions(user);
    let row = store::load_visible(conn, &scope, request_id)?;
    if_match.check(row.version)?;
    ensure_correctable(&row, user)?;
    let new = service::validate(merged(&row, patch), config, clock.today())?;
    let changed = changes(stored_fields(&row), new.correctable());
    if changed.is_empty() {
        return service::view(conn, config, clock, user, row).map(|v| Corrected::Done(Box::new(v)));
    }
    let mut corrected = row.clone();
    new.correct_row(&mut corrected);
    if let Some(refused) = vehicle_held_elsewhere(conn, clock, user, &corrected, &changed)? {
        return Ok(Corrected::Refused(refused));
    }
    let version = row.version + 1;
    write_corrected(conn, &row, &corrected, version, at)?;
    mark_corrected(conn, &row.id, &changed, at)?;
    record_changes(conn, user, &row, &changed, version, at)?;
    let after = match changed.iter().find(|c| c.field == "contact.mobile") {
        Some(c) => change_recipient(conn, effects, &row, c, at)?,
        None => store::load(conn, &row.id)?,
    };
    emit_corrected(conn, &after, &changed, at)?;
    service::view(conn, config, clock, user, after).map(|v| Corrected::Done(Box::new(v)))
}

/// The state machine allows `user` to correct `row` (403, or 409 `invalid_transition`).
fn ensure_correctable(row: &RequestRow, user: &AuthUser) -> ApiResult<()> {
    match status::decide(row.status, Action::Correct, user.role, Default::default()) {
        Ok(_) => Ok(()),
        Err(Refusal::Forbidden) => Err(ApiError::forbidden()),
        Err(Refusal::InvalidTransition) => Err(ApiError::invalid_transition(
            row.status.as_str(),
            row.status.label_fa(),
        )),
    }
}

/// The 409 `duplicate` when the correction changes the vehicle's identity to one with another
/// open request; as at filing, a collision with another agency's request is recorded for the
/// directorate (nothing else was written), and the answer names nothing.
fn vehicle_held_elsewhere(
    conn: &mut DbConnection,
    clock: &Clock,
    user: &AuthUser,
    corrected: &RequestRow,
    changed: &[FieldChange],
) -> ApiResult<Option<ApiError>> {
    let identity = ["vehicle.plate", "vehicle.vin", "vehicle.chassis_number"];
    if !changed.iter().any(|c| identity.contains(&c.field.as_str())) {
        return Ok(None);
    }
    let Some(existing) = open_for_vehicle_except(conn, corrected)? else {
        return Ok(None);
    };
    if existing.1 != user.org_id {
        let vehicle = crate::vehicle_conflicts::model::RefusedVehicle {
            plate: corrected.plate.clone(),
            vin: corrected.vin.clone(),
            chassis_number: corrected.chassis_number.clone(),
        };
        crate::vehicle_conflicts::service::record(conn, clock, user, &existing.0, &vehicle)?;
    }
    Ok(Some(service::duplicate_for(existing, user)))
}

/// The versioned update of the corrected fields (412 when another writer came first).
fn write_corrected(
    conn: &mut DbConnection,
    row: &RequestRow,
    corrected: &RequestRow,
    version: i64,
    at: NaiveDateTime,
) -> ApiResult<()> {
    let updated = diesel::update(
        requests::table
            .filter(requests::id.eq(&row.id))
            .filter(requests::version.eq(row.version)),
    )
    .set((
        requests::plate.eq(&corrected.plate),
        requests::vin.eq(&corrected.vin),
        requests::chassis_number.eq(&corrected.chassis_number),
        requests::engine_number.eq(&corrected.engine_number),
        requests::make.eq(&corrected.make),
        requests::model.eq(&corrected.model),
        requests::model_year.eq(corrected.model_year),
        requests::vehicle_type.eq(corrected.vehicle_type),
        requests::vehicle_colour.eq(&corrected.vehicle_colour),
        requests::letter_number.eq(&corrected.letter_number),
        requests::letter_date.eq(corrected.letter_date),
        requests::contact_name.eq(&corrected.contact_name),
        requests::representative_full_name.eq(&corrected.representative_full_name),
        requests::representative_national_code.eq(&corrected.representative_national_code),
        requests::representative_mobile.eq(&corrected.representative_mobile),
        requests::version.eq(version),
        requests::updated_at.eq(at),
    ))
    .execute(conn)?;
    if updated != 1 {
        // A concurrent writer changed it between our read and our update.
        return Err(ApiError::precondition_failed());
    }
    Ok(())
}

/// The directorate's mark: every field corrected since its last step, and when.
fn mark_corrected(
    conn: &mut DbConnection,
    request_id: &str,
    changed: &[FieldChange],
    at: NaiveDateTime,
) -> ApiResult<()> {
    let mut fields = marked_fields(conn, request_id)?;
    for c in changed {
        if !fields.contains(&c.field) {
            fields.push(c.field.clone());
        }
    }
    let fields_json = serde_json::to_string(&fields).map_err(ApiError::internal)?;
    ensure_marks_row(conn, request_id)?;
    diesel::update(request_marks::table.find(request_id))
        .set((
            request_marks::corrected_fields.eq(Some(fields_json)),
            request_marks::corrected_at.eq(Some(at)),
        ))
        .execute(conn)?;
    Ok(())
}

/// The history entry `correct` and, tied to it, each changed field with its old and new value.
fn record_changes(
    conn: &mut DbConnection,
    user: &AuthUser,
    row: &RequestRow,
    changed: &[FieldChange],
    version: i64,
    at: NaiveDateTime,
) -> ApiResult<()> {
    let labels: Vec<&str> = changed.iter().map(|c| label_fa(&c.field)).collect();
    let note = format!("اصلاح: {}", labels.join("، "));
    let history_id = store::append_history(
        conn,
        &row.id,
        user,
        store::Step {
            from: Some(row.status),
            to: row.status,
            action: Action::Correct.as_str(),
            note: Some(&note),
            at,
        },
    )?;
    for c in changed {
        diesel::insert_into(request_field_changes::table)
            .values((
                request_field_changes::id.eq(uuid::Uuid::now_v7().to_string()),
                request_field_changes::request_id.eq(&row.id),
                request_field_changes::history_id.eq(&history_id),
                request_field_changes::request_version.eq(version),
                request_field_changes::field.eq(&c.field),
                request_field_changes::old_value.eq(&c.old),
                request_field_changes::new_value.eq(&c.new),
                request_field_changes::changed_by.eq(&user.id),
                request_field_changes::changed_at.eq(at),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// The new contact mobile, allowed by the trigger only because the change was recorded just
/// before; then [`Effects::on_recipient_change`]. The request as it now is.
fn change_recipient(
    conn: &mut DbConnection,
    effects: &Effects,
    row: &RequestRow,
    change: &FieldChange,
    at: NaiveDateTime,
) -> ApiResult<RequestRow> {
    let new_mobile = change.new.clone().unwrap_or_default();
    diesel::update(requests::table.find(&row.id))
        .set(requests::contact_mobile.eq(&new_mobile))
        .execute(conn)?;
    let after = store::load(conn, &row.id)?;
    (effects.on_recipient_change)(conn, &after, &row.contact_mobile, &new_mobile, at)?;
    Ok(after)
}

/// The event `request.corrected`, naming the changed fields.
fn emit_corrected(
    conn: &mut DbConnection,
    after: &RequestRow,
    changed: &[FieldChange],
    at: NaiveDateTime,
) -> ApiResult<()> {
    crate::events::outbox::emit(
        conn,
        crate::events::outbox::NewEvent {
            event_type: EventType::RequestCorrected,
            subject_kind: crate::events::SubjectKind::Request,
            subject_id: &after.id,
            tracking_code: Some(&after.tracking_code),
            organisation_id: Some(&after.organisation_id),
            data: serde_json::to_value(RequestCorrectedData {
                request_id: after.id.clone(),
                tracking_code: after.tracking_code.clone(),
                organisation_id: after.organisation_id.clone(),
                status: after.status,
                fields: changed.iter().map(|c| c.field.clone()).collect(),
                version: after.version,
            })
            .map_err(ApiError::internal)?,
            at,
        },
    )?;
    Ok(())
}

/// Another open request for the corrected vehicle, as `(id, organisation_id, tracking_code)`.
fn open_for_vehicle_except(
    conn: &mut DbConnection,
    row: &RequestRow,
) -> ApiResult<Option<(String, String, String)>> {
    use crate::domain::status::RequestStatus;
    let (vin, chassis) = (row.vin.as_deref(), row.chassis_number.as_deref());
    Ok(requests::table
        .filter(requests::id.ne(&row.id))
        .filter(
            requests::plate.eq(&row.plate).or(requests::vin
                .eq(vin)
                .or(requests::vin.eq(chassis))
                .or(requests::chassis_number.eq(vin))
                .or(requests::chassis_number.eq(chassis))
                .assume_not_null()),
        )
        .filter(requests::status.ne(RequestStatus::Completed))
        .filter(requests::status.ne(RequestStatus::Rejected))
        .filter(requests::status.ne(RequestStatus::Withdrawn))
        .select((
            requests::id,
            requests::organisation_id,
            requests::tracking_code,
        ))
        .first(conn)
        .optional()?)
}

// ---- the marks on a request ----------------------------------------------------------------

/// What the directorate's view marks on a request: corrections since its last step, and an
/// overdue ask for documents.
#[derive(Clone, Debug, Default)]
pub struct Marks {
    pub corrected_fields: Vec<String>,
    pub corrected_at: Option<NaiveDateTime>,
    pub documents_overdue_since: Option<NaiveDateTime>,
}

impl Marks {
    /// Writes the marks into a view.
    pub fn apply(self, view: &mut RequestView, clock: &Clock) {
        view.corrected_since_review = !self.corrected_fields.is_empty();
        view.corrected_fields = self.corrected_fields;
        (view.corrected_at, view.corrected_at_jalali) = clock.stamp_opt(self.corrected_at);
        view.documents_overdue = self.documents_overdue_since.is_some();
        view.documents_overdue_since = self.documents_overdue_since.map(crate::clock::utc);
    }
}

type MarkRow = (
    String,
    Option<String>,
    Option<NaiveDateTime>,
    Option<NaiveDateTime>,
);

impl Marks {
    /// The marks as stored: the corrected fields (a JSON array), when, and since when an ask
    /// for documents is overdue.
    pub fn from_stored(
        (fields, at, overdue): (Option<String>, Option<NaiveDateTime>, Option<NaiveDateTime>),
    ) -> Marks {
        Marks {
            corrected_fields: parse_fields(fields.as_deref()),
            corrected_at: at,
            documents_overdue_since: overdue,
        }
    }
}

/// The marks of these requests (those with none are left out).
pub fn marks_for(conn: &mut DbConnection, ids: &[String]) -> ApiResult<HashMap<String, Marks>> {
    let mut out = HashMap::new();
    for chunk in ids.chunks(200) {
        let rows: Vec<MarkRow> = request_marks::table
            .filter(request_marks::request_id.eq_any(chunk))
            .select((
                request_marks::request_id,
                request_marks::corrected_fields,
                request_marks::corrected_at,
                request_marks::documents_overdue_since,
            ))
            .load(conn)?;
        for (id, fields, at, overdue) in rows {
            out.insert(id, Marks::from_stored((fields, at, overdue)));
        }
    }
    Ok(out)
}

fn parse_fields(stored: Option<&str>) -> Vec<String> {
    stored
        .and_then(|s| serde_json::from_str(s).ok())
        .unwrap_or_default()
}

/// The request's row of marks exists (inserted empty when missing).
pub fn ensure_marks_row(conn: &mut DbConnection, id: &str) -> ApiResult<()> {
    let values = request_marks::request_id.eq(id);
    match conn {
        DbConnection::Postgresql(pg) => diesel::insert_into(request_marks::table)
            .values(values)
            .on_conflict_do_nothing()
            .execute(pg)?,
        DbConnection::Sqlite(lite) => diesel::insert_or_ignore_into(request_marks::table)
            .values(values)
            .execute(lite)?,
    };
    Ok(())
}

/// The fields marked corrected on the request now.
fn marked_fields(conn: &mut DbConnection, id: &str) -> ApiResult<Vec<String>> {
    let stored: Option<Option<String>> = request_marks::table
        .find(id)
        .select(request_marks::corrected_fields)
        .first(conn)
        .optional()?;
    Ok(parse_fields(stored.flatten().as_deref()))
}

/// The directorate took a step on the request: its corrections are seen.
pub fn clear_marks(conn: &mut DbConnection, id: &str) -> ApiResult<()> {
    diesel::update(
        request_marks::table
            .find(id)
            .filter(request_marks::corrected_fields.is_not_null()),
    )
    .set((
        request_marks::corrected_fields.eq(None::<String>),
        request_marks::corrected_at.eq(None::<NaiveDateTime>),
    ))
    .execute(conn)?;
    Ok(())
}

/// The request changed status: an overdue ask no longer holds it.
pub fn clear_documents_overdue(conn: &mut DbConnection, id: &str) -> ApiResult<()> {
    diesel::update(
        request_marks::table
            .find(id)
            .filter(request_marks::documents_overdue_since.is_not_null()),
    )
    .set(request_marks::documents_overdue_since.eq(None::<NaiveDateTime>))
    .execute(conn)?;
    Ok(())
}

/// Flags the request: its latest ask for documents is overdue since `since`.
pub fn flag_documents_overdue(
    conn: &mut DbConnection,
    id: &str,
    since: NaiveDateTime,
) -> ApiResult<()> {
    ensure_marks_row(conn, id)?;
    diesel::update(request_marks::table.find(id))
        .set(request_marks::documents_overdue_since.eq(Some(since)))
        .execute(conn)?;
    Ok(())
}

/// The corrections of a request's history entries, by history entry id.
pub fn changes_of(
    conn: &mut DbConnection,
    request_id: &str,
) -> ApiResult<HashMap<String, Vec<FieldChange>>> {
    let rows: Vec<(String, String, Option<String>, Option<String>)> = request_field_changes::table
        .filter(request_field_changes::request_id.eq(request_id))
        .order((
            request_field_changes::request_version.asc(),
            request_field_changes::id.asc(),
        ))
        .select((
            request_field_changes::history_id,
            request_field_changes::field,
            request_field_changes::old_value,
            request_field_changes::new_value,
        ))
        .load(conn)?;
    let mut out: HashMap<String, Vec<FieldChange>> = HashMap::new();
    for (history_id, field, old, new) in rows {
        out.entry(history_id)
            .or_default()
            .push(FieldChange { field, old, new });
    }
    Ok(out)
}

// ---- event payload -------------------------------------------------------------------------

/// The `data` of `request.corrected`: which fields the agency corrected (names only: the
/// values may be personal data, read them from the request's history).
#[derive(Serialize, ToSchema)]
pub struct RequestCorrectedData {
    #[schema(format = Uuid)]
    pub request_id: String,
    pub tracking_code: String,
    #[schema(format = Uuid)]
    pub organisation_id: String,
    pub status: crate::domain::status::RequestStatus,
    /// The corrected fields' API paths.
    #[schema(example = json!(["vehicle.chassis_number"]))]
    pub fields: Vec<String>,
    /// The request's version after the correction.
    #[schema(minimum = 1)]
    pub version: i64,
}
