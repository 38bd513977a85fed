//! Webhooks: admin-managed subscriptions and a background worker that delivers every matching
//! event, signed per Standard Webhooks 1.0, at least once, retried with back-off.

pub mod crypto;
pub mod routes;
pub mod worker;
