//! The composition root: the route table and the OpenAPI document assembled from it. Every
//! resource contributes its routes here and nowhere else, so the server and the document
//! cannot drift apart (and `http/`, `domain/` and `db/` need not know any resource).

use actix_web::App;
use utoipa::OpenApi as _;
use utoipa_actix_web::service_config::ServiceConfig;
use utoipa_actix_web::{scope, AppExt};

use crate::http::{health, openapi};

/// Registers every documented route: the operations endpoints at the root and the API under
/// `/api/v1`.
pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(health::live)
        .service(health::ready)
        .service(crate::monitoring::routes::metrics);
    cfg.service(scope::scope("/api/v1").configure(api_v1));
}

/// The `/api/v1` resources; each resource module contributes its own routes.
fn api_v1(cfg: &mut ServiceConfig) {
    cfg.configure(crate::auth::routes::configure)
        .configure(crate::organisations::routes::configure)
        .configure(crate::users::routes::configure)
        .configure(crate::service_accounts::routes::configure)
        .configure(crate::batches::routes::configure)
        .configure(crate::requests::routes::configure)
        .configure(crate::tracking::routes::configure)
        .configure(crate::plates::configure)
        .configure(crate::documents::routes::configure)
        .configure(crate::permits::routes::configure)
        .configure(crate::permits::record::configure)
        .configure(crate::permits::order_template::configure)
        .configure(crate::complaints::routes::configure)
        .configure(crate::complaints::feedback::configure)
        .configure(crate::notices::routes::configure)
        .configure(crate::events::routes::configure)
        .configure(crate::webhooks::routes::configure)
        .configure(crate::sms::routes::configure)
        .configure(crate::sla::routes::configure)
        .configure(crate::sla::rules::routes::configure)
        .configure(crate::vehicle_conflicts::routes::configure)
        .configure(crate::audit::routes::configure);
}

/// The complete OpenAPI document, generated from [`routes`], with the examples of the committed
/// copy (dates computed from [`ExampleDay::committed`](crate::http::examples::ExampleDay)).
pub fn openapi_doc() -> utoipa::openapi::OpenApi {
    let mut doc = openapi_doc_undated();
    crate::http::examples::fill(&mut doc, &crate::http::examples::ExampleDay::committed());
    doc
}

/// The document as served at `/api-docs/openapi.json`: examples dated from `day` (the serving
/// day), so every dated example is valid when it is sent.
pub fn openapi_doc_on(
    base: &utoipa::openapi::OpenApi,
    day: &crate::http::examples::ExampleDay,
) -> utoipa::openapi::OpenApi {
    let mut doc = base.clone();
    crate::http::examples::fill(&mut doc, day);
    doc
}

/// The document before its request and response examples are filled in.
pub fn openapi_doc_undated() -> utoipa::openapi::OpenApi {
    let (_, doc) = App::new()
        .into_utoipa_app()
        .openapi(openapi::ApiDoc::openapi())
        .configure(routes)
        .split_for_parts();
    let mut doc = openapi::complete(doc);
    doc.merge(EventPayloads::openapi());
    crate::events::openapi::type_events(&mut doc, event_data_schema);
    for rules in [
        crate::requests::model::SCHEMA_RULES,
        crate::permits::model::SCHEMA_RULES,
    ] {
        openapi::apply_rules(&mut doc, rules);
    }
    openapi::for_generators(&mut doc);
    doc
}

/// The payload (`data`) types of the events, as the emit sites serialise them.
#[derive(utoipa::OpenApi)]
#[openapi(components(schemas(
    crate::requests::model::RequestSubmittedData,
    crate::requests::model::RequestStatusChangedData,
    crate::permits::views::PermitEventData,
    crate::permits::views::PermitReceiptRecordedData,
    crate::permits::views::PermitRevokedData,
    crate::permits::views::ReceiptRecordAttachedData,
    crate::complaints::model::ComplaintReceivedData,
    crate::complaints::model::ComplaintAnsweredData,
    crate::notices::views::Notice,
    crate::sla::rules::views::ClosureDeclaredData,
    crate::requests::correction::RequestCorrectedData,
    crate::documents::due::DocumentsOverdueData,
)))]
struct EventPayloads;

/// The components schema of each event type's `data` (the type its emit site serialises).
/// Exhaustive: an event type added without its payload does not compile.
pub fn event_data_schema(t: crate::events::EventType) -> String {
    use crate::events::EventType as T;
    use utoipa::ToSchema;
    let name = match t {
        T::RequestSubmitted => crate::requests::model::RequestSubmittedData::name(),
        T::RequestStatusChanged | T::RequestCompleted => {
            crate::requests::model::RequestStatusChangedData::name()
        }
        T::PermitIssued | T::PermitExpired => crate::permits::views::PermitEventData::name(),
        T::PermitReceiptRecorded => crate::permits::views::PermitReceiptRecordedData::name(),
        T::PermitRevoked => crate::permits::views::PermitRevokedData::name(),
        T::ReceiptRecordAttached => crate::permits::views::ReceiptRecordAttachedData::name(),
        T::ComplaintReceived => crate::complaints::model::ComplaintReceivedData::name(),
        T::ComplaintAnswered => crate::complaints::model::ComplaintAnsweredData::name(),
        T::NoticePublished => crate::notices::views::Notice::name(),
        T::CalendarClosureDeclared => crate::sla::rules::views::ClosureDeclaredData::name(),
        T::RequestCorrected => crate::requests::correction::RequestCorrectedData::name(),
        T::RequestDocumentsOverdue => crate::documents::due::DocumentsOverdueData::name(),
    };
    name.into_owned()
}

/// The OpenAPI document as committed in `openapi/openapi.json` (pretty JSON, newline-terminated).
pub fn openapi_json() -> String {
    let doc = openapi_doc();
    let mut s = doc.to_pretty_json().unwrap_or_else(|_| "{}".to_owned());
    s.push('\n');
    s
}
