//! A person's own e-mail address (issue 30, point 4): given, confirmed by a code sent there, and
//! only then mailed. A broker seldom gives an address; the demo's persons have confirmed ones (the
//! register's), so Ida's confirmation is taken back here, as if her address were a broker's
//! suggestion.

use crate::common::{self, act, admin, create, start, terms_version, upload, Tab};
use reqwest::StatusCode;
use serde_json::json;
use tilslut_api::Session;

/// The code in the latest code mail to `to`.
async fn code_sent_to(tab: &Tab, to: &str) -> String {
    let mails = tab.mailbox().await;
    let mail = mails.iter().rfind(|m| m.kind == "email_code" && m.to == to).expect("a code mail");
    mail.subject.rsplit(' ').next().unwrap().to_string()
}

#[tokio::test]
async fn an_address_is_mailed_only_once_its_person_confirms_it_with_the_code_sent_there() {
    let server = start().await;
    let mut ida = Tab::new(&server);
    ida.login("ida").await;
    let database = common::database(&server).await;
    sqlx::query("UPDATE persons SET email_confirmed_at = NULL WHERE id = 'ida'").execute(&database).await.unwrap();
    let session: Session = ida.get("/api/session").await.json();
    assert!(!session.email_confirmed);

    // Sent to review without a confirmed address: the case goes on, no mail goes out.
    let case = create(&ida, "Fonden for Dansk Kunsthåndværk", "documentation").await;
    let case = act(&ida, &case, "administrators", json!({ "administrators": [admin("Ida Christensen", "ida@example.dk")] })).await.json();
    let version = terms_version(&ida).await;
    let mut case: tilslut_api::Case = act(&ida, &case, "terms", json!({ "terms_version": version })).await.json();
    for kind in ["identity", "affiliation"] {
        case = upload(&ida, &case, kind, "application/pdf", b"%PDF-1.4 x".to_vec()).await.json();
    }
    assert_eq!(act(&ida, &case, "submit", json!({})).await.status, StatusCode::OK);
    assert!(ida.mailbox().await.iter().all(|m| m.to != "ida@example.dk"), "never to an address she did not confirm");

    // She gives one: a code goes there, and nothing else.
    let bad = ida.put("/api/session/email", json!({ "email": "ida@privat" })).await;
    assert_eq!(bad.field_codes(), [("email".to_string(), "email_invalid".to_string())]);
    let given = ida.put("/api/session/email", json!({ "email": " ida@privat.dk " })).await;
    assert_eq!(given.status, StatusCode::OK, "{}", given.body);
    assert_eq!(given.json::<Session>().email_pending.as_deref(), Some("ida@privat.dk"));
    let again = ida.put("/api/session/email", json!({ "email": "ida@privat.dk" })).await;
    assert_eq!(again.status, StatusCode::TOO_MANY_REQUESTS, "codes are not mailed in a loop");
    assert!(again.headers.contains_key("retry-after"));
    let code = code_sent_to(&ida, "ida@privat.dk").await;

    // A wrong code is said in the field; the right one confirms the address.
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let refused = ida.post("/api/session/email/confirm", json!({ "code": wrong })).await;
    assert_eq!(refused.field_codes(), [("code".to_string(), "code_wrong".to_string())]);
    let confirmed = ida.post("/api/session/email/confirm", json!({ "code": format!("{} {}", &code[..3], &code[3..]) })).await;
    assert_eq!(confirmed.status, StatusCode::OK, "{}", confirmed.body);
    let session: Session = confirmed.json();
    assert_eq!((session.email.as_str(), session.email_confirmed, session.email_pending), ("ida@privat.dk", true, None));
    let used = ida.post("/api/session/email/confirm", json!({ "code": code })).await;
    assert_eq!(used.field_codes(), [("code".to_string(), "code_expired".to_string())], "a code works once");

    // From now on her mail goes there: the caseworker's rejection reaches her.
    let mut signe = Tab::new(&server);
    signe.login("signe").await;
    let decision = json!({ "version": case.version + 1, "approve": false, "reason": "Referatet mangler." });
    assert_eq!(signe.post(&format!("/api/review/cases/{}/decision", case.id), decision).await.status, StatusCode::OK);
    assert!(ida.mailbox().await.iter().any(|m| m.kind == "case_rejected" && m.to == "ida@privat.dk"));
}

#[tokio::test]
async fn a_code_tried_too_often_is_dead() {
    let server = start().await;
    let mut lars = Tab::new(&server);
    lars.login("lars").await;
    assert_eq!(lars.put("/api/session/email", json!({ "email": "lars@privat.dk" })).await.status, StatusCode::OK);
    let code = code_sent_to(&lars, "lars@privat.dk").await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    for _ in 0..5 {
        lars.post("/api/session/email/confirm", json!({ "code": wrong })).await;
    }
    let late = lars.post("/api/session/email/confirm", json!({ "code": code })).await;
    assert_eq!(late.field_codes(), [("code".to_string(), "code_expired".to_string())]);
    // His confirmed address stays as it was until a new code confirms another.
    let session: Session = lars.get("/api/session").await.json();
    assert_eq!((session.email.as_str(), session.email_confirmed), ("lars@example.dk", true));
}
