//! Typed events in the OpenAPI document: one envelope schema per event type
//! (`<Type>Event`: `type` a single-value enum, `data` the `$ref` of the payload type the emit
//! site serialises), `Event` as their `oneOf` discriminated by `type`, and the OpenAPI 3.1
//! `webhooks` section: one delivery per event type with its Standard Webhooks headers.
//!
//! The payload types belong to the resources that emit them; the composition root
//! (`crate::router`) registers them and names, for each [`EventType`], its payload schema.

use serde_json::{json, Value};
use utoipa::openapi::schema::{Discriminator, ObjectBuilder, OneOfBuilder, Schema, Type};
use utoipa::openapi::{OpenApi, Ref, RefOr};

use crate::events::EventType;

/// The name of the envelope schema of `t`: `request.status_changed` → `RequestStatusChangedEvent`.
pub fn envelope_name(t: EventType) -> String {
    let mut name = String::new();
    for word in t.as_str().split(['.', '_']) {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            name.extend(first.to_uppercase());
            name.push_str(chars.as_str());
        }
    }
    name.push_str("Event");
    name
}

/// What an event of type `t` means (the envelope's and the webhook's description).
pub fn summary(t: EventType) -> &'static str {
    match t {
        EventType::RequestSubmitted => "An agency filed a request (subject: the request).",
        EventType::RequestStatusChanged => {
            "A request moved from one status to another, on every transition (subject: the request)."
        }
        EventType::PermitIssued => "The directorate issued a permit (subject: the permit).",
        EventType::PermitReceiptRecorded => {
            "The traffic police recorded a receipt for a permit (subject: the permit)."
        }
        EventType::PermitRevoked => {
            "The directorate revoked a permit, or the agency withdrew its request while the permit \
             waited for the police (subject: the permit); the police must no longer act on it."
        }
        EventType::PermitExpired => {
            "A permit's validity ended with no receipt from the police (subject: the permit); its \
             request moved to `permit_expired`."
        }
        EventType::RequestCompleted => {
            "The removal was registered in the national vehicle system; the request is closed \
             (subject: the request; sent after the transition's `request.status_changed`)."
        }
        EventType::ComplaintReceived => "An agency filed a complaint (subject: the complaint).",
        EventType::ComplaintAnswered => {
            "The directorate answered a complaint (subject: the complaint)."
        }
        EventType::NoticePublished => {
            "A maintenance or outage notice was published (subject: the notice)."
        }
        EventType::CalendarClosureDeclared => {
            "An administrator declared a closure at short notice; open deadlines were recomputed \
             (subject: the working rule)."
        }
        EventType::ReceiptRecordAttached => {
            "The traffic police attached (or replaced) the signed removal record of their receipt \
             (subject: the permit)."
        }
        EventType::RequestCorrected => {
            "The agency corrected a request's data (`PATCH /requests/{id}`); `data.fields` names \
             the corrected fields, the history holds their old and new values (subject: the \
             request)."
        }
        EventType::RequestDocumentsOverdue => {
            "The due date of the latest ask for documents passed with documents still missing; \
             the request is flagged `documents_overdue` in the directorate's queue and stays in \
             `awaiting_documents` (subject: the request)."
        }
    }
}

/// Types the events: replaces the generic `Event` schema (its `data` an untyped object) with
/// one envelope per type and their discriminated union, and adds the `webhooks` section.
/// `data_schema` names the components schema of each type's `data` (already registered).
pub fn type_events(doc: &mut OpenApi, data_schema: impl Fn(EventType) -> String) {
    let Some(components) = doc.components.as_mut() else {
        return;
    };
    let Some(RefOr::T(Schema::Object(generic))) = components.schemas.get("Event").cloned() else {
        return;
    };
    let mut union = OneOfBuilder::new().description(Some(
        "An integration event, as the feed lists it and as a webhook delivers it: the \
         envelope (`id`, `type`, `occurred_at`, `subject`) and a `data` whose schema the \
         `type` decides.",
    ));
    let mut mapping = Vec::new();
    for &t in EventType::ALL {
        let name = envelope_name(t);
        let mut envelope = generic.clone();
        envelope.title = Some(name.clone());
        envelope.description = Some(format!("`{}`: {}", t.as_str(), summary(t)));
        // `type` is a named single-value enum (`<Type>EventType`), not an inline one: generators
        // that decode a `oneOf` by trying each member (openapi-generator's Go client) check a
        // named enum's value, so an event whose `data` has the same shape as another type's
        // (`request.status_changed` and `request.completed`) matches exactly one member.
        let type_name = format!("{name}Type");
        components.schemas.insert(
            type_name.clone(),
            ObjectBuilder::new()
                .schema_type(Type::String)
                .description(Some(format!(
                    "The type of a `{name}`: always `{}`.",
                    t.as_str()
                )))
                .enum_values(Some([t.as_str()]))
                .into(),
        );
        envelope.properties.insert(
            "type".to_owned(),
            RefOr::Ref(Ref::from_schema_name(type_name)),
        );
        envelope.properties.insert(
            "data".to_owned(),
            RefOr::Ref(Ref::from_schema_name(data_schema(t))),
        );
        components
            .schemas
            .insert(name.clone(), RefOr::T(Schema::Object(envelope)));
        union = union.item(Ref::from_schema_name(name.clone()));
        mapping.push((t.as_str(), format!("#/components/schemas/{name}")));
    }
    let union = union
        .discriminator(Some(Discriminator::with_mapping("type", mapping)))
        .build();
    components
        .schemas
        .insert("Event".to_owned(), RefOr::T(Schema::OneOf(union)));
    doc.extensions
        .get_or_insert_with(Default::default)
        .insert("webhooks".to_owned(), webhooks());
}

fn header(name: &str, description: &str, example: &str) -> Value {
    json!({
        "name": name,
        "in": "header",
        "required": true,
        "description": description,
        "schema": {"type": "string"},
        "example": example,
    })
}

/// The headers every webhook delivery carries.
fn delivery_headers() -> Value {
    json!([
        header(
            "webhook-id",
            "The event id (the same as the body's `id`): the same for every attempt of the \
             delivery, so receivers dedupe on it.",
            "42",
        ),
        header(
            "webhook-timestamp",
            "When this attempt was signed, in whole seconds since the Unix epoch; refuse \
             attempts too far from your clock (Standard Webhooks suggests five minutes).",
            "1764925200",
        ),
        header(
            "webhook-signature",
            "Space-separated `v1,<base64 HMAC-SHA256>` signatures of \
             `<webhook-id>.<webhook-timestamp>.<body>` (Standard Webhooks 1.0), one per \
             active secret (two while a rotated secret overlaps).",
            "v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=",
        ),
        header(
            "User-Agent",
            "`plate-permits/<version>`.",
            concat!("plate-permits/", env!("CARGO_PKG_VERSION")),
        ),
    ])
}

/// The delivery of one event type: a signed POST of its envelope.
fn delivery(t: EventType, parameters: &Value) -> Value {
    let name = envelope_name(t);
    json!({
        "post": {
            "operationId": format!("on{}", name.trim_end_matches("Event")),
            "summary": format!("`{}` delivered to a subscription", t.as_str()),
            "description": format!(
                "{} Delivered as a signed POST (Standard Webhooks 1.0) to each \
                 subscription whose `types` include `{}`, with the same body as the \
                 event's item in `GET /events`. Deliveries may arrive out of order and \
                 more than once: order by the event `id` (or, per subject, by \
                 `data.version` where present) and dedupe on `webhook-id`.",
                summary(t),
                t.as_str()
            ),
            "tags": ["webhook-deliveries"],
            "security": [],
            "parameters": parameters,
            "requestBody": {
                "required": true,
                "content": {"application/json": {"schema": {
                    "$ref": format!("#/components/schemas/{name}")
                }}}
            },
            "responses": {
                "2XX": {"description": "Acknowledged: the delivery is done."},
                "4XX": {"description": "Not acknowledged: the attempt failed and is \
                    retried with backoff (as is any other status, a timeout or a \
                    refused connection)."}
            }
        }
    })
}

/// The `webhooks` section: one delivery per event type.
fn webhooks() -> Value {
    let parameters = delivery_headers();
    let hooks = EventType::ALL
        .iter()
        .map(|&t| (t.as_str().to_owned(), delivery(t, &parameters)))
        .collect();
    Value::Object(hooks)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn envelope_names_are_pascal_case() {
        assert_eq!(
            envelope_name(EventType::RequestStatusChanged),
            "RequestStatusChangedEvent"
        );
        assert_eq!(
            envelope_name(EventType::CalendarClosureDeclared),
            "CalendarClosureDeclaredEvent"
        );
    }
}
