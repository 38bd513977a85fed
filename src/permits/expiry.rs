//! The expiry worker. It runs in every replica (`PERMIT_EXPIRY_WORKER`, every
//! `PERMIT_EXPIRY_INTERVAL_MS`, 15 s by default, so an expiry is applied well within a minute
//! of `valid_until`): a permit whose validity ended with no receipt leaves the police's queue,
//! its request moves `permit_issued` → `permit_expired` (history entry by the service's
//! principal, the police's SLA clock stopped) and `permit.expired` tells the police and the
//! agency. Each expiry is one transaction that starts with a conditional update of the permit
//! (`status = 'issued' AND queue_rank = 0 AND valid_until < now`): when two replicas find the
//! same permit, the second's update waits for the first's commit (PostgreSQL row lock; SQLite
//! has one writer at a time) and then changes nothing, so each expiry is applied once.

use std::time::Duration;

use chrono::NaiveDateTime;

use crate::clock::Clock;
use crate::config::Config;
use crate::db::{write_tx, DbConnection};
use crate::domain::status::{Action, RequestStatus};
use crate::error::ApiResult;
use crate::events::EventType;
use crate::permits::model::PermitRow;
use crate::permits::service::emit_event;
use crate::permits::store;
use crate::requests::service::{self as requests, ServiceStep};
use crate::requests::Effects;
use crate::state::AppState;

/// Permits expired per round at most (the rest in the next round).
const BATCH: i64 = 200;

/// Runs until the process ends.
pub async fn run(state: AppState, effects: Effects) {
    let pause = Duration::from_millis(state.config.permits.expiry_interval_ms);
    loop {
        match tick(&state, &effects).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(count = n, "permits expired"),
            Err(e) => tracing::warn!(error = %e, "permit expiry round failed"),
        }
        tokio::time::sleep(pause).await;
    }
}

/// One round on `state`'s database at its clock's "now": how many requests it moved to
/// `permit_expired`.
pub async fn tick(state: &AppState, effects: &Effects) -> ApiResult<usize> {
    let config = state.config.clone();
    let clock = state.clock;
    let effects = *effects;
    state
        .write(move |c| expire_due(c, &config, &clock, &effects))
        .await
}

/// One round on `conn` at `clock`'s "now": each due permit in its own transaction. Returns how
/// many requests this round moved to `permit_expired` (not those another replica did).
pub fn expire_due(
    conn: &mut DbConnection,
    config: &Config,
    clock: &Clock,
    effects: &Effects,
) -> ApiResult<usize> {
    let at = clock.now();
    let due = store::due_for_expiry(conn, at, BATCH)?;
    let mut expired = 0;
    for permit in due {
        if write_tx(conn, |c| expire_one(c, config, clock, effects, &permit, at))? {
            expired += 1;
        }
    }
    Ok(expired)
}

/// Expires `permit` if it is still due; `true` when its request moved to `permit_expired`.
fn expire_one(
    conn: &mut DbConnection,
    config: &Config,
    clock: &Clock,
    effects: &Effects,
    permit: &PermitRow,
    at: NaiveDateTime,
) -> ApiResult<bool> {
    if !store::mark_expired(conn, &permit.id, at)? {
        // Another replica, a receipt or a revocation came first.
        return Ok(false);
    }
    // An older permit replaced by a newer one only leaves the queue.
    let latest = store::latest_of_request(conn, &permit.request_id)?;
    if latest.is_some_and(|l| l.id != permit.id) {
        return Ok(false);
    }
    let issuer_org: String = {
        use crate::db::schema::users;
        use diesel::prelude::*;
        users::table
            .find(&permit.issued_by)
            .select(users::organisation_id)
            .first(conn)?
    };
    let actor = crate::auth::queries::system_actor(conn, &issuer_org, at)?;
    let note = format!(
        "مجوز شمارهٔ {} تا {} اعتبار داشت و رسیدی از پلیس راهور برای آن ثبت نشد.",
        crate::domain::text::persian_digits(&permit.permit_number),
        clock.jalali(permit.valid_until),
    );
    let step = ServiceStep {
        actor: &actor,
        request_id: &permit.request_id,
        action: Action::Expire,
        note: Some(&note),
        at,
    };
    let after = requests::by_service(conn, config, clock, effects, step, |c, request| {
        debug_assert_eq!(request.status, RequestStatus::PermitExpired);
        let permit = store::load(c, &permit.id)?;
        emit_event(
            c,
            EventType::PermitExpired,
            &permit,
            None,
            &request.organisation_id,
            at,
        )
    })?;
    Ok(after.is_some())
}
