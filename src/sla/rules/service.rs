//! Creating, changing and deleting working rules: each in the caller's one transaction, which
//! also recomputes the SLA clocks the change can move (from the first day it affects) and
//! writes the audit entry.

use chrono::{NaiveDate, NaiveDateTime};

use crate::audit::{self, Action, Actor, Subject};
use crate::config::Config;
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult};
use crate::http::etag::IfMatch;
use crate::http::pagination::Paginated;
use crate::sla::rules::model::{
    NewWorkingRule, RuleQuery, RuleSpec, UpdateWorkingRule, WorkingRuleRow,
};
use crate::sla::rules::store;
use crate::sla::rules::views::WorkingRule;
use crate::sla::store as clocks;

pub fn list(
    conn: &mut DbConnection,
    clock: &crate::clock::Clock,
    q: &RuleQuery,
) -> ApiResult<Paginated<WorkingRule>> {
    let rows = store::page(conn, q)?;
    Ok(Paginated::from_rows(
        rows,
        q.page.limit,
        |r| r.id.clone(),
        |r| WorkingRule::new(r, clock),
    ))
}

/// Adds a rule and recomputes the clocks from its first day.
pub fn create(
    conn: &mut DbConnection,
    config: &Config,
    actor: &Actor,
    spec: RuleSpec,
    at: NaiveDateTime,
) -> ApiResult<WorkingRuleRow> {
    let (weekdays, opens, closes, from_time, to_time) = spec.columns();
    let row = WorkingRuleRow {
        id: uuid::Uuid::now_v7().to_string(),
        kind: spec.kind(),
        title: spec.title,
        effective_from: spec.effective_from,
        effective_to: spec.effective_to,
        weekdays,
        opens,
        closes,
        from_time,
        to_time,
        created_by: actor.id.clone(),
        created_at: at,
        updated_at: at,
        version: 1,
        applies_to: spec.applies_to,
    };
    store::insert(conn, &row)?;
    let recomputed = clocks::recompute_since(conn, config, row.effective_from, at)?;
    record(
        conn,
        actor,
        Action::WorkingRuleCreated,
        &row,
        None,
        recomputed,
        at,
    )?;
    Ok(row)
}

/// Changes a rule: 404, then 412 on a stale `If-Match`, then 422 naming every invalid field
/// of the rule as changed; recomputes the clocks from the earlier of its old and new first
/// days.
pub fn update(
    conn: &mut DbConnection,
    config: &Config,
    actor: &Actor,
    id: &str,
    if_match: IfMatch,
    edit: UpdateWorkingRule,
    at: NaiveDateTime,
) -> ApiResult<WorkingRuleRow> {
    let current = store::find(conn, id)?;
    if_match.check(current.version)?;
    let spec = RuleSpec::try_from(NewWorkingRule::merged(&current, edit))?;
    if !store::update(conn, id, current.version, &spec, at)? {
        return Err(ApiError::precondition_failed());
    }
    let first_day = current.effective_from.min(spec.effective_from);
    let recomputed = clocks::recompute_since(conn, config, first_day, at)?;
    let row = store::find(conn, id)?;
    record(
        conn,
        actor,
        Action::WorkingRuleUpdated,
        &row,
        Some(&current),
        recomputed,
        at,
    )?;
    Ok(row)
}

/// Deletes a rule (404 when there is none, 412 on a stale `If-Match`) and recomputes the
/// clocks from its first day.
pub fn remove(
    conn: &mut DbConnection,
    config: &Config,
    actor: &Actor,
    id: &str,
    if_match: IfMatch,
    at: NaiveDateTime,
) -> ApiResult<()> {
    let current = store::find(conn, id)?;
    if_match.check(current.version)?;
    if !store::delete(conn, id, current.version)? {
        return Err(ApiError::precondition_failed());
    }
    let recomputed = clocks::recompute_since(conn, config, current.effective_from, at)?;
    record(
        conn,
        actor,
        Action::WorkingRuleDeleted,
        &current,
        None,
        recomputed,
        at,
    )
}

fn summary(r: &WorkingRuleRow) -> serde_json::Value {
    let day = |d: Option<NaiveDate>| d.map(|d| d.to_string());
    serde_json::json!({
        "kind": r.kind,
        "title": r.title,
        "effective_from": r.effective_from.to_string(),
        "effective_to": day(r.effective_to),
        "weekdays": r.weekdays,
        "opens": r.opens,
        "closes": r.closes,
        "from_time": r.from_time,
        "to_time": r.to_time,
        "applies_to": r.applies_to,
    })
}

fn record(
    conn: &mut DbConnection,
    actor: &Actor,
    action: Action,
    row: &WorkingRuleRow,
    before: Option<&WorkingRuleRow>,
    recomputed: usize,
    at: NaiveDateTime,
) -> ApiResult<()> {
    let mut detail = summary(row);
    if let Some(b) = before {
        detail["before"] = summary(b);
    }
    detail["recomputed_requests"] = recomputed.into();
    audit::record(
        conn,
        at,
        audit::Entry::by(actor, action, Subject::WorkingRule, &row.id).detail(detail),
    )
}

/// A closure declared at short notice, and the clocks it moved.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct ClosureDeclared {
    pub rule: WorkingRule,
    /// Requests whose clocks were recomputed in the same transaction.
    pub recomputed_requests: usize,
}

/// Declares a closure for today or tomorrow (checked by [`NewClosure::spec`]): stores it as a
/// `closure` working rule, recomputes every clock it can move, and writes the
/// `calendar.closure_declared` event and the audit entry, all in the caller's transaction.
pub fn declare_closure(
    conn: &mut DbConnection,
    config: &Config,
    actor: &Actor,
    spec: RuleSpec,
    clock: &crate::clock::Clock,
) -> ApiResult<(WorkingRuleRow, usize)> {
    let at = clock.now();
    let (weekdays, opens, closes, from_time, to_time) = spec.columns();
    let row = WorkingRuleRow {
        id: uuid::Uuid::now_v7().to_string(),
        kind: spec.kind(),
        title: spec.title,
        effective_from: spec.effective_from,
        effective_to: spec.effective_to,
        weekdays,
        opens,
        closes,
        from_time,
        to_time,
        created_by: actor.id.clone(),
        created_at: at,
        updated_at: at,
        version: 1,
        applies_to: spec.applies_to,
    };
    store::insert(conn, &row)?;
    let recomputed = clocks::recompute_since(conn, config, row.effective_from, at)?;
    let data = serde_json::to_value(crate::sla::rules::views::ClosureDeclaredData {
        rule: WorkingRule::new(row.clone(), clock),
        recomputed_requests: recomputed,
    })
    .map_err(|e| ApiError::internal(e.to_string()))?;
    crate::events::outbox::emit(
        conn,
        crate::events::outbox::NewEvent {
            event_type: crate::events::EventType::CalendarClosureDeclared,
            subject_kind: crate::events::SubjectKind::WorkingRule,
            subject_id: &row.id,
            tracking_code: None,
            organisation_id: None,
            data,
            at,
        },
    )?;
    record(
        conn,
        actor,
        Action::WorkingRuleClosureDeclared,
        &row,
        None,
        recomputed,
        at,
    )?;
    Ok((row, recomputed))
}
