//! Permits, police receipts, registration, expiry and public verification.

use diesel::RunQueryDsl;
use serde_json::json;

use crate::helpers::*;

/// A request under review, as in the lifecycle: filed, reviewed.
async fn under_review(app: &TestApp) -> Scenario<'_> {
    Scenario::new(app).await.filed().await.reviewed().await
}

/// A request with a permit issued for it.
async fn with_permit(app: &TestApp) -> Scenario<'_> {
    under_review(app).await.permit_issued().await
}

#[tokio::test]
async fn a_request_goes_from_filing_to_completion_recording_every_step() {
    let app = spawn_app().await;
    let s = Scenario::new(&app).await.filed().await;
    assert_eq!(s.history().await.len(), 1);
    let s = s.reviewed().await;
    assert_eq!(s.history().await.len(), 2);
    let s = s.documents_asked(&["ownership_document"]).await;
    assert_eq!(s.history().await.len(), 3);
    let s = s.uploaded("ownership_document").await.resubmitted().await;
    assert_eq!(s.history().await.len(), 4);
    let s = s.permit_issued().await;
    assert_eq!(s.history().await.len(), 5);
    let s = s.plate_removed().await;
    assert_eq!(s.history().await.len(), 6);
    let s = s.completed().await;
    let h = s.history().await;
    let steps = [
        "(new) -> submitted",
        "submitted -> under_review",
        "under_review -> awaiting_documents",
        "awaiting_documents -> under_review",
        "under_review -> permit_issued",
        "permit_issued -> plate_removed",
        "plate_removed -> completed",
    ];
    assert_eq!(transitions(&h), steps);
    let roles = ["agency", "directorate", "directorate", "agency"];
    let roles = [&roles[..], &["directorate", "police", "registry"]].concat();
    let actors: Vec<&str> = h
        .iter()
        .map(|e| e["actor"]["role"].as_str().unwrap())
        .collect();
    assert_eq!(actors, roles);
    assert_eq!(
        app.track(s.tracking_code()).await.json(200)["status"],
        "completed"
    );
}

#[tokio::test]
async fn a_permit_is_issued_with_its_location_and_a_twelve_digit_number() {
    let app = spawn_app().await;
    let s = under_review(&app).await;
    let body = json!({"national_permit_number": "NV-1403-1", "valid_until": in_days(app.now(), 20), "notes": "ارسال به راهور"});
    let reply = app.issue_permit(&s.directorate, s.id(), &body).await;
    assert!(reply.header("location").starts_with("/api/v1/permits/"));
    let permit = reply.json(201);
    assert_eq!(permit["status"], "issued");
    assert_eq!(permit["tracking_code"], s.tracking_code());
    assert_eq!(permit["plate"], s.request["vehicle"]["plate"]);
    assert_eq!(permit["vin"], s.request["vehicle"]["vin"]);
    assert!(permit["receipt"].is_null());
    assert_eq!(text(&permit, "permit_number").len(), 12);
}

#[tokio::test]
async fn a_retried_issue_says_the_permit_was_issued_and_another_request_cannot_reuse_its_number() {
    let app = spawn_app().await;
    let s = under_review(&app).await;
    let body = permit_body(app.now(), "NV-1403-7", 20);
    app.issue_permit(&s.directorate, s.id(), &body)
        .await
        .json(201);
    // The same call again (its answer lost): the state machine answers first, with the state
    // that shows it was applied, not `duplicate` for its own number.
    let again = app.issue_permit(&s.directorate, s.id(), &body).await;
    let p = again.problem(409, "invalid_transition");
    assert_eq!(p["current_status"], "permit_issued");
    // Another request under review with the same national number: `duplicate`, nothing changed.
    let other = s.another().filed().await.reviewed().await;
    let reply = app
        .issue_permit(&other.directorate, other.id(), &body)
        .await;
    assert_eq!(
        reply.problem(409, "duplicate")["field"],
        "national_permit_number"
    );
    assert_eq!(other.current().await["status"], "under_review");
    assert_eq!(other.history().await.len(), 2);
}

#[tokio::test]
async fn a_permit_body_is_validated_field_by_field() {
    let app = spawn_app().await;
    let s = under_review(&app).await;
    for (body, field) in [
        (permit_body(app.now(), "NV-1", -1), "valid_until"),
        (permit_body(app.now(), "NV-1", 90), "valid_until"),
        (permit_body(app.now(), "", 3), "national_permit_number"),
        (
            json!({"national_permit_number": "NV-1", "valid_until": "soon"}),
            "valid_until",
        ),
    ] {
        let reply = app.issue_permit(&s.directorate, s.id(), &body).await;
        let p = reply.problem(422, "validation_failed");
        assert_eq!(p["errors"][0]["field"], field);
    }
    let far = json!({"national_permit_number": "NV-1403-1", "valid_until": "2999-01-01"});
    let reply = app.issue_permit(&s.directorate, s.id(), &far).await;
    reply.problem(422, "validation_failed");
}

#[tokio::test]
async fn an_agency_cannot_issue_a_permit() {
    let app = spawn_app().await;
    let s = under_review(&app).await;
    let reply = app
        .issue_permit(&s.agency_a, s.id(), &permit_body(app.now(), "NV-1", 3))
        .await;
    reply.problem(403, "forbidden");
}

#[tokio::test]
async fn a_permit_is_seen_by_the_police_and_its_agency_only() {
    let app = spawn_app().await;
    let s = with_permit(&app).await;
    let queue = app.items(&s.police, "/permits?status=issued").await;
    assert_eq!(queue.len(), 1);
    app.permit(&s.agency_a, s.permit_id()).await.json(200);
    app.permit(&s.agency_b, s.permit_id())
        .await
        .problem(404, "not_found");
    assert!(app.items(&s.agency_b, "/permits").await.is_empty());
}

#[tokio::test]
async fn public_verification_shows_six_fields() {
    let app = spawn_app().await;
    let s = with_permit(&app).await;
    let v = app.verify_permit(s.permit_number()).await.json(200);
    // Six facts and whether the URL's signature matches (issue 31).
    assert_eq!(v.as_object().unwrap().len(), 7);
    assert_eq!(v["status"], "issued");
    assert_eq!(v["signature"], "absent");
}

#[tokio::test]
async fn a_removal_receipt_uses_the_permit_and_moves_the_request_on() {
    let app = spawn_app().await;
    let s = with_permit(&app).await;
    let body = receipt(app.now(), "removed", "R-1");
    let reply = app
        .receipt(&s.police, s.permit_id(), &body, Some("rcpt-1"))
        .await;
    let after = reply.json(201);
    assert_eq!(after["status"], "used");
    assert_eq!(after["receipt"]["outcome"], "removed");
    assert_eq!(after["receipt"]["receipt_number"], "R-1");
    let now = s.current().await;
    assert_eq!(now["status"], "plate_removed");
    assert_eq!(now["allowed_actions"], json!(["register"]));
    assert_eq!(s.history().await.len(), 4);
}

#[tokio::test]
async fn the_registry_completes_a_request_whose_plates_are_removed() {
    let app = spawn_app().await;
    let s = with_permit(&app).await.plate_removed().await;
    let reg = registration(app.now(), "REG-99");
    app.register(&s.police, s.id(), &reg)
        .await
        .problem(403, "forbidden");
    let done = app.register(&s.registry, s.id(), &reg).await.json(200);
    assert_eq!(done["status"], "completed");
    assert_eq!(
        app.track(s.tracking_code()).await.json(200)["status"],
        "completed"
    );
}

#[tokio::test]
async fn a_registration_number_cannot_be_used_twice() {
    let app = spawn_app().await;
    let first = with_permit(&app).await.plate_removed().await;
    let second = first.another().filed().await.reviewed().await;
    let second = second.permit_issued().await.plate_removed().await;
    let reg = registration(app.now(), "REG-99");
    app.register(&first.registry, first.id(), &reg)
        .await
        .json(200);
    let reply = app.register(&second.directorate, second.id(), &reg).await;
    reply.problem(409, "duplicate");
}

#[tokio::test]
async fn a_refusal_receipt_needs_its_reason() {
    let app = spawn_app().await;
    let s = with_permit(&app).await;
    let mut no_reason = receipt(app.now(), "refused", "R-9");
    no_reason.as_object_mut().unwrap().remove("refusal_reason");
    let reply = app
        .receipt(&s.police, s.permit_id(), &no_reason, None)
        .await;
    let p = reply.problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["field"], "refusal_reason");
}

#[tokio::test]
async fn a_refused_removal_can_be_reopened_or_rejected() {
    let app = spawn_app().await;
    let s = with_permit(&app).await;
    let body = receipt(app.now(), "refused", "R-9");
    let after = app
        .receipt(&s.police, s.permit_id(), &body, None)
        .await
        .json(201);
    assert_eq!(after["status"], "refused");
    let r = s.current().await;
    assert_eq!(r["status"], "removal_refused");
    assert_eq!(r["allowed_actions"], json!(["reopen", "reject"]));
}

#[tokio::test]
async fn a_reopened_request_gets_a_new_permit_and_the_refused_one_stays_on_record() {
    let app = spawn_app().await;
    let s = with_permit(&app)
        .await
        .removal_refused()
        .await
        .reopened()
        .await;
    let first = s.permit.clone();
    let s = s.permit_issued().await;
    assert_ne!(s.permit["permit_number"], first["permit_number"]);
    let old = app
        .permit(&s.directorate, text(&first, "id"))
        .await
        .json(200);
    assert_eq!(old["status"], "refused");
    let s = s.plate_removed().await;
    let steps = [
        "(new) -> submitted",
        "submitted -> under_review",
        "under_review -> permit_issued",
        "permit_issued -> removal_refused",
        "removal_refused -> under_review",
        "under_review -> permit_issued",
        "permit_issued -> plate_removed",
    ];
    assert_eq!(transitions(&s.history().await), steps);
}

#[tokio::test]
async fn a_permit_cannot_be_reopened_before_it_expires() {
    let app = spawn_app().await;
    let s = with_permit(&app).await;
    let reply = app.reopen(&s.directorate, s.id(), "x").await;
    reply.problem(409, "invalid_transition");
}

#[tokio::test]
async fn an_expired_permit_reads_expired_to_the_police_and_the_public() {
    let app = spawn_app().await;
    let s = with_permit(&app).await.permit_expired().await;
    let p = app.permit(&s.police, s.permit_id()).await.json(200);
    assert_eq!(p["status"], "expired");
    let v = app.verify_permit(text(&p, "permit_number")).await.json(200);
    assert_eq!(v["status"], "expired");
    let expired = app.items(&s.police, "/permits?status=expired").await;
    assert_eq!(expired.len(), 1);
}

#[tokio::test]
async fn a_receipt_for_a_removal_after_expiry_is_refused() {
    let app = spawn_app().await;
    let s = with_permit(&app).await.permit_expired().await;
    let body = receipt(app.now(), "removed", "R-late");
    let reply = app.receipt(&s.police, s.permit_id(), &body, None).await;
    let p = reply.problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["field"], "occurred_at");
    assert_eq!(p["errors"][0]["code"], "after_validity");
}

#[tokio::test]
async fn an_expired_permit_is_reopened_and_reissued_and_waits_first_in_the_queue() {
    let app = spawn_app().await;
    let s = with_permit(&app).await.permit_expired().await;
    // Since issue 31 an expired permit moves its request to `permit_expired` (it stayed
    // `permit_issued` before, with `reopen` and `revoke` open to the directorate).
    assert_eq!(s.current().await["allowed_actions"], json!(["reopen"]));
    app.reopen(&s.directorate, s.id(), "مجوز منقضی شد")
        .await
        .json(200);
    let again = app
        .issue_permit(
            &s.directorate,
            s.id(),
            &permit_body(app.now(), "NV-again", 5),
        )
        .await
        .json(201);
    assert_ne!(again["id"], s.permit["id"]);
    let all = app.items(&s.directorate, "/permits").await;
    assert_eq!(all.len(), 2);
    assert_eq!(all[0]["id"], again["id"]);
}

#[tokio::test]
async fn only_the_police_post_receipts() {
    let app = spawn_app().await;
    let s = with_permit(&app).await;
    let body = receipt(app.now(), "removed", "R-100");
    for token in [&s.directorate, &s.agency_a, &s.admin, &s.registry] {
        let reply = app.receipt(token, s.permit_id(), &body, None).await;
        reply.problem(403, "forbidden");
    }
}

#[tokio::test]
async fn a_replayed_receipt_gets_the_first_answer_again() {
    let app = spawn_app().await;
    let s = with_permit(&app).await;
    let body = receipt(app.now(), "removed", "R-100");
    let first = app
        .receipt(&s.police, s.permit_id(), &body, Some("k-1"))
        .await;
    assert_eq!(first.status, 201);
    let again = app
        .receipt(&s.police, s.permit_id(), &body, Some("k-1"))
        .await;
    assert_eq!(again.status, 201);
    assert_eq!(again.text, first.text);
}

#[tokio::test]
async fn a_receipt_key_reused_for_another_body_is_refused() {
    let app = spawn_app().await;
    let s = with_permit(&app).await;
    let (pid, police) = (s.permit_id(), &s.police);
    let body = receipt(app.now(), "removed", "R-100");
    app.receipt(police, pid, &body, Some("k-1")).await.json(201);
    let other = receipt(app.now(), "removed", "R-101");
    let reply = app.receipt(police, pid, &other, Some("k-1")).await;
    reply.problem(422, "idempotency_key_reused");
}

#[tokio::test]
async fn a_second_receipt_for_a_permit_is_a_duplicate() {
    let app = spawn_app().await;
    let s = with_permit(&app).await;
    let body = receipt(app.now(), "removed", "R-100");
    app.receipt(&s.police, s.permit_id(), &body, Some("k-1"))
        .await
        .json(201);
    let reply = app
        .receipt(&s.police, s.permit_id(), &body, Some("k-2"))
        .await;
    reply.problem(409, "duplicate");
}

#[tokio::test]
async fn a_receipt_happens_between_issue_and_now() {
    let app = spawn_app().await;
    let s = with_permit(&app).await;
    let mut early = receipt(app.now(), "removed", "R-1");
    early["occurred_at"] = json!("2020-01-01T00:00:00Z");
    let reply = app.receipt(&s.police, s.permit_id(), &early, None).await;
    let p = reply.problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["field"], "occurred_at");
    let mut future = receipt(app.now(), "removed", "R-1");
    future["occurred_at"] = json!(in_days(app.now(), 1));
    let reply = app.receipt(&s.police, s.permit_id(), &future, None).await;
    reply.problem(422, "validation_failed");
}

/// Twenty identical receipts at once: at least one is stored, exactly one row, exactly one
/// transition; without a key exactly one call succeeds.
async fn twenty_concurrent_receipts(keyed: bool) {
    let app = spawn_app().await;
    let s = with_permit(&app).await;
    let body = receipt(app.now(), "removed", "R-concurrent");
    let key = if keyed { Some("same-key") } else { None };
    let calls = (0..20).map(|_| app.receipt(&s.police, s.permit_id(), &body, key));
    let replies = futures_util::future::join_all(calls).await;
    let statuses: Vec<u16> = replies.iter().map(|r| r.status).collect();
    // Each call carries the permit's `ETag` read before the race: a loser is refused as a
    // duplicate (409) or, when the winner's commit came first, as stale (412).
    assert!(
        statuses.iter().all(|s| [201, 409, 412].contains(s)),
        "{statuses:?}"
    );
    assert!(statuses.contains(&201), "{statuses:?}");
    if !keyed {
        let created = statuses.iter().filter(|s| **s == 201).count();
        assert_eq!(created, 1, "{statuses:?}");
    }
    #[derive(diesel::QueryableByName)]
    struct N {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    let sql = format!(
        "SELECT COUNT(*) AS n FROM receipts WHERE permit_id = '{}'",
        s.permit_id()
    );
    let n: N = diesel::sql_query(sql)
        .get_result(&mut app.db_conn())
        .unwrap();
    assert_eq!(n.n, 1);
    assert_eq!(s.history().await.len(), 4, "one transition for the receipt");
}

#[tokio::test]
async fn twenty_concurrent_keyed_receipts_store_one() {
    twenty_concurrent_receipts(true).await;
}

#[tokio::test]
async fn twenty_concurrent_unkeyed_receipts_store_one_and_refuse_the_rest() {
    twenty_concurrent_receipts(false).await;
}

#[tokio::test]
async fn verification_reads_persian_digits_hides_unknown_numbers_and_is_rate_limited() {
    let app = spawn_app_with(|c| c.http.public_rate_limit_per_minute = 4).await;
    let s = with_permit(&app).await;
    let number = s.permit_number();
    app.verify_permit(&persian_digits(number)).await.json(200);
    let unknown = app.verify_permit("123456789010").await;
    unknown.problem(404, "not_found");
    app.verify_permit("garbage")
        .await
        .problem(422, "invalid_code");
    app.verify_permit(number).await.json(200);
    app.verify_permit(number).await.problem(429, "rate_limited");
}
