//! Every route in the OpenAPI document × anonymous and every role, on the caller's own and on
//! another agency's objects. A route without a row here fails the test.
//!
//! Service accounts (machine clients) of every role they may have — `directorate`, `registry`,
//! `police` — are callers too: each must get exactly what a user of its role gets, so their
//! expectations are read from that role's column.
//!
//! Outcome classes: `A` allowed (the call passed authentication and authorisation: anything but
//! 401/403/404), `U` 401, `F` 403, `N` 404 (another agency's object is invisible), `S` skipped
//! (covered by its own tests because calling it would sign the caller out).

use std::collections::BTreeMap;

use serde_json::{json, Value};

use crate::helpers::*;

/// Service-account callers and the user column whose expectations they share.
const SERVICE_CALLERS: [(&str, &str); 3] = [
    ("directorate_client", "directorate"),
    ("registry_client", "registry"),
    ("police_client", "police"),
];

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
        ("GET /api/v1/working-rules", "UAAAAAA"),
        ("POST /api/v1/working-rules", "UFFFFFA"),
        ("GET /api/v1/working-rules/{id}", "UAAAAAA"),
        ("PATCH /api/v1/working-rules/{id}", "UFFFFFA"),
        ("DELETE /api/v1/working-rules/{id}", "UFFFFFA"),
        ("POST /api/v1/closures", "UFFFFFA"),
        ("POST /api/v1/holidays/import", "UFFFFFA"),
        ("POST /api/v1/holidays/{id}/confirm", "UFFFFFA"),
        ("GET /api/v1/requests/{id}/sla", "UAAFANA"),
        ("GET /api/v1/reports/sla", "UAFFFFA"),
        ("GET /api/v1/reports/sla/weekly", "UAFFFFA"),
        ("POST /api/v1/auth/login", "AAAAAAA"),
        // An empty body is 400 `invalid_request` (no grant_type) whoever calls.
        ("POST /api/v1/auth/token", "AAAAAAA"),
        ("POST /api/v1/service-accounts", "UFFFFFA"),
        ("GET /api/v1/service-accounts", "UFFFFFA"),
        ("GET /api/v1/service-accounts/{id}", "UFFFFFA"),
        ("PATCH /api/v1/service-accounts/{id}", "UFFFFFA"),
        (
            "POST /api/v1/service-accounts/{id}/rotate-secret",
            "UFFFFFA",
        ),
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
        // An empty body is 422 for an agency (no vehicles); a batch is seen as its requests.
        ("POST /api/v1/request-batches", "UFFFAAF"),
        ("GET /api/v1/request-batches/{id}", "UAAFANA"),
        // An empty body is 422 for the directorate.
        ("POST /api/v1/requests/bulk-actions", "UAFFFFF"),
        ("GET /api/v1/requests", "UAAFAAA"),
        ("GET /api/v1/requests/export", "UAAFAAA"),
        ("GET /api/v1/requests/{id}", "UAAFANA"),
        ("GET /api/v1/requests/{id}/history", "UAAFANA"),
        ("GET /api/v1/requests/{id}/access-log", "UAFFFFA"),
        ("GET /api/v1/audit", "UFFFFFA"),
        ("GET /api/v1/requests/{id}/notifications", "UAFFANA"),
        ("GET /api/v1/sms-templates", "UFFFFFA"),
        ("PUT /api/v1/sms-templates/{event}", "UFFFFFA"),
        ("GET /api/v1/permit-template", "UFFFFFA"),
        ("PUT /api/v1/permit-template", "UFFFFFA"),
        ("DELETE /api/v1/permit-template", "UFFFFFA"),
        ("POST /api/v1/requests/{id}/review", "UAFFFFF"),
        ("POST /api/v1/requests/{id}/reject", "UAFFFFF"),
        ("POST /api/v1/requests/{id}/withdraw", "UFFFANF"),
        ("POST /api/v1/requests/{id}/reopen", "UAFFFFF"),
        ("POST /api/v1/requests/{id}/request-reissue", "UFFFANF"),
        // The owning agency only; another agency's request is 404.
        ("PATCH /api/v1/requests/{id}", "UFFFANF"),
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
        ("GET /api/v1/permits/signing-keys", "AAAAAAA"),
        ("GET /api/v1/permits", "UAAAAAA"),
        ("GET /api/v1/plates/check", "UAAAAAA"),
        ("GET /api/v1/permits/{id}", "UAAAANA"),
        ("GET /api/v1/permits/by-number/{permit_number}", "UAAAANA"),
        ("GET /api/v1/permits/{id}/print", "UAFAANA"),
        ("POST /api/v1/permits/{id}/receipt", "UFFAFFF"),
        // The fixture permit's receipt carries a record posted by the police column's unit.
        ("PUT /api/v1/permits/{id}/receipt/record", "UFFAFFF"),
        ("GET /api/v1/permits/{id}/receipt/record", "UAFAANA"),
        ("POST /api/v1/permits/{id}/revoke", "UAFFFFF"),
        ("POST /api/v1/complaints", "UAAAAAA"),
        ("GET /api/v1/complaints", "UAAAAAA"),
        ("GET /api/v1/complaints/{id}", "UANNANA"),
        ("POST /api/v1/complaints/{id}/responses", "UAFFFFA"),
        ("POST /api/v1/complaints/{id}/close", "UANNANA"),
        ("POST /api/v1/requests/{id}/feedback", "UFFFANF"),
        ("GET /api/v1/vehicle-conflicts", "UAFFFFA"),
        // The matrix's id names no conflict: past the role check, 404.
        ("GET /api/v1/vehicle-conflicts/{id}", "UNFFFFN"),
        // The directorate and administrators pass to the body's validation (an empty body).
        ("POST /api/v1/vehicle-conflicts/{id}/resolve", "UAFFFFA"),
        ("GET /api/v1/notices", "AAAAAAA"),
        ("GET /api/v1/notices/{id}", "AAAAAAA"),
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

/// One object of each kind, owned by agency A where an agency owns it.
struct Fixtures<'a> {
    s: Scenario<'a>,
    document: String,
    permit: Value,
    complaint: String,
    notice: String,
    spare_user: String,
    webhook: String,
    doomed_webhook: String,
    holiday: String,
    working_rule: String,
    /// A service account that is not one of the callers (the `/service-accounts/{id}` routes
    /// act on it).
    spare_client: String,
    /// Agency A's batch of one vehicle.
    batch: String,
    /// Tokens of the service-account callers, by caller name.
    client_tokens: BTreeMap<&'static str, String>,
}

async fn fixtures(app: &TestApp) -> Fixtures<'_> {
    let s = Scenario::new(app).await.filed().await;
    let doc = app.upload_pdf(&s.agency_a, s.id(), "other").await.json(201);
    let with_permit = s
        .another()
        .filed()
        .await
        .reviewed()
        .await
        .permit_issued()
        .await
        .plate_removed()
        .await;
    // The receipt's removal record, attached by the police column's unit.
    let part = reqwest::multipart::Part::bytes(PDF.to_vec())
        .file_name("record.pdf")
        .mime_str("application/pdf")
        .unwrap();
    let record = app
        .request_checked(
            reqwest::Method::PUT,
            &format!("/permits/{}/receipt/record", with_permit.permit_id()),
            Some(&s.police),
        )
        .await
        .multipart(reqwest::multipart::Form::new().part("file", part))
        .send()
        .await
        .unwrap();
    assert_eq!(record.status(), 201);
    let complaint = json!({"subject": "موضوع شکایت", "body": "متن شکایت", "category": "other"});
    let complaint = app.complain(&s.agency_a, &complaint).await.json(201);
    let notice = json!({"kind": "info", "title": "اطلاعیه", "body": "متن اطلاعیه", "starts_at": in_minutes(app.now(), 0), "ends_at": in_minutes(app.now(), 60)});
    let notice = app.post_notice(&s.admin, &notice).await.json(201);
    let (spare_user, _) = app
        .create_user(&s.admin, "agency", &s.org_b, "spare-user")
        .await;
    let hook = json!({"url": "http://127.0.0.1:9/hook", "types": ["request.submitted"]});
    let webhook = app.subscribe(&s.admin, &hook).await.json(201);
    let doomed = app.subscribe(&s.admin, &hook).await.json(201);
    let holiday = app
        .add_holiday(&s.admin, "1410/07/07", "تعطیل استانی")
        .await
        .json(201);
    let rule = json!({"kind": "closure", "title": "تعطیلی", "effective_from": "1410/01/05", "effective_to": "1410/01/05"});
    let working_rule = app
        .post_as(&s.admin, "/working-rules", &rule)
        .await
        .json(201);
    let spare_client = app
        .create_service_account(&s.admin, "police", &s.org_police, "سامانهٔ یدک")
        .await
        .id;
    let (plate, vin) = random_vehicle();
    let mut batch = request_body(&plate, &vin);
    batch["vehicles"] = json!([batch["vehicle"].take()]);
    batch.as_object_mut().unwrap().remove("vehicle");
    let batch = app
        .post_as(&s.agency_a, "/request-batches", &batch)
        .await
        .json(201);
    let mut client_tokens = BTreeMap::new();
    for (caller, role) in SERVICE_CALLERS {
        let org = if role == "police" {
            &s.org_police
        } else {
            &s.org_directorate
        };
        let (_, token) = app.service_token(&s.admin, role, org, caller).await;
        client_tokens.insert(caller, token);
    }
    let id = |v: &Value| text(v, "id").to_owned();
    Fixtures {
        spare_client,
        batch: id(&batch),
        client_tokens,
        working_rule: id(&working_rule),
        document: id(&doc),
        permit: with_permit.permit.clone(),
        complaint: id(&complaint),
        notice: id(&notice),
        spare_user,
        webhook: id(&webhook),
        doomed_webhook: id(&doomed),
        holiday: id(&holiday),
        s,
    }
}

impl Fixtures<'_> {
    /// The route `key` (`METHOD /path`) with its placeholders filled in.
    fn concrete(&self, key: &str, path: &str) -> String {
        let id = if path.starts_with("/api/v1/organisations") {
            &self.s.org_b
        } else if path.starts_with("/api/v1/users") {
            &self.spare_user
        } else if path.starts_with("/api/v1/service-accounts") {
            &self.spare_client
        } else if path.starts_with("/api/v1/documents") {
            &self.document
        } else if path.starts_with("/api/v1/permits") {
            text(&self.permit, "id")
        } else if path.starts_with("/api/v1/complaints") {
            &self.complaint
        } else if path.starts_with("/api/v1/request-batches") {
            &self.batch
        } else if path.starts_with("/api/v1/working-rules") {
            &self.working_rule
        } else if key == "POST /api/v1/holidays/{id}/confirm" {
            "p-1448-01-10"
        } else if path.starts_with("/api/v1/holidays") {
            &self.holiday
        } else if path.starts_with("/api/v1/notices") {
            &self.notice
        } else if key == "DELETE /api/v1/webhooks/{id}" {
            &self.doomed_webhook
        } else if path.starts_with("/api/v1/webhooks") {
            &self.webhook
        } else {
            self.s.id()
        };
        path.replace("{tracking_code}", self.s.tracking_code())
            .replace("{delivery_id}", "no-such-delivery")
            .replace("{event}", "filed")
            .replace("{permit_number}", text(&self.permit, "permit_number"))
            .replace("{id}", id)
    }

    fn token(&self, caller: &str) -> Option<&str> {
        let c = &self.s.cast;
        match caller {
            "anonymous" => None,
            "directorate" => Some(&c.directorate),
            "registry" => Some(&c.registry),
            "police" => Some(&c.police),
            "agency" => Some(&c.agency_a),
            "other_agency" => Some(&c.agency_b),
            "admin" => Some(&c.admin),
            client => self.client_tokens.get(client).map(String::as_str),
        }
    }
}

/// The body sent to a route: real ones where an empty body would not reach authorisation.
fn body_for(key: &str) -> Value {
    match key {
        "POST /api/v1/auth/login" => json!({"username": "admin", "password": ADMIN_PASSWORD}),
        "POST /api/v1/auth/refresh" => json!({"refresh_token": "rt_not-a-real-token"}),
        "POST /api/v1/auth/password" => {
            json!({"current_password": "wrong-password-123", "new_password": "another-password-1"})
        }
        _ => json!({}),
    }
}

#[tokio::test]
async fn every_route_every_role() {
    // The fixture webhooks point at a closed loopback port.
    let app = spawn_app_with(allow_loopback).await;
    let f = fixtures(&app).await;
    let doc_json: Value = serde_json::to_value(plate_permits::router::openapi_doc()).unwrap();
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
            let url = format!("{}{}", app.address, f.concrete(&key, path));
            let body = body_for(&key);
            let column = |role: &str| {
                let i = CALLERS.iter().position(|c| *c == role).unwrap_or(0);
                expected.chars().nth(i).unwrap_or('?')
            };
            // Every service account goes before the administrator (who may delete fixtures).
            let (users, admin) = CALLERS.split_at(CALLERS.len() - 1);
            let callers = users
                .iter()
                .map(|c| (*c, column(c)))
                .chain(SERVICE_CALLERS.iter().map(|(c, role)| (*c, column(role))))
                .chain(admin.iter().map(|c| (*c, column(c))));
            for (caller, want) in callers {
                if want == 'S' {
                    continue;
                }
                let mut r = app
                    .client
                    .request(method.to_uppercase().parse().unwrap(), &url);
                if let Some(t) = f.token(caller) {
                    r = r.bearer_auth(t);
                }
                if method != "get" && method != "delete" {
                    r = r.json(&body);
                }
                let status = r.send().await.unwrap().status().as_u16();
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

/// Every operation of the OpenAPI document as (`METHOD /path`, method, path).
fn operations() -> Vec<(String, &'static str, String)> {
    let doc: Value = serde_json::to_value(plate_permits::router::openapi_doc()).unwrap();
    let mut found = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in ["get", "post", "patch", "put", "delete"] {
            if item.get(method).is_some() {
                found.push((
                    format!("{} {}", method.to_uppercase(), path),
                    method,
                    path.clone(),
                ));
            }
        }
    }
    found
}

/// The session is checked in the request's first database call, not by the extractor: a
/// signed-out token must still be refused by every route that needs a signed-in caller, with
/// 401 whatever else is wrong with the call (a role the route refuses, a body that does not
/// validate), and must change nothing.
#[tokio::test]
async fn a_signed_out_token_is_refused_on_every_route_and_changes_nothing() {
    let app = spawn_app_with(allow_loopback).await;
    let f = fixtures(&app).await;
    let mut signed_out = Vec::new();
    for (caller, username, password) in [
        ("directorate", "reviewer", USER_PASSWORD),
        ("police", "officer", USER_PASSWORD),
        ("agency", "agency-a", USER_PASSWORD),
        ("admin", "admin", ADMIN_PASSWORD),
    ] {
        let login = app.login_ok(username, password).await;
        let body = json!({"refresh_token": login.refresh});
        app.post_as(&login.access, "/auth/logout", &body)
            .await
            .json(204);
        signed_out.push((caller, login.access));
    }
    let requests_before = app
        .items(&f.s.cast.admin, "/requests?limit=100")
        .await
        .len();
    let table = rows();
    let mut failures = Vec::new();
    let mut calls = 0;
    for (key, method, path) in operations() {
        let Some(expected) = table.get(key.as_str()) else {
            continue;
        };
        if !expected.starts_with('U') || expected.contains('S') {
            continue; // public routes take no token; `S` routes sign the caller out
        }
        let url = format!("{}{}", app.address, f.concrete(&key, &path));
        for (caller, token) in &signed_out {
            let mut r = app
                .client
                .request(method.to_uppercase().parse().unwrap(), &url)
                .bearer_auth(token);
            if method != "get" && method != "delete" {
                r = r.json(&body_for(&key));
            }
            let status = r.send().await.unwrap().status().as_u16();
            calls += 1;
            if status != 401 {
                failures.push(format!("{key} as signed-out {caller}: got {status}"));
            }
        }
    }
    assert!(calls > 200, "only {calls} calls were made");
    assert!(failures.is_empty(), "not refused:\n{}", failures.join("\n"));
    // Nothing was deleted or changed: the fixtures are all still there.
    let requests_after = app
        .items(&f.s.cast.admin, "/requests?limit=100")
        .await
        .len();
    assert_eq!(requests_before, requests_after);
    let hooks = app.get_as(&f.s.cast.admin, "/webhooks").await.json(200);
    assert!(hooks.to_string().contains(&f.doomed_webhook));
    let notices = app.get_as(&f.s.cast.admin, "/notices").await.json(200);
    assert!(notices.to_string().contains(&f.notice));
}

/// A user who must change their password reaches only the identity routes; every other route
/// answers 403 `password_change_required`, before any role or input check.
#[tokio::test]
async fn a_pending_password_change_holds_every_other_route() {
    let app = spawn_app_with(allow_loopback).await;
    let f = fixtures(&app).await;
    let body = json!({
        "username": "new-agency-user",
        "full_name": "کاربر تازه",
        "role": "agency",
        "organisation_id": f.s.cast.org_a,
    });
    let created = app
        .post_as(&f.s.cast.admin, "/users", &body)
        .await
        .json(201);
    let temporary = text(&created, "temporary_password").to_owned();
    let token = app.login_ok("new-agency-user", &temporary).await.access;
    let exempt = |key: &str| key.starts_with("POST /api/v1/auth/") || key == "GET /api/v1/me";
    let table = rows();
    let mut failures = Vec::new();
    for (key, method, path) in operations() {
        let Some(expected) = table.get(key.as_str()) else {
            continue;
        };
        if !expected.starts_with('U') || expected.contains('S') || exempt(&key) {
            continue;
        }
        let url = format!("{}{}", app.address, f.concrete(&key, &path));
        let mut r = app
            .client
            .request(method.to_uppercase().parse().unwrap(), &url)
            .bearer_auth(&token);
        if method != "get" && method != "delete" {
            r = r.json(&body_for(&key));
        }
        let reply = Reply::read(r.send().await.unwrap()).await;
        let code = reply.body()["code"].as_str().unwrap_or_default().to_owned();
        if reply.status != 403 || code != "password_change_required" {
            failures.push(format!("{key}: got {} {code}", reply.status));
        }
    }
    assert!(failures.is_empty(), "not held:\n{}", failures.join("\n"));
    app.me(&token).await.json(200);
}
