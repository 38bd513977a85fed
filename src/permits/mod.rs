//! Permits, the police's receipts and the registration of the removal (SLA steps 2–4).

pub mod model;
pub mod print;
pub mod routes;
pub mod service;
pub mod signing;
pub mod store;
pub mod verify_page;
pub mod views;
