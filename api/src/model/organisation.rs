//! The register's side: company forms, organisations and their representatives.

use crate::cvr::Cvr;
use crate::model::{CaseRole, CaseStatus, PersonRef};
use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// The legal form of a company, with its `virksomhedsformkode` in CVR.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "openapi", derive(ToSchema), schema(rename_all = "snake_case"))]
pub enum CompanyForm {
    /// Sole proprietorship (code 10).
    Enkeltmandsvirksomhed,
    /// Personally owned small business, PMV (15).
    PersonligtEjetMindreVirksomhed,
    /// General partnership, I/S (30).
    Interessentskab,
    /// Limited partnership, K/S (40).
    Kommanditselskab,
    /// Public limited company, A/S (60).
    Aktieselskab,
    /// Private limited company, ApS (80).
    Anpartsselskab,
    /// Entrepreneurial company, IVS (81).
    Iværksætterselskab,
    /// Co-operative, A.m.b.a. (130).
    Andelsselskab,
    /// Limited liability company, S.m.b.a. (151).
    Smba,
    /// Association (110).
    Forening,
    /// Voluntary association (115).
    FrivilligForening,
    /// Foundation (90).
    Fond,
    /// Public authority (230).
    OffentligMyndighed,
}

wire_names!(CompanyForm {
    Enkeltmandsvirksomhed = "enkeltmandsvirksomhed",
    PersonligtEjetMindreVirksomhed = "personligt_ejet_mindre_virksomhed",
    Interessentskab = "interessentskab",
    Kommanditselskab = "kommanditselskab",
    Aktieselskab = "aktieselskab",
    Anpartsselskab = "anpartsselskab",
    Iværksætterselskab = "iværksætterselskab",
    Andelsselskab = "andelsselskab",
    Smba = "smba",
    Forening = "forening",
    FrivilligForening = "frivillig_forening",
    Fond = "fond",
    OffentligMyndighed = "offentlig_myndighed",
});

impl CompanyForm {
    /// The form's code in CVR (`virksomhedsform.virksomhedsformkode`).
    ///
    /// ```
    /// assert_eq!(tilslut_api::CompanyForm::Anpartsselskab.code(), 80);
    /// ```
    pub fn code(self) -> u16 {
        match self {
            CompanyForm::Enkeltmandsvirksomhed => 10,
            CompanyForm::PersonligtEjetMindreVirksomhed => 15,
            CompanyForm::Interessentskab => 30,
            CompanyForm::Kommanditselskab => 40,
            CompanyForm::Aktieselskab => 60,
            CompanyForm::Anpartsselskab => 80,
            CompanyForm::Iværksætterselskab => 81,
            CompanyForm::Fond => 90,
            CompanyForm::Forening => 110,
            CompanyForm::FrivilligForening => 115,
            CompanyForm::Andelsselskab => 130,
            CompanyForm::Smba => 151,
            CompanyForm::OffentligMyndighed => 230,
        }
    }

    /// The form with this CVR code, if tilslut knows it.
    ///
    /// ```
    /// use tilslut_api::CompanyForm;
    ///
    /// assert_eq!(CompanyForm::from_code(60), Some(CompanyForm::Aktieselskab));
    /// assert_eq!(CompanyForm::from_code(1), None);
    /// ```
    pub fn from_code(code: u16) -> Option<CompanyForm> {
        CompanyForm::ALL.iter().copied().find(|form| form.code() == code)
    }

    /// The abbreviation Danes use for the form; the same in both languages.
    ///
    /// ```
    /// assert_eq!(tilslut_api::CompanyForm::Interessentskab.abbreviation(), "I/S");
    /// ```
    pub fn abbreviation(self) -> &'static str {
        match self {
            CompanyForm::Enkeltmandsvirksomhed => "Enkeltmandsvirksomhed",
            CompanyForm::PersonligtEjetMindreVirksomhed => "PMV",
            CompanyForm::Interessentskab => "I/S",
            CompanyForm::Kommanditselskab => "K/S",
            CompanyForm::Aktieselskab => "A/S",
            CompanyForm::Anpartsselskab => "ApS",
            CompanyForm::Iværksætterselskab => "IVS",
            CompanyForm::Andelsselskab => "A.m.b.a.",
            CompanyForm::Smba => "S.m.b.a.",
            CompanyForm::Forening => "Forening",
            CompanyForm::FrivilligForening => "Frivillig forening",
            CompanyForm::Fond => "Fond",
            CompanyForm::OffentligMyndighed => "Offentlig myndighed",
        }
    }

    /// Associations cannot use "privat til erhverv" (seed 003).
    ///
    /// ```
    /// use tilslut_api::CompanyForm;
    ///
    /// assert!(CompanyForm::Forening.is_association() && !CompanyForm::Anpartsselskab.is_association());
    /// ```
    pub fn is_association(self) -> bool {
        matches!(self, CompanyForm::Forening | CompanyForm::FrivilligForening)
    }

    /// What proves a person's tie to an organisation of this form in manual review (MitID
    /// Erhverv asks per kind of organisation; a CVR extract alone proves nothing for any).
    ///
    /// ```
    /// use tilslut_api::{AffiliationProof, CompanyForm};
    ///
    /// assert_eq!(CompanyForm::Fond.affiliation_proof(), AffiliationProof::FoundationBoard);
    /// assert_eq!(CompanyForm::Anpartsselskab.affiliation_proof(), AffiliationProof::CompanyRole);
    /// ```
    pub fn affiliation_proof(self) -> AffiliationProof {
        match self {
            CompanyForm::Forening | CompanyForm::FrivilligForening => AffiliationProof::AssociationBoard,
            CompanyForm::Fond => AffiliationProof::FoundationBoard,
            CompanyForm::OffentligMyndighed => AffiliationProof::AuthorityMandate,
            _ => AffiliationProof::CompanyRole,
        }
    }
}

/// The documents that prove a person's tie to an organisation, by kind of organisation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AffiliationProof {
    /// A company: an annual report, employment contract or pay slip that shows the person's role.
    CompanyRole,
    /// An association: its statutes and the minutes of the general meeting that elected the board.
    AssociationBoard,
    /// A foundation: its charter (fundats) and the board's minutes naming its members.
    FoundationBoard,
    /// A public authority: a mandate on its letterhead, signed by its management.
    AuthorityMandate,
}

/// An organisation as the register shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Organisation {
    /// CVR number.
    pub cvr: Cvr,
    /// Name as registered.
    pub name: String,
    /// Legal form.
    pub form: CompanyForm,
    /// Already connected to MitID Erhverv.
    pub connected: bool,
}

/// `GET /api/organisations/{cvr}`: the organisation and what the logged-in person may do with it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct OrganisationLookup {
    /// The organisation as the register shows it.
    pub organisation: Organisation,
    /// The logged-in person is a management representative of it.
    pub is_representative: bool,
    /// The representatives who can approve a preparation, by name and role.
    pub representatives: Vec<Representative>,
    /// An open case for it, if any, and who can finish it.
    pub open_case: Option<OpenCaseInfo>,
}

/// A management representative of an organisation, as the register shows them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Representative {
    /// Who.
    pub person: PersonRef,
    /// The roles in the register's words: `Direktør`, `Bestyrelsesmedlem, Formand`, `Fuldt ansvarlig deltager`…
    pub role: String,
}

/// An open case for an organisation, as a lookup shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct OpenCaseInfo {
    /// The case's id.
    pub case_id: String,
    /// Who started it.
    pub started_by: PersonRef,
    /// Where it stands.
    pub status: CaseStatus,
    /// How it was started: a representative's own, or someone's preparation for one.
    pub role: CaseRole,
    /// The logged-in person may open it (they started it or must approve it).
    pub visible_to_you: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn company_form_codes_round_trip() {
        for &form in CompanyForm::ALL {
            assert_eq!(CompanyForm::from_code(form.code()), Some(form));
        }
        assert_eq!(CompanyForm::from_code(80), Some(CompanyForm::Anpartsselskab));
        assert!(CompanyForm::Forening.is_association() && !CompanyForm::Anpartsselskab.is_association());
    }
}
