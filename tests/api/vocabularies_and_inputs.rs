//! Complaints, feedback and notices: every field issue in one 422, and a stored
//! value outside a vocabulary is an error, never read as a default.

use diesel::RunQueryDsl;
use serde_json::{json, Value};

use crate::helpers::*;

fn fields(problem: &Value) -> Vec<&str> {
    problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect()
}

/// Runs `sql` on `table` past the database's own CHECK constraints, as a value written by a
/// newer release (or by hand) would be: the application must refuse to read it.
fn corrupt(app: &TestApp, table: &str, sql: &str) {
    let mut conn = app.db_conn();
    let lift = if app.db.is_postgres() {
        format!(
            "DO $$ DECLARE c text; BEGIN FOR c IN SELECT conname FROM pg_constraint \
             WHERE conrelid = '{table}'::regclass AND contype = 'c' LOOP \
             EXECUTE 'ALTER TABLE {table} DROP CONSTRAINT ' || quote_ident(c); END LOOP; END $$"
        )
    } else {
        "PRAGMA ignore_check_constraints = ON".to_owned()
    };
    diesel::sql_query(lift)
        .execute(&mut conn)
        .expect("lift the CHECK constraints");
    diesel::sql_query(sql)
        .execute(&mut conn)
        .expect("corrupt a stored value");
}

#[tokio::test]
async fn a_complaint_names_every_invalid_field_at_once() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let body =
        json!({"subject": "", "body": "x", "category": "delay", "request_tracking_code": "123"});
    let p = expect_problem(
        app.post_json("/complaints", Some(&c.agency_a), &body).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(fields(&p), ["subject", "body", "request_tracking_code"]);
}

#[tokio::test]
async fn feedback_and_notices_name_every_invalid_field_at_once() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let r = app.file_request(&c.agency_a).await;
    let path = format!("/requests/{}/feedback", r["id"].as_str().unwrap());
    let body = json!({"rating": 9, "comment": "x".repeat(2001)});
    let p = expect_problem(
        app.post_json(&path, Some(&c.agency_a), &body).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(fields(&p), ["rating", "comment"]);
    let past = (app.now() - chrono::Duration::hours(1)).to_rfc3339();
    let earlier = (app.now() - chrono::Duration::hours(2)).to_rfc3339();
    let body = json!({"kind": "maintenance", "title": "", "body": "", "starts_at": past, "ends_at": earlier});
    let p = expect_problem(
        app.post_json("/notices", Some(&c.admin), &body).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(
        fields(&p),
        ["title", "body", "ends_at", "starts_at", "ends_at"]
    );
}

#[tokio::test]
async fn an_unknown_stored_notice_kind_is_an_error_not_info() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let body = json!({"kind": "outage", "title": "قطعی سامانه", "body": "سامانه در دسترس نیست.", "starts_at": app.now().to_rfc3339(), "ends_at": (app.now() + chrono::Duration::hours(1)).to_rfc3339()});
    expect_json(app.post_json("/notices", Some(&admin), &body).await, 201).await;
    corrupt(&app, "notices", "UPDATE notices SET kind = 'festival'");
    expect_problem(app.get("/notices", None).await, 500, "internal_error").await;
}

#[tokio::test]
async fn an_unknown_stored_complaint_status_or_category_is_an_error() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let body = json!({"subject": "مشکل فنی", "body": "سامانه کند است", "category": "technical"});
    let filed = expect_json(
        app.post_json("/complaints", Some(&c.agency_a), &body).await,
        201,
    )
    .await;
    let path = format!("/complaints/{}", filed["id"].as_str().unwrap());
    expect_json(app.get(&path, Some(&c.agency_a)).await, 200).await;
    corrupt(
        &app,
        "complaints",
        "UPDATE complaints SET status = 'reopened'",
    );
    expect_problem(
        app.get(&path, Some(&c.agency_a)).await,
        500,
        "internal_error",
    )
    .await;
    corrupt(
        &app,
        "complaints",
        "UPDATE complaints SET status = 'received', category = 'billing'",
    );
    expect_problem(
        app.get("/complaints", Some(&c.agency_a)).await,
        500,
        "internal_error",
    )
    .await;
}
