//! Issue 5: supplementary documents.

use serde_json::{json, Value};

use crate::helpers::*;

pub const PDF: &[u8] = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";
pub const JPEG: &[u8] = &[
    0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, b'J', b'F', b'I', b'F', 0x00, 0x01, 0xFF, 0xD9,
];
pub const PNG: &[u8] = &[
    0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, b'I', b'H', b'D', b'R',
];

impl TestApp {
    pub async fn upload(
        &self,
        token: &str,
        request_id: &str,
        document_type: &str,
        filename: &str,
        mime: &str,
        bytes: Vec<u8>,
    ) -> reqwest::Response {
        let part = reqwest::multipart::Part::bytes(bytes)
            .file_name(filename.to_owned())
            .mime_str(mime)
            .unwrap();
        let form = reqwest::multipart::Form::new()
            .text("document_type", document_type.to_owned())
            .part("file", part);
        self.client
            .post(self.api(&format!("/requests/{request_id}/documents")))
            .bearer_auth(token)
            .multipart(form)
            .send()
            .await
            .unwrap()
    }
}

#[tokio::test]
async fn upload_list_and_download_real_files() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let r = app.file_request(&c.agency_a).await;
    let id = r["id"].as_str().unwrap();
    for (kind, bytes, mime, name) in [
        ("vehicle_card", PNG, "image/png", "کارت خودرو.png"),
        ("ownership_document", PDF, "application/pdf", "سند.pdf"),
        ("other", JPEG, "image/jpeg", "photo.jpg"),
    ] {
        let resp = app
            .upload(&c.agency_a, id, kind, name, mime, bytes.to_vec())
            .await;
        let doc = expect_json(resp, 201).await;
        assert_eq!(doc["document_type"], kind);
        assert_eq!(doc["content_type"], mime);
        assert_eq!(doc["size"], bytes.len());
        assert_eq!(doc["filename"], name);
        use sha2::Digest;
        assert_eq!(doc["sha256"], hex::encode(sha2::Sha256::digest(bytes)));
        // Download as the owner, the directorate and an admin.
        for token in [&c.agency_a, &c.directorate, &c.admin] {
            let resp = app
                .get(
                    &format!("/documents/{}/content", doc["id"].as_str().unwrap()),
                    Some(token),
                )
                .await;
            assert_eq!(resp.status().as_u16(), 200);
            let h = resp.headers().clone();
            assert_eq!(h["content-type"], mime);
            assert_eq!(h["x-content-type-options"], "nosniff");
            assert_eq!(
                h["etag"].to_str().unwrap(),
                format!("\"{}\"", doc["sha256"].as_str().unwrap())
            );
            let cd = h["content-disposition"].to_str().unwrap();
            assert!(cd.starts_with("attachment; filename=\"document-"), "{cd}");
            assert!(cd.contains("filename*=UTF-8''"), "{cd}");
            assert_eq!(resp.bytes().await.unwrap().as_ref(), bytes);
        }
    }
    let list = expect_json(
        app.get(&format!("/requests/{id}/documents"), Some(&c.agency_a))
            .await,
        200,
    )
    .await;
    assert_eq!(list["items"].as_array().unwrap().len(), 3);
    // The directorate may upload too.
    expect_json(
        app.upload(
            &c.directorate,
            id,
            "other",
            "x.pdf",
            "application/pdf",
            PDF.to_vec(),
        )
        .await,
        201,
    )
    .await;
}

#[tokio::test]
async fn uploads_are_refused_when_they_must_be() {
    let app =
        spawn_app_with(|c| c.document_max_size = plate_permits::config::ByteSize(10 * 1024 * 1024))
            .await;
    let c = app.cast().await;
    let r = app.file_request(&c.agency_a).await;
    let id = r["id"].as_str().unwrap();
    // A text file named .pdf.
    expect_problem(
        app.upload(
            &c.agency_a,
            id,
            "other",
            "letter.pdf",
            "application/pdf",
            b"just some text".to_vec(),
        )
        .await,
        415,
        "unsupported_media_type",
    )
    .await;
    // An executable sent as application/pdf.
    let mut elf = vec![0x7F, b'E', b'L', b'F', 2, 1, 1, 0];
    elf.extend(vec![0u8; 100]);
    expect_problem(
        app.upload(&c.agency_a, id, "other", "tool.pdf", "application/pdf", elf)
            .await,
        415,
        "unsupported_media_type",
    )
    .await;
    let mut mz = b"MZ\x90\x00".to_vec();
    mz.extend(vec![0u8; 100]);
    expect_problem(
        app.upload(&c.agency_a, id, "other", "setup.pdf", "application/pdf", mz)
            .await,
        415,
        "unsupported_media_type",
    )
    .await;
    // Declared type disagreeing with the bytes.
    expect_problem(
        app.upload(
            &c.agency_a,
            id,
            "other",
            "a.jpg",
            "image/jpeg",
            PNG.to_vec(),
        )
        .await,
        415,
        "unsupported_media_type",
    )
    .await;
    // 11 MiB.
    let mut big = PDF.to_vec();
    big.resize(11 * 1024 * 1024, b' ');
    expect_problem(
        app.upload(&c.agency_a, id, "other", "big.pdf", "application/pdf", big)
            .await,
        413,
        "payload_too_large",
    )
    .await;
    // Bad or missing document_type; no file; not multipart.
    let body = expect_problem(
        app.upload(
            &c.agency_a,
            id,
            "passport",
            "a.pdf",
            "application/pdf",
            PDF.to_vec(),
        )
        .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(body["errors"][0]["field"], "document_type");
    let form = reqwest::multipart::Form::new().text("document_type", "other");
    let resp = app
        .client
        .post(app.api(&format!("/requests/{id}/documents")))
        .bearer_auth(&c.agency_a)
        .multipart(form)
        .send()
        .await
        .unwrap();
    let body = expect_problem(resp, 422, "validation_failed").await;
    assert_eq!(body["errors"][0]["field"], "file");
    expect_problem(
        app.post_json(
            &format!("/requests/{id}/documents"),
            Some(&c.agency_a),
            &json!({}),
        )
        .await,
        415,
        "unsupported_media_type",
    )
    .await;
    // Path-traversal names are stored harmlessly.
    let doc = expect_json(
        app.upload(
            &c.agency_a,
            id,
            "other",
            "../../etc/passwd",
            "application/pdf",
            PDF.to_vec(),
        )
        .await,
        201,
    )
    .await;
    assert_eq!(doc["filename"], "passwd");
    assert!(!app.data_dir.path().join("etc").exists());
    // Nothing stored for the refused uploads.
    let list = expect_json(
        app.get(&format!("/requests/{id}/documents"), Some(&c.agency_a))
            .await,
        200,
    )
    .await;
    assert_eq!(list["items"].as_array().unwrap().len(), 1);
    let incoming = app.data_dir.path().join("documents/.incoming");
    assert_eq!(
        std::fs::read_dir(&incoming).unwrap().count(),
        0,
        "no pending files left"
    );
    // Other agency, police, registry.
    let doc_id = doc["id"].as_str().unwrap();
    expect_problem(
        app.get(&format!("/documents/{doc_id}/content"), Some(&c.agency_b))
            .await,
        404,
        "not_found",
    )
    .await;
    expect_problem(
        app.get(&format!("/requests/{id}/documents"), Some(&c.agency_b))
            .await,
        404,
        "not_found",
    )
    .await;
    expect_problem(
        app.upload(
            &c.agency_b,
            id,
            "other",
            "a.pdf",
            "application/pdf",
            PDF.to_vec(),
        )
        .await,
        404,
        "not_found",
    )
    .await;
    expect_problem(
        app.get(&format!("/documents/{doc_id}/content"), Some(&c.police))
            .await,
        403,
        "forbidden",
    )
    .await;
    expect_problem(
        app.upload(
            &c.registry,
            id,
            "other",
            "a.pdf",
            "application/pdf",
            PDF.to_vec(),
        )
        .await,
        403,
        "forbidden",
    )
    .await;
    // Withdrawn: closed to uploads.
    expect_json(
        app.post_action(
            &format!("/requests/{id}/withdraw"),
            &c.agency_a,
            Some(json!({"reason": "x"})),
            None,
        )
        .await,
        200,
    )
    .await;
    let p = expect_problem(
        app.upload(
            &c.agency_a,
            id,
            "other",
            "a.pdf",
            "application/pdf",
            PDF.to_vec(),
        )
        .await,
        409,
        "invalid_transition",
    )
    .await;
    assert_eq!(p["current_status"], "withdrawn");
}

#[tokio::test]
async fn ask_upload_resubmit_review_loop() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let r = app.file_request(&c.agency_a).await;
    let id = r["id"].as_str().unwrap();
    // Only from under_review.
    let ask = json!({"message": "لطفاً سند و کارت خودرو را بارگذاری کنید.", "items": [{"document_type": "vehicle_card"}, {"document_type": "ownership_document", "description": "سند تک‌برگ"}], "due_date": "2999-01-01"});
    expect_problem(
        app.post_json(
            &format!("/requests/{id}/document-requests"),
            Some(&c.directorate),
            &ask,
        )
        .await,
        409,
        "invalid_transition",
    )
    .await;
    expect_json(
        app.post_action(
            &format!("/requests/{id}/review"),
            &c.directorate,
            None,
            None,
        )
        .await,
        200,
    )
    .await;
    expect_problem(
        app.post_json(
            &format!("/requests/{id}/document-requests"),
            Some(&c.agency_a),
            &ask,
        )
        .await,
        403,
        "forbidden",
    )
    .await;
    let bad = json!({"message": "", "items": []});
    let p = expect_problem(
        app.post_json(
            &format!("/requests/{id}/document-requests"),
            Some(&c.directorate),
            &bad,
        )
        .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(p["errors"].as_array().unwrap().len(), 2);
    let resp = app
        .post_json(
            &format!("/requests/{id}/document-requests"),
            Some(&c.directorate),
            &ask,
        )
        .await;
    assert_eq!(resp.headers()["etag"], "\"3\"");
    let dr = expect_json(resp, 201).await;
    assert_eq!(dr["request_status"], "awaiting_documents");
    assert_eq!(
        dr["outstanding"],
        json!(["vehicle_card", "ownership_document"])
    );
    // Resubmitting early names what is missing.
    let p = expect_problem(
        app.post_json(
            &format!("/requests/{id}/resubmit"),
            Some(&c.agency_a),
            &json!({}),
        )
        .await,
        409,
        "documents_missing",
    )
    .await;
    assert_eq!(
        p["missing_document_types"],
        json!(["vehicle_card", "ownership_document"])
    );
    expect_json(
        app.upload(
            &c.agency_a,
            id,
            "vehicle_card",
            "card.png",
            "image/png",
            PNG.to_vec(),
        )
        .await,
        201,
    )
    .await;
    let p = expect_problem(
        app.post_json(
            &format!("/requests/{id}/resubmit"),
            Some(&c.agency_a),
            &json!({"note": "کارت"}),
        )
        .await,
        409,
        "documents_missing",
    )
    .await;
    assert_eq!(p["missing_document_types"], json!(["ownership_document"]));
    let list = expect_json(
        app.get(
            &format!("/requests/{id}/document-requests"),
            Some(&c.agency_a),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(
        list["items"][0]["outstanding"],
        json!(["ownership_document"])
    );
    assert_eq!(list["items"][0]["items"][0]["fulfilled"], true);
    expect_json(
        app.upload(
            &c.agency_a,
            id,
            "ownership_document",
            "sanad.pdf",
            "application/pdf",
            PDF.to_vec(),
        )
        .await,
        201,
    )
    .await;
    // Another agency cannot resubmit it; the owner can (with no body at all).
    expect_problem(
        app.post_json(
            &format!("/requests/{id}/resubmit"),
            Some(&c.agency_b),
            &json!({}),
        )
        .await,
        404,
        "not_found",
    )
    .await;
    let resp = app
        .client
        .post(app.api(&format!("/requests/{id}/resubmit")))
        .bearer_auth(&c.agency_a)
        .send()
        .await
        .unwrap();
    let after = expect_json(resp, 200).await;
    assert_eq!(after["status"], "under_review");
    let h = expect_json(
        app.get(&format!("/requests/{id}/history"), Some(&c.directorate))
            .await,
        200,
    )
    .await;
    let steps: Vec<(Value, Value)> = h["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["from"].clone(), e["to"].clone()))
        .collect();
    assert_eq!(
        steps,
        vec![
            (Value::Null, json!("submitted")),
            (json!("submitted"), json!("under_review")),
            (json!("under_review"), json!("awaiting_documents")),
            (json!("awaiting_documents"), json!("under_review")),
        ]
    );
    assert_eq!(
        h["items"][2]["note"],
        "لطفاً سند و کارت خودرو را بارگذاری کنید."
    );
    // A second ask needs fresh uploads: the earlier ones do not count.
    let ask2 = json!({"message": "کارت جدید", "items": [{"document_type": "vehicle_card"}]});
    expect_json(
        app.post_json(
            &format!("/requests/{id}/document-requests"),
            Some(&c.directorate),
            &ask2,
        )
        .await,
        201,
    )
    .await;
    let p = expect_problem(
        app.post_json(
            &format!("/requests/{id}/resubmit"),
            Some(&c.agency_a),
            &json!({}),
        )
        .await,
        409,
        "documents_missing",
    )
    .await;
    assert_eq!(p["missing_document_types"], json!(["vehicle_card"]));
}

#[tokio::test]
async fn interrupted_uploads_are_repaired_at_start_up() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let r = app.file_request(&c.agency_a).await;
    let id = r["id"].as_str().unwrap();
    let doc = expect_json(
        app.upload(
            &c.agency_a,
            id,
            "other",
            "a.pdf",
            "application/pdf",
            PDF.to_vec(),
        )
        .await,
        201,
    )
    .await;
    let key = doc["id"].as_str().unwrap();
    let docs = app.data_dir.path().join("documents");
    // As if the process died after the commit but before the rename; plus leftovers of an
    // upload that never committed and a file with no row.
    std::fs::rename(
        docs.join(key),
        docs.join(".incoming").join(format!("{key}.part")),
    )
    .unwrap();
    std::fs::write(
        docs.join(".incoming/0190aaaa-dead-7000-8000-000000000000.part"),
        b"x",
    )
    .unwrap();
    std::fs::write(docs.join("0190bbbb-dead-7000-8000-000000000000"), b"y").unwrap();
    let mut config = app.config.clone();
    config.listen_addr = "127.0.0.1:0".parse().unwrap();
    let second = plate_permits::Application::build(config).await.unwrap();
    drop(second);
    assert!(docs.join(key).exists(), "committed upload completed");
    assert_eq!(
        std::fs::read_dir(docs.join(".incoming")).unwrap().count(),
        0
    );
    assert!(!docs.join("0190bbbb-dead-7000-8000-000000000000").exists());
    let resp = app
        .get(&format!("/documents/{key}/content"), Some(&c.agency_a))
        .await;
    assert_eq!(resp.bytes().await.unwrap().as_ref(), PDF);
}
