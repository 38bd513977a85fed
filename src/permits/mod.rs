//! Permits, the police's receipts and the registration of the removal (SLA steps 2–4).

pub mod expiry;
pub mod model;
pub mod order;
pub mod order_template;
pub mod print;
pub mod queries;
pub mod record;
pub mod routes;
pub mod service;
pub mod signing;
mod store;
pub mod verify_page;
pub mod views;
