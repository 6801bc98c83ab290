use crate::components::problem_alert::ProblemAlert;
use crate::i18n::*;
use crate::navigation::{use_navigation, JourneyPage, HOME};
use crate::session::{describe_error, use_session};
use crate::title::use_title;
use leptos::prelude::*;
use tilslut_api::{paths, LoginFailure, ProblemCode};

/// Login: with the development identity provider, choose a demo person; with a MitID broker
/// (OpenID Connect), a link there. A login that failed at the broker comes back here with
/// `?fejl=<code>`, said in words with a way to try again.
#[component]
pub fn Login() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    use_title(|l| td_string!(l, login_title), Signal::stored(false));
    let client = session.client.clone();
    let session_client = client.clone();
    let persons = client.resource(|client| async move { client.demo_persons().await });
    let navigation = use_navigation();
    let login = Action::new_local(move |person_id: &String| {
        let session = session.clone();
        let person_id = person_id.clone();
        async move {
            let logged_in = session.client.dev_login(&person_id).await?;
            let chosen = logged_in.context.is_some();
            session.set_session(Some(logged_in));
            navigation.go(&if chosen { HOME.to_string() } else { JourneyPage::ChooseContext.path() });
            Ok::<(), crate::api::ApiError>(())
        }
    });
    let failure = move || login.value().get().and_then(|r| r.err());
    let broker_failure = navigation.query("fejl").and_then(|code| LoginFailure::parse(&code));
    let broker = session_client.url(paths::LOGIN);
    let broker_again = broker.clone();
    view! {
        <h1>{text!(i18n, login_title)}</h1>
        {broker_failure.map(|failure| view! {
            <div class="alert alert-error" role="alert" data-testid="login-failure">
                <div class="alert-body">
                    <p class="alert-text">{move || match failure {
                        LoginFailure::Cancelled => td_string!(i18n.get_locale(), login_cancelled),
                        LoginFailure::Expired => td_string!(i18n.get_locale(), login_expired),
                        LoginFailure::LowAssurance => td_string!(i18n.get_locale(), login_low_assurance),
                        // A signing's failures are told where it began, never here.
                        LoginFailure::Failed | LoginFailure::OtherPerson | LoginFailure::Refused | LoginFailure::TextMismatch => {
                            td_string!(i18n.get_locale(), login_failed)
                        }
                    }}</p>
                    <a class="button button-secondary" href=broker_again.clone() rel="external">{text!(i18n, retry)}</a>
                </div>
            </div>
        })}
        {move || failure().map(|error| view! { <ProblemAlert error=error /> })}
        <Suspense fallback=move || view! { <p>{text!(i18n, loading)}</p> }>
            {move || persons.get().map(|result| match result {
                // No demo persons: people log in through the MitID broker.
                Err(error) if error.problem() == Some(ProblemCode::NotFound) => view! {
                    <p class="font-lead">{text!(i18n, login_broker_lead)}</p>
                    <a class="button button-primary" href=broker.clone() rel="external" data-testid="login-broker">{text!(i18n, login_broker)}</a>
                }.into_any(),
                Ok(persons) => view! {
                    <div class="alert alert-info">
                        <div class="alert-body"><p class="alert-text">{text!(i18n, login_dev_notice)}</p></div>
                    </div>
                    <ul class="nobullet-list tilslut-persons">
                        {persons.into_iter().map(|person| {
                            let id = person.id.clone();
                            let name = person.name.clone();
                            view! {
                                <li>
                                    <button type="button" class="button button-primary" disabled=move || login.pending().get()
                                        on:click=move |_| { login.dispatch(id.clone()); }>
                                        {t!(i18n, login_as, name = move || name.clone())}
                                    </button>
                                    <span class="tilslut-person-description">{person.description}</span>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any(),
                Err(error) => view! {
                    <div class="alert alert-error" role="alert">
                        <div class="alert-body">
                            <p class="alert-text">{describe_error(&error, i18n.get_locale_untracked())}</p>
                            <button type="button" class="button button-secondary" on:click=move |_| persons.refetch()>{text!(i18n, retry)}</button>
                        </div>
                    </div>
                }.into_any(),
            })}
        </Suspense>
    }
}
