//! Rows and API shapes of requests.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::auth::access::Scope;
use crate::clock::Clock;
use crate::db::schema::{request_history, requests};
use crate::domain::identity::Role;
use crate::domain::plate::{Plate, PlateParts, KNOWN_LETTERS};
use crate::domain::reasons::RejectionReason;
use crate::domain::status::{Action, RequestStatus};
use crate::domain::text::normalize_code;
use crate::domain::tracking::TrackingCode;
use crate::domain::vin::ChassisNumber;
use crate::error::{ApiResult, FieldIssue};
use crate::http::pagination::Page;
use crate::http::query_date;
use crate::validate::Issues;

crate::vocabulary! {
    /// Why the plate is to be removed.
    pub enum Reason {
        /// Sold at auction (فروش از طریق مزایده).
        AuctionSale => "auction_sale",
        /// Scrapped (اسقاط).
        Scrapping => "scrapping",
        /// Transferred to another body (انتقال).
        Transfer => "transfer",
        /// Total loss (تلف کامل / سانحه).
        TotalLoss => "total_loss",
        /// Other; `reason_details` is then required.
        Other => "other",
    }
}

impl Reason {
    /// The reason as people read it (Persian).
    pub fn label_fa(self) -> &'static str {
        match self {
            Reason::AuctionSale => "فروش از طریق مزایده",
            Reason::Scrapping => "اسقاط",
            Reason::Transfer => "انتقال به دستگاه دیگر",
            Reason::TotalLoss => "تلف کامل بر اثر سانحه",
            Reason::Other => "سایر",
        }
    }
}

crate::vocabulary! {
    /// Kind of vehicle.
    pub enum VehicleType {
        PassengerCar => "passenger_car",
        Pickup => "pickup",
        Van => "van",
        Minibus => "minibus",
        Bus => "bus",
        Truck => "truck",
        Ambulance => "ambulance",
        Special => "special",
        Other => "other",
    }
}

impl VehicleType {
    /// The vehicle type as people read it (Persian).
    pub fn label_fa(self) -> &'static str {
        match self {
            VehicleType::PassengerCar => "سواری",
            VehicleType::Pickup => "وانت",
            VehicleType::Van => "ون",
            VehicleType::Minibus => "مینی‌بوس",
            VehicleType::Bus => "اتوبوس",
            VehicleType::Truck => "کامیون",
            VehicleType::Ambulance => "آمبولانس",
            VehicleType::Special => "خودروی ویژه",
            VehicleType::Other => "سایر",
        }
    }
}

#[derive(Clone, Debug, Queryable, Selectable, Insertable)]
#[diesel(table_name = requests)]
// NULL for `None` (not DEFAULT): one SQL text per insert, and `COPY` can load the row (seed).
#[diesel(treat_none_as_default_value = false)]
pub struct RequestRow {
    pub id: String,
    pub tracking_code: String,
    pub organisation_id: String,
    pub created_by: String,
    pub status: RequestStatus,
    pub plate: String,
    pub vin: Option<String>,
    pub engine_number: String,
    pub make: String,
    pub model: String,
    pub model_year: i32,
    pub vehicle_type: VehicleType,
    pub reason: Reason,
    pub reason_details: Option<String>,
    pub letter_number: String,
    pub letter_date: NaiveDate,
    pub contact_name: String,
    pub contact_mobile: String,
    pub description: Option<String>,
    pub reviewer_id: Option<String>,
    pub version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub status_changed_at: NaiveDateTime,
    pub chassis_number: Option<String>,
    pub rejection_reason: Option<RejectionReason>,
    pub vehicle_colour: Option<String>,
    pub representative_full_name: Option<String>,
    pub representative_national_code: Option<String>,
    pub representative_mobile: Option<String>,
}

#[derive(Clone, Debug, Queryable, Selectable, Insertable)]
#[diesel(table_name = request_history)]
// NULL for `None` (not DEFAULT): one SQL text per insert, and `COPY` can load the row (seed).
#[diesel(treat_none_as_default_value = false)]
pub struct HistoryRow {
    pub id: String,
    pub request_id: String,
    pub seq: i32,
    pub from_status: Option<RequestStatus>,
    pub to_status: RequestStatus,
    pub action: String,
    pub at: NaiveDateTime,
    pub actor_id: String,
    pub actor_name: String,
    pub actor_role: Role,
    pub note: Option<String>,
}

// ---- input ---------------------------------------------------------------------------------

/// The vehicle's identity rule, stated in the OpenAPI document: at least one of `vin` and
/// `chassis_number` (enforced by the validation below, which also treats a blank one as absent).
pub const SCHEMA_RULES: &[crate::http::openapi::SchemaRule] =
    &[crate::http::openapi::SchemaRule::AnyOfRequired {
        schema: "VehicleInput",
        members: &["vin", "chassis_number"],
    }];

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VehicleInput {
    /// Iranian car plate as clerks type it: number first (`"۱۲ الف ۳۴۵ ایران ۶۷"`,
    /// `"12الف345-67"`) or region first (`"ایران ۱۵ - ۳۵۱ الف ۱۲"`); Persian, Arabic or ASCII
    /// digits in any mix; spaces, dashes of every kind, minus sign, slash or dot between the
    /// parts; `ا`, `آ`, `الـف` for `الف`. Stored canonically (`12الف345-67`). The region must be
    /// one that car plates carry (10–99); motorcycle and free-zone plates are refused with
    /// their own message. Only the configured government letters (default `الف`) are accepted.
    #[schema(example = "۱۲ الف ۳۴۵ ایران ۶۷")]
    pub plate: String,
    /// ISO 3779 VIN: 17 Latin letters and digits, no I, O or Q, not all digits (Persian digits,
    /// spaces and dashes are normalised). Optional; checked only when given (a blank string
    /// counts as not given). At least one of `vin` and `chassis_number` is required.
    #[schema(example = "NAAM01CA9JK123456")]
    pub vin: Option<String>,
    /// Chassis number (شماره شاسی) of vehicles without a 17-character VIN: free format,
    /// normalised (Persian/Arabic digits to ASCII, upper case, spaces and dashes dropped) to
    /// 5–25 Latin letters and digits. Optional; at least one of `vin` and `chassis_number` is
    /// required (422 on `vehicle.chassis_number` when both are missing).
    #[schema(example = "IRFC841V3AJ123456")]
    pub chassis_number: Option<String>,
    /// Engine number, normalised like `chassis_number` (Persian digits to ASCII, upper case,
    /// spaces and dashes dropped); up to 30 Latin letters, digits and `/`.
    #[schema(example = "124K0123456")]
    pub engine_number: String,
    #[schema(example = "ایران خودرو")]
    pub make: String,
    #[schema(example = "سمند LX")]
    pub model: String,
    /// Model year, Gregorian (e.g. 2012) or Solar Hijri (e.g. 1391); not in the future.
    #[schema(example = 1391)]
    pub year: i32,
    pub vehicle_type: VehicleType,
    /// The vehicle's colour as on its registration card (رنگ), 2–50 characters; optional
    /// (printed on the permit when given).
    #[schema(example = "سفید")]
    pub vehicle_colour: Option<String>,
}

/// The person who brings the vehicle to the police for the removal (نمایندهٔ دستگاه), named
/// on the printed permit.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RepresentativeInput {
    /// 2–100 characters.
    #[schema(example = "علی رضایی")]
    pub full_name: String,
    /// Iranian national code (کد ملی): 10 digits with a valid check digit; Persian, Arabic or
    /// ASCII digits, spaces and dashes accepted; stored as 10 ASCII digits.
    #[schema(example = "0012345679")]
    pub national_code: String,
    /// Iranian mobile: `09xxxxxxxxx`, `+989…`, Persian digits accepted; optional.
    #[schema(example = "09141234567")]
    pub mobile: Option<String>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LetterInput {
    /// The agency's letter number.
    #[schema(example = "۱۲۳/۴۵۶")]
    pub number: String,
    /// The letter's date, ISO `2024-11-05` or Jalali `1403/08/15`; not in the future.
    #[schema(example = "1403/08/15")]
    pub date: String,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ContactInput {
    #[schema(example = "رضا احمدی")]
    pub name: String,
    /// Iranian mobile: `09xxxxxxxxx`, `+989…`, Persian digits accepted.
    #[schema(example = "09141234567")]
    pub mobile: String,
}

/// A new plate-removal request.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateRequest {
    pub vehicle: VehicleInput,
    pub reason: Reason,
    /// Required when `reason` is `other`.
    pub reason_details: Option<String>,
    pub letter: LetterInput,
    pub contact: ContactInput,
    /// The person who brings the vehicle to the police; optional at filing, printed on the
    /// permit when given.
    pub representative: Option<RepresentativeInput>,
    pub description: Option<String>,
}

/// A note for `withdraw`.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReasonBody {
    /// Why (1–2000 characters).
    #[schema(example = "مدارک مالکیت با مشخصات خودرو مطابقت ندارد.")]
    pub reason: String,
}

/// Rejecting a request: a coded reason the directorate can count, and the text the agency
/// reads.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RejectBody {
    /// Why, as a code (required): `incomplete_documents` (نقص مدارک), `not_government_vehicle`
    /// (خودرو دولتی نیست), `ownership_unclear` (ابهام در مالکیت), `duplicate_request` (درخواست
    /// تکراری) or `other` (سایر). Stored on the request (`rejection_reason`) and counted in
    /// `GET /reports/sla`. Missing or unknown is 422 naming `reason_code`.
    #[schema(value_type = RejectionReason, required = true, example = "incomplete_documents")]
    pub reason_code: Option<String>,
    /// Why, in words (1–2000 characters, required); kept as the history entry's note.
    #[schema(value_type = String, required = true, example = "مدارک مالکیت با مشخصات خودرو مطابقت ندارد.")]
    pub reason: Option<String>,
}

/// A rejection that passed validation.
#[derive(Clone, Debug)]
pub struct NewRejection {
    pub code: RejectionReason,
    /// Normalised, 1–2000 characters.
    pub reason: String,
}

impl TryFrom<RejectBody> for NewRejection {
    type Error = crate::error::ApiError;

    fn try_from(input: RejectBody) -> ApiResult<Self> {
        let mut issues = Issues::new();
        let codes = || {
            let fa: Vec<String> = RejectionReason::ALL
                .iter()
                .map(|r| format!("«{}»", r.label_fa()))
                .collect();
            let en: Vec<&str> = RejectionReason::ALL.iter().map(|r| r.as_str()).collect();
            (fa.join("، "), en.join(", "))
        };
        let code = match input.reason_code.as_deref().map(str::trim) {
            None | Some("") => {
                let (fa, en) = codes();
                issues.push(FieldIssue::new(
                    "reason_code",
                    "required",
                    format!("دلیل رد الزامی است؛ یکی از این‌ها را برگزینید: {fa}."),
                    format!("reason_code is required; one of: {en}."),
                ));
                None
            }
            Some(text) => match text.parse::<RejectionReason>() {
                Ok(code) => Some(code),
                Err(_) => {
                    let (fa, en) = codes();
                    issues.push(FieldIssue::new(
                        "reason_code",
                        "invalid_value",
                        format!("دلیل رد شناخته‌شده نیست؛ یکی از این‌ها را برگزینید: {fa}."),
                        format!("Unknown reason_code; send one of: {en}."),
                    ));
                    None
                }
            },
        };
        let reason = issues.text("reason", input.reason.as_deref().unwrap_or(""), 1, 2000);
        issues.finish()?;
        let code = code.ok_or_else(|| crate::error::ApiError::internal("checked above"))?;
        Ok(NewRejection { code, reason })
    }
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NoteBody {
    /// Why (1–2000 characters).
    pub note: String,
}

/// The agency's request for a new permit.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReissueBody {
    /// 1–2000 characters. Required after the police's refusal: how its cause was resolved
    /// (e.g. the fines paid, with the payment's reference); optional after an expiry.
    #[schema(example = "جریمه‌های معوق پرداخت شد؛ شمارهٔ پیگیری پرداخت ۷۷۴۱۲۰۹")]
    pub note: Option<String>,
}

/// The request list's query parameters.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RequestFilter {
    /// Only requests in this status.
    pub status: Option<RequestStatus>,
    /// Only this agency's requests (directorate, registry and admin; agencies always see only
    /// their own).
    pub organisation_id: Option<String>,
    /// Exact look-up by tracking code, plate (either order, any separators), VIN, chassis
    /// number or letter number (Persian digits, Arabic letter forms, spaces and dashes are
    /// normalised; a VIN or chassis number matches either column).
    pub q: Option<String>,
    /// Filed on or after this date (ISO `2024-11-05` or Jalali `1403/08/15`, Tehran time).
    pub created_from: Option<String>,
    /// Filed on or before this date (ISO or Jalali, Tehran time).
    pub created_to: Option<String>,
    /// `true`: only requests whose SLA clock runs past its `due_at`; `false`: only the others.
    pub overdue: Option<bool>,
    /// `true`: only requests whose latest ask for documents passed its due date with documents
    /// missing (`documents_overdue`); `false`: only the others.
    pub documents_overdue: Option<bool>,
    /// `true`: only requests the agency corrected since the directorate's last step
    /// (`corrected_since_review`); `false`: only the others.
    pub corrected: Option<bool>,
    /// `created_at` (default): newest first. `due_at`: most urgent first — only requests whose
    /// clock is running (others have no due date), earliest `due_at` first.
    #[param(inline)]
    pub sort: Option<RequestSort>,
    /// Only the requests of this batch (`POST /request-batches`).
    #[param(value_type = Option<uuid::Uuid>)]
    pub batch_id: Option<String>,
}

/// The request export's own query parameters (with the list's filter).
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExportParams {
    /// `csv` (default; UTF-8 with a byte-order mark) or `xlsx` (an Excel workbook: a
    /// right-to-left sheet, frozen header row, date cells).
    pub format: Option<String>,
    /// The headers' language: `fa` (default for `xlsx`) or `en` (default for `csv`); without
    /// it, `Accept-Language` decides.
    pub lang: Option<String>,
}

/// Order of the request list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RequestSort {
    #[default]
    CreatedAt,
    DueAt,
}

/// The `q` search, read as each column it may match exactly.
#[derive(Clone, Debug)]
pub struct Search {
    pub tracking_code: Option<String>,
    pub plate: Option<String>,
    /// A VIN or chassis number: matched against both columns.
    pub identifier: Option<String>,
    pub letter_number: String,
}

impl Search {
    /// `None` for a blank search.
    pub fn parse(q: &str) -> Option<Search> {
        let q = q.trim();
        if q.is_empty() {
            return None;
        }
        let letters: Vec<String> = KNOWN_LETTERS.iter().map(|s| s.to_string()).collect();
        Some(Search {
            tracking_code: TrackingCode::parse(q).map(|t| t.as_str().to_owned()),
            plate: Plate::parse(q, &letters).ok().map(|p| p.canonical()),
            identifier: ChassisNumber::parse(q).ok().map(ChassisNumber::into_inner),
            letter_number: normalize_code(q),
        })
    }
}

impl RequestFilter {
    /// The list query `scope` may run: dates become instants of the service-local day (422
    /// for a bad date or cursor); an agency's own organisation replaces any asked for.
    pub fn into_query(self, scope: Scope, page: &Page, clock: &Clock) -> ApiResult<ListQuery> {
        let created_from = query_date("created_from", self.created_from.as_deref())?
            .map(|d| clock.day_start_utc(d));
        let created_before = query_date("created_to", self.created_to.as_deref())?
            .and_then(|d| d.succ_opt())
            .map(|d| clock.day_start_utc(d));
        let sort = self.sort.unwrap_or_default();
        let after = match sort {
            RequestSort::DueAt => page
                .after_due()?
                .map_or(After::Start, |(due, id)| After::Due(due, id)),
            RequestSort::CreatedAt => page.after.clone().map_or(After::Start, After::Id),
        };
        let organisation_id = match scope {
            Scope::Organisation(org) => Some(org),
            Scope::All => self.organisation_id,
        };
        Ok(ListQuery {
            organisation_id,
            status: self.status,
            search: self.q.as_deref().and_then(Search::parse),
            created_from,
            created_before,
            overdue: self.overdue,
            batch_id: self.batch_id,
            documents_overdue: self.documents_overdue,
            corrected: self.corrected,
            sort,
            after,
            limit: page.limit,
            at: clock.now(),
        })
    }
}

/// Splits a stored canonical plate into its parts.
pub fn plate_parts(canonical: &str) -> PlateParts {
    let all: Vec<String> = KNOWN_LETTERS.iter().map(|s| s.to_string()).collect();
    match crate::domain::plate::Plate::parse(canonical, &all) {
        Ok(p) => p.parts(),
        Err(_) => PlateParts {
            first: String::new(),
            letter: String::new(),
            second: String::new(),
            region: String::new(),
        },
    }
}

/// Where a page of the request list starts.
#[derive(Clone, Debug)]
pub enum After {
    Start,
    /// After this id (newest first).
    Id(String),
    /// After this due time and id (most urgent first).
    Due(NaiveDateTime, String),
}

/// One page of the request list, as the caller may see it.
#[derive(Clone, Debug)]
pub struct ListQuery {
    /// Only this agency's requests (the caller's own, for agencies).
    pub organisation_id: Option<String>,
    pub status: Option<RequestStatus>,
    pub search: Option<Search>,
    /// Filed at or after this instant.
    pub created_from: Option<NaiveDateTime>,
    /// Filed before this instant.
    pub created_before: Option<NaiveDateTime>,
    /// Whether the SLA clock runs past its due time.
    pub overdue: Option<bool>,
    /// Only the requests of this batch.
    pub batch_id: Option<String>,
    /// Whether the latest ask for documents is overdue.
    pub documents_overdue: Option<bool>,
    /// Whether corrected since the directorate's last step.
    pub corrected: Option<bool>,
    pub sort: RequestSort,
    pub after: After,
    pub limit: i64,
    /// "Now", for `overdue`.
    pub at: NaiveDateTime,
}

// ---- Event payloads (the `data` of the events this resource emits) -------------------------

/// The `data` of `request.submitted`: the request as filed, without contact details.
#[derive(Serialize, ToSchema)]
pub struct RequestSubmittedData {
    #[schema(format = Uuid)]
    pub request_id: String,
    pub tracking_code: String,
    #[schema(format = Uuid)]
    pub organisation_id: String,
    pub status: RequestStatus,
    pub plate: String,
    /// `null` for a vehicle filed with a chassis number only.
    pub vin: Option<String>,
    /// `null` for a vehicle filed with a VIN only.
    pub chassis_number: Option<String>,
    pub reason: Reason,
}

impl RequestSubmittedData {
    pub fn new(row: &RequestRow) -> Self {
        RequestSubmittedData {
            request_id: row.id.clone(),
            tracking_code: row.tracking_code.clone(),
            organisation_id: row.organisation_id.clone(),
            status: row.status,
            plate: row.plate.clone(),
            vin: row.vin.clone(),
            chassis_number: row.chassis_number.clone(),
            reason: row.reason,
        }
    }
}

/// Who took a step: a user's role, or `system` for the service's own steps (an expiry).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum StepActorRole {
    Agency,
    Directorate,
    Police,
    Registry,
    Admin,
    /// The service itself (an expiry).
    System,
}

impl StepActorRole {
    pub fn of(role: Role, system: bool) -> Self {
        if system {
            return StepActorRole::System;
        }
        match role {
            Role::Agency => StepActorRole::Agency,
            Role::Directorate => StepActorRole::Directorate,
            Role::Police => StepActorRole::Police,
            Role::Registry => StepActorRole::Registry,
            Role::Admin => StepActorRole::Admin,
        }
    }
}

/// The `data` of `request.status_changed` (every transition) and of `request.completed` (the
/// transition to `completed`, sent after its `request.status_changed`). `version` is the
/// request's version after the step: order a request's events by it.
#[derive(Serialize, ToSchema)]
pub struct RequestStatusChangedData {
    #[schema(format = Uuid)]
    pub request_id: String,
    pub tracking_code: String,
    #[schema(format = Uuid)]
    pub organisation_id: String,
    pub from: RequestStatus,
    pub to: RequestStatus,
    pub action: Action,
    #[schema(minimum = 1)]
    pub version: i64,
    pub actor_role: StepActorRole,
}
