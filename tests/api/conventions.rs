//! One set of API conventions (issue 17): one cursor name for every list, `limit` out of range
//! is 422 naming `limit`, every error the service or the framework produces is problem+json,
//! and rate-limited endpoints send the IETF `RateLimit-Policy` and `RateLimit` headers.

use std::io::{Read, Write};
use std::net::{Shutdown, TcpStream};
use std::time::Duration;

use reqwest::Method;
use serde_json::{json, Value};

use crate::helpers::*;

fn is_persian(text: &str) -> bool {
    text.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c))
}

/// Asserts the problem conventions every error shares: problem+json, the status and code, a
/// Persian `title` and `detail`, and an `X-Request-Id`.
#[track_caller]
fn assert_problem(reply: Reply, status: u16, code: &str) -> Value {
    let request_id = reply
        .headers
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let p = reply.problem(status, code);
    assert!(!request_id.is_empty(), "no X-Request-Id: {p}");
    for member in ["title", "detail"] {
        let text = p[member].as_str().unwrap_or("");
        assert!(is_persian(text), "{member} is not Persian: {p}");
    }
    p
}

// ---- limit ---------------------------------------------------------------------------------

#[tokio::test]
async fn limit_out_of_its_range_is_422_naming_limit_on_every_list() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let lists = [
        ("/requests", 200),
        ("/permits", 200),
        ("/users", 200),
        ("/events", 500),
    ];
    for (list, max) in lists {
        app.get_as(&c.admin, &format!("{list}?limit={max}"))
            .await
            .json(200);
        for bad in [max + 1, 0, -3] {
            let path = format!("{list}?limit={bad}");
            let p = assert_problem(app.get_as(&c.admin, &path).await, 422, "validation_failed");
            assert_eq!(p["errors"].as_array().map(Vec::len), Some(1), "{path}: {p}");
            assert_eq!(p["errors"][0]["field"], "limit", "{path}: {p}");
            assert_eq!(p["errors"][0]["code"], "out_of_range", "{path}: {p}");
            let message = p["errors"][0]["message"].as_str().unwrap_or("");
            assert!(
                message.contains(&persian_digits(&max.to_string())),
                "{path}: {message}"
            );
        }
        // Not a number at all: the query string cannot be read (400, like every unreadable
        // query value), still naming `limit`.
        let p = assert_problem(
            app.get_as(&c.admin, &format!("{list}?limit=lots")).await,
            400,
            "invalid_query",
        );
        assert_eq!(p["errors"][0]["field"], "limit", "{list}: {p}");
    }
}

// ---- cursors -------------------------------------------------------------------------------

#[tokio::test]
async fn the_feed_pages_with_cursor_and_next_cursor_and_keeps_the_old_names() {
    let app = spawn_app().await;
    let c = app.cast().await;
    for _ in 0..3 {
        app.file_request(&c.agency_a).await;
    }
    let first = app
        .get_as(&c.directorate, "/events?limit=2")
        .await
        .json(200);
    assert_eq!(first["items"].as_array().map(Vec::len), Some(2), "{first}");
    let cursor = first["next_cursor"]
        .as_str()
        .expect("next_cursor")
        .to_owned();
    assert_eq!(first["next_after"], first["next_cursor"], "{first}");
    let last_id = first["items"][1]["id"].as_str().unwrap_or_default();
    assert_eq!(cursor, last_id);

    let by_cursor = app
        .get_as(&c.directorate, &format!("/events?limit=2&cursor={cursor}"))
        .await
        .json(200);
    let by_after = app
        .get_as(&c.directorate, &format!("/events?limit=2&after={cursor}"))
        .await
        .json(200);
    let both = app
        .get_as(
            &c.directorate,
            &format!("/events?limit=2&cursor={cursor}&after={cursor}"),
        )
        .await
        .json(200);
    let ids = |page: &Value| -> Vec<String> {
        page["items"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|e| e["id"].as_str().unwrap_or_default().to_owned())
            .collect()
    };
    assert!(!ids(&by_cursor).is_empty());
    assert!(!ids(&by_cursor).contains(&cursor), "{by_cursor}");
    assert_eq!(ids(&by_cursor), ids(&by_after));
    assert_eq!(ids(&by_cursor), ids(&both));
    assert_eq!(by_cursor["next_cursor"], by_after["next_after"]);

    let p = assert_problem(
        app.get_as(&c.directorate, "/events?cursor=1&after=2").await,
        400,
        "invalid_query",
    );
    assert_eq!(p["errors"][0]["field"], "after", "{p}");
    let p = assert_problem(
        app.get_as(&c.directorate, "/events?cursor=x").await,
        400,
        "invalid_query",
    );
    assert_eq!(p["errors"][0]["field"], "cursor", "{p}");
}

#[tokio::test]
async fn the_document_marks_the_old_feed_names_deprecated() {
    let app = spawn_app().await;
    let doc: Value = app
        .get_root("/api-docs/openapi.json")
        .await
        .json()
        .await
        .expect("document");
    let page = &doc["components"]["schemas"]["EventPage"]["properties"];
    assert!(page.get("next_cursor").is_some(), "{page}");
    assert_eq!(page["next_after"]["deprecated"], true, "{page}");
    let params = doc["paths"]["/api/v1/events"]["get"]["parameters"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let param = |name: &str| {
        params
            .iter()
            .find(|p| p["name"] == name)
            .cloned()
            .unwrap_or(Value::Null)
    };
    assert_eq!(param("after")["deprecated"], true, "{params:?}");
    assert!(param("cursor").is_object(), "{params:?}");
    assert_ne!(param("cursor")["deprecated"], true);
    let responses = &doc["paths"]["/api/v1/requests"]["get"]["responses"];
    assert!(responses.get("422").is_some(), "{responses}");
}

// ---- framework errors ----------------------------------------------------------------------

/// One request written as raw bytes; the status line, lower-cased headers and body of the
/// answer (the server closes the connection: every request sent here asks it to).
fn raw(port: u16, request: &[u8], half_close: bool) -> (u16, Vec<(String, String)>, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    // The server may answer and close before reading everything; a reset is not a failure.
    let _ = stream.write_all(request);
    if half_close {
        let _ = stream.shutdown(Shutdown::Write);
    }
    let mut answer = Vec::new();
    let mut buf = [0u8; 8192];
    for _ in 0..10_000 {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => answer.extend_from_slice(&buf[..n]),
        }
    }
    let text = String::from_utf8_lossy(&answer).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    (status, headers, body.to_owned())
}

#[tokio::test]
async fn unknown_paths_and_wrong_methods_are_problems() {
    let app = spawn_app().await;
    assert_problem(app.get_public("/no/such/path").await, 404, "not_found");
    let reply = app.call(Method::PUT, "/auth/login", None, None, &[]).await;
    assert_eq!(reply.header("allow"), "POST");
    assert_problem(reply, 405, "method_not_allowed");
    let english = app
        .call(
            Method::GET,
            "/nowhere",
            None,
            None,
            &[("accept-language", "en")],
        )
        .await;
    assert_eq!(english.header("content-language"), "en");
    assert_eq!(english.problem(404, "not_found")["title"], "Not found");
}

#[tokio::test]
async fn oversized_headers_are_a_431_problem() {
    let app = spawn_app().await;
    let big = "a".repeat(40 * 1024);
    let reply = app
        .call(
            Method::GET,
            "/track/1234",
            None,
            None,
            &[("x-padding", &big)],
        )
        .await;
    let p = assert_problem(reply, 431, "headers_too_large");
    assert!(p["detail"].as_str().unwrap_or("").contains("۳۲۷۶۸"), "{p}");
    let many: Vec<(String, String)> = (0..70).map(|i| (format!("x-h{i}"), "v".into())).collect();
    let many: Vec<(&str, &str)> = many.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let reply = app
        .call(Method::GET, "/track/1234", None, None, &many)
        .await;
    assert_problem(reply, 431, "headers_too_large");
    let english = app
        .call(
            Method::GET,
            "/track/1234",
            None,
            None,
            &[("x-padding", &big), ("accept-language", "en")],
        )
        .await;
    assert_eq!(
        english.problem(431, "headers_too_large")["title"],
        "Request header fields too large"
    );
    // Under the limit the same request goes through.
    let small = "a".repeat(16 * 1024);
    app.call(
        Method::GET,
        "/track/1234",
        None,
        None,
        &[("x-padding", &small)],
    )
    .await
    .problem(422, "invalid_code");
}

/// Heads the HTTP/1 codec itself refuses never reach the service: actix-http answers them with
/// a bare status and closes the connection (see `http::middleware::header_limits`). The status
/// at least must be right.
#[tokio::test]
async fn heads_the_codec_refuses_get_the_right_status() {
    let app = spawn_app().await;
    let port = app.port;
    let huge = format!(
        "GET /api/v1/track/1234 HTTP/1.1\r\nHost: x\r\nX-Padding: {}\r\n\r\n",
        "a".repeat(140 * 1024)
    );
    let (status, _, _) = tokio::task::spawn_blocking(move || raw(port, huge.as_bytes(), false))
        .await
        .expect("raw");
    assert_eq!(status, 431);
    for head in [
        "GET /api/v1/track/1234 HTTP/1.1\r\nHost: x\r\nBad Name: v\r\n\r\n".to_owned(),
        "GET /api/v1/track/1234 HTTP/1.1\r\nHost: x\r\nX-A: \u{1}\r\n\r\n".to_owned(),
        "NOT-HTTP\r\n\r\n".to_owned(),
    ] {
        let (status, _, _) = tokio::task::spawn_blocking(move || raw(port, head.as_bytes(), false))
            .await
            .expect("raw");
        assert_eq!(status, 400);
    }
}

#[tokio::test]
async fn malformed_headers_are_problems() {
    let app = spawn_app().await;
    let s = Scenario::new(&app).await.filed().await;
    // An Authorization header that is not a bearer token.
    let reply = app
        .call(
            Method::GET,
            "/me",
            None,
            None,
            &[("authorization", "Basic YWRtaW46YWRtaW4=")],
        )
        .await;
    assert_problem(reply, 401, "unauthorized");
    // An unreadable Accept-Language is ignored: Persian, the default.
    let reply = app
        .call(
            Method::GET,
            "/nowhere",
            None,
            None,
            &[("accept-language", ";;q=x,,=")],
        )
        .await;
    assert_eq!(reply.header("content-language"), "fa");
    assert_problem(reply, 404, "not_found");
    // An If-Match that is no entity tag.
    let reply = app
        .call(
            Method::POST,
            &format!("/requests/{}/review", s.id()),
            Some(&s.directorate),
            Some(&json!({})),
            &[("if-match", "not-a-tag")],
        )
        .await;
    assert_problem(reply, 412, "precondition_failed");
    // An Idempotency-Key with characters that are not visible ASCII.
    let reply = app
        .call(
            Method::POST,
            "/requests",
            Some(&s.agency_a),
            Some(&new_request()),
            &[("idempotency-key", "two words")],
        )
        .await;
    assert_problem(reply, 400, "invalid_header");
    // A Content-Type that is not JSON, and one that is no media type at all.
    for content_type in ["text/plain", ";;;/"] {
        let reply = Reply::read(
            app.request(Method::POST, "/auth/login", None)
                .header("content-type", content_type)
                .body(r#"{"username":"a","password":"b"}"#)
                .send()
                .await
                .expect("request"),
        )
        .await;
        assert_problem(reply, 415, "unsupported_media_type");
    }
}

#[tokio::test]
async fn payload_errors_are_problems() {
    let app = spawn_app().await;
    let s = Scenario::new(&app).await.filed().await;
    let post = |body: Vec<u8>| {
        app.request(Method::POST, "/auth/login", None)
            .header("content-type", "application/json")
            .body(body)
    };
    // Truncated JSON, JSON that is not UTF-8, and no JSON at all.
    for body in [
        br#"{"username": "adm"#.to_vec(),
        b"{\"username\": \"\xff\xfe\", \"password\": \"x\"}".to_vec(),
        b"hello".to_vec(),
    ] {
        let reply = Reply::read(post(body).send().await.expect("request")).await;
        assert_problem(reply, 400, "malformed_json");
    }
    // Larger than the JSON limit.
    let huge = format!(r#"{{"username": "{}"}}"#, "a".repeat(200 * 1024)).into_bytes();
    let reply = Reply::read(post(huge).send().await.expect("request")).await;
    let p = assert_problem(reply, 413, "payload_too_large");
    assert!(p["limit_bytes"].as_u64().is_some_and(|n| n > 0), "{p}");
    // A multipart body without a boundary, and one cut short.
    let upload = |content_type: &str, body: &'static [u8]| {
        app.request(
            Method::POST,
            &format!("/requests/{}/documents", s.id()),
            Some(&s.agency_a),
        )
        .header("content-type", content_type.to_owned())
        .body(body)
    };
    let reply = Reply::read(
        upload("multipart/form-data", b"--x\r\n")
            .send()
            .await
            .expect("request"),
    )
    .await;
    assert_problem(reply, 415, "unsupported_media_type");
    let cut = b"--b\r\nContent-Disposition: form-data; name=\"document_type\"\r\n\r\nid_card\r\n--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 partial";
    let reply = Reply::read(
        upload("multipart/form-data; boundary=b", cut)
            .send()
            .await
            .expect("request"),
    )
    .await;
    assert_problem(reply, 400, "bad_request");
}

#[tokio::test]
async fn a_body_shorter_than_its_content_length_is_a_problem() {
    let app = spawn_app().await;
    let port = app.port;
    let request = b"POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\nConnection: close\r\n\r\n{\"username\":";
    let (status, headers, body) = tokio::task::spawn_blocking(move || raw(port, request, true))
        .await
        .expect("raw");
    assert_eq!(status, 400, "{headers:?} {body}");
    let header = |name: &str| {
        headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    assert_eq!(header("content-type"), "application/problem+json");
    assert!(!header("x-request-id").is_empty());
    let p: Value = serde_json::from_str(&body).expect("problem body");
    assert!(is_persian(p["title"].as_str().unwrap_or("")), "{p}");
}

// ---- RateLimit headers ---------------------------------------------------------------------

/// `(remaining, reset)` of the named policy in a `RateLimit` header.
fn standing(header: &str, policy: &str) -> (u64, u64) {
    let item = header
        .split(',')
        .map(str::trim)
        .find(|i| i.starts_with(&format!("\"{policy}\";")))
        .unwrap_or_else(|| panic!("no {policy} in {header}"));
    let param = |key: &str| -> u64 {
        item.split(';')
            .find_map(|p| p.strip_prefix(&format!("{key}=")))
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("no {key} in {item}"))
    };
    (param("r"), param("t"))
}

#[tokio::test]
async fn public_look_ups_send_ratelimit_headers_that_count_down_to_the_429() {
    let app = spawn_app_with(|c| c.http.public_rate_limit_per_minute = 3).await;
    let s = Scenario::new(&app).await.filed().await;
    let code = s.tracking_code().to_owned();
    for (policy, path) in [
        ("track", format!("/track/{code}")),
        ("verify", "/permits/verify/123456789010".to_owned()),
    ] {
        let mut seen = Vec::new();
        for _ in 0..3 {
            let reply = app.get_public(&path).await;
            assert!([200, 404].contains(&reply.status), "{}", reply.text);
            assert_eq!(
                reply.header("ratelimit-policy"),
                format!("\"{policy}\";q=3;w=60")
            );
            let (r, t) = standing(reply.header("ratelimit"), policy);
            assert!((1..=60).contains(&t), "t={t}");
            seen.push(r);
        }
        assert_eq!(seen, [2, 1, 0], "{policy}");
        let limited = app.get_public(&path).await;
        assert_eq!(
            limited.header("ratelimit-policy"),
            format!("\"{policy}\";q=3;w=60")
        );
        let (r, t) = standing(limited.header("ratelimit"), policy);
        assert_eq!(r, 0);
        let retry: u64 = limited.header("retry-after").parse().expect("Retry-After");
        assert_eq!(t, retry, "RateLimit t and Retry-After agree");
        assert_problem(limited, 429, "rate_limited");
    }
}

#[tokio::test]
async fn sign_in_reports_its_throttle_in_ratelimit_headers() {
    let app = spawn_app().await;
    let policy = "\"login-account-address\";q=5;w=900, \"login-address\";q=50;w=900";
    let attempt = |password: &'static str| {
        let app = &app;
        async move {
            Reply::read(
                app.request(Method::POST, "/auth/login", None)
                    .json(&json!({"username": "admin", "password": password}))
                    .send()
                    .await
                    .expect("request"),
            )
            .await
        }
    };
    let mut left = Vec::new();
    for _ in 0..5 {
        let reply = attempt("wrong-password-1").await;
        assert_eq!(reply.status, 401, "{}", reply.text);
        assert_eq!(reply.header("ratelimit-policy"), policy);
        let (pair, t) = standing(reply.header("ratelimit"), "login-account-address");
        let (address, _) = standing(reply.header("ratelimit"), "login-address");
        assert_eq!(50 - address, 5 - pair);
        if pair > 0 {
            // Attempts left: `t` is when the oldest counted failure leaves the window.
            assert!((1..=900).contains(&t), "t={t}");
        } else {
            // The free failures are spent: `t` is the delay (1 s after the fifth).
            assert_eq!(t, 1);
        }
        left.push(pair);
    }
    assert_eq!(left, (0..5).rev().collect::<Vec<u64>>());
    let limited = attempt("wrong-password-1").await;
    assert_eq!(limited.header("ratelimit-policy"), policy);
    let (r, t) = standing(limited.header("ratelimit"), "login-account-address");
    assert_eq!(r, 0);
    let retry: u64 = limited.header("retry-after").parse().expect("Retry-After");
    assert_eq!(t, retry);
    assert_problem(limited, 429, "rate_limited");
}
