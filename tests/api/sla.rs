//! SLA monitoring over HTTP: clocks on requests, pauses, holidays, overdue lists, the
//! explanation, the report (checked against an independent computation) and `/metrics`.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate, NaiveDateTime, TimeDelta, Timelike, Weekday};
use plate_permits::domain::status::RequestStatus as S;
use plate_permits::seed::{self, SeedRequest, SeededAgency};
use plate_permits::sla::clock::Transition;
use serde_json::{json, Value};

use crate::helpers::*;

pub(crate) const TEHRAN_OFFSET_MIN: i64 = 210;

/// The app's "now", to the minute.
fn now_minute(app: &TestApp) -> NaiveDateTime {
    let n = app.clock.now();
    n.with_second(0).unwrap().with_nanosecond(0).unwrap()
}

fn tehran_date(at: NaiveDateTime) -> NaiveDate {
    (at + TimeDelta::minutes(TEHRAN_OFFSET_MIN)).date()
}

/// Every built-in holiday (fixed, official and provisional; none is confirmed in these
/// tests): the service counts them too.
pub(crate) fn builtin_days() -> BTreeSet<NaiveDate> {
    plate_permits::sla::official::all()
        .iter()
        .map(|b| b.date)
        .collect()
}

/// The independent day count (issue 32), written without the service's code: which local
/// dates are a party's working days, and their office hours (local minutes). A step's start
/// day is its own day unless it started at or after that day's closing or on a day off (then
/// the next working day); N working days end at the closing of the Nth working day after the
/// start day; the days a step took are the working days after its start day that opened
/// before it ended.
#[derive(Clone, Debug, Default)]
pub(crate) struct Days {
    pub holidays: BTreeSet<NaiveDate>,
    /// The executive bodies' calendar (the directorate's and the agencies'): Thursdays closed
    /// from 1402/01/01 (2023-03-21), 08:00–14:00 from 1404/10/01 to 1405/01/15.
    pub executive: bool,
    /// Office hours on particular dates (local minutes), or `None`: closed all day.
    pub on: BTreeMap<NaiveDate, Option<(u32, u32)>>,
}

impl Days {
    /// The directorate's calendar with these holidays.
    pub(crate) fn directorate(holidays: BTreeSet<NaiveDate>) -> Self {
        Days {
            holidays,
            executive: true,
            on: BTreeMap::new(),
        }
    }

    /// The police's calendar with these holidays.
    pub(crate) fn police(holidays: BTreeSet<NaiveDate>) -> Self {
        Days {
            holidays,
            executive: false,
            on: BTreeMap::new(),
        }
    }

    /// The office hours of a date; `None` on a day off.
    pub(crate) fn hours(&self, d: NaiveDate) -> Option<(u32, u32)> {
        let ymd = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        if d.weekday() == Weekday::Fri || self.holidays.contains(&d) {
            return None;
        }
        if self.executive && d.weekday() == Weekday::Thu && d >= ymd(2023, 3, 21) {
            return None;
        }
        if let Some(h) = self.on.get(&d) {
            return *h;
        }
        if self.executive && d >= ymd(2025, 12, 22) && d <= ymd(2026, 4, 4) {
            return Some((8 * 60, 14 * 60));
        }
        Some((7 * 60 + 30, 14 * 60 + 30))
    }

    fn local(at: NaiveDateTime) -> NaiveDateTime {
        chrono::TimeZone::from_utc_datetime(&chrono_tz::Asia::Tehran, &at).naive_local()
    }

    fn utc(d: NaiveDate, minute: u32) -> NaiveDateTime {
        let local = d.and_hms_opt(0, 0, 0).unwrap() + TimeDelta::minutes(i64::from(minute));
        chrono::TimeZone::from_local_datetime(&chrono_tz::Asia::Tehran, &local)
            .earliest()
            .unwrap()
            .naive_utc()
    }

    fn next(&self, d: NaiveDate) -> NaiveDate {
        let mut d = d.succ_opt().unwrap();
        while self.hours(d).is_none() {
            d = d.succ_opt().unwrap();
        }
        d
    }

    pub(crate) fn start_day(&self, at: NaiveDateTime) -> NaiveDate {
        let local = Self::local(at);
        let d = local.date();
        match self.hours(d) {
            Some((_, close))
                if local
                    < d.and_hms_opt(0, 0, 0).unwrap() + TimeDelta::minutes(i64::from(close)) =>
            {
                d
            }
            _ => self.next(d),
        }
    }

    /// When N working days from a step started `at` run out.
    pub(crate) fn deadline(&self, at: NaiveDateTime, n: i64) -> NaiveDateTime {
        let mut d = self.start_day(at);
        for _ in 0..n {
            d = self.next(d);
        }
        Self::utc(d, self.hours(d).unwrap().1)
    }

    /// The working days a step running over `[from, to)` took, in order.
    pub(crate) fn counted(&self, from: NaiveDateTime, to: NaiveDateTime) -> Vec<NaiveDate> {
        let mut out = Vec::new();
        if to <= from {
            return out;
        }
        let mut d = self.start_day(from);
        loop {
            d = self.next(d);
            if Self::utc(d, self.hours(d).unwrap().0) >= to {
                return out;
            }
            out.push(d);
        }
    }

    /// The closing of a working day (UTC).
    pub(crate) fn closing(&self, d: NaiveDate) -> NaiveDateTime {
        Self::utc(d, self.hours(d).unwrap().1)
    }
}

impl TestApp {
    /// Agencies A and B as seed agencies (their user ids from `/me`).
    pub(crate) async fn seed_agency(&self, token: &str, org: &str) -> SeededAgency {
        let me = expect_json(self.get("/me", Some(token)).await, 200).await;
        SeededAgency {
            organisation_id: org.to_owned(),
            user_id: me["id"].as_str().unwrap().to_owned(),
            username: me["username"].as_str().unwrap().to_owned(),
        }
    }

    /// Requests with backdated histories, written straight to the database.
    pub(crate) fn seed(&self, items: Vec<(&SeededAgency, Vec<Transition>)>) -> Vec<String> {
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
        seed::requests(&mut conn, &self.config, &batch, salt, self.clock.now()).expect("seed")
    }
}

pub(crate) fn t(to: S, at: NaiveDateTime) -> Transition {
    Transition { to, at }
}

#[tokio::test]
async fn a_new_request_carries_a_running_five_day_decision_clock() {
    let app = spawn_app().await;
    let s = Scenario::new(&app).await.filed().await;
    let sla = &s.request["sla"];
    assert_eq!(sla["stage"], "decision");
    assert_eq!(sla["clock"], "running");
    assert_eq!(sla["budget_working_days"], 5);
    assert_eq!(sla["overdue"], false);
    let due: chrono::DateTime<chrono::Utc> = text(sla, "due_at").parse().unwrap();
    assert!(due > app.now() + TimeDelta::days(4), "{sla}");
    let jalali = text(sla, "due_date_jalali");
    assert!(jalali.starts_with("14") && jalali.len() == 10, "{jalali}");
}

/// A request waiting for an ownership document.
async fn awaiting_documents(app: &TestApp) -> Scenario<'_> {
    let s = Scenario::new(app).await.filed().await.reviewed().await;
    s.documents_asked(&["ownership_document"]).await
}

#[tokio::test]
async fn asking_for_documents_pauses_the_clock() {
    let app = spawn_app().await;
    let s = awaiting_documents(&app).await;
    let paused = app.request_of(&s.agency_a, s.id()).await;
    assert_eq!(paused["status"], "awaiting_documents");
    assert_eq!(paused["sla"]["clock"], "paused");
    assert_eq!(paused["sla"]["due_at"], Value::Null);
    assert_eq!(paused["sla"]["overdue"], false);
}

#[tokio::test]
async fn the_explanation_shows_running_and_paused_spans_and_the_calendar() {
    let app = spawn_app().await;
    let s = awaiting_documents(&app).await;
    let path = format!("/requests/{}/sla", s.id());
    let explained = app.get_as(&s.agency_a, &path).await.json(200);
    let run = &explained["runs"][0];
    assert_eq!(run["stage"], "decision");
    assert_eq!(run["completed"], false);
    assert_eq!(
        field(run["spans"].as_array().unwrap(), "state"),
        ["running", "paused"]
    );
    assert_eq!(explained["calendar"]["time_zone"], "Asia/Tehran");
    assert_eq!(explained["calendar"]["weekend_days"], json!(["Fri"]));
}

#[tokio::test]
async fn another_agency_cannot_read_the_explanation() {
    let app = spawn_app().await;
    let s = Scenario::new(&app).await.filed().await;
    let path = format!("/requests/{}/sla", s.id());
    assert_eq!(app.get_as(&s.agency_b, &path).await.status, 404);
}

/// Six backdated requests; their ids in this order:
/// 0: filed 40 days ago, still under review: overdue;
/// 1: filed 20 days ago: overdue, due later than 0;
/// 2: filed an hour ago: not overdue;
/// 3: waiting for documents since long ago: paused, not overdue;
/// 4: agency B's overdue request;
/// 5: a permit issued 15 days ago without a receipt: the police are overdue.
async fn six_backdated(app: &TestApp, c: &Cast, now: NaiveDateTime) -> Vec<String> {
    let a = app.seed_agency(&c.agency_a, &c.org_a).await;
    let b = app.seed_agency(&c.agency_b, &c.org_b).await;
    let ago = |days: i64| now - TimeDelta::days(days);
    app.seed(vec![
        (
            &a,
            vec![t(S::Submitted, ago(40)), t(S::UnderReview, ago(39))],
        ),
        (&a, vec![t(S::Submitted, ago(20))]),
        (&a, vec![t(S::Submitted, now - TimeDelta::hours(1))]),
        (
            &a,
            vec![
                t(S::Submitted, ago(30)),
                t(S::UnderReview, ago(30)),
                t(S::AwaitingDocuments, ago(29) - TimeDelta::hours(20)),
            ],
        ),
        (&b, vec![t(S::Submitted, ago(25))]),
        (
            &a,
            vec![
                t(S::Submitted, ago(16)),
                t(S::UnderReview, ago(16)),
                t(S::PermitIssued, ago(15)),
            ],
        ),
    ])
}

/// The ids of the items, as a set.
fn id_set(items: &[Value]) -> BTreeSet<&str> {
    ids(items).into_iter().collect()
}

/// The overdue ones of [`six_backdated`] (0, 1, 4 and 5), most urgent first: by deadline,
/// then id. Which comes first depends on the calendar (the police's Thursdays, a closure
/// week), not only on the filing age, so the order is read from each request's own deadline.
async fn urgent_order(app: &TestApp, c: &Cast, seeded: &[String]) -> Vec<String> {
    let mut due = Vec::new();
    for k in [0, 1, 4, 5] {
        let r = app.request_of(&c.directorate, &seeded[k]).await;
        due.push((text(&r["sla"], "due_at").to_owned(), seeded[k].clone()));
    }
    due.sort();
    due.into_iter().map(|(_, id)| id).collect()
}

#[tokio::test]
async fn overdue_requests_are_listed_most_urgent_first() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let seeded = six_backdated(&app, &c, now_minute(&app)).await;
    let page = app
        .get_as(&c.directorate, "/requests?overdue=true&sort=due_at")
        .await
        .json(200);
    let items = page["items"].as_array().unwrap();
    let want = urgent_order(&app, &c, &seeded).await;
    assert_eq!(ids(items), want, "{page}");
    for item in items {
        assert_eq!(item["sla"]["overdue"], true);
        // After the last day's closing and before the next day opens, no day is left.
        assert!(item["sla"]["remaining_working_days"].as_f64().unwrap() <= 0.0);
    }
    let police = items
        .iter()
        .filter(|i| i["sla"]["stage"] == "police")
        .count();
    assert_eq!(police, 1);
}

#[tokio::test]
async fn paging_through_the_urgent_list_one_at_a_time_keeps_its_order() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let seeded = six_backdated(&app, &c, now_minute(&app)).await;
    let mut seen = Vec::new();
    let first = "/requests?overdue=true&sort=due_at&limit=1";
    let mut path = first.to_owned();
    loop {
        let p = app.get_as(&c.directorate, &path).await.json(200);
        seen.extend(
            ids(p["items"].as_array().unwrap())
                .iter()
                .map(|s| s.to_string()),
        );
        match p["next_cursor"].as_str() {
            Some(cur) => path = format!("{first}&cursor={cur}"),
            None => break,
        }
    }
    assert_eq!(seen, urgent_order(&app, &c, &seeded).await);
}

#[tokio::test]
async fn an_agency_sees_only_its_own_overdue_requests() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let seeded = six_backdated(&app, &c, now_minute(&app)).await;
    let mine = app.items(&c.agency_a, "/requests?overdue=true").await;
    let want = BTreeSet::from([seeded[0].as_str(), seeded[1].as_str(), seeded[5].as_str()]);
    assert_eq!(id_set(&mine), want);
}

#[tokio::test]
async fn not_overdue_is_the_complement_and_takes_in_paused_clocks() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let seeded = six_backdated(&app, &c, now_minute(&app)).await;
    let fine = app.items(&c.directorate, "/requests?overdue=false").await;
    assert_eq!(
        id_set(&fine),
        BTreeSet::from([seeded[2].as_str(), seeded[3].as_str()])
    );
    let paused = app.request_of(&c.directorate, &seeded[3]).await;
    assert_eq!(paused["sla"]["clock"], "paused");
}

#[tokio::test]
async fn a_deadline_falls_five_working_days_after_filing() {
    // Forty days before Sunday 1405/08/03 10:00: Tuesday 1405/06/24 (2026-09-15) 10:00.
    let app = spawn_app_frozen_at(tehran(2026, 10, 25, 10, 0)).await;
    let c = app.cast().await;
    let seeded = six_backdated(&app, &c, now_minute(&app)).await;
    let first = app.request_of(&c.directorate, &seeded[0]).await;
    // After Tuesday: Wed (1), Thursday closed for the directorate, Friday, Sat (2), Sun (3),
    // Mon (4), Tue 1405/06/31 (5): due at its closing, 14:30.
    assert_eq!(first["sla"]["due_at"], "2026-09-22T11:00:00Z");
    assert_eq!(first["sla"]["due_date_jalali"], "1405/06/31");
    assert_eq!(first["sla"]["overdue"], true);
    let filed = tehran(2026, 9, 15, 10, 0);
    let oracle = Days::directorate(builtin_days()).deadline(filed, 5);
    assert_eq!(
        first["sla"]["due_at"],
        format!("{}Z", oracle.format("%Y-%m-%dT%H:%M:%S"))
    );
}

/// The independent oracle, over random instants: a request filed at any instant of the years
/// the built-in calendar covers is due at the closing of the fifth working day after its start
/// day, by the day count of [`Days`] over the same calendar data (Fridays, the executive
/// bodies' Thursdays from 1402 and every built-in holiday off). The instants are drawn from `SLA_ORACLE_SEED` (printed; random when unset), plus the
/// app's own instant (`TEST_NOW`, or the faked wall clock under the time sweep).
#[tokio::test]
async fn deadlines_match_an_independent_count_at_random_instants() {
    use rand::{Rng, SeedableRng};
    let seed: u64 = std::env::var("SLA_ORACLE_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(rand::random);
    eprintln!("deadlines_match_an_independent_count_at_random_instants: SLA_ORACLE_SEED={seed}");
    let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
    let app = spawn_app().await;
    app.cast().await;
    // From Nowruz 1400 to the end of 1405.
    let (first, last) = (tehran(2021, 3, 21, 0, 0), tehran(2027, 3, 20, 23, 59));
    let span = (last - first).num_seconds();
    let mut instants = vec![app.clock.now()];
    instants.extend((0..8).map(|_| first + TimeDelta::seconds(rng.gen_range(0..span))));
    let holidays = builtin_days();
    for at in instants {
        app.clock.set(at);
        // Signed in at that instant, so that the token is young by the app's clock.
        let token = app.login_ok("agency-a", USER_PASSWORD).await.access;
        let mut body = new_request();
        body["letter"]["date"] = json!(plate_permits::domain::jalali::format_jalali(tehran_date(
            at
        )));
        let filed = app.file(&token, &body).await.json(201);
        let submitted: chrono::DateTime<chrono::Utc> = text(&filed, "created_at").parse().unwrap();
        let due: chrono::DateTime<chrono::Utc> = text(&filed["sla"], "due_at").parse().unwrap();
        assert_eq!(
            Days::directorate(holidays.clone()).deadline(submitted.naive_utc(), 5),
            due.naive_utc(),
            "SLA_ORACLE_SEED={seed}: filed {submitted} (Tehran {}), due {due}",
            submitted.with_timezone(&chrono_tz::Asia::Tehran)
        );
    }
}

#[tokio::test]
async fn unknown_sort_or_overdue_values_are_400() {
    let app = spawn_app().await;
    let c = app.cast().await;
    for query in ["sort=urgency", "overdue=maybe"] {
        let reply = app
            .get_as(&c.directorate, &format!("/requests?{query}"))
            .await;
        assert_eq!(reply.status, 400, "{query}");
    }
}

/// The first working day after today (Tehran) that is at least `skip` working days away
/// (Fridays and built-in holidays do not count).
fn working_day_after(today: NaiveDate, skip: usize) -> NaiveDate {
    let builtin = builtin_days();
    let mut d = today;
    let mut n = 0;
    loop {
        d = d.succ_opt().unwrap();
        if d.weekday() != Weekday::Fri && !builtin.contains(&d) {
            n += 1;
            if n > skip {
                return d;
            }
        }
    }
}

#[tokio::test]
async fn only_administrators_keep_holidays_and_bad_input_is_named() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let reply = app.add_holiday(&c.directorate, "1410/01/01", "تعطیل").await;
    assert_eq!(reply.status, 403);
    let reply = app.add_holiday(&c.admin, "1403/12/31", "").await;
    let bad = reply.problem(422, "validation_failed");
    let fields: BTreeSet<&str> = field(bad["errors"].as_array().unwrap(), "field")
        .into_iter()
        .collect();
    assert_eq!(fields, BTreeSet::from(["date", "title"]));
}

/// A request filed now, then a holiday on the second working day from today, given as a
/// Jalali date in Persian digits. Returns the scenario, the day, the holiday and the deadline
/// the request had before.
async fn holiday_after_filing(app: &TestApp) -> (Scenario<'_>, NaiveDate, Value, String) {
    let s = Scenario::new(app).await.filed().await;
    let due_before = text(&s.request["sla"], "due_at").to_owned();
    let day = working_day_after(tehran_date(app.clock.now()), 1);
    let jalali = plate_permits::domain::jalali::format_jalali(day);
    let reply = app
        .add_holiday(&s.admin, &persian_digits(&jalali), "تعطیل رسمی")
        .await;
    let holiday = reply.json(201);
    assert_eq!(holiday["date"], day.to_string());
    assert_eq!(holiday["date_jalali"], jalali);
    (s, day, holiday, due_before)
}

/// Saturday 1405/08/02 (2026-10-24) 10:00 Tehran, weeks from any holiday.
fn saturday_morning() -> NaiveDateTime {
    tehran(2026, 10, 24, 10, 0)
}

#[tokio::test]
async fn a_holiday_added_after_filing_moves_the_deadline_by_one_working_day() {
    let app = spawn_app_frozen_at(saturday_morning()).await;
    let (s, day, _, due_before) = holiday_after_filing(&app).await;
    // Filed Saturday 10:00: Sun (1), Mon (2), Tue (3), Wed (4), Thursday closed, Friday, Sat
    // 1405/08/09 (5), due 14:30; the holiday on Monday 1405/08/04 moves it one working day,
    // to Sunday 1405/08/10 14:30.
    assert_eq!(day.to_string(), "2026-10-26");
    assert_eq!(due_before, "2026-10-31T11:00:00Z");
    let moved = app.request_of(&s.agency_a, s.id()).await;
    assert_eq!(moved["sla"]["due_at"], "2026-11-01T11:00:00Z");
    assert_eq!(moved["sla"]["due_date_jalali"], "1405/08/10");
    let path = format!("/requests/{}/sla", s.id());
    let explained = app.get_as(&s.agency_a, &path).await.json(200);
    let days = explained["runs"][0]["days"].as_array().unwrap();
    let listed = days.iter().filter(|d| d["status"] == "holiday").count();
    assert_eq!(listed, 0, "the run has not reached the holiday yet");
    let all = app.items(&s.agency_b, "/holidays?limit=200").await;
    let added: Vec<&Value> = all.iter().filter(|h| h["source"] == "admin").collect();
    assert_eq!(added.len(), 1);
    assert_eq!(added[0]["title"], "تعطیل رسمی");
}

#[tokio::test]
async fn a_holiday_is_recorded_once() {
    let app = spawn_app_frozen_at(saturday_morning()).await;
    let (s, day, _, _) = holiday_after_filing(&app).await;
    let reply = app.add_holiday(&s.admin, &day.to_string(), "دوباره").await;
    reply.problem(409, "duplicate");
}

#[tokio::test]
async fn removing_a_holiday_restores_the_deadline() {
    let app = spawn_app_frozen_at(saturday_morning()).await;
    let (s, _, holiday, due_before) = holiday_after_filing(&app).await;
    let path = format!("/holidays/{}", text(&holiday, "id"));
    assert_eq!(app.delete_as(&s.admin, &path).await.status, 204);
    let back = app.request_of(&s.agency_a, s.id()).await;
    assert_eq!(back["sla"]["due_at"], due_before.as_str());
    assert_eq!(app.delete_as(&s.admin, &path).await.status, 404);
}

#[tokio::test]
async fn explanation_lists_skipped_days_of_a_backdated_request() {
    let app = spawn_app_at(tehran(2026, 10, 25, 10, 0)).await;
    let (c, day, ids) = backdated_decision(&app).await;
    assert_eq!(day.to_string(), "2026-09-30", "Wednesday 1405/07/08");
    let path = format!("/requests/{}/sla", ids[0]);
    let e = app.get_as(&c.directorate, &path).await.json(200);
    let run = &e["runs"][0];
    assert_eq!(run["completed"], true);
    // Filed Wednesday 10:00, paused Thursday 10:00 (the directorate's Thursdays are closed:
    // nothing counted), resumed Tuesday 10:00, decided Wednesday 12:00: Wednesday, one day.
    assert_eq!(run["elapsed_working_days"], 1.0);
    assert_eq!(run["within_budget"], true);
    let statuses: BTreeMap<&str, &str> = run["days"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (text(d, "date"), text(d, "status")))
        .collect();
    let on = |days: i64| statuses[(day + TimeDelta::days(days)).to_string().as_str()];
    assert_eq!(on(0), "working");
    assert_eq!(on(1), "weekend");
    assert_eq!(on(2), "weekend");
    assert_eq!(on(3), "paused");
    assert_eq!(on(4), "holiday");
    assert_eq!(on(5), "paused");
    assert_eq!(on(6), "working");
    assert_eq!(e["sla"]["stage"], "police");
}

/// A Wednesday about three weeks ago (Tehran), a holiday on the Sunday after, and one request
/// decided over that stretch: filed Wednesday 10:00, paused from Thursday 10:00 to the next
/// Tuesday 10:00, permit issued the Wednesday after at 12:00. Returns the cast, the first
/// Wednesday and the request's id.
async fn backdated_decision(app: &TestApp) -> (Cast, NaiveDate, Vec<String>) {
    let c = app.cast().await;
    let a = app.seed_agency(&c.agency_a, &c.org_a).await;
    let mut day = tehran_date(app.clock.now()) - TimeDelta::days(21);
    // A Wednesday whose stretch has no built-in holiday (the statuses below assume it).
    let builtin = builtin_days();
    while day.weekday() != Weekday::Wed
        || (0..=8).any(|k| builtin.contains(&(day + TimeDelta::days(k))))
    {
        day = day.pred_opt().unwrap();
    }
    let at = |d: NaiveDate, h: u32| {
        d.and_hms_opt(h, 0, 0).unwrap() - TimeDelta::minutes(TEHRAN_OFFSET_MIN)
    };
    let holiday = (day + TimeDelta::days(4)).to_string();
    app.add_holiday(&c.admin, &holiday, "تعطیل").await.json(201);
    let ids = app.seed(vec![(
        &a,
        vec![
            t(S::Submitted, at(day, 10)),
            t(S::UnderReview, at(day, 11)),
            t(S::AwaitingDocuments, at(day + TimeDelta::days(1), 10)),
            t(S::UnderReview, at(day + TimeDelta::days(6), 10)),
            t(S::PermitIssued, at(day + TimeDelta::days(7), 12)),
        ],
    )]);
    (c, day, ids)
}

/// A holiday recorded afterwards on the day the decision resumed (the Tuesday): the stored
/// duration the report reads is measured again: the resumption now starts on Wednesday, so the
/// Wednesday decision took no working day (1 → 0).
#[tokio::test]
async fn a_holiday_recorded_afterwards_measures_a_finished_stage_again() {
    let app = spawn_app_at(tehran(2026, 10, 25, 10, 0)).await;
    let (c, day, _) = backdated_decision(&app).await;
    let path = format!("/reports/sla?organisation_id={}", c.org_a);
    let median =
        |report: &Value| report["overall"]["stages"]["decision"]["median_working_days"].clone();
    let before = app.get_as(&c.directorate, &path).await.json(200);
    assert_eq!(median(&before), 1.0);
    let tuesday = (day + TimeDelta::days(6)).to_string();
    app.add_holiday(&c.admin, &tuesday, "تعطیل بعدی")
        .await
        .json(201);
    let after = app.get_as(&c.directorate, &path).await.json(200);
    assert_eq!(median(&after), 0.0);
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
    let directorate = Days::directorate(holidays.clone());
    let police = Days::police(holidays.clone());
    exp.requests += 1;
    let last = steps.last().unwrap().to;
    *exp.by_status.entry(last.as_str().to_owned()).or_default() += 1;
    // Decision: running while submitted/under_review, until permit_issued or rejected; its
    // working days are the directorate's, the police's theirs, the registration's the
    // directorate's.
    let mut decision: Vec<NaiveDate> = Vec::new();
    let mut decided = false;
    let mut police_start = None;
    let mut registration_start = None;
    let days = |v: Vec<NaiveDate>| 100 * v.len() as i64;
    // A running span lasts from entering submitted/under_review to leaving both (submitted →
    // under_review does not interrupt it).
    let mut running_since: Option<NaiveDateTime> = None;
    for (i, s) in steps.iter().enumerate() {
        match (s.to, running_since) {
            (S::Submitted | S::UnderReview, None) => running_since = Some(s.at),
            (S::Submitted | S::UnderReview, Some(_)) => {}
            (_, Some(since)) => {
                decision.extend(directorate.counted(since, s.at));
                running_since = None;
            }
            (_, None) => {}
        }
        match s.to {
            S::PermitIssued => police_start = Some(s.at),
            S::PlateRemoved => registration_start = Some(s.at),
            _ => {}
        }
        match s.to {
            S::PermitIssued | S::Rejected if i > 0 => decided = true,
            S::PlateRemoved | S::RemovalRefused => exp
                .police
                .push(days(police.counted(police_start.unwrap(), s.at))),
            S::Completed => exp
                .registration
                .push(days(directorate.counted(registration_start.unwrap(), s.at))),
            _ => {}
        }
    }
    if let Some(since) = running_since {
        decision.extend(directorate.counted(since, now));
    }
    if decided {
        exp.decision.push(100 * decision.len() as i64);
    }
    // Overdue: the budget's last day has closed.
    let past = |counted: &[NaiveDate], n: usize, cal: &Days| {
        counted.len() >= n && now > cal.closing(counted[n - 1])
    };
    let overdue = match last {
        S::Submitted | S::UnderReview => past(&decision, 5, &directorate),
        S::PermitIssued => past(&police.counted(police_start.unwrap(), now), 5, &police),
        S::PlateRemoved => past(
            &directorate.counted(registration_start.unwrap(), now),
            2,
            &directorate,
        ),
        _ => false,
    };
    if overdue {
        exp.overdue += 1;
    }
}

/// Forty random backdated histories for agencies A and B (every third B's), rated when
/// finished, with two holidays in the period, as the report should count them.
struct Seeded {
    c: Cast,
    now: NaiveDateTime,
    holidays: BTreeSet<NaiveDate>,
    /// (organisation id, history), in seeding order.
    histories: Vec<(String, Vec<Transition>)>,
    /// Ratings per organisation.
    ratings: BTreeMap<String, Vec<i64>>,
}

async fn forty_backdated(app: &TestApp) -> Seeded {
    let c = app.cast().await;
    let a = app.seed_agency(&c.agency_a, &c.org_a).await;
    let b = app.seed_agency(&c.agency_b, &c.org_b).await;
    let now = now_minute(app);
    // Two holidays in the period (a Nowruz-like stretch) change the counts.
    let builtin = builtin_days();
    let mut h1 = tehran_date(now) - TimeDelta::days(20);
    while builtin.contains(&h1) || builtin.contains(&(h1 + TimeDelta::days(1))) {
        h1 = h1.pred_opt().unwrap();
    }
    let h2 = h1 + TimeDelta::days(1);
    for (d, title) in [(h1, "تعطیل یک"), (h2, "تعطیل دو")] {
        app.add_holiday(&c.admin, &d.to_string(), title)
            .await
            .json(201);
    }
    let mut rng = seed::Rng::new(7);
    let mut ratings: BTreeMap<String, Vec<i64>> = BTreeMap::new();
    let mut rated: Vec<(&SeededAgency, Vec<Transition>, Option<i32>)> = Vec::new();
    for k in 0..40 {
        let agency = if k % 3 == 0 { &b } else { &a };
        let steps = seed::random_history(&mut rng, now - TimeDelta::minutes(5), 45);
        // Feedback on finished requests.
        let finished = matches!(steps.last().unwrap().to, S::Completed | S::Rejected);
        let rating = finished.then_some(1 + (k % 5));
        if let Some(r) = rating {
            let org = agency.organisation_id.clone();
            ratings.entry(org).or_default().push(i64::from(r));
        }
        rated.push((agency, steps, rating));
    }
    let histories = rated
        .iter()
        .map(|(ag, h, _)| (ag.organisation_id.clone(), h.clone()))
        .collect();
    app.seed_rated(rated);
    Seeded {
        c,
        now,
        holidays: builtin.into_iter().chain([h1, h2]).collect(),
        histories,
        ratings,
    }
}

#[tokio::test]
async fn the_report_matches_an_independent_computation() {
    let app = spawn_app().await;
    let s = forty_backdated(&app).await;
    let report = app.get_as(&s.c.directorate, "/reports/sla").await.json(200);
    let mut overall = Expected::default();
    let mut per: BTreeMap<String, Expected> = BTreeMap::new();
    for (org, h) in &s.histories {
        expect_history(&mut overall, h, s.now, &s.holidays);
        expect_history(per.entry(org.clone()).or_default(), h, s.now, &s.holidays);
    }
    overall.ratings = s.ratings.values().flatten().copied().collect();
    for (org, r) in &s.ratings {
        per.get_mut(org).unwrap().ratings = r.clone();
    }
    check_figures(&report["overall"], &mut overall, "overall");
    let agencies = report["agencies"].as_array().unwrap();
    assert_eq!(agencies.len(), 2);
    for agency in agencies {
        let org = text(agency, "organisation_id");
        check_figures(agency, per.get_mut(org).unwrap(), org);
    }
    let budgets = json!({"decision": 5, "police": 5, "registration": 2});
    assert_eq!(report["budgets"], budgets);
}

#[tokio::test]
async fn a_jalali_range_and_one_agency_narrow_the_report() {
    use plate_permits::domain::jalali::format_jalali;
    let app = spawn_app().await;
    let s = forty_backdated(&app).await;
    let (from, to) = (tehran_date(s.now) - TimeDelta::days(15), tehran_date(s.now));
    let (jfrom, jto, org_a) = (format_jalali(from), format_jalali(to), &s.c.org_a);
    let path = format!("/reports/sla?from={jfrom}&to={jto}&organisation_id={org_a}");
    let ranged = app.get_as(&s.c.admin, &path).await.json(200);
    let mut exp = Expected::default();
    let in_range = |(org, h): &&(String, Vec<Transition>)| {
        let filed = tehran_date(h[0].at);
        org == org_a && filed >= from && filed <= to
    };
    for (_, h) in s.histories.iter().filter(in_range) {
        expect_history(&mut exp, h, s.now, &s.holidays);
    }
    exp.ratings = s
        .histories
        .iter()
        .enumerate()
        .filter(|(_, (org, h))| org == org_a && tehran_date(h[0].at) >= from)
        .filter_map(|(k, (_, h))| {
            matches!(h.last().unwrap().to, S::Completed | S::Rejected).then_some(1 + (k as i64 % 5))
        })
        .collect();
    check_figures(&ranged["overall"], &mut exp, "ranged");
    assert_eq!(ranged["from_jalali"], jfrom);
}

#[tokio::test]
async fn the_report_as_csv_carries_the_same_figures_one_line_per_scope() {
    let app = spawn_app().await;
    let s = forty_backdated(&app).await;
    let report = app.get_as(&s.c.directorate, "/reports/sla").await.json(200);
    let as_csv = [("accept", "text/csv")];
    let token = Some(s.c.directorate.as_str());
    let csv = app
        .call(reqwest::Method::GET, "/reports/sla", token, None, &as_csv)
        .await;
    assert_eq!(csv.status, 200);
    assert!(csv.header("content-type").starts_with("text/csv"));
    // A UTF-8 byte-order mark first, so that Excel reads Persian names as such.
    let text = csv.text.strip_prefix('\u{feff}').unwrap_or_else(|| {
        panic!(
            "no byte-order mark: {:?}",
            csv.text.chars().take(20).collect::<String>()
        )
    });
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{}", csv.text);
    let header: Vec<&str> = lines[0].split(',').collect();
    let overall_line: Vec<&str> = lines[1].split(',').collect();
    let cell = |name: &str| overall_line[header.iter().position(|h| *h == name).unwrap()];
    let overall = &report["overall"];
    assert_eq!(cell("scope"), "overall");
    assert_eq!(cell("requests"), overall["requests"].to_string());
    assert_eq!(cell("overdue_now"), overall["overdue_now"].to_string());
    let median = overall["stages"]["decision"]["median_working_days"]
        .as_f64()
        .map(|v| v.to_string())
        .unwrap_or_default();
    assert_eq!(cell("decision_median_working_days"), median);
}

#[tokio::test]
async fn bad_report_ranges_are_400_and_agencies_may_not_read_the_report() {
    let app = spawn_app().await;
    let c = app.cast().await;
    for query in ["from=1403/13/01", "from=2025-02-01&to=2025-01-01"] {
        let reply = app
            .get_as(&c.directorate, &format!("/reports/sla?{query}"))
            .await;
        assert_eq!(reply.status, 400, "{query}");
    }
    assert_eq!(app.get_as(&c.agency_a, "/reports/sla").await.status, 403);
}

#[tokio::test]
async fn metrics_count_requests_by_route_pattern_and_status() {
    let app = spawn_app().await;
    let c = app.cast().await;
    app.file_request(&c.agency_a).await;
    let a = app.seed_agency(&c.agency_a, &c.org_a).await;
    app.seed(vec![(
        &a,
        vec![t(S::Submitted, now_minute(&app) - TimeDelta::days(30))],
    )]);
    let resp = app.get_root("/metrics").await;
    assert_eq!(resp.status(), 200);
    let content_type = resp.headers()["content-type"].to_str().unwrap();
    assert!(content_type.starts_with("text/plain"));
    let text = resp.text().await.unwrap();
    let route = "method=\"POST\",route=\"/api/v1/requests\",status=\"2xx\"";
    let total = format!("plate_permits_http_requests_total{{{route}}} 1");
    assert!(text.contains(&total), "{text}");
    let bucket =
        format!("plate_permits_http_request_duration_seconds_bucket{{{route},le=\"+Inf\"}} 1");
    assert!(text.contains(&bucket));
    assert!(
        text.contains("plate_permits_requests{status=\"submitted\"} 2"),
        "{text}"
    );
    assert!(text.contains("plate_permits_requests_overdue 1"), "{text}");
    assert!(text.contains("plate_permits_outbox_backlog "));
    assert!(text.contains("plate_permits_webhook_deliveries{status=\"failed\"} 0"));
    // No identifiers in labels: routes are patterns.
    assert!(!text.contains(&c.org_a));
}

#[tokio::test]
async fn metrics_need_the_token_when_one_is_set() {
    let guarded = spawn_app_with(|cfg| {
        cfg.http.metrics_token = Some(plate_permits::config::Secret::new("scrape-token-123"));
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
}

#[tokio::test]
async fn without_a_token_a_client_behind_a_trusted_proxy_may_not_scrape() {
    let proxied = spawn_app_with(|cfg| cfg.http.trust_proxy = true).await;
    let far = proxied
        .client
        .get(proxied.url("/metrics"))
        .header("x-forwarded-for", "203.0.113.7")
        .send()
        .await
        .unwrap();
    assert_eq!(far.status(), 403);
}

/// Each replica keeps its calendar in memory behind a version that every holiday or
/// working-rule change bumps in its own transaction: a holiday added through one replica
/// applies at once on another that had the calendar cached.
#[tokio::test]
async fn a_holiday_added_on_one_replica_applies_at_once_on_another() {
    let a = spawn_app_at(saturday_morning()).await;
    let s = Scenario::new(&a).await.filed().await;
    let path = format!("/requests/{}/sla", s.id());
    let today = tehran_date(a.clock.now());
    let status_today = |explained: &Value| {
        explained["runs"][0]["days"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["date"] == today.to_string())
            .map(|d| text(d, "status").to_owned())
            .unwrap_or_default()
    };
    // Warms replica A's calendar.
    let before = a.get_as(&s.agency_a, &path).await.json(200);
    assert_eq!(status_today(&before), "working", "{before}");
    // Replica B: a second instance on the same database and keys.
    let b = plate_permits::Application::build(a.config.clone(), a.clock)
        .await
        .expect("second replica");
    let b_address = format!("http://127.0.0.1:{}", b.port());
    tokio::spawn(async move {
        let _ = b.run_until_stopped().await;
    });
    let jalali = persian_digits(&plate_permits::domain::jalali::format_jalali(today));
    let reply = a
        .client
        .post(format!("{b_address}/api/v1/holidays"))
        .bearer_auth(&s.admin)
        .json(&json!({"date": jalali, "title": "تعطیل اضطراری"}))
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status(), 201);
    let after = a.get_as(&s.agency_a, &path).await.json(200);
    assert_eq!(status_today(&after), "holiday", "{after}");
}

// ---- the report's cache, bound and rate limit -----------------------------------------------

/// The report as JSON without the instant it was computed at.
fn report_body(r: &Reply) -> Value {
    let mut v = r.body();
    if let Some(o) = v.as_object_mut() {
        o.remove("generated_at");
        o.remove("generated_at_jalali");
    }
    v
}

#[tokio::test]
async fn a_cached_report_equals_a_fresh_one_and_a_change_invalidates_it() {
    let app = spawn_app().await;
    let s = Scenario::new(&app).await.filed().await;
    let first = app.get_as(&s.directorate, "/reports/sla").await;
    assert_eq!(first.status, 200);
    assert_eq!(
        first.header("cache-status"),
        "plate-permits; fwd=miss; stored"
    );
    let again = app.get_as(&s.directorate, "/reports/sla").await;
    assert_eq!(again.header("cache-status"), "plate-permits; hit");
    assert_eq!(again.body(), first.body(), "a hit is the stored answer");
    // Another range, or CSV of the same range: the range is the key, not the format.
    let other = app
        .get_as(&s.directorate, "/reports/sla?from=1405/01/01")
        .await;
    assert_eq!(
        other.header("cache-status"),
        "plate-permits; fwd=miss; stored"
    );
    let csv = app.get_as(&s.admin, "/reports/sla?format=csv").await;
    assert_eq!(csv.header("cache-status"), "plate-permits; hit");

    // A status change moves the fingerprint: computed afresh, and it shows the change.
    let s = s.reviewed().await;
    let after = app.get_as(&s.directorate, "/reports/sla").await;
    assert_eq!(
        after.header("cache-status"),
        "plate-permits; fwd=miss; stored"
    );
    assert_ne!(report_body(&after), report_body(&first));
    // A filing too.
    app.file_request(&s.agency_b).await;
    let filed = app.get_as(&s.directorate, "/reports/sla").await;
    assert_eq!(
        filed.header("cache-status"),
        "plate-permits; fwd=miss; stored"
    );
    assert_ne!(report_body(&filed), report_body(&after));
    let hit = app.get_as(&s.directorate, "/reports/sla").await;
    assert_eq!(hit.header("cache-status"), "plate-permits; hit");
    // Past SLA_REPORT_CACHE_SECS (60) it is computed again, and equals the cached answer
    // but for when it was computed.
    app.clock.advance(TimeDelta::seconds(61));
    let fresh = app.get_as(&s.directorate, "/reports/sla").await;
    assert_eq!(
        fresh.header("cache-status"),
        "plate-permits; fwd=miss; stored"
    );
    assert_eq!(report_body(&fresh), report_body(&hit));
}

#[tokio::test]
async fn the_report_is_rate_limited_per_user_with_ratelimit_headers() {
    let app = spawn_app_with(|c| c.sla.report_rate_per_minute = 3).await;
    let c = app.cast().await;
    for left in (0..3).rev() {
        let r = app.get_as(&c.directorate, "/reports/sla").await;
        assert_eq!(r.status, 200);
        assert_eq!(r.header("ratelimit-policy"), "\"sla-report\";q=3;w=60");
        assert!(
            r.header("ratelimit")
                .starts_with(&format!("\"sla-report\";r={left};t=")),
            "{}",
            r.header("ratelimit")
        );
    }
    let refused = app.get_as(&c.directorate, "/reports/sla").await;
    let retry: u64 = refused.header("retry-after").parse().expect("seconds");
    assert!((1..=60).contains(&retry), "{retry}");
    assert!(refused
        .header("ratelimit")
        .starts_with("\"sla-report\";r=0;t="));
    refused.problem(429, "rate_limited");
    // Per user: the administrator still has its own allowance.
    app.get_as(&c.admin, "/reports/sla").await.json(200);
}

#[tokio::test]
async fn reports_beyond_the_concurrency_bound_wait_their_turn() {
    let app = spawn_app_with(|c| {
        c.sla.report_concurrency = 1;
        c.sla.report_rate_per_minute = 100;
    })
    .await;
    let s = Scenario::new(&app).await.filed().await;
    let calls = (1..=8).map(|d| {
        let path = format!("/reports/sla?from=1405/01/{d:02}");
        let (app, token) = (&app, s.directorate.clone());
        async move { app.get_as(&token, &path).await }
    });
    let answers = futures_util::future::join_all(calls).await;
    for a in &answers {
        assert_eq!(a.status, 200, "{}", a.text);
        assert_eq!(a.header("cache-status"), "plate-permits; fwd=miss; stored");
    }
}
