//! Starts the reference backend. Settings come from the environment (see the README).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;
use tilslut_server::adapters::oidc::{OidcLogin, OidcSettings, DEFAULT_CPR_CLAIM, DEFAULT_NAME_CLAIM};
use tilslut_server::serve::{serve, Limits};
use tilslut_server::{app, open_database, Clock, Config, Database};

fn env_flag(name: &str) -> bool {
    std::env::var(name).is_ok_and(|v| matches!(v.as_str(), "1" | "true" | "yes"))
}

/// `name` as `yes`/`no`, or `default` when it is not set.
fn env_switch(name: &str, default: bool) -> bool {
    match std::env::var(name) {
        Ok(value) => matches!(value.as_str(), "1" | "true" | "yes"),
        Err(_) => default,
    }
}

/// A whole number setting, or `default`; `Err` names the setting when it is not one.
fn env_number(name: &str, default: u64) -> Result<u64, String> {
    match std::env::var(name) {
        Ok(value) => value.parse().map_err(|_| format!("{name}={value} is not a whole number")),
        Err(_) => Ok(default),
    }
}

/// `https://host[:port]` or `http://…`, without a path: what a link in an e-mail starts with.
fn is_site_address(url: &str) -> bool {
    let Some((scheme, rest)) = url.trim_end_matches('/').split_once("://") else { return false };
    matches!(scheme, "http" | "https") && !rest.is_empty() && !rest.contains(['/', '?', '#', ' '])
}

/// The identity provider's settings, when `TILSLUT_OIDC_ISSUER` names one.
fn oidc_settings_from_env() -> Option<OidcSettings> {
    let issuer = std::env::var("TILSLUT_OIDC_ISSUER").ok().filter(|issuer| !issuer.is_empty())?;
    let var = |name: &str, default: &str| std::env::var(name).ok().filter(|v| !v.is_empty()).unwrap_or_else(|| default.to_string());
    Some(OidcSettings {
        issuer,
        client_id: var("TILSLUT_OIDC_CLIENT_ID", "tilslut"),
        client_secret: std::env::var("TILSLUT_OIDC_CLIENT_SECRET").ok().filter(|v| !v.is_empty()),
        scopes: var("TILSLUT_OIDC_SCOPES", "profile").split([' ', ',']).filter(|s| !s.is_empty()).map(String::from).collect(),
        cpr_claim: var("TILSLUT_OIDC_CPR_CLAIM", DEFAULT_CPR_CLAIM),
        name_claim: var("TILSLUT_OIDC_NAME_CLAIM", DEFAULT_NAME_CLAIM),
    })
}

fn limits_from_env() -> Result<Limits, String> {
    let default = Limits::default();
    let seconds = |name, default: Duration| env_number(name, default.as_secs()).map(Duration::from_secs);
    Ok(Limits {
        max_connections: usize::try_from(env_number("TILSLUT_MAX_CONNECTIONS", default.max_connections as u64)?).unwrap_or(usize::MAX),
        header_read_timeout: seconds("TILSLUT_HEADER_TIMEOUT_SECONDS", default.header_read_timeout)?,
        body_read_timeout: seconds("TILSLUT_BODY_TIMEOUT_SECONDS", default.body_read_timeout)?,
        shutdown_grace: seconds("TILSLUT_SHUTDOWN_GRACE_SECONDS", default.shutdown_grace)?,
    })
}

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info,tower_http=warn".into()))
        .with_writer(std::io::stderr)
        .init();
    let addr_text = std::env::var("TILSLUT_ADDR").unwrap_or_else(|_| "127.0.0.1:8080".into());
    let Ok(addr) = addr_text.parse::<SocketAddr>() else {
        eprintln!("error: TILSLUT_ADDR={addr_text} is not an address such as 127.0.0.1:8080");
        return ExitCode::FAILURE;
    };
    let limits = match limits_from_env() {
        Ok(limits) => limits,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let loopback = addr.ip().is_loopback();
    let database = Database::from_setting(&std::env::var("TILSLUT_DATABASE").unwrap_or_else(|_| "data/tilslut.db".into()));
    let mut config = Config {
        database,
        dist: std::env::var_os("TILSLUT_DIST").map(PathBuf::from).unwrap_or_else(|| "dist".into()),
        dev_login: env_flag("TILSLUT_DEV_LOGIN"),
        // Anywhere but this machine the service is reached over HTTPS (through a proxy, say).
        secure_cookies: env_switch("TILSLUT_SECURE_COOKIES", !loopback),
        login_per_minute: std::env::var("TILSLUT_LOGIN_PER_MINUTE").ok().and_then(|v| v.parse().ok()).unwrap_or(30),
        behind_proxy: env_flag("TILSLUT_BEHIND_PROXY"),
        allowed_origins: Vec::new(),
        cross_site_cookie: env_flag("TILSLUT_CROSS_SITE_COOKIE"),
        clock: Clock::default(),
        limits,
        public_url: std::env::var("TILSLUT_PUBLIC_URL").unwrap_or_default(),
        oidc: None,
    };
    if !config.public_url.is_empty() && !is_site_address(&config.public_url) {
        eprintln!("error: TILSLUT_PUBLIC_URL={} is not an address such as https://tilslut.example.dk", config.public_url);
        return ExitCode::FAILURE;
    }
    if config.dev_login && !loopback {
        eprintln!("error: TILSLUT_DEV_LOGIN lets anyone log in as anyone; it is served on a loopback address only (TILSLUT_ADDR={addr})");
        return ExitCode::FAILURE;
    }
    for origin in std::env::var("TILSLUT_ALLOWED_ORIGINS").unwrap_or_default().split(',').map(str::trim).filter(|o| !o.is_empty()) {
        // An origin is scheme, host and port, nothing else: a path or a slash would never match.
        let valid = (origin.starts_with("https://") || origin.starts_with("http://"))
            && !origin.split_once("://").is_some_and(|(_, rest)| rest.contains('/'));
        match axum::http::HeaderValue::from_str(origin) {
            Ok(value) if valid => config.allowed_origins.push(value),
            _ => {
                eprintln!(
                    "error: TILSLUT_ALLOWED_ORIGINS has {origin:?}; write origins such as https://portal.example.dk, separated by commas"
                );
                return ExitCode::FAILURE;
            }
        }
    }
    if config.cross_site_cookie && !config.secure_cookies {
        eprintln!("error: TILSLUT_CROSS_SITE_COOKIE needs TILSLUT_SECURE_COOKIES=1 (browsers refuse SameSite=None without Secure)");
        return ExitCode::FAILURE;
    }
    if !config.dist.join("index.html").exists() {
        eprintln!("error: no built app in {} (run `make run`, or set TILSLUT_DIST)", config.dist.display());
        return ExitCode::FAILURE;
    }
    let pools = match open_database(&config.database).await {
        Ok(pools) => pools,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let listener = match tokio::net::TcpListener::bind(addr).await {
        Ok(listener) => listener,
        Err(e) => {
            eprintln!("error: cannot listen on {addr}: {e} (stop the other program or set TILSLUT_ADDR)");
            return ExitCode::FAILURE;
        }
    };
    if let Ok(url) = std::env::var("TILSLUT_SMTP_URL") {
        let from = std::env::var("TILSLUT_MAIL_FROM").unwrap_or_else(|_| "Tilslut <noreply@tilslut.example>".into());
        match tilslut_server::adapters::mail::SmtpSender::new(&url, &from) {
            Ok(sender) => tilslut_server::adapters::mail::spawn_delivery(
                pools.pool.clone(),
                std::sync::Arc::new(sender),
                std::time::Duration::from_secs(5),
            ),
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    // The bound address, not the asked one: with port 0 the system picks a free port (the tests do).
    let bound = listener.local_addr().unwrap_or(addr);
    if config.public_url.is_empty() {
        if !loopback {
            eprintln!("error: set TILSLUT_PUBLIC_URL to the address people reach the service at (e-mails link to it)");
            return ExitCode::FAILURE;
        }
        config.public_url = format!("http://{bound}");
    }
    if let Some(settings) = oidc_settings_from_env() {
        match OidcLogin::discover(settings, &config.public_url).await {
            Ok(login) => config.oidc = Some(std::sync::Arc::new(login)),
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    let router = app(&config, pools).await;
    if config.dev_login {
        tracing::warn!("the development identity provider is enabled: anyone can log in as a demo person");
    }
    println!("tilslut is running at http://{bound}/ (Ctrl-C stops it)");
    serve(listener, router, config.limits, shutdown_signal()).await;
    ExitCode::SUCCESS
}

/// Ctrl-C in a terminal, or SIGTERM from a supervisor or a test harness.
async fn shutdown_signal() {
    #[cfg(unix)]
    {
        let mut terminate = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).expect("SIGTERM handler");
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = terminate.recv() => {}
        }
    }
    #[cfg(not(unix))]
    let _ = tokio::signal::ctrl_c().await;
}

#[cfg(test)]
mod tests {
    use super::is_site_address;

    #[test]
    fn a_public_url_is_a_site_without_a_path() {
        assert!(is_site_address("https://tilslut.example.dk"));
        assert!(is_site_address("http://127.0.0.1:8080/"));
        assert!(!is_site_address("tilslut.example.dk"));
        assert!(!is_site_address("https://tilslut.example.dk/app"));
        assert!(!is_site_address("ftp://tilslut.example.dk"));
    }
}
