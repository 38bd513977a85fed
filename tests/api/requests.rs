//! Requests: filing and validation, idempotency, one open request per vehicle, what each role
//! sees, search and paging, the state machine over HTTP, concurrency and public tracking.

use std::collections::HashSet;

use diesel::RunQueryDsl;
use plate_permits::domain::identity::Role;
use plate_permits::domain::status::{self, Action, Guards, RequestStatus};
use serde_json::{json, Value};

use crate::helpers::*;

#[tokio::test]
async fn a_filed_request_comes_back_canonical_with_a_tracking_code() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let (plate, vin) = random_vehicle();
    let reply = app.file(&c.agency_a, &request_body(&plate, &vin)).await;
    let (location, etag) = (reply.header("location").to_owned(), reply.header("etag"));
    assert_eq!(etag, "\"1\"");
    let body = reply.json(201);
    assert_eq!(location, format!("/api/v1/requests/{}", text(&body, "id")));
    assert_eq!(body["status"], "submitted");
    assert_eq!(body["status_label_fa"], "ثبت شده");
    let code = text(&body, "tracking_code");
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
    assert_eq!(body["letter"]["date"], "2024-03-10");
    assert_eq!(body["letter"]["date_jalali"], "1402/12/20");
    assert_eq!(body["contact"]["name"], "رضا احمدی");
    assert_eq!(body["contact"]["mobile"], "09141234567");
    assert_eq!(body["allowed_actions"], json!(["withdraw", "correct"]));
}

#[tokio::test]
async fn only_agencies_file_requests() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let reply = app.file(&c.directorate, &new_request()).await;
    reply.problem(403, "forbidden");
}

#[tokio::test]
async fn a_request_cannot_set_its_own_status() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let mut b = new_request();
    b["status"] = json!("completed");
    let body = app
        .file(&c.agency_a, &b)
        .await
        .problem(422, "validation_failed");
    assert_eq!(body["errors"][0]["field"], "status");
}

/// Each invalid value: where it goes in a valid body, the value (JSON), the field the problem
/// names and its code.
const INVALID_FIELDS: &str = r#"
/vehicle/plate         | "12 ب 345 ایران 67" | vehicle.plate         | invalid_plate
/vehicle/plate         | "garbage"           | vehicle.plate         | invalid_plate
/vehicle/vin           | "NAAM01CA9JK12345O" | vehicle.vin           | invalid_vin
/vehicle/vin           | "SHORT"             | vehicle.vin           | invalid_vin
/vehicle/engine_number | ""                  | vehicle.engine_number | required
/vehicle/make          | "  "                | vehicle.make          | required
/vehicle/year          | 1800                | vehicle.year          | invalid_year
/vehicle/year          | 2999                | vehicle.year          | invalid_year
/vehicle/vehicle_type  | "spaceship"         | vehicle.vehicle_type  | invalid_value
/reason                | "other"             | reason_details        | required
/letter/date           | "1499/01/01"        | letter.date           | future_date
/letter/date           | "1402/12/30"        | letter.date           | invalid_value
/letter/number         | ""                  | letter.number         | required
/contact/mobile        | "02112345678"       | contact.mobile        | invalid_mobile
/contact/name          | "x"                 | contact.name          | too_short
"#;

#[tokio::test]
async fn every_field_is_validated_and_named_by_its_path() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let cases: Vec<Vec<&str>> = INVALID_FIELDS
        .lines()
        .filter(|l| !l.is_empty())
        .map(|l| l.split('|').map(str::trim).collect())
        .collect();
    assert_eq!(cases.len(), 15);
    for case in cases {
        let [pointer, value, field, code] = case[..] else {
            panic!("four columns: {case:?}");
        };
        let value: Value = serde_json::from_str(value).unwrap();
        let mut body = new_request();
        *body.pointer_mut(pointer).unwrap() = value.clone();
        let reply = app.file(&c.agency_a, &body).await;
        let problem = reply.problem(422, "validation_failed");
        let errors = problem["errors"].as_array().unwrap();
        assert!(
            errors
                .iter()
                .any(|e| e["field"] == field && e["code"] == code),
            "{pointer}={value}: expected {field}/{code}, got {errors:?}"
        );
    }
}

#[tokio::test]
async fn all_invalid_fields_are_reported_at_once() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let mut body = request_body("x", "y");
    body["contact"]["mobile"] = json!("123");
    let problem = app
        .file(&c.agency_a, &body)
        .await
        .problem(422, "validation_failed");
    assert!(problem["errors"].as_array().unwrap().len() >= 3);
}

#[tokio::test]
async fn problems_are_in_english_when_asked() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let english = [("accept-language", "en")];
    let body = json!({"vehicle": {}});
    let reply = app
        .call(
            reqwest::Method::POST,
            "/requests",
            Some(&c.agency_a),
            Some(&body),
            &english,
        )
        .await;
    let problem = reply.problem(422, "validation_failed");
    assert_eq!(problem["title"], "Validation failed");
}

#[tokio::test]
async fn a_replayed_filing_gets_the_first_answer_and_files_once() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let (plate, vin) = random_vehicle();
    let body = request_body(&plate, &vin);
    let first = app.file_keyed(&c.agency_a, &body, "key-1").await;
    assert_eq!(first.status, 201);
    let again = app.file_keyed(&c.agency_a, &body, "key-1").await;
    assert_eq!(again.status, 201);
    assert_eq!(again.header("location"), first.header("location"));
    assert_eq!(again.text, first.text);
    // Only the replay says it is one.
    assert!(first.headers.get("idempotent-replayed").is_none());
    assert_eq!(again.header("idempotent-replayed"), "true");
    let list = app
        .items(&c.directorate, &format!("/requests?q={vin}"))
        .await;
    assert_eq!(list.len(), 1);
}

#[tokio::test]
async fn a_filing_key_reused_for_another_body_is_refused() {
    let app = spawn_app().await;
    let c = app.cast().await;
    app.file_keyed(&c.agency_a, &new_request(), "key-1")
        .await
        .json(201);
    let reply = app.file_keyed(&c.agency_a, &new_request(), "key-1").await;
    reply.problem(422, "idempotency_key_reused");
}

#[tokio::test]
async fn refiling_an_open_vehicle_without_a_key_names_the_open_request() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let body = new_request();
    let first = app.file_keyed(&c.agency_a, &body, "key-1").await.json(201);
    let dup = app.file(&c.agency_a, &body).await.problem(409, "duplicate");
    assert_eq!(dup["existing_tracking_code"], first["tracking_code"]);
}

#[tokio::test]
async fn idempotency_keys_belong_to_their_user() {
    let app = spawn_app().await;
    let c = app.cast().await;
    app.file_keyed(&c.agency_a, &new_request(), "key-1")
        .await
        .json(201);
    let reply = app.file_keyed(&c.agency_b, &new_request(), "key-1").await;
    assert_eq!(reply.status, 201);
}

/// Agency A files a request for a random vehicle; returns (plate, VIN, the request).
async fn one_filed(app: &TestApp, c: &Cast) -> (String, String, Value) {
    let (plate, vin) = random_vehicle();
    let created = app
        .file(&c.agency_a, &request_body(&plate, &vin))
        .await
        .json(201);
    (plate, vin, created)
}

#[tokio::test]
async fn the_same_plate_written_differently_is_a_duplicate() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let (plate, _, _) = one_filed(&app, &c).await;
    let (_, other_vin) = random_vehicle();
    let digits_plate = plate.replace(' ', "").replace("ایران", "-");
    let reply = app
        .file(&c.agency_a, &request_body(&digits_plate, &other_vin))
        .await;
    reply.problem(409, "duplicate");
}

#[tokio::test]
async fn another_agency_filing_the_same_vin_is_not_told_the_tracking_code() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let (_, vin, _) = one_filed(&app, &c).await;
    let (other_plate, _) = random_vehicle();
    let lower = request_body(&other_plate, &vin.to_lowercase());
    let dup = app
        .file(&c.agency_b, &lower)
        .await
        .problem(409, "duplicate");
    assert!(dup.get("existing_tracking_code").is_none());
}

#[tokio::test]
async fn a_withdrawn_vehicle_may_be_filed_again() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let (plate, vin, first) = one_filed(&app, &c).await;
    app.withdraw(&c.agency_a, text(&first, "id"), "اشتباه")
        .await
        .json(200);
    app.file(&c.agency_a, &request_body(&plate, &vin))
        .await
        .json(201);
}

#[tokio::test]
async fn an_agency_lists_and_searches_only_its_own_requests() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let a = app.file_request(&c.agency_a).await;
    let b = app.file_request(&c.agency_b).await;
    let list = app.items(&c.agency_b, "/requests").await;
    assert_eq!(ids(&list), [text(&b, "id")]);
    // Filtering by another organisation does not widen an agency's view.
    let path = format!("/requests?organisation_id={}", c.org_a);
    let list = app.items(&c.agency_b, &path).await;
    assert!(list.iter().all(|r| r["organisation_id"] == c.org_b));
    let path = format!("/requests?q={}", text(&a, "tracking_code"));
    assert!(app.items(&c.agency_b, &path).await.is_empty());
}

#[tokio::test]
async fn another_agencys_request_is_not_found_never_forbidden() {
    let app = spawn_app().await;
    let s = Scenario::new(&app).await.filed().await;
    let other = &s.agency_b;
    let path = format!("/requests/{}", s.id());
    app.get_as(other, &path).await.problem(404, "not_found");
    let history = format!("{path}/history");
    app.get_as(other, &history).await.problem(404, "not_found");
    app.withdraw(other, s.id(), "x")
        .await
        .problem(404, "not_found");
}

#[tokio::test]
async fn the_police_never_see_requests() {
    let app = spawn_app().await;
    let s = Scenario::new(&app).await.filed().await;
    app.get_as(&s.police, "/requests")
        .await
        .problem(403, "forbidden");
    let path = format!("/requests/{}", s.id());
    app.get_as(&s.police, &path).await.problem(403, "forbidden");
}

#[tokio::test]
async fn contact_details_are_shown_to_the_directorate_and_the_owner_not_the_registry() {
    let app = spawn_app().await;
    let s = Scenario::new(&app).await.filed().await;
    app.file_request(&s.agency_b).await;
    let list = app.items(&s.directorate, "/requests").await;
    assert_eq!(list.len(), 2);
    assert!(list[0]["contact"].is_object());
    assert!(app.request_of(&s.registry, s.id()).await["contact"].is_null());
    let own = app.request_of(&s.agency_a, s.id()).await;
    assert_eq!(own["contact"]["mobile"], "09141234567");
}

/// Five requests filed by agency A, oldest first.
async fn five_requests(app: &TestApp) -> (Cast, Vec<Value>) {
    let c = app.cast().await;
    let mut created = Vec::new();
    for _ in 0..5 {
        created.push(app.file_request(&c.agency_a).await);
    }
    (c, created)
}

#[tokio::test]
async fn requests_page_newest_first_to_the_end() {
    let app = spawn_app().await;
    let (c, created) = five_requests(&app).await;
    let mut seen = Vec::new();
    let mut path = "/requests?limit=2".to_owned();
    loop {
        let page = app.get_as(&c.agency_a, &path).await.json(200);
        seen.extend(
            ids(page["items"].as_array().unwrap())
                .into_iter()
                .map(str::to_owned),
        );
        match page["next_cursor"].as_str() {
            Some(n) => path = format!("/requests?limit=2&cursor={n}"),
            None => break,
        }
    }
    let mut want: Vec<String> = ids(&created).into_iter().map(str::to_owned).collect();
    want.reverse();
    assert_eq!(seen, want);
}

#[tokio::test]
async fn search_finds_a_request_by_plate_vin_or_tracking_code_in_any_spelling() {
    let app = spawn_app().await;
    let (c, created) = five_requests(&app).await;
    let r = &created[2];
    let parts = &r["vehicle"]["plate_parts"];
    let [first, second, region] = ["first", "second", "region"].map(|k| text(parts, k));
    let spaced = format!("{first} الف {second} ایران {region}");
    let persian_code = persian_digits(text(r, "tracking_code"));
    for q in [
        spaced,
        r["vehicle"]["plate"].as_str().unwrap().to_owned(),
        r["vehicle"]["vin"].as_str().unwrap().to_lowercase(),
        format!("{}-{}", &persian_code[..12], &persian_code[12..]),
    ] {
        let found = app.search(&c.agency_a, &q).await;
        assert_eq!(ids(&found), [text(r, "id")], "q={q}");
    }
}

#[tokio::test]
async fn requests_filter_by_status_and_by_iso_or_jalali_dates() {
    let app = spawn_app().await;
    let (c, created) = five_requests(&app).await;
    app.withdraw(&c.agency_a, text(&created[0], "id"), "x")
        .await;
    let withdrawn = app.items(&c.agency_a, "/requests?status=withdrawn").await;
    assert_eq!(withdrawn.len(), 1);
    // Dates are Tehran dates: "tomorrow" in UTC is today in Tehran from 20:30 UTC.
    let tehran = app.now().with_timezone(&chrono_tz::Asia::Tehran);
    let tomorrow = tehran.date_naive() + chrono::Duration::days(1);
    let path = format!("/requests?created_from={tomorrow}");
    assert!(app.items(&c.agency_a, &path).await.is_empty());
    let jalali = app
        .items(&c.agency_a, "/requests?created_from=1400/01/01")
        .await;
    assert_eq!(jalali.len(), 5);
}

#[tokio::test]
async fn malformed_list_queries_are_400() {
    let app = spawn_app().await;
    let c = app.cast().await;
    for query in [
        "created_from=yesterday",
        "limit=many",
        "status=lost",
        "cursor=@@@",
    ] {
        let reply = app.get_as(&c.agency_a, &format!("/requests?{query}")).await;
        reply.problem(400, "invalid_query");
    }
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

/// The actions that have their own endpoint under /requests/{id}/… and take no other input.
fn endpoint(action: Action) -> Option<(&'static str, Option<Value>)> {
    match action {
        Action::Review => Some(("review", None)),
        Action::Reject => Some((
            "reject",
            Some(json!({"reason": "دلیل رد", "reason_code": "other"})),
        )),
        Action::Withdraw => Some(("withdraw", Some(json!({"reason": "انصراف"})))),
        Action::Reopen => Some(("reopen", Some(json!({"note": "بررسی دوباره"})))),
        Action::RequestReissue => Some((
            "request-reissue",
            Some(json!({"note": "جریمه‌ها پرداخت شد"})),
        )),
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
                let id = text(&r, "id");
                if *from != RequestStatus::Submitted {
                    app.force_status(id, from.as_str());
                }
                let reply = app
                    .act(role_token(&c, *role), id, path, body.as_ref())
                    .await;
                let expected = match status::decide(*from, *action, *role, Guards::default()) {
                    Ok(_) => 200,
                    Err(status::Refusal::Forbidden) => 403,
                    Err(status::Refusal::InvalidTransition) => 409,
                };
                let what = format!("{from} --{action}--> as {role}");
                assert_eq!(reply.status, expected, "{what}: {}", reply.text);
                let after: Value = serde_json::from_str(&reply.text).unwrap();
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
            }
        }
    }
}

#[tokio::test]
async fn a_review_with_a_matching_if_match_moves_the_version_on() {
    let app = spawn_app().await;
    let s = Scenario::new(&app).await.filed().await;
    let path = format!("/requests/{}/review", s.id());
    let resp = app
        .post_action(&path, &s.directorate, None, Some("\"1\""))
        .await;
    let body = expect_json(resp, 200).await;
    assert_eq!(body["status"], "under_review");
    assert_eq!(body["version"], 2);
    assert!(body["reviewer_id"].is_string());
}

#[tokio::test]
async fn history_names_each_step_its_actor_and_note_oldest_first() {
    let app = spawn_app().await;
    let s = Scenario::new(&app).await.filed().await.reviewed().await;
    app.reject(&s.directorate, s.id(), "مدارک ناقص")
        .await
        .json(200);
    let items = app.history(&s.agency_a, s.id()).await;
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
}

#[tokio::test]
async fn a_rejected_request_is_final_and_keeps_its_tracking_code() {
    let app = spawn_app().await;
    let s = Scenario::new(&app).await.filed().await.reviewed().await;
    let s = s.rejected().await;
    let p = app
        .withdraw(&s.agency_a, s.id(), "x")
        .await
        .problem(409, "invalid_transition");
    assert_eq!(p["current_status"], "rejected");
    let now = app.request_of(&s.agency_a, s.id()).await;
    assert_eq!(now["tracking_code"], s.tracking_code());
    assert_eq!(now["allowed_actions"], json!([]));
}

#[tokio::test]
async fn history_rows_cannot_be_changed_in_the_database() {
    let app = spawn_app().await;
    let s = Scenario::new(&app).await.filed().await.reviewed().await;
    let id = s.id();
    let mut conn = app.db_conn();
    let update = format!("UPDATE request_history SET note = 'x' WHERE request_id = '{id}'");
    let err = diesel::sql_query(update).execute(&mut conn);
    assert!(err.is_err(), "history rows can be updated");
    let delete = format!("DELETE FROM request_history WHERE request_id = '{id}'");
    let err = diesel::sql_query(delete).execute(&mut conn);
    assert!(err.is_err(), "history rows can be deleted");
}

#[tokio::test]
async fn stale_if_match_is_412_and_changes_nothing() {
    let app = spawn_app().await;
    let s = Scenario::new(&app).await.filed().await;
    let path = format!("/requests/{}/review", s.id());
    let resp = app
        .post_action(&path, &s.directorate, None, Some("\"7\""))
        .await;
    expect_problem(resp, 412, "precondition_failed").await;
    let now = s.current().await;
    assert_eq!(now["status"], "submitted");
    assert_eq!(now["version"], 1);
}

#[tokio::test]
async fn two_reviewers_at_once_exactly_one_wins() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let mut tokens = vec![c.directorate.clone()];
    for i in 0..7 {
        let name = format!("rev{i}");
        let (_, t) = app
            .create_user(&c.admin, "directorate", &c.org_directorate, &name)
            .await;
        tokens.push(t);
    }
    for round in 0..3 {
        let r = app.file_request(&c.agency_a).await;
        let id = text(&r, "id");
        let path = format!("/requests/{id}/review");
        let if_match = if round == 1 { Some("\"1\"") } else { None };
        let calls = tokens
            .iter()
            .map(|t| app.post_action(&path, t, None, if_match));
        let replies = futures_util::future::join_all(calls).await;
        let statuses: Vec<u16> = replies.iter().map(|r| r.status().as_u16()).collect();
        let wins = statuses.iter().filter(|s| **s == 200).count();
        assert_eq!(wins, 1, "{statuses:?}");
        assert!(
            statuses.iter().all(|s| [200, 409, 412].contains(s)),
            "{statuses:?}"
        );
        assert_eq!(app.history(&c.directorate, id).await.len(), 2);
        assert_eq!(app.request_of(&c.directorate, id).await["version"], 2);
    }
}

#[tokio::test]
async fn public_tracking_shows_status_and_nothing_else() {
    let app = spawn_app().await;
    let s = Scenario::new(&app).await.filed().await;
    let body = app.track(s.tracking_code()).await.json(200);
    let keys: HashSet<&str> = body
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let want = [
        "tracking_code",
        "kind",
        "status",
        "status_label_fa",
        "updated_at",
        // Issue 16: every person-facing instant has its Jalali twin, this one too.
        "updated_at_jalali",
    ];
    assert_eq!(keys, HashSet::from(want));
    assert_eq!(body["kind"], "request");
    assert_eq!(body["status"], "submitted");
    assert_eq!(body["status_label_fa"], "ثبت شده");
}

#[tokio::test]
async fn tracking_reads_persian_digits_with_dashes() {
    let app = spawn_app().await;
    let s = Scenario::new(&app).await.filed().await;
    let persian = persian_digits(s.tracking_code());
    let grouped = format!("{}-{}-{}", &persian[..8], &persian[8..16], &persian[16..]);
    app.track(&urlencode(&grouped)).await.json(200);
}

#[tokio::test]
async fn a_mistyped_tracking_code_is_a_422_as_for_permits_and_an_unknown_one_404() {
    let app = spawn_app().await;
    let s = Scenario::new(&app).await.filed().await;
    let mut chars: Vec<char> = s.tracking_code().chars().collect();
    chars[3] = if chars[3] == '9' {
        '0'
    } else {
        char::from_u32(chars[3] as u32 + 1).unwrap()
    };
    let typo: String = chars.iter().collect();
    let p = app.track(&typo).await.problem(422, "invalid_code");
    assert!(text(&p, "detail").contains("کد رهگیری"), "{p}");
    app.track("000000000000").await.problem(422, "invalid_code");
    // Too short, too long, letters: the same.
    for bad in ["1234", "1234567890123", "12345678901a"] {
        app.track(bad).await.problem(422, "invalid_code");
    }
    // As for permit numbers.
    app.verify_permit(&typo).await.problem(422, "invalid_code");
    // Well formed (a right check digit) but nobody's: 404.
    app.track("123456789010").await.problem(404, "not_found");
    let english = app
        .call(
            reqwest::Method::GET,
            &format!("/track/{typo}"),
            None,
            None,
            &[("accept-language", "en")],
        )
        .await;
    let p = english.problem(422, "invalid_code");
    assert!(text(&p, "detail").contains("tracking code"), "{p}");
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
    let app = spawn_app_with(|c| c.http.public_rate_limit_per_minute = 5).await;
    for _ in 0..5 {
        app.track("123456789010").await.problem(404, "not_found");
    }
    let reply = app.track("123456789010").await;
    assert!(reply.headers.contains_key("retry-after"));
    reply.problem(429, "rate_limited");
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
            rt.block_on(walk(&app, &cast, steps));
            Ok(())
        })
        .unwrap();
    drop(app);
}

async fn walk(app: &TestApp, cast: &Cast, steps: Vec<(Action, Role)>) {
    let r = app.file_request(&cast.agency_a).await;
    let id = text(&r, "id");
    let mut model = RequestStatus::Submitted;
    let mut history_len = 1;
    for (action, role) in steps {
        let (path, body) = endpoint(action).unwrap();
        let got = app
            .act(role_token(cast, role), id, path, body.as_ref())
            .await
            .status;
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
        let now = app.request_of(&cast.directorate, id).await;
        assert_eq!(now["status"], model.as_str());
        assert_eq!(now["tracking_code"], r["tracking_code"]);
        assert_eq!(app.history(&cast.directorate, id).await.len(), history_len);
    }
}

/// Records `key` as in flight for `uid`'s filing of `body`, started just now, under the hash
/// the service keeps for the body (`http::json::parse_body`'s canonical hash).
fn record_in_flight(app: &TestApp, uid: &str, key: &str, body: &Value) {
    let (_, hash) =
        plate_permits::http::json::parse_body::<Value>(body.to_string().as_bytes()).unwrap();
    let now = app.now().naive_utc();
    let expires = now + chrono::Duration::hours(24);
    diesel::sql_query(format!(
        "INSERT INTO idempotency_keys (user_id, idem_key, endpoint, request_hash, state, created_at, expires_at) \
         VALUES ('{uid}', '{key}', 'POST /requests', '{hash}', 'in_flight', '{now}', '{expires}')"
    ))
    .execute(&mut app.db_conn())
    .unwrap();
}

/// A cast, agency A's id, and a filing body whose `key` is recorded as in flight for agency A.
async fn filing_in_flight(app: &TestApp, key: &str) -> (Cast, String, Value) {
    let c = app.cast().await;
    let uid = text(&app.me(&c.agency_a).await.json(200), "id").to_owned();
    let body = new_request();
    record_in_flight(app, &uid, key, &body);
    (c, uid, body)
}

#[tokio::test]
async fn a_key_still_in_flight_is_409() {
    let app = spawn_app().await;
    // The first attempt with this key is still running: recorded as in flight just now and, on
    // PostgreSQL, holding the key's advisory lock in a live session (this connection).
    let (c, uid, body) = filing_in_flight(&app, "busy-key").await;
    let mut owner = app.db_conn();
    let lock = plate_permits::http::idempotency::lock_key(&uid, "busy-key");
    if app.db.is_postgres() {
        diesel::sql_query(format!("SELECT pg_advisory_lock({lock})"))
            .execute(&mut owner)
            .unwrap();
    }
    let reply = app.file_keyed(&c.agency_a, &body, "busy-key").await;
    reply.problem(409, "idempotency_in_flight");
    drop(owner);
}

#[tokio::test]
async fn a_key_left_in_flight_by_a_dead_attempt_is_taken_over() {
    let app = spawn_app().await;
    // The attempt recorded the key and died (its replica crashed, or the primary failed over)
    // before its change committed: no live session holds the key's lock.
    let (c, _, body) = filing_in_flight(&app, "orphan-key").await;
    let reply = app.file_keyed(&c.agency_a, &body, "orphan-key").await;
    if app.db.is_postgres() {
        // Taken over at once, and run exactly once: the retry replays it.
        let first = reply.json(201);
        let again = app
            .file_keyed(&c.agency_a, &body, "orphan-key")
            .await
            .json(201);
        assert_eq!(first["id"], again["id"]);
    } else {
        // SQLite has no sessions to ask: the 30-second rule applies.
        reply.problem(409, "idempotency_in_flight");
    }
}

#[tokio::test]
async fn a_malformed_idempotency_key_is_400() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let reply = app.file_keyed(&c.agency_a, &new_request(), "").await;
    assert_eq!(reply.status, 400);
}
