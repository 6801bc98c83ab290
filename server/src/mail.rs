//! E-mail: every message is written to the outbox table in the same transaction as the change
//! that causes it, so a message is never lost nor sent for a change that did not happen. The
//! reference backend keeps the messages in the outbox, where the development mailbox
//! (`GET /api/dev/mailbox`) shows them; delivering the outbox over SMTP is the production
//! adapter's job.

use chrono::Utc;
use sqlx::SqliteConnection;

pub struct Outgoing<'a> {
    pub to: &'a str,
    pub subject: String,
    pub body: String,
    pub kind: &'static str,
    pub case_id: Option<&'a str>,
}

pub async fn enqueue(conn: &mut SqliteConnection, mail: Outgoing<'_>) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO outbox (to_address, subject, body, kind, case_id, created_at) VALUES (?, ?, ?, ?, ?, ?)")
        .bind(mail.to)
        .bind(&mail.subject)
        .bind(&mail.body)
        .bind(mail.kind)
        .bind(mail.case_id)
        .bind(Utc::now())
        .execute(conn)
        .await?;
    Ok(())
}
