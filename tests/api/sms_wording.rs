//! The messages people read once: every template rendered from real requests, permits,
//! complaints and notices, and each text checked as an applicant reads it — no empty
//! placeholder, no doubled punctuation, Persian digits only, the plate and codes written as
//! people write them, the directorate's own name as signature, and within its stated parts.

use chrono::TimeDelta;
use diesel::prelude::*;
use serde_json::{json, Value};

use plate_permits::db::schema::sms_messages as sm;
use plate_permits::sms::templates;
use plate_permits::sms::SmsEvent;

use crate::helpers::*;

/// A directorate's own name, no longer than the default one the templates' parts are stated
/// for.
const SIGNATURE: &str = "اداره کل اموال دولتی استان تهران";

/// Every message in the outbox: (event, text), oldest first.
fn outbox(app: &TestApp) -> Vec<(SmsEvent, String)> {
    sm::table
        .order(sm::id.asc())
        .select((sm::event, sm::body))
        .load(&mut app.db_conn())
        .expect("outbox")
}

/// What every message must be.
fn assert_readable(event: SmsEvent, text: &str) {
    assert!(
        !text.contains('{') && !text.contains('}'),
        "{event}: {text}"
    );
    assert!(
        !text.chars().any(|c| c.is_ascii_digit()),
        "{event}: ASCII digit in {text}"
    );
    for bad in [
        "..",
        ". .",
        ": .",
        ":.",
        "،.",
        "؛.",
        "()",
        "( )",
        "  ",
        " .",
        " ،",
        "علت: \n",
    ] {
        assert!(!text.contains(bad), "{event}: {bad:?} in {text}");
    }
    // An empty placeholder leaves a label with nothing after it.
    for label in ["علت:", "مهلت:", "شماره", "تا"] {
        for line in text.lines() {
            assert!(
                !line.trim_end().ends_with(label),
                "{event}: empty after {label}: {text}"
            );
        }
    }
    assert!(!text.contains("مسترد"), "{text}");
    assert!(!text.contains("سامانهٔ ملی خودرو"), "{text}");
    assert!(!text.contains("اداره‌کل اموال دولتی"), "{text}");
    assert!(
        !text.split_whitespace().any(templates::is_url_like),
        "{event}: link in {text}"
    );
    let parts = templates::parts(text);
    assert!(
        parts <= templates::default_parts(event),
        "{event}: {parts} parts ({} characters): {text}",
        text.chars().count()
    );
    if templates::placeholders(event).contains(&"signature") {
        assert!(text.ends_with(SIGNATURE), "{event}: {text}");
    }
}

fn refused_for_unpaid_fines(now: chrono::DateTime<chrono::Utc>, permit_id: &str) -> Value {
    let mut b = receipt(now, "refused", &format!("R-{}", &permit_id[..8]));
    b["refusal_reason"] = json!("unpaid_fines");
    b["notes"] = json!("خلافی خودرو پرداخت نشده است.");
    b
}

#[tokio::test]
async fn every_template_reads_well_with_real_data() {
    let app = spawn_app_with(|c| {
        c.sms.worker = false;
        c.maintenance_lead_hours = 0;
        c.permits.directorate_name = SIGNATURE.parse().unwrap();
    })
    .await;
    // Filed, documents asked with a due date (described with a full stop), permit issued,
    // refused for unpaid fines, rejected.
    let a = Scenario::new(&app).await.filed().await.reviewed().await;
    let due = app.today() + TimeDelta::days(7);
    let ask = json!({
        "message": "لطفاً مدارک را بارگذاری کنید.",
        "items": [
            {"document_type": "vehicle_card", "description": "پشت و روی کارت."},
            {"document_type": "scrapping_certificate"}
        ],
        "due_date": due.to_string(),
    });
    app.ask_for_documents(&a.directorate, a.id(), &ask)
        .await
        .json(201);
    let a = a
        .uploaded("vehicle_card")
        .await
        .uploaded("scrapping_certificate")
        .await
        .resubmitted()
        .await
        .permit_issued()
        .await;
    app.receipt(
        &a.police,
        a.permit_id(),
        &refused_for_unpaid_fines(app.now(), a.permit_id()),
        None,
    )
    .await
    .json(201);
    app.reject_coded(&a.directorate, a.id(), "other", "سند معتبر نیست.")
        .await
        .json(200);
    // Issued, revoked, issued again, expired.
    let b = a
        .another()
        .filed()
        .await
        .reviewed()
        .await
        .permit_issued()
        .await;
    let revoke = json!({"reason_code": "issued_in_error", "notes": "شماره موتور اشتباه بود."});
    app.post_as(
        &b.directorate,
        &format!("/permits/{}/revoke", b.permit_id()),
        &revoke,
    )
    .await
    .json(200);
    // Issued in error: back to the agency, which resubmits it unchanged.
    let b = b.resubmitted().await;
    let b = b.permit_issued().await.permit_expired().await;
    // Issued, removed, completed; filed and withdrawn.
    let c = a
        .another()
        .filed()
        .await
        .reviewed()
        .await
        .permit_issued()
        .await
        .plate_removed()
        .await
        .completed()
        .await;
    let d = a.another().filed().await.withdrawn().await;
    // A complaint answered.
    let complaint = json!({"subject": "تأخیر", "body": "پاسخی نگرفتیم", "category": "delay"});
    let complaint = app.complain(&a.agency_a, &complaint).await.json(201);
    app.post_as(
        &a.directorate,
        &format!("/complaints/{}/responses", text(&complaint, "id")),
        &json!({"body": "پیگیری شد."}),
    )
    .await
    .json(200);
    // A batch filed, and a bulk step on it: one message for each.
    let mut batch = new_request();
    let vehicles: Vec<Value> = (0..3).map(|_| new_request()["vehicle"].take()).collect();
    batch["vehicles"] = json!(vehicles);
    batch.as_object_mut().unwrap().remove("vehicle");
    let batch = app
        .post_as(&a.agency_a, "/request-batches", &batch)
        .await
        .json(201);
    let items: Vec<Value> = batch["requests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| json!({"request_id": r["request_id"], "if_match": r["etag"]}))
        .collect();
    let step = json!({"action": "review", "items": items});
    app.post_as(&a.directorate, "/requests/bulk-actions", &step)
        .await
        .json(207);
    // An outage, and tomorrow's maintenance reminded this evening.
    let outage = json!({"kind": "outage", "title": "قطع ارتباط با سامانه جامع خودرو.", "body": "در حال رفع", "starts_at": app.now().to_rfc3339(), "ends_at": (app.now() + TimeDelta::hours(2)).to_rfc3339()});
    app.post_notice(&a.admin, &outage).await.json(201);
    let tz = app.config.service_timezone;
    let tomorrow = app.today() + TimeDelta::days(1);
    let at = |h: u32| {
        tomorrow
            .and_hms_opt(h, 0, 0)
            .unwrap()
            .and_local_timezone(tz)
            .unwrap()
            .to_rfc3339()
    };
    let maintenance = json!({"kind": "maintenance", "title": "به‌روزرسانی", "body": "سامانه در دسترس نیست", "starts_at": at(10), "ends_at": at(12)});
    app.post_notice(&a.admin, &maintenance).await.json(201);
    {
        let mut conn = app.db_conn();
        let midnight = chrono::NaiveTime::from_hms_opt(0, 0, 0).unwrap();
        let n = plate_permits::sms::service::remind_maintenance(
            &mut conn,
            &app.clock,
            midnight,
            app.clock.now(),
        )
        .unwrap();
        assert!(n >= 1);
    }

    // The day before a due date, documents still missing: the reminder.
    let waiting = a.another().filed().await.reviewed().await;
    app.ask_for_documents(&waiting.directorate, waiting.id(), &ask)
        .await
        .json(201);
    {
        let mut conn = app.db_conn();
        let eve = (due - TimeDelta::days(1))
            .and_hms_opt(12, 0, 0)
            .unwrap()
            .and_local_timezone(tz)
            .unwrap()
            .naive_utc();
        let n = plate_permits::sms::service::remind_documents_due(
            &mut conn,
            &app.config,
            &app.clock,
            eve,
        )
        .unwrap();
        assert_eq!(n, 1);
    }

    let all = outbox(&app);
    // Every event has at least one real message.
    for e in SmsEvent::ALL {
        assert!(
            all.iter().any(|(ev, _)| ev == e),
            "no {e} message: {all:#?}"
        );
    }
    for (event, body) in &all {
        assert_readable(*event, body);
    }
    let of = |e: SmsEvent| -> Vec<&str> {
        all.iter()
            .filter(|(ev, _)| *ev == e)
            .map(|(_, t)| t.as_str())
            .collect()
    };
    // The tracking code in groups of four, the plate spaced with its region last.
    let grouped = persian_digits(&templates::group_code(a.tracking_code()));
    assert_eq!(grouped.chars().count(), 14);
    assert!(of(SmsEvent::Filed)[0].contains(&grouped), "{grouped}");
    let plate = persian_digits(&templates::spoken_plate(text(
        &a.request["vehicle"],
        "plate",
    )));
    assert!(plate.contains(" - ایران "), "{plate}");
    assert!(of(SmsEvent::PermitIssued)[0].contains(&plate));
    // The due date in Jalali, the reason labels, the withdrawal's own label.
    let due_jalali = persian_digits(&plate_permits::domain::jalali::format_jalali(due));
    let asked = of(SmsEvent::DocumentsRequested)[0];
    assert!(asked.contains(&due_jalali), "{asked}");
    assert!(asked.contains("کارت خودرو (پشت و روی کارت)"), "{asked}");
    assert!(of(SmsEvent::RemovalRefused)[0].contains("علت: خلافی پرداخت‌نشده."));
    assert!(of(SmsEvent::PermitRevoked)[0].contains("علت: صدور اشتباه."));
    assert!(of(SmsEvent::Withdrawn)[0].contains("علت: انصراف متقاضی."));
    assert!(of(SmsEvent::Completed)[0].contains("سامانه جامع خودرو"));
    let permit = persian_digits(&templates::group_code(b.permit_number()));
    assert!(of(SmsEvent::PermitExpired)[0].contains(&permit));
    // One part where the content allows.
    assert_eq!(templates::parts(of(SmsEvent::Filed)[0]), 1);
    assert_eq!(templates::parts(of(SmsEvent::ComplaintAnswered)[0]), 1);

    // The notifications view shows each message's characters and parts.
    let msgs = app
        .items(
            &a.directorate,
            &format!("/requests/{}/notifications", a.id()),
        )
        .await;
    assert_eq!(msgs.len(), 5);
    for m in &msgs {
        let t = m["text"].as_str().unwrap();
        assert_eq!(m["parts"], templates::parts(t));
        assert_eq!(m["characters"], t.chars().count());
    }
    assert_eq!(msgs[0]["parts"], 1);
    for s in [&c, &d] {
        let msgs = app
            .items(&a.agency_a, &format!("/requests/{}/notifications", s.id()))
            .await;
        assert!(msgs.iter().all(|m| m["parts"].as_u64().unwrap() <= 2));
    }

    // The templates name their parts: the example as an applicant reads it.
    let list = app.items(&a.admin, "/sms-templates").await;
    assert_eq!(list.len(), SmsEvent::ALL.len());
    for t in &list {
        let event: SmsEvent = t["event"].as_str().unwrap().parse().unwrap();
        let example = t["example"].as_str().unwrap();
        assert_readable(event, example);
        assert_eq!(t["parts"], templates::parts(example));
        assert_eq!(t["default_parts"], templates::default_parts(event));
    }
}

/// The agency users' number is the applicant's number (one phone gets both).
fn agency_users_use_the_applicants_number(app: &TestApp) {
    use plate_permits::db::schema::users;
    diesel::update(users::table.filter(users::role.eq("agency")))
        .set(users::mobile.eq(Some("09141234567")))
        .execute(&mut app.db_conn())
        .unwrap();
}

fn outage_now(app: &TestApp) -> Value {
    json!({"kind": "outage", "title": "قطع شبکه", "body": "در حال رفع", "starts_at": app.now().to_rfc3339(), "ends_at": (app.now() + TimeDelta::hours(2)).to_rfc3339()})
}

/// Messages about a fleet's requests wait in the outbox; an outage notice published after
/// them is claimed first.
#[tokio::test]
async fn an_outage_notice_is_claimed_before_older_messages() {
    let app = spawn_app_with(|c| c.sms.worker = false).await;
    let s = Scenario::new(&app).await;
    agency_users_use_the_applicants_number(&app);
    for _ in 0..4 {
        app.file_request(&s.agency_a).await;
    }
    app.post_notice(&s.admin, &outage_now(&app)).await.json(201);
    let mut conn = app.db_conn();
    let due = plate_permits::sms::queries::due(&mut conn, app.clock.now(), 3).unwrap();
    assert_eq!(due.len(), 3);
    assert_eq!(due[0].event, SmsEvent::Outage);
    assert!(due[1..].iter().all(|m| m.event == SmsEvent::Filed));
}

/// Two messages an hour to one number: the filings beyond them are held, the outage notice to
/// that number is not.
#[tokio::test]
async fn the_hourly_cap_does_not_hold_an_outage_notice() {
    let app = spawn_app_with(|c| {
        c.sms.poll_interval_ms = 50;
        c.sms.max_per_recipient_per_hour = 2;
        c.sms.quiet_hours = plate_permits::config::QuietHours(None);
    })
    .await;
    let s = Scenario::new(&app).await;
    agency_users_use_the_applicants_number(&app);
    for _ in 0..5 {
        app.file_request(&s.agency_a).await;
    }
    let status_of = |app: &TestApp| -> Vec<(SmsEvent, String)> {
        sm::table
            .order(sm::id.asc())
            .select((sm::event, sm::status))
            .load::<(SmsEvent, String)>(&mut app.db_conn())
            .unwrap()
    };
    let sent_of = |all: &[(SmsEvent, String)], e: SmsEvent| {
        all.iter()
            .filter(|(ev, st)| *ev == e && st == "sent")
            .count()
    };
    // The cap is reached: two filings sent, three held.
    let mut all = Vec::new();
    for _ in 0..100 {
        all = status_of(&app);
        if sent_of(&all, SmsEvent::Filed) == 2 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(sent_of(&all, SmsEvent::Filed), 2, "{all:?}");
    // The outage notice to the same number is not held.
    app.post_notice(&s.admin, &outage_now(&app)).await.json(201);
    for _ in 0..100 {
        all = status_of(&app);
        if sent_of(&all, SmsEvent::Outage) == 1 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(
        sent_of(&all, SmsEvent::Outage),
        1,
        "the outage notice went: {all:?}"
    );
    assert_eq!(sent_of(&all, SmsEvent::Filed), 2, "still held: {all:?}");
}
