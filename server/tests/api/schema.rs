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
    let dir = tempfile::tempdir().unwrap();
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
    let dir = tempfile::tempdir().unwrap();
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
