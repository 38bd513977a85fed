//! What a change of a request does outside the requests' own tables: the consequences other
//! modules own (the applicant's SMS, the permit revoked by a withdrawal, pending SMS
//! re-addressed after a corrected mobile). Requests depend on none of those modules: the
//! composition root (`startup.rs`) builds one [`Effects`] from them and hands it to the
//! handlers and workers, which pass it to the service functions that change a request. Every
//! field is required, so an effect left out does not compile; each runs inside the change's
//! transaction, so it commits or rolls back with the change.

use chrono::NaiveDateTime;

use crate::auth::AuthUser;
use crate::clock::Clock;
use crate::config::Config;
use crate::db::DbConnection;
use crate::domain::status::RequestStatus;
use crate::error::ApiResult;
use crate::requests::model::RequestRow;

/// A change of a request, as [`Effects::on_change`] sees it (inside the change's transaction).
pub struct Change<'a> {
    /// The request after the change.
    pub request: &'a RequestRow,
    /// `None` when the request was just filed.
    pub from: Option<RequestStatus>,
    pub to: RequestStatus,
    /// The history note (the reason of a rejection, withdrawal or refusal).
    pub note: Option<&'a str>,
    pub at: NaiveDateTime,
}

/// Run in the transaction of every filing and transition.
pub type OnChange = fn(&mut DbConnection, &Config, &Clock, &Change<'_>) -> ApiResult<()>;

/// Run when a request is withdrawn from `permit_issued`: the request after the withdrawal,
/// its history note and the instant.
pub type OnWithdrawalWithPermit =
    fn(&mut DbConnection, &AuthUser, &RequestRow, Option<&str>, NaiveDateTime) -> ApiResult<()>;

/// Run when a correction changes the contact mobile: the request after the correction, the
/// old and the new number, the instant.
pub type OnRecipientChange =
    fn(&mut DbConnection, &RequestRow, &str, &str, NaiveDateTime) -> ApiResult<()>;

/// The consequences of a request's changes that other modules own.
#[derive(Clone, Copy)]
pub struct Effects {
    /// Every filing and transition (the SMS notifications are enqueued here).
    pub on_change: OnChange,
    /// A withdrawal from `permit_issued` (the permit waiting for the police is revoked).
    pub on_withdrawal_with_permit: OnWithdrawalWithPermit,
    /// A corrected contact mobile (messages still pending for the old number are re-addressed).
    pub on_recipient_change: OnRecipientChange,
}
