//! The people tilslut knows: their names and e-mail addresses, who among them is a caseworker, and
//! those an identity provider brought who are not in the register. Below every resource that
//! names a person, so that none reaches into another's store for it.

use crate::db::{Conn, Pool, Timestamp};
use chrono::{DateTime, Utc};

pub async fn name(pool: &Pool, person_id: &str) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT name FROM persons WHERE id = $1").bind(person_id).fetch_optional(pool).await
}

pub async fn email(conn: &mut Conn, person_id: &str) -> Result<String, sqlx::Error> {
    sqlx::query_scalar("SELECT email FROM persons WHERE id = $1").bind(person_id).fetch_one(conn).await
}

/// The person's address and whether they have confirmed it.
pub async fn contact(conn: &mut Conn, person_id: &str) -> Result<(String, bool), sqlx::Error> {
    let (email, confirmed_at): (String, Option<String>) =
        sqlx::query_as("SELECT email, email_confirmed_at FROM persons WHERE id = $1").bind(person_id).fetch_one(conn).await?;
    Ok((email, confirmed_at.is_some()))
}

/// The address mail to the person goes to: one they confirmed, or none (they are told in the app,
/// never at an address they did not confirm).
pub async fn mail_address(conn: &mut Conn, person_id: &str) -> Result<Option<String>, sqlx::Error> {
    Ok(match contact(conn, person_id).await? {
        (to, true) if !to.is_empty() => Some(to),
        _ => None,
    })
}

/// The person has confirmed `email` at `at`: their mail goes there from now on.
pub async fn confirm_email(conn: &mut Conn, person_id: &str, email: &str, at: DateTime<Utc>) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE persons SET email = $1, email_confirmed_at = $2 WHERE id = $3")
        .bind(email)
        .bind(Timestamp(at))
        .bind(person_id)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn is_caseworker(pool: &Pool, person_id: &str) -> Result<bool, sqlx::Error> {
    let found: Option<i64> =
        sqlx::query_scalar("SELECT 1 FROM caseworkers WHERE person_id = $1").bind(person_id).fetch_optional(pool).await?;
    Ok(found.is_some())
}

/// A person as an identity provider or the register names them: kept so their cases and sessions
/// have someone to refer to. An address from the register (the demo's; CVR holds no private ones)
/// counts as confirmed (`confirmed`); one from a broker's claim is a suggestion the person confirms.
/// Neither replaces an address the person has confirmed, and an empty one changes nothing.
pub async fn upsert(pool: &Pool, id: &str, name: &str, email: &str, confirmed: bool) -> Result<(), sqlx::Error> {
    let confirmed_at = (confirmed && !email.is_empty()).then(|| Timestamp(Utc::now()));
    sqlx::query(
        "INSERT INTO persons (id, name, email, description, position, email_confirmed_at) \
         VALUES ($1, $2, $3, '', (SELECT COALESCE(MAX(position), 0) + 1 FROM persons), $4) \
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, \
         email = CASE WHEN excluded.email = '' OR persons.email_confirmed_at IS NOT NULL THEN persons.email ELSE excluded.email END, \
         email_confirmed_at = CASE WHEN excluded.email = '' OR persons.email_confirmed_at IS NOT NULL \
             THEN persons.email_confirmed_at ELSE excluded.email_confirmed_at END",
    )
    .bind(id)
    .bind(name)
    .bind(email)
    .bind(confirmed_at)
    .execute(pool)
    .await?;
    Ok(())
}
