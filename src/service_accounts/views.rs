//! What the API shows of service accounts: the account (never its secret), the account with a
//! new secret, and a client's access token.

use chrono::NaiveDateTime;
use serde::Serialize;
use utoipa::ToSchema;

use crate::clock::{utc, Clock};
use crate::domain::identity::Role;
use crate::service_accounts::model::Account;

/// A service account as the API shows it (never its secret).
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ServiceAccount {
    #[schema(format = Uuid)]
    pub id: String,
    /// The client id it authenticates with at `POST /auth/token`.
    #[schema(example = "svc_4f1c2a9e0b7d3c5a8e6f1b2d")]
    pub client_id: String,
    #[schema(example = "سامانهٔ پلیس راهور تهران")]
    pub name: String,
    pub role: Role,
    /// `role` as people read it (Persian).
    #[schema(example = "پلیس راهور")]
    pub role_label_fa: &'static str,
    #[schema(format = Uuid)]
    pub organisation_id: String,
    /// A disabled account gets no token, and its live tokens are refused at once.
    pub disabled: bool,
    /// When the client last obtained a token (`null`: never).
    pub last_used_at: Option<chrono::DateTime<chrono::Utc>>,
    /// `last_used_at` in the service's time zone, Solar Hijri with Persian digits.
    #[schema(example = "۱۴۰۵/۰۹/۰۵ ۰۹:۱۵")]
    pub last_used_at_jalali: Option<String>,
    /// When the secret was last rotated (`null`: never).
    pub secret_rotated_at: Option<chrono::DateTime<chrono::Utc>>,
    /// Until when the secret before the last rotation is still accepted (`null`: it is not).
    pub previous_secret_expires_at: Option<chrono::DateTime<chrono::Utc>>,
    pub created_at: chrono::DateTime<chrono::Utc>,
    /// `created_at` in the service's time zone, Solar Hijri with Persian digits.
    #[schema(example = "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰")]
    pub created_at_jalali: String,
    pub updated_at: chrono::DateTime<chrono::Utc>,
    /// `updated_at` in the service's time zone, Solar Hijri with Persian digits.
    #[schema(example = "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰")]
    pub updated_at_jalali: String,
}

impl ServiceAccount {
    pub fn new(a: Account, clock: &Clock, now: NaiveDateTime) -> Self {
        let (u, c) = (a.user, a.credentials);
        let (last_used_at, last_used_at_jalali) = clock.stamp_opt(c.last_used_at);
        let (created_at, created_at_jalali) = clock.stamp(u.created_at).into_parts();
        let (updated_at, updated_at_jalali) = clock.stamp(u.updated_at).into_parts();
        ServiceAccount {
            id: u.id,
            client_id: c.client_id,
            name: u.full_name,
            role: u.role,
            role_label_fa: u.role.label_fa(),
            organisation_id: u.organisation_id,
            disabled: u.disabled,
            last_used_at_jalali,
            last_used_at,
            secret_rotated_at: c.secret_rotated_at.map(utc),
            previous_secret_expires_at: c
                .previous_secret_expires_at
                .filter(|until| *until > now)
                .map(utc),
            created_at_jalali,
            created_at,
            updated_at_jalali,
            updated_at,
        }
    }
}

/// A service account with its new client secret: shown this once (creation, rotation).
#[derive(Serialize, ToSchema)]
pub struct ServiceAccountWithSecret {
    #[serde(flatten)]
    pub account: ServiceAccount,
    /// The client secret. It is stored only as a hash: keep it now, it is never shown again.
    #[schema(example = "pps_3q2-7wEvE0xJ5d0m8ZkQY5m2eS1vT0cQeXbS2r9aH1E")]
    pub client_secret: String,
}

fn bearer_schema() -> utoipa::openapi::schema::Object {
    crate::http::openapi::string_enum("Always `Bearer`.", &["Bearer"])
}

/// An access token for a machine client (RFC 6749 §5.1). No refresh token: a client asks again.
#[derive(Serialize, ToSchema)]
pub struct ClientToken {
    /// Bearer access token (JWT), valid for `expires_in` seconds.
    pub access_token: String,
    #[schema(schema_with = bearer_schema)]
    pub token_type: &'static str,
    /// Access-token lifetime in seconds.
    #[schema(example = 900)]
    pub expires_in: u64,
}
