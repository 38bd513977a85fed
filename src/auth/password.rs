//! Password hashing (argon2id, OWASP parameters) and generation of temporary passwords.
//! Hashing is CPU-heavy: call these from blocking threads (`web::block`), never from async code.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use rand::distributions::Slice;
use rand::rngs::OsRng;
use rand::Rng;

/// OWASP's minimum for argon2id: m = 19 MiB, t = 2, p = 1.
fn hasher() -> Argon2<'static> {
    let params = match Params::new(19_456, 2, 1, None) {
        Ok(p) => p,
        Err(_) => Params::default(),
    };
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Hashes a password into a PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`).
pub fn hash(password: &str) -> Result<String, String> {
    let salt = SaltString::generate(&mut OsRng);
    hasher()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| format!("password hashing failed: {e}"))
}

/// Verifies a password against a stored PHC string. A malformed hash never verifies.
pub fn verify(password: &str, phc: &str) -> bool {
    match PasswordHash::new(phc) {
        Ok(parsed) => hasher()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    }
}

/// Spends the same time as a real verification, for unknown usernames, so that response times
/// do not tell which usernames exist.
pub fn verify_dummy(password: &str) {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let phc = DUMMY.get_or_init(|| hash("dummy-password-for-timing").unwrap_or_default());
    let _ = verify(password, phc);
}

/// Characters for generated passwords: no look-alikes (0/O, 1/l/I).
const ALPHABET: &[char] = &[
    'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'j', 'k', 'm', 'n', 'p', 'q', 'r', 's', 't', 'u', 'v',
    'w', 'x', 'y', 'z', 'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'J', 'K', 'L', 'M', 'N', 'P', 'Q',
    'R', 'S', 'T', 'U', 'V', 'W', 'X', 'Y', 'Z', '2', '3', '4', '5', '6', '7', '8', '9',
];

/// A random 16-character temporary password (about 92 bits).
pub fn generate_temporary() -> String {
    let Ok(dist) = Slice::new(ALPHABET) else {
        return uuid::Uuid::new_v4().simple().to_string();
    };
    OsRng.sample_iter(&dist).take(16).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_and_verify() {
        let h = hash("correct horse battery").unwrap();
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{h}");
        assert!(verify("correct horse battery", &h));
        assert!(!verify("wrong horse battery", &h));
        assert!(!verify("anything", "not-a-hash"));
    }

    #[test]
    fn temporary_passwords_are_long_and_distinct() {
        let a = generate_temporary();
        let b = generate_temporary();
        assert_eq!(a.chars().count(), 16);
        assert_ne!(a, b);
        assert!(a.chars().all(|c| ALPHABET.contains(&c)));
    }
}
