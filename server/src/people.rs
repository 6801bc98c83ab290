//! The people tilslut knows: their names and e-mail addresses, who among them is a caseworker, and
//! those an identity provider brought who are not in the register. Below every resource that
//! names a person, so that none reaches into another's store for it.

use crate::db::{Conn, Pool};

pub async fn name(pool: &Pool, person_id: &str) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT name FROM persons WHERE id = $1").bind(person_id).fetch_optional(pool).await
}

pub async fn email(conn: &mut Conn, person_id: &str) -> Result<String, sqlx::Error> {
    sqlx::query_scalar("SELECT email FROM persons WHERE id = $1").bind(person_id).fetch_one(conn).await
}

pub async fn is_caseworker(pool: &Pool, person_id: &str) -> Result<bool, sqlx::Error> {
    let found: Option<i64> =
        sqlx::query_scalar("SELECT 1 FROM caseworkers WHERE person_id = $1").bind(person_id).fetch_optional(pool).await?;
    Ok(found.is_some())
}

/// A person the register does not know, as the identity provider names them: kept so their
/// cases and sessions have someone to refer to.
pub async fn upsert(pool: &Pool, id: &str, name: &str, email: &str) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO persons (id, name, email, description, position) VALUES ($1, $2, $3, '', (SELECT COALESCE(MAX(position), 0) + 1 FROM persons)) \
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, email = CASE WHEN excluded.email = '' THEN persons.email ELSE excluded.email END",
    )
    .bind(id)
    .bind(name)
    .bind(email)
    .execute(pool)
    .await?;
    Ok(())
}
