//! Hot queries are answered from the indexes made for them, not table scans.

use diesel::{QueryableByName, RunQueryDsl};
use plate_permits::db::DbConnection;

use crate::helpers::*;

#[derive(QueryableByName)]
struct SqlitePlan {
    #[diesel(sql_type = diesel::sql_types::Text)]
    detail: String,
}

#[derive(QueryableByName)]
struct PgPlan {
    #[diesel(sql_type = diesel::sql_types::Text, column_name = "QUERY PLAN")]
    line: String,
}

fn plan(conn: &mut DbConnection, sql: &str) -> String {
    match conn {
        DbConnection::Sqlite(_) => diesel::sql_query(format!("EXPLAIN QUERY PLAN {sql}"))
            .load::<SqlitePlan>(conn)
            .unwrap()
            .into_iter()
            .map(|r| r.detail)
            .collect::<Vec<_>>()
            .join("\n"),
        DbConnection::Postgresql(_) => {
            // With tiny test tables the planner prefers scans; forbid them to see whether an
            // index can answer.
            diesel::sql_query("SET enable_seqscan = off")
                .execute(conn)
                .unwrap();
            diesel::sql_query(format!("EXPLAIN {sql}"))
                .load::<PgPlan>(conn)
                .unwrap()
                .into_iter()
                .map(|r| r.line)
                .collect::<Vec<_>>()
                .join("\n")
        }
    }
}

/// Whether `plan` reads the whole `requests` table (SQLite's plan details start with the step,
/// so a scan is a `SCAN requests` line without `USING`).
fn scans_requests(conn: &DbConnection, plan: &str) -> bool {
    match conn {
        DbConnection::Sqlite(_) => plan
            .lines()
            .any(|l| l.starts_with("SCAN requests") && !l.contains("USING")),
        DbConnection::Postgresql(_) => plan.contains("Seq Scan"),
    }
}

#[tokio::test]
async fn request_list_queries_use_indexes() {
    let app = spawn_app().await;
    let mut conn = app.db_conn();
    let cols = "id, tracking_code, status, organisation_id";
    let queries = [
        format!("SELECT {cols} FROM requests ORDER BY id DESC LIMIT 51"),
        format!("SELECT {cols} FROM requests WHERE organisation_id = 'o1' ORDER BY id DESC LIMIT 51"),
        format!("SELECT {cols} FROM requests WHERE status = 'submitted' ORDER BY id DESC LIMIT 51"),
        format!("SELECT {cols} FROM requests WHERE organisation_id = 'o1' AND status = 'submitted' AND id < 'x' ORDER BY id DESC LIMIT 51"),
        format!("SELECT {cols} FROM requests WHERE letter_number = '1' OR tracking_code = '1' OR plate = '1' OR vin = '1' ORDER BY id DESC LIMIT 51"),
    ];
    for sql in &queries {
        let p = plan(&mut conn, sql);
        assert!(!scans_requests(&conn, &p), "table scan for {sql}:\n{p}");
        assert!(
            p.to_lowercase().contains("index"),
            "no index for {sql}:\n{p}"
        );
    }
}

#[tokio::test]
async fn the_sms_workers_lease_count_reads_only_leased_rows() {
    let app = spawn_app().await;
    let mut conn = app.db_conn();
    // `sms::store::recent_to`'s count of a number's leased messages: through the recipient's
    // index alone it read every message the number ever had.
    let sql = "SELECT recipient FROM sms_messages WHERE recipient IN ('09141234567') \
               AND status = 'pending' AND locked_until > '2026-11-26 10:00:00'";
    let p = plan(&mut conn, sql);
    assert!(p.contains("sms_messages_lease_idx"), "{sql}:\n{p}");
}

#[tokio::test]
async fn the_open_request_check_for_a_vehicle_reads_indexes() {
    let app = spawn_app().await;
    let mut conn = app.db_conn();
    // `requests::store::open_for_vehicle`, run on every filing; one identifier absent (NULL).
    let sql = "SELECT organisation_id, tracking_code FROM requests \
               WHERE (plate = '12 الف 345 ایران 67' OR (vin = 'V1' OR vin = NULL \
               OR chassis_number = 'V1' OR chassis_number = NULL)) \
               AND status <> 'completed' AND status <> 'rejected' AND status <> 'withdrawn' LIMIT 1";
    let p = plan(&mut conn, sql);
    assert!(!scans_requests(&conn, &p), "table scan for {sql}:\n{p}");
}
