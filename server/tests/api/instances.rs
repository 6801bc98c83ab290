//! Several instances on one database, as a service runs behind a load balancer: what one
//! instance does, every other sees; a race between them has one winner; an instance that dies
//! leaves nothing half-written. On SQLite (two instances on one file) and, in `make test`, on
//! PostgreSQL.

use crate::common;

use async_trait::async_trait;
use common::{act, admin, another_instance, create, ok, start, terms_version, upload, Tab, TestServer};
use reqwest::StatusCode;
use serde_json::json;
use std::collections::HashSet;
use std::sync::Mutex;
use std::time::Duration;
use tilslut_api::{Case, CaseStatus, Session};
use tilslut_server::adapters::mail::{deliver_pending, enqueue, MailSender, Message};
use tilslut_server::Database;
use tokio::io::AsyncBufReadExt;

async fn within_a_minute<T>(what: &str, future: impl std::future::Future<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(60), future).await.unwrap_or_else(|_| panic!("{what} never happened"))
}

/// Mette's case for Jensens Tømrerforretning, ready for her approval.
async fn ready_to_approve(mette: &Tab) -> Case {
    let case = create(mette, "Jensens Tømrerforretning", "representative").await;
    let case = ok(mette, &case, "administrators", json!({ "administrators": [admin("Bent Revisor", "bent@revision.dk")] })).await;
    let version = terms_version(mette).await;
    ok(mette, &case, "terms", json!({ "terms_version": version })).await
}

async fn receipts(tab: &Tab) -> usize {
    tab.mailbox().await.into_iter().filter(|mail| mail.kind == "receipt").count()
}

#[tokio::test]
async fn a_session_begun_on_one_instance_is_read_and_changed_on_another() {
    let a = start().await;
    let b = another_instance(&a).await;
    let mut lars = Tab::new(&a);
    lars.login("lars").await;
    let company = json!({ "kind": "company", "cvr": common::cvr("Nielsen Rådgivning ApS") });
    assert_eq!(lars.choose(company.clone()).await.status, StatusCode::OK);

    let mut on_b = lars.on(&b);
    let seen: Session = on_b.get("/api/session").await.json();
    assert_eq!(seen.person.id, "lars");
    assert_eq!(seen.context.unwrap().key().header_value(), lars.shown_context);

    // Switching back on B holds on A too.
    assert_eq!(on_b.choose(json!({ "kind": "private" })).await.status, StatusCode::OK);
    let seen: Session = on_b.on(&a).get("/api/session").await.json();
    assert_eq!(seen.context.unwrap().key().header_value(), "private");

    // And logging out on one instance ends the session on both.
    assert_eq!(on_b.post("/api/logout", json!({})).await.status, StatusCode::OK);
    assert_eq!(on_b.on(&a).get("/api/session").await.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn approvals_raced_on_two_instances_make_one_approval_and_one_receipt() {
    let a = start().await;
    let b = another_instance(&a).await;
    let mut mette = Tab::new(&a);
    mette.login("mette").await;
    let case = ready_to_approve(&mette).await;
    // Eight at once on each instance, all at the same version.
    let mut racing = tokio::task::JoinSet::new();
    for instance in [&a, &b].repeat(8) {
        let (tab, case) = (mette.on(instance), case.clone());
        racing.spawn(async move { act(&tab, &case, "approve", json!({})).await });
    }
    for answer in racing.join_all().await {
        // The winner, a replay answered with the approved case, or a conflict: never an error.
        assert!(matches!(answer.status, StatusCode::OK | StatusCode::CONFLICT), "{} {}", answer.status, answer.body);
    }
    let approved: Case = mette.get(&format!("/api/cases/{}", case.id)).await.json();
    assert_eq!(approved.status, CaseStatus::Approved);
    let approvals = approved.history.iter().filter(|entry| entry.event == "approved").count();
    assert_eq!(approvals, 1, "{:?}", approved.history);
    assert_eq!(receipts(&mette).await, 1);
}

#[tokio::test]
async fn a_document_uploaded_on_one_instance_is_read_on_another() {
    let a = start().await;
    let b = another_instance(&a).await;
    let mut ida = Tab::new(&a);
    ida.login("ida").await;
    let case = create(&ida, "Fonden for Dansk Kunsthåndværk", "documentation").await;
    let reply = upload(&ida, &case, "identity", "application/pdf", b"%PDF-1.4 identitet".to_vec()).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let case: Case = reply.json();
    let mut signe = Tab::new(&b);
    signe.login("signe").await;
    let document = format!("{}/api/review/cases/{}/documents/{}", b.base, case.id, case.documents[0].id);
    // Sent for review on A, read by the caseworker on B.
    let case = ok(&ida, &case, "administrators", json!({ "administrators": [admin("Ida Christensen", "ida@example.dk")] })).await;
    let version = terms_version(&ida).await;
    let case = ok(&ida, &case, "terms", json!({ "terms_version": version })).await;
    let reply = upload(&ida, &case, "affiliation", "application/pdf", b"%PDF-1.4 tilknytning".to_vec()).await;
    ok(&ida, &reply.json(), "submit", json!({})).await;
    let file = signe.http.get(document).send().await.unwrap();
    assert_eq!(file.status(), StatusCode::OK);
    assert_eq!(file.bytes().await.unwrap().as_ref(), b"%PDF-1.4 identitet");
}

/// Records every message it is asked to send, letting others run in between.
#[derive(Default)]
struct Recorder(Mutex<Vec<String>>);

#[async_trait]
impl MailSender for Recorder {
    async fn send(&self, to: &str, _subject: &str, _body: &str, _key: &str) -> Result<(), String> {
        tokio::task::yield_now().await;
        self.0.lock().unwrap().push(to.to_string());
        Ok(())
    }
}

#[tokio::test]
async fn an_outbox_delivered_by_two_instances_sends_each_message_once() {
    let server = start().await;
    let (first, second) = (common::database(&server).await, common::database(&server).await);
    let mut conn = first.acquire().await.unwrap();
    for n in 0..60 {
        let message = Message { subject: "Kvittering".into(), body: "hej".into(), kind: "receipt" };
        enqueue(&mut conn, &format!("person{n}@firma.dk"), None, &message).await.unwrap();
    }
    drop(conn);
    let sender = Recorder::default();
    let now = chrono::Utc::now();
    let (one, two) = tokio::join!(deliver_pending(&first, &sender, now), deliver_pending(&second, &sender, now));
    assert_eq!(one.unwrap() + two.unwrap(), 60);
    let sent = sender.0.into_inner().unwrap();
    assert_eq!(sent.iter().collect::<HashSet<_>>().len(), 60, "each once: {sent:?}");
    assert_eq!(sent.len(), 60);
}

/// The server binary as another instance on `server`'s database; its address once it listens.
async fn run_instance(server: &TestServer) -> (tokio::process::Child, String) {
    let database = match &server.database {
        Database::Sqlite(path) => path.display().to_string(),
        Database::Postgres(url) => url.clone(),
    };
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_tilslut-server"))
        .env_clear()
        .env("TILSLUT_DIST", server.dir.path().join("dist"))
        .env("TILSLUT_DATABASE", database)
        .env("TILSLUT_ADDR", "127.0.0.1:0")
        .env("TILSLUT_DEV_LOGIN", "1")
        .stdout(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut lines = tokio::io::BufReader::new(child.stdout.take().unwrap()).lines();
    let line = within_a_minute("the instance starting", lines.next_line()).await.unwrap().expect("the instance's address");
    let address = line.split_whitespace().find(|word| word.starts_with("http://")).expect("an address").trim_end_matches('/');
    (child, address.to_string())
}

#[tokio::test]
async fn an_instance_killed_in_the_middle_of_a_journey_leaves_nothing_half_written() {
    let b = start().await;
    let (mut a, a_address) = run_instance(&b).await;
    let mut mette = Tab::new(&b);
    mette.base = a_address;
    mette.login("mette").await;
    let case = ready_to_approve(&mette).await;

    // The approval is on its way to A when A is killed: it lands whole or not at all.
    let approving = {
        let (tab, case) = (mette.second_tab(), case.clone());
        tokio::spawn(async move { act(&tab, &case, "approve", json!({})).await })
    };
    a.start_kill().unwrap();
    a.wait().await.unwrap();
    let _ = approving.await;

    // B goes on with the same session.
    let on_b = mette.on(&b);
    assert_eq!(on_b.get("/api/session").await.status, StatusCode::OK);
    let now: Case = on_b.get(&format!("/api/cases/{}", case.id)).await.json();
    match now.status {
        CaseStatus::Approved => assert!(now.approval.is_some()),
        CaseStatus::AwaitingApproval | CaseStatus::Draft => {
            assert!(now.approval.is_none());
            assert_eq!(receipts(&on_b).await, 0, "no receipt for an approval that did not happen");
            ok(&on_b, &now, "approve", json!({})).await;
        }
        other => panic!("the case is {other:?}"),
    }
    assert_eq!(receipts(&on_b).await, 1);
}
