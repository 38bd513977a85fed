//! The first administrator: created on first start with an empty database, or by the
//! `create-admin` command.

use chrono::NaiveDateTime;

use crate::auth::model::{username_key, UserRow};
use crate::auth::password;
use crate::auth::sessions::{self, RevokeReason};
use crate::config::Secret;
use crate::db::DbConnection;
use crate::domain::identity::{OrgKind, Role};
use crate::error::{ApiError, ApiResult};
use crate::organisations::model::OrganisationRow;
use crate::organisations::queries as organisations;
use crate::users::store;

/// Name of the directorate organisation created with the first administrator.
pub const DIRECTORATE_NAME: &str = "اداره کل اموال دولتی و اوراق بهادار";
/// A checksum-valid placeholder legal id for that organisation; the administrator corrects it.
pub const DIRECTORATE_PLACEHOLDER_NATIONAL_ID: &str = "14101234563";

/// What happened to the administrator account.
#[derive(Debug, PartialEq, Eq)]
pub enum AdminOutcome {
    /// Created with the configured password.
    Created,
    /// Created with a generated password that must be changed at first login.
    CreatedWithTemporary(String),
    /// Existed; its password was reset (generated ones must be changed at next login).
    Reset(Option<String>),
}

fn directorate_org(conn: &mut DbConnection, at: NaiveDateTime) -> ApiResult<String> {
    if let Some(id) = organisations::oldest_of_kind(conn, OrgKind::Directorate)? {
        return Ok(id);
    }
    let row = OrganisationRow {
        id: uuid::Uuid::now_v7().to_string(),
        name: DIRECTORATE_NAME.to_owned(),
        name_key: crate::domain::text::search_key(DIRECTORATE_NAME),
        kind: OrgKind::Directorate,
        national_id: DIRECTORATE_PLACEHOLDER_NATIONAL_ID.to_owned(),
        created_at: at,
        updated_at: at,
        version: 1,
    };
    organisations::insert(conn, &row)?;
    Ok(row.id)
}

/// Creates the administrator `username`, or resets its password when it exists.
/// `password` given: used as is, no forced change. Absent: a temporary one is generated.
pub fn create_or_reset_admin(
    conn: &mut DbConnection,
    username: &str,
    password: Option<&Secret>,
    at: NaiveDateTime,
) -> ApiResult<AdminOutcome> {
    let (plain, generated) = match password {
        Some(p) => (p.expose().to_owned(), false),
        None => (password::generate_temporary(), true),
    };
    password::check_policy("password", &plain, username, Some(DIRECTORATE_NAME), None)
        .map_err(ApiError::invalid_field)?;
    let hash = password::hash(&plain).map_err(ApiError::internal)?;
    let key = username_key(username);
    if let Some(id) = store::id_by_username_key(conn, &key)? {
        store::restore_admin(conn, &id, &hash, generated, at)?;
        sessions::revoke_all_for_user(conn, &id, RevokeReason::PasswordReset, None, at)?;
        return Ok(AdminOutcome::Reset(generated.then_some(plain)));
    }
    let org_id = directorate_org(conn, at)?;
    let row = UserRow {
        id: uuid::Uuid::now_v7().to_string(),
        username: username.trim().to_owned(),
        username_key: key,
        full_name: "مسئول سایت".to_owned(),
        role: Role::Admin,
        organisation_id: org_id,
        mobile: None,
        password_hash: hash,
        must_change_password: generated,
        disabled: false,
        password_changed_at: at,
        created_at: at,
        updated_at: at,
        version: 1,
        position: None,
    };
    store::insert(conn, &row)?;
    Ok(if generated {
        AdminOutcome::CreatedWithTemporary(plain)
    } else {
        AdminOutcome::Created
    })
}

/// On an empty database, creates user `admin` (see API.md, Identity). Returns the outcome when
/// it created one.
pub fn bootstrap_if_empty(
    conn: &mut DbConnection,
    password: Option<&Secret>,
    at: NaiveDateTime,
) -> ApiResult<Option<AdminOutcome>> {
    if !store::is_empty(conn)? {
        return Ok(None);
    }
    create_or_reset_admin(conn, "admin", password, at).map(Some)
}
