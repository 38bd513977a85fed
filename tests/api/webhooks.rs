//! Issue 8: webhook deliveries to a real HTTP receiver, verified with an independent signature
//! check.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use actix_web::{web, App, HttpRequest, HttpResponse, HttpServer};
use base64::Engine;
use hmac::Mac;
use serde_json::{json, Value};

use crate::helpers::*;

/// Each request the receiver saw: its headers and body.
type Seen = Vec<(Vec<(String, String)>, String)>;

#[derive(Clone, Default)]
struct Received {
    requests: Arc<Mutex<Seen>>,
    status: Arc<Mutex<u16>>,
}

async fn receive(req: HttpRequest, body: web::Bytes, state: web::Data<Received>) -> HttpResponse {
    let headers = req
        .headers()
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or("").to_owned()))
        .collect();
    state
        .requests
        .lock()
        .unwrap()
        .push((headers, String::from_utf8_lossy(&body).into_owned()));
    let status = *state.status.lock().unwrap();
    HttpResponse::build(actix_web::http::StatusCode::from_u16(status).unwrap())
        .body("receiver says hello")
}

/// A receiver on port 0; returns its URL and what it saw.
fn receiver(status: u16) -> (String, Received) {
    let state = Received::default();
    *state.status.lock().unwrap() = status;
    let data = web::Data::new(state.clone());
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = HttpServer::new(move || {
        App::new()
            .app_data(data.clone())
            .default_service(web::to(receive))
    })
    .workers(1)
    .listen(listener)
    .unwrap()
    .run();
    tokio::spawn(server);
    (format!("http://127.0.0.1:{port}/hook"), state)
}

fn header<'a>(h: &'a [(String, String)], name: &str) -> &'a str {
    h.iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .unwrap_or("")
}

/// Standard Webhooks verification, written independently of the service's code.
fn verify(secret: &str, headers: &[(String, String)], body: &str) -> bool {
    let key = base64::engine::general_purpose::STANDARD
        .decode(secret.trim_start_matches("whsec_"))
        .unwrap();
    let signed = format!(
        "{}.{}.{}",
        header(headers, "webhook-id"),
        header(headers, "webhook-timestamp"),
        body
    );
    let mut mac = <hmac::Hmac<sha2::Sha256> as Mac>::new_from_slice(&key).unwrap();
    mac.update(signed.as_bytes());
    let expected = base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes());
    header(headers, "webhook-signature")
        .split(' ')
        .any(|s| s.strip_prefix("v1,") == Some(expected.as_str()))
}

async fn wait_for<F: Fn() -> bool>(f: F) -> bool {
    for _ in 0..100 {
        if f() {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    false
}

#[tokio::test]
async fn events_are_delivered_signed_and_scoped() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let (url, seen) = receiver(200);
    let (url_a, seen_a) = receiver(200);
    let hook = expect_json(
        app.post_json(
            "/webhooks",
            Some(&c.admin),
            &json!({"url": url, "types": ["request.submitted", "request.status_changed"]}),
        )
        .await,
        201,
    )
    .await;
    let secret = hook["secret"].as_str().unwrap().to_owned();
    assert!(secret.starts_with("whsec_"));
    let hook_a = expect_json(
        app.post_json(
            "/webhooks",
            Some(&c.admin),
            &json!({"url": url_a, "types": ["request.submitted"], "organisation_id": c.org_a}),
        )
        .await,
        201,
    )
    .await;
    // Validation: only http(s), known types.
    expect_problem(
        app.post_json(
            "/webhooks",
            Some(&c.admin),
            &json!({"url": "ftp://x/y", "types": ["request.submitted"]}),
        )
        .await,
        422,
        "validation_failed",
    )
    .await;
    expect_problem(
        app.post_json(
            "/webhooks",
            Some(&c.admin),
            &json!({"url": url, "types": ["nope"]}),
        )
        .await,
        422,
        "validation_failed",
    )
    .await;
    expect_problem(
        app.post_json(
            "/webhooks",
            Some(&c.directorate),
            &json!({"url": url, "types": ["request.submitted"]}),
        )
        .await,
        403,
        "forbidden",
    )
    .await;
    let a = app.file_request(&c.agency_a).await;
    app.file_request(&c.agency_b).await;
    let id = a["id"].as_str().unwrap();
    expect_json(
        app.post_action(
            &format!("/requests/{id}/review"),
            &c.directorate,
            None,
            None,
        )
        .await,
        200,
    )
    .await;
    assert!(
        wait_for(|| seen.requests.lock().unwrap().len() >= 3).await,
        "three deliveries"
    );
    assert!(wait_for(|| !seen_a.requests.lock().unwrap().is_empty()).await);
    tokio::time::sleep(Duration::from_millis(500)).await;
    let got = seen.requests.lock().unwrap().clone();
    assert_eq!(got.len(), 3, "each event once");
    let (feed, _) = {
        let page = expect_json(app.get("/events", Some(&c.directorate)).await, 200).await;
        (page["items"].as_array().unwrap().clone(), ())
    };
    for (headers, body) in &got {
        assert!(verify(&secret, headers, body), "signature verifies");
        let ev: Value = serde_json::from_str(body).unwrap();
        assert_eq!(header(headers, "webhook-id"), ev["id"].as_str().unwrap());
        assert!(feed.iter().any(|f| f["id"] == ev["id"]));
    }
    // The agency-bound subscription saw only agency A's event.
    let only_a = seen_a.requests.lock().unwrap().clone();
    assert_eq!(only_a.len(), 1);
    let ev: Value = serde_json::from_str(&only_a[0].1).unwrap();
    assert_eq!(ev["subject"]["id"], a["id"]);
    // Deliveries are listed as delivered, with the start of the response.
    let list = expect_json(
        app.get(
            &format!("/webhooks/{}/deliveries", hook["id"].as_str().unwrap()),
            Some(&c.admin),
        )
        .await,
        200,
    )
    .await;
    let items = list["items"].as_array().unwrap();
    assert_eq!(items.len(), 3);
    assert!(items
        .iter()
        .all(|d| d["status"] == "delivered" && d["attempts"] == 1 && d["last_status"] == 200));
    assert_eq!(items[0]["response_excerpt"], "receiver says hello");
    let _ = hook_a;
    // Rotation: during the overlap both secrets sign.
    let rotated = expect_json(
        app.post_json(
            &format!("/webhooks/{}/rotate-secret", hook["id"].as_str().unwrap()),
            Some(&c.admin),
            &json!({}),
        )
        .await,
        200,
    )
    .await;
    let new_secret = rotated["secret"].as_str().unwrap().to_owned();
    app.file_request(&c.agency_a).await;
    assert!(wait_for(|| seen.requests.lock().unwrap().len() >= 4).await);
    let last = seen.requests.lock().unwrap().last().cloned().unwrap();
    assert!(verify(&new_secret, &last.0, &last.1) && verify(&secret, &last.0, &last.1));
    // Unsubscribed: nothing more.
    let resp = app
        .delete(
            &format!("/webhooks/{}", hook["id"].as_str().unwrap()),
            Some(&c.admin),
        )
        .await;
    assert_eq!(resp.status().as_u16(), 204);
    app.file_request(&c.agency_a).await;
    tokio::time::sleep(Duration::from_millis(800)).await;
    assert_eq!(seen.requests.lock().unwrap().len(), 4);
}

#[tokio::test]
async fn failures_are_retried_then_failed_and_can_be_retried_by_hand() {
    let app = spawn_app_with(|c| {
        c.webhook_retry_window_secs = 2;
        c.webhook_backoff_base_ms = 100;
    })
    .await;
    let c = app.cast().await;
    let (url, seen) = receiver(500);
    let hook = expect_json(
        app.post_json(
            "/webhooks",
            Some(&c.admin),
            &json!({"url": url, "types": ["request.submitted"]}),
        )
        .await,
        201,
    )
    .await;
    let hid = hook["id"].as_str().unwrap().to_owned();
    app.file_request(&c.agency_a).await;
    let mut last = Value::Null;
    for _ in 0..60 {
        last = expect_json(
            app.get(&format!("/webhooks/{hid}/deliveries"), Some(&c.admin))
                .await,
            200,
        )
        .await;
        if last["items"][0]["status"] == "failed" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let d = &last["items"][0];
    assert_eq!(d["status"], "failed", "{last}");
    assert!(d["attempts"].as_i64().unwrap() >= 2, "retried: {d}");
    assert_eq!(d["last_status"], 500);
    let attempts = seen.requests.lock().unwrap().len();
    assert!(attempts >= 2);
    // Same webhook-id on every attempt, so receivers can deduplicate.
    let ids: std::collections::HashSet<String> = seen
        .requests
        .lock()
        .unwrap()
        .iter()
        .map(|(h, _)| header(h, "webhook-id").to_owned())
        .collect();
    assert_eq!(ids.len(), 1);
    // The receiver is fixed; a manual retry delivers.
    *seen.status.lock().unwrap() = 200;
    let did = d["id"].as_str().unwrap();
    let r = expect_json(
        app.post_json(
            &format!("/webhooks/{hid}/deliveries/{did}/retry"),
            Some(&c.admin),
            &json!({}),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(r["status"], "pending");
    let mut ok = false;
    for _ in 0..50 {
        let l = expect_json(
            app.get(&format!("/webhooks/{hid}/deliveries"), Some(&c.admin))
                .await,
            200,
        )
        .await;
        if l["items"][0]["status"] == "delivered" {
            ok = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(ok, "delivered after the manual retry");
}

#[tokio::test]
async fn timeouts_are_retried() {
    let app = spawn_app_with(|c| {
        c.webhook_timeout_ms = 300;
        c.webhook_backoff_base_ms = 100;
    })
    .await;
    let c = app.cast().await;
    // A receiver that answers too slowly for the first two attempts.
    let state = Received::default();
    *state.status.lock().unwrap() = 200;
    let data = web::Data::new(state.clone());
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = HttpServer::new(move || {
        App::new().app_data(data.clone()).default_service(web::to(
            |req: HttpRequest, body: web::Bytes, state: web::Data<Received>| async move {
                let n = state.requests.lock().unwrap().len();
                if n < 2 {
                    state.requests.lock().unwrap().push((vec![], String::new()));
                    tokio::time::sleep(Duration::from_millis(1500)).await;
                }
                receive(req, body, state).await
            },
        ))
    })
    .workers(2)
    .listen(listener)
    .unwrap()
    .run();
    tokio::spawn(server);
    let hook = expect_json(
        app.post_json(
            "/webhooks",
            Some(&c.admin),
            &json!({"url": format!("http://127.0.0.1:{port}/"), "types": ["request.submitted"]}),
        )
        .await,
        201,
    )
    .await;
    let hid = hook["id"].as_str().unwrap().to_owned();
    app.file_request(&c.agency_a).await;
    let mut last = Value::Null;
    for _ in 0..80 {
        last = expect_json(
            app.get(&format!("/webhooks/{hid}/deliveries"), Some(&c.admin))
                .await,
            200,
        )
        .await;
        if last["items"][0]["status"] == "delivered" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(last["items"][0]["status"], "delivered", "{last}");
    assert!(
        last["items"][0]["attempts"].as_i64().unwrap() >= 3,
        "{last}"
    );
}

/// Events committed while no worker runs (as if it was killed between commit and delivery)
/// arrive once a worker runs; two instances on one database deliver every event exactly once.
#[tokio::test]
async fn nothing_is_lost_without_a_worker_and_two_workers_never_double_deliver() {
    let app = spawn_app_with(|c| c.webhook_worker = false).await;
    let c = app.cast().await;
    let (url, seen) = receiver(200);
    expect_json(
        app.post_json(
            "/webhooks",
            Some(&c.admin),
            &json!({"url": url, "types": ["request.submitted"]}),
        )
        .await,
        201,
    )
    .await;
    for _ in 0..12 {
        app.file_request(&c.agency_a).await;
    }
    tokio::time::sleep(Duration::from_millis(700)).await;
    assert!(
        seen.requests.lock().unwrap().is_empty(),
        "no worker, no delivery yet"
    );
    // Two more instances on the same database, both running the worker.
    let mut instances = Vec::new();
    for _ in 0..2 {
        let mut config = app.config.clone();
        config.listen_addr = "127.0.0.1:0".parse().unwrap();
        config.webhook_worker = true;
        let second = plate_permits::Application::build(config).await.unwrap();
        instances.push(tokio::spawn(async move {
            let _ = second.run_until_stopped().await;
        }));
    }
    assert!(
        wait_for(|| seen.requests.lock().unwrap().len() >= 12).await,
        "all delivered"
    );
    for _ in 0..8 {
        app.file_request(&c.agency_a).await;
    }
    assert!(
        wait_for(|| seen.requests.lock().unwrap().len() >= 20).await,
        "all delivered"
    );
    tokio::time::sleep(Duration::from_millis(800)).await;
    let got = seen.requests.lock().unwrap().clone();
    let ids: std::collections::HashSet<&str> =
        got.iter().map(|(h, _)| header(h, "webhook-id")).collect();
    assert_eq!(got.len(), 20, "every event exactly once");
    assert_eq!(ids.len(), 20);
    for i in instances {
        i.abort();
    }
}
