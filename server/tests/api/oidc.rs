//! Login through a real OpenID provider (npm `oidc-provider`, started by the test as a MitID
//! broker would be): the happy path, and every way a callback is refused.

use crate::common;

use common::{act, admin, create, ok, start_on, terms_version, Tab, TestServer};
use reqwest::StatusCode;
use serde_json::json;
use tilslut_api::{Case, CaseStatus, Session, SignatureMethod};
use tilslut_server::adapters::oidc::broker::Broker;
use tilslut_server::adapters::oidc::{OidcLogin, OidcSettings};
use tokio::io::AsyncBufReadExt;

/// The provider, stopped when dropped.
pub struct Provider {
    issuer: String,
    _process: tokio::process::Child,
}

/// The test provider's flags (e2e/tools/oidc-provider.mjs): none for a conformant provider, which
/// gives the person's claims from its userinfo endpoint only (oidc-provider's default).
pub const CONFORMANT: &[&str] = &[];
/// The claims in the ID token too, as some brokers give them.
const CLAIMS_IN_ID_TOKEN: &[&str] = &["--claims-in-id-token"];

async fn provider(redirect: &str, flags: &[&str]) -> Provider {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let mut process = tokio::process::Command::new("node")
        .arg(format!("{root}/e2e/tools/oidc-provider.mjs"))
        .arg("0")
        .arg(redirect)
        .args(flags)
        .current_dir(root)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("node runs the test provider (make setup installs oidc-provider)");
    let mut lines = tokio::io::BufReader::new(process.stdout.take().unwrap()).lines();
    let issuer = loop {
        let line = lines.next_line().await.unwrap().expect("the provider says where it is");
        if let Some(issuer) = line.strip_prefix("issuer ") {
            break issuer.to_string();
        }
    };
    // Read on: a provider writing to a closed pipe would die of it.
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
    Provider { issuer, _process: process }
}

/// `broker`'s profile at the test provider, with the test provider's claim names and scopes.
fn settings(issuer: &str, broker: Broker) -> OidcSettings {
    let generic = OidcSettings::for_broker(Broker::Generic, issuer);
    OidcSettings {
        client_secret: Some("tilslut-test-secret".into()),
        scopes: vec!["profile".into(), "mitid".into()],
        cpr_claim: generic.cpr_claim,
        name_claim: generic.name_claim,
        ..OidcSettings::for_broker(broker, issuer)
    }
}

/// tilslut logging in through a fresh, conformant provider, and the provider.
async fn start() -> (TestServer, Provider) {
    start_adjusted(CONFORMANT, |_| {}).await
}

/// [`start`], with the provider started with `flags` and the server's settings adjusted.
async fn start_adjusted(flags: &[&str], adjust: impl FnOnce(&mut tilslut_server::Config)) -> (TestServer, Provider) {
    start_as(Broker::Generic, flags, adjust).await
}

/// tilslut with `broker`'s profile, logging in through a fresh provider started with `flags`.
pub async fn start_as(broker: Broker, flags: &[&str], adjust: impl FnOnce(&mut tilslut_server::Config)) -> (TestServer, Provider) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let provider = provider(&format!("{base}/api/login/callback"), flags).await;
    let login = OidcLogin::discover(settings(&provider.issuer, broker), &base).await.expect("discovery");
    let server = start_on(listener, |config| {
        config.dev_login = false;
        config.public_url = base.clone();
        config.oidc = Some(std::sync::Arc::new(login));
        adjust(config);
    })
    .await;
    (server, provider)
}

/// A browser: cookies kept, redirects followed unless `stop` is asked.
pub fn browser() -> reqwest::Client {
    reqwest::Client::builder().cookie_store(true).build().unwrap()
}

/// The value of the attribute `name` in `tag`.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let start = tag.find(&format!("{name}=\""))? + name.len() + 2;
    tag[start..].split('"').next()
}

/// Submits the provider's page `page` (its one form, hidden inputs and all) as `account`'s browser
/// would: its login form filled in, or the form that logs out the account it knew before.
pub async fn submit(browser: &reqwest::Client, page: reqwest::Response, account: &str) -> reqwest::Response {
    let url = page.url().clone();
    let html = page.text().await.unwrap();
    let form = html.split("<form").nth(1).unwrap_or_else(|| panic!("a form: {html}"));
    let action = url.join(attribute(form, "action").expect("an action")).unwrap();
    let mut fields: Vec<(String, String)> = form
        .split("<input")
        .skip(1)
        .filter(|input| attribute(input, "type") == Some("hidden"))
        .filter_map(|input| Some((attribute(input, "name")?.to_string(), attribute(input, "value").unwrap_or_default().to_string())))
        .collect();
    if form.contains("name=\"login\"") {
        fields.extend([("login".into(), account.into()), ("password".into(), "x".into())]);
    }
    browser.post(action).form(&fields).send().await.unwrap()
}

async fn session(browser: &reqwest::Client, server: &TestServer) -> reqwest::Response {
    browser.get(format!("{}/api/session", server.base)).send().await.unwrap()
}

#[tokio::test]
async fn a_person_in_the_register_logs_in_and_lands_where_they_were_going() {
    let (server, _provider) = start().await;
    let browser = browser();
    let login_page = browser.get(format!("{}/api/login?return_to=/tilslut/organisation", server.base)).send().await.unwrap();
    assert!(login_page.url().as_str().contains("/interaction/"), "at the provider: {}", login_page.url());
    let landed = submit(&browser, login_page, "lars").await;
    assert_eq!(landed.url().path(), "/tilslut/organisation", "{}", landed.url());
    let me: Session = session(&browser, &server).await.json().await.unwrap();
    assert_eq!((me.person.id.as_str(), me.person.name.as_str()), ("lars", "Lars Nielsen"));
    assert!(me.contexts.len() > 1, "the register's companies, found by the CPR number");

    // The CPR number is nowhere in what the server keeps.
    let database = common::database(&server).await;
    for (table, columns) in tilslut_server::db::SCHEMA {
        for column in columns.split(", ") {
            // Every column as text; PostgreSQL writes bytes (the sessions' data) as escaped text.
            let text = match (&server.database, *table, column) {
                (tilslut_server::Database::Postgres(_), "tower_sessions", "data") => format!("encode({column}, 'escape')"),
                _ => format!("CAST({column} AS TEXT)"),
            };
            let query = format!("SELECT count(*) FROM {table} WHERE {text} LIKE '%1403701237%'");
            let found: i64 = sqlx::query_scalar(&query).fetch_one(&database).await.unwrap();
            assert_eq!(found, 0, "{table}.{column}");
        }
    }
}

#[tokio::test]
async fn a_broker_that_gives_the_claims_in_the_id_token_is_read_as_well() {
    let (server, _provider) = start_adjusted(CLAIMS_IN_ID_TOKEN, |_| {}).await;
    let browser = browser();
    let landed = submit(&browser, browser.get(format!("{}/api/login", server.base)).send().await.unwrap(), "lars").await;
    assert!(landed.status().is_success(), "{}", landed.url());
    let me: Session = session(&browser, &server).await.json().await.unwrap();
    assert_eq!((me.person.id.as_str(), me.person.name.as_str()), ("lars", "Lars Nielsen"));
}

#[tokio::test]
async fn a_person_the_register_does_not_know_acts_privately() {
    let (server, _provider) = start().await;
    let browser = browser();
    let login_page = browser.get(format!("{}/api/login", server.base)).send().await.unwrap();
    let landed = submit(&browser, login_page, "ukendt").await;
    assert_eq!(landed.url().path(), "/vaelg-kontekst", "without return_to, the context chooser");
    let me: Session = session(&browser, &server).await.json().await.unwrap();
    assert_eq!(me.person.name, "Ulla Ukendt");
    assert_eq!(me.contexts.len(), 1, "private only");
}

#[tokio::test]
async fn a_login_returns_only_to_this_site() {
    let (server, _provider) = start().await;
    let browser = browser();
    let login_page = browser.get(format!("{}/api/login?return_to=https://evil.example/", server.base)).send().await.unwrap();
    let landed = submit(&browser, login_page, "mette").await;
    assert_eq!((landed.url().host_str(), landed.url().path()), (Some("127.0.0.1"), "/vaelg-kontekst"));
}

/// A browser that stops at every redirect, to tamper with the provider's answer.
pub fn stopping_browser() -> reqwest::Client {
    reqwest::Client::builder().cookie_store(true).redirect(reqwest::redirect::Policy::none()).build().unwrap()
}

/// Follows redirects by hand until the provider sends the browser to tilslut's callback.
async fn callback_url(browser: &reqwest::Client, server: &TestServer, account: &str) -> reqwest::Url {
    callback_from(browser, &format!("{}/api/login", server.base), account).await
}

/// From `start` through the provider, logging in as `account` when it asks, to the callback.
pub async fn callback_from(browser: &reqwest::Client, start: &str, account: &str) -> reqwest::Url {
    let mut response = browser.get(start).send().await.unwrap();
    loop {
        let location = response.headers().get("location").map(|l| response.url().join(l.to_str().unwrap()).unwrap());
        match location {
            Some(next) if next.path() == "/api/login/callback" => return next,
            Some(next) => response = browser.get(next).send().await.unwrap(),
            None => {
                response = submit(browser, response, account).await;
            }
        }
    }
}

pub fn refused_with(response: &reqwest::Response, code: &str) {
    assert_eq!(response.status(), StatusCode::FOUND);
    assert_eq!(response.headers()["location"].to_str().unwrap(), format!("/log-ind?fejl={code}"));
}

#[tokio::test]
async fn a_tampered_state_a_replayed_callback_and_a_cancelled_login_are_refused_in_words() {
    let (server, _provider) = start().await;
    let browser = stopping_browser();

    let callback = callback_url(&browser, &server, "lars").await;
    let tampered = callback.as_str().replace("state=", "state=x");
    refused_with(&browser.get(&tampered).send().await.unwrap(), "mislykket");
    // The attempt is spent: the genuine answer, coming after, is refused too.
    refused_with(&browser.get(callback.clone()).send().await.unwrap(), "udloebet");
    assert_eq!(session(&browser, &server).await.status(), StatusCode::UNAUTHORIZED);

    // A callback in another browser (no login cookie) logs nobody in.
    let callback = callback_url(&browser, &server, "lars").await;
    refused_with(&stopping_browser().get(callback.clone()).send().await.unwrap(), "udloebet");

    // Cancelled at the provider (a browser without a provider session, so that it asks).
    let browser = stopping_browser();
    let mut response = browser.get(format!("{}/api/login", server.base)).send().await.unwrap();
    while let Some(next) = response.headers().get("location").map(|l| response.url().join(l.to_str().unwrap()).unwrap()) {
        if next.path().starts_with("/interaction/") {
            response = browser.get(format!("{}/abort", next.as_str().trim_end_matches('/'))).send().await.unwrap();
            break;
        }
        response = browser.get(next).send().await.unwrap();
    }
    let mut next = response.url().join(response.headers()["location"].to_str().unwrap()).unwrap();
    while next.path() != "/api/login/callback" {
        response = browser.get(next).send().await.unwrap();
        next = response.url().join(response.headers()["location"].to_str().unwrap()).unwrap();
    }
    refused_with(&browser.get(next).send().await.unwrap(), "afbrudt");
}

#[tokio::test]
async fn a_callback_with_an_earlier_attempts_code_and_state_is_refused() {
    let (server, _provider) = start().await;
    let browser = stopping_browser();
    let callback = callback_url(&browser, &server, "lars").await;
    let first = browser.get(callback.clone()).send().await.unwrap();
    assert_eq!(first.headers()["location"], "/vaelg-kontekst");
    // A second login attempt in the same browser, answered with the first attempt's code and state.
    let _second = browser.get(format!("{}/api/login", server.base)).send().await.unwrap();
    refused_with(&browser.get(callback).send().await.unwrap(), "mislykket");
}

#[tokio::test]
async fn an_issuer_that_does_not_answer_stops_the_start_with_the_setting_named() {
    let error = OidcLogin::discover(settings("http://127.0.0.1:9", Broker::Generic), "http://127.0.0.1:8080").await.unwrap_err();
    assert!(error.to_string().starts_with("TILSLUT_OIDC_ISSUER=http://127.0.0.1:9: discovery failed"), "{error}");
    let error = OidcLogin::discover(settings("not a url", Broker::Generic), "http://127.0.0.1:8080").await.unwrap_err();
    assert_eq!(error.to_string(), "TILSLUT_OIDC_ISSUER=not a url is not a URL");
}

/// Lars, logged in at the provider, in a browser that stops at redirects, as a tab.
pub async fn lars_logged_in(server: &TestServer) -> Tab {
    let browser = stopping_browser();
    let callback = callback_url(&browser, server, "lars").await;
    assert_eq!(browser.get(callback).send().await.unwrap().headers()["location"], "/vaelg-kontekst");
    Tab { http: browser, base: server.base.clone(), shown_context: "none".into() }
}

/// Lars with his own draft for Nielsen Rådgivning, ready to approve privately.
pub async fn ready_to_sign(server: &TestServer) -> (Tab, Case) {
    let tab = lars_logged_in(server).await;
    let case = create(&tab, "Nielsen Rådgivning ApS", "representative").await;
    let case = ok(&tab, &case, "administrators", json!({ "administrators": [admin("Bent Revisor", "bent@revision.dk")] })).await;
    let case = ok(&tab, &case, "terms", json!({ "terms_version": terms_version(&tab).await })).await;
    (tab, case)
}

/// "Godkend og underskriv" from the summary page: where the provider is, for signing.
pub async fn begin_signing(tab: &Tab, case: &Case) -> String {
    let mut body = json!({ "return_to": format!("/tilslut/{}/opsummering", case.id), "confirmed": true });
    common::sign(tab, case, &mut body).await;
    let begun = act(tab, case, "approve", body).await;
    assert_eq!(begun.status, StatusCode::ACCEPTED, "{}", begun.body);
    assert_eq!(begun.body["next"], "identity_provider", "confirmed means nothing with a provider");
    begun.body["location"].as_str().unwrap().to_string()
}

pub async fn case_now(tab: &Tab, case: &Case) -> Case {
    tab.get(&format!("/api/cases/{}", case.id)).await.json()
}

#[tokio::test]
async fn signing_is_a_fresh_login_by_the_same_person_bound_to_the_text() {
    let (server, _provider) = start().await;
    let (tab, case) = ready_to_sign(&server).await;
    let location = begin_signing(&tab, &case).await;
    assert!(location.contains("prompt=login") && location.contains("max_age=0"), "{location}");
    // The provider asks again although Lars has a session there: a signature is a new login.
    let callback = callback_from(&tab.http, &location, "lars").await;
    let landed = tab.http.get(callback).send().await.unwrap();
    assert_eq!(landed.headers()["location"].to_str().unwrap(), format!("/tilslut/{}/kvittering", case.id));

    let approved = case_now(&tab, &case).await;
    assert_eq!(approved.status, CaseStatus::Approved);
    let approval = approved.approval.unwrap();
    let signature = approval.signature.expect("signed");
    assert_eq!(signature.method, SignatureMethod::IdentityProvider);
    assert_eq!(signature.text_sha256, tilslut_server::cases::rules::text_digest(&approval.signing_text));
    assert!((chrono::Utc::now() - signature.authenticated_at).num_seconds().abs() < 60, "{}", signature.authenticated_at);
    let database = common::database(&server).await;
    let subject: String =
        sqlx::query_scalar("SELECT signing_subject FROM cases WHERE id = $1").bind(&case.id).fetch_one(&database).await.unwrap();
    assert_eq!(subject, "lars", "the token's subject (the provider's account id) is recorded");
}

pub fn told_on_the_page(response: &reqwest::Response, case: &Case, code: &str) {
    assert_eq!(response.status(), StatusCode::FOUND);
    assert_eq!(response.headers()["location"].to_str().unwrap(), format!("/tilslut/{}/opsummering?underskrift={code}", case.id));
}

#[tokio::test]
async fn a_signature_by_another_account_or_for_a_changed_case_or_too_late_is_refused() {
    let (server, _provider) = start().await;
    let (tab, case) = ready_to_sign(&server).await;

    // Mette logs in at the provider where Lars began to sign.
    let location = begin_signing(&tab, &case).await;
    let callback = callback_from(&tab.http, &location, "mette").await;
    told_on_the_page(&tab.http.get(callback).send().await.unwrap(), &case, "anden-person");
    assert_eq!(case_now(&tab, &case).await.status, CaseStatus::Draft);

    // The case changes while Lars is at the provider: what he read is not what would be signed.
    let location = begin_signing(&tab, &case).await;
    let callback = callback_from(&tab.http, &location, "lars").await;
    let case = ok(
        &tab,
        &case,
        "administrators",
        json!({ "administrators": [admin("Bent Revisor", "bent@revision.dk"), admin("Anne Ny", "anne@example.dk")] }),
    )
    .await;
    told_on_the_page(&tab.http.get(callback).send().await.unwrap(), &case, "afvist");
    assert_eq!(case_now(&tab, &case).await.status, CaseStatus::Draft);

    // The login at the provider is older than five minutes when it comes back.
    let location = begin_signing(&tab, &case).await;
    let callback = callback_from(&tab.http, &location, "lars").await;
    server.clock.advance(6 * 60);
    told_on_the_page(&tab.http.get(callback).send().await.unwrap(), &case, "udloebet");
    assert_eq!(case_now(&tab, &case).await.status, CaseStatus::Draft);
}

#[tokio::test]
async fn logging_out_leads_on_to_the_providers_logout() {
    let (server, provider) = start().await;
    let tab = lars_logged_in(&server).await;
    let out = tab.post("/api/logout", json!({})).await;
    assert_eq!(out.status, StatusCode::OK);
    let to = reqwest::Url::parse(out.body["provider_logout"].as_str().unwrap()).unwrap();
    assert!(to.as_str().starts_with(&provider.issuer), "{to}");
    let query: std::collections::HashMap<_, _> = to.query_pairs().into_owned().collect();
    assert_eq!(query["client_id"], "tilslut");
    assert_eq!(query["post_logout_redirect_uri"], format!("{}/", server.base));
    assert_eq!(tab.get("/api/session").await.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn logins_begun_in_bulk_from_one_client_are_refused() {
    let (server, _provider) = start_adjusted(CONFORMANT, |config| config.login_per_minute = 2).await;
    let browser = stopping_browser();
    let begin = || browser.get(format!("{}/api/login", server.base)).send();
    for _ in 0..2 {
        assert_eq!(begin().await.unwrap().status(), StatusCode::FOUND);
    }
    assert_eq!(begin().await.unwrap().status(), StatusCode::TOO_MANY_REQUESTS);
    let database = common::database(&server).await;
    let kept: i64 = sqlx::query_scalar("SELECT count(*) FROM login_attempts").fetch_one(&database).await.unwrap();
    assert_eq!(kept, 2, "nothing kept for the refused one");
}
