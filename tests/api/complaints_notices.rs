//! Complaints and their answers, feedback on finished requests, notices and the read-only
//! window of an outage.

use serde_json::{json, Value};

use crate::helpers::*;

fn complaint(subject: &str, body: &str, category: &str) -> Value {
    json!({"subject": subject, "body": body, "category": category})
}

/// A complaint about the request with this tracking code.
fn complaint_about(code: &str) -> Value {
    let mut c = complaint("درباره درخواست", "متن شکایت", "other");
    c["request_tracking_code"] = json!(code);
    c
}

/// Agency A's complaint about its request, agency B's, and one by the police, in that order.
async fn three_complaints<'a>(app: &'a TestApp) -> (Scenario<'a>, [Value; 3]) {
    let s = Scenario::new(app).await.filed().await;
    let mut mine = complaint(
        "تأخیر در بررسی",
        "درخواست ما یک هفته است بررسی نشده.",
        "delay",
    );
    mine["request_tracking_code"] = json!(s.tracking_code());
    let mine = app.complain(&s.agency_a, &mine).await.json(201);
    let theirs = complaint("مشکل فنی", "سامانه کند است", "technical");
    let theirs = app.complain(&s.agency_b, &theirs).await.json(201);
    let police = complaint("برخورد کارمند", "توضیحات", "conduct");
    let police = app.complain(&s.police, &police).await.json(201);
    (s, [mine, theirs, police])
}

async fn answer(app: &TestApp, token: &str, complaint: &Value, body: &str) -> Reply {
    let path = format!("/complaints/{}/responses", text(complaint, "id"));
    app.post_as(token, &path, &json!({ "body": body })).await
}

#[tokio::test]
async fn a_complaint_about_a_request_gets_its_own_tracking_code() {
    let app = spawn_app().await;
    let (s, [mine, _, _]) = three_complaints(&app).await;
    assert_eq!(mine["status"], "received");
    assert_ne!(mine["tracking_code"], s.tracking_code());
    assert_eq!(mine["request_id"], s.request["id"]);
}

#[tokio::test]
async fn only_the_owning_agency_may_attach_its_request_to_a_complaint() {
    let app = spawn_app().await;
    let s = Scenario::new(&app).await.filed().await;
    let about = complaint_about(s.tracking_code());
    let p = app
        .complain(&s.agency_b, &about)
        .await
        .problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["field"], "request_tracking_code");
    app.complain(&s.police, &about)
        .await
        .problem(422, "validation_failed");
}

#[tokio::test]
async fn an_agency_sees_and_closes_only_its_own_complaints() {
    let app = spawn_app().await;
    let (s, [mine, theirs, _]) = three_complaints(&app).await;
    let list = app.items(&s.agency_a, "/complaints").await;
    assert_eq!(ids(&list), [text(&mine, "id")]);
    let path = format!("/complaints/{}", text(&theirs, "id"));
    app.get_as(&s.agency_a, &path)
        .await
        .problem(404, "not_found");
    let close = format!("{path}/close");
    app.post_as(&s.agency_a, &close, &json!({}))
        .await
        .problem(404, "not_found");
}

#[tokio::test]
async fn complaints_are_listed_unanswered_first_oldest_first() {
    let app = spawn_app().await;
    let (s, [mine, theirs, _]) = three_complaints(&app).await;
    let all = app.items(&s.directorate, "/complaints").await;
    assert_eq!(all.len(), 3);
    assert_eq!(all[0]["id"], mine["id"]);
    answer(&app, &s.directorate, &mine, "درخواست شما در حال بررسی است.")
        .await
        .json(200);
    let received = app
        .items(&s.directorate, "/complaints?status=received")
        .await;
    assert_eq!(received.len(), 2);
    let ordered = app.items(&s.directorate, "/complaints").await;
    assert_eq!(
        ordered[2]["id"], mine["id"],
        "answered ones after unanswered"
    );
    assert_eq!(ordered[0]["id"], theirs["id"]);
}

#[tokio::test]
async fn the_directorate_and_administrators_answer_complaints_agencies_do_not() {
    let app = spawn_app().await;
    let (s, [mine, _, _]) = three_complaints(&app).await;
    answer(&app, &s.agency_a, &mine, "x")
        .await
        .problem(403, "forbidden");
    let answered = answer(&app, &s.directorate, &mine, "در حال بررسی")
        .await
        .json(200);
    assert_eq!(answered["status"], "answered");
    answer(&app, &s.admin, &mine, "پاسخ دوم").await.json(200);
}

#[tokio::test]
async fn an_answered_complaint_is_tracked_publicly() {
    let app = spawn_app().await;
    let (s, [mine, _, _]) = three_complaints(&app).await;
    answer(&app, &s.directorate, &mine, "در حال بررسی")
        .await
        .json(200);
    let t = app.track(text(&mine, "tracking_code")).await.json(200);
    assert_eq!(t["kind"], "complaint");
    assert_eq!(t["status"], "answered");
}

#[tokio::test]
async fn a_closed_complaint_keeps_its_history_and_takes_no_more_answers() {
    let app = spawn_app().await;
    let (s, [mine, _, _]) = three_complaints(&app).await;
    answer(&app, &s.directorate, &mine, "در حال بررسی")
        .await
        .json(200);
    answer(&app, &s.admin, &mine, "پاسخ دوم").await.json(200);
    let close = format!("/complaints/{}/close", text(&mine, "id"));
    let closed = app.post_as(&s.agency_a, &close, &json!({})).await.json(200);
    assert_eq!(closed["status"], "closed");
    let kinds = field(closed["history"].as_array().unwrap(), "kind");
    assert_eq!(kinds, ["received", "response", "response", "closed"]);
    let reply = answer(&app, &s.directorate, &mine, "x").await;
    reply.problem(409, "invalid_transition");
}

fn rating(stars: i64) -> Value {
    json!({"rating": stars, "comment": "خوب بود"})
}

#[tokio::test]
async fn feedback_waits_until_the_request_is_finished() {
    let app = spawn_app().await;
    let s = Scenario::new(&app).await.filed().await;
    let reply = app.give_feedback(&s.agency_a, s.id(), &rating(4)).await;
    reply.problem(409, "invalid_transition");
}

#[tokio::test]
async fn the_owning_agency_rates_a_finished_request_one_to_five() {
    let app = spawn_app().await;
    let s = Scenario::new(&app).await.filed().await.reviewed().await;
    let s = s.rejected().await;
    let six = json!({"rating": 6});
    let reply = app.give_feedback(&s.agency_a, s.id(), &six).await;
    reply.problem(422, "validation_failed");
    let reply = app.give_feedback(&s.agency_b, s.id(), &rating(4)).await;
    reply.problem(404, "not_found");
    let reply = app.give_feedback(&s.directorate, s.id(), &rating(4)).await;
    reply.problem(403, "forbidden");
    let f = app
        .give_feedback(&s.agency_a, s.id(), &rating(4))
        .await
        .json(201);
    assert_eq!(f["rating"], 4);
}

#[tokio::test]
async fn feedback_is_given_once() {
    let app = spawn_app().await;
    let s = Scenario::new(&app).await.filed().await.reviewed().await;
    let s = s.rejected().await;
    app.give_feedback(&s.agency_a, s.id(), &rating(4))
        .await
        .json(201);
    let reply = app.give_feedback(&s.agency_a, s.id(), &rating(4)).await;
    reply.problem(409, "duplicate");
}

#[tokio::test]
async fn withdrawn_requests_are_not_rated() {
    let app = spawn_app().await;
    let s = Scenario::new(&app).await.filed().await.withdrawn().await;
    let reply = app.give_feedback(&s.agency_a, s.id(), &rating(4)).await;
    reply.problem(409, "invalid_transition");
}

/// A notice of this kind from `from` to `to` minutes after `now`.
fn notice(now: Now, kind: &str, from: i64, to: i64, read_only: bool) -> Value {
    json!({"kind": kind, "title": "به‌روزرسانی", "body": "به‌روزرسانی پایگاه داده", "starts_at": in_minutes(now, from), "ends_at": in_minutes(now, to), "read_only": read_only})
}

#[tokio::test]
async fn maintenance_needs_a_day_of_notice() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let soon = notice(app.now(), "maintenance", 60, 120, true);
    let p = app
        .post_notice(&admin, &soon)
        .await
        .problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["field"], "starts_at");
    assert_eq!(p["errors"][0]["code"], "insufficient_notice");
    let planned = notice(app.now(), "maintenance", 25 * 60, 26 * 60, true);
    app.post_notice(&admin, &planned).await.json(201);
}

#[tokio::test]
async fn only_administrators_post_notices() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let planned = notice(app.now(), "maintenance", 25 * 60, 26 * 60, true);
    let reply = app.post_notice(&c.directorate, &planned).await;
    reply.problem(403, "forbidden");
}

#[tokio::test]
async fn a_notice_ends_after_it_starts() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let backwards = json!({"kind": "outage", "title": "قطعی", "body": "قطعی شبکه", "starts_at": in_minutes(app.now(), 10), "ends_at": in_minutes(app.now(), 5)});
    let reply = app.post_notice(&admin, &backwards).await;
    reply.problem(422, "validation_failed");
}

#[tokio::test]
async fn notices_are_public_soonest_first_and_a_planned_window_blocks_nothing_yet() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let planned = notice(app.now(), "maintenance", 25 * 60, 26 * 60, true);
    app.post_notice(&c.admin, &planned).await.json(201);
    let info = json!({"kind": "info", "title": "اطلاعیه", "body": "ساعات کاری تغییر کرد", "starts_at": in_minutes(app.now(), -5), "ends_at": in_minutes(app.now(), 60)});
    app.post_notice(&c.admin, &info).await.json(201);
    let list = app.get_public("/notices").await.items(200);
    assert_eq!(field(&list, "kind"), ["info", "maintenance"]);
    app.file_request(&c.agency_a).await;
}

/// A read-only outage from now for thirty minutes; returns the notice's id.
async fn outage_now(app: &TestApp, s: &Scenario<'_>) -> String {
    let outage = json!({"kind": "outage", "title": "قطعی سامانه جامع خودرو", "body": "ارتباط با سامانه جامع خودرو قطع است.", "starts_at": in_minutes(app.now(), 0), "ends_at": in_minutes(app.now(), 30), "read_only": true});
    let n = app.post_notice(&s.admin, &outage).await.json(201);
    text(&n, "id").to_owned()
}

#[tokio::test]
async fn writes_during_an_outage_are_503_until_its_end() {
    let app = spawn_app().await;
    let s = Scenario::new(&app).await.filed().await;
    let notice_id = outage_now(&app, &s).await;
    let reply = app.file(&s.agency_a, &new_request()).await;
    assert_eq!(reply.status, 503, "{:?}", reply.headers);
    let retry: i64 = reply.header("retry-after").parse().unwrap();
    assert!((1700..=1800).contains(&retry), "{retry}");
    let p = reply.problem(503, "maintenance");
    assert_eq!(p["notice"]["id"], notice_id.as_str());
    app.review(&s.directorate, s.id())
        .await
        .problem(503, "maintenance");
}

#[tokio::test]
async fn reads_and_sign_in_keep_working_during_an_outage() {
    let app = spawn_app().await;
    let s = Scenario::new(&app).await.filed().await;
    outage_now(&app, &s).await;
    app.request_of(&s.agency_a, s.id()).await;
    app.get_public("/notices").await.json(200);
    app.login_ok("agency-a", USER_PASSWORD).await;
}

#[tokio::test]
async fn deleting_an_outage_reopens_writes_at_once() {
    let app = spawn_app().await;
    let s = Scenario::new(&app).await.filed().await;
    let notice_id = outage_now(&app, &s).await;
    let gone = app
        .delete_as(&s.admin, &format!("/notices/{notice_id}"))
        .await;
    assert_eq!(gone.status, 204);
    app.review(&s.directorate, s.id()).await.json(200);
}

#[tokio::test]
async fn ending_an_outage_early_reopens_writes() {
    let app = spawn_app().await;
    let s = Scenario::new(&app).await.filed().await.reviewed().await;
    let notice_id = outage_now(&app, &s).await;
    let reply = app.reject(&s.directorate, s.id(), "x").await;
    reply.problem(503, "maintenance");
    let end_now = json!({"ends_at": in_minutes(app.now(), 0)});
    app.patch_as(&s.admin, &format!("/notices/{notice_id}"), &end_now)
        .await
        .json(200);
    app.reject(&s.directorate, s.id(), "x").await.json(200);
}
