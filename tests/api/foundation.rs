//! Issue 2: health, errors as problem+json, request ids, API docs, configuration.

use crate::helpers::*;
use diesel::RunQueryDsl;
use serde_json::json;

#[tokio::test]
async fn health_live_and_ready() {
    let app = spawn_app().await;
    let resp = app
        .client
        .get(app.url("/health/live"))
        .send()
        .await
        .unwrap();
    assert!(resp.headers().contains_key("x-request-id"));
    let body = expect_json(resp, 200).await;
    assert_eq!(body["status"], "ok");

    let resp = app
        .client
        .get(app.url("/health/ready"))
        .send()
        .await
        .unwrap();
    let body = expect_json(resp, 200).await;
    assert_eq!(body["status"], "ready");
    let want = if app.db.is_postgres() {
        "postgresql"
    } else {
        "sqlite"
    };
    assert_eq!(body["database"], want);
}

#[tokio::test]
async fn request_id_is_echoed_or_generated() {
    let app = spawn_app().await;
    let resp = app
        .client
        .get(app.url("/health/live"))
        .header("x-request-id", "abc-123")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.headers()["x-request-id"], "abc-123");
    // An unsafe id is replaced, not echoed.
    let resp = app
        .client
        .get(app.url("/health/live"))
        .header("x-request-id", "<script>")
        .send()
        .await
        .unwrap();
    assert_ne!(resp.headers()["x-request-id"], "<script>");
}

#[tokio::test]
async fn unknown_route_is_404_problem_in_persian_and_english() {
    let app = spawn_app().await;
    let resp = app
        .client
        .get(app.api("/no-such-thing"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.headers()["content-language"], "fa");
    let body = expect_problem(resp, 404, "not_found").await;
    assert_eq!(body["title"], "یافت نشد");

    let resp = app
        .client
        .get(app.api("/no-such-thing"))
        .header("accept-language", "en-US,en;q=0.9")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.headers()["content-language"], "en");
    let body = expect_problem(resp, 404, "not_found").await;
    assert_eq!(body["title"], "Not found");
}

#[tokio::test]
async fn wrong_method_is_405_with_allow() {
    let app = spawn_app().await;
    let resp = app
        .client
        .delete(app.url("/health/live"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.headers()["allow"], "GET");
    expect_problem(resp, 405, "method_not_allowed").await;
    let resp = app.client.get(app.api("/auth/login")).send().await.unwrap();
    assert_eq!(resp.headers()["allow"], "POST");
    expect_problem(resp, 405, "method_not_allowed").await;
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

#[tokio::test]
async fn oversized_json_is_413() {
    let app = spawn_app().await;
    let big = "x".repeat(200 * 1024);
    let resp = app
        .post_json(
            "/auth/login",
            None,
            &json!({"username": big, "password": "p"}),
        )
        .await;
    expect_problem(resp, 413, "payload_too_large").await;
}

#[tokio::test]
async fn unknown_fields_are_422_naming_the_field() {
    let app = spawn_app().await;
    let resp = app
        .post_json(
            "/auth/login",
            None,
            &json!({"username": "admin", "password": "x", "role": "admin"}),
        )
        .await;
    let body = expect_problem(resp, 422, "validation_failed").await;
    assert_eq!(body["errors"][0]["field"], "role");
    assert_eq!(body["errors"][0]["code"], "unknown_field");
}

#[tokio::test]
async fn docs_and_openapi_are_served() {
    let app = spawn_app().await;
    let resp = app.client.get(app.url("/docs")).send().await.unwrap();
    assert!(resp.status().is_redirection());
    let resp = app.client.get(app.url("/docs/")).send().await.unwrap();
    assert_eq!(resp.status().as_u16(), 200);
    let html = resp.text().await.unwrap();
    assert!(html.contains("swagger"), "swagger UI page");
    let resp = app
        .client
        .get(app.url("/api-docs/openapi.json"))
        .send()
        .await
        .unwrap();
    let doc = expect_json(resp, 200).await;
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

#[tokio::test]
async fn readiness_follows_the_database() {
    let app = spawn_app().await;
    let ready = || async {
        app.client
            .get(app.url("/health/ready"))
            .send()
            .await
            .unwrap()
    };
    assert_eq!(ready().await.status().as_u16(), 200);
    if let Some(name) = app.db.pg_name.clone() {
        // Refuse new connections and cut the existing ones: not ready.
        app.db.pg_admin(&format!(
            "ALTER DATABASE \"{name}\" ALLOW_CONNECTIONS false; \
             SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}';"
        ));
        expect_problem(ready().await, 503, "service_unavailable").await;
        // The database comes back: ready again without a restart.
        app.db
            .pg_admin(&format!("ALTER DATABASE \"{name}\" ALLOW_CONNECTIONS true"));
        let mut ok = false;
        for _ in 0..50 {
            if ready().await.status().as_u16() == 200 {
                ok = true;
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        assert!(ok, "readiness recovered");
    }
    // Both databases: a migration recorded as not applied makes the service not ready.
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
    expect_problem(ready().await, 503, "service_unavailable").await;
    diesel::sql_query(format!(
        "INSERT INTO __diesel_schema_migrations (version) VALUES ('{version}')"
    ))
    .execute(&mut conn)
    .unwrap();
    assert_eq!(ready().await.status().as_u16(), 200);
}

#[derive(diesel::QueryableByName)]
struct Version {
    #[diesel(sql_type = diesel::sql_types::Text)]
    version: String,
}

#[test]
fn bad_setting_stops_startup_with_one_line_naming_it() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_plate-permits"))
        .args(["--listen-addr", "not-an-address", "serve"])
        .output()
        .expect("run binary");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.trim().lines().count(), 1, "one line: {stderr}");
    assert!(stderr.contains("--listen-addr"), "{stderr}");

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
