//! An optional PostgreSQL standby for reads that may lag a little (`DATABASE_READ_URL`): the
//! SLA report and the list endpoints. A monitor measures how current the standby is, and reads
//! go to it only while it is within `DATABASE_READ_MAX_LAG_SECS`; otherwise, and whenever it
//! cannot be reached, they go to the primary.
//!
//! How current it is: every second the monitor reads the primary's WAL position (`L`, at time
//! `t0`) and then asks the standby whether it has replayed up to `L`. When it has, the standby
//! holds every write committed before `t0`, and `fresh_as_of = t0`. A read is sent to the
//! standby only while `now - fresh_as_of <= max_lag`, so **a read from the standby misses only
//! writes committed less than `max_lag` before it** (plus the clock's resolution, one
//! millisecond). A server that is not in recovery (the primary itself, or a pooler in front of
//! it) counts as current at once.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use diesel::prelude::*;
use diesel::sql_types::{Bool, Text};

use crate::db::{DbConnection, Pool};

/// How often the monitor measures the standby.
pub const CHECK_INTERVAL: Duration = Duration::from_secs(1);

/// The standby's pool and how current it was last found.
pub struct Standby {
    pub pool: Pool,
    max_lag: Duration,
    /// Milliseconds (on [`now_ms`]'s monotonic scale) up to which the standby holds every
    /// committed write (0: not yet known).
    fresh_as_of_ms: AtomicU64,
}

/// Milliseconds on a monotonic scale that starts at 1 (lag is a duration, measured in real
/// time whatever the service's clock says).
fn now_ms() -> u64 {
    static START: OnceLock<Instant> = OnceLock::new();
    START.get_or_init(Instant::now).elapsed().as_millis() as u64 + 1
}

#[derive(QueryableByName)]
struct Position {
    #[diesel(sql_type = Text)]
    lsn: String,
}

#[derive(QueryableByName)]
struct CaughtUp {
    #[diesel(sql_type = Bool)]
    caught_up: bool,
}

impl Standby {
    pub fn new(pool: Pool, max_lag: Duration) -> Self {
        Standby {
            pool,
            max_lag,
            fresh_as_of_ms: AtomicU64::new(0),
        }
    }

    /// Whether a read may go to the standby now.
    pub fn usable(&self) -> bool {
        let fresh = self.fresh_as_of_ms.load(Ordering::Acquire);
        fresh > 0 && now_ms().saturating_sub(fresh) <= self.max_lag.as_millis() as u64
    }

    /// The standby was found unreachable: reads go to the primary until it is measured again.
    pub fn mark_unreachable(&self) {
        self.fresh_as_of_ms.store(0, Ordering::Release);
    }

    /// One measurement (blocking): the primary's WAL position, then whether the standby has
    /// replayed it.
    pub fn measure(&self, primary: &Pool) -> Result<bool, String> {
        let t0 = now_ms();
        let mut p = primary.get().map_err(|e| e.to_string())?;
        let position = current_position(&mut p)?;
        drop(p);
        let mut s = self.pool.get().map_err(|e| e.to_string())?;
        let caught_up = diesel::sql_query(
            "SELECT CASE WHEN pg_is_in_recovery() \
             THEN COALESCE(pg_last_wal_replay_lsn() >= $1::pg_lsn, false) \
             ELSE true END AS caught_up",
        )
        .bind::<Text, _>(&position)
        .get_result::<CaughtUp>(&mut *s)
        .map_err(|e| e.to_string())?
        .caught_up;
        if caught_up {
            self.fresh_as_of_ms.fetch_max(t0, Ordering::AcqRel);
        }
        Ok(caught_up)
    }

    /// Measures the standby every [`CHECK_INTERVAL`] for as long as the process runs.
    pub async fn monitor(self: Arc<Self>, primary: Pool) {
        let mut was_usable = None;
        loop {
            let me = self.clone();
            let p = primary.clone();
            let outcome = actix_web::web::block(move || me.measure(&p)).await;
            if let Ok(Err(_)) = &outcome {
                self.mark_unreachable();
            }
            let usable = self.usable();
            if was_usable != Some(usable) {
                match &outcome {
                    Ok(Err(e)) => tracing::warn!(error = %e, usable, "read standby"),
                    _ => tracing::info!(usable, "read standby"),
                }
                was_usable = Some(usable);
            }
            tokio::time::sleep(CHECK_INTERVAL).await;
        }
    }
}

fn current_position(conn: &mut DbConnection) -> Result<String, String> {
    diesel::sql_query(
        "SELECT (CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn() \
         ELSE pg_current_wal_lsn() END)::text AS lsn",
    )
    .get_result::<Position>(conn)
    .map(|p| p.lsn)
    .map_err(|e| e.to_string())
}
