//! Corrections (`PATCH /requests/{id}`): the owning agency corrects a request while it is with
//! it or under review, validated as at filing; the history keeps each field's old and new
//! value, the directorate sees what was corrected until its next step, the vehicle rule holds,
//! and a permit revoked as issued in error returns the request to the agency for correction.

use reqwest::Method;
use serde_json::{json, Value};

use crate::helpers::*;

fn path(s: &Scenario<'_>) -> String {
    format!("/requests/{}", s.id())
}

async fn correct(s: &Scenario<'_>, body: &Value) -> Reply {
    s.app.patch_as(&s.agency_a, &path(s), body).await
}

#[tokio::test]
async fn an_agency_corrects_a_typo_and_the_directorate_sees_what_changed() {
    let app = spawn_app_with(|c| c.sms.worker = false).await;
    let s = Scenario::new(&app).await.filed().await.reviewed().await;
    let before = s.current().await;
    let body = json!({
        "vehicle": {"chassis_number": "irfc-841v3aj123457"},
        "contact": {"mobile": "۰۹۱۴۱۲۳۴۵۶۸"}
    });
    // If-Match is required, and a stale one changes nothing.
    app.call_bare(
        Method::PATCH,
        &path(&s),
        Some(&s.agency_a),
        Some(&body),
        &[],
    )
    .await
    .problem(428, "precondition_required");
    app.call(
        Method::PATCH,
        &path(&s),
        Some(&s.agency_a),
        Some(&body),
        &[("if-match", "\"999\"")],
    )
    .await
    .problem(412, "precondition_failed");
    assert_eq!(s.current().await["version"], before["version"]);

    let r = correct(&s, &body).await;
    let etag = r.header("etag").to_owned();
    let r = r.json(200);
    assert_eq!(r["status"], "under_review");
    assert_eq!(r["vehicle"]["chassis_number"], "IRFC841V3AJ123457");
    assert_eq!(r["contact"]["mobile"], "09141234568");
    let version = before["version"].as_i64().unwrap() + 1;
    assert_eq!(r["version"], version);
    assert_eq!(etag, format!("\"{version}\""));

    // The directorate sees what was corrected.
    let seen = s.current().await;
    assert_eq!(seen["corrected_since_review"], true);
    assert_eq!(
        seen["corrected_fields"],
        json!(["vehicle.chassis_number", "contact.mobile"])
    );
    assert!(seen["corrected_at_jalali"].as_str().unwrap().contains('۱'));
    let queue = app.items(&s.directorate, "/requests?corrected=true").await;
    assert!(queue.iter().any(|r| r["id"] == s.id()));

    // The history keeps each field's old and new value.
    let history = s.history().await;
    let last = history.last().unwrap();
    assert_eq!(last["action"], "correct");
    assert_eq!(last["from"], "under_review");
    assert_eq!(last["to"], "under_review");
    assert_eq!(
        last["changes"],
        json!([
            {"field": "vehicle.chassis_number", "old": null, "new": "IRFC841V3AJ123457"},
            {"field": "contact.mobile", "old": "09141234567", "new": "09141234568"}
        ])
    );
    assert!(text(last, "note").contains("شمارهٔ شاسی"));
    // The recipient changed through its audited path: the filing's message still waiting
    // goes to the new number.
    let sms = app
        .get_as(&s.agency_a, &format!("/requests/{}/notifications", s.id()))
        .await
        .items(200);
    assert_eq!(sms[0]["event"], "filed");
    assert_eq!(sms[0]["recipient"], "0914***4568");
    // Integrators learn which fields changed, not their values.
    let events = app
        .get_as(&s.directorate, "/events?types=request.corrected")
        .await
        .items(200);
    assert_eq!(events.len(), 1);
    assert_eq!(
        events[0]["data"]["fields"],
        json!(["vehicle.chassis_number", "contact.mobile"])
    );
    assert_eq!(events[0]["data"]["version"], version);

    // A second correction adds to the marks; the directorate's next step clears them.
    correct(&s, &json!({"letter": {"number": "۱۲۳/۴۵۷"}}))
        .await
        .json(200);
    assert_eq!(
        s.current().await["corrected_fields"],
        json!(["vehicle.chassis_number", "contact.mobile", "letter.number"])
    );
    let s = s.documents_asked(&["vehicle_card"]).await;
    let after = s.current().await;
    assert_eq!(after["corrected_since_review"], false);
    assert_eq!(after["corrected_fields"], json!([]));
    let queue = app.items(&s.directorate, "/requests?corrected=true").await;
    assert!(!queue.iter().any(|r| r["id"] == s.id()));
    // Still correctable while the documents are awaited; nothing sent, nothing changes.
    let same = correct(&s, &json!({})).await.json(200);
    assert_eq!(same["version"], after["version"]);
}

#[tokio::test]
async fn corrections_are_validated_as_at_filing_every_field_at_once() {
    let app = spawn_app().await;
    let s = Scenario::new(&app).await.filed().await;
    let before = s.current().await;
    let p = correct(
        &s,
        &json!({
            "vehicle": {"plate": "۱۲ ب ۳۴۵ ایران ۶۷", "chassis_number": "12"},
            "contact": {"mobile": "12345"},
            "representative": {"full_name": "علی رضایی", "national_code": "0012345678"}
        }),
    )
    .await
    .problem(422, "validation_failed");
    let mut fields: Vec<&str> = p["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    fields.sort();
    assert_eq!(
        fields,
        [
            "contact.mobile",
            "representative.national_code",
            "vehicle.chassis_number",
            "vehicle.plate"
        ]
    );
    // Persian by default.
    assert!(p["errors"][0]["message"]
        .as_str()
        .unwrap()
        .chars()
        .any(|c| ('آ'..='ی').contains(&c)));
    // Removing the only identifier is refused as at filing.
    let p = correct(&s, &json!({"vehicle": {"vin": " "}}))
        .await
        .problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["field"], "vehicle.chassis_number");
    assert_eq!(p["errors"][0]["code"], "required");
    // Unknown fields and fields that are not corrected here.
    correct(&s, &json!({"status": "completed"}))
        .await
        .problem(422, "validation_failed");
    correct(&s, &json!({"vehicle": {"colour": "سفید"}}))
        .await
        .problem(422, "validation_failed");
    assert_eq!(s.current().await["version"], before["version"]);
    // A valid representative is added and stored canonically.
    let r = correct(
        &s,
        &json!({"representative": {"full_name": "علی رضایی", "national_code": "۰۰۱۲۳۴۵۶۷۹"}}),
    )
    .await
    .json(200);
    assert_eq!(r["representative"]["national_code"], "0012345679");
    // The directorate cannot correct, another agency does not see the request.
    app.patch_as(&s.directorate, &path(&s), &json!({}))
        .await
        .problem(403, "forbidden");
    app.patch_as(&s.agency_b, &path(&s), &json!({}))
        .await
        .problem(404, "not_found");
}

#[tokio::test]
async fn one_open_request_per_vehicle_holds_for_corrections() {
    let app = spawn_app().await;
    let first = Scenario::new(&app).await.filed().await;
    let second = first.another().filed().await;
    let plate = first.request["vehicle"]["plate"]
        .as_str()
        .unwrap()
        .to_owned();
    let p = correct(&second, &json!({"vehicle": {"plate": plate}}))
        .await
        .problem(409, "duplicate");
    assert_eq!(p["existing_tracking_code"], first.tracking_code());
    // Another agency's request: the answer names nothing, the directorate sees the conflict.
    let theirs = app.file_request(&first.agency_b).await;
    let p = app
        .patch_as(
            &first.agency_b,
            &format!("/requests/{}", text(&theirs, "id")),
            &json!({"vehicle": {"vin": first.request["vehicle"]["vin"]}}),
        )
        .await
        .problem(409, "duplicate");
    assert!(p.get("existing_tracking_code").is_none(), "{p}");
    let conflicts = app
        .items(&first.directorate, "/vehicle-conflicts?status=open")
        .await;
    assert_eq!(conflicts.len(), 1);
    // Nothing changed on either request.
    assert_eq!(second.current().await["version"], second.request["version"]);
}

#[tokio::test]
async fn a_permit_revoked_as_issued_in_error_returns_the_request_for_correction() {
    let app = spawn_app().await;
    let s = Scenario::new(&app)
        .await
        .filed()
        .await
        .reviewed()
        .await
        .permit_issued()
        .await;
    // Not after a permit.
    let p = correct(&s, &json!({"vehicle": {"engine_number": "124K0123457"}}))
        .await
        .problem(409, "invalid_transition");
    assert_eq!(p["current_status"], "permit_issued");
    assert_eq!(
        s.current().await["allowed_actions"],
        json!(["revoke", "return_for_correction"])
    );
    app.post_as(
        &s.directorate,
        &format!("/permits/{}/revoke", s.permit_id()),
        &json!({"reason_code": "issued_in_error", "notes": "شمارهٔ موتور اشتباه ثبت شده است"}),
    )
    .await
    .json(200);
    let back = app.request_of(&s.agency_a, s.id()).await;
    assert_eq!(back["status"], "returned_for_correction");
    assert_eq!(back["status_label_fa"], "بازگشت به دستگاه برای اصلاح");
    assert_eq!(back["sla"]["clock"], "paused");
    assert_eq!(
        back["allowed_actions"],
        json!(["resubmit", "withdraw", "correct"])
    );
    assert_eq!(
        s.history().await.last().unwrap()["action"],
        "return_for_correction"
    );
    let r = correct(&s, &json!({"vehicle": {"engine_number": "124K0123457"}}))
        .await
        .json(200);
    assert_eq!(r["vehicle"]["engine_number"], "124K0123457");
    let again = app.resubmit(&s.agency_a, s.id()).await.json(200);
    assert_eq!(again["status"], "under_review");
    // The directorate sees the corrected data and what changed.
    let seen = s.current().await;
    assert_eq!(seen["corrected_fields"], json!(["vehicle.engine_number"]));
    assert_eq!(seen["sla"]["clock"], "running");
    // Another reason still returns it under review with the same data.
    let other = s
        .another()
        .filed()
        .await
        .reviewed()
        .await
        .permit_issued()
        .await;
    app.post_as(
        &other.directorate,
        &format!("/permits/{}/revoke", other.permit_id()),
        &json!({"reason_code": "vehicle_status_changed"}),
    )
    .await
    .json(200);
    assert_eq!(other.current().await["status"], "under_review");
}

#[tokio::test]
async fn the_contact_mobile_still_changes_only_through_the_recorded_correction() {
    let app = spawn_app().await;
    let s = Scenario::new(&app).await.filed().await;
    correct(&s, &json!({"contact": {"mobile": "09121112233"}}))
        .await
        .json(200);
    // A direct change, even back to the old number, is refused: no change was recorded for it.
    let mut conn = app.db_conn();
    use diesel::RunQueryDsl;
    let changed = diesel::sql_query(format!(
        "UPDATE requests SET contact_mobile = '09141234567' WHERE id = '{}'",
        s.id()
    ))
    .execute(&mut conn);
    assert!(
        changed.is_err(),
        "the recipient changed without a recorded change"
    );
    let r = app.request_of(&s.agency_a, s.id()).await;
    assert_eq!(r["contact"]["mobile"], "09121112233");
}
