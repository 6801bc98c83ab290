//! Login through an OpenID Connect provider (a MitID broker): discovery at start, the
//! authorization code flow with PKCE (S256), and the ID token checked by `openidconnect` (its
//! signature against the provider's keys, issuer, audience, expiry and nonce). What the token
//! says about the person is read with the claim names the broker uses; a claim the token does not
//! carry is asked of the provider's userinfo endpoint, as a conformant provider gives the profile
//! claims there and not in the ID token (OpenID Connect Core 5.4), and some brokers do the same.
//! A login below the assurance level the service needs is refused, and a signing sends the text
//! MitID shows the person, as the broker's profile says (`broker`).

pub mod broker;

use base64::Engine as _;
use broker::{assurance_of, reference_parameters, Assurance, Broker, ReferenceTextParameter, REQUIRED_ASSURANCE};
use chrono::{DateTime, Utc};
use openidconnect::core::{CoreAuthPrompt, CoreAuthenticationFlow, CoreClient};
use openidconnect::{
    AuthorizationCode, ClientId, ClientSecret, CsrfToken, EndpointMaybeSet, EndpointNotSet, EndpointSet, IssuerUrl, LogoutRequest, Nonce,
    OAuth2TokenResponse as _, PkceCodeChallenge, PkceCodeVerifier, PostLogoutRedirectUrl, ProviderMetadataWithLogout, RedirectUrl, Scope,
    TokenResponse as _,
};

type Client = CoreClient<EndpointSet, EndpointNotSet, EndpointNotSet, EndpointNotSet, EndpointMaybeSet, EndpointMaybeSet>;

/// How the service is registered with the provider, and what the provider calls things.
#[derive(Clone, Debug)]
pub struct OidcSettings {
    /// `TILSLUT_OIDC_ISSUER`: the provider's issuer URL, where discovery starts.
    pub issuer: String,
    pub client_id: String,
    pub client_secret: Option<String>,
    /// Asked for besides `openid`.
    pub scopes: Vec<String>,
    /// The claim that carries the CPR number.
    pub cpr_claim: String,
    /// The claim that carries the person's full name.
    pub name_claim: String,
    /// `acr_values` sent with every login: the assurance level asked for.
    pub acr_values: Option<String>,
    /// How a signing's reference text is sent.
    pub reference_text: ReferenceTextParameter,
    /// The claim the broker gives the shown reference text back in, if it does.
    pub echo_claim: Option<String>,
}

impl OidcSettings {
    /// `broker`'s profile at `issuer`, for client `tilslut` without a secret.
    pub fn for_broker(broker: Broker, issuer: &str) -> OidcSettings {
        let profile = broker.profile();
        OidcSettings {
            issuer: issuer.to_string(),
            client_id: "tilslut".into(),
            client_secret: None,
            scopes: profile.scopes.split(' ').map(String::from).collect(),
            cpr_claim: profile.cpr_claim.into(),
            name_claim: profile.name_claim.into(),
            acr_values: profile.acr_values.map(String::from),
            reference_text: profile.reference_text,
            echo_claim: profile.echo_claim.map(String::from),
        }
    }
}

/// A provider found by discovery, and this service's client at it.
pub struct OidcLogin {
    client: Client,
    http: reqwest::Client,
    settings: OidcSettings,
    /// The provider's `end_session_endpoint` with this service's logout parameters, if it has one.
    logout_url: Option<String>,
    /// The provider's `userinfo_endpoint`, if it has one.
    userinfo_url: Option<String>,
}

impl std::fmt::Debug for OidcLogin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OidcLogin").field("issuer", &self.settings.issuer).finish_non_exhaustive()
    }
}

/// Why discovery failed, in words for the one-line start-up error.
#[derive(Debug, thiserror::Error)]
pub enum DiscoveryError {
    #[error("TILSLUT_OIDC_ISSUER={0} is not a URL")]
    Issuer(String),
    #[error("TILSLUT_OIDC_ISSUER={issuer}: discovery failed: {cause}")]
    Unreachable { issuer: String, cause: String },
    #[error("TILSLUT_PUBLIC_URL={0} gives no valid redirect URL")]
    Redirect(String),
}

/// A login on its way to the provider: what the callback must find again.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct PendingLogin {
    pub state: String,
    pub nonce: String,
    pub pkce_verifier: String,
}

/// What a verified ID token says about the person.
#[derive(Debug)]
pub struct Identity {
    /// The provider's stable identifier of the person (`sub`).
    pub subject: String,
    pub name: Option<String>,
    pub email: Option<String>,
    /// Only to ask the register with; never stored, logged or sent on.
    pub cpr: Option<String>,
    /// When the person authenticated (`auth_time`), if the token says.
    pub authenticated_at: Option<DateTime<Utc>>,
    /// The assurance level of the login, if the claims state one.
    pub assurance: Option<Assurance>,
    /// The reference text the broker says MitID showed, if it gives it back.
    pub echoed_reference: Option<String>,
}

/// What a login at the provider is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose<'a> {
    /// To start a session: a provider session the person already has will do.
    LogIn,
    /// To sign: the person authenticates anew, whatever session they have at the provider, and
    /// MitID shows them `reference_text` (at most [`broker::MAX_REFERENCE_TEXT`] characters)
    /// where the broker takes one.
    Sign { reference_text: &'a str },
}

/// Why a callback did not log anybody in; each is a page in plain words, never an error body.
#[derive(Debug, thiserror::Error)]
pub enum CallbackError {
    #[error("the token request failed: {0}")]
    Token(String),
    #[error("the ID token was refused: {0}")]
    IdToken(String),
    #[error("the userinfo answer was refused: {0}")]
    UserInfo(String),
    #[error("the login's assurance level is {0:?}, below what the service needs")]
    Assurance(Option<Assurance>),
}

impl OidcLogin {
    /// Discovers the provider; `public_url` is where this service is reached, the redirect URL's base.
    pub async fn discover(settings: OidcSettings, public_url: &str) -> Result<OidcLogin, DiscoveryError> {
        let issuer = IssuerUrl::new(settings.issuer.clone()).map_err(|_| DiscoveryError::Issuer(settings.issuer.clone()))?;
        // openidconnect's advice: a client that follows no redirects (SSRF).
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(std::time::Duration::from_secs(10))
            // A login asks the provider twice a minute at most: a fresh connection each time
            // rather than one the provider may have closed meanwhile.
            .pool_max_idle_per_host(0)
            .build()
            .map_err(|e| DiscoveryError::Unreachable { issuer: settings.issuer.clone(), cause: e.to_string() })?;
        let metadata = ProviderMetadataWithLogout::discover_async(issuer, &http)
            .await
            .map_err(|e| DiscoveryError::Unreachable { issuer: settings.issuer.clone(), cause: error_chain(&e) })?;
        let site = public_url.trim_end_matches('/');
        let redirect = RedirectUrl::new(format!("{site}{}", tilslut_api::paths::LOGIN_CALLBACK))
            .map_err(|_| DiscoveryError::Redirect(public_url.to_string()))?;
        let after_logout = PostLogoutRedirectUrl::new(format!("{site}/")).map_err(|_| DiscoveryError::Redirect(public_url.to_string()))?;
        let logout_url = metadata.additional_metadata().end_session_endpoint.clone().map(|endpoint| {
            LogoutRequest::from(endpoint)
                .set_client_id(ClientId::new(settings.client_id.clone()))
                .set_post_logout_redirect_uri(after_logout)
                .http_get_url()
                .to_string()
        });
        let userinfo_url = metadata.userinfo_endpoint().map(|endpoint| endpoint.url().to_string());
        let client = CoreClient::from_provider_metadata(
            metadata,
            ClientId::new(settings.client_id.clone()),
            settings.client_secret.clone().map(ClientSecret::new),
        )
        .set_redirect_uri(redirect);
        Ok(OidcLogin { client, http, settings, logout_url, userinfo_url })
    }

    /// Where the browser goes to be logged out at the provider too, if it offers that.
    pub fn logout_url(&self) -> Option<&str> {
        self.logout_url.as_deref()
    }

    /// Where to send the browser, and what the callback must find again.
    pub fn start(&self, purpose: Purpose) -> (String, PendingLogin) {
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let mut request = self.client.authorize_url(CoreAuthenticationFlow::AuthorizationCode, CsrfToken::new_random, Nonce::new_random);
        for scope in &self.settings.scopes {
            request = request.add_scope(Scope::new(scope.clone()));
        }
        if let Some(acr_values) = &self.settings.acr_values {
            request = request.add_extra_param("acr_values", acr_values.clone());
        }
        if let Purpose::Sign { reference_text } = purpose {
            // Both, as brokers honour one or the other; max_age also makes `auth_time` required.
            request = request.add_prompt(CoreAuthPrompt::Login).set_max_age(std::time::Duration::ZERO);
            for (name, value) in reference_parameters(self.settings.reference_text, reference_text) {
                request = request.add_extra_param(name, value);
            }
        }
        let (url, state, nonce) = request.set_pkce_challenge(challenge).url();
        let pending =
            PendingLogin { state: state.secret().clone(), nonce: nonce.secret().clone(), pkce_verifier: verifier.secret().clone() };
        (url.to_string(), pending)
    }

    /// Redeems `code` (with the PKCE verifier) and verifies the ID token against the nonce.
    pub async fn finish(&self, code: String, pending: PendingLogin) -> Result<Identity, CallbackError> {
        let request = self.client.exchange_code(AuthorizationCode::new(code)).map_err(|e| CallbackError::Token(e.to_string()))?;
        let response = request
            .set_pkce_verifier(PkceCodeVerifier::new(pending.pkce_verifier))
            .request_async(&self.http)
            .await
            .map_err(|e| CallbackError::Token(error_chain(&e)))?;
        let id_token = response.id_token().ok_or_else(|| CallbackError::IdToken("no ID token".into()))?;
        let claims = id_token
            .claims(&self.client.id_token_verifier(), &Nonce::new(pending.nonce))
            .map_err(|e| CallbackError::IdToken(e.to_string()))?;
        // The claims a broker names its own way, read from the token verified just now, and those
        // it lacks from the userinfo endpoint.
        let subject = claims.subject().to_string();
        let mut all = payload(&id_token.to_string()).ok_or_else(|| CallbackError::IdToken("unreadable payload".into()))?;
        if lacks_claims(&read_identity(subject.clone(), &all, &self.settings)) {
            if let Some(url) = &self.userinfo_url {
                fill_in(&mut all, self.user_info(url, response.access_token().secret(), &subject).await?);
            }
        }
        let mut identity = read_identity(subject, &all, &self.settings);
        identity.authenticated_at = claims.auth_time();
        if identity.assurance.is_none_or(|level| level < REQUIRED_ASSURANCE) {
            return Err(CallbackError::Assurance(identity.assurance));
        }
        Ok(identity)
    }

    /// The userinfo endpoint's claims for `access_token`, which must be about `subject` (Core 5.3.2:
    /// the `sub` must equal the ID token's, or the answer is not used). Plain JSON only: a signed
    /// or encrypted answer (`application/jwt`) is refused rather than read unchecked.
    async fn user_info(&self, url: &str, access_token: &str, subject: &str) -> Result<serde_json::Value, CallbackError> {
        let refused = |why: String| CallbackError::UserInfo(why);
        let response = self
            .http
            .get(url)
            .bearer_auth(access_token)
            .header(reqwest::header::ACCEPT, "application/json")
            .send()
            .await
            .map_err(|e| refused(error_chain(&e)))?;
        if !response.status().is_success() {
            return Err(refused(format!("status {}", response.status())));
        }
        let json = response
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/json"));
        if !json {
            return Err(refused("not plain JSON".into()));
        }
        let claims: serde_json::Value = response.json().await.map_err(|e| refused(error_chain(&e)))?;
        if claims.get("sub").and_then(serde_json::Value::as_str) != Some(subject) {
            return Err(refused("about another subject".into()));
        }
        Ok(claims)
    }
}

/// Whether the person lacks a claim the userinfo endpoint may have: their name, CPR number,
/// e-mail address or the login's assurance level.
fn lacks_claims(identity: &Identity) -> bool {
    identity.name.is_none() || identity.cpr.is_none() || identity.email.is_none() || identity.assurance.is_none()
}

/// `claims` with what `user_info` adds: the ID token's own claims stay as they are.
fn fill_in(claims: &mut serde_json::Value, user_info: serde_json::Value) {
    if let (Some(claims), serde_json::Value::Object(more)) = (claims.as_object_mut(), user_info) {
        for (name, value) in more {
            claims.entry(name).or_insert(value);
        }
    }
}

/// The JSON payload of a compact JWT (already verified by the caller).
fn payload(jwt: &str) -> Option<serde_json::Value> {
    let part = jwt.split('.').nth(1)?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(part).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// The person as the token's claims describe them, by the broker's claim names.
pub fn read_identity(subject: String, claims: &serde_json::Value, settings: &OidcSettings) -> Identity {
    let text = |name: &str| claims.get(name).and_then(serde_json::Value::as_str).map(str::trim).filter(|v| !v.is_empty()).map(String::from);
    Identity {
        subject,
        name: text(&settings.name_claim),
        email: text("email"),
        cpr: text(&settings.cpr_claim)
            .map(|cpr| cpr.replace('-', ""))
            .filter(|cpr| cpr.len() == 10 && cpr.chars().all(|c| c.is_ascii_digit())),
        authenticated_at: None,
        assurance: assurance_of(claims),
        echoed_reference: settings.echo_claim.as_deref().and_then(text),
    }
}

/// An error with its causes, on one line.
fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut cause = error.source();
    while let Some(inner) = cause {
        text.push_str(": ");
        text.push_str(&inner.to_string());
        cause = inner.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> OidcSettings {
        OidcSettings {
            cpr_claim: "nin".into(),
            name_claim: "full_name".into(),
            ..OidcSettings::for_broker(Broker::Generic, "https://broker.example")
        }
    }

    #[test]
    fn the_claims_are_read_by_the_brokers_names() {
        let claims = serde_json::json!({ "nin": "140370-1234", "full_name": " Lars Nielsen ", "email": "lars@example.dk", "name": "x" });
        let identity = read_identity("s-1".into(), &claims, &settings());
        assert_eq!(identity.cpr.as_deref(), Some("1403701234"));
        assert_eq!(identity.name.as_deref(), Some("Lars Nielsen"));
        assert_eq!(identity.email.as_deref(), Some("lars@example.dk"));
    }

    #[test]
    fn a_missing_or_malformed_cpr_number_is_none() {
        for claims in [serde_json::json!({}), serde_json::json!({ "nin": "12345" }), serde_json::json!({ "nin": 1403701234 })] {
            assert_eq!(read_identity("s".into(), &claims, &settings()).cpr, None, "{claims}");
        }
    }

    #[test]
    fn userinfo_adds_what_the_id_token_lacks_and_changes_nothing_it_has() {
        let mut claims = serde_json::json!({ "sub": "s-1", "full_name": "Lars Nielsen" });
        assert!(lacks_claims(&read_identity("s-1".into(), &claims, &settings())));
        let more = serde_json::json!({ "sub": "s-2", "full_name": "Another", "nin": "1403701234", "email": "l@example.dk", "loa": "High" });
        fill_in(&mut claims, more);
        let identity = read_identity("s-1".into(), &claims, &settings());
        assert_eq!((identity.name.as_deref(), identity.cpr.as_deref()), (Some("Lars Nielsen"), Some("1403701234")));
        assert_eq!(claims["sub"], "s-1");
        assert!(!lacks_claims(&identity));
    }

    #[test]
    fn the_payload_of_a_token_is_its_middle_part() {
        let body = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(r#"{"sub":"s-1"}"#);
        assert_eq!(payload(&format!("h.{body}.sig")).unwrap()["sub"], "s-1");
        assert!(payload("not a token").is_none());
    }
}
