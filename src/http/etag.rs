//! Versions as entity tags: every single resource carries `ETag: "<version>"`; state-changing
//! calls accept `If-Match` and answer 412 when it is stale.

use actix_web::dev::Payload;
use actix_web::http::header::{HeaderValue, ETAG, IF_MATCH};
use actix_web::{FromRequest, HttpRequest, HttpResponseBuilder};
use futures_util::future::{ready, Ready};

use crate::error::ApiError;

pub fn etag(version: i64) -> String {
    format!("\"{version}\"")
}

/// Adds the `ETag` header for a version.
pub fn with_etag(builder: &mut HttpResponseBuilder, version: i64) -> &mut HttpResponseBuilder {
    if let Ok(v) = HeaderValue::from_str(&etag(version)) {
        builder.insert_header((ETAG, v));
    }
    builder
}

/// The `If-Match` precondition: `None` when absent or `*`.
#[derive(Clone, Copy, Debug, Default)]
pub struct IfMatch(pub Option<i64>);

impl IfMatch {
    /// 412 unless the precondition holds for `current`.
    pub fn check(&self, current: i64) -> Result<(), ApiError> {
        match self.0 {
            Some(v) if v != current => Err(ApiError::precondition_failed()),
            _ => Ok(()),
        }
    }
}

fn parse(value: &str) -> Result<Option<i64>, ApiError> {
    let v = value.trim();
    if v == "*" {
        return Ok(None);
    }
    // Accept the first tag of a list; weak tags compare by their value.
    let first = v.split(',').next().unwrap_or("").trim();
    let first = first.strip_prefix("W/").unwrap_or(first);
    first
        .trim_matches('"')
        .parse::<i64>()
        .map(Some)
        .map_err(|_| ApiError::precondition_failed())
}

impl FromRequest for IfMatch {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let result = match req.headers().get(IF_MATCH) {
            None => Ok(IfMatch(None)),
            Some(h) => match h.to_str() {
                Ok(s) => parse(s).map(IfMatch),
                Err(_) => Err(ApiError::precondition_failed()),
            },
        };
        ready(result)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_tags() {
        assert_eq!(parse("\"3\"").unwrap(), Some(3));
        assert_eq!(parse("W/\"4\"").unwrap(), Some(4));
        assert_eq!(parse("*").unwrap(), None);
        assert!(parse("\"abc\"").is_err());
        assert!(IfMatch(Some(2)).check(3).is_err());
        assert!(IfMatch(Some(3)).check(3).is_ok());
        assert!(IfMatch(None).check(3).is_ok());
    }
}
