//! Subscription secrets: generated as `whsec_<base64>`, stored encrypted (ChaCha20-Poly1305 with
//! a key derived from the token-signing secret, which lives in configuration or `DATA_DIR`, not
//! in the database), and used for Standard Webhooks signatures.

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::config::Secret;

#[derive(Clone)]
pub struct SecretBox {
    cipher: ChaCha20Poly1305,
}

impl SecretBox {
    pub fn new(master: &Secret) -> Self {
        let mut h = Sha256::new();
        h.update(b"plate-permits webhook secrets v1\0");
        h.update(master.expose().as_bytes());
        let key = h.finalize();
        SecretBox {
            cipher: ChaCha20Poly1305::new(&Key::from(<[u8; 32]>::from(key))),
        }
    }

    pub fn seal(&self, plain: &str) -> Result<String, String> {
        let mut nonce = [0u8; 12];
        rand::rngs::OsRng.fill_bytes(&mut nonce);
        let ct = self
            .cipher
            .encrypt(&Nonce::from(nonce), plain.as_bytes())
            .map_err(|_| "encryption failed".to_owned())?;
        let mut out = nonce.to_vec();
        out.extend(ct);
        Ok(B64.encode(out))
    }

    pub fn open(&self, sealed: &str) -> Result<String, String> {
        let raw = B64
            .decode(sealed)
            .map_err(|_| "bad sealed secret".to_owned())?;
        if raw.len() < 13 {
            return Err("bad sealed secret".into());
        }
        let (nonce, ct) = raw.split_at(12);
        let mut n = [0u8; 12];
        n.copy_from_slice(nonce);
        let plain = self
            .cipher
            .decrypt(&Nonce::from(n), ct)
            .map_err(|_| "cannot decrypt secret (was the key changed?)".to_owned())?;
        String::from_utf8(plain).map_err(|_| "bad secret".into())
    }
}

/// A new subscription secret, `whsec_` and 24 random bytes in base64.
pub fn generate_secret() -> String {
    let mut bytes = [0u8; 24];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    format!("whsec_{}", B64.encode(bytes))
}

/// `v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">`, keyed by the secret's bytes.
pub fn sign(secret: &str, id: &str, timestamp: i64, body: &str) -> Result<String, String> {
    let key = B64
        .decode(secret.strip_prefix("whsec_").unwrap_or(secret))
        .map_err(|_| "bad secret".to_owned())?;
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&key).map_err(|_| "bad key".to_owned())?;
    mac.update(format!("{id}.{timestamp}.{body}").as_bytes());
    Ok(format!("v1,{}", B64.encode(mac.finalize().into_bytes())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seal_open_and_sign() {
        let b = SecretBox::new(&Secret::new("m".repeat(40)));
        let s = generate_secret();
        let sealed = b.seal(&s).unwrap();
        assert!(!sealed.contains(&s));
        assert_eq!(b.open(&sealed).unwrap(), s);
        let other = SecretBox::new(&Secret::new("n".repeat(40)));
        assert!(other.open(&sealed).is_err());
        // Standard Webhooks' published example.
        let sig = sign(
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            "msg_p5jXN8AQM9LWM0D4loKWxJek",
            1614265330,
            r#"{"test": 2432232314}"#,
        )
        .unwrap();
        assert_eq!(sig, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }
}
