//! Liveness and readiness probes (public, at the root).

use actix_web::{get, web, HttpResponse};
use serde::Serialize;
use utoipa::ToSchema;

use crate::db;
use crate::error::{ApiError, ApiResult, DB_RETRY_AFTER_SECS};
use crate::state::AppState;
use crate::transient::{self, Transient};

fn status_schema() -> utoipa::openapi::schema::Object {
    crate::http::openapi::string_enum("`ok` when live, `ready` when ready.", &["ok", "ready"])
}

fn database_schema() -> utoipa::openapi::schema::Object {
    crate::http::openapi::string_enum(
        "The database backend in use (readiness only).",
        &["sqlite", "postgresql"],
    )
}

#[derive(Serialize, ToSchema)]
pub struct Health {
    /// `ok` when live, `ready` when ready.
    #[schema(schema_with = status_schema)]
    pub status: &'static str,
    /// The database backend in use: `sqlite` or `postgresql` (readiness only).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(schema_with = database_schema)]
    pub database: Option<&'static str>,
}

/// Liveness probe.
///
/// Liveness: the process is up and serving HTTP.
#[utoipa::path(
    operation_id = "get_health_live",
    tag = "operations",
    responses((status = 200, description = "The process is alive.", body = Health))
)]
#[get("/health/live")]
pub async fn live() -> HttpResponse {
    HttpResponse::Ok().json(Health {
        status: "ok",
        database: None,
    })
}

/// Readiness probe.
///
/// Readiness: the database answers, accepts writes and every migration is applied. 503
/// (problem+json, with `Retry-After`) otherwise: while the database is unreachable (e.g. no
/// primary during a failover) or read-only; it recovers by itself when a primary is back.
#[utoipa::path(
    operation_id = "get_health_ready",
    tag = "operations",
    responses(
        (status = 200, description = "Ready to serve.", body = Health),
        (status = 503, description = "Database unreachable or read-only, or migrations pending.",
         body = crate::error::Problem, content_type = "application/problem+json"),
    )
)]
#[get("/health/ready")]
pub async fn ready(state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    let pool = state.pool.clone();
    let backend = state.backend;
    let checked = web::block(move || -> Result<Readiness, String> {
        let mut conn = pool
            .get_timeout(std::time::Duration::from_secs(2))
            .map_err(|e| e.to_string())?;
        if db::is_read_only(&mut conn).map_err(|e| e.to_string())? {
            return Ok(Readiness::ReadOnly);
        }
        match db::migrations::has_pending(&mut conn).map_err(|e| e.to_string())? {
            true => Ok(Readiness::MigrationsPending),
            false => Ok(Readiness::Ready),
        }
    })
    .await?;
    match checked {
        Ok(Readiness::Ready) => Ok(HttpResponse::Ok().json(Health {
            status: "ready",
            database: Some(backend.name()),
        })),
        Ok(Readiness::MigrationsPending) => {
            tracing::warn!("not ready: migrations pending");
            Err(ApiError::service_unavailable())
        }
        Ok(Readiness::ReadOnly) => {
            tracing::warn!("not ready: the database is read-only (a standby?)");
            Err(ApiError::database_unavailable(
                Transient::ReadOnly,
                DB_RETRY_AFTER_SECS,
            ))
        }
        Err(e) => {
            tracing::warn!(error = %e, "not ready: database unreachable");
            let why = transient::classify_message(&e).unwrap_or(Transient::ConnectionLost);
            Err(ApiError::database_unavailable(why, DB_RETRY_AFTER_SECS))
        }
    }
}

enum Readiness {
    Ready,
    MigrationsPending,
    ReadOnly,
}
