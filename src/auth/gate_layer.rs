//! The session gate's middleware: opens one gate per request ([`gate::within`]) and, when the
//! response leaves with the session still unchecked (or refused), settles it with a database
//! call of its own (see [`crate::auth::gate`]).

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::web;

use crate::http::gate;
use crate::state::AppState;

pub async fn session_gate(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let state = req.app_data::<web::Data<AppState>>().cloned();
    let (res, pending) = gate::within(next.call(req)).await;
    let res = res?.map_into_boxed_body();
    let Some(pending) = pending else {
        return Ok(res);
    };
    let refusal = match pending.refusal() {
        Some(refusal) => Some(refusal),
        None if pending.is_unchecked() => {
            let Some(state) = state else {
                return Ok(res);
            };
            let check = pending.clone();
            state.db(move |conn| check.check(conn)).await.err()
        }
        None => None,
    };
    Ok(match refusal {
        Some(error) => {
            let (req, _) = res.into_parts();
            ServiceResponse::from_err(error, req).map_into_boxed_body()
        }
        None => res,
    })
}
