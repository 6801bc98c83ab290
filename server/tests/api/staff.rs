//! After the connection and around it, over real HTTP: the administrators' set-up links, the
//! caseworker's queue and decisions, and terms published ahead of their day.

use crate::common;

use common::{act, admin, create, ok, start, terms_version, upload, Tab, TestServer};
use reqwest::StatusCode;
use serde_json::json;
use tilslut_api::{Case, CaseStatus, ReviewConflict, ReviewItem, SetupLink};

const DAY: i64 = 24 * 60 * 60;

/// Mette connects her company with `administrators`; the case as approved.
async fn connected(mette: &Tab, administrators: serde_json::Value) -> Case {
    let case = create(mette, "Jensens Tømrerforretning", "representative").await;
    let case = ok(mette, &case, "administrators", json!({ "administrators": administrators })).await;
    let version = terms_version(mette).await;
    let case = ok(mette, &case, "terms", json!({ "terms_version": version })).await;
    ok(mette, &case, "approve", json!({})).await
}

/// The token of the latest set-up link mailed to `to`.
async fn link_token(tab: &Tab, to: &str) -> String {
    let mails = tab.mailbox().await;
    let mail = mails.iter().rfind(|m| m.kind == "administrator_setup" && m.to == to).expect("a set-up mail");
    let link = format!("{}/opsaet/", common::SITE);
    let start = mail.body.find(&link).expect("a link on the public address") + link.len();
    mail.body[start..].chars().take_while(char::is_ascii_alphanumeric).collect()
}

#[tokio::test]
async fn an_administrator_confirms_through_the_link_once_and_the_representative_sees_it() {
    let server = start().await;
    let mut mette = Tab::new(&server);
    mette.login("mette").await;
    let case = connected(&mette, json!([admin("Bent Revisor", "bent@revision.dk"), admin("Else Bogholder", "else@revision.dk")])).await;
    assert!(case.setup.iter().all(|a| a.confirmed_at.is_none()), "{:?}", case.setup);
    let (bent, else_) = (link_token(&mette, "bent@revision.dk").await, link_token(&mette, "else@revision.dk").await);

    // The administrator has no login here: the link is the key.
    let anyone = Tab::new(&server);
    let shown = anyone.get(&format!("/api/setup/{bent}")).await;
    assert_eq!(shown.status, StatusCode::OK, "{}", shown.body);
    let link: SetupLink = shown.json();
    assert_eq!((link.name.as_str(), link.organisation.name.as_str()), ("Bent Revisor", "Jensens Tømrerforretning"));
    assert_eq!((link.expires_on - chrono::Utc::now().date_naive()).num_days(), 60);

    assert_eq!(anyone.post(&format!("/api/setup/{bent}/confirm"), json!({})).await.status, StatusCode::OK);
    for used in [anyone.get(&format!("/api/setup/{bent}")).await, anyone.post(&format!("/api/setup/{bent}/confirm"), json!({})).await] {
        assert_eq!((used.status, used.code()), (StatusCode::GONE, "setup_link_used"));
    }
    let unknown = anyone.get(&format!("/api/setup/{}", "0".repeat(64))).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    let demo = anyone.get(&format!("/api/setup/{}", tilslut_server::seed::EXPIRED_SETUP_TOKEN)).await;
    assert_eq!(demo.code(), "setup_link_expired");

    let seen: Case = mette.get(&format!("/api/cases/{}", case.id)).await.json();
    let confirmed: Vec<(&str, bool)> = seen.setup.iter().map(|a| (a.email.as_str(), a.confirmed_at.is_some())).collect();
    assert_eq!(confirmed, [("bent@revision.dk", true), ("else@revision.dk", false)]);
    assert_eq!(seen.history.last().unwrap().event, "administrator_confirmed");

    // Only the hash is kept.
    let database = common::database(&server).await;
    let hashes: Vec<String> =
        sqlx::query_scalar("SELECT token_hash FROM setup_links WHERE case_id = $1").bind(&case.id).fetch_all(&database).await.unwrap();
    assert_eq!(hashes.len(), 2);
    assert!(hashes.iter().all(|hash| *hash != bent && *hash != else_));

    server.clock.advance(61 * DAY);
    let expired = anyone.get(&format!("/api/setup/{else_}")).await;
    assert_eq!((expired.status, expired.code()), (StatusCode::GONE, "setup_link_expired"));
    let expired = anyone.post(&format!("/api/setup/{else_}/confirm"), json!({})).await;
    assert_eq!((expired.status, expired.code()), (StatusCode::GONE, "setup_link_expired"));

    // The representative sends Else a new link; the old one is dead. Bent, who confirmed, needs
    // none, and nobody else may send one.
    let renew = |email: &str| json!({ "email": email });
    mette.login("mette").await;
    let mut lars = Tab::new(&server);
    lars.login("lars").await;
    assert_eq!(act(&lars, &seen, "setup-link", renew("else@revision.dk")).await.status, StatusCode::NOT_FOUND);
    let used = act(&mette, &seen, "setup-link", renew("bent@revision.dk")).await;
    assert_eq!((used.status, used.code()), (StatusCode::GONE, "setup_link_used"));
    let renewed = act(&mette, &seen, "setup-link", renew("else@revision.dk")).await;
    assert_eq!(renewed.status, StatusCode::OK, "{}", renewed.body);
    let renewed: Case = renewed.json();
    let last_day = chrono::Utc::now().date_naive() + chrono::Days::new(61 + 60);
    assert_eq!(renewed.setup.iter().find(|a| a.email == "else@revision.dk").unwrap().expires_on, last_day);
    assert_eq!(anyone.get(&format!("/api/setup/{else_}")).await.status, StatusCode::NOT_FOUND, "the old link is dead");
    let new = link_token(&mette, "else@revision.dk").await;
    assert_ne!(new, else_);
    assert_eq!(anyone.post(&format!("/api/setup/{new}/confirm"), json!({})).await.status, StatusCode::OK);
}

/// Ida's documentation case for the foundation, with both documents, sent to review.
async fn documentation_in_review(server: &TestServer) -> (Tab, Case) {
    documentation_by(server, "ida", &[admin("Ida Christensen", "ida@example.dk")]).await
}

/// `person`'s documentation case for the foundation with `administrators`, sent to review.
async fn documentation_by(server: &TestServer, person: &str, administrators: &[serde_json::Value]) -> (Tab, Case) {
    let (ida, case) = documentation_draft(server, person, administrators).await;
    let case = ok(&ida, &case, "submit", json!({})).await;
    (ida, case)
}

/// [`documentation_by`], not yet sent.
async fn documentation_draft(server: &TestServer, person: &str, administrators: &[serde_json::Value]) -> (Tab, Case) {
    let mut ida = Tab::new(server);
    ida.login(person).await;
    let case = create(&ida, "Fonden for Dansk Kunsthåndværk", "documentation").await;
    let case = ok(&ida, &case, "administrators", json!({ "administrators": administrators })).await;
    let version = terms_version(&ida).await;
    let mut case = ok(&ida, &case, "terms", json!({ "terms_version": version })).await;
    for kind in ["identity", "affiliation"] {
        let reply = upload(&ida, &case, kind, "application/pdf", format!("%PDF-1.4 {kind}").into_bytes()).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        case = reply.json();
    }
    (ida, case)
}

async fn caseworker(server: &TestServer) -> Tab {
    let mut signe = Tab::new(server);
    assert!(signe.login("signe").await.caseworker);
    signe
}

#[tokio::test]
async fn a_caseworker_sees_documentation_only_once_it_is_sent() {
    let server = start().await;
    let (ida, draft) = documentation_draft(&server, "ida", &[admin("Ida Christensen", "ida@example.dk")]).await;
    let signe = caseworker(&server).await;
    let document = format!("/api/review/cases/{}/documents/{}", draft.id, draft.documents[0].id);
    for path in [format!("/api/review/cases/{}", draft.id), document.clone()] {
        assert_eq!(signe.get(&path).await.status, StatusCode::NOT_FOUND, "{path}: a draft's documents are the applicant's own");
    }
    let sent = ok(&ida, &draft, "submit", json!({})).await;
    // The applicant is told it arrived, by when to expect a decision, and where to follow it.
    let mails = ida.mailbox().await;
    let receipt = mails.iter().find(|m| m.kind == "sent_for_review").expect("a confirmation of what was sent");
    let due = tilslut_api::dates::format_date(sent.decision_due.unwrap());
    assert!(receipt.to == "ida@example.dk" && receipt.body.contains(&format!("senest {due}")), "{receipt:?}");
    assert!(receipt.body.contains(&format!("{}/tilslut/{}/status", common::SITE, sent.id)), "{}", receipt.body);
    assert_eq!(signe.get(&document).await.status, StatusCode::OK);
    let seen: Case = signe.get(&format!("/api/review/cases/{}", sent.id)).await.json();
    assert_eq!((seen.stated_role.as_deref(), seen.review_conflict), (Some("Bestyrelsesformand"), None));
}

#[tokio::test]
async fn a_caseworker_decides_no_case_she_is_part_of_and_the_queue_says_why() {
    for (starter, administrator, conflict) in [
        ("signe", admin("Signe Holt", "signe@example.dk"), ReviewConflict::StartedByYou),
        ("ida", admin("Signe Holt", "Signe@Example.dk"), ReviewConflict::YouAreAdministrator),
    ] {
        // A server each: the foundation has one open case at a time.
        let server = start().await;
        let signe = caseworker(&server).await;
        let (applicant, case) = documentation_by(&server, starter, &[administrator]).await;
        let queue: Vec<ReviewItem> = signe.get("/api/review/cases").await.json();
        assert_eq!(queue.iter().map(|item| item.conflict).collect::<Vec<_>>(), [Some(conflict)]);
        let seen: Case = signe.get(&format!("/api/review/cases/{}", case.id)).await.json();
        assert_eq!(seen.review_conflict, Some(conflict));
        let decision =
            signe.post(&format!("/api/review/cases/{}/decision", case.id), json!({ "version": case.version, "approve": true })).await;
        assert_eq!((decision.status, decision.code()), (StatusCode::FORBIDDEN, "own_case"), "{}", decision.body);
        let waiting: Case = applicant.get(&format!("/api/cases/{}", case.id)).await.json();
        assert_eq!(waiting.status, CaseStatus::AwaitingManualReview, "still waiting for another caseworker");
    }
}

#[tokio::test]
async fn a_caseworker_decides_from_the_queue_and_nobody_else_sees_it() {
    let server = start().await;
    let (ida, case) = documentation_in_review(&server).await;
    let signe = caseworker(&server).await;

    let queue: Vec<ReviewItem> = signe.get("/api/review/cases").await.json();
    assert_eq!(queue.len(), 1);
    assert_eq!((queue[0].case_id.as_str(), queue[0].documents, queue[0].overdue), (case.id.as_str(), 2, false));
    assert_eq!(Some(queue[0].decision_due), case.decision_due);
    let identity = case.documents.iter().find(|d| d.kind.as_str() == "identity").unwrap();
    let document = format!("/api/review/cases/{}/documents/{}", case.id, identity.id);
    let file = signe.http.get(format!("{}{document}", server.base)).send().await.unwrap();
    assert_eq!(file.headers()["content-type"], "application/pdf");
    assert_eq!(file.headers()["content-security-policy"], "sandbox");
    assert!(file.headers()["content-disposition"].to_str().unwrap().starts_with("attachment;"));
    assert_eq!(file.bytes().await.unwrap().as_ref(), b"%PDF-1.4 identity");

    // Not the person who sent it, not a representative, not anonymous: for them it is not there.
    let mut lars = Tab::new(&server);
    lars.login("lars").await;
    for tab in [&ida, &lars] {
        assert!(!tab.get("/api/session").await.json::<tilslut_api::Session>().caseworker);
        for path in ["/api/review/cases".to_string(), format!("/api/review/cases/{}", case.id), document.clone()] {
            assert_eq!(tab.get(&path).await.status, StatusCode::NOT_FOUND, "{path}");
        }
        let decision =
            tab.post(&format!("/api/review/cases/{}/decision", case.id), json!({ "version": case.version, "approve": true })).await;
        assert_eq!(decision.status, StatusCode::NOT_FOUND);
    }
    assert_eq!(Tab::new(&server).get(&document).await.status, StatusCode::UNAUTHORIZED);
    // A case that is not a documentation case is not the caseworker's.
    let own = create(&lars, "Nielsen Rådgivning ApS", "representative").await;
    assert_eq!(signe.get(&format!("/api/review/cases/{}", own.id)).await.status, StatusCode::NOT_FOUND);

    let decision = format!("/api/review/cases/{}/decision", case.id);
    let decide = |body| signe.post(&decision, body);
    let no_reason = decide(json!({ "version": case.version, "approve": false, "reason": "  " })).await;
    assert_eq!(no_reason.field_codes(), [("reason".to_string(), "reason_required".to_string())]);
    let stale = decide(json!({ "version": case.version - 1, "approve": false, "reason": "Gammel" })).await;
    assert_eq!(stale.code(), "stale_version");
    let reason = "Bestyrelsesreferatet nævner ikke Ida Christensen.";
    let rejected = decide(json!({ "version": case.version, "approve": false, "reason": reason })).await;
    assert_eq!(rejected.status, StatusCode::OK, "{}", rejected.body);
    // A retry whose answer was lost gets the decided case.
    assert_eq!(decide(json!({ "version": case.version, "approve": false, "reason": reason })).await.status, StatusCode::OK);
    let decided: Case = signe.get(&format!("/api/review/cases/{}", case.id)).await.json();
    assert_eq!(decided.status, CaseStatus::Rejected);
    let last = decided.history.last().unwrap();
    assert_eq!((last.event.as_str(), last.by.as_ref().unwrap().name.as_str()), ("rejected", "Signe Holt"));
    assert_eq!(signe.get(&document).await.status, StatusCode::NOT_FOUND, "a closed case keeps no documents");
    assert!(signe.get("/api/review/cases").await.json::<Vec<ReviewItem>>().is_empty());
    let mail = ida.mailbox().await.into_iter().find(|m| m.kind == "case_rejected").unwrap();
    assert!(mail.body.contains(reason), "{}", mail.body);

    let database = common::database(&server).await;
    let audited: Vec<String> = sqlx::query_scalar("SELECT event FROM audit_log WHERE event IN ('case_decided', 'authorisation_failed')")
        .fetch_all(&database)
        .await
        .unwrap();
    assert!(audited.contains(&"case_decided".to_string()) && audited.contains(&"authorisation_failed".to_string()), "{audited:?}");
}

#[tokio::test]
async fn a_case_past_its_due_day_is_marked_overdue_and_an_approval_sends_the_links() {
    let server = start().await;
    let (_ida, case) = documentation_in_review(&server).await;
    server.clock.advance(20 * DAY);
    let signe = caseworker(&server).await;
    let queue: Vec<ReviewItem> = signe.get("/api/review/cases").await.json();
    assert!(queue[0].overdue);
    let approved =
        signe.post(&format!("/api/review/cases/{}/decision", case.id), json!({ "version": case.version, "approve": true })).await;
    assert_eq!(approved.json::<Case>().status, CaseStatus::Approved);
    assert!(signe.mailbox().await.iter().any(|m| m.kind == "administrator_setup" && m.to == "ida@example.dk"));
}

#[tokio::test]
async fn terms_are_published_ahead_announced_and_then_asked_for() {
    let server = start().await;
    let mut mette = Tab::new(&server);
    mette.login("mette").await;
    connected(&mette, json!([admin("Bent Revisor", "bent@revision.dk")])).await;
    let mut lars = Tab::new(&server);
    lars.login("lars").await;
    let open = create(&lars, "Nielsen Rådgivning ApS", "representative").await;
    let open = ok(&lars, &open, "administrators", json!({ "administrators": [admin("Bent Revisor", "bent@revision.dk")] })).await;
    let old = terms_version(&lars).await;
    let open = ok(&lars, &open, "terms", json!({ "terms_version": old })).await;

    let signe = caseworker(&server).await;
    let today = server.clock.at().date_naive();
    let terms = |version: &str, title: &str, effective_from: chrono::NaiveDate| json!({ "version": version, "title": title, "body": "1. Formål\nNye vilkår.", "effective_from": effective_from });
    let in_three_months = tilslut_api::earliest_effective_day(today);
    let too_soon = signe.post("/api/review/terms", terms("2027-1", "Vilkår", in_three_months.pred_opt().unwrap())).await;
    assert_eq!(too_soon.field_codes(), [("effective_from".to_string(), "effective_from_too_soon".to_string())]);
    let untitled = signe.post("/api/review/terms", terms("2027-1", " ", in_three_months)).await;
    assert_eq!(untitled.field_codes(), [("title".to_string(), "terms_text_required".to_string())]);
    assert_eq!(mette.post("/api/review/terms", terms("2027-1", "Vilkår", in_three_months)).await.status, StatusCode::NOT_FOUND);
    let published = signe.post("/api/review/terms", terms("2027-1", "Vilkår, version 2", in_three_months)).await;
    assert_eq!(published.status, StatusCode::OK, "{}", published.body);
    assert_eq!(signe.post("/api/review/terms", terms("2027-1", "Igen", in_three_months)).await.code(), "terms_version_exists");

    // The administrators of the connected organisations (the demo's Nielsen Holding, and Mette's
    // just now) are told; the terms in force are unchanged.
    let told: Vec<String> = mette.mailbox().await.into_iter().filter(|m| m.kind == "terms_published").map(|m| m.to).collect();
    assert_eq!(told, ["lars@example.dk", "bent@revision.dk"]);
    assert_eq!(terms_version(&lars).await, old);

    // An organisation connected during the notice is told of them in its receipt and set-up mail.
    let mut karen = Tab::new(&server);
    karen.login("karen").await;
    let hygge = create(&karen, "Hygge Design ApS", "representative").await;
    let hygge = ok(&karen, &hygge, "administrators", json!({ "administrators": [admin("Karen Holm", "karen@hygge.dk")] })).await;
    let hygge = ok(&karen, &hygge, "terms", json!({ "terms_version": old })).await;
    ok(&karen, &hygge, "approve", json!({})).await;
    let mails = karen.mailbox().await;
    let coming = format!("version 2027-1, som gælder for Hygge Design ApS fra {}", tilslut_api::dates::format_date(in_three_months));
    for kind in ["receipt", "administrator_setup"] {
        let mail = mails.iter().rfind(|m| m.kind == kind).unwrap();
        assert!(mail.body.contains(&coming), "{kind}: {}", mail.body);
    }

    // From their day, the case open across the change asks for the new version.
    server.clock.advance((in_three_months - today).num_days() * DAY);
    lars.login("lars").await;
    assert_eq!(terms_version(&lars).await, "2027-1");
    let refused = act(&lars, &open, "approve", json!({})).await;
    assert_eq!((refused.status, refused.code()), (StatusCode::CONFLICT, "terms_changed"));
    let open = ok(&lars, &open, "terms", json!({ "terms_version": "2027-1" })).await;
    assert_eq!(ok(&lars, &open, "approve", json!({})).await.status, CaseStatus::Approved);
}

#[tokio::test]
async fn the_pages_after_a_connection_come_from_their_own_bundle() {
    use base64::Engine as _;
    use sha2::Digest as _;
    let server = start().await;
    let get = |path: &str| reqwest::get(format!("{}{path}", server.base));
    let hash = base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest("startFollowUp()"));
    for path in ["/opsaet/abc", "/sagsbehandling", "/sagsbehandling/", "/sagsbehandling/vilkaar", "/sagsbehandling/sag/c-1"] {
        let page = get(path).await.unwrap();
        let policy = page.headers()["content-security-policy"].to_str().unwrap().to_string();
        assert!(policy.contains(&hash), "its start-up script may run: {policy}");
        assert!(page.text().await.unwrap().contains("follow-up bundle"), "{path}");
    }
    for path in ["/", "/tilslut/organisation", "/sagsbehandlingen"] {
        assert!(!get(path).await.unwrap().text().await.unwrap().contains("follow-up bundle"), "{path}");
    }
}

#[tokio::test]
async fn a_long_history_comes_a_page_at_a_time() {
    let server = common::start_configured(|config| config.saves_per_minute = std::num::NonZeroU32::new(1000).unwrap()).await;
    let (ida, mut case) = documentation_draft(&server, "ida", &[admin("Ida Christensen", "ida@example.dk")]).await;
    // Saves that take turns are each told: the history grows past a page.
    let version = terms_version(&ida).await;
    for i in 0..30 {
        case =
            ok(&ida, &case, "administrators", json!({ "administrators": [admin("Ida Christensen", &format!("ida{i}@example.dk"))] })).await;
        case = ok(&ida, &case, "terms", json!({ "terms_version": version })).await;
    }
    let case = ok(&ida, &case, "submit", json!({})).await;
    let page = tilslut_api::HISTORY_PAGE as usize;
    let total = case.earlier_history as usize + case.history.len();
    assert!(total > page + 10 && case.history.len() == page, "{total} events, {} in the case", case.history.len());
    assert_eq!(case.history.last().unwrap().event, "submitted_for_review");

    let signe = caseworker(&server).await;
    let first_shown = case.history[0].number;
    let earlier = signe.get(&tilslut_api::paths::review_history(&case.id, first_shown)).await;
    assert_eq!(earlier.status, StatusCode::OK, "{}", earlier.body);
    let earlier: tilslut_api::HistoryPage = earlier.json();
    let numbers: Vec<u32> = earlier.entries.iter().map(|entry| entry.number).collect();
    assert_eq!(numbers, (1..first_shown).collect::<Vec<_>>(), "the rest, oldest first");
    assert_eq!((earlier.earlier, earlier.entries[0].event.as_str()), (0, "created"));

    // Only caseworkers page the history, and only with a number to page from.
    assert_eq!(ida.get(&tilslut_api::paths::review_history(&case.id, first_shown)).await.status, StatusCode::NOT_FOUND);
    let unreadable = signe.get(&format!("/api/review/cases/{}/history?before=many", case.id)).await;
    assert_eq!((unreadable.status, unreadable.code()), (StatusCode::BAD_REQUEST, "invalid_query"));
}
