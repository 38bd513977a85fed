//! Notices of planned maintenance, outages and information, and the read-only window they
//! can impose.

pub mod guard;
pub mod model;
pub mod queries;
pub mod routes;
pub mod service;
mod store;
pub mod views;
