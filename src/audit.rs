//! The audit log: administrator actions and sign-ins, with who, when and the client address.
//! Never passwords or tokens. One helper, [`record`], writes every entry; what was done and to
//! what kind of thing are closed vocabularies ([`Action`], [`Subject`]) stored as their text.

use diesel::prelude::*;

use crate::clock::now;
use crate::db::schema::audit_log;
use crate::db::DbConnection;
use crate::error::ApiResult;

/// What was done.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    LoginSuccess,
    LoginFailure,
    UserCreated,
    UserUpdated,
    UserPasswordReset,
    UserPasswordChanged,
    OrganisationCreated,
    OrganisationUpdated,
    HolidayCreate,
    HolidayDelete,
    WorkingRuleCreated,
    WorkingRuleUpdated,
    WorkingRuleDeleted,
    HolidayImport,
    HolidayConfirm,
    ServiceAccountCreated,
    ServiceAccountUpdated,
    ServiceAccountSecretRotated,
    ClientTokenIssued,
    ClientAuthFailure,
}

crate::text_enum!(Action {
    LoginSuccess => "login.success",
    LoginFailure => "login.failure",
    UserCreated => "user.created",
    UserUpdated => "user.updated",
    UserPasswordReset => "user.password_reset",
    UserPasswordChanged => "user.password_changed",
    OrganisationCreated => "organisation.created",
    OrganisationUpdated => "organisation.updated",
    HolidayCreate => "holiday.create",
    HolidayDelete => "holiday.delete",
    WorkingRuleCreated => "working_rule.created",
    WorkingRuleUpdated => "working_rule.updated",
    WorkingRuleDeleted => "working_rule.deleted",
    HolidayImport => "holiday.import",
    HolidayConfirm => "holiday.confirm",
    ServiceAccountCreated => "service_account.created",
    ServiceAccountUpdated => "service_account.updated",
    ServiceAccountSecretRotated => "service_account.secret_rotated",
    ClientTokenIssued => "client.token_issued",
    ClientAuthFailure => "client.auth_failure",
});

/// The kind of thing an entry is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Subject {
    User,
    Organisation,
    Holiday,
    WorkingRule,
    ServiceAccount,
}

crate::text_enum!(Subject {
    User => "user",
    Organisation => "organisation",
    Holiday => "holiday",
    WorkingRule => "working_rule",
    ServiceAccount => "service_account",
});

/// Who acts: a signed-in user from a client address.
#[derive(Clone, Debug)]
pub struct Actor {
    pub user_id: String,
    pub client_ip: String,
}

/// One audit entry.
pub struct Entry<'a> {
    pub actor_user_id: Option<&'a str>,
    pub action: Action,
    pub subject_kind: Subject,
    pub subject_id: Option<&'a str>,
    pub client_ip: Option<&'a str>,
    /// Non-secret detail as JSON.
    pub detail: Option<serde_json::Value>,
}

impl<'a> Entry<'a> {
    /// `actor` did `action` to the `subject` with id `subject_id`, without detail.
    pub fn by(actor: &'a Actor, action: Action, subject: Subject, subject_id: &'a str) -> Self {
        Entry {
            actor_user_id: Some(&actor.user_id),
            action,
            subject_kind: subject,
            subject_id: Some(subject_id),
            client_ip: Some(&actor.client_ip),
            detail: None,
        }
    }

    pub fn detail(mut self, detail: serde_json::Value) -> Self {
        self.detail = Some(detail);
        self
    }
}

/// Writes one entry, in the caller's transaction.
pub fn record(conn: &mut DbConnection, e: Entry<'_>) -> ApiResult<()> {
    diesel::insert_into(audit_log::table)
        .values((
            audit_log::id.eq(uuid::Uuid::now_v7().to_string()),
            audit_log::at.eq(now()),
            audit_log::actor_user_id.eq(e.actor_user_id),
            audit_log::action.eq(e.action.as_str()),
            audit_log::subject_kind.eq(e.subject_kind.as_str()),
            audit_log::subject_id.eq(e.subject_id),
            audit_log::client_ip.eq(e.client_ip),
            audit_log::detail.eq(e.detail.map(|d| d.to_string())),
        ))
        .execute(conn)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vocabulary_round_trips_and_refuses_strays() {
        for a in Action::ALL {
            assert_eq!(a.as_str().parse::<Action>(), Ok(*a));
        }
        for s in Subject::ALL {
            assert_eq!(s.as_str().parse::<Subject>(), Ok(*s));
        }
        assert!("user.deleted".parse::<Action>().is_err());
        assert!("permit".parse::<Subject>().is_err());
    }
}
