//! `GET /track/{tracking_code}` tells the status of a request or a complaint and nothing else.
//! Rate limited per client address, so codes cannot be enumerated.

use actix_web::{get, web, HttpRequest, HttpResponse};
use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::clock::utc;
use crate::domain::tracking::TrackingCode;
use crate::error::{ApiError, ApiResult, Problem};
use crate::http::client::client_ip;
use crate::state::AppState;

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(track);
}

#[derive(Serialize, ToSchema)]
pub struct TrackView {
    #[schema(example = "482177305512")]
    pub tracking_code: String,
    /// `request` or `complaint`.
    #[schema(example = "request")]
    pub kind: String,
    #[schema(example = "under_review")]
    pub status: String,
    #[schema(example = "در حال بررسی")]
    pub status_label_fa: String,
    pub updated_at: DateTime<Utc>,
}

/// Track a request or complaint by its tracking code. **Public**, rate limited per client
/// address (429 with `Retry-After`). Persian digits, spaces and dashes are accepted; an
/// unknown or mistyped code (the check digit catches any single wrong digit and any swap of
/// neighbours) is 404.
#[utoipa::path(
    tag = "tracking",
    params(("tracking_code" = String, Path, description = "The tracking code, e.g. `4821-7730-5512` or `۴۸۲۱۷۷۳۰۵۵۱۲`")),
    responses(
        (status = 200, description = "The status.", body = TrackView),
        (status = 404, description = "Unknown code (`not_found`).", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many look-ups (`rate_limited`).", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/track/{tracking_code}")]
pub async fn track(
    state: web::Data<AppState>,
    req: HttpRequest,
    code: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let ip = client_ip(&req, state.config.trust_proxy);
    state.public_limiter.check(&format!("track:{ip}"))?;
    let code = TrackingCode::parse(&code).ok_or_else(ApiError::not_found)?;
    let code = code.as_str().to_owned();
    let view = state
        .db(move |conn| {
            // Requests first, in one indexed look-up (most codes are requests'); complaints
            // share the namespace.
            if let Some((status, updated_at)) =
                crate::requests::store::status_by_tracking_code(conn, &code)?
            {
                return Ok(TrackView {
                    tracking_code: code,
                    kind: "request".to_owned(),
                    status: status.as_str().to_owned(),
                    status_label_fa: status.label_fa().to_owned(),
                    updated_at: utc(updated_at),
                });
            }
            let (status, updated_at) = crate::complaints::store::track_status(conn, &code)?;
            Ok(TrackView {
                tracking_code: code,
                kind: "complaint".to_owned(),
                status: status.as_str().to_owned(),
                status_label_fa: status.label_fa().to_owned(),
                updated_at: utc(updated_at),
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(view))
}
