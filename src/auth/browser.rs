//! Browser sessions: the refresh token in a cookie no script can read.
//!
//! A web page that keeps a refresh token where its scripts can read it loses the session to
//! any script injected into it. With `token_delivery: "cookie"` at sign-in, the refresh token
//! goes instead into an `HttpOnly; Secure; SameSite=Strict` cookie (`pp_refresh`) scoped to the
//! two paths that read it, `/api/v1/auth/refresh` and `/api/v1/auth/logout`; the access token
//! stays in the answer's body, for the page to keep in memory.
//!
//! A cookie is sent by the browser whoever asks, so the calls it authenticates are guarded
//! against cross-site requests twice: `SameSite=Strict` keeps other sites' pages from sending
//! it at all, and the double-submit token: a second cookie, `pp_csrf` (readable by the page,
//! `Path=/`), whose value the page copies into the `X-CSRF-Token` header. Another site can
//! neither read that cookie nor set the header. When the browser names the calling page's
//! `Origin`, it must also be this service's own host or an allowed CORS origin.

use actix_web::cookie::{time::Duration, Cookie, SameSite};
use actix_web::{HttpRequest, HttpResponseBuilder};
use rand::RngCore;
use serde::Deserialize;
use subtle::ConstantTimeEq;
use utoipa::ToSchema;

use crate::config::Config;
use crate::error::{ApiError, ApiResult};

/// The refresh token's cookie (HttpOnly).
pub const REFRESH_COOKIE: &str = "pp_refresh";
/// The double-submit token's cookie (readable by the page).
pub const CSRF_COOKIE: &str = "pp_csrf";
/// The header the page copies the double-submit token into.
pub const CSRF_HEADER: &str = "X-CSRF-Token";
/// The paths the refresh cookie is sent to: exactly the two calls that read it.
const REFRESH_COOKIE_PATHS: [&str; 2] = ["/api/v1/auth/refresh", "/api/v1/auth/logout"];

/// Where the sign-in's refresh token goes.
#[derive(Deserialize, ToSchema, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum TokenDelivery {
    /// In the answer's body (`refresh_token`): for apps and integrations.
    #[default]
    Body,
    /// In an `HttpOnly` cookie, with a `pp_csrf` double-submit cookie: for the web console
    /// and other pages in a browser.
    Cookie,
}

/// Sets the session cookies on an answer: the refresh token (on each of its paths) and a
/// fresh double-submit token, both living as long as the refresh token.
pub fn set_session_cookies(answer: &mut HttpResponseBuilder, refresh_token: &str, ttl_secs: u64) {
    let max_age = Duration::seconds(i64::try_from(ttl_secs).unwrap_or(i64::MAX));
    for path in REFRESH_COOKIE_PATHS {
        answer.cookie(
            Cookie::build(REFRESH_COOKIE, refresh_token.to_owned())
                .path(path)
                .http_only(true)
                .secure(true)
                .same_site(SameSite::Strict)
                .max_age(max_age)
                .finish(),
        );
    }
    answer.cookie(
        Cookie::build(CSRF_COOKIE, new_csrf_token())
            .path("/")
            .secure(true)
            .same_site(SameSite::Strict)
            .max_age(max_age)
            .finish(),
    );
}

/// Clears the session cookies (sign-out, or a refresh that failed).
pub fn clear_session_cookies(answer: &mut HttpResponseBuilder) {
    for path in REFRESH_COOKIE_PATHS {
        answer.cookie(expired(REFRESH_COOKIE, path, true));
    }
    answer.cookie(expired(CSRF_COOKIE, "/", false));
}

fn expired(name: &'static str, path: &'static str, http_only: bool) -> Cookie<'static> {
    let mut c = Cookie::build(name, "")
        .path(path)
        .http_only(http_only)
        .secure(true)
        .same_site(SameSite::Strict)
        .finish();
    c.make_removal();
    c
}

fn new_csrf_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// The refresh token a cookie-authenticated call carries, once the call has shown it comes
/// from the service's own page: `X-CSRF-Token` equal to the `pp_csrf` cookie, and an `Origin`
/// (when the browser sends one) that is this service's host or an allowed CORS origin.
/// No refresh cookie is 401 `invalid_token`; a failed guard is 403 `csrf_failed`.
pub fn refresh_token_from_cookie(req: &HttpRequest, config: &Config) -> ApiResult<String> {
    let token = req
        .cookie(REFRESH_COOKIE)
        .map(|c| c.value().to_owned())
        .filter(|v| !v.is_empty())
        .ok_or_else(ApiError::invalid_token)?;
    let cookie = req.cookie(CSRF_COOKIE).map(|c| c.value().to_owned());
    let header = req
        .headers()
        .get(CSRF_HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let matches = match (cookie, header) {
        (Some(c), Some(h)) if !c.is_empty() => bool::from(c.as_bytes().ct_eq(h.as_bytes())),
        _ => false,
    };
    if !matches || !same_origin(req, config) {
        return Err(ApiError::csrf_failed());
    }
    Ok(token)
}

/// True when the request names no `Origin`, or names this service's own host (scheme aside:
/// a TLS-terminating proxy in front changes it), or an allowed CORS origin.
fn same_origin(req: &HttpRequest, config: &Config) -> bool {
    let Some(origin) = req
        .headers()
        .get(actix_web::http::header::ORIGIN)
        .and_then(|v| v.to_str().ok())
    else {
        return true;
    };
    let origin = origin.trim_end_matches('/');
    if config
        .http
        .cors_allowed_origins
        .0
        .iter()
        .any(|allowed| allowed != "*" && allowed == origin)
    {
        return true;
    }
    let host = origin.split_once("://").map(|(_, rest)| rest);
    host.is_some_and(|h| h.eq_ignore_ascii_case(req.connection_info().host()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::test::TestRequest;

    fn config() -> Config {
        Config::defaults()
    }

    #[test]
    fn the_guard_wants_the_header_to_match_the_cookie() {
        let c = config();
        let ok = TestRequest::default()
            .cookie(Cookie::new(REFRESH_COOKIE, "r"))
            .cookie(Cookie::new(CSRF_COOKIE, "abc"))
            .insert_header((CSRF_HEADER, "abc"))
            .to_http_request();
        assert_eq!(
            refresh_token_from_cookie(&ok, &c).ok().as_deref(),
            Some("r")
        );
        let wrong = TestRequest::default()
            .cookie(Cookie::new(REFRESH_COOKIE, "r"))
            .cookie(Cookie::new(CSRF_COOKIE, "abc"))
            .insert_header((CSRF_HEADER, "abd"))
            .to_http_request();
        assert!(refresh_token_from_cookie(&wrong, &c).is_err());
        let missing = TestRequest::default()
            .cookie(Cookie::new(REFRESH_COOKIE, "r"))
            .to_http_request();
        assert!(refresh_token_from_cookie(&missing, &c).is_err());
    }

    #[test]
    fn another_origin_is_refused_even_with_the_token() {
        let c = config();
        let req = TestRequest::default()
            .insert_header(("host", "127.0.0.1:8080"))
            .insert_header(("origin", "https://evil.example"))
            .cookie(Cookie::new(REFRESH_COOKIE, "r"))
            .cookie(Cookie::new(CSRF_COOKIE, "abc"))
            .insert_header((CSRF_HEADER, "abc"))
            .to_http_request();
        assert!(refresh_token_from_cookie(&req, &c).is_err());
        let own = TestRequest::default()
            .insert_header(("host", "127.0.0.1:8080"))
            .insert_header(("origin", "http://127.0.0.1:8080"))
            .cookie(Cookie::new(REFRESH_COOKIE, "r"))
            .cookie(Cookie::new(CSRF_COOKIE, "abc"))
            .insert_header((CSRF_HEADER, "abc"))
            .to_http_request();
        assert!(refresh_token_from_cookie(&own, &c).is_ok());
    }
}
