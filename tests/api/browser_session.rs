//! Browser sessions: with `token_delivery: "cookie"` the refresh token lives in an `HttpOnly`
//! cookie scoped to `/auth/refresh` and `/auth/logout`, and the calls it authenticates need the
//! double-submit `X-CSRF-Token` (and an own `Origin`).

use reqwest::Method;
use serde_json::{json, Value};

use crate::helpers::*;

/// The `Set-Cookie` headers of a reply.
fn set_cookies(reply: &Reply) -> Vec<String> {
    reply
        .headers
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().expect("cookie text").to_owned())
        .collect()
}

/// The value of the cookie `name` set on `path` (the first, when `path` is None).
fn cookie_value(cookies: &[String], name: &str, path: Option<&str>) -> String {
    cookies
        .iter()
        .find(|c| {
            c.starts_with(&format!("{name}="))
                && path.is_none_or(|p| c.contains(&format!("Path={p}")))
        })
        .unwrap_or_else(|| panic!("no {name} cookie for {path:?} in {cookies:?}"))
        .split(';')
        .next()
        .and_then(|kv| kv.split_once('='))
        .map(|(_, v)| v.to_owned())
        .unwrap_or_default()
}

struct BrowserSession {
    access: String,
    refresh: String,
    csrf: String,
}

async fn sign_in_with_cookies(app: &TestApp) -> (Reply, BrowserSession) {
    let body = json!({"username": "admin", "password": ADMIN_PASSWORD, "token_delivery": "cookie"});
    let reply = app
        .call(Method::POST, "/auth/login", None, Some(&body), &[])
        .await;
    let cookies = set_cookies(&reply);
    let session = BrowserSession {
        access: reply.body()["access_token"]
            .as_str()
            .unwrap_or_default()
            .to_owned(),
        refresh: cookie_value(&cookies, "pp_refresh", Some("/api/v1/auth/refresh")),
        csrf: cookie_value(&cookies, "pp_csrf", None),
    };
    (reply, session)
}

/// A cookie-authenticated call as the browser would send it.
async fn with_cookies(
    app: &TestApp,
    path: &str,
    token: Option<&str>,
    refresh: &str,
    csrf_cookie: &str,
    extra: &[(&str, &str)],
) -> Reply {
    let cookie = format!("pp_refresh={refresh}; pp_csrf={csrf_cookie}");
    let mut headers = vec![("cookie", cookie.as_str())];
    headers.extend_from_slice(extra);
    app.call(Method::POST, path, token, Some(&json!({})), &headers)
        .await
}

#[tokio::test]
async fn a_cookie_sign_in_keeps_the_refresh_token_out_of_reach_of_scripts() {
    let app = spawn_app().await;
    let (reply, session) = sign_in_with_cookies(&app).await;
    let cookies = set_cookies(&reply);
    let body: Value = reply.json(200);
    assert!(body.get("refresh_token").is_none(), "body: {body}");
    assert!(!session.access.is_empty());
    for path in ["/api/v1/auth/refresh", "/api/v1/auth/logout"] {
        let c = cookies
            .iter()
            .find(|c| c.starts_with("pp_refresh=") && c.contains(&format!("Path={path}")))
            .unwrap_or_else(|| panic!("no refresh cookie for {path}: {cookies:?}"));
        for attribute in ["HttpOnly", "Secure", "SameSite=Strict", "Max-Age="] {
            assert!(c.contains(attribute), "{attribute} missing in {c}");
        }
    }
    assert_eq!(
        cookies
            .iter()
            .filter(|c| c.starts_with("pp_refresh="))
            .count(),
        2,
        "the refresh cookie goes to its two paths only: {cookies:?}"
    );
    let csrf = cookies
        .iter()
        .find(|c| c.starts_with("pp_csrf="))
        .expect("csrf cookie");
    assert!(
        csrf.contains("Path=/;") || csrf.ends_with("Path=/"),
        "{csrf}"
    );
    assert!(!csrf.contains("HttpOnly"), "the page must read it: {csrf}");
    assert!(csrf.contains("SameSite=Strict") && csrf.contains("Secure"));
    assert_eq!(session.csrf.len(), 64);
    // The access token works as any other.
    app.me(&session.access).await.json(200);
}

#[tokio::test]
async fn refresh_by_cookie_needs_the_double_submit_token_and_rotates_the_cookie() {
    let app = spawn_app().await;
    let (_, s) = sign_in_with_cookies(&app).await;
    // No header, a wrong header, another site's origin: 403, and the session is untouched.
    let none = with_cookies(&app, "/auth/refresh", None, &s.refresh, &s.csrf, &[]).await;
    none.problem(403, "csrf_failed");
    let wrong = with_cookies(
        &app,
        "/auth/refresh",
        None,
        &s.refresh,
        &s.csrf,
        &[("x-csrf-token", "0000")],
    )
    .await;
    wrong.problem(403, "csrf_failed");
    let cross = with_cookies(
        &app,
        "/auth/refresh",
        None,
        &s.refresh,
        &s.csrf,
        &[
            ("x-csrf-token", &s.csrf),
            ("origin", "https://attacker.example"),
        ],
    )
    .await;
    cross.problem(403, "csrf_failed");
    // No cookie at all: 401, as for an unknown token.
    app.call(
        Method::POST,
        "/auth/refresh",
        None,
        Some(&json!({})),
        &[("x-csrf-token", &s.csrf)],
    )
    .await
    .problem(401, "invalid_token");

    // The page's own call, with its origin: a new access token, the cookie rotated.
    let own_origin = app.address.trim_end_matches("/api/v1").to_owned();
    let ok = with_cookies(
        &app,
        "/auth/refresh",
        None,
        &s.refresh,
        &s.csrf,
        &[("x-csrf-token", &s.csrf), ("origin", &own_origin)],
    )
    .await;
    let cookies = set_cookies(&ok);
    let body = ok.json(200);
    assert!(body.get("refresh_token").is_none(), "body: {body}");
    let rotated = cookie_value(&cookies, "pp_refresh", Some("/api/v1/auth/refresh"));
    assert_ne!(rotated, s.refresh);
    app.me(body["access_token"].as_str().expect("access"))
        .await
        .json(200);
    // The spent cookie is refused (and, being reused, ends that sign-in).
    with_cookies(
        &app,
        "/auth/refresh",
        None,
        &s.refresh,
        &s.csrf,
        &[("x-csrf-token", &s.csrf)],
    )
    .await
    .problem(401, "invalid_token");
}

#[tokio::test]
async fn sign_out_by_cookie_ends_the_session_and_clears_the_cookies() {
    let app = spawn_app().await;
    let (_, s) = sign_in_with_cookies(&app).await;
    with_cookies(
        &app,
        "/auth/logout",
        Some(&s.access),
        &s.refresh,
        &s.csrf,
        &[],
    )
    .await
    .problem(403, "csrf_failed");
    let out = with_cookies(
        &app,
        "/auth/logout",
        Some(&s.access),
        &s.refresh,
        &s.csrf,
        &[("x-csrf-token", &s.csrf)],
    )
    .await;
    assert_eq!(out.status, 204, "{}", out.text);
    let cleared = set_cookies(&out);
    for name in ["pp_refresh=;", "pp_csrf=;"] {
        assert!(
            cleared
                .iter()
                .any(|c| c.starts_with(name) && c.contains("Max-Age=0")),
            "{name} not cleared: {cleared:?}"
        );
    }
    with_cookies(
        &app,
        "/auth/refresh",
        None,
        &s.refresh,
        &s.csrf,
        &[("x-csrf-token", &s.csrf)],
    )
    .await
    .problem(401, "invalid_token");
    app.me(&s.access).await.problem(401, "invalid_token");
}

#[tokio::test]
async fn apps_keep_the_refresh_token_in_the_body() {
    let app = spawn_app().await;
    let reply = app
        .call(
            Method::POST,
            "/auth/login",
            None,
            Some(
                &json!({"username": "admin", "password": ADMIN_PASSWORD, "token_delivery": "body"}),
            ),
            &[],
        )
        .await;
    assert!(set_cookies(&reply).is_empty());
    let body = reply.json(200);
    assert!(body["refresh_token"]
        .as_str()
        .is_some_and(|t| !t.is_empty()));
    app.call(
        Method::POST,
        "/auth/login",
        None,
        Some(&json!({"username": "admin", "password": ADMIN_PASSWORD, "token_delivery": "jar"})),
        &[],
    )
    .await
    .problem(422, "validation_failed");
}
