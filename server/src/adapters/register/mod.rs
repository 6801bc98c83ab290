//! The CVR register: companies as Erhvervsstyrelsen's distribution holds them ([`model`]), the
//! two decisions tilslut makes from them ([`rules`], [`signing_rule`]), and where they come from:
//! a folder of documents in the distribution's own shape ([`folder`], the demo and the tests) or
//! the distribution itself over HTTP ([`elastic`]). The link from a CPR number to CVR's
//! participant is the authority's confidential look-up, behind [`PersonDirectory`]; only the
//! folder's stand-in implements it (docs/operating.md says what production needs).

pub mod elastic;
pub mod folder;
pub mod model;
pub mod rules;
pub mod signing_rule;

use crate::clock::Clock;
use crate::http::ApiError;
use async_trait::async_trait;
use model::Vrvirksomhed;
use rules::{Member, Role, RoleKind};
use signing_rule::SoleSigning;
use std::sync::Arc;
use tilslut_api::{ActingContext, CompanyForm, Cvr, Organisation};

/// Why the register could not answer: the person is told so, and nothing is decided on it.
#[derive(Debug, thiserror::Error)]
#[error("the CVR register cannot be reached: {0}")]
pub struct Unreachable(pub String);

impl From<Unreachable> for ApiError {
    fn from(error: Unreachable) -> ApiError {
        ApiError::Unavailable(error.to_string())
    }
}

/// Where companies' CVR data comes from.
#[async_trait]
pub trait CvrSource: Send + Sync {
    /// The company with this CVR number.
    async fn company(&self, cvr: u64) -> Result<Option<Vrvirksomhed>, Unreachable>;
    /// Every company in which CVR participant `participant` has or had a relation.
    async fn companies_of(&self, participant: u64) -> Result<Vec<Vrvirksomhed>, Unreachable>;
}

/// A person as the CPR → CVR look-up knows them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegisteredPerson {
    /// tilslut's id for the person.
    pub id: String,
    pub participant: u64,
    pub name: String,
    pub email: String,
    /// What the development login says of them (the demo's; empty elsewhere).
    pub description: String,
}

/// The link between a person's CPR number and their CVR participant number.
#[async_trait]
pub trait PersonDirectory: Send + Sync {
    async fn by_cpr(&self, cpr: &str) -> Result<Option<RegisteredPerson>, Unreachable>;
    async fn by_id(&self, id: &str) -> Result<Option<RegisteredPerson>, Unreachable>;
    async fn by_participant(&self, participant: u64) -> Result<Option<RegisteredPerson>, Unreachable>;
    /// Everyone it knows, for the development login.
    async fn everyone(&self) -> Result<Vec<RegisteredPerson>, Unreachable>;
}

/// A company as the register shows it today.
#[derive(Clone, Debug)]
pub struct Company {
    pub cvr: Cvr,
    pub name: String,
    pub form: CompanyForm,
    pub active: bool,
}

impl Company {
    /// The organisation as the app shows it; whether it is connected is tilslut's own knowledge.
    pub fn organisation(&self, connected: bool) -> Organisation {
        Organisation { cvr: self.cvr, name: self.name.clone(), form: self.form, connected }
    }
}

/// One person's standing in one company today.
#[derive(Clone, Debug)]
pub struct Participation {
    pub company: Company,
    pub person_id: String,
    pub person_name: String,
    pub roles: Vec<Role>,
    pub is_representative: bool,
    pub sole_signing: SoleSigning,
}

impl Participation {
    pub fn is_representative(&self) -> bool {
        self.is_representative
    }

    /// "Privat til erhverv" (seed 003): an owner or a person who signs alone, of an active
    /// company that is not an association.
    pub fn may_act_privately_for(&self) -> bool {
        self.company.active && !self.company.form.is_association() && self.sole_signing == SoleSigning::Alone
    }

    /// The roles in words, for people: "Direktør, Bestyrelsesmedlem".
    pub fn roles_in_words(&self) -> String {
        let titles: Vec<&str> = self.roles.iter().filter(|role| role.kind != RoleKind::Other).map(|role| role.title.as_str()).collect();
        titles.join(", ")
    }
}

/// The companies a person may act for privately, sorted by name, each once.
pub fn company_contexts(participations: &[Participation]) -> Vec<ActingContext> {
    let mut companies: Vec<&Company> = participations.iter().filter(|p| p.may_act_privately_for()).map(|p| &p.company).collect();
    companies.sort_by(|a, b| a.name.cmp(&b.name).then(a.cvr.cmp(&b.cvr)));
    companies.dedup_by_key(|c| c.cvr);
    companies.into_iter().map(|c| ActingContext::Company { cvr: c.cvr, name: c.name.clone(), form: c.form }).collect()
}

/// The CVR number as the distribution writes it, a number.
fn number_of(cvr: &Cvr) -> u64 {
    cvr.to_string().parse().unwrap_or_default()
}

/// The distribution's address and this service's credentials there (`TILSLUT_CVR_URL`,
/// `TILSLUT_CVR_USER`, `TILSLUT_CVR_PASSWORD`).
#[derive(Clone, PartialEq, Eq)]
pub struct CvrAccess {
    pub url: String,
    pub user: String,
    pub password: String,
}

impl std::fmt::Debug for CvrAccess {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CvrAccess").field("url", &self.url).field("user", &self.user).finish_non_exhaustive()
    }
}

/// Where the register's two kinds of data come from, opened at start.
#[derive(Clone)]
pub struct Sources {
    pub cvr: Arc<dyn CvrSource>,
    pub persons: Arc<dyn PersonDirectory>,
}

impl std::fmt::Debug for Sources {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Sources")
    }
}

impl Sources {
    /// The folder's companies and persons; with `cvr`, the companies from the distribution
    /// instead (the persons stay the folder's: see [`PersonDirectory`]).
    pub fn open(folder: &std::path::Path, cvr: Option<&CvrAccess>) -> Result<Sources, String> {
        let folder = Arc::new(folder::FolderRegister::read(folder).map_err(|e| e.to_string())?);
        let companies: Arc<dyn CvrSource> = match cvr {
            Some(access) => Arc::new(elastic::ElasticRegister::new(&access.url, &access.user, &access.password)?),
            None => folder.clone(),
        };
        Ok(Sources { cvr: companies, persons: folder })
    }

    /// The bundled demo register (`server/demo-register`).
    pub fn demo() -> Sources {
        Sources::open(&folder::demo_folder(), None).expect("the bundled demo register reads")
    }
}

/// The register as the resources ask it: CVR data and the person directory, decided on today.
#[derive(Clone)]
pub struct Register {
    source: Arc<dyn CvrSource>,
    persons: Arc<dyn PersonDirectory>,
    clock: Clock,
}

impl Register {
    pub fn new(source: Arc<dyn CvrSource>, persons: Arc<dyn PersonDirectory>, clock: Clock) -> Register {
        Register { source, persons, clock }
    }

    pub fn persons(&self) -> &dyn PersonDirectory {
        self.persons.as_ref()
    }

    fn today(&self) -> chrono::NaiveDate {
        self.clock.at().date_naive()
    }

    /// The company, if the register has it in a form tilslut knows.
    pub async fn company(&self, cvr: &Cvr) -> Result<Option<Company>, ApiError> {
        let found = self.source.company(number_of(cvr)).await?;
        Ok(found.and_then(|company| self.view(&company)))
    }

    fn view(&self, company: &Vrvirksomhed) -> Option<Company> {
        let cvr = Cvr::parse(&format!("{:08}", company.cvr_nummer)).ok()?;
        let form = rules::form(company)?;
        Some(Company { cvr, name: rules::name(company), form, active: rules::is_active(company, self.today()) })
    }

    fn participation(
        &self,
        view: &Company,
        company: &Vrvirksomhed,
        members: &[Member],
        member: &Member,
        person_id: String,
    ) -> Participation {
        Participation {
            company: view.clone(),
            person_id,
            person_name: member.name.clone(),
            roles: member.roles.clone(),
            is_representative: rules::is_representative(view.form, member),
            sole_signing: rules::sole_signing(company, members, member, self.today()),
        }
    }

    /// The person's standing in every company the register shows them in today.
    pub async fn participations_of_person(&self, person_id: &str) -> Result<Vec<Participation>, ApiError> {
        let Some(person) = self.persons.by_id(person_id).await? else { return Ok(Vec::new()) };
        let today = self.today();
        let mut participations = Vec::new();
        for company in self.source.companies_of(person.participant).await? {
            let Some(view) = self.view(&company) else { continue };
            let members = rules::members(&company, today);
            if let Some(member) = members.iter().find(|member| member.participant == person.participant) {
                participations.push(self.participation(&view, &company, &members, member, person.id.clone()));
            }
        }
        Ok(participations)
    }

    /// Everyone the register shows in the company today, by name.
    pub async fn participants_of_company(&self, cvr: &Cvr) -> Result<Vec<Participation>, ApiError> {
        let Some(company) = self.source.company(number_of(cvr)).await? else { return Ok(Vec::new()) };
        let Some(view) = self.view(&company) else { return Ok(Vec::new()) };
        let members = rules::members(&company, self.today());
        let mut participations = Vec::new();
        for member in &members {
            // Someone tilslut has not met yet is named by their CVR participant number.
            let person_id = match self.persons.by_participant(member.participant).await? {
                Some(person) => person.id,
                None => format!("cvr-{}", member.participant),
            };
            participations.push(self.participation(&view, &company, &members, member, person_id));
        }
        participations.sort_by(|a, b| a.person_name.cmp(&b.person_name));
        Ok(participations)
    }

    /// The person the register knows by this CPR number. Asked once, at login; the number goes
    /// nowhere else.
    pub async fn person_with_cpr(&self, cpr: &str) -> Result<Option<RegisteredPerson>, ApiError> {
        Ok(self.persons.by_cpr(cpr).await?)
    }
}
