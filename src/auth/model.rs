//! The account a user signs in with: its row (auth reads and writes the rows it needs through
//! its own store) and the `User` view that `/me`, sign-in and `/users` show.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::clock::utc;
use crate::db::schema::users;
use crate::domain::identity::Role;

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

/// A user as the API shows it.
#[derive(Clone, Debug, serde::Serialize, utoipa::ToSchema)]
pub struct User {
    pub id: String,
    #[schema(example = "m.karimi")]
    pub username: String,
    #[schema(example = "مریم کریمی")]
    pub full_name: String,
    pub role: Role,
    pub organisation_id: String,
    /// Iranian mobile `09xxxxxxxxx` (personal data: shown to the user and administrators).
    #[schema(example = "09121234567")]
    pub mobile: Option<String>,
    pub disabled: bool,
    pub must_change_password: bool,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

impl From<UserRow> for User {
    fn from(r: UserRow) -> Self {
        User {
            id: r.id,
            username: r.username,
            full_name: r.full_name,
            role: r.role,
            organisation_id: r.organisation_id,
            mobile: r.mobile,
            disabled: r.disabled,
            must_change_password: r.must_change_password,
            created_at: utc(r.created_at),
            updated_at: utc(r.updated_at),
        }
    }
}
