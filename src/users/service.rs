//! The administrator's rules for users: creating (the role must fit the organisation), editing
//! (not disabling oneself; disabling signs out everywhere) and resetting a forgotten password.
//! Called on the blocking pool: password hashing happens before the write transaction.

use chrono::NaiveDateTime;
use serde::Serialize;

use crate::audit::{self, Action, Actor, Subject};
use crate::auth::model::UserRow;
use crate::auth::password;
use crate::auth::queries::{self as accounts, NewPassword};
use crate::auth::sessions::{self, RevokeReason};
use crate::db::{write_tx, DbConnection};
use crate::domain::identity::Role;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::http::etag::IfMatch;
use crate::organisations::queries as organisations;
use crate::users::model::{CreateUser, CreateUserInput, NewUser, UserChanges};
use crate::users::store::{self, Profile};

/// A new user, with its temporary password when one was generated (shown this once).
pub struct Created {
    pub user: UserRow,
    pub temporary_password: Option<String>,
}

/// Creating a user, step 1 (a read): validates the body, every field issue at once, the
/// organisation's kind among them.
pub fn prepare(conn: &mut DbConnection, body: CreateUser) -> ApiResult<NewUser> {
    let organisation_kind = organisations::kind_of(conn, body.organisation_id.trim())?;
    let organisation_name = organisations::name_of(conn, body.organisation_id.trim())?;
    NewUser::try_from(CreateUserInput {
        body,
        organisation_kind,
        organisation_name,
    })
}

/// A user's password and its hash, before the row is written.
pub struct Credentials {
    plain: String,
    hash: String,
    generated: bool,
}

/// Creating a user, step 2 (CPU only, on the blocking pool): the given password, or a
/// generated temporary one, hashed.
pub fn credentials(new: &NewUser) -> ApiResult<Credentials> {
    let (plain, generated) = match new.password.clone() {
        Some(p) => (p, false),
        None => (password::generate_temporary(), true),
    };
    let hash = password::hash(&plain).map_err(ApiError::internal)?;
    Ok(Credentials {
        plain,
        hash,
        generated,
    })
}

/// Creating a user, step 3 (a write): inserts and audits in one transaction. 409 `duplicate`
/// on a taken username.
pub fn create(
    conn: &mut DbConnection,
    actor: &Actor,
    new: NewUser,
    credentials: Credentials,
    at: NaiveDateTime,
) -> ApiResult<Created> {
    let Credentials {
        plain,
        hash,
        generated,
    } = credentials;
    let row = new_row(new, hash, generated, at);
    write_tx(conn, |c| {
        if store::username_taken(c, &row.username_key)? {
            return Err(ApiError::duplicate(
                "این نام کاربری قبلاً ثبت شده است.",
                "This username is taken.",
            )
            .with_extension("field", "username"));
        }
        store::insert(c, &row)?;
        audit::record(
            c,
            at,
            audit::Entry::by(actor, Action::UserCreated, Subject::User, &row.id).detail(
                UserCreated {
                    role: row.role,
                    organisation_id: &row.organisation_id,
                    generated_password: generated,
                },
            ),
        )
    })?;
    Ok(Created {
        user: row,
        temporary_password: generated.then_some(plain),
    })
}

/// The detail of `user.created`: never the password, only whether it was generated.
#[derive(Serialize)]
struct UserCreated<'a> {
    role: Role,
    organisation_id: &'a str,
    generated_password: bool,
}

/// The detail of `user.updated`.
#[derive(Serialize)]
struct UserUpdated {
    disabled: bool,
    was_disabled: bool,
    /// The mobile SMS notices go to, masked, when it changed.
    mobile_changed: Option<MobileChange>,
}

/// A change of mobile, both masked ([`crate::domain::mobile::mask`]).
#[derive(Serialize)]
struct MobileChange {
    from: Option<String>,
    to: Option<String>,
}

fn new_row(
    new: NewUser,
    password_hash: String,
    must_change_password: bool,
    at: NaiveDateTime,
) -> UserRow {
    UserRow {
        id: uuid::Uuid::now_v7().to_string(),
        username_key: new.username.key(),
        username: new.username.as_str().to_owned(),
        full_name: new.full_name,
        position: new.position,
        role: new.role,
        organisation_id: new.organisation_id,
        mobile: new.mobile.map(|m| m.as_str().to_owned()),
        password_hash,
        must_change_password,
        disabled: false,
        password_changed_at: at,
        created_at: at,
        updated_at: at,
        version: 1,
    }
}

/// Applies an administrator's changes (versioned); disabling revokes every sign-in. 409
/// `cannot_disable_self` when the administrator disables their own account. Runs in the
/// caller's write transaction.
pub fn update(
    conn: &mut DbConnection,
    actor: &Actor,
    id: &str,
    if_match: IfMatch,
    changes: UserChanges,
    at: NaiveDateTime,
) -> ApiResult<UserRow> {
    if changes.disabled == Some(true) && id == actor.id {
        return Err(ApiError::conflict(
            ErrorCode::CannotDisableSelf,
            "نمی‌توانید حساب خودتان را غیرفعال کنید.",
            "You cannot disable your own account.",
        ));
    }
    let current = store::person(conn, id)?;
    if_match.check(current.version)?;
    let disabled = changes.disabled.unwrap_or(current.disabled);
    let old_mobile = current.mobile.clone();
    let profile = Profile {
        full_name: changes.full_name.unwrap_or(current.full_name),
        position: match changes.position {
            Some(position) => position,
            None => current.position,
        },
        mobile: match changes.mobile {
            Some(mobile) => mobile.map(|m| m.as_str().to_owned()),
            None => current.mobile,
        },
        disabled,
    };
    // The mobile is where notices are sent by SMS: a change of recipient is audited (masked).
    let mobile_change = (profile.mobile != old_mobile).then(|| MobileChange {
        from: old_mobile.as_deref().map(crate::domain::mobile::mask),
        to: profile.mobile.as_deref().map(crate::domain::mobile::mask),
    });
    if !store::update_profile(conn, id, current.version, profile, at)? {
        return Err(ApiError::precondition_failed());
    }
    if disabled && !current.disabled {
        sessions::revoke_all_for_user(conn, id, RevokeReason::UserDisabled, None, at)?;
    }
    audit::record(
        conn,
        at,
        audit::Entry::by(actor, Action::UserUpdated, Subject::User, id).detail(UserUpdated {
            disabled,
            was_disabled: current.disabled,
            mobile_changed: mobile_change,
        }),
    )?;
    accounts::user(conn, id)
}

/// A temporary password and its hash (CPU only, on the blocking pool).
pub fn temporary_password() -> ApiResult<(String, String)> {
    let plain = password::generate_temporary();
    let hash = password::hash(&plain).map_err(ApiError::internal)?;
    Ok((plain, hash))
}

/// Sets a temporary password (from [`temporary_password`]) that must be changed at the next
/// sign-in, and revokes every sign-in of the user.
pub fn reset_password(
    conn: &mut DbConnection,
    actor: &Actor,
    id: &str,
    hash: &str,
    at: NaiveDateTime,
) -> ApiResult<()> {
    store::person(conn, id)?;
    write_tx(conn, |c| {
        let new = NewPassword {
            hash,
            must_change: true,
            at,
        };
        accounts::set_password(c, id, new)?;
        sessions::revoke_all_for_user(c, id, RevokeReason::PasswordReset, None, at)?;
        audit::record(
            c,
            at,
            audit::Entry::by(actor, Action::UserPasswordReset, Subject::User, id),
        )
    })
}
