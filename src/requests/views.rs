//! What the API shows of requests: the request, its vehicle, letter and people, and its history.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::clock::Clock;
use crate::domain::identity::Role;
use crate::domain::jalali::format_jalali;
use crate::domain::plate::PlateParts;
use crate::domain::reasons::RejectionReason;
use crate::domain::status::{Action, RequestStatus};
use crate::requests::model::{plate_parts, HistoryRow, Reason, RequestRow, VehicleType};

#[derive(Serialize, ToSchema)]
pub struct VehicleView {
    /// Canonical plate, e.g. `12الف345-67`.
    #[schema(example = "12الف345-67")]
    pub plate: String,
    pub plate_parts: PlateParts,
    /// ISO 3779 VIN; `null` when the vehicle was filed with a chassis number only.
    #[schema(example = "NAAM01CA9JK123456")]
    pub vin: Option<String>,
    /// Chassis number (شماره شاسی), normalised; `null` when not given.
    #[schema(example = "IRFC841V3AJ123456")]
    pub chassis_number: Option<String>,
    pub engine_number: String,
    pub make: String,
    pub model: String,
    pub year: i32,
    pub vehicle_type: VehicleType,
    /// `vehicle_type` as people read it (Persian).
    #[schema(example = "سواری")]
    pub vehicle_type_label_fa: &'static str,
    /// The colour as filed; `null` when not given (and for requests filed before it was asked).
    #[schema(example = "سفید")]
    pub vehicle_colour: Option<String>,
}

/// The person who brings the vehicle to the police. Personal data: shown only to the owning
/// agency, the directorate and administrators.
#[derive(Serialize, ToSchema)]
pub struct RepresentativeView {
    #[schema(example = "علی رضایی")]
    pub full_name: String,
    /// 10 ASCII digits.
    #[schema(example = "0012345679")]
    pub national_code: String,
    #[schema(example = "09141234567")]
    pub mobile: Option<String>,
}

impl RepresentativeView {
    /// The representative on file, when there is one (name and code are stored together).
    pub fn of(
        full_name: Option<String>,
        national_code: Option<String>,
        mobile: Option<String>,
    ) -> Option<Self> {
        Some(RepresentativeView {
            full_name: full_name?,
            national_code: national_code?,
            mobile,
        })
    }
}

#[derive(Serialize, ToSchema)]
pub struct LetterView {
    pub number: String,
    /// ISO date.
    pub date: NaiveDate,
    /// The same date in the Solar Hijri calendar, `1403/08/15`.
    #[schema(example = "1403/08/15")]
    pub date_jalali: String,
}

/// Personal data: shown only to the owning agency, the directorate and administrators.
#[derive(Serialize, ToSchema)]
pub struct ContactView {
    pub name: String,
    pub mobile: String,
}

#[derive(Serialize, ToSchema)]
pub struct ActorView {
    #[schema(format = Uuid)]
    pub id: String,
    pub full_name: String,
    pub role: Role,
    /// `role` as people read it (Persian).
    #[schema(example = "کارشناس اداره کل")]
    pub role_label_fa: &'static str,
}

impl ActorView {
    pub fn new(id: String, full_name: String, role: Role) -> Self {
        ActorView {
            id,
            full_name,
            role,
            role_label_fa: role.label_fa(),
        }
    }
}

/// A plate-removal request.
#[derive(Serialize, ToSchema)]
pub struct RequestView {
    #[schema(format = Uuid)]
    pub id: String,
    /// Unique tracking code (12 digits, the last a Verhoeff check digit).
    #[schema(example = "482177305512")]
    pub tracking_code: String,
    pub status: RequestStatus,
    /// The status as applicants read it (Persian).
    pub status_label_fa: &'static str,
    #[schema(format = Uuid)]
    pub organisation_id: String,
    pub vehicle: VehicleView,
    pub reason: Reason,
    /// `reason` as people read it (Persian).
    #[schema(example = "فروش از طریق مزایده")]
    pub reason_label_fa: &'static str,
    pub reason_details: Option<String>,
    pub letter: LetterView,
    /// `null` for callers who may not see personal data (the registry account).
    pub contact: Option<ContactView>,
    /// The person who brings the vehicle; `null` when none was given, and for callers who may
    /// not see personal data.
    pub representative: Option<RepresentativeView>,
    pub description: Option<String>,
    /// The directorate reviewer who took the request, once taken.
    #[schema(format = Uuid)]
    pub reviewer_id: Option<String>,
    /// Why the directorate rejected the request, as a code; `null` unless rejected (and for
    /// requests rejected before reasons were coded).
    pub rejection_reason: Option<RejectionReason>,
    /// The rejection reason as people read it (Persian), e.g. `نقص مدارک`; `null` with
    /// `rejection_reason`.
    #[schema(example = "نقص مدارک")]
    pub rejection_reason_label_fa: Option<&'static str>,
    /// Whether the agency corrected the request (`PATCH /requests/{id}`) since the
    /// directorate's last step on it. Cleared by the directorate's next step (review, asking
    /// for documents, permit, rejection, revocation, reopening): a step needs the request's
    /// current `ETag`, so the directorate acted on the corrected data.
    pub corrected_since_review: bool,
    /// The fields corrected since the directorate's last step (API paths, in the order of
    /// the form); empty when none. Old and new values are in the history (action `correct`).
    #[schema(example = json!(["vehicle.chassis_number", "contact.mobile"]))]
    pub corrected_fields: Vec<String>,
    /// When the latest of those corrections was made; `null` when none.
    pub corrected_at: Option<DateTime<Utc>>,
    /// `corrected_at` in the service's time zone as a Solar Hijri date and 24-hour time with
    /// Persian digits; `null` with it.
    #[schema(example = "۱۴۰۵/۰۹/۱۶ ۱۱:۰۵")]
    pub corrected_at_jalali: Option<String>,
    /// Whether the due date of the latest ask for documents passed with documents still
    /// missing (the request waits in `awaiting_documents`; it is not closed by itself). Listed
    /// with `GET /requests?documents_overdue=true`; cleared when the request leaves
    /// `awaiting_documents`.
    pub documents_overdue: bool,
    /// Since when (the end of the due day, service time); `null` unless `documents_overdue`.
    pub documents_overdue_since: Option<DateTime<Utc>>,
    /// Actions the caller can take now.
    pub allowed_actions: Vec<Action>,
    /// The service-level clock of the current stage.
    pub sla: crate::sla::views::SlaView,
    /// The batch the request was filed in (`GET /request-batches/{id}`); absent for a request
    /// filed alone.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(format = Uuid)]
    pub batch_id: Option<String>,
    /// The resource version (also the `ETag`).
    pub version: i64,
    pub created_at: DateTime<Utc>,
    /// `created_at` in the service's time zone (`SERVICE_TIMEZONE`) as a Solar Hijri date and
    /// 24-hour time with Persian digits, `YYYY/MM/DD HH:MM`.
    #[schema(example = "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰")]
    pub created_at_jalali: String,
    pub updated_at: DateTime<Utc>,
    /// `updated_at` in the service's time zone (`SERVICE_TIMEZONE`) as a Solar Hijri date and
    /// 24-hour time with Persian digits, `YYYY/MM/DD HH:MM`.
    #[schema(example = "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰")]
    pub updated_at_jalali: String,
}

/// One transition in a request's history.
#[derive(Serialize, ToSchema)]
pub struct HistoryEntry {
    /// `null` for the creation entry.
    pub from: Option<RequestStatus>,
    /// `from` as people read it (Persian); `null` with `from`.
    #[schema(example = "ثبت شده")]
    pub from_label_fa: Option<&'static str>,
    pub to: RequestStatus,
    /// `to` as people read it (Persian).
    #[schema(example = "در حال بررسی")]
    pub to_label_fa: &'static str,
    pub action: String,
    pub at: DateTime<Utc>,
    /// `at` in the service's time zone (`SERVICE_TIMEZONE`) as a Solar Hijri date and
    /// 24-hour time with Persian digits, `YYYY/MM/DD HH:MM`.
    #[schema(example = "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰")]
    pub at_jalali: String,
    pub actor: ActorView,
    pub note: Option<String>,
    /// For a correction (action `correct`): each changed field with its old and new value;
    /// empty for other entries.
    pub changes: Vec<crate::requests::correction::FieldChange>,
}

#[derive(Serialize, ToSchema)]
pub struct HistoryList {
    pub items: Vec<HistoryEntry>,
}

impl HistoryEntry {
    pub fn new(r: HistoryRow, clock: &Clock) -> Self {
        let (at, at_jalali) = clock.stamp(r.at).into_parts();
        HistoryEntry {
            from: r.from_status,
            from_label_fa: r.from_status.map(RequestStatus::label_fa),
            to: r.to_status,
            to_label_fa: r.to_status.label_fa(),
            action: r.action,
            at_jalali,
            at,
            actor: ActorView::new(r.actor_id, r.actor_name, r.actor_role),
            note: r.note,
            changes: Vec::new(),
        }
    }
}

impl VehicleView {
    /// The vehicle as filed, taken out of the row (its text fields are left empty).
    fn take(row: &mut RequestRow) -> Self {
        VehicleView {
            plate_parts: plate_parts(&row.plate),
            plate: std::mem::take(&mut row.plate),
            vin: row.vin.take(),
            chassis_number: row.chassis_number.take(),
            engine_number: std::mem::take(&mut row.engine_number),
            make: std::mem::take(&mut row.make),
            model: std::mem::take(&mut row.model),
            year: row.model_year,
            vehicle_type: row.vehicle_type,
            vehicle_type_label_fa: row.vehicle_type.label_fa(),
            vehicle_colour: row.vehicle_colour.take(),
        }
    }
}

impl LetterView {
    /// The covering letter: its number and date, with the date in the Solar Hijri calendar.
    fn new(number: String, date: NaiveDate) -> Self {
        LetterView {
            number,
            date_jalali: format_jalali(date),
            date,
        }
    }
}

/// The contact and the representative, for callers who may see personal data; `None` for
/// others (taken out of the row either way).
fn personal_data(
    row: &mut RequestRow,
    show_contact: bool,
) -> (Option<ContactView>, Option<RepresentativeView>) {
    if !show_contact {
        return (None, None);
    }
    let contact = ContactView {
        name: std::mem::take(&mut row.contact_name),
        mobile: std::mem::take(&mut row.contact_mobile),
    };
    let representative = RepresentativeView::of(
        row.representative_full_name.take(),
        row.representative_national_code.take(),
        row.representative_mobile.take(),
    );
    (Some(contact), representative)
}

impl RequestView {
    /// The request as `row` stands, before the marks of corrections and overdue documents
    /// (`correction::Marks::apply`) and the batch are written into it.
    pub fn build(
        mut row: RequestRow,
        show_contact: bool,
        allowed_actions: Vec<Action>,
        sla: crate::sla::views::SlaView,
        clock: &Clock,
    ) -> Self {
        let vehicle = VehicleView::take(&mut row);
        let (contact, representative) = personal_data(&mut row, show_contact);
        let letter = LetterView::new(row.letter_number, row.letter_date);
        let (created_at, created_at_jalali) = clock.stamp(row.created_at).into_parts();
        let (updated_at, updated_at_jalali) = clock.stamp(row.updated_at).into_parts();
        RequestView {
            status_label_fa: row.status.label_fa(),
            vehicle,
            representative,
            letter,
            contact,
            id: row.id,
            tracking_code: row.tracking_code,
            status: row.status,
            organisation_id: row.organisation_id,
            reason: row.reason,
            reason_label_fa: row.reason.label_fa(),
            reason_details: row.reason_details,
            description: row.description,
            reviewer_id: row.reviewer_id,
            rejection_reason: row.rejection_reason,
            rejection_reason_label_fa: row.rejection_reason.map(RejectionReason::label_fa),
            corrected_since_review: false,
            corrected_fields: Vec::new(),
            corrected_at: None,
            corrected_at_jalali: None,
            documents_overdue: false,
            documents_overdue_since: None,
            allowed_actions,
            sla,
            batch_id: None,
            version: row.version,
            created_at_jalali,
            created_at,
            updated_at_jalali,
            updated_at,
        }
    }
}
