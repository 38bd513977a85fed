//! Reading an archive back: `verify-backup` checks it, `restore` also writes it out.

use std::collections::BTreeMap;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use diesel::prelude::*;

use crate::config::Config;
use crate::db::DbUrl;

use super::key::{BackupKey, Signature};
use super::{
    connect, counts, fail, io_fail, valid_key, BackupError, FileSum, Hashing, Manifest,
    DATABASE_ENTRY, DOCUMENTS_PREFIX, FORMAT, MANIFEST, SIGNATURE, SIGNING_KEYS_ENTRY,
    SIGNING_KEYS_FILE, VERSION,
};

/// Where an archive's entries go when restored (`None`: only checked).
struct Target {
    data_dir: PathBuf,
    database: Option<PathBuf>,
}

/// Reads every entry, checks it against the manifest (sizes, SHA-256, nothing missing or
/// extra) and, for SQLite, the snapshot's integrity and row counts; with a `target`, writes
/// the entries there as they are read.
fn read_archive(
    file: &Path,
    key: &BackupKey,
    target: Option<&Target>,
) -> Result<Manifest, BackupError> {
    let f = fs::File::open(file).map_err(|e| io_fail("opening the archive", e))?;
    let mut archive = tar::Archive::new(io::BufReader::new(f));
    let mut seen: BTreeMap<String, FileSum> = BTreeMap::new();
    let mut manifest: Option<Vec<u8>> = None;
    let mut signature: Option<Vec<u8>> = None;
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
        if path == MANIFEST || path == SIGNATURE {
            let slot = if path == MANIFEST {
                &mut manifest
            } else {
                &mut signature
            };
            *slot = Some(read_once(&mut entry, &path, slot.is_some())?);
            continue;
        }
        let dest = destination(&path, target, &scratch_db)?;
        if path == DATABASE_ENTRY {
            db_copy = dest.clone();
        }
        let mut hashing = Hashing::new(&mut entry);
        copy_entry(&mut hashing, dest.as_deref())?;
        seen.insert(path.clone(), hashing.sum(&path));
    }
    let result = check(key, manifest, signature, &seen, db_copy.as_deref());
    let _ = fs::remove_file(&scratch_db);
    result
}

/// The manifest or the signature (at most 64 MiB), which an archive holds once.
fn read_once(entry: &mut impl Read, path: &str, seen: bool) -> Result<Vec<u8>, BackupError> {
    if seen {
        return Err(fail(
            format!("پشتیبان دو {path} دارد."),
            format!("the archive holds {path} twice"),
        ));
    }
    let mut buf = Vec::new();
    entry
        .take(1 << 26)
        .read_to_end(&mut buf)
        .map_err(|e| io_fail("reading the manifest", e))?;
    Ok(buf)
}

/// Where the entry `path` is written: the database (to the target's, or to `scratch_db` to
/// be checked), the signing keys and documents under the target's `DATA_DIR` (`None`: only
/// checked). An entry the format does not have is refused.
fn destination(
    path: &str,
    target: Option<&Target>,
    scratch_db: &Path,
) -> Result<Option<PathBuf>, BackupError> {
    if path == DATABASE_ENTRY {
        let to = match target {
            Some(t) => t.database.clone().ok_or_else(|| {
                fail(
                    "پشتیبان پایگاه دادهٔ SQLite دارد ولی DATABASE_URL به PostgreSQL اشاره می‌کند.",
                    "the archive holds a SQLite database but DATABASE_URL is PostgreSQL",
                )
            })?,
            None => scratch_db.to_path_buf(),
        };
        Ok(Some(to))
    } else if path == SIGNING_KEYS_ENTRY {
        Ok(target.map(|t| t.data_dir.join(SIGNING_KEYS_FILE)))
    } else if let Some(key) = path.strip_prefix(DOCUMENTS_PREFIX).filter(|k| valid_key(k)) {
        Ok(target.map(|t| t.data_dir.join("documents").join(key)))
    } else {
        Err(fail(
            format!("پشتیبان عضو ناشناخته‌ای دارد: {path}"),
            format!("the archive holds an unexpected entry: {path}"),
        ))
    }
}

/// Reads an entry through, writing it to `dest` when there is one.
fn copy_entry(hashing: &mut impl Read, dest: Option<&Path>) -> Result<(), BackupError> {
    let Some(to) = dest else {
        io::copy(hashing, &mut io::sink()).map_err(|e| io_fail("reading the archive", e))?;
        return Ok(());
    };
    if let Some(parent) = to.parent() {
        crate::private_fs::create_dir_all(parent).map_err(|e| io_fail("restoring", e))?;
    }
    // The database, the signing keys and the documents are personal data and secrets:
    // readable by the service's own user only (0600, folders 0700), as the service writes
    // them.
    let mut out = crate::private_fs::create_new(to)
        .map_err(|e| io_fail(&format!("writing {}", to.display()), e))?;
    io::copy(hashing, &mut out).map_err(|e| io_fail("restoring", e))?;
    out.sync_all().map_err(|e| io_fail("restoring", e))?;
    Ok(())
}

fn check(
    key: &BackupKey,
    manifest: Option<Vec<u8>>,
    signature: Option<Vec<u8>>,
    seen: &BTreeMap<String, FileSum>,
    db: Option<&Path>,
) -> Result<Manifest, BackupError> {
    let manifest = signed_manifest(key, manifest, signature)?;
    check_files(&manifest, seen, db)?;
    if let Some(db) = db {
        check_snapshot(&manifest, db)?;
    }
    Ok(manifest)
}

/// The manifest, once its signature is checked: nothing the manifest says counts before it is
/// known to be ours.
fn signed_manifest(
    key: &BackupKey,
    manifest: Option<Vec<u8>>,
    signature: Option<Vec<u8>>,
) -> Result<Manifest, BackupError> {
    let manifest = manifest.ok_or_else(|| {
        fail(
            "پشتیبان manifest.json ندارد.",
            "the archive has no manifest.json",
        )
    })?;
    let signature = signature.ok_or_else(|| {
        fail(
            "پشتیبان امضا ندارد (manifest.sig): پشتیبان پیش از امضای پشتیبان‌ها نوشته شده یا \
دستکاری شده است؛ پذیرفته نمی‌شود.",
            "the archive has no signature (manifest.sig): it was written before archives were \
signed, or its signature was removed: refused",
        )
    })?;
    let signature: Signature = serde_json::from_slice(&signature).map_err(|e| {
        fail(
            format!("امضای پشتیبان خوانا نیست: {e}"),
            format!("the archive's signature (manifest.sig) is unreadable: {e}: refused"),
        )
    })?;
    key.check(&manifest, &signature)?;
    let manifest: Manifest =
        serde_json::from_slice(&manifest).map_err(|e| io_fail("reading the manifest", e))?;
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
    Ok(manifest)
}

/// Every entry the manifest lists, with its size and SHA-256, and nothing else.
fn check_files(
    manifest: &Manifest,
    seen: &BTreeMap<String, FileSum>,
    db: Option<&Path>,
) -> Result<(), BackupError> {
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
    Ok(())
}

/// The SQLite snapshot: its integrity, its row counts against the manifest, and its schema
/// against the migrations.
fn check_snapshot(manifest: &Manifest, db: &Path) -> Result<(), BackupError> {
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
    // A snapshot of a database already tampered with carries a good signature: its schema,
    // append-only triggers and audit guard are checked against the migrations as well.
    let at = chrono::DateTime::parse_from_rfc3339(&manifest.created_at)
        .map(|t| t.naive_utc())
        .map_err(|e| io_fail("the manifest's created_at", e))?;
    let differences = crate::db::integrity::differences(&mut conn, at)
        .map_err(|e| io_fail("checking the schema", e))?;
    if !differences.is_empty() {
        return Err(fail(
            format!(
                "پایگاه دادهٔ پشتیبان با کوچ‌های (migrations) سامانه نمی‌خواند: {}",
                differences.join("; ")
            ),
            format!(
                "the archive's database does not match the migrations: {}",
                differences.join("; ")
            ),
        ));
    }
    Ok(())
}

/// Checks an archive (signature first) without restoring it.
pub fn verify(config: &Config, file: &Path) -> Result<Manifest, BackupError> {
    let key = super::key::load(config)?;
    read_archive(file, &key, None)
}

/// Whether `DATA_DIR` holds nothing but (maybe) the default backup-signing key, put there
/// to check the archive with.
fn is_empty_but_for_the_key(config: &Config, entries: fs::ReadDir) -> bool {
    let key = config.backup_key_path();
    entries
        .flatten()
        .all(|e| e.path() == key && e.file_name() == super::key::DEFAULT_FILE)
}

/// Restores an archive into an empty (or absent) `DATA_DIR`, checking every sum; on any
/// failure removes what it wrote.
pub fn restore(config: &Config, file: &Path) -> Result<Manifest, BackupError> {
    let url = DbUrl::parse(&config.effective_database_url())
        .map_err(|e| fail(format!("نشانی پایگاه داده نادرست است: {e}"), e))?;
    let data_dir = config.data_dir.clone();
    let database = url.sqlite_path();
    ensure_empty(config, &data_dir, database.as_deref())?;
    // Checked whole (signature first) before anything is written.
    let key = super::key::load(config)?;
    read_archive(file, &key, None)?;
    crate::private_fs::create_dir_all(&data_dir).map_err(|e| io_fail("DATA_DIR", e))?;
    let target = Target {
        data_dir: data_dir.clone(),
        database: database.clone(),
    };
    read_archive(file, &key, Some(&target)).inspect_err(|_| {
        remove_restored(config, &data_dir, database.as_deref());
    })
}

/// A restore writes into an empty (or absent) `DATA_DIR` (the backup-signing key aside) and
/// never over an existing database.
fn ensure_empty(
    config: &Config,
    data_dir: &Path,
    database: Option<&Path>,
) -> Result<(), BackupError> {
    if let Ok(entries) = fs::read_dir(data_dir) {
        if !is_empty_but_for_the_key(config, entries) {
            return Err(fail(
                format!(
                    "پوشهٔ DATA_DIR ({}) خالی نیست؛ بازگردانی تنها در پوشهٔ خالی (یا دارای تنها \
کلید امضای پشتیبان) انجام می‌شود.",
                    data_dir.display()
                ),
                format!(
                    "DATA_DIR ({}) is not empty; restore only into an empty directory (or one \
holding only {})",
                    data_dir.display(),
                    super::key::DEFAULT_FILE
                ),
            ));
        }
    }
    if let Some(db) = database {
        if db.exists() {
            return Err(fail(
                format!("پایگاه داده {} از پیش وجود دارد.", db.display()),
                format!("the database {} already exists", db.display()),
            ));
        }
    }
    Ok(())
}

/// After a failed restore: removes what it wrote (the backup-signing key stays).
fn remove_restored(config: &Config, data_dir: &Path, database: Option<&Path>) {
    if let Ok(entries) = fs::read_dir(data_dir) {
        for entry in entries.flatten() {
            let p = entry.path();
            if p == config.backup_key_path() {
                continue;
            }
            let _ = if p.is_dir() {
                fs::remove_dir_all(&p)
            } else {
                fs::remove_file(&p)
            };
        }
    }
    if let Some(db) = database {
        let _ = fs::remove_file(db);
    }
}
