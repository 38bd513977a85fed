//! Round trips: how many SQL statements a call runs, as `/metrics` counts them
//! (`plate_permits_http_request_db_statements`). Every list runs as many statements for eleven
//! items as for one (no query per row), and a request's read is one statement (and, on
//! PostgreSQL, the pool's check-out ping), as docs/BENCHMARKS.md says.

use serde_json::{json, Value};

use crate::helpers::*;

/// The statements the `GET`s of `route` (its pattern) answered 2xx ran so far, in all.
async fn statements_so_far(app: &TestApp, route: &str) -> u64 {
    let metrics = app
        .get_root("/metrics")
        .await
        .text()
        .await
        .expect("metrics");
    let series = format!(
        "plate_permits_http_request_db_statements_sum{{method=\"GET\",route=\"{route}\",status=\"2xx\"}} "
    );
    metrics
        .lines()
        .find_map(|l| l.strip_prefix(&series))
        .map_or(0, |v| v.trim().parse().expect("a count"))
}

/// The statements one `GET path` (of the route pattern `route`) runs, as `token`, once the
/// caches it reads are warm (the same call made once before), with how many items it answered.
///
/// The fewer of two measured calls: a cached decision is read again when it turns five seconds
/// old (`decisions::MAX_AGE`), which adds a statement to whichever call it falls in, and on a
/// slow machine that can be a measured one; both of two calls in a row would need two such
/// expiries (the session's and the calendar's) milliseconds apart.
async fn statements_of(app: &TestApp, token: &str, path: &str, route: &str) -> (u64, usize) {
    app.get_as(token, path).await.json(200);
    let mut fewest = u64::MAX;
    let mut items = 0;
    for _ in 0..2 {
        let before = statements_so_far(app, route).await;
        let body = app.get_as(token, path).await.json(200);
        let after = statements_so_far(app, route).await;
        fewest = fewest.min(after - before);
        items = items_in(&body);
    }
    (fewest, items)
}

/// The items a list answered (`items`, or the body itself when it is an array; 1 otherwise).
fn items_in(body: &Value) -> usize {
    body.get("items")
        .or_else(|| body.get("requests"))
        .unwrap_or(body)
        .as_array()
        .map_or(1, Vec::len)
}

/// Every list of `lists` (`(token, path, route)`) as measured with one item (`few`) and then
/// eleven or more (`many`): the same number of statements, and more items.
fn assert_flat(lists: &[(&str, &str)], few: &[(u64, usize)], many: &[(u64, usize)]) {
    let mut grew = Vec::new();
    for (((path, _), (s1, n1)), (s2, n2)) in lists.iter().zip(few).zip(many) {
        assert!(n2 > n1, "{path}: {n1} items, then {n2}");
        if s2 != s1 {
            grew.push(format!(
                "{path}: {s1} statements for {n1} items, {s2} for {n2}"
            ));
        }
    }
    assert!(
        grew.is_empty(),
        "statements grow with the rows:\n{}",
        grew.join("\n")
    );
}

async fn measure(app: &TestApp, lists: &[(&str, &str, &str)]) -> Vec<(u64, usize)> {
    let mut out = Vec::new();
    for (token, path, route) in lists {
        out.push(statements_of(app, token, path, route).await);
    }
    out
}

fn paths<'a>(lists: &[(&'a str, &'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    lists.iter().map(|(_, p, r)| (*p, *r)).collect()
}

/// Files a request as agency A, reviews it and issues its permit.
async fn permitted(app: &TestApp, s: &Scenario<'_>) {
    app.permit_for(&s.cast).await;
}

#[tokio::test]
async fn a_request_is_read_in_one_statement() {
    let app = spawn_app().await;
    let s = Scenario::new(&app).await.filed().await;
    let path = format!("/requests/{}", s.id());
    // The pool's check-out ping on PostgreSQL (`test_on_check_out`) is a statement too.
    let ping = u64::from(app.db.is_postgres());
    for token in [&s.agency_a, &s.directorate] {
        let (statements, _) = statements_of(&app, token, &path, "/api/v1/requests/{id}").await;
        assert_eq!(statements, 1 + ping, "GET {path}");
    }
    // Another agency's request is still not found.
    app.get_as(&s.agency_b, &path)
        .await
        .problem(404, "not_found");
}

#[tokio::test]
async fn request_and_permit_lists_do_not_query_per_row() {
    let app = spawn_app().await;
    let s = Scenario::new(&app).await;
    let export = "/requests/export?format=csv";
    let lists = [
        (s.directorate.as_str(), "/requests", "/api/v1/requests"),
        (s.agency_a.as_str(), "/requests", "/api/v1/requests"),
        (
            s.directorate.as_str(),
            "/requests?q=۱۲۳/۴۵۶",
            "/api/v1/requests",
        ),
        (
            s.directorate.as_str(),
            "/requests?sort=due_at",
            "/api/v1/requests",
        ),
        (s.directorate.as_str(), "/permits", "/api/v1/permits"),
        (s.police.as_str(), "/permits", "/api/v1/permits"),
        (s.admin.as_str(), "/events", "/api/v1/events"),
        (s.agency_a.as_str(), "/events", "/api/v1/events"),
        (s.police.as_str(), "/events", "/api/v1/events"),
        (s.admin.as_str(), "/audit", "/api/v1/audit"),
    ];
    permitted(&app, &s).await;
    let few = measure(&app, &lists).await;
    let (export_few, _) =
        statements_of(&app, &s.directorate, export, "/api/v1/requests/export").await;
    for _ in 0..10 {
        permitted(&app, &s).await;
    }
    let many = measure(&app, &lists).await;
    let (export_many, _) =
        statements_of(&app, &s.directorate, export, "/api/v1/requests/export").await;
    assert_flat(&paths(&lists), &few, &many);
    assert_eq!(export_few, export_many, "{export}");
}

#[tokio::test]
async fn a_requests_own_lists_do_not_query_per_row() {
    let app = spawn_app().await;
    let one = Scenario::new(&app).await.filed().await.reviewed().await;
    let busy = one.another().filed().await.reviewed().await;
    let lists_of = |id: &str| {
        [
            "history",
            "documents",
            "document-requests",
            "notifications",
            "access-log",
        ]
        .map(|list| format!("/requests/{id}/{list}"))
    };
    // One of each on the first request; eleven or more on the second.
    for (s, rounds) in [(&one, 1), (&busy, 11)] {
        for _ in 0..rounds {
            app.ask_for_documents(&s.directorate, s.id(), &ask_for(&["ownership_document"]))
                .await
                .json(201);
            app.upload_pdf(&s.agency_a, s.id(), "ownership_document")
                .await
                .json(201);
            app.resubmit(&s.agency_a, s.id()).await.json(200);
            app.request_of(&s.directorate, s.id()).await;
        }
    }
    let routes = [
        "/api/v1/requests/{id}/history",
        "/api/v1/requests/{id}/documents",
        "/api/v1/requests/{id}/document-requests",
        "/api/v1/requests/{id}/notifications",
        "/api/v1/requests/{id}/access-log",
    ];
    let (few_paths, many_paths) = (lists_of(one.id()), lists_of(busy.id()));
    let few_lists: Vec<(&str, &str, &str)> = few_paths
        .iter()
        .zip(routes)
        .map(|(p, r)| (one.directorate.as_str(), p.as_str(), r))
        .collect();
    let many_lists: Vec<(&str, &str, &str)> = many_paths
        .iter()
        .zip(routes)
        .map(|(p, r)| (one.directorate.as_str(), p.as_str(), r))
        .collect();
    let few = measure(&app, &few_lists).await;
    let many = measure(&app, &many_lists).await;
    assert_flat(&paths(&many_lists), &few, &many);
}

#[tokio::test]
async fn administration_lists_do_not_query_per_row() {
    let app = spawn_app().await;
    let s = Scenario::new(&app).await;
    let lists = [
        (s.admin.as_str(), "/organisations", "/api/v1/organisations"),
        (s.admin.as_str(), "/users", "/api/v1/users"),
        (
            s.admin.as_str(),
            "/service-accounts",
            "/api/v1/service-accounts",
        ),
        (s.admin.as_str(), "/webhooks", "/api/v1/webhooks"),
        (s.admin.as_str(), "/notices", "/api/v1/notices"),
        (s.directorate.as_str(), "/complaints", "/api/v1/complaints"),
        (
            s.directorate.as_str(),
            "/vehicle-conflicts",
            "/api/v1/vehicle-conflicts",
        ),
    ];
    let seed = |i: usize| {
        let s = &s;
        let app = &app;
        async move {
            let org = app
                .create_org(&s.admin, "agency", &format!("سازمان {i}"))
                .await;
            app.create_user(&s.admin, "agency", &org, &format!("user-{i}"))
                .await;
            app.create_service_account(&s.admin, "police", &s.org_police, &format!("client-{i}"))
                .await;
            app.subscribe(
                &s.admin,
                &json!({"url": format!("https://rahvar.example.ir/hook/{i}"), "types": ["request.submitted"]}),
            )
            .await
            .json(201);
            let notice = json!({"kind": "info", "title": format!("اطلاعیه {i}"), "body": "ساعات کاری تغییر کرد", "starts_at": in_minutes(app.now(), -5), "ends_at": in_minutes(app.now(), 60)});
            app.post_notice(&s.admin, &notice).await.json(201);
            let complaint =
                json!({"subject": format!("شکایت {i}"), "body": "متن شکایت", "category": "other"});
            app.complain(&s.agency_a, &complaint).await.json(201);
            // Agency B files a vehicle agency A's open request holds: a conflict.
            let body = new_request();
            app.file(&s.agency_a, &body).await.json(201);
            app.file(&s.agency_b, &body).await.problem(409, "duplicate");
        }
    };
    seed(0).await;
    let few = measure(&app, &lists).await;
    for i in 1..=10 {
        seed(i).await;
    }
    let many = measure(&app, &lists).await;
    assert_flat(&paths(&lists), &few, &many);
}

#[tokio::test]
async fn a_batch_is_read_in_as_many_statements_for_eleven_vehicles_as_for_one() {
    let app = spawn_app().await;
    let s = Scenario::new(&app).await;
    let batch = |n: usize| {
        let vehicles: Vec<Value> = (0..n)
            .map(|_| {
                let (plate, vin) = random_vehicle();
                let mut v = request_body(&plate, &vin)["vehicle"].clone();
                v["plate"] = json!(plate);
                v
            })
            .collect();
        json!({
            "reason": "auction_sale",
            "letter": {"number": "۱۲۳/۴۵۶", "date": "1402/12/20"},
            "contact": {"name": "رضا احمدی", "mobile": "۰۹۱۴۱۲۳۴۵۶۷"},
            "representative": {"full_name": "علی رضایی", "national_code": "0012345679"},
            "vehicles": vehicles
        })
    };
    let one = app
        .post_as(&s.agency_a, "/request-batches", &batch(1))
        .await
        .json(201);
    let eleven = app
        .post_as(&s.agency_a, "/request-batches", &batch(11))
        .await
        .json(201);
    let route = "/api/v1/request-batches/{id}";
    let path = |b: &Value| format!("/request-batches/{}", text(b, "id"));
    let (few, _) = statements_of(&app, &s.directorate, &path(&one), route).await;
    let (many, _) = statements_of(&app, &s.directorate, &path(&eleven), route).await;
    assert_eq!(
        few, many,
        "a batch of one: {few} statements; of eleven: {many}"
    );
}
