//! The OpenAPI document: generated from the routes (utoipa-actix-web), then completed with the
//! bearer security scheme and the problem+json responses every operation can return.

use utoipa::openapi::path::Operation;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{Content, OpenApi, Ref, RefOr, Response, ResponseBuilder};
use utoipa::Modify;

use crate::error::{Problem, ProblemFieldError, PROBLEM_CONTENT_TYPE};

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
rejected (422). Every response carries `X-Request-Id`.",
        license(name = "MIT"),
    ),
    components(schemas(Problem, ProblemFieldError)),
    modifiers(&SecurityAddon),
    tags(
        (name = "operations", description = "Health probes, metrics and the API document."),
    )
)]
pub struct ApiDoc;

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
                    .description(Some("Access token from POST /api/v1/auth/login."))
                    .build(),
            ),
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

fn problem_response(description: &str) -> RefOr<Response> {
    RefOr::T(
        ResponseBuilder::new()
            .description(description)
            .content(
                PROBLEM_CONTENT_TYPE,
                Content::new(Some(RefOr::Ref(Ref::from_schema_name("Problem")))),
            )
            .build(),
    )
}

fn is_secured(op: &Operation) -> bool {
    op.security
        .as_ref()
        .is_some_and(|reqs| reqs.iter().any(|r| r != &Default::default()))
}

/// Adds the problem responses that apply to an operation by its shape, unless the operation
/// documents that status itself.
fn complete_operation(op: &mut Operation, has_path_params: bool, method_writes: bool) {
    let secured = is_secured(op);
    let has_body = op.request_body.is_some();
    let responses = &mut op.responses.responses;
    let mut add = |status: &str, description: &str| {
        responses
            .entry(status.to_owned())
            .or_insert_with(|| problem_response(description));
    };
    if has_body || op.parameters.as_ref().is_some_and(|p| !p.is_empty()) {
        add(
            "400",
            "Malformed JSON or query string (`malformed_json`, `invalid_query`).",
        );
    }
    if secured {
        add(
            "401",
            "Missing, invalid or expired token (`unauthorized`, `invalid_token`).",
        );
        add(
            "403",
            "The caller's role may not do this (`forbidden`), or a password change is pending (`password_change_required`).",
        );
    }
    if has_path_params {
        add(
            "404",
            "Not found, or not visible to the caller (`not_found`).",
        );
    }
    if has_body {
        add("413", "Body larger than the limit (`payload_too_large`).");
        add(
            "415",
            "Body is not `application/json` (`unsupported_media_type`).",
        );
        add(
            "422",
            "Validation failed (`validation_failed`, with `errors[]` naming each field by JSON path).",
        );
    }
    let pages = op
        .parameters
        .as_ref()
        .is_some_and(|ps| ps.iter().any(|p| p.name == "limit"));
    if pages {
        add(
            "422",
            "`limit` outside its range (`validation_failed`, `errors[0].field` is `limit`).",
        );
    }
    add(
        "500",
        "Internal error (`internal_error`); nothing internal is disclosed.",
    );
    if method_writes {
        add(
            "503",
            "Read-only maintenance window (`maintenance`, `Retry-After`) or database unavailable (`service_unavailable`).",
        );
    } else {
        add("503", "Database unavailable (`service_unavailable`).");
    }
}

/// Fills in the common problem responses on every operation.
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
            }
        }
    }
    doc
}
