//! Where document bytes live. Handlers see only the [`BlobStore`] trait, so an S3-compatible
//! store can be added without touching them.
//!
//! The filesystem store writes each upload to `DATA_DIR/documents/.incoming/<key>.part`, and
//! renames it to `DATA_DIR/documents/<key>` only after the database row has committed. A crash
//! at any point leaves either a `.part` file (no row: deleted at start-up; a committed row: the
//! rename is completed at start-up) or a finished file with its row. Start-up recovery also
//! deletes finished files that have no row.

use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

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
    /// Opens a finished blob for reading.
    fn open(&self, key: &str) -> io::Result<Box<dyn Read + Send>>;
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
        fs::create_dir_all(&incoming)?;
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
        let file = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(self.pending_path(key))?;
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

    fn open(&self, key: &str) -> io::Result<Box<dyn Read + Send>> {
        if !valid_key(key) {
            return Err(bad_key());
        }
        Ok(Box::new(fs::File::open(self.final_path(key))?))
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
