//! Onboarding cases: their state, the steps' requests, and uploaded documents.

use crate::cvr::Cvr;
use crate::model::{ContextKey, Organisation, PersonRef};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// An administrator as typed into the form: text, so that the server can say what is wrong with
/// each field instead of refusing the whole body.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AdministratorInput {
    /// Full name.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200, pattern = r"\S"))]
    pub name: String,
    /// E-mail address, where the set-up link goes.
    #[cfg_attr(feature = "openapi", schema(format = Email))]
    pub email: String,
    /// `DD-MM-ÅÅÅÅ` or `ÅÅÅÅ-MM-DD`: a day that exists, between 15 and 120 years ago.
    #[cfg_attr(
        feature = "openapi",
        schema(format = "date-dk", pattern = r"^\s*([0-9]{1,2}[-./][0-9]{1,2}[-./][0-9]{4}|[0-9]{4}[-./][0-9]{1,2}[-./][0-9]{1,2})\s*$")
    )]
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
            date_of_birth: crate::dates::format_date(admin.date_of_birth),
            is_self: admin.is_self,
        }
    }
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
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(ToSchema), schema(rename_all = "snake_case"))]
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

wire_names!(CaseStatus {
    Draft = "draft",
    AwaitingApproval = "awaiting_approval",
    AwaitingManualReview = "awaiting_manual_review",
    Approved = "approved",
    Rejected = "rejected",
    Withdrawn = "withdrawn",
});

/// The role in which a person started a case.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(ToSchema), schema(rename_all = "snake_case"))]
pub enum CaseRole {
    /// A management representative connecting the organisation.
    Representative,
    /// A non-representative preparing the connection for a representative to approve.
    Anmelder,
    /// A person the register does not show as representative, sending documentation instead.
    Documentation,
}

wire_names!(CaseRole { Representative = "representative", Anmelder = "anmelder", Documentation = "documentation" });

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
    /// Its place in the case's history, the first event being 1.
    pub number: u32,
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
    /// How the approval was signed; none for an approval by manual review.
    #[serde(default)]
    pub signature: Option<Signature>,
}

/// How the representative signed: the authentication, and the text it was bound to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Signature {
    /// A fresh login at the identity provider (MitID), or the development login's confirmation.
    pub method: SignatureMethod,
    /// When the person authenticated to sign.
    pub authenticated_at: DateTime<Utc>,
    /// SHA-256 of the signing text, in hex: what the authentication was bound to.
    pub text_sha256: String,
    /// The short text MitID showed the person as they signed, where the broker takes one.
    #[serde(default)]
    pub reference_text: Option<String>,
}

/// How a signature was given.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(ToSchema), schema(rename_all = "snake_case"))]
pub enum SignatureMethod {
    /// A fresh login at the identity provider.
    IdentityProvider,
    /// The development login's confirmation page (no identity provider configured).
    Confirmation,
}

wire_names!(SignatureMethod { IdentityProvider = "identity_provider", Confirmation = "confirmation" });

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
    /// Once approved: each administrator's set-up link, and whether they have confirmed.
    #[serde(default)]
    pub setup: Vec<crate::model::AdministratorSetup>,
    /// The signed approval, once approved.
    pub approval: Option<Approval>,
    /// Why it was rejected, once rejected.
    pub rejection_reason: Option<String>,
    /// For manual review: the date a decision is due, counted in Danish working days.
    pub decision_due: Option<NaiveDate>,
    /// Documentation uploaded for manual review (journey C).
    pub documents: Vec<DocumentInfo>,
    /// A documentation case's applicant's own title or role in the organisation, as they stated it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stated_role: Option<String>,
    /// To a caseworker: why this case is not hers to decide, if it is not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_conflict: Option<crate::ReviewConflict>,
    /// What happened to the case lately, oldest first: at most [`crate::HISTORY_PAGE`] events.
    pub history: Vec<HistoryEntry>,
    /// How many events came before the first in `history` (a caseworker pages back to them).
    #[serde(default)]
    pub earlier_history: u32,
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
    /// For documentation: the person's own title or role in the organisation, which the register
    /// does not show ([`crate::validation::validate_stated_role`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stated_role: Option<String>,
    /// A representative starts afresh although someone else's preparation (an anmelder's or a
    /// documentation case) is open: it is closed and its author told. Without it, such a
    /// preparation answers 409 `preparation_waiting`, so that nobody's work is closed unasked.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub supersede: bool,
}

/// `PUT /api/cases/{id}/administrators`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateAdministratorsRequest {
    /// The case version the change was made against.
    #[serde(deserialize_with = "crate::model::integer")]
    pub version: i64,
    /// The whole list, as typed: at least one, at most [`crate::validation::MAX_ADMINISTRATORS`].
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 20))]
    pub administrators: Vec<AdministratorInput>,
}

/// `POST /api/cases/{id}/terms`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AcceptTermsRequest {
    /// The case version the change was made against.
    #[serde(deserialize_with = "crate::model::integer")]
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
    #[serde(deserialize_with = "crate::model::integer")]
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
    #[serde(deserialize_with = "crate::model::integer")]
    pub version: i64,
}

/// `POST /api/cases/{id}/approve`: approve and sign.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ApproveRequest {
    /// The case version the representative saw.
    #[serde(deserialize_with = "crate::model::integer")]
    pub version: i64,
    /// The language of the signing text the representative saw and signs.
    #[serde(default)]
    pub language: Language,
    /// The signing text exactly as the representative saw it; refused as
    /// `signing_text_changed` unless it is the text the server would record.
    #[cfg_attr(feature = "openapi", schema(max_length = 2000))]
    pub signing_text: String,
    /// Development login only: the person confirmed on the confirmation page. Without it (and
    /// always with an identity provider) the answer is 202, the next step of signing.
    #[serde(default)]
    pub confirmed: bool,
    /// The app's page to come back to if signing at the provider fails (a path of this site).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 500))]
    pub return_to: Option<String>,
}

/// `GET /api/cases/{id}/signing-text`: what the person asking would sign to approve the case
/// now, in each language; `POST …/approve` takes one of them back, exactly. (The app and the
/// components make it with [`Case::signing_text`] instead.)
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct SigningTexts {
    /// In Danish.
    pub da: String,
    /// In English.
    pub en: String,
}

/// `POST /api/cases/{id}/approve` when the signature is still to be given (202): where the
/// person signs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(tag = "next", rename_all = "snake_case")]
pub enum SigningStep {
    /// Development login: confirm on the app's confirmation page, then approve again with
    /// `confirmed: true`.
    Confirm,
    /// Log in again at the identity provider: send the browser to `location`. It comes back to
    /// the receipt, or to `return_to` with `?underskrift=<code>`.
    IdentityProvider {
        /// The provider's authorization URL.
        location: String,
    },
}

/// `POST /api/cases/{id}/reject`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RejectRequest {
    /// The case version the representative saw.
    #[serde(deserialize_with = "crate::model::integer")]
    pub version: i64,
    /// Why, in the representative's words (required).
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 1000, pattern = r"\S"))]
    pub reason: String,
}

/// What an uploaded document shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(ToSchema), schema(rename_all = "snake_case"))]
pub enum DocumentKind {
    /// Valid photo ID: passport, national ID card or driving licence.
    Identity,
    /// Proof of affiliation with the organisation (annual report, contract, pay slip…).
    Affiliation,
}

wire_names!(DocumentKind { Identity = "identity", Affiliation = "affiliation" });

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

/// The language of a text the person reads and signs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Language {
    /// Danish.
    #[default]
    Da,
    /// English.
    En,
}
