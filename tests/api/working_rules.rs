//! Working time as dated rules over HTTP: a Thursday closure from a date, summer hours and a
//! part-day closure move deadlines (exact deadlines at a pinned instant), deleting a rule
//! restores them, explanations name the rule, and only administrators keep the rules.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate, NaiveDateTime, TimeDelta, Weekday};
use plate_permits::domain::jalali::format_jalali;
use plate_permits::domain::status::RequestStatus as S;
use plate_permits::seed::{self, SeedRequest, SeededAgency};
use plate_permits::sla::clock::Transition;
use reqwest::Method;
use serde_json::{json, Value};

use crate::helpers::*;
use crate::sla::TEHRAN_OFFSET_MIN;

/// Saturday 1405/08/02 (2026-10-24) 10:00 Tehran: a working morning with no holiday for weeks
/// either side. Filed then, the directorate's calendar (07:30–14:30, Thursdays and Fridays
/// closed by the built-in rule) counts Sun (1), Mon (2), Tue (3), Wed (4), Sat 1405/08/09 (5):
/// due at its closing, 14:30.
fn saturday_morning() -> NaiveDateTime {
    tehran(2026, 10, 24, 10, 0)
}

fn instant(v: &Value, key: &str) -> NaiveDateTime {
    text(v, key)
        .parse::<chrono::DateTime<chrono::Utc>>()
        .unwrap_or_else(|_| panic!("{key} in {v}"))
        .naive_utc()
}

impl TestApp {
    async fn add_rule(&self, token: &str, body: &Value) -> Reply {
        self.post_as(token, "/working-rules", body).await
    }

    /// A request filed now: its clock start and deadline.
    async fn running_request(&self) -> (Scenario<'_>, NaiveDateTime, NaiveDateTime) {
        let s = Scenario::new(self).await.filed().await;
        let path = format!("/requests/{}/sla", s.id());
        let e = self.get_as(&s.agency_a, &path).await.json(200);
        let start = instant(&e["runs"][0], "started_at");
        let due = instant(&s.request["sla"], "due_at");
        (s, start, due)
    }

    async fn due_of(&self, s: &Scenario<'_>) -> NaiveDateTime {
        instant(&self.request_of(&s.agency_a, s.id()).await["sla"], "due_at")
    }
}

fn thursday_closure(from: NaiveDate) -> Value {
    json!({
        "kind": "weekend",
        "title": "تعطیلی پنجشنبه‌ها",
        "effective_from": persian_digits(&format_jalali(from)),
        "weekdays": ["thursday", "friday"],
    })
}

/// The built-in Thursday closure of executive bodies counts on a fresh install; a stored
/// weekend rule beats it (a province that keeps Thursdays open), and a rule for the police's
/// calendar leaves the directorate's deadline alone.
#[tokio::test]
async fn a_stored_weekend_rule_beats_the_built_in_thursday_closure() {
    let app = spawn_app_frozen_at(saturday_morning()).await;
    let (s, start, due_before) = app.running_request().await;
    assert_eq!(start, saturday_morning());
    assert_eq!(
        due_before,
        tehran(2026, 10, 31, 14, 30),
        "Saturday 1405/08/09"
    );
    let mut police_only = thursday_closure(app.today());
    police_only["weekdays"] = json!(["wednesday", "friday"]);
    police_only["applies_to"] = json!("police");
    let rule = app.add_rule(&s.admin, &police_only).await.json(201);
    assert_eq!(rule["applies_to"], "police");
    assert_eq!(app.due_of(&s).await, due_before);
    let open_thursdays = json!({
        "kind": "weekend",
        "title": "پنجشنبه‌ها کاری (اطلاعیهٔ استانداری)",
        "effective_from": persian_digits(&format_jalali(app.today())),
        "weekdays": ["friday"],
        "applies_to": "directorate",
    });
    let rule = app.add_rule(&s.admin, &open_thursdays).await.json(201);
    assert_eq!(rule["effective_from"], "2026-10-24");
    assert_eq!(rule["applies_to_label_fa"], "اداره کل");
    // Thursday 1405/08/07 is the fifth working day now.
    assert_eq!(app.due_of(&s).await, tehran(2026, 10, 29, 14, 30));
}

#[tokio::test]
async fn deleting_a_rule_restores_the_deadline() {
    let app = spawn_app_frozen_at(saturday_morning()).await;
    let (s, _, due_before) = app.running_request().await;
    // Closed all day tomorrow and the day after: the deadline surely moves.
    let rule = json!({
        "kind": "closure",
        "title": "تعطیلی به سبب آلودگی هوا",
        "effective_from": (app.today() + TimeDelta::days(1)).to_string(),
        "effective_to": (app.today() + TimeDelta::days(2)).to_string(),
    });
    let rule = app.add_rule(&s.admin, &rule).await.json(201);
    assert_eq!(rule["whole_day"], true);
    // Sunday and Monday closed: Tue (1), Wed (2), Sat (3), Sun 1405/08/10 (4), Mon 08/11 (5).
    assert_eq!(app.due_of(&s).await, tehran(2026, 11, 2, 14, 30));
    let path = format!("/working-rules/{}", text(&rule, "id"));
    assert_eq!(app.delete_as(&s.admin, &path).await.status, 204);
    assert_eq!(app.due_of(&s).await, due_before);
    assert_eq!(app.get_as(&s.agency_a, &path).await.status, 404);
}

/// Shorter hours move the day's closing and never stretch a deadline: still the fifth
/// working day, at 13:00.
#[tokio::test]
async fn summer_hours_move_the_closing_not_the_day() {
    let app = spawn_app_frozen_at(saturday_morning()).await;
    let (s, _, _) = app.running_request().await;
    let rule = json!({
        "kind": "office_hours",
        "title": "ساعت کار تابستانی",
        "effective_from": app.today().to_string(),
        "effective_to": (app.today() + TimeDelta::days(90)).to_string(),
        "opens": "۰۶:۰۰",
        "closes": "13:00",
    });
    let rule = app.add_rule(&s.admin, &rule).await.json(201);
    assert_eq!(rule["opens"], "06:00");
    assert_eq!(app.due_of(&s).await, tehran(2026, 10, 31, 13, 0));
}

#[tokio::test]
async fn a_part_day_closure_keeps_the_day_and_moves_its_closing() {
    let app = spawn_app_frozen_at(saturday_morning()).await;
    let (s, _, due_before) = app.running_request().await;
    // Opening at 10:00 on Sunday for snow: Sunday still counts, the deadline stays.
    let snow = json!({
        "kind": "closure",
        "title": "آغاز کار ساعت ۱۰ به سبب بارش برف",
        "effective_from": "2026-10-25",
        "effective_to": "2026-10-25",
        "to_time": "10:00",
    });
    app.add_rule(&s.admin, &snow).await.json(201);
    assert_eq!(app.due_of(&s).await, due_before);
    // Closed from 11:00 on the last day: due at 11:00 that day.
    let noon = json!({
        "kind": "closure",
        "title": "تعطیلی از ساعت ۱۱ به سبب گرما",
        "effective_from": "1405/08/09",
        "effective_to": "1405/08/09",
        "from_time": "11:00",
    });
    app.add_rule(&s.admin, &noon).await.json(201);
    assert_eq!(app.due_of(&s).await, tehran(2026, 10, 31, 11, 0));
}

/// Agency A as a seed agency.
async fn seed_agency(app: &TestApp, c: &Cast) -> SeededAgency {
    let me = app.get_as(&c.agency_a, "/me").await.json(200);
    SeededAgency {
        organisation_id: c.org_a.clone(),
        user_id: text(&me, "id").to_owned(),
        username: text(&me, "username").to_owned(),
    }
}

/// A request filed on a Wednesday about three weeks ago at 10:00 (Tehran) and still under
/// review: its explanation lists every day since. Returns the cast, the Wednesday and the id.
async fn filed_three_weeks_ago(app: &TestApp) -> (Cast, NaiveDate, String) {
    let c = app.cast().await;
    let agency = seed_agency(app, &c).await;
    let mut day = app.today() - TimeDelta::days(21);
    while day.weekday() != Weekday::Wed {
        day = day.pred_opt().unwrap();
    }
    let at = day.and_hms_opt(10, 0, 0).unwrap() - TimeDelta::minutes(TEHRAN_OFFSET_MIN);
    let steps = vec![
        Transition {
            to: S::Submitted,
            at,
        },
        Transition {
            to: S::UnderReview,
            at: at + TimeDelta::hours(1),
        },
    ];
    let salt = (uuid::Uuid::new_v4().as_u128() % 1_000_000_000) as u64;
    let batch = [SeedRequest {
        agency: &agency,
        number: salt % 1_000_000,
        steps,
        rating: None,
    }];
    let mut conn = app.db_conn();
    let ids = seed::requests(&mut conn, &app.config, &batch, salt, app.clock.now()).expect("seed");
    (c, day, ids[0].clone())
}

#[tokio::test]
async fn the_explanation_names_the_rule_behind_each_day() {
    // Sunday 1405/08/03: three weeks back is Sunday 1405/07/12, and the Wednesday before it
    // 1405/07/08 (2026-09-30); no holiday falls in the weeks that follow.
    let app = spawn_app_at(tehran(2026, 10, 25, 10, 0)).await;
    let (c, wed, id) = filed_three_weeks_ago(&app).await;
    assert_eq!(wed.to_string(), "2026-09-30");
    let sat = wed + TimeDelta::days(3);
    let snow = json!({
        "kind": "closure", "title": "آغاز کار ساعت ۱۰", "effective_from": sat.to_string(),
        "effective_to": sat.to_string(), "to_time": "10:00",
    });
    let snow = app.add_rule(&c.admin, &snow).await.json(201);
    let thursdays = app
        .add_rule(&c.admin, &thursday_closure(wed + TimeDelta::days(7)))
        .await
        .json(201);
    let e = app
        .get_as(&c.agency_a, &format!("/requests/{id}/sla"))
        .await
        .json(200);
    let days = e["runs"][0]["days"].as_array().unwrap();
    let on = |n: i64| {
        let date = (wed + TimeDelta::days(n)).to_string();
        days.iter()
            .find(|d| d["date"] == date.as_str())
            .unwrap()
            .clone()
    };
    // Thursday before the stored rule: closed by the built-in rule, named.
    assert_eq!(
        (on(1)["status"].clone(), on(1)["source"].clone()),
        (json!("weekend"), json!("rule"))
    );
    assert_eq!(on(1)["rule"]["id"], "b-thursdays-1402");
    // Friday: the settings' weekend (the built-in rule's too, but it is the settings' day).
    assert_eq!(on(2)["status"], "weekend");
    // Saturday: opened at 10:00.
    let saturday = on(3);
    assert_eq!(saturday["status"], "working");
    assert_eq!(saturday["rule"]["id"], snow["id"]);
    assert_eq!(saturday["rule"]["kind"], "closure");
    assert_eq!(saturday["office_hours"], json!(["10:00-14:30"]));
    assert_eq!(saturday["closed_hours"], 2.5);
    assert_eq!(saturday["counted_hours"], 4.5);
    assert_eq!(saturday["day_number"], 1);
    // The Thursday after the stored rule began: a weekend by it (stored beats built in).
    let thursday = on(8);
    assert_eq!(thursday["status"], "weekend");
    assert_eq!(thursday["source"], "rule");
    assert_eq!(thursday["rule"]["title"], "تعطیلی پنجشنبه‌ها");
    let listed: BTreeSet<&str> = ids(e["calendar"]["rules"].as_array().unwrap())
        .into_iter()
        .collect();
    assert_eq!(
        listed,
        BTreeSet::from([text(&snow, "id"), text(&thursdays, "id")])
    );
    assert_eq!(e["calendar"]["weekend_days"], json!(["Fri"]));
}

fn fields(problem: &Value) -> BTreeSet<String> {
    problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| text(e, "field").to_owned())
        .collect()
}

#[tokio::test]
async fn bad_rules_are_refused_naming_every_field() {
    let app = spawn_app().await;
    let c = app.cast().await;
    // 1404 is not a leap year: Esfand has no 30th.
    let hours = json!({
        "kind": "office_hours", "title": "", "effective_from": "1404/12/30",
        "opens": "25:00", "closes": "06:00",
    });
    let bad = app
        .add_rule(&c.admin, &hours)
        .await
        .problem(422, "validation_failed");
    let want = ["effective_from", "opens", "title"].map(String::from);
    assert_eq!(fields(&bad), BTreeSet::from(want));
    let backwards = json!({
        "kind": "office_hours", "title": "ساعت کار", "effective_from": "1405/04/10",
        "effective_to": "1405/04/01", "opens": "13:00", "closes": "06:00",
    });
    let bad = app
        .add_rule(&c.admin, &backwards)
        .await
        .problem(422, "validation_failed");
    let want = ["closes", "effective_to"].map(String::from);
    assert_eq!(fields(&bad), BTreeSet::from(want));
    let everyday = json!({
        "kind": "weekend", "title": "همه روزها", "effective_from": "1405/04/01",
        "weekdays": ["sat", "sun", "mon", "tue", "wed", "thu", "fri"], "to_time": "10:00",
    });
    let bad = app
        .add_rule(&c.admin, &everyday)
        .await
        .problem(422, "validation_failed");
    let want = ["to_time", "weekdays"].map(String::from);
    assert_eq!(fields(&bad), BTreeSet::from(want));
    let time = bad["errors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["field"] == "weekdays")
        .unwrap();
    assert_eq!(time["code"], "all_days");
}

#[tokio::test]
async fn only_administrators_write_rules_and_everyone_reads_them() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let body = thursday_closure(app.today() + TimeDelta::days(400));
    assert_eq!(app.add_rule(&c.directorate, &body).await.status, 403);
    assert_eq!(app.add_rule(&c.agency_a, &body).await.status, 403);
    let rule = app.add_rule(&c.admin, &body).await.json(201);
    let path = format!("/working-rules/{}", text(&rule, "id"));
    let edit = json!({"title": "تغییر"});
    assert_eq!(app.patch_as(&c.agency_a, &path, &edit).await.status, 403);
    assert_eq!(app.delete_as(&c.police, &path).await.status, 403);
    let listed = app.items(&c.agency_b, "/working-rules?kind=weekend").await;
    assert_eq!(ids(&listed), [text(&rule, "id")]);
    let on = format_jalali(app.today() + TimeDelta::days(400));
    assert_eq!(
        app.items(&c.agency_b, &format!("/working-rules?on={on}"))
            .await
            .len(),
        1
    );
    assert!(app
        .items(&c.agency_b, "/working-rules?kind=closure")
        .await
        .is_empty());
    let before = format!("/working-rules?on={}", app.today());
    assert!(app.items(&c.agency_b, &before).await.is_empty());
}

#[tokio::test]
async fn a_stale_if_match_changes_nothing() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let body = thursday_closure(app.today() + TimeDelta::days(400));
    let rule = app.add_rule(&c.admin, &body).await;
    assert_eq!(rule.header("etag"), "\"1\"");
    let path = format!("/working-rules/{}", text(&rule.body(), "id"));
    let edit = json!({"title": "تعطیلی پنجشنبه‌ها از تابستان", "effective_to": "1499/01/01"});
    let headers = [("If-Match", "\"1\"")];
    let changed = app
        .call(Method::PATCH, &path, Some(&c.admin), Some(&edit), &headers)
        .await;
    assert_eq!(changed.header("etag"), "\"2\"");
    let changed = changed.json(200);
    assert_eq!(changed["effective_to_jalali"], "1499/01/01");
    let again = json!({"title": "دیرتر"});
    app.call(Method::PATCH, &path, Some(&c.admin), Some(&again), &headers)
        .await
        .problem(412, "precondition_failed");
    let bad = json!({"effective_to": "1300/01/01"});
    let bad = app
        .patch_as(&c.admin, &path, &bad)
        .await
        .problem(422, "validation_failed");
    assert_eq!(fields(&bad), BTreeSet::from(["effective_to".to_owned()]));
    let now = app.get_as(&c.directorate, &path).await.json(200);
    assert_eq!(now["title"], "تعطیلی پنجشنبه‌ها از تابستان");
}

#[tokio::test]
async fn weekdays_may_be_named_in_persian_and_rules_read_in_persian() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let rule = app
        .add_rule(
            &c.admin,
            &json!({
                "kind": "weekend",
                "title": "تعطیلی پنجشنبه‌ها",
                "effective_from": "1410/01/15",
                "weekdays": ["پنج‌شنبه", "جمعه"],
            }),
        )
        .await
        .json(201);
    assert_eq!(rule["weekdays"], json!(["thursday", "friday"]));
    assert_eq!(rule["weekdays_fa"], json!(["پنجشنبه", "جمعه"]));
    assert_eq!(rule["kind_label_fa"], "تعطیلی هفتگی");
    assert!(text(&rule, "created_at_jalali").starts_with('۱'), "{rule}");
    let bad = app
        .add_rule(
            &c.admin,
            &json!({
                "kind": "weekend",
                "title": "نامعتبر",
                "effective_from": "1410/01/15",
                "weekdays": ["هشتم"],
            }),
        )
        .await
        .problem(422, "validation_failed");
    assert_eq!(bad["errors"][0]["field"], "weekdays", "{bad}");
}
