//! The permit-signing keys: Ed25519 signatures over a permit's key facts, carried by the
//! printed permit's QR code, so that a police app holding the public keys can check a paper
//! with no network, and the verification page can say whether the paper was altered.
//!
//! - **Storage**: `DATA_DIR/permit-signing-keys.json` (mode 0600), created at first start as the
//!   token secret is (`auth::keys`), kept in backups (`secrets/permit-signing-keys.json`). Each
//!   key: `id`, `secret_key` (the 32-byte Ed25519 seed, base64url without padding),
//!   `public_key` (32 bytes, base64url), `created_at`, `retired_at`.
//! - **Rotation**: `plate-permits rotate-signing-key` adds a new key and retires the active
//!   one; retired keys stay in the file and keep verifying the permits they signed. A running
//!   service notices the file changed (its modification time) at its next signature or check.
//! - **Key id**: the first 6 bytes of SHA-256 of the raw public key, base64url (8 characters).
//! - **Message** (UTF-8): `PP1|<permit_number>|<plate>|<valid_until>`, the 12 ASCII digits of
//!   the permit number, the canonical plate (`12الف345-67`) and `valid_until` in UTC as
//!   `YYYY-MM-DDTHH:MM:SSZ`.
//! - **URL**: `PUBLIC_BASE_URL/api/v1/permits/verify/<permit_number>?p=<plate>&u=<valid_until>&k=<key id>&s=<signature>`,
//!   query values form-urlencoded, the 64-byte signature base64url without padding.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::RwLock;
use std::time::SystemTime;

use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use base64::Engine;
use chrono::{DateTime, NaiveDateTime, Utc};
use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use utoipa::ToSchema;

use crate::clock::{utc, Clock};
use crate::config::Config;

/// The key file in `DATA_DIR`.
pub const KEYS_FILE: &str = "permit-signing-keys.json";
/// The first field of every signed message: the format's name and version.
pub const FORMAT_TAG: &str = "PP1";

#[derive(Clone, Serialize, Deserialize)]
struct StoredKey {
    id: String,
    secret_key: String,
    public_key: String,
    created_at: DateTime<Utc>,
    retired_at: Option<DateTime<Utc>>,
}

#[derive(Default, Serialize, Deserialize)]
struct KeyFile {
    keys: Vec<StoredKey>,
}

struct Key {
    id: String,
    signing: SigningKey,
    created_at: DateTime<Utc>,
    retired_at: Option<DateTime<Utc>>,
}

struct Loaded {
    modified: Option<Stamp>,
    keys: Vec<Key>,
}

/// The service's signing keys (registered beside the application state).
pub struct PermitSigner {
    path: PathBuf,
    loaded: RwLock<Loaded>,
}

/// A published public key.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct PublicKeyView {
    /// 8 characters: base64url of the first 6 bytes of SHA-256 of the raw public key.
    #[schema(example = "q3Xv0b1T")]
    pub key_id: String,
    /// The raw 32-byte Ed25519 public key, base64url without padding.
    #[schema(example = "Wq5uI3aTzW3l4z1H2Lr8v9CkRkq0lP3sQ7pQ3D0cJzM")]
    pub public_key: String,
    pub created_at: DateTime<Utc>,
    /// When it stopped signing (a rotation); it still verifies what it signed.
    pub retired_at: Option<DateTime<Utc>>,
    /// `active` (signs new permits) or `retired`.
    #[schema(example = "active")]
    pub status: &'static str,
}

/// The facts a permit's signature covers.
pub struct Facts<'a> {
    pub permit_number: &'a str,
    /// Canonical, `12الف345-67`.
    pub plate: &'a str,
    /// UTC.
    pub valid_until: NaiveDateTime,
}

/// `valid_until` as signed: UTC, whole seconds, `2026-11-25T20:29:59Z`.
pub fn format_instant(at: NaiveDateTime) -> String {
    at.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// Parses [`format_instant`]'s form.
pub fn parse_instant(s: &str) -> Option<NaiveDateTime> {
    if s.len() != 20 {
        return None;
    }
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%SZ").ok()
}

/// The signed message: `PP1|<permit_number>|<plate>|<valid_until>`.
pub fn message(f: &Facts<'_>) -> String {
    format!(
        "{FORMAT_TAG}|{}|{}|{}",
        f.permit_number,
        f.plate,
        format_instant(f.valid_until)
    )
}

/// The key id of a public key.
pub fn key_id(public: &VerifyingKey) -> String {
    B64.encode(&Sha256::digest(public.as_bytes())[..6])
}

/// What a check of a signature found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SignatureCheck {
    /// The URL carries no signature (a number typed by hand).
    Absent,
    /// A listed key signed exactly these facts.
    Valid { key_id: String },
    /// Malformed, an unknown key, or the facts were altered.
    Invalid,
}

impl SignatureCheck {
    pub fn as_str(&self) -> &'static str {
        match self {
            SignatureCheck::Absent => "absent",
            SignatureCheck::Valid { .. } => "valid",
            SignatureCheck::Invalid => "invalid",
        }
    }
}

/// What tells a changed key file: its modification time, size and (on Unix) inode — a
/// rotation renames a new file over the old one.
type Stamp = (SystemTime, u64, u64);

fn modified(path: &Path) -> Option<Stamp> {
    let m = fs::metadata(path).ok()?;
    #[cfg(unix)]
    let ino = std::os::unix::fs::MetadataExt::ino(&m);
    #[cfg(not(unix))]
    let ino = 0;
    Some((m.modified().ok()?, m.len(), ino))
}

fn read_file(path: &Path) -> Result<Option<KeyFile>, String> {
    match fs::read_to_string(path) {
        Ok(s) => serde_json::from_str(&s)
            .map(Some)
            .map_err(|e| format!("{}: not a key file: {e}", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(format!("cannot read {}: {e}", path.display())),
    }
}

fn decode_keys(file: &KeyFile, path: &Path) -> Result<Vec<Key>, String> {
    file.keys
        .iter()
        .map(|k| {
            let seed: [u8; 32] = B64
                .decode(&k.secret_key)
                .ok()
                .and_then(|b| b.try_into().ok())
                .ok_or_else(|| format!("{}: key {}: bad secret_key", path.display(), k.id))?;
            let signing = SigningKey::from_bytes(&seed);
            if B64.encode(signing.verifying_key().as_bytes()) != k.public_key
                || key_id(&signing.verifying_key()) != k.id
            {
                return Err(format!(
                    "{}: key {}: public_key or id does not match secret_key",
                    path.display(),
                    k.id
                ));
            }
            Ok(Key {
                id: k.id.clone(),
                signing,
                created_at: k.created_at,
                retired_at: k.retired_at,
            })
        })
        .collect()
}

fn new_key(at: DateTime<Utc>) -> StoredKey {
    let mut seed = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut seed);
    let signing = SigningKey::from_bytes(&seed);
    let public = signing.verifying_key();
    StoredKey {
        id: key_id(&public),
        secret_key: B64.encode(seed),
        public_key: B64.encode(public.as_bytes()),
        created_at: at,
        retired_at: None,
    }
}

/// Writes `file` to `path` with mode 0600: a new file beside it, synced, renamed over it.
fn write_file(path: &Path, file: &KeyFile) -> Result<(), String> {
    let text = serde_json::to_string_pretty(file).map_err(|e| e.to_string())?;
    let dir = path.parent().unwrap_or(Path::new("."));
    crate::private_fs::create_dir_all(dir)
        .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let tmp = path.with_extension("json.new");
    let _ = fs::remove_file(&tmp);
    let write = || -> std::io::Result<()> {
        let mut f = crate::private_fs::create_new(&tmp)?;
        f.write_all(text.as_bytes())?;
        f.sync_all()?;
        fs::rename(&tmp, path)
    };
    write().map_err(|e| format!("cannot write {}: {e}", path.display()))
}

impl PermitSigner {
    /// The keys in `DATA_DIR`, creating the first one when there is none.
    pub fn load_or_create(config: &Config, clock: &Clock) -> Result<Self, String> {
        let path = config.data_path(KEYS_FILE);
        let file = match read_file(&path)? {
            Some(f) if !f.keys.is_empty() => f,
            _ => {
                let file = KeyFile {
                    keys: vec![new_key(utc(clock.now()))],
                };
                write_file(&path, &file)?;
                tracing::info!("generated a new permit-signing key in DATA_DIR");
                file
            }
        };
        let keys = decode_keys(&file, &path)?;
        Ok(PermitSigner {
            loaded: RwLock::new(Loaded {
                modified: modified(&path),
                keys,
            }),
            path,
        })
    }

    /// Re-reads the key file when it changed since it was read (a rotation by the CLI).
    fn refresh(&self) {
        let now = modified(&self.path);
        let stale = self
            .loaded
            .read()
            .map(|l| l.modified != now)
            .unwrap_or(false);
        if !stale {
            return;
        }
        match read_file(&self.path).and_then(|f| {
            let f = f.ok_or_else(|| "the key file is gone".to_owned())?;
            decode_keys(&f, &self.path)
        }) {
            Ok(keys) if !keys.is_empty() => {
                if let Ok(mut l) = self.loaded.write() {
                    *l = Loaded {
                        modified: now,
                        keys,
                    };
                }
            }
            Ok(_) => tracing::warn!("permit-signing key file has no key; keeping the loaded keys"),
            Err(e) => tracing::warn!(error = %e, "permit-signing keys not reloaded"),
        }
    }

    /// Signs `facts` with the active key: `(key id, signature base64url)`.
    pub fn sign(&self, facts: &Facts<'_>) -> Option<(String, String)> {
        self.refresh();
        let loaded = self.loaded.read().ok()?;
        let key = loaded
            .keys
            .iter()
            .rev()
            .find(|k| k.retired_at.is_none())
            .or_else(|| loaded.keys.last())?;
        let sig = key.signing.sign(message(facts).as_bytes());
        Some((key.id.clone(), B64.encode(sig.to_bytes())))
    }

    /// Checks `signature` (base64url) by key `key_id` over `facts`.
    pub fn check(&self, facts: &Facts<'_>, key_id: &str, signature: &str) -> SignatureCheck {
        self.refresh();
        let Some(sig) = B64
            .decode(signature)
            .ok()
            .and_then(|b| <[u8; 64]>::try_from(b).ok())
            .map(|b| Signature::from_bytes(&b))
        else {
            return SignatureCheck::Invalid;
        };
        let Ok(loaded) = self.loaded.read() else {
            return SignatureCheck::Invalid;
        };
        let Some(key) = loaded.keys.iter().find(|k| k.id == key_id) else {
            return SignatureCheck::Invalid;
        };
        match key
            .signing
            .verifying_key()
            .verify(message(facts).as_bytes(), &sig)
        {
            Ok(()) => SignatureCheck::Valid {
                key_id: key.id.clone(),
            },
            Err(_) => SignatureCheck::Invalid,
        }
    }

    /// Every key, oldest first.
    pub fn public_keys(&self) -> Vec<PublicKeyView> {
        self.refresh();
        let Ok(loaded) = self.loaded.read() else {
            return Vec::new();
        };
        loaded
            .keys
            .iter()
            .map(|k| PublicKeyView {
                key_id: k.id.clone(),
                public_key: B64.encode(k.signing.verifying_key().as_bytes()),
                created_at: k.created_at,
                retired_at: k.retired_at,
                status: if k.retired_at.is_none() {
                    "active"
                } else {
                    "retired"
                },
            })
            .collect()
    }

    /// The public verification URL of a permit, signed: what the printed QR code carries.
    pub fn signed_url(&self, public_base_url: &str, facts: &Facts<'_>) -> String {
        let base = unsigned_url(public_base_url, facts.permit_number);
        let Some((kid, sig)) = self.sign(facts) else {
            return base;
        };
        let query = url::form_urlencoded::Serializer::new(String::new())
            .append_pair("p", facts.plate)
            .append_pair("u", &format_instant(facts.valid_until))
            .append_pair("k", &kid)
            .append_pair("s", &sig)
            .finish();
        format!("{base}?{query}")
    }
}

/// The public verification URL of a permit number, without a signature.
pub fn unsigned_url(public_base_url: &str, permit_number: &str) -> String {
    format!(
        "{}/api/v1/permits/verify/{permit_number}",
        public_base_url.trim_end_matches('/')
    )
}

/// `plate-permits rotate-signing-key`: a new active key; the active one retired (kept, still
/// verifying). Returns the new key's id and the retired ones'.
pub fn rotate(config: &Config, clock: &Clock) -> Result<(String, Vec<String>), String> {
    let path = config.data_path(KEYS_FILE);
    let mut file = read_file(&path)?.unwrap_or_default();
    decode_keys(&file, &path)?;
    let now = utc(clock.now());
    let mut retired = Vec::new();
    for k in file.keys.iter_mut().filter(|k| k.retired_at.is_none()) {
        k.retired_at = Some(now);
        retired.push(k.id.clone());
    }
    let key = new_key(now);
    let id = key.id.clone();
    file.keys.push(key);
    write_file(&path, &file)?;
    Ok((id, retired))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(dir: &Path) -> Config {
        let mut c = Config::defaults();
        c.data_dir = dir.to_path_buf();
        c
    }

    fn facts() -> Facts<'static> {
        Facts {
            permit_number: "731904552817",
            plate: "12الف345-67",
            valid_until: NaiveDateTime::parse_from_str("2026-11-25 20:29:59", "%Y-%m-%d %H:%M:%S")
                .unwrap_or_default(),
        }
    }

    #[test]
    fn the_message_is_the_documented_one() {
        assert_eq!(
            message(&facts()),
            "PP1|731904552817|12الف345-67|2026-11-25T20:29:59Z"
        );
        assert_eq!(
            parse_instant("2026-11-25T20:29:59Z"),
            Some(facts().valid_until)
        );
        assert_eq!(parse_instant("2026-11-25T20:29:59.5Z"), None);
    }

    #[test]
    fn created_once_signs_checks_and_rotates() {
        let dir = tempfile::tempdir().unwrap();
        let c = config(dir.path());
        let clock = Clock::fixed(facts().valid_until, chrono_tz::Asia::Tehran);
        let signer = PermitSigner::load_or_create(&c, &clock).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(c.data_path(KEYS_FILE))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let (kid, sig) = signer.sign(&facts()).unwrap();
        assert_eq!(kid.len(), 8);
        assert_eq!(
            signer.check(&facts(), &kid, &sig),
            SignatureCheck::Valid {
                key_id: kid.clone()
            }
        );
        let tampered = Facts {
            plate: "12الف346-67",
            ..facts()
        };
        assert_eq!(signer.check(&tampered, &kid, &sig), SignatureCheck::Invalid);
        assert_eq!(
            signer.check(&facts(), "nokey123", &sig),
            SignatureCheck::Invalid
        );
        assert_eq!(signer.check(&facts(), &kid, "!!"), SignatureCheck::Invalid);
        // Loaded again: the same key.
        let again = PermitSigner::load_or_create(&c, &clock).unwrap();
        assert_eq!(again.public_keys().len(), 1);
        // Rotated: a new active key, the old one retired and still verifying.
        std::thread::sleep(std::time::Duration::from_millis(20));
        let (new_id, retired) = rotate(&c, &clock).unwrap();
        assert_eq!(retired, vec![kid.clone()]);
        let keys = signer.public_keys();
        assert_eq!(keys.len(), 2, "the running signer re-reads the file");
        assert_eq!(keys[0].status, "retired");
        assert_eq!(keys[1].status, "active");
        assert_eq!(keys[1].key_id, new_id);
        assert_eq!(
            signer.check(&facts(), &kid, &sig),
            SignatureCheck::Valid { key_id: kid }
        );
        assert_eq!(signer.sign(&facts()).unwrap().0, new_id);
    }

    #[test]
    fn the_url_carries_the_facts_and_the_signature() {
        let dir = tempfile::tempdir().unwrap();
        let c = config(dir.path());
        let clock = Clock::fixed(facts().valid_until, chrono_tz::Asia::Tehran);
        let signer = PermitSigner::load_or_create(&c, &clock).unwrap();
        let url = signer.signed_url("https://example.ir/plates/", &facts());
        assert!(
            url.starts_with("https://example.ir/plates/api/v1/permits/verify/731904552817?p=12%D8%A7%D9%84%D9%81345-67&u=2026-11-25T20%3A29%3A59Z&k="),
            "{url}"
        );
    }
}
