//! Organisations: applicant agencies, the directorate and the traffic police.

pub mod model;
pub mod queries;
pub mod routes;
pub mod service;
mod store;
pub mod views;
