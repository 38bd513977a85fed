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
