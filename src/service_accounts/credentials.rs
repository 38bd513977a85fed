//! Reading a token request (RFC 6749 §4.4.2): the grant type and the client's credentials,
//! from HTTP Basic (§2.3.1) or from the body's `client_id` and `client_secret`, the body being
//! a form (the RFC's `application/x-www-form-urlencoded`) or JSON. Pure: no I/O.
//!
//! Errors are RFC 6749 §5.2 errors: `invalid_request` (a parameter missing, repeated or
//! malformed, or two authentication methods at once), `unsupported_grant_type`, and
//! `invalid_client` (no client authentication, or an unsupported method).

use std::collections::BTreeMap;

use base64::Engine;

use crate::error::{ApiError, ApiResult};

/// Longest client id and secret looked at (longer ones cannot be ours: `invalid_client`).
const MAX_CLIENT_ID: usize = 100;
const MAX_CLIENT_SECRET: usize = 200;

/// The grant type this service offers.
pub const CLIENT_CREDENTIALS: &str = "client_credentials";

/// The credentials a client presented.
#[derive(Debug, PartialEq, Eq)]
pub struct ClientCredentials {
    pub client_id: String,
    pub client_secret: String,
}

/// What a request's headers say about its body and authentication.
pub struct Envelope<'a> {
    pub content_type: Option<&'a str>,
    pub authorization: Option<&'a str>,
}

fn invalid_request(fa: &str, en: &str) -> ApiError {
    ApiError::invalid_request(fa, en)
}

fn repeated(name: &str) -> ApiError {
    invalid_request(
        &format!("پارامتر {name} بیش از یک بار آمده است."),
        &format!("The {name} parameter must not be repeated."),
    )
}

/// The body's parameters by name (string values only).
fn parameters(content_type: Option<&str>, body: &[u8]) -> ApiResult<BTreeMap<String, String>> {
    let essence = content_type
        .map(|v| {
            v.split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        })
        .unwrap_or_default();
    let mut params = BTreeMap::new();
    match essence.as_str() {
        "application/x-www-form-urlencoded" => {
            for (k, v) in url::form_urlencoded::parse(body) {
                if params.insert(k.to_string(), v.into_owned()).is_some() {
                    return Err(repeated(&k));
                }
            }
        }
        "application/json" => {
            let value: serde_json::Value = serde_json::from_slice(body).map_err(|_| {
                invalid_request(
                    "بدنهٔ درخواست JSON معتبر نیست.",
                    "The request body is not valid JSON.",
                )
            })?;
            let serde_json::Value::Object(map) = value else {
                return Err(invalid_request(
                    "بدنهٔ درخواست باید یک شیء JSON باشد.",
                    "The request body must be a JSON object.",
                ));
            };
            for (k, v) in map {
                match v {
                    serde_json::Value::String(s) => {
                        params.insert(k, s);
                    }
                    serde_json::Value::Null => {}
                    _ => {
                        return Err(invalid_request(
                            &format!("مقدار پارامتر {k} باید متن باشد."),
                            &format!("The {k} parameter must be a string."),
                        ))
                    }
                }
            }
        }
        "" if body.is_empty() => {}
        _ => {
            return Err(ApiError::unsupported_media_type(
                "بدنهٔ درخواست توکن باید از نوع application/x-www-form-urlencoded یا application/json باشد.",
                "A token request body must be application/x-www-form-urlencoded or application/json.",
            ))
        }
    }
    Ok(params)
}

/// Decodes one part of HTTP Basic credentials: RFC 6749 §2.3.1 form-encodes the client id and
/// secret before they are joined (a client that did not needs no decoding: ours contain no `%`
/// or `+`).
fn form_decoded(part: &str) -> String {
    url::form_urlencoded::parse(format!("v={part}").as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default()
}

/// The client's id and secret from an `Authorization: Basic` header; `Ok(None)` without one.
fn basic(authorization: Option<&str>) -> ApiResult<Option<ClientCredentials>> {
    let Some(value) = authorization else {
        return Ok(None);
    };
    let (scheme, token) = value.trim().split_once(' ').unwrap_or((value.trim(), ""));
    if !scheme.eq_ignore_ascii_case("basic") {
        // Another method (a bearer token, say) is not client authentication here.
        return Err(ApiError::invalid_client());
    }
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(token.trim())
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .ok_or_else(ApiError::invalid_client)?;
    let (id, secret) = decoded
        .split_once(':')
        .ok_or_else(ApiError::invalid_client)?;
    Ok(Some(ClientCredentials {
        client_id: form_decoded(id),
        client_secret: form_decoded(secret),
    }))
}

/// Reads a token request: its grant type must be `client_credentials` and the client must
/// authenticate by exactly one method.
pub fn read(envelope: Envelope<'_>, body: &[u8]) -> ApiResult<ClientCredentials> {
    let mut params = parameters(envelope.content_type, body)?;
    match params.get("grant_type").map(|g| g.trim()) {
        None | Some("") => {
            return Err(invalid_request(
                "پارامتر grant_type الزامی است.",
                "The grant_type parameter is required.",
            ))
        }
        Some(CLIENT_CREDENTIALS) => {}
        Some(_) => return Err(ApiError::unsupported_grant_type()),
    }
    let body_id = params.remove("client_id").filter(|s| !s.is_empty());
    let body_secret = params.remove("client_secret").filter(|s| !s.is_empty());
    let credentials = match basic(envelope.authorization)? {
        Some(from_header) => {
            if body_secret.is_some() {
                return Err(invalid_request(
                    "رمز سامانه را تنها با یک روش بفرستید: یا سرآیند Authorization یا پارامتر client_secret.",
                    "Use one client authentication method only: HTTP Basic or client_secret in the body, not both.",
                ));
            }
            if body_id
                .as_ref()
                .is_some_and(|id| *id != from_header.client_id)
            {
                return Err(invalid_request(
                    "شناسهٔ سامانه در بدنه با سرآیند Authorization یکی نیست.",
                    "client_id in the body differs from the one in the Authorization header.",
                ));
            }
            from_header
        }
        None => match (body_id, body_secret) {
            (Some(client_id), Some(client_secret)) => ClientCredentials {
                client_id,
                client_secret,
            },
            _ => return Err(ApiError::invalid_client()),
        },
    };
    if credentials.client_id.is_empty()
        || credentials.client_secret.is_empty()
        || credentials.client_id.chars().count() > MAX_CLIENT_ID
        || credentials.client_secret.chars().count() > MAX_CLIENT_SECRET
    {
        return Err(ApiError::invalid_client());
    }
    Ok(credentials)
}

#[cfg(test)]
mod tests {
    use super::*;

    const FORM: Option<&str> = Some("application/x-www-form-urlencoded");
    const JSON: Option<&str> = Some("application/json; charset=utf-8");

    fn basic_header(id: &str, secret: &str) -> String {
        let raw = format!("{id}:{secret}");
        format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(raw)
        )
    }

    fn read_with(ct: Option<&str>, auth: Option<&str>, body: &str) -> ApiResult<ClientCredentials> {
        read(
            Envelope {
                content_type: ct,
                authorization: auth,
            },
            body.as_bytes(),
        )
    }

    fn code(r: ApiResult<ClientCredentials>) -> &'static str {
        r.err().map(|e| e.code().as_str()).unwrap_or("ok")
    }

    fn creds(id: &str, secret: &str) -> ClientCredentials {
        ClientCredentials {
            client_id: id.into(),
            client_secret: secret.into(),
        }
    }

    #[test]
    fn every_allowed_way_of_authenticating() {
        let header = basic_header("svc_1", "pps_a-b_c");
        assert_eq!(
            read_with(FORM, Some(&header), "grant_type=client_credentials").unwrap(),
            creds("svc_1", "pps_a-b_c")
        );
        assert_eq!(
            read_with(
                FORM,
                None,
                "grant_type=client_credentials&client_id=svc_1&client_secret=pps_x&scope=a+b"
            )
            .unwrap(),
            creds("svc_1", "pps_x")
        );
        let json =
            r#"{"grant_type":"client_credentials","client_id":"svc_1","client_secret":"pps_x"}"#;
        assert_eq!(
            read_with(JSON, None, json).unwrap(),
            creds("svc_1", "pps_x")
        );
        // Basic with the same client_id repeated in the body is fine.
        assert_eq!(
            read_with(
                FORM,
                Some(&header),
                "grant_type=client_credentials&client_id=svc_1"
            )
            .unwrap(),
            creds("svc_1", "pps_a-b_c")
        );
        // Form-encoded parts of Basic credentials are decoded (RFC 6749 §2.3.1).
        let encoded = basic_header("svc%3A1", "a%2Bb");
        assert_eq!(
            read_with(FORM, Some(&encoded), "grant_type=client_credentials").unwrap(),
            creds("svc:1", "a+b")
        );
    }

    #[test]
    fn rfc_6749_errors() {
        let header = basic_header("svc_1", "pps_x");
        for (ct, auth, body, want) in [
            (FORM, Some(header.as_str()), "", "invalid_request"),
            (
                FORM,
                Some(header.as_str()),
                "grant_type=password",
                "unsupported_grant_type",
            ),
            (
                FORM,
                Some(header.as_str()),
                "grant_type=client_credentials&grant_type=client_credentials",
                "invalid_request",
            ),
            (
                FORM,
                Some(header.as_str()),
                "grant_type=client_credentials&client_secret=pps_x",
                "invalid_request",
            ),
            (
                FORM,
                Some(header.as_str()),
                "grant_type=client_credentials&client_id=svc_2",
                "invalid_request",
            ),
            (
                FORM,
                None,
                "grant_type=client_credentials",
                "invalid_client",
            ),
            (
                FORM,
                None,
                "grant_type=client_credentials&client_id=svc_1",
                "invalid_client",
            ),
            (
                FORM,
                Some("Bearer abc"),
                "grant_type=client_credentials",
                "invalid_client",
            ),
            (
                FORM,
                Some("Basic !!!"),
                "grant_type=client_credentials",
                "invalid_client",
            ),
            (JSON, None, "{", "invalid_request"),
            (JSON, None, r#"{"grant_type":1}"#, "invalid_request"),
            (JSON, None, "[]", "invalid_request"),
            (
                Some("text/plain"),
                None,
                "grant_type=client_credentials",
                "unsupported_media_type",
            ),
            (None, None, "", "invalid_request"),
        ] {
            assert_eq!(code(read_with(ct, auth, body)), want, "{body} {auth:?}");
        }
        let long = format!(
            "grant_type=client_credentials&client_id=svc_1&client_secret={}",
            "x".repeat(201)
        );
        assert_eq!(code(read_with(FORM, None, &long)), "invalid_client");
    }
}
