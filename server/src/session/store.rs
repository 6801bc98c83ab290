//! The session's SQL: when a person last logged out, the context each chose last, logins on their
//! way through the identity provider, and the codes that confirm a person's own e-mail address.

use crate::db::{Conn, Pool, Timestamp};
use chrono::{DateTime, Utc};
use tilslut_api::ContextKey;

/// The person's name, and their logouts (sessions begun before the last of them have ended).
pub async fn person_and_logouts(pool: &Pool, person_id: &str) -> Result<Option<(String, i64, Option<i64>)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT p.name, COALESCE(e.logouts, 0), e.ended_at FROM persons p LEFT JOIN session_ends e ON e.person_id = p.id WHERE p.id = $1",
    )
    .bind(person_id)
    .fetch_optional(pool)
    .await
}

/// How many times the person has logged out.
pub async fn logouts(pool: &Pool, person_id: &str) -> Result<i64, sqlx::Error> {
    let count: Option<i64> =
        sqlx::query_scalar("SELECT logouts FROM session_ends WHERE person_id = $1").bind(person_id).fetch_optional(pool).await?;
    Ok(count.unwrap_or(0))
}

/// Ends every session of the person begun so far; `at` is kept as the time of the last logout.
pub async fn end_sessions(pool: &Pool, person_id: &str, at: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO session_ends (person_id, ended_at, logouts) VALUES ($1, $2, 1) \
         ON CONFLICT (person_id) DO UPDATE SET ended_at = excluded.ended_at, logouts = session_ends.logouts + 1",
    )
    .bind(person_id)
    .bind(at)
    .execute(pool)
    .await?;
    Ok(())
}

pub async fn last_context(pool: &Pool, person_id: &str) -> Result<Option<ContextKey>, sqlx::Error> {
    let stored: Option<Option<String>> =
        sqlx::query_scalar("SELECT last_context FROM person_preferences WHERE person_id = $1").bind(person_id).fetch_optional(pool).await?;
    Ok(stored.flatten().and_then(|value| ContextKey::from_header_value(&value)))
}

pub async fn remember_context(pool: &Pool, person_id: &str, context: ContextKey) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO person_preferences (person_id, last_context) VALUES ($1, $2) \
         ON CONFLICT (person_id) DO UPDATE SET last_context = excluded.last_context",
    )
    .bind(person_id)
    .bind(context.header_value())
    .execute(pool)
    .await?;
    Ok(())
}

/// A login on its way to the identity provider (see `session::oidc`).
#[derive(sqlx::FromRow)]
pub struct LoginAttempt {
    pub state: String,
    pub nonce: String,
    pub pkce_verifier: String,
    pub return_to: String,
    pub created_at: Timestamp,
    /// Set when the login is a signature: what is signed, by whom (JSON of `PendingSigning`).
    pub signing: Option<String>,
}

/// Keeps `attempt` under `browser_key`, and forgets attempts begun before `stale`.
pub async fn save_login_attempt(
    pool: &Pool,
    browser_key: &str,
    attempt: &LoginAttempt,
    stale: chrono::DateTime<chrono::Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM login_attempts WHERE created_at < $1").bind(Timestamp(stale)).execute(pool).await?;
    sqlx::query(
        "INSERT INTO login_attempts (browser_key, state, nonce, pkce_verifier, return_to, created_at, signing) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(browser_key)
    .bind(&attempt.state)
    .bind(&attempt.nonce)
    .bind(&attempt.pkce_verifier)
    .bind(&attempt.return_to)
    .bind(attempt.created_at)
    .bind(&attempt.signing)
        .execute(pool)
        .await?;
    Ok(())
}

/// The attempt under `browser_key`, removed as it is read: a callback is answered once.
pub async fn take_login_attempt(pool: &Pool, browser_key: &str) -> Result<Option<LoginAttempt>, sqlx::Error> {
    sqlx::query_as(
        "DELETE FROM login_attempts WHERE browser_key = $1 RETURNING state, nonce, pkce_verifier, return_to, created_at, signing",
    )
    .bind(browser_key)
    .fetch_optional(pool)
    .await
}

/// A code waiting for its person, as stored (only its hash).
#[derive(sqlx::FromRow)]
pub struct WaitingCode {
    pub email: String,
    pub code_hash: String,
    pub expires_at: Timestamp,
    pub attempts: i64,
}

pub async fn waiting_code(conn: &mut Conn, person_id: &str) -> Result<Option<WaitingCode>, sqlx::Error> {
    sqlx::query_as("SELECT email, code_hash, expires_at, attempts FROM email_codes WHERE person_id = $1")
        .bind(person_id)
        .fetch_optional(conn)
        .await
}

/// The person's one waiting code, in place of any before it.
pub async fn put_code(
    conn: &mut Conn,
    person_id: &str,
    email: &str,
    code_hash: &str,
    expires_at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO email_codes (person_id, email, code_hash, expires_at, attempts) VALUES ($1, $2, $3, $4, 0) \
         ON CONFLICT (person_id) DO UPDATE SET email = excluded.email, code_hash = excluded.code_hash, \
         expires_at = excluded.expires_at, attempts = 0",
    )
    .bind(person_id)
    .bind(email)
    .bind(code_hash)
    .bind(Timestamp(expires_at))
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn count_wrong_code(conn: &mut Conn, person_id: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE email_codes SET attempts = attempts + 1 WHERE person_id = $1").bind(person_id).execute(conn).await?;
    Ok(())
}

pub async fn drop_code(conn: &mut Conn, person_id: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM email_codes WHERE person_id = $1").bind(person_id).execute(conn).await?;
    Ok(())
}
