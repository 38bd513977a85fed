//! Official holidays built in: the fixed and provisional days a fresh database lists, the
//! `year` filter, deadlines skipping them, the import from the official calendar, confirming
//! and moving provisional days, and what cannot be removed. Deadlines are checked with the
//! independent minute-by-minute count of `sla.rs`, over the days `GET /holidays` lists.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{NaiveDate, NaiveDateTime, TimeDelta};
use plate_permits::domain::status::RequestStatus as S;
use serde_json::{json, Value};

use crate::helpers::*;
use crate::sla::{t, Days, TEHRAN_OFFSET_MIN};

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A Tehran wall-clock hour as UTC.
fn tehran(d: NaiveDate, h: u32) -> NaiveDateTime {
    d.and_hms_opt(h, 0, 0).unwrap() - TimeDelta::minutes(TEHRAN_OFFSET_MIN)
}

fn instant(v: &Value) -> NaiveDateTime {
    let at: chrono::DateTime<chrono::Utc> = v.as_str().unwrap().parse().unwrap();
    at.naive_utc()
}

/// Every holiday listed for a query, across pages.
async fn listed(app: &TestApp, token: &str, query: &str) -> Vec<Value> {
    let mut out = Vec::new();
    let mut cursor = String::new();
    loop {
        let page = app
            .get_as(token, &format!("/holidays?{query}&limit=7{cursor}"))
            .await
            .json(200);
        out.extend(page["items"].as_array().unwrap().iter().cloned());
        match page["next_cursor"].as_str() {
            Some(c) => cursor = format!("&cursor={c}"),
            None => return out,
        }
    }
}

/// The holiday days `GET /holidays` lists between two dates.
async fn holiday_days(
    app: &TestApp,
    token: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> BTreeSet<NaiveDate> {
    listed(app, token, &format!("from={from}&to={to}"))
        .await
        .iter()
        .map(|h| text(h, "date").parse().unwrap())
        .collect()
}

fn sources(items: &[Value]) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for h in items {
        *out.entry(text(h, "source").to_owned()).or_default() += 1;
    }
    out
}

#[tokio::test]
async fn a_fresh_database_lists_this_and_next_jalali_years_holidays() {
    // Sunday 1405/08/03: this Jalali year is 1405, the next 1406.
    let app = spawn_app_at(crate::helpers::tehran(2026, 10, 25, 10, 0)).await;
    let c = app.cast().await;
    let items = listed(&app, &c.agency_a, "").await;
    let by_source = sources(&items);
    assert_eq!(by_source["fixed"], 20, "{by_source:?}");
    // 1405's official calendar is built in (19 lunar days); 1406's lunar days are provisional
    // (17 a year, a few twice in a Jalali year).
    assert_eq!(by_source["official"], 19, "{by_source:?}");
    assert!(
        (17..=20).contains(&by_source["provisional"]),
        "{by_source:?}"
    );
    assert_eq!(by_source.len(), 3, "{by_source:?}");
    let first = &items[0];
    assert_eq!(first["id"], "f-1405-01-01");
    assert_eq!(first["title_fa"], "نوروز");
    assert_eq!(first["date_jalali"], "1405/01/01");
    assert_eq!(first["date"], "2026-03-21");
    assert!(first["created_at"].is_null());
    let titles: BTreeSet<&str> = items.iter().map(|h| text(h, "title_fa")).collect();
    for title in [
        "عاشورای حسینی",
        "شهادت امام رضا",
        "عید سعید غدیر خم",
        "ملی شدن صنعت نفت",
    ] {
        assert!(titles.contains(title), "{title}");
    }
    let dates: Vec<(&str, &str)> = items
        .iter()
        .map(|h| (text(h, "date"), text(h, "id")))
        .collect();
    assert!(
        dates.windows(2).all(|w| w[0] < w[1]),
        "earliest first, by date then id"
    );
}

#[tokio::test]
async fn year_takes_jalali_and_gregorian_years() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let jalali = listed(&app, &c.agency_a, "year=۱۴۰۵").await;
    assert!(jalali
        .iter()
        .all(|h| text(h, "date_jalali").starts_with("1405/")));
    assert_eq!(jalali[0]["id"], "f-1405-01-01");
    assert_eq!(jalali.last().unwrap()["id"], "f-1405-12-29");
    assert_eq!(sources(&jalali)["fixed"], 10);
    let gregorian = listed(&app, &c.agency_a, "year=2026").await;
    assert!(gregorian
        .iter()
        .all(|h| text(h, "date").starts_with("2026-")));
    let ids: BTreeSet<&str> = gregorian.iter().map(|h| text(h, "id")).collect();
    assert!(
        ids.contains("f-1404-11-22") && ids.contains("f-1405-01-01"),
        "{ids:?}"
    );
    assert!(!ids.contains("f-1405-11-22"), "1405/11/22 is in 2027");
    let reply = app.get_as(&c.agency_a, "/holidays?year=soon").await;
    let problem = reply.problem(400, "invalid_query");
    assert_eq!(problem["errors"][0]["field"], "year", "{problem}");
    assert!(text(&problem, "detail").contains("«year»"), "{problem}");
    assert!(text(&problem, "detail").contains("۱۴۰۵"), "{problem}");
}

#[tokio::test]
async fn holidays_say_their_source_in_persian_and_when_they_were_added() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let fixed = listed(&app, &c.agency_a, "year=1405").await;
    assert_eq!(fixed[0]["source_label_fa"], "ثابت");
    assert!(fixed[0]["created_at_jalali"].is_null());
    let added = app
        .post_as(
            &c.admin,
            "/holidays",
            &json!({"date": "1405/07/07", "title": "تعطیلی استانی"}),
        )
        .await
        .json(201);
    assert_eq!(added["source"], "admin");
    assert_eq!(added["source_label_fa"], "افزودهٔ مدیر سامانه");
    let jalali = text(&added, "created_at_jalali");
    assert!(
        jalali.chars().count() == 16 && jalali.chars().all(|ch| "۰۱۲۳۴۵۶۷۸۹/: ".contains(ch)),
        "{jalali}"
    );
}

/// A Tehran wall-clock time as UTC, to the minute.
fn at(d: NaiveDate, h: u32, m: u32) -> NaiveDateTime {
    tehran(d, h) + TimeDelta::minutes(i64::from(m))
}

/// Filed Monday 1404/11/20 (2026-02-09) 10:00 and still waiting for a decision: the fixed
/// holiday of Wednesday 1404/11/22 is skipped with no administrator having typed it, and so
/// is Thursday (the executive bodies' built-in closure): Tue (1), Sat (2), Sun (3), Mon (4),
/// Tue 1404/11/28 (5), at its closing: 14:00 under the winter hours of 1404/10/01–1405/01/15.
#[tokio::test]
async fn a_deadline_skips_a_built_in_holiday() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let a = app.seed_agency(&c.agency_a, &c.org_a).await;
    let filed = tehran(ymd(2026, 2, 9), 10);
    let ids = app.seed(vec![(&a, vec![t(S::Submitted, filed)])]);
    let request = app.request_of(&c.agency_a, &ids[0]).await;
    let due = instant(&request["sla"]["due_at"]);
    let days = holiday_days(&app, &c.agency_a, ymd(2026, 2, 1), ymd(2026, 2, 28)).await;
    assert!(days.contains(&ymd(2026, 2, 11)), "{days:?}");
    assert_eq!(due, at(ymd(2026, 2, 17), 14, 0));
    assert_eq!(Days::directorate(days).deadline(filed, 5), due);
    assert_eq!(
        Days::directorate(BTreeSet::new()).deadline(filed, 5),
        at(ymd(2026, 2, 16), 14, 0),
        "a day earlier without the holiday"
    );
}

/// Filed Wednesday 2026-08-26 10:00, waiting for a decision; the official calendar has the
/// Prophet's birthday (p-1448-03-17) on Sunday 2026-08-30, so (Thursdays closed) Sat (1),
/// Mon (2), Tue (3), Wed (4), Sat 2026-09-05 (5): due 14:30. Returns the cast and the id.
async fn before_an_official_lunar_day(app: &TestApp) -> (Cast, String) {
    let c = app.cast().await;
    let a = app.seed_agency(&c.agency_a, &c.org_a).await;
    let ids = app.seed(vec![(
        &a,
        vec![t(S::Submitted, tehran(ymd(2026, 8, 26), 10))],
    )]);
    let request = app.request_of(&c.agency_a, &ids[0]).await;
    assert_eq!(
        instant(&request["sla"]["due_at"]),
        at(ymd(2026, 9, 5), 14, 30)
    );
    (c, ids[0].clone())
}

async fn due_of(app: &TestApp, c: &Cast, id: &str) -> NaiveDateTime {
    instant(&app.request_of(&c.agency_a, id).await["sla"]["due_at"])
}

async fn check_independently(app: &TestApp, c: &Cast, id: &str) {
    let due = due_of(app, c, id).await;
    let days = holiday_days(app, &c.agency_a, ymd(2026, 8, 1), ymd(2026, 9, 30)).await;
    assert_eq!(
        Days::directorate(days.clone()).deadline(tehran(ymd(2026, 8, 26), 10), 5),
        due,
        "{days:?}"
    );
}

/// An official day that a later announcement moves is moved by confirming it at its new date
/// (an administrator's word wins over the built-in data).
#[tokio::test]
async fn moving_an_official_day_recomputes_a_running_clock() {
    let app = spawn_app().await;
    let (c, id) = before_an_official_lunar_day(&app).await;
    // Announced for Friday 1405/06/13 instead: Sunday works again: Sat (1), Sun (2), Mon (3),
    // Tue (4), Wed 09-02 (5).
    let reply = app
        .post_as(
            &c.admin,
            "/holidays/p-1448-03-17/confirm",
            &json!({"date": "۱۴۰۵/۰۶/۱۳"}),
        )
        .await;
    let confirmed = reply.json(201);
    assert_eq!(confirmed["source"], "confirmed");
    assert_eq!(confirmed["confirms"], "p-1448-03-17");
    assert_eq!(confirmed["date"], "2026-09-04");
    assert_eq!(due_of(&app, &c, &id).await, at(ymd(2026, 9, 2), 14, 30));
    check_independently(&app, &c, &id).await;
    let listed = listed(&app, &c.agency_a, "year=1405").await;
    assert!(
        !listed.iter().any(|h| h["id"] == "p-1448-03-17"),
        "listed once, as confirmed"
    );
    // Moved again through the stored row: onto Monday 08-31.
    let path = format!("/holidays/{}/confirm", text(&confirmed, "id"));
    let again = app
        .post_as(&c.admin, &path, &json!({"date": "2026-08-31"}))
        .await
        .json(200);
    assert_eq!(again["date"], "2026-08-31");
    assert_eq!(due_of(&app, &c, &id).await, at(ymd(2026, 9, 5), 14, 30));
    check_independently(&app, &c, &id).await;
}

#[tokio::test]
async fn deleting_a_confirmed_day_brings_the_official_one_back() {
    let app = spawn_app().await;
    let (c, id) = before_an_official_lunar_day(&app).await;
    let confirmed = app
        .post_as(
            &c.admin,
            "/holidays/p-1448-03-17/confirm",
            &json!({"date": "2026-09-04"}),
        )
        .await
        .json(201);
    assert_eq!(due_of(&app, &c, &id).await, at(ymd(2026, 9, 2), 14, 30));
    let path = format!("/holidays/{}", text(&confirmed, "id"));
    assert_eq!(app.delete_as(&c.admin, &path).await.status, 204);
    assert_eq!(due_of(&app, &c, &id).await, at(ymd(2026, 9, 5), 14, 30));
    let back = listed(&app, &c.agency_a, "from=2026-08-30&to=2026-08-30").await;
    assert_eq!(back.len(), 1);
    assert_eq!(back[0]["id"], "p-1448-03-17");
    assert_eq!(back[0]["source"], "official");
}

#[tokio::test]
async fn an_import_confirms_moves_and_adds_and_is_idempotent() {
    let app = spawn_app().await;
    let (c, id) = before_an_official_lunar_day(&app).await;
    let rows = json!([
        {"date": "2026-10-10", "title": "تعطیل اعلام‌شده"},
        {"date": "۱۴۰۵/۰۵/۱۴", "title": "اربعین حسینی"},
        {"date": "2026-08-12", "title": "رحلت رسول اکرم"},
        {"date": "1405/03/14", "title": "رحلت امام خمینی"},
        {"date": "2026-08-28", "title": "میلاد رسول اکرم"},
    ]);
    let summary = app
        .post_as(&c.admin, "/holidays/import", &rows)
        .await
        .json(200);
    assert_eq!(summary["rows"], 5);
    assert_eq!(summary["confirmed"], 1, "{summary}");
    assert_eq!(summary["moved"], 2, "{summary}");
    assert_eq!(summary["added"], 1, "{summary}");
    assert_eq!(summary["unchanged"], 1, "{summary}");
    // The Prophet's birthday moved from Sunday 08-30 to Friday 08-28: Sunday counts again.
    assert_eq!(due_of(&app, &c, &id).await, at(ymd(2026, 9, 2), 14, 30));
    check_independently(&app, &c, &id).await;
    let items = listed(&app, &c.agency_a, "from=2026-08-01&to=2026-10-31").await;
    let got: BTreeMap<&str, (&str, &str)> = items
        .iter()
        .map(|h| {
            (
                text(h, "date"),
                (text(h, "source"), h["confirms"].as_str().unwrap_or("")),
            )
        })
        .collect();
    assert_eq!(got["2026-08-05"], ("confirmed", "p-1448-02-20"));
    assert_eq!(got["2026-08-12"], ("confirmed", "p-1448-02-28"));
    assert_eq!(got["2026-08-28"], ("confirmed", "p-1448-03-17"));
    assert_eq!(got["2026-10-10"], ("confirmed", ""));
    assert!(
        !got.contains_key("2026-08-30") && !got.contains_key("2026-08-04"),
        "{got:?}"
    );
    assert_eq!(got["2026-08-13"], ("official", ""));
    let again = app
        .post_as(&c.admin, "/holidays/import", &rows)
        .await
        .json(200);
    assert_eq!(again["unchanged"], 5, "{again}");
    assert_eq!(
        listed(&app, &c.agency_a, "from=2026-08-01&to=2026-10-31")
            .await
            .len(),
        items.len()
    );
}

#[tokio::test]
async fn a_bad_import_names_every_bad_row_and_stores_nothing() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let before = listed(&app, &c.agency_a, "year=1405").await;
    let rows = json!([
        {"date": "1405/05/14", "title": "اربعین حسینی"},
        {"date": "1404/12/30", "title": "روز نبوده"},
        {"date": "yesterday", "title": "دیروز"},
        {"date": "2026-08-05", "title": "تکراری"},
        {"date": "1405/07/01", "title": ""},
    ]);
    let reply = app.post_as(&c.admin, "/holidays/import", &rows).await;
    let bad = reply.problem(422, "validation_failed");
    let errors = bad["errors"].as_array().unwrap();
    let got: BTreeMap<&str, &str> = errors
        .iter()
        .map(|e| (text(e, "field"), text(e, "code")))
        .collect();
    assert_eq!(
        got,
        BTreeMap::from([
            ("[1].date", "no_such_day"),
            ("[2].date", "invalid_date"),
            ("[3].date", "duplicate_date"),
            ("[4].title", "too_short"),
        ]),
        "{bad}"
    );
    let text_all = bad.to_string();
    assert!(
        text_all.contains("۱۴۰۴/۱۲/۳۰") || text_all.contains("1404/12/30"),
        "{text_all}"
    );
    assert_eq!(listed(&app, &c.agency_a, "year=1405").await, before);
    let reply = app.post_as(&c.directorate, "/holidays/import", &rows).await;
    assert_eq!(reply.status, 403);
}

#[tokio::test]
async fn built_in_days_cannot_be_deleted_nor_added_again() {
    let app = spawn_app().await;
    let c = app.cast().await;
    app.delete_as(&c.admin, "/holidays/f-1405-01-01")
        .await
        .problem(409, "conflict");
    app.delete_as(&c.admin, "/holidays/p-1448-01-10")
        .await
        .problem(409, "conflict");
    app.add_holiday(&c.admin, "1405/01/01", "نوروز")
        .await
        .problem(409, "duplicate");
    app.add_holiday(&c.admin, "2026-06-25", "عاشورا")
        .await
        .problem(409, "duplicate");
    app.post_as(&c.admin, "/holidays/f-1405-01-01/confirm", &json!({}))
        .await
        .problem(409, "conflict");
    let reply = app
        .post_as(&c.admin, "/holidays/p-1448-01-11/confirm", &json!({}))
        .await;
    assert_eq!(reply.status, 404);
    let added = app
        .add_holiday(&c.admin, "1405/07/01", "تعطیل استانی")
        .await
        .json(201);
    assert_eq!(added["source"], "admin");
    assert_eq!(added["title_fa"], "تعطیل استانی");
}

/// How long loading the calendar in force takes (built-in holidays merged with a few stored
/// rows): `cargo test --test api calendar_load_timing -- --ignored --nocapture`. Prints the
/// figure; no assertion on time.
#[tokio::test]
#[ignore]
async fn calendar_load_timing() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    for (date, title) in [("1404/05/01", "تعطیلی الف"), ("1404/07/09", "تعطیلی ب")]
    {
        app.post_as(&admin, "/holidays", &json!({"date": date, "title": title}))
            .await
            .json(201);
    }
    let mut conn = app.db_conn();
    let first = plate_permits::sla::queries::calendar(&mut conn, &app.config).unwrap();
    let n = 1000;
    let start = std::time::Instant::now();
    for _ in 0..n {
        let cal = plate_permits::sla::queries::calendar(&mut conn, &app.config).unwrap();
        std::hint::black_box(&cal);
    }
    let took = start.elapsed();
    std::hint::black_box(first);
    use std::io::Write;
    let _ = writeln!(
        std::io::stderr(),
        "calendar load: {n} loads in {took:?}, {:?} each",
        took / n
    );
}
