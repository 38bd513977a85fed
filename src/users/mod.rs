//! Users: the administrator's endpoints and the bootstrap account. The account row and the
//! `User` view belong to `auth` (identity, the lower layer), which this module builds on.

pub mod bootstrap;
pub mod model;
pub mod routes;
pub mod service;
mod store;
pub mod views;
