#![allow(dead_code)]
//! Test harness: `spawn_app()` starts the real server on port 0 with a fresh database: a temp
//! SQLite file, or a fresh PostgreSQL database when `TEST_DATABASE_URL` is set.
//!
//! Time is an input: every app gets a settable [`Clock`] (`app.clock`) that starts at
//! [`test_now`] — a fixed ordinary working morning unless `TEST_NOW` chooses another instant
//! (RFC 3339, or `wall` for the system's time) — and moves on with real time, so workers and
//! token lifetimes behave as in production. A date-sensitive test pins its own instant with
//! [`spawn_app_at`] (and may `set`/`advance` the clock) and asserts exact values.
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

use chrono::{NaiveDateTime, TimeDelta};
use diesel::connection::SimpleConnection;
pub use plate_permits::clock::Clock;
use plate_permits::config::{Config, Secret};
use plate_permits::db::establish_postgres;
use plate_permits::Application;
use serde_json::Value;

/// A database made for one test and dropped after it.
pub struct TestDb {
    pub url: String,
    pub pg_admin_url: Option<String>,
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
    /// The app's clock: read it for "now", set or advance it to move the service in time.
    pub clock: Clock,
}

/// Sunday 1405/08/03 (2026-10-25) 10:00 Tehran: an ordinary working morning in the longest
/// stretch of 1405 without an official holiday (1405/06/10 to 1405/08/22), so that a test
/// looking a few weeks back or ahead meets only Fridays. The instant every test app starts at
/// unless the test pins another or `TEST_NOW` says otherwise.
pub const DEFAULT_TEST_NOW: &str = "2026-10-25T06:30:00Z";

/// The instant test apps start at: `TEST_NOW` (RFC 3339, e.g. `2026-03-20T20:29:00Z`, or
/// `wall` for the system's time, as under libfaketime), else [`DEFAULT_TEST_NOW`].
pub fn test_now() -> NaiveDateTime {
    static AT: OnceLock<Option<NaiveDateTime>> = OnceLock::new();
    let pinned = AT.get_or_init(|| {
        let chosen = std::env::var("TEST_NOW").unwrap_or_default();
        let chosen = chosen.trim();
        if chosen.eq_ignore_ascii_case("wall") {
            return None;
        }
        let text = if chosen.is_empty() {
            DEFAULT_TEST_NOW
        } else {
            chosen
        };
        let at = chrono::DateTime::parse_from_rfc3339(text)
            .unwrap_or_else(|e| panic!("TEST_NOW={text:?} is not an RFC 3339 instant: {e}"));
        Some(at.naive_utc())
    });
    pinned.unwrap_or_else(|| chrono::Utc::now().naive_utc())
}

/// An instant in Tehran's local time (`y-m-d h:min`, Gregorian), as UTC.
pub fn tehran(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
    chrono::NaiveDate::from_ymd_opt(y, m, d)
        .and_then(|day| day.and_hms_opt(h, min, 0))
        .expect("a valid date and time")
        - TimeDelta::minutes(210)
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
    config.http.listen_addr = "127.0.0.1:0".parse().expect("addr");
    config.data_dir = data_dir.to_path_buf();
    config.database.url = Some(Secret::new(db_url));
    config.auth.jwt_secret = Some(Secret::new(
        "test-secret-test-secret-test-secret-0123456789",
    ));
    config.auth.bootstrap_admin_password = Some(Secret::new(ADMIN_PASSWORD));
    config.http.workers = Some(2);
    config.database.pool_size = Some(8);
    // Expiries happen when a test says so (`app.expire_due()`, or a test that starts the
    // worker), not whenever a background round happens to meet a clock moved past a permit's
    // validity.
    config.permits.expiry_worker = false;
    config.documents.due_worker = false;
    config
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

/// An app on the system's clock, for tests that also run the binary (which has no other) on
/// the same database.
pub async fn spawn_app_on_system_clock() -> TestApp {
    spawn_app_with_clock(Config::system_clock, |_| {}).await
}

/// An app whose clock stands still at `at` (UTC) until the test sets or advances it: for
/// assertions exact to the second.
pub async fn spawn_app_frozen_at(at: NaiveDateTime) -> TestApp {
    spawn_app_with_clock(|c| Clock::fixed(at, c.service_timezone), |_| {}).await
}

/// An app whose clock starts at `at` (UTC) and moves on with real time.
pub async fn spawn_app_at(at: NaiveDateTime) -> TestApp {
    spawn_app_with_clock(|c| Clock::starting_at(at, c.service_timezone), |_| {}).await
}

pub async fn spawn_app_with(adjust: impl FnOnce(&mut Config)) -> TestApp {
    spawn_app_with_clock(
        |c| Clock::starting_at(test_now(), c.service_timezone),
        adjust,
    )
    .await
}

/// An app with the clock `clock` makes for its configuration (after `adjust`).
pub async fn spawn_app_with_clock(
    clock: impl FnOnce(&Config) -> Clock,
    adjust: impl FnOnce(&mut Config),
) -> TestApp {
    init_logs();
    let data_dir = tempfile::tempdir().expect("tempdir");
    let db = fresh_database(data_dir.path());
    let mut config = test_config(data_dir.path(), &db.url);
    adjust(&mut config);
    let clock = clock(&config);
    let app = Application::build(config.clone(), clock)
        .await
        .expect("build app");
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
        clock,
    }
}

impl TestApp {
    /// The app's "now" (its clock's reading), as UTC.
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock.now().and_utc()
    }

    /// The app's service day (Tehran) today.
    pub fn today(&self) -> chrono::NaiveDate {
        self.clock.today()
    }

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
        // With the `If-Match` the operation needs (the resource's current `ETag`).
        let req = self
            .request_checked(reqwest::Method::POST, path, token)
            .await
            .json(body);
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
