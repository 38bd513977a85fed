//! `POST /requests/{id}/feedback`: the owning agency rates a finished request once.

use actix_web::{post, web, HttpResponse};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::access::Scope;
use crate::auth::AuthUser;
use crate::clock::{now, utc};
use crate::db::schema::feedback;
use crate::domain::identity::Role;
use crate::domain::status::RequestStatus;
use crate::error::{ApiError, ApiResult, FieldIssue, Problem};
use crate::http::json::Json;
use crate::requests::store;
use crate::state::AppState;
use crate::validate::Issues;

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(give_feedback);
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FeedbackInput {
    /// 1 (poor) to 5 (excellent).
    #[schema(minimum = 1, maximum = 5, example = 4)]
    pub rating: i32,
    pub comment: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct Feedback {
    pub request_id: String,
    pub rating: i32,
    pub comment: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// Rate a finished request, once. Roles: the owning `agency`; only after `completed` or
/// `rejected` (409 `invalid_transition` before); a second rating is 409 `duplicate`.
#[utoipa::path(
    tag = "complaints",
    params(("id" = String, Path, description = "Request id")),
    request_body = FeedbackInput,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Recorded.", body = Feedback),
        (status = 409, description = "Not finished yet (`invalid_transition`) or already rated (`duplicate`).", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/requests/{id}/feedback")]
pub async fn give_feedback(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    body: Json<FeedbackInput>,
) -> ApiResult<HttpResponse> {
    user.require(&[Role::Agency])?;
    crate::requests::service::ensure_visible(&state, &user, &id).await?;
    let input = body.into_inner()?;
    let mut issues = Issues::new();
    if !(1..=5).contains(&input.rating) {
        issues.push(FieldIssue::new(
            "rating",
            "out_of_range",
            "امتیاز باید از ۱ تا ۵ باشد.",
            "rating must be 1 to 5.",
        ));
    }
    let comment = issues.opt_text("comment", input.comment.as_deref(), 2000);
    issues.finish()?;
    let request_id = id.into_inner();
    let view = state
        .tx(move |conn| {
            let row =
                store::load_visible(conn, &Scope::Organisation(user.org_id.clone()), &request_id)?;
            if !matches!(
                row.status,
                RequestStatus::Completed | RequestStatus::Rejected
            ) {
                return Err(ApiError::invalid_transition(
                    row.status.as_str(),
                    row.status.label_fa(),
                ));
            }
            let exists: i64 = feedback::table
                .filter(feedback::request_id.eq(&row.id))
                .count()
                .get_result(conn)?;
            if exists > 0 {
                return Err(ApiError::duplicate(
                    "برای این درخواست پیش‌تر امتیاز ثبت شده است.",
                    "This request was already rated.",
                ));
            }
            let at = now();
            diesel::insert_into(feedback::table)
                .values((
                    feedback::request_id.eq(&row.id),
                    feedback::organisation_id.eq(&row.organisation_id),
                    feedback::rating.eq(input.rating),
                    feedback::comment.eq(&comment),
                    feedback::created_at.eq(at),
                    feedback::created_by.eq(&user.id),
                ))
                .execute(conn)?;
            Ok(Feedback {
                request_id: row.id,
                rating: input.rating,
                comment,
                created_at: utc(at),
            })
        })
        .await?;
    Ok(HttpResponse::Created().json(view))
}
