//! In-memory rate limiting per client address for public look-ups, so tracking codes and
//! permit numbers cannot be enumerated. Each replica keeps its own counters (a fixed window
//! per minute); behind N replicas the effective limit is at most N times the setting.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::error::ApiError;

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

    /// Counts one call for `key`; 429 with `Retry-After` past the limit.
    pub fn check(&self, key: &str) -> Result<(), ApiError> {
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
        if entry.1 >= self.per_window {
            let retry = self
                .window
                .saturating_sub(now.duration_since(entry.0))
                .as_secs()
                .max(1);
            return Err(ApiError::rate_limited(retry));
        }
        entry.1 += 1;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_per_key() {
        let l = RateLimiter::per_minute(3);
        for _ in 0..3 {
            assert!(l.check("a").is_ok());
        }
        let err = l.check("a").unwrap_err();
        assert_eq!(err.status().as_u16(), 429);
        assert!(l.check("b").is_ok());
    }
}
