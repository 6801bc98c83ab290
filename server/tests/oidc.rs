//! Login through a real OpenID provider (npm `oidc-provider`, started by the test as a MitID
//! broker would be): the happy path, and every way a callback is refused.

mod common;

use common::{start_on, TestServer};
use reqwest::StatusCode;
use tilslut_api::Session;
use tilslut_server::adapters::oidc::{OidcLogin, OidcSettings, DEFAULT_CPR_CLAIM, DEFAULT_NAME_CLAIM};
use tokio::io::AsyncBufReadExt;

/// The provider, stopped when dropped.
struct Provider {
    issuer: String,
    _process: tokio::process::Child,
}

async fn provider(redirect: &str) -> Provider {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let mut process = tokio::process::Command::new("node")
        .arg(format!("{root}/e2e/tools/oidc-provider.mjs"))
        .arg("0")
        .arg(redirect)
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

fn settings(issuer: &str) -> OidcSettings {
    OidcSettings {
        issuer: issuer.into(),
        client_id: "tilslut".into(),
        client_secret: Some("tilslut-test-secret".into()),
        scopes: vec!["profile".into(), "mitid".into()],
        cpr_claim: DEFAULT_CPR_CLAIM.into(),
        name_claim: DEFAULT_NAME_CLAIM.into(),
    }
}

/// tilslut logging in through a fresh provider, and the provider.
async fn start() -> (TestServer, Provider) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let provider = provider(&format!("{base}/api/login/callback")).await;
    let login = OidcLogin::discover(settings(&provider.issuer), &base).await.expect("discovery");
    let server = start_on(listener, |config| {
        config.dev_login = false;
        config.public_url = base.clone();
        config.oidc = Some(std::sync::Arc::new(login));
    })
    .await;
    (server, provider)
}

/// A browser: cookies kept, redirects followed unless `stop` is asked.
fn browser() -> reqwest::Client {
    reqwest::Client::builder().cookie_store(true).build().unwrap()
}

/// `action` and the hidden inputs of the provider's login form in `html`.
fn form_action(html: &str) -> String {
    let start = html.find("action=\"").expect("a form") + "action=\"".len();
    html[start..].split('"').next().unwrap().to_string()
}

/// Logs `account` in at the provider from its login page `page`; the response after all redirects.
async fn sign_in(browser: &reqwest::Client, page: reqwest::Response, account: &str) -> reqwest::Response {
    let url = page.url().clone();
    let html = page.text().await.unwrap();
    let action = url.join(&form_action(&html)).unwrap();
    browser.post(action).form(&[("prompt", "login"), ("login", account), ("password", "x")]).send().await.unwrap()
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
    let landed = sign_in(&browser, login_page, "lars").await;
    assert_eq!(landed.url().path(), "/tilslut/organisation", "{}", landed.url());
    let me: Session = session(&browser, &server).await.json().await.unwrap();
    assert_eq!((me.person.id.as_str(), me.person.name.as_str()), ("lars", "Lars Nielsen"));
    assert!(me.contexts.len() > 1, "the register's companies, found by the CPR number");

    // The CPR number is nowhere in what the server keeps.
    let database = common::database(&server).await;
    let tables: Vec<String> = sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'table'").fetch_all(&database).await.unwrap();
    for table in tables {
        let columns: Vec<String> =
            sqlx::query_scalar("SELECT name FROM pragma_table_info(?)").bind(&table).fetch_all(&database).await.unwrap();
        for column in columns {
            let query = format!("SELECT count(*) FROM \"{table}\" WHERE instr(CAST(\"{column}\" AS TEXT), '1403701237') > 0");
            let found: i64 = sqlx::query_scalar(&query).fetch_one(&database).await.unwrap();
            assert_eq!(found, 0, "{table}.{column}");
        }
    }
}

#[tokio::test]
async fn a_person_the_register_does_not_know_acts_privately() {
    let (server, _provider) = start().await;
    let browser = browser();
    let login_page = browser.get(format!("{}/api/login", server.base)).send().await.unwrap();
    let landed = sign_in(&browser, login_page, "ukendt").await;
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
    let landed = sign_in(&browser, login_page, "mette").await;
    assert_eq!((landed.url().host_str(), landed.url().path()), (Some("127.0.0.1"), "/vaelg-kontekst"));
}

/// A browser that stops at every redirect, to tamper with the provider's answer.
fn stopping_browser() -> reqwest::Client {
    reqwest::Client::builder().cookie_store(true).redirect(reqwest::redirect::Policy::none()).build().unwrap()
}

/// Follows redirects by hand until the provider sends the browser to tilslut's callback.
async fn callback_url(browser: &reqwest::Client, server: &TestServer, account: &str) -> reqwest::Url {
    let mut response = browser.get(format!("{}/api/login", server.base)).send().await.unwrap();
    loop {
        let location = response.headers().get("location").map(|l| response.url().join(l.to_str().unwrap()).unwrap());
        match location {
            Some(next) if next.path() == "/api/login/callback" => return next,
            Some(next) => response = browser.get(next).send().await.unwrap(),
            None => {
                let url = response.url().clone();
                let action = url.join(&form_action(&response.text().await.unwrap())).unwrap();
                response = browser.post(action).form(&[("prompt", "login"), ("login", account), ("password", "x")]).send().await.unwrap();
            }
        }
    }
}

fn refused_with(response: &reqwest::Response, code: &str) {
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
    let error = OidcLogin::discover(settings("http://127.0.0.1:9"), "http://127.0.0.1:8080").await.unwrap_err();
    assert!(error.to_string().starts_with("TILSLUT_OIDC_ISSUER=http://127.0.0.1:9: discovery failed"), "{error}");
    let error = OidcLogin::discover(settings("not a url"), "http://127.0.0.1:8080").await.unwrap_err();
    assert_eq!(error.to_string(), "TILSLUT_OIDC_ISSUER=not a url is not a URL");
}
