//! Files and folders readable by the service's own user only, whatever the umask.
//!
//! Everything the service writes — the SQLite database and its WAL/SHM, documents and their
//! folders, key files, backup archives and restored files — holds personal data or secrets:
//! files are created 0600 and folders 0700 (modes given at creation, so no moment passes
//! with a wider mode; a umask only ever takes bits away). [`warn_if_wider`] reports at start
//! what already exists with a wider mode (written by an older version or by hand).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

#[cfg(unix)]
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};

pub const FILE_MODE: u32 = 0o600;
pub const DIR_MODE: u32 = 0o700;

/// Creates `dir` and any missing parent, each new one 0700 (existing ones are left as they
/// are, and reported by [`warn_if_wider`]).
pub fn create_dir_all(dir: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    builder.mode(DIR_MODE);
    builder.create(dir)
}

/// Options for a new file, mode 0600 (add `create_new`/`truncate` as needed).
pub fn options() -> fs::OpenOptions {
    let mut options = fs::OpenOptions::new();
    #[cfg(unix)]
    options.mode(FILE_MODE);
    options
}

/// Creates `path` (which must not exist), mode 0600, for writing.
pub fn create_new(path: &Path) -> io::Result<fs::File> {
    options().write(true).create_new(true).open(path)
}

/// Creates or truncates `path` for writing, mode 0600 even when it already existed wider.
pub fn create(path: &Path) -> io::Result<fs::File> {
    let file = options()
        .write(true)
        .create(true)
        .truncate(true)
        .open(path)?;
    restrict(path)?;
    Ok(file)
}

/// Sets an existing file's mode to 0600 (a folder's to 0700); absent paths are left alone.
pub fn restrict(path: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        let meta = match fs::metadata(path) {
            Ok(m) => m,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
            Err(e) => return Err(e),
        };
        let mode = if meta.is_dir() { DIR_MODE } else { FILE_MODE };
        if meta.permissions().mode() & 0o777 != mode {
            fs::set_permissions(path, fs::Permissions::from_mode(mode))?;
        }
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// The SQLite database's companion files (`-wal`, `-shm`, `-journal`).
pub fn sqlite_companions(db: &Path) -> Vec<PathBuf> {
    ["-wal", "-shm", "-journal"]
        .iter()
        .map(|suffix| {
            let mut s = db.as_os_str().to_owned();
            s.push(suffix);
            PathBuf::from(s)
        })
        .collect()
}

/// Creates the SQLite database file 0600 (empty, which SQLite takes for a new database)
/// before anything opens it, so SQLite's WAL and SHM, which take the database file's mode,
/// are 0600 too; its folder is created 0700 when missing.
pub fn prepare_sqlite_file(db: &Path) -> io::Result<()> {
    if let Some(dir) = db.parent().filter(|d| !d.as_os_str().is_empty()) {
        create_dir_all(dir)?;
    }
    match create_new(db) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e),
    }
}

/// The files and folders under `roots` (recursively; a root may be a file) whose mode lets
/// anyone but the owner in: a file wider than 0600, a folder wider than 0700.
pub fn wider_than_private(roots: &[PathBuf]) -> Vec<(PathBuf, u32)> {
    let mut found = Vec::new();
    #[cfg(unix)]
    for root in roots {
        walk(root, &mut found, 0);
    }
    #[cfg(not(unix))]
    let _ = roots;
    found
}

#[cfg(unix)]
fn walk(path: &Path, found: &mut Vec<(PathBuf, u32)>, depth: usize) {
    let Ok(meta) = fs::symlink_metadata(path) else {
        return;
    };
    if meta.file_type().is_symlink() {
        return;
    }
    let mode = meta.permissions().mode() & 0o777;
    if mode & 0o077 != 0 {
        found.push((path.to_path_buf(), mode));
    }
    if meta.is_dir() && depth < 4 {
        if let Ok(entries) = fs::read_dir(path) {
            for entry in entries.flatten() {
                walk(&entry.path(), found, depth + 1);
            }
        }
    }
}

/// Logs a warning naming each file or folder under `roots` that others may read.
pub fn warn_if_wider(roots: &[PathBuf]) -> usize {
    let found = wider_than_private(roots);
    for (path, mode) in &found {
        tracing::warn!(
            path = %path.display(),
            mode = format!("{mode:o}"),
            "readable by other users: the service keeps personal data and keys here; \
             set files to 0600 and folders to 0700 (chmod go-rwx)"
        );
    }
    found.len()
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn modes_hold_and_wider_ones_are_found() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("a/b");
        create_dir_all(&sub).unwrap();
        let f = sub.join("f");
        create_new(&f).unwrap();
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&sub), 0o700);
        assert_eq!(mode(&dir.path().join("a")), 0o700);
        assert_eq!(mode(&f), 0o600);
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o700)).unwrap();
        assert!(wider_than_private(&[dir.path().to_path_buf()]).is_empty());
        fs::set_permissions(&f, fs::Permissions::from_mode(0o644)).unwrap();
        let found = wider_than_private(&[dir.path().to_path_buf()]);
        assert_eq!(found, vec![(f.clone(), 0o644)]);
        restrict(&f).unwrap();
        assert_eq!(mode(&f), 0o600);
    }
}
