//! Complaints (with their own tracking codes) and feedback on finished requests.

pub mod feedback;
pub mod routes;
