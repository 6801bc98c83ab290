//! Where the person is in "Tilslut", and where "Tilslut" is in the whole process (Det Fælles
//! Designsystem's step indicator). It shows progress; it is not a way to navigate, so no step is a
//! link. The summary is the last step; the receipt is not a step.

use crate::i18n::*;
use leptos::prelude::*;
use tilslut_api::CaseRole;

/// Which way through "Tilslut" the person is going: their steps differ.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Journey {
    /// A representative the register confirms (journey A).
    #[default]
    Connect,
    /// An organisation connected on documentation, reviewed by hand (journey C).
    Documentation,
    /// An anmelder preparing it for a representative to approve (journey B).
    Prepare,
}

impl Journey {
    pub fn of(role: CaseRole) -> Journey {
        match role {
            CaseRole::Representative => Journey::Connect,
            CaseRole::Documentation => Journey::Documentation,
            CaseRole::Anmelder => Journey::Prepare,
        }
    }
}

/// The steps of "Tilslut", in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TilslutStep {
    Organisation,
    /// The anmelder chooses the representative who must approve.
    Approver,
    Terms,
    Administrators,
    Summary,
    /// The anmelder's summary, sent to the representative for approval.
    SendForApproval,
    /// Instead of the summary, for an organisation connected on documentation (journey C).
    Documentation,
}

impl TilslutStep {
    /// The steps of a journey in order; the last is the summary, or the documentation on that path.
    pub fn all(journey: Journey) -> [TilslutStep; 4] {
        use TilslutStep::*;
        match journey {
            Journey::Connect => [Organisation, Terms, Administrators, Summary],
            Journey::Documentation => [Organisation, Terms, Administrators, Documentation],
            Journey::Prepare => [Organisation, Approver, Administrators, SendForApproval],
        }
    }

    pub fn title(self, locale: Locale) -> &'static str {
        match self {
            TilslutStep::Organisation => td_string!(locale, steps.organisation),
            TilslutStep::Approver => td_string!(locale, steps.approver),
            TilslutStep::Terms => td_string!(locale, steps.terms),
            TilslutStep::Administrators => td_string!(locale, steps.administrators),
            TilslutStep::Summary => td_string!(locale, steps.summary),
            TilslutStep::SendForApproval => td_string!(locale, steps.send_for_approval),
            TilslutStep::Documentation => td_string!(locale, steps.documentation),
        }
    }
}

/// Stage 2 of 4 ("Tilslut") and the step `current` of the `journey`'s steps.
#[component]
pub fn StepIndicator(current: TilslutStep, #[prop(optional)] journey: Journey) -> impl IntoView {
    let i18n = use_i18n();
    let steps = TilslutStep::all(journey);
    let position = steps.iter().position(|s| *s == current).unwrap_or(0) + 1;
    view! {
        <div class="tilslut-steps">
            <ol class="tilslut-stages" aria-label=move || td_string!(i18n.get_locale(), steps.stages_label)>
                <li class="tilslut-stage-done">{text!(i18n, steps.stage_prepare)}</li>
                <li class="tilslut-stage-current" aria-current="step">{text!(i18n, steps.stage_connect)}</li>
                <li>{text!(i18n, steps.stage_frame)}</li>
                <li>{text!(i18n, steps.stage_users)}</li>
            </ol>
            <p class="step-subheading" data-testid="stage">
                {t!(i18n, steps.stage, number = move || position, total = move || steps.len())}
            </p>
            <ol class="step-indicator" aria-label=move || td_string!(i18n.get_locale(), steps.label)>
                {steps.into_iter().enumerate().map(|(index, step)| {
                    let state = index.cmp(&(position - 1));
                    view! {
                        <li class:current=state.is_eq() class:disabled=state.is_gt()
                            aria-current=state.is_eq().then_some("step")>
                            <div class="step">
                                <span class="step-number" aria-hidden="true"><span>{
                                    if state.is_lt() { "✓".to_string() } else { (index + 1).to_string() }
                                }</span></span>
                                <div>
                                    <span class="step-title">{move || step.title(i18n.get_locale())}</span>
                                    <span class="tilslut-visually-hidden">{move || match state {
                                        std::cmp::Ordering::Less => td_string!(i18n.get_locale(), steps.done),
                                        std::cmp::Ordering::Equal => td_string!(i18n.get_locale(), steps.current),
                                        std::cmp::Ordering::Greater => td_string!(i18n.get_locale(), steps.todo),
                                    }}</span>
                                </div>
                            </div>
                        </li>
                    }
                }).collect_view()}
            </ol>
        </div>
    }
}
