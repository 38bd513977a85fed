//! Complaints (with their own tracking codes) and feedback on finished requests.

pub mod feedback;
pub mod model;
pub mod routes;
pub mod service;
pub mod store;
