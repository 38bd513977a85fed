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
/// The zxcvbn score every password needs (4: at least 10^10 guesses)...
pub const STRONG_SCORE: zxcvbn::Score = zxcvbn::Score::Four;
/// ...or this score (3: 10^8 to 10^10 guesses) with at least [`LONG_LEN`] visible characters.
pub const LONG_SCORE: zxcvbn::Score = zxcvbn::Score::Three;
/// The length from which [`LONG_SCORE`] is enough (NIST SP 800-63B's and ASVS's 15).
pub const LONG_LEN: usize = 15;
/// The service's own words, which count against a password like the username does: its name,
/// what it handles, its organisations' kinds, the directorate's name (Latin transliterations
/// and Persian words) and the places its deployment and examples name.
pub const SERVICE_WORDS: &[&str] = &[
    "plate",
    "plates",
    "permit",
    "permits",
    "platepermits",
    "plate-permits",
    "plate_permits",
    "platepermit",
    "pelak",
    "mojavez",
    "admin",
    "administrator",
    "directorate",
    "registry",
    "police",
    "agency",
    "vehicle",
    "amval",
    "dolati",
    "edare",
    "owragh",
    "bahadar",
    "iran",
    "tehran",
    "tabriz",
    "sahand",
    "پلاک",
    "مجوز",
    "اداره",
    "اموال",
    "دولتی",
    "اوراق",
    "بهادار",
    "تهران",
    "ایران",
];
/// zxcvbn reads at most this many characters (its cost grows with the length; what follows
/// only adds strength).
const ESTIMATED_CHARS: usize = 100;

/// Characters that show nothing: zero-width spaces and joiners, bidi controls, the soft
/// hyphen, the BOM and other format characters. They are allowed (ZWNJ belongs in Persian
/// words) but do not count towards the length.
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}'
        | '\u{FFA0}' | '\u{FFF0}'..='\u{FFF8}' | '\u{E0000}'..='\u{E0FFF}')
}

/// The password policy (OWASP ASVS 5.0 V6.2): at least 10 visible characters after trimming
/// (invisible ones do not count; a password of only spaces or invisible characters is
/// refused as such), at most 128; not the username; a zxcvbn score of 4 (at least 10^10
/// guesses), or 3 (10^8–10^10) with at least 15 visible characters — zxcvbn's dictionaries
/// include the most common passwords, so a common password scores 0 or 1, and the username,
/// the organisation's name (`organisation`, when known) and the [`SERVICE_WORDS`] are given
/// to it as known words — and not the current password. `field` names the JSON field in the
/// error. `current_hash` is checked last (it is slow).
pub fn check_policy(
    field: &str,
    new_password: &str,
    username: &str,
    organisation: Option<&str>,
    current_hash: Option<&str>,
) -> Result<(), crate::error::FieldIssue> {
    use crate::error::FieldIssue;
    let trimmed = new_password.trim();
    let visible = check_length(field, new_password)?;
    if trimmed.to_lowercase() == username.trim().to_lowercase() {
        return Err(FieldIssue::new(
            field,
            "password_equals_username",
            "گذرواژه نباید با نام کاربری یکسان باشد.",
            "The password must not equal the username.",
        ));
    }
    if !strong_enough(trimmed, visible, username, organisation) {
        return Err(FieldIssue::new(
            field,
            "password_weak",
            "گذرواژه بسیار ساده یا رایج است و به‌آسانی حدس زده می‌شود؛ عبارتی بلندتر از چند واژهٔ نامرتبط برگزینید.",
            "The password is too simple or too common and easy to guess; choose a longer phrase of several unrelated words.",
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

/// The length rules (something visible, at least `MIN_LEN` visible characters, at most
/// `MAX_LEN`): the count of visible characters, or the rule broken.
fn check_length(field: &str, new_password: &str) -> Result<usize, crate::error::FieldIssue> {
    use crate::error::FieldIssue;
    let trimmed = new_password.trim();
    let visible = trimmed.chars().filter(|c| !is_invisible(*c)).count();
    if !trimmed
        .chars()
        .any(|c| !c.is_whitespace() && !is_invisible(c))
    {
        return Err(FieldIssue::new(
            field,
            "password_blank",
            "گذرواژه نباید تنها از فاصله یا نویسه‌های نامرئی تشکیل شده باشد.",
            "The password must not consist only of spaces or invisible characters.",
        ));
    }
    if visible < MIN_LEN {
        return Err(FieldIssue::new(
            field,
            "password_too_short",
            format!(
                "گذرواژه باید دست‌کم {MIN_LEN} نویسهٔ دیدنی (بدون فاصله‌های آغاز و پایان) داشته باشد."
            ),
            format!(
                "The password must have at least {MIN_LEN} visible characters (leading and trailing spaces do not count)."
            ),
        ));
    }
    if new_password.chars().count() > MAX_LEN {
        return Err(FieldIssue::new(
            field,
            "password_too_long",
            format!("گذرواژه نباید بیش از {MAX_LEN} نویسه باشد."),
            format!("The password must be at most {MAX_LEN} characters."),
        ));
    }
    Ok(visible)
}

/// The words zxcvbn is told about: the username (whole and in its parts), the organisation's
/// name (whole and word by word) and the service's words.
fn known_words(username: &str, organisation: Option<&str>) -> Vec<String> {
    let mut words: Vec<String> = SERVICE_WORDS.iter().map(|w| (*w).to_owned()).collect();
    let mut add = |text: &str| {
        let text = text.trim().to_lowercase();
        if text.is_empty() {
            return;
        }
        for part in text.split(|c: char| !c.is_alphanumeric()) {
            if part.chars().count() >= 3 {
                words.push(part.to_owned());
            }
        }
        words.push(text);
    };
    add(username);
    if let Some(name) = organisation {
        add(name);
    }
    words
}

/// Score 4, or score 3 with at least [`LONG_LEN`] visible characters.
fn strong_enough(
    trimmed: &str,
    visible: usize,
    username: &str,
    organisation: Option<&str>,
) -> bool {
    let estimated: String = trimmed.chars().take(ESTIMATED_CHARS).collect();
    let words = known_words(username, organisation);
    let inputs: Vec<&str> = words.iter().map(String::as_str).collect();
    let score = zxcvbn::zxcvbn(&estimated, &inputs).score();
    score >= STRONG_SCORE || (score >= LONG_SCORE && visible >= LONG_LEN)
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
        let h = hash("violet tractor mirrors Qom 1403").unwrap();
        let long_strong = "quiet harbour lanterns ".repeat(6);
        for (pw, code) in [
            ("short", "password_too_short"),
            (&"x".repeat(129)[..], "password_too_long"),
            ("AliReza-Admin", "password_equals_username"),
            ("violet tractor mirrors Qom 1403", "password_reused"),
            ("          ", "password_blank"),
            (
                "\u{200B}\u{200B}\u{200B}\u{200B}\u{200B}\u{200B}\u{200B}\u{200B}\u{200B}\u{200B}",
                "password_blank",
            ),
            (
                "\u{200B} \u{FEFF}\u{2060}\u{200D} \u{200C}\u{200B}\u{200B}\u{200B}",
                "password_blank",
            ),
            (
                "  abc\u{200B}\u{200B}\u{200B}\u{200B}\u{200B}\u{200B}\u{200B}def  ",
                "password_too_short",
            ),
            ("aaaaaaaaaa", "password_weak"),
            ("1234567890", "password_weak"),
            ("password123", "password_weak"),
            ("qwertyuiop", "password_weak"),
            ("alireza-admin-1", "password_weak"),
        ] {
            let err =
                check_policy("new_password", pw, "alireza-admin", None, Some(&h)).unwrap_err();
            assert_eq!(err.code, code, "{pw:?}");
            assert_eq!(err.field, "new_password");
        }
        assert!(check_policy(
            "p",
            "a fine new passphrase for Tabriz",
            "ali",
            None,
            Some(&h)
        )
        .is_ok());
        assert!(check_policy("p", "کاروان سپید از تبریز گذشت", "ali", None, None).is_ok());
        assert!(check_policy("p", &long_strong[..128], "ali", None, None).is_ok());
    }

    #[test]
    fn the_service_s_words_and_the_organisation_count_against_a_password() {
        for pw in [
            "platepermits1",
            "plate-permits-2024",
            "Tehran1403!",
            "Sahand2024!",
            "PlatePermits2026",
        ] {
            let err = check_policy("password", pw, "m.rahimi", None, None).unwrap_err();
            assert_eq!(err.code, "password_weak", "{pw:?}");
        }
        // The organisation's name counts like the username does.
        let org = "Rahvar Behbood Logistics";
        for pw in ["RahvarBehbood7", "Behbood-Rahvar"] {
            assert!(
                check_policy("p", pw, "m.rahimi", None, None).is_ok(),
                "{pw}"
            );
            let err = check_policy("p", pw, "m.rahimi", Some(org), None).unwrap_err();
            assert_eq!(err.code, "password_weak", "{pw:?}");
        }
        // Score 3 needs 15 characters; long passphrases and random temporaries pass.
        for pw in [
            "violet tractor mirrors over Sahand",
            "a fine new passphrase for Tabriz",
            "quiet harbour lanterns drift",
        ] {
            assert!(
                check_policy("p", pw, "m.rahimi", Some(org), None).is_ok(),
                "{pw}"
            );
        }
        for _ in 0..20 {
            let t = generate_temporary();
            assert!(
                check_policy("p", &t, "m.rahimi", Some(org), None).is_ok(),
                "{t}"
            );
        }
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
