//! Plate-removal requests: intake, the state machine's actions and history.

pub mod correction;
pub mod effects;
pub mod model;
pub mod routes;
pub mod service;
pub mod store;

pub use effects::Effects;
