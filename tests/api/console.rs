//! The web console served by the binary: the Persian HTML entry at `/` (revalidated every
//! time, under the console's strict CSP), its content-hashed assets cached for a year, and no
//! service path shadowed.

use crate::helpers::*;

const CONSOLE_CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; \
img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; frame-ancestors 'none'; \
base-uri 'none'; form-action 'self'";

fn header<'a>(resp: &'a reqwest::Response, name: &str) -> &'a str {
    resp.headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
}

/// The entry page's text and the asset names it references (`/assets/<name>`).
async fn entry(app: &TestApp) -> (String, Vec<String>) {
    let resp = app.client.get(app.url("/")).send().await.unwrap();
    assert_eq!(resp.status(), 200);
    let html = resp.text().await.unwrap();
    let assets = html
        .split("/assets/")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_owned)
        .collect();
    (html, assets)
}

#[tokio::test]
async fn the_entry_is_persian_html_revalidated_under_a_strict_policy() {
    let app = spawn_app().await;
    let resp = app.client.get(app.url("/")).send().await.unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(header(&resp, "content-type"), "text/html; charset=utf-8");
    assert_eq!(header(&resp, "cache-control"), "no-cache");
    assert_eq!(header(&resp, "content-security-policy"), CONSOLE_CSP);
    assert_eq!(header(&resp, "x-frame-options"), "DENY");
    let html = resp.text().await.unwrap();
    assert!(html.contains(r#"<html lang="fa" dir="rtl">"#), "{html}");
    assert!(!html.contains("<style"), "no inline style: {html}");
    assert!(
        !html.contains("<script>"),
        "no inline script (only src=): {html}"
    );
}

#[tokio::test]
async fn hashed_assets_are_immutable_and_typed() {
    let app = spawn_app().await;
    let (_, assets) = entry(&app).await;
    let js = assets
        .iter()
        .find(|a| a.starts_with("app-") && a.ends_with(".js"));
    let css = assets
        .iter()
        .find(|a| a.starts_with("app-") && a.ends_with(".css"));
    let (Some(js), Some(css)) = (js, css) else {
        panic!("the entry names app-<hash>.js and app-<hash>.css: {assets:?}");
    };
    for (name, kind) in [
        (js.as_str(), "text/javascript; charset=utf-8"),
        (css.as_str(), "text/css; charset=utf-8"),
    ] {
        let resp = app
            .client
            .get(app.url(&format!("/assets/{name}")))
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 200, "{name}");
        assert_eq!(header(&resp, "content-type"), kind, "{name}");
        assert_eq!(
            header(&resp, "cache-control"),
            "public, max-age=31536000, immutable",
            "{name}"
        );
        assert!(!resp.bytes().await.unwrap().is_empty(), "{name}");
    }
    // The style sheet's font is embedded too, as a hashed woff2.
    let sheet = app
        .client
        .get(app.url(&format!("/assets/{css}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let font = sheet
        .split("/assets/")
        .skip(1)
        .filter_map(|rest| rest.split(['"', ')']).next())
        .find(|f| f.ends_with(".woff2"))
        .expect("the style sheet names an embedded woff2 font");
    let resp = app
        .client
        .get(app.url(&format!("/assets/{font}")))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(header(&resp, "content-type"), "font/woff2");
    assert_eq!(
        header(&resp, "cache-control"),
        "public, max-age=31536000, immutable"
    );
}

#[tokio::test]
async fn unknown_assets_are_problems_and_service_paths_stay_the_services() {
    let app = spawn_app().await;
    for path in ["/assets/app-NOPE.js", "/assets/..%2Findex.html", "/assets/"] {
        let resp = app.client.get(app.url(path)).send().await.unwrap();
        assert_eq!(resp.status(), 404, "{path}");
        assert_eq!(
            header(&resp, "content-type"),
            "application/problem+json",
            "{path}"
        );
    }
    let resp = app
        .client
        .get(app.url("/health/live"))
        .send()
        .await
        .unwrap();
    assert_eq!(expect_json(resp, 200).await["status"], "ok");
    let resp = app
        .client
        .get(app.api("/nothing-here"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 404);
    assert_eq!(header(&resp, "content-type"), "application/problem+json");
    let resp = app.client.get(app.url("/docs/")).send().await.unwrap();
    assert_eq!(resp.status(), 200);
    assert_ne!(header(&resp, "content-security-policy"), CONSOLE_CSP);
}

#[tokio::test]
async fn head_answers_the_entry_headers() {
    let app = spawn_app().await;
    let resp = app.client.head(app.url("/")).send().await.unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(header(&resp, "cache-control"), "no-cache");
    assert_eq!(header(&resp, "content-security-policy"), CONSOLE_CSP);
}

#[tokio::test]
async fn the_bundles_are_compressed_for_a_client_that_accepts_it() {
    let app = spawn_app().await;
    let (_, assets) = entry(&app).await;
    let js = assets
        .iter()
        .find(|a| a.ends_with(".js"))
        .expect("the entry names its script");
    let plain = app
        .client
        .get(app.url(&format!("/assets/{js}")))
        .send()
        .await
        .unwrap();
    assert_eq!(header(&plain, "content-encoding"), "");
    let plain_len = plain.bytes().await.unwrap().len();
    let resp = app
        .client
        .get(app.url(&format!("/assets/{js}")))
        .header("Accept-Encoding", "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(header(&resp, "content-encoding"), "gzip");
    assert_eq!(header(&resp, "content-security-policy"), CONSOLE_CSP);
    let body = resp.bytes().await.unwrap();
    assert_eq!(&body[..2], &[0x1f, 0x8b], "a gzip stream");
    assert!(
        body.len() * 2 < plain_len,
        "{} bytes gzipped of {plain_len}",
        body.len()
    );
}
