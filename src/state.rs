//! Shared application state handed to every handler: the database, configuration, clock,
//! token keys and the HTTP mechanisms. A resource's own state (the document store, the notice
//! cache, the webhook keys and client) is registered beside it by the composition root in
//! `startup.rs`, so this module knows no resource.

use std::sync::Arc;

use actix_web::{web, HttpResponse};

use crate::auth::jwt::TokenKeys;
use crate::clock::Clock;
use crate::config::Config;
use crate::db::{self, Backend, DbConnection, Pool};
use crate::error::ApiResult;
use crate::http::idempotency::{self, Call, Recorded};

#[derive(Clone)]
pub struct AppState {
    pub pool: Pool,
    pub backend: Backend,
    pub config: Arc<Config>,
    /// "Now" and the service-local day (from `config`).
    pub clock: Clock,
    pub tokens: TokenKeys,
    /// Per-address limit on public look-ups.
    pub public_limiter: Arc<crate::http::rate_limit::RateLimiter>,
    /// HTTP request counts and latencies for `GET /metrics`.
    pub metrics: Arc<crate::http::metrics::HttpMetrics>,
}

impl AppState {
    /// Runs `f` with a pooled connection on the blocking thread pool (diesel is synchronous).
    pub async fn db<T, F>(&self, f: F) -> ApiResult<T>
    where
        F: FnOnce(&mut DbConnection) -> ApiResult<T> + Send + 'static,
        T: Send + 'static,
    {
        let pool = self.pool.clone();
        web::block(move || {
            let mut conn = pool.get()?;
            f(&mut conn)
        })
        .await?
    }

    /// Runs `op` in one write transaction under the call's idempotency key (see
    /// [`idempotency::run`]): the response is recorded with the change, or replayed.
    pub async fn idempotent<F>(&self, call: Call, op: F) -> ApiResult<HttpResponse>
    where
        F: FnOnce(&mut DbConnection) -> ApiResult<Recorded> + Send + 'static,
    {
        let clock = self.clock;
        let recorded = self
            .db(move |conn| idempotency::run(conn, &call, clock.now(), op))
            .await?;
        Ok(recorded.into_response())
    }

    /// Runs `f` inside one write transaction (see [`db::write_tx`]); any error rolls it back.
    pub async fn tx<T, F>(&self, f: F) -> ApiResult<T>
    where
        F: FnOnce(&mut DbConnection) -> ApiResult<T> + Send + 'static,
        T: Send + 'static,
    {
        let pool = self.pool.clone();
        web::block(move || {
            let mut conn = pool.get()?;
            db::write_tx(&mut conn, f)
        })
        .await?
    }
}
