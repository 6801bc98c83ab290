//! A failed call to the API, said in words the person can act on.

use crate::api::ApiError;
use crate::i18n::*;
use crate::navigation::{tell, JourneyEvents, JourneyPage, Link};
use crate::session::describe_error;
use leptos::prelude::*;

/// A failed call, said in words, with a way to try again and, when the session is gone, to log in.
#[component]
pub fn ProblemAlert(error: ApiError, #[prop(optional, into)] retry: Option<Callback<()>>) -> impl IntoView {
    let i18n = use_i18n();
    let logged_out = error.problem() == Some(tilslut_api::ProblemCode::Unauthenticated);
    // Every error the person sees, the host hears of.
    tell(JourneyEvents::of_host().error, &error);
    view! {
        <div class="alert alert-error" role="alert" data-testid="problem">
            <div class="alert-body">
                <p class="alert-text">{move || describe_error(&error, i18n.get_locale())}</p>
                {logged_out.then(|| view! { <Link href=JourneyPage::Login.path() class="button button-secondary">{text!(i18n, log_in)}</Link> })}
                {retry.map(|retry| view! {
                    <button type="button" class="button button-secondary" on:click=move |_| retry.run(())>{text!(i18n, retry)}</button>
                })}
            </div>
        </div>
    }
}
