//! SMS notifications through a local HTTP gateway: one message per event to the applicant's
//! mobile, retries without duplicates, quiet hours, the hourly cap, two workers on one
//! database, outage and maintenance notices to agency users, and the administrator's templates.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use actix_web::{web, App, HttpRequest, HttpResponse, HttpServer};
use chrono::{TimeDelta, TimeZone};
use serde_json::{json, Value};

use plate_permits::config::{Config, QuietHours, Secret, SmsProvider};

use crate::helpers::*;

const APPLICANT: &str = "09141234567";

/// A gateway that answers 500 to its first `fail_first` calls and 202 afterwards, and keeps
/// every call's `Authorization` header and JSON body.
#[derive(Clone, Default)]
struct Gateway {
    calls: Arc<Mutex<Vec<(String, Value)>>>,
    fail_first: usize,
}

impl Gateway {
    fn bodies(&self) -> Vec<Value> {
        self.calls
            .lock()
            .unwrap()
            .iter()
            .map(|(_, b)| b.clone())
            .collect()
    }

    fn count(&self) -> usize {
        self.calls.lock().unwrap().len()
    }
}

async fn gateway_handler(
    req: HttpRequest,
    body: web::Bytes,
    g: web::Data<Gateway>,
) -> HttpResponse {
    let auth = req
        .headers()
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let value: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let n = {
        let mut calls = g.calls.lock().unwrap();
        calls.push((auth, value));
        calls.len()
    };
    if n <= g.fail_first {
        HttpResponse::InternalServerError().finish()
    } else {
        HttpResponse::Accepted().finish()
    }
}

fn gateway(fail_first: usize) -> (String, Gateway) {
    let g = Gateway {
        fail_first,
        ..Gateway::default()
    };
    let data = web::Data::new(g.clone());
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = HttpServer::new(move || {
        App::new()
            .app_data(data.clone())
            .default_service(web::to(gateway_handler))
    })
    .workers(1)
    .listen(listener)
    .unwrap()
    .run();
    tokio::spawn(server);
    (format!("http://127.0.0.1:{port}/send"), g)
}

/// The HTTP provider pointed at `url`, no quiet hours, a fast worker.
fn sms_to(url: &str) -> impl FnOnce(&mut Config) + '_ {
    move |c| {
        c.sms.provider = SmsProvider::Http;
        c.sms.gateway_url = Some(url.parse().unwrap());
        c.sms.gateway_token = Some(Secret::new("gateway-token-123"));
        c.sms.quiet_hours = QuietHours(None);
        c.sms.poll_interval_ms = 50;
        c.sms.backoff_base_ms = 50;
        c.sms.max_per_recipient_per_hour = 100;
    }
}

/// A second instance on `app`'s database running the SMS worker (polling every `poll_ms`
/// when given); abort the handle to stop it.
async fn start_worker(app: &TestApp, poll_ms: Option<u64>) -> tokio::task::JoinHandle<()> {
    let mut config = app.config.clone();
    config.http.listen_addr = "127.0.0.1:0".parse().unwrap();
    config.sms.worker = true;
    if let Some(ms) = poll_ms {
        config.sms.poll_interval_ms = ms;
    }
    let worker = plate_permits::Application::build(config, app.clock)
        .await
        .unwrap();
    tokio::spawn(async move {
        let _ = worker.run_until_stopped().await;
    })
}

async fn notifications(app: &TestApp, token: &str, request_id: &str) -> Vec<Value> {
    app.items(token, &format!("/requests/{request_id}/notifications"))
        .await
}

/// Polls until every message of the request is `sent` (and there are `n`); returns them.
async fn all_sent(app: &TestApp, token: &str, request_id: &str, n: usize) -> Vec<Value> {
    let mut last = Vec::new();
    for _ in 0..100 {
        last = notifications(app, token, request_id).await;
        if last.len() == n && last.iter().all(|m| m["status"] == "sent") {
            return last;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("not all sent: {last:#?}");
}

fn events(items: &[Value]) -> Vec<&str> {
    items.iter().map(|m| m["event"].as_str().unwrap()).collect()
}

#[tokio::test]
async fn each_event_sends_one_message_to_the_applicants_mobile() {
    let (url, gw) = gateway(0);
    let app = spawn_app_with(sms_to(&url)).await;
    // Filed, documents asked, permit issued, removal refused, rejected.
    let a = Scenario::new(&app)
        .await
        .filed()
        .await
        .reviewed()
        .await
        .documents_asked(&["vehicle_card", "scrapping_certificate"])
        .await
        .uploaded("vehicle_card")
        .await
        .uploaded("scrapping_certificate")
        .await
        .resubmitted()
        .await
        .permit_issued()
        .await
        .removal_refused()
        .await;
    app.reject_coded(&a.directorate, a.id(), "other", "سند مالکیت معتبر نیست")
        .await
        .json(200);
    // Filed, permit issued, completed.
    let b = a
        .another()
        .filed()
        .await
        .reviewed()
        .await
        .permit_issued()
        .await
        .plate_removed()
        .await
        .completed()
        .await;
    // Filed, withdrawn.
    let c = a.another().filed().await.withdrawn().await;

    let msgs_a = all_sent(&app, &a.directorate, a.id(), 5).await;
    assert_eq!(
        events(&msgs_a),
        [
            "filed",
            "documents_requested",
            "permit_issued",
            "removal_refused",
            "rejected"
        ]
    );
    let msgs_b = all_sent(&app, &a.directorate, b.id(), 3).await;
    assert_eq!(events(&msgs_b), ["filed", "permit_issued", "completed"]);
    let msgs_c = all_sent(&app, &a.agency_a, c.id(), 2).await;
    assert_eq!(events(&msgs_c), ["filed", "withdrawn"]);

    // The texts: Persian digits, the tracking code, the documents by name, the permit number
    // and its validity in Jalali, the reasons.
    // Codes go out in groups of four, as people read them.
    let group = plate_permits::sms::templates::group_code;
    let code = persian_digits(&group(a.tracking_code()));
    let text = |m: &Value| m["text"].as_str().unwrap().to_owned();
    assert!(text(&msgs_a[0]).contains(&code), "{}", text(&msgs_a[0]));
    assert!(!text(&msgs_a[0]).chars().any(|c| c.is_ascii_digit()));
    assert!(text(&msgs_a[1]).contains("کارت خودرو"));
    assert!(text(&msgs_a[1]).contains("گواهی اسقاط"));
    let permit = app.permit(&a.directorate, a.permit_id()).await.json(200);
    assert!(text(&msgs_a[2]).contains(&persian_digits(&group(a.permit_number()))));
    let valid_jalali = persian_digits(permit["valid_until_jalali"].as_str().unwrap());
    assert!(
        text(&msgs_a[2]).contains(&valid_jalali),
        "{} / {valid_jalali}",
        text(&msgs_a[2])
    );
    // Reasons go out as their codes' labels, never the notes.
    assert!(text(&msgs_a[3]).contains("عدم حضور خودرو"));
    assert!(!text(&msgs_a[3]).contains("خودرو در محل حاضر نبود"));
    assert!(text(&msgs_a[4]).contains("علت: سایر"));
    assert!(!text(&msgs_a[4]).contains("سند مالکیت معتبر نیست"));
    assert!(text(&msgs_c[1]).contains("علت: انصراف متقاضی"));

    // The gateway got each message exactly once, to the applicant, with the bearer token and
    // the message's id.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let bodies = gw.bodies();
    assert_eq!(bodies.len(), 10, "{bodies:#?}");
    let mut by_id: HashMap<String, Value> = HashMap::new();
    for b in &bodies {
        assert_eq!(b["to"], APPLICANT);
        by_id.insert(b["id"].as_str().unwrap().to_owned(), b.clone());
    }
    assert_eq!(by_id.len(), 10);
    for m in msgs_a.iter().chain(&msgs_b).chain(&msgs_c) {
        let sent = &by_id[m["id"].as_str().unwrap()];
        assert_eq!(sent["text"], m["text"]);
        assert_eq!(m["recipient"], "0914***4567");
        assert_eq!(m["attempts"], 1);
    }
    assert!(gw
        .calls
        .lock()
        .unwrap()
        .iter()
        .all(|(auth, _)| auth == "Bearer gateway-token-123"));
}

#[tokio::test]
async fn a_failing_gateway_is_retried_then_succeeds_without_duplicates() {
    let (url, gw) = gateway(3);
    let app = spawn_app_with(sms_to(&url)).await;
    let s = Scenario::new(&app).await.filed().await;
    let msgs = all_sent(&app, &s.directorate, s.id(), 1).await;
    assert_eq!(msgs[0]["attempts"], 4);
    assert_eq!(msgs[0]["last_error"], Value::Null);
    tokio::time::sleep(Duration::from_millis(400)).await;
    let bodies = gw.bodies();
    assert_eq!(bodies.len(), 4, "three failures and one success");
    assert!(
        bodies.iter().all(|b| b["id"] == msgs[0]["id"]),
        "the same id every time"
    );
}

#[tokio::test]
async fn a_gateway_that_keeps_failing_marks_the_message_failed() {
    let (url, gw) = gateway(usize::MAX);
    let app = spawn_app_with(|c| {
        sms_to(&url)(c);
        c.sms.max_attempts = 3;
    })
    .await;
    let s = Scenario::new(&app).await.filed().await;
    let mut last = Vec::new();
    // Bounded at thirty seconds for a machine busy with other suites; it stops once failed.
    for _ in 0..300 {
        last = notifications(&app, &s.directorate, s.id()).await;
        if last[0]["status"] == "failed" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(last[0]["status"], "failed", "{last:#?}");
    assert_eq!(last[0]["attempts"], 3);
    assert_eq!(last[0]["last_error"], "gateway answered HTTP 500");
    assert!(!last[0]["last_error"]
        .as_str()
        .unwrap()
        .contains("gateway-token"));
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(gw.count(), 3);
}

/// A quiet window around the moment test apps start at, in the service's time zone.
fn quiet_now(c: &Config) -> QuietHours {
    let local = c.service_timezone.from_utc_datetime(&test_now()).time();
    let from = local - TimeDelta::hours(1);
    let to = local + TimeDelta::hours(1);
    format!("{}-{}", from.format("%H:%M"), to.format("%H:%M"))
        .parse()
        .unwrap()
}

#[tokio::test]
async fn quiet_hours_hold_messages_but_not_outage_notices() {
    let (url, gw) = gateway(0);
    let app = spawn_app_with(|c| {
        sms_to(&url)(c);
        c.sms.quiet_hours = quiet_now(c);
    })
    .await;
    let s = Scenario::new(&app).await.filed().await;
    tokio::time::sleep(Duration::from_millis(600)).await;
    let msgs = notifications(&app, &s.directorate, s.id()).await;
    assert_eq!(msgs[0]["status"], "pending");
    assert_eq!(msgs[0]["attempts"], 0, "a hold is not an attempt");
    let next: chrono::DateTime<chrono::Utc> = msgs[0]["next_attempt_at"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        next > app.now() + TimeDelta::minutes(30),
        "held until the window ends: {next}"
    );
    assert_eq!(gw.count(), 0);

    // An outage notice goes to agency users at once (both agency users share one number).
    let notice = json!({"kind": "outage", "title": "قطع ارتباط با سامانهٔ ملی", "body": "در حال رفع", "starts_at": in_minutes(app.now(), 0), "ends_at": in_minutes(app.now(), 120)});
    app.post_notice(&s.admin, &notice).await.json(201);
    assert!(wait_for(|| gw.count() >= 1).await);
    tokio::time::sleep(Duration::from_millis(400)).await;
    let bodies = gw.bodies();
    assert_eq!(bodies.len(), 1, "{bodies:#?}");
    assert_eq!(bodies[0]["to"], "09121234567");
    assert!(bodies[0]["text"]
        .as_str()
        .unwrap()
        .contains("قطع ارتباط با سامانهٔ ملی"));
}

#[tokio::test]
async fn planned_maintenance_is_announced_once_the_evening_before() {
    let (url, gw) = gateway(0);
    let app = spawn_app_with(|c| {
        sms_to(&url)(c);
        c.maintenance_lead_hours = 0;
        c.sms.maintenance_reminder_at = chrono::NaiveTime::from_hms_opt(0, 0, 0).unwrap();
    })
    .await;
    let c = app.cast().await;
    let tz = app.config.service_timezone;
    let tomorrow = tz.from_utc_datetime(&app.now().naive_utc()).date_naive() + TimeDelta::days(1);
    let at = |h: u32| {
        tz.from_local_datetime(&tomorrow.and_hms_opt(h, 0, 0).unwrap())
            .unwrap()
            .to_rfc3339()
    };
    let later = |h: u32| {
        tz.from_local_datetime(
            &(tomorrow + TimeDelta::days(1))
                .and_hms_opt(h, 0, 0)
                .unwrap(),
        )
        .unwrap()
        .to_rfc3339()
    };
    let tomorrows = json!({"kind": "maintenance", "title": "به‌روزرسانی پایگاه داده", "body": "سامانه در دسترس نیست", "starts_at": at(10), "ends_at": at(12)});
    let day_after = json!({"kind": "maintenance", "title": "پس‌فردا", "body": "سامانه در دسترس نیست", "starts_at": later(10), "ends_at": later(12)});
    app.post_notice(&c.admin, &tomorrows).await.json(201);
    app.post_notice(&c.admin, &day_after).await.json(201);
    assert!(wait_for(|| gw.count() >= 1).await);
    tokio::time::sleep(Duration::from_millis(600)).await;
    let bodies = gw.bodies();
    assert_eq!(
        bodies.len(),
        1,
        "one reminder, for tomorrow's only: {bodies:#?}"
    );
    assert!(bodies[0]["text"]
        .as_str()
        .unwrap()
        .contains("به‌روزرسانی پایگاه داده"));
}

#[tokio::test]
async fn the_hourly_cap_holds_messages_over_it() {
    let (url, gw) = gateway(0);
    let app = spawn_app_with(|c| {
        sms_to(&url)(c);
        c.sms.max_per_recipient_per_hour = 2;
    })
    .await;
    let s = Scenario::new(&app).await;
    let mut ids = Vec::new();
    for _ in 0..3 {
        ids.push(text(&app.file_request(&s.agency_a).await, "id").to_owned());
    }
    assert!(wait_for(|| gw.count() >= 2).await);
    tokio::time::sleep(Duration::from_millis(600)).await;
    assert_eq!(gw.count(), 2, "at most two an hour to one number");
    let mut pending = 0;
    for id in &ids {
        let m = &notifications(&app, &s.directorate, id).await[0];
        if m["status"] == "pending" {
            pending += 1;
            let next: chrono::DateTime<chrono::Utc> =
                m["next_attempt_at"].as_str().unwrap().parse().unwrap();
            assert!(next > app.now() + TimeDelta::minutes(50), "{next}");
        }
    }
    assert_eq!(pending, 1);
}

/// Many messages to one number in one claim: the cap counts those the claim takes, and the
/// rest are held together until the oldest of the hour is an hour old.
#[tokio::test]
async fn one_claim_of_many_messages_to_one_number_sends_only_the_cap() {
    let (url, gw) = gateway(0);
    let app = spawn_app_with(|c| {
        sms_to(&url)(c);
        c.sms.worker = false;
        c.sms.max_per_recipient_per_hour = 2;
    })
    .await;
    let s = Scenario::new(&app).await;
    let mut ids = Vec::new();
    for _ in 0..5 {
        ids.push(text(&app.file_request(&s.agency_a).await, "id").to_owned());
    }
    let worker = start_worker(&app, None).await;
    assert!(wait_for(|| gw.count() >= 2).await);
    tokio::time::sleep(Duration::from_millis(600)).await;
    worker.abort();
    assert_eq!(gw.count(), 2, "at most two an hour to one number");
    let mut held = 0;
    for id in &ids {
        let m = &notifications(&app, &s.directorate, id).await[0];
        if m["status"] == "pending" {
            held += 1;
            let next: chrono::DateTime<chrono::Utc> =
                m["next_attempt_at"].as_str().unwrap().parse().unwrap();
            assert!(next > app.now() + TimeDelta::minutes(50), "{next}");
        }
    }
    assert_eq!(held, 3);
}

#[tokio::test]
async fn two_workers_on_one_database_send_each_message_once() {
    let (url, gw) = gateway(0);
    let app = spawn_app_with(|c| {
        sms_to(&url)(c);
        c.sms.worker = false;
        // Every message goes to one applicant number: no cap in the way here.
        c.sms.max_per_recipient_per_hour = 1_000;
    })
    .await;
    let c = app.cast().await;
    let mut ids = Vec::new();
    for _ in 0..8 {
        ids.push(text(&app.file_request(&c.agency_a).await, "id").to_owned());
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(gw.count(), 0, "no worker, nothing sent yet");
    let mut instances = Vec::new();
    for _ in 0..2 {
        instances.push(start_worker(&app, Some(10)).await);
    }
    assert!(wait_for(|| gw.count() >= 8).await);
    for _ in 0..4 {
        ids.push(text(&app.file_request(&c.agency_a).await, "id").to_owned());
    }
    assert!(wait_for(|| gw.count() >= 12).await);
    tokio::time::sleep(Duration::from_millis(500)).await;
    let bodies = gw.bodies();
    let distinct: std::collections::HashSet<&str> =
        bodies.iter().map(|b| b["id"].as_str().unwrap()).collect();
    assert_eq!(bodies.len(), 12, "every message exactly once");
    assert_eq!(distinct.len(), 12);
    for i in instances {
        i.abort();
    }
}

#[tokio::test]
async fn the_log_provider_sends_nothing_and_marks_messages_sent() {
    let app = spawn_app_with(|c| {
        c.sms.quiet_hours = QuietHours(None);
        c.sms.poll_interval_ms = 50;
    })
    .await;
    assert_eq!(app.config.sms.provider, SmsProvider::Log);
    let s = Scenario::new(&app).await.filed().await;
    let msgs = all_sent(&app, &s.agency_a, s.id(), 1).await;
    assert_eq!(msgs[0]["recipient"], "0914***4567");
    // Others see nothing of it: another agency 404, the police 403.
    app.get_as(&s.agency_b, &format!("/requests/{}/notifications", s.id()))
        .await
        .problem(404, "not_found");
    app.get_as(&s.police, &format!("/requests/{}/notifications", s.id()))
        .await
        .problem(403, "forbidden");
}

#[tokio::test]
async fn administrators_override_templates_and_unknown_placeholders_are_refused() {
    let (url, gw) = gateway(0);
    let app = spawn_app_with(sms_to(&url)).await;
    let c = app.cast().await;
    let put = |body: Value| {
        let app = &app;
        let admin = c.admin.clone();
        async move {
            Reply::read(
                app.request(reqwest::Method::PUT, "/sms-templates/filed", Some(&admin))
                    .json(&body)
                    .send()
                    .await
                    .unwrap(),
            )
            .await
        }
    };
    let problem = put(json!({"body": "کد {tracking_code} و مجوز {permit_number}"}))
        .await
        .problem(422, "validation_failed");
    assert_eq!(problem["errors"][0]["field"], "body");
    assert_eq!(problem["errors"][0]["code"], "unknown_placeholder");
    assert!(problem["errors"][0]["message"]
        .as_str()
        .unwrap()
        .contains("{permit_number}"));
    put(json!({"body": "کد {tracking_code"}))
        .await
        .problem(422, "validation_failed");
    // Only administrators.
    Reply::read(
        app.request(
            reqwest::Method::PUT,
            "/sms-templates/filed",
            Some(&c.directorate),
        )
        .json(&json!({"body": "{tracking_code}"}))
        .send()
        .await
        .unwrap(),
    )
    .await
    .problem(403, "forbidden");

    let saved = put(json!({"body": "ثبت شد؛ کد رهگیری {tracking_code}، مهلت 5 روز"}))
        .await
        .json(200);
    assert_eq!(saved["overridden"], true);
    let list = app.items(&c.admin, "/sms-templates").await;
    assert_eq!(list.len(), plate_permits::sms::SmsEvent::ALL.len());
    let filed = list.iter().find(|t| t["event"] == "filed").unwrap();
    assert_eq!(filed["overridden"], true);

    let r = app.file_request(&c.agency_a).await;
    let msgs = all_sent(&app, &c.directorate, text(&r, "id"), 1).await;
    let want = format!(
        "ثبت شد؛ کد رهگیری {}، مهلت ۵ روز",
        persian_digits(&plate_permits::sms::templates::group_code(text(
            &r,
            "tracking_code"
        )))
    );
    assert_eq!(msgs[0]["text"], want.as_str());
    assert_eq!(gw.bodies()[0]["text"], want.as_str());

    // `null` restores the built-in text.
    let restored = put(json!({"body": null})).await.json(200);
    assert_eq!(restored["overridden"], false);
    assert_eq!(restored["body"], restored["default_body"]);

    // The audit keeps each text applicants were sent under, newest first; refused ones are not
    // changes and leave nothing.
    let entries = app.items(&c.admin, "/audit?subject=filed").await;
    let acts: Vec<&str> = entries.iter().map(|e| text(e, "action")).collect();
    assert_eq!(acts, ["sms_template.restored", "sms_template.updated"]);
    assert!(entries.iter().all(|e| e["subject_kind"] == "sms_template"));
    assert_eq!(entries[0]["detail"]["body"], restored["default_body"]);
    assert_eq!(
        entries[1]["detail"]["body"],
        "ثبت شد؛ کد رهگیری {tracking_code}، مهلت 5 روز"
    );
}

/// The value of the unlabelled or labelled series `series` in a scrape.
fn metric(scrape: &str, series: &str) -> i64 {
    let prefix = format!("{series} ");
    let line = scrape
        .lines()
        .find(|l| l.starts_with(&prefix))
        .unwrap_or_else(|| panic!("{series} missing in:\n{scrape}"));
    line[prefix.len()..].trim().parse().unwrap()
}

/// Sets the request's message to become due at `at`.
fn due_at(app: &TestApp, request_id: &str, at: chrono::NaiveDateTime) {
    use diesel::prelude::*;
    use plate_permits::db::schema::sms_messages as sm;
    let n = diesel::update(sm::table.filter(sm::request_id.eq(request_id)))
        .set(sm::next_attempt_at.eq(at))
        .execute(&mut app.db_conn())
        .unwrap();
    assert_eq!(n, 1);
}

#[tokio::test]
async fn metrics_count_messages_by_status_and_how_long_a_due_one_has_waited() {
    let (url, _gw) = gateway(0);
    let app = spawn_app_with(|c| {
        sms_to(&url)(c);
        c.sms.worker = false;
    })
    .await;
    let c = app.cast().await;
    let scrape = || async { app.get_root("/metrics").await.text().await.unwrap() };
    let m = scrape().await;
    assert_eq!(metric(&m, "plate_permits_sms_oldest_due_seconds"), 0);
    assert_eq!(
        metric(&m, "plate_permits_sms_messages{status=\"pending\"}"),
        0
    );

    // No worker: one message has waited ten minutes; another is held for an hour, as quiet
    // hours or the hourly cap hold one, and is not waiting.
    let waiting = text(&app.file_request(&c.agency_a).await, "id").to_owned();
    let held = text(&app.file_request(&c.agency_a).await, "id").to_owned();
    let now = app.now().naive_utc();
    due_at(&app, &waiting, now - TimeDelta::minutes(10));
    due_at(&app, &held, now + TimeDelta::hours(1));
    let m = scrape().await;
    assert_eq!(
        metric(&m, "plate_permits_sms_messages{status=\"pending\"}"),
        2
    );
    assert_eq!(metric(&m, "plate_permits_sms_messages{status=\"sent\"}"), 0);
    assert_eq!(
        metric(&m, "plate_permits_sms_messages{status=\"failed\"}"),
        0
    );
    assert_eq!(
        metric(&m, "plate_permits_sms_messages{status=\"suppressed\"}"),
        0
    );
    let waited = metric(&m, "plate_permits_sms_oldest_due_seconds");
    assert!((600..900).contains(&waited), "{waited}");

    // A worker sends the due one and leaves the held one: nothing is waiting any more.
    let worker = start_worker(&app, None).await;
    all_sent(&app, &c.directorate, &waiting, 1).await;
    worker.abort();
    let m = scrape().await;
    assert_eq!(
        metric(&m, "plate_permits_sms_messages{status=\"pending\"}"),
        1
    );
    assert_eq!(metric(&m, "plate_permits_sms_messages{status=\"sent\"}"), 1);
    assert_eq!(metric(&m, "plate_permits_sms_oldest_due_seconds"), 0);
}

/// A UCS-2 SMS carries 70 characters, or 67 per part when split: two parts.
const TWO_PARTS: usize = 134;

#[tokio::test]
async fn a_long_withdrawal_reason_with_a_url_goes_out_as_its_label_only() {
    let (url, gw) = gateway(0);
    let app = spawn_app_with(sms_to(&url)).await;
    let s = Scenario::new(&app).await.filed().await;
    let head = "برای پرداخت جریمه به https://pay.example.com/invoice?id=1 و www.pay.ir بروید ";
    let reason: String = head
        .chars()
        .chain(std::iter::repeat('ب'))
        .take(2000)
        .collect();
    assert_eq!(reason.chars().count(), 2000);
    app.withdraw(&s.agency_a, s.id(), &reason).await.json(200);
    // A rejection coded `other` with a link in its words.
    let r = s.another().filed().await.reviewed().await;
    app.reject_coded(
        &r.directorate,
        r.id(),
        "other",
        "مبلغ را به pay.example.com/x واریز کنید",
    )
    .await
    .json(200);

    let msgs = all_sent(&app, &s.directorate, s.id(), 2).await;
    let withdrawn = msgs[1]["text"].as_str().unwrap();
    assert!(withdrawn.contains("علت: انصراف متقاضی"), "{withdrawn}");
    for bad in [
        "http",
        "pay",
        "example",
        "www",
        "جریمه",
        "ب".repeat(5).as_str(),
    ] {
        assert!(!withdrawn.contains(bad), "{bad} in {withdrawn}");
    }
    assert!(
        withdrawn.chars().count() <= TWO_PARTS,
        "{} characters",
        withdrawn.chars().count()
    );
    let msgs = all_sent(&app, &r.directorate, r.id(), 2).await;
    let rejected = msgs[1]["text"].as_str().unwrap();
    assert!(rejected.contains("علت: سایر"), "{rejected}");
    assert!(!rejected.contains("example") && !rejected.contains("واریز"));
    assert!(rejected.chars().count() <= TWO_PARTS);
    // What the gateway got is the same text.
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(gw
        .bodies()
        .iter()
        .all(|b| !b["text"].as_str().unwrap().contains("example")));
}

#[tokio::test]
async fn templates_may_link_only_to_the_service_itself() {
    let (url, _gw) = gateway(0);
    let app = spawn_app_with(sms_to(&url)).await;
    let c = app.cast().await;
    let put = |body: Value| {
        let app = &app;
        let admin = c.admin.clone();
        async move {
            Reply::read(
                app.request(
                    reqwest::Method::PUT,
                    "/sms-templates/withdrawn",
                    Some(&admin),
                )
                .json(&body)
                .send()
                .await
                .unwrap(),
            )
            .await
        }
    };
    for bad in [
        "کد {tracking_code}؛ پرداخت: https://pay.example.com",
        "کد {tracking_code}؛ t.me/scam",
        "کد {tracking_code}؛ www.evil.ir",
    ] {
        let problem = put(json!({ "body": bad }))
            .await
            .problem(422, "validation_failed");
        assert_eq!(problem["errors"][0]["field"], "body", "{bad}");
        assert_eq!(problem["errors"][0]["code"], "url_not_allowed", "{bad}");
    }
    let own = format!(
        "کد {{tracking_code}}؛ پیگیری: {}/track",
        app.config
            .http
            .public_base_url
            .as_str()
            .trim_end_matches('/')
    );
    let view = put(json!({ "body": own })).await.json(200);
    assert_eq!(view["overridden"], true);
}

#[tokio::test]
async fn the_agency_daily_quota_holds_messages_beyond_it() {
    let (url, gw) = gateway(0);
    let app = spawn_app_with(|c| {
        sms_to(&url)(c);
        c.sms.agency_daily_quota = 2;
    })
    .await;
    let s = Scenario::new(&app).await;
    let mut ids = Vec::new();
    for _ in 0..3 {
        ids.push(text(&app.file_request(&s.agency_a).await, "id").to_owned());
    }
    assert!(wait_for(|| gw.count() >= 2).await);
    tokio::time::sleep(Duration::from_millis(600)).await;
    assert_eq!(gw.count(), 2, "at most two a day for one agency");
    let mut held = 0;
    for id in &ids {
        let m = &notifications(&app, &s.directorate, id).await[0];
        if m["status"] == "pending" {
            held += 1;
            assert!(
                m["last_error"]
                    .as_str()
                    .unwrap()
                    .contains("daily SMS quota"),
                "{m}"
            );
            let next: chrono::DateTime<chrono::Utc> =
                m["next_attempt_at"].as_str().unwrap().parse().unwrap();
            // 10:00 in Tehran: the next day's allowance is 14 hours away.
            assert!(next >= app.now() + TimeDelta::hours(13), "{next}");
        }
    }
    assert_eq!(held, 1, "held, not dropped");
    let metrics = app.get_root("/metrics").await.text().await.unwrap();
    assert!(
        metrics.contains("plate_permits_sms_quota_held_messages 1"),
        "{metrics}"
    );
    // The next day it goes out.
    app.clock.advance(TimeDelta::hours(15));
    assert!(wait_for(|| gw.count() >= 3).await);
}

/// No API path changes a request's contact mobile (where its SMS go); the database refuses any
/// other path's change, so the recipient never changes unaudited. Other updates still work.
#[tokio::test]
async fn the_contact_mobile_of_a_request_cannot_change_outside_an_audited_path() {
    let app = spawn_app().await;
    let s = Scenario::new(&app).await.filed().await;
    let mut conn = plate_permits::db::DbManager::connect_url(&app.db.url);
    use diesel::RunQueryDsl;
    let changed = diesel::sql_query(format!(
        "UPDATE requests SET contact_mobile = '09120000000' WHERE id = '{}'",
        s.id()
    ))
    .execute(&mut conn);
    assert!(changed.is_err(), "the recipient changed without an audit");
    let same = diesel::sql_query(format!(
        "UPDATE requests SET contact_mobile = contact_mobile WHERE id = '{}'",
        s.id()
    ))
    .execute(&mut conn);
    assert_eq!(same.unwrap(), 1);
    // The request still moves on.
    s.reviewed().await;
}
