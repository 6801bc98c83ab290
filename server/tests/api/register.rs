//! The production register adapter over real HTTP. Erhvervsstyrelsen's distribution cannot be
//! reached from here, so a local server speaks its wire format: `POST
//! /cvr-permanent/virksomhed/_search` with HTTP basic auth and an Elasticsearch term query,
//! answered with `hits.hits[]._source` documents from the demo folder. What this proves is the
//! transport and the query's shape; the decisions are the rule engine's tests.

use crate::common::{start_configured, Tab};
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::{Json, Router};
use serde_json::{json, Value};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use tilslut_api::ActingContext;
use tilslut_server::adapters::register::elastic::{ElasticRegister, ATTEMPTS};
use tilslut_server::adapters::register::folder::{demo_folder, FolderRegister};
use tilslut_server::adapters::register::{CvrAccess, CvrSource, Sources};

const USER: &str = "tilslut";
const PASSWORD: &str = "hemmeligt";

/// The stand-in distribution: its documents, how many searches it was asked, and whether it
/// answers 503 (down for maintenance) instead.
#[derive(Clone)]
struct Distribution {
    documents: Arc<Vec<Value>>,
    searches: Arc<AtomicUsize>,
    down: Arc<std::sync::atomic::AtomicBool>,
}

async fn search(State(distribution): State<Distribution>, headers: HeaderMap, Json(query): Json<Value>) -> (StatusCode, Json<Value>) {
    distribution.searches.fetch_add(1, Ordering::SeqCst);
    if distribution.down.load(Ordering::SeqCst) {
        return (StatusCode::SERVICE_UNAVAILABLE, Json(json!({})));
    }
    use base64::Engine;
    let expected = format!("Basic {}", base64::engine::general_purpose::STANDARD.encode(format!("{USER}:{PASSWORD}")));
    if headers.get("authorization").and_then(|v| v.to_str().ok()) != Some(expected.as_str()) {
        return (StatusCode::UNAUTHORIZED, Json(json!({ "error": "authentication" })));
    }
    let term = query["query"]["term"].as_object().expect("a term query");
    let (field, value) = term.iter().next().expect("one field");
    let size = query["size"].as_u64().expect("a size") as usize;
    let matches = |document: &Value| match field.as_str() {
        "Vrvirksomhed.cvrNummer" => document["Vrvirksomhed"]["cvrNummer"] == *value,
        "Vrvirksomhed.deltagerRelation.deltager.enhedsNummer" => document["Vrvirksomhed"]["deltagerRelation"]
            .as_array()
            .unwrap()
            .iter()
            .any(|relation| relation["deltager"]["enhedsNummer"] == *value),
        other => panic!("a field the distribution was not asked by: {other}"),
    };
    let hits: Vec<Value> = distribution.documents.iter().filter(|d| matches(d)).take(size).map(|d| json!({ "_source": d })).collect();
    (StatusCode::OK, Json(json!({ "hits": { "total": hits.len(), "hits": hits } })))
}

async fn start_distribution() -> (String, Distribution) {
    let folder = demo_folder().join("virksomheder");
    let mut files: Vec<_> = std::fs::read_dir(folder).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    let documents = files.iter().map(|file| serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap()).collect();
    let distribution = Distribution { documents: Arc::new(documents), searches: Arc::default(), down: Arc::new(false.into()) };
    let router = Router::new().route("/cvr-permanent/virksomhed/_search", post(search)).with_state(distribution.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    (base, distribution)
}

#[tokio::test]
async fn companies_come_from_the_distribution_by_cvr_and_by_participant() {
    let (base, distribution) = start_distribution().await;
    let register = ElasticRegister::new(&base, USER, PASSWORD).unwrap();
    let folder = FolderRegister::read(&demo_folder()).unwrap();
    let havnen = folder.companies().unwrap().into_iter().find(|c| c.cvr_nummer == 31000025).unwrap();
    let found = register.company(31000025).await.unwrap().unwrap();
    assert_eq!(found.virksomhed_metadata.nyeste_navn.unwrap().navn, havnen.virksomhed_metadata.nyeste_navn.unwrap().navn);
    assert!(register.company(13748136).await.unwrap().is_none());
    let lars = 4_000_100_002;
    let mut cvrs: Vec<u64> = register.companies_of(lars).await.unwrap().iter().map(|c| c.cvr_nummer).collect();
    cvrs.sort();
    assert_eq!(cvrs, [31000017, 31000025, 31000033]);
    // Asked again at once: the short cache answers.
    let before = distribution.searches.load(Ordering::SeqCst);
    register.company(31000025).await.unwrap();
    assert_eq!(distribution.searches.load(Ordering::SeqCst), before);
}

#[tokio::test]
async fn a_distribution_that_is_down_is_asked_a_bounded_number_of_times_and_refused_credentials_once() {
    let (base, distribution) = start_distribution().await;
    distribution.down.store(true, Ordering::SeqCst);
    let register = ElasticRegister::new(&base, USER, PASSWORD).unwrap();
    let error = register.company(31000025).await.unwrap_err();
    assert!(error.to_string().contains("503"), "{error}");
    assert_eq!(distribution.searches.load(Ordering::SeqCst), ATTEMPTS);
    distribution.down.store(false, Ordering::SeqCst);
    let wrong = ElasticRegister::new(&base, USER, "forkert").unwrap();
    let before = distribution.searches.load(Ordering::SeqCst);
    assert!(wrong.company(31000025).await.unwrap_err().to_string().contains("401"));
    assert_eq!(distribution.searches.load(Ordering::SeqCst), before + 1, "wrong credentials are not tried again");
}

#[tokio::test]
async fn the_server_decides_on_the_distributions_data_and_says_so_when_it_is_away() {
    let (base, distribution) = start_distribution().await;
    let access = CvrAccess { url: base, user: USER.into(), password: PASSWORD.into() };
    let server = start_configured(|config| config.register = Sources::open(&demo_folder(), Some(&access)).unwrap()).await;
    let mut lars = Tab::new(&server);
    let session = lars.login("lars").await;
    let names: Vec<&str> = session
        .contexts
        .iter()
        .filter_map(|context| match context {
            ActingContext::Company { name, .. } => Some(name.as_str()),
            ActingContext::Private => None,
        })
        .collect();
    assert_eq!(names, ["Havnens Rederi ApS", "Nielsen Holding ApS", "Nielsen Rådgivning ApS"]);
    distribution.down.store(true, Ordering::SeqCst);
    let karen = Tab::new(&server).post("/api/dev/login", json!({ "person_id": "karen" })).await;
    assert_eq!((karen.status, karen.code()), (StatusCode::SERVICE_UNAVAILABLE, "unavailable"), "{}", karen.body);
}

#[tokio::test]
async fn a_look_up_names_todays_representatives_in_words() {
    let server = crate::common::start().await;
    let mut anders = Tab::new(&server);
    anders.login("anders").await;
    let found: tilslut_api::OrganisationLookup =
        anders.get(&format!("/api/organisations/{}", crate::common::cvr("Havnens Rederi ApS"))).await.json();
    let shown: Vec<(String, String)> = found.representatives.into_iter().map(|r| (r.person.name, r.role)).collect();
    // Ole Havmand resigned as director in 2025: history, not a representative.
    assert_eq!(shown, [("Jonas Berg".to_string(), "Direktør".to_string()), ("Lars Nielsen".to_string(), "Direktør".to_string())]);
    let found: tilslut_api::OrganisationLookup =
        anders.get(&format!("/api/organisations/{}", crate::common::cvr("Nielsen Rådgivning ApS"))).await.json();
    // Helle Nielsen owns it (reel ejer) but manages nothing.
    assert_eq!(found.representatives.len(), 1);
}
