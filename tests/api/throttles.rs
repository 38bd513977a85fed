//! Issue 33, rows 4, 5, 6, 9 and 11: throttles that hold under a race, IPv6 clients counted
//! per /64, control characters in credentials, context words in passwords, and the SSRF
//! guard's IPv4-translated range.

use diesel::{QueryableByName, RunQueryDsl};
use futures_util::future::join_all;
use reqwest::Method;
use serde_json::json;

use crate::helpers::*;

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

fn statuses(replies: &[Reply]) -> (usize, usize) {
    let unauthorized = replies.iter().filter(|r| r.status == 401).count();
    let limited = replies.iter().filter(|r| r.status == 429).count();
    assert_eq!(
        unauthorized + limited,
        replies.len(),
        "only 401 and 429: {:?}",
        replies.iter().map(|r| r.status).collect::<Vec<_>>()
    );
    (unauthorized, limited)
}

// ---- row 4: the attempt is reserved before the password is checked ---------------------

#[tokio::test]
async fn thirty_parallel_wrong_passwords_get_at_most_the_allowance_of_checks() {
    let app = spawn_app_with(|c| c.http.trust_proxy = true).await;
    let replies = join_all((0..30).map(|i| {
        login_from(
            &app,
            "203.0.113.40",
            "admin",
            if i % 2 == 0 {
                "wrong-one-1"
            } else {
                "wrong-two-2"
            },
        )
    }))
    .await;
    let (checked, limited) = statuses(&replies);
    // LOGIN_FREE_FAILURES = 5: five real checks at most, the rest 429 before any check.
    assert!((1..=5).contains(&checked), "{checked} checks");
    assert_eq!(checked + limited, 30);
    // Each real check is one counted failure and one audit entry.
    assert_eq!(
        count(&app, "SELECT COUNT(*) AS n FROM login_failures"),
        checked as i64
    );
    // Every attempt is audited: each real check as its failure, each one held back as a
    // failure with the reason `throttled` (written from the trail's queue, which may land
    // before or after the checks' entries). Wait (bounded, 10 s) for all of them, then judge
    // both numbers exactly.
    let audited = |throttled: bool| {
        count(
            &app,
            &format!(
                "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'login.failure' \
                 AND detail {} LIKE '%\"throttled\"%'",
                if throttled { "" } else { "NOT" }
            ),
        )
    };
    wait_for(|| audited(false) >= checked as i64 && audited(true) >= limited as i64).await;
    assert_eq!(audited(false), checked as i64);
    assert_eq!(audited(true), limited as i64);
    // The owner elsewhere is not held back.
    login_from(&app, "198.51.100.41", "admin", ADMIN_PASSWORD)
        .await
        .json(200);
}

#[tokio::test]
async fn thirty_parallel_wrong_client_secrets_get_at_most_the_allowance_of_failures() {
    let app = spawn_app_with(|c| c.http.trust_proxy = true).await;
    let admin = app.admin_token().await;
    let org = app.create_org(&admin, "police", "پلیس راهور موازی").await;
    let c = app
        .create_service_account(&admin, "police", &org, "سامانهٔ موازی")
        .await;
    let address = Some("203.0.113.42");
    let replies = join_all(
        (0..30).map(|_| app.client_token_basic_from(&c.client_id, "pps_wrong-secret", address)),
    )
    .await;
    let (refused, limited) = statuses(&replies);
    assert!((1..=5).contains(&refused), "{refused} failures");
    assert_eq!(refused + limited, 30);
    assert_eq!(
        count(&app, "SELECT COUNT(*) AS n FROM client_auth_failures"),
        refused as i64
    );
    // The right secret still works, from that address too.
    app.client_token_basic_from(&c.client_id, &c.secret, address)
        .await
        .json(200);
}

#[tokio::test]
async fn a_right_current_password_gives_its_reservation_back() {
    let app = spawn_app_with(|c| {
        c.http.trust_proxy = true;
        c.auth.login_free_failures = 2;
    })
    .await;
    let login = app.login_ok("admin", ADMIN_PASSWORD).await;
    // A refused new password with the right current one is not a failure.
    for _ in 0..3 {
        app.change_password(&login.access, ADMIN_PASSWORD, "Tehran1403!")
            .await
            .problem(422, "validation_failed");
    }
    assert_eq!(count(&app, "SELECT COUNT(*) AS n FROM login_failures"), 0);
    // A wrong current one is, and stays counted.
    app.change_password(
        &login.access,
        "wrong-current-1",
        "violet tractor mirrors over Sahand",
    )
    .await
    .problem(422, "validation_failed");
    assert_eq!(count(&app, "SELECT COUNT(*) AS n FROM login_failures"), 1);
}

// ---- row 5: IPv6 clients are counted per /64 ----------------------------------------------

#[tokio::test]
async fn three_addresses_of_one_ipv6_64_share_a_sign_in_budget() {
    let app = spawn_app_with(|c| c.http.trust_proxy = true).await;
    let same = ["2001:db8:7:1::1", "2001:db8:7:1::2", "2001:db8:7:1:ffff::3"];
    // Five free failures between the three addresses, then the /64 waits.
    for i in 0..5 {
        login_from(&app, same[i % 3], "admin", "wrong-password-9")
            .await
            .problem(401, "invalid_credentials");
    }
    for a in same {
        login_from(&app, a, "admin", "wrong-password-9")
            .await
            .problem(429, "rate_limited");
    }
    // Another /64 has its own budget.
    login_from(&app, "2001:db8:7:2::1", "admin", "wrong-password-9")
        .await
        .problem(401, "invalid_credentials");
    // The audit log keeps the full address: its two checked failures, and the attempt the
    // throttle held back (reason `throttled`, written from the trail's queue, so it may land
    // after the reply). Wait (bounded) for that one, then judge both numbers exactly.
    let audited = |throttled: bool| {
        count(
            &app,
            &format!(
                "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'login.failure' \
                 AND client_ip = '2001:db8:7:1::2' AND detail {} LIKE '%\"throttled\"%'",
                if throttled { "" } else { "NOT" }
            ),
        )
    };
    wait_for(|| audited(true) >= 1).await;
    assert_eq!(audited(false), 2);
    assert_eq!(audited(true), 1);
}

async fn track(app: &TestApp, address: &str) -> Reply {
    app.call(
        Method::GET,
        "/track/123456789010",
        None,
        None,
        &[("x-forwarded-for", address)],
    )
    .await
}

#[tokio::test]
async fn three_addresses_of_one_ipv6_64_share_a_look_up_budget() {
    let app = spawn_app_with(|c| {
        c.http.trust_proxy = true;
        c.http.public_rate_limit_per_minute = 3;
    })
    .await;
    track(&app, "2001:db8:9:1::a")
        .await
        .problem(404, "not_found");
    track(&app, "2001:db8:9:1::b")
        .await
        .problem(404, "not_found");
    track(&app, "2001:db8:9:1:1:2:3:4")
        .await
        .problem(404, "not_found");
    track(&app, "2001:db8:9:1::c")
        .await
        .problem(429, "rate_limited");
    track(&app, "2001:db8:9:2::a")
        .await
        .problem(404, "not_found");
    // With IPV6_PREFIX_LEN=128 every address counts alone.
    let app = spawn_app_with(|c| {
        c.http.trust_proxy = true;
        c.http.public_rate_limit_per_minute = 1;
        c.http.ipv6_prefix_len = 128;
    })
    .await;
    for a in ["2001:db8:9:1::a", "2001:db8:9:1::b"] {
        app.call(
            Method::GET,
            "/track/123456789010",
            None,
            None,
            &[("x-forwarded-for", a)],
        )
        .await
        .problem(404, "not_found");
    }
}

// ---- row 6: control characters in credentials ---------------------------------------------

#[tokio::test]
async fn control_characters_in_sign_in_fields_are_refused_throttled_and_audited() {
    let app = spawn_app_with(|c| c.http.trust_proxy = true).await;
    let a = "203.0.113.60";
    for (user, pw) in [
        ("ad\u{0}min", ADMIN_PASSWORD),
        ("admin", "admin-password-for-tests\u{0}"),
        ("admin\u{7}", "x"),
        ("\u{0}", "\u{0}\u{1b}[0m"),
        ("admin", "admin-password\u{85}-for-tests"),
    ] {
        login_from(&app, a, user, pw)
            .await
            .problem(401, "invalid_credentials");
    }
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'login.failure' AND client_ip = '203.0.113.60'"
        ),
        5
    );
    // Counted like other failures: the sixth for one account and address waits.
    for _ in 0..5 {
        login_from(&app, "203.0.113.63", "ad\u{0}min", "\u{0}")
            .await
            .problem(401, "invalid_credentials");
    }
    login_from(&app, "203.0.113.63", "ad\u{0}min", "\u{0}")
        .await
        .problem(429, "rate_limited");
    // The owner from another address is not held back.
    login_from(&app, "198.51.100.61", "admin", ADMIN_PASSWORD)
        .await
        .json(200);
}

#[tokio::test]
async fn control_characters_in_client_credentials_are_invalid_client_in_every_form() {
    let app = spawn_app_with(|c| {
        c.http.trust_proxy = true;
        c.auth.login_free_failures = 100;
    })
    .await;
    let admin = app.admin_token().await;
    let org = app.create_org(&admin, "police", "پلیس راهور نویسه").await;
    let c = app
        .create_service_account(&admin, "police", &org, "سامانهٔ نویسه")
        .await;
    let nul_id = format!("{}\u{0}", c.client_id);
    let nul_secret = format!("{}\u{0}", c.secret);
    // Form.
    for (id, secret) in [
        (nul_id.as_str(), c.secret.as_str()),
        (c.client_id.as_str(), nul_secret.as_str()),
        ("\u{0}", "\u{0}"),
    ] {
        app.client_token_form(&[
            ("grant_type", "client_credentials"),
            ("client_id", id),
            ("client_secret", secret),
        ])
        .await
        .problem(401, "invalid_client");
        // JSON.
        let body =
            json!({"grant_type": "client_credentials", "client_id": id, "client_secret": secret});
        app.call(Method::POST, "/auth/token", None, Some(&body), &[])
            .await
            .problem(401, "invalid_client");
        // HTTP Basic.
        app.client_token_basic(id, secret)
            .await
            .problem(401, "invalid_client");
    }
    // Each is a counted failure and an audit entry with the id made printable.
    assert_eq!(
        count(&app, "SELECT COUNT(*) AS n FROM client_auth_failures"),
        9
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'client.auth_failure'"
        ),
        9
    );
    // The client itself is unharmed.
    app.client_access_token(&c).await;
}

#[tokio::test]
async fn control_characters_in_client_credentials_are_throttled() {
    let app = spawn_app_with(|c| {
        c.http.trust_proxy = true;
        c.auth.login_free_failures = 2;
        c.auth.login_backoff_base_ms = 60_000;
    })
    .await;
    let a = Some("203.0.113.62");
    for _ in 0..2 {
        app.client_token_basic_from("pps_x\u{0}", "s\u{0}", a)
            .await
            .problem(401, "invalid_client");
    }
    app.client_token_basic_from("pps_x\u{0}", "s\u{0}", a)
        .await
        .problem(429, "rate_limited");
}

// ---- row 9: passwords ---------------------------------------------------------------------

#[tokio::test]
async fn passwords_made_of_the_service_s_words_are_refused() {
    let app = spawn_app().await;
    let login = app.login_ok("admin", ADMIN_PASSWORD).await;
    let admin = login.access.clone();
    let org = app.create_org(&admin, "agency", "سازمان سهند").await;
    for weak in [
        "platepermits1",
        "plate-permits-2024",
        "Tehran1403!",
        "Sahand2024!",
    ] {
        let body = app
            .change_password(&login.access, ADMIN_PASSWORD, weak)
            .await
            .problem(422, "validation_failed");
        assert_eq!(body["errors"][0]["field"], "new_password", "{weak}: {body}");
        assert_eq!(body["errors"][0]["code"], "password_weak", "{weak}: {body}");
        let user = json!({
            "username": "n.karimi",
            "full_name": "نرگس کریمی",
            "role": "agency",
            "organisation_id": org,
            "password": weak,
        });
        let body = app
            .post_as(&admin, "/users", &user)
            .await
            .problem(422, "validation_failed");
        assert_eq!(body["errors"][0]["field"], "password", "{weak}: {body}");
    }
    // A passphrase passes.
    app.change_password(
        &login.access,
        ADMIN_PASSWORD,
        "violet tractor mirrors over Sahand",
    )
    .await
    .json(204);
}

// ---- row 11: the SSRF guard's IPv4-translated range ---------------------------------------

#[tokio::test]
async fn an_ipv4_translated_loopback_webhook_is_refused() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    for url in [
        "http://[::ffff:0:127.0.0.1]/",
        "http://[::ffff:0:a9fe:a9fe]/latest/meta-data/",
        "http://[::ffff:0:10.0.0.1]/hook",
    ] {
        let body = json!({"url": url, "types": ["request.submitted"]});
        let problem = app
            .subscribe(&admin, &body)
            .await
            .problem(422, "validation_failed");
        assert_eq!(problem["errors"][0]["field"], "url", "{url}: {problem}");
        assert_eq!(
            problem["errors"][0]["code"], "destination_not_allowed",
            "{url}: {problem}"
        );
    }
}
