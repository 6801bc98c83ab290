//! The production source: Erhvervsstyrelsen's system-to-system access to CVR data, an
//! Elasticsearch endpoint (`<base>/cvr-permanent/virksomhed/_search`, HTTP basic auth, JSON).
//! Each ask has a timeout and is tried at most [`ATTEMPTS`] times; an answer is kept for
//! [`CACHE_LIFETIME`], never longer, and never used once it has expired: when the register
//! cannot answer, the person is told so (503) and nothing is decided on old data.

use super::model::{Source, Vrvirksomhed};
use super::{CvrSource, Unreachable};
use async_trait::async_trait;
use serde::Deserialize;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How long one ask may take.
pub const TIMEOUT: Duration = Duration::from_secs(5);
/// How many times an ask is made before the register counts as unreachable.
pub const ATTEMPTS: usize = 2;
/// How long an answer is reused: a person's few requests in a row ask once.
pub const CACHE_LIFETIME: Duration = Duration::from_secs(30);
/// The most companies one participant's search returns.
const MAX_COMPANIES: usize = 200;

pub struct ElasticRegister {
    search_url: String,
    user: String,
    password: String,
    client: reqwest::Client,
    cache: Mutex<HashMap<String, (Instant, Vec<Vrvirksomhed>)>>,
}

#[derive(Deserialize)]
struct SearchAnswer {
    hits: Hits,
}

#[derive(Deserialize)]
struct Hits {
    hits: Vec<Hit>,
}

#[derive(Deserialize)]
struct Hit {
    #[serde(rename = "_source")]
    source: Source,
}

impl ElasticRegister {
    /// `base` is the distribution's address (`http://distribution.virk.dk`, say).
    pub fn new(base: &str, user: &str, password: &str) -> Result<ElasticRegister, String> {
        let client = reqwest::Client::builder()
            .timeout(TIMEOUT)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| format!("TILSLUT_CVR_URL: {e}"))?;
        Ok(ElasticRegister {
            search_url: format!("{}/cvr-permanent/virksomhed/_search", base.trim_end_matches('/')),
            user: user.to_string(),
            password: password.to_string(),
            client,
            cache: Mutex::new(HashMap::new()),
        })
    }

    /// The companies a term query on `field` = `value` finds.
    async fn search(&self, field: &str, value: u64, size: usize) -> Result<Vec<Vrvirksomhed>, Unreachable> {
        let key = format!("{field}={value}");
        if let Some((at, companies)) = self.cache.lock().map_err(|_| Unreachable("cache".into()))?.get(&key) {
            if at.elapsed() < CACHE_LIFETIME {
                return Ok(companies.clone());
            }
        }
        let query = json!({ "query": { "term": { field: value } }, "size": size });
        let mut last_error = String::new();
        for _ in 0..ATTEMPTS {
            match self.ask(&query).await {
                Ok(companies) => {
                    let mut cache = self.cache.lock().map_err(|_| Unreachable("cache".into()))?;
                    cache.retain(|_, (at, _)| at.elapsed() < CACHE_LIFETIME);
                    cache.insert(key, (Instant::now(), companies.clone()));
                    return Ok(companies);
                }
                Err(Retry::No(error)) => return Err(Unreachable(error)),
                Err(Retry::Yes(error)) => last_error = error,
            }
        }
        Err(Unreachable(last_error))
    }

    async fn ask(&self, query: &Value) -> Result<Vec<Vrvirksomhed>, Retry> {
        let response = self
            .client
            .post(&self.search_url)
            .basic_auth(&self.user, Some(&self.password))
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .body(query.to_string())
            .send()
            .await
            .map_err(|e| Retry::Yes(e.to_string()))?;
        let status = response.status();
        if status.is_server_error() || status == reqwest::StatusCode::TOO_MANY_REQUESTS {
            return Err(Retry::Yes(format!("answered {status}")));
        }
        if !status.is_success() {
            // Wrong credentials or a query it refuses: asking again changes nothing.
            return Err(Retry::No(format!("answered {status}")));
        }
        let body = response.bytes().await.map_err(|e| Retry::Yes(e.to_string()))?;
        let answer: SearchAnswer = serde_json::from_slice(&body).map_err(|e| Retry::No(format!("an answer not in CVR's shape: {e}")))?;
        Ok(answer.hits.hits.into_iter().map(|hit| hit.source.virksomhed).collect())
    }
}

enum Retry {
    Yes(String),
    No(String),
}

#[async_trait]
impl CvrSource for ElasticRegister {
    async fn company(&self, cvr: u64) -> Result<Option<Vrvirksomhed>, Unreachable> {
        let found = self.search("Vrvirksomhed.cvrNummer", cvr, 1).await?;
        Ok(found.into_iter().find(|company| company.cvr_nummer == cvr))
    }

    async fn companies_of(&self, participant: u64) -> Result<Vec<Vrvirksomhed>, Unreachable> {
        self.search("Vrvirksomhed.deltagerRelation.deltager.enhedsNummer", participant, MAX_COMPANIES).await
    }
}
