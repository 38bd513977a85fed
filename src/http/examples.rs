//! Examples for every request body and every success response of the OpenAPI document.
//!
//! Request bodies: the examples written here, next to nothing else, one per body schema (or per
//! operation when two operations share a schema but need different values); a body with none
//! gets one built from its schema like a response. Success responses: built from their schema
//! (a property's own `example` first, then its format, enum or type), so a field added to a
//! view appears in its examples at once. The examples test checks every body and success
//! response has one that is valid against its schema; the Try-it-out test sends each body's
//! example to a fresh server and expects 2xx.
//!
//! Dates: an example's dates and times are computed from an [`ExampleDay`]. The served document
//! (`/api-docs/openapi.json`) uses the serving day of the service's clock, so a permit's
//! `valid_until` is always ahead and a receipt's `occurred_at` is now; the committed copy
//! (`openapi/openapi.json`) uses the fixed [`ExampleDay::committed`] so it stays byte-stable.

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeDelta, Utc};
use serde_json::{json, Map, Value};
use utoipa::openapi::{Content, OpenApi, RefOr};

/// The day (and instant) the examples' dates are computed from.
#[derive(Clone, Copy, Debug)]
pub struct ExampleDay {
    /// The service-local calendar day.
    pub today: NaiveDate,
    /// The instant, UTC.
    pub now: NaiveDateTime,
}

impl ExampleDay {
    /// The committed document's day: 2026-01-01, 10:00 Tehran time.
    pub fn committed() -> Self {
        let today = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default();
        let now = today
            .and_hms_opt(6, 30, 0)
            .unwrap_or_else(|| today.and_time(chrono::NaiveTime::MIN));
        ExampleDay { today, now }
    }

    /// The serving day of `clock` (whole seconds).
    pub fn of(clock: &crate::clock::Clock) -> Self {
        let now = clock.now();
        let now = chrono::DurationRound::duration_trunc(now, TimeDelta::seconds(1)).unwrap_or(now);
        ExampleDay {
            today: clock.today(),
            now,
        }
    }

    /// `days` after today, ISO `YYYY-MM-DD`.
    fn date(&self, days: i64) -> String {
        (self.today + TimeDelta::days(days))
            .format("%Y-%m-%d")
            .to_string()
    }

    /// `minutes` after now, RFC 3339 UTC.
    fn time(&self, minutes: i64) -> String {
        let t: DateTime<Utc> = (self.now + TimeDelta::minutes(minutes)).and_utc();
        t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
    }
}

/// An example id (a UUIDv7 as the service makes them).
const EXAMPLE_ID: &str = "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a";

/// The password of the example user (`CreateUser`), used by the sign-in example.
const EXAMPLE_PASSWORD: &str = "a-long-secret-password";

/// Examples of the account bodies (`LoginRequest` to `UpdateServiceAccount`).
fn account_body_example(schema: &str) -> Option<Value> {
    Some(match schema {
        "LoginRequest" => json!({"username": "m.karimi", "password": EXAMPLE_PASSWORD}),
        "RefreshRequest" | "LogoutRequest" => {
            json!({"refresh_token": "c2VjcmV0LXJlZnJlc2gtdG9rZW4tZXhhbXBsZQ"})
        }
        "ChangePasswordRequest" => json!({
            "current_password": EXAMPLE_PASSWORD,
            "new_password": "another-long-secret-2",
        }),
        "CreateOrganisation" => json!({
            "name": "اداره کل راه و شهرسازی استان آذربایجان شرقی",
            "kind": "agency",
            "national_id": "10380284790",
        }),
        "UpdateOrganisation" => json!({"name": "ادارهٔ کل راه و شهرسازی آذربایجان شرقی"}),
        "CreateUser" => json!({
            "username": "m.karimi",
            "full_name": "مریم کریمی",
            "role": "agency",
            "organisation_id": EXAMPLE_ID,
            "mobile": "09121234567",
            "password": EXAMPLE_PASSWORD,
        }),
        "UpdateUser" => json!({"full_name": "مریم کریمی‌نژاد", "mobile": "09121234568"}),
        "ClientCredentialsRequest" => json!({
            "grant_type": "client_credentials",
            "client_id": "svc_4f1c2a9e0b7d3c5a8e6f1b2d",
            "client_secret": "c2VjcmV0LWNsaWVudC1zZWNyZXQtZXhhbXBsZQ",
        }),
        "CreateServiceAccount" => json!({
            "name": "سامانهٔ پلیس راهور تهران",
            "role": "police",
            "organisation_id": EXAMPLE_ID,
        }),
        "UpdateServiceAccount" => json!({"name": "سامانهٔ پلیس راهور استان تهران"}),
        _ => return None,
    })
}

/// Examples of the filing bodies (`CreateRequest` to `ReissueBody`).
fn filing_body_example(schema: &str, d: &ExampleDay) -> Option<Value> {
    Some(match schema {
        "CreateRequest" => json!({
            "vehicle": {
                "plate": "۱۲ الف ۳۴۵ ایران ۶۷",
                "vin": "NAAN01CE8DK123456",
                "engine_number": "124K0123456",
                "make": "ایران خودرو",
                "model": "سمند LX",
                "year": 1391,
                "vehicle_type": "passenger_car",
                "vehicle_colour": "سفید",
            },
            "reason": "auction_sale",
            "letter": {"number": "۱۲۳/۴۵۶", "date": d.date(0)},
            "contact": {"name": "رضا احمدی", "mobile": "09141234567"},
            "description": "خودروی فرسوده، فروخته‌شده در مزایده",
        }),
        "CreateBatch" => json!({
            "reason": "auction_sale",
            "letter": {"number": "۱۲۳/۴۵۷", "date": d.date(0)},
            "contact": {"name": "رضا احمدی", "mobile": "09141234567"},
            "representative": {"full_name": "علی رضایی", "national_code": "0012345679"},
            "vehicles": [
                {"plate": "۴۵ الف ۶۷۸ ایران ۱۵", "vin": "NAAM01CA9JK123456",
                 "engine_number": "124K0123456", "make": "ایران خودرو", "model": "سمند LX",
                 "year": 1391, "vehicle_type": "passenger_car"},
                {"plate": "۵۶ الف ۷۸۹ ایران ۱۵", "chassis_number": "IRFC841V3AJ223458",
                 "engine_number": "124K0123457", "make": "ایران خودرو", "model": "پژو ۴۰۵",
                 "year": 1390, "vehicle_type": "passenger_car"},
            ],
        }),
        "BulkBody" => json!({
            "action": "issue_permit",
            "permit": {"valid_until": d.date(10)},
            "items": [
                {"request_id": EXAMPLE_ID, "if_match": "\"2\"",
                 "national_permit_number": "NV-1405-000101"},
                {"request_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1b", "if_match": "\"2\"",
                 "national_permit_number": "NV-1405-000102"},
            ],
        }),
        "RejectBody" => json!({
            "reason_code": "incomplete_documents",
            "reason": "سند مالکیت خودرو پیوست نشده است.",
        }),
        "ReasonBody" => json!({"reason": "خودرو از فهرست مزایده خارج شد."}),
        "NoteBody" => json!({"note": "مدارک کامل شد؛ درخواست دوباره بررسی می‌شود."}),
        "ReissueBody" => json!({"note": "جریمه‌های خودرو پرداخت شد (شمارهٔ پرداخت ۸۸۲۱۴۵)."}),
        _ => return None,
    })
}

/// Examples of the decision bodies (`CreateDocumentRequest` to `FeedbackInput`).
fn decision_body_example(schema: &str, d: &ExampleDay) -> Option<Value> {
    Some(match schema {
        "CreateDocumentRequest" => json!({
            "message": "لطفاً تصویر سند و کارت خودرو را بارگذاری کنید.",
            "items": [{"document_type": "ownership_document", "description": "سند مالکیت به نام دستگاه"}],
            "due_date": d.date(7),
        }),
        "UploadForm" => {
            json!({"file": "(a PDF, JPEG or PNG file)", "document_type": "ownership_document"})
        }
        "ResubmitBody" => json!({"note": "سند مالکیت بارگذاری شد."}),
        "IssuePermit" => json!({
            "national_permit_number": "NV-1405-884512",
            "valid_until": d.date(10),
            "notes": "فک پلاک در محل پارکینگ دستگاه",
        }),
        "PostRegistration" => json!({
            "national_registration_number": "NR-1405-003311",
            "registered_at": d.time(0),
        }),
        "PostReceipt" => json!({
            "outcome": "removed",
            "receipt_number": "R-5521",
            "occurred_at": d.time(0),
            "plates_count": 2,
            "officer_name": "سرهنگ رضایی",
            "unit": "راهور تبریز",
        }),
        "RevokePermit" => json!({
            "reason_code": "issued_in_error",
            "notes": "شمارهٔ مجوز سامانهٔ ملی اشتباه وارد شده بود.",
        }),
        "RecordForm" => json!({"file": "(the signed removal record: a PDF, JPEG or PNG file)"}),
        "UpdateOrderTemplate" => json!({
            "body": "با فک پلاک خودروی {make} {model}[ به رنگ {colour}] به شمارهٔ انتظامی {plate} موافقت می‌شود.",
        }),
        "CreateComplaint" => json!({
            "subject": "تأخیر در بررسی درخواست",
            "body": "درخواست ما دو هفته است در انتظار بررسی مانده است.",
            "category": "delay",
        }),
        "ResponseBody" => json!({"body": "درخواست شما امروز بررسی و مجوز آن صادر شد."}),
        "FeedbackInput" => json!({"rating": 4, "comment": "رسیدگی سریع و دقیق بود."}),
        _ => return None,
    })
}

/// Examples of the service bodies (`CreateNotice` to `ResolveConflict`).
fn service_body_example(schema: &str, d: &ExampleDay) -> Option<Value> {
    Some(match schema {
        "CreateNotice" => json!({
            "kind": "info",
            "title": "به‌روزرسانی سامانه",
            "body": "فرم ثبت درخواست از فردا فیلد رنگ خودرو را می‌پذیرد.",
            "starts_at": d.time(24 * 60),
            "ends_at": d.time(3 * 24 * 60),
            "read_only": false,
        }),
        "UpdateNotice" => json!({"title": "به‌روزرسانی سامانه (تمدید شد)"}),
        "CreateWebhook" => json!({
            "url": "https://hooks.example.org/plate-permits",
            "types": ["request.submitted", "permit.issued"],
        }),
        "UpdateTemplate" => json!({"body": "درخواست شما با کد رهگیری {tracking_code} ثبت شد."}),
        "HolidayInput" => json!({"date": d.date(45), "title": "تعطیلی رسمی استانی"}),
        "ConfirmHoliday" => json!({}),
        "WorkingRuleInput" => json!({
            "kind": "closure",
            "title": "تعطیلی ادارات استان به سبب گرما",
            "effective_from": d.date(60),
            "effective_to": d.date(60),
            "applies_to": "agencies",
        }),
        "UpdateWorkingRule" => json!({"title": "تعطیلی ادارات استان به سبب آلودگی هوا"}),
        "ClosureInput" => json!({
            "date": d.date(1),
            "title": "تعطیلی ادارات استان به سبب گرمای هوا",
            "from_time": "11:00",
        }),
        "ResolveConflict" => json!({
            "note": "با دستگاه نخست هماهنگ شد؛ درخواست آن برقرار ماند و به دستگاه دوم اطلاع داده شد.",
        }),
        _ => return None,
    })
}

/// The example of a request body, by operation id (first) or by the body's schema name.
/// Returns `None` for a body this table does not know (its example is then built from the
/// schema).
fn body_example(op_id: &str, schema: &str, d: &ExampleDay) -> Option<Value> {
    operation_body_example(op_id, d)
        .or_else(|| account_body_example(schema))
        .or_else(|| filing_body_example(schema, d))
        .or_else(|| decision_body_example(schema, d))
        .or_else(|| service_body_example(schema, d))
}

/// Bodies whose example depends on the operation, not only on the schema.
fn operation_body_example(op_id: &str, d: &ExampleDay) -> Option<Value> {
    Some(match op_id {
        "import_holidays" => json!([
            {"date": d.date(46), "title": "تعطیلی رسمی استانی (روز نخست)"},
            {"date": d.date(47), "title": "تعطیلی رسمی استانی (روز دوم)"},
        ]),
        _ => return None,
    })
}

/// Examples of success responses that no schema can build (text formats).
fn response_example(op_id: &str, media: &str) -> Option<Value> {
    Some(match (op_id, media) {
        ("get_metrics", _) => Value::String(
            "# HELP http_requests_total HTTP requests by route and status.\n# TYPE http_requests_total counter\nhttp_requests_total{route=\"/api/v1/requests\",status=\"200\"} 42\n"
                .to_owned(),
        ),
        ("export_requests", "text/csv") => Value::String(
            "tracking_code,status,plate,organisation,submitted_at\nPP-140510-0001,submitted,۱۲ الف ۳۴۵ ایران ۶۷,اداره کل راه و شهرسازی,1405/10/11 10:00\n"
                .to_owned(),
        ),
        _ => return None,
    })
}

/// Media types whose bodies are bytes: no example (a download's bytes are not JSON).
fn is_binary(media: &str, schema: &Value) -> bool {
    schema.get("format").and_then(Value::as_str) == Some("binary")
        || media.starts_with("application/vnd.openxmlformats")
        || media == "application/pdf"
        || media.starts_with("image/")
}

/// Sets the example of every request body and success response that has none.
pub fn fill(doc: &mut OpenApi, day: &ExampleDay) {
    let schemas: Map<String, Value> = doc
        .components
        .as_ref()
        .and_then(|c| serde_json::to_value(&c.schemas).ok())
        .and_then(|v| match v {
            Value::Object(m) => Some(m),
            _ => None,
        })
        .unwrap_or_default();
    let builder = Builder {
        schemas: &schemas,
        day,
    };
    for item in doc.paths.paths.values_mut() {
        for op in [
            item.get.as_mut(),
            item.post.as_mut(),
            item.put.as_mut(),
            item.patch.as_mut(),
            item.delete.as_mut(),
        ]
        .into_iter()
        .flatten()
        {
            let op_id = op.operation_id.clone().unwrap_or_default();
            if let Some(body) = op.request_body.as_mut() {
                for content in body.content.values_mut() {
                    if has_example(content) {
                        continue;
                    }
                    let schema = schema_value(content);
                    let named = schema_name(&schema);
                    content.example = body_example(&op_id, named.unwrap_or(""), day)
                        .or_else(|| builder.build(&schema, None, 0));
                }
            }
            for (status, response) in op.responses.responses.iter_mut() {
                let RefOr::T(response) = response else {
                    continue;
                };
                if !status.starts_with('2') {
                    continue;
                }
                for (media, content) in response.content.iter_mut() {
                    if has_example(content) {
                        continue;
                    }
                    let schema = schema_value(content);
                    if is_binary(media, &schema) {
                        continue;
                    }
                    content.example =
                        response_example(&op_id, media).or_else(|| builder.build(&schema, None, 0));
                }
            }
        }
    }
}

fn has_example(content: &Content) -> bool {
    content.example.is_some() || !content.examples.is_empty()
}

fn schema_value(content: &Content) -> Value {
    content
        .schema
        .as_ref()
        .and_then(|s| serde_json::to_value(s).ok())
        .unwrap_or(Value::Null)
}

/// `Name` of a `{"$ref": "#/components/schemas/Name"}` (also inside a nullable `oneOf`).
fn schema_name(schema: &Value) -> Option<&str> {
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        return r.rsplit('/').next();
    }
    schema
        .get("oneOf")
        .and_then(Value::as_array)?
        .iter()
        .find_map(|s| s.get("$ref").and_then(Value::as_str))
        .and_then(|r| r.rsplit('/').next())
}

/// Builds an example from a schema.
struct Builder<'a> {
    schemas: &'a Map<String, Value>,
    day: &'a ExampleDay,
}

/// The example a schema states (`example`, or the first of `examples`).
fn stated_example(schema: &Value) -> Option<Value> {
    if let Some(example) = schema.get("example") {
        return Some(example.clone());
    }
    schema
        .get("examples")
        .and_then(Value::as_array)
        .and_then(|a| a.first())
        .cloned()
}

/// The schema's JSON type (the non-null one of a list; `object` for a schema with
/// properties and no type).
fn type_of(schema: &Value) -> Option<&str> {
    Some(match schema.get("type") {
        Some(Value::String(t)) => t.as_str(),
        Some(Value::Array(ts)) => ts
            .iter()
            .filter_map(Value::as_str)
            .find(|t| *t != "null")
            .unwrap_or("null"),
        _ if schema.get("properties").is_some() => "object",
        _ => return None,
    })
}

impl Builder<'_> {
    fn build(&self, schema: &Value, property: Option<&str>, depth: usize) -> Option<Value> {
        if depth > 12 {
            return None;
        }
        if let Some(example) = stated_example(schema) {
            return Some(example);
        }
        if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
            let name = r.rsplit('/').next()?;
            return self.build(self.schemas.get(name)?, property, depth + 1);
        }
        if let Some(c) = schema.get("const") {
            return Some(c.clone());
        }
        if let Some(values) = schema.get("enum").and_then(Value::as_array) {
            return values.iter().find(|v| !v.is_null()).cloned();
        }
        if let Some(built) = self.composed(schema, property, depth) {
            return built;
        }
        let ty = type_of(schema)?;
        self.of_type(ty, schema, property, depth)
    }

    /// A schema made of others: the first buildable non-null branch of a `oneOf` or `anyOf`
    /// (of a schema without its own properties), or the `allOf` parts merged. `None` when
    /// the schema is not composed.
    fn composed(
        &self,
        schema: &Value,
        property: Option<&str>,
        depth: usize,
    ) -> Option<Option<Value>> {
        if schema.get("properties").is_none() {
            for key in ["oneOf", "anyOf"] {
                if let Some(branches) = schema.get(key).and_then(Value::as_array) {
                    return Some(
                        branches
                            .iter()
                            .filter(|b| b.get("type").and_then(Value::as_str) != Some("null"))
                            .find_map(|b| self.build(b, property, depth + 1)),
                    );
                }
            }
        }
        let parts = schema.get("allOf").and_then(Value::as_array)?;
        let mut merged = Map::new();
        for p in parts {
            if let Some(Value::Object(o)) = self.build(p, property, depth + 1) {
                merged.extend(o);
            }
        }
        Some(Some(Value::Object(merged)))
    }

    /// An object with an example of each property (or of one `additionalProperties` entry).
    fn object(&self, schema: &Value, depth: usize) -> Value {
        let mut out = Map::new();
        if let Some(props) = schema.get("properties").and_then(Value::as_object) {
            for (name, p) in props {
                if let Some(v) = self.build(p, Some(name), depth + 1) {
                    out.insert(name.clone(), v);
                }
            }
        } else if let Some(extra) = schema.get("additionalProperties") {
            if extra.is_object() {
                if let Some(v) = self.build(extra, None, depth + 1) {
                    out.insert("key".to_owned(), v);
                }
            }
        }
        Value::Object(out)
    }

    /// An example of the JSON type `ty`.
    fn of_type(
        &self,
        ty: &str,
        schema: &Value,
        property: Option<&str>,
        depth: usize,
    ) -> Option<Value> {
        Some(match ty {
            "object" => self.object(schema, depth),
            "array" => {
                let item = schema
                    .get("items")
                    .and_then(|i| self.build(i, property, depth + 1));
                Value::Array(item.into_iter().collect())
            }
            "string" => Value::String(self.string(schema, property)),
            "integer" => json!(number(schema, property) as i64),
            "number" => json!(number(schema, property)),
            "boolean" => Value::Bool(false),
            "null" => Value::Null,
            _ => return None,
        })
    }

    fn string(&self, schema: &Value, property: Option<&str>) -> String {
        let d = self.day;
        let s = match schema.get("format").and_then(Value::as_str) {
            Some("uuid") => EXAMPLE_ID.to_owned(),
            Some("date-time") => d.time(0),
            Some("date") => d.date(0),
            Some("email") => "office@example.org".to_owned(),
            Some("uri") | Some("url") => "https://plate-permits.example.org/".to_owned(),
            Some("password") => "********".to_owned(),
            _ => by_name(property.unwrap_or(""), d),
        };
        let min = schema.get("minLength").and_then(Value::as_u64).unwrap_or(0) as usize;
        let max = schema
            .get("maxLength")
            .and_then(Value::as_u64)
            .map(|m| m as usize);
        let mut s = s;
        while s.chars().count() < min {
            s.push('x');
        }
        if let Some(max) = max {
            s = s.chars().take(max).collect();
        }
        s
    }
}

/// A plain string property's example, by its name.
fn by_name(property: &str, d: &ExampleDay) -> String {
    match property {
        "tracking_code" => "PP-140510-0001",
        "plate" => "۱۲ الف ۳۴۵ ایران ۶۷",
        "vin" => "NAAN01CE8DK123456",
        "permit_number" => "NP-1405-000123",
        "national_id" => "10380284790",
        "mobile" => "09141234567",
        "username" => "m.karimi",
        "full_name" | "name" => "مریم کریمی",
        "etag" | "version" => "\"3\"",
        "url" => "https://hooks.example.org/plate-permits",
        "client_id" => "svc_4f1c2a9e0b7d3c5a8e6f1b2d",
        "access_token" | "refresh_token" | "client_secret" | "secret" | "token" => {
            "c2VjcmV0LXRva2VuLWV4YW1wbGU"
        }
        "make" => "ایران خودرو",
        "model" => "سمند LX",
        "engine_number" => "124K0123456",
        "chassis_number" => "IRFC841V3AJ123456",
        "number" => "۱۲۳/۴۵۶",
        "title" | "subject" => "تأخیر در بررسی درخواست",
        "description" | "notes" | "note" | "comment" | "message" | "body" | "reason"
        | "reason_details" => "خودروی فرسوده، فروخته‌شده در مزایده",
        p if p.contains("cursor") || p == "next_after" => "eyJpZCI6IjAxOTM3YTRlIn0",
        "sha256" | "hash" | "digest" => {
            "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
        }
        p if p.ends_with("_date") || p == "date" || p.starts_with("valid_") => return d.date(10),
        p if p.ends_with("_at") => return d.time(0),
        p if p.ends_with("_id") || p == "id" => EXAMPLE_ID,
        _ => "نمونه",
    }
    .to_owned()
}

/// A number within the schema's bounds.
fn number(schema: &Value, property: Option<&str>) -> f64 {
    let min = schema.get("minimum").and_then(Value::as_f64);
    let max = schema.get("maximum").and_then(Value::as_f64);
    let typical: f64 = match property.unwrap_or("") {
        "year" => 1391.0,
        "limit" => 50.0,
        p if p.ends_with("count") || p == "total" => 3.0,
        "version" => 3.0,
        _ => 1.0,
    };
    let v = min.map_or(typical, |m| typical.max(m));
    max.map_or(v, |m| v.min(m))
}
