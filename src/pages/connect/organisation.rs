//! Step 1: the organisation to connect (or, for an anmelder, to prepare), and what stands in the
//! way when it cannot be.

use crate::api::ApiError;
use crate::components::error_summary::field_error_text;
use crate::components::problem_alert::ProblemAlert;
use crate::components::step_form::{RadioChoice, RadioGroup, StepForm, StepFormView};
use crate::components::step_indicator::{Journey, StepIndicator, TilslutStep};
use crate::i18n::*;
use crate::navigation::{use_navigation, JourneyPage};
use crate::session::use_session;
use leptos::prelude::*;
use tilslut_api::validation::validate_stated_role;
use tilslut_api::{CaseRole, CaseStatus, Cvr, FieldCode, FieldError, Organisation, ProblemCode};

/// Why the person cannot connect the organisation they chose, and what they can do instead.
#[derive(Clone, Debug, PartialEq)]
enum Obstacle {
    AlreadyConnected(String),
    CaseOpen {
        organisation: String,
        started_by: String,
    },
    /// With the names of those the register shows as its representatives: an anmelder prepares
    /// for one of them; only where there are none is documentation the way.
    NotRepresentative(String, Cvr, Vec<String>),
    /// An anmelder's preparation is for organisations the person cannot connect themself.
    IsRepresentative(String),
    /// Someone else has prepared the connection for the representative: they review it (when it
    /// is sent to them), or start afresh, which closes it and tells its author.
    PreparationWaiting {
        organisation: String,
        cvr: Cvr,
        started_by: String,
        /// The approval page, when the preparation waits for this person's approval.
        review: Option<String>,
    },
}

/// Step 1: the person's organisations from the register, or a CVR number typed in. With
/// `preparing`, an anmelder chooses the organisation to prepare the connection of (journey B).
#[component]
pub fn ChooseOrganisation(#[prop(optional)] preparing: bool) -> impl IntoView {
    let i18n = use_i18n();
    let form = if preparing {
        StepForm::new(|l| td_string!(l, prepare.organisation_title))
    } else {
        StepForm::new(|l| td_string!(l, wizard.organisation_title))
    };
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
            } else if let Some(open) =
                lookup.open_case.as_ref().filter(|open| open.visible_to_you && open.started_by.id == me.get_untracked())
            {
                let id = open.case_id.clone();
                navigation.go(&if preparing { JourneyPage::PrepareApprover(id) } else { JourneyPage::Resume(id) }.path());
            } else if let Some(open) = lookup.open_case.as_ref().filter(|_| preparing || !lookup.is_representative) {
                obstacle.set(Some(Obstacle::CaseOpen { organisation: name, started_by: open.started_by.name.clone() }));
            } else if preparing && lookup.is_representative {
                obstacle.set(Some(Obstacle::IsRepresentative(name)));
            } else if preparing {
                let case = client.create_case(cvr, CaseRole::Anmelder, None).await?;
                navigation.go_with_case(&JourneyPage::PrepareApprover(case.id.clone()).path(), case);
            } else if !lookup.is_representative {
                let representatives = lookup.representatives.iter().map(|r| r.person.name.clone()).collect();
                obstacle.set(Some(Obstacle::NotRepresentative(name, cvr, representatives)));
            } else if let Some(open) = lookup.open_case.filter(|open| open.role != CaseRole::Representative) {
                // Somebody's preparation: never closed unasked (the representative chooses).
                let review = (open.visible_to_you && open.status == CaseStatus::AwaitingApproval)
                    .then(|| JourneyPage::Approval(open.case_id.clone()).path());
                obstacle.set(Some(Obstacle::PreparationWaiting { organisation: name, cvr, started_by: open.started_by.name, review }));
            } else {
                match client.create_case(cvr, CaseRole::Representative, None).await {
                    Ok(case) => navigation.go_with_case(&JourneyPage::Terms(case.id.clone()).path(), case),
                    // Another representative's case, or one opened since the look-up: who, as it
                    // stands now.
                    Err(refused) if matches!(refused.problem(), Some(ProblemCode::CaseOpen | ProblemCode::PreparationWaiting)) => {
                        let now = client.lookup_organisation(&cvr).await?;
                        let started_by = now.open_case.map(|open| open.started_by.name).unwrap_or_default();
                        obstacle.set(Some(Obstacle::CaseOpen { organisation: name, started_by }));
                    }
                    Err(other) => return Err(other),
                }
            }
            Ok::<(), ApiError>(())
        }
    });
    let submit = Callback::new(move |()| {
        obstacle.set(None);
        let field = |code: FieldCode, name: &str| vec![FieldError::new(name, code)];
        let result = match chosen.get_untracked().as_deref() {
            None => Err(field(FieldCode::OrganisationRequired, "organisation")),
            Some("other") => Cvr::parse(&typed.get_untracked()).map_err(|e| field(e.code(), "cvr")),
            Some(cvr) => Cvr::parse(cvr).map_err(|e| field(e.code(), "organisation")),
        };
        if let (true, Ok(cvr)) = (form.accept(result.clone().err().unwrap_or_default()), result) {
            start.dispatch(cvr);
        }
    });
    let list_error = form.message("organisation");
    // Above an empty list, no "here are your organisations".
    let none = move || matches!(organisations.get(), Some(Ok(list)) if list.is_empty());
    let hint = move |l: Locale| if none() { td_string!(l, wizard.organisation_none) } else { td_string!(l, wizard.organisation_hint) };
    let cvr_error = form.message("cvr");
    let option = move |organisation: Organisation, index: usize| {
        view! {
            <RadioChoice name="organisation" index=index value=organisation.cvr.to_string() chosen=chosen disabled=organisation.connected>
                {organisation.name.clone()}
                <span class="form-hint">{format!(" CVR {} · {}", organisation.cvr, organisation.form.abbreviation())}</span>
                {organisation.connected.then(|| view! { " " <span class="tag">{text!(i18n, wizard.already_connected_tag)}</span> })}
            </RadioChoice>
        }
    };
    view! {
        <StepIndicator current=TilslutStep::Organisation journey=if preparing { Journey::Prepare } else { Journey::Connect } />
        <StepFormView form=form failure=Signal::derive(move || start.value().get().and_then(Result::err)) busy=start.pending() on_submit=submit
            before=Box::new(move || view! {
                {move || obstacle.get().map(|obstacle| view! { <ObstacleNotice obstacle=obstacle /> })}
            }.into_any())>
            <RadioGroup legend=|l| td_string!(l, wizard.organisation_legend) hint=hint error=list_error>
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
            </RadioGroup>
            // Why a company one expects may be missing, and where the register is checked and corrected.
            <details class="tilslut-help" data-testid="chooser-help">
                <summary>{text!(i18n, wizard.organisation_missing)}</summary>
                <p>{text!(i18n, wizard.organisation_missing_why)}</p>
                <RegisterHelp />
            </details>
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
        </StepFormView>
    }
}

/// Where a person the register does not show as they expect looks, corrects it, or asks (seed 003).
#[component]
fn RegisterHelp() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="alert-text">{text!(i18n, wizard.register_help)}</p>
        <ul class="alert-text" data-testid="register-help">
            <li><a href="https://datacvr.virk.dk/data">{text!(i18n, wizard.register_help_look)}</a></li>
            <li><a href="https://indberet.virk.dk">{text!(i18n, wizard.register_help_correct)}</a></li>
            <li><a href="https://virk.dk">{text!(i18n, wizard.register_help_support)}</a></li>
        </ul>
    }
}

#[component]
fn ObstacleNotice(obstacle: Obstacle) -> impl IntoView {
    let i18n = use_i18n();
    let other_way = match &obstacle {
        Obstacle::NotRepresentative(_, cvr, representatives) => Some((*cvr, representatives.clone())),
        _ => None,
    };
    let waiting = match &obstacle {
        Obstacle::PreparationWaiting { cvr, started_by, review, .. } => Some((*cvr, started_by.clone(), review.clone())),
        _ => None,
    };
    let text = move || match obstacle.clone() {
        Obstacle::AlreadyConnected(name) => td_string!(i18n.get_locale(), wizard.obstacle_connected, name = name).to_string(),
        Obstacle::CaseOpen { organisation, started_by } => {
            td_string!(i18n.get_locale(), wizard.obstacle_case_open, name = organisation, person = started_by).to_string()
        }
        Obstacle::NotRepresentative(name, ..) => td_string!(i18n.get_locale(), wizard.obstacle_not_representative, name = name).to_string(),
        Obstacle::IsRepresentative(name) => td_string!(i18n.get_locale(), prepare.obstacle_is_representative, name = name).to_string(),
        Obstacle::PreparationWaiting { organisation, started_by, .. } => {
            td_string!(i18n.get_locale(), wizard.obstacle_prepared, name = organisation, person = started_by).to_string()
        }
    };
    view! {
        <div class="alert alert-warning" role="alert" data-testid="obstacle">
            <div class="alert-body">
                <p class="alert-text">{text}</p>
                {other_way.map(|(cvr, representatives)| view! {
                    <RegisterHelp />
                    {if representatives.is_empty() {
                        view! { <SendDocumentation cvr=cvr /> }.into_any()
                    } else {
                        view! { <PrepareInstead cvr=cvr representatives=representatives /> }.into_any()
                    }}
                })}
                {waiting.map(|(cvr, started_by, review)| view! { <ReviewOrStartAfresh cvr=cvr started_by=started_by review=review /> })}
            </div>
        </div>
    }
}

/// Where the register shows the organisation's representatives: the anmelder's way, for one of
/// them to approve and sign (seed 000: the anmelder cannot connect it alone).
#[component]
fn PrepareInstead(cvr: Cvr, representatives: Vec<String>) -> impl IntoView {
    let i18n = use_i18n();
    let client = use_session().client;
    let navigation = use_navigation();
    let prepare = Action::new_local(move |cvr: &Cvr| {
        let (client, cvr) = (client.clone(), *cvr);
        async move {
            let case = client.create_case(cvr, CaseRole::Anmelder, None).await?;
            navigation.go_with_case(&JourneyPage::PrepareApprover(case.id.clone()).path(), case);
            Ok::<(), ApiError>(())
        }
    });
    let names = representatives.join(", ");
    view! {
        <p class="alert-text">{move || td_string!(i18n.get_locale(), wizard.obstacle_prepare_instead, names = names.clone()).to_string()}</p>
        <button type="button" class="button button-secondary" disabled=move || prepare.pending().get() on:click=move |_| { prepare.dispatch(cvr); }>
            {text!(i18n, wizard.obstacle_prepare_button)}
        </button>
        {move || prepare.value().get().and_then(Result::err).map(|error| view! { <ProblemAlert error=error /> })}
    }
}

/// Someone's preparation waits: to its approval page, or, as a choice of its own that says what it
/// does, a case of the representative's own that closes it.
#[component]
fn ReviewOrStartAfresh(cvr: Cvr, started_by: String, review: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let client = use_session().client;
    let navigation = use_navigation();
    let afresh = Action::new_local(move |cvr: &Cvr| {
        let (client, cvr) = (client.clone(), *cvr);
        async move {
            let case = client.start_afresh(cvr).await?;
            navigation.go_with_case(&JourneyPage::Terms(case.id.clone()).path(), case);
            Ok::<(), ApiError>(())
        }
    });
    view! {
        {review.map(|href| view! {
            <p class="alert-text"><a class="button button-secondary" href=href data-testid="review-preparation">{text!(i18n, wizard.obstacle_review)}</a></p>
        })}
        <p class="alert-text">{move || td_string!(i18n.get_locale(), wizard.obstacle_afresh_hint, person = started_by.clone()).to_string()}</p>
        <button type="button" class="button button-secondary" disabled=move || afresh.pending().get() on:click=move |_| { afresh.dispatch(cvr); }>
            {text!(i18n, wizard.obstacle_afresh)}
        </button>
        {move || afresh.value().get().and_then(Result::err).map(|error| view! { <ProblemAlert error=error /> })}
    }
}

/// Where the register shows nobody who can: documentation for a caseworker, with the applicant's
/// own title or role in the organisation, which the register cannot confirm.
#[component]
fn SendDocumentation(cvr: Cvr) -> impl IntoView {
    let i18n = use_i18n();
    let client = use_session().client;
    let navigation = use_navigation();
    let stated_role = RwSignal::new(String::new());
    let role_error = RwSignal::new(None::<FieldCode>);
    let start = Action::new_local(move |role: &String| {
        let (client, role) = (client.clone(), role.clone());
        async move {
            let case = client.create_case(cvr, CaseRole::Documentation, Some(role)).await?;
            navigation.go_with_case(&JourneyPage::Terms(case.id.clone()).path(), case);
            Ok::<(), ApiError>(())
        }
    });
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        match validate_stated_role(&stated_role.get_untracked()) {
            Ok(role) => {
                role_error.set(None);
                start.dispatch(role);
            }
            Err(error) => role_error.set(Some(error.code)),
        }
    };
    let message = move || role_error.get().map(|code| field_error_text(code, i18n.get_locale()));
    view! {
        <p class="alert-text">{text!(i18n, wizard.obstacle_documentation_instead)}</p>
        <form on:submit=on_submit novalidate data-testid="send-documentation">
            <div class="form-group" class:form-error=move || role_error.get().is_some()>
                <label class="form-label" for="stated-role">{text!(i18n, wizard.stated_role_label)}</label>
                <span class="form-hint" id="stated-role-hint">{text!(i18n, wizard.stated_role_hint)}</span>
                <Show when=move || role_error.get().is_some()>
                    <span class="form-error-message" id="stated-role-error">{message}</span>
                </Show>
                <input class="form-input input-width-l" id="stated-role" name="stated_role" autocomplete="organization-title"
                    aria-describedby=move || if role_error.get().is_some() { "stated-role-hint stated-role-error" } else { "stated-role-hint" }
                    aria-invalid=move || role_error.get().is_some().to_string()
                    prop:value=move || stated_role.get() on:input=move |e| stated_role.set(event_target_value(&e)) />
            </div>
            <button type="submit" class="button button-secondary" disabled=move || start.pending().get()>
                {text!(i18n, wizard.obstacle_send_documentation)}
            </button>
        </form>
        {move || start.value().get().and_then(Result::err).map(|error| view! { <ProblemAlert error=error /> })}
    }
}
