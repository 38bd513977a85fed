//! Service accounts (machine clients): their credentials row, the administrator's inputs and
//! their validated forms, the view, and the client id and secret themselves.
//!
//! A service account is a principal: its `users` row (same id, see `auth::model::UserRow`)
//! carries the name (`full_name`), role, organisation and `disabled` flag, so that role checks,
//! agency scoping, request history and the session gate treat it as a user of its role. Its
//! `service_accounts` row ([`ServiceAccountRow`]) holds the client id and the secret hashes.

use base64::Engine;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use rand::RngCore;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use utoipa::ToSchema;

use crate::auth::model::UserRow;
use crate::db::schema::service_accounts;
use crate::domain::identity::{OrgKind, Role};
use crate::error::{ApiError, FieldIssue};
use crate::validate::Issues;

/// What the `password_hash` of a service account's `users` row holds: not a PHC string, so no
/// password ever verifies against it and the account cannot sign in at `/auth/login`.
pub const NO_PASSWORD: &str = "!service-account";

/// The roles a service account may have: the systems that integrate are police systems, the
/// national vehicle system and the directorate's own; never `agency` or `admin`.
pub const ROLES: &[Role] = &[Role::Police, Role::Registry, Role::Directorate];

#[derive(Clone, Debug, Queryable, Selectable, Insertable)]
#[diesel(table_name = service_accounts)]
pub struct ServiceAccountRow {
    pub id: String,
    pub client_id: String,
    pub secret_hash: String,
    pub previous_secret_hash: Option<String>,
    pub previous_secret_expires_at: Option<NaiveDateTime>,
    pub secret_rotated_at: Option<NaiveDateTime>,
    pub last_used_at: Option<NaiveDateTime>,
    pub created_by: String,
    pub created_at: NaiveDateTime,
}

/// A service account as stored: its principal and its credentials.
#[derive(Clone, Debug)]
pub struct Account {
    pub user: UserRow,
    pub credentials: ServiceAccountRow,
}

// ---- client ids and secrets ---------------------------------------------------------------

fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    bytes
}

/// A new client id: `svc_` and 24 hex digits (96 random bits). Not a secret; it is also the
/// account's (unusable) username, so it fits `Username`.
pub fn new_client_id() -> String {
    format!("svc_{}", hex::encode(random_bytes::<12>()))
}

/// A new client secret: `pps_` and 256 random bits, base64url. Shown once.
pub fn new_client_secret() -> String {
    format!(
        "pps_{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(random_bytes::<32>())
    )
}

/// The stored form of a client secret: hex SHA-256.
///
/// Not argon2, on purpose: argon2's cost protects low-entropy human passwords from offline
/// guessing, but a client secret is 256 random bits, which no amount of guessing reaches, so a
/// plain cryptographic hash is as safe and costs microseconds instead of ~50 ms of CPU and
/// 19 MiB per token request (a machine may ask often). Not keyed with the token-signing secret
/// either, so that changing `JWT_SECRET` does not invalidate every client's secret. Refresh
/// tokens are stored the same way (`auth::sessions::hash_token`).
pub fn hash_secret(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

/// Compares two hashes in time independent of where they differ.
fn same_hash(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

impl ServiceAccountRow {
    /// Whether `secret` is the account's current secret, or its previous one while the
    /// rotation overlap lasts (until `previous_secret_expires_at`, exclusive).
    pub fn accepts(&self, secret: &str, now: NaiveDateTime) -> bool {
        let presented = hash_secret(secret);
        let current = same_hash(&presented, &self.secret_hash);
        let previous = match (&self.previous_secret_hash, self.previous_secret_expires_at) {
            (Some(hash), Some(until)) => now < until && same_hash(&presented, hash),
            _ => false,
        };
        current | previous
    }
}

// ---- inputs -------------------------------------------------------------------------------

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateServiceAccount {
    /// What the system is, as people read it in request histories (2–200 characters).
    #[schema(example = "سامانهٔ پلیس راهور تهران")]
    pub name: String,
    /// `police` (organisation of kind `police`), `registry` or `directorate` (organisation of
    /// kind `directorate`).
    pub role: Role,
    #[schema(format = Uuid)]
    pub organisation_id: String,
}

/// Fields an administrator may change. Disabling refuses the account's live tokens at once.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateServiceAccount {
    pub name: Option<String>,
    pub disabled: Option<bool>,
}

/// A `CreateServiceAccount` body with the kind of the organisation it names (`None`: no such
/// organisation), so that a role that does not fit is named with the other field issues.
pub struct CreateInput {
    pub body: CreateServiceAccount,
    pub organisation_kind: Option<OrgKind>,
}

/// A service account that passed validation.
pub struct NewServiceAccount {
    pub name: String,
    pub role: Role,
    pub organisation_id: String,
}

/// The changes of an `UpdateServiceAccount`, validated; `None` keeps the current value.
pub struct Changes {
    pub name: Option<String>,
    pub disabled: Option<bool>,
}

fn name(issues: &mut Issues, value: &str) -> String {
    issues.line("name", value, 2, 200)
}

fn placement_issues(issues: &mut Issues, role: Role, kind: Option<OrgKind>) {
    if !ROLES.contains(&role) {
        issues.push(FieldIssue::new(
            "role",
            "role_not_allowed",
            "حساب سامانه‌ای تنها یکی از نقش‌های پلیس راهور، سامانهٔ جامع خودرو یا کارشناس اداره کل را می‌پذیرد.",
            "A service account's role must be police, registry or directorate.",
        ));
        return;
    }
    match kind {
        None => issues.push(FieldIssue::new(
            "organisation_id",
            "unknown_organisation",
            "سازمان یافت نشد.",
            "No such organisation.",
        )),
        Some(k) if k != role.org_kind() => issues.push(FieldIssue::new(
            "role",
            "role_organisation_mismatch",
            "این نقش با نوع سازمان سازگار نیست.",
            format!(
                "Role '{role}' needs an organisation of kind '{}', not '{k}'.",
                role.org_kind()
            ),
        )),
        Some(_) => {}
    }
}

impl TryFrom<CreateInput> for NewServiceAccount {
    type Error = ApiError;

    /// 422 naming every invalid field.
    fn try_from(input: CreateInput) -> Result<Self, ApiError> {
        let body = input.body;
        let mut issues = Issues::new();
        let name = name(&mut issues, &body.name);
        placement_issues(&mut issues, body.role, input.organisation_kind);
        issues.finish()?;
        Ok(NewServiceAccount {
            name,
            role: body.role,
            organisation_id: body.organisation_id.trim().to_owned(),
        })
    }
}

impl TryFrom<UpdateServiceAccount> for Changes {
    type Error = ApiError;

    fn try_from(body: UpdateServiceAccount) -> Result<Self, ApiError> {
        let mut issues = Issues::new();
        let name = body.name.as_deref().map(|n| name(&mut issues, n));
        issues.finish()?;
        Ok(Changes {
            name,
            disabled: body.disabled,
        })
    }
}

// ---- the token endpoint -------------------------------------------------------------------

fn grant_type_schema() -> utoipa::openapi::schema::Object {
    crate::http::openapi::string_enum(
        "Always `client_credentials` (RFC 6749 §4.4).",
        &["client_credentials"],
    )
}

/// A client-credentials token request (RFC 6749 §4.4.2), as
/// `application/x-www-form-urlencoded` (the RFC's form) or `application/json`. The client
/// authenticates with HTTP Basic (`client_id:client_secret`, RFC 6749 §2.3.1) or with
/// `client_id` and `client_secret` here, never both. Unrecognised parameters are ignored
/// (RFC 6749 §3.2), `scope` among them: a token carries its account's role.
#[derive(Deserialize, ToSchema)]
pub struct ClientCredentialsRequest {
    #[schema(schema_with = grant_type_schema)]
    pub grant_type: String,
    /// With no HTTP Basic credentials: the client id.
    #[schema(example = "svc_4f1c2a9e0b7d3c5a8e6f1b2d")]
    pub client_id: Option<String>,
    /// With no HTTP Basic credentials: the client secret.
    #[schema(format = Password)]
    pub client_secret: Option<String>,
    /// Ignored (no scopes are defined).
    pub scope: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(secret: &str) -> ServiceAccountRow {
        let at = chrono::DateTime::from_timestamp(1_800_000_000, 0)
            .unwrap()
            .naive_utc();
        ServiceAccountRow {
            id: "a".into(),
            client_id: new_client_id(),
            secret_hash: hash_secret(secret),
            previous_secret_hash: None,
            previous_secret_expires_at: None,
            secret_rotated_at: None,
            last_used_at: None,
            created_by: "admin".into(),
            created_at: at,
        }
    }

    #[test]
    fn ids_and_secrets_have_their_shape() {
        let id = new_client_id();
        assert!(id.starts_with("svc_") && id.len() == 28, "{id}");
        assert!(crate::auth::model::Username::parse(&id).is_some());
        let secret = new_client_secret();
        assert!(secret.starts_with("pps_") && secret.len() == 47, "{secret}");
        assert_ne!(secret, new_client_secret());
        assert_eq!(hash_secret(&secret).len(), 64);
    }

    #[test]
    fn the_previous_secret_works_until_the_overlap_ends() {
        let mut r = row("new-secret");
        let now = r.created_at;
        assert!(r.accepts("new-secret", now));
        assert!(!r.accepts("old-secret", now));
        r.previous_secret_hash = Some(hash_secret("old-secret"));
        r.previous_secret_expires_at = Some(now + chrono::TimeDelta::hours(24));
        assert!(r.accepts("old-secret", now));
        assert!(r.accepts("old-secret", now + chrono::TimeDelta::hours(23)));
        assert!(!r.accepts("old-secret", now + chrono::TimeDelta::hours(24)));
        assert!(r.accepts("new-secret", now + chrono::TimeDelta::hours(48)));
        assert!(!r.accepts("", now));
    }
}
