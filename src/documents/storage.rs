//! Where document bytes live: [`Blobs`], which handlers see, keeps each upload where
//! `BLOB_STORE` says — the filesystem ([`FsBlobStore`], the SQLite default) or the database
//! (`document_chunks`, the PostgreSQL default, so that every replica reads every document) —
//! and reads each document from where its row says it is (`documents.blob_store`).
//!
//! Every upload is first spooled to a pending file of the filesystem store, so that a slow
//! client never holds a database connection. With the database store the pending file is
//! then copied into `document_chunks` in 256 KiB chunks inside the transaction that inserts
//! the document's row (no orphan chunks, no row without bytes), and removed after it; memory
//! stays at one chunk however large the file. Downloads read one chunk at a time, each with a
//! pooled connection held only for that one query.
//!
//! The filesystem store writes each upload to `DATA_DIR/documents/.incoming/<key>.part`, and
//! renames it to `DATA_DIR/documents/<key>` only after the database row has committed. A crash
//! at any point leaves either a `.part` file (no row: deleted at start-up; a committed row: the
//! rename is completed at start-up) or a finished file with its row. Start-up recovery also
//! deletes finished files that have no row.

use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::db::{DbConnection, Pool};
use crate::documents::model::{BlobLocation, DocumentRow};
use crate::documents::store;
use crate::error::{ApiError, ApiResult};

/// Bytes per row of `document_chunks`.
pub const CHUNK_SIZE: usize = 256 * 1024;

/// A blob being written; dropped without `persist`, it is removed.
pub trait PendingBlob: Write + Send {
    /// Flushes to stable storage (before the database commit).
    fn sync(&mut self) -> io::Result<()>;
}

pub trait BlobStore: Send + Sync {
    /// Starts a blob under `key` (server-made, `[A-Za-z0-9-]`).
    fn create(&self, key: &str) -> io::Result<Box<dyn PendingBlob>>;
    /// Makes the blob under `key` visible; call after the database row committed.
    fn persist(&self, key: &str) -> io::Result<()>;
    /// Removes a pending blob that will not be committed.
    fn discard(&self, key: &str);
    /// Opens a pending blob for reading (to copy it into another store).
    fn open_pending(&self, key: &str) -> io::Result<Box<dyn Read + Send>>;
    /// Opens a finished blob for reading.
    fn open(&self, key: &str) -> io::Result<Box<dyn Read + Send>>;
    /// Removes a finished blob (once its bytes are safely elsewhere).
    fn remove(&self, key: &str) -> io::Result<()>;
    /// Start-up recovery: completes pending blobs whose rows exist and deletes the rest.
    fn recover(&self, has_row: &dyn Fn(&str) -> bool) -> io::Result<RecoveryReport>;
}

#[derive(Debug, Default, PartialEq, Eq)]
pub struct RecoveryReport {
    pub completed: usize,
    pub removed_pending: usize,
    pub removed_orphans: usize,
}

pub struct FsBlobStore {
    root: PathBuf,
    incoming: PathBuf,
}

fn valid_key(key: &str) -> bool {
    !key.is_empty() && key.len() <= 64 && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

fn bad_key() -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, "invalid blob key")
}

impl FsBlobStore {
    pub fn new(root: &Path) -> io::Result<Self> {
        let incoming = root.join(".incoming");
        crate::private_fs::create_dir_all(&incoming)?;
        Ok(FsBlobStore {
            root: root.to_path_buf(),
            incoming,
        })
    }

    fn final_path(&self, key: &str) -> PathBuf {
        self.root.join(key)
    }

    fn pending_path(&self, key: &str) -> PathBuf {
        self.incoming.join(format!("{key}.part"))
    }

    fn sync_dir(dir: &Path) {
        if let Ok(d) = fs::File::open(dir) {
            let _ = d.sync_all();
        }
    }
}

struct FsPending {
    file: fs::File,
}

impl Write for FsPending {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.file.write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

impl PendingBlob for FsPending {
    fn sync(&mut self) -> io::Result<()> {
        self.file.flush()?;
        self.file.sync_all()
    }
}

impl BlobStore for FsBlobStore {
    fn create(&self, key: &str) -> io::Result<Box<dyn PendingBlob>> {
        if !valid_key(key) {
            return Err(bad_key());
        }
        // 0600: a document is personal data, whatever the umask.
        let file = crate::private_fs::create_new(&self.pending_path(key))?;
        Ok(Box::new(FsPending { file }))
    }

    fn persist(&self, key: &str) -> io::Result<()> {
        if !valid_key(key) {
            return Err(bad_key());
        }
        fs::rename(self.pending_path(key), self.final_path(key))?;
        Self::sync_dir(&self.root);
        Ok(())
    }

    fn discard(&self, key: &str) {
        if valid_key(key) {
            let _ = fs::remove_file(self.pending_path(key));
        }
    }

    fn open_pending(&self, key: &str) -> io::Result<Box<dyn Read + Send>> {
        if !valid_key(key) {
            return Err(bad_key());
        }
        Ok(Box::new(fs::File::open(self.pending_path(key))?))
    }

    fn open(&self, key: &str) -> io::Result<Box<dyn Read + Send>> {
        if !valid_key(key) {
            return Err(bad_key());
        }
        Ok(Box::new(fs::File::open(self.final_path(key))?))
    }

    fn remove(&self, key: &str) -> io::Result<()> {
        if !valid_key(key) {
            return Err(bad_key());
        }
        fs::remove_file(self.final_path(key))?;
        Self::sync_dir(&self.root);
        Ok(())
    }

    fn recover(&self, has_row: &dyn Fn(&str) -> bool) -> io::Result<RecoveryReport> {
        let mut report = RecoveryReport::default();
        for entry in fs::read_dir(&self.incoming)? {
            let path = entry?.path();
            let Some(key) = path
                .file_name()
                .and_then(|n| n.to_str())
                .and_then(|n| n.strip_suffix(".part"))
                .map(str::to_owned)
            else {
                continue;
            };
            if valid_key(&key) && has_row(&key) {
                fs::rename(&path, self.final_path(&key))?;
                report.completed += 1;
            } else {
                fs::remove_file(&path)?;
                report.removed_pending += 1;
            }
        }
        for entry in fs::read_dir(&self.root)? {
            let entry = entry?;
            if !entry.file_type()?.is_file() {
                continue;
            }
            let name = entry.file_name().to_string_lossy().into_owned();
            if !has_row(&name) {
                fs::remove_file(entry.path())?;
                report.removed_orphans += 1;
            }
        }
        Self::sync_dir(&self.root);
        Ok(report)
    }
}

/// The document store: pending uploads and filesystem documents in `files`, database
/// documents in `document_chunks` (read through `pool`), new uploads to `target`.
pub struct Blobs {
    pub files: Arc<dyn BlobStore>,
    pub target: BlobLocation,
    pool: Pool,
}

impl Blobs {
    pub fn new(files: Arc<dyn BlobStore>, target: BlobLocation, pool: Pool) -> Self {
        Blobs {
            files,
            target,
            pool,
        }
    }

    /// Inside the transaction that inserted the document's row: with the database store,
    /// copies the pending upload `key` into `document_chunks` (a failure rolls the row back).
    pub fn store_in_tx(&self, conn: &mut DbConnection, key: &str) -> ApiResult<()> {
        match self.target {
            BlobLocation::Filesystem => Ok(()),
            BlobLocation::Database => {
                let reader = self
                    .files
                    .open_pending(key)
                    .map_err(|e| ApiError::internal(format!("reading upload: {e}")))?;
                copy_into_database(conn, key, reader).map(|_| ())
            }
        }
    }

    /// After the transaction: the filesystem store makes a committed upload visible; the
    /// pending file is removed otherwise (and always with the database store, whose bytes
    /// are committed with the row).
    pub fn finish(&self, key: &str, committed: bool) -> io::Result<()> {
        match (self.target, committed) {
            (BlobLocation::Filesystem, true) => self.files.persist(key),
            _ => {
                self.files.discard(key);
                Ok(())
            }
        }
    }

    /// Opens a document's bytes where its row says they are.
    pub fn open(&self, row: &DocumentRow) -> io::Result<Box<dyn Read + Send>> {
        match row.blob_store {
            BlobLocation::Filesystem => self.files.open(&row.storage_key),
            BlobLocation::Database => Ok(Box::new(ChunkReader::new(
                self.pool.clone(),
                &row.id,
                row.size,
            ))),
        }
    }
}

/// Reads all of `reader` into `document_chunks` under `document_id`, `CHUNK_SIZE` bytes per
/// row; returns the bytes stored and their SHA-256 (hex).
pub fn copy_into_database(
    conn: &mut DbConnection,
    document_id: &str,
    mut reader: impl Read,
) -> ApiResult<(u64, String)> {
    use sha2::{Digest, Sha256};
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; CHUNK_SIZE];
    let mut total = 0u64;
    let mut seq = 0i32;
    loop {
        let n = fill(&mut reader, &mut buf)
            .map_err(|e| ApiError::internal(format!("reading upload: {e}")))?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
        store::insert_chunk(conn, document_id, seq, &buf[..n])?;
        total += n as u64;
        seq += 1;
        if n < buf.len() {
            break;
        }
    }
    Ok((total, hex::encode(hasher.finalize())))
}

/// Reads until `buf` is full or the input ends; returns the bytes read.
fn fill(reader: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match reader.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

/// A database document's bytes, one chunk in memory at a time; each chunk is fetched with a
/// pooled connection held for that query only (a slow client holds no connection).
pub struct ChunkReader {
    pool: Pool,
    document_id: String,
    expected: u64,
    read: u64,
    next_seq: i32,
    chunk: Vec<u8>,
    pos: usize,
}

impl ChunkReader {
    pub fn new(pool: Pool, document_id: &str, size: i64) -> Self {
        ChunkReader {
            pool,
            document_id: document_id.to_owned(),
            expected: size.max(0) as u64,
            read: 0,
            next_seq: 0,
            chunk: Vec::new(),
            pos: 0,
        }
    }

    fn next_chunk(&mut self) -> io::Result<Option<Vec<u8>>> {
        let mut conn = self.pool.get().map_err(io::Error::other)?;
        store::chunk(&mut conn, &self.document_id, self.next_seq)
            .map_err(|e| io::Error::other(e.to_string()))
    }
}

impl Read for ChunkReader {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if self.pos == self.chunk.len() {
            if self.read >= self.expected {
                return Ok(0);
            }
            match self.next_chunk()? {
                Some(chunk) if !chunk.is_empty() => {
                    self.chunk = chunk;
                    self.pos = 0;
                    self.next_seq += 1;
                }
                _ => {
                    return Err(io::Error::new(
                        io::ErrorKind::UnexpectedEof,
                        format!(
                            "document {} has {} of its {} bytes in the database",
                            self.document_id, self.read, self.expected
                        ),
                    ))
                }
            }
        }
        let n = out.len().min(self.chunk.len() - self.pos);
        out[..n].copy_from_slice(&self.chunk[self.pos..self.pos + n]);
        self.pos += n;
        self.read += n as u64;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_persist_read_and_recover() {
        let dir = tempfile::tempdir().unwrap();
        let store = FsBlobStore::new(dir.path()).unwrap();
        let mut b = store.create("a1").unwrap();
        b.write_all(b"hello").unwrap();
        b.sync().unwrap();
        drop(b);
        store.persist("a1").unwrap();
        let mut s = String::new();
        store.open("a1").unwrap().read_to_string(&mut s).unwrap();
        assert_eq!(s, "hello");
        // A crash after commit but before the rename, one before commit, and an orphan.
        store.create("committed").unwrap().write_all(b"x").unwrap();
        store
            .create("uncommitted")
            .unwrap()
            .write_all(b"y")
            .unwrap();
        fs::write(dir.path().join("orphan"), b"z").unwrap();
        let report = store.recover(&|k| k == "a1" || k == "committed").unwrap();
        assert_eq!(
            report,
            RecoveryReport {
                completed: 1,
                removed_pending: 1,
                removed_orphans: 1
            }
        );
        assert!(store.open("committed").is_ok());
        assert!(store.open("orphan").is_err());
        assert!(store.open("a1").is_ok());
        assert!(store.create("../etc/passwd").is_err());
        assert!(store.open("../x").is_err());
    }
}
