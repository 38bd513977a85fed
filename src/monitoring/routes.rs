//! `GET /metrics`.

use std::net::IpAddr;

use actix_web::http::header;
use actix_web::{get, web, HttpRequest, HttpResponse};

use crate::error::{ApiError, ApiResult};
use crate::http::client::client_ip;
use crate::monitoring::{store, views};
use crate::state::AppState;

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Who may scrape: with `METRICS_TOKEN` set, whoever sends it as a bearer token; unset, only
/// loopback clients.
fn authorise(req: &HttpRequest, state: &AppState) -> ApiResult<()> {
    match &state.config.http.metrics_token {
        Some(token) => {
            let sent = req
                .headers()
                .get(header::AUTHORIZATION)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.strip_prefix("Bearer "))
                .unwrap_or("");
            if constant_time_eq(sent.as_bytes(), token.expose().as_bytes()) {
                Ok(())
            } else {
                Err(ApiError::unauthorized())
            }
        }
        None => {
            let ip = client_ip(req, &state.config);
            match ip.parse::<IpAddr>() {
                Ok(addr) if addr.is_loopback() => Ok(()),
                Ok(IpAddr::V6(v6)) if v6.to_ipv4_mapped().is_some_and(|v4| v4.is_loopback()) => {
                    Ok(())
                }
                _ => Err(ApiError::forbidden()),
            }
        }
    }
}

/// Prometheus metrics.
///
/// Prometheus metrics (text exposition format 0.0.4). With `METRICS_TOKEN` set, send it as
/// `Authorization: Bearer <token>` (401 otherwise); unset, only loopback clients may scrape
/// (403 otherwise). Series: `plate_permits_http_requests_total`,
/// `plate_permits_http_request_duration_seconds` (histogram) and
/// `plate_permits_http_request_db_statements` (histogram of the SQL statements each request
/// ran) by method, route pattern and status class; `plate_permits_requests{status}`; `plate_permits_requests_overdue`;
/// `plate_permits_outbox_backlog` (events not yet given a feed position);
/// `plate_permits_webhook_deliveries{status}` (pending, delivered, failed);
/// `plate_permits_sms_messages{status}` (pending, sent, failed, suppressed);
/// `plate_permits_sms_oldest_due_seconds` (how long the oldest SMS due for sending has waited);
/// `plate_permits_sms_quota_held_messages` (SMS held by an agency's daily quota);
/// `plate_permits_uptime_seconds`.
#[utoipa::path(
    operation_id = "get_metrics",
    tag = "operations",
    security((), ("metrics_token" = [])),
    responses(
        (status = 200, description = "Metrics.", content_type = "text/plain; version=0.0.4", body = String),
    )
)]
#[get("/metrics")]
pub async fn metrics(req: HttpRequest, state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    authorise(&req, &state)?;
    let at = state.clock.now();
    let gauges = state.db(move |c| store::gauges(c, at)).await?;
    Ok(HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4; charset=utf-8")
        .body(views::exposition(&state.metrics, &gauges)))
}
