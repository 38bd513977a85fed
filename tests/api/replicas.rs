//! Stateless replicas (issue 21): documents every replica can read (the database blob store),
//! `plate-permits migrate-documents`, and reads off a standby (`DATABASE_READ_URL`).
//!
//! The replicas here are separate service instances on one database, each with its own
//! `DATA_DIR`, as on separate hosts. The database store and the standby are PostgreSQL's; on
//! SQLite these tests check that both are refused.

use plate_permits::config::{BlobStoreChoice, Config};
use plate_permits::db::schema::{document_chunks, documents};
use serde_json::Value;
use sha2::{Digest, Sha256};

use diesel::prelude::*;

use crate::helpers::*;

/// Another instance of the service on `app`'s database with a `DATA_DIR` of its own.
struct Replica {
    address: String,
    _data_dir: tempfile::TempDir,
    decisions: std::sync::Arc<plate_permits::db::decisions::Decisions>,
}

async fn replica(app: &TestApp, adjust: impl FnOnce(&mut Config)) -> Replica {
    let data_dir = tempfile::tempdir().unwrap();
    let mut config = app.config.clone();
    config.http.listen_addr = "127.0.0.1:0".parse().unwrap();
    config.data_dir = data_dir.path().to_path_buf();
    adjust(&mut config);
    let built = plate_permits::Application::build(config, app.clock)
        .await
        .expect("replica");
    let address = format!("http://127.0.0.1:{}", built.port());
    let decisions = built.state().decisions.clone();
    tokio::spawn(async move {
        let _ = built.run_until_stopped().await;
    });
    Replica {
        address,
        _data_dir: data_dir,
        decisions,
    }
}

impl Replica {
    async fn get(&self, app: &TestApp, token: &str, path: &str) -> reqwest::Response {
        app.client
            .get(format!("{}/api/v1{path}", self.address))
            .bearer_auth(token)
            .send()
            .await
            .unwrap()
    }
}

/// A PDF of `len` bytes whose content varies along it (so misordered chunks would show).
fn pdf_of(len: usize) -> Vec<u8> {
    let mut bytes = b"%PDF-1.4\n".to_vec();
    let mut x: u32 = 7;
    while bytes.len() < len {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        bytes.push((x >> 16) as u8);
    }
    bytes
}

fn sha256(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Files in a replica's document directory (pending uploads included).
fn files_under(dir: &std::path::Path) -> usize {
    walk(&dir.join("documents"))
}

fn walk(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| {
                    let p = e.path();
                    if p.is_dir() {
                        walk(&p)
                    } else {
                        1
                    }
                })
                .sum()
        })
        .unwrap_or(0)
}

fn location_of(app: &TestApp, id: &str) -> String {
    documents::table
        .filter(documents::id.eq(id))
        .select(documents::blob_store)
        .first(&mut app.db_conn())
        .unwrap()
}

fn chunks_of(app: &TestApp, id: &str) -> i64 {
    document_chunks::table
        .filter(document_chunks::document_id.eq(id))
        .count()
        .get_result(&mut app.db_conn())
        .unwrap()
}

async fn download(resp: reqwest::Response) -> Vec<u8> {
    assert_eq!(resp.status().as_u16(), 200);
    resp.bytes().await.unwrap().to_vec()
}

#[tokio::test]
async fn a_document_uploaded_on_one_replica_downloads_intact_on_another() {
    let app = spawn_app().await;
    if !app.db.is_postgres() {
        // SQLite keeps documents on the filesystem; the database store is refused there.
        return;
    }
    let s = Scenario::new(&app).await.filed().await;
    let second = replica(&app, |_| {}).await;
    // Three chunks and a bit (256 KiB each), and a file smaller than one chunk.
    let big = pdf_of(3 * 256 * 1024 + 1234);
    for bytes in [big.clone(), PDF.to_vec()] {
        let doc = app
            .upload_file(
                &s.agency_a,
                s.id(),
                "other",
                ("scan.pdf", "application/pdf", &bytes),
            )
            .await
            .json(201);
        let id = text(&doc, "id").to_owned();
        assert_eq!(doc["sha256"], sha256(&bytes));
        assert_eq!(location_of(&app, &id), "database");
        let content = second
            .get(&app, &s.directorate, &format!("/documents/{id}/content"))
            .await;
        let got = download(content).await;
        assert_eq!(got.len(), bytes.len());
        assert_eq!(
            sha256(&got),
            sha256(&bytes),
            "same SHA-256 on the other replica"
        );
        // And on the replica that took it.
        let here = download(app.document_content(&s.agency_a, &id).await).await;
        assert_eq!(sha256(&here), sha256(&bytes));
    }
    // Nothing of them on the disk of the replica that took the uploads.
    assert_eq!(files_under(app.data_dir.path()), 0);
    let doc_ids: Vec<String> = documents::table
        .select(documents::id)
        .order(documents::size.desc())
        .load(&mut app.db_conn())
        .unwrap();
    assert_eq!(chunks_of(&app, &doc_ids[0]), 4);
    assert_eq!(chunks_of(&app, &doc_ids[1]), 1);
}

/// Refused uploads leave neither a row nor chunks nor a pending file.
#[tokio::test]
async fn a_refused_upload_leaves_no_chunks() {
    let app = spawn_app_with(|c| {
        c.documents.quota_bytes = plate_permits::config::ByteSize(600 * 1024);
    })
    .await;
    if !app.db.is_postgres() {
        return;
    }
    let s = Scenario::new(&app).await.filed().await;
    let first = pdf_of(400 * 1024);
    app.upload_file(
        &s.agency_a,
        s.id(),
        "other",
        ("a.pdf", "application/pdf", &first),
    )
    .await
    .json(201);
    // The second fits the early check (one byte) but not the quota checked in the
    // transaction, after the whole file was read.
    app.upload_file(
        &s.agency_a,
        s.id(),
        "other",
        ("b.pdf", "application/pdf", &first),
    )
    .await
    .problem(409, "quota_exceeded");
    let total: i64 = document_chunks::table
        .count()
        .get_result(&mut app.db_conn())
        .unwrap();
    assert_eq!(total, 2, "only the first document's chunks");
    assert_eq!(files_under(app.data_dir.path()), 0);
}

#[tokio::test]
async fn migrate_documents_moves_files_into_the_database_verified_and_repeatably() {
    let app = spawn_app_with(|c| c.documents.blob_store = Some(BlobStoreChoice::Filesystem)).await;
    if !app.db.is_postgres() {
        return;
    }
    let s = Scenario::new(&app).await.filed().await;
    let files = [pdf_of(300 * 1024), pdf_of(5_000), PDF.to_vec()];
    let mut ids = Vec::new();
    for bytes in &files {
        let doc: Value = app
            .upload_file(
                &s.agency_a,
                s.id(),
                "other",
                ("f.pdf", "application/pdf", bytes),
            )
            .await
            .json(201);
        ids.push(text(&doc, "id").to_owned());
    }
    for id in &ids {
        assert_eq!(location_of(&app, id), "filesystem");
    }
    // A second replica with its own DATA_DIR cannot read them yet.
    let other = replica(&app, |_| {}).await;
    let before = other
        .get(
            &app,
            &s.directorate,
            &format!("/documents/{}/content", ids[0]),
        )
        .await;
    assert_eq!(before.status().as_u16(), 500);
    // The third file is damaged on disk: it is reported and stays where it is.
    let third = app.data_dir.path().join("documents").join(&ids[2]);
    std::fs::write(&third, b"%PDF-1.4 damaged").unwrap();
    let mut config = app.config.clone();
    config.documents.blob_store = Some(BlobStoreChoice::Database);
    let clock = app.clock;
    let run = |config: Config| {
        tokio::task::spawn_blocking(move || {
            plate_permits::startup::migrate_documents(&config, &clock)
        })
    };
    let outcome = run(config.clone()).await.unwrap();
    let err = outcome
        .expect_err("a damaged file fails the run")
        .to_string();
    assert!(err.contains("1 whose file differs"), "{err}");
    assert_eq!(location_of(&app, &ids[0]), "database");
    assert_eq!(location_of(&app, &ids[1]), "database");
    assert_eq!(location_of(&app, &ids[2]), "filesystem");
    assert_eq!(chunks_of(&app, &ids[0]), 2);
    assert_eq!(chunks_of(&app, &ids[2]), 0);
    assert!(!app.data_dir.path().join("documents").join(&ids[0]).exists());
    // Repaired, the next run moves the rest; a run after that finds nothing to do.
    std::fs::write(&third, &files[2]).unwrap();
    run(config.clone()).await.unwrap().expect("second run");
    run(config).await.unwrap().expect("third run, nothing left");
    assert_eq!(chunks_of(&app, &ids[2]), 1);
    for (id, bytes) in ids.iter().zip(&files) {
        assert_eq!(location_of(&app, id), "database");
        let content = other
            .get(&app, &s.directorate, &format!("/documents/{id}/content"))
            .await;
        assert_eq!(sha256(&download(content).await), sha256(bytes));
    }
    assert_eq!(files_under(app.data_dir.path()), 0);
}

#[tokio::test]
async fn sqlite_refuses_the_database_store_and_a_read_standby() {
    let app = spawn_app().await;
    if app.db.is_postgres() {
        return;
    }
    let mut config = app.config.clone();
    config.http.listen_addr = "127.0.0.1:0".parse().unwrap();
    config.documents.blob_store = Some(BlobStoreChoice::Database);
    let err = plate_permits::Application::build(config.clone(), app.clock)
        .await
        .err()
        .expect("refused")
        .to_string();
    assert!(
        err.contains("BLOB_STORE=database needs PostgreSQL"),
        "{err}"
    );
    config.documents.blob_store = None;
    config.database.read_url = Some(plate_permits::config::Secret::new(
        "postgres://postgres@127.0.0.1:5432/postgres",
    ));
    let err = plate_permits::Application::build(config, app.clock)
        .await
        .err()
        .expect("refused")
        .to_string();
    assert!(err.contains("DATABASE_READ_URL"), "{err}");
}

/// The lists and the SLA report read the standby of `DATABASE_READ_URL` (here, to tell them
/// apart, another database with none of the primary's requests); single resources and the
/// session check stay on the primary. An unreachable standby leaves every read on the primary.
#[tokio::test]
async fn lists_and_the_sla_report_read_the_standby_and_fall_back_to_the_primary() {
    let app = spawn_app().await;
    if !app.db.is_postgres() {
        return;
    }
    let s = Scenario::new(&app).await.filed().await;
    let standby = spawn_app().await;
    let reading = replica(&app, |c| {
        c.database.read_url = Some(plate_permits::config::Secret::new(&standby.db.url));
    })
    .await;
    let count = |v: Value| v["items"].as_array().map(|a| a.len()).unwrap_or(usize::MAX);
    // The monitor finds the standby current within a second or so.
    let mut seen = usize::MAX;
    // Bounded at thirty seconds for a machine busy with other suites; it stops once current.
    for _ in 0..300 {
        let r = reading.get(&app, &s.directorate, "/requests").await;
        assert_eq!(
            r.status().as_u16(),
            200,
            "the session is checked on the primary"
        );
        seen = count(r.json().await.unwrap());
        if seen == 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(seen, 0, "the list came from the standby");
    let one = reading
        .get(&app, &s.directorate, &format!("/requests/{}", s.id()))
        .await;
    assert_eq!(
        one.status().as_u16(),
        200,
        "a single request reads the primary"
    );
    let report: Value = reading
        .get(&app, &s.directorate, "/reports/sla")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(report["overall"]["requests"], 0, "{report}");
    let on_primary = app.get_as(&s.directorate, "/reports/sla").await.json(200);
    assert_eq!(on_primary["overall"]["requests"], 1, "{on_primary}");

    // A standby that cannot be reached: every read goes to the primary.
    let unreachable = replica(&app, |c| {
        c.database.read_url = Some(plate_permits::config::Secret::new(
            "postgres://postgres@127.0.0.1:1/none",
        ));
    })
    .await;
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    let r = unreachable.get(&app, &s.directorate, "/requests").await;
    assert_eq!(r.status().as_u16(), 200);
    assert_eq!(count(r.json().await.unwrap()), 1);
}

/// A session check answered from memory on replica B stops the moment replica A revokes the
/// session: on PostgreSQL by the notification A's transaction sends (B shares no memory with A
/// but the process; only its own listener drops its cache), on SQLite in-process.
#[actix_web::test]
async fn a_session_revoked_on_one_replica_is_refused_on_another_within_100_ms() {
    let app = spawn_app_on_system_clock().await;
    let b = replica(&app, |_| {}).await;
    let login = app.login_ok("admin", ADMIN_PASSWORD).await;
    // B serves the session from memory once it has read it (its listener up on PostgreSQL).
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !b.decisions.is_trusted() && std::time::Instant::now() < deadline {
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    assert!(b.decisions.is_trusted(), "replica B's cache listener is up");
    for _ in 0..3 {
        assert_eq!(b.get(&app, &login.access, "/me").await.status(), 200);
    }
    let (hits, _) = b.decisions.counts();
    assert!(hits >= 1, "B answered the session check from memory");

    let r = app
        .post_as(
            &login.access,
            "/auth/logout",
            &serde_json::json!({"refresh_token": login.refresh}),
        )
        .await;
    assert!(r.status < 300, "logout on A: {}", r.status);
    let revoked = std::time::Instant::now();
    let mut status = 200;
    while revoked.elapsed() < std::time::Duration::from_millis(100) {
        status = b.get(&app, &login.access, "/me").await.status().as_u16();
        if status == 401 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    let took = revoked.elapsed();
    assert_eq!(
        status, 401,
        "B still served the revoked session after {took:?}"
    );
    assert!(took < std::time::Duration::from_millis(100), "{took:?}");
    eprintln!("revocation seen on replica B after {took:?}");
}
