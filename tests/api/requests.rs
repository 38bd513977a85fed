//! Issue 4: requests — intake, validation, idempotency, isolation, the state machine over
//! HTTP, concurrency and public tracking.

use std::collections::HashSet;

use diesel::RunQueryDsl;
use plate_permits::domain::identity::Role;
use plate_permits::domain::status::{self, Action, Guards, RequestStatus};
use serde_json::{json, Value};

use crate::helpers::*;

#[tokio::test]
async fn agency_files_a_request_and_gets_a_tracking_code() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let (plate, vin) = random_vehicle();
    let resp = app
        .post_json("/requests", Some(&c.agency_a), &request_body(&plate, &vin))
        .await;
    assert_eq!(resp.status().as_u16(), 201);
    let location = resp.headers()["location"].to_str().unwrap().to_owned();
    assert_eq!(resp.headers()["etag"], "\"1\"");
    let body = expect_json(resp, 201).await;
    assert_eq!(
        location,
        format!("/api/v1/requests/{}", body["id"].as_str().unwrap())
    );
    assert_eq!(body["status"], "submitted");
    assert_eq!(body["status_label_fa"], "ثبت شده");
    let code = body["tracking_code"].as_str().unwrap();
    assert_eq!(code.len(), 12);
    assert!(code.chars().all(|c| c.is_ascii_digit()));
    let canonical = body["vehicle"]["plate"].as_str().unwrap();
    assert!(
        canonical.contains("الف") && canonical.contains('-'),
        "{canonical}"
    );
    assert_eq!(body["vehicle"]["plate_parts"]["letter"], "الف");
    assert_eq!(body["vehicle"]["vin"], vin);
    assert_eq!(body["letter"]["number"], "123/456");
    assert_eq!(body["letter"]["date"], "2024-11-05");
    assert_eq!(body["letter"]["date_jalali"], "1403/08/15");
    assert_eq!(body["contact"]["name"], "رضا احمدی");
    assert_eq!(body["contact"]["mobile"], "09141234567");
    assert_eq!(body["allowed_actions"], json!(["withdraw"]));
    // Only agencies file requests.
    expect_problem(
        app.post_json(
            "/requests",
            Some(&c.directorate),
            &request_body(&plate, &vin),
        )
        .await,
        403,
        "forbidden",
    )
    .await;
    // Mass assignment is refused.
    let mut b = request_body(&plate, &vin);
    b["status"] = json!("completed");
    let body = expect_problem(
        app.post_json("/requests", Some(&c.agency_a), &b).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(body["errors"][0]["field"], "status");
}

#[tokio::test]
async fn every_field_is_validated_and_named_by_its_path() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let cases: Vec<(&str, Value, &str, &str)> = vec![
        (
            "/vehicle/plate",
            json!("12 ب 345 ایران 67"),
            "vehicle.plate",
            "invalid_plate",
        ),
        (
            "/vehicle/plate",
            json!("garbage"),
            "vehicle.plate",
            "invalid_plate",
        ),
        (
            "/vehicle/vin",
            json!("NAAM01CA9JK12345O"),
            "vehicle.vin",
            "invalid_vin",
        ),
        ("/vehicle/vin", json!("SHORT"), "vehicle.vin", "invalid_vin"),
        (
            "/vehicle/engine_number",
            json!(""),
            "vehicle.engine_number",
            "required",
        ),
        ("/vehicle/make", json!("  "), "vehicle.make", "required"),
        ("/vehicle/year", json!(1800), "vehicle.year", "invalid_year"),
        ("/vehicle/year", json!(2999), "vehicle.year", "invalid_year"),
        (
            "/vehicle/vehicle_type",
            json!("spaceship"),
            "vehicle.vehicle_type",
            "invalid_value",
        ),
        ("/reason", json!("other"), "reason_details", "required"),
        (
            "/letter/date",
            json!("1499/01/01"),
            "letter.date",
            "future_date",
        ),
        (
            "/letter/date",
            json!("1402/12/30"),
            "letter.date",
            "invalid_value",
        ),
        ("/letter/number", json!(""), "letter.number", "required"),
        (
            "/contact/mobile",
            json!("02112345678"),
            "contact.mobile",
            "invalid_mobile",
        ),
        ("/contact/name", json!("x"), "contact.name", "too_short"),
    ];
    for (pointer, value, field, code) in cases {
        let (plate, vin) = random_vehicle();
        let mut body = request_body(&plate, &vin);
        *body.pointer_mut(pointer).unwrap() = value.clone();
        let resp = app.post_json("/requests", Some(&c.agency_a), &body).await;
        let problem = expect_problem(resp, 422, "validation_failed").await;
        let errors = problem["errors"].as_array().unwrap();
        assert!(
            errors
                .iter()
                .any(|e| e["field"] == field && e["code"] == code),
            "{pointer}={value}: expected {field}/{code}, got {errors:?}"
        );
    }
    // All invalid fields at once.
    let mut body = request_body("x", "y");
    body["contact"]["mobile"] = json!("123");
    let problem = expect_problem(
        app.post_json("/requests", Some(&c.agency_a), &body).await,
        422,
        "validation_failed",
    )
    .await;
    assert!(problem["errors"].as_array().unwrap().len() >= 3);
    // English messages on request.
    let resp = app
        .client
        .post(app.api("/requests"))
        .bearer_auth(&c.agency_a)
        .header("accept-language", "en")
        .json(&json!({"vehicle": {}}))
        .send()
        .await
        .unwrap();
    let problem = expect_problem(resp, 422, "validation_failed").await;
    assert_eq!(problem["title"], "Validation failed");
}

#[tokio::test]
async fn create_is_idempotent_per_key() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let (plate, vin) = random_vehicle();
    let body = request_body(&plate, &vin);
    let send = |key: &'static str, body: Value| {
        let app = &app;
        let token = c.agency_a.clone();
        async move {
            app.client
                .post(app.api("/requests"))
                .bearer_auth(token)
                .header("idempotency-key", key)
                .json(&body)
                .send()
                .await
                .unwrap()
        }
    };
    let first = send("key-1", body.clone()).await;
    assert_eq!(first.status().as_u16(), 201);
    let first_loc = first.headers()["location"].clone();
    let first_body = first.text().await.unwrap();
    let again = send("key-1", body.clone()).await;
    assert_eq!(again.status().as_u16(), 201);
    assert_eq!(again.headers()["location"], first_loc);
    assert_eq!(again.text().await.unwrap(), first_body);
    // Same key, other body.
    let (p2, v2) = random_vehicle();
    expect_problem(
        send("key-1", request_body(&p2, &v2)).await,
        422,
        "idempotency_key_reused",
    )
    .await;
    // Without a key, the same vehicle is a duplicate naming the open request.
    let dup = expect_problem(
        app.post_json("/requests", Some(&c.agency_a), &body).await,
        409,
        "duplicate",
    )
    .await;
    let first_json: Value = serde_json::from_str(&first_body).unwrap();
    assert_eq!(dup["existing_tracking_code"], first_json["tracking_code"]);
    // Keys are per user: another agency's user with the same key files its own request.
    let (p3, v3) = random_vehicle();
    let resp = app
        .client
        .post(app.api("/requests"))
        .bearer_auth(&c.agency_b)
        .header("idempotency-key", "key-1")
        .json(&request_body(&p3, &v3))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 201);
    // Exactly one request exists for the first vehicle.
    let list = expect_json(
        app.get(&format!("/requests?q={vin}"), Some(&c.directorate))
            .await,
        200,
    )
    .await;
    assert_eq!(list["items"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn one_open_request_per_vehicle() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let (plate, vin) = random_vehicle();
    let first = expect_json(
        app.post_json("/requests", Some(&c.agency_a), &request_body(&plate, &vin))
            .await,
        201,
    )
    .await;
    // Same plate written differently, other VIN.
    let (_, other_vin) = random_vehicle();
    let digits_plate = plate.replace(' ', "").replace("ایران", "-");
    expect_problem(
        app.post_json(
            "/requests",
            Some(&c.agency_a),
            &request_body(&digits_plate, &other_vin),
        )
        .await,
        409,
        "duplicate",
    )
    .await;
    // Same VIN (lower case), other plate; another agency is not told the other tracking code.
    let (other_plate, _) = random_vehicle();
    let dup = expect_problem(
        app.post_json(
            "/requests",
            Some(&c.agency_b),
            &request_body(&other_plate, &vin.to_lowercase()),
        )
        .await,
        409,
        "duplicate",
    )
    .await;
    assert!(dup.get("existing_tracking_code").is_none());
    // Once withdrawn, the vehicle may be filed again.
    let id = first["id"].as_str().unwrap();
    expect_json(
        app.post_action(
            &format!("/requests/{id}/withdraw"),
            &c.agency_a,
            Some(json!({"reason": "اشتباه"})),
            None,
        )
        .await,
        200,
    )
    .await;
    expect_json(
        app.post_json("/requests", Some(&c.agency_a), &request_body(&plate, &vin))
            .await,
        201,
    )
    .await;
}

#[tokio::test]
async fn agencies_see_only_their_own_requests() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let a = app.file_request(&c.agency_a).await;
    let b = app.file_request(&c.agency_b).await;
    let a_id = a["id"].as_str().unwrap();
    let a_code = a["tracking_code"].as_str().unwrap();
    // Lists.
    let list = expect_json(app.get("/requests", Some(&c.agency_b)).await, 200).await;
    let ids: Vec<&str> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, vec![b["id"].as_str().unwrap()]);
    // Filtering by another organisation does not widen an agency's view.
    let list = expect_json(
        app.get(
            &format!("/requests?organisation_id={}", c.org_a),
            Some(&c.agency_b),
        )
        .await,
        200,
    )
    .await;
    assert!(list["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["organisation_id"] == c.org_b));
    // Search.
    let list = expect_json(
        app.get(&format!("/requests?q={a_code}"), Some(&c.agency_b))
            .await,
        200,
    )
    .await;
    assert!(list["items"].as_array().unwrap().is_empty());
    // Detail, history, actions: 404, never 403.
    expect_problem(
        app.get(&format!("/requests/{a_id}"), Some(&c.agency_b))
            .await,
        404,
        "not_found",
    )
    .await;
    expect_problem(
        app.get(&format!("/requests/{a_id}/history"), Some(&c.agency_b))
            .await,
        404,
        "not_found",
    )
    .await;
    expect_problem(
        app.post_action(
            &format!("/requests/{a_id}/withdraw"),
            &c.agency_b,
            Some(json!({"reason": "x"})),
            None,
        )
        .await,
        404,
        "not_found",
    )
    .await;
    // Police never see requests.
    expect_problem(
        app.get("/requests", Some(&c.police)).await,
        403,
        "forbidden",
    )
    .await;
    expect_problem(
        app.get(&format!("/requests/{a_id}"), Some(&c.police)).await,
        403,
        "forbidden",
    )
    .await;
    // The directorate sees both, with contact details; the registry without them.
    let list = expect_json(app.get("/requests", Some(&c.directorate)).await, 200).await;
    assert_eq!(list["items"].as_array().unwrap().len(), 2);
    assert!(list["items"][0]["contact"].is_object());
    let one = expect_json(
        app.get(&format!("/requests/{a_id}"), Some(&c.registry))
            .await,
        200,
    )
    .await;
    assert!(one["contact"].is_null());
    // Owning agency sees its contact details.
    let one = expect_json(
        app.get(&format!("/requests/{a_id}"), Some(&c.agency_a))
            .await,
        200,
    )
    .await;
    assert_eq!(one["contact"]["mobile"], "09141234567");
}

#[tokio::test]
async fn search_filters_and_pagination() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let mut created = Vec::new();
    for _ in 0..5 {
        created.push(app.file_request(&c.agency_a).await);
    }
    // Newest first, two per page, cursors to the end.
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor {
            Some(cur) => format!("/requests?limit=2&cursor={cur}"),
            None => "/requests?limit=2".to_owned(),
        };
        let page = expect_json(app.get(&path, Some(&c.agency_a)).await, 200).await;
        for r in page["items"].as_array().unwrap() {
            seen.push(r["id"].as_str().unwrap().to_owned());
        }
        match page["next_cursor"].as_str() {
            Some(n) => cursor = Some(n.to_owned()),
            None => break,
        }
    }
    let mut want: Vec<String> = created
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect();
    want.reverse();
    assert_eq!(seen, want);
    // q by plate in another spelling, by VIN, by tracking code with Persian digits and dashes.
    let r = &created[2];
    let plate = r["vehicle"]["plate"].as_str().unwrap();
    let parts = &r["vehicle"]["plate_parts"];
    let spaced = format!(
        "{} الف {} ایران {}",
        parts["first"].as_str().unwrap(),
        parts["second"].as_str().unwrap(),
        parts["region"].as_str().unwrap()
    );
    let code = r["tracking_code"].as_str().unwrap();
    let persian_code: String = code
        .chars()
        .map(|ch| char::from_u32(0x06F0 + ch.to_digit(10).unwrap()).unwrap())
        .collect();
    for q in [
        spaced.clone(),
        plate.to_owned(),
        r["vehicle"]["vin"].as_str().unwrap().to_lowercase(),
        format!("{}-{}", &persian_code[..12], &persian_code[12..]),
    ] {
        let url =
            reqwest::Url::parse_with_params(&app.api("/requests"), &[("q", q.as_str())]).unwrap();
        let page = expect_json(
            app.client
                .get(url)
                .bearer_auth(&c.agency_a)
                .send()
                .await
                .unwrap(),
            200,
        )
        .await;
        let ids: Vec<&str> = page["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["id"].as_str().unwrap())
            .collect();
        assert_eq!(ids, vec![r["id"].as_str().unwrap()], "q={q}");
    }
    // Status and date filters (ISO and Jalali).
    let id = created[0]["id"].as_str().unwrap();
    app.post_action(
        &format!("/requests/{id}/withdraw"),
        &c.agency_a,
        Some(json!({"reason": "x"})),
        None,
    )
    .await;
    let page = expect_json(
        app.get("/requests?status=withdrawn", Some(&c.agency_a))
            .await,
        200,
    )
    .await;
    assert_eq!(page["items"].as_array().unwrap().len(), 1);
    // The service's day (Tehran), not UTC's: from 20:30 UTC on they differ.
    let today = plate_permits::clock::Clock::system(chrono_tz::Asia::Tehran).today();
    let tomorrow = today + chrono::Duration::days(1);
    let page = expect_json(
        app.get(
            &format!("/requests?created_from={tomorrow}"),
            Some(&c.agency_a),
        )
        .await,
        200,
    )
    .await;
    assert!(page["items"].as_array().unwrap().is_empty());
    let page = expect_json(
        app.get("/requests?created_from=1400/01/01", Some(&c.agency_a))
            .await,
        200,
    )
    .await;
    assert_eq!(page["items"].as_array().unwrap().len(), 5);
    expect_problem(
        app.get("/requests?created_from=yesterday", Some(&c.agency_a))
            .await,
        400,
        "invalid_query",
    )
    .await;
    expect_problem(
        app.get("/requests?limit=500", Some(&c.agency_a)).await,
        400,
        "invalid_query",
    )
    .await;
    expect_problem(
        app.get("/requests?status=lost", Some(&c.agency_a)).await,
        400,
        "invalid_query",
    )
    .await;
    expect_problem(
        app.get("/requests?cursor=@@@", Some(&c.agency_a)).await,
        400,
        "invalid_query",
    )
    .await;
}

fn role_token(c: &Cast, role: Role) -> &str {
    match role {
        Role::Agency => &c.agency_a,
        Role::Directorate => &c.directorate,
        Role::Police => &c.police,
        Role::Registry => &c.registry,
        Role::Admin => &c.admin,
    }
}

/// The actions that have their own endpoint under /requests/{id}/… in this issue.
fn endpoint(action: Action) -> Option<(&'static str, Option<Value>)> {
    match action {
        Action::Review => Some(("review", None)),
        Action::Reject => Some(("reject", Some(json!({"reason": "دلیل رد"})))),
        Action::Withdraw => Some(("withdraw", Some(json!({"reason": "انصراف"})))),
        Action::Reopen => Some(("reopen", Some(json!({"note": "بررسی دوباره"})))),
        _ => None,
    }
}

/// Every (state × action × role) for the actions above, expected outcomes from the table.
#[tokio::test]
async fn transitions_follow_the_table_for_every_state_and_role() {
    let app = spawn_app().await;
    let c = app.cast().await;
    for from in RequestStatus::ALL {
        for action in Action::ALL {
            let Some((path, body)) = endpoint(*action) else {
                continue;
            };
            for role in Role::ALL {
                let r = app.file_request(&c.agency_a).await;
                let id = r["id"].as_str().unwrap();
                if *from != RequestStatus::Submitted {
                    app.force_status(id, from.as_str());
                }
                let resp = app
                    .post_action(
                        &format!("/requests/{id}/{path}"),
                        role_token(&c, *role),
                        body.clone(),
                        None,
                    )
                    .await;
                let got = resp.status().as_u16();
                let text = resp.text().await.unwrap();
                let expected = match status::decide(*from, *action, *role, Guards::default()) {
                    Ok(_) => 200,
                    Err(status::Refusal::Forbidden) => 403,
                    Err(status::Refusal::InvalidTransition) => 409,
                };
                assert_eq!(got, expected, "{from} --{action}--> as {role}: {text}");
                let after: Value = serde_json::from_str(&text).unwrap();
                match expected {
                    200 => assert_eq!(
                        after["status"],
                        status::target(*from, *action).unwrap().as_str()
                    ),
                    409 => {
                        assert_eq!(after["code"], "invalid_transition");
                        assert_eq!(after["current_status"], from.as_str());
                    }
                    _ => assert_eq!(after["code"], "forbidden"),
                }
                // Withdraw frees the vehicle; anything left open blocks nothing (random vehicles).
            }
        }
    }
}

#[tokio::test]
async fn history_records_every_step_oldest_first() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let r = app.file_request(&c.agency_a).await;
    let id = r["id"].as_str().unwrap();
    let resp = app
        .post_action(
            &format!("/requests/{id}/review"),
            &c.directorate,
            None,
            Some("\"1\""),
        )
        .await;
    let body = expect_json(resp, 200).await;
    assert_eq!(body["status"], "under_review");
    assert_eq!(body["version"], 2);
    assert!(body["reviewer_id"].is_string());
    expect_json(
        app.post_action(
            &format!("/requests/{id}/reject"),
            &c.directorate,
            Some(json!({"reason": "مدارک ناقص"})),
            None,
        )
        .await,
        200,
    )
    .await;
    let h = expect_json(
        app.get(&format!("/requests/{id}/history"), Some(&c.agency_a))
            .await,
        200,
    )
    .await;
    let items = h["items"].as_array().unwrap();
    assert_eq!(items.len(), 3);
    assert!(items[0]["from"].is_null());
    assert_eq!(items[0]["to"], "submitted");
    assert_eq!(items[0]["actor"]["role"], "agency");
    assert_eq!(
        (items[1]["from"].as_str(), items[1]["to"].as_str()),
        (Some("submitted"), Some("under_review"))
    );
    assert_eq!(items[1]["actor"]["role"], "directorate");
    assert_eq!(items[1]["actor"]["full_name"], "کاربر reviewer");
    assert_eq!(items[2]["to"], "rejected");
    assert_eq!(items[2]["note"], "مدارک ناقص");
    // Terminal: nothing more, and the tracking code never changed.
    let resp = app
        .post_action(
            &format!("/requests/{id}/withdraw"),
            &c.agency_a,
            Some(json!({"reason": "x"})),
            None,
        )
        .await;
    let p = expect_problem(resp, 409, "invalid_transition").await;
    assert_eq!(p["current_status"], "rejected");
    let now = expect_json(
        app.get(&format!("/requests/{id}"), Some(&c.agency_a)).await,
        200,
    )
    .await;
    assert_eq!(now["tracking_code"], r["tracking_code"]);
    assert_eq!(now["allowed_actions"], json!([]));
    // History is append-only in the database itself.
    let mut conn = app.db_conn();
    let err = diesel::sql_query(format!(
        "UPDATE request_history SET note = 'x' WHERE request_id = '{id}'"
    ))
    .execute(&mut conn);
    assert!(err.is_err(), "history rows can be updated");
    let err = diesel::sql_query(format!(
        "DELETE FROM request_history WHERE request_id = '{id}'"
    ))
    .execute(&mut conn);
    assert!(err.is_err(), "history rows can be deleted");
}

#[tokio::test]
async fn stale_if_match_is_412_and_changes_nothing() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let r = app.file_request(&c.agency_a).await;
    let id = r["id"].as_str().unwrap();
    expect_problem(
        app.post_action(
            &format!("/requests/{id}/review"),
            &c.directorate,
            None,
            Some("\"7\""),
        )
        .await,
        412,
        "precondition_failed",
    )
    .await;
    let now = expect_json(
        app.get(&format!("/requests/{id}"), Some(&c.directorate))
            .await,
        200,
    )
    .await;
    assert_eq!(now["status"], "submitted");
    assert_eq!(now["version"], 1);
}

#[tokio::test]
async fn two_reviewers_at_once_exactly_one_wins() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let admin = c.admin.clone();
    let org = c.org_directorate.clone();
    let mut tokens = vec![c.directorate.clone()];
    for i in 0..7 {
        let (_, t) = app
            .create_user(&admin, "directorate", &org, &format!("rev{i}"))
            .await;
        tokens.push(t);
    }
    for round in 0..3 {
        let r = app.file_request(&c.agency_a).await;
        let id = r["id"].as_str().unwrap().to_owned();
        let app = &app;
        let futures = tokens.iter().map(|t| {
            let path = format!("/requests/{id}/review");
            let if_match = if round == 1 { Some("\"1\"") } else { None };
            async move {
                app.post_action(&path, t, None, if_match)
                    .await
                    .status()
                    .as_u16()
            }
        });
        let statuses: Vec<u16> = futures_util::future::join_all(futures).await;
        assert_eq!(
            statuses.iter().filter(|s| **s == 200).count(),
            1,
            "{statuses:?}"
        );
        assert!(
            statuses.iter().all(|s| [200, 409, 412].contains(s)),
            "{statuses:?}"
        );
        let h = expect_json(
            app.get(&format!("/requests/{id}/history"), Some(&c.directorate))
                .await,
            200,
        )
        .await;
        assert_eq!(h["items"].as_array().unwrap().len(), 2);
        let now = expect_json(
            app.get(&format!("/requests/{id}"), Some(&c.directorate))
                .await,
            200,
        )
        .await;
        assert_eq!(now["version"], 2);
    }
}

#[tokio::test]
async fn public_tracking_shows_status_and_nothing_else() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let r = app.file_request(&c.agency_a).await;
    let code = r["tracking_code"].as_str().unwrap();
    let resp = app
        .client
        .get(app.api(&format!("/track/{code}")))
        .send()
        .await
        .unwrap();
    let body = expect_json(resp, 200).await;
    let keys: HashSet<&str> = body
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        HashSet::from([
            "tracking_code",
            "kind",
            "status",
            "status_label_fa",
            "updated_at"
        ])
    );
    assert_eq!(body["kind"], "request");
    assert_eq!(body["status"], "submitted");
    assert_eq!(body["status_label_fa"], "ثبت شده");
    // Persian digits with dashes.
    let persian: String = code
        .chars()
        .map(|ch| char::from_u32(0x06F0 + ch.to_digit(10).unwrap()).unwrap())
        .collect();
    let grouped = format!("{}-{}-{}", &persian[..8], &persian[8..16], &persian[16..]);
    let url = app.api(&format!("/track/{}", urlencode(&grouped)));
    expect_json(app.client.get(url).send().await.unwrap(), 200).await;
    // A single mistyped digit or a swap of neighbours is caught.
    let mut chars: Vec<char> = code.chars().collect();
    chars[3] = if chars[3] == '9' {
        '0'
    } else {
        char::from_u32(chars[3] as u32 + 1).unwrap()
    };
    let typo: String = chars.iter().collect();
    expect_problem(
        app.client
            .get(app.api(&format!("/track/{typo}")))
            .send()
            .await
            .unwrap(),
        404,
        "not_found",
    )
    .await;
    expect_problem(
        app.client
            .get(app.api("/track/000000000000"))
            .send()
            .await
            .unwrap(),
        404,
        "not_found",
    )
    .await;
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b == b'-' {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[tokio::test]
async fn public_tracking_is_rate_limited() {
    let app = spawn_app_with(|c| c.public_rate_limit_per_minute = 5).await;
    for _ in 0..5 {
        expect_problem(
            app.client
                .get(app.api("/track/123456789012"))
                .send()
                .await
                .unwrap(),
            404,
            "not_found",
        )
        .await;
    }
    let resp = app
        .client
        .get(app.api("/track/123456789012"))
        .send()
        .await
        .unwrap();
    assert!(resp.headers().contains_key("retry-after"));
    expect_problem(resp, 429, "rate_limited").await;
}

/// Random walks of actions by random roles over HTTP, against the model: terminal states stay
/// terminal, every accepted action adds exactly one history entry, the tracking code never
/// changes.
#[test]
fn random_action_sequences_over_http_match_the_model() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let (app, cast) = rt.block_on(async {
        let app = spawn_app().await;
        let cast = app.cast().await;
        (app, cast)
    });
    let actions: Vec<Action> = Action::ALL
        .iter()
        .copied()
        .filter(|a| endpoint(*a).is_some())
        .collect();
    let mut runner = proptest::test_runner::TestRunner::new(proptest::test_runner::Config {
        cases: 12,
        failure_persistence: None,
        ..Default::default()
    });
    let strategy = proptest::collection::vec(
        (
            proptest::sample::select(actions),
            proptest::sample::select(Role::ALL.to_vec()),
        ),
        1..12,
    );
    runner
        .run(&strategy, |steps| {
            rt.block_on(async {
                let r = app.file_request(&cast.agency_a).await;
                let id = r["id"].as_str().unwrap().to_owned();
                let code = r["tracking_code"].clone();
                let mut model = RequestStatus::Submitted;
                let mut history_len = 1;
                for (action, role) in steps {
                    let (path, body) = endpoint(action).unwrap();
                    let resp = app
                        .post_action(
                            &format!("/requests/{id}/{path}"),
                            role_token(&cast, role),
                            body,
                            None,
                        )
                        .await;
                    let got = resp.status().as_u16();
                    match status::decide(model, action, role, Guards::default()) {
                        Ok(to) => {
                            assert_eq!(got, 200, "{model} {action} {role}");
                            assert!(!model.is_terminal());
                            model = to;
                            history_len += 1;
                        }
                        Err(status::Refusal::Forbidden) => assert_eq!(got, 403),
                        Err(status::Refusal::InvalidTransition) => assert_eq!(got, 409),
                    }
                    let now = expect_json(
                        app.get(&format!("/requests/{id}"), Some(&cast.directorate))
                            .await,
                        200,
                    )
                    .await;
                    assert_eq!(now["status"], model.as_str());
                    assert_eq!(now["tracking_code"], code);
                    let h = expect_json(
                        app.get(&format!("/requests/{id}/history"), Some(&cast.directorate))
                            .await,
                        200,
                    )
                    .await;
                    assert_eq!(h["items"].as_array().unwrap().len(), history_len);
                }
            });
            Ok(())
        })
        .unwrap();
    drop(app);
}

#[tokio::test]
async fn a_key_still_in_flight_is_409() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let me = expect_json(app.get("/me", Some(&c.agency_a)).await, 200).await;
    let uid = me["id"].as_str().unwrap();
    let (plate, vin) = random_vehicle();
    let body = request_body(&plate, &vin);
    // The first attempt with this key is still running (recorded as in flight just now).
    let hash = {
        use sha2::Digest;
        let canonical = {
            fn canon(v: &Value) -> String {
                match v {
                    Value::Object(m) => {
                        let mut keys: Vec<&String> = m.keys().collect();
                        keys.sort();
                        let parts: Vec<String> = keys
                            .iter()
                            .map(|k| format!("{}:{}", Value::String((*k).clone()), canon(&m[*k])))
                            .collect();
                        format!("{{{}}}", parts.join(","))
                    }
                    Value::Array(a) => {
                        format!("[{}]", a.iter().map(canon).collect::<Vec<_>>().join(","))
                    }
                    other => other.to_string(),
                }
            }
            canon(&body)
        };
        hex::encode(sha2::Sha256::digest(canonical.as_bytes()))
    };
    let now = chrono::Utc::now().naive_utc();
    let mut conn = app.db_conn();
    diesel::sql_query(format!(
        "INSERT INTO idempotency_keys (user_id, idem_key, endpoint, request_hash, state, created_at, expires_at) \
         VALUES ('{uid}', 'busy-key', 'POST /requests', '{hash}', 'in_flight', '{now}', '{}')",
        now + chrono::Duration::hours(24)
    ))
    .execute(&mut conn)
    .unwrap();
    let resp = app
        .client
        .post(app.api("/requests"))
        .bearer_auth(&c.agency_a)
        .header("idempotency-key", "busy-key")
        .json(&body)
        .send()
        .await
        .unwrap();
    expect_problem(resp, 409, "idempotency_in_flight").await;
    // A malformed key is refused outright.
    let resp = app
        .client
        .post(app.api("/requests"))
        .bearer_auth(&c.agency_a)
        .header("idempotency-key", "")
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 400);
}
