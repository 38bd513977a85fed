//! The request state machine, as data: one table of `(from, action) -> to` with the roles that
//! may take each action. Handlers, `allowed_actions` and the property tests all read this table.

use crate::domain::identity::Role;

crate::vocabulary! {
    /// Where a plate-removal request stands.
    #[derive(PartialOrd, Ord)]
    pub enum RequestStatus {
        /// Filed by the agency; tracking code issued.
        Submitted => "submitted",
        /// A directorate reviewer took it.
        UnderReview => "under_review",
        /// Supplementary documents asked of the agency (the SLA clock pauses).
        AwaitingDocuments => "awaiting_documents",
        /// The directorate revoked the permit as issued in error and returned the request to the
        /// agency to correct its data (`PATCH /requests/{id}`), then resubmit (the SLA clock
        /// pauses).
        ReturnedForCorrection => "returned_for_correction",
        /// Permit issued in the national vehicle system and sent to the police.
        PermitIssued => "permit_issued",
        /// The permit's validity ended with no receipt from the police: the police's clock stopped
        /// and their queue dropped it; the agency may ask for a new permit (`request_reissue`).
        PermitExpired => "permit_expired",
        /// The police removed the plate and posted the receipt.
        PlateRemoved => "plate_removed",
        /// The police did not approve the removal.
        RemovalRefused => "removal_refused",
        /// Removal recorded in the national vehicle system.
        Completed => "completed",
        /// Rejected by the directorate (terminal).
        Rejected => "rejected",
        /// Withdrawn by the agency (terminal).
        Withdrawn => "withdrawn",
    }
}

impl RequestStatus {
    /// No action leaves a terminal state.
    pub fn is_terminal(self) -> bool {
        matches!(
            self,
            RequestStatus::Completed | RequestStatus::Rejected | RequestStatus::Withdrawn
        )
    }

    /// The status as applicants read it.
    pub fn label_fa(self) -> &'static str {
        match self {
            RequestStatus::Submitted => "ثبت شده",
            RequestStatus::UnderReview => "در حال بررسی",
            RequestStatus::AwaitingDocuments => "در انتظار مدارک تکمیلی",
            RequestStatus::ReturnedForCorrection => "بازگشت به دستگاه برای اصلاح",
            RequestStatus::PermitIssued => "مجوز صادر و به پلیس راهور ارسال شد",
            RequestStatus::PermitExpired => "مجوز بدون اقدام پلیس راهور منقضی شد",
            RequestStatus::PlateRemoved => "پلاک فک شد",
            RequestStatus::RemovalRefused => "فک پلاک توسط پلیس راهور تأیید نشد",
            RequestStatus::Completed => "فک پلاک در سامانه جامع خودرو ثبت شد",
            RequestStatus::Rejected => "رد شده",
            RequestStatus::Withdrawn => "انصراف متقاضی",
        }
    }

    /// Statuses that are not terminal ("open" requests).
    pub fn open() -> Vec<RequestStatus> {
        RequestStatus::ALL
            .iter()
            .copied()
            .filter(|s| !s.is_terminal())
            .collect()
    }
}

crate::vocabulary! {
    /// Something a user does to a request.
    #[derive(PartialOrd, Ord)]
    pub enum Action {
        /// `POST /requests/{id}/review` (directorate).
        Review => "review",
        /// `POST /requests/{id}/document-requests` (directorate).
        RequestDocuments => "request_documents",
        /// `POST /requests/{id}/resubmit` (agency).
        Resubmit => "resubmit",
        /// `POST /requests/{id}/reject` (directorate).
        Reject => "reject",
        /// `POST /requests/{id}/withdraw` (agency); from `permit_issued` it also revokes the permit.
        Withdraw => "withdraw",
        /// `POST /requests/{id}/permit` (directorate).
        IssuePermit => "issue_permit",
        /// `POST /permits/{id}/receipt` with `outcome: removed` (police).
        RecordRemoval => "record_removal",
        /// `POST /permits/{id}/receipt` with `outcome: refused` (police).
        RecordRefusal => "record_refusal",
        /// `POST /requests/{id}/reopen` (directorate).
        Reopen => "reopen",
        /// `POST /requests/{id}/registration` (directorate, registry).
        Register => "register",
        /// `POST /permits/{id}/revoke` (directorate): the permit is revoked and the request goes
        /// back under review.
        Revoke => "revoke",
        /// `POST /requests/{id}/request-reissue` (agency): after the permit expired unused, or after
        /// the police's refusal once its cause is resolved, the request goes back to the directorate
        /// for a new permit.
        RequestReissue => "request_reissue",
        /// Taken by the service itself (the expiry worker), never by a user: the permit's validity
        /// ended with no receipt (`permit_issued` → `permit_expired`).
        Expire => "expire",
        /// `PATCH /requests/{id}` (agency): correct the vehicle, letter, contact or representative
        /// while the request is with the agency or under review; the status does not change.
        Correct => "correct",
        /// `POST /permits/{id}/revoke` with `reason_code: issued_in_error` (directorate): the
        /// permit is revoked and the request returns to the agency for correction.
        ReturnForCorrection => "return_for_correction",
    }
}

use RequestStatus as S;

/// The transition table: `(from, action, to)`.
pub const TRANSITIONS: &[(RequestStatus, Action, RequestStatus)] = &[
    (S::Submitted, Action::Review, S::UnderReview),
    (S::Submitted, Action::Withdraw, S::Withdrawn),
    (
        S::UnderReview,
        Action::RequestDocuments,
        S::AwaitingDocuments,
    ),
    (S::UnderReview, Action::Reject, S::Rejected),
    (S::UnderReview, Action::IssuePermit, S::PermitIssued),
    (S::UnderReview, Action::Withdraw, S::Withdrawn),
    (S::AwaitingDocuments, Action::Resubmit, S::UnderReview),
    (S::AwaitingDocuments, Action::Reject, S::Rejected),
    (S::AwaitingDocuments, Action::Withdraw, S::Withdrawn),
    (S::PermitIssued, Action::RecordRemoval, S::PlateRemoved),
    (S::PermitIssued, Action::RecordRefusal, S::RemovalRefused),
    // The expiry worker, when `valid_until` passed with no receipt.
    (S::PermitIssued, Action::Expire, S::PermitExpired),
    // No receipt exists in `permit_issued` (a receipt moves the request on), so revoking and
    // withdrawing need no further guard here; `permits::service` refuses a revoked or
    // superseded permit.
    (S::PermitIssued, Action::Revoke, S::UnderReview),
    (S::PermitIssued, Action::Withdraw, S::Withdrawn),
    // A receipt posted late for a removal (or refusal) made while the permit was valid
    // (`permits::service` checks `occurred_at` against the permit's validity).
    (S::PermitExpired, Action::RecordRemoval, S::PlateRemoved),
    (S::PermitExpired, Action::RecordRefusal, S::RemovalRefused),
    (S::PermitExpired, Action::RequestReissue, S::UnderReview),
    (S::PermitExpired, Action::Reopen, S::UnderReview),
    (S::PermitExpired, Action::Withdraw, S::Withdrawn),
    (S::PlateRemoved, Action::Register, S::Completed),
    (S::RemovalRefused, Action::RequestReissue, S::UnderReview),
    (S::RemovalRefused, Action::Reopen, S::UnderReview),
    (S::RemovalRefused, Action::Reject, S::Rejected),
    // A permit issued in error: revoked, and the request back with the agency to correct it.
    (
        S::PermitIssued,
        Action::ReturnForCorrection,
        S::ReturnedForCorrection,
    ),
    (S::ReturnedForCorrection, Action::Resubmit, S::UnderReview),
    (S::ReturnedForCorrection, Action::Reject, S::Rejected),
    (S::ReturnedForCorrection, Action::Withdraw, S::Withdrawn),
    // Corrections change data, not the status: while the request is with the agency or under
    // review, never once a permit was issued (unless it was revoked as issued in error).
    (S::Submitted, Action::Correct, S::Submitted),
    (S::UnderReview, Action::Correct, S::UnderReview),
    (S::AwaitingDocuments, Action::Correct, S::AwaitingDocuments),
    (
        S::ReturnedForCorrection,
        Action::Correct,
        S::ReturnedForCorrection,
    ),
];

impl Action {
    /// The roles that may ever take this action (others get 403 whatever the state).
    pub fn roles(self) -> &'static [Role] {
        match self {
            Action::Review
            | Action::RequestDocuments
            | Action::Reject
            | Action::IssuePermit
            | Action::Reopen
            | Action::Revoke
            | Action::ReturnForCorrection => &[Role::Directorate],
            Action::Resubmit | Action::Withdraw | Action::RequestReissue | Action::Correct => {
                &[Role::Agency]
            }
            Action::RecordRemoval | Action::RecordRefusal => &[Role::Police],
            Action::Register => &[Role::Directorate, Role::Registry],
            // No role: only the service takes it (see `decide_by_service`).
            Action::Expire => &[],
        }
    }

    pub fn allowed_for(self, role: Role) -> bool {
        self.roles().contains(&role)
    }
}

/// Facts outside the status that some transitions depend on (none today: an expired permit
/// is its own status, `permit_expired`, set by the expiry worker).
#[derive(Clone, Copy, Debug, Default)]
pub struct Guards {}

/// The state an action leads to, by the table alone (ignoring roles and guards).
pub fn target(from: RequestStatus, action: Action) -> Option<RequestStatus> {
    TRANSITIONS
        .iter()
        .find(|(f, a, _)| *f == from && *a == action)
        .map(|(_, _, to)| *to)
}

/// Why an action cannot be taken.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The role may never take this action (403).
    Forbidden,
    /// Not from the current state, or a guard does not hold (409 `invalid_transition`).
    InvalidTransition,
}

/// Decides an action by a role on a request in state `from`.
pub fn decide(
    from: RequestStatus,
    action: Action,
    role: Role,
    guards: Guards,
) -> Result<RequestStatus, Refusal> {
    if !action.allowed_for(role) {
        return Err(Refusal::Forbidden);
    }
    let _ = guards;
    target(from, action).ok_or(Refusal::InvalidTransition)
}

/// Decides an action the service takes by itself (`expire`), with no user's role.
pub fn decide_by_service(from: RequestStatus, action: Action) -> Result<RequestStatus, Refusal> {
    if !action.roles().is_empty() {
        return Err(Refusal::Forbidden);
    }
    target(from, action).ok_or(Refusal::InvalidTransition)
}

/// The actions a role can take now, in table order.
pub fn allowed_actions(from: RequestStatus, role: Role, guards: Guards) -> Vec<Action> {
    let mut out = Vec::new();
    for (f, a, _) in TRANSITIONS {
        if *f == from && decide(from, *a, role, guards).is_ok() && !out.contains(a) {
            out.push(*a);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn terminal_states_have_no_way_out() {
        for (from, _, _) in TRANSITIONS {
            assert!(
                !from.is_terminal(),
                "{from} is terminal but has a transition"
            );
        }
    }

    #[test]
    fn every_non_terminal_state_is_reachable_and_can_end() {
        use std::collections::BTreeSet;
        let mut seen = BTreeSet::from([S::Submitted]);
        let mut frontier = vec![S::Submitted];
        while let Some(s) = frontier.pop() {
            for (f, _, to) in TRANSITIONS {
                if *f == s && seen.insert(*to) {
                    frontier.push(*to);
                }
            }
        }
        assert_eq!(
            seen.len(),
            RequestStatus::ALL.len(),
            "unreachable: {seen:?}"
        );
    }

    #[test]
    fn api_table_of_next_states() {
        let next = |s: RequestStatus| -> Vec<RequestStatus> {
            let mut v: Vec<_> = TRANSITIONS
                .iter()
                .filter(|(f, _, _)| *f == s)
                .map(|(_, _, t)| *t)
                .collect();
            v.sort();
            v.dedup();
            v
        };
        assert_eq!(
            next(S::Submitted),
            vec![S::Submitted, S::UnderReview, S::Withdrawn]
        );
        assert_eq!(
            next(S::UnderReview),
            vec![
                S::UnderReview,
                S::AwaitingDocuments,
                S::PermitIssued,
                S::Rejected,
                S::Withdrawn
            ]
        );
        assert_eq!(
            next(S::AwaitingDocuments),
            vec![
                S::UnderReview,
                S::AwaitingDocuments,
                S::Rejected,
                S::Withdrawn
            ]
        );
        assert_eq!(
            next(S::ReturnedForCorrection),
            vec![
                S::UnderReview,
                S::ReturnedForCorrection,
                S::Rejected,
                S::Withdrawn
            ]
        );
        assert_eq!(
            next(S::PermitIssued),
            vec![
                S::UnderReview,
                S::ReturnedForCorrection,
                S::PermitExpired,
                S::PlateRemoved,
                S::RemovalRefused,
                S::Withdrawn
            ]
        );
        assert_eq!(
            next(S::PermitExpired),
            vec![
                S::UnderReview,
                S::PlateRemoved,
                S::RemovalRefused,
                S::Withdrawn
            ]
        );
        assert_eq!(next(S::PlateRemoved), vec![S::Completed]);
        assert_eq!(next(S::RemovalRefused), vec![S::UnderReview, S::Rejected]);
        for t in [S::Completed, S::Rejected, S::Withdrawn] {
            assert!(next(t).is_empty());
        }
    }

    #[test]
    fn an_expired_permit_or_a_refusal_goes_back_to_the_directorate_on_the_agencys_word() {
        let g = Guards::default();
        for from in [S::PermitExpired, S::RemovalRefused] {
            assert_eq!(
                decide(from, Action::RequestReissue, Role::Agency, g),
                Ok(S::UnderReview)
            );
            for role in [Role::Directorate, Role::Police, Role::Registry, Role::Admin] {
                assert_eq!(
                    decide(from, Action::RequestReissue, role, g),
                    Err(Refusal::Forbidden)
                );
            }
        }
        assert_eq!(
            decide(S::PermitIssued, Action::RequestReissue, Role::Agency, g),
            Err(Refusal::InvalidTransition)
        );
        // The directorate no longer reopens a permit_issued request: expiry is its own state.
        assert_eq!(
            decide(S::PermitIssued, Action::Reopen, Role::Directorate, g),
            Err(Refusal::InvalidTransition)
        );
        assert_eq!(
            allowed_actions(S::PermitExpired, Role::Agency, g),
            vec![Action::RequestReissue, Action::Withdraw]
        );
        assert_eq!(
            allowed_actions(S::PermitExpired, Role::Directorate, g),
            vec![Action::Reopen]
        );
        // A late receipt for a removal made while the permit was valid.
        assert_eq!(
            allowed_actions(S::PermitExpired, Role::Police, g),
            vec![Action::RecordRemoval, Action::RecordRefusal]
        );
    }

    #[test]
    fn only_the_service_expires_a_permit() {
        for role in Role::ALL {
            assert_eq!(
                decide(S::PermitIssued, Action::Expire, *role, Guards::default()),
                Err(Refusal::Forbidden)
            );
        }
        assert_eq!(
            decide_by_service(S::PermitIssued, Action::Expire),
            Ok(S::PermitExpired)
        );
        for from in RequestStatus::ALL {
            if *from != S::PermitIssued {
                assert_eq!(
                    decide_by_service(*from, Action::Expire),
                    Err(Refusal::InvalidTransition)
                );
            }
        }
        assert_eq!(
            decide_by_service(S::UnderReview, Action::Review),
            Err(Refusal::Forbidden)
        );
    }

    #[test]
    fn an_issued_permit_is_revoked_by_the_directorate_or_withdrawn_by_the_agency() {
        let g = Guards::default();
        let d = |a, r| decide(S::PermitIssued, a, r, g);
        assert_eq!(d(Action::Revoke, Role::Directorate), Ok(S::UnderReview));
        assert_eq!(d(Action::Revoke, Role::Agency), Err(Refusal::Forbidden));
        assert_eq!(d(Action::Revoke, Role::Police), Err(Refusal::Forbidden));
        assert_eq!(d(Action::Withdraw, Role::Agency), Ok(S::Withdrawn));
        assert_eq!(
            allowed_actions(S::PermitIssued, Role::Directorate, g),
            vec![Action::Revoke, Action::ReturnForCorrection]
        );
        assert_eq!(
            d(Action::ReturnForCorrection, Role::Directorate),
            Ok(S::ReturnedForCorrection)
        );
        assert_eq!(
            allowed_actions(S::PermitIssued, Role::Agency, g),
            vec![Action::Withdraw]
        );
        // Once a receipt moved the request on, neither is possible.
        for from in [S::PlateRemoved, S::RemovalRefused] {
            assert_eq!(
                decide(from, Action::Revoke, Role::Directorate, g),
                Err(Refusal::InvalidTransition)
            );
            assert_eq!(
                decide(from, Action::Withdraw, Role::Agency, g),
                Err(Refusal::InvalidTransition)
            );
        }
    }

    fn any_status() -> impl Strategy<Value = RequestStatus> {
        proptest::sample::select(RequestStatus::ALL.to_vec())
    }
    fn any_action() -> impl Strategy<Value = Action> {
        proptest::sample::select(Action::ALL.to_vec())
    }
    fn any_role() -> impl Strategy<Value = Role> {
        proptest::sample::select(Role::ALL.to_vec())
    }

    proptest! {
        #[test]
        fn random_walks_respect_the_table(
            steps in proptest::collection::vec((any_action(), any_role(), any::<bool>()), 0..60)
        ) {
            let mut state = S::Submitted;
            for (action, role, _) in steps {
                let g = Guards::default();
                let before = state;
                match decide(state, action, role, g) {
                    Ok(to) => {
                        prop_assert!(!before.is_terminal(), "left terminal {before}");
                        prop_assert!(action.allowed_for(role));
                        prop_assert!(allowed_actions(before, role, g).contains(&action));
                        state = to;
                    }
                    Err(Refusal::Forbidden) => prop_assert!(!action.allowed_for(role)),
                    Err(Refusal::InvalidTransition) => {
                        prop_assert!(!allowed_actions(before, role, g).contains(&action));
                    }
                }
            }
        }

        #[test]
        fn allowed_actions_agree_with_decide(s in any_status(), r in any_role()) {
            let g = Guards::default();
            for a in Action::ALL {
                prop_assert_eq!(allowed_actions(s, r, g).contains(a), decide(s, *a, r, g).is_ok());
            }
        }
    }
}
