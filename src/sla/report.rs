//! The service-level report's figures. The database does the counting (`GROUP BY` over
//! `request_sla`, served by its report indexes); medians and 90th percentiles come exactly from
//! the per-value counts it returns.

use std::collections::{BTreeMap, HashMap};

use chrono::{NaiveDate, NaiveDateTime};
use diesel::dsl::count_star;
use diesel::prelude::*;

use crate::config::Config;
use crate::db::schema::{feedback, organisations, receipts, request_sla, requests};
use crate::db::DbConnection;
use crate::domain::reasons::{RefusalReason, RejectionReason};
use crate::domain::status::RequestStatus;
use crate::error::ApiResult;
use crate::sla::calendar::days_from_centi;
use crate::sla::clock::{ClockState, Stage};
use crate::sla::model::Selection;
use crate::sla::views::{
    reason_counts, AgencyFigures, FeedbackStats, SlaFigures, StageSet, StageStats,
};

macro_rules! select_on {
    ($q:expr, $sel:expr) => {{
        let mut q = $q;
        if let Some(f) = $sel.from {
            q = q.filter(request_sla::created_at.ge(f));
        }
        if let Some(u) = $sel.until {
            q = q.filter(request_sla::created_at.lt(u));
        }
        if let Some(o) = &$sel.organisation_id {
            q = q.filter(request_sla::organisation_id.eq(o.clone()));
        }
        q
    }};
}

/// `(organisation, value, count)` rows sorted by value, to figures per organisation.
#[derive(Default)]
struct Histogram(Vec<(i64, i64)>);

impl Histogram {
    fn total(&self) -> i64 {
        self.0.iter().map(|(_, n)| n).sum()
    }

    /// Nearest-rank percentile: the smallest value with at least `p` of the runs at or below.
    fn percentile(&self, p: f64) -> Option<i64> {
        let total = self.total();
        if total == 0 {
            return None;
        }
        let rank = ((p * total as f64).ceil() as i64).max(1);
        let mut seen = 0;
        for (v, n) in &self.0 {
            seen += n;
            if seen >= rank {
                return Some(*v);
            }
        }
        self.0.last().map(|(v, _)| *v)
    }

    fn stats(&self, budget_days: i64) -> StageStats {
        let completed = self.total();
        let within: i64 = self
            .0
            .iter()
            .filter(|(v, _)| *v <= budget_days * 100)
            .map(|(_, n)| n)
            .sum();
        StageStats {
            completed,
            median_working_days: self.percentile(0.5).map(days_from_centi),
            p90_working_days: self.percentile(0.9).map(days_from_centi),
            within_budget: within,
            within_budget_share: (completed > 0)
                .then(|| (within as f64 / completed as f64 * 10_000.0).round() / 10_000.0),
        }
    }

    fn merge(parts: &[&Histogram]) -> Histogram {
        let mut all: BTreeMap<i64, i64> = BTreeMap::new();
        for h in parts {
            for (v, n) in &h.0 {
                *all.entry(*v).or_default() += n;
            }
        }
        Histogram(all.into_iter().collect())
    }
}

type StageRows = Vec<(String, Option<i64>, i64)>;

fn stage_histograms(
    conn: &mut DbConnection,
    sel: &Selection,
    stage: Stage,
) -> ApiResult<HashMap<String, Histogram>> {
    let rows: StageRows = match stage {
        Stage::Decision => select_on!(
            request_sla::table
                .filter(request_sla::decision_cd.is_not_null())
                .group_by((request_sla::organisation_id, request_sla::decision_cd))
                .select((
                    request_sla::organisation_id,
                    request_sla::decision_cd,
                    count_star(),
                ))
                .into_boxed(),
            sel
        )
        .load(conn)?,
        Stage::Police => select_on!(
            request_sla::table
                .filter(request_sla::police_cd.is_not_null())
                .group_by((request_sla::organisation_id, request_sla::police_cd))
                .select((
                    request_sla::organisation_id,
                    request_sla::police_cd,
                    count_star(),
                ))
                .into_boxed(),
            sel
        )
        .load(conn)?,
        Stage::Registration => select_on!(
            request_sla::table
                .filter(request_sla::registration_cd.is_not_null())
                .group_by((request_sla::organisation_id, request_sla::registration_cd))
                .select((
                    request_sla::organisation_id,
                    request_sla::registration_cd,
                    count_star(),
                ))
                .into_boxed(),
            sel
        )
        .load(conn)?,
    };
    let mut out: HashMap<String, Histogram> = HashMap::new();
    for (org, value, n) in rows {
        if let Some(v) = value {
            out.entry(org).or_default().0.push((v, n));
        }
    }
    for h in out.values_mut() {
        h.0.sort_unstable();
    }
    Ok(out)
}

// The reason counts group by the request's organisation (from `request_sla`, whose filing date
// and organisation every figure of the report is selected on) and a column of another table.
diesel::allow_columns_to_appear_in_same_group_by_clause!(
    request_sla::organisation_id,
    receipts::refusal_reason,
    requests::rejection_reason,
);

/// `(organisation, reason, count)` rows.
type ReasonRows<R> = Vec<(String, Option<R>, i64)>;

/// Coded reasons counted by the database over the selected requests: the police's refusals
/// (every refused receipt with a `refusal_reason`) and the directorate's rejections (rejected
/// requests with a `rejection_reason`), per organisation.
fn reason_rows(
    conn: &mut DbConnection,
    sel: &Selection,
) -> ApiResult<(ReasonRows<RefusalReason>, ReasonRows<RejectionReason>)> {
    let refusals: ReasonRows<RefusalReason> = select_on!(
        receipts::table
            .inner_join(request_sla::table.on(request_sla::request_id.eq(receipts::request_id)))
            .filter(receipts::refusal_reason.is_not_null())
            .group_by((request_sla::organisation_id, receipts::refusal_reason))
            .select((
                request_sla::organisation_id,
                receipts::refusal_reason,
                count_star(),
            ))
            .into_boxed(),
        sel
    )
    .load(conn)?;
    let rejections: ReasonRows<RejectionReason> = select_on!(
        requests::table
            .inner_join(request_sla::table)
            .filter(requests::rejection_reason.is_not_null())
            .group_by((request_sla::organisation_id, requests::rejection_reason))
            .select((
                request_sla::organisation_id,
                requests::rejection_reason,
                count_star(),
            ))
            .into_boxed(),
        sel
    )
    .load(conn)?;
    Ok((refusals, rejections))
}

/// Sums `(organisation, reason, count)` rows for the organisations `mine` accepts.
fn sum_reasons<R: Copy + Ord>(
    all: &[R],
    rows: &ReasonRows<R>,
    mine: impl Fn(&str) -> bool,
) -> BTreeMap<R, i64> {
    reason_counts(
        all,
        rows.iter()
            .filter(|(o, _, _)| mine(o))
            .filter_map(|(_, r, n)| r.map(|r| (r, *n))),
    )
}

/// Computes the report.
pub fn compute(
    conn: &mut DbConnection,
    config: &Config,
    sel: &Selection,
    at: NaiveDateTime,
) -> ApiResult<(SlaFigures, Vec<AgencyFigures>)> {
    let counts: Vec<(String, RequestStatus, i64)> = select_on!(
        request_sla::table
            .group_by((request_sla::organisation_id, request_sla::status))
            .select((
                request_sla::organisation_id,
                request_sla::status,
                count_star(),
            ))
            .into_boxed(),
        sel
    )
    .load(conn)?;
    let overdue: Vec<(String, i64)> = select_on!(
        request_sla::table
            .filter(request_sla::clock.eq(ClockState::Running))
            .filter(request_sla::due_at.lt(at))
            .group_by(request_sla::organisation_id)
            .select((request_sla::organisation_id, count_star()))
            .into_boxed(),
        sel
    )
    .load(conn)?;
    // Driven from the (small) feedback table: the filing-date range is checked per feedback
    // row against its request's primary key.
    let ratings: Vec<(String, i64, Option<i64>)> = {
        let mut q = feedback::table
            .group_by(feedback::organisation_id)
            .select((
                feedback::organisation_id,
                count_star(),
                diesel::dsl::sum(feedback::rating),
            ))
            .into_boxed();
        if sel.from.is_some() || sel.until.is_some() {
            // Bounds every backend stores and compares alike (SQLite compares timestamps as text).
            let far = |y| {
                NaiveDate::from_ymd_opt(y, 1, 1)
                    .unwrap_or_default()
                    .and_time(chrono::NaiveTime::MIN)
            };
            let from = sel.from.unwrap_or(far(1900));
            let until = sel.until.unwrap_or(far(9999));
            q = q.filter(diesel::dsl::exists(
                request_sla::table
                    .filter(request_sla::request_id.eq(feedback::request_id))
                    .filter(request_sla::created_at.ge(from))
                    .filter(request_sla::created_at.lt(until)),
            ));
        }
        if let Some(o) = &sel.organisation_id {
            q = q.filter(feedback::organisation_id.eq(o.clone()));
        }
        q.load(conn)?
    };
    let (refusals, rejections) = reason_rows(conn, sel)?;
    let stages = [
        (
            Stage::Decision,
            stage_histograms(conn, sel, Stage::Decision)?,
        ),
        (Stage::Police, stage_histograms(conn, sel, Stage::Police)?),
        (
            Stage::Registration,
            stage_histograms(conn, sel, Stage::Registration)?,
        ),
    ];

    let mut orgs: Vec<String> = counts.iter().map(|(o, _, _)| o.clone()).collect();
    orgs.sort();
    orgs.dedup();
    let names: HashMap<String, String> = organisations::table
        .filter(organisations::id.eq_any(&orgs))
        .select((organisations::id, organisations::name))
        .load::<(String, String)>(conn)?
        .into_iter()
        .collect();
    let empty = Histogram::default();
    let figures = |org: Option<&str>| -> SlaFigures {
        let mine = |o: &str| org.is_none_or(|want| want == o);
        let mut by_status: BTreeMap<String, i64> = RequestStatus::ALL
            .iter()
            .map(|s| (s.as_str().to_owned(), 0))
            .collect();
        let mut requests = 0;
        for (o, s, n) in &counts {
            if mine(o) {
                *by_status.entry(s.as_str().to_owned()).or_default() += n;
                requests += n;
            }
        }
        let stage = |i: usize| -> StageStats {
            let (stage, per_org) = &stages[i];
            let parts: Vec<&Histogram> = match org {
                Some(o) => vec![per_org.get(o).unwrap_or(&empty)],
                None => per_org.values().collect(),
            };
            Histogram::merge(&parts).stats(stage.budget_days(config))
        };
        let (count, sum) = ratings
            .iter()
            .filter(|(o, _, _)| mine(o))
            .fold((0, 0), |(c, s), (_, n, total)| {
                (c + n, s + total.unwrap_or(0))
            });
        SlaFigures {
            requests,
            by_status,
            stages: StageSet {
                decision: stage(0),
                police: stage(1),
                registration: stage(2),
            },
            overdue_now: overdue
                .iter()
                .filter(|(o, _)| mine(o))
                .map(|(_, n)| n)
                .sum(),
            feedback: FeedbackStats {
                count,
                average_rating: (count > 0)
                    .then(|| (sum as f64 / count as f64 * 100.0).round() / 100.0),
            },
            refusal_reasons: sum_reasons(RefusalReason::ALL, &refusals, mine),
            rejection_reasons: sum_reasons(RejectionReason::ALL, &rejections, mine),
        }
    };
    let overall = figures(None);
    let mut agencies: Vec<AgencyFigures> = orgs
        .iter()
        .map(|o| AgencyFigures {
            organisation_id: o.clone(),
            organisation_name: names.get(o).cloned().unwrap_or_default(),
            figures: figures(Some(o)),
        })
        .collect();
    agencies.sort_by(|a, b| {
        a.organisation_name
            .cmp(&b.organisation_name)
            .then(a.organisation_id.cmp(&b.organisation_id))
    });
    Ok((overall, agencies))
}

/// Requests filed and requests closed per week (Saturday to Friday in the service's time
/// zone) from `first` (a Saturday) to `last` (inclusive): filed by `request_sla.created_at`,
/// closed by each step of the request's history into a terminal status in the week (a
/// request reopened and closed again counts at each closing). The instants are read for the
/// selected range only and counted here, so every backend counts alike.
pub fn weekly(
    conn: &mut DbConnection,
    cal: &crate::sla::calendar::Calendar,
    first: NaiveDate,
    last: NaiveDate,
    organisation_id: Option<&str>,
) -> ApiResult<Vec<(NaiveDate, i64, i64)>> {
    use crate::db::schema::request_history;
    let from = cal.day_start(first);
    let until = cal.day_start(last + chrono::TimeDelta::days(1));
    let mut filed_q = request_sla::table
        .filter(request_sla::created_at.ge(from))
        .filter(request_sla::created_at.lt(until))
        .select(request_sla::created_at)
        .into_boxed();
    if let Some(o) = organisation_id {
        filed_q = filed_q.filter(request_sla::organisation_id.eq(o.to_owned()));
    }
    let filed: Vec<NaiveDateTime> = filed_q.load(conn)?;
    let terminal: Vec<&str> = RequestStatus::ALL
        .iter()
        .filter(|s| s.is_terminal())
        .map(|s| s.as_str())
        .collect();
    let mut closed_q = request_history::table
        .inner_join(request_sla::table.on(request_sla::request_id.eq(request_history::request_id)))
        .filter(request_history::at.ge(from))
        .filter(request_history::at.lt(until))
        .filter(request_history::to_status.eq_any(terminal))
        .select(request_history::at)
        .into_boxed();
    if let Some(o) = organisation_id {
        closed_q = closed_q.filter(request_sla::organisation_id.eq(o.to_owned()));
    }
    let closed: Vec<NaiveDateTime> = closed_q.load(conn)?;
    let weeks = ((last - first).num_days() / 7 + 1).max(0) as usize;
    let mut out: Vec<(NaiveDate, i64, i64)> = (0..weeks)
        .map(|i| (first + chrono::TimeDelta::days(7 * i as i64), 0, 0))
        .collect();
    let index = |at: &NaiveDateTime| -> Option<usize> {
        let d = cal.local_date(*at);
        let i = (d - first).num_days();
        (i >= 0).then_some((i / 7) as usize)
    };
    for at in &filed {
        if let Some(w) = index(at).and_then(|i| out.get_mut(i)) {
            w.1 += 1;
        }
    }
    for at in &closed {
        if let Some(w) = index(at).and_then(|i| out.get_mut(i)) {
            w.2 += 1;
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_percentiles() {
        let h = Histogram(vec![(100, 1), (200, 1), (300, 1), (400, 1)]);
        assert_eq!(h.percentile(0.5), Some(200));
        assert_eq!(h.percentile(0.9), Some(400));
        let one = Histogram(vec![(50, 3)]);
        assert_eq!(one.percentile(0.5), Some(50));
        assert_eq!(Histogram::default().percentile(0.5), None);
        let s = Histogram(vec![(300, 2), (500, 1), (700, 1)]).stats(5);
        assert_eq!(s.within_budget, 3);
        assert_eq!(s.within_budget_share, Some(0.75));
    }
}
