//! What stands in front of `GET /reports/sla`, a heavy computation over every request in a
//! range: a per-user rate limit, a cache per range, and a bound on computations at once.
//!
//! - **Cache.** One answer per (`from`, `to`, `organisation_id`) — the roles that may read the
//!   report (directorate, admin) all see the whole service, so the caller's scope adds nothing
//!   to the key. An answer is served again while the data it was computed from is unchanged, as
//!   told by a [`Fingerprint`] read from the database on every call (cheap: the newest event id,
//!   the newest SLA computation instant, the feedback count). Every filing and status change
//!   writes an event and recomputes the request's SLA row in its transaction, an SLA recompute
//!   (calendar, rules) rewrites the rows, and feedback adds a row: each moves the fingerprint,
//!   on this replica or any other (the fingerprint is in the database, not in memory). Because
//!   "overdue now" moves with the clock alone, an answer is also served for at most
//!   `SLA_REPORT_CACHE_SECS` (default 60) after it was computed; its `generated_at` says when.
//!   An organisation's renamed name may show the old name for that long.
//! - **Bound.** At most `SLA_REPORT_CONCURRENCY` (default 2) computations at once per replica;
//!   the others wait for a slot, and find the cache filled when the one before computed the
//!   same range. Waiting and computing together may take `SLA_REPORT_TIMEOUT_SECS` (default
//!   30); past it the answer is 503 `service_unavailable` with `Retry-After`. A computation
//!   past the timeout runs to its end holding its slot (a database call cannot be cut short),
//!   so the bound holds, and its answer fills the cache.
//! - **Rate limit.** `SLA_REPORT_RATE_PER_MINUTE` (default 30) calls per user per minute per
//!   replica, cached answers included; past it 429 with `Retry-After`; every answer carries the
//!   `RateLimit-Policy`/`RateLimit` headers (policy `sla-report`).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{NaiveDate, NaiveDateTime, TimeDelta};
use diesel::dsl::max;
use diesel::prelude::*;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::config::Config;
use crate::db::schema::{events, feedback, request_sla};
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::http::rate_limit::RateLimiter;
use crate::i18n::Msg;
use crate::sla::model::ReportQuery;
use crate::sla::views::SlaReport;

/// The rate-limit policy's name in the `RateLimit` headers.
pub const POLICY: &str = "sla-report";

/// At most this many ranges are cached; past it the cache starts afresh.
const CACHE_CAP: usize = 256;

/// What the report depends on, as the database tells it now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fingerprint {
    newest_event: Option<String>,
    newest_sla: Option<NaiveDateTime>,
    feedback: i64,
}

impl Fingerprint {
    /// Three index look-ups (the events' primary key, `request_sla_computed_at_idx`, the
    /// feedback's primary key).
    pub fn read(conn: &mut DbConnection) -> ApiResult<Self> {
        Ok(Fingerprint {
            newest_event: events::table.select(max(events::id)).first(conn)?,
            newest_sla: request_sla::table
                .select(max(request_sla::computed_at))
                .first(conn)?,
            feedback: feedback::table.count().get_result(conn)?,
        })
    }
}

/// The cache key: the report's range and agency.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    organisation_id: Option<String>,
}

impl Key {
    pub fn of(q: &ReportQuery) -> Self {
        Key {
            from: q.from,
            to: q.to,
            organisation_id: q.organisation_id.clone(),
        }
    }
}

struct Cached {
    fingerprint: Fingerprint,
    computed_at: NaiveDateTime,
    report: Arc<SlaReport>,
}

/// The report's cache, slots and rate limiter (one per replica, shared by its workers).
pub struct ReportGate {
    cache: Mutex<HashMap<Key, Cached>>,
    slots: Arc<Semaphore>,
    timeout: Duration,
    ttl: TimeDelta,
    pub limiter: RateLimiter,
}

impl ReportGate {
    pub fn from_config(config: &Config) -> Self {
        ReportGate::new(
            config.sla.report_concurrency,
            Duration::from_secs(config.sla.report_timeout_secs),
            config.sla.report_cache_secs,
            config.sla.report_rate_per_minute,
        )
    }

    pub fn new(concurrency: u32, timeout: Duration, cache_secs: u64, per_minute: u32) -> Self {
        ReportGate {
            cache: Mutex::new(HashMap::new()),
            slots: Arc::new(Semaphore::new(concurrency.max(1) as usize)),
            timeout,
            ttl: TimeDelta::seconds(i64::try_from(cache_secs).unwrap_or(i64::MAX / 1000)),
            limiter: RateLimiter::per_minute(per_minute),
        }
    }

    /// The cached answer for `key`, if computed from data with this `fingerprint` less than
    /// `SLA_REPORT_CACHE_SECS` before `now`.
    pub fn cached(
        &self,
        key: &Key,
        fingerprint: &Fingerprint,
        now: NaiveDateTime,
    ) -> Option<Arc<SlaReport>> {
        let cache = self.cache.lock().ok()?;
        let c = cache.get(key)?;
        (c.fingerprint == *fingerprint && now - c.computed_at < self.ttl && now >= c.computed_at)
            .then(|| c.report.clone())
    }

    /// Keeps `report`, computed at `now` from data with `fingerprint`.
    pub fn keep(
        &self,
        key: Key,
        fingerprint: Fingerprint,
        now: NaiveDateTime,
        report: Arc<SlaReport>,
    ) {
        if self.ttl <= TimeDelta::zero() {
            return;
        }
        if let Ok(mut cache) = self.cache.lock() {
            if cache.len() >= CACHE_CAP && !cache.contains_key(&key) {
                cache.clear();
            }
            cache.insert(
                key,
                Cached {
                    fingerprint,
                    computed_at: now,
                    report,
                },
            );
        }
    }

    /// Runs `work` holding one of the computation slots, the wait and the work together within
    /// the timeout; 503 with `Retry-After` past it. `work` gets the slot and must keep it until
    /// its computation ends (move it into the database call), so that a computation outliving
    /// the timeout still counts against the bound.
    pub async fn bounded<T, F, Fut>(&self, work: F) -> ApiResult<T>
    where
        F: FnOnce(OwnedSemaphorePermit) -> Fut,
        Fut: std::future::Future<Output = ApiResult<T>>,
    {
        let slots = self.slots.clone();
        let run = async move {
            let slot = slots
                .acquire_owned()
                .await
                .map_err(|_| ApiError::internal("report slots closed"))?;
            work(slot).await
        };
        match tokio::time::timeout(self.timeout, run).await {
            Ok(answer) => answer,
            Err(_) => Err(busy(self.timeout.as_secs().clamp(1, 60))),
        }
    }
}

/// 503: the report could not be computed within `SLA_REPORT_TIMEOUT_SECS`.
fn busy(retry_after_secs: u64) -> ApiError {
    ApiError::new(
        ErrorCode::ServiceUnavailable,
        Msg::new(
            format!(
                "گزارش سطح خدمت اکنون در حال محاسبه برای درخواست‌های دیگر است؛ {} ثانیهٔ دیگر تلاش کنید.",
                crate::domain::text::persian_digits(&retry_after_secs.to_string())
            ),
            format!(
                "The service-level report is being computed for other callers; retry in {retry_after_secs} seconds."
            ),
        ),
    )
    .with_extension("retry_after", retry_after_secs)
    .with_header(
        actix_web::http::header::RETRY_AFTER,
        retry_after_secs.to_string(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn past_the_bound_a_caller_waits_then_gets_503_with_retry_after() {
        let gate = ReportGate::new(1, Duration::from_millis(200), 60, 10);
        let held = gate.slots.clone().acquire_owned().await.unwrap();
        let refused = gate.bounded(|_slot| async { Ok(1) }).await.unwrap_err();
        assert_eq!(
            actix_web::ResponseError::status_code(&refused).as_u16(),
            503
        );
        assert!(refused.has_header(&actix_web::http::header::RETRY_AFTER));
        drop(held);
        assert_eq!(gate.bounded(|_slot| async { Ok(2) }).await.unwrap(), 2);
    }

    #[tokio::test]
    async fn at_most_n_computations_run_at_once() {
        let gate = Arc::new(ReportGate::new(2, Duration::from_secs(5), 60, 10));
        let running = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let peak = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let mut tasks = Vec::new();
        for _ in 0..8 {
            let (gate, running, peak) = (gate.clone(), running.clone(), peak.clone());
            tasks.push(tokio::spawn(async move {
                gate.bounded(|slot| async move {
                    let _slot = slot;
                    use std::sync::atomic::Ordering::SeqCst;
                    let now = running.fetch_add(1, SeqCst) + 1;
                    peak.fetch_max(now, SeqCst);
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    running.fetch_sub(1, SeqCst);
                    Ok(())
                })
                .await
            }));
        }
        for t in tasks {
            t.await.unwrap().unwrap();
        }
        assert_eq!(peak.load(std::sync::atomic::Ordering::SeqCst), 2);
    }
}
