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
