//! Issue 6: permits, police receipts, registration, expiry and verification.

use diesel::RunQueryDsl;
use serde_json::{json, Value};

use crate::documents::PDF;
use crate::helpers::*;

fn in_days(days: i64) -> String {
    (chrono::Utc::now() + chrono::Duration::days(days)).to_rfc3339()
}

fn receipt(outcome: &str, number: &str) -> Value {
    let mut b = json!({
        "outcome": outcome,
        "receipt_number": number,
        "occurred_at": chrono::Utc::now().to_rfc3339(),
        "plates_count": 2,
        "officer_name": "سرهنگ رضایی",
        "unit": "راهور تبریز"
    });
    if outcome == "refused" {
        b["notes"] = json!("خودرو در محل حاضر نبود");
    }
    b
}

impl TestApp {
    /// Files, reviews and issues a permit; returns (request id, permit).
    pub async fn permit_for(&self, c: &Cast) -> (String, Value) {
        let r = self.file_request(&c.agency_a).await;
        let id = r["id"].as_str().unwrap().to_owned();
        expect_json(
            self.post_action(
                &format!("/requests/{id}/review"),
                &c.directorate,
                None,
                None,
            )
            .await,
            200,
        )
        .await;
        let permit = expect_json(
            self.post_json(
                &format!("/requests/{id}/permit"),
                Some(&c.directorate),
                &json!({"national_permit_number": format!("NV-{}", uuid::Uuid::new_v4().simple()), "valid_until": in_days(10)}),
            )
            .await,
            201,
        )
        .await;
        (id, permit)
    }

    pub async fn post_receipt(
        &self,
        token: &str,
        permit_id: &str,
        body: &Value,
        key: Option<&str>,
    ) -> reqwest::Response {
        let mut req = self
            .client
            .post(self.api(&format!("/permits/{permit_id}/receipt")))
            .bearer_auth(token)
            .json(body);
        if let Some(k) = key {
            req = req.header("idempotency-key", k);
        }
        req.send().await.unwrap()
    }

    pub fn expire_permit(&self, permit_id: &str) {
        let mut conn = self.db_conn();
        diesel::sql_query(format!(
            "UPDATE permits SET valid_until = '2000-01-01 00:00:00' WHERE id = '{permit_id}'"
        ))
        .execute(&mut conn)
        .unwrap();
    }
}

fn steps(h: &Value) -> Vec<(Value, Value)> {
    h["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["from"].clone(), e["to"].clone()))
        .collect()
}

#[tokio::test]
async fn the_whole_lifecycle() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let r = app.file_request(&c.agency_a).await;
    let id = r["id"].as_str().unwrap();
    let code = r["tracking_code"].as_str().unwrap().to_owned();
    let history = |n: usize| {
        let app = &app;
        let token = c.directorate.clone();
        let id = id.to_owned();
        async move {
            let h = expect_json(
                app.get(&format!("/requests/{id}/history"), Some(&token))
                    .await,
                200,
            )
            .await;
            assert_eq!(h["items"].as_array().unwrap().len(), n, "{h}");
            h
        }
    };
    history(1).await;
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
    history(2).await;
    expect_json(
        app.post_json(
            &format!("/requests/{id}/document-requests"),
            Some(&c.directorate),
            &json!({"message": "سند", "items": [{"document_type": "ownership_document"}]}),
        )
        .await,
        201,
    )
    .await;
    history(3).await;
    expect_json(
        app.upload(
            &c.agency_a,
            id,
            "ownership_document",
            "sanad.pdf",
            "application/pdf",
            PDF.to_vec(),
        )
        .await,
        201,
    )
    .await;
    expect_json(
        app.post_json(
            &format!("/requests/{id}/resubmit"),
            Some(&c.agency_a),
            &json!({}),
        )
        .await,
        200,
    )
    .await;
    history(4).await;
    // Permit: validation first.
    for (body, field) in [
        (
            json!({"national_permit_number": "NV-1", "valid_until": in_days(-1)}),
            "valid_until",
        ),
        (
            json!({"national_permit_number": "NV-1", "valid_until": in_days(90)}),
            "valid_until",
        ),
        (
            json!({"national_permit_number": "", "valid_until": in_days(3)}),
            "national_permit_number",
        ),
        (
            json!({"national_permit_number": "NV-1", "valid_until": "soon"}),
            "valid_until",
        ),
    ] {
        let p = expect_problem(
            app.post_json(
                &format!("/requests/{id}/permit"),
                Some(&c.directorate),
                &body,
            )
            .await,
            422,
            "validation_failed",
        )
        .await;
        assert_eq!(p["errors"][0]["field"], field);
    }
    expect_problem(
        app.post_json(
            &format!("/requests/{id}/permit"),
            Some(&c.agency_a),
            &json!({"national_permit_number": "NV-1", "valid_until": in_days(3)}),
        )
        .await,
        403,
        "forbidden",
    )
    .await;
    let resp = app
        .post_json(
            &format!("/requests/{id}/permit"),
            Some(&c.directorate),
            &json!({"national_permit_number": "NV-1403-1", "valid_until": "2999-01-01"}),
        )
        .await;
    expect_problem(resp, 422, "validation_failed").await;
    let resp = app.post_json(&format!("/requests/{id}/permit"), Some(&c.directorate), &json!({"national_permit_number": "NV-1403-1", "valid_until": in_days(20), "notes": "ارسال به راهور"})).await;
    assert!(resp.headers()["location"]
        .to_str()
        .unwrap()
        .starts_with("/api/v1/permits/"));
    let permit = expect_json(resp, 201).await;
    assert_eq!(permit["status"], "issued");
    assert_eq!(permit["tracking_code"], code.as_str());
    assert_eq!(permit["plate"], r["vehicle"]["plate"]);
    assert_eq!(permit["vin"], r["vehicle"]["vin"]);
    assert!(permit["receipt"].is_null());
    let pnum = permit["permit_number"].as_str().unwrap();
    assert_eq!(pnum.len(), 12);
    history(5).await;
    // The police see it in their queue; the owner agency too, another agency not.
    let queue = expect_json(
        app.get("/permits?status=issued", Some(&c.police)).await,
        200,
    )
    .await;
    assert_eq!(queue["items"].as_array().unwrap().len(), 1);
    let pid = permit["id"].as_str().unwrap();
    expect_json(
        app.get(&format!("/permits/{pid}"), Some(&c.agency_a)).await,
        200,
    )
    .await;
    expect_problem(
        app.get(&format!("/permits/{pid}"), Some(&c.agency_b)).await,
        404,
        "not_found",
    )
    .await;
    assert!(
        expect_json(app.get("/permits", Some(&c.agency_b)).await, 200).await["items"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    // Public verification.
    let v = expect_json(
        app.client
            .get(app.api(&format!("/permits/verify/{pnum}")))
            .send()
            .await
            .unwrap(),
        200,
    )
    .await;
    assert_eq!(v.as_object().unwrap().len(), 3);
    assert_eq!(v["status"], "issued");
    // Receipt → plate_removed.
    let resp = app
        .post_receipt(&c.police, pid, &receipt("removed", "R-1"), Some("rcpt-1"))
        .await;
    let after = expect_json(resp, 201).await;
    assert_eq!(after["status"], "used");
    assert_eq!(after["receipt"]["outcome"], "removed");
    assert_eq!(after["receipt"]["receipt_number"], "R-1");
    let req_now = expect_json(
        app.get(&format!("/requests/{id}"), Some(&c.directorate))
            .await,
        200,
    )
    .await;
    assert_eq!(req_now["status"], "plate_removed");
    assert_eq!(req_now["allowed_actions"], json!(["register"]));
    history(6).await;
    // Registration by the registry account → completed.
    let reg = json!({"national_registration_number": "REG-99", "registered_at": chrono::Utc::now().to_rfc3339()});
    expect_problem(
        app.post_json(
            &format!("/requests/{id}/registration"),
            Some(&c.police),
            &reg,
        )
        .await,
        403,
        "forbidden",
    )
    .await;
    let done = expect_json(
        app.post_json(
            &format!("/requests/{id}/registration"),
            Some(&c.registry),
            &reg,
        )
        .await,
        200,
    )
    .await;
    assert_eq!(done["status"], "completed");
    let h = history(7).await;
    assert_eq!(
        steps(&h),
        vec![
            (Value::Null, json!("submitted")),
            (json!("submitted"), json!("under_review")),
            (json!("under_review"), json!("awaiting_documents")),
            (json!("awaiting_documents"), json!("under_review")),
            (json!("under_review"), json!("permit_issued")),
            (json!("permit_issued"), json!("plate_removed")),
            (json!("plate_removed"), json!("completed")),
        ]
    );
    let roles: Vec<&str> = h["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["actor"]["role"].as_str().unwrap())
        .collect();
    assert_eq!(
        roles,
        vec![
            "agency",
            "directorate",
            "directorate",
            "agency",
            "directorate",
            "police",
            "registry"
        ]
    );
    let t = expect_json(
        app.client
            .get(app.api(&format!("/track/{code}")))
            .send()
            .await
            .unwrap(),
        200,
    )
    .await;
    assert_eq!(t["status"], "completed");
    // The same registration number cannot be used twice.
    let (id2, permit2) = app.permit_for(&c).await;
    expect_json(
        app.post_receipt(
            &c.police,
            permit2["id"].as_str().unwrap(),
            &receipt("removed", "R-2"),
            None,
        )
        .await,
        201,
    )
    .await;
    expect_problem(
        app.post_json(
            &format!("/requests/{id2}/registration"),
            Some(&c.directorate),
            &reg,
        )
        .await,
        409,
        "duplicate",
    )
    .await;
}

#[tokio::test]
async fn refused_reopened_and_reissued() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let (id, permit) = app.permit_for(&c).await;
    let pid = permit["id"].as_str().unwrap();
    // A refusal needs its reason.
    let mut no_reason = receipt("refused", "R-9");
    no_reason.as_object_mut().unwrap().remove("notes");
    let p = expect_problem(
        app.post_receipt(&c.police, pid, &no_reason, None).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(p["errors"][0]["field"], "notes");
    let after = expect_json(
        app.post_receipt(&c.police, pid, &receipt("refused", "R-9"), None)
            .await,
        201,
    )
    .await;
    assert_eq!(after["status"], "refused");
    let r = expect_json(
        app.get(&format!("/requests/{id}"), Some(&c.directorate))
            .await,
        200,
    )
    .await;
    assert_eq!(r["status"], "removal_refused");
    assert_eq!(r["allowed_actions"], json!(["reopen", "reject"]));
    expect_json(
        app.post_json(
            &format!("/requests/{id}/reopen"),
            Some(&c.directorate),
            &json!({"note": "بررسی دوباره"}),
        )
        .await,
        200,
    )
    .await;
    let second = expect_json(
        app.post_json(
            &format!("/requests/{id}/permit"),
            Some(&c.directorate),
            &json!({"national_permit_number": "NV-second", "valid_until": in_days(5)}),
        )
        .await,
        201,
    )
    .await;
    assert_ne!(second["permit_number"], permit["permit_number"]);
    // The old permit stays on record, refused.
    let old = expect_json(
        app.get(&format!("/permits/{pid}"), Some(&c.directorate))
            .await,
        200,
    )
    .await;
    assert_eq!(old["status"], "refused");
    expect_json(
        app.post_receipt(
            &c.police,
            second["id"].as_str().unwrap(),
            &receipt("removed", "R-10"),
            None,
        )
        .await,
        201,
    )
    .await;
    let h = expect_json(
        app.get(&format!("/requests/{id}/history"), Some(&c.directorate))
            .await,
        200,
    )
    .await;
    assert_eq!(
        steps(&h),
        vec![
            (Value::Null, json!("submitted")),
            (json!("submitted"), json!("under_review")),
            (json!("under_review"), json!("permit_issued")),
            (json!("permit_issued"), json!("removal_refused")),
            (json!("removal_refused"), json!("under_review")),
            (json!("under_review"), json!("permit_issued")),
            (json!("permit_issued"), json!("plate_removed")),
        ]
    );
}

#[tokio::test]
async fn expired_permits_can_be_reopened_and_reissued_but_not_receipted() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let (id, permit) = app.permit_for(&c).await;
    let pid = permit["id"].as_str().unwrap();
    // Not expired yet: reopening is not allowed.
    expect_problem(
        app.post_json(
            &format!("/requests/{id}/reopen"),
            Some(&c.directorate),
            &json!({"note": "x"}),
        )
        .await,
        409,
        "invalid_transition",
    )
    .await;
    app.expire_permit(pid);
    let p = expect_json(
        app.get(&format!("/permits/{pid}"), Some(&c.police)).await,
        200,
    )
    .await;
    assert_eq!(p["status"], "expired");
    let v = expect_json(
        app.client
            .get(app.api(&format!(
                "/permits/verify/{}",
                p["permit_number"].as_str().unwrap()
            )))
            .send()
            .await
            .unwrap(),
        200,
    )
    .await;
    assert_eq!(v["status"], "expired");
    expect_problem(
        app.post_receipt(&c.police, pid, &receipt("removed", "R-late"), None)
            .await,
        409,
        "permit_expired",
    )
    .await;
    let expired = expect_json(
        app.get("/permits?status=expired", Some(&c.police)).await,
        200,
    )
    .await;
    assert_eq!(expired["items"].as_array().unwrap().len(), 1);
    let r = expect_json(
        app.get(&format!("/requests/{id}"), Some(&c.directorate))
            .await,
        200,
    )
    .await;
    assert_eq!(r["allowed_actions"], json!(["reopen"]));
    expect_json(
        app.post_json(
            &format!("/requests/{id}/reopen"),
            Some(&c.directorate),
            &json!({"note": "مجوز منقضی شد"}),
        )
        .await,
        200,
    )
    .await;
    let again = expect_json(
        app.post_json(
            &format!("/requests/{id}/permit"),
            Some(&c.directorate),
            &json!({"national_permit_number": "NV-again", "valid_until": in_days(5)}),
        )
        .await,
        201,
    )
    .await;
    assert_ne!(again["id"], permit["id"]);
    let all = expect_json(app.get("/permits", Some(&c.directorate)).await, 200).await;
    assert_eq!(all["items"].as_array().unwrap().len(), 2);
    // Waiting permits come first in the queue.
    assert_eq!(all["items"][0]["id"], again["id"]);
}

#[tokio::test]
async fn receipts_are_idempotent_and_single() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let (_, permit) = app.permit_for(&c).await;
    let pid = permit["id"].as_str().unwrap();
    let body = receipt("removed", "R-100");
    // Not police.
    for token in [&c.directorate, &c.agency_a, &c.admin, &c.registry] {
        expect_problem(
            app.post_receipt(token, pid, &body, None).await,
            403,
            "forbidden",
        )
        .await;
    }
    let first = app.post_receipt(&c.police, pid, &body, Some("k-1")).await;
    assert_eq!(first.status().as_u16(), 201);
    let first_body = first.text().await.unwrap();
    // Replay: same 201 body.
    let again = app.post_receipt(&c.police, pid, &body, Some("k-1")).await;
    assert_eq!(again.status().as_u16(), 201);
    assert_eq!(again.text().await.unwrap(), first_body);
    // Same key, other body.
    expect_problem(
        app.post_receipt(&c.police, pid, &receipt("removed", "R-101"), Some("k-1"))
            .await,
        422,
        "idempotency_key_reused",
    )
    .await;
    // A second receipt with a new key.
    expect_problem(
        app.post_receipt(&c.police, pid, &body, Some("k-2")).await,
        409,
        "duplicate",
    )
    .await;
    // Occurred before issue / in the future.
    let (_, p2) = app.permit_for(&c).await;
    let mut early = receipt("removed", "R-1");
    early["occurred_at"] = json!("2020-01-01T00:00:00Z");
    let p = expect_problem(
        app.post_receipt(&c.police, p2["id"].as_str().unwrap(), &early, None)
            .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(p["errors"][0]["field"], "occurred_at");
    let mut future = receipt("removed", "R-1");
    future["occurred_at"] = json!(in_days(1));
    expect_problem(
        app.post_receipt(&c.police, p2["id"].as_str().unwrap(), &future, None)
            .await,
        422,
        "validation_failed",
    )
    .await;
}

#[tokio::test]
async fn twenty_concurrent_identical_receipts_store_one() {
    let app = spawn_app().await;
    let c = app.cast().await;
    for keyed in [true, false] {
        let (id, permit) = app.permit_for(&c).await;
        let pid = permit["id"].as_str().unwrap().to_owned();
        let body = receipt("removed", "R-concurrent");
        let app = &app;
        let futures = (0..20).map(|_| {
            let pid = pid.clone();
            let body = body.clone();
            let police = c.police.clone();
            async move {
                let key = if keyed { Some("same-key") } else { None };
                app.post_receipt(&police, &pid, &body, key)
                    .await
                    .status()
                    .as_u16()
            }
        });
        let statuses: Vec<u16> = futures_util::future::join_all(futures).await;
        assert!(
            statuses.iter().all(|s| [201, 409].contains(s)),
            "{statuses:?}"
        );
        assert!(statuses.contains(&201), "{statuses:?}");
        if !keyed {
            assert_eq!(
                statuses.iter().filter(|s| **s == 201).count(),
                1,
                "{statuses:?}"
            );
        }
        #[derive(diesel::QueryableByName)]
        struct N {
            #[diesel(sql_type = diesel::sql_types::BigInt)]
            n: i64,
        }
        let mut conn = app.db_conn();
        let n: N = diesel::sql_query(format!(
            "SELECT COUNT(*) AS n FROM receipts WHERE permit_id = '{pid}'"
        ))
        .get_result(&mut conn)
        .unwrap();
        assert_eq!(n.n, 1);
        let h = expect_json(
            app.get(&format!("/requests/{id}/history"), Some(&c.directorate))
                .await,
            200,
        )
        .await;
        assert_eq!(
            h["items"].as_array().unwrap().len(),
            4,
            "one transition for the receipt"
        );
    }
}

#[tokio::test]
async fn permit_verification_is_public_rate_limited_and_minimal() {
    let app = spawn_app_with(|c| c.public_rate_limit_per_minute = 4).await;
    let c = app.cast().await;
    let (_, permit) = app.permit_for(&c).await;
    let num = permit["permit_number"].as_str().unwrap();
    let persian: String = num
        .chars()
        .map(|ch| char::from_u32(0x06F0 + ch.to_digit(10).unwrap()).unwrap())
        .collect();
    let url = reqwest::Url::parse(&app.api(&format!("/permits/verify/{persian}"))).unwrap();
    expect_json(app.client.get(url).send().await.unwrap(), 200).await;
    expect_problem(
        app.client
            .get(app.api("/permits/verify/123456789012"))
            .send()
            .await
            .unwrap(),
        404,
        "not_found",
    )
    .await;
    expect_problem(
        app.client
            .get(app.api("/permits/verify/garbage"))
            .send()
            .await
            .unwrap(),
        404,
        "not_found",
    )
    .await;
    expect_json(
        app.client
            .get(app.api(&format!("/permits/verify/{num}")))
            .send()
            .await
            .unwrap(),
        200,
    )
    .await;
    expect_problem(
        app.client
            .get(app.api(&format!("/permits/verify/{num}")))
            .send()
            .await
            .unwrap(),
        429,
        "rate_limited",
    )
    .await;
}
