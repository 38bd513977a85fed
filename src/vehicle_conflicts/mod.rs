//! Vehicle conflicts: filings refused because another agency has an open request for the same
//! vehicle. One open request per vehicle is the rule, so the refused agency is told only that
//! the vehicle has an open request elsewhere and that the directorate has been told; the
//! directorate sees who collided with whom here and resolves each conflict (with a note, after
//! acting on the blocking request through the usual actions if it has to).

pub mod model;
pub mod routes;
pub mod service;
mod store;
pub mod views;
