//! Storage: one diesel code path for SQLite and PostgreSQL.
//!
//! [`DbConnection`] is a diesel `MultiConnection`; [`DbManager`] is the r2d2 connection manager
//! that picks the backend by URL scheme (never by trial, so a mistyped URL is an error, not a
//! stray SQLite file) and applies the SQLite pragmas on every new connection.

pub mod decisions;
pub mod integrity;
pub mod migrations;
pub mod schema;
pub mod standby;
pub mod statements;
pub mod types;
pub mod writer;

use std::path::Path;
use std::time::Duration;

use diesel::connection::{SimpleConnection, TransactionManager};
use diesel::pg::PgConnection;
use diesel::prelude::*;
use diesel::r2d2::R2D2Connection;
use diesel::sqlite::SqliteConnection;

use crate::config::Secret;
use crate::error::ApiError;

#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Postgresql(PgConnection),
    Sqlite(SqliteConnection),
}

/// Runs `$body` with `$c` bound to the backend's own connection (`PgConnection` or
/// `SqliteConnection`) behind `$conn`, for the hottest static queries.
///
/// Why: a `MultiConnection` wraps every query in a `SerializedQuery`, which has no static
/// query id, so diesel's statement cache looks each one up by its SQL text and builds that text
/// on every call (quoting every column of a 30-column row). On the backend's own connection a
/// static query is found by its type and its SQL is built once per connection. Profiled on the
/// PostgreSQL read (`GET /requests/{id}`, release build): building the SQL was 13 % of the
/// server's CPU. Use it where a query's type fixes its SQL (no `into_boxed()`, no `IN` list).
macro_rules! natively {
    ($conn:expr, |$c:ident| $body:expr) => {
        match $conn {
            $crate::db::DbConnection::Postgresql($c) => $body,
            $crate::db::DbConnection::Sqlite($c) => $body,
        }
    };
}
pub(crate) use natively;

pub type Pool = r2d2::Pool<DbManager>;
pub type PooledConn = r2d2::PooledConnection<DbManager>;

/// Which database a URL selects.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Postgres,
    Sqlite,
}

impl Backend {
    pub fn name(self) -> &'static str {
        match self {
            Backend::Postgres => "postgresql",
            Backend::Sqlite => "sqlite",
        }
    }
}

/// A database URL whose backend has been decided.
#[derive(Clone, Debug)]
pub struct DbUrl {
    pub backend: Backend,
    /// What the driver receives: the PostgreSQL URL/conninfo, or the SQLite file path.
    target: Secret,
}

impl DbUrl {
    /// `postgres://…`, `postgresql://…` or a libpq `key=value` string select PostgreSQL;
    /// `sqlite://path`, `sqlite:path`, `file:path`, `:memory:` or a plain path select SQLite.
    /// Any other `scheme://` is refused.
    pub fn parse(url: &Secret) -> Result<DbUrl, String> {
        let raw = url.expose().trim();
        if raw.is_empty() {
            return Err("DATABASE_URL: must not be empty".into());
        }
        let lower = raw.to_ascii_lowercase();
        if lower.starts_with("postgres://") || lower.starts_with("postgresql://") {
            return Ok(DbUrl {
                backend: Backend::Postgres,
                target: Secret::new(raw),
            });
        }
        if let Some(rest) = lower
            .strip_prefix("sqlite://")
            .or_else(|| lower.strip_prefix("sqlite:"))
        {
            let path = &raw[raw.len() - rest.len()..];
            if path.is_empty() {
                return Err("DATABASE_URL: sqlite URL has no file path".into());
            }
            return Ok(DbUrl {
                backend: Backend::Sqlite,
                target: Secret::new(path),
            });
        }
        if let Some(scheme_end) = lower.find("://") {
            let scheme = &lower[..scheme_end];
            return Err(format!(
                "DATABASE_URL: unsupported scheme '{scheme}' (use postgres:// or sqlite://)"
            ));
        }
        if raw.contains('=') && raw.contains(' ') || lower.starts_with("host=") {
            return Ok(DbUrl {
                backend: Backend::Postgres,
                target: Secret::new(raw),
            });
        }
        Ok(DbUrl {
            backend: Backend::Sqlite,
            target: Secret::new(raw),
        })
    }
}

impl DbUrl {
    /// The SQLite file, when the URL selects SQLite.
    pub fn sqlite_path(&self) -> Option<std::path::PathBuf> {
        match self.backend {
            Backend::Sqlite => Some(std::path::PathBuf::from(self.target.expose())),
            Backend::Postgres => None,
        }
    }
}

/// r2d2 manager that opens the backend chosen by the URL and reports its real error.
#[derive(Clone, Debug)]
pub struct DbManager {
    url: DbUrl,
}

impl DbManager {
    pub fn new(url: DbUrl) -> Self {
        DbManager { url }
    }

    pub fn backend(&self) -> Backend {
        self.url.backend
    }

    /// Opens one connection outside any pool (tools and tests). Panics on failure.
    pub fn connect_url(url: &str) -> DbConnection {
        let parsed = match DbUrl::parse(&Secret::new(url)) {
            Ok(u) => u,
            Err(e) => panic!("{e}"),
        };
        match r2d2::ManageConnection::connect(&DbManager::new(parsed)) {
            Ok(c) => c,
            Err(e) => panic!("cannot connect: {e}"),
        }
    }
}

/// Opens a PostgreSQL connection, first starting OpenSSL without its exit handler.
///
/// libpq encrypts connections with OpenSSL, and OpenSSL registers an `atexit` handler that frees
/// its global state unless its first initialisation says not to. A process leaving `main` while
/// a pool's thread is still connecting or reading then crashes with SIGSEGV in that thread
/// (diesel-rs/diesel#3441; our test binary did, after all its tests had passed).
/// `openssl_sys::init` is rust-openssl's own once-only initialisation, with
/// `OPENSSL_INIT_NO_ATEXIT`; every connection goes through here so that it runs before libpq's.
/// The operating system reclaims OpenSSL's memory at exit anyway.
pub fn establish_postgres(url: &str) -> ConnectionResult<PgConnection> {
    openssl_sys::init();
    PgConnection::establish(url)
}

/// SQLite settings applied to every pooled connection.
/// (WAL mode is persistent in the file and is switched on once, in [`build_pool`].)
/// `temp_store = MEMORY` keeps savepoint sub-journals in memory: the one writer runs each job in
/// a savepoint, and with the default (a temporary file) every page a job touched was also written
/// to that file (19 % of the writer's time under `POST /requests`, docs/BENCHMARKS.md).
const SQLITE_PRAGMAS: &str = "PRAGMA busy_timeout = 10000; \
     PRAGMA foreign_keys = ON; \
     PRAGMA synchronous = NORMAL; \
     PRAGMA temp_store = MEMORY;";

impl r2d2::ManageConnection for DbManager {
    type Connection = DbConnection;
    type Error = diesel::r2d2::Error;

    /// Opens a connection of the URL's backend, counting its statements into the request
    /// whose call runs on it ([`statements`]).
    fn connect(&self) -> Result<DbConnection, Self::Error> {
        let mut conn = match self.url.backend {
            Backend::Postgres => establish_postgres(self.url.target.expose())
                .map(DbConnection::Postgresql)
                .map_err(diesel::r2d2::Error::ConnectionError)?,
            Backend::Sqlite => {
                let mut conn = SqliteConnection::establish(self.url.target.expose())
                    .map_err(diesel::r2d2::Error::ConnectionError)?;
                conn.batch_execute(SQLITE_PRAGMAS)
                    .map_err(diesel::r2d2::Error::QueryError)?;
                DbConnection::Sqlite(conn)
            }
        };
        conn.set_instrumentation(statements::CountStatements);
        Ok(conn)
    }

    fn is_valid(&self, conn: &mut DbConnection) -> Result<(), Self::Error> {
        conn.ping().map_err(diesel::r2d2::Error::QueryError)
    }

    fn has_broken(&self, conn: &mut DbConnection) -> bool {
        std::thread::panicking() || conn.is_broken()
    }
}

/// Logs pool errors through `tracing` without the URL.
#[derive(Debug)]
struct PoolErrorLogger;

impl r2d2::HandleError<diesel::r2d2::Error> for PoolErrorLogger {
    fn handle_error(&self, error: diesel::r2d2::Error) {
        tracing::warn!(error = %error, "database connection error");
    }
}

/// Builds the pool. For SQLite the file's directory is created first. The pool starts even
/// when the database is down (readiness reports it); the first real use then fails cleanly.
pub fn build_pool(url: &Secret, max_size: Option<u32>) -> Result<Pool, String> {
    build_pool_waiting(url, max_size, Duration::from_secs(5))
}

/// The pool of a PostgreSQL standby for reads (`DATABASE_READ_URL`): it waits at most 1 s for
/// a connection, since the primary can answer instead.
pub fn build_standby_pool(url: &Secret, max_size: Option<u32>) -> Result<Pool, String> {
    if DbUrl::parse(url)?.backend != Backend::Postgres {
        return Err(
            "DATABASE_READ_URL: must be a PostgreSQL URL (a standby of DATABASE_URL)".into(),
        );
    }
    build_pool_waiting(url, max_size, Duration::from_secs(1))
        .map_err(|e| e.replace("DATABASE_URL", "DATABASE_READ_URL"))
}

/// The file a SQLite target names, when it is a plain path (not `:memory:` or a `file:` URI).
pub fn plain_sqlite_file(target: &str) -> Option<&Path> {
    let lower = target.to_ascii_lowercase();
    (target != ":memory:" && !lower.starts_with("file:") && !target.is_empty())
        .then(|| Path::new(target))
}

fn build_pool_waiting(
    url: &Secret,
    max_size: Option<u32>,
    connection_timeout: Duration,
) -> Result<Pool, String> {
    let url = DbUrl::parse(url)?;
    let max_size = max_size.unwrap_or(match url.backend {
        Backend::Sqlite => 4,
        Backend::Postgres => 10,
    });
    if url.backend == Backend::Sqlite {
        prepare_sqlite(&url)?;
    }
    let is_postgres = url.backend == Backend::Postgres;
    let manager = DbManager::new(url);
    let pool = r2d2::Pool::builder()
        .max_size(max_size)
        .min_idle(Some(1))
        // Every check-out pings the connection (`is_valid`): one that died in a failover while
        // idle is dropped there and a new one is opened (on a multi-host URL, to the new
        // primary); a connection whose transaction could not be rolled back is dropped when
        // returned (`has_broken`). A SQLite file does not go away under a connection, so its
        // check-outs skip the ping (a statement per request on the read path, issue 19).
        .test_on_check_out(is_postgres)
        .connection_timeout(connection_timeout)
        .error_handler(Box::new(PoolErrorLogger))
        .build_unchecked(manager);
    Ok(pool)
}

/// Readies a SQLite database before its pool opens: the file created private, WAL switched on
/// (a property of the file, set once while the file is to itself), its companions' modes set,
/// and a warning when the linked SQLite re-prepares statements with a bound `LIMIT`.
fn prepare_sqlite(url: &DbUrl) -> Result<(), String> {
    let target = url.target.expose();
    if let Some(path) = plain_sqlite_file(target) {
        // Created 0600 (its folder 0700) before SQLite opens it: SQLite gives the WAL and
        // SHM the database file's mode.
        crate::private_fs::prepare_sqlite_file(path)
            .map_err(|e| format!("DATABASE_URL: cannot create {}: {e}", path.display()))?;
    }
    // WAL is a property of the database file: switch it on once, before the pool opens
    // connections concurrently (changing the journal mode needs the file to itself).
    let mut conn = SqliteConnection::establish(url.target.expose())
        .map_err(|e| format!("DATABASE_URL: cannot open SQLite database: {e}"))?;
    conn.batch_execute("PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL;")
        .map_err(|e| format!("DATABASE_URL: cannot enable WAL mode: {e}"))?;
    if let Some(path) = plain_sqlite_file(url.target.expose()) {
        // SQLite made them with the database file's mode; set it explicitly all the same
        // (a WAL left behind by an older version may be wider).
        for file in crate::private_fs::sqlite_companions(path) {
            crate::private_fs::restrict(&file).map_err(|e| {
                format!(
                    "DATABASE_URL: cannot set the mode of {}: {e}",
                    file.display()
                )
            })?;
        }
    }
    if !sqlite_has_stable_plans(&mut conn) {
        tracing::warn!(
            "the linked SQLite was built without SQLITE_ENABLE_QPSG: statements with a bound \
             LIMIT are re-prepared on every execution (build with .cargo/config.toml)"
        );
    }
    Ok(())
}

/// Whether SQLite keeps a prepared statement's plan whatever values are bound (the
/// `ENABLE_QPSG` compile option, set in `.cargo/config.toml`).
pub fn sqlite_has_stable_plans(conn: &mut SqliteConnection) -> bool {
    #[derive(QueryableByName)]
    struct CompileOption {
        #[diesel(sql_type = diesel::sql_types::Text)]
        compile_options: String,
    }
    diesel::sql_query("PRAGMA compile_options")
        .load::<CompileOption>(conn)
        .map(|options| options.iter().any(|o| o.compile_options == "ENABLE_QPSG"))
        .unwrap_or(false)
}

/// Opens one connection now, so that start-up fails with the real error when the database
/// cannot be reached.
pub fn check_connect(pool: &Pool) -> Result<PooledConn, String> {
    pool.get()
        .map_err(|e| format!("DATABASE_URL: cannot connect: {e}"))
}

/// After a failed call: when the error would be a 500 and the PostgreSQL connection no longer
/// answers a ping, the failure was the connection's (whatever the error's text or language),
/// and the caller gets the retryable 503 of [`crate::transient`] instead.
pub fn reclassify_failure(conn: &mut DbConnection, err: ApiError) -> ApiError {
    if err.status() != actix_web::http::StatusCode::INTERNAL_SERVER_ERROR {
        return err;
    }
    match conn {
        DbConnection::Postgresql(pg) => match pg.ping() {
            Ok(()) => err,
            Err(_) => err.connection_lost_after(),
        },
        DbConnection::Sqlite(_) => err,
    }
}

/// Whether the server refuses writes (a standby, or a primary being demoted). Always `false`
/// on SQLite.
pub fn is_read_only(conn: &mut DbConnection) -> QueryResult<bool> {
    match conn {
        DbConnection::Postgresql(pg) => {
            diesel::select(diesel::dsl::sql::<diesel::sql_types::Bool>(
                "current_setting('transaction_read_only') = 'on'",
            ))
            .get_result(pg)
        }
        DbConnection::Sqlite(_) => Ok(false),
    }
}

pub fn backend_of(conn: &DbConnection) -> Backend {
    match conn {
        DbConnection::Postgresql(_) => Backend::Postgres,
        DbConnection::Sqlite(_) => Backend::Sqlite,
    }
}

/// Runs `f` in a write transaction. On SQLite it begins with `BEGIN IMMEDIATE`, so that the
/// write lock is taken up front and concurrent writers wait (`busy_timeout`) instead of failing
/// when a read inside the transaction would later need upgrading. On PostgreSQL it is an
/// ordinary transaction; row versions (`version = version + 1 WHERE version = ?`) guard against
/// lost updates. Inside a transaction already (a job of SQLite's [`writer`]), it is a
/// savepoint: its error rolls back its own work only.
pub fn write_tx<T, F>(conn: &mut DbConnection, f: F) -> Result<T, ApiError>
where
    F: FnOnce(&mut DbConnection) -> Result<T, ApiError>,
{
    let nested =
        <DbConnection as Connection>::TransactionManager::transaction_manager_status_mut(conn)
            .transaction_depth()?
            .is_some();
    match conn {
        DbConnection::Sqlite(inner) if !nested => {
            diesel::connection::AnsiTransactionManager::begin_transaction_sql(
                inner,
                "BEGIN IMMEDIATE",
            )?;
        }
        _ => {
            <DbConnection as Connection>::TransactionManager::begin_transaction(conn)?;
        }
    }
    let outcome = match f(conn) {
        Ok(value) => <DbConnection as Connection>::TransactionManager::commit_transaction(conn)
            .map_err(ApiError::from)
            .map(|()| value),
        Err(e) => {
            <DbConnection as Connection>::TransactionManager::rollback_transaction(conn)?;
            Err(e)
        }
    };
    if !nested {
        // What the transaction changed is dropped from the caches once it is over.
        decisions::settle();
    }
    outcome
}

/// Opens the connection SQLite's [`writer`] owns, with the same pragmas as the pool's.
pub fn open_writer(url: &Secret) -> Result<writer::Writer, String> {
    let url = DbUrl::parse(url)?;
    if url.backend != Backend::Sqlite {
        return Err("the single writer is for SQLite only".into());
    }
    let conn = r2d2::ManageConnection::connect(&DbManager::new(url))
        .map_err(|e| format!("DATABASE_URL: cannot open the writer connection: {e}"))?;
    writer::Writer::start(conn).map_err(|e| format!("cannot start the database writer: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Result<Backend, String> {
        DbUrl::parse(&Secret::new(s)).map(|u| u.backend)
    }

    #[test]
    fn backend_is_chosen_by_scheme() {
        assert_eq!(parse("postgres://u@h/db"), Ok(Backend::Postgres));
        assert_eq!(parse("postgresql://u@h:5432/db"), Ok(Backend::Postgres));
        assert_eq!(parse("host=localhost dbname=x"), Ok(Backend::Postgres));
        assert_eq!(parse("sqlite://data/x.db"), Ok(Backend::Sqlite));
        assert_eq!(parse("sqlite:x.db"), Ok(Backend::Sqlite));
        assert_eq!(parse("./data/x.db"), Ok(Backend::Sqlite));
        assert!(parse("mysql://u@h/db").unwrap_err().contains("mysql"));
        assert!(parse("").is_err());
        assert!(parse("sqlite://").is_err());
    }

    #[test]
    fn the_bundled_sqlite_keeps_statement_plans() {
        let mut conn = SqliteConnection::establish(":memory:").unwrap();
        assert!(sqlite_has_stable_plans(&mut conn));
    }

    #[test]
    fn sqlite_url_keeps_path_case() {
        let u = DbUrl::parse(&Secret::new("sqlite:///tmp/Data/X.db")).unwrap();
        assert_eq!(u.target.expose(), "/tmp/Data/X.db");
    }
}
