//! A case's history: what happened, when and by whom. Below both the cases and the set-up links,
//! which each add to it.

use crate::db::{Conn, Timestamp};
use chrono::Utc;
use tilslut_api::{HistoryEntry, PersonRef};

/// The events that are saves: made again and again while a person works, and told once.
const SAVES: [&str; 3] = ["administrators_changed", "approver_chosen", "terms_accepted"];
/// How long after a save the same person's same save counts as that one, moved on in time.
const SAVE_COALESCING: chrono::TimeDelta = chrono::TimeDelta::minutes(10);

/// Adds an entry to the case's history. A save repeated by the same person as the last entry,
/// within [`SAVE_COALESCING`], moves that entry on instead: a thousand saves are one line, not a
/// thousand in every read of the case.
pub async fn record(conn: &mut Conn, case_id: &str, by: Option<&str>, event: &str, detail: Option<&str>) -> Result<(), sqlx::Error> {
    let now = Utc::now();
    if SAVES.contains(&event) {
        let moved = sqlx::query(
            "UPDATE case_events SET at = $1, detail = $2 WHERE id = (SELECT max(id) FROM case_events WHERE case_id = $3) \
             AND event = $4 AND by_person = $5 AND at >= $6",
        )
        .bind(Timestamp(now))
        .bind(detail)
        .bind(case_id)
        .bind(event)
        .bind(by)
        .bind(Timestamp(now - SAVE_COALESCING))
        .execute(&mut *conn)
        .await?;
        if moved.rows_affected() == 1 {
            return Ok(());
        }
    }
    sqlx::query("INSERT INTO case_events (case_id, at, by_person, event, detail) VALUES ($1, $2, $3, $4, $5)")
        .bind(case_id)
        .bind(Timestamp(now))
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
