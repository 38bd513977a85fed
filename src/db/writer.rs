//! SQLite's one writer: every write of this process runs on one dedicated connection, fed by a
//! queue, so writers wait their turn in memory instead of sleeping in `busy_timeout`.
//!
//! SQLite lets one connection write at a time. With a pool of writers each takes the lock with
//! `BEGIN IMMEDIATE` and the others poll for it with `busy_timeout`, whose back-off sleeps (1,
//! 2, 5, … 100 ms) make the latency tail. Here a thread owns the write connection and takes the
//! waiting jobs in groups: one `BEGIN IMMEDIATE`, each job inside a savepoint of its own (its
//! own transactions nest as savepoints within it), one `COMMIT` for the group. A caller hears
//! the outcome only after the group committed, so nothing is acknowledged before it is durable.
//! Reads stay on the pool and run concurrently under WAL.
//!
//! A job sees the writes of the jobs before it in its group, as it would have after their
//! commit; a job's error rolls back only the transactions it opened (statements it ran outside
//! one stay, as in autocommit), and a job that panics is rolled back to its savepoint alone.
//!
//! Another process writing to the same file is still safe: the group's `BEGIN IMMEDIATE` and
//! the connection's `busy_timeout` remain the lock between processes.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::thread;

use diesel::connection::{AnsiTransactionManager, Connection, TransactionManager};
use tokio::sync::{mpsc, oneshot};

use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult};

/// Jobs taken into one transaction at most; more waiting simply form the next group.
const MAX_GROUP: usize = 64;
/// Jobs that may wait for the writer before callers wait to enqueue.
const QUEUE: usize = 1024;

/// One queued piece of work: run on the writer's connection, then told the group's outcome.
trait Job: Send {
    fn run(&mut self, conn: &mut DbConnection);
    /// Called once the group committed (`Ok`) or failed (`Err`, the transaction rolled back).
    fn finish(self: Box<Self>, group: Result<(), &GroupFailure>);
}

/// Why a group did not commit: every job in it hears the same.
#[derive(Debug)]
struct GroupFailure(String);

impl GroupFailure {
    fn from_db(err: diesel::result::Error) -> GroupFailure {
        GroupFailure(err.to_string())
    }

    /// Another process holding the lock past `busy_timeout` is a retryable 503; anything else
    /// an internal error.
    fn to_error(&self) -> ApiError {
        if self.0.contains("locked") || self.0.contains("busy") {
            ApiError::service_unavailable()
        } else {
            ApiError::internal(format!("database: {}", self.0))
        }
    }
}

struct Task<T, F, A> {
    work: Option<F>,
    result: Option<ApiResult<T>>,
    after: Option<A>,
    reply: Option<oneshot::Sender<ApiResult<T>>>,
}

impl<T, F, A> Job for Task<T, F, A>
where
    T: Send,
    F: FnOnce(&mut DbConnection) -> ApiResult<T> + Send,
    A: FnOnce(ApiResult<T>) -> ApiResult<T> + Send,
{
    fn run(&mut self, conn: &mut DbConnection) {
        if let Some(work) = self.work.take() {
            self.result = Some(in_savepoint(conn, work));
        }
    }

    fn finish(mut self: Box<Self>, group: Result<(), &GroupFailure>) {
        let outcome = match (self.result.take(), group) {
            // The job's own error stands whatever became of the group.
            (Some(Err(e)), _) => Err(e),
            (Some(Ok(value)), Ok(())) => Ok(value),
            (_, Err(failure)) => Err(failure.to_error()),
            (None, Ok(())) => Err(ApiError::internal("a queued write did not run")),
        };
        let outcome = match self.after.take() {
            Some(after) => after(outcome),
            None => outcome,
        };
        if let Some(reply) = self.reply.take() {
            // The caller may have gone away; the work is done either way.
            let _ = reply.send(outcome);
        }
    }
}

/// Runs `work` inside a savepoint of the group's transaction. A panic rolls the savepoint back
/// and becomes a 500 for this job alone.
fn in_savepoint<T, F>(conn: &mut DbConnection, work: F) -> ApiResult<T>
where
    F: FnOnce(&mut DbConnection) -> ApiResult<T>,
{
    <DbConnection as Connection>::TransactionManager::begin_transaction(conn)?;
    match catch_unwind(AssertUnwindSafe(|| work(&mut *conn))) {
        Ok(result) => {
            <DbConnection as Connection>::TransactionManager::commit_transaction(conn)?;
            result
        }
        Err(_) => {
            <DbConnection as Connection>::TransactionManager::rollback_transaction(conn)?;
            Err(ApiError::internal("a write job panicked"))
        }
    }
}

/// The handle callers enqueue through; cloning it is cheap. The writer thread stops when the
/// last handle is dropped.
#[derive(Clone)]
pub struct Writer {
    queue: mpsc::Sender<Box<dyn Job>>,
}

impl Writer {
    /// Starts the writer thread on `conn` (a SQLite connection with its pragmas applied).
    pub fn start(conn: DbConnection) -> std::io::Result<Writer> {
        let (queue, jobs) = mpsc::channel(QUEUE);
        thread::Builder::new()
            .name("sqlite-writer".into())
            .spawn(move || serve(conn, jobs))?;
        Ok(Writer { queue })
    }

    /// Runs `work` on the writer's connection and returns its result once its group committed.
    pub async fn run<T, F>(&self, work: F) -> ApiResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection) -> ApiResult<T> + Send + 'static,
    {
        self.run_then(work, |outcome| outcome).await
    }

    /// As [`run`](Self::run), then `after` on the writer thread with the final outcome (after
    /// the commit or the rollback), whether or not the caller is still waiting: what must
    /// follow a commit (persisting an uploaded file) cannot be skipped by a client going away.
    pub async fn run_then<T, F, A>(&self, work: F, after: A) -> ApiResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection) -> ApiResult<T> + Send + 'static,
        A: FnOnce(ApiResult<T>) -> ApiResult<T> + Send + 'static,
    {
        let (reply, answer) = oneshot::channel();
        let task = Task {
            work: Some(work),
            result: None,
            after: Some(after),
            reply: Some(reply),
        };
        self.queue
            .send(Box::new(task))
            .await
            .map_err(|_| ApiError::service_unavailable())?;
        answer
            .await
            .map_err(|_| ApiError::internal("the database writer stopped"))?
    }

    /// Blocking form of [`run`](Self::run), for threads outside the async runtime.
    pub fn run_blocking<T, F>(&self, work: F) -> ApiResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection) -> ApiResult<T> + Send + 'static,
    {
        let (reply, answer) = oneshot::channel();
        let task = Task {
            work: Some(work),
            result: None,
            after: None::<fn(ApiResult<T>) -> ApiResult<T>>,
            reply: Some(reply),
        };
        self.queue
            .blocking_send(Box::new(task))
            .map_err(|_| ApiError::service_unavailable())?;
        answer
            .blocking_recv()
            .map_err(|_| ApiError::internal("the database writer stopped"))?
    }
}

/// The writer thread: takes what is waiting (up to [`MAX_GROUP`]), runs it in one transaction.
fn serve(mut conn: DbConnection, mut jobs: mpsc::Receiver<Box<dyn Job>>) {
    let mut group: Vec<Box<dyn Job>> = Vec::with_capacity(MAX_GROUP);
    while let Some(first) = jobs.blocking_recv() {
        group.push(first);
        while group.len() < MAX_GROUP {
            match jobs.try_recv() {
                Ok(job) => group.push(job),
                Err(_) => break,
            }
        }
        let outcome = run_group(&mut conn, &mut group);
        // Cached decisions the group changed are dropped once it committed (or rolled back).
        crate::db::decisions::settle_sqlite();
        for job in group.drain(..) {
            job.finish(outcome.as_ref().map(|_| ()));
        }
    }
}

fn run_group(conn: &mut DbConnection, group: &mut [Box<dyn Job>]) -> Result<(), GroupFailure> {
    begin_immediate(conn).map_err(GroupFailure::from_db)?;
    for job in group.iter_mut() {
        job.run(conn);
    }
    if let Err(e) = <DbConnection as Connection>::TransactionManager::commit_transaction(conn) {
        tracing::error!(error = %e, "committing a group of writes failed");
        if let Err(rollback) =
            <DbConnection as Connection>::TransactionManager::rollback_transaction(conn)
        {
            tracing::error!(error = %rollback, "rolling back a failed group failed");
        }
        return Err(GroupFailure::from_db(e));
    }
    Ok(())
}

fn begin_immediate(conn: &mut DbConnection) -> diesel::QueryResult<()> {
    match conn {
        DbConnection::Sqlite(inner) => {
            AnsiTransactionManager::begin_transaction_sql(inner, "BEGIN IMMEDIATE")
        }
        DbConnection::Postgresql(_) => {
            <DbConnection as Connection>::TransactionManager::begin_transaction(conn)
        }
    }
}

#[cfg(test)]
mod tests {
    use diesel::connection::SimpleConnection;
    use diesel::prelude::*;
    use diesel::sql_types::BigInt;

    use super::*;
    use crate::db::write_tx;

    #[derive(QueryableByName)]
    struct Count {
        #[diesel(sql_type = BigInt)]
        n: i64,
    }

    fn open(path: &std::path::Path) -> DbConnection {
        let mut conn = DbConnection::Sqlite(
            diesel::sqlite::SqliteConnection::establish(path.to_str().unwrap()).unwrap(),
        );
        conn.batch_execute(
            "PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 10000; \
             CREATE TABLE IF NOT EXISTS t (k TEXT PRIMARY KEY);",
        )
        .unwrap();
        conn
    }

    fn insert(conn: &mut DbConnection, k: &str) -> ApiResult<()> {
        diesel::sql_query(format!("INSERT INTO t (k) VALUES ('{k}')")).execute(conn)?;
        Ok(())
    }

    fn count(conn: &mut DbConnection) -> i64 {
        diesel::sql_query("SELECT COUNT(*) AS n FROM t")
            .get_result::<Count>(conn)
            .unwrap()
            .n
    }

    /// Many writers at once: every acknowledged insert is committed and visible to another
    /// connection; a failing job (a duplicate key, a panic) loses only its own work, and a
    /// nested transaction's error rolls back that transaction only.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn groups_commit_every_job_and_isolate_failures() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.db");
        let writer = Writer::start(open(&path)).unwrap();
        let mut tasks = Vec::new();
        for i in 0..300 {
            let w = writer.clone();
            tasks.push(tokio::spawn(async move {
                match i % 10 {
                    // A duplicate of an earlier key: its error is its own.
                    7 => w.run(move |c| write_tx(c, |c| insert(c, "k0"))).await,
                    // A panic rolls back its own savepoint only.
                    8 => {
                        w.run(move |c| {
                            insert(c, &format!("panicked-{i}"))?;
                            panic!("a bug in one job");
                        })
                        .await
                    }
                    // A nested transaction that fails after writing: rolled back; the job's
                    // other transaction stays.
                    9 => {
                        w.run(move |c| {
                            write_tx(c, |c| insert(c, &format!("kept-{i}")))?;
                            let failed: ApiResult<()> = write_tx(c, |c| {
                                insert(c, &format!("undone-{i}"))?;
                                Err(ApiError::not_found())
                            });
                            assert!(failed.is_err());
                            Ok(())
                        })
                        .await
                    }
                    _ => {
                        w.run(move |c| write_tx(c, |c| insert(c, &format!("k{i}"))))
                            .await
                    }
                }
            }));
        }
        let mut ok = 0;
        let mut failed = 0;
        for t in tasks {
            match t.await.unwrap() {
                Ok(()) => ok += 1,
                Err(_) => failed += 1,
            }
        }
        // 30 duplicates and 30 panics fail; 240 succeed (of them 30 keep one row each).
        assert_eq!((ok, failed), (240, 60));
        let mut reader = open(&path);
        assert_eq!(count(&mut reader), 240);
        let undone: i64 = diesel::sql_query(
            "SELECT COUNT(*) AS n FROM t WHERE k LIKE 'undone-%' OR k LIKE 'panicked-%'",
        )
        .get_result::<Count>(&mut reader)
        .unwrap()
        .n;
        assert_eq!(undone, 0);
    }

    /// `after` runs once the outcome is known, also when the caller has stopped waiting.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn after_runs_even_when_the_caller_goes_away() {
        let dir = tempfile::tempdir().unwrap();
        let writer = Writer::start(open(&dir.path().join("w.db"))).unwrap();
        let (seen_tx, seen_rx) = std::sync::mpsc::channel();
        let call = writer.run_then(
            |c| insert(c, "a"),
            move |outcome| {
                seen_tx.send(outcome.is_ok()).unwrap();
                outcome
            },
        );
        // Polled once (enqueued), then dropped.
        let _ = tokio::time::timeout(std::time::Duration::from_millis(1), call).await;
        let committed = seen_rx
            .recv_timeout(std::time::Duration::from_secs(10))
            .unwrap();
        assert!(committed);
    }
}
