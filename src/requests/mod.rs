//! Plate-removal requests: intake, the state machine's actions and history.

pub mod correction;
pub mod effects;
pub mod model;
pub mod queries;
pub mod routes;
pub mod service;
mod store;
pub mod views;

pub use effects::Effects;
