//! Organisations: applicant agencies, the directorate and the traffic police.

pub mod routes;
