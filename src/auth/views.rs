//! What the API shows of accounts and sign-in: the `User` view that `/me`, sign-in and `/users`
//! show, and the token pair.

use serde::Serialize;
use utoipa::ToSchema;

use crate::auth::model::UserRow;

use crate::domain::identity::Role;

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
        let (created_at, created_at_jalali) = clock.stamp(r.created_at).into_parts();
        let (updated_at, updated_at_jalali) = clock.stamp(r.updated_at).into_parts();
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
            created_at_jalali,
            created_at,
            updated_at_jalali,
            updated_at,
        }
    }
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
