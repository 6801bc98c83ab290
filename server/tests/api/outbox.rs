//! The outbox on a real database (SQLite, or PostgreSQL under `make test`): each message sent
//! once, failures retried later and then parked, nothing kept once sent, and delivery over a
//! real SMTP server.

use crate::common;

use async_trait::async_trait;
use chrono::Utc;
use std::sync::Mutex;
use std::time::Duration;
use tilslut_server::adapters::mail::{deliver_pending, enqueue, retry_delay, MailSender, Message, SmtpSender, MAX_ATTEMPTS};
use tilslut_server::db::Pool;
use tilslut_server::open_database;

/// Records what it is asked to send; refuses addresses at `down.example`.
#[derive(Default)]
struct Recorder(Mutex<Vec<String>>);

#[async_trait]
impl MailSender for Recorder {
    async fn send(&self, to: &str, subject: &str, _body: &str, _key: &str) -> Result<(), String> {
        if to.ends_with("@down.example") {
            return Err("connection refused".into());
        }
        self.0.lock().unwrap().push(format!("{to}: {subject}"));
        Ok(())
    }
}

async fn outbox_with(addresses: &[&str]) -> (crate::common::temp::TempDir, Pool) {
    let dir = crate::common::temp::tempdir();
    let pool = open_database(&common::test_database(dir.path()).await).await.unwrap().pool;
    let mut conn = pool.acquire().await.unwrap();
    for to in addresses {
        let message = Message { subject: format!("til {to}"), body: "hej".into(), kind: "receipt" };
        enqueue(&mut conn, to, None, &message).await.unwrap();
    }
    (dir, pool)
}

#[tokio::test]
async fn sends_each_message_once_and_retries_failures_later() {
    let (_dir, pool) = outbox_with(&["a@firma.dk", "b@down.example", "c@firma.dk"]).await;
    let sender = Recorder::default();
    let now = Utc::now();
    assert_eq!(deliver_pending(&pool, &sender, now).await.unwrap(), 2);
    assert_eq!(*sender.0.lock().unwrap(), ["a@firma.dk: til a@firma.dk", "c@firma.dk: til c@firma.dk"]);
    // Nothing is sent twice, and the failed one waits before it is tried again.
    assert_eq!(deliver_pending(&pool, &sender, now).await.unwrap(), 0);
    let attempts: Vec<i64> = sqlx::query_scalar("SELECT attempts FROM outbox ORDER BY id").fetch_all(&pool).await.unwrap();
    assert_eq!(attempts, [1, 1, 1]);
    deliver_pending(&pool, &sender, now + retry_delay(1)).await.unwrap();
    let attempts: i64 = sqlx::query_scalar("SELECT attempts FROM outbox WHERE id = 2").fetch_one(&pool).await.unwrap();
    assert_eq!(attempts, 2);
}

#[tokio::test]
async fn failing_messages_do_not_hold_up_the_rest() {
    // A hundred that the mail server refuses, then a receipt: the receipt goes out, and a
    // message that keeps failing is parked, not retried for ever.
    let failing: Vec<String> = (0..100).map(|i| format!("admin{i}@down.example")).collect();
    let mut addresses: Vec<&str> = failing.iter().map(String::as_str).collect();
    addresses.push("a@firma.dk");
    let (_dir, pool) = outbox_with(&addresses).await;
    let sender = Recorder::default();
    let mut now = Utc::now();
    // One round more than attempts: the batch has room for 100, and the receipt took one place.
    for attempt in 1..=MAX_ATTEMPTS + 1 {
        deliver_pending(&pool, &sender, now).await.unwrap();
        now += retry_delay(attempt);
    }
    assert_eq!(*sender.0.lock().unwrap(), ["a@firma.dk: til a@firma.dk"]);
    let parked: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE parked_at IS NOT NULL").fetch_one(&pool).await.unwrap();
    assert_eq!(parked, 100);
}

#[tokio::test]
async fn an_address_the_library_refuses_is_parked_at_once() {
    let (_dir, pool) = outbox_with(&["a@b <v@example.dk>", "mette.firma.dk"]).await;
    deliver_pending(&pool, &Recorder::default(), Utc::now()).await.unwrap();
    let parked: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE parked_at IS NOT NULL").fetch_one(&pool).await.unwrap();
    assert_eq!(parked, 2);
}

#[tokio::test]
async fn a_sent_message_keeps_no_address_or_text() {
    let (_dir, pool) = outbox_with(&["a@firma.dk"]).await;
    deliver_pending(&pool, &Recorder::default(), Utc::now()).await.unwrap();
    let (to, body): (String, String) = sqlx::query_as("SELECT to_address, body FROM outbox").fetch_one(&pool).await.unwrap();
    assert_eq!((to.as_str(), body.as_str()), ("", ""));
}

/// A real SMTP server: Python's `smtpd` printing what it receives (Python 3.11, as on these
/// machines; from 3.12 on, `aiosmtpd` from PyPI is its successor).
async fn smtp_server() -> (tokio::process::Child, u16) {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let server = tokio::process::Command::new("python3")
        .args(["-W", "ignore", "-u", "-m", "smtpd", "-n", "-c", "DebuggingServer", &format!("127.0.0.1:{port}")])
        .stdout(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("python3 runs an SMTP server");
    let listening = async {
        while tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_err() {
            tokio::task::yield_now().await;
        }
    };
    tokio::time::timeout(Duration::from_secs(30), listening).await.expect("the SMTP server listens");
    (server, port)
}

#[tokio::test]
async fn the_outbox_is_delivered_over_smtp_and_marked_sent() {
    let (mut server, port) = smtp_server().await;
    let (_dir, pool) = outbox_with(&["mette@firma.dk"]).await;
    let sender = SmtpSender::new(&format!("smtp://127.0.0.1:{port}"), "Tilslut <noreply@tilslut.example>").unwrap();
    assert_eq!(deliver_pending(&pool, &sender, Utc::now()).await.unwrap(), 1);
    server.kill().await.unwrap();
    let received = String::from_utf8(server.wait_with_output().await.unwrap().stdout).unwrap();
    assert!(received.contains("Subject: til mette@firma.dk"), "{received}");
    assert!(received.contains("To: mette@firma.dk"), "{received}");
    let id: i64 = sqlx::query_scalar("SELECT id FROM outbox").fetch_one(&pool).await.unwrap();
    assert!(received.contains(&format!("Message-ID: <tilslut.outbox.{id}.")), "named by its row, the same at a resend: {received}");
    assert!(received.contains("@tilslut.example>"), "{received}");
}
