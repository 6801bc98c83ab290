//! A host application's own header with tilslut's context switcher in it: the few lines a
//! front-end developer needs. Run the backend (`make run` in the repository root), then here
//! `trunk serve --offline` and open http://127.0.0.1:8082 (log in first at http://127.0.0.1:8080).

use leptos::prelude::*;
use tilslut::{ContextSwitcher, Tilslut};

fn main() {
    console_error_panic_hook_set();
    leptos::mount::mount_to_body(|| {
        let (acting_as, set_acting_as) = signal(String::from("–"));
        view! {
            <header class="host-header">
                <strong>"Min virksomhedsportal"</strong>
                // Same origin through trunk's proxy; a backend elsewhere needs its address and CORS.
                <Tilslut api_base="">
                    <ContextSwitcher on_change=move |context| set_acting_as.set(format!("{context:?}")) />
                </Tilslut>
            </header>
            <main>
                <p>"Skiftet til: " <output data-testid="host-acting-as">{acting_as}</output></p>
            </main>
        }
    });
}

/// Panics as readable console messages, as in the app.
fn console_error_panic_hook_set() {
    std::panic::set_hook(Box::new(|info| leptos::logging::error!("{info}")));
}
