//! Coded reasons: the directorate's rejections carry a `reason_code`, shown on the request,
//! and `GET /reports/sla` counts rejection and refusal reasons overall and per agency (JSON and
//! CSV), checked against counts kept by the test.

use std::collections::BTreeMap;

use chrono::TimeDelta;
use diesel::RunQueryDsl;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::{json, Value};

use crate::helpers::*;

const REJECTIONS: [&str; 5] = [
    "incomplete_documents",
    "not_government_vehicle",
    "ownership_unclear",
    "duplicate_request",
    "other",
];
const REFUSALS: [&str; 5] = [
    "unpaid_fines",
    "vehicle_not_presented",
    "identity_mismatch",
    "judicial_seizure",
    "other",
];

/// Counts per code, every code present.
#[derive(Clone, Debug, PartialEq)]
struct Counts {
    refusals: BTreeMap<String, i64>,
    rejections: BTreeMap<String, i64>,
}

impl Default for Counts {
    fn default() -> Self {
        let zero = |codes: &[&str]| codes.iter().map(|c| (c.to_string(), 0)).collect();
        Counts {
            refusals: zero(&REFUSALS),
            rejections: zero(&REJECTIONS),
        }
    }
}

impl Counts {
    fn of(figures: &Value) -> Counts {
        let map = |v: &Value| -> BTreeMap<String, i64> {
            let o = v.as_object().expect("an object of counts");
            o.iter()
                .map(|(k, n)| (k.clone(), n.as_i64().unwrap()))
                .collect()
        };
        Counts {
            refusals: map(&figures["refusal_reasons"]),
            rejections: map(&figures["rejection_reasons"]),
        }
    }
}

/// Sets the reason of the (only) receipt on a permit, straight in the database.
fn set_refusal_reason(app: &TestApp, permit_id: &str, code: &str) {
    let sql =
        format!("UPDATE receipts SET refusal_reason = '{code}' WHERE permit_id = '{permit_id}'");
    diesel::sql_query(sql).execute(&mut app.db_conn()).unwrap();
}

/// Issues a permit, records a refusal and gives it `code`.
async fn refused(app: &TestApp, c: &Cast, id: &str, code: &str) {
    let permit = app
        .issue_permit(&c.directorate, id, &new_permit(app.now()))
        .await
        .json(201);
    let permit_id = text(&permit, "id");
    let body = receipt(app.now(), "refused", &format!("R-{}", &permit_id[..8]));
    app.receipt(&c.police, permit_id, &body, None)
        .await
        .json(201);
    set_refusal_reason(app, permit_id, code);
}

/// The report's per-agency reason counts, by organisation id.
fn per_agency(report: &Value) -> BTreeMap<String, Counts> {
    let agencies = report["agencies"].as_array().unwrap();
    agencies
        .iter()
        .map(|a| (text(a, "organisation_id").to_owned(), Counts::of(a)))
        .collect()
}

/// Files `n` requests across agencies A and B and drives each at random: left under review,
/// rejected, refused once (then perhaps rejected), or refused twice; every reason is random.
/// Returns the counts per organisation.
async fn random_outcomes(app: &TestApp, c: &Cast, n: usize, seed: u64) -> BTreeMap<String, Counts> {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut per: BTreeMap<String, Counts> = BTreeMap::new();
    for _ in 0..n {
        let (token, org) = if rng.gen_bool(0.5) {
            (&c.agency_a, &c.org_a)
        } else {
            (&c.agency_b, &c.org_b)
        };
        let id = text(&app.file_request(token).await, "id").to_owned();
        app.review(&c.directorate, &id).await.json(200);
        let counts = per.entry(org.clone()).or_default();
        let outcome = rng.gen_range(0..4);
        if outcome >= 2 {
            let code = REFUSALS[rng.gen_range(0..5)];
            refused(app, c, &id, code).await;
            *counts.refusals.get_mut(code).unwrap() += 1;
        }
        if outcome == 3 {
            app.reopen(&c.directorate, &id, "بررسی دوباره")
                .await
                .json(200);
            let code = REFUSALS[rng.gen_range(0..5)];
            refused(app, c, &id, code).await;
            *counts.refusals.get_mut(code).unwrap() += 1;
        }
        if outcome == 1 || (outcome >= 2 && rng.gen_bool(0.5)) {
            let code = REJECTIONS[rng.gen_range(0..5)];
            app.reject_coded(&c.directorate, &id, code, "دلیل رد")
                .await
                .json(200);
            *counts.rejections.get_mut(code).unwrap() += 1;
        }
    }
    per
}

fn total(per: &BTreeMap<String, Counts>) -> Counts {
    let mut all = Counts::default();
    for c in per.values() {
        for (k, n) in &c.refusals {
            *all.refusals.get_mut(k).unwrap() += n;
        }
        for (k, n) in &c.rejections {
            *all.rejections.get_mut(k).unwrap() += n;
        }
    }
    all
}

#[tokio::test]
async fn a_rejection_stores_its_code_and_the_request_shows_it() {
    let app = spawn_app().await;
    let s = Scenario::new(&app).await.filed().await.reviewed().await;
    assert_eq!(s.current().await["rejection_reason"], Value::Null);
    let r = app
        .reject_coded(
            &s.directorate,
            s.id(),
            "ownership_unclear",
            "سند مالکیت مبهم است.",
        )
        .await
        .json(200);
    assert_eq!(r["status"], "rejected");
    assert_eq!(r["rejection_reason"], "ownership_unclear");
    assert_eq!(r["rejection_reason_label_fa"], "ابهام در مالکیت");
    let seen = app.request_of(&s.agency_a, s.id()).await;
    assert_eq!(seen["rejection_reason"], "ownership_unclear");
    assert_eq!(seen["rejection_reason_label_fa"], "ابهام در مالکیت");
    let history = s.history().await;
    let last = history.last().unwrap();
    assert_eq!(last["action"], "reject");
    assert_eq!(last["note"], "سند مالکیت مبهم است.");
}

#[tokio::test]
async fn a_rejection_after_a_refusal_keeps_its_own_code() {
    let app = spawn_app().await;
    let s = Scenario::new(&app).await.filed().await.reviewed().await;
    let s = s.permit_issued().await.removal_refused().await;
    let r = app
        .reject_coded(&s.directorate, s.id(), "other", "توضیح")
        .await
        .json(200);
    assert_eq!(
        (
            r["rejection_reason"].as_str(),
            r["rejection_reason_label_fa"].as_str()
        ),
        (Some("other"), Some("سایر"))
    );
}

#[tokio::test]
async fn a_missing_or_unknown_reason_code_is_422_naming_it() {
    let app = spawn_app().await;
    let s = Scenario::new(&app).await.filed().await.reviewed().await;
    let bodies = [
        json!({"reason": "مدارک ناقص"}),
        json!({"reason": "مدارک ناقص", "reason_code": null}),
        json!({"reason": "مدارک ناقص", "reason_code": "missing_documents"}),
        json!({"reason": "مدارک ناقص", "reason_code": ""}),
    ];
    for body in &bodies {
        let p = app
            .act(&s.directorate, s.id(), "reject", Some(body))
            .await
            .problem(422, "validation_failed");
        let errors = p["errors"].as_array().unwrap();
        assert_eq!(errors.len(), 1, "{body}: {p}");
        assert_eq!(errors[0]["field"], "reason_code", "{body}: {p}");
        let message = errors[0]["message"].as_str().unwrap_or_default();
        assert!(message.contains("دلیل رد"), "a Persian message: {p}");
    }
    // Both fields at once.
    let p = app
        .act(&s.directorate, s.id(), "reject", Some(&json!({})))
        .await
        .problem(422, "validation_failed");
    let fields: Vec<&str> = p["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| text(e, "field"))
        .collect();
    assert_eq!(fields, ["reason_code", "reason"]);
    assert_eq!(s.current().await["status"], "under_review");
}

#[tokio::test]
async fn the_report_counts_reasons_like_an_independent_count() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let seed: u64 = rand::thread_rng().gen();
    let per = random_outcomes(&app, &c, 14, seed).await;
    let report = app.get_as(&c.directorate, "/reports/sla").await.json(200);
    assert_eq!(Counts::of(&report["overall"]), total(&per), "seed {seed}");
    let reported = per_agency(&report);
    for (org, expected) in &per {
        assert_eq!(
            reported.get(org),
            Some(expected),
            "seed {seed}, agency {org}"
        );
    }
    // One agency's report counts only its own.
    let path = format!("/reports/sla?organisation_id={}", c.org_b);
    let only_b = app.get_as(&c.admin, &path).await.json(200);
    let b = per.get(&c.org_b).cloned().unwrap_or_default();
    assert_eq!(Counts::of(&only_b["overall"]), b, "seed {seed}");
}

#[tokio::test]
async fn the_csv_report_has_a_column_per_reason_code() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let per = random_outcomes(&app, &c, 6, 42).await;
    let csv = app
        .call(
            reqwest::Method::GET,
            "/reports/sla",
            Some(&c.directorate),
            None,
            &[("accept", "text/csv")],
        )
        .await;
    assert_eq!(csv.status, 200);
    let lines: Vec<Vec<&str>> = csv.text.lines().map(|l| l.split(',').collect()).collect();
    let header = &lines[0];
    let col = |name: String| {
        header
            .iter()
            .position(|h| *h == name)
            .unwrap_or_else(|| panic!("no column {name}"))
    };
    let check = |line: &Vec<&str>, expected: &Counts| {
        for (code, n) in &expected.refusals {
            assert_eq!(
                line[col(format!("refusal_{code}"))],
                n.to_string(),
                "refusal_{code}"
            );
        }
        for (code, n) in &expected.rejections {
            assert_eq!(
                line[col(format!("rejection_{code}"))],
                n.to_string(),
                "rejection_{code}"
            );
        }
    };
    check(&lines[1], &total(&per));
    for line in &lines[2..] {
        let org = line[col("organisation_id".into())];
        check(line, &per[org]);
    }
    assert_eq!(lines.len(), 2 + per.len());
}

#[tokio::test]
async fn reason_counts_follow_the_reports_filing_date_range() {
    let app = spawn_app().await;
    let old = Scenario::new(&app).await.filed().await.reviewed().await;
    let c = old.cast.clone();
    app.reject_coded(&c.directorate, old.id(), "duplicate_request", "تکراری")
        .await
        .json(200);
    let new = old.another().filed().await.reviewed().await;
    app.reject_coded(&c.directorate, new.id(), "other", "سایر دلایل")
        .await
        .json(200);
    // The first was filed 40 days ago.
    let filed = (app.now() - TimeDelta::days(40)).format("%Y-%m-%d %H:%M:%S");
    for table in ["requests", "request_sla"] {
        let key = if table == "requests" {
            "id"
        } else {
            "request_id"
        };
        let sql = format!(
            "UPDATE {table} SET created_at = '{filed}' WHERE {key} = '{}'",
            old.id()
        );
        diesel::sql_query(sql).execute(&mut app.db_conn()).unwrap();
    }
    let day = |days: i64| {
        (app.now() - TimeDelta::days(days))
            .format("%Y-%m-%d")
            .to_string()
    };
    let recent = app
        .get_as(&c.directorate, &format!("/reports/sla?from={}", day(10)))
        .await
        .json(200);
    let counts = Counts::of(&recent["overall"]);
    assert_eq!(
        (
            counts.rejections["other"],
            counts.rejections["duplicate_request"]
        ),
        (1, 0)
    );
    let earlier = app
        .get_as(&c.directorate, &format!("/reports/sla?to={}", day(30)))
        .await
        .json(200);
    let counts = Counts::of(&earlier["overall"]);
    assert_eq!(
        (
            counts.rejections["other"],
            counts.rejections["duplicate_request"]
        ),
        (0, 1)
    );
}
