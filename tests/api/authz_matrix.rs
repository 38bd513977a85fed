//! Every route in the OpenAPI document × anonymous and every role, on the caller's own and on
//! another agency's objects. A route without a row here fails the test.
//!
//! Outcome classes: `A` allowed (the call passed authentication and authorisation: anything but
//! 401/403/404), `U` 401, `F` 403, `N` 404 (another agency's object is invisible), `S` skipped
//! (covered by its own tests because calling it would sign the caller out).

use std::collections::BTreeMap;

use serde_json::{json, Value};

use crate::documents::PDF;
use crate::helpers::*;

/// Callers in column order; the administrator goes last because it may delete fixtures.
const CALLERS: [&str; 7] = [
    "anonymous",
    "directorate",
    "registry",
    "police",
    "agency",
    "other_agency",
    "admin",
];

fn rows() -> BTreeMap<&'static str, &'static str> {
    BTreeMap::from([
        ("GET /health/live", "AAAAAAA"),
        ("GET /health/ready", "AAAAAAA"),
        // Loopback clients may scrape when no METRICS_TOKEN is set (the token case has its own
        // test).
        ("GET /metrics", "AAAAAAA"),
        ("GET /api/v1/holidays", "UAAAAAA"),
        ("POST /api/v1/holidays", "UFFFFFA"),
        ("DELETE /api/v1/holidays/{id}", "UFFFFFA"),
        ("GET /api/v1/requests/{id}/sla", "UAAFANA"),
        ("GET /api/v1/reports/sla", "UAFFFFA"),
        ("POST /api/v1/auth/login", "AAAAAAA"),
        ("POST /api/v1/auth/refresh", "UUUUUUU"),
        ("POST /api/v1/auth/logout", "SSSSSSS"),
        ("POST /api/v1/auth/password", "UAAAAAA"),
        ("GET /api/v1/me", "UAAAAAA"),
        ("GET /api/v1/organisations", "UAFFFFA"),
        ("POST /api/v1/organisations", "UFFFFFA"),
        ("GET /api/v1/organisations/{id}", "UAFFFFA"),
        ("PATCH /api/v1/organisations/{id}", "UFFFFFA"),
        ("GET /api/v1/users", "UFFFFFA"),
        ("POST /api/v1/users", "UFFFFFA"),
        ("GET /api/v1/users/{id}", "UFFFFFA"),
        ("PATCH /api/v1/users/{id}", "UFFFFFA"),
        ("POST /api/v1/users/{id}/password-reset", "UFFFFFA"),
        ("POST /api/v1/requests", "UFFFAAF"),
        ("GET /api/v1/requests", "UAAFAAA"),
        ("GET /api/v1/requests/{id}", "UAAFANA"),
        ("GET /api/v1/requests/{id}/history", "UAAFANA"),
        ("POST /api/v1/requests/{id}/review", "UAFFFFF"),
        ("POST /api/v1/requests/{id}/reject", "UAFFFFF"),
        ("POST /api/v1/requests/{id}/withdraw", "UFFFANF"),
        ("POST /api/v1/requests/{id}/reopen", "UAFFFFF"),
        ("GET /api/v1/track/{tracking_code}", "AAAAAAA"),
        ("POST /api/v1/requests/{id}/documents", "UAFFANF"),
        ("GET /api/v1/requests/{id}/documents", "UAFFANA"),
        ("GET /api/v1/documents/{id}/content", "UAFFANA"),
        ("POST /api/v1/requests/{id}/document-requests", "UAFFFFF"),
        ("GET /api/v1/requests/{id}/document-requests", "UAFFANA"),
        ("POST /api/v1/requests/{id}/resubmit", "UFFFANF"),
        ("POST /api/v1/requests/{id}/permit", "UAFFFFF"),
        ("POST /api/v1/requests/{id}/registration", "UAAFFFF"),
        ("GET /api/v1/permits/verify/{permit_number}", "AAAAAAA"),
        ("GET /api/v1/permits", "UAAAAAA"),
        ("GET /api/v1/permits/{id}", "UAAAANA"),
        ("POST /api/v1/permits/{id}/receipt", "UFFAFFF"),
        ("POST /api/v1/complaints", "UAAAAAA"),
        ("GET /api/v1/complaints", "UAAAAAA"),
        ("GET /api/v1/complaints/{id}", "UANNANA"),
        ("POST /api/v1/complaints/{id}/responses", "UAFFFFA"),
        ("POST /api/v1/complaints/{id}/close", "UANNANA"),
        ("POST /api/v1/requests/{id}/feedback", "UFFFANF"),
        ("GET /api/v1/notices", "AAAAAAA"),
        ("POST /api/v1/notices", "UFFFFFA"),
        ("PATCH /api/v1/notices/{id}", "UFFFFFA"),
        ("DELETE /api/v1/notices/{id}", "UFFFFFA"),
        ("GET /api/v1/events", "UAAAAAA"),
        ("POST /api/v1/webhooks", "UFFFFFA"),
        ("GET /api/v1/webhooks", "UFFFFFA"),
        ("DELETE /api/v1/webhooks/{id}", "UFFFFFA"),
        ("POST /api/v1/webhooks/{id}/rotate-secret", "UFFFFFA"),
        ("GET /api/v1/webhooks/{id}/deliveries", "UFFFFFA"),
        (
            "POST /api/v1/webhooks/{id}/deliveries/{delivery_id}/retry",
            "UFFFFFN",
        ),
    ])
}

fn class(status: u16) -> char {
    match status {
        401 => 'U',
        403 => 'F',
        404 => 'N',
        _ => 'A',
    }
}

#[tokio::test]
async fn every_route_every_role() {
    let app = spawn_app().await;
    let c = app.cast().await;
    // Fixtures owned by agency A.
    let req = app.file_request(&c.agency_a).await;
    let rid = req["id"].as_str().unwrap().to_owned();
    let code = req["tracking_code"].as_str().unwrap().to_owned();
    let doc = expect_json(
        app.upload(
            &c.agency_a,
            &rid,
            "other",
            "a.pdf",
            "application/pdf",
            PDF.to_vec(),
        )
        .await,
        201,
    )
    .await;
    let permit_req = app.file_request(&c.agency_a).await;
    let prid = permit_req["id"].as_str().unwrap().to_owned();
    expect_json(
        app.post_action(
            &format!("/requests/{prid}/review"),
            &c.directorate,
            None,
            None,
        )
        .await,
        200,
    )
    .await;
    let permit = expect_json(
        app.post_json(&format!("/requests/{prid}/permit"), Some(&c.directorate), &json!({"national_permit_number": "NV-matrix", "valid_until": (chrono::Utc::now() + chrono::Duration::days(3)).to_rfc3339()})).await,
        201,
    )
    .await;
    let complaint = expect_json(
        app.post_json(
            "/complaints",
            Some(&c.agency_a),
            &json!({"subject": "موضوع شکایت", "body": "متن شکایت", "category": "other"}),
        )
        .await,
        201,
    )
    .await;
    let notice = expect_json(
        app.post_json("/notices", Some(&c.admin), &json!({"kind": "info", "title": "اطلاعیه", "body": "متن اطلاعیه", "starts_at": chrono::Utc::now().to_rfc3339(), "ends_at": (chrono::Utc::now() + chrono::Duration::hours(1)).to_rfc3339()})).await,
        201,
    )
    .await;
    let (spare_user, _) = app
        .create_user(&c.admin, "agency", &c.org_b, "spare-user")
        .await;
    let hook = json!({"url": "http://127.0.0.1:9/hook", "types": ["request.submitted"]});
    let webhook = expect_json(app.post_json("/webhooks", Some(&c.admin), &hook).await, 201).await;
    let doomed = expect_json(app.post_json("/webhooks", Some(&c.admin), &hook).await, 201).await;
    let holiday = expect_json(
        app.post_json(
            "/holidays",
            Some(&c.admin),
            &json!({"date": "1410/01/01", "title": "نوروز"}),
        )
        .await,
        201,
    )
    .await;

    let doc_api = plate_permits::router::openapi_doc();
    let doc_json: Value = serde_json::to_value(&doc_api).unwrap();
    let table = rows();
    let mut missing = Vec::new();
    let mut failures = Vec::new();
    for (path, item) in doc_json["paths"].as_object().unwrap() {
        for method in ["get", "post", "patch", "put", "delete"] {
            if item.get(method).is_none() {
                continue;
            }
            let key = format!("{} {}", method.to_uppercase(), path);
            let Some(expected) = table.get(key.as_str()) else {
                missing.push(key);
                continue;
            };
            let concrete = path
                .replace("{tracking_code}", &code)
                .replace("{delivery_id}", "no-such-delivery")
                .replace("{permit_number}", permit["permit_number"].as_str().unwrap())
                .replace(
                    "{id}",
                    if path.starts_with("/api/v1/organisations") {
                        &c.org_b
                    } else if path.starts_with("/api/v1/users") {
                        &spare_user
                    } else if path.starts_with("/api/v1/documents") {
                        doc["id"].as_str().unwrap()
                    } else if path.starts_with("/api/v1/permits") {
                        permit["id"].as_str().unwrap()
                    } else if path.starts_with("/api/v1/complaints") {
                        complaint["id"].as_str().unwrap()
                    } else if path.starts_with("/api/v1/holidays") {
                        holiday["id"].as_str().unwrap()
                    } else if path.starts_with("/api/v1/notices") {
                        notice["id"].as_str().unwrap()
                    } else if key == "DELETE /api/v1/webhooks/{id}" {
                        doomed["id"].as_str().unwrap()
                    } else if path.starts_with("/api/v1/webhooks") {
                        webhook["id"].as_str().unwrap()
                    } else {
                        &rid
                    },
                );
            let body = if key == "POST /api/v1/auth/login" {
                json!({"username": "admin", "password": ADMIN_PASSWORD})
            } else if key == "POST /api/v1/auth/refresh" {
                json!({"refresh_token": "rt_not-a-real-token"})
            } else if key == "POST /api/v1/auth/password" {
                json!({"current_password": "wrong-password-123", "new_password": "another-password-1"})
            } else {
                json!({})
            };
            for (i, caller) in CALLERS.iter().enumerate() {
                let want = expected.chars().nth(i).unwrap();
                if want == 'S' {
                    continue;
                }
                let token = match *caller {
                    "anonymous" => None,
                    "directorate" => Some(&c.directorate),
                    "registry" => Some(&c.registry),
                    "police" => Some(&c.police),
                    "agency" => Some(&c.agency_a),
                    "other_agency" => Some(&c.agency_b),
                    _ => Some(&c.admin),
                };
                let url = format!("{}{}", app.address, concrete);
                let mut r = app
                    .client
                    .request(method.to_uppercase().parse().unwrap(), url);
                if let Some(t) = token {
                    r = r.bearer_auth(t);
                }
                if method != "get" && method != "delete" {
                    r = r.json(&body);
                }
                let resp = r.send().await.unwrap();
                let status = resp.status().as_u16();
                assert!(status < 500, "{key} as {caller}: server error {status}");
                if class(status) != want {
                    failures.push(format!("{key} as {caller}: expected {want}, got {status}"));
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "routes without a row in the matrix: {missing:?}"
    );
    assert!(
        failures.is_empty(),
        "authorisation mismatches:\n{}",
        failures.join("\n")
    );
}
