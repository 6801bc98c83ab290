//! The register's two decisions, as pure functions of a company's CVR data on a day: who is a
//! management representative (may connect the organisation), and who may act for it after a
//! private login (owns it as fully liable participant, or signs for it alone). Only what holds
//! that day counts: a director who resigned is not one, a company that ceased is not one anyone
//! connects or acts for.

use super::model::{current_values, name_on, Vrvirksomhed};
use super::signing_rule::{self, Signer, SoleSigning, Standing};
use chrono::NaiveDate;
use tilslut_api::CompanyForm;

/// A role a person holds in a company, from its `FUNKTION` in CVR.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RoleKind {
    Director,
    ManagingDirector,
    BoardMember,
    ViceChair,
    Chair,
    /// Owner of a sole proprietorship, partner of an I/S, komplementar of a K/S.
    FullyLiable,
    AssociationRepresentative,
    /// Reel ejer: owns, but manages and signs nothing by that.
    BeneficialOwner,
    /// Suppleant, revisor, stifter …: no say in either decision.
    Other,
}

/// A role, and what the register calls it (for people to read: "Direktør", not a code).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Role {
    pub kind: RoleKind,
    pub title: String,
}

/// A person in a company, with the roles they hold on the day asked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Member {
    /// CVR's number for the participant (`enhedsNummer`).
    pub participant: u64,
    pub name: String,
    pub roles: Vec<Role>,
}

/// The role a `FUNKTION` value names, in the `hovedtype` it is registered under.
fn role(hovedtype: &str, function: &str) -> Role {
    let function = function.trim().to_uppercase();
    let (kind, title) = match (hovedtype, function.as_str()) {
        (_, "DIREKTØR" | "DIREKTION") => (RoleKind::Director, "Direktør"),
        (_, "ADM. DIR." | "ADMINISTRERENDE DIREKTØR") => (RoleKind::ManagingDirector, "Administrerende direktør"),
        (_, "BESTYRELSESMEDLEM" | "BESTYRELSE") => (RoleKind::BoardMember, "Bestyrelsesmedlem"),
        (_, "NÆSTFORMAND") => (RoleKind::ViceChair, "Næstformand"),
        (_, "FORMAND") => (RoleKind::Chair, "Formand"),
        ("FULDT_ANSVARLIG_DELTAGERE", _) | (_, "FULDT ANSVARLIG DELTAGER" | "INTERESSENT" | "KOMPLEMENTAR" | "INDEHAVER") => {
            (RoleKind::FullyLiable, "Fuldt ansvarlig deltager")
        }
        (_, "FORENINGSREPRÆSENTANT" | "REPRÆSENTANT") => (RoleKind::AssociationRepresentative, "Foreningsrepræsentant"),
        (_, "REEL EJER") => (RoleKind::BeneficialOwner, "Reel ejer"),
        _ => return Role { kind: RoleKind::Other, title: capitalised(&function) },
    };
    Role { kind, title: title.to_string() }
}

fn capitalised(upper: &str) -> String {
    let lower = upper.to_lowercase();
    let mut chars = lower.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// The company's form, if it is one tilslut knows.
pub fn form(company: &Vrvirksomhed) -> Option<CompanyForm> {
    company.virksomhed_metadata.nyeste_virksomhedsform.as_ref().and_then(|form| CompanyForm::from_code(form.virksomhedsformkode))
}

/// The company's newest name (or, without one, its CVR number).
pub fn name(company: &Vrvirksomhed) -> String {
    company.virksomhed_metadata.nyeste_navn.as_ref().map(|name| name.navn.clone()).unwrap_or_else(|| company.cvr_nummer.to_string())
}

/// The statuses in which a company goes on as usual. Any other (`UNDER KONKURS`, `TVANGSOPLØST`,
/// `OPLØST EFTER …`, `UNDER FRIVILLIG LIKVIDATION`, one not known yet) lets nobody connect or act.
const GOING_CONCERN: &[&str] = &["NORMAL", "AKTIV"];

/// Whether the company exists on `day`: its life has begun and not ended, and its status then is
/// a going concern.
pub fn is_active(company: &Vrvirksomhed, day: NaiveDate) -> bool {
    let alive = company.livsforloeb.iter().any(|life| life.periode.holds_on(day));
    let status = company
        .virksomhedsstatus
        .iter()
        .find(|status| status.periode.holds_on(day))
        .map(|status| status.status.as_str())
        .or(company.virksomhed_metadata.sammensat_status.as_deref());
    alive && status.is_some_and(|status| GOING_CONCERN.contains(&status.trim().to_uppercase().as_str()))
}

/// The persons in the company on `day`, each with the roles they hold then; those with none
/// (they resigned) are not members.
pub fn members(company: &Vrvirksomhed, day: NaiveDate) -> Vec<Member> {
    let mut members: Vec<Member> = Vec::new();
    for relation in &company.deltager_relation {
        let Some(participant) = &relation.deltager else { continue };
        if participant.enhedstype.as_deref().is_some_and(|kind| kind != "PERSON") {
            continue;
        }
        let roles: Vec<Role> = relation
            .organisationer
            .iter()
            .flat_map(|organisation| {
                organisation
                    .medlems_data
                    .iter()
                    .flat_map(move |data| current_values(&data.attributter, "FUNKTION", day))
                    .map(move |function| role(&organisation.hovedtype, function))
            })
            .collect();
        if roles.is_empty() {
            continue;
        }
        let name = name_on(&participant.navne, day).unwrap_or_default().to_string();
        match members.iter_mut().find(|member| member.participant == participant.enheds_nummer) {
            Some(member) => member.roles.extend(roles),
            None => members.push(Member { participant: participant.enheds_nummer, name, roles }),
        }
    }
    members
}

/// A management representative per company form, as MitID Erhverv tells it: the fully liable
/// owner or partner of a personally owned company or I/S; the komplementar or management of a
/// K/S; a director or board member of a company with limited liability; the board or registered
/// representative of an association. Foundations and authorities have none the register can
/// confirm: documentation.
pub fn is_representative(form: CompanyForm, member: &Member) -> bool {
    use CompanyForm::*;
    use RoleKind::*;
    member.roles.iter().any(|role| match form {
        Enkeltmandsvirksomhed | PersonligtEjetMindreVirksomhed | Interessentskab => role.kind == FullyLiable,
        Kommanditselskab => matches!(role.kind, FullyLiable | Director | ManagingDirector | BoardMember | ViceChair | Chair),
        Aktieselskab | Anpartsselskab | Iværksætterselskab | Andelsselskab | Smba => {
            matches!(role.kind, Director | ManagingDirector | BoardMember | ViceChair | Chair)
        }
        Forening | FrivilligForening => matches!(role.kind, AssociationRepresentative | BoardMember | ViceChair | Chair),
        Fond | OffentligMyndighed => false,
    })
}

/// The signing rule that holds on `day`, if the register has one.
pub fn signing_rule(company: &Vrvirksomhed, day: NaiveDate) -> Option<String> {
    let values: Vec<&str> = current_values(&company.attributter, "TEGNINGSREGEL", day).collect();
    (!values.is_empty()).then(|| values.join(" "))
}

fn signer(kind: RoleKind) -> Option<Signer> {
    match kind {
        RoleKind::Director => Some(Signer::Director),
        RoleKind::ManagingDirector => Some(Signer::ManagingDirector),
        RoleKind::BoardMember | RoleKind::ViceChair => Some(Signer::BoardMember),
        RoleKind::Chair => Some(Signer::Chair),
        RoleKind::FullyLiable => Some(Signer::FullyLiable),
        _ => None,
    }
}

/// Whether `member` signs for the company alone on `day`: a fully liable participant always;
/// anyone else as the signing rule says (no rule: nobody, with the reason).
pub fn sole_signing(company: &Vrvirksomhed, members: &[Member], member: &Member, day: NaiveDate) -> SoleSigning {
    if member.roles.iter().any(|role| role.kind == RoleKind::FullyLiable) {
        return SoleSigning::Alone;
    }
    let Some(rule) = signing_rule(company, day) else {
        return SoleSigning::Unreadable("registret har ingen tegningsregel for virksomheden".into());
    };
    let holding = |kinds: &[RoleKind]| members.iter().filter(|m| m.roles.iter().any(|role| kinds.contains(&role.kind))).count();
    let standing = Standing {
        roles: member.roles.iter().filter_map(|role| signer(role.kind)).collect(),
        board_members: holding(&[RoleKind::BoardMember, RoleKind::ViceChair, RoleKind::Chair]),
        directors: holding(&[RoleKind::Director, RoleKind::ManagingDirector]),
    };
    signing_rule::signs_alone(&rule, &standing)
}

#[cfg(test)]
mod tests;
