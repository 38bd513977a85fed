//! Issue 3: identity and access.

use diesel::{QueryableByName, RunQueryDsl};
use serde_json::json;

use crate::helpers::*;

#[tokio::test]
async fn admin_signs_in_and_reads_me() {
    let app = spawn_app().await;
    let login = app.login_ok("admin", ADMIN_PASSWORD).await;
    assert_eq!(login.body["token_type"], "Bearer");
    assert_eq!(login.body["expires_in"], 900);
    assert_eq!(login.body["must_change_password"], false);
    assert_eq!(login.body["user"]["role"], "admin");
    let me = expect_json(app.get("/me", Some(&login.access)).await, 200).await;
    assert_eq!(me["username"], "admin");
    assert!(me.get("password_hash").is_none());
}

#[tokio::test]
async fn wrong_username_and_wrong_password_look_the_same() {
    let app = spawn_app().await;
    let a = expect_problem(
        app.login("admin", "not-the-password").await,
        401,
        "invalid_credentials",
    )
    .await;
    let b = expect_problem(
        app.login("nobody", "not-the-password").await,
        401,
        "invalid_credentials",
    )
    .await;
    assert_eq!(a, b);
    // Usernames are case-insensitive.
    app.login_ok("ADMIN", ADMIN_PASSWORD).await;
}

#[tokio::test]
async fn repeated_failures_are_throttled_with_retry_after() {
    let app = spawn_app().await;
    for _ in 0..10 {
        expect_problem(
            app.login("admin", "wrong-password-x").await,
            401,
            "invalid_credentials",
        )
        .await;
    }
    let resp = app.login("admin", ADMIN_PASSWORD).await;
    let retry: u64 = resp.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(retry > 0 && retry <= 900, "{retry}");
    expect_problem(resp, 429, "rate_limited").await;
}

#[tokio::test]
async fn refresh_rotates_and_reuse_revokes_the_login() {
    let app = spawn_app().await;
    let first = app.login_ok("admin", ADMIN_PASSWORD).await;
    let second = expect_json(
        app.post_json(
            "/auth/refresh",
            None,
            &json!({"refresh_token": first.refresh}),
        )
        .await,
        200,
    )
    .await;
    let access2 = second["access_token"].as_str().unwrap().to_owned();
    let refresh2 = second["refresh_token"].as_str().unwrap().to_owned();
    assert_ne!(refresh2, first.refresh);
    expect_json(app.get("/me", Some(&access2)).await, 200).await;
    // Reusing the spent token revokes the whole login.
    expect_problem(
        app.post_json(
            "/auth/refresh",
            None,
            &json!({"refresh_token": first.refresh}),
        )
        .await,
        401,
        "invalid_token",
    )
    .await;
    expect_problem(
        app.post_json("/auth/refresh", None, &json!({"refresh_token": refresh2}))
            .await,
        401,
        "invalid_token",
    )
    .await;
    expect_problem(app.get("/me", Some(&access2)).await, 401, "invalid_token").await;
    // Another login of the same user is unaffected.
    let other = app.login_ok("admin", ADMIN_PASSWORD).await;
    expect_json(app.get("/me", Some(&other.access)).await, 200).await;
}

#[tokio::test]
async fn logout_revokes_the_login() {
    let app = spawn_app().await;
    let l = app.login_ok("admin", ADMIN_PASSWORD).await;
    let resp = app
        .post_json(
            "/auth/logout",
            Some(&l.access),
            &json!({"refresh_token": l.refresh}),
        )
        .await;
    assert_eq!(resp.status().as_u16(), 204);
    expect_problem(app.get("/me", Some(&l.access)).await, 401, "invalid_token").await;
    expect_problem(
        app.post_json("/auth/refresh", None, &json!({"refresh_token": l.refresh}))
            .await,
        401,
        "invalid_token",
    )
    .await;
}

#[tokio::test]
async fn password_change_rules_and_revocation_of_other_logins() {
    let app = spawn_app().await;
    let current = app.login_ok("admin", ADMIN_PASSWORD).await;
    let other = app.login_ok("admin", ADMIN_PASSWORD).await;
    let change = |cur: &str, new: &str| json!({"current_password": cur, "new_password": new});
    let body = expect_problem(
        app.post_json(
            "/auth/password",
            Some(&current.access),
            &change("wrong-one-123", "another-password-1"),
        )
        .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(body["errors"][0]["field"], "current_password");
    let body = expect_problem(
        app.post_json(
            "/auth/password",
            Some(&current.access),
            &change(ADMIN_PASSWORD, ADMIN_PASSWORD),
        )
        .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(body["errors"][0]["code"], "password_reused");
    let body = expect_problem(
        app.post_json(
            "/auth/password",
            Some(&current.access),
            &change(ADMIN_PASSWORD, "short"),
        )
        .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(body["errors"][0]["code"], "password_too_short");
    let long = "p".repeat(129);
    let body = expect_problem(
        app.post_json(
            "/auth/password",
            Some(&current.access),
            &change(ADMIN_PASSWORD, &long),
        )
        .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(body["errors"][0]["code"], "password_too_long");

    let resp = app
        .post_json(
            "/auth/password",
            Some(&current.access),
            &change(ADMIN_PASSWORD, "a-brand-new-password"),
        )
        .await;
    assert_eq!(resp.status().as_u16(), 204);
    // The current login goes on; the other one is revoked.
    expect_json(app.get("/me", Some(&current.access)).await, 200).await;
    expect_problem(
        app.get("/me", Some(&other.access)).await,
        401,
        "invalid_token",
    )
    .await;
    expect_problem(
        app.login("admin", ADMIN_PASSWORD).await,
        401,
        "invalid_credentials",
    )
    .await;
    app.login_ok("admin", "a-brand-new-password").await;
}

#[tokio::test]
async fn generated_password_forces_a_change_before_anything_else() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let org = app.create_org(&admin, "agency", "اداره کل راه").await;
    let created = expect_json(
        app.post_json(
            "/users",
            Some(&admin),
            &json!({"username": "new.user", "full_name": "علي كريمي", "role": "agency", "organisation_id": org}),
        )
        .await,
        201,
    )
    .await;
    // Persian normalisation of names.
    assert_eq!(created["full_name"], "علی کریمی");
    assert_eq!(created["must_change_password"], true);
    let temp = created["temporary_password"].as_str().unwrap().to_owned();
    assert!(temp.len() >= 12);
    let login = app.login_ok("new.user", &temp).await;
    assert_eq!(login.body["must_change_password"], true);
    expect_json(app.get("/me", Some(&login.access)).await, 200).await;
    expect_problem(
        app.get("/organisations", Some(&login.access)).await,
        403,
        "password_change_required",
    )
    .await;
    let resp = app
        .post_json(
            "/auth/password",
            Some(&login.access),
            &json!({"current_password": temp, "new_password": "my-own-password-1"}),
        )
        .await;
    assert_eq!(resp.status().as_u16(), 204);
    // Now the role check applies instead (agencies may not list organisations).
    expect_problem(
        app.get("/organisations", Some(&login.access)).await,
        403,
        "forbidden",
    )
    .await;
    let me = expect_json(app.get("/me", Some(&login.access)).await, 200).await;
    assert_eq!(me["must_change_password"], false);
}

#[tokio::test]
async fn admin_reset_revokes_logins_and_forces_a_change() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let users = expect_json(app.get("/users?role=agency", Some(&c.admin)).await, 200).await;
    let agency_a = users["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["username"] == "agency-a")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let body = expect_json(
        app.post_json(
            &format!("/users/{agency_a}/password-reset"),
            Some(&c.admin),
            &json!({}),
        )
        .await,
        200,
    )
    .await;
    let temp = body["temporary_password"].as_str().unwrap();
    expect_problem(
        app.get("/me", Some(&c.agency_a)).await,
        401,
        "invalid_token",
    )
    .await;
    expect_problem(
        app.login("agency-a", USER_PASSWORD).await,
        401,
        "invalid_credentials",
    )
    .await;
    let l = app.login_ok("agency-a", temp).await;
    assert_eq!(l.body["must_change_password"], true);
    // Only admins may reset.
    expect_problem(
        app.post_json(
            &format!("/users/{agency_a}/password-reset"),
            Some(&c.directorate),
            &json!({}),
        )
        .await,
        403,
        "forbidden",
    )
    .await;
}

#[tokio::test]
async fn disabled_users_cannot_sign_in_and_their_tokens_stop() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let org = app.create_org(&admin, "police", "پلیس").await;
    let (id, token) = app.create_user(&admin, "police", &org, "p01").await;
    expect_json(app.get("/me", Some(&token)).await, 200).await;
    let resp = app
        .patch_json(
            &format!("/users/{id}"),
            Some(&admin),
            &json!({"disabled": true}),
        )
        .await;
    let etag = resp.headers()["etag"].to_str().unwrap().to_owned();
    let body = expect_json(resp, 200).await;
    assert_eq!(body["disabled"], true);
    expect_problem(app.get("/me", Some(&token)).await, 401, "invalid_token").await;
    expect_problem(
        app.login("p01", USER_PASSWORD).await,
        401,
        "invalid_credentials",
    )
    .await;
    // Stale If-Match is 412 and changes nothing.
    let resp = app
        .client
        .patch(app.api(&format!("/users/{id}")))
        .bearer_auth(&admin)
        .header("if-match", "\"1\"")
        .json(&json!({"disabled": false}))
        .send()
        .await
        .unwrap();
    expect_problem(resp, 412, "precondition_failed").await;
    let resp = app
        .client
        .patch(app.api(&format!("/users/{id}")))
        .bearer_auth(&admin)
        .header("if-match", etag)
        .json(&json!({"disabled": false}))
        .send()
        .await
        .unwrap();
    expect_json(resp, 200).await;
    app.login_ok("p01", USER_PASSWORD).await;
    // An administrator cannot disable themself.
    let me = expect_json(app.get("/me", Some(&admin)).await, 200).await;
    let my_id = me["id"].as_str().unwrap();
    expect_problem(
        app.patch_json(
            &format!("/users/{my_id}"),
            Some(&admin),
            &json!({"disabled": true}),
        )
        .await,
        409,
        "cannot_disable_self",
    )
    .await;
}

#[tokio::test]
async fn user_and_organisation_validation() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let police_org = app.create_org(&admin, "police", "پلیس راهور استان").await;
    let agency_org = app.create_org(&admin, "agency", "دانشگاه تبریز").await;
    let user = |username: &str, role: &str, org: &str, mobile: &str| json!({"username": username, "full_name": "نام کامل", "role": role, "organisation_id": org, "mobile": mobile, "password": "long-enough-pass"});
    // Role must fit the organisation's kind.
    for (role, org) in [
        ("agency", &police_org),
        ("police", &agency_org),
        ("admin", &agency_org),
        ("registry", &police_org),
    ] {
        let body = expect_problem(
            app.post_json(
                "/users",
                Some(&admin),
                &user("u-x", role, org, "09121234567"),
            )
            .await,
            422,
            "validation_failed",
        )
        .await;
        assert_eq!(body["errors"][0]["field"], "role", "{role}");
        assert_eq!(body["errors"][0]["code"], "role_organisation_mismatch");
    }
    let body = expect_problem(
        app.post_json(
            "/users",
            Some(&admin),
            &user("u-y", "agency", "no-such-org", "09121234567"),
        )
        .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(body["errors"][0]["field"], "organisation_id");
    let body = expect_problem(
        app.post_json(
            "/users",
            Some(&admin),
            &user("a b", "agency", &agency_org, "12345"),
        )
        .await,
        422,
        "validation_failed",
    )
    .await;
    let fields: Vec<&str> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert!(
        fields.contains(&"username") && fields.contains(&"mobile"),
        "{fields:?}"
    );
    // Mobile normalised from Persian digits and +98.
    let created = expect_json(
        app.post_json(
            "/users",
            Some(&admin),
            &user("u.ok", "agency", &agency_org, "+۹۸۹۱۲۱۲۳۴۵۶۷"),
        )
        .await,
        201,
    )
    .await;
    assert_eq!(created["mobile"], "09121234567");
    assert!(created.get("temporary_password").is_none());
    // Usernames are unique ignoring case.
    let body = expect_problem(
        app.post_json(
            "/users",
            Some(&admin),
            &user("U.OK", "agency", &agency_org, "09121234567"),
        )
        .await,
        409,
        "duplicate",
    )
    .await;
    assert_eq!(body["field"], "username");
    // Organisations: checksum and uniqueness (names compared after Persian normalisation).
    let body = expect_problem(
        app.post_json(
            "/organisations",
            Some(&admin),
            &json!({"name": "سازمان", "kind": "agency", "national_id": "10380284792"}),
        )
        .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(body["errors"][0]["code"], "invalid_checksum");
    let resp = app
        .post_json(
            "/organisations",
            Some(&admin),
            &json!({"name": "سازمان مالي", "kind": "agency", "national_id": "10380284790"}),
        )
        .await;
    assert_eq!(resp.status().as_u16(), 201);
    assert!(resp.headers().contains_key("location"));
    let body = expect_problem(
        app.post_json(
            "/organisations",
            Some(&admin),
            &json!({"name": "سازمان  مالی", "kind": "agency", "national_id": random_national_id()}),
        )
        .await,
        409,
        "duplicate",
    )
    .await;
    assert_eq!(body["field"], "name");
    let body = expect_problem(
        app.post_json(
            "/organisations",
            Some(&admin),
            &json!({"name": "دیگری", "kind": "agency", "national_id": "۱۰۳۸۰۲۸۴۷۹۰"}),
        )
        .await,
        409,
        "duplicate",
    )
    .await;
    assert_eq!(body["field"], "national_id");
    expect_problem(
        app.post_json(
            "/organisations",
            Some(&admin),
            &json!({"name": "x y", "kind": "bank", "national_id": random_national_id()}),
        )
        .await,
        422,
        "validation_failed",
    )
    .await;
}

fn forge(claims: serde_json::Value, alg: jsonwebtoken::Algorithm, secret: &str) -> String {
    jsonwebtoken::encode(
        &jsonwebtoken::Header::new(alg),
        &claims,
        &jsonwebtoken::EncodingKey::from_secret(secret.as_bytes()),
    )
    .unwrap()
}

#[tokio::test]
async fn forged_or_expired_tokens_are_401() {
    use base64::Engine;
    let app = spawn_app().await;
    let real = app.admin_token().await;
    let payload = real.split('.').nth(1).unwrap();
    let claims: serde_json::Value = serde_json::from_slice(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(payload)
            .unwrap(),
    )
    .unwrap();
    let secret = app.config.jwt_secret.as_ref().unwrap().expose().to_owned();
    let now = chrono::Utc::now().timestamp();
    // Sanity: a token we sign the same way is accepted.
    expect_json(
        app.get(
            "/me",
            Some(&forge(
                claims.clone(),
                jsonwebtoken::Algorithm::HS256,
                &secret,
            )),
        )
        .await,
        200,
    )
    .await;
    let mut cases = Vec::new();
    let mut c = claims.clone();
    c["exp"] = json!(now - 60);
    cases.push(("expired", forge(c, jsonwebtoken::Algorithm::HS256, &secret)));
    let mut c = claims.clone();
    c["aud"] = json!("another-service");
    cases.push((
        "audience",
        forge(c, jsonwebtoken::Algorithm::HS256, &secret),
    ));
    let mut c = claims.clone();
    c["iss"] = json!("someone");
    cases.push(("issuer", forge(c, jsonwebtoken::Algorithm::HS256, &secret)));
    cases.push((
        "algorithm",
        forge(claims.clone(), jsonwebtoken::Algorithm::HS384, &secret),
    ));
    cases.push((
        "key",
        forge(
            claims.clone(),
            jsonwebtoken::Algorithm::HS256,
            "another-secret-another-secret-0123456789",
        ),
    ));
    let none = format!(
        "{}.{}.",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(r#"{"alg":"none","typ":"JWT"}"#),
        payload
    );
    cases.push(("alg none", none));
    cases.push(("garbage", "abc.def.ghi".to_owned()));
    for (name, token) in cases {
        let resp = app.get("/me", Some(&token)).await;
        assert_eq!(resp.status().as_u16(), 401, "{name}");
        expect_problem(resp, 401, "invalid_token").await;
    }
    expect_problem(app.get("/me", None).await, 401, "unauthorized").await;
    let resp = app
        .client
        .get(app.api("/me"))
        .header("authorization", "Basic YWRtaW46eA==")
        .send()
        .await
        .unwrap();
    expect_problem(resp, 401, "unauthorized").await;
}

/// Every identity route × every role: the expected status.
#[tokio::test]
async fn identity_authorization_matrix() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let roles: [(&str, Option<&str>); 6] = [
        ("anonymous", None),
        ("admin", Some(&c.admin)),
        ("directorate", Some(&c.directorate)),
        ("registry", Some(&c.registry)),
        ("police", Some(&c.police)),
        ("agency", Some(&c.agency_a)),
    ];
    let some_user = expect_json(app.get("/users", Some(&c.admin)).await, 200).await["items"][0]
        ["id"]
        .as_str()
        .unwrap()
        .to_owned();
    // (method, path, body, expected per role in the order of `roles`)
    let new_org = || json!({"name": format!("org {}", uuid::Uuid::new_v4()), "kind": "agency", "national_id": random_national_id()});
    let table: Vec<(&str, String, Option<serde_json::Value>, [u16; 6])> = vec![
        ("GET", "/me".into(), None, [401, 200, 200, 200, 200, 200]),
        (
            "GET",
            "/organisations".into(),
            None,
            [401, 200, 200, 403, 403, 403],
        ),
        (
            "POST",
            "/organisations".into(),
            Some(new_org()),
            [401, 201, 403, 403, 403, 403],
        ),
        (
            "GET",
            format!("/organisations/{}", c.org_a),
            None,
            [401, 200, 200, 403, 403, 403],
        ),
        (
            "PATCH",
            format!("/organisations/{}", c.org_b),
            Some(json!({})),
            [401, 200, 403, 403, 403, 403],
        ),
        ("GET", "/users".into(), None, [401, 200, 403, 403, 403, 403]),
        (
            "POST",
            "/users".into(),
            Some(json!({"username": "zz", "full_name": "x"})),
            [401, 422, 403, 403, 403, 403],
        ),
        (
            "GET",
            format!("/users/{some_user}"),
            None,
            [401, 200, 403, 403, 403, 403],
        ),
        (
            "PATCH",
            format!("/users/{some_user}"),
            Some(json!({})),
            [401, 200, 403, 403, 403, 403],
        ),
        (
            "POST",
            format!("/users/{some_user}/password-reset"),
            Some(json!({})),
            [401, 200, 403, 403, 403, 403],
        ),
    ];
    for (method, path, body, expected) in &table {
        for ((role, token), want) in roles.iter().zip(expected.iter()) {
            let mut req = app.client.request(method.parse().unwrap(), app.api(path));
            if let Some(t) = token {
                req = req.bearer_auth(t);
            }
            if let Some(b) = body {
                let b = if path == "/organisations" && *method == "POST" {
                    new_org()
                } else {
                    b.clone()
                };
                req = req.json(&b);
            }
            let resp = req.send().await.unwrap();
            let got = resp.status().as_u16();
            let text = resp.text().await.unwrap();
            assert_eq!(got, *want, "{method} {path} as {role}: {text}");
        }
        // The reset above revokes that user's logins; keep the cast usable by resetting last.
    }
}

#[derive(QueryableByName)]
struct AuditRow {
    #[diesel(sql_type = diesel::sql_types::Text)]
    action: String,
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Text>)]
    detail: Option<String>,
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Text>)]
    client_ip: Option<String>,
}

#[tokio::test]
async fn admin_actions_and_sign_ins_are_audited_without_secrets() {
    let app = spawn_app().await;
    let _ = app.login("admin", "wrong-password-1").await;
    let admin = app.admin_token().await;
    let org = app.create_org(&admin, "agency", "سازمان آزمون").await;
    let created = expect_json(
        app.post_json("/users", Some(&admin), &json!({"username": "aud", "full_name": "کاربر", "role": "agency", "organisation_id": org})).await,
        201,
    )
    .await;
    let temp = created["temporary_password"].as_str().unwrap().to_owned();
    let id = created["id"].as_str().unwrap();
    let reset = expect_json(
        app.post_json(
            &format!("/users/{id}/password-reset"),
            Some(&admin),
            &json!({}),
        )
        .await,
        200,
    )
    .await;
    let temp2 = reset["temporary_password"].as_str().unwrap().to_owned();
    let mut conn = app.db_conn();
    let rows: Vec<AuditRow> =
        diesel::sql_query("SELECT action, detail, client_ip FROM audit_log ORDER BY at, id")
            .load(&mut conn)
            .unwrap();
    let actions: Vec<&str> = rows.iter().map(|r| r.action.as_str()).collect();
    for want in [
        "login.failure",
        "login.success",
        "organisation.created",
        "user.created",
        "user.password_reset",
    ] {
        assert!(actions.contains(&want), "{want} in {actions:?}");
    }
    for r in &rows {
        assert_eq!(r.client_ip.as_deref(), Some("127.0.0.1"));
        let d = r.detail.clone().unwrap_or_default();
        for secret in [ADMIN_PASSWORD, "wrong-password-1", &temp, &temp2, &admin] {
            assert!(!d.contains(secret), "secret in audit detail: {d}");
        }
    }
}

#[test]
fn bootstrap_without_password_generates_one_that_must_be_changed() {
    use plate_permits::users::bootstrap::{bootstrap_if_empty, AdminOutcome};
    let dir = tempfile::tempdir().unwrap();
    let db = fresh_database(dir.path());
    let mut conn = plate_permits::db::DbManager::connect_url(&db.url);
    plate_permits::db::migrations::run_pending(&mut conn).unwrap();
    let outcome = bootstrap_if_empty(&mut conn, None).unwrap();
    let Some(AdminOutcome::CreatedWithTemporary(pw)) = outcome else {
        panic!("expected a generated password, got {outcome:?}");
    };
    assert_eq!(pw.len(), 16);
    // A second start does nothing.
    assert_eq!(bootstrap_if_empty(&mut conn, None).unwrap(), None);
    #[derive(QueryableByName)]
    struct Flag {
        #[diesel(sql_type = diesel::sql_types::Bool)]
        must_change_password: bool,
    }
    let flag: Flag =
        diesel::sql_query("SELECT must_change_password FROM users WHERE username = 'admin'")
            .get_result(&mut conn)
            .unwrap();
    assert!(flag.must_change_password);
}

#[test]
fn create_admin_command_creates_a_second_administrator() {
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_plate-permits"))
        .env("DATA_DIR", dir.path())
        .env_remove("DATABASE_URL")
        .env("BOOTSTRAP_ADMIN_PASSWORD", "first-admin-password")
        .args(["create-admin", "--username", "ops"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("temporary password"), "{stderr}");
}
