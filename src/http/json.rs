//! The JSON body extractor used by every handler.
//!
//! Unlike `actix_web::web::Json` it answers with the service's problem documents: 415 for a
//! non-JSON content type, 413 past the configured limit (checked against `Content-Length` and
//! while reading), 400 for malformed JSON, and 422 `validation_failed` naming the offending field
//! by its JSON path (unknown fields included, since input types deny them).
//!
//! The outcome is deferred: extraction never fails, and the handler takes the body with
//! `body.into_inner()?` after its role checks, so a caller whose role may never do something
//! gets 403 whatever body it sent.

use actix_web::dev::Payload;
use actix_web::http::header::CONTENT_TYPE;
use actix_web::web::BytesMut;
use actix_web::{FromRequest, HttpRequest};
use futures_util::future::LocalBoxFuture;
use futures_util::StreamExt;
use serde::de::DeserializeOwned;
use sha2::{Digest, Sha256};

use crate::error::{ApiError, ErrorCode, FieldIssue};

/// Largest JSON body accepted, from configuration (app data).
#[derive(Clone, Copy, Debug)]
pub struct JsonLimit(pub usize);

/// A JSON body, parsed, plus the SHA-256 of its canonical form (for idempotency checks); or
/// the problem that reading or parsing it raised.
#[derive(Debug)]
pub struct Json<T> {
    parsed: Result<(T, String), ApiError>,
    /// The body read as if control characters were allowed, kept only when they were its one
    /// problem: for sign-in, where such a credential is a failed attempt (401, throttled and
    /// audited), not a malformed request.
    lenient: Option<T>,
}

impl<T> Json<T> {
    /// The body, or its 400/413/415/422 problem.
    pub fn into_inner(self) -> Result<T, ApiError> {
        self.parsed.map(|(v, _)| v)
    }

    /// The body with the hex SHA-256 of its canonical form (sorted keys, no insignificant
    /// white space: two bodies that mean the same JSON have the same hash).
    pub fn into_parts(self) -> Result<(T, String), ApiError> {
        self.parsed
    }

    /// The body, control characters in its strings allowed (every other problem stands): for
    /// credentials only, which the handler must then refuse itself.
    pub fn into_inner_allowing_controls(self) -> Result<T, ApiError> {
        match self.lenient {
            Some(body) => Ok(body),
            None => self.into_inner(),
        }
    }
}

/// `bytes` deserialised without the control-character check (`None` when it fails anyway).
fn parse_lenient<T: DeserializeOwned>(bytes: &[u8]) -> Option<T> {
    serde_json::from_slice(bytes).ok()
}

/// `None` without a `Content-Type`; otherwise whether it is JSON.
fn is_json_content_type(req: &HttpRequest) -> Option<bool> {
    let value = req.headers().get(CONTENT_TYPE)?;
    let Ok(value) = value.to_str() else {
        return Some(false);
    };
    let essence = value
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    Some(
        essence == "application/json"
            || (essence.starts_with("application/") && essence.ends_with("+json")),
    )
}

/// Parses a body: 400 for broken JSON, 422 for JSON of the wrong shape.
pub fn parse_body<T: DeserializeOwned>(bytes: &[u8]) -> Result<(T, String), ApiError> {
    let value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| ApiError::malformed_json(&e.to_string()))?;
    if let Some(field) = control_character_at(&value, String::new()) {
        return Err(ApiError::invalid_field(control_character_issue(field)));
    }
    let mut canonical = String::with_capacity(bytes.len());
    write_canonical(&value, &mut canonical);
    let hash = hex::encode(Sha256::digest(canonical.as_bytes()));
    let typed = serde_path_to_error::deserialize::<_, T>(value)
        .map_err(|err| ApiError::invalid_field(shape_issue(&err)))?;
    Ok((typed, hash))
}

/// Whether a character may not appear in any JSON string the service accepts: NUL (which
/// PostgreSQL cannot store in text) and the other C0 controls and DEL; tab, line feed and
/// carriage return are allowed (multi-line text).
pub fn is_forbidden_control(c: char) -> bool {
    (c.is_ascii_control() && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{7F}'
}

/// The JSON path (`contact.name`, `items[0].description`) of the first string or key holding a
/// forbidden control character, if any.
fn control_character_at(value: &serde_json::Value, path: String) -> Option<String> {
    let bad = |s: &str| s.chars().any(is_forbidden_control);
    match value {
        serde_json::Value::String(s) if bad(s) => Some(path),
        serde_json::Value::Object(map) => map.iter().find_map(|(k, v)| {
            let child = if path.is_empty() {
                k.clone()
            } else {
                format!("{path}.{k}")
            };
            if bad(k) {
                Some(path.clone())
            } else {
                control_character_at(v, child)
            }
        }),
        serde_json::Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, v)| control_character_at(v, format!("{path}[{i}]"))),
        _ => None,
    }
}

/// 422 issue for a field holding a control character.
fn control_character_issue(field: String) -> FieldIssue {
    FieldIssue::new(
        field,
        "invalid_characters",
        "این فیلد نویسهٔ کنترلی (مانند NUL) دارد که پذیرفته نمی‌شود.",
        "This field holds a control character (such as NUL), which is not accepted.",
    )
}

/// Writes JSON with object keys sorted at every level, whatever map order serde_json keeps.
fn write_canonical(value: &serde_json::Value, out: &mut String) {
    match value {
        serde_json::Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push('{');
            for (i, k) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&serde_json::Value::String(k.clone()).to_string());
                out.push(':');
                if let Some(v) = map.get(k) {
                    write_canonical(v, out);
                }
            }
            out.push('}');
        }
        serde_json::Value::Array(items) => {
            out.push('[');
            for (i, v) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(v, out);
            }
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

fn shape_issue(err: &serde_path_to_error::Error<serde_json::Error>) -> FieldIssue {
    let message = err.inner().to_string();
    let mut path = err.path().to_string();
    if path == "." {
        path.clear();
    }
    let quoted = message
        .split('`')
        .nth(1)
        .map(str::to_owned)
        .unwrap_or_default();
    let join = |path: &str, name: &str| {
        if name.is_empty() || path.ends_with(name) {
            path.to_owned()
        } else if path.is_empty() {
            name.to_owned()
        } else {
            format!("{path}.{name}")
        }
    };
    if message.starts_with("unknown field") {
        FieldIssue::new(
            join(&path, &quoted),
            "unknown_field",
            "این فیلد شناخته‌شده نیست و پذیرفته نمی‌شود.",
            "Unknown field; it is not accepted.",
        )
    } else if message.starts_with("missing field") {
        FieldIssue::required(join(&path, &quoted))
    } else if message.starts_with("unknown variant") {
        FieldIssue::new(
            path,
            "invalid_value",
            "مقدار این فیلد مجاز نیست.",
            format!("Value not allowed: {message}"),
        )
    } else {
        FieldIssue::new(
            path,
            "invalid_type",
            "نوع یا قالب مقدار این فیلد نادرست است.",
            format!("Wrong type or format: {message}"),
        )
    }
}

impl<T: DeserializeOwned + 'static> FromRequest for Json<T> {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let limit = req
            .app_data::<JsonLimit>()
            .map(|l| l.0)
            .unwrap_or(64 * 1024);
        extract(req, payload, limit)
    }
}

/// The least a [`LargeJson`] body may be: 200 vehicles of a batch with room to spare.
pub const LARGE_JSON_LIMIT: usize = 512 * 1024;

/// A [`Json`] body that may be up to [`LARGE_JSON_LIMIT`] or the configured `JSON_MAX_SIZE`,
/// whichever is larger: a batch of vehicles, a bulk call on many requests.
#[derive(Debug)]
pub struct LargeJson<T>(pub Json<T>);

impl<T: DeserializeOwned + 'static> FromRequest for LargeJson<T> {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let limit = req
            .app_data::<JsonLimit>()
            .map(|l| l.0)
            .unwrap_or(64 * 1024)
            .max(LARGE_JSON_LIMIT);
        let body = extract(req, payload, limit);
        Box::pin(async move { body.await.map(LargeJson) })
    }
}

fn extract<T: DeserializeOwned + 'static>(
    req: &HttpRequest,
    payload: &mut Payload,
    limit: usize,
) -> LocalBoxFuture<'static, Result<Json<T>, ApiError>> {
    let content_type_ok = is_json_content_type(req);
    let declared_length = req
        .headers()
        .get(actix_web::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    let mut payload = payload.take();
    Box::pin(async move {
        let (parsed, lenient) =
            read_body::<T>(content_type_ok, declared_length, limit, &mut payload).await;
        Ok(Json { parsed, lenient })
    })
}

async fn read_body<T: DeserializeOwned>(
    content_type: Option<bool>,
    declared_length: Option<usize>,
    limit: usize,
    payload: &mut Payload,
) -> (Result<(T, String), ApiError>, Option<T>) {
    let mut raw = Vec::new();
    let parsed = read_raw::<T>(content_type, declared_length, limit, payload, &mut raw).await;
    let lenient = match &parsed {
        Err(e) if e.has_issue_code("invalid_characters") => parse_lenient::<T>(&raw),
        _ => None,
    };
    (parsed, lenient)
}

async fn read_raw<T: DeserializeOwned>(
    content_type: Option<bool>,
    declared_length: Option<usize>,
    limit: usize,
    payload: &mut Payload,
    raw: &mut Vec<u8>,
) -> Result<(T, String), ApiError> {
    if content_type == Some(false) {
        return Err(ApiError::unsupported_media_type(
            "بدنهٔ درخواست باید از نوع application/json باشد.",
            "The request body must be application/json.",
        ));
    }
    if declared_length.is_some_and(|n| n > limit) {
        return Err(ApiError::payload_too_large(limit as u64));
    }
    let mut buf = BytesMut::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|_| {
            ApiError::bad_request(
                ErrorCode::BadRequest,
                "خواندن بدنهٔ درخواست ممکن نشد.",
                "The request body could not be read.",
            )
        })?;
        if buf.len() + chunk.len() > limit {
            return Err(ApiError::payload_too_large(limit as u64));
        }
        buf.extend_from_slice(&chunk);
    }
    if content_type.is_none() {
        if !buf.is_empty() {
            return Err(ApiError::unsupported_media_type(
                "بدنهٔ درخواست باید از نوع application/json باشد.",
                "The request body must be application/json.",
            ));
        }
        // No body at all: the same as `{}` (required fields are then reported as missing).
        return parse_body::<T>(b"{}");
    }
    raw.extend_from_slice(&buf);
    parse_body::<T>(&buf)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Inner {
        plate: String,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Outer {
        vehicle: Inner,
        year: i32,
    }

    fn issue(body: &str) -> (u16, String, String) {
        let err = parse_body::<Outer>(body.as_bytes()).unwrap_err();
        let first = err.field_errors().first().cloned();
        (
            err.status().as_u16(),
            first.as_ref().map(|f| f.field.clone()).unwrap_or_default(),
            first.map(|f| f.code.to_owned()).unwrap_or_default(),
        )
    }

    #[test]
    fn errors_name_the_field_by_json_path() {
        assert_eq!(issue("{"), (400, String::new(), String::new()));
        assert_eq!(
            issue(r#"{"vehicle":{"plate":"x"},"year":1,"status":"completed"}"#),
            (422, "status".into(), "unknown_field".into())
        );
        assert_eq!(
            issue(r#"{"vehicle":{"plate":"x","colour":1},"year":1}"#),
            (422, "vehicle.colour".into(), "unknown_field".into())
        );
        assert_eq!(
            issue(r#"{"vehicle":{},"year":1}"#),
            (422, "vehicle.plate".into(), "required".into())
        );
        assert_eq!(
            issue(r#"{"vehicle":{"plate":"x"},"year":"x"}"#),
            (422, "year".into(), "invalid_type".into())
        );
    }

    #[test]
    fn control_characters_are_422_naming_the_field() {
        assert_eq!(
            issue(r#"{"vehicle":{"plate":"a\u0000b"},"year":1}"#),
            (422, "vehicle.plate".into(), "invalid_characters".into())
        );
        assert_eq!(
            issue(r#"{"vehicle":{"plate":"x"},"year":1,"a":["ok","\u001b"]}"#),
            (422, "a[1]".into(), "invalid_characters".into())
        );
        assert_eq!(
            issue(r#"{"vehicle":{"plate":"x","k\u0000":1},"year":1}"#),
            (422, "vehicle".into(), "invalid_characters".into())
        );
        assert!(parse_body::<serde_json::Value>(b"{\"a\":\"x\\ty\\nz\\r\"}").is_ok());
    }

    #[test]
    fn canonical_hash_ignores_key_order_and_spacing() {
        let (_, a) = parse_body::<serde_json::Value>(br#"{"a":1,"b":[1,2]}"#).unwrap();
        let (_, b) = parse_body::<serde_json::Value>(b"{ \"b\": [1, 2], \"a\": 1 }").unwrap();
        let (_, c) = parse_body::<serde_json::Value>(br#"{"a":2,"b":[1,2]}"#).unwrap();
        assert_eq!(a, b);
        assert_ne!(a, c);
    }
}
