//! What the API shows of permits and receipts.

use chrono::{DateTime, NaiveDateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::clock::{utc, Clock};
use crate::domain::jalali::format_jalali;
use crate::domain::reasons::{RefusalReason, RevocationReason};
use crate::permits::model::{Outcome, PermitListing, PermitRow, PermitStatus, ReceiptRow};

#[derive(Serialize, ToSchema)]
pub struct ReceiptView {
    #[schema(format = Uuid)]
    pub id: String,
    pub outcome: Outcome,
    /// `outcome` as people read it (Persian).
    #[schema(example = "پلاک فک شد")]
    pub outcome_label_fa: &'static str,
    pub receipt_number: String,
    pub occurred_at: DateTime<Utc>,
    /// `occurred_at` in the service's time zone (`SERVICE_TIMEZONE`) as a Solar Hijri date and
    /// 24-hour time with Persian digits, `YYYY/MM/DD HH:MM`.
    #[schema(example = "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰")]
    pub occurred_at_jalali: String,
    pub plates_count: Option<i32>,
    /// Why the police did not remove the plates (refusals only).
    pub refusal_reason: Option<RefusalReason>,
    /// `refusal_reason` as people read it.
    #[schema(example = "خلافی پرداخت‌نشده")]
    pub refusal_reason_label_fa: Option<&'static str>,
    pub officer_name: Option<String>,
    pub unit: Option<String>,
    pub notes: Option<String>,
    pub recorded_at: DateTime<Utc>,
    /// `recorded_at` in the service's time zone (`SERVICE_TIMEZONE`) as a Solar Hijri date and
    /// 24-hour time with Persian digits, `YYYY/MM/DD HH:MM`.
    #[schema(example = "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰")]
    pub recorded_at_jalali: String,
    /// The signed removal record (صورتجلسه فک پلاک) the police attached, if any and if the
    /// caller may see it (the directorate, administrators, the owning agency and the police
    /// unit that posted the receipt); `null` otherwise.
    pub removal_record: Option<RemovalRecordView>,
}

impl ReceiptView {
    pub fn new(r: ReceiptRow, clock: &Clock) -> Self {
        let (occurred_at, occurred_at_jalali) = clock.stamp(r.occurred_at).into_parts();
        let (recorded_at, recorded_at_jalali) = clock.stamp(r.recorded_at).into_parts();
        ReceiptView {
            id: r.id,
            outcome: r.outcome,
            outcome_label_fa: r.outcome.label_fa(),
            receipt_number: r.receipt_number,
            occurred_at_jalali,
            occurred_at,
            plates_count: r.plates_count,
            refusal_reason: r.refusal_reason,
            refusal_reason_label_fa: r.refusal_reason.map(RefusalReason::label_fa),
            officer_name: r.officer_name,
            unit: r.unit,
            notes: r.notes,
            recorded_at_jalali,
            recorded_at,
            removal_record: None,
        }
    }
}

/// The vehicle a permit names, as the police check it against the car in front of them: the
/// plate and identifiers copied when the permit was issued, and the rest as the agency filed it.
#[derive(Serialize, ToSchema)]
pub struct PermitVehicleView {
    /// Canonical plate, e.g. `12الف345-67`.
    #[schema(example = "12الف345-67")]
    pub plate: String,
    /// ISO 3779 VIN; `null` for a vehicle filed with a chassis number only.
    #[schema(example = "NAAM01CA9JK123456")]
    pub vin: Option<String>,
    /// Chassis number (شماره شاسی), normalised; `null` when not given.
    #[schema(example = "IRFC841V3AJ123456")]
    pub chassis_number: Option<String>,
    #[schema(example = "124K0123456")]
    pub engine_number: String,
    #[schema(example = "ایران خودرو")]
    pub make: String,
    #[schema(example = "سمند LX")]
    pub model: String,
    /// Model year as filed, Gregorian (2012) or Solar Hijri (1391).
    #[schema(example = 1391)]
    pub year: i32,
    pub vehicle_type: crate::requests::model::VehicleType,
    /// `vehicle_type` as people read it (Persian).
    #[schema(example = "سواری")]
    pub vehicle_type_label_fa: &'static str,
    /// The colour as filed; `null` when not given.
    #[schema(example = "سفید")]
    pub vehicle_colour: Option<String>,
}

/// Who signed the permit: the directorate user who issued it, as they were then.
#[derive(Serialize, ToSchema)]
pub struct SignatoryView {
    #[schema(example = "مریم کریمی")]
    pub full_name: String,
    /// The post (سمت); `null` when the user had none set.
    #[schema(example = "معاون اموال دولتی")]
    pub position: Option<String>,
}

/// The agency (government body) whose vehicle it is.
#[derive(Serialize, ToSchema)]
pub struct PermitAgencyView {
    #[schema(format = Uuid)]
    pub id: String,
    #[schema(example = "ادارهٔ کل راه و شهرسازی")]
    pub name: String,
}

/// The police organisation a permit was sent to: only its accounts see the permit and may
/// post its receipt.
#[derive(Serialize, ToSchema)]
pub struct PermitPoliceView {
    #[schema(format = Uuid)]
    pub id: String,
    #[schema(example = "پلیس راهور استان آذربایجان شرقی")]
    pub name: String,
}

/// A plate-removal permit.
#[derive(Serialize, ToSchema)]
pub struct PermitView {
    #[schema(format = Uuid)]
    pub id: String,
    /// This service's permit number (12 digits, Verhoeff check digit), printed on the permit.
    /// Numbers issued now start with 5–9 (tracking codes with 1–4); older ones stay valid.
    #[schema(example = "731904552817")]
    pub permit_number: String,
    /// The permit's number in the national vehicle system (سامانه جامع خودرو).
    pub national_permit_number: String,
    #[schema(format = Uuid)]
    pub request_id: String,
    pub tracking_code: String,
    /// The vehicle's plate, copied when the permit was issued (also in `vehicle.plate`).
    pub plate: String,
    /// The vehicle's VIN, copied when the permit was issued (also in `vehicle.vin`); `null`
    /// for a vehicle filed with a chassis number only.
    pub vin: Option<String>,
    /// What the police check: plate, VIN, chassis number, engine number, make, model, year.
    pub vehicle: PermitVehicleView,
    /// The agency whose vehicle it is.
    pub agency: PermitAgencyView,
    /// The police organisation the permit was sent to (chosen at issue, else the province's
    /// traffic police); `null` only for a permit issued before any police organisation was
    /// registered, which the default police organisation (the oldest) handles.
    pub police_organisation: Option<PermitPoliceView>,
    /// The directorate user who issued the permit, name and post as at issue; `null` for
    /// permits issued before signatories were recorded.
    pub signatory: Option<SignatoryView>,
    pub issued_at: DateTime<Utc>,
    /// `issued_at` in the service's time zone (`SERVICE_TIMEZONE`) as a Solar Hijri date and
    /// 24-hour time with Persian digits, `YYYY/MM/DD HH:MM`.
    #[schema(example = "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰")]
    pub issued_at_jalali: String,
    pub valid_until: DateTime<Utc>,
    /// `valid_until` as a Solar Hijri date in the service's time zone (`SERVICE_TIMEZONE`,
    /// default Asia/Tehran), `YYYY/MM/DD` with ASCII digits, e.g. `1405/09/05` (kept as it
    /// was; `valid_until_jalali_time` is the instant's twin in the common format).
    #[schema(example = "1405/09/05")]
    pub valid_until_jalali: String,
    /// `valid_until` (the last second of the day) in the service's time zone as a Solar Hijri
    /// date and 24-hour time with Persian digits, `YYYY/MM/DD HH:MM`.
    #[schema(example = "۱۴۰۵/۰۹/۰۵ ۲۳:۵۹")]
    pub valid_until_jalali_time: String,
    pub status: PermitStatus,
    /// `status` as people read it (Persian).
    #[schema(example = "صادر شده و معتبر")]
    pub status_label_fa: &'static str,
    pub notes: Option<String>,
    /// The police's receipt, once posted.
    pub receipt: Option<ReceiptView>,
    /// Why and when the permit was revoked (`status: revoked` only).
    pub revocation: Option<RevocationView>,
    pub version: i64,
    pub updated_at: DateTime<Utc>,
    /// `updated_at` in the service's time zone (`SERVICE_TIMEZONE`) as a Solar Hijri date and
    /// 24-hour time with Persian digits, `YYYY/MM/DD HH:MM`.
    #[schema(example = "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰")]
    pub updated_at_jalali: String,
}

/// A UTC instant's service-local date in the Solar Hijri calendar, `1405/09/05`.
pub fn jalali_date(clock: &Clock, t: NaiveDateTime) -> String {
    format_jalali(clock.local_date(t))
}

impl PermitView {
    pub fn build(listing: PermitListing, clock: &Clock, now: NaiveDateTime) -> Self {
        let PermitListing {
            permit: row,
            vehicle,
            agency: (agency_id, agency_name),
            receipt,
            police,
        } = listing;
        let status = row.shown_status(now);
        let (issued_at, issued_at_jalali) = clock.stamp(row.issued_at).into_parts();
        let (updated_at, updated_at_jalali) = clock.stamp(row.updated_at).into_parts();
        PermitView {
            status,
            status_label_fa: status.label_fa(),
            revocation: RevocationView::of(&row, clock),
            valid_until_jalali: jalali_date(clock, row.valid_until),
            valid_until_jalali_time: clock.jalali(row.valid_until),
            issued_at_jalali,
            updated_at_jalali,
            vehicle: PermitVehicleView {
                plate: row.plate.clone(),
                vin: row.vin.clone(),
                chassis_number: row.chassis_number,
                engine_number: vehicle.engine_number,
                make: vehicle.make,
                model: vehicle.model,
                year: vehicle.model_year,
                vehicle_type: vehicle.vehicle_type,
                vehicle_type_label_fa: vehicle.vehicle_type.label_fa(),
                vehicle_colour: vehicle.vehicle_colour,
            },
            signatory: row.signatory_name.clone().map(|full_name| SignatoryView {
                full_name,
                position: row.signatory_position.clone(),
            }),
            agency: PermitAgencyView {
                id: agency_id,
                name: agency_name,
            },
            police_organisation: police.map(|(id, name)| PermitPoliceView { id, name }),
            id: row.id,
            permit_number: row.permit_number,
            national_permit_number: row.national_permit_number,
            request_id: row.request_id,
            tracking_code: row.tracking_code,
            plate: row.plate,
            vin: row.vin,
            issued_at,
            valid_until: utc(row.valid_until),
            notes: row.notes,
            receipt: receipt.map(|r| ReceiptView::new(r, clock)),
            version: row.version,
            updated_at,
        }
    }

    /// `Location` of the permit.
    pub fn location(&self) -> String {
        format!("/api/v1/permits/{}", self.id)
    }
}

/// A permit's revocation (ابطال).
#[derive(Serialize, ToSchema)]
pub struct RevocationView {
    pub revoked_at: DateTime<Utc>,
    /// `revoked_at` in the service's time zone (`SERVICE_TIMEZONE`) as a Solar Hijri date and
    /// 24-hour time with Persian digits, `YYYY/MM/DD HH:MM`.
    #[schema(example = "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰")]
    pub revoked_at_jalali: String,
    /// `request_withdrawn` when the agency withdrew its request.
    pub reason_code: RevocationReason,
    #[schema(example = "صدور اشتباه")]
    pub reason_label_fa: &'static str,
    pub notes: Option<String>,
}

impl RevocationView {
    fn of(row: &PermitRow, clock: &Clock) -> Option<Self> {
        let (at, reason) = (row.revoked_at?, row.revocation_reason?);
        let (revoked_at, revoked_at_jalali) = clock.stamp(at).into_parts();
        Some(RevocationView {
            revoked_at_jalali,
            revoked_at,
            reason_code: reason,
            reason_label_fa: reason.label_fa(),
            notes: row.revocation_notes.clone(),
        })
    }
}

/// The public answer to "is this printed permit genuine and valid, and for which car?": exactly
/// these seven fields, nothing personal.
#[derive(Serialize, ToSchema)]
pub struct PermitVerification {
    #[schema(example = "731904552817")]
    pub permit_number: String,
    pub status: PermitStatus,
    /// The status in Persian, as printed for the public.
    #[schema(example = "صادر شده و معتبر")]
    pub status_label_fa: &'static str,
    pub valid_until: DateTime<Utc>,
    /// `valid_until` as a Solar Hijri date in the service's time zone, `YYYY/MM/DD` (ASCII
    /// digits), e.g. `1405/09/05`.
    #[schema(example = "1405/09/05")]
    pub valid_until_jalali: String,
    /// The plate with its three middle digits hidden, `12الف***-67`: enough to tell whether
    /// the paper belongs to the car in front of you, not enough to look a car up. For display:
    /// wrapped in a left-to-right isolate (U+2066 … U+2069) with a left-to-right mark (U+200E)
    /// after the letter, so that the bidi algorithm shows
    /// it in the plate's order in any right-to-left text.
    #[schema(example = "\u{2066}12الف\u{200E}***-67\u{2069}")]
    pub plate_masked: String,
    /// Whether the signature the URL carries (`k`, `s` over `p`, `u`; see the guide's
    /// page "Signed permits") matches this permit: `valid`, `invalid` (altered or forged facts,
    /// an unknown key) or `absent` (no signature: a number typed by hand).
    #[schema(schema_with = signature_schema)]
    pub signature: &'static str,
}

fn signature_schema() -> utoipa::openapi::schema::Object {
    crate::http::openapi::string_enum(
        "Whether the URL's signature matches the permit.",
        &["valid", "invalid", "absent"],
    )
}

/// A plate for display, `12الف345-67` → LRI `12الف` LRM `345-67` PDI: the isolate (U+2066 …
/// U+2069) keeps the text around it from reordering it, and the left-to-right mark (U+200E)
/// after the letter keeps the digits after it from joining the letter's right-to-left run
/// (without it, `12الف***-67` shows as `12 67-*** الف`).
pub fn isolate_plate(plate: &str) -> String {
    let split = plate
        .char_indices()
        .rfind(|(_, c)| !c.is_ascii())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let (head, tail) = plate.split_at(split);
    if head.is_empty() {
        return format!("\u{2066}{plate}\u{2069}");
    }
    format!("\u{2066}{head}\u{200E}{tail}\u{2069}")
}

/// `12الف345-67` → `12الف***-67`.
pub fn mask_plate(canonical: &str) -> String {
    let parts = crate::requests::model::plate_parts(canonical);
    if parts.second.is_empty() {
        return "***".to_owned();
    }
    format!("{}{}***-{}", parts.first, parts.letter, parts.region)
}

impl PermitVerification {
    pub fn of(
        row: &PermitRow,
        clock: &Clock,
        now: NaiveDateTime,
        signature: &crate::permits::signing::SignatureCheck,
    ) -> Self {
        let status = row.shown_status(now);
        PermitVerification {
            status,
            status_label_fa: status.label_fa(),
            valid_until_jalali: jalali_date(clock, row.valid_until),
            plate_masked: isolate_plate(&mask_plate(&row.plate)),
            permit_number: row.permit_number.clone(),
            valid_until: utc(row.valid_until),
            signature: signature.as_str(),
        }
    }
}

/// The `data` of `permit.issued` and `permit.expired`, and the common part of every permit
/// event: what a receiver (the police, the national vehicle system) needs to act on it.
#[derive(Serialize, ToSchema)]
pub struct PermitEventData {
    #[schema(format = Uuid)]
    pub permit_id: String,
    pub permit_number: String,
    pub national_permit_number: String,
    #[schema(format = Uuid)]
    pub request_id: String,
    pub tracking_code: String,
    pub plate: String,
    /// `null` for a vehicle filed with a chassis number only.
    pub vin: Option<String>,
    /// `null` for a vehicle filed with a VIN only.
    pub chassis_number: Option<String>,
    pub valid_until: DateTime<Utc>,
}

/// The receipt's part of `permit.receipt_recorded`.
#[derive(Serialize, ToSchema)]
pub struct ReceiptEventData {
    #[schema(format = Uuid)]
    pub receipt_id: String,
    pub outcome: Outcome,
    pub receipt_number: String,
    pub occurred_at: DateTime<Utc>,
    /// Present when `outcome` is `refused`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refusal_reason: Option<RefusalReason>,
}

/// The revocation's part of `permit.revoked`.
#[derive(Serialize, ToSchema)]
pub struct RevocationEventData {
    pub revoked_at: DateTime<Utc>,
    pub revocation_reason: RevocationReason,
    pub revocation_notes: Option<String>,
}

/// The `data` of `permit.receipt_recorded`: the permit and the police's receipt.
#[derive(Serialize, ToSchema)]
pub struct PermitReceiptRecordedData {
    #[serde(flatten)]
    pub permit: PermitEventData,
    #[serde(flatten)]
    pub receipt: ReceiptEventData,
}

/// The `data` of `permit.revoked`: the permit and its revocation.
#[derive(Serialize, ToSchema)]
pub struct PermitRevokedData {
    #[serde(flatten)]
    pub permit: PermitEventData,
    #[serde(flatten)]
    pub revocation: RevocationEventData,
}

impl PermitEventData {
    pub fn new(permit: &PermitRow) -> Self {
        PermitEventData {
            permit_id: permit.id.clone(),
            permit_number: permit.permit_number.clone(),
            national_permit_number: permit.national_permit_number.clone(),
            request_id: permit.request_id.clone(),
            tracking_code: permit.tracking_code.clone(),
            plate: permit.plate.clone(),
            vin: permit.vin.clone(),
            chassis_number: permit.chassis_number.clone(),
            valid_until: utc(permit.valid_until),
        }
    }

    /// The `data` of a permit event: with the receipt when one is given, else with the
    /// revocation when the permit is revoked, else the permit alone.
    pub fn to_value(
        permit: &PermitRow,
        receipt: Option<&ReceiptRow>,
    ) -> serde_json::Result<serde_json::Value> {
        let base = PermitEventData::new(permit);
        if let Some(r) = receipt {
            return serde_json::to_value(PermitReceiptRecordedData {
                permit: base,
                receipt: ReceiptEventData {
                    receipt_id: r.id.clone(),
                    outcome: r.outcome,
                    receipt_number: r.receipt_number.clone(),
                    occurred_at: utc(r.occurred_at),
                    refusal_reason: r.refusal_reason,
                },
            });
        }
        match (permit.revoked_at, permit.revocation_reason) {
            (Some(at), Some(reason)) => serde_json::to_value(PermitRevokedData {
                permit: base,
                revocation: RevocationEventData {
                    revoked_at: utc(at),
                    revocation_reason: reason,
                    revocation_notes: permit.revocation_notes.clone(),
                },
            }),
            _ => serde_json::to_value(base),
        }
    }
}

/// The `data` of `receipt.record_attached`: the signed removal record the police attached (or
/// replaced) for their receipt.
#[derive(Serialize, ToSchema)]
pub struct ReceiptRecordAttachedData {
    #[schema(format = Uuid)]
    pub permit_id: String,
    pub permit_number: String,
    #[schema(format = Uuid)]
    pub receipt_id: String,
    #[schema(format = Uuid)]
    pub document_id: String,
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
    /// 1 for the first record, one more for each replacement.
    #[schema(minimum = 1)]
    pub version: i64,
    /// Whether an earlier record was replaced.
    pub replaced: bool,
}

#[cfg(test)]
mod tests {
    use super::mask_plate;

    #[test]
    fn plates_for_display_are_isolated_with_a_mark_after_the_letter() {
        assert_eq!(
            super::isolate_plate("12الف***-67"),
            "\u{2066}12الف\u{200E}***-67\u{2069}"
        );
        assert_eq!(super::isolate_plate("***"), "\u{2066}***\u{2069}");
    }

    #[test]
    fn masks_the_three_middle_digits() {
        assert_eq!(mask_plate("12الف345-67"), "12الف***-67");
        assert_eq!(mask_plate("garbage"), "***");
    }
}

/// The signed removal record attached to a receipt (metadata; the bytes at `download_url`).
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct RemovalRecordView {
    /// The stored file's id.
    #[schema(format = Uuid)]
    pub document_id: String,
    /// The uploader's file name, sanitised (metadata only; the download has a server-made name).
    #[schema(example = "صورتجلسه.pdf")]
    pub filename: String,
    /// Decided by the file's bytes: `application/pdf`, `image/jpeg` or `image/png`.
    #[schema(example = "application/pdf")]
    pub content_type: String,
    /// Bytes.
    pub size: i64,
    /// Hex SHA-256 of the bytes.
    pub sha256: String,
    /// 1 for the first file attached, one more for each replacement.
    pub version: i32,
    pub attached_at: DateTime<Utc>,
    /// `attached_at` in the service's time zone (`SERVICE_TIMEZONE`) as a Solar Hijri date and
    /// 24-hour time with Persian digits, `YYYY/MM/DD HH:MM`.
    #[schema(example = "۱۴۰۵/۰۸/۰۳ ۱۰:۳۰")]
    pub attached_at_jalali: String,
    /// User id of the police officer (or system) that attached it.
    pub attached_by: String,
    /// The police unit that posted the receipt (the only one that may replace the record).
    #[schema(format = Uuid)]
    pub police_organisation_id: String,
    /// Whether the police may still replace it: until the removal is registered in the
    /// national vehicle system.
    pub replaceable: bool,
    /// Where to download the bytes.
    #[schema(example = "/api/v1/permits/0190f5c2-7a44-7d6b-9a51-3c1c2f1e9b10/receipt/record")]
    pub download_url: String,
}
