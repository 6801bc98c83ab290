//! Journey A: a management representative connects the organisation ("Tilslut"). Each step is its
//! own address, so back, reload and deep links work, and the case is saved on the server after each
//! step, so the person can leave and resume at the first unfinished step, here or on another device.

mod organisation;
mod receipt;
mod steps;

pub use organisation::ChooseOrganisation;
pub use receipt::Receipt;
pub use steps::{AdministratorsStep, SummaryStep, TermsStep};

use crate::api::ApiError;
use crate::i18n::*;
use crate::navigation::{use_navigation, JourneyPage, Link};
use crate::pages::case_page::{first_unfinished, with_case};
use crate::session::{use_session, SessionState};
use crate::title::use_title;
use leptos::prelude::*;
use tilslut_api::{Case, CaseRole, CaseStatus};

/// `/tilslut`: what will happen and what is needed, and the person's unfinished connections.
#[component]
pub fn Start() -> impl IntoView {
    let i18n = use_i18n();
    use_title(|l| td_string!(l, wizard.start_title), Signal::stored(false));
    let session = use_session();
    let me = Memo::new({
        let session = session.clone();
        move |_| session.session().map(|s| s.person.id)
    });
    let state = session.state;
    let anonymous = move || matches!(state.get(), SessionState::Anonymous);
    let client = session.client;
    let drafts = client.resource(move |client| {
        let me = me.get();
        async move {
            // Nobody logged in (yet): nothing to ask the server.
            let Some(me) = me else { return Ok(Vec::new()) };
            let cases = client.cases().await?;
            let mine = |c: &Case| c.started_by.id == me && c.role != CaseRole::Anmelder && c.status == CaseStatus::Draft;
            Ok::<_, ApiError>(cases.into_iter().filter(mine).collect::<Vec<_>>())
        }
    });
    view! {
        <h1>{text!(i18n, wizard.start_title)}</h1>
        <p class="font-lead">{text!(i18n, wizard.start_lead)}</p>
        <h2>{text!(i18n, wizard.start_need_title)}</h2>
        <ul>
            <li>{text!(i18n, wizard.start_need_mitid)}</li>
            <li>{text!(i18n, wizard.start_need_role)}</li>
            <li>{text!(i18n, wizard.start_need_admins)}</li>
        </ul>
        <p>{text!(i18n, wizard.start_saved)}</p>
        <h2>{text!(i18n, wizard.start_maybe_not_title)}</h2>
        <p data-testid="maybe-not">{text!(i18n, wizard.start_maybe_not)}</p>
        // While the session loads (and in the pre-rendered page) neither: no "log in" that flips.
        <Show when=move || me.get().is_some() fallback=move || anonymous().then(|| view! {
            <p>{text!(i18n, wizard.start_login_first)}</p>
            <Link href=JourneyPage::Login.path() class="button button-primary">{text!(i18n, log_in)}</Link>
        })>
            <Suspense fallback=|| ()>
                {move || drafts.get().and_then(Result::ok).filter(|d| !d.is_empty()).map(|drafts| view! {
                    <h2>{text!(i18n, wizard.start_resume_title)}</h2>
                    <ul class="nobullet-list" data-testid="drafts">
                        {drafts.into_iter().map(|case| view! {
                            <li>
                                <Link href=JourneyPage::Resume(case.id.clone()).path()>
                                    {{ let name = case.organisation.name.clone(); t!(i18n, wizard.start_resume, name = move || name.clone()) }}
                                </Link>
                            </li>
                        }).collect_view()}
                    </ul>
                })}
            </Suspense>
            <Link href=JourneyPage::Organisation.path() class="button button-primary button-arrow">{text!(i18n, wizard.start_button)}</Link>
        </Show>
    }
}

/// `/tilslut/<id>`: sends the person on to the first step the case still needs.
#[component]
pub fn Resume(id: String) -> impl IntoView {
    let client = use_session().client;
    let terms = client.resource(|client| async move { client.current_terms().await });
    let navigation = use_navigation();
    with_case(id, move |case| {
        Effect::new(move |_| {
            if let Some(Ok(terms)) = terms.get() {
                navigation.replace(&first_unfinished(&case, &terms.version).path());
            }
        });
    })
}
