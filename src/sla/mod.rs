//! Service-level monitoring: the working-day calendar, SLA clocks per request, holidays,
//! explanations and reports.

pub mod calendar;
pub mod calendar_version;
pub mod clock;
pub mod model;
pub mod official;
pub mod queries;
pub mod report;
pub mod report_gate;
pub mod routes;
pub mod rules;
pub mod service;
mod store;
pub mod views;
