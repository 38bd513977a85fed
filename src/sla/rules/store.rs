//! Queries on working rules.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::working_rules;
use crate::db::DbConnection;
use crate::error::ApiResult;
use crate::sla::rules::model::{CalendarRule, RuleQuery, RuleSpec, WorkingRuleRow};

/// Every rule, as the calendar reads them (a few dozen a year), read fresh so that every
/// replica agrees.
pub fn calendar_rules(conn: &mut DbConnection) -> ApiResult<Vec<CalendarRule>> {
    let rows: Vec<WorkingRuleRow> = working_rules::table
        .select(WorkingRuleRow::as_select())
        .load(conn)?;
    rows.iter().map(CalendarRule::try_from).collect()
}

/// Rules matching the query after its cursor, newest first; one more than the page holds, to
/// tell whether another page follows.
pub fn page(conn: &mut DbConnection, q: &RuleQuery) -> ApiResult<Vec<WorkingRuleRow>> {
    let mut query = working_rules::table
        .select(WorkingRuleRow::as_select())
        .order(working_rules::id.desc())
        .limit(q.page.limit + 1)
        .into_boxed();
    if let Some(kind) = q.kind {
        query = query.filter(working_rules::kind.eq(kind));
    }
    if let Some(on) = q.on {
        query = query.filter(working_rules::effective_from.le(on)).filter(
            working_rules::effective_to
                .is_null()
                .or(working_rules::effective_to.ge(on)),
        );
    }
    if let Some(after) = &q.page.after {
        query = query.filter(working_rules::id.lt(after.clone()));
    }
    Ok(query.load(conn)?)
}

pub fn find(conn: &mut DbConnection, id: &str) -> ApiResult<WorkingRuleRow> {
    Ok(working_rules::table
        .find(id)
        .select(WorkingRuleRow::as_select())
        .first(conn)?)
}

pub fn insert(conn: &mut DbConnection, row: &WorkingRuleRow) -> ApiResult<()> {
    diesel::insert_into(working_rules::table)
        .values(row)
        .execute(conn)?;
    crate::sla::calendar_version::changed(conn)
}

/// Writes `spec` over the rule at `version`; false when another writer changed it first.
pub fn update(
    conn: &mut DbConnection,
    id: &str,
    version: i64,
    spec: &RuleSpec,
    at: NaiveDateTime,
) -> ApiResult<bool> {
    let (weekdays, opens, closes, from_time, to_time) = spec.columns();
    let n = diesel::update(
        working_rules::table
            .filter(working_rules::id.eq(id))
            .filter(working_rules::version.eq(version)),
    )
    .set((
        working_rules::title.eq(&spec.title),
        working_rules::effective_from.eq(spec.effective_from),
        working_rules::effective_to.eq(spec.effective_to),
        working_rules::weekdays.eq(weekdays),
        working_rules::opens.eq(opens),
        working_rules::closes.eq(closes),
        working_rules::from_time.eq(from_time),
        working_rules::to_time.eq(to_time),
        working_rules::applies_to.eq(spec.applies_to),
        working_rules::updated_at.eq(at),
        working_rules::version.eq(version + 1),
    ))
    .execute(conn)?;
    crate::sla::calendar_version::changed(conn)?;
    Ok(n == 1)
}

/// Deletes a rule at `version`; false when another writer changed it first.
pub fn delete(conn: &mut DbConnection, id: &str, version: i64) -> ApiResult<bool> {
    let n = diesel::delete(
        working_rules::table
            .filter(working_rules::id.eq(id))
            .filter(working_rules::version.eq(version)),
    )
    .execute(conn)?;
    crate::sla::calendar_version::changed(conn)?;
    Ok(n == 1)
}

/// Rules whose date range meets `[from, to]`, newest first.
pub fn overlapping(
    conn: &mut DbConnection,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
) -> ApiResult<Vec<WorkingRuleRow>> {
    Ok(working_rules::table
        .filter(working_rules::effective_from.le(to))
        .filter(
            working_rules::effective_to
                .is_null()
                .or(working_rules::effective_to.ge(from)),
        )
        .order(working_rules::id.desc())
        .select(WorkingRuleRow::as_select())
        .load(conn)?)
}
