//! What people read: every enum with a Persian `*_label_fa`, every instant with a `*_jalali`
//! twin in the service's time zone (`۱۴۰۵/۰۹/۰۴ ۱۰:۳۰`), SLA days with Persian weekday and
//! month names, and day boundaries that follow `SERVICE_TIMEZONE`.

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde_json::{json, Value};

use crate::helpers::*;

/// `YYYY/MM/DD HH:MM`, every digit Persian.
fn is_jalali_instant(s: &str) -> bool {
    let chars: Vec<char> = s.chars().collect();
    let shape = "dddd/dd/dd dd:dd";
    chars.len() == shape.len()
        && shape.chars().zip(&chars).all(|(want, &c)| match want {
            'd' => ('۰'..='۹').contains(&c),
            other => other == c,
        })
}

/// Persian script, no ASCII letters.
fn is_persian_label(v: &Value) -> bool {
    let s = v.as_str().unwrap_or_default();
    !s.trim().is_empty()
        && !s.chars().any(|c| c.is_ascii_alphabetic())
        && s.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c))
}

/// The twin computed here, apart from the service: local time through chrono-tz, the Solar
/// Hijri date through icu's calendar conversion (not the crate's Rata Die path).
fn expected_twin(rfc3339: &Value, tz: Tz) -> String {
    let at: DateTime<Utc> = rfc3339
        .as_str()
        .expect("instant")
        .parse()
        .expect("RFC 3339");
    let local = at.with_timezone(&tz).naive_local();
    let iso = icu_calendar::Date::try_new_iso(
        chrono::Datelike::year(&local),
        chrono::Datelike::month(&local) as u8,
        chrono::Datelike::day(&local) as u8,
    )
    .expect("iso date");
    let p = iso.to_calendar(icu_calendar::cal::Persian);
    persian_digits(&format!(
        "{:04}/{:02}/{:02} {}",
        p.year().extended_year(),
        p.month().ordinal,
        p.day_of_month().0,
        local.format("%H:%M")
    ))
}

/// Asserts that `v[field]_jalali` has the stated shape and is `v[field]` in `tz`.
fn assert_twin(v: &Value, field: &str, tz: Tz) {
    let twin = &v[format!("{field}_jalali")];
    let twin = twin
        .as_str()
        .unwrap_or_else(|| panic!("{field}_jalali missing in {v}"));
    assert!(is_jalali_instant(twin), "{field}_jalali = {twin}");
    assert_eq!(twin, expected_twin(&v[field], tz), "{field}");
}

fn tehran() -> Tz {
    chrono_tz::Asia::Tehran
}

/// Sets a request's stored instants straight in the database.
fn set_request_times(app: &TestApp, id: &str, at: &str) {
    use diesel::RunQueryDsl;
    let mut conn = app.db_conn();
    diesel::sql_query(format!(
        "UPDATE requests SET created_at = '{at}', updated_at = '{at}' WHERE id = '{id}'"
    ))
    .execute(&mut conn)
    .expect("set request times");
}

#[test]
fn the_twin_shape_check_can_fail() {
    assert!(is_jalali_instant("۱۴۰۵/۰۹/۰۴ ۱۰:۳۰"));
    assert!(!is_jalali_instant("1405/09/04 10:30"));
    assert!(!is_jalali_instant("۱۴۰۵/۰۹/۰۴"));
    assert!(!is_persian_label(&json!("auction_sale")));
    assert!(!is_persian_label(&json!("")));
}

#[tokio::test]
async fn a_request_carries_persian_labels() {
    let app = spawn_app().await;
    let s = Scenario::new(&app).await.filed().await;
    let r = s.current().await;
    for v in [
        &r["status_label_fa"],
        &r["reason_label_fa"],
        &r["vehicle"]["vehicle_type_label_fa"],
        &r["sla"]["stage_label_fa"],
        &r["sla"]["clock_label_fa"],
    ] {
        assert!(is_persian_label(v), "{v} in {r}");
    }
    assert_eq!(r["reason"], "auction_sale");
    assert_eq!(r["reason_label_fa"], "فروش از طریق مزایده");
    let history = s.history().await;
    assert!(is_persian_label(&history[0]["to_label_fa"]));
    assert!(is_persian_label(&history[0]["actor"]["role_label_fa"]));
}

#[tokio::test]
async fn a_request_and_its_history_carry_jalali_twins() {
    let app = spawn_app().await;
    let s = Scenario::new(&app).await.filed().await.reviewed().await;
    let r = s.current().await;
    assert_twin(&r, "created_at", tehran());
    assert_twin(&r, "updated_at", tehran());
    assert_twin(&r["sla"], "due_at", tehran());
    for entry in s.history().await {
        assert_twin(&entry, "at", tehran());
    }
}

#[tokio::test]
async fn a_known_instant_reads_as_tehran_local_time_in_jalali() {
    let app = spawn_app().await;
    let s = Scenario::new(&app).await.filed().await;
    set_request_times(&app, s.id(), "2026-11-25 07:00:00");
    let r = s.current().await;
    assert_eq!(r["created_at"], "2026-11-25T07:00:00Z");
    assert_eq!(r["created_at_jalali"], "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰");
    // The public tracking answer carries the twin too (issue 16 asks for it).
    let t = app.track(s.tracking_code()).await.json(200);
    assert_eq!(t["updated_at_jalali"], "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰");
}

#[tokio::test]
async fn a_permit_and_its_receipt_carry_labels_and_twins() {
    let app = spawn_app().await;
    let s = Scenario::new(&app)
        .await
        .filed()
        .await
        .reviewed()
        .await
        .permit_issued()
        .await
        .plate_removed()
        .await;
    let p = app.permit(&s.directorate, s.permit_id()).await.json(200);
    assert_eq!(p["status"], "used");
    assert!(is_persian_label(&p["status_label_fa"]), "{p}");
    assert!(is_persian_label(&p["receipt"]["outcome_label_fa"]), "{p}");
    assert_twin(&p, "issued_at", tehran());
    assert_twin(&p, "updated_at", tehran());
    assert_twin(&p["receipt"], "occurred_at", tehran());
    assert_twin(&p["receipt"], "recorded_at", tehran());
    // The old date field stays as it was; the instant's twin sits beside it.
    let until = p["valid_until_jalali"].as_str().unwrap();
    assert!(
        until.chars().all(|c| c.is_ascii_digit() || c == '/'),
        "{until}"
    );
    let time = p["valid_until_jalali_time"].as_str().unwrap();
    assert!(is_jalali_instant(time), "{time}");
    assert_eq!(time, expected_twin(&p["valid_until"], tehran()));
}

#[tokio::test]
async fn a_complaint_carries_labels_and_twins() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let body = json!({"subject": "تأخیر", "body": "یک هفته بدون پاسخ", "category": "delay"});
    let v = app.complain(&c.agency_a, &body).await.json(201);
    assert_eq!(v["category_label_fa"], "تأخیر در رسیدگی");
    assert!(is_persian_label(&v["status_label_fa"]));
    assert_twin(&v, "created_at", tehran());
    assert_twin(&v, "updated_at", tehran());
    let event = &v["history"][0];
    assert!(is_persian_label(&event["kind_label_fa"]), "{v}");
    assert_twin(event, "at", tehran());
}

#[tokio::test]
async fn a_notice_carries_its_kind_in_persian_and_twins() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let body = json!({"kind": "outage", "title": "اختلال", "body": "قطعی شبکه", "starts_at": in_minutes(app.now(), -5), "ends_at": in_minutes(app.now(), 60)});
    let n = app.post_notice(&admin, &body).await.json(201);
    assert_eq!(n["kind_label_fa"], "اختلال در سامانه");
    assert_twin(&n, "starts_at", tehran());
    assert_twin(&n, "ends_at", tehran());
    let listed = app.get_public("/notices").await.items(200);
    assert_twin(&listed[0], "starts_at", tehran());
}

#[tokio::test]
async fn documents_and_asks_carry_labels_and_twins() {
    let app = spawn_app().await;
    let s = Scenario::new(&app)
        .await
        .filed()
        .await
        .reviewed()
        .await
        .documents_asked(&["vehicle_card"])
        .await;
    let asks = app
        .items(
            &s.directorate,
            &format!("/requests/{}/document-requests", s.id()),
        )
        .await;
    assert_eq!(asks[0]["items"][0]["document_type_label_fa"], "کارت خودرو");
    assert_eq!(asks[0]["outstanding_labels_fa"], json!(["کارت خودرو"]));
    assert!(is_persian_label(&asks[0]["request_status_label_fa"]));
    assert_twin(&asks[0], "created_at", tehran());
    let doc = app
        .upload_pdf(&s.agency_a, s.id(), "vehicle_card")
        .await
        .json(201);
    assert_eq!(doc["document_type_label_fa"], "کارت خودرو");
    assert_twin(&doc, "uploaded_at", tehran());
}

#[tokio::test]
async fn users_and_organisations_carry_labels_and_twins() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let me = app.me(&c.directorate).await.json(200);
    assert_eq!(me["role_label_fa"], "کارشناس اداره کل");
    assert_twin(&me, "created_at", tehran());
    let orgs = app.items(&c.admin, "/organisations").await;
    assert!(is_persian_label(&orgs[0]["kind_label_fa"]));
    assert_twin(&orgs[0], "created_at", tehran());
}

#[tokio::test]
async fn sla_days_name_the_weekday_and_month_in_persian() {
    let app = spawn_app().await;
    let s = Scenario::new(&app).await.filed().await;
    let e = app
        .get_as(&s.directorate, &format!("/requests/{}/sla", s.id()))
        .await
        .json(200);
    assert!(is_persian_label(&e["status_label_fa"]));
    assert_twin(&e, "computed_at", tehran());
    let run = &e["runs"][0];
    assert!(is_persian_label(&run["stage_label_fa"]), "{run}");
    assert_twin(run, "started_at", tehran());
    let day = &run["days"][0];
    let date: NaiveDate = day["date"].as_str().unwrap().parse().unwrap();
    let weekdays = [
        "دوشنبه",
        "سه‌شنبه",
        "چهارشنبه",
        "پنجشنبه",
        "جمعه",
        "شنبه",
        "یکشنبه",
    ];
    let want = weekdays[chrono::Datelike::weekday(&date).num_days_from_monday() as usize];
    assert_eq!(day["weekday_fa"], want, "{day}");
    // `date_jalali` is `1405/09/04`; the long form is `۴ آذر ۱۴۰۵`.
    let short = day["date_jalali"].as_str().unwrap();
    let parts: Vec<u32> = short.split('/').map(|p| p.parse().unwrap()).collect();
    let months = [
        "فروردین",
        "اردیبهشت",
        "خرداد",
        "تیر",
        "مرداد",
        "شهریور",
        "مهر",
        "آبان",
        "آذر",
        "دی",
        "بهمن",
        "اسفند",
    ];
    let long = format!(
        "{} {} {}",
        parts[2],
        months[parts[1] as usize - 1],
        parts[0]
    );
    assert_eq!(day["date_jalali_long"], persian_digits(&long), "{day}");
}

// ---- one time zone -----------------------------------------------------------------------

fn new_york() -> Tz {
    chrono_tz::America::New_York
}

#[tokio::test]
async fn date_filters_and_twins_follow_the_configured_zone() {
    let app = spawn_app_with(|c| c.service_timezone = new_york()).await;
    let s = Scenario::new(&app).await.filed().await;
    // 03:00 UTC on 25 November: 22:00 on the 24th in New York (06:30 on the 25th in Tehran).
    set_request_times(&app, s.id(), "2026-11-25 03:00:00");
    let r = s.current().await;
    assert_eq!(r["created_at_jalali"], "۱۴۰۵/۰۹/۰۳ ۲۲:۰۰");
    let on = |from: &str, to: &str| format!("/requests?created_from={from}&created_to={to}");
    let the_24th = app
        .items(&s.agency_a, &on("2026-11-24", "2026-11-24"))
        .await;
    assert_eq!(ids(&the_24th), [s.id()]);
    let the_25th = app
        .items(&s.agency_a, &on("2026-11-25", "2026-11-25"))
        .await;
    assert!(the_25th.is_empty(), "{the_25th:?}");
    // The same filter in Jalali: 1405/09/03 is 24 November.
    let jalali = app
        .items(&s.agency_a, &on("1405/09/03", "1405/09/03"))
        .await;
    assert_eq!(ids(&jalali), [s.id()]);
}

#[tokio::test]
async fn a_permit_valid_through_a_date_ends_with_that_day_in_the_configured_zone() {
    let app = spawn_app_with(|c| c.service_timezone = new_york()).await;
    let s = Scenario::new(&app).await.filed().await.reviewed().await;
    let day = (app.now() + chrono::Duration::days(5)).date_naive();
    let body = json!({"national_permit_number": "NV-TZ-1", "valid_until": day.to_string()});
    let p = app
        .issue_permit(&s.directorate, s.id(), &body)
        .await
        .json(201);
    let next_midnight: NaiveDateTime = day.succ_opt().unwrap().and_hms_opt(0, 0, 0).unwrap();
    let end = new_york()
        .from_local_datetime(&next_midnight)
        .single()
        .unwrap()
        .with_timezone(&Utc)
        - chrono::Duration::seconds(1);
    let got: DateTime<Utc> = p["valid_until"].as_str().unwrap().parse().unwrap();
    assert_eq!(got, end);
    let time = p["valid_until_jalali_time"].as_str().unwrap();
    assert!(time.ends_with("۲۳:۵۹"), "{time}");
    assert_eq!(time, expected_twin(&p["valid_until"], new_york()));
}
