//! What a service function that changes data works with besides its connection and its input.

use crate::auth::AuthUser;
use crate::clock::Clock;
use crate::config::Config;

/// Who acts, and what the change needs from around it: the configuration, the clock, and the
/// effects the change has in other modules' tables (`E`: the changing resource's `Effects`,
/// e.g. [`crate::requests::Effects`]). A handler or a worker builds one per call and hands it
/// to the service function, together with the connection and the checked input.
pub struct ChangeContext<'a, E> {
    pub user: &'a AuthUser,
    pub config: &'a Config,
    pub clock: &'a Clock,
    pub effects: &'a E,
}

impl<'a, E> ChangeContext<'a, E> {
    pub fn new(user: &'a AuthUser, config: &'a Config, clock: &'a Clock, effects: &'a E) -> Self {
        ChangeContext {
            user,
            config,
            clock,
            effects,
        }
    }
}

// Copied like the references it holds, whatever `E` is.
impl<E> Clone for ChangeContext<'_, E> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<E> Copy for ChangeContext<'_, E> {}
