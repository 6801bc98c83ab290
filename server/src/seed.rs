//! Demo data, seeded on first start: fictitious but Danish-looking people and companies that
//! walk every journey of the domain brief. The same every time, so tests and people can rely on it.

use crate::db::{Conn, Pool, Timestamp};
use tilslut_api::{CompanyForm, Cvr};

pub struct DemoPerson {
    pub id: &'static str,
    /// Fictitious, as everything here: the demo register knows people by CPR number, as the
    /// business register does, and only an identity provider's login asks by it.
    pub cpr: &'static str,
    pub name: &'static str,
    pub description: &'static str,
    /// The organisation the person comes to connect without the register showing them in it;
    /// its CVR number is added to the description, since they must type it.
    pub comes_for: Option<&'static str>,
}

// One person per line: a table to read across.
#[rustfmt::skip]
pub const PERSONS: &[DemoPerson] = &[
    DemoPerson { id: "mette", cpr: "0105751118", name: "Mette Jensen", description: "Ejer af en enkeltmandsvirksomhed", comes_for: None },
    DemoPerson { id: "lars", cpr: "1403701237", name: "Lars Nielsen", description: "Direktør med eneansvar i tre ApS, den ene med to tegnere", comes_for: None },
    DemoPerson { id: "karen", cpr: "2208651124", name: "Karen Holm", description: "Direktør med eneansvar i tolv selskaber", comes_for: None },
    DemoPerson { id: "peter", cpr: "0911581319", name: "Peter Sørensen", description: "Bestyrelsesmedlem i et A/S, der tegnes af to i forening", comes_for: None },
    DemoPerson { id: "sofie", cpr: "1702881226", name: "Sofie Madsen", description: "Foreningsrepræsentant for en idrætsforening", comes_for: None },
    DemoPerson { id: "jonas", cpr: "0506801133", name: "Jonas Berg", description: "Direktør med eneansvar sammen med Lars Nielsen", comes_for: None },
    DemoPerson { id: "emil", cpr: "3112951147", name: "Emil Larsen", description: "Ingen virksomheder", comes_for: None },
    DemoPerson { id: "ida", cpr: "1508681252", name: "Ida Christensen", description: "Vil tilslutte en fond, hvor registret ikke viser hende", comes_for: Some("Fonden for Dansk Kunsthåndværk") },
    DemoPerson { id: "anders", cpr: "0909901165", name: "Anders Poulsen", description: "Anmelder: bogholder uden ledelsesrolle", comes_for: Some("Nielsen Rådgivning ApS") },
    DemoPerson { id: "signe", cpr: "2704831178", name: "Signe Holt", description: "Sagsbehandler i MitID Erhverv: behandler dokumentation og udgiver vilkår", comes_for: None },
];

/// The demo person with this CPR number, if any.
pub fn person_with_cpr(cpr: &str) -> Option<&'static DemoPerson> {
    PERSONS.iter().find(|person| person.cpr == cpr)
}

/// The demo persons who are caseworkers.
const CASEWORKERS: &[&str] = &["signe"];

struct DemoCompany {
    name: &'static str,
    form: CompanyForm,
    signing_rule: &'static str,
    connected: bool,
    /// (person id, relation, signs alone)
    participants: &'static [(&'static str, &'static str, bool)],
}

const ALONE: &str = "Selskabet tegnes af en direktør alene.";

/// One of Karen Holm's twelve companies: the switcher's search needs that many, all alike.
const fn karens(name: &'static str, form: CompanyForm) -> DemoCompany {
    DemoCompany { name, form, signing_rule: ALONE, connected: false, participants: &[("karen", "direktion", true)] }
}

// One company per line: a table to read across.
#[rustfmt::skip]
const COMPANIES: &[DemoCompany] = &[
    DemoCompany { name: "Jensens Tømrerforretning", form: CompanyForm::Enkeltmandsvirksomhed, signing_rule: "Virksomheden tegnes af ejeren.", connected: false, participants: &[("mette", "ejer", true)] },
    DemoCompany { name: "Nielsen Rådgivning ApS", form: CompanyForm::Anpartsselskab, signing_rule: ALONE, connected: false, participants: &[("lars", "direktion", true)] },
    DemoCompany { name: "Havnens Rederi ApS", form: CompanyForm::Anpartsselskab, signing_rule: ALONE, connected: false, participants: &[("lars", "direktion", true), ("jonas", "direktion", true)] },
    DemoCompany { name: "Nielsen Holding ApS", form: CompanyForm::Anpartsselskab, signing_rule: ALONE, connected: true, participants: &[("lars", "direktion", true)] },
    DemoCompany { name: "Nordlys Energi A/S", form: CompanyForm::Aktieselskab, signing_rule: "Selskabet tegnes af to bestyrelsesmedlemmer i forening.", connected: false, participants: &[("peter", "bestyrelse", false)] },
    DemoCompany { name: "Boldklubben Øst", form: CompanyForm::Forening, signing_rule: "Foreningen tegnes af formanden.", connected: false, participants: &[("sofie", "forening", true)] },
    DemoCompany { name: "Fonden for Dansk Kunsthåndværk", form: CompanyForm::Fond, signing_rule: "Fonden tegnes af bestyrelsen i forening.", connected: false, participants: &[] },
    karens("Holm Invest ApS", CompanyForm::Anpartsselskab),
    karens("Holm Ejendomme ApS", CompanyForm::Anpartsselskab),
    karens("Holm & Co. ApS", CompanyForm::Anpartsselskab),
    karens("Aarhus Kaffebar IVS", CompanyForm::Iværksætterselskab),
    karens("Blomsterhuset Vesterbro ApS", CompanyForm::Anpartsselskab),
    karens("Cykelværkstedet Nørrebro ApS", CompanyForm::Anpartsselskab),
    karens("Dansk Vinimport ApS", CompanyForm::Anpartsselskab),
    karens("Egeskov Snedkeri ApS", CompanyForm::Anpartsselskab),
    karens("Fjordens Fiskehandel ApS", CompanyForm::Anpartsselskab),
    karens("Grøn Energi Rådgivning IVS", CompanyForm::Iværksætterselskab),
    karens("Hygge Design ApS", CompanyForm::Anpartsselskab),
    karens("Isbryderen Skagen ApS", CompanyForm::Anpartsselskab),
];

/// Fictitious CVR numbers with valid check digits, the same on every start.
fn demo_cvrs() -> impl Iterator<Item = Cvr> {
    (3_100_000u32..).filter_map(Cvr::with_check_digit)
}

/// The CVR number the demo data gives the company of that name.
pub fn cvr_of(name: &str) -> Option<Cvr> {
    COMPANIES.iter().zip(demo_cvrs()).find(|(c, _)| c.name == name).map(|(_, cvr)| cvr)
}

pub const TERMS_VERSION: &str = "2026-01";
const TERMS_TITLE: &str = "Vilkår for brugerorganisationer i MitID Erhverv";
const TERMS_BODY: &str = "1. Formål\nVilkårene regulerer oprettelsen som brugerorganisation og den løbende anvendelse af MitID Erhverv.\n\n\
2. Organisationsadministratorer\nOrganisationen skal til enhver tid have mindst én organisationsadministrator. Det anbefales at have flere, så organisationen ikke bliver lukket ude, hvis en administrator stopper.\n\n\
3. Ændringer\nVilkårene kan opdateres. Alle organisationsadministratorer underrettes, og nye vilkår gælder 3 måneder efter, at opdateringen er sendt.\n\n\
4. Nye services\nNye services eller funktioner, der ikke påvirker eksisterende funktionalitet, kan tilføjes uden varsel.";

fn description_of(person: &DemoPerson) -> String {
    match person.comes_for.and_then(|name| Some((name, cvr_of(name)?))) {
        Some((name, cvr)) => format!("{} ({name}, CVR {cvr})", person.description),
        None => person.description.to_string(),
    }
}

/// Seeds the demo data into an empty database; does nothing when it is already there, also when
/// another instance starting at the same moment seeded it first (and this one's insert failed).
pub async fn seed_if_empty(pool: &Pool) -> Result<(), sqlx::Error> {
    let seeded = async || -> Result<bool, sqlx::Error> {
        let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM persons").fetch_one(pool).await?;
        Ok(count > 0)
    };
    if seeded().await? {
        return Ok(());
    }
    match seed(pool).await {
        Err(_) if seeded().await? => Ok(()),
        outcome => outcome,
    }
}

async fn seed(pool: &Pool) -> Result<(), sqlx::Error> {
    let mut tx = pool.begin().await?;
    for (position, person) in (1_i64..).zip(PERSONS) {
        sqlx::query("INSERT INTO persons (id, name, email, description, position) VALUES ($1, $2, $3, $4, $5)")
            .bind(person.id)
            .bind(person.name)
            .bind(format!("{}@example.dk", person.id))
            .bind(description_of(person))
            .bind(position)
            .execute(&mut *tx)
            .await?;
    }
    for (company, cvr) in COMPANIES.iter().zip(demo_cvrs()) {
        sqlx::query("INSERT INTO companies (cvr, name, form_code, signing_rule, connected) VALUES ($1, $2, $3, $4, $5)")
            .bind(cvr.to_string())
            .bind(company.name)
            .bind(i64::from(company.form.code()))
            .bind(company.signing_rule)
            .bind(i64::from(company.connected))
            .execute(&mut *tx)
            .await?;
        for (person_id, relation, signs_alone) in company.participants {
            sqlx::query("INSERT INTO participants (cvr, person_id, relation, signs_alone) VALUES ($1, $2, $3, $4)")
                .bind(cvr.to_string())
                .bind(person_id)
                .bind(relation)
                .bind(i64::from(*signs_alone))
                .execute(&mut *tx)
                .await?;
        }
    }
    for person_id in CASEWORKERS {
        sqlx::query("INSERT INTO caseworkers (person_id) VALUES ($1)").bind(person_id).execute(&mut *tx).await?;
    }
    sqlx::query("INSERT INTO terms (version, title, body, effective_from, position) VALUES ($1, $2, $3, '2026-01-01', 1)")
        .bind(TERMS_VERSION)
        .bind(TERMS_TITLE)
        .bind(TERMS_BODY)
        .execute(&mut *tx)
        .await?;
    seed_connected_case(&mut tx).await?;
    tx.commit().await
}

/// The token of the demo's expired set-up link: `/opsaet/demo-udloebet` shows what an
/// administrator sees who waited too long. Expired, so it opens nothing.
pub const EXPIRED_SETUP_TOKEN: &str = "demo-udloebet";

/// Nielsen Holding ApS, connected in January 2026 by Lars Nielsen, whose own set-up link expired
/// unused in March.
async fn seed_connected_case(tx: &mut Conn) -> Result<(), sqlx::Error> {
    use chrono::{TimeZone, Utc};
    use sha2::{Digest, Sha256};
    let cvr = cvr_of("Nielsen Holding ApS").expect("a demo company").to_string();
    let approved_at = Timestamp(Utc.with_ymd_and_hms(2026, 1, 5, 10, 5, 0).single().expect("a real time"));
    let administrators = r#"[{"name":"Lars Nielsen","email":"lars@example.dk","date_of_birth":"1970-03-14","is_self":true}]"#;
    let signing_text =
        format!("Jeg godkender, at Nielsen Holding ApS (CVR {cvr}) tilsluttes MitID Erhverv. Jeg underskriver som privatperson.");
    sqlx::query(
        "INSERT INTO cases (id, cvr, version, status, role, started_by, terms_version, terms_accepted_by, terms_accepted_at, \
         administrators, approved_by, approved_at, approval_context, signing_text, reference, created_at, updated_at) \
         VALUES ('demo-nielsen-holding', $1, 4, 'approved', 'representative', 'lars', $2, 'lars', $3, $4, 'lars', $5, 'private', $6, 'TS-DEMO0001', $7, $8)",
    )
    .bind(&cvr)
    .bind(TERMS_VERSION)
    .bind(approved_at)
    .bind(administrators)
    .bind(approved_at)
    .bind(signing_text)
    .bind(approved_at)
    .bind(approved_at)
    .execute(&mut *tx)
    .await?;
    let expired = Timestamp(approved_at.0 + chrono::TimeDelta::days(60));
    sqlx::query("INSERT INTO setup_links (token_hash, case_id, administrator, expires_at) VALUES ($1, 'demo-nielsen-holding', 0, $2)")
        .bind(format!("{:x}", Sha256::digest(EXPIRED_SETUP_TOKEN.as_bytes())))
        .bind(expired)
        .execute(&mut *tx)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_cvrs_are_valid_and_distinct() {
        let cvrs: Vec<Cvr> = demo_cvrs().take(COMPANIES.len()).collect();
        let mut unique = cvrs.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), COMPANIES.len());
    }

    #[test]
    fn karen_has_more_than_ten_companies() {
        let count = COMPANIES.iter().filter(|c| c.participants.iter().any(|p| p.0 == "karen")).count();
        assert!(count > 10, "{count}");
    }
}
