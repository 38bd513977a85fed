//! How many SQL statements an HTTP request runs.
//!
//! Every connection the service opens ([`super::DbManager`]) carries [`CountStatements`], a
//! diesel [`Instrumentation`] that counts each statement it starts (`StartQuery`: a query, an
//! `INSERT`, a `BEGIN` or `COMMIT`, the check-out ping on PostgreSQL) into the [`Tally`] of the
//! HTTP request whose database call runs on the thread, if any. The request's tally travels
//! like the session gate: a task-local set by the outermost middleware for one request
//! ([`tallied`]), carried into the blocking call by [`crate::state::AppState`]'s database calls
//! ([`current_request`], [`Counting::enter`]). Work outside a request (the workers, the audit
//! queue's flush, SQLite's one writer opening and committing its group) counts toward none.
//!
//! The count is a metric (`plate_permits_http_request_db_statements`, a histogram per route,
//! see [`crate::http::metrics`]): it shows operators the round trips each kind of call costs,
//! and the tests use it to hold every list to a number of statements that does not grow with
//! its rows (no N+1).

use std::cell::RefCell;
use std::future::Future;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;

use diesel::connection::{Instrumentation, InstrumentationEvent};

/// The statements one HTTP request ran so far.
#[derive(Clone, Debug, Default)]
pub struct Tally(Arc<AtomicU32>);

impl Tally {
    pub fn count(&self) -> u32 {
        self.0.load(Ordering::Relaxed)
    }

    fn add_one(&self) {
        self.0.fetch_add(1, Ordering::Relaxed);
    }
}

tokio::task_local! {
    static REQUEST: Tally;
}

thread_local! {
    /// The tally the statements run on this thread count toward (see [`Counting`]).
    static CURRENT: RefCell<Option<Tally>> = const { RefCell::new(None) };
}

/// Runs `request` with a tally of its own; returns its output and the statements it ran.
pub async fn tallied<F: Future>(request: F) -> (F::Output, u32) {
    let tally = Tally::default();
    let output = REQUEST.scope(tally.clone(), request).await;
    (output, tally.count())
}

/// The current request's tally, to carry into a blocking call (`None` outside a request).
/// Call it on the request's task, before leaving for the blocking thread.
pub fn current_request() -> Option<Tally> {
    REQUEST.try_with(Tally::clone).ok()
}

/// While alive, the statements started on this thread count toward its tally (none when it
/// was entered with `None`); the previous one is restored when it is dropped.
pub struct Counting {
    previous: Option<Tally>,
}

impl Counting {
    pub fn enter(tally: Option<Tally>) -> Counting {
        let previous = CURRENT.with(|c| c.replace(tally));
        Counting { previous }
    }
}

impl Drop for Counting {
    fn drop(&mut self) {
        let previous = self.previous.take();
        CURRENT.with(|c| *c.borrow_mut() = previous);
    }
}

/// The instrumentation every pooled connection carries (see the module's documentation).
#[derive(Debug, Default)]
pub struct CountStatements;

impl Instrumentation for CountStatements {
    fn on_connection_event(&mut self, event: InstrumentationEvent<'_>) {
        if let InstrumentationEvent::StartQuery { .. } = event {
            CURRENT.with(|c| {
                if let Some(tally) = c.borrow().as_ref() {
                    tally.add_one();
                }
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use diesel::connection::{Connection, SimpleConnection};
    use diesel::sqlite::SqliteConnection;

    #[tokio::test]
    async fn statements_count_toward_the_request_whose_call_runs() {
        let mut conn = SqliteConnection::establish(":memory:").unwrap();
        conn.set_instrumentation(CountStatements);
        conn.batch_execute("SELECT 1").unwrap();
        let ((), counted) = tallied(async {
            let tally = current_request();
            let _counting = Counting::enter(tally);
            conn.batch_execute("SELECT 1").unwrap();
            conn.batch_execute("SELECT 2").unwrap();
        })
        .await;
        assert_eq!(counted, 2);
        // Outside the request, nothing counts (and nothing is left entered).
        assert!(current_request().is_none());
        assert!(CURRENT.with(|c| c.borrow().is_none()));
    }
}
