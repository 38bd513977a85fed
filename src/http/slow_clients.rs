//! Defences against slow and greedy clients.
//!
//! - **Body deadline** (`CLIENT_BODY_TIMEOUT_SECS`): the request body must arrive in full
//!   within this many seconds of the end of the headers. It is a total time, not an idle time:
//!   an idle timeout does not stop a client that trickles one byte a second. The payload
//!   stream is wrapped here, before any extractor sees it, so JSON bodies, multipart uploads
//!   and anything added later are covered alike; when the deadline passes the stream fails,
//!   the handler gives up (an upload's pending file is removed by its guard), and the response
//!   is replaced by a 408 `request_timeout` problem with `Connection: close`. actix-http cuts
//!   slow *headers* itself (`client_request_timeout`, 5 s by default).
//! - **In-flight requests per client address** (`MAX_CONNECTIONS_PER_ADDRESS`): counted per
//!   request, at the address [`client_key`] gives (an IPv6 client per prefix), rather than per TCP connection in
//!   `HttpServer::on_connect`: behind the reverse proxy every connection comes from the proxy,
//!   so only the request (with `X-Forwarded-For` under `TRUST_PROXY`) knows the real client.
//!   Idle keep-alive connections hold no request and are bounded by actix's keep-alive
//!   timeout and `max_connections`. Beyond the cap: 429 `rate_limited` with `Retry-After` and
//!   `Connection: close`.
//!
//! This layer sits inside CORS (so a browser can read its problems) and renders them itself
//! in the negotiated language: `problem_layer` passes a response that is already a problem
//! document through unchanged, keeping its `Connection: close`.

use std::collections::HashMap;
use std::future::Future as _;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::error::PayloadError;
use actix_web::http::header;
use actix_web::middleware::Next;
use actix_web::web::{self, Bytes};
use actix_web::HttpMessage;
use futures_util::Stream;

use crate::config::Config;
use crate::error::ApiError;
use crate::http::client::client_key;
use crate::i18n::Lang;

/// The settings and the per-address counters, shared by every worker.
pub struct SlowClients {
    body_timeout: Duration,
    max_per_address: u32,
    /// The settings `client_ip` reads (`TRUST_PROXY`, `TRUSTED_PROXIES`).
    config: Arc<Config>,
    prefer_persian: bool,
    in_flight: Arc<Mutex<HashMap<String, u32>>>,
}

impl SlowClients {
    pub fn new(
        body_timeout: Duration,
        max_per_address: u32,
        config: Arc<Config>,
        prefer_persian: bool,
    ) -> Self {
        SlowClients {
            body_timeout,
            max_per_address,
            config,
            prefer_persian,
            in_flight: Arc::default(),
        }
    }

    /// Counts a request from `address`; `None` when the address already has the maximum.
    fn enter(&self, address: String) -> Option<InFlight> {
        let mut map = self.in_flight.lock().unwrap_or_else(|e| e.into_inner());
        let count = map.entry(address.clone()).or_insert(0);
        if *count >= self.max_per_address {
            return None;
        }
        *count += 1;
        Some(InFlight {
            map: self.in_flight.clone(),
            address,
        })
    }
}

/// One counted request; dropped (answered, failed or abandoned), it is no longer counted.
struct InFlight {
    map: Arc<Mutex<HashMap<String, u32>>>,
    address: String,
}

impl Drop for InFlight {
    fn drop(&mut self) {
        let mut map = self.map.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(count) = map.get_mut(&self.address) {
            *count = count.saturating_sub(1);
            if *count == 0 {
                map.remove(&self.address);
            }
        }
    }
}

/// A payload that fails once its deadline passes before it ended, and says so in `expired`.
struct Deadline {
    inner: Payload,
    sleep: Pin<Box<tokio::time::Sleep>>,
    expired: Arc<AtomicBool>,
    done: bool,
}

impl Stream for Deadline {
    type Item = Result<Bytes, PayloadError>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        if this.done {
            return Poll::Ready(None);
        }
        if this.sleep.as_mut().poll(cx).is_ready() {
            this.done = true;
            this.expired.store(true, Ordering::SeqCst);
            return Poll::Ready(Some(Err(PayloadError::Io(std::io::Error::new(
                std::io::ErrorKind::TimedOut,
                "request body deadline passed",
            )))));
        }
        let next = Pin::new(&mut this.inner).poll_next(cx);
        if let Poll::Ready(None) = next {
            this.done = true;
        }
        next
    }
}

/// Whether the request announces a body (a positive `Content-Length` or a transfer coding).
fn has_body(req: &ServiceRequest) -> bool {
    let headers = req.headers();
    headers.contains_key(header::TRANSFER_ENCODING)
        || headers
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok())
            .is_some_and(|n| n > 0)
}

/// The layer: see the module documentation.
pub async fn slow_clients(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let Some(limits) = req.app_data::<web::Data<SlowClients>>().cloned() else {
        return Ok(next.call(req).await?.map_into_boxed_body());
    };
    let lang = Lang::from_headers(req.headers(), limits.prefer_persian);
    let address = client_key(req.request(), &limits.config);
    let Some(_counted) = limits.enter(address) else {
        let err = ApiError::too_many_in_flight(limits.max_per_address);
        let mut res = err.render(lang);
        res.head_mut()
            .set_connection_type(actix_http::ConnectionType::Close);
        let (http_req, _) = req.into_parts();
        return Ok(ServiceResponse::new(http_req, res));
    };
    let expired = Arc::new(AtomicBool::new(false));
    if has_body(&req) {
        let stream = Deadline {
            inner: req.take_payload(),
            sleep: Box::pin(tokio::time::sleep(limits.body_timeout)),
            expired: expired.clone(),
            done: false,
        };
        let boxed: actix_http::BoxedPayloadStream = Box::pin(stream);
        req.set_payload(Payload::from(boxed));
    }
    let res = next.call(req).await?.map_into_boxed_body();
    if !expired.load(Ordering::SeqCst) {
        return Ok(res);
    }
    let err = ApiError::request_timeout(limits.body_timeout.as_secs());
    let mut rendered = err.render(lang);
    rendered
        .head_mut()
        .set_connection_type(actix_http::ConnectionType::Close);
    Ok(res.into_response(rendered))
}
