//! `plate-permits backup <FILE>`, `restore <FILE>` and `verify-backup <FILE>`.
//!
//! An archive is one tar file: `database/plate-permits.db` (SQLite only: a consistent snapshot
//! taken with `VACUUM INTO` while the service keeps serving),
//! `secrets/permit-signing-keys.json` (the Ed25519 keys that sign printed permits, retired
//! ones included),
//! `documents/<key>` for every document the snapshot references, then `manifest.json`: the
//! row counts of the main tables and the size and SHA-256 of every other entry, and last
//! `manifest.sig`: the manifest's HMAC-SHA256 under the backup-signing key ([`key`]), which is
//! never in the archive. `verify-backup` and `restore` refuse an archive whose signature is
//! missing or does not check, and (SQLite) whose database's schema, append-only triggers or
//! audit guard differ from the migrations.
//!
//! The token-signing secret (`DATA_DIR/jwt-secret`) is NOT in the archive: with it and the
//! `sessions` table anyone holding the archive could sign an administrator's token. A restored
//! service without `JWT_SECRET` generates a new secret at its first start, which ends every
//! session (the service revokes them all) and leaves webhook secrets sealed with the old one
//! unreadable (rotate them). Every file written is 0600 and every folder 0700.
//!
//! Documents are committed to the database before their file is renamed into place (see
//! `documents::storage`), so a document row in the snapshot has its bytes either in place or
//! still pending; both are found, and each is checked against the SHA-256 its row recorded.
//! On PostgreSQL the database is not in the archive (`pg_dump` is the tool for it); the
//! documents it references are.

mod create;
pub mod key;
mod restore;

pub use create::{backup, BackupReport};
pub use restore::{restore, verify};

use std::collections::BTreeMap;
use std::io::{self, Read};
use std::path::Path;

use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::config::Config;
use crate::db::{DbConnection, DbManager, DbUrl};

pub const FORMAT: &str = "plate-permits-backup";
/// 2: signed (`manifest.sig`), without the token-signing secret.
pub const VERSION: u32 = 2;
pub const MANIFEST: &str = "manifest.json";
/// The manifest's signature ([`key::Signature`]), the archive's last entry.
pub const SIGNATURE: &str = "manifest.sig";
pub const DATABASE_ENTRY: &str = "database/plate-permits.db";
/// The permit-signing keys (`permits::signing`), when `DATA_DIR` holds them.
pub const SIGNING_KEYS_ENTRY: &str = "secrets/permit-signing-keys.json";
const SIGNING_KEYS_FILE: &str = "permit-signing-keys.json";
const DOCUMENTS_PREFIX: &str = "documents/";

/// The tables whose row counts the manifest records (and a restore checks).
pub const COUNTED: &[&str] = &[
    "organisations",
    "users",
    "requests",
    "request_history",
    "documents",
    "permits",
    "receipts",
    "audit_log",
];

/// What the archive holds.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Manifest {
    pub format: String,
    pub version: u32,
    /// When the snapshot was taken (UTC, RFC 3339).
    pub created_at: String,
    /// `sqlite` or `postgresql`.
    pub backend: String,
    /// Whether the database is in the archive (SQLite) or left to `pg_dump` (PostgreSQL).
    pub database_included: bool,
    /// Rows per table at the snapshot.
    pub counts: BTreeMap<String, i64>,
    /// Every entry but the manifest.
    pub files: Vec<FileSum>,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct FileSum {
    pub path: String,
    pub size: u64,
    pub sha256: String,
}

/// A failure of a backup command, in both languages.
#[derive(Debug)]
pub struct BackupError {
    pub fa: String,
    pub en: String,
}

impl std::fmt::Display for BackupError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} / {}", self.fa, self.en)
    }
}

fn fail(fa: impl Into<String>, en: impl Into<String>) -> BackupError {
    BackupError {
        fa: fa.into(),
        en: en.into(),
    }
}

fn io_fail(what: &str, e: impl std::fmt::Display) -> BackupError {
    fail(format!("خطا در {what}: {e}"), format!("{what}: {e}"))
}

/// Hashes what passes through.
struct Hashing<R> {
    inner: R,
    hasher: Sha256,
    size: u64,
}

impl<R> Hashing<R> {
    fn new(inner: R) -> Self {
        Hashing {
            inner,
            hasher: Sha256::new(),
            size: 0,
        }
    }

    fn sum(self, path: &str) -> FileSum {
        FileSum {
            path: path.to_owned(),
            size: self.size,
            sha256: hex::encode(self.hasher.finalize()),
        }
    }
}

impl<R: Read> Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        self.size += n as u64;
        Ok(n)
    }
}

fn connect(url: DbUrl) -> Result<DbConnection, BackupError> {
    r2d2::ManageConnection::connect(&DbManager::new(url)).map_err(|e| io_fail("DATABASE_URL", e))
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

fn counts(conn: &mut DbConnection) -> Result<BTreeMap<String, i64>, BackupError> {
    let mut out = BTreeMap::new();
    for table in COUNTED {
        let n = diesel::sql_query(format!("SELECT COUNT(*) AS n FROM {table}"))
            .get_result::<Count>(conn)
            .map_err(|e| io_fail(&format!("counting {table}"), e))?
            .n;
        out.insert((*table).to_owned(), n);
    }
    Ok(out)
}

/// The documents a database references: storage key and recorded SHA-256.
/// The documents whose bytes are files in `DATA_DIR` (`blob_store = 'filesystem'`). With
/// `BLOB_STORE=database` (PostgreSQL's default) a document's bytes are rows of
/// `document_chunks`, in the database and so in its `pg_dump`.
fn documents(conn: &mut DbConnection) -> Result<Vec<(String, String)>, BackupError> {
    use crate::db::schema::documents as d;
    d::table
        .filter(d::blob_store.eq("filesystem"))
        .select((d::storage_key, d::sha256))
        .order(d::storage_key.asc())
        .load(conn)
        .map_err(|e| io_fail("reading documents", e))
}

fn valid_key(key: &str) -> bool {
    !key.is_empty() && key.len() <= 64 && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

fn describe(m: &Manifest) -> String {
    let docs = m
        .files
        .iter()
        .filter(|f| f.path.starts_with(DOCUMENTS_PREFIX))
        .count();
    let counts: Vec<String> = m.counts.iter().map(|(t, n)| format!("{t}={n}")).collect();
    format!(
        "backend={} database_included={} documents={docs} {}",
        m.backend,
        m.database_included,
        counts.join(" ")
    )
}

/// `plate-permits backup <FILE>`: writes the archive and says what it holds (and, on
/// PostgreSQL, what it does not).
pub fn run_backup(
    config: &Config,
    file: &Path,
    clock: &crate::clock::Clock,
) -> Result<(), BackupError> {
    let report = backup(config, file, clock.now())?;
    let m = &report.manifest;
    println!(
        "پشتیبان نوشته شد: {} / backup written: {}",
        file.display(),
        file.display()
    );
    println!("{}", describe(m));
    if !m.database_included {
        println!(
            "پایگاه دادهٔ PostgreSQL در این پشتیبان نیست: از آن با pg_dump (یا ابزار پشتیبان‌گیری \
پایگاه داده) پشتیبان بگیرید؛ این پرونده تنها اسنادی را دارد که در پوشهٔ داده‌ها نگه داشته می‌شوند. \
اسنادِ نگه‌داشته در پایگاه داده (BLOB_STORE=database) با خود پایگاه داده پشتیبان‌گیری می‌شوند."
        );
        println!(
            "The PostgreSQL database is NOT in this archive: back it up with pg_dump (or your \
database backup tooling); this archive holds only the documents kept in DATA_DIR. Documents \
kept in the database (BLOB_STORE=database) are backed up with the database."
        );
    }
    Ok(())
}

/// `plate-permits restore <FILE>`.
pub fn run_restore(config: &Config, file: &Path) -> Result<(), BackupError> {
    let m = restore(config, file)?;
    println!(
        "بازگردانی انجام شد؛ امضا و همهٔ چکیده‌ها درست بود: {} / restored, the signature and \
every sum checked: {}",
        config.data_dir.display(),
        config.data_dir.display()
    );
    println!("{}", describe(&m));
    if config.auth.jwt_secret.is_none() {
        println!(
            "کلید امضای توکن‌ها در پشتیبان نیست: سامانه در نخستین راه‌اندازی کلید تازه‌ای می‌سازد و \
همهٔ نشست‌ها پایان می‌یابد؛ همه (حساب‌های سامانه‌ای نیز) باید دوباره وارد شوند و رمز وب‌هوک‌ها باید \
نو شود."
        );
        println!(
            "The token-signing secret is NOT in the archive: at its first start the service \
generates a new one, which ENDS EVERY SESSION (all are revoked; everyone, service accounts \
included, signs in again), and webhook secrets sealed with the old one can no longer be read: \
rotate each webhook's secret (POST /webhooks/{{id}}/rotate-secret). To keep sessions, start the \
service with the old secret in JWT_SECRET."
        );
    } else {
        println!(
            "JWT_SECRET is set: the restored service signs tokens with it; the token-signing \
secret was not in the archive."
        );
    }
    if !m.database_included {
        println!(
            "پایگاه داده در این پشتیبان نبود: آن را با pg_restore بازگردانید. / The database was \
not in this archive: restore it with pg_restore."
        );
    }
    Ok(())
}

/// `plate-permits verify-backup <FILE>`.
pub fn run_verify(config: &Config, file: &Path) -> Result<(), BackupError> {
    let m = verify(config, file)?;
    println!(
        "پشتیبان سالم است و امضای آن درست است: {} / the archive checks out, signature \
included: {}",
        file.display(),
        file.display()
    );
    println!("{}", describe(&m));
    Ok(())
}
