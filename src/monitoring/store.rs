//! The business gauges, read at scrape time.

use chrono::NaiveDateTime;
use diesel::dsl::count_star;
use diesel::prelude::*;

use crate::db::schema::requests;
use crate::db::DbConnection;
use crate::domain::status::RequestStatus;
use crate::error::ApiResult;
use crate::sms::MessageStatus;
use crate::webhooks::model::DeliveryStatus;

/// Shared state as the gauges report it.
pub struct Gauges {
    pub by_status: Vec<(RequestStatus, i64)>,
    pub overdue: i64,
    pub outbox_backlog: i64,
    pub deliveries: Vec<(DeliveryStatus, i64)>,
    pub sms: Vec<(MessageStatus, i64)>,
    /// Seconds the oldest due SMS has waited for the worker (0 when none is due).
    pub sms_oldest_due_secs: i64,
    /// Pending SMS held because their agency's daily quota is used up.
    pub sms_quota_held: i64,
}

pub fn gauges(conn: &mut DbConnection, at: NaiveDateTime) -> ApiResult<Gauges> {
    let by_status: Vec<(RequestStatus, i64)> = requests::table
        .group_by(requests::status)
        .select((requests::status, count_star()))
        .load(conn)?;
    Ok(Gauges {
        by_status,
        overdue: crate::sla::queries::overdue_count(conn, at)?,
        outbox_backlog: crate::events::queries::unsequenced_count(conn)?,
        deliveries: crate::webhooks::queries::count_by_status(conn)?,
        sms: crate::sms::queries::count_by_status(conn)?,
        sms_oldest_due_secs: crate::sms::queries::oldest_due(conn, at)?
            .map_or(0, |due| (at - due).num_seconds().max(0)),
        sms_quota_held: crate::sms::queries::count_quota_held(conn)?,
    })
}
