//! A host application's own header with tilslut's context switcher in it: the few lines a
//! front-end developer needs. Run the backend (`make run` in the repository root), then here
//! `trunk serve --offline` and open http://127.0.0.1:8082 (log in first at http://127.0.0.1:8080).
//! A backend on another origin: `?api=https://tilslut.example.dk`, and that backend started with
//! this page's origin in `TILSLUT_ALLOWED_ORIGINS`.

use leptos::prelude::*;
use tilslut::{ContextSwitcher, Tilslut};

fn main() {
    console_error_panic_hook_set();
    let api_base = api_base_from_query();
    leptos::mount::mount_to_body(move || {
        let (acting_as, set_acting_as) = signal(String::from("–"));
        view! {
            <header class="host-header">
                <strong>"Min virksomhedsportal"</strong>
                // Empty: the same origin (trunk's proxy, or the backend serving this page).
                <Tilslut api_base=api_base>
                    <ContextSwitcher on_change=move |context| set_acting_as.set(format!("{context:?}")) />
                </Tilslut>
            </header>
            <main>
                <p>"Skiftet til: " <output data-testid="host-acting-as">{acting_as}</output></p>
            </main>
        }
    });
}

/// The backend's address from `?api=`, or empty for the same origin.
fn api_base_from_query() -> String {
    let search = window().location().search().unwrap_or_default();
    web_sys::UrlSearchParams::new_with_str(&search).ok().and_then(|params| params.get("api")).unwrap_or_default()
}

/// Panics as readable console messages, as in the app.
fn console_error_panic_hook_set() {
    std::panic::set_hook(Box::new(|info| leptos::logging::error!("{info}")));
}
