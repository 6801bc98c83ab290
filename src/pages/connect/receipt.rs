//! After approval: the reference, what happens next, the e-mails sent and how each administrator
//! stands with their set-up link (a new one for a link that expired unused), and a printable
//! record. Not a step: the connection is done.

use crate::api::ApiError;
use crate::components::case_summary::CaseSummary;
use crate::components::problem_alert::ProblemAlert;
use crate::dates::{local_time, today};
use crate::i18n::*;
use crate::session::use_session;
use crate::title::use_title;
use leptos::prelude::*;
use tilslut_api::dates::format_date;
use tilslut_api::{Administrator, Case};

/// How administrator `admin`'s set-up link stands, as the representative follows it: confirmed,
/// waiting and until when, or expired unused with a way to send a new one.
#[component]
fn SetupState(admin: Administrator, case: RwSignal<Case>, renewed: RwSignal<Option<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let client = use_session().client;
    let renew = Action::new_local(move |email: &String| {
        let (client, shown, email) = (client.clone(), case.get_untracked(), email.clone());
        async move {
            let changed = client.renew_setup_link(&shown, &email).await?;
            case.set(changed);
            renewed.set(Some(email));
            Ok::<_, ApiError>(())
        }
    });
    let email = admin.email.clone();
    let link = move || case.with(|c| c.setup.iter().find(|s| s.email == email).cloned());
    let email = admin.email;
    move || match link() {
        Some(setup) if setup.confirmed_at.is_some() => text!(i18n, wizard.receipt_admin_confirmed).into_any(),
        Some(setup) if setup.expires_on < today() => {
            let (until, email) = (format_date(setup.expires_on), email.clone());
            view! {
                {t!(i18n, wizard.receipt_admin_expired, date = move || until.clone())}" "
                <button type="button" class="button button-secondary" data-testid="renew-link"
                    disabled=move || renew.pending().get() on:click=move |_| { renew.dispatch(email.clone()); }>
                    {text!(i18n, wizard.receipt_renew)}
                </button>
                {move || renew.value().get().and_then(Result::err).map(|error| view! { <ProblemAlert error=error /> })}
            }
            .into_any()
        }
        Some(setup) => {
            let until = format_date(setup.expires_on);
            t!(i18n, wizard.receipt_admin_waiting, date = move || until.clone()).into_any()
        }
        None => ().into_any(),
    }
}

#[component]
pub fn Receipt(case: Case) -> impl IntoView {
    let i18n = use_i18n();
    use_title(|l| td_string!(l, wizard.receipt_title), Signal::stored(false));
    let Some(approval) = case.approval.clone() else {
        return view! { <ProblemAlert error=ApiError::Unexpected(td_string!(i18n.get_locale_untracked(), wizard.receipt_not_approved).to_string()) /> }.into_any();
    };
    let approved_at = local_time(approval.approved_at);
    let admins = case.administrators.clone();
    let shown = RwSignal::new(case.clone());
    let renewed = RwSignal::new(None::<String>);
    view! {
        <div class="alert alert-success" role="status">
            <div class="alert-body">
                <h1 class="alert-heading">{text!(i18n, wizard.receipt_title)}</h1>
                <p class="alert-text">{{ let (name, cvr) = (case.organisation.name.clone(), case.organisation.cvr.to_string()); t!(i18n, wizard.receipt_lead, name = move || name.clone(), cvr = move || cvr.clone()) }}</p>
                <p class="alert-text">{text!(i18n, wizard.receipt_reference)}" "<strong data-testid="reference">{approval.reference.clone()}</strong></p>
            </div>
        </div>
        <h2>{text!(i18n, wizard.receipt_next_title)}</h2>
        <ol>
            <li>{text!(i18n, wizard.receipt_next_mail)}</li>
            <li>{t!(i18n, wizard.receipt_next_admins, days = || tilslut_api::SETUP_LINK_DAYS)}</li>
            <li>{text!(i18n, wizard.receipt_next_frame)}</li>
        </ol>
        <h2>{text!(i18n, wizard.receipt_mails_title)}</h2>
        <ul data-testid="mails">
            <li>{{ let name = approval.approved_by.name.clone(); t!(i18n, wizard.receipt_mail_receipt, name = move || name.clone()) }}</li>
            {admins.into_iter().map(|admin| view! {
                <li>
                    {{ let (name, email) = (admin.name.clone(), admin.email.clone()); t!(i18n, wizard.receipt_mail_admin, name = move || name.clone(), email = move || email.clone()) }}
                    " "<span data-testid="setup-state"><SetupState admin=admin case=shown renewed=renewed /></span>
                </li>
            }).collect_view()}
        </ul>
        <p role="status" data-testid="link-renewed">
            {move || renewed.get().map(|email| td_string!(i18n.get_locale(), wizard.receipt_renewed, email = email).to_string())}
        </p>
        <h2>{text!(i18n, wizard.receipt_record_title)}</h2>
        <CaseSummary case=Signal::stored(case) />
        <p>{t!(i18n, wizard.receipt_signed, time = move || approved_at.clone())}</p>
        <p class="tilslut-signing-box">{approval.signing_text.clone()}</p>
        <button type="button" class="button button-secondary tilslut-no-print" on:click=|_| { let _ = window().print(); }>{text!(i18n, print)}</button>
    }
    .into_any()
}
