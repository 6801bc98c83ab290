use crate::components::error_summary::{ErrorSummary, FieldMessage};
use crate::components::problem_alert::ProblemAlert;
use crate::i18n::*;
use crate::navigation::use_navigation;
use crate::session::{context_label, use_session};
use crate::title::use_title;
use leptos::prelude::*;
use tilslut_api::{ActingContext, ContextKey};

/// After login: act as a private person or for one of the companies the person can sign for
/// alone. The context used last time comes first and is chosen already.
#[component]
pub fn ChooseContext() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let selected = RwSignal::new(None::<ContextKey>);
    let errors = RwSignal::new(Vec::<FieldMessage>::new());
    use_title(|l| td_string!(l, chooser_title), Signal::derive(move || !errors.get().is_empty()));

    let options_session = session.clone();
    let options = Memo::new(move |_| {
        let Some(current) = options_session.session() else { return (Vec::new(), None) };
        let last = current.last_context.or_else(|| current.context.as_ref().map(ActingContext::key));
        let mut contexts = current.contexts.clone();
        if let Some(position) = last.and_then(|key| contexts.iter().position(|c| c.key() == key)) {
            let first = contexts.remove(position);
            contexts.insert(0, first);
        }
        (contexts, last)
    });
    Effect::new(move |_| {
        if selected.get_untracked().is_none() {
            selected.set(options.get().1);
        }
    });

    let navigation = use_navigation();
    let choose = Action::new_local(move |key: &ContextKey| {
        let session = session.clone();
        let key = *key;
        async move {
            let chosen = session.client.choose_context(key).await?;
            session.set_session(Some(chosen));
            navigation.go("/");
            Ok::<(), crate::api::ApiError>(())
        }
    });
    let failure = move || choose.value().get().and_then(|r| r.err());
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        match selected.get_untracked() {
            Some(key) => {
                errors.set(Vec::new());
                choose.dispatch(key);
            }
            None => errors.set(vec![FieldMessage {
                field_id: "context-0".into(),
                message: td_string!(i18n.get_locale_untracked(), chooser_required).to_string(),
            }]),
        }
    };
    let field_error = move || errors.get().first().map(|e| e.message.clone());

    view! {
        <ErrorSummary errors=errors />
        <h1>{text!(i18n, chooser_title)}</h1>
        {move || failure().map(|error| view! { <ProblemAlert error=error /> })}
        <form on:submit=submit novalidate>
            <div class="form-group" class:form-error=move || field_error().is_some()>
                <fieldset aria-describedby="context-hint">
                    <legend class="form-label">{text!(i18n, chooser_title)}</legend>
                    <span class="form-hint" id="context-hint">{text!(i18n, chooser_hint)}</span>
                    <Show when=move || field_error().is_some()>
                        <span class="form-error-message">{field_error}</span>
                    </Show>
                    <ul class="nobullet-list" role="list">
                        {move || {
                            let (contexts, last) = options.get();
                            contexts.into_iter().enumerate().map(|(index, context)| {
                                let key = context.key();
                                let id = format!("context-{index}");
                                let label = match &context {
                                    ActingContext::Private => td_string!(i18n.get_locale_untracked(), act_as_private).to_string(),
                                    company => context_label(company, i18n.get_locale_untracked()),
                                };
                                let form = match &context {
                                    ActingContext::Company { form, .. } => Some(form.abbreviation()),
                                    ActingContext::Private => None,
                                };
                                let is_last = Some(key) == last;
                                view! {
                                    <li class="form-group-radio">
                                        <input type="radio" class="form-radio radio-large" name="context" id=id.clone()
                                            prop:checked=move || selected.get() == Some(key)
                                            on:change=move |_| selected.set(Some(key)) />
                                        <label for=id>
                                            {label}
                                            {form.map(|f| view! { <span class="form-hint">" "{f}</span> })}
                                            {is_last.then(|| view! { " " <span class="tag">{text!(i18n, chooser_last_used)}</span> })}
                                        </label>
                                    </li>
                                }
                            }).collect_view()
                        }}
                    </ul>
                </fieldset>
            </div>
            <button type="submit" class="button button-primary" disabled=move || choose.pending().get()>{text!(i18n, continue_button)}</button>
        </form>
    }
}
