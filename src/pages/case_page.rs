//! What the pages of a case share: the case itself (handed over by the step before, or loaded),
//! where its steps are for the person looking, and where a step goes after saving.

use crate::components::problem_alert::ProblemAlert;
use crate::i18n::*;
use crate::navigation::{use_navigation, JourneyPage, RETURN_KEY, RETURN_TO_SUMMARY};
use crate::session::{use_session, SessionState};
use leptos::prelude::*;
use tilslut_api::{Case, CaseRole, CaseStatus};

/// A step that another step moves on to after saving.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CaseStep {
    Administrators,
    Summary,
    Documentation,
}

/// Shows `render` with the case `id` (from the address): the one the previous step has just saved
/// and handed over (`Navigation::go_with_case`), or else loaded from the server, or why it cannot.
pub fn with_case<V: IntoView + 'static>(id: String, render: impl Fn(Case) -> V + Send + Sync + 'static) -> AnyView {
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

/// The first page the case still needs, given the terms in force now.
pub fn first_unfinished(case: &Case, current_terms_version: &str) -> JourneyPage {
    let id = case.id.clone();
    let documentation = case.role == CaseRole::Documentation;
    if case.status == CaseStatus::Approved {
        JourneyPage::Receipt(id)
    } else if documentation && case.status != CaseStatus::Draft {
        JourneyPage::Status(id)
    } else if case.terms.as_ref().map(|t| t.version.as_str()) != Some(current_terms_version) {
        JourneyPage::Terms(id)
    } else if case.administrators.is_empty() {
        JourneyPage::Administrators(id)
    } else if documentation {
        JourneyPage::Documentation(id)
    } else {
        JourneyPage::Summary(id)
    }
}

/// Where a step of a case lives for the person looking at it: a representative's own connection
/// under `/tilslut`, a preparation under `/forbered` for its anmelder, and under `/godkend` (its
/// summary being the approval page itself) for the representative who reviews it.
pub fn case_step(case: &Case, viewer: &str, step: CaseStep) -> JourneyPage {
    let id = case.id.clone();
    let preparation = case.role == CaseRole::Anmelder;
    let preparer = preparation && case.started_by.id == viewer;
    match step {
        CaseStep::Administrators if preparer => JourneyPage::PrepareAdministrators(id),
        CaseStep::Administrators if preparation => JourneyPage::ApprovalAdministrators(id),
        CaseStep::Administrators => JourneyPage::Administrators(id),
        CaseStep::Summary if preparer => JourneyPage::PrepareSummary(id),
        CaseStep::Summary if preparation => JourneyPage::Approval(id),
        CaseStep::Summary => JourneyPage::Summary(id),
        CaseStep::Documentation => JourneyPage::Documentation(id),
    }
}

/// Where a step goes after saving: back to the summary when the person came from its change
/// link, otherwise on to the next step. Steps open only once the session is known
/// (`pages::view`), so who is looking is known when they do.
pub fn after_save(case: &Case, next: CaseStep) -> String {
    let back_to_summary = use_navigation().query(RETURN_KEY).as_deref() == Some(RETURN_TO_SUMMARY);
    let viewer = match use_session().state.get_untracked() {
        SessionState::LoggedIn(session) => session.person.id,
        _ => String::new(),
    };
    case_step(case, &viewer, if back_to_summary { CaseStep::Summary } else { next }).path()
}

/// The id of the person logged in, once the session has loaded; `None` until then.
pub fn use_my_id() -> Memo<Option<String>> {
    let session = use_session();
    Memo::new(move |_| session.session().map(|s| s.person.id))
}
