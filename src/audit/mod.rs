//! The audit trail: every sign-in (success and failure), administrative change, permit issue,
//! revocation and receipt, and every read of a request or download of a document, with who
//! (a user or a service account, their role and organisation), from where (client address and
//! `X-Request-Id`), what, to which subject and when. Never passwords or tokens.
//!
//! Changes are recorded in the change's own transaction ([`service::record`]); reads through
//! the [`Trail`], which on SQLite batches them off the read path (the one writer) and on
//! PostgreSQL writes them in the read's own database call. Entries are append-only (a trigger
//! on both backends) until `AUDIT_RETENTION_DAYS` pass, when the service purges them.

pub mod middleware;
pub mod model;
pub mod routes;
pub mod service;
mod store;
pub mod views;

pub use model::{Action, Actor, ActorKind, Detail, Entry, Subject, TemplateText};
pub use service::{record, Trail};
