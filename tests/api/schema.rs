//! The two migration sets describe the same schema, and every `down.sql` works.

use std::collections::BTreeSet;

use diesel::{QueryableByName, RunQueryDsl};
use plate_permits::db::{migrations, DbConnection, DbManager};

use crate::helpers::*;

#[derive(QueryableByName, Debug)]
struct Col {
    #[diesel(sql_type = diesel::sql_types::Text)]
    table_name: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    column_name: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    nullable: String,
}

type Shape = BTreeSet<(String, String, String)>;

fn shape(conn: &mut DbConnection) -> Shape {
    let sql = match conn {
        DbConnection::Postgresql(_) => {
            "SELECT table_name::text AS table_name, column_name::text AS column_name, \
             CASE WHEN is_nullable = 'YES' THEN 'null' ELSE 'not null' END AS nullable \
             FROM information_schema.columns WHERE table_schema = current_schema()"
        }
        DbConnection::Sqlite(_) => {
            "SELECT m.name AS table_name, p.name AS column_name, \
             CASE WHEN p.\"notnull\" = 1 OR p.pk > 0 THEN 'not null' ELSE 'null' END AS nullable \
             FROM sqlite_master m JOIN pragma_table_info(m.name) p \
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'"
        }
    };
    diesel::sql_query(sql)
        .load::<Col>(conn)
        .expect("introspect")
        .into_iter()
        .filter(|c| c.table_name != "__diesel_schema_migrations")
        .map(|c| (c.table_name, c.column_name, c.nullable))
        .collect()
}

/// A missing PostgreSQL fails the test when the run asked for PostgreSQL (`TEST_DATABASE_URL`)
/// or for every test (`REQUIRE_POSTGRES=1`, which `.ci/run` sets); otherwise the test is skipped
/// and says so.
fn postgres_required() -> bool {
    test_database_url().is_some()
        || std::env::var("REQUIRE_POSTGRES").is_ok_and(|v| !v.is_empty() && v != "0")
}

/// Reports a skipped test on the terminal: `eprintln!` would be captured and hidden for a
/// passing test, a direct write to stderr is not.
fn skipped(why: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "SKIPPED {why}");
}

fn pg_base() -> String {
    test_database_url().unwrap_or_else(|| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

#[test]
fn sqlite_and_postgres_schemas_are_equivalent_and_reversible() {
    let dir = tempfile::tempdir().unwrap();
    let lite_url = dir.path().join("s.db").to_string_lossy().into_owned();
    let mut lite = DbManager::connect_url(&lite_url);
    migrations::run_pending(&mut lite).unwrap();
    let lite_shape = shape(&mut lite);
    assert!(!lite_shape.is_empty());

    let base = pg_base();
    let Ok(mut admin) = plate_permits::db::establish_postgres(&base) else {
        if postgres_required() {
            panic!("PostgreSQL is required for this test (TEST_DATABASE_URL or REQUIRE_POSTGRES is set) and {base} cannot be reached");
        }
        skipped(&format!(
            "sqlite_and_postgres_schemas_are_equivalent_and_reversible: no PostgreSQL at {base} \
             (start one, or set TEST_DATABASE_URL; REQUIRE_POSTGRES=1 makes this a failure)"
        ));
        return;
    };
    let name = format!("pp_schema_{}", uuid::Uuid::new_v4().simple());
    diesel::sql_query(format!("CREATE DATABASE \"{name}\""))
        .execute(&mut admin)
        .unwrap();
    let pg_url = pg_url_with_db(&base, &name);
    let result = std::panic::catch_unwind(|| {
        let mut pg = DbManager::connect_url(&pg_url);
        migrations::run_pending(&mut pg).unwrap();
        let pg_shape = shape(&mut pg);
        let only_pg: Vec<_> = pg_shape.difference(&lite_shape).collect();
        let only_lite: Vec<_> = lite_shape.difference(&pg_shape).collect();
        assert!(
            only_pg.is_empty() && only_lite.is_empty(),
            "schemas differ\nonly in PostgreSQL: {only_pg:?}\nonly in SQLite: {only_lite:?}"
        );
        // Every down.sql works: revert all, nothing left, then migrate up again.
        for conn in [&mut pg, &mut lite_conn(&lite_url)] {
            let reverted = migrations::revert_all(conn).unwrap();
            assert!(reverted > 0);
            assert!(shape(conn).is_empty(), "tables left after reverting");
            migrations::run_pending(conn).unwrap();
            assert!(!migrations::has_pending(conn).unwrap());
        }
    });
    let _ = diesel::sql_query(format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
        .execute(&mut admin);
    if let Err(e) = result {
        std::panic::resume_unwind(e);
    }
}

fn lite_conn(url: &str) -> DbConnection {
    DbManager::connect_url(url)
}
