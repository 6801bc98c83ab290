//! Demo data, seeded on first start: the persons of the bundled demo register
//! (`server/demo-register/personer.json`, fictitious but Danish-looking), the caseworker, the
//! terms, and one organisation already connected. The companies are the register's
//! (`server/demo-register/virksomheder/`), read where they are, never copied into the database.
//! The same every time, so tests and people can rely on it.

use crate::db::{Conn, Pool, Timestamp};
use serde::Deserialize;

/// A person of the demo register, as `personer.json` has them.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DemoPerson {
    pub id: String,
    pub navn: String,
    pub email: String,
    pub beskrivelse: String,
}

/// The demo register's persons, in their file's order (the development login's).
pub fn persons() -> Vec<DemoPerson> {
    serde_json::from_str(include_str!("../demo-register/personer.json")).expect("the bundled demo persons")
}

/// The demo persons who are caseworkers.
const CASEWORKERS: &[&str] = &["signe"];

/// Nielsen Holding ApS in the demo register, connected in January 2026.
pub const CONNECTED_CVR: &str = "31000033";

pub const TERMS_VERSION: &str = "2026-01";
const TERMS_TITLE: &str = "Vilkår for brugerorganisationer i MitID Erhverv";
const TERMS_BODY: &str = "1. Formål\nVilkårene regulerer oprettelsen som brugerorganisation og den løbende anvendelse af MitID Erhverv.\n\n\
2. Organisationsadministratorer\nOrganisationen skal til enhver tid have mindst én organisationsadministrator. Det anbefales at have flere, så organisationen ikke bliver lukket ude, hvis en administrator stopper.\n\n\
3. Ændringer\nVilkårene kan opdateres. Alle organisationsadministratorer underrettes, og nye vilkår gælder 3 måneder efter, at opdateringen er sendt.\n\n\
4. Nye services\nNye services eller funktioner, der ikke påvirker eksisterende funktionalitet, kan tilføjes uden varsel.";

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
    for (position, person) in (1_i64..).zip(persons()) {
        // The demo's addresses are the register's: confirmed, as the development login treats them.
        sqlx::query("INSERT INTO persons (id, name, email, description, position, email_confirmed_at) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(&person.id)
            .bind(&person.navn)
            .bind(&person.email)
            .bind(&person.beskrivelse)
            .bind(position)
            .bind(crate::db::Timestamp(chrono::Utc::now()))
            .execute(&mut *tx)
            .await?;
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
    let cvr = CONNECTED_CVR;
    let approved_at = Timestamp(Utc.with_ymd_and_hms(2026, 1, 5, 10, 5, 0).single().expect("a real time"));
    let administrators = r#"[{"name":"Lars Nielsen","email":"lars@example.dk","date_of_birth":"1970-03-14","is_self":true}]"#;
    let signing_text =
        format!("Jeg godkender, at Nielsen Holding ApS (CVR {cvr}) tilsluttes MitID Erhverv. Jeg underskriver med mit private MitID som ledelsesrepræsentant for Nielsen Holding ApS (CVR {cvr}).");
    sqlx::query(
        "INSERT INTO cases (id, cvr, version, status, role, started_by, terms_version, terms_accepted_by, terms_accepted_at, \
         administrators, approved_by, approved_at, approval_context, signing_text, reference, created_at, updated_at) \
         VALUES ('demo-nielsen-holding', $1, 4, 'approved', 'representative', 'lars', $2, 'lars', $3, $4, 'lars', $5, 'private', $6, 'TS-DEMO0001', $7, $8)",
    )
    .bind(cvr)
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
    use crate::adapters::register::folder::{demo_folder, FolderRegister};

    #[test]
    fn the_seeded_persons_and_connected_company_are_the_demo_registers() {
        let register = FolderRegister::read(&demo_folder()).unwrap();
        let companies = register.companies().unwrap();
        let connected = companies.iter().find(|c| c.cvr_nummer.to_string() == CONNECTED_CVR).unwrap();
        assert_eq!(connected.virksomhed_metadata.nyeste_navn.as_ref().unwrap().navn, "Nielsen Holding ApS");
        assert!(persons().iter().any(|person| person.id == CASEWORKERS[0]));
    }

    #[tokio::test]
    async fn karen_has_more_than_ten_companies() {
        use crate::adapters::register::{CvrSource, PersonDirectory};
        let register = FolderRegister::read(&demo_folder()).unwrap();
        let karen = register.by_id("karen").await.unwrap().unwrap();
        let count = register.companies_of(karen.participant).await.unwrap().len();
        assert!(count > 10, "{count}");
    }
}
