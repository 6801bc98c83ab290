//! The person's own e-mail address, asked where mail is first needed (before approving, sending
//! for approval or to review): given, then confirmed with the code sent there. The step's action
//! (`children`) shows once it is confirmed; mail never goes to an address that is not.

use crate::api::ApiError;
use crate::components::error_summary::message_for;
use crate::components::problem_alert::ProblemAlert;
use crate::i18n::*;
use crate::session::use_session;
use leptos::prelude::*;
use tilslut_api::FieldError;

/// A field of the address form: its label, hint, message and input; Enter does `on_enter`, not
/// the page's form around it.
fn field(
    i18n: leptos_i18n::I18nContext<Locale>,
    id: &'static str,
    label: fn(Locale) -> &'static str,
    value: RwSignal<String>,
    errors: RwSignal<Vec<FieldError>>,
    input: (&'static str, &'static str, &'static str),
    on_enter: Callback<()>,
) -> impl IntoView {
    let (kind, mode, autocomplete) = input;
    let error = move || message_for(&errors.get(), id, i18n.get_locale());
    let error_id = format!("own-{id}-error");
    view! {
        <div class="form-group" class:form-error=move || error().is_some()>
            <label class="form-label" for=format!("own-{id}")>{move || label(i18n.get_locale())}</label>
            <Show when=move || error().is_some()>
                <span class="form-error-message" id=error_id.clone()>{error}</span>
            </Show>
            <input class="form-input input-width-l" id=format!("own-{id}") type=kind inputmode=mode autocomplete=autocomplete
                aria-invalid=move || error().is_some().to_string()
                prop:value=move || value.get() on:input=move |e| value.set(event_target_value(&e))
                on:keydown=move |e| if e.key() == "Enter" { e.prevent_default(); on_enter.run(()); } />
        </div>
    }
}

#[component]
pub fn NeedsOwnEmail(children: ChildrenFn) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let known = session.session();
    let confirmed = {
        let session = session.clone();
        Memo::new(move |_| session.session().is_none_or(|s| s.email_confirmed))
    };
    let pending = {
        let session = session.clone();
        Memo::new(move |_| session.session().and_then(|s| s.email_pending))
    };
    let email = RwSignal::new(known.map(|s| s.email_pending.unwrap_or(s.email)).unwrap_or_default());
    let code = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let changing = RwSignal::new(false);
    // Each answer is the session as it is now: the address pending, or confirmed.
    let ask = {
        let session = session.clone();
        Action::new_local(move |confirming: &bool| {
            let (session, confirming) = (session.clone(), *confirming);
            async move {
                let answer = if confirming {
                    session.client.confirm_email(&code.get_untracked()).await
                } else {
                    session.client.give_email(&email.get_untracked()).await
                };
                match answer {
                    Ok(now) => {
                        errors.set(Vec::new());
                        code.set(String::new());
                        changing.set(changing.get_untracked() && !confirming);
                        session.set_session(Some(now));
                        Ok(())
                    }
                    Err(ApiError::Problem(problem)) if !problem.errors.is_empty() => {
                        errors.set(problem.errors.clone());
                        Ok(())
                    }
                    Err(other) => Err(other),
                }
            }
        })
    };
    let send = Callback::new(move |()| {
        ask.dispatch(false);
    });
    let confirm = Callback::new(move |()| {
        ask.dispatch(true);
    });
    let form = move || {
        view! {
            <section class="tilslut-own-email" aria-labelledby="own-email-heading" data-testid="own-email">
                <h2 id="own-email-heading">{text!(i18n, own_email.title)}</h2>
                <p>{text!(i18n, own_email.lead)}</p>
                {move || ask.value().get().and_then(Result::err).map(|error| view! { <ProblemAlert error=error /> })}
                {field(i18n, "email", |l| td_string!(l, own_email.email_label), email, errors, ("email", "email", "email"), send)}
                <button type="button" class="button button-secondary" disabled=move || ask.pending().get() on:click=move |_| send.run(())>
                    {text!(i18n, own_email.send)}
                </button>
                <p role="status" data-testid="code-sent">
                    {move || pending.get().map(|to| td_string!(i18n.get_locale(), own_email.sent, email = to).to_string())}
                </p>
                <Show when=move || pending.get().is_some()>
                    {field(i18n, "code", |l| td_string!(l, own_email.code_label), code, errors, ("text", "numeric", "one-time-code"), confirm)}
                    <button type="button" class="button button-primary" disabled=move || ask.pending().get() on:click=move |_| confirm.run(())>
                        {text!(i18n, own_email.confirm)}
                    </button>
                </Show>
                <Show when=move || confirmed.get()>
                    <button type="button" class="button button-tertiary" on:click=move |_| changing.set(false)>{text!(i18n, own_email.keep)}</button>
                </Show>
            </section>
        }
    };
    let address = Memo::new(move |_| session.session().map(|s| s.email).unwrap_or_default());
    view! {
        <Show when=move || confirmed.get() && !changing.get() fallback=form>
            <p class="form-hint" data-testid="own-email-known">
                {move || td_string!(i18n.get_locale(), own_email.known, email = address.get()).to_string()}" "
                <button type="button" class="button button-tertiary" on:click=move |_| changing.set(true)>{text!(i18n, own_email.change)}</button>
            </p>
            {children()}
        </Show>
    }
}
