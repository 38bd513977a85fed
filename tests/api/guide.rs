//! The book and the Persian guide served by the service at `/guide/`: pages answer as HTML
//! under a policy that runs no script, Persian pages right to left, and every link and image
//! of every page resolves (heading anchors included) — crawled from the front page, which
//! must reach every embedded page.

use std::collections::{BTreeSet, VecDeque};

use crate::helpers::*;

fn header<'a>(resp: &'a reqwest::Response, name: &str) -> &'a str {
    resp.headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
}

/// `%D8%A7…` back to text (hrefs of Persian anchors are percent-encoded).
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("");
            if let Ok(b) = u8::from_str_radix(hex, 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The values of `attr="…"` in `html`, unescaped.
fn attributes(html: &str, attr: &str) -> Vec<String> {
    let needle = format!(" {attr}=\"");
    html.split(&needle)
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(|v| v.replace("&amp;", "&"))
        .collect()
}

#[tokio::test]
async fn the_guide_answers_html_under_a_policy_that_runs_nothing() {
    let app = spawn_app().await;
    let resp = app.client.get(app.url("/guide")).send().await.unwrap();
    assert_eq!(resp.status(), 302);
    assert_eq!(header(&resp, "location"), "/guide/");

    let resp = app.client.get(app.url("/guide/")).send().await.unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(header(&resp, "content-type"), "text/html; charset=utf-8");
    assert_eq!(
        header(&resp, "content-security-policy"),
        plate_permits::guide::GUIDE_CSP.as_str()
    );
    assert!(header(&resp, "content-security-policy").contains("default-src 'none'"));
    assert!(!header(&resp, "content-security-policy").contains("script"));
    assert_eq!(header(&resp, "x-frame-options"), "DENY");
    let html = resp.text().await.unwrap();
    assert!(html.contains(r#"<html lang="en" dir="ltr">"#), "{html}");
    assert!(
        html.contains("<title>plate-permits · plate-permits</title>"),
        "{html}"
    );
    assert!(!html.contains("<script"), "{html}");
    // The front door's table links every reader's first page.
    assert!(html.contains(r#"href="operators/install.md""#), "{html}");
    assert!(html.contains(r#"href="fa/README.md""#), "{html}");
}

#[tokio::test]
async fn persian_pages_are_right_to_left_in_persian() {
    let app = spawn_app().await;
    for path in [
        "/guide/fa/",
        "/guide/fa/README.md",
        "/guide/fa/directorate.md",
    ] {
        let resp = app.client.get(app.url(path)).send().await.unwrap();
        assert_eq!(resp.status(), 200, "{path}");
        assert_eq!(header(&resp, "content-language"), "fa", "{path}");
        let html = resp.text().await.unwrap();
        assert!(
            html.contains(r#"<html lang="fa" dir="rtl">"#),
            "{path}: {html}"
        );
        // The `<div dir="rtl">` meant for mdBook is dropped, not passed through.
        assert!(!html.contains("<div"), "{path}: {html}");
    }
    let html = app
        .client
        .get(app.url("/guide/fa/directorate.md"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("<h1 id=\"راهنمای-کارشناس-اداره-کل\">"),
        "{html}"
    );
    assert!(
        html.contains("<img src=\"../console/directorate-queue.png\""),
        "{html}"
    );
}

#[tokio::test]
async fn nothing_outside_the_book_is_served() {
    let app = spawn_app().await;
    for path in [
        "/guide/../Cargo.toml",
        "/guide/%2e%2e/Cargo.toml",
        "/guide/book.toml",
        "/guide/no-such-page.md",
        "/guide/.hidden.md",
    ] {
        let resp = app.client.get(app.url(path)).send().await.unwrap();
        assert_eq!(resp.status(), 404, "{path}");
    }
}

/// Every link and image of every page, from the front page on: 200, and a `#fragment` names an
/// element of the page it points to. Every embedded Markdown page is reached.
#[tokio::test]
async fn every_link_of_every_page_resolves() {
    let app = spawn_app().await;
    let base = url::Url::parse(&app.url("/")).unwrap();
    let start = base.join("/guide/").unwrap();
    let mut queue = VecDeque::from([start.clone()]);
    let mut seen = BTreeSet::from([start.to_string()]);
    let mut pages = BTreeSet::new();
    let mut anchors: Vec<(String, url::Url, String)> = Vec::new();
    let mut html_of = std::collections::BTreeMap::new();
    let mut problems = Vec::new();
    while let Some(page) = queue.pop_front() {
        let resp = app.client.get(page.as_str()).send().await.unwrap();
        if resp.status() != 200 {
            problems.push(format!("{page}: {}", resp.status()));
            continue;
        }
        let is_html = header(&resp, "content-type").starts_with("text/html");
        let body = resp.text().await.unwrap_or_default();
        if !is_html || !page.path().starts_with("/guide/") {
            continue;
        }
        pages.insert(page.path().to_owned());
        let links = attributes(&body, "href")
            .into_iter()
            .chain(attributes(&body, "src"));
        for link in links {
            if link.starts_with("http://")
                || link.starts_with("https://")
                || link.starts_with("mailto:")
            {
                continue;
            }
            let Ok(mut target) = page.join(&link) else {
                problems.push(format!("{page}: unreadable link {link}"));
                continue;
            };
            if let Some(fragment) = target.fragment() {
                let mut doc = target.clone();
                doc.set_fragment(None);
                anchors.push((page.to_string(), doc, percent_decode(fragment)));
            }
            target.set_fragment(None);
            // The console and the API reference are checked by their own tests.
            if !target.path().starts_with("/guide") {
                continue;
            }
            if seen.insert(target.to_string()) {
                queue.push_back(target);
            }
        }
        html_of.insert(page.to_string(), body);
    }
    for (from, doc, fragment) in anchors {
        let id = format!("id=\"{fragment}\"");
        match html_of.get(doc.as_str()) {
            Some(html) if html.contains(&id) => {}
            Some(_) => problems.push(format!("{from}: no #{fragment} in {doc}")),
            None => problems.push(format!("{from}: anchor into a page not crawled: {doc}")),
        }
    }
    for file in plate_permits::guide::markdown_files() {
        let path = format!("/guide/{file}");
        let reached = pages.contains(&path)
            || (file.ends_with("README.md") && pages.contains(path.trim_end_matches("README.md")));
        if !reached {
            problems.push(format!("{path}: not reachable from /guide/"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(pages.len() >= 40, "only {} pages crawled", pages.len());
}
