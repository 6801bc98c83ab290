//! An anmelder's preparation over real HTTP: prepared, approved, changed, withdrawn, rejected
//! with a reason, and nothing of it shown to a stranger.

use crate::common;

use common::{act, admin, create, cvr, ok, start, terms_version, Tab};
use reqwest::StatusCode;
use serde_json::json;
use tilslut_api::{Case, CaseStatus};

/// Anmelder Anders prepares for Nielsen Rådgivning ApS; Lars approves.
pub async fn prepared_case(server: &common::TestServer) -> (Tab, Tab, Case) {
    let mut anders = Tab::new(server);
    anders.login("anders").await;
    let case = create(&anders, "Nielsen Rådgivning ApS", "anmelder").await;
    let lookup = anders.get(&format!("/api/organisations/{}", cvr("Nielsen Rådgivning ApS"))).await;
    assert_eq!(lookup.body["representatives"][0]["person"]["id"], "lars");
    let case = ok(&anders, &case, "approver", json!({ "person_id": "lars" })).await;
    let case = ok(
        &anders,
        &case,
        "administrators",
        json!({ "administrators": [
            { "name": "Anders Poulsen", "email": "anders@example.dk", "date_of_birth": "1985-03-02", "is_self": true },
        ]}),
    )
    .await;
    let case = ok(&anders, &case, "submit", json!({})).await;
    assert_eq!(case.status, CaseStatus::AwaitingApproval);
    let mut lars = Tab::new(server);
    lars.login("lars").await;
    lars.choose(json!({ "kind": "private" })).await;
    (anders, lars, case)
}

#[tokio::test]
async fn an_anmelder_prepares_and_the_representative_approves() {
    let server = start().await;
    let (anders, lars, case) = prepared_case(&server).await;
    let request = &anders.mailbox().await[0];
    assert_eq!((request.kind.as_str(), request.to.as_str()), ("approval_requested", "lars@example.dk"));
    // An absolute link, on the address the service is reached at: an e-mail has no page to be relative to.
    assert!(request.body.contains(&format!("{}/godkend/{}", common::SITE, case.id)), "{}", request.body);

    // The anmelder cannot accept terms or approve.
    let version = terms_version(&anders).await;
    assert_eq!(act(&anders, &case, "terms", json!({ "terms_version": version })).await.status, StatusCode::FORBIDDEN);
    assert_eq!(act(&anders, &case, "approve", json!({})).await.status, StatusCode::FORBIDDEN);

    // Lars finds it, changes an administrator, accepts and approves.
    let waiting: Vec<Case> = lars.get("/api/cases").await.json();
    assert_eq!(waiting[0].id, case.id);
    let case = ok(
        &lars,
        &case,
        "administrators",
        json!({ "administrators": [
            admin("Anders Poulsen", "anders@example.dk"), admin("Lars Nielsen", "lars@example.dk"),
        ]}),
    )
    .await;
    let case = ok(&lars, &case, "terms", json!({ "terms_version": version })).await;
    let approved = ok(&lars, &case, "approve", json!({ "language": "en" })).await;
    assert_eq!(approved.status, CaseStatus::Approved);
    assert!(approved.approval.unwrap().signing_text.starts_with("I, Lars Nielsen, as management representative"));
    let kinds: Vec<String> = anders.mailbox().await.into_iter().map(|m| format!("{}:{}", m.kind, m.to)).collect();
    assert_eq!(
        kinds,
        [
            "approval_requested:lars@example.dk",
            "receipt:lars@example.dk",
            "administrator_setup:anders@example.dk",
            "administrator_setup:lars@example.dk",
            "case_approved:anders@example.dk",
        ]
    );
}

#[tokio::test]
async fn a_stranger_sees_nothing_of_a_case() {
    let server = start().await;
    let (_, _, case) = prepared_case(&server).await;
    let mut emil = Tab::new(&server);
    emil.login("emil").await;
    assert_eq!(emil.get(&format!("/api/cases/{}", case.id)).await.status, StatusCode::NOT_FOUND);
    assert_eq!(act(&emil, &case, "approve", json!({})).await.status, StatusCode::NOT_FOUND);
    assert_eq!(act(&emil, &case, "reject", json!({ "reason": "nej" })).await.status, StatusCode::NOT_FOUND);
    let listed: Vec<Case> = emil.get("/api/cases").await.json();
    assert!(listed.is_empty());
}

#[tokio::test]
async fn rejection_needs_a_reason_and_reaches_the_anmelder() {
    let server = start().await;
    let (anders, lars, case) = prepared_case(&server).await;
    let no_reason = act(&lars, &case, "reject", json!({ "reason": "  " })).await;
    assert_eq!(no_reason.field_codes(), [("reason".to_string(), "reason_required".to_string())]);
    let rejected = ok(&lars, &case, "reject", json!({ "reason": "Forkert administrator" })).await;
    assert_eq!(rejected.status, CaseStatus::Rejected);
    let seen: Case = anders.get(&format!("/api/cases/{}", case.id)).await.json();
    assert_eq!(seen.rejection_reason.as_deref(), Some("Forkert administrator"));
    let last = anders.mailbox().await.pop().unwrap();
    assert_eq!((last.kind.as_str(), last.to.as_str()), ("case_rejected", "anders@example.dk"));
    assert!(last.body.contains("Forkert administrator"));
}

#[tokio::test]
async fn the_anmelder_changes_and_withdraws_before_approval() {
    let server = start().await;
    let (anders, lars, case) = prepared_case(&server).await;
    let changed = ok(&anders, &case, "administrators", json!({ "administrators": [admin("Ny Admin", "ny@firma.dk")] })).await;
    let notices = anders.mailbox().await.into_iter().filter(|m| m.kind == "approval_requested").count();
    assert_eq!(notices, 2, "a change after submission notifies the representative again");
    // Lars's page still shows the old version: his approval is refused until he reloads.
    let version = terms_version(&lars).await;
    let stale = act(&lars, &case, "terms", json!({ "terms_version": version })).await;
    assert_eq!(stale.code(), "stale_version");
    let withdrawn = ok(&anders, &changed, "withdraw", json!({})).await;
    assert_eq!(withdrawn.status, CaseStatus::Withdrawn);
    assert_eq!(act(&lars, &withdrawn, "approve", json!({})).await.code(), "wrong_status");
    let told = anders.mailbox().await.into_iter().find(|m| m.kind == "preparation_withdrawn").expect("the approver is told");
    assert_eq!(told.to, "lars@example.dk");
}
