//! Diesel rows for organisations and users.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::{organisations, users};
use crate::domain::identity::{OrgKind, Role};

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

#[derive(Clone, Debug, Queryable, Selectable, Insertable)]
#[diesel(table_name = users)]
pub struct UserRow {
    pub id: String,
    pub username: String,
    pub username_key: String,
    pub full_name: String,
    pub role: Role,
    pub organisation_id: String,
    pub mobile: Option<String>,
    pub password_hash: String,
    pub must_change_password: bool,
    pub disabled: bool,
    pub password_changed_at: NaiveDateTime,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub version: i64,
}

/// The key usernames are unique by: trimmed and lower-cased.
pub fn username_key(username: &str) -> String {
    username.trim().to_lowercase()
}

/// Current time in UTC, truncated to microseconds (what both databases store).
pub fn now() -> NaiveDateTime {
    let now = chrono::Utc::now().naive_utc();
    chrono::DurationRound::duration_trunc(now, chrono::TimeDelta::microseconds(1)).unwrap_or(now)
}
