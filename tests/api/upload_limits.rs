//! Uploads cut short and document quotas (issue 18, row 7): an upload whose connection is
//! reset mid-body leaves no `.part` file, and a request holds at most
//! `DOCUMENT_QUOTA_COUNT` documents totalling at most `DOCUMENT_QUOTA_BYTES`.

use std::time::Duration;

use plate_permits::config::ByteSize;
use tokio::io::AsyncWriteExt;

use crate::helpers::*;

/// Starts an upload of a PDF announced at 200 000 bytes and sends its first 16 KiB.
async fn started_upload(app: &TestApp, token: &str, request_id: &str) -> tokio::net::TcpStream {
    let mut socket = app.raw_connect().await;
    let path = format!("POST /api/v1/requests/{request_id}/documents HTTP/1.1");
    let auth = format!("Authorization: Bearer {token}");
    write_head(
        &mut socket,
        &[
            &path,
            "Host: 127.0.0.1",
            &auth,
            "Content-Type: multipart/form-data; boundary=XyZ",
            "Content-Length: 200000",
        ],
    )
    .await;
    let mut body = b"--XyZ\r\nContent-Disposition: form-data; name=\"document_type\"\r\n\r\nother\r\n--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\nContent-Type: application/pdf\r\n\r\n".to_vec();
    body.extend_from_slice(PDF);
    body.extend(std::iter::repeat_n(b'x', 16 * 1024));
    socket.write_all(&body).await.unwrap();
    socket
}

#[tokio::test]
async fn uploads_cut_by_a_reset_leave_no_part_files() {
    // The body deadline is far away: only the reset can end these uploads.
    let app = spawn_app_with(|c| c.http.client_body_timeout_secs = 600).await;
    let s = Scenario::new(&app).await.filed().await;
    let mut sockets = Vec::new();
    for _ in 0..5 {
        sockets.push(started_upload(&app, &s.agency_a, s.id()).await);
    }
    assert_eq!(
        app.wait_pending_uploads(5, Duration::from_secs(5)).await,
        5,
        "five uploads are being written"
    );
    for socket in sockets {
        // SO_LINGER 0: closing sends a TCP reset.
        #[allow(deprecated)]
        socket.set_linger(Some(Duration::ZERO)).unwrap();
        drop(socket);
    }
    assert_eq!(
        app.wait_pending_uploads(0, Duration::from_secs(5)).await,
        0,
        "no .part file left"
    );
    let list = app.documents(&s.agency_a, s.id()).await.items(200);
    assert!(list.is_empty(), "{list:?}");
    // The service is unharmed: a whole upload still works.
    app.upload_pdf(&s.agency_a, s.id(), "other").await.json(201);
    assert_eq!(app.pending_uploads(), 0);
}

#[tokio::test]
async fn a_request_holds_at_most_the_configured_number_of_documents() {
    let app = spawn_app_with(|c| c.documents.quota_count = 3).await;
    let s = Scenario::new(&app).await.filed().await;
    for _ in 0..3 {
        app.upload_pdf(&s.agency_a, s.id(), "other").await.json(201);
    }
    let p = app
        .upload_pdf(&s.agency_a, s.id(), "other")
        .await
        .problem(409, "quota_exceeded");
    let detail = p["detail"].as_str().unwrap_or_default();
    assert!(detail.contains("۳ مدرک"), "{detail}");
    let resp = app
        .request(
            reqwest::Method::POST,
            &format!("/requests/{}/documents", s.id()),
            Some(&s.agency_a),
        )
        .header("accept-language", "en")
        .multipart(
            reqwest::multipart::Form::new()
                .text("document_type", "other")
                .part(
                    "file",
                    reqwest::multipart::Part::bytes(PDF.to_vec())
                        .file_name("a.pdf")
                        .mime_str("application/pdf")
                        .unwrap(),
                ),
        )
        .send()
        .await
        .unwrap();
    let p = Reply::read(resp).await.problem(409, "quota_exceeded");
    assert!(
        p["detail"]
            .as_str()
            .unwrap_or_default()
            .contains("at most 3 documents"),
        "{p}"
    );
    assert_eq!(app.documents(&s.agency_a, s.id()).await.items(200).len(), 3);
    assert_eq!(app.pending_uploads(), 0);
    // Another request has its own quota.
    let other = s.another().filed().await;
    app.upload_pdf(&other.agency_a, other.id(), "other")
        .await
        .json(201);
}

/// A PDF of `len` bytes (the signature, then padding).
fn pdf_of(len: usize) -> Vec<u8> {
    let mut v = PDF.to_vec();
    v.resize(len, b' ');
    v
}

#[tokio::test]
async fn a_request_holds_at_most_the_configured_bytes_of_documents() {
    let app = spawn_app_with(|c| c.documents.quota_bytes = ByteSize(1024 * 1024)).await;
    let s = Scenario::new(&app).await.filed().await;
    let big = pdf_of(600 * 1024);
    app.upload_file(
        &s.agency_a,
        s.id(),
        "other",
        ("a.pdf", "application/pdf", &big),
    )
    .await
    .json(201);
    let p = app
        .upload_file(
            &s.agency_a,
            s.id(),
            "other",
            ("b.pdf", "application/pdf", &big),
        )
        .await
        .problem(409, "quota_exceeded");
    let detail = p["detail"].as_str().unwrap_or_default();
    assert!(detail.contains("۱ مگابایت"), "{detail}");
    assert_eq!(app.pending_uploads(), 0, "the refused file is not kept");
    // What still fits is accepted.
    let small = pdf_of(300 * 1024);
    app.upload_file(
        &s.agency_a,
        s.id(),
        "other",
        ("c.pdf", "application/pdf", &small),
    )
    .await
    .json(201);
    assert_eq!(app.documents(&s.agency_a, s.id()).await.items(200).len(), 2);
}

#[tokio::test]
async fn concurrent_uploads_cannot_overrun_the_quota() {
    let app = spawn_app_with(|c| {
        c.documents.quota_count = 3;
        c.database.pool_size = Some(8);
    })
    .await;
    let s = Scenario::new(&app).await.filed().await;
    let uploads = (0..8).map(|_| app.upload_pdf(&s.agency_a, s.id(), "other"));
    let replies = futures_util::future::join_all(uploads).await;
    let mut statuses: Vec<u16> = replies.iter().map(|r| r.status).collect();
    statuses.sort();
    assert_eq!(statuses, vec![201, 201, 201, 409, 409, 409, 409, 409]);
    assert_eq!(app.documents(&s.agency_a, s.id()).await.items(200).len(), 3);
    assert_eq!(app.pending_uploads(), 0);
}
