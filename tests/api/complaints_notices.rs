//! Issue 7: complaints, feedback, notices and the read-only window.

use serde_json::json;

use crate::helpers::*;

fn at(minutes: i64) -> String {
    (chrono::Utc::now() + chrono::Duration::minutes(minutes)).to_rfc3339()
}

#[tokio::test]
async fn complaints_are_isolated_tracked_answered_and_closed() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let r = app.file_request(&c.agency_a).await;
    let code = r["tracking_code"].as_str().unwrap();
    let mine = expect_json(
        app.post_json("/complaints", Some(&c.agency_a), &json!({"subject": "تأخیر در بررسی", "body": "درخواست ما یک هفته است بررسی نشده.", "category": "delay", "request_tracking_code": code})).await,
        201,
    )
    .await;
    assert_eq!(mine["status"], "received");
    assert_ne!(mine["tracking_code"], code);
    assert_eq!(mine["request_id"], r["id"]);
    // Another agency may not attach A's request; the police may not attach any.
    let p = expect_problem(app.post_json("/complaints", Some(&c.agency_b), &json!({"subject": "درباره درخواست", "body": "متن شکایت", "category": "other", "request_tracking_code": code})).await, 422, "validation_failed").await;
    assert_eq!(p["errors"][0]["field"], "request_tracking_code");
    expect_problem(app.post_json("/complaints", Some(&c.police), &json!({"subject": "درباره درخواست", "body": "متن شکایت", "category": "other", "request_tracking_code": code})).await, 422, "validation_failed").await;
    let theirs = expect_json(
        app.post_json(
            "/complaints",
            Some(&c.agency_b),
            &json!({"subject": "مشکل فنی", "body": "سامانه کند است", "category": "technical"}),
        )
        .await,
        201,
    )
    .await;
    let police = expect_json(
        app.post_json(
            "/complaints",
            Some(&c.police),
            &json!({"subject": "برخورد کارمند", "body": "توضیحات", "category": "conduct"}),
        )
        .await,
        201,
    )
    .await;
    // Isolation.
    let list = expect_json(app.get("/complaints", Some(&c.agency_a)).await, 200).await;
    let ids: Vec<&str> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, vec![mine["id"].as_str().unwrap()]);
    expect_problem(
        app.get(
            &format!("/complaints/{}", theirs["id"].as_str().unwrap()),
            Some(&c.agency_a),
        )
        .await,
        404,
        "not_found",
    )
    .await;
    expect_problem(
        app.post_json(
            &format!("/complaints/{}/close", theirs["id"].as_str().unwrap()),
            Some(&c.agency_a),
            &json!({}),
        )
        .await,
        404,
        "not_found",
    )
    .await;
    // The directorate sees all, oldest unanswered first.
    let all = expect_json(app.get("/complaints", Some(&c.directorate)).await, 200).await;
    assert_eq!(all["items"].as_array().unwrap().len(), 3);
    assert_eq!(all["items"][0]["id"], mine["id"]);
    let mid = mine["id"].as_str().unwrap();
    expect_problem(
        app.post_json(
            &format!("/complaints/{mid}/responses"),
            Some(&c.agency_a),
            &json!({"body": "x"}),
        )
        .await,
        403,
        "forbidden",
    )
    .await;
    let answered = expect_json(
        app.post_json(
            &format!("/complaints/{mid}/responses"),
            Some(&c.directorate),
            &json!({"body": "درخواست شما در حال بررسی است."}),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(answered["status"], "answered");
    expect_json(
        app.post_json(
            &format!("/complaints/{mid}/responses"),
            Some(&c.admin),
            &json!({"body": "پاسخ دوم"}),
        )
        .await,
        200,
    )
    .await;
    let all = expect_json(
        app.get("/complaints?status=received", Some(&c.directorate))
            .await,
        200,
    )
    .await;
    assert_eq!(all["items"].as_array().unwrap().len(), 2);
    let ordered = expect_json(app.get("/complaints", Some(&c.directorate)).await, 200).await;
    assert_eq!(
        ordered["items"][2]["id"], mine["id"],
        "answered ones after unanswered"
    );
    assert_eq!(ordered["items"][0]["id"], theirs["id"]);
    let _ = police;
    // Public tracking of a complaint.
    let t = expect_json(
        app.client
            .get(app.api(&format!(
                "/track/{}",
                mine["tracking_code"].as_str().unwrap()
            )))
            .send()
            .await
            .unwrap(),
        200,
    )
    .await;
    assert_eq!(t["kind"], "complaint");
    assert_eq!(t["status"], "answered");
    // The complainant closes it; then nothing more.
    let closed = expect_json(
        app.post_json(
            &format!("/complaints/{mid}/close"),
            Some(&c.agency_a),
            &json!({}),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(closed["status"], "closed");
    let kinds: Vec<&str> = closed["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, vec!["received", "response", "response", "closed"]);
    expect_problem(
        app.post_json(
            &format!("/complaints/{mid}/responses"),
            Some(&c.directorate),
            &json!({"body": "x"}),
        )
        .await,
        409,
        "invalid_transition",
    )
    .await;
}

#[tokio::test]
async fn feedback_once_and_only_when_finished() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let r = app.file_request(&c.agency_a).await;
    let id = r["id"].as_str().unwrap();
    let fb = json!({"rating": 4, "comment": "خوب بود"});
    expect_problem(
        app.post_json(&format!("/requests/{id}/feedback"), Some(&c.agency_a), &fb)
            .await,
        409,
        "invalid_transition",
    )
    .await;
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
    expect_json(
        app.post_action(
            &format!("/requests/{id}/reject"),
            &c.directorate,
            Some(json!({"reason": "ناقص"})),
            None,
        )
        .await,
        200,
    )
    .await;
    expect_problem(
        app.post_json(
            &format!("/requests/{id}/feedback"),
            Some(&c.agency_a),
            &json!({"rating": 6}),
        )
        .await,
        422,
        "validation_failed",
    )
    .await;
    expect_problem(
        app.post_json(&format!("/requests/{id}/feedback"), Some(&c.agency_b), &fb)
            .await,
        404,
        "not_found",
    )
    .await;
    expect_problem(
        app.post_json(
            &format!("/requests/{id}/feedback"),
            Some(&c.directorate),
            &fb,
        )
        .await,
        403,
        "forbidden",
    )
    .await;
    let f = expect_json(
        app.post_json(&format!("/requests/{id}/feedback"), Some(&c.agency_a), &fb)
            .await,
        201,
    )
    .await;
    assert_eq!(f["rating"], 4);
    expect_problem(
        app.post_json(&format!("/requests/{id}/feedback"), Some(&c.agency_a), &fb)
            .await,
        409,
        "duplicate",
    )
    .await;
    // Withdrawn requests are not rated.
    let w = app.file_request(&c.agency_a).await;
    let wid = w["id"].as_str().unwrap();
    expect_json(
        app.post_action(
            &format!("/requests/{wid}/withdraw"),
            &c.agency_a,
            Some(json!({"reason": "x"})),
            None,
        )
        .await,
        200,
    )
    .await;
    expect_problem(
        app.post_json(&format!("/requests/{wid}/feedback"), Some(&c.agency_a), &fb)
            .await,
        409,
        "invalid_transition",
    )
    .await;
}

#[tokio::test]
async fn maintenance_needs_lead_time_outages_do_not() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let soon = json!({"kind": "maintenance", "title": "به‌روزرسانی", "body": "به‌روزرسانی پایگاه داده", "starts_at": at(60), "ends_at": at(120), "read_only": true});
    let p = expect_problem(
        app.post_json("/notices", Some(&c.admin), &soon).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(p["errors"][0]["field"], "starts_at");
    assert_eq!(p["errors"][0]["code"], "insufficient_notice");
    let planned = json!({"kind": "maintenance", "title": "به‌روزرسانی", "body": "به‌روزرسانی پایگاه داده", "starts_at": at(25 * 60), "ends_at": at(26 * 60), "read_only": true});
    expect_json(
        app.post_json("/notices", Some(&c.admin), &planned).await,
        201,
    )
    .await;
    expect_problem(
        app.post_json("/notices", Some(&c.directorate), &planned)
            .await,
        403,
        "forbidden",
    )
    .await;
    let bad = json!({"kind": "outage", "title": "قطعی", "body": "قطعی شبکه", "starts_at": at(10), "ends_at": at(5)});
    expect_problem(
        app.post_json("/notices", Some(&c.admin), &bad).await,
        422,
        "validation_failed",
    )
    .await;
    let info = json!({"kind": "info", "title": "اطلاعیه", "body": "ساعات کاری تغییر کرد", "starts_at": at(-5), "ends_at": at(60)});
    expect_json(app.post_json("/notices", Some(&c.admin), &info).await, 201).await;
    // Public list, soonest first; no token needed.
    let list = expect_json(
        app.client.get(app.api("/notices")).send().await.unwrap(),
        200,
    )
    .await;
    let kinds: Vec<&str> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, vec!["info", "maintenance"]);
    // A planned (future) window does not block writes yet.
    app.file_request(&c.agency_a).await;
}

#[tokio::test]
async fn read_only_outage_window() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let r = app.file_request(&c.agency_a).await;
    let id = r["id"].as_str().unwrap().to_owned();
    let outage = json!({"kind": "outage", "title": "قطعی سامانه جامع خودرو", "body": "ارتباط با سامانه جامع خودرو قطع است.", "starts_at": at(0), "ends_at": at(30), "read_only": true});
    let notice = expect_json(
        app.post_json("/notices", Some(&c.admin), &outage).await,
        201,
    )
    .await;
    let nid = notice["id"].as_str().unwrap();
    // Writes: 503 with Retry-After to the window's end and the notice.
    let (plate, vin) = random_vehicle();
    let resp = app
        .post_json("/requests", Some(&c.agency_a), &request_body(&plate, &vin))
        .await;
    assert_eq!(resp.status().as_u16(), 503, "{:?}", resp.headers());
    let retry: i64 = resp.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1700..=1800).contains(&retry), "{retry}");
    let p = expect_problem(resp, 503, "maintenance").await;
    assert_eq!(p["notice"]["id"], nid);
    expect_problem(
        app.post_action(
            &format!("/requests/{id}/review"),
            &c.directorate,
            None,
            None,
        )
        .await,
        503,
        "maintenance",
    )
    .await;
    // Reads keep working; signing in is still possible.
    expect_json(
        app.get(&format!("/requests/{id}"), Some(&c.agency_a)).await,
        200,
    )
    .await;
    expect_json(
        app.client.get(app.api("/notices")).send().await.unwrap(),
        200,
    )
    .await;
    app.login_ok("agency-a", USER_PASSWORD).await;
    // The admin deletes it: writes work at once.
    let resp = app.delete(&format!("/notices/{nid}"), Some(&c.admin)).await;
    assert_eq!(resp.status().as_u16(), 204);
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
    // Ending a window early by editing it works the same way.
    let n2 = expect_json(
        app.post_json("/notices", Some(&c.admin), &outage).await,
        201,
    )
    .await;
    expect_problem(
        app.post_json(
            &format!("/requests/{id}/reject"),
            Some(&c.directorate),
            &json!({"reason": "x"}),
        )
        .await,
        503,
        "maintenance",
    )
    .await;
    expect_json(
        app.patch_json(
            &format!("/notices/{}", n2["id"].as_str().unwrap()),
            Some(&c.admin),
            &json!({"ends_at": at(0)}),
        )
        .await,
        200,
    )
    .await;
    expect_json(
        app.post_json(
            &format!("/requests/{id}/reject"),
            Some(&c.directorate),
            &json!({"reason": "x"}),
        )
        .await,
        200,
    )
    .await;
}
