//! The terms' SQL.

use crate::db::{Conn, Day, Pool};
use chrono::NaiveDate;
use tilslut_api::Terms;

#[derive(sqlx::FromRow)]
struct TermsRow {
    version: String,
    title: String,
    body: String,
    effective_from: Day,
}

impl TermsRow {
    fn into_terms(self) -> Terms {
        let TermsRow { version, title, body, effective_from } = self;
        Terms { version, title, body, effective_from: effective_from.0 }
    }
}

/// The version in force on `day`: the latest to take effect by then.
pub async fn in_force(conn: &mut Conn, day: NaiveDate) -> Result<Option<Terms>, sqlx::Error> {
    let row: Option<TermsRow> = sqlx::query_as(
        "SELECT version, title, body, effective_from FROM terms WHERE effective_from <= $1 ORDER BY effective_from DESC, position DESC LIMIT 1",
    )
    .bind(Day(day))
    .fetch_optional(conn)
    .await?;
    Ok(row.map(TermsRow::into_terms))
}

/// The next version to take effect after `day`, if one is published ahead.
pub async fn coming(conn: &mut Conn, day: NaiveDate) -> Result<Option<Terms>, sqlx::Error> {
    let row: Option<TermsRow> = sqlx::query_as(
        "SELECT version, title, body, effective_from FROM terms WHERE effective_from > $1 ORDER BY effective_from, position DESC LIMIT 1",
    )
    .bind(Day(day))
    .fetch_optional(conn)
    .await?;
    Ok(row.map(TermsRow::into_terms))
}

/// Every version, the latest to take effect first.
pub async fn all(pool: &Pool) -> Result<Vec<Terms>, sqlx::Error> {
    let rows: Vec<TermsRow> =
        sqlx::query_as("SELECT version, title, body, effective_from FROM terms ORDER BY effective_from DESC, position DESC")
            .fetch_all(pool)
            .await?;
    Ok(rows.into_iter().map(TermsRow::into_terms).collect())
}

/// Adds a version; false if one of that name exists.
pub async fn publish(conn: &mut Conn, terms: &Terms) -> Result<bool, sqlx::Error> {
    let inserted = sqlx::query(
        "INSERT INTO terms (version, title, body, effective_from, position) \
             VALUES ($1, $2, $3, $4, (SELECT COALESCE(MAX(position), 0) + 1 FROM terms)) ON CONFLICT (version) DO NOTHING",
    )
    .bind(&terms.version)
    .bind(&terms.title)
    .bind(&terms.body)
    .bind(Day(terms.effective_from))
    .execute(conn)
    .await?;
    Ok(inserted.rows_affected() == 1)
}
