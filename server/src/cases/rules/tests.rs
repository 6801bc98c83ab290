//! The case rules, each decision tried both ways, without a database.

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
        stated_role: None,
        review_conflict: None,
        history: Vec::new(),
        earlier_history: 0,
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
    assert!(may_create(CaseRole::Representative, true, true).is_ok());
    assert_eq!(code(may_create(CaseRole::Representative, false, true)), ProblemCode::NotRepresentative);
    assert_eq!(code(may_create(CaseRole::Anmelder, true, true)), ProblemCode::IsRepresentative);
    assert!(may_create(CaseRole::Anmelder, false, true).is_ok());
}

#[test]
fn documentation_is_only_for_an_organisation_whose_representatives_the_register_does_not_show() {
    assert!(may_create(CaseRole::Documentation, false, false).is_ok());
    assert_eq!(code(may_create(CaseRole::Documentation, false, true)), ProblemCode::RegisterShowsRepresentatives);
    assert_eq!(code(may_create(CaseRole::Documentation, true, true)), ProblemCode::IsRepresentative);
}

#[test]
fn nobody_decides_a_case_she_is_part_of() {
    let mut sent = case(CaseRole::Documentation, CaseStatus::AwaitingManualReview);
    sent.administrators = complete(sent.clone()).administrators;
    sent.administrators[0].email = "Signe@Example.dk".into();
    assert_eq!(review_conflict(&sent, "anders", "", false), Some(ReviewConflict::StartedByYou));
    assert_eq!(review_conflict(&sent, "signe", "signe@example.dk", false), Some(ReviewConflict::YouAreAdministrator));
    assert_eq!(review_conflict(&sent, "signe", "signe@other.dk", true), Some(ReviewConflict::YouAreInTheRegister));
    assert_eq!(review_conflict(&sent, "signe", "", false), None, "no address matches an empty one");
    assert_eq!(code(may_decide_manually(&sent, Some(ReviewConflict::StartedByYou))), ProblemCode::OwnCase);
    assert!(may_decide_manually(&sent, None).is_ok());
    assert!(is_sent_for_review(&sent));
    assert!(!is_sent_for_review(&case(CaseRole::Documentation, CaseStatus::Draft)), "a draft's documents are the applicant's own");
    assert!(!is_sent_for_review(&case(CaseRole::Anmelder, CaseStatus::AwaitingApproval)));
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
    assert_eq!(code(may_accept_terms(&case(CaseRole::Anmelder, CaseStatus::Draft), PREPARER, "x", "x")), ProblemCode::NotRepresentative);
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
fn the_reference_text_names_the_organisation_and_its_cvr_within_what_mitid_shows() {
    let organisation = case(CaseRole::Representative, CaseStatus::Draft).organisation;
    assert_eq!(reference_text(&organisation, Language::Da), "Tilslut Test ApS (CVR 13748136) til MitID Erhverv");
    assert_eq!(reference_text(&organisation, Language::En), "Connect Test ApS (CVR 13748136) to MitID Erhverv");
    let long = Organisation { name: "Å".repeat(200), ..organisation };
    let text = reference_text(&long, Language::Da);
    assert_eq!(text.chars().count(), MAX_REFERENCE_TEXT);
    assert!(text.ends_with("ÅÅ… (CVR 13748136) til MitID Erhverv"), "{text}");
}

#[test]
fn people_who_are_not_representatives_have_bounded_cases() {
    let now = Utc::now();
    assert!(within_case_limits(MAX_OPEN_CASES - 1, MAX_CASES_PER_DAY - 1, Some(now), now).is_ok());
    let too_many_open = within_case_limits(MAX_OPEN_CASES, 0, None, now);
    assert!(matches!(too_many_open, Err(ApiError::Limit { code: ProblemCode::TooManyCases, retry_after: None, .. })));
    let first_started = now - TimeDelta::hours(23);
    let too_many_today = within_case_limits(0, MAX_CASES_PER_DAY, Some(first_started), now);
    let hour = Some(60 * 60);
    assert!(matches!(too_many_today, Err(ApiError::Limit { code: ProblemCode::TooManyCases, retry_after, .. }) if retry_after == hour));
    for prepared in [CaseRole::Anmelder, CaseRole::Documentation] {
        assert!(supersedes(prepared, true).unwrap());
        assert_eq!(code(supersedes(prepared, false)), ProblemCode::PreparationWaiting, "never closed unasked");
    }
    assert!(!supersedes(CaseRole::Representative, true).unwrap());
}

#[test]
fn a_replay_is_the_last_change_by_the_same_person() {
    let mut saved = case(CaseRole::Anmelder, CaseStatus::Draft);
    saved.history.push(tilslut_api::HistoryEntry {
        number: 1,
        at: Utc::now(),
        by: Some(person("anders")),
        event: "x".into(),
        detail: None,
    });
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
    assert_eq!(code(may_decide_manually(&waiting, None)), ProblemCode::WrongStatus);
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
    assert_eq!(signature_holds(login("lars", Some(fresh)), fresh + SIGNATURE_MAX_AGE + TimeDelta::seconds(1)), Err(LoginFailure::Expired));
    assert_eq!(signature_holds(login("lars", Some(now + TimeDelta::minutes(5))), now), Err(LoginFailure::Failed), "from the future");
}
