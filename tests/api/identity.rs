//! Identity and access: signing in, tokens, passwords, users and organisations, who may call
//! the identity routes, and the audit log.

use diesel::{QueryableByName, RunQueryDsl};
use serde_json::{json, Value};

use crate::helpers::*;

#[tokio::test]
async fn the_administrator_signs_in_and_reads_me() {
    let app = spawn_app().await;
    let login = app.login_ok("admin", ADMIN_PASSWORD).await;
    assert_eq!(login.body["token_type"], "Bearer");
    assert_eq!(login.body["expires_in"], 900);
    assert_eq!(login.body["must_change_password"], false);
    assert_eq!(login.body["user"]["role"], "admin");
    let me = app.me(&login.access).await.json(200);
    assert_eq!(me["username"], "admin");
    assert!(me.get("password_hash").is_none());
}

#[tokio::test]
async fn wrong_username_and_wrong_password_look_the_same() {
    let app = spawn_app().await;
    let wrong_password = app.login("admin", "not-the-password").await;
    let a = expect_problem(wrong_password, 401, "invalid_credentials").await;
    let wrong_user = app.login("nobody", "not-the-password").await;
    let b = expect_problem(wrong_user, 401, "invalid_credentials").await;
    assert_eq!(a, b);
}

#[tokio::test]
async fn usernames_are_case_insensitive() {
    let app = spawn_app().await;
    app.login_ok("ADMIN", ADMIN_PASSWORD).await;
}

#[tokio::test]
async fn repeated_failures_are_throttled_with_retry_after() {
    let app = spawn_app().await;
    // Five free failures; then even the right password waits out the delay (1 s by default).
    for _ in 0..5 {
        let resp = app.login("admin", "wrong-password-x").await;
        expect_problem(resp, 401, "invalid_credentials").await;
    }
    let reply = Reply::read(app.login("admin", ADMIN_PASSWORD).await).await;
    let retry: u64 = reply.header("retry-after").parse().unwrap();
    assert_eq!(retry, 1);
    reply.problem(429, "rate_limited");
}

#[tokio::test]
async fn refreshing_rotates_the_refresh_token() {
    let app = spawn_app().await;
    let first = app.login_ok("admin", ADMIN_PASSWORD).await;
    let second = app.refresh(&first.refresh).await.json(200);
    assert_ne!(text(&second, "refresh_token"), first.refresh);
    app.me(text(&second, "access_token")).await.json(200);
}

#[tokio::test]
async fn reusing_a_spent_refresh_token_revokes_that_login_only() {
    let app = spawn_app().await;
    let first = app.login_ok("admin", ADMIN_PASSWORD).await;
    let second = app.refresh(&first.refresh).await.json(200);
    let (access2, refresh2) = (
        text(&second, "access_token"),
        text(&second, "refresh_token"),
    );
    app.refresh(&first.refresh)
        .await
        .problem(401, "invalid_token");
    app.refresh(refresh2).await.problem(401, "invalid_token");
    app.me(access2).await.problem(401, "invalid_token");
    let other = app.login_ok("admin", ADMIN_PASSWORD).await;
    app.me(&other.access).await.json(200);
}

#[tokio::test]
async fn logout_revokes_the_login() {
    let app = spawn_app().await;
    let l = app.login_ok("admin", ADMIN_PASSWORD).await;
    let body = json!({"refresh_token": l.refresh});
    assert_eq!(
        app.post_as(&l.access, "/auth/logout", &body).await.status,
        204
    );
    app.me(&l.access).await.problem(401, "invalid_token");
    app.refresh(&l.refresh).await.problem(401, "invalid_token");
}

#[tokio::test]
async fn a_new_password_needs_the_current_one_and_a_new_right_sized_value() {
    let app = spawn_app().await;
    let token = app.admin_token().await;
    let long = "p".repeat(129);
    for (current, new, field, code) in [
        (
            "wrong-one-123",
            "another-password-1",
            Some("current_password"),
            None,
        ),
        (
            ADMIN_PASSWORD,
            ADMIN_PASSWORD,
            None,
            Some("password_reused"),
        ),
        (ADMIN_PASSWORD, "short", None, Some("password_too_short")),
        (
            ADMIN_PASSWORD,
            long.as_str(),
            None,
            Some("password_too_long"),
        ),
    ] {
        let reply = app.change_password(&token, current, new).await;
        let body = reply.problem(422, "validation_failed");
        if let Some(field) = field {
            assert_eq!(body["errors"][0]["field"], field);
        }
        if let Some(code) = code {
            assert_eq!(body["errors"][0]["code"], code);
        }
    }
}

#[tokio::test]
async fn changing_the_password_keeps_this_login_and_revokes_the_others() {
    let app = spawn_app().await;
    let current = app.login_ok("admin", ADMIN_PASSWORD).await;
    let other = app.login_ok("admin", ADMIN_PASSWORD).await;
    let new = "a-brand-new-password";
    let reply = app
        .change_password(&current.access, ADMIN_PASSWORD, new)
        .await;
    assert_eq!(reply.status, 204);
    app.me(&current.access).await.json(200);
    app.me(&other.access).await.problem(401, "invalid_token");
    let old = app.login("admin", ADMIN_PASSWORD).await;
    expect_problem(old, 401, "invalid_credentials").await;
    app.login_ok("admin", new).await;
}

/// A new agency user created without a password; returns the created user.
async fn user_without_password(app: &TestApp, admin: &str, username: &str) -> Value {
    let org = app.create_org(admin, "agency", "اداره کل راه").await;
    let body = json!({"username": username, "full_name": "علي كريمي", "role": "agency", "organisation_id": org});
    app.post_as(admin, "/users", &body).await.json(201)
}

#[tokio::test]
async fn a_user_created_without_a_password_gets_a_temporary_one() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let created = user_without_password(&app, &admin, "new.user").await;
    // Persian normalisation of names.
    assert_eq!(created["full_name"], "علی کریمی");
    assert_eq!(created["must_change_password"], true);
    assert!(text(&created, "temporary_password").len() >= 12);
}

#[tokio::test]
async fn a_temporary_password_must_be_changed_before_anything_else() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let created = user_without_password(&app, &admin, "new.user").await;
    let temp = text(&created, "temporary_password");
    let login = app.login_ok("new.user", temp).await;
    assert_eq!(login.body["must_change_password"], true);
    app.me(&login.access).await.json(200);
    let orgs = app.get_as(&login.access, "/organisations").await;
    orgs.problem(403, "password_change_required");
    let reply = app
        .change_password(&login.access, temp, "my-own-password-1")
        .await;
    assert_eq!(reply.status, 204);
    // Now the role check applies instead (agencies may not list organisations).
    let orgs = app.get_as(&login.access, "/organisations").await;
    orgs.problem(403, "forbidden");
    assert_eq!(
        app.me(&login.access).await.json(200)["must_change_password"],
        false
    );
}

/// Agency A's user id, as the administrator lists it.
async fn agency_a_id(app: &TestApp, c: &Cast) -> String {
    let users = app.items(&c.admin, "/users?role=agency").await;
    let a = users.iter().find(|u| u["username"] == "agency-a").unwrap();
    text(a, "id").to_owned()
}

#[tokio::test]
async fn an_administrators_reset_revokes_logins_and_forces_a_change() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let path = format!("/users/{}/password-reset", agency_a_id(&app, &c).await);
    let body = app.post_as(&c.admin, &path, &json!({})).await.json(200);
    app.me(&c.agency_a).await.problem(401, "invalid_token");
    let old = app.login("agency-a", USER_PASSWORD).await;
    expect_problem(old, 401, "invalid_credentials").await;
    let l = app
        .login_ok("agency-a", text(&body, "temporary_password"))
        .await;
    assert_eq!(l.body["must_change_password"], true);
}

#[tokio::test]
async fn only_administrators_reset_passwords() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let path = format!("/users/{}/password-reset", agency_a_id(&app, &c).await);
    let reply = app.post_as(&c.directorate, &path, &json!({})).await;
    reply.problem(403, "forbidden");
}

/// A police user p01, signed in; returns (admin token, user id, the user's token).
async fn police_user(app: &TestApp) -> (String, String, String) {
    let admin = app.admin_token().await;
    let org = app.create_org(&admin, "police", "پلیس").await;
    let (id, token) = app.create_user(&admin, "police", &org, "p01").await;
    (admin, id, token)
}

#[tokio::test]
async fn disabled_users_cannot_sign_in_and_their_tokens_stop() {
    let app = spawn_app().await;
    let (admin, id, token) = police_user(&app).await;
    app.me(&token).await.json(200);
    let disable = json!({"disabled": true});
    let body = app
        .patch_as(&admin, &format!("/users/{id}"), &disable)
        .await
        .json(200);
    assert_eq!(body["disabled"], true);
    app.me(&token).await.problem(401, "invalid_token");
    let login = app.login("p01", USER_PASSWORD).await;
    expect_problem(login, 401, "invalid_credentials").await;
}

#[tokio::test]
async fn a_user_changed_with_a_stale_if_match_is_412_and_unchanged() {
    let app = spawn_app().await;
    let (admin, id, _) = police_user(&app).await;
    let path = format!("/users/{id}");
    let disabled = app
        .patch_as(&admin, &path, &json!({"disabled": true}))
        .await;
    let etag = disabled.header("etag").to_owned();
    let enable = json!({"disabled": false});
    let patch = |if_match: String| {
        let (app, admin, path, enable) = (&app, &admin, &path, &enable);
        async move {
            let headers = [("if-match", if_match.as_str())];
            app.call(
                reqwest::Method::PATCH,
                path,
                Some(admin),
                Some(enable),
                &headers,
            )
            .await
        }
    };
    patch("\"1\"".to_owned())
        .await
        .problem(412, "precondition_failed");
    patch(etag).await.json(200);
    app.login_ok("p01", USER_PASSWORD).await;
}

#[tokio::test]
async fn an_administrator_cannot_disable_themself() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let my_id = text(&app.me(&admin).await.json(200), "id").to_owned();
    let disable = json!({"disabled": true});
    let reply = app
        .patch_as(&admin, &format!("/users/{my_id}"), &disable)
        .await;
    reply.problem(409, "cannot_disable_self");
}

fn user(username: &str, role: &str, org: &str, mobile: &str) -> Value {
    json!({"username": username, "full_name": "نام کامل", "role": role, "organisation_id": org, "mobile": mobile, "password": "long-enough-pass"})
}

#[tokio::test]
async fn a_users_role_must_fit_its_organisation() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let police_org = app.create_org(&admin, "police", "پلیس راهور استان").await;
    let agency_org = app.create_org(&admin, "agency", "دانشگاه تبریز").await;
    for (role, org) in [
        ("agency", &police_org),
        ("police", &agency_org),
        ("admin", &agency_org),
        ("registry", &police_org),
    ] {
        let body = user("u-x", role, org, "09121234567");
        let p = app
            .post_as(&admin, "/users", &body)
            .await
            .problem(422, "validation_failed");
        assert_eq!(p["errors"][0]["field"], "role", "{role}");
        assert_eq!(p["errors"][0]["code"], "role_organisation_mismatch");
    }
}

#[tokio::test]
async fn a_user_needs_a_known_organisation_a_plain_username_and_a_mobile() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let agency_org = app.create_org(&admin, "agency", "دانشگاه تبریز").await;
    let nowhere = user("u-y", "agency", "no-such-org", "09121234567");
    let p = app
        .post_as(&admin, "/users", &nowhere)
        .await
        .problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["field"], "organisation_id");
    let bad = user("a b", "agency", &agency_org, "12345");
    let p = app
        .post_as(&admin, "/users", &bad)
        .await
        .problem(422, "validation_failed");
    let fields = field(p["errors"].as_array().unwrap(), "field");
    assert!(
        fields.contains(&"username") && fields.contains(&"mobile"),
        "{fields:?}"
    );
}

#[tokio::test]
async fn mobiles_are_normalised_and_usernames_unique_ignoring_case() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let org = app.create_org(&admin, "agency", "دانشگاه تبریز").await;
    // Mobile normalised from Persian digits and +98.
    let ok = user("u.ok", "agency", &org, "+۹۸۹۱۲۱۲۳۴۵۶۷");
    let created = app.post_as(&admin, "/users", &ok).await.json(201);
    assert_eq!(created["mobile"], "09121234567");
    assert!(created.get("temporary_password").is_none());
    let upper = user("U.OK", "agency", &org, "09121234567");
    let p = app
        .post_as(&admin, "/users", &upper)
        .await
        .problem(409, "duplicate");
    assert_eq!(p["field"], "username");
}

fn organisation(name: &str, kind: &str, national_id: &str) -> Value {
    json!({"name": name, "kind": kind, "national_id": national_id})
}

#[tokio::test]
async fn an_organisation_id_must_pass_its_checksum() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let bad = organisation("سازمان", "agency", "10380284792");
    let reply = app.post_as(&admin, "/organisations", &bad).await;
    let p = reply.problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["code"], "invalid_checksum");
}

#[tokio::test]
async fn organisations_are_unique_by_normalised_name_and_by_id_in_any_digits() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let first = organisation("سازمان مالي", "agency", "10380284790");
    let reply = app.post_as(&admin, "/organisations", &first).await;
    assert_eq!(reply.status, 201);
    assert!(reply.headers.contains_key("location"));
    let same_name = organisation("سازمان  مالی", "agency", &random_national_id());
    let reply = app.post_as(&admin, "/organisations", &same_name).await;
    assert_eq!(reply.problem(409, "duplicate")["field"], "name");
    let same_id = organisation("دیگری", "agency", "۱۰۳۸۰۲۸۴۷۹۰");
    let reply = app.post_as(&admin, "/organisations", &same_id).await;
    assert_eq!(reply.problem(409, "duplicate")["field"], "national_id");
}

#[tokio::test]
async fn an_organisation_is_of_a_known_kind() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let bank = organisation("x y", "bank", &random_national_id());
    let reply = app.post_as(&admin, "/organisations", &bank).await;
    reply.problem(422, "validation_failed");
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
    use jsonwebtoken::Algorithm::{HS256, HS384};
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let app = spawn_app().await;
    let real = app.admin_token().await;
    let payload = real.split('.').nth(1).unwrap();
    let claims: Value = serde_json::from_slice(&b64.decode(payload).unwrap()).unwrap();
    let secret = app
        .config
        .auth
        .jwt_secret
        .as_ref()
        .unwrap()
        .expose()
        .to_owned();
    let sign = |changes: Value, alg, key: &str| {
        let mut c = claims.clone();
        for (k, v) in changes.as_object().unwrap() {
            c[k] = v.clone();
        }
        forge(c, alg, key)
    };
    // Sanity: a token we sign the same way is accepted.
    app.me(&sign(json!({}), HS256, &secret)).await.json(200);
    let now = app.now().timestamp();
    let none = format!(
        "{}.{}.",
        b64.encode(r#"{"alg":"none","typ":"JWT"}"#),
        payload
    );
    let cases = [
        ("expired", sign(json!({"exp": now - 60}), HS256, &secret)),
        (
            "audience",
            sign(json!({"aud": "another-service"}), HS256, &secret),
        ),
        ("issuer", sign(json!({"iss": "someone"}), HS256, &secret)),
        ("algorithm", sign(json!({}), HS384, &secret)),
        (
            "key",
            sign(json!({}), HS256, "another-secret-another-secret-0123456789"),
        ),
        ("alg none", none),
        ("garbage", "abc.def.ghi".to_owned()),
    ];
    for (name, token) in cases {
        let reply = app.me(&token).await;
        assert_eq!(reply.status, 401, "{name}");
        reply.problem(401, "invalid_token");
    }
}

#[tokio::test]
async fn missing_or_non_bearer_credentials_are_401_unauthorized() {
    let app = spawn_app().await;
    app.get_public("/me").await.problem(401, "unauthorized");
    let basic = [("authorization", "Basic YWRtaW46eA==")];
    let reply = app
        .call(reqwest::Method::GET, "/me", None, None, &basic)
        .await;
    reply.problem(401, "unauthorized");
}

/// Each identity route and the status each caller gets, in the order anonymous, admin,
/// directorate, registry, police, agency. `{org_a}`, `{org_b}` and `{user}` stand for agency
/// A's and B's organisations and the first listed user. The password reset comes last: it
/// revokes that user's logins.
const IDENTITY_ROUTES: &str = "
GET   /me                          | 401 200 200 200 200 200
GET   /organisations               | 401 200 200 403 403 403
POST  /organisations               | 401 201 403 403 403 403
GET   /organisations/{org_a}       | 401 200 200 403 403 403
PATCH /organisations/{org_b}       | 401 200 403 403 403 403
GET   /users                       | 401 200 403 403 403 403
POST  /users                       | 401 422 403 403 403 403
GET   /users/{user}                | 401 200 403 403 403 403
PATCH /users/{user}                | 401 200 403 403 403 403
POST  /users/{user}/password-reset | 401 200 403 403 403 403
";

/// The callers, in the order of the columns of [`IDENTITY_ROUTES`].
const ROLES: [&str; 6] = [
    "anonymous",
    "admin",
    "directorate",
    "registry",
    "police",
    "agency",
];

/// The body for an identity route: a new organisation, an incomplete user, or nothing much.
fn identity_body(method: &str, route: &str) -> Option<Value> {
    match (method, route) {
        ("GET", _) => None,
        ("POST", "/organisations") => Some(
            json!({"name": format!("org {}", uuid::Uuid::new_v4()), "kind": "agency", "national_id": random_national_id()}),
        ),
        ("POST", "/users") => Some(json!({"username": "zz", "full_name": "x"})),
        _ => Some(json!({})),
    }
}

/// Every identity route × every role: the expected status.
#[tokio::test]
async fn identity_authorization_matrix() {
    let app = spawn_app().await;
    let c = app.cast().await;
    let user = text(&app.items(&c.admin, "/users").await[0], "id").to_owned();
    let rows: Vec<&str> = IDENTITY_ROUTES.lines().filter(|l| !l.is_empty()).collect();
    assert_eq!(rows.len(), 10);
    for row in rows {
        let (route, expected) = row.split_once('|').unwrap();
        let (method, route) = route.trim().split_once(' ').unwrap();
        let route = route.trim();
        let path = route
            .replace("{org_a}", &c.org_a)
            .replace("{org_b}", &c.org_b)
            .replace("{user}", &user);
        let expected: Vec<u16> = expected
            .split_whitespace()
            .map(|s| s.parse().unwrap())
            .collect();
        assert_eq!(expected.len(), 6, "{row}");
        for (role, want) in ROLES.iter().zip(expected) {
            let token = match *role {
                "anonymous" => None,
                "admin" => Some(&c.admin),
                "directorate" => Some(&c.directorate),
                "registry" => Some(&c.registry),
                "police" => Some(&c.police),
                _ => Some(&c.agency_a),
            };
            let (verb, body) = (method.parse().unwrap(), identity_body(method, route));
            let reply = app
                .call(verb, &path, token.map(String::as_str), body.as_ref(), &[])
                .await;
            assert_eq!(
                reply.status, want,
                "{method} {path} as {role}: {}",
                reply.text
            );
        }
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
    let body =
        json!({"username": "aud", "full_name": "کاربر", "role": "agency", "organisation_id": org});
    let created = app.post_as(&admin, "/users", &body).await.json(201);
    let temp = text(&created, "temporary_password").to_owned();
    let path = format!("/users/{}/password-reset", text(&created, "id"));
    let reset = app.post_as(&admin, &path, &json!({})).await.json(200);
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
    let at = test_now();
    let outcome = bootstrap_if_empty(&mut conn, None, at).unwrap();
    let Some(AdminOutcome::CreatedWithTemporary(pw)) = outcome else {
        panic!("expected a generated password, got {outcome:?}");
    };
    assert_eq!(pw.len(), 16);
    // A second start does nothing.
    assert_eq!(bootstrap_if_empty(&mut conn, None, at).unwrap(), None);
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

/// Issue 33 row 3: a user's mobile is where notices are sent by SMS; changing it is audited,
/// masked, and a change of anything else says no recipient changed.
#[tokio::test]
async fn a_change_of_mobile_is_audited_as_a_recipient_change() {
    let app = spawn_app().await;
    let (admin, id, _) = police_user(&app).await;
    let path = format!("/users/{id}");
    app.patch_as(&admin, &path, &json!({"mobile": "09127654321"}))
        .await
        .json(200);
    app.patch_as(&admin, &path, &json!({"full_name": "نام دیگر"}))
        .await
        .json(200);
    let entries = app
        .items(&admin, &format!("/audit?subject={id}&action=user.updated"))
        .await;
    assert_eq!(entries.len(), 2, "{entries:#?}");
    let changed: Vec<&Value> = entries
        .iter()
        .map(|e| &e["detail"]["mobile_changed"])
        .collect();
    let with_change = changed
        .iter()
        .find(|c| !c.is_null())
        .expect("one entry names the recipient change");
    assert_eq!(with_change["to"], "0912***4321");
    assert!(with_change["from"].as_str().unwrap().contains("***"));
    assert!(changed.iter().any(|c| c.is_null()));
}
