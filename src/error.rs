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

use crate::i18n::{Lang, Msg};

pub const PROBLEM_CONTENT_TYPE: &str = "application/problem+json";

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
#[schema(example = json!({
    "type": "urn:plate-permits:problem:validation_failed",
    "title": "اطلاعات ارسالی نامعتبر است",
    "status": 422,
    "detail": "یک یا چند فیلد نامعتبر است.",
    "code": "validation_failed",
    "errors": [{"field": "vehicle.plate", "code": "invalid_plate", "message": "حرف پلاک برای خودروهای دولتی مجاز نیست."}]
}))]
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
    pub code: String,
    /// Field errors (for `validation_failed` and similar); empty otherwise.
    pub errors: Vec<ProblemFieldError>,
    /// For `invalid_transition`: the resource's current status.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub current_status: Option<String>,
    /// For `duplicate`: the tracking code of the existing open request, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub existing_tracking_code: Option<String>,
    /// For `rate_limited` and `maintenance`: seconds until a retry may succeed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<u64>,
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
    code: &'static str,
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
        write!(f, "{} {}", self.status.as_u16(), self.code)
    }
}

impl std::error::Error for ApiError {}

/// Titles by code, (Persian, English).
fn title(code: &str, status: StatusCode) -> (&'static str, &'static str) {
    match code {
        "bad_request" => ("درخواست نامعتبر", "Bad request"),
        "malformed_json" => ("بدنه JSON نامعتبر است", "Malformed JSON body"),
        "invalid_query" => ("پارامترهای پرس‌وجو نامعتبر است", "Invalid query parameters"),
        "invalid_header" => ("سرآیند نامعتبر", "Invalid header"),
        "unauthorized" => ("احراز هویت لازم است", "Authentication required"),
        "invalid_credentials" => (
            "نام کاربری یا گذرواژه نادرست است",
            "Invalid username or password",
        ),
        "invalid_token" => ("توکن نامعتبر یا منقضی است", "Invalid or expired token"),
        "forbidden" => ("دسترسی مجاز نیست", "Forbidden"),
        "password_change_required" => ("تغییر گذرواژه الزامی است", "Password change required"),
        "not_found" => ("یافت نشد", "Not found"),
        "method_not_allowed" => ("روش درخواست مجاز نیست", "Method not allowed"),
        "not_acceptable" => ("قالب پاسخ درخواستی پشتیبانی نمی‌شود", "Not acceptable"),
        "invalid_transition" => (
            "این اقدام در وضعیت فعلی مجاز نیست",
            "Action not allowed in the current state",
        ),
        "duplicate" => ("رکورد تکراری", "Duplicate"),
        "conflict" => ("تعارض با وضعیت فعلی", "Conflict"),
        "idempotency_in_flight" => (
            "درخواست قبلی با همین کلید هنوز در حال پردازش است",
            "A request with this idempotency key is still in progress",
        ),
        "idempotency_key_reused" => (
            "کلید یکتایی با بدنهٔ دیگری استفاده شده است",
            "Idempotency key reused with a different body",
        ),
        "precondition_failed" => (
            "نسخهٔ ارسالی قدیمی است",
            "Precondition failed: stale version",
        ),
        "payload_too_large" => ("حجم درخواست بیش از حد مجاز است", "Payload too large"),
        "unsupported_media_type" => ("نوع محتوا پشتیبانی نمی‌شود", "Unsupported media type"),
        "validation_failed" => ("اطلاعات ارسالی نامعتبر است", "Validation failed"),
        "rate_limited" => ("تعداد درخواست‌ها بیش از حد مجاز است", "Too many requests"),
        "maintenance" => ("سامانه در حال نگهداری است", "Service under maintenance"),
        "service_unavailable" => ("سرویس در دسترس نیست", "Service unavailable"),
        "internal_error" => ("خطای داخلی سرور", "Internal server error"),
        _ => match status.as_u16() {
            400 => ("درخواست نامعتبر", "Bad request"),
            401 => ("احراز هویت لازم است", "Authentication required"),
            403 => ("دسترسی مجاز نیست", "Forbidden"),
            404 => ("یافت نشد", "Not found"),
            409 => ("تعارض با وضعیت فعلی", "Conflict"),
            413 => ("حجم درخواست بیش از حد مجاز است", "Payload too large"),
            415 => ("نوع محتوا پشتیبانی نمی‌شود", "Unsupported media type"),
            422 => ("اطلاعات ارسالی نامعتبر است", "Validation failed"),
            429 => ("تعداد درخواست‌ها بیش از حد مجاز است", "Too many requests"),
            503 => ("سرویس در دسترس نیست", "Service unavailable"),
            _ => ("خطا", "Error"),
        },
    }
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, detail: Msg) -> Self {
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

    pub fn code(&self) -> &'static str {
        self.code
    }

    pub fn field_errors(&self) -> &[FieldIssue] {
        &self.errors
    }

    /// Adds an extension member to the problem body.
    pub fn with_extension(mut self, key: &str, value: impl Into<Value>) -> Self {
        self.extensions.insert(key.to_owned(), value.into());
        self
    }

    pub fn with_header(mut self, name: header::HeaderName, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }

    // ---- constructors, one per kind of problem -------------------------------------------

    pub fn bad_request(code: &'static str, fa: &str, en: &str) -> Self {
        Self::new(StatusCode::BAD_REQUEST, code, Msg::new(fa, en))
    }

    pub fn malformed_json(detail_en: &str) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "malformed_json",
            Msg::new(
                "بدنهٔ درخواست JSON معتبر نیست.",
                format!("The request body is not valid JSON: {detail_en}"),
            ),
        )
    }

    pub fn invalid_query(detail_en: &str) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "invalid_query",
            Msg::new(
                "پارامترهای پرس‌وجو نامعتبر است.",
                format!("Invalid query string: {detail_en}"),
            ),
        )
    }

    pub fn unauthorized() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            Msg::new(
                "برای این درخواست باید وارد شوید.",
                "A valid bearer token is required.",
            ),
        )
        .with_header(header::WWW_AUTHENTICATE, "Bearer")
    }

    pub fn invalid_token() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "invalid_token",
            Msg::new(
                "توکن ارسالی نامعتبر یا منقضی است؛ دوباره وارد شوید.",
                "The token is invalid or expired; sign in again.",
            ),
        )
        .with_header(header::WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")
    }

    pub fn invalid_credentials() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "invalid_credentials",
            Msg::new(
                "نام کاربری یا گذرواژه نادرست است.",
                "The username or password is incorrect.",
            ),
        )
    }

    pub fn forbidden() -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            "forbidden",
            Msg::new(
                "نقش شما اجازهٔ این اقدام را ندارد.",
                "Your role is not allowed to do this.",
            ),
        )
    }

    pub fn password_change_required() -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            "password_change_required",
            Msg::new(
                "پیش از ادامه باید گذرواژهٔ خود را تغییر دهید.",
                "You must change your password before continuing.",
            ),
        )
    }

    pub fn not_found() -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "not_found",
            Msg::new(
                "منبع درخواستی یافت نشد.",
                "The requested resource was not found.",
            ),
        )
    }

    pub fn method_not_allowed(allow: &str) -> Self {
        Self::new(
            StatusCode::METHOD_NOT_ALLOWED,
            "method_not_allowed",
            Msg::new(
                format!("این مسیر تنها روش‌های {allow} را می‌پذیرد."),
                format!("This path only accepts {allow}."),
            ),
        )
        .with_header(header::ALLOW, allow)
    }

    pub fn not_acceptable(fa: &str, en: &str) -> Self {
        Self::new(
            StatusCode::NOT_ACCEPTABLE,
            "not_acceptable",
            Msg::new(fa, en),
        )
    }

    pub fn invalid_transition(current_status: &str, label_fa: &str) -> Self {
        Self::new(
            StatusCode::CONFLICT,
            "invalid_transition",
            Msg::new(
                format!("این اقدام در وضعیت فعلی («{label_fa}») مجاز نیست."),
                format!("This action is not allowed while the status is '{current_status}'."),
            ),
        )
        .with_extension("current_status", current_status)
    }

    pub fn duplicate(fa: impl Into<String>, en: impl Into<String>) -> Self {
        Self::new(StatusCode::CONFLICT, "duplicate", Msg::new(fa, en))
    }

    pub fn conflict(code: &'static str, fa: impl Into<String>, en: impl Into<String>) -> Self {
        Self::new(StatusCode::CONFLICT, code, Msg::new(fa, en))
    }

    pub fn precondition_failed() -> Self {
        Self::new(
            StatusCode::PRECONDITION_FAILED,
            "precondition_failed",
            Msg::new(
                "این منبع پس از دریافت شما تغییر کرده است؛ دوباره بخوانید و تکرار کنید.",
                "The resource changed since you read it (stale If-Match); reload and retry.",
            ),
        )
    }

    pub fn payload_too_large(limit_bytes: u64) -> Self {
        Self::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "payload_too_large",
            Msg::new(
                format!("حجم درخواست بیش از حد مجاز ({limit_bytes} بایت) است."),
                format!("The request body exceeds the limit of {limit_bytes} bytes."),
            ),
        )
        .with_extension("limit_bytes", limit_bytes)
    }

    pub fn unsupported_media_type(fa: impl Into<String>, en: impl Into<String>) -> Self {
        Self::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            Msg::new(fa, en),
        )
    }

    /// 422 with field errors.
    pub fn validation(errors: Vec<FieldIssue>) -> Self {
        let mut e = Self::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
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

    /// 422 with a code of its own (e.g. `idempotency_key_reused`).
    pub fn unprocessable(code: &'static str, fa: impl Into<String>, en: impl Into<String>) -> Self {
        Self::new(StatusCode::UNPROCESSABLE_ENTITY, code, Msg::new(fa, en))
    }

    pub fn rate_limited(retry_after_secs: u64) -> Self {
        let secs = retry_after_secs.max(1);
        Self::new(
            StatusCode::TOO_MANY_REQUESTS,
            "rate_limited",
            Msg::new(
                format!("تعداد درخواست‌ها زیاد است؛ {secs} ثانیهٔ دیگر تلاش کنید."),
                format!("Too many requests; retry in {secs} seconds."),
            ),
        )
        .with_extension("retry_after", secs)
        .with_header(header::RETRY_AFTER, secs.to_string())
    }

    pub fn service_unavailable() -> Self {
        Self::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "service_unavailable",
            Msg::new(
                "سرویس موقتاً در دسترس نیست؛ کمی بعد تلاش کنید.",
                "The service is temporarily unavailable; try again shortly.",
            ),
        )
        .with_header(header::RETRY_AFTER, "5")
    }

    /// 500: the cause is logged (with the request id) and never sent to the client.
    pub fn internal(cause: impl fmt::Display) -> Self {
        let mut e = Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal_error",
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

    /// The problem body in the given language.
    pub fn body(&self, lang: Lang) -> Value {
        let (title_fa, title_en) = title(self.code, self.status);
        let mut body = Map::new();
        body.insert(
            "type".into(),
            Value::String(format!("urn:plate-permits:problem:{}", self.code)),
        );
        body.insert(
            "title".into(),
            Value::String(match lang {
                Lang::Fa => title_fa.to_owned(),
                Lang::En => title_en.to_owned(),
            }),
        );
        body.insert("status".into(), Value::from(self.status.as_u16()));
        body.insert(
            "detail".into(),
            Value::String(self.detail.get(lang).to_owned()),
        );
        body.insert("code".into(), Value::String(self.code.to_owned()));
        body.insert(
            "errors".into(),
            Value::Array(
                self.errors
                    .iter()
                    .map(|e| {
                        serde_json::json!({
                            "field": e.field,
                            "code": e.code,
                            "message": e.message.get(lang),
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
                "conflict",
                "تغییر همزمان دیگری انجام شد؛ دوباره تلاش کنید.",
                "A concurrent change happened; retry.",
            ),
            Error::DatabaseError(DatabaseErrorKind::ClosedConnection, _) => {
                ApiError::service_unavailable()
            }
            other => ApiError::internal(format!("database: {other}")),
        }
    }
}

impl From<r2d2::Error> for ApiError {
    fn from(err: r2d2::Error) -> Self {
        tracing::warn!(error = %err, "database connection unavailable");
        ApiError::service_unavailable()
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
