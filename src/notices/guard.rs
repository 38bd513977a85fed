//! The read-only window: while a notice with `read_only: true` is active, every state-changing
//! call under `/api/v1` except `/auth/*` and administrators' calls answers 503 `maintenance`
//! with `Retry-After` (seconds to the window's end) and the notice. Reads keep working.
//!
//! One middleware, not a line in every handler. Windows are cached for a few seconds (so a
//! write does not cost a query) and evaluated against the clock on every call, so a window
//! starts and ends on time without a restart; this replica's own notice changes drop the cache
//! at once, other replicas' are seen within the refresh interval.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, AUTHORIZATION};
use actix_web::http::Method;
use actix_web::middleware::Next;
use actix_web::web;

use crate::auth::jwt::TokenKeys;
use crate::domain::identity::Role;
use crate::error::{ApiError, ErrorCode};
use crate::i18n::Msg;
use crate::notices::model::NoticeRow;
use crate::notices::store;
use crate::notices::views::Notice;
use crate::state::AppState;

const REFRESH: Duration = Duration::from_secs(3);

#[derive(Default)]
pub struct NoticeCache {
    inner: Mutex<Option<(Instant, Vec<NoticeRow>)>>,
}

impl NoticeCache {
    pub fn invalidate(&self) {
        if let Ok(mut g) = self.inner.lock() {
            *g = None;
        }
    }

    fn fresh(&self) -> Option<Vec<NoticeRow>> {
        let g = self.inner.lock().ok()?;
        match &*g {
            Some((at, rows)) if at.elapsed() < REFRESH => Some(rows.clone()),
            _ => None,
        }
    }

    fn store(&self, rows: Vec<NoticeRow>) {
        if let Ok(mut g) = self.inner.lock() {
            *g = Some((Instant::now(), rows));
        }
    }
}

async fn windows(state: &AppState, cache: &NoticeCache) -> Result<Vec<NoticeRow>, ApiError> {
    if let Some(rows) = cache.fresh() {
        return Ok(rows);
    }
    let at = state.clock.now();
    let rows = state
        .db(move |conn| store::read_only_windows(conn, at))
        .await?;
    cache.store(rows.clone());
    Ok(rows)
}

fn is_write(m: &Method) -> bool {
    matches!(
        *m,
        Method::POST | Method::PUT | Method::PATCH | Method::DELETE
    )
}

fn caller_is_admin(req: &ServiceRequest, state: &AppState) -> bool {
    let keys = req.app_data::<web::Data<TokenKeys>>();
    req.headers()
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            v.strip_prefix("Bearer ")
                .or_else(|| v.strip_prefix("bearer "))
        })
        .and_then(|t| keys?.verify(t.trim(), state.clock.now()))
        .is_some_and(|c| c.role == Role::Admin)
}

pub async fn read_only_guard(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let path = req.path();
    let guarded = is_write(req.method())
        && path.starts_with("/api/v1/")
        && !path.starts_with("/api/v1/auth/");
    if guarded {
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let cache = req.app_data::<web::Data<NoticeCache>>().cloned();
        if let (Some(state), Some(cache)) = (state, cache) {
            if !caller_is_admin(&req, &state) {
                let at = state.clock.now();
                let active = match windows(&state, &cache).await {
                    Ok(rows) => rows
                        .into_iter()
                        .filter(|n| n.is_active(at))
                        .max_by_key(|n| n.ends_at),
                    Err(_) => None,
                };
                if let Some(n) = active {
                    let retry = (n.ends_at - at).num_seconds().max(1) as u64;
                    let notice =
                        serde_json::to_value(Notice::new(n, &state.clock)).unwrap_or_default();
                    let err = ApiError::new(
                        ErrorCode::Maintenance,
                        Msg::new(
                            "سامانه در بازهٔ نگهداری اعلام‌شده فقط خواندنی است؛ پس از پایان آن دوباره تلاش کنید.",
                            "The service is read-only during an announced maintenance window; retry after it ends.",
                        ),
                    )
                    .with_extension("retry_after", retry)
                    .with_extension("notice", notice)
                    .with_header(header::RETRY_AFTER, retry.to_string());
                    let (http_req, _) = req.into_parts();
                    let res = actix_web::HttpResponse::from_error(err);
                    return Ok(ServiceResponse::new(http_req, res).map_into_right_body());
                }
            }
        }
    }
    next.call(req).await.map(|r| r.map_into_left_body())
}
