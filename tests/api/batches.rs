//! Batches (issue 34, point 1): many vehicles filed at once, all or nothing, each its own
//! request; the batch's view and the list's `batch_id` filter; the directorate's bulk calls
//! answering per item; one digest SMS per batch step.

use diesel::{QueryableByName, RunQueryDsl};
use reqwest::Method;
use serde_json::{json, Value};

use crate::helpers::*;

const CONTACT: &str = "09141234567";

/// One vehicle of a batch: a random plate and VIN.
fn vehicle() -> Value {
    let (plate, vin) = random_vehicle();
    vehicle_with(&plate, &vin)
}

fn vehicle_with(plate: &str, vin: &str) -> Value {
    let mut v = request_body(plate, vin)["vehicle"].clone();
    v["plate"] = json!(plate);
    v
}

fn batch_of(vehicles: Vec<Value>) -> Value {
    json!({
        "reason": "auction_sale",
        "letter": {"number": "۱۲۳/۴۵۶", "date": "1402/12/20"},
        "contact": {"name": "رضا احمدی", "mobile": "۰۹۱۴۱۲۳۴۵۶۷"},
        "representative": {"full_name": "علی رضایی", "national_code": "0012345679"},
        "vehicles": vehicles
    })
}

async fn file_batch(app: &TestApp, token: &str, body: &Value) -> Reply {
    app.post_as(token, "/request-batches", body).await
}

async fn bulk(app: &TestApp, token: &str, body: &Value) -> Reply {
    app.post_as(token, "/requests/bulk-actions", body).await
}

#[derive(QueryableByName, Debug)]
struct Sms {
    #[diesel(sql_type = diesel::sql_types::Text)]
    event: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    body: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    recipient: String,
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Text>)]
    request_id: Option<String>,
}

/// Every SMS enqueued, oldest first.
fn outbox(app: &TestApp) -> Vec<Sms> {
    diesel::sql_query(
        "SELECT event, body, recipient, request_id FROM sms_messages ORDER BY created_at, id",
    )
    .load::<Sms>(&mut app.db_conn())
    .expect("sms outbox")
}

fn members(batch: &Value) -> Vec<Value> {
    batch["requests"].as_array().unwrap().clone()
}

fn count_of(batch: &Value, status: &str) -> i64 {
    batch["counts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["status"] == status)
        .map_or(0, |c| c["count"].as_i64().unwrap())
}

#[tokio::test]
async fn a_batch_files_each_vehicle_as_its_own_request_and_sends_one_sms() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let alone = app.file_request(&c.agency_a).await;
    let before = outbox(&app).len();
    let reply = file_batch(
        &app,
        &c.agency_a,
        &batch_of(vec![vehicle(), vehicle(), vehicle()]),
    )
    .await;
    let location = reply.header("location").to_owned();
    let batch = reply.json(201);
    let id = text(&batch, "id");
    assert_eq!(location, format!("/api/v1/request-batches/{id}"));
    let code = text(&batch, "tracking_code");
    assert_eq!(code.len(), 12, "{batch}");
    assert_eq!(batch["vehicle_count"], 3);
    assert_eq!(batch["letter"]["date_jalali"], "1402/12/20");
    assert_eq!(count_of(&batch, "submitted"), 3);
    assert_eq!(text(&batch, "summary_fa"), "۳ خودرو: ۳ ثبت شد");
    let requests = members(&batch);
    let mut codes: Vec<&str> = requests.iter().map(|r| text(r, "tracking_code")).collect();
    codes.push(code);
    codes.sort();
    codes.dedup();
    assert_eq!(
        codes.len(),
        4,
        "every request and the batch have their own codes"
    );
    for (i, r) in requests.iter().enumerate() {
        assert_eq!(r["position"], i);
        assert_eq!(r["status"], "submitted");
        assert_eq!(r["status_label_fa"], "ثبت شده");
        let view = app.request_of(&c.agency_a, text(r, "request_id")).await;
        assert_eq!(view["batch_id"], id);
        assert_eq!(view["status"], "submitted");
        assert_eq!(view["contact"]["mobile"], CONTACT);
        assert_eq!(view["representative"]["national_code"], "0012345679");
        assert_eq!(format!("\"{}\"", view["version"]), text(r, "etag"));
        let history = app.history(&c.agency_a, text(r, "request_id")).await;
        assert_eq!(history.len(), 1);
        assert_eq!(history[0]["action"], "submit");
    }
    // A request filed alone belongs to no batch.
    let alone = app.request_of(&c.agency_a, text(&alone, "id")).await;
    assert!(alone.get("batch_id").is_none(), "{alone}");
    // The list filters by batch.
    let listed = app
        .items(&c.directorate, &format!("/requests?batch_id={id}"))
        .await;
    let mut listed: Vec<&str> = ids(&listed);
    listed.sort();
    let mut filed: Vec<&str> = requests.iter().map(|r| text(r, "request_id")).collect();
    filed.sort();
    assert_eq!(listed, filed);
    assert!(app
        .items(
            &c.directorate,
            &format!("/requests?batch_id={}", text(&alone, "id"))
        )
        .await
        .is_empty());
    // One SMS for the batch, none per vehicle.
    let sent: Vec<Sms> = outbox(&app).into_iter().skip(before).collect();
    assert_eq!(sent.len(), 1, "{sent:#?}");
    assert_eq!(sent[0].event, "batch_filed");
    assert_eq!(sent[0].recipient, CONTACT);
    assert!(sent[0].request_id.is_none());
    assert!(sent[0].body.contains("۳ خودرو ثبت شد"), "{}", sent[0].body);
    let grouped = format!("{} {} {}", &code[..4], &code[4..8], &code[8..]);
    let grouped = plate_permits::domain::text::persian_digits(&grouped);
    assert!(sent[0].body.contains(&grouped), "{}", sent[0].body);
}

#[tokio::test]
async fn one_invalid_vehicle_files_nothing_and_every_error_points_into_the_batch() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let (plate, vin) = random_vehicle();
    let mut bad = vehicle();
    bad["plate"] = json!("۱۲ ب ۳۴۵ ایران ۶۷");
    let mut no_id = vehicle();
    no_id.as_object_mut().unwrap().remove("vin");
    let mut same_vin = vehicle();
    same_vin["vin"] = json!(vin.clone());
    let vehicles = vec![
        vehicle_with(&plate, &vin),
        bad,
        vehicle(),
        vehicle_with(&plate, &random_vehicle().1),
        no_id,
        same_vin,
    ];
    let mut body = batch_of(vehicles);
    body["letter"]["date"] = json!("1499/01/01");
    let before = outbox(&app).len();
    let problem = file_batch(&app, &c.agency_a, &body)
        .await
        .problem(422, "validation_failed");
    let errors: Vec<(String, String)> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (text(e, "field").to_owned(), text(e, "code").to_owned()))
        .collect();
    let has = |field: &str, code: &str| errors.contains(&(field.to_owned(), code.to_owned()));
    assert!(has("/vehicles/1/plate", "invalid_plate"), "{errors:?}");
    assert!(has("/vehicles/3/plate", "duplicate_in_batch"), "{errors:?}");
    assert!(has("/vehicles/4/chassis_number", "required"), "{errors:?}");
    assert!(has("/vehicles/5/vin", "duplicate_in_batch"), "{errors:?}");
    // A shared field's fault is named once, not once per vehicle.
    let letter: Vec<_> = errors.iter().filter(|(f, _)| f == "/letter/date").collect();
    assert_eq!(letter.len(), 1, "{errors:?}");
    assert_eq!(errors.len(), 5, "{errors:?}");
    let dup = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["field"] == "/vehicles/3/plate")
        .unwrap();
    assert!(text(dup, "message").contains("/vehicles/۰"), "{dup}");
    // Nothing was filed, and no SMS.
    assert!(app.items(&c.agency_a, "/requests").await.is_empty());
    assert_eq!(outbox(&app).len(), before);
    // Empty and oversized batches.
    let empty = file_batch(&app, &c.agency_a, &batch_of(vec![]))
        .await
        .problem(422, "validation_failed");
    assert_eq!(empty["errors"][0]["field"], "/vehicles");
    let many: Vec<Value> = (0..201).map(|_| vehicle()).collect();
    let too_many = file_batch(&app, &c.agency_a, &batch_of(many))
        .await
        .problem(422, "validation_failed");
    assert_eq!(too_many["errors"][0]["code"], "too_many");
    assert!(text(&too_many["errors"][0], "message").contains("۲۰۰"));
    // Only agencies file.
    file_batch(&app, &c.directorate, &batch_of(vec![vehicle()]))
        .await
        .problem(403, "forbidden");
}

#[tokio::test]
async fn two_hundred_vehicles_are_filed_in_one_call() {
    let app = spawn_app().await;
    let c = app.cast().await;
    // Distinct plates by construction (random ones could meet in 200).
    let vehicles: Vec<Value> = (0..200)
        .map(|i| {
            vehicle_with(
                &format!("{} الف {} ایران {}", 10 + i % 90, 100 + i, 10 + i / 90),
                &random_vehicle().1,
            )
        })
        .collect();
    let batch = file_batch(&app, &c.agency_a, &batch_of(vehicles))
        .await
        .json(201);
    assert_eq!(batch["vehicle_count"], 200);
    assert_eq!(count_of(&batch, "submitted"), 200);
    let sms = outbox(&app);
    assert_eq!(sms.iter().filter(|m| m.event == "batch_filed").count(), 1);
    assert_eq!(sms.iter().filter(|m| m.event == "filed").count(), 0);
}

#[tokio::test]
async fn the_open_request_rule_holds_across_batches_and_single_filings() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let (plate, vin) = random_vehicle();
    let single = app
        .file(&c.agency_a, &request_body(&plate, &vin))
        .await
        .json(201);
    // The same agency: named by its own open request's tracking code.
    let body = batch_of(vec![
        vehicle(),
        vehicle(),
        vehicle_with(&plate, &random_vehicle().1),
    ]);
    let problem = file_batch(&app, &c.agency_a, &body)
        .await
        .problem(422, "validation_failed");
    assert_eq!(problem["errors"][0]["field"], "/vehicles/2/plate");
    assert_eq!(problem["errors"][0]["code"], "duplicate");
    let own_code = plate_permits::domain::text::persian_digits(text(&single, "tracking_code"));
    assert!(
        text(&problem["errors"][0], "message").contains(&own_code),
        "{problem}"
    );
    // Another agency: the request is named to nobody, and the directorate sees the conflict.
    let (other_plate, _) = random_vehicle();
    let body = batch_of(vec![vehicle_with(&other_plate, &vin)]);
    let problem = file_batch(&app, &c.agency_b, &body)
        .await
        .problem(422, "validation_failed");
    assert_eq!(problem["errors"][0]["field"], "/vehicles/0/vin");
    assert!(!problem.to_string().contains(text(&single, "tracking_code")));
    assert!(!problem.to_string().contains(&own_code));
    let conflicts = app.items(&c.directorate, "/vehicle-conflicts").await;
    assert_eq!(conflicts.len(), 1, "{conflicts:#?}");
    // A filed batch holds its vehicles too: a single filing of one of them is refused.
    let (p2, v2) = random_vehicle();
    file_batch(&app, &c.agency_a, &batch_of(vec![vehicle_with(&p2, &v2)]))
        .await
        .json(201);
    app.file(&c.agency_a, &request_body(&p2, &random_vehicle().1))
        .await
        .problem(409, "duplicate");
    // And another batch.
    let again = file_batch(
        &app,
        &c.agency_a,
        &batch_of(vec![vehicle(), vehicle_with(&random_vehicle().0, &v2)]),
    )
    .await
    .problem(422, "validation_failed");
    assert_eq!(again["errors"][0]["field"], "/vehicles/1/vin");
}

#[tokio::test]
async fn an_idempotency_key_replays_the_batch() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let body = batch_of(vec![vehicle(), vehicle()]);
    let headers = [("idempotency-key", "batch-key-1")];
    let first = app
        .call(
            Method::POST,
            "/request-batches",
            Some(&c.agency_a),
            Some(&body),
            &headers,
        )
        .await
        .json(201);
    let again = app
        .call(
            Method::POST,
            "/request-batches",
            Some(&c.agency_a),
            Some(&body),
            &headers,
        )
        .await;
    assert_eq!(again.header("idempotent-replayed"), "true");
    let again = again.json(201);
    assert_eq!(again["id"], first["id"]);
    assert_eq!(app.items(&c.agency_a, "/requests").await.len(), 2);
    let other = batch_of(vec![vehicle()]);
    app.call(
        Method::POST,
        "/request-batches",
        Some(&c.agency_a),
        Some(&other),
        &headers,
    )
    .await
    .problem(422, "idempotency_key_reused");
}

#[tokio::test]
async fn a_batch_is_seen_as_its_requests_are() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let batch = file_batch(&app, &c.agency_a, &batch_of(vec![vehicle()]))
        .await
        .json(201);
    let path = format!("/request-batches/{}", text(&batch, "id"));
    for token in [&c.agency_a, &c.directorate, &c.admin, &c.registry] {
        let seen = app.get_as(token, &path).await.json(200);
        assert_eq!(seen["id"], batch["id"]);
    }
    app.get_as(&c.agency_b, &path)
        .await
        .problem(404, "not_found");
    app.get_as(&c.police, &path).await.problem(403, "forbidden");
    // The other agency's list filtered by the batch is empty.
    let listed = app
        .items(
            &c.agency_b,
            &format!("/requests?batch_id={}", text(&batch, "id")),
        )
        .await;
    assert!(listed.is_empty());
}

/// The items of a bulk call for `requests` (batch members), each with its current `ETag`.
fn items_for(requests: &[Value]) -> Vec<Value> {
    requests
        .iter()
        .map(|r| json!({"request_id": r["request_id"], "if_match": r["etag"]}))
        .collect()
}

#[tokio::test]
async fn bulk_calls_answer_per_item_and_send_one_digest_per_batch_step() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let batch = file_batch(
        &app,
        &c.agency_a,
        &batch_of(vec![vehicle(), vehicle(), vehicle(), vehicle()]),
    )
    .await
    .json(201);
    let batch_path = format!("/request-batches/{}", text(&batch, "id"));
    let alone = app.file_request(&c.agency_a).await;
    let requests = members(&batch);

    // Review: three current, one stale.
    let mut items = items_for(&requests);
    items[3]["if_match"] = json!("\"99\"");
    let reply = bulk(
        &app,
        &c.directorate,
        &json!({"action": "review", "items": items}),
    )
    .await;
    let result = reply.json(207);
    let statuses: Vec<u64> = result["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["status"].as_u64().unwrap())
        .collect();
    assert_eq!(statuses, vec![200, 200, 200, 412], "{result}");
    assert_eq!(result["succeeded"], 3);
    assert_eq!(result["failed"], 1);
    assert_eq!(result["items"][0]["request_status"], "under_review");
    assert_eq!(
        result["items"][0]["request_status_label_fa"],
        "در حال بررسی"
    );
    assert_eq!(result["items"][0]["result"]["status"], "under_review");
    assert_eq!(result["items"][3]["problem"]["code"], "precondition_failed");
    assert!(result["items"][3].get("result").is_none());
    // Each item has its own history entry.
    for r in &requests[..3] {
        let history = app.history(&c.directorate, text(r, "request_id")).await;
        assert_eq!(history.last().unwrap()["action"], "review");
    }
    assert_eq!(
        app.history(&c.directorate, text(&requests[3], "request_id"))
            .await
            .len(),
        1
    );
    assert_eq!(result["digests"].as_array().unwrap().len(), 1);
    assert_eq!(
        result["digests"][0]["summary_fa"],
        "۴ خودرو: ۳ در حال بررسی، ۱ ثبت شد"
    );

    // Issue permits to two and ask the third for a document; the alone request gets a permit too.
    let batch_now = app.get_as(&c.directorate, &batch_path).await.json(200);
    let now_items = members(&batch_now);
    let alone_view = app.request_of(&c.directorate, text(&alone, "id")).await;
    app.review(&c.directorate, text(&alone, "id"))
        .await
        .json(200);
    let alone_tag = format!("\"{}\"", alone_view["version"].as_i64().unwrap() + 1);
    let before = outbox(&app).len();
    let mut permit_items = items_for(&now_items[..2]);
    permit_items[0]["national_permit_number"] = json!("NV-BULK-0001");
    permit_items[1]["national_permit_number"] = json!("NV-BULK-0002");
    permit_items.push(json!({"request_id": alone["id"], "if_match": alone_tag, "national_permit_number": "NV-BULK-0003"}));
    let permits = bulk(
        &app,
        &c.directorate,
        &json!({"action": "issue_permit", "permit": {"valid_until": in_days(app.now(), 10)}, "items": permit_items}),
    )
    .await
    .json(207);
    assert_eq!(permits["succeeded"], 3, "{permits}");
    for item in permits["items"].as_array().unwrap() {
        assert_eq!(item["status"], 201);
        assert_eq!(item["request_status"], "permit_issued");
        assert!(item["result"]["permit_number"].is_string(), "{item}");
    }
    let docs = bulk(
        &app,
        &c.directorate,
        &json!({"action": "request_documents", "document_request": ask_for(&["vehicle_card"]), "items": items_for(&now_items[2..3])}),
    )
    .await
    .json(207);
    assert_eq!(docs["items"][0]["status"], 201, "{docs}");
    assert_eq!(docs["items"][0]["request_status"], "awaiting_documents");

    // The batch's requests sent nothing of their own; the request filed alone did.
    let sent: Vec<Sms> = outbox(&app).into_iter().skip(before).collect();
    let batch_ids: Vec<&str> = requests.iter().map(|r| text(r, "request_id")).collect();
    assert!(
        sent.iter().all(|m| m
            .request_id
            .as_deref()
            .is_none_or(|id| !batch_ids.contains(&id))),
        "{sent:#?}"
    );
    let own: Vec<&Sms> = sent
        .iter()
        .filter(|m| m.request_id.as_deref() == alone["id"].as_str())
        .collect();
    assert_eq!(own.len(), 1, "{sent:#?}");
    assert_eq!(own[0].event, "permit_issued");
    let digests: Vec<&Sms> = sent
        .iter()
        .filter(|m| m.event == "batch_progress")
        .collect();
    assert_eq!(
        digests.len(),
        2,
        "one per bulk call touching the batch: {sent:#?}"
    );
    assert_eq!(digests[1].recipient, CONTACT);
    assert!(
        digests[1]
            .body
            .contains("۴ خودرو: ۲ مجوز صادر شد، ۱ ثبت شد، ۱ در انتظار مدرک"),
        "{}",
        digests[1].body
    );
    // The batch's view counts where its vehicles stand.
    let seen = app.get_as(&c.agency_a, &batch_path).await.json(200);
    assert_eq!(count_of(&seen, "permit_issued"), 2);
    assert_eq!(count_of(&seen, "awaiting_documents"), 1);
    assert_eq!(count_of(&seen, "submitted"), 1);
    assert_eq!(seen["counts"][0]["status"], "permit_issued");
    assert_eq!(
        seen["counts"][0]["status_label_fa"],
        "مجوز صادر و به پلیس راهور ارسال شد"
    );
    // A retry changes nothing: the items' versions moved on.
    let retry = bulk(
        &app,
        &c.directorate,
        &json!({"action": "request_documents", "document_request": ask_for(&["vehicle_card"]), "items": items_for(&now_items[2..3])}),
    )
    .await
    .json(207);
    assert_eq!(retry["items"][0]["status"], 412);
    assert!(retry["digests"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn a_bulk_call_is_checked_whole_before_any_item_runs() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let batch = file_batch(&app, &c.agency_a, &batch_of(vec![vehicle(), vehicle()]))
        .await
        .json(201);
    let requests = members(&batch);
    let mut items = items_for(&requests);
    items.push(items[0].clone());
    let problem = bulk(
        &app,
        &c.directorate,
        &json!({"action": "review", "items": items}),
    )
    .await
    .problem(422, "validation_failed");
    assert_eq!(problem["errors"][0]["field"], "/items/2/request_id");
    assert_eq!(problem["errors"][0]["code"], "duplicate_in_call");
    let problem = bulk(
        &app,
        &c.directorate,
        &json!({"action": "issue_permit", "items": items_for(&requests)}),
    )
    .await
    .problem(422, "validation_failed");
    let fields: Vec<&str> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| text(e, "field"))
        .collect();
    assert_eq!(fields, vec!["/permit"]);
    let problem = bulk(
        &app,
        &c.directorate,
        &json!({"action": "issue_permit", "permit": {"valid_until": "1300/01/01"}, "items": items_for(&requests)}),
    )
    .await
    .problem(422, "validation_failed");
    let fields: Vec<&str> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| text(e, "field"))
        .collect();
    assert!(
        fields.contains(&"/items/0/national_permit_number"),
        "{fields:?}"
    );
    assert!(
        fields.contains(&"/items/1/national_permit_number"),
        "{fields:?}"
    );
    assert_eq!(
        fields
            .iter()
            .filter(|f| **f == "/permit/valid_until")
            .count(),
        1,
        "{fields:?}"
    );
    let problem = bulk(
        &app,
        &c.directorate,
        &json!({"action": "request_documents", "document_request": {"message": "", "items": []}, "items": items_for(&requests)}),
    )
    .await
    .problem(422, "validation_failed");
    let fields: Vec<&str> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| text(e, "field"))
        .collect();
    assert!(fields.contains(&"/document_request/message"), "{fields:?}");
    bulk(
        &app,
        &c.directorate,
        &json!({"action": "review", "items": []}),
    )
    .await
    .problem(422, "validation_failed");
    // Nothing ran.
    for r in &requests {
        assert_eq!(
            app.request_of(&c.directorate, text(r, "request_id")).await["status"],
            "submitted"
        );
    }
    // Only the directorate.
    for token in [&c.agency_a, &c.admin, &c.registry, &c.police] {
        bulk(
            &app,
            token,
            &json!({"action": "review", "items": items_for(&requests)}),
        )
        .await
        .problem(403, "forbidden");
    }
    // An item without its precondition is 428, another agency's or unknown request 404,
    // each for itself; English problems with Accept-Language: en.
    let items = json!([
        {"request_id": requests[0]["request_id"]},
        {"request_id": "01938f5e-0000-7000-8000-000000000000", "if_match": "\"1\""},
        {"request_id": requests[1]["request_id"], "if_match": requests[1]["etag"]}
    ]);
    let reply = app
        .call(
            Method::POST,
            "/requests/bulk-actions",
            Some(&c.directorate),
            Some(&json!({"action": "review", "items": items})),
            &[("accept-language", "en")],
        )
        .await
        .json(207);
    let statuses: Vec<u64> = reply["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["status"].as_u64().unwrap())
        .collect();
    assert_eq!(statuses, vec![428, 404, 200], "{reply}");
    assert_eq!(
        reply["items"][0]["problem"]["code"],
        "precondition_required"
    );
    let title = text(&reply["items"][1]["problem"], "title");
    assert!(title.is_ascii(), "{title}");
}
