//! Creating and changing organisations: unique names and legal ids, versioned updates, audit.
//! Each function runs in the caller's write transaction.

use chrono::NaiveDateTime;

use crate::audit::{self, Action, Actor, Subject};
use crate::db::DbConnection;
use crate::domain::identity::OrgKind;
use crate::domain::text::search_key;
use crate::error::{ApiError, ApiResult};
use crate::http::etag::IfMatch;
use crate::organisations::model::{NewOrganisation, OrganisationChanges, OrganisationRow};
use crate::organisations::store::{self, Naming, Taken};

/// The detail of `organisation.created`.
#[derive(serde::Serialize)]
struct OrganisationCreated {
    kind: OrgKind,
}

/// 409 `duplicate` naming the field another organisation already uses.
fn ensure_unique(conn: &mut DbConnection, naming: &Naming<'_>, except_id: &str) -> ApiResult<()> {
    let taken = store::taken_by_another(conn, naming.name_key, naming.national_id, except_id)?;
    match taken {
        Some(Taken::Name) => Err(ApiError::duplicate(
            "سازمانی با همین نام ثبت شده است.",
            "An organisation with this name exists.",
        )
        .with_extension("field", "name")),
        Some(Taken::NationalId) => Err(ApiError::duplicate(
            "سازمانی با همین شناسهٔ ملی ثبت شده است.",
            "An organisation with this national id exists.",
        )
        .with_extension("field", "national_id")),
        None => Ok(()),
    }
}

pub fn create(
    conn: &mut DbConnection,
    actor: &Actor,
    new: NewOrganisation,
    at: NaiveDateTime,
) -> ApiResult<OrganisationRow> {
    let name_key = search_key(&new.name);
    let naming = Naming {
        name: &new.name,
        name_key: &name_key,
        national_id: new.national_id.as_str(),
    };
    ensure_unique(conn, &naming, "")?;
    let row = OrganisationRow {
        id: uuid::Uuid::now_v7().to_string(),
        name: new.name.clone(),
        name_key,
        kind: new.kind,
        national_id: new.national_id.as_str().to_owned(),
        created_at: at,
        updated_at: at,
        version: 1,
    };
    store::insert(conn, &row)?;
    audit::record(
        conn,
        at,
        audit::Entry::by(
            actor,
            Action::OrganisationCreated,
            Subject::Organisation,
            &row.id,
        )
        .detail(OrganisationCreated { kind: row.kind }),
    )?;
    Ok(row)
}

pub fn update(
    conn: &mut DbConnection,
    actor: &Actor,
    id: &str,
    if_match: IfMatch,
    changes: OrganisationChanges,
    at: NaiveDateTime,
) -> ApiResult<OrganisationRow> {
    let current = store::load(conn, id)?;
    if_match.check(current.version)?;
    let name = changes.name.unwrap_or(current.name);
    let name_key = search_key(&name);
    let national_id = match &changes.national_id {
        Some(legal) => legal.as_str(),
        None => &current.national_id,
    };
    let naming = Naming {
        name: &name,
        name_key: &name_key,
        national_id,
    };
    ensure_unique(conn, &naming, id)?;
    if !store::rename(conn, id, current.version, naming, at)? {
        return Err(ApiError::precondition_failed());
    }
    audit::record(
        conn,
        at,
        audit::Entry::by(
            actor,
            Action::OrganisationUpdated,
            Subject::Organisation,
            id,
        ),
    )?;
    store::load(conn, id)
}
