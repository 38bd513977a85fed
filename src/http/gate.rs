//! The request's gate: a check a request leaves to its first trip to the database, so that it
//! costs no trip of its own (a signed-in caller's session check, `auth::gate`).
//!
//! The middleware opens one gate per request ([`within`]); the module that defers a check
//! ([`defer`]) supplies it as a [`Deferred`] value, and every database call made through
//! [`AppState`](crate::state::AppState) runs the [`pending`] one on its connection, in the same
//! blocking call, before its own work. The check travels in a task-local for the duration of
//! the request, so no handler can forget it and no handler signature carries it. This module
//! knows nothing of what is checked: that is the deferring module's.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult};

/// A check left to the request's first database call.
pub trait Deferred: Send + Sync + 'static {
    /// Runs the check on `conn`; once it has an answer, it answers from memory.
    fn check(&self, conn: &mut DbConnection) -> ApiResult<()>;

    /// The refusal a check already found (`None` while unchecked, or when it passed).
    fn refusal(&self) -> Option<ApiError>;

    /// No check has run yet.
    fn is_unchecked(&self) -> bool;
}

/// A deferred check, shared between the gate and the calls that run it.
pub type Check = Arc<dyn Deferred>;

tokio::task_local! {
    static GATE: Rc<Gate>;
}

/// One request's deferred check, if any.
#[derive(Default)]
struct Gate {
    pending: RefCell<Option<Check>>,
}

/// Leaves `check` to the request's first database call. Returns `false` outside [`within`] (a
/// handler called without the middleware): the caller must then check by itself.
pub fn defer(check: Check) -> bool {
    GATE.try_with(|gate| {
        *gate.pending.borrow_mut() = Some(check);
    })
    .is_ok()
}

/// The current request's check, while it is still to run (`None` for public calls, background
/// workers and checks already answered).
pub fn pending() -> Option<Check> {
    GATE.try_with(|gate| {
        gate.pending
            .borrow()
            .as_ref()
            .filter(|c| c.is_unchecked())
            .cloned()
    })
    .ok()
    .flatten()
}

/// Runs `request` (the rest of the middleware chain) with a gate of its own, and returns its
/// output with the check its handler left, if any (answered or not).
pub async fn within<F: std::future::Future>(request: F) -> (F::Output, Option<Check>) {
    let gate = Rc::new(Gate::default());
    let output = GATE.scope(gate.clone(), request).await;
    let pending = gate.pending.borrow_mut().take();
    (output, pending)
}
