//! The organisation administrators: rows of name, e-mail and date of birth, added and removed by
//! the person, checked by the shared rules before they are sent and again by the server.

use crate::components::error_summary::{field_dom_id, message_for};
use crate::i18n::*;
use leptos::prelude::*;
use tilslut_api::{Administrator, AdministratorInput, FieldError};

/// One row of the form. The key keeps a row's inputs (and the focus in them) in place when
/// another row is added or removed. Its values are reference-counted rather than owned by the
/// view that created them: a row added by a button must outlive that button.
#[derive(Clone)]
pub struct AdministratorRow {
    key: usize,
    name: ArcRwSignal<String>,
    email: ArcRwSignal<String>,
    date_of_birth: ArcRwSignal<String>,
    is_self: bool,
}

/// The rows being edited. Cheap to copy; the page owns it so that nothing typed is lost when a
/// save fails.
#[derive(Clone, Copy)]
pub struct AdministratorRows {
    rows: RwSignal<Vec<AdministratorRow>>,
    next_key: StoredValue<usize>,
}

impl AdministratorRows {
    pub fn new(existing: &[Administrator]) -> Self {
        let rows = AdministratorRows { rows: RwSignal::new(Vec::new()), next_key: StoredValue::new(0) };
        for admin in existing {
            rows.push(AdministratorInput::from(admin));
        }
        rows
    }

    pub fn push(&self, input: AdministratorInput) {
        let key = self.next_key.get_value();
        self.next_key.set_value(key + 1);
        let row = AdministratorRow {
            key,
            name: ArcRwSignal::new(input.name),
            email: ArcRwSignal::new(input.email),
            date_of_birth: ArcRwSignal::new(input.date_of_birth),
            is_self: input.is_self,
        };
        self.rows.update(|rows| rows.push(row));
    }

    fn remove(&self, key: usize) {
        self.rows.update(|rows| rows.retain(|row| row.key != key));
    }

    pub fn has_self(&self) -> bool {
        self.rows.with(|rows| rows.iter().any(|row| row.is_self))
    }

    /// What the person typed, as the API takes it.
    pub fn inputs(&self) -> Vec<AdministratorInput> {
        self.rows.with_untracked(|rows| {
            rows.iter()
                .map(|row| AdministratorInput {
                    name: row.name.get_untracked(),
                    email: row.email.get_untracked(),
                    date_of_birth: row.date_of_birth.get_untracked(),
                    is_self: row.is_self,
                })
                .collect()
        })
    }
}

/// The rows with their fields and errors, and buttons to add a person or oneself.
///
/// `me` pre-fills the row the person adds for themself with what the service knows of them.
#[component]
pub fn AdministratorForm(
    rows: AdministratorRows,
    #[prop(into)] errors: Signal<Vec<FieldError>>,
    #[prop(into)] me: Signal<AdministratorInput>,
) -> impl IntoView {
    let i18n = use_i18n();
    let list_error = move || message_for(&errors.get(), "administrators", i18n.get_locale());
    let add_other = move |_| rows.push(AdministratorInput::default());
    let add_self = move |_| rows.push(AdministratorInput { is_self: true, ..me.get_untracked() });
    view! {
        <div class="form-group" class:form-error=move || list_error().is_some() id="administrators" tabindex="-1">
            <Show when=move || list_error().is_some()>
                <span class="form-error-message">{list_error}</span>
            </Show>
            <p class="form-hint">{text!(i18n, admins.recommendation)}</p>
            <For each=move || rows.rows.get() key=|row| row.key let:row>
                <AdministratorFields rows=rows row=row errors=errors />
            </For>
            <div class="tilslut-button-row">
                <Show when=move || !rows.has_self()>
                    <button type="button" class="button button-secondary" on:click=add_self>{text!(i18n, admins.add_self)}</button>
                </Show>
                <button type="button" class="button button-secondary" on:click=add_other>{text!(i18n, admins.add_other)}</button>
            </div>
        </div>
    }
}

#[component]
fn AdministratorFields(rows: AdministratorRows, row: AdministratorRow, #[prop(into)] errors: Signal<Vec<FieldError>>) -> impl IntoView {
    let i18n = use_i18n();
    // The row's place now: the API names errors by position.
    let key = row.key;
    let index = Memo::new(move |_| rows.rows.with(|all| all.iter().position(|r| r.key == key).unwrap_or(0)));
    let field = move |name: &str| format!("administrators.{}.{name}", index.get());
    let is_self = row.is_self;
    let legend = move || {
        let number = index.get() + 1;
        if is_self {
            td_string!(i18n.get_locale(), admins.legend_self, number = number).to_string()
        } else {
            td_string!(i18n.get_locale(), admins.legend, number = number).to_string()
        }
    };
    let remove_label = move || td_string!(i18n.get_locale(), admins.remove, number = index.get() + 1).to_string();
    let text_field = move |name: &'static str, value: ArcRwSignal<String>, kind: &'static str, autocomplete: &'static str| {
        let shown = value.clone();
        let id = move || field_dom_id(&field(name));
        let hint_id = move || format!("{}-hint", id());
        let error = move || message_for(&errors.get(), &field(name), i18n.get_locale());
        let label = move || match name {
            "name" => td_string!(i18n.get_locale(), admins.name),
            "email" => td_string!(i18n.get_locale(), admins.email),
            _ => td_string!(i18n.get_locale(), admins.date_of_birth),
        };
        let hint = (name == "date_of_birth").then(|| view! { <span class="form-hint" id=hint_id>{text!(i18n, admins.date_hint)}</span> });
        view! {
            <div class="form-group" class:form-error=move || error().is_some()>
                <label class="form-label" for=id>{label}</label>
                {hint}
                <Show when=move || error().is_some()>
                    <span class="form-error-message">{error}</span>
                </Show>
                <input class="form-input" type=kind id=id name=id autocomplete=autocomplete
                    aria-invalid=move || error().is_some().to_string()
                    aria-describedby=(name == "date_of_birth").then_some(hint_id)
                    prop:value=move || shown.get()
                    on:input=move |event| value.set(event_target_value(&event)) />
            </div>
        }
    };
    view! {
        <fieldset class="tilslut-admin" data-testid="administrator">
            <legend class="h4">{legend}</legend>
            {text_field("name", row.name.clone(), "text", if row.is_self { "name" } else { "off" })}
            {text_field("email", row.email.clone(), "email", if row.is_self { "email" } else { "off" })}
            {text_field("date_of_birth", row.date_of_birth.clone(), "text", if row.is_self { "bday" } else { "off" })}
            <button type="button" class="button button-unstyled tilslut-remove" on:click=move |_| rows.remove(key)>
                {remove_label}
            </button>
        </fieldset>
    }
}
