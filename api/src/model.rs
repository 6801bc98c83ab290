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
    /// The server's version (its crate version).
    pub version: String,
}

/// A person that the development identity provider can log in as.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct DemoPerson {
    /// The id to log in with (`POST /api/dev/login`).
    pub id: String,
    /// The person's full name.
    pub name: String,
    /// What this person demonstrates, e.g. "Direktør i tre ApS".
    pub description: String,
}

/// `POST /api/dev/login` (development identity provider only).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DevLoginRequest {
    /// A [`DemoPerson`]'s id.
    pub person_id: String,
}

/// The legal form of a company, with its `virksomhedsformkode` in CVR.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CompanyForm {
    /// Sole proprietorship (code 10).
    Enkeltmandsvirksomhed,
    /// Personally owned small business, PMV (15).
    PersonligtEjetMindreVirksomhed,
    /// General partnership, I/S (30).
    Interessentskab,
    /// Limited partnership, K/S (40).
    Kommanditselskab,
    /// Public limited company, A/S (60).
    Aktieselskab,
    /// Private limited company, ApS (80).
    Anpartsselskab,
    /// Entrepreneurial company, IVS (81).
    Iværksætterselskab,
    /// Co-operative, A.m.b.a. (130).
    Andelsselskab,
    /// Limited liability company, S.m.b.a. (151).
    Smba,
    /// Association (110).
    Forening,
    /// Voluntary association (115).
    FrivilligForening,
    /// Foundation (90).
    Fond,
    /// Public authority (230).
    OffentligMyndighed,
}

impl CompanyForm {
    /// Every form, for lookups by code.
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
    ///
    /// ```
    /// assert_eq!(tilslut_api::CompanyForm::Anpartsselskab.code(), 80);
    /// ```
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

    /// The form with this CVR code, if tilslut knows it.
    ///
    /// ```
    /// use tilslut_api::CompanyForm;
    ///
    /// assert_eq!(CompanyForm::from_code(60), Some(CompanyForm::Aktieselskab));
    /// assert_eq!(CompanyForm::from_code(1), None);
    /// ```
    pub fn from_code(code: u16) -> Option<CompanyForm> {
        CompanyForm::ALL.into_iter().find(|form| form.code() == code)
    }

    /// The abbreviation Danes use for the form; the same in both languages.
    ///
    /// ```
    /// assert_eq!(tilslut_api::CompanyForm::Interessentskab.abbreviation(), "I/S");
    /// ```
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
    ///
    /// ```
    /// use tilslut_api::CompanyForm;
    ///
    /// assert!(CompanyForm::Forening.is_association() && !CompanyForm::Anpartsselskab.is_association());
    /// ```
    pub fn is_association(self) -> bool {
        matches!(self, CompanyForm::Forening | CompanyForm::FrivilligForening)
    }
}

/// In whose name the person acts: as themself, or for a company they can sign for alone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ActingContext {
    /// As the person themself.
    Private,
    /// For this company, which the person can sign for alone.
    Company {
        /// CVR number.
        cvr: Cvr,
        /// Name as registered.
        name: String,
        /// Legal form.
        form: CompanyForm,
    },
}

impl ActingContext {
    /// The context's key, as the browser names it when it chooses it.
    ///
    /// ```
    /// use tilslut_api::{ActingContext, ContextKey};
    ///
    /// assert_eq!(ActingContext::Private.key(), ContextKey::Private);
    /// ```
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
    /// The private context.
    Private,
    /// The company with this CVR number.
    Company {
        /// CVR number.
        cvr: Cvr,
    },
}

/// The request header in which every state-changing request names the context the tab shows.
/// The server refuses the request when it differs from the session's context, so a tab that
/// still shows company A cannot act for company B chosen in another tab.
pub const CONTEXT_HEADER: &str = "x-tilslut-context";

impl ContextKey {
    /// The value of [`CONTEXT_HEADER`]: `private` or the CVR number.
    ///
    /// ```
    /// use tilslut_api::{ContextKey, Cvr};
    ///
    /// let cvr = Cvr::parse("13748136").unwrap();
    /// assert_eq!(ContextKey::Company { cvr }.header_value(), "13748136");
    /// ```
    pub fn header_value(&self) -> String {
        match self {
            ContextKey::Private => "private".to_string(),
            ContextKey::Company { cvr } => cvr.to_string(),
        }
    }

    /// The key a [`CONTEXT_HEADER`] value names; `None` for anything else.
    ///
    /// ```
    /// use tilslut_api::ContextKey;
    ///
    /// assert_eq!(ContextKey::from_header_value("private"), Some(ContextKey::Private));
    /// assert_eq!(ContextKey::from_header_value("12345678"), None, "not a valid CVR number");
    /// ```
    pub fn from_header_value(value: &str) -> Option<ContextKey> {
        match value {
            "private" => Some(ContextKey::Private),
            other => Cvr::parse(other).ok().map(|cvr| ContextKey::Company { cvr }),
        }
    }
}

/// A person, as the other records name them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PersonRef {
    /// The person's stable id at the identity broker.
    pub id: String,
    /// The person's full name.
    pub name: String,
}

/// `GET /api/session`: who is logged in and in which context they act.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Session {
    /// Who is logged in.
    pub person: PersonRef,
    /// `None` until the person has chosen; never `None` when only the private context exists.
    pub context: Option<ActingContext>,
    /// Every context the person may act in: private first, then the companies, the last one used
    /// before the others.
    pub contexts: Vec<ActingContext>,
    /// The context used last time, offered first in the chooser.
    pub last_context: Option<ContextKey>,
}

/// `PUT /api/session/context`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ChooseContextRequest {
    /// The context to act in; the server checks the register.
    pub context: ContextKey,
}

/// An administrator as typed into the form: text, so that the server can say what is wrong with
/// each field instead of refusing the whole body.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AdministratorInput {
    /// Full name.
    pub name: String,
    /// E-mail address, where the set-up link goes.
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
    /// Full name.
    pub name: String,
    /// E-mail address, where the set-up link goes.
    pub email: String,
    /// Date of birth.
    pub date_of_birth: NaiveDate,
    /// The person who designated them designated themself.
    pub is_self: bool,
}

impl From<&Administrator> for AdministratorInput {
    fn from(admin: &Administrator) -> Self {
        AdministratorInput {
            name: admin.name.clone(),
            email: admin.email.clone(),
            date_of_birth: crate::validation::format_date(admin.date_of_birth),
            is_self: admin.is_self,
        }
    }
}

/// An organisation as the register shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Organisation {
    /// CVR number.
    pub cvr: Cvr,
    /// Name as registered.
    pub name: String,
    /// Legal form.
    pub form: CompanyForm,
    /// Already connected to MitID Erhverv.
    pub connected: bool,
}

/// `GET /api/organisations/{cvr}`: the organisation and what the logged-in person may do with it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct OrganisationLookup {
    /// The organisation as the register shows it.
    pub organisation: Organisation,
    /// The logged-in person is a management representative of it.
    pub is_representative: bool,
    /// The representatives who can approve a preparation, by name and role.
    pub representatives: Vec<Representative>,
    /// An open case for it, if any, and who can finish it.
    pub open_case: Option<OpenCaseInfo>,
}

/// A management representative of an organisation, as the register shows them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Representative {
    /// Who.
    pub person: PersonRef,
    /// `direktion`, `bestyrelse`, `ejer`, `forening`…
    pub role: String,
}

/// An open case for an organisation, as a lookup shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct OpenCaseInfo {
    /// The case's id.
    pub case_id: String,
    /// Who started it.
    pub started_by: PersonRef,
    /// Where it stands.
    pub status: CaseStatus,
    /// The logged-in person may open it (they started it or must approve it).
    pub visible_to_you: bool,
}

/// A version of the terms of use.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Terms {
    /// The version's name, e.g. `2026-1`.
    pub version: String,
    /// Title.
    pub title: String,
    /// The full text, paragraphs separated by blank lines.
    pub body: String,
    /// The day the version took effect.
    pub effective_from: NaiveDate,
}

/// Where a case stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CaseStatus {
    /// Being filled in.
    Draft,
    /// Prepared by an anmelder, waiting for the representative.
    AwaitingApproval,
    /// Documentation sent, waiting for an operator.
    AwaitingManualReview,
    /// Approved and signed: the organisation is connected.
    Approved,
    /// Rejected, by the representative or an operator, with a reason.
    Rejected,
    /// Withdrawn by the anmelder who prepared it.
    Withdrawn,
}

impl CaseStatus {
    /// An open case blocks another case for the same organisation.
    ///
    /// ```
    /// use tilslut_api::CaseStatus;
    ///
    /// assert!(CaseStatus::AwaitingApproval.is_open() && !CaseStatus::Approved.is_open());
    /// ```
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

/// The terms a representative accepted for a case.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct TermsAcceptance {
    /// The terms version accepted.
    pub version: String,
    /// Who accepted them.
    pub accepted_by: PersonRef,
    /// When.
    pub accepted_at: DateTime<Utc>,
}

/// One event in a case's history.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct HistoryEntry {
    /// When.
    pub at: DateTime<Utc>,
    /// Who, when a person did it.
    pub by: Option<PersonRef>,
    /// `created`, `administrators_changed`, `terms_accepted`, `submitted`, `approved`…
    pub event: String,
    /// What changed, in a few words.
    pub detail: Option<String>,
}

/// The signed record of an approval: who, in which context, what text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Approval {
    /// The representative who approved.
    pub approved_by: PersonRef,
    /// When.
    pub approved_at: DateTime<Utc>,
    /// The context they signed in.
    pub context: ContextKey,
    /// The exact text they signed.
    pub signing_text: String,
    /// The receipt's reference, quoted in e-mails and to support.
    pub reference: String,
}

/// An onboarding case: one attempt to connect one organisation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Case {
    /// The case's id (also in the approval link, `/godkend/<id>`).
    pub id: String,
    /// Increases with every change; updates name the version they were made against.
    pub version: i64,
    /// The organisation to connect.
    pub organisation: Organisation,
    /// Where the case stands.
    pub status: CaseStatus,
    /// The role in which it was started.
    pub role: CaseRole,
    /// Who started it.
    pub started_by: PersonRef,
    /// The representative who must approve a preparation.
    pub approver: Option<PersonRef>,
    /// The accepted terms, once accepted.
    pub terms: Option<TermsAcceptance>,
    /// The designated organisation administrators.
    pub administrators: Vec<Administrator>,
    /// The signed approval, once approved.
    pub approval: Option<Approval>,
    /// Why it was rejected, once rejected.
    pub rejection_reason: Option<String>,
    /// For manual review: the date a decision is due, counted in Danish working days.
    pub decision_due: Option<NaiveDate>,
    /// Documentation uploaded for manual review (journey C).
    pub documents: Vec<DocumentInfo>,
    /// What happened to the case, oldest first.
    pub history: Vec<HistoryEntry>,
    /// When it was started.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

/// `POST /api/cases`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateCaseRequest {
    /// The organisation to connect.
    pub cvr: Cvr,
    /// The role the person starts it in.
    pub role: CaseRole,
}

/// `PUT /api/cases/{id}/administrators`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateAdministratorsRequest {
    /// The case version the change was made against.
    pub version: i64,
    /// The whole list, as typed.
    pub administrators: Vec<AdministratorInput>,
}

/// `POST /api/cases/{id}/terms`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AcceptTermsRequest {
    /// The case version the change was made against.
    pub version: i64,
    /// The terms version the person read and accepts.
    pub terms_version: String,
}

/// `PUT /api/cases/{id}/approver`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ChooseApproverRequest {
    /// The case version the change was made against.
    pub version: i64,
    /// The representative who must approve.
    pub person_id: String,
}

/// Submit and withdraw need only the version they were made against.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct VersionedRequest {
    /// The case version the request was made against.
    pub version: i64,
}

/// `POST /api/cases/{id}/approve`: approve and sign.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ApproveRequest {
    /// The case version the representative saw.
    pub version: i64,
    /// The language of the signing text the representative saw and signs.
    #[serde(default)]
    pub language: crate::Language,
}

/// `POST /api/cases/{id}/reject`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RejectRequest {
    /// The case version the representative saw.
    pub version: i64,
    /// Why, in the representative's words (required).
    pub reason: String,
}

/// What an uploaded document shows.
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
    /// Its name in the upload's form field and the API's JSON.
    ///
    /// ```
    /// assert_eq!(tilslut_api::DocumentKind::Identity.as_str(), "identity");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentKind::Identity => "identity",
            DocumentKind::Affiliation => "affiliation",
        }
    }
}

/// Uploads are limited to these types and [`MAX_DOCUMENT_BYTES`], on both sides.
pub const DOCUMENT_TYPES: [&str; 3] = ["application/pdf", "image/jpeg", "image/png"];
/// The largest upload: 10 MiB.
pub const MAX_DOCUMENT_BYTES: usize = 10 * 1024 * 1024;

/// How long an administrator's set-up link works, in days; the receipt page and the e-mail say so.
pub const SETUP_LINK_DAYS: u64 = 60;

/// An uploaded document, without its content.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct DocumentInfo {
    /// The document's id.
    pub id: String,
    /// What it documents.
    pub kind: DocumentKind,
    /// The file's name as uploaded.
    pub file_name: String,
    /// Its media type, one of [`DOCUMENT_TYPES`].
    pub content_type: String,
    /// Its size in bytes.
    pub size: u64,
    /// When.
    pub uploaded_at: DateTime<Utc>,
}

/// The operator's decision on a case in manual review.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ManualDecisionRequest {
    /// Approve (`true`) or reject.
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
    /// The new version's name.
    pub version: String,
    /// Title.
    pub title: String,
    /// The full text.
    pub body: String,
}

/// An e-mail in the outbox, as the development mailbox shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Mail {
    /// The mail's id.
    pub id: i64,
    /// Recipient address.
    pub to: String,
    /// Subject.
    pub subject: String,
    /// Plain-text body.
    pub body: String,
    /// `receipt`, `administrator_setup`, `approval_requested`, `case_approved`, `case_rejected`.
    pub kind: String,
    /// The case it is about, if any.
    pub case_id: Option<String>,
    /// When it was queued.
    pub created_at: DateTime<Utc>,
}

/// An RFC 9457 problem: every error the API returns has this body.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Problem {
    /// A URI naming the kind of problem (`urn:tilslut:problem:<code>`).
    #[serde(rename = "type")]
    pub problem_type: String,
    /// A short, human summary of the kind of problem.
    pub title: String,
    /// The HTTP status.
    pub status: u16,
    /// The stable error code the app translates, e.g. `validation`, `stale_version`.
    pub code: String,
    /// What happened this time, for a person.
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
