//! The verification the printed QR code opens (issue 31, points 1 and 2): JSON for API
//! clients and a Persian page for people on the same URL (`Vary: Accept`), the signed facts the
//! URL carries (valid, altered, absent), the published public keys and their rotation.

use plate_permits::permits::signing::{self, Facts, PermitSigner};
use reqwest::Method;
use serde_json::{json, Value};

use crate::helpers::*;

const BROWSER: &str = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

async fn issued(app: &TestApp) -> Scenario<'_> {
    let s = Scenario::new(app).await.filed().await.reviewed().await;
    s.permit_issued().await
}

/// The service's own signer (the same key file in the app's `DATA_DIR`).
fn signer(app: &TestApp) -> PermitSigner {
    PermitSigner::load_or_create(&app.config, &app.clock).expect("signer")
}

fn valid_until(permit: &Value) -> chrono::NaiveDateTime {
    chrono::DateTime::parse_from_rfc3339(text(permit, "valid_until"))
        .expect("valid_until")
        .naive_utc()
}

/// The path under `/api/v1` of the URL the printed QR code carries.
fn signed_path(app: &TestApp, permit: &Value) -> String {
    let url = signer(app).signed_url(
        "http://x",
        &Facts {
            permit_number: text(permit, "permit_number"),
            plate: text(permit, "plate"),
            valid_until: valid_until(permit),
        },
    );
    url.trim_start_matches("http://x/api/v1").to_owned()
}

async fn get(app: &TestApp, path: &str, accept: Option<&str>) -> Reply {
    let headers: Vec<(&str, &str)> = accept.map(|a| ("accept", a)).into_iter().collect();
    app.call(Method::GET, path, None, None, &headers).await
}

/// `path` with query parameter `name` replaced by `value` (form-urlencoded).
fn with_param(path: &str, name: &str, value: &str) -> String {
    let (base, query) = path.split_once('?').expect("query");
    let pairs: Vec<(String, String)> = url::form_urlencoded::parse(query.as_bytes())
        .map(|(k, v)| {
            let v = if k == name {
                value.to_owned()
            } else {
                v.into_owned()
            };
            (k.into_owned(), v)
        })
        .collect();
    let q = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish();
    format!("{base}?{q}")
}

#[tokio::test]
async fn the_signed_url_checks_and_altered_facts_are_refused() {
    let app = spawn_app().await;
    let s = issued(&app).await;
    let path = signed_path(&app, &s.permit);
    assert!(path.contains("?p=") && path.contains("&k=") && path.contains("&s="));

    let v = get(&app, &path, Some("application/json")).await;
    assert!(varies_by_accept(&v), "{}", v.header("vary"));
    let v = v.json(200);
    assert_eq!(v["signature"], "valid", "{v}");
    assert_eq!(v["status"], "issued");

    // Another plate, another date, another key, a damaged signature: `invalid`.
    let plate = text(&s.permit, "plate");
    let other_plate = if plate.starts_with("11") {
        plate.replacen("11", "12", 1)
    } else {
        format!("11{}", &plate[2..])
    };
    let later = signing::format_instant(valid_until(&s.permit) + chrono::TimeDelta::days(30));
    for tampered in [
        with_param(&path, "p", &other_plate),
        with_param(&path, "u", &later),
        with_param(&path, "u", "2099-01-01"),
        with_param(&path, "k", "AAAAAAAA"),
        with_param(&path, "s", "AAAA"),
    ] {
        let v = get(&app, &tampered, None).await.json(200);
        assert_eq!(v["signature"], "invalid", "{tampered}: {v}");
    }
    // Half a signature is no signature.
    let number = s.permit_number();
    let half = format!("/permits/verify/{number}?k=AAAAAAAA");
    assert_eq!(
        get(&app, &half, None).await.json(200)["signature"],
        "invalid"
    );
    // A number typed by hand: no signature to check.
    let typed = app.verify_permit(number).await.json(200);
    assert_eq!(typed["signature"], "absent");

    // The page says the same in words.
    let page = html(get(&app, &path, Some(BROWSER)).await, 200);
    assert!(page.contains(r#"data-signature="valid""#), "{page}");
    assert!(page.contains(r#"<body class="ok">"#), "{page}");
    let page = html(
        get(&app, &with_param(&path, "p", &other_plate), Some(BROWSER)).await,
        200,
    );
    assert!(page.contains(r#"data-signature="invalid""#), "{page}");
    assert!(page.contains(r#"<body class="bad">"#));
    assert!(page.contains("دستکاری یا جعل"), "{page}");
}

/// Whether `Vary` names `Accept` (beside what the CORS layer adds).
fn varies_by_accept(reply: &Reply) -> bool {
    reply
        .headers
        .get_all("vary")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|v| v.trim().eq_ignore_ascii_case("accept"))
}

/// The page, asserting its status, type and protections.
#[track_caller]
fn html(reply: Reply, status: u16) -> String {
    assert_eq!(reply.status, status, "{}", reply.text);
    assert_eq!(reply.header("content-type"), "text/html; charset=utf-8");
    assert!(varies_by_accept(&reply), "{}", reply.header("vary"));
    assert_eq!(reply.header("content-language"), "fa");
    let csp = reply.header("content-security-policy").to_owned();
    assert!(
        csp.starts_with("default-src 'none'; style-src 'sha256-"),
        "{csp}"
    );
    assert!(
        !csp.contains("unsafe") && !csp.contains("script-src"),
        "{csp}"
    );
    assert!(!reply.text.contains("<script"), "no script");
    reply.text
}

#[tokio::test]
async fn a_browser_gets_a_persian_page_and_api_clients_json() {
    let app = spawn_app().await;
    let s = issued(&app).await;
    let number = s.permit_number().to_owned();
    let path = format!("/permits/verify/{number}");
    // JSON unless HTML is asked for by name at least as highly.
    for accept in [
        None,
        Some("*/*"),
        Some("application/json"),
        Some("application/json, text/html;q=0.5"),
        Some("text/html;q=0"),
    ] {
        let reply = get(&app, &path, accept).await;
        assert!(varies_by_accept(&reply), "{accept:?}");
        assert!(
            reply.header("content-type").starts_with("application/json"),
            "{accept:?}: {}",
            reply.header("content-type")
        );
    }
    for accept in [BROWSER, "text/html", "application/json;q=0.5, text/html"] {
        let page = html(get(&app, &path, Some(accept)).await, 200);
        assert!(page.starts_with("<!DOCTYPE html>"));
        assert!(page.contains(r#"<html dir="rtl" lang="fa">"#));
    }
    let page = html(get(&app, &path, Some(BROWSER)).await, 200);
    assert!(page.contains(r#"name="viewport" content="width=device-width, initial-scale=1""#));
    // The verdict in words, the number in groups of four (Persian digits, isolated left to
    // right), the validity with its weekday, no signature to check on a typed number.
    assert!(
        page.contains(r#"data-field="verdict_word">معتبر<"#),
        "{page}"
    );
    let groups = format!("{} {} {}", &number[..4], &number[4..8], &number[8..]);
    assert!(
        page.contains(&format!(
            r#"<bdi dir="ltr" class="number" data-field="permit_number">{}</bdi>"#,
            persian_digits(&groups)
        )),
        "{page}"
    );
    let weekdays = [
        "شنبه",
        "یکشنبه",
        "دوشنبه",
        "سه‌شنبه",
        "چهارشنبه",
        "پنجشنبه",
        "جمعه",
    ];
    let until = page
        .split(r#"data-field="valid_until">"#)
        .nth(1)
        .and_then(|r| r.split('<').next())
        .unwrap_or_default();
    assert!(weekdays.iter().any(|w| until.starts_with(w)), "{until}");
    assert!(!until.chars().any(|c| c.is_ascii_digit()), "{until}");
    assert!(page.contains(r#"data-signature="absent""#));
    // The plate in its own left-to-right isolate, its middle digits hidden (no signature).
    assert!(page.contains(r#"dir="ltr" role="img""#), "{page}");
    assert!(page.contains(r#"data-part="second">***<"#), "{page}");
    // Signed: the whole plate.
    let signed = html(
        get(&app, &signed_path(&app, &s.permit), Some(BROWSER)).await,
        200,
    );
    let second = text(&s.request["vehicle"]["plate_parts"], "second");
    assert!(
        signed.contains(&format!(
            r#"data-part="second">{}<"#,
            persian_digits(second)
        )),
        "{signed}"
    );
    // The JSON's masked plate is isolated too.
    let v = get(&app, &path, None).await.json(200);
    let masked = text(&v, "plate_masked");
    assert!(
        masked.starts_with('\u{2066}') && masked.ends_with('\u{2069}'),
        "{masked:?}"
    );
}

#[tokio::test]
async fn a_void_permit_and_a_wrong_number_are_red_pages() {
    let app = spawn_app().await;
    let s = issued(&app).await;
    let number = s.permit_number().to_owned();
    let path = signed_path(&app, &s.permit);
    app.post_as(
        &s.directorate,
        &format!("/permits/{}/revoke", s.permit_id()),
        &json!({"reason_code": "issued_in_error"}),
    )
    .await
    .json(200);
    let page = html(get(&app, &path, Some(BROWSER)).await, 200);
    assert!(page.contains(r#"<body class="bad">"#), "{page}");
    assert!(
        page.contains(r#"data-field="verdict_word">فاقد اعتبار<"#),
        "{page}"
    );
    assert!(page.contains("ابطال شده"));
    // Revoked, the paper's signature still matches: it is genuine, and void.
    assert!(page.contains(r#"data-signature="valid""#));

    // A mistyped number: the 422 as a page; a well-formed unknown one: the 404 as a page.
    let mut typo: Vec<char> = number.chars().collect();
    typo[5] = if typo[5] == '0' { '1' } else { '0' };
    let typo: String = typo.into_iter().collect();
    let page = html(
        get(&app, &format!("/permits/verify/{typo}"), Some(BROWSER)).await,
        422,
    );
    assert!(page.contains("اشتباه تایپی"), "{page}");
    let page = html(
        get(&app, "/permits/verify/123456789010", Some(BROWSER)).await,
        404,
    );
    assert!(
        page.contains(r#"data-field="verdict_word">مجوز یافت نشد<"#),
        "{page}"
    );
    // JSON clients keep their problems, with `Vary: Accept`.
    let reply = get(&app, &format!("/permits/verify/{typo}"), None).await;
    assert!(varies_by_accept(&reply), "{}", reply.header("vary"));
    reply.problem(422, "invalid_code");
}

#[tokio::test]
async fn a_page_over_the_rate_limit_is_a_429_page_with_retry_after() {
    let app = spawn_app_with(|c| c.http.public_rate_limit_per_minute = 1).await;
    let path = "/permits/verify/123456789010";
    html(get(&app, path, Some(BROWSER)).await, 404);
    let reply = get(&app, path, Some(BROWSER)).await;
    assert!(!reply.header("retry-after").is_empty());
    assert!(reply.header("ratelimit").starts_with("\"verify\""));
    html(reply, 429);
}

#[tokio::test]
async fn public_keys_are_published_and_a_rotation_keeps_the_old_one_verifying() {
    let app = spawn_app().await;
    let s = issued(&app).await;
    let before = signed_path(&app, &s.permit);

    let keys = get(&app, "/permits/signing-keys", None).await;
    assert!(keys.header("cache-control").contains("max-age"));
    let keys = keys.json(200);
    assert_eq!(keys["algorithm"], "Ed25519");
    assert_eq!(
        keys["message_format"],
        "PP1|<permit_number>|<plate>|<valid_until>"
    );
    let list = keys["keys"].as_array().cloned().unwrap_or_default();
    assert_eq!(list.len(), 1, "{keys}");
    assert_eq!(list[0]["status"], "active");
    assert_eq!(list[0]["retired_at"], Value::Null);
    let old_id = text(&list[0], "key_id").to_owned();
    assert_eq!(old_id.len(), 8);
    assert!(before.contains(&format!("k={old_id}")), "{before}");
    // The public key is 32 bytes, base64url without padding.
    assert_eq!(text(&list[0], "public_key").len(), 43);
    // Not a permit id.
    assert_eq!(get(&app, "/permits/signing-keys", None).await.status, 200);

    // Rotated (the CLI's function, on the running service's DATA_DIR).
    std::thread::sleep(std::time::Duration::from_millis(20));
    let (new_id, retired) = signing::rotate(&app.config, &app.clock).expect("rotate");
    assert_eq!(retired, vec![old_id.clone()]);
    let keys = get(&app, "/permits/signing-keys", None).await.json(200);
    let list = keys["keys"].as_array().cloned().unwrap_or_default();
    assert_eq!(list.len(), 2, "{keys}");
    assert_eq!(list[0]["key_id"], old_id.as_str());
    assert_eq!(list[0]["status"], "retired");
    assert!(list[0]["retired_at"].is_string());
    assert_eq!(list[1]["key_id"], new_id.as_str());
    assert_eq!(list[1]["status"], "active");
    // The paper printed before still verifies; a new print is signed with the new key.
    let v = get(&app, &before, None).await.json(200);
    assert_eq!(v["signature"], "valid", "{v}");
    let after = signed_path(&app, &s.permit);
    assert!(after.contains(&format!("k={new_id}")), "{after}");
    assert_eq!(
        get(&app, &after, None).await.json(200)["signature"],
        "valid"
    );
}

#[tokio::test]
async fn the_printed_page_keeps_the_typeable_url_and_its_qr_signs() {
    let app = spawn_app().await;
    let s = issued(&app).await;
    let reply = app
        .get_as(&s.police, &format!("/permits/{}/print", s.permit_id()))
        .await;
    assert_eq!(reply.status, 200);
    // The URL printed for typing is the short one; the QR code (numbers only) is not text.
    let number = s.permit_number();
    assert!(reply
        .text
        .contains(&format!("/api/v1/permits/verify/{number}<")));
    assert!(
        !reply.text.contains("&amp;s="),
        "the signature is in the QR code only"
    );
}

#[tokio::test]
async fn the_rotate_signing_key_subcommand_rotates_under_a_running_service() {
    let app = spawn_app().await;
    let s = issued(&app).await;
    let before = signed_path(&app, &s.permit);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_plate-permits"))
        .arg("rotate-signing-key")
        .env("DATA_DIR", &app.config.data_dir)
        .env("DATABASE_URL", &app.db.url)
        .env("RUST_LOG", "warn")
        .output()
        .expect("run plate-permits");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.starts_with("new permit-signing key: "), "{stdout}");
    assert!(stdout.contains("retired (still verifying): "), "{stdout}");
    // The running service sees it without a restart; the file stays private.
    let keys = get(&app, "/permits/signing-keys", None).await.json(200);
    assert_eq!(keys["keys"].as_array().map(Vec::len), Some(2), "{keys}");
    {
        use std::os::unix::fs::PermissionsExt;
        let file = app.config.data_dir.join(signing::KEYS_FILE);
        let mode = std::fs::metadata(file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "{mode:o}");
    }
    assert_eq!(
        get(&app, &before, None).await.json(200)["signature"],
        "valid"
    );
}
