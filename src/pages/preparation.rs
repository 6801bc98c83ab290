//! Journey B: an anmelder (not a management representative) prepares the connection, and a
//! representative reviews it on one page and approves, changes or rejects it. The steps reuse the
//! wizard's organisation choice, administrator form, summary and receipt.

use super::wizard::{after_save, set_title, use_my_id, with_case, WizardOrganisation};
use crate::api::ApiError;
use crate::components::case_summary::{CaseSummary, ChangeLinks};
use crate::components::error_summary::{field_messages, message_for, ErrorSummary};
use crate::components::problem_alert::ProblemAlert;
use crate::components::step_indicator::{Journey, StepIndicator, TilslutStep};
use crate::dates::local_time;
use crate::i18n::*;
use crate::navigation::{tell, use_navigation, JourneyEvents, Link};
use crate::session::use_session;
use leptos::prelude::*;
use tilslut_api::signing::connection_signing_text;
use tilslut_api::validation::validate_reason;

use tilslut_api::{ActingContext, Case, CaseRole, CaseStatus, FieldCode, FieldError, ProblemCode};

/// `/forbered`: the organisation to prepare the connection of, by CVR number.
#[component]
pub fn PrepareOrganisation() -> impl IntoView {
    view! { <WizardOrganisation preparing=true /> }
}

/// `/forbered/<id>/godkender`: which of the organisation's representatives must approve.
#[component]
pub fn PrepareApprover(id: String) -> impl IntoView {
    with_case(id, |case| view! { <ApproverStep case=case /> })
}

#[component]
fn ApproverStep(case: Case) -> impl IntoView {
    let i18n = use_i18n();
    let errors = RwSignal::new(Vec::<FieldError>::new());
    set_title(|l| td_string!(l, prepare.approver_title), Signal::derive(move || !errors.get().is_empty()));
    let client = use_session().client;
    let cvr = case.organisation.cvr;
    let lookup = client.resource(move |client| async move { client.lookup_organisation(&cvr).await });
    let chosen = RwSignal::new(case.approver.as_ref().map(|a| a.id.clone()));
    let navigation = use_navigation();
    let next = after_save(&case, "administratorer");
    let save = Action::new_local(move |person: &String| {
        let (client, case, person, next) = (client.clone(), case.clone(), person.clone(), next.clone());
        async move {
            let saved = client.choose_approver(&case, &person).await?;
            navigation.go_with_case(&next, saved);
            Ok::<(), ApiError>(())
        }
    });
    let failure = move || save.value().get().and_then(Result::err);
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        match chosen.get_untracked() {
            Some(person) => {
                errors.set(Vec::new());
                save.dispatch(person);
            }
            None => errors.set(vec![FieldError::new("approver", FieldCode::ApproverRequired)]),
        }
    };
    let summary = Signal::derive(move || field_messages(&errors.get(), i18n.get_locale()));
    let error = move || message_for(&errors.get(), "approver", i18n.get_locale());
    view! {
        <StepIndicator current=TilslutStep::Approver journey=Journey::Prepare />
        <ErrorSummary errors=summary />
        <h1>{text!(i18n, prepare.approver_title)}</h1>
        {move || failure().map(|error| view! { <ProblemAlert error=error /> })}
        <form on:submit=submit novalidate>
            <div class="form-group" class:form-error=move || error().is_some()>
                <fieldset>
                    <legend class="form-label">{text!(i18n, prepare.approver_legend)}</legend>
                    <span class="form-hint">{text!(i18n, prepare.approver_hint)}</span>
                    <Show when=move || error().is_some()>
                        <span class="form-error-message">{error}</span>
                    </Show>
                    <Suspense fallback=move || view! { <p>{text!(i18n, loading)}</p> }>
                        <ul class="nobullet-list" role="list">
                            {move || lookup.get().map(|result| match result {
                                Ok(found) => found.representatives.into_iter().enumerate().map(|(index, representative)| {
                                    let id = if index == 0 { "approver".to_string() } else { format!("approver-{index}") };
                                    let person = representative.person.id.clone();
                                    let checked = person.clone();
                                    view! {
                                        <li class="form-group-radio">
                                            <input type="radio" class="form-radio radio-large" name="approver" id=id.clone()
                                                prop:checked=move || chosen.get().as_deref() == Some(checked.as_str())
                                                on:change=move |_| chosen.set(Some(person.clone())) />
                                            <label for=id>
                                                {representative.person.name.clone()}
                                                <span class="form-hint">{format!(" – {}", representative.role)}</span>
                                            </label>
                                        </li>
                                    }
                                }).collect_view().into_any(),
                                Err(error) => view! { <li><ProblemAlert error=error /></li> }.into_any(),
                            })}
                        </ul>
                    </Suspense>
                </fieldset>
            </div>
            <button type="submit" class="button button-primary" disabled=move || save.pending().get()>{text!(i18n, continue_button)}</button>
        </form>
    }
}

/// `/forbered/<id>/opsummering`: the anmelder checks the answers and sends them for approval.
#[component]
pub fn PrepareSummary(id: String) -> impl IntoView {
    with_case(id, |case| view! { <PrepareSummaryStep case=case /> })
}

#[component]
fn PrepareSummaryStep(case: Case) -> impl IntoView {
    let i18n = use_i18n();
    set_title(|l| td_string!(l, prepare.summary_title), Signal::stored(false));
    let back = |step: &str| Some(format!("/forbered/{}/{step}?tilbage=opsummering", case.id));
    let change = ChangeLinks { organisation: None, terms: None, administrators: back("administratorer") };
    let approver_link = back("godkender").unwrap_or_default();
    let approver = case.approver.as_ref().map(|a| a.name.clone()).unwrap_or_default();
    let is_draft = case.status == CaseStatus::Draft;
    let client = use_session().client;
    let navigation = use_navigation();
    let events = JourneyEvents::of_host();
    let to_send = case.clone();
    let send = Action::new_local(move |_: &()| {
        let (client, case) = (client.clone(), to_send.clone());
        async move {
            let sent = client.submit(&case).await?;
            tell(events.case_submitted, &sent);
            navigation.go("/forberedelser");
            Ok::<(), ApiError>(())
        }
    });
    let failure = move || send.value().get().and_then(Result::err);
    let waiting_for = approver.clone();
    view! {
        <StepIndicator current=TilslutStep::SendForApproval journey=Journey::Prepare />
        <h1>{text!(i18n, prepare.summary_title)}</h1>
        {move || failure().map(|error| view! { <ProblemAlert error=error /> })}
        {(!is_draft).then(|| view! {
            <div class="alert alert-info" role="status"><div class="alert-body">
                <p class="alert-text">{t!(i18n, prepare.summary_submitted, name = move || waiting_for.clone())}</p>
            </div></div>
        })}
        <CaseSummary case=Signal::stored(case) change=change />
        <dl class="tilslut-summary">
            <div class="tilslut-summary-row" data-testid="summary-approver">
                <dt>{text!(i18n, prepare.approver)}</dt>
                <dd>{approver}</dd>
                <dd class="tilslut-summary-action">
                    <Link href=approver_link>{text!(i18n, summary.change)}<span class="tilslut-visually-hidden">" "{text!(i18n, prepare.approver)}</span></Link>
                </dd>
            </div>
        </dl>
        {is_draft.then(|| view! {
            <button type="button" class="button button-primary" disabled=move || send.pending().get() on:click=move |_| { send.dispatch(()); }>
                {text!(i18n, prepare.send)}
            </button>
        })}
    }
}

/// `/forberedelser`: the anmelder's preparations and where each stands.
#[component]
pub fn MyPreparations() -> impl IntoView {
    let i18n = use_i18n();
    set_title(|l| td_string!(l, prepare.list_title), Signal::stored(false));
    let client = use_session().client;
    let me = use_my_id();
    let cases = client.resource(move |client| {
        // Tracked: asked again when another person logs in.
        let me = me.get().unwrap_or_default();
        async move {
            let all = client.cases().await?;
            Ok::<_, ApiError>(all.into_iter().filter(|c| c.role == CaseRole::Anmelder && c.started_by.id == me).collect::<Vec<_>>())
        }
    });
    let withdraw = Action::new_local(move |case: &Case| {
        let (client, case) = (client.clone(), case.clone());
        async move {
            client.withdraw(&case).await?;
            cases.refetch();
            Ok::<(), ApiError>(())
        }
    });
    let failure = move || withdraw.value().get().and_then(Result::err);
    view! {
        <h1>{text!(i18n, prepare.list_title)}</h1>
        {move || failure().map(|error| view! { <ProblemAlert error=error /> })}
        <p><Link href="/forbered" class="button button-primary">{text!(i18n, prepare.start)}</Link></p>
        <Suspense fallback=move || view! { <p>{text!(i18n, loading)}</p> }>
            {move || cases.get().map(|result| match result {
                Err(error) => view! { <ProblemAlert error=error /> }.into_any(),
                Ok(list) if list.is_empty() => view! { <p>{text!(i18n, prepare.list_empty)}</p> }.into_any(),
                Ok(list) => view! {
                    <table class="table" data-testid="preparations">
                        <thead><tr>
                            <th scope="col">{text!(i18n, summary.organisation)}</th>
                            <th scope="col">{text!(i18n, prepare.status)}</th>
                            <th scope="col">{text!(i18n, prepare.changed)}</th>
                            <th scope="col"><span class="tilslut-visually-hidden">{text!(i18n, prepare.actions)}</span></th>
                        </tr></thead>
                        <tbody>
                            {list.into_iter().map(|case| {
                                let open = case.status.is_open();
                                let link = if case.status == CaseStatus::Approved {
                                    format!("/tilslut/{}/kvittering", case.id)
                                } else {
                                    format!("/forbered/{}/opsummering", case.id)
                                };
                                let to_withdraw = case.clone();
                                let name = case.organisation.name.clone();
                                view! {
                                    <tr>
                                        <td><Link href=link>{name}</Link></td>
                                        <td data-testid="preparation-status"><PreparationStatus case=case.clone() /></td>
                                        <td>{local_time(case.updated_at)}</td>
                                        <td>{open.then(|| view! {
                                            <button type="button" class="button button-secondary" on:click=move |_| { withdraw.dispatch(to_withdraw.clone()); }>
                                                {text!(i18n, prepare.withdraw)}
                                            </button>
                                        })}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn PreparationStatus(case: Case) -> impl IntoView {
    let i18n = use_i18n();
    let approver = case.approver.map(|a| a.name).unwrap_or_default();
    let reason = case.rejection_reason.unwrap_or_default();
    move || match case.status {
        CaseStatus::Draft => td_string!(i18n.get_locale(), prepare.status_draft).to_string(),
        CaseStatus::AwaitingApproval => td_string!(i18n.get_locale(), prepare.status_awaiting, name = approver.clone()).to_string(),
        CaseStatus::Approved => td_string!(i18n.get_locale(), prepare.status_approved).to_string(),
        CaseStatus::Rejected => td_string!(i18n.get_locale(), prepare.status_rejected, reason = reason.clone()).to_string(),
        CaseStatus::Withdrawn => td_string!(i18n.get_locale(), prepare.status_withdrawn).to_string(),
        CaseStatus::AwaitingManualReview => td_string!(i18n.get_locale(), prepare.status_draft).to_string(),
    }
}

/// `/godkend/<id>`: the representative's one page to review a preparation, accept the terms,
/// and approve and sign, or reject with a reason. Reached from the notification e-mail's link.
#[component]
pub fn ApprovalPage(id: String) -> impl IntoView {
    let i18n = use_i18n();
    let errors = RwSignal::new(Vec::<FieldError>::new());
    set_title(|l| td_string!(l, approval.title), Signal::derive(move || !errors.get().is_empty()));
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
    let navigation = use_navigation();
    let events = JourneyEvents::of_host();
    let context = {
        let session = session.clone();
        Signal::derive(move || session.context().unwrap_or(ActingContext::Private))
    };
    let me = Memo::new({
        let session = session.clone();
        move |_| session.session().map(|s| (s.person.id, s.person.name)).unwrap_or_default()
    });

    // Approving: accept the current terms in the representative's own name, then approve the
    // version of the preparation this page shows. A newer version is shown, not approved.
    let approve = Action::new_local({
        let client = client.clone();
        move |(shown, terms_version): &(Case, String)| {
            let (client, shown, terms_version) = (client.clone(), shown.clone(), terms_version.clone());
            async move {
                let my_acceptance =
                    shown.terms.as_ref().is_some_and(|t| t.version == terms_version && t.accepted_by.id == me.get_untracked().0);
                let with_terms = if my_acceptance { shown } else { client.accept_terms(&shown, terms_version).await? };
                let approved = client.approve(&with_terms, language_of(i18n.get_locale_untracked())).await?;
                tell(events.case_approved, &approved);
                navigation.go_with_case(&format!("/tilslut/{}/kvittering", approved.id), approved);
                Ok::<(), ApiError>(())
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
            administrators: Some(format!("/godkend/{id}/administratorer?tilbage=opsummering")),
        };
        let prepared = {
            let (name, at) = (shown.started_by.name.clone(), local_time(shown.updated_at));
            t!(i18n, approval.prepared_by, name = move || name.clone(), time = move || at.clone())
        };
        let signing = {
            let (shown, version) = (shown.clone(), current_terms.version.clone());
            move || {
                let signer = me.get().1;
                connection_signing_text(
                    &signer,
                    &shown.organisation,
                    &version,
                    shown.administrators.len(),
                    &context.get(),
                    language_of(i18n.get_locale()),
                )
            }
        };
        let on_approve = {
            let (shown, version) = (shown.clone(), current_terms.version.clone());
            move |_| {
                if accepted.get_untracked() {
                    errors.set(Vec::new());
                    stale.set(false);
                    approve.dispatch((shown.clone(), version.clone()));
                } else {
                    errors.set(vec![FieldError::new("terms", FieldCode::TermsRequired)]);
                }
            }
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
                        {current_terms.body.split("\n\n").map(|p| view! { <p>{p.to_string()}</p> }).collect_view()}
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
                <p class="tilslut-signing-box" data-testid="signing-text">{signing}</p>
                <div class="tilslut-button-row">
                    <button type="button" class="button button-primary" disabled=busy on:click=on_approve>{text!(i18n, approval.approve)}</button>
                </div>
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
    }
}

/// The start page's list for a representative: preparations waiting for them.
#[component]
pub fn AwaitingYourApproval() -> impl IntoView {
    let i18n = use_i18n();
    let client = use_session().client;
    let me = use_my_id();
    let waiting = client.resource(move |client| {
        let me = me.get().unwrap_or_default();
        async move {
            let all = client.cases().await.unwrap_or_default();
            all.into_iter()
                .filter(|c| c.status == CaseStatus::AwaitingApproval && c.approver.as_ref().is_some_and(|a| a.id == me))
                .collect::<Vec<_>>()
        }
    });
    view! {
        <Suspense fallback=|| ()>
            {move || waiting.get().filter(|list| !list.is_empty()).map(|list| view! {
                <section aria-labelledby="awaiting-heading" data-testid="awaiting-approval">
                    <h2 id="awaiting-heading">{text!(i18n, approval.awaiting_title)}</h2>
                    <ul class="nobullet-list">
                        {list.into_iter().map(|case| {
                            let text = format!("{} – {}", case.organisation.name, case.started_by.name);
                            view! { <li><Link href=format!("/godkend/{}", case.id)>{text}</Link></li> }
                        }).collect_view()}
                    </ul>
                </section>
            })}
        </Suspense>
    }
}
