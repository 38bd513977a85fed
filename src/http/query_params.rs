//! Unknown query parameters on list endpoints are refused (400 `invalid_query` naming each
//! one) instead of being silently ignored: a misspelt filter (`?staus=`, `?plate_no=`) would
//! otherwise answer the whole list as if it had matched.
//!
//! Done once for every list: the parameters a route accepts are the ones its OpenAPI
//! operation declares (the document is generated from the same `IntoParams` structs and
//! `params(...)` lists the handlers read), so what is documented is accepted and nothing else.
//! A list endpoint is a `GET` operation whose answer is a collection (an `items` array, paged
//! or not) or that declares any query parameter (reports, exports).

use std::collections::HashMap;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::middleware::Next;
use actix_web::web;
use serde_json::Value;

use crate::error::ApiError;

/// For each list route (its path pattern as in the OpenAPI document and the router), the
/// query parameters it declares.
#[derive(Debug, Default)]
pub struct KnownParams {
    routes: HashMap<String, Vec<String>>,
}

impl KnownParams {
    pub fn from_openapi(doc: &utoipa::openapi::OpenApi) -> Self {
        let doc = serde_json::to_value(doc).unwrap_or_default();
        let mut routes = HashMap::new();
        let Some(paths) = doc.get("paths").and_then(Value::as_object) else {
            return KnownParams { routes };
        };
        for (path, item) in paths {
            let Some(get) = item.get("get") else {
                continue;
            };
            let params: Vec<String> = get
                .get("parameters")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter(|p| p.get("in").and_then(Value::as_str) == Some("query"))
                .filter_map(|p| p.get("name").and_then(Value::as_str).map(str::to_owned))
                .collect();
            if !params.is_empty() || answers_a_collection(&doc, get) {
                routes.insert(path.clone(), params);
            }
        }
        KnownParams { routes }
    }

    /// The parameters the list route `pattern` declares; `None` for a route that is not a list.
    pub fn declared(&self, pattern: &str) -> Option<&[String]> {
        self.routes.get(pattern).map(Vec::as_slice)
    }

    /// The list routes, for tests and diagnostics.
    pub fn routes(&self) -> impl Iterator<Item = (&str, &[String])> {
        self.routes.iter().map(|(k, v)| (k.as_str(), v.as_slice()))
    }

    /// The names in `query` that `pattern` does not declare, each once, in order of appearance.
    pub fn unknown(&self, pattern: &str, query: &str) -> Vec<String> {
        let Some(declared) = self.declared(pattern) else {
            return Vec::new();
        };
        let mut unknown: Vec<String> = Vec::new();
        for (name, _) in url::form_urlencoded::parse(query.as_bytes()) {
            if !declared.iter().any(|d| *d == name) && !unknown.iter().any(|u| *u == name) {
                unknown.push(name.into_owned());
            }
        }
        unknown
    }
}

/// Whether the operation's 200 JSON answer is an array or an object with an `items` array.
fn answers_a_collection(doc: &Value, op: &Value) -> bool {
    let Some(schema) = op.pointer("/responses/200/content/application~1json/schema") else {
        return false;
    };
    let schema = match schema.get("$ref").and_then(Value::as_str) {
        Some(r) => {
            let pointer = r.trim_start_matches('#');
            match doc.pointer(pointer) {
                Some(s) => s,
                None => return false,
            }
        }
        None => schema,
    };
    schema.get("type").and_then(Value::as_str) == Some("array")
        || schema
            .pointer("/properties/items/type")
            .and_then(Value::as_str)
            == Some("array")
}

/// 400 `invalid_query` for a list request carrying a query parameter its route does not
/// declare, naming every such parameter (and the accepted ones in `allowed_parameters`).
pub async fn reject_unknown_params(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    if req.method() == Method::GET && !req.query_string().is_empty() {
        let known = req.app_data::<web::Data<KnownParams>>().cloned();
        if let (Some(known), Some(pattern)) = (known, req.match_pattern()) {
            let unknown = known.unknown(&pattern, req.query_string());
            if !unknown.is_empty() {
                let allowed = known.declared(&pattern).unwrap_or_default().to_vec();
                let err = ApiError::unknown_query_params(&unknown, &allowed);
                let (http_req, _) = req.into_parts();
                let res = actix_web::HttpResponse::from_error(err);
                return Ok(ServiceResponse::new(http_req, res).map_into_right_body());
            }
        }
    }
    next.call(req)
        .await
        .map(ServiceResponse::map_into_left_body)
}
