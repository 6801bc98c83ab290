//! The database: an embedded SQLite file (the default, for `make run` and one instance) or
//! PostgreSQL (a service's instances share it), chosen by `TILSLUT_DATABASE`. Opening and
//! migrating it is `crate::startup`'s.
//!
//! The stores reach both through sqlx's `Any` driver, so there is one set of SQL: numbered `$1`
//! parameters, standard SQL, times as RFC 3339 text ([`Timestamp`]), days as `YYYY-MM-DD`
//! ([`Day`]), flags as 0 or 1, JSON as text. What differs between the engines is here: how a
//! writing transaction begins and the words that lock rows.

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use sqlx::any::{Any, AnyTypeInfo, AnyValueRef};
use sqlx::encode::IsNull;
use sqlx::error::BoxDynError;
use sqlx::postgres::PgPool;
use sqlx::sqlite::SqlitePool;
use sqlx::{Decode, Encode, Type};
use std::path::PathBuf;

pub type Pool = sqlx::AnyPool;
pub type Conn = sqlx::AnyConnection;
pub type Tx = sqlx::Transaction<'static, Any>;

/// Where the data lives: `TILSLUT_DATABASE` as a `postgres://` URL, or else a SQLite file's path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Database {
    Sqlite(PathBuf),
    Postgres(String),
}

impl Database {
    pub fn from_setting(setting: &str) -> Database {
        if setting.starts_with("postgres://") || setting.starts_with("postgresql://") {
            Database::Postgres(setting.to_string())
        } else {
            Database::Sqlite(setting.into())
        }
    }

    /// How the database is named in a message: the path, or the URL without its password.
    pub fn shown(&self) -> String {
        match self {
            Database::Sqlite(path) => path.display().to_string(),
            Database::Postgres(url) => match url.split_once("://").and_then(|(scheme, rest)| Some((scheme, rest.split_once('@')?))) {
                Some((scheme, (user, host))) => format!("{scheme}://{}@{host}", user.split(':').next().unwrap_or_default()),
                None => url.clone(),
            },
        }
    }
}

/// The engine behind a pool or connection, for the few statements that differ.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

impl Engine {
    pub fn of(conn: &Conn) -> Engine {
        if conn.backend_name() == "PostgreSQL" {
            Engine::Postgres
        } else {
            Engine::Sqlite
        }
    }

    pub fn of_pool(pool: &Pool) -> Engine {
        if pool.connect_options().database_url.scheme().starts_with("postgres") {
            Engine::Postgres
        } else {
            Engine::Sqlite
        }
    }

    /// What a `SELECT` ends with to lock the rows it reads until the transaction ends, passing
    /// over rows another transaction holds. SQLite needs none: a writing statement or transaction
    /// holds the whole file ([`begin_write`]).
    pub fn skip_locked(self) -> &'static str {
        match self {
            Engine::Sqlite => "",
            Engine::Postgres => " FOR UPDATE SKIP LOCKED",
        }
    }
}

/// A transaction that writes. On SQLite it takes the file's write lock when it begins
/// (`BEGIN IMMEDIATE`), so writers queue instead of failing when one upgrades from reading. On
/// PostgreSQL it is an ordinary transaction: what keeps two changes from crossing, on one
/// instance or many, is the case's row lock and version check and the unique indexes.
pub async fn begin_write(pool: &Pool) -> Result<Tx, sqlx::Error> {
    match Engine::of_pool(pool) {
        Engine::Sqlite => pool.begin_with("BEGIN IMMEDIATE").await,
        Engine::Postgres => pool.begin().await,
    }
}

/// A moment, stored as RFC 3339 text in UTC, as sqlx writes it to SQLite (so their text order is
/// their time order, on both engines).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Timestamp(pub DateTime<Utc>);

impl Type<Any> for Timestamp {
    fn type_info() -> AnyTypeInfo {
        <String as Type<Any>>::type_info()
    }
}

impl Timestamp {
    /// `2026-12-04T10:11:56.123+00:00`: the fraction only as long as needed, which keeps the text
    /// order the time order (`+` sorts before `.` and the digits).
    fn text(self) -> String {
        self.0.to_rfc3339_opts(SecondsFormat::AutoSi, false)
    }
}

impl<'q> Encode<'q, Any> for Timestamp {
    fn encode_by_ref(&self, buf: &mut <Any as sqlx::Database>::ArgumentBuffer<'q>) -> Result<IsNull, BoxDynError> {
        <String as Encode<Any>>::encode(self.text(), buf)
    }
}

impl<'r> Decode<'r, Any> for Timestamp {
    fn decode(value: AnyValueRef<'r>) -> Result<Self, BoxDynError> {
        let text = <&str as Decode<Any>>::decode(value)?;
        Ok(Timestamp(DateTime::parse_from_rfc3339(text)?.with_timezone(&Utc)))
    }
}

/// A day, stored as `YYYY-MM-DD`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Day(pub NaiveDate);

impl Type<Any> for Day {
    fn type_info() -> AnyTypeInfo {
        <String as Type<Any>>::type_info()
    }
}

impl<'q> Encode<'q, Any> for Day {
    fn encode_by_ref(&self, buf: &mut <Any as sqlx::Database>::ArgumentBuffer<'q>) -> Result<IsNull, BoxDynError> {
        <String as Encode<Any>>::encode(self.0.format("%F").to_string(), buf)
    }
}

impl<'r> Decode<'r, Any> for Day {
    fn decode(value: AnyValueRef<'r>) -> Result<Self, BoxDynError> {
        Ok(Day(NaiveDate::parse_from_str(<&str as Decode<Any>>::decode(value)?, "%F")?))
    }
}

/// The table the sessions are kept in, on either engine (named here, where every table is).
pub const SESSION_TABLE: &str = "tower_sessions";

/// Every table with all its columns (`tests/schema.rs` holds both engines' migrations to exactly
/// these). A database that lacks one is damaged: it must not pass as healthy and fail at the last step of somebody's journey.
pub const SCHEMA: &[(&str, &str)] = &[
    ("persons", "id, name, email, description, position, email_confirmed_at"),
    ("email_codes", "person_id, email, code_hash, expires_at, attempts"),
    ("person_preferences", "person_id, last_context"),
    ("terms", "version, title, body, effective_from, position"),
    (
        "cases",
        "id, cvr, version, status, role, started_by, approver, terms_version, terms_accepted_by, terms_accepted_at, administrators, \
         approved_by, approved_at, approval_context, signing_text, reference, signature_method, signature_authenticated_at, \
         signing_text_sha256, signing_subject, rejection_reason, decision_due, created_at, updated_at, stated_role, signing_reference_text",
    ),
    ("case_events", "id, case_id, at, by_person, event, detail"),
    ("outbox", "id, to_address, recipient_key, subject, body, kind, case_id, created_at, sent_at, attempts, next_attempt_at, parked_at"),
    ("audit_log", "id, at, person_id, event, detail"),
    ("documents", "id, case_id, kind, file_name, content_type, size, uploaded_at"),
    ("document_contents", "document_id, bytes"),
    (SESSION_TABLE, "id, data, expiry_date"),
    ("session_ends", "person_id, ended_at, logouts"),
    ("setup_links", "token_hash, case_id, administrator, expires_at, confirmed_at"),
    ("caseworkers", "person_id"),
    ("login_attempts", "browser_key, state, nonce, pkce_verifier, return_to, created_at, signing"),
];

/// Checks that the database answers and holds every table and column of [`SCHEMA`], in one
/// statement (one round trip: the health check asks this of PostgreSQL over the network).
pub async fn verify_schema(pool: &Pool) -> Result<(), sqlx::Error> {
    let tables: Vec<String> =
        SCHEMA.iter().enumerate().map(|(n, (table, columns))| format!("(SELECT {columns} FROM {table} LIMIT 0) AS t{n}")).collect();
    sqlx::query(&format!("SELECT 1 FROM {}", tables.join(", "))).execute(pool).await?;
    Ok(())
}

/// The open database: the pool the stores use, and the engine's own pool, which the session
/// store needs (its library speaks to each engine directly).
#[derive(Clone, Debug)]
pub struct Pools {
    pub pool: Pool,
    pub sessions: SessionPool,
}

#[derive(Clone, Debug)]
pub enum SessionPool {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn timestamps_sort_as_text_in_time_order() {
        let second = Utc.with_ymd_and_hms(2026, 12, 4, 10, 11, 56).unwrap();
        let times: Vec<DateTime<Utc>> = [0, 1_000, 500_000_000, 500_001_000, 999_999_999, 1_000_000_000]
            .into_iter()
            .map(|nanos| second + chrono::TimeDelta::nanoseconds(nanos))
            .collect();
        let mut texts: Vec<String> = times.iter().rev().map(|at| Timestamp(*at).text()).collect();
        texts.sort();
        let parsed: Vec<DateTime<Utc>> = texts.iter().map(|text| DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&Utc)).collect();
        assert_eq!(parsed, times);
    }

    #[test]
    fn a_postgres_url_selects_postgresql_and_is_shown_without_its_password() {
        let database = Database::from_setting("postgres://tilslut:hemmeligt@db.example:5432/tilslut");
        assert_eq!(database.shown(), "postgres://tilslut@db.example:5432/tilslut");
        assert_eq!(Database::from_setting("data/tilslut.db"), Database::Sqlite("data/tilslut.db".into()));
    }
}
