//! A document request's due date is judged against the service's day (Tehran), not UTC's.

use chrono::{NaiveDate, NaiveDateTime};
use serde_json::{json, Value};

use crate::documents::PNG;
use crate::helpers::*;

/// 22:00 UTC on 5 November 2024: already 01:30 on 6 November (۱۶ آبان ۱۴۰۳) in Tehran.
fn late_evening_utc() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2024, 11, 5)
        .and_then(|d| d.and_hms_opt(22, 0, 0))
        .expect("instant")
}

fn ask(due_date: &str) -> Value {
    json!({
        "message": "لطفاً کارت خودرو را بارگذاری کنید.",
        "items": [{"document_type": "vehicle_card"}],
        "due_date": due_date,
    })
}

#[tokio::test]
async fn a_due_date_is_refused_only_before_the_service_day() {
    let app = spawn_app_with_clock(
        |c| plate_permits::clock::Clock::fixed(late_evening_utc(), c.service_timezone),
        |_| {},
    )
    .await;
    let c = app.cast().await;
    let r = app.file_request(&c.agency_a).await;
    let id = r["id"].as_str().unwrap();
    let review = app
        .post_action(
            &format!("/requests/{id}/review"),
            &c.directorate,
            None,
            None,
        )
        .await;
    expect_json(review, 200).await;
    let asks = format!("/requests/{id}/document-requests");
    // Still 5 November in UTC, but yesterday in Tehran.
    let p = expect_problem(
        app.post_json(&asks, Some(&c.directorate), &ask("2024-11-05"))
            .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(p["errors"].as_array().unwrap().len(), 1);
    assert_eq!(p["errors"][0]["field"], "due_date");
    assert_eq!(p["errors"][0]["code"], "past_date");
    // Today in Tehran, in Jalali.
    let dr = expect_json(
        app.post_json(&asks, Some(&c.directorate), &ask("1403/08/16"))
            .await,
        201,
    )
    .await;
    assert_eq!(dr["due_date"], "2024-11-06");
    assert_eq!(dr["request_status"], "awaiting_documents");
    // The rest of the loop works under the frozen clock.
    let upload = app
        .upload(
            &c.agency_a,
            id,
            "vehicle_card",
            "card.png",
            "image/png",
            PNG.to_vec(),
        )
        .await;
    expect_json(upload, 201).await;
    let resubmit = app
        .post_json(
            &format!("/requests/{id}/resubmit"),
            Some(&c.agency_a),
            &json!({}),
        )
        .await;
    assert_eq!(expect_json(resubmit, 200).await["status"], "under_review");
}

// ---- working days, the Jalali twin, the reminder and the overdue flag ----------------------

/// 08:00 UTC on Sunday 6 December 2026 (۱۵ آذر ۱۴۰۵, 11:30 in Tehran).
fn sunday_morning() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 12, 6)
        .and_then(|d| d.and_hms_opt(8, 0, 0))
        .expect("instant")
}

fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d)
        .and_then(|d| d.and_hms_opt(h, min, 0))
        .expect("instant")
}

/// New access tokens for the whole cast (after the clock jumped past their lifetime).
async fn sign_in_again(app: &TestApp, cast: &mut Cast) {
    cast.admin = app.admin_token().await;
    for (token, username) in [
        (&mut cast.directorate, "reviewer"),
        (&mut cast.agency_a, "agency-a"),
    ] {
        *token = app.login_ok(username, USER_PASSWORD).await.access;
    }
}

/// Moves the clock to `at` (UTC) and signs everyone in again.
async fn at(app: &TestApp, s: &mut Scenario<'_>, at: NaiveDateTime) {
    app.clock.set(at);
    sign_in_again(app, &mut s.cast).await;
}

/// One round of the SMS worker's day-before reminders at the clock's "now".
async fn remind(app: &TestApp) -> usize {
    let mut conn = app.db_conn();
    let (config, clock) = (app.config.clone(), app.clock);
    tokio::task::spawn_blocking(move || {
        plate_permits::sms::service::remind_documents_due(&mut conn, &config, &clock, clock.now())
    })
    .await
    .unwrap()
    .unwrap()
}

/// One round of the document due-date worker at the clock's "now".
async fn mark_overdue(app: &TestApp) -> usize {
    let mut conn = app.db_conn();
    let clock = app.clock;
    tokio::task::spawn_blocking(move || {
        plate_permits::documents::due::mark_overdue(&mut conn, &clock)
    })
    .await
    .unwrap()
    .unwrap()
}

/// Frozen on Sunday morning; the SMS worker does not run (the test runs its reminder round).
async fn sunday_app() -> TestApp {
    spawn_app_with_clock(
        |c| plate_permits::clock::Clock::fixed(sunday_morning(), c.service_timezone),
        |c| c.sms.worker = false,
    )
    .await
}

async fn under_review(app: &TestApp) -> Scenario<'_> {
    Scenario::new(app).await.filed().await.reviewed().await
}

#[tokio::test]
async fn a_due_date_must_be_a_working_day_and_is_shown_with_its_jalali_twin() {
    let app = sunday_app().await;
    let s = under_review(&app).await;
    let asks = format!("/requests/{}/document-requests", s.id());
    // ۱۴۰۵/۰۹/۲۰ is Friday 11 December 2026: the weekend. The answer names the next
    // working day, Saturday.
    let p = app
        .post_as(&s.directorate, &asks, &ask("۱۴۰۵/۰۹/۲۰"))
        .await
        .problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["field"], "due_date");
    assert_eq!(p["errors"][0]["code"], "not_working_day");
    assert_eq!(p["next_working_day"], "2026-12-12");
    assert_eq!(p["next_working_day_jalali"], "1405/09/21");
    let message = p["errors"][0]["message"].as_str().unwrap();
    assert!(message.contains("۱۴۰۵/۰۹/۲۱"), "{message}");
    let en = app
        .call(
            reqwest::Method::POST,
            &asks,
            Some(&s.directorate),
            Some(&ask("2026-12-11")),
            &[("accept-language", "en")],
        )
        .await
        .problem(422, "validation_failed");
    assert!(en["errors"][0]["message"]
        .as_str()
        .unwrap()
        .contains("2026-12-12"));
    // Nothing changed: still under review.
    assert_eq!(s.current().await["status"], "under_review");
    // A Sunday, in Jalali with Persian digits.
    let dr = app
        .post_as(&s.directorate, &asks, &ask("۱۴۰۵/۰۹/۲۲"))
        .await
        .json(201);
    assert_eq!(dr["due_date"], "2026-12-13");
    assert_eq!(dr["due_date_jalali"], "1405/09/22");
    assert_eq!(dr["overdue"], false);
    assert_eq!(dr["reminded_at"], Value::Null);
    let listed = app.items(&s.agency_a, &asks).await;
    assert_eq!(listed[0]["due_date_jalali"], "1405/09/22");
}

#[tokio::test]
async fn the_applicant_is_reminded_the_day_before_and_a_passed_due_date_flags_the_request() {
    let app = sunday_app().await;
    let mut s = under_review(&app).await;
    let asks = format!("/requests/{}/document-requests", s.id());
    // Due Tuesday 8 December (۱۴۰۵/۰۹/۱۷).
    app.post_as(&s.directorate, &asks, &ask("2026-12-08"))
        .await
        .json(201);
    assert_eq!(remind(&app).await, 0, "two days before: no reminder yet");

    // Monday, the day before (07:00 in Tehran): one reminder, however often the worker runs.
    at(&app, &mut s, utc(2026, 12, 7, 3, 30)).await;
    assert_eq!(remind(&app).await, 1);
    assert_eq!(remind(&app).await, 0);
    let sms = app
        .get_as(&s.agency_a, &format!("/requests/{}/notifications", s.id()))
        .await
        .items(200);
    let due: Vec<&Value> = sms
        .iter()
        .filter(|m| m["event"] == "documents_due")
        .collect();
    assert_eq!(due.len(), 1, "{sms:#?}");
    let text = due[0]["text"].as_str().unwrap();
    assert!(text.contains("۱۴۰۵/۰۹/۱۷"), "{text}");
    assert!(text.contains("کارت خودرو"), "{text}");
    assert!(app.items(&s.directorate, &asks).await[0]["reminded_at"].is_string());

    // The due day itself is not over yet.
    at(&app, &mut s, utc(2026, 12, 8, 15, 0)).await;
    assert_eq!(mark_overdue(&app).await, 0);
    assert_eq!(s.current().await["documents_overdue"], false);

    // 00:30 on Wednesday in Tehran: overdue, once.
    at(&app, &mut s, utc(2026, 12, 8, 21, 0)).await;
    assert_eq!(mark_overdue(&app).await, 1);
    assert_eq!(mark_overdue(&app).await, 0);
    let r = s.current().await;
    assert_eq!(r["status"], "awaiting_documents", "not closed by itself");
    assert_eq!(r["documents_overdue"], true);
    assert_eq!(r["documents_overdue_since"], "2026-12-08T20:30:00Z");
    assert_eq!(app.items(&s.directorate, &asks).await[0]["overdue"], true);
    let queue = app
        .items(&s.directorate, "/requests?documents_overdue=true")
        .await;
    assert_eq!(queue.len(), 1);
    assert_eq!(queue[0]["id"], s.id());
    assert!(app
        .items(&s.directorate, "/requests?documents_overdue=false")
        .await
        .iter()
        .all(|r| r["id"] != s.id()));
    let events = app
        .get_as(&s.directorate, "/events?types=request.documents_overdue")
        .await
        .items(200);
    assert_eq!(events.len(), 1);
    assert_eq!(events[0]["data"]["due_date_jalali"], "1405/09/17");
    assert_eq!(
        events[0]["data"]["missing_document_types"],
        json!(["vehicle_card"])
    );
    // The agency's own feed shows it too (its request).
    let own = app
        .get_as(&s.agency_a, "/events?types=request.documents_overdue")
        .await
        .items(200);
    assert_eq!(own.len(), 1);

    // The documents come late: once resubmitted, the flag is gone.
    expect_json(
        app.upload(
            &s.agency_a,
            s.id(),
            "vehicle_card",
            "card.png",
            "image/png",
            PNG.to_vec(),
        )
        .await,
        201,
    )
    .await;
    app.resubmit(&s.agency_a, s.id()).await.json(200);
    let r = s.current().await;
    assert_eq!(r["documents_overdue"], false);
    assert!(app
        .items(&s.directorate, "/requests?documents_overdue=true")
        .await
        .is_empty());
}

#[tokio::test]
async fn documents_supplied_in_time_get_no_reminder_and_no_overdue_flag() {
    let app = sunday_app().await;
    let mut s = under_review(&app).await;
    let asks = format!("/requests/{}/document-requests", s.id());
    app.post_as(&s.directorate, &asks, &ask("2026-12-08"))
        .await
        .json(201);
    expect_json(
        app.upload(
            &s.agency_a,
            s.id(),
            "vehicle_card",
            "card.png",
            "image/png",
            PNG.to_vec(),
        )
        .await,
        201,
    )
    .await;
    at(&app, &mut s, utc(2026, 12, 7, 6, 0)).await;
    assert_eq!(remind(&app).await, 0);
    at(&app, &mut s, utc(2026, 12, 9, 6, 0)).await;
    assert_eq!(mark_overdue(&app).await, 0);
    assert_eq!(s.current().await["documents_overdue"], false);
    // An ask made the day before its due date gets no reminder (its own message named it):
    // asked on Saturday, due Sunday.
    at(&app, &mut s, utc(2026, 12, 12, 6, 0)).await;
    let other = s.another().filed().await.reviewed().await;
    app.post_as(
        &other.directorate,
        &format!("/requests/{}/document-requests", other.id()),
        &ask("2026-12-13"),
    )
    .await
    .json(201);
    assert_eq!(remind(&app).await, 0);
}
