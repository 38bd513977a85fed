//! The rules of complaints and feedback, each in the caller's one transaction: who sees what
//! (through [`Seen`]), the linked request's visibility, the steps a complaint may take, its
//! history and its events.

use crate::auth::access::{self, Scope, Seen};
use crate::auth::{AuthUser, ChangeContext};
use crate::clock::Clock;
use crate::complaints::model::{
    unknown_request, ComplaintEventKind, ComplaintFilter, ComplaintRow, ComplaintStatus,
    FeedbackRow, NewComplaint, NewFeedback, ResponseText,
};
use crate::complaints::store::{self, QueuePage, Step};
use crate::complaints::views::{Complaint, Feedback};
use crate::config::Config;
use crate::db::DbConnection;
use crate::domain::status::RequestStatus;
use crate::domain::tracking::TrackingCode;
use crate::error::{ApiError, ApiResult};
use crate::events::outbox::{emit, NewEvent};
use crate::events::{EventType, SubjectKind};
use crate::http::etag::IfMatch;
use crate::http::pagination::Page;
use crate::requests;

/// Files a complaint: resolves the request it names (422 `unknown_request` when the caller may
/// not see it), claims a tracking code, and records the `received` step and event.
pub fn create(
    conn: &mut DbConnection,
    clock: &Clock,
    user: &AuthUser,
    new: NewComplaint,
) -> ApiResult<Complaint> {
    let request_id = match &new.request {
        None => None,
        Some(code) => Some(visible_request(conn, user, code)?),
    };
    let at = clock.now();
    let id = uuid::Uuid::now_v7().to_string();
    let tracking_code = requests::queries::claim_tracking_code(conn, "complaint", &id, at)?;
    let status = ComplaintStatus::Received;
    let row = ComplaintRow {
        id: id.clone(),
        tracking_code,
        organisation_id: user.org_id.clone(),
        created_by: user.id.clone(),
        subject: new.subject,
        body: new.body,
        category: new.category,
        request_id,
        status,
        queue_rank: status.queue_rank(),
        version: 1,
        created_at: at,
        updated_at: at,
    };
    store::insert(conn, &row)?;
    emit(
        conn,
        NewEvent {
            event_type: EventType::ComplaintReceived,
            subject_kind: SubjectKind::Complaint,
            subject_id: &id,
            tracking_code: Some(&row.tracking_code),
            organisation_id: Some(&row.organisation_id),
            data: serde_json::to_value(crate::complaints::model::ComplaintReceivedData {
                complaint_id: id.clone(),
                tracking_code: row.tracking_code.clone(),
                category: row.category,
                status,
                request_id: row.request_id.clone(),
            })
            .map_err(ApiError::internal)?,
            at,
        },
    )?;
    let step = Step {
        kind: ComplaintEventKind::Received,
        from: None,
        body: None,
        at,
    };
    store::append_event(conn, &id, user, step)?;
    let history = store::history(conn, &id)?;
    Ok(Complaint::with_history(row, history, clock))
}

/// The id of the request with this tracking code, if the caller may see it.
fn visible_request(
    conn: &mut DbConnection,
    user: &AuthUser,
    code: &TrackingCode,
) -> ApiResult<String> {
    let found = store::request_by_tracking_code(conn, code)?;
    match (found, Scope::requests(user)) {
        (Some((id, org)), Ok(scope)) if scope.allows(&org) => Ok(id),
        _ => Err(ApiError::invalid_field(unknown_request())),
    }
}

/// One complaint with its history, if the caller sees it.
pub fn get(
    conn: &mut DbConnection,
    clock: &Clock,
    user: &AuthUser,
    id: &str,
) -> ApiResult<Complaint> {
    let row = store::load_visible(conn, &Seen::complaints(user), id)?;
    let history = store::history(conn, id)?;
    Ok(Complaint::with_history(row, history, clock))
}

/// A page of the caller's queue (`page.limit + 1` rows: the extra one tells that more exist).
pub fn list(
    conn: &mut DbConnection,
    user: &AuthUser,
    filter: ComplaintFilter,
    page: &Page,
) -> ApiResult<Vec<ComplaintRow>> {
    let query = QueuePage {
        seen: Seen::complaints(user),
        status: filter.status,
        category: filter.category,
        created_from: filter.created_from,
        created_to: filter.created_to,
        after: page.after_ranked()?,
        fetch: page.limit + 1,
    };
    store::queue(conn, query)
}

/// An answered complaint, as [`Effects::on_answer`] sees it (inside the answering transaction).
pub struct Answered<'a> {
    /// The complaint after the answer.
    pub complaint: &'a ComplaintRow,
    /// Its version after the answer (one SMS per answer).
    pub version: i64,
    pub at: chrono::NaiveDateTime,
}

/// Run in the transaction of every answer to a complaint.
pub type OnAnswer = fn(&mut DbConnection, &Config, &Answered<'_>) -> ApiResult<()>;

/// What answering a complaint does outside the complaints' tables (the complainant's SMS is
/// enqueued): built by the composition root (`startup.rs`) from the module that owns it and
/// passed to [`respond`]; complaints depend on no messaging module.
#[derive(Clone, Copy)]
pub struct Effects {
    pub on_answer: OnAnswer,
}

/// Answers a complaint (→ `answered`, may be done more than once) and emits
/// `complaint.answered`.
pub fn respond(
    conn: &mut DbConnection,
    ctx: ChangeContext<'_, Effects>,
    id: &str,
    if_match: IfMatch,
    text: ResponseText,
) -> ApiResult<Complaint> {
    let ChangeContext {
        user,
        config,
        clock,
        effects,
    } = ctx;
    let step = Move {
        kind: ComplaintEventKind::Response,
        body: Some(text.into_text()),
    };
    let view = take_step(conn, clock, user, id, if_match, step)?;
    let row = store::load_visible(conn, &Seen::complaints(user), id)?;
    let answered = Answered {
        complaint: &row,
        version: row.version,
        at: row.updated_at,
    };
    (effects.on_answer)(conn, config, &answered)?;
    Ok(view)
}

/// Closes a complaint (→ `closed`): the complainant's side, the directorate or administrators.
pub fn close(
    conn: &mut DbConnection,
    clock: &Clock,
    user: &AuthUser,
    id: &str,
    if_match: IfMatch,
) -> ApiResult<Complaint> {
    let step = Move {
        kind: ComplaintEventKind::Closed,
        body: None,
    };
    take_step(conn, clock, user, id, if_match, step)
}

/// A step a user takes on an existing complaint.
struct Move {
    kind: ComplaintEventKind,
    body: Option<String>,
}

/// Visibility (404), who may close (403), precondition (412), no step leaves `closed` (409
/// `invalid_transition`), a versioned update, the event and the history entry.
fn take_step(
    conn: &mut DbConnection,
    clock: &Clock,
    user: &AuthUser,
    id: &str,
    if_match: IfMatch,
    step: Move,
) -> ApiResult<Complaint> {
    let seen = Seen::complaints(user);
    let row = store::load_visible(conn, &seen, id)?;
    if step.kind == ComplaintEventKind::Closed
        && !access::closes_complaint(user, &row.organisation_id, &row.created_by)
    {
        return Err(ApiError::forbidden());
    }
    if_match.check(row.version)?;
    let from = row.status;
    if from == ComplaintStatus::Closed {
        return Err(ApiError::invalid_transition(from.as_str(), from.label_fa()));
    }
    let to = step.kind.to_status();
    let at = clock.now();
    if !store::set_status(conn, id, row.version, to, at)? {
        return Err(ApiError::precondition_failed());
    }
    if to == ComplaintStatus::Answered {
        emit(
            conn,
            NewEvent {
                event_type: EventType::ComplaintAnswered,
                subject_kind: SubjectKind::Complaint,
                subject_id: id,
                tracking_code: Some(&row.tracking_code),
                organisation_id: Some(&row.organisation_id),
                data: serde_json::to_value(crate::complaints::model::ComplaintAnsweredData {
                    complaint_id: id.to_owned(),
                    tracking_code: row.tracking_code.clone(),
                    status: to,
                })
                .map_err(ApiError::internal)?,
                at,
            },
        )?;
    }
    let entry = Step {
        kind: step.kind,
        from: Some(from),
        body: step.body,
        at,
    };
    store::append_event(conn, id, user, entry)?;
    get(conn, clock, user, id)
}

/// Records the owning agency's one rating of a finished request: 409 `invalid_transition`
/// before `completed` or `rejected`, 409 `duplicate` for a second rating.
pub fn give_feedback(
    conn: &mut DbConnection,
    clock: &Clock,
    user: &AuthUser,
    request_id: &str,
    new: NewFeedback,
) -> ApiResult<Feedback> {
    let scope = Scope::Organisation(user.org_id.clone());
    let request = requests::queries::load_visible(conn, &scope, request_id)?;
    if !matches!(
        request.status,
        RequestStatus::Completed | RequestStatus::Rejected
    ) {
        return Err(ApiError::invalid_transition(
            request.status.as_str(),
            request.status.label_fa(),
        ));
    }
    if store::feedback_given(conn, &request.id)? {
        return Err(ApiError::duplicate(
            "برای این درخواست پیش‌تر امتیاز ثبت شده است.",
            "This request was already rated.",
        ));
    }
    let row = FeedbackRow {
        request_id: request.id,
        organisation_id: request.organisation_id,
        rating: new.rating.get(),
        comment: new.comment,
        created_at: clock.now(),
        created_by: user.id.clone(),
    };
    store::insert_feedback(conn, &row)?;
    Ok(Feedback::new(row, clock))
}
