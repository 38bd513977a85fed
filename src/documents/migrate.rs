//! `plate-permits migrate-documents`: moves the documents this replica keeps on its
//! filesystem into the database store, so that every replica can read them.
//!
//! Each document is moved in its own transaction: its row is switched to `database` (which
//! also makes a concurrent run on another replica skip it), its file is copied into
//! `document_chunks`, and the chunks are read back and their SHA-256 compared with the one
//! recorded at upload; any difference rolls the move back. The file is removed only after the
//! commit. A file that is missing here (kept by another replica) or whose bytes no longer match
//! its row is left as it is and reported. Running it again moves only what is left, so it can
//! be repeated until it reports nothing.

use std::io::Read;

use sha2::{Digest, Sha256};

use crate::db::{self, DbConnection};
use crate::documents::model::{BlobLocation, DocumentRow};
use crate::documents::storage::{copy_into_database, BlobStore};
use crate::documents::store;
use crate::error::{ApiError, ApiResult};

/// What one run did.
#[derive(Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct MigrationReport {
    /// Documents moved into the database and verified.
    pub moved: u64,
    /// Bytes moved.
    pub bytes: u64,
    /// Documents moved by another run meanwhile.
    pub skipped: u64,
    /// Documents whose file is not in this replica's `DATA_DIR` (ids).
    pub missing: Vec<String>,
    /// Documents whose file's size or SHA-256 differs from its row (ids); not moved.
    pub mismatched: Vec<String>,
}

impl MigrationReport {
    /// Whether every filesystem document this replica could see was moved.
    pub fn complete(&self) -> bool {
        self.missing.is_empty() && self.mismatched.is_empty()
    }
}

/// SHA-256 (hex) and length of everything `reader` yields.
fn digest(mut reader: impl Read) -> std::io::Result<(u64, String)> {
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    let mut total = 0u64;
    loop {
        let n = reader.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
        total += n as u64;
    }
    Ok((total, hex::encode(hasher.finalize())))
}

/// SHA-256 (hex) and length of a document's chunks as this connection sees them.
fn digest_chunks(conn: &mut DbConnection, document_id: &str) -> ApiResult<(u64, String)> {
    let mut hasher = Sha256::new();
    let mut total = 0u64;
    let mut seq = 0;
    while let Some(chunk) = store::chunk(conn, document_id, seq)? {
        hasher.update(&chunk);
        total += chunk.len() as u64;
        seq += 1;
    }
    Ok((total, hex::encode(hasher.finalize())))
}

fn matches(row: &DocumentRow, (size, sha256): &(u64, String)) -> bool {
    *size == row.size.max(0) as u64 && *sha256 == row.sha256
}

/// Moves every filesystem document found in `files` into the database.
pub fn to_database(
    conn: &mut DbConnection,
    files: &dyn BlobStore,
) -> Result<MigrationReport, ApiError> {
    let mut report = MigrationReport::default();
    let mut after = String::new();
    loop {
        let rows = store::documents_in(conn, BlobLocation::Filesystem, &after, 200)?;
        let Some(last) = rows.last() else { break };
        after = last.id.clone();
        for row in rows {
            move_one(conn, files, row, &mut report)?;
        }
    }
    Ok(report)
}

fn move_one(
    conn: &mut DbConnection,
    files: &dyn BlobStore,
    row: DocumentRow,
    report: &mut MigrationReport,
) -> ApiResult<()> {
    let key = row.storage_key.clone();
    // Checked before the transaction: a damaged file is reported, not moved.
    let on_disk = match files.open(&key).and_then(digest) {
        Ok(d) => d,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            report.missing.push(row.id);
            return Ok(());
        }
        Err(e) => return Err(ApiError::internal(format!("reading document {key}: {e}"))),
    };
    if !matches(&row, &on_disk) {
        tracing::warn!(document = %row.id, "file differs from its row; not moved");
        report.mismatched.push(row.id);
        return Ok(());
    }
    let moved = db::write_tx(conn, |c| {
        if !store::relocate(c, &row.id, BlobLocation::Filesystem, BlobLocation::Database)? {
            return Ok(false);
        }
        let reader = files
            .open(&key)
            .map_err(|e| ApiError::internal(format!("reading document {key}: {e}")))?;
        let copied = copy_into_database(c, &row.id, reader)?;
        let stored = digest_chunks(c, &row.id)?;
        if !matches(&row, &copied) || !matches(&row, &stored) {
            return Err(ApiError::internal(format!(
                "document {}: the bytes read back from the database differ from the upload's SHA-256",
                row.id
            )));
        }
        Ok(true)
    })?;
    if moved {
        report.moved += 1;
        report.bytes += row.size.max(0) as u64;
        if let Err(e) = files.remove(&key) {
            tracing::warn!(document = %row.id, error = %e, "moved, but its file could not be removed");
        }
    } else {
        report.skipped += 1;
    }
    Ok(())
}
