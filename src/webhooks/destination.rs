//! Where webhooks may go (the SSRF defence). A destination is refused when its address is
//! loopback, link-local (cloud metadata), private, shared (CGNAT), unique-local, multicast,
//! unspecified or otherwise reserved, unless it lies in `WEBHOOK_ALLOWED_NETWORKS`. IPv6 forms
//! that carry an IPv4 address (IPv4-mapped, NAT64, 6to4) are judged by that IPv4 address.
//!
//! Literal addresses are checked when a subscription is created; every delivery attempt resolves
//! the host again, keeps only the permitted addresses and connects to exactly those (the HTTP
//! client gets them as its only resolution of the host, uses no proxy and follows no redirect),
//! so a DNS answer that changes between the check and the connection cannot reach inside.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::time::Duration;

use crate::config::Networks;

/// Why an address is not a public destination.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Range {
    Unspecified,
    Loopback,
    /// Private and shared address space (10/8, 172.16/12, 192.168/16, 100.64/10, fec0::/10).
    Private,
    /// 169.254/16 (cloud metadata services) and fe80::/10.
    LinkLocal,
    /// fc00::/7.
    UniqueLocal,
    Multicast,
    /// Broadcast, reserved, benchmarking, protocol-assignment and transition ranges.
    Reserved,
}

/// The internal range `ip` belongs to, or `None` for a public address.
pub fn classify(ip: IpAddr) -> Option<Range> {
    match ip {
        IpAddr::V4(v4) => classify_v4(v4),
        IpAddr::V6(v6) => classify_v6(v6),
    }
}

fn classify_v4(ip: Ipv4Addr) -> Option<Range> {
    let [a, b, c, _] = ip.octets();
    if a == 0 {
        // 0.0.0.0/8, "this network": 0.0.0.0 reaches the local host.
        Some(Range::Unspecified)
    } else if ip.is_loopback() {
        Some(Range::Loopback)
    } else if ip.is_private() || (a == 100 && (b & 0xc0) == 64) {
        Some(Range::Private)
    } else if ip.is_link_local() {
        Some(Range::LinkLocal)
    } else if ip.is_multicast() {
        Some(Range::Multicast)
    } else if a >= 240 || (a == 192 && b == 0 && c == 0) || (a == 198 && (b & 0xfe) == 18) {
        // 240/4 with the broadcast address, 192.0.0.0/24, 198.18.0.0/15.
        Some(Range::Reserved)
    } else {
        None
    }
}

fn classify_v6(ip: Ipv6Addr) -> Option<Range> {
    let s = ip.segments();
    if ip.is_unspecified() {
        return Some(Range::Unspecified);
    }
    if ip.is_loopback() {
        return Some(Range::Loopback);
    }
    if let Some(v4) = ip.to_ipv4_mapped() {
        return classify_v4(v4);
    }
    let embedded = |hi: u16, lo: u16| Ipv4Addr::from((u32::from(hi) << 16) | u32::from(lo));
    match s[0] {
        // ::/96, IPv4-compatible (deprecated, never a destination).
        0 if s[1..6] == [0; 5] => Some(Range::Reserved),
        // ::ffff:0:0/96, IPv4-translated (RFC 6145, RFC 2765 `::ffff:0:a.b.c.d`): judged by the
        // embedded IPv4 address, like `::ffff:a.b.c.d` mapped addresses.
        0 if s[1..4] == [0; 3] && s[4] == 0xffff && s[5] == 0 => classify_v4(embedded(s[6], s[7])),
        // 64:ff9b::/96, NAT64: reaches the embedded IPv4 address.
        0x64 if s[1..6] == [0xff9b, 0, 0, 0, 0] => classify_v4(embedded(s[6], s[7])),
        // 64:ff9b:1::/48, local-use NAT64.
        0x64 if s[1] == 0xff9b && s[2] == 1 => Some(Range::Reserved),
        // 100::/64, discard-only.
        0x100 if s[1..4] == [0; 3] => Some(Range::Reserved),
        // 2001::/32, Teredo (embeds an obfuscated IPv4 address).
        0x2001 if s[1] == 0 => Some(Range::Reserved),
        // 2002::/16, 6to4: reaches the embedded IPv4 address.
        0x2002 => classify_v4(embedded(s[1], s[2])),
        x if x & 0xfe00 == 0xfc00 => Some(Range::UniqueLocal),
        x if x & 0xffc0 == 0xfe80 => Some(Range::LinkLocal),
        x if x & 0xffc0 == 0xfec0 => Some(Range::Private),
        x if x & 0xff00 == 0xff00 => Some(Range::Multicast),
        // The rest of ::/8 is reserved by IANA (no public host lives there).
        x if x < 0x100 => Some(Range::Reserved),
        _ => None,
    }
}

/// Whether a webhook may be sent to `ip`: a public address, or one in the allowed networks.
pub fn permitted(ip: IpAddr, allowed: &Networks) -> bool {
    classify(ip).is_none() || allowed.contains(ip)
}

/// The literal address of a URL's host, if it is one (the `url` crate has already normalised
/// every IPv4 notation, decimal, hex, octal and short forms, to four dotted octets).
pub fn literal(url: &url::Url) -> Option<IpAddr> {
    match url.host()? {
        url::Host::Ipv4(v4) => Some(IpAddr::V4(v4)),
        url::Host::Ipv6(v6) => Some(IpAddr::V6(v6)),
        url::Host::Domain(_) => None,
    }
}

/// Why an attempt failed, as recorded in a delivery's `last_error`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Failure {
    /// The host resolved only to addresses outside the permitted ones; nothing was sent.
    RefusedDestination,
    DnsFailure,
    ConnectFailed,
    Timeout,
    /// The receiver answered with a status other than 2xx (kept in `last_status`).
    HttpStatus,
}

impl Failure {
    pub fn as_str(self) -> &'static str {
        match self {
            Failure::RefusedDestination => "refused_destination",
            Failure::DnsFailure => "dns_failure",
            Failure::ConnectFailed => "connect_failed",
            Failure::Timeout => "timeout",
            Failure::HttpStatus => "http_status",
        }
    }
}

/// The outcome of one attempt: the receiver's status code if it answered, and the failure.
/// The response body is never read.
#[derive(Debug)]
pub struct Outcome {
    pub status: Option<u16>,
    pub failure: Option<Failure>,
}

/// One signed delivery to send.
pub struct Outgoing<'a> {
    pub url: &'a str,
    pub headers: Vec<(&'static str, String)>,
    pub body: String,
}

/// Sends deliveries to checked, pinned addresses.
pub struct Dispatcher {
    pub allowed: Networks,
    /// The whole attempt: resolution, connection, request and response head.
    pub timeout: Duration,
}

const CONNECT_TIMEOUT: Duration = Duration::from_secs(3);

impl Dispatcher {
    /// Resolves the URL's host and keeps the permitted addresses.
    async fn resolve(&self, url: &url::Url) -> Result<Vec<SocketAddr>, Failure> {
        let port = url.port_or_known_default().ok_or(Failure::ConnectFailed)?;
        let found: Vec<SocketAddr> = match url.host() {
            None => return Err(Failure::DnsFailure),
            Some(url::Host::Ipv4(v4)) => vec![SocketAddr::new(IpAddr::V4(v4), port)],
            Some(url::Host::Ipv6(v6)) => vec![SocketAddr::new(IpAddr::V6(v6), port)],
            Some(url::Host::Domain(name)) => {
                match tokio::time::timeout(self.timeout, tokio::net::lookup_host((name, port)))
                    .await
                {
                    Err(_) => return Err(Failure::Timeout),
                    Ok(Err(_)) => return Err(Failure::DnsFailure),
                    Ok(Ok(addrs)) => addrs.collect(),
                }
            }
        };
        if found.is_empty() {
            return Err(Failure::DnsFailure);
        }
        let kept: Vec<SocketAddr> = found
            .iter()
            .copied()
            .filter(|a| permitted(a.ip(), &self.allowed))
            .collect();
        if kept.is_empty() {
            tracing::warn!(
                host = url.host_str().unwrap_or(""),
                addresses = ?found,
                "webhook destination refused: no permitted address"
            );
            return Err(Failure::RefusedDestination);
        }
        Ok(kept)
    }

    /// One attempt: resolve and check, then send to the checked addresses only.
    pub async fn send(&self, out: Outgoing<'_>) -> Outcome {
        let failed = |f: Failure| Outcome {
            status: None,
            failure: Some(f),
        };
        let Ok(url) = url::Url::parse(out.url) else {
            return failed(Failure::DnsFailure);
        };
        let addrs = match self.resolve(&url).await {
            Ok(a) => a,
            Err(f) => return failed(f),
        };
        let mut builder = reqwest::Client::builder()
            .user_agent(crate::http::USER_AGENT)
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .connect_timeout(CONNECT_TIMEOUT.min(self.timeout))
            .timeout(self.timeout);
        if let Some(url::Host::Domain(name)) = url.host() {
            // The client's only resolution of this host: the addresses just checked.
            builder = builder.resolve_to_addrs(name, &addrs);
        }
        let Ok(client) = builder.build() else {
            return failed(Failure::ConnectFailed);
        };
        let mut request = client.post(url).body(out.body);
        for (name, value) in out.headers {
            request = request.header(name, value);
        }
        match request.send().await {
            Ok(resp) => {
                let status = resp.status();
                // The body is dropped unread.
                Outcome {
                    status: Some(status.as_u16()),
                    failure: (!status.is_success()).then_some(Failure::HttpStatus),
                }
            }
            Err(e) if e.is_timeout() => failed(Failure::Timeout),
            Err(_) => failed(Failure::ConnectFailed),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn host_of(url: &str) -> Option<IpAddr> {
        literal(&url::Url::parse(url).unwrap())
    }

    #[test]
    fn every_ipv4_notation_is_normalised_by_the_url_parser() {
        let loopback = Some(IpAddr::from([127, 0, 0, 1]));
        for url in [
            "http://2130706433/",
            "http://0x7f.1/",
            "http://0x7f000001/",
            "http://127.1/",
            "http://127.0.1/",
            "http://0177.0.0.1/",
            "http://017700000001/",
            "http://0x7F.0.0.0x1/",
            "http://127.0.0.1./",
        ] {
            assert_eq!(host_of(url), loopback, "{url}");
        }
        assert_eq!(
            host_of("http://[::ffff:127.0.0.1]/"),
            Some("::ffff:7f00:1".parse().unwrap())
        );
        assert_eq!(
            host_of("http://0xa9.0xfe.0xa9.0xfe/"),
            Some(IpAddr::from([169, 254, 169, 254]))
        );
        assert_eq!(host_of("http://localhost/"), None);
        assert_eq!(host_of("http://127.0.0.1.nip.io/"), None);
    }

    #[test]
    fn internal_ranges_are_classified_in_every_notation() {
        use Range::*;
        for (ip, want) in [
            ("0.0.0.0", Unspecified),
            ("0.1.2.3", Unspecified),
            ("::", Unspecified),
            ("127.0.0.1", Loopback),
            ("127.255.255.254", Loopback),
            ("::1", Loopback),
            ("::ffff:127.0.0.1", Loopback),
            ("::ffff:7f00:1", Loopback),
            ("::ffff:0:127.0.0.1", Loopback),
            ("::ffff:0:7f00:1", Loopback),
            ("::ffff:0:10.0.0.1", Private),
            ("::ffff:0:169.254.169.254", LinkLocal),
            ("::ffff:0:0.0.0.0", Unspecified),
            ("::1:ffff:0:7f00:1", Reserved),
            ("0:0:0:1::1", Reserved),
            ("64:ff9b::7f00:1", Loopback),
            ("2002:7f00:1::", Loopback),
            ("10.0.0.1", Private),
            ("172.16.0.1", Private),
            ("172.31.255.255", Private),
            ("192.168.1.1", Private),
            ("100.64.0.1", Private),
            ("::ffff:10.0.0.1", Private),
            ("64:ff9b::c0a8:101", Private),
            ("fec0::1", Private),
            ("169.254.169.254", LinkLocal),
            ("::ffff:169.254.169.254", LinkLocal),
            ("fe80::1", LinkLocal),
            ("fd00:ec2::254", UniqueLocal),
            ("fc00::1", UniqueLocal),
            ("224.0.0.1", Multicast),
            ("239.255.255.250", Multicast),
            ("ff02::1", Multicast),
            ("255.255.255.255", Reserved),
            ("240.0.0.1", Reserved),
            ("192.0.0.170", Reserved),
            ("198.18.0.1", Reserved),
            ("::7f00:1", Reserved),
            ("::a00:1", Reserved),
            ("64:ff9b:1::1", Reserved),
            ("100::1", Reserved),
            ("2001:0:4136:e378::1", Reserved),
        ] {
            let addr: IpAddr = ip.parse().unwrap();
            assert_eq!(classify(addr), Some(want), "{ip}");
            assert!(!permitted(addr, &Networks::default()), "{ip}");
        }
    }

    #[test]
    fn public_addresses_pass() {
        for ip in [
            "8.8.8.8",
            "1.1.1.1",
            "172.15.255.255",
            "172.32.0.1",
            "100.63.255.255",
            "100.128.0.1",
            "169.253.0.1",
            "192.0.2.1",
            "198.20.0.1",
            "223.255.255.255",
            "2001:4860:4860::8888",
            "2606:4700::1111",
            "::ffff:8.8.8.8",
            "::ffff:0:8.8.8.8",
            "64:ff9b::808:808",
            "2002:808:808::",
            "2001:db8::1",
        ] {
            let addr: IpAddr = ip.parse().unwrap();
            assert_eq!(classify(addr), None, "{ip}");
            assert!(permitted(addr, &Networks::default()), "{ip}");
        }
    }

    #[test]
    fn allowed_networks_open_internal_ranges_and_only_them() {
        let allowed = Networks::from_str("10.20.0.0/16,127.0.0.0/8").unwrap();
        for ip in [
            "10.20.5.6",
            "127.0.0.1",
            "::ffff:127.0.0.1",
            "::ffff:10.20.0.9",
        ] {
            assert!(permitted(ip.parse().unwrap(), &allowed), "{ip}");
        }
        for ip in ["10.21.0.1", "::1", "169.254.169.254", "192.168.1.1"] {
            assert!(!permitted(ip.parse().unwrap(), &allowed), "{ip}");
        }
    }

    #[tokio::test]
    async fn a_name_resolving_to_loopback_is_refused_before_any_connection() {
        let d = Dispatcher {
            allowed: Networks::default(),
            timeout: Duration::from_secs(2),
        };
        let url = url::Url::parse("http://localhost:9/hook").unwrap();
        assert_eq!(d.resolve(&url).await, Err(Failure::RefusedDestination));
        let d = Dispatcher {
            allowed: Networks::from_str("127.0.0.0/8").unwrap(),
            ..d
        };
        let kept = d.resolve(&url).await.unwrap();
        assert!(
            kept.iter().all(|a| a.ip().is_ipv4() && a.port() == 9),
            "{kept:?}"
        );
    }
}
