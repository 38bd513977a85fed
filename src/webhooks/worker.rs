//! The delivery worker. It runs in every replica: sequences new events, fans them out to
//! matching subscriptions (one delivery row per subscription and event, unique), claims due
//! deliveries with a lease (`FOR UPDATE SKIP LOCKED` on PostgreSQL, so two replicas never take
//! the same attempt), and sends them concurrently with a short timeout, so a slow or dead
//! receiver never holds up the others. A replica killed mid-delivery loses nothing: its lease
//! expires and another attempt follows.

use std::sync::Arc;
use std::time::Duration;

use chrono::{NaiveDateTime, TimeDelta};
use diesel::connection::SimpleConnection;
use rand::Rng;

use crate::clock::Clock;
use crate::db::{write_tx, DbConnection};
use crate::error::{ApiError, ApiResult};
use crate::events::{outbox, queries as events_store};
use crate::state::AppState;
use crate::webhooks::crypto::sign;
use crate::webhooks::destination::Outgoing;
use crate::webhooks::model::{split_types, DeliveryStatus};
use crate::webhooks::store::{self, Attempt};
use crate::webhooks::Outbound;

const LEASE: TimeDelta = TimeDelta::seconds(60);
const BATCH: i64 = 20;
const FANOUT_LOCK: i64 = 0x7765_6268_6f6f_6b66;

/// Attempts in flight at once per process.
const MAX_IN_FLIGHT: usize = 32;

/// Runs until the process ends.
pub async fn run(state: AppState, outbound: Arc<Outbound>) {
    let slots = Arc::new(tokio::sync::Semaphore::new(MAX_IN_FLIGHT));
    loop {
        if let Err(e) = tick(&state, &outbound, &slots).await {
            tracing::warn!(error = %e, "webhook worker tick failed");
        }
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
}

struct Claimed {
    id: String,
    url: String,
    secrets: Vec<String>,
    event_id: String,
    body: String,
    attempts: i32,
    give_up_at: NaiveDateTime,
}

/// Creates deliveries for events past each subscription's fan-out position.
fn fanout(conn: &mut DbConnection, window: TimeDelta, at: NaiveDateTime) -> ApiResult<()> {
    write_tx(conn, |c| {
        if let DbConnection::Postgresql(pg) = c {
            pg.batch_execute(&format!("SELECT pg_advisory_xact_lock({FANOUT_LOCK})"))?;
        }
        for hook in store::fanout_hooks(c)? {
            let evs = events_store::routing_after(c, hook.fanout_position, 500)?;
            let Some(last) = evs.last().map(|e| e.position) else {
                continue;
            };
            let wanted = split_types(&hook.types)?;
            for ev in &evs {
                if !wanted.contains(&ev.event_type) {
                    continue;
                }
                if let Some(o) = &hook.organisation_id {
                    if ev.organisation_id.as_deref() != Some(o.as_str()) {
                        continue;
                    }
                }
                store::insert_delivery(c, &hook.id, ev.position, at, at + window)?;
            }
            store::set_fanout_position(c, &hook.id, last)?;
        }
        Ok(())
    })
}

fn claim(outbound: &Outbound, clock: &Clock, conn: &mut DbConnection) -> ApiResult<Vec<Claimed>> {
    let at = clock.now();
    let ids: Vec<String> = write_tx(conn, |c| store::lease_due(c, at, LEASE, BATCH))?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        let d = store::leased(conn, &id)?;
        let mut secrets = vec![outbound
            .secrets
            .open(&d.secret_enc)
            .map_err(ApiError::internal)?];
        if let (Some(p), Some(until)) = (d.previous_secret_enc, d.previous_valid_until) {
            if until > at {
                secrets.push(outbound.secrets.open(&p).map_err(ApiError::internal)?);
            }
        }
        let body = crate::events::service::event_json(conn, clock, d.event_position)?;
        out.push(Claimed {
            id,
            url: d.url,
            secrets,
            event_id: d.event_position.to_string(),
            body,
            attempts: d.attempts,
            give_up_at: d.give_up_at,
        });
    }
    Ok(out)
}

async fn tick(
    state: &AppState,
    outbound: &Arc<Outbound>,
    slots: &Arc<tokio::sync::Semaphore>,
) -> ApiResult<()> {
    // Claim no more than can be sent now; each claimed attempt is leased to this process.
    if slots.available_permits() == 0 {
        return Ok(());
    }
    let window = TimeDelta::seconds(state.config.webhooks.retry_window_secs as i64);
    let ob = outbound.clone();
    let clock = state.clock;
    let claimed = state
        .write(move |conn| {
            outbox::sequence(conn)?;
            fanout(conn, window, clock.now())?;
            claim(&ob, &clock, conn)
        })
        .await?;
    // Each attempt runs on its own, so a slow or dead receiver holds up nobody else.
    for d in claimed {
        let Ok(permit) = slots.clone().acquire_owned().await else {
            break;
        };
        let st = state.clone();
        let ob = outbound.clone();
        tokio::spawn(async move {
            deliver(&st, &ob, d).await;
            drop(permit);
        });
    }
    Ok(())
}

/// After a failed attempt: pending again after an exponential backoff from `base` ms (at most
/// an hour, with up to a fifth more of jitter), or failed for good when that is past
/// `give_up_at`.
fn retry_after_failure(
    base: u64,
    attempts: i32,
    give_up_at: NaiveDateTime,
    at: NaiveDateTime,
) -> (DeliveryStatus, NaiveDateTime) {
    let exp = base
        .saturating_mul(1u64 << (attempts.clamp(1, 20) - 1) as u64)
        .min(3_600_000);
    let jitter = rand::thread_rng().gen_range(0..=exp / 5 + 1);
    let next = at + TimeDelta::milliseconds((exp + jitter) as i64);
    if next >= give_up_at {
        (DeliveryStatus::Failed, at)
    } else {
        (DeliveryStatus::Pending, next)
    }
}

async fn deliver(state: &AppState, outbound: &Outbound, d: Claimed) {
    let timestamp = state.clock.now().and_utc().timestamp();
    let signature = d
        .secrets
        .iter()
        .filter_map(|s| sign(s, &d.event_id, timestamp, &d.body).ok())
        .collect::<Vec<_>>()
        .join(" ");
    let outcome = outbound
        .dispatch
        .send(Outgoing {
            url: &d.url,
            headers: vec![
                ("content-type", "application/json".to_owned()),
                ("webhook-id", d.event_id.clone()),
                ("webhook-timestamp", timestamp.to_string()),
                ("webhook-signature", signature),
            ],
            body: d.body,
        })
        .await;
    let ok = outcome.failure.is_none();
    let http_status = outcome.status.map(i32::from);
    let error = outcome.failure.map(|f| f.as_str().to_owned());
    let base = state.config.webhooks.backoff_base_ms;
    let id = d.id.clone();
    let give_up_at = d.give_up_at;
    let attempts = d.attempts + 1;
    let clock = state.clock;
    let res = state
        .write(move |conn| {
            let at = clock.now();
            let (status, next) = if ok {
                (DeliveryStatus::Delivered, at)
            } else {
                retry_after_failure(base, attempts, give_up_at, at)
            };
            store::record_attempt(
                conn,
                &id,
                Attempt {
                    status,
                    attempts,
                    next_attempt_at: next,
                    last_status: http_status,
                    last_error: error,
                    at,
                },
            )
        })
        .await;
    if let Err(e) = res {
        tracing::warn!(error = %e, "could not record a webhook attempt");
    }
}
