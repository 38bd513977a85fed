//! A webhook receiver on a loopback port, and a Standard Webhooks signature check written
//! independently of the service's code.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use actix_web::{web, App, HttpRequest, HttpResponse, HttpServer};
use base64::Engine;
use hmac::Mac;

/// Each request the receiver saw: its headers and body.
pub type Seen = Vec<(Vec<(String, String)>, String)>;

#[derive(Clone, Default)]
pub struct Received {
    pub requests: Arc<Mutex<Seen>>,
    pub status: Arc<Mutex<u16>>,
    /// This many first calls are answered only after 1.5 s (each noted as an empty request).
    pub slow_first: usize,
}

impl Received {
    pub fn count(&self) -> usize {
        self.requests.lock().unwrap().len()
    }
}

pub async fn receive(
    req: HttpRequest,
    body: web::Bytes,
    state: web::Data<Received>,
) -> HttpResponse {
    if state.count() < state.slow_first {
        state.requests.lock().unwrap().push((vec![], String::new()));
        tokio::time::sleep(Duration::from_millis(1500)).await;
    }
    let headers = req
        .headers()
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or("").to_owned()))
        .collect();
    state
        .requests
        .lock()
        .unwrap()
        .push((headers, String::from_utf8_lossy(&body).into_owned()));
    let status = *state.status.lock().unwrap();
    HttpResponse::build(actix_web::http::StatusCode::from_u16(status).unwrap())
        .body("receiver says hello")
}

/// Lets the service deliver webhooks to loopback receivers (`WEBHOOK_ALLOWED_NETWORKS`);
/// without it every delivery to one is refused.
pub fn allow_loopback(c: &mut plate_permits::config::Config) {
    c.webhooks.allowed_networks = "127.0.0.0/8".parse().expect("networks");
}

/// A receiver on port 0 answering `status`; returns its URL and what it saw.
pub fn receiver(status: u16) -> (String, Received) {
    receiver_with(Received {
        status: Arc::new(Mutex::new(status)),
        ..Received::default()
    })
}

pub fn receiver_with(state: Received) -> (String, Received) {
    let data = web::Data::new(state.clone());
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = HttpServer::new(move || {
        App::new()
            .app_data(data.clone())
            .default_service(web::to(receive))
    })
    .workers(if state.slow_first > 0 { 2 } else { 1 })
    .listen(listener)
    .unwrap()
    .run();
    tokio::spawn(server);
    (format!("http://127.0.0.1:{port}/hook"), state)
}

pub fn header<'a>(h: &'a [(String, String)], name: &str) -> &'a str {
    h.iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .unwrap_or("")
}

/// Standard Webhooks verification, written independently of the service's code.
pub fn verify(secret: &str, headers: &[(String, String)], body: &str) -> bool {
    let key = base64::engine::general_purpose::STANDARD
        .decode(secret.trim_start_matches("whsec_"))
        .unwrap();
    let signed = format!(
        "{}.{}.{}",
        header(headers, "webhook-id"),
        header(headers, "webhook-timestamp"),
        body
    );
    let mut mac = <hmac::Hmac<sha2::Sha256> as Mac>::new_from_slice(&key).unwrap();
    mac.update(signed.as_bytes());
    let expected = base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes());
    header(headers, "webhook-signature")
        .split(' ')
        .any(|s| s.strip_prefix("v1,") == Some(expected.as_str()))
}

pub async fn wait_for<F: Fn() -> bool>(f: F) -> bool {
    for _ in 0..100 {
        if f() {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    false
}
