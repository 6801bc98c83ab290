//! Every setting the server takes from its environment, read and checked once at start: each
//! variable, its default, and one line in words for each value that will not do (all of them at
//! once, so an operator fixes them in one go). Nothing else in the server reads the environment.

use crate::adapters::oidc::broker::Broker;
use crate::adapters::oidc::OidcSettings;
use crate::adapters::register::folder::demo_folder;
use crate::adapters::register::CvrAccess;
use crate::serve::Limits;
use crate::Database;
use axum::http::HeaderValue;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

/// The server's settings, as the environment gives them.
#[derive(Debug)]
pub struct Settings {
    /// `TILSLUT_ADDR` (`127.0.0.1:8080`): where the server listens.
    pub addr: SocketAddr,
    /// `TILSLUT_DATABASE` (`data/tilslut.db`): a SQLite file's path or a `postgres://` URL.
    pub database: Database,
    /// `TILSLUT_REGISTER_DIR` (the bundled `server/demo-register`): the register's folder, its
    /// persons always and its companies unless `cvr` is set.
    pub register_dir: PathBuf,
    /// `TILSLUT_CVR_URL`, `TILSLUT_CVR_USER`, `TILSLUT_CVR_PASSWORD`: companies from
    /// Erhvervsstyrelsen's distribution instead of the folder.
    pub cvr: Option<CvrAccess>,
    /// `TILSLUT_DIST` (`dist`): the built app.
    pub dist: PathBuf,
    /// `TILSLUT_DEV_LOGIN` (off): anyone logs in as a demo person; loopback addresses only.
    pub dev_login: bool,
    /// `TILSLUT_SECURE_COOKIES` (on, but off on a loopback address).
    pub secure_cookies: bool,
    /// `TILSLUT_LOGIN_PER_MINUTE` (30): logins begun per client and minute, in each instance.
    pub login_per_minute: u32,
    /// `TILSLUT_SAVES_PER_MINUTE` (30): changes per person and case a minute, in each instance.
    pub saves_per_minute: std::num::NonZeroU32,
    /// `TILSLUT_BEHIND_PROXY` (off): the client is the address the proxy forwards; `yes` for one
    /// proxy, a number for that many in a row.
    pub trusted_proxies: u8,
    /// `TILSLUT_ALLOWED_ORIGINS` (none): host pages on other origins, separated by commas.
    pub allowed_origins: Vec<HeaderValue>,
    /// `TILSLUT_CROSS_SITE_COOKIE` (off): `SameSite=None`; needs secure cookies.
    pub cross_site_cookie: bool,
    /// `TILSLUT_PUBLIC_URL` (the bound address, on loopback only): the base of e-mails' links.
    pub public_url: Option<String>,
    /// `TILSLUT_SETUP_URL` (MitID Erhverv's administration): where an administrator goes on to
    /// set the organisation up once their address is confirmed.
    pub setup_url: String,
    /// `TILSLUT_MAX_CONNECTIONS`, `TILSLUT_HEADER_TIMEOUT_SECONDS`, `TILSLUT_BODY_TIMEOUT_SECONDS`,
    /// `TILSLUT_SHUTDOWN_GRACE_SECONDS` (see [`Limits::default`]).
    pub limits: Limits,
    /// `TILSLUT_SMTP_URL` and `TILSLUT_MAIL_FROM`: send the outbox by SMTP (else it stays queued,
    /// and the development mailbox shows it).
    pub smtp: Option<Smtp>,
    /// `TILSLUT_OIDC_ISSUER` and its companions: log in through a MitID broker.
    pub oidc: Option<OidcSettings>,
}

#[derive(Debug, PartialEq, Eq)]
pub struct Smtp {
    pub url: String,
    pub from: String,
}

/// MitID Erhverv's administration, where an organisation's administrators set it up.
const DEFAULT_SETUP_URL: &str = "https://erhvervsadministration.nemlog-in.dk/";
const DEFAULT_MAIL_FROM: &str = "Tilslut <noreply@tilslut.example>";

/// Reads the settings through `var` (the environment, or a test's table); `Err` holds one line
/// for each bad value.
pub fn read(var: impl Fn(&str) -> Option<String>) -> Result<Settings, Vec<String>> {
    let mut problems = Vec::new();
    let var = |name: &str| var(name).filter(|value| !value.is_empty());
    let flag = |name: &str, default: bool, problems: &mut Vec<String>| match var(name).as_deref() {
        None => default,
        Some("1" | "true" | "yes") => true,
        Some("0" | "false" | "no") => false,
        Some(other) => {
            problems.push(format!("{name}={other} is neither yes nor no (1/0, true/false)"));
            default
        }
    };
    let number = |name: &str, default: u64, problems: &mut Vec<String>| match var(name) {
        None => default,
        Some(value) => value.parse().unwrap_or_else(|_| {
            problems.push(format!("{name}={value} is not a whole number"));
            default
        }),
    };

    let addr_text = var("TILSLUT_ADDR").unwrap_or_else(|| "127.0.0.1:8080".into());
    let addr = addr_text.parse::<SocketAddr>().unwrap_or_else(|_| {
        problems.push(format!("TILSLUT_ADDR={addr_text} is not an address such as 127.0.0.1:8080"));
        SocketAddr::from(([127, 0, 0, 1], 8080))
    });
    let loopback = addr.ip().is_loopback();
    let dev_login = flag("TILSLUT_DEV_LOGIN", false, &mut problems);
    if dev_login && !loopback {
        problems
            .push(format!("TILSLUT_DEV_LOGIN lets anyone log in as anyone; it is served on a loopback address only (TILSLUT_ADDR={addr})"));
    }
    // Anywhere but this machine the service is reached over HTTPS (through a proxy, say).
    let secure_cookies = flag("TILSLUT_SECURE_COOKIES", !loopback, &mut problems);
    let cross_site_cookie = flag("TILSLUT_CROSS_SITE_COOKIE", false, &mut problems);
    if cross_site_cookie && !secure_cookies {
        problems.push("TILSLUT_CROSS_SITE_COOKIE needs TILSLUT_SECURE_COOKIES=1 (browsers refuse SameSite=None without Secure)".into());
    }
    let login_per_minute = number("TILSLUT_LOGIN_PER_MINUTE", 30, &mut problems);
    let login_per_minute = u32::try_from(login_per_minute).ok().filter(|n| *n > 0).unwrap_or_else(|| {
        problems.push(format!("TILSLUT_LOGIN_PER_MINUTE={login_per_minute} is not between 1 and {}", u32::MAX));
        30
    });
    let saves_per_minute = number("TILSLUT_SAVES_PER_MINUTE", 30, &mut problems);
    let saves_per_minute = u32::try_from(saves_per_minute).ok().and_then(std::num::NonZeroU32::new).unwrap_or_else(|| {
        problems.push(format!("TILSLUT_SAVES_PER_MINUTE={saves_per_minute} is not between 1 and {}", u32::MAX));
        std::num::NonZeroU32::new(30).expect("not zero")
    });
    let public_url = var("TILSLUT_PUBLIC_URL");
    match &public_url {
        Some(url) if !is_site_address(url) => {
            problems.push(format!("TILSLUT_PUBLIC_URL={url} is not an address such as https://tilslut.example.dk"))
        }
        None if !loopback => problems.push("set TILSLUT_PUBLIC_URL to the address people reach the service at (e-mails link to it)".into()),
        _ => {}
    }
    let setup_url = var("TILSLUT_SETUP_URL").unwrap_or_else(|| DEFAULT_SETUP_URL.into());
    if !setup_url.starts_with("https://") && !setup_url.starts_with("http://") {
        problems.push(format!("TILSLUT_SETUP_URL={setup_url} is not an address such as {DEFAULT_SETUP_URL}"));
    }
    let mut allowed_origins = Vec::new();
    for origin in var("TILSLUT_ALLOWED_ORIGINS").unwrap_or_default().split(',').map(str::trim).filter(|o| !o.is_empty()) {
        match HeaderValue::from_str(origin) {
            Ok(value) if is_origin(origin) => allowed_origins.push(value),
            _ => problems.push(format!(
                "TILSLUT_ALLOWED_ORIGINS has {origin:?}; write origins such as https://portal.example.dk, separated by commas"
            )),
        }
    }
    let default = Limits::default();
    let mut seconds = |name, default: Duration| Duration::from_secs(number(name, default.as_secs(), &mut problems));
    let limits = Limits {
        header_read_timeout: seconds("TILSLUT_HEADER_TIMEOUT_SECONDS", default.header_read_timeout),
        body_read_timeout: seconds("TILSLUT_BODY_TIMEOUT_SECONDS", default.body_read_timeout),
        shutdown_grace: seconds("TILSLUT_SHUTDOWN_GRACE_SECONDS", default.shutdown_grace),
        max_connections: usize::try_from(number("TILSLUT_MAX_CONNECTIONS", default.max_connections as u64, &mut problems))
            .unwrap_or(usize::MAX),
        max_connections_per_client: usize::try_from(number(
            "TILSLUT_MAX_CONNECTIONS_PER_CLIENT",
            default.max_connections_per_client as u64,
            &mut problems,
        ))
        .unwrap_or(usize::MAX),
    };
    let smtp = var("TILSLUT_SMTP_URL").map(|url| Smtp { url, from: var("TILSLUT_MAIL_FROM").unwrap_or_else(|| DEFAULT_MAIL_FROM.into()) });
    let oidc = var("TILSLUT_OIDC_ISSUER").map(|issuer| {
        let broker = var("TILSLUT_OIDC_BROKER").unwrap_or_else(|| "generic".into());
        let broker = Broker::parse(&broker).unwrap_or_else(|| {
            problems.push(format!("TILSLUT_OIDC_BROKER={broker} is none of generic, signaturgruppen, criipto, nemlogin"));
            Broker::Generic
        });
        let profile = OidcSettings::for_broker(broker, &issuer);
        OidcSettings {
            client_id: var("TILSLUT_OIDC_CLIENT_ID").unwrap_or(profile.client_id),
            client_secret: var("TILSLUT_OIDC_CLIENT_SECRET"),
            scopes: var("TILSLUT_OIDC_SCOPES")
                .map(|scopes| scopes.split([' ', ',']).filter(|s| !s.is_empty()).map(String::from).collect())
                .unwrap_or(profile.scopes),
            cpr_claim: var("TILSLUT_OIDC_CPR_CLAIM").unwrap_or(profile.cpr_claim),
            name_claim: var("TILSLUT_OIDC_NAME_CLAIM").unwrap_or(profile.name_claim),
            acr_values: var("TILSLUT_OIDC_ACR_VALUES").or(profile.acr_values),
            ..profile
        }
    });
    let cvr = var("TILSLUT_CVR_URL").map(|url| {
        if !url.starts_with("https://") && !url.starts_with("http://") {
            problems.push(format!("TILSLUT_CVR_URL={url} is not an address such as http://distribution.virk.dk"));
        }
        let mut credential = |name: &str| {
            var(name).unwrap_or_else(|| {
                problems.push(format!("TILSLUT_CVR_URL needs {name} too (the distribution asks for HTTP basic auth)"));
                String::new()
            })
        };
        let user = credential("TILSLUT_CVR_USER");
        let password = credential("TILSLUT_CVR_PASSWORD");
        CvrAccess { url, user, password }
    });
    let trusted_proxies = match var("TILSLUT_BEHIND_PROXY").as_deref() {
        None | Some("0" | "false" | "no") => 0,
        Some("true" | "yes") => 1,
        Some(other) => other.parse().ok().filter(|n| (1..=9).contains(n)).unwrap_or_else(|| {
            problems.push(format!("TILSLUT_BEHIND_PROXY={other} is neither no, yes, nor a number of proxies from 1 to 9"));
            0
        }),
    };
    let settings = Settings {
        addr,
        database: Database::from_setting(&var("TILSLUT_DATABASE").unwrap_or_else(|| "data/tilslut.db".into())),
        register_dir: var("TILSLUT_REGISTER_DIR").map(PathBuf::from).unwrap_or_else(demo_folder),
        cvr,
        dist: var("TILSLUT_DIST").map(PathBuf::from).unwrap_or_else(|| "dist".into()),
        dev_login,
        secure_cookies,
        login_per_minute,
        saves_per_minute,
        trusted_proxies,
        allowed_origins,
        cross_site_cookie,
        public_url,
        setup_url,
        // Behind a proxy every connection comes from it: limiting per client is then the proxy's.
        limits: if trusted_proxies > 0 { Limits { max_connections_per_client: limits.max_connections, ..limits } } else { limits },
        smtp,
        oidc,
    };
    if problems.is_empty() {
        Ok(settings)
    } else {
        Err(problems)
    }
}

/// `https://host[:port]` or `http://…`, without a path: what a link in an e-mail starts with.
fn is_site_address(url: &str) -> bool {
    let Some((scheme, rest)) = url.trim_end_matches('/').split_once("://") else { return false };
    matches!(scheme, "http" | "https") && !rest.is_empty() && !rest.contains(['/', '?', '#', ' '])
}

/// An origin is scheme, host and port, nothing else: a path or a slash would never match.
fn is_origin(origin: &str) -> bool {
    matches!(origin.split_once("://"), Some(("http" | "https", rest)) if !rest.is_empty() && !rest.contains('/'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn read_from(pairs: &[(&str, &str)]) -> Result<Settings, Vec<String>> {
        let table: HashMap<String, String> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        read(|name| table.get(name).cloned())
    }

    #[test]
    fn nothing_set_is_the_local_development_server() {
        let settings = read_from(&[]).unwrap();
        assert_eq!(settings.addr.to_string(), "127.0.0.1:8080");
        assert_eq!(settings.database, Database::Sqlite("data/tilslut.db".into()));
        assert!(!settings.secure_cookies && !settings.dev_login && settings.oidc.is_none() && settings.smtp.is_none());
        assert_eq!(settings.login_per_minute, 30);
    }

    #[test]
    fn every_bad_value_is_told_at_once_by_its_name() {
        let problems = read_from(&[
            ("TILSLUT_ADDR", "0.0.0.0:80"),
            ("TILSLUT_DEV_LOGIN", "1"),
            ("TILSLUT_LOGIN_PER_MINUTE", "lots"),
            ("TILSLUT_ALLOWED_ORIGINS", "https://ok.example, https://bad.example/path"),
            ("TILSLUT_BEHIND_PROXY", "maybe"),
            ("TILSLUT_HEADER_TIMEOUT_SECONDS", "-1"),
        ])
        .unwrap_err();
        let named: Vec<&str> = problems.iter().map(|p| p.split(['=', ' ']).next().unwrap()).collect();
        assert_eq!(
            named,
            [
                "TILSLUT_DEV_LOGIN",
                "TILSLUT_LOGIN_PER_MINUTE",
                "set",
                "TILSLUT_ALLOWED_ORIGINS",
                "TILSLUT_HEADER_TIMEOUT_SECONDS",
                "TILSLUT_BEHIND_PROXY"
            ],
            "{problems:#?}"
        );
    }

    #[test]
    fn the_distribution_needs_its_credentials() {
        let problems = read_from(&[("TILSLUT_CVR_URL", "http://distribution.virk.dk")]).unwrap_err();
        assert_eq!(problems.len(), 2, "{problems:?}");
        let cvr = [("TILSLUT_CVR_URL", "http://distribution.virk.dk"), ("TILSLUT_CVR_USER", "u"), ("TILSLUT_CVR_PASSWORD", "p")];
        assert_eq!(read_from(&cvr).unwrap().cvr.unwrap().user, "u");
        assert_eq!(read_from(&[]).unwrap().register_dir, demo_folder());
    }

    #[test]
    fn a_public_server_needs_https_and_its_own_address() {
        let settings = read_from(&[("TILSLUT_ADDR", "0.0.0.0:8080"), ("TILSLUT_PUBLIC_URL", "https://tilslut.example.dk")]).unwrap();
        assert!(settings.secure_cookies);
        let problems = read_from(&[("TILSLUT_CROSS_SITE_COOKIE", "1")]).unwrap_err();
        assert!(problems[0].starts_with("TILSLUT_CROSS_SITE_COOKIE needs"), "{problems:?}");
    }

    #[test]
    fn a_public_url_is_a_site_without_a_path() {
        assert!(is_site_address("https://tilslut.example.dk"));
        assert!(is_site_address("http://127.0.0.1:8080/"));
        assert!(!is_site_address("tilslut.example.dk"));
        assert!(!is_site_address("https://tilslut.example.dk/app"));
        assert!(!is_site_address("ftp://tilslut.example.dk"));
    }

    #[test]
    fn the_broker_is_set_by_its_issuer_with_defaults_for_the_rest() {
        let settings = read_from(&[("TILSLUT_OIDC_ISSUER", "https://broker.example"), ("TILSLUT_OIDC_SCOPES", "profile, mitid")]).unwrap();
        let oidc = settings.oidc.unwrap();
        assert_eq!((oidc.client_id.as_str(), oidc.scopes), ("tilslut", vec!["profile".to_string(), "mitid".to_string()]));
    }

    #[test]
    fn a_broker_profile_sets_the_names_and_each_variable_overrides_its_part() {
        let issuer = ("TILSLUT_OIDC_ISSUER", "https://broker.example");
        let oidc = read_from(&[issuer, ("TILSLUT_OIDC_BROKER", "criipto"), ("TILSLUT_OIDC_CPR_CLAIM", "nin")]).unwrap().oidc.unwrap();
        assert_eq!((oidc.cpr_claim.as_str(), oidc.name_claim.as_str(), oidc.scopes), ("nin", "name", vec!["ssn".to_string()]));
        assert_eq!(oidc.acr_values.as_deref(), Some("urn:grn:authn:dk:mitid:substantial"));
        let problems = read_from(&[issuer, ("TILSLUT_OIDC_BROKER", "nets")]).unwrap_err();
        assert_eq!(problems, ["TILSLUT_OIDC_BROKER=nets is none of generic, signaturgruppen, criipto, nemlogin"]);
    }
}
