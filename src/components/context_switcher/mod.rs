//! The context switcher: who the person acts as, at the top right of every page, and the way to
//! act as someone else ("privat til erhverv", seed 003).

use crate::api::ApiError;
use crate::i18n::*;
use crate::session::{context_label, describe_error, use_session, SessionState};
use leptos::ev::KeyboardEvent;
use leptos::prelude::*;
use tilslut_api::ActingContext;
use wasm_bindgen::JsCast;

/// Above this many contexts the list gets a filter field.
pub const FILTER_THRESHOLD: usize = 8;

/// The contexts in the order the list shows them: the current one first, then the rest as the
/// server ordered them; only those whose name or CVR number contains `query`.
pub fn ordered_and_filtered(contexts: &[ActingContext], current: Option<&ActingContext>, query: &str) -> Vec<ActingContext> {
    let query = query.trim().to_lowercase();
    let digits: String = query.chars().filter(|c| !c.is_whitespace()).collect();
    let matches = |context: &ActingContext| match context {
        _ if query.is_empty() => true,
        ActingContext::Private => false,
        ActingContext::Company { name, cvr, .. } => {
            name.to_lowercase().contains(&query) || (!digits.is_empty() && cvr.to_string().contains(&digits))
        }
    };
    current.into_iter().chain(contexts.iter().filter(|c| Some(*c) != current)).filter(|c| matches(c)).cloned().collect()
}

/// Shows the person's name and current context, and lets them switch.
///
/// It reads the session from [`crate::session::provide_session`] (or [`crate::Tilslut`], which
/// provides it) and asks the server to switch; the server checks the register. With one context
/// only, there is nothing to open.
///
/// ```no_run
/// use leptos::prelude::*;
/// use tilslut::{ContextSwitcher, Tilslut};
///
/// #[component]
/// fn MyHeader() -> impl IntoView {
///     view! {
///         <Tilslut api_base="https://tilslut.example.dk">
///             <ContextSwitcher on_change=|context| leptos::logging::log!("now acting as {context:?}") />
///         </Tilslut>
///     }
/// }
/// ```
///
/// Theming: `--tilslut-surface`, `--tilslut-border`, `--tilslut-primary` (docs/embedding.md).
#[component]
pub fn ContextSwitcher(
    /// Called after the server has switched the context.
    #[prop(optional, into)]
    on_change: Option<Callback<ActingContext>>,
    /// The `id` of the list, for `aria-controls`; set it when the page has two switchers.
    #[prop(optional, into, default = "tilslut-context-list".to_string())]
    list_id: String,
    /// What the button is called to a screen reader, before "you are now acting as …": "Skift
    /// kontekst" / "Switch context" unless the host calls it otherwise (e.g. "Skift rolle").
    #[prop(optional, into)]
    label: MaybeProp<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let open = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let query = RwSignal::new(String::new());
    let failure = RwSignal::new(None::<ApiError>);
    let toggle_ref = NodeRef::<leptos::html::Button>::new();
    let panel_ref = NodeRef::<leptos::html::Div>::new();

    let current = {
        let session = session.clone();
        Memo::new(move |_| session.context())
    };
    let contexts = {
        let session = session.clone();
        Memo::new(move |_| session.session().map(|s| s.contexts).unwrap_or_default())
    };
    let visible = Memo::new(move |_| ordered_and_filtered(&contexts.get(), current.get().as_ref(), &query.get()));
    let current_label = move || current.get().map(|c| context_label(&c, i18n.get_locale())).unwrap_or_default();

    let focus_toggle = move || {
        if let Some(button) = toggle_ref.get_untracked() {
            let _ = button.focus();
        }
    };
    let close = move || {
        open.set(false);
        query.set(String::new());
        focus_toggle();
    };
    // Opening moves focus into the panel, so Escape and the arrow keys work at once: to the filter
    // when there is one, else to the first context (the current one). The panel is shown here
    // and now rather than at the next render, as focus cannot go into a hidden element.
    let open_panel = move || {
        open.set(true);
        let Some(panel) = panel_ref.get_untracked() else { return };
        panel.set_hidden(false);
        let first = panel.query_selector("#tilslut-context-filter, button[data-context]").ok().flatten();
        if let Some(first) = first.and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = first.focus();
        }
    };
    let on_toggle_keydown = move |event: KeyboardEvent| match event.key().as_str() {
        "ArrowDown" | "ArrowUp" if !open.get_untracked() => {
            event.prevent_default();
            open_panel();
        }
        "Escape" if open.get_untracked() => {
            event.prevent_default();
            close();
        }
        _ => {}
    };
    let item_buttons = move || -> Vec<web_sys::HtmlElement> {
        let Some(panel) = panel_ref.get_untracked() else { return Vec::new() };
        let Ok(nodes) = panel.query_selector_all("button[data-context]") else { return Vec::new() };
        (0..nodes.length()).filter_map(|i| nodes.item(i)?.dyn_into::<web_sys::HtmlElement>().ok()).collect()
    };
    let on_keydown = move |event: KeyboardEvent| {
        let buttons = item_buttons();
        let active = document().active_element();
        let position = buttons.iter().position(|b| Some(b.unchecked_ref::<web_sys::Element>()) == active.as_ref());
        let target = match event.key().as_str() {
            "Escape" => {
                event.prevent_default();
                close();
                return;
            }
            "ArrowDown" => position.map_or(0, |p| (p + 1).min(buttons.len().saturating_sub(1))),
            "ArrowUp" => match position {
                Some(p) if p > 0 => p - 1,
                _ => 0,
            },
            "Home" if position.is_some() => 0,
            "End" if position.is_some() => buttons.len().saturating_sub(1),
            _ => return,
        };
        event.prevent_default();
        if let Some(button) = buttons.get(target) {
            let _ = button.focus();
        }
    };

    let choose = {
        let session = session.clone();
        Callback::new(move |context: ActingContext| {
            if busy.get_untracked() {
                return;
            }
            if Some(&context) == current.get_untracked().as_ref() {
                close();
                return;
            }
            busy.set(true);
            failure.set(None);
            let session = session.clone();
            leptos::task::spawn_local(async move {
                match session.client.choose_context(context.key()).await {
                    Ok(new_session) => {
                        let label = new_session.context.as_ref().map(|c| context_label(c, i18n.get_locale())).unwrap_or_default();
                        session.set_session(Some(new_session));
                        session.announcement.set(td_string!(i18n.get_locale(), switched_to, context = label).to_string());
                        busy.set(false);
                        close();
                        if let Some(callback) = on_change {
                            callback.run(context);
                        }
                    }
                    Err(error) => {
                        busy.set(false);
                        failure.set(Some(error));
                    }
                }
            });
        })
    };

    // A backend that cannot be asked (wrong address, another origin without CORS) is said in
    // words, never a blank element.
    let unavailable = {
        let state = session.state;
        move || match state.get() {
            SessionState::Unavailable(error) => Some(describe_error(&error, i18n.get_locale())),
            _ => None,
        }
    };

    view! {
        <div class="tilslut-context">
            {move || unavailable().map(|text| view! { <p class="tilslut-context-error" role="alert" data-testid="switcher-error">{text}</p> })}
            // With one context there is nothing to choose between: no button, no panel.
            <Show
                when=move || { contexts.get().len() > 1 }
                fallback=move || view! { <span class="tilslut-context-current" data-testid="context-current">{current_label}</span> }
            >
                <button
                    type="button"
                    class="tilslut-context-toggle"
                    node_ref=toggle_ref
                    aria-expanded=move || open.get().to_string()
                    aria-controls=list_id.clone()
                    aria-label=move || {
                        let locale = i18n.get_locale();
                        let name = label.get().unwrap_or_else(|| td_string!(locale, switcher_name).to_string());
                        format!("{name}. {}", td_string!(locale, switcher_acting_as, context = current_label()))
                    }
                    on:click=move |_| if open.get_untracked() { close() } else { open_panel() }
                    on:keydown=on_toggle_keydown
                >
                    <span class="tilslut-context-current" data-testid="context-current">{current_label}</span>
                    <span aria-hidden="true" class="tilslut-context-caret">"▾"</span>
                </button>
                <div
                    class="tilslut-context-panel"
                    id=list_id.clone()
                    node_ref=panel_ref
                    hidden=move || !open.get()
                    on:keydown=on_keydown
                    aria-busy=move || busy.get().to_string()
                >
                    <Show when=move || { contexts.get().len() > FILTER_THRESHOLD }>
                        <label class="form-label" for="tilslut-context-filter">{text!(i18n, switcher_filter)}</label>
                        <input
                            id="tilslut-context-filter"
                            class="form-input"
                            type="search"
                            autocomplete="off"
                            prop:value=move || query.get()
                            on:input=move |event| query.set(event_target_value(&event))
                        />
                    </Show>
                    <Show when=move || busy.get()>
                        <p class="tilslut-context-busy" role="status">{text!(i18n, switcher_switching)}</p>
                    </Show>
                    <Show when=move || failure.get().is_some()>
                        <p class="tilslut-context-error" role="alert">
                            {move || failure.get().map(|e| describe_error(&e, i18n.get_locale())).unwrap_or_default()}
                        </p>
                    </Show>
                    <Show
                        when=move || !visible.get().is_empty()
                        fallback=move || view! { <p class="tilslut-context-empty" role="status">{text!(i18n, switcher_no_matches)}</p> }
                    >
                        <ul class="tilslut-context-list">
                            {
                                move || {
                                    visible
                                        .get()
                                        .into_iter()
                                        .map(|context| {
                                            let is_current = Some(&context) == current.get_untracked().as_ref();
                                            let label = context_label(&context, i18n.get_locale_untracked());
                                            let form = match &context {
                                                ActingContext::Company { form, .. } => form.abbreviation().to_string(),
                                                ActingContext::Private => td_string!(i18n.get_locale_untracked(), private_person).to_string(),
                                            };
                                            let chosen = context.clone();
                                            view! {
                                                <li>
                                                    <button
                                                        type="button"
                                                        class="tilslut-context-item"
                                                        data-context=context.key().header_value()
                                                        aria-current=is_current.then_some("true")
                                                        disabled=move || busy.get()
                                                        on:click=move |_| choose.run(chosen.clone())
                                                    >
                                                        <span class="tilslut-context-check" aria-hidden="true">{if is_current { "✓" } else { "" }}</span>
                                                        <span class="tilslut-context-name">{label}</span>
                                                        <span class="tilslut-context-form">{form}</span>
                                                        {is_current.then(|| view! { <span class="tilslut-visually-hidden">{text!(i18n, switcher_current)}</span> })}
                                                    </button>
                                                </li>
                                            }
                                        })
                                        .collect_view()
                                }
                            }
                        </ul>
                    </Show>
                </div>
            </Show>
        </div>
    }
}
