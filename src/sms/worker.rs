//! The sending worker. It runs in every replica: enqueues the evening-before maintenance
//! reminders and the day-before reminders of documents due, takes due messages (serialised across replicas by an advisory lock on
//! PostgreSQL, rows taken `FOR UPDATE SKIP LOCKED`; SQLite has one writer), holds those that
//! quiet hours, the agency's daily quota (`SMS_AGENCY_DAILY_QUOTA`, until the next local day)
//! or the per-recipient hourly cap do not allow yet, leases the rest and sends
//! them concurrently. A failed attempt is retried with exponential back-off and jitter until
//! `SMS_MAX_ATTEMPTS`; a replica killed mid-send loses nothing: its lease expires and another
//! attempt follows with the same message id, which the gateway may use to deduplicate.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;
use std::time::Duration;

use chrono::{NaiveDateTime, TimeDelta, TimeZone};
use diesel::connection::SimpleConnection;
use rand::Rng;

use crate::clock::Clock;
use crate::config::QuietHours;
use crate::db::{write_tx, DbConnection};
use crate::domain::mobile::mask;
use crate::error::ApiResult;
use crate::sms::model::MessageRow;
use crate::sms::provider::{Outgoing, Provider};
use crate::sms::store::{self, Attempt};
use crate::sms::{service, MessageStatus};
use crate::state::AppState;

/// Longer than an attempt can take (the gateway timeout is at most 60 s).
const LEASE: TimeDelta = TimeDelta::seconds(90);
const BATCH: i64 = 50;
const CLAIM_LOCK: i64 = 0x736d_735f_636c_6169;
/// Attempts in flight at once per process.
const MAX_IN_FLIGHT: usize = 16;

/// Runs until the process ends.
pub async fn run(state: AppState, provider: Arc<dyn Provider>) {
    let slots = Arc::new(tokio::sync::Semaphore::new(MAX_IN_FLIGHT));
    let pause = Duration::from_millis(state.config.sms.poll_interval_ms);
    loop {
        if let Err(e) = tick(&state, &provider, &slots).await {
            tracing::warn!(error = %e, "sms worker tick failed");
        }
        tokio::time::sleep(pause).await;
    }
}

/// When the quiet window that `at` falls in ends (UTC), or `None` outside quiet hours.
pub fn quiet_until(quiet: QuietHours, clock: &Clock, at: NaiveDateTime) -> Option<NaiveDateTime> {
    let (_, end) = quiet.0?;
    let local = clock.tz().from_utc_datetime(&at).naive_local();
    if !quiet.contains(local.time()) {
        return None;
    }
    let mut end_local = local.date().and_time(end);
    if end_local <= local {
        end_local += TimeDelta::days(1);
    }
    let end_utc = clock
        .tz()
        .from_local_datetime(&end_local)
        .earliest()
        .map(|t| t.naive_utc())
        // A window end skipped by a daylight-saving change: an hour later.
        .unwrap_or(end_local - TimeDelta::hours(1));
    Some(end_utc.max(at + TimeDelta::seconds(1)))
}

/// Takes the messages to send now and leases them; holds or suppresses the others.
fn claim(
    conn: &mut DbConnection,
    state: &AppState,
    at: NaiveDateTime,
) -> ApiResult<Vec<MessageRow>> {
    let config = &state.config;
    let clock = state.clock;
    write_tx(conn, |c| {
        if let DbConnection::Postgresql(pg) = c {
            pg.batch_execute(&format!("SELECT pg_advisory_xact_lock({CLAIM_LOCK})"))?;
        }
        service::remind_maintenance(c, &clock, config.sms.maintenance_reminder_at, at)?;
        service::remind_documents_due(c, config, &clock, at)?;
        let quiet = quiet_until(config.sms.quiet_hours, &clock, clock.now());
        let due = store::due(c, at, BATCH)?;
        // What each message's fate depends on is read once for the batch, and each fate is
        // written with one statement for all the messages that share it, so that a claim
        // keeps the (SQLite) writer for a handful of statements, whatever the batch holds.
        let (mut fates, capped) = Fates::sort(&due, at, quiet);
        let recipients: BTreeSet<&str> = capped.iter().map(|m| m.recipient.as_str()).collect();
        let recipients: Vec<&str> = recipients.into_iter().collect();
        let recent = store::recent_to(c, &recipients, at - TimeDelta::hours(1), at)?;
        let mut quota = AgencyQuota::read(c, &clock, config.sms.agency_daily_quota, &capped, at)?;
        let cap = config.sms.max_per_recipient_per_hour as usize;
        fates.take(capped, recent, &mut quota, cap, at);
        fates.write(c, quota.next_day, at)
    })
}

/// What becomes of each due message in a claim.
#[derive(Default)]
struct Fates<'a> {
    /// Past `expires_at`: suppressed.
    expired: Vec<&'a str>,
    /// Held until a time (quiet hours, the hourly cap).
    held: BTreeMap<NaiveDateTime, Vec<&'a str>>,
    /// Held to the agency's next day.
    over_quota: Vec<&'a str>,
    /// Leased to be sent now.
    taken: Vec<MessageRow>,
}

impl<'a> Fates<'a> {
    /// Expired messages and those held by quiet hours (`quiet`: until when) apart; the rest
    /// are subject to the caps.
    fn sort(
        due: &'a [MessageRow],
        at: NaiveDateTime,
        quiet: Option<NaiveDateTime>,
    ) -> (Self, Vec<&'a MessageRow>) {
        let mut fates = Fates::default();
        let mut capped: Vec<&MessageRow> = Vec::new();
        for m in due {
            if m.expires_at.is_some_and(|e| e <= at) {
                fates.expired.push(&m.id);
            } else if let (false, Some(until)) = (m.event.urgent(), quiet) {
                fates.held.entry(until).or_default().push(&m.id);
            } else {
                capped.push(m);
            }
        }
        (fates, capped)
    }

    /// Takes the capped messages in order, within the agency's daily quota and the
    /// recipient's hourly cap (`recent`: each recipient's messages of the last hour).
    fn take(
        &mut self,
        capped: Vec<&'a MessageRow>,
        mut recent: HashMap<String, Vec<NaiveDateTime>>,
        quota: &mut AgencyQuota,
        cap: usize,
        at: NaiveDateTime,
    ) {
        for m in capped {
            let org = m.request_id.as_ref().and_then(|r| quota.org_of.get(r));
            if org.is_some_and(|org| quota.used_up(org)) {
                self.over_quota.push(&m.id);
                continue;
            }
            let sent = recent.entry(m.recipient.clone()).or_default();
            // Outage and maintenance notices are not held by the hourly cap (they still count
            // towards it for the messages after them).
            if sent.len() >= cap && !m.event.priority() {
                // Wait until the oldest of the last hour's messages is an hour old.
                let until = sent[sent.len() - cap] + TimeDelta::hours(1);
                self.held
                    .entry(until.max(at + TimeDelta::seconds(1)))
                    .or_default()
                    .push(&m.id);
                continue;
            }
            // Taken now: it counts as sent at `at`, the latest instant of the window.
            sent.push(at);
            if let Some(org) = org.cloned() {
                *quota.used.entry(org).or_default() += 1;
            }
            self.taken.push(m.clone());
        }
    }

    /// Each fate written with one statement for all the messages that share it; the taken
    /// messages leased.
    fn write(
        self,
        c: &mut DbConnection,
        next_day: NaiveDateTime,
        at: NaiveDateTime,
    ) -> ApiResult<Vec<MessageRow>> {
        if !self.over_quota.is_empty() {
            tracing::warn!(
                held = self.over_quota.len(),
                "sms held: an agency's daily SMS quota is used up"
            );
        }
        let after_quota = next_day.max(at + TimeDelta::seconds(1));
        store::hold_for_quota(c, &self.over_quota, after_quota, at)?;
        store::suppress(c, &self.expired, "expired before it could be sent", at)?;
        for (until, ids) in &self.held {
            store::hold(c, ids, *until, at)?;
        }
        let ids: Vec<&str> = self.taken.iter().map(|m| m.id.as_str()).collect();
        store::lease(c, &ids, at + LEASE)?;
        Ok(self.taken)
    }
}

/// The agency's daily quota (messages about its requests, per local day): read once per agency
/// in the batch, counted as the claim takes messages.
struct AgencyQuota {
    /// Each request's agency.
    org_of: HashMap<String, String>,
    /// Messages sent (or taken) today per agency.
    used: BTreeMap<String, i64>,
    quota: i64,
    /// When the agency's next local day starts (UTC).
    next_day: NaiveDateTime,
}

impl AgencyQuota {
    fn read(
        c: &mut DbConnection,
        clock: &Clock,
        quota: u32,
        capped: &[&MessageRow],
        at: NaiveDateTime,
    ) -> ApiResult<Self> {
        let local_day = clock.tz().from_utc_datetime(&at).date_naive();
        let day_start = clock.day_start_utc(local_day);
        let request_ids: BTreeSet<&str> = capped
            .iter()
            .filter_map(|m| m.request_id.as_deref())
            .collect();
        let request_ids: Vec<&str> = request_ids.into_iter().collect();
        let org_of = store::organisations_of(c, &request_ids)?;
        let mut used: BTreeMap<String, i64> = BTreeMap::new();
        for org in org_of.values() {
            if !used.contains_key(org) {
                let n = store::sent_for_organisation(c, org, day_start, at)?;
                used.insert(org.clone(), n);
            }
        }
        Ok(AgencyQuota {
            org_of,
            used,
            quota: i64::from(quota),
            next_day: clock.day_start_utc(local_day + TimeDelta::days(1)),
        })
    }

    fn used_up(&self, org: &str) -> bool {
        self.used.get(org).copied().unwrap_or(0) >= self.quota
    }
}

async fn tick(
    state: &AppState,
    provider: &Arc<dyn Provider>,
    slots: &Arc<tokio::sync::Semaphore>,
) -> ApiResult<()> {
    if slots.available_permits() == 0 {
        return Ok(());
    }
    let st = state.clone();
    let at = state.clock.now();
    let claimed = state.write(move |conn| claim(conn, &st, at)).await?;
    for m in claimed {
        let Ok(permit) = slots.clone().acquire_owned().await else {
            break;
        };
        let st = state.clone();
        let p = provider.clone();
        tokio::spawn(async move {
            send(&st, p.as_ref(), m).await;
            drop(permit);
        });
    }
    Ok(())
}

/// The delay before attempt `attempts + 1`: the base doubled per attempt, at most an hour,
/// plus up to a fifth of it at random.
pub fn backoff(base_ms: u64, attempts: i32) -> TimeDelta {
    let exp = base_ms
        .saturating_mul(1u64 << (attempts.clamp(1, 30) - 1) as u64)
        .min(3_600_000);
    let jitter = rand::thread_rng().gen_range(0..=exp / 5 + 1);
    TimeDelta::milliseconds((exp + jitter) as i64)
}

async fn send(state: &AppState, provider: &dyn Provider, m: MessageRow) {
    let outcome = provider
        .send(&Outgoing {
            id: &m.id,
            to: &m.recipient,
            text: &m.body,
        })
        .await;
    let attempts = m.attempts + 1;
    let max = state.config.sms.max_attempts as i32;
    let base = state.config.sms.backoff_base_ms;
    let at = state.clock.now();
    let attempt = match outcome {
        Ok(()) => Attempt {
            status: MessageStatus::Sent,
            attempts,
            next_attempt_at: at,
            sent_at: Some(at),
            last_error: None,
            at,
        },
        Err(e) => {
            tracing::warn!(id = %m.id, to = %mask(&m.recipient), attempts, error = %e.0, "sms attempt failed");
            Attempt {
                status: if attempts >= max {
                    MessageStatus::Failed
                } else {
                    MessageStatus::Pending
                },
                attempts,
                next_attempt_at: at + backoff(base, attempts),
                sent_at: None,
                last_error: Some(e.0),
                at,
            }
        }
    };
    let id = m.id.clone();
    if let Err(e) = state
        .write(move |conn| store::record_attempt(conn, &id, attempt))
        .await
    {
        tracing::warn!(error = %e, "could not record an sms attempt");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn utc(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn quiet_window_ends_in_the_morning() {
        let clock = Clock::system(chrono_tz::Asia::Tehran);
        let quiet = QuietHours::from_str("22:00-07:00").unwrap();
        // 23:30 Tehran (UTC+3:30) is 20:00 UTC; the window ends at 07:00 Tehran, 03:30 UTC.
        assert_eq!(
            quiet_until(quiet, &clock, utc("2026-01-10 20:00")),
            Some(utc("2026-01-11 03:30"))
        );
        // 02:00 Tehran is 22:30 UTC the day before.
        assert_eq!(
            quiet_until(quiet, &clock, utc("2026-01-10 22:30")),
            Some(utc("2026-01-11 03:30"))
        );
        // 12:00 Tehran: not quiet.
        assert_eq!(quiet_until(quiet, &clock, utc("2026-01-10 08:30")), None);
        assert_eq!(
            quiet_until(QuietHours(None), &clock, utc("2026-01-10 20:00")),
            None
        );
        let day = QuietHours::from_str("10:00-14:00").unwrap();
        assert_eq!(
            quiet_until(day, &clock, utc("2026-01-10 08:30")),
            Some(utc("2026-01-10 10:30"))
        );
    }

    #[test]
    fn backoff_grows_and_is_capped() {
        let one = backoff(1_000, 1).num_milliseconds();
        assert!((1_000..=1_201).contains(&one), "{one}");
        let three = backoff(1_000, 3).num_milliseconds();
        assert!((4_000..=4_801).contains(&three), "{three}");
        assert!(backoff(1_000, 40).num_milliseconds() <= 3_600_000 * 6 / 5 + 1);
    }
}
