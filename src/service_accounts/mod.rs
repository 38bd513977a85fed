//! Service accounts: machine clients (police systems, the national vehicle system) that
//! authenticate with the OAuth 2.0 client-credentials grant (`POST /auth/token`) and then act
//! as a user of their role. Administrators manage them at `/service-accounts`.

pub mod credentials;
pub mod model;
pub mod routes;
pub mod service;
mod store;
pub mod throttle;
pub mod views;
