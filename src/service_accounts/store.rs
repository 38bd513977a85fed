//! The queries on service accounts, named by intent. An account is its `users` row joined with
//! its `service_accounts` row (see [`model`](super::model)).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::auth::model::UserRow;
use crate::db::schema::{service_accounts, users};
use crate::db::DbConnection;
use crate::error::ApiResult;
use crate::http::pagination::Page;
use crate::service_accounts::model::{Account, ServiceAccountRow};

fn account((user, credentials): (UserRow, ServiceAccountRow)) -> Account {
    Account { user, credentials }
}

/// The service account `id`; 404 when there is none (a person's id included).
pub fn load(conn: &mut DbConnection, id: &str) -> ApiResult<Account> {
    let row = service_accounts::table
        .inner_join(users::table)
        .filter(service_accounts::id.eq(id))
        .select((UserRow::as_select(), ServiceAccountRow::as_select()))
        .first(conn)?;
    Ok(account(row))
}

/// The service account with this client id, if any.
pub fn by_client_id(conn: &mut DbConnection, client_id: &str) -> ApiResult<Option<Account>> {
    let row = service_accounts::table
        .inner_join(users::table)
        .filter(service_accounts::client_id.eq(client_id))
        .select((UserRow::as_select(), ServiceAccountRow::as_select()))
        .first(conn)
        .optional()?;
    Ok(row.map(account))
}

/// A page of service accounts, newest first.
pub fn list(conn: &mut DbConnection, page: &Page) -> ApiResult<Vec<Account>> {
    let mut q = service_accounts::table
        .inner_join(users::table)
        .select((UserRow::as_select(), ServiceAccountRow::as_select()))
        .order(service_accounts::id.desc())
        .limit(page.limit + 1)
        .into_boxed();
    if let Some(after) = &page.after {
        q = q.filter(service_accounts::id.lt(after.clone()));
    }
    Ok(q.load(conn)?.into_iter().map(account).collect())
}

/// Inserts a new account: its principal, then its credentials.
pub fn insert(conn: &mut DbConnection, user: &UserRow, row: &ServiceAccountRow) -> ApiResult<()> {
    diesel::insert_into(users::table)
        .values(user)
        .execute(conn)?;
    diesel::insert_into(service_accounts::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

/// Stores a name and disabled flag if the account is still at `version`; false when another
/// change came first.
pub fn update_profile(
    conn: &mut DbConnection,
    id: &str,
    version: i64,
    name: &str,
    disabled: bool,
    at: NaiveDateTime,
) -> ApiResult<bool> {
    let n = diesel::update(
        users::table
            .filter(users::id.eq(id))
            .filter(users::version.eq(version)),
    )
    .set((
        users::full_name.eq(name),
        users::disabled.eq(disabled),
        users::updated_at.eq(at),
        users::version.eq(version + 1),
    ))
    .execute(conn)?;
    Ok(n > 0)
}

/// A new secret, with the one it replaces accepted until `previous_until` (`None`: not at
/// all), if the account is still at `version` (bumped); false when another change came first.
pub fn rotate_secret(
    conn: &mut DbConnection,
    id: &str,
    version: i64,
    secret_hash: &str,
    previous: Option<(&str, NaiveDateTime)>,
    at: NaiveDateTime,
) -> ApiResult<bool> {
    let n = diesel::update(
        users::table
            .filter(users::id.eq(id))
            .filter(users::version.eq(version)),
    )
    .set((users::updated_at.eq(at), users::version.eq(version + 1)))
    .execute(conn)?;
    if n == 0 {
        return Ok(false);
    }
    diesel::update(service_accounts::table.find(id))
        .set((
            service_accounts::secret_hash.eq(secret_hash),
            service_accounts::previous_secret_hash.eq(previous.map(|(h, _)| h)),
            service_accounts::previous_secret_expires_at.eq(previous.map(|(_, t)| t)),
            service_accounts::secret_rotated_at.eq(at),
        ))
        .execute(conn)?;
    Ok(true)
}

/// Records that the client obtained a token.
pub fn mark_used(conn: &mut DbConnection, id: &str, at: NaiveDateTime) -> ApiResult<()> {
    diesel::update(service_accounts::table.find(id))
        .set(service_accounts::last_used_at.eq(at))
        .execute(conn)?;
    Ok(())
}
