//! The audit trail's vocabularies ([`Action`], [`Subject`], [`ActorKind`]), who acts
//! ([`Actor`]), one entry to record ([`Entry`]), the stored row, and the list's filter.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::IntoParams;

use crate::auth::AuthUser;
use crate::clock::Clock;
use crate::db::schema::audit_log;
use crate::domain::identity::Role;
use crate::error::{ApiError, ApiResult};
use crate::http::client::Origin;
use crate::http::pagination::{Page, PageParams};
use crate::i18n::Msg;

crate::vocabulary! {
    /// What was done.
    #[schema(as = AuditAction)]
    pub enum Action {
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
        WorkingRuleClosureDeclared => "working_rule.closure_declared",
        HolidayImport => "holiday.import",
        HolidayConfirm => "holiday.confirm",
        PermitIssued => "permit.issued",
        PermitRevoked => "permit.revoked",
        PermitReceipt => "permit.receipt",
        /// The police attached (or replaced) the signed removal record of their receipt.
        ReceiptRecordAttached => "receipt.record_attached",
        RequestViewed => "request.viewed",
        DocumentDownloaded => "document.downloaded",
        ServiceAccountCreated => "service_account.created",
        ServiceAccountUpdated => "service_account.updated",
        ServiceAccountSecretRotated => "service_account.secret_rotated",
        ClientTokenIssued => "client.token_issued",
        ClientAuthFailure => "client.auth_failure",
        WebhookSubscribed => "webhook.subscribed",
        WebhookUnsubscribed => "webhook.unsubscribed",
        WebhookSecretRotated => "webhook.secret_rotated",
        WebhookDeliveryRetried => "webhook.delivery_retried",
        SmsTemplateUpdated => "sms_template.updated",
        SmsTemplateRestored => "sms_template.restored",
        PermitTemplateUpdated => "permit_template.updated",
        PermitTemplateRestored => "permit_template.restored",
        /// A signed-in caller answered 403 or 404 (another agency's request, a role's refused
        /// route): one entry per principal, target and minute, with the count.
        AccessDenied => "access.denied",
        /// A list read returning personal data (contacts' names and mobiles): the filter and the
        /// row count.
        RequestListed => "request.listed",
        NoticeCreated => "notice.created",
        NoticeDeleted => "notice.deleted",
        /// A permit's printable page was rendered.
        PermitPrinted => "permit.printed",
        /// A filing refused because another agency has an open request for the vehicle (one entry
        /// per refused attempt; the conflict counts them).
        VehicleConflictRecorded => "vehicle_conflict.recorded",
        /// The directorate resolved a vehicle conflict (with its note).
        VehicleConflictResolved => "vehicle_conflict.resolved",
    }
}

crate::vocabulary! {
    /// The kind of thing an entry is about.
    #[schema(as = AuditSubject)]
    pub enum Subject {
        User => "user",
        Organisation => "organisation",
        Holiday => "holiday",
        WorkingRule => "working_rule",
        Request => "request",
        Permit => "permit",
        Document => "document",
        ServiceAccount => "service_account",
        Webhook => "webhook",
        SmsTemplate => "sms_template",
        PermitTemplate => "permit_template",
        Notice => "notice",
        /// An HTTP route and path (`GET /api/v1/requests/…`), for denials.
        Resource => "resource",
        VehicleConflict => "vehicle_conflict",
    }
}

crate::vocabulary! {
    /// Who acts: a person's account, or a machine's (a service account).
    #[schema(as = AuditActorKind)]
    pub enum ActorKind {
        User => "user",
        ServiceAccount => "service_account",
    }
}

/// Who acts, from where.
#[derive(Clone, Debug)]
pub struct Actor {
    pub id: String,
    pub kind: ActorKind,
    pub role: Option<Role>,
    pub organisation_id: Option<String>,
    pub origin: Origin,
}

impl Actor {
    /// The signed-in caller, from the address and request it called with.
    pub fn of(user: &AuthUser) -> Self {
        Actor {
            id: user.id.clone(),
            kind: ActorKind::User,
            role: Some(user.role),
            organisation_id: Some(user.org_id.clone()),
            origin: user.origin.clone(),
        }
    }
}

/// One audit entry to record.
#[derive(Clone, Debug)]
pub struct Entry {
    pub actor_id: Option<String>,
    pub actor_kind: ActorKind,
    pub actor_role: Option<Role>,
    pub organisation_id: Option<String>,
    pub action: Action,
    pub subject_kind: Subject,
    pub subject_id: Option<String>,
    pub client_ip: Option<String>,
    pub http_request_id: Option<String>,
    /// The permit request the entry concerns (for its access log).
    pub about_request_id: Option<String>,
    /// Non-secret detail: a typed payload (see [`Detail`]).
    pub detail: Option<Detail>,
}

/// An entry's non-secret detail: a typed payload, a `#[derive(Serialize)]` struct declared
/// beside the code that records the entry (`UserUpdated` in `users::service`, …), serialised
/// when the entry is made. Stored as a JSON object with its keys in alphabetical order. A
/// payload that does not serialise (none of the crate's can: they are plain structs of
/// strings, numbers and vocabularies) fails the recording, never records an entry without it.
#[derive(Clone, Debug)]
pub struct Detail(Result<serde_json::Value, String>);

impl Detail {
    pub fn of(payload: &impl Serialize) -> Self {
        Detail(serde_json::to_value(payload).map_err(|e| e.to_string()))
    }

    /// The JSON text stored.
    pub fn to_json(&self) -> ApiResult<String> {
        match &self.0 {
            Ok(value) => Ok(value.to_string()),
            Err(e) => Err(ApiError::internal(format!("audit detail: {e}"))),
        }
    }
}

impl Entry {
    /// `actor` did `action` to the `subject` with id `subject_id`, without detail.
    pub fn by(actor: &Actor, action: Action, subject: Subject, subject_id: &str) -> Self {
        Entry {
            actor_id: Some(actor.id.clone()),
            actor_kind: actor.kind,
            actor_role: actor.role,
            organisation_id: actor.organisation_id.clone(),
            action,
            subject_kind: subject,
            subject_id: Some(subject_id.to_owned()),
            client_ip: Some(actor.origin.client_ip.clone()),
            http_request_id: actor.origin.request_id.clone(),
            about_request_id: None,
            detail: None,
        }
    }

    /// By an actor not (yet) known: a sign-in that failed, from `origin`.
    pub fn anonymous(action: Action, subject: Subject, origin: &Origin) -> Self {
        Entry {
            actor_id: None,
            actor_kind: ActorKind::User,
            actor_role: None,
            organisation_id: None,
            action,
            subject_kind: subject,
            subject_id: None,
            client_ip: Some(origin.client_ip.clone()),
            http_request_id: origin.request_id.clone(),
            about_request_id: None,
            detail: None,
        }
    }

    /// With `payload` (see [`Detail`]) as the entry's detail.
    pub fn detail(mut self, payload: impl Serialize) -> Self {
        self.detail = Some(Detail::of(&payload));
        self
    }

    /// The entry concerns the permit request `request_id` (and shows in its access log).
    pub fn about(mut self, request_id: &str) -> Self {
        self.about_request_id = Some(request_id.to_owned());
        self
    }
}

/// The detail of a template's change (`sms_template.updated|restored`,
/// `permit_template.updated|restored`): the text now in effect (the built-in one when
/// restored).
#[derive(Serialize)]
pub struct TemplateText<'a> {
    pub body: &'a str,
}

/// A stored entry.
#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = audit_log)]
pub struct AuditRow {
    pub id: String,
    pub at: NaiveDateTime,
    pub actor_user_id: Option<String>,
    pub actor_kind: ActorKind,
    pub actor_role: Option<String>,
    pub organisation_id: Option<String>,
    pub action: Action,
    pub subject_kind: Subject,
    pub subject_id: Option<String>,
    pub client_ip: Option<String>,
    pub http_request_id: Option<String>,
    pub about_request_id: Option<String>,
    pub detail: Option<String>,
}

/// `GET /audit`'s filter.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditFilter {
    /// Only this actor (user or service account id).
    pub actor: Option<String>,
    /// Only this action (`login.failure`, `document.downloaded`, …).
    pub action: Option<String>,
    /// Only this subject id (a user, organisation, request, permit, document or webhook id, or
    /// an SMS template's event such as `filed`).
    pub subject: Option<String>,
    /// Only this kind of subject (`user`, `request`, `permit`, `document`, …).
    pub subject_kind: Option<String>,
    /// Only actors of this organisation.
    pub organisation_id: Option<String>,
    /// On or after this day (ISO `2024-11-05` or Jalali `1403/08/15`, service time zone).
    pub from: Option<String>,
    /// On or before this day (ISO or Jalali).
    pub to: Option<String>,
    /// `csv` for CSV (the same as `Accept: text/csv`).
    pub format: Option<String>,
}

/// The list's representation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Json,
    Csv,
}

/// `GET /audit`'s selection, checked.
#[derive(Clone, Debug, Default)]
pub struct AuditQuery {
    pub actor: Option<String>,
    pub action: Option<Action>,
    pub subject: Option<String>,
    pub subject_kind: Option<Subject>,
    pub organisation_id: Option<String>,
    /// From this instant (inclusive).
    pub from: Option<NaiveDateTime>,
    /// Until this instant (exclusive).
    pub until: Option<NaiveDateTime>,
    /// The `(at, id)` of the last entry already seen (newest first).
    pub after: Option<(NaiveDateTime, String)>,
    /// Rows to fetch (the page's limit plus one).
    pub fetch: i64,
}

/// At most this many rows in one CSV export (the rest on the next, from `X-Next-Cursor`).
pub const CSV_MAX_ROWS: i64 = 10_000;

fn vocabulary_issue(param: &str, value: &str, known: &[&str]) -> ApiError {
    ApiError::query_param(
        param,
        "invalid_value",
        Msg::new(
            format!(
                "مقدار «{value}» شناخته نیست؛ یکی از این‌ها را بدهید: {}.",
                known.join("، ")
            ),
            format!("'{value}' is not known; use one of: {}.", known.join(", ")),
        ),
    )
}

impl AuditQuery {
    /// Checks `f`: dates (ISO or Jalali) resolved to instants of the service's day, the
    /// vocabularies, the cursor; `accept` is the `Accept` header, consulted without `format`.
    pub fn parse(
        f: AuditFilter,
        page: &PageParams,
        accept: &str,
        clock: &Clock,
    ) -> ApiResult<(Self, Format, i64)> {
        let format = match f.format.as_deref() {
            Some("csv") => Format::Csv,
            Some("json") => Format::Json,
            Some(other) => return Err(vocabulary_issue("format", other, &["json", "csv"])),
            None => negotiate(accept),
        };
        let (action, subject_kind) = parse_vocabularies(&f)?;
        let (from, to) = parse_dates(&f)?;
        let limit = page_limit(format, page)?;
        let after = Page {
            limit,
            after: match &page.cursor {
                None => None,
                Some(c) if c.is_empty() => None,
                Some(c) => Some(crate::http::pagination::decode_cursor(c)?),
            },
        }
        .after_due()?;
        let nonempty = |s: Option<String>| s.filter(|v| !v.is_empty());
        Ok((
            AuditQuery {
                actor: nonempty(f.actor),
                action,
                subject: nonempty(f.subject),
                subject_kind,
                organisation_id: nonempty(f.organisation_id),
                from: from.map(|d| clock.day_start_utc(d)),
                until: to.map(|d| clock.day_start_utc(d.succ_opt().unwrap_or(d))),
                after,
                fetch: limit + 1,
            },
            format,
            limit,
        ))
    }
}

/// `action` and `subject_kind`, each one of its vocabulary (blank: any).
fn parse_vocabularies(f: &AuditFilter) -> ApiResult<(Option<Action>, Option<Subject>)> {
    let action = match f.action.as_deref() {
        None | Some("") => None,
        Some(a) => Some(a.parse::<Action>().map_err(|_| {
            let known: Vec<&str> = Action::ALL.iter().map(|a| a.as_str()).collect();
            vocabulary_issue("action", a, &known)
        })?),
    };
    let subject_kind = match f.subject_kind.as_deref() {
        None | Some("") => None,
        Some(s) => Some(s.parse::<Subject>().map_err(|_| {
            let known: Vec<&str> = Subject::ALL.iter().map(|s| s.as_str()).collect();
            vocabulary_issue("subject_kind", s, &known)
        })?),
    };
    Ok((action, subject_kind))
}

/// `from` and `to` (ISO or Jalali), `from` not after `to`.
fn parse_dates(f: &AuditFilter) -> ApiResult<(Option<NaiveDate>, Option<NaiveDate>)> {
    let from = crate::http::query_date("from", f.from.as_deref())?;
    let to = crate::http::query_date("to", f.to.as_deref())?;
    if let (Some(a), Some(b)) = (from, to) {
        if a > b {
            return Err(ApiError::query_param(
                "from",
                "invalid_range",
                Msg::new(
                    "نباید پس از تاریخ پارامتر «to» باشد.",
                    "must not be after 'to'.",
                ),
            ));
        }
    }
    Ok((from, to))
}

/// The page's size: a CSV export up to [`CSV_MAX_ROWS`] (all of them by default), JSON as any
/// list.
fn page_limit(format: Format, page: &PageParams) -> ApiResult<i64> {
    Ok(match (format, page.limit) {
        (Format::Csv, None) => CSV_MAX_ROWS,
        (Format::Csv, Some(l)) if (1..=CSV_MAX_ROWS).contains(&l) => l,
        (Format::Csv, Some(_)) => {
            return Err(crate::http::pagination::limit_out_of_range(CSV_MAX_ROWS))
        }
        (Format::Json, _) => page.page()?.limit,
    })
}

/// CSV when asked for and JSON is not asked for first.
fn negotiate(accept: &str) -> Format {
    let csv = accept.find("text/csv");
    let json = accept.find("application/json");
    match (csv, json) {
        (Some(c), Some(j)) if c < j => Format::Csv,
        (Some(_), None) => Format::Csv,
        _ => Format::Json,
    }
}

/// The sort key of an entry in the list (newest first), as its cursor encodes it.
pub fn cursor_key(r: &AuditRow) -> String {
    format!("{}:{}", r.at.and_utc().timestamp_micros(), r.id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vocabulary_round_trips_and_refuses_strays() {
        for a in Action::ALL {
            assert_eq!(a.as_str().parse::<Action>(), Ok(*a));
            assert_eq!(
                serde_json::to_value(a).ok(),
                Some(serde_json::Value::from(a.as_str()))
            );
        }
        for s in Subject::ALL {
            assert_eq!(s.as_str().parse::<Subject>(), Ok(*s));
            assert_eq!(
                serde_json::to_value(s).ok(),
                Some(serde_json::Value::from(s.as_str()))
            );
        }
        for k in ActorKind::ALL {
            assert_eq!(k.as_str().parse::<ActorKind>(), Ok(*k));
        }
        assert!("user.deleted".parse::<Action>().is_err());
        assert!("vehicle".parse::<Subject>().is_err());
    }

    #[test]
    fn csv_is_negotiated_unless_json_comes_first() {
        assert_eq!(negotiate("text/csv"), Format::Csv);
        assert_eq!(negotiate("text/csv, application/json"), Format::Csv);
        assert_eq!(negotiate("application/json, text/csv"), Format::Json);
        assert_eq!(negotiate(""), Format::Json);
    }
}
