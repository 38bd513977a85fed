//! The one error type of the service, rendered as RFC 9457 `application/problem+json`.
//!
//! Every error a client can see carries a stable snake_case `code`; `title` and `detail` are
//! Persian by default and English when `Accept-Language` prefers it (the language is applied by
//! the `problem_layer` middleware, see `http::middleware`). A 500 never tells the client anything
//! internal; its cause is logged with the request id.

use std::fmt;

use actix_web::http::header::{self, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;
use serde_json::{Map, Value};
use utoipa::ToSchema;

use crate::domain::text::persian_digits;
use crate::i18n::{Lang, Msg};
use crate::transient::{self, Transient};

pub const PROBLEM_CONTENT_TYPE: &str = "application/problem+json";

/// `Retry-After` of a 503 caused by the database (a failover takes a few seconds; see
/// the guide's "PostgreSQL and high availability").
pub const DB_RETRY_AFTER_SECS: u64 = 2;

/// One invalid field in a `validation_failed` problem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldIssue {
    /// JSON path of the field, e.g. `vehicle.plate`.
    pub field: String,
    /// Stable machine code, e.g. `invalid_plate`, `required`.
    pub code: &'static str,
    pub message: Msg,
}

impl FieldIssue {
    pub fn new(
        field: impl Into<String>,
        code: &'static str,
        fa: impl Into<String>,
        en: impl Into<String>,
    ) -> Self {
        FieldIssue {
            field: field.into(),
            code,
            message: Msg::new(fa, en),
        }
    }

    /// The field is required but missing or empty.
    pub fn required(field: impl Into<String>) -> Self {
        FieldIssue::new(
            field,
            "required",
            "این فیلد الزامی است.",
            "This field is required.",
        )
    }

    /// Prefixes the field path, e.g. `plate` inside `vehicle` becomes `vehicle.plate`.
    pub fn under(mut self, parent: &str) -> Self {
        self.field = if self.field.is_empty() {
            parent.to_owned()
        } else {
            format!("{parent}.{}", self.field)
        };
        self
    }
}

/// RFC 9457 problem document as served (documentation schema).
#[derive(Debug, Serialize, ToSchema)]
pub struct Problem {
    /// URI identifying the problem type: `urn:plate-permits:problem:<code>`.
    #[serde(rename = "type")]
    pub type_: String,
    /// Short summary, localised (Persian by default, English with `Accept-Language: en`).
    pub title: String,
    /// The HTTP status code.
    pub status: u16,
    /// Explanation of this occurrence, localised.
    pub detail: String,
    /// Stable machine-readable code (snake_case).
    pub code: ErrorCode,
    /// Field errors (for `validation_failed` and similar; for `invalid_query`, the parameter at
    /// fault); empty otherwise.
    pub errors: Vec<ProblemFieldError>,
    /// For `invalid_transition`: the resource's current status.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub current_status: Option<String>,
    /// For `duplicate`: the tracking code of the existing open request, when the caller may
    /// know it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub existing_tracking_code: Option<String>,
    /// For `duplicate`: the field whose value is already taken (e.g. `national_id`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// For `cursor_ahead`: the newest event id the feed holds (resume from it or lower).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub newest_id: Option<String>,
    /// For `documents_missing`: the asked document types that have no upload since the ask.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub missing_document_types: Option<Vec<String>>,
    /// For `validation_failed` on a due date that is not a working day: the next working day
    /// of the calendar (ISO), and its Jalali twin.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_working_day: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(example = "1405/09/21")]
    pub next_working_day_jalali: Option<String>,
    /// For `payload_too_large`: the limit in bytes (0 when the framework's own limit hit).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit_bytes: Option<u64>,
    /// For `rate_limited`, `maintenance` and `service_unavailable` (e.g. no database primary
    /// reachable during a failover): seconds until a retry may succeed (also sent as
    /// `Retry-After`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<u64>,
    /// For `maintenance`: the notice announcing the read-only window.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Object>)]
    pub notice: Option<Value>,
    /// For the token endpoint's errors (`invalid_client`, `invalid_request`,
    /// `unsupported_grant_type`): the RFC 6749 §5.2 error code, so that OAuth 2.0 client
    /// libraries read it where they expect it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// With `error`: the RFC 6749 §5.2 `error_description` (English, ASCII as the RFC requires).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_description: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ProblemFieldError {
    /// JSON path of the field, e.g. `vehicle.plate`.
    pub field: String,
    /// Stable machine code, e.g. `invalid_plate`.
    pub code: String,
    /// Localised message.
    pub message: String,
}

/// The service's error. Build one with the constructors below. (Boxed, so that `Result`s
/// stay small on the happy path.)
#[derive(Debug)]
pub struct ApiError(Box<Inner>);

#[derive(Debug)]
pub struct Inner {
    status: StatusCode,
    code: ErrorCode,
    detail: Msg,
    errors: Vec<FieldIssue>,
    extensions: Map<String, Value>,
    headers: Vec<(header::HeaderName, String)>,
    cause: Option<String>,
}

impl std::ops::Deref for ApiError {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}

impl std::ops::DerefMut for ApiError {
    fn deref_mut(&mut self) -> &mut Inner {
        &mut self.0
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.status.as_u16(), self.code.as_str())?;
        for issue in &self.errors {
            write!(f, "; {}: {}", issue.field, issue.message.en)?;
        }
        Ok(())
    }
}

impl std::error::Error for ApiError {}

/// The RFC 6749 §5.2 members the token endpoint's problems carry besides `code`.
const OAUTH_EXTENSIONS: &[&str] = &["error", "error_description"];

/// What the catalogue says of one code.
pub struct CodeInfo {
    pub status: StatusCode,
    pub title_fa: &'static str,
    pub title_en: &'static str,
    /// Extension members (beyond the RFC 9457 ones, `code` and `errors`) its problems carry.
    pub extensions: &'static [&'static str],
}

const fn info(
    status: StatusCode,
    title_fa: &'static str,
    title_en: &'static str,
    extensions: &'static [&'static str],
) -> CodeInfo {
    CodeInfo {
        status,
        title_fa,
        title_en,
        extensions,
    }
}

/// Declares the catalogue of problem codes once, one row per code: variant, the `code` sent,
/// the HTTP status, the titles in Persian and English, the extension members. The enum, its
/// serde names (and so the OpenAPI `ErrorCode` schema), [`ErrorCode::ALL`],
/// [`ErrorCode::as_str`] and [`ErrorCode::info`] all come from it.
macro_rules! error_codes {
    ($($variant:ident => $code:tt, $status:ident, $fa:literal, $en:literal, $ext:expr;)+) => {
        /// Every problem `code` the service sends: one catalogue owns each code's HTTP status, its
        /// titles in both languages and the extension members its problems may carry. The OpenAPI
        /// `Problem` schema lists the codes and extensions from here.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, ToSchema)]
        pub enum ErrorCode {
            $(#[serde(rename = $code)] $variant,)+
        }

        impl ErrorCode {
            /// Every code, in the catalogue's order.
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$variant),+];

            /// The code as sent in `code` (snake_case).
            pub fn as_str(self) -> &'static str {
                match self {
                    $(ErrorCode::$variant => $code,)+
                }
            }

            /// Status, titles and extension members of the code.
            pub fn info(self) -> CodeInfo {
                match self {
                    $(ErrorCode::$variant => info(StatusCode::$status, $fa, $en, $ext),)+
                }
            }
        }
    };
}

error_codes! {
    BadRequest => "bad_request", BAD_REQUEST,
        "درخواست نامعتبر",
        "Bad request",
        &[];
    MalformedJson => "malformed_json", BAD_REQUEST,
        "بدنهٔ درخواست نامعتبر است",
        "Malformed JSON body",
        &[];
    InvalidQuery => "invalid_query", BAD_REQUEST,
        "پارامترهای پرس‌وجو نامعتبر است",
        "Invalid query parameters",
        &[];
    InvalidHeader => "invalid_header", BAD_REQUEST,
        "سرآیند نامعتبر",
        "Invalid header",
        &[];
    Unauthorized => "unauthorized", UNAUTHORIZED,
        "احراز هویت لازم است",
        "Authentication required",
        &[];
    InvalidCredentials => "invalid_credentials", UNAUTHORIZED,
        "نام کاربری یا گذرواژه نادرست است",
        "Invalid username or password",
        &[];
    InvalidToken => "invalid_token", UNAUTHORIZED,
        "توکن نامعتبر یا منقضی است",
        "Invalid or expired token",
        &[];
    InvalidClient => "invalid_client", UNAUTHORIZED,
        "احراز هویت سامانهٔ متقاضی ناموفق بود",
        "Client authentication failed",
        OAUTH_EXTENSIONS;
    InvalidRequest => "invalid_request", BAD_REQUEST,
        "درخواست توکن نامعتبر است",
        "Invalid token request",
        OAUTH_EXTENSIONS;
    UnsupportedGrantType => "unsupported_grant_type", BAD_REQUEST,
        "نوع درخواست توکن پشتیبانی نمی‌شود",
        "Unsupported grant type",
        OAUTH_EXTENSIONS;
    Forbidden => "forbidden", FORBIDDEN,
        "دسترسی مجاز نیست",
        "Forbidden",
        &[];
    CsrfFailed => "csrf_failed", FORBIDDEN,
        "درخواست از صفحهٔ سامانه نیامده است",
        "Cross-site request refused",
        &[];
    PasswordChangeRequired => "password_change_required", FORBIDDEN,
        "تغییر گذرواژه الزامی است",
        "Password change required",
        &[];
    CannotDisableSelf => "cannot_disable_self", CONFLICT,
        "تعارض با وضعیت فعلی",
        "Conflict",
        &[];
    NotFound => "not_found", NOT_FOUND,
        "یافت نشد",
        "Not found",
        &[];
    MethodNotAllowed => "method_not_allowed", METHOD_NOT_ALLOWED,
        "روش درخواست مجاز نیست",
        "Method not allowed",
        &[];
    NotAcceptable => "not_acceptable", NOT_ACCEPTABLE,
        "قالب پاسخ درخواستی پشتیبانی نمی‌شود",
        "Not acceptable",
        &[];
    InvalidTransition => "invalid_transition", CONFLICT,
        "این اقدام در وضعیت فعلی مجاز نیست",
        "Action not allowed in the current state",
        &["current_status"];
    Duplicate => "duplicate", CONFLICT,
        "رکورد تکراری",
        "Duplicate",
        &["existing_tracking_code", "field"];
    Conflict => "conflict", CONFLICT,
        "تعارض با وضعیت فعلی",
        "Conflict",
        &[];
    PermitRevoked => "permit_revoked", CONFLICT,
        "مجوز ابطال شده است",
        "The permit was revoked",
        &[];
    DocumentsMissing => "documents_missing", CONFLICT,
        "تعارض با وضعیت فعلی",
        "Conflict",
        &["missing_document_types"];
    QuotaExceeded => "quota_exceeded", CONFLICT,
        "سهمیهٔ مدارک این درخواست پر شده است",
        "Document quota exceeded",
        &[];
    IdempotencyInFlight => "idempotency_in_flight", CONFLICT,
        "درخواست قبلی با همین کلید هنوز در حال پردازش است",
        "A request with this idempotency key is still in progress",
        &[];
    IdempotencyKeyReused => "idempotency_key_reused", UNPROCESSABLE_ENTITY,
        "کلید یکتایی با بدنهٔ دیگری استفاده شده است",
        "Idempotency key reused with a different body",
        &[];
    CursorAhead => "cursor_ahead", CONFLICT,
        "نشانگر از آخرین رویداد جلوتر است",
        "The cursor is ahead of the newest event",
        &["newest_id"];
    PreconditionFailed => "precondition_failed", PRECONDITION_FAILED,
        "نسخهٔ ارسالی قدیمی است",
        "Precondition failed: stale version",
        &[];
    PreconditionRequired => "precondition_required", PRECONDITION_REQUIRED,
        "پیش‌شرط نسخه الزامی است",
        "Precondition required: send If-Match",
        &[];
    RequestTimeout => "request_timeout", REQUEST_TIMEOUT,
        "مهلت ارسال درخواست به پایان رسید",
        "Request timeout",
        &[];
    PayloadTooLarge => "payload_too_large", PAYLOAD_TOO_LARGE,
        "حجم درخواست بیش از حد مجاز است",
        "Payload too large",
        &["limit_bytes"];
    HeadersTooLarge => "headers_too_large", REQUEST_HEADER_FIELDS_TOO_LARGE,
        "سرآیندهای درخواست بیش از حد بزرگ است",
        "Request header fields too large",
        &[];
    UnsupportedMediaType => "unsupported_media_type", UNSUPPORTED_MEDIA_TYPE,
        "نوع محتوا پشتیبانی نمی‌شود",
        "Unsupported media type",
        &[];
    ValidationFailed => "validation_failed", UNPROCESSABLE_ENTITY,
        "اطلاعات ارسالی نامعتبر است",
        "Validation failed",
        &["next_working_day", "next_working_day_jalali"];
    InvalidCode => "invalid_code", UNPROCESSABLE_ENTITY,
        "شماره نادرست وارد شده است",
        "Mistyped number",
        &[];
    RateLimited => "rate_limited", TOO_MANY_REQUESTS,
        "تعداد درخواست‌ها بیش از حد مجاز است",
        "Too many requests",
        &["retry_after"];
    Maintenance => "maintenance", SERVICE_UNAVAILABLE,
        "سامانه در حال نگهداری است",
        "Service under maintenance",
        &["retry_after", "notice"];
    ServiceUnavailable => "service_unavailable", SERVICE_UNAVAILABLE,
        "سرویس در دسترس نیست",
        "Service unavailable",
        &["retry_after"];
    InternalError => "internal_error", INTERNAL_SERVER_ERROR,
        "خطای داخلی سرور",
        "Internal server error",
        &[];
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl ApiError {
    /// A problem of the catalogued `code`, with the status the catalogue gives it.
    pub fn new(code: ErrorCode, detail: Msg) -> Self {
        Self::with_status(code.info().status, code, detail)
    }

    /// A problem whose status is not the code's own: only for statuses produced by the
    /// framework outside the service's code (see `http::middleware`).
    pub fn with_status(status: StatusCode, code: ErrorCode, detail: Msg) -> Self {
        ApiError(Box::new(Inner {
            status,
            code,
            detail,
            errors: Vec::new(),
            extensions: Map::new(),
            headers: Vec::new(),
            cause: None,
        }))
    }

    pub fn status(&self) -> StatusCode {
        self.status
    }

    pub fn code(&self) -> ErrorCode {
        self.code
    }

    pub fn field_errors(&self) -> &[FieldIssue] {
        &self.errors
    }

    /// Adds an extension member to the problem body; the catalogue must list it for the code
    /// (checked in debug builds, so the `Problem` schema documents every member sent).
    pub fn with_extension(mut self, key: &str, value: impl Into<Value>) -> Self {
        debug_assert!(
            self.code.info().extensions.contains(&key),
            "extension {key} is not catalogued for {}",
            self.code
        );
        self.extensions.insert(key.to_owned(), value.into());
        self
    }

    pub fn with_header(mut self, name: header::HeaderName, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }

    /// Whether a header was set with [`ApiError::with_header`].
    pub fn has_header(&self, name: &header::HeaderName) -> bool {
        self.headers.iter().any(|(n, _)| n == name)
    }

    // ---- constructors, one per kind of problem -------------------------------------------

    pub fn bad_request(code: ErrorCode, fa: &str, en: &str) -> Self {
        Self::new(code, Msg::new(fa, en))
    }

    pub fn malformed_json(detail_en: &str) -> Self {
        Self::new(
            ErrorCode::MalformedJson,
            Msg::new(
                "بدنهٔ درخواست JSON معتبر نیست.",
                format!("The request body is not valid JSON: {detail_en}"),
            ),
        )
    }

    /// 400 `invalid_query` when no one parameter can be named (an unreadable query string).
    /// Prefer [`ApiError::query_param`].
    pub fn invalid_query(detail_en: &str) -> Self {
        Self::new(
            ErrorCode::InvalidQuery,
            Msg::new(
                "پارامترهای پرس‌وجو خوانا نیست؛ نام و مقدار هر پارامتر را بررسی کنید.",
                format!("Invalid query string: {detail_en}"),
            ),
        )
    }

    /// 400 `invalid_query` for one parameter. `why` is a predicate in both languages (e.g.
    /// «تاریخ معتبری نیست: …» / "is not a valid date: …"); the detail reads
    /// «پارامتر «from» تاریخ معتبری نیست: …» / "Query parameter 'from' is not a valid date: …",
    /// and `errors` holds `{field: <parameter>, code, message}` so clients can point at it.
    pub fn query_param(param: &str, code: &'static str, why: Msg) -> Self {
        let detail = Msg::new(
            format!("پارامتر «{param}» {}", why.fa),
            format!("Query parameter '{param}' {}", why.en),
        );
        let mut e = Self::new(ErrorCode::InvalidQuery, detail.clone());
        e.errors = vec![FieldIssue {
            field: param.to_owned(),
            code,
            message: detail,
        }];
        e
    }

    /// 400 `invalid_query`: query parameters a list does not take (`unknown_parameter` on each
    /// in `errors`); the detail names those it takes.
    pub fn unknown_query_params(names: &[String], allowed: &[String]) -> Self {
        let quoted_fa: Vec<String> = names.iter().map(|n| format!("«{n}»")).collect();
        let quoted_en: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
        let accepted = if allowed.is_empty() {
            Msg::new(
                "این فهرست هیچ پارامتری نمی‌پذیرد.",
                "This list takes no query parameters.",
            )
        } else {
            Msg::new(
                format!("پارامترهای پذیرفته‌شده: {}.", allowed.join("، ")),
                format!("Accepted parameters: {}.", allowed.join(", ")),
            )
        };
        let detail = if names.len() == 1 {
            Msg::new(
                format!(
                    "پارامتر {} شناخته‌شده نیست و پذیرفته نمی‌شود. {}",
                    quoted_fa.join(""),
                    accepted.fa
                ),
                format!(
                    "Query parameter {} is not known and is not accepted. {}",
                    quoted_en.join(""),
                    accepted.en
                ),
            )
        } else {
            Msg::new(
                format!(
                    "پارامترهای {} شناخته‌شده نیستند و پذیرفته نمی‌شوند. {}",
                    quoted_fa.join("، "),
                    accepted.fa
                ),
                format!(
                    "Query parameters {} are not known and are not accepted. {}",
                    quoted_en.join(", "),
                    accepted.en
                ),
            )
        };
        let mut e = Self::new(ErrorCode::InvalidQuery, detail);
        e.errors = names
            .iter()
            .map(|n| FieldIssue {
                field: n.clone(),
                code: "unknown_parameter",
                message: Msg::new(
                    format!("پارامتر «{n}» شناخته‌شده نیست و پذیرفته نمی‌شود."),
                    format!("Query parameter '{n}' is not known and is not accepted."),
                ),
            })
            .collect();
        e
    }

    pub fn unauthorized() -> Self {
        Self::new(
            ErrorCode::Unauthorized,
            Msg::new(
                "برای این درخواست باید وارد شوید.",
                "A valid bearer token is required.",
            ),
        )
        .with_header(header::WWW_AUTHENTICATE, "Bearer")
    }

    pub fn invalid_token() -> Self {
        Self::new(
            ErrorCode::InvalidToken,
            Msg::new(
                "توکن ارسالی نامعتبر یا منقضی است؛ دوباره وارد شوید.",
                "The token is invalid or expired; sign in again.",
            ),
        )
        .with_header(header::WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")
    }

    pub fn invalid_credentials() -> Self {
        Self::new(
            ErrorCode::InvalidCredentials,
            Msg::new(
                "نام کاربری یا گذرواژه نادرست است.",
                "The username or password is incorrect.",
            ),
        )
    }

    /// An RFC 6749 §5.2 error of the token endpoint: `code` is also sent as `error`, and the
    /// English detail as `error_description`.
    fn oauth(code: ErrorCode, fa: &str, en: &str) -> Self {
        Self::new(code, Msg::new(fa, en))
            .with_extension("error", code.as_str())
            .with_extension("error_description", en)
    }

    /// 401 `invalid_client`: the client's id or secret is wrong or missing, or the client is
    /// disabled (RFC 6749 §5.2); `WWW-Authenticate` names HTTP Basic.
    pub fn invalid_client() -> Self {
        Self::oauth(
            ErrorCode::InvalidClient,
            "شناسه یا رمز سامانهٔ متقاضی نادرست است یا این حساب غیرفعال است.",
            "Client authentication failed: unknown client, wrong secret, no client authentication included, or the client is disabled.",
        )
        .with_header(header::WWW_AUTHENTICATE, "Basic realm=\"plate-permits\"")
    }

    /// 400 `invalid_request` (RFC 6749 §5.2): a parameter is missing, repeated or malformed.
    pub fn invalid_request(fa: &str, en: &str) -> Self {
        Self::oauth(ErrorCode::InvalidRequest, fa, en)
    }

    /// 400 `unsupported_grant_type` (RFC 6749 §5.2): only `client_credentials` is offered.
    pub fn unsupported_grant_type() -> Self {
        Self::oauth(
            ErrorCode::UnsupportedGrantType,
            "این سامانه تنها نوع client_credentials را برای دریافت توکن می‌پذیرد.",
            "Only grant_type=client_credentials is supported.",
        )
    }

    pub fn forbidden() -> Self {
        Self::new(
            ErrorCode::Forbidden,
            Msg::new(
                "نقش شما اجازهٔ این اقدام را ندارد.",
                "Your role is not allowed to do this.",
            ),
        )
    }

    /// 403 `csrf_failed`: a call authenticated by the refresh cookie came without the
    /// `X-CSRF-Token` header matching the `pp_csrf` cookie, or from another origin.
    pub fn csrf_failed() -> Self {
        Self::new(
            ErrorCode::CsrfFailed,
            Msg::new(
                "این درخواست از صفحهٔ خود سامانه نیامده است؛ صفحه را دوباره باز کنید و وارد شوید.",
                "This request did not come from the service's own page; reload the page and sign in again.",
            ),
        )
    }

    pub fn password_change_required() -> Self {
        Self::new(
            ErrorCode::PasswordChangeRequired,
            Msg::new(
                "پیش از ادامه باید گذرواژهٔ خود را تغییر دهید.",
                "You must change your password before continuing.",
            ),
        )
    }

    /// A number (permit number, tracking code) that cannot be right: its check digit does not
    /// match, or it is not 12 digits. A typing mistake, said plainly.
    pub fn invalid_code() -> Self {
        Self::new(
            ErrorCode::InvalidCode,
            Msg::new(
                "این شماره اشتباه تایپی دارد؛ لطفاً آن را دوباره از روی برگهٔ مجوز بخوانید و با دقت وارد کنید. شمارهٔ مجوز ۱۲ رقم است.",
                "This number has a typing mistake; please read it again from the permit and type it carefully. A permit number has 12 digits.",
            ),
        )
    }

    pub fn not_found() -> Self {
        Self::new(
            ErrorCode::NotFound,
            Msg::new(
                "منبع درخواستی یافت نشد.",
                "The requested resource was not found.",
            ),
        )
    }

    pub fn method_not_allowed(allow: &str) -> Self {
        Self::new(
            ErrorCode::MethodNotAllowed,
            Msg::new(
                format!("این مسیر تنها روش‌های {allow} را می‌پذیرد."),
                format!("This path only accepts {allow}."),
            ),
        )
        .with_header(header::ALLOW, allow)
    }

    pub fn not_acceptable(fa: &str, en: &str) -> Self {
        Self::new(ErrorCode::NotAcceptable, Msg::new(fa, en))
    }

    pub fn invalid_transition(current_status: &str, label_fa: &str) -> Self {
        Self::new(
            ErrorCode::InvalidTransition,
            Msg::new(
                format!("این اقدام در وضعیت فعلی («{label_fa}») مجاز نیست."),
                format!("This action is not allowed while the status is '{current_status}'."),
            ),
        )
        .with_extension("current_status", current_status)
    }

    pub fn duplicate(fa: impl Into<String>, en: impl Into<String>) -> Self {
        Self::new(ErrorCode::Duplicate, Msg::new(fa, en))
    }

    /// Whether this is a 429 `rate_limited` (a throttle or rate limit held the call off).
    pub fn is_rate_limited(&self) -> bool {
        self.code() == ErrorCode::RateLimited
    }

    /// 409 `cursor_ahead`: a feed cursor past the newest event (a poller whose saved cursor
    /// outlived a restore); `newest_id` is where it may resume.
    pub fn cursor_ahead(param: &str, newest: i64) -> Self {
        ApiError::new(
            ErrorCode::CursorAhead,
            Msg::new(
                format!("«{param}» از آخرین رویداد (شمارهٔ {}) جلوتر است؛ اگر داده‌ها بازیابی شده‌اند، از «newest_id» یا کمتر ادامه دهید.", crate::domain::text::persian_digits(&newest.to_string())),
                format!("'{param}' is past the newest event ({newest}); if the data was restored, resume from 'newest_id' or lower."),
            ),
        )
        .with_extension("newest_id", newest.to_string())
    }

    pub fn conflict(code: ErrorCode, fa: impl Into<String>, en: impl Into<String>) -> Self {
        Self::new(code, Msg::new(fa, en))
    }

    pub fn precondition_failed() -> Self {
        Self::new(
            ErrorCode::PreconditionFailed,
            Msg::new(
                "این منبع پس از دریافت شما تغییر کرده است؛ دوباره بخوانید و تکرار کنید.",
                "The resource changed since you read it (stale If-Match); reload and retry.",
            ),
        )
    }

    /// 428 (RFC 6585): a call that changes a versioned resource came without `If-Match`.
    pub fn precondition_required() -> Self {
        Self::new(
            ErrorCode::PreconditionRequired,
            Msg::new(
                "این درخواست باید سرآیند If-Match را با ETag آخرین نسخه‌ای که خوانده‌اید همراه داشته باشد؛ منبع را بخوانید و با ETag آن تکرار کنید.",
                "This call requires an If-Match header carrying the ETag you last read; read the resource and retry with its ETag.",
            ),
        )
    }

    pub fn payload_too_large(limit_bytes: u64) -> Self {
        Self::new(
            ErrorCode::PayloadTooLarge,
            Msg::new(
                format!("حجم درخواست بیش از حد مجاز ({limit_bytes} بایت) است."),
                format!("The request body exceeds the limit of {limit_bytes} bytes."),
            ),
        )
        .with_extension("limit_bytes", limit_bytes)
    }

    /// 408: the body did not arrive within `CLIENT_BODY_TIMEOUT_SECS`; the connection is closed.
    pub fn request_timeout(secs: u64) -> Self {
        Self::new(
            ErrorCode::RequestTimeout,
            Msg::new(
                format!("بدنهٔ درخواست در مهلت مقرر ({secs} ثانیه) به‌طور کامل دریافت نشد."),
                format!("The request body did not arrive in full within {secs} seconds."),
            ),
        )
    }

    /// 409: a request's documents would exceed the configured count or total size.
    pub fn document_quota_exceeded(max_count: u32, max_bytes: u64, by_count: bool) -> Self {
        let mib = max_bytes as f64 / (1024.0 * 1024.0);
        let size = if max_bytes % (1024 * 1024) == 0 {
            format!("{}", max_bytes / (1024 * 1024))
        } else {
            format!("{mib:.1}")
        };
        let (fa, en) = if by_count {
            (
                format!(
                    "هر درخواست حداکثر {max_count} مدرک می‌تواند داشته باشد و این سقف پر شده است."
                ),
                format!("A request may hold at most {max_count} documents; the limit is reached."),
            )
        } else {
            (
                format!("مجموع حجم مدارک هر درخواست حداکثر {size} مگابایت است و این فایل از سقف فراتر می‌رود."),
                format!("The documents of a request may total at most {size} MiB; this file would exceed it."),
            )
        };
        Self::new(ErrorCode::QuotaExceeded, Msg::new(fa, en))
    }

    /// 431: the request's headers are larger (in bytes or in number) than the service reads.
    pub fn headers_too_large(max_bytes: usize, max_count: usize) -> Self {
        Self::new(
            ErrorCode::HeadersTooLarge,
            Msg::new(
                format!(
                    "سرآیندهای درخواست از حد مجاز ({max_bytes} بایت یا {max_count} سرآیند) بیشتر است."
                ),
                format!(
                    "The request's header fields exceed the limit of {max_bytes} bytes or {max_count} fields."
                ),
            ),
        )
    }

    pub fn unsupported_media_type(fa: impl Into<String>, en: impl Into<String>) -> Self {
        Self::new(ErrorCode::UnsupportedMediaType, Msg::new(fa, en))
    }

    /// 422 with field errors.
    pub fn validation(errors: Vec<FieldIssue>) -> Self {
        let mut e = Self::new(
            ErrorCode::ValidationFailed,
            Msg::new(
                "یک یا چند فیلد نامعتبر است.",
                "One or more fields are invalid.",
            ),
        );
        e.errors = errors;
        e
    }

    /// 422 for one field.
    pub fn invalid_field(issue: FieldIssue) -> Self {
        Self::validation(vec![issue])
    }

    /// Whether one of the field issues has this code.
    pub fn has_issue_code(&self, code: &str) -> bool {
        self.0.errors.iter().any(|i| i.code == code)
    }

    /// 422 with a code of its own (e.g. `idempotency_key_reused`).
    pub fn unprocessable(code: ErrorCode, fa: impl Into<String>, en: impl Into<String>) -> Self {
        Self::new(code, Msg::new(fa, en))
    }

    pub fn rate_limited(retry_after_secs: u64) -> Self {
        let secs = retry_after_secs.max(1);
        Self::new(
            ErrorCode::RateLimited,
            Msg::new(
                format!("تعداد درخواست‌ها زیاد است؛ {secs} ثانیهٔ دیگر تلاش کنید."),
                format!("Too many requests; retry in {secs} seconds."),
            ),
        )
        .with_extension("retry_after", secs)
        .with_header(header::RETRY_AFTER, secs.to_string())
    }

    /// 429: the client's address already has the maximum number of requests in flight.
    pub fn too_many_in_flight(max: u32) -> Self {
        Self::new(
            ErrorCode::RateLimited,
            Msg::new(
                format!("از نشانی شما بیش از {max} درخواست هم‌زمان در جریان است؛ پس از پایان آن‌ها دوباره تلاش کنید."),
                format!("Your address already has {max} requests in flight; retry when they finish."),
            ),
        )
        .with_extension("retry_after", 1)
        .with_header(header::RETRY_AFTER, "1")
    }

    pub fn service_unavailable() -> Self {
        Self::new(
            ErrorCode::ServiceUnavailable,
            Msg::new(
                "سرویس موقتاً در دسترس نیست؛ کمی بعد تلاش کنید.",
                "The service is temporarily unavailable; try again shortly.",
            ),
        )
        .retry_after(5)
    }

    /// 503: reads are being audited faster than the audit can be written (SQLite; see
    /// `audit::Trail`), so this read is not served unrecorded.
    pub fn audit_backlog_full() -> Self {
        tracing::warn!("read refused: too many audit entries wait to be written");
        Self::new(
            ErrorCode::ServiceUnavailable,
            Msg::new(
                "بازدیدها فعلاً در سامانهٔ رویدادنگاری ثبت نمی‌شوند و برای حفظ محرمانگی، اطلاعات تا ثبت آن‌ها نمایش داده نمی‌شود؛ ۵ ثانیهٔ دیگر تلاش کنید.",
                "Reads cannot be recorded in the audit trail right now, and none is served unrecorded; retry in 5 seconds.",
            ),
        )
        .retry_after(5)
    }

    /// 503: the database cannot take the call now (no primary reachable during a failover,
    /// a lost connection, a server starting up or read-only). Safe to retry after
    /// `retry_after_secs`; with an `Idempotency-Key` a retry never applies a change twice.
    pub fn database_unavailable(why: Transient, retry_after_secs: u64) -> Self {
        let secs = retry_after_secs.max(1);
        tracing::warn!(reason = why.as_str(), "database unavailable; answered 503");
        let (fa, en) = match why {
            Transient::ReadOnly => (
                format!("پایگاه داده در حال جابه‌جایی است و فعلاً تغییری نمی‌پذیرد؛ {secs} ثانیهٔ دیگر تلاش کنید."),
                format!("The database is switching over and accepts no change right now; retry in {secs} seconds."),
            ),
            Transient::ConnectionLost | Transient::ServerUnavailable => (
                format!("ارتباط با پایگاه داده موقتاً برقرار نیست؛ {secs} ثانیهٔ دیگر تلاش کنید."),
                format!("The database cannot be reached right now; retry in {secs} seconds."),
            ),
        };
        Self::new(ErrorCode::ServiceUnavailable, Msg::new(fa, en)).retry_after(secs)
    }

    /// Sets `Retry-After` and the `retry_after` member together.
    fn retry_after(self, secs: u64) -> Self {
        self.with_extension("retry_after", secs)
            .with_header(header::RETRY_AFTER, secs.to_string())
    }

    /// This error, re-read as a lost connection: the call failed and its connection no longer
    /// answers (an error text [`transient`] does not know, e.g. in another language). The
    /// first cause goes to the log.
    pub fn connection_lost_after(self) -> Self {
        tracing::warn!(
            cause = self.cause.as_deref().unwrap_or(self.code.as_str()),
            "database call failed and its connection no longer answers"
        );
        Self::database_unavailable(Transient::ConnectionLost, DB_RETRY_AFTER_SECS)
    }

    /// 500: the cause is logged (with the request id) and never sent to the client.
    pub fn internal(cause: impl fmt::Display) -> Self {
        let mut e = Self::new(
            ErrorCode::InternalError,
            Msg::new(
                "خطای داخلی رخ داد. شناسهٔ درخواست را به پشتیبانی اعلام کنید.",
                "An internal error occurred. Quote the request id to support.",
            ),
        );
        e.cause = Some(cause.to_string());
        e
    }

    /// The internal cause of a 500, for the log only.
    pub fn cause(&self) -> Option<&str> {
        self.cause.as_deref()
    }

    /// The problem body in the given language. Persian texts are written with Persian digits
    /// (ASCII digits in a Persian `title`, `detail` or field `message` are converted here, so
    /// each message may format numbers plainly).
    pub fn body(&self, lang: Lang) -> Value {
        let info = self.code.info();
        let (title_fa, title_en) = (info.title_fa, info.title_en);
        let localise = |m: &Msg| -> String {
            match lang {
                Lang::Fa => persian_digits(&m.fa),
                Lang::En => m.en.clone(),
            }
        };
        let mut body = Map::new();
        body.insert(
            "type".into(),
            Value::String(format!("urn:plate-permits:problem:{}", self.code.as_str())),
        );
        body.insert(
            "title".into(),
            Value::String(match lang {
                Lang::Fa => persian_digits(title_fa),
                Lang::En => title_en.to_owned(),
            }),
        );
        body.insert("status".into(), Value::from(self.status.as_u16()));
        body.insert("detail".into(), Value::String(localise(&self.detail)));
        body.insert("code".into(), Value::String(self.code.as_str().to_owned()));
        body.insert(
            "errors".into(),
            Value::Array(
                self.errors
                    .iter()
                    .map(|e| {
                        serde_json::json!({
                            "field": e.field,
                            "code": e.code,
                            "message": localise(&e.message),
                        })
                    })
                    .collect(),
            ),
        );
        for (k, v) in &self.extensions {
            body.entry(k.clone()).or_insert_with(|| v.clone());
        }
        Value::Object(body)
    }

    /// Renders the problem response in the given language.
    pub fn render(&self, lang: Lang) -> HttpResponse {
        let mut builder = HttpResponse::build(self.status);
        builder.insert_header((
            header::CONTENT_TYPE,
            HeaderValue::from_static(PROBLEM_CONTENT_TYPE),
        ));
        builder.insert_header((
            header::CONTENT_LANGUAGE,
            HeaderValue::from_static(match lang {
                Lang::Fa => "fa",
                Lang::En => "en",
            }),
        ));
        for (name, value) in &self.headers {
            if let Ok(v) = HeaderValue::from_str(value) {
                builder.insert_header((name.clone(), v));
            }
        }
        builder.body(self.body(lang).to_string())
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        self.status
    }

    fn error_response(&self) -> HttpResponse {
        self.render(Lang::Fa)
    }
}

impl From<diesel::result::Error> for ApiError {
    fn from(err: diesel::result::Error) -> Self {
        use diesel::result::{DatabaseErrorKind, Error};
        match err {
            Error::NotFound => ApiError::not_found(),
            Error::DatabaseError(DatabaseErrorKind::UniqueViolation, _) => ApiError::duplicate(
                "رکوردی با همین مشخصات از قبل وجود دارد.",
                "A record with the same identifying values already exists.",
            ),
            Error::DatabaseError(DatabaseErrorKind::SerializationFailure, _) => ApiError::conflict(
                ErrorCode::Conflict,
                "تغییر همزمان دیگری انجام شد؛ دوباره تلاش کنید.",
                "A concurrent change happened; retry.",
            ),
            other => match transient::classify(&other) {
                Some(why) => ApiError::database_unavailable(why, DB_RETRY_AFTER_SECS),
                None => ApiError::internal(format!("database: {other}")),
            },
        }
    }
}

impl From<r2d2::Error> for ApiError {
    fn from(err: r2d2::Error) -> Self {
        tracing::warn!(error = %err, "database connection unavailable");
        ApiError::database_unavailable(Transient::ConnectionLost, DB_RETRY_AFTER_SECS)
    }
}

impl From<actix_web::error::BlockingError> for ApiError {
    fn from(err: actix_web::error::BlockingError) -> Self {
        ApiError::internal(format!("blocking task failed: {err}"))
    }
}

pub type ApiResult<T> = Result<T, ApiError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problem_body_has_every_member_in_both_languages() {
        let e = ApiError::validation(vec![FieldIssue::required("plate").under("vehicle")]);
        let fa = e.body(Lang::Fa);
        assert_eq!(fa["status"], 422);
        assert_eq!(fa["code"], "validation_failed");
        assert_eq!(fa["errors"][0]["field"], "vehicle.plate");
        assert_eq!(fa["errors"][0]["code"], "required");
        assert_eq!(fa["title"], "اطلاعات ارسالی نامعتبر است");
        let en = e.body(Lang::En);
        assert_eq!(en["title"], "Validation failed");
        assert_eq!(en["errors"][0]["message"], "This field is required.");
    }

    #[test]
    fn the_problem_schema_documents_every_catalogued_code_and_extension() {
        use utoipa::PartialSchema;
        let schema = serde_json::to_value(Problem::schema()).unwrap();
        let props = &schema["properties"];
        let codes = serde_json::to_value(ErrorCode::schema()).unwrap();
        let listed: Vec<&str> = codes["enum"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert_eq!(listed.len(), ErrorCode::ALL.len());
        for code in ErrorCode::ALL {
            assert!(
                listed.contains(&code.as_str()),
                "{code} missing from the schema"
            );
            for ext in code.info().extensions {
                assert!(
                    props.get(*ext).is_some(),
                    "{code}: extension {ext} not documented"
                );
            }
            // The body says the same code the catalogue names.
            let body = ApiError::new(*code, Msg::new("x", "x")).body(Lang::En);
            assert_eq!(body["code"], code.as_str());
            assert_eq!(body["status"], code.info().status.as_u16());
        }
    }

    /// Every Persian title of the catalogue is Persian: no ASCII digits, no English words.
    #[test]
    fn persian_titles_have_no_ascii_digits_or_english_words() {
        for code in ErrorCode::ALL {
            let title = code.info().title_fa;
            assert!(
                !title.chars().any(|c| c.is_ascii_alphanumeric()),
                "{code}: {title}"
            );
            let body = ApiError::new(*code, Msg::new("x", "x")).body(Lang::Fa);
            assert_eq!(body["title"], title);
        }
    }

    #[test]
    fn persian_details_and_field_messages_are_rendered_with_persian_digits() {
        let e = ApiError::payload_too_large(1024);
        assert_eq!(
            e.body(Lang::Fa)["detail"],
            "حجم درخواست بیش از حد مجاز (۱۰۲۴ بایت) است."
        );
        assert_eq!(
            e.body(Lang::En)["detail"],
            "The request body exceeds the limit of 1024 bytes."
        );
        let v = ApiError::validation(vec![FieldIssue::new(
            "name",
            "too_long",
            "حداکثر 200 نویسه مجاز است.",
            "At most 200 characters are allowed.",
        )]);
        assert_eq!(
            v.body(Lang::Fa)["errors"][0]["message"],
            "حداکثر ۲۰۰ نویسه مجاز است."
        );
        assert_eq!(
            v.body(Lang::En)["errors"][0]["message"],
            "At most 200 characters are allowed."
        );
    }

    #[test]
    fn query_param_errors_name_the_parameter_in_both_languages() {
        let e = ApiError::query_param(
            "limit",
            "out_of_range",
            Msg::new(
                "باید عددی از 1 تا 200 باشد.",
                "must be a number from 1 to 200.",
            ),
        );
        assert_eq!(e.status(), StatusCode::BAD_REQUEST);
        let fa = e.body(Lang::Fa);
        assert_eq!(fa["detail"], "پارامتر «limit» باید عددی از ۱ تا ۲۰۰ باشد.");
        assert_eq!(fa["errors"][0]["field"], "limit");
        assert_eq!(fa["errors"][0]["code"], "out_of_range");
        let en = e.body(Lang::En);
        assert_eq!(
            en["detail"],
            "Query parameter 'limit' must be a number from 1 to 200."
        );
    }

    #[test]
    fn internal_errors_hide_the_cause() {
        let e = ApiError::internal("SELECT * FROM secret_table at /srv/app.rs:12");
        let body = e.body(Lang::En).to_string();
        assert!(!body.contains("secret_table"));
        assert!(!body.contains("/srv"));
        assert_eq!(
            e.cause(),
            Some("SELECT * FROM secret_table at /srv/app.rs:12")
        );
    }

    #[test]
    fn diesel_errors_map_to_statuses() {
        assert_eq!(
            ApiError::from(diesel::result::Error::NotFound).status(),
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            ApiError::from(diesel::result::Error::RollbackTransaction).status(),
            StatusCode::INTERNAL_SERVER_ERROR
        );
    }
}
