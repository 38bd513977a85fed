//! Complaints (with their own tracking codes) and feedback on finished requests.

pub mod feedback;
pub mod model;
pub mod queries;
pub mod routes;
pub mod service;
mod store;
pub mod views;
