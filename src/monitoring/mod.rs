//! `GET /metrics`: the Prometheus scrape. The in-process HTTP series come from
//! [`crate::http::metrics`]; the business gauges (requests by status, overdue requests, outbox
//! backlog, webhook deliveries) are read from the database at scrape time, so every replica
//! reports the same shared state.

pub mod routes;
mod store;
pub mod views;
