//! Organisations: the row, the view, the wire inputs and their validated forms.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use crate::db::schema::organisations;
use crate::domain::identity::OrgKind;
use crate::domain::legal_id::{LegalId, LegalIdError};
use crate::error::{ApiError, FieldIssue};
use crate::validate::Issues;

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

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateOrganisation {
    /// Name (Persian); unique after normalisation.
    #[schema(example = "اداره کل راه و شهرسازی استان آذربایجان شرقی")]
    pub name: String,
    pub kind: OrgKind,
    /// 11-digit legal-entity national id (شناسه ملی), checksum verified; unique.
    #[schema(example = "10380284790")]
    pub national_id: String,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateOrganisation {
    pub name: Option<String>,
    pub national_id: Option<String>,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OrganisationFilter {
    /// Only organisations of this kind.
    pub kind: Option<OrgKind>,
}

/// An organisation that passed validation: normalised name, verified legal id.
pub struct NewOrganisation {
    pub name: String,
    pub kind: OrgKind,
    pub national_id: LegalId,
}

/// The changes of an `UpdateOrganisation`, validated; `None` keeps the current value.
pub struct OrganisationChanges {
    pub name: Option<String>,
    pub national_id: Option<LegalId>,
}

fn name(issues: &mut Issues, value: &str) -> String {
    issues.line("name", value, 2, 200)
}

/// The legal id, its issue collected when it is invalid.
fn legal_id(issues: &mut Issues, value: &str) -> Result<LegalId, LegalIdError> {
    let parsed = LegalId::parse(value);
    if let Err(e) = &parsed {
        issues.push(legal_id_issue(e));
    }
    parsed
}

/// The 422 of an invalid legal id (already collected: reached only after `Issues::finish`).
fn invalid_legal_id(e: LegalIdError) -> ApiError {
    ApiError::invalid_field(legal_id_issue(&e))
}

fn legal_id_issue(e: &LegalIdError) -> FieldIssue {
    match e {
        LegalIdError::Format => FieldIssue::new(
            "national_id",
            "invalid_format",
            "شناسهٔ ملی باید ۱۱ رقم باشد.",
            "The national id must be 11 digits.",
        ),
        LegalIdError::Checksum => FieldIssue::new(
            "national_id",
            "invalid_checksum",
            "رقم کنترل شناسهٔ ملی درست نیست.",
            "The national id's check digit is wrong.",
        ),
    }
}

impl TryFrom<CreateOrganisation> for NewOrganisation {
    type Error = ApiError;

    /// 422 naming every invalid field.
    fn try_from(body: CreateOrganisation) -> Result<Self, ApiError> {
        let mut issues = Issues::new();
        let name = name(&mut issues, &body.name);
        let national_id = legal_id(&mut issues, &body.national_id);
        issues.finish()?;
        Ok(NewOrganisation {
            name,
            kind: body.kind,
            national_id: national_id.map_err(invalid_legal_id)?,
        })
    }
}

impl TryFrom<UpdateOrganisation> for OrganisationChanges {
    type Error = ApiError;

    /// 422 naming every invalid field.
    fn try_from(body: UpdateOrganisation) -> Result<Self, ApiError> {
        let mut issues = Issues::new();
        let name = body.name.as_deref().map(|n| name(&mut issues, n));
        let national_id = body
            .national_id
            .as_deref()
            .map(|n| legal_id(&mut issues, n));
        issues.finish()?;
        Ok(OrganisationChanges {
            name,
            national_id: national_id.transpose().map_err(invalid_legal_id)?,
        })
    }
}
