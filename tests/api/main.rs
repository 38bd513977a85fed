//! Black-box HTTP tests: every test starts the real server on its own database.

mod helpers;

mod auth_hardening;
mod authz_matrix;
mod complaints_notices;
mod conventions;
mod cors;
mod crash;
mod document_due_dates;
mod documents;
mod events;
mod foundation;
mod hardening_inputs;
mod identity;
mod labels;
mod official_holidays;
mod openapi_doc;
mod permit_events;
mod permit_print;
mod permits;
mod persian_text;
mod persian_views;
mod query_plans;
mod reason_counts;
mod receipts_and_revocation;
mod requests;
mod schema;
mod sla;
mod slow_clients;
mod sms;
mod sqlite_writers;
mod upload_limits;
mod vehicle_identity;
mod vocabularies_and_inputs;
mod webhooks;
mod working_rules;
