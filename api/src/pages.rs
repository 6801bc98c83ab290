//! The app's addresses, one table for both sides: the app's router and its embedded components
//! move between them, and the server links to them in e-mails, redirects to them after a login,
//! and serves the follow-up bundle for theirs. The API's own paths are in [`crate::paths`].

/// The app's start page, outside the journeys.
pub const HOME: &str = "/";
/// The accessibility statement (tilgængelighedserklæring), outside the journeys.
pub const ACCESSIBILITY: &str = "/tilgaengelighed";
/// The caseworker's queue; their other pages are below it ([`ReviewPage`]).
pub const REVIEW_QUEUE: &str = "/sagsbehandling";
/// The caseworker's page of terms.
pub const REVIEW_TERMS: &str = "/sagsbehandling/vilkaar";
/// Where an administrator's set-up link leads, before its token.
pub const SETUP_LINK: &str = "/opsaet/";
/// The first segment of the set-up link's pages ([`SETUP_LINK`]).
pub const SETUP_SECTION: &str = "opsaet";
/// The first segment of the caseworker's pages ([`REVIEW_QUEUE`]).
pub const REVIEW_SECTION: &str = "sagsbehandling";
/// The first segments of the pages in the follow-up bundle (the set-up link's and the
/// caseworker's), which the app routes to that bundle and the server serves from it.
pub const FOLLOW_UP_SECTIONS: [&str; 2] = [SETUP_SECTION, REVIEW_SECTION];

/// The query key and value of a page opened from a summary's change link.
pub const RETURN_KEY: &str = "tilbage";
/// See [`RETURN_KEY`].
pub const RETURN_TO_SUMMARY: &str = "opsummering";

/// An administrator's set-up link (the token goes in the e-mail and nowhere else).
///
/// ```
/// assert_eq!(tilslut_api::pages::setup_link("abc"), "/opsaet/abc");
/// ```
pub fn setup_link(token: &str) -> String {
    format!("{SETUP_LINK}{token}")
}

/// A caseworker's page (in the follow-up bundle), from its address.
#[derive(Clone, Debug, PartialEq)]
pub enum ReviewPage {
    /// The documentation cases waiting for a decision.
    Queue,
    /// Every version of the terms, and a new one to publish.
    Terms,
    /// One case, by id.
    Case(String),
}

impl ReviewPage {
    /// The caseworker's page at `path`, if it is one.
    pub fn parse(path: &str) -> Option<Self> {
        match path.trim_end_matches('/').strip_prefix(REVIEW_QUEUE)? {
            "" => Some(Self::Queue),
            "/vilkaar" => Some(Self::Terms),
            rest => match rest.strip_prefix("/sag/") {
                Some(id) if !id.is_empty() && !id.contains('/') => Some(Self::Case(id.to_string())),
                _ => None,
            },
        }
    }

    /// The page's address.
    pub fn path(&self) -> String {
        match self {
            Self::Queue => REVIEW_QUEUE.into(),
            Self::Terms => REVIEW_TERMS.into(),
            Self::Case(id) => format!("{REVIEW_QUEUE}/sag/{id}"),
        }
    }
}

/// A page of the journeys, from its address: one table for the app's router, the embedded
/// components' addresses in memory, and the server's links and redirects.
#[derive(Clone, Debug, PartialEq)]
#[allow(missing_docs)]
pub enum JourneyPage {
    /// `/log-ind`, where a failed login is told (`?fejl=<LoginFailure>`).
    Login,
    ChooseContext,
    Start,
    Organisation,
    Resume(String),
    Terms(String),
    Administrators(String),
    Summary(String),
    Receipt(String),
    Documentation(String),
    Status(String),
    Prepare,
    PrepareApprover(String),
    PrepareAdministrators(String),
    PrepareSummary(String),
    MyPreparations,
    Approval(String),
    ApprovalAdministrators(String),
}

impl JourneyPage {
    /// The page at `path`, if it is one of the journeys'.
    pub fn parse(path: &str) -> Option<Self> {
        let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
        let id = |s: &str| s.to_string();
        Some(match segments.as_slice() {
            ["log-ind"] => Self::Login,
            ["vaelg-kontekst"] => Self::ChooseContext,
            ["tilslut"] => Self::Start,
            ["tilslut", "organisation"] => Self::Organisation,
            ["tilslut", case] => Self::Resume(id(case)),
            ["tilslut", case, "vilkaar"] => Self::Terms(id(case)),
            ["tilslut", case, "administratorer"] => Self::Administrators(id(case)),
            ["tilslut", case, "opsummering"] => Self::Summary(id(case)),
            ["tilslut", case, "kvittering"] => Self::Receipt(id(case)),
            ["tilslut", case, "dokumentation"] => Self::Documentation(id(case)),
            ["tilslut", case, "status"] => Self::Status(id(case)),
            ["forbered"] => Self::Prepare,
            ["forbered", case, "godkender"] => Self::PrepareApprover(id(case)),
            ["forbered", case, "administratorer"] => Self::PrepareAdministrators(id(case)),
            ["forbered", case, "opsummering"] => Self::PrepareSummary(id(case)),
            ["forberedelser"] => Self::MyPreparations,
            ["godkend", case] => Self::Approval(id(case)),
            ["godkend", case, "administratorer"] => Self::ApprovalAdministrators(id(case)),
            _ => return None,
        })
    }

    /// The page's address (`parse` of it gives the page back).
    pub fn path(&self) -> String {
        match self {
            Self::Login => "/log-ind".into(),
            Self::ChooseContext => "/vaelg-kontekst".into(),
            Self::Start => "/tilslut".into(),
            Self::Organisation => "/tilslut/organisation".into(),
            Self::Resume(id) => format!("/tilslut/{id}"),
            Self::Terms(id) => format!("/tilslut/{id}/vilkaar"),
            Self::Administrators(id) => format!("/tilslut/{id}/administratorer"),
            Self::Summary(id) => format!("/tilslut/{id}/opsummering"),
            Self::Receipt(id) => format!("/tilslut/{id}/kvittering"),
            Self::Documentation(id) => format!("/tilslut/{id}/dokumentation"),
            Self::Status(id) => format!("/tilslut/{id}/status"),
            Self::Prepare => "/forbered".into(),
            Self::PrepareApprover(id) => format!("/forbered/{id}/godkender"),
            Self::PrepareAdministrators(id) => format!("/forbered/{id}/administratorer"),
            Self::PrepareSummary(id) => format!("/forbered/{id}/opsummering"),
            Self::MyPreparations => "/forberedelser".into(),
            Self::Approval(id) => format!("/godkend/{id}"),
            Self::ApprovalAdministrators(id) => format!("/godkend/{id}/administratorer"),
        }
    }

    /// The page's address when it was opened from a summary's change link: saving returns there.
    pub fn path_from_summary(&self) -> String {
        format!("{}?{RETURN_KEY}={RETURN_TO_SUMMARY}", self.path())
    }

    /// Which pages can be shown before the server has said who is logged in: the start page (also
    /// pre-rendered) and the login. Every other page acts for the person, in their context, and
    /// waits: a form sent before the session's answer would name no context, and the server would
    /// refuse it as if another window had switched.
    pub fn needs_session(&self) -> bool {
        !matches!(self, Self::Start | Self::Login)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sections_begin_their_addresses() {
        assert_eq!(SETUP_LINK, format!("/{SETUP_SECTION}/"));
        assert_eq!(REVIEW_QUEUE, format!("/{REVIEW_SECTION}"));
        assert!(REVIEW_TERMS.starts_with(&format!("{REVIEW_QUEUE}/")));
    }

    #[test]
    fn every_caseworker_address_reads_back_as_its_page() {
        for page in [ReviewPage::Queue, ReviewPage::Terms, ReviewPage::Case("c-1".into())] {
            assert_eq!(ReviewPage::parse(&page.path()), Some(page.clone()));
        }
        for elsewhere in ["/", "/sagsbehandling/sag/", "/sagsbehandling/sag/a/b", "/sagsbehandlingx"] {
            assert_eq!(ReviewPage::parse(elsewhere), None, "{elsewhere}");
        }
    }

    #[test]
    fn every_journey_address_reads_back_as_its_page() {
        let id = || "c-1".to_string();
        let pages = [
            JourneyPage::Login,
            JourneyPage::ChooseContext,
            JourneyPage::Start,
            JourneyPage::Organisation,
            JourneyPage::Resume(id()),
            JourneyPage::Terms(id()),
            JourneyPage::Administrators(id()),
            JourneyPage::Summary(id()),
            JourneyPage::Receipt(id()),
            JourneyPage::Documentation(id()),
            JourneyPage::Status(id()),
            JourneyPage::Prepare,
            JourneyPage::PrepareApprover(id()),
            JourneyPage::PrepareAdministrators(id()),
            JourneyPage::PrepareSummary(id()),
            JourneyPage::MyPreparations,
            JourneyPage::Approval(id()),
            JourneyPage::ApprovalAdministrators(id()),
        ];
        for page in pages {
            assert_eq!(JourneyPage::parse(&page.path()), Some(page.clone()), "{}", page.path());
        }
        assert_eq!(JourneyPage::parse("/"), None);
        assert_eq!(JourneyPage::parse("/tilslut/c-1/ukendt"), None);
    }
}
