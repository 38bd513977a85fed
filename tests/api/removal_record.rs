//! The removal record (issue 31, point 4): the police attach the signed صورتجلسه فک پلاک to
//! their removal receipt (same sniffing, limits and storage as documents), may replace it until
//! the removal is registered, and the directorate, the owning agency and the posting police
//! unit see it in the permit and download it with the documents' safe headers.

use reqwest::Method;
use serde_json::Value;

use crate::helpers::*;

async fn put_record(
    app: &TestApp,
    token: &str,
    permit_id: &str,
    (filename, mime, bytes): (&str, &str, &[u8]),
    if_match: Option<&str>,
) -> Reply {
    let part = reqwest::multipart::Part::bytes(bytes.to_vec())
        .file_name(filename.to_owned())
        .mime_str(mime)
        .unwrap();
    let form = reqwest::multipart::Form::new().part("file", part);
    let path = format!("/permits/{permit_id}/receipt/record");
    // Without a tag of its own, the permit's current `ETag` (the header is required).
    let req = match if_match {
        Some(tag) => app
            .request(Method::PUT, &path, Some(token))
            .header("if-match", tag),
        None => app.request_checked(Method::PUT, &path, Some(token)).await,
    };
    Reply::read(req.multipart(form).send().await.unwrap()).await
}

const SCAN: (&str, &str, &[u8]) = ("صورتجلسه فک.pdf", "application/pdf", PDF);

async fn removed(app: &TestApp) -> Scenario<'_> {
    Scenario::new(app)
        .await
        .filed()
        .await
        .reviewed()
        .await
        .permit_issued()
        .await
        .plate_removed()
        .await
}

fn record(permit: &Value) -> &Value {
    &permit["receipt"]["removal_record"]
}

#[tokio::test]
async fn the_police_attach_the_signed_record_and_those_concerned_see_and_download_it() {
    let app = spawn_app().await;
    let s = removed(&app).await;
    let before = app.permit(&s.directorate, s.permit_id()).await.json(200);
    assert!(record(&before).is_null(), "{before}");

    let reply = put_record(&app, &s.police, s.permit_id(), SCAN, None).await;
    let location = reply.header("location").to_owned();
    let etag = reply.header("etag").to_owned();
    let permit = reply.json(201);
    assert_eq!(
        location,
        format!("/api/v1/permits/{}/receipt/record", s.permit_id())
    );
    let rec = record(&permit);
    assert_eq!(rec["version"], 1, "{permit}");
    assert_eq!(rec["content_type"], "application/pdf");
    assert_eq!(rec["size"], PDF.len());
    assert_eq!(rec["replaceable"], true);
    assert_eq!(rec["download_url"], location.as_str());
    assert_eq!(rec["filename"], "صورتجلسه فک.pdf");
    assert_eq!(
        permit["version"].as_i64(),
        before["version"].as_i64().map(|v| v + 1)
    );
    assert_eq!(etag, format!("\"{}\"", permit["version"]));

    // Shown to the directorate, the owning agency, the posting police unit and admins; the
    // registry sees the permit without it.
    for token in [&s.directorate, &s.agency_a, &s.police, &s.admin] {
        let p = app.permit(token, s.permit_id()).await.json(200);
        assert_eq!(record(&p)["document_id"], rec["document_id"], "{p}");
        let listed = app
            .items(
                token,
                &format!("/permits?permit_number={}", s.permit_number()),
            )
            .await;
        assert_eq!(record(&listed[0])["document_id"], rec["document_id"]);
    }
    let p = app.permit(&s.registry, s.permit_id()).await.json(200);
    assert!(record(&p).is_null(), "{p}");
    let p = app
        .get_as(
            &s.police,
            &format!("/permits/by-number/{}", s.permit_number()),
        )
        .await
        .json(200);
    assert_eq!(record(&p)["version"], 1);

    // The download: the bytes, with the documents' safe headers.
    for token in [&s.directorate, &s.agency_a, &s.police, &s.admin] {
        let resp = app.get(&location.replace("/api/v1", ""), Some(token)).await;
        assert_eq!(resp.status(), 200);
        let h = resp.headers().clone();
        assert_eq!(h["content-type"], "application/pdf");
        assert_eq!(h["x-content-type-options"], "nosniff");
        assert_eq!(h["cache-control"], "private, no-store");
        let cd = h["content-disposition"].to_str().unwrap().to_owned();
        assert!(cd.starts_with("attachment; filename=\"document-"), "{cd}");
        assert!(cd.contains("filename*=UTF-8''"), "{cd}");
        assert_eq!(
            h["etag"].to_str().unwrap(),
            format!("\"{}\"", text(rec, "sha256"))
        );
        assert_eq!(resp.bytes().await.unwrap().as_ref(), PDF);
    }
    let path = location.replace("/api/v1", "");
    app.get_as(&s.registry, &path)
        .await
        .problem(403, "forbidden");
    app.get_as(&s.agency_b, &path)
        .await
        .problem(404, "not_found");

    // Not one of the agency's documents.
    let docs = app.documents(&s.directorate, s.id()).await.json(200);
    assert!(docs["items"].as_array().unwrap().is_empty(), "{docs}");

    // The event and the audit entry.
    let events = app
        .items(&s.directorate, "/events?types=receipt.record_attached")
        .await;
    assert_eq!(events.len(), 1, "{events:?}");
    assert_eq!(events[0]["subject"]["id"], s.permit_id());
    assert_eq!(events[0]["data"]["document_id"], rec["document_id"]);
    assert_eq!(events[0]["data"]["replaced"], false);
    let agency_events = app
        .items(&s.agency_a, "/events?types=receipt.record_attached")
        .await;
    assert_eq!(agency_events.len(), 1);
    let audit = app
        .items(&s.admin, "/audit?action=receipt.record_attached")
        .await;
    assert_eq!(audit.len(), 1, "{audit:?}");
}

#[tokio::test]
async fn the_posting_unit_replaces_it_until_the_removal_is_registered() {
    let app = spawn_app().await;
    let s = removed(&app).await;
    let first = put_record(&app, &s.police, s.permit_id(), SCAN, None)
        .await
        .json(201);
    // A stale If-Match is 412.
    let stale = format!("\"{}\"", first["version"].as_i64().unwrap() - 1);
    put_record(&app, &s.police, s.permit_id(), SCAN, Some(&stale))
        .await
        .problem(412, "precondition_failed");
    let current = format!("\"{}\"", first["version"]);
    let second = put_record(
        &app,
        &s.police,
        s.permit_id(),
        ("scan.png", "image/png", PNG),
        Some(&current),
    )
    .await
    .json(200);
    let rec = record(&second);
    assert_eq!(rec["version"], 2, "{second}");
    assert_eq!(rec["content_type"], "image/png");
    assert_ne!(rec["document_id"], record(&first)["document_id"]);
    let events = app
        .items(&s.directorate, "/events?types=receipt.record_attached")
        .await;
    assert_eq!(events.len(), 2);
    assert_eq!(events[1]["data"]["replaced"], true);
    let audit = app
        .items(&s.admin, "/audit?action=receipt.record_attached")
        .await;
    assert!(
        audit
            .iter()
            .any(|e| e["detail"]["replaced_document_id"] == record(&first)["document_id"]),
        "{audit:?}"
    );

    // Registered: final.
    let s = s.completed().await;
    let p = app.permit(&s.directorate, s.permit_id()).await.json(200);
    assert_eq!(record(&p)["replaceable"], false, "{p}");
    let p = put_record(&app, &s.police, s.permit_id(), SCAN, None)
        .await
        .problem(409, "conflict");
    assert!(text(&p, "detail").contains("سامانهٔ جامع خودرو"), "{p}");
}

#[tokio::test]
async fn only_the_posting_police_unit_attaches_and_only_to_a_removal_receipt() {
    let app = spawn_app().await;
    let s = Scenario::new(&app)
        .await
        .filed()
        .await
        .reviewed()
        .await
        .permit_issued()
        .await;
    // No receipt yet.
    put_record(&app, &s.police, s.permit_id(), SCAN, None)
        .await
        .problem(409, "conflict");
    // Other roles.
    for token in [&s.directorate, &s.agency_a, &s.registry, &s.admin] {
        put_record(&app, token, s.permit_id(), SCAN, None)
            .await
            .problem(403, "forbidden");
    }
    // A refusal has no removal record.
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
    put_record(&app, &s.police, refused.permit_id(), SCAN, None)
        .await
        .problem(409, "conflict");

    // Another police unit may neither attach nor see it: the permit was not sent to it, so
    // for it the permit does not exist (issue 33).
    let s = s.plate_removed().await;
    let other_unit = app
        .create_org(&s.admin, "police", "پلیس راهور شهرستان")
        .await;
    let (_, other_police) = app
        .create_user(&s.admin, "police", &other_unit, "officer-2")
        .await;
    put_record(&app, &other_police, s.permit_id(), SCAN, None)
        .await
        .problem(404, "not_found");
    put_record(&app, &s.police, s.permit_id(), SCAN, None)
        .await
        .json(201);
    app.permit(&other_police, s.permit_id())
        .await
        .problem(404, "not_found");
    app.get_as(
        &other_police,
        &format!("/permits/{}/receipt/record", s.permit_id()),
    )
    .await
    .problem(404, "not_found");
}

#[tokio::test]
async fn the_file_is_judged_as_documents_are() {
    let app = spawn_app().await;
    let s = removed(&app).await;
    // Not a PDF, JPEG or PNG (by its bytes), or a declared type that disagrees: 415.
    put_record(
        &app,
        &s.police,
        s.permit_id(),
        ("a.pdf", "application/pdf", b"<html>hi</html>"),
        None,
    )
    .await
    .problem(415, "unsupported_media_type");
    put_record(
        &app,
        &s.police,
        s.permit_id(),
        ("a.png", "image/png", PDF),
        None,
    )
    .await
    .problem(415, "unsupported_media_type");
    // Empty: 422 on `file`.
    let p = put_record(
        &app,
        &s.police,
        s.permit_id(),
        ("a.pdf", "application/pdf", b""),
        None,
    )
    .await
    .problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["field"], "file");
    // No download before a record.
    app.get_as(
        &s.directorate,
        &format!("/permits/{}/receipt/record", s.permit_id()),
    )
    .await
    .problem(404, "not_found");
    // JPEG accepted.
    let p = put_record(
        &app,
        &s.police,
        s.permit_id(),
        ("scan.jpg", "image/jpeg", JPEG),
        None,
    )
    .await
    .json(201);
    assert_eq!(record(&p)["content_type"], "image/jpeg");
    // The agency cannot upload one as a document, nor the directorate ask for one.
    let p = app
        .upload_pdf(&s.agency_a, s.id(), "removal_record")
        .await
        .problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["field"], "document_type", "{p}");
}
