//! The change machinery: a case loaded with the register's view of its organisation, and one
//! change to it in one transaction — held, version checked, rules asked, changed, version moved
//! on, committed — or none at all.

use crate::adapters::register::Participation;
use crate::audit::audit;
use crate::cases::rules::{self, Viewer};
use crate::cases::store;
use crate::db::{begin_write, Conn, Tx};
use crate::history;
use crate::http::ApiError;
use crate::session::User;
use crate::{setup, AppState};
use tilslut_api::{Case, Cvr, Organisation, ProblemCode};

/// A case as loaded for a decision: the case, and its organisation's participants and standing
/// in the register.
pub(super) struct Loaded {
    pub(super) case: Case,
    participants: Vec<Participation>,
    pub(super) company_active: bool,
}

/// Whether the register shows `person_id` as a management representative among `participants`.
pub(super) fn represents(participants: &[Participation], person_id: &str) -> bool {
    participants.iter().any(|p| p.person_id == person_id && p.is_representative())
}

impl Loaded {
    pub(super) fn is_representative(&self, person_id: &str) -> bool {
        represents(&self.participants, person_id)
    }

    /// Whether the register shows `person_id` in the organisation in any role.
    pub(super) fn in_the_register(&self, person_id: &str) -> bool {
        self.participants.iter().any(|p| p.person_id == person_id)
    }

    pub(super) fn viewer(&self, user: &User) -> Viewer {
        Viewer { is_preparer: self.case.started_by.id == user.person.id, is_representative: self.is_representative(&user.person.id) }
    }

    pub(super) fn id(&self) -> &str {
        &self.case.id
    }
}

/// The register's view of a case's organisation. Asked before a transaction begins, never inside
/// one: the register is not this database (in production, a web service), and a transaction
/// holding the write lock must not wait for it, nor for another connection from the pool.
pub(super) struct RegisterView {
    pub(super) organisation: Organisation,
    pub(super) participants: Vec<Participation>,
    pub(super) active: bool,
}

pub(super) async fn register_view(state: &AppState, cvr: &Cvr) -> Result<RegisterView, ApiError> {
    let company = state.register.company(cvr).await?.ok_or(ApiError::NotFound("organisation"))?;
    let participants = state.register.participants_of_company(cvr).await?;
    let connected = store::is_connected(&state.pool, cvr).await?;
    Ok(RegisterView { organisation: company.organisation(connected), participants, active: company.active })
}

/// The register's view of case `id`'s organisation (a case's organisation never changes).
async fn register_view_of_case(state: &AppState, id: &str) -> Result<RegisterView, ApiError> {
    let cvr = store::cvr_of(&state.pool, id).await?.ok_or(ApiError::NotFound("case"))?;
    register_view(state, &cvr).await
}

/// Case `id` as the database holds it now, with the register's view of its organisation.
pub(super) async fn load_with(conn: &mut Conn, id: &str, view: RegisterView) -> Result<Loaded, ApiError> {
    let row = store::case_row(conn, id).await?.ok_or(ApiError::NotFound("case"))?;
    let documents = store::documents(conn, id).await?;
    let history = history::of_case(conn, id, None).await?;
    let mut case = row.into_case(view.organisation, documents, history)?;
    case.setup = setup::service::of_case(conn, id, &case.administrators).await?;
    Ok(Loaded { case, participants: view.participants, company_active: view.active })
}

pub(super) async fn load(state: &AppState, conn: &mut Conn, id: &str) -> Result<Loaded, ApiError> {
    let view = register_view_of_case(state, id).await?;
    load_with(conn, id, view).await
}

/// A refused authorisation goes to the audit log as `what`. Written outside any transaction: one
/// that rolls back would take the record with it.
pub(super) async fn audited<T>(state: &AppState, user: &User, what: &str, outcome: Result<T, ApiError>) -> Result<T, ApiError> {
    if let Err(ApiError::Forbidden { .. }) = &outcome {
        audit(&state.pool, Some(&user.person.id), "authorisation_failed", what).await;
    }
    outcome
}

/// One change to a case: the transaction and the case as loaded in it.
pub(super) struct Change {
    tx: Tx,
    pub(super) loaded: Loaded,
}

impl Change {
    pub(super) async fn open(state: &AppState, id: &str) -> Result<Change, ApiError> {
        let view = register_view_of_case(state, id).await?;
        let mut tx = begin_write(&state.pool).await?;
        store::hold_case(&mut tx, id).await?;
        let loaded = load_with(&mut tx, id, view).await?;
        Ok(Change { tx, loaded })
    }

    /// The change's transaction, to read in before the change is applied.
    pub(super) fn conn(&mut self) -> &mut Conn {
        &mut self.tx
    }

    /// Opens the change for `user`, who must be able to see the case.
    pub(super) async fn open_for(state: &AppState, user: &User, id: &str) -> Result<Change, ApiError> {
        let change = Change::open(state, id).await?;
        rules::ensure_visible(change.loaded.viewer(user))?;
        Ok(change)
    }

    /// Checks the version and makes the change (`change` asks the rules first); on success as
    /// [`Change::finish`], on failure rolled back and a refusal audited. A replay of the change
    /// that made the case what it is (`shows_request` says the case shows what was asked) answers
    /// with the case: a retried save whose answer was lost gets the saved case, not a conflict.
    pub(super) async fn apply(
        mut self,
        state: &AppState,
        user: &User,
        version: i64,
        what: &str,
        shows_request: impl FnOnce(&Case) -> bool,
        change: impl AsyncFnOnce(&Loaded, &mut Conn) -> Result<(), ApiError>,
    ) -> Result<Case, ApiError> {
        let case = &self.loaded.case;
        if case.version != version && rules::is_replay(case, version, &user.person.id, shows_request(case)) {
            return Ok(self.loaded.case);
        }
        let outcome = match rules::ensure_version(&self.loaded.case, version) {
            Ok(()) => change(&self.loaded, &mut self.tx).await,
            Err(stale) => Err(stale),
        };
        match outcome {
            Ok(()) => self.finish().await,
            Err(refused) => {
                drop(self);
                audited(state, user, what, Err(refused)).await
            }
        }
    }

    /// Moves the version on, reads the case as it is now in the same transaction, and commits.
    /// The register is not asked again: the change was decided on the view it was opened with.
    async fn finish(mut self) -> Result<Case, ApiError> {
        let Loaded { case, participants, company_active } = self.loaded;
        if !store::bump(&mut self.tx, &case.id, case.version).await? {
            return Err(ApiError::conflict(ProblemCode::StaleVersion, "The case changed meanwhile; reload it."));
        }
        let view = RegisterView { organisation: case.organisation, participants, active: company_active };
        let changed = load_with(&mut self.tx, &case.id, view).await?;
        self.tx.commit().await?;
        Ok(changed.case)
    }
}

/// Opens a change for `user` and applies it at `version` (see [`Change::apply`]).
pub(super) async fn change(
    state: &AppState,
    user: &User,
    id: &str,
    version: i64,
    what: &str,
    shows_request: impl FnOnce(&Case) -> bool,
    change: impl AsyncFnOnce(&Loaded, &mut Conn) -> Result<(), ApiError>,
) -> Result<Case, ApiError> {
    state.saves.check(format!("{}\u{0}{id}", user.person.id))?;
    Change::open_for(state, user, id).await?.apply(state, user, version, what, shows_request, change).await
}
