//! Filing a batch (all or nothing, through the requests module's own validation and
//! insertion) and reading it.

use std::collections::BTreeMap;

use crate::auth::AuthUser;
use crate::batches::model::{BatchItemRow, BatchRow, CreateBatch};
use crate::batches::store;
use crate::batches::views::{BatchMember, BatchView, StatusCount};
use crate::batches::MAX_ITEMS;
use crate::clock::Clock;
use crate::config::Config;
use crate::db::DbConnection;
use crate::domain::jalali::format_jalali;
use crate::domain::status::RequestStatus;
use crate::domain::text::persian_digits;
use crate::error::{ApiError, ApiResult, ErrorCode, FieldIssue};
use crate::http::etag::etag;
use crate::requests::model::{
    ContactInput, CreateRequest, LetterInput, RepresentativeInput, VehicleInput,
};
use crate::requests::service::{self as requests, NewRequest};
use crate::requests::views::LetterView;
use crate::sms::quiet::Quiet;
use crate::vehicle_conflicts::model::RefusedVehicle;

/// A JSON pointer into the batch body for a field of the single filing: `vehicle.plate` of
/// the vehicle at `index` is `/vehicles/7/plate`; a shared field (`letter.date`) is
/// `/letter/date`.
pub fn pointer(field: &str, index: usize) -> String {
    match field.strip_prefix("vehicle.") {
        Some(rest) => format!("/vehicles/{index}/{}", rest.replace('.', "/")),
        None if field == "vehicle" => format!("/vehicles/{index}"),
        None => format!("/{}", field.replace('.', "/")),
    }
}

/// A validated batch: each vehicle as a filing of its own, with the vehicle's keys.
pub struct CheckedBatch {
    pub filings: Vec<NewRequest>,
    pub vehicles: Vec<RefusedVehicle>,
}

fn copy_letter(l: &LetterInput) -> LetterInput {
    LetterInput {
        number: l.number.clone(),
        date: l.date.clone(),
    }
}

fn copy_contact(c: &ContactInput) -> ContactInput {
    ContactInput {
        name: c.name.clone(),
        mobile: c.mobile.clone(),
    }
}

fn copy_representative(r: &RepresentativeInput) -> RepresentativeInput {
    RepresentativeInput {
        full_name: r.full_name.clone(),
        national_code: r.national_code.clone(),
        mobile: r.mobile.clone(),
    }
}

/// 1–[`MAX_ITEMS`] vehicles.
fn vehicle_count_issue(n: usize) -> Option<FieldIssue> {
    if n == 0 {
        return Some(FieldIssue::new(
            "/vehicles",
            "required",
            "دست‌کم یک خودرو لازم است.",
            "At least one vehicle is required.",
        ));
    }
    (n > MAX_ITEMS).then(|| {
        FieldIssue::new(
            "/vehicles",
            "too_many",
            format!(
                "یک دسته حداکثر {MAX_ITEMS} خودرو دارد، نه {n}؛ خودروها را در چند دسته ثبت کنید."
            ),
            format!(
                "A batch holds at most {MAX_ITEMS} vehicles, not {n}; file them in several batches."
            ),
        )
    })
}

/// The `i`th vehicle's filing issues as pointers into the batch; a shared field's fault (it
/// fails every vehicle's filing) is named once.
fn add_vehicle_issues(issues: &mut Vec<FieldIssue>, found: &[FieldIssue], i: usize) {
    for issue in found {
        let shared = !issue.field.starts_with("vehicle");
        let field = pointer(&issue.field, i);
        if shared
            && issues
                .iter()
                .any(|x| x.field == field && x.code == issue.code)
        {
            continue;
        }
        issues.push(FieldIssue {
            field,
            code: issue.code,
            message: issue.message.clone(),
        });
    }
}

/// Validates every vehicle as a single filing would (with what the vehicles share), and the
/// batch's own rules: 1–200 vehicles, no vehicle twice. Every error is named at once, each as
/// a pointer into the batch (`/vehicles/7/plate`); an error of a shared field is named once.
pub fn validate(
    input: CreateBatch,
    config: &Config,
    today: chrono::NaiveDate,
) -> ApiResult<CheckedBatch> {
    let CreateBatch {
        reason,
        reason_details,
        letter,
        contact,
        representative,
        description,
        vehicles,
    } = input;
    if let Some(issue) = vehicle_count_issue(vehicles.len()) {
        return Err(ApiError::validation(vec![issue]));
    }
    let mut issues: Vec<FieldIssue> = Vec::new();
    let mut filings = Vec::with_capacity(vehicles.len());
    let mut keys: Vec<RefusedVehicle> = Vec::with_capacity(vehicles.len());
    let mut seen: Vec<RefusedVehicle> = Vec::with_capacity(vehicles.len());
    for (i, vehicle) in vehicles.into_iter().enumerate() {
        // Compared whatever else is wrong with the filing (a shared field's fault fails every
        // vehicle's validation, and the repeat must still be named).
        let vehicle_keys = keys_of(&vehicle, config);
        if let Some(issue) = repeated(&seen, &vehicle_keys, i) {
            issues.push(issue);
        }
        seen.push(vehicle_keys);
        let one = CreateRequest {
            vehicle,
            reason,
            reason_details: reason_details.clone(),
            letter: copy_letter(&letter),
            contact: copy_contact(&contact),
            representative: representative.as_ref().map(copy_representative),
            description: description.clone(),
        };
        match requests::validate(one, config, today) {
            Ok(new) => {
                keys.push(requests::refused_vehicle(&new));
                filings.push(new);
            }
            Err(e) if e.code() == ErrorCode::ValidationFailed => {
                add_vehicle_issues(&mut issues, e.field_errors(), i)
            }
            Err(e) => return Err(e),
        }
    }
    if !issues.is_empty() {
        return Err(ApiError::validation(issues));
    }
    Ok(CheckedBatch {
        filings,
        vehicles: keys,
    })
}

/// The keys by which a vehicle is the same as another, read as the filing reads them (the
/// canonical plate, VIN and chassis number); a key that does not parse is left out.
fn keys_of(v: &VehicleInput, config: &Config) -> RefusedVehicle {
    use crate::domain::vin::{normalize_identifier, ChassisNumber, Vin};
    fn given(value: Option<&String>) -> Option<&str> {
        value
            .map(String::as_str)
            .filter(|x| !normalize_identifier(x).is_empty())
    }
    RefusedVehicle {
        plate: crate::domain::plate::Plate::parse(&v.plate, &config.plate_letters)
            .map(|p| p.canonical())
            .unwrap_or_default(),
        vin: given(v.vin.as_ref())
            .and_then(Vin::parse)
            .map(|x| x.as_str().to_owned()),
        chassis_number: given(v.chassis_number.as_ref())
            .and_then(|raw| ChassisNumber::parse(raw).ok())
            .map(ChassisNumber::into_inner),
    }
}

/// Which of `vehicle`'s fields names the same vehicle as `other` (same plate, or a VIN or
/// chassis number equal to either identifier of the other, as the open-request rule compares).
fn same_vehicle(vehicle: &RefusedVehicle, other: &RefusedVehicle) -> Option<&'static str> {
    if !vehicle.plate.is_empty() && vehicle.plate == other.plate {
        return Some("plate");
    }
    let theirs = [other.vin.as_deref(), other.chassis_number.as_deref()];
    let hit = |mine: Option<&str>| mine.is_some() && theirs.contains(&mine);
    if hit(vehicle.vin.as_deref()) {
        return Some("vin");
    }
    if hit(vehicle.chassis_number.as_deref()) {
        return Some("chassis_number");
    }
    None
}

/// 422 on the vehicle at `index` when an earlier vehicle of the batch is the same one.
fn repeated(
    earlier: &[RefusedVehicle],
    vehicle: &RefusedVehicle,
    index: usize,
) -> Option<FieldIssue> {
    earlier.iter().enumerate().find_map(|(j, other)| {
        same_vehicle(vehicle, other).map(|field| {
            FieldIssue::new(
                format!("/vehicles/{index}/{field}"),
                "duplicate_in_batch",
                format!(
                    "این خودرو (همان پلاک، VIN یا شمارهٔ شاسی) پیش‌تر در همین دسته آمده است (‎/vehicles/{j})؛ هر خودرو تنها یک بار ثبت می‌شود."
                ),
                format!(
                    "This vehicle (same plate, VIN or chassis number) is already in this batch at /vehicles/{j}; each vehicle is filed once."
                ),
            )
        })
    })
}

/// A vehicle of the batch that has an open request already, and whose it is.
pub struct HeldVehicle {
    pub index: usize,
    pub field: &'static str,
    pub own: Option<String>,
}

/// The batch's vehicles that have an open request already: `own` carries the tracking code
/// when it is the caller's agency's (another agency's request is named to nobody).
pub fn held_vehicles(
    conn: &mut DbConnection,
    user: &AuthUser,
    vehicles: &[RefusedVehicle],
) -> ApiResult<Vec<HeldVehicle>> {
    let mut held = Vec::new();
    for (index, v) in vehicles.iter().enumerate() {
        let keys = crate::requests::queries::VehicleKeys {
            plate: &v.plate,
            vin: v.vin.as_deref(),
            chassis_number: v.chassis_number.as_deref(),
        };
        if let Some((id, org, code)) = crate::requests::queries::open_for_vehicle(conn, &keys)? {
            let existing = crate::requests::queries::load(conn, &id)?;
            let theirs = RefusedVehicle {
                plate: existing.plate,
                vin: existing.vin,
                chassis_number: existing.chassis_number,
            };
            held.push(HeldVehicle {
                index,
                field: same_vehicle(v, &theirs).unwrap_or("plate"),
                own: (org == user.org_id).then_some(code),
            });
        }
    }
    Ok(held)
}

/// Files the batch ([`file`]) unless one of its vehicles holds an open request already (422
/// naming each, [`held_problem`]).
pub fn file_unheld(
    c: &mut DbConnection,
    config: &Config,
    clock: &Clock,
    effects: &crate::requests::Effects,
    user: &AuthUser,
    checked: CheckedBatch,
) -> ApiResult<BatchView> {
    let held = held_vehicles(c, user, &checked.vehicles)?;
    if !held.is_empty() {
        return Err(held_problem(&held));
    }
    file(c, config, clock, effects, user, checked)
}

/// Each vehicle of a batch refused for a collision with another agency's open request,
/// recorded for the directorate as after a refused single filing.
pub fn note_refused_filings(
    c: &mut DbConnection,
    clock: &Clock,
    filer: &AuthUser,
    vehicles: &[RefusedVehicle],
) -> ApiResult<()> {
    for v in vehicles {
        crate::requests::service::note_refused_filing(c, clock, filer, v)?;
    }
    Ok(())
}

/// The 422 that names every vehicle holding an open request elsewhere.
pub fn held_problem(held: &[HeldVehicle]) -> ApiError {
    let issues = held
        .iter()
        .map(|h| {
            let field = format!("/vehicles/{}/{}", h.index, h.field);
            match &h.own {
                Some(code) => FieldIssue::new(
                    field,
                    "duplicate",
                    format!("این خودرو درخواست بازِ دیگری از همین دستگاه دارد (کد رهگیری {code})؛ هر خودرو تنها یک درخواست باز می‌تواند داشته باشد."),
                    format!("This vehicle already has an open request of this agency (tracking code {code}); a vehicle may have one open request only."),
                ),
                None => FieldIssue::new(
                    field,
                    "duplicate",
                    "این خودرو در جای دیگری درخواست بازی دارد و هر خودرو تنها یک درخواست باز می‌تواند داشته باشد. این تعارض به اداره کل اطلاع داده شد تا به آن رسیدگی کند.",
                    "This vehicle has an open request elsewhere, and a vehicle may have one open request only. The directorate has been told of this conflict and will look into it.",
                ),
            }
        })
        .collect();
    ApiError::validation(issues)
}

/// Files the batch in the caller's write transaction: its tracking code, one request per
/// vehicle through the requests module's filing (tracking code, history, event, SLA clock),
/// each at its position, and one SMS for the whole batch. A vehicle that gained an open
/// request since the check is 422 on its pointer, and nothing is filed.
pub fn file(
    c: &mut DbConnection,
    config: &Config,
    clock: &Clock,
    effects: &crate::requests::Effects,
    user: &AuthUser,
    checked: CheckedBatch,
) -> ApiResult<BatchView> {
    let _quiet = Quiet::enter();
    let at = clock.now();
    let batch_id = uuid::Uuid::now_v7().to_string();
    let tracking_code = crate::requests::queries::claim_tracking_code(c, "batch", &batch_id, at)?;
    let count = checked.filings.len();
    let mut ids = Vec::with_capacity(count);
    for (index, new) in checked.filings.into_iter().enumerate() {
        match requests::create(c, config, clock, effects, user, new) {
            Ok(view) => ids.push(view.id),
            Err(e) if e.code() == ErrorCode::Duplicate => {
                return Err(ApiError::validation(vec![FieldIssue::new(
                    format!("/vehicles/{index}"),
                    "duplicate",
                    "برای این خودرو (همین پلاک، VIN یا شمارهٔ شاسی) هم‌اکنون درخواست بازی ثبت شد؛ هر خودرو تنها یک درخواست باز می‌تواند داشته باشد.",
                    "This vehicle (same plate, VIN or chassis number) has just been given an open request; a vehicle may have one open request only.",
                )]));
            }
            Err(e) => return Err(e),
        }
    }
    let first = ids
        .first()
        .ok_or_else(|| ApiError::internal("a batch without vehicles"))?;
    let shared = crate::requests::queries::load(c, first)?;
    let batch = BatchRow {
        id: batch_id.clone(),
        tracking_code,
        organisation_id: user.org_id.clone(),
        created_by: user.id.clone(),
        letter_number: shared.letter_number,
        letter_date: shared.letter_date,
        reason: shared.reason,
        contact_mobile: shared.contact_mobile,
        vehicle_count: i32::try_from(count).map_err(ApiError::internal)?,
        created_at: at,
    };
    store::insert(c, &batch)?;
    for (position, request_id) in ids.into_iter().enumerate() {
        store::insert_item(
            c,
            &BatchItemRow {
                request_id,
                batch_id: batch_id.clone(),
                position: i32::try_from(position).map_err(ApiError::internal)?,
            },
        )?;
    }
    crate::batches::sms::filed(c, config, &batch, at)?;
    view(c, clock, batch)
}

/// The short Persian words a digest uses for a status («۳۸ مجوز صادر شد»).
pub fn short_label(status: RequestStatus) -> &'static str {
    match status {
        RequestStatus::Submitted => "ثبت شد",
        RequestStatus::UnderReview => "در حال بررسی",
        RequestStatus::AwaitingDocuments => "در انتظار مدرک",
        RequestStatus::ReturnedForCorrection => "در انتظار اصلاح",
        RequestStatus::PermitIssued => "مجوز صادر شد",
        RequestStatus::PermitExpired => "مجوز منقضی شد",
        RequestStatus::PlateRemoved => "پلاک فک شد",
        RequestStatus::RemovalRefused => "فک تأیید نشد",
        RequestStatus::Completed => "پرونده بسته شد",
        RequestStatus::Rejected => "رد شد",
        RequestStatus::Withdrawn => "انصراف",
    }
}

/// How many requests stand in each status, most first (ties in the state machine's order).
pub fn counts(statuses: impl IntoIterator<Item = RequestStatus>) -> Vec<(RequestStatus, i64)> {
    let mut by: BTreeMap<RequestStatus, i64> = BTreeMap::new();
    for s in statuses {
        *by.entry(s).or_default() += 1;
    }
    let mut out: Vec<(RequestStatus, i64)> = by.into_iter().collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    out
}

/// The counts as a digest says them, ASCII digits (the SMS and the views write them in
/// Persian): `38 مجوز صادر شد، 2 در انتظار مدرک`.
pub fn summary(counts: &[(RequestStatus, i64)]) -> String {
    counts
        .iter()
        .map(|(s, n)| format!("{n} {}", short_label(*s)))
        .collect::<Vec<_>>()
        .join("، ")
}

/// The batch as its readers see it.
pub fn view(conn: &mut DbConnection, clock: &Clock, batch: BatchRow) -> ApiResult<BatchView> {
    let members = store::members_of(conn, &batch.id)?;
    let counted = counts(members.iter().map(|m| m.status));
    let summary_fa = persian_digits(&format!("{} خودرو: {}", members.len(), summary(&counted)));
    let (created_at, created_at_jalali) = clock.stamp(batch.created_at).into_parts();
    Ok(BatchView {
        id: batch.id,
        tracking_code: batch.tracking_code,
        organisation_id: batch.organisation_id,
        reason: batch.reason,
        reason_label_fa: batch.reason.label_fa(),
        letter: LetterView {
            number: batch.letter_number,
            date_jalali: format_jalali(batch.letter_date),
            date: batch.letter_date,
        },
        vehicle_count: batch.vehicle_count,
        counts: counted
            .into_iter()
            .map(|(status, count)| StatusCount {
                status,
                status_label_fa: status.label_fa(),
                count,
            })
            .collect(),
        summary_fa,
        requests: members
            .into_iter()
            .map(|m| BatchMember {
                position: m.position,
                request_id: m.request_id,
                tracking_code: m.tracking_code,
                plate: m.plate,
                status: m.status,
                status_label_fa: m.status.label_fa(),
                etag: etag(m.version),
                version: m.version,
            })
            .collect(),
        created_at_jalali,
        created_at,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_lead_into_the_batch() {
        assert_eq!(pointer("vehicle.plate", 7), "/vehicles/7/plate");
        assert_eq!(pointer("letter.date", 7), "/letter/date");
        assert_eq!(
            pointer("representative.national_code", 0),
            "/representative/national_code"
        );
        assert_eq!(pointer("reason_details", 3), "/reason_details");
    }

    #[test]
    fn a_vehicle_is_the_same_by_plate_or_either_identifier() {
        let v = |plate: &str, vin: Option<&str>, chassis: Option<&str>| RefusedVehicle {
            plate: plate.to_owned(),
            vin: vin.map(str::to_owned),
            chassis_number: chassis.map(str::to_owned),
        };
        let a = v("12الف345-67", Some("NAAM01CA9JK123456"), None);
        assert_eq!(
            same_vehicle(&v("12الف345-67", None, Some("X1234")), &a),
            Some("plate")
        );
        assert_eq!(
            same_vehicle(&v("13الف345-67", Some("NAAM01CA9JK123456"), None), &a),
            Some("vin")
        );
        assert_eq!(
            same_vehicle(&v("13الف345-67", None, Some("NAAM01CA9JK123456")), &a),
            Some("chassis_number")
        );
        assert_eq!(
            same_vehicle(&v("13الف345-67", None, Some("X1234")), &a),
            None
        );
        // A vehicle that failed validation (empty keys) matches nothing.
        assert_eq!(same_vehicle(&v("", None, None), &v("", None, None)), None);
    }

    #[test]
    fn counts_come_most_first_and_read_as_the_sms_says_them() {
        use RequestStatus::*;
        let mut all = vec![PermitIssued; 38];
        all.extend([AwaitingDocuments, AwaitingDocuments]);
        let c = counts(all);
        assert_eq!(c, vec![(PermitIssued, 38), (AwaitingDocuments, 2)]);
        assert_eq!(summary(&c), "38 مجوز صادر شد، 2 در انتظار مدرک");
    }
}
