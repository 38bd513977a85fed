//! Crash safety and replicas.
//!
//! - The real binary is killed with SIGKILL in the middle of a stream of filings and
//!   transitions, then restarted on the same database: every change acknowledged with 2xx is
//!   there with its full history, and nothing is half-written (status, version, history, SLA
//!   row and permits agree for every request).
//! - Two instances on one database behind round-robin get the same transitions and receipts
//!   at once: one winner per transition, one receipt per permit, complete histories.

use std::collections::{BTreeMap, HashMap};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use diesel::prelude::*;
use plate_permits::db::schema::{permits, receipts, request_history, request_sla, requests};
use plate_permits::db::DbConnection;
use serde_json::{json, Value};

use crate::helpers::*;

pub(crate) fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// The release/debug binary of this package serving on `app`'s database.
pub(crate) fn start_binary(app: &TestApp, port: u16) -> Child {
    start_binary_with(app, port, &[])
}

/// [`start_binary`] with more settings.
pub(crate) fn start_binary_with(app: &TestApp, port: u16, settings: &[(&str, &str)]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_plate-permits"))
        .arg("serve")
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("DATA_DIR", app.data_dir.path())
        .env("DATABASE_URL", &app.db.url)
        .env(
            "JWT_SECRET",
            app.config.auth.jwt_secret.as_ref().unwrap().expose(),
        )
        .env("LISTEN_ADDR", format!("127.0.0.1:{port}"))
        .env("WEBHOOK_WORKER", "false")
        .env("LOG_FORMAT", "json")
        .env("RUST_LOG", "error")
        .envs(settings.iter().copied())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the binary")
}

pub(crate) async fn wait_ready(client: &reqwest::Client, base: &str) {
    for _ in 0..400 {
        if let Ok(r) = client.get(format!("{base}/health/ready")).send().await {
            if r.status() == 200 {
                return;
            }
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!("server at {base} did not become ready");
}

/// Files a request for a random vehicle at the instance serving `base`.
async fn file_at(
    client: &reqwest::Client,
    base: &str,
    agency: &str,
) -> reqwest::Result<reqwest::Response> {
    let url = format!("{base}/api/v1/requests");
    client
        .post(url)
        .bearer_auth(agency)
        .json(&new_request())
        .send()
        .await
}

/// Acknowledged (2xx) changes per request: the statuses it reached, in order.
type Acks = Arc<Mutex<BTreeMap<String, Vec<String>>>>;

async fn worker(
    client: reqwest::Client,
    base: String,
    agency: String,
    directorate: String,
    acks: Acks,
    n: usize,
) {
    let api = format!("{base}/api/v1");
    for i in 0.. {
        let Ok(r) = file_at(&client, &base, &agency).await else {
            return;
        };
        if r.status() != 201 {
            return;
        }
        // Each step sends the `ETag` of the answer before it in `If-Match` (required).
        let mut etag = r
            .headers()
            .get("etag")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        let Ok(created) = r.json::<Value>().await else {
            return;
        };
        let id = created["id"].as_str().unwrap().to_owned();
        acks.lock()
            .unwrap()
            .insert(id.clone(), vec!["submitted".into()]);
        let steps: Vec<(String, Value, &str)> = vec![
            (
                format!("{api}/requests/{id}/review"),
                json!(null),
                "under_review",
            ),
            if (i + n) % 2 == 0 {
                (
                    format!("{api}/requests/{id}/permit"),
                    // The server is the binary, on the system's clock.
                    new_permit(chrono::Utc::now()),
                    "permit_issued",
                )
            } else {
                (
                    format!("{api}/requests/{id}/reject"),
                    json!({"reason": "مدارک ناقص است.", "reason_code": "incomplete_documents"}),
                    "rejected",
                )
            },
        ];
        for (url, body, to) in steps {
            let mut req = client
                .post(url)
                .bearer_auth(&directorate)
                .header("if-match", &etag);
            if !body.is_null() {
                req = req.json(&body);
            }
            match req.send().await {
                Ok(r) if r.status().is_success() => {
                    if let Some(tag) = r.headers().get("etag").and_then(|v| v.to_str().ok()) {
                        etag = tag.to_owned();
                    }
                    // Acknowledged only once the whole response arrived.
                    if r.bytes().await.is_err() {
                        return;
                    }
                    acks.lock()
                        .unwrap()
                        .get_mut(&id)
                        .unwrap()
                        .push(to.to_owned());
                }
                _ => return,
            }
        }
    }
}

/// Every request's stored parts agree: history chain, status, version, SLA row, permits.
fn assert_consistent(conn: &mut DbConnection) -> usize {
    let rows: Vec<(String, String, i64)> = requests::table
        .select((requests::id, requests::status, requests::version))
        .load::<(String, plate_permits::domain::status::RequestStatus, i64)>(conn)
        .unwrap()
        .into_iter()
        .map(|(id, s, v)| (id, s.as_str().to_owned(), v))
        .collect();
    let history: Vec<(String, i32, Option<String>, String)> = request_history::table
        .order((request_history::request_id, request_history::seq))
        .select((
            request_history::request_id,
            request_history::seq,
            request_history::from_status,
            request_history::to_status,
        ))
        .load::<(
            String,
            i32,
            Option<plate_permits::domain::status::RequestStatus>,
            plate_permits::domain::status::RequestStatus,
        )>(conn)
        .unwrap()
        .into_iter()
        .map(|(id, seq, f, t)| {
            (
                id,
                seq,
                f.map(|s| s.as_str().to_owned()),
                t.as_str().to_owned(),
            )
        })
        .collect();
    let mut by_request: HashMap<String, Vec<(i32, Option<String>, String)>> = HashMap::new();
    for (id, seq, f, t) in history {
        by_request.entry(id).or_default().push((seq, f, t));
    }
    let slas: HashMap<String, String> = request_sla::table
        .select((request_sla::request_id, request_sla::status))
        .load::<(String, String)>(conn)
        .unwrap()
        .into_iter()
        .collect();
    let permit_counts: Vec<(String, i64)> = permits::table
        .group_by(permits::request_id)
        .select((permits::request_id, diesel::dsl::count_star()))
        .load(conn)
        .unwrap();
    let permit_counts: HashMap<String, i64> = permit_counts.into_iter().collect();
    for (id, status, version) in &rows {
        let h = by_request
            .get(id)
            .unwrap_or_else(|| panic!("{id}: no history"));
        assert_eq!(h[0].2, "submitted", "{id}: first entry");
        assert_eq!(h[0].1, None, "{id}: creation entry has no from");
        for (i, (seq, from, _)) in h.iter().enumerate() {
            assert_eq!(*seq as usize, i + 1, "{id}: seq gap");
            if i > 0 {
                assert_eq!(
                    from.as_deref(),
                    Some(h[i - 1].2.as_str()),
                    "{id}: broken chain"
                );
            }
        }
        assert_eq!(
            &h.last().unwrap().2,
            status,
            "{id}: status and history disagree"
        );
        assert_eq!(
            *version as usize,
            h.len(),
            "{id}: version and history disagree"
        );
        assert_eq!(slas.get(id), Some(status), "{id}: SLA row missing or stale");
        let permits_here = permit_counts.get(id).copied().unwrap_or(0);
        let expect = i64::from(status == "permit_issued");
        assert_eq!(
            permits_here, expect,
            "{id}: permits {permits_here} in status {status}"
        );
    }
    rows.len()
}

#[tokio::test]
async fn sigkill_during_a_stream_loses_nothing_acknowledged() {
    // The binary started below reads the system's clock: so does this app.
    let app = spawn_app_on_system_clock().await;
    let c = app.cast().await;
    let client = reqwest::Client::new();
    let acks: Acks = Arc::default();
    let mut total_acked = 0;
    for round in 0..2 {
        let port = free_port();
        let base = format!("http://127.0.0.1:{port}");
        let mut child = start_binary(&app, port);
        wait_ready(&client, &base).await;
        let tasks: Vec<_> = (0..6)
            .map(|n| {
                tokio::spawn(worker(
                    client.clone(),
                    base.clone(),
                    c.agency_a.clone(),
                    c.directorate.clone(),
                    acks.clone(),
                    n + round,
                ))
            })
            .collect();
        tokio::time::sleep(Duration::from_millis(1500 + 400 * round as u64)).await;
        child.kill().expect("SIGKILL"); // SIGKILL on Unix
        child.wait().unwrap();
        for t in tasks {
            let _ = tokio::time::timeout(Duration::from_secs(20), t).await;
        }
        total_acked = acks.lock().unwrap().len();
    }
    assert!(
        total_acked >= 6,
        "the stream made progress before the kill ({total_acked})"
    );

    // Restart on the same database and check every acknowledged change through the API.
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let mut child = start_binary(&app, port);
    wait_ready(&client, &base).await;
    let acked = acks.lock().unwrap().clone();
    for (id, statuses) in &acked {
        let r = client
            .get(format!("{base}/api/v1/requests/{id}/history"))
            .bearer_auth(&c.directorate)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200, "{id} acknowledged but missing");
        let h: Value = r.json().await.unwrap();
        let stored: Vec<&str> = h["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["to"].as_str().unwrap())
            .collect();
        assert!(
            stored.len() >= statuses.len()
                && stored[..statuses.len()]
                    == statuses.iter().map(String::as_str).collect::<Vec<_>>()[..],
            "{id}: acknowledged {statuses:?}, stored {stored:?}"
        );
    }
    let mut conn = app.db_conn();
    let n = assert_consistent(&mut conn);
    assert!(n >= acked.len());
    // The restarted server still takes work.
    let r = file_at(&client, &base, &c.agency_a).await.unwrap();
    assert_eq!(r.status(), 201);
    child.kill().unwrap();
    child.wait().unwrap();
}

/// Fires the same call four times at once, alternating between the two instances, each with
/// the `If-Match` read before the race; returns the statuses. With `key`, each call carries its
/// own idempotency key.
async fn race(
    client: &reqwest::Client,
    bases: &[String; 2],
    (token, tag): (&str, &str),
    path: &str,
    body: Value,
    key: bool,
) -> Vec<u16> {
    let calls = (0..4).map(|k| {
        let mut r = client
            .post(format!("{}/api/v1{path}", bases[k % 2]))
            .bearer_auth(token)
            .header("if-match", tag);
        if !body.is_null() {
            r = r.json(&body);
        }
        if key {
            r = r.header("idempotency-key", format!("k-{}", uuid::Uuid::new_v4()));
        }
        async move { r.send().await.unwrap().status().as_u16() }
    });
    futures_util::future::join_all(calls).await
}

/// One `status` and nothing but `status` or one of `others` (empty: anything else).
#[track_caller]
fn one_winner(statuses: &[u16], status: u16, others: &[u16], what: &str) {
    let wins = statuses.iter().filter(|s| **s == status).count();
    assert_eq!(wins, 1, "{what} {statuses:?}");
    if !others.is_empty() {
        let only = statuses.iter().all(|s| *s == status || others.contains(s));
        assert!(only, "{what} {statuses:?}");
    }
}

#[tokio::test]
async fn two_replicas_keep_every_invariant() {
    let app = spawn_app().await;
    let c = app.cast().await;
    // A second instance on the same database; calls alternate between the two.
    let mut config = app.config.clone();
    config.http.listen_addr = "127.0.0.1:0".parse().unwrap();
    let second = plate_permits::Application::build(config, app.clock)
        .await
        .unwrap();
    let bases = [
        app.address.clone(),
        format!("http://127.0.0.1:{}", second.port()),
    ];
    tokio::spawn(async move {
        let _ = second.run_until_stopped().await;
    });
    let client = reqwest::Client::new();
    let mut ids = Vec::new();
    for i in 0..8 {
        let r = file_at(&client, &bases[i % 2], &c.agency_a).await.unwrap();
        assert_eq!(r.status(), 201);
        let created: Value = r.json().await.unwrap();
        ids.push(text(&created, "id").to_owned());
    }
    // Each transition fired four times at once, round-robin: exactly one wins.
    let mut permit_ids = Vec::new();
    for id in &ids {
        // The losers carry the tag the winner made stale: 412 (409 had they read it after).
        let review = format!("/requests/{id}/review");
        let tag = app
            .precondition_for(&reqwest::Method::POST, &review, Some(&c.directorate))
            .await
            .unwrap();
        let caller = (c.directorate.as_str(), tag.as_str());
        let st = race(&client, &bases, caller, &review, Value::Null, false).await;
        one_winner(&st, 200, &[409, 412], "review");
        let permit = format!("/requests/{id}/permit");
        let tag = app
            .precondition_for(&reqwest::Method::POST, &permit, Some(&c.directorate))
            .await
            .unwrap();
        let caller = (c.directorate.as_str(), tag.as_str());
        let st = race(
            &client,
            &bases,
            caller,
            &permit,
            new_permit(app.now()),
            false,
        )
        .await;
        one_winner(&st, 201, &[], "permit");
        let pid: String = permits::table
            .filter(permits::request_id.eq(id))
            .select(permits::id)
            .first(&mut app.db_conn())
            .unwrap();
        let body = receipt(app.now(), "removed", &format!("R-{}", &pid[..8]));
        let path = format!("/permits/{pid}/receipt");
        let tag = app
            .precondition_for(&reqwest::Method::POST, &path, Some(&c.police))
            .await
            .unwrap();
        let st = race(&client, &bases, (&c.police, &tag), &path, body, true).await;
        one_winner(&st, 201, &[409, 412], "receipt");
        permit_ids.push(pid);
    }
    let mut conn = app.db_conn();
    for pid in &permit_ids {
        let n: i64 = receipts::table
            .filter(receipts::permit_id.eq(pid))
            .count()
            .get_result(&mut conn)
            .unwrap();
        assert_eq!(n, 1, "one receipt per permit");
    }
    let whole = [
        "submitted",
        "under_review",
        "permit_issued",
        "plate_removed",
    ];
    for id in &ids {
        let history = app.history(&c.directorate, id).await;
        assert_eq!(field(&history, "to"), whole, "{id}");
    }
    // Nothing half-written on either side.
    let statuses: Vec<String> = requests::table
        .select(requests::status)
        .load::<plate_permits::domain::status::RequestStatus>(&mut conn)
        .unwrap()
        .into_iter()
        .map(|s| s.as_str().to_owned())
        .collect();
    assert!(statuses.iter().all(|s| s == "plate_removed"));
}

/// What a SIGKILL costs the access log of reads: a stream of request views (each answered
/// 200), the process killed, restarted; every read's entry is written by the batched flush
/// (`AUDIT_FLUSH_INTERVAL_MS`, 500 ms here), so at most the reads of the last interval (and
/// of a flush under way) are lost. The figures are printed for docs/security/audit.md.
#[actix_web::test]
async fn sigkill_loses_at_most_the_last_flush_interval_of_read_entries() {
    use plate_permits::db::schema::audit_log;
    let app = spawn_app_on_system_clock().await;
    let c = app.cast().await;
    let client = reqwest::Client::new();
    let filed = app.file_request(&c.agency_a).await;
    let id = filed["id"].as_str().unwrap().to_owned();
    let count_views = |conn: &mut DbConnection| -> i64 {
        audit_log::table
            .filter(audit_log::about_request_id.eq(&id))
            .filter(audit_log::action.eq(plate_permits::audit::model::Action::RequestViewed))
            .count()
            .get_result(conn)
            .unwrap()
    };
    let before = count_views(&mut app.db_conn());
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let mut child = start_binary_with(&app, port, &[("AUDIT_FLUSH_INTERVAL_MS", "500")]);
    wait_ready(&client, &base).await;
    let started = std::time::Instant::now();
    let mut answered: Vec<Duration> = Vec::new();
    while started.elapsed() < Duration::from_millis(2_000) {
        let r = client
            .get(format!("{base}/api/v1/requests/{id}"))
            .bearer_auth(&c.agency_a)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        answered.push(started.elapsed());
    }
    let killed_at = started.elapsed();
    child.kill().expect("SIGKILL");
    child.wait().unwrap();
    let recorded = count_views(&mut app.db_conn()) - before;
    let acked = answered.len() as i64;
    let lost = acked - recorded;
    // Reads answered within two intervals of the kill (the last one, and a flush under way).
    let last_window = answered
        .iter()
        .filter(|t| killed_at.saturating_sub(**t) <= Duration::from_millis(1_000))
        .count() as i64;
    eprintln!(
        "read entries: {acked} reads answered in {killed_at:?}, {recorded} recorded, {lost} lost \
         ({last_window} answered in the last 1 000 ms)"
    );
    assert!(recorded > 0, "flushes ran before the kill");
    assert!(lost >= 0, "no entry recorded twice");
    assert!(
        lost <= last_window,
        "lost {lost} entries, more than the {last_window} reads of the last two intervals"
    );
}
