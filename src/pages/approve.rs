//! Journey B, the representative's side: one page to review a preparation, accept the terms, and
//! approve and sign or reject it with a reason; and the start page's list of those waiting.

use crate::api::ApiError;
use crate::components::case_summary::{CaseSummary, ChangeLinks};
use crate::components::error_summary::{field_messages, message_for, ErrorSummary};
use crate::components::own_email::NeedsOwnEmail;
use crate::components::problem_alert::ProblemAlert;
use crate::components::signing::{use_signing, SignInContext, SigningConfirmation, SigningFailure, ToSign};
use crate::components::terms_body::TermsBody;
use crate::dates::local_time;
use crate::i18n::*;
use crate::navigation::{tell, JourneyEvents, JourneyPage};
use crate::session::use_session;
use crate::title::use_title;
use leptos::prelude::*;
use tilslut_api::validation::validate_reason;
use tilslut_api::{ActingContext, Case, CaseStatus, FieldCode, FieldError, ProblemCode};

/// `/godkend/<id>`: the representative's one page to review a preparation, accept the terms,
/// and approve and sign, or reject with a reason. Reached from the notification e-mail's link.
#[component]
pub fn ApprovalPage(id: String) -> impl IntoView {
    let i18n = use_i18n();
    let errors = RwSignal::new(Vec::<FieldError>::new());
    use_title(|l| td_string!(l, approval.title), Signal::derive(move || !errors.get().is_empty()));
    let session = use_session();
    let client = session.client.clone();
    let case = client.resource(move |client| {
        let id = id.clone();
        async move { client.case(&id).await }
    });
    let terms = client.resource(|client| async move { client.current_terms().await });
    let accepted = RwSignal::new(false);
    let reason = RwSignal::new(String::new());
    let stale = RwSignal::new(false);
    let events = JourneyEvents::of_host();
    let context = {
        let session = session.clone();
        Signal::derive(move || session.context().unwrap_or(ActingContext::Private))
    };
    let me = Memo::new({
        let session = session.clone();
        move |_| session.session().map(|s| (s.person.id, s.person.name)).unwrap_or_default()
    });

    // Approving: accept the current terms in the representative's own name, then sign the
    // version of the preparation this page shows. A newer version is shown, not approved.
    let signing = use_signing();
    let confirming = signing.confirming();
    let approve = Action::new_local({
        let (client, signing) = (client.clone(), signing.clone());
        move |(shown, terms_version, text): &(Case, String, String)| {
            let (client, signing, shown, terms_version, text) =
                (client.clone(), signing.clone(), shown.clone(), terms_version.clone(), text.clone());
            async move {
                let my_acceptance =
                    shown.terms.as_ref().is_some_and(|t| t.version == terms_version && t.accepted_by.id == me.get_untracked().0);
                let with_terms = if my_acceptance { shown } else { client.accept_terms(&shown, terms_version).await? };
                signing.sign(ToSign { case: with_terms, text }, false).await
            }
        }
    });
    let reject = Action::new_local(move |(shown, reason): &(Case, String)| {
        let (client, shown, reason) = (client.clone(), shown.clone(), reason.clone());
        async move {
            let rejected = client.reject(&shown, &reason).await?;
            tell(events.case_rejected, &rejected);
            case.refetch();
            Ok::<(), ApiError>(())
        }
    });
    // A stale page: load the new version and say so, keeping what the representative typed.
    Effect::new(move |_| {
        let failed = [approve.value().get(), reject.value().get()];
        if failed.iter().flatten().any(|r| r.as_ref().err().is_some_and(|e| e.problem() == Some(ProblemCode::StaleVersion))) {
            stale.set(true);
            case.refetch();
        }
    });
    let failure = move || {
        [approve.value().get(), reject.value().get()]
            .into_iter()
            .flatten()
            .find_map(Result::err)
            .filter(|e| e.problem() != Some(ProblemCode::StaleVersion))
    };
    let busy = move || approve.pending().get() || reject.pending().get();
    let summary = Signal::derive(move || field_messages(&errors.get(), i18n.get_locale()));
    let terms_error = move || message_for(&errors.get(), "terms", i18n.get_locale());
    let reason_error = move || message_for(&errors.get(), "reason", i18n.get_locale());

    let page = move |shown: Case, current_terms: tilslut_api::Terms| {
        let id = shown.id.clone();
        let change = ChangeLinks {
            organisation: None,
            terms: None,
            administrators: Some(JourneyPage::ApprovalAdministrators(id).path_from_summary()),
        };
        let prepared = {
            let (name, at) = (shown.started_by.name.clone(), local_time(shown.updated_at));
            t!(i18n, approval.prepared_by, name = move || name.clone(), time = move || at.clone())
        };
        let signing_text = {
            let (shown, version) = (shown.clone(), current_terms.version.clone());
            Memo::new(move |_| shown.signing_text(&me.get().1, &version, &context.get(), language_of(i18n.get_locale())))
        };
        let on_approve = {
            let (shown, version) = (shown.clone(), current_terms.version.clone());
            Callback::new(move |_: ()| {
                if accepted.get_untracked() {
                    errors.set(Vec::new());
                    stale.set(false);
                    approve.dispatch((shown.clone(), version.clone(), signing_text.get_untracked()));
                } else {
                    errors.set(vec![FieldError::new("terms", FieldCode::TermsRequired)]);
                }
            })
        };
        let on_reject = {
            let shown = shown.clone();
            move |_| match validate_reason(&reason.get_untracked()) {
                Ok(valid) => {
                    errors.set(Vec::new());
                    stale.set(false);
                    reject.dispatch((shown.clone(), valid));
                }
                Err(problem) => errors.set(vec![problem]),
            }
        };
        let awaiting = shown.status == CaseStatus::AwaitingApproval;
        let outcome = match shown.status {
            CaseStatus::Rejected => Some(td_string!(i18n.get_locale_untracked(), approval.rejected).to_string()),
            CaseStatus::Withdrawn => Some(td_string!(i18n.get_locale_untracked(), approval.withdrawn).to_string()),
            CaseStatus::Approved => Some(td_string!(i18n.get_locale_untracked(), approval.approved).to_string()),
            CaseStatus::Draft => Some(td_string!(i18n.get_locale_untracked(), approval.not_submitted).to_string()),
            _ => None,
        };
        let name = shown.organisation.name.clone();
        let organisation = shown.organisation.clone();
        view! {
            <h1>{t!(i18n, approval.heading, name = move || name.clone())}</h1>
            <p class="font-lead" data-testid="prepared-by">{prepared}</p>
            {outcome.map(|text| view! {
                <div class="alert alert-info" role="status" data-testid="outcome"><div class="alert-body"><p class="alert-text">{text}</p></div></div>
            })}
            <CaseSummary case=Signal::stored(shown) change=if awaiting { change } else { ChangeLinks::default() } />
            {awaiting.then(|| view! {
                <h2>{text!(i18n, approval.terms_title)}</h2>
                <details class="tilslut-terms-details">
                    <summary>{current_terms.title.clone()}{format!(" ({})", current_terms.version)}</summary>
                    <div class="tilslut-terms">
                        <TermsBody body=current_terms.body.clone() />
                    </div>
                </details>
                <div class="form-group" class:form-error=move || terms_error().is_some()>
                    <Show when=move || terms_error().is_some()><span class="form-error-message">{terms_error}</span></Show>
                    <div class="form-group-checkbox">
                        <input type="checkbox" class="form-checkbox checkbox-large" id="terms"
                            prop:checked=move || accepted.get() on:change=move |e| accepted.set(event_target_checked(&e)) />
                        <label for="terms">{text!(i18n, wizard.terms_accept)}</label>
                    </div>
                </div>
                <h2>{text!(i18n, wizard.summary_sign_title)}</h2>
                <p class="tilslut-signing-box" data-testid="signing-text">{signing_text}</p>
                <NeedsOwnEmail>
                    <SignInContext organisation=organisation.clone()>
                        <div class="tilslut-button-row">
                            <button type="button" class="button button-primary" disabled=busy on:click=move |_| on_approve.run(())>{text!(i18n, approval.approve)}</button>
                        </div>
                    </SignInContext>
                </NeedsOwnEmail>
                <h2>{text!(i18n, approval.reject_title)}</h2>
                <div class="form-group" class:form-error=move || reason_error().is_some()>
                    <label class="form-label" for="reason">{text!(i18n, approval.reason_label)}</label>
                    <span class="form-hint" id="reason-hint">{text!(i18n, approval.reason_hint)}</span>
                    <Show when=move || reason_error().is_some()><span class="form-error-message">{reason_error}</span></Show>
                    <textarea class="form-input" id="reason" rows="4" aria-describedby="reason-hint"
                        prop:value=move || reason.get() on:input=move |e| reason.set(event_target_value(&e))></textarea>
                </div>
                <button type="button" class="button button-secondary" disabled=busy on:click=on_reject>{text!(i18n, approval.reject)}</button>
            })}
        }
    };
    // The case and the terms together, or the first failure: an equal outcome renders nothing
    // anew (the alert, and the error the host hears, stay one when the second call fails too).
    let loaded = Memo::new(move |_| match (case.get(), terms.get()) {
        (Some(Ok(shown)), Some(Ok(current))) => Some(Ok((shown, current))),
        (Some(Err(error)), _) | (_, Some(Err(error))) => Some(Err(error)),
        _ => None,
    });

    view! {
        <Show when=move || confirming.get()><SigningConfirmation signing=signing.clone() /></Show>
        <div hidden=move || confirming.get()>
        <SigningFailure />
        <ErrorSummary errors=summary />
        <Show when=move || stale.get()>
            <div class="alert alert-warning" role="alert" data-testid="stale"><div class="alert-body">
                <p class="alert-text">{text!(i18n, approval.stale)}</p>
            </div></div>
        </Show>
        {move || failure().map(|error| view! { <ProblemAlert error=error /> })}
        <Suspense fallback=move || view! { <p>{text!(i18n, loading)}</p> }>
            {move || loaded.get().map(|result| match result {
                Ok((shown, current)) => page(shown, current).into_any(),
                Err(error) => view! { <ProblemAlert error=error /> }.into_any(),
            })}
        </Suspense>
        </div>
    }
}
