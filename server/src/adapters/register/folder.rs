//! The register read from a folder: `virksomheder/*.json`, one company per file, each exactly a
//! search hit's `_source` (`{"Vrvirksomhed": {…}}`) as the distribution returns it, and
//! `personer.json`, the fictitious persons with their CPR and CVR participant numbers: the demo
//! stand-in for the authority's CPR look-up. `make run` reads `server/demo-register`;
//! `TILSLUT_REGISTER_DIR` names another folder of the same form. Companies are read from their
//! files at each ask, as the distribution would be asked: a changed file counts at once.

use super::model::{Source, Vrvirksomhed};
use super::{CvrSource, PersonDirectory, RegisteredPerson, Unreachable};
use async_trait::async_trait;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The demo register in this repository, from the server crate.
pub fn demo_folder() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("demo-register")
}

/// A person of `personer.json`. `id` and `beskrivelse` are the demo's own (the development login
/// shows them); without `id` the person is known by their participant number.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PersonEntry {
    cpr: String,
    enheds_nummer: u64,
    navn: String,
    email: String,
    id: Option<String>,
    #[serde(default)]
    beskrivelse: String,
}

pub struct FolderRegister {
    companies: PathBuf,
    persons: Vec<(String, RegisteredPerson)>,
}

/// Why a folder could not be read, naming the file.
#[derive(Debug, thiserror::Error)]
#[error("cannot read the register folder: {0} (set TILSLUT_REGISTER_DIR to a folder with virksomheder/*.json and personer.json)")]
pub struct FolderError(String);

fn failed(path: &Path, error: &dyn std::fmt::Display) -> FolderError {
    FolderError(format!("{}: {error}", path.display()))
}

impl FolderRegister {
    /// Reads the folder, every file of it checked now: a bad one stops the start, not a request.
    pub fn read(folder: &Path) -> Result<FolderRegister, FolderError> {
        let persons_file = folder.join("personer.json");
        let text = std::fs::read_to_string(&persons_file).map_err(|e| failed(&persons_file, &e))?;
        let entries: Vec<PersonEntry> = serde_json::from_str(&text).map_err(|e| failed(&persons_file, &e))?;
        let persons = entries
            .into_iter()
            .map(|entry| {
                let id = entry.id.unwrap_or_else(|| format!("cvr-{}", entry.enheds_nummer));
                let person = RegisteredPerson {
                    id,
                    participant: entry.enheds_nummer,
                    name: entry.navn,
                    email: entry.email,
                    description: entry.beskrivelse,
                };
                (entry.cpr, person)
            })
            .collect();
        let register = FolderRegister { companies: folder.join("virksomheder"), persons };
        register.companies()?;
        Ok(register)
    }

    /// Every company document, in file order.
    pub fn companies(&self) -> Result<Vec<Vrvirksomhed>, FolderError> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&self.companies)
            .map_err(|e| failed(&self.companies, &e))?
            .filter_map(|entry| entry.ok().map(|entry| entry.path()))
            .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
            .collect();
        files.sort();
        files.iter().map(|file| read_company(file)).collect()
    }

    fn person(&self, matches: impl Fn(&RegisteredPerson) -> bool) -> Option<RegisteredPerson> {
        self.persons.iter().map(|(_, person)| person).find(|person| matches(person)).cloned()
    }
}

fn read_company(file: &Path) -> Result<Vrvirksomhed, FolderError> {
    let text = std::fs::read_to_string(file).map_err(|e| failed(file, &e))?;
    let source: Source = serde_json::from_str(&text).map_err(|e| failed(file, &e))?;
    Ok(source.virksomhed)
}

impl From<FolderError> for Unreachable {
    fn from(error: FolderError) -> Unreachable {
        Unreachable(error.to_string())
    }
}

/// Whether CVR participant `participant` has any relation to `company`.
pub fn involves(company: &Vrvirksomhed, participant: u64) -> bool {
    company.deltager_relation.iter().any(|relation| relation.deltager.as_ref().is_some_and(|d| d.enheds_nummer == participant))
}

#[async_trait]
impl CvrSource for FolderRegister {
    async fn company(&self, cvr: u64) -> Result<Option<Vrvirksomhed>, Unreachable> {
        Ok(self.companies()?.into_iter().find(|company| company.cvr_nummer == cvr))
    }

    async fn companies_of(&self, participant: u64) -> Result<Vec<Vrvirksomhed>, Unreachable> {
        Ok(self.companies()?.into_iter().filter(|company| involves(company, participant)).collect())
    }
}

#[async_trait]
impl PersonDirectory for FolderRegister {
    async fn by_cpr(&self, cpr: &str) -> Result<Option<RegisteredPerson>, Unreachable> {
        let digits: String = cpr.chars().filter(char::is_ascii_digit).collect();
        Ok(self.persons.iter().find(|(number, _)| *number == digits).map(|(_, person)| person.clone()))
    }

    async fn by_id(&self, id: &str) -> Result<Option<RegisteredPerson>, Unreachable> {
        Ok(self.person(|person| person.id == id))
    }

    async fn by_participant(&self, participant: u64) -> Result<Option<RegisteredPerson>, Unreachable> {
        Ok(self.person(|person| person.participant == participant))
    }

    async fn everyone(&self) -> Result<Vec<RegisteredPerson>, Unreachable> {
        Ok(self.persons.iter().map(|(_, person)| person.clone()).collect())
    }
}
