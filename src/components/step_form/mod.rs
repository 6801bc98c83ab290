//! The form every step of a journey has: its field errors and where they show (the summary above
//! the heading, each field's message above the field, "Fejl: " before the page's title), the
//! heading, the save's failure, the fields and the button. Validation runs on submit, never on
//! blur, and what was typed stays.

use crate::api::ApiError;
use crate::components::error_summary::{field_messages, message_for, ErrorSummary};
use crate::components::problem_alert::ProblemAlert;
use crate::i18n::*;
use crate::title::use_title;
use leptos::prelude::*;
use tilslut_api::FieldError;

/// A step's field errors, and the title its page and heading share.
#[derive(Clone, Copy)]
pub struct StepForm {
    pub errors: RwSignal<Vec<FieldError>>,
    title: fn(Locale) -> &'static str,
}

impl StepForm {
    /// The form of the step called `title`, which names the page as well.
    pub fn new(title: fn(Locale) -> &'static str) -> Self {
        let errors = RwSignal::new(Vec::new());
        use_title(title, Signal::derive(move || !errors.get().is_empty()));
        StepForm { errors, title }
    }

    /// The message above `field`, in the person's language, while it has an error.
    pub fn message(self, field: &'static str) -> impl Fn() -> Option<String> + Copy + Send + Sync + 'static {
        let i18n = use_i18n();
        move || message_for(&self.errors.get(), field, i18n.get_locale())
    }

    /// Shows `problems`; true when there are none, and the step may be saved.
    pub fn accept(self, problems: Vec<FieldError>) -> bool {
        let valid = problems.is_empty();
        self.errors.set(problems);
        valid
    }

    /// A refusal that names fields shows on them, as the app's own check would (the server's rules
    /// are the same, but it has the last word); any other failure stays the save's.
    pub fn show_field_errors(self, saved: Result<(), ApiError>) -> Result<(), ApiError> {
        match saved {
            Err(ApiError::Problem(problem)) if !problem.errors.is_empty() => {
                self.errors.set(problem.errors);
                Ok(())
            }
            other => other,
        }
    }
}

/// The step's page below its step indicator: the error summary, the heading and `lead`, the save's
/// failure, what comes `before` the form, and the form with `children` as its fields.
#[component]
pub fn StepFormView(
    form: StepForm,
    #[prop(into)] failure: Signal<Option<ApiError>>,
    #[prop(into)] busy: Signal<bool>,
    on_submit: Callback<()>,
    #[prop(optional)] lead: Option<fn(Locale) -> &'static str>,
    /// The button's words: "Fortsæt" unless said otherwise.
    #[prop(optional)]
    submit_label: Option<fn(Locale) -> &'static str>,
    #[prop(optional)] class: &'static str,
    #[prop(optional)] before: Option<Children>,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let summary = Signal::derive(move || field_messages(&form.errors.get(), i18n.get_locale()));
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        on_submit.run(());
    };
    let label = move || match submit_label {
        Some(label) => label(i18n.get_locale()),
        None => td_string!(i18n.get_locale(), continue_button),
    };
    view! {
        <ErrorSummary errors=summary />
        <h1>{move || (form.title)(i18n.get_locale())}</h1>
        {lead.map(|lead| view! { <p class="font-lead">{move || lead(i18n.get_locale())}</p> })}
        {move || failure.get().map(|error| view! { <ProblemAlert error=error /> })}
        {before.map(|before| before())}
        <form on:submit=submit novalidate class=class>
            {children()}
            <button type="submit" class="button button-primary" disabled=move || busy.get()>{label}</button>
        </form>
    }
}

/// One choice of the radio group `name`, checked while `chosen` holds its `value`. The first
/// choice's id is the group's name, so the error summary's link reaches the group.
#[component]
pub fn RadioChoice(
    name: &'static str,
    index: usize,
    value: String,
    chosen: RwSignal<Option<String>>,
    #[prop(optional)] disabled: bool,
    children: Children,
) -> impl IntoView {
    let id = if index == 0 { name.to_string() } else { format!("{name}-{index}") };
    let checked = value.clone();
    view! {
        <li class="form-group-radio">
            <input type="radio" class="form-radio radio-large" name=name id=id.clone() disabled=disabled
                prop:checked=move || chosen.get().as_deref() == Some(checked.as_str())
                on:change=move |_| chosen.set(Some(value.clone())) />
            <label for=id>{children()}</label>
        </li>
    }
}

/// A radio group with its `legend`, `hint` and `error` above the choices, which may still be
/// loading (`children` inside a `Suspense`).
#[component]
pub fn RadioGroup(
    legend: fn(Locale) -> &'static str,
    hint: impl Fn(Locale) -> &'static str + Copy + Send + Sync + 'static,
    error: impl Fn() -> Option<String> + Copy + Send + Sync + 'static,
    children: ChildrenFn,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="form-group" class:form-error=move || error().is_some()>
            <fieldset>
                <legend class="form-label">{move || legend(i18n.get_locale())}</legend>
                <span class="form-hint">{move || hint(i18n.get_locale())}</span>
                <Show when=move || error().is_some()>
                    <span class="form-error-message">{error}</span>
                </Show>
                <Suspense fallback=move || view! { <p>{text!(i18n, loading)}</p> }>
                    <ul class="nobullet-list" role="list">{children()}</ul>
                </Suspense>
            </fieldset>
        </div>
    }
}
