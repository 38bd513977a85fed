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
    // Minified JavaScript gzips to about a third of its size when large; the entry script is
    // small now that the administrators' screens and the dashboard are chunks of their own
    // (17 KB, 54 % gzipped), so the bound is 60 %.
    assert!(
        body.len() * 5 < plain_len * 3,
        "{} bytes gzipped of {plain_len}",
        body.len()
    );
}

#[tokio::test]
async fn the_installable_app_is_served_typed_and_never_caches_the_api() {
    let app = spawn_app().await;
    let (html, _) = entry(&app).await;
    assert!(
        html.contains(r#"<link rel="manifest" href="/manifest.webmanifest">"#),
        "{html}"
    );

    let resp = app
        .client
        .get(app.url("/manifest.webmanifest"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(header(&resp, "content-type"), "application/manifest+json");
    assert_eq!(header(&resp, "cache-control"), "no-cache");
    let manifest: serde_json::Value = resp.json().await.unwrap();
    assert_eq!(manifest["lang"], "fa");
    assert_eq!(manifest["dir"], "rtl");
    assert_eq!(manifest["start_url"], "/");
    assert_eq!(manifest["display"], "standalone");
    let icons = manifest["icons"].as_array().expect("icons");
    for size in ["192x192", "512x512"] {
        let icon = icons
            .iter()
            .find(|i| i["sizes"] == size)
            .unwrap_or_else(|| panic!("an icon of {size}: {manifest}"));
        assert_eq!(icon["type"], "image/png");
        let src = icon["src"].as_str().expect("src");
        let resp = app.client.get(app.url(src)).send().await.unwrap();
        assert_eq!(resp.status(), 200, "{src}");
        assert_eq!(header(&resp, "content-type"), "image/png", "{src}");
        assert_eq!(
            header(&resp, "cache-control"),
            "public, max-age=31536000, immutable"
        );
        let png = resp.bytes().await.unwrap();
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "{src}");
        let side = size.split('x').next().unwrap().parse::<u32>().unwrap();
        assert_eq!(
            u32::from_be_bytes([png[16], png[17], png[18], png[19]]),
            side
        );
    }

    let resp = app.client.get(app.url("/sw.js")).send().await.unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(
        header(&resp, "content-type"),
        "text/javascript; charset=utf-8"
    );
    assert_eq!(header(&resp, "cache-control"), "no-cache");
    assert_eq!(header(&resp, "content-security-policy"), CONSOLE_CSP);
    let sw = resp.text().await.unwrap();
    // The shell it keeps is the console's own files only.
    let shell = sw
        .split("const SHELL = ")
        .nth(1)
        .and_then(|rest| rest.split(";\n").next())
        .expect("the worker names its shell");
    let shell: Vec<String> = serde_json::from_str(shell).expect("the shell is a JSON list");
    assert!(shell.contains(&"/".to_owned()), "{shell:?}");
    for path in &shell {
        assert!(
            path == "/" || path == "/manifest.webmanifest" || path.starts_with("/assets/"),
            "the worker keeps only console files: {path}"
        );
        let resp = app.client.get(app.url(path)).send().await.unwrap();
        assert_eq!(resp.status(), 200, "{path}");
    }
    for never in ["\"/api/\"", "\"/docs\"", "\"/guide\""] {
        assert!(sw.contains(never), "network-only list names {never}");
    }
    let resp = app.client.head(app.url("/sw.js")).send().await.unwrap();
    assert_eq!(resp.status(), 200);
}
