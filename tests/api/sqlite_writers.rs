//! Two server processes writing one SQLite file lose nothing.
//!
//! Two instances of the real binary share one SQLite database (WAL, `BEGIN IMMEDIATE`, busy
//! timeout) and take filings at the same time, a bounded number in flight at each. Every
//! filing must be acknowledged with 201 (a `database is locked` 503 or any other 5xx is a
//! loss, and the test does not retry), readable from either process with its history row, and
//! the stored counts must equal the acknowledged ones exactly. PostgreSQL runs skip it.

use std::collections::HashSet;
use std::process::Child;

use diesel::prelude::*;
use futures_util::stream::{self, StreamExt};
use plate_permits::db::schema::{request_history, requests};
use serde_json::Value;

use crate::crash::{free_port, start_binary, wait_ready};
use crate::helpers::*;

/// Filings sent to each process.
const PER_PROCESS: usize = 40;
/// Filings in flight at each process at once.
const IN_FLIGHT: usize = 8;

/// Kills a child process when dropped (also when an assertion fails).
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Bodies for `n` vehicles, no two sharing a plate or a VIN.
fn unique_bodies(n: usize) -> Vec<Value> {
    let mut plates = HashSet::new();
    let mut vins = HashSet::new();
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        let (plate, vin) = random_vehicle();
        if plates.insert(plate.clone()) && vins.insert(vin.clone()) {
            out.push(request_body(&plate, &vin));
        }
    }
    out
}

#[tokio::test]
async fn two_processes_writing_one_sqlite_file_lose_nothing() {
    let app = spawn_app_on_system_clock().await; // beside binaries on the system clock
    if app.db.is_postgres() {
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED two_processes_writing_one_sqlite_file_lose_nothing: SQLite only"
        );
        return;
    }
    let c = app.cast().await;
    let client = reqwest::Client::new();
    let mut servers = Vec::new();
    let mut bases = Vec::new();
    for _ in 0..2 {
        let port = free_port();
        servers.push(Server(start_binary(&app, port)));
        bases.push(format!("http://127.0.0.1:{port}"));
    }
    for base in &bases {
        wait_ready(&client, base).await;
    }

    // 2 × PER_PROCESS filings at once, IN_FLIGHT at a time at each process.
    let bodies = unique_bodies(2 * PER_PROCESS);
    let streams = bases.iter().enumerate().map(|(k, base)| {
        let url = format!("{base}/api/v1/requests");
        let mine: Vec<Value> = bodies[k * PER_PROCESS..(k + 1) * PER_PROCESS].to_vec();
        let client = client.clone();
        let token = c.agency_a.clone();
        async move {
            stream::iter(mine)
                .map(|body| {
                    let req = client.post(&url).bearer_auth(&token).json(&body);
                    async move {
                        let r = req.send().await.expect("the server answers");
                        let status = r.status().as_u16();
                        let json: Value = r.json().await.unwrap_or(Value::Null);
                        (status, json)
                    }
                })
                .buffer_unordered(IN_FLIGHT)
                .collect::<Vec<_>>()
                .await
        }
    });
    let replies: Vec<(u16, Value)> = futures_util::future::join_all(streams)
        .await
        .into_iter()
        .flatten()
        .collect();

    let failed: Vec<&(u16, Value)> = replies.iter().filter(|(s, _)| *s != 201).collect();
    let server_errors = failed.iter().filter(|(s, _)| *s >= 500).count();
    assert!(
        failed.is_empty(),
        "{} of {} filings not acknowledged ({server_errors} 5xx): {:?}",
        failed.len(),
        replies.len(),
        failed.iter().take(5).collect::<Vec<_>>()
    );
    let ids: Vec<String> = replies
        .iter()
        .map(|(_, v)| text(v, "id").to_owned())
        .collect();
    let distinct: HashSet<&String> = ids.iter().collect();
    assert_eq!(distinct.len(), 2 * PER_PROCESS, "one id per filing");

    // Every acknowledged filing is readable from either process, with its history row.
    for id in &ids {
        for base in &bases {
            let r = client
                .get(format!("{base}/api/v1/requests/{id}"))
                .bearer_auth(&c.directorate)
                .send()
                .await
                .unwrap();
            assert_eq!(
                r.status(),
                200,
                "{id} acknowledged but not readable at {base}"
            );
            let r = client
                .get(format!("{base}/api/v1/requests/{id}/history"))
                .bearer_auth(&c.directorate)
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 200, "{id}: history at {base}");
            let h: Value = r.json().await.unwrap();
            let items = h["items"].as_array().expect("history items");
            assert_eq!(field(items, "to"), ["submitted"], "{id}: history at {base}");
        }
    }

    // The stored counts equal the acknowledged ones exactly.
    let mut conn = app.db_conn();
    let stored: i64 = requests::table.count().get_result(&mut conn).unwrap();
    assert_eq!(stored as usize, ids.len(), "stored requests");
    let history: i64 = request_history::table
        .filter(request_history::request_id.eq_any(&ids))
        .count()
        .get_result(&mut conn)
        .unwrap();
    assert_eq!(history as usize, ids.len(), "one history row per filing");
    drop(servers);
}
