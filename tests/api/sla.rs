//! SLA monitoring over HTTP: clocks on requests, pauses, holidays, overdue lists, the
//! explanation, the report (checked against an independent computation) and `/metrics`.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate, NaiveDateTime, TimeDelta, Timelike, Weekday};
use plate_permits::domain::status::RequestStatus as S;
use plate_permits::seed::{self, SeedRequest, SeededAgency};
use plate_permits::sla::clock::Transition;
use serde_json::{json, Value};

use crate::helpers::*;

const TEHRAN_OFFSET_MIN: i64 = 210;

fn now_minute() -> NaiveDateTime {
    let n = chrono::Utc::now().naive_utc();
    n.with_second(0).unwrap().with_nanosecond(0).unwrap()
}

fn tehran_date(at: NaiveDateTime) -> NaiveDate {
    (at + TimeDelta::minutes(TEHRAN_OFFSET_MIN)).date()
}

/// Independent working-time count: minute by minute, a minute counts when its Tehran wall
/// clock is within 07:30–14:30 on a day that is neither Friday nor a holiday.
fn working_minutes(from: NaiveDateTime, to: NaiveDateTime, holidays: &BTreeSet<NaiveDate>) -> i64 {
    let mut n = 0;
    let mut t = from;
    while t < to {
        let local = t + TimeDelta::minutes(TEHRAN_OFFSET_MIN);
        let mins = local.hour() * 60 + local.minute();
        if local.weekday() != Weekday::Fri
            && !holidays.contains(&local.date())
            && (7 * 60 + 30..14 * 60 + 30).contains(&mins)
        {
            n += 1;
        }
        t += TimeDelta::minutes(1);
    }
    n
}

/// Hundredths of a 420-minute working day, rounded up.
fn centi(minutes: i64) -> i64 {
    (minutes * 100 + 419) / 420
}

impl TestApp {
    /// Agencies A and B as seed agencies (their user ids from `/me`).
    async fn seed_agency(&self, token: &str, org: &str) -> SeededAgency {
        let me = expect_json(self.get("/me", Some(token)).await, 200).await;
        SeededAgency {
            organisation_id: org.to_owned(),
            user_id: me["id"].as_str().unwrap().to_owned(),
            username: me["username"].as_str().unwrap().to_owned(),
        }
    }

    /// Requests with backdated histories, written straight to the database.
    fn seed(&self, items: Vec<(&SeededAgency, Vec<Transition>)>) -> Vec<String> {
        self.seed_rated(items.into_iter().map(|(a, s)| (a, s, None)).collect())
    }

    fn seed_rated(&self, items: Vec<(&SeededAgency, Vec<Transition>, Option<i32>)>) -> Vec<String> {
        let mut conn = self.db_conn();
        let salt = (uuid::Uuid::new_v4().as_u128() % 1_000_000_000) as u64;
        let batch: Vec<SeedRequest<'_>> = items
            .into_iter()
            .enumerate()
            .map(|(i, (agency, steps, rating))| SeedRequest {
                agency,
                number: i as u64 + (salt % 1_000_000),
                steps,
                rating,
            })
            .collect();
        seed::requests(&mut conn, &self.config, &batch, salt).expect("seed")
    }
}

fn t(to: S, at: NaiveDateTime) -> Transition {
    Transition { to, at }
}

#[tokio::test]
async fn every_request_carries_its_clock_and_pauses_for_documents() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let req = app.file_request(&c.agency_a).await;
    let id = req["id"].as_str().unwrap();
    let sla = &req["sla"];
    assert_eq!(sla["stage"], "decision");
    assert_eq!(sla["clock"], "running");
    assert_eq!(sla["budget_working_days"], 5);
    assert_eq!(sla["overdue"], false);
    let due: chrono::DateTime<chrono::Utc> = sla["due_at"].as_str().unwrap().parse().unwrap();
    assert!(due > chrono::Utc::now() + TimeDelta::days(4), "{sla}");
    let jalali = sla["due_date_jalali"].as_str().unwrap();
    assert!(jalali.starts_with("14") && jalali.len() == 10, "{jalali}");

    expect_json(
        app.post_action(
            &format!("/requests/{id}/review"),
            &c.directorate,
            None,
            None,
        )
        .await,
        200,
    )
    .await;
    expect_json(
        app.post_json(
            &format!("/requests/{id}/document-requests"),
            Some(&c.directorate),
            &json!({"message": "سند مالکیت را بارگذاری کنید.", "items": [{"document_type": "ownership_document"}]}),
        )
        .await,
        201,
    )
    .await;
    let paused = expect_json(
        app.get(&format!("/requests/{id}"), Some(&c.agency_a)).await,
        200,
    )
    .await;
    assert_eq!(paused["status"], "awaiting_documents");
    assert_eq!(paused["sla"]["clock"], "paused");
    assert_eq!(paused["sla"]["due_at"], Value::Null);
    assert_eq!(paused["sla"]["overdue"], false);

    // The explanation shows the run with its running and paused spans.
    let explained = expect_json(
        app.get(&format!("/requests/{id}/sla"), Some(&c.agency_a))
            .await,
        200,
    )
    .await;
    let run = &explained["runs"][0];
    assert_eq!(run["stage"], "decision");
    assert_eq!(run["completed"], false);
    let states: Vec<&str> = run["spans"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["state"].as_str().unwrap())
        .collect();
    assert_eq!(states, ["running", "paused"]);
    assert_eq!(explained["calendar"]["time_zone"], "Asia/Tehran");
    assert_eq!(explained["calendar"]["weekend_days"], json!(["Fri"]));
    // Another agency cannot read it.
    let other = app
        .get(&format!("/requests/{id}/sla"), Some(&c.agency_b))
        .await;
    assert_eq!(other.status(), 404);
}

#[tokio::test]
async fn overdue_requests_are_listed_most_urgent_first() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let a = app.seed_agency(&c.agency_a, &c.org_a).await;
    let b = app.seed_agency(&c.agency_b, &c.org_b).await;
    let now = now_minute();
    let ids = app.seed(vec![
        // 0: filed 40 days ago, still under review: overdue.
        (
            &a,
            vec![
                t(S::Submitted, now - TimeDelta::days(40)),
                t(S::UnderReview, now - TimeDelta::days(39)),
            ],
        ),
        // 1: filed 20 days ago: overdue, due later than 0.
        (&a, vec![t(S::Submitted, now - TimeDelta::days(20))]),
        // 2: filed an hour ago: not overdue.
        (&a, vec![t(S::Submitted, now - TimeDelta::hours(1))]),
        // 3: waiting for documents since long ago: paused, not overdue.
        (
            &a,
            vec![
                t(S::Submitted, now - TimeDelta::days(30)),
                t(S::UnderReview, now - TimeDelta::days(30)),
                t(
                    S::AwaitingDocuments,
                    now - TimeDelta::days(29) - TimeDelta::hours(20),
                ),
            ],
        ),
        // 4: another agency's overdue request.
        (&b, vec![t(S::Submitted, now - TimeDelta::days(25))]),
        // 5: a permit issued 15 days ago without a receipt: the police are overdue.
        (
            &a,
            vec![
                t(S::Submitted, now - TimeDelta::days(16)),
                t(S::UnderReview, now - TimeDelta::days(16)),
                t(S::PermitIssued, now - TimeDelta::days(15)),
            ],
        ),
    ]);
    let list = |path: String, token: String| {
        let app = &app;
        async move { expect_json(app.get(&path, Some(&token)).await, 200).await }
    };
    let page = list(
        "/requests?overdue=true&sort=due_at".into(),
        c.directorate.clone(),
    )
    .await;
    let got: Vec<&str> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        got,
        [
            ids[0].as_str(),
            ids[4].as_str(),
            ids[1].as_str(),
            ids[5].as_str()
        ],
        "{page}"
    );
    for item in page["items"].as_array().unwrap() {
        assert_eq!(item["sla"]["overdue"], true);
        assert!(item["sla"]["remaining_working_days"].as_f64().unwrap() < 0.0);
    }
    assert_eq!(page["items"][3]["sla"]["stage"], "police");

    // Paging through the urgent list one at a time gives the same order.
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let mut path = "/requests?overdue=true&sort=due_at&limit=1".to_owned();
        if let Some(cur) = &cursor {
            path.push_str(&format!("&cursor={cur}"));
        }
        let p = list(path, c.directorate.clone()).await;
        for item in p["items"].as_array().unwrap() {
            seen.push(item["id"].as_str().unwrap().to_owned());
        }
        match p["next_cursor"].as_str() {
            Some(cur) => cursor = Some(cur.to_owned()),
            None => break,
        }
    }
    assert_eq!(
        seen,
        [
            ids[0].clone(),
            ids[4].clone(),
            ids[1].clone(),
            ids[5].clone()
        ]
    );

    // The agency sees only its own overdue requests.
    let mine = list("/requests?overdue=true".into(), c.agency_a.clone()).await;
    let mine: BTreeSet<&str> = mine["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        mine,
        BTreeSet::from([ids[0].as_str(), ids[1].as_str(), ids[5].as_str()])
    );
    // overdue=false is the complement.
    let fine = list("/requests?overdue=false".into(), c.directorate.clone()).await;
    let fine: BTreeSet<&str> = fine["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(fine, BTreeSet::from([ids[2].as_str(), ids[3].as_str()]));
    let paused = list(format!("/requests/{}", ids[3]), c.directorate.clone()).await;
    assert_eq!(paused["sla"]["clock"], "paused");
    // Overdue 40-day-old request: due five working days after filing.
    let first = list(format!("/requests/{}", ids[0]), c.directorate.clone()).await;
    let due: chrono::DateTime<chrono::Utc> =
        first["sla"]["due_at"].as_str().unwrap().parse().unwrap();
    let filed = now - TimeDelta::days(40);
    let minutes = working_minutes(filed, due.naive_utc(), &BTreeSet::new());
    assert_eq!(minutes, 5 * 420, "due {due} for filing at {filed}");

    let bad = app
        .get("/requests?sort=urgency", Some(&c.directorate))
        .await;
    assert_eq!(bad.status(), 400);
    let bad = app
        .get("/requests?overdue=maybe", Some(&c.directorate))
        .await;
    assert_eq!(bad.status(), 400);
}

/// The first working day after today (Tehran) that is at least `skip` working days away.
fn working_day_after(today: NaiveDate, skip: usize) -> NaiveDate {
    let mut d = today;
    let mut n = 0;
    loop {
        d = d.succ_opt().unwrap();
        if d.weekday() != Weekday::Fri {
            n += 1;
            if n > skip {
                return d;
            }
        }
    }
}

#[tokio::test]
async fn holidays_move_deadlines_and_are_admin_kept() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let req = app.file_request(&c.agency_a).await;
    let id = req["id"].as_str().unwrap().to_owned();
    let due_before = req["sla"]["due_at"].as_str().unwrap().to_owned();
    let day = working_day_after(tehran_date(chrono::Utc::now().naive_utc()), 1);
    let jalali = plate_permits::domain::jalali::format_jalali(day);

    // Only administrators keep the table; bad input is named.
    let forbidden = app
        .post_json(
            "/holidays",
            Some(&c.directorate),
            &json!({"date": jalali, "title": "تعطیل"}),
        )
        .await;
    assert_eq!(forbidden.status(), 403);
    let bad = expect_problem(
        app.post_json(
            "/holidays",
            Some(&c.admin),
            &json!({"date": "1403/12/31", "title": ""}),
        )
        .await,
        422,
        "validation_failed",
    )
    .await;
    let fields: BTreeSet<&str> = bad["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, BTreeSet::from(["date", "title"]));

    // Added after submission (as a Jalali date with Persian digits): the deadline moves.
    let persian: String = jalali
        .chars()
        .map(|ch| match ch.to_digit(10) {
            Some(d) => char::from_u32(0x06F0 + d).unwrap(),
            None => ch,
        })
        .collect();
    let holiday = expect_json(
        app.post_json(
            "/holidays",
            Some(&c.admin),
            &json!({"date": persian, "title": "تعطیل رسمی"}),
        )
        .await,
        201,
    )
    .await;
    assert_eq!(holiday["date"], day.to_string());
    assert_eq!(holiday["date_jalali"], jalali);
    expect_problem(
        app.post_json(
            "/holidays",
            Some(&c.admin),
            &json!({"date": day.to_string(), "title": "دوباره"}),
        )
        .await,
        409,
        "duplicate",
    )
    .await;
    let moved = expect_json(
        app.get(&format!("/requests/{id}"), Some(&c.agency_a)).await,
        200,
    )
    .await;
    let due_after = moved["sla"]["due_at"].as_str().unwrap().to_owned();
    let (b, a): (chrono::DateTime<chrono::Utc>, chrono::DateTime<chrono::Utc>) =
        (due_before.parse().unwrap(), due_after.parse().unwrap());
    let holidays = BTreeSet::from([day]);
    // Exactly one more working day, counted independently.
    assert!(a > b);
    assert_eq!(
        working_minutes(b.naive_utc(), a.naive_utc(), &holidays),
        420,
        "{b} → {a}"
    );
    let explained = expect_json(
        app.get(&format!("/requests/{id}/sla"), Some(&c.agency_a))
            .await,
        200,
    )
    .await;
    let listed: Vec<&Value> = explained["runs"][0]["days"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["status"] == "holiday")
        .collect();
    assert!(listed.is_empty(), "the run has not reached the holiday yet");

    let all = expect_json(app.get("/holidays", Some(&c.agency_b)).await, 200).await;
    assert_eq!(all["items"][0]["title"], "تعطیل رسمی");

    // Removing it restores the deadline.
    let gone = app
        .delete(
            &format!("/holidays/{}", holiday["id"].as_str().unwrap()),
            Some(&c.admin),
        )
        .await;
    assert_eq!(gone.status(), 204);
    let back = expect_json(
        app.get(&format!("/requests/{id}"), Some(&c.agency_a)).await,
        200,
    )
    .await;
    assert_eq!(back["sla"]["due_at"], due_before);
    let again = app
        .delete(
            &format!("/holidays/{}", holiday["id"].as_str().unwrap()),
            Some(&c.admin),
        )
        .await;
    assert_eq!(again.status(), 404);
}

#[tokio::test]
async fn explanation_lists_skipped_days_of_a_backdated_request() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let a = app.seed_agency(&c.agency_a, &c.org_a).await;
    // A Wednesday about three weeks ago, 10:00 Tehran.
    let mut day = tehran_date(chrono::Utc::now().naive_utc()) - TimeDelta::days(21);
    while day.weekday() != Weekday::Wed {
        day = day.pred_opt().unwrap();
    }
    let at = |d: NaiveDate, h: u32| {
        d.and_hms_opt(h, 0, 0).unwrap() - TimeDelta::minutes(TEHRAN_OFFSET_MIN)
    };
    let holiday = day + TimeDelta::days(4); // the Sunday after
    expect_json(
        app.post_json(
            "/holidays",
            Some(&c.admin),
            &json!({"date": holiday.to_string(), "title": "تعطیل"}),
        )
        .await,
        201,
    )
    .await;
    let ids = app.seed(vec![(
        &a,
        vec![
            t(S::Submitted, at(day, 10)),
            t(S::UnderReview, at(day, 11)),
            // Paused from Thursday 10:00 to the next Tuesday 10:00.
            t(S::AwaitingDocuments, at(day + TimeDelta::days(1), 10)),
            t(S::UnderReview, at(day + TimeDelta::days(6), 10)),
            t(S::PermitIssued, at(day + TimeDelta::days(7), 12)),
        ],
    )]);
    let e = expect_json(
        app.get(&format!("/requests/{}/sla", ids[0]), Some(&c.directorate))
            .await,
        200,
    )
    .await;
    let run = &e["runs"][0];
    assert_eq!(run["completed"], true);
    // Wed 10:00–14:30 (4.5 h) + Thu 07:30–10:00 (2.5 h) + Tue 10:00–14:30 (4.5 h) + Wed
    // 07:30–12:00 (4.5 h) = 16 h = 2.29 working days.
    assert_eq!(run["elapsed_working_days"], 2.29);
    assert_eq!(run["within_budget"], true);
    let statuses: BTreeMap<String, String> = run["days"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["date"].as_str().unwrap().to_owned(),
                d["status"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let key = |d: NaiveDate| d.to_string();
    assert_eq!(statuses[&key(day)], "working");
    assert_eq!(statuses[&key(day + TimeDelta::days(2))], "weekend");
    assert_eq!(statuses[&key(day + TimeDelta::days(3))], "paused");
    assert_eq!(statuses[&key(holiday)], "holiday");
    assert_eq!(statuses[&key(day + TimeDelta::days(5))], "paused");
    assert_eq!(statuses[&key(day + TimeDelta::days(6))], "working");
    assert_eq!(e["sla"]["stage"], "police");

    // A holiday recorded afterwards on a day the finished decision counted (the Tuesday):
    // the stored duration the report reads is measured again, 16 h → 11.5 h.
    let path = format!("/reports/sla?organisation_id={}", c.org_a);
    let before = expect_json(app.get(&path, Some(&c.directorate)).await, 200).await;
    assert_eq!(
        before["overall"]["stages"]["decision"]["median_working_days"],
        2.29
    );
    expect_json(
        app.post_json(
            "/holidays",
            Some(&c.admin),
            &json!({"date": (day + TimeDelta::days(6)).to_string(), "title": "تعطیل بعدی"}),
        )
        .await,
        201,
    )
    .await;
    let after = expect_json(app.get(&path, Some(&c.directorate)).await, 200).await;
    assert_eq!(
        after["overall"]["stages"]["decision"]["median_working_days"],
        1.65
    );
}

/// What the report should say, computed without the service's code.
#[derive(Default, Debug)]
struct Expected {
    requests: i64,
    by_status: BTreeMap<String, i64>,
    decision: Vec<i64>,
    police: Vec<i64>,
    registration: Vec<i64>,
    overdue: i64,
    ratings: Vec<i64>,
}

fn nearest_rank(sorted: &[i64], p: f64) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    let rank = ((p * sorted.len() as f64).ceil() as usize).max(1);
    Some(sorted[rank - 1] as f64 / 100.0)
}

fn check_stage(got: &Value, durations: &mut [i64], budget: i64, what: &str) {
    durations.sort_unstable();
    assert_eq!(got["completed"], durations.len() as i64, "{what}: {got}");
    assert_eq!(
        got["median_working_days"].as_f64(),
        nearest_rank(durations, 0.5),
        "{what} median"
    );
    assert_eq!(
        got["p90_working_days"].as_f64(),
        nearest_rank(durations, 0.9),
        "{what} p90"
    );
    let within = durations.iter().filter(|d| **d <= budget * 100).count() as i64;
    assert_eq!(got["within_budget"], within, "{what} within");
}

fn check_figures(got: &Value, exp: &mut Expected, what: &str) {
    assert_eq!(got["requests"], exp.requests, "{what} requests");
    for (status, n) in &exp.by_status {
        assert_eq!(got["by_status"][status], *n, "{what} status {status}");
    }
    check_stage(
        &got["stages"]["decision"],
        &mut exp.decision,
        5,
        &format!("{what} decision"),
    );
    check_stage(
        &got["stages"]["police"],
        &mut exp.police,
        5,
        &format!("{what} police"),
    );
    check_stage(
        &got["stages"]["registration"],
        &mut exp.registration,
        2,
        &format!("{what} registration"),
    );
    assert_eq!(got["overdue_now"], exp.overdue, "{what} overdue");
    assert_eq!(
        got["feedback"]["count"],
        exp.ratings.len() as i64,
        "{what} feedback"
    );
    if !exp.ratings.is_empty() {
        let avg = exp.ratings.iter().sum::<i64>() as f64 / exp.ratings.len() as f64;
        assert_eq!(
            got["feedback"]["average_rating"].as_f64(),
            Some((avg * 100.0).round() / 100.0)
        );
    }
}

/// Adds one seeded history to the expectation, measuring stages minute by minute.
fn expect_history(
    exp: &mut Expected,
    steps: &[Transition],
    now: NaiveDateTime,
    holidays: &BTreeSet<NaiveDate>,
) {
    exp.requests += 1;
    let last = steps.last().unwrap().to;
    *exp.by_status.entry(last.as_str().to_owned()).or_default() += 1;
    // Decision: running while submitted/under_review, until permit_issued or rejected.
    let mut decision = 0;
    let mut decided = false;
    let mut police_start = None;
    let mut registration_start = None;
    for (i, s) in steps.iter().enumerate() {
        let end = steps.get(i + 1).map(|n| n.at).unwrap_or(now);
        match s.to {
            S::Submitted | S::UnderReview => decision += working_minutes(s.at, end, holidays),
            S::PermitIssued => police_start = Some(s.at),
            S::PlateRemoved => registration_start = Some(s.at),
            _ => {}
        }
        match s.to {
            S::PermitIssued | S::Rejected if i > 0 => decided = true,
            S::PlateRemoved | S::RemovalRefused => exp.police.push(centi(working_minutes(
                police_start.unwrap(),
                s.at,
                holidays,
            ))),
            S::Completed => exp.registration.push(centi(working_minutes(
                registration_start.unwrap(),
                s.at,
                holidays,
            ))),
            _ => {}
        }
    }
    if decided {
        exp.decision.push(centi(decision));
    }
    let overdue = match last {
        S::Submitted | S::UnderReview => decision > 5 * 420,
        S::PermitIssued => working_minutes(police_start.unwrap(), now, holidays) > 5 * 420,
        S::PlateRemoved => working_minutes(registration_start.unwrap(), now, holidays) > 2 * 420,
        _ => false,
    };
    if overdue {
        exp.overdue += 1;
    }
}

#[tokio::test]
async fn report_matches_an_independent_computation() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let a = app.seed_agency(&c.agency_a, &c.org_a).await;
    let b = app.seed_agency(&c.agency_b, &c.org_b).await;
    let now = now_minute();
    // Two holidays in the period (a Nowruz-like stretch) change the counts.
    let h1 = tehran_date(now) - TimeDelta::days(20);
    let h2 = h1 + TimeDelta::days(1);
    for (d, title) in [(h1, "تعطیل یک"), (h2, "تعطیل دو")] {
        expect_json(
            app.post_json(
                "/holidays",
                Some(&c.admin),
                &json!({"date": d.to_string(), "title": title}),
            )
            .await,
            201,
        )
        .await;
    }
    let holidays = BTreeSet::from([h1, h2]);
    let mut rng = seed::Rng::new(7);
    let mut items = Vec::new();
    for i in 0..40 {
        let agency = if i % 3 == 0 { &b } else { &a };
        items.push((
            agency,
            seed::random_history(&mut rng, now - TimeDelta::minutes(5), 45),
        ));
    }
    let histories: Vec<(String, Vec<Transition>)> = items
        .iter()
        .map(|(ag, h)| (ag.organisation_id.clone(), h.clone()))
        .collect();
    // Feedback on finished requests.
    let mut ratings: BTreeMap<String, Vec<i64>> = BTreeMap::new();
    let rated: Vec<(&SeededAgency, Vec<Transition>, Option<i32>)> = items
        .into_iter()
        .enumerate()
        .map(|(k, (agency, steps))| {
            let finished = matches!(steps.last().unwrap().to, S::Completed | S::Rejected);
            let rating = finished.then_some(1 + (k as i32 % 5));
            if let Some(r) = rating {
                ratings
                    .entry(agency.organisation_id.clone())
                    .or_default()
                    .push(i64::from(r));
            }
            (agency, steps, rating)
        })
        .collect();
    app.seed_rated(rated);
    let report = expect_json(app.get("/reports/sla", Some(&c.directorate)).await, 200).await;
    let mut overall = Expected::default();
    let mut per: BTreeMap<String, Expected> = BTreeMap::new();
    for (org, h) in &histories {
        expect_history(&mut overall, h, now, &holidays);
        expect_history(per.entry(org.clone()).or_default(), h, now, &holidays);
    }
    overall.ratings = ratings.values().flatten().copied().collect();
    for (org, r) in &ratings {
        per.get_mut(org).unwrap().ratings = r.clone();
    }
    check_figures(&report["overall"], &mut overall, "overall");
    assert_eq!(report["agencies"].as_array().unwrap().len(), 2);
    for agency in report["agencies"].as_array().unwrap() {
        let org = agency["organisation_id"].as_str().unwrap();
        check_figures(agency, per.get_mut(org).unwrap(), org);
    }
    assert_eq!(
        report["budgets"],
        json!({"decision": 5, "police": 5, "registration": 2})
    );

    // A Jalali range picks the requests filed in it; one agency only.
    let from = tehran_date(now) - TimeDelta::days(15);
    let to = tehran_date(now);
    let ranged = expect_json(
        app.get(
            &format!(
                "/reports/sla?from={}&to={}&organisation_id={}",
                plate_permits::domain::jalali::format_jalali(from),
                plate_permits::domain::jalali::format_jalali(to),
                a.organisation_id
            ),
            Some(&c.admin),
        )
        .await,
        200,
    )
    .await;
    let mut exp = Expected::default();
    for (org, h) in &histories {
        let filed = tehran_date(h[0].at);
        if *org == a.organisation_id && filed >= from && filed <= to {
            expect_history(&mut exp, h, now, &holidays);
        }
    }
    exp.ratings = histories
        .iter()
        .enumerate()
        .filter(|(_, (org, h))| *org == a.organisation_id && tehran_date(h[0].at) >= from)
        .filter_map(|(k, (_, h))| {
            matches!(h.last().unwrap().to, S::Completed | S::Rejected).then_some(1 + (k as i64 % 5))
        })
        .collect();
    check_figures(&ranged["overall"], &mut exp, "ranged");
    assert_eq!(
        ranged["from_jalali"],
        plate_permits::domain::jalali::format_jalali(from)
    );

    // CSV: the same figures, one line per scope.
    let csv = app
        .client
        .get(app.api("/reports/sla"))
        .bearer_auth(&c.directorate)
        .header("accept", "text/csv")
        .send()
        .await
        .unwrap();
    assert_eq!(csv.status(), 200);
    assert!(csv.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let text = csv.text().await.unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{text}");
    let header: Vec<&str> = lines[0].split(',').collect();
    let overall_line: Vec<&str> = lines[1].split(',').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
    assert_eq!(overall_line[col("scope")], "overall");
    assert_eq!(
        overall_line[col("requests")],
        report["overall"]["requests"].to_string()
    );
    assert_eq!(
        overall_line[col("overdue_now")],
        report["overall"]["overdue_now"].to_string()
    );
    let median = report["overall"]["stages"]["decision"]["median_working_days"]
        .as_f64()
        .map(|v| v.to_string())
        .unwrap_or_default();
    assert_eq!(overall_line[col("decision_median_working_days")], median);

    // Bad ranges are 400; agencies may not read the report.
    let bad = app
        .get("/reports/sla?from=1403/13/01", Some(&c.directorate))
        .await;
    assert_eq!(bad.status(), 400);
    let bad = app
        .get(
            "/reports/sla?from=2025-02-01&to=2025-01-01",
            Some(&c.directorate),
        )
        .await;
    assert_eq!(bad.status(), 400);
    assert_eq!(
        app.get("/reports/sla", Some(&c.agency_a)).await.status(),
        403
    );
}

#[tokio::test]
async fn metrics_count_requests_and_need_the_token_when_set() {
    let app = spawn_app().await;
    let c = app.cast().await;
    app.file_request(&c.agency_a).await;
    let a = app.seed_agency(&c.agency_a, &c.org_a).await;
    let now = now_minute();
    app.seed(vec![(&a, vec![t(S::Submitted, now - TimeDelta::days(30))])]);
    let resp = app.client.get(app.url("/metrics")).send().await.unwrap();
    assert_eq!(resp.status(), 200);
    assert!(resp.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/plain"));
    let text = resp.text().await.unwrap();
    assert!(
        text.contains("plate_permits_http_requests_total{method=\"POST\",route=\"/api/v1/requests\",status=\"2xx\"} 1"),
        "{text}"
    );
    assert!(text.contains("plate_permits_http_request_duration_seconds_bucket{method=\"POST\",route=\"/api/v1/requests\",status=\"2xx\",le=\"+Inf\"} 1"));
    assert!(
        text.contains("plate_permits_requests{status=\"submitted\"} 2"),
        "{text}"
    );
    assert!(text.contains("plate_permits_requests_overdue 1"), "{text}");
    assert!(text.contains("plate_permits_outbox_backlog "));
    assert!(text.contains("plate_permits_webhook_deliveries{status=\"failed\"} 0"));
    // No identifiers in labels: routes are patterns.
    assert!(!text.contains(&c.org_a));

    let guarded = spawn_app_with(|cfg| {
        cfg.metrics_token = Some(plate_permits::config::Secret::new("scrape-token-123"));
    })
    .await;
    let scrape = |token: Option<&'static str>| {
        let mut r = guarded.client.get(guarded.url("/metrics"));
        if let Some(t) = token {
            r = r.bearer_auth(t);
        }
        r.send()
    };
    assert_eq!(scrape(None).await.unwrap().status(), 401);
    assert_eq!(scrape(Some("nope")).await.unwrap().status(), 401);
    assert_eq!(
        scrape(Some("scrape-token-123")).await.unwrap().status(),
        200
    );

    // Without a token, a non-loopback client (behind a trusted proxy) is refused.
    let proxied = spawn_app_with(|cfg| cfg.trust_proxy = true).await;
    let far = proxied
        .client
        .get(proxied.url("/metrics"))
        .header("x-forwarded-for", "203.0.113.7")
        .send()
        .await
        .unwrap();
    assert_eq!(far.status(), 403);
}
