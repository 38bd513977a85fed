#![allow(dead_code)]
//! Test harness: `spawn_app()` starts the real server on port 0 with a fresh database: a temp
//! SQLite file, or a fresh PostgreSQL database when `TEST_DATABASE_URL` is set.
//!
//! - [`client`]: a typed client, one method per call the tests make, answering [`Reply`]s;
//! - [`fixtures`]: valid bodies, files and random vehicles;
//! - [`scenario`]: brings a request to a given state and names what a test needs next;
//! - [`receiver`]: a webhook receiver and an independent signature check;
//! - [`raw`]: raw HTTP over a socket (trickled, stalled and reset bodies).

mod client;
mod fixtures;
mod raw;
mod receiver;
mod scenario;

pub use client::*;
pub use fixtures::*;
pub use raw::*;
pub use receiver::*;
pub use scenario::*;

use std::sync::OnceLock;

use diesel::connection::SimpleConnection;
use plate_permits::config::{Config, Secret};
use plate_permits::db::establish_postgres;
use plate_permits::Application;
use serde_json::Value;

/// A database made for one test and dropped after it.
pub struct TestDb {
    pub url: String,
    pg_admin_url: Option<String>,
    pub pg_name: Option<String>,
}

impl TestDb {
    pub fn is_postgres(&self) -> bool {
        self.pg_name.is_some()
    }

    /// Runs SQL as the PostgreSQL superuser on the maintenance database.
    pub fn pg_admin(&self, sql: &str) {
        if let Some(admin) = &self.pg_admin_url {
            let mut conn = establish_postgres(admin).expect("connect to admin database");
            conn.batch_execute(sql).expect("admin SQL");
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let (Some(admin), Some(name)) = (&self.pg_admin_url, &self.pg_name) {
            if let Ok(mut conn) = establish_postgres(admin) {
                let _ =
                    conn.batch_execute(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"));
            }
        }
    }
}

/// Replaces the database name in a PostgreSQL URL.
pub fn pg_url_with_db(base: &str, db: &str) -> String {
    let (without_query, query) = match base.split_once('?') {
        Some((a, q)) => (a, Some(q)),
        None => (base, None),
    };
    let scheme_end = without_query.find("://").map(|i| i + 3).unwrap_or(0);
    let prefix = match without_query[scheme_end..].find('/') {
        Some(i) => &without_query[..scheme_end + i],
        None => without_query,
    };
    match query {
        Some(q) => format!("{prefix}/{db}?{q}"),
        None => format!("{prefix}/{db}"),
    }
}

pub fn test_database_url() -> Option<String> {
    std::env::var("TEST_DATABASE_URL")
        .ok()
        .filter(|s| !s.is_empty())
}

pub fn fresh_database(dir: &std::path::Path) -> TestDb {
    match test_database_url() {
        Some(base) => {
            let name = format!("pp_test_{}", uuid::Uuid::new_v4().simple());
            let mut conn = establish_postgres(&base).expect("connect to TEST_DATABASE_URL");
            conn.batch_execute(&format!("CREATE DATABASE \"{name}\""))
                .expect("create test database");
            TestDb {
                url: pg_url_with_db(&base, &name),
                pg_admin_url: Some(base),
                pg_name: Some(name),
            }
        }
        None => TestDb {
            url: dir.join("test.db").to_string_lossy().into_owned(),
            pg_admin_url: None,
            pg_name: None,
        },
    }
}

pub struct TestApp {
    pub address: String,
    pub port: u16,
    pub client: reqwest::Client,
    pub db: TestDb,
    pub config: Config,
    pub data_dir: tempfile::TempDir,
    pub server: tokio::task::JoinHandle<()>,
}

fn init_logs() {
    static ONCE: OnceLock<()> = OnceLock::new();
    ONCE.get_or_init(|| {
        if std::env::var("TEST_LOG").is_ok() {
            plate_permits::telemetry::init(plate_permits::config::LogFormat::Pretty);
        }
    });
}

pub fn test_config(data_dir: &std::path::Path, db_url: &str) -> Config {
    let mut config = Config::defaults();
    config.listen_addr = "127.0.0.1:0".parse().expect("addr");
    config.data_dir = data_dir.to_path_buf();
    config.database_url = Some(Secret::new(db_url));
    config.jwt_secret = Some(Secret::new(
        "test-secret-test-secret-test-secret-0123456789",
    ));
    config.bootstrap_admin_password = Some(Secret::new(ADMIN_PASSWORD));
    config.http_workers = Some(2);
    config.db_pool_size = Some(8);
    config
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

pub async fn spawn_app_with(adjust: impl FnOnce(&mut Config)) -> TestApp {
    init_logs();
    let data_dir = tempfile::tempdir().expect("tempdir");
    let db = fresh_database(data_dir.path());
    let mut config = test_config(data_dir.path(), &db.url);
    adjust(&mut config);
    let app = Application::build(config.clone()).await.expect("build app");
    let port = app.port();
    let server = tokio::spawn(async move {
        let _ = app.run_until_stopped().await;
    });
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    TestApp {
        address: format!("http://127.0.0.1:{port}"),
        port,
        client,
        db,
        config,
        data_dir,
        server,
    }
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    pub fn api(&self, path: &str) -> String {
        format!("{}/api/v1{}", self.address, path)
    }

    /// A request under `/api/v1`, signed in as `token` when there is one.
    pub fn request(
        &self,
        method: reqwest::Method,
        path: &str,
        token: Option<&str>,
    ) -> reqwest::RequestBuilder {
        let req = self.client.request(method, self.api(path));
        match token {
            Some(t) => req.bearer_auth(t),
            None => req,
        }
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> reqwest::Response {
        let req = self.request(reqwest::Method::GET, path, token);
        req.send().await.expect("request")
    }

    pub async fn post_json(
        &self,
        path: &str,
        token: Option<&str>,
        body: &Value,
    ) -> reqwest::Response {
        let req = self.request(reqwest::Method::POST, path, token).json(body);
        req.send().await.expect("request")
    }

    /// A direct database connection (for assertions on stored rows).
    pub fn db_conn(&self) -> plate_permits::db::DbConnection {
        plate_permits::db::DbManager::connect_url(&self.db.url)
    }
}

/// Reads a response as JSON, asserting its status first (showing the body when it differs).
pub async fn expect_json(resp: reqwest::Response, status: u16) -> Value {
    Reply::read(resp).await.json(status)
}

/// Asserts a problem+json response with the given status and code; returns the body.
pub async fn expect_problem(resp: reqwest::Response, status: u16, code: &str) -> Value {
    Reply::read(resp).await.problem(status, code)
}
