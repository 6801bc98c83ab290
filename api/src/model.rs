//! Request and response bodies of the JSON API.

use crate::cvr::Cvr;
use crate::validation::FieldError;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// `GET /api/health`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Health {
    /// `ok` when the database answers.
    pub status: String,
    pub version: String,
}

/// A person that the development identity provider can log in as.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct DemoPerson {
    pub id: String,
    pub name: String,
    /// What this person demonstrates, e.g. "Direktør i tre ApS".
    pub description: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DevLoginRequest {
    pub person_id: String,
}

/// The legal form of a company, with its `virksomhedsformkode` in CVR.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CompanyForm {
    Enkeltmandsvirksomhed,
    PersonligtEjetMindreVirksomhed,
    Interessentskab,
    Kommanditselskab,
    Aktieselskab,
    Anpartsselskab,
    Iværksætterselskab,
    Andelsselskab,
    Smba,
    Forening,
    FrivilligForening,
    Fond,
    OffentligMyndighed,
}

impl CompanyForm {
    pub const ALL: [CompanyForm; 13] = [
        CompanyForm::Enkeltmandsvirksomhed,
        CompanyForm::PersonligtEjetMindreVirksomhed,
        CompanyForm::Interessentskab,
        CompanyForm::Kommanditselskab,
        CompanyForm::Aktieselskab,
        CompanyForm::Anpartsselskab,
        CompanyForm::Iværksætterselskab,
        CompanyForm::Andelsselskab,
        CompanyForm::Smba,
        CompanyForm::Forening,
        CompanyForm::FrivilligForening,
        CompanyForm::Fond,
        CompanyForm::OffentligMyndighed,
    ];

    /// The form's code in CVR (`virksomhedsform.virksomhedsformkode`).
    pub fn code(self) -> u16 {
        match self {
            CompanyForm::Enkeltmandsvirksomhed => 10,
            CompanyForm::PersonligtEjetMindreVirksomhed => 15,
            CompanyForm::Interessentskab => 30,
            CompanyForm::Kommanditselskab => 40,
            CompanyForm::Aktieselskab => 60,
            CompanyForm::Anpartsselskab => 80,
            CompanyForm::Iværksætterselskab => 81,
            CompanyForm::Fond => 90,
            CompanyForm::Forening => 110,
            CompanyForm::FrivilligForening => 115,
            CompanyForm::Andelsselskab => 130,
            CompanyForm::Smba => 151,
            CompanyForm::OffentligMyndighed => 230,
        }
    }

    pub fn from_code(code: u16) -> Option<CompanyForm> {
        CompanyForm::ALL.into_iter().find(|form| form.code() == code)
    }

    /// The abbreviation Danes use for the form; the same in both languages.
    pub fn abbreviation(self) -> &'static str {
        match self {
            CompanyForm::Enkeltmandsvirksomhed => "Enkeltmandsvirksomhed",
            CompanyForm::PersonligtEjetMindreVirksomhed => "PMV",
            CompanyForm::Interessentskab => "I/S",
            CompanyForm::Kommanditselskab => "K/S",
            CompanyForm::Aktieselskab => "A/S",
            CompanyForm::Anpartsselskab => "ApS",
            CompanyForm::Iværksætterselskab => "IVS",
            CompanyForm::Andelsselskab => "A.m.b.a.",
            CompanyForm::Smba => "S.m.b.a.",
            CompanyForm::Forening => "Forening",
            CompanyForm::FrivilligForening => "Frivillig forening",
            CompanyForm::Fond => "Fond",
            CompanyForm::OffentligMyndighed => "Offentlig myndighed",
        }
    }

    /// Associations cannot use "privat til erhverv" (seed 003).
    pub fn is_association(self) -> bool {
        matches!(self, CompanyForm::Forening | CompanyForm::FrivilligForening)
    }
}

/// In whose name the person acts: as themself, or for a company they can sign for alone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ActingContext {
    Private,
    Company { cvr: Cvr, name: String, form: CompanyForm },
}

impl ActingContext {
    pub fn key(&self) -> ContextKey {
        match self {
            ActingContext::Private => ContextKey::Private,
            ActingContext::Company { cvr, .. } => ContextKey::Company { cvr: *cvr },
        }
    }
}

/// Names a context without its details: what the browser sends when it chooses one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum ContextKey {
    Private,
    Company { cvr: Cvr },
}

/// The request header in which every state-changing request names the context the tab shows.
/// The server refuses the request when it differs from the session's context, so a tab that
/// still shows company A cannot act for company B chosen in another tab.
pub const CONTEXT_HEADER: &str = "x-tilslut-context";

impl ContextKey {
    /// The value of [`CONTEXT_HEADER`]: `private` or the CVR number.
    pub fn header_value(&self) -> String {
        match self {
            ContextKey::Private => "private".to_string(),
            ContextKey::Company { cvr } => cvr.to_string(),
        }
    }

    pub fn from_header_value(value: &str) -> Option<ContextKey> {
        match value {
            "private" => Some(ContextKey::Private),
            other => Cvr::parse(other).ok().map(|cvr| ContextKey::Company { cvr }),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PersonRef {
    pub id: String,
    pub name: String,
}

/// `GET /api/session`: who is logged in and in which context they act.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Session {
    pub person: PersonRef,
    /// `None` until the person has chosen; never `None` when only the private context exists.
    pub context: Option<ActingContext>,
    /// Every context the person may act in: private first, then the companies, the last one used
    /// before the others.
    pub contexts: Vec<ActingContext>,
    /// The context used last time, offered first in the chooser.
    pub last_context: Option<ContextKey>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ChooseContextRequest {
    pub context: ContextKey,
}

/// An administrator as typed into the form: text, so that the server can say what is wrong with
/// each field instead of refusing the whole body.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AdministratorInput {
    pub name: String,
    pub email: String,
    /// `DD-MM-ÅÅÅÅ` or `ÅÅÅÅ-MM-DD`.
    pub date_of_birth: String,
    /// The person filling in the form designates themself.
    #[serde(default)]
    pub is_self: bool,
}

/// A validated organisation administrator.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Administrator {
    pub name: String,
    pub email: String,
    pub date_of_birth: NaiveDate,
    pub is_self: bool,
}

impl From<&Administrator> for AdministratorInput {
    fn from(admin: &Administrator) -> Self {
        AdministratorInput {
            name: admin.name.clone(),
            email: admin.email.clone(),
            date_of_birth: admin.date_of_birth.format("%d-%m-%Y").to_string(),
            is_self: admin.is_self,
        }
    }
}

/// An organisation as the register shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Organisation {
    pub cvr: Cvr,
    pub name: String,
    pub form: CompanyForm,
    /// Already connected to MitID Erhverv.
    pub connected: bool,
}

/// `GET /api/organisations/{cvr}`: the organisation and what the logged-in person may do with it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct OrganisationLookup {
    pub organisation: Organisation,
    /// The logged-in person is a management representative of it.
    pub is_representative: bool,
    /// The representatives who can approve a preparation, by name and role.
    pub representatives: Vec<Representative>,
    /// An open case for it, if any, and who can finish it.
    pub open_case: Option<OpenCaseInfo>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Representative {
    pub person: PersonRef,
    /// `direktion`, `bestyrelse`, `ejer`, `forening`…
    pub role: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct OpenCaseInfo {
    pub case_id: String,
    pub started_by: PersonRef,
    pub status: CaseStatus,
    /// The logged-in person may open it (they started it or must approve it).
    pub visible_to_you: bool,
}

/// A version of the terms of use.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Terms {
    pub version: String,
    pub title: String,
    pub body: String,
    pub effective_from: NaiveDate,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CaseStatus {
    Draft,
    AwaitingApproval,
    AwaitingManualReview,
    Approved,
    Rejected,
    Withdrawn,
}

impl CaseStatus {
    /// An open case blocks another case for the same organisation.
    pub fn is_open(self) -> bool {
        matches!(self, CaseStatus::Draft | CaseStatus::AwaitingApproval | CaseStatus::AwaitingManualReview)
    }
}

/// The role in which a person started a case.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CaseRole {
    /// A management representative connecting the organisation.
    Representative,
    /// A non-representative preparing the connection for a representative to approve.
    Anmelder,
    /// A person the register does not show as representative, sending documentation instead.
    Documentation,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct TermsAcceptance {
    pub version: String,
    pub accepted_by: PersonRef,
    pub accepted_at: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct HistoryEntry {
    pub at: DateTime<Utc>,
    pub by: Option<PersonRef>,
    /// `created`, `administrators_changed`, `terms_accepted`, `submitted`, `approved`…
    pub event: String,
    pub detail: Option<String>,
}

/// The signed record of an approval: who, in which context, what text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Approval {
    pub approved_by: PersonRef,
    pub approved_at: DateTime<Utc>,
    pub context: ContextKey,
    pub signing_text: String,
    pub reference: String,
}

/// An onboarding case: one attempt to connect one organisation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Case {
    pub id: String,
    /// Increases with every change; updates name the version they were made against.
    pub version: i64,
    pub organisation: Organisation,
    pub status: CaseStatus,
    pub role: CaseRole,
    pub started_by: PersonRef,
    /// The representative who must approve a preparation.
    pub approver: Option<PersonRef>,
    pub terms: Option<TermsAcceptance>,
    pub administrators: Vec<Administrator>,
    pub approval: Option<Approval>,
    pub rejection_reason: Option<String>,
    /// For manual review: the date a decision is due, counted in Danish working days.
    pub decision_due: Option<NaiveDate>,
    /// Documentation uploaded for manual review (journey C).
    pub documents: Vec<DocumentInfo>,
    pub history: Vec<HistoryEntry>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateCaseRequest {
    pub cvr: Cvr,
    pub role: CaseRole,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateAdministratorsRequest {
    pub version: i64,
    pub administrators: Vec<AdministratorInput>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AcceptTermsRequest {
    pub version: i64,
    pub terms_version: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ChooseApproverRequest {
    pub version: i64,
    pub person_id: String,
}

/// Submit and withdraw need only the version they were made against.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct VersionedRequest {
    pub version: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ApproveRequest {
    pub version: i64,
    /// The language of the signing text the representative saw and signs.
    #[serde(default)]
    pub language: crate::Language,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RejectRequest {
    pub version: i64,
    pub reason: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// Valid photo ID: passport, national ID card or driving licence.
    Identity,
    /// Proof of affiliation with the organisation (annual report, contract, pay slip…).
    Affiliation,
}

impl DocumentKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentKind::Identity => "identity",
            DocumentKind::Affiliation => "affiliation",
        }
    }
}

/// Uploads are limited to these types and this size, on both sides.
pub const DOCUMENT_TYPES: [&str; 3] = ["application/pdf", "image/jpeg", "image/png"];
pub const MAX_DOCUMENT_BYTES: usize = 10 * 1024 * 1024;

/// How long an administrator's set-up link works, in days; the receipt page and the e-mail say so.
pub const SETUP_LINK_DAYS: u64 = 60;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct DocumentInfo {
    pub id: String,
    pub kind: DocumentKind,
    pub file_name: String,
    pub content_type: String,
    pub size: u64,
    pub uploaded_at: DateTime<Utc>,
}

/// The operator's decision on a case in manual review.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ManualDecisionRequest {
    pub approve: bool,
    /// Required when rejecting.
    #[serde(default)]
    pub reason: Option<String>,
}

/// The operator publishes a new version of the terms, in force from today (development only:
/// lets people and tests meet a case whose accepted terms are no longer the current ones).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PublishTermsRequest {
    pub version: String,
    pub title: String,
    pub body: String,
}

/// An e-mail in the outbox, as the development mailbox shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Mail {
    pub id: i64,
    pub to: String,
    pub subject: String,
    pub body: String,
    /// `receipt`, `administrator_setup`, `approval_requested`, `case_approved`, `case_rejected`.
    pub kind: String,
    pub case_id: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// An RFC 9457 problem: every error the API returns has this body.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Problem {
    /// A URI naming the kind of problem (`urn:tilslut:problem:<code>`).
    #[serde(rename = "type")]
    pub problem_type: String,
    pub title: String,
    pub status: u16,
    /// The stable error code the app translates, e.g. `validation`, `stale_version`.
    pub code: String,
    pub detail: Option<String>,
    /// Field-level errors of a validation problem.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn company_form_codes_round_trip() {
        for form in CompanyForm::ALL {
            assert_eq!(CompanyForm::from_code(form.code()), Some(form));
        }
        assert_eq!(CompanyForm::from_code(80), Some(CompanyForm::Anpartsselskab));
        assert!(CompanyForm::Forening.is_association() && !CompanyForm::Anpartsselskab.is_association());
    }

    #[test]
    fn context_key_header_round_trip() {
        let company = ContextKey::Company { cvr: Cvr::parse("13748136").unwrap() };
        for key in [ContextKey::Private, company] {
            assert_eq!(ContextKey::from_header_value(&key.header_value()), Some(key));
        }
        assert_eq!(ContextKey::from_header_value("13748137"), None);
    }

    #[test]
    fn acting_context_json_is_tagged() {
        let json = serde_json::to_string(&ActingContext::Private).unwrap();
        assert_eq!(json, r#"{"kind":"private"}"#);
        let key: ContextKey = serde_json::from_str(r#"{"kind":"company","cvr":"13748136"}"#).unwrap();
        assert_eq!(key.header_value(), "13748136");
        assert!(serde_json::from_str::<ContextKey>(r#"{"kind":"company","cvr":"13748136","x":1}"#).is_err());
    }
}
