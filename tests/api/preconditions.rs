//! Calls that change a versioned resource require `If-Match` (RFC 6585): every operation the
//! OpenAPI document marks so answers 428 `precondition_required` without it (Persian by
//! default, English when asked), documents 412 and 428, and changes nothing; the same call with
//! the resource's current `ETag` gets past the precondition.

use reqwest::Method;
use serde_json::{json, Value};

use crate::helpers::*;

/// The operations whose `If-Match` parameter is required, as (`METHOD /path`, operation).
fn preconditioned() -> Vec<(String, Value)> {
    let doc: Value = serde_json::to_value(plate_permits::router::openapi_doc()).unwrap();
    let mut found = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in ["post", "put", "patch", "delete"] {
            let Some(op) = item.get(method) else { continue };
            let takes = op["parameters"]
                .as_array()
                .into_iter()
                .flatten()
                .find(|p| p["name"] == "If-Match");
            if let Some(p) = takes {
                assert_eq!(p["in"], "header", "{method} {path}");
                assert_eq!(p["required"], true, "{method} {path}: If-Match optional");
                found.push((format!("{} {path}", method.to_uppercase()), op.clone()));
            }
        }
    }
    found
}

/// One object of each kind a preconditioned operation acts on.
struct Objects<'a> {
    s: Scenario<'a>,
    /// Under review.
    reviewed: Scenario<'a>,
    /// Awaiting documents.
    asked: Scenario<'a>,
    /// Permit issued.
    issued: Scenario<'a>,
    /// Plate removed (receipt posted).
    removed: Scenario<'a>,
    complaint: String,
    notice: String,
    working_rule: String,
    /// An open vehicle conflict (agency B refused a vehicle agency A holds).
    conflict: String,
    user: String,
    client: String,
}

async fn objects(app: &TestApp) -> Objects<'_> {
    let s = Scenario::new(app).await.filed().await;
    let reviewed = s.another().filed().await.reviewed().await;
    let asked = s
        .another()
        .filed()
        .await
        .reviewed()
        .await
        .documents_asked(&["ownership_document"])
        .await;
    let issued = s
        .another()
        .filed()
        .await
        .reviewed()
        .await
        .permit_issued()
        .await;
    let removed = s
        .another()
        .filed()
        .await
        .reviewed()
        .await
        .permit_issued()
        .await
        .plate_removed()
        .await;
    let complaint = json!({"subject": "موضوع شکایت", "body": "متن شکایت", "category": "other"});
    let complaint = app.complain(&s.agency_a, &complaint).await.json(201);
    let notice = json!({"kind": "info", "title": "اطلاعیه", "body": "متن اطلاعیه", "starts_at": in_minutes(app.now(), 0), "ends_at": in_minutes(app.now(), 60)});
    let notice = app.post_notice(&s.admin, &notice).await.json(201);
    let rule = json!({"kind": "closure", "title": "تعطیلی", "effective_from": "1410/01/05", "effective_to": "1410/01/05"});
    let rule = app
        .post_as(&s.admin, "/working-rules", &rule)
        .await
        .json(201);
    let held = new_request();
    app.file(&s.agency_a, &held).await.json(201);
    app.file(&s.agency_b, &held).await.problem(409, "duplicate");
    let conflicts = app
        .get_as(&s.cast.directorate, "/vehicle-conflicts?status=open")
        .await
        .json(200);
    let conflict = conflicts["items"][0]["id"]
        .as_str()
        .expect("a recorded conflict")
        .to_owned();
    let (user, _) = app
        .create_user(&s.admin, "agency", &s.org_b, "precondition-user")
        .await;
    let client = app
        .create_service_account(&s.admin, "police", &s.org_police, "سامانهٔ آزمون")
        .await
        .id;
    Objects {
        complaint: text(&complaint, "id").to_owned(),
        notice: text(&notice, "id").to_owned(),
        working_rule: text(&rule, "id").to_owned(),
        conflict,
        user,
        client,
        s,
        reviewed,
        asked,
        issued,
        removed,
    }
}

/// What a caller allowed to make the call sends: (token, concrete path, JSON body). `None` for
/// an operation this test does not know yet (the test then fails, naming it).
fn call_for<'o>(o: &'o Objects<'_>, key: &str) -> Option<(&'o str, String, Option<Value>)> {
    let now = o.s.app.now();
    let req = |s: &Scenario<'_>, action: &str| format!("/requests/{}/{action}", s.id());
    let permit = |s: &Scenario<'_>, action: &str| format!("/permits/{}/{action}", s.permit_id());
    let c = &o.s.cast;
    Some(match key {
        "POST /api/v1/requests/{id}/review" => (c.directorate.as_str(), req(&o.s, "review"), None),
        "PATCH /api/v1/requests/{id}" => (
            &c.agency_a,
            format!("/requests/{}", o.reviewed.id()),
            Some(json!({"vehicle": {"make": "سایپا"}})),
        ),
        "POST /api/v1/requests/{id}/reject" => (
            &c.directorate,
            req(&o.reviewed, "reject"),
            Some(json!({"reason_code": "incomplete_documents", "reason": "مدارک ناقص است."})),
        ),
        "POST /api/v1/requests/{id}/withdraw" => (
            &c.agency_a,
            req(&o.s, "withdraw"),
            Some(json!({"reason": "انصراف مالک"})),
        ),
        "POST /api/v1/requests/{id}/reopen" => (
            &c.directorate,
            req(&o.s, "reopen"),
            Some(json!({"note": "بازگشایی"})),
        ),
        "POST /api/v1/requests/{id}/request-reissue" => (
            &c.agency_a,
            req(&o.s, "request-reissue"),
            Some(json!({"note": "درخواست صدور دوباره"})),
        ),
        "POST /api/v1/requests/{id}/document-requests" => (
            &c.directorate,
            req(&o.reviewed, "document-requests"),
            Some(ask_for(&["ownership_document"])),
        ),
        "POST /api/v1/requests/{id}/resubmit" => {
            (&c.agency_a, req(&o.asked, "resubmit"), Some(json!({})))
        }
        "POST /api/v1/requests/{id}/permit" => (
            &c.directorate,
            req(&o.reviewed, "permit"),
            Some(new_permit(now)),
        ),
        "POST /api/v1/requests/{id}/registration" => (
            &c.registry,
            req(&o.removed, "registration"),
            Some(registration(now, "NR-428")),
        ),
        "POST /api/v1/permits/{id}/receipt" => (
            &c.police,
            permit(&o.issued, "receipt"),
            Some(receipt(now, "removed", "R-428")),
        ),
        "POST /api/v1/permits/{id}/revoke" => (
            &c.directorate,
            permit(&o.issued, "revoke"),
            Some(json!({"reason_code": "issued_in_error", "notes": "شماره اشتباه است"})),
        ),
        // Multipart: sent by `send` below.
        "PUT /api/v1/permits/{id}/receipt/record" => {
            (&c.police, permit(&o.removed, "receipt/record"), None)
        }
        "PATCH /api/v1/users/{id}" => (
            &c.admin,
            format!("/users/{}", o.user),
            Some(json!({"full_name": "نام تازه"})),
        ),
        "PATCH /api/v1/service-accounts/{id}" => (
            &c.admin,
            format!("/service-accounts/{}", o.client),
            Some(json!({"name": "نام تازه"})),
        ),
        "POST /api/v1/service-accounts/{id}/rotate-secret" => (
            &c.admin,
            format!("/service-accounts/{}/rotate-secret", o.client),
            None,
        ),
        "PATCH /api/v1/organisations/{id}" => (
            &c.admin,
            format!("/organisations/{}", o.s.org_b),
            Some(json!({"name": "نام تازهٔ سازمان"})),
        ),
        "PATCH /api/v1/working-rules/{id}" => (
            &c.admin,
            format!("/working-rules/{}", o.working_rule),
            Some(json!({"title": "عنوان تازه"})),
        ),
        "DELETE /api/v1/working-rules/{id}" => {
            (&c.admin, format!("/working-rules/{}", o.working_rule), None)
        }
        "POST /api/v1/complaints/{id}/responses" => (
            &c.directorate,
            format!("/complaints/{}/responses", o.complaint),
            Some(json!({"body": "پاسخ اداره کل"})),
        ),
        "POST /api/v1/complaints/{id}/close" => (
            &c.agency_a,
            format!("/complaints/{}/close", o.complaint),
            None,
        ),
        "PATCH /api/v1/notices/{id}" => (
            &c.admin,
            format!("/notices/{}", o.notice),
            Some(json!({"title": "عنوان تازه"})),
        ),
        "POST /api/v1/vehicle-conflicts/{id}/resolve" => (
            &c.directorate,
            format!("/vehicle-conflicts/{}/resolve", o.conflict),
            Some(json!({"note": "درخواست دستگاه نخست برقرار ماند."})),
        ),
        _ => return None,
    })
}

/// Sends the call with the given extra headers (no `If-Match` unless among them).
async fn send(
    app: &TestApp,
    method: &Method,
    (token, path, body): &(&str, String, Option<Value>),
    headers: &[(&str, &str)],
) -> Reply {
    if path.ends_with("/receipt/record") {
        let part = reqwest::multipart::Part::bytes(PDF.to_vec())
            .file_name("record.pdf")
            .mime_str("application/pdf")
            .unwrap();
        let mut req = app
            .request(method.clone(), path, Some(token))
            .multipart(reqwest::multipart::Form::new().part("file", part));
        for (n, v) in headers {
            req = req.header(*n, *v);
        }
        return Reply::read(req.send().await.unwrap()).await;
    }
    app.call_bare(method.clone(), path, Some(token), body.as_ref(), headers)
        .await
}

#[tokio::test]
async fn every_operation_that_changes_a_versioned_resource_requires_if_match() {
    let app = spawn_app().await;
    let o = objects(&app).await;
    let ops = preconditioned();
    // Not an empty walk: the transitions, permits, receipts and PATCHes are all there.
    for key in [
        "POST /api/v1/requests/{id}/review",
        "POST /api/v1/requests/{id}/permit",
        "POST /api/v1/permits/{id}/receipt",
        "POST /api/v1/permits/{id}/revoke",
        "PUT /api/v1/permits/{id}/receipt/record",
        "POST /api/v1/requests/{id}/registration",
        "PATCH /api/v1/notices/{id}",
    ] {
        assert!(ops.iter().any(|(k, _)| k == key), "{key} takes no If-Match");
    }
    let mut unknown = Vec::new();
    let mut failures = Vec::new();
    for (key, op) in &ops {
        for status in ["412", "428"] {
            if op["responses"].get(status).is_none() {
                failures.push(format!("{key}: {status} not documented"));
            }
        }
        let Some(call) = call_for(&o, key) else {
            unknown.push(key.clone());
            continue;
        };
        let method: Method = key.split(' ').next().unwrap().parse().unwrap();
        let before = app.precondition_for(&method, &call.1, Some(call.0)).await;
        assert!(before.is_some(), "{key}: no ETag to read");

        let fa = send(&app, &method, &call, &[]).await;
        if fa.status != 428 {
            failures.push(format!(
                "{key}: {} without If-Match: {}",
                fa.status, fa.text
            ));
            continue;
        }
        let fa = fa.problem(428, "precondition_required");
        assert_eq!(fa["title"], "پیش‌شرط نسخه الزامی است", "{key}");
        assert!(
            fa["detail"].as_str().unwrap().contains("If-Match"),
            "{key}: {fa}"
        );
        let en = send(&app, &method, &call, &[("accept-language", "en")])
            .await
            .problem(428, "precondition_required");
        assert_eq!(en["title"], "Precondition required: send If-Match", "{key}");
        // Nothing changed.
        let after = app.precondition_for(&method, &call.1, Some(call.0)).await;
        assert_eq!(
            before, after,
            "{key}: the resource changed without If-Match"
        );
        // A stale tag is 412, not 428.
        let stale = send(&app, &method, &call, &[("if-match", "\"999999\"")]).await;
        if stale.status != 412 {
            failures.push(format!("{key}: {} with a stale If-Match", stale.status));
        }
    }
    assert!(
        unknown.is_empty(),
        "preconditioned operations this test does not call yet: {unknown:?}"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// With the current `ETag` (or `*`), the call goes through: the requirement is the header, not
/// an obstacle.
#[tokio::test]
async fn the_current_etag_or_a_star_passes_the_precondition() {
    let app = spawn_app().await;
    let s = Scenario::new(&app).await.filed().await;
    let path = format!("/requests/{}/review", s.id());
    let tag = app
        .precondition_for(&Method::POST, &path, Some(&s.directorate))
        .await
        .unwrap();
    assert_eq!(tag, format!("\"{}\"", s.request["version"]));
    app.call_bare(
        Method::POST,
        &path,
        Some(&s.directorate),
        None,
        &[("if-match", &tag)],
    )
    .await
    .json(200);
    let r = s.another().filed().await;
    let path = format!("/requests/{}/review", r.id());
    app.call_bare(
        Method::POST,
        &path,
        Some(&s.directorate),
        None,
        &[("if-match", "*")],
    )
    .await
    .json(200);
}
