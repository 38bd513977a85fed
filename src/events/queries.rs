//! The queries of this module's tables that other modules run, in their own transaction: the
//! whole of its store that is public. Everything else in the store is this module's own; a
//! new use elsewhere is added here, by name, where its owner sees it.

pub use super::store::{last_position, routing_after, unsequenced_count};
