//! `GET /metrics`: Prometheus text exposition. HTTP counts and latency histograms are kept in
//! memory per process (each replica is scraped on its own); business gauges (requests by
//! status, overdue requests, outbox backlog, webhook deliveries) are read from the database at
//! scrape time, so every replica reports the same shared state.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::Instant;

use actix_web::http::header;
use actix_web::{get, web, HttpRequest, HttpResponse};
use diesel::dsl::count_star;
use diesel::prelude::*;

use crate::clock::now;
use crate::db::schema::{events, request_sla, requests, webhook_deliveries};
use crate::domain::status::RequestStatus;
use crate::error::{ApiError, ApiResult};
use crate::http::client::client_ip;
use crate::sla::clock::ClockState;
use crate::state::AppState;

/// Upper bounds of the latency histogram, in seconds.
const BUCKETS: [f64; 12] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
];

#[derive(Default)]
struct Series {
    count: u64,
    sum: f64,
    /// Non-cumulative counts per bucket; the last slot is +Inf.
    buckets: [u64; BUCKETS.len() + 1],
}

type Key = (String, String, &'static str);

/// In-process HTTP request metrics.
pub struct HttpMetrics {
    series: Mutex<HashMap<Key, Series>>,
    started: Instant,
}

impl Default for HttpMetrics {
    fn default() -> Self {
        HttpMetrics {
            series: Mutex::new(HashMap::new()),
            started: Instant::now(),
        }
    }
}

fn status_class(status: u16) -> &'static str {
    match status {
        100..=199 => "1xx",
        200..=299 => "2xx",
        300..=399 => "3xx",
        400..=499 => "4xx",
        _ => "5xx",
    }
}

impl HttpMetrics {
    /// Records one response. `route` is the matched pattern (`/api/v1/requests/{id}`), never
    /// the raw path, so label values stay few and carry no identifiers.
    pub fn observe(&self, method: &str, route: &str, status: u16, seconds: f64) {
        let key = (method.to_owned(), route.to_owned(), status_class(status));
        let slot = BUCKETS
            .iter()
            .position(|b| seconds <= *b)
            .unwrap_or(BUCKETS.len());
        if let Ok(mut map) = self.series.lock() {
            let s = map.entry(key).or_default();
            s.count += 1;
            s.sum += seconds;
            s.buckets[slot] += 1;
        }
    }

    fn render(&self, out: &mut String) {
        let Ok(map) = self.series.lock() else {
            return;
        };
        let mut keys: Vec<&Key> = map.keys().collect();
        keys.sort();
        out.push_str("# HELP plate_permits_http_requests_total HTTP requests by method, route pattern and status class.\n");
        out.push_str("# TYPE plate_permits_http_requests_total counter\n");
        for k in &keys {
            if let Some(s) = map.get(*k) {
                let _ = writeln!(
                    out,
                    "plate_permits_http_requests_total{{{}}} {}",
                    labels(k),
                    s.count
                );
            }
        }
        out.push_str(
            "# HELP plate_permits_http_request_duration_seconds Time to answer HTTP requests.\n",
        );
        out.push_str("# TYPE plate_permits_http_request_duration_seconds histogram\n");
        for k in &keys {
            let Some(s) = map.get(*k) else { continue };
            let l = labels(k);
            let mut cumulative = 0;
            for (i, bound) in BUCKETS.iter().enumerate() {
                cumulative += s.buckets[i];
                let _ = writeln!(
                    out,
                    "plate_permits_http_request_duration_seconds_bucket{{{l},le=\"{bound}\"}} {cumulative}"
                );
            }
            let _ = writeln!(
                out,
                "plate_permits_http_request_duration_seconds_bucket{{{l},le=\"+Inf\"}} {}",
                s.count
            );
            let _ = writeln!(
                out,
                "plate_permits_http_request_duration_seconds_sum{{{l}}} {}",
                s.sum
            );
            let _ = writeln!(
                out,
                "plate_permits_http_request_duration_seconds_count{{{l}}} {}",
                s.count
            );
        }
    }
}

fn escape(v: &str) -> String {
    v.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

fn labels((method, route, class): &Key) -> String {
    format!(
        "method=\"{}\",route=\"{}\",status=\"{class}\"",
        escape(method),
        escape(route)
    )
}

/// Shared state read at scrape time.
struct Gauges {
    by_status: Vec<(RequestStatus, i64)>,
    overdue: i64,
    outbox_backlog: i64,
    deliveries: Vec<(String, i64)>,
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Who may scrape: with `METRICS_TOKEN` set, whoever sends it as a bearer token; unset, only
/// loopback clients.
fn authorise(req: &HttpRequest, state: &AppState) -> ApiResult<()> {
    match &state.config.metrics_token {
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
            let ip = client_ip(req, state.config.trust_proxy);
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

/// Prometheus metrics (text exposition format 0.0.4). With `METRICS_TOKEN` set, send it as
/// `Authorization: Bearer <token>` (401 otherwise); unset, only loopback clients may scrape
/// (403 otherwise). Series: `plate_permits_http_requests_total` and
/// `plate_permits_http_request_duration_seconds` (histogram) by method, route pattern and
/// status class; `plate_permits_requests{status}`; `plate_permits_requests_overdue`;
/// `plate_permits_outbox_backlog` (events not yet given a feed position);
/// `plate_permits_webhook_deliveries{status}` (pending, delivered, failed);
/// `plate_permits_uptime_seconds`.
#[utoipa::path(
    tag = "operations",
    security((), ("metrics_token" = [])),
    responses(
        (status = 200, description = "Metrics.", content_type = "text/plain; version=0.0.4", body = String),
    )
)]
#[get("/metrics")]
pub async fn metrics(req: HttpRequest, state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    authorise(&req, &state)?;
    let at = now();
    let gauges = state
        .db(move |conn| {
            let by_status: Vec<(RequestStatus, i64)> = requests::table
                .group_by(requests::status)
                .select((requests::status, count_star()))
                .load(conn)?;
            let overdue: i64 = request_sla::table
                .filter(request_sla::clock.eq(ClockState::Running))
                .filter(request_sla::due_at.lt(at))
                .count()
                .get_result(conn)?;
            let outbox_backlog: i64 = events::table
                .filter(events::position.is_null())
                .count()
                .get_result(conn)?;
            let deliveries: Vec<(String, i64)> = webhook_deliveries::table
                .group_by(webhook_deliveries::status)
                .select((webhook_deliveries::status, count_star()))
                .load(conn)?;
            Ok(Gauges {
                by_status,
                overdue,
                outbox_backlog,
                deliveries,
            })
        })
        .await?;
    let mut out = String::with_capacity(16 * 1024);
    state.metrics.render(&mut out);
    out.push_str("# HELP plate_permits_requests Plate-removal requests by current status.\n");
    out.push_str("# TYPE plate_permits_requests gauge\n");
    for s in RequestStatus::ALL {
        let n = gauges
            .by_status
            .iter()
            .find(|(st, _)| st == s)
            .map(|(_, n)| *n)
            .unwrap_or(0);
        let _ = writeln!(out, "plate_permits_requests{{status=\"{s}\"}} {n}");
    }
    out.push_str(
        "# HELP plate_permits_requests_overdue Requests whose SLA clock runs past its deadline.\n",
    );
    out.push_str("# TYPE plate_permits_requests_overdue gauge\n");
    let _ = writeln!(out, "plate_permits_requests_overdue {}", gauges.overdue);
    out.push_str(
        "# HELP plate_permits_outbox_backlog Committed events not yet given a feed position.\n",
    );
    out.push_str("# TYPE plate_permits_outbox_backlog gauge\n");
    let _ = writeln!(
        out,
        "plate_permits_outbox_backlog {}",
        gauges.outbox_backlog
    );
    out.push_str("# HELP plate_permits_webhook_deliveries Webhook deliveries by status (failed: retries exhausted).\n");
    out.push_str("# TYPE plate_permits_webhook_deliveries gauge\n");
    for status in ["pending", "delivered", "failed"] {
        let n = gauges
            .deliveries
            .iter()
            .find(|(s, _)| s == status)
            .map(|(_, n)| *n)
            .unwrap_or(0);
        let _ = writeln!(
            out,
            "plate_permits_webhook_deliveries{{status=\"{status}\"}} {n}"
        );
    }
    out.push_str("# HELP plate_permits_uptime_seconds Seconds since this process started.\n");
    out.push_str("# TYPE plate_permits_uptime_seconds gauge\n");
    let _ = writeln!(
        out,
        "plate_permits_uptime_seconds {}",
        state.metrics.started.elapsed().as_secs_f64()
    );
    Ok(HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4; charset=utf-8")
        .body(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn histogram_is_cumulative() {
        let m = HttpMetrics::default();
        m.observe("GET", "/x", 200, 0.003);
        m.observe("GET", "/x", 200, 0.2);
        m.observe("GET", "/x", 503, 9.0);
        let mut out = String::new();
        m.render(&mut out);
        assert!(out.contains(
            "plate_permits_http_requests_total{method=\"GET\",route=\"/x\",status=\"2xx\"} 2"
        ));
        assert!(out.contains(
            "duration_seconds_bucket{method=\"GET\",route=\"/x\",status=\"2xx\",le=\"0.005\"} 1"
        ));
        assert!(out.contains(
            "duration_seconds_bucket{method=\"GET\",route=\"/x\",status=\"2xx\",le=\"0.25\"} 2"
        ));
        assert!(out.contains(
            "duration_seconds_bucket{method=\"GET\",route=\"/x\",status=\"5xx\",le=\"5\"} 0"
        ));
        assert!(out.contains(
            "duration_seconds_bucket{method=\"GET\",route=\"/x\",status=\"5xx\",le=\"+Inf\"} 1"
        ));
    }

    #[test]
    fn label_values_are_escaped() {
        assert_eq!(escape("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
    }
}
