//! Public tracking: one look-up by tracking code over requests and complaints, which share the
//! code namespace. It depends on both; neither depends on it.

pub mod routes;
pub mod service;
pub mod views;
