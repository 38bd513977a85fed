//! HTTP mechanisms every resource uses: JSON bodies, ETags, idempotency, pagination, rate
//! limits, problem rendering middleware, metrics and the health endpoints. Nothing here knows a
//! resource: the route table is assembled in [`crate::router`].

pub mod client;
pub mod csv;
pub mod etag;
pub mod examples;
pub mod gate;
pub mod health;
pub mod idempotency;
pub mod json;
pub mod metrics;
pub mod middleware;
pub mod openapi;
pub mod pagination;
pub mod query_params;
pub mod rate_limit;
pub mod slow_clients;
pub mod table;

use crate::error::ApiError;

/// What the service calls itself on outgoing requests (webhook deliveries, the SMS gateway):
/// `plate-permits/<version>`, so receivers can tell its calls in their logs.
pub const USER_AGENT: &str = concat!("plate-permits/", env!("CARGO_PKG_VERSION"));
use crate::i18n::Msg;

/// An optional date query parameter, ISO `2024-11-05` or Jalali `1403/08/15`; 400
/// `invalid_query` naming the parameter and saying why otherwise (e.g. «پارامتر «from» تاریخ
/// معتبری نیست: ۱۴۰۴/۱۲/۳۰ وجود ندارد، زیرا ۱۴۰۴ سال کبیسه نیست.»).
pub fn query_date(
    field: &str,
    value: Option<&str>,
) -> crate::error::ApiResult<Option<chrono::NaiveDate>> {
    value
        .map(|v| {
            crate::domain::jalali::parse_date(v).map_err(|e| {
                let why = e.explain(v);
                ApiError::query_param(
                    field,
                    "invalid_date",
                    Msg::new(
                        format!("تاریخ معتبری نیست: {}", why.fa),
                        format!("is not a valid date: {}", why.en),
                    ),
                )
            })
        })
        .transpose()
}

/// Query parameters that are whole numbers, and those that are instants (RFC 3339), in the
/// typed query structs: a deserialisation error that names no parameter is put on the first
/// of these whose value does not parse.
const NUMBER_PARAMS: &[&str] = &["limit", "year"];
const INSTANT_PARAMS: &[&str] = &["updated_since", "created_from", "created_to"];

/// An unknown variant (`message` from serde) of the parameter whose value is `quoted`.
fn unknown_variant(message: &str, quoted: &str, pairs: &[(String, String)]) -> Option<ApiError> {
    if !message.starts_with("unknown variant") {
        return None;
    }
    let (name, value) = pairs.iter().find(|(_, v)| v == quoted)?;
    let allowed = message
        .split("expected ")
        .nth(1)
        .unwrap_or("")
        .replace('`', "");
    Some(ApiError::query_param(
        name,
        "invalid_value",
        Msg::new(
            format!("مقدار مجازی ندارد: «{value}» از مقدارهای پذیرفته‌شدهٔ این پارامتر نیست."),
            format!("has a value that is not allowed: '{value}'; expected {allowed}."),
        ),
    ))
}

/// The first number or instant parameter whose value does not parse.
fn unparsed_value(pairs: &[(String, String)]) -> Option<ApiError> {
    let not_number = |(k, v): &&(String, String)| {
        NUMBER_PARAMS.contains(&k.as_str()) && v.trim().parse::<i64>().is_err()
    };
    if let Some((name, value)) = pairs.iter().find(not_number) {
        return Some(ApiError::query_param(
            name,
            "invalid_number",
            Msg::new(
                format!("باید یک عدد صحیح باشد، نه «{value}»."),
                format!("must be a whole number, not '{value}'."),
            ),
        ));
    }
    let not_instant = |(k, v): &&(String, String)| {
        INSTANT_PARAMS.contains(&k.as_str())
            && chrono::DateTime::parse_from_rfc3339(v.trim()).is_err()
    };
    let (name, value) = pairs.iter().find(not_instant)?;
    Some(ApiError::query_param(
        name,
        "invalid_datetime",
        Msg::new(
            format!("زمان معتبری نیست: «{value}»؛ زمان را مانند 2024-11-05T10:30:00Z بنویسید."),
            format!("is not a valid instant: '{value}'; write it like 2024-11-05T10:30:00Z."),
        ),
    ))
}

/// The 400 `invalid_query` for a query string the typed extractor could not read: names the
/// parameter (found from the error and the query's pairs) and the reason in both languages.
pub fn query_error(err: &actix_web::error::QueryPayloadError, query: &str) -> ApiError {
    let message = match err {
        actix_web::error::QueryPayloadError::Deserialize(e) => e.to_string(),
        other => other.to_string(),
    };
    let pairs: Vec<(String, String)> =
        actix_web::web::Query::<Vec<(String, String)>>::from_query(query)
            .map(actix_web::web::Query::into_inner)
            .unwrap_or_default();
    let quoted = message.split('`').nth(1).unwrap_or("").to_owned();
    if let Some(e) = unknown_variant(&message, &quoted, &pairs) {
        return e;
    }
    if message.starts_with("unknown field") {
        return ApiError::query_param(
            &quoted,
            "unknown_parameter",
            Msg::new(
                "شناخته‌شده نیست و پذیرفته نمی‌شود.",
                "is not known and is not accepted.",
            ),
        );
    }
    unparsed_value(&pairs).unwrap_or_else(|| ApiError::invalid_query(&message))
}
