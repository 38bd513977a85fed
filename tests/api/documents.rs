//! Supplementary documents: uploads checked by their bytes, downloads, who may see them, and
//! the ask → upload → resubmit loop.

use reqwest::Method;
use serde_json::{json, Value};

use crate::helpers::*;

/// Kept for modules that still import the files from here.
pub use crate::helpers::{JPEG, PDF, PNG};

/// A request filed by agency A.
async fn filed(app: &TestApp) -> Scenario<'_> {
    Scenario::new(app).await.filed().await
}

/// The directorate's ask for a vehicle card and an ownership document.
fn ask() -> Value {
    json!({"message": "لطفاً سند و کارت خودرو را بارگذاری کنید.", "items": [{"document_type": "vehicle_card"}, {"document_type": "ownership_document", "description": "سند تک‌برگ"}], "due_date": "2999-01-01"})
}

/// A request waiting for the two documents of [`ask`].
async fn awaiting_documents(app: &TestApp) -> Scenario<'_> {
    let s = filed(app).await.reviewed().await;
    app.ask_for_documents(&s.directorate, s.id(), &ask())
        .await
        .json(201);
    s
}

/// A request whose two asked-for documents are uploaded, not yet resubmitted.
async fn both_uploaded(app: &TestApp) -> Scenario<'_> {
    let s = awaiting_documents(app).await.uploaded("vehicle_card").await;
    s.uploaded("ownership_document").await
}

/// No document row and no pending file remain.
async fn assert_nothing_stored(app: &TestApp, s: &Scenario<'_>) {
    let list = app.documents(&s.agency_a, s.id()).await.items(200);
    assert!(list.is_empty(), "{list:?}");
    let incoming = app.data_dir.path().join("documents/.incoming");
    let pending = std::fs::read_dir(&incoming).unwrap().count();
    assert_eq!(pending, 0, "no pending files left");
}

#[tokio::test]
async fn uploaded_files_are_described_and_come_back_intact() {
    use sha2::Digest;
    let app = spawn_app().await;
    let s = filed(&app).await;
    for (kind, file) in [
        ("vehicle_card", ("کارت خودرو.png", "image/png", PNG)),
        ("ownership_document", ("سند.pdf", "application/pdf", PDF)),
        ("other", ("photo.jpg", "image/jpeg", JPEG)),
    ] {
        let (name, mime, bytes) = file;
        let doc = app
            .upload_file(&s.agency_a, s.id(), kind, file)
            .await
            .json(201);
        assert_eq!(doc["document_type"], kind);
        assert_eq!(doc["content_type"], mime);
        assert_eq!(doc["size"], bytes.len());
        assert_eq!(doc["filename"], name);
        assert_eq!(doc["sha256"], hex::encode(sha2::Sha256::digest(bytes)));
        for token in [&s.agency_a, &s.directorate, &s.admin] {
            assert_downloads(&app, token, &doc, mime, bytes).await;
        }
    }
    let list = app.documents(&s.agency_a, s.id()).await.items(200);
    assert_eq!(list.len(), 3);
}

async fn assert_downloads(app: &TestApp, token: &str, doc: &Value, mime: &str, bytes: &[u8]) {
    let resp = app.document_content(token, text(doc, "id")).await;
    assert_eq!(resp.status().as_u16(), 200);
    let h = resp.headers().clone();
    assert_eq!(h["content-type"], mime);
    assert_eq!(h["x-content-type-options"], "nosniff");
    let etag = format!("\"{}\"", text(doc, "sha256"));
    assert_eq!(h["etag"].to_str().unwrap(), etag);
    let cd = h["content-disposition"].to_str().unwrap();
    assert!(cd.starts_with("attachment; filename=\"document-"), "{cd}");
    assert!(cd.contains("filename*=UTF-8''"), "{cd}");
    assert_eq!(resp.bytes().await.unwrap().as_ref(), bytes);
    // The document (OpenAPI) names one binary media type, `application/octet-stream`: a client
    // that accepts only that gets it; one that admits the stored type (or any) gets the
    // stored type.
    let id = text(doc, "id");
    let main = mime.split('/').next().unwrap();
    for (accept, expected) in [
        ("application/octet-stream", "application/octet-stream"),
        ("application/octet-stream, */*;q=0.1", mime),
        (&format!("{main}/*, application/octet-stream") as &str, mime),
        (
            &format!("{mime};q=0, application/octet-stream") as &str,
            "application/octet-stream",
        ),
    ] {
        let resp = app
            .request(
                Method::GET,
                &format!("/documents/{id}/content"),
                Some(token),
            )
            .header("accept", accept)
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status().as_u16(), 200, "{accept}");
        assert_eq!(resp.headers()["content-type"], expected, "{accept}");
        assert_eq!(resp.bytes().await.unwrap().as_ref(), bytes, "{accept}");
    }
}

#[tokio::test]
async fn the_directorate_may_upload_too() {
    let app = spawn_app().await;
    let s = filed(&app).await;
    let file = ("x.pdf", "application/pdf", PDF);
    app.upload_file(&s.directorate, s.id(), "other", file)
        .await
        .json(201);
}

#[tokio::test]
async fn files_whose_bytes_are_not_the_declared_type_are_refused() {
    let app = spawn_app().await;
    let s = filed(&app).await;
    let mut elf = vec![0x7F, b'E', b'L', b'F', 2, 1, 1, 0];
    elf.extend(vec![0u8; 100]);
    let mut mz = b"MZ\x90\x00".to_vec();
    mz.extend(vec![0u8; 100]);
    for file in [
        ("letter.pdf", "application/pdf", &b"just some text"[..]),
        ("tool.pdf", "application/pdf", &elf[..]),
        ("setup.pdf", "application/pdf", &mz[..]),
        ("a.jpg", "image/jpeg", PNG),
    ] {
        let reply = app.upload_file(&s.agency_a, s.id(), "other", file).await;
        reply.problem(415, "unsupported_media_type");
    }
    assert_nothing_stored(&app, &s).await;
}

#[tokio::test]
async fn a_file_over_the_size_limit_is_refused() {
    let limit = plate_permits::config::ByteSize(10 * 1024 * 1024);
    let app = spawn_app_with(|c| c.documents.max_size = limit).await;
    let s = filed(&app).await;
    let mut big = PDF.to_vec();
    big.resize(11 * 1024 * 1024, b' ');
    let file = ("big.pdf", "application/pdf", &big[..]);
    let reply = app.upload_file(&s.agency_a, s.id(), "other", file).await;
    reply.problem(413, "payload_too_large");
    assert_nothing_stored(&app, &s).await;
}

#[tokio::test]
async fn an_upload_is_a_form_with_a_known_type_and_a_file() {
    let app = spawn_app().await;
    let s = filed(&app).await;
    let reply = app.upload_pdf(&s.agency_a, s.id(), "passport").await;
    let body = reply.problem(422, "validation_failed");
    assert_eq!(body["errors"][0]["field"], "document_type");
    let path = format!("/requests/{}/documents", s.id());
    let form = reqwest::multipart::Form::new().text("document_type", "other");
    let req = app.request(reqwest::Method::POST, &path, Some(&s.agency_a));
    let resp = req.multipart(form).send().await.unwrap();
    let body = expect_problem(resp, 422, "validation_failed").await;
    assert_eq!(body["errors"][0]["field"], "file");
    let reply = app.post_as(&s.agency_a, &path, &json!({})).await;
    reply.problem(415, "unsupported_media_type");
    assert_nothing_stored(&app, &s).await;
}

#[tokio::test]
async fn path_traversal_names_are_stored_harmlessly() {
    let app = spawn_app().await;
    let s = filed(&app).await;
    let file = ("../../etc/passwd", "application/pdf", PDF);
    let doc = app
        .upload_file(&s.agency_a, s.id(), "other", file)
        .await
        .json(201);
    assert_eq!(doc["filename"], "passwd");
    assert!(!app.data_dir.path().join("etc").exists());
}

#[tokio::test]
async fn another_agency_can_neither_see_nor_add_documents() {
    let app = spawn_app().await;
    let s = filed(&app).await;
    let doc = app.upload_pdf(&s.agency_a, s.id(), "other").await.json(201);
    let other = &s.agency_b;
    let resp = app.document_content(other, text(&doc, "id")).await;
    expect_problem(resp, 404, "not_found").await;
    app.documents(other, s.id()).await.problem(404, "not_found");
    let reply = app.upload_pdf(other, s.id(), "other").await;
    reply.problem(404, "not_found");
}

#[tokio::test]
async fn the_police_cannot_download_and_the_registry_cannot_upload() {
    let app = spawn_app().await;
    let s = filed(&app).await;
    let doc = app.upload_pdf(&s.agency_a, s.id(), "other").await.json(201);
    let resp = app.document_content(&s.police, text(&doc, "id")).await;
    expect_problem(resp, 403, "forbidden").await;
    let reply = app.upload_pdf(&s.registry, s.id(), "other").await;
    reply.problem(403, "forbidden");
}

#[tokio::test]
async fn a_withdrawn_request_takes_no_uploads() {
    let app = spawn_app().await;
    let s = filed(&app).await.withdrawn().await;
    let reply = app.upload_pdf(&s.agency_a, s.id(), "other").await;
    let p = reply.problem(409, "invalid_transition");
    assert_eq!(p["current_status"], "withdrawn");
}

#[tokio::test]
async fn documents_are_asked_for_only_under_review() {
    let app = spawn_app().await;
    let s = filed(&app).await;
    let reply = app.ask_for_documents(&s.directorate, s.id(), &ask()).await;
    reply.problem(409, "invalid_transition");
}

#[tokio::test]
async fn an_agency_cannot_ask_for_documents() {
    let app = spawn_app().await;
    let s = filed(&app).await.reviewed().await;
    let reply = app.ask_for_documents(&s.agency_a, s.id(), &ask()).await;
    reply.problem(403, "forbidden");
}

#[tokio::test]
async fn an_ask_needs_a_message_and_items() {
    let app = spawn_app().await;
    let s = filed(&app).await.reviewed().await;
    let bad = json!({"message": "", "items": []});
    let reply = app.ask_for_documents(&s.directorate, s.id(), &bad).await;
    let p = reply.problem(422, "validation_failed");
    assert_eq!(p["errors"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn an_ask_pauses_the_request_and_names_what_is_outstanding() {
    let app = spawn_app().await;
    let s = filed(&app).await.reviewed().await;
    let reply = app.ask_for_documents(&s.directorate, s.id(), &ask()).await;
    assert_eq!(reply.header("etag"), "\"3\"");
    let dr = reply.json(201);
    assert_eq!(dr["request_status"], "awaiting_documents");
    let both = json!(["vehicle_card", "ownership_document"]);
    assert_eq!(dr["outstanding"], both);
}

#[tokio::test]
async fn resubmitting_early_names_the_documents_still_missing() {
    let app = spawn_app().await;
    let s = awaiting_documents(&app).await;
    let p = app
        .resubmit(&s.agency_a, s.id())
        .await
        .problem(409, "documents_missing");
    let both = json!(["vehicle_card", "ownership_document"]);
    assert_eq!(p["missing_document_types"], both);
    let card = ("card.png", "image/png", PNG);
    app.upload_file(&s.agency_a, s.id(), "vehicle_card", card)
        .await
        .json(201);
    let note = json!({"note": "کارت"});
    let reply = app.act(&s.agency_a, s.id(), "resubmit", Some(&note)).await;
    let p = reply.problem(409, "documents_missing");
    assert_eq!(p["missing_document_types"], json!(["ownership_document"]));
    let path = format!("/requests/{}/document-requests", s.id());
    let list = app.items(&s.agency_a, &path).await;
    assert_eq!(list[0]["outstanding"], json!(["ownership_document"]));
    assert_eq!(list[0]["items"][0]["fulfilled"], true);
}

#[tokio::test]
async fn another_agency_cannot_resubmit() {
    let app = spawn_app().await;
    let s = both_uploaded(&app).await;
    app.resubmit(&s.agency_b, s.id())
        .await
        .problem(404, "not_found");
}

#[tokio::test]
async fn a_complete_resubmission_returns_to_review_with_the_ask_in_history() {
    let app = spawn_app().await;
    let s = both_uploaded(&app).await;
    let after = app
        .act(&s.agency_a, s.id(), "resubmit", None)
        .await
        .json(200);
    assert_eq!(after["status"], "under_review");
    let h = s.history().await;
    let steps = [
        "(new) -> submitted",
        "submitted -> under_review",
        "under_review -> awaiting_documents",
        "awaiting_documents -> under_review",
    ];
    assert_eq!(transitions(&h), steps);
    assert_eq!(h[2]["note"], "لطفاً سند و کارت خودرو را بارگذاری کنید.");
}

#[tokio::test]
async fn a_second_ask_needs_fresh_uploads() {
    let app = spawn_app().await;
    let s = both_uploaded(&app).await;
    let s = s.resubmitted().await;
    let ask2 = json!({"message": "کارت جدید", "items": [{"document_type": "vehicle_card"}]});
    app.ask_for_documents(&s.directorate, s.id(), &ask2)
        .await
        .json(201);
    let p = app
        .resubmit(&s.agency_a, s.id())
        .await
        .problem(409, "documents_missing");
    assert_eq!(p["missing_document_types"], json!(["vehicle_card"]));
}

#[tokio::test]
async fn interrupted_uploads_are_repaired_at_start_up() {
    // The filesystem store's renames (the database store commits the bytes with the row).
    let app = spawn_app_with(|c| {
        c.documents.blob_store = Some(plate_permits::config::BlobStoreChoice::Filesystem)
    })
    .await;
    let s = filed(&app).await;
    let doc = app.upload_pdf(&s.agency_a, s.id(), "other").await.json(201);
    let key = text(&doc, "id");
    let docs = app.data_dir.path().join("documents");
    // As if the process died after the commit but before the rename; plus leftovers of an
    // upload that never committed and a file with no row.
    let part = docs.join(".incoming").join(format!("{key}.part"));
    std::fs::rename(docs.join(key), part).unwrap();
    let stray = docs.join(".incoming/0190aaaa-dead-7000-8000-000000000000.part");
    std::fs::write(stray, b"x").unwrap();
    let orphan = docs.join("0190bbbb-dead-7000-8000-000000000000");
    std::fs::write(&orphan, b"y").unwrap();
    let mut config = app.config.clone();
    config.http.listen_addr = "127.0.0.1:0".parse().unwrap();
    drop(
        plate_permits::Application::build(config, app.clock)
            .await
            .unwrap(),
    );
    assert!(docs.join(key).exists(), "committed upload completed");
    let pending = std::fs::read_dir(docs.join(".incoming")).unwrap().count();
    assert_eq!(pending, 0);
    assert!(!orphan.exists());
    let resp = app.document_content(&s.agency_a, key).await;
    assert_eq!(resp.bytes().await.unwrap().as_ref(), PDF);
}

/// Issue 18 row 6: both download names end in the stored type's extension, whatever the
/// uploader called the file (browsers prefer `filename*`).
#[tokio::test]
async fn download_names_end_in_the_stored_types_extension() {
    let app = spawn_app().await;
    let s = filed(&app).await;
    for (name, mime, bytes, expected) in [
        ("scan.hta", "application/pdf", PDF, "scan.hta.pdf"),
        ("\u{202E}ftp.exe", "application/pdf", PDF, "ftp.exe.pdf"),
        ("photo.png", "image/png", PNG, "photo.png"),
        ("C:\\temp\\photo", "image/jpeg", JPEG, "photo.jpg"),
    ] {
        let doc = app
            .upload_file(&s.agency_a, s.id(), "other", (name, mime, bytes))
            .await
            .json(201);
        let resp = app.document_content(&s.agency_a, text(&doc, "id")).await;
        assert_eq!(resp.status().as_u16(), 200);
        let cd = resp.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .to_owned();
        let ext = expected.rsplit('.').next().unwrap();
        let (plain, star) = cd.split_once("; filename*=UTF-8''").unwrap();
        assert!(plain.ends_with(&format!(".{ext}\"")), "{cd}");
        let star = percent_decode(star);
        assert_eq!(star, expected, "{cd}");
    }
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap();
            out.push(u8::from_str_radix(hex, 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}
