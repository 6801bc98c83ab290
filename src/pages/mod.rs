//! The app's pages, by journey: `connect` (A, the wizard), `documentation` (C), `prepare` and
//! `approve` (B), the context chooser (D), and the pages around them. [`view`] is the one table
//! from a journey's address to its page, for the app's router and the embedded components alike.

mod approve;
mod case_page;
mod choose_context;
mod connect;
mod documentation;
mod home;
mod login;
mod prepare;
#[cfg(feature = "followup")]
mod review;
#[cfg(feature = "followup")]
mod setup_link;
mod static_pages;
mod your_cases;

pub use home::Home;
pub use static_pages::{AccessibilityStatement, NotFound};

use crate::i18n::*;
use crate::navigation::{use_navigation, JourneyPage};
use crate::session::{use_session, SessionState};
use approve::ApprovalPage;
use case_page::with_case;
use choose_context::ChooseContext;
use connect::{AdministratorsStep, ChooseOrganisation, Receipt, Resume, Start, SummaryStep, TermsStep};
use documentation::{CaseStatusPage, DocumentationStep};
use leptos::prelude::*;
use login::Login;
use prepare::{ApproverStep, MyPreparations, PrepareSummaryStep};

/// The page, once the server has said who is logged in if the page acts for the person.
pub fn view(page: JourneyPage) -> AnyView {
    if !page.needs_session() {
        return render(page);
    }
    let i18n = use_i18n();
    let state = use_session().state;
    let answered = Memo::new(move |_| !matches!(state.get(), SessionState::Loading));
    (move || match answered.get() {
        true => render(page.clone()),
        false => view! { <p role="status">{text!(i18n, loading)}</p> }.into_any(),
    })
    .into_any()
}

fn render(page: JourneyPage) -> AnyView {
    match page {
        JourneyPage::Login => view! { <Login /> }.into_any(),
        JourneyPage::ChooseContext => view! { <ChooseContext /> }.into_any(),
        JourneyPage::Start => view! { <Start /> }.into_any(),
        JourneyPage::Organisation => view! { <ChooseOrganisation /> }.into_any(),
        JourneyPage::Resume(id) => view! { <Resume id=id /> }.into_any(),
        JourneyPage::Terms(id) => with_case(id, |case| view! { <TermsStep case=case /> }),
        JourneyPage::Administrators(id) | JourneyPage::PrepareAdministrators(id) | JourneyPage::ApprovalAdministrators(id) => {
            with_case(id, |case| view! { <AdministratorsStep case=case /> })
        }
        JourneyPage::Summary(id) => with_case(id, |case| view! { <SummaryStep case=case /> }),
        JourneyPage::Receipt(id) => with_case(id, |case| view! { <Receipt case=case /> }),
        JourneyPage::Documentation(id) => with_case(id, |case| view! { <DocumentationStep case=case /> }),
        JourneyPage::Status(id) => with_case(id, |case| view! { <CaseStatusPage case=case /> }),
        JourneyPage::Prepare => view! { <ChooseOrganisation preparing=true /> }.into_any(),
        JourneyPage::PrepareApprover(id) => with_case(id, |case| view! { <ApproverStep case=case /> }),
        JourneyPage::PrepareSummary(id) => with_case(id, |case| view! { <PrepareSummaryStep case=case /> }),
        JourneyPage::MyPreparations => view! { <MyPreparations /> }.into_any(),
        JourneyPage::Approval(id) => view! { <ApprovalPage id=id /> }.into_any(),
    }
}

/// The page at the current address; `otherwise` where the address is none of the journeys'.
/// Only a change of page renders anew: a change of query alone leaves the page as it is.
pub(crate) fn journey_pages(otherwise: impl Fn() -> AnyView + Send + Sync + 'static) -> impl IntoView {
    let navigation = use_navigation();
    let page = Memo::new(move |_| JourneyPage::parse(&navigation.path()));
    move || page.get().map(view).unwrap_or_else(&otherwise)
}

pub use tilslut_api::pages::REVIEW_QUEUE;
#[cfg(feature = "followup")]
use tilslut_api::pages::SETUP_LINK;

/// The pages after a connection, in the bundle built with them (feature `followup`), which the
/// server serves for their paths; in the wizard's bundle, which links there with a full page
/// load, "not found".
#[component]
pub fn FollowUpPages() -> impl IntoView {
    #[cfg(feature = "followup")]
    {
        let location = leptos_router::hooks::use_location();
        let token = Memo::new(move |_| location.pathname.get().strip_prefix(SETUP_LINK).map(str::to_string));
        move || match token.get() {
            Some(token) => view! { <setup_link::SetupLinkPage token=token /> }.into_any(),
            None => review::pages().into_any(),
        }
    }
    #[cfg(not(feature = "followup"))]
    {
        view! { <NotFound /> }
    }
}

/// The app's pages under the router: the journeys, or "not found".
#[component]
pub fn Journeys() -> impl IntoView {
    journey_pages(|| view! { <NotFound /> }.into_any())
}
