//! plate-permits: a JSON REST API for plate-removal permits for government vehicles
//! (صدور مجوز فک پلاک خودروهای دولتی).

pub mod audit;
pub mod auth;
pub mod backup;
pub mod batches;
pub mod clock;
pub mod complaints;
pub mod config;
pub mod console;
pub mod db;
pub mod documents;
pub mod domain;
pub mod error;
pub mod events;
pub mod guide;
pub mod http;
pub mod i18n;
pub mod monitoring;
pub mod notices;
pub mod organisations;
pub mod permits;
pub mod plates;
pub mod private_fs;
pub mod requests;
pub mod router;
pub mod seed;
pub mod service_accounts;
pub mod sla;
pub mod sms;
pub mod startup;
pub mod state;
pub mod telemetry;
pub mod tracking;
pub mod transient;
pub mod users;
pub mod validate;
pub mod vehicle_conflicts;
pub mod webhooks;

pub use config::Config;
pub use startup::Application;
