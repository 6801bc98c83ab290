//! Where the journeys' pages are and how they move on. In the app that is the browser's address,
//! kept by `leptos_router`; embedded in a host page, an address of their own in memory, so the
//! host's URL, history and router are left alone.

use crate::api::ApiError;
use leptos::prelude::*;
use tilslut_api::Case;

pub use tilslut_api::pages::{JourneyPage, ACCESSIBILITY, HOME, RETURN_KEY, RETURN_TO_SUMMARY};

/// The current address of the journeys and the way to another one.
#[derive(Clone, Copy)]
pub struct Navigation {
    /// The path with its query, as in `/tilslut/42/vilkaar?tilbage=opsummering`.
    url: Signal<String>,
    go: Callback<(String, bool)>,
    in_memory: bool,
    /// The case a page has just saved, for the page it moves on to (see `go_with_case`).
    handed: StoredValue<Option<Case>>,
}

impl Navigation {
    /// Follows the browser's address through the app's `<Router>`.
    pub fn from_router() -> Self {
        let location = leptos_router::hooks::use_location();
        let navigate = leptos_router::hooks::use_navigate();
        Navigation {
            // The router's search comes without its `?`.
            url: Signal::derive(move || {
                let search = location.search.get();
                let separator = if search.is_empty() { "" } else { "?" };
                format!("{}{separator}{search}", location.pathname.get())
            }),
            go: Callback::new(move |(to, replace): (String, bool)| {
                navigate(&to, leptos_router::NavigateOptions { replace, ..Default::default() })
            }),
            in_memory: false,
            handed: StoredValue::new(None),
        }
    }

    /// An address of its own, starting at `start`.
    pub fn in_memory(start: impl Into<String>) -> Self {
        let url = RwSignal::new(start.into());
        let go = Callback::new(move |(to, _replace): (String, bool)| url.set(to));
        Navigation { url: url.into(), go, in_memory: true, handed: StoredValue::new(None) }
    }

    /// Goes to `to`, a path of the app with or without a query.
    pub fn go(&self, to: &str) {
        self.handed.set_value(None);
        self.move_to(to, false);
    }

    /// Goes to `to` in place of the current address (no history entry).
    pub fn replace(&self, to: &str) {
        self.handed.set_value(None);
        self.move_to(to, true);
    }

    /// Goes to `to`, a page of `case`, with the case as the server has just returned it from a
    /// save: that page shows it at once instead of asking the server again, sparing a request,
    /// a "loading" flash and most of a wizard step's wait.
    pub fn go_with_case(&self, to: &str, case: Case) {
        self.handed.set_value(Some(case));
        self.move_to(to, false);
    }

    /// The case handed over by the move to this page, if it is case `id`. Taken once: any later
    /// visit asks the server.
    pub fn take_case(&self, id: &str) -> Option<Case> {
        self.handed.try_update_value(Option::take).flatten().filter(|case| case.id == id)
    }

    /// Moves in a task of its own: the page that asks is disposed by the move, and the action
    /// that asked still has to store its result first.
    fn move_to(&self, to: &str, replace: bool) {
        let (go, to) = (self.go, to.to_string());
        leptos::task::spawn_local(async move { go.run((to, replace)) });
    }

    /// The current path, without the query (tracked).
    pub fn path(&self) -> String {
        self.url.with(|url| url.split('?').next().unwrap_or_default().to_string())
    }

    /// Where a trip away from the app (to the identity provider) comes back to: this page of the
    /// app, or, embedded, the host's page.
    pub fn address_to_return_to(&self) -> String {
        if self.in_memory {
            let location = window().location();
            location.pathname().unwrap_or_default()
        } else {
            self.path()
        }
    }

    /// The value of `key` in the current query, untracked: a page reads it once when it opens.
    pub fn query(&self, key: &str) -> Option<String> {
        self.url.with_untracked(|url| query_value(url, key))
    }
}

fn query_value(url: &str, key: &str) -> Option<String> {
    let (_, query) = url.split_once('?')?;
    query.split('&').filter_map(|pair| pair.split_once('=')).find(|(k, _)| *k == key).map(|(_, v)| v.to_string())
}

/// Gives the components below an address in memory, starting at `start`, and the host's callbacks.
pub(crate) fn provide_journey(start: String, events: JourneyEvents) {
    provide_context(Navigation::in_memory(start));
    provide_context(events);
}

pub fn use_navigation() -> Navigation {
    expect_context::<Navigation>()
}

/// A link to a page of the journeys. The app's router follows it as any link; in memory the click
/// moves the component's own address instead of the page's.
#[component]
pub fn Link(#[prop(into)] href: String, #[prop(optional, into)] class: Option<String>, children: Children) -> impl IntoView {
    let navigation = use_navigation();
    let to = href.clone();
    let follow = move |event: leptos::ev::MouseEvent| {
        let plain = event.button() == 0 && !(event.ctrl_key() || event.meta_key() || event.shift_key() || event.alt_key());
        if navigation.in_memory && plain {
            event.prevent_default();
            navigation.go(&to);
        }
    };
    view! { <a href=href class=class on:click=follow>{children()}</a> }
}

/// What a host hears of the journeys: the callbacks of the embedded components. The app has none.
#[derive(Clone, Copy, Default)]
pub struct JourneyEvents {
    pub case_submitted: Option<Callback<Case>>,
    pub case_approved: Option<Callback<Case>>,
    pub case_rejected: Option<Callback<Case>>,
    pub error: Option<Callback<ApiError>>,
}

impl JourneyEvents {
    /// The host's callbacks, or none (the app). Asked when a page opens: the moment to tell
    /// comes later, in a task that no longer knows the page's context.
    pub(crate) fn of_host() -> Self {
        use_context::<JourneyEvents>().unwrap_or_default()
    }
}

/// Tells the host `value` through `callback`, if it gave one.
pub(crate) fn tell<T: Clone + Send + Sync + 'static>(callback: Option<Callback<T>>, value: &T) {
    if let Some(callback) = callback {
        callback.run(value.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::Navigation;
    use tilslut_api::{Case, CaseRole, CaseStatus, CompanyForm, Cvr, Organisation, PersonRef};

    fn case(id: &str) -> Case {
        let organisation = Organisation {
            cvr: Cvr::with_check_digit(1374813).unwrap(),
            name: "Havnens Rederi ApS".into(),
            form: CompanyForm::Anpartsselskab,
            connected: false,
        };
        Case {
            id: id.into(),
            version: 1,
            organisation,
            status: CaseStatus::Draft,
            role: CaseRole::Representative,
            started_by: PersonRef { id: "p".into(), name: "Lars Nielsen".into() },
            approver: None,
            terms: None,
            administrators: Vec::new(),
            setup: Vec::new(),
            approval: None,
            rejection_reason: None,
            decision_due: None,
            documents: Vec::new(),
            stated_role: None,
            review_conflict: None,
            history: Vec::new(),
            earlier_history: 0,
            created_at: Default::default(),
            updated_at: Default::default(),
        }
    }

    #[wasm_bindgen_test::wasm_bindgen_test]
    fn a_saved_case_is_handed_to_the_next_page_of_that_case_once() {
        let _ = any_spawner::Executor::init_wasm_bindgen();
        let navigation = Navigation::in_memory("/tilslut/c-1/vilkaar");

        navigation.go_with_case("/tilslut/c-1/administratorer", case("c-1"));
        assert_eq!(navigation.take_case("c-1").map(|c| c.id), Some("c-1".to_string()));
        assert_eq!(navigation.take_case("c-1"), None, "taken once: a later visit asks the server");

        navigation.go_with_case("/tilslut/c-1/administratorer", case("c-1"));
        assert_eq!(navigation.take_case("c-2"), None, "only for its own case");

        navigation.go_with_case("/tilslut/c-1/administratorer", case("c-1"));
        navigation.go("/forberedelser");
        assert_eq!(navigation.take_case("c-1"), None, "a plain move hands nothing over");
    }
}
