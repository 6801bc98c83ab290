//! The audit log: security events, written on their own so that a refused change's rollback does
//! not take its record with it.

use crate::db::{Pool, Timestamp};
use chrono::Utc;

/// Writes a security event to the audit log (and the trace), without personal numbers.
pub async fn audit(pool: &Pool, person_id: Option<&str>, event: &str, detail: &str) {
    tracing::info!(target: "audit", person = person_id.unwrap_or("-"), event, detail);
    let written = sqlx::query("INSERT INTO audit_log (at, person_id, event, detail) VALUES ($1, $2, $3, $4)")
        .bind(Timestamp(Utc::now()))
        .bind(person_id)
        .bind(event)
        .bind(detail)
        .execute(pool)
        .await;
    if let Err(e) = written {
        tracing::error!(%e, event, "audit log write failed");
    }
}
