//! Pure domain types: parsed once at the edge, no I/O.

pub mod identity;
pub mod jalali;
pub mod lang;
pub mod legal_id;
pub mod mobile;
pub mod national_code;
pub mod party;
pub mod plate;
pub mod reasons;
pub mod receipt;
pub mod status;
pub mod text;
pub mod tracking;
pub mod vehicle;
pub mod vin;
