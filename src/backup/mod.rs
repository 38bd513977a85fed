//! `plate-permits backup <FILE>`, `restore <FILE>` and `verify-backup <FILE>`.
//!
//! An archive is one tar file: `database/plate-permits.db` (SQLite only: a consistent snapshot
//! taken with `VACUUM INTO` while the service keeps serving), `secrets/jwt-secret` (the
//! generated signing key, which also encrypts webhook secrets, when `DATA_DIR` holds one),
//! `documents/<key>` for every document the snapshot references, and last `manifest.json`: the
//! row counts of the main tables and the size and SHA-256 of every other entry.
//!
//! Documents are committed to the database before their file is renamed into place (see
//! `documents::storage`), so a document row in the snapshot has its bytes either in place or
//! still pending; both are found, and each is checked against the SHA-256 its row recorded.
//! On PostgreSQL the database is not in the archive (`pg_dump` is the tool for it); the
//! documents it references are.

use std::collections::BTreeMap;
use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::config::Config;
use crate::db::{Backend, DbConnection, DbManager, DbUrl};

pub const FORMAT: &str = "plate-permits-backup";
pub const VERSION: u32 = 1;
pub const MANIFEST: &str = "manifest.json";
pub const DATABASE_ENTRY: &str = "database/plate-permits.db";
pub const SECRET_ENTRY: &str = "secrets/jwt-secret";
const SECRET_FILE: &str = "jwt-secret";
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

/// The file of a committed document: in place, or still pending its rename (a moment after
/// its commit); waits briefly for a rename under way.
fn document_file(dir: &Path, key: &str) -> Result<fs::File, BackupError> {
    for _ in 0..50 {
        for path in [
            dir.join(key),
            dir.join(".incoming").join(format!("{key}.part")),
        ] {
            if let Ok(f) = fs::File::open(&path) {
                return Ok(f);
            }
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    Err(fail(
        format!("پروندهٔ سند {key} که پایگاه داده به آن ارجاع می‌دهد یافت نشد."),
        format!("document {key}, referenced by the database, has no file"),
    ))
}

fn append<R: Read>(
    tar: &mut tar::Builder<fs::File>,
    path: &str,
    size: u64,
    reader: R,
) -> Result<FileSum, BackupError> {
    let mut header = tar::Header::new_gnu();
    header.set_size(size);
    header.set_mode(0o600);
    header.set_mtime(chrono::Utc::now().timestamp().max(0) as u64);
    header.set_entry_type(tar::EntryType::Regular);
    let mut hashing = Hashing::new(reader);
    tar.append_data(&mut header, path, &mut hashing)
        .map_err(|e| io_fail(&format!("writing {path}"), e))?;
    Ok(hashing.sum(path))
}

fn append_file(
    tar: &mut tar::Builder<fs::File>,
    path: &str,
    file: fs::File,
) -> Result<FileSum, BackupError> {
    let size = file
        .metadata()
        .map_err(|e| io_fail(&format!("reading {path}"), e))?
        .len();
    // Exactly `size` bytes, even if the file grew meanwhile.
    append(tar, path, size, file.take(size))
}

/// What `backup` did, for the operator.
pub struct BackupReport {
    pub manifest: Manifest,
}

/// Writes the archive to `out` (through a temporary file beside it, renamed at the end).
pub fn backup(config: &Config, out: &Path) -> Result<BackupReport, BackupError> {
    let url = DbUrl::parse(&config.effective_database_url())
        .map_err(|e| fail(format!("نشانی پایگاه داده نادرست است: {e}"), e))?;
    let partial = with_suffix(out, ".partial");
    let snapshot = with_suffix(out, ".snapshot.db");
    let _ = fs::remove_file(&snapshot);
    let result = write_archive(config, url, &partial, &snapshot);
    let _ = fs::remove_file(&snapshot);
    match result {
        Ok(report) => {
            fs::rename(&partial, out).map_err(|e| io_fail("renaming the archive", e))?;
            Ok(report)
        }
        Err(e) => {
            let _ = fs::remove_file(&partial);
            Err(e)
        }
    }
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

fn write_archive(
    config: &Config,
    url: DbUrl,
    partial: &Path,
    snapshot: &Path,
) -> Result<BackupReport, BackupError> {
    let backend = url.backend;
    let created_at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    // The database the archive describes: the snapshot (SQLite) or the live one (PostgreSQL).
    let mut conn = match backend {
        Backend::Sqlite => {
            let mut live = connect(url)?;
            diesel::sql_query("VACUUM INTO ?")
                .bind::<diesel::sql_types::Text, _>(snapshot.to_string_lossy().into_owned())
                .execute(&mut live)
                .map_err(|e| io_fail("VACUUM INTO", e))?;
            drop(live);
            let snap = DbUrl::parse(&crate::config::Secret::new(
                snapshot.to_string_lossy().into_owned(),
            ))
            .map_err(|e| io_fail("snapshot", e))?;
            connect(snap)?
        }
        Backend::Postgres => connect(url)?,
    };
    let counts = counts(&mut conn)?;
    let docs = documents(&mut conn)?;
    drop(conn);
    let file = fs::File::create(partial).map_err(|e| io_fail("creating the archive", e))?;
    let mut tar = tar::Builder::new(file);
    let mut files = Vec::new();
    if backend == Backend::Sqlite {
        let f = fs::File::open(snapshot).map_err(|e| io_fail("reading the snapshot", e))?;
        files.push(append_file(&mut tar, DATABASE_ENTRY, f)?);
    }
    if let Ok(f) = fs::File::open(config.data_path(SECRET_FILE)) {
        files.push(append_file(&mut tar, SECRET_ENTRY, f)?);
    }
    let dir = config.documents_dir();
    for (key, sha) in &docs {
        if !valid_key(key) {
            return Err(fail(
                format!("کلید سند نامعتبر است: {key}"),
                format!("invalid document key {key}"),
            ));
        }
        let path = format!("{DOCUMENTS_PREFIX}{key}");
        let sum = append_file(&mut tar, &path, document_file(&dir, key)?)?;
        if &sum.sha256 != sha {
            return Err(fail(
                format!("بایت‌های سند {key} با چکیدهٔ ثبت‌شده در پایگاه داده نمی‌خواند."),
                format!("document {key}: its bytes do not match the SHA-256 its row recorded"),
            ));
        }
        files.push(sum);
    }
    let manifest = Manifest {
        format: FORMAT.to_owned(),
        version: VERSION,
        created_at,
        backend: backend.name().to_owned(),
        database_included: backend == Backend::Sqlite,
        counts,
        files,
    };
    let json = serde_json::to_vec_pretty(&manifest).map_err(|e| io_fail("manifest", e))?;
    append(&mut tar, MANIFEST, json.len() as u64, json.as_slice())?;
    let mut file = tar
        .into_inner()
        .map_err(|e| io_fail("finishing the archive", e))?;
    file.flush()
        .map_err(|e| io_fail("finishing the archive", e))?;
    file.sync_all()
        .map_err(|e| io_fail("finishing the archive", e))?;
    Ok(BackupReport { manifest })
}

/// Where an archive's entries go when restored (`None`: only checked).
struct Target {
    data_dir: PathBuf,
    database: Option<PathBuf>,
}

/// Reads every entry, checks it against the manifest (sizes, SHA-256, nothing missing or
/// extra) and, for SQLite, the snapshot's integrity and row counts; with a `target`, writes
/// the entries there as they are read.
fn read_archive(file: &Path, target: Option<&Target>) -> Result<Manifest, BackupError> {
    let f = fs::File::open(file).map_err(|e| io_fail("opening the archive", e))?;
    let mut archive = tar::Archive::new(io::BufReader::new(f));
    let mut seen: BTreeMap<String, FileSum> = BTreeMap::new();
    let mut manifest: Option<Manifest> = None;
    let scratch_db = std::env::temp_dir().join(format!(
        "plate-permits-verify-{}-{}.db",
        std::process::id(),
        uuid::Uuid::now_v7()
    ));
    let mut db_copy: Option<PathBuf> = None;
    let entries = archive
        .entries()
        .map_err(|e| io_fail("reading the archive", e))?;
    for entry in entries {
        let mut entry = entry.map_err(|e| io_fail("reading the archive", e))?;
        let path = entry
            .path()
            .map_err(|e| io_fail("reading the archive", e))?
            .to_string_lossy()
            .into_owned();
        if path == MANIFEST {
            let mut buf = Vec::new();
            entry
                .read_to_end(&mut buf)
                .map_err(|e| io_fail("reading the manifest", e))?;
            manifest =
                Some(serde_json::from_slice(&buf).map_err(|e| io_fail("reading the manifest", e))?);
            continue;
        }
        let dest: Option<PathBuf> = if path == DATABASE_ENTRY {
            let to = match target {
                Some(t) => t.database.clone().ok_or_else(|| {
                    fail(
                        "پشتیبان پایگاه دادهٔ SQLite دارد ولی DATABASE_URL به PostgreSQL اشاره می‌کند.",
                        "the archive holds a SQLite database but DATABASE_URL is PostgreSQL",
                    )
                })?,
                None => scratch_db.clone(),
            };
            db_copy = Some(to.clone());
            Some(to)
        } else if path == SECRET_ENTRY {
            target.map(|t| t.data_dir.join(SECRET_FILE))
        } else if let Some(key) = path.strip_prefix(DOCUMENTS_PREFIX).filter(|k| valid_key(k)) {
            target.map(|t| t.data_dir.join("documents").join(key))
        } else {
            return Err(fail(
                format!("پشتیبان عضو ناشناخته‌ای دارد: {path}"),
                format!("the archive holds an unexpected entry: {path}"),
            ));
        };
        let mut hashing = Hashing::new(&mut entry);
        match &dest {
            Some(to) => {
                if let Some(parent) = to.parent() {
                    fs::create_dir_all(parent).map_err(|e| io_fail("restoring", e))?;
                }
                let mut options = fs::OpenOptions::new();
                options.write(true).create_new(true);
                // The database, the signing key and the documents are personal data and
                // secrets: readable by the service's own user only, as the service writes them.
                #[cfg(unix)]
                {
                    use std::os::unix::fs::OpenOptionsExt;
                    options.mode(0o600);
                }
                let mut out = options
                    .open(to)
                    .map_err(|e| io_fail(&format!("writing {}", to.display()), e))?;
                io::copy(&mut hashing, &mut out).map_err(|e| io_fail("restoring", e))?;
                out.sync_all().map_err(|e| io_fail("restoring", e))?;
            }
            None => {
                io::copy(&mut hashing, &mut io::sink())
                    .map_err(|e| io_fail("reading the archive", e))?;
            }
        }
        seen.insert(path.clone(), hashing.sum(&path));
    }
    let result = check(manifest, &seen, db_copy.as_deref());
    let _ = fs::remove_file(&scratch_db);
    result
}

fn check(
    manifest: Option<Manifest>,
    seen: &BTreeMap<String, FileSum>,
    db: Option<&Path>,
) -> Result<Manifest, BackupError> {
    let manifest = manifest.ok_or_else(|| {
        fail(
            "پشتیبان manifest.json ندارد.",
            "the archive has no manifest.json",
        )
    })?;
    if manifest.format != FORMAT || manifest.version != VERSION {
        return Err(fail(
            format!(
                "قالب پشتیبان شناخته نیست: {} {}",
                manifest.format, manifest.version
            ),
            format!(
                "unknown archive format {} {}",
                manifest.format, manifest.version
            ),
        ));
    }
    for f in &manifest.files {
        match seen.get(&f.path) {
            Some(s) if s == f => {}
            Some(_) => {
                return Err(fail(
                    format!(
                        "چکیدهٔ SHA-256 یا اندازهٔ {} با فهرست پشتیبان نمی‌خواند.",
                        f.path
                    ),
                    format!("{}: SHA-256 or size differs from the manifest", f.path),
                ))
            }
            None => {
                return Err(fail(
                    format!("{} در پشتیبان نیست.", f.path),
                    format!("{} is missing from the archive", f.path),
                ))
            }
        }
    }
    if seen.len() != manifest.files.len() {
        return Err(fail(
            "پشتیبان عضوی بیرون از فهرست خود دارد.",
            "the archive holds entries its manifest does not list",
        ));
    }
    if manifest.database_included != db.is_some() {
        return Err(fail(
            "پایگاه دادهٔ پشتیبان با فهرست آن نمی‌خواند.",
            "the archive's database does not match its manifest",
        ));
    }
    if let Some(db) = db {
        let url = DbUrl::parse(&crate::config::Secret::new(
            db.to_string_lossy().into_owned(),
        ))
        .map_err(|e| io_fail("snapshot", e))?;
        let mut conn = connect(url)?;
        #[derive(QueryableByName)]
        struct Integrity {
            #[diesel(sql_type = diesel::sql_types::Text)]
            integrity_check: String,
        }
        let ok = diesel::sql_query("PRAGMA integrity_check")
            .get_result::<Integrity>(&mut conn)
            .map_err(|e| io_fail("integrity_check", e))?;
        if ok.integrity_check != "ok" {
            return Err(fail(
                format!("پایگاه دادهٔ پشتیبان آسیب دیده است: {}", ok.integrity_check),
                format!("the database fails integrity_check: {}", ok.integrity_check),
            ));
        }
        let found = counts(&mut conn)?;
        if found != manifest.counts {
            return Err(fail(
                "شمار ردیف‌های پایگاه دادهٔ پشتیبان با فهرست آن نمی‌خواند.",
                "the database's row counts differ from the manifest",
            ));
        }
    }
    Ok(manifest)
}

/// Checks an archive without restoring it.
pub fn verify(file: &Path) -> Result<Manifest, BackupError> {
    read_archive(file, None)
}

/// Restores an archive into an empty (or absent) `DATA_DIR`, checking every sum; on any
/// failure removes what it wrote.
pub fn restore(config: &Config, file: &Path) -> Result<Manifest, BackupError> {
    let url = DbUrl::parse(&config.effective_database_url())
        .map_err(|e| fail(format!("نشانی پایگاه داده نادرست است: {e}"), e))?;
    let data_dir = config.data_dir.clone();
    if let Ok(mut entries) = fs::read_dir(&data_dir) {
        if entries.next().is_some() {
            return Err(fail(
                format!(
                    "پوشهٔ DATA_DIR ({}) خالی نیست؛ بازگردانی تنها در پوشهٔ خالی انجام می‌شود.",
                    data_dir.display()
                ),
                format!(
                    "DATA_DIR ({}) is not empty; restore only into an empty directory",
                    data_dir.display()
                ),
            ));
        }
    }
    let database = url.sqlite_path();
    if let Some(db) = &database {
        if db.exists() {
            return Err(fail(
                format!("پایگاه داده {} از پیش وجود دارد.", db.display()),
                format!("the database {} already exists", db.display()),
            ));
        }
    }
    // Checked whole before anything is written.
    verify(file)?;
    fs::create_dir_all(&data_dir).map_err(|e| io_fail("DATA_DIR", e))?;
    let target = Target {
        data_dir: data_dir.clone(),
        database: database.clone(),
    };
    match read_archive(file, Some(&target)) {
        Ok(m) => Ok(m),
        Err(e) => {
            if let Ok(entries) = fs::read_dir(&data_dir) {
                for entry in entries.flatten() {
                    let p = entry.path();
                    let _ = if p.is_dir() {
                        fs::remove_dir_all(&p)
                    } else {
                        fs::remove_file(&p)
                    };
                }
            }
            if let Some(db) = &database {
                let _ = fs::remove_file(db);
            }
            Err(e)
        }
    }
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
pub fn run_backup(config: &Config, file: &Path) -> Result<(), BackupError> {
    let report = backup(config, file)?;
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
        "بازگردانی انجام شد و همهٔ چکیده‌ها درست بود: {} / restored, every sum checked: {}",
        config.data_dir.display(),
        config.data_dir.display()
    );
    println!("{}", describe(&m));
    if !m.database_included {
        println!(
            "پایگاه داده در این پشتیبان نبود: آن را با pg_restore بازگردانید. / The database was \
not in this archive: restore it with pg_restore."
        );
    }
    Ok(())
}

/// `plate-permits verify-backup <FILE>`.
pub fn run_verify(file: &Path) -> Result<(), BackupError> {
    let m = verify(file)?;
    println!(
        "پشتیبان سالم است: {} / the archive checks out: {}",
        file.display(),
        file.display()
    );
    println!("{}", describe(&m));
    Ok(())
}
