//! Who may do what to a case in which state: pure functions of the case and of how the person
//! asking stands to it, so every rule is tested here without a database or a request.

use crate::adapters::oidc::broker::MAX_REFERENCE_TEXT;
use crate::http::ApiError;
use chrono::{DateTime, TimeDelta, Utc};
use sha2::{Digest, Sha256};
use tilslut_api::{
    Case, CaseRole, CaseStatus, DocumentKind, FieldCode, FieldError, Language, LoginFailure, Organisation, ProblemCode, ReviewConflict,
};

/// A draft nobody has touched for this long expires, so an abandoned (or a stranger's) draft
/// does not block the organisation's onboarding.
pub const DRAFT_LIFETIME: chrono::Duration = chrono::Duration::days(30);
/// How many open cases a person who is not a representative may have at once: a bookkeeper
/// prepares for several clients, nobody for the whole register.
pub const MAX_OPEN_CASES: i64 = 10;
/// How many cases a person who is not a representative may start in a day.
pub const MAX_CASES_PER_DAY: i64 = 20;
/// How many documents one documentation case can hold.
pub const MAX_DOCUMENTS: usize = 10;

/// How the person asking stands to a case, from the case and the register.
#[derive(Clone, Copy, Debug, Default)]
pub struct Viewer {
    /// Started the case.
    pub is_preparer: bool,
    /// A management representative of its organisation, by the register.
    pub is_representative: bool,
}

fn forbidden(code: ProblemCode, detail: &str) -> ApiError {
    ApiError::forbidden(code, detail)
}

/// Only the preparer and the organisation's representatives see a case; to anyone else it does
/// not exist, so a stranger learns nothing.
pub fn ensure_visible(viewer: Viewer) -> Result<(), ApiError> {
    if viewer.is_preparer || viewer.is_representative {
        Ok(())
    } else {
        Err(ApiError::NotFound("case"))
    }
}

/// A new set-up link goes to administrator `email` of a connected organisation who has not
/// confirmed, sent by the person who approved or another representative: the administrator's
/// place in the list.
pub fn may_renew_setup_link(case: &Case, viewer: Viewer, person_id: &str, email: &str) -> Result<usize, ApiError> {
    if case.status != CaseStatus::Approved {
        return Err(ApiError::conflict(ProblemCode::WrongStatus, "Set-up links are sent once the organisation is connected."));
    }
    let approved_it = case.approval.as_ref().is_some_and(|a| a.approved_by.id == person_id);
    if !approved_it && !viewer.is_representative {
        return Err(ApiError::forbidden(ProblemCode::NotRepresentative, "Only a representative of the organisation sends a new link."));
    }
    let index = case.administrators.iter().position(|a| a.email == email).ok_or(ApiError::NotFound("administrator"))?;
    if case.setup.iter().any(|link| link.email == email && link.confirmed_at.is_some()) {
        return Err(ApiError::Gone { code: ProblemCode::SetupLinkUsed, detail: "The administrator has confirmed already.".into() });
    }
    Ok(index)
}

/// The change was made against the case as it is now.
pub fn ensure_version(case: &Case, version: i64) -> Result<(), ApiError> {
    if case.version == version {
        Ok(())
    } else {
        Err(ApiError::conflict(ProblemCode::StaleVersion, format!("The case changed meanwhile (now version {}); reload it.", case.version)))
    }
}

fn ensure_status(case: &Case, allowed: &[CaseStatus]) -> Result<(), ApiError> {
    if allowed.contains(&case.status) {
        Ok(())
    } else {
        Err(ApiError::conflict(ProblemCode::WrongStatus, format!("Not possible while the case is {}.", case.status.as_str())))
    }
}

/// Only an organisation that is neither connected nor ceased can be connected: checked when a
/// case starts and again, with the register asked afresh, when it is approved.
pub fn may_connect(organisation: &Organisation, active: bool) -> Result<(), ApiError> {
    if organisation.connected {
        Err(ApiError::conflict(ProblemCode::AlreadyConnected, format!("{} is already connected.", organisation.name)))
    } else if !active {
        Err(ApiError::conflict(ProblemCode::CompanyCeased, format!("The register shows {} as ceased.", organisation.name)))
    } else {
        Ok(())
    }
}

/// A person who is not a representative may have [`MAX_OPEN_CASES`] open and start
/// [`MAX_CASES_PER_DAY`] a day: enough to prepare for several organisations, too few to block
/// many or to mail their representatives over and over. `started` counts the cases begun in the
/// last day, the first of them at `first_started`; the day's limit lifts when that one is a day
/// old, which the answer's `Retry-After` says. The open limit lifts when the person closes one.
pub fn within_case_limits(open: i64, started: i64, first_started: Option<DateTime<Utc>>, now: DateTime<Utc>) -> Result<(), ApiError> {
    if open >= MAX_OPEN_CASES {
        Err(ApiError::limit(ProblemCode::TooManyCases, format!("You have {open} open cases; close one first."), None))
    } else if started >= MAX_CASES_PER_DAY {
        let lifts = first_started.unwrap_or(now) + TimeDelta::days(1);
        let retry_after = u64::try_from((lifts - now).num_seconds()).unwrap_or(0).max(1);
        Err(ApiError::limit(ProblemCode::TooManyCases, "You have started as many cases as allowed in a day.", Some(retry_after)))
    } else {
        Ok(())
    }
}

/// Whether a representative starting the connection closes the open case of someone who is not
/// (an anmelder's or a documentation case): the organisation's own representative is never
/// blocked, but somebody's work is closed only when the representative asks to (`asked`);
/// otherwise they are told it is waiting for them.
pub fn supersedes(open_role: CaseRole, asked: bool) -> Result<bool, ApiError> {
    match (open_role, asked) {
        (CaseRole::Representative, _) => Ok(false),
        (_, true) => Ok(true),
        (_, false) => Err(ApiError::conflict(
            ProblemCode::PreparationWaiting,
            "Someone has prepared this connection: review it, or start afresh, which closes it and tells them.",
        )),
    }
}

/// The request repeats the change that made the case what it is (its answer was lost, and the
/// client sent it again): the person made the last change, one version ago, and the case already
/// shows what was asked (`shows_request`). The answer is the case, not a conflict.
pub fn is_replay(case: &Case, version: i64, person_id: &str, shows_request: bool) -> bool {
    shows_request
        && version.checked_add(1) == Some(case.version)
        && case.history.last().and_then(|entry| entry.by.as_ref()).is_some_and(|by| by.id == person_id)
}

/// A representative connects the organisation; anyone else prepares it, for a representative to
/// approve. Documentation is only for an organisation whose representatives the register does not
/// show (a foundation, an authority, an association without a registered board): where it shows
/// them, documentation would let someone connect it without them (seed 000: the anmelder cannot
/// connect the organisation alone).
pub fn may_create(role: CaseRole, is_representative: bool, register_shows_representatives: bool) -> Result<(), ApiError> {
    match (role, is_representative) {
        (CaseRole::Representative, false) => Err(forbidden(
            ProblemCode::NotRepresentative,
            "The register does not show you as a management representative of this organisation.",
        )),
        (CaseRole::Anmelder | CaseRole::Documentation, true) => {
            Err(ApiError::conflict(ProblemCode::IsRepresentative, "You are a representative: connect the organisation yourself."))
        }
        (CaseRole::Documentation, false) if register_shows_representatives => Err(ApiError::conflict(
            ProblemCode::RegisterShowsRepresentatives,
            "The register shows who represents this organisation: prepare the connection as anmelder, and one of them approves it.",
        )),
        _ => Ok(()),
    }
}

/// Why `caseworker` may not decide `case`, if she may not: she sent it, is named as one of its
/// administrators (by e-mail address), or the register shows her in the organisation.
pub fn review_conflict(case: &Case, caseworker_id: &str, caseworker_email: &str, in_the_register: bool) -> Option<ReviewConflict> {
    let named = |admin: &tilslut_api::Administrator| !caseworker_email.is_empty() && admin.email.eq_ignore_ascii_case(caseworker_email);
    if case.started_by.id == caseworker_id {
        Some(ReviewConflict::StartedByYou)
    } else if case.administrators.iter().any(named) {
        Some(ReviewConflict::YouAreAdministrator)
    } else if in_the_register {
        Some(ReviewConflict::YouAreInTheRegister)
    } else {
        None
    }
}

/// The preparer edits a draft and may still change a submitted preparation; a representative
/// may change a case that is not yet decided.
pub fn may_edit(case: &Case, viewer: Viewer) -> Result<(), ApiError> {
    let open_to_preparer = matches!(case.status, CaseStatus::Draft | CaseStatus::AwaitingApproval);
    if (viewer.is_preparer || viewer.is_representative) && open_to_preparer {
        Ok(())
    } else {
        Err(forbidden(ProblemCode::NotAllowed, "You cannot change this case now."))
    }
}

/// A preparer's change to a submitted preparation is sent to its approver again.
pub fn resubmits(case: &Case, viewer: Viewer) -> bool {
    viewer.is_preparer && case.status == CaseStatus::AwaitingApproval && case.approver.is_some()
}

/// The anmelder chooses which representative approves, while the preparation is open.
pub fn may_choose_approver(case: &Case, viewer: Viewer, approver_is_representative: bool) -> Result<(), ApiError> {
    if !viewer.is_preparer || case.role != CaseRole::Anmelder {
        return Err(forbidden(ProblemCode::NotAllowed, "Only the anmelder chooses who approves."));
    }
    ensure_status(case, &[CaseStatus::Draft, CaseStatus::AwaitingApproval])?;
    if approver_is_representative {
        Ok(())
    } else {
        Err(ApiError::field("person_id", FieldCode::ApproverNotRepresentative))
    }
}

/// A representative accepts the terms, or the person sending documentation; only the version in
/// force can be accepted.
pub fn may_accept_terms(case: &Case, viewer: Viewer, in_force: &str, accepted: &str) -> Result<(), ApiError> {
    let documentation_starter = case.role == CaseRole::Documentation && viewer.is_preparer;
    if !viewer.is_representative && !documentation_starter {
        return Err(forbidden(ProblemCode::NotRepresentative, "Only a management representative accepts the terms."));
    }
    ensure_status(case, &[CaseStatus::Draft, CaseStatus::AwaitingApproval])?;
    if in_force == accepted {
        Ok(())
    } else {
        Err(ApiError::conflict(ProblemCode::TermsChanged, format!("The terms now in force are version {in_force}.")))
    }
}

/// Where a submitted case goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Submission {
    /// A preparation, to the representative the anmelder chose (their person id).
    ToApprover(String),
    /// Documentation, to manual review.
    ToManualReview,
}

/// The preparer submits a complete draft: a preparation needs administrators and an approver;
/// documentation needs administrators, the terms, and proof of identity and of affiliation.
pub fn submission(case: &Case, viewer: Viewer) -> Result<Submission, ApiError> {
    if !viewer.is_preparer || case.role == CaseRole::Representative {
        return Err(forbidden(ProblemCode::NotAllowed, "A representative approves instead of submitting."));
    }
    ensure_status(case, &[CaseStatus::Draft])?;
    let mut missing = Vec::new();
    if case.administrators.is_empty() {
        missing.push(FieldError::new("administrators", FieldCode::AdministratorsRequired));
    }
    if case.role == CaseRole::Anmelder {
        return match &case.approver {
            Some(approver) if missing.is_empty() => Ok(Submission::ToApprover(approver.id.clone())),
            approver => {
                if approver.is_none() {
                    missing.push(FieldError::new("approver", FieldCode::ApproverRequired));
                }
                Err(ApiError::Validation(missing))
            }
        };
    }
    if case.terms.is_none() {
        missing.push(FieldError::new("terms", FieldCode::TermsRequired));
    }
    for kind in [DocumentKind::Identity, DocumentKind::Affiliation] {
        if !case.documents.iter().any(|d| d.kind == kind) {
            missing.push(FieldError::new(format!("documents.{}", kind.as_str()), FieldCode::DocumentRequired));
        }
    }
    if missing.is_empty() {
        Ok(Submission::ToManualReview)
    } else {
        Err(ApiError::Validation(missing))
    }
}

/// The same person approving an approved case again (a double click, a retried request): the
/// answer is the approved case, and nothing changes.
pub fn is_repeated_approval(case: &Case, person_id: &str) -> bool {
    case.status == CaseStatus::Approved && case.approval.as_ref().is_some_and(|a| a.approved_by.id == person_id)
}

/// How the person approving stands, beyond being a representative.
#[derive(Clone, Copy, Debug)]
pub struct Signer {
    /// Acting privately, or for the organisation being connected (not for another company).
    pub context_fits: bool,
    /// No approver was chosen, or it is this person.
    pub is_chosen_approver: bool,
}

/// A representative approves their own draft, or a preparation submitted to them, in a context
/// that fits, once the terms in force are accepted and there is an administrator. A
/// documentation case is decided by manual review.
pub fn may_approve(case: &Case, viewer: Viewer, signer: Signer, in_force: &str) -> Result<(), ApiError> {
    if !viewer.is_representative {
        return Err(forbidden(ProblemCode::NotRepresentative, "Only a management representative can approve."));
    }
    match case.role {
        CaseRole::Documentation => return Err(forbidden(ProblemCode::NotAllowed, "This case is decided by manual review.")),
        CaseRole::Anmelder => ensure_status(case, &[CaseStatus::AwaitingApproval])?,
        CaseRole::Representative => ensure_status(case, &[CaseStatus::Draft])?,
    }
    if !signer.context_fits {
        return Err(forbidden(ProblemCode::WrongContext, "Approve privately or as the organisation being connected."));
    }
    if !signer.is_chosen_approver {
        return Err(forbidden(ProblemCode::NotApprover, "The anmelder asked another representative to approve."));
    }
    match &case.terms {
        Some(accepted) if accepted.version == in_force => {}
        Some(_) => return Err(ApiError::conflict(ProblemCode::TermsChanged, "The terms changed; accept the new version first.")),
        None => return Err(ApiError::field("terms", FieldCode::TermsRequired)),
    }
    if case.administrators.is_empty() {
        return Err(ApiError::field("administrators", FieldCode::AdministratorsRequired));
    }
    Ok(())
}

/// SHA-256 of a signing text, in hex: what a signature is bound to.
pub fn text_digest(text: &str) -> String {
    format!("{:x}", Sha256::digest(text.as_bytes()))
}

/// The text the person saw (its digest) must be the one the server records now: a signature
/// binds what was read, and a case, terms or context changed since gives another text.
pub fn ensure_same_text(shown_sha256: &str, text_now: &str) -> Result<(), ApiError> {
    if shown_sha256 == text_digest(text_now) {
        Ok(())
    } else {
        Err(ApiError::conflict(ProblemCode::SigningTextChanged, "The text to sign has changed; read the new text and sign that."))
    }
}

/// The short text MitID shows as the person signs: what they connect, in their language, at most
/// [`MAX_REFERENCE_TEXT`] characters (a long name is shortened, the CVR number never).
pub fn reference_text(organisation: &Organisation, language: Language) -> String {
    let (before, after) = match language {
        Language::Da => ("Tilslut ", " til MitID Erhverv"),
        Language::En => ("Connect ", " to MitID Erhverv"),
    };
    let cvr = format!(" (CVR {})", organisation.cvr);
    let room = MAX_REFERENCE_TEXT - [before, after, &cvr].iter().map(|part| part.chars().count()).sum::<usize>();
    let name = if organisation.name.chars().count() > room {
        organisation.name.chars().take(room - 1).chain(['…']).collect()
    } else {
        organisation.name.clone()
    };
    format!("{before}{name}{cvr}{after}")
}

/// How long an authentication at the provider counts as a signature.
pub const SIGNATURE_MAX_AGE: TimeDelta = TimeDelta::minutes(5);
/// How far the provider's clock and this server's may differ.
const CLOCK_SKEW: TimeDelta = TimeDelta::seconds(60);

/// The facts of a login at the provider that is to be a signature.
#[derive(Clone, Copy, Debug)]
pub struct SignatureLogin<'a> {
    /// Who began the signing here, and when.
    pub began_by: &'a str,
    pub began_at: DateTime<Utc>,
    /// Who logged in at the provider, and when they authenticated (`auth_time`).
    pub returned: &'a str,
    pub authenticated_at: Option<DateTime<Utc>>,
}

/// A login at the provider is a signature only by the person who began it, authenticated anew
/// after it began (not a provider session reused) and a moment ago.
pub fn signature_holds(login: SignatureLogin, now: DateTime<Utc>) -> Result<DateTime<Utc>, LoginFailure> {
    if login.returned != login.began_by {
        return Err(LoginFailure::OtherPerson);
    }
    let at = login.authenticated_at.ok_or(LoginFailure::Failed)?;
    if at > now + CLOCK_SKEW {
        return Err(LoginFailure::Failed);
    }
    if at < login.began_at - CLOCK_SKEW || now - at > SIGNATURE_MAX_AGE {
        return Err(LoginFailure::Expired);
    }
    Ok(at)
}

/// A representative closes, with a reason, any open case of the organisation that someone who is
/// not a representative started: a preparation sent to them, a draft, or documentation.
pub fn may_reject(case: &Case, viewer: Viewer) -> Result<(), ApiError> {
    if !viewer.is_representative {
        return Err(forbidden(ProblemCode::NotRepresentative, "Only a management representative can reject."));
    }
    if case.role == CaseRole::Representative {
        return Err(forbidden(ProblemCode::NotAllowed, "A representative's own case is withdrawn, not rejected."));
    }
    ensure_status(case, &[CaseStatus::Draft, CaseStatus::AwaitingApproval, CaseStatus::AwaitingManualReview])
}

/// The preparer withdraws a case that is not yet decided.
pub fn may_withdraw(case: &Case, viewer: Viewer) -> Result<(), ApiError> {
    if !viewer.is_preparer {
        return Err(forbidden(ProblemCode::NotAllowed, "Only the person who started the case can withdraw it."));
    }
    ensure_status(case, &[CaseStatus::Draft, CaseStatus::AwaitingApproval])
}

/// Documents belong to the draft of a documentation case, sent by its preparer, at most
/// [`MAX_DOCUMENTS`] of them.
pub fn may_upload(case: &Case, viewer: Viewer) -> Result<(), ApiError> {
    if !viewer.is_preparer || case.role != CaseRole::Documentation {
        return Err(forbidden(ProblemCode::NotAllowed, "Documentation belongs to a documentation case."));
    }
    ensure_status(case, &[CaseStatus::Draft])?;
    if case.documents.len() >= MAX_DOCUMENTS {
        return Err(ApiError::conflict(ProblemCode::TooManyDocuments, format!("A case holds at most {MAX_DOCUMENTS} documents.")));
    }
    Ok(())
}

/// An operator decides a case waiting for manual review, unless it is her own ([`review_conflict`]).
pub fn may_decide_manually(case: &Case, conflict: Option<ReviewConflict>) -> Result<(), ApiError> {
    if conflict.is_some() {
        return Err(forbidden(ProblemCode::OwnCase, "You are part of this case: another caseworker decides it."));
    }
    ensure_status(case, &[CaseStatus::AwaitingManualReview])
}

/// A caseworker sees documentation that has been sent: not a draft, whose documents are still the
/// applicant's own.
pub fn is_sent_for_review(case: &Case) -> bool {
    case.role == CaseRole::Documentation && case.status != CaseStatus::Draft
}

#[cfg(test)]
mod tests;
