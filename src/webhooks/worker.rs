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
use diesel::prelude::*;
use rand::Rng;

use crate::clock::now;
use crate::db::schema::{events, webhook_deliveries as wd, webhooks};
use crate::db::{write_tx, DbConnection};
use crate::error::ApiResult;
use crate::events::outbox;
use crate::state::AppState;
use crate::webhooks::crypto::sign;
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

type Hook = (String, String, Option<String>, i64);

/// Creates deliveries for events past each subscription's fan-out position.
fn fanout(conn: &mut DbConnection, window: TimeDelta) -> ApiResult<()> {
    write_tx(conn, |c| {
        if let DbConnection::Postgresql(pg) = c {
            pg.batch_execute(&format!("SELECT pg_advisory_xact_lock({FANOUT_LOCK})"))?;
        }
        let hooks: Vec<Hook> = webhooks::table
            .filter(webhooks::deleted_at.is_null())
            .select((
                webhooks::id,
                webhooks::types,
                webhooks::organisation_id,
                webhooks::fanout_position,
            ))
            .load(c)?;
        let at = now();
        for (hook_id, types, org, from) in hooks {
            let evs: Vec<(Option<i64>, String, Option<String>)> = events::table
                .filter(events::position.gt(from))
                .order(events::position.asc())
                .limit(500)
                .select((
                    events::position,
                    events::event_type,
                    events::organisation_id,
                ))
                .load(c)?;
            let Some(last) = evs.last().and_then(|e| e.0) else {
                continue;
            };
            let wanted: Vec<&str> = types.split(',').collect();
            for (pos, t, ev_org) in &evs {
                let Some(pos) = pos else { continue };
                if !wanted.contains(&t.as_str()) {
                    continue;
                }
                if let Some(o) = &org {
                    if ev_org.as_deref() != Some(o.as_str()) {
                        continue;
                    }
                }
                diesel::insert_into(wd::table)
                    .values((
                        wd::id.eq(uuid::Uuid::now_v7().to_string()),
                        wd::webhook_id.eq(&hook_id),
                        wd::event_position.eq(pos),
                        wd::status.eq("pending"),
                        wd::attempts.eq(0),
                        wd::next_attempt_at.eq(at),
                        wd::give_up_at.eq(at + window),
                        wd::created_at.eq(at),
                        wd::updated_at.eq(at),
                    ))
                    .execute(c)?;
            }
            diesel::update(webhooks::table.find(&hook_id))
                .set(webhooks::fanout_position.eq(last))
                .execute(c)?;
        }
        Ok(())
    })
}

fn claim(outbound: &Outbound, conn: &mut DbConnection) -> ApiResult<Vec<Claimed>> {
    let at = now();
    let ids: Vec<String> = write_tx(conn, |c| {
        let due = wd::table
            .filter(wd::status.eq("pending"))
            .filter(wd::next_attempt_at.le(at))
            .filter(wd::locked_until.is_null().or(wd::locked_until.lt(at)))
            .order(wd::next_attempt_at.asc())
            .limit(BATCH)
            .select(wd::id);
        let ids: Vec<String> = match c {
            DbConnection::Postgresql(pg) => due.for_update().skip_locked().load(pg)?,
            DbConnection::Sqlite(lite) => due.load(lite)?,
        };
        if !ids.is_empty() {
            diesel::update(wd::table.filter(wd::id.eq_any(&ids)))
                .set(wd::locked_until.eq(at + LEASE))
                .execute(c)?;
        }
        Ok(ids)
    })?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        let (hook_id, pos, attempts, give_up_at): (String, i64, i32, NaiveDateTime) = wd::table
            .find(&id)
            .select((
                wd::webhook_id,
                wd::event_position,
                wd::attempts,
                wd::give_up_at,
            ))
            .first(conn)?;
        let (url, secret_enc, prev_enc, prev_until): (
            String,
            String,
            Option<String>,
            Option<NaiveDateTime>,
        ) = webhooks::table
            .find(&hook_id)
            .select((
                webhooks::url,
                webhooks::secret_enc,
                webhooks::previous_secret_enc,
                webhooks::previous_valid_until,
            ))
            .first(conn)?;
        let mut secrets = vec![outbound
            .secrets
            .open(&secret_enc)
            .map_err(crate::error::ApiError::internal)?];
        if let (Some(p), Some(until)) = (prev_enc, prev_until) {
            if until > at {
                secrets.push(
                    outbound
                        .secrets
                        .open(&p)
                        .map_err(crate::error::ApiError::internal)?,
                );
            }
        }
        let body = crate::events::routes::event_json(conn, pos)?;
        out.push(Claimed {
            id,
            url,
            secrets,
            event_id: pos.to_string(),
            body,
            attempts,
            give_up_at,
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
    let window = TimeDelta::seconds(state.config.webhook_retry_window_secs as i64);
    let ob = outbound.clone();
    let claimed = state
        .db(move |conn| {
            outbox::sequence(conn)?;
            fanout(conn, window)?;
            claim(&ob, conn)
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

async fn deliver(state: &AppState, outbound: &Outbound, d: Claimed) {
    let timestamp = chrono::Utc::now().timestamp();
    let signature = d
        .secrets
        .iter()
        .filter_map(|s| sign(s, &d.event_id, timestamp, &d.body).ok())
        .collect::<Vec<_>>()
        .join(" ");
    let result = outbound
        .http
        .post(&d.url)
        .header("content-type", "application/json")
        .header("webhook-id", &d.event_id)
        .header("webhook-timestamp", timestamp.to_string())
        .header("webhook-signature", signature)
        .body(d.body.clone())
        .send()
        .await;
    let (ok, status, error, excerpt) = match result {
        Ok(resp) => {
            let status = resp.status();
            let text = resp.text().await.unwrap_or_default();
            let excerpt: String = text.chars().take(256).collect();
            (
                status.is_success(),
                Some(i32::from(status.as_u16())),
                (!status.is_success()).then(|| format!("HTTP {}", status.as_u16())),
                Some(excerpt),
            )
        }
        Err(e) => (
            false,
            None,
            Some(if e.is_timeout() {
                "timeout".to_owned()
            } else {
                "connection failed".to_owned()
            }),
            None,
        ),
    };
    let base = state.config.webhook_backoff_base_ms;
    let id = d.id.clone();
    let give_up_at = d.give_up_at;
    let attempts = d.attempts + 1;
    let res = state
        .db(move |conn| {
            let at = now();
            let (status_text, next) = if ok {
                ("delivered", at)
            } else {
                let exp = base
                    .saturating_mul(1u64 << (attempts.clamp(1, 20) - 1) as u64)
                    .min(3_600_000);
                let jitter = rand::thread_rng().gen_range(0..=exp / 5 + 1);
                let next = at + TimeDelta::milliseconds((exp + jitter) as i64);
                if next >= give_up_at {
                    ("failed", at)
                } else {
                    ("pending", next)
                }
            };
            diesel::update(wd::table.find(&id))
                .set((
                    wd::status.eq(status_text),
                    wd::attempts.eq(attempts),
                    wd::next_attempt_at.eq(next),
                    wd::locked_until.eq(None::<NaiveDateTime>),
                    wd::last_status.eq(status),
                    wd::last_error.eq(error),
                    wd::response_excerpt.eq(excerpt),
                    wd::updated_at.eq(at),
                ))
                .execute(conn)?;
            Ok(())
        })
        .await;
    if let Err(e) = res {
        tracing::warn!(error = %e, "could not record a webhook attempt");
    }
}
