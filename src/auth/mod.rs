//! Authentication: password hashing, tokens, sessions, throttling and the `AuthUser` extractor.
//!
//! Identity is the lower layer: `auth` owns the account row and the queries it needs
//! (`model`, `store`), and imports no resource; `users` and `organisations` (the
//! administrator's resources) build on it.

pub mod access;
pub mod browser;
pub mod context;
pub mod extract;
pub mod gate;
pub mod gate_layer;
pub mod jwt;
pub mod keys;
pub mod model;
pub mod password;
pub mod purge;
pub mod queries;
pub mod routes;
pub mod service;
pub mod sessions;
mod store;
pub mod throttle;
pub mod views;

pub use context::ChangeContext;
pub use extract::AuthUser;
