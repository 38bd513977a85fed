//! The backup-signing key: HMAC-SHA256 over an archive's manifest, so that an archive changed
//! by anyone without the key (an added administrator, a dropped audit trigger, deleted audit
//! rows, a replaced sum) is refused by `verify-backup` and `restore`.
//!
//! The key is never in an archive. It lives in `BACKUP_SIGNING_KEY_FILE`, else
//! `DATA_DIR/backup-signing-key` (generated 0600 at first start, beside the other keys): at
//! least 32 random bytes, base64.

use std::io::Write;
use std::path::Path;

use base64::Engine;
use hmac::{Hmac, Mac};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::config::Config;

use super::{fail, BackupError};

/// The file name of the default key in `DATA_DIR` (a restore leaves it there).
pub const DEFAULT_FILE: &str = "backup-signing-key";
pub const ALGORITHM: &str = "HMAC-SHA256";

type HmacSha256 = Hmac<Sha256>;

/// A loaded backup-signing key.
pub struct BackupKey {
    bytes: Vec<u8>,
    /// A fingerprint naming the key (not the key): the first 16 hex digits of a SHA-256.
    pub id: String,
}

/// `manifest.sig`: the signature of the manifest's exact bytes.
#[derive(Debug, Serialize, Deserialize)]
pub struct Signature {
    pub algorithm: String,
    pub key_id: String,
    /// Hex HMAC-SHA256 of `manifest.json`'s bytes.
    pub signature: String,
}

impl BackupKey {
    fn from_text(text: &str, path: &Path) -> Result<Self, String> {
        let t = text.trim();
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(t)
            .or_else(|_| base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(t))
            .map_err(|_| format!("{}: not base64", path.display()))?;
        if bytes.len() < 32 {
            return Err(format!(
                "{}: holds {} bytes; a backup-signing key needs at least 32",
                path.display(),
                bytes.len()
            ));
        }
        let mut h = Sha256::new();
        h.update(b"plate-permits backup key id\0");
        h.update(&bytes);
        let id = hex::encode(h.finalize())[..16].to_owned();
        Ok(BackupKey { bytes, id })
    }

    fn mac(&self) -> HmacSha256 {
        // HMAC takes a key of any length.
        match HmacSha256::new_from_slice(&self.bytes) {
            Ok(m) => m,
            Err(_) => unreachable!("HMAC accepts every key length"),
        }
    }

    pub fn sign(&self, manifest: &[u8]) -> Signature {
        let mut mac = self.mac();
        mac.update(manifest);
        Signature {
            algorithm: ALGORITHM.to_owned(),
            key_id: self.id.clone(),
            signature: hex::encode(mac.finalize().into_bytes()),
        }
    }

    /// Checks `sig` over `manifest`, naming why it does not check.
    pub fn check(&self, manifest: &[u8], sig: &Signature) -> Result<(), BackupError> {
        if sig.algorithm != ALGORITHM {
            return Err(fail(
                format!("امضای پشتیبان با الگوریتم ناشناختهٔ {} است.", sig.algorithm),
                format!(
                    "the archive's signature uses an unknown algorithm {}",
                    sig.algorithm
                ),
            ));
        }
        if sig.key_id != self.id {
            return Err(fail(
                format!(
                    "پشتیبان با کلید دیگری امضا شده است (کلید {}؛ کلید این سامانه {}).",
                    sig.key_id, self.id
                ),
                format!(
                    "the archive was signed with another backup key (key id {}; this \
                     service's key id is {}): refused",
                    sig.key_id, self.id
                ),
            ));
        }
        let bytes = hex::decode(&sig.signature).unwrap_or_default();
        let mut mac = self.mac();
        mac.update(manifest);
        mac.verify_slice(&bytes).map_err(|_| {
            fail(
                "امضای فهرست پشتیبان درست نیست: فهرست پس از امضا دگرگون شده است.",
                "the manifest's signature does not check: manifest.json was changed after \
                 it was signed (or the archive was forged): refused",
            )
        })
    }
}

fn read(path: &Path) -> Result<Option<BackupKey>, String> {
    match std::fs::read_to_string(path) {
        Ok(text) => BackupKey::from_text(&text, path).map(Some),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(format!("cannot read {}: {e}", path.display())),
    }
}

/// The key, for checking an archive: it must exist.
pub fn load(config: &Config) -> Result<BackupKey, BackupError> {
    let path = config.backup_key_path();
    match read(&path) {
        Ok(Some(key)) => Ok(key),
        Ok(None) => Err(fail(
            format!(
                "کلید امضای پشتیبان یافت نشد ({}): بدون آن درستی پشتیبان سنجیده نمی‌شود. \
                 رونوشت کلید را در این مسیر بگذارید یا BACKUP_SIGNING_KEY_FILE را تنظیم کنید.",
                path.display()
            ),
            format!(
                "no backup-signing key at {}: an archive cannot be checked without the key \
                 that signed it; put a copy of that key there or set BACKUP_SIGNING_KEY_FILE",
                path.display()
            ),
        )),
        Err(e) => Err(fail(
            format!("کلید امضای پشتیبان: {e}"),
            format!("backup-signing key: {e}"),
        )),
    }
}

/// The key, generated (0600) in `DATA_DIR` when it is the default one and absent; a configured
/// `BACKUP_SIGNING_KEY_FILE` must exist. Called at every start and by `backup`.
pub fn load_or_create(config: &Config) -> Result<BackupKey, String> {
    let path = config.backup_key_path();
    if let Some(key) = read(&path).map_err(|e| format!("BACKUP_SIGNING_KEY_FILE: {e}"))? {
        return Ok(key);
    }
    if config.backup_signing_key_file.is_some() {
        return Err(format!(
            "BACKUP_SIGNING_KEY_FILE: {} does not exist (generate one with \
             `head -c 32 /dev/urandom | base64 > FILE; chmod 600 FILE`, or unset the setting \
             to have one generated in DATA_DIR)",
            path.display()
        ));
    }
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let text = base64::engine::general_purpose::STANDARD.encode(bytes);
    let write = || -> std::io::Result<()> {
        if let Some(dir) = path.parent() {
            crate::private_fs::create_dir_all(dir)?;
        }
        let mut f = crate::private_fs::create_new(&path)?;
        f.write_all(text.as_bytes())?;
        f.write_all(b"\n")?;
        f.sync_all()
    };
    match write() {
        Ok(()) => {}
        // Another process made it first: use theirs.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
        Err(e) => {
            return Err(format!(
                "BACKUP_SIGNING_KEY_FILE: cannot write {}: {e}",
                path.display()
            ))
        }
    }
    tracing::info!(
        path = %path.display(),
        "generated a new backup-signing key; keep a copy apart from the backups: restoring \
         an archive needs it"
    );
    read(&path)
        .map_err(|e| format!("BACKUP_SIGNING_KEY_FILE: {e}"))?
        .ok_or_else(|| format!("BACKUP_SIGNING_KEY_FILE: {} vanished", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signs_and_refuses_a_changed_manifest_or_another_key() {
        let dir = tempfile::tempdir().unwrap();
        let mut config = Config::defaults();
        config.data_dir = dir.path().to_path_buf();
        let key = load_or_create(&config).unwrap();
        assert_eq!(load(&config).unwrap().id, key.id);
        let sig = key.sign(b"{\"a\":1}");
        key.check(b"{\"a\":1}", &sig).unwrap();
        assert!(key
            .check(b"{\"a\":2}", &sig)
            .unwrap_err()
            .en
            .contains("does not check"));
        let other = tempfile::tempdir().unwrap();
        config.data_dir = other.path().to_path_buf();
        let other = load_or_create(&config).unwrap();
        assert!(other
            .check(b"{\"a\":1}", &sig)
            .unwrap_err()
            .en
            .contains("another backup key"));
    }
}
