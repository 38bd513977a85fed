//! Organisations: the row and the view.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::clock::utc;
use crate::db::schema::organisations;
use crate::domain::identity::OrgKind;

#[derive(Clone, Debug, Queryable, Selectable, Insertable)]
#[diesel(table_name = organisations)]
pub struct OrganisationRow {
    pub id: String,
    pub name: String,
    pub name_key: String,
    pub kind: OrgKind,
    pub national_id: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub version: i64,
}

/// An organisation as the API shows it.
#[derive(Clone, Debug, serde::Serialize, utoipa::ToSchema)]
pub struct Organisation {
    pub id: String,
    #[schema(example = "اداره کل راه و شهرسازی")]
    pub name: String,
    pub kind: OrgKind,
    /// 11-digit legal-entity national id (شناسه ملی).
    #[schema(example = "10380284790")]
    pub national_id: String,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

impl From<OrganisationRow> for Organisation {
    fn from(r: OrganisationRow) -> Self {
        Organisation {
            id: r.id,
            name: r.name,
            kind: r.kind,
            national_id: r.national_id,
            created_at: utc(r.created_at),
            updated_at: utc(r.updated_at),
        }
    }
}
