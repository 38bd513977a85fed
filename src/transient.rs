//! Which database errors are worth a retry: what a PostgreSQL failover (or restart) looks like
//! from a client. A request that meets one is answered 503 with `Retry-After` (never 500), the
//! connection that saw it is dropped by the pool, and a retry (with its `Idempotency-Key`)
//! lands on the new primary.
//!
//! diesel reports the SQLSTATE only as a few kinds: `ClosedConnection` (08000, 08001, 08004,
//! 08006, or any error after which libpq's connection is bad) and `ReadOnlyTransaction` (25006).
//! The other codes of a switch (57P01 `admin_shutdown`, 57P02 `crash_shutdown`, 57P03
//! `cannot_connect_now`, the other 08xxx) come as `Unknown`, and are recognised by the
//! server's or libpq's message (English, the `C` locale of a server set up by `pg_autoctl` or
//! `initdb` without a locale). Whatever the language, a failed call whose connection no longer
//! answers a ping is treated as a lost connection too (see `state::on_pool`).

use diesel::result::{DatabaseErrorKind, Error};

/// Why a database call may succeed when simply retried a moment later.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Transient {
    /// The connection was lost (08xxx, a server that went away, a broken transaction).
    ConnectionLost,
    /// The server is shutting down, crashed, or is starting up (57P01, 57P02, 57P03).
    ServerUnavailable,
    /// The server is a standby or was demoted: it refuses writes (25006).
    ReadOnly,
}

impl Transient {
    /// For the log.
    pub fn as_str(self) -> &'static str {
        match self {
            Transient::ConnectionLost => "connection_lost",
            Transient::ServerUnavailable => "server_unavailable",
            Transient::ReadOnly => "read_only",
        }
    }
}

/// Messages of 57P01, 57P02 and 57P03 (server) and of libpq's own connection errors (08xxx).
const SERVER_UNAVAILABLE: &[&str] = &[
    "terminating connection due to administrator command",
    "terminating connection because of crash of another server process",
    "the database system is starting up",
    "the database system is shutting down",
    "the database system is in recovery mode",
    "the database system is not yet accepting connections",
    "the database system is not accepting connections",
];

const CONNECTION_LOST: &[&str] = &[
    "server closed the connection unexpectedly",
    "no connection to the server",
    "could not receive data from server",
    "could not send data to server",
    "ssl connection has been closed unexpectedly",
    "lost synchronization with server",
    "terminating connection",
    "connection to server",
    "connection not open",
];

/// 25006 and the other refusals of a server in recovery.
const READ_ONLY: &[&str] = &[
    "in a read-only transaction",
    "session is read-only",
    "during recovery",
    "recovery is in progress",
];

/// Classifies a diesel error; `None` means "not transient" (map it as usual).
pub fn classify(err: &Error) -> Option<Transient> {
    match err {
        Error::DatabaseError(DatabaseErrorKind::ClosedConnection, _) => {
            Some(Transient::ConnectionLost)
        }
        Error::DatabaseError(DatabaseErrorKind::ReadOnlyTransaction, _) => {
            Some(Transient::ReadOnly)
        }
        // A transaction whose connection died cannot be rolled back: diesel refuses the
        // connection from then on, and the pool drops it (`has_broken`).
        Error::BrokenTransactionManager => Some(Transient::ConnectionLost),
        Error::DatabaseError(_, info) => classify_message(info.message()),
        Error::RollbackErrorOnCommit { commit_error, .. } => classify(commit_error),
        _ => None,
    }
}

/// Classifies a server or libpq message (also used for connection errors, which carry only
/// text).
pub fn classify_message(message: &str) -> Option<Transient> {
    let m = message.to_ascii_lowercase();
    let has = |list: &[&str]| list.iter().any(|s| m.contains(s));
    if has(SERVER_UNAVAILABLE) {
        Some(Transient::ServerUnavailable)
    } else if has(READ_ONLY) {
        Some(Transient::ReadOnly)
    } else if has(CONNECTION_LOST) {
        Some(Transient::ConnectionLost)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn db(kind: DatabaseErrorKind, message: &str) -> Error {
        Error::DatabaseError(kind, Box::new(message.to_owned()))
    }

    #[test]
    fn failover_errors_are_transient() {
        use DatabaseErrorKind::*;
        use Transient::*;
        let table: &[(Error, Option<Transient>)] = &[
            // 08006 / libpq after the server went away.
            (
                db(
                    ClosedConnection,
                    "server closed the connection unexpectedly\n\tThis probably means the server terminated abnormally",
                ),
                Some(ConnectionLost),
            ),
            // 25006 on a standby or a demoted primary.
            (
                db(ReadOnlyTransaction, "cannot execute INSERT in a read-only transaction"),
                Some(ReadOnly),
            ),
            (
                db(Unknown, "cannot execute nextval() in a read-only transaction"),
                Some(ReadOnly),
            ),
            (
                db(Unknown, "cannot set transaction read-write mode during recovery"),
                Some(ReadOnly),
            ),
            // 57P01: `pg_autoctl perform failover` stops the old primary (fast shutdown).
            (
                db(Unknown, "terminating connection due to administrator command"),
                Some(ServerUnavailable),
            ),
            // 57P02: another backend crashed, or the postmaster was killed.
            (
                db(
                    Unknown,
                    "terminating connection because of crash of another server process",
                ),
                Some(ServerUnavailable),
            ),
            // What the backends say when their postmaster was SIGKILLed.
            (
                db(Unknown, "terminating connection due to unexpected postmaster exit"),
                Some(ConnectionLost),
            ),
            // 57P03 while the new primary starts or the old one stops.
            (
                db(Unknown, "the database system is starting up"),
                Some(ServerUnavailable),
            ),
            (
                db(Unknown, "the database system is shutting down"),
                Some(ServerUnavailable),
            ),
            (
                db(Unknown, "the database system is in recovery mode"),
                Some(ServerUnavailable),
            ),
            // Other 08xxx from libpq.
            (db(Unknown, "no connection to the server\n"), Some(ConnectionLost)),
            (
                db(Unknown, "could not receive data from server: Connection reset by peer"),
                Some(ConnectionLost),
            ),
            (Error::BrokenTransactionManager, Some(ConnectionLost)),
            (
                Error::RollbackErrorOnCommit {
                    commit_error: Box::new(db(ClosedConnection, "server closed the connection")),
                    rollback_error: Box::new(Error::BrokenTransactionManager),
                },
                Some(ConnectionLost),
            ),
            // Not transient: the request's own fault, or a bug.
            (Error::NotFound, None),
            (Error::RollbackTransaction, None),
            (db(UniqueViolation, "duplicate key value"), None),
            (db(SerializationFailure, "could not serialize access"), None),
            (db(ForeignKeyViolation, "violates foreign key constraint"), None),
            (db(Unknown, "syntax error at or near \"SELEC\""), None),
            (db(Unknown, "relation \"permits\" does not exist"), None),
        ];
        for (err, want) in table {
            assert_eq!(classify(err), *want, "{err:?}");
        }
    }

    #[test]
    fn connection_errors_are_classified_by_their_text() {
        assert_eq!(
            classify_message(
                "connection to server at \"127.0.0.1\", port 5433 failed: Connection refused"
            ),
            Some(Transient::ConnectionLost)
        );
        // libpq refusing a standby for `target_session_attrs=read-write` (no primary yet).
        assert_eq!(
            classify_message(
                "connection to server at \"127.0.0.1\", port 5433 failed: session is read-only"
            ),
            Some(Transient::ReadOnly)
        );
        assert_eq!(
            classify_message("FATAL:  the database system is starting up"),
            Some(Transient::ServerUnavailable)
        );
        assert_eq!(
            classify_message("password authentication failed for user \"app\""),
            None
        );
    }
}
