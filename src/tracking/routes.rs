//! `GET /track/{tracking_code}` tells the status of a request or a complaint and nothing else.
//! Rate limited per client address, so codes cannot be enumerated.

use actix_web::{get, web, HttpRequest, HttpResponse};

use crate::domain::tracking::TrackingCode;
use crate::error::{ApiError, ApiResult, ErrorCode, Problem};
use crate::http::client::client_key;
use crate::http::rate_limit::with_quota_headers;
use crate::state::AppState;
use crate::tracking::service;
use crate::tracking::views::TrackView;

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(track);
}

/// Track by tracking code.
///
/// Track a request or complaint by its tracking code. **Public**, rate limited per client
/// address (429 with `Retry-After`). Every answer, 429 included, carries
/// `RateLimit-Policy: "track";q=<look-ups per window>;w=60` and
/// `RateLimit: "track";r=<look-ups left>;t=<seconds until the window resets>` (IETF
/// RateLimit headers; the counter is per replica, a fixed one-minute window). Persian digits, spaces and dashes are accepted. A code
/// that cannot be right (not 12 digits, or a wrong check digit: the check digit catches any
/// single wrong digit and any swap of neighbours) is 422 `invalid_code`, as for permit
/// numbers at `GET /permits/verify/{permit_number}`; a well-formed code that names no request
/// or complaint is 404 `not_found`.
#[utoipa::path(
    operation_id = "track_request",
    tag = "tracking",
    params(("tracking_code" = String, Path, description = "The tracking code, e.g. `4821-7730-5512` or `۴۸۲۱۷۷۳۰۵۵۱۲`")),
    responses(
        (status = 200, description = "The status.", body = TrackView),
        (status = 404, description = "A well-formed code that names no request or complaint (`not_found`).", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not a tracking code: not 12 digits, or the check digit does not match — a typing mistake (`invalid_code`).", body = Problem, content_type = "application/problem+json"),
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
        let code = TrackingCode::parse(&code).ok_or_else(mistyped)?;
        let clock = state.clock;
        let view = state
            .db(move |conn| service::look_up(conn, &clock, &code))
            .await?;
        Ok(HttpResponse::Ok().json(view))
    };
    with_quota_headers(&[quota], answer.await)
}

/// A code that cannot be right: 422 `invalid_code`, said as for a tracking code.
fn mistyped() -> ApiError {
    ApiError::unprocessable(
        ErrorCode::InvalidCode,
        "این کد رهگیری اشتباه تایپی دارد؛ لطفاً آن را دوباره از روی رسید درخواست بخوانید و با دقت وارد کنید. کد رهگیری ۱۲ رقم است.",
        "This tracking code has a typing mistake; please read it again from the request's receipt and type it carefully. A tracking code has 12 digits.",
    )
}
