//! A permit is sent to one police organisation (issue 33, row 12): the province's traffic
//! police by default, or the one chosen at issue. Only that organisation's accounts (users
//! and police service accounts) see it — list, look-ups, by id, by number, print, the feed —
//! and may post its receipt and removal record; to another police organisation it does not
//! exist (404).

use serde_json::{json, Value};

use crate::helpers::*;

/// A second police organisation with an officer and a police service account; (org id,
/// officer token, service-account token).
async fn other_police(app: &TestApp, s: &Scenario<'_>) -> (String, String, String) {
    let org = app
        .create_org(&s.admin, "police", "پلیس راهور شهرستان مرند")
        .await;
    let (_, officer) = app
        .create_user(&s.admin, "police", &org, "officer-marand")
        .await;
    let (_, client) = app
        .service_token(&s.admin, "police", &org, "سامانهٔ راهور مرند")
        .await;
    (org, officer, client)
}

fn ids(items: &[Value]) -> Vec<&str> {
    items.iter().map(|p| text(p, "id")).collect()
}

/// Every permit read a police account can make shows the permit to `token` (`true`) or hides
/// it everywhere (`false`).
async fn sees(app: &TestApp, token: &str, permit: &Value) -> bool {
    let (id, number) = (text(permit, "id"), text(permit, "permit_number"));
    let by_id = app.permit(token, id).await;
    let by_number = app
        .get_as(token, &format!("/permits/by-number/{number}"))
        .await;
    let print = app.get_as(token, &format!("/permits/{id}/print")).await;
    let queue = app.items(token, "/permits").await;
    let looked_up = app
        .items(token, &format!("/permits?permit_number={number}"))
        .await;
    let searched = app.items(token, &format!("/permits?q={number}")).await;
    let events = app.items(token, "/events?limit=200").await;
    let in_feed = events
        .iter()
        .any(|e| e["subject"]["id"] == id || e["data"]["permit_id"] == id);
    let seen = [
        by_id.status == 200,
        by_number.status == 200,
        print.status == 200,
        ids(&queue).contains(&id),
        ids(&looked_up).contains(&id),
        ids(&searched).contains(&id),
        in_feed,
    ];
    assert!(
        seen.iter().all(|s| *s) || seen.iter().all(|s| !*s),
        "seen in some reads only: {seen:?}"
    );
    if !seen[0] {
        for reply in [by_id, by_number, print] {
            reply.problem(404, "not_found");
        }
    }
    seen[0]
}

#[tokio::test]
async fn only_the_police_organisation_a_permit_was_sent_to_sees_it_and_posts_its_receipt() {
    let app = spawn_app().await;
    let s = Scenario::new(&app)
        .await
        .filed()
        .await
        .reviewed()
        .await
        .permit_issued()
        .await;
    // Sent to the default police organisation: the cast's, the first registered.
    assert_eq!(s.permit["police_organisation"]["id"], s.org_police.as_str());
    assert_eq!(s.permit["police_organisation"]["name"], "پلیس راهور");
    let (_, officer_b, client_b) = other_police(&app, &s).await;
    for token in [&officer_b, &client_b] {
        assert!(!sees(&app, token, &s.permit).await);
        let body = receipt(app.now(), "removed", "R-OTHER");
        app.receipt(token, s.permit_id(), &body, None)
            .await
            .problem(404, "not_found");
    }
    assert!(sees(&app, &s.police, &s.permit).await);
    // The directorate and the owning agency still see it.
    app.permit(&s.directorate, s.permit_id()).await.json(200);
    app.permit(&s.agency_a, s.permit_id()).await.json(200);

    // Its own police post the receipt; the other organisation cannot reach the record either.
    let s = s.plate_removed().await;
    let record = format!("/permits/{}/receipt/record", s.permit_id());
    app.get_as(&officer_b, &record)
        .await
        .problem(404, "not_found");
    let part = reqwest::multipart::Part::bytes(PDF.to_vec())
        .file_name("record.pdf")
        .mime_str("application/pdf")
        .unwrap();
    let put = app
        .request(reqwest::Method::PUT, &record, Some(&officer_b))
        .multipart(reqwest::multipart::Form::new().part("file", part))
        .send()
        .await
        .unwrap();
    Reply::read(put).await.problem(404, "not_found");
    let p = app.permit(&s.police, s.permit_id()).await.json(200);
    assert_eq!(p["status"], "used");
}

#[tokio::test]
async fn the_directorate_may_send_a_permit_to_another_police_organisation() {
    let app = spawn_app().await;
    let s = Scenario::new(&app).await.filed().await.reviewed().await;
    let (org_b, officer_b, client_b) = other_police(&app, &s).await;
    let mut body = new_permit(app.now());
    body["police_organisation_id"] = json!(org_b);
    let permit = app
        .issue_permit(&s.directorate, s.id(), &body)
        .await
        .json(201);
    assert_eq!(permit["police_organisation"]["id"], org_b.as_str());
    assert_eq!(
        permit["police_organisation"]["name"],
        "پلیس راهور شهرستان مرند"
    );
    // Now the default police organisation is the one left out.
    assert!(!sees(&app, &s.police, &permit).await);
    let refused = receipt(app.now(), "removed", "R-DEFAULT");
    app.receipt(&s.police, text(&permit, "id"), &refused, None)
        .await
        .problem(404, "not_found");
    assert!(sees(&app, &officer_b, &permit).await);
    assert!(sees(&app, &client_b, &permit).await);
    let posted = receipt(app.now(), "removed", "R-MARAND");
    let done = app
        .receipt(&client_b, text(&permit, "id"), &posted, None)
        .await
        .json(201);
    assert_eq!(done["status"], "used");
    assert_eq!(done["police_organisation"]["id"], org_b.as_str());
}

#[tokio::test]
async fn a_permit_sent_to_anything_but_a_police_organisation_is_422_on_that_field() {
    let app = spawn_app().await;
    let s = Scenario::new(&app).await.filed().await.reviewed().await;
    let unknown = uuid::Uuid::now_v7().to_string();
    for not_police in [&s.org_a, &s.org_directorate, &unknown] {
        let mut body = new_permit(app.now());
        body["police_organisation_id"] = json!(not_police);
        let problem = app
            .issue_permit(&s.directorate, s.id(), &body)
            .await
            .problem(422, "validation_failed");
        let issue = &problem["errors"][0];
        assert_eq!(issue["field"], "police_organisation_id", "{problem}");
        assert_eq!(issue["code"], "invalid_police_organisation", "{problem}");
        assert!(
            issue["message"]
                .as_str()
                .is_some_and(|m| m.contains("پلیس راهور")),
            "{problem}"
        );
    }
    // Nothing was issued: the request still waits for a decision.
    assert_eq!(s.current().await["status"], "under_review");
}

/// The default police organisation's queue is read in two parts (the permits sent to it, and
/// those sent to none: issued before any police organisation was registered) and merged: one
/// order across both (waiting first, newest first), and a cursor that pages across them without
/// losing or repeating a permit.
#[tokio::test]
async fn the_default_queue_merges_permits_sent_to_none_in_one_order_across_pages() {
    let app = spawn_app().await;
    let s = Scenario::new(&app).await;
    let (_, officer_b, _) = other_police(&app, &s).await;
    let mut issued = Vec::new();
    for _ in 0..7 {
        let (_, permit) = app.permit_for(&s.cast).await;
        issued.push(text(&permit, "id").to_owned());
    }
    // Every other one as a permit from before the police binding: sent to none.
    let legacy: Vec<String> = issued
        .iter()
        .step_by(2)
        .map(|id| format!("'{id}'"))
        .collect();
    diesel::RunQueryDsl::execute(
        diesel::sql_query(format!(
            "UPDATE permits SET police_organisation_id = NULL WHERE id IN ({})",
            legacy.join(", ")
        )),
        &mut app.db_conn(),
    )
    .expect("unaddress permits");
    // One of each kind is used, so it ranks after the waiting ones.
    for used in [&issued[0], &issued[1]] {
        let body = receipt(app.now(), "removed", &format!("R-{}", &used[..8]));
        app.receipt(&s.police, used, &body, None).await.json(201);
    }
    let mut expected: Vec<&str> = issued[2..].iter().rev().map(String::as_str).collect();
    expected.extend([issued[1].as_str(), issued[0].as_str()]);

    let mut seen: Vec<String> = Vec::new();
    let mut path = "/permits?limit=2".to_owned();
    for _ in 0..10 {
        let page = app.get_as(&s.police, &path).await.json(200);
        seen.extend(
            page["items"]
                .as_array()
                .expect("items")
                .iter()
                .map(|p| text(p, "id").to_owned()),
        );
        match page["next_cursor"].as_str() {
            Some(cursor) => path = format!("/permits?limit=2&cursor={cursor}"),
            None => break,
        }
    }
    assert_eq!(seen, expected);
    // In one page too.
    let whole = app.items(&s.police, "/permits?limit=50").await;
    assert_eq!(ids(&whole), expected);
    // Another police organisation sees none of them.
    assert!(app.items(&officer_b, "/permits").await.is_empty());
}
