//! Issue 32 over HTTP, at pinned instants: a fresh install counts the official calendar as
//! published, the executive bodies' Thursday closure on the directorate's stages and not on
//! the police's, budgets in whole working days; and closures declared at short notice.

use chrono::{NaiveDate, NaiveDateTime, TimeDelta};
use plate_permits::domain::jalali::jalali_to_gregorian;
use plate_permits::domain::status::RequestStatus as S;
use serde_json::{json, Value};

use crate::helpers::*;
use crate::sla::{t, TEHRAN_OFFSET_MIN};

fn j(y: i32, m: u8, d: u8) -> NaiveDate {
    jalali_to_gregorian(y, m, d).unwrap()
}

/// A Tehran wall-clock time as UTC.
fn tehran(d: NaiveDate, h: u32, m: u32) -> NaiveDateTime {
    d.and_hms_opt(h, m, 0).unwrap() - TimeDelta::minutes(TEHRAN_OFFSET_MIN)
}

fn instant(v: &Value) -> NaiveDateTime {
    let at: chrono::DateTime<chrono::Utc> = v.as_str().unwrap().parse().unwrap();
    at.naive_utc()
}

/// A fresh install whose clock stands at `now`, and agency A as a seed agency.
async fn pinned(now: NaiveDateTime) -> (TestApp, Cast, plate_permits::seed::SeededAgency) {
    pinned_with(now, |_| {}).await
}

async fn pinned_with(
    now: NaiveDateTime,
    adjust: impl FnOnce(&mut plate_permits::config::Config),
) -> (TestApp, Cast, plate_permits::seed::SeededAgency) {
    let app = spawn_app_with_clock(|c| Clock::fixed(now, c.service_timezone), adjust).await;
    let c = app.cast().await;
    let a = app.seed_agency(&c.agency_a, &c.org_a).await;
    (app, c, a)
}

/// Filed Monday 1405/04/01 10:00; the permit issued Tuesday 04/09 10:00; the police's receipt
/// Wednesday 04/10 10:00.
fn filed_0401() -> NaiveDateTime {
    tehran(j(1405, 4, 1), 10, 0)
}

/// Issue 32's case on a fresh install: filed Monday 1405/04/01 10:00 with the directorate's
/// 5-day budget. After Monday: Tue 04/02 (1), Wed 04/03 Tasua and Thu 04/04 Ashura (the
/// official calendar's days), Fri, Sat 04/06 (2), Sun (3), Mon (4), Tue 04/09 (5): due at
/// its closing, 14:30.
#[tokio::test]
async fn a_fresh_install_counts_the_official_calendar_in_whole_days() {
    let (app, c, a) = pinned(tehran(j(1405, 4, 6), 9, 0)).await;
    let ids = app.seed(vec![(&a, vec![t(S::Submitted, filed_0401())])]);
    let sla = app.request_of(&c.agency_a, &ids[0]).await["sla"].clone();
    assert_eq!(
        instant(&sla["due_at"]),
        tehran(j(1405, 4, 9), 14, 30),
        "{sla}"
    );
    assert_eq!(sla["due_date_jalali"], "1405/04/09");
    assert_eq!(sla["due_at_jalali"], "۱۴۰۵/۰۴/۰۹ ۱۴:۳۰");
    assert_eq!(sla["calendar"], "directorate");
    assert_eq!(sla["calendar_label_fa"], "تقویم کاری اداره کل");
    // Saturday 04/06 09:00: Tuesday and Saturday have begun.
    assert_eq!(sla["elapsed_working_days"], 2.0);
    assert_eq!(sla["remaining_working_days"], 3.0);
    assert_eq!(sla["overdue"], false);
    let e = app
        .get_as(&c.agency_a, &format!("/requests/{}/sla", ids[0]))
        .await
        .json(200);
    let run = &e["runs"][0];
    assert_eq!(run["calendar"], "directorate");
    let day = |jalali: &str| {
        run["days"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["date_jalali"] == jalali)
            .cloned()
            .unwrap_or_else(|| panic!("{jalali} in {run}"))
    };
    assert_eq!(day("1405/04/03")["status"], "holiday");
    assert_eq!(day("1405/04/03")["holiday"], "تاسوعای حسینی");
    assert_eq!(day("1405/04/04")["status"], "holiday");
    assert_eq!(day("1405/04/02")["day_number"], 1);
    assert_eq!(day("1405/04/06")["day_number"], 2);
    assert_eq!(day("1405/04/01")["day_number"], Value::Null);
    let holidays = app
        .items(&c.agency_a, "/holidays?from=1405/04/03&to=1405/04/04")
        .await;
    assert_eq!(field(&holidays, "source"), ["official", "official"]);
    assert!(holidays[0]["reference"]
        .as_str()
        .unwrap()
        .starts_with("https://"));
    let builtin = crate::helpers::ids(e["calendar"]["builtin_rules"].as_array().unwrap());
    assert!(builtin.contains(&"b-thursdays-1402"), "{builtin:?}");
}

/// The permit issued Tuesday 04/09 10:00: the police count their own calendar, Thursday 04/11
/// included: Wed 04/10 (1), Thu 04/11 (2), Sat 04/13 (3), Sun (4), Mon 04/15 (5). Registration
/// after the receipt on Wednesday 04/10 10:00 is the directorate's, Thursdays closed: Sat 04/13
/// (1), Sun 04/14 (2).
#[tokio::test]
async fn the_police_stage_keeps_thursdays_the_directorates_do_not() {
    let (app, c, a) = pinned(tehran(j(1405, 4, 12), 9, 0)).await;
    let issued = tehran(j(1405, 4, 9), 10, 0);
    let ids = app.seed(vec![
        (
            &a,
            vec![
                t(S::Submitted, filed_0401()),
                t(S::UnderReview, filed_0401() + TimeDelta::hours(1)),
                t(S::PermitIssued, issued),
            ],
        ),
        (
            &a,
            vec![
                t(S::Submitted, filed_0401() - TimeDelta::days(1)),
                t(S::UnderReview, filed_0401()),
                t(S::PermitIssued, issued - TimeDelta::days(1)),
                t(S::PlateRemoved, tehran(j(1405, 4, 10), 10, 0)),
            ],
        ),
    ]);
    let police = app.request_of(&c.directorate, &ids[0]).await["sla"].clone();
    assert_eq!(police["stage"], "police");
    assert_eq!(police["calendar"], "police");
    assert_eq!(
        instant(&police["due_at"]),
        tehran(j(1405, 4, 15), 14, 30),
        "{police}"
    );
    // Friday 1405/04/12 09:00: Wednesday and Thursday have begun.
    assert_eq!(police["elapsed_working_days"], 2.0);
    let registration = app.request_of(&c.directorate, &ids[1]).await["sla"].clone();
    assert_eq!(registration["stage"], "registration");
    assert_eq!(registration["calendar"], "directorate");
    assert_eq!(
        instant(&registration["due_at"]),
        tehran(j(1405, 4, 14), 14, 30),
        "{registration}"
    );
    assert_eq!(registration["elapsed_working_days"], 0.0);
    let report = app.get_as(&c.directorate, "/reports/sla").await.json(200);
    assert_eq!(
        report["calendars"],
        json!({"decision": "directorate", "police": "police", "registration": "directorate"})
    );
    // Decision of the first: Monday 10:00 → Tuesday 04/09 10:00: five working days taken.
    assert_eq!(
        report["overall"]["stages"]["decision"]["median_working_days"],
        5.0
    );
}

/// `SLA_POLICE_CALENDAR=directorate`: the police stage counts the directorate's calendar,
/// Thursday 04/11 closed: Wed 04/10 (1), Sat (2), Sun (3), Mon (4), Tue 04/16 (5).
#[tokio::test]
async fn the_police_may_count_the_directorates_calendar() {
    let (app, c, a) = pinned_with(tehran(j(1405, 4, 10), 9, 0), |c| {
        c.sla.police_calendar = plate_permits::domain::party::Party::Directorate
    })
    .await;
    let ids = app.seed(vec![(
        &a,
        vec![
            t(S::Submitted, filed_0401()),
            t(S::PermitIssued, tehran(j(1405, 4, 9), 10, 0)),
        ],
    )]);
    let sla = app.request_of(&c.directorate, &ids[0]).await["sla"].clone();
    assert_eq!(sla["calendar"], "directorate");
    assert_eq!(
        instant(&sla["due_at"]),
        tehran(j(1405, 4, 16), 14, 30),
        "{sla}"
    );
}

/// Monday 1405/04/01 09:00: a request filed at 08:00 is due Tuesday 04/09 14:30; the
/// province closes the offices tomorrow (Tuesday 04/02): due Wednesday 04/10, recomputed in
/// the declaration's transaction, with the event and the audit entry.
#[tokio::test]
async fn a_closure_declared_for_tomorrow_moves_open_deadlines_at_once() {
    let (app, c, a) = pinned(tehran(j(1405, 4, 1), 9, 0)).await;
    let ids = app.seed(vec![(
        &a,
        vec![t(S::Submitted, tehran(j(1405, 4, 1), 8, 0))],
    )]);
    let due = |v: Value| instant(&v["sla"]["due_at"]);
    assert_eq!(
        due(app.request_of(&c.agency_a, &ids[0]).await),
        tehran(j(1405, 4, 9), 14, 30)
    );
    let body = json!({"date": "۱۴۰۵/۰۴/۰۲", "title": "تعطیلی ادارات استان به سبب گرمای هوا"});
    assert_eq!(
        app.post_as(&c.directorate, "/closures", &body).await.status,
        403
    );
    let reply = app.post_as(&c.admin, "/closures", &body).await;
    assert!(reply
        .header("location")
        .starts_with("/api/v1/working-rules/"));
    let declared = reply.json(201);
    assert_eq!(declared["recomputed_requests"], 1, "{declared}");
    assert_eq!(declared["rule"]["kind"], "closure");
    assert_eq!(declared["rule"]["whole_day"], true);
    assert_eq!(declared["rule"]["applies_to"], "all");
    assert_eq!(declared["rule"]["effective_from_jalali"], "1405/04/02");
    assert_eq!(
        due(app.request_of(&c.agency_a, &ids[0]).await),
        tehran(j(1405, 4, 10), 14, 30)
    );
    let feed = app
        .get_as(&c.agency_b, "/events?types=calendar.closure_declared")
        .await
        .json(200);
    let events = feed["items"].as_array().unwrap();
    assert_eq!(events.len(), 1, "{feed}");
    assert_eq!(events[0]["subject"]["kind"], "working_rule");
    assert_eq!(events[0]["data"]["recomputed_requests"], 1);
    let audit = app
        .get_as(&c.admin, "/audit?action=working_rule.closure_declared")
        .await
        .json(200);
    assert_eq!(audit["items"].as_array().unwrap().len(), 1, "{audit}");
}

#[tokio::test]
async fn a_closure_is_for_today_or_tomorrow_and_may_start_at_a_time() {
    let (app, c, a) = pinned(tehran(j(1405, 4, 6), 9, 0)).await;
    let ids = app.seed(vec![(
        &a,
        vec![t(S::Submitted, tehran(j(1405, 4, 1), 10, 0))],
    )]);
    let later = json!({"date": "1405/04/08", "title": "تعطیلی", "from_time": "25:00"});
    let bad = app
        .post_as(&c.admin, "/closures", &later)
        .await
        .problem(422, "validation_failed");
    let codes: Vec<(&str, &str)> = bad["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (text(e, "field"), text(e, "code")))
        .collect();
    assert_eq!(
        codes,
        [
            ("date", "not_today_or_tomorrow"),
            ("from_time", "invalid_time")
        ],
        "{bad}"
    );
    // Closed for the police only, from 11:00 today: the directorate's deadline stays.
    let police = json!({"date": "1405/04/06", "title": "تعطیلی از ساعت ۱۱", "from_time": "11:00", "applies_to": "police"});
    let declared = app.post_as(&c.admin, "/closures", &police).await.json(201);
    assert_eq!(declared["rule"]["from_time"], "11:00");
    assert_eq!(declared["rule"]["applies_to"], "police");
    let sla = app.request_of(&c.agency_a, &ids[0]).await["sla"].clone();
    assert_eq!(instant(&sla["due_at"]), tehran(j(1405, 4, 9), 14, 30));
    // The same for everyone: Saturday 04/06 closes at 11:00, a working day still.
    let all = json!({"date": "1405/04/06", "title": "تعطیلی از ساعت ۱۱", "from_time": "11:00"});
    app.post_as(&c.admin, "/closures", &all).await.json(201);
    let sla = app.request_of(&c.agency_a, &ids[0]).await["sla"].clone();
    assert_eq!(instant(&sla["due_at"]), tehran(j(1405, 4, 9), 14, 30));
    let e = app
        .get_as(&c.agency_a, &format!("/requests/{}/sla", ids[0]))
        .await
        .json(200);
    let sat = e["runs"][0]["days"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["date_jalali"] == "1405/04/06")
        .cloned()
        .unwrap();
    assert_eq!(sat["office_hours"], json!(["07:30-11:00"]));
    assert_eq!(sat["day_number"], 2);
}
