//! Authentication: password hashing, tokens, sessions, throttling and the `AuthUser` extractor.

pub mod access;
pub mod extract;
pub mod jwt;
pub mod keys;
pub mod model;
pub mod password;
pub mod routes;
pub mod sessions;
pub mod throttle;

pub use extract::AuthUser;
