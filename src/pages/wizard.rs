//! Journey A: a management representative connects the organisation ("Tilslut"). Each step is its
//! own route, so back, reload and deep links work, and the case is saved on the server after each
//! step, so the person can leave and resume at the first unfinished step, here or on another device.

use crate::api::ApiError;
use crate::app::set_page_title;
use crate::components::administrator_form::{AdministratorForm, AdministratorRows};
use crate::components::case_summary::{CaseSummary, ChangeLinks};
use crate::components::error_summary::{field_messages, message_for, title_with_errors, ErrorSummary};
use crate::components::problem_alert::ProblemAlert;
use crate::components::step_indicator::{Journey, StepIndicator, TilslutStep};
use crate::dates::{local_time, today};
use crate::i18n::*;
use crate::navigation::{tell, use_navigation, JourneyEvents, Link};
use crate::session::{use_session, SessionState};
use leptos::prelude::*;
use tilslut_api::dates::format_date;
use tilslut_api::signing::connection_signing_text;
use tilslut_api::validation::validate_administrators;
use tilslut_api::{ActingContext, Case, CaseRole, CaseStatus, Cvr, DocumentKind, FieldCode, FieldError, Organisation, ProblemCode};

/// The address of a step of a case: `/tilslut/<id>/<step>`.
pub fn step_path(case_id: &str, step: &str) -> String {
    format!("/tilslut/{case_id}/{step}")
}

/// The first step the case still needs, given the terms in force now.
pub fn first_unfinished_step(case: &Case, current_terms_version: &str) -> &'static str {
    let documentation = case.role == CaseRole::Documentation;
    if case.status == CaseStatus::Approved {
        "kvittering"
    } else if documentation && case.status != CaseStatus::Draft {
        "status"
    } else if case.terms.as_ref().map(|t| t.version.as_str()) != Some(current_terms_version) {
        "vilkaar"
    } else if case.administrators.is_empty() {
        "administratorer"
    } else if documentation {
        "dokumentation"
    } else {
        "opsummering"
    }
}

/// Shows `render` with the case `id` (from the address): the one the previous step has just saved
/// and handed over (`Navigation::go_with_case`), or else loaded from the server, or why it cannot.
pub(crate) fn with_case<V: IntoView + 'static>(id: String, render: impl Fn(Case) -> V + Send + Sync + 'static) -> impl IntoView {
    if let Some(case) = use_navigation().take_case(&id) {
        return render(case).into_any();
    }
    let i18n = use_i18n();
    let client = use_session().client;
    let case = client.resource(move |client| {
        let id = id.clone();
        async move { client.case(&id).await }
    });
    view! {
        <Suspense fallback=move || view! { <p>{text!(i18n, loading)}</p> }>
            {move || case.get().map(|result| match result {
                Ok(case) => render(case).into_any(),
                Err(error) => view! { <ProblemAlert error=error retry=Callback::new(move |_| case.refetch()) /> }.into_any(),
            })}
        </Suspense>
    }
    .into_any()
}

/// Where a step of a case lives for the person looking at it: a representative's own connection
/// under `/tilslut`, a preparation under `/forbered` for its anmelder, and under `/godkend` (its
/// summary being the approval page itself) for the representative who reviews it.
pub fn case_step(case: &Case, viewer: &str, step: &str) -> String {
    match case.role {
        CaseRole::Anmelder if case.started_by.id == viewer => format!("/forbered/{}/{step}", case.id),
        CaseRole::Anmelder if step == "opsummering" => format!("/godkend/{}", case.id),
        CaseRole::Anmelder => format!("/godkend/{}/{step}", case.id),
        _ => step_path(&case.id, step),
    }
}

/// Where a step goes after saving: back to the summary when the person came from its change
/// link, otherwise on to the next step. Steps open only once the session is known
/// (`JourneyPage::view`), so who is looking is known when they do.
pub(crate) fn after_save(case: &Case, next: &'static str) -> String {
    let back_to_summary = use_navigation().query("tilbage").as_deref() == Some("opsummering");
    let viewer = match use_session().state.get_untracked() {
        SessionState::LoggedIn(session) => session.person.id,
        _ => String::new(),
    };
    case_step(case, &viewer, if back_to_summary { "opsummering" } else { next })
}

/// The id of the person logged in, once the session has loaded; `None` until then.
pub(crate) fn use_my_id() -> Memo<Option<String>> {
    let session = use_session();
    Memo::new(move |_| session.session().map(|s| s.person.id))
}

pub(crate) fn set_title(key: fn(Locale) -> &'static str, errors: Signal<bool>) {
    let i18n = use_i18n();
    Effect::new(move |_| {
        let locale = i18n.get_locale();
        set_page_title(title_with_errors(key(locale).to_string(), errors.get(), locale));
    });
}

/// `/tilslut`: what will happen and what is needed, and the person's unfinished connections.
#[component]
pub fn WizardStart() -> impl IntoView {
    let i18n = use_i18n();
    set_title(|l| td_string!(l, wizard.start_title), Signal::stored(false));
    let session = use_session();
    let me = Memo::new({
        let session = session.clone();
        move |_| session.session().map(|s| s.person.id)
    });
    let state = session.state;
    let anonymous = move || matches!(state.get(), SessionState::Anonymous);
    let client = session.client;
    let drafts = client.resource(move |client| {
        let me = me.get();
        async move {
            // Nobody logged in (yet): nothing to ask the server.
            let Some(me) = me else { return Ok(Vec::new()) };
            let cases = client.cases().await?;
            let mine = |c: &Case| c.started_by.id == me && c.role != CaseRole::Anmelder && c.status == CaseStatus::Draft;
            Ok::<_, ApiError>(cases.into_iter().filter(mine).collect::<Vec<_>>())
        }
    });
    view! {
        <h1>{text!(i18n, wizard.start_title)}</h1>
        <p class="font-lead">{text!(i18n, wizard.start_lead)}</p>
        <h2>{text!(i18n, wizard.start_need_title)}</h2>
        <ul>
            <li>{text!(i18n, wizard.start_need_mitid)}</li>
            <li>{text!(i18n, wizard.start_need_role)}</li>
            <li>{text!(i18n, wizard.start_need_admins)}</li>
        </ul>
        <p>{text!(i18n, wizard.start_saved)}</p>
        // While the session loads (and in the pre-rendered page) neither: no "log in" that flips.
        <Show when=move || me.get().is_some() fallback=move || anonymous().then(|| view! {
            <p>{text!(i18n, wizard.start_login_first)}</p>
            <Link href="/log-ind" class="button button-primary">{text!(i18n, log_in)}</Link>
        })>
            <Suspense fallback=|| ()>
                {move || drafts.get().and_then(Result::ok).filter(|d| !d.is_empty()).map(|drafts| view! {
                    <h2>{text!(i18n, wizard.start_resume_title)}</h2>
                    <ul class="nobullet-list" data-testid="drafts">
                        {drafts.into_iter().map(|case| view! {
                            <li>
                                <Link href=format!("/tilslut/{}", case.id)>
                                    {{ let name = case.organisation.name.clone(); t!(i18n, wizard.start_resume, name = move || name.clone()) }}
                                </Link>
                            </li>
                        }).collect_view()}
                    </ul>
                })}
            </Suspense>
            <Link href="/tilslut/organisation" class="button button-primary button-arrow">{text!(i18n, wizard.start_button)}</Link>
        </Show>
    }
}

/// `/tilslut/<id>`: sends the person on to the first step the case still needs.
#[component]
pub fn WizardResume(id: String) -> impl IntoView {
    let client = use_session().client;
    let terms = client.resource(|client| async move { client.current_terms().await });
    let navigation = use_navigation();
    with_case(id, move |case| {
        Effect::new(move |_| {
            if let Some(Ok(terms)) = terms.get() {
                navigation.replace(&step_path(&case.id, first_unfinished_step(&case, &terms.version)));
            }
        });
    })
}

/// Why the person cannot connect the organisation they chose, and what they can do instead.
#[derive(Clone, Debug, PartialEq)]
enum Obstacle {
    AlreadyConnected(String),
    CaseOpen {
        organisation: String,
        started_by: String,
    },
    NotRepresentative(String, Cvr),
    /// An anmelder's preparation is for organisations the person cannot connect themself.
    IsRepresentative(String),
}

/// Step 1: the person's organisations from the register, or a CVR number typed in. With
/// `preparing`, an anmelder chooses the organisation to prepare the connection of (journey B).
#[component]
pub fn WizardOrganisation(#[prop(optional)] preparing: bool) -> impl IntoView {
    let i18n = use_i18n();
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let has_errors = Signal::derive(move || !errors.get().is_empty());
    if preparing {
        set_title(|l| td_string!(l, prepare.organisation_title), has_errors);
    } else {
        set_title(|l| td_string!(l, wizard.organisation_title), has_errors);
    }
    let session = use_session();
    let client = session.client.clone();
    let organisations = client.resource(|client| async move { client.my_organisations().await });
    let chosen = RwSignal::new(None::<String>);
    let typed = RwSignal::new(String::new());
    let obstacle = RwSignal::new(None::<Obstacle>);
    let navigation = use_navigation();
    let me = Memo::new(move |_| session.session().map(|s| s.person.id).unwrap_or_default());
    let start = Action::new_local(move |cvr: &Cvr| {
        let (client, cvr) = (client.clone(), *cvr);
        async move {
            let lookup = client.lookup_organisation(&cvr).await?;
            let name = lookup.organisation.name.clone();
            if lookup.organisation.connected {
                obstacle.set(Some(Obstacle::AlreadyConnected(name)));
            } else if let Some(open) = lookup.open_case {
                if open.visible_to_you && open.started_by.id == me.get_untracked() {
                    let resume =
                        if preparing { format!("/forbered/{}/godkender", open.case_id) } else { format!("/tilslut/{}", open.case_id) };
                    navigation.go(&resume);
                } else {
                    obstacle.set(Some(Obstacle::CaseOpen { organisation: name, started_by: open.started_by.name }));
                }
            } else if preparing && lookup.is_representative {
                obstacle.set(Some(Obstacle::IsRepresentative(name)));
            } else if preparing {
                let case = client.create_case(cvr, CaseRole::Anmelder).await?;
                navigation.go_with_case(&format!("/forbered/{}/godkender", case.id), case);
            } else if !lookup.is_representative {
                obstacle.set(Some(Obstacle::NotRepresentative(name, cvr)));
            } else {
                let case = client.create_case(cvr, CaseRole::Representative).await?;
                navigation.go_with_case(&step_path(&case.id, "vilkaar"), case);
            }
            Ok::<(), ApiError>(())
        }
    });
    let failure = move || start.value().get().and_then(Result::err);
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        obstacle.set(None);
        let field = |code: FieldCode, name: &str| vec![FieldError::new(name, code)];
        let result = match chosen.get_untracked().as_deref() {
            None => Err(field(FieldCode::OrganisationRequired, "organisation")),
            Some("other") => Cvr::parse(&typed.get_untracked()).map_err(|e| field(e.code(), "cvr")),
            Some(cvr) => Cvr::parse(cvr).map_err(|e| field(e.code(), "organisation")),
        };
        match result {
            Ok(cvr) => {
                errors.set(Vec::new());
                start.dispatch(cvr);
            }
            Err(problems) => errors.set(problems),
        }
    };
    let summary = Signal::derive(move || field_messages(&errors.get(), i18n.get_locale()));
    let list_error = move || message_for(&errors.get(), "organisation", i18n.get_locale());
    let cvr_error = move || message_for(&errors.get(), "cvr", i18n.get_locale());
    let option = move |organisation: Organisation, index: usize| {
        let value = organisation.cvr.to_string();
        let id = if index == 0 { "organisation".to_string() } else { format!("organisation-{index}") };
        let checked = value.clone();
        view! {
            <li class="form-group-radio">
                <input type="radio" class="form-radio radio-large" name="organisation" id=id.clone()
                    disabled=organisation.connected
                    prop:checked=move || chosen.get().as_deref() == Some(checked.as_str())
                    on:change=move |_| chosen.set(Some(value.clone())) />
                <label for=id>
                    {organisation.name.clone()}
                    <span class="form-hint">{format!(" CVR {} · {}", organisation.cvr, organisation.form.abbreviation())}</span>
                    {organisation.connected.then(|| view! { " " <span class="tag">{text!(i18n, wizard.already_connected_tag)}</span> })}
                </label>
            </li>
        }
    };
    view! {
        <StepIndicator current=TilslutStep::Organisation journey=if preparing { Journey::Prepare } else { Journey::Connect } />
        <ErrorSummary errors=summary />
        <h1>{move || if preparing {
            td_string!(i18n.get_locale(), prepare.organisation_title)
        } else {
            td_string!(i18n.get_locale(), wizard.organisation_title)
        }}</h1>
        {move || obstacle.get().map(|obstacle| view! { <ObstacleNotice obstacle=obstacle /> })}
        {move || failure().map(|error| view! { <ProblemAlert error=error /> })}
        <form on:submit=submit novalidate>
            <div class="form-group" class:form-error=move || list_error().is_some()>
                <fieldset>
                    <legend class="form-label">{text!(i18n, wizard.organisation_legend)}</legend>
                    <span class="form-hint">{text!(i18n, wizard.organisation_hint)}</span>
                    <Show when=move || list_error().is_some()>
                        <span class="form-error-message">{list_error}</span>
                    </Show>
                    <Suspense fallback=move || view! { <p>{text!(i18n, loading)}</p> }>
                        <ul class="nobullet-list" role="list">
                            {move || organisations.get().map(|result| match result {
                                Ok(list) => list.into_iter().enumerate().map(|(i, o)| option(o, i)).collect_view().into_any(),
                                Err(error) => view! { <li><ProblemAlert error=error /></li> }.into_any(),
                            })}
                            <li class="form-group-radio">
                                <input type="radio" class="form-radio radio-large" name="organisation" id="organisation-other"
                                    prop:checked=move || chosen.get().as_deref() == Some("other")
                                    on:change=move |_| chosen.set(Some("other".into())) />
                                <label for="organisation-other">{text!(i18n, wizard.organisation_other)}</label>
                            </li>
                        </ul>
                    </Suspense>
                </fieldset>
            </div>
            <Show when=move || chosen.get().as_deref() == Some("other")>
                <div class="form-group" class:form-error=move || cvr_error().is_some()>
                    <label class="form-label" for="cvr">{text!(i18n, wizard.cvr_label)}</label>
                    <span class="form-hint" id="cvr-hint">{text!(i18n, wizard.cvr_hint)}</span>
                    <Show when=move || cvr_error().is_some()>
                        <span class="form-error-message">{cvr_error}</span>
                    </Show>
                    <input class="form-input input-width-s" id="cvr" name="cvr" inputmode="numeric" autocomplete="off"
                        aria-describedby="cvr-hint" aria-invalid=move || cvr_error().is_some().to_string()
                        prop:value=move || typed.get() on:input=move |e| typed.set(event_target_value(&e)) />
                </div>
            </Show>
            <button type="submit" class="button button-primary" disabled=move || start.pending().get()>{text!(i18n, continue_button)}</button>
        </form>
    }
}

#[component]
fn ObstacleNotice(obstacle: Obstacle) -> impl IntoView {
    let i18n = use_i18n();
    let documentation = match &obstacle {
        Obstacle::NotRepresentative(_, cvr) => Some(*cvr),
        _ => None,
    };
    let text = move || match obstacle.clone() {
        Obstacle::AlreadyConnected(name) => td_string!(i18n.get_locale(), wizard.obstacle_connected, name = name).to_string(),
        Obstacle::CaseOpen { organisation, started_by } => {
            td_string!(i18n.get_locale(), wizard.obstacle_case_open, name = organisation, person = started_by).to_string()
        }
        Obstacle::NotRepresentative(name, _) => td_string!(i18n.get_locale(), wizard.obstacle_not_representative, name = name).to_string(),
        Obstacle::IsRepresentative(name) => td_string!(i18n.get_locale(), prepare.obstacle_is_representative, name = name).to_string(),
    };
    let client = use_session().client;
    let navigation = use_navigation();
    let start = Action::new_local(move |cvr: &Cvr| {
        let (client, cvr) = (client.clone(), *cvr);
        async move {
            let case = client.create_case(cvr, CaseRole::Documentation).await?;
            navigation.go_with_case(&step_path(&case.id, "vilkaar"), case);
            Ok::<(), ApiError>(())
        }
    });
    let failure = move || start.value().get().and_then(Result::err);
    view! {
        <div class="alert alert-warning" role="alert" data-testid="obstacle">
            <div class="alert-body">
                <p class="alert-text">{text}</p>
                {documentation.map(|cvr| view! {
                    <button type="button" class="button button-secondary" disabled=move || start.pending().get()
                        on:click=move |_| { start.dispatch(cvr); }>
                        {text!(i18n, wizard.obstacle_send_documentation)}
                    </button>
                })}
            </div>
        </div>
        {move || failure().map(|error| view! { <ProblemAlert error=error /> })}
    }
}

/// Step 2: the terms in force, readable and printable, and an explicit acceptance.
#[component]
pub fn WizardTerms(id: String) -> impl IntoView {
    with_case(id, |case| view! { <TermsStep case=case /> })
}

#[component]
fn TermsStep(case: Case) -> impl IntoView {
    let i18n = use_i18n();
    let errors = RwSignal::new(Vec::<FieldError>::new());
    set_title(|l| td_string!(l, wizard.terms_title), Signal::derive(move || !errors.get().is_empty()));
    let client = use_session().client;
    let terms = client.resource(|client| async move { client.current_terms().await });
    let accepted = RwSignal::new(false);
    let navigation = use_navigation();
    let next = after_save(&case, "administratorer");
    let previous_version = case.terms.as_ref().map(|t| t.version.clone());
    let case_role = case.role;
    let accept = Action::new_local(move |version: &String| {
        let (client, case, version, next) = (client.clone(), case.clone(), version.clone(), next.clone());
        async move {
            let saved = client.accept_terms(&case, version).await?;
            navigation.go_with_case(&next, saved);
            Ok::<(), ApiError>(())
        }
    });
    let failure = move || accept.value().get().and_then(Result::err);
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let Some(Ok(terms)) = terms.get_untracked() else { return };
        if accepted.get_untracked() {
            errors.set(Vec::new());
            accept.dispatch(terms.version);
        } else {
            errors.set(vec![FieldError::new("terms", FieldCode::TermsRequired)]);
        }
    };
    let summary = Signal::derive(move || field_messages(&errors.get(), i18n.get_locale()));
    let error = move || message_for(&errors.get(), "terms", i18n.get_locale());
    view! {
        <StepIndicator current=TilslutStep::Terms journey=Journey::of(case_role) />
        <ErrorSummary errors=summary />
        <h1>{text!(i18n, wizard.terms_title)}</h1>
        <p class="font-lead">{text!(i18n, wizard.terms_lead)}</p>
        {move || failure().map(|error| view! { <ProblemAlert error=error /> })}
        <Suspense fallback=move || view! { <p>{text!(i18n, loading)}</p> }>
            {move || terms.get().map(|result| match result {
                Ok(terms) => {
                    let changed = previous_version.as_ref().is_some_and(|v| *v != terms.version);
                    view! {
                        {changed.then(|| view! {
                            <div class="alert alert-info" role="status"><div class="alert-body">
                                <p class="alert-text">{text!(i18n, wizard.terms_changed)}</p>
                            </div></div>
                        })}
                        <article class="tilslut-terms" aria-labelledby="terms-title" tabindex="0">
                            <h2 id="terms-title">{terms.title.clone()}</h2>
                            <p class="form-hint">{{ let (version, date) = (terms.version.clone(), format_date(terms.effective_from)); t!(i18n, wizard.terms_version, version = move || version.clone(), date = move || date.clone()) }}</p>
                            {terms.body.split("\n\n").map(|paragraph| view! { <p>{paragraph.to_string()}</p> }).collect_view()}
                        </article>
                        <button type="button" class="button button-secondary tilslut-no-print" on:click=|_| { let _ = window().print(); }>
                            {text!(i18n, print)}
                        </button>
                    }.into_any()
                }
                Err(error) => view! { <ProblemAlert error=error retry=Callback::new(move |_| terms.refetch()) /> }.into_any(),
            })}
        </Suspense>
        <form on:submit=submit novalidate class="tilslut-no-print">
            <div class="form-group" class:form-error=move || error().is_some()>
                <Show when=move || error().is_some()>
                    <span class="form-error-message">{error}</span>
                </Show>
                <div class="form-group-checkbox">
                    <input type="checkbox" class="form-checkbox checkbox-large" id="terms" name="terms"
                        prop:checked=move || accepted.get() on:change=move |e| accepted.set(event_target_checked(&e)) />
                    <label for="terms">{text!(i18n, wizard.terms_accept)}</label>
                </div>
            </div>
            <button type="submit" class="button button-primary" disabled=move || accept.pending().get()>{text!(i18n, continue_button)}</button>
        </form>
    }
}

/// Step 3: the organisation administrators.
#[component]
pub fn WizardAdministrators(id: String) -> impl IntoView {
    with_case(id, |case| view! { <AdministratorsStep case=case /> })
}

#[component]
fn AdministratorsStep(case: Case) -> impl IntoView {
    let i18n = use_i18n();
    let errors = RwSignal::new(Vec::<FieldError>::new());
    set_title(|l| td_string!(l, wizard.admins_title), Signal::derive(move || !errors.get().is_empty()));
    let session = use_session();
    let self_name = Signal::derive({
        let session = session.clone();
        move || session.session().map(|s| s.person.name).unwrap_or_default()
    });
    let rows = AdministratorRows::new(&case.administrators);
    let client = session.client;
    let navigation = use_navigation();
    let case_role = case.role;
    let (my_id, started_by) = (use_my_id(), case.started_by.id.clone());
    let next = after_save(&case, if case_role == CaseRole::Documentation { "dokumentation" } else { "opsummering" });
    let save = Action::new_local(move |inputs: &Vec<tilslut_api::AdministratorInput>| {
        let (client, case, inputs, next) = (client.clone(), case.clone(), inputs.clone(), next.clone());
        async move {
            match client.update_administrators(&case, inputs).await {
                Ok(saved) => {
                    navigation.go_with_case(&next, saved);
                    Ok(())
                }
                // The server's rules are the same as ours, but it has the last word.
                Err(ApiError::Problem(problem)) if !problem.errors.is_empty() => {
                    errors.set(problem.errors);
                    Ok(())
                }
                Err(error) => Err(error),
            }
        }
    });
    let failure = move || save.value().get().and_then(Result::err);
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let inputs = rows.inputs();
        match validate_administrators(&inputs, today()) {
            Ok(_) => {
                errors.set(Vec::new());
                save.dispatch(inputs);
            }
            Err(problems) => errors.set(problems),
        }
    };
    let summary = Signal::derive(move || field_messages(&errors.get(), i18n.get_locale()));
    view! {
        // The representative changing a prepared case from the approval page is not on a journey's step.
        {move || (case_role != CaseRole::Anmelder || my_id.get().as_ref() == Some(&started_by))
            .then(|| view! { <StepIndicator current=TilslutStep::Administrators journey=Journey::of(case_role) /> })}
        <ErrorSummary errors=summary />
        <h1>{text!(i18n, wizard.admins_title)}</h1>
        <p class="font-lead">{text!(i18n, wizard.admins_lead)}</p>
        {move || failure().map(|error| view! { <ProblemAlert error=error /> })}
        <form on:submit=submit novalidate>
            <AdministratorForm rows=rows errors=errors self_name=self_name />
            <button type="submit" class="button button-primary" disabled=move || save.pending().get()>{text!(i18n, continue_button)}</button>
        </form>
    }
}

/// Step 4: "Tjek dine svar", the signing text, and approve and sign.
#[component]
pub fn WizardSummary(id: String) -> impl IntoView {
    with_case(id, |case| view! { <SummaryStep case=case /> })
}

#[component]
fn SummaryStep(case: Case) -> impl IntoView {
    let i18n = use_i18n();
    set_title(|l| td_string!(l, wizard.summary_title), Signal::stored(false));
    let session = use_session();
    let signer = session.session().map(|s| s.person.name).unwrap_or_default();
    let context = {
        let session = session.clone();
        Signal::derive(move || session.context().unwrap_or(ActingContext::Private))
    };
    let shown = case.clone();
    let signing_text = move || {
        let terms_version = shown.terms.as_ref().map(|t| t.version.clone()).unwrap_or_default();
        connection_signing_text(
            &signer,
            &shown.organisation,
            &terms_version,
            shown.administrators.len(),
            &context.get(),
            language_of(i18n.get_locale()),
        )
    };
    let id = case.id.clone();
    let back = |step: &str| format!("{}?tilbage=opsummering", step_path(&id, step));
    let change = ChangeLinks { organisation: None, terms: Some(back("vilkaar")), administrators: Some(back("administratorer")) };
    let client = session.client;
    let navigation = use_navigation();
    let events = JourneyEvents::of_host();
    let to_approve = case.clone();
    let approve = Action::new_local(move |_: &()| {
        let (client, case) = (client.clone(), to_approve.clone());
        async move {
            let approved = client.approve(&case, language_of(i18n.get_locale_untracked())).await?;
            tell(events.case_approved, &approved);
            navigation.go_with_case(&step_path(&approved.id, "kvittering"), approved);
            Ok::<(), ApiError>(())
        }
    });
    let failure = move || approve.value().get().and_then(Result::err);
    let terms_changed = move || failure().is_some_and(|e| e.problem() == Some(ProblemCode::TermsChanged));
    // Back to this summary once the new terms are accepted.
    let terms_path = back("vilkaar");
    view! {
        <StepIndicator current=TilslutStep::Summary />
        <h1>{text!(i18n, wizard.summary_title)}</h1>
        {move || failure().map(|error| view! { <ProblemAlert error=error /> })}
        <Show when=terms_changed>
            <p><Link href=terms_path.clone()>{text!(i18n, wizard.summary_accept_new_terms)}</Link></p>
        </Show>
        <CaseSummary case=Signal::stored(case) change=change />
        <h2>{text!(i18n, wizard.summary_sign_title)}</h2>
        <p class="tilslut-signing-box" data-testid="signing-text">{signing_text}</p>
        <button type="button" class="button button-primary" disabled=move || approve.pending().get()
            on:click=move |_| { approve.dispatch(()); }>
            {text!(i18n, wizard.summary_approve)}
        </button>
    }
}

/// After approval: the reference, what happens next, the e-mails sent, and a printable record.
/// Not a step: the connection is done.
#[component]
pub fn WizardReceipt(id: String) -> impl IntoView {
    with_case(id, |case| view! { <Receipt case=case /> })
}

#[component]
fn Receipt(case: Case) -> impl IntoView {
    let i18n = use_i18n();
    set_title(|l| td_string!(l, wizard.receipt_title), Signal::stored(false));
    let Some(approval) = case.approval.clone() else {
        return view! { <ProblemAlert error=ApiError::Unexpected(td_string!(i18n.get_locale_untracked(), wizard.receipt_not_approved).to_string()) /> }.into_any();
    };
    let approved_at = local_time(approval.approved_at);
    let admins = case.administrators.clone();
    view! {
        <div class="alert alert-success" role="status">
            <div class="alert-body">
                <h1 class="alert-heading">{text!(i18n, wizard.receipt_title)}</h1>
                <p class="alert-text">{{ let (name, cvr) = (case.organisation.name.clone(), case.organisation.cvr.to_string()); t!(i18n, wizard.receipt_lead, name = move || name.clone(), cvr = move || cvr.clone()) }}</p>
                <p class="alert-text">{text!(i18n, wizard.receipt_reference)}" "<strong data-testid="reference">{approval.reference.clone()}</strong></p>
            </div>
        </div>
        <h2>{text!(i18n, wizard.receipt_next_title)}</h2>
        <ol>
            <li>{text!(i18n, wizard.receipt_next_mail)}</li>
            <li>{t!(i18n, wizard.receipt_next_admins, days = || tilslut_api::SETUP_LINK_DAYS)}</li>
            <li>{text!(i18n, wizard.receipt_next_frame)}</li>
        </ol>
        <h2>{text!(i18n, wizard.receipt_mails_title)}</h2>
        <ul data-testid="mails">
            <li>{{ let name = approval.approved_by.name.clone(); t!(i18n, wizard.receipt_mail_receipt, name = move || name.clone()) }}</li>
            {admins.into_iter().map(|admin| view! {
                <li>{{ let (name, email) = (admin.name.clone(), admin.email.clone()); t!(i18n, wizard.receipt_mail_admin, name = move || name.clone(), email = move || email.clone()) }}</li>
            }).collect_view()}
        </ul>
        <h2>{text!(i18n, wizard.receipt_record_title)}</h2>
        <CaseSummary case=Signal::stored(case) />
        <p>{t!(i18n, wizard.receipt_signed, time = move || approved_at.clone())}</p>
        <p class="tilslut-signing-box">{approval.signing_text.clone()}</p>
        <button type="button" class="button button-secondary tilslut-no-print" on:click=|_| { let _ = window().print(); }>{text!(i18n, print)}</button>
    }
    .into_any()
}

/// Journey C, last step: proof of identity and of the person's tie to the organisation, then
/// manual review.
#[component]
pub fn WizardDocumentation(id: String) -> impl IntoView {
    with_case(id, |case| view! { <DocumentationStep case=case /> })
}

/// Why a file cannot be sent, checked before sending with the limits the server applies.
fn check_file(file: &web_sys::File) -> Result<(), FieldCode> {
    if !tilslut_api::DOCUMENT_TYPES.contains(&file.type_().as_str()) {
        Err(FieldCode::FileType)
    } else if file.size() > tilslut_api::MAX_DOCUMENT_BYTES as f64 {
        Err(FieldCode::FileTooLarge)
    } else if file.size() == 0.0 {
        Err(FieldCode::FileEmpty)
    } else {
        Ok(())
    }
}

#[component]
fn DocumentationStep(case: Case) -> impl IntoView {
    let i18n = use_i18n();
    let errors = RwSignal::new(Vec::<FieldError>::new());
    set_title(|l| td_string!(l, wizard.documentation_title), Signal::derive(move || !errors.get().is_empty()));
    let case = RwSignal::new(case);
    let client = use_session().client;
    let navigation = use_navigation();
    let events = JourneyEvents::of_host();
    let send = {
        let client = client.clone();
        Action::new_local(move |_: &()| {
            let client = client.clone();
            async move {
                match client.submit(&case.get_untracked()).await {
                    Ok(sent) => {
                        tell(events.case_submitted, &sent);
                        navigation.go_with_case(&step_path(&sent.id, "status"), sent);
                        Ok(())
                    }
                    Err(ApiError::Problem(problem)) if !problem.errors.is_empty() => {
                        errors.set(problem.errors);
                        Ok(())
                    }
                    Err(error) => Err(error),
                }
            }
        })
    };
    let failure = move || send.value().get().and_then(Result::err);
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let missing: Vec<FieldError> = [DocumentKind::Identity, DocumentKind::Affiliation]
            .into_iter()
            .filter(|kind| !case.with_untracked(|c| c.documents.iter().any(|d| d.kind == *kind)))
            .map(|kind| FieldError::new(format!("documents.{}", kind.as_str()), FieldCode::DocumentRequired))
            .collect();
        if missing.is_empty() {
            errors.set(Vec::new());
            send.dispatch(());
        } else {
            errors.set(missing);
        }
    };
    let summary = Signal::derive(move || field_messages(&errors.get(), i18n.get_locale()));
    view! {
        <StepIndicator current=TilslutStep::Documentation journey=Journey::Documentation />
        <ErrorSummary errors=summary />
        <h1>{text!(i18n, wizard.documentation_title)}</h1>
        <p class="font-lead">{text!(i18n, wizard.documentation_lead)}</p>
        {move || failure().map(|error| view! { <ProblemAlert error=error /> })}
        <form on:submit=submit novalidate>
            <DocumentUpload case=case kind=DocumentKind::Identity errors=errors client=client.clone() />
            <DocumentUpload case=case kind=DocumentKind::Affiliation errors=errors client=client />
            <button type="submit" class="button button-primary" disabled=move || send.pending().get()>
                {text!(i18n, wizard.documentation_send)}
            </button>
        </form>
    }
}

/// One document: the file field, its progress while it uploads, and the file the server has.
#[component]
fn DocumentUpload(
    case: RwSignal<Case>,
    kind: DocumentKind,
    errors: RwSignal<Vec<FieldError>>,
    client: crate::api::ApiClient,
) -> impl IntoView {
    let i18n = use_i18n();
    let field = format!("documents.{}", kind.as_str());
    let id = crate::components::error_summary::field_dom_id(&field);
    let hint_id = format!("{id}-hint");
    let progress = RwSignal::new(None::<u8>);
    let failure = RwSignal::new(None::<ApiError>);
    let error_field = field.clone();
    let error = Memo::new(move |_| message_for(&errors.get(), &error_field, i18n.get_locale()));
    let uploaded = move || case.with(|c| c.documents.iter().rev().find(|d| d.kind == kind).cloned());
    let set_error = {
        let field = field.clone();
        move |code: Option<FieldCode>| {
            errors.update(|all| {
                all.retain(|e| e.field != field);
                if let Some(code) = code {
                    all.push(FieldError::new(field.clone(), code));
                }
            })
        }
    };
    let on_change = move |event: leptos::ev::Event| {
        use wasm_bindgen::JsCast;
        let input: web_sys::HtmlInputElement = event.target().unwrap().unchecked_into();
        let Some(file) = input.files().and_then(|files| files.get(0)) else { return };
        if let Err(code) = check_file(&file) {
            set_error(Some(code));
            return;
        }
        set_error(None);
        failure.set(None);
        progress.set(Some(0));
        let (client, set_error) = (client.clone(), set_error.clone());
        leptos::task::spawn_local(async move {
            let result = client.upload_document(&case.get_untracked(), kind, &file, move |p| progress.set(Some(p))).await;
            progress.set(None);
            match result {
                Ok(updated) => case.set(updated),
                Err(ApiError::Problem(problem)) if problem.status == 413 => set_error(Some(FieldCode::FileTooLarge)),
                Err(ApiError::Problem(problem)) if !problem.errors.is_empty() => set_error(Some(problem.errors[0].code)),
                Err(other) => failure.set(Some(other)),
            }
        });
    };
    let label = move || match kind {
        DocumentKind::Identity => td_string!(i18n.get_locale(), wizard.documentation_identity),
        DocumentKind::Affiliation => td_string!(i18n.get_locale(), wizard.documentation_affiliation),
    };
    let hint = move || match kind {
        DocumentKind::Identity => td_string!(i18n.get_locale(), wizard.documentation_identity_hint),
        DocumentKind::Affiliation => td_string!(i18n.get_locale(), wizard.documentation_affiliation_hint),
    };
    view! {
        <div class="form-group" class:form-error=move || error.get().is_some() data-testid=format!("upload-{}", kind.as_str())>
            <label class="form-label" for=id.clone()>{label}</label>
            <span class="form-hint" id=hint_id.clone()>{hint}" "{text!(i18n, wizard.documentation_limits)}</span>
            <Show when=move || error.get().is_some()>
                <span class="form-error-message">{move || error.get()}</span>
            </Show>
            <input type="file" class="form-file-input" id=id name=field accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
                aria-describedby=hint_id aria-invalid=move || error.get().is_some().to_string() on:change=on_change />
            {move || progress.get().map(|percent| view! {
                <p role="status">
                    <label>{text!(i18n, wizard.documentation_uploading)}" "<progress max="100" value=percent>{format!("{percent} %")}</progress></label>
                </p>
            })}
            {move || uploaded().map(|document| view! {
                <p class="tilslut-uploaded" data-testid="uploaded">
                    {text!(i18n, wizard.documentation_uploaded)}" "<strong>{document.file_name.clone()}</strong>
                    {format!(" ({} KB)", document.size.div_ceil(1024))}
                </p>
            })}
            {move || failure.get().map(|error| view! { <ProblemAlert error=error /> })}
        </div>
    }
}

/// A case in manual review: when to expect a decision, and the decision once it is made.
#[component]
pub fn WizardStatus(id: String) -> impl IntoView {
    with_case(id, |case| view! { <CaseStatusPage case=case /> })
}

#[component]
fn CaseStatusPage(case: Case) -> impl IntoView {
    let i18n = use_i18n();
    set_title(|l| td_string!(l, wizard.status_title), Signal::stored(false));
    let body = match case.status {
        CaseStatus::Approved => view! {
            <p>{text!(i18n, wizard.status_approved)}</p>
            <Link href=step_path(&case.id, "kvittering") class="button button-primary">{text!(i18n, wizard.status_see_receipt)}</Link>
        }
        .into_any(),
        CaseStatus::Rejected => {
            let reason = case.rejection_reason.clone().unwrap_or_default();
            view! {
                <div class="alert alert-error" role="status"><div class="alert-body">
                    <p class="alert-text">{text!(i18n, wizard.status_rejected)}</p>
                    <p class="alert-text" data-testid="rejection-reason">{reason}</p>
                </div></div>
                <Link href="/tilslut/organisation" class="button button-primary">{text!(i18n, wizard.status_start_again)}</Link>
            }
            .into_any()
        }
        _ => {
            let due = case.decision_due.map(format_date).unwrap_or_default();
            view! {
                <p class="font-lead" data-testid="awaiting">{t!(i18n, wizard.status_waiting, date = move || due.clone())}</p>
                <p>{text!(i18n, wizard.status_come_back)}</p>
            }
            .into_any()
        }
    };
    let name = case.organisation.name.clone();
    view! {
        <h1>{text!(i18n, wizard.status_title)}</h1>
        <p>{move || name.clone()}{format!(" (CVR {})", case.organisation.cvr)}</p>
        {body}
    }
}
