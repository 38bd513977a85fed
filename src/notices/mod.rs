//! Notices of planned maintenance, outages and information, and the read-only window they
//! can impose.

pub mod guard;
pub mod model;
pub mod routes;
pub mod service;
pub mod store;
