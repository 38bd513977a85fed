//! The audit trail: `GET /audit` (filters, Jalali periods, keyset paging, CSV) and a request's
//! access log, on both databases; entries are append-only until their retention ends.

use reqwest::Method;
use serde_json::Value;

use crate::helpers::*;

fn actions(items: &[Value]) -> Vec<&str> {
    items
        .iter()
        .map(|e| e["action"].as_str().unwrap_or_default())
        .collect()
}

async fn download_traced(app: &TestApp, token: &str, doc_id: &str, trace: &str) {
    let resp = app
        .request(
            Method::GET,
            &format!("/documents/{doc_id}/content"),
            Some(token),
        )
        .header("x-request-id", trace)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
}

#[tokio::test]
async fn a_document_download_appears_in_the_request_access_log() {
    let app = spawn_app().await;
    let s = Scenario::new(&app).await.filed().await;
    let doc = app.upload_pdf(&s.agency_a, s.id(), "other").await.json(201);
    download_traced(&app, &s.directorate, text(&doc, "id"), "download-trace-1").await;
    let s = s.reviewed().await;

    let log = app
        .get_as(&s.directorate, &format!("/requests/{}/access-log", s.id()))
        .await
        .json(200);
    assert_eq!(log["request_id"], s.id());
    let items = log["items"].as_array().cloned().unwrap_or_default();
    let download = items
        .iter()
        .find(|e| e["action"] == "document.downloaded")
        .unwrap_or_else(|| panic!("no download in {items:#?}"));
    assert_eq!(download["source"], "audit");
    assert_eq!(download["subject_kind"], "document");
    assert_eq!(download["subject_id"], doc["id"]);
    assert_eq!(download["actor_role"], "directorate");
    assert_eq!(download["actor_kind"], "user");
    assert_eq!(download["http_request_id"], "download-trace-1");
    assert!(download["client_ip"]
        .as_str()
        .is_some_and(|ip| !ip.is_empty()));
    // The history is there too, in order: filed, then taken under review after the download.
    let history: Vec<&Value> = items.iter().filter(|e| e["source"] == "history").collect();
    assert_eq!(history.len(), 2, "{items:#?}");
    assert_eq!(history[1]["action"], "review");
    let pos = |pred: &dyn Fn(&Value) -> bool| items.iter().position(pred);
    assert!(
        pos(&|e| e["action"] == "document.downloaded") < pos(&|e| e["action"] == "review"),
        "{items:#?}"
    );

    // A view of the request is in it as well; another agency's request is 404, agencies 403.
    app.get_as(&s.registry, &format!("/requests/{}", s.id()))
        .await
        .json(200);
    let items = app
        .get_as(&s.admin, &format!("/requests/{}/access-log", s.id()))
        .await
        .json(200)["items"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(
        items
            .iter()
            .any(|e| e["action"] == "request.viewed" && e["actor_role"] == "registry"),
        "{items:#?}"
    );
    app.get_as(&s.agency_a, &format!("/requests/{}/access-log", s.id()))
        .await
        .problem(403, "forbidden");
    app.get_as(
        &s.directorate,
        "/requests/0190f3f5-0000-7000-8000-000000000000/access-log",
    )
    .await
    .problem(404, "not_found");
}

#[tokio::test]
async fn permit_steps_and_sign_ins_are_in_the_audit_with_filters() {
    let app = spawn_app().await;
    let s = Scenario::new(&app)
        .await
        .filed()
        .await
        .reviewed()
        .await
        .permit_issued()
        .await;
    app.login("nobody-here", "wrong-password-123").await;

    let all = app.items(&s.admin, "/audit?limit=200").await;
    let acts = actions(&all);
    assert!(acts.contains(&"permit.issued"), "{acts:?}");
    assert!(acts.contains(&"login.success"), "{acts:?}");
    assert!(acts.contains(&"login.failure"), "{acts:?}");
    assert!(acts.contains(&"user.created"), "{acts:?}");
    // Newest first.
    let ats: Vec<&str> = all.iter().map(|e| text(e, "at")).collect();
    let mut sorted = ats.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(ats, sorted);

    let issued = app.items(&s.admin, "/audit?action=permit.issued").await;
    assert_eq!(issued.len(), 1);
    let e = &issued[0];
    assert_eq!(e["subject_kind"], "permit");
    assert_eq!(e["subject_id"], s.permit["id"]);
    assert_eq!(e["request_id"], s.id());
    assert_eq!(e["actor_role"], "directorate");
    assert_eq!(e["organisation_id"], s.org_directorate.as_str());
    assert!(e["at_jalali"].as_str().is_some());
    let by_subject = app
        .items(
            &s.admin,
            &format!("/audit?subject={}", text(&s.permit, "id")),
        )
        .await;
    assert_eq!(actions(&by_subject), ["permit.issued"]);
    let actor = text(e, "actor_id");
    let by_actor = app.items(&s.admin, &format!("/audit?actor={actor}")).await;
    assert!(by_actor.iter().all(|x| x["actor_id"] == actor));
    assert!(actions(&by_actor).contains(&"login.success"));
    let by_org = app
        .items(
            &s.admin,
            &format!("/audit?organisation_id={}", s.org_police),
        )
        .await;
    assert!(!by_org.is_empty());
    assert!(by_org
        .iter()
        .all(|x| x["organisation_id"] == s.org_police.as_str()));

    // A period, ISO or Jalali: today holds them all, a day long past none.
    let today = app
        .items(&s.admin, "/audit?action=permit.issued&from=2020-01-01")
        .await;
    assert_eq!(today.len(), 1);
    let past = app
        .items(
            &s.admin,
            "/audit?action=permit.issued&from=1398/01/01&to=1398/12/29",
        )
        .await;
    assert!(past.is_empty());
    let bad = app.get_as(&s.admin, "/audit?from=1403/13/01").await;
    bad.problem(400, "invalid_query");
    app.get_as(&s.admin, "/audit?action=user.deleted")
        .await
        .problem(400, "invalid_query");
    app.get_as(&s.directorate, "/audit")
        .await
        .problem(403, "forbidden");
}

#[tokio::test]
async fn the_audit_pages_by_keyset_and_exports_csv() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    for _ in 0..3 {
        app.login("nobody-here", "wrong-password-123").await;
    }
    let all = app.items(&admin, "/audit").await;
    assert!(all.len() >= 4, "{all:#?}");
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor {
            Some(c) => format!("/audit?limit=2&cursor={c}"),
            None => "/audit?limit=2".to_owned(),
        };
        let page = app.get_as(&admin, &path).await.json(200);
        for e in page["items"].as_array().cloned().unwrap_or_default() {
            seen.push(text(&e, "id").to_owned());
        }
        match page["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_owned()),
            None => break,
        }
    }
    let ids: Vec<String> = all.iter().map(|e| text(e, "id").to_owned()).collect();
    assert_eq!(seen, ids);

    let resp = app
        .request(Method::GET, "/audit?action=login.failure", Some(&admin))
        .header("accept", "text/csv")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    assert!(resp.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let body = resp.text().await.unwrap();
    let lines: Vec<&str> = body.lines().collect();
    assert!(lines[0].starts_with("id,at,at_jalali,actor_id,actor_kind"));
    assert_eq!(lines.len(), 4, "{body}");
    assert!(lines[1..].iter().all(|l| l.contains(",login.failure,")));
    let csv = app.get_as(&admin, "/audit?format=csv&limit=1").await;
    assert_eq!(csv.status, 200);
    assert!(!csv.header("x-next-cursor").is_empty());
}

#[tokio::test]
async fn audit_entries_cannot_be_changed_and_go_only_after_their_retention() {
    let app = spawn_app().await;
    app.admin_token().await;
    let mut conn = plate_permits::db::DbManager::connect_url(&app.db.url);
    use diesel::RunQueryDsl;
    let changed =
        diesel::sql_query("UPDATE audit_log SET action = 'login.failure'").execute(&mut conn);
    assert!(changed.is_err(), "an audit entry was changed");
    let deleted = diesel::sql_query("DELETE FROM audit_log").execute(&mut conn);
    assert!(deleted.is_err(), "a young audit entry was deleted");
    // Within retention nothing goes; a purge as of far in the future takes them all.
    let now = app.clock.now();
    assert_eq!(
        plate_permits::audit::service::purge_expired(&mut conn, 1825, now).unwrap(),
        0
    );
    let later = now + chrono::TimeDelta::days(1826);
    assert!(plate_permits::audit::service::purge_expired(&mut conn, 1825, later).unwrap() >= 1);
    let admin = app.admin_token().await;
    let left = app.items(&admin, "/audit?action=login.success").await;
    assert_eq!(left.len(), 1, "only the new sign-in: {left:#?}");
}

#[tokio::test]
async fn reads_waiting_for_their_batch_are_written_when_the_process_stops() {
    use diesel::prelude::*;
    use plate_permits::db::schema::audit_log;

    let app = spawn_app_on_system_clock().await; // beside the binary, on the system clock
    let s = Scenario::new(&app).await.filed().await;
    // A batch interval no test waits for: only the flush at shutdown can write the entry.
    let port = crate::crash::free_port();
    let mut child = crate::crash::start_binary_with(
        &app,
        port,
        &[
            ("AUDIT_FLUSH_INTERVAL_MS", "60000"),
            ("SMS_WORKER", "false"),
        ],
    );
    let client = reqwest::Client::new();
    let base = format!("http://127.0.0.1:{port}");
    crate::crash::wait_ready(&client, &base).await;
    let trace = format!("shutdown-{}", uuid::Uuid::new_v4().simple());
    let read = client
        .get(format!("{base}/api/v1/requests/{}", s.id()))
        .bearer_auth(&s.directorate)
        .header("x-request-id", &trace)
        .send()
        .await
        .unwrap();
    assert_eq!(read.status(), 200);
    let entries = |app: &TestApp| -> i64 {
        audit_log::table
            .filter(audit_log::http_request_id.eq(&trace))
            .filter(audit_log::action.eq("request.viewed"))
            .count()
            .get_result(&mut app.db_conn())
            .unwrap()
    };
    let stopped = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(stopped.success());
    let mut status = None;
    for _ in 0..400 {
        if let Some(s) = child.try_wait().unwrap() {
            status = Some(s);
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let Some(status) = status else {
        let _ = child.kill();
        panic!("the service did not stop within 40 s of SIGTERM");
    };
    assert!(status.success(), "exit after SIGTERM: {status}");
    assert_eq!(
        entries(&app),
        1,
        "the read's audit entry after a graceful stop"
    );
}

/// The entries of `action`, newest first (a read of the audit writes the waiting ones first).
async fn entries(app: &TestApp, admin: &str, action: &str) -> Vec<Value> {
    app.items(admin, &format!("/audit?action={action}&limit=200"))
        .await
}

#[tokio::test]
async fn denials_are_counted_per_principal_target_and_minute() {
    let app = spawn_app().await;
    let s = Scenario::new(&app).await.filed().await;
    let path = format!("/requests/{}", s.id());
    for _ in 0..3 {
        app.get_as(&s.agency_b, &path)
            .await
            .problem(404, "not_found");
    }
    app.get_as(&s.agency_b, "/audit")
        .await
        .problem(403, "forbidden");
    let denied = entries(&app, &s.admin, "access.denied").await;
    let on_request: Vec<&Value> = denied
        .iter()
        .filter(|e| e["subject_id"].as_str().is_some_and(|t| t.ends_with(&path)))
        .collect();
    assert_eq!(on_request.len(), 1, "{denied:#?}");
    let e = on_request[0];
    assert_eq!(e["detail"]["count"], 3);
    assert_eq!(e["detail"]["status"], 404);
    assert_eq!(e["subject_kind"], "resource");
    assert_eq!(e["organisation_id"], s.org_b.as_str());
    assert!(text(e, "subject_id").starts_with("GET "));
    assert!(denied
        .iter()
        .any(|e| e["detail"]["status"] == 403 && e["detail"]["count"] == 1));
    // Another minute is another entry.
    app.clock.advance(chrono::TimeDelta::minutes(1));
    app.get_as(&s.agency_b, &path)
        .await
        .problem(404, "not_found");
    let denied = entries(&app, &s.admin, "access.denied").await;
    let counts: Vec<&Value> = denied
        .iter()
        .filter(|e| e["subject_id"].as_str().is_some_and(|t| t.ends_with(&path)))
        .map(|e| &e["detail"]["count"])
        .collect();
    assert_eq!(counts, [1, 3]);
}

#[tokio::test]
async fn list_reads_with_contacts_are_audited_with_their_filter_and_row_count() {
    let app = spawn_app().await;
    let s = Scenario::new(&app).await.filed().await;
    app.file_request(&s.agency_a).await;
    app.get_as(&s.agency_a, "/requests?status=submitted&limit=20")
        .await
        .json(200);
    let listed = entries(&app, &s.admin, "request.listed").await;
    let e = listed
        .iter()
        .find(|e| e["organisation_id"] == s.org_a.as_str())
        .unwrap_or_else(|| panic!("{listed:#?}"));
    assert_eq!(e["detail"]["rows"], 2);
    assert_eq!(e["detail"]["filter"]["status"], "submitted");
    assert_eq!(e["detail"]["filter"]["limit"], 20);
    assert_eq!(e["actor_role"], "agency");
}

#[tokio::test]
async fn notices_and_print_pages_are_audited() {
    let app = spawn_app().await;
    let s = Scenario::new(&app)
        .await
        .filed()
        .await
        .reviewed()
        .await
        .permit_issued()
        .await;
    let info = serde_json::json!({"kind": "info", "title": "اطلاعیه", "body": "ساعات کاری تغییر کرد", "starts_at": in_minutes(app.now(), -5), "ends_at": in_minutes(app.now(), 60)});
    let n = app.post_notice(&s.admin, &info).await.json(201);
    let id = text(&n, "id").to_owned();
    assert_eq!(
        app.delete_as(&s.admin, &format!("/notices/{id}"))
            .await
            .status,
        204
    );
    let created = entries(&app, &s.admin, "notice.created").await;
    assert_eq!(created.len(), 1);
    assert_eq!(created[0]["subject_id"], id.as_str());
    assert_eq!(created[0]["subject_kind"], "notice");
    assert_eq!(created[0]["detail"]["kind"], "info");
    let deleted = entries(&app, &s.admin, "notice.deleted").await;
    assert_eq!(deleted.len(), 1);
    assert_eq!(deleted[0]["subject_id"], id.as_str());

    let permit_id = text(&s.permit, "id").to_owned();
    let page = app
        .get_as(&s.agency_a, &format!("/permits/{permit_id}/print"))
        .await;
    assert_eq!(page.status, 200);
    let printed = entries(&app, &s.admin, "permit.printed").await;
    assert_eq!(printed.len(), 1, "{printed:#?}");
    assert_eq!(printed[0]["subject_id"], permit_id.as_str());
    assert_eq!(printed[0]["request_id"], s.id());
    assert_eq!(printed[0]["actor_role"], "agency");
}

#[tokio::test]
async fn throttled_sign_ins_are_audited_like_other_failures() {
    let app = spawn_app_with(|c| {
        c.auth.login_free_failures = 1;
        c.auth.login_backoff_base_ms = 60_000;
    })
    .await;
    let admin = app.admin_token().await;
    let mut answers = Vec::new();
    for _ in 0..4 {
        answers.push(
            app.login("nobody-here", "wrong-password-123")
                .await
                .status()
                .as_u16(),
        );
    }
    assert!(answers.contains(&429), "{answers:?}");
    let failures = entries(&app, &admin, "login.failure").await;
    assert_eq!(failures.len(), 4, "{failures:#?}");
    let throttled = failures
        .iter()
        .filter(|e| e["detail"]["reason"] == "throttled")
        .count();
    assert_eq!(
        throttled,
        answers.iter().filter(|s| **s == 429).count(),
        "{failures:#?}"
    );
}
