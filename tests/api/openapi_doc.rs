//! The OpenAPI document is one tools accept: the properties that Redocly CLI and Spectral check
//! (`.ci/lint-openapi`), and the project's own conventions, asserted on the generated document
//! so they stay true as the API grows.

use std::collections::{BTreeMap, HashSet};

use serde_json::{json, Value};

use crate::helpers::*;

const METHODS: [&str; 5] = ["get", "post", "put", "patch", "delete"];

fn doc() -> Value {
    serde_json::to_value(plate_permits::router::openapi_doc()).unwrap()
}

/// Every operation as ("METHOD path", operation).
fn operations(doc: &Value) -> Vec<(String, &Value)> {
    let mut ops = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for m in METHODS {
            if let Some(op) = item.get(m) {
                ops.push((format!("{} {path}", m.to_uppercase()), op));
            }
        }
    }
    ops
}

fn op_by_id<'a>(doc: &'a Value, id: &str) -> Option<&'a Value> {
    operations(doc)
        .into_iter()
        .map(|(_, op)| op)
        .find(|op| op["operationId"] == id)
}

fn is_verb_resource(id: &str) -> bool {
    let parts: Vec<&str> = id.split('_').collect();
    parts.len() >= 2
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_lowercase()))
}

#[test]
fn verb_resource_pattern_is_what_it_says() {
    assert!(is_verb_resource("list_requests"));
    assert!(is_verb_resource("retry_webhook_delivery"));
    assert!(!is_verb_resource("list"));
    assert!(!is_verb_resource("get_"));
    assert!(!is_verb_resource("getRequest"));
    assert!(!is_verb_resource("list__requests"));
    assert!(!is_verb_resource("list_requests2"));
}

#[test]
fn operation_ids_are_unique_verb_resource_names() {
    let doc = doc();
    let mut seen = HashSet::new();
    for (key, op) in operations(&doc) {
        let id = op["operationId"]
            .as_str()
            .unwrap_or_else(|| panic!("{key}: no operationId"));
        assert!(
            is_verb_resource(id),
            "{key}: operationId `{id}` is not verb_resource"
        );
        assert!(
            seen.insert(id.to_owned()),
            "{key}: operationId `{id}` is used twice"
        );
    }
    for id in [
        "list_requests",
        "issue_permit",
        "verify_permit",
        "get_health_live",
    ] {
        assert!(seen.contains(id), "no operation `{id}`");
    }
}

fn collect_refs<'a>(v: &'a Value, out: &mut Vec<&'a str>) {
    match v {
        Value::Object(m) => {
            if let Some(Value::String(r)) = m.get("$ref") {
                out.push(r);
            }
            m.values().for_each(|x| collect_refs(x, out));
        }
        Value::Array(a) => a.iter().for_each(|x| collect_refs(x, out)),
        _ => {}
    }
}

#[test]
fn every_reference_resolves() {
    let doc = doc();
    let mut refs = Vec::new();
    collect_refs(&doc, &mut refs);
    assert!(
        refs.len() > 100,
        "expected many references, found {}",
        refs.len()
    );
    for r in refs {
        let pointer = r
            .strip_prefix('#')
            .unwrap_or_else(|| panic!("external reference {r}"));
        assert!(doc.pointer(pointer).is_some(), "dangling reference {r}");
    }
}

#[test]
fn every_tag_used_is_declared_with_a_description() {
    let doc = doc();
    let declared: BTreeMap<&str, &str> = doc["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["name"].as_str().unwrap(),
                t["description"].as_str().unwrap_or(""),
            )
        })
        .collect();
    let mut used = HashSet::new();
    for (key, op) in operations(&doc) {
        let tags = op["tags"]
            .as_array()
            .unwrap_or_else(|| panic!("{key}: no tag"));
        assert!(!tags.is_empty(), "{key}: no tag");
        for t in tags {
            let t = t.as_str().unwrap();
            let description = declared
                .get(t)
                .unwrap_or_else(|| panic!("{key}: tag `{t}` is not declared"));
            assert!(
                !description.trim().is_empty(),
                "tag `{t}` has no description"
            );
            used.insert(t);
        }
    }
    // The `webhooks` section's deliveries use their own declared tag.
    for (event, item) in doc["webhooks"].as_object().expect("a webhooks section") {
        for t in item["post"]["tags"].as_array().unwrap() {
            let t = t.as_str().unwrap();
            assert!(
                declared.contains_key(t),
                "webhook {event}: tag `{t}` is not declared"
            );
            used.insert(t);
        }
    }
    for t in declared.keys() {
        assert!(used.contains(t), "tag `{t}` is declared but unused");
    }
}

#[test]
fn public_operations_say_security_empty() {
    let doc = doc();
    let mut public = Vec::new();
    for (key, op) in operations(&doc) {
        let security = op["security"]
            .as_array()
            .unwrap_or_else(|| panic!("{key}: no `security`"));
        let schemes: Vec<&String> = security
            .iter()
            .flat_map(|req| req.as_object().unwrap().keys())
            .collect();
        if schemes.is_empty() {
            assert!(
                security.is_empty(),
                "{key}: `security: [{{}}]` (optional auth)"
            );
            public.push(key);
        } else {
            for s in schemes {
                assert!(
                    doc["components"]["securitySchemes"].get(s).is_some(),
                    "{key}: undeclared scheme {s}"
                );
            }
        }
    }
    for key in [
        "GET /health/live",
        "GET /health/ready",
        "POST /api/v1/auth/login",
        "POST /api/v1/auth/refresh",
        "GET /api/v1/track/{tracking_code}",
        "GET /api/v1/permits/verify/{permit_number}",
        "GET /api/v1/permits/signing-keys",
        "GET /api/v1/notices",
    ] {
        assert!(public.iter().any(|k| k == key), "{key} should be public");
    }
}

#[test]
fn summaries_are_one_short_line_and_descriptions_say_the_rest() {
    let doc = doc();
    for (key, op) in operations(&doc) {
        let summary = op["summary"]
            .as_str()
            .unwrap_or_else(|| panic!("{key}: no summary"));
        assert!(
            !summary.contains('\n') && summary.chars().count() < 80,
            "{key}: summary must be one line under 80 characters: {summary:?}"
        );
        let description = op["description"].as_str().unwrap_or("");
        assert!(!description.trim().is_empty(), "{key}: no description");
    }
}

/// Every problem response shows examples whose status is the response's (not one 422 example
/// under every status), each a real problem document.
#[test]
fn problem_responses_have_examples_of_their_own_status() {
    let doc = doc();
    assert!(
        doc["components"]["schemas"]["Problem"]
            .get("example")
            .is_none(),
        "a schema-level example would show under every status"
    );
    let mut responses: Vec<(String, &Value)> = Vec::new();
    for (key, op) in operations(&doc) {
        for (status, r) in op["responses"].as_object().unwrap() {
            let r = match r["$ref"].as_str() {
                Some(p) => doc.pointer(p.trim_start_matches('#')).unwrap(),
                None => r,
            };
            responses.push((format!("{key} {status}"), r));
        }
    }
    let mut codes = HashSet::new();
    for (key, r) in responses {
        let Some(content) = r["content"].get("application/problem+json") else {
            continue;
        };
        let status: u64 = key.rsplit(' ').next().unwrap().parse().unwrap();
        let examples = content["examples"]
            .as_object()
            .unwrap_or_else(|| panic!("{key}: problem response without examples"));
        assert!(!examples.is_empty(), "{key}: no example");
        for (name, ex) in examples {
            let v = &ex["value"];
            assert_eq!(
                v["status"], status,
                "{key}: example {name} has another status"
            );
            assert_eq!(v["code"], name.as_str(), "{key}: example {name}");
            assert!(
                v["type"].as_str().unwrap().ends_with(name.as_str()),
                "{key}: {v}"
            );
            assert!(v["errors"].is_array(), "{key}: {v}");
            codes.insert(name.clone());
        }
        assert!(
            r["headers"].get("X-Request-Id").is_some(),
            "{key}: no X-Request-Id"
        );
        if status == 429 || status == 503 {
            assert!(
                r["headers"].get("Retry-After").is_some(),
                "{key}: no Retry-After"
            );
        }
    }
    for code in [
        "not_found",
        "unauthorized",
        "validation_failed",
        "precondition_failed",
        "rate_limited",
        "invalid_credentials",
        "maintenance",
    ] {
        assert!(codes.contains(code), "no `{code}` example anywhere");
    }
}

#[test]
fn the_422_example_names_fields_in_persian() {
    let doc = doc();
    let ex = &doc["components"]["responses"]["ValidationFailed"]["content"]
        ["application/problem+json"]["examples"]["validation_failed"]["value"];
    assert_eq!(ex["errors"][0]["field"], "vehicle.plate");
    let title = ex["title"].as_str().unwrap();
    assert!(
        title
            .chars()
            .any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)),
        "title should be Persian: {title}"
    );
}

#[test]
fn response_headers_are_documented_where_sent() {
    let doc = doc();
    let headers = |id: &str, status: &str| -> Vec<String> {
        let op = op_by_id(&doc, id).unwrap_or_else(|| panic!("no operation {id}"));
        op["responses"][status]["headers"]
            .as_object()
            .unwrap_or_else(|| panic!("{id} {status}: no headers"))
            .keys()
            .cloned()
            .collect()
    };
    for (id, status, etag, location) in plate_permits::http::openapi::VERSIONED_RESPONSES {
        let h = headers(id, status);
        assert_eq!(
            h.contains(&"ETag".to_owned()),
            *etag,
            "{id} {status}: {h:?}"
        );
        assert_eq!(
            h.contains(&"Location".to_owned()),
            *location,
            "{id} {status}: {h:?}"
        );
    }
    for id in plate_permits::http::openapi::RATE_LIMITED_OPERATIONS {
        for status in ["200", "429"] {
            let h = headers(id, status);
            for name in ["RateLimit", "RateLimit-Policy", "X-Request-Id"] {
                assert!(h.contains(&name.to_owned()), "{id} {status}: no {name}");
            }
        }
        assert!(headers(id, "429").contains(&"Retry-After".to_owned()));
    }
}

#[test]
fn ids_are_uuids_lists_reference_items_and_files_are_binary() {
    let doc = doc();
    for (key, op) in operations(&doc) {
        for p in op["parameters"].as_array().into_iter().flatten() {
            let name = p["name"].as_str().unwrap();
            if p["in"] == "path" && (name == "id" || name.ends_with("_id")) {
                let holiday = key.contains("/holidays/");
                assert_eq!(
                    p["schema"]["format"] == "uuid",
                    !holiday,
                    "{key}: path parameter {name}: {}",
                    p["schema"]
                );
            }
        }
    }
    for (name, s) in doc["components"]["schemas"].as_object().unwrap() {
        if name.starts_with("Paginated_") {
            let item = name.trim_start_matches("Paginated_");
            assert_eq!(
                s["properties"]["items"]["items"]["$ref"],
                format!("#/components/schemas/{item}"),
                "{name}"
            );
        }
    }
    for schema in ["RequestView", "PermitView", "User", "Organisation"] {
        assert_eq!(
            doc["components"]["schemas"][schema]["properties"]["id"]["format"], "uuid",
            "{schema}.id"
        );
    }
    let download = &op_by_id(&doc, "download_document").unwrap()["responses"]["200"]["content"];
    // One binary media type per download, so every generator keeps it.
    assert_eq!(
        download,
        &json!({"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}})
    );
    let upload = &op_by_id(&doc, "upload_document").unwrap()["requestBody"]["content"]
        ["multipart/form-data"]["schema"]["$ref"];
    let form = doc
        .pointer(upload.as_str().unwrap().trim_start_matches('#'))
        .unwrap();
    assert_eq!(form["properties"]["file"]["format"], "binary");
    assert!(form["properties"].get("document_type").is_some());
}

/// `/permits/verify/{permit_number}` and `/permits/{id}/receipt` (and `/revoke`) look ambiguous
/// to linters (`/permits/verify/receipt` matches both templates), but the methods differ and
/// the literal segment wins: `verify` is never taken as a permit id by a GET, and a POST to
/// `/permits/verify/receipt` is the receipt route on a permit that does not exist.
#[tokio::test]
async fn the_literal_verify_segment_is_not_a_permit_id() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let (_, permit) = app.permit_for(&c).await;
    let number = permit["permit_number"].as_str().unwrap();
    let v = app.verify_permit(number).await.json(200);
    assert_eq!(v["permit_number"], number);
    app.verify_permit("receipt")
        .await
        .problem(422, "invalid_code");
    let body = json!({
        "outcome": "removed",
        "receipt_number": "R-1",
        "occurred_at": "2024-01-01T00:00:00Z",
        "plates_count": 2,
    });
    app.receipt(&c.police, "verify", &body, None)
        .await
        .problem(404, "not_found");
    app.post_as(
        &c.directorate,
        "/permits/verify/revoke",
        &json!({"reason_code": "issued_in_error"}),
    )
    .await
    .problem(404, "not_found");
    // `GET /permits/verify/print` is a verification (of the number "print"), never a printed
    // permit with the id `verify`: public, and no page.
    let reply = app.get_public("/permits/verify/print").await;
    assert_ne!(
        reply
            .headers
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("text/html; charset=utf-8")
    );
    reply.problem(422, "invalid_code");
}
