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
    std::process::Command::new(env!("CARGO_BIN_EXE_plate-permits"))
        .args(args)
        .env("DATA_DIR", data_dir)
        .env("DATABASE_URL", database_url)
        .env("RUST_LOG", "warn")
        .output()
        .expect("run plate-permits")
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
    let verified = cli(
        &["verify-backup", archive.to_str().unwrap()],
        Path::new("/nonexistent"),
        "x.db",
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
    assert_ok(&cli(
        &["restore", archive.to_str().unwrap()],
        &data_dir,
        &db_url,
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
    let app =
        spawn_app_with(|c| c.blob_store = Some(plate_permits::config::BlobStoreChoice::Filesystem))
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
    assert_ok(&cli(
        &["verify-backup", archive.to_str().unwrap()],
        Path::new("/nonexistent"),
        "x.db",
    ));
    let fresh = tempfile::tempdir().unwrap();
    let data_dir = fresh.path().join("data");
    let out = cli(
        &["restore", archive.to_str().unwrap()],
        &data_dir,
        &app.db.url,
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
    let out = cli(
        &["verify-backup", archive.to_str().unwrap()],
        Path::new("/nonexistent"),
        "x.db",
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("SHA-256"));
    let fresh = tempfile::tempdir().unwrap();
    let data_dir = fresh.path().join("data");
    let db = data_dir.join("r.db").to_string_lossy().into_owned();
    let out = cli(&["restore", archive.to_str().unwrap()], &data_dir, &db);
    assert!(!out.status.success());
    assert!(!Path::new(&db).exists());
}
