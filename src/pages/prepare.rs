//! Journey B, the anmelder's side: which representative must approve, the summary sent to them,
//! and the list of the anmelder's preparations with where each stands. The organisation choice,
//! the administrator form and the receipt are the wizard's.

use crate::api::ApiError;
use crate::components::case_summary::{CaseSummary, ChangeLinks};
use crate::components::own_email::NeedsOwnEmail;
use crate::components::problem_alert::ProblemAlert;
use crate::components::step_form::{RadioChoice, RadioGroup, StepForm, StepFormView};
use crate::components::step_indicator::{Journey, StepIndicator, TilslutStep};
use crate::dates::local_time;
use crate::i18n::*;
use crate::navigation::{tell, use_navigation, JourneyEvents, JourneyPage, Link};
use crate::pages::case_page::{after_save, use_my_id, CaseStep};
use crate::session::use_session;
use crate::title::use_title;
use leptos::prelude::*;
use tilslut_api::{Case, CaseRole, CaseStatus, FieldCode, FieldError};

/// `/forbered/<id>/godkender`: which of the organisation's representatives must approve.
#[component]
pub fn ApproverStep(case: Case) -> impl IntoView {
    let form = StepForm::new(|l| td_string!(l, prepare.approver_title));
    let client = use_session().client;
    let cvr = case.organisation.cvr;
    let lookup = client.resource(move |client| async move { client.lookup_organisation(&cvr).await });
    let chosen = RwSignal::new(case.approver.as_ref().map(|a| a.id.clone()));
    let navigation = use_navigation();
    let next = after_save(&case, CaseStep::Administrators);
    let save = Action::new_local(move |person: &String| {
        let (client, case, person, next) = (client.clone(), case.clone(), person.clone(), next.clone());
        async move {
            let saved = client.choose_approver(&case, &person).await?;
            navigation.go_with_case(&next, saved);
            Ok::<(), ApiError>(())
        }
    });
    let submit = Callback::new(move |()| {
        let chosen = chosen.get_untracked();
        let missing = if chosen.is_some() { vec![] } else { vec![FieldError::new("approver", FieldCode::ApproverRequired)] };
        if let (true, Some(person)) = (form.accept(missing), chosen) {
            save.dispatch(person);
        }
    });
    let error = form.message("approver");
    view! {
        <StepIndicator current=TilslutStep::Approver journey=Journey::Prepare />
        <StepFormView form=form failure=Signal::derive(move || save.value().get().and_then(Result::err)) busy=save.pending() on_submit=submit>
            <RadioGroup legend=|l| td_string!(l, prepare.approver_legend) hint=|l| td_string!(l, prepare.approver_hint) error=error>
                    {move || lookup.get().map(|result| match result {
                        Ok(found) => found.representatives.into_iter().enumerate().map(|(index, representative)| view! {
                            <RadioChoice name="approver" index=index value=representative.person.id.clone() chosen=chosen>
                                {representative.person.name.clone()}
                                <span class="form-hint">{format!(" – {}", representative.role)}</span>
                            </RadioChoice>
                        }).collect_view().into_any(),
                        Err(error) => view! { <li><ProblemAlert error=error /></li> }.into_any(),
                    })}
            </RadioGroup>
        </StepFormView>
    }
}

/// `/forbered/<id>/opsummering`: the anmelder checks the answers and sends them for approval.
#[component]
pub fn PrepareSummaryStep(case: Case) -> impl IntoView {
    let i18n = use_i18n();
    use_title(|l| td_string!(l, prepare.summary_title), Signal::stored(false));
    let change = ChangeLinks {
        organisation: None,
        terms: None,
        administrators: Some(JourneyPage::PrepareAdministrators(case.id.clone()).path_from_summary()),
    };
    let approver_link = JourneyPage::PrepareApprover(case.id.clone()).path_from_summary();
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
            navigation.go(&JourneyPage::MyPreparations.path());
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
            <NeedsOwnEmail>
                <button type="button" class="button button-primary" disabled=move || send.pending().get() on:click=move |_| { send.dispatch(()); }>
                    {text!(i18n, prepare.send)}
                </button>
            </NeedsOwnEmail>
        })}
    }
}

/// `/forberedelser`: the anmelder's preparations and where each stands.
#[component]
pub fn MyPreparations() -> impl IntoView {
    let i18n = use_i18n();
    use_title(|l| td_string!(l, prepare.list_title), Signal::stored(false));
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
        <p><Link href=JourneyPage::Prepare.path() class="button button-primary">{text!(i18n, prepare.start)}</Link></p>
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
                                    JourneyPage::Receipt(case.id.clone())
                                } else {
                                    JourneyPage::PrepareSummary(case.id.clone())
                                };
                                let to_withdraw = case.clone();
                                let name = case.organisation.name.clone();
                                view! {
                                    <tr>
                                        <td><Link href=link.path()>{name}</Link></td>
                                        <td data-testid="preparation-status"><CaseStatusText case=case.clone() /></td>
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

/// Where a case stands, in words: who it waits for, and until when.
#[component]
pub(crate) fn CaseStatusText(case: Case) -> impl IntoView {
    let i18n = use_i18n();
    let approver = case.approver.map(|a| a.name).unwrap_or_default();
    let reason = case.rejection_reason.unwrap_or_default();
    move || match case.status {
        CaseStatus::Draft => td_string!(i18n.get_locale(), prepare.status_draft).to_string(),
        CaseStatus::AwaitingApproval => td_string!(i18n.get_locale(), prepare.status_awaiting, name = approver.clone()).to_string(),
        CaseStatus::Approved => td_string!(i18n.get_locale(), prepare.status_approved).to_string(),
        CaseStatus::Rejected => td_string!(i18n.get_locale(), prepare.status_rejected, reason = reason.clone()).to_string(),
        CaseStatus::Withdrawn => td_string!(i18n.get_locale(), prepare.status_withdrawn).to_string(),
        CaseStatus::AwaitingManualReview => {
            let due = case.decision_due.map(tilslut_api::dates::format_date).unwrap_or_default();
            td_string!(i18n.get_locale(), prepare.status_in_review, date = due).to_string()
        }
    }
}
