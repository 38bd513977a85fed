//! Password hashing (argon2id, OWASP parameters) and generation of temporary passwords.
//! Hashing is CPU-heavy: call these from blocking threads (`web::block`), never from async code.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use rand::distributions::Slice;
use rand::rngs::OsRng;
use rand::Rng;

/// OWASP's minimum for argon2id: m = 19 MiB, t = 2, p = 1.
fn hasher() -> Argon2<'static> {
    let params = Params::new(19_456, 2, 1, None).unwrap_or_default();
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

pub const MIN_LEN: usize = 10;
pub const MAX_LEN: usize = 128;

/// The password policy: 10–128 characters, not the username, not the current password.
/// `field` names the JSON field in the error. `current_hash` is checked last (it is slow).
pub fn check_policy(
    field: &str,
    new_password: &str,
    username: &str,
    current_hash: Option<&str>,
) -> Result<(), crate::error::FieldIssue> {
    use crate::error::FieldIssue;
    let len = new_password.chars().count();
    if len < MIN_LEN {
        return Err(FieldIssue::new(
            field,
            "password_too_short",
            format!("گذرواژه باید دست‌کم {MIN_LEN} نویسه باشد."),
            format!("The password must be at least {MIN_LEN} characters."),
        ));
    }
    if len > MAX_LEN {
        return Err(FieldIssue::new(
            field,
            "password_too_long",
            format!("گذرواژه نباید بیش از {MAX_LEN} نویسه باشد."),
            format!("The password must be at most {MAX_LEN} characters."),
        ));
    }
    if new_password.trim().to_lowercase() == username.trim().to_lowercase() {
        return Err(FieldIssue::new(
            field,
            "password_equals_username",
            "گذرواژه نباید با نام کاربری یکسان باشد.",
            "The password must not equal the username.",
        ));
    }
    if let Some(hash) = current_hash {
        if verify(new_password, hash) {
            return Err(FieldIssue::new(
                field,
                "password_reused",
                "گذرواژهٔ جدید باید با گذرواژهٔ فعلی متفاوت باشد.",
                "The new password must differ from the current one.",
            ));
        }
    }
    Ok(())
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
    fn policy_table() {
        let h = hash("current-password-1").unwrap();
        for (pw, code) in [
            ("short", "password_too_short"),
            (&"x".repeat(129)[..], "password_too_long"),
            ("AliReza-Admin", "password_equals_username"),
            ("current-password-1", "password_reused"),
        ] {
            let err = check_policy("new_password", pw, "alireza-admin", Some(&h)).unwrap_err();
            assert_eq!(err.code, code, "{pw}");
            assert_eq!(err.field, "new_password");
        }
        assert!(check_policy("p", "a-fine-new-password", "ali", Some(&h)).is_ok());
        assert!(check_policy("p", &"y".repeat(128), "ali", None).is_ok());
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
