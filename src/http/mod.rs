//! HTTP mechanisms every resource uses: JSON bodies, ETags, idempotency, pagination, rate
//! limits, problem rendering middleware, metrics and the health endpoints. Nothing here knows a
//! resource: the route table is assembled in [`crate::router`].

pub mod client;
pub mod etag;
pub mod health;
pub mod idempotency;
pub mod json;
pub mod metrics;
pub mod middleware;
pub mod openapi;
pub mod pagination;
pub mod rate_limit;

/// An optional date query parameter, ISO `2024-11-05` or Jalali `1403/08/15`; 400
/// `invalid_query` naming the parameter otherwise.
pub fn query_date(
    field: &str,
    value: Option<&str>,
) -> crate::error::ApiResult<Option<chrono::NaiveDate>> {
    value
        .map(|v| {
            crate::domain::jalali::parse_date(v).map_err(|_| {
                crate::error::ApiError::invalid_query(&format!(
                    "{field} must be a date (2024-11-05 or 1403/08/15)"
                ))
            })
        })
        .transpose()
}
