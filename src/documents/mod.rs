//! Supplementary documents: the directorate's requests for them, uploads (streamed, sniffed,
//! hashed, size-limited), safe downloads, and the resubmission rule.

pub mod model;
pub mod routes;
pub mod sniff;
pub mod storage;
