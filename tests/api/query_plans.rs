//! The request list's filters are answered from indexes, not table scans.

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
        let scans = match &conn {
            DbConnection::Sqlite(_) => p
                .lines()
                .any(|l| l.starts_with("SCAN requests") && !l.contains("USING")),
            DbConnection::Postgresql(_) => p.contains("Seq Scan"),
        };
        assert!(!scans, "table scan for {sql}:\n{p}");
        assert!(
            p.to_lowercase().contains("index"),
            "no index for {sql}:\n{p}"
        );
    }
}
