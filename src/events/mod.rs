//! Integration events: the transactional outbox and the change feed.

pub mod outbox;
pub mod routes;
