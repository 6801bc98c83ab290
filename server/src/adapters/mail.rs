//! E-mail: every message is written to the outbox table in the same transaction as the change
//! that causes it, so a message is never lost nor sent for a change that did not happen. The
//! development mailbox (`GET /api/dev/mailbox`) shows the outbox; with `TILSLUT_SMTP_URL` set, a
//! background task delivers it over SMTP and marks each message sent (blanking its address and
//! text, which hold personal data and set-up links). A failure is retried later and later; one
//! that keeps failing, or an address the mail library refuses, is parked, so it never holds up
//! the rest.

use crate::db::{Conn, Engine, Pool, Timestamp};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use lettre::message::Mailbox;
use lettre::Address;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use sha2::{Digest, Sha256};
use std::sync::Arc;
use std::time::Duration;

/// A message to send: what it says, and what kind of message it is.
pub struct Message {
    pub subject: String,
    pub body: String,
    pub kind: &'static str,
}

/// `to` as the mail library reads it: a bare address it can send to, or nothing.
pub fn parse_address(to: &str) -> Option<Address> {
    to.parse().ok()
}

/// What identifies a recipient in the outbox once the address is blanked.
fn recipient_key(to: &str) -> String {
    format!("{:x}", Sha256::digest(to.trim().to_lowercase()))
}

/// Queues `message` to `to`, about `case_id`, in the caller's transaction.
pub async fn enqueue(conn: &mut Conn, to: &str, case_id: Option<&str>, message: &Message) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO outbox (to_address, recipient_key, subject, body, kind, case_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(to)
    .bind(recipient_key(to))
    .bind(&message.subject)
    .bind(&message.body)
    .bind(message.kind)
    .bind(case_id)
    .bind(Timestamp(Utc::now()))
    .execute(conn)
    .await?;
    Ok(())
}

/// A repeated notification (the same message, about the same case, to the same person) waits this
/// long after the last, so no one can make the service's sender mail somebody again and again.
pub const NOTIFICATION_INTERVAL: chrono::Duration = chrono::Duration::hours(1);

/// Queues `message` as [`enqueue`] unless the same notification went to `to` about `case_id`
/// within [`NOTIFICATION_INTERVAL`]; says whether it was queued.
pub async fn notify(conn: &mut Conn, to: &str, case_id: &str, message: &Message) -> Result<bool, sqlx::Error> {
    let recent: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM outbox WHERE case_id = $1 AND kind = $2 AND subject = $3 AND recipient_key = $4 AND created_at > $5 LIMIT 1",
    )
    .bind(case_id)
    .bind(message.kind)
    .bind(&message.subject)
    .bind(recipient_key(to))
    .bind(Timestamp(Utc::now() - NOTIFICATION_INTERVAL))
    .fetch_optional(&mut *conn)
    .await?;
    if recent.is_some() {
        return Ok(false);
    }
    enqueue(conn, to, Some(case_id), message).await?;
    Ok(true)
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
        created_at: Timestamp,
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
            created_at: row.created_at.0,
        })
        .collect())
}

/// Sends one message. SMTP in production; anything else (a provider's API) can take its place.
#[async_trait]
pub trait MailSender: Send + Sync {
    /// `key` names the outbox message, the same at every attempt: a resend after a crash is
    /// then recognisable as the same mail (SMTP: its `Message-ID`).
    async fn send(&self, to: &str, subject: &str, body: &str, key: &str) -> Result<(), String>;
}

/// SMTP through lettre, e.g. `smtps://user:password@smtp.example.dk` or
/// `smtp://smtp.example.dk:587?tls=required`.
pub struct SmtpSender {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl SmtpSender {
    pub fn new(url: &str, from: &str) -> Result<SmtpSender, String> {
        if sends_credentials_in_plain(url) {
            return Err("TILSLUT_SMTP_URL: a user name and password over plain smtp:// would cross the network readable; \
                        use smtps:// or add ?tls=required"
                .into());
        }
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url).map_err(|e| format!("TILSLUT_SMTP_URL: {e}"))?.build();
        let from = from.parse().map_err(|e| format!("TILSLUT_MAIL_FROM: {e}"))?;
        Ok(SmtpSender { transport, from })
    }
}

#[async_trait]
impl MailSender for SmtpSender {
    async fn send(&self, to: &str, subject: &str, body: &str, key: &str) -> Result<(), String> {
        let message = lettre::Message::builder()
            .message_id(Some(format!("<{key}@{}>", self.from.email.domain())))
            .from(self.from.clone())
            .to(Mailbox::new(None, parse_address(to).ok_or("an address the mail library refuses")?))
            .subject(subject)
            .body(body.to_string())
            .map_err(|e| e.to_string())?;
        self.transport.send(message).await.map(|_| ()).map_err(|e| e.to_string())
    }
}

/// `smtp://user:password@…` without `tls=required` (or `tls=wrapper`): credentials in plain text.
fn sends_credentials_in_plain(url: &str) -> bool {
    let Some(rest) = url.strip_prefix("smtp://") else { return false };
    let (authority, query) = rest.split_once('?').unwrap_or((rest, ""));
    let has_credentials = authority.split('/').next().is_some_and(|host| host.contains('@'));
    let encrypted = query.split('&').any(|pair| matches!(pair, "tls=required" | "tls=wrapper"));
    has_credentials && !encrypted
}

/// After this many failed attempts a message is parked (kept, not tried again): an operator looks.
pub const MAX_ATTEMPTS: i64 = 8;

/// How long to wait after the `attempts`th failure: a minute, doubling, at most six hours.
pub fn retry_delay(attempts: i64) -> chrono::Duration {
    let minutes = 1_i64 << attempts.clamp(1, 10).saturating_sub(1);
    chrono::Duration::minutes(minutes.min(6 * 60))
}

/// How long a message being sent is the sending instance's: longer than an SMTP exchange takes.
/// Should that instance die meanwhile, another sends the message once this has passed.
pub const CLAIM_LIFETIME: chrono::Duration = chrono::Duration::minutes(5);

/// At most this many messages in one round, so a long outbox does not hold up the next round.
const ROUND: usize = 100;

#[derive(sqlx::FromRow)]
struct Claimed {
    id: i64,
    to_address: String,
    subject: String,
    body: String,
    attempts: i64,
    created_at: Timestamp,
}

impl Claimed {
    /// The message's name, the same at every attempt: its row and when it was queued (ids alone
    /// repeat across databases).
    fn key(&self) -> String {
        format!("tilslut.outbox.{}.{}", self.id, self.created_at.0.timestamp())
    }
}

/// Takes the next message due, the least tried first (so failing messages never keep a new one
/// waiting), oldest first among equals: counts the attempt and keeps it from every other instance
/// for [`CLAIM_LIFETIME`], in one statement. On PostgreSQL an instance passes over the row another
/// is claiming at that moment instead of waiting for it.
async fn claim_next(pool: &Pool, now: DateTime<Utc>) -> Result<Option<Claimed>, sqlx::Error> {
    const DUE: &str = "sent_at IS NULL AND parked_at IS NULL AND (next_attempt_at IS NULL OR next_attempt_at <= $2)";
    let skip_locked = Engine::of_pool(pool).skip_locked();
    sqlx::query_as(&format!(
        "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = $1 \
         WHERE id = (SELECT id FROM outbox WHERE {DUE} ORDER BY attempts, id LIMIT 1{skip_locked}) AND {DUE} \
         RETURNING id, to_address, subject, body, attempts, created_at"
    ))
    .bind(Timestamp(now + CLAIM_LIFETIME))
    .bind(Timestamp(now))
    .fetch_optional(pool)
    .await
}

/// Sends what the outbox holds unsent and due, each message claimed first (see [`claim_next`]),
/// so any number of instances deliver the same outbox and each message goes out once: marks each
/// sent, or waits longer before the next attempt, parking the message after [`MAX_ATTEMPTS`] or at
/// once when the address is one the mail library refuses. Returns how many were sent.
pub async fn deliver_pending(pool: &Pool, sender: &dyn MailSender, now: DateTime<Utc>) -> Result<usize, sqlx::Error> {
    let mut sent = 0;
    for _ in 0..ROUND {
        let Some(message) = claim_next(pool, now).await? else { break };
        let deliverable = parse_address(&message.to_address).is_some();
        let outcome = if deliverable {
            sender.send(&message.to_address, &message.subject, &message.body, &message.key()).await
        } else {
            Err("an address the mail library refuses".into())
        };
        match outcome {
            Ok(()) => {
                sqlx::query("UPDATE outbox SET sent_at = $1, to_address = '', body = '' WHERE id = $2")
                    .bind(Timestamp(now))
                    .bind(message.id)
                    .execute(pool)
                    .await?;
                sent += 1;
            }
            Err(error) => {
                let park = message.attempts >= MAX_ATTEMPTS || !deliverable;
                tracing::warn!(id = message.id, attempts = message.attempts, parked = park, %error, "e-mail not sent");
                sqlx::query("UPDATE outbox SET next_attempt_at = $1, parked_at = $2 WHERE id = $3")
                    .bind(Timestamp(now + retry_delay(message.attempts)))
                    .bind(park.then_some(Timestamp(now)))
                    .bind(message.id)
                    .execute(pool)
                    .await?;
            }
        }
    }
    Ok(sent)
}

/// Delivers the outbox every `interval` for as long as the server runs.
pub fn spawn_delivery(pool: Pool, sender: Arc<dyn MailSender>, interval: Duration) {
    tokio::spawn(async move {
        loop {
            if let Err(error) = deliver_pending(&pool, sender.as_ref(), Utc::now()).await {
                tracing::error!(%error, "reading the outbox failed");
            }
            tokio::time::sleep(interval).await;
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_wait_longer_each_time() {
        assert_eq!(retry_delay(1), chrono::Duration::minutes(1));
        assert_eq!(retry_delay(4), chrono::Duration::minutes(8));
        assert_eq!(retry_delay(MAX_ATTEMPTS + 20), chrono::Duration::hours(6));
    }

    #[test]
    fn the_same_parser_checks_and_sends() {
        for (address, valid) in [("mette@firma.dk", true), ("søren@kø-bh.dk", true), ("a@b <v@example.dk>", false), ("v@[10.0.0.1]", false)]
        {
            assert_eq!(tilslut_api::validation::is_valid_email(address), valid, "{address}");
            // What the form accepts, the mail library can send to.
            if valid {
                assert!(parse_address(address).is_some(), "{address}");
            }
        }
    }

    #[test]
    fn smtp_settings_are_checked_at_start() {
        let from = "Tilslut <noreply@tilslut.example>";
        assert!(SmtpSender::new("smtp://localhost:2525", from).is_ok());
        assert!(SmtpSender::new("smtps://user:secret@smtp.example.dk", from).is_ok());
        assert!(SmtpSender::new("smtp://user:secret@smtp.example.dk:587?tls=required", from).is_ok());
        assert!(SmtpSender::new("smtp://user:secret@smtp.example.dk:587", from).is_err(), "credentials in plain text");
        assert!(SmtpSender::new("http://nope", from).is_err());
        assert!(SmtpSender::new("smtp://localhost", "not an address").is_err());
    }
}
