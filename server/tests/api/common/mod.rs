// Each test binary uses its own part of this module.
#![allow(dead_code)]

//! A real server on a free port with a fresh database, and a client that keeps cookies and names
//! its context like the app does. The database is a SQLite file, or with `TILSLUT_TEST_POSTGRES`
//! (a PostgreSQL server's URL without a database, as `make test` sets it) a new PostgreSQL database.

pub mod temp;

use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;
use serde_json::{json, Value};
use tilslut_api::{ActingContext, Case, Language, Session, CONTEXT_HEADER};
use tilslut_server::adapters::register::folder::{demo_folder, FolderRegister};
use tilslut_server::adapters::register::Sources;
use tilslut_server::serve::{serve, Limits};
use tilslut_server::{app, open_database, Clock, Config, Database};

pub struct TestServer {
    pub base: String,
    pub dir: temp::TempDir,
    pub database: Database,
    /// The server's clock for the session's timeouts, to move on.
    pub clock: Clock,
}

/// Where the test server says it is reached: the base of the links in its e-mails.
pub const SITE: &str = "https://tilslut.example.dk";

/// The one host page on another origin the test server lets call the API.
pub const ALLOWED_ORIGIN: &str = "http://portal.example:3000";

pub async fn start_with(login_per_minute: u32) -> TestServer {
    start_configured(|config| config.login_per_minute = login_per_minute).await
}

/// A server with the test settings, changed by `adjust`.
pub async fn start_configured(adjust: impl FnOnce(&mut Config)) -> TestServer {
    start_on(tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap(), adjust).await
}

/// A server on `listener` (bound by a test that must know the address first).
pub async fn start_on(listener: tokio::net::TcpListener, adjust: impl FnOnce(&mut Config)) -> TestServer {
    let dir = temp::tempdir();
    let dist = dir.path().join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(dist.join("index.html"), "<html><script type=\"module\">start()</script></html>").unwrap();
    // A release build's hashed files, as trunk and scripts/fonts.py name them.
    std::fs::write(dist.join("tilslut-db440502166b9b9f_bg.wasm"), b"\0asm").unwrap();
    std::fs::write(dist.join("tilslut-db440502166b9b9f.js"), "export {}").unwrap();
    std::fs::create_dir_all(dist.join("fonts")).unwrap();
    std::fs::write(dist.join("fonts/IBMPlexSans-Regular-core-d79bea398932e901.woff2"), b"wOF2").unwrap();
    // The follow-up bundle, with a start-up script of its own.
    std::fs::create_dir_all(dist.join("followup")).unwrap();
    std::fs::write(dist.join("followup/index.html"), "<html><script type=\"module\">startFollowUp()</script>follow-up bundle</html>")
        .unwrap();
    // A page pre-rendered at build time.
    std::fs::create_dir_all(dist.join("prerendered")).unwrap();
    std::fs::write(dist.join("prerendered/tilslut.html"), "<html><script type=\"module\">start()</script>pre-rendered</html>").unwrap();
    let mut config = Config {
        database: test_database(dir.path()).await,
        register: Sources::demo(),
        dist,
        dev_login: true,
        secure_cookies: false,
        login_per_minute: 1000,
        saves_per_minute: std::num::NonZeroU32::new(30).unwrap(),
        trusted_proxies: 0,
        allowed_origins: vec![reqwest::header::HeaderValue::from_static(ALLOWED_ORIGIN)],
        cross_site_cookie: false,
        clock: Clock::default(),
        limits: Limits::default(),
        public_url: SITE.into(),
        setup_url: "https://erhvervsadministration.example/".into(),
        oidc: None,
    };
    adjust(&mut config);
    let pools = open_database(&config.database).await.unwrap();
    let router = app(&config, pools).await;
    let addr = listener.local_addr().unwrap();
    tokio::spawn(serve(listener, router, config.limits.clone(), std::future::pending()));
    TestServer { base: format!("http://{addr}"), dir, database: config.database, clock: config.clock }
}

/// The PostgreSQL server the suite runs against, when it does: `postgres://user@host:port`.
pub fn postgres_server() -> Option<String> {
    std::env::var("TILSLUT_TEST_POSTGRES").ok().filter(|url| !url.is_empty())
}

/// A new, empty database: on the suite's PostgreSQL server if there is one, else a file in `dir`.
pub async fn test_database(dir: &std::path::Path) -> Database {
    let Some(server) = postgres_server() else { return Database::Sqlite(dir.join("data/tilslut.db")) };
    let name = format!("test_{}", uuid::Uuid::new_v4().simple());
    let mut admin = <sqlx::PgConnection as sqlx::Connection>::connect(&format!("{server}/postgres")).await.unwrap();
    sqlx::query(&format!("CREATE DATABASE {name}")).execute(&mut admin).await.unwrap();
    Database::Postgres(format!("{server}/{name}"))
}

pub async fn start() -> TestServer {
    start_with(1000).await
}

/// Another instance of `server`: the same database, its own process state.
pub async fn another_instance(server: &TestServer) -> TestServer {
    let database = server.database.clone();
    start_configured(|config| config.database = database).await
}

/// One browser tab: a cookie jar and the context the tab shows.
pub struct Tab {
    pub http: reqwest::Client,
    pub base: String,
    pub shown_context: String,
}

pub struct Reply {
    pub status: StatusCode,
    pub body: Value,
    pub headers: reqwest::header::HeaderMap,
}

impl Reply {
    pub fn json<T: DeserializeOwned>(&self) -> T {
        serde_json::from_value(self.body.clone()).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }
    pub fn code(&self) -> &str {
        self.body["code"].as_str().unwrap_or_default()
    }
    pub fn field_codes(&self) -> Vec<(String, String)> {
        self.body["errors"]
            .as_array()
            .map(|errors| {
                errors.iter().map(|e| (e["field"].as_str().unwrap().to_string(), e["code"].as_str().unwrap().to_string())).collect()
            })
            .unwrap_or_default()
    }
}

impl Tab {
    pub fn new(server: &TestServer) -> Tab {
        Tab {
            http: reqwest::Client::builder().cookie_store(true).build().unwrap(),
            base: server.base.clone(),
            shown_context: "none".into(),
        }
    }

    /// This tab's requests sent to another instance, as a load balancer may: the same cookies.
    pub fn on(&self, server: &TestServer) -> Tab {
        Tab { http: self.http.clone(), base: server.base.clone(), shown_context: self.shown_context.clone() }
    }

    /// A second tab of the same browser: the same cookies, its own shown context.
    pub fn second_tab(&self) -> Tab {
        Tab { http: self.http.clone(), base: self.base.clone(), shown_context: self.shown_context.clone() }
    }

    pub async fn send(&self, method: Method, path: &str, body: Option<Value>) -> Reply {
        let mut request = self.http.request(method, format!("{}{path}", self.base)).header(CONTEXT_HEADER, &self.shown_context);
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let text = response.text().await.unwrap();
        let body = if text.is_empty() { Value::Null } else { serde_json::from_str(&text).unwrap_or(Value::String(text)) };
        Reply { status, body, headers }
    }

    pub async fn get(&self, path: &str) -> Reply {
        self.send(Method::GET, path, None).await
    }
    pub async fn post(&self, path: &str, body: Value) -> Reply {
        self.send(Method::POST, path, Some(body)).await
    }
    pub async fn put(&self, path: &str, body: Value) -> Reply {
        self.send(Method::PUT, path, Some(body)).await
    }

    fn remember(&mut self, session: &Session) {
        self.shown_context = session.context.as_ref().map(|c| c.key().header_value()).unwrap_or_else(|| "none".into());
    }

    pub async fn login(&mut self, person: &str) -> Session {
        let reply = self.post("/api/dev/login", serde_json::json!({ "person_id": person })).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        let session: Session = reply.json();
        self.remember(&session);
        session
    }

    pub async fn choose(&mut self, context: Value) -> Reply {
        let reply = self.put("/api/session/context", serde_json::json!({ "context": context })).await;
        if reply.status == StatusCode::OK {
            self.remember(&reply.json());
        }
        reply
    }

    pub async fn mailbox(&self) -> Vec<tilslut_api::Mail> {
        self.get("/api/dev/mailbox").await.json()
    }
}

/// A copy of the demo register a test may change while its server runs, as CVR changes.
pub struct RegisterCopy {
    dir: temp::TempDir,
}

impl RegisterCopy {
    pub fn of_demo() -> RegisterCopy {
        let dir = temp::tempdir();
        let companies = dir.path().join("virksomheder");
        std::fs::create_dir_all(&companies).unwrap();
        std::fs::copy(demo_folder().join("personer.json"), dir.path().join("personer.json")).unwrap();
        for entry in std::fs::read_dir(demo_folder().join("virksomheder")).unwrap() {
            let path = entry.unwrap().path();
            std::fs::copy(&path, companies.join(path.file_name().unwrap())).unwrap();
        }
        RegisterCopy { dir }
    }

    pub fn path(&self) -> &std::path::Path {
        self.dir.path()
    }

    pub fn sources(&self) -> Sources {
        Sources::open(self.dir.path(), None).unwrap()
    }

    /// The file of the company of that name.
    fn file_of(&self, name: &str) -> std::path::PathBuf {
        let file = format!("{}-", cvr(name).trim_start_matches('0'));
        let companies = self.dir.path().join("virksomheder");
        let found = std::fs::read_dir(&companies)
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(&file));
        found.unwrap_or_else(|| panic!("no file for {name}"))
    }

    /// Changes what the document says, as the distribution's next answer would.
    pub fn change(&self, name: &str, change: impl FnOnce(&mut Value)) {
        let file = self.file_of(name);
        let mut document: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        change(&mut document["Vrvirksomhed"]);
        std::fs::write(&file, serde_json::to_string_pretty(&document).unwrap()).unwrap();
    }

    pub fn set_status(&self, name: &str, status: &str) {
        self.change(name, |company| {
            company["virksomhedMetadata"]["sammensatStatus"] = json!(status);
            company["virksomhedsstatus"] = json!([{ "status": status, "periode": { "gyldigFra": "2026-01-01", "gyldigTil": null } }]);
        });
    }
}

/// The CVR number of the demo register's company of that name.
pub fn cvr(name: &str) -> String {
    let companies = FolderRegister::read(&demo_folder()).unwrap().companies().unwrap();
    let company = companies.iter().find(|c| c.virksomhed_metadata.nyeste_navn.as_ref().is_some_and(|n| n.navn == name));
    format!("{:08}", company.unwrap_or_else(|| panic!("no demo company {name}")).cvr_nummer)
}

/// An administrator as the form sends one.
pub fn admin(name: &str, email: &str) -> Value {
    json!({ "name": name, "email": email, "date_of_birth": "24-12-1980" })
}

/// A new case for `company` in `role`; documentation with the applicant's own title, as it needs.
pub async fn create(tab: &Tab, company: &str, role: &str) -> Case {
    let mut request = json!({ "cvr": cvr(company), "role": role });
    if role == "documentation" {
        request["stated_role"] = json!("Bestyrelsesformand");
    }
    let reply = tab.post("/api/cases", request).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    reply.json()
}

pub async fn act(tab: &Tab, case: &Case, action: &str, mut body: Value) -> Reply {
    body["version"] = json!(case.version);
    if action == "approve" {
        sign(tab, case, &mut body).await;
    }
    let path = format!("/api/cases/{}/{action}", case.id);
    if action == "administrators" || action == "approver" {
        tab.put(&path, body).await
    } else {
        tab.post(&path, body).await
    }
}

/// What the app adds to an approval: the signing text the person sees (unless the test names
/// one), and, as the development login's confirmation page does, `confirmed`.
pub async fn sign(tab: &Tab, case: &Case, body: &mut Value) {
    if body.get("signing_text").is_none() {
        let session: Session = tab.get("/api/session").await.json();
        let language: Language = serde_json::from_value(body.get("language").cloned().unwrap_or(json!("da"))).unwrap();
        let context = session.context.unwrap_or(ActingContext::Private);
        body["signing_text"] = json!(case.signing_text(&session.person.name, &terms_version(tab).await, &context, language));
    }
    if body.get("confirmed").is_none() {
        body["confirmed"] = json!(true);
    }
}

pub async fn ok(tab: &Tab, case: &Case, action: &str, body: Value) -> Case {
    let reply = act(tab, case, action, body).await;
    assert_eq!(reply.status, StatusCode::OK, "{action}: {}", reply.body);
    reply.json()
}

pub async fn terms_version(tab: &Tab) -> String {
    tab.get("/api/terms/current").await.body["version"].as_str().unwrap().to_string()
}

/// Uploads `bytes` as a document of `kind`, declared as `mime`, to `case` at its version.
pub async fn upload(tab: &Tab, case: &Case, kind: &str, mime: &str, bytes: Vec<u8>) -> Reply {
    let form = reqwest::multipart::Form::new()
        .text("version", case.version.to_string())
        .text("kind", kind.to_string())
        .part("file", reqwest::multipart::Part::bytes(bytes).file_name("dokument").mime_str(mime).unwrap());
    let response = tab
        .http
        .post(format!("{}/api/cases/{}/documents", tab.base, case.id))
        .header(CONTEXT_HEADER, &tab.shown_context)
        .multipart(form)
        .send()
        .await
        .unwrap();
    let (status, headers) = (response.status(), response.headers().clone());
    let body = response.json().await.unwrap_or(Value::Null);
    Reply { status, body, headers }
}

/// The server's database, to damage or change as a bad day or the register would.
pub async fn database(server: &TestServer) -> sqlx::AnyPool {
    open_database(&server.database).await.unwrap().pool
}

/// How many documents' bytes the server keeps.
pub async fn stored_documents(server: &TestServer) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM document_contents").fetch_one(&database(server).await).await.unwrap()
}
