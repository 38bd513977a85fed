//! `GET /audit`: the audit trail, filtered, newest first, as JSON pages or CSV.

use actix_web::http::header;
use actix_web::{get, web, HttpRequest, HttpResponse};

use crate::audit::model::{cursor_key, AuditFilter, AuditQuery, Format};
use crate::audit::views::AuditEntry;
use crate::audit::{service, Trail};
use crate::auth::AuthUser;
use crate::domain::identity::Role;
use crate::error::{ApiResult, Problem};
use crate::http::csv::field;
use crate::http::pagination::{PageParams, Paginated};
use crate::state::AppState;

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list);
}

/// The CSV columns, in order.
const CSV_HEADER: &str = "id,at,at_jalali,actor_id,actor_kind,actor_role,organisation_id,action,subject_kind,subject_id,request_id,client_ip,http_request_id,detail";

fn to_csv(items: &[AuditEntry]) -> String {
    let mut out = String::with_capacity(64 + items.len() * 200);
    out.push_str(CSV_HEADER);
    out.push('\n');
    for e in items {
        let opt = |v: &Option<String>| field(v.as_deref().unwrap_or(""));
        let line = [
            field(&e.id),
            field(&e.at.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)),
            field(&e.at_jalali),
            opt(&e.actor_id),
            field(e.actor_kind.as_str()),
            opt(&e.actor_role),
            opt(&e.organisation_id),
            field(e.action.as_str()),
            field(e.subject_kind.as_str()),
            opt(&e.subject_id),
            opt(&e.request_id),
            opt(&e.client_ip),
            opt(&e.http_request_id),
            field(&e.detail.as_ref().map(|d| d.to_string()).unwrap_or_default()),
        ];
        out.push_str(&line.join(","));
        out.push('\n');
    }
    out
}

/// List the audit trail.
///
/// The audit trail, newest first: sign-ins (success and failure), administrative changes,
/// permit issues, revocations and receipts, request views and document downloads, each with
/// the actor (`user` or `service_account`, role, organisation), action, subject, client
/// address, `X-Request-Id` and time. Filters: `actor`, `action`, `subject`, `subject_kind`,
/// `organisation_id`, and the period `from`/`to` (ISO `2024-11-05` or Jalali `1403/08/15`,
/// whole days in the service's time zone). Keyset paging as in the other lists.
///
/// `Accept: text/csv` (or `?format=csv`) gives CSV: up to 10 000 rows (or `limit`), and when
/// more match, the cursor of the next export in `X-Next-Cursor`. Roles: `admin`.
#[utoipa::path(
    operation_id = "list_audit_entries",
    tag = "audit",
    params(AuditFilter, PageParams),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "A page of entries.", content(
            (Paginated<AuditEntry> = "application/json"),
            (String = "text/csv", example = "id,at,at_jalali,actor_id,actor_kind,actor_role,organisation_id,action,...")
        ), headers(("X-Next-Cursor" = String, description = "CSV only: the cursor of the next export, when more entries match."))),
        (status = 400, description = "An unknown `action`, `subject_kind` or `format`, a bad date or cursor (`invalid_query`).", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/audit")]
pub async fn list(
    req: HttpRequest,
    state: web::Data<AppState>,
    trail: web::Data<Trail>,
    user: AuthUser,
    filter: web::Query<AuditFilter>,
    page: web::Query<PageParams>,
) -> ApiResult<HttpResponse> {
    user.require(&[Role::Admin])?;
    let accept = req
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let (q, format, limit) = AuditQuery::parse(filter.into_inner(), &page, accept, &state.clock)?;
    // Reads recorded a moment ago are part of the answer.
    trail.flush(&state).await?;
    let rows = state.db(move |c| service::list(c, &q)).await?;
    let clock = state.clock;
    let page = Paginated::from_rows(rows, limit, cursor_key, |r| AuditEntry::new(r, &clock));
    Ok(match format {
        Format::Json => HttpResponse::Ok().json(page),
        Format::Csv => {
            let mut b = HttpResponse::Ok();
            b.content_type("text/csv; charset=utf-8").insert_header((
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"audit.csv\"",
            ));
            if let Some(next) = &page.next_cursor {
                b.insert_header(("X-Next-Cursor", next.clone()));
            }
            b.body(to_csv(&page.items))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_has_one_line_per_entry_under_the_header() {
        assert_eq!(to_csv(&[]), format!("{CSV_HEADER}\n"));
    }
}
