//! Every enum people read has a Persian label for each variant (`*_label_fa` in views). Kept
//! here, not in `src/domain`, because it reads every resource's enums and the domain imports no
//! resource.

use plate_permits::complaints::model::{Category, ComplaintEventKind, ComplaintStatus};
use plate_permits::documents::model::DocumentType;
use plate_permits::domain::identity::{OrgKind, Role};
use plate_permits::domain::reasons::{RefusalReason, RejectionReason, RevocationReason};
use plate_permits::domain::status::RequestStatus;
use plate_permits::notices::model::NoticeKind;
use plate_permits::permits::model::{Outcome, PermitStatus};
use plate_permits::requests::model::{Reason, VehicleType};
use plate_permits::sla::clock::{ClockState, Stage};
use plate_permits::sla::rules::model::RuleKind;
use plate_permits::sla::views::HolidaySource;

/// Panics unless every label is non-empty, Persian and free of ASCII letters (English codes).
fn assert_persian<T: std::fmt::Debug + Copy>(all: &[T], label: fn(T) -> &'static str) {
    assert!(!all.is_empty());
    for &v in all {
        let l = label(v);
        assert!(!l.trim().is_empty(), "{v:?} has no label");
        assert!(
            !l.chars().any(|c| c.is_ascii_alphabetic()),
            "{v:?}: {l} has ASCII letters"
        );
        assert!(
            l.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)),
            "{v:?}: {l} is not Persian"
        );
    }
}

#[test]
fn request_enums_have_persian_labels() {
    assert_persian(Reason::ALL, Reason::label_fa);
    assert_persian(VehicleType::ALL, VehicleType::label_fa);
    assert_persian(RequestStatus::ALL, RequestStatus::label_fa);
    assert_persian(RejectionReason::ALL, RejectionReason::label_fa);
}

#[test]
fn document_types_have_persian_labels() {
    assert_persian(DocumentType::ALL, DocumentType::label_fa);
}

#[test]
fn permit_enums_have_persian_labels() {
    assert_persian(PermitStatus::ALL, PermitStatus::label_fa);
    assert_persian(Outcome::ALL, Outcome::label_fa);
    assert_persian(RefusalReason::ALL, RefusalReason::label_fa);
    assert_persian(RevocationReason::ALL, RevocationReason::label_fa);
}

#[test]
fn complaint_and_notice_enums_have_persian_labels() {
    assert_persian(Category::ALL, Category::label_fa);
    assert_persian(ComplaintStatus::ALL, ComplaintStatus::label_fa);
    assert_persian(ComplaintEventKind::ALL, ComplaintEventKind::label_fa);
    assert_persian(NoticeKind::ALL, NoticeKind::label_fa);
}

#[test]
fn sla_and_identity_enums_have_persian_labels() {
    assert_persian(Stage::ALL, Stage::label_fa);
    assert_persian(ClockState::ALL, ClockState::label_fa);
    assert_persian(Role::ALL, Role::label_fa);
    assert_persian(OrgKind::ALL, OrgKind::label_fa);
}

#[test]
fn calendar_enums_have_persian_labels() {
    assert_persian(RuleKind::ALL, RuleKind::label_fa);
    assert_persian(HolidaySource::ALL, HolidaySource::label_fa);
}
