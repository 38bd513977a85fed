//! Permit events: `permit.issued` and `permit.receipt_recorded` reach webhooks and the feed
//! (where the police see them), and every advertised event type is emitted by some flow.

use plate_permits::events::EventType;
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::time::Duration;

use crate::helpers::*;

/// Files a request as agency A, reviews it and issues a permit; returns (request, permit).
async fn issued_permit(app: &TestApp, c: &Cast) -> (Value, Value) {
    let r = app.file_request(&c.agency_a).await;
    let id = r["id"].as_str().unwrap();
    let review = format!("/requests/{id}/review");
    expect_json(
        app.post_action(&review, &c.directorate, None, None).await,
        200,
    )
    .await;
    let valid_until = (app.now() + chrono::Duration::days(10)).to_rfc3339();
    let body = json!({"national_permit_number": format!("NV-{}", uuid::Uuid::new_v4().simple()), "valid_until": valid_until});
    let path = format!("/requests/{id}/permit");
    let permit = expect_json(app.post_json(&path, Some(&c.directorate), &body).await, 201).await;
    (r, permit)
}

/// The police's receipt: the plate was removed.
async fn receipt_removed(app: &TestApp, c: &Cast, permit_id: &str) -> Value {
    let body = json!({"outcome": "removed", "receipt_number": "R-7", "plates_count": 2, "occurred_at": app.now().to_rfc3339()});
    let path = format!("/permits/{permit_id}/receipt");
    expect_json(app.post_json(&path, Some(&c.police), &body).await, 201).await
}

/// Every event the feed shows `token`, oldest first.
async fn feed(app: &TestApp, token: &str) -> Vec<Value> {
    let page = expect_json(app.get("/events?limit=500", Some(token)).await, 200).await;
    page["items"].as_array().unwrap().clone()
}

fn assert_permit_subject(ev: &Value, request: &Value, permit: &Value) {
    assert_eq!(ev["subject"]["kind"], "permit", "{ev}");
    assert_eq!(ev["subject"]["id"], permit["id"], "{ev}");
    assert_eq!(
        ev["subject"]["tracking_code"], request["tracking_code"],
        "{ev}"
    );
    for key in ["permit_number", "national_permit_number", "plate", "vin"] {
        assert_eq!(ev["data"][key], permit[key], "{key} in {ev}");
    }
    assert_eq!(ev["data"]["permit_id"], permit["id"]);
    assert_eq!(ev["data"]["request_id"], request["id"]);
    assert_eq!(ev["data"]["tracking_code"], request["tracking_code"]);
    let valid_until =
        |v: &Value| chrono::DateTime::parse_from_rfc3339(v.as_str().unwrap()).unwrap();
    assert_eq!(
        valid_until(&ev["data"]["valid_until"]),
        valid_until(&permit["valid_until"])
    );
}

#[tokio::test]
async fn permit_events_reach_webhooks_signed() {
    let app = spawn_app_with(allow_loopback).await;
    let c = app.cast().await;
    let (url, received) = receiver(200);
    let seen = received.requests;
    let types = json!(["permit.issued", "permit.receipt_recorded"]);
    let subscription = json!({"url": url, "types": types});
    let hook = app.post_json("/webhooks", Some(&c.admin), &subscription);
    let hook = expect_json(hook.await, 201).await;
    let secret = hook["secret"].as_str().unwrap().to_owned();
    let (request, permit) = issued_permit(&app, &c).await;
    receipt_removed(&app, &c, permit["id"].as_str().unwrap()).await;
    assert!(
        wait_for(|| seen.lock().unwrap().len() >= 2).await,
        "two deliveries"
    );
    tokio::time::sleep(Duration::from_millis(300)).await;
    let got = seen.lock().unwrap().clone();
    assert_eq!(got.len(), 2, "only the subscribed types, each once");
    let events: Vec<Value> = got
        .iter()
        .map(|(_, b)| serde_json::from_str(b).unwrap())
        .collect();
    for ((headers, body), ev) in got.iter().zip(&events) {
        assert!(verify(&secret, headers, body), "signature verifies");
        assert_permit_subject(ev, &request, &permit);
    }
    assert_eq!(events[0]["type"], "permit.issued");
    assert_eq!(events[1]["type"], "permit.receipt_recorded");
    assert_eq!(events[1]["data"]["outcome"], "removed");
    assert!(events[1]["data"]["occurred_at"].is_string());
}

#[tokio::test]
async fn the_police_see_permit_events_in_the_feed() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let (request, permit) = issued_permit(&app, &c).await;
    receipt_removed(&app, &c, permit["id"].as_str().unwrap()).await;
    let events = feed(&app, &c.police).await;
    let types: Vec<&str> = events.iter().map(|e| e["type"].as_str().unwrap()).collect();
    assert_eq!(
        types,
        ["permit.issued", "permit.receipt_recorded"],
        "only permit events"
    );
    for ev in &events {
        assert_permit_subject(ev, &request, &permit);
    }
    // The owning agency sees them too; another agency does not.
    let own = feed(&app, &c.agency_a).await;
    assert_eq!(
        own.iter()
            .filter(|e| e["subject"]["kind"] == "permit")
            .count(),
        2
    );
    assert!(feed(&app, &c.agency_b).await.is_empty());
}

#[tokio::test]
async fn every_event_type_is_emitted_by_some_flow() {
    let app = spawn_app().await;
    let c = app.cast().await;
    every_flow(&app, &c).await;
    let seen: BTreeSet<String> = feed(&app, &c.admin)
        .await
        .iter()
        .map(|e| e["type"].as_str().unwrap().to_owned())
        .collect();
    let missing: Vec<&str> = EventType::ALL
        .iter()
        .map(|t| t.as_str())
        .filter(|t| !seen.contains(*t))
        .collect();
    assert!(
        missing.is_empty(),
        "never emitted: {missing:?} (seen {seen:?})"
    );
}

/// Drives every flow that emits an event: a request asked for a document, resubmitted, issued,
/// removed, its record attached and registered; a permit revoked, one expired, a request
/// rejected; a complaint answered, a notice, a closure.
async fn every_flow(app: &TestApp, c: &Cast) {
    let s = Scenario {
        app,
        cast: c.clone(),
        request: Value::Null,
        permit: Value::Null,
    };
    s.filed()
        .await
        .reviewed()
        .await
        .documents_asked(&["vehicle_card"])
        .await
        .uploaded("vehicle_card")
        .await
        .resubmitted()
        .await
        .rejected()
        .await;
    // A request through its whole lifecycle.
    let (request, permit) = issued_permit(app, c).await;
    receipt_removed(app, c, permit["id"].as_str().unwrap()).await;
    // Its signed removal record attached.
    let part = reqwest::multipart::Part::bytes(PDF.to_vec())
        .file_name("record.pdf")
        .mime_str("application/pdf")
        .unwrap();
    let record = app
        .request_checked(
            reqwest::Method::PUT,
            &format!("/permits/{}/receipt/record", permit["id"].as_str().unwrap()),
            Some(&c.police),
        )
        .await
        .multipart(reqwest::multipart::Form::new().part("file", part))
        .send()
        .await
        .unwrap();
    assert_eq!(record.status(), 201);
    let id = request["id"].as_str().unwrap();
    let reg =
        json!({"national_registration_number": "REG-14", "registered_at": app.now().to_rfc3339()});
    let path = format!("/requests/{id}/registration");
    let done = expect_json(app.post_json(&path, Some(&c.registry), &reg).await, 200).await;
    assert_eq!(done["status"], "completed");
    // A permit revoked.
    let (_, revoked) = issued_permit(app, c).await;
    let path = format!("/permits/{}/revoke", revoked["id"].as_str().unwrap());
    let body = json!({"reason_code": "issued_in_error"});
    expect_json(app.post_json(&path, Some(&c.directorate), &body).await, 200).await;
    // A permit expired unused, found by the expiry worker.
    let (_, expiring) = issued_permit(app, c).await;
    app.expire_permit(expiring["id"].as_str().unwrap());
    assert_eq!(app.expire_due().await, 1);
    // A complaint, answered.
    let complaint =
        json!({"subject": "تأخیر در بررسی", "body": "درخواست ما بررسی نشده.", "category": "delay"});
    let complaint = app.post_json("/complaints", Some(&c.agency_a), &complaint);
    let complaint = expect_json(complaint.await, 201).await;
    let path = format!(
        "/complaints/{}/responses",
        complaint["id"].as_str().unwrap()
    );
    let answer = json!({"body": "درخواست شما در حال بررسی است."});
    expect_json(
        app.post_json(&path, Some(&c.directorate), &answer).await,
        200,
    )
    .await;
    // A notice.
    let now = app.now();
    let notice = json!({"kind": "info", "title": "اطلاعیه", "body": "ساعات کاری تغییر کرد", "starts_at": (now - chrono::Duration::minutes(5)).to_rfc3339(), "ends_at": (now + chrono::Duration::hours(1)).to_rfc3339()});
    expect_json(
        app.post_json("/notices", Some(&c.admin), &notice).await,
        201,
    )
    .await;
    // A closure declared at short notice, for today.
    let today = plate_permits::domain::jalali::format_jalali(app.clock.today());
    let closure = json!({"date": today, "title": "تعطیلی به سبب آلودگی هوا", "from_time": "23:00"});
    expect_json(
        app.post_json("/closures", Some(&c.admin), &closure).await,
        201,
    )
    .await;
    // A correction (request.corrected), and an ask for documents whose due date passed
    // (request.documents_overdue; the due date is moved into the past in the database, as
    // `expire_permit` does for a permit, so the app's clock and tokens stay as they are).
    let base = Scenario {
        app,
        cast: c.clone(),
        request: Value::Null,
        permit: Value::Null,
    };
    let fixed = base.another().filed().await;
    app.patch_as(
        &c.agency_a,
        &format!("/requests/{}", fixed.id()),
        &json!({"vehicle": {"make": "سایپا"}}),
    )
    .await
    .json(200);
    let late = base
        .another()
        .filed()
        .await
        .reviewed()
        .await
        .documents_asked(&["vehicle_card"])
        .await;
    {
        use diesel::RunQueryDsl;
        let mut conn = app.db_conn();
        diesel::sql_query(format!(
            "UPDATE document_requests SET due_date = '2000-01-03' WHERE request_id = '{}'",
            late.id()
        ))
        .execute(&mut conn)
        .unwrap();
        let clock = app.clock;
        let marked = tokio::task::spawn_blocking(move || {
            plate_permits::documents::due::mark_overdue(&mut conn, &clock)
        })
        .await
        .unwrap()
        .unwrap();
        assert_eq!(marked, 1);
    }
}

/// A JSON Schema validator for the components schema `name` of the served document (its
/// `$ref`s resolved inside the document's components).
fn validator(doc: &Value, name: &str) -> jsonschema::Validator {
    let root = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$ref": format!("#/components/schemas/{name}"),
        "components": doc["components"],
    });
    jsonschema::validator_for(&root).unwrap_or_else(|e| panic!("schema {name}: {e}"))
}

fn errors(v: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    v.iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[tokio::test]
async fn every_event_matches_its_schema_in_the_served_document() {
    let app = spawn_app().await;
    let c = app.cast().await;
    every_flow(&app, &c).await;
    let doc = expect_json(app.get_root("/api-docs/openapi.json").await, 200).await;

    // The document names every event type of the code: an envelope per type in the `Event`
    // union (discriminated by `type`) and a webhook per type with its Standard Webhooks headers.
    let union = &doc["components"]["schemas"]["Event"];
    let mapping = union["discriminator"]["mapping"].as_object().unwrap();
    assert_eq!(union["discriminator"]["propertyName"], "type");
    assert_eq!(mapping.len(), EventType::ALL.len(), "{union}");
    assert_eq!(
        union["oneOf"].as_array().unwrap().len(),
        EventType::ALL.len()
    );
    for t in EventType::ALL {
        let envelope = plate_permits::events::openapi::envelope_name(*t);
        assert_eq!(
            mapping[t.as_str()],
            format!("#/components/schemas/{envelope}"),
            "{t:?}"
        );
        let schema = &doc["components"]["schemas"][&envelope];
        // `type` is a named single-value enum (generated Go enums check it on decoding).
        assert_eq!(
            schema["properties"]["type"]["$ref"],
            format!("#/components/schemas/{envelope}Type")
        );
        assert_eq!(
            doc["components"]["schemas"][format!("{envelope}Type")]["enum"],
            json!([t.as_str()])
        );
        let data = schema["properties"]["data"]["$ref"].as_str().unwrap();
        let data = data.trim_start_matches("#/components/schemas/");
        assert_eq!(data, plate_permits::router::event_data_schema(*t));
        assert!(doc["components"]["schemas"][data].is_object(), "{data}");
        let hook = &doc["webhooks"][t.as_str()]["post"];
        assert_eq!(
            hook["requestBody"]["content"]["application/json"]["schema"]["$ref"],
            format!("#/components/schemas/{envelope}"),
            "{t:?}"
        );
        let headers: BTreeSet<&str> = hook["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap())
            .collect();
        for h in [
            "webhook-id",
            "webhook-timestamp",
            "webhook-signature",
            "User-Agent",
        ] {
            assert!(headers.contains(h), "{t:?} lacks {h}");
        }
    }
    assert_eq!(
        doc["webhooks"].as_object().unwrap().len(),
        EventType::ALL.len()
    );

    // Every event the feed holds matches its own envelope, and exactly one of the union.
    let events = feed(&app, &c.admin).await;
    let any = validator(&doc, "Event");
    let mut seen = BTreeSet::new();
    for ev in &events {
        let t: EventType = ev["type"].as_str().unwrap().parse().unwrap();
        seen.insert(t.as_str());
        let own = validator(&doc, &plate_permits::events::openapi::envelope_name(t));
        assert_eq!(errors(&own, ev), Vec::<String>::new(), "{ev}");
        assert_eq!(errors(&any, ev), Vec::<String>::new(), "{ev}");
    }
    assert_eq!(seen.len(), EventType::ALL.len(), "seen {seen:?}");

    // The schemas are strict enough to catch a payload that drifted from them: a missing
    // field, a wrong type, an unknown value and a `data` of another type are each refused.
    let issued = events
        .iter()
        .find(|e| e["type"] == "permit.issued")
        .unwrap();
    let own = validator(&doc, "PermitIssuedEvent");
    let mut missing = issued.clone();
    missing["data"]
        .as_object_mut()
        .unwrap()
        .remove("permit_number");
    let mut wrong_type = issued.clone();
    wrong_type["data"]["valid_until"] = json!(17);
    let mut other_type = issued.clone();
    other_type["type"] = json!("permit.revoked");
    let changed = events
        .iter()
        .find(|e| e["type"] == "request.status_changed")
        .unwrap();
    let mut unknown_status = changed.clone();
    unknown_status["data"]["to"] = json!("teleported");
    let mut swapped = issued.clone();
    swapped["data"] = changed["data"].clone();
    for bad in [&missing, &wrong_type, &other_type, &swapped] {
        assert!(!errors(&own, bad).is_empty(), "accepted {bad}");
        assert!(!any.is_valid(bad), "the union accepted {bad}");
    }
    assert!(!any.is_valid(&unknown_status), "{unknown_status}");
}
