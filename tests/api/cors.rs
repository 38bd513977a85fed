//! CORS for browser front ends: with `CORS_ALLOWED_ORIGINS` set, error responses carry the same
//! CORS headers as successes (a browser otherwise hides their bodies from the page), and the
//! headers a front end reads are exposed.

use reqwest::header::HeaderMap;
use reqwest::Method;
use serde_json::json;

use crate::helpers::*;

const ORIGIN: &str = "http://127.0.0.1:5173";

async fn spa_app() -> TestApp {
    spawn_app_with(|c| c.http.cors_allowed_origins = ORIGIN.parse().expect("origins")).await
}

fn assert_cors(headers: &HeaderMap, what: &str) {
    assert_eq!(
        headers
            .get("access-control-allow-origin")
            .and_then(|v| v.to_str().ok()),
        Some(ORIGIN),
        "{what}: {headers:?}"
    );
    let exposed = headers
        .get("access-control-expose-headers")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    for name in [
        "etag",
        "location",
        "x-request-id",
        "retry-after",
        "content-disposition",
        "x-next-cursor",
        "idempotent-replayed",
        "deprecation",
        "sunset",
    ] {
        assert!(
            exposed.contains(name),
            "{what}: {name} not exposed in {exposed:?}"
        );
    }
}

#[tokio::test]
async fn error_responses_carry_cors_headers_for_an_allowed_origin() {
    let app = spa_app().await;
    let c = app.cast().await;
    // 401: no token.
    let r = app
        .request(Method::GET, "/requests", None)
        .header("origin", ORIGIN)
        .send()
        .await
        .expect("request");
    assert_eq!(r.status(), 401);
    assert_cors(r.headers(), "401");
    // 404: an unknown request.
    let r = app
        .request(
            Method::GET,
            "/requests/00000000-0000-0000-0000-000000000000",
            Some(&c.agency_a),
        )
        .header("origin", ORIGIN)
        .send()
        .await
        .expect("request");
    assert_eq!(r.status(), 404);
    assert_cors(r.headers(), "404");
    // 422: a filing with nothing in it.
    let r = app
        .request(Method::POST, "/requests", Some(&c.agency_a))
        .header("origin", ORIGIN)
        .json(&json!({}))
        .send()
        .await
        .expect("request");
    assert!(r.status() == 422 || r.status() == 400, "{}", r.status());
    assert_cors(r.headers(), "422");
    let body: serde_json::Value = r.json().await.expect("problem body");
    assert!(body["code"].is_string(), "{body}");
    // 200 as well, for comparison.
    let r = app
        .request(Method::GET, "/requests", Some(&c.agency_a))
        .header("origin", ORIGIN)
        .send()
        .await
        .expect("request");
    assert_eq!(r.status(), 200);
    assert_cors(r.headers(), "200");
}

#[tokio::test]
async fn other_origins_get_no_cors_headers() {
    let app = spa_app().await;
    let r = app
        .request(Method::GET, "/requests", None)
        .header("origin", "http://evil.example")
        .send()
        .await
        .expect("request");
    assert!(
        r.headers().get("access-control-allow-origin").is_none(),
        "{:?}",
        r.headers()
    );
}
