//! Issue 8 (part): the transactional outbox and the change feed.

use std::collections::HashSet;

use serde_json::{json, Value};

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
            Some(a) => format!("/events?after={a}&limit=50"),
            None => "/events?limit=50".to_owned(),
        };
        let page = expect_json(app.get(&path, Some(token)).await, 200).await;
        let batch = page["items"].as_array().unwrap().clone();
        let done = batch.is_empty();
        items.extend(batch);
        next = page["next_after"].as_str().map(str::to_owned);
        if done {
            return (items, next);
        }
    }
}

#[tokio::test]
async fn changes_write_events_visible_by_role() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let a = app.file_request(&c.agency_a).await;
    let b = app.file_request(&c.agency_b).await;
    let id = a["id"].as_str().unwrap();
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
    // A refused action writes nothing.
    expect_problem(
        app.post_action(
            &format!("/requests/{id}/review"),
            &c.directorate,
            None,
            None,
        )
        .await,
        409,
        "invalid_transition",
    )
    .await;
    let (all, _) = all_events(&app, &c.directorate, None).await;
    let types: Vec<&str> = all.iter().map(|e| e["type"].as_str().unwrap()).collect();
    assert_eq!(
        types,
        vec![
            "request.submitted",
            "request.submitted",
            "request.status_changed"
        ]
    );
    let ids: Vec<i64> = all
        .iter()
        .map(|e| e["id"].as_str().unwrap().parse().unwrap())
        .collect();
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "{ids:?}");
    assert_eq!(all[2]["data"]["from"], "submitted");
    assert_eq!(all[2]["data"]["to"], "under_review");
    assert_eq!(all[2]["subject"]["tracking_code"], a["tracking_code"]);
    assert!(all.iter().all(|e| e["data"].get("contact").is_none()));
    // Agencies see their own; police see permit events only.
    let (mine, _) = all_events(&app, &c.agency_b, None).await;
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0]["subject"]["id"], b["id"]);
    let (police, _) = all_events(&app, &c.police, None).await;
    assert!(police.is_empty());
    // Type filter and resuming after the last id.
    let (_, last) = all_events(&app, &c.registry, None).await;
    expect_json(
        app.post_json(
            &format!("/requests/{id}/reject"),
            Some(&c.directorate),
            &json!({"reason": "x"}),
        )
        .await,
        200,
    )
    .await;
    let (newer, _) = all_events(&app, &c.registry, last.as_deref()).await;
    assert_eq!(newer.len(), 1);
    let page = expect_json(
        app.get("/events?types=request.submitted", Some(&c.directorate))
            .await,
        200,
    )
    .await;
    assert_eq!(page["items"].as_array().unwrap().len(), 2);
    expect_problem(
        app.get("/events?types=nope", Some(&c.directorate)).await,
        400,
        "invalid_query",
    )
    .await;
    expect_problem(
        app.get("/events?after=abc", Some(&c.directorate)).await,
        400,
        "invalid_query",
    )
    .await;
}

/// Many writers commit concurrently while a poller follows `next_after`: it sees every event
/// exactly once.
#[tokio::test]
async fn a_poller_following_next_after_misses_nothing_under_concurrent_writers() {
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
                Some(a) => format!("/events?after={a}&limit=7"),
                None => "/events?limit=7".to_owned(),
            };
            let page = expect_json(app.get(&path, Some(&c.directorate)).await, 200).await;
            for e in page["items"].as_array().unwrap() {
                seen.push(e["subject"]["id"].as_str().unwrap().to_owned());
            }
            after = page["next_after"].as_str().map(str::to_owned);
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
