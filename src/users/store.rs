//! The administrator's queries on `users`, named by intent. (Look-ups by id and password
//! changes are identity's: `auth::store`.)

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::auth::model::UserRow;
use crate::db::schema::{service_accounts, users};
use crate::db::DbConnection;
use crate::domain::identity::Role;
use crate::error::ApiResult;
use crate::http::pagination::Page;
use crate::users::model::UserFilter;

/// The person `id`; 404 when there is none, or when `id` is a service account's (those are
/// managed at `/service-accounts`, never as users) or the service's own principal.
pub fn person(conn: &mut DbConnection, id: &str) -> ApiResult<UserRow> {
    Ok(users::table
        .find(id)
        .filter(users::id.ne(crate::auth::queries::SYSTEM_USER_ID))
        .filter(diesel::dsl::not(diesel::dsl::exists(
            service_accounts::table.filter(service_accounts::id.eq(users::id)),
        )))
        .select(UserRow::as_select())
        .first(conn)?)
}

/// A page of users (people, not service accounts nor the service's own principal), newest
/// first.
pub fn list(conn: &mut DbConnection, filter: UserFilter, page: &Page) -> ApiResult<Vec<UserRow>> {
    let mut q = users::table
        .filter(users::id.ne(crate::auth::queries::SYSTEM_USER_ID))
        .filter(diesel::dsl::not(diesel::dsl::exists(
            service_accounts::table.filter(service_accounts::id.eq(users::id)),
        )))
        .select(UserRow::as_select())
        .order(users::id.desc())
        .limit(page.limit + 1)
        .into_boxed();
    if let Some(org) = filter.organisation_id {
        q = q.filter(users::organisation_id.eq(org));
    }
    if let Some(role) = filter.role {
        q = q.filter(users::role.eq(role));
    }
    if let Some(after) = &page.after {
        q = q.filter(users::id.lt(after.clone()));
    }
    Ok(q.load(conn)?)
}

pub fn is_empty(conn: &mut DbConnection) -> ApiResult<bool> {
    let count: i64 = users::table.count().get_result(conn)?;
    Ok(count == 0)
}

pub fn username_taken(conn: &mut DbConnection, key: &str) -> ApiResult<bool> {
    let taken: i64 = users::table
        .filter(users::username_key.eq(key))
        .count()
        .get_result(conn)?;
    Ok(taken > 0)
}

pub fn id_by_username_key(conn: &mut DbConnection, key: &str) -> ApiResult<Option<String>> {
    Ok(users::table
        .filter(users::username_key.eq(key))
        .select(users::id)
        .first(conn)
        .optional()?)
}

pub fn insert(conn: &mut DbConnection, row: &UserRow) -> ApiResult<()> {
    diesel::insert_into(users::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

/// What an administrator may change about a user.
pub struct Profile {
    pub full_name: String,
    pub position: Option<String>,
    pub mobile: Option<String>,
    pub disabled: bool,
}

/// Stores a user's profile if it is still at `version`; false when another change came first.
pub fn update_profile(
    conn: &mut DbConnection,
    id: &str,
    version: i64,
    profile: Profile,
    at: NaiveDateTime,
) -> ApiResult<bool> {
    let n = diesel::update(
        users::table
            .filter(users::id.eq(id))
            .filter(users::version.eq(version)),
    )
    .set((
        users::full_name.eq(profile.full_name),
        users::position.eq(profile.position),
        users::mobile.eq(profile.mobile),
        users::disabled.eq(profile.disabled),
        users::updated_at.eq(at),
        users::version.eq(version + 1),
    ))
    .execute(conn)?;
    Ok(n > 0)
}

/// Makes an existing account an enabled administrator with a new password.
pub fn restore_admin(
    conn: &mut DbConnection,
    id: &str,
    password_hash: &str,
    must_change_password: bool,
    at: NaiveDateTime,
) -> ApiResult<()> {
    diesel::update(users::table.find(id))
        .set((
            users::password_hash.eq(password_hash),
            users::must_change_password.eq(must_change_password),
            users::disabled.eq(false),
            users::role.eq(Role::Admin),
            users::password_changed_at.eq(at),
            users::updated_at.eq(at),
            users::version.eq(users::version + 1),
        ))
        .execute(conn)?;
    Ok(())
}
