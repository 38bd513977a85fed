//! Raw HTTP/1.1 over a TCP socket, for what a well-behaved client cannot do: trickle a body,
//! stall mid-body, reset the connection.

use std::time::{Duration, Instant};

use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::tcp::OwnedReadHalf;
use tokio::net::TcpStream;

use super::TestApp;

/// A response read off a raw socket.
#[derive(Debug)]
pub struct RawReply {
    pub status: u16,
    /// Header lines, names lower-cased: `("connection", "close")`.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// Whether the server closed the connection after the response.
    pub closed: bool,
}

impl RawReply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or(Value::Null)
    }
}

impl TestApp {
    /// A socket to the server.
    pub async fn raw_connect(&self) -> TcpStream {
        TcpStream::connect(("127.0.0.1", self.port))
            .await
            .expect("connect")
    }

    /// Files in `DATA_DIR/documents/.incoming` (pending uploads).
    pub fn pending_uploads(&self) -> usize {
        std::fs::read_dir(self.data_dir.path().join("documents/.incoming"))
            .map(|d| d.count())
            .unwrap_or(0)
    }

    /// Waits (polling, at most `within`) until `pending_uploads() == n`; the last count seen.
    pub async fn wait_pending_uploads(&self, n: usize, within: Duration) -> usize {
        let until = Instant::now() + within;
        loop {
            let seen = self.pending_uploads();
            if seen == n || Instant::now() >= until {
                return seen;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

/// Writes a request head (`lines` joined by CRLF, then the blank line).
pub async fn write_head(w: &mut (impl AsyncWriteExt + Unpin), lines: &[&str]) {
    let mut head = lines.join("\r\n");
    head.push_str("\r\n\r\n");
    w.write_all(head.as_bytes()).await.expect("write head");
}

/// Reads one response; waits at most `within` for the server to answer and close the
/// connection (`closed` is false when it answered but kept the connection).
pub async fn read_reply(r: &mut OwnedReadHalf, within: Duration) -> RawReply {
    let until = Instant::now() + within;
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    let mut closed = false;
    loop {
        let left = until.saturating_duration_since(Instant::now());
        if left.is_zero() {
            break;
        }
        match tokio::time::timeout(left, r.read(&mut chunk)).await {
            Ok(Ok(0)) | Ok(Err(_)) => {
                closed = true;
                break;
            }
            Ok(Ok(n)) => buf.extend_from_slice(&chunk[..n]),
            Err(_) => break,
        }
    }
    let split = buf
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no response within {within:?}: {buf:?}"));
    let head = String::from_utf8_lossy(&buf[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    RawReply {
        status,
        headers,
        body: buf[split + 4..].to_vec(),
        closed,
    }
}
