//! Webhooks: admin-managed subscriptions and a background worker that delivers every matching
//! event, signed per Standard Webhooks 1.0, at least once, retried with back-off.

pub mod crypto;
pub mod destination;
pub mod model;
pub mod queries;
pub mod routes;
pub mod service;
mod store;
pub mod views;
pub mod worker;

/// What webhooks need beyond the shared state: the key that seals subscription secrets at
/// rest, and the dispatcher that sends deliveries to checked destinations only (no redirects,
/// no proxy, short timeouts).
pub struct Outbound {
    pub secrets: crypto::SecretBox,
    pub dispatch: destination::Dispatcher,
}
