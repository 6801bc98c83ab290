//! Who is logged in, and in whose name they act ("privat til erhverv").

use crate::cvr::Cvr;
use crate::model::CompanyForm;
use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

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
    /// The person reviews documentation cases for MitID Erhverv.
    #[serde(default)]
    pub caseworker: bool,
    /// The person's e-mail address as the service knows it (from the broker or the register's
    /// demo); empty when it knows none.
    #[serde(default)]
    pub email: String,
    /// Whether the person has confirmed `email`: mail goes to a person at a confirmed address only.
    #[serde(default)]
    pub email_confirmed: bool,
    /// The address a confirmation code was sent to and waits for, if one does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email_pending: Option<String>,
}

/// `PUT /api/session/email`: the address the person wants their mail at; a code is sent there.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct GiveEmailRequest {
    /// The address.
    #[cfg_attr(feature = "openapi", schema(format = Email, min_length = 3, max_length = 254))]
    pub email: String,
}

/// `POST /api/session/email/confirm`: the code the person received at the address they gave.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ConfirmEmailRequest {
    /// Six digits, as typed (spaces and dashes between them are left out).
    #[cfg_attr(feature = "openapi", schema(pattern = r"^[\s-]*([0-9][\s-]*){6}$"))]
    pub code: String,
}

/// `PUT /api/session/context`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ChooseContextRequest {
    /// The context to act in; the server checks the register.
    pub context: ContextKey,
}

#[cfg(test)]
mod tests {
    use super::*;

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

/// Why a login through the identity provider did not succeed, as the app's login page is told
/// (`/log-ind?fejl=<code>`); and why a signing (a login again) did not, as the page the person
/// signed from is told (`?underskrift=<code>`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoginFailure {
    /// The person cancelled at the provider, or the provider refused.
    Cancelled,
    /// It took too long, or its answer came twice or to another browser.
    Expired,
    /// The provider's answer did not hold up (state, code, token or nonce).
    Failed,
    /// Signing only: somebody else logged in at the provider than the person who began.
    OtherPerson,
    /// Signing only: the case, its text or the person's rights changed meanwhile; nothing signed.
    Refused,
    /// The login was below the assurance level the service needs (substantial).
    LowAssurance,
    /// Signing only: the broker says MitID showed another text than the one sent.
    TextMismatch,
}

wire_names!(LoginFailure {
    Cancelled = "afbrudt",
    Expired = "udloebet",
    Failed = "mislykket",
    OtherPerson = "anden-person",
    Refused = "afvist",
    LowAssurance = "sikringsniveau",
    TextMismatch = "tekst-afviger",
});

/// `POST /api/logout`'s answer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct LoggedOut {
    /// Where the browser goes next to be logged out at the identity provider too (its
    /// `end_session_endpoint`), when there is one.
    pub provider_logout: Option<String>,
}
