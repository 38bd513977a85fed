#![allow(dead_code)]
//! Test harness: `spawn_app()` starts the real server on port 0 with a fresh database: a temp
//! SQLite file, or a fresh PostgreSQL database when `TEST_DATABASE_URL` is set.

use std::sync::OnceLock;

use diesel::connection::SimpleConnection;
use diesel::{Connection, PgConnection};
use plate_permits::config::{Config, Secret};
use plate_permits::Application;
use serde_json::{json, Value};

pub const ADMIN_PASSWORD: &str = "admin-password-for-tests";

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
            let mut conn = PgConnection::establish(admin).expect("connect to admin database");
            conn.batch_execute(sql).expect("admin SQL");
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let (Some(admin), Some(name)) = (&self.pg_admin_url, &self.pg_name) {
            if let Ok(mut conn) = PgConnection::establish(admin) {
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
            let mut conn = PgConnection::establish(&base).expect("connect to TEST_DATABASE_URL");
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

    pub async fn get(&self, path: &str, token: Option<&str>) -> reqwest::Response {
        let mut req = self.client.get(self.api(path));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        req.send().await.expect("request")
    }

    pub async fn post_json(
        &self,
        path: &str,
        token: Option<&str>,
        body: &Value,
    ) -> reqwest::Response {
        let mut req = self.client.post(self.api(path)).json(body);
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        req.send().await.expect("request")
    }

    pub async fn patch_json(
        &self,
        path: &str,
        token: Option<&str>,
        body: &Value,
    ) -> reqwest::Response {
        let mut req = self.client.patch(self.api(path)).json(body);
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        req.send().await.expect("request")
    }

    pub async fn delete(&self, path: &str, token: Option<&str>) -> reqwest::Response {
        let mut req = self.client.delete(self.api(path));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        req.send().await.expect("request")
    }
}

/// Reads a response as JSON, asserting its status first (showing the body when it differs).
pub async fn expect_json(resp: reqwest::Response, status: u16) -> Value {
    let got = resp.status().as_u16();
    let text = resp.text().await.expect("body");
    assert_eq!(got, status, "unexpected status; body: {text}");
    if text.is_empty() {
        return Value::Null;
    }
    serde_json::from_str(&text).unwrap_or_else(|_| json!({ "raw": text }))
}

/// Asserts a problem+json response with the given status and code; returns the body.
pub async fn expect_problem(resp: reqwest::Response, status: u16, code: &str) -> Value {
    let content_type = resp
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let body = expect_json(resp, status).await;
    assert_eq!(content_type, "application/problem+json", "body: {body}");
    assert_eq!(body["code"], code, "body: {body}");
    assert_eq!(body["status"], status, "body: {body}");
    for member in ["type", "title", "detail", "errors"] {
        assert!(body.get(member).is_some(), "problem lacks {member}: {body}");
    }
    body
}

// ---- identity fixtures ------------------------------------------------------------------

/// A checksum-valid, random legal-entity id.
pub fn random_national_id() -> String {
    loop {
        let n = uuid::Uuid::new_v4().as_u128();
        let ten = format!("1{:09}", n % 1_000_000_000);
        if let Some(id) = plate_permits::domain::legal_id::LegalId::complete(&ten) {
            return id.as_str().to_owned();
        }
    }
}

pub struct Login {
    pub access: String,
    pub refresh: String,
    pub body: Value,
}

impl TestApp {
    pub async fn login(&self, username: &str, password: &str) -> reqwest::Response {
        self.post_json(
            "/auth/login",
            None,
            &json!({"username": username, "password": password}),
        )
        .await
    }

    pub async fn login_ok(&self, username: &str, password: &str) -> Login {
        let body = expect_json(self.login(username, password).await, 200).await;
        Login {
            access: body["access_token"].as_str().unwrap().to_owned(),
            refresh: body["refresh_token"].as_str().unwrap().to_owned(),
            body,
        }
    }

    pub async fn admin_token(&self) -> String {
        self.login_ok("admin", ADMIN_PASSWORD).await.access
    }

    pub async fn create_org(&self, admin: &str, kind: &str, name: &str) -> String {
        let body = expect_json(
            self.post_json(
                "/organisations",
                Some(admin),
                &json!({"name": name, "kind": kind, "national_id": random_national_id()}),
            )
            .await,
            201,
        )
        .await;
        body["id"].as_str().unwrap().to_owned()
    }

    /// Creates a user with a known password and signs in; returns (user id, access token).
    pub async fn create_user(
        &self,
        admin: &str,
        role: &str,
        org_id: &str,
        username: &str,
    ) -> (String, String) {
        let body = expect_json(
            self.post_json(
                "/users",
                Some(admin),
                &json!({
                    "username": username,
                    "full_name": format!("کاربر {username}"),
                    "role": role,
                    "organisation_id": org_id,
                    "mobile": "09121234567",
                    "password": USER_PASSWORD,
                }),
            )
            .await,
            201,
        )
        .await;
        let id = body["id"].as_str().unwrap().to_owned();
        let token = self.login_ok(username, USER_PASSWORD).await.access;
        (id, token)
    }

    /// The directorate organisation the bootstrap admin belongs to.
    pub async fn directorate_org(&self, admin: &str) -> String {
        let me = expect_json(self.get("/me", Some(admin)).await, 200).await;
        me["organisation_id"].as_str().unwrap().to_owned()
    }

    /// A direct database connection (for assertions on stored rows).
    pub fn db_conn(&self) -> plate_permits::db::DbConnection {
        plate_permits::db::DbManager::connect_url(&self.db.url)
    }
}

pub const USER_PASSWORD: &str = "user-password-for-tests";

/// Signed-in users of every role, with agencies A and B.
pub struct Cast {
    pub admin: String,
    pub directorate: String,
    pub registry: String,
    pub police: String,
    pub agency_a: String,
    pub agency_b: String,
    pub org_a: String,
    pub org_b: String,
    pub org_police: String,
    pub org_directorate: String,
}

impl TestApp {
    pub async fn cast(&self) -> Cast {
        let admin = self.admin_token().await;
        let org_directorate = self.directorate_org(&admin).await;
        let org_a = self.create_org(&admin, "agency", "سازمان الف").await;
        let org_b = self.create_org(&admin, "agency", "سازمان ب").await;
        let org_police = self.create_org(&admin, "police", "پلیس راهور").await;
        let (_, directorate) = self
            .create_user(&admin, "directorate", &org_directorate, "reviewer")
            .await;
        let (_, registry) = self
            .create_user(&admin, "registry", &org_directorate, "registry")
            .await;
        let (_, police) = self
            .create_user(&admin, "police", &org_police, "officer")
            .await;
        let (_, agency_a) = self.create_user(&admin, "agency", &org_a, "agency-a").await;
        let (_, agency_b) = self.create_user(&admin, "agency", &org_b, "agency-b").await;
        Cast {
            admin,
            directorate,
            registry,
            police,
            agency_a,
            agency_b,
            org_a,
            org_b,
            org_police,
            org_directorate,
        }
    }
}

// ---- request fixtures --------------------------------------------------------------------

const VIN_CHARS: &[u8] = b"ABCDEFGHJKLMNPRSTUVWXYZ0123456789";

/// A random, valid, unique vehicle: (plate in Persian digits, VIN).
pub fn random_vehicle() -> (String, String) {
    let n = uuid::Uuid::new_v4().as_u128();
    let first = 10 + (n % 90) as u32;
    let second = 100 + ((n >> 8) % 900) as u32;
    let region = 10 + ((n >> 20) % 90) as u32;
    let plate = format!("{first} الف {second} ایران {region}");
    let mut vin = String::new();
    let mut x = n >> 32;
    for _ in 0..17 {
        vin.push(VIN_CHARS[(x % VIN_CHARS.len() as u128) as usize] as char);
        x /= VIN_CHARS.len() as u128;
        if x == 0 {
            x = uuid::Uuid::new_v4().as_u128();
        }
    }
    (plate, vin)
}

pub fn request_body(plate: &str, vin: &str) -> Value {
    json!({
        "vehicle": {
            "plate": plate,
            "vin": vin,
            "engine_number": "124K0123456",
            "make": "ایران خودرو",
            "model": "سمند LX",
            "year": 1391,
            "vehicle_type": "passenger_car"
        },
        "reason": "auction_sale",
        "letter": {"number": "۱۲۳/۴۵۶", "date": "1403/08/15"},
        "contact": {"name": "رضا احمدي", "mobile": "۰۹۱۴۱۲۳۴۵۶۷"},
        "description": "خودروی فرسوده"
    })
}

impl TestApp {
    /// Files a request for a random vehicle as `agency`; returns the created request.
    pub async fn file_request(&self, agency: &str) -> Value {
        let (plate, vin) = random_vehicle();
        expect_json(
            self.post_json("/requests", Some(agency), &request_body(&plate, &vin))
                .await,
            201,
        )
        .await
    }

    /// Sets a request's status directly in the database (to test actions from states whose
    /// own endpoints are exercised elsewhere).
    pub fn force_status(&self, id: &str, status: &str) {
        use diesel::RunQueryDsl;
        let mut conn = self.db_conn();
        diesel::sql_query(format!(
            "UPDATE requests SET status = '{status}', version = version + 1 WHERE id = '{id}'"
        ))
        .execute(&mut conn)
        .expect("force status");
    }

    pub async fn post_action(
        &self,
        path: &str,
        token: &str,
        body: Option<Value>,
        if_match: Option<&str>,
    ) -> reqwest::Response {
        let mut req = self.client.post(self.api(path)).bearer_auth(token);
        if let Some(b) = body {
            req = req.json(&b);
        }
        if let Some(m) = if_match {
            req = req.header("if-match", m);
        }
        req.send().await.expect("request")
    }
}
