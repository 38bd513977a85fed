//! `plate-permits backup | verify-backup | restore`: an archive taken while requests keep
//! arriving restores into a fresh `DATA_DIR`, the service starts on it, and every request
//! acknowledged before the backup began is there with its history and documents, byte for
//! byte. On PostgreSQL the archive carries the documents only, and says so.

use std::path::Path;
use std::process::Output;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use plate_permits::Application;
use serde_json::Value;

use crate::helpers::*;

/// Runs the binary with `DATA_DIR` and `DATABASE_URL`.
fn cli(args: &[&str], data_dir: &Path, database_url: &str) -> Output {
    cli_with(args, data_dir, database_url, None)
}

/// Runs the binary with `DATA_DIR`, `DATABASE_URL` and (given) `BACKUP_SIGNING_KEY_FILE`,
/// under a umask that would let everyone read what it writes (0000).
fn cli_with(args: &[&str], data_dir: &Path, database_url: &str, key: Option<&Path>) -> Output {
    let mut cmd = std::process::Command::new("sh");
    cmd.arg("-c")
        .arg("umask 000; exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_plate-permits"))
        .args(args)
        .env("DATA_DIR", data_dir)
        .env("DATABASE_URL", database_url)
        .env("RUST_LOG", "warn")
        .env_remove("JWT_SECRET")
        .env_remove("BACKUP_SIGNING_KEY_FILE");
    if let Some(key) = key {
        cmd.env("BACKUP_SIGNING_KEY_FILE", key);
    }
    cmd.output().expect("run plate-permits")
}

/// The backup-signing key an app generated at its start.
fn key_of(app: &TestApp) -> std::path::PathBuf {
    app.config.data_dir.join("backup-signing-key")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn assert_ok(o: &Output) {
    assert!(
        o.status.success(),
        "exit {:?}\nstdout: {}\nstderr: {}",
        o.status,
        stdout(o),
        String::from_utf8_lossy(&o.stderr)
    );
}

/// A PDF whose bytes are this document's own.
fn pdf(n: usize) -> Vec<u8> {
    let mut b = PDF.to_vec();
    b.extend_from_slice(format!("% document {n}\n").as_bytes());
    b
}

/// One acknowledged request: its id, when the service answered, and its document.
#[derive(Clone)]
struct Acked {
    id: String,
    at: Instant,
    document: Option<(String, Vec<u8>)>,
}

/// Files a request (and, every other time, uploads a document), straight over HTTP.
async fn file_one(client: &reqwest::Client, api: &str, token: &str, n: usize) -> Option<Acked> {
    let resp = client
        .post(format!("{api}/requests"))
        .bearer_auth(token)
        .json(&new_request())
        .send()
        .await
        .ok()?;
    if resp.status() != 201 {
        return None;
    }
    let body: Value = resp.json().await.ok()?;
    let id = body["id"].as_str()?.to_owned();
    let mut document = None;
    if n % 2 == 0 {
        let bytes = pdf(n);
        let part = reqwest::multipart::Part::bytes(bytes.clone())
            .file_name(format!("doc-{n}.pdf"))
            .mime_str("application/pdf")
            .ok()?;
        let form = reqwest::multipart::Form::new()
            .text("document_type", "other")
            .part("file", part);
        let resp = client
            .post(format!("{api}/requests/{id}/documents"))
            .bearer_auth(token)
            .multipart(form)
            .send()
            .await
            .ok()?;
        if resp.status() == 201 {
            let doc: Value = resp.json().await.ok()?;
            document = Some((doc["id"].as_str()?.to_owned(), bytes));
        }
    }
    Some(Acked {
        id,
        at: Instant::now(),
        document,
    })
}

#[tokio::test]
async fn a_backup_under_writes_restores_every_acknowledged_request() {
    if test_database_url().is_some() {
        return documents_only_on_postgres().await;
    }
    let app = spawn_app().await;
    // A long reader (a report, another backup) holds the WAL: no checkpoint moves later writes
    // into the database file, so a backup that copied the file would miss them all.
    let mut reader = plate_permits::db::DbManager::connect_url(&app.db.url);
    {
        use diesel::connection::SimpleConnection;
        reader
            .batch_execute("BEGIN; SELECT COUNT(*) FROM requests;")
            .unwrap();
    }
    let cast = app.cast().await;
    let api = app.api("");
    // Some requests first, then a stream of writes that runs through the backup.
    let acked: Arc<Mutex<Vec<Acked>>> = Arc::default();
    for n in 0..6 {
        let a = file_one(&app.client, &api, &cast.agency_a, n)
            .await
            .unwrap();
        acked.lock().unwrap().push(a);
    }
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let (client, api, token) = (app.client.clone(), api.clone(), cast.agency_a.clone());
        let (acked, stop) = (acked.clone(), stop.clone());
        tokio::spawn(async move {
            let mut n = 100;
            while !stop.load(Ordering::Relaxed) {
                if let Some(a) = file_one(&client, &api, &token, n).await {
                    acked.lock().unwrap().push(a);
                }
                n += 1;
            }
        })
    };
    // Let the stream get going, then back up while it runs.
    while acked.lock().unwrap().len() < 12 {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let archive_dir = tempfile::tempdir().unwrap();
    let archive = archive_dir.path().join("backup.tar");
    let began = Instant::now();
    let out = {
        let (archive, data_dir, url) = (
            archive.clone(),
            app.config.data_dir.clone(),
            app.db.url.clone(),
        );
        tokio::task::spawn_blocking(move || {
            cli(&["backup", archive.to_str().unwrap()], &data_dir, &url)
        })
        .await
        .unwrap()
    };
    let during = acked
        .lock()
        .unwrap()
        .iter()
        .filter(|a| a.at > began)
        .count();
    stop.store(true, Ordering::Relaxed);
    writer.await.unwrap();
    assert_ok(&out);
    let before: Vec<Acked> = acked
        .lock()
        .unwrap()
        .iter()
        .filter(|a| a.at < began)
        .cloned()
        .collect();
    assert!(before.len() >= 12);
    assert!(
        during > 0 || before.len() > 12,
        "no write ran with the backup"
    );
    let original_history: Vec<Vec<Value>> = {
        let mut h = Vec::new();
        for a in &before {
            h.push(app.history(&cast.directorate, &a.id).await);
        }
        h
    };

    // Verified without restoring.
    let verified = cli_with(
        &["verify-backup", archive.to_str().unwrap()],
        Path::new("/nonexistent"),
        "x.db",
        Some(&key_of(&app)),
    );
    assert_ok(&verified);

    // A non-empty DATA_DIR is refused.
    let refused = cli(
        &["restore", archive.to_str().unwrap()],
        &app.config.data_dir,
        &app.db.url,
    );
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("not empty"));

    // Restored into a fresh directory, the service starts on it.
    let fresh = tempfile::tempdir().unwrap();
    let data_dir = fresh.path().join("data");
    let db_url = data_dir.join("restored.db").to_string_lossy().into_owned();
    assert_ok(&cli_with(
        &["restore", archive.to_str().unwrap()],
        &data_dir,
        &db_url,
        Some(&key_of(&app)),
    ));
    // What the restore wrote (database, signing key, documents) is readable by its owner only.
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&db_url).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "restored database mode {mode:o}");
    }
    // The permit-signing keys came along, so papers printed before still verify.
    {
        use std::os::unix::fs::PermissionsExt;
        let keys = "permit-signing-keys.json";
        let original = std::fs::read(app.config.data_dir.join(keys)).unwrap();
        let restored = data_dir.join(keys);
        assert_eq!(std::fs::read(&restored).unwrap(), original);
        let mode = std::fs::metadata(&restored).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "restored signing keys mode {mode:o}");
    }
    let config = test_config(&data_dir, &db_url);
    let restored = Application::build(config, app.clock)
        .await
        .expect("start on the restore");
    let port = restored.port();
    let server = tokio::spawn(async move {
        let _ = restored.run_until_stopped().await;
    });
    let base = format!("http://127.0.0.1:{port}/api/v1");
    let client = reqwest::Client::new();
    let get = |path: String| {
        let (client, token) = (client.clone(), cast.directorate.clone());
        async move {
            let resp = client.get(path).bearer_auth(token).send().await.unwrap();
            (resp.status().as_u16(), resp.bytes().await.unwrap().to_vec())
        }
    };
    for (a, history) in before.iter().zip(&original_history) {
        let (status, _) = get(format!("{base}/requests/{}", a.id)).await;
        assert_eq!(
            status, 200,
            "request {} acknowledged before the backup is lost",
            a.id
        );
        let (status, body) = get(format!("{base}/requests/{}/history", a.id)).await;
        assert_eq!(status, 200);
        let items: Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(&items["items"].as_array().cloned().unwrap(), history);
        if let Some((doc, bytes)) = &a.document {
            let (status, body) = get(format!("{base}/documents/{doc}/content")).await;
            assert_eq!(status, 200);
            assert_eq!(&body, bytes, "document {doc} differs after restore");
        }
    }
    server.abort();
    drop(reader);
}

/// On PostgreSQL the archive holds the documents, says the database is pg_dump's job, and
/// restores the documents byte for byte.
async fn documents_only_on_postgres() {
    // Documents kept in DATA_DIR travel in the archive ...
    let app = spawn_app_with(|c| {
        c.documents.blob_store = Some(plate_permits::config::BlobStoreChoice::Filesystem)
    })
    .await;
    let cast = app.cast().await;
    let api = app.api("");
    let mut docs = Vec::new();
    for n in 0..4 {
        let a = file_one(&app.client, &api, &cast.agency_a, 2 * n)
            .await
            .unwrap();
        docs.push(a.document.unwrap());
    }
    let archive_dir = tempfile::tempdir().unwrap();
    let archive = archive_dir.path().join("backup.tar");
    let out = cli(
        &["backup", archive.to_str().unwrap()],
        &app.config.data_dir,
        &app.db.url,
    );
    assert_ok(&out);
    assert!(stdout(&out).contains("pg_dump"), "{}", stdout(&out));
    assert!(stdout(&out).contains("database_included=false"));
    assert_ok(&cli_with(
        &["verify-backup", archive.to_str().unwrap()],
        Path::new("/nonexistent"),
        "x.db",
        Some(&key_of(&app)),
    ));
    let fresh = tempfile::tempdir().unwrap();
    let data_dir = fresh.path().join("data");
    let out = cli_with(
        &["restore", archive.to_str().unwrap()],
        &data_dir,
        &app.db.url,
        Some(&key_of(&app)),
    );
    assert_ok(&out);
    assert!(stdout(&out).contains("pg_restore"));
    let mut conn = plate_permits::db::DbManager::connect_url(&app.db.url);
    use diesel::prelude::*;
    use plate_permits::db::schema::documents as d;
    for (id, bytes) in &docs {
        let key: String = d::table
            .filter(d::id.eq(id))
            .select(d::storage_key)
            .first(&mut conn)
            .unwrap();
        let restored = std::fs::read(data_dir.join("documents").join(&key)).unwrap();
        assert_eq!(&restored, bytes);
    }

    // ... and documents kept in the database (PostgreSQL's default store) travel with the
    // database's own backup: the archive holds no file of theirs and says so.
    let app = spawn_app().await;
    let cast = app.cast().await;
    file_one(&app.client, &app.api(""), &cast.agency_a, 0)
        .await
        .unwrap();
    let archive = archive_dir.path().join("database-store.tar");
    let out = cli(
        &["backup", archive.to_str().unwrap()],
        &app.config.data_dir,
        &app.db.url,
    );
    assert_ok(&out);
    assert!(stdout(&out).contains("documents=0 "), "{}", stdout(&out));
    assert!(
        stdout(&out).contains("BLOB_STORE=database"),
        "{}",
        stdout(&out)
    );
}

#[tokio::test]
async fn a_tampered_archive_fails_verification_and_is_not_restored() {
    if test_database_url().is_some() {
        return;
    }
    let app = spawn_app().await;
    let cast = app.cast().await;
    file_one(&app.client, &app.api(""), &cast.agency_a, 0)
        .await
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("b.tar");
    assert_ok(&cli(
        &["backup", archive.to_str().unwrap()],
        &app.config.data_dir,
        &app.db.url,
    ));
    // Flip one byte of the document inside the tar.
    let mut bytes = std::fs::read(&archive).unwrap();
    let at = bytes
        .windows(b"% document 0".len())
        .position(|w| w == b"% document 0")
        .expect("document in the archive");
    bytes[at + 2] ^= 0x20;
    std::fs::write(&archive, &bytes).unwrap();
    let out = cli_with(
        &["verify-backup", archive.to_str().unwrap()],
        Path::new("/nonexistent"),
        "x.db",
        Some(&key_of(&app)),
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("SHA-256"));
    let fresh = tempfile::tempdir().unwrap();
    let data_dir = fresh.path().join("data");
    let db = data_dir.join("r.db").to_string_lossy().into_owned();
    let out = cli_with(
        &["restore", archive.to_str().unwrap()],
        &data_dir,
        &db,
        Some(&key_of(&app)),
    );
    assert!(!out.status.success());
    assert!(!Path::new(&db).exists());
}

// ---- issue 33: private files, no token secret in the archive, signed archives, checked schema

fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .permissions()
        .mode()
        & 0o777
}

/// Every entry of an archive, in order.
/// An archive's entries in order: (name, contents).
type Entries = Vec<(String, Vec<u8>)>;

fn entries(archive: &Path) -> Entries {
    use std::io::Read;
    let mut tar = tar::Archive::new(std::fs::File::open(archive).unwrap());
    tar.entries()
        .unwrap()
        .map(|e| {
            let mut e = e.unwrap();
            let path = e.path().unwrap().to_string_lossy().into_owned();
            let mut bytes = Vec::new();
            e.read_to_end(&mut bytes).unwrap();
            (path, bytes)
        })
        .collect()
}

fn write_entries(archive: &Path, entries: &[(String, Vec<u8>)]) {
    let mut tar = tar::Builder::new(std::fs::File::create(archive).unwrap());
    for (path, bytes) in entries {
        let mut h = tar::Header::new_gnu();
        h.set_size(bytes.len() as u64);
        h.set_mode(0o600);
        h.set_entry_type(tar::EntryType::Regular);
        tar.append_data(&mut h, path, bytes.as_slice()).unwrap();
    }
    tar.into_inner().unwrap();
}

fn sha256(bytes: &[u8]) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(bytes))
}

/// What a forger without the backup key does after changing an archive's database: writes a
/// manifest whose sums and counts are right again, keeping the old signature.
fn resum(entries: &mut [(String, Vec<u8>)]) {
    use plate_permits::backup::{FileSum, Manifest};
    let files: Vec<FileSum> = entries
        .iter()
        .filter(|(p, _)| p != "manifest.json" && p != "manifest.sig")
        .map(|(p, b)| FileSum {
            path: p.clone(),
            size: b.len() as u64,
            sha256: sha256(b),
        })
        .collect();
    let db = entries
        .iter()
        .find(|(p, _)| p == "database/plate-permits.db")
        .map(|(_, b)| b.clone());
    let at = entries
        .iter()
        .position(|(p, _)| p == "manifest.json")
        .unwrap();
    let mut m: Manifest = serde_json::from_slice(&entries[at].1).unwrap();
    m.files = files;
    if let Some(db) = db {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.db");
        std::fs::write(&path, db).unwrap();
        let mut conn = plate_permits::db::DbManager::connect_url(path.to_str().unwrap());
        for t in plate_permits::backup::COUNTED {
            m.counts.insert((*t).to_owned(), count(&mut conn, t));
        }
    }
    entries[at].1 = serde_json::to_vec_pretty(&m).unwrap();
}

#[derive(diesel::QueryableByName)]
struct N {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

fn count(conn: &mut plate_permits::db::DbConnection, table: &str) -> i64 {
    use diesel::RunQueryDsl;
    diesel::sql_query(format!("SELECT COUNT(*) AS n FROM {table}"))
        .get_result::<N>(conn)
        .unwrap()
        .n
}

/// Runs `sql` on the archive's SQLite database (as a forger would).
fn tamper_database(entries: &mut [(String, Vec<u8>)], sql: &str) {
    use diesel::connection::SimpleConnection;
    let at = entries
        .iter()
        .position(|(p, _)| p == "database/plate-permits.db")
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    std::fs::write(&path, &entries[at].1).unwrap();
    {
        let mut conn = plate_permits::db::DbManager::connect_url(path.to_str().unwrap());
        conn.batch_execute(sql).unwrap();
        conn.batch_execute("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE;")
            .unwrap();
    }
    entries[at].1 = std::fs::read(&path).unwrap();
}

/// The SQL that copies the `admin` row into a new administrator `intruder`.
fn add_admin_sql(app: &TestApp) -> String {
    use diesel::RunQueryDsl;
    #[derive(diesel::QueryableByName)]
    struct Col {
        #[diesel(sql_type = diesel::sql_types::Text)]
        name: String,
    }
    let mut conn = plate_permits::db::DbManager::connect_url(&app.db.url);
    let cols: Vec<String> = diesel::sql_query("SELECT name FROM pragma_table_info('users')")
        .load::<Col>(&mut conn)
        .unwrap()
        .into_iter()
        .map(|c| c.name)
        .collect();
    let values: Vec<String> = cols
        .iter()
        .map(|c| match c.as_str() {
            "id" => "'01900000-0000-7000-8000-00000000beef'".to_owned(),
            "username" => "'intruder'".to_owned(),
            "username_key" => "'intruder'".to_owned(),
            other => other.to_owned(),
        })
        .collect();
    format!(
        "INSERT INTO users ({}) SELECT {} FROM users WHERE username = 'admin'",
        cols.join(", "),
        values.join(", ")
    )
}

/// `verify-backup` and `restore` both refuse `archive`, naming `why`, and restore writes nothing.
fn assert_refused(archive: &Path, key: &Path, database_url_for_restore: &str, why: &str) {
    let out = cli_with(
        &["verify-backup", archive.to_str().unwrap()],
        Path::new("/nonexistent"),
        "x.db",
        Some(key),
    );
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!out.status.success(), "verify-backup accepted it ({why})");
    assert!(
        err.contains(why),
        "verify-backup: expected {why:?} in {err}"
    );
    let fresh = tempfile::tempdir().unwrap();
    let data_dir = fresh.path().join("data");
    let db = if database_url_for_restore.is_empty() {
        data_dir.join("r.db").to_string_lossy().into_owned()
    } else {
        database_url_for_restore.to_owned()
    };
    let out = cli_with(
        &["restore", archive.to_str().unwrap()],
        &data_dir,
        &db,
        Some(key),
    );
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!out.status.success(), "restore accepted it ({why})");
    assert!(err.contains(why), "restore: expected {why:?} in {err}");
    if database_url_for_restore.is_empty() {
        assert!(!Path::new(&db).exists(), "restore wrote the database");
    }
    let left: Vec<_> = std::fs::read_dir(&data_dir)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    assert!(left.is_empty(), "restore left {left:?}");
}

/// Starts the service on `data_dir` (which `holder` keeps) and `db_url`.
async fn serve_on(
    holder: tempfile::TempDir,
    data_dir: &Path,
    db_url: &str,
    clock: plate_permits::clock::Clock,
    adjust: impl FnOnce(&mut plate_permits::Config),
) -> TestApp {
    let mut config = test_config(data_dir, db_url);
    adjust(&mut config);
    let app = Application::build(config.clone(), clock)
        .await
        .expect("start on the restore");
    let port = app.port();
    let server = tokio::spawn(async move {
        let _ = app.run_until_stopped().await;
    });
    TestApp {
        address: format!("http://127.0.0.1:{port}"),
        port,
        client: reqwest::Client::new(),
        db: TestDb {
            url: db_url.to_owned(),
            pg_admin_url: None,
            pg_name: None,
        },
        config,
        data_dir: holder,
        server,
        clock,
    }
}

/// Files the service writes are 0600 and folders 0700 even under umask 0000; start-up names
/// what is wider; the archive holds no token-signing secret, and restoring it ends every
/// session (old access and refresh tokens are 401; signing in again works).
#[tokio::test]
async fn files_are_private_and_a_restore_without_the_secret_ends_every_session() {
    // SAFETY: umask is process-wide; every file the service writes sets its mode explicitly,
    // which is what this test checks, so other tests running meanwhile are unaffected.
    let old_umask = unsafe { libc::umask(0) };
    let app = spawn_app_with(|c| {
        c.auth.jwt_secret = None;
        c.documents.blob_store = Some(plate_permits::config::BlobStoreChoice::Filesystem);
    })
    .await;
    let admin = app.login_ok("admin", ADMIN_PASSWORD).await;
    let cast = app.cast().await;
    let acked = file_one(&app.client, &app.api(""), &cast.agency_a, 0)
        .await
        .unwrap();
    let (doc_id, _) = acked.document.clone().unwrap();
    let data = app.config.data_dir.clone();
    let key: String = {
        use diesel::prelude::*;
        use plate_permits::db::schema::documents as d;
        d::table
            .filter(d::id.eq(&doc_id))
            .select(d::storage_key)
            .first(&mut app.db_conn())
            .unwrap()
    };
    let mut files = vec![
        data.join("jwt-secret"),
        data.join("permit-signing-keys.json"),
        data.join("backup-signing-key"),
        data.join("documents").join(&key),
    ];
    if !app.db.is_postgres() {
        let db = Path::new(&app.db.url);
        files.push(db.to_path_buf());
        for c in ["-wal", "-shm"] {
            files.push(std::path::PathBuf::from(format!("{}{c}", app.db.url)));
        }
    }
    for f in &files {
        assert_eq!(mode(f), 0o600, "{}", f.display());
    }
    for d in [
        data.join("documents"),
        data.join("documents").join(".incoming"),
    ] {
        assert_eq!(mode(&d), 0o700, "{}", d.display());
    }
    // A DATA_DIR the service creates itself is 0700 too.
    let fresh_data = tempfile::tempdir().unwrap();
    let nested = fresh_data.path().join("a").join("data");
    let out = cli_with(
        &["migrate"],
        &nested,
        &{
            if app.db.is_postgres() {
                app.db.url.clone()
            } else {
                nested.join("x.db").to_string_lossy().into_owned()
            }
        },
        None,
    );
    assert_ok(&out);
    assert_eq!(mode(&nested), 0o700);
    assert_eq!(mode(&fresh_data.path().join("a")), 0o700);

    // The archive is 0600 and holds no token-signing secret.
    let archive_dir = tempfile::tempdir().unwrap();
    let archive = archive_dir.path().join("b.tar");
    assert_ok(&cli(
        &["backup", archive.to_str().unwrap()],
        &data,
        &app.db.url,
    ));
    assert_eq!(mode(&archive), 0o600);
    let names: Vec<String> = entries(&archive).into_iter().map(|(p, _)| p).collect();
    assert!(
        !names.iter().any(|n| n.contains("jwt")),
        "the archive carries the token secret: {names:?}"
    );
    assert_eq!(names.last().map(String::as_str), Some("manifest.sig"));
    let left: Vec<_> = std::fs::read_dir(archive_dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(left.len(), 1, "backup left {left:?}");

    // Start-up names what others may read.
    {
        use std::os::unix::fs::PermissionsExt;
        let doc = data.join("documents").join(&key);
        std::fs::set_permissions(&doc, std::fs::Permissions::from_mode(0o644)).unwrap();
        let out = cli(&["migrate"], &data, &app.db.url);
        assert_ok(&out);
        let log = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            log.contains(&key) && log.contains("readable by other users"),
            "{log}"
        );
        std::fs::set_permissions(&doc, std::fs::Permissions::from_mode(0o600)).unwrap();
    }

    // Restored under umask 0000 into a DATA_DIR holding only the backup key: private again.
    let fresh = tempfile::tempdir().unwrap();
    let restored_dir = fresh.path().join("data");
    unsafe { libc::umask(0o077) };
    std::fs::create_dir_all(&restored_dir).unwrap();
    std::fs::copy(key_of(&app), restored_dir.join("backup-signing-key")).unwrap();
    unsafe { libc::umask(0) };
    let db_url = if app.db.is_postgres() {
        app.db.url.clone()
    } else {
        restored_dir.join("r.db").to_string_lossy().into_owned()
    };
    let out = cli(
        &["restore", archive.to_str().unwrap()],
        &restored_dir,
        &db_url,
    );
    assert_ok(&out);
    assert!(
        stdout(&out).contains("ENDS EVERY SESSION"),
        "{}",
        stdout(&out)
    );
    assert_eq!(mode(&restored_dir.join("documents")), 0o700);
    assert_eq!(mode(&restored_dir.join("documents").join(&key)), 0o600);
    assert_eq!(mode(&restored_dir.join("permit-signing-keys.json")), 0o600);
    assert!(!restored_dir.join("jwt-secret").exists());
    if !app.db.is_postgres() {
        assert_eq!(mode(Path::new(&db_url)), 0o600);
    }
    unsafe { libc::umask(old_umask) };

    // The restored service makes a new secret: every earlier token is refused.
    let restored = serve_on(fresh, &restored_dir, &db_url, app.clock, |c| {
        c.auth.jwt_secret = None;
        c.documents.blob_store = Some(plate_permits::config::BlobStoreChoice::Filesystem);
    })
    .await;
    assert_eq!(restored.me(&admin.access).await.status, 401);
    assert_eq!(restored.me(&cast.directorate).await.status, 401);
    assert_eq!(restored.refresh(&admin.refresh).await.status, 401);
    let again = restored.login_ok("admin", ADMIN_PASSWORD).await;
    assert_eq!(restored.me(&again.access).await.status, 200);
}

/// A forger without the backup key cannot get a changed archive past `verify-backup` or
/// `restore`: an added administrator, a dropped audit trigger, deleted audit rows, a replaced
/// sum, a missing signature, another key's signature — each refused, naming why.
#[tokio::test]
async fn a_forged_archive_is_refused_naming_why() {
    let app = spawn_app_with(|c| {
        c.documents.blob_store = Some(plate_permits::config::BlobStoreChoice::Filesystem)
    })
    .await;
    let cast = app.cast().await;
    file_one(&app.client, &app.api(""), &cast.agency_a, 0)
        .await
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("b.tar");
    assert_ok(&cli(
        &["backup", archive.to_str().unwrap()],
        &app.config.data_dir,
        &app.db.url,
    ));
    let key = key_of(&app);
    let restore_url = if app.db.is_postgres() {
        app.db.url.clone()
    } else {
        String::new()
    };
    let original = entries(&archive);
    let forged = dir.path().join("forged.tar");
    let try_forgery = |change: &dyn Fn(&mut Entries), why: &str| {
        let mut e = original.clone();
        change(&mut e);
        write_entries(&forged, &e);
        assert_refused(&forged, &key, &restore_url, why);
    };

    // Unchanged, it checks out; without the key it cannot be checked at all.
    write_entries(&forged, &original);
    assert_ok(&cli_with(
        &["verify-backup", forged.to_str().unwrap()],
        Path::new("/nonexistent"),
        "x.db",
        Some(&key),
    ));
    let out = cli(
        &["verify-backup", forged.to_str().unwrap()],
        Path::new("/nonexistent"),
        "x.db",
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no backup-signing key"));

    // A replaced sum (the document's bytes changed, the manifest made to match them).
    try_forgery(
        &|e| {
            let doc = e
                .iter_mut()
                .find(|(p, _)| p.starts_with("documents/"))
                .unwrap();
            doc.1.extend_from_slice(b"% forged\n");
            resum(e);
        },
        "signature does not check",
    );
    // Missing signature.
    try_forgery(
        &|e| e.retain(|(p, _)| p != "manifest.sig"),
        "no signature (manifest.sig)",
    );
    // Signed with another key.
    try_forgery(
        &|e| {
            let sig = e.iter_mut().find(|(p, _)| p == "manifest.sig").unwrap();
            let mut v: serde_json::Value = serde_json::from_slice(&sig.1).unwrap();
            v["key_id"] = "0123456789abcdef".into();
            sig.1 = serde_json::to_vec(&v).unwrap();
        },
        "signed with another backup key",
    );

    if !app.db.is_postgres() {
        let add_admin = add_admin_sql(&app);
        // An added administrator, manifest untouched: its sum no longer matches.
        try_forgery(&|e| tamper_database(e, &add_admin), "SHA-256");
        // ... and with the sums and counts recomputed: the signature does not check.
        try_forgery(
            &|e| {
                tamper_database(e, &add_admin);
                resum(e);
            },
            "signature does not check",
        );
        // A dropped audit trigger.
        try_forgery(
            &|e| {
                tamper_database(e, "DROP TRIGGER audit_log_no_delete;");
                resum(e);
            },
            "signature does not check",
        );
        // Deleted sign-in audit rows (the trigger dropped and put back around it).
        let trigger = {
            use diesel::RunQueryDsl;
            #[derive(diesel::QueryableByName)]
            struct Sql {
                #[diesel(sql_type = diesel::sql_types::Text)]
                sql: String,
            }
            diesel::sql_query("SELECT sql FROM sqlite_master WHERE name = 'audit_log_no_delete'")
                .get_result::<Sql>(&mut app.db_conn())
                .unwrap()
                .sql
        };
        try_forgery(
            &|e| {
                tamper_database(
                    e,
                    &format!(
                        "DROP TRIGGER audit_log_no_delete; \
                         DELETE FROM audit_log WHERE action LIKE 'login%'; {trigger};"
                    ),
                );
                resum(e);
            },
            "signature does not check",
        );

        // A backup of a database already tampered with is signed, but its snapshot does not
        // match the migrations: refused too.
        {
            use diesel::connection::SimpleConnection;
            app.db_conn()
                .batch_execute("DROP TRIGGER audit_log_no_update")
                .unwrap();
        }
        let signed = dir.path().join("signed-tampered.tar");
        assert_ok(&cli(
            &["backup", signed.to_str().unwrap()],
            &app.config.data_dir,
            &app.db.url,
        ));
        assert_refused(
            &signed,
            &key,
            &restore_url,
            "trigger audit_log_no_update is missing",
        );
    }
}

/// A database whose append-only triggers or audit guard were changed outside the service is
/// refused at start, naming what differs; so is a malformed permit-signing key file.
#[tokio::test]
async fn a_database_changed_outside_the_migrations_is_refused_at_start() {
    use diesel::connection::SimpleConnection;
    let app = spawn_app().await;
    let pg = app.db.is_postgres();
    let start = |adjust: fn(&mut plate_permits::Config)| {
        let mut config = test_config(&app.config.data_dir, &app.db.url);
        adjust(&mut config);
        let clock = app.clock;
        async move {
            match Application::build(config, clock).await {
                Ok(_) => panic!("started on a tampered database"),
                Err(e) => e.to_string(),
            }
        }
    };
    let run = |sql: &str| app.db_conn().batch_execute(sql).unwrap();
    let cases: Vec<(&str, &str, &str)> = if pg {
        vec![
            (
                "ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only",
                "trigger audit_log_append_only differs",
                "ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only",
            ),
            (
                "CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger AS $$ \
                 BEGIN RETURN OLD; END; $$ LANGUAGE plpgsql",
                "function audit_log_append_only differs",
                "",
            ),
            (
                "DROP TRIGGER requests_contact_mobile_fixed ON requests",
                "trigger requests_contact_mobile_fixed is missing",
                "",
            ),
        ]
    } else {
        vec![
            (
                "DROP TRIGGER audit_log_no_delete",
                "trigger audit_log_no_delete is missing",
                "",
            ),
            (
                "DROP TRIGGER requests_contact_mobile_fixed",
                "trigger requests_contact_mobile_fixed is missing",
                "",
            ),
        ]
    };
    for (sql, why, _) in &cases {
        run(sql);
        let err = start(|_| {}).await;
        assert!(
            err.contains("refusing to serve") && err.contains(why),
            "{why}: {err}"
        );
    }
    // The audit guard: a horizon moved into the future, then the row deleted.
    let fresh = spawn_app().await;
    let run = |sql: &str| fresh.db_conn().batch_execute(sql).unwrap();
    let start = |adjust: fn(&mut plate_permits::Config)| {
        let mut config = test_config(&fresh.config.data_dir, &fresh.db.url);
        adjust(&mut config);
        let clock = fresh.clock;
        async move { Application::build(config, clock).await.map(|_| ()) }
    };
    start(|_| {}).await.expect("an untouched database starts");
    run("UPDATE audit_retention SET purge_before = '2999-01-01 00:00:00'");
    let err = start(|_| {}).await.unwrap_err().to_string();
    assert!(err.contains("retention horizon"), "{err}");
    run("DELETE FROM audit_retention");
    let err = start(|_| {}).await.unwrap_err().to_string();
    assert!(
        err.contains("audit_retention must hold exactly its one row"),
        "{err}"
    );
    run("INSERT INTO audit_retention (id, purge_before) VALUES (1, '1970-01-01 00:00:00')");
    start(|_| {}).await.expect("repaired, it starts");
    // A malformed permit-signing key file stops the start too.
    std::fs::write(
        fresh.config.data_dir.join("permit-signing-keys.json"),
        b"{\"keys\": [{\"id\": \"x\"}]}",
    )
    .unwrap();
    let err = start(|_| {}).await.unwrap_err().to_string();
    assert!(err.contains("permit-signing key"), "{err}");
}

/// An extension the operator or the cluster manager installs (pg_auto_failover installs
/// `pg_stat_statements` in the service's database) is no change to the service's schema: the
/// start-up check leaves extension members out, and still catches a table of the operator's.
#[tokio::test]
async fn an_extension_in_the_database_does_not_stop_the_start() {
    use diesel::connection::SimpleConnection;
    let app = spawn_app().await;
    if !app.db.is_postgres() {
        return;
    }
    let start = || {
        let config = test_config(&app.config.data_dir, &app.db.url);
        let clock = app.clock;
        async move { Application::build(config, clock).await.map(|_| ()) }
    };
    app.db_conn()
        .batch_execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
        .unwrap();
    start()
        .await
        .expect("a database with pg_stat_statements starts");
    app.db_conn()
        .batch_execute("CREATE TABLE operators_notes (id int)")
        .unwrap();
    let err = start().await.unwrap_err().to_string();
    assert!(
        err.contains("table operators_notes is not created by any migration"),
        "{err}"
    );
}
