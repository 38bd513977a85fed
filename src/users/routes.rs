//! `/users`: the administrator creates users, edits them, disables them and resets forgotten
//! passwords (SLA §4: the site administrator is obliged to reset a forgotten password).

use actix_web::http::StatusCode;
use actix_web::{get, patch, post, web, HttpRequest, HttpResponse};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::audit;
use crate::auth::model::{username_key, User, UserRow};
use crate::auth::{password, sessions, AuthUser};
use crate::clock::now;
use crate::db::schema::{organisations, users};
use crate::db::DbConnection;
use crate::domain::identity::{OrgKind, Role};
use crate::domain::mobile::Mobile;
use crate::error::{ApiError, ApiResult, ErrorCode, FieldIssue};
use crate::http::client::client_ip;
use crate::http::etag::{with_etag, IfMatch};
use crate::http::json::Json;
use crate::http::pagination::{PageParams, Paginated};
use crate::state::AppState;
use crate::validate::Issues;

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(create)
        .service(list)
        .service(get_one)
        .service(update)
        .service(reset_password);
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateUser {
    /// 3–64 characters: letters, digits, `.`, `_`, `-`; unique ignoring case.
    #[schema(example = "m.karimi")]
    pub username: String,
    #[schema(example = "مریم کریمی")]
    pub full_name: String,
    /// Must fit the organisation's kind (`agency` → agency; `police` → police; `directorate`,
    /// `registry`, `admin` → directorate).
    pub role: Role,
    pub organisation_id: String,
    #[schema(example = "09121234567")]
    pub mobile: Option<String>,
    /// Optional; when absent a temporary password is generated, returned once, and must be
    /// changed at first sign-in.
    #[schema(format = Password)]
    pub password: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct CreatedUser {
    #[serde(flatten)]
    pub user: User,
    /// Present only when the password was generated: shown this once.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub temporary_password: Option<String>,
}

/// Fields an administrator may change. `mobile: null` removes the mobile number.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateUser {
    pub full_name: Option<String>,
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

#[derive(Serialize, ToSchema)]
pub struct TemporaryPassword {
    /// Give it to the user over a trusted channel; it must be changed at first sign-in.
    pub temporary_password: String,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UserFilter {
    pub organisation_id: Option<String>,
    pub role: Option<Role>,
}

fn valid_username(u: &str) -> bool {
    let n = u.chars().count();
    (3..=64).contains(&n)
        && u.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
}

fn mobile(issues: &mut Issues, field: &str, value: &str) -> Option<String> {
    match Mobile::parse(value) {
        Some(m) => Some(m.as_str().to_owned()),
        None => {
            issues.push(FieldIssue::new(
                field,
                "invalid_mobile",
                "شمارهٔ همراه باید به شکل ۰۹xxxxxxxxx باشد.",
                "The mobile number must look like 09xxxxxxxxx.",
            ));
            None
        }
    }
}

fn load(conn: &mut DbConnection, id: &str) -> ApiResult<UserRow> {
    Ok(users::table
        .find(id)
        .select(UserRow::as_select())
        .first(conn)?)
}

fn respond(status: StatusCode, row: UserRow, temporary_password: Option<String>) -> HttpResponse {
    let mut b = HttpResponse::build(status);
    with_etag(&mut b, row.version);
    if status == StatusCode::CREATED {
        b.insert_header((
            actix_web::http::header::LOCATION,
            format!("/api/v1/users/{}", row.id),
        ));
        return b.json(CreatedUser {
            user: User::from(row),
            temporary_password,
        });
    }
    b.json(User::from(row))
}

/// Create a user. Roles: `admin`.
///
/// Without `password`, a temporary one is generated and returned once as `temporary_password`,
/// and `must_change_password` is set.
#[utoipa::path(
    tag = "users",
    request_body = CreateUser,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Created.", body = CreatedUser),
        (status = 409, description = "Username taken (`duplicate`).", body = crate::error::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/users")]
pub async fn create(
    state: web::Data<AppState>,
    req: HttpRequest,
    user: AuthUser,
    body: Json<CreateUser>,
) -> ApiResult<HttpResponse> {
    user.require(&[Role::Admin])?;
    let ip = client_ip(&req, state.config.trust_proxy);
    let body = body.into_inner()?;
    let mut issues = Issues::new();
    let username = body.username.trim().to_owned();
    if !valid_username(&username) {
        issues.push(FieldIssue::new(
            "username",
            "invalid_username",
            "نام کاربری باید ۳ تا ۶۴ نویسه از حروف لاتین، رقم، نقطه، خط تیره یا زیرخط باشد.",
            "Username: 3–64 of letters, digits, '.', '_' or '-'.",
        ));
    }
    let full_name = issues.line("full_name", &body.full_name, 2, 200);
    let mobile = body
        .mobile
        .as_deref()
        .filter(|m| !m.trim().is_empty())
        .and_then(|m| mobile(&mut issues, "mobile", m));
    if let Some(pw) = &body.password {
        if let Err(issue) = password::check_policy("password", pw, &username, None) {
            issues.push(issue);
        }
    }
    let role = body.role;
    let organisation_id = body.organisation_id.trim().to_owned();
    let given_password = body.password;
    // Hashing is slow: do it off the async threads, before taking the write lock.
    let (row, temporary) = state
        .db(move |conn| {
            let kind: Option<OrgKind> = organisations::table
                .find(&organisation_id)
                .select(organisations::kind)
                .first(conn)
                .optional()?;
            match kind {
                None => issues.push(FieldIssue::new(
                    "organisation_id",
                    "unknown_organisation",
                    "سازمان یافت نشد.",
                    "No such organisation.",
                )),
                Some(k) if k != role.org_kind() => issues.push(FieldIssue::new(
                    "role",
                    "role_organisation_mismatch",
                    "این نقش با نوع سازمان سازگار نیست.",
                    format!(
                        "Role '{role}' needs an organisation of kind '{}', not '{k}'.",
                        role.org_kind()
                    ),
                )),
                Some(_) => {}
            }
            issues.finish()?;
            let (plain, generated) = match given_password {
                Some(p) => (p, false),
                None => (password::generate_temporary(), true),
            };
            let hash = password::hash(&plain).map_err(ApiError::internal)?;
            let at = now();
            let row = UserRow {
                id: uuid::Uuid::now_v7().to_string(),
                username_key: username_key(&username),
                username,
                full_name,
                role,
                organisation_id,
                mobile,
                password_hash: hash,
                must_change_password: generated,
                disabled: false,
                password_changed_at: at,
                created_at: at,
                updated_at: at,
                version: 1,
            };
            crate::db::write_tx(conn, |c| {
                let taken: i64 = users::table
                    .filter(users::username_key.eq(&row.username_key))
                    .count()
                    .get_result(c)?;
                if taken > 0 {
                    return Err(ApiError::duplicate(
                        "این نام کاربری قبلاً ثبت شده است.",
                        "This username is taken.",
                    )
                    .with_extension("field", "username"));
                }
                diesel::insert_into(users::table).values(&row).execute(c)?;
                audit::record(
                    c,
                    audit::Entry {
                        actor_user_id: Some(&user.id),
                        action: "user.created",
                        subject_kind: "user",
                        subject_id: Some(&row.id),
                        client_ip: Some(&ip),
                        detail: Some(serde_json::json!({
                            "role": row.role,
                            "organisation_id": row.organisation_id,
                            "generated_password": generated,
                        })),
                    },
                )
            })?;
            Ok((row, generated.then_some(plain)))
        })
        .await?;
    Ok(respond(StatusCode::CREATED, row, temporary))
}

/// List users, newest first. Roles: `admin`.
#[utoipa::path(
    tag = "users",
    params(UserFilter, PageParams),
    security(("bearer" = [])),
    responses((status = 200, description = "A page of users.", body = Paginated<User>))
)]
#[get("/users")]
pub async fn list(
    state: web::Data<AppState>,
    user: AuthUser,
    filter: web::Query<UserFilter>,
    page: web::Query<PageParams>,
) -> ApiResult<HttpResponse> {
    user.require(&[Role::Admin])?;
    let page = page.page()?;
    let filter = filter.into_inner();
    let rows = state
        .db(move |conn| {
            let mut q = users::table
                .select(UserRow::as_select())
                .order(users::id.desc())
                .limit(page.limit + 1)
                .into_boxed();
            if let Some(org) = filter.organisation_id {
                q = q.filter(users::organisation_id.eq(org));
            }
            if let Some(role) = filter.role {
                q = q.filter(users::role.eq(role));
            }
            if let Some(after) = &page.after {
                q = q.filter(users::id.lt(after.clone()));
            }
            Ok(q.load::<UserRow>(conn)?)
        })
        .await?;
    Ok(HttpResponse::Ok().json(Paginated::from_rows(
        rows,
        page.limit,
        |r| r.id.clone(),
        User::from,
    )))
}

/// One user. Roles: `admin`.
#[utoipa::path(
    tag = "users",
    params(("id" = String, Path, description = "User id")),
    security(("bearer" = [])),
    responses((status = 200, description = "The user; `ETag` carries its version.", body = User))
)]
#[get("/users/{id}")]
pub async fn get_one(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    user.require(&[Role::Admin])?;
    let id = id.into_inner();
    let row = state.db(move |conn| load(conn, &id)).await?;
    Ok(respond(StatusCode::OK, row, None))
}

/// Change a user's name, mobile or disabled flag. Roles: `admin`. Honours `If-Match`.
///
/// Disabling a user revokes every sign-in at once. An administrator cannot disable themself
/// (409 `cannot_disable_self`).
#[utoipa::path(
    tag = "users",
    params(
        ("id" = String, Path, description = "User id"),
        ("If-Match" = Option<String>, Header, description = "The `ETag` last read; 412 when stale."),
    ),
    request_body = UpdateUser,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Updated.", body = User),
        (status = 409, description = "An administrator tried to disable their own account (`cannot_disable_self`).", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 412, description = "Stale `If-Match` (`precondition_failed`).", body = crate::error::Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/users/{id}")]
pub async fn update(
    state: web::Data<AppState>,
    req: HttpRequest,
    user: AuthUser,
    id: web::Path<String>,
    if_match: IfMatch,
    body: Json<UpdateUser>,
) -> ApiResult<HttpResponse> {
    user.require(&[Role::Admin])?;
    let ip = client_ip(&req, state.config.trust_proxy);
    let id = id.into_inner();
    let body = body.into_inner()?;
    let mut issues = Issues::new();
    let full_name = body
        .full_name
        .as_deref()
        .map(|n| issues.line("full_name", n, 2, 200));
    let new_mobile: Option<Option<String>> = match &body.mobile {
        None => None,
        Some(None) => Some(None),
        Some(Some(m)) if m.trim().is_empty() => Some(None),
        Some(Some(m)) => Some(mobile(&mut issues, "mobile", m)),
    };
    issues.finish()?;
    if body.disabled == Some(true) && id == user.id {
        return Err(ApiError::conflict(
            ErrorCode::CannotDisableSelf,
            "نمی‌توانید حساب خودتان را غیرفعال کنید.",
            "You cannot disable your own account.",
        ));
    }
    let row = state
        .tx(move |conn| {
            let current = load(conn, &id)?;
            if_match.check(current.version)?;
            let at = now();
            let disabled = body.disabled.unwrap_or(current.disabled);
            let n = diesel::update(
                users::table
                    .filter(users::id.eq(&id))
                    .filter(users::version.eq(current.version)),
            )
            .set((
                users::full_name.eq(full_name.unwrap_or(current.full_name.clone())),
                users::mobile.eq(new_mobile.unwrap_or(current.mobile.clone())),
                users::disabled.eq(disabled),
                users::updated_at.eq(at),
                users::version.eq(current.version + 1),
            ))
            .execute(conn)?;
            if n == 0 {
                return Err(ApiError::precondition_failed());
            }
            if disabled && !current.disabled {
                sessions::revoke_all_for_user(conn, &id, "user_disabled", None, at)?;
            }
            audit::record(
                conn,
                audit::Entry {
                    actor_user_id: Some(&user.id),
                    action: "user.updated",
                    subject_kind: "user",
                    subject_id: Some(&id),
                    client_ip: Some(&ip),
                    detail: Some(serde_json::json!({
                        "disabled": disabled,
                        "was_disabled": current.disabled,
                    })),
                },
            )?;
            load(conn, &id)
        })
        .await?;
    Ok(respond(StatusCode::OK, row, None))
}

/// Reset a forgotten password. Roles: `admin`.
///
/// Issues a temporary password (returned once), sets `must_change_password`, and revokes every
/// sign-in of that user.
#[utoipa::path(
    tag = "users",
    params(("id" = String, Path, description = "User id")),
    security(("bearer" = [])),
    responses((status = 200, description = "The temporary password.", body = TemporaryPassword))
)]
#[post("/users/{id}/password-reset")]
pub async fn reset_password(
    state: web::Data<AppState>,
    req: HttpRequest,
    user: AuthUser,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    user.require(&[Role::Admin])?;
    let ip = client_ip(&req, state.config.trust_proxy);
    let id = id.into_inner();
    let temporary = state
        .db(move |conn| {
            load(conn, &id)?;
            let plain = password::generate_temporary();
            let hash = password::hash(&plain).map_err(ApiError::internal)?;
            crate::db::write_tx(conn, |c| {
                let at = now();
                diesel::update(users::table.find(&id))
                    .set((
                        users::password_hash.eq(&hash),
                        users::must_change_password.eq(true),
                        users::password_changed_at.eq(at),
                        users::updated_at.eq(at),
                        users::version.eq(users::version + 1),
                    ))
                    .execute(c)?;
                sessions::revoke_all_for_user(c, &id, "password_reset", None, at)?;
                audit::record(
                    c,
                    audit::Entry {
                        actor_user_id: Some(&user.id),
                        action: "user.password_reset",
                        subject_kind: "user",
                        subject_id: Some(&id),
                        client_ip: Some(&ip),
                        detail: None,
                    },
                )
            })?;
            Ok(plain)
        })
        .await?;
    Ok(HttpResponse::Ok().json(TemporaryPassword {
        temporary_password: temporary,
    }))
}
