//! The set-up links' SQL.

use crate::db::{Conn, Timestamp};
use chrono::{DateTime, Utc};

/// A link as stored: whose it is and how it stands.
#[derive(sqlx::FromRow)]
pub struct LinkRow {
    pub case_id: String,
    pub administrator: i64,
    pub expires_at: Timestamp,
    pub confirmed_at: Option<Timestamp>,
}

pub async fn insert(
    conn: &mut Conn,
    token_hash: &str,
    case_id: &str,
    administrator: usize,
    expires_at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO setup_links (token_hash, case_id, administrator, expires_at) VALUES ($1, $2, $3, $4)")
        .bind(token_hash)
        .bind(case_id)
        .bind(i64::try_from(administrator).unwrap_or(i64::MAX))
        .bind(Timestamp(expires_at))
        .execute(conn)
        .await?;
    Ok(())
}

/// Gives administrator `administrator`'s unused link a new token and expiry: false when they
/// confirmed meanwhile.
pub async fn replace(
    conn: &mut Conn,
    token_hash: &str,
    case_id: &str,
    administrator: usize,
    expires_at: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let replaced = sqlx::query(
        "UPDATE setup_links SET token_hash = $1, expires_at = $2 WHERE case_id = $3 AND administrator = $4 AND confirmed_at IS NULL",
    )
    .bind(token_hash)
    .bind(Timestamp(expires_at))
    .bind(case_id)
    .bind(i64::try_from(administrator).unwrap_or(i64::MAX))
    .execute(conn)
    .await?;
    Ok(replaced.rows_affected() == 1)
}

pub async fn find(conn: &mut Conn, token_hash: &str) -> Result<Option<LinkRow>, sqlx::Error> {
    sqlx::query_as("SELECT case_id, administrator, expires_at, confirmed_at FROM setup_links WHERE token_hash = $1")
        .bind(token_hash)
        .fetch_optional(conn)
        .await
}

/// Marks the link used, if it still can be: false when another request used it first.
pub async fn confirm(conn: &mut Conn, token_hash: &str, now: DateTime<Utc>) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE setup_links SET confirmed_at = $1 WHERE token_hash = $2 AND confirmed_at IS NULL AND expires_at > $3")
        .bind(Timestamp(now))
        .bind(token_hash)
        .bind(Timestamp(now))
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// A case's links, by administrator.
pub async fn of_case(conn: &mut Conn, case_id: &str) -> Result<Vec<LinkRow>, sqlx::Error> {
    sqlx::query_as("SELECT case_id, administrator, expires_at, confirmed_at FROM setup_links WHERE case_id = $1 ORDER BY administrator")
        .bind(case_id)
        .fetch_all(conn)
        .await
}

/// The case's administrators (as JSON) and its organisation's CVR number.
pub async fn administrators_and_cvr(conn: &mut Conn, case_id: &str) -> Result<(String, String), sqlx::Error> {
    sqlx::query_as("SELECT administrators, cvr FROM cases WHERE id = $1").bind(case_id).fetch_one(conn).await
}
