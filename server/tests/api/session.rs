//! Login, contexts ("privat til erhverv"), the two-tab rule, and the security basics, over real
//! HTTP against a real database file.

use crate::common;

use common::{cvr, start, start_configured, start_with, Tab};
use reqwest::StatusCode;
use serde_json::json;
use tilslut_api::{ActingContext, Session};
use tilslut_server::Database;

fn company_names(session: &Session) -> Vec<String> {
    session
        .contexts
        .iter()
        .filter_map(|c| match c {
            ActingContext::Company { name, .. } => Some(name.clone()),
            ActingContext::Private => None,
        })
        .collect()
}

#[tokio::test]
async fn health_openapi_and_unknown_endpoints() {
    let server = start().await;
    let tab = Tab::new(&server);
    let health = tab.get("/api/health").await;
    assert_eq!((health.status, health.body["status"].as_str()), (StatusCode::OK, Some("ok")));
    let doc = tab.get("/api/openapi.json").await;
    assert!(doc.body["paths"]["/api/cases/{id}/approve"].is_object(), "{}", doc.body);
    let missing = tab.get("/api/nothing-here").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(missing.headers["content-type"], "application/problem+json");
    assert_eq!(missing.code(), "not_found");
}

/// The development endpoints are served, and described, only with the development login.
#[tokio::test]
async fn the_description_lists_the_development_endpoints_only_when_they_are_served() {
    let dev_paths = |doc: &serde_json::Value| -> Vec<String> {
        doc["paths"].as_object().unwrap().keys().filter(|path| path.starts_with("/api/dev/")).cloned().collect()
    };
    let without = start_configured(|config| config.dev_login = false).await;
    let tab = Tab::new(&without);
    let doc = tab.get("/api/openapi.json").await.body;
    assert!(doc["paths"]["/api/cases"].is_object());
    assert_eq!(dev_paths(&doc), Vec::<String>::new());
    let administrators = &doc["components"]["schemas"]["UpdateAdministratorsRequest"]["properties"]["administrators"];
    assert_eq!(administrators["maxItems"], tilslut_api::validation::MAX_ADMINISTRATORS, "the description says the rule's limit");
    assert_eq!(tab.post("/api/dev/login", json!({ "person_id": "lars" })).await.status, StatusCode::NOT_FOUND);

    let with = start().await;
    let doc = Tab::new(&with).get("/api/openapi.json").await.body;
    assert!(dev_paths(&doc).contains(&"/api/dev/login".to_string()), "{:?}", dev_paths(&doc));
}

#[tokio::test]
async fn security_headers_and_spa_fallback() {
    let server = start().await;
    let tab = Tab::new(&server);
    let page = tab.get("/tilslut/organisation").await;
    assert_eq!(page.status, StatusCode::OK, "client-side routes get index.html");
    let csp = page.headers["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("'wasm-unsafe-eval'") && csp.contains("'sha256-") && csp.contains("frame-ancestors 'none'"), "{csp}");
    assert_eq!(page.headers["x-content-type-options"], "nosniff");
    assert_eq!(page.headers["cache-control"], "no-cache");
    // Hashed names never change: cached for a year, the wasm too (its name ends in `_bg.wasm`).
    for hashed in
        ["/tilslut-db440502166b9b9f.js", "/tilslut-db440502166b9b9f_bg.wasm", "/fonts/IBMPlexSans-Regular-core-d79bea398932e901.woff2"]
    {
        let file = tab.get(hashed).await;
        assert_eq!(file.headers["cache-control"], "public, max-age=31536000, immutable", "{hashed}");
    }
}

#[tokio::test]
async fn pages_pre_rendered_at_build_time_are_served_for_their_path_only() {
    let server = start().await;
    let text = |path: &'static str| {
        let url = format!("{}{path}", server.base);
        async move { reqwest::get(url).await.unwrap().text().await.unwrap() }
    };
    assert!(text("/tilslut").await.contains("pre-rendered"));
    assert!(text("/tilslut/").await.contains("pre-rendered"));
    for other in ["/", "/tilslut/organisation", "/prerendered/../index", "/TILSLUT"] {
        assert!(!text(other).await.contains("pre-rendered"), "{other} gets the plain index.html");
    }
}

#[tokio::test]
async fn only_allowed_origins_may_call_the_api_with_credentials() {
    let server = start().await;
    let preflight = |origin: &'static str| {
        let url = format!("{}/api/session/context", server.base);
        async move {
            reqwest::Client::new()
                .request(reqwest::Method::OPTIONS, url)
                .header("origin", origin)
                .header("access-control-request-method", "PUT")
                .header("access-control-request-headers", "content-type,x-tilslut-context")
                .send()
                .await
                .unwrap()
        }
    };
    let allowed = preflight(common::ALLOWED_ORIGIN).await;
    assert_eq!(allowed.headers()["access-control-allow-origin"], common::ALLOWED_ORIGIN);
    assert_eq!(allowed.headers()["access-control-allow-credentials"], "true");
    let allowed_headers = allowed.headers()["access-control-allow-headers"].to_str().unwrap().to_string();
    assert!(allowed_headers.contains("x-tilslut-context"), "{allowed_headers}");
    let other = preflight("https://evil.example").await;
    assert!(other.headers().get("access-control-allow-origin").is_none(), "another origin gets no CORS grant");
    assert!(other.headers().get("access-control-allow-credentials").is_none(), "nor word of credentials");
    let plain = reqwest::get(format!("{}/api/health", server.base)).await.unwrap();
    assert!(plain.headers().get("access-control-allow-credentials").is_none(), "a request from no origin neither");
}

#[tokio::test]
async fn unauthenticated_requests_are_refused() {
    let server = start().await;
    let tab = Tab::new(&server);
    let reply = tab.get("/api/session").await;
    assert_eq!((reply.status, reply.code()), (StatusCode::UNAUTHORIZED, "unauthenticated"));
}

#[tokio::test]
async fn a_sole_director_chooses_among_companies_and_private() {
    let server = start().await;
    let mut tab = Tab::new(&server);
    let session = tab.login("lars").await;
    assert_eq!(session.person.name, "Lars Nielsen");
    assert_eq!(session.context, None, "more than one context: the person chooses");
    assert_eq!(session.contexts[0], ActingContext::Private);
    assert_eq!(company_names(&session), ["Havnens Rederi ApS", "Nielsen Holding ApS", "Nielsen Rådgivning ApS"]);

    let chosen = tab.choose(json!({ "kind": "company", "cvr": cvr("Havnens Rederi ApS") })).await;
    assert_eq!(chosen.status, StatusCode::OK, "{}", chosen.body);
    let session: Session = chosen.json();
    assert!(matches!(session.context, Some(ActingContext::Company { ref name, .. }) if name == "Havnens Rederi ApS"));

    // The last context is remembered for the next login.
    tab.post("/api/logout", json!({})).await;
    let again = tab.login("lars").await;
    assert_eq!(again.last_context.map(|k| k.header_value()), Some(cvr("Havnens Rederi ApS")));
}

#[tokio::test]
async fn a_person_without_companies_acts_privately_at_once() {
    let server = start().await;
    let session = Tab::new(&server).login("emil").await;
    assert_eq!(session.context, Some(ActingContext::Private));
    assert_eq!(session.contexts, [ActingContext::Private]);
}

#[tokio::test]
async fn board_members_without_sole_signing_and_associations_are_not_contexts() {
    let server = start().await;
    for person in ["peter", "sofie"] {
        let session = Tab::new(&server).login(person).await;
        assert_eq!(session.contexts, [ActingContext::Private], "{person}");
    }
    let karen = Tab::new(&server).login("karen").await;
    assert_eq!(company_names(&karen).len(), 12);
}

#[tokio::test]
async fn a_forged_context_is_refused_and_the_old_one_stays() {
    let server = start().await;
    let mut tab = Tab::new(&server);
    tab.login("lars").await;
    tab.choose(json!({ "kind": "private" })).await;
    let forged = tab.choose(json!({ "kind": "company", "cvr": cvr("Nordlys Energi A/S") })).await;
    assert_eq!((forged.status, forged.code()), (StatusCode::FORBIDDEN, "context_not_allowed"));
    let session: Session = tab.get("/api/session").await.json();
    assert_eq!(session.context, Some(ActingContext::Private));
    let invalid = tab.choose(json!({ "kind": "company", "cvr": "12345678" })).await;
    assert_eq!(invalid.status, StatusCode::BAD_REQUEST, "an invalid CVR is bad input: {}", invalid.body);
}

fn session_cookie(reply: &common::Reply) -> Option<String> {
    reply.headers.get("set-cookie").map(|v| v.to_str().unwrap().to_string())
}

#[tokio::test]
async fn the_session_id_changes_at_login() {
    let server = start().await;
    let tab = Tab::new(&server);
    let first = session_cookie(&tab.post("/api/dev/login", json!({ "person_id": "lars" })).await).expect("login sets a cookie");
    assert!(first.contains("HttpOnly") && first.contains("SameSite=Strict"), "{first}");
    let second = session_cookie(&tab.post("/api/dev/login", json!({ "person_id": "karen" })).await).expect("a new login, a new cookie");
    assert_ne!(first.split(';').next(), second.split(';').next(), "an identifier known before a login is worth nothing after it");
}

#[tokio::test]
async fn a_request_sent_before_a_context_switch_does_not_log_the_person_out() {
    // A request still on its way when the person switches (a page loading, another tab asking
    // for the session) arrives with the cookie from before the switch, and answers after it.
    let server = start().await;
    let mut tab = Tab::new(&server);
    let login = session_cookie(&tab.post("/api/dev/login", json!({ "person_id": "lars" })).await).expect("login sets a cookie");
    tab.choose(json!({ "kind": "private" })).await;
    let before_switch = login.split(';').next().unwrap().to_string();
    let in_flight = reqwest::Client::new()
        .get(format!("{}/api/session", server.base))
        .header(reqwest::header::COOKIE, before_switch)
        .send()
        .await
        .unwrap();
    assert_eq!(in_flight.status(), StatusCode::OK, "the cookie from before the switch is still the session's");
    let removal = in_flight.headers().get_all("set-cookie").iter().any(|v| v.to_str().unwrap().contains("Max-Age=0"));
    assert!(!removal, "no answer tells the browser to forget the session");
    let session: Session = tab.get("/api/session").await.json();
    assert_eq!(session.context, Some(ActingContext::Private));
}

#[tokio::test]
async fn a_session_lives_while_it_is_used_and_ends_half_an_hour_unused_or_eight_hours_after_login() {
    let server = start().await;
    let mut tab = Tab::new(&server);
    tab.login("lars").await;
    tab.choose(json!({ "kind": "private" })).await;
    // A request every 20 minutes, for two hours: in use all along.
    for _ in 0..6 {
        server.clock.advance(20 * 60);
        let reply = tab.get("/api/session").await;
        assert_eq!(reply.status, StatusCode::OK);
        assert!(session_cookie(&reply).is_some(), "the session is saved again, and the cookie's expiry pushed on");
    }
    let soon_after = tab.get("/api/session").await;
    assert!(session_cookie(&soon_after).is_none(), "not at every request: at most once a minute");
    server.clock.advance(31 * 60);
    assert_eq!(tab.get("/api/session").await.status, StatusCode::UNAUTHORIZED, "half an hour without a request ends it");

    tab.login("lars").await;
    // Up to 7 h 59 min after login (the test's own seconds on top stay under the minute)…
    for minutes in [20; 23].into_iter().chain([19]) {
        server.clock.advance(minutes * 60);
        assert_eq!(tab.get("/api/session").await.status, StatusCode::OK);
    }
    server.clock.advance(2 * 60);
    assert_eq!(tab.get("/api/session").await.status, StatusCode::UNAUTHORIZED, "eight hours after login it ends, however used");
}

#[tokio::test]
async fn state_changes_need_the_context_header() {
    let server = start().await;
    let tab = Tab::new(&server);
    let reply = tab.http.post(format!("{}/api/dev/login", server.base)).json(&json!({ "person_id": "lars" })).send().await.unwrap();
    assert_eq!(reply.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_tab_behind_another_cannot_act_for_the_wrong_company() {
    let server = start().await;
    let mut tab_a = Tab::new(&server);
    tab_a.login("lars").await;
    tab_a.choose(json!({ "kind": "company", "cvr": cvr("Nielsen Rådgivning ApS") })).await;
    let mut tab_b = tab_a.second_tab();
    tab_b.choose(json!({ "kind": "company", "cvr": cvr("Havnens Rederi ApS") })).await;
    // Tab A still shows Nielsen Rådgivning; its request is refused, not carried out for Havnens Rederi.
    let refused = tab_a.post("/api/cases", json!({ "cvr": cvr("Nielsen Rådgivning ApS"), "role": "representative" })).await;
    assert_eq!((refused.status, refused.code()), (StatusCode::CONFLICT, "context_changed"));
    let cases = tab_b.get("/api/cases").await;
    let created = cases.body.as_array().unwrap().iter().filter(|case| case["organisation"]["cvr"] == cvr("Nielsen Rådgivning ApS")).count();
    assert_eq!(created, 0, "nothing was created");
}

#[tokio::test]
async fn login_is_rate_limited() {
    let server = start_with(2).await;
    let tab = Tab::new(&server);
    let mut statuses = Vec::new();
    for _ in 0..3 {
        statuses.push(tab.post("/api/dev/login", json!({ "person_id": "emil" })).await.status);
    }
    assert_eq!(statuses, [StatusCode::OK, StatusCode::OK, StatusCode::TOO_MANY_REQUESTS]);
}

#[tokio::test]
async fn unknown_person_and_bad_bodies_are_client_errors() {
    let server = start().await;
    let tab = Tab::new(&server);
    let unknown = tab.post("/api/dev/login", json!({ "person_id": "nobody" })).await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    let database = common::database(&server).await;
    let audited: Vec<String> =
        sqlx::query_scalar("SELECT detail FROM audit_log WHERE event = 'login_failed'").fetch_all(&database).await.unwrap();
    assert_eq!(audited, ["unknown person"]);
    let extra = tab.post("/api/dev/login", json!({ "person_id": "emil", "admin": true })).await;
    assert_eq!((extra.status, extra.code()), (StatusCode::BAD_REQUEST, "invalid_body"));
    let malformed = tab
        .http
        .post(format!("{}/api/dev/login", server.base))
        .header("x-tilslut-context", "none")
        .header("content-type", "application/json")
        .body("{\"person_id\":")
        .send()
        .await
        .unwrap();
    assert_eq!(malformed.status(), StatusCode::BAD_REQUEST);
    let huge = tab.post("/api/dev/login", json!({ "person_id": "x".repeat(100_000) })).await;
    assert_eq!(huge.status, StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn startup_names_a_damaged_database_file() {
    let dir = crate::common::temp::tempdir();
    let path = dir.path().join("broken.db");
    std::fs::write(&path, b"this is not a database, just text that is long enough to be read as a header").unwrap();
    let message = tilslut_server::open_database(&Database::Sqlite(path)).await.unwrap_err().to_string();
    assert!(message.contains("broken.db") && message.contains("TILSLUT_DATABASE"), "{message}");
}

#[tokio::test]
async fn startup_names_a_postgresql_server_it_cannot_reach_without_its_password() {
    let unreachable = Database::Postgres("postgres://tilslut:hemmeligt@127.0.0.1:1/tilslut".into());
    let message = tilslut_server::open_database(&unreachable).await.unwrap_err().to_string();
    assert!(message.contains("postgres://tilslut@127.0.0.1:1/tilslut") && message.contains("TILSLUT_DATABASE"), "{message}");
    assert!(!message.contains("hemmeligt"), "{message}");
}

#[tokio::test]
async fn startup_names_an_unwritable_data_folder() {
    let dir = crate::common::temp::tempdir();
    let blocker = dir.path().join("file");
    std::fs::write(&blocker, "").unwrap();
    let message = tilslut_server::open_database(&Database::Sqlite(blocker.join("db.sqlite"))).await.unwrap_err().to_string();
    assert!(message.contains("data folder") && message.contains("TILSLUT_DATABASE"), "{message}");
}

#[tokio::test]
async fn a_request_with_two_session_cookies_is_nobodys() {
    let server = start().await;
    let http = reqwest::Client::new();
    let login = http.post(format!("{}/api/dev/login", server.base)).header("x-tilslut-context", "none");
    let login = login.json(&json!({ "person_id": "lars" })).send().await.unwrap();
    let cookie = login.headers()["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_string();
    let (name, _) = cookie.split_once('=').unwrap();
    let session_with = |cookies: String| http.get(format!("{}/api/session", server.base)).header("cookie", cookies).send();
    assert_eq!(session_with(cookie.clone()).await.unwrap().status(), StatusCode::OK);
    // A second cookie of the same name, as one set for a sibling domain or a longer path would be:
    // whichever came first or last, the request is not taken as anybody's.
    for cookies in [format!("{name}=planted; {cookie}"), format!("{cookie}; {name}=planted")] {
        assert_eq!(session_with(cookies.clone()).await.unwrap().status(), StatusCode::UNAUTHORIZED, "{cookies}");
    }
}

#[tokio::test]
async fn over_https_the_session_cookie_is_the_hosts_alone() {
    let server = start_configured(|config| config.secure_cookies = true).await;
    let login = reqwest::Client::new().post(format!("{}/api/dev/login", server.base)).header("x-tilslut-context", "none");
    let login = login.json(&json!({ "person_id": "lars" })).send().await.unwrap();
    let cookie = login.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(cookie.starts_with("__Host-tilslut_session="), "{cookie}");
    for part in ["Secure", "HttpOnly", "Path=/"] {
        assert!(cookie.split("; ").any(|p| p == part), "{part} in {cookie}");
    }
    assert!(!cookie.contains("Domain="), "{cookie}");
}
