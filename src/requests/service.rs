//! Rules that span rows: validating and filing a request, and applying an action of the state
//! machine in one transaction (versioned update, history entry).

use chrono::NaiveDateTime;

use crate::auth::access::{shows_contact, Scope};
use crate::auth::{AuthUser, ChangeContext};
use crate::clock::Clock;
use crate::config::Config;
use crate::db::DbConnection;
use crate::domain::mobile::Mobile;
use crate::domain::national_code::NationalCode;
use crate::domain::plate::{Plate, PlateError};
use crate::domain::status::{self, Action, Guards, Refusal, RequestStatus};
use crate::domain::vehicle::{LetterRef, LetterRefError, ModelYear, ModelYearError};
use crate::domain::vin::{normalize_identifier, ChassisNumber, IdentifierError, Vin};
use crate::error::{ApiError, ApiResult, FieldIssue};
use crate::events::EventType;
use crate::http::etag::IfMatch;
use crate::requests::effects::{Change, Effects};
use crate::requests::model::ListQuery;
use crate::requests::model::{CreateRequest, NewRejection, Reason, RequestRow, RequestSort};
use crate::requests::store;
use crate::requests::views::RequestView;
use crate::validate::Issues;
use crate::vehicle_conflicts::model::RefusedVehicle;

/// A request that passed validation, in canonical form.
pub struct NewRequest {
    plate: String,
    vin: Option<String>,
    chassis_number: Option<String>,
    engine_number: String,
    make: String,
    model: String,
    model_year: i32,
    vehicle_type: crate::requests::model::VehicleType,
    reason: Reason,
    reason_details: Option<String>,
    letter_number: String,
    letter_date: chrono::NaiveDate,
    contact_name: String,
    contact_mobile: String,
    description: Option<String>,
    vehicle_colour: Option<String>,
    representative: Option<Representative>,
}

impl NewRequest {
    /// The fields a correction may change, by their API path, in canonical text form (as
    /// stored): what [`crate::requests::correction`] compares with the stored request.
    pub(crate) fn correctable(&self) -> Vec<(&'static str, Option<String>)> {
        let rep = self.representative.as_ref();
        vec![
            ("vehicle.plate", Some(self.plate.clone())),
            ("vehicle.vin", self.vin.clone()),
            ("vehicle.chassis_number", self.chassis_number.clone()),
            ("vehicle.engine_number", Some(self.engine_number.clone())),
            ("vehicle.make", Some(self.make.clone())),
            ("vehicle.model", Some(self.model.clone())),
            ("vehicle.year", Some(self.model_year.to_string())),
            (
                "vehicle.vehicle_type",
                Some(self.vehicle_type.as_str().to_owned()),
            ),
            ("vehicle.vehicle_colour", self.vehicle_colour.clone()),
            ("letter.number", Some(self.letter_number.clone())),
            ("letter.date", Some(self.letter_date.to_string())),
            ("contact.name", Some(self.contact_name.clone())),
            ("contact.mobile", Some(self.contact_mobile.clone())),
            ("representative.full_name", rep.map(|r| r.full_name.clone())),
            (
                "representative.national_code",
                rep.map(|r| r.national_code.clone()),
            ),
            ("representative.mobile", rep.and_then(|r| r.mobile.clone())),
        ]
    }

    /// Writes the correctable fields into `row` (all but the contact mobile, which changes
    /// only through its audited path).
    pub(crate) fn correct_row(self, row: &mut RequestRow) {
        row.plate = self.plate;
        row.vin = self.vin;
        row.chassis_number = self.chassis_number;
        row.engine_number = self.engine_number;
        row.make = self.make;
        row.model = self.model;
        row.model_year = self.model_year;
        row.vehicle_type = self.vehicle_type;
        row.vehicle_colour = self.vehicle_colour;
        row.letter_number = self.letter_number;
        row.letter_date = self.letter_date;
        row.contact_name = self.contact_name;
        row.representative_full_name = self.representative.as_ref().map(|r| r.full_name.clone());
        row.representative_national_code = self
            .representative
            .as_ref()
            .map(|r| r.national_code.clone());
        row.representative_mobile = self.representative.and_then(|r| r.mobile);
    }
}

/// The checked representative: name, 10-digit national code, mobile.
struct Representative {
    full_name: String,
    national_code: String,
    mobile: Option<String>,
}

fn mobile_issue(field: &str) -> FieldIssue {
    FieldIssue::new(
        field,
        "invalid_mobile",
        "شمارهٔ همراه باید ۱۱ رقم باشد و با ۰۹ آغاز شود، مانند ۰۹۱۲۱۲۳۴۵۶۷.",
        "The mobile number must look like 09xxxxxxxxx.",
    )
}

/// The representative who brings the vehicle, every invalid field named.
fn representative(
    issues: &mut Issues,
    input: &crate::requests::model::RepresentativeInput,
) -> Option<Representative> {
    let full_name = issues.line("representative.full_name", &input.full_name, 2, 100);
    let national_code = if input.national_code.trim().is_empty() {
        issues.push(FieldIssue::required("representative.national_code"));
        None
    } else {
        match NationalCode::parse(&input.national_code) {
            Ok(code) => Some(code.into_inner()),
            Err(e) => {
                let (fa, en) = e.message();
                issues.push(FieldIssue::new(
                    "representative.national_code",
                    "invalid_national_code",
                    fa,
                    en,
                ));
                None
            }
        }
    };
    let mobile = match input.mobile.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(raw) => match Mobile::parse(raw) {
            Some(m) => Some(m.as_str().to_owned()),
            None => {
                issues.push(mobile_issue("representative.mobile"));
                None
            }
        },
    };
    Some(Representative {
        full_name,
        national_code: national_code?,
        mobile,
    })
}

fn plate_issue(err: PlateError) -> FieldIssue {
    let (fa, en) = err.message();
    FieldIssue::new("vehicle.plate", "invalid_plate", fa, en)
}

/// An optional identifier field: absent or blank is "not given".
fn given(value: Option<&str>) -> Option<&str> {
    value.filter(|v| !normalize_identifier(v).is_empty())
}

/// The vehicle's VIN (ISO 3779, checked only when given) and chassis number (free format,
/// 5–25 after normalisation); at least one of the two is required.
fn vehicle_identity(
    issues: &mut Issues,
    v: &crate::requests::model::VehicleInput,
) -> (Option<String>, Option<String>) {
    let vin = given(v.vin.as_deref()).and_then(|raw| match Vin::parse(raw) {
        Some(vin) => Some(vin.as_str().to_owned()),
        None => {
            issues.push(FieldIssue::new(
                "vehicle.vin",
                "invalid_vin",
                "شمارهٔ شناسایی (VIN) باید ۱۷ نویسه از حروف لاتین و رقم، بدون I و O و Q و نه همه رقم باشد؛ اگر خودرو VIN ندارد، شمارهٔ شاسی را در جای «شمارهٔ شاسی» بنویسید.",
                "The VIN must be 17 letters and digits, without I, O or Q, and not all digits; for a vehicle without a VIN, give its chassis_number instead.",
            ));
            None
        }
    });
    let chassis = given(v.chassis_number.as_deref());
    let chassis_number = chassis.and_then(|raw| match ChassisNumber::parse(raw) {
        Ok(c) => Some(c.into_inner()),
        Err(e) => {
            let (fa, en) = match e {
                IdentifierError::TooShort => (
                    "شمارهٔ شاسی باید دست‌کم ۵ نویسه باشد.",
                    "The chassis number must have at least 5 characters.",
                ),
                IdentifierError::TooLong => (
                    "شمارهٔ شاسی حداکثر ۲۵ نویسه است.",
                    "The chassis number has at most 25 characters.",
                ),
                IdentifierError::BadCharacter => (
                    "شمارهٔ شاسی تنها از حروف لاتین و رقم تشکیل می‌شود.",
                    "The chassis number consists of Latin letters and digits only.",
                ),
            };
            issues.push(FieldIssue::new(
                "vehicle.chassis_number",
                "invalid_chassis_number",
                fa,
                en,
            ));
            None
        }
    });
    if given(v.vin.as_deref()).is_none() && chassis.is_none() {
        issues.push(FieldIssue::new(
            "vehicle.chassis_number",
            "required",
            "شمارهٔ شناسایی (VIN) یا شمارهٔ شاسی خودرو را وارد کنید؛ دست‌کم یکی از این دو الزامی است.",
            "Give the vehicle's VIN or its chassis number; at least one of the two is required.",
        ));
    }
    (vin, chassis_number)
}

/// Validates a new request completely: every invalid field is named at once.
pub fn validate(
    input: CreateRequest,
    config: &Config,
    today: chrono::NaiveDate,
) -> ApiResult<NewRequest> {
    let mut issues = Issues::new();
    let v = &input.vehicle;
    let plate = plate(&mut issues, &v.plate, &config.plate_letters);
    let (vin, chassis_number) = vehicle_identity(&mut issues, v);
    let engine_number = engine_number(&mut issues, &v.engine_number);
    let make = issues.line("vehicle.make", &v.make, 1, 100);
    let model = issues.line("vehicle.model", &v.model, 1, 100);
    let model_year = model_year(&mut issues, v.year, today);
    let reason_details = reason_details(&mut issues, &input);
    let (letter_number, letter_date) = letter(&mut issues, &input.letter, today);
    let contact_name = issues.line("contact.name", &input.contact.name, 2, 100);
    let contact_mobile = contact_mobile(&mut issues, &input.contact.mobile);
    let description = issues.opt_text("description", input.description.as_deref(), 2000);
    let vehicle_colour = vehicle_colour(&mut issues, v.vehicle_colour.as_deref());
    let representative = input
        .representative
        .as_ref()
        .and_then(|r| representative(&mut issues, r));
    issues.finish()?;
    Ok(NewRequest {
        plate,
        vin,
        chassis_number,
        engine_number,
        make,
        model,
        model_year,
        vehicle_type: v.vehicle_type,
        reason: input.reason,
        reason_details,
        letter_number,
        letter_date,
        contact_name,
        contact_mobile,
        description,
        vehicle_colour,
        representative,
    })
}

/// The plate in canonical form (empty when invalid).
fn plate(issues: &mut Issues, raw: &str, letters: &[String]) -> String {
    match Plate::parse(raw, letters) {
        Ok(p) => p.canonical(),
        Err(e) => {
            issues.push(plate_issue(e));
            String::new()
        }
    }
}

/// The engine number, normalised: up to 30 Latin letters, digits and `/`.
fn engine_number(issues: &mut Issues, raw: &str) -> String {
    let engine_number = normalize_identifier(raw);
    if engine_number.is_empty() {
        issues.push(FieldIssue::required("vehicle.engine_number"));
    } else if engine_number.chars().count() > 30
        || !engine_number
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '/')
    {
        issues.push(FieldIssue::new(
            "vehicle.engine_number",
            "invalid_engine_number",
            "شمارهٔ موتور باید حداکثر ۳۰ نویسه از حروف لاتین و رقم باشد.",
            "The engine number must be up to 30 letters and digits.",
        ));
    }
    engine_number
}

/// The model year as a Gregorian year (0 when invalid).
fn model_year(issues: &mut Issues, year: i32, today: chrono::NaiveDate) -> i32 {
    match ModelYear::parse(year, today) {
        Ok(y) => y.get(),
        Err(e) => {
            let (fa, en) = match e {
                ModelYearError::Future => (
                    "سال ساخت نمی‌تواند در آینده باشد.",
                    "The model year cannot be in the future.",
                ),
                ModelYearError::Implausible => (
                    "سال ساخت پذیرفتنی نیست (میلادی از ۱۹۵۰ یا شمسی از ۱۳۳۰).",
                    "Implausible model year (Gregorian from 1950 or Solar Hijri from 1330).",
                ),
            };
            issues.push(FieldIssue::new("vehicle.year", "invalid_year", fa, en));
            0
        }
    }
}

/// The reason's details: required for the reason `other`.
fn reason_details(issues: &mut Issues, input: &CreateRequest) -> Option<String> {
    let reason_details = issues.opt_text("reason_details", input.reason_details.as_deref(), 1000);
    if input.reason == Reason::Other && reason_details.is_none() {
        issues.push(FieldIssue::new(
            "reason_details",
            "required",
            "برای دلیل «سایر» شرح دلیل الزامی است.",
            "reason_details is required when reason is 'other'.",
        ));
    }
    reason_details
}

/// The covering letter's number and date (an empty number and `today` when invalid).
fn letter(
    issues: &mut Issues,
    letter: &crate::requests::model::LetterInput,
    today: chrono::NaiveDate,
) -> (String, chrono::NaiveDate) {
    match LetterRef::parse(&letter.number, &letter.date, today) {
        Ok(l) => (l.number().to_owned(), l.date()),
        Err(errs) => {
            for (field, e) in errs {
                let path = format!("letter.{field}");
                issues.push(match e {
                    LetterRefError::Required => FieldIssue::required(path),
                    LetterRefError::TooLong => FieldIssue::new(
                        path,
                        "too_long",
                        "حداکثر ۵۰ نویسه مجاز است.",
                        "At most 50 characters are allowed.",
                    ),
                    LetterRefError::Future => FieldIssue::new(
                        path,
                        "future_date",
                        "تاریخ نامه نمی‌تواند در آینده باشد.",
                        "The letter date cannot be in the future.",
                    ),
                    LetterRefError::Invalid => FieldIssue::new(
                        path,
                        "invalid_value",
                        "مقدار نامعتبر است (تاریخ: ۱۴۰۳/۰۸/۱۵ یا 2024-11-05).",
                        "Invalid value (dates: 1403/08/15 or 2024-11-05).",
                    ),
                });
            }
            (String::new(), today)
        }
    }
}

/// The contact's mobile number in canonical form (empty when invalid).
fn contact_mobile(issues: &mut Issues, raw: &str) -> String {
    match Mobile::parse(raw) {
        Some(m) => m.as_str().to_owned(),
        None => {
            issues.push(mobile_issue("contact.mobile"));
            String::new()
        }
    }
}

/// The vehicle's colour, when given (blank is not given).
fn vehicle_colour(issues: &mut Issues, colour: Option<&str>) -> Option<String> {
    match colour {
        Some(c) if !crate::domain::text::normalize_line(c).is_empty() => {
            Some(issues.line("vehicle.vehicle_colour", c, 2, 50))
        }
        _ => None,
    }
}

/// Facts the state machine's guards need for a request (none today).
pub fn guards_for(
    _conn: &mut DbConnection,
    _row: &RequestRow,
    _at: NaiveDateTime,
) -> ApiResult<Guards> {
    Ok(Guards::default())
}

/// The request as `user` sees it, with the actions `user` can take now and its SLA clock.
pub fn view(
    conn: &mut DbConnection,
    config: &Config,
    clock: &Clock,
    user: &AuthUser,
    row: RequestRow,
) -> ApiResult<RequestView> {
    let cal = crate::sla::queries::calendar(conn, config)?;
    let stored = crate::sla::queries::row_for(conn, &row.id)?;
    let marks = crate::requests::correction::marks_for(conn, std::slice::from_ref(&row.id))?
        .remove(&row.id)
        .unwrap_or_default();
    let batch = store::batch_of(conn, &row.id)?;
    view_with(conn, config, clock, &cal, user, row, (stored, marks, batch))
}

/// The request `scope` may read (404 otherwise), as `user` sees it: the request with its
/// stored clock, marks and batch read in one statement ([`store::load_visible_read`]).
pub fn view_visible(
    conn: &mut DbConnection,
    config: &Config,
    clock: &Clock,
    user: &AuthUser,
    scope: &Scope,
    id: &str,
) -> ApiResult<RequestView> {
    let (row, (stored, marks, batch)) = store::load_visible_read(conn, scope, id)?;
    let cal = crate::sla::queries::calendar(conn, config)?;
    let marks = crate::requests::correction::Marks::from_stored(marks);
    view_with(conn, config, clock, &cal, user, row, (stored, marks, batch))
}

/// Views of several requests, reading the calendar and the clocks once.
pub fn views(
    conn: &mut DbConnection,
    config: &Config,
    clock: &Clock,
    user: &AuthUser,
    rows: Vec<RequestRow>,
) -> ApiResult<Vec<RequestView>> {
    let cal = crate::sla::queries::calendar(conn, config)?;
    let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let mut stored = crate::sla::queries::rows_for(conn, &ids)?;
    let mut marks = crate::requests::correction::marks_for(conn, &ids)?;
    let mut batches = store::batches_for(conn, &ids)?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let sla = stored.remove(&row.id);
        let mark = marks.remove(&row.id).unwrap_or_default();
        let batch = batches.remove(&row.id);
        out.push(view_with(
            conn,
            config,
            clock,
            &cal,
            user,
            row,
            (sla, mark, batch),
        )?);
    }
    Ok(out)
}

/// A page of the request list with each row's cursor key.
pub fn list(
    conn: &mut DbConnection,
    config: &Config,
    clock: &Clock,
    user: &AuthUser,
    query: &ListQuery,
) -> ApiResult<(Vec<String>, Vec<RequestView>)> {
    let rows = store::list(conn, query)?;
    let views = views(conn, config, clock, user, rows)?;
    let keys = views
        .iter()
        .map(|v| match (query.sort, v.sla.due_at) {
            (RequestSort::DueAt, Some(due)) => format!("{}:{}", due.timestamp_micros(), v.id),
            _ => v.id.clone(),
        })
        .collect();
    Ok((keys, views))
}

fn view_with(
    conn: &mut DbConnection,
    config: &Config,
    clock: &Clock,
    cal: &crate::sla::calendar::Calendar,
    user: &AuthUser,
    row: RequestRow,
    (stored, marks, batch_id): (
        Option<crate::sla::queries::SlaRow>,
        crate::requests::correction::Marks,
        Option<String>,
    ),
) -> ApiResult<RequestView> {
    let at = clock.now();
    let guards = guards_for(conn, &row, at)?;
    let actions = status::allowed_actions(row.status, user.role, guards);
    let show = shows_contact(user, &row.organisation_id);
    let sla = crate::sla::queries::view_of(conn, config, cal, stored, &row.id, at)?;
    let mut view = RequestView::build(row, show, actions, sla, clock);
    view.batch_id = batch_id;
    marks.apply(&mut view, clock);
    Ok(view)
}

/// 409 `duplicate` for a vehicle whose open request is `existing` `(id, organisation_id,
/// tracking_code)`. To the same agency it names its own open request's tracking code. To another
/// agency it names no request and no agency: one open request per vehicle is the rule, so the
/// agency must learn why its filing failed, but not whose request holds the vehicle (that would
/// let any agency learn who holds a car); the collision is recorded for the directorate
/// ([`note_refused_filing`]), and the answer says so.
pub(crate) fn duplicate_for(existing: (String, String, String), user: &AuthUser) -> ApiError {
    match existing {
        (_, org, code) if org == user.org_id => ApiError::duplicate(
            "برای این خودرو (همین پلاک، VIN یا شمارهٔ شاسی) درخواست بازِ دیگری وجود دارد.",
            "This vehicle (same plate, VIN or chassis number) already has an open request.",
        )
        .with_extension("existing_tracking_code", code),
        _ => held_elsewhere(),
    }
}

/// The answer to an agency whose filing collides with another agency's open request.
pub fn held_elsewhere() -> ApiError {
    ApiError::duplicate(
        "برای این خودرو (همین پلاک، VIN یا شمارهٔ شاسی) در جای دیگری درخواست بازی ثبت است و هر خودرو تنها یک درخواست باز می‌تواند داشته باشد. این تعارض به اداره کل اطلاع داده شد تا به آن رسیدگی کند.",
        "This vehicle (same plate, VIN or chassis number) has an open request elsewhere, and a vehicle may have one open request only. The directorate has been told of this conflict and will look into it.",
    )
}

/// After a filing was refused 409 `duplicate` (and rolled back), in a transaction of its own:
/// when the vehicle's open request is another agency's, the collision is recorded as a vehicle
/// conflict for the directorate (with its audit entry) and `true` is returned (the caller
/// answers [`held_elsewhere`]); `false` when it is the caller's own agency's or gone meanwhile.
/// Looking again here also catches a concurrent filing that the unique indexes refused.
pub fn note_refused_filing(
    conn: &mut DbConnection,
    clock: &Clock,
    user: &AuthUser,
    vehicle: &RefusedVehicle,
) -> ApiResult<bool> {
    let keys = store::VehicleKeys {
        plate: &vehicle.plate,
        vin: vehicle.vin.as_deref(),
        chassis_number: vehicle.chassis_number.as_deref(),
    };
    match store::open_for_vehicle(conn, &keys)? {
        Some((id, org, _)) if org != user.org_id => {
            crate::vehicle_conflicts::service::record(conn, clock, user, &id, vehicle)?;
            Ok(true)
        }
        _ => Ok(false),
    }
}

/// The vehicle a filing names, kept to look again if the filing is refused.
pub fn refused_vehicle(new: &NewRequest) -> RefusedVehicle {
    RefusedVehicle {
        plate: new.plate.clone(),
        vin: new.vin.clone(),
        chassis_number: new.chassis_number.clone(),
    }
}

/// Files a new request (agency), inside the caller's write transaction: tracking code,
/// request, first history entry, event and SLA clock.
pub fn create(
    c: &mut DbConnection,
    config: &Config,
    clock: &Clock,
    effects: &Effects,
    user: &AuthUser,
    new: NewRequest,
) -> ApiResult<RequestView> {
    // A concurrent filing for the same vehicle that slips past the check below is refused by
    // the partial unique indexes and surfaces as 409 `duplicate`.
    let keys = store::VehicleKeys {
        plate: &new.plate,
        vin: new.vin.as_deref(),
        chassis_number: new.chassis_number.as_deref(),
    };
    if let Some(existing) = store::open_for_vehicle(c, &keys)? {
        return Err(duplicate_for(existing, user));
    }
    let at = clock.now();
    let id = uuid::Uuid::now_v7().to_string();
    let tracking_code = store::claim_tracking_code(c, "request", &id, at)?;
    let row = new_row(new, id, tracking_code, user, at);
    store::insert(c, &row)?;
    store::append_history(
        c,
        &row.id,
        user,
        store::Step {
            from: None,
            to: RequestStatus::Submitted,
            action: "submit",
            note: None,
            at,
        },
    )?;
    crate::events::outbox::emit(
        c,
        crate::events::outbox::NewEvent {
            event_type: crate::events::EventType::RequestSubmitted,
            subject_kind: crate::events::SubjectKind::Request,
            subject_id: &row.id,
            tracking_code: Some(&row.tracking_code),
            organisation_id: Some(&row.organisation_id),
            data: serde_json::to_value(crate::requests::model::RequestSubmittedData::new(&row))
                .map_err(ApiError::internal)?,
            at,
        },
    )?;
    crate::sla::queries::refresh(c, config, &row.id, at)?;
    let change = Change {
        request: &row,
        from: None,
        to: RequestStatus::Submitted,
        note: None,
        at,
    };
    (effects.on_change)(c, config, clock, &change)?;
    view(c, config, clock, user, row)
}

/// The row of a request `user` files now.
fn new_row(
    new: NewRequest,
    id: String,
    tracking_code: String,
    user: &AuthUser,
    at: NaiveDateTime,
) -> RequestRow {
    RequestRow {
        id,
        tracking_code,
        organisation_id: user.org_id.clone(),
        created_by: user.id.clone(),
        status: RequestStatus::Submitted,
        plate: new.plate,
        vin: new.vin,
        chassis_number: new.chassis_number,
        rejection_reason: None,
        engine_number: new.engine_number,
        make: new.make,
        model: new.model,
        model_year: new.model_year,
        vehicle_type: new.vehicle_type,
        reason: new.reason,
        reason_details: new.reason_details,
        letter_number: new.letter_number,
        letter_date: new.letter_date,
        contact_name: new.contact_name,
        contact_mobile: new.contact_mobile,
        description: new.description,
        vehicle_colour: new.vehicle_colour,
        representative_full_name: new.representative.as_ref().map(|r| r.full_name.clone()),
        representative_national_code: new.representative.as_ref().map(|r| r.national_code.clone()),
        representative_mobile: new.representative.and_then(|r| r.mobile),
        reviewer_id: None,
        version: 1,
        created_at: at,
        updated_at: at,
        status_changed_at: at,
    }
}

/// 404 unless the request exists and `user` may act on it. Handlers call this before reading
/// their body, so that another agency's request is 404 whatever the body says.
pub async fn ensure_visible(
    state: &crate::state::AppState,
    user: &AuthUser,
    request_id: &str,
) -> ApiResult<()> {
    let scope = Scope::request_actions(user);
    let id = request_id.to_owned();
    state
        .db(move |conn| store::load_visible(conn, &scope, &id).map(|_| ()))
        .await
}

/// One action of the state machine on one request.
pub struct Transition<'a> {
    pub user: &'a AuthUser,
    pub request_id: &'a str,
    pub action: Action,
    /// The request's `ETag` as the caller last read it (412 when stale, 428 when absent); `IfMatch::Any` when
    /// the caller checked another resource's version instead.
    pub if_match: IfMatch,
    /// Recorded in the history entry.
    pub note: Option<&'a str>,
    pub at: NaiveDateTime,
}

/// Applies an action in the caller's transaction: visibility (404), precondition (412), the
/// state machine (409 `invalid_transition`), a versioned update (`review` also makes the
/// caller the reviewer), the history entry, the SLA clock and the events. `extra` runs inside
/// the same transaction after the update (permits, receipts, document requests).
pub fn transition<F>(
    conn: &mut DbConnection,
    config: &Config,
    clock: &Clock,
    effects: &Effects,
    t: Transition<'_>,
    extra: F,
) -> ApiResult<RequestRow>
where
    F: FnOnce(&mut DbConnection, &RequestRow) -> ApiResult<()>,
{
    let Transition {
        user,
        request_id,
        action,
        if_match,
        note,
        at,
    } = t;
    if !action.allowed_for(user.role) {
        return Err(ApiError::forbidden());
    }
    // Agencies act on their own organisation's requests only; the police reach requests only
    // through the permits addressed to them (the action's role check above).
    let scope = Scope::request_actions(user);
    let row = store::load_visible(conn, &scope, request_id)?;
    if_match.check(row.version)?;
    let guards = guards_for(conn, &row, at)?;
    let to = match status::decide(row.status, action, user.role, guards) {
        Ok(to) => to,
        Err(Refusal::Forbidden) => return Err(ApiError::forbidden()),
        Err(Refusal::InvalidTransition) => {
            return Err(ApiError::invalid_transition(
                row.status.as_str(),
                row.status.label_fa(),
            ))
        }
    };
    let reviewer = match action {
        Action::Review => Some(user.id.clone()),
        _ => row.reviewer_id.clone(),
    };
    apply(
        conn,
        config,
        clock,
        effects,
        Step {
            actor: user,
            row: &row,
            to,
            action,
            reviewer: reviewer.as_deref(),
            if_match_given: if_match.is_tag(),
            note,
            at,
        },
        extra,
    )
}

/// A checked step of the state machine, about to be applied.
struct Step<'a> {
    actor: &'a AuthUser,
    row: &'a RequestRow,
    to: RequestStatus,
    action: Action,
    reviewer: Option<&'a str>,
    if_match_given: bool,
    note: Option<&'a str>,
    at: NaiveDateTime,
}

/// Applies a checked step: the versioned update, the history entry, the SLA clock, `extra`,
/// the events and the change hook.
fn apply<F>(
    conn: &mut DbConnection,
    config: &Config,
    clock: &Clock,
    effects: &Effects,
    step: Step<'_>,
    extra: F,
) -> ApiResult<RequestRow>
where
    F: FnOnce(&mut DbConnection, &RequestRow) -> ApiResult<()>,
{
    let Step {
        actor: user,
        row,
        to,
        action,
        reviewer,
        if_match_given,
        note,
        at,
    } = step;
    let request_id = row.id.as_str();
    let updated = store::advance(conn, row, to, reviewer, at)?;
    if !updated {
        return Err(lost_update(conn, request_id, if_match_given));
    }
    record_step(conn, config, &step)?;
    let after = store::load(conn, request_id)?;
    extra(conn, &after)?;
    if action == Action::Withdraw && row.status == RequestStatus::PermitIssued {
        (effects.on_withdrawal_with_permit)(conn, user, &after, note, at)?;
    }
    emit_status_changed(conn, user, row.status, to, action, &after, at)?;
    (effects.on_change)(
        conn,
        config,
        clock,
        &Change {
            request: &after,
            from: Some(row.status),
            to,
            note,
            at,
        },
    )?;
    Ok(after)
}

/// The applied step's history entry and the request's SLA clock; a directorate's step also
/// marks the request's corrections seen.
fn record_step(conn: &mut DbConnection, config: &Config, step: &Step<'_>) -> ApiResult<()> {
    let row = step.row;
    store::append_history(
        conn,
        &row.id,
        step.actor,
        store::Step {
            from: Some(row.status),
            to: step.to,
            action: step.action.as_str(),
            note: step.note,
            at: step.at,
        },
    )?;
    crate::sla::queries::refresh(conn, config, &row.id, step.at)?;
    if step.actor.role == crate::domain::identity::Role::Directorate {
        // The directorate acted on the request as it now reads (its `If-Match` carried the
        // corrected version): the corrections are seen.
        crate::requests::correction::clear_marks(conn, &row.id)?;
    }
    Ok(())
}

/// A concurrent writer changed the request between our read and our update: 412 when the
/// caller named the version it read, else 409 `invalid_transition` from the status it has now.
fn lost_update(conn: &mut DbConnection, request_id: &str, if_match_given: bool) -> ApiError {
    if if_match_given {
        return ApiError::precondition_failed();
    }
    match store::load(conn, request_id) {
        Ok(current) => {
            ApiError::invalid_transition(current.status.as_str(), current.status.label_fa())
        }
        Err(e) => e,
    }
}

/// `request.status_changed` (and `request.completed` on completion) for a step of `user`.
fn emit_status_changed(
    conn: &mut DbConnection,
    user: &AuthUser,
    from: RequestStatus,
    to: RequestStatus,
    action: Action,
    after: &RequestRow,
    at: NaiveDateTime,
) -> ApiResult<()> {
    // The service's own steps (an expiry) are no user's: `actor_role` says `system`.
    let data = serde_json::to_value(crate::requests::model::RequestStatusChangedData {
        request_id: after.id.clone(),
        tracking_code: after.tracking_code.clone(),
        organisation_id: after.organisation_id.clone(),
        from,
        to,
        action,
        version: after.version,
        actor_role: crate::requests::model::StepActorRole::of(
            user.role,
            user.id == crate::auth::queries::SYSTEM_USER_ID,
        ),
    })
    .map_err(ApiError::internal)?;
    let mut types = vec![EventType::RequestStatusChanged];
    if to == RequestStatus::Completed {
        types.push(EventType::RequestCompleted);
    }
    for event_type in types {
        crate::events::outbox::emit(
            conn,
            crate::events::outbox::NewEvent {
                event_type,
                subject_kind: crate::events::SubjectKind::Request,
                subject_id: &after.id,
                tracking_code: Some(&after.tracking_code),
                organisation_id: Some(&after.organisation_id),
                data: data.clone(),
                at,
            },
        )?;
    }
    Ok(())
}

/// A step the service takes by itself.
pub struct ServiceStep<'a> {
    /// The service's principal ([`crate::auth::queries::system_actor`]).
    pub actor: &'a AuthUser,
    pub request_id: &'a str,
    pub action: Action,
    pub note: Option<&'a str>,
    pub at: NaiveDateTime,
}

/// The service's own step `action` (`expire`) on the request `request_id`, by `actor` (the
/// service's principal), in the caller's transaction. `Ok(None)` when the request is no longer
/// in a state the step leaves (another replica or a user got there first): nothing changes.
pub fn by_service<F>(
    conn: &mut DbConnection,
    config: &Config,
    clock: &Clock,
    effects: &Effects,
    step: ServiceStep<'_>,
    extra: F,
) -> ApiResult<Option<RequestRow>>
where
    F: FnOnce(&mut DbConnection, &RequestRow) -> ApiResult<()>,
{
    let ServiceStep {
        actor,
        request_id,
        action,
        note,
        at,
    } = step;
    let row = store::load(conn, request_id)?;
    let Ok(to) = status::decide_by_service(row.status, action) else {
        return Ok(None);
    };
    let step = Step {
        actor,
        row: &row,
        to,
        action,
        reviewer: row.reviewer_id.as_deref(),
        if_match_given: false,
        note,
        at,
    };
    match apply(conn, config, clock, effects, step, extra) {
        Ok(after) => Ok(Some(after)),
        // Changed between the read and the versioned update.
        Err(e) if e.code() == crate::error::ErrorCode::InvalidTransition => Ok(None),
        Err(e) => Err(e),
    }
}

/// Rejects a request (directorate) in the caller's transaction: the transition with the text
/// as its history note, and the coded reason stored on the request. Answers the updated view.
pub fn reject(
    conn: &mut DbConnection,
    ctx: ChangeContext<'_, Effects>,
    request_id: &str,
    if_match: IfMatch,
    rejection: NewRejection,
) -> ApiResult<RequestView> {
    let ChangeContext {
        user,
        config,
        clock,
        effects,
    } = ctx;
    let NewRejection { code, reason } = rejection;
    let t = Transition {
        user,
        request_id,
        action: Action::Reject,
        if_match,
        note: Some(&reason),
        at: clock.now(),
    };
    transition(conn, config, clock, effects, t, |c, row| {
        store::record_rejection(c, &row.id, code)
    })?;
    let row = store::load(conn, request_id)?;
    view(conn, config, clock, user, row)
}

/// Who read or changed the request `id` (404 outside `scope`): its audit entries and its
/// history, oldest first.
pub fn access_log(
    conn: &mut DbConnection,
    clock: &crate::clock::Clock,
    scope: &Scope,
    id: &str,
) -> ApiResult<crate::audit::views::AccessLog> {
    use crate::audit::model::ActorKind;
    use crate::audit::views::{AccessLog, AccessLogEntry};
    store::load_visible(conn, scope, id)?;
    let mut items: Vec<(NaiveDateTime, AccessLogEntry)> =
        crate::audit::service::about_request(conn, clock, id)?
            .into_iter()
            .map(|e| (e.at.naive_utc(), e))
            .collect();
    for h in store::history(conn, id)? {
        let (at, at_jalali) = clock.stamp(h.at).into_parts();
        items.push((
            h.at,
            AccessLogEntry {
                at,
                at_jalali,
                source: "history".to_owned(),
                actor_id: Some(h.actor_id),
                actor_kind: ActorKind::User,
                actor_name: Some(h.actor_name),
                actor_role: Some(h.actor_role.as_str().to_owned()),
                organisation_id: None,
                action: h.action,
                subject_kind: Some(crate::audit::Subject::Request),
                subject_id: Some(h.request_id),
                client_ip: None,
                http_request_id: None,
                note: h.note,
            },
        ));
    }
    // Stable: at one instant, history steps stay after the audit entries of their change.
    items.sort_by_key(|(at, _)| *at);
    Ok(AccessLog {
        request_id: id.to_owned(),
        items: items.into_iter().map(|(_, e)| e).collect(),
    })
}

/// The most rows an export carries (the newest first); a narrower filter exports the rest.
pub const EXPORT_MAX_ROWS: i64 = 10_000;

/// The export's columns: (English header, Persian header).
const EXPORT_COLUMNS: [(&str, &str); 16] = [
    ("tracking_code", "کد رهگیری"),
    ("status", "وضعیت"),
    ("organisation_id", "شناسه دستگاه"),
    ("plate", "پلاک"),
    ("vin", "شماره شناسایی (VIN)"),
    ("chassis_number", "شماره شاسی"),
    ("make", "سازنده"),
    ("model", "مدل"),
    ("year", "سال ساخت"),
    ("reason", "علت فک پلاک"),
    ("letter_number", "شماره نامه"),
    ("created_at", "تاریخ ثبت"),
    ("created_at_jalali", "تاریخ ثبت (شمسی)"),
    ("sla_due_at", "مهلت رسیدگی"),
    ("sla_due_jalali", "مهلت رسیدگی (شمسی)"),
    ("overdue", "دیرکرد"),
];

/// The request list as an export table: one row per request, Persian or English headers,
/// the filing day and the SLA due day as date cells with their Jalali twins.
pub fn export_table(
    clock: &Clock,
    views: &[RequestView],
    lang: crate::http::table::Lang,
) -> crate::http::table::Table {
    let mut table = crate::http::table::Table::new(
        EXPORT_COLUMNS
            .iter()
            .map(|(en, fa)| lang.pick_text(fa, en).to_owned())
            .collect(),
    );
    for v in views {
        table.rows.push(export_row(clock, v, lang));
    }
    table
}

/// One request's row of the export, in [`EXPORT_COLUMNS`]' order.
fn export_row(
    clock: &Clock,
    v: &RequestView,
    lang: crate::http::table::Lang,
) -> Vec<crate::http::table::Cell> {
    use crate::http::table::{Cell, Lang};
    let local = |t: chrono::DateTime<chrono::Utc>| {
        chrono::TimeZone::from_utc_datetime(&clock.tz(), &t.naive_utc()).naive_local()
    };
    let status = match lang {
        Lang::Fa => v.status_label_fa.to_owned(),
        Lang::En => v.status.as_str().to_owned(),
    };
    let reason = match lang {
        Lang::Fa => v.reason_label_fa.to_owned(),
        Lang::En => v.reason.as_str().to_owned(),
    };
    let overdue = match (lang, v.sla.overdue) {
        (Lang::Fa, true) => "بله",
        (Lang::Fa, false) => "خیر",
        (Lang::En, true) => "yes",
        (Lang::En, false) => "no",
    };
    vec![
        Cell::text(&v.tracking_code),
        Cell::text(status),
        Cell::text(&v.organisation_id),
        Cell::text(&v.vehicle.plate),
        Cell::opt_text(v.vehicle.vin.clone()),
        Cell::opt_text(v.vehicle.chassis_number.clone()),
        Cell::text(&v.vehicle.make),
        Cell::text(&v.vehicle.model),
        Cell::Int(i64::from(v.vehicle.year)),
        Cell::text(reason),
        Cell::text(&v.letter.number),
        Cell::DateTime(local(v.created_at)),
        Cell::text(&v.created_at_jalali),
        v.sla
            .due_at
            .map(|d| Cell::DateTime(local(d)))
            .unwrap_or(Cell::Empty),
        Cell::opt_text(v.sla.due_at_jalali.clone()),
        Cell::text(overdue),
    ]
}
