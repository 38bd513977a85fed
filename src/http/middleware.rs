//! Cross-cutting HTTP layers: request ids and logging, problem documents for every error, and
//! the fallback that turns unknown routes into 404 and wrong methods into 405.

use std::time::Instant;

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ResourceDef, ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::Next;
use actix_web::{web, HttpMessage, HttpRequest, HttpResponse};
use tracing::Instrument;

use crate::error::{ApiError, ErrorCode, PROBLEM_CONTENT_TYPE};
use crate::i18n::Lang;

pub const REQUEST_ID_HEADER: &str = "x-request-id";

/// The id of the current request, also sent back as `X-Request-Id`.
#[derive(Clone, Debug)]
pub struct RequestId(pub String);

/// Accepts a caller's request id only when it is short and plain; otherwise makes a new one.
fn request_id_from(req: &ServiceRequest) -> String {
    req.headers()
        .get(REQUEST_ID_HEADER)
        .and_then(|v| v.to_str().ok())
        .filter(|v| {
            !v.is_empty()
                && v.len() <= 64
                && v.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.')
        })
        .map(str::to_owned)
        .unwrap_or_else(|| uuid::Uuid::now_v7().to_string())
}

/// Outermost layer: request id, a tracing span per request, the tally of the SQL statements it
/// runs ([`crate::db::statements`]), one log line per response (route pattern, never the query
/// string or body, which may hold personal data), its metrics, and the `X-Request-Id`,
/// `X-Content-Type-Options` and `Cache-Control` headers.
pub async fn request_context(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let started = Instant::now();
    let request_id = request_id_from(&req);
    req.extensions_mut().insert(RequestId(request_id.clone()));
    let route = req
        .match_pattern()
        .unwrap_or_else(|| "unmatched".to_owned());
    let method = req.method().clone();
    let metrics = req
        .app_data::<web::Data<crate::state::AppState>>()
        .map(|s| s.metrics.clone());
    let span = tracing::info_span!(
        "http",
        request_id = %request_id,
        method = %method,
        route = %route,
    );
    let (res, statements) =
        crate::db::statements::tallied(next.call(req).instrument(span.clone())).await;
    let mut res = res?;
    let status = res.status();
    let elapsed = started.elapsed().as_secs_f64();
    let elapsed_ms = elapsed * 1000.0;
    if let Some(m) = &metrics {
        m.observe(
            method.as_str(),
            &route,
            status.as_u16(),
            elapsed,
            statements,
        );
    }
    span.in_scope(|| {
        if status.is_server_error() {
            tracing::warn!(
                status = status.as_u16(),
                elapsed_ms,
                statements,
                "request failed"
            );
        } else {
            tracing::info!(status = status.as_u16(), elapsed_ms, statements, "request");
        }
    });
    let headers = res.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&request_id) {
        headers.insert(HeaderName::from_static(REQUEST_ID_HEADER), v);
    }
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    if !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    Ok(res)
}

/// The policy of the documentation page (`/docs/`, Swagger UI served from this binary): its
/// scripts and styles are same-origin files (no inline script, no CDN); React sets inline
/// `style` attributes and the CSS draws icons from `data:` URIs; the page fetches the OpenAPI
/// document and "Try it out" calls the API on the same origin.
pub const DOCS_CSP: &str =
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; \
base-uri 'none'; form-action 'none'";
/// Every other response is data, never a page: it may load nothing and be framed nowhere.
pub const API_CSP: &str =
    "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
/// The policy of a page the service renders itself (the printable permit): it may load
/// nothing at all — no script, no font, no image by URL (its QR code and plate are inline SVG
/// and HTML) — and its only style is the inline `<style>` element whose SHA-256 (base64) is
/// given, so an injected `<style>` or `style` attribute would not apply either.
pub fn page_csp(style_sha256_base64: &str) -> String {
    format!(
        "default-src 'none'; style-src 'sha256-{style_sha256_base64}'; \
frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
    )
}

/// Put by a handler in its response's extensions when the response is an HTML page rather
/// than data: [`security_headers`] then sends this `Content-Security-Policy` instead of
/// [`API_CSP`] (the other protections stay). Only a handler can opt in, and only for its own
/// response.
#[derive(Clone, Debug)]
pub struct PagePolicy(pub String);

/// `Strict-Transport-Security` when `TLS_TERMINATED_UPSTREAM` says clients use HTTPS only.
pub const HSTS: &str = "max-age=31536000";

/// Browser protections on every response: a `Content-Security-Policy` ([`DOCS_CSP`] for the
/// documentation page, a handler's [`PagePolicy`] for a page it renders, [`API_CSP`]
/// elsewhere), `X-Frame-Options: DENY`,
/// `Referrer-Policy: no-referrer`, and `Strict-Transport-Security` when TLS terminates in
/// front (`X-Content-Type-Options: nosniff` is set by [`request_context`]).
pub async fn security_headers(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let docs = req.path() == "/docs" || req.path().starts_with("/docs/");
    let hsts = req
        .app_data::<web::Data<crate::state::AppState>>()
        .is_some_and(|s| s.config.http.tls_terminated_upstream);
    let mut res = next.call(req).await?;
    let page = res
        .response()
        .extensions()
        .get::<PagePolicy>()
        .and_then(|p| HeaderValue::from_str(&p.0).ok());
    let csp = match page {
        _ if docs => HeaderValue::from_static(DOCS_CSP),
        Some(policy) => policy,
        None => HeaderValue::from_static(API_CSP),
    };
    let headers = res.headers_mut();
    headers.insert(header::CONTENT_SECURITY_POLICY, csp);
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    if hsts {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static(HSTS),
        );
    }
    Ok(res)
}

/// The request header fields the service reads: at most this many bytes (names and values)…
pub const MAX_HEADER_BYTES: usize = 32 * 1024;
/// …and at most this many fields.
pub const MAX_HEADER_COUNT: usize = 64;

/// 431 `headers_too_large` (a problem document) for a request whose header fields exceed
/// [`MAX_HEADER_BYTES`] or [`MAX_HEADER_COUNT`].
///
/// actix-http's HTTP/1 codec has limits of its own (a 128 KiB request head, 96 fields) and
/// answers past them with a bare 431 (an empty body) before any service or middleware runs
/// (`actix-http` `h1/dispatcher.rs`, `ParseError::TooLarge`); a head it cannot parse at all
/// (a bad request line, a header name with a space, a control character in a value, a
/// non-numeric `Content-Length`) is likewise a bare 400 and the connection is closed. Those
/// responses cannot be intercepted without replacing the codec. Enforcing smaller limits here
/// makes every oversized head the codec does accept, far more than any client of this API
/// sends, a problem document like every other error.
pub async fn header_limits(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let headers = req.headers();
    let count = headers.len();
    let bytes: usize = headers
        .iter()
        .map(|(name, value)| name.as_str().len() + value.len() + 4)
        .sum();
    if count > MAX_HEADER_COUNT || bytes > MAX_HEADER_BYTES {
        let err = ApiError::headers_too_large(MAX_HEADER_BYTES, MAX_HEADER_COUNT);
        let (http_req, _) = req.into_parts();
        let res = HttpResponse::from_error(err);
        return Ok(ServiceResponse::new(http_req, res).map_into_right_body());
    }
    next.call(req).await.map(|r| r.map_into_left_body())
}

/// Whether a raw (percent-encoded) path or query holds an encoded control character
/// (`%00`–`%1F`, `%7F`): raw control bytes cannot reach here (the HTTP parser refuses them).
fn has_encoded_control(raw: &str) -> bool {
    raw.as_bytes().windows(3).any(|w| {
        w[0] == b'%'
            && std::str::from_utf8(&w[1..])
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .is_some_and(|b| b < 0x20 || b == 0x7F)
    })
}

/// Refuses control characters in the request target before any handler or database sees them
/// (PostgreSQL cannot store NUL in text; no path id or query value holds one): 404 for a path
/// (no resource has such an id), 400 `invalid_query` naming the parameter for a query. JSON
/// bodies are checked by [`crate::http::json`].
pub async fn control_characters(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let refusal = if has_encoded_control(req.path()) {
        Some(ApiError::not_found())
    } else if has_encoded_control(req.query_string()) {
        let pairs = web::Query::<Vec<(String, String)>>::from_query(req.query_string())
            .map(web::Query::into_inner)
            .unwrap_or_default();
        let bad = |s: &str| s.chars().any(crate::http::json::is_forbidden_control);
        let name = pairs
            .iter()
            .find(|(k, v)| bad(k) || bad(v))
            .map(|(k, _)| {
                k.chars()
                    .filter(|c| !crate::http::json::is_forbidden_control(*c))
                    .collect::<String>()
            })
            .unwrap_or_default();
        Some(ApiError::query_param(
            &name,
            "invalid_characters",
            crate::i18n::Msg::new(
                "نویسهٔ کنترلی (مانند NUL) دارد که پذیرفته نمی‌شود.",
                "holds a control character (such as NUL), which is not accepted.",
            ),
        ))
    } else {
        None
    };
    if let Some(err) = refusal {
        let (http_req, _) = req.into_parts();
        let res = HttpResponse::from_error(err);
        return Ok(ServiceResponse::new(http_req, res).map_into_right_body());
    }
    next.call(req).await.map(|r| r.map_into_left_body())
}

/// Makes every error response a problem document in the client's language: errors raised as
/// [`ApiError`] are re-rendered in the negotiated language (and 500s logged with their cause);
/// any other error response (from actix itself or a library) is replaced by the generic problem
/// for its status, keeping headers such as `Allow` or `Retry-After`.
pub async fn problem_layer(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let prefer_persian = req
        .app_data::<web::Data<crate::state::AppState>>()
        .is_none_or(|s| s.config.http.prefer_persian);
    let lang = Lang::from_headers(req.headers(), prefer_persian);
    // Inner layers return errors as responses; an `Err` here is rendered by actix itself.
    let res = next.call(req).await?.map_into_boxed_body();
    let status = res.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return Ok(res);
    }
    // A page a handler rendered for people (it carries its own [`PagePolicy`]), e.g. the
    // verification page's 404 for a browser, is its own error document.
    if res.response().extensions().get::<PagePolicy>().is_some() {
        return Ok(res);
    }
    if let Some(api) = res
        .response()
        .error()
        .and_then(|e| e.as_error::<ApiError>())
    {
        if let Some(cause) = api.cause() {
            tracing::error!(cause, "internal error");
        }
        let mut rendered = api.render(lang);
        keep_layer_headers(res.headers(), &mut rendered);
        return Ok(res.into_response(rendered));
    }
    let already_problem = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with(PROBLEM_CONTENT_TYPE));
    if already_problem {
        return Ok(res);
    }
    if let Some(err) = res.response().error() {
        tracing::warn!(error = %err, status = status.as_u16(), "framework error");
    }
    let generic = generic_problem(status);
    let mut rendered = generic.render(lang);
    keep_layer_headers(res.headers(), &mut rendered);
    Ok(res.into_response(rendered))
}

/// Carries the headers inner layers set on an error response (CORS, `Allow`, `Retry-After`,
/// `WWW-Authenticate`, …) over to its re-rendered problem, except the body's own.
fn keep_layer_headers(from: &header::HeaderMap, to: &mut HttpResponse) {
    let carried = |name: &HeaderName| {
        name != header::CONTENT_TYPE
            && name != header::CONTENT_LENGTH
            && name != header::CONTENT_LANGUAGE
    };
    let headers = to.headers_mut();
    for name in from.keys().filter(|n| carried(n)) {
        headers.remove(name);
    }
    // `append` keeps every value of a repeated header (e.g. `Vary`).
    for (name, value) in from.iter().filter(|(n, _)| carried(n)) {
        headers.append(name.clone(), value.clone());
    }
}

/// The problem for a status produced outside the service's own code.
fn generic_problem(status: StatusCode) -> ApiError {
    match status.as_u16() {
        400 => ApiError::bad_request(
            ErrorCode::BadRequest,
            "درخواست نامعتبر است.",
            "The request is malformed.",
        ),
        401 => ApiError::unauthorized(),
        403 => ApiError::forbidden(),
        404 => ApiError::not_found(),
        413 => ApiError::payload_too_large(0),
        431 => ApiError::headers_too_large(MAX_HEADER_BYTES, MAX_HEADER_COUNT),
        415 => ApiError::unsupported_media_type(
            "نوع محتوای درخواست پشتیبانی نمی‌شود.",
            "The request's content type is not supported.",
        ),
        503 => ApiError::service_unavailable(),
        s if s >= 500 => ApiError::internal(format!("framework error with status {s}")),
        _ => ApiError::with_status(
            status,
            ErrorCode::BadRequest,
            crate::i18n::Msg::new("درخواست پذیرفته نشد.", "The request was not accepted."),
        ),
    }
}

/// Known paths and their methods, built from the OpenAPI document, so the fallback can tell a
/// wrong method (405 with `Allow`) from an unknown path (404).
#[derive(Default)]
pub struct RouteTable {
    routes: Vec<(ResourceDef, Vec<Method>)>,
}

impl RouteTable {
    pub fn from_openapi(doc: &utoipa::openapi::OpenApi) -> Self {
        let mut routes = Vec::new();
        for (path, item) in doc.paths.paths.iter() {
            let mut methods = Vec::new();
            let ops = [
                (Method::GET, item.get.is_some()),
                (Method::POST, item.post.is_some()),
                (Method::PUT, item.put.is_some()),
                (Method::PATCH, item.patch.is_some()),
                (Method::DELETE, item.delete.is_some()),
            ];
            for (m, present) in ops {
                if present {
                    methods.push(m);
                }
            }
            routes.push((ResourceDef::new(path.as_str()), methods));
        }
        routes.push((
            ResourceDef::new("/api-docs/openapi.json"),
            vec![Method::GET],
        ));
        RouteTable { routes }
    }

    /// The methods a path accepts, if the path is known.
    pub fn allowed(&self, path: &str) -> Option<Vec<Method>> {
        let mut found: Option<Vec<Method>> = None;
        for (def, methods) in &self.routes {
            if def.is_match(path) {
                let entry = found.get_or_insert_with(Vec::new);
                for m in methods {
                    if !entry.contains(m) {
                        entry.push(m.clone());
                    }
                }
            }
        }
        found
    }
}

/// Default service: 405 with `Allow` when the path exists under another method, else 404.
pub async fn fallback(
    req: HttpRequest,
    table: web::Data<RouteTable>,
) -> Result<HttpResponse, ApiError> {
    match table.allowed(req.path()) {
        Some(methods) if !methods.is_empty() && !methods.contains(req.method()) => {
            let allow: Vec<&str> = methods.iter().map(Method::as_str).collect();
            let allow = allow.join(", ");
            if req.method() == Method::OPTIONS {
                return Ok(HttpResponse::NoContent()
                    .insert_header((header::ALLOW, allow))
                    .finish());
            }
            Err(ApiError::method_not_allowed(&allow))
        }
        _ => Err(ApiError::not_found()),
    }
}
