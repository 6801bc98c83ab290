//! A case's history: what happened, when and by whom. Below both the cases and the set-up links,
//! which each add to it.

use crate::db::{Conn, Timestamp};
use chrono::Utc;
use tilslut_api::{HistoryEntry, PersonRef, HISTORY_PAGE};

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
    number: i64,
    at: Timestamp,
    by_person: Option<String>,
    by_name: Option<String>,
    event: String,
    detail: Option<String>,
}

/// The [`HISTORY_PAGE`] events of the case before its `before`th (its latest, without one), oldest
/// first, and how many came before them.
pub async fn of_case(conn: &mut Conn, id: &str, before: Option<u32>) -> Result<(Vec<HistoryEntry>, u32), sqlx::Error> {
    let rows: Vec<EventRow> = sqlx::query_as(
        "SELECT number, at, by_person, by_name, event, detail FROM (SELECT ROW_NUMBER() OVER (ORDER BY e.id) AS number, \
         e.at, e.by_person, p.name AS by_name, e.event, e.detail FROM case_events e LEFT JOIN persons p ON p.id = e.by_person \
         WHERE e.case_id = $1) numbered WHERE number < $2 ORDER BY number DESC LIMIT $3",
    )
    .bind(id)
    .bind(before.map_or(i64::MAX, i64::from))
    .bind(i64::from(HISTORY_PAGE))
    .fetch_all(conn)
    .await?;
    let entries: Vec<HistoryEntry> = rows
        .into_iter()
        .rev()
        .map(|row| {
            let by = row.by_person.zip(row.by_name).map(|(id, name)| PersonRef { id, name });
            let number = u32::try_from(row.number).unwrap_or(u32::MAX);
            HistoryEntry { number, at: row.at.0, by, event: row.event, detail: row.detail }
        })
        .collect();
    let earlier = entries.first().map_or(0, |first| first.number - 1);
    Ok((entries, earlier))
}
