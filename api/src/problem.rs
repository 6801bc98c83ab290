//! What goes wrong, in codes both sides share: the problem document every error is sent as, its
//! [`ProblemCode`], and the [`FieldCode`] of each field a validation problem names. On the wire
//! each code is its snake_case name (`stale_version`, `email_invalid`); the app translates them.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// Declares a code enum: its variants, their wire names, and an `Unknown` that a newer server's
/// code reads as, so a client never fails to read a problem. Written and read through the names'
/// table rather than serde's derive, whose generated matching the browser build would carry twice.
macro_rules! codes {
    ($(#[$meta:meta])* $name:ident { $($(#[$doc:meta])* $variant:ident = $wire:literal,)* }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[cfg_attr(feature = "openapi", derive(ToSchema), schema(rename_all = "snake_case"))]
        pub enum $name {
            $($(#[$doc])* $variant,)*
            /// A code this build does not know (a newer server's).
            Unknown,
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let wire = String::deserialize(deserializer)?;
                Ok($name::ALL.iter().copied().find(|code| code.as_str() == wire).unwrap_or($name::Unknown))
            }
        }

        impl $name {
            /// Every known code.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            /// The code as it is written on the wire.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $wire,)*
                    $name::Unknown => "unknown",
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

codes! {
    /// Why the API refused a request: the `code` of every problem document.
    ///
    /// ```
    /// use tilslut_api::ProblemCode;
    ///
    /// assert_eq!(serde_json::to_string(&ProblemCode::StaleVersion).unwrap(), r#""stale_version""#);
    /// assert_eq!(serde_json::from_str::<ProblemCode>(r#""from_the_future""#).unwrap(), ProblemCode::Unknown);
    /// ```
    ProblemCode {
        /// 401: nobody is logged in (or the session ended).
        Unauthenticated = "unauthenticated",
        /// 404: no such case, organisation or endpoint, or not one the person may see.
        NotFound = "not_found",
        /// 422: fields are wrong; `errors` says which.
        Validation = "validation",
        /// 429: too many requests from this client.
        RateLimited = "rate_limited",
        /// 413: the body (an upload) is too large.
        PayloadTooLarge = "payload_too_large",
        /// 500: the server failed; the cause is in its log.
        Internal = "internal",
        /// 403: a state-changing request without the context header.
        MissingContextHeader = "missing_context_header",
        /// 403: only a management representative may do this.
        NotRepresentative = "not_representative",
        /// 403: the person may not do this to this case now.
        NotAllowed = "not_allowed",
        /// 403: the register does not let the person act for that company.
        ContextNotAllowed = "context_not_allowed",
        /// 409: the case changed since the version the request was made against.
        StaleVersion = "stale_version",
        /// 409: not possible in the case's status.
        WrongStatus = "wrong_status",
        /// 409: the organisation already has an open case.
        CaseOpen = "case_open",
        /// 409: someone else's preparation of the organisation is open; a representative closes it
        /// only by asking to (`supersede`).
        PreparationWaiting = "preparation_waiting",
        /// 409: the organisation is already connected.
        AlreadyConnected = "already_connected",
        /// 409: a representative connects the organisation themself.
        IsRepresentative = "is_representative",
        /// 409: the terms in force are not the version accepted.
        TermsChanged = "terms_changed",
        /// 409: the signing text is not the one the server would record now (the case, the
        /// terms or the context changed): show the new text and sign that.
        SigningTextChanged = "signing_text_changed",
        /// 409: that version of the terms exists.
        TermsVersionExists = "terms_version_exists",
        /// 409: another tab switched the session's context.
        ContextChanged = "context_changed",
        /// 400: the JSON body does not have the request's shape.
        InvalidBody = "invalid_body",
        /// 400: the body is not JSON.
        MalformedJson = "malformed_json",
        /// 400: the body is not declared as JSON.
        ContentType = "content_type",
        /// 400: the multipart upload cannot be read.
        InvalidUpload = "invalid_upload",
        /// 400: a segment of the path cannot be read (not UTF-8, say).
        InvalidPath = "invalid_path",
        /// 400: the address's query is not what the operation takes.
        InvalidQuery = "invalid_query",
        /// 403: approving for another company than the one being connected; act privately or as it.
        WrongContext = "wrong_context",
        /// 403: the preparer chose another representative to approve.
        NotApprover = "not_approver",
        /// 409: the register shows the company as ceased.
        CompanyCeased = "company_ceased",
        /// 429: the person has as many open cases as allowed, or started as many today.
        TooManyCases = "too_many_cases",
        /// 409: the case holds as many documents as allowed.
        TooManyDocuments = "too_many_documents",
        /// 503: the server cannot serve now (its database cannot be reached or is damaged).
        Unavailable = "unavailable",
        /// 410: the set-up link's 60 days have passed.
        SetupLinkExpired = "setup_link_expired",
        /// 410: the set-up link has been used.
        SetupLinkUsed = "setup_link_used",
        /// 409: the register shows who represents the organisation, so documentation is not the
        /// way: an anmelder prepares the connection and one of them approves it.
        RegisterShowsRepresentatives = "register_shows_representatives",
        /// 403: a caseworker does not decide a case she is part of (see `ReviewConflict`).
        OwnCase = "own_case",
    }
}

codes! {
    /// What is wrong with one field: the `code` of a [`FieldError`].
    ///
    /// ```
    /// assert_eq!(tilslut_api::FieldCode::EmailInvalid.as_str(), "email_invalid");
    /// ```
    FieldCode {
        /// No administrator designated.
        AdministratorsRequired = "administrators_required",
        /// Name missing.
        NameRequired = "name_required",
        /// Name longer than allowed.
        NameTooLong = "name_too_long",
        /// Name with characters a name does not have (digits, line breaks, links).
        NameCharacters = "name_characters",
        /// A name mixing scripts (a Cyrillic letter among Latin ones): how a look-alike passes.
        NameMixedScripts = "name_mixed_scripts",
        /// More administrators than allowed.
        AdministratorsTooMany = "administrators_too_many",
        /// E-mail missing.
        EmailRequired = "email_required",
        /// Not an e-mail address.
        EmailInvalid = "email_invalid",
        /// The same e-mail address twice.
        EmailDuplicate = "email_duplicate",
        /// No code typed to confirm an address.
        CodeRequired = "code_required",
        /// Not the code sent (or not six digits).
        CodeWrong = "code_wrong",
        /// The code expired, was tried too often, or none was sent: ask for a new one.
        CodeExpired = "code_expired",
        /// Date of birth missing.
        DateOfBirthRequired = "date_of_birth_required",
        /// Not a date.
        DateInvalid = "date_invalid",
        /// A date of birth in the future.
        DateOfBirthFuture = "date_of_birth_future",
        /// A date of birth no administrator can have.
        DateOfBirthImplausible = "date_of_birth_implausible",
        /// The terms are not accepted.
        TermsRequired = "terms_required",
        /// Not eight digits.
        CvrFormat = "cvr_format",
        /// Eight digits that are no CVR number.
        CvrCheckDigit = "cvr_check_digit",
        /// No organisation chosen.
        OrganisationRequired = "organisation_required",
        /// A file type that is not accepted.
        FileType = "file_type",
        /// A file whose content is not of the type it is declared as.
        FileContent = "file_content",
        /// A file larger than allowed.
        FileTooLarge = "file_too_large",
        /// An empty file.
        FileEmpty = "file_empty",
        /// No file in the upload.
        FileRequired = "file_required",
        /// A document is missing.
        DocumentRequired = "document_required",
        /// Not a kind of document.
        DocumentKindInvalid = "document_kind_invalid",
        /// No approver chosen.
        ApproverRequired = "approver_required",
        /// The approver chosen is not a representative.
        ApproverNotRepresentative = "approver_not_representative",
        /// No reason given.
        ReasonRequired = "reason_required",
        /// A reason longer than allowed.
        ReasonTooLong = "reason_too_long",
        /// The case version is missing.
        VersionRequired = "version_required",
        /// No such person.
        UnknownPerson = "unknown_person",
        /// New terms take effect at least three months after they are published.
        EffectiveFromTooSoon = "effective_from_too_soon",
        /// The terms' version, title or text is empty.
        TermsTextRequired = "terms_text_required",
        /// The terms' version, title or text is longer than allowed.
        TermsTextTooLong = "terms_text_too_long",
        /// The applicant's own title or role in the organisation is missing.
        StatedRoleRequired = "stated_role_required",
        /// The applicant's title or role is longer than allowed.
        StatedRoleTooLong = "stated_role_too_long",
    }
}

/// One problem with one input field. `field` is the form field's name as the app uses it
/// (`administrators.0.email`), so the app can link the error summary to the field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct FieldError {
    /// The field's name, e.g. `administrators.0.email`.
    pub field: String,
    /// What is wrong with it.
    pub code: FieldCode,
}

impl FieldError {
    /// The error `code` for `field`.
    ///
    /// ```
    /// use tilslut_api::{FieldCode, FieldError};
    ///
    /// let error = FieldError::new("reason", FieldCode::ReasonRequired);
    /// assert_eq!((error.field.as_str(), error.code.as_str()), ("reason", "reason_required"));
    /// ```
    pub fn new(field: impl Into<String>, code: FieldCode) -> Self {
        FieldError { field: field.into(), code }
    }
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
    /// The stable error code the app translates.
    pub code: ProblemCode,
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
    fn every_code_is_written_as_its_wire_name() {
        for code in ProblemCode::ALL {
            assert_eq!(serde_json::to_value(code).unwrap(), code.as_str());
            assert_eq!(serde_json::from_value::<ProblemCode>(code.as_str().into()).unwrap(), *code);
        }
        for code in FieldCode::ALL {
            assert_eq!(serde_json::to_value(code).unwrap(), code.as_str());
            assert_eq!(serde_json::from_value::<FieldCode>(code.as_str().into()).unwrap(), *code);
        }
    }
}
