//! "Godkend og underskriv", as the wizard's summary and the approval page both ask it: the server
//! answers with the approved case, with the confirmation page (development login), or with the
//! way to the identity provider, where the person logs in again to sign. A signing that fails
//! there comes back to the page with `?underskrift=<code>`, said by [`SigningFailure`].

use crate::api::{ApiClient, ApiError, Approved};
use crate::components::problem_alert::ProblemAlert;
use crate::i18n::*;
use crate::navigation::{tell, use_navigation, JourneyEvents, JourneyPage, Navigation};
use crate::session::{context_label, use_session};
use crate::title::use_title;
use leptos::prelude::*;
use tilslut_api::{paths, ActingContext, Case, LoginFailure, Organisation, SigningStep};

/// A case and the text the person read and signs.
#[derive(Clone, PartialEq)]
pub struct ToSign {
    pub case: Case,
    pub text: String,
}

/// Approving by signature, for one page.
#[derive(Clone)]
pub struct Signing {
    client: ApiClient,
    navigation: Navigation,
    events: JourneyEvents,
    i18n: leptos_i18n::I18nContext<Locale>,
    /// What waits for the confirmation page, while it is shown.
    confirming: RwSignal<Option<ToSign>>,
}

pub fn use_signing() -> Signing {
    Signing {
        client: use_session().client,
        navigation: use_navigation(),
        events: JourneyEvents::of_host(),
        i18n: use_i18n(),
        confirming: RwSignal::new(None),
    }
}

impl Signing {
    /// Asks to approve `to_sign`: on to the receipt, to the provider, or to the confirmation.
    pub async fn sign(&self, to_sign: ToSign, confirmed: bool) -> Result<(), ApiError> {
        let language = language_of(self.i18n.get_locale_untracked());
        let return_to = self.navigation.address_to_return_to();
        match self.client.approve(&to_sign.case, language, &to_sign.text, confirmed, return_to).await? {
            Approved::Case(approved) => {
                self.confirming.set(None);
                tell(self.events.case_approved, &approved);
                self.navigation.go_with_case(&JourneyPage::Receipt(approved.id.clone()).path(), *approved);
            }
            Approved::ToSign(SigningStep::Confirm) => self.confirming.set(Some(to_sign)),
            Approved::ToSign(SigningStep::IdentityProvider { location }) => {
                window().location().assign(&location).map_err(|e| ApiError::Unexpected(format!("{e:?}")))?;
            }
        }
        Ok(())
    }

    /// Whether the confirmation page is shown (in place of the page's own content).
    pub fn confirming(&self) -> Signal<bool> {
        let confirming = self.confirming;
        Signal::derive(move || confirming.with(Option::is_some))
    }
}

/// The development login's stand-in for signing with MitID: the text once more, and "Underskriv".
/// Shown by the page in place of its content while [`Signing::confirming`].
#[component]
pub fn SigningConfirmation(signing: Signing) -> impl IntoView {
    let i18n = use_i18n();
    use_title(|l| td_string!(l, signing.confirm_title), Signal::stored(false));
    let confirming = signing.confirming;
    let to_sign = confirming.get_untracked();
    let text = to_sign.as_ref().map(|t| t.text.clone()).unwrap_or_default();
    let confirm = Action::new_local(move |to_sign: &ToSign| {
        let (signing, to_sign) = (signing.clone(), to_sign.clone());
        async move { signing.sign(to_sign, true).await }
    });
    let heading = NodeRef::<leptos::html::H1>::new();
    // The page changed under the person: where they are now is said first.
    Effect::new(move |_| {
        if let Some(heading) = heading.get() {
            let _ = heading.focus();
        }
    });
    view! {
        <h1 tabindex="-1" node_ref=heading>{text!(i18n, signing.confirm_title)}</h1>
        <p class="font-lead">{text!(i18n, signing.confirm_lead)}</p>
        {move || confirm.value().get().and_then(Result::err).map(|error| view! { <ProblemAlert error=error /> })}
        <p class="tilslut-signing-box" data-testid="signing-text">{text}</p>
        <div class="tilslut-button-row">
            <button type="button" class="button button-primary" disabled=move || confirm.pending().get()
                on:click=move |_| { if let Some(to_sign) = to_sign.clone() { confirm.dispatch(to_sign); } }>
                {text!(i18n, signing.confirm_sign)}
            </button>
            <button type="button" class="button button-secondary" disabled=move || confirm.pending().get()
                on:click=move |_| confirming.set(None)>
                {text!(i18n, signing.confirm_back)}
            </button>
        </div>
    }
}

/// Why a signing at the provider did not go through, when the page was come back to with
/// `?underskrift=<code>`. Nothing was approved; the page's button signs again.
#[component]
pub fn SigningFailure() -> impl IntoView {
    let i18n = use_i18n();
    let failure = use_navigation().query(paths::SIGNING_FAILURE_PARAM).and_then(|code| LoginFailure::parse(&code));
    failure.map(|failure| {
        view! {
            <div class="alert alert-error" role="alert" data-testid="signing-failure">
                <div class="alert-body"><p class="alert-text">{move || match failure {
                    LoginFailure::Cancelled => td_string!(i18n.get_locale(), signing.cancelled),
                    LoginFailure::Expired => td_string!(i18n.get_locale(), signing.expired),
                    LoginFailure::Failed => td_string!(i18n.get_locale(), signing.failed),
                    LoginFailure::OtherPerson => td_string!(i18n.get_locale(), signing.other_person),
                    LoginFailure::Refused => td_string!(i18n.get_locale(), signing.refused),
                    LoginFailure::LowAssurance => td_string!(i18n.get_locale(), signing.low_assurance),
                    LoginFailure::TextMismatch => td_string!(i18n.get_locale(), signing.text_mismatch),
                }}</p></div>
            </div>
        }
    })
}

/// Whether acting in `context` one can sign for `organisation`: privately (as its representative)
/// or as the organisation itself, never as another company.
pub fn can_sign_for(context: Option<&ActingContext>, organisation: &Organisation) -> bool {
    match context {
        Some(ActingContext::Company { cvr, .. }) => *cvr == organisation.cvr,
        _ => true,
    }
}

/// The sign button (`children`), or, where the context the person acts in cannot sign for
/// `organisation`, the way on in its place: act privately, or as the organisation where the
/// person may. Said before the click, not after it; nothing on the page is lost by switching.
#[component]
pub fn SignInContext(organisation: Organisation, children: ChildrenFn) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let fits = {
        let (session, organisation) = (session.clone(), organisation.clone());
        Memo::new(move |_| can_sign_for(session.context().as_ref(), &organisation))
    };
    let as_organisation = session
        .session()
        .and_then(|s| s.contexts.into_iter().find(|c| matches!(c, ActingContext::Company { cvr, .. } if *cvr == organisation.cvr)));
    let switch = Action::new_local(move |context: &ActingContext| {
        let (session, key) = (use_session(), context.key());
        async move {
            let switched = session.client.choose_context(key).await?;
            session.set_session(Some(switched));
            Ok::<(), ApiError>(())
        }
    });
    let explanation = {
        let (session, name) = (session.clone(), organisation.name.clone());
        move || {
            let current = session.context().map(|c| context_label(&c, i18n.get_locale())).unwrap_or_default();
            td_string!(i18n.get_locale(), signing.wrong_context, current = current, name = name.clone()).to_string()
        }
    };
    move || {
        if fits.get() {
            return children().into_any();
        }
        let as_organisation = as_organisation.clone();
        let name = organisation.name.clone();
        view! {
            <div class="alert alert-warning" role="status" data-testid="wrong-context"><div class="alert-body">
                <p class="alert-text">{explanation.clone()}</p>
                <div class="tilslut-button-row">
                    <button type="button" class="button button-primary" disabled=move || switch.pending().get()
                        on:click=move |_| { switch.dispatch(ActingContext::Private); }>
                        {text!(i18n, signing.act_privately)}
                    </button>
                    {as_organisation.map(|context| view! {
                        <button type="button" class="button button-secondary" disabled=move || switch.pending().get()
                            on:click=move |_| { switch.dispatch(context.clone()); }>
                            {move || td_string!(i18n.get_locale(), signing.act_as, name = name.clone()).to_string()}
                        </button>
                    })}
                </div>
                {move || switch.value().get().and_then(Result::err).map(|error| view! { <ProblemAlert error=error /> })}
            </div></div>
        }
        .into_any()
    }
}
