//! Every query on `sms_messages` and `sms_templates`, for the outbox, the routes and the worker.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::{requests, sms_messages as sm, sms_templates as st, users};
use crate::db::DbConnection;
use crate::error::ApiResult;
use crate::sms::model::{MessageRow, TemplateRow};
use crate::sms::{MessageStatus, SmsEvent};

/// A message to enqueue.
pub struct NewMessage<'a> {
    pub dedupe_key: &'a str,
    pub event: SmsEvent,
    pub request_id: Option<&'a str>,
    pub notice_id: Option<&'a str>,
    pub recipient: &'a str,
    pub body: &'a str,
    /// Not worth sending after this instant (it is then `suppressed`).
    pub expires_at: Option<NaiveDateTime>,
    pub at: NaiveDateTime,
}

/// Whether a message with this dedupe key exists already.
pub fn exists(conn: &mut DbConnection, dedupe_key: &str) -> ApiResult<bool> {
    let n: i64 = sm::table
        .filter(sm::dedupe_key.eq(dedupe_key))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

/// Adds a pending message, due now (the unique dedupe key refuses a second one).
pub fn insert(conn: &mut DbConnection, m: NewMessage<'_>) -> ApiResult<()> {
    diesel::insert_into(sm::table)
        .values((
            sm::id.eq(uuid::Uuid::now_v7().to_string()),
            sm::dedupe_key.eq(m.dedupe_key),
            sm::event.eq(m.event),
            sm::request_id.eq(m.request_id),
            sm::notice_id.eq(m.notice_id),
            sm::recipient.eq(m.recipient),
            sm::body.eq(m.body),
            sm::status.eq(MessageStatus::Pending),
            sm::attempts.eq(0),
            sm::next_attempt_at.eq(m.at),
            sm::expires_at.eq(m.expires_at),
            sm::created_at.eq(m.at),
            sm::updated_at.eq(m.at),
        ))
        .execute(conn)?;
    Ok(())
}

/// Re-addresses a request's messages still pending for `old` to `new` (its contact mobile was
/// corrected); how many.
pub fn readdress_pending(
    conn: &mut DbConnection,
    request_id: &str,
    old: &str,
    new: &str,
    at: NaiveDateTime,
) -> ApiResult<usize> {
    Ok(diesel::update(
        sm::table
            .filter(sm::request_id.eq(request_id))
            .filter(sm::recipient.eq(old))
            .filter(sm::status.eq(MessageStatus::Pending)),
    )
    .set((sm::recipient.eq(new), sm::updated_at.eq(at)))
    .execute(conn)?)
}

/// A request's messages, oldest first.
pub fn of_request(conn: &mut DbConnection, request_id: &str) -> ApiResult<Vec<MessageRow>> {
    Ok(sm::table
        .filter(sm::request_id.eq(request_id))
        .order(sm::id.asc())
        .select(MessageRow::as_select())
        .limit(500)
        .load(conn)?)
}

/// The distinct mobile numbers of enabled agency users.
pub fn agency_mobiles(conn: &mut DbConnection) -> ApiResult<Vec<String>> {
    let mut mobiles: Vec<String> = users::table
        .filter(users::role.eq("agency"))
        .filter(users::disabled.eq(false))
        .filter(users::mobile.is_not_null())
        .select(users::mobile.assume_not_null())
        .load(conn)?;
    mobiles.sort();
    mobiles.dedup();
    Ok(mobiles)
}

/// The mobile number of a user, if they gave one and are not disabled.
pub fn mobile_of(conn: &mut DbConnection, user_id: &str) -> ApiResult<Option<String>> {
    Ok(users::table
        .find(user_id)
        .filter(users::disabled.eq(false))
        .select(users::mobile)
        .first::<Option<String>>(conn)
        .optional()?
        .flatten())
}

// Templates.

pub fn templates(conn: &mut DbConnection) -> ApiResult<Vec<TemplateRow>> {
    Ok(st::table
        .order(st::event.asc())
        .select(TemplateRow::as_select())
        .load(conn)?)
}

/// The administrator's text for `event`, if any.
pub fn template_override(conn: &mut DbConnection, event: SmsEvent) -> ApiResult<Option<String>> {
    Ok(st::table
        .find(event)
        .select(st::body)
        .first(conn)
        .optional()?)
}

/// Stores the administrator's text for `event`, replacing an earlier one.
pub fn save_template(
    conn: &mut DbConnection,
    event: SmsEvent,
    body: &str,
    by: &str,
    at: NaiveDateTime,
) -> ApiResult<()> {
    let updated = diesel::update(st::table.find(event))
        .set((
            st::body.eq(body),
            st::updated_by.eq(by),
            st::updated_at.eq(at),
        ))
        .execute(conn)?;
    if updated == 0 {
        diesel::insert_into(st::table)
            .values((
                st::event.eq(event),
                st::body.eq(body),
                st::updated_by.eq(by),
                st::updated_at.eq(at),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Drops the administrator's text for `event` (the built-in one applies again).
pub fn delete_template(conn: &mut DbConnection, event: SmsEvent) -> ApiResult<bool> {
    Ok(diesel::delete(st::table.find(event)).execute(conn)? > 0)
}

// The worker's queries.

/// Up to `batch` due, unleased pending messages, oldest due first. Call inside a transaction:
/// on PostgreSQL the rows are taken `FOR UPDATE SKIP LOCKED`, so two replicas never take the
/// same message; [`lease`] then marks those to send.
pub fn due(conn: &mut DbConnection, at: NaiveDateTime, batch: i64) -> ApiResult<Vec<MessageRow>> {
    macro_rules! due {
        () => {
            sm::table
                .filter(sm::status.eq(MessageStatus::Pending))
                .filter(sm::next_attempt_at.le(at))
                .filter(sm::locked_until.is_null().or(sm::locked_until.lt(at)))
                .order((sm::next_attempt_at.asc(), sm::id.asc()))
                .limit(batch)
                .select(MessageRow::as_select())
        };
    }
    // Notices about the service itself first (an outage notice never waits behind a fleet's
    // messages), then the others, oldest due first.
    let priority = [SmsEvent::Outage, SmsEvent::Maintenance];
    let mut rows: Vec<MessageRow> = match conn {
        DbConnection::Postgresql(pg) => due!()
            .filter(sm::event.eq_any(priority))
            .for_update()
            .skip_locked()
            .load(pg)?,
        DbConnection::Sqlite(lite) => due!().filter(sm::event.eq_any(priority)).load(lite)?,
    };
    let rest = batch - rows.len() as i64;
    if rest > 0 {
        let others: Vec<MessageRow> = match conn {
            DbConnection::Postgresql(pg) => due!()
                .filter(sm::event.ne_all(priority))
                .limit(rest)
                .for_update()
                .skip_locked()
                .load(pg)?,
            DbConnection::Sqlite(lite) => due!()
                .filter(sm::event.ne_all(priority))
                .limit(rest)
                .load(lite)?,
        };
        rows.extend(others);
    }
    Ok(rows)
}

/// Leases messages to this process until `until` (another worker skips them meanwhile).
pub fn lease(conn: &mut DbConnection, ids: &[&str], until: NaiveDateTime) -> ApiResult<()> {
    if !ids.is_empty() {
        diesel::update(sm::table.filter(sm::id.eq_any(ids)))
            .set(sm::locked_until.eq(until))
            .execute(conn)?;
    }
    Ok(())
}

/// For each of `recipients`: when its messages sent (or being sent, under a live lease) since
/// `since` went out, oldest first; a leased one counts as sent at `at`. Two statements for the
/// whole batch, whatever its size.
pub fn recent_to(
    conn: &mut DbConnection,
    recipients: &[&str],
    since: NaiveDateTime,
    at: NaiveDateTime,
) -> ApiResult<HashMap<String, Vec<NaiveDateTime>>> {
    let mut recent: HashMap<String, Vec<NaiveDateTime>> = HashMap::new();
    if recipients.is_empty() {
        return Ok(recent);
    }
    let sent: Vec<(String, NaiveDateTime)> = sm::table
        .filter(sm::recipient.eq_any(recipients))
        .filter(sm::status.eq(MessageStatus::Sent))
        .filter(sm::sent_at.gt(since))
        .select((sm::recipient, sm::sent_at.assume_not_null()))
        .load(conn)?;
    let leased: Vec<String> = sm::table
        .filter(sm::recipient.eq_any(recipients))
        .filter(sm::status.eq(MessageStatus::Pending))
        .filter(sm::locked_until.gt(at))
        .select(sm::recipient)
        .load(conn)?;
    for (recipient, sent_at) in sent {
        recent.entry(recipient).or_default().push(sent_at);
    }
    for recipient in leased {
        recent.entry(recipient).or_default().push(at);
    }
    for times in recent.values_mut() {
        times.sort();
    }
    Ok(recent)
}

/// Why a message waits for the next day: its agency's daily quota is used up (kept in
/// `last_error`; `/metrics` counts the messages held so).
pub const QUOTA_HELD: &str = "held: the agency's daily SMS quota (SMS_AGENCY_DAILY_QUOTA) is used up; it goes out with the next day's allowance";

/// The organisation of each of `request_ids`.
pub fn organisations_of(
    conn: &mut DbConnection,
    request_ids: &[&str],
) -> ApiResult<HashMap<String, String>> {
    if request_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(String, String)> = requests::table
        .filter(requests::id.eq_any(request_ids))
        .select((requests::id, requests::organisation_id))
        .load(conn)?;
    Ok(rows.into_iter().collect())
}

/// How many messages about `organisation`'s requests went out since `since` or are being sent
/// (under a live lease at `at`).
pub fn sent_for_organisation(
    conn: &mut DbConnection,
    organisation: &str,
    since: NaiveDateTime,
    at: NaiveDateTime,
) -> ApiResult<i64> {
    let of_org = requests::table
        .filter(requests::organisation_id.eq(organisation))
        .select(requests::id.nullable());
    let sent: i64 = sm::table
        .filter(sm::request_id.eq_any(of_org))
        .filter(sm::status.eq(MessageStatus::Sent))
        .filter(sm::sent_at.ge(since))
        .count()
        .get_result(conn)?;
    let of_org = requests::table
        .filter(requests::organisation_id.eq(organisation))
        .select(requests::id.nullable());
    let leased: i64 = sm::table
        .filter(sm::request_id.eq_any(of_org))
        .filter(sm::status.eq(MessageStatus::Pending))
        .filter(sm::locked_until.gt(at))
        .count()
        .get_result(conn)?;
    Ok(sent + leased)
}

/// Holds messages until `until` because their agency's daily quota is used up (no attempt
/// counted; `last_error` says why).
pub fn hold_for_quota(
    conn: &mut DbConnection,
    ids: &[&str],
    until: NaiveDateTime,
    at: NaiveDateTime,
) -> ApiResult<()> {
    if !ids.is_empty() {
        diesel::update(sm::table.filter(sm::id.eq_any(ids)))
            .set((
                sm::next_attempt_at.eq(until),
                sm::locked_until.eq(None::<NaiveDateTime>),
                sm::last_error.eq(QUOTA_HELD),
                sm::updated_at.eq(at),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Pending messages held by an agency's daily quota (for `/metrics`).
pub fn count_quota_held(conn: &mut DbConnection) -> ApiResult<i64> {
    Ok(sm::table
        .filter(sm::status.eq(MessageStatus::Pending))
        .filter(sm::last_error.eq(QUOTA_HELD))
        .count()
        .get_result(conn)?)
}

/// Puts leased messages back to wait until `until`, without counting an attempt.
pub fn hold(
    conn: &mut DbConnection,
    ids: &[&str],
    until: NaiveDateTime,
    at: NaiveDateTime,
) -> ApiResult<()> {
    if !ids.is_empty() {
        diesel::update(sm::table.filter(sm::id.eq_any(ids)))
            .set((
                sm::next_attempt_at.eq(until),
                sm::locked_until.eq(None::<NaiveDateTime>),
                sm::updated_at.eq(at),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Marks messages `suppressed` (they lost their point before they could go).
pub fn suppress(
    conn: &mut DbConnection,
    ids: &[&str],
    why: &str,
    at: NaiveDateTime,
) -> ApiResult<()> {
    if !ids.is_empty() {
        diesel::update(sm::table.filter(sm::id.eq_any(ids)))
            .set((
                sm::status.eq(MessageStatus::Suppressed),
                sm::locked_until.eq(None::<NaiveDateTime>),
                sm::last_error.eq(why),
                sm::updated_at.eq(at),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// The outcome of one attempt, as recorded.
pub struct Attempt {
    pub status: MessageStatus,
    pub attempts: i32,
    pub next_attempt_at: NaiveDateTime,
    pub sent_at: Option<NaiveDateTime>,
    pub last_error: Option<String>,
    pub at: NaiveDateTime,
}

/// Records an attempt and releases the lease.
pub fn record_attempt(conn: &mut DbConnection, id: &str, a: Attempt) -> ApiResult<()> {
    diesel::update(sm::table.find(id))
        .set((
            sm::status.eq(a.status),
            sm::attempts.eq(a.attempts),
            sm::next_attempt_at.eq(a.next_attempt_at),
            sm::sent_at.eq(a.sent_at),
            sm::locked_until.eq(None::<NaiveDateTime>),
            sm::last_error.eq(a.last_error),
            sm::updated_at.eq(a.at),
        ))
        .execute(conn)?;
    Ok(())
}

/// Messages by status (for `/metrics`), through `sms_messages_due_idx`.
pub fn count_by_status(conn: &mut DbConnection) -> ApiResult<Vec<(MessageStatus, i64)>> {
    Ok(sm::table
        .group_by(sm::status)
        .select((sm::status, diesel::dsl::count_star()))
        .load(conn)?)
}

/// When the longest-waiting pending message became due, if one is due at `at` (for `/metrics`).
/// Messages held by quiet hours, the per-recipient cap or a retry's back-off are not due yet.
pub fn oldest_due(conn: &mut DbConnection, at: NaiveDateTime) -> ApiResult<Option<NaiveDateTime>> {
    Ok(sm::table
        .filter(sm::status.eq(MessageStatus::Pending))
        .filter(sm::next_attempt_at.le(at))
        .select(diesel::dsl::min(sm::next_attempt_at))
        .get_result(conn)?)
}
