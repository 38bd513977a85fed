//! The account queries identity needs: a user by id or by username, and setting a password.
//! (Sessions and refresh tokens are in `sessions`, failed sign-ins in `throttle`.)

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::auth::model::UserRow;
use crate::db::schema::users;
use crate::db::DbConnection;
use crate::error::ApiResult;

/// The user `id`; 404 when there is none.
pub fn user(conn: &mut DbConnection, id: &str) -> ApiResult<UserRow> {
    Ok(users::table
        .find(id)
        .select(UserRow::as_select())
        .first(conn)?)
}

/// The name history entries record for the user `id` (as it is now; names can be edited).
pub fn full_name(conn: &mut DbConnection, id: &str) -> ApiResult<String> {
    Ok(users::table.find(id).select(users::full_name).first(conn)?)
}

/// The name of the organisation `id` (it counts against a new password).
pub fn organisation_name(conn: &mut DbConnection, id: &str) -> ApiResult<Option<String>> {
    use crate::db::schema::organisations;
    Ok(organisations::table
        .find(id)
        .select(organisations::name)
        .first(conn)
        .optional()?)
}

pub fn user_by_username_key(conn: &mut DbConnection, key: &str) -> ApiResult<Option<UserRow>> {
    Ok(users::table
        .filter(users::username_key.eq(key))
        .select(UserRow::as_select())
        .first(conn)
        .optional()?)
}

/// A new password hash for a user.
pub struct NewPassword<'a> {
    pub hash: &'a str,
    /// Whether it must be changed at the next sign-in (generated passwords).
    pub must_change: bool,
    pub at: NaiveDateTime,
}

/// Stores a new password hash (bumping the user's version).
pub fn set_password(conn: &mut DbConnection, user_id: &str, p: NewPassword<'_>) -> ApiResult<()> {
    diesel::update(users::table.find(user_id))
        .set((
            users::password_hash.eq(p.hash),
            users::must_change_password.eq(p.must_change),
            users::password_changed_at.eq(p.at),
            users::updated_at.eq(p.at),
            users::version.eq(users::version + 1),
        ))
        .execute(conn)?;
    Ok(())
}

/// The service's own principal: the author of the history entries of the steps no person takes
/// (a permit's expiry, found by the expiry worker). A disabled user with no usable password and
/// a username no person can have, in the directorate's organisation, left out of the user
/// lists; created on first use.
pub const SYSTEM_USER_ID: &str = "00000000-0000-0000-0000-000000000000";

/// The [`SYSTEM_USER_ID`] principal as an acting user, created (in `organisation_id`) if it is
/// not there yet. Concurrent callers are safe: the insert ignores an existing row.
pub fn system_actor(
    conn: &mut DbConnection,
    organisation_id: &str,
    at: NaiveDateTime,
) -> ApiResult<crate::auth::AuthUser> {
    use crate::domain::identity::Role;
    let values = (
        users::id.eq(SYSTEM_USER_ID),
        users::username.eq("~system"),
        users::username_key.eq("~system"),
        users::full_name.eq("سامانه (اقدام خودکار)"),
        users::role.eq(Role::Directorate),
        users::organisation_id.eq(organisation_id),
        // Not a hash any password verifies against.
        users::password_hash.eq("!"),
        users::must_change_password.eq(false),
        users::disabled.eq(true),
        users::password_changed_at.eq(at),
        users::created_at.eq(at),
        users::updated_at.eq(at),
    );
    match conn {
        DbConnection::Postgresql(pg) => {
            diesel::insert_into(users::table)
                .values(values)
                .on_conflict_do_nothing()
                .execute(pg)?;
        }
        DbConnection::Sqlite(lite) => {
            diesel::insert_or_ignore_into(users::table)
                .values(values)
                .execute(lite)?;
        }
    }
    let org: String = users::table
        .find(SYSTEM_USER_ID)
        .select(users::organisation_id)
        .first(conn)?;
    Ok(crate::auth::AuthUser {
        id: SYSTEM_USER_ID.to_owned(),
        role: Role::Directorate,
        org_id: org,
        session_id: String::new(),
        origin: crate::http::client::Origin::default(),
    })
}
