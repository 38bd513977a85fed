//! What the API shows of vehicle conflicts.

use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::clock::Clock;
use crate::domain::status::RequestStatus;
use crate::vehicle_conflicts::model::{ConflictListing, ConflictStatus};

/// The vehicle as the refused agency filed it.
#[derive(Serialize, ToSchema)]
pub struct ConflictVehicle {
    #[schema(example = "12الف345-67")]
    pub plate: String,
    pub vin: Option<String>,
    pub chassis_number: Option<String>,
}

/// An organisation named in a conflict.
#[derive(Serialize, ToSchema)]
pub struct ConflictOrganisation {
    #[schema(format = Uuid)]
    pub id: String,
    #[schema(example = "اداره کل راه و شهرسازی")]
    pub name: String,
}

/// The open request that blocked the filing (only the directorate sees it here).
#[derive(Serialize, ToSchema)]
pub struct BlockingRequest {
    #[schema(format = Uuid)]
    pub id: String,
    pub tracking_code: String,
    /// Its status now.
    pub status: RequestStatus,
    #[schema(example = "در حال بررسی")]
    pub status_label_fa: &'static str,
    /// The agency that filed it.
    pub organisation: ConflictOrganisation,
}

/// How the directorate resolved a conflict.
#[derive(Serialize, ToSchema)]
pub struct ConflictResolution {
    pub resolved_at: DateTime<Utc>,
    /// `resolved_at` in the service's time zone (`SERVICE_TIMEZONE`) as a Solar Hijri date and
    /// 24-hour time with Persian digits, `YYYY/MM/DD HH:MM`.
    #[schema(example = "۱۴۰۵/۰۹/۱۵ ۱۰:۳۰")]
    pub resolved_at_jalali: String,
    /// User id of the directorate user (or administrator) who resolved it.
    #[schema(format = Uuid)]
    pub resolved_by: String,
    /// What was done, in their words.
    #[schema(
        example = "درخواست پیشین به درخواست دستگاه خاتمه یافت؛ دستگاه دوم می‌تواند دوباره ثبت کند."
    )]
    pub note: String,
    /// The blocking request's status when the conflict was resolved (e.g. `withdrawn` after
    /// the directorate had it withdrawn, or still open when it stands).
    pub request_status: Option<RequestStatus>,
}

/// A filing refused because another agency has an open request for the same vehicle.
#[derive(Serialize, ToSchema)]
pub struct VehicleConflict {
    #[schema(format = Uuid)]
    pub id: String,
    pub status: ConflictStatus,
    #[schema(example = "در انتظار رسیدگی")]
    pub status_label_fa: &'static str,
    /// The open request that blocked the filing.
    pub blocking_request: BlockingRequest,
    /// The agency whose filing was refused.
    pub refused_organisation: ConflictOrganisation,
    /// User id of the agency user whose filing was refused last.
    #[schema(format = Uuid)]
    pub filed_by: String,
    /// The vehicle as the refused agency filed it (last attempt).
    pub vehicle: ConflictVehicle,
    /// Refused filings counted in this conflict (a retry adds one).
    pub attempts: i32,
    pub created_at: DateTime<Utc>,
    /// `created_at` in the service's time zone as a Solar Hijri date and 24-hour time with
    /// Persian digits, `YYYY/MM/DD HH:MM`.
    #[schema(example = "۱۴۰۵/۰۹/۱۴ ۰۹:۱۵")]
    pub created_at_jalali: String,
    pub last_attempt_at: DateTime<Utc>,
    /// `last_attempt_at` in the service's time zone, `YYYY/MM/DD HH:MM` (Persian digits).
    #[schema(example = "۱۴۰۵/۰۹/۱۴ ۰۹:۱۵")]
    pub last_attempt_at_jalali: String,
    /// Who resolved it, when and how; `null` while open.
    pub resolution: Option<ConflictResolution>,
    pub version: i64,
}

impl VehicleConflict {
    pub fn new(l: ConflictListing, clock: &Clock) -> Self {
        let ConflictListing {
            row,
            request_tracking_code,
            request_status,
            request_organisation: (org_id, org_name),
            refused_organisation_name,
        } = l;
        let resolution = match (row.resolved_at, row.resolved_by) {
            (Some(at), Some(by)) => {
                let (resolved_at, resolved_at_jalali) = clock.stamp(at).into_parts();
                Some(ConflictResolution {
                    resolved_at_jalali,
                    resolved_at,
                    resolved_by: by,
                    note: row.resolution_note.unwrap_or_default(),
                    request_status: row.request_status_at_resolution,
                })
            }
            _ => None,
        };
        let (created_at, created_at_jalali) = clock.stamp(row.created_at).into_parts();
        let (last_attempt_at, last_attempt_at_jalali) =
            clock.stamp(row.last_attempt_at).into_parts();
        VehicleConflict {
            status_label_fa: row.status.label_fa(),
            status: row.status,
            blocking_request: BlockingRequest {
                id: row.request_id,
                tracking_code: request_tracking_code,
                status: request_status,
                status_label_fa: request_status.label_fa(),
                organisation: ConflictOrganisation {
                    id: org_id,
                    name: org_name,
                },
            },
            refused_organisation: ConflictOrganisation {
                id: row.organisation_id,
                name: refused_organisation_name,
            },
            filed_by: row.filed_by,
            vehicle: ConflictVehicle {
                plate: row.plate,
                vin: row.vin,
                chassis_number: row.chassis_number,
            },
            attempts: row.attempts,
            created_at_jalali,
            created_at,
            last_attempt_at_jalali,
            last_attempt_at,
            resolution,
            id: row.id,
            version: row.version,
        }
    }
}
