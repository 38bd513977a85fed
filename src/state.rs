//! Shared application state handed to every handler.

use std::sync::Arc;

use actix_web::web;

use crate::auth::jwt::TokenKeys;
use crate::config::Config;
use crate::db::{self, Backend, DbConnection, Pool};
use crate::error::ApiResult;

#[derive(Clone)]
pub struct AppState {
    pub pool: Pool,
    pub backend: Backend,
    pub config: Arc<Config>,
    pub tokens: TokenKeys,
    /// Per-address limit on public look-ups.
    pub public_limiter: Arc<crate::http::rate_limit::RateLimiter>,
    /// Where document bytes live.
    pub blobs: Arc<dyn crate::documents::storage::BlobStore>,
    /// Cached read-only windows (see `notices::guard`).
    pub notice_cache: Arc<crate::notices::guard::NoticeCache>,
    /// Encrypts webhook secrets at rest.
    pub secrets: crate::webhooks::crypto::SecretBox,
    /// Outgoing HTTP for webhook deliveries: no redirects, short timeouts.
    pub http: reqwest::Client,
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
