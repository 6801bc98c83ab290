//! The caseworker's SQL: the queue and the connected organisations' administrators.

use crate::db::Pool;

/// The ids of the cases awaiting manual review, the earliest due first.
pub async fn queue(pool: &Pool) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM cases WHERE status = 'awaiting_manual_review' ORDER BY decision_due, updated_at")
        .fetch_all(pool)
        .await
}

/// Every connected organisation's case: its id, CVR number and administrators (as JSON).
pub async fn connected(pool: &Pool) -> Result<Vec<(String, String, String)>, sqlx::Error> {
    sqlx::query_as("SELECT id, cvr, administrators FROM cases WHERE status = 'approved' ORDER BY approved_at").fetch_all(pool).await
}
