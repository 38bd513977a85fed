//! `/organisations`: kept by administrators; readable by the directorate (to filter by agency).

use actix_web::{get, patch, post, web, HttpRequest, HttpResponse};
use diesel::prelude::*;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use crate::audit;
use crate::auth::AuthUser;
use crate::clock::now;
use crate::db::schema::organisations;
use crate::db::DbConnection;
use crate::domain::identity::{OrgKind, Role};
use crate::domain::legal_id::{LegalId, LegalIdError};
use crate::domain::text::search_key;
use crate::error::{ApiError, ApiResult, FieldIssue};
use crate::http::client::client_ip;
use crate::http::etag::{with_etag, IfMatch};
use crate::http::json::Json;
use crate::http::pagination::{PageParams, Paginated};
use crate::organisations::model::{Organisation, OrganisationRow};
use crate::state::AppState;
use crate::validate::Issues;

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(create)
        .service(list)
        .service(get_one)
        .service(update);
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateOrganisation {
    /// Name (Persian); unique after normalisation.
    #[schema(example = "اداره کل راه و شهرسازی استان آذربایجان شرقی")]
    pub name: String,
    pub kind: OrgKind,
    /// 11-digit legal-entity national id (شناسه ملی), checksum verified; unique.
    #[schema(example = "10380284790")]
    pub national_id: String,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateOrganisation {
    pub name: Option<String>,
    pub national_id: Option<String>,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OrganisationFilter {
    /// Only organisations of this kind.
    pub kind: Option<OrgKind>,
}

fn legal_id(issues: &mut Issues, value: &str) -> String {
    match LegalId::parse(value) {
        Ok(id) => id.as_str().to_owned(),
        Err(e) => {
            issues.push(match e {
                LegalIdError::Format => FieldIssue::new(
                    "national_id",
                    "invalid_format",
                    "شناسهٔ ملی باید ۱۱ رقم باشد.",
                    "The national id must be 11 digits.",
                ),
                LegalIdError::Checksum => FieldIssue::new(
                    "national_id",
                    "invalid_checksum",
                    "رقم کنترل شناسهٔ ملی درست نیست.",
                    "The national id's check digit is wrong.",
                ),
            });
            String::new()
        }
    }
}

/// 409 `duplicate` naming the field already taken.
fn check_unique(
    conn: &mut DbConnection,
    name_key: &str,
    national_id: &str,
    except_id: &str,
) -> ApiResult<()> {
    let clash: Option<(String, String)> = organisations::table
        .filter(
            organisations::name_key
                .eq(name_key)
                .or(organisations::national_id.eq(national_id)),
        )
        .filter(organisations::id.ne(except_id))
        .select((organisations::name_key, organisations::national_id))
        .first(conn)
        .optional()?;
    match clash {
        Some((k, _)) if k == name_key => Err(ApiError::duplicate(
            "سازمانی با همین نام ثبت شده است.",
            "An organisation with this name exists.",
        )
        .with_extension("field", "name")),
        Some(_) => Err(ApiError::duplicate(
            "سازمانی با همین شناسهٔ ملی ثبت شده است.",
            "An organisation with this national id exists.",
        )
        .with_extension("field", "national_id")),
        None => Ok(()),
    }
}

fn respond(status: actix_web::http::StatusCode, row: OrganisationRow) -> HttpResponse {
    let mut b = HttpResponse::build(status);
    with_etag(&mut b, row.version);
    if status == actix_web::http::StatusCode::CREATED {
        b.insert_header((
            actix_web::http::header::LOCATION,
            format!("/api/v1/organisations/{}", row.id),
        ));
    }
    b.json(Organisation::from(row))
}

/// Create an organisation. Roles: `admin`.
#[utoipa::path(
    tag = "organisations",
    request_body = CreateOrganisation,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Created.", body = Organisation),
        (status = 409, description = "Name or national id already used (`duplicate`).", body = crate::error::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/organisations")]
pub async fn create(
    state: web::Data<AppState>,
    req: HttpRequest,
    user: AuthUser,
    body: Json<CreateOrganisation>,
) -> ApiResult<HttpResponse> {
    user.require(&[Role::Admin])?;
    let ip = client_ip(&req, state.config.trust_proxy);
    let body = body.into_inner()?;
    let mut issues = Issues::new();
    let name = issues.line("name", &body.name, 2, 200);
    let national_id = legal_id(&mut issues, &body.national_id);
    issues.finish()?;
    let row = state
        .tx(move |conn| {
            let key = search_key(&name);
            check_unique(conn, &key, &national_id, "")?;
            let at = now();
            let row = OrganisationRow {
                id: uuid::Uuid::now_v7().to_string(),
                name,
                name_key: key,
                kind: body.kind,
                national_id,
                created_at: at,
                updated_at: at,
                version: 1,
            };
            diesel::insert_into(organisations::table)
                .values(&row)
                .execute(conn)?;
            audit::record(
                conn,
                audit::Entry {
                    actor_user_id: Some(&user.id),
                    action: "organisation.created",
                    subject_kind: "organisation",
                    subject_id: Some(&row.id),
                    client_ip: Some(&ip),
                    detail: Some(serde_json::json!({ "kind": row.kind })),
                },
            )?;
            Ok(row)
        })
        .await?;
    Ok(respond(actix_web::http::StatusCode::CREATED, row))
}

/// List organisations, newest first. Roles: `admin`, `directorate`.
#[utoipa::path(
    tag = "organisations",
    params(OrganisationFilter, PageParams),
    security(("bearer" = [])),
    responses((status = 200, description = "A page of organisations.", body = Paginated<Organisation>))
)]
#[get("/organisations")]
pub async fn list(
    state: web::Data<AppState>,
    user: AuthUser,
    filter: web::Query<OrganisationFilter>,
    page: web::Query<PageParams>,
) -> ApiResult<HttpResponse> {
    user.require(&[Role::Admin, Role::Directorate])?;
    let page = page.page()?;
    let kind = filter.kind;
    let rows = state
        .db(move |conn| {
            let mut q = organisations::table
                .select(OrganisationRow::as_select())
                .order(organisations::id.desc())
                .limit(page.limit + 1)
                .into_boxed();
            if let Some(k) = kind {
                q = q.filter(organisations::kind.eq(k));
            }
            if let Some(after) = &page.after {
                q = q.filter(organisations::id.lt(after.clone()));
            }
            Ok(q.load::<OrganisationRow>(conn)?)
        })
        .await?;
    Ok(HttpResponse::Ok().json(Paginated::from_rows(
        rows,
        page.limit,
        |r| r.id.clone(),
        Organisation::from,
    )))
}

fn load(conn: &mut DbConnection, id: &str) -> ApiResult<OrganisationRow> {
    Ok(organisations::table
        .find(id)
        .select(OrganisationRow::as_select())
        .first(conn)?)
}

/// One organisation. Roles: `admin`, `directorate`.
#[utoipa::path(
    tag = "organisations",
    params(("id" = String, Path, description = "Organisation id")),
    security(("bearer" = [])),
    responses((status = 200, description = "The organisation; `ETag` carries its version.", body = Organisation))
)]
#[get("/organisations/{id}")]
pub async fn get_one(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    user.require(&[Role::Admin, Role::Directorate])?;
    let id = id.into_inner();
    let row = state.db(move |conn| load(conn, &id)).await?;
    Ok(respond(actix_web::http::StatusCode::OK, row))
}

/// Rename an organisation or correct its national id. Roles: `admin`. Honours `If-Match`.
#[utoipa::path(
    tag = "organisations",
    params(
        ("id" = String, Path, description = "Organisation id"),
        ("If-Match" = Option<String>, Header, description = "The `ETag` last read; 412 when stale."),
    ),
    request_body = UpdateOrganisation,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Updated.", body = Organisation),
        (status = 409, description = "Name or national id already used (`duplicate`).", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 412, description = "Stale `If-Match` (`precondition_failed`).", body = crate::error::Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/organisations/{id}")]
pub async fn update(
    state: web::Data<AppState>,
    req: HttpRequest,
    user: AuthUser,
    id: web::Path<String>,
    if_match: IfMatch,
    body: Json<UpdateOrganisation>,
) -> ApiResult<HttpResponse> {
    user.require(&[Role::Admin])?;
    let ip = client_ip(&req, state.config.trust_proxy);
    let id = id.into_inner();
    let body = body.into_inner()?;
    let mut issues = Issues::new();
    let name = body.name.as_deref().map(|n| issues.line("name", n, 2, 200));
    let national_id = body
        .national_id
        .as_deref()
        .map(|n| legal_id(&mut issues, n));
    issues.finish()?;
    let row = state
        .tx(move |conn| {
            let current = load(conn, &id)?;
            if_match.check(current.version)?;
            let name = name.unwrap_or(current.name.clone());
            let key = search_key(&name);
            let national_id = national_id.unwrap_or(current.national_id.clone());
            check_unique(conn, &key, &national_id, &id)?;
            let at = now();
            let n = diesel::update(
                organisations::table
                    .filter(organisations::id.eq(&id))
                    .filter(organisations::version.eq(current.version)),
            )
            .set((
                organisations::name.eq(&name),
                organisations::name_key.eq(&key),
                organisations::national_id.eq(&national_id),
                organisations::updated_at.eq(at),
                organisations::version.eq(current.version + 1),
            ))
            .execute(conn)?;
            if n == 0 {
                return Err(ApiError::precondition_failed());
            }
            audit::record(
                conn,
                audit::Entry {
                    actor_user_id: Some(&user.id),
                    action: "organisation.updated",
                    subject_kind: "organisation",
                    subject_id: Some(&id),
                    client_ip: Some(&ip),
                    detail: None,
                },
            )?;
            load(conn, &id)
        })
        .await?;
    Ok(respond(actix_web::http::StatusCode::OK, row))
}
