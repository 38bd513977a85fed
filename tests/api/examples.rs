//! Examples that work: every request body and every success response of the OpenAPI document
//! has an example valid against its schema, and each request body's example, sent as documented
//! to a fresh server (path ids and the server-issued values named in `SERVER_VALUES` taken from
//! earlier answers), is answered 2xx ("Try-it-out").

use std::collections::BTreeSet;

use reqwest::Method;
use serde_json::{json, Value};

use crate::helpers::*;

const METHODS: [&str; 5] = ["get", "post", "put", "patch", "delete"];

/// The operations of `doc` with a request body, as `METHOD /path`.
fn operations_with_a_body(doc: &Value) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for m in METHODS {
            if item
                .get(m)
                .is_some_and(|op| op.get("requestBody").is_some())
            {
                out.insert(format!("{} {path}", m.to_uppercase()));
            }
        }
    }
    out
}

/// A validator for `schema` (its `$ref`s resolved in the document's components).
fn validator(doc: &Value, schema: &Value) -> jsonschema::Validator {
    let root = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "allOf": [schema],
        "components": doc["components"],
    });
    jsonschema::validator_for(&root).unwrap_or_else(|e| panic!("schema {schema}: {e}"))
}

/// What is wrong with the examples of `doc`: a body or success response without one, or one
/// its schema refuses.
fn example_faults(doc: &Value) -> (usize, Vec<String>) {
    let mut checked = 0;
    let mut faults = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for m in METHODS {
            let Some(op) = item.get(m) else { continue };
            let key = format!("{} {path}", m.to_uppercase());
            let mut contents = Vec::new();
            if let Some(content) = op["requestBody"]["content"].as_object() {
                contents.extend(content.iter().map(|(t, c)| ("body".to_owned(), t, c)));
            }
            for (status, r) in op["responses"].as_object().unwrap() {
                if !status.starts_with('2') {
                    continue;
                }
                if let Some(content) = r["content"].as_object() {
                    contents.extend(content.iter().map(|(t, c)| (status.clone(), t, c)));
                }
            }
            for (what, media, c) in contents {
                let binary = c["schema"]["format"] == "binary"
                    || media.starts_with("image/")
                    || media == "application/pdf"
                    || media.starts_with("application/vnd.openxmlformats");
                if binary {
                    continue;
                }
                checked += 1;
                let example = match (c.get("example"), c["examples"].as_object()) {
                    (Some(e), _) => e.clone(),
                    (None, Some(named)) if !named.is_empty() => {
                        named.values().next().unwrap()["value"].clone()
                    }
                    _ => {
                        faults.push(format!("{key} {what} {media}: no example"));
                        continue;
                    }
                };
                let v = validator(doc, &c["schema"]);
                let errors: Vec<String> = v
                    .iter_errors(&example)
                    .map(|e| format!("{e} at {}", e.instance_path()))
                    .collect();
                if !errors.is_empty() {
                    faults.push(format!("{key} {what} {media}: {}", errors.join("; ")));
                }
            }
        }
    }
    (checked, faults)
}

#[test]
fn every_request_body_and_success_response_has_a_valid_example() {
    let doc = serde_json::to_value(plate_permits::router::openapi_doc()).unwrap();
    let (checked, faults) = example_faults(&doc);
    assert!(checked > 100, "only {checked} bodies and responses checked");
    assert!(faults.is_empty(), "{}", faults.join("\n"));
    // The check fails on a body without one.
    let mut broken = doc.clone();
    broken["paths"]["/api/v1/requests"]["post"]["requestBody"]["content"]["application/json"]
        .as_object_mut()
        .unwrap()
        .remove("example");
    let (_, faults) = example_faults(&broken);
    assert_eq!(faults.len(), 1, "{faults:?}");
}

#[tokio::test]
async fn the_served_document_dates_its_examples_from_the_serving_day() {
    let app = spawn_app_at(tehran(2031, 5, 6, 10, 0)).await;
    let doc = expect_json(app.get_root("/api-docs/openapi.json").await, 200).await;
    let (_, faults) = example_faults(&doc);
    assert!(faults.is_empty(), "{}", faults.join("\n"));
    let body = |path: &str| {
        doc["paths"][path]["post"]["requestBody"]["content"]["application/json"]["example"].clone()
    };
    assert_eq!(
        body("/api/v1/requests/{id}/permit")["valid_until"],
        "2031-05-16"
    );
    assert!(body("/api/v1/permits/{id}/receipt")["occurred_at"]
        .as_str()
        .unwrap()
        .starts_with("2031-05-06T06:30"));
    // The committed document keeps its own fixed day.
    let committed = serde_json::to_value(plate_permits::router::openapi_doc()).unwrap();
    let committed_until = &committed["paths"]["/api/v1/requests/{id}/permit"]["post"]
        ["requestBody"]["content"]["application/json"]["example"]["valid_until"];
    assert_eq!(committed_until, "2026-01-11");
}

/// An operation's documented example, its parameters and whether it takes an
/// `Idempotency-Key`.
struct Documented {
    example: Value,
    media: String,
    keyed: bool,
}

fn documented(doc: &Value, key: &str) -> Documented {
    let (method, path) = key.split_once(' ').unwrap();
    let op = &doc["paths"][path][method.to_lowercase()];
    let content = op["requestBody"]["content"].as_object().expect(key);
    let (media, c) = content.iter().next().unwrap();
    Documented {
        example: c["example"].clone(),
        media: media.clone(),
        keyed: op["parameters"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|p| p["name"] == "Idempotency-Key"),
    }
}

/// The walk: sends each body's documented example and records what it called.
struct Walk<'a> {
    app: &'a TestApp,
    doc: Value,
    called: BTreeSet<String>,
    failures: Vec<String>,
}

impl Walk<'_> {
    /// Sends `key`'s documented example to `path` as `token`, with the server-issued values
    /// `values` in place of the example's (each must be a member of the example: only values a
    /// document cannot know are replaced). Returns the answer's body when it is 2xx.
    async fn send(
        &mut self,
        key: &str,
        path: &str,
        token: Option<&str>,
        values: &[(&str, &str)],
    ) -> Value {
        let d = documented(&self.doc, key);
        let mut body = d.example.clone();
        for (name, value) in values {
            // A name starting with `/` is a JSON pointer into the example (an item of a list).
            let slot = match name.starts_with('/') {
                true => body.pointer_mut(name),
                false => body.get_mut(*name),
            };
            let Some(slot) = slot else {
                panic!("{key}: the example has no `{name}`: {}", d.example);
            };
            *slot = Value::String((*value).to_owned());
        }
        self.called.insert(key.to_owned());
        let method: Method = key.split(' ').next().unwrap().parse().unwrap();
        let idempotency = uuid::Uuid::new_v4().to_string();
        let reply = if d.media == "application/json" {
            let mut headers = Vec::new();
            if d.keyed {
                headers.push(("idempotency-key", idempotency.as_str()));
            }
            self.app
                .call(method, path, token, Some(&body), &headers)
                .await
        } else {
            let mut req = self.app.request_checked(method, path, token).await;
            if d.keyed {
                req = req.header("idempotency-key", &idempotency);
            }
            let fields: Vec<(String, String)> = body
                .as_object()
                .expect("a form example is an object")
                .iter()
                .filter(|(k, _)| k.as_str() != "file")
                .map(|(k, v)| (k.clone(), v.as_str().map_or(v.to_string(), str::to_owned)))
                .collect();
            req = match d.media.as_str() {
                "application/x-www-form-urlencoded" => req.form(&fields),
                "multipart/form-data" => {
                    let mut form = reqwest::multipart::Form::new();
                    for (k, v) in fields {
                        form = form.text(k, v);
                    }
                    let file = reqwest::multipart::Part::bytes(PDF.to_vec())
                        .file_name("scan.pdf")
                        .mime_str("application/pdf")
                        .unwrap();
                    req.multipart(form.part("file", file))
                }
                other => panic!("{key}: media type {other}"),
            };
            Reply::read(req.send().await.expect("request")).await
        };
        if (200..300).contains(&reply.status) {
            reply.body()
        } else {
            self.failures.push(format!(
                "{key} ({path}): {} {}\n  sent {body}",
                reply.status, reply.text
            ));
            Value::Null
        }
    }
}

fn id(v: &Value) -> String {
    v["id"].as_str().unwrap_or_default().to_owned()
}

#[tokio::test]
async fn try_it_out_every_request_body_example_is_accepted_by_a_fresh_server() {
    let app = spawn_app().await;
    let s = Scenario::new(&app).await;
    let c = &s.cast;
    let doc = expect_json(app.get_root("/api-docs/openapi.json").await, 200).await;
    let mut w = Walk {
        app: &app,
        doc,
        called: BTreeSet::new(),
        failures: Vec::new(),
    };
    let admin = Some(c.admin.as_str());
    let directorate = Some(c.directorate.as_str());
    let agency = Some(c.agency_a.as_str());

    // Identity: an organisation, its user signing in, refreshing, out and changing password.
    let org = w
        .send("POST /api/v1/organisations", "/organisations", admin, &[])
        .await;
    let org = id(&org);
    w.send(
        "PATCH /api/v1/organisations/{id}",
        &format!("/organisations/{org}"),
        admin,
        &[],
    )
    .await;
    let user = w
        .send(
            "POST /api/v1/users",
            "/users",
            admin,
            &[("organisation_id", &org)],
        )
        .await;
    w.send(
        "PATCH /api/v1/users/{id}",
        &format!("/users/{}", id(&user)),
        admin,
        &[],
    )
    .await;
    let login = w
        .send("POST /api/v1/auth/login", "/auth/login", None, &[])
        .await;
    let refreshed = w
        .send(
            "POST /api/v1/auth/refresh",
            "/auth/refresh",
            None,
            &[("refresh_token", text(&login, "refresh_token"))],
        )
        .await;
    w.send(
        "POST /api/v1/auth/logout",
        "/auth/logout",
        Some(text(&refreshed, "access_token")),
        &[("refresh_token", text(&refreshed, "refresh_token"))],
    )
    .await;
    let again = w
        .send("POST /api/v1/auth/login", "/auth/login", None, &[])
        .await;
    w.send(
        "POST /api/v1/auth/password",
        "/auth/password",
        Some(text(&again, "access_token")),
        &[],
    )
    .await;

    // A police system: its service account, renamed, and its client-credentials token.
    let account = w
        .send(
            "POST /api/v1/service-accounts",
            "/service-accounts",
            admin,
            &[("organisation_id", &c.org_police)],
        )
        .await;
    w.send(
        "PATCH /api/v1/service-accounts/{id}",
        &format!("/service-accounts/{}", id(&account)),
        admin,
        &[],
    )
    .await;
    w.send(
        "POST /api/v1/auth/token",
        "/auth/token",
        None,
        &[
            ("client_id", text(&account, "client_id")),
            ("client_secret", text(&account, "client_secret")),
        ],
    )
    .await;

    // The example request's whole life: documents asked, uploaded, resubmitted, permit,
    // receipt, removal record, registration, feedback.
    let request = w
        .send("POST /api/v1/requests", "/requests", agency, &[])
        .await;
    let r = id(&request);
    app.review(&c.directorate, &r).await.json(200);
    w.send(
        "POST /api/v1/requests/{id}/document-requests",
        &format!("/requests/{r}/document-requests"),
        directorate,
        &[],
    )
    .await;
    w.send(
        "POST /api/v1/requests/{id}/documents",
        &format!("/requests/{r}/documents"),
        agency,
        &[],
    )
    .await;
    w.send(
        "POST /api/v1/requests/{id}/resubmit",
        &format!("/requests/{r}/resubmit"),
        agency,
        &[],
    )
    .await;
    if app.request_of(&c.directorate, &r).await["status"] == "submitted" {
        app.review(&c.directorate, &r).await.json(200);
    }
    let permit = w
        .send(
            "POST /api/v1/requests/{id}/permit",
            &format!("/requests/{r}/permit"),
            directorate,
            &[],
        )
        .await;
    let p = id(&permit);
    w.send(
        "POST /api/v1/permits/{id}/receipt",
        &format!("/permits/{p}/receipt"),
        Some(&c.police),
        &[],
    )
    .await;
    w.send(
        "PUT /api/v1/permits/{id}/receipt/record",
        &format!("/permits/{p}/receipt/record"),
        Some(&c.police),
        &[],
    )
    .await;
    w.send(
        "POST /api/v1/requests/{id}/registration",
        &format!("/requests/{r}/registration"),
        Some(&c.registry),
        &[],
    )
    .await;
    w.send(
        "POST /api/v1/requests/{id}/feedback",
        &format!("/requests/{r}/feedback"),
        agency,
        &[],
    )
    .await;

    // The other transitions, each on a request in the state it needs.
    let reviewed = s.another().filed().await.reviewed().await;
    w.send(
        "POST /api/v1/requests/{id}/reject",
        &format!("/requests/{}/reject", reviewed.id()),
        directorate,
        &[],
    )
    .await;
    // A correction of a filed request, a batch filed at once, and one bulk call issuing the
    // permits of two requests under review (their ids and ETags are the server's).
    let to_correct = s.another().filed().await;
    w.send(
        "PATCH /api/v1/requests/{id}",
        &format!("/requests/{}", to_correct.id()),
        agency,
        &[],
    )
    .await;
    w.send(
        "POST /api/v1/request-batches",
        "/request-batches",
        agency,
        &[],
    )
    .await;
    let first = s.another().filed().await.reviewed().await;
    let second = s.another().filed().await.reviewed().await;
    let etag = |v: &Value| format!("\"{}\"", v["version"]);
    let first_tag = etag(&app.request_of(&c.directorate, first.id()).await);
    let second_tag = etag(&app.request_of(&c.directorate, second.id()).await);
    w.send(
        "POST /api/v1/requests/bulk-actions",
        "/requests/bulk-actions",
        directorate,
        &[
            ("/items/0/request_id", first.id()),
            ("/items/0/if_match", &first_tag),
            ("/items/1/request_id", second.id()),
            ("/items/1/if_match", &second_tag),
        ],
    )
    .await;

    let filed = s.another().filed().await;
    w.send(
        "POST /api/v1/requests/{id}/withdraw",
        &format!("/requests/{}/withdraw", filed.id()),
        agency,
        &[],
    )
    .await;
    let refused = s
        .another()
        .filed()
        .await
        .reviewed()
        .await
        .permit_issued()
        .await
        .removal_refused()
        .await;
    w.send(
        "POST /api/v1/requests/{id}/request-reissue",
        &format!("/requests/{}/request-reissue", refused.id()),
        agency,
        &[],
    )
    .await;
    let refused = s
        .another()
        .filed()
        .await
        .reviewed()
        .await
        .permit_issued()
        .await
        .removal_refused()
        .await;
    w.send(
        "POST /api/v1/requests/{id}/reopen",
        &format!("/requests/{}/reopen", refused.id()),
        directorate,
        &[],
    )
    .await;
    let issued = s
        .another()
        .filed()
        .await
        .reviewed()
        .await
        .permit_issued()
        .await;
    w.send(
        "POST /api/v1/permits/{id}/revoke",
        &format!("/permits/{}/revoke", issued.permit_id()),
        directorate,
        &[],
    )
    .await;
    let held = new_request();
    app.file(&c.agency_a, &held).await.json(201);
    app.file(&c.agency_b, &held).await.problem(409, "duplicate");
    let conflicts = app
        .get_as(&c.directorate, "/vehicle-conflicts?status=open")
        .await
        .json(200);
    let conflict = conflicts["items"][0]["id"].as_str().unwrap_or_default();
    w.send(
        "POST /api/v1/vehicle-conflicts/{id}/resolve",
        &format!("/vehicle-conflicts/{conflict}/resolve"),
        directorate,
        &[],
    )
    .await;

    // Complaints, notices, webhooks, texts.
    let complaint = w
        .send("POST /api/v1/complaints", "/complaints", agency, &[])
        .await;
    w.send(
        "POST /api/v1/complaints/{id}/responses",
        &format!("/complaints/{}/responses", id(&complaint)),
        directorate,
        &[],
    )
    .await;
    let notice = w.send("POST /api/v1/notices", "/notices", admin, &[]).await;
    w.send(
        "PATCH /api/v1/notices/{id}",
        &format!("/notices/{}", id(&notice)),
        admin,
        &[],
    )
    .await;
    w.send("POST /api/v1/webhooks", "/webhooks", admin, &[])
        .await;
    w.send(
        "PUT /api/v1/sms-templates/{event}",
        "/sms-templates/filed",
        admin,
        &[],
    )
    .await;
    w.send(
        "PUT /api/v1/permit-template",
        "/permit-template",
        admin,
        &[],
    )
    .await;

    // The calendar: holidays, a provisional one confirmed, working rules, a closure.
    w.send("POST /api/v1/holidays", "/holidays", admin, &[])
        .await;
    w.send(
        "POST /api/v1/holidays/import",
        "/holidays/import",
        admin,
        &[],
    )
    .await;
    let provisional = provisional_holiday(&app, &c.admin).await;
    w.send(
        "POST /api/v1/holidays/{id}/confirm",
        &format!("/holidays/{provisional}/confirm"),
        admin,
        &[],
    )
    .await;
    let rule = w
        .send("POST /api/v1/working-rules", "/working-rules", admin, &[])
        .await;
    w.send(
        "PATCH /api/v1/working-rules/{id}",
        &format!("/working-rules/{}", id(&rule)),
        admin,
        &[],
    )
    .await;
    w.send("POST /api/v1/closures", "/closures", admin, &[])
        .await;

    let every = operations_with_a_body(&w.doc);
    let missing: Vec<&String> = every.difference(&w.called).collect();
    assert!(w.called.len() > 30, "{:?}", w.called);
    assert!(
        missing.is_empty(),
        "operations with a request body this walk does not try yet: {missing:?}"
    );
    assert!(w.failures.is_empty(), "{}", w.failures.join("\n"));
}

/// The id of a provisional (not yet confirmed) official holiday.
async fn provisional_holiday(app: &TestApp, admin: &str) -> String {
    let mut cursor = String::new();
    loop {
        let page = app
            .get_as(admin, &format!("/holidays?limit=100{cursor}"))
            .await
            .json(200);
        let items = page["items"].as_array().unwrap();
        if let Some(h) = items.iter().find(|h| h["source"] == "provisional") {
            return text(h, "id").to_owned();
        }
        match page["next_cursor"].as_str() {
            Some(c) => cursor = format!("&cursor={c}"),
            None => panic!("no provisional holiday listed"),
        }
    }
}
