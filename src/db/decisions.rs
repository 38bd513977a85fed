//! Decisions answered from memory and invalidated the moment they change, on every replica.
//!
//! Some lookups run on nearly every call and almost never change: the signed-in caller's
//! session standing (is the session live, is its user enabled) and the calendar's version. Each
//! process keeps them in a [`Decisions`] cache, one per database. Every change to what they
//! depend on calls [`changed`] inside its own transaction:
//!
//! - on PostgreSQL, `changed` runs `pg_notify` in that transaction, so the notification is
//!   delivered when (and only if) it commits; every process keeps one listening connection
//!   (a thread of its own) and drops the topic's cached answers when it arrives. The process
//!   that made the change drops them itself right after its commit, without waiting for its
//!   own notification.
//! - on SQLite (one process), `changed` drops the topic's cached answers in this process at once,
//!   and again after the commit (the one writer's group commit, or [`crate::db::write_tx`]'s).
//!
//! A cached answer carries the topic's epoch read *before* the database was asked; any change
//! moves the epoch, so an answer read from a snapshot older than the change is never served
//! afterwards. Only answers that let a call through are cached (a live session of an enabled
//! user with no password change due): a refusal is always read again.
//!
//! Bounded staleness, should a notification be lost: while the listening connection is down
//! (dropped, a failover) nothing is answered from memory; it is checked every
//! [`HEARTBEAT`], and when it comes back every cached answer is dropped before the cache is
//! trusted again. Every cached answer is also read again after [`MAX_AGE`] whatever happens
//! (a change made by hand in the database, or by a process on an older version).

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::hash::Hash;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicU8, Ordering};
use std::sync::{Arc, LazyLock, Mutex, Weak};
use std::time::{Duration, Instant};

use diesel::pg::PgConnection;
use diesel::prelude::*;

use crate::config::Secret;
use crate::db::{Backend, DbConnection};

/// The PostgreSQL notification channel of [`changed`].
pub const CHANNEL: &str = "plate_permits_decisions";
/// How long a cached answer may be served at most, even with no change announced.
pub const MAX_AGE: Duration = Duration::from_secs(5);
/// How often the listening connection is checked (a dropped one stops the cache within this).
pub const HEARTBEAT: Duration = Duration::from_millis(500);
/// How often the listening connection looks for notifications (the invalidation latency).
const POLL: Duration = Duration::from_millis(5);
/// Answers cached per topic at most (the map is emptied when full).
const MAX_ENTRIES: usize = 50_000;

/// What a cached answer depends on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Topic {
    /// Sessions and their users' standing (revoked, disabled, password change due).
    Sessions = 0,
    /// The calendar's version (holidays and working rules).
    Calendar = 1,
}

const TOPICS: [Topic; 2] = [Topic::Sessions, Topic::Calendar];

impl Topic {
    fn name(self) -> &'static str {
        match self {
            Topic::Sessions => "sessions",
            Topic::Calendar => "calendar",
        }
    }

    fn parse(s: &str) -> Option<Topic> {
        TOPICS.into_iter().find(|t| t.name() == s)
    }

    fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

struct Cached<V> {
    epoch: u64,
    at: Instant,
    value: V,
}

/// A map of cached answers of one topic.
struct Answers<K, V>(Mutex<HashMap<K, Cached<V>>>);

impl<K: Eq + Hash, V: Clone> Answers<K, V> {
    fn new() -> Self {
        Answers(Mutex::new(HashMap::new()))
    }

    fn get(&self, key: &K, epoch: u64) -> Option<V> {
        let map = self.0.lock().unwrap_or_else(|p| p.into_inner());
        map.get(key)
            .filter(|c| c.epoch == epoch && c.at.elapsed() < MAX_AGE)
            .map(|c| c.value.clone())
    }

    fn put(&self, key: K, epoch: u64, value: V) {
        let mut map = self.0.lock().unwrap_or_else(|p| p.into_inner());
        if map.len() >= MAX_ENTRIES {
            map.clear();
        }
        map.insert(
            key,
            Cached {
                epoch,
                at: Instant::now(),
                value,
            },
        );
    }

    fn clear(&self) {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).clear();
    }
}

/// The session standing that lets a call through, as cached: the session's expiry (checked
/// against each call's time).
pub type LiveSession = chrono::NaiveDateTime;

/// One process's cached decisions about one database.
pub struct Decisions {
    backend: Backend,
    epochs: [AtomicU64; TOPICS.len()],
    /// Whether cached answers may be served: always on SQLite; on PostgreSQL while the
    /// listening connection is up.
    trusted: AtomicBool,
    sessions: Answers<(String, String), LiveSession>,
    values: Answers<(u8, &'static str), String>,
    /// Answers served from memory and read from the database (for tests and the figures).
    hits: AtomicU64,
    misses: AtomicU64,
}

/// SQLite caches of this process (a change there is announced to all of them).
static LOCAL: LazyLock<Mutex<Vec<Weak<Decisions>>>> = LazyLock::new(|| Mutex::new(Vec::new()));
/// Topics changed by SQLite transactions not yet known to be committed.
static SQLITE_PENDING: AtomicU8 = AtomicU8::new(0);

thread_local! {
    /// The cache of the state whose database call runs on this thread (see [`Scope`]).
    static CURRENT: RefCell<Option<Arc<Decisions>>> = const { RefCell::new(None) };
    /// PostgreSQL topics this thread's transaction changed, dropped locally once committed.
    static PG_PENDING: Cell<u8> = const { Cell::new(0) };
}

impl Decisions {
    fn new(backend: Backend, trusted: bool) -> Decisions {
        Decisions {
            backend,
            epochs: Default::default(),
            trusted: AtomicBool::new(trusted),
            sessions: Answers::new(),
            values: Answers::new(),
            hits: AtomicU64::new(0),
            misses: AtomicU64::new(0),
        }
    }

    /// The cache for a database: on PostgreSQL with its listening thread (which stops when the
    /// cache is dropped); on SQLite registered for in-process announcements.
    pub fn open(backend: Backend, url: &Secret) -> Arc<Decisions> {
        match backend {
            Backend::Sqlite => {
                let d = Arc::new(Decisions::new(backend, true));
                let mut local = LOCAL.lock().unwrap_or_else(|p| p.into_inner());
                local.retain(|w| w.strong_count() > 0);
                local.push(Arc::downgrade(&d));
                d
            }
            Backend::Postgres => {
                let d = Arc::new(Decisions::new(backend, false));
                let weak = Arc::downgrade(&d);
                let url = url.clone();
                let spawned = std::thread::Builder::new()
                    .name("decisions-listen".into())
                    .spawn(move || listen(weak, url));
                if let Err(e) = spawned {
                    tracing::warn!(error = %e, "cannot start the cache's listener; decisions are read from the database");
                }
                d
            }
        }
    }

    /// A cache that never serves (tools, and callers with no state).
    pub fn disabled() -> Arc<Decisions> {
        Arc::new(Decisions::new(Backend::Postgres, false))
    }

    pub fn is_trusted(&self) -> bool {
        self.trusted.load(Ordering::Acquire)
    }

    /// The topic's epoch, to read before asking the database (see [`remember_session`](Self::remember_session)).
    pub fn epoch(&self, topic: Topic) -> u64 {
        self.epochs[topic as usize].load(Ordering::Acquire)
    }

    fn usable(&self, topic: Topic) -> bool {
        self.is_trusted() && !changed_here(topic)
    }

    /// Drops the topic's cached answers.
    pub fn invalidate(&self, topic: Topic) {
        self.epochs[topic as usize].fetch_add(1, Ordering::AcqRel);
        match topic {
            Topic::Sessions => self.sessions.clear(),
            Topic::Calendar => self.values.clear(),
        }
    }

    fn invalidate_all(&self) {
        for t in TOPICS {
            self.invalidate(t);
        }
    }

    /// A live session's expiry, if cached and still current.
    pub fn session(&self, session_id: &str, user_id: &str) -> Option<LiveSession> {
        if !self.usable(Topic::Sessions) {
            return None;
        }
        let found = self.sessions.get(
            &(session_id.to_owned(), user_id.to_owned()),
            self.epoch(Topic::Sessions),
        );
        self.count(found.is_some());
        found
    }

    /// Caches a live session read after `epoch` was taken.
    pub fn remember_session(&self, epoch: u64, session_id: &str, user_id: &str, v: LiveSession) {
        if self.usable(Topic::Sessions) {
            self.sessions
                .put((session_id.to_owned(), user_id.to_owned()), epoch, v);
        }
    }

    /// A cached value of `topic` under `key`.
    pub fn value(&self, topic: Topic, key: &'static str) -> Option<String> {
        if !self.usable(topic) {
            return None;
        }
        let found = self.values.get(&(topic as u8, key), self.epoch(topic));
        self.count(found.is_some());
        found
    }

    /// Caches a value of `topic` read after `epoch` was taken.
    pub fn remember_value(&self, topic: Topic, key: &'static str, epoch: u64, v: String) {
        if self.usable(topic) {
            self.values.put((topic as u8, key), epoch, v);
        }
    }

    fn count(&self, hit: bool) {
        let c = if hit { &self.hits } else { &self.misses };
        c.fetch_add(1, Ordering::Relaxed);
    }

    /// `(served from memory, read from the database)` since start.
    pub fn counts(&self) -> (u64, u64) {
        (
            self.hits.load(Ordering::Relaxed),
            self.misses.load(Ordering::Relaxed),
        )
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }
}

/// Whether this thread's open transaction changed `topic` (its own reads then skip the cache).
fn changed_here(topic: Topic) -> bool {
    PG_PENDING.with(|p| p.get() & topic.bit() != 0)
        || SQLITE_PENDING.load(Ordering::Acquire) & topic.bit() != 0
}

/// Announces, inside the changing transaction on `conn`, that `topic`'s answers change with it.
pub fn changed(conn: &mut DbConnection, topic: Topic) -> QueryResult<()> {
    match conn {
        DbConnection::Postgresql(pg) => {
            diesel::sql_query("SELECT pg_notify($1, $2)")
                .bind::<diesel::sql_types::Text, _>(CHANNEL)
                .bind::<diesel::sql_types::Text, _>(topic.name())
                .execute(pg)?;
            PG_PENDING.with(|p| p.set(p.get() | topic.bit()));
        }
        DbConnection::Sqlite(_) => {
            SQLITE_PENDING.fetch_or(topic.bit(), Ordering::AcqRel);
            each_local(|d| d.invalidate(topic));
        }
    }
    Ok(())
}

fn each_local(f: impl Fn(&Decisions)) {
    let local: Vec<Arc<Decisions>> = LOCAL
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .iter()
        .filter_map(Weak::upgrade)
        .collect();
    for d in &local {
        f(d);
    }
}

/// After a commit (or a rollback) on this thread: the topics changed are dropped from this
/// process's caches (on SQLite from all of them; on PostgreSQL from the cache of the state
/// whose call this is, the other processes hearing it by notification).
pub fn settle() {
    settle_postgres();
    settle_sqlite();
}

/// SQLite's part of [`settle`], after the one writer's group commit (a job's end is not its
/// commit).
pub fn settle_sqlite() {
    let sqlite = SQLITE_PENDING.swap(0, Ordering::AcqRel);
    if sqlite != 0 {
        each_local(|d| {
            for t in TOPICS.into_iter().filter(|t| sqlite & t.bit() != 0) {
                d.invalidate(t);
            }
        });
    }
}

fn settle_postgres() {
    let pg = PG_PENDING.with(|p| p.replace(0));
    if pg != 0 {
        CURRENT.with(|c| {
            if let Some(d) = c.borrow().as_ref() {
                for t in TOPICS.into_iter().filter(|t| pg & t.bit() != 0) {
                    d.invalidate(t);
                }
            }
        });
    }
}

/// The cache of the state whose database call runs on this thread, if any.
pub fn current() -> Option<Arc<Decisions>> {
    CURRENT.with(|c| c.borrow().clone())
}

/// Makes `d` the [`current`] cache of this thread until dropped; then settles what the call
/// changed on PostgreSQL (a change made outside [`crate::db::write_tx`] commits with its
/// statement; SQLite's are settled by the writer's commit).
pub struct Scope {
    previous: Option<Arc<Decisions>>,
}

impl Scope {
    pub fn enter(d: &Arc<Decisions>) -> Scope {
        let previous = CURRENT.with(|c| c.replace(Some(d.clone())));
        Scope { previous }
    }
}

impl Drop for Scope {
    fn drop(&mut self) {
        settle_postgres();
        let previous = self.previous.take();
        CURRENT.with(|c| *c.borrow_mut() = previous);
    }
}

/// The listening thread of one PostgreSQL cache: `LISTEN`, then drop each announced topic;
/// on any failure stop serving, reconnect, drop everything, serve again.
fn listen(cache: Weak<Decisions>, url: Secret) {
    let mut warned = false;
    loop {
        let Some(d) = cache.upgrade() else { return };
        d.trusted.store(false, Ordering::Release);
        d.invalidate_all();
        drop(d);
        let conn = crate::db::establish_postgres(url.expose()).and_then(|mut c| {
            diesel::sql_query(format!("LISTEN {CHANNEL}"))
                .execute(&mut c)
                .map_err(diesel::ConnectionError::CouldntSetupConfiguration)?;
            Ok(c)
        });
        let mut conn = match conn {
            Ok(c) => c,
            Err(e) => {
                if !warned {
                    tracing::warn!(error = %e, "cache listener cannot connect; decisions are read from the database until it does");
                    warned = true;
                }
                std::thread::sleep(HEARTBEAT);
                continue;
            }
        };
        if std::mem::take(&mut warned) {
            tracing::info!("cache listener connected again; cache flushed");
        }
        {
            let Some(d) = cache.upgrade() else { return };
            d.invalidate_all();
            d.trusted.store(true, Ordering::Release);
        }
        if let Err(e) = serve(&cache, &mut conn) {
            tracing::warn!(error = %e, "cache listener lost its connection; reconnecting");
            warned = true;
        } else {
            return;
        }
    }
}

/// Polls one listening connection until it fails (`Err`) or the cache is gone (`Ok`).
fn serve(cache: &Weak<Decisions>, conn: &mut PgConnection) -> QueryResult<()> {
    let mut beat = Instant::now();
    loop {
        std::thread::sleep(POLL);
        let Some(d) = cache.upgrade() else {
            return Ok(());
        };
        for n in conn.notifications_iter() {
            let n = n?;
            match Topic::parse(&n.payload) {
                Some(t) => d.invalidate(t),
                None => d.invalidate_all(),
            }
        }
        if beat.elapsed() >= HEARTBEAT {
            diesel::sql_query("SELECT 1").execute(conn)?;
            beat = Instant::now();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_read_before_a_change_is_never_served_after_it() {
        let d = Decisions::new(Backend::Sqlite, true);
        let at = chrono::NaiveDateTime::default();
        let before = d.epoch(Topic::Sessions);
        d.invalidate(Topic::Sessions);
        d.remember_session(before, "s", "u", at);
        assert_eq!(d.session("s", "u"), None);
        let now = d.epoch(Topic::Sessions);
        d.remember_session(now, "s", "u", at);
        assert_eq!(d.session("s", "u"), Some(at));
        d.invalidate(Topic::Calendar);
        assert_eq!(d.session("s", "u"), Some(at), "other topics leave it");
        d.trusted.store(false, Ordering::Release);
        assert_eq!(d.session("s", "u"), None, "an untrusted cache never serves");
    }
}
