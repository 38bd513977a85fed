//! `/requests/{id}/notifications` (a request's SMS messages) and `/sms-templates` (admin).

use actix_web::{get, put, web, HttpResponse};

use crate::auth::AuthUser;
use crate::domain::identity::Role;
use crate::error::{ApiError, ApiResult, Problem};
use crate::http::json::Json;
use crate::sms::model::{NewTemplate, UpdateTemplate};
use crate::sms::views::{NotificationList, TemplateList, TemplateView};
use crate::sms::{service, SmsEvent};
use crate::state::AppState;

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(notifications)
        .service(list_templates)
        .service(update_template);
}

/// List a request's SMS notifications.
///
/// Every SMS message about the request, oldest first, with its status (`pending | sent |
/// failed | suppressed`), attempts and times; the recipient's mobile is masked. Roles:
/// `directorate`, `admin`, the owning `agency` (another agency's request is 404).
#[utoipa::path(
    operation_id = "list_request_notifications",
    tag = "notifications",
    params(("id" = uuid::Uuid, Path, description = "Request id")),
    security(("bearer" = [])),
    responses((status = 200, description = "The messages.", body = NotificationList))
)]
#[get("/requests/{id}/notifications")]
pub async fn notifications(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    user.require(&[Role::Directorate, Role::Admin, Role::Agency])?;
    let id = id.into_inner();
    let items = state
        .db(move |c| service::for_request(c, &user, &id))
        .await?;
    Ok(HttpResponse::Ok().json(NotificationList { items }))
}

/// List SMS templates.
///
/// Each event's text in effect, the built-in text and the placeholders it may use. Roles:
/// `admin`.
#[utoipa::path(
    operation_id = "list_sms_templates",
    tag = "notifications",
    security(("bearer" = [])),
    responses((status = 200, description = "The templates.", body = TemplateList))
)]
#[get("/sms-templates")]
pub async fn list_templates(state: web::Data<AppState>, user: AuthUser) -> ApiResult<HttpResponse> {
    user.require(&[Role::Admin])?;
    let signature = state.config.permits.directorate_name.as_str().to_owned();
    let items = state.db(move |c| service::templates(c, &signature)).await?;
    Ok(HttpResponse::Ok().json(TemplateList { items }))
}

/// Replace an SMS template.
///
/// Sets the text of one event's messages (Persian, with named placeholders such as
/// `{tracking_code}`, rendered with Persian digits); `body: null` restores the built-in text.
/// Messages already queued keep their text. A placeholder the event does not have is 422
/// `validation_failed` naming `body` (`unknown_placeholder`), as is an unbalanced brace
/// (`invalid_template`) and any link but the service's own public address (`url_not_allowed`).
/// Placeholder values are cleaned when sent: one line, no links, each at most its bound
/// (`tracking_code` 16, `plate`/`permit_number`/`starts_at`/`ends_at` 32, `valid_until` and
/// `due_date` 20, `reason` 40, `title` and `signature` 60, `documents` 120 characters, cut with
/// «…»). The answer's `example` is the text filled with typical values and `parts` the SMS parts
/// it takes (70 characters in one UCS-2 part, 67 in each part of a longer one). Roles: `admin`.
#[utoipa::path(
    operation_id = "update_sms_template",
    tag = "notifications",
    params(("event" = SmsEvent, Path, description = "The event whose text this is")),
    request_body = UpdateTemplate,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The template in effect.", body = TemplateView),
        (status = 404, description = "No such event.", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid text (`validation_failed`), naming `body`.", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/sms-templates/{event}")]
pub async fn update_template(
    state: web::Data<AppState>,
    user: AuthUser,
    event: web::Path<String>,
    body: Json<UpdateTemplate>,
) -> ApiResult<HttpResponse> {
    let clock = state.clock;
    user.require(&[Role::Admin])?;
    let event: SmsEvent = event.parse().map_err(|_| ApiError::not_found())?;
    let new = NewTemplate::parse(
        event,
        body.into_inner()?,
        state.config.http.public_base_url.as_str(),
    )?;
    let actor = crate::audit::Actor::of(&user);
    let signature = state.config.permits.directorate_name.as_str().to_owned();
    let view = state
        .tx(move |c| service::save_template(c, &actor, event, new, &signature, clock.now()))
        .await?;
    Ok(HttpResponse::Ok().json(view))
}
