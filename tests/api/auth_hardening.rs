//! Issue 18, rows 3, 4, 9 and 10: the client address behind proxies, sign-in throttling that
//! cannot lock the owner out, weak passwords, and sessions (cap per user, purge).

use std::time::Duration;

use diesel::{QueryableByName, RunQueryDsl};
use reqwest::Method;
use serde_json::json;

use crate::helpers::*;

const ADDRESS_A: &str = "203.0.113.10";
const ADDRESS_B: &str = "198.51.100.20";

/// Signs in as `username` with `X-Forwarded-For: forwarded`.
async fn login_from(app: &TestApp, forwarded: &str, username: &str, password: &str) -> Reply {
    let body = json!({"username": username, "password": password});
    app.call(
        Method::POST,
        "/auth/login",
        None,
        Some(&body),
        &[("x-forwarded-for", forwarded)],
    )
    .await
}

async fn metrics_from(app: &TestApp, forwarded: &str) -> u16 {
    app.client
        .get(app.url("/metrics"))
        .header("x-forwarded-for", forwarded)
        .send()
        .await
        .expect("request")
        .status()
        .as_u16()
}

async fn track_from(app: &TestApp, forwarded: &str) -> Reply {
    app.call(
        Method::GET,
        "/track/123456789010",
        None,
        None,
        &[("x-forwarded-for", forwarded)],
    )
    .await
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

fn count(app: &TestApp, sql: &str) -> i64 {
    diesel::sql_query(sql)
        .get_result::<Count>(&mut app.db_conn())
        .expect("count")
        .n
}

// ---- row 3: proxy trust ------------------------------------------------------------------

#[tokio::test]
async fn a_spoofed_left_most_forwarded_entry_is_not_the_client() {
    let app = spawn_app_with(|c| {
        c.http.trust_proxy = true;
        c.http.public_rate_limit_per_minute = 2;
    })
    .await;
    // The peer (the test, on loopback) is a trusted proxy that appended the real client.
    let spoofed = "127.0.0.1, 203.0.113.50";
    assert_eq!(metrics_from(&app, spoofed).await, 403);
    assert_eq!(metrics_from(&app, "127.0.0.1").await, 200);
    // Rate-limited as 203.0.113.50, whatever it writes on the left.
    track_from(&app, spoofed).await.problem(404, "not_found");
    track_from(&app, "10.9.9.9, 203.0.113.50")
        .await
        .problem(404, "not_found");
    track_from(&app, "127.0.0.2, 203.0.113.50")
        .await
        .problem(429, "rate_limited");
    track_from(&app, "198.51.100.7")
        .await
        .problem(404, "not_found");
    // The login throttle and the audit log see the same address.
    login_from(&app, spoofed, "admin", ADMIN_PASSWORD)
        .await
        .json(200);
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'login.success' AND client_ip = '203.0.113.50'"
        ),
        1
    );
}

#[tokio::test]
async fn the_client_is_found_through_a_chain_of_trusted_proxies() {
    let app = spawn_app_with(|c| {
        c.http.trust_proxy = true;
        c.http.trusted_proxies = "127.0.0.0/8,10.0.0.0/8".parse().expect("networks");
    })
    .await;
    let chain = "127.0.0.1, 198.51.100.23, 10.1.1.1, 10.0.0.2";
    assert_eq!(metrics_from(&app, chain).await, 403);
    // Only trusted hops: the left-most one (here loopback, so it may scrape).
    assert_eq!(metrics_from(&app, "127.0.0.5, 10.0.0.2").await, 200);
    assert_eq!(metrics_from(&app, "10.1.1.1, 10.0.0.2").await, 403);
    login_from(&app, chain, "admin", ADMIN_PASSWORD)
        .await
        .json(200);
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) AS n FROM sessions WHERE client_ip = '198.51.100.23'"
        ),
        1
    );
}

// ---- row 4: throttling that cannot lock out the owner ------------------------------------

fn retry_after(reply: &Reply) -> u64 {
    reply.header("retry-after").parse().expect("Retry-After")
}

#[tokio::test]
async fn an_attack_from_one_address_never_locks_the_owner_out() {
    let app = spawn_app_with(|c| {
        c.http.trust_proxy = true;
        c.auth.login_free_failures = 8;
        c.auth.login_backoff_base_ms = 500;
    })
    .await;
    for _ in 0..8 {
        login_from(&app, ADDRESS_A, "admin", "wrong-password-1")
            .await
            .problem(401, "invalid_credentials");
    }
    // From the eighth failure on, each imposes a doubling delay (0.5 s, 1 s, 2 s, 4 s).
    let mut waits = Vec::new();
    for k in 0..4u32 {
        let limited = login_from(&app, ADDRESS_A, "admin", "wrong-password-1").await;
        waits.push(retry_after(&limited));
        limited.problem(429, "rate_limited");
        if k == 3 {
            break;
        }
        tokio::time::sleep(Duration::from_millis((500 << k) + 150)).await;
        login_from(&app, ADDRESS_A, "admin", "wrong-password-1")
            .await
            .problem(401, "invalid_credentials");
    }
    // 11 failures: Retry-After grows with them (whole seconds, rounded up).
    assert_eq!(waits, vec![1, 1, 2, 4]);
    // The owner, from another address, signs in while the attack goes on.
    login_from(&app, ADDRESS_B, "admin", ADMIN_PASSWORD)
        .await
        .json(200);
    // The attacker's address still waits, even with the right password …
    let limited = login_from(&app, ADDRESS_A, "admin", ADMIN_PASSWORD).await;
    assert!(retry_after(&limited) >= 3, "{}", limited.text);
    limited.problem(429, "rate_limited");
    // … until the delay has passed.
    tokio::time::sleep(Duration::from_millis(4_100)).await;
    login_from(&app, ADDRESS_A, "admin", ADMIN_PASSWORD)
        .await
        .json(200);
}

#[tokio::test]
async fn one_address_spraying_many_accounts_is_slowed_not_blocked() {
    let app = spawn_app_with(|c| {
        c.http.trust_proxy = true;
        c.auth.login_free_failures = 1;
    })
    .await;
    // One free failure per account and address, ten per address.
    for i in 0..10 {
        login_from(&app, ADDRESS_A, &format!("nobody-{i}"), "wrong-password-1")
            .await
            .problem(401, "invalid_credentials");
    }
    let limited = login_from(&app, ADDRESS_A, "someone-else", "wrong-password-1").await;
    let wait = retry_after(&limited);
    assert!((1..=60).contains(&wait), "{wait}");
    let body = limited.problem(429, "rate_limited");
    assert!(body.is_object());
    // Another address is not affected.
    login_from(&app, ADDRESS_B, "admin", ADMIN_PASSWORD)
        .await
        .json(200);
}

// ---- row 9: weak passwords ---------------------------------------------------------------

const WEAK: [&str; 6] = [
    "          ",
    "\u{200B}\u{200B}\u{200B}\u{200B}\u{200B}\u{200B}\u{200B}\u{200B}\u{200B}\u{200B}",
    "aaaaaaaaaa",
    "1234567890",
    "password123",
    "   short   \u{200B}",
];
const STRONG: &str = "آسمان آبی بالای سهند 1403";

#[tokio::test]
async fn weak_new_passwords_are_refused_with_a_persian_reason() {
    let app = spawn_app().await;
    let login = app.login_ok("admin", ADMIN_PASSWORD).await;
    for weak in WEAK {
        let body = app
            .change_password(&login.access, ADMIN_PASSWORD, weak)
            .await
            .problem(422, "validation_failed");
        let issue = &body["errors"][0];
        assert_eq!(issue["field"], "new_password", "{weak:?}: {body}");
        let code = issue["code"].as_str().unwrap_or_default();
        assert!(
            ["password_blank", "password_too_short", "password_weak"].contains(&code),
            "{weak:?}: {body}"
        );
        let message = issue["message"].as_str().unwrap_or_default();
        assert!(message.contains("گذرواژه"), "{weak:?}: {body}");
    }
    app.change_password(&login.access, ADMIN_PASSWORD, STRONG)
        .await
        .json(204);
    app.login_ok("admin", STRONG).await;
}

#[tokio::test]
async fn passwords_an_administrator_chooses_follow_the_same_policy() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let org = app.create_org(&admin, "agency", "اداره کل راه").await;
    let user = |name: &str, password: &str| json!({"username": name, "full_name": "نام کامل", "role": "agency", "organisation_id": org, "mobile": "09141234567", "password": password});
    for (i, weak) in WEAK.iter().enumerate() {
        let body = app
            .post_as(&admin, "/users", &user(&format!("weak-{i}"), weak))
            .await
            .problem(422, "validation_failed");
        assert_eq!(body["errors"][0]["field"], "password", "{weak:?}: {body}");
    }
    app.post_as(&admin, "/users", &user("strong-1", STRONG))
        .await
        .json(201);
}

#[test]
fn a_weak_bootstrap_password_refuses_to_start() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_plate-permits"))
        .env("DATA_DIR", dir.path())
        .env_remove("DATABASE_URL")
        .env("BOOTSTRAP_ADMIN_PASSWORD", "1234567890")
        .arg("migrate")
        .output()
        .expect("run");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("BOOTSTRAP_ADMIN_PASSWORD") && stderr.contains("password_weak"),
        "{stderr}"
    );
}

// ---- row 10: sessions --------------------------------------------------------------------

#[tokio::test]
async fn sign_ins_beyond_the_cap_revoke_the_oldest_sessions() {
    let app = spawn_app_with(|c| c.auth.max_sessions_per_user = 3).await;
    let mut logins = Vec::new();
    for _ in 0..8 {
        logins.push(app.login_ok("admin", ADMIN_PASSWORD).await);
    }
    let live = "SELECT COUNT(*) AS n FROM sessions WHERE revoked_at IS NULL";
    assert_eq!(count(&app, live), 3);
    let capped = "SELECT COUNT(*) AS n FROM sessions WHERE revoked_reason = 'session_cap'";
    assert_eq!(count(&app, capped), 5);
    for old in &logins[..5] {
        app.refresh(&old.refresh)
            .await
            .problem(401, "invalid_token");
        app.me(&old.access).await.problem(401, "invalid_token");
    }
    for recent in &logins[5..] {
        app.refresh(&recent.refresh).await.json(200);
    }
}

#[tokio::test]
async fn expired_and_long_revoked_sessions_are_purged() {
    use plate_permits::auth::sessions::purge_expired;
    let app = spawn_app_with(|c| c.auth.max_sessions_per_user = 2).await;
    for _ in 0..4 {
        app.login_ok("admin", ADMIN_PASSWORD).await;
    }
    let sessions = "SELECT COUNT(*) AS n FROM sessions";
    let tokens = "SELECT COUNT(*) AS n FROM refresh_tokens";
    assert_eq!((count(&app, sessions), count(&app, tokens)), (4, 4));
    let now = app.clock.now();
    let mut conn = app.db_conn();
    assert_eq!(purge_expired(&mut conn, now).expect("purge"), 0);
    // A day after the cap revoked the two oldest, they go; the live ones stay.
    let later = now + chrono::TimeDelta::days(1) + chrono::TimeDelta::minutes(1);
    assert_eq!(purge_expired(&mut conn, later).expect("purge"), 2);
    assert_eq!((count(&app, sessions), count(&app, tokens)), (2, 2));
    // Past the refresh-token lifetime (14 days) everything has expired.
    let expired = now + chrono::TimeDelta::days(15);
    assert_eq!(purge_expired(&mut conn, expired).expect("purge"), 2);
    assert_eq!((count(&app, sessions), count(&app, tokens)), (0, 0));
}
