//! The OpenAPI document: generated from the routes (utoipa-actix-web), then completed with the
//! security schemes, the problem+json responses every operation can return (reusable
//! `components.responses`, each with its own example), `security: []` on public operations and
//! the response headers the server sends on every response (`X-Request-Id`) or on some
//! (`Retry-After`, `ETag`, `Location`, `RateLimit`).

use serde_json::Value;
use utoipa::openapi::example::ExampleBuilder;
use utoipa::openapi::header::{Header, HeaderBuilder};
use utoipa::openapi::path::Operation;
use utoipa::openapi::schema::{ArrayItems, KnownFormat, ObjectBuilder, Schema, SchemaFormat, Type};
use utoipa::openapi::security::{
    ClientCredentials, Flow, HttpAuthScheme, HttpBuilder, OAuth2, Scopes, SecurityRequirement,
    SecurityScheme,
};
use utoipa::openapi::{Content, OpenApi, Ref, RefOr, Response, ResponseBuilder};
use utoipa::Modify;

use crate::error::{
    ApiError, ErrorCode, FieldIssue, Problem, ProblemFieldError, PROBLEM_CONTENT_TYPE,
};
use crate::http::idempotency::REPLAYED_HEADER;
use crate::i18n::{Lang, Msg};

#[derive(utoipa::OpenApi)]
#[openapi(
    info(
        title = "plate-permits API",
        version = "1.0.0",
        description = "Plate-removal permits for government vehicles (صدور مجوز فک پلاک خودروهای دولتی).\n\n\
Conventions: JSON in and out (UTF-8, snake_case); timestamps RFC 3339 UTC; ids are UUIDv7. \
Every error is `application/problem+json` (RFC 9457) with a stable `code`; `title`/`detail` are \
Persian by default (numbers in Persian digits) and English with `Accept-Language: en`. With the \
`PREFER_PERSIAN` setting (on by default) Persian wins whenever `Accept-Language` names `fa` (`fa-IR`, \
`per`, `fas`) at any weight above zero, e.g. `en-US,en;q=0.9,fa;q=0.8`; off, the higher weight wins. \
Query errors (400 `invalid_query`) name the parameter in `detail` and in `errors[0].field`. \
Unknown fields in request bodies are \
rejected (422). Every response carries `X-Request-Id`.\n\n\
Examples: every request body and every success response has one, valid against its schema. \
Dates and times in them are relative to the day the document is served: in \
`/api-docs/openapi.json` they are computed from the serving day of the server's clock (a \
permit's `valid_until` ten days ahead, a document request's `due_date` seven, a receipt's \
`occurred_at` now), so each body example is accepted when it is sent (ids, tokens and secrets \
issued by the server are the caller's own). The copy committed with the code \
(`openapi/openapi.json`) computes them for the fixed day 2026-01-01 and changes only with the API.",
        license(name = "MIT", identifier = "MIT"),
        contact(name = "plate-permits maintainers"),
    ),
    servers((url = "/", description = "The server that serves this document.")),
    components(schemas(Problem, ProblemFieldError)),
    modifiers(&SecurityAddon),
    tags(
        (name = "operations", description = "Health probes, metrics and the API document."),
        (name = "identity", description = "Sign-in, tokens, sign-out and the caller's own account."),
        (name = "organisations", description = "Agencies, directorates and police units, with checksum-verified legal ids."),
        (name = "users", description = "User accounts, their roles and administrator password resets."),
        (name = "service-accounts", description = "Machine clients (police systems, the national vehicle system): OAuth 2.0 client credentials, secret rotation."),
        (name = "requests", description = "Plate-removal requests: intake, listing, history and the state machine."),
        (name = "tracking", description = "Public tracking of a request or complaint by its tracking code."),
        (name = "documents", description = "Asks for supplementary documents, uploads, downloads and resubmission."),
        (name = "permits", description = "Permits: issue, police receipts, registration, revocation and public verification."),
        (name = "complaints", description = "Complaints with their own tracking codes, and feedback on finished requests."),
        (name = "notices", description = "Maintenance and outage notices; a maintenance window makes the API read-only."),
        (name = "events", description = "The change feed (transactional outbox), filtered by what the caller may see."),
        (name = "webhooks", description = "Signed webhook subscriptions (Standard Webhooks 1.0), their deliveries and retries."),
        (name = "webhook-deliveries", description = "What each webhook delivery carries, one per event type: the receiver's side (the `webhooks` section)."),
        (name = "notifications", description = "SMS notifications to applicants and agency users: each request's messages and the administrator's templates."),
        (name = "sla", description = "Service-level clocks: holidays, working rules, per-request explanations and reports."),
        (name = "audit", description = "The audit trail: sign-ins, administrative changes, permit steps, request views and document downloads."),
    )
)]
pub struct ApiDoc;

/// A string schema closed to `values` (for a field whose Rust type is a plain string but whose
/// values are a closed set): use with `#[schema(schema_with = ...)]`.
pub fn string_enum(description: &str, values: &[&str]) -> utoipa::openapi::schema::Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .description(Some(description))
        .enum_values(Some(values.iter().copied()))
        .build()
}

/// Documentation type of a response body of raw bytes (a download): `type: string, format:
/// binary`, declared under each media type the handler really sends.
pub struct Binary;

impl utoipa::PartialSchema for Binary {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Binary)))
            .into()
    }
}

impl utoipa::ToSchema for Binary {}

/// The OAuth 2.0 client-credentials scheme's name in `securitySchemes`.
pub const CLIENT_CREDENTIALS: &str = "clientCredentials";

struct SecurityAddon;

impl Modify for SecurityAddon {
    fn modify(&self, openapi: &mut OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .description(Some(
                        "Access token from POST /api/v1/auth/login (people) or POST \
                         /api/v1/auth/token (machine clients, see `clientCredentials`).",
                    ))
                    .build(),
            ),
        );
        components.add_security_scheme(
            CLIENT_CREDENTIALS,
            SecurityScheme::OAuth2(OAuth2::with_description(
                [Flow::ClientCredentials(ClientCredentials::new(
                    "/api/v1/auth/token",
                    Scopes::new(),
                ))],
                "Machine clients (service accounts, managed at /api/v1/service-accounts): \
                 the OAuth 2.0 client-credentials grant (RFC 6749 §4.4) at POST \
                 /api/v1/auth/token, authenticating with HTTP Basic or client_id and \
                 client_secret in the form. The access token is sent as a bearer token and \
                 acts with the account's role (police, registry or directorate) and \
                 organisation. No scopes; no refresh token.",
            )),
        );
        components.add_security_scheme(
            "metrics_token",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "The configured METRICS_TOKEN (GET /metrics only); without one, only \
                         loopback clients may scrape.",
                    ))
                    .build(),
            ),
        );
    }
}

/// The operations that are rate limited per client address: their 200 and 429 responses carry
/// the `RateLimit` and `RateLimit-Policy` headers (draft-ietf-httpapi-ratelimit-headers).
pub const RATE_LIMITED_OPERATIONS: &[&str] = &["login_user", "track_request", "verify_permit"];

/// Responses that carry `ETag` (the resource's version; a download's content hash) and/or
/// `Location` (a created resource's URL), by operation id and status. The document test checks
/// that every operation named here exists.
pub const VERSIONED_RESPONSES: &[(&str, &str, bool, bool)] = &[
    // (operation_id, status, ETag, Location)
    ("create_complaint", "201", true, true),
    ("get_complaint", "200", true, false),
    ("respond_to_complaint", "200", true, false),
    ("close_complaint", "200", true, false),
    ("upload_document", "201", false, true),
    ("download_document", "200", true, false),
    ("create_document_request", "201", true, true),
    ("resubmit_request", "200", true, false),
    ("create_notice", "201", true, false),
    ("get_notice", "200", true, false),
    ("update_notice", "200", true, false),
    ("create_organisation", "201", true, true),
    ("get_organisation", "200", true, false),
    ("update_organisation", "200", true, false),
    ("issue_permit", "201", true, true),
    ("record_registration", "200", true, false),
    ("get_permit", "200", true, false),
    ("post_receipt", "201", true, true),
    ("revoke_permit", "200", true, false),
    ("create_request", "201", true, true),
    ("get_request", "200", true, false),
    ("review_request", "200", true, false),
    ("reject_request", "200", true, false),
    ("withdraw_request", "200", true, false),
    ("reopen_request", "200", true, false),
    ("request_reissue", "200", true, false),
    ("create_holiday", "201", false, true),
    ("confirm_holiday", "201", false, true),
    ("create_working_rule", "201", true, true),
    ("get_working_rule", "200", true, false),
    ("update_working_rule", "200", true, false),
    ("create_user", "201", true, true),
    ("get_user", "200", true, false),
    ("update_user", "200", true, false),
    ("create_service_account", "201", true, true),
    ("get_service_account", "200", true, false),
    ("update_service_account", "200", true, false),
    ("rotate_service_account_secret", "200", true, false),
];

fn string_header(description: &str) -> Header {
    HeaderBuilder::new()
        .schema(ObjectBuilder::new().schema_type(Type::String))
        .description(Some(description))
        .build()
}

fn integer_header(description: &str) -> Header {
    HeaderBuilder::new()
        .schema(
            ObjectBuilder::new()
                .schema_type(Type::Integer)
                .minimum(Some(0)),
        )
        .description(Some(description))
        .build()
}

fn request_id_header() -> Header {
    string_header(
        "Identifies this request in the service's logs (echoed when the client sent a valid one).",
    )
}

fn retry_after_header() -> Header {
    integer_header("Seconds to wait before retrying.")
}

fn replayed_header() -> Header {
    HeaderBuilder::new()
        .schema(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .enum_values(Some(["true"])),
        )
        .description(Some(
            "`true` when this answer is the recorded answer of an earlier call with the same `Idempotency-Key` (the change was not made again); absent on the first answer.",
        ))
        .build()
}

fn add_header(response: &mut Response, name: &str, header: Header) {
    response.headers.entry(name.to_owned()).or_insert(header);
}

/// A problem example: the body the service renders for `error`, in Persian (the default).
fn problem_example(error: ApiError) -> (String, Value) {
    (error.code().as_str().to_owned(), error.body(Lang::Fa))
}

/// Examples of the sign-in and permission problems.
fn auth_example(code: ErrorCode) -> Option<ApiError> {
    Some(match code {
        ErrorCode::Unauthorized => ApiError::unauthorized(),
        ErrorCode::InvalidToken => ApiError::invalid_token(),
        ErrorCode::InvalidCredentials => ApiError::invalid_credentials(),
        ErrorCode::InvalidClient => ApiError::invalid_client(),
        ErrorCode::InvalidRequest => ApiError::invalid_request(
            "پارامتر grant_type الزامی است.",
            "The grant_type parameter is required.",
        ),
        ErrorCode::UnsupportedGrantType => ApiError::unsupported_grant_type(),
        ErrorCode::Forbidden => ApiError::forbidden(),
        ErrorCode::PasswordChangeRequired => ApiError::password_change_required(),
        ErrorCode::CsrfFailed => ApiError::csrf_failed(),
        _ => return None,
    })
}

/// Examples of the problems of a missing resource or one in another state.
fn conflict_example(code: ErrorCode) -> Option<ApiError> {
    Some(match code {
        ErrorCode::NotFound => ApiError::not_found(),
        ErrorCode::InvalidTransition => {
            ApiError::invalid_transition("permit_issued", "مجوز صادر شد")
        }
        ErrorCode::Duplicate => ApiError::duplicate(
            "برای این خودرو درخواست بازی وجود دارد.",
            "This vehicle has an open request.",
        ),
        ErrorCode::IdempotencyInFlight => ApiError::conflict(
            ErrorCode::IdempotencyInFlight,
            "درخواست قبلی با همین کلید یکتایی هنوز در حال انجام است.",
            "A request with this Idempotency-Key is still in progress; retry shortly.",
        ),
        ErrorCode::IdempotencyKeyReused => ApiError::unprocessable(
            ErrorCode::IdempotencyKeyReused,
            "این کلید یکتایی پیش‌تر با درخواست دیگری به کار رفته است.",
            "This Idempotency-Key was used with a different request.",
        ),
        ErrorCode::PermitRevoked => ApiError::conflict(
            ErrorCode::PermitRevoked,
            "این مجوز ابطال شده است و نباید بر اساس آن اقدامی شود.",
            "This permit was revoked; it must not be acted on.",
        ),
        ErrorCode::PreconditionFailed => ApiError::precondition_failed(),
        ErrorCode::PreconditionRequired => ApiError::precondition_required(),
        ErrorCode::CursorAhead => ApiError::cursor_ahead("cursor", 1024),
        _ => return None,
    })
}

/// Examples of the problems of the request itself, the limits and the service.
fn input_example(code: ErrorCode) -> Option<ApiError> {
    Some(match code {
        ErrorCode::MalformedJson => {
            ApiError::malformed_json("expected `,` or `}` at line 1 column 17")
        }
        ErrorCode::InvalidQuery => ApiError::invalid_query("limit: invalid digit found in string"),
        ErrorCode::PayloadTooLarge => ApiError::payload_too_large(1_048_576),
        ErrorCode::RequestTimeout => ApiError::request_timeout(30),
        ErrorCode::QuotaExceeded => ApiError::document_quota_exceeded(20, 50 * 1024 * 1024, true),
        ErrorCode::UnsupportedMediaType => ApiError::unsupported_media_type(
            "بدنهٔ درخواست باید از نوع application/json باشد.",
            "The request body must be application/json.",
        ),
        ErrorCode::ValidationFailed => ApiError::validation(vec![FieldIssue::new(
            "vehicle.plate",
            "invalid_plate",
            "حرف پلاک برای خودروهای دولتی مجاز نیست.",
            "The plate letter is not allowed for government vehicles.",
        )]),
        ErrorCode::InvalidCode => ApiError::invalid_code(),
        ErrorCode::RateLimited => ApiError::rate_limited(60),
        ErrorCode::Maintenance => ApiError::new(
            ErrorCode::Maintenance,
            Msg::new(
                "سامانه در بازهٔ نگهداری اعلام‌شده فقط خواندنی است؛ پس از پایان آن دوباره تلاش کنید.",
                "The service is read-only during an announced maintenance window; retry after it ends.",
            ),
        )
        .with_extension("retry_after", 1800),
        ErrorCode::ServiceUnavailable => ApiError::service_unavailable(),
        ErrorCode::InternalError => ApiError::internal("documentation example"),
        _ => return None,
    })
}

/// One realistic problem per code that the document names, built with the same constructors
/// the service uses, so titles and details are what a client really gets.
fn example_for_code(code: ErrorCode) -> Option<ApiError> {
    auth_example(code)
        .or_else(|| conflict_example(code))
        .or_else(|| input_example(code))
}

/// The example used for a status when the response's description names no known code.
fn default_code(status: &str) -> Option<ErrorCode> {
    Some(match status {
        "400" => ErrorCode::MalformedJson,
        "401" => ErrorCode::Unauthorized,
        "403" => ErrorCode::Forbidden,
        "404" => ErrorCode::NotFound,
        "408" => ErrorCode::RequestTimeout,
        "409" => ErrorCode::InvalidTransition,
        "412" => ErrorCode::PreconditionFailed,
        "428" => ErrorCode::PreconditionRequired,
        "413" => ErrorCode::PayloadTooLarge,
        "415" => ErrorCode::UnsupportedMediaType,
        "422" => ErrorCode::ValidationFailed,
        "429" => ErrorCode::RateLimited,
        "500" => ErrorCode::InternalError,
        "503" => ErrorCode::ServiceUnavailable,
        _ => return None,
    })
}

/// Examples for a problem response: one per code named in backquotes in its description whose
/// status is the response's, else the status's default.
fn problem_examples(status: &str, description: &str) -> Vec<(String, Value)> {
    if status == "422" && description.starts_with("`limit`") {
        return vec![problem_example(super::pagination::limit_out_of_range(
            super::pagination::MAX_LIMIT,
        ))];
    }
    let mut named: Vec<(String, Value)> = ErrorCode::ALL
        .iter()
        .filter(|c| description.contains(&format!("`{}`", c.as_str())))
        .filter_map(|c| example_for_code(*c))
        .filter(|e| e.status().as_str() == status)
        .map(problem_example)
        .collect();
    if named.is_empty() {
        if let Some(e) = default_code(status).and_then(example_for_code) {
            named.push(problem_example(e));
        }
    }
    named
}

fn set_examples(content: &mut Content, examples: Vec<(String, Value)>) {
    if content.example.is_some() || !content.examples.is_empty() {
        return;
    }
    for (name, value) in examples {
        content.examples.insert(
            name,
            RefOr::T(ExampleBuilder::new().value(Some(value)).build()),
        );
    }
}

/// The reusable problem responses (`#/components/responses/<name>`).
const COMMON: &[(&str, &str, &str)] = &[
    (
        "BadRequest",
        "400",
        "Malformed JSON or query string, or a query parameter the list does not take (`malformed_json`, `invalid_query`, naming the parameter in `errors[].field`).",
    ),
    (
        "Unauthorized",
        "401",
        "Missing, invalid or expired token (`unauthorized`, `invalid_token`).",
    ),
    (
        "Forbidden",
        "403",
        "The caller's role may not do this (`forbidden`), or a password change is pending (`password_change_required`).",
    ),
    (
        "NotFound",
        "404",
        "Not found, or not visible to the caller (`not_found`).",
    ),
    (
        "RequestTimeout",
        "408",
        "The body did not arrive in full within `CLIENT_BODY_TIMEOUT_SECS` (`request_timeout`); the connection is closed.",
    ),
    (
        "PayloadTooLarge",
        "413",
        "Body larger than the limit (`payload_too_large`).",
    ),
    (
        "UnsupportedMediaType",
        "415",
        "Body is not `application/json` (`unsupported_media_type`).",
    ),
    (
        "ValidationFailed",
        "422",
        "Validation failed (`validation_failed`, with `errors[]` naming each field by JSON path).",
    ),
    (
        "LimitOutOfRange",
        "422",
        "`limit` outside its range (`validation_failed`, `errors[0].field` is `limit`).",
    ),
    (
        "PreconditionFailed",
        "412",
        "The resource changed since the `ETag` sent in `If-Match` (`precondition_failed`): read it again and retry with its new `ETag`.",
    ),
    (
        "PreconditionRequired",
        "428",
        "`If-Match` is missing (`precondition_required`, RFC 6585): this call changes a versioned resource and must carry the `ETag` last read (`*` explicitly accepts whatever the current version is).",
    ),
    (
        "InternalError",
        "500",
        "Internal error (`internal_error`); nothing internal is disclosed.",
    ),
    (
        "ServiceUnavailable",
        "503",
        "Unavailable for now (`service_unavailable`): the database cannot be reached or is switching over, or (SQLite) reads cannot be recorded in the audit trail. Safe to retry after `Retry-After`.",
    ),
    (
        "ReadOnlyOrUnavailable",
        "503",
        "Read-only maintenance window (`maintenance`, `Retry-After`) or database unavailable (`service_unavailable`).",
    ),
];

fn problem_response(status: &str, description: &str) -> Response {
    let mut content = Content::new(Some(RefOr::Ref(Ref::from_schema_name("Problem"))));
    set_examples(&mut content, problem_examples(status, description));
    ResponseBuilder::new()
        .description(description)
        .content(PROBLEM_CONTENT_TYPE, content)
        .build()
}

fn common_ref(name: &str) -> RefOr<Response> {
    RefOr::Ref(Ref::from_response_name(name))
}

fn is_secured(op: &Operation) -> bool {
    op.security
        .as_ref()
        .is_some_and(|reqs| reqs.iter().any(|r| r != &Default::default()))
}

/// Whether the operation takes the (required) `If-Match` header: 412 when stale, 428 without it.
pub fn requires_if_match(op: &Operation) -> bool {
    op.parameters.as_ref().is_some_and(|ps| {
        ps.iter().any(|p| {
            p.name == "If-Match"
                && p.parameter_in == utoipa::openapi::path::ParameterIn::Header
                && p.required == utoipa::openapi::Required::True
        })
    })
}

/// Adds the problem responses that apply to an operation by its shape, unless the operation
/// documents that status itself; marks a public operation `security: []`.
fn complete_operation(op: &mut Operation, has_path_params: bool, method_writes: bool) {
    let secured = is_secured(op);
    if op.security.is_none() {
        op.security = Some(Vec::new());
    }
    if secured {
        // A machine client's token (client-credentials grant) is accepted wherever a user's
        // is; the route's role checks apply to it alike.
        if let Some(requirements) = op.security.as_mut() {
            requirements.push(SecurityRequirement::new(
                CLIENT_CREDENTIALS,
                Vec::<String>::new(),
            ));
        }
    }
    let has_body = op.request_body.is_some();
    let preconditioned = requires_if_match(op);
    let responses = &mut op.responses.responses;
    let mut add = |status: &str, name: &str| {
        responses
            .entry(status.to_owned())
            .or_insert_with(|| common_ref(name));
    };
    if has_body || op.parameters.as_ref().is_some_and(|p| !p.is_empty()) {
        add("400", "BadRequest");
    }
    if secured {
        add("401", "Unauthorized");
        add("403", "Forbidden");
    }
    if has_path_params {
        add("404", "NotFound");
    }
    if has_body {
        add("408", "RequestTimeout");
        add("413", "PayloadTooLarge");
        add("415", "UnsupportedMediaType");
        add("422", "ValidationFailed");
    }
    let pages = op
        .parameters
        .as_ref()
        .is_some_and(|ps| ps.iter().any(|p| p.name == "limit"));
    if preconditioned {
        add("412", "PreconditionFailed");
        add("428", "PreconditionRequired");
    }
    if pages {
        add("422", "LimitOutOfRange");
    }
    add("500", "InternalError");
    if method_writes {
        add("503", "ReadOnlyOrUnavailable");
    } else {
        add("503", "ServiceUnavailable");
    }
}

/// Headers and examples of one response written in an operation's annotation.
fn complete_response(status: &str, response: &mut Response, op_id: &str) {
    add_header(response, "X-Request-Id", request_id_header());
    if status == "429" || status == "503" {
        add_header(response, "Retry-After", retry_after_header());
    }
    if RATE_LIMITED_OPERATIONS.contains(&op_id) && (status == "200" || status == "429") {
        add_header(
            response,
            "RateLimit-Policy",
            string_header(
                "The quota policies as a structured-field list (IETF httpapi-ratelimit-headers), e.g. `\"track\";q=60;w=60` (60 look-ups per 60 seconds per client address). Policies: `track`, `verify`; sign-in counts failed attempts under `login-account-address` (per account and client address, 15 minutes) and `login-address` (per client address); past the free ones, each further attempt waits a doubling delay.",
            ),
        );
        add_header(
            response,
            "RateLimit",
            string_header(
                "What is left of each policy, e.g. `\"track\";r=59;t=60` (59 calls left, the window resets in 60 seconds); on a 429, `t` equals `Retry-After`.",
            ),
        );
    }
    for (id, st, etag, location) in VERSIONED_RESPONSES {
        if *id == op_id && *st == status {
            if *etag {
                add_header(
                    response,
                    "ETag",
                    string_header("Strong validator: the resource's version (send it back in `If-Match`), or a download's SHA-256."),
                );
            }
            if *location {
                add_header(
                    response,
                    "Location",
                    string_header("The new resource's URL."),
                );
            }
        }
    }
    let description = response.description.clone();
    if let Some(content) = response.content.get_mut(PROBLEM_CONTENT_TYPE) {
        set_examples(content, problem_examples(status, &description));
    }
}

/// Fills in the common problem responses, public operations' `security: []`, response headers
/// and per-status problem examples.
pub fn complete(mut doc: OpenApi) -> OpenApi {
    for (path, item) in doc.paths.paths.iter_mut() {
        let has_path_params = path.contains('{');
        for (op, writes) in [
            (item.get.as_mut(), false),
            (item.post.as_mut(), true),
            (item.put.as_mut(), true),
            (item.patch.as_mut(), true),
            (item.delete.as_mut(), true),
        ] {
            if let Some(op) = op {
                complete_operation(op, has_path_params, writes);
                let op_id = op.operation_id.clone().unwrap_or_default();
                let keyed = op
                    .parameters
                    .as_ref()
                    .is_some_and(|ps| ps.iter().any(|p| p.name == "Idempotency-Key"));
                for (status, response) in op.responses.responses.iter_mut() {
                    if let RefOr::T(response) = response {
                        complete_response(status, response, &op_id);
                        if keyed && status.starts_with('2') {
                            add_header(response, REPLAYED_HEADER, replayed_header());
                        }
                    }
                }
            }
        }
    }
    // Lists refuse unknown query parameters (`crate::http::query_params`): 400 on each.
    let lists: Vec<String> = crate::http::query_params::KnownParams::from_openapi(&doc)
        .routes()
        .map(|(path, _)| path.to_owned())
        .collect();
    for path in lists {
        if let Some(get) = doc.paths.paths.get_mut(&path).and_then(|i| i.get.as_mut()) {
            get.responses
                .responses
                .entry("400".to_owned())
                .or_insert_with(|| common_ref("BadRequest"));
        }
    }
    let components = doc.components.get_or_insert_with(Default::default);
    reference_page_items(&mut components.schemas);
    for (name, status, description) in COMMON {
        let mut response = problem_response(status, description);
        add_header(&mut response, "X-Request-Id", request_id_header());
        if *status == "503" {
            add_header(&mut response, "Retry-After", retry_after_header());
        }
        components
            .responses
            .insert((*name).to_owned(), RefOr::T(response));
    }
    doc
}

/// Generic pages (`Paginated_<Item>`, generated with the item inlined) reference their item
/// schema instead: `items: {type: array, items: {$ref: <Item>}}`. An item schema not yet among
/// the components is moved there.
fn reference_page_items(schemas: &mut std::collections::BTreeMap<String, RefOr<Schema>>) {
    let pages: Vec<String> = schemas
        .keys()
        .filter(|k| k.starts_with("Paginated_"))
        .cloned()
        .collect();
    for page in pages {
        let item_name = page.trim_start_matches("Paginated_").to_owned();
        let Some(RefOr::T(Schema::Object(object))) = schemas.get_mut(&page) else {
            continue;
        };
        let Some(RefOr::T(Schema::Array(array))) = object.properties.get_mut("items") else {
            continue;
        };
        let ArrayItems::RefOrSchema(item) = &mut array.items else {
            continue;
        };
        let inline = std::mem::replace(
            item.as_mut(),
            RefOr::Ref(Ref::from_schema_name(item_name.clone())),
        );
        if let RefOr::T(schema) = inline {
            schemas.entry(item_name).or_insert(RefOr::T(schema));
        }
    }
}

/// Makes the document friendly to client generators, without changing the wire:
/// - every named string enum gets `x-enum-varnames` prefixed with its schema's name
///   (`EventType` `permit.issued` → `EVENT_TYPE_PERMIT_ISSUED`), so generators that put every
///   enum's constants in one namespace (openapi-generator's Go) get no duplicates. (Each request
///   body has one media type, so generators such as openapi-python-client need no copies.)
pub fn for_generators(doc: &mut OpenApi) {
    let Some(components) = doc.components.as_mut() else {
        return;
    };
    for (name, schema) in components.schemas.iter_mut() {
        let RefOr::T(Schema::Object(object)) = schema else {
            continue;
        };
        let Some(values) = object.enum_values.as_ref() else {
            continue;
        };
        let prefix = screaming(name);
        let names: Vec<Value> = values
            .iter()
            .filter_map(Value::as_str)
            .map(|v| Value::String(format!("{prefix}_{}", screaming(v))))
            .collect();
        if names.len() == values.len() {
            object
                .extensions
                .get_or_insert_with(Default::default)
                .insert("x-enum-varnames".to_owned(), Value::Array(names));
        }
    }
}

/// `EventType` → `EVENT_TYPE`; `permit.issued` → `PERMIT_ISSUED`.
fn screaming(s: &str) -> String {
    let mut out = String::new();
    let mut prev_lower = false;
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            if c.is_ascii_uppercase() && prev_lower {
                out.push('_');
            }
            out.push(c.to_ascii_uppercase());
            prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        } else {
            if !out.ends_with('_') && !out.is_empty() {
                out.push('_');
            }
            prev_lower = false;
        }
    }
    out.trim_end_matches('_').to_owned()
}

// ---- cross-field rules ---------------------------------------------------------------------

/// A cross-field rule of a request body that utoipa's derive cannot state, written next to the
/// validation that enforces it and added to the document by [`apply_rules`].
pub enum SchemaRule {
    /// At least one of `members` is present: `allOf: [{anyOf: [{required: [a]}, {required: [b]},
    /// …]}]`. The `anyOf` sits inside a one-member `allOf` (the same constraint in JSON Schema):
    /// an `anyOf` beside the object's own `properties` makes openapi-generator's Go constructor
    /// drop every field and openapi-typescript type the body as `unknown`; nested, both keep the
    /// object's fields.
    AnyOfRequired {
        schema: &'static str,
        members: &'static [&'static str],
    },
    /// The object is one of `variants`, told apart by the string `property` (a discriminated
    /// `oneOf`): each variant is the object with `property` fixed to its values, its own
    /// required members, and without the members it forbids.
    Discriminated {
        schema: &'static str,
        property: &'static str,
        variants: &'static [Variant],
    },
}

/// One branch of a [`SchemaRule::Discriminated`] object, a component schema of its own.
pub struct Variant {
    pub name: &'static str,
    pub description: &'static str,
    /// The discriminating property's values this variant takes.
    pub values: &'static [&'static str],
    pub required: &'static [&'static str],
    pub forbidden: &'static [&'static str],
}

/// `schema` must hold at least one of `members` (`allOf: [{anyOf: [{required: [a]}, …]}]`).
fn any_of_required(components: &mut utoipa::openapi::Components, schema: &str, members: &[&str]) {
    if let Some(RefOr::T(Schema::Object(object))) = components.schemas.get_mut(schema) {
        let branches: Vec<Value> = members
            .iter()
            .map(|m| serde_json::json!({ "required": [m] }))
            .collect();
        object
            .extensions
            .get_or_insert_with(Default::default)
            .insert(
                "allOf".to_owned(),
                serde_json::json!([{ "anyOf": branches }]),
            );
    }
}

/// One variant of a discriminated schema: the base with the discriminating `property` fixed
/// to the variant's values, its forbidden members removed and its required ones required.
fn variant_schema(
    base: &utoipa::openapi::schema::Object,
    property: &str,
    v: &Variant,
) -> utoipa::openapi::schema::Object {
    let mut object = base.clone();
    object.description = Some(v.description.to_owned());
    let fixed = ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(v.values.iter().copied()))
        .build();
    object
        .properties
        .insert(property.to_owned(), RefOr::T(Schema::Object(fixed)));
    for member in v.forbidden {
        object.properties.shift_remove(*member);
        object.required.retain(|r| r != member);
    }
    for member in v.required {
        if !object.required.iter().any(|r| r == member) {
            object.required.push((*member).to_owned());
        }
        if let Some(p) = object.properties.get_mut(*member) {
            not_null(p);
        }
    }
    object
}

/// Replaces `schema` by a `oneOf` of its variants, discriminated by `property`.
fn discriminate(
    components: &mut utoipa::openapi::Components,
    schema: &str,
    property: &str,
    variants: &[Variant],
) {
    let Some(RefOr::T(Schema::Object(base))) = components.schemas.get(schema).cloned() else {
        return;
    };
    let mut one_of = utoipa::openapi::schema::OneOf::new();
    let mut mapping = Vec::new();
    for v in variants {
        let object = variant_schema(&base, property, v);
        let reference = Ref::from_schema_name(v.name);
        for value in v.values {
            mapping.push(((*value).to_owned(), reference.ref_location.clone()));
        }
        one_of.items.push(RefOr::Ref(reference));
        components
            .schemas
            .insert(v.name.to_owned(), RefOr::T(Schema::Object(object)));
    }
    one_of.description = base.description.clone();
    one_of.discriminator = Some(utoipa::openapi::schema::Discriminator::with_mapping(
        property, mapping,
    ));
    components
        .schemas
        .insert(schema.to_owned(), RefOr::T(Schema::OneOf(one_of)));
}

/// Adds each rule to its component schema (a rule naming no object schema is a programming
/// error, caught by the document's tests).
pub fn apply_rules(doc: &mut OpenApi, rules: &[SchemaRule]) {
    let Some(components) = doc.components.as_mut() else {
        return;
    };
    for rule in rules {
        match rule {
            SchemaRule::AnyOfRequired { schema, members } => {
                any_of_required(components, schema, members)
            }
            SchemaRule::Discriminated {
                schema,
                property,
                variants,
            } => discriminate(components, schema, property, variants),
        }
    }
}

/// A required member is not `null`: `type: [t, "null"]` becomes `t`, `oneOf: [null, x]` becomes
/// `x`.
fn not_null(property: &mut RefOr<Schema>) {
    use utoipa::openapi::schema::SchemaType;
    match property {
        RefOr::T(Schema::Object(o)) => {
            if let SchemaType::Array(types) = &o.schema_type {
                let kept: Vec<Type> = types
                    .iter()
                    .filter(|t| **t != Type::Null)
                    .cloned()
                    .collect();
                if kept.len() == 1 {
                    o.schema_type = SchemaType::Type(kept[0].clone());
                }
            }
        }
        RefOr::T(Schema::OneOf(one)) => {
            let kept: Vec<RefOr<Schema>> = one
                .items
                .iter()
                .filter(|i| {
                    !matches!(i, RefOr::T(Schema::Object(o))
                        if o.schema_type == utoipa::openapi::schema::SchemaType::Type(Type::Null))
                })
                .cloned()
                .collect();
            if kept.len() == 1 {
                *property = kept[0].clone();
            }
        }
        _ => {}
    }
}
