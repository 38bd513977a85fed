//! The first administrator: created on first start with an empty database, or by the
//! `create-admin` command.

use diesel::prelude::*;

use crate::auth::model::{username_key, UserRow};
use crate::auth::password;
use crate::clock::now;
use crate::config::Secret;
use crate::db::schema::{organisations, users};
use crate::db::DbConnection;
use crate::domain::identity::{OrgKind, Role};
use crate::error::{ApiError, ApiResult};
use crate::organisations::model::OrganisationRow;

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

fn directorate_org(conn: &mut DbConnection) -> ApiResult<String> {
    let existing: Option<String> = organisations::table
        .filter(organisations::kind.eq(OrgKind::Directorate))
        .order(organisations::created_at.asc())
        .select(organisations::id)
        .first(conn)
        .optional()?;
    if let Some(id) = existing {
        return Ok(id);
    }
    let at = now();
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
    diesel::insert_into(organisations::table)
        .values(&row)
        .execute(conn)?;
    Ok(row.id)
}

/// Creates the administrator `username`, or resets its password when it exists.
/// `password` given: used as is, no forced change. Absent: a temporary one is generated.
pub fn create_or_reset_admin(
    conn: &mut DbConnection,
    username: &str,
    password: Option<&Secret>,
) -> ApiResult<AdminOutcome> {
    let (plain, generated) = match password {
        Some(p) => (p.expose().to_owned(), false),
        None => (password::generate_temporary(), true),
    };
    password::check_policy("password", &plain, username, None).map_err(ApiError::invalid_field)?;
    let hash = password::hash(&plain).map_err(ApiError::internal)?;
    let key = username_key(username);
    let at = now();
    let existing: Option<String> = users::table
        .filter(users::username_key.eq(&key))
        .select(users::id)
        .first(conn)
        .optional()?;
    if let Some(id) = existing {
        diesel::update(users::table.find(&id))
            .set((
                users::password_hash.eq(&hash),
                users::must_change_password.eq(generated),
                users::disabled.eq(false),
                users::role.eq(Role::Admin),
                users::password_changed_at.eq(at),
                users::updated_at.eq(at),
                users::version.eq(users::version + 1),
            ))
            .execute(conn)?;
        crate::auth::sessions::revoke_all_for_user(conn, &id, "password_reset", None, at)?;
        return Ok(AdminOutcome::Reset(generated.then_some(plain)));
    }
    let org_id = directorate_org(conn)?;
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
    };
    diesel::insert_into(users::table)
        .values(&row)
        .execute(conn)?;
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
) -> ApiResult<Option<AdminOutcome>> {
    let count: i64 = users::table.count().get_result(conn)?;
    if count > 0 {
        return Ok(None);
    }
    create_or_reset_admin(conn, "admin", password).map(Some)
}
