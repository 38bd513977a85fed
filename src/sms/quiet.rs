//! Holding back the per-request SMS while a batch step runs.
//!
//! A batch's filing and a bulk step on a batch's requests send one digest for the batch
//! (`crate::batches::sms`); the requests module's change hook still runs for each request (this
//! module's service enqueues a request's message there), and asks [`held`] first. The flag lives in the
//! thread that runs the transaction: every database closure runs start to end on one thread
//! ([`crate::state::AppState::tx`]), and [`Quiet`] restores the previous value when dropped,
//! also on an early return or a panic, so nothing outside the step is ever held.

use std::cell::Cell;

thread_local! {
    static HELD: Cell<bool> = const { Cell::new(false) };
}

/// While alive, the per-request messages of this thread's changes are held back.
pub struct Quiet {
    before: bool,
}

impl Quiet {
    pub fn enter() -> Quiet {
        let before = HELD.with(|h| h.replace(true));
        Quiet { before }
    }
}

impl Drop for Quiet {
    fn drop(&mut self) {
        let before = self.before;
        HELD.with(|h| h.set(before));
    }
}

/// Whether the per-request message of a change made now on this thread is held back.
pub fn held() -> bool {
    HELD.with(Cell::get)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_flag_holds_only_while_the_guard_lives_and_nests() {
        assert!(!held());
        {
            let _outer = Quiet::enter();
            assert!(held());
            {
                let _inner = Quiet::enter();
                assert!(held());
            }
            assert!(held(), "the inner guard restores the outer value");
        }
        assert!(!held());
        let other = std::thread::spawn(|| {
            let _q = Quiet::enter();
            held()
        });
        assert!(other.join().unwrap());
        assert!(!held(), "another thread's guard does not hold this one");
    }
}
