//! Who may do what to a case in which state: pure functions of the case and of how the person
//! asking stands to it, so every rule is tested here without a database or a request.

use crate::http::ApiError;
use chrono::{DateTime, TimeDelta, Utc};
use sha2::{Digest, Sha256};
use tilslut_api::{Case, CaseRole, CaseStatus, DocumentKind, FieldCode, FieldError, LoginFailure, Organisation, ProblemCode};

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
/// many or to mail their representatives over and over.
pub fn within_case_limits(open: i64, started_today: i64) -> Result<(), ApiError> {
    if open >= MAX_OPEN_CASES {
        Err(ApiError::limit(ProblemCode::TooManyCases, format!("You have {open} open cases; close one first.")))
    } else if started_today >= MAX_CASES_PER_DAY {
        Err(ApiError::limit(ProblemCode::TooManyCases, "You have started as many cases as allowed today."))
    } else {
        Ok(())
    }
}

/// A representative starting the connection supersedes an open case of someone who is not (an
/// anmelder's or a documentation case): the organisation's own representative is never blocked.
pub fn supersedes(open_role: CaseRole) -> bool {
    open_role != CaseRole::Representative
}

/// The request repeats the change that made the case what it is (its answer was lost, and the
/// client sent it again): the person made the last change, one version ago, and the case already
/// shows what was asked (`shows_request`). The answer is the case, not a conflict.
pub fn is_replay(case: &Case, version: i64, person_id: &str, shows_request: bool) -> bool {
    shows_request
        && version.checked_add(1) == Some(case.version)
        && case.history.last().and_then(|entry| entry.by.as_ref()).is_some_and(|by| by.id == person_id)
}

/// A representative connects the organisation; anyone else prepares it or sends documentation.
pub fn may_create(role: CaseRole, is_representative: bool) -> Result<(), ApiError> {
    match (role, is_representative) {
        (CaseRole::Representative, false) => Err(forbidden(
            ProblemCode::NotRepresentative,
            "The register does not show you as a management representative of this organisation.",
        )),
        (CaseRole::Anmelder | CaseRole::Documentation, true) => {
            Err(ApiError::conflict(ProblemCode::IsRepresentative, "You are a representative: connect the organisation yourself."))
        }
        _ => Ok(()),
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

/// An operator decides a case waiting for manual review.
pub fn may_decide_manually(case: &Case) -> Result<(), ApiError> {
    ensure_status(case, &[CaseStatus::AwaitingManualReview])
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveDate, Utc};
    use tilslut_api::{Administrator, Approval, CompanyForm, ContextKey, Cvr, DocumentInfo, Organisation, PersonRef, TermsAcceptance};

    const PREPARER: Viewer = Viewer { is_preparer: true, is_representative: false };
    const REPRESENTATIVE: Viewer = Viewer { is_preparer: false, is_representative: true };
    const STRANGER: Viewer = Viewer { is_preparer: false, is_representative: false };

    fn person(id: &str) -> PersonRef {
        PersonRef { id: id.into(), name: id.into() }
    }

    fn case(role: CaseRole, status: CaseStatus) -> Case {
        Case {
            id: "c".into(),
            version: 3,
            organisation: Organisation {
                cvr: Cvr::parse("13748136").unwrap(),
                name: "Test ApS".into(),
                form: CompanyForm::Anpartsselskab,
                connected: false,
            },
            status,
            role,
            started_by: person("anders"),
            approver: None,
            terms: None,
            administrators: Vec::new(),
            setup: Vec::new(),
            approval: None,
            rejection_reason: None,
            decision_due: None,
            documents: Vec::new(),
            history: Vec::new(),
            created_at: Utc::now(),
            updated_at: Utc::now(),
        }
    }

    fn complete(mut case: Case) -> Case {
        case.terms = Some(TermsAcceptance { version: "2026-1".into(), accepted_by: person("lars"), accepted_at: Utc::now() });
        case.administrators = vec![Administrator {
            name: "Mette Jensen".into(),
            email: "mette@firma.dk".into(),
            date_of_birth: NaiveDate::from_ymd_opt(1980, 12, 24).unwrap(),
            is_self: false,
        }];
        case
    }

    fn code<T: std::fmt::Debug>(result: Result<T, ApiError>) -> ProblemCode {
        result.unwrap_err().code()
    }

    fn field_codes<T: std::fmt::Debug>(result: Result<T, ApiError>) -> Vec<(String, FieldCode)> {
        match result.unwrap_err() {
            ApiError::Validation(errors) => errors.into_iter().map(|e| (e.field, e.code)).collect(),
            other => panic!("not a validation problem: {other:?}"),
        }
    }

    #[test]
    fn a_stranger_does_not_see_a_case() {
        assert_eq!(code(ensure_visible(STRANGER)), ProblemCode::NotFound);
        assert!(ensure_visible(PREPARER).is_ok() && ensure_visible(REPRESENTATIVE).is_ok());
    }

    #[test]
    fn a_change_is_made_against_the_current_version() {
        let draft = case(CaseRole::Anmelder, CaseStatus::Draft);
        assert!(ensure_version(&draft, 3).is_ok());
        assert_eq!(code(ensure_version(&draft, 2)), ProblemCode::StaleVersion);
    }

    #[test]
    fn only_representatives_connect_and_only_others_prepare() {
        assert!(may_create(CaseRole::Representative, true).is_ok());
        assert_eq!(code(may_create(CaseRole::Representative, false)), ProblemCode::NotRepresentative);
        assert_eq!(code(may_create(CaseRole::Anmelder, true)), ProblemCode::IsRepresentative);
        assert!(may_create(CaseRole::Anmelder, false).is_ok() && may_create(CaseRole::Documentation, false).is_ok());
    }

    #[test]
    fn a_decided_case_cannot_be_edited() {
        for status in [CaseStatus::Draft, CaseStatus::AwaitingApproval] {
            assert!(may_edit(&case(CaseRole::Anmelder, status), PREPARER).is_ok());
            assert!(may_edit(&case(CaseRole::Anmelder, status), REPRESENTATIVE).is_ok());
        }
        assert_eq!(code(may_edit(&case(CaseRole::Anmelder, CaseStatus::Approved), PREPARER)), ProblemCode::NotAllowed);
        assert_eq!(code(may_edit(&case(CaseRole::Anmelder, CaseStatus::Draft), STRANGER)), ProblemCode::NotAllowed);
    }

    #[test]
    fn the_approver_must_be_a_representative_chosen_by_the_anmelder() {
        let draft = case(CaseRole::Anmelder, CaseStatus::Draft);
        assert!(may_choose_approver(&draft, PREPARER, true).is_ok());
        assert_eq!(field_codes(may_choose_approver(&draft, PREPARER, false)), [("person_id".into(), FieldCode::ApproverNotRepresentative)]);
        assert_eq!(code(may_choose_approver(&draft, REPRESENTATIVE, true)), ProblemCode::NotAllowed);
    }

    #[test]
    fn only_the_terms_in_force_are_accepted() {
        let draft = case(CaseRole::Representative, CaseStatus::Draft);
        assert!(may_accept_terms(&draft, REPRESENTATIVE, "2026-2", "2026-2").is_ok());
        assert_eq!(code(may_accept_terms(&draft, REPRESENTATIVE, "2026-2", "2026-1")), ProblemCode::TermsChanged);
        assert_eq!(
            code(may_accept_terms(&case(CaseRole::Anmelder, CaseStatus::Draft), PREPARER, "x", "x")),
            ProblemCode::NotRepresentative
        );
        assert!(may_accept_terms(&case(CaseRole::Documentation, CaseStatus::Draft), PREPARER, "x", "x").is_ok());
    }

    #[test]
    fn a_preparation_is_submitted_to_its_approver_once_complete() {
        let draft = case(CaseRole::Anmelder, CaseStatus::Draft);
        assert_eq!(
            field_codes(submission(&draft, PREPARER)),
            [("administrators".into(), FieldCode::AdministratorsRequired), ("approver".into(), FieldCode::ApproverRequired)]
        );
        let mut ready = complete(draft);
        ready.approver = Some(person("lars"));
        assert_eq!(submission(&ready, PREPARER).unwrap(), Submission::ToApprover("lars".into()));
        assert_eq!(code(submission(&ready, REPRESENTATIVE)), ProblemCode::NotAllowed);
    }

    #[test]
    fn documentation_needs_both_documents() {
        let mut draft = complete(case(CaseRole::Documentation, CaseStatus::Draft));
        assert_eq!(
            field_codes(submission(&draft, PREPARER)),
            [("documents.identity".into(), FieldCode::DocumentRequired), ("documents.affiliation".into(), FieldCode::DocumentRequired)]
        );
        for kind in [DocumentKind::Identity, DocumentKind::Affiliation] {
            draft.documents.push(DocumentInfo {
                id: kind.as_str().into(),
                kind,
                file_name: "a.pdf".into(),
                content_type: "application/pdf".into(),
                size: 1,
                uploaded_at: Utc::now(),
            });
        }
        assert_eq!(submission(&draft, PREPARER).unwrap(), Submission::ToManualReview);
        assert_eq!(code(submission(&case(CaseRole::Representative, CaseStatus::Draft), PREPARER)), ProblemCode::NotAllowed);
    }

    const FITS: Signer = Signer { context_fits: true, is_chosen_approver: true };

    #[test]
    fn approval_needs_a_representative_the_current_terms_and_an_administrator() {
        let ready = complete(case(CaseRole::Anmelder, CaseStatus::AwaitingApproval));
        assert!(may_approve(&ready, REPRESENTATIVE, FITS, "2026-1").is_ok());
        assert_eq!(code(may_approve(&ready, PREPARER, FITS, "2026-1")), ProblemCode::NotRepresentative);
        assert_eq!(code(may_approve(&ready, REPRESENTATIVE, FITS, "2026-2")), ProblemCode::TermsChanged);
        let no_terms = case(CaseRole::Representative, CaseStatus::Draft);
        assert_eq!(field_codes(may_approve(&no_terms, REPRESENTATIVE, FITS, "2026-1")), [("terms".into(), FieldCode::TermsRequired)]);
        let documentation = complete(case(CaseRole::Documentation, CaseStatus::Draft));
        assert_eq!(code(may_approve(&documentation, REPRESENTATIVE, FITS, "2026-1")), ProblemCode::NotAllowed);
        let approved = complete(case(CaseRole::Representative, CaseStatus::Approved));
        assert_eq!(code(may_approve(&approved, REPRESENTATIVE, FITS, "2026-1")), ProblemCode::WrongStatus);
    }

    #[test]
    fn approval_is_of_a_submitted_preparation_by_its_approver_in_a_fitting_context() {
        let unsubmitted = complete(case(CaseRole::Anmelder, CaseStatus::Draft));
        assert_eq!(code(may_approve(&unsubmitted, REPRESENTATIVE, FITS, "2026-1")), ProblemCode::WrongStatus);
        let ready = complete(case(CaseRole::Anmelder, CaseStatus::AwaitingApproval));
        let other_company = Signer { context_fits: false, ..FITS };
        assert_eq!(code(may_approve(&ready, REPRESENTATIVE, other_company, "2026-1")), ProblemCode::WrongContext);
        let not_chosen = Signer { is_chosen_approver: false, ..FITS };
        assert_eq!(code(may_approve(&ready, REPRESENTATIVE, not_chosen, "2026-1")), ProblemCode::NotApprover);
    }

    #[test]
    fn ceased_and_connected_companies_cannot_be_connected() {
        let organisation = case(CaseRole::Representative, CaseStatus::Draft).organisation;
        assert!(may_connect(&organisation, true).is_ok());
        assert_eq!(code(may_connect(&organisation, false)), ProblemCode::CompanyCeased);
        let connected = Organisation { connected: true, ..organisation };
        assert_eq!(code(may_connect(&connected, true)), ProblemCode::AlreadyConnected);
    }

    #[test]
    fn people_who_are_not_representatives_have_bounded_cases() {
        assert!(within_case_limits(MAX_OPEN_CASES - 1, MAX_CASES_PER_DAY - 1).is_ok());
        assert_eq!(code(within_case_limits(MAX_OPEN_CASES, 0)), ProblemCode::TooManyCases);
        assert_eq!(code(within_case_limits(0, MAX_CASES_PER_DAY)), ProblemCode::TooManyCases);
        assert!(supersedes(CaseRole::Anmelder) && supersedes(CaseRole::Documentation) && !supersedes(CaseRole::Representative));
    }

    #[test]
    fn a_replay_is_the_last_change_by_the_same_person() {
        let mut saved = case(CaseRole::Anmelder, CaseStatus::Draft);
        saved.history.push(tilslut_api::HistoryEntry { at: Utc::now(), by: Some(person("anders")), event: "x".into(), detail: None });
        assert!(is_replay(&saved, saved.version - 1, "anders", true));
        assert!(!is_replay(&saved, saved.version - 1, "anders", false), "the case shows something else");
        assert!(!is_replay(&saved, saved.version - 1, "lars", true), "another person's change");
        assert!(!is_replay(&saved, saved.version - 2, "anders", true), "older than the last change");
        // Any version a request may name, the largest included (schemathesis found it overflowing).
        assert!(!is_replay(&saved, i64::MAX, "anders", true));
        assert!(!is_replay(&saved, i64::MIN, "anders", true));
    }

    #[test]
    fn only_the_approver_of_an_approved_case_repeats_the_approval() {
        let mut approved = case(CaseRole::Representative, CaseStatus::Approved);
        approved.approval = Some(Approval {
            approved_by: person("lars"),
            approved_at: Utc::now(),
            context: ContextKey::Private,
            signing_text: String::new(),
            reference: "TS-1".into(),
            signature: None,
        });
        assert!(is_repeated_approval(&approved, "lars"));
        assert!(!is_repeated_approval(&approved, "jonas"));
        assert!(!is_repeated_approval(&case(CaseRole::Representative, CaseStatus::Draft), "lars"));
    }

    #[test]
    fn rejecting_withdrawing_and_uploading_each_have_their_person_and_status() {
        let waiting = case(CaseRole::Anmelder, CaseStatus::AwaitingApproval);
        assert!(may_reject(&waiting, REPRESENTATIVE).is_ok());
        assert_eq!(code(may_reject(&waiting, PREPARER)), ProblemCode::NotRepresentative);
        assert!(may_reject(&case(CaseRole::Anmelder, CaseStatus::Draft), REPRESENTATIVE).is_ok(), "a stranger's draft");
        assert!(may_reject(&case(CaseRole::Documentation, CaseStatus::AwaitingManualReview), REPRESENTATIVE).is_ok());
        assert_eq!(code(may_reject(&case(CaseRole::Representative, CaseStatus::Draft), REPRESENTATIVE)), ProblemCode::NotAllowed);
        assert_eq!(code(may_reject(&case(CaseRole::Anmelder, CaseStatus::Withdrawn), REPRESENTATIVE)), ProblemCode::WrongStatus);
        assert!(may_withdraw(&waiting, PREPARER).is_ok());
        assert_eq!(code(may_withdraw(&waiting, REPRESENTATIVE)), ProblemCode::NotAllowed);
        assert!(may_upload(&case(CaseRole::Documentation, CaseStatus::Draft), PREPARER).is_ok());
        assert_eq!(code(may_upload(&case(CaseRole::Anmelder, CaseStatus::Draft), PREPARER)), ProblemCode::NotAllowed);
        let mut full = case(CaseRole::Documentation, CaseStatus::Draft);
        full.documents = (0..MAX_DOCUMENTS)
            .map(|i| DocumentInfo {
                id: i.to_string(),
                kind: DocumentKind::Identity,
                file_name: "a.pdf".into(),
                content_type: "application/pdf".into(),
                size: 1,
                uploaded_at: Utc::now(),
            })
            .collect();
        assert_eq!(code(may_upload(&full, PREPARER)), ProblemCode::TooManyDocuments);
        assert_eq!(code(may_decide_manually(&waiting)), ProblemCode::WrongStatus);
    }

    #[test]
    fn a_signature_binds_the_text_that_was_shown() {
        let shown = "Jeg, Lars Nielsen, godkender …";
        assert!(ensure_same_text(&text_digest(shown), shown).is_ok());
        assert_eq!(
            code(ensure_same_text(&text_digest(shown), "Jeg, Lars Nielsen, godkender … (2 administratorer)")),
            ProblemCode::SigningTextChanged
        );
        assert_eq!(text_digest("").len(), 64);
    }

    #[test]
    fn a_login_signs_only_for_the_same_person_fresh_and_after_the_signing_began() {
        let began_at = Utc::now();
        let now = began_at + TimeDelta::minutes(2);
        let login = |returned, authenticated_at| SignatureLogin { began_by: "lars", began_at, returned, authenticated_at };
        let fresh = began_at + TimeDelta::minutes(1);
        assert_eq!(signature_holds(login("lars", Some(fresh)), now), Ok(fresh));
        assert_eq!(signature_holds(login("mette", Some(fresh)), now), Err(LoginFailure::OtherPerson));
        assert_eq!(signature_holds(login("lars", None), now), Err(LoginFailure::Failed), "no auth_time");
        let earlier_session = began_at - TimeDelta::minutes(3);
        assert_eq!(signature_holds(login("lars", Some(earlier_session)), now), Err(LoginFailure::Expired));
        assert_eq!(
            signature_holds(login("lars", Some(fresh)), fresh + SIGNATURE_MAX_AGE + TimeDelta::seconds(1)),
            Err(LoginFailure::Expired)
        );
        assert_eq!(signature_holds(login("lars", Some(now + TimeDelta::minutes(5))), now), Err(LoginFailure::Failed), "from the future");
    }
}
