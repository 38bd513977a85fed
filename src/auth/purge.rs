//! The periodic purge of expired sessions (the rule is [`sessions::purge_expired`]).

use crate::auth::sessions;

/// Purges expired sessions every `every` until the process ends (every replica runs it; the
/// deletes are idempotent).
pub async fn purge_periodically(state: crate::state::AppState, every: std::time::Duration) {
    let mut tick = tokio::time::interval(every);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        let at = state.clock.now();
        match state.write(move |c| sessions::purge_expired(c, at)).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(count = n, "expired sessions purged"),
            Err(e) => tracing::warn!(error = %e, "session purge failed"),
        }
    }
}
