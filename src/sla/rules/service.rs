//! Creating, changing and deleting working rules: each in the caller's one transaction, which
//! also recomputes the SLA clocks the change can move (from the first day it affects) and
//! writes the audit entry.

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

use crate::audit::{self, Action, Actor, Subject};
use crate::config::Config;
use crate::db::DbConnection;
use crate::domain::party::AppliesTo;
use crate::error::{ApiError, ApiResult};
use crate::http::etag::IfMatch;
use crate::http::pagination::Paginated;
use crate::sla::rules::model::{
    NewWorkingRule, RuleKind, RuleQuery, RuleSpec, UpdateWorkingRule, WorkingRuleRow,
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

/// A working rule as its audit entries record it.
#[derive(Serialize)]
struct RuleSummary<'a> {
    kind: RuleKind,
    title: &'a str,
    effective_from: String,
    effective_to: Option<String>,
    weekdays: Option<&'a str>,
    opens: Option<&'a str>,
    closes: Option<&'a str>,
    from_time: Option<&'a str>,
    to_time: Option<&'a str>,
    applies_to: AppliesTo,
}

impl<'a> RuleSummary<'a> {
    fn of(r: &'a WorkingRuleRow) -> Self {
        let day = |d: Option<NaiveDate>| d.map(|d| d.to_string());
        RuleSummary {
            kind: r.kind,
            title: &r.title,
            effective_from: r.effective_from.to_string(),
            effective_to: day(r.effective_to),
            weekdays: r.weekdays.as_deref(),
            opens: r.opens.as_deref(),
            closes: r.closes.as_deref(),
            from_time: r.from_time.as_deref(),
            to_time: r.to_time.as_deref(),
            applies_to: r.applies_to,
        }
    }
}

/// The detail of `working_rule.created|updated|deleted|closure_declared`: the rule (as it is
/// now, or was when deleted), the rule before an update, and how many requests' clocks were
/// recomputed.
#[derive(Serialize)]
struct RuleChanged<'a> {
    #[serde(flatten)]
    rule: RuleSummary<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    before: Option<RuleSummary<'a>>,
    recomputed_requests: usize,
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
    let detail = RuleChanged {
        rule: RuleSummary::of(row),
        before: before.map(RuleSummary::of),
        recomputed_requests: recomputed,
    };
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

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(title: &str, effective_to: Option<NaiveDate>) -> WorkingRuleRow {
        let day = NaiveDate::from_ymd_opt(2026, 3, 21).unwrap();
        WorkingRuleRow {
            id: "r1".into(),
            kind: RuleKind::Closure,
            title: title.into(),
            effective_from: day,
            effective_to,
            weekdays: None,
            opens: None,
            closes: None,
            from_time: Some("12:00".into()),
            to_time: None,
            created_by: "u1".into(),
            created_at: day.and_hms_opt(8, 0, 0).unwrap(),
            updated_at: day.and_hms_opt(8, 0, 0).unwrap(),
            version: 1,
            applies_to: AppliesTo::Agencies,
        }
    }

    /// The detail's JSON as the untyped one stored it before (keys and values).
    fn untyped(r: &WorkingRuleRow) -> serde_json::Value {
        serde_json::json!({
            "kind": r.kind,
            "title": r.title,
            "effective_from": r.effective_from.to_string(),
            "effective_to": r.effective_to.map(|d| d.to_string()),
            "weekdays": r.weekdays,
            "opens": r.opens,
            "closes": r.closes,
            "from_time": r.from_time,
            "to_time": r.to_time,
            "applies_to": r.applies_to,
        })
    }

    #[test]
    fn the_typed_detail_stores_the_same_json() {
        let after = rule("بستن ادارات", NaiveDate::from_ymd_opt(2026, 3, 22));
        let before = rule("بستن", None);
        let detail = |b: Option<&WorkingRuleRow>| {
            audit::Detail::of(&RuleChanged {
                rule: RuleSummary::of(&after),
                before: b.map(RuleSummary::of),
                recomputed_requests: 3,
            })
            .to_json()
            .unwrap()
        };
        let mut expected = untyped(&after);
        expected["recomputed_requests"] = 3.into();
        assert_eq!(detail(None), expected.to_string());
        expected["before"] = untyped(&before);
        assert_eq!(detail(Some(&before)), expected.to_string());
    }
}
