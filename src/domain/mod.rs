//! Pure domain types: parsed once at the edge, no I/O.

pub mod identity;
pub mod text;
