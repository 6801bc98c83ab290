//! Starts the reference backend: settings read once (`settings`), the database opened, the
//! address bound, the broker found, then served until Ctrl-C or SIGTERM. Any step that cannot be
//! taken ends the start with one line that names the setting to change.

use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;
use tilslut_server::adapters::mail::{spawn_delivery, SmtpSender};
use tilslut_server::adapters::oidc::OidcLogin;
use tilslut_server::adapters::register::Sources;
use tilslut_server::serve::serve;
use tilslut_server::settings::{self, Settings};
use tilslut_server::{app, open_database, Clock, Config};

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info,tower_http=warn".into()))
        .with_writer(std::io::stderr)
        .init();
    let started = match settings::read(|name| std::env::var(name).ok()) {
        Ok(settings) => start(settings).await,
        Err(problems) => Err(problems.join("\nerror: ")),
    };
    match started {
        Ok(()) => ExitCode::SUCCESS,
        Err(problem) => {
            eprintln!("error: {problem}");
            ExitCode::FAILURE
        }
    }
}

async fn start(settings: Settings) -> Result<(), String> {
    if !settings.dist.join("index.html").exists() {
        return Err(format!("no built app in {} (run `make run`, or set TILSLUT_DIST)", settings.dist.display()));
    }
    let register = Sources::open(&settings.register_dir, settings.cvr.as_ref())?;
    let pools = open_database(&settings.database).await.map_err(|e| e.to_string())?;
    let listener = tokio::net::TcpListener::bind(settings.addr)
        .await
        .map_err(|e| format!("cannot listen on {}: {e} (stop the other program or set TILSLUT_ADDR)", settings.addr))?;
    if let Some(smtp) = &settings.smtp {
        let sender = SmtpSender::new(&smtp.url, &smtp.from)?;
        spawn_delivery(pools.pool.clone(), Arc::new(sender), Duration::from_secs(5));
    }
    // The bound address, not the asked one: with port 0 the system picks a free port (the tests do).
    let bound = listener.local_addr().unwrap_or(settings.addr);
    let public_url = settings.public_url.unwrap_or_else(|| format!("http://{bound}"));
    let oidc = match settings.oidc {
        Some(oidc) => Some(Arc::new(OidcLogin::discover(oidc, &public_url).await.map_err(|e| e.to_string())?)),
        None => None,
    };
    let config = Config {
        database: settings.database,
        register,
        dist: settings.dist,
        dev_login: settings.dev_login,
        secure_cookies: settings.secure_cookies,
        login_per_minute: settings.login_per_minute,
        saves_per_minute: settings.saves_per_minute,
        trusted_proxies: settings.trusted_proxies,
        allowed_origins: settings.allowed_origins,
        cross_site_cookie: settings.cross_site_cookie,
        clock: Clock::default(),
        public_url,
        setup_url: settings.setup_url,
        limits: settings.limits,
        oidc,
    };
    let router = app(&config, pools).await;
    if config.dev_login {
        tracing::warn!("the development identity provider is enabled: anyone can log in as a demo person");
    }
    println!("tilslut is running at http://{bound}/ (Ctrl-C stops it)");
    serve(listener, router, config.limits, shutdown_signal()).await;
    Ok(())
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
