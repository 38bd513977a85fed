//! Due dates of asks for documents. A due date must be a working day of the agencies'
//! calendar (422 naming the next working day otherwise). The day before it, the applicant is
//! reminded by SMS (`sms::service::remind_documents_due`, run by the SMS worker, once per ask).
//! When the due day ends with documents of the latest ask still missing, this module's worker
//! marks the ask overdue, flags the request in the directorate's queue
//! (`documents_overdue`, `GET /requests?documents_overdue=true`) and emits
//! `request.documents_overdue`, once; the request stays in `awaiting_documents` (the
//! directorate decides what follows). The worker runs in every replica (`DOCUMENT_DUE_WORKER`):
//! each mark is a conditional update, so two replicas mark an ask once.

use std::collections::HashMap;
use std::time::Duration;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::Serialize;
use utoipa::ToSchema;

use crate::clock::Clock;
use crate::config::Config;
use crate::db::schema::{document_requests, requests};
use crate::db::{write_tx, DbConnection};
use crate::documents::model::DocumentType;
use crate::domain::jalali::format_jalali;
use crate::domain::party::Party;
use crate::domain::status::RequestStatus;
use crate::domain::text::persian_digits;
use crate::error::{ApiError, ApiResult, FieldIssue};
use crate::events::EventType;
use crate::requests::model::RequestRow;
use crate::state::AppState;
use crate::validate::Issues;

/// How often the worker looks for asks whose due date passed.
const INTERVAL: Duration = Duration::from_secs(60);
/// Asks looked at per round at most (the rest in the next round).
const BATCH: i64 = 200;

/// 422 on `due_date` unless `due` is a working day of the agencies' calendar; the problem
/// names the next working day (`next_working_day`, `next_working_day_jalali`).
pub fn check_working_day(
    conn: &mut DbConnection,
    config: &Config,
    due: NaiveDate,
) -> ApiResult<()> {
    let cal = crate::sla::queries::calendar(conn, config)?.for_party(Party::Agencies);
    if cal.is_working(due) {
        return Ok(());
    }
    let next = cal.next_working_day(due);
    let (asked, next_jalali) = (format_jalali(due), format_jalali(next));
    let mut issues = Issues::new();
    issues.push(FieldIssue::new(
        "due_date",
        "not_working_day",
        format!(
            "مهلت باید روز کاری دستگاه متقاضی باشد؛ {} روز کاری نیست. نخستین روز کاری پس از آن {} است.",
            persian_digits(&asked),
            persian_digits(&next_jalali)
        ),
        format!(
            "The due date must be a working day of the agency's calendar; {due} ({asked}) is not. The next working day is {next} ({next_jalali})."
        ),
    ));
    match issues.finish() {
        Ok(()) => Ok(()),
        Err(e) => Err(e
            .with_extension("next_working_day", next.to_string())
            .with_extension("next_working_day_jalali", next_jalali)),
    }
}

/// When an ask was reminded and when it was marked overdue.
pub type AskMarks = (Option<NaiveDateTime>, Option<NaiveDateTime>);

/// When each of a request's asks was reminded and marked overdue, by ask id.
pub fn marks_of(conn: &mut DbConnection, request_id: &str) -> ApiResult<HashMap<String, AskMarks>> {
    let rows: Vec<(String, Option<NaiveDateTime>, Option<NaiveDateTime>)> =
        document_requests::table
            .filter(document_requests::request_id.eq(request_id))
            .select((
                document_requests::id,
                document_requests::reminded_at,
                document_requests::overdue_at,
            ))
            .load(conn)?;
    Ok(rows.into_iter().map(|(id, r, o)| (id, (r, o))).collect())
}

/// The document types `ask_id` still waits for, when it is the request's latest ask and the
/// request awaits documents; `None` otherwise (or when nothing is missing).
pub fn still_missing(
    conn: &mut DbConnection,
    clock: &Clock,
    request: &RequestRow,
    ask_id: &str,
) -> ApiResult<Option<Vec<DocumentType>>> {
    if request.status != RequestStatus::AwaitingDocuments {
        return Ok(None);
    }
    let latest = crate::documents::service::asks_of(conn, clock, request)?.pop();
    Ok(latest
        .filter(|a| a.id == ask_id && !a.outstanding.is_empty())
        .map(|a| a.outstanding))
}

/// Asks with a due date before `before` (exclusive) or on `on`, of requests awaiting
/// documents, not yet marked overdue: `(ask id, request id, due date)`.
pub fn asks_due(
    conn: &mut DbConnection,
    before: NaiveDate,
    batch: i64,
) -> ApiResult<Vec<(String, String, NaiveDate)>> {
    let rows: Vec<(String, String, Option<NaiveDate>)> = document_requests::table
        .inner_join(requests::table)
        .filter(requests::status.eq(RequestStatus::AwaitingDocuments))
        .filter(document_requests::overdue_at.is_null())
        .filter(document_requests::due_date.lt(before))
        .order(document_requests::due_date.asc())
        .limit(batch)
        .select((
            document_requests::id,
            document_requests::request_id,
            document_requests::due_date,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(a, r, d)| d.map(|d| (a, r, d)))
        .collect())
}

/// Runs until the process ends.
pub async fn run(state: AppState) {
    loop {
        match tick(&state).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(count = n, "asks for documents overdue"),
            Err(e) => tracing::warn!(error = %e, "document due round failed"),
        }
        tokio::time::sleep(INTERVAL).await;
    }
}

/// One round on `state`'s database at its clock's "now".
pub async fn tick(state: &AppState) -> ApiResult<usize> {
    let clock = state.clock;
    state.write(move |c| mark_overdue(c, &clock)).await
}

/// One round on `conn` at `clock`'s "now": every ask whose due day ended (service time) with
/// documents missing is marked overdue, each in its own transaction. Returns how many this
/// round marked (not those another replica did).
pub fn mark_overdue(conn: &mut DbConnection, clock: &Clock) -> ApiResult<usize> {
    let at = clock.now();
    let today = clock.local_date(at);
    let mut marked = 0;
    for (ask_id, request_id, due) in asks_due(conn, today, BATCH)? {
        if write_tx(conn, |c| {
            overdue_one(c, clock, &ask_id, &request_id, due, at)
        })? {
            marked += 1;
        }
    }
    Ok(marked)
}

/// Marks one ask overdue if its documents are still missing: the ask, the request's flag and
/// the event, in one transaction. `false` when nothing is missing, the ask is no longer the
/// latest, or another replica marked it first.
fn overdue_one(
    conn: &mut DbConnection,
    clock: &Clock,
    ask_id: &str,
    request_id: &str,
    due: NaiveDate,
    at: NaiveDateTime,
) -> ApiResult<bool> {
    let request = crate::requests::queries::load(conn, request_id)?;
    let Some(missing) = still_missing(conn, clock, &request, ask_id)? else {
        return Ok(false);
    };
    let marked = diesel::update(
        document_requests::table
            .find(ask_id)
            .filter(document_requests::overdue_at.is_null()),
    )
    .set(document_requests::overdue_at.eq(Some(at)))
    .execute(conn)?;
    if marked != 1 {
        return Ok(false);
    }
    // Overdue from the end of the due day (service time).
    let since = due.succ_opt().map(|d| clock.day_start_utc(d)).unwrap_or(at);
    crate::requests::correction::flag_documents_overdue(conn, request_id, since)?;
    let data = DocumentsOverdueData {
        request_id: request.id.clone(),
        tracking_code: request.tracking_code.clone(),
        organisation_id: request.organisation_id.clone(),
        document_request_id: ask_id.to_owned(),
        due_date: due,
        due_date_jalali: format_jalali(due),
        missing_document_types: missing,
        version: request.version,
    };
    crate::events::outbox::emit(
        conn,
        crate::events::outbox::NewEvent {
            event_type: EventType::RequestDocumentsOverdue,
            subject_kind: crate::events::SubjectKind::Request,
            subject_id: &request.id,
            tracking_code: Some(&request.tracking_code),
            organisation_id: Some(&request.organisation_id),
            data: serde_json::to_value(data).map_err(ApiError::internal)?,
            at,
        },
    )?;
    Ok(true)
}

/// The `data` of `request.documents_overdue`.
#[derive(Serialize, ToSchema)]
pub struct DocumentsOverdueData {
    #[schema(format = Uuid)]
    pub request_id: String,
    pub tracking_code: String,
    #[schema(format = Uuid)]
    pub organisation_id: String,
    /// The ask whose due date passed.
    #[schema(format = Uuid)]
    pub document_request_id: String,
    pub due_date: NaiveDate,
    /// `due_date` in the Solar Hijri calendar.
    #[schema(example = "1405/09/20")]
    pub due_date_jalali: String,
    /// The document types still missing.
    pub missing_document_types: Vec<DocumentType>,
    /// The request's version (unchanged: the flag is not a change of the request's data).
    #[schema(minimum = 1)]
    pub version: i64,
}
