//! The administrator's user inputs and their validated forms. (The account row and the `User`
//! view belong to `auth`.)

use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use crate::auth::model::Username;
use crate::auth::password;
use crate::domain::identity::{OrgKind, Role};
use crate::domain::mobile::Mobile;
use crate::error::{ApiError, FieldIssue};
use crate::validate::Issues;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateUser {
    /// 3–64 characters: letters, digits, `.`, `_`, `-`; unique ignoring case.
    #[schema(example = "m.karimi")]
    pub username: String,
    /// 2–200 characters: printed as the signatory's name on the permits the user issues.
    #[schema(example = "مریم کریمی")]
    pub full_name: String,
    /// The user's post (سمت), 2–100 characters, printed under the signatory's name on the
    /// permits a directorate user issues; optional.
    #[schema(example = "معاون اموال دولتی")]
    pub position: Option<String>,
    /// Must fit the organisation's kind (`agency` → agency; `police` → police; `directorate`,
    /// `registry`, `admin` → directorate).
    pub role: Role,
    #[schema(format = Uuid)]
    pub organisation_id: String,
    #[schema(example = "09121234567")]
    pub mobile: Option<String>,
    /// Optional; when absent a temporary password is generated, returned once, and must be
    /// changed at first sign-in.
    #[schema(format = Password)]
    pub password: Option<String>,
}

/// Fields an administrator may change. `mobile: null` removes the mobile number.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateUser {
    /// 2–200 characters.
    pub full_name: Option<String>,
    /// The user's post (سمت), 2–100 characters; `null` or blank removes it. Permits already
    /// issued keep the post they were signed with.
    #[serde(default, deserialize_with = "serde_with_null::deserialize")]
    #[schema(value_type = Option<String>, example = "معاون اموال دولتی")]
    pub position: Option<Option<String>>,
    /// Disabling signs the user out everywhere at once.
    pub disabled: Option<bool>,
    #[serde(default, deserialize_with = "serde_with_null::deserialize")]
    #[schema(value_type = Option<String>)]
    pub mobile: Option<Option<String>>,
}

/// Distinguishes an absent field (`None`) from an explicit `null` (`Some(None)`).
mod serde_with_null {
    use serde::{Deserialize, Deserializer};

    pub fn deserialize<'de, D, T>(d: D) -> Result<Option<Option<T>>, D::Error>
    where
        D: Deserializer<'de>,
        T: Deserialize<'de>,
    {
        Option::<T>::deserialize(d).map(Some)
    }
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UserFilter {
    pub organisation_id: Option<String>,
    pub role: Option<Role>,
}

/// A `CreateUser` body with the kind of the organisation it names (`None`: no such
/// organisation), so that a role that does not fit is named with the other field issues.
pub struct CreateUserInput {
    pub body: CreateUser,
    pub organisation_kind: Option<OrgKind>,
    /// The organisation's name (it counts against the password).
    pub organisation_name: Option<String>,
}

/// A user that passed validation.
pub struct NewUser {
    pub username: Username,
    pub full_name: String,
    pub position: Option<String>,
    pub role: Role,
    pub organisation_id: String,
    pub mobile: Option<Mobile>,
    /// The administrator's choice; `None`: generate a temporary one.
    pub password: Option<String>,
}

/// The changes of an `UpdateUser`, validated; `None` keeps the current value.
pub struct UserChanges {
    pub full_name: Option<String>,
    /// `Some(None)` removes the post.
    pub position: Option<Option<String>>,
    pub disabled: Option<bool>,
    /// `Some(None)` removes the mobile number.
    pub mobile: Option<Option<Mobile>>,
}

fn full_name(issues: &mut Issues, value: &str) -> String {
    issues.line("full_name", value, 2, 200)
}

/// A post (سمت): blank is none.
fn position(issues: &mut Issues, value: &str) -> Option<String> {
    if crate::domain::text::normalize_line(value).is_empty() {
        return None;
    }
    Some(issues.line("position", value, 2, 100))
}

/// A mobile number, its issue collected when it is invalid.
fn mobile(issues: &mut Issues, value: &str) -> Option<Mobile> {
    let parsed = Mobile::parse(value);
    if parsed.is_none() {
        issues.push(FieldIssue::new(
            "mobile",
            "invalid_mobile",
            "شمارهٔ همراه باید ۱۱ رقم باشد و با ۰۹ آغاز شود، مانند ۰۹۱۲۱۲۳۴۵۶۷.",
            "The mobile number must look like 09xxxxxxxxx.",
        ));
    }
    parsed
}

fn username_issue() -> FieldIssue {
    FieldIssue::new(
        "username",
        "invalid_username",
        "نام کاربری باید ۳ تا ۶۴ نویسه از حروف لاتین، رقم، نقطه، خط تیره یا زیرخط باشد.",
        "Username: 3–64 of letters, digits, '.', '_' or '-'.",
    )
}

/// Whether a user of `role` may belong to an organisation of kind `kind` (`None`: unknown).
fn placement_issue(role: Role, kind: Option<OrgKind>) -> Option<FieldIssue> {
    match kind {
        None => Some(FieldIssue::new(
            "organisation_id",
            "unknown_organisation",
            "سازمان یافت نشد.",
            "No such organisation.",
        )),
        Some(k) if k != role.org_kind() => Some(FieldIssue::new(
            "role",
            "role_organisation_mismatch",
            "این نقش با نوع سازمان سازگار نیست.",
            format!(
                "Role '{role}' needs an organisation of kind '{}', not '{k}'.",
                role.org_kind()
            ),
        )),
        Some(_) => None,
    }
}

impl TryFrom<CreateUserInput> for NewUser {
    type Error = ApiError;

    /// 422 naming every invalid field.
    fn try_from(input: CreateUserInput) -> Result<Self, ApiError> {
        let body = input.body;
        let mut issues = Issues::new();
        let username = Username::parse(&body.username);
        if username.is_none() {
            issues.push(username_issue());
        }
        let full_name = full_name(&mut issues, &body.full_name);
        let position = body
            .position
            .as_deref()
            .and_then(|p| position(&mut issues, p));
        let mobile = body
            .mobile
            .as_deref()
            .filter(|m| !m.trim().is_empty())
            .and_then(|m| mobile(&mut issues, m));
        if let Some(pw) = &body.password {
            if let Err(issue) = password::check_policy(
                "password",
                pw,
                body.username.trim(),
                input.organisation_name.as_deref(),
                None,
            ) {
                issues.push(issue);
            }
        }
        if let Some(issue) = placement_issue(body.role, input.organisation_kind) {
            issues.push(issue);
        }
        issues.finish()?;
        Ok(NewUser {
            username: username.ok_or_else(|| ApiError::invalid_field(username_issue()))?,
            full_name,
            position,
            role: body.role,
            organisation_id: body.organisation_id.trim().to_owned(),
            mobile,
            password: body.password,
        })
    }
}

impl TryFrom<UpdateUser> for UserChanges {
    type Error = ApiError;

    /// 422 naming every invalid field. A blank mobile removes it, as `null` does.
    fn try_from(body: UpdateUser) -> Result<Self, ApiError> {
        let mut issues = Issues::new();
        let full_name = body.full_name.as_deref().map(|n| full_name(&mut issues, n));
        let position = body
            .position
            .as_ref()
            .map(|p| p.as_deref().and_then(|p| position(&mut issues, p)));
        let mobile = match &body.mobile {
            None => None,
            Some(None) => Some(None),
            Some(Some(m)) if m.trim().is_empty() => Some(None),
            Some(Some(m)) => Some(mobile(&mut issues, m)),
        };
        issues.finish()?;
        Ok(UserChanges {
            full_name,
            position,
            disabled: body.disabled,
            mobile,
        })
    }
}
