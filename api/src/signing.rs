//! The text a representative signs. It names the organisation and the context explicitly (seed
//! 003: a personal ID carries no company, so the text must). The app shows it and the server
//! records it, from this one function.

use crate::model::{ActingContext, Case, Language, Organisation};

/// In which capacity the signer binds the organisation: with their personal MitID as its
/// management representative (a private login carries no company, seed 003), or on behalf of the
/// company they act for.
///
/// ```
/// use tilslut_api::signing::context_statement;
/// use tilslut_api::{ActingContext, CompanyForm, Cvr, Language, Organisation};
///
/// let organisation = Organisation { cvr: Cvr::parse("13748136").unwrap(), name: "Havnens Rederi ApS".into(), form: CompanyForm::Anpartsselskab, connected: false };
/// assert_eq!(
///     context_statement(&ActingContext::Private, &organisation, Language::En),
///     "I sign with my personal MitID as management representative of Havnens Rederi ApS (CVR 13748136)."
/// );
/// ```
pub fn context_statement(context: &ActingContext, organisation: &Organisation, language: Language) -> String {
    let (organisation, organisation_cvr) = (&organisation.name, organisation.cvr);
    match (context, language) {
        (ActingContext::Private, Language::Da) => {
            format!("Jeg underskriver med mit private MitID som ledelsesrepræsentant for {organisation} (CVR {organisation_cvr}).")
        }
        (ActingContext::Private, Language::En) => {
            format!("I sign with my personal MitID as management representative of {organisation} (CVR {organisation_cvr}).")
        }
        (ActingContext::Company { cvr, name, .. }, Language::Da) => format!("Jeg underskriver på vegne af {name} (CVR {cvr})."),
        (ActingContext::Company { cvr, name, .. }, Language::En) => format!("I sign on behalf of {name} (CVR {cvr})."),
    }
}

/// "1 organisationsadministrator", "2 organisationsadministratorer": the noun counted.
fn administrators(count: usize, language: Language) -> String {
    match (language, count) {
        (Language::Da, 1) => "1 organisationsadministrator".to_string(),
        (Language::Da, n) => format!("{n} organisationsadministratorer"),
        (Language::En, 1) => "1 organisation administrator".to_string(),
        (Language::En, n) => format!("{n} organisation administrators"),
    }
}

/// The whole text of the connection agreement's signature.
///
/// ```
/// use tilslut_api::signing::connection_signing_text;
/// use tilslut_api::{ActingContext, CompanyForm, Cvr, Language, Organisation};
///
/// let organisation = Organisation { cvr: Cvr::parse("13748136").unwrap(), name: "Havnens Rederi ApS".into(), form: CompanyForm::Anpartsselskab, connected: false };
/// let text = connection_signing_text("Karen Hansen", &organisation, "2026-1", 2, &ActingContext::Private, Language::Da);
/// assert!(text.contains("med 2 organisationsadministratorer som vist"));
/// assert!(text.ends_with("Jeg underskriver med mit private MitID som ledelsesrepræsentant for Havnens Rederi ApS (CVR 13748136)."));
/// ```
pub fn connection_signing_text(
    signer: &str,
    organisation: &Organisation,
    terms_version: &str,
    administrator_count: usize,
    context: &ActingContext,
    language: Language,
) -> String {
    let statement = context_statement(context, organisation, language);
    let administrators = administrators(administrator_count, language);
    let (name, cvr) = (&organisation.name, organisation.cvr);
    match language {
        Language::Da => format!(
            "Jeg, {signer}, godkender som ledelsesrepræsentant, at {name} (CVR {cvr}) tilsluttes MitID Erhverv \
             på vilkårene i version {terms_version}, med {administrators} som vist. {statement}"
        ),
        Language::En => format!(
            "I, {signer}, as management representative, approve that {name} (CVR {cvr}) is connected to MitID Erhverv \
             on the terms of version {terms_version}, with {administrators} as shown. {statement}"
        ),
    }
}

impl Case {
    /// The text `signer` signs to approve this case in `context`: [`connection_signing_text`]
    /// with the case's organisation and administrators.
    pub fn signing_text(&self, signer: &str, terms_version: &str, context: &ActingContext, language: Language) -> String {
        connection_signing_text(signer, &self.organisation, terms_version, self.administrators.len(), context, language)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{CompanyForm, Cvr};

    #[test]
    fn names_organisation_and_context() {
        let cvr = Cvr::parse("13748136").unwrap();
        let organisation = Organisation { cvr, name: "Test ApS".into(), form: CompanyForm::Anpartsselskab, connected: false };
        let context = ActingContext::Company { cvr, name: "Test ApS".into(), form: CompanyForm::Anpartsselskab };
        let text = connection_signing_text("Lars", &organisation, "2026-01", 2, &context, Language::Da);
        assert!(text.contains("Test ApS (CVR 13748136) tilsluttes"), "{text}");
        assert!(text.ends_with("Jeg underskriver på vegne af Test ApS (CVR 13748136)."), "{text}");
        assert!(text.contains("med 2 organisationsadministratorer som vist"), "{text}");
        let private = connection_signing_text("Lars", &organisation, "2026-01", 1, &ActingContext::Private, Language::En);
        assert!(private.contains("with 1 organisation administrator as shown"), "{private}");
        assert!(private.ends_with("I sign with my personal MitID as management representative of Test ApS (CVR 13748136)."), "{private}");
    }
}
