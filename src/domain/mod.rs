//! Pure domain types: parsed once at the edge, no I/O.

pub mod identity;
pub mod legal_id;
pub mod mobile;
pub mod text;
