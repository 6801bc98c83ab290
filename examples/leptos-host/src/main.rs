//! A host application that embeds tilslut's context switcher in its own header and the onboarding
//! wizard in its own page: the few lines a front-end developer needs. Run the backend (`make run`
//! in the repository root), then here `trunk serve --offline` and open http://127.0.0.1:8082.
//! A backend on another origin: `?api=https://tilslut.example.dk`, and that backend started with
//! this page's origin in `TILSLUT_ALLOWED_ORIGINS`.
//!
//! The host has no router and not the app's stylesheet: the wizard moves between its steps inside
//! itself, the host's address stays as it is, and the design system's look reaches only the
//! elements of class `tilslut-scope` (`style/generated/tilslut-scoped.css`, see index.html).

use leptos::prelude::*;
use tilslut::{ContextSwitcher, Onboarding, Tilslut};

fn main() {
    std::panic::set_hook(Box::new(|info| leptos::logging::error!("{info}")));
    let api_base = api_base_from_query();
    leptos::mount::mount_to_body(move || {
        let (acting_as, set_acting_as) = signal(String::from("–"));
        let (heard, set_heard) = signal(String::from("–"));
        view! {
            // One provider for both: the switcher and the wizard share the session, so a switch
            // of context in the header is the context the wizard signs in.
            // Empty `api_base`: the same origin (trunk's proxy, or the backend serving this page).
            <Tilslut api_base=api_base>
                <header class="host-header">
                    <strong>"Min virksomhedsportal"</strong>
                    <div class="tilslut-scope">
                        <ContextSwitcher on_change=move |context| set_acting_as.set(format!("{context:?}")) />
                    </div>
                </header>
                <main class="host-main">
                    <p>"Skiftet til: " <output data-testid="host-acting-as">{acting_as}</output></p>
                    <p>"Hørt fra guiden: " <output data-testid="host-heard">{heard}</output></p>
                    <div class="host-panel tilslut-scope">
                        <Onboarding
                            label="Tilslut organisation"
                            on_case_submitted=move |case: tilslut_api::Case| set_heard.set(format!("sendt: {}", case.organisation.name))
                            on_case_approved=move |case: tilslut_api::Case| set_heard.set(format!("godkendt: {}", case.organisation.name))
                            on_error=move |error: tilslut::api::ApiError| set_heard.set(format!("fejl: {}", error.code())) />
                    </div>
                </main>
            </Tilslut>
        }
    });
}

/// The backend's address from `?api=`, or empty for the same origin.
fn api_base_from_query() -> String {
    let search = window().location().search().unwrap_or_default();
    web_sys::UrlSearchParams::new_with_str(&search).ok().and_then(|params| params.get("api")).unwrap_or_default()
}
