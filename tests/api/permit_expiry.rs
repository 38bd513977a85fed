//! Issue 31 (6): a permit that expires with no receipt moves its request to `permit_expired`
//! (found by the expiry worker of every replica, applied once), the police's queue drops it and
//! their clock stops; the agency asks again (`request_reissue`) after an expiry or after a
//! refusal whose cause it resolved, and the directorate's new permit has a new number.

use std::time::Duration;

use chrono::{DateTime, TimeDelta, Utc};
use serde_json::{json, Value};

use crate::helpers::*;

const SYSTEM_USER_ID: &str = "00000000-0000-0000-0000-000000000000";

/// The permit's `valid_until`.
fn valid_until(permit: &Value) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text(permit, "valid_until"))
        .unwrap()
        .with_timezone(&Utc)
}

/// Moves the app's clock to `secs` seconds after the permit's validity ended (ten days on:
/// everyone signs in again).
async fn past_validity(app: &TestApp, s: &mut Scenario<'_>, secs: i64) {
    let at = valid_until(&s.permit) + TimeDelta::seconds(secs);
    app.clock.set(at.naive_utc());
    sign_in_again(app, &mut s.cast).await;
}

/// New access tokens for the whole cast (after the clock jumped past their lifetime).
async fn sign_in_again(app: &TestApp, cast: &mut Cast) {
    cast.admin = app.admin_token().await;
    for (token, username) in [
        (&mut cast.directorate, "reviewer"),
        (&mut cast.registry, "registry"),
        (&mut cast.police, "officer"),
        (&mut cast.agency_a, "agency-a"),
        (&mut cast.agency_b, "agency-b"),
    ] {
        *token = app.login_ok(username, USER_PASSWORD).await.access;
    }
}

async fn with_permit(app: &TestApp) -> Scenario<'_> {
    Scenario::new(app)
        .await
        .filed()
        .await
        .reviewed()
        .await
        .permit_issued()
        .await
}

fn ids(items: &[Value]) -> Vec<&str> {
    items.iter().map(|i| text(i, "id")).collect()
}

/// Every event of `type_` the directorate's feed shows.
async fn events_of(app: &TestApp, token: &str, type_: &str) -> Vec<Value> {
    let page = app.get_as(token, "/events?limit=500").await.json(200);
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["type"] == type_)
        .cloned()
        .collect()
}

fn expiries(history: &[Value]) -> usize {
    history.iter().filter(|h| h["action"] == "expire").count()
}

#[tokio::test]
async fn a_permit_that_expires_unused_moves_its_request_to_permit_expired_once() {
    let app = spawn_app().await;
    let mut s = with_permit(&app).await;
    // Still valid: nothing to do.
    assert_eq!(app.expire_due().await, 0);
    assert_eq!(s.current().await["status"], "permit_issued");

    past_validity(&app, &mut s, 30).await;
    assert_eq!(app.expire_due().await, 1);
    // A second round (or another replica's) finds nothing left.
    assert_eq!(app.expire_due().await, 0);

    let r = s.current().await;
    assert_eq!(r["status"], "permit_expired");
    assert_eq!(r["status_label_fa"], "مجوز بدون اقدام پلیس راهور منقضی شد");
    assert_eq!(r["allowed_actions"], json!(["reopen"]));
    let mine = app.request_of(&s.agency_a, s.id()).await;
    assert_eq!(
        mine["allowed_actions"],
        json!(["request_reissue", "withdraw"])
    );

    let history = s.history().await;
    assert_eq!(expiries(&history), 1);
    let last = history.last().unwrap();
    assert_eq!(last["from"], "permit_issued");
    assert_eq!(last["to"], "permit_expired");
    assert_eq!(last["action"], "expire");
    assert_eq!(last["actor"]["id"], SYSTEM_USER_ID);
    let note = text(last, "note");
    assert!(note.contains(&persian_digits(s.permit_number())), "{note}");

    // The police's clock stopped without completing; the permit reads expired.
    assert_eq!(r["sla"]["clock"], "stopped");
    assert_eq!(r["sla"]["stage"], "police");
    assert_eq!(r["sla"]["overdue"], false);
    let p = app.permit(&s.police, s.permit_id()).await.json(200);
    assert_eq!(p["status"], "expired");
    let v = app.verify_permit(s.permit_number()).await.json(200);
    assert_eq!(v["status"], "expired");

    // permit.expired for the police and the agency; the transition as every transition.
    for token in [&s.police, &s.agency_a, &s.directorate] {
        let expired = events_of(&app, token, "permit.expired").await;
        assert_eq!(expired.len(), 1);
        assert_eq!(expired[0]["subject"]["id"], s.permit["id"]);
    }
    let changes = events_of(&app, &s.directorate, "request.status_changed").await;
    let last = changes.last().unwrap();
    assert_eq!(last["data"]["to"], "permit_expired");
    assert_eq!(last["data"]["action"], "expire");
    assert_eq!(last["data"]["actor_role"], "system");

    // The applicant hears of it by SMS, naming the permit.
    let path = format!("/requests/{}/notifications", s.id());
    let sms = app.items(&s.directorate, &path).await;
    let expired: Vec<&Value> = sms
        .iter()
        .filter(|m| m["event"] == "permit_expired")
        .collect();
    assert_eq!(expired.len(), 1);
    let body = text(expired[0], "text");
    // The permit number is written in groups of four Persian digits («۷۶۸۴ ۶۵۵۹ ۱۳۰۶»).
    let grouped: Vec<String> = persian_digits(s.permit_number())
        .chars()
        .collect::<Vec<char>>()
        .chunks(4)
        .map(|c| c.iter().collect())
        .collect();
    assert!(body.contains(&grouped.join(" ")), "{body}");

    // The service's principal is no person: not in the user list, cannot sign in.
    let users = app.items(&s.admin, "/users?limit=100").await;
    assert!(!ids(&users).contains(&SYSTEM_USER_ID));
    app.get_as(&s.admin, &format!("/users/{SYSTEM_USER_ID}"))
        .await
        .problem(404, "not_found");
}

#[tokio::test]
async fn the_police_queue_drops_an_expired_permit_and_their_clock_stops() {
    let app = spawn_app().await;
    let mut s = with_permit(&app).await;
    let queue = app.items(&s.police, "/permits").await;
    assert_eq!(ids(&queue), [s.permit_id()]);
    let running = s.current().await;
    assert_eq!(running["sla"]["clock"], "running");
    assert_eq!(running["sla"]["stage"], "police");

    // At valid_until the queue drops it, before the worker has run.
    past_validity(&app, &mut s, 1).await;
    assert!(app.items(&s.police, "/permits").await.is_empty());
    assert_eq!(app.expire_due().await, 1);
    assert!(app.items(&s.police, "/permits").await.is_empty());
    // Still found when asked for by status.
    let expired = app.items(&s.police, "/permits?status=expired").await;
    assert_eq!(ids(&expired), [s.permit_id()]);

    // Weeks later the police are not overdue on it: their clock stopped at the expiry.
    app.clock.advance(TimeDelta::days(40));
    sign_in_again(&app, &mut s.cast).await;
    let r = s.current().await;
    assert_eq!(r["sla"]["clock"], "stopped");
    assert_eq!(r["sla"]["overdue"], false);
    assert_eq!(r["sla"]["due_at"], Value::Null);
    let overdue = app
        .items(&s.directorate, "/requests?overdue=true&limit=100")
        .await;
    assert!(!ids(&overdue).contains(&s.id()));
    let explained = app
        .get_as(&s.directorate, &format!("/requests/{}/sla", s.id()))
        .await
        .json(200);
    let runs = explained["runs"].as_array().unwrap();
    let police = runs.last().unwrap();
    assert_eq!(police["stage"], "police");
    assert_eq!(police["completed"], false);
    assert!(police["ended_at"].is_string());
}

#[tokio::test]
async fn request_reissue_returns_an_expired_permit_to_the_directorate_whose_new_permit_has_a_new_number(
) {
    let app = spawn_app().await;
    let mut s = with_permit(&app).await;
    past_validity(&app, &mut s, 30).await;
    assert_eq!(app.expire_due().await, 1);

    // Only the owning agency asks again.
    for token in [&s.directorate, &s.police, &s.registry, &s.admin] {
        app.act(token, s.id(), "request-reissue", Some(&json!({})))
            .await
            .problem(403, "forbidden");
    }
    app.act(&s.agency_b, s.id(), "request-reissue", Some(&json!({})))
        .await
        .problem(404, "not_found");
    let back = app
        .act(&s.agency_a, s.id(), "request-reissue", Some(&json!({})))
        .await
        .json(200);
    assert_eq!(back["status"], "under_review");
    assert_eq!(back["sla"]["stage"], "decision");
    assert_eq!(back["sla"]["clock"], "running");
    let history = s.history().await;
    let last = history.last().unwrap();
    assert_eq!(last["action"], "request_reissue");
    assert_eq!(last["from"], "permit_expired");
    assert_eq!(last["actor"]["role"], "agency");
    // Asked once: a second ask is a conflict.
    app.act(&s.agency_a, s.id(), "request-reissue", Some(&json!({})))
        .await
        .problem(409, "invalid_transition");

    let again = app
        .issue_permit(&s.directorate, s.id(), &new_permit(app.now()))
        .await
        .json(201);
    assert_ne!(again["permit_number"], s.permit["permit_number"]);
    assert_eq!(s.current().await["status"], "permit_issued");
    let old = app.verify_permit(s.permit_number()).await.json(200);
    assert_eq!(old["status"], "expired");
    let new = app
        .verify_permit(text(&again, "permit_number"))
        .await
        .json(200);
    assert_eq!(new["status"], "issued");
    // The police see the new permit only.
    let queue = app.items(&s.police, "/permits").await;
    assert_eq!(ids(&queue), [text(&again, "id")]);
    // A later round leaves the new permit alone.
    assert_eq!(app.expire_due().await, 0);
    let explained = app
        .get_as(&s.directorate, &format!("/requests/{}/sla", s.id()))
        .await
        .json(200);
    let stages: Vec<&str> = explained["runs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| text(r, "stage"))
        .collect();
    assert_eq!(stages, ["decision", "police", "decision", "police"]);
}

#[tokio::test]
async fn after_a_refusal_the_agency_asks_again_once_the_cause_is_resolved() {
    let app = spawn_app().await;
    let s = with_permit(&app).await;
    let mut refusal = receipt(app.now(), "refused", "R-fines");
    refusal["refusal_reason"] = json!("unpaid_fines");
    refusal["notes"] = json!("جریمهٔ پرداخت‌نشده");
    app.receipt(&s.police, s.permit_id(), &refusal, None)
        .await
        .json(201);
    let mine = app.request_of(&s.agency_a, s.id()).await;
    assert_eq!(mine["status"], "removal_refused");
    assert_eq!(mine["allowed_actions"], json!(["request_reissue"]));

    // The agency says how the cause was resolved.
    let p = app
        .act(&s.agency_a, s.id(), "request-reissue", Some(&json!({})))
        .await
        .problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["field"], "note");
    let note = "جریمه‌ها پرداخت شد؛ شمارهٔ پیگیری ۷۷۴۱۲۰۹";
    let back = app
        .act(
            &s.agency_a,
            s.id(),
            "request-reissue",
            Some(&json!({ "note": note })),
        )
        .await
        .json(200);
    assert_eq!(back["status"], "under_review");
    let last = s.history().await.last().unwrap().clone();
    assert_eq!(last["from"], "removal_refused");
    assert_eq!(last["action"], "request_reissue");
    assert_eq!(last["note"], note);

    let again = app
        .issue_permit(&s.directorate, s.id(), &new_permit(app.now()))
        .await
        .json(201);
    assert_ne!(again["permit_number"], s.permit["permit_number"]);
    let old = app.verify_permit(s.permit_number()).await.json(200);
    assert_eq!(old["status"], "refused");
    // This time the plates come off.
    let done = receipt(app.now(), "removed", "R-paid");
    app.receipt(&s.police, text(&again, "id"), &done, None)
        .await
        .json(201);
    assert_eq!(s.current().await["status"], "plate_removed");
}

#[tokio::test]
async fn a_removal_made_in_time_is_recorded_after_the_expiry() {
    let app = spawn_app().await;
    let mut s = with_permit(&app).await;
    let removed_at = valid_until(&s.permit) - TimeDelta::hours(2);
    past_validity(&app, &mut s, 3600).await;
    assert_eq!(app.expire_due().await, 1);
    let body = receipt(removed_at, "removed", "R-late");
    app.receipt(&s.police, s.permit_id(), &body, None)
        .await
        .json(201);
    let r = s.current().await;
    assert_eq!(r["status"], "plate_removed");
    assert_eq!(r["sla"]["stage"], "registration");
}

#[tokio::test]
async fn the_workers_of_two_instances_on_one_database_expire_each_permit_once() {
    let app = spawn_app().await;
    let first = Scenario::new(&app).await;
    let mut scenarios = Vec::new();
    for _ in 0..4 {
        let s = first
            .another()
            .filed()
            .await
            .reviewed()
            .await
            .permit_issued()
            .await;
        scenarios.push(s);
    }
    let mut instances = Vec::new();
    for _ in 0..2 {
        let mut config = app.config.clone();
        config.http.listen_addr = "127.0.0.1:0".parse().unwrap();
        config.permits.expiry_worker = true;
        config.permits.expiry_interval_ms = 10;
        let worker = plate_permits::Application::build(config, app.clock)
            .await
            .unwrap();
        instances.push(tokio::spawn(async move {
            let _ = worker.run_until_stopped().await;
        }));
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    for s in &scenarios {
        assert_eq!(s.current().await["status"], "permit_issued");
    }
    // All four permits end at the same instant (valid for ten days from the same morning).
    let latest = scenarios
        .iter()
        .map(|s| valid_until(&s.permit))
        .max()
        .unwrap();
    app.clock.set((latest + TimeDelta::seconds(5)).naive_utc());
    let mut cast = first.cast.clone();
    sign_in_again(&app, &mut cast).await;
    for s in &mut scenarios {
        s.cast = cast.clone();
    }
    let mut all_expired = false;
    for _ in 0..100 {
        let mut n = 0;
        for s in &scenarios {
            if s.current().await["status"] == "permit_expired" {
                n += 1;
            }
        }
        if n == scenarios.len() {
            all_expired = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(all_expired, "the workers expired every permit");
    // Both workers keep going a while longer; nothing is applied twice.
    tokio::time::sleep(Duration::from_millis(300)).await;
    for s in &scenarios {
        assert_eq!(expiries(&s.history().await), 1, "one history entry");
        assert_eq!(s.current().await["version"], 4, "one status change");
    }
    assert_eq!(
        events_of(&app, &cast.directorate, "permit.expired")
            .await
            .len(),
        4
    );
    for i in instances {
        i.abort();
    }
}
