//! Complaints and feedback: their vocabularies, rows, wire inputs, the checked inputs made from
//! them, and the views.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::db::schema::{complaint_events, complaints, feedback};
use crate::domain::identity::Role;
use crate::domain::tracking::TrackingCode;
use crate::error::{ApiError, FieldIssue};

use crate::validate::Issues;

// ---- Vocabularies ----------------------------------------------------------------------------

crate::vocabulary! {
    pub enum Category {
        Delay => "delay",
        Conduct => "conduct",
        Technical => "technical",
        Other => "other",
    }
}

impl Category {
    /// The category as people read it (Persian).
    pub fn label_fa(self) -> &'static str {
        match self {
            Category::Delay => "تأخیر در رسیدگی",
            Category::Conduct => "رفتار کارکنان",
            Category::Technical => "اشکال فنی سامانه",
            Category::Other => "سایر",
        }
    }
}

crate::vocabulary! {
    pub enum ComplaintStatus {
        Received => "received",
        Answered => "answered",
        Closed => "closed",
    }
}

impl ComplaintStatus {
    /// The status as complainants read it.
    pub fn label_fa(self) -> &'static str {
        match self {
            ComplaintStatus::Received => "دریافت شد",
            ComplaintStatus::Answered => "پاسخ داده شد",
            ComplaintStatus::Closed => "بسته شد",
        }
    }

    /// Position in the queue: unanswered first, then answered, then closed.
    pub fn queue_rank(self) -> i32 {
        match self {
            ComplaintStatus::Received => 0,
            ComplaintStatus::Answered => 1,
            ComplaintStatus::Closed => 2,
        }
    }
}

crate::vocabulary! {
    /// One step in a complaint's history.
    pub enum ComplaintEventKind {
        /// Filed.
        Received => "received",
        /// The directorate answered (may happen more than once).
        Response => "response",
        /// Closed.
        Closed => "closed",
    }
}

impl ComplaintEventKind {
    /// The step as people read it (Persian).
    pub fn label_fa(self) -> &'static str {
        match self {
            ComplaintEventKind::Received => "ثبت شکایت",
            ComplaintEventKind::Response => "پاسخ اداره کل",
            ComplaintEventKind::Closed => "بسته شدن شکایت",
        }
    }
}

impl ComplaintEventKind {
    /// Where the step leads.
    pub fn to_status(self) -> ComplaintStatus {
        match self {
            ComplaintEventKind::Received => ComplaintStatus::Received,
            ComplaintEventKind::Response => ComplaintStatus::Answered,
            ComplaintEventKind::Closed => ComplaintStatus::Closed,
        }
    }
}

// ---- Rows ------------------------------------------------------------------------------------

#[derive(Queryable, Selectable, Insertable, Clone)]
#[diesel(table_name = complaints)]
pub struct ComplaintRow {
    pub id: String,
    pub tracking_code: String,
    pub organisation_id: String,
    pub created_by: String,
    pub subject: String,
    pub body: String,
    pub category: Category,
    pub request_id: Option<String>,
    pub status: ComplaintStatus,
    pub queue_rank: i32,
    pub version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Queryable, Selectable, Insertable)]
#[diesel(table_name = complaint_events)]
pub struct EventRow {
    pub id: String,
    pub complaint_id: String,
    pub seq: i32,
    pub kind: ComplaintEventKind,
    pub from_status: Option<ComplaintStatus>,
    pub to_status: ComplaintStatus,
    pub at: NaiveDateTime,
    pub actor_id: String,
    pub actor_name: String,
    pub actor_role: Role,
    pub body: Option<String>,
}

#[derive(Insertable)]
#[diesel(table_name = feedback)]
pub struct FeedbackRow {
    pub request_id: String,
    pub organisation_id: String,
    pub rating: i32,
    pub comment: Option<String>,
    pub created_at: NaiveDateTime,
    pub created_by: String,
}

// ---- Wire inputs -----------------------------------------------------------------------------

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateComplaint {
    #[schema(example = "تأخیر در بررسی درخواست")]
    pub subject: String,
    pub body: String,
    pub category: Category,
    /// A request the complainant may see (422 otherwise).
    pub request_tracking_code: Option<String>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResponseBody {
    pub body: String,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ComplaintFilter {
    pub status: Option<ComplaintStatus>,
    pub category: Option<Category>,
    /// Filed at or after this time.
    pub created_from: Option<DateTime<Utc>>,
    /// Filed before this time.
    pub created_to: Option<DateTime<Utc>>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FeedbackInput {
    /// 1 (poor) to 5 (excellent).
    #[schema(minimum = 1, maximum = 5, example = 4)]
    pub rating: i32,
    pub comment: Option<String>,
}

// ---- Checked inputs --------------------------------------------------------------------------

/// The 422 issue for a linked request that does not exist or that the caller may not see.
pub fn unknown_request() -> FieldIssue {
    FieldIssue::new(
        "request_tracking_code",
        "unknown_request",
        "درخواستی با این کد پیگیری یافت نشد.",
        "No request with this tracking code.",
    )
}

/// A complaint to file.
pub struct NewComplaint {
    pub subject: String,
    pub body: String,
    pub category: Category,
    /// The request it concerns (its visibility is checked when filing).
    pub request: Option<TrackingCode>,
}

impl TryFrom<CreateComplaint> for NewComplaint {
    type Error = ApiError;

    fn try_from(input: CreateComplaint) -> Result<Self, ApiError> {
        let mut issues = Issues::new();
        let subject = issues.line("subject", &input.subject, 3, 200);
        let body = issues.text("body", &input.body, 3, 5000);
        let request = match input
            .request_tracking_code
            .as_deref()
            .filter(|c| !c.trim().is_empty())
        {
            None => None,
            Some(c) => {
                let code = TrackingCode::parse(c);
                if code.is_none() {
                    issues.push(unknown_request());
                }
                code
            }
        };
        issues.finish()?;
        Ok(NewComplaint {
            subject,
            body,
            category: input.category,
            request,
        })
    }
}

/// The text of a response to a complaint.
pub struct ResponseText(String);

impl ResponseText {
    pub fn into_text(self) -> String {
        self.0
    }
}

impl TryFrom<ResponseBody> for ResponseText {
    type Error = ApiError;

    fn try_from(input: ResponseBody) -> Result<Self, ApiError> {
        let mut issues = Issues::new();
        let text = issues.text("body", &input.body, 1, 5000);
        issues.finish()?;
        Ok(ResponseText(text))
    }
}

/// A rating of 1 (poor) to 5 (excellent).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rating(i32);

impl Rating {
    pub fn parse(value: i32) -> Option<Rating> {
        (1..=5).contains(&value).then_some(Rating(value))
    }

    pub fn get(self) -> i32 {
        self.0
    }
}

/// Feedback on a finished request.
pub struct NewFeedback {
    pub rating: Rating,
    pub comment: Option<String>,
}

impl TryFrom<FeedbackInput> for NewFeedback {
    type Error = ApiError;

    fn try_from(input: FeedbackInput) -> Result<Self, ApiError> {
        let mut issues = Issues::new();
        let rating = Rating::parse(input.rating);
        if rating.is_none() {
            issues.push(rating_out_of_range());
        }
        let comment = issues.opt_text("comment", input.comment.as_deref(), 2000);
        issues.finish()?;
        let rating = rating.ok_or_else(|| ApiError::invalid_field(rating_out_of_range()))?;
        Ok(NewFeedback { rating, comment })
    }
}

fn rating_out_of_range() -> FieldIssue {
    FieldIssue::new(
        "rating",
        "out_of_range",
        "امتیاز باید از ۱ تا ۵ باشد.",
        "rating must be 1 to 5.",
    )
}

// ---- Event payloads ---------------------------------------------------------------------------

/// The `data` of `complaint.received`.
#[derive(Serialize, ToSchema)]
pub struct ComplaintReceivedData {
    #[schema(format = Uuid)]
    pub complaint_id: String,
    pub tracking_code: String,
    pub category: Category,
    pub status: ComplaintStatus,
    /// The request the complaint is about, when it names one.
    #[schema(format = Uuid)]
    pub request_id: Option<String>,
}

/// The `data` of `complaint.answered`.
#[derive(Serialize, ToSchema)]
pub struct ComplaintAnsweredData {
    #[schema(format = Uuid)]
    pub complaint_id: String,
    pub tracking_code: String,
    pub status: ComplaintStatus,
}
