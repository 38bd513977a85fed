//! Users: the administrator's endpoints and the bootstrap account. The account row and the
//! `User` view belong to `auth` (the lower layer: identity), which this module builds on.

pub mod bootstrap;
pub mod routes;
