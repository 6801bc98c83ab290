//! Steps 2 to 4 of the wizard: the terms, the administrators, "Tjek dine svar" with approve and
//! sign.

use crate::api::ApiError;
use crate::components::administrator_form::{AdministratorForm, AdministratorRows};
use crate::components::case_summary::{CaseSummary, ChangeLinks};
use crate::components::own_email::NeedsOwnEmail;
use crate::components::problem_alert::ProblemAlert;
use crate::components::signing::{use_signing, SignInContext, SigningConfirmation, SigningFailure, ToSign};
use crate::components::step_form::{StepForm, StepFormView};
use crate::components::step_indicator::{Journey, StepIndicator, TilslutStep};
use crate::components::terms_body::TermsBody;
use crate::dates::today;
use crate::i18n::*;
use crate::navigation::{use_navigation, JourneyPage, Link};
use crate::pages::case_page::{after_save, use_my_id, CaseStep};
use crate::session::use_session;
use crate::title::use_title;
use leptos::prelude::*;
use tilslut_api::dates::format_date;
use tilslut_api::validation::validate_administrators;
use tilslut_api::{ActingContext, AdministratorInput, Case, CaseRole, FieldCode, FieldError, ProblemCode};

/// Step 2: the terms in force, readable and printable, and an explicit acceptance.
#[component]
pub fn TermsStep(case: Case) -> impl IntoView {
    let i18n = use_i18n();
    let form = StepForm::new(|l| td_string!(l, wizard.terms_title));
    let client = use_session().client;
    let terms = client.resource(|client| async move { client.current_terms().await });
    let accepted = RwSignal::new(false);
    let navigation = use_navigation();
    let next = after_save(&case, CaseStep::Administrators);
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
    let submit = Callback::new(move |()| {
        let Some(Ok(terms)) = terms.get_untracked() else { return };
        let missing = if accepted.get_untracked() { vec![] } else { vec![FieldError::new("terms", FieldCode::TermsRequired)] };
        if form.accept(missing) {
            accept.dispatch(terms.version);
        }
    });
    let error = form.message("terms");
    view! {
        <StepIndicator current=TilslutStep::Terms journey=Journey::of(case_role) />
        <StepFormView form=form lead=|l| td_string!(l, wizard.terms_lead) class="tilslut-no-print"
            failure=Signal::derive(move || accept.value().get().and_then(Result::err)) busy=accept.pending() on_submit=submit
            before=Box::new(move || view! {
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
                                    <TermsBody body=terms.body.clone() />
                                </article>
                                <button type="button" class="button button-secondary tilslut-no-print" on:click=|_| { let _ = window().print(); }>
                                    {text!(i18n, print)}
                                </button>
                            }.into_any()
                        }
                        Err(error) => view! { <ProblemAlert error=error retry=Callback::new(move |_| terms.refetch()) /> }.into_any(),
                    })}
                </Suspense>
            }.into_any())>
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
        </StepFormView>
    }
}

/// Step 3: the organisation administrators.
#[component]
pub fn AdministratorsStep(case: Case) -> impl IntoView {
    let form = StepForm::new(|l| td_string!(l, wizard.admins_title));
    let session = use_session();
    // The date of birth is not known here: the broker's CPR number is not kept.
    let me = Signal::derive({
        let session = session.clone();
        move || {
            let known = session.session().map(|s| (s.person.name, s.email)).unwrap_or_default();
            AdministratorInput { name: known.0, email: known.1, ..Default::default() }
        }
    });
    let rows = AdministratorRows::new(&case.administrators);
    let client = session.client;
    let navigation = use_navigation();
    let case_role = case.role;
    let (my_id, started_by) = (use_my_id(), case.started_by.id.clone());
    let next = after_save(&case, if case_role == CaseRole::Documentation { CaseStep::Documentation } else { CaseStep::Summary });
    let save = Action::new_local(move |inputs: &Vec<tilslut_api::AdministratorInput>| {
        let (client, case, inputs, next) = (client.clone(), case.clone(), inputs.clone(), next.clone());
        async move {
            let saved = client.update_administrators(&case, inputs).await.map(|saved| navigation.go_with_case(&next, saved));
            form.show_field_errors(saved)
        }
    });
    let submit = Callback::new(move |()| {
        let inputs = rows.inputs();
        if form.accept(validate_administrators(&inputs, today()).err().unwrap_or_default()) {
            save.dispatch(inputs);
        }
    });
    view! {
        // The representative changing a prepared case from the approval page is not on a journey's step.
        {move || (case_role != CaseRole::Anmelder || my_id.get().as_ref() == Some(&started_by))
            .then(|| view! { <StepIndicator current=TilslutStep::Administrators journey=Journey::of(case_role) /> })}
        <StepFormView form=form lead=|l| td_string!(l, wizard.admins_lead)
            failure=Signal::derive(move || save.value().get().and_then(Result::err)) busy=save.pending() on_submit=submit>
            <AdministratorForm rows=rows errors=form.errors me=me />
        </StepFormView>
    }
}

/// Step 4: "Tjek dine svar", the signing text, and approve and sign.
#[component]
pub fn SummaryStep(case: Case) -> impl IntoView {
    let i18n = use_i18n();
    use_title(|l| td_string!(l, wizard.summary_title), Signal::stored(false));
    let session = use_session();
    let signer = session.session().map(|s| s.person.name).unwrap_or_default();
    let context = {
        let session = session.clone();
        Signal::derive(move || session.context().unwrap_or(ActingContext::Private))
    };
    let shown = case.clone();
    let signing_text = Memo::new(move |_| {
        let terms_version = shown.terms.as_ref().map(|t| t.version.clone()).unwrap_or_default();
        shown.signing_text(&signer, &terms_version, &context.get(), language_of(i18n.get_locale()))
    });
    let id = case.id.clone();
    let terms_path = JourneyPage::Terms(id.clone()).path_from_summary();
    let change = ChangeLinks {
        organisation: None,
        terms: Some(terms_path.clone()),
        administrators: Some(JourneyPage::Administrators(id).path_from_summary()),
    };
    let signing = use_signing();
    let confirming = signing.confirming();
    let to_approve = case.clone();
    let approve = Action::new_local({
        let signing = signing.clone();
        move |text: &String| {
            let (signing, to_sign) = (signing.clone(), ToSign { case: to_approve.clone(), text: text.clone() });
            async move { signing.sign(to_sign, false).await }
        }
    });
    let failure = move || approve.value().get().and_then(Result::err);
    let organisation = case.organisation.clone();
    let terms_changed = move || failure().is_some_and(|e| e.problem() == Some(ProblemCode::TermsChanged));
    view! {
        <Show when=move || confirming.get()><SigningConfirmation signing=signing.clone() /></Show>
        <div hidden=move || confirming.get()>
            <StepIndicator current=TilslutStep::Summary />
            <h1>{text!(i18n, wizard.summary_title)}</h1>
            <SigningFailure />
            {move || failure().map(|error| view! { <ProblemAlert error=error /> })}
            <Show when=terms_changed>
                <p><Link href=terms_path.clone()>{text!(i18n, wizard.summary_accept_new_terms)}</Link></p>
            </Show>
            <CaseSummary case=Signal::stored(case) change=change />
            <h2>{text!(i18n, wizard.summary_sign_title)}</h2>
            <p class="tilslut-signing-box" data-testid="signing-text">{signing_text}</p>
            <NeedsOwnEmail>
                <SignInContext organisation=organisation.clone()>
                    <button type="button" class="button button-primary" disabled=move || approve.pending().get()
                        on:click=move |_| { approve.dispatch(signing_text.get_untracked()); }>
                        {text!(i18n, wizard.summary_approve)}
                    </button>
                </SignInContext>
            </NeedsOwnEmail>
        </div>
    }
}
