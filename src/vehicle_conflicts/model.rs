//! Vehicle conflicts: the row, the view, the filter and the resolution input.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use crate::db::schema::vehicle_conflicts;
use crate::domain::status::RequestStatus;
use crate::error::ApiError;
use crate::validate::Issues;

crate::vocabulary! {
    /// Whether the directorate has dealt with a conflict.
    pub enum ConflictStatus {
        Open => "open",
        Resolved => "resolved",
    }
}

impl ConflictStatus {
    pub fn label_fa(self) -> &'static str {
        match self {
            ConflictStatus::Open => "در انتظار رسیدگی",
            ConflictStatus::Resolved => "رسیدگی شد",
        }
    }

    /// Position in the directorate's list: open conflicts first.
    pub fn queue_rank(self) -> i32 {
        match self {
            ConflictStatus::Open => 0,
            ConflictStatus::Resolved => 1,
        }
    }
}

#[derive(Clone, Debug, Queryable, Selectable, Insertable)]
#[diesel(table_name = vehicle_conflicts)]
pub struct ConflictRow {
    pub id: String,
    pub request_id: String,
    pub organisation_id: String,
    pub filed_by: String,
    pub plate: String,
    pub vin: Option<String>,
    pub chassis_number: Option<String>,
    pub attempts: i32,
    pub status: ConflictStatus,
    pub queue_rank: i32,
    pub created_at: NaiveDateTime,
    pub last_attempt_at: NaiveDateTime,
    pub resolved_at: Option<NaiveDateTime>,
    pub resolved_by: Option<String>,
    pub resolution_note: Option<String>,
    pub request_status_at_resolution: Option<RequestStatus>,
    pub version: i64,
}

/// A conflict with what the list shows beside it: the blocking request's tracking code,
/// status and agency, and both agencies' names.
pub struct ConflictListing {
    pub row: ConflictRow,
    pub request_tracking_code: String,
    pub request_status: RequestStatus,
    pub request_organisation: (String, String),
    pub refused_organisation_name: String,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ConflictFilter {
    /// Only conflicts in this status (without it: open ones first, then resolved, newest
    /// first within each).
    pub status: Option<ConflictStatus>,
}

/// Resolving a conflict: what the directorate did about it.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResolveConflict {
    /// What was done (e.g. the blocking request was withdrawn or rejected, or it stands and
    /// the agency was told), 2–2000 characters.
    #[schema(example = "با دستگاه نخست هماهنگ شد؛ درخواست پیشین آن انصراف داده شد.")]
    pub note: String,
}

/// A checked resolution note.
pub struct Resolution {
    pub note: String,
}

impl TryFrom<ResolveConflict> for Resolution {
    type Error = ApiError;

    fn try_from(body: ResolveConflict) -> Result<Self, ApiError> {
        let mut issues = Issues::new();
        let note = issues.text("note", &body.note, 2, 2000);
        issues.finish()?;
        Ok(Resolution { note })
    }
}

/// The vehicle a refused filing named (normalised as filed).
#[derive(Clone, Debug)]
pub struct RefusedVehicle {
    pub plate: String,
    pub vin: Option<String>,
    pub chassis_number: Option<String>,
}
