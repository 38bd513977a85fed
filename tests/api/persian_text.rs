//! Persian text: one key for names (ZWNJ and space, diacritics, Arabic letter forms, tatweel),
//! Persian digits and Persian words in Persian messages, query errors that name the parameter
//! and the reason, and `PREFER_PERSIAN`.

use reqwest::Method;
use serde_json::{json, Value};

use crate::helpers::*;

fn organisation(name: &str) -> Value {
    json!({"name": name, "kind": "agency", "national_id": random_national_id()})
}

/// Creates the first organisation and answers the problem for the second.
async fn second_name(app: &TestApp, first: &str, second: &str) -> Value {
    let admin = app.admin_token().await;
    app.post_as(&admin, "/organisations", &organisation(first))
        .await
        .json(201);
    app.post_as(&admin, "/organisations", &organisation(second))
        .await
        .problem(409, "duplicate")
}

#[tokio::test]
async fn organisation_names_differing_by_zwnj_or_space_are_one_name() {
    let app = spawn_app().await;
    let p = second_name(&app, "اداره کل اموال", "اداره\u{200C}کل اموال").await;
    assert_eq!(p["field"], "name");
}

/// Issue 33 row 10: invisible characters (tag block, deprecated format controls, Hangul
/// fillers, soft hyphen, U+034F, U+180E, U+FFF9) do not make a second name, and are not kept
/// in the name shown.
#[tokio::test]
async fn organisation_names_with_invisible_characters_are_the_clean_name() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let clean = app
        .post_as(&admin, "/organisations", &organisation("سازمان نمونه شمال"))
        .await
        .json(201);
    assert_eq!(clean["name"], "سازمان نمونه شمال");
    for variant in [
        "سازمان\u{E0041}\u{E0064}\u{E007F} نمونه شمال",
        "\u{E0001}سازمان نمونه شمال\u{E0000}",
        "سازمان\u{206A} نمونه\u{206F} شمال",
        "سازمان نمونه\u{3164} شمال\u{115F}\u{1160}\u{FFA0}",
        "ساز\u{00AD}مان نمو\u{034F}نه شم\u{180E}ال\u{FFF9}\u{FFFB}",
    ] {
        let p = app
            .post_as(&admin, "/organisations", &organisation(variant))
            .await
            .problem(409, "duplicate");
        assert_eq!(p["field"], "name", "{variant:?}");
    }
    // Stored for display without them.
    let tagged = app
        .post_as(
            &admin,
            "/organisations",
            &organisation("سازمان\u{E0041} دیگر\u{206B}\u{3164}"),
        )
        .await
        .json(201);
    assert_eq!(tagged["name"], "سازمان دیگر");
}

#[tokio::test]
async fn organisation_names_differing_by_diacritics_arabic_letters_or_tatweel_are_one_name() {
    let app = spawn_app().await;
    let p = second_name(&app, "اداره کل اموال کشور", "اِدارهٔ كُلّ امـــوال ڪشور").await;
    assert_eq!(p["field"], "name");
    let admin = app.admin_token().await;
    for variant in [
        "\u{202B}اداره کل اموال کشور\u{202C}",
        "اداره\u{200C}كل اموال كشور",
        "اداره كل اموال كشور\u{200F}",
    ] {
        let p = app
            .post_as(&admin, "/organisations", &organisation(variant))
            .await
            .problem(409, "duplicate");
        assert_eq!(p["field"], "name", "{variant:?}");
    }
}

#[tokio::test]
async fn display_names_keep_zwnj_and_lose_bidi_controls() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let created = app
        .post_as(
            &admin,
            "/organisations",
            &organisation("\u{202E}اداره\u{200C}کل راھ"),
        )
        .await
        .json(201);
    assert_eq!(created["name"], "اداره\u{200C}کل راه");
}

#[tokio::test]
async fn a_length_limit_is_said_with_persian_digits() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let long = "ا".repeat(201);
    let p = app
        .post_as(&admin, "/organisations", &organisation(&long))
        .await
        .problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["field"], "name");
    assert_eq!(p["errors"][0]["message"], "حداکثر ۲۰۰ نویسه مجاز است.");
    let english = [("accept-language", "en")];
    let reply = app
        .call(
            Method::POST,
            "/organisations",
            Some(&admin),
            Some(&organisation(&long)),
            &english,
        )
        .await;
    let p = reply.problem(422, "validation_failed");
    assert_eq!(
        p["errors"][0]["message"],
        "At most 200 characters are allowed."
    );
}

#[tokio::test]
async fn missing_documents_are_named_in_persian() {
    let app = spawn_app().await;
    let s = Scenario::new(&app)
        .await
        .filed()
        .await
        .reviewed()
        .await
        .documents_asked(&["vehicle_card"])
        .await;
    let p = app
        .resubmit(&s.agency_a, s.id())
        .await
        .problem(409, "documents_missing");
    let detail = p["detail"].as_str().unwrap_or_default();
    assert!(detail.contains("«کارت خودرو»"), "{detail}");
    assert!(!detail.contains("vehicle_card"), "{detail}");
    assert_eq!(p["missing_document_types"], json!(["vehicle_card"]));
}

#[tokio::test]
async fn a_query_date_error_says_in_persian_which_parameter_and_why() {
    let app = spawn_app().await;
    let s = Scenario::new(&app).await;
    let p = app
        .get_as(&s.directorate, "/requests?created_from=1404/12/30")
        .await
        .problem(400, "invalid_query");
    assert_eq!(
        p["detail"],
        "پارامتر «created_from» تاریخ معتبری نیست: ۱۴۰۴/۱۲/۳۰ وجود ندارد، زیرا ۱۴۰۴ سال کبیسه نیست."
    );
    assert_eq!(p["errors"][0]["field"], "created_from");
    assert_eq!(p["errors"][0]["code"], "invalid_date");
    let english = [("accept-language", "en")];
    let reply = app
        .call(
            Method::GET,
            "/requests?created_from=1403/13/01",
            Some(&s.directorate),
            None,
            &english,
        )
        .await;
    let p = reply.problem(400, "invalid_query");
    let detail = p["detail"].as_str().unwrap_or_default();
    assert!(
        detail.starts_with("Query parameter 'created_from' is not a valid date: 1403/13/01"),
        "{detail}"
    );
    assert!(detail.contains("no month 13"), "{detail}");
}

#[tokio::test]
async fn limit_cursor_and_enum_errors_name_their_parameter() {
    let app = spawn_app().await;
    let s = Scenario::new(&app).await;
    let cases = [
        ("/requests?limit=abc", "limit", "پارامتر «limit» باید یک عدد صحیح باشد، نه «abc»."),
        (
            "/requests?cursor=@@@",
            "cursor",
            "پارامتر «cursor» معتبر نیست؛ مقدار آن را بی‌تغییر از پاسخ صفحهٔ پیشین همین فهرست بردارید.",
        ),
        (
            "/requests?status=bogus",
            "status",
            "پارامتر «status» مقدار مجازی ندارد: «bogus» از مقدارهای پذیرفته‌شدهٔ این پارامتر نیست.",
        ),
    ];
    for (path, param, fa) in cases {
        let p = app
            .get_as(&s.directorate, path)
            .await
            .problem(400, "invalid_query");
        assert_eq!(p["errors"][0]["field"], param, "{path}: {p}");
        assert_eq!(p["detail"], fa, "{path}");
    }
    let english = [("accept-language", "en")];
    let reply = app
        .call(
            Method::GET,
            "/requests?limit=500",
            Some(&s.directorate),
            None,
            &english,
        )
        .await;
    let p = reply.problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["field"], "limit", "{p}");
    assert_eq!(p["errors"][0]["code"], "out_of_range", "{p}");
    assert_eq!(
        p["errors"][0]["message"],
        "Query parameter 'limit' must be a number from 1 to 200."
    );
    let p = app
        .get_as(&s.directorate, "/requests?limit=0")
        .await
        .problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["field"], "limit", "{p}");
    assert_eq!(
        p["errors"][0]["message"],
        "پارامتر «limit» باید عددی از ۱ تا ۲۰۰ باشد."
    );
}

const IRANIAN_BROWSER: &str = "en-US,en;q=0.9,fa;q=0.8";

#[tokio::test]
async fn persian_wins_for_an_iranian_browser_by_default() {
    let app = spawn_app().await;
    let headers = [("accept-language", IRANIAN_BROWSER)];
    let reply = app
        .call(Method::GET, "/no-such-thing", None, None, &headers)
        .await;
    assert_eq!(reply.header("content-language"), "fa");
    assert_eq!(reply.problem(404, "not_found")["title"], "یافت نشد");
    let admin = app.admin_token().await;
    let reply = app
        .call(
            Method::POST,
            "/organisations",
            Some(&admin),
            Some(&organisation("ا")),
            &headers,
        )
        .await;
    let p = reply.problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["message"], "دست‌کم ۲ نویسه لازم است.");
}

#[tokio::test]
async fn without_prefer_persian_the_higher_weight_wins() {
    let app = spawn_app_with(|c| c.http.prefer_persian = false).await;
    let headers = [("accept-language", IRANIAN_BROWSER)];
    let reply = app
        .call(Method::GET, "/no-such-thing", None, None, &headers)
        .await;
    assert_eq!(reply.header("content-language"), "en");
    assert_eq!(reply.problem(404, "not_found")["title"], "Not found");
    let admin = app.admin_token().await;
    let reply = app
        .call(
            Method::POST,
            "/organisations",
            Some(&admin),
            Some(&organisation("ا")),
            &headers,
        )
        .await;
    let p = reply.problem(422, "validation_failed");
    assert_eq!(
        p["errors"][0]["message"],
        "At least 2 characters are required."
    );
}
