//! "Tjek dine svar": every answer of a case, each with a link to change it.

use crate::i18n::*;
use leptos::prelude::*;
use tilslut_api::dates::format_date;
use tilslut_api::Case;

/// Where each section's change link goes, or `None` for a summary without them (a receipt).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ChangeLinks {
    pub organisation: Option<String>,
    pub terms: Option<String>,
    pub administrators: Option<String>,
}

#[component]
pub fn CaseSummary(#[prop(into)] case: Signal<Case>, #[prop(optional, into)] change: ChangeLinks) -> impl IntoView {
    let i18n = use_i18n();
    let row = move |key: &'static str, value: AnyView, href: Option<String>| {
        let label = move || match key {
            "organisation" => td_string!(i18n.get_locale(), summary.organisation),
            "terms" => td_string!(i18n.get_locale(), summary.terms),
            _ => td_string!(i18n.get_locale(), summary.administrators),
        };
        view! {
            <div class="tilslut-summary-row" data-testid=format!("summary-{key}")>
                <dt>{label}</dt>
                <dd>{value}</dd>
                <dd class="tilslut-summary-action">
                    {href.map(|href| view! {
                        <a href=href>{text!(i18n, summary.change)}<span class="tilslut-visually-hidden">" "{label}</span></a>
                    })}
                </dd>
            </div>
        }
    };
    view! {
        <dl class="tilslut-summary">
            {move || {
                let case = case.get();
                let organisation = &case.organisation;
                let organisation_view = view! {
                    {organisation.name.clone()}<br />
                    {format!("CVR {}", organisation.cvr)}<br />
                    {organisation.form.abbreviation()}
                }.into_any();
                let terms_view = match &case.terms {
                    Some(terms) => {
                        let version = terms.version.clone();
                        t!(i18n, summary.terms_accepted, version = move || version.clone()).into_any()
                    }
                    None => text!(i18n, summary.terms_missing).into_any(),
                };
                let admins_view = view! {
                    <ul class="nobullet-list">
                        {case.administrators.iter().map(|admin| view! {
                            <li>{format!("{} – {} – {}", admin.name, admin.email, format_date(admin.date_of_birth))}</li>
                        }).collect_view()}
                    </ul>
                }.into_any();
                view! {
                    {row("organisation", organisation_view, change.organisation.clone())}
                    {row("terms", terms_view, change.terms.clone())}
                    {row("administrators", admins_view, change.administrators.clone())}
                }
            }}
        </dl>
    }
}
