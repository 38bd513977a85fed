//! Does the database still match its migrations? Checked at every start (and on a backup's
//! snapshot): the schema — tables and their columns, indexes, constraints, views — the
//! append-only triggers (`audit_log_no_update`, `audit_log_no_delete`,
//! `request_history_no_update`, `requests_contact_mobile_fixed`, … whatever the migrations
//! create, enabled on PostgreSQL) and the functions behind them, and the audit trail's guard
//! (one `audit_retention` row whose horizon is not in the future).
//!
//! The expected catalogue is derived from the embedded migrations themselves, never from a
//! hand-written list: they are applied to a scratch database — an in-memory SQLite, or a
//! scratch schema in a PostgreSQL transaction that is rolled back — and that catalogue is
//! compared with the live one. It is computed once per process.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use chrono::NaiveDateTime;
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::sql_types::Text;
use diesel_migrations::MigrationHarness;

use super::migrations::{POSTGRES, SQLITE};
use super::DbConnection;

/// Object (`kind name`) → its definition.
type Catalogue = BTreeMap<String, String>;

#[derive(QueryableByName)]
struct Row {
    #[diesel(sql_type = Text)]
    k: String,
    #[diesel(sql_type = Text)]
    v: String,
}

fn load(conn: &mut DbConnection, sql: &str, schema: Option<&str>) -> Result<Catalogue, String> {
    let rows: Vec<Row> = match schema {
        Some(s) => diesel::sql_query(sql).bind::<Text, _>(s).load(conn),
        None => diesel::sql_query(sql).load(conn),
    }
    .map_err(|e| e.to_string())?;
    Ok(rows.into_iter().map(|r| (r.k, r.v)).collect())
}

const SQLITE_CATALOGUE: &str = "SELECT type || ' ' || name AS k, \
     tbl_name || ': ' || COALESCE(sql, '') AS v FROM sqlite_master \
     WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'";

/// The PostgreSQL catalogue of schema `$1`, with the schema's own name taken out of the
/// definitions (so a scratch schema compares with the live one). Objects that belong to an
/// extension are left out: an operator's or a cluster manager's extension (pg_auto_failover
/// installs `pg_stat_statements`) is no change to the service's schema.
const PG_QUERIES: &[&str] = &[
    // Tables and views: their columns, types, nullability and defaults, in order.
    "SELECT 'table ' || c.relname AS k, string_agg(a.attname || ' ' || \
     format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END \
     || COALESCE(' default ' || pg_get_expr(d.adbin, d.adrelid), ''), ', ' ORDER BY a.attnum) AS v \
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
     JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped \
     LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum \
     WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'm') AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_class'::regclass \
     AND e.objid = c.oid AND e.deptype = 'e') GROUP BY c.relname",
    "SELECT 'index ' || indexname AS k, indexdef AS v FROM pg_indexes WHERE schemaname = $1",
    "SELECT 'constraint ' || c.relname || '.' || con.conname AS k, \
     pg_get_constraintdef(con.oid) AS v FROM pg_constraint con \
     JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace \
     WHERE n.nspname = $1 AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_class'::regclass \
     AND e.objid = c.oid AND e.deptype = 'e')",
    // Triggers, and whether they are enabled (`ALTER TABLE … DISABLE TRIGGER` keeps the
    // trigger but turns the guard off).
    "SELECT 'trigger ' || t.tgname AS k, pg_get_triggerdef(t.oid) || ' (enabled: ' || \
     t.tgenabled::text || ')' AS v FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid \
     JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND NOT t.tgisinternal AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_class'::regclass \
     AND e.objid = c.oid AND e.deptype = 'e')",
    // The functions the triggers run: a replaced body is a guard gone.
    "SELECT 'function ' || p.proname AS k, pg_get_functiondef(p.oid) AS v FROM pg_proc p \
     JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = $1 AND p.prokind = 'f' \
     AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_proc'::regclass \
     AND e.objid = p.oid AND e.deptype = 'e')",
];

fn pg_catalogue(conn: &mut DbConnection, schema: &str) -> Result<Catalogue, String> {
    let mut all = Catalogue::new();
    for q in PG_QUERIES {
        for (k, v) in load(conn, q, Some(schema))? {
            let v = v
                .replace(&format!("\"{schema}\"."), "")
                .replace(&format!("{schema}."), "");
            all.insert(k, v);
        }
    }
    Ok(all)
}

fn expected_sqlite() -> Result<Catalogue, String> {
    let mut conn = DbConnection::Sqlite(
        diesel::SqliteConnection::establish(":memory:").map_err(|e| e.to_string())?,
    );
    if let DbConnection::Sqlite(lite) = &mut conn {
        lite.run_pending_migrations(SQLITE)
            .map_err(|e| e.to_string())?;
    }
    load(&mut conn, SQLITE_CATALOGUE, None)
}

/// Applies the migrations in a scratch schema inside a transaction that is rolled back.
fn expected_postgres(conn: &mut DbConnection) -> Result<Catalogue, String> {
    let scratch = format!("pp_expected_{}", uuid::Uuid::new_v4().simple());
    let mut found: Option<Result<Catalogue, String>> = None;
    let _ = conn.transaction::<(), diesel::result::Error, _>(|c| {
        let mut run = || -> Result<Catalogue, String> {
            c.batch_execute(&format!(
                "CREATE SCHEMA \"{scratch}\"; SET LOCAL search_path TO \"{scratch}\""
            ))
            .map_err(|e| e.to_string())?;
            if let DbConnection::Postgresql(pg) = &mut *c {
                pg.run_pending_migrations(POSTGRES)
                    .map_err(|e| e.to_string())?;
            }
            pg_catalogue(c, &scratch)
        };
        found = Some(run());
        Err(diesel::result::Error::RollbackTransaction)
    });
    found.unwrap_or_else(|| Err("scratch schema: no result".into()))
}

fn expected(conn: &mut DbConnection) -> Result<&'static Catalogue, String> {
    static LITE: OnceLock<Result<Catalogue, String>> = OnceLock::new();
    static PG: OnceLock<Result<Catalogue, String>> = OnceLock::new();
    let cell = match conn {
        DbConnection::Sqlite(_) => &LITE,
        DbConnection::Postgresql(_) => &PG,
    };
    if cell.get().is_none() {
        let computed = match conn {
            DbConnection::Sqlite(_) => expected_sqlite(),
            DbConnection::Postgresql(_) => expected_postgres(conn),
        };
        let _ = cell.set(computed);
    }
    match cell.get() {
        Some(Ok(c)) => Ok(c),
        Some(Err(e)) => Err(format!(
            "applying the migrations to a scratch database: {e}"
        )),
        None => Err("the expected schema is unknown".into()),
    }
}

fn live(conn: &mut DbConnection) -> Result<Catalogue, String> {
    match conn {
        DbConnection::Sqlite(_) => load(conn, SQLITE_CATALOGUE, None),
        DbConnection::Postgresql(_) => {
            #[derive(QueryableByName)]
            struct Schema {
                #[diesel(sql_type = Text)]
                s: String,
            }
            let schema = diesel::sql_query("SELECT current_schema() AS s")
                .get_result::<Schema>(conn)
                .map_err(|e| e.to_string())?
                .s;
            pg_catalogue(conn, &schema)
        }
    }
}

/// What differs between the database and its migrations, one line each (empty: it matches);
/// `at` is now (the audit guard's horizon may not be later).
pub fn differences(conn: &mut DbConnection, at: NaiveDateTime) -> Result<Vec<String>, String> {
    let expected = expected(conn)?;
    let live = live(conn)?;
    let mut out = Vec::new();
    for (k, v) in expected {
        match live.get(k) {
            None => out.push(format!("{k} is missing")),
            Some(l) if l != v => out.push(format!("{k} differs from its migration")),
            Some(_) => {}
        }
    }
    for k in live.keys().filter(|k| !expected.contains_key(*k)) {
        out.push(format!("{k} is not created by any migration"));
    }
    if live.contains_key("table audit_retention") {
        out.extend(audit_guard(conn, at)?);
    }
    Ok(out)
}

/// The audit trail's guard: the append-only trigger lets a row go only when it is older than
/// `audit_retention.purge_before`; with the row gone (SQLite then allows every deletion) or
/// its horizon moved into the future, the trail could be emptied.
fn audit_guard(conn: &mut DbConnection, at: NaiveDateTime) -> Result<Vec<String>, String> {
    use super::schema::audit_retention as r;
    let rows: Vec<(i32, NaiveDateTime)> = r::table
        .select((r::id, r::purge_before))
        .load(conn)
        .map_err(|e| e.to_string())?;
    Ok(match rows.as_slice() {
        [(1, horizon)] if *horizon <= at => Vec::new(),
        [(1, horizon)] => vec![format!(
            "the audit trail's retention horizon (audit_retention.purge_before = {horizon}) is \
             in the future: entries not yet due could be deleted"
        )],
        _ => vec![format!(
            "audit_retention must hold exactly its one row (id 1), it holds {}: without it \
             the audit trail's entries could be deleted",
            rows.len()
        )],
    })
}
