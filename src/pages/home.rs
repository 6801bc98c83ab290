use super::your_cases::YourCases;
use crate::i18n::*;
use crate::navigation::{JourneyPage, Link};
use crate::session::{context_label, describe_error, use_session, SessionState};
use crate::title::use_title;
use leptos::prelude::*;

#[component]
pub fn Home() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    use_title(|l| td_string!(l, home_title), Signal::stored(false));
    let welcome_session = session.clone();
    let welcome = move || {
        welcome_session.session().map(|current| {
            let name = current.person.name.clone();
            let acting = current.context.as_ref().map(|c| context_label(c, i18n.get_locale())).unwrap_or_default();
            view! {
                <p class="font-lead" data-testid="welcome">{t!(i18n, home_welcome, name = move || name.clone())}</p>
                <p>{text!(i18n, home_acting_as)}" "<strong data-testid="acting-as">{acting}</strong></p>
                <YourCases />
                {current.caseworker.then(|| view! {
                    // Another bundle: a full page load (`rel="external"`), not the router.
                    <p><a href=super::REVIEW_QUEUE rel="external" class="button button-secondary">{text!(i18n, review.queue_title)}</a></p>
                })}
                <div class="tilslut-button-row">
                    <Link href=JourneyPage::Start.path() class="button button-primary button-arrow">{text!(i18n, home_connect)}</Link>
                    <Link href=JourneyPage::Prepare.path() class="button button-secondary">{text!(i18n, prepare.start)}</Link>
                    <Link href=JourneyPage::MyPreparations.path() class="button button-secondary">{text!(i18n, prepare.list_title)}</Link>
                </div>
            }
        })
    };
    // Not logged in: one clear start, which is a login with MitID.
    let state = session.state;
    let start = move || {
        matches!(state.get(), SessionState::Anonymous).then(|| {
            view! {
                <p><Link href=JourneyPage::Login.path() class="button button-primary button-arrow" attr:data-testid="start">{text!(i18n, home_start)}</Link></p>
            }
        })
    };
    view! {
        <h1>{text!(i18n, product_tagline)}</h1>
        <p class="font-lead">{text!(i18n, home_intro)}</p>
        {start}
        {welcome}
        <BackendTrouble />
    }
}

/// Asks the backend how it is, and only when it cannot be reached says so in words, with a way
/// to ask again: a citizen has no use for "the service is running" (operators read `/api/health`).
#[component]
fn BackendTrouble() -> impl IntoView {
    let i18n = use_i18n();
    let client = use_session().client;
    let health = client.resource(|client| async move { client.health().await });
    view! {
        <Suspense>
            {move || health.get().and_then(Result::err).map(|error| view! {
                <section class="tilslut-status" aria-labelledby="status-heading">
                    <h2 id="status-heading" class="h3">{text!(i18n, backend_status)}</h2>
                    <div class="alert alert-warning" role="alert" data-testid="backend-status">
                        <div class="alert-body">
                            <p class="alert-text">{describe_error(&error, i18n.get_locale_untracked())}</p>
                            <button type="button" class="button button-secondary" on:click=move |_| health.refetch()>
                                {text!(i18n, retry)}
                            </button>
                        </div>
                    </div>
                </section>
            })}
        </Suspense>
    }
}
