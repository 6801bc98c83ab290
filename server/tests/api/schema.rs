//! The two engines' migrations are written twice, once per SQL dialect: these tests keep them the
//! same schema. Each engine's tables and columns are exactly those `db::SCHEMA` names, and on a run
//! with PostgreSQL (`make test`) every column has the same kind of type on both.

use crate::common;

use std::collections::{BTreeMap, BTreeSet};
use tilslut_server::{open_database, Database};

/// Table → column → kind of type (`text`, `integer` or `bytes`), as an engine's catalogue says.
type Columns = BTreeMap<String, BTreeMap<String, String>>;

async fn columns_of(database: &Database) -> Columns {
    let pool = open_database(database).await.unwrap().pool;
    let query = match database {
        Database::Sqlite(_) => {
            "SELECT m.name, p.name, lower(p.type) FROM sqlite_master m, pragma_table_info(m.name) p \
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> '_sqlx_migrations'"
        }
        Database::Postgres(_) => {
            "SELECT table_name::text, column_name::text, data_type::text FROM information_schema.columns \
             WHERE table_schema = 'public' AND table_name <> '_sqlx_migrations'"
        }
    };
    let rows: Vec<(String, String, String)> = sqlx::query_as(query).fetch_all(&pool).await.unwrap();
    let mut tables = Columns::new();
    for (table, column, declared) in rows {
        let kind = match declared.as_str() {
            "text" => "text",
            "integer" | "bigint" => "integer",
            "blob" | "bytea" => "bytes",
            other => other,
        };
        tables.entry(table).or_default().insert(column, kind.to_string());
    }
    tables
}

/// `table.column` of every column, in order.
fn qualified(columns: &Columns) -> BTreeSet<String> {
    columns.iter().flat_map(|(table, columns)| columns.keys().map(move |column| format!("{table}.{column}"))).collect()
}

fn named_by_server() -> BTreeSet<String> {
    tilslut_server::db::SCHEMA
        .iter()
        .flat_map(|(table, columns)| columns.split(", ").map(move |column| format!("{table}.{column}")))
        .collect()
}

#[tokio::test]
async fn the_migrations_make_exactly_the_tables_and_columns_the_server_names() {
    let dir = crate::common::temp::tempdir();
    let database = common::test_database(dir.path()).await;
    let made = qualified(&columns_of(&database).await);
    let named = named_by_server();
    let unnamed: Vec<_> = made.difference(&named).collect();
    let missing: Vec<_> = named.difference(&made).collect();
    assert!(unnamed.is_empty() && missing.is_empty(), "{database:?}: not in db::SCHEMA {unnamed:?}, not made {missing:?}");
}

#[tokio::test]
async fn both_engines_give_each_column_the_same_kind_of_type() {
    if common::postgres_server().is_none() {
        eprintln!("on SQLite only: make test compares the engines where it has PostgreSQL");
        return;
    }
    let dir = crate::common::temp::tempdir();
    let mut sqlite = columns_of(&Database::Sqlite(dir.path().join("tilslut.db"))).await;
    let mut postgres = columns_of(&common::test_database(dir.path()).await).await;
    // The session library makes its own table, with a time type per engine.
    for tables in [&mut sqlite, &mut postgres] {
        tables.remove(tilslut_server::db::SESSION_TABLE);
    }
    let differing: Vec<String> = qualified(&sqlite)
        .union(&qualified(&postgres))
        .filter_map(|name| {
            let (table, column) = name.split_once('.').unwrap();
            let kind = |tables: &Columns| tables.get(table).and_then(|columns| columns.get(column)).cloned();
            let (in_sqlite, in_postgres) = (kind(&sqlite), kind(&postgres));
            (in_sqlite != in_postgres).then(|| format!("{name}: SQLite {in_sqlite:?}, PostgreSQL {in_postgres:?}"))
        })
        .collect();
    assert!(differing.is_empty(), "{differing:#?}");
}

/// A SQLite database from before the register was CVR's data (migrations 1–7, with a company row
/// its case pointed to) keeps its cases, their history and their foreign keys through 0008.
#[tokio::test]
async fn an_existing_sqlite_database_keeps_its_cases_when_the_register_tables_go() {
    use sqlx::migrate::Migrator;
    let dir = crate::common::temp::tempdir();
    let older = dir.path().join("migrations");
    std::fs::create_dir_all(&older).unwrap();
    let migrations = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations/sqlite");
    for entry in std::fs::read_dir(&migrations).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if name.as_str() < "0008" {
            std::fs::copy(&path, older.join(&name)).unwrap();
        }
    }
    let file = dir.path().join("old.db");
    let url = format!("sqlite://{}?mode=rwc", file.display());
    sqlx::any::install_default_drivers();
    let pool = sqlx::AnyPool::connect(&url).await.unwrap();
    sqlx::query("PRAGMA foreign_keys = ON").execute(&pool).await.unwrap();
    Migrator::new(older.as_path()).await.unwrap().run(&pool).await.unwrap();
    for statement in [
        "INSERT INTO persons (id, name, email, description, position) VALUES ('lars', 'Lars Nielsen', 'lars@example.dk', '', 1)",
        "INSERT INTO companies (cvr, name, form_code, signing_rule, connected) VALUES ('31000033', 'Nielsen Holding ApS', 80, '', 0)",
        "INSERT INTO cases (id, cvr, status, role, started_by, created_at, updated_at) \
         VALUES ('c-1', '31000033', 'draft', 'representative', 'lars', '2026-01-01T00:00:00+00:00', '2026-01-01T00:00:00+00:00')",
        "INSERT INTO case_events (case_id, at, by_person, event) VALUES ('c-1', '2026-01-01T00:00:00+00:00', 'lars', 'created')",
    ] {
        sqlx::query(statement).execute(&pool).await.unwrap();
    }
    pool.close().await;
    let pools = open_database(&Database::Sqlite(file)).await.unwrap();
    let kept: (String, i64) =
        sqlx::query_as("SELECT c.cvr, (SELECT COUNT(*) FROM case_events e WHERE e.case_id = c.id) FROM cases c WHERE c.id = 'c-1'")
            .fetch_one(&pools.pool)
            .await
            .unwrap();
    assert_eq!(kept, ("31000033".to_string(), 1));
    let orphan =
        sqlx::query("INSERT INTO case_events (case_id, at, event) VALUES ('no-such-case', '2026-01-01', 'x')").execute(&pools.pool).await;
    assert!(orphan.is_err(), "the history still refers to its case");
    let tables: Vec<String> = sqlx::query_scalar("SELECT name FROM sqlite_master WHERE name IN ('companies', 'participants')")
        .fetch_all(&pools.pool)
        .await
        .unwrap();
    assert!(tables.is_empty(), "{tables:?}");
}
