//! Reports people open: the SLA report and the request list as CSV (UTF-8 with a byte-order
//! mark, Persian headers and Jalali days with `lang=fa`) and as Excel workbooks, read back by
//! an independent reader (calamine here; openpyxl in `.ci/xlsx-readback`) with the same figures
//! as the JSON report.

use std::io::Cursor;

use calamine::{Data, DataType, Reader, Xlsx};
use serde_json::Value;

use crate::helpers::*;

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// The raw answer: status, content type, bytes.
async fn raw(
    app: &TestApp,
    token: &str,
    path: &str,
    headers: &[(&str, &str)],
) -> (u16, String, Vec<u8>) {
    let mut req = app.request(reqwest::Method::GET, path, Some(token));
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let resp = req.send().await.expect("request");
    let status = resp.status().as_u16();
    let ct = resp
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    (status, ct, resp.bytes().await.expect("body").to_vec())
}

/// The first sheet of a workbook: its rows of cells.
fn sheet(bytes: Vec<u8>) -> Vec<Vec<Data>> {
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).expect("xlsx");
    let range = book.worksheet_range_at(0).expect("a sheet").expect("range");
    range.rows().map(|r| r.to_vec()).collect()
}

fn column(header: &[Data], name: &str) -> usize {
    header
        .iter()
        .position(|h| matches!(h, Data::String(s) if s == name))
        .unwrap_or_else(|| panic!("no column {name}: {header:?}"))
}

fn csv_lines(bytes: &[u8]) -> Vec<Vec<String>> {
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF", "UTF-8 byte-order mark");
    let text = std::str::from_utf8(&bytes[3..]).expect("utf-8");
    text.lines()
        .map(|l| l.split(',').map(str::to_owned).collect())
        .collect()
}

/// Requests in several states: filed, under review, with a permit, rejected.
async fn some_requests(app: &TestApp) -> Scenario<'_> {
    let s = Scenario::new(app).await.filed().await;
    s.another().filed().await.reviewed().await;
    s.another()
        .filed()
        .await
        .reviewed()
        .await
        .permit_issued()
        .await;
    s.another().filed().await.reviewed().await.rejected().await;
    s
}

#[tokio::test]
async fn the_sla_report_as_csv_has_a_bom_and_persian_headers_on_request() {
    let app = spawn_app().await;
    let s = some_requests(&app).await;
    let report = app.get_as(&s.directorate, "/reports/sla").await.json(200);
    let overall = &report["overall"];
    // English by default (scripts keep their column names), with the byte-order mark.
    let (status, ct, bytes) = raw(&app, &s.directorate, "/reports/sla?format=csv", &[]).await;
    assert_eq!(status, 200);
    assert!(ct.starts_with("text/csv"), "{ct}");
    let lines = csv_lines(&bytes);
    assert_eq!(lines[0][0], "scope");
    assert_eq!(lines[1][3], overall["requests"].to_string());
    // Persian with lang=fa or Accept-Language: fa; the range's days with their Jalali twins.
    let q = "/reports/sla?format=csv&from=2020-01-01";
    for (path, headers) in [
        (format!("{q}&lang=fa"), vec![]),
        (q.to_owned(), vec![("accept-language", "fa-IR,fa;q=0.9")]),
    ] {
        let (status, _, bytes) = raw(&app, &s.directorate, &path, &headers).await;
        assert_eq!(status, 200);
        let lines = csv_lines(&bytes);
        let h = &lines[0];
        let at = |name: &str| {
            h.iter()
                .position(|c| c == name)
                .unwrap_or_else(|| panic!("{name}: {h:?}"))
        };
        assert_eq!(lines[1][at("دامنه")], "کل");
        assert_eq!(
            lines[1][at("تعداد درخواست‌ها")],
            overall["requests"].to_string()
        );
        assert_eq!(lines[1][at("از تاریخ")], "2020-01-01");
        assert_eq!(lines[1][at("از تاریخ (شمسی)")], "1398/10/11");
    }
    // An unknown language is a 400 naming `lang`.
    let reply = app
        .get_as(&s.directorate, "/reports/sla?format=csv&lang=de")
        .await;
    assert_eq!(reply.status, 400);
}

#[tokio::test]
async fn the_sla_report_as_a_workbook_carries_the_json_figures_in_typed_cells() {
    let app = spawn_app().await;
    let s = some_requests(&app).await;
    let path = "/reports/sla?from=2020-01-01";
    let report = app.get_as(&s.directorate, path).await.json(200);
    let (status, ct, bytes) = raw(&app, &s.directorate, &format!("{path}&format=xlsx"), &[]).await;
    assert_eq!(status, 200);
    assert_eq!(ct, XLSX);
    let rows = sheet(bytes);
    let header = &rows[0];
    assert_eq!(
        rows.len(),
        1 + 1 + report["agencies"].as_array().unwrap().len()
    );
    let overall = &rows[1];
    assert_eq!(overall[column(header, "دامنه")], Data::String("کل".into()));
    let n = |v: &Value| v.as_f64().expect("number");
    let f = &report["overall"];
    assert_eq!(
        overall[column(header, "تعداد درخواست‌ها")],
        Data::Float(n(&f["requests"]))
    );
    assert_eq!(
        overall[column(header, "درخواست‌های دیرکرددار")],
        Data::Float(n(&f["overdue_now"]))
    );
    let by_status = f["by_status"].as_object().unwrap();
    for (code, count) in by_status {
        let label = plate_permits::domain::status::RequestStatus::ALL
            .iter()
            .find(|s| s.as_str() == code)
            .unwrap()
            .label_fa();
        assert_eq!(
            overall[column(header, &format!("وضعیت: {label}"))],
            Data::Float(n(count)),
            "{code}"
        );
    }
    // The range's first day is a date cell; its Jalali twin is text.
    assert!(overall[column(header, "از تاریخ")].is_datetime());
    assert_eq!(
        overall[column(header, "از تاریخ (شمسی)")],
        Data::String("1398/10/11".into())
    );
    // English on request.
    let (_, _, bytes) = raw(
        &app,
        &s.directorate,
        &format!("{path}&format=xlsx&lang=en"),
        &[],
    )
    .await;
    let rows = sheet(bytes);
    assert_eq!(rows[0][0], Data::String("scope".into()));
}

#[tokio::test]
async fn the_request_list_exports_as_csv_and_as_a_workbook() {
    let app = spawn_app().await;
    let s = some_requests(&app).await;
    let list = app.items(&s.directorate, "/requests?limit=200").await;
    assert_eq!(list.len(), 4);
    // CSV: the byte-order mark, English by default, every request once.
    let (status, ct, bytes) = raw(&app, &s.directorate, "/requests/export", &[]).await;
    assert_eq!(status, 200);
    assert!(ct.starts_with("text/csv"), "{ct}");
    let lines = csv_lines(&bytes);
    assert_eq!(lines[0][0], "tracking_code");
    assert_eq!(lines.len(), 1 + list.len());
    // The workbook: Persian headers, the same requests, filed dates as date cells.
    let (status, ct, bytes) = raw(&app, &s.directorate, "/requests/export?format=xlsx", &[]).await;
    assert_eq!(status, 200);
    assert_eq!(ct, XLSX);
    let rows = sheet(bytes);
    let header = &rows[0];
    assert_eq!(rows.len(), 1 + list.len());
    let code = column(header, "کد رهگیری");
    let state = column(header, "وضعیت");
    for (row, item) in rows[1..].iter().zip(&list) {
        assert_eq!(
            row[code],
            Data::String(text(item, "tracking_code").to_owned())
        );
        assert_eq!(
            row[state],
            Data::String(text(item, "status_label_fa").to_owned())
        );
        assert!(row[column(header, "تاریخ ثبت")].is_datetime());
        assert_eq!(
            row[column(header, "تاریخ ثبت (شمسی)")],
            Data::String(text(item, "created_at_jalali").to_owned())
        );
        assert!(matches!(row[column(header, "سال ساخت")], Data::Float(_)));
    }
    // The list's filter applies; an agency exports its own requests only.
    let (_, _, bytes) = raw(
        &app,
        &s.directorate,
        "/requests/export?status=rejected&lang=fa",
        &[],
    )
    .await;
    let lines = csv_lines(&bytes);
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0][0], "کد رهگیری");
    let (_, _, bytes) = raw(&app, &s.agency_b, "/requests/export", &[]).await;
    assert_eq!(csv_lines(&bytes).len(), 1);
    // Police may not list requests.
    let (status, _, _) = raw(&app, &s.police, "/requests/export", &[]).await;
    assert_eq!(status, 403);
    let reply = app
        .get_as(&s.directorate, "/requests/export?format=pdf")
        .await;
    assert_eq!(reply.status, 400);
}

/// Writes the SLA report and the request list, each as JSON and as a workbook, to
/// `XLSX_READBACK_DIR` for `.ci/xlsx-readback`, which reads the workbooks back with Python's
/// openpyxl and compares them with the JSON. Run by that script only.
#[tokio::test]
#[ignore = "run by .ci/xlsx-readback"]
async fn workbooks_for_the_openpyxl_readback() {
    let dir = std::env::var("XLSX_READBACK_DIR").expect("XLSX_READBACK_DIR");
    let dir = std::path::Path::new(&dir);
    let app = spawn_app().await;
    let s = some_requests(&app).await;
    let path = "/reports/sla?from=2020-01-01";
    let report = app.get_as(&s.directorate, path).await.json(200);
    std::fs::write(dir.join("sla.json"), report.to_string()).unwrap();
    let (_, _, bytes) = raw(&app, &s.directorate, &format!("{path}&format=xlsx"), &[]).await;
    std::fs::write(dir.join("sla.xlsx"), bytes).unwrap();
    let list = app.items(&s.directorate, "/requests?limit=200").await;
    std::fs::write(dir.join("requests.json"), Value::Array(list).to_string()).unwrap();
    let (_, _, bytes) = raw(&app, &s.directorate, "/requests/export?format=xlsx", &[]).await;
    std::fs::write(dir.join("requests.xlsx"), bytes).unwrap();
}
