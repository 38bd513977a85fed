//! Rows, vocabularies and inputs of permits, receipts and registrations. Wire inputs become
//! checked inputs (`NewPermit`, `NewReceipt`, `NewRegistration`) through `TryFrom`, which names
//! every invalid field at once.

use chrono::{DateTime, NaiveDateTime, TimeDelta, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::clock::Clock;
use crate::db::schema::{permits, receipts, registrations, requests};
use crate::domain::jalali::parse_date;
use crate::domain::reasons::{RefusalReason, RevocationReason};
use crate::domain::receipt::{ReceiptTimeError, CLOCK_SKEW};
use crate::domain::status::Action;
use crate::domain::text::{normalize_code, persian_digits};
use crate::error::{ApiError, FieldIssue};
use crate::validate::Issues;

// ---- vocabularies --------------------------------------------------------------------------

crate::vocabulary! {
    /// A permit as stored: waiting for the police, acted on, or revoked. (`expired` is not
    /// stored: it is derived from `valid_until`, see [`PermitRow::shown_status`].)
    pub enum PermitState {
        Issued => "issued",
        Used => "used",
        Refused => "refused",
        Revoked => "revoked",
    }
}

/// `issued` (waiting for the police), `used` (plate removed), `refused` (police did not
/// approve), `expired` (past `valid_until` with no receipt), `revoked` (ابطال: by the
/// directorate, or because the agency withdrew its request; the police must not act on it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PermitStatus {
    Issued,
    Used,
    Refused,
    Expired,
    Revoked,
}

impl PermitStatus {
    pub const ALL: &'static [PermitStatus] = &[
        PermitStatus::Issued,
        PermitStatus::Used,
        PermitStatus::Refused,
        PermitStatus::Expired,
        PermitStatus::Revoked,
    ];

    /// The status as the police and the public read it (Persian).
    pub fn label_fa(self) -> &'static str {
        match self {
            PermitStatus::Issued => "صادر شده و معتبر",
            PermitStatus::Used => "استفاده شده (پلاک فک شده است)",
            PermitStatus::Refused => "فک پلاک تأیید نشد",
            PermitStatus::Expired => "منقضی شده",
            PermitStatus::Revoked => "ابطال شده",
        }
    }
}

crate::vocabulary! {
    pub enum Outcome {
        /// The plate was removed.
        Removed => "removed",
        /// The police did not approve the removal (`refusal_reason` says why).
        Refused => "refused",
    }
}

impl Outcome {
    /// The receipt's outcome as people read it (Persian).
    pub fn label_fa(self) -> &'static str {
        match self {
            Outcome::Removed => "پلاک فک شد",
            Outcome::Refused => "فک پلاک تأیید نشد",
        }
    }
}

impl Outcome {
    /// The request's action this receipt takes.
    pub fn action(self) -> Action {
        match self {
            Outcome::Removed => Action::RecordRemoval,
            Outcome::Refused => Action::RecordRefusal,
        }
    }

    /// What the receipt makes of the permit.
    pub fn permit_state(self) -> PermitState {
        match self {
            Outcome::Removed => PermitState::Used,
            Outcome::Refused => PermitState::Refused,
        }
    }
}

/// `queue_rank` of a permit waiting for the police; acted-on permits rank after them.
pub const QUEUE_OPEN: i32 = 0;
pub const QUEUE_DONE: i32 = 1;

// ---- rows ----------------------------------------------------------------------------------

#[derive(Clone, Debug, Queryable, Selectable, Insertable)]
#[diesel(table_name = permits)]
// NULL for `None` (not DEFAULT): one SQL text per insert, and `COPY` can load the row (seed).
#[diesel(treat_none_as_default_value = false)]
pub struct PermitRow {
    pub id: String,
    pub permit_number: String,
    pub national_permit_number: String,
    pub request_id: String,
    pub tracking_code: String,
    pub plate: String,
    pub vin: Option<String>,
    pub issued_at: NaiveDateTime,
    pub issued_by: String,
    pub valid_until: NaiveDateTime,
    pub notes: Option<String>,
    pub status: PermitState,
    pub queue_rank: i32,
    pub version: i64,
    pub updated_at: NaiveDateTime,
    pub chassis_number: Option<String>,
    pub revoked_at: Option<NaiveDateTime>,
    pub revoked_by: Option<String>,
    pub revocation_reason: Option<crate::domain::reasons::RevocationReason>,
    pub revocation_notes: Option<String>,
    /// The issuing user's name when the permit was issued (`null` for permits issued before
    /// signatories were recorded).
    pub signatory_name: Option<String>,
    /// The issuing user's post (سمت) when the permit was issued.
    pub signatory_position: Option<String>,
    /// The police organisation the permit was sent to (`None` only for permits issued before
    /// any police organisation was registered: the default police organisation's).
    pub police_organisation_id: Option<String>,
}

impl PermitRow {
    /// The status as shown: `expired` is derived from `valid_until`.
    pub fn shown_status(&self, now: NaiveDateTime) -> PermitStatus {
        match self.status {
            PermitState::Used => PermitStatus::Used,
            PermitState::Refused => PermitStatus::Refused,
            PermitState::Revoked => PermitStatus::Revoked,
            PermitState::Issued if self.valid_until < now => PermitStatus::Expired,
            PermitState::Issued => PermitStatus::Issued,
        }
    }
}

/// The vehicle as its agency filed it, beside the plate and identifiers the permit copied.
#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = requests)]
pub struct FiledVehicle {
    pub engine_number: String,
    pub make: String,
    pub model: String,
    pub model_year: i32,
    pub vehicle_type: crate::requests::model::VehicleType,
    pub vehicle_colour: Option<String>,
}

/// A permit with what its views show beside it, read in one query: the vehicle as filed, the
/// agency (id, name) and the police's receipt.
#[derive(Clone, Debug)]
pub struct PermitListing {
    pub permit: PermitRow,
    pub vehicle: FiledVehicle,
    pub agency: (String, String),
    pub receipt: Option<ReceiptRow>,
    /// The police organisation it was sent to (id, name).
    pub police: Option<(String, String)>,
}

/// A [`PermitListing`] as one joined row: permit, filed vehicle, agency (id, name), receipt.
pub type PermitListingRow = (
    PermitRow,
    FiledVehicle,
    (String, String),
    Option<ReceiptRow>,
);

impl From<PermitListingRow> for PermitListing {
    fn from((permit, vehicle, agency, receipt): PermitListingRow) -> Self {
        PermitListing {
            permit,
            vehicle,
            agency,
            receipt,
            police: None,
        }
    }
}

#[derive(Clone, Debug, Queryable, Selectable, Insertable)]
#[diesel(table_name = receipts)]
pub struct ReceiptRow {
    pub id: String,
    pub permit_id: String,
    pub request_id: String,
    pub outcome: Outcome,
    pub receipt_number: String,
    pub occurred_at: NaiveDateTime,
    pub plates_count: Option<i32>,
    pub officer_name: Option<String>,
    pub unit: Option<String>,
    pub notes: Option<String>,
    pub recorded_at: NaiveDateTime,
    pub recorded_by: String,
    pub refusal_reason: Option<RefusalReason>,
}

#[derive(Clone, Debug, Queryable, Selectable, Insertable)]
#[diesel(table_name = registrations)]
pub struct RegistrationRow {
    pub request_id: String,
    pub national_registration_number: String,
    pub registered_at: NaiveDateTime,
    pub recorded_at: NaiveDateTime,
    pub recorded_by: String,
}

// ---- wire inputs ---------------------------------------------------------------------------

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct IssuePermit {
    /// The permit's number in the national vehicle system; unique.
    #[schema(example = "NV-1403-884512")]
    pub national_permit_number: String,
    /// An RFC 3339 time, or a date (ISO or Jalali: valid through the end of that day, Tehran
    /// time). In the future and within the configured maximum (default 30 days).
    #[schema(example = "1403/09/15")]
    pub valid_until: String,
    pub notes: Option<String>,
    /// The police organisation (kind `police`) the permit is sent to: only its accounts see
    /// the permit and may post its receipt. Omitted: the default police organisation, the
    /// oldest registered (the province's traffic police). Not a police organisation: 422 on
    /// this field (`invalid_police_organisation`).
    #[schema(format = Uuid)]
    pub police_organisation_id: Option<String>,
}

/// The police's receipt. It is judged by when the plates were removed (`occurred_at`), not by
/// when it is posted: a removal within the permit's life is accepted however late it is posted.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PostReceipt {
    pub outcome: Outcome,
    #[schema(example = "R-5521")]
    pub receipt_number: String,
    /// When the plates were removed (or the removal refused). Within the permit's life — from
    /// 5 minutes before `issued_at` (clock skew) to 5 minutes after `valid_until` — and not
    /// more than 5 minutes in the future; else 422 on `occurred_at` (`before_issue`,
    /// `after_validity`, `future_date`).
    pub occurred_at: DateTime<Utc>,
    /// Plates removed: 1 or 2. Required when `outcome` is `removed`; `1` needs `notes`.
    #[schema(minimum = 1, maximum = 2)]
    pub plates_count: Option<i32>,
    /// Why the police did not remove the plates. Required when `outcome` is `refused` (and only
    /// then); `other` needs `notes`.
    pub refusal_reason: Option<RefusalReason>,
    pub officer_name: Option<String>,
    pub unit: Option<String>,
    /// Required when `refusal_reason` is `other`, when `plates_count` is 1 (why one plate),
    /// and when the receipt is posted more than `RECEIPT_LATE_DAYS` (default 30) after
    /// `valid_until` (why so late; else 422 `late_receipt` on `notes`).
    pub notes: Option<String>,
}

/// The cross-field rules of receipts and revocations, stated in the OpenAPI document (the
/// validation above enforces them): a receipt is a removal (with `plates_count`, without
/// `refusal_reason`) or a refusal (with `refusal_reason`), told apart by `outcome`; a
/// revocation for `other` needs `notes`.
pub const SCHEMA_RULES: &[crate::http::openapi::SchemaRule] = {
    use crate::http::openapi::{SchemaRule, Variant};
    &[
        SchemaRule::Discriminated {
            schema: "PostReceipt",
            property: "outcome",
            variants: &[
                Variant {
                    name: "ReceiptRemoved",
                    description: "The plates were removed: `plates_count` (1 or 2; `1` needs `notes`), no `refusal_reason`.",
                    values: &["removed"],
                    required: &["plates_count"],
                    forbidden: &["refusal_reason"],
                },
                Variant {
                    name: "ReceiptRefused",
                    description: "The police refused the removal: `refusal_reason` (`other` needs `notes`).",
                    values: &["refused"],
                    required: &["refusal_reason"],
                    forbidden: &[],
                },
            ],
        },
        SchemaRule::Discriminated {
            schema: "RevokePermit",
            property: "reason_code",
            variants: &[
                Variant {
                    name: "RevokeForCause",
                    description: "Revoking for a coded reason; `notes` optional.",
                    values: REVOCATION_WITHOUT_NOTES,
                    required: &[],
                    forbidden: &[],
                },
                Variant {
                    name: "RevokeForOther",
                    description: "Revoking for another reason, explained in `notes`.",
                    values: &["other"],
                    required: &["notes"],
                    forbidden: &[],
                },
            ],
        },
    ]
};

/// The revocation reasons that need no `notes` (all but `other`).
const REVOCATION_WITHOUT_NOTES: &[&str] = &[
    "issued_in_error",
    "request_withdrawn",
    "vehicle_status_changed",
];

/// Revoking (ابطال) a permit the police have not acted on.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RevokePermit {
    pub reason_code: RevocationReason,
    /// Required when `reason_code` is `other`.
    pub notes: Option<String>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PostRegistration {
    /// The removal's number in the national vehicle system; unique.
    pub national_registration_number: String,
    /// When it was recorded there: not in the future.
    pub registered_at: DateTime<Utc>,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PermitFilter {
    /// Only permits in this status. Without it (and without `updated_since`) the police's list
    /// leaves out `revoked` permits.
    pub status: Option<PermitStatus>,
    /// Only permits changed at or after this time (for systems that poll).
    pub updated_since: Option<DateTime<Utc>>,
    /// Only permits for this plate, typed as at filing (Persian or ASCII digits, any
    /// separators, `ایران`, number or region first), with its region code (`12 الف 345 ایران
    /// 67`: that plate) or without it (`12 الف 345`: that plate in every region). 400
    /// `invalid_query` naming `plate` when it is not a plate.
    #[param(example = "12 الف 345 ایران 67")]
    pub plate: Option<String>,
    /// Only the permit with this number, as printed (Persian digits, spaces and dashes
    /// accepted). 400 `invalid_query` naming `permit_number` when it cannot be a permit number
    /// (not 12 digits, or a wrong check digit).
    #[param(example = "512345678903")]
    pub permit_number: Option<String>,
    /// Only the permit with this number of the national vehicle system (`national_permit_number`).
    #[param(example = "NP-1405-000123")]
    pub national_number: Option<String>,
    /// One search box: permits whose plate (read as `plate`, with or without the region),
    /// permit number (as printed) or national permit number matches what was typed. Never
    /// 400: what is not a plate or a permit number is still tried as a national number.
    #[param(example = "۹۹ الف ۹۹۹ ایران ۱۵")]
    pub q: Option<String>,
}

/// The look-ups of the permit list (`plate`, `permit_number`, `national_number`), checked.
#[derive(Clone, Debug, Default)]
pub struct PermitSearch {
    pub plate: Option<crate::domain::plate::PlateSearch>,
    pub permit_number: Option<String>,
    pub national_number: Option<String>,
    pub any: Option<AnyLookup>,
}

/// `q`: matched against the plate, the permit number and the national number (any of them).
/// A part that the text cannot be is a value no permit has (`""`).
#[derive(Clone, Debug, Default)]
pub struct AnyLookup {
    /// A `LIKE` pattern on the canonical plate: the plate itself, or its start and `%`.
    pub plate_pattern: String,
    pub permit_number: String,
    pub national_number: String,
}

impl PermitSearch {
    /// Whether any look-up was asked for (the police's list then shows revoked permits too:
    /// an officer checking a car must see that its permit was revoked).
    pub fn is_empty(&self) -> bool {
        self.plate.is_none()
            && self.permit_number.is_none()
            && self.national_number.is_none()
            && self.any.is_none()
    }
}

impl PermitFilter {
    /// The look-ups, checked: 400 `invalid_query` naming `plate` or `permit_number` when the
    /// value cannot be one. Blank values are no look-up.
    pub fn search(&self) -> Result<PermitSearch, ApiError> {
        fn given(v: &Option<String>) -> Option<&str> {
            v.as_deref().map(str::trim).filter(|v| !v.is_empty())
        }
        Ok(PermitSearch {
            plate: given(&self.plate).map(plate_search).transpose()?,
            permit_number: given(&self.permit_number)
                .map(permit_number_search)
                .transpose()?,
            national_number: given(&self.national_number).map(normalize_code),
            any: given(&self.q).map(any_lookup),
        })
    }
}

/// The plate look-up (`plate`): 400 `invalid_query` when the text cannot be a plate.
fn plate_search(p: &str) -> Result<crate::domain::plate::PlateSearch, ApiError> {
    use crate::domain::plate::{PlateSearch, KNOWN_LETTERS};
    use crate::i18n::Msg;
    let letters: Vec<String> = KNOWN_LETTERS.iter().map(|l| l.to_string()).collect();
    PlateSearch::parse(p, &letters).map_err(|e| {
        let (fa, en) = e.message();
        ApiError::query_param(
            "plate",
            "invalid_plate",
            Msg::new(
                format!("پلاک خوانا نیست: {fa}"),
                format!("is not a plate: {en}"),
            ),
        )
    })
}

/// The permit number look-up (`permit_number`): 400 `invalid_query` when the text cannot be a
/// permit number.
fn permit_number_search(n: &str) -> Result<String, ApiError> {
    use crate::i18n::Msg;
    let number = crate::domain::tracking::TrackingCode::parse(n).ok_or_else(|| {
        ApiError::query_param(
            "permit_number",
            "invalid_code",
            Msg::new(
                "شمارهٔ مجوز نیست: شمارهٔ مجوز ۱۲ رقم است و رقم آخر آن رقم کنترل است؛ شماره را دوباره از روی مجوز بخوانید.",
                "is not a permit number: permit numbers have 12 digits, the last a check digit; read it again off the permit.",
            ),
        )
    })?;
    Ok(number.as_str().to_owned())
}

/// `q` read as each thing it may be; a part that the text cannot be is `""`.
fn any_lookup(q: &str) -> AnyLookup {
    use crate::domain::plate::{PlateSearch, KNOWN_LETTERS};
    let letters: Vec<String> = KNOWN_LETTERS.iter().map(|l| l.to_string()).collect();
    AnyLookup {
        plate_pattern: match PlateSearch::parse(q, &letters) {
            Ok(PlateSearch::Exact(p)) => p,
            Ok(PlateSearch::WithoutRegion(start)) => format!("{start}%"),
            Err(_) => String::new(),
        },
        permit_number: crate::domain::tracking::TrackingCode::parse(q)
            .map(|n| n.as_str().to_owned())
            .unwrap_or_default(),
        national_number: normalize_code(q),
    }
}

// ---- checked inputs ------------------------------------------------------------------------

/// Clock skew tolerated for times reported by other systems.
const SKEW: TimeDelta = CLOCK_SKEW;

/// A number from another system (national permit, registration, receipt): normalised,
/// required, at most `max` printable characters.
fn record_number(issues: &mut Issues, field: &str, value: &str, max: usize) -> String {
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

/// A time reported by another system: not in the future (beyond [`SKEW`]).
fn not_future(issues: &mut Issues, field: &str, t: NaiveDateTime, now: NaiveDateTime, fa: &str) {
    if t > now + SKEW {
        issues.push(FieldIssue::new(
            field,
            "future_date",
            fa,
            format!("{field} cannot be in the future."),
        ));
    }
}

/// When a permit may be valid until: after `now`, at most `max_days` ahead (through the end of
/// a day given as a date).
pub struct Validity {
    pub now: NaiveDateTime,
    pub clock: Clock,
    pub max_days: u32,
}

impl Validity {
    /// `valid_until`: an RFC 3339 time, or a date (valid through the end of that day, in the
    /// service's time zone).
    fn parse(&self, value: &str) -> Option<NaiveDateTime> {
        if let Ok(t) = DateTime::parse_from_rfc3339(value.trim()) {
            return Some(t.with_timezone(&Utc).naive_utc());
        }
        parse_date(value).ok().map(|d| self.clock.day_end_utc(d))
    }

    fn check(&self, issues: &mut Issues, value: &str) -> NaiveDateTime {
        let max_days = i64::from(self.max_days);
        let Some(t) = self.parse(value) else {
            issues.push(FieldIssue::new(
                "valid_until",
                "invalid_date",
                "زمان نامعتبر است (۱۴۰۳/۰۹/۱۵، 2024-12-05 یا 2024-12-05T12:00:00Z).",
                "Invalid time (1403/09/15, 2024-12-05 or 2024-12-05T12:00:00Z).",
            ));
            return self.now;
        };
        if t <= self.now {
            issues.push(FieldIssue::new(
                "valid_until",
                "past_date",
                "اعتبار مجوز باید تا زمانی در آینده باشد.",
                "valid_until must be in the future.",
            ));
        } else if t > self.now + TimeDelta::days(max_days) + TimeDelta::days(1) {
            issues.push(FieldIssue::new(
                "valid_until",
                "too_far",
                format!("اعتبار مجوز حداکثر {max_days} روز است."),
                format!("A permit is valid for at most {max_days} days."),
            ));
        }
        t
    }
}

/// A permit to issue, checked.
pub struct NewPermit {
    pub national_permit_number: String,
    pub valid_until: NaiveDateTime,
    pub notes: Option<String>,
    /// As asked (checked against the organisations by the service); `None`: the default.
    pub police_organisation_id: Option<String>,
}

impl TryFrom<(IssuePermit, &Validity)> for NewPermit {
    type Error = ApiError;

    fn try_from((input, validity): (IssuePermit, &Validity)) -> Result<Self, ApiError> {
        let mut issues = Issues::new();
        let national_permit_number = record_number(
            &mut issues,
            "national_permit_number",
            &input.national_permit_number,
            64,
        );
        let notes = issues.opt_text("notes", input.notes.as_deref(), 2000);
        let valid_until = validity.check(&mut issues, &input.valid_until);
        issues.finish()?;
        let police_organisation_id = input
            .police_organisation_id
            .map(|id| id.trim().to_owned())
            .filter(|id| !id.is_empty());
        Ok(NewPermit {
            national_permit_number,
            valid_until,
            notes,
            police_organisation_id,
        })
    }
}

/// The police's receipt, checked field by field; its time is judged against the permit by the
/// service ([`timing_issue`]).
pub struct NewReceipt {
    pub outcome: Outcome,
    pub receipt_number: String,
    pub occurred_at: NaiveDateTime,
    pub plates_count: Option<i32>,
    pub refusal_reason: Option<RefusalReason>,
    pub officer_name: Option<String>,
    pub unit: Option<String>,
    pub notes: Option<String>,
}

/// The rules that tie one field of a receipt to another: a removal counts its plates (one
/// plate must be explained), a refusal gives its coded reason (`other` explained).
fn outcome_rules(issues: &mut Issues, input: &PostReceipt, has_notes: bool) {
    let needs_notes = |issues: &mut Issues, fa: &str, en: &str| {
        if !has_notes {
            issues.push(FieldIssue::new("notes", "required", fa, en));
        }
    };
    match input.outcome {
        Outcome::Removed => {
            match input.plates_count {
                None => issues.push(FieldIssue::new(
                    "plates_count",
                    "required",
                    "تعداد پلاک‌های فک‌شده (۱ یا ۲) را وارد کنید.",
                    "plates_count (1 or 2) is required when the outcome is 'removed'.",
                )),
                Some(1) => needs_notes(
                    issues,
                    "فقط یک پلاک فک شده است؛ علت را در توضیحات بنویسید.",
                    "notes is required when only one plate was removed: say why.",
                ),
                Some(_) => {}
            }
            if input.refusal_reason.is_some() {
                issues.push(FieldIssue::new(
                    "refusal_reason",
                    "not_allowed",
                    "دلیل عدم تأیید فقط برای رسید «عدم تأیید فک پلاک» است.",
                    "refusal_reason is only for the outcome 'refused'.",
                ));
            }
        }
        Outcome::Refused => match input.refusal_reason {
            None => issues.push(FieldIssue::new(
                "refusal_reason",
                "required",
                "دلیل عدم تأیید فک پلاک را انتخاب کنید.",
                "refusal_reason is required when the outcome is 'refused'.",
            )),
            Some(r) if r.needs_notes() => needs_notes(
                issues,
                "برای دلیل «سایر»، شرح دلیل را در توضیحات بنویسید.",
                "notes is required when refusal_reason is 'other'.",
            ),
            Some(_) => {}
        },
    }
    if input.plates_count.is_some_and(|n| !(1..=2).contains(&n)) {
        issues.push(FieldIssue::new(
            "plates_count",
            "invalid_value",
            "تعداد پلاک ۱ یا ۲ است.",
            "plates_count is 1 or 2.",
        ));
    }
}

impl TryFrom<(PostReceipt, NaiveDateTime)> for NewReceipt {
    type Error = ApiError;

    fn try_from((input, now): (PostReceipt, NaiveDateTime)) -> Result<Self, ApiError> {
        let mut issues = Issues::new();
        let receipt_number =
            record_number(&mut issues, "receipt_number", &input.receipt_number, 64);
        let mut optional_line = |field: &str, value: Option<&str>| {
            value
                .map(|v| issues.line(field, v, 0, 100))
                .filter(|v| !v.is_empty())
        };
        let officer_name = optional_line("officer_name", input.officer_name.as_deref());
        let unit = optional_line("unit", input.unit.as_deref());
        let notes = issues.opt_text("notes", input.notes.as_deref(), 2000);
        outcome_rules(&mut issues, &input, notes.is_some());
        let occurred_at = input.occurred_at.naive_utc();
        if occurred_at > now + CLOCK_SKEW {
            issues.push(timing_issue(ReceiptTimeError::InFuture, 0));
        }
        issues.finish()?;
        Ok(NewReceipt {
            outcome: input.outcome,
            receipt_number,
            occurred_at,
            plates_count: input.plates_count,
            refusal_reason: input.refusal_reason,
            officer_name,
            unit,
            notes,
        })
    }
}

/// The field issue for a receipt time refused by [`crate::domain::receipt::ReceiptTiming`].
pub fn timing_issue(err: ReceiptTimeError, late_days: u32) -> FieldIssue {
    match err {
        ReceiptTimeError::BeforeIssue => FieldIssue::new(
            "occurred_at",
            "before_issue",
            "زمان فک پلاک بیش از ۵ دقیقه پیش از صدور مجوز است.",
            "occurred_at is more than 5 minutes before the permit was issued.",
        ),
        ReceiptTimeError::AfterValidity => FieldIssue::new(
            "occurred_at",
            "after_validity",
            "زمان فک پلاک پس از پایان اعتبار مجوز است؛ فک پلاک پس از آن مجوز تازه لازم دارد.",
            "occurred_at is after the permit's validity ended; a removal after that needs a new permit.",
        ),
        ReceiptTimeError::InFuture => FieldIssue::new(
            "occurred_at",
            "future_date",
            "زمان فک پلاک نمی‌تواند در آینده باشد.",
            "occurred_at cannot be in the future.",
        ),
        ReceiptTimeError::LateWithoutNotes => FieldIssue::new(
            "notes",
            "late_receipt",
            format!(
                "این رسید بیش از {} روز پس از پایان اعتبار مجوز ثبت می‌شود؛ علت تأخیر را در توضیحات بنویسید.",
                persian_digits(&late_days.to_string())
            ),
            format!(
                "The receipt is posted more than {late_days} days after the permit's validity ended: notes must say why."
            ),
        ),
    }
}

/// A revocation, checked.
pub struct NewRevocation {
    pub reason: RevocationReason,
    pub notes: Option<String>,
}

impl TryFrom<RevokePermit> for NewRevocation {
    type Error = ApiError;

    fn try_from(input: RevokePermit) -> Result<Self, ApiError> {
        let mut issues = Issues::new();
        let notes = issues.opt_text("notes", input.notes.as_deref(), 2000);
        if input.reason_code.needs_notes() && notes.is_none() {
            issues.push(FieldIssue::new(
                "notes",
                "required",
                "برای دلیل «سایر»، شرح دلیل ابطال را در توضیحات بنویسید.",
                "notes is required when reason_code is 'other'.",
            ));
        }
        issues.finish()?;
        Ok(NewRevocation {
            reason: input.reason_code,
            notes,
        })
    }
}

/// The removal's registration in the national vehicle system, checked.
pub struct NewRegistration {
    pub national_registration_number: String,
    pub registered_at: NaiveDateTime,
}

impl TryFrom<(PostRegistration, NaiveDateTime)> for NewRegistration {
    type Error = ApiError;

    fn try_from((input, now): (PostRegistration, NaiveDateTime)) -> Result<Self, ApiError> {
        let mut issues = Issues::new();
        let national_registration_number = record_number(
            &mut issues,
            "national_registration_number",
            &input.national_registration_number,
            64,
        );
        let registered_at = input.registered_at.naive_utc();
        not_future(
            &mut issues,
            "registered_at",
            registered_at,
            now,
            "زمان ثبت نمی‌تواند در آینده باشد.",
        );
        issues.finish()?;
        Ok(NewRegistration {
            national_registration_number,
            registered_at,
        })
    }
}

#[cfg(test)]
mod schema_rule_tests {
    use super::*;

    /// The documented revocation variants name every reason once: `other` apart, the others
    /// without `notes`.
    #[test]
    fn the_documented_revocation_variants_cover_every_reason() {
        let mut documented: Vec<&str> = REVOCATION_WITHOUT_NOTES.to_vec();
        documented.push("other");
        documented.sort_unstable();
        let mut all: Vec<&str> = RevocationReason::ALL.iter().map(|r| r.as_str()).collect();
        all.sort_unstable();
        assert_eq!(documented, all);
    }
}
