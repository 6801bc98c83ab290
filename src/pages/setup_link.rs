//! The page an administrator's set-up e-mail links to (`/opsaet/<token>`): the organisation, who
//! they are designated as, what happens next, and the confirmation of their e-mail address. The
//! link is the key; nobody logs in here.

use crate::api::ApiError;
use crate::components::problem_alert::ProblemAlert;
use crate::i18n::*;
use crate::session::use_session;
use crate::title::use_title;
use leptos::prelude::*;
use tilslut_api::dates::format_date;
use tilslut_api::{ProblemCode, SetupLink};

/// Why a link cannot be used, in words; `None` for a failure that is not the link's.
fn link_refusal(error: &ApiError, locale: Locale) -> Option<&'static str> {
    match error.problem()? {
        ProblemCode::NotFound => Some(td_string!(locale, setup.unknown)),
        ProblemCode::SetupLinkUsed => Some(td_string!(locale, setup.used)),
        ProblemCode::SetupLinkExpired => Some(td_string!(locale, setup.expired)),
        _ => None,
    }
}

#[component]
pub fn SetupLinkPage(token: String) -> impl IntoView {
    let i18n = use_i18n();
    let client = use_session().client;
    let token = StoredValue::new(token);
    let link = client.resource(move |client| async move { client.setup_link(&token.get_value()).await });
    let confirm = Action::new_local(move |_: &()| {
        let client = client.clone();
        async move { client.confirm_setup_link(&token.get_value()).await }
    });
    let refused = move || matches!(link.get(), Some(Err(_))) || matches!(confirm.value().get(), Some(Err(_)));
    use_title(|l| td_string!(l, setup.title), Signal::derive(refused));
    let shown = move |link: SetupLink| {
        let (name, org, cvr) = (link.name.clone(), link.organisation.name.clone(), link.organisation.cvr.to_string());
        let (email, until) = (link.email.clone(), format_date(link.expires_on));
        let next = link.next.clone();
        view! {
            <p class="font-lead" data-testid="setup-lead">
                {t!(i18n, setup.lead, name = move || name.clone(), organisation = move || org.clone(), cvr = move || cvr.clone())}
            </p>
            {move || match confirm.value().get() {
                Some(Ok(_)) => view! {
                    <div class="alert alert-success" role="status" data-testid="setup-confirmed"><div class="alert-body">
                        <p class="alert-text">{text!(i18n, setup.confirmed)}</p>
                    </div></div>
                    <p><a class="button button-primary button-arrow" href=next.clone() data-testid="setup-next">{text!(i18n, setup.go_on)}</a></p>
                }.into_any(),
                failed => {
                    let (email, until) = (email.clone(), until.clone());
                    view! {
                        {failed.and_then(Result::err).map(|error| match link_refusal(&error, i18n.get_locale_untracked()) {
                            Some(text) => view! { <div class="alert alert-warning" role="alert"><div class="alert-body"><p class="alert-text">{text}</p></div></div> }.into_any(),
                            None => view! { <ProblemAlert error=error /> }.into_any(),
                        })}
                        <h2>{text!(i18n, setup.confirm_title)}</h2>
                        <p>{t!(i18n, setup.confirm_text, email = move || email.clone(), date = move || until.clone())}</p>
                        <button type="button" class="button button-primary" disabled=move || confirm.pending().get()
                            on:click=move |_| { confirm.dispatch(()); }>
                            {text!(i18n, setup.confirm)}
                        </button>
                    }.into_any()
                }
            }}
            <h2>{text!(i18n, setup.next_title)}</h2>
            <ol>
                <li>{text!(i18n, setup.next_frame)}</li>
                <li>{text!(i18n, setup.next_users)}</li>
            </ol>
        }
    };
    view! {
        <h1>{text!(i18n, setup.title)}</h1>
        <Suspense fallback=move || view! { <p>{text!(i18n, loading)}</p> }>
            {move || link.get().map(|result| match result {
                Ok(link) => shown(link).into_any(),
                Err(error) => match link_refusal(&error, i18n.get_locale_untracked()) {
                    Some(text) => view! {
                        <div class="alert alert-warning" role="alert" data-testid="setup-refused"><div class="alert-body">
                            <p class="alert-text">{text}</p>
                        </div></div>
                    }.into_any(),
                    None => view! { <ProblemAlert error=error retry=Callback::new(move |_| link.refetch()) /> }.into_any(),
                },
            })}
        </Suspense>
    }
}
