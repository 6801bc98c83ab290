//! The start page's lists for the person logged in: preparations waiting for their approval, and
//! their own cases of every kind (a connection, a preparation, documentation), where each stands
//! and where it goes on. One request for both.

use super::case_page::use_my_id;
use super::prepare::CaseStatusText;
use crate::dates::local_time;
use crate::i18n::*;
use crate::navigation::{JourneyPage, Link};
use crate::session::use_session;
use leptos::prelude::*;
use tilslut_api::{Case, CaseRole, CaseStatus};

/// Where the person goes on with their own case; a closed connection goes nowhere.
fn where_it_goes_on(case: &Case) -> Option<JourneyPage> {
    let id = case.id.clone();
    match case.role {
        CaseRole::Anmelder if case.status == CaseStatus::Approved => Some(JourneyPage::Receipt(id)),
        CaseRole::Anmelder => Some(JourneyPage::PrepareSummary(id)),
        _ if case.status == CaseStatus::Withdrawn => None,
        _ => Some(JourneyPage::Resume(id)),
    }
}

fn kind(role: CaseRole, locale: Locale) -> &'static str {
    match role {
        CaseRole::Representative => td_string!(locale, home_kind_representative),
        CaseRole::Anmelder => td_string!(locale, home_kind_anmelder),
        CaseRole::Documentation => td_string!(locale, home_kind_documentation),
    }
}

#[component]
pub fn YourCases() -> impl IntoView {
    let i18n = use_i18n();
    let client = use_session().client;
    let me = use_my_id();
    let cases = client.resource(move |client| {
        // Tracked: asked again when another person logs in.
        let me = me.get().unwrap_or_default();
        async move { (client.cases().await.unwrap_or_default(), me) }
    });
    let lists = move || {
        cases.get().map(|(all, me)| {
            let waiting: Vec<Case> = all
                .iter()
                .filter(|c| c.status == CaseStatus::AwaitingApproval && c.approver.as_ref().is_some_and(|a| a.id == me))
                .cloned()
                .collect();
            let own: Vec<Case> = all.into_iter().filter(|c| c.started_by.id == me).collect();
            view! {
                {(!waiting.is_empty()).then(|| view! {
                    <section aria-labelledby="awaiting-heading" data-testid="awaiting-approval">
                        <h2 id="awaiting-heading">{text!(i18n, approval.awaiting_title)}</h2>
                        <ul class="nobullet-list">
                            {waiting.into_iter().map(|case| {
                                let text = format!("{} – {}", case.organisation.name, case.started_by.name);
                                view! { <li><Link href=JourneyPage::Approval(case.id.clone()).path()>{text}</Link></li> }
                            }).collect_view()}
                        </ul>
                    </section>
                })}
                {(!own.is_empty()).then(|| view! {
                    <section aria-labelledby="cases-heading">
                        <h2 id="cases-heading">{text!(i18n, home_cases_title)}</h2>
                        <table class="table" data-testid="my-cases">
                            <thead><tr>
                                <th scope="col">{text!(i18n, summary.organisation)}</th>
                                <th scope="col">{text!(i18n, home_case_kind)}</th>
                                <th scope="col">{text!(i18n, prepare.status)}</th>
                                <th scope="col">{text!(i18n, prepare.changed)}</th>
                            </tr></thead>
                            <tbody>
                                {own.into_iter().map(|case| {
                                    let name = case.organisation.name.clone();
                                    let organisation = match where_it_goes_on(&case) {
                                        Some(page) => view! { <Link href=page.path()>{name}</Link> }.into_any(),
                                        None => name.into_any(),
                                    };
                                    let role = case.role;
                                    view! {
                                        <tr>
                                            <td>{organisation}</td>
                                            <td>{move || kind(role, i18n.get_locale())}</td>
                                            <td><CaseStatusText case=case.clone() /></td>
                                            <td>{local_time(case.updated_at)}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </section>
                })}
            }
        })
    };
    view! { <Suspense fallback=|| ()>{lists}</Suspense> }
}
