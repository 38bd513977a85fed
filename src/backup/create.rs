//! Writing an archive: `plate-permits backup <FILE>`.

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use diesel::prelude::*;

use chrono::NaiveDateTime;

use crate::config::Config;
use crate::db::{Backend, DbConnection, DbUrl};

use super::{
    connect, counts, documents, fail, io_fail, valid_key, BackupError, FileSum, Hashing, Manifest,
    DATABASE_ENTRY, DOCUMENTS_PREFIX, FORMAT, MANIFEST, SIGNATURE, SIGNING_KEYS_ENTRY,
    SIGNING_KEYS_FILE, VERSION,
};

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
    mtime: u64,
) -> Result<FileSum, BackupError> {
    let mut header = tar::Header::new_gnu();
    header.set_size(size);
    header.set_mode(0o600);
    header.set_mtime(mtime);
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
    mtime: u64,
) -> Result<FileSum, BackupError> {
    let size = file
        .metadata()
        .map_err(|e| io_fail(&format!("reading {path}"), e))?
        .len();
    // Exactly `size` bytes, even if the file grew meanwhile.
    append(tar, path, size, file.take(size), mtime)
}

/// What `backup` did, for the operator.
pub struct BackupReport {
    pub manifest: Manifest,
}

/// Writes the archive to `out` (through a temporary file beside it, renamed at the end).
pub fn backup(config: &Config, out: &Path, at: NaiveDateTime) -> Result<BackupReport, BackupError> {
    let url = DbUrl::parse(&config.effective_database_url())
        .map_err(|e| fail(format!("نشانی پایگاه داده نادرست است: {e}"), e))?;
    let key = super::key::load_or_create(config).map_err(|e| {
        fail(
            format!("کلید امضای پشتیبان: {e}"),
            format!("backup-signing key: {e}"),
        )
    })?;
    let partial = with_suffix(out, ".partial");
    let snapshot = with_suffix(out, ".snapshot.db");
    let _ = fs::remove_file(&snapshot);
    let result = write_archive(config, url, &key, &partial, &snapshot, at);
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

/// The database the archive describes: a snapshot of it (SQLite, written to `snapshot` with
/// `VACUUM INTO`) or the live one (PostgreSQL).
fn described_database(url: DbUrl, snapshot: &Path) -> Result<DbConnection, BackupError> {
    if url.backend == Backend::Postgres {
        return connect(url);
    }
    let mut live = connect(url)?;
    // An empty file made 0600 first: `VACUUM INTO` fills it, keeping its mode.
    crate::private_fs::create_new(snapshot).map_err(|e| io_fail("creating the snapshot", e))?;
    diesel::sql_query("VACUUM INTO ?")
        .bind::<diesel::sql_types::Text, _>(snapshot.to_string_lossy().into_owned())
        .execute(&mut live)
        .map_err(|e| io_fail("VACUUM INTO", e))?;
    drop(live);
    let snap = DbUrl::parse(&crate::config::Secret::new(
        snapshot.to_string_lossy().into_owned(),
    ))
    .map_err(|e| io_fail("snapshot", e))?;
    connect(snap)
}

/// The documents stored on the file system, each checked against the SHA-256 its row recorded.
fn append_documents(
    tar: &mut tar::Builder<fs::File>,
    dir: &Path,
    docs: &[(String, String)],
    mtime: u64,
    files: &mut Vec<FileSum>,
) -> Result<(), BackupError> {
    for (key, sha) in docs {
        if !valid_key(key) {
            return Err(fail(
                format!("کلید سند نامعتبر است: {key}"),
                format!("invalid document key {key}"),
            ));
        }
        let path = format!("{DOCUMENTS_PREFIX}{key}");
        let sum = append_file(tar, &path, document_file(dir, key)?, mtime)?;
        if &sum.sha256 != sha {
            return Err(fail(
                format!("بایت‌های سند {key} با چکیدهٔ ثبت‌شده در پایگاه داده نمی‌خواند."),
                format!("document {key}: its bytes do not match the SHA-256 its row recorded"),
            ));
        }
        files.push(sum);
    }
    Ok(())
}

/// The manifest and its signature, last; then the archive is flushed to the disk.
fn sign_and_finish(
    mut tar: tar::Builder<fs::File>,
    key: &super::key::BackupKey,
    manifest: &Manifest,
    mtime: u64,
) -> Result<(), BackupError> {
    let json = serde_json::to_vec_pretty(manifest).map_err(|e| io_fail("manifest", e))?;
    append(
        &mut tar,
        MANIFEST,
        json.len() as u64,
        json.as_slice(),
        mtime,
    )?;
    let sig = serde_json::to_vec_pretty(&key.sign(&json)).map_err(|e| io_fail("signature", e))?;
    append(&mut tar, SIGNATURE, sig.len() as u64, sig.as_slice(), mtime)?;
    let mut file = tar
        .into_inner()
        .map_err(|e| io_fail("finishing the archive", e))?;
    file.flush()
        .map_err(|e| io_fail("finishing the archive", e))?;
    file.sync_all()
        .map_err(|e| io_fail("finishing the archive", e))
}

fn write_archive(
    config: &Config,
    url: DbUrl,
    key: &super::key::BackupKey,
    partial: &Path,
    snapshot: &Path,
    at: NaiveDateTime,
) -> Result<BackupReport, BackupError> {
    let backend = url.backend;
    let created_at = crate::clock::utc(at).to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let mtime = at.and_utc().timestamp().max(0) as u64;
    let mut conn = described_database(url, snapshot)?;
    let counts = counts(&mut conn)?;
    let docs = documents(&mut conn)?;
    drop(conn);
    // 0600: the archive holds personal data and the permit-signing keys.
    let file =
        crate::private_fs::create(partial).map_err(|e| io_fail("creating the archive", e))?;
    let mut tar = tar::Builder::new(file);
    let mut files = Vec::new();
    if backend == Backend::Sqlite {
        let f = fs::File::open(snapshot).map_err(|e| io_fail("reading the snapshot", e))?;
        files.push(append_file(&mut tar, DATABASE_ENTRY, f, mtime)?);
    }
    // The token-signing secret stays out: with it and the `sessions` table, whoever reads the
    // archive could sign an administrator's token.
    if let Ok(f) = fs::File::open(config.data_path(SIGNING_KEYS_FILE)) {
        files.push(append_file(&mut tar, SIGNING_KEYS_ENTRY, f, mtime)?);
    }
    append_documents(&mut tar, &config.documents_dir(), &docs, mtime, &mut files)?;
    let manifest = Manifest {
        format: FORMAT.to_owned(),
        version: VERSION,
        created_at,
        backend: backend.name().to_owned(),
        database_included: backend == Backend::Sqlite,
        counts,
        files,
    };
    sign_and_finish(tar, key, &manifest, mtime)?;
    Ok(BackupReport { manifest })
}
