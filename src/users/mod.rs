//! Users and organisations: storage, the administrator's endpoints and the bootstrap account.

pub mod bootstrap;
pub mod model;
pub mod routes;
