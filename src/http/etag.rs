//! Versions as entity tags: every single resource carries `ETag: "<version>"`; calls that change
//! a versioned resource (state transitions, PATCHes, permit issue/revoke, receipts, …) require
//! `If-Match`: 428 `precondition_required` without it (RFC 6585), 412 when it is stale.

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

/// The `If-Match` precondition. Taking this extractor makes the header mandatory: the call
/// answers 428 `precondition_required` without it. The answer comes from [`IfMatch::check`],
/// after the caller's authentication, role and visibility checks (401, 403 and 404 first), so a
/// caller who may not act learns nothing from a 428.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum IfMatch {
    /// `*`, or a precondition already checked on another resource: any version.
    #[default]
    Any,
    /// `"<version>"`: 412 unless it is the current version.
    Tag(i64),
    /// No `If-Match` header: 428.
    Missing,
}

impl IfMatch {
    /// 428 without the header, 412 unless the precondition holds for `current`.
    pub fn check(&self, current: i64) -> Result<(), ApiError> {
        match self {
            IfMatch::Missing => Err(ApiError::precondition_required()),
            IfMatch::Tag(v) if *v != current => Err(ApiError::precondition_failed()),
            _ => Ok(()),
        }
    }

    /// The precondition a value names as the header would (a bulk item's `if_match`); `None`
    /// is [`IfMatch::Missing`]. 412 for a value that is no entity tag.
    pub fn from_value(value: Option<&str>) -> Result<IfMatch, ApiError> {
        match value {
            None => Ok(IfMatch::Missing),
            Some(v) => parse(v),
        }
    }

    /// Whether the caller named a version (not `*`).
    pub fn is_tag(&self) -> bool {
        matches!(self, IfMatch::Tag(_))
    }
}

fn parse(value: &str) -> Result<IfMatch, ApiError> {
    let v = value.trim();
    if v == "*" {
        return Ok(IfMatch::Any);
    }
    // Accept the first tag of a list; weak tags compare by their value.
    let first = v.split(',').next().unwrap_or("").trim();
    let first = first.strip_prefix("W/").unwrap_or(first);
    first
        .trim_matches('"')
        .parse::<i64>()
        .map(IfMatch::Tag)
        .map_err(|_| ApiError::precondition_failed())
}

impl FromRequest for IfMatch {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let result = match req.headers().get(IF_MATCH) {
            None => Ok(IfMatch::Missing),
            Some(h) => match h.to_str() {
                Ok(s) => parse(s),
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
        assert_eq!(parse("\"3\"").unwrap(), IfMatch::Tag(3));
        assert_eq!(parse("W/\"4\"").unwrap(), IfMatch::Tag(4));
        assert_eq!(parse("*").unwrap(), IfMatch::Any);
        assert!(parse("\"abc\"").is_err());
        assert!(IfMatch::Tag(2).check(3).is_err());
        assert!(IfMatch::Tag(3).check(3).is_ok());
        assert!(IfMatch::Any.check(3).is_ok());
        let missing = IfMatch::Missing.check(3).unwrap_err();
        assert_eq!(missing.status().as_u16(), 428);
    }
}
