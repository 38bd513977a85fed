//! SLA clocks, derived from a request's history: which stage each status belongs to, when each
//! stage ran and paused, and what that means for its deadline. A pure function of the history,
//! the calendar and the time, so recomputing after a holiday changes gives the same answer as
//! if the holiday had always been known.
//!
//! Each stage counts whole working days on the calendar of the party that owes the step (see
//! [`Stage::party`] and [`crate::sla::calendar`]): a budget of N days ends at the close of
//! office hours on the Nth working day after the step's start day. A pause (the agency
//! supplying documents) stops the count; on resumption the count goes on from the resumption's
//! start day with the days left.

use chrono::NaiveDateTime;

use crate::config::SlaConfig;
use crate::domain::party::Party;
use crate::domain::status::RequestStatus;
use crate::sla::calendar::Calendar;

crate::vocabulary! {
    /// A stage with its own budget.
    pub enum Stage {
        /// The directorate's decision: submission to permit issued or rejected.
        Decision => "decision",
        /// The police's action: permit issued to the receipt.
        Police => "police",
        /// Recording the removal: receipt to `completed`.
        Registration => "registration",
    }
}

impl Stage {
    /// The stage as people read it (Persian).
    pub fn label_fa(self) -> &'static str {
        match self {
            Stage::Decision => "بررسی و تصمیم اداره کل",
            Stage::Police => "اقدام پلیس راهور",
            Stage::Registration => "ثبت فک پلاک",
        }
    }
}

crate::vocabulary! {
    /// Whether a stage's clock is counting.
    pub enum ClockState {
        Running => "running",
        /// Waiting for the agency's documents (the directorate's clock does not count).
        Paused => "paused",
        /// No stage is open: the request is finished or waits on nobody's deadline.
        Stopped => "stopped",
    }
}

impl ClockState {
    /// The clock state as people read it (Persian).
    pub fn label_fa(self) -> &'static str {
        match self {
            ClockState::Running => "در جریان",
            ClockState::Paused => "متوقف در انتظار مدارک",
            ClockState::Stopped => "پایان‌یافته",
        }
    }
}

impl Stage {
    /// The stage a status belongs to, and whether its clock runs there.
    pub fn of(status: RequestStatus) -> Option<(Stage, bool)> {
        match status {
            RequestStatus::Submitted | RequestStatus::UnderReview => Some((Stage::Decision, true)),
            // With the agency (documents asked, or returned for correction): paused.
            RequestStatus::AwaitingDocuments | RequestStatus::ReturnedForCorrection => {
                Some((Stage::Decision, false))
            }
            RequestStatus::PermitIssued => Some((Stage::Police, true)),
            RequestStatus::PlateRemoved => Some((Stage::Registration, true)),
            // An expired permit stops the police's clock (not completed: the police did not
            // act); `request_reissue` starts a new decision run.
            RequestStatus::PermitExpired
            | RequestStatus::RemovalRefused
            | RequestStatus::Completed
            | RequestStatus::Rejected
            | RequestStatus::Withdrawn => None,
        }
    }

    /// Whether leaving the stage into `to` completes it (as opposed to withdrawal or a reopen).
    fn completed_by(self, to: RequestStatus) -> bool {
        match self {
            Stage::Decision => matches!(to, RequestStatus::PermitIssued | RequestStatus::Rejected),
            Stage::Police => matches!(
                to,
                RequestStatus::PlateRemoved | RequestStatus::RemovalRefused
            ),
            Stage::Registration => to == RequestStatus::Completed,
        }
    }

    /// The party that owes the step, whose working days its clock counts: the directorate
    /// decides and registers; the police remove (their own calendar, or the directorate's
    /// with `SLA_POLICE_CALENDAR=directorate`).
    pub fn party(self, sla: &SlaConfig) -> Party {
        match self {
            Stage::Decision | Stage::Registration => Party::Directorate,
            Stage::Police => sla.police_calendar,
        }
    }

    pub fn budget_days(self, sla: &SlaConfig) -> i64 {
        i64::from(match self {
            Stage::Decision => sla.decision_days,
            Stage::Police => sla.police_days,
            Stage::Registration => sla.registration_days,
        })
    }
}

/// A span of a stage: running or paused, from `start` until `end` (open while `None`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Span {
    pub start: NaiveDateTime,
    pub end: Option<NaiveDateTime>,
    pub running: bool,
}

/// One run of a stage (a reopened request runs the decision stage again).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StageRun {
    pub stage: Stage,
    pub spans: Vec<Span>,
    /// `None` while the stage is open.
    pub ended_at: Option<NaiveDateTime>,
    /// Ended by the stage's own outcome (not by a withdrawal or a reopen).
    pub completed: bool,
}

impl StageRun {
    pub fn started_at(&self) -> NaiveDateTime {
        self.spans.first().map(|s| s.start).unwrap_or_default()
    }

    fn close(&mut self, at: NaiveDateTime, completed: bool) {
        if let Some(last) = self.spans.last_mut() {
            last.end = Some(at);
        }
        self.ended_at = Some(at);
        self.completed = completed;
    }

    /// Working days counted up to `now` (only running spans count), on the stage's party's
    /// calendar `cal`.
    pub fn used_days(&self, cal: &Calendar, now: NaiveDateTime) -> i64 {
        self.spans
            .iter()
            .filter(|s| s.running)
            .map(|s| cal.working_days(s.start, s.end.unwrap_or(now).min(now.max(s.start))))
            .sum()
    }

    /// Which working day of the budget each counted day was (1 = the first), up to `now`.
    pub fn day_numbers(
        &self,
        cal: &Calendar,
        now: NaiveDateTime,
    ) -> std::collections::BTreeMap<chrono::NaiveDate, i64> {
        let mut out = std::collections::BTreeMap::new();
        let mut n = 0;
        for s in self.spans.iter().filter(|s| s.running) {
            for d in cal.counted_days(s.start, s.end.unwrap_or(now).min(now.max(s.start))) {
                n += 1;
                out.entry(d).or_insert(n);
            }
        }
        out
    }

    /// When the budget of `budget_days` is (or was) used up: the close of the day that used
    /// it up inside a past running span if the stage ran over, else projected from the open
    /// running span with the days left. `None` while paused with budget left, or when the
    /// stage ended within its budget.
    pub fn due_at(&self, cal: &Calendar, budget_days: i64) -> Option<NaiveDateTime> {
        let mut left = budget_days;
        for span in self.spans.iter().filter(|s| s.running) {
            match span.end {
                Some(end) => {
                    let days = cal.counted_days(span.start, end);
                    if left > 0 && days.len() as i64 >= left {
                        let day = days[(left - 1) as usize];
                        return cal.closing(day);
                    }
                    left -= days.len() as i64;
                }
                None => return Some(cal.deadline(span.start, left.max(0))),
            }
        }
        None
    }

    pub fn clock(&self) -> ClockState {
        match self.spans.last() {
            _ if self.ended_at.is_some() => ClockState::Stopped,
            Some(s) if s.running => ClockState::Running,
            Some(_) => ClockState::Paused,
            None => ClockState::Stopped,
        }
    }
}

/// A transition as the clocks need it.
#[derive(Clone, Copy, Debug)]
pub struct Transition {
    pub to: RequestStatus,
    pub at: NaiveDateTime,
}

/// Splits a history (oldest first) into stage runs.
pub fn runs(history: &[Transition]) -> Vec<StageRun> {
    let mut out: Vec<StageRun> = Vec::new();
    let mut current: Option<StageRun> = None;
    for t in history {
        let next = Stage::of(t.to);
        match (&mut current, next) {
            (Some(run), Some((stage, running))) if run.stage == stage => {
                // Same stage: pause or resume (a no-op if nothing changes).
                let last_running = run.spans.last().map(|s| s.running);
                if last_running != Some(running) {
                    if let Some(last) = run.spans.last_mut() {
                        last.end = Some(t.at);
                    }
                    run.spans.push(Span {
                        start: t.at,
                        end: None,
                        running,
                    });
                }
            }
            _ => {
                if let Some(mut run) = current.take() {
                    let completed = run.stage.completed_by(t.to);
                    run.close(t.at, completed);
                    out.push(run);
                }
                if let Some((stage, running)) = next {
                    current = Some(StageRun {
                        stage,
                        spans: vec![Span {
                            start: t.at,
                            end: None,
                            running,
                        }],
                        ended_at: None,
                        completed: false,
                    });
                }
            }
        }
    }
    out.extend(current);
    out
}

/// What is stored per request for lists, filters and reports.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Summary {
    /// The open stage, or the last one that ran.
    pub stage: Option<Stage>,
    pub clock: ClockState,
    /// Start of the open running span (running clocks only).
    pub clock_since: Option<NaiveDateTime>,
    /// Working days of the stage before `clock_since` (or in all, once stopped/paused).
    pub used_days: i64,
    /// The deadline, while the clock runs.
    pub due_at: Option<NaiveDateTime>,
    /// Hundredths of working days (whole days × 100) of the latest completed run of each
    /// stage.
    pub decision_cd: Option<i64>,
    pub police_cd: Option<i64>,
    pub registration_cd: Option<i64>,
}

/// The stored summary of a history; `cal` is the calendar in force, each stage counting its
/// party's view of it.
pub fn summarise(
    history: &[Transition],
    cal: &Calendar,
    sla: &SlaConfig,
    now: NaiveDateTime,
) -> Summary {
    let runs = runs(history);
    let mut s = Summary {
        stage: None,
        clock: ClockState::Stopped,
        clock_since: None,
        used_days: 0,
        due_at: None,
        decision_cd: None,
        police_cd: None,
        registration_cd: None,
    };
    for run in &runs {
        if run.completed {
            let party = cal.for_party(run.stage.party(sla));
            let cd = Some(run.used_days(&party, now) * 100);
            match run.stage {
                Stage::Decision => s.decision_cd = cd,
                Stage::Police => s.police_cd = cd,
                Stage::Registration => s.registration_cd = cd,
            }
        }
    }
    if let Some(last) = runs.last() {
        let party = cal.for_party(last.stage.party(sla));
        s.stage = Some(last.stage);
        s.clock = last.clock();
        match s.clock {
            ClockState::Running => {
                let open = last.spans.last().map(|sp| sp.start);
                s.clock_since = open;
                s.used_days = last
                    .spans
                    .iter()
                    .filter(|sp| sp.running && sp.end.is_some())
                    .map(|sp| party.working_days(sp.start, sp.end.unwrap_or(sp.start)))
                    .sum();
                s.due_at = last.due_at(&party, last.stage.budget_days(sla));
            }
            ClockState::Paused | ClockState::Stopped => s.used_days = last.used_days(&party, now),
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use chrono::{NaiveDate, TimeZone};
    use RequestStatus as S;

    fn tehran(y: i32, m: u32, d: u32, h: u32) -> NaiveDateTime {
        chrono_tz::Asia::Tehran
            .from_local_datetime(
                &NaiveDate::from_ymd_opt(y, m, d)
                    .unwrap()
                    .and_hms_opt(h, 0, 0)
                    .unwrap(),
            )
            .unwrap()
            .naive_utc()
    }

    /// 14:30 in Tehran, the default closing.
    fn close(y: i32, m: u32, d: u32) -> NaiveDateTime {
        tehran(y, m, d, 14) + chrono::TimeDelta::minutes(30)
    }

    fn t(to: S, at: NaiveDateTime) -> Transition {
        Transition { to, at }
    }

    fn cal(holidays: &[NaiveDate]) -> Calendar {
        Calendar::new(
            &Config::defaults(),
            holidays.iter().map(|d| (*d, "تعطیل".to_owned())).collect(),
        )
    }

    /// Monday 2024-11-04 09:00 filed, reviewed, documents asked Tuesday 09:00 (Tuesday had
    /// begun: one working day used), resubmitted the next Monday 09:00, the pause spanning a
    /// holiday on Wednesday: the clock resumes with four days left, not five, counted after
    /// Monday, and the holiday inside the pause changes nothing.
    #[test]
    fn pause_across_a_holiday_resumes_not_restarts() {
        let wed = NaiveDate::from_ymd_opt(2024, 11, 6).unwrap();
        let c = cal(&[wed]);
        let config = Config::defaults();
        let history = [
            t(S::Submitted, tehran(2024, 11, 4, 9)),
            t(S::UnderReview, tehran(2024, 11, 4, 11)),
            t(S::AwaitingDocuments, tehran(2024, 11, 5, 9)),
            t(S::UnderReview, tehran(2024, 11, 11, 9)),
        ];
        let now = tehran(2024, 11, 11, 12);
        let s = summarise(&history, &c, &config.sla, now);
        assert_eq!(s.stage, Some(Stage::Decision));
        assert_eq!(s.clock, ClockState::Running);
        assert_eq!(s.used_days, 1);
        // Four working days after Monday 11th: Tue, Wed, Thu, (Fri off) Sat 16th at closing.
        assert_eq!(s.due_at, Some(close(2024, 11, 16)));
        // While paused, no deadline and the used time is frozen.
        let paused = summarise(&history[..3], &c, &config.sla, tehran(2024, 11, 9, 12));
        assert_eq!(paused.clock, ClockState::Paused);
        assert_eq!(paused.due_at, None);
        assert_eq!(paused.used_days, 1);
    }

    #[test]
    fn stages_complete_and_record_durations() {
        let c = cal(&[]);
        let config = Config::defaults();
        let history = [
            t(S::Submitted, tehran(2024, 11, 4, 9)),
            t(S::UnderReview, tehran(2024, 11, 4, 10)),
            t(S::PermitIssued, tehran(2024, 11, 5, 12)),
            t(S::PlateRemoved, tehran(2024, 11, 9, 12)),
            t(S::Completed, tehran(2024, 11, 10, 9)),
        ];
        let s = summarise(&history, &c, &config.sla, tehran(2024, 12, 1, 9));
        assert_eq!(s.clock, ClockState::Stopped);
        assert_eq!(s.stage, Some(Stage::Registration));
        // Decision: Monday 09:00 → Tuesday 12:00: Tuesday, one day.
        assert_eq!(s.decision_cd, Some(100));
        // Police: Tue 12:00 → Sat 12:00 (Fri weekend): Wed, Thu, Sat, three days.
        assert_eq!(s.police_cd, Some(300));
        // Registration: Sat 12:00 → Sun 09:00: Sunday, one day.
        assert_eq!(s.registration_cd, Some(100));
    }

    #[test]
    fn overdue_deadline_is_the_moment_the_budget_ran_out() {
        let c = cal(&[]);
        let config = Config::defaults();
        let history = [
            t(S::Submitted, tehran(2024, 11, 2, 9)), // Saturday
            t(S::AwaitingDocuments, tehran(2024, 11, 12, 9)),
            t(S::UnderReview, tehran(2024, 11, 20, 9)),
        ];
        let s = summarise(&history, &c, &config.sla, tehran(2024, 11, 20, 10));
        // The budget ran out with the fifth working day after Saturday (Sun..Wed, Thu 7th),
        // at its closing.
        assert_eq!(s.due_at, Some(close(2024, 11, 7)));
    }

    #[test]
    fn withdrawal_and_reopen_do_not_count_as_completed() {
        let c = cal(&[]);
        let config = Config::defaults();
        let history = [
            t(S::Submitted, tehran(2024, 11, 4, 9)),
            t(S::UnderReview, tehran(2024, 11, 4, 10)),
            t(S::PermitIssued, tehran(2024, 11, 5, 12)),
            // The permit expired unused; reopened for a new decision.
            t(S::UnderReview, tehran(2024, 12, 9, 9)),
        ];
        let s = summarise(&history, &c, &config.sla, tehran(2024, 12, 9, 10));
        assert_eq!(s.police_cd, None);
        assert_eq!(s.decision_cd, Some(100));
        assert_eq!(s.stage, Some(Stage::Decision));
        assert_eq!(s.clock_since, Some(tehran(2024, 12, 9, 9)));
        assert_eq!(s.used_days, 0);
        let withdrawn = [
            t(S::Submitted, tehran(2024, 11, 4, 9)),
            t(S::Withdrawn, tehran(2024, 11, 4, 10)),
        ];
        let s = summarise(&withdrawn, &c, &config.sla, tehran(2024, 12, 9, 10));
        assert_eq!(s.decision_cd, None);
        assert_eq!(s.clock, ClockState::Stopped);
        assert_eq!(s.used_days, 0);
    }

    /// A revoked permit sends the request back for a new decision run (as a reopen does); a
    /// withdrawal while the permit waits stops the police's clock without completing it.
    #[test]
    fn revocation_and_withdrawal_after_the_permit_do_not_complete_the_police_stage() {
        let c = cal(&[]);
        let config = Config::defaults();
        let issued = [
            t(S::Submitted, tehran(2024, 11, 4, 9)),
            t(S::UnderReview, tehran(2024, 11, 4, 10)),
            t(S::PermitIssued, tehran(2024, 11, 5, 12)),
        ];
        let mut revoked = issued.to_vec();
        revoked.push(t(S::UnderReview, tehran(2024, 11, 6, 9)));
        let s = summarise(&revoked, &c, &config.sla, tehran(2024, 11, 6, 10));
        assert_eq!(s.police_cd, None);
        assert_eq!(s.stage, Some(Stage::Decision));
        assert_eq!(s.clock, ClockState::Running);
        assert_eq!(s.clock_since, Some(tehran(2024, 11, 6, 9)));
        let mut withdrawn = issued.to_vec();
        withdrawn.push(t(S::Withdrawn, tehran(2024, 11, 6, 9)));
        let s = summarise(&withdrawn, &c, &config.sla, tehran(2024, 11, 9, 10));
        assert_eq!(s.police_cd, None);
        assert_eq!(s.stage, Some(Stage::Police));
        assert_eq!(s.clock, ClockState::Stopped);
    }
}
