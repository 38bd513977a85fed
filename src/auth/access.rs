//! Who sees what: the visibility rules of every resource in one place, beside the
//! authorization matrix test (`tests/api/authz_matrix.rs`) that checks them over HTTP.
//!
//! A scope narrows queries: an agency's queries always filter by its organisation, so another
//! agency's row is simply not found (404), never forbidden. Roles that may not read a resource
//! at all get 403 before anything is loaded.

use crate::auth::AuthUser;
use crate::domain::identity::Role;
use crate::error::{ApiError, ApiResult};

/// Which organisations' rows a caller may see.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scope {
    All,
    Organisation(String),
}

impl Scope {
    /// Requests: police never see requests (403); agencies see their own organisation's.
    pub fn requests(user: &AuthUser) -> ApiResult<Scope> {
        match user.role {
            Role::Police => Err(ApiError::forbidden()),
            Role::Agency => Ok(Scope::Organisation(user.org_id.clone())),
            Role::Directorate | Role::Registry | Role::Admin => Ok(Scope::All),
        }
    }

    /// The scope in which `user` may act on requests: agencies their organisation's; others
    /// all (the police reach requests only through their permits, checked by the action's
    /// roles).
    pub fn request_actions(user: &AuthUser) -> Scope {
        match user.role {
            Role::Agency => Scope::Organisation(user.org_id.clone()),
            _ => Scope::All,
        }
    }

    /// Documents: the owning agency, the directorate and administrators.
    pub fn documents(user: &AuthUser) -> ApiResult<Scope> {
        match user.role {
            Role::Agency => Ok(Scope::Organisation(user.org_id.clone())),
            Role::Directorate | Role::Admin => Ok(Scope::All),
            Role::Police | Role::Registry => Err(ApiError::forbidden()),
        }
    }

    pub fn allows(&self, organisation_id: &str) -> bool {
        match self {
            Scope::All => true,
            Scope::Organisation(org) => org == organisation_id,
        }
    }

    /// The organisation to filter by, if any.
    pub fn organisation(&self) -> Option<&str> {
        match self {
            Scope::All => None,
            Scope::Organisation(org) => Some(org),
        }
    }
}

/// Which permits a caller sees. A permit is sent to one police organisation
/// (`permits.police_organisation_id`): only that organisation's police accounts (users and
/// service accounts) see it, in the list, by id or number, in print, and may post its receipt
/// and removal record; to another police organisation it does not exist (404, as with another
/// agency's request). Agencies see their own requests' permits; the directorate, the registry
/// and administrators all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PermitScope {
    All,
    /// An agency: the permits of its own organisation's requests.
    Agency(String),
    /// A police account: the permits sent to its organisation. A permit sent to none (issued
    /// before any police organisation was registered) belongs to the default police
    /// organisation, the oldest one.
    Police(String),
}

impl PermitScope {
    pub fn of(user: &AuthUser) -> PermitScope {
        match user.role {
            Role::Agency => PermitScope::Agency(user.org_id.clone()),
            Role::Police => PermitScope::Police(user.org_id.clone()),
            Role::Directorate | Role::Registry | Role::Admin => PermitScope::All,
        }
    }

    /// Printed permits (`GET /permits/{id}/print`): the people who hold or check the paper —
    /// the directorate, the police the permit was sent to, administrators, and the owning
    /// agency (others' permits are not found, as with `GET /permits/{id}`). The registry, a
    /// machine account of the national vehicle system, reads permits as data and has nothing
    /// to print: 403.
    pub fn printable(user: &AuthUser) -> ApiResult<PermitScope> {
        match user.role {
            Role::Registry => Err(ApiError::forbidden()),
            _ => Ok(PermitScope::of(user)),
        }
    }

    /// Whether a permit of a request of `agency_id`, sent to `police_id` (`None`: to the
    /// default police organisation, `default_police`), is in view.
    pub fn allows(
        &self,
        agency_id: &str,
        police_id: Option<&str>,
        default_police: impl FnOnce() -> ApiResult<Option<String>>,
    ) -> ApiResult<bool> {
        Ok(match self {
            PermitScope::All => true,
            PermitScope::Agency(org) => org == agency_id,
            PermitScope::Police(org) => match police_id {
                Some(p) => p == org,
                None => default_police()?.as_deref() == Some(org.as_str()),
            },
        })
    }
}

/// Whose complaints a caller sees: the directorate and administrators all; agencies and the
/// police their organisation's; the registry account its own. Others' complaints are not found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Seen {
    All,
    Organisation(String),
    Creator(String),
}

impl Seen {
    pub fn complaints(user: &AuthUser) -> Seen {
        match user.role {
            Role::Directorate | Role::Admin => Seen::All,
            Role::Agency | Role::Police => Seen::Organisation(user.org_id.clone()),
            Role::Registry => Seen::Creator(user.id.clone()),
        }
    }

    /// Whether a row of `organisation_id`, filed by `created_by`, is in view.
    pub fn allows(&self, organisation_id: &str, created_by: &str) -> bool {
        match self {
            Seen::All => true,
            Seen::Organisation(org) => org == organisation_id,
            Seen::Creator(uid) => uid == created_by,
        }
    }
}

/// Who may close a complaint: the directorate, administrators, and the complainant's side (its
/// filer, or an agency or police user of its organisation).
pub fn closes_complaint(user: &AuthUser, organisation_id: &str, created_by: &str) -> bool {
    match user.role {
        Role::Directorate | Role::Admin => true,
        Role::Agency | Role::Police => created_by == user.id || organisation_id == user.org_id,
        Role::Registry => created_by == user.id,
    }
}

/// Personal data (a request's contact details) is shown to the owning agency, the directorate
/// and admins.
pub fn shows_contact(user: &AuthUser, organisation_id: &str) -> bool {
    match user.role {
        Role::Directorate | Role::Admin => true,
        Role::Agency => user.org_id == organisation_id,
        Role::Registry | Role::Police => false,
    }
}

/// Which events of the change feed a caller may read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EventScope {
    All,
    /// An agency: its organisation's events, and notices and declared closures (which
    /// concern everyone).
    OrganisationAndNotices(String),
    /// The police: events about the permits sent to their organisation (see [`PermitScope`]),
    /// and declared closures.
    Permits(String),
    /// The registry: every event except complaint events of complaints it did not file (it
    /// reads only its own complaints through `GET /complaints/{id}`, see [`Seen::complaints`]).
    AllButOthersComplaints {
        /// The caller's user id: complaints it filed stay in view.
        user_id: String,
    },
}

impl EventScope {
    /// The feed shows each role only what it may read directly: agencies their
    /// organisation's events (their requests, permits and complaints) and notices; the police
    /// the events of the permits sent to their organisation; the registry every event but the complaints others filed; the
    /// directorate and administrators all.
    pub fn feed(user: &AuthUser) -> EventScope {
        match user.role {
            Role::Agency => EventScope::OrganisationAndNotices(user.org_id.clone()),
            Role::Police => EventScope::Permits(user.org_id.clone()),
            Role::Registry => EventScope::AllButOthersComplaints {
                user_id: user.id.clone(),
            },
            Role::Directorate | Role::Admin => EventScope::All,
        }
    }
}
