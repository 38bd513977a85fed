//! The service-level report's figures. The database does the counting (`GROUP BY` over
//! `request_sla`, served by its report indexes); medians and 90th percentiles come exactly from
//! the per-value counts it returns.

use std::collections::{BTreeMap, HashMap};

use chrono::{NaiveDate, NaiveDateTime};
use diesel::dsl::count_star;
use diesel::prelude::*;

use crate::config::SlaConfig;
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

/// What the report is computed from, read from the database in a few grouped queries.
struct ReportRows {
    /// `(organisation, status, count)`.
    counts: Vec<(String, RequestStatus, i64)>,
    /// `(organisation, running clocks past their due date)`.
    overdue: Vec<(String, i64)>,
    /// `(organisation, ratings, sum of ratings)`.
    ratings: Vec<(String, i64, Option<i64>)>,
    refusals: ReasonRows<RefusalReason>,
    rejections: ReasonRows<RejectionReason>,
    /// Each stage's histograms per organisation.
    stages: [(Stage, HashMap<String, Histogram>); 3],
}

/// Requests per organisation and status.
fn status_counts(
    conn: &mut DbConnection,
    sel: &Selection,
) -> ApiResult<Vec<(String, RequestStatus, i64)>> {
    Ok(select_on!(
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
    .load(conn)?)
}

/// Running clocks past their due date at `at`, per organisation.
fn overdue_counts(
    conn: &mut DbConnection,
    sel: &Selection,
    at: NaiveDateTime,
) -> ApiResult<Vec<(String, i64)>> {
    Ok(select_on!(
        request_sla::table
            .filter(request_sla::clock.eq(ClockState::Running))
            .filter(request_sla::due_at.lt(at))
            .group_by(request_sla::organisation_id)
            .select((request_sla::organisation_id, count_star()))
            .into_boxed(),
        sel
    )
    .load(conn)?)
}

/// Feedback ratings per organisation. Driven from the (small) feedback table: the filing-date
/// range is checked per feedback row against its request's primary key.
fn rating_rows(
    conn: &mut DbConnection,
    sel: &Selection,
) -> ApiResult<Vec<(String, i64, Option<i64>)>> {
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
    Ok(q.load(conn)?)
}

impl ReportRows {
    fn load(conn: &mut DbConnection, sel: &Selection, at: NaiveDateTime) -> ApiResult<Self> {
        let counts = status_counts(conn, sel)?;
        let overdue = overdue_counts(conn, sel, at)?;
        let ratings = rating_rows(conn, sel)?;
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
        Ok(ReportRows {
            counts,
            overdue,
            ratings,
            refusals,
            rejections,
            stages,
        })
    }

    /// The organisations that filed requests in the selection, sorted, each once.
    fn organisations(&self) -> Vec<String> {
        let mut orgs: Vec<String> = self.counts.iter().map(|(o, _, _)| o.clone()).collect();
        orgs.sort();
        orgs.dedup();
        orgs
    }

    /// Requests per status (every status, zero included) and their total.
    fn by_status(&self, mine: impl Fn(&str) -> bool) -> (BTreeMap<String, i64>, i64) {
        let mut by_status: BTreeMap<String, i64> = RequestStatus::ALL
            .iter()
            .map(|s| (s.as_str().to_owned(), 0))
            .collect();
        let mut requests = 0;
        for (o, s, n) in &self.counts {
            if mine(o) {
                *by_status.entry(s.as_str().to_owned()).or_default() += n;
                requests += n;
            }
        }
        (by_status, requests)
    }

    /// The `i`th stage's statistics for one organisation, or all of them (`None`).
    fn stage(&self, i: usize, org: Option<&str>, sla: &SlaConfig) -> StageStats {
        let empty = Histogram::default();
        let (stage, per_org) = &self.stages[i];
        let parts: Vec<&Histogram> = match org {
            Some(o) => vec![per_org.get(o).unwrap_or(&empty)],
            None => per_org.values().collect(),
        };
        Histogram::merge(&parts).stats(stage.budget_days(sla))
    }

    fn feedback(&self, mine: impl Fn(&str) -> bool) -> FeedbackStats {
        let (count, sum) = self
            .ratings
            .iter()
            .filter(|(o, _, _)| mine(o))
            .fold((0, 0), |(c, s), (_, n, total)| {
                (c + n, s + total.unwrap_or(0))
            });
        FeedbackStats {
            count,
            average_rating: (count > 0)
                .then(|| (sum as f64 / count as f64 * 100.0).round() / 100.0),
        }
    }

    /// The figures of one organisation, or of all of them (`None`).
    fn figures(&self, org: Option<&str>, sla: &SlaConfig) -> SlaFigures {
        let mine = |o: &str| org.is_none_or(|want| want == o);
        let (by_status, requests) = self.by_status(mine);
        SlaFigures {
            requests,
            by_status,
            stages: StageSet {
                decision: self.stage(0, org, sla),
                police: self.stage(1, org, sla),
                registration: self.stage(2, org, sla),
            },
            overdue_now: self
                .overdue
                .iter()
                .filter(|(o, _)| mine(o))
                .map(|(_, n)| n)
                .sum(),
            feedback: self.feedback(mine),
            refusal_reasons: sum_reasons(RefusalReason::ALL, &self.refusals, mine),
            rejection_reasons: sum_reasons(RejectionReason::ALL, &self.rejections, mine),
        }
    }
}

/// The organisations' names by id.
fn organisation_names(
    conn: &mut DbConnection,
    orgs: &[String],
) -> ApiResult<HashMap<String, String>> {
    Ok(organisations::table
        .filter(organisations::id.eq_any(orgs))
        .select((organisations::id, organisations::name))
        .load::<(String, String)>(conn)?
        .into_iter()
        .collect())
}

/// Computes the report: the figures over the whole selection and per organisation (sorted by
/// name, then id).
pub fn compute(
    conn: &mut DbConnection,
    sla: &SlaConfig,
    sel: &Selection,
    at: NaiveDateTime,
) -> ApiResult<(SlaFigures, Vec<AgencyFigures>)> {
    let rows = ReportRows::load(conn, sel, at)?;
    let orgs = rows.organisations();
    let names = organisation_names(conn, &orgs)?;
    let overall = rows.figures(None, sla);
    let mut agencies: Vec<AgencyFigures> = orgs
        .iter()
        .map(|o| AgencyFigures {
            organisation_id: o.clone(),
            organisation_name: names.get(o).cloned().unwrap_or_default(),
            figures: rows.figures(Some(o), sla),
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
