//! Embedded migrations: `migrations/postgres` and `migrations/sqlite`, the right set for the
//! connection's backend. Both sets carry the same versions so the schemas stay equivalent.

use diesel::connection::SimpleConnection;
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

use super::DbConnection;

pub const POSTGRES: EmbeddedMigrations = embed_migrations!("migrations/postgres");
pub const SQLITE: EmbeddedMigrations = embed_migrations!("migrations/sqlite");

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// A fixed key for the PostgreSQL advisory lock that serialises migrations between replicas.
const MIGRATION_LOCK_KEY: i64 = 0x706c_6174_6570_6d67;

/// Applies pending migrations; returns the versions applied. On PostgreSQL an advisory lock
/// makes replicas that start together take turns.
pub fn run_pending(conn: &mut DbConnection) -> Result<Vec<String>, BoxError> {
    match conn {
        DbConnection::Postgresql(pg) => {
            pg.batch_execute(&format!("SELECT pg_advisory_lock({MIGRATION_LOCK_KEY})"))?;
            let result = pg
                .run_pending_migrations(POSTGRES)
                .map(|v| v.iter().map(ToString::to_string).collect());
            pg.batch_execute(&format!("SELECT pg_advisory_unlock({MIGRATION_LOCK_KEY})"))?;
            result
        }
        DbConnection::Sqlite(lite) => lite
            .run_pending_migrations(SQLITE)
            .map(|v| v.iter().map(ToString::to_string).collect()),
    }
}

/// Whether migrations are still pending (readiness reports not-ready then).
pub fn has_pending(conn: &mut DbConnection) -> Result<bool, BoxError> {
    match conn {
        DbConnection::Postgresql(pg) => pg.has_pending_migration(POSTGRES),
        DbConnection::Sqlite(lite) => lite.has_pending_migration(SQLITE),
    }
}

/// Reverts every applied migration (used by the test that proves each `down.sql` works).
pub fn revert_all(conn: &mut DbConnection) -> Result<usize, BoxError> {
    match conn {
        DbConnection::Postgresql(pg) => pg.revert_all_migrations(POSTGRES).map(|v| v.len()),
        DbConnection::Sqlite(lite) => lite.revert_all_migrations(SQLITE).map(|v| v.len()),
    }
}
