//! What happens after a connection and around it: the administrators' set-up links, and the
//! caseworker's review of documentation and publishing of terms.

use crate::model::{Organisation, PersonRef};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// New terms take effect at the earliest this many months after they are published (seed 000:
/// "De nye vilkår vil være gældende 3 måneder efter vilkårsopdateringen er sendt").
pub const TERMS_NOTICE_MONTHS: u32 = 3;

/// The earliest day terms published on `today` may take effect.
///
/// ```
/// use chrono::NaiveDate;
///
/// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// assert_eq!(tilslut_api::earliest_effective_day(day(2026, 12, 4)), day(2027, 3, 4));
/// // The end of a month stays within the month: 30 November + 3 months is 28 February.
/// assert_eq!(tilslut_api::earliest_effective_day(day(2026, 11, 30)), day(2027, 2, 28));
/// ```
pub fn earliest_effective_day(today: NaiveDate) -> NaiveDate {
    today.checked_add_months(chrono::Months::new(TERMS_NOTICE_MONTHS)).unwrap_or(NaiveDate::MAX)
}

/// How many events of a case's history one answer carries, the case's own or a page of it.
pub const HISTORY_PAGE: u32 = 50;

/// `GET /api/review/cases/{id}/history?before=n`: the [`HISTORY_PAGE`] events before the `n`th, oldest first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct HistoryPage {
    /// The events, oldest first.
    pub entries: Vec<crate::HistoryEntry>,
    /// How many events came before the first in `entries`.
    pub earlier: u32,
}

/// `POST /api/cases/{id}/setup-link`: a new set-up link for an administrator who has not confirmed
/// (theirs expired, or the mail was lost); the old link stops working.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RenewSetupLinkRequest {
    /// The case version the request was made against.
    #[serde(deserialize_with = "crate::model::integer")]
    pub version: i64,
    /// The administrator's e-mail address, as designated.
    pub email: String,
}

/// `GET /api/setup/{token}`: what an administrator's set-up link is about.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct SetupLink {
    /// The organisation the administrator sets up.
    pub organisation: Organisation,
    /// The administrator's name, as designated.
    pub name: String,
    /// The address the link was sent to.
    pub email: String,
    /// The last day the link works.
    pub expires_on: NaiveDate,
    /// Where the administrator goes on to set the organisation up, once the address is confirmed.
    pub next: String,
}

/// How far a designated administrator has come with the set-up link, as the case shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct AdministratorSetup {
    /// The administrator's e-mail address.
    pub email: String,
    /// When they confirmed it through the link; none yet.
    pub confirmed_at: Option<DateTime<Utc>>,
    /// The last day their link works.
    pub expires_on: NaiveDate,
}

/// A documentation case in the caseworker's queue.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ReviewItem {
    /// The case's id.
    pub case_id: String,
    /// The organisation to connect.
    pub organisation: Organisation,
    /// Who sent the documentation.
    pub started_by: PersonRef,
    /// The day a decision is due (10 Danish working days after it was sent).
    pub decision_due: NaiveDate,
    /// The due day has passed.
    pub overdue: bool,
    /// How many documents were sent.
    pub documents: u32,
    /// Why the caseworker asking may not decide it, if she may not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conflict: Option<ReviewConflict>,
}

/// Why a caseworker may not decide a case: she is part of it. Nobody decides their own case.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReviewConflict {
    /// She sent the documentation herself.
    StartedByYou,
    /// She is named as one of its administrators.
    YouAreAdministrator,
    /// The register shows her in the organisation (any role: owner, board, management).
    YouAreInTheRegister,
}

/// `POST /api/review/cases/{id}/decision`: the caseworker's decision.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DecisionRequest {
    /// The case version the caseworker saw.
    #[serde(deserialize_with = "crate::model::integer")]
    pub version: i64,
    /// Approve (`true`) or reject.
    pub approve: bool,
    /// Why, sent to the person; required when rejecting.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 1000, pattern = r"\S"))]
    pub reason: Option<String>,
}

/// `POST /api/review/terms`: a new version of the terms, in force from `effective_from`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PublishTermsRequest {
    /// The new version's name.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 40, pattern = r"\S"))]
    pub version: String,
    /// Title.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200, pattern = r"\S"))]
    pub title: String,
    /// The full text, paragraphs separated by blank lines.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 10000, pattern = r"\S"))]
    pub body: String,
    /// The day they take effect: at least [`TERMS_NOTICE_MONTHS`] months from today.
    pub effective_from: NaiveDate,
}
