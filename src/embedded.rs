//! The journeys as components for a host's own page: each keeps its address in memory (the host's
//! URL and router are left alone) and tells the host what happened through callbacks.

use crate::api::ApiError;
use crate::i18n::*;
use crate::navigation::{provide_journey, JourneyEvents, JourneyPage};
use crate::pages::journey_pages;
use leptos::prelude::*;
use tilslut_api::Case;

/// The onboarding wizard ("Tilslut"): the representative chooses the organisation, accepts the
/// terms, designates the administrators, and approves and signs; an organisation that cannot be
/// verified sends documentation instead. A person not yet logged in is asked to first.
///
/// Put it inside [`crate::Tilslut`], which provides the API client, the session and the language:
///
/// ```no_run
/// use leptos::prelude::*;
/// use tilslut::{Onboarding, Tilslut};
///
/// #[component]
/// fn ConnectPage() -> impl IntoView {
///     view! {
///         <Tilslut api_base="https://tilslut.example.dk">
///             <Onboarding
///                 on_case_approved=|case: tilslut_api::Case| leptos::logging::log!("connected: {}", case.organisation.name)
///                 on_error=|error: tilslut::api::ApiError| leptos::logging::warn!("{error:?}") />
///         </Tilslut>
///     }
/// }
/// ```
#[component]
pub fn Onboarding(
    /// Called when a case with documentation is sent for manual review.
    #[prop(optional, into)]
    on_case_submitted: Option<Callback<Case>>,
    /// Called when the representative has approved and signed; the receipt shows next.
    #[prop(optional, into)]
    on_case_approved: Option<Callback<Case>>,
    /// Called with every error the component shows the person.
    #[prop(optional, into)]
    on_error: Option<Callback<ApiError>>,
    /// The name of the component's region for a screen reader, unless the host calls it
    /// otherwise: "Tilslut til MitID Erhverv" / "Connect to MitID Erhverv".
    #[prop(optional, into)]
    label: MaybeProp<String>,
) -> impl IntoView {
    let events = JourneyEvents { case_submitted: on_case_submitted, case_approved: on_case_approved, case_rejected: None, error: on_error };
    let default_label = |locale: Locale| td_string!(locale, embedded.onboarding).to_string();
    embedded_journey(JourneyPage::Start, events, label, default_label)
}

/// The preparation view for an *anmelder*: choose the organisation, the representative who must
/// approve, and the administrators, and send it to the representative; then the list of their
/// preparations. Inside [`crate::Tilslut`], as [`Onboarding`].
///
/// ```no_run
/// use leptos::prelude::*;
/// use tilslut::{Preparation, Tilslut};
///
/// #[component]
/// fn PreparePage() -> impl IntoView {
///     view! {
///         <Tilslut api_base="">
///             <Preparation on_case_submitted=|case: tilslut_api::Case| leptos::logging::log!("sent {} for approval", case.id) />
///         </Tilslut>
///     }
/// }
/// ```
#[component]
pub fn Preparation(
    /// Called when the anmelder has sent the preparation to the representative.
    #[prop(optional, into)]
    on_case_submitted: Option<Callback<Case>>,
    /// Called with every error the component shows the person.
    #[prop(optional, into)]
    on_error: Option<Callback<ApiError>>,
    /// The name of the component's region for a screen reader, unless the host calls it
    /// otherwise: "Forbered tilslutning til MitID Erhverv" / "Prepare a connection to MitID Erhverv".
    #[prop(optional, into)]
    label: MaybeProp<String>,
) -> impl IntoView {
    let events = JourneyEvents { case_submitted: on_case_submitted, error: on_error, ..Default::default() };
    let default_label = |locale: Locale| td_string!(locale, embedded.preparation).to_string();
    embedded_journey(JourneyPage::Prepare, events, label, default_label)
}

/// The approval summary of a prepared case: the representative checks the answers (and may change
/// the administrators), accepts the terms, and approves and signs, or rejects with a reason.
/// Inside [`crate::Tilslut`], as [`Onboarding`].
///
/// ```no_run
/// use leptos::prelude::*;
/// use tilslut::{Approval, Tilslut};
///
/// #[component]
/// fn ApprovePage(case_id: String) -> impl IntoView {
///     view! {
///         <Tilslut api_base="">
///             <Approval case_id=case_id on_case_rejected=|case: tilslut_api::Case| leptos::logging::log!("{:?}", case.rejection_reason) />
///         </Tilslut>
///     }
/// }
/// ```
#[component]
pub fn Approval(
    /// The prepared case, as in the link of the e-mail to the representative (`/godkend/<id>`).
    #[prop(into)]
    case_id: String,
    /// Called when the representative has approved and signed; the receipt shows next.
    #[prop(optional, into)]
    on_case_approved: Option<Callback<Case>>,
    /// Called when the representative has rejected the case with a reason.
    #[prop(optional, into)]
    on_case_rejected: Option<Callback<Case>>,
    /// Called with every error the component shows the person.
    #[prop(optional, into)]
    on_error: Option<Callback<ApiError>>,
    /// The name of the component's region for a screen reader, unless the host calls it
    /// otherwise: "Godkend tilslutning til MitID Erhverv" / "Approve a connection to MitID Erhverv".
    #[prop(optional, into)]
    label: MaybeProp<String>,
) -> impl IntoView {
    let events = JourneyEvents { case_approved: on_case_approved, case_rejected: on_case_rejected, error: on_error, ..Default::default() };
    let default_label = |locale: Locale| td_string!(locale, embedded.approval).to_string();
    embedded_journey(JourneyPage::Approval(case_id), events, label, default_label)
}

/// A journey at `start`, with an address in memory, in a region named `label` (or its default in
/// the person's language). Where the pages send the person somewhere outside the journeys (the
/// app's start page), the journey starts over.
fn embedded_journey(
    start: JourneyPage,
    events: JourneyEvents,
    label: MaybeProp<String>,
    default_label: fn(Locale) -> String,
) -> impl IntoView {
    let i18n = use_i18n();
    provide_journey(start.path(), events);
    view! {
        <section class="tilslut-embedded" aria-label=move || label.get().unwrap_or_else(|| default_label(i18n.get_locale()))>
            {journey_pages(move || crate::pages::view(start.clone()))}
        </section>
    }
}
