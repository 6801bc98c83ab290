//! What an attacker or a bad day can do to the server, each case over real HTTP (or against the
//! real binary) as the black-box test that found it did. The numbers are issue 20's points.

use crate::common;

use common::{act, admin, create, cvr, database, ok, start, start_configured, stored_documents, terms_version, upload, Tab, TestServer};
use reqwest::StatusCode;
use serde_json::json;
use std::time::Duration;
use tilslut_api::{Case, CaseStatus};

/// Fails a test that would otherwise wait for ever on a server that never answers or stops.
async fn within_a_minute<T>(what: &str, future: impl std::future::Future<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(60), future).await.unwrap_or_else(|_| panic!("{what} never happened"))
}

async fn logged_in(server: &TestServer, person: &str) -> Tab {
    let mut tab = Tab::new(server);
    tab.login(person).await;
    tab
}

/// Anders (no role in any company) prepares Havnens Rederi ApS, where Lars and Jonas are both
/// representatives, and asks `approver`; the draft is complete but not submitted.
async fn complete_preparation(server: &TestServer, approver: &str) -> (Tab, Case) {
    let anders = logged_in(server, "anders").await;
    let case = create(&anders, "Havnens Rederi ApS", "anmelder").await;
    let case = ok(&anders, &case, "approver", json!({ "person_id": approver })).await;
    let case = ok(&anders, &case, "administrators", json!({ "administrators": [admin("Anders Poulsen", "anders@example.dk")] })).await;
    (anders, case)
}

async fn accept_terms(tab: &Tab, case: &Case) -> Case {
    let version = terms_version(tab).await;
    ok(tab, case, "terms", json!({ "terms_version": version })).await
}

/// Lars's own connection of Nielsen Rådgivning ApS, with an administrator and the terms accepted.
async fn ready_to_approve(server: &TestServer) -> (Tab, Case) {
    let lars = logged_in(server, "lars").await;
    let case = create(&lars, "Nielsen Rådgivning ApS", "representative").await;
    let case = ok(&lars, &case, "administrators", json!({ "administrators": [admin("Anna Berg", "anna@firma.dk")] })).await;
    let case = accept_terms(&lars, &case).await;
    (lars, case)
}

// 1. Anyone could block an organisation's onboarding.

#[tokio::test]
async fn a_representative_supersedes_a_strangers_case_only_when_asking_to() {
    let server = start().await;
    let anders = logged_in(&server, "anders").await;
    let strangers = create(&anders, "Nielsen Rådgivning ApS", "anmelder").await;
    let lars = logged_in(&server, "lars").await;
    // Starting without saying so would silently close Anders's work: Lars is told it is there.
    let told = lars.post("/api/cases", json!({ "cvr": cvr("Nielsen Rådgivning ApS"), "role": "representative" })).await;
    assert_eq!((told.status, told.code()), (StatusCode::CONFLICT, "preparation_waiting"), "{}", told.body);
    let untouched: Case = anders.get(&format!("/api/cases/{}", strangers.id)).await.json();
    assert_eq!(untouched.status, CaseStatus::Draft);
    assert!(anders.mailbox().await.iter().all(|m| m.kind != "case_superseded"));
    // Starting afresh is a choice of its own; the preparation closes and its author is told.
    let request = json!({ "cvr": cvr("Nielsen Rådgivning ApS"), "role": "representative", "supersede": true });
    let own: Case = lars.post("/api/cases", request).await.json();
    assert_eq!(own.status, CaseStatus::Draft);
    let closed: Case = anders.get(&format!("/api/cases/{}", strangers.id)).await.json();
    assert_eq!(closed.status, CaseStatus::Withdrawn);
    assert!(anders.mailbox().await.iter().any(|m| m.kind == "case_superseded" && m.to == "anders@example.dk"));
}

#[tokio::test]
async fn a_representative_closes_a_strangers_draft() {
    let server = start().await;
    let (_anders, draft) = complete_preparation(&server, "jonas").await;
    let lars = logged_in(&server, "lars").await;
    let closed = ok(&lars, &draft, "reject", json!({ "reason": "Vi tilslutter selv." })).await;
    assert_eq!(closed.status, CaseStatus::Rejected);
}

#[tokio::test]
async fn an_untouched_draft_expires() {
    let server = start().await;
    let anders = logged_in(&server, "anders").await;
    create(&anders, "Nordlys Energi A/S", "anmelder").await;
    let emil = logged_in(&server, "emil").await;
    let blocked = emil.post("/api/cases", json!({ "cvr": cvr("Nordlys Energi A/S"), "role": "anmelder" })).await;
    assert_eq!(blocked.code(), "case_open");
    server.clock.advance(31 * 24 * 60 * 60);
    let emil = logged_in(&server, "emil").await;
    create(&emil, "Nordlys Energi A/S", "anmelder").await;
}

/// Organisations Anders (a bookkeeper, in no company's management) can prepare for.
const CLIENTS: [&str; 11] = [
    "Nordlys Energi A/S",
    "Holm Invest ApS",
    "Holm Ejendomme ApS",
    "Holm & Co. ApS",
    "Aarhus Kaffebar IVS",
    "Blomsterhuset Vesterbro ApS",
    "Cykelværkstedet Nørrebro ApS",
    "Dansk Vinimport ApS",
    "Egeskov Snedkeri ApS",
    "Fjordens Fiskehandel ApS",
    "Grøn Energi Rådgivning IVS",
];

#[tokio::test]
async fn a_person_who_is_not_a_representative_has_a_bounded_number_of_open_cases() {
    let server = start().await;
    let anders = logged_in(&server, "anders").await;
    let (allowed, one_more) = CLIENTS.split_at(CLIENTS.len() - 1);
    for company in allowed {
        create(&anders, company, "anmelder").await;
    }
    let refused = anders.post("/api/cases", json!({ "cvr": cvr(one_more[0]), "role": "anmelder" })).await;
    assert_eq!((refused.status, refused.code()), (StatusCode::TOO_MANY_REQUESTS, "too_many_cases"));
}

// 2. One person could stop all e-mail.

#[tokio::test]
async fn only_bare_addresses_are_accepted() {
    let server = start().await;
    let lars = logged_in(&server, "lars").await;
    let case = create(&lars, "Nielsen Rådgivning ApS", "representative").await;
    for address in ["a@b <v@example.dk>", "v@[10.0.0.1]", "\"a b\"@firma.dk"] {
        let refused = act(&lars, &case, "administrators", json!({ "administrators": [admin("Anna Berg", address)] })).await;
        assert_eq!(refused.field_codes(), [("administrators.0.email".to_string(), "email_invalid".to_string())], "{address}");
    }
}

// 3. The official sender could be used for spam and phishing.

#[tokio::test]
async fn administrators_are_capped_and_their_names_are_names() {
    let server = start().await;
    let lars = logged_in(&server, "lars").await;
    let case = create(&lars, "Nielsen Rådgivning ApS", "representative").await;
    let many: Vec<_> = (0..150).map(|i| admin("Anna Berg", &format!("anna{i}@firma.dk"))).collect();
    let refused = act(&lars, &case, "administrators", json!({ "administrators": many })).await;
    assert_eq!(refused.field_codes(), [("administrators".to_string(), "administrators_too_many".to_string())]);
    for name in ["Mette\r\nBcc: alle@firma.dk", "Se https://svindel.example", "\u{202e}nesnaJ etteM"] {
        let refused = act(&lars, &case, "administrators", json!({ "administrators": [admin(name, "mette@firma.dk")] })).await;
        assert_eq!(refused.field_codes(), [("administrators.0.name".to_string(), "name_characters".to_string())], "{name:?}");
    }
    // A Cyrillic "А" passing for a Latin one: a name is written in one script.
    let refused = act(&lars, &case, "administrators", json!({ "administrators": [admin("\u{410}nna Berg", "anna@firma.dk")] })).await;
    assert_eq!(refused.field_codes(), [("administrators.0.name".to_string(), "name_mixed_scripts".to_string())]);
    let mut case = case;
    for name in ["Анна Берг", "Ἀλέξανδρος Παππᾶς", "Jean-Luc O'Brien Jr.", "山田 太郎", "やまだ タロウ 山田"]
    {
        case = ok(&lars, &case, "administrators", json!({ "administrators": [admin(name, "one@firma.dk")] })).await;
    }
    // "René" typed with a combining accent is stored as the one character a search finds.
    let saved = ok(&lars, &case, "administrators", json!({ "administrators": [admin("Rene\u{301} Ørsted", "rene@firma.dk")] })).await;
    assert_eq!(saved.administrators[0].name, "Ren\u{e9} Ørsted");
}

#[tokio::test]
async fn saving_a_submitted_preparation_again_and_again_mails_the_approver_once() {
    let server = start().await;
    let (anders, case) = complete_preparation(&server, "lars").await;
    let mut case = ok(&anders, &case, "submit", json!({})).await;
    for name in ["Anders Poulsen", "Anders B. Poulsen", "Anders Poulsen", "Anders B. Poulsen"] {
        case = ok(&anders, &case, "administrators", json!({ "administrators": [admin(name, "anders@example.dk")] })).await;
    }
    let to_lars: Vec<String> = anders.mailbox().await.into_iter().filter(|m| m.to == "lars@example.dk").map(|m| m.subject).collect();
    assert_eq!(to_lars.len(), 2, "asked, and told of the change once: {to_lars:?}");
}

#[tokio::test]
async fn an_upload_is_authorised_before_it_is_stored() {
    let server = start().await;
    let (_ida, case) = documentation_case(&server).await;
    let stranger = logged_in(&server, "emil").await;
    let refused = upload(&stranger, &case, "identity", "application/pdf", PDF.to_vec()).await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND, "{}", refused.body);
    assert_eq!(stored_documents(&server).await, 0);
}

#[tokio::test]
async fn an_upload_is_what_its_content_says() {
    let server = start().await;
    let (ida, case) = documentation_case(&server).await;
    let executable = upload(&ida, &case, "identity", "application/pdf", b"MZ\x90\x00\x03\x00\x00\x00".to_vec()).await;
    assert_eq!(executable.field_codes(), [("file".to_string(), "file_content".to_string())]);
    assert_eq!(stored_documents(&server).await, 0);
}

#[tokio::test]
async fn a_case_holds_a_bounded_number_of_documents_and_none_once_closed() {
    let server = start().await;
    let (ida, mut case) = documentation_case(&server).await;
    for _ in 0..10 {
        let stored = upload(&ida, &case, "identity", "application/pdf", PDF.to_vec()).await;
        assert_eq!(stored.status, StatusCode::OK, "{}", stored.body);
        case = stored.json();
    }
    let eleventh = upload(&ida, &case, "identity", "application/pdf", PDF.to_vec()).await;
    assert_eq!((eleventh.status, eleventh.code()), (StatusCode::CONFLICT, "too_many_documents"));
    assert_eq!(stored_documents(&server).await, 10);
    ok(&ida, &case, "withdraw", json!({})).await;
    assert_eq!(stored_documents(&server).await, 0, "a closed case's documents are deleted");
}

// 5. Approval.

#[tokio::test]
async fn approval_is_by_the_chosen_approver_of_a_submitted_preparation_in_a_fitting_context() {
    let server = start().await;
    let (anders, case) = complete_preparation(&server, "jonas").await;
    let mut lars = logged_in(&server, "lars").await;
    lars.choose(json!({ "kind": "private" })).await;
    let case = accept_terms(&lars, &case).await;
    let unsubmitted = act(&lars, &case, "approve", json!({})).await;
    assert_eq!(unsubmitted.code(), "wrong_status", "a preparation is approved once it is submitted");
    let case = ok(&anders, &case, "submit", json!({})).await;
    let not_chosen = act(&lars, &case, "approve", json!({})).await;
    assert_eq!((not_chosen.status, not_chosen.code()), (StatusCode::FORBIDDEN, "not_approver"));
    let mut jonas = logged_in(&server, "jonas").await;
    let other_company = jonas.choose(json!({ "kind": "company", "cvr": cvr("Havnens Rederi ApS") })).await;
    assert_eq!(other_company.status, StatusCode::OK);
    // Jonas acting for Havnens Rederi approves Havnens Rederi: that fits.
    let approved = ok(&jonas, &case, "approve", json!({})).await;
    assert_eq!(approved.status, CaseStatus::Approved);
}

#[tokio::test]
async fn approval_in_another_companys_name_is_refused() {
    let server = start().await;
    let (mut lars, case) = ready_to_approve(&server).await;
    lars.choose(json!({ "kind": "company", "cvr": cvr("Havnens Rederi ApS") })).await;
    let refused = act(&lars, &case, "approve", json!({})).await;
    assert_eq!((refused.status, refused.code()), (StatusCode::FORBIDDEN, "wrong_context"));
}

#[tokio::test]
async fn a_ceased_company_is_not_connected() {
    let register = common::RegisterCopy::of_demo();
    let server = start_configured(|config| config.register = register.sources()).await;
    let (lars, case) = ready_to_approve(&server).await;
    // The register learns meanwhile that the companies have gone bankrupt.
    register.set_status("Havnens Rederi ApS", "UNDER KONKURS");
    register.set_status("Nielsen Rådgivning ApS", "UNDER KONKURS");
    let refused = act(&lars, &case, "approve", json!({})).await;
    assert_eq!((refused.status, refused.code()), (StatusCode::CONFLICT, "company_ceased"));
    let refused = lars.post("/api/cases", json!({ "cvr": cvr("Havnens Rederi ApS"), "role": "representative" })).await;
    assert_eq!(refused.code(), "company_ceased");
}

// 6. Development endpoints.

#[tokio::test]
async fn development_operations_need_a_login() {
    let server = start().await;
    let anyone = Tab::new(&server);
    let terms = json!({ "version": "2099-1", "title": "Vilkår", "body": "Nye vilkår." });
    assert_eq!(anyone.post("/api/dev/terms", terms).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(anyone.get("/api/dev/mailbox").await.status, StatusCode::UNAUTHORIZED);
}

/// The real server binary with `settings`, in a folder of its own with a built app.
fn run_binary(settings: &[(&str, &str)]) -> tokio::process::Child {
    let dir = crate::common::temp::tempdir().keep();
    std::fs::create_dir_all(dir.join("dist")).unwrap();
    std::fs::write(dir.join("dist/index.html"), "<html></html>").unwrap();
    tokio::process::Command::new(env!("CARGO_BIN_EXE_tilslut-server"))
        .env_clear()
        .env("TILSLUT_DIST", dir.join("dist"))
        .env("TILSLUT_DATABASE", dir.join("tilslut.db"))
        .envs(settings.iter().copied())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap()
}

#[tokio::test]
async fn the_development_login_is_served_on_loopback_only() {
    let server = run_binary(&[("TILSLUT_ADDR", "0.0.0.0:0"), ("TILSLUT_DEV_LOGIN", "1")]);
    let output = within_a_minute("the server refusing to start", server.wait_with_output()).await.unwrap();
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("TILSLUT_DEV_LOGIN"));
}

// 9. A retried save whose answer was lost.

#[tokio::test]
async fn a_retried_save_gets_the_saved_case() {
    let server = start().await;
    let lars = logged_in(&server, "lars").await;
    let case = create(&lars, "Nielsen Rådgivning ApS", "representative").await;
    let body = json!({ "administrators": [admin("Anna Berg", "anna@firma.dk")] });
    let saved = ok(&lars, &case, "administrators", body.clone()).await;
    // The answer was lost; the client sends the same request again, at the version it had.
    let retried = ok(&lars, &case, "administrators", body).await;
    assert_eq!(retried, saved);
    // Something else at the old version is still a conflict.
    let other = act(&lars, &case, "administrators", json!({ "administrators": [admin("Bo Berg", "bo@firma.dk")] })).await;
    assert_eq!(other.code(), "stale_version");
}

// 10. The smaller ones.

#[tokio::test]
async fn answers_with_personal_data_are_not_stored() {
    let server = start().await;
    let lars = logged_in(&server, "lars").await;
    assert_eq!(lars.get("/api/session").await.headers["cache-control"], "no-store");
}

#[tokio::test]
async fn logging_out_ends_the_persons_other_sessions() {
    let server = start().await;
    let phone = logged_in(&server, "lars").await;
    let laptop = logged_in(&server, "lars").await;
    // In the same second as the logins (the test's clock stands still): every one ends.
    assert_eq!(laptop.post("/api/logout", json!({})).await.status, StatusCode::OK);
    assert_eq!(phone.get("/api/session").await.status, StatusCode::UNAUTHORIZED);
    // A new login works at once, in that same second too.
    let again = logged_in(&server, "lars").await;
    assert_eq!(again.get("/api/session").await.status, StatusCode::OK);
}

#[tokio::test]
async fn saves_in_a_loop_are_bounded_and_told_once_in_the_history() {
    let server = start().await;
    let lars = logged_in(&server, "lars").await;
    let mut case = create(&lars, "Nielsen Rådgivning ApS", "representative").await;
    let mut refused = None;
    for i in 0..40 {
        let reply =
            act(&lars, &case, "administrators", json!({ "administrators": [admin("Anna Berg", &format!("anna{i}@firma.dk"))] })).await;
        if reply.status == StatusCode::TOO_MANY_REQUESTS {
            refused = Some(reply);
            break;
        }
        case = reply.json();
    }
    let refused = refused.expect("a script saving in a loop is stopped");
    let retry_after: u64 = refused.headers["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=60).contains(&retry_after), "{retry_after}");
    let saves = case.history.iter().filter(|entry| entry.event == "administrators_changed").count();
    assert_eq!((case.version, saves), (31, 1), "30 saves, one line in the history");
    // Another person's work on another case is not held up.
    let mette = logged_in(&server, "mette").await;
    let other = create(&mette, "Jensens Tømrerforretning", "representative").await;
    ok(&mette, &other, "administrators", json!({ "administrators": [admin("Mette Jensen", "mette@firma.dk")] })).await;
}

// 4. Uploads.

/// Ida's documentation case for the foundation, with an administrator and the terms.
async fn documentation_case(server: &TestServer) -> (Tab, Case) {
    let ida = logged_in(server, "ida").await;
    let case = create(&ida, "Fonden for Dansk Kunsthåndværk", "documentation").await;
    let case = ok(&ida, &case, "administrators", json!({ "administrators": [admin("Ida Christensen", "ida@example.dk")] })).await;
    let case = accept_terms(&ida, &case).await;
    (ida, case)
}

const PDF: &[u8] = b"%PDF-1.7\n1 0 obj\n";

#[tokio::test]
async fn a_lookup_shows_another_persons_case_without_their_ids() {
    let server = start().await;
    let anders = logged_in(&server, "anders").await;
    create(&anders, "Nordlys Energi A/S", "anmelder").await;
    let emil = logged_in(&server, "emil").await;
    let lookup = emil.get(&format!("/api/organisations/{}", cvr("Nordlys Energi A/S"))).await;
    let open = &lookup.body["open_case"];
    assert_eq!((open["started_by"]["name"].as_str(), open["visible_to_you"].as_bool()), (Some("Anders Poulsen"), Some(false)));
    assert_eq!((open["started_by"]["id"].as_str(), open["case_id"].as_str()), (Some(""), Some("")));
}

#[tokio::test]
async fn outside_loopback_browsers_are_told_to_keep_to_https() {
    let mut server = run_binary(&[("TILSLUT_ADDR", "0.0.0.0:0"), ("TILSLUT_PUBLIC_URL", "https://tilslut.example.dk")]);
    let mut started = tokio::io::BufReader::new(server.stdout.take().unwrap());
    let mut line = String::new();
    within_a_minute("the server starting", tokio::io::AsyncBufReadExt::read_line(&mut started, &mut line)).await.unwrap();
    // "tilslut is running at http://0.0.0.0:PORT/ …"
    let bound = line.split("http://").nth(1).and_then(|rest| rest.split('/').next()).unwrap_or_default();
    let port = bound.rsplit(':').next().unwrap_or_default();
    let health = reqwest::get(format!("http://127.0.0.1:{port}/api/health")).await.unwrap();
    assert_eq!(health.headers()["strict-transport-security"], "max-age=31536000");
}

#[tokio::test]
async fn behind_a_proxy_each_client_has_its_own_login_limit_whatever_it_writes_itself() {
    let server = start_configured(|config| {
        config.login_per_minute = 2;
        config.trusted_proxies = 1;
    })
    .await;
    // What the proxy passes on: the client's own `X-Forwarded-For`, then the address it saw.
    let login_from = |written: String, client: &'static str| {
        let http = reqwest::Client::new();
        let url = format!("{}/api/dev/login", server.base);
        async move {
            let forwarded = format!("{written}, {client}");
            let request = http.post(url).header("x-tilslut-context", "none").header("x-forwarded-for", forwarded);
            request.json(&json!({ "person_id": "lars" })).send().await.unwrap()
        }
    };
    for i in 0..2 {
        assert_eq!(login_from(format!("192.0.2.{i}"), "198.51.100.7").await.status(), StatusCode::OK);
    }
    let refused = login_from("192.0.2.99".into(), "198.51.100.7").await;
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS, "a new address of its own writing");
    let retry_after: u64 = refused.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=60).contains(&retry_after), "{retry_after}");
    assert_eq!(login_from("192.0.2.0".into(), "203.0.113.9").await.status(), StatusCode::OK, "another client behind the same proxy");
}

#[tokio::test]
async fn expired_sessions_are_deleted() {
    let server = start().await;
    let db = database(&server).await;
    // The epoch: the SQLite store keeps the expiry as seconds, the PostgreSQL store as a time.
    let epoch = match server.database {
        tilslut_server::Database::Sqlite(_) => "0",
        tilslut_server::Database::Postgres(_) => "to_timestamp(0)",
    };
    sqlx::query(&format!("INSERT INTO tower_sessions (id, data, expiry_date) VALUES ('ended', $1, {epoch})"))
        .bind(vec![0_u8])
        .execute(&db)
        .await
        .unwrap();
    // The next instance to start on the database deletes it, as every instance does now and then.
    let database = server.database.clone();
    let _next = start_configured(|config| config.database = database).await;
    within_a_minute("deleting the expired session", async {
        while sqlx::query("SELECT id FROM tower_sessions WHERE id = 'ended'").fetch_optional(&db).await.unwrap().is_some() {
            tokio::task::yield_now().await;
        }
    })
    .await;
}
