//! The account a user signs in with: its row (auth reads and writes the rows it needs through
//! its own store) and the `User` view that `/me`, sign-in and `/users` show.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

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
    pub position: Option<String>,
}

/// The key usernames are unique by: trimmed and lower-cased.
/// Whether a credential field (username, password, client id or secret) holds a control
/// character (C0 with NUL, DEL, C1): none is ever part of a credential the service accepts, so
/// such an attempt is a failed authentication (401, throttled and audited like the others).
pub fn has_control(s: &str) -> bool {
    s.chars().any(char::is_control)
}

/// `s` with every control character replaced by U+FFFD: what the throttle and the audit log
/// store of a malformed credential (PostgreSQL refuses NUL in `text` and `jsonb`).
pub fn printable(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { '\u{FFFD}' } else { c })
        .collect()
}

pub fn username_key(username: &str) -> String {
    username.trim().to_lowercase()
}

/// A username an administrator may give: 3–64 letters, digits, `.`, `_` or `-` (trimmed).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Username(String);

impl Username {
    pub fn parse(input: &str) -> Option<Username> {
        let u = input.trim();
        let n = u.chars().count();
        let fits = (3..=64).contains(&n)
            && u.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
        fits.then(|| Username(u.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The key it is unique by.
    pub fn key(&self) -> String {
        username_key(&self.0)
    }
}

/// A user as the API shows it.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct User {
    #[schema(format = Uuid)]
    pub id: String,
    #[schema(example = "m.karimi")]
    pub username: String,
    #[schema(example = "مریم کریمی")]
    pub full_name: String,
    /// The user's post (سمت), printed under the name of a permit's signatory; `null` when
    /// not set.
    #[schema(example = "معاون اموال دولتی")]
    pub position: Option<String>,
    pub role: Role,
    /// `role` as people read it (Persian).
    #[schema(example = "کارشناس اداره کل")]
    pub role_label_fa: &'static str,
    #[schema(format = Uuid)]
    pub organisation_id: String,
    /// Iranian mobile `09xxxxxxxxx` (personal data: shown to the user and administrators).
    #[schema(example = "09121234567")]
    pub mobile: Option<String>,
    pub disabled: bool,
    pub must_change_password: bool,
    pub created_at: chrono::DateTime<chrono::Utc>,
    /// `created_at` in the service's time zone (`SERVICE_TIMEZONE`) as a Solar Hijri date and
    /// 24-hour time with Persian digits, `YYYY/MM/DD HH:MM`.
    #[schema(example = "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰")]
    pub created_at_jalali: String,
    pub updated_at: chrono::DateTime<chrono::Utc>,
    /// `updated_at` in the service's time zone (`SERVICE_TIMEZONE`) as a Solar Hijri date and
    /// 24-hour time with Persian digits, `YYYY/MM/DD HH:MM`.
    #[schema(example = "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰")]
    pub updated_at_jalali: String,
}

impl User {
    pub fn new(r: UserRow, clock: &crate::clock::Clock) -> Self {
        User {
            id: r.id,
            username: r.username,
            full_name: r.full_name,
            position: r.position,
            role: r.role,
            role_label_fa: r.role.label_fa(),
            organisation_id: r.organisation_id,
            mobile: r.mobile,
            disabled: r.disabled,
            must_change_password: r.must_change_password,
            created_at_jalali: clock.jalali(r.created_at),
            created_at: utc(r.created_at),
            updated_at_jalali: clock.jalali(r.updated_at),
            updated_at: utc(r.updated_at),
        }
    }
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    #[schema(example = "admin")]
    pub username: String,
    #[schema(example = "a-long-secret-password", format = Password)]
    pub password: String,
    /// Where the refresh token goes: `body` (the default; apps and integrations) or `cookie`
    /// (pages in a browser: an `HttpOnly` cookie no script can read, and a `pp_csrf` cookie the
    /// page copies into `X-CSRF-Token` on `/auth/refresh` and `/auth/logout`).
    #[serde(default)]
    pub token_delivery: crate::auth::browser::TokenDelivery,
}

fn token_type_schema() -> utoipa::openapi::schema::Object {
    crate::http::openapi::string_enum("Always `Bearer`.", &["Bearer"])
}

#[derive(Serialize, ToSchema)]
pub struct TokenResponse {
    /// Bearer access token (JWT), valid for `expires_in` seconds.
    pub access_token: String,
    #[schema(schema_with = token_type_schema)]
    pub token_type: &'static str,
    /// Access-token lifetime in seconds.
    #[schema(example = 900)]
    pub expires_in: u64,
    /// Single-use refresh token; exchange it at `/auth/refresh` for a new pair. Absent when
    /// the sign-in asked for `token_delivery: "cookie"`: it is then in the `pp_refresh` cookie.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(nullable = false)]
    pub refresh_token: Option<String>,
    /// When true, every call but `/auth/*` and `GET /me` answers 403 `password_change_required`.
    pub must_change_password: bool,
    pub user: User,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RefreshRequest {
    /// The refresh token. Omitted by a browser session: the `pp_refresh` cookie carries it,
    /// and the call must send `X-CSRF-Token` equal to the `pp_csrf` cookie.
    #[serde(default)]
    pub refresh_token: Option<String>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LogoutRequest {
    /// The refresh token of the sign-in to end. Omitted by a browser session: the
    /// `pp_refresh` cookie carries it, and the call must send `X-CSRF-Token` equal to the
    /// `pp_csrf` cookie.
    #[serde(default)]
    pub refresh_token: Option<String>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChangePasswordRequest {
    #[schema(format = Password)]
    pub current_password: String,
    /// 10–128 characters; not the username, not the current password.
    #[schema(format = Password)]
    pub new_password: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames() {
        assert_eq!(
            Username::parse("  M.Karimi ").map(|u| u.key()),
            Some("m.karimi".into())
        );
        assert_eq!(Username::parse(" ab").map(|u| u.0), None);
        assert!(Username::parse(&"a".repeat(64)).is_some());
        assert!(Username::parse(&"a".repeat(65)).is_none());
        assert!(Username::parse("مریم").is_none());
        assert!(Username::parse("a b c").is_none());
    }
}
