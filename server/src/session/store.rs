//! The session's SQL: people's names and the context each chose last.

use crate::db::Pool;
use tilslut_api::{ContextKey, DemoPerson};

pub async fn person_name(pool: &Pool, person_id: &str) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT name FROM persons WHERE id = ?").bind(person_id).fetch_optional(pool).await
}

pub async fn last_context(pool: &Pool, person_id: &str) -> Result<Option<ContextKey>, sqlx::Error> {
    let stored: Option<Option<String>> =
        sqlx::query_scalar("SELECT last_context FROM person_preferences WHERE person_id = ?").bind(person_id).fetch_optional(pool).await?;
    Ok(stored.flatten().and_then(|value| ContextKey::from_header_value(&value)))
}

pub async fn remember_context(pool: &Pool, person_id: &str, context: ContextKey) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO person_preferences (person_id, last_context) VALUES (?, ?) \
         ON CONFLICT (person_id) DO UPDATE SET last_context = excluded.last_context",
    )
    .bind(person_id)
    .bind(context.header_value())
    .execute(pool)
    .await?;
    Ok(())
}

/// Everyone the development login offers, in the demo data's order.
pub async fn demo_persons(pool: &Pool) -> Result<Vec<DemoPerson>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Row {
        id: String,
        name: String,
        description: String,
    }
    let rows: Vec<Row> = sqlx::query_as("SELECT id, name, description FROM persons ORDER BY rowid").fetch_all(pool).await?;
    Ok(rows.into_iter().map(|Row { id, name, description }| DemoPerson { id, name, description }).collect())
}
