//! Police find permits (issue 31, point 3): `GET /permits` looks up by `plate` (as typed at
//! filing, with or without the region), `permit_number`, `national_number` and `status`;
//! `GET /permits/by-number/{n}`; every list refuses an unknown query parameter (400 naming it).

use serde_json::{json, Value};

use crate::helpers::*;

/// A request of agency A with a permit issued for it.
async fn with_permit(app: &TestApp) -> Scenario<'_> {
    Scenario::new(app)
        .await
        .filed()
        .await
        .reviewed()
        .await
        .permit_issued()
        .await
}

/// The canonical plate `12الف345-67` as its parts (first, second, region).
fn plate_parts(plate: &str) -> (String, String, String) {
    let chars: Vec<char> = plate.chars().collect();
    let first: String = chars[..2].iter().collect();
    let (number, region) = plate.split_once('-').expect("canonical plate");
    let second: String = number
        .chars()
        .rev()
        .take(3)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    (first, second, region.to_owned())
}

fn enc(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

fn permit_ids(items: &[Value]) -> Vec<String> {
    items.iter().map(|p| text(p, "id").to_owned()).collect()
}

#[tokio::test]
async fn the_police_find_a_permit_by_plate_typed_as_at_filing_with_or_without_the_region() {
    let app = spawn_app().await;
    let s = with_permit(&app).await;
    let other = s
        .another()
        .filed()
        .await
        .reviewed()
        .await
        .permit_issued()
        .await;
    let plate = text(&s.permit, "plate").to_owned();
    let (first, second, region) = plate_parts(&plate);
    let typed = [
        format!(
            "{} الف {} ایران {}",
            persian_digits(&first),
            persian_digits(&second),
            persian_digits(&region)
        ),
        plate.clone(),
        format!("ایران {region} - {second} الف {first}"),
        format!("{first}-ا-{second}-{region}"),
    ];
    for p in &typed {
        let items = app
            .items(&s.police, &format!("/permits?plate={}", enc(p)))
            .await;
        assert_eq!(permit_ids(&items), [s.permit_id()], "{p}");
    }
    // Without the region: that plate in every region.
    for p in [
        format!("{} الف {}", persian_digits(&first), persian_digits(&second)),
        format!("{second} الف {first}"),
    ] {
        let items = app
            .items(&s.police, &format!("/permits?plate={}", enc(&p)))
            .await;
        assert!(
            permit_ids(&items).contains(&s.permit_id().to_owned()),
            "{p}: {items:?}"
        );
        assert!(
            !permit_ids(&items).contains(&other.permit_id().to_owned())
                || text(&other.permit, "plate").starts_with(&format!("{first}الف{second}-"))
        );
        for item in &items {
            assert!(
                text(item, "plate").starts_with(&format!("{first}الف{second}-")),
                "{item}"
            );
        }
    }
    // Not a plate: 400 naming `plate`, in Persian.
    let p = app
        .get_as(&s.police, &format!("/permits?plate={}", enc("12 الف 34")))
        .await
        .problem(400, "invalid_query");
    assert_eq!(p["errors"][0]["field"], "plate", "{p}");
    assert_eq!(p["errors"][0]["code"], "invalid_plate", "{p}");
    assert!(text(&p, "detail").contains("پلاک"), "{p}");
    // Blank is no look-up.
    let all = app.items(&s.police, "/permits?plate=").await;
    assert_eq!(all.len(), 2);
}

#[tokio::test]
async fn permit_number_national_number_and_status_narrow_the_list_and_combine() {
    let app = spawn_app().await;
    let s = with_permit(&app).await;
    let other = s
        .another()
        .filed()
        .await
        .reviewed()
        .await
        .permit_issued()
        .await;
    let number = s.permit_number().to_owned();
    // As printed: Persian digits, spaces and dashes.
    let printed = format!(
        "{} {}-{}",
        persian_digits(&number[..4]),
        &number[4..8],
        persian_digits(&number[8..])
    );
    for n in [number.clone(), printed] {
        let items = app
            .items(&s.police, &format!("/permits?permit_number={}", enc(&n)))
            .await;
        assert_eq!(permit_ids(&items), [s.permit_id()], "{n}");
    }
    let national = text(&other.permit, "national_permit_number").to_owned();
    let items = app
        .items(
            &s.directorate,
            &format!("/permits?national_number={}", enc(&national)),
        )
        .await;
    assert_eq!(permit_ids(&items), [other.permit_id()]);
    // Combined: all must match.
    let none = app
        .items(
            &s.directorate,
            &format!(
                "/permits?national_number={}&permit_number={number}",
                enc(&national)
            ),
        )
        .await;
    assert!(none.is_empty(), "{none:?}");
    let issued = app
        .items(
            &s.police,
            &format!("/permits?permit_number={number}&status=issued"),
        )
        .await;
    assert_eq!(permit_ids(&issued), [s.permit_id()]);
    let used = app
        .items(
            &s.police,
            &format!("/permits?permit_number={number}&status=used"),
        )
        .await;
    assert!(used.is_empty());
    // A wrong check digit: 400 naming the parameter.
    let last = number
        .chars()
        .last()
        .and_then(|c| c.to_digit(10))
        .unwrap_or(0);
    let wrong = format!("{}{}", &number[..11], (last + 1) % 10);
    let p = app
        .get_as(&s.police, &format!("/permits?permit_number={wrong}"))
        .await
        .problem(400, "invalid_query");
    assert_eq!(p["errors"][0]["field"], "permit_number", "{p}");
    // An agency finds only its own.
    let own = app
        .items(&s.agency_b, &format!("/permits?permit_number={number}"))
        .await;
    assert!(own.is_empty());
}

#[tokio::test]
async fn one_search_box_finds_a_permit_by_plate_or_either_number() {
    let app = spawn_app().await;
    let s = with_permit(&app).await;
    s.another()
        .filed()
        .await
        .reviewed()
        .await
        .permit_issued()
        .await;
    let plate = text(&s.permit, "plate").to_owned();
    let (first, second, region) = plate_parts(&plate);
    let national = text(&s.permit, "national_permit_number").to_owned();
    for q in [
        format!(
            "{} الف {} ایران {}",
            persian_digits(&first),
            persian_digits(&second),
            persian_digits(&region)
        ),
        persian_digits(s.permit_number()),
        national,
    ] {
        let items = app
            .items(&s.police, &format!("/permits?q={}", enc(&q)))
            .await;
        assert_eq!(permit_ids(&items), [s.permit_id()], "{q}");
    }
    let none = app.items(&s.police, "/permits?q=nothing-like-it").await;
    assert!(none.is_empty());
}

#[tokio::test]
async fn a_look_up_shows_the_police_a_revoked_permit_their_queue_leaves_out() {
    let app = spawn_app().await;
    let s = with_permit(&app).await;
    let body = json!({"reason_code": "issued_in_error", "notes": "شماره موتور اشتباه ثبت شد"});
    app.post_as(
        &s.directorate,
        &format!("/permits/{}/revoke", s.permit_id()),
        &body,
    )
    .await
    .json(200);
    let queue = app.items(&s.police, "/permits").await;
    assert!(!permit_ids(&queue).contains(&s.permit_id().to_owned()));
    let plate = text(&s.permit, "plate").to_owned();
    let found = app
        .items(&s.police, &format!("/permits?plate={}", enc(&plate)))
        .await;
    assert_eq!(permit_ids(&found), [s.permit_id()]);
    assert_eq!(found[0]["status"], "revoked");
}

#[tokio::test]
async fn a_permit_is_found_by_its_number_by_the_police_directorate_registry_and_its_agency() {
    let app = spawn_app().await;
    let s = with_permit(&app).await;
    let number = s.permit_number().to_owned();
    for token in [
        &s.police,
        &s.directorate,
        &s.registry,
        &s.admin,
        &s.agency_a,
    ] {
        let reply = app
            .get_as(token, &format!("/permits/by-number/{number}"))
            .await;
        assert!(!reply.header("etag").is_empty());
        let permit = reply.json(200);
        assert_eq!(permit["id"], s.permit_id());
    }
    // Persian digits and dashes, as read off the paper.
    let printed = enc(&format!(
        "{}-{}",
        persian_digits(&number[..6]),
        persian_digits(&number[6..])
    ));
    let permit = app
        .get_as(&s.police, &format!("/permits/by-number/{printed}"))
        .await
        .json(200);
    assert_eq!(permit["id"], s.permit_id());
    // Another agency's permit does not exist for it.
    app.get_as(&s.agency_b, &format!("/permits/by-number/{number}"))
        .await
        .problem(404, "not_found");
    // A typing mistake is 422, as at the public verification; a well-formed unknown one 404.
    let last = number
        .chars()
        .last()
        .and_then(|c| c.to_digit(10))
        .unwrap_or(0);
    let wrong = format!("{}{}", &number[..11], (last + 1) % 10);
    app.get_as(&s.police, &format!("/permits/by-number/{wrong}"))
        .await
        .problem(422, "invalid_code");
    app.get_as(&s.police, "/permits/by-number/12")
        .await
        .problem(422, "invalid_code");
    let unknown = (0..10)
        .map(|d| format!("50000000000{d}"))
        .find(|n| plate_permits::domain::tracking::TrackingCode::parse(n).is_some())
        .expect("a check digit");
    app.get_as(&s.police, &format!("/permits/by-number/{unknown}"))
        .await
        .problem(404, "not_found");
}

// ---- unknown query parameters ----------------------------------------------------------

#[tokio::test]
async fn lists_refuse_an_unknown_query_parameter_naming_it_in_persian() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let p = app
        .get_as(&c.police, "/permits?plate_no=12")
        .await
        .problem(400, "invalid_query");
    assert_eq!(p["errors"][0]["field"], "plate_no", "{p}");
    assert_eq!(p["errors"][0]["code"], "unknown_parameter", "{p}");
    let detail = text(&p, "detail");
    assert!(
        detail.contains("«plate_no»") && detail.contains("شناخته‌شده نیست"),
        "{detail}"
    );
    assert!(
        detail.contains("permit_number"),
        "the detail names the accepted ones: {detail}"
    );
    // English when asked; several unknown names are all named, once each.
    let reply = app
        .call(
            reqwest::Method::GET,
            "/requests?q=1&foo=1&bar=2&foo=3",
            Some(&c.directorate),
            None,
            &[("accept-language", "en")],
        )
        .await;
    let p = reply.problem(400, "invalid_query");
    let fields: Vec<&str> = p["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["foo", "bar"], "{p}");
    assert!(text(&p, "detail").contains("'foo', 'bar'"), "{p}");
    // Lists with no parameters at all, and others.
    for (token, path) in [
        (&c.admin, "/notices?x=1"),
        (&c.admin, "/webhooks?page=2"),
        (&c.admin, "/audit?user=1"),
        (&c.directorate, "/events?since=1"),
        (&c.admin, "/users?q=ali"),
        (&c.admin, "/organisations?name=x"),
        (&c.directorate, "/holidays?month=1"),
        (&c.directorate, "/working-rules?status=x"),
        (&c.directorate, "/complaints?q=1"),
        (&c.directorate, "/reports/sla?organisation=1"),
    ] {
        let p = app.get_as(token, path).await.problem(400, "invalid_query");
        let name = path.split_once('?').unwrap().1.split('=').next().unwrap();
        assert_eq!(p["errors"][0]["field"], name, "{path}: {p}");
    }
    // Documented parameters are accepted.
    for (token, path) in [
        (
            &c.police,
            "/permits?status=issued&limit=5&plate=&permit_number=&national_number=x&q=",
        ),
        (
            &c.directorate,
            "/requests?status=submitted&limit=5&sort=due_at",
        ),
        (&c.admin, "/users?role=agency&limit=2"),
        (&c.directorate, "/events?limit=2"),
    ] {
        app.get_as(token, path).await.json(200);
    }
}

/// Every list route in the OpenAPI document (a `GET` answering a collection, or declaring a
/// query parameter) refuses an unknown parameter with 400 naming it, and never calls a
/// documented one unknown.
#[tokio::test]
async fn every_list_route_in_the_document_refuses_unknown_and_accepts_documented_parameters() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let doc: Value = serde_json::to_value(plate_permits::router::openapi_doc()).unwrap();
    let known = plate_permits::http::query_params::KnownParams::from_openapi(
        &plate_permits::router::openapi_doc(),
    );
    let lists: Vec<(String, Vec<String>)> = known
        .routes()
        .map(|(p, params)| (p.to_owned(), params.to_vec()))
        .collect();
    for must in [
        "/api/v1/permits",
        "/api/v1/requests",
        "/api/v1/notices",
        "/api/v1/audit",
        "/api/v1/events",
        "/api/v1/webhooks",
        "/api/v1/holidays",
        "/api/v1/reports/sla",
        "/api/v1/requests/{id}/history",
    ] {
        assert!(lists.iter().any(|(p, _)| p == must), "{must} is a list");
    }
    assert!(
        !lists.iter().any(|(p, _)| p == "/api/v1/permits/{id}"),
        "one permit is not a list"
    );
    for (path, params) in &lists {
        // The 400 is documented.
        assert!(
            doc["paths"][path]["get"]["responses"].get("400").is_some(),
            "{path}: 400 not documented"
        );
        let concrete = path
            .replace("{id}", "0190aaaa-0000-7000-8000-000000000000")
            .replace("{delivery_id}", "0190aaaa-0000-7000-8000-000000000000");
        let url = format!("{}{concrete}", app.address);
        let resp = app
            .client
            .get(format!("{url}?zz_unknown=1"))
            .bearer_auth(&c.admin)
            .send()
            .await
            .unwrap();
        let reply = Reply::read(resp).await;
        let p = reply.problem(400, "invalid_query");
        assert_eq!(p["errors"][0]["field"], "zz_unknown", "{path}: {p}");
        assert_eq!(p["errors"][0]["code"], "unknown_parameter", "{path}: {p}");
        // Every documented name passes the check (its value may still be refused).
        let query: Vec<String> = params.iter().map(|n| format!("{n}=")).collect();
        let resp = app
            .client
            .get(format!("{url}?{}", query.join("&")))
            .bearer_auth(&c.admin)
            .send()
            .await
            .unwrap();
        let reply = Reply::read(resp).await;
        let body = reply.body();
        let codes: Vec<&str> = body["errors"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|e| e["code"].as_str())
            .collect();
        assert!(!codes.contains(&"unknown_parameter"), "{path}: {body}");
    }
}
