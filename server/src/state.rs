//! What the running server needs, shared by every request, and how it is set up.

use crate::adapters::identity::{DevIdentityProvider, IdentityProvider};
use crate::adapters::register::{Register, Sources};
use crate::clock::Clock;
use crate::db::Pool;
use crate::http::in_flight::InFlight;
use crate::http::rate::PerMinute;

/// Uploads received at once (each up to 10 MiB in memory): 80 MiB at most, in all.
const UPLOADS_IN_FLIGHT: usize = 8;
/// Uploads one person sends at once: the app sends one at a time.
const UPLOADS_IN_FLIGHT_PER_PERSON: usize = 2;

use axum::http::HeaderValue;
use std::path::PathBuf;
use std::sync::Arc;

#[derive(Clone)]
pub struct AppState {
    pub pool: Pool,
    pub register: Register,
    pub identity: Arc<dyn IdentityProvider>,
    pub clock: Clock,
    /// Where people reach the service: the base of every link in an e-mail.
    pub public_url: Arc<str>,
    /// Where an administrator goes on to set the organisation up.
    pub setup_url: Arc<str>,
    /// The OpenID Connect provider people log in through, when there is one.
    pub oidc: Option<Arc<crate::adapters::oidc::OidcLogin>>,
    /// Cookies are marked `Secure`.
    pub secure_cookies: bool,
    /// Uploads being received: each holds its file in memory until it is stored.
    pub uploads: Arc<InFlight>,
    /// Changes to a case, per person and case.
    pub saves: Arc<PerMinute>,
    /// The SQLite database's folder, whose free space readiness checks; none on PostgreSQL.
    pub database_folder: Option<PathBuf>,
}

impl AppState {
    /// The configured register and the development identity provider on `pool`.
    pub fn new(config: &Config, pool: Pool) -> Self {
        let register = Register::new(config.register.cvr.clone(), config.register.persons.clone(), config.clock.clone());
        AppState {
            identity: Arc::new(DevIdentityProvider { pool: pool.clone(), register: register.clone() }),
            register,
            pool,
            clock: config.clock.clone(),
            public_url: config.public_url.trim_end_matches('/').into(),
            setup_url: config.setup_url.as_str().into(),
            oidc: config.oidc.clone(),
            secure_cookies: config.secure_cookies,
            uploads: InFlight::new(UPLOADS_IN_FLIGHT, UPLOADS_IN_FLIGHT_PER_PERSON),
            saves: Arc::new(PerMinute::new(config.saves_per_minute)),
            database_folder: match &config.database {
                crate::Database::Sqlite(path) => Some(path.parent().map(PathBuf::from).unwrap_or_default()),
                crate::Database::Postgres(_) => None,
            },
        }
    }
}

/// How the server is set up; read from the environment by `main`, built directly by tests.
#[derive(Clone, Debug)]
pub struct Config {
    pub database: crate::Database,
    /// The CVR register's companies and the persons it knows, opened at start.
    pub register: Sources,
    pub dist: PathBuf,
    /// Let anyone log in as a demo person. Never in production.
    pub dev_login: bool,
    /// Mark the session cookie `Secure` and send HSTS (when served over HTTPS): on by default
    /// on any address but loopback.
    pub secure_cookies: bool,
    /// Requests per minute allowed to the login endpoint from one address.
    pub login_per_minute: u32,
    /// Changes one person may make to one case in a minute: far more than anyone types, far
    /// fewer than a script that saves in a loop.
    pub saves_per_minute: std::num::NonZeroU32,
    /// How many reverse proxies in front append the client's address to `X-Forwarded-For`
    /// (`http::client`): the limits count per client, not per proxy. 0: none, the peer is the
    /// client.
    pub trusted_proxies: u8,
    /// Origins of host pages on another origin that embed the components and may call the API
    /// with the session cookie (CORS with credentials). Empty: same origin only.
    pub allowed_origins: Vec<HeaderValue>,
    /// `SameSite=None` on the session cookie, for hosts on another *site* (not just another port
    /// or subdomain); needs `secure_cookies`, as browsers refuse it otherwise.
    pub cross_site_cookie: bool,
    /// The system's; a test's own, to move on.
    pub clock: Clock,
    /// The absolute address people reach the service at (`https://tilslut.example.dk`): the
    /// base of every link in an e-mail.
    pub public_url: String,
    /// Where an administrator goes on to set the organisation up, once their address is
    /// confirmed (step 3, at MitID Erhverv's own administration).
    pub setup_url: String,
    /// Connections, timeouts and shutdown.
    pub limits: crate::serve::Limits,
    /// The OpenID Connect provider (a MitID broker), found by discovery at start.
    pub oidc: Option<Arc<crate::adapters::oidc::OidcLogin>>,
}
