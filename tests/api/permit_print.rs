//! The printable permit (`GET /permits/{id}/print`): who may print it, what the page shows
//! (Persian digits, the plate's parts, both numbers, the verification URL), that every value is
//! HTML-escaped, that the page loads nothing and keeps the service's protections, and that a
//! permit which may not be acted on cannot pass for a valid one.

use base64::Engine;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use crate::helpers::*;

const BASE: &str = "https://permits.example.ir/plates";

async fn app() -> TestApp {
    spawn_app_with(|c| {
        c.http.public_base_url = format!("{BASE}/").parse().expect("base url");
        c.permits.directorate_name = "اداره کل اموال استان آزمون".parse().expect("name");
    })
    .await
}

async fn with_permit(app: &TestApp) -> Scenario<'_> {
    let s = Scenario::new(app).await.filed().await.reviewed().await;
    s.permit_issued().await
}

async fn print(app: &TestApp, token: &str, permit_id: &str) -> Reply {
    app.get_as(token, &format!("/permits/{permit_id}/print"))
        .await
}

/// The page, asserting a 200 HTML answer.
#[track_caller]
fn page(reply: Reply) -> String {
    assert_eq!(reply.status, 200, "body: {}", reply.text);
    assert_eq!(reply.header("content-type"), "text/html; charset=utf-8");
    reply.text
}

/// The text of the element carrying `data-field="<name>"` (up to its first child tag).
#[track_caller]
fn field<'a>(html: &'a str, name: &str) -> &'a str {
    let marker = format!("data-field=\"{name}\">");
    let start = html
        .find(&marker)
        .unwrap_or_else(|| panic!("no {name} field in the page"))
        + marker.len();
    let end = html[start..].find('<').map_or(html.len(), |e| start + e);
    &html[start..end]
}

#[tokio::test]
async fn printed_for_the_roles_that_see_the_permit() {
    let app = app().await;
    let s = with_permit(&app).await;
    for token in [&s.directorate, &s.police, &s.admin, &s.agency_a] {
        let html = page(print(&app, token, s.permit_id()).await);
        assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    }
    print(&app, &s.agency_b, s.permit_id())
        .await
        .problem(404, "not_found");
    print(&app, &s.registry, s.permit_id())
        .await
        .problem(403, "forbidden");
    let anonymous = app
        .get(&format!("/permits/{}/print", s.permit_id()), None)
        .await;
    assert_eq!(anonymous.status(), 401);
    let unknown = uuid::Uuid::now_v7();
    print(&app, &s.directorate, &unknown.to_string())
        .await
        .problem(404, "not_found");
}

#[tokio::test]
async fn the_page_shows_the_permit_in_persian() {
    let app = app().await;
    let mut s = Scenario::new(&app).await.filed().await.reviewed().await;
    s.permit = app
        .issue_permit(
            &s.directorate,
            s.id(),
            &permit_body(app.now(), "۱۴۰۵-۷۷۸۸۱۲", 10),
        )
        .await
        .json(201);
    let permit = &s.permit;
    let number = s.permit_number();
    let html = page(print(&app, &s.police, s.permit_id()).await);

    assert!(html.contains(r#"<html dir="rtl" lang="fa">"#), "{html}");
    assert_eq!(field(&html, "directorate"), "اداره کل اموال استان آزمون");
    assert_eq!(field(&html, "agency"), "سازمان الف");
    // Numbers in Persian digits; the ASCII permit number appears only inside the URL.
    assert_eq!(field(&html, "permit_number"), persian_digits(number));
    assert_eq!(field(&html, "national_permit_number"), "۱۴۰۵-۷۷۸۸۱۲");
    assert_eq!(
        field(&html, "tracking_code"),
        persian_digits(s.tracking_code())
    );
    assert_eq!(field(&html, "year"), "۱۳۹۱");
    let url = format!("{BASE}/api/v1/permits/verify/{number}");
    assert_eq!(field(&html, "verification_url"), url);
    assert_eq!(html.matches(number).count(), 1, "{html}");
    // The plate, part by part, as drawn.
    let parts = &s.request["vehicle"]["plate_parts"];
    for (part, key) in [
        ("first", "first"),
        ("letter", "letter"),
        ("second", "second"),
        ("region", "region"),
    ] {
        let marker = format!("data-part=\"{part}\">{}<", persian_digits(text(parts, key)));
        assert!(html.contains(&marker), "{marker} in {html}");
    }
    assert!(html.contains(">ایران<"));
    // The vehicle as the police check it (codes stamped on the car as stamped).
    let v = &permit["vehicle"];
    assert_eq!(field(&html, "vin"), text(v, "vin"));
    assert_eq!(field(&html, "engine_number"), "124K0123456");
    assert_eq!(field(&html, "make"), "ایران خودرو");
    assert_eq!(field(&html, "model"), "سمند LX");
    // Validity in Jalali, Persian digits.
    assert!(
        html.contains(text(permit, "valid_until_jalali_time")),
        "{html}"
    );
    assert!(html.contains(text(permit, "issued_at_jalali")), "{html}");
    assert!(html.contains("<svg"), "the QR code is inline SVG");
    // A valid permit carries no void marks.
    assert!(html.contains(r#"<body class="valid">"#));
    assert!(!html.contains(r#"class="watermark""#), "{html}");
    // The verification URL's endpoint answers for this permit.
    let verified = app.verify_permit(number).await.json(200);
    assert_eq!(verified["status"], "issued");
}

#[tokio::test]
async fn the_page_loads_nothing_and_keeps_the_security_headers() {
    let app = app().await;
    let s = with_permit(&app).await;
    let reply = print(&app, &s.agency_a, s.permit_id()).await;
    let csp = reply.header("content-security-policy").to_owned();
    for header in [
        ("x-frame-options", "DENY"),
        ("x-content-type-options", "nosniff"),
        ("referrer-policy", "no-referrer"),
        ("cache-control", "no-store"),
    ] {
        assert_eq!(reply.header(header.0), header.1);
    }
    let html = page(reply);
    // The one style element is allowed by its hash; nothing else may load or run.
    let style = html
        .split("<style>")
        .nth(1)
        .and_then(|rest| rest.split("</style>").next())
        .expect("a style element");
    let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(style));
    assert!(csp.starts_with("default-src 'none';"), "{csp}");
    assert!(
        csp.contains(&format!("style-src 'sha256-{hash}'")),
        "{csp} / {hash}"
    );
    assert!(
        !csp.contains("unsafe-inline") && !csp.contains("script-src"),
        "{csp}"
    );
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    assert_eq!(html.matches("<style>").count(), 1);
    for external in [
        "<script",
        "<link",
        "src=",
        "href=",
        "url(",
        "@import",
        "@font-face",
    ] {
        assert!(!html.contains(external), "{external} in the page");
    }
    assert!(html.contains("@page"));
    // JSON routes keep the strict API policy.
    let json = app.permit(&s.agency_a, s.permit_id()).await;
    assert_eq!(
        json.header("content-security-policy"),
        "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
    );
}

#[tokio::test]
async fn hostile_values_print_as_text() {
    let app = spawn_app_with(|c| {
        c.permits.directorate_name = "<b>اداره</b>".parse().expect("name");
    })
    .await;
    let c = app.cast().await;
    let org = app
        .create_org(&c.admin, "agency", "<script>alert(1)</script> & \"x\"")
        .await;
    let (_, agency) = app
        .create_user(&c.admin, "agency", &org, "hostile-agency")
        .await;
    let mut body = new_request();
    body["vehicle"]["make"] = json!("<img src=x onerror=alert(2)>");
    body["vehicle"]["model"] = json!("\"><svg onload=alert(3)>");
    let r = app.file(&agency, &body).await.json(201);
    let id = text(&r, "id").to_owned();
    app.review(&c.directorate, &id).await.json(200);
    let mut issue = new_permit(app.now());
    issue["notes"] = json!("</style><style>body{display:none}</style>");
    let permit: Value = app
        .issue_permit(&c.directorate, &id, &issue)
        .await
        .json(201);
    let html = page(print(&app, &agency, text(&permit, "id")).await);

    for raw in [
        "<script>alert",
        "<img src=x",
        "<svg onload",
        "<b>اداره",
        "</style><style>",
    ] {
        assert!(!html.contains(raw), "{raw} unescaped in the page");
    }
    assert_eq!(
        field(&html, "agency"),
        "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;"
    );
    assert_eq!(field(&html, "make"), "&lt;img src=x onerror=alert(2)&gt;");
    assert_eq!(field(&html, "directorate"), "&lt;b&gt;اداره&lt;/b&gt;");
    assert!(html.contains("&lt;/style&gt;&lt;style&gt;body{display:none}&lt;/style&gt;"));
    assert_eq!(html.matches("<style>").count(), 1);
}

/// The words, watermark and class that mark a page void.
#[track_caller]
fn assert_void(html: &str, word: &str) {
    assert!(html.contains(r#"<body class="void">"#), "{html}");
    assert!(
        html.contains(&format!(
            r#"<div class="watermark" aria-hidden="true">{word}</div>"#
        )),
        "{word} watermark in {html}"
    );
    assert!(html.contains(r#"data-field="invalid""#), "{html}");
    assert!(html.contains(&format!("این مجوز فاقد اعتبار است ({word}).")));
}

#[tokio::test]
async fn a_revoked_permit_prints_void() {
    let app = app().await;
    let s = with_permit(&app).await;
    let valid = page(print(&app, &s.police, s.permit_id()).await);
    assert!(!valid.contains("باطل شده") && !valid.contains("فاقد اعتبار"));

    let revoke = json!({"reason_code": "issued_in_error", "notes": "شمارهٔ شاسی اشتباه"});
    app.post_as(
        &s.directorate,
        &format!("/permits/{}/revoke", s.permit_id()),
        &revoke,
    )
    .await
    .json(200);
    let html = page(print(&app, &s.police, s.permit_id()).await);
    assert_void(&html, "باطل شده");
    assert!(html.contains("ابطال شده است"), "{html}");
    assert!(
        html.contains("صدور اشتباه"),
        "the reason is printed: {html}"
    );
    assert_eq!(field(&html, "status"), "ابطال شده");
    // A national number with Latin letters prints as issued, to be typed back as it is.
    let national = text(&s.permit, "national_permit_number");
    assert!(national.starts_with("NV-"));
    assert_eq!(field(&html, "national_permit_number"), national);
}

#[tokio::test]
async fn expired_and_used_permits_print_void() {
    let app = app().await;
    let s = with_permit(&app).await;
    app.expire_permit(s.permit_id());
    let html = page(print(&app, &s.agency_a, s.permit_id()).await);
    assert_void(&html, "منقضی شده");

    let used = s.another().filed().await.reviewed().await;
    let used = used.permit_issued().await.plate_removed().await;
    let html = page(print(&app, &used.directorate, used.permit_id()).await);
    assert_void(&html, "استفاده شده");
}
