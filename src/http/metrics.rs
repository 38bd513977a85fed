//! In-process HTTP metrics for `GET /metrics` (served by `crate::monitoring`): request counts,
//! latency histograms and histograms of the SQL statements each request ran
//! ([`crate::db::statements`]), kept in memory per process (each replica is scraped on its
//! own), and their Prometheus text exposition.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::Mutex;
use std::time::Instant;

/// Upper bounds of the latency histogram, in seconds.
const BUCKETS: [f64; 12] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
];

/// Upper bounds of the statements-per-request histogram.
const STATEMENT_BUCKETS: [u32; 12] = [0, 1, 2, 3, 4, 5, 6, 8, 10, 15, 25, 50];

#[derive(Default)]
struct Series {
    count: u64,
    sum: f64,
    /// Non-cumulative counts per bucket; the last slot is +Inf.
    buckets: [u64; BUCKETS.len() + 1],
    /// The SQL statements the requests ran, in all.
    statements: u64,
    /// Non-cumulative counts per statements bucket; the last slot is +Inf.
    statement_buckets: [u64; STATEMENT_BUCKETS.len() + 1],
}

type Key = (&'static str, String, &'static str);

/// The method label: the methods the service routes keep their name, every other method (a
/// client may send any token as a method) is `other`, so the label set is bounded by
/// construction.
pub fn method_label(method: &str) -> &'static str {
    match method {
        "GET" => "GET",
        "POST" => "POST",
        "PUT" => "PUT",
        "PATCH" => "PATCH",
        "DELETE" => "DELETE",
        "HEAD" => "HEAD",
        "OPTIONS" => "OPTIONS",
        _ => "other",
    }
}

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
    /// Records one response, which took `seconds` and ran `statements` SQL statements.
    /// `route` is the matched pattern (`/api/v1/requests/{id}`), never the raw path, so label
    /// values stay few and carry no identifiers; `method` is reduced by [`method_label`].
    pub fn observe(&self, method: &str, route: &str, status: u16, seconds: f64, statements: u32) {
        let key = (method_label(method), route.to_owned(), status_class(status));
        let slot = BUCKETS
            .iter()
            .position(|b| seconds <= *b)
            .unwrap_or(BUCKETS.len());
        let statement_slot = STATEMENT_BUCKETS
            .iter()
            .position(|b| statements <= *b)
            .unwrap_or(STATEMENT_BUCKETS.len());
        if let Ok(mut map) = self.series.lock() {
            let s = map.entry(key).or_default();
            s.count += 1;
            s.sum += seconds;
            s.buckets[slot] += 1;
            s.statements += u64::from(statements);
            s.statement_buckets[statement_slot] += 1;
        }
    }

    /// Seconds since this process started.
    pub fn uptime_secs(&self) -> f64 {
        self.started.elapsed().as_secs_f64()
    }

    /// Appends the HTTP series in Prometheus text format.
    pub fn render(&self, out: &mut String) {
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
        histogram(
            out,
            "plate_permits_http_request_duration_seconds",
            "Time to answer HTTP requests.",
            &BUCKETS,
            keys.iter().filter_map(|k| map.get(*k).map(|s| (*k, s))),
            |s| (&s.buckets[..], s.sum.to_string()),
        );
        histogram(
            out,
            "plate_permits_http_request_db_statements",
            "SQL statements run per HTTP request (round trips to the database on PostgreSQL).",
            &STATEMENT_BUCKETS,
            keys.iter().filter_map(|k| map.get(*k).map(|s| (*k, s))),
            |s| (&s.statement_buckets[..], s.statements.to_string()),
        );
    }
}

/// One histogram in Prometheus text format: per series, its cumulative buckets (`bounds`, then
/// `+Inf`), sum and count; `of` gives a series' non-cumulative bucket counts and its sum.
fn histogram<'a, B: std::fmt::Display>(
    out: &mut String,
    name: &str,
    help: &str,
    bounds: &[B],
    series: impl Iterator<Item = (&'a Key, &'a Series)>,
    of: impl Fn(&'a Series) -> (&'a [u64], String),
) {
    let _ = writeln!(out, "# HELP {name} {help}");
    let _ = writeln!(out, "# TYPE {name} histogram");
    for (k, s) in series {
        let l = labels(k);
        let (buckets, sum) = of(s);
        let mut cumulative = 0;
        for (count, bound) in buckets.iter().zip(bounds) {
            cumulative += count;
            let _ = writeln!(out, "{name}_bucket{{{l},le=\"{bound}\"}} {cumulative}");
        }
        let _ = writeln!(out, "{name}_bucket{{{l},le=\"+Inf\"}} {}", s.count);
        let _ = writeln!(out, "{name}_sum{{{l}}} {sum}");
        let _ = writeln!(out, "{name}_count{{{l}}} {}", s.count);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn histogram_is_cumulative() {
        let m = HttpMetrics::default();
        m.observe("GET", "/x", 200, 0.003, 4);
        m.observe("GET", "/x", 200, 0.2, 60);
        m.observe("GET", "/x", 503, 9.0, 0);
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
        assert!(out.contains(
            "db_statements_bucket{method=\"GET\",route=\"/x\",status=\"2xx\",le=\"4\"} 1"
        ));
        assert!(out.contains(
            "db_statements_bucket{method=\"GET\",route=\"/x\",status=\"2xx\",le=\"50\"} 1"
        ));
        assert!(out.contains(
            "db_statements_bucket{method=\"GET\",route=\"/x\",status=\"2xx\",le=\"+Inf\"} 2"
        ));
        assert!(out.contains("db_statements_sum{method=\"GET\",route=\"/x\",status=\"2xx\"} 64"));
        assert!(out.contains(
            "db_statements_bucket{method=\"GET\",route=\"/x\",status=\"5xx\",le=\"0\"} 1"
        ));
    }

    #[test]
    fn unknown_methods_share_one_label() {
        let m = HttpMetrics::default();
        for i in 0..100 {
            m.observe(&format!("X{i}"), "unmatched", 404, 0.001, 0);
        }
        m.observe("get", "unmatched", 404, 0.001, 0);
        m.observe("PATCH", "unmatched", 404, 0.001, 0);
        let mut out = String::new();
        m.render(&mut out);
        assert!(out.contains(
            "plate_permits_http_requests_total{method=\"other\",route=\"unmatched\",status=\"4xx\"} 101"
        ));
        assert!(out.contains("method=\"PATCH\""));
        assert!(!out.contains("X1"));
    }

    #[test]
    fn label_values_are_escaped() {
        assert_eq!(escape("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
    }
}
