//! One `Config` struct built from command-line flags with environment fallbacks.
//!
//! Every setting has a flag and an environment variable (shown by `--help`). Secrets are wrapped
//! in [`Secret`] so that `Debug` output and logs never show them.

use std::fmt;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// A value that must never be printed: `Debug` and `Display` show `[redacted]`.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl FromStr for Secret {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s.is_empty() {
            return Err("must not be empty".into());
        }
        Ok(Secret(s.to_owned()))
    }
}

/// Where uploaded documents' bytes are kept (`BLOB_STORE`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum BlobStoreChoice {
    /// In `DATA_DIR/documents` of the replica that took the upload (the default on SQLite).
    Filesystem,
    /// In the database, in chunks written with the document's row (the default on
    /// PostgreSQL; refused on SQLite).
    Database,
}

/// Log output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    /// Human-readable, coloured when on a terminal.
    Pretty,
    /// One JSON object per line, for log collectors.
    Json,
}

/// A byte size such as `10485760`, `10MiB`, `512KiB` or `1MB`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ByteSize(pub u64);

impl FromStr for ByteSize {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
        let (num, unit) = t.split_at(split);
        let n: u64 = num
            .parse()
            .map_err(|_| format!("'{s}' is not a size (try 10MiB)"))?;
        let mult: u64 = match unit.trim().to_ascii_lowercase().as_str() {
            "" | "b" => 1,
            "k" | "kb" => 1_000,
            "kib" => 1024,
            "m" | "mb" => 1_000_000,
            "mib" => 1024 * 1024,
            "g" | "gb" => 1_000_000_000,
            "gib" => 1024 * 1024 * 1024,
            _ => return Err(format!("'{s}' has an unknown unit (use B, KiB, MiB)")),
        };
        let v = n
            .checked_mul(mult)
            .ok_or_else(|| format!("'{s}' is too large"))?;
        if v == 0 {
            return Err("must be greater than zero".into());
        }
        Ok(ByteSize(v))
    }
}

/// Comma-separated list of allowed CORS origins (`*` for any).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Origins(pub Vec<String>);

impl FromStr for Origins {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let mut out = Vec::new();
        for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            if part != "*" && !(part.starts_with("http://") || part.starts_with("https://")) {
                return Err(format!(
                    "'{part}' is not an origin (expected e.g. https://portal.example.ir)"
                ));
            }
            out.push(part.trim_end_matches('/').to_owned());
        }
        Ok(Origins(out))
    }
}

/// The address people reach the service at (`https://permits.example.ir`, or with a path
/// prefix behind a proxy, `https://example.ir/plates`): the printed permit's QR code points
/// under it. `http` or `https`, with a host; no credentials, query or fragment. Kept without a
/// trailing slash.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublicBaseUrl(String);

impl PublicBaseUrl {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether the host is this machine (`localhost`, 127.0.0.0/8 or `::1`): a QR code with it
    /// sends whoever scans it to their own device.
    pub fn is_loopback(&self) -> bool {
        let Ok(url) = url::Url::parse(&self.0) else {
            return false;
        };
        match url.host() {
            Some(url::Host::Domain(d)) => {
                let d = d.to_ascii_lowercase();
                d == "localhost" || d.ends_with(".localhost")
            }
            Some(url::Host::Ipv4(a)) => a.is_loopback(),
            Some(url::Host::Ipv6(a)) => a.is_loopback(),
            None => false,
        }
    }
}

impl FromStr for PublicBaseUrl {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let expected = "expected e.g. https://permits.example.ir";
        let url = url::Url::parse(s).map_err(|_| format!("'{s}' is not a URL ({expected})"))?;
        if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
            return Err(format!(
                "'{s}' must be an http or https URL with a host ({expected})"
            ));
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err("must not carry a user name or password".into());
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err(format!(
                "'{s}' must not have a query or fragment ({expected})"
            ));
        }
        Ok(PublicBaseUrl(url.as_str().trim_end_matches('/').to_owned()))
    }
}

/// A name printed for people (the directorate's, on permits): 1–200 characters after trimming,
/// no control characters; normalised as every stored name is (Arabic ي/ك → ی/ک, white space
/// collapsed, bidi controls and zero-width marks other than ZWNJ dropped).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DisplayName(String);

impl DisplayName {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for DisplayName {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s.chars().any(char::is_control) {
            return Err("must not contain control characters".into());
        }
        let name = crate::domain::text::normalize_line(s);
        if name.is_empty() {
            return Err("must not be empty".into());
        }
        if name.chars().count() > 200 {
            return Err("must be at most 200 characters".into());
        }
        Ok(DisplayName(name))
    }
}

/// Comma-separated networks in CIDR notation (`10.20.0.0/16,127.0.0.0/8`); a bare address is a
/// network of one. Empty is an empty list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Networks(pub Vec<ipnet::IpNet>);

impl Networks {
    /// Whether `ip` lies in one of the networks (an IPv4-mapped IPv6 address also as IPv4).
    pub fn contains(&self, ip: std::net::IpAddr) -> bool {
        let canonical = ip.to_canonical();
        self.0
            .iter()
            .any(|n| n.contains(&ip) || n.contains(&canonical))
    }
}

impl FromStr for Networks {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let mut out = Vec::new();
        for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let net = match part.parse::<ipnet::IpNet>() {
                Ok(net) => net.trunc(),
                Err(_) => match part.parse::<std::net::IpAddr>() {
                    Ok(ip) => ipnet::IpNet::from(ip),
                    Err(_) => {
                        return Err(format!(
                            "'{part}' is not a network (expected CIDRs such as 10.20.0.0/16)"
                        ))
                    }
                },
            };
            out.push(net);
        }
        Ok(Networks(out))
    }
}

/// Weekend days, comma separated: `friday` (default) or `thursday,friday`; English names or
/// their first three letters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Weekend(pub Vec<chrono::Weekday>);

impl FromStr for Weekend {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let mut days = Vec::new();
        for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let day: chrono::Weekday = part
                .parse()
                .map_err(|_| format!("'{part}' is not a day of the week (e.g. friday)"))?;
            if !days.contains(&day) {
                days.push(day);
            }
        }
        if days.len() >= 7 {
            return Err("at least one day of the week must be a working day".into());
        }
        Ok(Weekend(days))
    }
}

/// Office hours in the service's time zone, `07:30-14:30`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OfficeHours {
    pub open: chrono::NaiveTime,
    pub close: chrono::NaiveTime,
}

impl FromStr for OfficeHours {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || format!("'{s}' is not office hours (e.g. 07:30-14:30)");
        let (a, b) = s.split_once('-').ok_or_else(bad)?;
        let t = |v: &str| chrono::NaiveTime::parse_from_str(v.trim(), "%H:%M").map_err(|_| bad());
        let (open, close) = (t(a)?, t(b)?);
        if close <= open {
            return Err(format!("'{s}': office hours must close after they open"));
        }
        Ok(OfficeHours { open, close })
    }
}

impl OfficeHours {
    /// `("07:30", "14:30")`.
    pub fn to_string_pair(&self) -> (String, String) {
        (
            self.open.format("%H:%M").to_string(),
            self.close.format("%H:%M").to_string(),
        )
    }
}

/// Hours in which no SMS is sent (outage notices excepted), in the service's time zone; the
/// window may run past midnight (`22:00-07:00`). Empty: no quiet hours.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct QuietHours(pub Option<(chrono::NaiveTime, chrono::NaiveTime)>);

impl FromStr for QuietHours {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s.trim().is_empty() {
            return Ok(QuietHours(None));
        }
        let bad = || format!("'{s}' is not a time window (e.g. 22:00-07:00, or empty for none)");
        let (a, b) = s.split_once('-').ok_or_else(bad)?;
        let t = |v: &str| chrono::NaiveTime::parse_from_str(v.trim(), "%H:%M").map_err(|_| bad());
        let (from, to) = (t(a)?, t(b)?);
        if from == to {
            return Err(format!(
                "'{s}': the window must not start and end at the same time"
            ));
        }
        Ok(QuietHours(Some((from, to))))
    }
}

impl QuietHours {
    /// Whether the local time `t` lies in the window (start included, end excluded).
    pub fn contains(&self, t: chrono::NaiveTime) -> bool {
        match self.0 {
            None => false,
            Some((from, to)) if from < to => t >= from && t < to,
            Some((from, to)) => t >= from || t < to,
        }
    }
}

/// Where SMS messages go.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SmsProvider {
    /// Records each message in the log (mobile masked) and sends nothing.
    Log,
    /// POSTs `{"id", "to", "text"}` to `SMS_GATEWAY_URL`.
    Http,
}

/// plate-permits: plate-removal permits for government vehicles (صدور مجوز فک پلاک خودروهای دولتی).
#[derive(Debug, Parser)]
#[command(name = "plate-permits", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub config: Config,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the HTTP service (the default when no subcommand is given).
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Print the OpenAPI document (JSON) and exit.
    Openapi,
    /// Create an administrator account (or reset the password of an existing one) and exit.
    CreateAdmin(CreateAdminArgs),
    /// Move the documents kept in this replica's `DATA_DIR` into the configured blob store
    /// (`BLOB_STORE=database`), verifying each one's SHA-256, and exit. Safe to repeat.
    MigrateDocuments,
    /// Fill the database with synthetic agencies and requests in every state, for benchmarks.
    /// Never run it against a production database.
    Seed(SeedArgs),
    /// Print the built-in official holidays of Jalali years as JSON (no database needed).
    Holidays(HolidaysArgs),
    /// Write one archive (tar) of the SQLite database snapshot and the documents it references,
    /// with a manifest of counts and SHA-256 sums, while the service keeps serving. On
    /// PostgreSQL only the documents (back the database up with pg_dump).
    Backup(BackupArgs),
    /// Restore an archive into an empty DATA_DIR, checking every sum.
    Restore(BackupArgs),
    /// Check an archive (every sum, the database's integrity and counts) without restoring it.
    VerifyBackup(BackupArgs),
    /// Add a new permit-signing key (Ed25519) in DATA_DIR and retire the active one; retired
    /// keys stay published and keep verifying the permits they signed.
    RotateSigningKey,
    /// Print a page of the book that is generated from the code (`settings`, `events`,
    /// `states`) as Markdown; `.ci/docs` checks the committed copies against it.
    #[command(hide = true)]
    Docs(DocsArgs),
}

#[derive(Debug, Args)]
pub struct DocsArgs {
    /// The page: `settings`, `events` or `states`.
    #[arg(value_parser = ["settings", "events", "states"])]
    pub page: String,
}

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// The archive file.
    pub file: PathBuf,
}

#[derive(Debug, Args)]
pub struct HolidaysArgs {
    /// First Jalali year.
    #[arg(long)]
    pub year: i32,
    /// Last Jalali year (default: `--year`).
    #[arg(long)]
    pub to_year: Option<i32>,
}

#[derive(Debug, Args)]
pub struct SeedArgs {
    /// How many requests to create.
    #[arg(long, default_value_t = 100_000)]
    pub requests: u64,
    /// How many agencies (each with one user) share them.
    #[arg(long, default_value_t = 50)]
    pub agencies: usize,
    /// Password of the seeded agency users.
    #[arg(long, default_value = "bench-password-123")]
    pub password: String,
    /// Seed of the generator (the same seed gives the same histories).
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Filing dates spread over this many days before now.
    #[arg(long, default_value_t = 365)]
    pub max_age_days: i64,
    /// Filing dates spread over this many years before now (instead of `--max-age-days`);
    /// the national volume is `--provinces 31 --years 10 --requests 1000000`.
    #[arg(long)]
    pub years: Option<u32>,
    /// Provinces: each has its police organisation (with one user) that receives the permits
    /// of the province's agencies (agency k lies in province k mod N; at least one agency per
    /// province).
    #[arg(long, default_value_t = 1)]
    pub provinces: usize,
    /// Reads in the audit log per request (PostgreSQL): between N and N+4 `request.viewed`
    /// entries each, by its agency and by the directorate (0: only the permits' entries).
    #[arg(long, default_value_t = 0)]
    pub reads_per_request: i32,
}

#[derive(Debug, Args)]
pub struct CreateAdminArgs {
    /// Username of the administrator.
    #[arg(long, default_value = "admin")]
    pub username: String,
    /// Password; when absent a random one is generated, printed once, and must be changed at
    /// first login.
    #[arg(long, env = "ADMIN_PASSWORD", hide_env_values = true)]
    pub password: Option<Secret>,
}

/// Service configuration, in sections. Each flag falls back to the environment variable shown
/// in `--help`; a section's flags and variables keep the names they had before the sections
/// (`--sms-provider`, `SMS_PROVIDER`), so a field is named by its section
/// (`config.sms.provider`).
#[derive(Clone, Debug, Args)]
#[command(next_help_heading = "General")]
pub struct Config {
    /// Directory for the SQLite database, the generated JWT secret and uploaded documents.
    #[arg(long, env = "DATA_DIR", default_value = "./data", global = true)]
    pub data_dir: PathBuf,

    /// The key that signs backup archives (HMAC-SHA256 of the manifest): a file holding at
    /// least 32 random bytes, base64. Default: `DATA_DIR/backup-signing-key`, generated
    /// (0600) at first start. It is never put in an archive: keep a copy apart from the
    /// backups, since `verify-backup` and `restore` refuse an archive it did not sign.
    #[arg(long, env = "BACKUP_SIGNING_KEY_FILE", global = true)]
    pub backup_signing_key_file: Option<PathBuf>,

    /// Log format.
    #[arg(
        long,
        env = "LOG_FORMAT",
        value_enum,
        default_value = "pretty",
        global = true
    )]
    pub log_format: LogFormat,

    /// The service's time zone (IANA name): office hours and calendar days are read in it.
    #[arg(
        long,
        env = "SERVICE_TIMEZONE",
        default_value = "Asia/Tehran",
        global = true
    )]
    pub service_timezone: chrono_tz::Tz,

    /// Plate letters accepted on requests (government plates: `الف`), comma-separated.
    #[arg(
        long,
        env = "PLATE_LETTERS",
        value_delimiter = ',',
        default_value = "الف",
        global = true
    )]
    pub plate_letters: Vec<String>,

    /// How many hours ahead a planned maintenance notice must be published.
    #[arg(long, env = "MAINTENANCE_LEAD_HOURS", default_value_t = 24, value_parser = clap::value_parser!(u32).range(0..=720), global = true)]
    pub maintenance_lead_hours: u32,

    #[command(flatten)]
    pub database: DatabaseConfig,

    #[command(flatten)]
    pub http: HttpConfig,

    #[command(flatten)]
    pub auth: AuthConfig,

    #[command(flatten)]
    pub documents: DocumentsConfig,

    #[command(flatten)]
    pub permits: PermitsConfig,

    #[command(flatten)]
    pub sla: SlaConfig,

    #[command(flatten)]
    pub sms: SmsConfig,

    #[command(flatten)]
    pub webhooks: WebhooksConfig,

    #[command(flatten)]
    pub audit: AuditConfig,
}

/// The database: where it is, how many connections, an optional read standby.
#[derive(Clone, Debug, Args)]
#[command(next_help_heading = "Database")]
pub struct DatabaseConfig {
    /// Database URL: `postgres://…` selects PostgreSQL, `sqlite://path` or a file path selects
    /// SQLite. Default: `DATA_DIR/plate-permits.db`.
    #[arg(
        id = "database_url",
        value_name = "DATABASE_URL",
        long = "database-url",
        env = "DATABASE_URL",
        hide_env_values = true,
        global = true
    )]
    pub url: Option<Secret>,

    /// Maximum database connections per process (default: 4 on SQLite, whose single writer
    /// makes more connections only wait and cost memory; 10 on PostgreSQL).
    #[arg(
        id = "db_pool_size",
        value_name = "DB_POOL_SIZE",
        long = "db-pool-size", env = "DB_POOL_SIZE", value_parser = clap::value_parser!(u32).range(1..=500), global = true)]
    pub pool_size: Option<u32>,

    /// PostgreSQL standby for the SLA report and list endpoints (optional). Read only while
    /// its replay lag is within `DATABASE_READ_MAX_LAG_SECS`; otherwise, and when it cannot be
    /// reached, those reads go to `DATABASE_URL`.
    #[arg(
        id = "database_read_url",
        value_name = "DATABASE_READ_URL",
        long = "database-read-url",
        env = "DATABASE_READ_URL",
        hide_env_values = true,
        global = true
    )]
    pub read_url: Option<Secret>,

    /// Largest replay lag, in seconds, at which the `DATABASE_READ_URL` standby is still read.
    #[arg(
        id = "database_read_max_lag_secs",
        value_name = "DATABASE_READ_MAX_LAG_SECS",
        long = "database-read-max-lag-secs", env = "DATABASE_READ_MAX_LAG_SECS", default_value_t = 5, value_parser = clap::value_parser!(u64).range(1..=3_600), global = true)]
    pub read_max_lag_secs: u64,
}

/// The HTTP server: address, limits, proxies, languages, public look-ups and metrics.
#[derive(Clone, Debug, Args)]
#[command(next_help_heading = "HTTP")]
pub struct HttpConfig {
    /// Address and port to listen on.
    #[arg(
        long,
        env = "LISTEN_ADDR",
        default_value = "127.0.0.1:8080",
        global = true
    )]
    pub listen_addr: SocketAddr,

    /// Number of HTTP worker threads (default: one per CPU core).
    #[arg(
        id = "http_workers",
        value_name = "HTTP_WORKERS",
        long = "http-workers",
        env = "HTTP_WORKERS",
        global = true
    )]
    pub workers: Option<usize>,

    /// The address people and the police reach the service at: the QR code on a printed
    /// permit (`GET /permits/{id}/print`) encodes `PUBLIC_BASE_URL/api/v1/permits/verify/<number>`.
    /// Set it to the public HTTPS address in production.
    #[arg(
        long,
        env = "PUBLIC_BASE_URL",
        default_value = "http://127.0.0.1:8080",
        global = true
    )]
    pub public_base_url: PublicBaseUrl,

    /// Comma-separated origins allowed by CORS (`*` for any). Empty: no cross-origin access.
    #[arg(long, env = "CORS_ALLOWED_ORIGINS", default_value = "", global = true)]
    pub cors_allowed_origins: Origins,

    /// Seconds a client has to send a whole request body, counted from the end of its headers
    /// (total time, not time between bytes: a client trickling one byte a second cannot keep
    /// a request open). Past it the request ends with 408 `request_timeout` and the
    /// connection is closed.
    #[arg(long, env = "CLIENT_BODY_TIMEOUT_SECS", default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=3_600), global = true)]
    pub client_body_timeout_secs: u64,

    /// Requests one client address may have in flight at once (429 `rate_limited` beyond it,
    /// and the connection is closed). The address is the one `TRUST_PROXY` selects.
    #[arg(long, env = "MAX_CONNECTIONS_PER_ADDRESS", default_value_t = 64, value_parser = clap::value_parser!(u32).range(1..=1_000_000), global = true)]
    pub max_connections_per_address: u32,

    /// Largest JSON request body accepted (e.g. `64KiB`).
    #[arg(long, env = "JSON_MAX_SIZE", default_value = "64KiB", global = true)]
    pub json_max_size: ByteSize,

    /// Answer in Persian whenever `Accept-Language` accepts Persian (`fa`, `fa-IR`, `per`,
    /// `fas`) at any weight above zero, even below English (Iranian browsers often send
    /// `en-US,en;q=0.9,fa;q=0.8`); `false` keeps plain quality-based negotiation.
    #[arg(long, env = "PREFER_PERSIAN", default_value_t = true, action = clap::ArgAction::Set, global = true)]
    pub prefer_persian: bool,

    /// Public look-ups (`/track`, `/permits/verify`) allowed per client address per minute.
    #[arg(long, env = "PUBLIC_RATE_LIMIT_PER_MINUTE", default_value_t = 60, value_parser = clap::value_parser!(u32).range(1..=1_000_000), global = true)]
    pub public_rate_limit_per_minute: u32,

    /// TLS is terminated by a proxy in front of the service (clients reach it over HTTPS only):
    /// responses then carry `Strict-Transport-Security`.
    #[arg(
        long,
        env = "TLS_TERMINATED_UPSTREAM",
        default_value_t = false,
        global = true
    )]
    pub tls_terminated_upstream: bool,

    /// Bearer token Prometheus must send to `GET /metrics`; unset, only loopback clients may
    /// scrape.
    #[arg(long, env = "METRICS_TOKEN", hide_env_values = true, global = true)]
    pub metrics_token: Option<Secret>,

    /// Trust the `X-Forwarded-For` header for the client address (only behind a proxy you run).
    #[arg(long, env = "TRUST_PROXY", default_value_t = false, global = true)]
    pub trust_proxy: bool,

    /// Proxies (comma-separated CIDRs) whose `X-Forwarded-For` entries are believed when
    /// `TRUST_PROXY` is set: the client is the right-most entry not in these networks.
    #[arg(
        long,
        env = "TRUSTED_PROXIES",
        default_value = "127.0.0.0/8,::1/128",
        global = true
    )]
    pub trusted_proxies: Networks,

    /// IPv6 clients are counted by this many leading bits of their address in every throttle
    /// and rate limit (64: one subscriber's /64 is one client); IPv4 clients per address.
    #[arg(long, env = "IPV6_PREFIX_LEN", default_value_t = 64, value_parser = clap::value_parser!(u8).range(1..=128), global = true)]
    pub ipv6_prefix_len: u8,
}

/// Sign-in: token keys and lifetimes, the first administrator, throttling, sessions.
#[derive(Clone, Debug, Args)]
#[command(next_help_heading = "Authentication")]
pub struct AuthConfig {
    /// Secret for signing access tokens (at least 32 bytes). When unset, one is generated at
    /// first start and kept in `DATA_DIR/jwt-secret`.
    #[arg(long, env = "JWT_SECRET", hide_env_values = true, global = true)]
    pub jwt_secret: Option<Secret>,

    /// Password for the `admin` user created on first start with an empty database. When unset,
    /// one is generated, logged once, and must be changed at first login.
    #[arg(
        long,
        env = "BOOTSTRAP_ADMIN_PASSWORD",
        hide_env_values = true,
        global = true
    )]
    pub bootstrap_admin_password: Option<Secret>,

    /// Lifetime of access tokens in seconds.
    #[arg(long, env = "ACCESS_TOKEN_TTL_SECS", default_value_t = 900, value_parser = clap::value_parser!(u64).range(30..=86_400), global = true)]
    pub access_token_ttl_secs: u64,

    /// Lifetime of refresh tokens in seconds.
    #[arg(long, env = "REFRESH_TOKEN_TTL_SECS", default_value_t = 1_209_600, value_parser = clap::value_parser!(u64).range(300..=31_536_000), global = true)]
    pub refresh_token_ttl_secs: u64,

    /// Free failed sign-ins per account and client address (and, times ten, per address) in
    /// 15 minutes before each further failure imposes a growing delay.
    #[arg(long, env = "LOGIN_FREE_FAILURES", default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..=100), global = true)]
    pub login_free_failures: u32,

    /// First sign-in delay, in milliseconds, once the free failures are spent; it doubles with
    /// each further failure.
    #[arg(long, env = "LOGIN_BACKOFF_BASE_MS", default_value_t = 1_000, value_parser = clap::value_parser!(u64).range(1..=60_000), global = true)]
    pub login_backoff_base_ms: u64,

    /// Longest sign-in delay for an account from one address, in seconds (one address alone,
    /// whatever the account, waits at most a minute: a NAT is shared).
    #[arg(long, env = "LOGIN_BACKOFF_MAX_SECS", default_value_t = 900, value_parser = clap::value_parser!(u64).range(1..=86_400), global = true)]
    pub login_backoff_max_secs: u64,

    /// Hours a service account's previous client secret keeps working after
    /// `POST /service-accounts/{id}/rotate-secret` (0: it stops at once), so that a client's
    /// replicas can change over without an outage.
    #[arg(long, env = "SERVICE_ACCOUNT_SECRET_OVERLAP_HOURS", default_value_t = 24, value_parser = clap::value_parser!(u32).range(0..=720), global = true)]
    pub service_account_secret_overlap_hours: u32,

    /// Live sign-ins (sessions) per user; a new sign-in beyond it revokes the user's oldest.
    #[arg(long, env = "MAX_SESSIONS_PER_USER", default_value_t = 20, value_parser = clap::value_parser!(u32).range(1..=10_000), global = true)]
    pub max_sessions_per_user: u32,

    /// How often expired sessions and refresh tokens are purged, in seconds.
    #[arg(long, env = "SESSION_PURGE_INTERVAL_SECS", default_value_t = 3_600, value_parser = clap::value_parser!(u64).range(1..=604_800), global = true)]
    pub session_purge_interval_secs: u64,
}

/// Uploaded documents: where their bytes are kept, size and quota limits, the due-date worker.
#[derive(Clone, Debug, Args)]
#[command(next_help_heading = "Documents")]
pub struct DocumentsConfig {
    /// Where document bytes are kept: `database` (default on PostgreSQL: every replica reads
    /// every document) or `filesystem` (default on SQLite: `DATA_DIR/documents`). `database`
    /// is refused on SQLite.
    #[arg(long, env = "BLOB_STORE", value_enum, global = true)]
    pub blob_store: Option<BlobStoreChoice>,

    /// Largest uploaded document accepted (e.g. `10MiB`).
    #[arg(
        id = "document_max_size",
        value_name = "DOCUMENT_MAX_SIZE",
        long = "document-max-size",
        env = "DOCUMENT_MAX_SIZE",
        default_value = "10MiB",
        global = true
    )]
    pub max_size: ByteSize,

    /// Most documents one request may hold (409 `quota_exceeded` beyond it).
    #[arg(
        id = "document_quota_count",
        value_name = "DOCUMENT_QUOTA_COUNT",
        long = "document-quota-count", env = "DOCUMENT_QUOTA_COUNT", default_value_t = 20, value_parser = clap::value_parser!(u32).range(1..=10_000), global = true)]
    pub quota_count: u32,

    /// Most bytes the documents of one request may hold together (e.g. `50MiB`; 409
    /// `quota_exceeded` beyond it).
    #[arg(
        id = "document_quota_bytes",
        value_name = "DOCUMENT_QUOTA_BYTES",
        long = "document-quota-bytes",
        env = "DOCUMENT_QUOTA_BYTES",
        default_value = "50MiB",
        global = true
    )]
    pub quota_bytes: ByteSize,

    /// Run the document due-date worker in this process (every minute: asks for documents
    /// whose due date passed with documents missing are marked overdue, once, whichever
    /// replica finds them first).
    #[arg(
        id = "document_due_worker",
        value_name = "DOCUMENT_DUE_WORKER",
        long = "document-due-worker", env = "DOCUMENT_DUE_WORKER", default_value_t = true, action = clap::ArgAction::Set, global = true)]
    pub due_worker: bool,
}

/// Permits: validity, receipts, the expiry worker and the printed letterhead.
#[derive(Clone, Debug, Args)]
#[command(next_help_heading = "Permits")]
pub struct PermitsConfig {
    /// Longest validity of a plate-removal permit, in days.
    #[arg(
        id = "permit_max_validity_days",
        value_name = "PERMIT_MAX_VALIDITY_DAYS",
        long = "permit-max-validity-days", env = "PERMIT_MAX_VALIDITY_DAYS", default_value_t = 30, value_parser = clap::value_parser!(u32).range(1..=365), global = true)]
    pub max_validity_days: u32,

    /// How many days after a permit's validity ended the police may still post its receipt
    /// without explaining the delay in `notes` (the removal itself must lie within validity).
    #[arg(long, env = "RECEIPT_LATE_DAYS", default_value_t = 30, value_parser = clap::value_parser!(u32).range(0..=3650), global = true)]
    pub receipt_late_days: u32,

    /// Run the permit expiry worker in this process (every replica may: each expiry is applied
    /// once, whichever replica finds it first).
    #[arg(
        id = "permit_expiry_worker",
        value_name = "PERMIT_EXPIRY_WORKER",
        long = "permit-expiry-worker", env = "PERMIT_EXPIRY_WORKER", default_value_t = true, action = clap::ArgAction::Set, global = true)]
    pub expiry_worker: bool,

    /// How often the expiry worker looks for permits whose validity ended with no receipt, in
    /// milliseconds (at most a minute, so an expiry is applied within a minute of
    /// `valid_until`).
    #[arg(
        id = "permit_expiry_interval_ms",
        value_name = "PERMIT_EXPIRY_INTERVAL_MS",
        long = "permit-expiry-interval-ms", env = "PERMIT_EXPIRY_INTERVAL_MS", default_value_t = 15_000, value_parser = clap::value_parser!(u64).range(10..=60_000), global = true)]
    pub expiry_interval_ms: u64,

    /// The directorate's name as printed at the head of every permit.
    #[arg(
        long,
        env = "DIRECTORATE_NAME",
        default_value = "اداره کل اموال و اوراق بهادار دولتی",
        global = true
    )]
    pub directorate_name: DisplayName,

    /// The ministry line of the printed permit's letterhead, under «جمهوری اسلامی ایران».
    #[arg(
        long,
        env = "ORDER_MINISTRY_LINE",
        default_value = "وزارت امور اقتصادی و دارایی",
        global = true
    )]
    pub order_ministry_line: DisplayName,

    /// The province line of the printed permit's letterhead, under `DIRECTORATE_NAME`.
    #[arg(
        long,
        env = "ORDER_PROVINCE",
        default_value = "استان آذربایجان شرقی",
        global = true
    )]
    pub order_province: DisplayName,

    /// Whom the printed permit is addressed to (printed after «ریاست محترم»; `{addressee}` in
    /// the order's template).
    #[arg(
        long,
        env = "ORDER_ADDRESSEE",
        default_value = "پلیس راهور استان آذربایجان شرقی",
        global = true
    )]
    pub order_addressee: DisplayName,
}

/// The working-day calendar, the SLA stages and the SLA report's limits.
#[derive(Clone, Debug, Args)]
#[command(next_help_heading = "SLA and calendar")]
pub struct SlaConfig {
    /// Weekend days for the working-day calendar, comma separated (`thursday,friday`).
    #[arg(long, env = "WEEKEND_DAYS", default_value = "friday", global = true)]
    pub weekend_days: Weekend,

    /// Office hours on working days, in the service's time zone: SLA clocks count only these.
    #[arg(
        long,
        env = "OFFICE_HOURS",
        default_value = "07:30-14:30",
        global = true
    )]
    pub office_hours: OfficeHours,

    /// Working days the directorate has to decide (submission to permit or rejection).
    #[arg(
        id = "sla_decision_days",
        value_name = "SLA_DECISION_DAYS",
        long = "sla-decision-days", env = "SLA_DECISION_DAYS", default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..=365), global = true)]
    pub decision_days: u32,

    /// Working days the police have to act on an issued permit (permit to receipt).
    #[arg(
        id = "sla_police_days",
        value_name = "SLA_POLICE_DAYS",
        long = "sla-police-days", env = "SLA_POLICE_DAYS", default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..=365), global = true)]
    pub police_days: u32,

    /// Working days to record a removal in the national vehicle system (receipt to completed).
    #[arg(
        id = "sla_registration_days",
        value_name = "SLA_REGISTRATION_DAYS",
        long = "sla-registration-days", env = "SLA_REGISTRATION_DAYS", default_value_t = 2, value_parser = clap::value_parser!(u32).range(1..=365), global = true)]
    pub registration_days: u32,

    /// Whose working days the police's stage counts: `police` (their own calendar: the
    /// weekend and closures of executive bodies do not apply, as law-enforcement units work
    /// them) or `directorate` (the directorate's calendar).
    #[arg(
        id = "sla_police_calendar",
        value_name = "SLA_POLICE_CALENDAR",
        long = "sla-police-calendar", env = "SLA_POLICE_CALENDAR", default_value = "police", value_parser = parse_police_calendar, global = true)]
    pub police_calendar: crate::domain::party::Party,

    /// At most this many `GET /reports/sla` computations at once (per replica); further
    /// callers wait for a slot (a cached answer needs none).
    #[arg(
        id = "sla_report_concurrency",
        value_name = "SLA_REPORT_CONCURRENCY",
        long = "sla-report-concurrency", env = "SLA_REPORT_CONCURRENCY", default_value_t = 2, value_parser = clap::value_parser!(u32).range(1..=64), global = true)]
    pub report_concurrency: u32,

    /// How long a `GET /reports/sla` may wait for a slot and compute, in seconds; past it the
    /// answer is 503 with `Retry-After` (a computation under way still fills the cache).
    #[arg(
        id = "sla_report_timeout_secs",
        value_name = "SLA_REPORT_TIMEOUT_SECS",
        long = "sla-report-timeout-secs", env = "SLA_REPORT_TIMEOUT_SECS", default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=600), global = true)]
    pub report_timeout_secs: u64,

    /// `GET /reports/sla` calls per user per minute (per replica); past it 429 with
    /// `Retry-After` and the `RateLimit` headers.
    #[arg(
        id = "sla_report_rate_per_minute",
        value_name = "SLA_REPORT_RATE_PER_MINUTE",
        long = "sla-report-rate-per-minute", env = "SLA_REPORT_RATE_PER_MINUTE", default_value_t = 30, value_parser = clap::value_parser!(u32).range(1..=100_000), global = true)]
    pub report_rate_per_minute: u32,

    /// How long a cached `GET /reports/sla` answer may be served while nothing it depends on
    /// changed, in seconds (bounds how stale "overdue now" can be; 0 disables the cache).
    #[arg(
        id = "sla_report_cache_secs",
        value_name = "SLA_REPORT_CACHE_SECS",
        long = "sla-report-cache-secs", env = "SLA_REPORT_CACHE_SECS", default_value_t = 60, value_parser = clap::value_parser!(u64).range(0..=3_600), global = true)]
    pub report_cache_secs: u64,
}

/// SMS notifications: the provider, quiet hours, limits and the worker.
#[derive(Clone, Debug, Args)]
#[command(next_help_heading = "SMS")]
pub struct SmsConfig {
    /// Where SMS notifications go: `log` (records them, masked, sends nothing) or `http`
    /// (`SMS_GATEWAY_URL`).
    #[arg(
        id = "sms_provider",
        value_name = "SMS_PROVIDER",
        long = "sms-provider",
        env = "SMS_PROVIDER",
        value_enum,
        default_value = "log",
        global = true
    )]
    pub provider: SmsProvider,

    /// The `http` provider's endpoint: it receives `POST` JSON `{"id", "to", "text"}`.
    #[arg(
        id = "sms_gateway_url",
        value_name = "SMS_GATEWAY_URL",
        long = "sms-gateway-url",
        env = "SMS_GATEWAY_URL",
        global = true
    )]
    pub gateway_url: Option<url::Url>,

    /// Bearer token the `http` provider sends to the gateway.
    #[arg(
        id = "sms_gateway_token",
        value_name = "SMS_GATEWAY_TOKEN",
        long = "sms-gateway-token",
        env = "SMS_GATEWAY_TOKEN",
        hide_env_values = true,
        global = true
    )]
    pub gateway_token: Option<Secret>,

    /// No SMS in this window of the service's time zone, except outage notices; the rest wait
    /// until it ends. Empty: no quiet hours.
    #[arg(
        id = "sms_quiet_hours",
        value_name = "SMS_QUIET_HOURS",
        long = "sms-quiet-hours",
        env = "SMS_QUIET_HOURS",
        default_value = "22:00-07:00",
        global = true
    )]
    pub quiet_hours: QuietHours,

    /// At most this many SMS per recipient in any hour; more wait until the hour allows.
    #[arg(
        id = "sms_max_per_recipient_per_hour",
        value_name = "SMS_MAX_PER_RECIPIENT_PER_HOUR",
        long = "sms-max-per-recipient-per-hour", env = "SMS_MAX_PER_RECIPIENT_PER_HOUR", default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..=1_000), global = true)]
    pub max_per_recipient_per_hour: u32,

    /// At most this many SMS about one agency's requests go out per local day; the rest wait,
    /// `pending` with `last_error` saying so, until the next day's allowance (never dropped).
    #[arg(
        id = "sms_agency_daily_quota",
        value_name = "SMS_AGENCY_DAILY_QUOTA",
        long = "sms-agency-daily-quota", env = "SMS_AGENCY_DAILY_QUOTA", default_value_t = 500, value_parser = clap::value_parser!(u32).range(1..=1_000_000), global = true)]
    pub agency_daily_quota: u32,

    /// Run the SMS worker in this process (every replica may).
    #[arg(
        id = "sms_worker",
        value_name = "SMS_WORKER",
        long = "sms-worker", env = "SMS_WORKER", default_value_t = true, action = clap::ArgAction::Set, global = true)]
    pub worker: bool,

    /// How often the SMS worker looks for due messages, in milliseconds.
    #[arg(
        id = "sms_poll_interval_ms",
        value_name = "SMS_POLL_INTERVAL_MS",
        long = "sms-poll-interval-ms", env = "SMS_POLL_INTERVAL_MS", default_value_t = 1_000, value_parser = clap::value_parser!(u64).range(10..=600_000), global = true)]
    pub poll_interval_ms: u64,

    /// First SMS retry delay in milliseconds (doubled each attempt, with jitter, at most an hour).
    #[arg(
        id = "sms_backoff_base_ms",
        value_name = "SMS_BACKOFF_BASE_MS",
        long = "sms-backoff-base-ms", env = "SMS_BACKOFF_BASE_MS", default_value_t = 10_000, value_parser = clap::value_parser!(u64).range(10..=3_600_000), global = true)]
    pub backoff_base_ms: u64,

    /// Attempts before a message is marked `failed`.
    #[arg(
        id = "sms_max_attempts",
        value_name = "SMS_MAX_ATTEMPTS",
        long = "sms-max-attempts", env = "SMS_MAX_ATTEMPTS", default_value_t = 12, value_parser = clap::value_parser!(u32).range(1..=100), global = true)]
    pub max_attempts: u32,

    /// Timeout of one request to the SMS gateway, in milliseconds.
    #[arg(
        id = "sms_timeout_ms",
        value_name = "SMS_TIMEOUT_MS",
        long = "sms-timeout-ms", env = "SMS_TIMEOUT_MS", default_value_t = 10_000, value_parser = clap::value_parser!(u64).range(100..=60_000), global = true)]
    pub timeout_ms: u64,

    /// Local time (service time zone) from which agency users are reminded of the next day's
    /// planned maintenance.
    #[arg(
        id = "sms_maintenance_reminder_at",
        value_name = "SMS_MAINTENANCE_REMINDER_AT",
        long = "sms-maintenance-reminder-at", env = "SMS_MAINTENANCE_REMINDER_AT", default_value = "18:00", value_parser = parse_hhmm, global = true)]
    pub maintenance_reminder_at: chrono::NaiveTime,
}

/// Webhook deliveries: retries, timeouts, allowed networks and the worker.
#[derive(Clone, Debug, Args)]
#[command(next_help_heading = "Webhooks")]
pub struct WebhooksConfig {
    /// How long webhook deliveries are retried before they are marked `failed`, in seconds.
    #[arg(
        id = "webhook_retry_window_secs",
        value_name = "WEBHOOK_RETRY_WINDOW_SECS",
        long = "webhook-retry-window-secs", env = "WEBHOOK_RETRY_WINDOW_SECS", default_value_t = 86_400, value_parser = clap::value_parser!(u64).range(1..=604_800), global = true)]
    pub retry_window_secs: u64,

    /// First webhook retry delay in milliseconds (doubled each attempt, with jitter).
    #[arg(
        id = "webhook_backoff_base_ms",
        value_name = "WEBHOOK_BACKOFF_BASE_MS",
        long = "webhook-backoff-base-ms", env = "WEBHOOK_BACKOFF_BASE_MS", default_value_t = 5_000, value_parser = clap::value_parser!(u64).range(10..=600_000), global = true)]
    pub backoff_base_ms: u64,

    /// Timeout of one webhook delivery attempt in milliseconds.
    #[arg(
        id = "webhook_timeout_ms",
        value_name = "WEBHOOK_TIMEOUT_MS",
        long = "webhook-timeout-ms", env = "WEBHOOK_TIMEOUT_MS", default_value_t = 5_000, value_parser = clap::value_parser!(u64).range(100..=60_000), global = true)]
    pub timeout_ms: u64,

    /// Networks webhooks may be delivered to although they are loopback, private, link-local or
    /// otherwise internal (comma-separated CIDRs, e.g. `10.20.0.0/16`); empty: public addresses
    /// only.
    #[arg(
        id = "webhook_allowed_networks",
        value_name = "WEBHOOK_ALLOWED_NETWORKS",
        long = "webhook-allowed-networks",
        env = "WEBHOOK_ALLOWED_NETWORKS",
        default_value = "",
        global = true
    )]
    pub allowed_networks: Networks,

    /// Run the webhook delivery worker in this process (`false` for API-only replicas).
    #[arg(
        id = "webhook_worker",
        value_name = "WEBHOOK_WORKER",
        long = "webhook-worker", env = "WEBHOOK_WORKER", default_value_t = true, action = clap::ArgAction::Set, global = true)]
    pub worker: bool,
}

/// The audit log: retention and the writer's flush interval.
#[derive(Clone, Debug, Args)]
#[command(next_help_heading = "Audit")]
pub struct AuditConfig {
    /// How long audit entries are kept, in days (then the service purges them, every
    /// `SESSION_PURGE_INTERVAL_SECS`).
    #[arg(
        id = "audit_retention_days",
        value_name = "AUDIT_RETENTION_DAYS",
        long = "audit-retention-days", env = "AUDIT_RETENTION_DAYS", default_value_t = 1_825, value_parser = clap::value_parser!(u32).range(1..=36_500), global = true)]
    pub retention_days: u32,

    /// How often the audit entries waiting in memory are written, in one transaction, in
    /// milliseconds: reads (request views, document downloads, list reads), throttled
    /// credential failures and authorization denials (each minute's denial counts once the
    /// minute is over), on both databases.
    #[arg(
        id = "audit_flush_interval_ms",
        value_name = "AUDIT_FLUSH_INTERVAL_MS",
        long = "audit-flush-interval-ms", env = "AUDIT_FLUSH_INTERVAL_MS", default_value_t = 500, value_parser = clap::value_parser!(u64).range(10..=60_000), global = true)]
    pub flush_interval_ms: u64,
}

fn parse_hhmm(s: &str) -> Result<chrono::NaiveTime, String> {
    chrono::NaiveTime::parse_from_str(s.trim(), "%H:%M")
        .map_err(|_| format!("'{s}' is not a time of day (e.g. 18:00)"))
}

/// `SLA_POLICE_CALENDAR`: `police` or `directorate`.
fn parse_police_calendar(s: &str) -> Result<crate::domain::party::Party, String> {
    match s.trim() {
        "police" => Ok(crate::domain::party::Party::Police),
        "directorate" => Ok(crate::domain::party::Party::Directorate),
        other => Err(format!("'{other}': expected police or directorate")),
    }
}

impl Config {
    /// The system clock, with days read in `SERVICE_TIMEZONE`: what `main` passes to everything
    /// that reads the time.
    pub fn system_clock(&self) -> crate::clock::Clock {
        crate::clock::Clock::system(self.service_timezone)
    }

    /// `SERVICE_TIMEZONE`, for calendar arithmetic that does not need "now".
    pub fn zone(&self) -> crate::clock::Zone {
        crate::clock::Zone::new(self.service_timezone)
    }

    /// A configuration with every default, for tests and tools.
    pub fn defaults() -> Self {
        Cli::parse_from(["plate-permits"]).config
    }

    /// The database URL in effect: the configured one or a SQLite file in `DATA_DIR`.
    pub fn effective_database_url(&self) -> Secret {
        match &self.database.url {
            Some(url) => url.clone(),
            None => Secret::new(
                self.data_dir
                    .join("plate-permits.db")
                    .to_string_lossy()
                    .into_owned(),
            ),
        }
    }

    pub fn documents_dir(&self) -> PathBuf {
        self.data_dir.join("documents")
    }

    /// Where the backup-signing key is: `BACKUP_SIGNING_KEY_FILE`, else in `DATA_DIR`.
    pub fn backup_key_path(&self) -> PathBuf {
        self.backup_signing_key_file
            .clone()
            .unwrap_or_else(|| self.data_path("backup-signing-key"))
    }

    pub fn data_path(&self, name: &str) -> PathBuf {
        Path::new(&self.data_dir).join(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[test]
    fn defaults_are_documented_values() {
        let c = Config::defaults();
        assert_eq!(c.http.listen_addr.to_string(), "127.0.0.1:8080");
        assert_eq!(c.data_dir, PathBuf::from("./data"));
        assert_eq!(c.documents.max_size, ByteSize(10 * 1024 * 1024));
        assert_eq!(c.documents.quota_count, 20);
        assert_eq!(c.documents.quota_bytes, ByteSize(50 * 1024 * 1024));
        assert_eq!(c.http.client_body_timeout_secs, 30);
        assert_eq!(c.http.max_connections_per_address, 64);
        assert_eq!(c.log_format, LogFormat::Pretty);
        assert!(c.http.cors_allowed_origins.0.is_empty());
        assert_eq!(c.sla.weekend_days, Weekend(vec![chrono::Weekday::Fri]));
        assert_eq!(c.service_timezone, chrono_tz::Asia::Tehran);
        assert!(c.http.prefer_persian);
        assert_eq!(c.auth.service_account_secret_overlap_hours, 24);
        // Every replica looks for expired permits, well within a minute of their end.
        assert!(c.permits.expiry_worker);
        assert_eq!(c.permits.expiry_interval_ms, 15_000);
        assert_eq!(
            c.sla.office_hours.to_string_pair(),
            ("07:30".into(), "14:30".into())
        );
    }

    #[test]
    fn the_sections_make_one_valid_command_line() {
        use clap::CommandFactory;
        // Clap's own checks: no two settings share an id, a flag or a short name.
        Cli::command().debug_assert();
        // A section's setting keeps its flag and variable (`--sms-provider`, `SMS_PROVIDER`).
        let c = Cli::parse_from([
            "plate-permits",
            "--sms-provider",
            "http",
            "--sla-police-days",
            "7",
        ])
        .config;
        assert_eq!(c.sms.provider, SmsProvider::Http);
        assert_eq!(c.sla.police_days, 7);
    }

    #[test]
    fn calendar_settings_parse() {
        assert_eq!(
            Weekend::from_str("thursday, fri").unwrap().0,
            vec![chrono::Weekday::Thu, chrono::Weekday::Fri]
        );
        assert!(Weekend::from_str("funday").is_err());
        assert!(Weekend::from_str("mon,tue,wed,thu,fri,sat,sun").is_err());
        assert!(OfficeHours::from_str("14:30-07:30").is_err());
        assert!(OfficeHours::from_str("8-14").is_err());
        let err =
            Cli::try_parse_from(["plate-permits", "--service-timezone", "Mars/Base"]).unwrap_err();
        assert!(err.to_string().contains("--service-timezone"), "{err}");
    }

    #[test]
    fn networks_parse() {
        let n = Networks::from_str(" 10.20.0.0/16, 127.0.0.0/8,fd00::/8 ,192.0.2.7").unwrap();
        assert_eq!(n.0.len(), 4);
        assert!(n.contains("10.20.3.4".parse().unwrap()));
        assert!(!n.contains("10.21.0.1".parse().unwrap()));
        assert!(n.contains("::ffff:127.0.0.1".parse().unwrap()));
        assert!(n.contains("fd12::1".parse().unwrap()));
        assert!(n.contains("192.0.2.7".parse().unwrap()));
        assert!(!n.contains("192.0.2.8".parse().unwrap()));
        // Host bits are dropped: 10.20.1.1/16 is 10.20.0.0/16.
        let n = Networks::from_str("10.20.1.1/16").unwrap();
        assert!(n.contains("10.20.200.1".parse().unwrap()));
        assert_eq!(Networks::from_str("").unwrap(), Networks::default());
        for bad in ["10.0.0.0/33", "intranet", "10.0.0/8", "fd00::/129"] {
            assert!(Networks::from_str(bad).is_err(), "{bad}");
        }
        assert!(Config::defaults().webhooks.allowed_networks.0.is_empty());
        let err = Cli::try_parse_from(["plate-permits", "--webhook-allowed-networks", "lan"])
            .unwrap_err();
        assert!(
            err.to_string().contains("--webhook-allowed-networks"),
            "{err}"
        );
        let n = Networks::from_str("127.0.0.0/8, ::1/128,10.1.2.3").unwrap();
        assert!(n.contains("127.9.9.9".parse().unwrap()));
        assert!(n.contains("::ffff:127.0.0.1".parse().unwrap()));
        assert!(n.contains("10.1.2.3".parse().unwrap()));
        assert!(!n.contains("10.1.2.4".parse().unwrap()));
        assert!(Networks::from_str("").unwrap().0.is_empty());
        assert!(Networks::from_str("10.0.0.0/33").is_err());
        let err =
            Cli::try_parse_from(["plate-permits", "--trusted-proxies", "proxy.local"]).unwrap_err();
        assert!(err.to_string().contains("--trusted-proxies"), "{err}");
        assert_eq!(Config::defaults().http.trusted_proxies.0.len(), 2);
    }

    #[test]
    fn sms_settings_parse() {
        let c = Config::defaults();
        assert_eq!(c.sms.provider, SmsProvider::Log);
        assert_eq!(c.sms.max_per_recipient_per_hour, 10);
        let night = QuietHours::from_str("22:00-07:00").unwrap();
        assert_eq!(c.sms.quiet_hours, night);
        let t = |s: &str| chrono::NaiveTime::parse_from_str(s, "%H:%M").unwrap();
        assert!(night.contains(t("23:30")) && night.contains(t("06:59")));
        assert!(!night.contains(t("07:00")) && !night.contains(t("12:00")));
        assert_eq!(QuietHours::from_str("").unwrap(), QuietHours(None));
        assert!(!QuietHours(None).contains(t("23:30")));
        for bad in ["22-07", "22:00", "07:00-07:00", "25:00-07:00"] {
            assert!(QuietHours::from_str(bad).is_err(), "{bad}");
        }
        let err =
            Cli::try_parse_from(["plate-permits", "--sms-provider", "kavenegar"]).unwrap_err();
        assert!(err.to_string().contains("--sms-provider"), "{err}");
        let mut c = Config::defaults();
        c.sms.provider = SmsProvider::Http;
        let err = crate::sms::provider::from_config(&c).err().unwrap();
        assert!(err.contains("SMS_GATEWAY_URL"), "{err}");
    }

    #[test]
    fn a_public_base_url_on_this_machine_is_recognised() {
        for (url, loopback) in [
            ("http://127.0.0.1:8080", true),
            ("http://127.8.9.10", true),
            ("http://localhost:8080/plates", true),
            ("http://LOCALHOST", true),
            ("http://app.localhost", true),
            ("http://[::1]:8080", true),
            ("https://permits.example.ir", false),
            ("http://10.0.0.5:8080", false),
            ("http://[2001:db8::1]", false),
            ("http://localhost.example.ir", false),
        ] {
            let parsed: PublicBaseUrl = url.parse().unwrap();
            assert_eq!(parsed.is_loopback(), loopback, "{url}");
        }
    }

    #[test]
    fn public_base_url_and_directorate_name_parse() {
        let c = Config::defaults();
        assert_eq!(c.http.public_base_url.as_str(), "http://127.0.0.1:8080");
        assert_eq!(
            c.permits.directorate_name.as_str(),
            "اداره کل اموال و اوراق بهادار دولتی"
        );
        for (input, want) in [
            ("https://permits.example.ir/", "https://permits.example.ir"),
            ("https://example.ir/plates/", "https://example.ir/plates"),
            ("http://10.0.0.5:8080", "http://10.0.0.5:8080"),
        ] {
            assert_eq!(
                PublicBaseUrl::from_str(input).unwrap().as_str(),
                want,
                "{input}"
            );
        }
        for bad in [
            "",
            "permits.example.ir",
            "ftp://example.ir",
            "https://user:pw@example.ir",
            "https://example.ir/?a=1",
            "https://example.ir/#x",
            "javascript:alert(1)",
        ] {
            assert!(PublicBaseUrl::from_str(bad).is_err(), "{bad}");
        }
        let err =
            Cli::try_parse_from(["plate-permits", "--public-base-url", "example.ir"]).unwrap_err();
        assert!(err.to_string().contains("--public-base-url"), "{err}");
        assert!(DisplayName::from_str("  ").is_err());
        assert!(DisplayName::from_str("\u{200F}\u{200B}").is_err());
        assert!(DisplayName::from_str("a\nb").is_err());
        assert!(DisplayName::from_str(&"ا".repeat(201)).is_err());
        assert_eq!(DisplayName::from_str(" اداره ").unwrap().as_str(), "اداره");
        assert_eq!(
            DisplayName::from_str("اداره  كل\u{200F} اموال")
                .unwrap()
                .as_str(),
            "اداره کل اموال"
        );
    }

    #[test]
    fn byte_sizes_parse() {
        for (input, want) in [
            ("10MiB", 10 * 1024 * 1024),
            ("1024", 1024),
            ("64KiB", 65536),
            ("1 MB", 1_000_000),
        ] {
            assert_eq!(ByteSize::from_str(input), Ok(ByteSize(want)), "{input}");
        }
        for bad in ["", "0", "ten", "10XB", "-1"] {
            assert!(ByteSize::from_str(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn bad_values_name_the_setting() {
        let err = Cli::try_parse_from(["plate-permits", "--listen-addr", "nope"]).unwrap_err();
        assert!(err.to_string().contains("--listen-addr"), "{err}");
        let err = Cli::try_parse_from(["plate-permits", "--cors-allowed-origins", "ftp://x"])
            .unwrap_err();
        assert!(err.to_string().contains("--cors-allowed-origins"), "{err}");
    }

    #[test]
    fn secrets_are_redacted() {
        let s = Secret::new("hunter2-very-secret");
        assert_eq!(format!("{s:?} {s}"), "[redacted] [redacted]");
        let c = Cli::parse_from(["plate-permits", "--jwt-secret", "hunter2-very-secret"]).config;
        assert!(!format!("{c:?}").contains("hunter2"));
    }
}
