//! The CVR register: companies, their participants, and what follows from them. The reference
//! backend keeps a demo register in its own database; a production adapter implements
//! [`Register`] over Erhvervsstyrelsen's service.

use crate::db::Pool;
use crate::http::ApiError;
use async_trait::async_trait;
use tilslut_api::{ActingContext, CompanyForm, Cvr, Organisation};

/// A person's relation to a company, as CVR registers it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Relation {
    /// Registered owner (`EJERREGISTER`) of a sole proprietorship.
    Owner,
    /// Fully liable participant (`FULDT_ANSVARLIG_DELTAGERE`).
    FullyLiable,
    /// Member of the executive board (`LEDELSESORGAN`, direktion).
    Executive,
    /// Member of the board of directors (`LEDELSESORGAN`, bestyrelse).
    Board,
    /// The registered representative of an association.
    AssociationRepresentative,
}

impl Relation {
    pub fn as_str(self) -> &'static str {
        match self {
            Relation::Owner => "ejer",
            Relation::FullyLiable => "fuldt_ansvarlig",
            Relation::Executive => "direktion",
            Relation::Board => "bestyrelse",
            Relation::AssociationRepresentative => "forening",
        }
    }

    pub fn parse(text: &str) -> Option<Relation> {
        [Relation::Owner, Relation::FullyLiable, Relation::Executive, Relation::Board, Relation::AssociationRepresentative]
            .into_iter()
            .find(|r| r.as_str() == text)
    }
}

#[derive(Clone, Debug)]
pub struct Company {
    pub cvr: Cvr,
    pub name: String,
    pub form: CompanyForm,
    pub active: bool,
    pub connected: bool,
}

impl Company {
    pub fn organisation(&self) -> Organisation {
        Organisation { cvr: self.cvr, name: self.name.clone(), form: self.form, connected: self.connected }
    }
}

/// One person's registered relation to one company.
#[derive(Clone, Debug)]
pub struct Participation {
    pub company: Company,
    pub person_id: String,
    pub person_name: String,
    pub relation: Relation,
    pub signs_alone: bool,
}

impl Participation {
    /// Management representative per company form (domain brief, "Who is a representative").
    /// Foundations and public authorities have none that the register can confirm: they go the
    /// documentation way.
    pub fn is_representative(&self) -> bool {
        use CompanyForm::*;
        matches!(
            (self.company.form, self.relation),
            (Enkeltmandsvirksomhed | PersonligtEjetMindreVirksomhed, Relation::Owner | Relation::FullyLiable)
                | (Interessentskab, Relation::FullyLiable)
                | (
                    Kommanditselskab | Aktieselskab | Anpartsselskab | Iværksætterselskab | Andelsselskab | Smba,
                    Relation::Executive | Relation::Board,
                )
                | (Forening | FrivilligForening, Relation::AssociationRepresentative)
        )
    }

    /// "Privat til erhverv" (seed 003): an owner or a person who signs alone, of an active
    /// company that is not an association.
    pub fn may_act_privately_for(&self) -> bool {
        self.company.active
            && !self.company.form.is_association()
            && (self.signs_alone || matches!(self.relation, Relation::Owner | Relation::FullyLiable))
    }
}

#[async_trait]
pub trait Register: Send + Sync {
    async fn company(&self, cvr: &Cvr) -> Result<Option<Company>, ApiError>;
    /// Every relation of the person to any company.
    async fn participations_of_person(&self, person_id: &str) -> Result<Vec<Participation>, ApiError>;
    /// Every registered participant of the company.
    async fn participants_of_company(&self, cvr: &Cvr) -> Result<Vec<Participation>, ApiError>;
    /// The person the register knows by this CPR number, as tilslut's person id. Asked once, at
    /// login; the number goes nowhere else.
    async fn person_with_cpr(&self, cpr: &str) -> Result<Option<String>, ApiError>;
}

/// The companies a person may act for privately, sorted by name, each once.
pub fn company_contexts(participations: &[Participation]) -> Vec<ActingContext> {
    let mut companies: Vec<&Company> = participations.iter().filter(|p| p.may_act_privately_for()).map(|p| &p.company).collect();
    companies.sort_by(|a, b| a.name.cmp(&b.name).then(a.cvr.cmp(&b.cvr)));
    companies.dedup_by_key(|c| c.cvr);
    companies.into_iter().map(|c| ActingContext::Company { cvr: c.cvr, name: c.name.clone(), form: c.form }).collect()
}

/// The register kept in the reference backend's own database.
pub struct DatabaseRegister {
    pool: Pool,
}

impl DatabaseRegister {
    pub fn new(pool: Pool) -> Self {
        DatabaseRegister { pool }
    }
}

#[derive(sqlx::FromRow)]
struct CompanyRow {
    cvr: String,
    name: String,
    form_code: i64,
    status: String,
    /// 0 or 1, as both engines store a flag.
    connected: i64,
}

impl TryFrom<CompanyRow> for Company {
    type Error = ApiError;

    fn try_from(row: CompanyRow) -> Result<Company, ApiError> {
        let cvr = Cvr::parse(&row.cvr).map_err(|_| ApiError::Internal(format!("register holds bad CVR {}", row.cvr)))?;
        let form = u16::try_from(row.form_code)
            .ok()
            .and_then(CompanyForm::from_code)
            .ok_or_else(|| ApiError::Internal(format!("register holds unknown form {}", row.form_code)))?;
        Ok(Company { cvr, name: row.name, form, active: row.status == "aktiv", connected: row.connected != 0 })
    }
}

#[derive(sqlx::FromRow)]
struct ParticipationRow {
    #[sqlx(flatten)]
    company: CompanyRow,
    person_id: String,
    person_name: String,
    relation: String,
    signs_alone: i64,
}

impl TryFrom<ParticipationRow> for Participation {
    type Error = ApiError;

    fn try_from(row: ParticipationRow) -> Result<Participation, ApiError> {
        let relation = Relation::parse(&row.relation)
            .ok_or_else(|| ApiError::Internal(format!("register holds unknown relation {}", row.relation)))?;
        Ok(Participation {
            company: row.company.try_into()?,
            person_id: row.person_id,
            person_name: row.person_name,
            relation,
            signs_alone: row.signs_alone != 0,
        })
    }
}

const PARTICIPATION_SELECT: &str = "SELECT c.cvr, c.name, c.form_code, c.status, c.connected, \
     p.id AS person_id, p.name AS person_name, pa.relation, pa.signs_alone \
     FROM participants pa JOIN companies c ON c.cvr = pa.cvr JOIN persons p ON p.id = pa.person_id";

#[async_trait]
impl Register for DatabaseRegister {
    async fn person_with_cpr(&self, cpr: &str) -> Result<Option<String>, ApiError> {
        // The demo register's persons and their (fictitious) numbers are in the code, not the database.
        Ok(crate::seed::person_with_cpr(cpr).map(|person| person.id.to_string()))
    }

    async fn company(&self, cvr: &Cvr) -> Result<Option<Company>, ApiError> {
        let row: Option<CompanyRow> = sqlx::query_as("SELECT cvr, name, form_code, status, connected FROM companies WHERE cvr = $1")
            .bind(cvr.to_string())
            .fetch_optional(&self.pool)
            .await?;
        row.map(Company::try_from).transpose()
    }

    async fn participations_of_person(&self, person_id: &str) -> Result<Vec<Participation>, ApiError> {
        self.participations("pa.person_id = $1", person_id).await
    }

    async fn participants_of_company(&self, cvr: &Cvr) -> Result<Vec<Participation>, ApiError> {
        self.participations("pa.cvr = $1 ORDER BY p.name", &cvr.to_string()).await
    }
}

impl DatabaseRegister {
    /// The participations that `filter` (a condition on one bound value, and an order) selects.
    async fn participations(&self, filter: &str, value: &str) -> Result<Vec<Participation>, ApiError> {
        let rows: Vec<ParticipationRow> =
            sqlx::query_as(&format!("{PARTICIPATION_SELECT} WHERE {filter}")).bind(value).fetch_all(&self.pool).await?;
        rows.into_iter().map(Participation::try_from).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn participation(form: CompanyForm, relation: Relation, signs_alone: bool) -> Participation {
        Participation {
            company: Company { cvr: Cvr::parse("13748136").unwrap(), name: "Test".into(), form, active: true, connected: false },
            person_id: "p".into(),
            person_name: "P".into(),
            relation,
            signs_alone,
        }
    }

    #[test]
    fn representatives_follow_the_company_form() {
        use CompanyForm::*;
        assert!(participation(Enkeltmandsvirksomhed, Relation::Owner, true).is_representative());
        assert!(participation(Anpartsselskab, Relation::Executive, true).is_representative());
        assert!(participation(Aktieselskab, Relation::Board, false).is_representative());
        assert!(participation(Forening, Relation::AssociationRepresentative, false).is_representative());
        assert!(!participation(Anpartsselskab, Relation::Owner, false).is_representative());
        assert!(!participation(Fond, Relation::Board, true).is_representative());
    }

    #[test]
    fn privat_til_erhverv_needs_sole_signing_and_never_an_association() {
        use CompanyForm::*;
        assert!(participation(Anpartsselskab, Relation::Executive, true).may_act_privately_for());
        assert!(!participation(Aktieselskab, Relation::Board, false).may_act_privately_for());
        assert!(participation(Enkeltmandsvirksomhed, Relation::Owner, false).may_act_privately_for());
        assert!(!participation(Forening, Relation::AssociationRepresentative, true).may_act_privately_for());
        let mut closed = participation(Anpartsselskab, Relation::Executive, true);
        closed.company.active = false;
        assert!(!closed.may_act_privately_for());
    }

    #[test]
    fn company_contexts_are_sorted_and_unique() {
        let mut a = participation(CompanyForm::Anpartsselskab, Relation::Executive, true);
        a.company.name = "Beta ApS".into();
        let mut b = a.clone();
        b.relation = Relation::Board;
        let mut c = participation(CompanyForm::Anpartsselskab, Relation::Executive, true);
        c.company.name = "Alfa ApS".into();
        c.company.cvr = Cvr::with_check_digit(3100000).unwrap();
        let names: Vec<String> = company_contexts(&[a, b, c])
            .into_iter()
            .map(|ctx| match ctx {
                ActingContext::Company { name, .. } => name,
                ActingContext::Private => unreachable!(),
            })
            .collect();
        assert_eq!(names, ["Alfa ApS", "Beta ApS"]);
    }
}
