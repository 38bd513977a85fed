//! The scrape in Prometheus text exposition format 0.0.4.

use std::fmt::Write as _;

use crate::domain::status::RequestStatus;
use crate::http::metrics::HttpMetrics;
use crate::monitoring::store::Gauges;
use crate::sms::MessageStatus;
use crate::webhooks::model::DeliveryStatus;

/// The HTTP series, then the business gauges, then the process uptime.
pub fn exposition(http: &HttpMetrics, gauges: &Gauges) -> String {
    let mut out = String::with_capacity(16 * 1024);
    http.render(&mut out);
    out.push_str("# HELP plate_permits_requests Plate-removal requests by current status.\n");
    out.push_str("# TYPE plate_permits_requests gauge\n");
    for s in RequestStatus::ALL {
        let n = count_of(&gauges.by_status, s);
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
    for s in DeliveryStatus::ALL {
        let n = count_of(&gauges.deliveries, s);
        let _ = writeln!(
            out,
            "plate_permits_webhook_deliveries{{status=\"{s}\"}} {n}"
        );
    }
    out.push_str("# HELP plate_permits_sms_messages SMS messages to applicants by status (failed: attempts exhausted; suppressed: out of date before it could go).\n");
    out.push_str("# TYPE plate_permits_sms_messages gauge\n");
    for s in MessageStatus::ALL {
        let n = count_of(&gauges.sms, s);
        let _ = writeln!(out, "plate_permits_sms_messages{{status=\"{s}\"}} {n}");
    }
    out.push_str("# HELP plate_permits_sms_oldest_due_seconds How long the oldest SMS due for sending has waited (0: none due; quiet hours and back-off are not waiting).\n");
    out.push_str("# TYPE plate_permits_sms_oldest_due_seconds gauge\n");
    let _ = writeln!(
        out,
        "plate_permits_sms_oldest_due_seconds {}",
        gauges.sms_oldest_due_secs
    );
    out.push_str("# HELP plate_permits_sms_quota_held_messages SMS held until the next day because their agency's daily quota (SMS_AGENCY_DAILY_QUOTA) is used up.\n");
    out.push_str("# TYPE plate_permits_sms_quota_held_messages gauge\n");
    let _ = writeln!(
        out,
        "plate_permits_sms_quota_held_messages {}",
        gauges.sms_quota_held
    );
    out.push_str("# HELP plate_permits_uptime_seconds Seconds since this process started.\n");
    out.push_str("# TYPE plate_permits_uptime_seconds gauge\n");
    let _ = writeln!(out, "plate_permits_uptime_seconds {}", http.uptime_secs());
    out
}

fn count_of<K: PartialEq>(counts: &[(K, i64)], key: &K) -> i64 {
    counts
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, n)| *n)
        .unwrap_or(0)
}
