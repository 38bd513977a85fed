//! Authentication: password hashing, tokens and the `AuthUser` extractor.

pub mod keys;
pub mod password;
