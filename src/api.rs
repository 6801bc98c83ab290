//! The typed client of the tilslut API. Components never build requests themselves.

use gloo_net::http::{Request, RequestBuilder, Response};
use leptos::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::Arc;
use tilslut_api::paths::{self, CaseAction};
use tilslut_api::Language;
use tilslut_api::{
    AcceptTermsRequest, AdministratorInput, ApproveRequest, Case, CaseRole, ChooseApproverRequest, ChooseContextRequest,
    ConfirmEmailRequest, ContextKey, CreateCaseRequest, Cvr, DemoPerson, DevLoginRequest, DocumentKind, GiveEmailRequest, Health,
    LoggedOut, Organisation, OrganisationLookup, Problem, ProblemCode, RejectRequest, RenewSetupLinkRequest, Session, SigningStep, Terms,
    UpdateAdministratorsRequest, VersionedRequest, CONTEXT_HEADER,
};
#[cfg(feature = "followup")]
use tilslut_api::{DecisionRequest, HistoryPage, PublishTermsRequest, ReviewItem, SetupLink};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Why a call failed, in the terms a user can be told. A component's `on_error` hears it after
/// the component has said it to the person, e.g. to log it or to offer the host's own help:
///
/// ```no_run
/// use leptos::prelude::*;
/// use tilslut::api::ApiError;
/// use tilslut::{Onboarding, Tilslut};
///
/// let on_error = |error: ApiError| match error.code() {
///     "network" => leptos::logging::warn!("tilslut cannot reach its backend"),
///     code => leptos::logging::warn!("tilslut: {code}: {error:?}"),
/// };
/// view! { <Tilslut><Onboarding on_error /></Tilslut> };
/// ```
#[derive(Clone, Debug, PartialEq)]
pub enum ApiError {
    /// No answer: the network or the server is down. Whatever the user typed is still on the page.
    Network(String),
    /// The server answered with a problem document.
    Problem(Problem),
    /// The server answered something this client does not understand.
    Unexpected(String),
}

impl ApiError {
    /// The problem's stable code (`network` and `unexpected` for the other two): the server's
    /// codes are listed in its OpenAPI description (`/api/openapi.json`).
    ///
    /// ```
    /// use tilslut::api::ApiError;
    ///
    /// assert_eq!(ApiError::Network("HTTP 502".into()).code(), "network");
    /// ```
    pub fn code(&self) -> &str {
        match self {
            ApiError::Network(_) => "network",
            ApiError::Problem(problem) => problem.code.as_str(),
            ApiError::Unexpected(_) => "unexpected",
        }
    }

    /// The server's code, when the server answered with a problem.
    ///
    /// ```
    /// use tilslut::api::ApiError;
    ///
    /// assert_eq!(ApiError::Network("HTTP 502".into()).problem(), None);
    /// ```
    pub fn problem(&self) -> Option<ProblemCode> {
        match self {
            ApiError::Problem(problem) => Some(problem.code),
            _ => None,
        }
    }
}

/// A reply's body as the type asked for, or the problem it reports.
fn parse_reply<T: DeserializeOwned>(status: u16, text: &str) -> Result<T, ApiError> {
    if (200..300).contains(&status) {
        return serde_json::from_str(text).map_err(|e| ApiError::Unexpected(e.to_string()));
    }
    match serde_json::from_str::<Problem>(text) {
        Ok(problem) => Err(ApiError::Problem(problem)),
        // A proxy or a dead backend answers without a problem document.
        Err(_) if status >= 500 || status == 0 => Err(ApiError::Network(format!("HTTP {status}"))),
        Err(e) => Err(ApiError::Unexpected(format!("HTTP {status}: {e}"))),
    }
}

/// What an approval came to.
pub(crate) enum Approved {
    /// Approved.
    Case(Box<Case>),
    /// The signature is still to be given, where this says.
    ToSign(SigningStep),
}

/// The API's address and the context this page shows. [`crate::Tilslut`] makes one from its
/// `api_base`; make one yourself only to provide the session without it
/// ([`crate::session::provide_session`]). Cheap to clone.
///
/// ```no_run
/// use tilslut::api::ApiClient;
///
/// let same_origin = ApiClient::new("");
/// let elsewhere = ApiClient::new("https://tilslut.example.dk/");
/// ```
#[derive(Clone)]
pub struct ApiClient {
    base: Arc<str>,
    /// What this tab shows; sent with every state-changing request so the server can refuse a
    /// request made for a context that another tab has since switched away from.
    shown_context: RwSignal<Option<ContextKey>>,
}

type BoxedFetch<T> = Rc<dyn Fn() -> Pin<Box<dyn Future<Output = T>>>>;

/// Leptos copies a resource's loading code for every distinct fetch function; behind one boxed
/// type per result type, the app's resources share it.
fn boxed_resource<T: 'static>(fetch: BoxedFetch<T>) -> LocalResource<T> {
    LocalResource::new(move || fetch())
}

impl ApiClient {
    /// `base` is the address the API's paths are relative to: empty for the same origin, or e.g.
    /// `https://tilslut.example.dk` for a backend on another origin (it must allow CORS). A
    /// trailing slash is dropped.
    ///
    /// ```no_run
    /// let client = tilslut::api::ApiClient::new("https://tilslut.example.dk");
    /// ```
    pub fn new(base: impl Into<String>) -> Self {
        ApiClient { base: base.into().trim_end_matches('/').into(), shown_context: RwSignal::new(None) }
    }

    /// A resource that asks the backend with `ask`, given a client of its own at every (re)load;
    /// signals read in `ask` before its future starts are tracked and reload it.
    pub(crate) fn resource<T: 'static, Fut: Future<Output = T> + 'static>(
        &self,
        ask: impl Fn(ApiClient) -> Fut + 'static,
    ) -> LocalResource<T> {
        let client = self.clone();
        boxed_resource(Rc::new(move || Box::pin(ask(client.clone()))))
    }

    pub(crate) fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    fn context_header(&self) -> String {
        self.shown_context.get_untracked().map(|c| c.header_value()).unwrap_or_else(|| "none".into())
    }

    fn prepare(&self, builder: RequestBuilder) -> RequestBuilder {
        builder.header(CONTEXT_HEADER, &self.context_header()).credentials(web_sys::RequestCredentials::Include)
    }

    /// The status and the body of `response`.
    async fn reply(response: Result<Response, gloo_net::Error>) -> Result<(u16, String), ApiError> {
        let response = response.map_err(|e| ApiError::Network(e.to_string()))?;
        let text = response.text().await.map_err(|e| ApiError::Network(e.to_string()))?;
        Ok((response.status(), text))
    }

    async fn read<T: DeserializeOwned>(response: Result<Response, gloo_net::Error>) -> Result<T, ApiError> {
        let (status, text) = Self::reply(response).await?;
        parse_reply(status, &text)
    }

    async fn get<T: DeserializeOwned>(&self, path: &str) -> Result<T, ApiError> {
        Self::read(self.prepare(Request::get(&self.url(path))).send().await).await
    }

    /// `body` sent as JSON with `builder`: the status and the body of the answer.
    async fn exchange<B: Serialize>(&self, builder: RequestBuilder, body: &B) -> Result<(u16, String), ApiError> {
        let request = self.prepare(builder).json(body).map_err(|e| ApiError::Unexpected(e.to_string()))?;
        Self::reply(request.send().await).await
    }

    async fn send<B: Serialize, T: DeserializeOwned>(&self, builder: RequestBuilder, body: &B) -> Result<T, ApiError> {
        let (status, text) = self.exchange(builder, body).await?;
        parse_reply(status, &text)
    }

    /// Remembers the session's context as the one this tab shows.
    fn track(&self, session: Session) -> Session {
        self.shown_context.set(session.context.as_ref().map(|c| c.key()));
        session
    }

    pub(crate) async fn health(&self) -> Result<Health, ApiError> {
        self.get(paths::HEALTH).await
    }

    /// The current session, or `None` when nobody is logged in.
    pub(crate) async fn session(&self) -> Result<Option<Session>, ApiError> {
        match self.get::<Session>(paths::SESSION).await {
            Ok(session) => Ok(Some(self.track(session))),
            Err(ApiError::Problem(problem)) if problem.status == 401 => {
                self.shown_context.set(None);
                Ok(None)
            }
            Err(e) => Err(e),
        }
    }

    pub(crate) async fn demo_persons(&self) -> Result<Vec<DemoPerson>, ApiError> {
        self.get(paths::DEV_PERSONS).await
    }

    pub(crate) async fn dev_login(&self, person_id: &str) -> Result<Session, ApiError> {
        let body = DevLoginRequest { person_id: person_id.to_string() };
        self.send(Request::post(&self.url(paths::DEV_LOGIN)), &body).await.map(|s| self.track(s))
    }

    /// Logs out here; where to go to log out at the identity provider too, if anywhere.
    pub(crate) async fn logout(&self) -> Result<LoggedOut, ApiError> {
        let logged_out = Self::read(self.prepare(Request::post(&self.url(paths::LOGOUT))).send().await).await;
        self.shown_context.set(None);
        logged_out
    }

    pub(crate) async fn choose_context(&self, context: ContextKey) -> Result<Session, ApiError> {
        let body = ChooseContextRequest { context };
        self.send(Request::put(&self.url(paths::SESSION_CONTEXT)), &body).await.map(|s| self.track(s))
    }

    /// Gives the address the person wants their mail at; a code is sent there.
    pub(crate) async fn give_email(&self, email: &str) -> Result<Session, ApiError> {
        let body = GiveEmailRequest { email: email.to_string() };
        self.send(Request::put(&self.url(paths::SESSION_EMAIL)), &body).await
    }

    /// Confirms the address given with the code sent to it.
    pub(crate) async fn confirm_email(&self, code: &str) -> Result<Session, ApiError> {
        let body = ConfirmEmailRequest { code: code.to_string() };
        self.send(Request::post(&self.url(paths::SESSION_EMAIL_CONFIRM)), &body).await
    }

    pub(crate) async fn current_terms(&self) -> Result<Terms, ApiError> {
        self.get(paths::TERMS_CURRENT).await
    }

    /// The organisations the register shows the person in, with whether each is connected.
    pub(crate) async fn my_organisations(&self) -> Result<Vec<Organisation>, ApiError> {
        self.get(paths::MY_ORGANISATIONS).await
    }

    pub(crate) async fn lookup_organisation(&self, cvr: &Cvr) -> Result<OrganisationLookup, ApiError> {
        self.get(&paths::organisation(cvr)).await
    }

    /// The cases the person started or must approve.
    pub(crate) async fn cases(&self) -> Result<Vec<Case>, ApiError> {
        self.get(paths::CASES).await
    }

    pub(crate) async fn case(&self, id: &str) -> Result<Case, ApiError> {
        self.get(&paths::case(id, None)).await
    }

    /// A new case; `stated_role` is a documentation applicant's own title or role.
    pub(crate) async fn create_case(&self, cvr: Cvr, role: CaseRole, stated_role: Option<String>) -> Result<Case, ApiError> {
        self.send(Request::post(&self.url(paths::CASES)), &CreateCaseRequest { cvr, role, stated_role, supersede: false }).await
    }

    /// A representative's new case that closes someone else's open preparation (its author is told).
    pub(crate) async fn start_afresh(&self, cvr: Cvr) -> Result<Case, ApiError> {
        let request = CreateCaseRequest { cvr, role: CaseRole::Representative, stated_role: None, supersede: true };
        self.send(Request::post(&self.url(paths::CASES)), &request).await
    }

    pub(crate) async fn update_administrators(&self, case: &Case, administrators: Vec<AdministratorInput>) -> Result<Case, ApiError> {
        let body = UpdateAdministratorsRequest { version: case.version, administrators };
        self.send(Request::put(&self.url(&paths::case(&case.id, Some(CaseAction::Administrators)))), &body).await
    }

    pub(crate) async fn accept_terms(&self, case: &Case, terms_version: String) -> Result<Case, ApiError> {
        let body = AcceptTermsRequest { version: case.version, terms_version };
        self.send(Request::post(&self.url(&paths::case(&case.id, Some(CaseAction::Terms)))), &body).await
    }

    /// Approves and signs `signing_text`, as the person read it in `language`: the approved
    /// case, or the signing's next step. `confirmed` says the development login's confirmation
    /// was given; `return_to` is where a failed signing at the provider comes back to.
    pub(crate) async fn approve(
        &self,
        case: &Case,
        language: Language,
        signing_text: &str,
        confirmed: bool,
        return_to: String,
    ) -> Result<Approved, ApiError> {
        let body = ApproveRequest {
            version: case.version,
            language,
            signing_text: signing_text.to_string(),
            confirmed,
            return_to: Some(return_to),
        };
        let (status, text) = self.exchange(Request::post(&self.url(&paths::case(&case.id, Some(CaseAction::Approve)))), &body).await?;
        if status == 202 {
            parse_reply(status, &text).map(Approved::ToSign)
        } else {
            parse_reply(status, &text).map(|case| Approved::Case(Box::new(case)))
        }
    }

    /// Sends a documentation case to manual review (or a preparation for approval).
    pub(crate) async fn submit(&self, case: &Case) -> Result<Case, ApiError> {
        let body = VersionedRequest { version: case.version };
        self.send(Request::post(&self.url(&paths::case(&case.id, Some(CaseAction::Submit)))), &body).await
    }

    /// Uploads a document to a documentation case, calling `progress` with the percentage sent.
    /// XMLHttpRequest, not fetch: only it reports upload progress.
    pub(crate) async fn upload_document(
        &self,
        case: &Case,
        kind: DocumentKind,
        file: &web_sys::File,
        progress: impl Fn(u8) + 'static,
    ) -> Result<Case, ApiError> {
        let js = |e: wasm_bindgen::JsValue| ApiError::Unexpected(format!("{e:?}"));
        let form = web_sys::FormData::new().map_err(js)?;
        form.append_with_str("version", &case.version.to_string()).map_err(js)?;
        form.append_with_str("kind", kind.as_str()).map_err(js)?;
        form.append_with_blob_and_filename("file", file, &file.name()).map_err(js)?;
        let xhr = web_sys::XmlHttpRequest::new().map_err(js)?;
        xhr.open("POST", &self.url(&paths::case(&case.id, Some(CaseAction::Documents)))).map_err(js)?;
        xhr.set_with_credentials(true);
        xhr.set_request_header(CONTEXT_HEADER, &self.context_header()).map_err(js)?;
        let on_progress = Closure::<dyn Fn(web_sys::ProgressEvent)>::new(move |event: web_sys::ProgressEvent| {
            if event.length_computable() && event.total() > 0.0 {
                progress((event.loaded() / event.total() * 100.0).round() as u8);
            }
        });
        xhr.upload().map_err(js)?.set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
        let finished = js_sys::Promise::new(&mut |resolve, reject| {
            xhr.set_onload(Some(&resolve));
            xhr.set_onerror(Some(&reject));
            xhr.set_onabort(Some(&reject));
        });
        xhr.send_with_opt_form_data(Some(&form)).map_err(js)?;
        let outcome = wasm_bindgen_futures::JsFuture::from(finished).await;
        drop(on_progress);
        if outcome.is_err() {
            return Err(ApiError::Network("upload failed".into()));
        }
        let status = xhr.status().map_err(js)?;
        let text = xhr.response_text().map_err(js)?.unwrap_or_default();
        parse_reply(status, &text)
    }

    /// The anmelder names the representative who must approve.
    pub(crate) async fn choose_approver(&self, case: &Case, person_id: &str) -> Result<Case, ApiError> {
        let body = ChooseApproverRequest { version: case.version, person_id: person_id.to_string() };
        self.send(Request::put(&self.url(&paths::case(&case.id, Some(CaseAction::Approver)))), &body).await
    }

    pub(crate) async fn reject(&self, case: &Case, reason: &str) -> Result<Case, ApiError> {
        let body = RejectRequest { version: case.version, reason: reason.to_string() };
        self.send(Request::post(&self.url(&paths::case(&case.id, Some(CaseAction::Reject)))), &body).await
    }

    /// Sends administrator `email` of the connected organisation a new set-up link.
    pub(crate) async fn renew_setup_link(&self, case: &Case, email: &str) -> Result<Case, ApiError> {
        let body = RenewSetupLinkRequest { version: case.version, email: email.to_string() };
        self.send(Request::post(&self.url(&paths::case(&case.id, Some(CaseAction::SetupLink)))), &body).await
    }

    pub(crate) async fn withdraw(&self, case: &Case) -> Result<Case, ApiError> {
        let body = VersionedRequest { version: case.version };
        self.send(Request::post(&self.url(&paths::case(&case.id, Some(CaseAction::Withdraw)))), &body).await
    }
}

/// The calls of the pages after a connection (the follow-up bundle only).
#[cfg(feature = "followup")]
impl ApiClient {
    /// What an administrator's set-up link is about (no login needed: the link is the key).
    pub(crate) async fn setup_link(&self, token: &str) -> Result<SetupLink, ApiError> {
        self.get(&paths::setup(token, false)).await
    }

    pub(crate) async fn confirm_setup_link(&self, token: &str) -> Result<SetupLink, ApiError> {
        self.send(Request::post(&self.url(&paths::setup(token, true))), &()).await
    }

    pub(crate) async fn review_queue(&self) -> Result<Vec<ReviewItem>, ApiError> {
        self.get(paths::REVIEW_CASES).await
    }

    pub(crate) async fn review_case(&self, id: &str) -> Result<Case, ApiError> {
        self.get(&paths::review_case(id, false)).await
    }

    /// The events of case `id` before its `before`th.
    pub(crate) async fn review_history(&self, id: &str, before: u32) -> Result<HistoryPage, ApiError> {
        self.get(&paths::review_history(id, before)).await
    }

    /// The caseworker approves, or rejects with `reason`.
    pub(crate) async fn decide(&self, case: &Case, reason: Option<String>) -> Result<Case, ApiError> {
        let body = DecisionRequest { version: case.version, approve: reason.is_none(), reason };
        self.send(Request::post(&self.url(&paths::review_case(&case.id, true))), &body).await
    }

    pub(crate) async fn all_terms(&self) -> Result<Vec<Terms>, ApiError> {
        self.get(paths::REVIEW_TERMS).await
    }

    pub(crate) async fn publish_terms(&self, terms: &PublishTermsRequest) -> Result<Terms, ApiError> {
        self.send(Request::post(&self.url(paths::REVIEW_TERMS)), terms).await
    }
}
