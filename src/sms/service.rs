//! Enqueueing messages in the transaction of the change that causes them, reading a request's
//! messages, the templates, and the evening-before maintenance reminders.

use chrono::{NaiveDateTime, TimeDelta};

use crate::audit::{self, Action, Actor, Subject};
use crate::auth::access::Scope;
use crate::auth::AuthUser;
use crate::clock::Clock;
use crate::config::Config;
use crate::db::DbConnection;
use crate::documents::model::DocumentType;
use crate::domain::identity::Role;
use crate::domain::jalali::{format_jalali, format_jalali_instant};
use crate::domain::status::RequestStatus;
use crate::error::{ApiError, ApiResult};
use crate::notices::model::{NoticeKind, NoticeRow};
use crate::requests::effects::Change;
use crate::requests::model::RequestRow;
use crate::sms::model::NewTemplate;
use crate::sms::store::{self, NewMessage};
use crate::sms::templates;
use crate::sms::views::{NotificationView, TemplateView};
use crate::sms::SmsEvent;

/// The text of `event`'s template in effect (the administrator's, or the built-in one).
pub(crate) fn template(conn: &mut DbConnection, event: SmsEvent) -> ApiResult<String> {
    Ok(store::template_override(conn, event)?
        .unwrap_or_else(|| templates::default_body(event).to_owned()))
}

/// The applicant's message for a request's change, if the change announces one.
fn request_event(from: Option<RequestStatus>, to: RequestStatus) -> Option<SmsEvent> {
    let Some(from) = from else {
        return Some(SmsEvent::Filed);
    };
    match to {
        RequestStatus::AwaitingDocuments => Some(SmsEvent::DocumentsRequested),
        RequestStatus::PermitIssued => Some(SmsEvent::PermitIssued),
        RequestStatus::PermitExpired => Some(SmsEvent::PermitExpired),
        RequestStatus::RemovalRefused => Some(SmsEvent::RemovalRefused),
        RequestStatus::Completed => Some(SmsEvent::Completed),
        RequestStatus::Rejected => Some(SmsEvent::Rejected),
        RequestStatus::Withdrawn => Some(SmsEvent::Withdrawn),
        // The only ways from an issued permit back under review or to the agency for
        // correction are revocations.
        RequestStatus::UnderReview | RequestStatus::ReturnedForCorrection
            if from == RequestStatus::PermitIssued =>
        {
            Some(SmsEvent::PermitRevoked)
        }
        _ => None,
    }
}

/// The names of the documents the latest ask wants, in Persian.
fn asked_documents(conn: &mut DbConnection, request_id: &str) -> ApiResult<String> {
    let Some(ask) = crate::documents::queries::asks_of(conn, request_id)?.pop() else {
        return Ok(String::new());
    };
    let names: Vec<String> = crate::documents::queries::items_of(conn, &ask.id)?
        .into_iter()
        .map(|item| match item.description {
            // A description's own final full stop would close the parenthesis.
            Some(d) if !d.trim().is_empty() => format!(
                "{} ({})",
                item.document_type.label_fa(),
                d.trim().trim_end_matches(['.', '،', '؛', ' '])
            ),
            _ => item.document_type.label_fa().to_owned(),
        })
        .collect();
    Ok(names.join("، "))
}

/// The `{reason}` of a refusal, rejection, revocation or withdrawal: the Persian label of its
/// code, never the free-text note (a rejection's code is on the request, a refusal's on the
/// permit's receipt, a revocation's on the permit; a withdrawal is announced with the
/// status's own label, «انصراف متقاضی»).
fn coded_reason(conn: &mut DbConnection, event: SmsEvent, request_id: &str) -> ApiResult<String> {
    Ok(match event {
        SmsEvent::Rejected => crate::requests::queries::load(conn, request_id)?
            .rejection_reason
            .map(|r| r.label_fa().to_owned())
            .unwrap_or_default(),
        SmsEvent::RemovalRefused => {
            match crate::permits::queries::latest_of_request(conn, request_id)? {
                Some(p) => crate::permits::queries::receipt_of(conn, &p.id)?
                    .and_then(|r| r.refusal_reason)
                    .map(|r| r.label_fa().to_owned())
                    .unwrap_or_default(),
                None => String::new(),
            }
        }
        SmsEvent::PermitRevoked => crate::permits::queries::latest_of_request(conn, request_id)?
            .and_then(|p| p.revocation_reason)
            .map(|r| r.label_fa().to_owned())
            .unwrap_or_default(),
        SmsEvent::Withdrawn => RequestStatus::Withdrawn.label_fa().to_owned(),
        _ => String::new(),
    })
}

/// The due date of the latest ask for documents, in Jalali, or [`NO_DUE_DATE`].
fn asked_due_date(conn: &mut DbConnection, request_id: &str) -> ApiResult<String> {
    Ok(crate::documents::queries::asks_of(conn, request_id)?
        .pop()
        .and_then(|ask| ask.due_date)
        .map(format_jalali)
        .unwrap_or_else(|| NO_DUE_DATE.to_owned()))
}

/// `{due_date}` when the directorate set none.
pub const NO_DUE_DATE: &str = "تعیین نشده";

/// Enqueues the applicant's message for a filing or transition, in its transaction (the
/// requests module's [`Effects::on_change`](crate::requests::Effects::on_change)). One message per
/// change: the dedupe key is the request, its version after the change, and the recipient.
pub fn on_request_change(
    conn: &mut DbConnection,
    config: &Config,
    clock: &Clock,
    change: &Change<'_>,
) -> ApiResult<()> {
    let Some(event) = request_event(change.from, change.to) else {
        return Ok(());
    };
    // A batch's filing or bulk step: the batch sends one digest instead
    // (`crate::batches::sms`).
    if crate::sms::quiet::held() {
        return Ok(());
    }
    let r = change.request;
    let mut values = vec![
        ("tracking_code", templates::group_code(&r.tracking_code)),
        ("plate", templates::spoken_plate(&r.plate)),
        // The coded label, never `change.note` (the agency's or directorate's free text).
        ("reason", coded_reason(conn, event, &r.id)?),
        (
            "signature",
            config.permits.directorate_name.as_str().to_owned(),
        ),
    ];
    match event {
        SmsEvent::DocumentsRequested => {
            values.push(("documents", asked_documents(conn, &r.id)?));
            values.push(("due_date", asked_due_date(conn, &r.id)?));
        }
        SmsEvent::PermitIssued | SmsEvent::PermitExpired | SmsEvent::PermitRevoked => {
            if let Some(p) = crate::permits::queries::latest_of_request(conn, &r.id)? {
                values.push(("permit_number", templates::group_code(&p.permit_number)));
                values.push((
                    "valid_until",
                    format_jalali(clock.local_date(p.valid_until)),
                ));
            }
        }
        _ => {}
    }
    let body = templates::render(&template(conn, event)?, &values);
    let key = format!("request:{}:{}:{}", r.id, r.version, r.contact_mobile);
    if store::exists(conn, &key)? {
        return Ok(());
    }
    store::insert(
        conn,
        NewMessage {
            dedupe_key: &key,
            event,
            request_id: Some(&r.id),
            notice_id: None,
            recipient: &r.contact_mobile,
            body: &body,
            expires_at: None,
            at: change.at,
        },
    )
}

/// The request's contact mobile was corrected (the requests module's
/// [`Effects::on_recipient_change`](crate::requests::Effects::on_recipient_change), in the correction's
/// transaction): messages still pending for the old number go to the new one, so that nothing
/// more about the request reaches a number its agency disowned.
pub fn on_recipient_changed(
    conn: &mut DbConnection,
    request: &crate::requests::model::RequestRow,
    old: &str,
    new: &str,
    at: NaiveDateTime,
) -> ApiResult<()> {
    store::readdress_pending(conn, &request.id, old, new, at)?;
    Ok(())
}

/// Enqueues reminders of asks for documents due tomorrow (service time) whose documents are
/// still missing, to the request's contact mobile: once per ask (`reminded_at`, set by a
/// conditional update, and the message's dedupe key). An ask made today (or later than the day
/// before its due date) gets none: its own message named the due date. Run by the SMS worker
/// (quiet hours hold the messages as any other); answers how many it enqueued.
pub fn remind_documents_due(
    conn: &mut DbConnection,
    config: &Config,
    clock: &Clock,
    at: NaiveDateTime,
) -> ApiResult<usize> {
    use crate::db::schema::document_requests as dr;
    use diesel::prelude::*;
    let today = clock.local_date(at);
    let tomorrow = today + TimeDelta::days(1);
    let asked_before = clock.day_start_utc(today);
    let asks: Vec<(String, String)> = dr::table
        .inner_join(crate::db::schema::requests::table)
        .filter(crate::db::schema::requests::status.eq(RequestStatus::AwaitingDocuments))
        .filter(dr::due_date.eq(tomorrow))
        .filter(dr::reminded_at.is_null())
        .filter(dr::created_at.lt(asked_before))
        .select((dr::id, dr::request_id))
        .limit(500)
        .load(conn)?;
    let mut added = 0;
    for (ask_id, request_id) in asks {
        let r = crate::requests::queries::load(conn, &request_id)?;
        let Some(missing) = crate::documents::due::still_missing(conn, clock, &r, &ask_id)? else {
            continue;
        };
        let marked = diesel::update(dr::table.find(&ask_id).filter(dr::reminded_at.is_null()))
            .set(dr::reminded_at.eq(Some(at)))
            .execute(conn)?;
        let key = format!("documents-due:{ask_id}:{}", r.contact_mobile);
        if marked != 1 || store::exists(conn, &key)? {
            continue;
        }
        let due = DocumentsDue {
            key: &key,
            request: &r,
            missing: &missing,
            due_date: tomorrow,
        };
        queue_documents_due(conn, config, clock, &due, at)?;
        added += 1;
    }
    Ok(added)
}

/// A reminder of documents due tomorrow, to one request's contact.
struct DocumentsDue<'a> {
    key: &'a str,
    request: &'a RequestRow,
    missing: &'a [DocumentType],
    due_date: chrono::NaiveDate,
}

/// Queues the reminder, which is pointless once the due day is over.
fn queue_documents_due(
    conn: &mut DbConnection,
    config: &Config,
    clock: &Clock,
    due: &DocumentsDue<'_>,
    at: NaiveDateTime,
) -> ApiResult<()> {
    let r = due.request;
    let names: Vec<&str> = due.missing.iter().map(|t| t.label_fa()).collect();
    let values = vec![
        ("tracking_code", templates::group_code(&r.tracking_code)),
        ("plate", templates::spoken_plate(&r.plate)),
        ("documents", names.join("، ")),
        ("due_date", format_jalali(due.due_date)),
        (
            "signature",
            config.permits.directorate_name.as_str().to_owned(),
        ),
    ];
    let event = SmsEvent::DocumentsDue;
    let body = templates::render(&template(conn, event)?, &values);
    store::insert(
        conn,
        NewMessage {
            dedupe_key: due.key,
            event,
            request_id: Some(&r.id),
            notice_id: None,
            recipient: &r.contact_mobile,
            body: &body,
            expires_at: Some(clock.day_start_utc(due.due_date + TimeDelta::days(1))),
            at,
        },
    )?;
    Ok(())
}

/// Enqueues the complainant's message when the directorate answers a complaint, in the
/// answering transaction (the complaints module's
/// [`AnswerHook`](crate::complaints::service::AnswerHook)): to the mobile number of the agency
/// user who filed it, once per answer (a user without a number gets none).
pub fn on_complaint_answered(
    conn: &mut DbConnection,
    config: &Config,
    answered: &crate::complaints::service::Answered<'_>,
) -> ApiResult<()> {
    let Some(mobile) = store::mobile_of(conn, answered.complaint.created_by.as_str())? else {
        return Ok(());
    };
    let c = answered.complaint;
    let key = format!("complaint:{}:{}:{mobile}", c.id, answered.version);
    if store::exists(conn, &key)? {
        return Ok(());
    }
    let values = [
        ("tracking_code", templates::group_code(&c.tracking_code)),
        (
            "signature",
            config.permits.directorate_name.as_str().to_owned(),
        ),
    ];
    let event = SmsEvent::ComplaintAnswered;
    let body = templates::render(&template(conn, event)?, &values);
    store::insert(
        conn,
        NewMessage {
            dedupe_key: &key,
            event,
            request_id: None,
            notice_id: None,
            recipient: &mobile,
            body: &body,
            expires_at: None,
            at: answered.at,
        },
    )
}

/// Enqueues a notice's message to every agency user with a mobile number (one per number).
fn notice_messages(
    conn: &mut DbConnection,
    clock: &Clock,
    notice: &NoticeRow,
    event: SmsEvent,
    at: NaiveDateTime,
) -> ApiResult<usize> {
    let values = [
        ("title", notice.title.clone()),
        (
            "starts_at",
            format_jalali_instant(notice.starts_at, clock.tz()),
        ),
        ("ends_at", format_jalali_instant(notice.ends_at, clock.tz())),
    ];
    let body = templates::render(&template(conn, event)?, &values);
    // A maintenance reminder is pointless once the maintenance began; an outage notice once
    // the outage ended.
    let expires_at = match event {
        SmsEvent::Maintenance => notice.starts_at,
        _ => notice.ends_at,
    };
    let mut added = 0;
    for mobile in store::agency_mobiles(conn)? {
        let key = format!("notice:{}:{}:{mobile}", notice.id, event.as_str());
        if store::exists(conn, &key)? {
            continue;
        }
        store::insert(
            conn,
            NewMessage {
                dedupe_key: &key,
                event,
                request_id: None,
                notice_id: Some(&notice.id),
                recipient: &mobile,
                body: &body,
                expires_at: Some(expires_at),
                at,
            },
        )?;
        added += 1;
    }
    Ok(added)
}

/// Enqueues an outage notice to agency users, in the publishing transaction (the notices
/// module's [`PublishHook`](crate::notices::service::PublishHook)).
pub fn on_notice_published(
    conn: &mut DbConnection,
    clock: &Clock,
    notice: &NoticeRow,
) -> ApiResult<()> {
    if notice.kind == NoticeKind::Outage {
        notice_messages(conn, clock, notice, SmsEvent::Outage, notice.created_at)?;
    }
    Ok(())
}

/// Enqueues reminders of tomorrow's planned maintenance once it is `reminder_at` (local time)
/// today. Run by the worker; each notice and number gets one reminder however often it runs.
pub fn remind_maintenance(
    conn: &mut DbConnection,
    clock: &Clock,
    reminder_at: chrono::NaiveTime,
    at: NaiveDateTime,
) -> ApiResult<usize> {
    let local = chrono::TimeZone::from_utc_datetime(&clock.tz(), &at).naive_local();
    if local.time() < reminder_at {
        return Ok(0);
    }
    let tomorrow = local.date() + TimeDelta::days(1);
    let from = clock.day_start_utc(tomorrow);
    let to = clock.day_start_utc(tomorrow + TimeDelta::days(1));
    let mut added = 0;
    for notice in crate::notices::queries::not_over(conn, at, 500)? {
        if notice.kind == NoticeKind::Maintenance
            && notice.starts_at >= from
            && notice.starts_at < to
        {
            added += notice_messages(conn, clock, &notice, SmsEvent::Maintenance, at)?;
        }
    }
    Ok(added)
}

/// A request's messages (directorate, administrators, the owning agency; 404 for another
/// agency's request, 403 for other roles).
pub fn for_request(
    conn: &mut DbConnection,
    user: &AuthUser,
    request_id: &str,
) -> ApiResult<Vec<NotificationView>> {
    let scope = match user.role {
        Role::Agency => Scope::Organisation(user.org_id.clone()),
        Role::Directorate | Role::Admin => Scope::All,
        Role::Police | Role::Registry => return Err(ApiError::forbidden()),
    };
    crate::requests::queries::load_visible(conn, &scope, request_id)?;
    Ok(store::of_request(conn, request_id)?
        .into_iter()
        .map(NotificationView::from)
        .collect())
}

/// Every event's template, in the order of [`SmsEvent::ALL`].
pub fn templates(conn: &mut DbConnection, signature: &str) -> ApiResult<Vec<TemplateView>> {
    let stored = store::templates(conn)?;
    Ok(SmsEvent::ALL
        .iter()
        .map(|e| TemplateView::new(*e, stored.iter().find(|t| t.event == *e), signature))
        .collect())
}

/// Replaces `event`'s text, or restores the built-in one; answers the template in effect.
pub fn save_template(
    conn: &mut DbConnection,
    actor: &Actor,
    event: SmsEvent,
    new: NewTemplate,
    signature: &str,
    at: NaiveDateTime,
) -> ApiResult<TemplateView> {
    let (action, text) = match &new.0 {
        Some(body) => {
            store::save_template(conn, event, body, &actor.id, at)?;
            (Action::SmsTemplateUpdated, body.as_str())
        }
        None => {
            store::delete_template(conn, event)?;
            (Action::SmsTemplateRestored, templates::default_body(event))
        }
    };
    // The audit keeps each text applicants were sent under (the built-in one when restored).
    audit::record(
        conn,
        at,
        audit::Entry::by(actor, action, Subject::SmsTemplate, event.as_str())
            .detail(audit::TemplateText { body: text }),
    )?;
    let stored = store::templates(conn)?;
    Ok(TemplateView::new(
        event,
        stored.iter().find(|t| t.event == event),
        signature,
    ))
}
