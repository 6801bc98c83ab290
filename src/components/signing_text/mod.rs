//! The statement of context in a text the user signs (seed 003): a personal ID carries no
//! company, so the text must say in whose name the person signs. The words come from the shared
//! contract, the same function the server records the signature with.

use crate::i18n::*;
use leptos::prelude::*;
use tilslut_api::signing::context_statement;
use tilslut_api::{ActingContext, Language};

pub fn language_of(locale: Locale) -> Language {
    match locale {
        Locale::da => Language::Da,
        Locale::en => Language::En,
    }
}

/// "Jeg underskriver som privatperson." or "Jeg underskriver på vegne af <navn> (CVR <nr>)."
///
/// ```no_run
/// use leptos::prelude::*;
/// use tilslut::SigningText;
/// use tilslut_api::ActingContext;
///
/// view! { <SigningText context=ActingContext::Private /> };
/// ```
#[component]
pub fn SigningText(#[prop(into)] context: Signal<ActingContext>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="tilslut-signing-text" data-testid="signing-text">
            {move || context_statement(&context.get(), language_of(i18n.get_locale()))}
        </p>
    }
}
