//! The caseworker's SQL: the queue and the connected organisations' administrators.

use crate::db::{Day, Pool};

/// A documentation case waiting for a decision.
#[derive(sqlx::FromRow)]
pub struct QueueRow {
    pub id: String,
    pub cvr: String,
    pub started_by: String,
    pub started_by_name: String,
    pub decision_due: Day,
    pub documents: i64,
}

/// The cases awaiting manual review, the earliest due first.
pub async fn queue(pool: &Pool) -> Result<Vec<QueueRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT c.id, c.cvr, c.started_by, p.name AS started_by_name, c.decision_due, \
         (SELECT COUNT(*) FROM documents d WHERE d.case_id = c.id) AS documents \
         FROM cases c JOIN persons p ON p.id = c.started_by \
         WHERE c.status = 'awaiting_manual_review' ORDER BY c.decision_due, c.updated_at",
    )
    .fetch_all(pool)
    .await
}

/// Every connected organisation's case: its id, CVR number and administrators (as JSON).
pub async fn connected(pool: &Pool) -> Result<Vec<(String, String, String)>, sqlx::Error> {
    sqlx::query_as("SELECT id, cvr, administrators FROM cases WHERE status = 'approved' ORDER BY approved_at").fetch_all(pool).await
}
