//! `POST /requests/{id}/feedback`: the owning agency rates a finished request once.

use actix_web::{post, web, HttpResponse};

use crate::auth::AuthUser;
use crate::complaints::model::{FeedbackInput, NewFeedback};
use crate::complaints::service;
use crate::complaints::views::Feedback;
use crate::domain::identity::Role;
use crate::error::{ApiResult, Problem};
use crate::http::json::Json;
use crate::requests::service::ensure_visible;
use crate::state::AppState;

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(give_feedback);
}

/// Rate a finished request.
///
/// Rate a finished request, once. Roles: the owning `agency`; only after `completed` or
/// `rejected` (409 `invalid_transition` before); a second rating is 409 `duplicate`.
#[utoipa::path(
    operation_id = "give_feedback",
    tag = "complaints",
    params(("id" = uuid::Uuid, Path, description = "Request id")),
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
    // Another agency's request is not found (404), whatever the body.
    ensure_visible(&state, &user, &id).await?;
    let new = NewFeedback::try_from(body.into_inner()?)?;
    let request_id = id.into_inner();
    let clock = state.clock;
    let view: Feedback = state
        .tx(move |c| service::give_feedback(c, &clock, &user, &request_id, new))
        .await?;
    Ok(HttpResponse::Created().json(view))
}
