//! Access tokens: short-lived HS256 JWTs. Verification pins the algorithm and checks `iss`,
//! `aud` and `exp`; `alg: none`, another algorithm, a wrong key, audience or issuer, or an
//! expired token all fail. Both `iat` and the expiry check read the service's clock (passed in
//! as an instant), not the system's: jsonwebtoken's own `exp` check is off and done here.

use chrono::NaiveDateTime;
use jsonwebtoken::{decode, encode, Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

use crate::config::Secret;
use crate::domain::identity::Role;

pub const ISSUER: &str = "plate-permits";
pub const AUDIENCE: &str = "plate-permits-api";

/// Seconds a token is still accepted after its `exp` (clock skew between replicas).
const LEEWAY_SECS: i64 = 5;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Claims {
    /// User id.
    pub sub: String,
    pub role: Role,
    /// Organisation id.
    pub org: String,
    /// Session (login) id; revoking the session revokes its tokens.
    pub sid: String,
    pub iss: String,
    pub aud: String,
    pub iat: i64,
    pub exp: i64,
    pub jti: String,
}

#[derive(Clone)]
pub struct TokenKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    pub access_ttl_secs: u64,
}

impl TokenKeys {
    pub fn new(secret: &Secret, access_ttl_secs: u64) -> Self {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[ISSUER]);
        validation.set_audience(&[AUDIENCE]);
        validation.set_required_spec_claims(&["exp", "iss", "aud", "sub", "iat"]);
        // `exp` is required above and checked in `verify` against the service's clock.
        validation.validate_exp = false;
        TokenKeys {
            encoding: EncodingKey::from_secret(secret.expose().as_bytes()),
            decoding: DecodingKey::from_secret(secret.expose().as_bytes()),
            validation,
            access_ttl_secs,
        }
    }

    /// Issues an access token for a user's session, at `at`.
    pub fn issue(
        &self,
        user_id: &str,
        role: Role,
        org: &str,
        sid: &str,
        at: NaiveDateTime,
    ) -> Result<String, String> {
        let now = at.and_utc().timestamp();
        let claims = Claims {
            sub: user_id.to_owned(),
            role,
            org: org.to_owned(),
            sid: sid.to_owned(),
            iss: ISSUER.to_owned(),
            aud: AUDIENCE.to_owned(),
            iat: now,
            exp: now + self.access_ttl_secs as i64,
            jti: uuid::Uuid::new_v4().to_string(),
        };
        encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .map_err(|e| format!("token signing failed: {e}"))
    }

    /// Verifies a token and returns its claims, unless it had expired at `at`.
    pub fn verify(&self, token: &str, at: NaiveDateTime) -> Option<Claims> {
        decode::<Claims>(token, &self.decoding, &self.validation)
            .ok()
            .map(|d| d.claims)
            .filter(|c| c.exp + LEEWAY_SECS >= at.and_utc().timestamp())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine;

    fn keys() -> TokenKeys {
        TokenKeys::new(&Secret::new("k".repeat(40)), 900)
    }

    /// Nowruz 1405 began at 20:30 UTC on this day.
    fn at() -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 3, 20)
            .and_then(|d| d.and_hms_opt(20, 0, 0))
            .unwrap()
    }

    fn b64(s: &str) -> String {
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(s)
    }

    #[test]
    fn round_trip() {
        let k = keys();
        let t = k.issue("u1", Role::Agency, "o1", "s1", at()).unwrap();
        let c = k.verify(&t, at()).unwrap();
        assert_eq!(
            (c.sub.as_str(), c.role, c.sid.as_str()),
            ("u1", Role::Agency, "s1")
        );
        assert_eq!(c.iat, at().and_utc().timestamp());
    }

    #[test]
    fn a_token_expires_by_the_services_clock_not_the_systems() {
        let k = keys();
        let t = k.issue("u1", Role::Agency, "o1", "s1", at()).unwrap();
        let later = |s: i64| at() + chrono::TimeDelta::seconds(s);
        assert!(k.verify(&t, later(900 + LEEWAY_SECS)).is_some());
        assert!(k.verify(&t, later(900 + LEEWAY_SECS + 1)).is_none());
    }

    #[test]
    fn forged_tokens_fail() {
        let k = keys();
        let at = at();
        let now = at.and_utc().timestamp();
        let payload = serde_json::json!({
            "sub": "u1", "role": "admin", "org": "o1", "sid": "s1", "iss": ISSUER,
            "aud": AUDIENCE, "iat": now, "exp": now + 600, "jti": "x"
        })
        .to_string();
        // alg: none
        let none = format!(
            "{}.{}.",
            b64(r#"{"alg":"none","typ":"JWT"}"#),
            b64(&payload)
        );
        assert!(k.verify(&none, at).is_none());
        // another key
        let other = TokenKeys::new(&Secret::new("z".repeat(40)), 900);
        assert!(k
            .verify(&other.issue("u1", Role::Admin, "o", "s", at).unwrap(), at)
            .is_none());
        // another algorithm (HS512 with the same secret)
        let claims: Claims = serde_json::from_str(&payload).unwrap();
        let hs512 = encode(
            &Header::new(Algorithm::HS512),
            &claims,
            &EncodingKey::from_secret("k".repeat(40).as_bytes()),
        )
        .unwrap();
        assert!(k.verify(&hs512, at).is_none());
        // wrong audience / issuer / expired
        for (field, value) in [
            ("aud", serde_json::json!("someone-else")),
            ("iss", serde_json::json!("evil")),
            ("exp", serde_json::json!(now - 3600)),
        ] {
            let mut c: serde_json::Value = serde_json::from_str(&payload).unwrap();
            c[field] = value;
            let t = encode(
                &Header::new(Algorithm::HS256),
                &c,
                &EncodingKey::from_secret("k".repeat(40).as_bytes()),
            )
            .unwrap();
            assert!(k.verify(&t, at).is_none(), "{field}");
        }
        assert!(k.verify("garbage", at).is_none());
    }
}
