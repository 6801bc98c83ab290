//! Journey C: an organisation the register cannot verify the person for sends proof of identity
//! and of affiliation for manual review, then follows the decision.

use crate::api::ApiError;
use crate::components::error_summary::message_for;
use crate::components::own_email::NeedsOwnEmail;
use crate::components::problem_alert::ProblemAlert;
use crate::components::step_form::{StepForm, StepFormView};
use crate::components::step_indicator::{Journey, StepIndicator, TilslutStep};
use crate::i18n::*;
use crate::navigation::{tell, use_navigation, JourneyEvents, JourneyPage, Link};
use crate::session::use_session;
use crate::title::use_title;
use leptos::prelude::*;
use tilslut_api::dates::format_date;
use tilslut_api::{AffiliationProof, Case, CaseStatus, DocumentKind, FieldCode, FieldError};

/// Journey C, last step: proof of identity and of the person's tie to the organisation, then
/// manual review.
/// Why a file cannot be sent, checked before sending with the limits the server applies.
fn check_file(file: &web_sys::File) -> Result<(), FieldCode> {
    if !tilslut_api::DOCUMENT_TYPES.contains(&file.type_().as_str()) {
        Err(FieldCode::FileType)
    } else if file.size() > tilslut_api::MAX_DOCUMENT_BYTES as f64 {
        Err(FieldCode::FileTooLarge)
    } else if file.size() == 0.0 {
        Err(FieldCode::FileEmpty)
    } else {
        Ok(())
    }
}

#[component]
pub fn DocumentationStep(case: Case) -> impl IntoView {
    let form = StepForm::new(|l| td_string!(l, wizard.documentation_title));
    let case = RwSignal::new(case);
    let client = use_session().client;
    let navigation = use_navigation();
    let events = JourneyEvents::of_host();
    let send = {
        let client = client.clone();
        Action::new_local(move |_: &()| {
            let client = client.clone();
            async move {
                let sent = client.submit(&case.get_untracked()).await.map(|sent| {
                    tell(events.case_submitted, &sent);
                    navigation.go_with_case(&JourneyPage::Status(sent.id.clone()).path(), sent);
                });
                form.show_field_errors(sent)
            }
        })
    };
    let session = use_session();
    let submit = Callback::new(move |()| {
        // Not sent before the address the decision goes to is confirmed: the summary leads there.
        if let Some(unconfirmed) = session.session().filter(|s| !s.email_confirmed) {
            let (field, code) = if unconfirmed.email_pending.is_some() {
                ("own-code", FieldCode::CodeRequired)
            } else {
                ("own-email", FieldCode::EmailRequired)
            };
            form.accept(vec![FieldError::new(field, code)]);
            return;
        }
        let missing: Vec<FieldError> = [DocumentKind::Identity, DocumentKind::Affiliation]
            .into_iter()
            .filter(|kind| !case.with_untracked(|c| c.documents.iter().any(|d| d.kind == *kind)))
            .map(|kind| FieldError::new(format!("documents.{}", kind.as_str()), FieldCode::DocumentRequired))
            .collect();
        if form.accept(missing) {
            send.dispatch(());
        }
    });
    view! {
        <StepIndicator current=TilslutStep::Documentation journey=Journey::Documentation />
        <StepFormView form=form lead=|l| td_string!(l, wizard.documentation_lead) submit_label=|l| td_string!(l, wizard.documentation_send)
            failure=Signal::derive(move || send.value().get().and_then(Result::err)) busy=send.pending() on_submit=submit>
            // The decision is mailed: the address first, confirmed, then the documents.
            <NeedsOwnEmail>
                <DocumentUpload case=case kind=DocumentKind::Identity errors=form.errors />
                <DocumentUpload case=case kind=DocumentKind::Affiliation errors=form.errors />
            </NeedsOwnEmail>
        </StepFormView>
    }
}

/// One document: the file field, its progress while it uploads, and the file the server has.
#[component]
fn DocumentUpload(case: RwSignal<Case>, kind: DocumentKind, errors: RwSignal<Vec<FieldError>>) -> impl IntoView {
    let i18n = use_i18n();
    let client = use_session().client;
    let field = format!("documents.{}", kind.as_str());
    let id = crate::components::error_summary::field_dom_id(&field);
    let hint_id = format!("{id}-hint");
    let form = case.with_untracked(|c| c.organisation.form);
    let progress = RwSignal::new(None::<u8>);
    let failure = RwSignal::new(None::<ApiError>);
    // A file refused on the way is this field's alone, named by its file: the page's summary
    // lists only what stops the sending.
    let refused = RwSignal::new(None::<(String, FieldCode)>);
    let error_field = field.clone();
    let error = Memo::new(move |_| match refused.get() {
        Some((file, code)) => {
            let message = message_for(&[FieldError::new(error_field.clone(), code)], &error_field, i18n.get_locale());
            message.map(|message| format!("{file}: {message}"))
        }
        None => message_for(&errors.get(), &error_field, i18n.get_locale()),
    });
    let uploaded = move || case.with(|c| c.documents.iter().rev().find(|d| d.kind == kind).cloned());
    let set_error = {
        let field = field.clone();
        move |refusal: Option<(String, FieldCode)>| {
            errors.update(|all| all.retain(|e| e.field != field));
            refused.set(refusal);
        }
    };
    let on_change = move |event: leptos::ev::Event| {
        use wasm_bindgen::JsCast;
        let input: web_sys::HtmlInputElement = event.target().unwrap().unchecked_into();
        let Some(file) = input.files().and_then(|files| files.get(0)) else { return };
        if let Err(code) = check_file(&file) {
            set_error(Some((file.name(), code)));
            return;
        }
        set_error(None);
        failure.set(None);
        progress.set(Some(0));
        let (client, set_error) = (client.clone(), set_error.clone());
        leptos::task::spawn_local(async move {
            let result = client.upload_document(&case.get_untracked(), kind, &file, move |p| progress.set(Some(p))).await;
            progress.set(None);
            match result {
                Ok(updated) => case.set(updated),
                Err(ApiError::Problem(problem)) if problem.status == 413 => set_error(Some((file.name(), FieldCode::FileTooLarge))),
                Err(ApiError::Problem(problem)) if !problem.errors.is_empty() => set_error(Some((file.name(), problem.errors[0].code))),
                Err(other) => failure.set(Some(other)),
            }
        });
    };
    let label = move || match kind {
        DocumentKind::Identity => td_string!(i18n.get_locale(), wizard.documentation_identity),
        DocumentKind::Affiliation => td_string!(i18n.get_locale(), wizard.documentation_affiliation),
    };
    let hint = move || match kind {
        DocumentKind::Identity => td_string!(i18n.get_locale(), wizard.documentation_identity_hint),
        DocumentKind::Affiliation => match form.affiliation_proof() {
            AffiliationProof::CompanyRole => td_string!(i18n.get_locale(), wizard.documentation_proof_company),
            AffiliationProof::AssociationBoard => td_string!(i18n.get_locale(), wizard.documentation_proof_association),
            AffiliationProof::FoundationBoard => td_string!(i18n.get_locale(), wizard.documentation_proof_foundation),
            AffiliationProof::AuthorityMandate => td_string!(i18n.get_locale(), wizard.documentation_proof_authority),
        },
    };
    view! {
        <div class="form-group" class:form-error=move || error.get().is_some() data-testid=format!("upload-{}", kind.as_str())>
            <label class="form-label" for=id.clone()>{label}</label>
            <span class="form-hint" id=hint_id.clone()>{hint}" "{text!(i18n, wizard.documentation_limits)}</span>
            <Show when=move || error.get().is_some()>
                <span class="form-error-message">{move || error.get()}</span>
            </Show>
            <input type="file" class="form-file-input" id=id name=field accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
                aria-describedby=hint_id aria-invalid=move || error.get().is_some().to_string() on:change=on_change />
            {move || progress.get().map(|percent| view! {
                <p role="status">
                    <label>{text!(i18n, wizard.documentation_uploading)}" "<progress max="100" value=percent>{format!("{percent} %")}</progress></label>
                </p>
            })}
            {move || uploaded().map(|document| view! {
                <p class="tilslut-uploaded" data-testid="uploaded">
                    {text!(i18n, wizard.documentation_uploaded)}" "<strong>{document.file_name.clone()}</strong>
                    {format!(" ({} KB)", document.size.div_ceil(1024))}
                </p>
            })}
            {move || failure.get().map(|error| view! { <ProblemAlert error=error /> })}
        </div>
    }
}

/// A case in manual review: when to expect a decision, and the decision once it is made.
#[component]
pub fn CaseStatusPage(case: Case) -> impl IntoView {
    let i18n = use_i18n();
    use_title(|l| td_string!(l, wizard.status_title), Signal::stored(false));
    let body = match case.status {
        CaseStatus::Approved => view! {
            <p>{text!(i18n, wizard.status_approved)}</p>
            <Link href=JourneyPage::Receipt(case.id.clone()).path() class="button button-primary">{text!(i18n, wizard.status_see_receipt)}</Link>
        }
        .into_any(),
        CaseStatus::Rejected => {
            let reason = case.rejection_reason.clone().unwrap_or_default();
            view! {
                <div class="alert alert-error" role="status"><div class="alert-body">
                    <p class="alert-text">{text!(i18n, wizard.status_rejected)}</p>
                    <p class="alert-text" data-testid="rejection-reason">{reason}</p>
                </div></div>
                <Link href=JourneyPage::Organisation.path() class="button button-primary">{text!(i18n, wizard.status_start_again)}</Link>
            }
            .into_any()
        }
        _ => {
            let due = case.decision_due.map(format_date).unwrap_or_default();
            view! {
                <p class="font-lead" data-testid="awaiting">{t!(i18n, wizard.status_waiting, date = move || due.clone())}</p>
                <p>{text!(i18n, wizard.status_come_back)}</p>
            }
            .into_any()
        }
    };
    let name = case.organisation.name.clone();
    view! {
        <h1>{text!(i18n, wizard.status_title)}</h1>
        <p>{move || name.clone()}{format!(" (CVR {})", case.organisation.cvr)}</p>
        {body}
    }
}
