//! Recording entries: a change's entry in the change's transaction ([`record`]); a read's
//! through the [`Trail`] so that reads stay reads; and the retention purge.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, NaiveDateTime, TimeDelta, Timelike, Utc};
use serde::Serialize;

use crate::audit::model::{Action, Actor, AuditQuery, AuditRow, Detail, Entry, Subject};
use crate::audit::store;
use crate::audit::views::AccessLogEntry;
use crate::clock::Clock;
use crate::db::{Backend, DbConnection};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// Writes one entry, made at `at`, in the caller's transaction.
pub fn record(conn: &mut DbConnection, at: NaiveDateTime, e: Entry) -> ApiResult<()> {
    store::insert(conn, at, e)
}

/// Entries of reads (a request viewed, a document downloaded). A read stays a read on both
/// databases: the entry, stamped with the read's time, waits here and [`Trail::flush`] writes
/// the waiting ones in one transaction, with one multi-row insert (every
/// `AUDIT_FLUSH_INTERVAL_MS`, before the audit is read, and on shutdown). On SQLite the read
/// does not queue behind the one writer; on PostgreSQL it does not commit (and flush the WAL)
/// per read. An entry can be lost only if the process dies within that interval of the read
/// (docs/operators: the audit page gives the figures of the crash test).
///
/// The waiting entries are capped at [`WAITING_READS_CAP`]: while flushes fail (a full disk, a
/// database held by another process), a read past the cap is refused with 503 rather than
/// served unrecorded or held in ever more memory.
#[derive(Clone)]
pub struct Trail {
    backend: Backend,
    /// Stamps each read's entry with the time of the read.
    clock: Clock,
    pending: Arc<Mutex<Vec<(NaiveDateTime, Entry)>>>,
    cap: usize,
    /// Authorization denials waiting, one per (principal, target, minute) with its count.
    denials: Arc<Mutex<HashMap<DenialKey, Denied>>>,
    /// Held while a batch is taken and written: a flush that finds nothing waiting still waits
    /// for one in flight (the periodic one), so an audit query's flush reads its own reads.
    writing: Arc<tokio::sync::Mutex<()>>,
}

/// A denial's aggregation key: the principal, the target (`METHOD path`), the minute.
type DenialKey = (String, String, NaiveDateTime);

/// The denials of one key counted so far: the entry (without its detail yet), the status
/// answered and how many times.
struct Denied {
    entry: Entry,
    status: u16,
    count: u64,
}

/// The detail of `access.denied`: the status answered (403 or 404), how many times in the
/// minute, and the minute (UTC).
#[derive(Serialize)]
struct AccessDenied {
    status: u16,
    count: u64,
    minute: DateTime<Utc>,
}

/// Read entries that may wait in memory (a few hundred bytes each). A flush every
/// `AUDIT_FLUSH_INTERVAL_MS` keeps a few thousand at most at full load; this many means
/// flushes have been failing.
pub const WAITING_READS_CAP: usize = 50_000;

impl Trail {
    pub fn new(backend: Backend, clock: Clock) -> Self {
        Self::with_cap(backend, clock, WAITING_READS_CAP)
    }

    /// A trail holding at most `cap` waiting read entries.
    pub fn with_cap(backend: Backend, clock: Clock, cap: usize) -> Self {
        Trail {
            backend,
            clock,
            pending: Arc::new(Mutex::new(Vec::new())),
            cap,
            denials: Arc::new(Mutex::new(HashMap::new())),
            writing: Arc::new(tokio::sync::Mutex::new(())),
        }
    }

    /// Queues `e`, made now, on either database, to be written by the next [`flush`](Self::flush)
    /// (for callers holding no connection: list reads, throttled credential failures). Past
    /// the cap the entry is dropped with a warning rather than refusing the answer (a throttled
    /// attempt is refused anyway).
    pub fn queue(&self, e: Entry) {
        let at = self.clock.now();
        match self.pending.lock() {
            Ok(mut p) if p.len() < self.cap => p.push((at, e)),
            _ => tracing::warn!(action = %e.action.as_str(), "audit queue full; entry dropped"),
        }
    }

    /// Counts one 403/404 answered to `principal` on `target` (`METHOD path`): one entry per
    /// principal, target and minute, with `detail.count`, written once the minute is over (or
    /// before the audit is read).
    pub fn deny(&self, principal: &Actor, target: &str, status: u16) {
        let at = self.clock.now();
        let minute = at
            .with_second(0)
            .and_then(|t| t.with_nanosecond(0))
            .unwrap_or(at);
        let Ok(mut d) = self.denials.lock() else {
            return;
        };
        if d.len() >= self.cap {
            tracing::warn!("audit denial aggregator full; denial not recorded");
            return;
        }
        let key = (principal.id.clone(), target.to_owned(), minute);
        let slot = d.entry(key).or_insert_with(|| Denied {
            entry: Entry::by(principal, Action::AccessDenied, Subject::Resource, target),
            status,
            count: 0,
        });
        slot.count += 1;
    }

    /// Moves the denial buckets of minutes before `before` (all with `None`) to the waiting
    /// entries, stamped with their minute and their count.
    fn settle_denials(&self, before: Option<NaiveDateTime>) {
        let Ok(mut d) = self.denials.lock() else {
            return;
        };
        let due: Vec<DenialKey> = d
            .keys()
            .filter(|(_, _, m)| before.is_none_or(|b| *m < b))
            .cloned()
            .collect();
        if due.is_empty() {
            return;
        }
        let Ok(mut p) = self.pending.lock() else {
            return;
        };
        for k in due {
            if let Some(denied) = d.remove(&k) {
                let e = denied.entry.detail(AccessDenied {
                    status: denied.status,
                    count: denied.count,
                    minute: crate::clock::utc(k.2),
                });
                p.push((k.2, e));
            }
        }
    }

    /// Records the read `e`, made now, from inside the read's database call on `conn`: it
    /// waits for the next flush. With the waiting entries at the cap, the read fails (503 with
    /// `Retry-After`) and nothing is recorded or served.
    pub fn read(&self, _conn: &mut DbConnection, e: Entry) -> ApiResult<()> {
        let at = self.clock.now();
        let mut pending = self
            .pending
            .lock()
            .map_err(|_| ApiError::internal("audit trail lock poisoned"))?;
        if pending.len() >= self.cap {
            return Err(ApiError::audit_backlog_full());
        }
        pending.push((at, e));
        Ok(())
    }

    /// Which database the entries go to.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// How many read entries wait to be written.
    pub fn waiting(&self) -> usize {
        self.pending.lock().map(|p| p.len()).unwrap_or(0)
    }

    /// Writes the waiting entries (and every denial counted so far) in one transaction; on
    /// failure they wait for the next try.
    pub async fn flush(&self, state: &AppState) -> ApiResult<usize> {
        self.settle_denials(None);
        self.write_waiting(state).await
    }

    /// The periodic flush: denials only of minutes that are over, so each minute's count is
    /// one entry.
    pub async fn flush_settled(&self, state: &AppState) -> ApiResult<usize> {
        let now = self.clock.now();
        let minute = now
            .with_second(0)
            .and_then(|t| t.with_nanosecond(0))
            .unwrap_or(now);
        self.settle_denials(Some(minute));
        self.write_waiting(state).await
    }

    async fn write_waiting(&self, state: &AppState) -> ApiResult<usize> {
        let _writing = self.writing.lock().await;
        let batch = match self.pending.lock() {
            Ok(mut p) if !p.is_empty() => std::mem::take(&mut *p),
            _ => return Ok(0),
        };
        let n = batch.len();
        let kept = batch.clone();
        match state.tx(move |c| store::insert_many(c, batch)).await {
            Ok(()) => Ok(n),
            Err(e) => {
                if let Ok(mut p) = self.pending.lock() {
                    let later = std::mem::take(&mut *p);
                    *p = kept;
                    p.extend(later);
                }
                Err(e)
            }
        }
    }
}

/// Writes waiting read entries every `every` until the process ends.
pub async fn flush_periodically(state: AppState, trail: Trail, every: std::time::Duration) {
    let mut tick = tokio::time::interval(every);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        if let Err(e) = trail.flush_settled(&state).await {
            tracing::warn!(error = %e, waiting = trail.waiting(), "audit flush failed");
        }
    }
}

/// Purges entries older than `retention_days` every `every` until the process ends (every
/// replica runs it; the deletes are idempotent).
pub async fn purge_periodically(state: AppState, retention_days: u32, every: std::time::Duration) {
    let mut tick = tokio::time::interval(every);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        let at = state.clock.now();
        match state
            .write(move |c| purge_expired(c, retention_days, at))
            .await
        {
            Ok(0) => {}
            Ok(n) => tracing::info!(count = n, "audit entries past retention purged"),
            Err(e) => tracing::warn!(error = %e, "audit purge failed"),
        }
    }
}

/// A page of `GET /audit`.
pub fn list(conn: &mut DbConnection, q: &AuditQuery) -> ApiResult<Vec<AuditRow>> {
    store::list(conn, q)
}

/// The audit part of a request's access log, oldest first.
pub fn about_request(
    conn: &mut DbConnection,
    clock: &crate::clock::Clock,
    request_id: &str,
) -> ApiResult<Vec<AccessLogEntry>> {
    Ok(store::about_request(conn, request_id)?
        .into_iter()
        .map(|r| AccessLogEntry::from_audit(r, clock))
        .collect())
}

/// The sign-in module's [`AccountHook`](crate::auth::service::AccountHook): a sign-in (or its
/// refusal, with the reason, never the password) or a password change, in its transaction.
pub fn record_account_event(
    conn: &mut DbConnection,
    n: &crate::auth::service::AccountNote<'_>,
) -> ApiResult<()> {
    use crate::auth::service::{AccountEvent, SignInFailure};
    let (action, detail) = match n.event {
        AccountEvent::SignedIn => (Action::LoginSuccess, None),
        AccountEvent::SignInRefused(reason) => (
            Action::LoginFailure,
            Some(Detail::of(&SignInFailure {
                reason,
                username: None,
            })),
        ),
        AccountEvent::PasswordChanged => (Action::UserPasswordChanged, None),
    };
    let mut e = Entry::anonymous(action, Subject::User, n.origin);
    e.actor_id = n.user_id.map(str::to_owned);
    e.subject_id = n.user_id.map(str::to_owned);
    e.actor_role = n.role;
    e.organisation_id = n.organisation_id.map(str::to_owned);
    e.detail = detail;
    record(conn, n.at, e)
}

/// Records that `user` read `subject` (`subject_id`), part of the permit request
/// `request_id`, through the [`Trail`], from inside the read's database call.
pub fn note_read(
    conn: &mut DbConnection,
    trail: &Trail,
    user: &crate::auth::AuthUser,
    action: crate::audit::model::Action,
    subject: crate::audit::model::Subject,
    subject_id: &str,
    request_id: &str,
) -> ApiResult<()> {
    let actor = crate::audit::model::Actor::of(user);
    trail.read(
        conn,
        Entry::by(&actor, action, subject, subject_id).about(request_id),
    )
}

/// Purges the entries older than `retention_days` before `at` (see
/// [`store::purge_before`]); returns how many went.
pub fn purge_expired(
    conn: &mut DbConnection,
    retention_days: u32,
    at: NaiveDateTime,
) -> ApiResult<usize> {
    let before = at - TimeDelta::days(i64::from(retention_days));
    crate::db::write_tx(conn, |c| store::purge_before(c, before))
}

#[cfg(test)]
mod tests {
    use diesel::Connection;

    use super::*;
    use crate::audit::model::{Action, Subject};
    use crate::http::client::Origin;

    fn at() -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 3, 21)
            .and_then(|d| d.and_hms_opt(6, 30, 0))
            .unwrap()
    }

    fn entry() -> Entry {
        let origin = Origin {
            client_ip: "127.0.0.1".into(),
            request_id: None,
        };
        Entry::anonymous(Action::RequestViewed, Subject::Request, &origin)
    }

    #[test]
    fn a_read_past_the_cap_of_waiting_entries_is_refused_with_503() {
        let conn = diesel::sqlite::SqliteConnection::establish(":memory:").unwrap();
        let mut conn = DbConnection::Sqlite(conn);
        let clock = crate::clock::Clock::fixed(at(), chrono_tz::Asia::Tehran);
        let trail = Trail::with_cap(Backend::Sqlite, clock, 2);
        trail.read(&mut conn, entry()).unwrap();
        trail.read(&mut conn, entry()).unwrap();
        let refused = trail.read(&mut conn, entry()).unwrap_err();
        assert_eq!(
            actix_web::ResponseError::status_code(&refused).as_u16(),
            503
        );
        assert_eq!(trail.waiting(), 2, "the refused read left no entry");
        // Once a flush takes the waiting entries, reads are recorded again.
        trail.pending.lock().unwrap().clear();
        trail.read(&mut conn, entry()).unwrap();
        assert_eq!(trail.waiting(), 1);
    }
}
