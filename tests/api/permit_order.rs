//! The printed permit as an official order (issue 31, point 5): the vehicle's colour and the
//! representative (national code checked) on filing, users' post, the signatory recorded at
//! issue, the order's letterhead/addressee/body on the printed page, and the administrator's
//! body template (checked, audited, restorable).

use serde_json::{json, Value};

use crate::helpers::*;

async fn app() -> TestApp {
    spawn_app_with(|c| {
        c.permits.order_ministry_line = "وزارت آزمون".parse().expect("ministry");
        c.permits.order_province = "استان آزمون".parse().expect("province");
        c.permits.order_addressee = "پلیس راهور استان آزمون".parse().expect("addressee");
        c.permits.directorate_name = "اداره کل اموال استان آزمون".parse().expect("name");
    })
    .await
}

/// A filing with a colour and a representative.
fn with_order_data(code: &str) -> Value {
    let mut body = new_request();
    body["vehicle"]["vehicle_colour"] = json!("سفید روغنی");
    body["representative"] =
        json!({"full_name": "علی رضایی", "national_code": code, "mobile": "۰۹۱۴۱۱۱۲۲۳۳"});
    body
}

/// The text of the element carrying `data-field="<name>"` (up to its first child tag).
#[track_caller]
fn field<'a>(html: &'a str, name: &str) -> &'a str {
    let marker = format!("data-field=\"{name}\">");
    let start = html
        .find(&marker)
        .unwrap_or_else(|| panic!("no {name} field in {html}"))
        + marker.len();
    let end = html[start..].find('<').map_or(html.len(), |e| start + e);
    &html[start..end]
}

/// The order's body as text (tags dropped).
#[track_caller]
fn body_text(html: &str) -> String {
    let marker = "data-field=\"order_body\">";
    let start = html.find(marker).expect("order body") + marker.len();
    let end = start + html[start..].find("</p>").expect("end of body");
    let mut out = String::new();
    let mut in_tag = false;
    for c in html[start..end].chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

async fn print(app: &TestApp, token: &str, permit_id: &str) -> String {
    let reply = app
        .get_as(token, &format!("/permits/{permit_id}/print"))
        .await;
    assert_eq!(reply.status, 200, "{}", reply.text);
    reply.text
}

#[track_caller]
fn field_error(problem: &Value, field: &str, code: &str) -> Value {
    problem["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .find(|e| e["field"] == field && e["code"] == code)
        .cloned()
        .unwrap_or_else(|| panic!("no {field}/{code} in {problem}"))
}

#[tokio::test]
async fn national_codes_are_checked_by_their_check_digit() {
    let app = spawn_app().await;
    let c = app.cast().await;
    // Valid in ASCII, Persian and Arabic-Indic digits, with spaces or dashes: stored in ASCII.
    for code in ["0012345679", "۰۰۱۲۳۴۵۶۷۹", "٠٠١-٢٣٤٥٦٧-٩", " 001 234 5679 "] {
        let r = app
            .file(&c.agency_a, &with_order_data(code))
            .await
            .json(201);
        assert_eq!(r["representative"]["national_code"], "0012345679", "{code}");
    }
    // A wrong check digit, ten equal digits, too few digits, letters: 422 naming the field.
    for (code, why) in [
        ("0012345678", "رقم کنترل"),
        ("۰۰۱۲۳۴۵۶۷۸", "رقم کنترل"),
        ("1111111111", "رقم کنترل"),
        ("12345", "۱۰ رقم"),
        ("00123456x9", "۱۰ رقم"),
    ] {
        let problem = app
            .file(&c.agency_a, &with_order_data(code))
            .await
            .problem(422, "validation_failed");
        let e = field_error(
            &problem,
            "representative.national_code",
            "invalid_national_code",
        );
        assert!(text(&e, "message").contains(why), "{code}: {e}");
    }
    // In English when asked.
    let problem = app
        .call(
            reqwest::Method::POST,
            "/requests",
            Some(&c.agency_a),
            Some(&with_order_data("0012345678")),
            &[("accept-language", "en")],
        )
        .await
        .problem(422, "validation_failed");
    let e = field_error(
        &problem,
        "representative.national_code",
        "invalid_national_code",
    );
    assert!(text(&e, "message").contains("check digit"), "{e}");
    // Every representative field is named at once, with the vehicle's colour.
    let mut body = new_request();
    body["vehicle"]["vehicle_colour"] = json!("س");
    body["representative"] = json!({"full_name": " ", "national_code": "", "mobile": "123"});
    let problem = app
        .file(&c.agency_a, &body)
        .await
        .problem(422, "validation_failed");
    field_error(&problem, "representative.full_name", "required");
    field_error(&problem, "representative.national_code", "required");
    field_error(&problem, "representative.mobile", "invalid_mobile");
    field_error(&problem, "vehicle.vehicle_colour", "too_short");
    // An unknown member of `representative` is refused too.
    let mut body = with_order_data("0012345679");
    body["representative"]["father_name"] = json!("حسن");
    assert_eq!(app.file(&c.agency_a, &body).await.status, 422);
}

#[tokio::test]
async fn colour_and_representative_round_trip() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let filed = app
        .file(&c.agency_a, &with_order_data("۱۲۳۴۵۶۷۸۹۱"))
        .await
        .json(201);
    let id = text(&filed, "id");
    for token in [&c.agency_a, &c.directorate, &c.admin] {
        let r = app.request_of(token, id).await;
        assert_eq!(r["vehicle"]["vehicle_colour"], "سفید روغنی");
        assert_eq!(
            r["representative"],
            json!({"full_name": "علی رضایی", "national_code": "1234567891", "mobile": "09141112233"})
        );
    }
    // Personal data: not for the registry account.
    let r = app.request_of(&c.registry, id).await;
    assert_eq!(r["representative"], Value::Null);
    assert_eq!(r["vehicle"]["vehicle_colour"], "سفید روغنی");
    // Optional: a filing without them shows nulls.
    let plain = app.file_request(&c.agency_a).await;
    assert_eq!(plain["representative"], Value::Null);
    assert_eq!(plain["vehicle"]["vehicle_colour"], Value::Null);
    // The permit's vehicle carries the colour and type too.
    app.review(&c.directorate, id).await.json(200);
    let permit = app
        .issue_permit(&c.directorate, id, &new_permit(app.now()))
        .await
        .json(201);
    assert_eq!(permit["vehicle"]["vehicle_colour"], "سفید روغنی");
    assert_eq!(permit["vehicle"]["vehicle_type"], "passenger_car");
    assert_eq!(permit["vehicle"]["vehicle_type_label_fa"], "سواری");
}

#[tokio::test]
async fn users_carry_a_full_name_and_a_post() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let body = json!({
        "username": "m.karimi",
        "full_name": "  مريم   كريمی ",
        "position": "معاون اموال دولتی",
        "role": "directorate",
        "organisation_id": c.org_directorate,
        "password": USER_PASSWORD,
    });
    let user = app.post_as(&c.admin, "/users", &body).await.json(201);
    assert_eq!(user["full_name"], "مریم کریمی");
    assert_eq!(user["position"], "معاون اموال دولتی");
    let id = text(&user, "id");
    let read = app
        .get_as(&c.admin, &format!("/users/{id}"))
        .await
        .json(200);
    assert_eq!(read["position"], "معاون اموال دولتی");

    // Invalid: a one-letter name and post, named at once.
    let mut bad = body.clone();
    bad["username"] = json!("other.user");
    bad["full_name"] = json!("م");
    bad["position"] = json!("م");
    let problem = app
        .post_as(&c.admin, "/users", &bad)
        .await
        .problem(422, "validation_failed");
    field_error(&problem, "full_name", "too_short");
    field_error(&problem, "position", "too_short");

    // The administrator changes the post, then removes it with null.
    let path = format!("/users/{id}");
    let changed = app
        .patch_as(&c.admin, &path, &json!({"position": "مدیر کل"}))
        .await
        .json(200);
    assert_eq!(changed["position"], "مدیر کل");
    assert_eq!(changed["full_name"], "مریم کریمی");
    let problem = app
        .patch_as(&c.admin, &path, &json!({"position": "x".repeat(101)}))
        .await
        .problem(422, "validation_failed");
    field_error(&problem, "position", "too_long");
    let removed = app
        .patch_as(&c.admin, &path, &json!({"position": null}))
        .await
        .json(200);
    assert_eq!(removed["position"], Value::Null);
    // Not an administrator's: 403.
    app.patch_as(&c.directorate, &path, &json!({"position": "مدیر کل"}))
        .await
        .problem(403, "forbidden");
}

/// Sets the post of the user signed in with `token`.
async fn set_post(app: &TestApp, admin: &str, token: &str, name: &str, post: Value) {
    let me = app.me(token).await.json(200);
    let path = format!("/users/{}", text(&me, "id"));
    app.patch_as(admin, &path, &json!({"full_name": name, "position": post}))
        .await
        .json(200);
}

#[tokio::test]
async fn the_issuing_user_is_recorded_as_signatory() {
    let app = app().await;
    let s = Scenario::new(&app).await;
    set_post(
        &app,
        &s.admin,
        &s.directorate,
        "مریم کریمی",
        json!("معاون اموال دولتی"),
    )
    .await;
    let s = s.filed().await.reviewed().await.permit_issued().await;
    let signatory = json!({"full_name": "مریم کریمی", "position": "معاون اموال دولتی"});
    assert_eq!(s.permit["signatory"], signatory);
    // A later change of name or post does not rewrite the signed order.
    set_post(
        &app,
        &s.admin,
        &s.directorate,
        "مریم کریمی‌نژاد",
        json!("مدیر کل"),
    )
    .await;
    let permit = app.permit(&s.police, s.permit_id()).await.json(200);
    assert_eq!(permit["signatory"], signatory);
    let html = print(&app, &s.police, s.permit_id()).await;
    assert_eq!(field(&html, "signatory_name"), "مریم کریمی");
    assert_eq!(field(&html, "signatory_position"), "معاون اموال دولتی");
    // A signatory without a post prints the name alone.
    set_post(&app, &s.admin, &s.directorate, "رضا مرادی", Value::Null).await;
    let other = s
        .another()
        .filed()
        .await
        .reviewed()
        .await
        .permit_issued()
        .await;
    assert_eq!(
        other.permit["signatory"],
        json!({"full_name": "رضا مرادی", "position": null})
    );
    let html = print(&app, &s.police, other.permit_id()).await;
    assert_eq!(field(&html, "signatory_name"), "رضا مرادی");
    assert!(!html.contains("data-field=\"signatory_position\""));
}

#[tokio::test]
async fn the_printed_order_names_everything() {
    let app = app().await;
    let mut s = Scenario::new(&app).await;
    set_post(
        &app,
        &s.admin,
        &s.directorate,
        "مریم کریمی",
        json!("معاون اموال دولتی"),
    )
    .await;
    let mut body = with_order_data("۰۰۱۲۳۴۵۶۷۹");
    body["vehicle"]["plate"] = json!("۲۴ الف ۳۶۵ ایران ۱۵");
    body["letter"] = json!({"number": "۷۸۹/ص/۱۲", "date": "1405/07/20"});
    s.request = app.file(&s.agency_a, &body).await.json(201);
    let s = s.reviewed().await.permit_issued().await;
    let org = app
        .get_as(&s.admin, &format!("/organisations/{}", s.org_a))
        .await
        .json(200);
    let legal_id = persian_digits(text(&org, "national_id"));
    let html = print(&app, &s.police, s.permit_id()).await;

    // Letterhead, number/date/attachment block, addressee.
    assert_eq!(field(&html, "ministry"), "وزارت آزمون");
    assert_eq!(field(&html, "directorate"), "اداره کل اموال استان آزمون");
    assert_eq!(field(&html, "province"), "استان آزمون");
    assert_eq!(
        field(&html, "permit_number"),
        persian_digits(s.permit_number())
    );
    let issued_on = text(&s.permit, "issued_at_jalali")
        .split(' ')
        .next()
        .unwrap();
    assert_eq!(field(&html, "issued_on"), issued_on);
    assert_eq!(field(&html, "attachment"), "ندارد");
    assert_eq!(field(&html, "addressee"), "پلیس راهور استان آزمون");
    assert!(html.contains("ریاست محترم "));
    // The body, from the built-in template, with the data.
    let body = body_text(&html);
    for want in [
        "بازگشت به نامهٔ شمارهٔ ۷۸۹/ص/۱۲ مورخ ۱۴۰۵/۰۷/۲۰ سازمان الف",
        &format!("به شناسهٔ ملی {legal_id}"),
        "خودروی سواری ایران خودرو سمند LX مدل ۱۳۹۱ به رنگ سفید روغنی",
        "به شمارهٔ انتظامی ۲۴ الف ۳۶۵ ایران ۱۵",
        &format!("شمارهٔ شناسایی (VIN) {}", text(&s.request["vehicle"], "vin")),
        "شمارهٔ موتور 124K0123456",
        "به علت «فروش از طریق مزایده» موافقت می‌شود",
        "خودرو توسط علی رضایی به کد ملی ۰۰۱۲۳۴۵۶۷۹، نمایندهٔ دستگاه، تحویل می‌گردد.",
        "این مجوز تا پایان روز ",
    ] {
        assert!(body.contains(want), "«{want}» in «{body}»");
    }
    assert!(!body.contains('{') && !body.contains('['), "{body}");
    // Each value is isolated for the bidi algorithm; codes left to right.
    assert!(
        html.contains(r#"<bdi data-value="plate">۲۴ الف ۳۶۵ ایران ۱۵</bdi>"#),
        "{html}"
    );
    assert!(html
        .contains(r#"<bdi class="code" dir="ltr" data-value="engine_number">124K0123456</bdi>"#));
    // The signatory, and the roadside table's new rows.
    assert_eq!(field(&html, "signatory_name"), "مریم کریمی");
    assert_eq!(field(&html, "signatory_position"), "معاون اموال دولتی");
    assert_eq!(field(&html, "vehicle_colour"), "سفید روغنی");
    assert_eq!(field(&html, "vehicle_type"), "سواری");
    assert_eq!(field(&html, "agency_legal_id"), legal_id);
    assert_eq!(field(&html, "representative"), "علی رضایی، کد ملی ");
    assert_eq!(field(&html, "representative_national_code"), "۰۰۱۲۳۴۵۶۷۹");
}

#[tokio::test]
async fn an_old_request_prints_without_empty_placeholders() {
    let app = app().await;
    // Filed without colour or representative (as before they were asked); the vehicle has a
    // chassis number and no VIN.
    let mut s = Scenario::new(&app).await;
    let mut body = new_request();
    body["vehicle"]["vin"] = Value::Null;
    body["vehicle"]["chassis_number"] = json!("IRFC841V3AJ12");
    s.request = app.file(&s.agency_a, &body).await.json(201);
    let s = s.reviewed().await.permit_issued().await;
    let html = print(&app, &s.police, s.permit_id()).await;
    let body = body_text(&html);
    assert!(!body.contains('{') && !body.contains('}'), "{body}");
    assert!(!body.contains('[') && !body.contains(']'), "{body}");
    for absent in ["به رنگ", "کد ملی", "نمایندهٔ دستگاه", "(VIN)", "—"] {
        assert!(!body.contains(absent), "«{absent}» in «{body}»");
    }
    assert!(
        body.contains("شمارهٔ شاسی IRFC841V3AJ12"),
        "the chassis number stands in for the VIN: {body}"
    );
    assert!(!body.contains("  "), "no gap left: «{body}»");
    assert_eq!(field(&html, "vehicle_colour"), "در پرونده ثبت نشده است");
    assert_eq!(field(&html, "representative"), "در پرونده ثبت نشده است");
}

#[tokio::test]
async fn hostile_order_data_prints_as_text() {
    let app = app().await;
    let mut s = Scenario::new(&app).await;
    let mut body = with_order_data("0012345679");
    body["vehicle"]["vehicle_colour"] = json!("<b>سفید</b>");
    body["representative"]["full_name"] = json!("<script>alert(1)</script>");
    s.request = app.file(&s.agency_a, &body).await.json(201);
    let s = s.reviewed().await.permit_issued().await;
    let html = print(&app, &s.police, s.permit_id()).await;
    assert!(!html.contains("<script>alert") && !html.contains("<b>سفید"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert_eq!(field(&html, "vehicle_colour"), "&lt;b&gt;سفید&lt;/b&gt;");
}

#[tokio::test]
async fn the_template_is_edited_checked_audited_and_restored() {
    let app = app().await;
    let s = Scenario::new(&app).await.filed().await.reviewed().await;
    let s = s.permit_issued().await;
    let path = "/permit-template";
    // Admin only.
    for token in [&s.directorate, &s.police, &s.agency_a, &s.registry] {
        app.get_as(token, path).await.problem(403, "forbidden");
        app.call(
            reqwest::Method::PUT,
            path,
            Some(token),
            Some(&json!({"body": "x {plate}"})),
            &[],
        )
        .await
        .problem(403, "forbidden");
        app.delete_as(token, path).await.problem(403, "forbidden");
    }
    let built_in = app.get_as(&s.admin, path).await.json(200);
    assert_eq!(built_in["overridden"], false);
    assert_eq!(built_in["body"], built_in["default_body"]);
    let placeholders = built_in["placeholders"].as_array().unwrap();
    let colour = placeholders.iter().find(|p| p["name"] == "colour").unwrap();
    assert_eq!(colour["optional"], true);
    assert!(placeholders
        .iter()
        .any(|p| p["name"] == "plate" && p["optional"] == false));

    let put = |body: Value| {
        let app = &app;
        let admin = s.admin.clone();
        async move {
            app.call(reqwest::Method::PUT, path, Some(&admin), Some(&body), &[])
                .await
        }
    };
    // Refused texts, each naming `body`.
    for (text_, code) in [
        ("پلاک {plate} و {owner}", "unknown_placeholder"),
        ("به رنگ {colour}", "optional_placeholder_outside_brackets"),
        ("پلاک {plate", "invalid_template"),
        ("[ رنگ {colour}", "invalid_template"),
        ("[[ {colour}]]", "invalid_template"),
        ("  ", "required"),
    ] {
        let problem = put(json!({ "body": text_ }))
            .await
            .problem(422, "validation_failed");
        let e = field_error(&problem, "body", code);
        assert!(!text(&e, "message").is_empty());
    }
    let long = "الف".repeat(1400);
    let problem = put(json!({ "body": long }))
        .await
        .problem(422, "validation_failed");
    field_error(&problem, "body", "too_long");

    // A new text applies to the next print, a reprint of this permit too.
    let custom = "دستور فک پلاک {plate}[ به رنگ {colour}] صادر شد؛ دستگاه: {agency_name}. سال 1405.";
    let saved = put(json!({ "body": custom })).await.json(200);
    assert_eq!(saved["overridden"], true);
    assert_eq!(saved["body"], custom);
    assert!(saved["updated_at"].is_string());
    let html = print(&app, &s.police, s.permit_id()).await;
    let body = body_text(&html);
    assert!(body.starts_with("دستور فک پلاک "), "{body}");
    assert!(
        body.ends_with("صادر شد؛ دستگاه: سازمان الف. سال ۱۴۰۵."),
        "{body}"
    );
    assert!(!body.contains("به رنگ"), "no colour on file: {body}");
    assert_eq!(app.get_as(&s.admin, path).await.json(200)["body"], custom);

    // Restored: with DELETE, and with `body: null`.
    let restored = app.delete_as(&s.admin, path).await.json(200);
    assert_eq!(restored["overridden"], false);
    assert_eq!(restored["body"], restored["default_body"]);
    put(json!({ "body": custom })).await.json(200);
    let restored = put(json!({ "body": null })).await.json(200);
    assert_eq!(restored["overridden"], false);
    let html = print(&app, &s.police, s.permit_id()).await;
    assert!(body_text(&html).starts_with("با سلام و احترام؛"));

    // Audited, newest first, each with the text in effect from then on; refusals left nothing.
    let entries = app.items(&s.admin, "/audit?subject=permit_order").await;
    let acts: Vec<&str> = entries.iter().map(|e| text(e, "action")).collect();
    assert_eq!(
        acts,
        [
            "permit_template.restored",
            "permit_template.updated",
            "permit_template.restored",
            "permit_template.updated"
        ]
    );
    assert!(entries
        .iter()
        .all(|e| e["subject_kind"] == "permit_template"));
    assert_eq!(entries[0]["detail"]["body"], restored["default_body"]);
    assert_eq!(entries[1]["detail"]["body"], custom);
}
