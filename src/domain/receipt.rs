//! When a police receipt is accepted: judged by the time the plates were removed, not by the
//! time the receipt is posted. A police officer who removes the plates on the permit's last
//! day and posts the receipt next morning must be able to close the request honestly.

use chrono::{NaiveDateTime, TimeDelta};

/// Clock difference tolerated between the police system and this service, either way.
pub const CLOCK_SKEW: TimeDelta = TimeDelta::minutes(5);

/// Why a receipt's `occurred_at` is refused, or what it still needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReceiptTimeError {
    /// More than the tolerated skew before the permit was issued.
    BeforeIssue,
    /// More than the tolerated skew after the permit's validity ended.
    AfterValidity,
    /// More than the tolerated skew in the future.
    InFuture,
    /// Posted more than `late_days` after the validity ended: `notes` must explain why.
    LateWithoutNotes,
}

/// The facts a receipt's time is judged by.
pub struct ReceiptTiming {
    pub issued_at: NaiveDateTime,
    pub valid_until: NaiveDateTime,
    pub occurred_at: NaiveDateTime,
    /// When the receipt is posted.
    pub now: NaiveDateTime,
    /// `RECEIPT_LATE_DAYS`: how long after the validity a receipt may be posted without notes.
    pub late_days: u32,
    pub has_notes: bool,
}

impl ReceiptTiming {
    /// Accepted when the removal lies within the permit's life (from `CLOCK_SKEW` before issue
    /// to `CLOCK_SKEW` after `valid_until`) and is not more than `CLOCK_SKEW` in the future,
    /// however late it is posted; posting later than `late_days` after the validity needs notes.
    pub fn check(&self) -> Result<(), ReceiptTimeError> {
        if self.occurred_at > self.now + CLOCK_SKEW {
            return Err(ReceiptTimeError::InFuture);
        }
        if self.occurred_at < self.issued_at - CLOCK_SKEW {
            return Err(ReceiptTimeError::BeforeIssue);
        }
        if self.occurred_at > self.valid_until + CLOCK_SKEW {
            return Err(ReceiptTimeError::AfterValidity);
        }
        let late_after = self.valid_until + TimeDelta::days(i64::from(self.late_days));
        if self.now > late_after && !self.has_notes {
            return Err(ReceiptTimeError::LateWithoutNotes);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(d: u32, h: u32, m: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, d)
            .unwrap()
            .and_hms_opt(h, m, 0)
            .unwrap()
    }

    fn timing(occurred_at: NaiveDateTime, now: NaiveDateTime) -> ReceiptTiming {
        ReceiptTiming {
            issued_at: at(1, 8, 0),
            valid_until: at(10, 20, 29),
            occurred_at,
            now,
            late_days: 30,
            has_notes: false,
        }
    }

    #[test]
    fn judged_by_the_removal_time() {
        // Removed on the last valid day, posted next morning.
        assert_eq!(timing(at(10, 18, 0), at(11, 9, 0)).check(), Ok(()));
        // A police clock a minute behind: removal "before" issue by 60 s.
        assert_eq!(timing(at(1, 7, 59), at(1, 8, 1)).check(), Ok(()));
        assert_eq!(
            timing(at(1, 7, 54), at(1, 9, 0)).check(),
            Err(ReceiptTimeError::BeforeIssue)
        );
        assert_eq!(timing(at(10, 20, 34), at(11, 9, 0)).check(), Ok(()));
        assert_eq!(
            timing(at(10, 20, 35), at(11, 9, 0)).check(),
            Err(ReceiptTimeError::AfterValidity)
        );
        assert_eq!(
            timing(at(5, 9, 6), at(5, 9, 0)).check(),
            Err(ReceiptTimeError::InFuture)
        );
        assert_eq!(timing(at(5, 9, 5), at(5, 9, 0)).check(), Ok(()));
    }

    #[test]
    fn very_late_receipts_need_notes() {
        let late = at(10, 20, 29) + TimeDelta::days(31);
        assert_eq!(
            timing(at(9, 10, 0), late).check(),
            Err(ReceiptTimeError::LateWithoutNotes)
        );
        let mut t = timing(at(9, 10, 0), late);
        t.has_notes = true;
        assert_eq!(t.check(), Ok(()));
    }
}
