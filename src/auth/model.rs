//! The account a user signs in with: its row (auth reads and writes the rows it needs through
//! its own store), the username and the sign-in inputs. The `User` view is in `views`.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Deserialize;
use utoipa::ToSchema;

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
