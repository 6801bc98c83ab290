//! The caseworker's pages at MitID Erhverv: the queue of documentation cases by due day, a case
//! with its documents, history and decision, and publishing new terms ahead of their day. The
//! server answers only caseworkers; anyone else is told the page does not exist. Built only into
//! the follow-up bundle (feature `followup`).

use crate::api::ApiError;
use crate::components::case_summary::CaseSummary;
use crate::components::error_summary::{field_messages, message_for, ErrorSummary};
use crate::components::problem_alert::ProblemAlert;
use crate::dates::local_time;
use crate::i18n::*;
use crate::session::use_session;
use crate::title::use_title;
use leptos::prelude::*;
use leptos_router::components::A;
use tilslut_api::dates::format_date;
use tilslut_api::validation::{validate_reason, validate_terms};
use tilslut_api::{Case, CaseStatus, FieldError, HistoryEntry, PublishTermsRequest, ReviewConflict};

use super::NotFound;
use tilslut_api::pages::{ReviewPage, REVIEW_QUEUE as QUEUE, REVIEW_TERMS as TERMS};

/// The caseworker's page at the current address; only a change of page renders anew.
pub fn pages() -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    let page = Memo::new(move |_| ReviewPage::parse(&location.pathname.get()));
    move || match page.get() {
        Some(ReviewPage::Queue) => view! { <ReviewQueue /> }.into_any(),
        Some(ReviewPage::Terms) => view! { <PublishTermsPage /> }.into_any(),
        Some(ReviewPage::Case(id)) => view! { <ReviewCasePage id=id /> }.into_any(),
        None => view! { <NotFound /> }.into_any(),
    }
}

/// A table's head: one column heading per text.
fn table_head(i18n: leptos_i18n::I18nContext<Locale>, columns: &[fn(Locale) -> &'static str]) -> impl IntoView {
    let cells: Vec<_> = columns.iter().map(|&column| view! { <th scope="col">{move || column(i18n.get_locale())}</th> }).collect();
    view! { <thead><tr>{cells}</tr></thead> }
}

#[component]
pub fn ReviewQueue() -> impl IntoView {
    let i18n = use_i18n();
    let queue = use_session().client.resource(|client| async move { client.review_queue().await });
    use_title(|l| td_string!(l, review.queue_title), Signal::derive(move || matches!(queue.get(), Some(Err(_)))));
    view! {
        <h1>{text!(i18n, review.queue_title)}</h1>
        <p class="font-lead">{text!(i18n, review.queue_lead)}</p>
        <p><A href=TERMS>{text!(i18n, review.terms_title)}</A></p>
        <Suspense fallback=move || view! { <p>{text!(i18n, loading)}</p> }>
            {move || queue.get().map(|result| match result {
                Err(error) => view! { <ProblemAlert error=error retry=Callback::new(move |_| queue.refetch()) /> }.into_any(),
                Ok(items) if items.is_empty() => view! { <p data-testid="queue-empty">{text!(i18n, review.queue_empty)}</p> }.into_any(),
                Ok(items) => view! {
                    <table class="table" data-testid="queue">
                        {table_head(i18n, &[|l| td_string!(l, summary.organisation), |l| td_string!(l, review.sent_by), |l| td_string!(l, review.documents), |l| td_string!(l, review.due)])}
                        <tbody>
                            {items.into_iter().map(|item| {
                                let name = format!("{} (CVR {})", item.organisation.name, item.organisation.cvr);
                                view! {
                                    <tr>
                                        <td>
                                            <A href=ReviewPage::Case(item.case_id.clone()).path()>{name}</A>
                                            {item.conflict.map(|conflict| view! {
                                                <br /><span class="form-hint" data-testid="conflict">{move || conflict_text(conflict, i18n.get_locale())}</span>
                                            })}
                                        </td>
                                        <td>{item.started_by.name}</td>
                                        <td>{item.documents}</td>
                                        <td>
                                            {format_date(item.decision_due)}
                                            {item.overdue.then(|| view! { " "<span class="tilslut-overdue" data-testid="overdue">{text!(i18n, review.overdue)}</span> })}
                                        </td>
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

/// Why a case is not the caseworker's to decide, in words.
fn conflict_text(conflict: ReviewConflict, locale: Locale) -> &'static str {
    match conflict {
        ReviewConflict::StartedByYou => td_string!(locale, review.conflict_started_by_you),
        ReviewConflict::YouAreAdministrator => td_string!(locale, review.conflict_administrator),
        ReviewConflict::YouAreInTheRegister => td_string!(locale, review.conflict_in_register),
    }
}

/// What a case's history calls an event, in words; an event this build does not know, as named.
fn event_label(event: &str, locale: Locale) -> String {
    let text = match event {
        "created" => td_string!(locale, review.event_created),
        "terms_accepted" => td_string!(locale, review.event_terms_accepted),
        "administrators_changed" => td_string!(locale, review.event_administrators_changed),
        "document_uploaded" => td_string!(locale, review.event_document_uploaded),
        "submitted_for_review" => td_string!(locale, review.event_submitted),
        "approved_manually" => td_string!(locale, review.event_approved),
        "rejected" => td_string!(locale, review.event_rejected),
        "administrator_confirmed" => td_string!(locale, review.event_administrator_confirmed),
        other => return other.to_string(),
    };
    text.to_string()
}

/// A case's history as a table: its latest events, and the earlier ones a page at a time on request.
#[component]
fn CaseHistory(case_id: String, latest: Vec<HistoryEntry>, earlier: u32) -> impl IntoView {
    let i18n = use_i18n();
    let client = use_session().client;
    let entries = RwSignal::new(latest);
    let earlier = RwSignal::new(earlier);
    let more = Action::new_local(move |_: &()| {
        let (client, id) = (client.clone(), case_id.clone());
        let first = entries.with_untracked(|shown| shown.first().map_or(1, |entry| entry.number));
        async move {
            let page = client.review_history(&id, first).await?;
            entries.update(|shown| shown.splice(0..0, page.entries).for_each(drop));
            earlier.set(page.earlier);
            Ok::<_, ApiError>(())
        }
    });
    view! {
        {move || more.value().get().and_then(Result::err).map(|error| view! { <ProblemAlert error=error /> })}
        <Show when=move || { earlier.get() > 0 }>
            <button type="button" class="button button-secondary" data-testid="earlier-history" disabled=move || more.pending().get()
                on:click=move |_| { more.dispatch(()); }>
                {t!(i18n, review.earlier_history, count = move || earlier.get())}
            </button>
        </Show>
        <table class="table" data-testid="history">
            {table_head(i18n, &[|l| td_string!(l, review.when), |l| td_string!(l, review.what), |l| td_string!(l, review.who)])}
            <tbody>
                {move || entries.get().into_iter().map(|entry| view! {
                    <tr>
                        <td>{local_time(entry.at)}</td>
                        <td>{event_label(&entry.event, i18n.get_locale_untracked())}</td>
                        <td>{entry.by.map(|p| p.name).unwrap_or_default()}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
pub fn ReviewCasePage(id: String) -> impl IntoView {
    let i18n = use_i18n();
    let client = use_session().client;
    let id = StoredValue::new(id);
    let loaded = client.resource(move |client| async move { client.review_case(&id.get_value()).await });
    let reason = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let decide = Action::new_local(move |(case, rejection): &(Case, Option<String>)| {
        let (client, case, rejection) = (client.clone(), case.clone(), rejection.clone());
        async move { client.decide(&case, rejection).await }
    });
    let failed =
        move || !errors.with(Vec::is_empty) || matches!(decide.value().get(), Some(Err(_))) || matches!(loaded.get(), Some(Err(_)));
    use_title(|l| td_string!(l, review.case_title), Signal::derive(failed));
    let summary = Signal::derive(move || field_messages(&errors.get(), i18n.get_locale()));
    let page = move |loaded: Case| {
        // After a decision the page shows the case as the server returned it.
        let shown = Memo::new(move |_| match decide.value().get() {
            Some(Ok(decided)) => decided,
            _ => loaded.clone(),
        });
        let reason_error = move || message_for(&errors.get(), "reason", i18n.get_locale());
        let on_reject = move |_| match validate_reason(&reason.get_untracked()) {
            Ok(valid) => {
                errors.set(Vec::new());
                decide.dispatch((shown.get_untracked(), Some(valid)));
            }
            Err(problem) => errors.set(vec![problem]),
        };
        let on_approve = move |_| {
            errors.set(Vec::new());
            decide.dispatch((shown.get_untracked(), None));
        };
        let client = use_session().client;
        view! {
            {move || {
                let case = shown.get();
                let name = case.organisation.name.clone();
                let outcome = match case.status {
                    CaseStatus::Approved => Some(td_string!(i18n.get_locale(), review.decided_approved).to_string()),
                    CaseStatus::Rejected => Some(td_string!(i18n.get_locale(), review.decided_rejected, reason = case.rejection_reason.clone().unwrap_or_default()).to_string()),
                    CaseStatus::AwaitingManualReview => None,
                    _ => Some(td_string!(i18n.get_locale(), review.not_in_review).to_string()),
                };
                let due = case.decision_due.map(format_date).unwrap_or_default();
                let client = client.clone();
                view! {
                    <h1>{t!(i18n, review.case_heading, name = move || name.clone())}</h1>
                    <p class="font-lead">{t!(i18n, review.case_lead, person = {
                        let person = case.started_by.name.clone();
                        move || person.clone()
                    }, date = move || due.clone())}</p>
                    {outcome.map(|text| view! {
                        <div class="alert alert-info" role="status" data-testid="decision-outcome"><div class="alert-body"><p class="alert-text">{text}</p></div></div>
                    })}
                    <RegisterRepresentatives cvr=case.organisation.cvr />
                    {case.stated_role.clone().map(|role| view! {
                        <p data-testid="stated-role">{move || td_string!(i18n.get_locale(), review.stated_role, role = role.clone()).to_string()}</p>
                    })}
                    {case.review_conflict.filter(|_| case.status == CaseStatus::AwaitingManualReview).map(|conflict| view! {
                        <div class="alert alert-warning" role="status" data-testid="review-conflict"><div class="alert-body">
                            <p class="alert-text">{move || conflict_text(conflict, i18n.get_locale())}" "{text!(i18n, review.conflict_lead)}</p>
                        </div></div>
                    })}
                    <h2>{text!(i18n, review.documents)}</h2>
                    <ul data-testid="review-documents">
                        {case.documents.iter().map(|document| {
                            let href = client.url(&tilslut_api::paths::review_document(&case.id, &document.id));
                            let kind = match document.kind {
                                tilslut_api::DocumentKind::Identity => td_string!(i18n.get_locale_untracked(), review.document_identity),
                                tilslut_api::DocumentKind::Affiliation => td_string!(i18n.get_locale_untracked(), review.document_affiliation),
                            };
                            view! { <li>{kind}": "<a href=href download="">{document.file_name.clone()}</a></li> }
                        }).collect_view()}
                    </ul>
                    <h2>{text!(i18n, review.details)}</h2>
                    <CaseSummary case=Signal::stored(case.clone()) />
                    <h2>{text!(i18n, review.history)}</h2>
                    <CaseHistory case_id=case.id.clone() latest=case.history.clone() earlier=case.earlier_history />
                }
            }}
            <Show when=move || shown.with(|c| c.status == CaseStatus::AwaitingManualReview && c.review_conflict.is_none())>
                <h2>{text!(i18n, review.decision_title)}</h2>
                <button type="button" class="button button-primary" disabled=move || decide.pending().get() on:click=on_approve>
                    {text!(i18n, review.approve)}
                </button>
                <div class="form-group" class:form-error=move || reason_error().is_some()>
                    <label class="form-label" for="reason">{text!(i18n, review.reason_label)}</label>
                    <span class="form-hint" id="reason-hint">{text!(i18n, review.reason_hint)}</span>
                    <Show when=move || reason_error().is_some()><span class="form-error-message">{reason_error}</span></Show>
                    <textarea class="form-input" id="reason" rows="4" aria-describedby="reason-hint"
                        prop:value=move || reason.get() on:input=move |e| reason.set(event_target_value(&e))></textarea>
                </div>
                <button type="button" class="button button-secondary" disabled=move || decide.pending().get() on:click=on_reject>
                    {text!(i18n, review.reject)}
                </button>
            </Show>
        }
    };
    view! {
        <p><A href=QUEUE>{text!(i18n, review.back_to_queue)}</A></p>
        <ErrorSummary errors=summary />
        {move || decide.value().get().and_then(Result::err).map(|error| view! { <ProblemAlert error=error /> })}
        <Suspense fallback=move || view! { <p>{text!(i18n, loading)}</p> }>
            {move || loaded.get().map(|result| match result {
                Ok(case) => page(case).into_any(),
                Err(error) => view! { <ProblemAlert error=error /> }.into_any(),
            })}
        </Suspense>
    }
}

/// A labelled text field of the terms form, its error above it.
fn terms_field(
    i18n: leptos_i18n::I18nContext<Locale>,
    field: &'static str,
    label: fn(Locale) -> &'static str,
    value: RwSignal<String>,
    errors: RwSignal<Vec<FieldError>>,
    multiline: bool,
) -> impl IntoView {
    let error = move || message_for(&errors.get(), field, i18n.get_locale());
    let input = if multiline {
        view! { <textarea class="form-input" id=field rows="10" prop:value=move || value.get() on:input=move |e| value.set(event_target_value(&e))></textarea> }.into_any()
    } else {
        let kind = if field == "effective_from" { "date" } else { "text" };
        view! { <input class="form-input" id=field type=kind prop:value=move || value.get() on:input=move |e| value.set(event_target_value(&e)) /> }.into_any()
    };
    view! {
        <div class="form-group" class:form-error=move || error().is_some()>
            <label class="form-label" for=field>{move || label(i18n.get_locale())}</label>
            <Show when=move || error().is_some()><span class="form-error-message">{error}</span></Show>
            {input}
        </div>
    }
}

#[component]
pub fn PublishTermsPage() -> impl IntoView {
    let i18n = use_i18n();
    let client = use_session().client;
    let all = client.resource(|client| async move { client.all_terms().await });
    let today = crate::dates::today();
    let earliest = tilslut_api::earliest_effective_day(today);
    let (version, title, body) = (RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()));
    let effective_from = RwSignal::new(earliest.to_string());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let publish = Action::new_local(move |request: &PublishTermsRequest| {
        let (client, request) = (client.clone(), request.clone());
        async move {
            let published = client.publish_terms(&request).await;
            match &published {
                Ok(_) => all.refetch(),
                Err(ApiError::Problem(problem)) => errors.set(problem.errors.clone()),
                Err(_) => {}
            }
            published
        }
    });
    let failed = move || !errors.with(Vec::is_empty) || matches!(publish.value().get(), Some(Err(_))) || matches!(all.get(), Some(Err(_)));
    use_title(|l| td_string!(l, review.terms_title), Signal::derive(failed));
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let day = chrono::NaiveDate::parse_from_str(&effective_from.get_untracked(), "%Y-%m-%d");
        let Ok(day) = day else {
            errors.set(vec![FieldError::new("effective_from", tilslut_api::FieldCode::DateInvalid)]);
            return;
        };
        let request = PublishTermsRequest {
            version: version.get_untracked(),
            title: title.get_untracked(),
            body: body.get_untracked(),
            effective_from: day,
        };
        match validate_terms(&request, today) {
            Ok(()) => {
                errors.set(Vec::new());
                publish.dispatch(request);
            }
            Err(found) => errors.set(found),
        }
    };
    let summary = Signal::derive(move || field_messages(&errors.get(), i18n.get_locale()));
    view! {
        <p><A href=QUEUE>{text!(i18n, review.back_to_queue)}</A></p>
        <ErrorSummary errors=summary />
        <h1>{text!(i18n, review.terms_title)}</h1>
        {move || match publish.value().get() {
            Some(Ok(terms)) => {
                let (name, day) = (terms.version.clone(), format_date(terms.effective_from));
                view! {
                    <div class="alert alert-success" role="status" data-testid="terms-published"><div class="alert-body">
                        <p class="alert-text">{t!(i18n, review.terms_published, version = move || name.clone(), date = move || day.clone())}</p>
                    </div></div>
                }.into_any()
            }
            Some(Err(error)) if errors.with_untracked(Vec::is_empty) => view! { <ProblemAlert error=error /> }.into_any(),
            _ => ().into_any(),
        }}
        <Suspense fallback=move || view! { <p>{text!(i18n, loading)}</p> }>
            {move || all.get().map(|result| match result {
                Err(error) => view! { <ProblemAlert error=error /> }.into_any(),
                Ok(versions) => view! {
                    <table class="table" data-testid="terms-versions">
                        {table_head(i18n, &[|l| td_string!(l, review.terms_version), |l| td_string!(l, review.terms_heading), |l| td_string!(l, review.terms_effective)])}
                        <tbody>
                            {versions.into_iter().map(|terms| {
                                let upcoming = terms.effective_from > today;
                                view! {
                                    <tr>
                                        <td>{terms.version}</td>
                                        <td>{terms.title}</td>
                                        <td>
                                            {format_date(terms.effective_from)}
                                            {upcoming.then(|| view! { " "<span data-testid="upcoming">{text!(i18n, review.terms_upcoming)}</span> })}
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any(),
            })}
        </Suspense>
        <h2>{text!(i18n, review.terms_new)}</h2>
        <p>{{ let day = format_date(earliest); t!(i18n, review.terms_notice, date = move || day.clone()) }}</p>
        <form novalidate on:submit=on_submit>
            {terms_field(i18n, "version", |l| td_string!(l, review.terms_version), version, errors, false)}
            {terms_field(i18n, "title", |l| td_string!(l, review.terms_heading), title, errors, false)}
            {terms_field(i18n, "body", |l| td_string!(l, review.terms_body), body, errors, true)}
            {terms_field(i18n, "effective_from", |l| td_string!(l, review.terms_effective), effective_from, errors, false)}
            <button type="submit" class="button button-primary" disabled=move || publish.pending().get()>{text!(i18n, review.terms_publish)}</button>
        </form>
    }
}

/// Who the register shows with a management role in the organisation, beside what the applicant
/// sent: a caseworker compares the two (documentation is for a representative the register
/// cannot show, never a way round one it does).
#[component]
fn RegisterRepresentatives(cvr: tilslut_api::Cvr) -> impl IntoView {
    let i18n = use_i18n();
    let lookup = use_session().client.resource(move |client| async move { client.lookup_organisation(&cvr).await });
    view! {
        <h2>{text!(i18n, review.register_representatives)}</h2>
        <p>{text!(i18n, review.register_representatives_lead)}</p>
        <div data-testid="register-representatives">
            {move || lookup.get().map(|found| match found {
                Ok(found) if found.representatives.is_empty() => view! { <p>{text!(i18n, review.register_no_representatives)}</p> }.into_any(),
                Ok(found) => view! {
                    <ul>
                        {found.representatives.into_iter().map(|r| view! { <li>{r.person.name}" – "{r.role}</li> }).collect_view()}
                    </ul>
                }.into_any(),
                Err(_) => view! { <p>{text!(i18n, review.register_unavailable)}</p> }.into_any(),
            })}
        </div>
    }
}
