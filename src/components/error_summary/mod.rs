//! The error summary above a page's heading (Det Fælles Designsystem, GOV.UK): it appears even
//! for one error, takes focus when it appears, and each line links to its field.

use crate::i18n::*;
use leptos::prelude::*;
use tilslut_api::{FieldCode, FieldError};

/// One error: the `id` of the field it belongs to and the message.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldMessage {
    pub field_id: String,
    pub message: String,
}

/// The element `id` of a field named as the API names it: `administrators.0.email` is
/// `administrators-0-email`.
pub fn field_dom_id(field: &str) -> String {
    field.replace('.', "-")
}

/// The words for a validation code of the shared rules (`tilslut_api::validation`).
pub fn field_error_text(code: FieldCode, locale: Locale) -> String {
    let text = match code {
        FieldCode::AdministratorsRequired => td_string!(locale, field_errors.administrators_required),
        FieldCode::NameRequired => td_string!(locale, field_errors.name_required),
        FieldCode::NameTooLong => td_string!(locale, field_errors.name_too_long),
        FieldCode::NameCharacters => td_string!(locale, field_errors.name_characters),
        FieldCode::NameMixedScripts => td_string!(locale, field_errors.name_mixed_scripts),
        FieldCode::AdministratorsTooMany => td_string!(locale, field_errors.administrators_too_many),
        FieldCode::EmailRequired => td_string!(locale, field_errors.email_required),
        FieldCode::EmailInvalid => td_string!(locale, field_errors.email_invalid),
        FieldCode::EmailDuplicate => td_string!(locale, field_errors.email_duplicate),
        FieldCode::CodeRequired => td_string!(locale, field_errors.code_required),
        FieldCode::CodeWrong => td_string!(locale, field_errors.code_wrong),
        FieldCode::CodeExpired => td_string!(locale, field_errors.code_expired),
        FieldCode::DateOfBirthRequired => td_string!(locale, field_errors.date_of_birth_required),
        FieldCode::DateInvalid => td_string!(locale, field_errors.date_invalid),
        FieldCode::DateOfBirthFuture => td_string!(locale, field_errors.date_of_birth_future),
        FieldCode::DateOfBirthImplausible => td_string!(locale, field_errors.date_of_birth_implausible),
        FieldCode::TermsRequired => td_string!(locale, field_errors.terms_required),
        FieldCode::CvrFormat => td_string!(locale, field_errors.cvr_format),
        FieldCode::CvrCheckDigit => td_string!(locale, field_errors.cvr_check_digit),
        FieldCode::OrganisationRequired => td_string!(locale, field_errors.organisation_required),
        FieldCode::FileType => td_string!(locale, field_errors.file_type),
        FieldCode::FileContent => td_string!(locale, field_errors.file_content),
        FieldCode::FileTooLarge => td_string!(locale, field_errors.file_too_large),
        FieldCode::FileEmpty => td_string!(locale, field_errors.file_empty),
        FieldCode::DocumentRequired => td_string!(locale, field_errors.document_required),
        FieldCode::ApproverRequired => td_string!(locale, field_errors.approver_required),
        FieldCode::ReasonRequired => td_string!(locale, field_errors.reason_required),
        FieldCode::ReasonTooLong => td_string!(locale, field_errors.reason_too_long),
        FieldCode::EffectiveFromTooSoon => td_string!(locale, field_errors.effective_from_too_soon),
        FieldCode::TermsTextRequired => td_string!(locale, field_errors.terms_text_required),
        FieldCode::TermsTextTooLong => td_string!(locale, field_errors.terms_text_too_long),
        FieldCode::StatedRoleRequired => td_string!(locale, field_errors.stated_role_required),
        FieldCode::StatedRoleTooLong => td_string!(locale, field_errors.stated_role_too_long),
        FieldCode::FileRequired
        | FieldCode::DocumentKindInvalid
        | FieldCode::ApproverNotRepresentative
        | FieldCode::VersionRequired
        | FieldCode::UnknownPerson
        | FieldCode::Unknown => td_string!(locale, field_errors.invalid),
    };
    text.to_string()
}

/// Field errors as the summary lists them.
pub fn field_messages(errors: &[FieldError], locale: Locale) -> Vec<FieldMessage> {
    errors
        .iter()
        .map(|error| FieldMessage { field_id: field_dom_id(&error.field), message: field_error_text(error.code, locale) })
        .collect()
}

/// The message for one field, if it has an error: shown above the field.
pub fn message_for(errors: &[FieldError], field: &str, locale: Locale) -> Option<String> {
    errors.iter().find(|e| e.field == field).map(|e| field_error_text(e.code, locale))
}

#[component]
pub fn ErrorSummary(#[prop(into)] errors: Signal<Vec<FieldMessage>>) -> impl IntoView {
    let i18n = use_i18n();
    let summary_ref = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if !errors.get().is_empty() {
            if let Some(summary) = summary_ref.get() {
                let _ = summary.focus();
            }
        }
    });
    view! {
        <Show when=move || !errors.get().is_empty()>
            <div class="alert alert-error tilslut-error-summary" role="alert" tabindex="-1" node_ref=summary_ref
                aria-labelledby="tilslut-error-summary-title">
                <div class="alert-body">
                    <h2 class="alert-heading" id="tilslut-error-summary-title">{text!(i18n, error_summary_title)}</h2>
                    <ul class="nobullet-list">
                        {move || errors.get().into_iter().map(|error| {
                            let target = format!("#{}", error.field_id);
                            let field_id = error.field_id.clone();
                            view! {
                                <li>
                                    <a href=target on:click=move |event| {
                                        event.prevent_default();
                                        if let Some(field) = document().get_element_by_id(&field_id) {
                                            use wasm_bindgen::JsCast;
                                            if let Ok(field) = field.dyn_into::<web_sys::HtmlElement>() {
                                                let _ = field.focus();
                                            }
                                        }
                                    }>{error.message}</a>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </div>
            </div>
        </Show>
    }
}
