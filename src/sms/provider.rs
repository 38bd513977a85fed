//! Where messages go. A [`Provider`] sends one message; the worker handles retries, leases and
//! the dedupe id. Adding an SMS operator's API is one more file with one more implementation,
//! and one more `SMS_PROVIDER` value in [`from_config`].

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use crate::config::{Config, Secret, SmsProvider};
use crate::domain::mobile::mask;

/// One message to send.
pub struct Outgoing<'a> {
    /// Stable across retries of the same message: gateways that deduplicate by it deliver a
    /// message once even when an attempt is repeated.
    pub id: &'a str,
    /// `09xxxxxxxxx`.
    pub to: &'a str,
    pub text: &'a str,
}

/// Why an attempt failed: a short description with no secrets in it (stored as `last_error`).
#[derive(Debug)]
pub struct SendError(pub String);

pub type SendFuture<'a> = Pin<Box<dyn Future<Output = Result<(), SendError>> + Send + 'a>>;

/// An SMS gateway.
pub trait Provider: Send + Sync {
    fn send<'a>(&'a self, msg: &'a Outgoing<'a>) -> SendFuture<'a>;
}

/// Records each message in the log (mobile masked) and sends nothing.
pub struct LogProvider;

impl Provider for LogProvider {
    fn send<'a>(&'a self, msg: &'a Outgoing<'a>) -> SendFuture<'a> {
        Box::pin(async move {
            tracing::info!(id = msg.id, to = %mask(msg.to), text = msg.text, "sms (log provider, not sent)");
            Ok(())
        })
    }
}

/// The generic HTTP gateway: `POST` JSON `{"id", "to", "text"}` with
/// `Authorization: Bearer <token>`; any 2xx is success. Redirects are not followed.
pub struct HttpProvider {
    client: reqwest::Client,
    url: url::Url,
    token: Option<Secret>,
}

impl HttpProvider {
    pub fn new(url: url::Url, token: Option<Secret>, timeout: Duration) -> Result<Self, String> {
        let client = reqwest::Client::builder()
            .user_agent(crate::http::USER_AGENT)
            .timeout(timeout)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| format!("SMS gateway client: {e}"))?;
        Ok(HttpProvider { client, url, token })
    }
}

impl Provider for HttpProvider {
    fn send<'a>(&'a self, msg: &'a Outgoing<'a>) -> SendFuture<'a> {
        Box::pin(async move {
            let mut req = self.client.post(self.url.clone()).json(&serde_json::json!({
                "id": msg.id,
                "to": msg.to,
                "text": msg.text,
            }));
            if let Some(token) = &self.token {
                req = req.bearer_auth(token.expose());
            }
            match req.send().await {
                Ok(resp) if resp.status().is_success() => Ok(()),
                Ok(resp) => Err(SendError(format!(
                    "gateway answered HTTP {}",
                    resp.status().as_u16()
                ))),
                Err(e) if e.is_timeout() => Err(SendError("gateway timed out".to_owned())),
                Err(e) if e.is_connect() => Err(SendError("gateway unreachable".to_owned())),
                Err(_) => Err(SendError("gateway request failed".to_owned())),
            }
        })
    }
}

/// The provider `SMS_PROVIDER` names; `Err` names the missing or invalid setting.
pub fn from_config(config: &Config) -> Result<Box<dyn Provider>, String> {
    match config.sms.provider {
        SmsProvider::Log => Ok(Box::new(LogProvider)),
        SmsProvider::Http => {
            let url =
                config.sms.gateway_url.clone().ok_or_else(|| {
                    "SMS_GATEWAY_URL is required when SMS_PROVIDER=http".to_owned()
                })?;
            if !matches!(url.scheme(), "http" | "https") || url.host().is_none() {
                return Err(format!(
                    "SMS_GATEWAY_URL must be an http or https URL, not '{}'",
                    url.scheme()
                ));
            }
            Ok(Box::new(HttpProvider::new(
                url,
                config.sms.gateway_token.clone(),
                Duration::from_millis(config.sms.timeout_ms),
            )?))
        }
    }
}
