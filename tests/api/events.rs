//! The change feed written by the transactional outbox: what each role sees, resuming,
//! filtering, and no event lost or repeated under concurrent writers.

use std::collections::HashSet;

use serde_json::Value;

use crate::helpers::*;

async fn all_events(
    app: &TestApp,
    token: &str,
    after: Option<&str>,
) -> (Vec<Value>, Option<String>) {
    let mut items = Vec::new();
    let mut next = after.map(str::to_owned);
    loop {
        let path = match &next {
            Some(a) => format!("/events?cursor={a}&limit=50"),
            None => "/events?limit=50".to_owned(),
        };
        let page = app.get_as(token, &path).await.json(200);
        let batch = page["items"].as_array().unwrap().clone();
        let done = batch.is_empty();
        items.extend(batch);
        next = page["next_cursor"].as_str().map(str::to_owned);
        if done {
            return (items, next);
        }
    }
}

/// Requests by agencies A and B; A's is reviewed, then a refused second review.
async fn two_requests(app: &TestApp) -> (Scenario<'_>, Value) {
    let s = Scenario::new(app).await.filed().await.reviewed().await;
    let b = app.file_request(&s.agency_b).await;
    app.review(&s.directorate, s.id())
        .await
        .problem(409, "invalid_transition");
    (s, b)
}

#[tokio::test]
async fn each_accepted_change_writes_one_event_in_order_without_contact_details() {
    let app = spawn_app().await;
    let s = Scenario::new(&app).await.filed().await;
    app.file_request(&s.agency_b).await;
    let s = s.reviewed().await;
    // A refused action writes nothing.
    app.review(&s.directorate, s.id())
        .await
        .problem(409, "invalid_transition");
    let (all, _) = all_events(&app, &s.directorate, None).await;
    let types = field(&all, "type");
    let submitted = "request.submitted";
    assert_eq!(types, [submitted, submitted, "request.status_changed"]);
    let ids: Vec<i64> = field(&all, "id")
        .iter()
        .map(|id| id.parse().unwrap())
        .collect();
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "{ids:?}");
    assert_eq!(all[2]["data"]["from"], "submitted");
    assert_eq!(all[2]["data"]["to"], "under_review");
    assert_eq!(all[2]["subject"]["tracking_code"], s.tracking_code());
    assert!(all.iter().all(|e| e["data"].get("contact").is_none()));
}

#[tokio::test]
async fn agencies_see_their_own_events_and_the_police_permit_events_only() {
    let app = spawn_app().await;
    let (s, b) = two_requests(&app).await;
    let (mine, _) = all_events(&app, &s.agency_b, None).await;
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0]["subject"]["id"], b["id"]);
    let (police, _) = all_events(&app, &s.police, None).await;
    assert!(police.is_empty());
}

#[tokio::test]
async fn the_feed_resumes_after_the_last_id_and_filters_by_type() {
    let app = spawn_app().await;
    let (s, _) = two_requests(&app).await;
    let (_, last) = all_events(&app, &s.registry, None).await;
    app.reject(&s.directorate, s.id(), "x").await.json(200);
    let (newer, _) = all_events(&app, &s.registry, last.as_deref()).await;
    assert_eq!(newer.len(), 1);
    let submitted = app
        .items(&s.directorate, "/events?types=request.submitted")
        .await;
    assert_eq!(submitted.len(), 2);
}

#[tokio::test]
async fn malformed_feed_queries_are_400() {
    let app = spawn_app().await;
    let c = app.cast().await;
    for query in ["types=nope", "after=abc", "cursor=abc", "cursor=5&after=6"] {
        let reply = app
            .get_as(&c.directorate, &format!("/events?{query}"))
            .await;
        reply.problem(400, "invalid_query");
    }
}

/// A cursor past the newest event (say, saved before the database was restored from a backup)
/// is refused with the newest id instead of answering an empty page for ever.
#[tokio::test]
async fn a_cursor_past_the_newest_event_is_409_with_the_newest_id() {
    let app = spawn_app().await;
    let s = Scenario::new(&app).await.filed().await;
    let (all, last) = all_events(&app, &s.directorate, None).await;
    let newest: i64 = all
        .iter()
        .map(|e| e["id"].as_str().unwrap().parse::<i64>().unwrap())
        .max()
        .unwrap();
    assert_eq!(last.as_deref(), Some(newest.to_string().as_str()));
    // At the newest: an empty page, the cursor kept.
    let page = app
        .get_as(&s.directorate, &format!("/events?cursor={newest}"))
        .await
        .json(200);
    assert_eq!(page["items"].as_array().unwrap().len(), 0);
    assert_eq!(page["next_cursor"], newest.to_string());
    // Past it, by either name: 409 naming where the feed ends.
    for param in ["cursor", "after"] {
        let ahead = app
            .get_as(&s.directorate, &format!("/events?{param}={}", newest + 5))
            .await
            .problem(409, "cursor_ahead");
        assert_eq!(ahead["newest_id"], newest.to_string());
        assert!(ahead["detail"].as_str().unwrap().contains(param), "{ahead}");
    }
    // An agency whose own events end earlier may still hold the global newest as its cursor.
    app.get_as(&s.agency_a, &format!("/events?cursor={newest}"))
        .await
        .json(200);
}

/// The deprecated `after` still works, and says it is deprecated (RFC 9745, RFC 8594); `cursor`
/// carries no such headers.
#[tokio::test]
async fn the_deprecated_after_alias_answers_with_deprecation_and_sunset() {
    let app = spawn_app().await;
    let s = Scenario::new(&app).await.filed().await;
    let old = app.get_as(&s.directorate, "/events?after=0").await;
    assert_eq!(old.header("deprecation"), "@1795564800");
    assert_eq!(old.header("sunset"), "Tue, 22 Jun 2027 00:00:00 GMT");
    assert!(old.header("link").contains("rel=\"deprecation\""));
    let page = old.json(200);
    assert!(!page["items"].as_array().unwrap().is_empty());
    let new = app.get_as(&s.directorate, "/events?cursor=0").await;
    assert!(new.headers.get("deprecation").is_none());
    assert!(new.headers.get("sunset").is_none());
    new.json(200);
}

/// Many writers commit concurrently while a poller follows `next_cursor`: it sees every event
/// exactly once.
#[tokio::test]
async fn a_poller_following_next_cursor_misses_nothing_under_concurrent_writers() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let app = &app;
    let writers = (0..24).map(|_| {
        let token = c.agency_a.clone();
        async move {
            app.file_request(&token).await["id"]
                .as_str()
                .unwrap()
                .to_owned()
        }
    });
    let poller = async {
        let mut seen: Vec<String> = Vec::new();
        let mut after: Option<String> = None;
        for _ in 0..40 {
            let path = match &after {
                Some(a) => format!("/events?cursor={a}&limit=7"),
                None => "/events?limit=7".to_owned(),
            };
            let page = app.get_as(&c.directorate, &path).await.json(200);
            for e in page["items"].as_array().unwrap() {
                seen.push(e["subject"]["id"].as_str().unwrap().to_owned());
            }
            after = page["next_cursor"].as_str().map(str::to_owned);
            tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        }
        (seen, after)
    };
    let (created, (mut seen, after)) =
        tokio::join!(futures_util::future::join_all(writers), poller);
    let (rest, _) = all_events(app, &c.directorate, after.as_deref()).await;
    seen.extend(
        rest.iter()
            .map(|e| e["subject"]["id"].as_str().unwrap().to_owned()),
    );
    let unique: HashSet<&String> = seen.iter().collect();
    assert_eq!(unique.len(), seen.len(), "an event was delivered twice");
    let want: HashSet<&String> = created.iter().collect();
    assert_eq!(unique, want, "the poller missed events");
}

/// Issue 18 row 11: complaint events are in a role's feed exactly when the role may read the
/// complaint through `GET /complaints/{id}`; the registry reads only the complaints it filed.
#[tokio::test]
async fn complaint_events_follow_who_may_read_the_complaint() {
    let app = spawn_app().await;
    let s = Scenario::new(&app).await.filed().await;
    let body = |subject: &str| serde_json::json!({"subject": subject, "body": "متن شکایت", "category": "other"});
    let agencys = app
        .complain(&s.agency_a, &body("شکایت سازمان"))
        .await
        .json(201);
    let registrys = app
        .complain(&s.registry, &body("شکایت ثبت"))
        .await
        .json(201);
    let complaint_ids = |events: &[Value]| -> Vec<String> {
        events
            .iter()
            .filter(|e| e["subject"]["kind"] == "complaint")
            .map(|e| e["subject"]["id"].as_str().unwrap().to_owned())
            .collect()
    };
    let agency_id = agencys["id"].as_str().unwrap().to_owned();
    let registry_id = registrys["id"].as_str().unwrap().to_owned();

    // The registry cannot read the agency's complaint directly…
    app.get_as(&s.registry, &format!("/complaints/{agency_id}"))
        .await
        .problem(404, "not_found");
    // …so the feed does not show it either, but shows the registry's own and the rest.
    let (registry, _) = all_events(&app, &s.registry, None).await;
    assert_eq!(complaint_ids(&registry), std::slice::from_ref(&registry_id));
    assert!(field(&registry, "type").contains(&"request.submitted"));

    // Roles that may read a complaint still see its events.
    let (directorate, _) = all_events(&app, &s.directorate, None).await;
    assert_eq!(
        complaint_ids(&directorate),
        [agency_id.clone(), registry_id]
    );
    app.get_as(&s.agency_a, &format!("/complaints/{agency_id}"))
        .await
        .json(200);
    let (agency, _) = all_events(&app, &s.agency_a, None).await;
    assert_eq!(complaint_ids(&agency), [agency_id]);
}
