//! What a PostgreSQL failover does to the service, played on the test database (PostgreSQL
//! only; on SQLite, with no server to lose, these tests return at once). The whole switch with
//! pg_auto_failover is `bench/failover.py`.
//!
//! - The server ends every connection (57P01, as the old primary does when it stops): the
//!   pool drops the dead connections and the next requests succeed, with no restart.
//! - The server takes no connections for a while (no primary reachable): every call is 503
//!   problem+json with `Retry-After`, never 500, `/health/ready` says so, and the service
//!   heals by itself once connections come back.
//! - The server is read-only (a standby, or a primary being demoted, 25006): reads go on,
//!   writes are 503 with `Retry-After` (not 500), readiness is 503, and an `Idempotency-Key`
//!   retry after the switch files the request exactly once.

use std::time::Duration;

use serde_json::Value;

use crate::helpers::*;

/// Ends every session of the test database but the caller's.
fn terminate_connections(app: &TestApp) {
    let name = app.db.pg_name.as_deref().expect("postgres");
    app.db.pg_admin(&format!(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
         WHERE datname = '{name}' AND pid <> pg_backend_pid()"
    ));
}

fn alter_database(app: &TestApp, setting: &str) {
    let name = app.db.pg_name.as_deref().expect("postgres");
    app.db
        .pg_admin(&format!("ALTER DATABASE \"{name}\" {setting}"));
}

/// Asserts the retryable 503 of a database that cannot take the call.
#[track_caller]
fn assert_retryable_503(reply: Reply) -> Value {
    let retry_after: u64 = reply
        .header("retry-after")
        .parse()
        .expect("Retry-After in seconds");
    assert!((1..=30).contains(&retry_after), "Retry-After {retry_after}");
    let problem = reply.problem(503, "service_unavailable");
    assert_eq!(problem["retry_after"], retry_after, "{problem}");
    problem
}

async fn ready(app: &TestApp) -> Reply {
    Reply::read(app.get_root("/health/ready").await).await
}

#[tokio::test]
async fn connections_ended_by_the_server_are_dropped_and_the_next_requests_succeed() {
    let app = spawn_app().await;
    if !app.db.is_postgres() {
        return;
    }
    let c = app.cast().await;
    // Fill the pool with connections, then let the server end them all.
    for _ in 0..8 {
        app.me(&c.directorate).await.json(200);
    }
    terminate_connections(&app);
    // Every pooled connection is dead now: none of them may reach a request.
    for _ in 0..8 {
        app.me(&c.directorate).await.json(200);
        app.file_request(&c.agency_a).await;
    }
    ready(&app).await.json(200);
}

#[tokio::test]
async fn no_reachable_database_is_a_retryable_503_and_the_service_heals_itself() {
    let app = spawn_app().await;
    if !app.db.is_postgres() {
        return;
    }
    let c = app.cast().await;
    alter_database(&app, "ALLOW_CONNECTIONS false");
    terminate_connections(&app);

    let problem = assert_retryable_503(app.file(&c.agency_a, &new_request()).await);
    assert!(
        problem["detail"].as_str().unwrap().contains("پایگاه داده"),
        "{problem}"
    );
    let problem = assert_retryable_503(ready(&app).await);
    assert!(
        problem["detail"].as_str().unwrap().contains("پایگاه داده"),
        "readiness says the database is unreachable: {problem}"
    );

    alter_database(&app, "ALLOW_CONNECTIONS true");
    // Back within seconds, without a restart.
    let mut healed = false;
    for _ in 0..50 {
        if ready(&app).await.status == 200 {
            healed = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(healed, "readiness did not recover");
    app.file_request(&c.agency_a).await;
}

#[tokio::test]
async fn a_read_only_database_refuses_writes_with_a_retryable_503_and_a_keyed_retry_files_once() {
    let app = spawn_app().await;
    if !app.db.is_postgres() {
        return;
    }
    let c = app.cast().await;
    let body = new_request();
    // The database turns read-only (as a standby is) for every new session.
    alter_database(&app, "SET default_transaction_read_only = on");
    terminate_connections(&app);

    // Reads go on; a write is refused with a retryable 503, never a 500.
    app.me(&c.directorate).await.json(200);
    let problem = assert_retryable_503(app.file_keyed(&c.agency_a, &body, "switch-1").await);
    assert!(
        problem["detail"].as_str().unwrap().contains("پایگاه داده"),
        "{problem}"
    );
    assert_retryable_503(ready(&app).await);

    // A primary again: the same call with the same key files the request once.
    alter_database(&app, "RESET default_transaction_read_only");
    terminate_connections(&app);
    let first = app
        .file_keyed(&c.agency_a, &body, "switch-1")
        .await
        .json(201);
    let again = app
        .file_keyed(&c.agency_a, &body, "switch-1")
        .await
        .json(201);
    assert_eq!(first["id"], again["id"]);
    let vin = body["vehicle"]["vin"].as_str().unwrap();
    assert_eq!(app.search(&c.directorate, vin).await.len(), 1);
    ready(&app).await.json(200);
}
