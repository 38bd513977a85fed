//! What the API shows of organisations.

use serde::Serialize;
use utoipa::ToSchema;

use crate::domain::identity::OrgKind;
use crate::organisations::model::OrganisationRow;

/// An organisation as the API shows it.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Organisation {
    #[schema(format = Uuid)]
    pub id: String,
    #[schema(example = "اداره کل راه و شهرسازی")]
    pub name: String,
    pub kind: OrgKind,
    /// `kind` as people read it (Persian).
    #[schema(example = "دستگاه متقاضی")]
    pub kind_label_fa: &'static str,
    /// 11-digit legal-entity national id (شناسه ملی).
    #[schema(example = "10380284790")]
    pub national_id: String,
    pub created_at: chrono::DateTime<chrono::Utc>,
    /// `created_at` in the service's time zone (`SERVICE_TIMEZONE`) as a Solar Hijri date and
    /// 24-hour time with Persian digits, `YYYY/MM/DD HH:MM`.
    #[schema(example = "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰")]
    pub created_at_jalali: String,
    pub updated_at: chrono::DateTime<chrono::Utc>,
    /// `updated_at` in the service's time zone (`SERVICE_TIMEZONE`) as a Solar Hijri date and
    /// 24-hour time with Persian digits, `YYYY/MM/DD HH:MM`.
    #[schema(example = "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰")]
    pub updated_at_jalali: String,
}

impl Organisation {
    pub fn new(r: OrganisationRow, clock: &crate::clock::Clock) -> Self {
        let (created_at, created_at_jalali) = clock.stamp(r.created_at).into_parts();
        let (updated_at, updated_at_jalali) = clock.stamp(r.updated_at).into_parts();
        Organisation {
            id: r.id,
            name: r.name,
            kind: r.kind,
            kind_label_fa: r.kind.label_fa(),
            national_id: r.national_id,
            created_at_jalali,
            created_at,
            updated_at_jalali,
            updated_at,
        }
    }
}
