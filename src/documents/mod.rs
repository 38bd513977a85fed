//! Supplementary documents: the directorate's requests for them, uploads (streamed, sniffed,
//! hashed, size-limited), safe downloads, and the resubmission rule.
//!
//! `routes` (HTTP) → `service` (rules, in the caller's transaction) → `store` (queries);
//! `transfer` streams bytes in and out, `storage` keeps them; `model` holds rows and inputs,
//! `views` what the API answers.

pub mod due;
pub mod migrate;
pub mod model;
pub mod queries;
pub mod routes;
pub mod service;
pub mod sniff;
pub mod storage;
mod store;
pub mod transfer;
pub mod views;
