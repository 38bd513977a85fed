//! Plate-removal requests: intake, the state machine's actions, history, and the public
//! tracking look-up.

pub mod model;
pub mod routes;
pub mod service;
pub mod store;
pub mod track;
