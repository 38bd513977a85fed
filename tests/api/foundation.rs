//! The service's frame: health and readiness, errors as problem+json, request ids, the API
//! documents, and configuration errors at start-up.

use crate::helpers::*;
use diesel::RunQueryDsl;
use serde_json::json;

#[tokio::test]
async fn liveness_answers_ok_with_a_request_id() {
    let app = spawn_app().await;
    let resp = app.get_root("/health/live").await;
    assert!(resp.headers().contains_key("x-request-id"));
    assert_eq!(expect_json(resp, 200).await["status"], "ok");
}

#[tokio::test]
async fn readiness_names_the_database() {
    let app = spawn_app().await;
    let body = expect_json(app.get_root("/health/ready").await, 200).await;
    assert_eq!(body["status"], "ready");
    let want = if app.db.is_postgres() {
        "postgresql"
    } else {
        "sqlite"
    };
    assert_eq!(body["database"], want);
}

async fn live_with_request_id(app: &TestApp, id: &str) -> reqwest::Response {
    let req = app
        .client
        .get(app.url("/health/live"))
        .header("x-request-id", id);
    req.send().await.unwrap()
}

#[tokio::test]
async fn a_safe_request_id_is_echoed() {
    let app = spawn_app().await;
    let resp = live_with_request_id(&app, "abc-123").await;
    assert_eq!(resp.headers()["x-request-id"], "abc-123");
}

#[tokio::test]
async fn an_unsafe_request_id_is_replaced() {
    let app = spawn_app().await;
    let resp = live_with_request_id(&app, "<script>").await;
    assert_ne!(resp.headers()["x-request-id"], "<script>");
}

#[tokio::test]
async fn an_unknown_route_is_a_404_problem_in_persian() {
    let app = spawn_app().await;
    let reply = app.get_public("/no-such-thing").await;
    assert_eq!(reply.header("content-language"), "fa");
    assert_eq!(reply.problem(404, "not_found")["title"], "یافت نشد");
}

#[tokio::test]
async fn problems_are_in_english_for_english_readers() {
    let app = spawn_app().await;
    let english = [("accept-language", "en-US,en;q=0.9")];
    let reply = app
        .call(reqwest::Method::GET, "/no-such-thing", None, None, &english)
        .await;
    assert_eq!(reply.header("content-language"), "en");
    assert_eq!(reply.problem(404, "not_found")["title"], "Not found");
}

#[tokio::test]
async fn a_wrong_method_is_405_naming_the_allowed_one() {
    let app = spawn_app().await;
    let resp = app
        .client
        .delete(app.url("/health/live"))
        .send()
        .await
        .unwrap();
    let reply = Reply::read(resp).await;
    assert_eq!(reply.header("allow"), "GET");
    reply.problem(405, "method_not_allowed");
    let reply = app.get_public("/auth/login").await;
    assert_eq!(reply.header("allow"), "POST");
    reply.problem(405, "method_not_allowed");
}

#[tokio::test]
async fn malformed_json_is_400() {
    let app = spawn_app().await;
    let resp = app
        .client
        .post(app.api("/auth/login"))
        .header("content-type", "application/json")
        .body("{\"username\": ")
        .send()
        .await
        .unwrap();
    let body = expect_problem(resp, 400, "malformed_json").await;
    let text = body.to_string();
    assert!(!text.contains("src/"), "no paths leak: {text}");
}

#[tokio::test]
async fn wrong_content_type_is_415() {
    let app = spawn_app().await;
    let resp = app
        .client
        .post(app.api("/auth/login"))
        .header("content-type", "text/plain")
        .body("username=admin")
        .send()
        .await
        .unwrap();
    expect_problem(resp, 415, "unsupported_media_type").await;
}

/// A sign-in with this JSON body.
async fn login_with(app: &TestApp, body: serde_json::Value) -> Reply {
    app.call(reqwest::Method::POST, "/auth/login", None, Some(&body), &[])
        .await
}

#[tokio::test]
async fn oversized_json_is_413() {
    let app = spawn_app().await;
    let big = "x".repeat(200 * 1024);
    let reply = login_with(&app, json!({"username": big, "password": "p"})).await;
    reply.problem(413, "payload_too_large");
}

#[tokio::test]
async fn unknown_fields_are_422_naming_the_field() {
    let app = spawn_app().await;
    let body = json!({"username": "admin", "password": "x", "role": "admin"});
    let problem = login_with(&app, body)
        .await
        .problem(422, "validation_failed");
    assert_eq!(problem["errors"][0]["field"], "role");
    assert_eq!(problem["errors"][0]["code"], "unknown_field");
}

#[tokio::test]
async fn docs_and_openapi_are_served() {
    let app = spawn_app().await;
    assert!(app.get_root("/docs").await.status().is_redirection());
    let resp = app.get_root("/docs/").await;
    assert_eq!(resp.status().as_u16(), 200);
    let html = resp.text().await.unwrap();
    assert!(html.contains("swagger"), "swagger UI page");
    let doc = expect_json(app.get_root("/api-docs/openapi.json").await, 200).await;
    assert_eq!(doc["info"]["title"], "plate-permits API");
    assert!(doc["components"]["securitySchemes"]["bearer"].is_object());
}

/// The committed `openapi/openapi.json` must equal what the code generates. Regenerate with
/// `cargo run -- openapi > openapi/openapi.json` (or run tests with `UPDATE_OPENAPI=1`).
#[test]
fn committed_openapi_matches_the_code() {
    let generated = plate_permits::router::openapi_json();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/openapi/openapi.json");
    if std::env::var("UPDATE_OPENAPI").is_ok() {
        std::fs::write(path, &generated).expect("write openapi.json");
    }
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        committed == generated,
        "openapi/openapi.json is stale: run `cargo run -- openapi > openapi/openapi.json`"
    );
}

async fn ready_status(app: &TestApp) -> u16 {
    app.get_root("/health/ready").await.status().as_u16()
}

/// On PostgreSQL: cut off from its database the service is not ready, and it is ready again
/// without a restart once the database is back.
#[tokio::test]
async fn readiness_follows_the_database_connection() {
    let app = spawn_app().await;
    assert_eq!(ready_status(&app).await, 200);
    let Some(name) = app.db.pg_name.clone() else {
        return;
    };
    // Refuse new connections, then cut the existing ones: not ready. The two statements are
    // sent apart: sent together they run in one implicit transaction, and a pool that
    // reconnected between the cut and the commit kept a live connection for good (the flake
    // CI saw under load).
    app.db.pg_admin(&format!(
        "ALTER DATABASE \"{name}\" ALLOW_CONNECTIONS false"
    ));
    let terminate =
        format!("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'");
    // `pg_terminate_backend` only signals the backends: a probe in the next instant may still
    // find a pooled connection alive (one per pooled connection, and under load a backend can
    // take a while to go), so cut again and wait (bounded, 20 s) for the first 503 and judge
    // that answer.
    let mut down = None;
    let mut seen = Vec::new();
    for _ in 0..200 {
        app.db.pg_admin(&terminate);
        let resp = app.get_root("/health/ready").await;
        if resp.status().as_u16() == 503 {
            down = Some(resp);
            break;
        }
        seen.push(resp.status().as_u16());
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    seen.dedup();
    let down = down.unwrap_or_else(|| {
        panic!("readiness reports the lost database within 20 s; answers seen: {seen:?}")
    });
    expect_problem(down, 503, "service_unavailable").await;
    app.db
        .pg_admin(&format!("ALTER DATABASE \"{name}\" ALLOW_CONNECTIONS true"));
    let mut ok = false;
    for _ in 0..200 {
        if ready_status(&app).await == 200 {
            ok = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(ok, "readiness recovered");
}

#[tokio::test]
async fn a_migration_recorded_as_not_applied_makes_the_service_not_ready() {
    let app = spawn_app().await;
    let mut conn = plate_permits::db::DbManager::connect_url(&app.db.url);
    let version: String = diesel::sql_query(
        "SELECT version FROM __diesel_schema_migrations ORDER BY version DESC LIMIT 1",
    )
    .get_result::<Version>(&mut conn)
    .unwrap()
    .version;
    diesel::sql_query(format!(
        "DELETE FROM __diesel_schema_migrations WHERE version = '{version}'"
    ))
    .execute(&mut conn)
    .unwrap();
    let resp = app.get_root("/health/ready").await;
    expect_problem(resp, 503, "service_unavailable").await;
    diesel::sql_query(format!(
        "INSERT INTO __diesel_schema_migrations (version) VALUES ('{version}')"
    ))
    .execute(&mut conn)
    .unwrap();
    assert_eq!(ready_status(&app).await, 200);
}

#[derive(diesel::QueryableByName)]
struct Version {
    #[diesel(sql_type = diesel::sql_types::Text)]
    version: String,
}

#[test]
fn a_bad_setting_stops_start_up_with_one_line_naming_it() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_plate-permits"))
        .args(["--listen-addr", "not-an-address", "serve"])
        .output()
        .expect("run binary");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.trim().lines().count(), 1, "one line: {stderr}");
    assert!(stderr.contains("--listen-addr"), "{stderr}");
}

#[test]
fn an_unsupported_database_url_is_named_without_its_secrets() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_plate-permits"))
        .env("DATABASE_URL", "mysql://root@localhost/x")
        .env("DATA_DIR", std::env::temp_dir().join("pp-bad-setting"))
        .arg("migrate")
        .output()
        .expect("run binary");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("DATABASE_URL"), "{stderr}");
    assert!(!stderr.contains("root@"), "no URL in the message: {stderr}");
}

#[test]
fn openapi_subcommand_prints_the_document() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_plate-permits"))
        .arg("openapi")
        .output()
        .expect("run binary");
    assert!(out.status.success());
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(doc["openapi"], "3.1.0");
}
