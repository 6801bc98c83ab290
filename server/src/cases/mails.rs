//! The e-mails a case sends, in Danish: pure templates, queued by the service in the transaction
//! of the change that causes them. Links are absolute, on `site` (`TILSLUT_PUBLIC_URL`): an
//! e-mail has no address of its own to be relative to.

use crate::adapters::mail::Message;
use chrono::NaiveDate;
use tilslut_api::dates::format_date;
use tilslut_api::pages::{self, JourneyPage};
use tilslut_api::{Administrator, Organisation, Terms};

/// An administrator's set-up link: its token, its last day, and the site it is on.
pub struct SetupMail<'a> {
    pub token: String,
    pub last_day: NaiveDate,
    pub site: &'a str,
}

/// What a mail about a new connection says of terms published ahead: an organisation connected
/// during their notice is bound by them from their day, and hears of them nowhere else.
fn coming_terms(org: &Organisation, coming: Option<&Terms>) -> String {
    coming.map_or_else(String::new, |terms| {
        format!(
            "\n\nBemærk: Der er offentliggjort nye vilkår for MitID Erhverv, version {}, som gælder for {} fra {}. \
             Administratorerne får dem tilsendt.",
            terms.version,
            org.name,
            format_date(terms.effective_from)
        )
    })
}

/// The receipt, to the person who approved; the administrators' set-up links work until
/// `last_day`; terms published ahead are `coming`.
pub fn receipt(
    org: &Organisation,
    reference: &str,
    administrators: &[Administrator],
    last_day: NaiveDate,
    coming: Option<&Terms>,
) -> Message {
    let admin_list: String = administrators.iter().map(|a| format!("- {} <{}>\n", a.name, a.email)).collect();
    Message {
        subject: format!("Kvittering: {} er tilsluttet MitID Erhverv ({reference})", org.name),
        body: format!(
            "{} (CVR {}) er tilsluttet MitID Erhverv.\nReferencenummer: {reference}\n\nOrganisationsadministratorer:\n{admin_list}\n\
             Hver administrator har fået en e-mail med et opsætningslink, som virker til og med {}.{}",
            org.name,
            org.cvr,
            format_date(last_day),
            coming_terms(org, coming)
        ),
        kind: "receipt",
    }
}

/// The set-up link, to each administrator, with the terms published ahead, if any, in full.
pub fn administrator_setup(admin: &Administrator, org: &Organisation, link: &SetupMail, coming: Option<&Terms>) -> Message {
    let coming_text = coming.map_or_else(String::new, |terms| format!("\n\n{}\n\n{}", terms.title, terms.body));
    Message {
        subject: format!("Du er udpeget som organisationsadministrator for {}", org.name),
        body: format!(
            "Kære {}\n\nDu er udpeget som organisationsadministrator for {} (CVR {}) i MitID Erhverv.\n\
             Sæt organisationen op via dette opsætningslink senest {}: {}{}{}{coming_text}",
            admin.name,
            org.name,
            org.cvr,
            format_date(link.last_day),
            link.site,
            pages::setup_link(&link.token),
            coming_terms(org, coming)
        ),
        kind: "administrator_setup",
    }
}

/// To the person who sent documentation: it has arrived, and when to expect a decision.
pub fn sent_for_review(org: &Organisation, due: NaiveDate, case_id: &str, site: &str) -> Message {
    Message {
        subject: format!("Vi har modtaget din dokumentation for {}", org.name),
        body: format!(
            "Vi har modtaget din dokumentation for tilslutningen af {} (CVR {}) til MitID Erhverv.\n\n\
             En sagsbehandler træffer afgørelse senest {}, og du får svaret på e-mail. \
             Du kan følge sagen her: {site}{}",
            org.name,
            org.cvr,
            format_date(due),
            JourneyPage::Status(case_id.to_string()).path()
        ),
        kind: "sent_for_review",
    }
}

/// Word to the anmelder that their preparation was approved.
pub fn preparation_approved(org: &Organisation, reference: &str) -> Message {
    Message {
        subject: format!("Tilslutningen af {} er godkendt", org.name),
        body: format!("Din forberedelse af tilslutningen af {} (CVR {}) er godkendt. Reference: {reference}", org.name, org.cvr),
        kind: "case_approved",
    }
}

/// The rejection and its reason, to the person who started the case.
pub fn rejected(org: &Organisation, reason: &str) -> Message {
    Message {
        subject: format!("Tilslutningen af {} er afvist", org.name),
        body: format!(
            "Tilslutningen af {} (CVR {}) er afvist.\n\nBegrundelse: {reason}\n\nDu kan starte en ny tilslutning.",
            org.name, org.cvr
        ),
        kind: "case_rejected",
    }
}

/// To the approver of a preparation that was withdrawn: they need not look for it.
pub fn withdrawn(org: &Organisation, preparer: &str) -> Message {
    Message {
        subject: format!("Tilslutningen af {} er trukket tilbage", org.name),
        body: format!(
            "{preparer} har trukket forberedelsen af tilslutningen af {} (CVR {}) tilbage. Du skal ikke godkende den.",
            org.name, org.cvr
        ),
        kind: "preparation_withdrawn",
    }
}

/// To the chosen approver: a preparation waits for them, new or `changed`.
pub fn approval_requested(org: &Organisation, preparer: &str, case_id: &str, changed: bool, site: &str) -> Message {
    let what = if changed { "er ændret og afventer" } else { "afventer" };
    Message {
        subject: format!("Tilslutning af {} {what} din godkendelse", org.name),
        body: format!(
            "{preparer} har forberedt tilslutningen af {} (CVR {}) til MitID Erhverv, og den {what} din godkendelse.\n\n\
             Log ind og godkend eller afvis: {site}{}",
            org.name,
            org.cvr,
            JourneyPage::Approval(case_id.to_string()).path()
        ),
        kind: "approval_requested",
    }
}

/// To the person whose open case a representative closed by starting the connection themself.
pub fn superseded(org: &Organisation, representative: &str) -> Message {
    Message {
        subject: format!("Din sag om {} er lukket", org.name),
        body: format!(
            "{representative}, der er ledelsesrepræsentant for {} (CVR {}), tilslutter selv organisationen til MitID Erhverv. \
             Din sag er derfor lukket, og du skal ikke gøre mere.",
            org.name, org.cvr
        ),
        kind: "case_superseded",
    }
}
