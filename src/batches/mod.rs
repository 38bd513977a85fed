//! Batches: one filing of up to 200 vehicles that share the agency's letter, reason,
//! contact and representative, all or nothing; each vehicle becomes its own request (filed by
//! the requests module's own validation and insertion), and the batch has its own tracking
//! code. The directorate acts on many requests in one call ([`bulk`]), each item in its own
//! transaction; the applicant gets one digest SMS per batch step ([`sms`]) instead of one
//! message per vehicle (`crate::sms::quiet` holds the per-request messages back).

pub mod bulk;
pub mod model;
pub mod routes;
pub mod service;
pub mod sms;
mod store;
pub mod views;

/// The most vehicles one batch files, and the most items one bulk call acts on.
pub const MAX_ITEMS: usize = 200;
