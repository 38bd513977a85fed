//! The client's address: the peer address, or — with `TRUST_PROXY` set and the peer one of
//! `TRUSTED_PROXIES` — the right-most `X-Forwarded-For` entry that is not a trusted proxy
//! (each proxy appends the address it received the request from, so only the entries our own
//! proxies wrote can be believed; whatever the client wrote lies further left). Every user of
//! the client address (metrics loopback check, rate limits, sign-in throttle, audit log) calls
//! [`client_ip`].

use std::net::{IpAddr, SocketAddr};

use actix_web::{HttpMessage, HttpRequest};

use crate::config::{Config, Networks};

/// Where a request came from, as the audit trail records it: the client address and the
/// request's id (`X-Request-Id`, set by [`crate::http::middleware::request_context`]).
#[derive(Clone, Debug, Default)]
pub struct Origin {
    pub client_ip: String,
    pub request_id: Option<String>,
}

impl Origin {
    pub fn of(req: &HttpRequest, config: &Config) -> Self {
        Origin {
            client_ip: client_ip(req, config),
            request_id: request_id(req),
        }
    }
}

/// The current request's id, when the request-id layer ran.
pub fn request_id(req: &HttpRequest) -> Option<String> {
    req.extensions()
        .get::<crate::http::middleware::RequestId>()
        .map(|r| r.0.clone())
}

pub fn client_ip(req: &HttpRequest, config: &Config) -> String {
    let peer = req.peer_addr().map(|a| a.ip().to_canonical());
    let forwarded = req
        .headers()
        .get_all("x-forwarded-for")
        .filter_map(|v| v.to_str().ok())
        .collect::<Vec<_>>()
        .join(",");
    match resolve(
        peer,
        &forwarded,
        config.http.trust_proxy,
        &config.http.trusted_proxies,
    ) {
        Some(ip) => ip.to_string(),
        None => "unknown".to_owned(),
    }
}

/// The client address as every throttle and rate limit counts it (sign-in, client
/// credentials, password change, tracking and verification look-ups, requests in flight):
/// an IPv4 address as it is; an IPv6 address by its first `v6_prefix_len` bits
/// (`IPV6_PREFIX_LEN`, default 64 — one subscriber is given a whole /64, so counting per
/// /128 would let one client rotate through 2^64 addresses), written `2001:db8:1:2::/64`.
/// Anything else (`unknown`) is its own key.
pub fn throttle_key(client_ip: &str, v6_prefix_len: u8) -> String {
    match client_ip.parse::<IpAddr>().map(|ip| ip.to_canonical()) {
        Ok(IpAddr::V4(v4)) => v4.to_string(),
        Ok(IpAddr::V6(v6)) => {
            let len = u32::from(v6_prefix_len.clamp(1, 128));
            let mask = u128::MAX.checked_shl(128 - len).unwrap_or(0);
            let net = std::net::Ipv6Addr::from(u128::from(v6) & mask);
            format!("{net}/{len}")
        }
        Err(_) => client_ip.to_owned(),
    }
}

/// [`client_ip`] as the throttles count it ([`throttle_key`]).
pub fn client_key(req: &HttpRequest, config: &Config) -> String {
    throttle_key(&client_ip(req, config), config.http.ipv6_prefix_len)
}

/// One `X-Forwarded-For` entry: an address, possibly with a port (`[::1]:80`, `1.2.3.4:80`).
fn parse_entry(entry: &str) -> Option<IpAddr> {
    let entry = entry.trim();
    entry
        .parse::<IpAddr>()
        .or_else(|_| entry.parse::<SocketAddr>().map(|s| s.ip()))
        .ok()
        .map(|ip| ip.to_canonical())
}

/// The client behind `peer`: walks `forwarded` from the right while the hop is a trusted
/// proxy; an unreadable entry stops the walk at the last address read.
fn resolve(
    peer: Option<IpAddr>,
    forwarded: &str,
    trust_proxy: bool,
    trusted: &Networks,
) -> Option<IpAddr> {
    let mut client = peer?;
    if !trust_proxy || !trusted.contains(client) {
        return Some(client);
    }
    for entry in forwarded.rsplit(',').filter(|e| !e.trim().is_empty()) {
        let Some(hop) = parse_entry(entry) else {
            break;
        };
        client = hop;
        if !trusted.contains(hop) {
            break;
        }
    }
    Some(client)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn walk(peer: &str, xff: &str, trusted: &str) -> String {
        let nets = Networks::from_str(trusted).expect("networks");
        resolve(Some(peer.parse().expect("peer")), xff, true, &nets)
            .map(|ip| ip.to_string())
            .unwrap_or_default()
    }

    #[test]
    fn right_most_untrusted_entry_is_the_client() {
        let lo = "127.0.0.0/8,::1/128";
        // The client wrote the left-most entry; our proxy appended the real address.
        assert_eq!(
            walk("127.0.0.1", "127.0.0.1, 203.0.113.50", lo),
            "203.0.113.50"
        );
        assert_eq!(walk("127.0.0.1", "203.0.113.50", lo), "203.0.113.50");
        // Several trusted proxies in a row.
        let chain = "127.0.0.0/8,10.0.0.0/8";
        assert_eq!(
            walk(
                "127.0.0.1",
                "1.2.3.4, 198.51.100.9, 10.0.0.2, 10.0.0.1",
                chain
            ),
            "198.51.100.9"
        );
        // An untrusted peer: its header is ignored.
        assert_eq!(walk("198.51.100.1", "127.0.0.1", lo), "198.51.100.1");
        // Garbage stops the walk at the last address read.
        assert_eq!(
            walk("127.0.0.1", "203.0.113.5, nonsense, 127.0.0.2", lo),
            "127.0.0.2"
        );
        assert_eq!(walk("127.0.0.1", "nonsense", lo), "127.0.0.1");
        // Only trusted hops: the left-most of them.
        assert_eq!(walk("127.0.0.1", "127.0.0.3, 127.0.0.2", lo), "127.0.0.3");
        // Ports and IPv4-mapped addresses.
        assert_eq!(walk("::1", "[2001:db8::1]:443", lo), "2001:db8::1");
        assert_eq!(
            walk("::ffff:127.0.0.1", "::ffff:203.0.113.9", lo),
            "203.0.113.9"
        );
    }

    #[test]
    fn ipv6_clients_are_counted_per_prefix_and_ipv4_per_address() {
        for ip in [
            "2001:db8:1:2::1",
            "2001:db8:1:2:ffff:ffff:ffff:ffff",
            "2001:db8:1:2:a:b:c:d",
        ] {
            assert_eq!(throttle_key(ip, 64), "2001:db8:1:2::/64", "{ip}");
        }
        assert_eq!(throttle_key("2001:db8:1:3::1", 64), "2001:db8:1:3::/64");
        assert_eq!(throttle_key("2001:db8:1:2::1", 48), "2001:db8:1::/48");
        assert_eq!(throttle_key("2001:db8:1:2::1", 128), "2001:db8:1:2::1/128");
        assert_eq!(throttle_key("203.0.113.7", 64), "203.0.113.7");
        assert_eq!(throttle_key("::ffff:203.0.113.7", 64), "203.0.113.7");
        assert_eq!(throttle_key("unknown", 64), "unknown");
    }

    #[test]
    fn without_trust_proxy_the_peer_is_the_client() {
        let nets = Networks::from_str("127.0.0.0/8").expect("networks");
        let ip = resolve(
            Some("127.0.0.1".parse().expect("ip")),
            "203.0.113.9",
            false,
            &nets,
        );
        assert_eq!(ip.map(|i| i.to_string()).as_deref(), Some("127.0.0.1"));
    }
}
