//! Shared application state handed to every handler: the database, configuration, clock and
//! the HTTP mechanisms. A resource's own state (the token keys, the document store, the notice
//! cache, the webhook keys and client) is registered beside it by the composition root in
//! `startup.rs`, so this module knows no resource.

use std::sync::Arc;

use actix_web::{web, HttpResponse};

use crate::clock::Clock;
use crate::config::Config;
use crate::db::decisions::{Decisions, Scope};
use crate::db::standby::Standby;
use crate::db::statements::{self, Counting};
use crate::db::writer::Writer;
use crate::db::{self, Backend, DbConnection, Pool};
use crate::error::{ApiError, ApiResult};
use crate::http::gate;
use crate::http::idempotency::{self, Call, Recorded};

#[derive(Clone)]
pub struct AppState {
    /// Connections for reads (and, on PostgreSQL, for writes).
    pub pool: Pool,
    /// SQLite's one writer (see [`db::writer`]); `None` on PostgreSQL.
    pub writer: Option<Writer>,
    pub backend: Backend,
    pub config: Arc<Config>,
    /// "Now" and the service-local day (from `config`).
    pub clock: Clock,
    /// Per-address limit on public look-ups.
    pub public_limiter: Arc<crate::http::rate_limit::RateLimiter>,
    /// HTTP request counts and latencies for `GET /metrics`.
    pub metrics: Arc<crate::http::metrics::HttpMetrics>,
    /// The `DATABASE_READ_URL` standby, when configured (see [`AppState::read`]).
    pub standby: Option<Arc<Standby>>,
    /// Decisions answered from memory (the session check, the calendar's version), see
    /// [`db::decisions`]; current during every database call made through this state.
    pub decisions: Arc<Decisions>,
}

/// `f`, preceded by the current request's deferred check (the session's) when one is pending
/// (see [`gate`]): one blocking call does both, on one connection.
/// The state's [`Decisions`] are current on the thread for the call, and its statements count
/// toward the current request's ([`statements`]).
fn gated<T, F>(
    decisions: &Arc<Decisions>,
    f: F,
) -> impl FnOnce(&mut DbConnection) -> ApiResult<T> + Send + 'static
where
    F: FnOnce(&mut DbConnection) -> ApiResult<T> + Send + 'static,
{
    let pending = gate::pending();
    let tally = statements::current_request();
    let decisions = decisions.clone();
    move |conn| {
        let _counting = Counting::enter(tally);
        let _scope = Scope::enter(&decisions);
        if let Some(check) = &pending {
            check.check(conn)?;
        }
        f(conn)
    }
}

impl AppState {
    /// Runs `f` (which reads) with a pooled connection on the blocking thread pool (diesel is
    /// synchronous).
    pub async fn db<T, F>(&self, f: F) -> ApiResult<T>
    where
        F: FnOnce(&mut DbConnection) -> ApiResult<T> + Send + 'static,
        T: Send + 'static,
    {
        on_pool(self.pool.clone(), gated(&self.decisions, f), |outcome| {
            outcome
        })
        .await
    }

    /// Runs `f` (which reads, and may see data up to `DATABASE_READ_MAX_LAG_SECS` old) on the
    /// `DATABASE_READ_URL` standby while it is that current, else as [`db`](Self::db) does. The
    /// session check stays on the primary, so a sign-out or a disabled account takes effect
    /// at once whatever the standby's lag. For the SLA report and the lists only.
    pub async fn read<T, F>(&self, f: F) -> ApiResult<T>
    where
        F: FnOnce(&mut DbConnection) -> ApiResult<T> + Send + 'static,
        T: Send + 'static,
    {
        let Some(standby) = self.standby.clone().filter(|s| s.usable()) else {
            return self.db(f).await;
        };
        if let Some(check) = gate::pending() {
            let d = self.decisions.clone();
            on_pool(
                self.pool.clone(),
                move |c| {
                    let _scope = Scope::enter(&d);
                    check.check(c)
                },
                |o| o,
            )
            .await?;
        }
        let primary = self.pool.clone();
        let tally = statements::current_request();
        web::block(move || {
            let _counting = Counting::enter(tally);
            match standby.pool.get() {
                Ok(mut c) => f(&mut c),
                Err(_) => {
                    standby.mark_unreachable();
                    primary
                        .get()
                        .map_err(ApiError::from)
                        .and_then(|mut c| f(&mut c))
                }
            }
        })
        .await?
    }

    /// Runs `f`, which writes and opens its own transactions ([`db::write_tx`]): on SQLite
    /// through the one writer, on PostgreSQL with a pooled connection.
    pub async fn write<T, F>(&self, f: F) -> ApiResult<T>
    where
        F: FnOnce(&mut DbConnection) -> ApiResult<T> + Send + 'static,
        T: Send + 'static,
    {
        self.write_then(f, |outcome| outcome).await
    }

    /// Runs `f` in one write transaction and then `after` with its outcome, on the same
    /// thread, even if the caller has gone away (persisting an upload once its row committed).
    pub async fn tx_then<T, F, A>(&self, f: F, after: A) -> ApiResult<T>
    where
        F: FnOnce(&mut DbConnection) -> ApiResult<T> + Send + 'static,
        A: FnOnce(ApiResult<T>) -> ApiResult<T> + Send + 'static,
        T: Send + 'static,
    {
        self.write_then(move |conn| db::write_tx(conn, f), after)
            .await
    }

    /// [`write`](Self::write), then `after` with the outcome on the thread that ran it.
    async fn write_then<T, F, A>(&self, f: F, after: A) -> ApiResult<T>
    where
        F: FnOnce(&mut DbConnection) -> ApiResult<T> + Send + 'static,
        A: FnOnce(ApiResult<T>) -> ApiResult<T> + Send + 'static,
        T: Send + 'static,
    {
        let f = gated(&self.decisions, f);
        match &self.writer {
            Some(writer) => writer.run_then(f, after).await,
            None => on_pool(self.pool.clone(), f, after).await,
        }
    }

    /// Runs `op` in one write transaction under the call's idempotency key (see
    /// [`idempotency::run`]): the response is recorded with the change, or replayed.
    pub async fn idempotent<F>(&self, call: Call, op: F) -> ApiResult<HttpResponse>
    where
        F: FnOnce(&mut DbConnection) -> ApiResult<Recorded> + Send + 'static,
    {
        let clock = self.clock;
        let recorded = self
            .write(move |conn| idempotency::run(conn, &call, clock.now(), op))
            .await?;
        Ok(recorded.into_response())
    }

    /// Runs `f` inside one write transaction (see [`db::write_tx`]); any error rolls it back.
    pub async fn tx<T, F>(&self, f: F) -> ApiResult<T>
    where
        F: FnOnce(&mut DbConnection) -> ApiResult<T> + Send + 'static,
        T: Send + 'static,
    {
        self.write(move |conn| db::write_tx(conn, f)).await
    }
}

/// Runs `f` with a connection from `pool` on the blocking thread pool, then `after` with its
/// outcome on the same thread. The check-out (PostgreSQL's ping) counts toward the current
/// request's statements too.
async fn on_pool<T, F, A>(pool: Pool, f: F, after: A) -> ApiResult<T>
where
    F: FnOnce(&mut DbConnection) -> ApiResult<T> + Send + 'static,
    A: FnOnce(ApiResult<T>) -> ApiResult<T> + Send + 'static,
    T: Send + 'static,
{
    let tally = statements::current_request();
    web::block(move || {
        let _counting = Counting::enter(tally);
        after(
            pool.get()
                .map_err(ApiError::from)
                .and_then(|mut c| f(&mut c).map_err(|e| db::reclassify_failure(&mut c, e))),
        )
    })
    .await?
}
