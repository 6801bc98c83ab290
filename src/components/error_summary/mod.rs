//! The error summary above a page's heading (Det Fælles Designsystem, GOV.UK): it appears even
//! for one error, takes focus when it appears, and each line links to its field.

use crate::i18n::*;
use leptos::prelude::*;

/// One error: the `id` of the field it belongs to and the message.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldMessage {
    pub field_id: String,
    pub message: String,
}

#[component]
pub fn ErrorSummary(#[prop(into)] errors: Signal<Vec<FieldMessage>>) -> impl IntoView {
    let i18n = use_i18n();
    let summary_ref = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if !errors.get().is_empty() {
            if let Some(summary) = summary_ref.get() {
                let _ = summary.focus();
            }
        }
    });
    view! {
        <Show when=move || !errors.get().is_empty()>
            <div class="alert alert-error tilslut-error-summary" role="alert" tabindex="-1" node_ref=summary_ref
                aria-labelledby="tilslut-error-summary-title">
                <div class="alert-body">
                    <h2 class="alert-heading" id="tilslut-error-summary-title">{t!(i18n, error_summary_title)}</h2>
                    <ul class="nobullet-list">
                        {move || errors.get().into_iter().map(|error| {
                            let target = format!("#{}", error.field_id);
                            let field_id = error.field_id.clone();
                            view! {
                                <li>
                                    <a href=target on:click=move |event| {
                                        event.prevent_default();
                                        if let Some(field) = document().get_element_by_id(&field_id) {
                                            use wasm_bindgen::JsCast;
                                            if let Ok(field) = field.dyn_into::<web_sys::HtmlElement>() {
                                                let _ = field.focus();
                                            }
                                        }
                                    }>{error.message}</a>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </div>
            </div>
        </Show>
    }
}
