//! Organisations: applicant agencies, the directorate and the traffic police.

pub mod model;
pub mod routes;
pub mod service;
pub mod store;
