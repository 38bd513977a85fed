//! `GET /plates/check`: how the service reads a plate, before anything is filed. The console's
//! plate input shows it live as the clerk types (issue 37); any client may use it the same
//! way. The reading is the filing's own (`Plate::parse` with the configured government
//! letters), so what it accepts is exactly what `POST /requests` accepts.

use actix_web::{get, web, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::auth::AuthUser;
use crate::domain::plate::{Plate, PlateParts};
use crate::domain::text::persian_digits;
use crate::error::{ApiError, ApiResult, FieldIssue, Problem};
use crate::state::AppState;

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(check);
}

#[derive(Deserialize, IntoParams)]
pub struct PlateQuery {
    /// The plate as typed, e.g. `۱۲ الف ۳۴۵ ایران ۶۷` or `12الف345-67`.
    pub plate: String,
}

/// How the service read a plate.
#[derive(Serialize, ToSchema)]
pub struct PlateReading {
    /// The canonical plate, as a filing stores it.
    #[schema(example = "12الف345-67")]
    pub plate: String,
    pub plate_parts: PlateParts,
    /// The plate as printed on the permit, in Persian digits.
    #[schema(example = "۱۲ الف ۳۴۵ ایران ۶۷")]
    pub plate_fa: String,
}

/// Check a plate.
///
/// Reads a plate as a filing would: leniently (Persian or ASCII digits, spaces, dashes, the
/// word `ایران`), with only the configured government letters accepted. A plate that reads is
/// 200 with its canonical form and parts; one that does not is 422 `validation_failed` with
/// one `errors[]` entry `{field: "plate", code: "required" | "invalid_plate"}` whose Persian
/// `detail` is the message a filing would get at `vehicle.plate`. Nothing is stored. Roles:
/// every signed-in caller.
#[utoipa::path(
    operation_id = "check_plate",
    tag = "requests",
    params(PlateQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The plate as the service reads it.", body = PlateReading),
        (status = 401, description = "Not signed in (`unauthorized`).", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not a plate a filing accepts (`validation_failed`; the entry's `code` is `required` or `invalid_plate`).", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/plates/check")]
pub async fn check(
    state: web::Data<AppState>,
    _user: AuthUser,
    query: web::Query<PlateQuery>,
) -> ApiResult<HttpResponse> {
    let reading = read(&query.plate, &state.config.plate_letters)?;
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "private, max-age=300"))
        .json(reading))
}

/// The reading, or the field issue a filing would get.
pub fn read(input: &str, letters: &[String]) -> ApiResult<PlateReading> {
    if input.trim().is_empty() {
        return Err(ApiError::validation(vec![FieldIssue::required("plate")]));
    }
    match Plate::parse(input, letters) {
        Ok(p) => {
            let parts = p.parts();
            Ok(PlateReading {
                plate: p.canonical(),
                plate_fa: persian_digits(&format!(
                    "{} {} {} ایران {}",
                    parts.first, parts.letter, parts.second, parts.region
                )),
                plate_parts: parts,
            })
        }
        Err(e) => {
            let (fa, en) = e.message();
            Err(ApiError::validation(vec![FieldIssue::new(
                "plate",
                "invalid_plate",
                fa,
                en,
            )]))
        }
    }
}
