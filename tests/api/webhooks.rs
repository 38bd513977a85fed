//! Webhook subscriptions and deliveries to a real HTTP receiver, verified with an independent
//! signature check: scoping, rotation, retries, timeouts, and delivery without loss or repeats
//! across workers.

use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{json, Value};

use crate::helpers::*;

async fn subscribe(app: &TestApp, admin: &str, body: Value) -> Value {
    app.subscribe(admin, &body).await.json(201)
}

/// Polls the first delivery of `hook` until it has `status` (at most `tries` × 100 ms);
/// returns the last listing.
async fn first_delivery_until(
    app: &TestApp,
    admin: &str,
    hook: &str,
    status: &str,
    tries: usize,
) -> Value {
    let path = format!("/webhooks/{hook}/deliveries");
    let mut last = Value::Null;
    for _ in 0..tries {
        last = app.get_as(admin, &path).await.json(200);
        if last["items"][0]["status"] == status {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    last
}

#[tokio::test]
async fn subscriptions_are_made_by_administrators_for_http_urls_and_known_types() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let url = "https://rahvar.example.ir/hook";
    let types = ["request.submitted"];
    let hook = subscribe(&app, &c.admin, json!({"url": url, "types": types})).await;
    assert!(text(&hook, "secret").starts_with("whsec_"));
    let ftp = json!({"url": "ftp://x/y", "types": types});
    app.subscribe(&c.admin, &ftp)
        .await
        .problem(422, "validation_failed");
    let unknown = json!({"url": url, "types": ["nope"]});
    app.subscribe(&c.admin, &unknown)
        .await
        .problem(422, "validation_failed");
    let by_directorate = json!({"url": url, "types": types});
    app.subscribe(&c.directorate, &by_directorate)
        .await
        .problem(403, "forbidden");
}

/// A subscription to every agency's filings and status changes, another to agency A's
/// filings; then A and B file and A's request is reviewed, and the three deliveries arrive.
struct Delivered<'a> {
    s: Scenario<'a>,
    hook: Value,
    seen: Received,
    seen_a: Received,
}

async fn three_deliveries(app: &TestApp) -> Delivered<'_> {
    let s = Scenario::new(app).await;
    let (url, seen) = receiver(200);
    let (url_a, seen_a) = receiver(200);
    let types = ["request.submitted", "request.status_changed"];
    let hook = subscribe(app, &s.admin, json!({"url": url, "types": types})).await;
    let only_a = json!({"url": url_a, "types": ["request.submitted"], "organisation_id": s.org_a});
    subscribe(app, &s.admin, only_a).await;
    let s = s.filed().await;
    app.file_request(&s.agency_b).await;
    let s = s.reviewed().await;
    assert!(wait_for(|| seen.count() >= 3).await, "three deliveries");
    assert!(wait_for(|| seen_a.count() > 0).await);
    tokio::time::sleep(Duration::from_millis(500)).await;
    Delivered {
        s,
        hook,
        seen,
        seen_a,
    }
}

#[tokio::test]
async fn each_event_is_delivered_once_signed_and_as_in_the_feed() {
    let app = spawn_app_with(allow_loopback).await;
    let d = three_deliveries(&app).await;
    let got = d.seen.requests.lock().unwrap().clone();
    assert_eq!(got.len(), 3, "each event once");
    let feed = app.items(&d.s.directorate, "/events").await;
    let secret = text(&d.hook, "secret");
    for (headers, body) in &got {
        assert!(verify(secret, headers, body), "signature verifies");
        let ev: Value = serde_json::from_str(body).unwrap();
        assert_eq!(header(headers, "webhook-id"), ev["id"].as_str().unwrap());
        assert_eq!(
            header(headers, "user-agent"),
            format!("plate-permits/{}", env!("CARGO_PKG_VERSION"))
        );
        assert!(feed.iter().any(|f| f["id"] == ev["id"]));
    }
}

#[tokio::test]
async fn an_agency_bound_subscription_gets_only_that_agencys_events() {
    let app = spawn_app_with(allow_loopback).await;
    let d = three_deliveries(&app).await;
    let only_a = d.seen_a.requests.lock().unwrap().clone();
    assert_eq!(only_a.len(), 1);
    let ev: Value = serde_json::from_str(&only_a[0].1).unwrap();
    assert_eq!(ev["subject"]["id"], d.s.request["id"]);
}

#[tokio::test]
async fn deliveries_are_listed_with_the_status_code_and_never_the_response_body() {
    let app = spawn_app_with(allow_loopback).await;
    let d = three_deliveries(&app).await;
    let path = format!("/webhooks/{}/deliveries", text(&d.hook, "id"));
    let reply = app.get_as(&d.s.admin, &path).await;
    assert!(
        !reply.text.contains("receiver says hello"),
        "the receiver's body is not shown: {}",
        reply.text
    );
    let items = reply.json(200)["items"].as_array().unwrap().clone();
    assert_eq!(items.len(), 3);
    assert!(items.iter().all(|d| d["status"] == "delivered"
        && d["attempts"] == 1
        && d["last_status"] == 200
        && d["last_error"].is_null()));
    assert!(items[0].get("response_excerpt").is_none(), "{}", items[0]);
}

#[tokio::test]
async fn deliveries_are_paged_newest_first_with_cursors() {
    let app = spawn_app_with(allow_loopback).await;
    let d = three_deliveries(&app).await;
    let path = format!("/webhooks/{}/deliveries", text(&d.hook, "id"));
    let all = app.get_as(&d.s.admin, &path).await.json(200);
    let all_ids: Vec<Value> = all["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].clone())
        .collect();
    assert_eq!(all_ids.len(), 3);
    assert!(all["next_cursor"].is_null());
    let first = app
        .get_as(&d.s.admin, &format!("{path}?limit=2"))
        .await
        .json(200);
    assert_eq!(first["items"].as_array().unwrap().len(), 2);
    let cursor = first["next_cursor"]
        .as_str()
        .expect("a next page")
        .to_owned();
    let rest = app
        .get_as(&d.s.admin, &format!("{path}?limit=2&cursor={cursor}"))
        .await
        .json(200);
    assert!(rest["next_cursor"].is_null());
    let paged: Vec<Value> = first["items"]
        .as_array()
        .unwrap()
        .iter()
        .chain(rest["items"].as_array().unwrap())
        .map(|i| i["id"].clone())
        .collect();
    assert_eq!(
        paged, all_ids,
        "the pages are the whole list, newest first, once each"
    );
    app.get_as(&d.s.admin, &format!("{path}?limit=0"))
        .await
        .problem(422, "validation_failed");
    app.get_as(&d.s.admin, &format!("{path}?cursor=zz"))
        .await
        .problem(400, "invalid_query");
}

#[tokio::test]
async fn while_a_secret_is_rotated_both_secrets_sign() {
    let app = spawn_app_with(allow_loopback).await;
    let d = three_deliveries(&app).await;
    let path = format!("/webhooks/{}/rotate-secret", text(&d.hook, "id"));
    let rotated = app.post_as(&d.s.admin, &path, &json!({})).await.json(200);
    app.file_request(&d.s.agency_a).await;
    assert!(wait_for(|| d.seen.count() >= 4).await);
    let (headers, body) = d.seen.requests.lock().unwrap().last().cloned().unwrap();
    assert!(verify(text(&rotated, "secret"), &headers, &body));
    assert!(verify(text(&d.hook, "secret"), &headers, &body));
}

#[tokio::test]
async fn an_unsubscribed_receiver_gets_nothing_more() {
    let app = spawn_app_with(allow_loopback).await;
    let d = three_deliveries(&app).await;
    let path = format!("/webhooks/{}", text(&d.hook, "id"));
    assert_eq!(app.delete_as(&d.s.admin, &path).await.status, 204);
    app.file_request(&d.s.agency_a).await;
    tokio::time::sleep(Duration::from_millis(800)).await;
    assert_eq!(d.seen.count(), 3);
}

/// A subscription whose receiver answers 500, short retry window; one filing. Returns the
/// hook id, the receiver and the failed delivery.
async fn failed_delivery(app: &TestApp, admin: &str, agency: &str) -> (String, Received, Value) {
    let (url, seen) = receiver(500);
    let hook = subscribe(
        app,
        admin,
        json!({"url": url, "types": ["request.submitted"]}),
    )
    .await;
    let hook = text(&hook, "id").to_owned();
    app.file_request(agency).await;
    let last = first_delivery_until(app, admin, &hook, "failed", 60).await;
    let d = last["items"][0].clone();
    assert_eq!(d["status"], "failed", "{last}");
    (hook, seen, d)
}

fn short_retries(c: &mut plate_permits::config::Config) {
    allow_loopback(c);
    c.webhooks.retry_window_secs = 2;
    c.webhooks.backoff_base_ms = 100;
}

#[tokio::test]
async fn failures_are_retried_under_one_webhook_id_then_marked_failed() {
    let app = spawn_app_with(short_retries).await;
    let c = app.cast().await;
    let (_, seen, d) = failed_delivery(&app, &c.admin, &c.agency_a).await;
    assert!(d["attempts"].as_i64().unwrap() >= 2, "retried: {d}");
    assert_eq!(d["last_status"], 500);
    assert_eq!(d["last_error"], "http_status");
    assert!(seen.count() >= 2);
    // Same webhook-id on every attempt, so receivers can deduplicate.
    let seen = seen.requests.lock().unwrap().clone();
    let ids: HashSet<&str> = seen.iter().map(|(h, _)| header(h, "webhook-id")).collect();
    assert_eq!(ids.len(), 1);
}

#[tokio::test]
async fn a_failed_delivery_retried_by_hand_is_delivered() {
    let app = spawn_app_with(short_retries).await;
    let c = app.cast().await;
    let (hook, seen, d) = failed_delivery(&app, &c.admin, &c.agency_a).await;
    *seen.status.lock().unwrap() = 200;
    let path = format!("/webhooks/{hook}/deliveries/{}/retry", text(&d, "id"));
    let r = app.post_as(&c.admin, &path, &json!({})).await.json(200);
    assert_eq!(r["status"], "pending");
    let last = first_delivery_until(&app, &c.admin, &hook, "delivered", 50).await;
    assert_eq!(
        last["items"][0]["status"], "delivered",
        "delivered after the manual retry"
    );
}

/// Subscribing, a manual retry, a rotation and unsubscribing are each in the audit, by the
/// administrator, about the subscription: where events go and what was sent again, never a
/// secret.
#[tokio::test]
async fn every_change_to_a_subscription_is_in_the_audit() {
    let app = spawn_app_with(short_retries).await;
    let c = app.cast().await;
    let (hook, _seen, d) = failed_delivery(&app, &c.admin, &c.agency_a).await;
    let retry = format!("/webhooks/{hook}/deliveries/{}/retry", text(&d, "id"));
    app.post_as(&c.admin, &retry, &json!({})).await.json(200);
    let rotate = format!("/webhooks/{hook}/rotate-secret");
    let rotated = app.post_as(&c.admin, &rotate, &json!({})).await.json(200);
    let gone = app.delete_as(&c.admin, &format!("/webhooks/{hook}")).await;
    assert_eq!(gone.status, 204);

    let entries = app.items(&c.admin, &format!("/audit?subject={hook}")).await;
    let acts: Vec<&str> = entries.iter().map(|e| text(e, "action")).collect();
    assert_eq!(
        acts,
        [
            "webhook.unsubscribed",
            "webhook.secret_rotated",
            "webhook.delivery_retried",
            "webhook.subscribed",
        ]
    );
    let admin_id = text(&app.me(&c.admin).await.json(200), "id").to_owned();
    for e in &entries {
        assert_eq!(e["subject_kind"], "webhook", "{e}");
        assert_eq!(e["actor_id"], admin_id.as_str(), "{e}");
        assert_eq!(e["actor_role"], "admin", "{e}");
    }
    let subscribed = &entries[3]["detail"];
    assert!(
        text(subscribed, "url").starts_with("http://127.0.0.1:"),
        "{subscribed}"
    );
    assert_eq!(subscribed["types"], json!(["request.submitted"]));
    assert_eq!(subscribed["url_query_omitted"], false);
    let retried = &entries[2]["detail"];
    assert_eq!(retried["delivery_id"], d["id"]);
    assert_eq!(retried["status_before"], "failed");
    assert!(entries[1]["detail"]["previous_secret_signs_until"].is_string());
    let all = serde_json::to_string(&entries).unwrap();
    assert!(
        !all.contains(text(&rotated, "secret")),
        "no secret in the audit"
    );
    assert!(!all.contains("whsec_"), "no secret in the audit");

    // A token in the receiver's query stays out of the audit, which is kept for years.
    let tokened = json!({"url": "https://rahvar.example.ir/hook?token=s3cret", "types": ["request.submitted"]});
    let tokened = subscribe(&app, &c.admin, tokened).await;
    let entry = &app
        .items(
            &c.admin,
            &format!("/audit?subject={}", text(&tokened, "id")),
        )
        .await[0];
    assert_eq!(entry["detail"]["url"], "https://rahvar.example.ir/hook");
    assert_eq!(entry["detail"]["url_query_omitted"], true);
    assert!(!entry.to_string().contains("s3cret"), "{entry}");
}

#[tokio::test]
async fn timeouts_are_retried() {
    let app = spawn_app_with(|c| {
        allow_loopback(c);
        c.webhooks.timeout_ms = 300;
        c.webhooks.backoff_base_ms = 100;
    })
    .await;
    let c = app.cast().await;
    let admin = &c.admin;
    // A receiver that answers too slowly for the first two attempts.
    let (url, _) = receiver_with(Received {
        status: Arc::new(Mutex::new(200)),
        slow_first: 2,
        ..Received::default()
    });
    let hook = subscribe(
        &app,
        admin,
        json!({"url": url, "types": ["request.submitted"]}),
    )
    .await;
    let hook = text(&hook, "id");
    app.file_request(&c.agency_a).await;
    let last = first_delivery_until(&app, admin, hook, "delivered", 80).await;
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
    let app = spawn_app_with(|c| {
        allow_loopback(c);
        c.webhooks.worker = false;
    })
    .await;
    let c = app.cast().await;
    let (url, seen) = receiver(200);
    subscribe(
        &app,
        &c.admin,
        json!({"url": url, "types": ["request.submitted"]}),
    )
    .await;
    for _ in 0..12 {
        app.file_request(&c.agency_a).await;
    }
    tokio::time::sleep(Duration::from_millis(700)).await;
    assert_eq!(seen.count(), 0, "no worker, no delivery yet");
    // Two more instances on the same database, both running the worker.
    let mut instances = Vec::new();
    for _ in 0..2 {
        let mut config = app.config.clone();
        config.http.listen_addr = "127.0.0.1:0".parse().unwrap();
        config.webhooks.worker = true;
        let second = plate_permits::Application::build(config, app.clock)
            .await
            .unwrap();
        instances.push(tokio::spawn(async move {
            let _ = second.run_until_stopped().await;
        }));
    }
    assert!(wait_for(|| seen.count() >= 12).await, "all delivered");
    for _ in 0..8 {
        app.file_request(&c.agency_a).await;
    }
    assert!(wait_for(|| seen.count() >= 20).await, "all delivered");
    tokio::time::sleep(Duration::from_millis(800)).await;
    let got = seen.requests.lock().unwrap().clone();
    let ids: HashSet<&str> = got.iter().map(|(h, _)| header(h, "webhook-id")).collect();
    assert_eq!(got.len(), 20, "every event exactly once");
    assert_eq!(ids.len(), 20);
    for i in instances {
        i.abort();
    }
}

/// The field issue of a refused subscription (422 `validation_failed`, one issue on `url`).
async fn refused_url(app: &TestApp, admin: &str, url: &str) -> Value {
    let body = json!({"url": url, "types": ["request.submitted"]});
    let problem = app
        .subscribe(admin, &body)
        .await
        .problem(422, "validation_failed");
    let errors = problem["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{url}: {problem}");
    assert_eq!(errors[0]["field"], "url", "{url}: {problem}");
    errors[0].clone()
}

#[tokio::test]
async fn urls_naming_internal_addresses_in_any_notation_or_credentials_are_refused() {
    let app = spawn_app().await;
    let c = app.cast().await;
    for url in [
        "http://169.254.169.254/latest/meta-data/",
        "http://[fd00:ec2::254]/",
        "http://10.0.0.1/hook",
        "http://192.168.1.1/hook",
        "http://172.16.0.1/hook",
        "http://127.0.0.1:8080/hook",
        "http://2130706433/hook",
        "http://0x7f.1/hook",
        "http://0177.0.0.1/hook",
        "http://127.1/hook",
        "http://[::ffff:127.0.0.1]/hook",
        "http://[::ffff:0:127.0.0.1]/",
        "http://[::ffff:0:7f00:1]/hook",
        "http://[::ffff:0:169.254.169.254]/hook",
        "http://[::1]/hook",
        "http://0.0.0.0/hook",
        "http://[::]/hook",
        "http://224.0.0.1/hook",
        "http://[fe80::1]/hook",
        "https://[64:ff9b::a9fe:a9fe]/hook",
    ] {
        let issue = refused_url(&app, &c.admin, url).await;
        assert_eq!(issue["code"], "destination_not_allowed", "{url}: {issue}");
        assert!(
            text(&issue, "message").contains("مجاز نیست"),
            "Persian: {issue}"
        );
    }
    for url in [
        "http://user:pass@rahvar.example.ir/hook",
        "https://token@rahvar.example.ir/hook",
        "http://user:pass@10.0.0.1/hook",
    ] {
        let issue = refused_url(&app, &c.admin, url).await;
        assert_eq!(issue["code"], "credentials_in_url", "{url}: {issue}");
    }
    // Names are checked when delivering (their addresses can change); public literals pass.
    for url in [
        "http://localhost:9/hook",
        "http://metadata.google.internal/computeMetadata/v1/",
        "https://rahvar.example.ir/hook",
        "https://8.8.8.8/hook",
        "https://[2001:4860:4860::8888]/hook",
    ] {
        let body = json!({"url": url, "types": ["request.submitted"]});
        app.subscribe(&c.admin, &body).await.json(201);
    }
    assert!(app.items(&c.admin, "/webhooks").await.len() == 5);
}

#[tokio::test]
async fn allowed_networks_open_on_premise_receivers_and_nothing_else() {
    let app = spawn_app_with(|c| {
        c.webhooks.allowed_networks = "10.20.0.0/16".parse().unwrap();
    })
    .await;
    let c = app.cast().await;
    for url in ["http://10.20.4.5/hook", "http://[::ffff:10.20.0.9]/hook"] {
        let body = json!({"url": url, "types": ["request.submitted"]});
        app.subscribe(&c.admin, &body).await.json(201);
    }
    for url in [
        "http://10.21.0.1/hook",
        "http://127.0.0.1/hook",
        "http://169.254.169.254/",
    ] {
        let issue = refused_url(&app, &c.admin, url).await;
        assert_eq!(issue["code"], "destination_not_allowed", "{url}: {issue}");
    }
}

/// A loopback receiver addressed by a name (`localhost`), which passes creation.
fn by_name(url: &str) -> String {
    url.replace("127.0.0.1", "localhost")
}

#[tokio::test]
async fn a_name_resolving_to_loopback_is_refused_at_delivery_and_nothing_is_sent() {
    let app = spawn_app_with(|c| c.webhooks.backoff_base_ms = 100).await;
    let c = app.cast().await;
    let (url, seen) = receiver(200);
    let types = ["request.submitted"];
    let hook = subscribe(
        &app,
        &c.admin,
        json!({"url": by_name(&url), "types": types}),
    )
    .await;
    let path = format!("/webhooks/{}/deliveries", text(&hook, "id"));
    app.file_request(&c.agency_a).await;
    let mut last = Value::Null;
    for _ in 0..50 {
        last = app.get_as(&c.admin, &path).await.json(200);
        if last["items"][0]["attempts"].as_i64().unwrap_or(0) >= 2 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let d = &last["items"][0];
    assert!(d["attempts"].as_i64().unwrap_or(0) >= 2, "retried: {last}");
    assert_eq!(d["last_error"], "refused_destination", "{last}");
    assert!(d["last_status"].is_null(), "{last}");
    assert_ne!(d["status"], "delivered", "{last}");
    assert_eq!(seen.count(), 0, "the receiver got nothing");
}

#[tokio::test]
async fn with_loopback_allowed_a_name_resolving_to_it_is_delivered() {
    let app = spawn_app_with(allow_loopback).await;
    let c = app.cast().await;
    let (url, seen) = receiver(200);
    let types = ["request.submitted"];
    let hook = subscribe(
        &app,
        &c.admin,
        json!({"url": by_name(&url), "types": types}),
    )
    .await;
    app.file_request(&c.agency_a).await;
    assert!(wait_for(|| seen.count() >= 1).await, "delivered");
    let last = first_delivery_until(&app, &c.admin, text(&hook, "id"), "delivered", 30).await;
    assert_eq!(last["items"][0]["status"], "delivered", "{last}");
    assert_eq!(last["items"][0]["last_status"], 200, "{last}");
}
