//! One call acting on many requests (directorate): each item runs the single call's own
//! service code in its own transaction (its precondition, state machine, history entry, events
//! and SLA clock), and answers for itself, `207`-style. The requests of a batch send no SMS of
//! their own for the step; each batch touched gets one digest afterwards.

use std::collections::HashSet;

use crate::auth::{AuthUser, ChangeContext};
use crate::batches::model::{BulkAction, BulkBody, BulkItem, BulkPermit};
use crate::batches::views::{BatchDigest, BulkItemResult, BulkResult};
use crate::batches::MAX_ITEMS;
use crate::db::DbConnection;
use crate::documents::model::{CreateDocumentRequest, NewDocumentRequest};
use crate::domain::status::Action;
use crate::error::{ApiError, ApiResult, FieldIssue};
use crate::http::etag::{etag, IfMatch};
use crate::i18n::Lang;
use crate::permits::model::{IssuePermit, NewPermit, Validity};
use crate::requests::service::Transition;
use crate::requests::Effects;
use crate::sms::quiet::Quiet;
use crate::state::AppState;

impl BulkAction {
    /// The state machine's action each item takes.
    pub fn action(self) -> Action {
        match self {
            BulkAction::Review => Action::Review,
            BulkAction::RequestDocuments => Action::RequestDocuments,
            BulkAction::IssuePermit => Action::IssuePermit,
        }
    }
}

/// A field of a nested body (`due_date` of `document_request`) as a pointer.
fn nested(parent: &str, field: &str) -> String {
    format!("/{parent}/{}", field.replace('.', "/"))
}

fn not_allowed(field: String, what: &str) -> FieldIssue {
    FieldIssue::new(
        field,
        "not_allowed",
        format!("این بخش تنها برای کار «{what}» است."),
        format!("This member belongs to the '{what}' action only."),
    )
}

fn required(field: String) -> FieldIssue {
    FieldIssue::new(
        field,
        "required",
        "برای این کار الزامی است.",
        "Required for this action.",
    )
}

/// What each item of a checked call is given besides its request.
#[derive(Clone)]
enum Plan {
    Review,
    /// The ask, as sent (checked; read again for each item).
    Documents(serde_json::Value),
    /// What the permits share.
    Permits {
        valid_until: String,
        notes: Option<String>,
        police_organisation_id: Option<String>,
    },
}

fn document_ask(
    value: serde_json::Value,
    today: chrono::NaiveDate,
) -> ApiResult<NewDocumentRequest> {
    let input: CreateDocumentRequest = serde_json::from_value(value).map_err(|e| {
        ApiError::validation(vec![FieldIssue::new(
            "/document_request",
            "invalid_value",
            "درخواست مدارک شکل درستی ندارد (مانند درخواست مدارک برای یک درخواست).",
            format!("The document request is malformed: {e}"),
        )])
    })?;
    NewDocumentRequest::try_from((input, today))
}

fn permit_of(
    number: Option<&str>,
    plan: (&str, Option<&str>, Option<&str>),
    validity: &Validity,
) -> ApiResult<NewPermit> {
    let (valid_until, notes, police) = plan;
    NewPermit::try_from((
        IssuePermit {
            national_permit_number: number.unwrap_or_default().to_owned(),
            valid_until: valid_until.to_owned(),
            notes: notes.map(str::to_owned),
            police_organisation_id: police.map(str::to_owned),
        },
        validity,
    ))
}

/// Checks the whole call before any item runs (422 naming every fault as a pointer into the
/// body; nothing is done): 1–200 items, each request named once, what the action needs and
/// nothing it does not.
fn check(state: &AppState, body: &mut BulkBody) -> ApiResult<Plan> {
    let mut issues = item_count_issues(body);
    issues.extend(not_allowed_issues(body));
    let plan = match body.action {
        BulkAction::Review => Some(Plan::Review),
        BulkAction::RequestDocuments => match body.document_request.take() {
            None => {
                issues.push(required("/document_request".into()));
                None
            }
            Some(v) => documents_plan(state, v, &mut issues),
        },
        BulkAction::IssuePermit => match body.permit.take() {
            None => {
                issues.push(required("/permit".into()));
                None
            }
            Some(p) => Some(permits_plan(state, p, &body.items, &mut issues)),
        },
    };
    match plan {
        Some(plan) if issues.is_empty() => Ok(plan),
        _ => Err(ApiError::validation(issues)),
    }
}

/// 1–200 items, each request named once.
fn item_count_issues(body: &BulkBody) -> Vec<FieldIssue> {
    let mut issues: Vec<FieldIssue> = Vec::new();
    if body.items.is_empty() {
        issues.push(FieldIssue::new(
            "/items",
            "required",
            "دست‌کم یک درخواست لازم است.",
            "At least one item is required.",
        ));
    } else if body.items.len() > MAX_ITEMS {
        issues.push(FieldIssue::new(
            "/items",
            "too_many",
            format!(
                "یک فراخوان حداکثر {MAX_ITEMS} درخواست را انجام می‌دهد، نه {}.",
                body.items.len()
            ),
            format!(
                "One call acts on at most {MAX_ITEMS} items, not {}.",
                body.items.len()
            ),
        ));
    }
    let mut seen = HashSet::new();
    for (i, item) in body.items.iter().enumerate() {
        if !seen.insert(item.request_id.trim()) {
            issues.push(FieldIssue::new(
                format!("/items/{i}/request_id"),
                "duplicate_in_call",
                "این درخواست پیش‌تر در همین فراخوان آمده است؛ هر درخواست یک بار.",
                "This request is already an item of this call; name each request once.",
            ));
        }
    }
    issues
}

/// The members that belong to another action than the call's.
fn not_allowed_issues(body: &BulkBody) -> Vec<FieldIssue> {
    let mut issues = Vec::new();
    let action = body.action;
    if action != BulkAction::RequestDocuments && body.document_request.is_some() {
        issues.push(not_allowed("/document_request".into(), "request_documents"));
    }
    if action != BulkAction::IssuePermit {
        if body.permit.is_some() {
            issues.push(not_allowed("/permit".into(), "issue_permit"));
        }
        for (i, item) in body.items.iter().enumerate() {
            if item.national_permit_number.is_some() {
                issues.push(not_allowed(
                    format!("/items/{i}/national_permit_number"),
                    "issue_permit",
                ));
            }
        }
    }
    issues
}

/// The document ask, checked as the single call checks it; its faults as pointers under
/// `/document_request`.
fn documents_plan(
    state: &AppState,
    v: serde_json::Value,
    issues: &mut Vec<FieldIssue>,
) -> Option<Plan> {
    match document_ask(v.clone(), state.clock.today()) {
        Ok(_) => Some(Plan::Documents(v)),
        Err(e) => {
            for issue in e.field_errors() {
                let field = if issue.field.starts_with('/') {
                    issue.field.clone()
                } else {
                    nested("document_request", &issue.field)
                };
                issues.push(FieldIssue {
                    field,
                    ..issue.clone()
                });
            }
            None
        }
    }
}

/// What the permits share, checked with each item's number as the single call checks it: a
/// number given twice in the call, and each fault once, as pointers under `/permit` or the
/// item's `national_permit_number`.
fn permits_plan(
    state: &AppState,
    p: BulkPermit,
    items: &[BulkItem],
    issues: &mut Vec<FieldIssue>,
) -> Plan {
    let validity = Validity {
        now: state.clock.now(),
        clock: state.clock,
        max_days: state.config.permits.max_validity_days,
    };
    let shared = (
        p.valid_until.as_str(),
        p.notes.as_deref(),
        p.police_organisation_id.as_deref(),
    );
    let mut numbers = HashSet::new();
    for (i, item) in items.iter().enumerate() {
        let number = item.national_permit_number.as_deref().map(str::trim);
        if let Some(n) = number.filter(|n| !n.is_empty()) {
            if !numbers.insert(n.to_owned()) {
                issues.push(FieldIssue::new(
                    format!("/items/{i}/national_permit_number"),
                    "duplicate_in_call",
                    "این شمارهٔ مجوز به درخواست دیگری از همین فراخوان داده شده است.",
                    "This permit number is given to another item of this call.",
                ));
            }
        }
        if let Err(e) = permit_of(number, shared, &validity) {
            for issue in e.field_errors() {
                let field = if issue.field == "national_permit_number" {
                    format!("/items/{i}/national_permit_number")
                } else {
                    nested("permit", &issue.field)
                };
                if !issues
                    .iter()
                    .any(|x| x.field == field && x.code == issue.code)
                {
                    issues.push(FieldIssue {
                        field,
                        ..issue.clone()
                    });
                }
            }
        }
    }
    Plan::Permits {
        valid_until: p.valid_until,
        notes: p.notes,
        police_organisation_id: p.police_organisation_id,
    }
}

/// One item's success: its HTTP status, the request's new version and status, and the single
/// call's answer.
struct Done {
    status: u16,
    version: i64,
    request_status: crate::domain::status::RequestStatus,
    result: serde_json::Value,
    batch_id: Option<String>,
}

/// One item of a checked call.
struct Item {
    request_id: String,
    if_match: IfMatch,
    national_permit_number: Option<String>,
}

/// Runs one item in its own transaction.
async fn run_item(
    state: &AppState,
    effects: Effects,
    user: &AuthUser,
    plan: &Plan,
    item: Item,
) -> ApiResult<Done> {
    let config = state.config.clone();
    let clock = state.clock;
    let user = user.clone();
    let plan = plan.clone();
    state
        .tx(move |c| {
            let request_id = item.request_id.as_str();
            let batch_id = crate::requests::queries::batch_of(c, request_id)?;
            // A batch's request sends no SMS of its own for a bulk step: the batch's digest
            // follows the call.
            let _quiet = batch_id.is_some().then(Quiet::enter);
            let ctx = ChangeContext::new(&user, &config, &clock, &effects);
            let (status, result) = apply(c, ctx, plan, &item)?;
            let after = crate::requests::queries::load(c, request_id)?;
            Ok(Done {
                status,
                version: after.version,
                request_status: after.status,
                result,
                batch_id,
            })
        })
        .await
}

/// The single call's step for one item, in the item's transaction: its status and answer.
fn apply(
    c: &mut DbConnection,
    ctx: ChangeContext<'_, Effects>,
    plan: Plan,
    item: &Item,
) -> ApiResult<(u16, serde_json::Value)> {
    let ChangeContext {
        user,
        config,
        clock,
        effects,
    } = ctx;
    let (request_id, if_match) = (item.request_id.as_str(), item.if_match);
    let (status, view) = match plan {
        Plan::Review => {
            let t = Transition {
                user,
                request_id,
                action: Action::Review,
                if_match,
                note: None,
                at: clock.now(),
            };
            let row =
                crate::requests::service::transition(c, config, clock, effects, t, |_, _| Ok(()))?;
            let view = crate::requests::service::view(c, config, clock, user, row)?;
            (200, serde_json::to_value(view))
        }
        Plan::Documents(v) => {
            let new = document_ask(v, clock.today())?;
            let view = crate::documents::service::ask(c, ctx, request_id, if_match, new)?;
            (201, serde_json::to_value(view))
        }
        Plan::Permits {
            valid_until,
            notes,
            police_organisation_id,
        } => {
            let validity = Validity {
                now: clock.now(),
                clock: *clock,
                max_days: config.permits.max_validity_days,
            };
            let shared = (
                valid_until.as_str(),
                notes.as_deref(),
                police_organisation_id.as_deref(),
            );
            let number = item.national_permit_number.as_deref();
            let new = permit_of(number, shared, &validity)?;
            let view = crate::permits::service::issue(c, ctx, request_id, if_match, new)?;
            (201, serde_json::to_value(view))
        }
    };
    Ok((status, view.map_err(ApiError::internal)?))
}

/// The call's answer as its items run: each item's result, the batches they changed and the
/// counts.
#[derive(Default)]
struct Tally {
    items: Vec<BulkItemResult>,
    batches: Vec<String>,
    succeeded: usize,
    failed: usize,
}

impl Tally {
    fn record(&mut self, request_id: String, outcome: ApiResult<Done>, lang: Lang) {
        match outcome {
            Ok(done) => {
                self.succeeded += 1;
                if let Some(b) = done.batch_id {
                    if !self.batches.contains(&b) {
                        self.batches.push(b);
                    }
                }
                self.items.push(BulkItemResult {
                    request_id,
                    status: done.status,
                    etag: Some(etag(done.version)),
                    request_status: Some(done.request_status),
                    request_status_label_fa: Some(done.request_status.label_fa()),
                    result: Some(done.result),
                    problem: None,
                });
            }
            Err(e) => {
                if e.status().is_server_error() {
                    tracing::error!(error = %e, cause = ?e.cause(), "bulk item failed");
                }
                self.failed += 1;
                self.items.push(BulkItemResult {
                    request_id,
                    status: e.status().as_u16(),
                    etag: None,
                    request_status: None,
                    request_status_label_fa: None,
                    result: None,
                    problem: Some(e.body(lang)),
                });
            }
        }
    }
}

/// Runs a bulk call: checks it whole (422, nothing done), then each item in order in its own
/// transaction, then one digest SMS per batch whose requests changed.
pub async fn run(
    state: &AppState,
    effects: &Effects,
    user: AuthUser,
    mut body: BulkBody,
    lang: Lang,
) -> ApiResult<BulkResult> {
    user.require(body.action.action().roles())?;
    let plan = check(state, &mut body)?;
    let mut tally = Tally {
        items: Vec::with_capacity(body.items.len()),
        ..Tally::default()
    };
    for item in body.items {
        let request_id = item.request_id.trim().to_owned();
        let outcome = match IfMatch::from_value(item.if_match.as_deref()) {
            Ok(if_match) => {
                let item = Item {
                    request_id: request_id.clone(),
                    if_match,
                    national_permit_number: item.national_permit_number,
                };
                run_item(state, *effects, &user, &plan, item).await
            }
            Err(e) => Err(e),
        };
        tally.record(request_id, outcome, lang);
    }
    let digests = digests(state, tally.batches).await;
    Ok(BulkResult {
        action: body.action,
        succeeded: tally.succeeded,
        failed: tally.failed,
        items: tally.items,
        digests,
    })
}

/// One digest SMS per batch the call changed, each in its own transaction. The items have
/// committed already: a digest that cannot be enqueued is logged and left out of the answer
/// (the requests' states stand).
async fn digests(state: &AppState, batches: Vec<String>) -> Vec<BatchDigest> {
    let step_id = uuid::Uuid::now_v7().to_string();
    let mut out = Vec::with_capacity(batches.len());
    for batch_id in batches {
        let config = state.config.clone();
        let clock = state.clock;
        let step = step_id.clone();
        let id = batch_id.clone();
        let sent = state
            .tx(move |c| {
                let batch = crate::batches::store::load(c, &id)?;
                let said = crate::batches::sms::progress(c, &config, &batch, &step, clock.now())?;
                Ok((batch.tracking_code, said))
            })
            .await;
        match sent {
            Ok((tracking_code, said)) => out.push(BatchDigest {
                batch_id,
                tracking_code,
                summary_fa: crate::domain::text::persian_digits(&said),
            }),
            Err(e) => {
                tracing::warn!(error = %e, batch_id = %batch_id, "could not enqueue a batch digest")
            }
        }
    }
    out
}
