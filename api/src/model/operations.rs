//! Health, and the development-only operations (demo login, mailbox, terms in force at once).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// `GET /api/health` and `GET /api/health/live`.
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

/// `POST /api/dev/terms` (development only): a new version of the terms in force at once, so a
/// person can meet a case whose accepted terms are no longer the current ones without waiting
/// the months a real publication gives notice.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DevTermsRequest {
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
    /// `receipt`, `administrator_setup`, `approval_requested`, `sent_for_review`, `case_approved`, `case_rejected`…
    pub kind: String,
    /// The case it is about, if any.
    pub case_id: Option<String>,
    /// When it was queued.
    pub created_at: DateTime<Utc>,
}
