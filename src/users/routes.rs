//! `/users`: the administrator creates users, edits them, disables them and resets forgotten
//! passwords (SLA §4: the site administrator is obliged to reset a forgotten password).

use actix_web::http::header;
use actix_web::{get, patch, post, web, HttpResponse};

use crate::auth::model::UserRow;
use crate::auth::views::User;
use crate::auth::AuthUser;
use crate::clock::Clock;
use crate::domain::identity::Role;
use crate::error::ApiResult;
use crate::http::etag::{with_etag, IfMatch};
use crate::http::json::Json;
use crate::http::pagination::{PageParams, Paginated};
use crate::state::AppState;
use crate::users::model::{CreateUser, UpdateUser, UserChanges, UserFilter};
use crate::users::views::{CreatedUser, TemporaryPassword};
use crate::users::{service, store};

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(create)
        .service(list)
        .service(get_one)
        .service(update)
        .service(reset_password);
}

/// The user with its `ETag`.
fn ok_with_etag(row: UserRow, clock: &Clock) -> HttpResponse {
    let mut b = HttpResponse::Ok();
    with_etag(&mut b, row.version);
    b.json(User::new(row, clock))
}

/// Create a user.
///
/// Create a user. Roles: `admin`.
///
/// Without `password`, a temporary one is generated and returned once as `temporary_password`,
/// and `must_change_password` is set.
#[utoipa::path(
    operation_id = "create_user",
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
    user: AuthUser,
    body: Json<CreateUser>,
) -> ApiResult<HttpResponse> {
    user.require(&[Role::Admin])?;
    let actor = crate::audit::Actor::of(&user);
    let body = body.into_inner()?;
    let at = state.clock.now();
    // Validation needs the organisation's kind: the service checks the body (one 422).
    let new = state.db(move |c| service::prepare(c, body)).await?;
    // Hashed between the read and the write, holding no connection.
    let (new, credentials) = web::block(move || {
        let credentials = service::credentials(&new);
        (new, credentials)
    })
    .await?;
    let credentials = credentials?;
    let created = state
        .write(move |c| service::create(c, &actor, new, credentials, at))
        .await?;
    let location = format!("/api/v1/users/{}", created.user.id);
    let mut b = HttpResponse::Created();
    with_etag(&mut b, created.user.version);
    b.insert_header((header::LOCATION, location));
    Ok(b.json(CreatedUser {
        user: User::new(created.user, &state.clock),
        temporary_password: created.temporary_password,
    }))
}

/// List users.
///
/// List users, newest first. Roles: `admin`.
#[utoipa::path(
    operation_id = "list_users",
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
    let limit = page.limit;
    let rows = state.db(move |c| store::list(c, filter, &page)).await?;
    Ok(HttpResponse::Ok().json(Paginated::from_rows(
        rows,
        limit,
        |r| r.id.clone(),
        |r| User::new(r, &state.clock),
    )))
}

/// Get a user.
///
/// One user. Roles: `admin`.
#[utoipa::path(
    operation_id = "get_user",
    tag = "users",
    params(("id" = uuid::Uuid, Path, description = "User id")),
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
    let row = state.db(move |c| store::person(c, &id)).await?;
    Ok(ok_with_etag(row, &state.clock))
}

/// Update a user.
///
/// Change a user's name, mobile or disabled flag. Roles: `admin`. Honours `If-Match`.
///
/// Disabling a user revokes every sign-in at once. An administrator cannot disable themself
/// (409 `cannot_disable_self`).
#[utoipa::path(
    operation_id = "update_user",
    tag = "users",
    params(
        ("id" = uuid::Uuid, Path, description = "User id"),
        ("If-Match" = String, Header, description = "The `ETag` last read; 412 when stale."),
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
    user: AuthUser,
    id: web::Path<String>,
    if_match: IfMatch,
    body: Json<UpdateUser>,
) -> ApiResult<HttpResponse> {
    user.require(&[Role::Admin])?;
    let actor = crate::audit::Actor::of(&user);
    let id = id.into_inner();
    let changes = UserChanges::try_from(body.into_inner()?)?;
    let at = state.clock.now();
    let row = state
        .tx(move |c| service::update(c, &actor, &id, if_match, changes, at))
        .await?;
    Ok(ok_with_etag(row, &state.clock))
}

/// Reset a user's password.
///
/// Reset a forgotten password. Roles: `admin`.
///
/// Issues a temporary password (returned once), sets `must_change_password`, and revokes every
/// sign-in of that user.
#[utoipa::path(
    operation_id = "reset_user_password",
    tag = "users",
    params(("id" = uuid::Uuid, Path, description = "User id")),
    security(("bearer" = [])),
    responses((status = 200, description = "The temporary password.", body = TemporaryPassword))
)]
#[post("/users/{id}/password-reset")]
pub async fn reset_password(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    user.require(&[Role::Admin])?;
    let actor = crate::audit::Actor::of(&user);
    let id = id.into_inner();
    let (temporary_password, hash) = web::block(service::temporary_password).await??;
    let at = state.clock.now();
    state
        .write(move |c| service::reset_password(c, &actor, &id, &hash, at))
        .await?;
    Ok(HttpResponse::Ok().json(TemporaryPassword { temporary_password }))
}
