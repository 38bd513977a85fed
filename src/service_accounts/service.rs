//! The rules for service accounts: an administrator creates, edits, disables and rotates them
//! (each change audited with the administrator as actor), and a client exchanges its id and
//! secret for an access token (the client-credentials grant).
//!
//! Token requests run in steps like sign-in (`auth::service`): a read (the account and the
//! throttle's standing), the secret check outside any connection, then a write only when there
//! is something to record, so the one SQLite writer never waits on a check.

use chrono::{DateTime, NaiveDateTime, TimeDelta, Utc};
use serde::Serialize;

use crate::audit::{self, Action, Actor, ActorKind, Subject};
use crate::auth::model::UserRow;
use crate::auth::sessions::{self, RevokeReason};
use crate::auth::throttle::Policy;
use crate::db::{write_tx, DbConnection};
use crate::domain::identity::Role;
use crate::error::{ApiError, ApiResult};
use crate::http::client::Origin;
use crate::http::etag::IfMatch;
use crate::http::rate_limit::Quota;
use crate::organisations::queries as organisations;
use crate::service_accounts::credentials::ClientCredentials;
use crate::service_accounts::model::{
    self, Account, Changes, CreateInput, CreateServiceAccount, NewServiceAccount, ServiceAccountRow,
};
use crate::service_accounts::{store, throttle};

/// Validates a new account's body, every field issue at once, the organisation's kind among
/// them (a read).
pub fn prepare(
    conn: &mut DbConnection,
    body: CreateServiceAccount,
) -> ApiResult<NewServiceAccount> {
    let organisation_kind = organisations::kind_of(conn, body.organisation_id.trim())?;
    NewServiceAccount::try_from(CreateInput {
        body,
        organisation_kind,
    })
}

/// Creates an account with a new client id and secret (returned once) and audits it. Runs in
/// the caller's write transaction.
pub fn create(
    conn: &mut DbConnection,
    actor: &Actor,
    new: NewServiceAccount,
    at: NaiveDateTime,
) -> ApiResult<(Account, String)> {
    let id = uuid::Uuid::now_v7().to_string();
    let client_id = model::new_client_id();
    let secret = model::new_client_secret();
    let user = UserRow {
        id: id.clone(),
        username: client_id.clone(),
        username_key: client_id.clone(),
        full_name: new.name,
        role: new.role,
        organisation_id: new.organisation_id,
        mobile: None,
        password_hash: model::NO_PASSWORD.to_owned(),
        must_change_password: false,
        disabled: false,
        password_changed_at: at,
        created_at: at,
        updated_at: at,
        version: 1,
        position: None,
    };
    let credentials = ServiceAccountRow {
        id: id.clone(),
        client_id: client_id.clone(),
        secret_hash: model::hash_secret(&secret),
        previous_secret_hash: None,
        previous_secret_expires_at: None,
        secret_rotated_at: None,
        last_used_at: None,
        created_by: actor.id.clone(),
        created_at: at,
    };
    store::insert(conn, &user, &credentials)?;
    audit::record(
        conn,
        at,
        audit::Entry::by(
            actor,
            Action::ServiceAccountCreated,
            Subject::ServiceAccount,
            &id,
        )
        .detail(AccountCreated {
            client_id: &client_id,
            role: user.role,
            organisation_id: &user.organisation_id,
        }),
    )?;
    Ok((store::load(conn, &id)?, secret))
}

/// Applies an administrator's changes (versioned). Disabling revokes the account's sessions,
/// so its live tokens are refused on their next call (the session gate also checks the
/// `disabled` flag). Runs in the caller's write transaction.
pub fn update(
    conn: &mut DbConnection,
    actor: &Actor,
    id: &str,
    if_match: IfMatch,
    changes: Changes,
    at: NaiveDateTime,
) -> ApiResult<Account> {
    let current = store::load(conn, id)?;
    if_match.check(current.user.version)?;
    let was_disabled = current.user.disabled;
    let disabled = changes.disabled.unwrap_or(was_disabled);
    let name = changes.name.unwrap_or(current.user.full_name);
    if !store::update_profile(conn, id, current.user.version, &name, disabled, at)? {
        return Err(ApiError::precondition_failed());
    }
    if disabled && !was_disabled {
        sessions::revoke_all_for_user(conn, id, RevokeReason::UserDisabled, None, at)?;
    }
    audit::record(
        conn,
        at,
        audit::Entry::by(
            actor,
            Action::ServiceAccountUpdated,
            Subject::ServiceAccount,
            id,
        )
        .detail(AccountUpdated {
            disabled,
            was_disabled,
        }),
    )?;
    store::load(conn, id)
}

/// Gives the account a new secret (returned once); the one it replaces keeps working for
/// `overlap` (none when zero). A secret older than that, kept from an earlier rotation, stops
/// now. Runs in the caller's write transaction.
pub fn rotate_secret(
    conn: &mut DbConnection,
    actor: &Actor,
    id: &str,
    if_match: IfMatch,
    overlap: TimeDelta,
    at: NaiveDateTime,
) -> ApiResult<(Account, String)> {
    let current = store::load(conn, id)?;
    if_match.check(current.user.version)?;
    let secret = model::new_client_secret();
    let previous_until = at + overlap;
    let previous = (overlap > TimeDelta::zero())
        .then_some((current.credentials.secret_hash.as_str(), previous_until));
    let hash = model::hash_secret(&secret);
    if !store::rotate_secret(conn, id, current.user.version, &hash, previous, at)? {
        return Err(ApiError::precondition_failed());
    }
    audit::record(
        conn,
        at,
        audit::Entry::by(
            actor,
            Action::ServiceAccountSecretRotated,
            Subject::ServiceAccount,
            id,
        )
        .detail(SecretRotated {
            overlap_hours: overlap.num_minutes() as f64 / 60.0,
            previous_secret_until: previous.map(|(_, t)| crate::clock::utc(t)),
        }),
    )?;
    Ok((store::load(conn, id)?, secret))
}

// ---- the client-credentials grant ---------------------------------------------------------

/// A token request after its read step: the account the client id names (if any) and the
/// throttle's standing for this client id and address.
pub struct Candidate {
    pub account: Option<Account>,
    pub quotas: Vec<Quota>,
}

/// Token request, step 1 (a read).
pub fn token_candidate(
    conn: &mut DbConnection,
    client_id: &str,
    client_ip: &str,
    policy: &Policy,
    at: NaiveDateTime,
) -> ApiResult<Candidate> {
    Ok(Candidate {
        account: store::by_client_id(conn, client_id)?,
        quotas: throttle::quotas(conn, policy, client_id, client_ip, at)?,
    })
}

/// Why a client was refused, as the audit log records it (the client only learns
/// `invalid_client`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Refusal {
    UnknownClient,
    WrongSecret,
    Disabled,
    /// A control character in the client id or secret (never checked further).
    ControlCharacters,
    /// Held off by the throttle before any check (the token route records it).
    Throttled,
}

/// The detail of a `client.auth_failure` audit entry: the client id asked with and why it was
/// refused; never the secret.
#[derive(Serialize)]
pub struct ClientAuthFailure<'a> {
    pub client_id: &'a str,
    pub reason: Refusal,
}

/// The detail of `service_account.created`.
#[derive(Serialize)]
struct AccountCreated<'a> {
    client_id: &'a str,
    role: Role,
    organisation_id: &'a str,
}

/// The detail of `service_account.updated`.
#[derive(Serialize)]
struct AccountUpdated {
    disabled: bool,
    was_disabled: bool,
}

/// The detail of `service_account.secret_rotated`: how long the replaced secret keeps working.
#[derive(Serialize)]
struct SecretRotated {
    overlap_hours: f64,
    previous_secret_until: Option<DateTime<Utc>>,
}

/// The detail of `client.token_issued`.
#[derive(Serialize)]
struct TokenIssued<'a> {
    client_id: &'a str,
}

/// A token request after its secret check.
pub enum Verdict {
    Accepted(Box<Account>),
    Refused {
        account_id: Option<String>,
        reason: Refusal,
    },
}

/// Token request, step 2 (no I/O): the secret must be the current one or, during a rotation's
/// overlap, the previous one; the account must be enabled.
pub fn authenticate(
    account: Option<Account>,
    credentials: &ClientCredentials,
    at: NaiveDateTime,
) -> Verdict {
    if crate::auth::model::has_control(&credentials.client_id)
        || crate::auth::model::has_control(&credentials.client_secret)
    {
        return Verdict::Refused {
            account_id: account.map(|a| a.user.id),
            reason: Refusal::ControlCharacters,
        };
    }
    match account {
        None => Verdict::Refused {
            account_id: None,
            reason: Refusal::UnknownClient,
        },
        Some(a) if !a.credentials.accepts(&credentials.client_secret, at) => Verdict::Refused {
            account_id: Some(a.user.id),
            reason: Refusal::WrongSecret,
        },
        Some(a) if a.user.disabled => Verdict::Refused {
            account_id: Some(a.user.id),
            reason: Refusal::Disabled,
        },
        Some(a) => Verdict::Accepted(Box::new(a)),
    }
}

/// What the token endpoint settings are.
#[derive(Clone, Copy, Debug)]
pub struct TokenLimits {
    pub throttle: Policy,
    pub token_ttl_secs: u64,
}

/// An accepted client with the session its tokens belong to.
pub struct Issued {
    pub account: UserRow,
    pub session_id: String,
}

/// Where a token request came from: the client address (sessions and the audit log record
/// it) and the address as the throttle counts it ([`crate::http::client::throttle_key`]).
#[derive(Clone, Copy)]
pub struct Caller<'a> {
    pub client_ip: &'a str,
    pub throttle_key: &'a str,
}

impl<'a> Caller<'a> {
    pub fn new(client_ip: &'a str, throttle_key: &'a str) -> Self {
        Caller {
            client_ip,
            throttle_key,
        }
    }
}

/// Token request, step 3 (a write, when there is something to record). An accepted client
/// gets its session (never held back by the throttle), its failures from this address are
/// cleared and the grant is audited with the account as actor. A disabled account is audited
/// and refused. A wrong secret or unknown client id answers 429 while the throttle runs
/// (writing nothing), else it is counted and audited; both answer 401 `invalid_client`.
pub fn token_record(
    conn: &mut DbConnection,
    credentials: &ClientCredentials,
    caller: Caller<'_>,
    limits: &TokenLimits,
    quotas: &[Quota],
    verdict: Verdict,
    at: NaiveDateTime,
) -> ApiResult<Issued> {
    let client_id = credentials.client_id.as_str();
    match verdict {
        Verdict::Accepted(account) => grant(conn, account.user, client_id, caller, limits, at),
        Verdict::Refused { account_id, reason } => {
            let refused = Refused {
                account_id: account_id.as_deref(),
                client_id,
                reason,
            };
            refuse(conn, &refused, caller, limits, quotas, at)
        }
    }
}

/// An accepted client: its session (never held back by the throttle), its failures from this
/// address cleared and the grant audited with the account as actor, in one write.
fn grant(
    conn: &mut DbConnection,
    user: UserRow,
    client_id: &str,
    caller: Caller<'_>,
    limits: &TokenLimits,
    at: NaiveDateTime,
) -> ApiResult<Issued> {
    let Caller {
        client_ip,
        throttle_key,
    } = caller;
    let session_id = write_tx(conn, |c| {
        let sid = sessions::machine_session(c, &user.id, client_ip, limits.token_ttl_secs, at)?;
        store::mark_used(c, &user.id, at)?;
        throttle::clear(c, client_id, throttle_key)?;
        let actor = Actor {
            id: user.id.clone(),
            kind: ActorKind::ServiceAccount,
            role: Some(user.role),
            organisation_id: Some(user.organisation_id.clone()),
            origin: Origin {
                client_ip: client_ip.to_owned(),
                request_id: None,
            },
        };
        audit::record(
            c,
            at,
            audit::Entry::by(
                &actor,
                Action::ClientTokenIssued,
                Subject::ServiceAccount,
                &user.id,
            )
            .detail(TokenIssued { client_id }),
        )?;
        Ok(sid)
    })?;
    Ok(Issued {
        account: user,
        session_id,
    })
}

/// A refused token request: who asked and why.
struct Refused<'a> {
    account_id: Option<&'a str>,
    client_id: &'a str,
    reason: Refusal,
}

/// A refused client: audited; a wrong secret or unknown client id is counted by the throttle
/// (429 while it runs), a disabled account is not. Always an error.
fn refuse(
    conn: &mut DbConnection,
    refused: &Refused<'_>,
    caller: Caller<'_>,
    limits: &TokenLimits,
    quotas: &[Quota],
    at: NaiveDateTime,
) -> ApiResult<Issued> {
    let counted = refused.reason != Refusal::Disabled;
    if counted {
        // The read's standing, a first answer that spares the write while the throttle runs.
        if let Some(secs) = throttle::wait(quotas) {
            return Err(crate::http::rate_limit::error_with_quota(
                ApiError::rate_limited(secs),
                quotas,
            ));
        }
    }
    write_tx(conn, |c| {
        if counted {
            count_failure(c, refused.client_id, caller.throttle_key, limits, at)?;
        }
        audit::record(c, at, refusal_entry(refused, caller.client_ip))
    })?;
    Err(ApiError::invalid_client())
}

/// The decision that counts is taken again in the write that records the failure, under the
/// address's lock ([`crate::auth::throttle::lock`]; SQLite's one write lock), so parallel wrong
/// secrets get at most the free allowance of 401s.
fn count_failure(
    c: &mut DbConnection,
    client_id: &str,
    throttle_key: &str,
    limits: &TokenLimits,
    at: NaiveDateTime,
) -> ApiResult<()> {
    crate::auth::throttle::lock(c, "token", throttle_key)?;
    let now = throttle::quotas(c, &limits.throttle, client_id, throttle_key, at)?;
    if let Some(secs) = throttle::wait(&now) {
        return Err(crate::http::rate_limit::error_with_quota(
            ApiError::rate_limited(secs),
            &now,
        ));
    }
    throttle::record_failure(c, client_id, throttle_key, at)
}

/// The audit entry of a refused client (`client_auth_failure`).
fn refusal_entry(refused: &Refused<'_>, client_ip: &str) -> audit::Entry {
    let id = refused.account_id;
    audit::Entry {
        actor_id: id.map(str::to_owned),
        actor_kind: ActorKind::ServiceAccount,
        subject_id: id.map(str::to_owned),
        ..audit::Entry::anonymous(
            Action::ClientAuthFailure,
            Subject::ServiceAccount,
            &Origin {
                client_ip: client_ip.to_owned(),
                request_id: None,
            },
        )
    }
    .detail(ClientAuthFailure {
        client_id: refused.client_id,
        reason: refused.reason,
    })
}
