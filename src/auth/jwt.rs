//! Access tokens: short-lived HS256 JWTs. Verification pins the algorithm and checks `iss`,
//! `aud` and `exp`; `alg: none`, another algorithm, a wrong key, audience or issuer, or an
//! expired token all fail.

use jsonwebtoken::{decode, encode, Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

use crate::config::Secret;
use crate::domain::identity::Role;

pub const ISSUER: &str = "plate-permits";
pub const AUDIENCE: &str = "plate-permits-api";

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
        validation.leeway = 5;
        validation.validate_exp = true;
        TokenKeys {
            encoding: EncodingKey::from_secret(secret.expose().as_bytes()),
            decoding: DecodingKey::from_secret(secret.expose().as_bytes()),
            validation,
            access_ttl_secs,
        }
    }

    /// Issues an access token for a user's session.
    pub fn issue(&self, user_id: &str, role: Role, org: &str, sid: &str) -> Result<String, String> {
        let now = chrono::Utc::now().timestamp();
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

    /// Verifies a token and returns its claims.
    pub fn verify(&self, token: &str) -> Option<Claims> {
        decode::<Claims>(token, &self.decoding, &self.validation)
            .ok()
            .map(|d| d.claims)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine;

    fn keys() -> TokenKeys {
        TokenKeys::new(&Secret::new("k".repeat(40)), 900)
    }

    fn b64(s: &str) -> String {
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(s)
    }

    #[test]
    fn round_trip() {
        let k = keys();
        let t = k.issue("u1", Role::Agency, "o1", "s1").unwrap();
        let c = k.verify(&t).unwrap();
        assert_eq!(
            (c.sub.as_str(), c.role, c.sid.as_str()),
            ("u1", Role::Agency, "s1")
        );
    }

    #[test]
    fn forged_tokens_fail() {
        let k = keys();
        let now = chrono::Utc::now().timestamp();
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
        assert!(k.verify(&none).is_none());
        // another key
        let other = TokenKeys::new(&Secret::new("z".repeat(40)), 900);
        assert!(k
            .verify(&other.issue("u1", Role::Admin, "o", "s").unwrap())
            .is_none());
        // another algorithm (HS512 with the same secret)
        let claims: Claims = serde_json::from_str(&payload).unwrap();
        let hs512 = encode(
            &Header::new(Algorithm::HS512),
            &claims,
            &EncodingKey::from_secret("k".repeat(40).as_bytes()),
        )
        .unwrap();
        assert!(k.verify(&hs512).is_none());
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
            assert!(k.verify(&t).is_none(), "{field}");
        }
        assert!(k.verify("garbage").is_none());
    }
}
