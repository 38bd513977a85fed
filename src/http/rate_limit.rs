//! In-memory rate limiting per client address for public look-ups, so tracking codes and
//! permit numbers cannot be enumerated. Each replica keeps its own counters (a fixed window
//! per minute); behind N replicas the effective limit is at most N times the setting.
//!
//! Every limited response, success or 429, says where the caller stands with the IETF
//! `RateLimit-Policy` and `RateLimit` headers (draft-ietf-httpapi-ratelimit-headers, structured
//! field form): `RateLimit-Policy: "track";q=60;w=60` (quota `q` per window of `w` seconds) and
//! `RateLimit: "track";r=59;t=42` (`r` units remaining, `t` seconds until the quota resets).

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::HttpResponse;

use crate::error::{ApiError, ApiResult};

pub const RATELIMIT_POLICY: &str = "ratelimit-policy";
pub const RATELIMIT: &str = "ratelimit";

/// Where a caller stands under one named quota policy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quota {
    /// Policy name, a structured-field string (letters, digits, `-`).
    pub policy: &'static str,
    /// Units allowed per window.
    pub quota: u64,
    /// Window length in seconds.
    pub window_secs: u64,
    /// Units left in the current window.
    pub remaining: u64,
    /// Seconds until the quota resets (a unit is regained).
    pub reset_secs: u64,
}

impl Quota {
    /// The `RateLimit-Policy` list item, e.g. `"track";q=60;w=60`.
    pub fn policy_item(&self) -> String {
        format!(
            "\"{}\";q={};w={}",
            self.policy, self.quota, self.window_secs
        )
    }

    /// The `RateLimit` list item, e.g. `"track";r=59;t=42`.
    pub fn limit_item(&self) -> String {
        format!(
            "\"{}\";r={};t={}",
            self.policy, self.remaining, self.reset_secs
        )
    }
}

/// The two header values for a set of policies (structured-field lists).
pub fn header_values(quotas: &[Quota]) -> (String, String) {
    let join = |f: fn(&Quota) -> String| quotas.iter().map(f).collect::<Vec<_>>().join(", ");
    (join(Quota::policy_item), join(Quota::limit_item))
}

/// Puts the `RateLimit-Policy` and `RateLimit` headers on a handler's answer: on the response
/// when it succeeded, on the problem (rendered later, headers kept) when it failed.
pub fn with_quota_headers(
    quotas: &[Quota],
    result: ApiResult<HttpResponse>,
) -> ApiResult<HttpResponse> {
    if quotas.is_empty() {
        return result;
    }
    let (policy, limit) = header_values(quotas);
    match result {
        Ok(mut res) => {
            let headers = res.headers_mut();
            for (name, value) in [(RATELIMIT_POLICY, policy), (RATELIMIT, limit)] {
                if let Ok(v) = HeaderValue::from_str(&value) {
                    headers.insert(HeaderName::from_static(name), v);
                }
            }
            Ok(res)
        }
        Err(e) => Err(error_with_quota(e, quotas)),
    }
}

/// Adds the `RateLimit-Policy` and `RateLimit` headers to a problem, unless it has them already
/// (a 429 keeps the standing it was refused with, which matches its `Retry-After`).
pub fn error_with_quota(e: ApiError, quotas: &[Quota]) -> ApiError {
    if quotas.is_empty() || e.has_header(&HeaderName::from_static(RATELIMIT)) {
        return e;
    }
    let (policy, limit) = header_values(quotas);
    e.with_header(HeaderName::from_static(RATELIMIT_POLICY), policy)
        .with_header(HeaderName::from_static(RATELIMIT), limit)
}

pub struct RateLimiter {
    per_window: u32,
    window: Duration,
    state: Mutex<HashMap<String, (Instant, u32)>>,
}

impl RateLimiter {
    pub fn per_minute(per_minute: u32) -> Self {
        RateLimiter {
            per_window: per_minute.max(1),
            window: Duration::from_secs(60),
            state: Mutex::new(HashMap::new()),
        }
    }

    /// Counts one call for `key` under the policy named `policy` (the key should include the
    /// policy's name so policies do not share counters). The caller's standing after this call,
    /// or 429 with `Retry-After` and the RateLimit headers past the limit.
    pub fn check(&self, policy: &'static str, key: &str) -> Result<Quota, ApiError> {
        let now = Instant::now();
        let mut map = match self.state.lock() {
            Ok(m) => m,
            Err(poisoned) => poisoned.into_inner(),
        };
        if map.len() > 100_000 {
            let window = self.window;
            map.retain(|_, (start, _)| now.duration_since(*start) < window);
        }
        let entry = map.entry(key.to_owned()).or_insert((now, 0));
        if now.duration_since(entry.0) >= self.window {
            *entry = (now, 0);
        }
        // Whole seconds, rounded up, so a caller waiting `t` seconds finds a fresh window.
        let left = self.window.saturating_sub(now.duration_since(entry.0));
        let reset_secs = (left.as_millis().div_ceil(1000) as u64).max(1);
        let mut quota = Quota {
            policy,
            quota: u64::from(self.per_window),
            window_secs: self.window.as_secs(),
            remaining: 0,
            reset_secs,
        };
        if entry.1 >= self.per_window {
            let e = ApiError::rate_limited(reset_secs);
            return Err(error_with_quota(e, &[quota]));
        }
        entry.1 += 1;
        quota.remaining = u64::from(self.per_window - entry.1);
        Ok(quota)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_per_key() {
        let l = RateLimiter::per_minute(3);
        for left in [2, 1, 0] {
            let q = l.check("p", "a").unwrap();
            assert_eq!(q.remaining, left);
            assert_eq!((q.quota, q.window_secs), (3, 60));
            assert!((1..=60).contains(&q.reset_secs));
        }
        let err = l.check("p", "a").unwrap_err();
        assert_eq!(err.status().as_u16(), 429);
        assert!(l.check("p", "b").is_ok());
    }

    #[test]
    fn header_items_are_structured_fields() {
        let q = Quota {
            policy: "track",
            quota: 60,
            window_secs: 60,
            remaining: 59,
            reset_secs: 42,
        };
        let (policy, limit) = header_values(&[q.clone(), Quota { policy: "b", ..q }]);
        assert_eq!(policy, "\"track\";q=60;w=60, \"b\";q=60;w=60");
        assert_eq!(limit, "\"track\";r=59;t=42, \"b\";r=59;t=42");
    }
}
