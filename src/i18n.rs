//! Language negotiation for a request: the language its `Accept-Language` header asks for.
//! The languages and the two-language message ([`Lang`], [`Msg`]) are the domain's
//! (`crate::domain::lang`), so that the domain needs nothing of the web framework.

use actix_web::http::header::{HeaderMap, ACCEPT_LANGUAGE};

pub use crate::domain::lang::{Lang, Msg};

impl Lang {
    /// The language of a request's `Accept-Language` header (see [`Lang::negotiate`]).
    pub fn from_headers(headers: &HeaderMap, prefer_persian: bool) -> Lang {
        headers
            .get(ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .map(|v| Lang::negotiate(v, prefer_persian))
            .unwrap_or_default()
    }
}
