//! The database: SQLite, embedded, migrated on start. The one place that names the engine, so a
//! second one (PostgreSQL) is another set of these definitions, not a rewrite: the stores' SQL
//! is written for both (numbered `$1` parameters, standard aggregates, no `json_each`), but for
//! two `ORDER BY rowid` that keep insertion order (demo persons, terms with the same day).

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions};
use std::path::Path;
use std::time::Duration;

pub type Pool = sqlx::SqlitePool;
pub type Conn = sqlx::SqliteConnection;
pub type Tx = sqlx::Transaction<'static, sqlx::Sqlite>;

/// A transaction that writes. It takes SQLite's write lock when it begins (`BEGIN IMMEDIATE`), so
/// writers queue (busy timeout) instead of failing when one upgrades from reading to writing; the
/// case's version check, not a lock in this process, is what keeps two changes from crossing.
pub async fn begin_write(pool: &Pool) -> Result<Tx, sqlx::Error> {
    pool.begin_with("BEGIN IMMEDIATE").await
}

/// Why the server could not start, each naming the setting that fixes it.
#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error("cannot create the data folder {path}: {source} (set TILSLUT_DATABASE to a writable path)")]
    DataFolder { path: String, source: std::io::Error },
    #[error("cannot open the database {path}: {source} (if the file is damaged, move it away; or set TILSLUT_DATABASE)")]
    Database { path: String, source: sqlx::Error },
    #[error("cannot migrate the database {path}: {source} (if the file is damaged, move it away; or set TILSLUT_DATABASE)")]
    Migration { path: String, source: sqlx::migrate::MigrateError },
    #[error("the database {path} is damaged: {source} (restore it from a backup, or set TILSLUT_DATABASE)")]
    Damaged { path: String, source: sqlx::Error },
}

/// Every table with the columns this version reads and writes. A database that lacks one is
/// damaged: it must not pass as healthy and fail at the last step of somebody's journey.
const SCHEMA: &[(&str, &str)] = &[
    ("persons", "id, name, email, description"),
    ("companies", "cvr, name, form_code, status, signing_rule, connected"),
    ("participants", "cvr, person_id, relation, signs_alone"),
    ("person_preferences", "person_id, last_context"),
    ("terms", "version, title, body, effective_from"),
    (
        "cases",
        "id, cvr, version, status, role, started_by, approver, terms_version, terms_accepted_by, terms_accepted_at, administrators, \
         approved_by, approved_at, approval_context, signing_text, reference, signature_method, signature_authenticated_at, \
         signing_text_sha256, signing_subject, rejection_reason, decision_due, created_at, updated_at",
    ),
    ("case_events", "id, case_id, at, by_person, event, detail"),
    ("outbox", "id, to_address, recipient_key, subject, body, kind, case_id, created_at, sent_at, attempts, next_attempt_at, parked_at"),
    ("audit_log", "id, at, person_id, event, detail"),
    ("documents", "id, case_id, kind, file_name, content_type, size, uploaded_at"),
    ("tower_sessions", "id, data, expiry_date"),
    ("session_ends", "person_id, ended_at"),
    ("setup_links", "token_hash, case_id, administrator, expires_at, confirmed_at"),
    ("caseworkers", "person_id"),
    ("login_attempts", "browser_key, state, nonce, pkce_verifier, return_to, created_at, signing"),
];

/// Checks that the database answers and holds every table and column of [`SCHEMA`].
pub async fn verify_schema(pool: &Pool) -> Result<(), sqlx::Error> {
    for (table, columns) in SCHEMA {
        sqlx::query(&format!("SELECT {columns} FROM {table} LIMIT 0")).execute(pool).await?;
    }
    Ok(())
}

/// Opens (creating if need be), migrates and seeds the database at `path`, with the uploads
/// folder beside it.
pub async fn open_database(path: &Path) -> Result<Pool, StartupError> {
    let shown = path.display().to_string();
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(folder.join("uploads"))
        .map_err(|source| StartupError::DataFolder { path: folder.display().to_string(), source })?;
    let options = SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(5));
    let pool = SqlitePoolOptions::new()
        .max_connections(8)
        .connect_with(options)
        .await
        .map_err(|source| StartupError::Database { path: shown.clone(), source })?;
    sqlx::migrate!("./migrations").run(&pool).await.map_err(|source| StartupError::Migration { path: shown.clone(), source })?;
    crate::seed::seed_if_empty(&pool).await.map_err(|source| StartupError::Database { path: shown.clone(), source })?;
    crate::session::create_store(pool.clone()).await.map_err(|source| StartupError::Database { path: shown.clone(), source })?;
    verify_schema(&pool).await.map_err(|source| StartupError::Damaged { path: shown, source })?;
    Ok(pool)
}
