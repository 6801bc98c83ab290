//! E-mail: every message is written to the outbox table in the same transaction as the change
//! that causes it, so a message is never lost nor sent for a change that did not happen. The
//! development mailbox (`GET /api/dev/mailbox`) shows the outbox; with `TILSLUT_SMTP_URL` set, a
//! background task delivers it over SMTP and marks each message sent, retrying what failed.

use crate::db::{Conn, Pool};
use async_trait::async_trait;
use chrono::Utc;
use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use std::sync::Arc;
use std::time::Duration;

/// A message to send: what it says, and what kind of message it is.
pub struct Message {
    pub subject: String,
    pub body: String,
    pub kind: &'static str,
}

/// Queues `message` to `to`, about `case_id`, in the caller's transaction.
pub async fn enqueue(conn: &mut Conn, to: &str, case_id: Option<&str>, message: &Message) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO outbox (to_address, subject, body, kind, case_id, created_at) VALUES (?, ?, ?, ?, ?, ?)")
        .bind(to)
        .bind(&message.subject)
        .bind(&message.body)
        .bind(message.kind)
        .bind(case_id)
        .bind(Utc::now())
        .execute(conn)
        .await?;
    Ok(())
}

/// The whole outbox, oldest first: the development mailbox.
pub async fn outbox(pool: &Pool) -> Result<Vec<tilslut_api::Mail>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Row {
        id: i64,
        to_address: String,
        subject: String,
        body: String,
        kind: String,
        case_id: Option<String>,
        created_at: chrono::DateTime<Utc>,
    }
    let rows: Vec<Row> =
        sqlx::query_as("SELECT id, to_address, subject, body, kind, case_id, created_at FROM outbox ORDER BY id").fetch_all(pool).await?;
    Ok(rows
        .into_iter()
        .map(|row| tilslut_api::Mail {
            id: row.id,
            to: row.to_address,
            subject: row.subject,
            body: row.body,
            kind: row.kind,
            case_id: row.case_id,
            created_at: row.created_at,
        })
        .collect())
}

/// Sends one message. SMTP in production; anything else (a provider's API) can take its place.
#[async_trait]
pub trait MailSender: Send + Sync {
    async fn send(&self, to: &str, subject: &str, body: &str) -> Result<(), String>;
}

/// SMTP through lettre, e.g. `smtps://user:password@smtp.example.dk` or
/// `smtp://smtp.example.dk:587?tls=required`.
pub struct SmtpSender {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl SmtpSender {
    pub fn new(url: &str, from: &str) -> Result<SmtpSender, String> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url).map_err(|e| format!("TILSLUT_SMTP_URL: {e}"))?.build();
        let from = from.parse().map_err(|e| format!("TILSLUT_MAIL_FROM: {e}"))?;
        Ok(SmtpSender { transport, from })
    }
}

#[async_trait]
impl MailSender for SmtpSender {
    async fn send(&self, to: &str, subject: &str, body: &str) -> Result<(), String> {
        let message = lettre::Message::builder()
            .from(self.from.clone())
            .to(to.parse().map_err(|e| format!("{to}: {e}"))?)
            .subject(subject)
            .body(body.to_string())
            .map_err(|e| e.to_string())?;
        self.transport.send(message).await.map(|_| ()).map_err(|e| e.to_string())
    }
}

/// Sends what the outbox holds unsent, oldest first, and marks each sent. A failure leaves the
/// message for the next round. Returns how many were sent.
pub async fn deliver_pending(pool: &Pool, sender: &dyn MailSender) -> Result<usize, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Pending {
        id: i64,
        to_address: String,
        subject: String,
        body: String,
    }
    let pending: Vec<Pending> =
        sqlx::query_as("SELECT id, to_address, subject, body FROM outbox WHERE sent_at IS NULL ORDER BY id LIMIT 100")
            .fetch_all(pool)
            .await?;
    let mut sent = 0;
    for message in pending {
        match sender.send(&message.to_address, &message.subject, &message.body).await {
            Ok(()) => {
                sqlx::query("UPDATE outbox SET sent_at = ? WHERE id = ?").bind(Utc::now()).bind(message.id).execute(pool).await?;
                sent += 1;
            }
            Err(error) => tracing::warn!(id = message.id, %error, "e-mail not sent; will retry"),
        }
    }
    Ok(sent)
}

/// Delivers the outbox every `interval` for as long as the server runs.
pub fn spawn_delivery(pool: Pool, sender: Arc<dyn MailSender>, interval: Duration) {
    tokio::spawn(async move {
        loop {
            if let Err(error) = deliver_pending(&pool, sender.as_ref()).await {
                tracing::error!(%error, "reading the outbox failed");
            }
            tokio::time::sleep(interval).await;
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    /// Records what it is asked to send; refuses addresses at `down.example`.
    #[derive(Default)]
    struct Recorder(Mutex<Vec<String>>);

    #[async_trait]
    impl MailSender for Recorder {
        async fn send(&self, to: &str, subject: &str, _body: &str) -> Result<(), String> {
            if to.ends_with("@down.example") {
                return Err("connection refused".into());
            }
            self.0.lock().unwrap().push(format!("{to}: {subject}"));
            Ok(())
        }
    }

    async fn outbox_with(addresses: &[&str]) -> (tempfile::TempDir, Pool) {
        let dir = tempfile::tempdir().unwrap();
        let pool = crate::open_database(&dir.path().join("mail.db")).await.unwrap();
        let mut conn = pool.acquire().await.unwrap();
        for to in addresses {
            let message = Message { subject: format!("til {to}"), body: "hej".into(), kind: "receipt" };
            enqueue(&mut conn, to, None, &message).await.unwrap();
        }
        (dir, pool)
    }

    #[tokio::test]
    async fn sends_each_message_once_and_retries_failures() {
        let (_dir, pool) = outbox_with(&["a@firma.dk", "b@down.example", "c@firma.dk"]).await;
        let sender = Recorder::default();
        assert_eq!(deliver_pending(&pool, &sender).await.unwrap(), 2);
        assert_eq!(*sender.0.lock().unwrap(), ["a@firma.dk: til a@firma.dk", "c@firma.dk: til c@firma.dk"]);
        // The next round sends nothing twice, and tries the failed one again.
        assert_eq!(deliver_pending(&pool, &sender).await.unwrap(), 0);
        let (unsent,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL").fetch_one(&pool).await.unwrap();
        assert_eq!(unsent, 1);
    }

    #[test]
    fn smtp_settings_are_checked_at_start() {
        assert!(SmtpSender::new("smtp://localhost:2525", "Tilslut <noreply@tilslut.example>").is_ok());
        assert!(SmtpSender::new("http://nope", "Tilslut <noreply@tilslut.example>").is_err());
        assert!(SmtpSender::new("smtp://localhost", "not an address").is_err());
    }
}
