//! Onboarding cases over real HTTP: every rule, the authorisation matrix, concurrency, and the
//! e-mails each step sends.

use crate::common;

use common::{act, admin, create, cvr, ok, start, terms_version, Tab};
use reqwest::StatusCode;
use serde_json::json;
use tilslut_api::{Case, CaseStatus};

#[tokio::test]
async fn a_sole_proprietor_connects_and_gets_one_receipt() {
    let server = start().await;
    let mut mette = Tab::new(&server);
    mette.login("mette").await;
    let organisations = mette.get("/api/organisations").await;
    assert_eq!(organisations.body[0]["name"], "Jensens Tømrerforretning");

    let case = create(&mette, "Jensens Tømrerforretning", "representative").await;
    assert_eq!(case.status, CaseStatus::Draft);
    let case = ok(
        &mette,
        &case,
        "administrators",
        json!({ "administrators": [
            { "name": "Mette Jensen", "email": "mette@example.dk", "date_of_birth": "01-05-1975", "is_self": true },
            admin("Bent Revisor", "bent@revision.dk"),
        ]}),
    )
    .await;
    let version = terms_version(&mette).await;
    let case = ok(&mette, &case, "terms", json!({ "terms_version": version })).await;
    assert_eq!(case.terms.as_ref().unwrap().accepted_by.name, "Mette Jensen");
    let approved = ok(&mette, &case, "approve", json!({})).await;
    assert_eq!(approved.status, CaseStatus::Approved);
    let approval = approved.approval.clone().unwrap();
    assert!(approval.signing_text.contains("Jensens Tømrerforretning (CVR"), "{}", approval.signing_text);
    assert!(
        approval
            .signing_text
            .ends_with("Jeg underskriver med mit private MitID som ledelsesrepræsentant for Jensens Tømrerforretning (CVR 31000009)."),
        "{}",
        approval.signing_text
    );

    // A double click: the same answer, no second receipt.
    let again = ok(&mette, &case, "approve", json!({})).await;
    assert_eq!(again.approval.unwrap().reference, approval.reference);
    let mails = mette.mailbox().await;
    let kinds: Vec<(&str, &str)> = mails.iter().map(|m| (m.kind.as_str(), m.to.as_str())).collect();
    assert_eq!(
        kinds,
        [("receipt", "mette@example.dk"), ("administrator_setup", "mette@example.dk"), ("administrator_setup", "bent@revision.dk")]
    );
    assert!(mails[0].body.contains(&approval.reference));
    assert!(mails[1].body.contains(&format!("{}/opsaet/", common::SITE)), "{}", mails[1].body);

    let connected = mette.post("/api/cases", json!({ "cvr": cvr("Jensens Tømrerforretning"), "role": "representative" })).await;
    assert_eq!((connected.status, connected.code()), (StatusCode::CONFLICT, "already_connected"));
}

#[tokio::test]
async fn invalid_administrators_change_nothing_and_say_why_per_field() {
    let server = start().await;
    let mut lars = Tab::new(&server);
    lars.login("lars").await;
    lars.choose(json!({ "kind": "private" })).await;
    let case = create(&lars, "Nielsen Rådgivning ApS", "representative").await;
    let refused = act(
        &lars,
        &case,
        "administrators",
        json!({ "administrators": [
            admin("", "lars@example"), admin("Anna", "anna@firma.dk"), admin("Anna B", "ANNA@firma.dk"),
        ]}),
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        refused.field_codes(),
        [
            ("administrators.0.name".to_string(), "name_required".to_string()),
            ("administrators.0.email".to_string(), "email_invalid".to_string()),
            ("administrators.2.email".to_string(), "email_duplicate".to_string()),
        ]
    );
    let empty = act(&lars, &case, "administrators", json!({ "administrators": [] })).await;
    assert_eq!(empty.field_codes(), [("administrators".to_string(), "administrators_required".to_string())]);
    let unchanged: Case = lars.get(&format!("/api/cases/{}", case.id)).await.json();
    assert_eq!((unchanged.version, unchanged.administrators.len()), (case.version, 0));
    let no_terms = act(&lars, &case, "approve", json!({})).await;
    assert_eq!(no_terms.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn a_stale_version_is_refused_and_changes_nothing() {
    let server = start().await;
    let mut lars = Tab::new(&server);
    lars.login("lars").await;
    lars.choose(json!({ "kind": "private" })).await;
    let case = create(&lars, "Nielsen Rådgivning ApS", "representative").await;
    ok(&lars, &case, "administrators", json!({ "administrators": [admin("A", "a@firma.dk")] })).await;
    let stale = act(&lars, &case, "administrators", json!({ "administrators": [admin("B", "b@firma.dk")] })).await;
    assert_eq!((stale.status, stale.code()), (StatusCode::CONFLICT, "stale_version"));
    let now: Case = lars.get(&format!("/api/cases/{}", case.id)).await.json();
    assert_eq!(now.administrators[0].name, "A");
}

#[tokio::test]
async fn one_open_case_per_organisation_even_under_concurrency() {
    let server = start().await;
    let mut lars = Tab::new(&server);
    lars.login("lars").await;
    lars.choose(json!({ "kind": "private" })).await;
    let body = json!({ "cvr": cvr("Havnens Rederi ApS"), "role": "representative" });
    let (a, b) = tokio::join!(lars.post("/api/cases", body.clone()), lars.post("/api/cases", body.clone()));
    let mut statuses = [a.status, b.status];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::CREATED, StatusCode::CONFLICT]);
    // The co-director sees who holds the open case.
    let mut jonas = Tab::new(&server);
    jonas.login("jonas").await;
    jonas.choose(json!({ "kind": "private" })).await;
    let lookup = jonas.get(&format!("/api/organisations/{}", cvr("Havnens Rederi ApS"))).await;
    assert_eq!(lookup.body["open_case"]["started_by"]["name"], "Lars Nielsen");
    assert_eq!(lookup.body["open_case"]["visible_to_you"], true);
}

#[tokio::test]
async fn concurrent_approvals_give_one_approval() {
    let server = start().await;
    let mut mette = Tab::new(&server);
    mette.login("mette").await;
    let case = create(&mette, "Jensens Tømrerforretning", "representative").await;
    let case = ok(&mette, &case, "administrators", json!({ "administrators": [admin("A", "a@firma.dk")] })).await;
    let version = terms_version(&mette).await;
    let case = ok(&mette, &case, "terms", json!({ "terms_version": version })).await;
    let (a, b) = tokio::join!(act(&mette, &case, "approve", json!({})), act(&mette, &case, "approve", json!({})));
    assert_eq!((a.status, b.status), (StatusCode::OK, StatusCode::OK), "{} {}", a.body, b.body);
    let receipts = mette.mailbox().await.into_iter().filter(|m| m.kind == "receipt").count();
    assert_eq!(receipts, 1);
}

/// Found by the load benchmark: a transaction that read first and wrote later failed with
/// SQLITE_BUSY_SNAPSHOT when the session store or the audit log wrote in between.
#[tokio::test]
async fn connections_of_different_organisations_at_once_all_succeed() {
    let server = start().await;
    let mut karen = Tab::new(&server);
    karen.login("karen").await;
    karen.choose(json!({ "kind": "private" })).await;
    let version = terms_version(&karen).await;
    let connect = |company: &'static str| {
        let (karen, version) = (&karen, version.clone());
        async move {
            let case = create(karen, company, "representative").await;
            let case = ok(karen, &case, "administrators", json!({ "administrators": [admin("Karen Holm", "karen@holm.dk")] })).await;
            let case = ok(karen, &case, "terms", json!({ "terms_version": version })).await;
            ok(karen, &case, "approve", json!({})).await.status
        }
    };
    let statuses = tokio::join!(
        connect("Holm Invest ApS"),
        connect("Holm Ejendomme ApS"),
        connect("Holm & Co. ApS"),
        connect("Aarhus Kaffebar IVS"),
        connect("Blomsterhuset Vesterbro ApS"),
        connect("Cykelværkstedet Nørrebro ApS"),
        connect("Dansk Vinimport ApS"),
        connect("Egeskov Snedkeri ApS"),
    );
    assert_eq!(<[CaseStatus; 8]>::from(statuses), [CaseStatus::Approved; 8]);
}

#[tokio::test]
async fn who_may_start_a_case() {
    let server = start().await;
    let mut emil = Tab::new(&server);
    emil.login("emil").await;
    let refused = emil.post("/api/cases", json!({ "cvr": cvr("Nielsen Rådgivning ApS"), "role": "representative" })).await;
    assert_eq!((refused.status, refused.code()), (StatusCode::FORBIDDEN, "not_representative"));
    let mut peter = Tab::new(&server);
    peter.login("peter").await;
    // A board member of an A/S that needs two signatures is still a representative for onboarding.
    create(&peter, "Nordlys Energi A/S", "representative").await;
    let unknown = peter.post("/api/cases", json!({ "cvr": "13748136", "role": "representative" })).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    let bad_cvr = peter.get("/api/organisations/1234").await;
    assert_eq!(bad_cvr.field_codes(), [("cvr".to_string(), "cvr_format".to_string())]);
}

#[tokio::test]
async fn documentation_goes_to_manual_review_with_a_working_day_deadline() {
    let server = start().await;
    let mut ida = Tab::new(&server);
    ida.login("ida").await;
    let case = create(&ida, "Fonden for Dansk Kunsthåndværk", "documentation").await;
    let case = ok(&ida, &case, "administrators", json!({ "administrators": [admin("Ida Christensen", "ida@example.dk")] })).await;
    let version = terms_version(&ida).await;
    let mut case = ok(&ida, &case, "terms", json!({ "terms_version": version })).await;
    let missing = act(&ida, &case, "submit", json!({})).await;
    assert_eq!(
        missing.field_codes(),
        [
            ("documents.identity".to_string(), "document_required".to_string()),
            ("documents.affiliation".to_string(), "document_required".to_string()),
        ]
    );

    let documents_url = format!("{}/api/cases/{}/documents", server.base, case.id);
    let upload = |kind: &'static str, mime: &'static str, bytes: Vec<u8>, version: i64| {
        let form = reqwest::multipart::Form::new()
            .text("version", version.to_string())
            .text("kind", kind)
            .part("file", reqwest::multipart::Part::bytes(bytes).file_name("doc").mime_str(mime).unwrap());
        ida.http.post(&documents_url).header("x-tilslut-context", "private").multipart(form).send()
    };
    let wrong_type = upload("identity", "text/plain", b"hello".to_vec(), case.version).await.unwrap();
    assert_eq!(wrong_type.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let too_big = upload("identity", "application/pdf", vec![0; tilslut_api::MAX_DOCUMENT_BYTES + 1], case.version).await.unwrap();
    assert_eq!(too_big.status(), StatusCode::PAYLOAD_TOO_LARGE);
    for kind in ["identity", "affiliation"] {
        let reply = upload(kind, "application/pdf", b"%PDF-1.4".to_vec(), case.version).await.unwrap();
        assert_eq!(reply.status(), StatusCode::OK);
        case = reply.json().await.unwrap();
    }
    assert_eq!(common::stored_documents(&server).await, 2, "refused uploads leave nothing behind");

    let waiting = ok(&ida, &case, "submit", json!({})).await;
    assert_eq!(waiting.status, CaseStatus::AwaitingManualReview);
    let due = waiting.decision_due.unwrap();
    let today = chrono::Utc::now().date_naive();
    assert!((14..=20).contains(&(due - today).num_days()), "ten working days: {due}");

    let mut signe = Tab::new(&server);
    signe.login("signe").await;
    let decision =
        signe.post(&format!("/api/review/cases/{}/decision", case.id), json!({ "version": waiting.version, "approve": true })).await;
    assert_eq!(decision.status, StatusCode::OK, "{}", decision.body);
    let decided: Case = decision.json();
    assert_eq!(decided.status, CaseStatus::Approved);
    let kinds: Vec<String> = ida.mailbox().await.into_iter().map(|m| m.kind).collect();
    assert_eq!(kinds, ["sent_for_review", "receipt", "administrator_setup"]);
}

#[tokio::test]
async fn a_manual_rejection_says_why() {
    let server = start().await;
    let mut ida = Tab::new(&server);
    ida.login("ida").await;
    let case = create(&ida, "Fonden for Dansk Kunsthåndværk", "documentation").await;
    let mut signe = Tab::new(&server);
    signe.login("signe").await;
    let decision = json!({ "version": case.version, "approve": false, "reason": "x" });
    let not_in_review = signe.post(&format!("/api/review/cases/{}/decision", case.id), decision).await;
    assert_eq!(not_in_review.code(), "not_found", "a draft is not sent for review yet");
    let representative_cannot = {
        let mut lars = Tab::new(&server);
        lars.login("lars").await;
        lars.choose(json!({ "kind": "private" })).await;
        lars.post("/api/cases", json!({ "cvr": cvr("Nielsen Rådgivning ApS"), "role": "documentation" })).await
    };
    assert_eq!(representative_cannot.code(), "is_representative");
}

#[tokio::test]
async fn documentation_is_only_for_an_organisation_whose_representatives_the_register_does_not_show() {
    let server = start().await;
    let mut anders = Tab::new(&server);
    anders.login("anders").await;
    // Dansk Vinimport has a registered director: she approves an anmelder's preparation instead.
    let back_door =
        anders.post("/api/cases", json!({ "cvr": cvr("Dansk Vinimport ApS"), "role": "documentation", "stated_role": "Direktør" })).await;
    assert_eq!((back_door.status, back_door.code()), (StatusCode::CONFLICT, "register_shows_representatives"), "{}", back_door.body);
    create(&anders, "Dansk Vinimport ApS", "anmelder").await;
    // Where the register shows nobody, documentation names the applicant's own title.
    let mut ida = Tab::new(&server);
    ida.login("ida").await;
    let foundation = cvr("Fonden for Dansk Kunsthåndværk");
    for unstated in [
        json!({ "cvr": foundation, "role": "documentation" }),
        json!({ "cvr": foundation, "role": "documentation", "stated_role": " \n " }),
    ] {
        let refused = ida.post("/api/cases", unstated).await;
        assert_eq!(refused.field_codes(), [("stated_role".to_string(), "stated_role_required".to_string())]);
    }
    assert_eq!(create(&ida, "Fonden for Dansk Kunsthåndværk", "documentation").await.stated_role.as_deref(), Some("Bestyrelsesformand"));
}

#[tokio::test]
async fn new_terms_published_while_a_case_is_open_must_be_accepted_before_approval() {
    let server = start().await;
    let mut lars = Tab::new(&server);
    lars.login("lars").await;
    let case = create(&lars, "Nielsen Rådgivning ApS", "representative").await;
    let case = ok(&lars, &case, "administrators", json!({ "administrators": [admin("Bent Revisor", "bent@revision.dk")] })).await;
    let old = terms_version(&lars).await;
    let case = ok(&lars, &case, "terms", json!({ "terms_version": old })).await;

    let new = json!({ "version": "2026-11", "title": "Vilkår, version 2", "body": "Nye vilkår." });
    assert_eq!(lars.post("/api/dev/terms", new.clone()).await.status, StatusCode::OK);
    assert_eq!(lars.post("/api/dev/terms", new).await.code(), "terms_version_exists");
    assert_eq!(terms_version(&lars).await, "2026-11");

    let refused = act(&lars, &case, "approve", json!({})).await;
    assert_eq!((refused.status, refused.code()), (StatusCode::CONFLICT, "terms_changed"));
    let stale_acceptance = act(&lars, &case, "terms", json!({ "terms_version": old })).await;
    assert_eq!(stale_acceptance.code(), "terms_changed");
    let case = ok(&lars, &case, "terms", json!({ "terms_version": "2026-11" })).await;
    assert_eq!(ok(&lars, &case, "approve", json!({})).await.status, CaseStatus::Approved);
}

#[tokio::test]
async fn a_refused_change_is_kept_in_the_audit_log() {
    let server = start().await;
    let (anders, _lars, case) = crate::preparation::prepared_case(&server).await;
    let version = terms_version(&anders).await;
    assert_eq!(act(&anders, &case, "terms", json!({ "terms_version": version })).await.status, StatusCode::FORBIDDEN);
    assert_eq!(act(&anders, &case, "approve", json!({})).await.status, StatusCode::FORBIDDEN);
    assert_eq!(act(&anders, &case, "reject", json!({ "reason": "Forkert CVR" })).await.status, StatusCode::FORBIDDEN);

    // The refusal rolls the change back; the record of it must survive that.
    let database = common::database(&server).await;
    let refused: Vec<(String, String)> =
        sqlx::query_as("SELECT person_id, detail FROM audit_log WHERE event = 'authorisation_failed' ORDER BY id")
            .fetch_all(&database)
            .await
            .unwrap();
    let expected = |what: &str| ("anders".to_string(), what.to_string());
    assert_eq!(refused, vec![expected("accept terms"), expected("approve"), expected("reject")]);
}

#[tokio::test]
async fn with_the_development_login_signing_is_a_confirmation_bound_to_the_text() {
    let server = start().await;
    let mut mette = Tab::new(&server);
    mette.login("mette").await;
    let case = create(&mette, "Jensens Tømrerforretning", "representative").await;
    let case = ok(&mette, &case, "administrators", json!({ "administrators": [admin("Bent Revisor", "bent@revision.dk")] })).await;
    let case = ok(&mette, &case, "terms", json!({ "terms_version": terms_version(&mette).await })).await;

    let mut shown = json!({});
    common::sign(&mette, &case, &mut shown).await;
    let text = shown["signing_text"].as_str().unwrap().to_string();
    // What a client without the shared crate asks for and shows: the same text.
    let texts = mette.get(&format!("/api/cases/{}/signing-text", case.id)).await;
    assert_eq!(texts.body["da"], text.as_str());
    assert!(texts.body["en"].as_str().unwrap().starts_with("I, Mette Jensen, as management representative"), "{}", texts.body);
    // To anyone else the case, and so its text, does not exist.
    let mut stranger = Tab::new(&server);
    stranger.login("lars").await;
    assert_eq!(stranger.get(&format!("/api/cases/{}/signing-text", case.id)).await.status, StatusCode::NOT_FOUND);
    // Not yet confirmed: the confirmation page comes next, nothing is approved.
    let next = act(&mette, &case, "approve", json!({ "signing_text": text, "confirmed": false })).await;
    assert_eq!((next.status, next.body.clone()), (StatusCode::ACCEPTED, json!({ "next": "confirm" })));
    // A text other than the one the server records is refused, also when confirmed.
    let other = act(
        &mette,
        &case,
        "approve",
        json!({ "signing_text": text.replace("1 organisationsadministrator", "2 organisationsadministrator") }),
    )
    .await;
    assert_eq!((other.status, other.code()), (StatusCode::CONFLICT, "signing_text_changed"));
    assert_eq!(mette.get(&format!("/api/cases/{}", case.id)).await.json::<Case>().status, CaseStatus::Draft);

    let approved = ok(&mette, &case, "approve", json!({ "signing_text": text })).await;
    let signature = approved.approval.unwrap().signature.expect("a signature");
    assert_eq!(signature.method, tilslut_api::SignatureMethod::Confirmation);
    assert_eq!(signature.text_sha256, tilslut_server::cases::rules::text_digest(&text));
}
