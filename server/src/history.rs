//! A case's history: what happened, when and by whom. Below both the cases and the set-up links,
//! which each add to it.

use crate::db::{Conn, Timestamp};
use chrono::Utc;
use tilslut_api::{HistoryEntry, PersonRef};

/// Adds an entry to the case's history.
pub async fn record(conn: &mut Conn, case_id: &str, by: Option<&str>, event: &str, detail: Option<&str>) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO case_events (case_id, at, by_person, event, detail) VALUES ($1, $2, $3, $4, $5)")
        .bind(case_id)
        .bind(Timestamp(Utc::now()))
        .bind(by)
        .bind(event)
        .bind(detail)
        .execute(conn)
        .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct EventRow {
    at: Timestamp,
    by_person: Option<String>,
    by_name: Option<String>,
    event: String,
    detail: Option<String>,
}

/// The case's history, oldest first.
pub async fn of_case(conn: &mut Conn, id: &str) -> Result<Vec<HistoryEntry>, sqlx::Error> {
    let rows: Vec<EventRow> = sqlx::query_as(
        "SELECT e.at, e.by_person, p.name AS by_name, e.event, e.detail FROM case_events e \
         LEFT JOIN persons p ON p.id = e.by_person WHERE e.case_id = $1 ORDER BY e.id",
    )
    .bind(id)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let by = row.by_person.zip(row.by_name).map(|(id, name)| PersonRef { id, name });
            HistoryEntry { at: row.at.0, by, event: row.event, detail: row.detail }
        })
        .collect())
}
