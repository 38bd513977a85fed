//! `GET /reports/sla/weekly`: requests filed and closed per week (Saturday to Friday in the
//! service's time zone), every week present, one agency's alone, the same figures as CSV and
//! as a workbook; a period over two years is refused naming `from`.

use serde_json::Value;

use crate::helpers::*;

fn totals(w: &Value) -> (i64, i64) {
    let weeks = w["weeks"].as_array().expect("weeks");
    weeks.iter().fold((0, 0), |(f, c), x| {
        (
            f + x["filed"].as_i64().unwrap(),
            c + x["closed"].as_i64().unwrap(),
        )
    })
}

#[tokio::test]
async fn the_weekly_flow_counts_filed_and_closed_requests_per_week() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let mut a_ids = Vec::new();
    for _ in 0..3 {
        a_ids.push(text(&app.file_request(&c.agency_a).await, "id").to_owned());
    }
    let b = text(&app.file_request(&c.agency_b).await, "id").to_owned();
    app.review(&c.directorate, &a_ids[0]).await.json(200);
    app.reject(&c.directorate, &a_ids[0], "مدارک ناقص است.")
        .await
        .json(200);
    app.withdraw(&c.agency_b, &b, "انصراف دستگاه")
        .await
        .json(200);

    let w = app
        .get_as(&c.directorate, "/reports/sla/weekly")
        .await
        .json(200);
    let weeks = w["weeks"].as_array().unwrap();
    // Twelve weeks by default, oldest first, each a Saturday, this week last.
    assert_eq!(weeks.len(), 12, "{w}");
    let starts: Vec<&str> = weeks.iter().map(|x| text(x, "week_start")).collect();
    let mut sorted = starts.clone();
    sorted.sort();
    assert_eq!(starts, sorted);
    for s in &starts {
        let d = chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(chrono::Datelike::weekday(&d), chrono::Weekday::Sat, "{s}");
    }
    let last = weeks.last().unwrap();
    assert_eq!(
        (last["filed"].as_i64(), last["closed"].as_i64()),
        (Some(4), Some(2)),
        "{w}"
    );
    assert_eq!(totals(&w), (4, 2));
    assert!(text(last, "week_start_jalali").starts_with("14"), "{last}");

    // One agency's flow.
    let path = format!("/reports/sla/weekly?organisation_id={}", c.org_a);
    let only_a = app.get_as(&c.admin, &path).await.json(200);
    assert_eq!(totals(&only_a), (3, 1));

    // The same figures as CSV (English columns by default) and as a workbook.
    let csv = app
        .get_as(&c.directorate, "/reports/sla/weekly?format=csv")
        .await;
    assert_eq!(csv.status, 200);
    let body = csv.text.trim_start_matches('\u{feff}');
    let mut lines = body.lines();
    assert_eq!(lines.next(), Some("week_start,week_end,filed,closed"));
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 12);
    assert!(rows.last().unwrap().ends_with(",4,2"), "{body}");
    let fa = app
        .get_as(&c.directorate, "/reports/sla/weekly?format=csv&lang=fa")
        .await;
    assert!(fa.text.contains("درخواست‌های ثبت‌شده"), "{}", fa.text);
    let xlsx = app
        .get_as(&c.directorate, "/reports/sla/weekly?format=xlsx")
        .await;
    assert_eq!(xlsx.status, 200);
    assert!(xlsx.headers["content-type"]
        .to_str()
        .unwrap()
        .contains("spreadsheetml"));
}

#[tokio::test]
async fn a_period_beyond_two_years_is_refused_and_agencies_may_not_read_it() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let r = app
        .get_as(
            &c.directorate,
            "/reports/sla/weekly?from=1400/01/01&to=1405/01/01",
        )
        .await
        .json(400);
    assert_eq!(r["errors"][0]["field"], "from", "{r}");
    assert_eq!(r["errors"][0]["code"], "invalid_range", "{r}");
    let r = app
        .get_as(
            &c.directorate,
            "/reports/sla/weekly?from=1404/01/01&to=1404/03/31",
        )
        .await
        .json(200);
    assert_eq!(
        text(&r, "from_jalali"),
        "1403/12/25",
        "the Saturday on or before 1404/01/01: {r}"
    );
    assert_eq!(r["weeks"].as_array().unwrap().len(), 15);
    app.get_as(&c.agency_a, "/reports/sla/weekly")
        .await
        .json(403);
}
