//! `GET /track/{tracking_code}` tells the status of a request or a complaint and nothing else.
//! Rate limited per client address, so codes cannot be enumerated.

use actix_web::{get, web, HttpRequest, HttpResponse};

use crate::domain::tracking::TrackingCode;
use crate::error::{ApiError, ApiResult, Problem};
use crate::http::client::client_key;
use crate::http::rate_limit::with_quota_headers;
use crate::state::AppState;
use crate::tracking::service::{self, TrackView};

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(track);
}

/// Track by tracking code.
///
/// Track a request or complaint by its tracking code. **Public**, rate limited per client
/// address (429 with `Retry-After`). Every answer, 429 included, carries
/// `RateLimit-Policy: "track";q=<look-ups per window>;w=60` and
/// `RateLimit: "track";r=<look-ups left>;t=<seconds until the window resets>` (IETF
/// RateLimit headers; the counter is per replica, a fixed one-minute window). Persian digits, spaces and dashes are accepted; an
/// unknown or mistyped code (the check digit catches any single wrong digit and any swap of
/// neighbours) is 404.
#[utoipa::path(
    operation_id = "track_request",
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
    let ip = client_key(&req, &state.config);
    let quota = state
        .public_limiter
        .check("track", &format!("track:{ip}"))?;
    let answer = async {
        let code = TrackingCode::parse(&code).ok_or_else(ApiError::not_found)?;
        let clock = state.clock;
        let view = state
            .db(move |conn| service::look_up(conn, &clock, &code))
            .await?;
        Ok(HttpResponse::Ok().json(view))
    };
    with_quota_headers(&[quota], answer.await)
}
