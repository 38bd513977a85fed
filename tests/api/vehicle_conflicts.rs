//! A filing that collides with another agency's open request (issue 33, row 13): the 409
//! `duplicate` names no request and no agency, the collision is recorded as a vehicle conflict,
//! and the directorate lists and resolves it (`/vehicle-conflicts`).

use serde_json::Value;

use crate::helpers::*;

/// Agency A's open request for a vehicle, and the body that filed it.
async fn held_by_a(app: &TestApp) -> (Scenario<'_>, Value) {
    let s = Scenario::new(app).await;
    let body = new_request();
    let filed = app.file(&s.agency_a, &body).await.json(201);
    let s = Scenario {
        request: filed,
        ..s
    };
    (s, body)
}

#[tokio::test]
async fn another_agencys_duplicate_names_neither_the_request_nor_its_agency() {
    let app = spawn_app().await;
    let (s, body) = held_by_a(&app).await;
    let refused = app.file(&s.agency_b, &body).await;
    let raw = refused.text.clone();
    let problem = refused.problem(409, "duplicate");
    for secret in [s.tracking_code(), s.id(), "سازمان الف", s.org_a.as_str()] {
        assert!(!raw.contains(secret), "{secret} leaked: {raw}");
    }
    assert!(problem.get("existing_tracking_code").is_none(), "{problem}");
    let detail = problem["detail"].as_str().unwrap_or_default();
    assert!(detail.contains("اداره کل"), "{problem}");
    // In English too, on request.
    let en = app
        .call(
            reqwest::Method::POST,
            "/requests",
            Some(&s.agency_b),
            Some(&body),
            &[("accept-language", "en")],
        )
        .await;
    let en_raw = en.text.clone();
    let en = en.problem(409, "duplicate");
    assert!(!en_raw.contains(s.tracking_code()), "{en_raw}");
    assert!(
        en["detail"]
            .as_str()
            .is_some_and(|d| d.contains("directorate has been told")),
        "{en}"
    );
    // The agency that holds it is still told which of its own requests.
    let own = app.file(&s.agency_a, &body).await.problem(409, "duplicate");
    assert_eq!(own["existing_tracking_code"], s.tracking_code());
    // Its own collisions are no conflict: only agency B's two refusals, counted on one.
    let conflicts = app.items(&s.directorate, "/vehicle-conflicts").await;
    assert_eq!(conflicts.len(), 1, "{conflicts:?}");
    let c = &conflicts[0];
    assert_eq!(c["status"], "open");
    assert_eq!(c["attempts"], 2);
    assert_eq!(c["blocking_request"]["id"], s.id());
    assert_eq!(c["blocking_request"]["tracking_code"], s.tracking_code());
    assert_eq!(
        c["blocking_request"]["organisation"]["id"],
        s.org_a.as_str()
    );
    assert_eq!(c["refused_organisation"]["id"], s.org_b.as_str());
    assert_eq!(c["refused_organisation"]["name"], "سازمان ب");
    assert_eq!(c["vehicle"]["plate"], s.request["vehicle"]["plate"]);
    assert!(c["resolution"].is_null());
    // Each refusal is audited.
    let audited = app
        .items(&s.admin, "/audit?action=vehicle_conflict.recorded")
        .await;
    assert_eq!(audited.len(), 2, "{audited:?}");
    assert!(audited
        .iter()
        .all(|e| e["subject_id"] == c["id"] && e["organisation_id"] == s.org_b.as_str()));
}

#[tokio::test]
async fn the_directorate_resolves_a_conflict_and_the_vehicle_is_free_again() {
    let app = spawn_app().await;
    let (s, body) = held_by_a(&app).await;
    app.file(&s.agency_b, &body).await.problem(409, "duplicate");
    let c = app.items(&s.directorate, "/vehicle-conflicts").await[0].clone();
    let id = text(&c, "id");
    // Only the directorate and administrators.
    for token in [&s.agency_a, &s.agency_b, &s.police, &s.registry] {
        app.get_as(token, "/vehicle-conflicts")
            .await
            .problem(403, "forbidden");
        app.resolve_conflict(token, id, "رسیدگی شد")
            .await
            .problem(403, "forbidden");
    }
    app.resolve_conflict(&s.directorate, id, "")
        .await
        .problem(422, "validation_failed");
    // The directorate closes the blocking request through its usual action, then resolves.
    app.review(&s.directorate, s.id()).await.json(200);
    app.reject(
        &s.directorate,
        s.id(),
        "درخواست تکراری؛ خودرو از آن دستگاه دیگری است",
    )
    .await
    .json(200);
    let note = "درخواست نخست رد شد؛ دستگاه ب می‌تواند دوباره ثبت کند.";
    let resolved = app.resolve_conflict(&s.directorate, id, note).await;
    assert_eq!(resolved.header("etag"), "\"2\"");
    let resolved = resolved.json(200);
    assert_eq!(resolved["status"], "resolved");
    assert_eq!(resolved["resolution"]["note"], note);
    assert_eq!(resolved["resolution"]["request_status"], "rejected");
    let me = app.me(&s.directorate).await.json(200);
    assert_eq!(resolved["resolution"]["resolved_by"], me["id"]);
    app.resolve_conflict(&s.directorate, id, note)
        .await
        .problem(409, "conflict");
    let audited = app
        .items(&s.admin, "/audit?action=vehicle_conflict.resolved")
        .await;
    assert_eq!(audited.len(), 1, "{audited:?}");
    // Resolved conflicts rank after open ones; `status` filters.
    assert!(app
        .items(&s.directorate, "/vehicle-conflicts?status=open")
        .await
        .is_empty());
    assert_eq!(
        app.items(&s.admin, "/vehicle-conflicts?status=resolved")
            .await
            .len(),
        1
    );
    // The vehicle is free: agency B files it now.
    app.file(&s.agency_b, &body).await.json(201);
}

#[tokio::test]
async fn conflicts_are_paginated_open_first() {
    let app = spawn_app().await;
    let s = Scenario::new(&app).await;
    for _ in 0..3 {
        let body = new_request();
        app.file(&s.agency_a, &body).await.json(201);
        app.file(&s.agency_b, &body).await.problem(409, "duplicate");
    }
    let first = app
        .get_as(&s.directorate, "/vehicle-conflicts?limit=2")
        .await
        .json(200);
    assert_eq!(first["items"].as_array().map(Vec::len), Some(2));
    let cursor = text(&first, "next_cursor");
    let rest = app
        .items(
            &s.directorate,
            &format!("/vehicle-conflicts?limit=2&cursor={cursor}"),
        )
        .await;
    assert_eq!(rest.len(), 1);
    let mut seen: Vec<&str> = first["items"]
        .as_array()
        .unwrap()
        .iter()
        .chain(rest.iter())
        .map(|c| text(c, "id"))
        .collect();
    seen.dedup();
    assert_eq!(seen.len(), 3);
    app.get_as(&s.directorate, "/vehicle-conflicts?colour=red")
        .await
        .problem(400, "invalid_query");
}
