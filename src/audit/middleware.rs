//! The audit trail's middleware: authorization denials, counted per principal, target and
//! minute (the resource owns it, so the HTTP mechanisms import no resource).

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::StatusCode;
use actix_web::middleware::Next;
use actix_web::{web, HttpMessage};

/// Records authorization denials: a 403 or 404 answered to a signed-in caller (another agency's
/// request, a route the role may not use) is counted in the audit trail, one entry per
/// principal, target (`METHOD path`) and minute with the count (see
/// [`Trail::deny`](crate::audit::Trail::deny)).
pub async fn audit_denials(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let target = format!("{} {}", req.method(), req.path());
    let trail = req.app_data::<web::Data<crate::audit::Trail>>().cloned();
    let res = next.call(req).await?;
    let status = res.status();
    if status == StatusCode::FORBIDDEN || status == StatusCode::NOT_FOUND {
        let user = res
            .request()
            .extensions()
            .get::<crate::auth::AuthUser>()
            .cloned();
        if let (Some(trail), Some(user)) = (trail, user) {
            trail.deny(
                &crate::audit::model::Actor::of(&user),
                &target,
                status.as_u16(),
            );
        }
    }
    Ok(res)
}
