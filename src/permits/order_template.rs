//! `/permit-template` (admin): the printed permit's body text — read, replace, restore the
//! built-in one — and the facts of a request the order names beside the permit's own.

use actix_web::{delete, get, put, web, HttpResponse};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::audit::{self, Action, Actor, Subject};
use crate::auth::AuthUser;
use crate::clock::utc;
use crate::db::schema::{organisations, print_templates as pt, requests};
use crate::db::DbConnection;
use crate::domain::identity::Role;
use crate::error::{ApiError, ApiResult, Problem};
use crate::http::json::Json;
use crate::permits::order::{self, TEMPLATE_NAME};
use crate::requests::model::Reason;
use crate::state::AppState;

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(get_template)
        .service(update_template)
        .service(restore_template);
}

// ---- rows and shapes -----------------------------------------------------------------------

#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = pt)]
pub struct PrintTemplateRow {
    pub name: String,
    pub body: String,
    pub updated_by: String,
    pub updated_at: NaiveDateTime,
}

/// What the order says about its request beyond the permit's view: the reason, the agency's
/// letter, the representative and the agency's legal id.
#[derive(Clone, Debug, Queryable)]
pub struct OrderFacts {
    pub reason: Reason,
    pub reason_details: Option<String>,
    pub letter_number: String,
    pub letter_date: NaiveDate,
    pub representative_full_name: Option<String>,
    pub representative_national_code: Option<String>,
    pub representative_mobile: Option<String>,
    pub agency_legal_id: String,
}

/// A placeholder of the order's template.
#[derive(Serialize, ToSchema)]
pub struct OrderPlaceholderView {
    /// Written `{name}` in the text.
    #[schema(example = "colour")]
    pub name: &'static str,
    /// May have no value for some permits: allowed only inside a `[…]` passage, which is left
    /// out when it has none.
    pub optional: bool,
    #[schema(example = "رنگ خودرو")]
    pub label_fa: &'static str,
}

/// The printed permit's body text: the text in effect, the built-in one and its placeholders.
#[derive(Serialize, ToSchema)]
pub struct OrderTemplateView {
    /// The text in effect (the administrator's, or the built-in one).
    pub body: String,
    pub default_body: &'static str,
    /// Whether an administrator replaced the built-in text.
    pub overridden: bool,
    pub placeholders: Vec<OrderPlaceholderView>,
    pub updated_at: Option<DateTime<Utc>>,
    /// Who replaced the built-in text last (user id); `null` when not replaced.
    #[schema(format = Uuid)]
    pub updated_by: Option<String>,
}

impl OrderTemplateView {
    fn new(stored: Option<PrintTemplateRow>) -> Self {
        OrderTemplateView {
            overridden: stored.is_some(),
            body: stored
                .as_ref()
                .map(|t| t.body.clone())
                .unwrap_or_else(|| order::DEFAULT_BODY.to_owned()),
            default_body: order::DEFAULT_BODY,
            placeholders: order::PLACEHOLDERS
                .iter()
                .map(|p| OrderPlaceholderView {
                    name: p.name,
                    optional: p.optional,
                    label_fa: p.label_fa,
                })
                .collect(),
            updated_at: stored.as_ref().map(|t| utc(t.updated_at)),
            updated_by: stored.map(|t| t.updated_by),
        }
    }
}

/// An administrator's text for the printed permit's body.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateOrderTemplate {
    /// Persian text (at most 4000 characters; a line break starts a new line) with named
    /// placeholders, e.g. `{plate}`, and optional passages in square brackets, e.g.
    /// `[ به رنگ {colour}]`, printed only when each of their placeholders has a value.
    /// Optional placeholders (`optional: true`) must stand inside a passage. `null` restores
    /// the built-in text.
    #[schema(
        example = "با فک پلاک خودروی {make} {model}[ به رنگ {colour}] به شمارهٔ انتظامی {plate} موافقت می‌شود."
    )]
    pub body: Option<String>,
}

// ---- queries -------------------------------------------------------------------------------

/// The administrator's text, if any.
pub fn stored(conn: &mut DbConnection) -> ApiResult<Option<PrintTemplateRow>> {
    Ok(pt::table
        .find(TEMPLATE_NAME)
        .select(PrintTemplateRow::as_select())
        .first(conn)
        .optional()?)
}

/// The body text in effect.
pub fn body_in_effect(conn: &mut DbConnection) -> ApiResult<String> {
    Ok(stored(conn)?
        .map(|t| t.body)
        .unwrap_or_else(|| order::DEFAULT_BODY.to_owned()))
}

/// The order's facts of `request_id`.
pub fn facts(conn: &mut DbConnection, request_id: &str) -> ApiResult<OrderFacts> {
    Ok(requests::table
        .inner_join(organisations::table)
        .filter(requests::id.eq(request_id))
        .select((
            requests::reason,
            requests::reason_details,
            requests::letter_number,
            requests::letter_date,
            requests::representative_full_name,
            requests::representative_national_code,
            requests::representative_mobile,
            organisations::national_id,
        ))
        .first(conn)?)
}

fn save(conn: &mut DbConnection, body: &str, by: &str, at: NaiveDateTime) -> ApiResult<()> {
    let updated = diesel::update(pt::table.find(TEMPLATE_NAME))
        .set((
            pt::body.eq(body),
            pt::updated_by.eq(by),
            pt::updated_at.eq(at),
        ))
        .execute(conn)?;
    if updated == 0 {
        diesel::insert_into(pt::table)
            .values((
                pt::name.eq(TEMPLATE_NAME),
                pt::body.eq(body),
                pt::updated_by.eq(by),
                pt::updated_at.eq(at),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Replaces the text (`Some`) or restores the built-in one (`None`), audited with the text
/// that applies from now on.
fn apply(
    conn: &mut DbConnection,
    actor: &Actor,
    body: Option<String>,
    at: NaiveDateTime,
) -> ApiResult<OrderTemplateView> {
    let (action, text) = match &body {
        Some(body) => {
            save(conn, body, &actor.id, at)?;
            (Action::PermitTemplateUpdated, body.as_str())
        }
        None => {
            diesel::delete(pt::table.find(TEMPLATE_NAME)).execute(conn)?;
            (Action::PermitTemplateRestored, order::DEFAULT_BODY)
        }
    };
    audit::record(
        conn,
        at,
        audit::Entry::by(actor, action, Subject::PermitTemplate, TEMPLATE_NAME)
            .detail(audit::TemplateText { body: text }),
    )?;
    Ok(OrderTemplateView::new(stored(conn)?))
}

// ---- routes --------------------------------------------------------------------------------

/// Get the permit's body template.
///
/// The body text of the printed permit (`GET /permits/{id}/print`) in effect, the built-in
/// text and the placeholders it may use (`optional` ones only inside `[…]`). Roles: `admin`.
#[utoipa::path(
    operation_id = "get_permit_template",
    tag = "permits",
    security(("bearer" = [])),
    responses((status = 200, description = "The template.", body = OrderTemplateView))
)]
#[get("/permit-template")]
pub async fn get_template(state: web::Data<AppState>, user: AuthUser) -> ApiResult<HttpResponse> {
    user.require(&[Role::Admin])?;
    let stored = state.db(stored).await?;
    Ok(HttpResponse::Ok().json(OrderTemplateView::new(stored)))
}

/// Replace the permit's body template.
///
/// Sets the body text of printed permits (Persian; placeholders `{name}`; optional passages
/// `[…]` left out when one of their placeholders has no value); `body: null` restores the
/// built-in text. Applies to every permit printed from now on (a reprint of an older permit
/// too). Audited (`permit_template.updated`, `permit_template.restored`, with the text).
/// 422 `validation_failed` naming `body`: `unknown_placeholder`,
/// `optional_placeholder_outside_brackets`, `invalid_template` (unbalanced or nested brace or
/// bracket), `too_long`, `required`. Roles: `admin`.
#[utoipa::path(
    operation_id = "update_permit_template",
    tag = "permits",
    request_body = UpdateOrderTemplate,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The template in effect.", body = OrderTemplateView),
        (status = 422, description = "Invalid text (`validation_failed`), naming `body`.", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/permit-template")]
pub async fn update_template(
    state: web::Data<AppState>,
    user: AuthUser,
    body: Json<UpdateOrderTemplate>,
) -> ApiResult<HttpResponse> {
    let clock = state.clock;
    user.require(&[Role::Admin])?;
    let body = match body.into_inner()?.body {
        None => None,
        Some(text) => {
            let text = crate::domain::text::normalize_text(&text);
            let issues = order::check("body", &text);
            if !issues.is_empty() {
                return Err(ApiError::validation(issues));
            }
            Some(text)
        }
    };
    let actor = Actor::of(&user);
    let view = state
        .tx(move |c| apply(c, &actor, body, clock.now()))
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// Restore the built-in permit body template.
///
/// The same as `PUT /permit-template` with `body: null`: printed permits use the built-in
/// text again. Audited (`permit_template.restored`). Roles: `admin`.
#[utoipa::path(
    operation_id = "restore_permit_template",
    tag = "permits",
    security(("bearer" = [])),
    responses((status = 200, description = "The built-in template, now in effect.", body = OrderTemplateView))
)]
#[delete("/permit-template")]
pub async fn restore_template(
    state: web::Data<AppState>,
    user: AuthUser,
) -> ApiResult<HttpResponse> {
    let clock = state.clock;
    user.require(&[Role::Admin])?;
    let actor = Actor::of(&user);
    let view = state
        .tx(move |c| apply(c, &actor, None, clock.now()))
        .await?;
    Ok(HttpResponse::Ok().json(view))
}
