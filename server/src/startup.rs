//! Start-up: the database opened, migrated and seeded, the session table made, and every table
//! checked, before the server takes a request. Above `db`, `seed` and `session`, which it ties
//! together.

use crate::db::{verify_schema, Database, Pools, SessionPool};
use sqlx::any::AnyPoolOptions;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions};
use sqlx::ConnectOptions;
use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

/// Whether a pooled connection may be handed out again: not while sqlx still counts it inside a
/// transaction. A write that fails for a full disk makes SQLite end the transaction itself; sqlx's
/// rollback then fails and its count stays at one, and every later `BEGIN` on that connection
/// failed ("begin_with at non-zero transaction depth") until a restart. Such a connection is
/// closed instead. A rollback still queued is let finish first (a ping runs after it).
async fn not_left_in_a_transaction(connection: &mut sqlx::AnyConnection) -> Result<bool, sqlx::Error> {
    use sqlx::Connection as _;
    if connection.is_in_transaction() {
        connection.ping().await?;
    }
    Ok(!connection.is_in_transaction())
}

/// How long a request waits for a connection before it is answered 503: when the database is
/// away, soon (a load balancer and the person may try again), not after sqlx's thirty seconds.
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(3);

/// Why the server could not start, each naming the setting that fixes it.
#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error("cannot create the data folder {path}: {source} (set TILSLUT_DATABASE to a writable path)")]
    DataFolder { path: String, source: std::io::Error },
    #[error("cannot open the database {path}: {source} (a damaged file: move it away; a server: check that it runs and takes the URL's user and password; or set TILSLUT_DATABASE)")]
    Database { path: String, source: sqlx::Error },
    #[error("cannot migrate the database {path}: {source} (if the file is damaged, move it away; or set TILSLUT_DATABASE)")]
    Migration { path: String, source: sqlx::migrate::MigrateError },
    #[error("the database {path} is damaged: {source} (restore it from a backup, or set TILSLUT_DATABASE)")]
    Damaged { path: String, source: sqlx::Error },
}

/// Opens (creating a SQLite file if need be), migrates and seeds the database. Instances that
/// start together on one PostgreSQL migrate one after the other (sqlx holds a lock meanwhile).
pub async fn open_database(database: &Database) -> Result<Pools, StartupError> {
    sqlx::any::install_default_drivers();
    let shown = database.shown();
    let failed = |source| StartupError::Database { path: shown.clone(), source };
    let (pool, sessions) = match database {
        Database::Sqlite(path) => {
            let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
            std::fs::create_dir_all(folder).map_err(|source| StartupError::DataFolder { path: folder.display().to_string(), source })?;
            let options = SqliteConnectOptions::new()
                .filename(path)
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(5));
            let sessions = SqlitePoolOptions::new()
                .max_connections(4)
                .acquire_timeout(ACQUIRE_TIMEOUT)
                .connect_with(options.clone())
                .await
                .map_err(failed)?;
            let pool = AnyPoolOptions::new()
                .max_connections(8)
                .acquire_timeout(ACQUIRE_TIMEOUT)
                .before_acquire(|connection, _| Box::pin(not_left_in_a_transaction(connection)))
                .connect(options.to_url_lossy().as_str())
                .await
                .map_err(failed)?;
            sqlx::migrate!("./migrations/sqlite")
                .run(&pool)
                .await
                .map_err(|source| StartupError::Migration { path: shown.clone(), source })?;
            (pool, SessionPool::Sqlite(sessions))
        }
        Database::Postgres(url) => {
            let options = PgConnectOptions::from_str(url).map_err(failed)?;
            let sessions =
                PgPoolOptions::new().max_connections(4).acquire_timeout(ACQUIRE_TIMEOUT).connect_with(options).await.map_err(failed)?;
            let pool = AnyPoolOptions::new().max_connections(16).acquire_timeout(ACQUIRE_TIMEOUT).connect(url).await.map_err(failed)?;
            sqlx::migrate!("./migrations/postgres")
                .run(&pool)
                .await
                .map_err(|source| StartupError::Migration { path: shown.clone(), source })?;
            (pool, SessionPool::Postgres(sessions))
        }
    };
    crate::seed::seed_if_empty(&pool).await.map_err(failed)?;
    crate::session::create_store(&sessions).await.map_err(failed)?;
    verify_schema(&pool).await.map_err(|source| StartupError::Damaged { path: shown, source })?;
    Ok(Pools { pool, sessions })
}
