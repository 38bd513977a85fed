//! Working time as dated rules (`/working-rules`): weekend days, office hours and closures of
//! the province's offices, each in force over a date range. The SLA calendar reads them per
//! day; the start-up settings (`WEEKEND_DAYS`, `OFFICE_HOURS`) stay the defaults on days no rule
//! covers. Every change recomputes, in its transaction, the clocks it can move.
//!
//! Precedence: when two rules of the same kind are in force on a day, the one with the latest
//! `effective_from` wins, then the one created last. Holidays beat every rule; then weekends;
//! then a whole-day closure; a part-day closure cuts the office hours in force that day.

pub mod builtin;
pub mod model;
pub mod routes;
pub mod service;
pub(super) mod store;
pub mod views;
