//! Receipts judged by when the plates were removed (however late they are posted), the police's
//! coded refusals and one-plate removals; permits revoked by the directorate or by the agency's
//! withdrawal.

use chrono::{DateTime, Duration, Utc};
use diesel::RunQueryDsl;
use serde_json::{json, Value};

use crate::helpers::*;

/// A request with a permit issued for it.
async fn with_permit(app: &TestApp) -> Scenario<'_> {
    let s = Scenario::new(app).await.filed().await.reviewed().await;
    s.permit_issued().await
}

/// Moves a permit's life into the past, straight in the database: issued `issued_ago`, valid
/// until `ended_ago` ago.
fn backdate(app: &TestApp, permit_id: &str, issued_ago: Duration, ended_ago: Duration) {
    let at = |d: Duration| (app.now() - d).format("%Y-%m-%d %H:%M:%S%.6f");
    let sql = format!(
        "UPDATE permits SET issued_at = '{}', valid_until = '{}' WHERE id = '{permit_id}'",
        at(issued_ago),
        at(ended_ago)
    );
    diesel::sql_query(sql)
        .execute(&mut app.db_conn())
        .expect("backdate permit");
}

/// A removal receipt whose plates came off at `occurred_at`.
fn removed_at(occurred_at: DateTime<Utc>) -> Value {
    receipt(occurred_at, "removed", "R-41")
}

/// The fields named by a 422, in order.
fn fields(problem: &Value) -> Vec<(String, String)> {
    problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (text(e, "field").to_owned(), text(e, "code").to_owned()))
        .collect()
}

fn issue(field: &str, code: &str) -> (String, String) {
    (field.to_owned(), code.to_owned())
}

/// The last event of `type` in the feed `token` reads.
async fn last_event(app: &TestApp, token: &str, event_type: &str) -> Option<Value> {
    let events = app.items(token, "/events?limit=500").await;
    events.into_iter().rev().find(|e| e["type"] == event_type)
}

async fn revoke(app: &TestApp, token: &str, permit_id: &str, body: &Value) -> Reply {
    app.post_as(token, &format!("/permits/{permit_id}/revoke"), body)
        .await
}

// ---- receipts -------------------------------------------------------------------------------

#[tokio::test]
async fn a_receipt_posted_after_expiry_for_a_removal_inside_validity_is_accepted() {
    let app = spawn_app().await;
    let s = with_permit(&app).await;
    // Valid until yesterday; the plates came off two hours before the end.
    backdate(&app, s.permit_id(), Duration::days(5), Duration::days(1));
    let removed = app.now() - Duration::days(1) - Duration::hours(2);
    let reply = app
        .receipt(&s.police, s.permit_id(), &removed_at(removed), None)
        .await;
    let permit = reply.json(201);
    assert_eq!(permit["status"], "used");
    assert_eq!(s.current().await["status"], "plate_removed");
}

#[tokio::test]
async fn a_removal_after_the_validity_ended_is_refused_on_occurred_at() {
    let app = spawn_app().await;
    let s = with_permit(&app).await;
    backdate(&app, s.permit_id(), Duration::days(5), Duration::days(1));
    // Six minutes past the end: beyond the tolerated clock skew.
    let removed = app.now() - Duration::days(1) + Duration::minutes(6);
    let reply = app
        .receipt(&s.police, s.permit_id(), &removed_at(removed), None)
        .await;
    let p = reply.problem(422, "validation_failed");
    assert_eq!(fields(&p), [issue("occurred_at", "after_validity")]);
}

#[tokio::test]
async fn a_police_clock_a_minute_behind_is_tolerated_six_minutes_is_not() {
    let app = spawn_app().await;
    let s = with_permit(&app).await;
    let issued_at: DateTime<Utc> = text(&s.permit, "issued_at").parse().unwrap();
    let early = removed_at(issued_at - Duration::minutes(6));
    let reply = app.receipt(&s.police, s.permit_id(), &early, None).await;
    let p = reply.problem(422, "validation_failed");
    assert_eq!(fields(&p), [issue("occurred_at", "before_issue")]);
    assert!(text(&p["errors"][0], "message").contains("۵ دقیقه"));
    let skewed = removed_at(issued_at - Duration::seconds(60));
    let reply = app.receipt(&s.police, s.permit_id(), &skewed, None).await;
    assert_eq!(reply.json(201)["status"], "used");
}

#[tokio::test]
async fn a_receipt_posted_long_after_the_validity_needs_notes() {
    let app = spawn_app().await;
    let s = with_permit(&app).await;
    // Valid until 31 days ago (RECEIPT_LATE_DAYS is 30), removed inside validity.
    backdate(&app, s.permit_id(), Duration::days(40), Duration::days(31));
    let mut body = removed_at(app.now() - Duration::days(35));
    let reply = app.receipt(&s.police, s.permit_id(), &body, None).await;
    let p = reply.problem(422, "validation_failed");
    assert_eq!(fields(&p), [issue("notes", "late_receipt")]);
    assert!(text(&p["errors"][0], "message").contains("۳۰ روز"));
    body["notes"] = json!("رسید در بایگانی کلانتری مانده بود");
    let reply = app.receipt(&s.police, s.permit_id(), &body, None).await;
    assert_eq!(reply.json(201)["status"], "used");
}

#[tokio::test]
async fn a_refusal_needs_a_coded_reason_and_other_needs_notes() {
    let app = spawn_app().await;
    let s = with_permit(&app).await;
    let mut body = receipt(app.now(), "refused", "R-42");
    body.as_object_mut().unwrap().remove("notes");
    body.as_object_mut().unwrap().remove("refusal_reason");
    let reply = app.receipt(&s.police, s.permit_id(), &body, None).await;
    let p = reply.problem(422, "validation_failed");
    assert_eq!(fields(&p), [issue("refusal_reason", "required")]);
    body["refusal_reason"] = json!("other");
    let reply = app.receipt(&s.police, s.permit_id(), &body, None).await;
    let p = reply.problem(422, "validation_failed");
    assert_eq!(fields(&p), [issue("notes", "required")]);
    body["refusal_reason"] = json!("unpaid_fines");
    let permit = app
        .receipt(&s.police, s.permit_id(), &body, None)
        .await
        .json(201);
    assert_eq!(permit["status"], "refused");
    assert_eq!(permit["receipt"]["refusal_reason"], "unpaid_fines");
    assert_eq!(
        permit["receipt"]["refusal_reason_label_fa"],
        "خلافی پرداخت‌نشده"
    );
}

#[tokio::test]
async fn a_removal_counts_its_plates_and_one_plate_needs_notes() {
    let app = spawn_app().await;
    let s = with_permit(&app).await;
    let mut body = receipt(app.now(), "removed", "R-43");
    body.as_object_mut().unwrap().remove("plates_count");
    let reply = app.receipt(&s.police, s.permit_id(), &body, None).await;
    let p = reply.problem(422, "validation_failed");
    assert_eq!(fields(&p), [issue("plates_count", "required")]);
    body["plates_count"] = json!(1);
    let reply = app.receipt(&s.police, s.permit_id(), &body, None).await;
    let p = reply.problem(422, "validation_failed");
    assert_eq!(fields(&p), [issue("notes", "required")]);
    body["notes"] = json!("پلاک عقب پیش‌تر مفقود شده بود");
    let permit = app
        .receipt(&s.police, s.permit_id(), &body, None)
        .await
        .json(201);
    assert_eq!(permit["receipt"]["plates_count"], 1);
    assert!(permit["receipt"]["refusal_reason"].is_null());
}

#[tokio::test]
async fn every_receipt_field_issue_is_named_at_once() {
    let app = spawn_app().await;
    let s = with_permit(&app).await;
    let body = json!({
        "outcome": "refused",
        "receipt_number": "",
        "occurred_at": (app.now() + Duration::hours(1)).to_rfc3339(),
        "plates_count": 3,
    });
    let reply = app.receipt(&s.police, s.permit_id(), &body, None).await;
    let p = reply.problem(422, "validation_failed");
    let mut got = fields(&p);
    got.sort();
    assert_eq!(
        got,
        [
            issue("occurred_at", "future_date"),
            issue("plates_count", "invalid_value"),
            issue("receipt_number", "required"),
            issue("refusal_reason", "required"),
        ]
    );
}

// ---- revocation -----------------------------------------------------------------------------

#[tokio::test]
async fn revoking_a_permit_sends_the_request_back_under_review() {
    let app = spawn_app().await;
    let s = with_permit(&app).await;
    // (Issued in error, the request goes back to the agency instead: tests/api/corrections.rs.)
    let body =
        json!({"reason_code": "vehicle_status_changed", "notes": "شماره موتور اشتباه ثبت شد"});
    let permit = revoke(&app, &s.directorate, s.permit_id(), &body)
        .await
        .json(200);
    assert_eq!(permit["status"], "revoked");
    assert_eq!(
        permit["revocation"]["reason_code"],
        "vehicle_status_changed"
    );
    assert_eq!(permit["revocation"]["reason_label_fa"], "تغییر وضعیت خودرو");
    let request = s.current().await;
    assert_eq!(request["status"], "under_review");
    assert!(request["allowed_actions"]
        .as_array()
        .unwrap()
        .contains(&json!("issue_permit")));
    let history = s.history().await;
    let last = history.last().unwrap();
    assert_eq!(
        transitions(&history).last().unwrap(),
        "permit_issued -> under_review"
    );
    assert_eq!(last["action"], "revoke");
    assert!(text(last, "note").contains("شماره موتور اشتباه ثبت شد"));
}

#[tokio::test]
async fn a_revoked_permit_is_announced_refuses_receipts_and_leaves_the_police_queue() {
    let app = spawn_app().await;
    let s = with_permit(&app).await;
    let waiting = app.items(&s.police, "/permits").await;
    assert_eq!(ids(&waiting), [s.permit_id()]);
    let body = json!({"reason_code": "vehicle_status_changed"});
    revoke(&app, &s.directorate, s.permit_id(), &body)
        .await
        .json(200);
    let event = last_event(&app, &s.police, "permit.revoked").await.unwrap();
    assert_eq!(event["subject"]["kind"], "permit");
    assert_eq!(event["subject"]["id"], s.permit_id());
    assert_eq!(event["data"]["revocation_reason"], "vehicle_status_changed");
    let reply = app
        .receipt(
            &s.police,
            s.permit_id(),
            &receipt(app.now(), "removed", "R-44"),
            None,
        )
        .await;
    reply.problem(409, "permit_revoked");
    assert!(app.items(&s.police, "/permits").await.is_empty());
    let revoked = app.items(&s.police, "/permits?status=revoked").await;
    assert_eq!(ids(&revoked), [s.permit_id()]);
}

#[tokio::test]
async fn a_revocation_needs_a_known_reason_and_other_needs_notes() {
    let app = spawn_app().await;
    let s = with_permit(&app).await;
    let (d, pid) = (&s.directorate, s.permit_id());
    let p = revoke(&app, d, pid, &json!({"reason_code": "other"}))
        .await
        .problem(422, "validation_failed");
    assert_eq!(fields(&p), [issue("notes", "required")]);
    let p = revoke(&app, d, pid, &json!({"reason_code": "whim"}))
        .await
        .problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["field"], "reason_code");
    let p = revoke(&app, d, pid, &json!({"notes": "x"}))
        .await
        .problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["field"], "reason_code");
    assert_eq!(app.permit(d, pid).await.json(200)["status"], "issued");
}

#[tokio::test]
async fn a_revocation_honours_if_match_and_happens_once() {
    let app = spawn_app().await;
    let s = with_permit(&app).await;
    let path = format!("/permits/{}/revoke", s.permit_id());
    let body = json!({"reason_code": "issued_in_error"});
    let stale = app
        .post_action(&path, &s.directorate, Some(body.clone()), Some("\"7\""))
        .await;
    expect_problem(stale, 412, "precondition_failed").await;
    let fresh = app
        .post_action(&path, &s.directorate, Some(body.clone()), Some("\"1\""))
        .await;
    assert_eq!(expect_json(fresh, 200).await["version"], 2);
    let again = revoke(&app, &s.directorate, s.permit_id(), &body).await;
    again.problem(409, "permit_revoked");
}

#[tokio::test]
async fn a_permit_with_a_receipt_cannot_be_revoked_or_withdrawn() {
    let app = spawn_app().await;
    let s = with_permit(&app).await.plate_removed().await;
    let body = json!({"reason_code": "issued_in_error"});
    let p = revoke(&app, &s.directorate, s.permit_id(), &body)
        .await
        .problem(409, "invalid_transition");
    assert_eq!(p["current_status"], "plate_removed");
    let p = app
        .withdraw(&s.agency_a, s.id(), "مزایده لغو شد")
        .await
        .problem(409, "invalid_transition");
    assert_eq!(p["current_status"], "plate_removed");
    assert_eq!(
        app.permit(&s.police, s.permit_id()).await.json(200)["status"],
        "used"
    );
}

#[tokio::test]
async fn withdrawing_after_the_permit_revokes_it_as_request_withdrawn() {
    let app = spawn_app().await;
    let s = with_permit(&app).await;
    assert_eq!(
        s.current().await["allowed_actions"],
        json!(["revoke", "return_for_correction"])
    );
    let own = app.request_of(&s.agency_a, s.id()).await;
    assert_eq!(own["allowed_actions"], json!(["withdraw"]));
    let request = app
        .withdraw(&s.agency_a, s.id(), "مزایده لغو شد")
        .await
        .json(200);
    assert_eq!(request["status"], "withdrawn");
    let permit = app.permit(&s.police, s.permit_id()).await.json(200);
    assert_eq!(permit["status"], "revoked");
    assert_eq!(permit["revocation"]["reason_code"], "request_withdrawn");
    assert_eq!(permit["revocation"]["notes"], "مزایده لغو شد");
    let event = last_event(&app, &s.police, "permit.revoked").await.unwrap();
    assert_eq!(event["subject"]["id"], s.permit_id());
    assert_eq!(event["data"]["revocation_reason"], "request_withdrawn");
    assert!(app.items(&s.police, "/permits").await.is_empty());
}

#[tokio::test]
async fn a_revoked_request_gets_a_new_permit_and_the_old_one_stays_revoked() {
    let app = spawn_app().await;
    let s = with_permit(&app).await;
    let body = json!({"reason_code": "vehicle_status_changed"});
    revoke(&app, &s.directorate, s.permit_id(), &body)
        .await
        .json(200);
    let old = s.permit_id().to_owned();
    let s = s.permit_issued().await;
    assert_ne!(s.permit_id(), old);
    let waiting = app.items(&s.police, "/permits").await;
    assert_eq!(ids(&waiting), [s.permit_id()]);
    let reply = revoke(&app, &s.directorate, &old, &body).await;
    reply.problem(409, "permit_revoked");
    s.plate_removed().await;
}
