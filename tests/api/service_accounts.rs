//! Service accounts and the client-credentials grant (issue 22): machine clients obtain tokens
//! at `POST /auth/token` and act as users of their role; administrators manage them, rotate
//! their secrets with an overlap and disable them at once; RFC 6749 §5.2 errors as
//! problem+json; failed client authentications are throttled without locking out the right
//! secret.

use diesel::RunQueryDsl;
use serde_json::{json, Value};

use crate::helpers::*;

#[derive(diesel::QueryableByName)]
struct Count {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

/// Audit entries with this action, actor and subject.
fn audited(app: &TestApp, action: &str, actor: &str, subject: &str) -> i64 {
    let sql = format!(
        "SELECT COUNT(*) AS n FROM audit_log WHERE action = '{action}' \
         AND actor_user_id = '{actor}' AND subject_kind = 'service_account' \
         AND subject_id = '{subject}'"
    );
    diesel::sql_query(sql)
        .get_result::<Count>(&mut app.db_conn())
        .expect("count")
        .n
}

/// The id of the bootstrap administrator.
async fn admin_id(app: &TestApp, admin: &str) -> String {
    text(&app.me(admin).await.json(200), "id").to_owned()
}

#[tokio::test]
async fn a_police_service_account_obtains_a_token_and_posts_a_receipt() {
    let app = spawn_app().await;
    let s = Scenario::new(&app)
        .await
        .filed()
        .await
        .reviewed()
        .await
        .permit_issued()
        .await;
    let c = app
        .create_service_account(&s.admin, "police", &s.org_police, "سامانهٔ پلیس راهور")
        .await;
    assert!(c.client_id.starts_with("svc_"), "{}", c.body);
    assert_eq!(c.body["role_label_fa"], "پلیس راهور");
    assert!(c.body["last_used_at"].is_null());

    let reply = app.client_token_basic(&c.client_id, &c.secret).await;
    assert_eq!(reply.header("cache-control"), "no-store");
    let body = reply.json(200);
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["expires_in"], 900);
    assert!(body.get("refresh_token").is_none(), "{body}");
    let token = text(&body, "access_token").to_owned();

    // The same role checks as a police user: no filing, no review; receipts yes.
    app.file(&token, &new_request())
        .await
        .problem(403, "forbidden");
    app.review(&token, s.id()).await.problem(403, "forbidden");
    let posted = app
        .receipt(
            &token,
            s.permit_id(),
            &receipt(app.now(), "removed", "R-SVC-1"),
            None,
        )
        .await;
    posted.json(201);
    assert_eq!(s.current().await["status"], "plate_removed");
    // The history names the service account as the actor.
    let last = s.history().await.pop().expect("history");
    assert_eq!(last["to"], "plate_removed");
    assert_eq!(last["actor"]["id"], c.id.as_str());
    assert_eq!(last["actor"]["full_name"], "سامانهٔ پلیس راهور");
    assert_eq!(last["actor"]["role"], "police");

    // The receipt's audit entry names the service account, as a service account.
    let trail = app
        .get_as(
            &s.admin,
            &format!("/audit?actor={}&action=permit.receipt", c.id),
        )
        .await
        .json(200);
    let entry = &trail["items"][0];
    assert_eq!(entry["actor_kind"], "service_account", "{trail}");
    assert_eq!(entry["actor_role"], "police");

    // The grant is audited with the account as actor; the account shows when it was used.
    assert_eq!(audited(&app, "client.token_issued", &c.id, &c.id), 1);
    let admin = admin_id(&app, &s.admin).await;
    assert_eq!(audited(&app, "service_account.created", &admin, &c.id), 1);
    let shown = app
        .get_as(&s.admin, &format!("/service-accounts/{}", c.id))
        .await
        .json(200);
    assert!(shown["last_used_at"].is_string(), "{shown}");
    assert!(shown.get("client_secret").is_none());
    assert!(!shown.to_string().contains(&c.secret));
}

#[tokio::test]
async fn a_registry_service_account_records_a_registration_with_form_credentials() {
    let app = spawn_app().await;
    let s = Scenario::new(&app)
        .await
        .filed()
        .await
        .reviewed()
        .await
        .permit_issued()
        .await
        .plate_removed()
        .await;
    let c = app
        .create_service_account(
            &s.admin,
            "registry",
            &s.org_directorate,
            "سامانهٔ جامع خودرو",
        )
        .await;
    let fields = [
        ("grant_type", "client_credentials"),
        ("client_id", c.client_id.as_str()),
        ("client_secret", c.secret.as_str()),
    ];
    let body = app.client_token_form(&fields).await.json(200);
    let token = text(&body, "access_token").to_owned();
    // The registry reads every permit, as a registry user does.
    let permits = app.items(&token, "/permits").await;
    assert!(permits.iter().any(|p| p["id"] == s.permit_id()));
    app.register(&token, s.id(), &registration(app.now(), "REG-SVC-1"))
        .await
        .json(200);
    assert_eq!(s.current().await["status"], "completed");
    let last = s.history().await.pop().expect("history");
    assert_eq!(last["actor"]["id"], c.id.as_str());
    assert_eq!(last["actor"]["role"], "registry");
    // JSON bodies are accepted too.
    let json_body = json!({
        "grant_type": "client_credentials",
        "client_id": c.client_id,
        "client_secret": c.secret,
    });
    app.call(
        reqwest::Method::POST,
        "/auth/token",
        None,
        Some(&json_body),
        &[],
    )
    .await
    .json(200);
}

#[tokio::test]
async fn a_wrong_secret_or_unknown_client_is_401_invalid_client() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let org = app.create_org(&admin, "police", "پلیس راهور").await;
    let c = app
        .create_service_account(&admin, "police", &org, "سامانهٔ پلیس")
        .await;
    let wrong = format!("{}x", c.secret);
    for reply in [
        app.client_token_basic(&c.client_id, &wrong).await,
        app.client_token_basic("svc_000000000000000000000000", &c.secret)
            .await,
        app.client_token_form(&[
            ("grant_type", "client_credentials"),
            ("client_id", c.client_id.as_str()),
        ])
        .await,
    ] {
        assert_eq!(
            reply.header("www-authenticate"),
            "Basic realm=\"plate-permits\""
        );
        let problem = reply.problem(401, "invalid_client");
        assert_eq!(problem["error"], "invalid_client");
        assert!(problem["error_description"].is_string());
        assert!(!problem.to_string().contains(&c.secret));
    }
    // English on request, Persian by default.
    let en = app
        .client
        .post(app.api("/auth/token"))
        .basic_auth(&c.client_id, Some(&wrong))
        .header("accept-language", "en")
        .form(&[("grant_type", "client_credentials")])
        .send()
        .await
        .unwrap();
    let en = Reply::read(en).await.problem(401, "invalid_client");
    assert_eq!(en["title"], "Client authentication failed");
    // A service account cannot sign in with a password (its client secret included).
    app.login(&c.client_id, &c.secret)
        .await
        .status()
        .as_u16()
        .eq(&401)
        .then_some(())
        .expect("password sign-in refused");
    // Both failures on the known account are audited, naming it.
    assert_eq!(audited(&app, "client.auth_failure", &c.id, &c.id), 2);
}

#[tokio::test]
async fn other_grant_types_and_malformed_requests_are_400() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let org = app.create_org(&admin, "police", "پلیس راهور").await;
    let c = app
        .create_service_account(&admin, "police", &org, "سامانهٔ پلیس")
        .await;
    let id = c.client_id.as_str();
    let secret = c.secret.as_str();
    let password_grant = app
        .client_token_form(&[
            ("grant_type", "password"),
            ("client_id", id),
            ("client_secret", secret),
        ])
        .await
        .problem(400, "unsupported_grant_type");
    assert_eq!(password_grant["error"], "unsupported_grant_type");
    app.client_token_form(&[("client_id", id), ("client_secret", secret)])
        .await
        .problem(400, "invalid_request");
    // Two authentication methods at once.
    let both = app
        .client
        .post(app.api("/auth/token"))
        .basic_auth(id, Some(secret))
        .form(&[
            ("grant_type", "client_credentials"),
            ("client_secret", secret),
        ])
        .send()
        .await
        .unwrap();
    Reply::read(both).await.problem(400, "invalid_request");
    let repeated = app
        .client
        .post(app.api("/auth/token"))
        .header("content-type", "application/x-www-form-urlencoded")
        .basic_auth(id, Some(secret))
        .body("grant_type=client_credentials&grant_type=client_credentials")
        .send()
        .await
        .unwrap();
    Reply::read(repeated).await.problem(400, "invalid_request");
}

#[tokio::test]
async fn a_rotated_secret_keeps_the_old_one_for_the_overlap_then_only_the_new_one() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let org = app.create_org(&admin, "police", "پلیس راهور").await;
    let c = app
        .create_service_account(&admin, "police", &org, "سامانهٔ پلیس")
        .await;
    let path = format!("/service-accounts/{}/rotate-secret", c.id);
    let rotated = app.post_as(&admin, &path, &json!({})).await.json(200);
    let new_secret = text(&rotated, "client_secret").to_owned();
    assert_ne!(new_secret, c.secret);
    assert_eq!(rotated["client_id"], c.client_id.as_str());
    // The default overlap is 24 hours.
    let until = chrono::DateTime::parse_from_rfc3339(text(&rotated, "previous_secret_expires_at"))
        .expect("instant");
    let hours = (until.with_timezone(&chrono::Utc) - app.now()).num_minutes() as f64 / 60.0;
    assert!((23.9..=24.0).contains(&hours), "{hours}");
    // During the overlap both secrets work.
    app.client_token_basic(&c.client_id, &c.secret)
        .await
        .json(200);
    app.client_token_basic(&c.client_id, &new_secret)
        .await
        .json(200);
    let admin_id = admin_id(&app, &admin).await;
    assert_eq!(
        audited(&app, "service_account.secret_rotated", &admin_id, &c.id),
        1
    );
    // Once the overlap has ended, only the new one does.
    diesel::sql_query(format!(
        "UPDATE service_accounts SET previous_secret_expires_at = '2000-01-01 00:00:00' WHERE id = '{}'",
        c.id
    ))
    .execute(&mut app.db_conn())
    .expect("end the overlap");
    app.client_token_basic(&c.client_id, &c.secret)
        .await
        .problem(401, "invalid_client");
    app.client_token_basic(&c.client_id, &new_secret)
        .await
        .json(200);
    let shown = app
        .get_as(&admin, &format!("/service-accounts/{}", c.id))
        .await
        .json(200);
    assert!(shown["previous_secret_expires_at"].is_null(), "{shown}");
    assert!(shown["secret_rotated_at"].is_string(), "{shown}");
}

#[tokio::test]
async fn with_no_overlap_the_old_secret_stops_at_once() {
    let app = spawn_app_with(|c| c.auth.service_account_secret_overlap_hours = 0).await;
    let admin = app.admin_token().await;
    let org = app.create_org(&admin, "police", "پلیس راهور").await;
    let c = app
        .create_service_account(&admin, "police", &org, "سامانهٔ پلیس")
        .await;
    let token = app.client_access_token(&c).await;
    let path = format!("/service-accounts/{}/rotate-secret", c.id);
    let rotated = app.post_as(&admin, &path, &json!({})).await.json(200);
    assert!(rotated["previous_secret_expires_at"].is_null(), "{rotated}");
    app.client_token_basic(&c.client_id, &c.secret)
        .await
        .problem(401, "invalid_client");
    app.client_token_basic(&c.client_id, text(&rotated, "client_secret"))
        .await
        .json(200);
    // Tokens already issued stay valid until they expire.
    app.get_as(&token, "/permits").await.json(200);
}

#[tokio::test]
async fn a_disabled_accounts_live_token_is_refused_on_its_next_call() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let org = app.create_org(&admin, "police", "پلیس راهور").await;
    let (c, token) = app
        .service_token(&admin, "police", &org, "سامانهٔ پلیس")
        .await;
    app.get_as(&token, "/permits").await.json(200);
    let path = format!("/service-accounts/{}", c.id);
    let disabled = app
        .patch_as(&admin, &path, &json!({"disabled": true}))
        .await
        .json(200);
    assert_eq!(disabled["disabled"], true);
    // Refused at once: on a read, and on a call whose role check would answer without a query.
    app.get_as(&token, "/permits")
        .await
        .problem(401, "invalid_token");
    app.post_as(&token, "/requests", &new_request())
        .await
        .problem(401, "invalid_token");
    // No new token either (the right secret, but a disabled client).
    app.client_token_basic(&c.client_id, &c.secret)
        .await
        .problem(401, "invalid_client");
    let admin_id = admin_id(&app, &admin).await;
    assert_eq!(
        audited(&app, "service_account.updated", &admin_id, &c.id),
        1
    );
    // Enabled again, it asks for a new token; the old one stays revoked.
    app.patch_as(
        &admin,
        &path,
        &json!({"disabled": false, "name": "سامانهٔ پلیس راهور"}),
    )
    .await
    .json(200);
    let fresh = app.client_access_token(&c).await;
    app.get_as(&fresh, "/permits").await.json(200);
    app.get_as(&token, "/permits")
        .await
        .problem(401, "invalid_token");
}

#[tokio::test]
async fn failed_client_authentications_are_throttled_but_the_right_secret_always_works() {
    let app = spawn_app_with(|c| {
        c.http.trust_proxy = true;
        c.auth.login_free_failures = 2;
        c.auth.login_backoff_base_ms = 60_000;
    })
    .await;
    let admin = app.admin_token().await;
    let org = app.create_org(&admin, "police", "پلیس راهور").await;
    let c = app
        .create_service_account(&admin, "police", &org, "سامانهٔ پلیس")
        .await;
    let (id, right) = (c.client_id.as_str(), c.secret.as_str());
    let wrong = "pps_wrong-secret";
    let a = Some("198.51.100.7");
    for _ in 0..2 {
        app.client_token_basic_from(id, wrong, a)
            .await
            .problem(401, "invalid_client");
    }
    // The free failures are spent: a wrong secret from that address now waits.
    let held = app.client_token_basic_from(id, wrong, a).await;
    let retry: u64 = held.header("retry-after").parse().expect("seconds");
    assert!((1..=60).contains(&retry), "{retry}");
    held.problem(429, "rate_limited");
    // The right secret is never held back, from that address or any other.
    app.client_token_basic_from(id, right, Some("203.0.113.9"))
        .await
        .json(200);
    app.client_token_basic_from(id, wrong, Some("203.0.113.9"))
        .await
        .problem(401, "invalid_client");
    app.client_token_basic_from(id, right, a).await.json(200);
    // Its success cleared that address's failures for the client.
    app.client_token_basic_from(id, wrong, a)
        .await
        .problem(401, "invalid_client");
    // Throttled attempts are audited too (reason `throttled`): the 4 counted failures and the
    // one held back.
    app.get_as(&admin, "/audit?limit=1").await.json(200); // flushes the queued entries
    assert_eq!(audited(&app, "client.auth_failure", &c.id, &c.id), 5);
    assert_eq!(
        app.get_as(&admin, "/audit?action=client.auth_failure")
            .await
            .json(200)["items"]
            .as_array()
            .map(|a| a
                .iter()
                .filter(|e| e["detail"]["reason"] == "throttled")
                .count()),
        Some(1)
    );
}

#[tokio::test]
async fn administrators_manage_service_accounts_apart_from_users() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let directorate = app.directorate_org(&admin).await;
    let police = app.create_org(&admin, "police", "پلیس راهور استان").await;
    let c = app
        .create_service_account(&admin, "directorate", &directorate, "سامانهٔ اداره کل")
        .await;
    // Every field issue at once: the role must be a machine's and fit the organisation.
    let bad = app
        .create_service_account_reply(&admin, "admin", &directorate, "x")
        .await
        .problem(422, "validation_failed");
    let fields: Vec<&str> = bad["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["name", "role"], "{bad}");
    let mismatch = app
        .create_service_account_reply(&admin, "registry", &police, "سامانهٔ جامع")
        .await
        .problem(422, "validation_failed");
    assert_eq!(mismatch["errors"][0]["code"], "role_organisation_mismatch");
    let unknown = app
        .create_service_account_reply(&admin, "police", "no-such-org", "سامانهٔ پلیس")
        .await
        .problem(422, "validation_failed");
    assert_eq!(unknown["errors"][0]["field"], "organisation_id");
    // Listed as service accounts, never as users.
    let listed = app.items(&admin, "/service-accounts").await;
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["id"], c.id.as_str());
    assert!(listed[0].get("client_secret").is_none());
    let users = app.items(&admin, "/users?limit=200").await;
    assert!(users.iter().all(|u| u["id"] != c.id.as_str()));
    app.get_as(&admin, &format!("/users/{}", c.id))
        .await
        .problem(404, "not_found");
    app.post_as(
        &admin,
        &format!("/users/{}/password-reset", c.id),
        &json!({}),
    )
    .await
    .problem(404, "not_found");
    app.patch_as(
        &admin,
        &format!("/users/{}", c.id),
        &json!({"disabled": true}),
    )
    .await
    .problem(404, "not_found");
    // A user's id is not a service account's.
    let me = admin_id(&app, &admin).await;
    app.get_as(&admin, &format!("/service-accounts/{me}"))
        .await
        .problem(404, "not_found");
    // Renaming honours If-Match.
    let path = format!("/service-accounts/{}", c.id);
    let read = app.get_as(&admin, &path).await;
    let etag = read.header("etag").to_owned();
    let renamed = app
        .call(
            reqwest::Method::PATCH,
            &path,
            Some(&admin),
            Some(&json!({"name": "سامانهٔ داخلی اداره کل"})),
            &[("if-match", &etag)],
        )
        .await
        .json(200);
    assert_eq!(renamed["name"], "سامانهٔ داخلی اداره کل");
    app.call(
        reqwest::Method::PATCH,
        &path,
        Some(&admin),
        Some(&json!({"name": "دوباره"})),
        &[("if-match", &etag)],
    )
    .await
    .problem(412, "precondition_failed");
    // A directorate client acts as a directorate user: it reviews requests.
    let s = Scenario::new(&app).await.filed().await;
    let token = app.client_access_token(&c).await;
    app.review(&token, s.id()).await.json(200);
    let me: Value = app.me(&token).await.json(200);
    assert_eq!(me["role"], "directorate");
    assert_eq!(me["full_name"], "سامانهٔ داخلی اداره کل");
}
