//! What the administrator's user endpoints show beyond the `User` view of `auth`: a new user with
//! its temporary password, and a reset password.

use serde::Serialize;
use utoipa::ToSchema;

use crate::auth::views::User;

#[derive(Serialize, ToSchema)]
pub struct CreatedUser {
    #[serde(flatten)]
    pub user: User,
    /// Present only when the password was generated: shown this once.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub temporary_password: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct TemporaryPassword {
    /// Give it to the user over a trusted channel; it must be changed at first sign-in.
    pub temporary_password: String,
}
