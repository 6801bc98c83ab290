//! Validation rules that the app checks before sending and the server checks again on receipt.
//! Each failure is a [`FieldError`] with a stable code; the app translates codes into text.

use crate::dates::parse_date;
use crate::model::{Administrator, AdministratorInput};
use crate::problem::{FieldCode, FieldError};
use chrono::{Datelike, NaiveDate};

/// White space as JSON Schema's patterns count it (ECMA-262's `\s`): Unicode's, without U+0085
/// and with U+FEFF. The description's `\S` ("something visible") and these rules then agree.
fn is_space(c: char) -> bool {
    (c.is_whitespace() && c != '\u{85}') || c == '\u{feff}'
}

/// `text` without the white space around it.
///
/// ```
/// assert_eq!(tilslut_api::validation::trim("\u{feff} Anna \n"), "Anna");
/// assert_eq!(tilslut_api::validation::trim("\u{85}"), "\u{85}");
/// ```
pub fn trim(text: &str) -> &str {
    text.trim_matches(is_space)
}

/// The longest administrator name, as typed (the OpenAPI description's `maxLength`).
pub const MAX_NAME_CHARS: usize = 200;
/// The longest rejection reason, as typed.
pub const MAX_REASON_CHARS: usize = 1000;
/// The most administrators one organisation can be given in one case: enough for any real
/// organisation, and a bound on the e-mails one approval sends.
pub const MAX_ADMINISTRATORS: usize = 20;
/// The youngest age a person designated as administrator can plausibly have.
pub const MIN_ADMIN_AGE: i32 = 15;
/// The oldest.
pub const MAX_ADMIN_AGE: i32 = 120;

fn age_on(born: NaiveDate, today: NaiveDate) -> i32 {
    let mut age = today.year() - born.year();
    if (today.month(), today.day()) < (born.month(), born.day()) {
        age -= 1;
    }
    age
}

/// Checks the list of organisation administrators and turns it into typed values.
/// `today` is passed in so the rule is the same on both sides and testable.
///
/// ```
/// use chrono::NaiveDate;
/// use tilslut_api::validation::validate_administrators;
/// use tilslut_api::AdministratorInput;
///
/// let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
/// let typed = AdministratorInput { name: "Mette Jensen".into(), email: "mette@firma.dk".into(), date_of_birth: "24-12-1980".into(), is_self: false };
/// assert_eq!(validate_administrators(&[typed], today).unwrap()[0].name, "Mette Jensen");
///
/// let errors = validate_administrators(&[AdministratorInput::default()], today).unwrap_err();
/// assert!(errors.iter().any(|e| e.field == "administrators.0.email"));
/// ```
pub fn validate_administrators(inputs: &[AdministratorInput], today: NaiveDate) -> Result<Vec<Administrator>, Vec<FieldError>> {
    let mut errors = Vec::new();
    if inputs.is_empty() {
        errors.push(FieldError::new("administrators", FieldCode::AdministratorsRequired));
    }
    if inputs.len() > MAX_ADMINISTRATORS {
        errors.push(FieldError::new("administrators", FieldCode::AdministratorsTooMany));
    }
    let mut valid = Vec::with_capacity(inputs.len());
    let mut seen_emails: Vec<String> = Vec::new();
    for (index, input) in inputs.iter().enumerate() {
        let field = |name: &str| format!("administrators.{index}.{name}");
        let name = trim(&input.name);
        if name.is_empty() {
            errors.push(FieldError::new(field("name"), FieldCode::NameRequired));
        } else if input.name.chars().count() > MAX_NAME_CHARS {
            errors.push(FieldError::new(field("name"), FieldCode::NameTooLong));
        } else if !is_valid_name(name) {
            errors.push(FieldError::new(field("name"), FieldCode::NameCharacters));
        }
        let email = trim(&input.email);
        let normalised_email = email.to_lowercase();
        if email.is_empty() {
            errors.push(FieldError::new(field("email"), FieldCode::EmailRequired));
        } else if !is_valid_email(email) {
            errors.push(FieldError::new(field("email"), FieldCode::EmailInvalid));
        } else if seen_emails.contains(&normalised_email) {
            errors.push(FieldError::new(field("email"), FieldCode::EmailDuplicate));
        }
        seen_emails.push(normalised_email);
        let born = if input.date_of_birth.trim().is_empty() {
            errors.push(FieldError::new(field("date_of_birth"), FieldCode::DateOfBirthRequired));
            None
        } else {
            match parse_date(&input.date_of_birth) {
                None => {
                    errors.push(FieldError::new(field("date_of_birth"), FieldCode::DateInvalid));
                    None
                }
                Some(born) if born > today => {
                    errors.push(FieldError::new(field("date_of_birth"), FieldCode::DateOfBirthFuture));
                    None
                }
                Some(born) if !(MIN_ADMIN_AGE..=MAX_ADMIN_AGE).contains(&age_on(born, today)) => {
                    errors.push(FieldError::new(field("date_of_birth"), FieldCode::DateOfBirthImplausible));
                    None
                }
                Some(born) => Some(born),
            }
        };
        if let Some(date_of_birth) = born {
            valid.push(Administrator { name: name.to_string(), email: email.to_string(), date_of_birth, is_self: input.is_self });
        }
    }
    if errors.is_empty() {
        Ok(valid)
    } else {
        Err(errors)
    }
}

/// A person's name as it goes into an e-mail's greeting and header: letters (with their accents),
/// spaces, and `-'.` between them; no line breaks, digits, links, control or direction characters.
///
/// ```
/// use tilslut_api::validation::is_valid_name;
///
/// assert!(is_valid_name("Søren Ø. Kierkegaard-Ibsen"));
/// assert!(is_valid_name("D'Angelo Åberg"));
/// assert!(!is_valid_name("Mette\nBcc: alle@firma.dk"));
/// assert!(!is_valid_name("Klik på https://svindel.example"));
/// assert!(!is_valid_name("\u{202e}nesnaJ"));
/// ```
pub fn is_valid_name(name: &str) -> bool {
    let combining_accent = |c: char| ('\u{300}'..='\u{36f}').contains(&c);
    name.chars().next().is_some_and(char::is_alphabetic)
        && name.chars().all(|c| c.is_alphabetic() || combining_accent(c) || matches!(c, ' ' | '-' | '\'' | '.'))
        && !name.as_bytes().windows(2).any(|pair| pair == b"  ")
}

/// A bare address (`local@domain`, RFC 5321's dot-atoms): no display name, no `<…>`, no quoted
/// local part, no comment, no address literal such as `[10.0.0.1]`, and a domain with a dot, since
/// the administrator must be reachable on the public internet. The server also checks each with
/// the parser that sends the mail.
///
/// ```
/// use tilslut_api::validation::is_valid_email;
///
/// assert!(is_valid_email("mette@firma.dk"));
/// assert!(is_valid_email("søren.ø+tilslut@kø-bh.dk"));
/// assert!(!is_valid_email("mette@localhost"));
/// assert!(!is_valid_email("a@b <v@example.dk>"));
/// assert!(!is_valid_email("v@[10.0.0.1]"));
/// assert!(!is_valid_email("\"a b\"@firma.dk"));
/// ```
pub fn is_valid_email(email: &str) -> bool {
    const MAX_ADDRESS: usize = 254;
    let atext = |c: char| {
        c.is_alphanumeric()
            || matches!(c, '!' | '#' | '$' | '%' | '&' | '\'' | '*' | '+' | '-' | '/' | '=' | '?' | '^' | '_' | '`' | '{' | '|' | '}' | '~')
    };
    let label = |l: &str| {
        !l.is_empty() && l.len() <= 63 && !l.starts_with('-') && !l.ends_with('-') && l.chars().all(|c| c.is_alphanumeric() || c == '-')
    };
    let Some((local, domain)) = email.split_once('@') else { return false };
    let labels: Vec<&str> = domain.split('.').collect();
    email.len() <= MAX_ADDRESS
        && local.len() <= 64
        && local.split('.').all(|atom| !atom.is_empty() && atom.chars().all(atext))
        && labels.len() >= 2
        && labels.iter().all(|l| label(l))
        && labels.last().is_some_and(|tld| tld.chars().all(char::is_alphabetic))
}

/// The address a person gives for their own mail, trimmed: required and well formed.
///
/// ```
/// use tilslut_api::validation::validate_own_email;
///
/// assert_eq!(validate_own_email(" lars@firma.dk ").unwrap(), "lars@firma.dk");
/// assert!(validate_own_email("lars@firma").is_err() && validate_own_email(" ").is_err());
/// ```
pub fn validate_own_email(email: &str) -> Result<String, FieldError> {
    let trimmed = trim(email);
    if trimmed.is_empty() {
        Err(FieldError::new("email", FieldCode::EmailRequired))
    } else if !is_valid_email(trimmed) {
        Err(FieldError::new("email", FieldCode::EmailInvalid))
    } else {
        Ok(trimmed.to_string())
    }
}

/// How many digits the code sent to confirm an address has.
pub const EMAIL_CODE_DIGITS: usize = 6;

/// A code as typed: its digits, spaces and dashes left out; six digits or a field error.
///
/// ```
/// use tilslut_api::validation::validate_email_code;
///
/// assert_eq!(validate_email_code(" 123 456 ").unwrap(), "123456");
/// assert!(validate_email_code("12345").is_err() && validate_email_code("12345a").is_err());
/// ```
pub fn validate_email_code(code: &str) -> Result<String, FieldError> {
    let digits: String = code.chars().filter(|c| !c.is_whitespace() && *c != '-').collect();
    if digits.is_empty() {
        Err(FieldError::new("code", FieldCode::CodeRequired))
    } else if digits.len() != EMAIL_CODE_DIGITS || !digits.chars().all(|c| c.is_ascii_digit()) {
        Err(FieldError::new("code", FieldCode::CodeWrong))
    } else {
        Ok(digits)
    }
}

/// A rejection must say why, so the anmelder can act on it. Returns the reason trimmed.
///
/// ```
/// use tilslut_api::validation::validate_reason;
///
/// assert_eq!(validate_reason("  Forkert CVR-nummer ").unwrap(), "Forkert CVR-nummer");
/// assert!(validate_reason("   ").is_err());
/// ```
pub fn validate_reason(reason: &str) -> Result<String, FieldError> {
    let trimmed = trim(reason);
    if trimmed.is_empty() {
        Err(FieldError::new("reason", FieldCode::ReasonRequired))
    } else if reason.chars().count() > MAX_REASON_CHARS {
        Err(FieldError::new("reason", FieldCode::ReasonTooLong))
    } else {
        Ok(trimmed.to_string())
    }
}

/// The longest title or role an applicant may state, in characters.
pub const MAX_STATED_ROLE_CHARS: usize = 100;

/// The title or role in the organisation that a person sending documentation states for
/// themself (a foundation's chair, a municipality's director), trimmed; required.
///
/// ```
/// use tilslut_api::validation::validate_stated_role;
///
/// assert_eq!(validate_stated_role(" Bestyrelsesformand ").unwrap(), "Bestyrelsesformand");
/// assert!(validate_stated_role("").is_err());
/// ```
pub fn validate_stated_role(role: &str) -> Result<String, FieldError> {
    let trimmed = trim(role);
    if trimmed.is_empty() {
        Err(FieldError::new("stated_role", FieldCode::StatedRoleRequired))
    } else if trimmed.chars().count() > MAX_STATED_ROLE_CHARS || trimmed.chars().any(char::is_control) {
        Err(FieldError::new("stated_role", FieldCode::StatedRoleTooLong))
    } else {
        Ok(trimmed.to_string())
    }
}

/// The longest a version of the terms may be named, titled and written, in characters.
pub const MAX_TERMS_VERSION_CHARS: usize = 40;
/// The longest title of the terms.
pub const MAX_TERMS_TITLE_CHARS: usize = 200;
/// The longest text of the terms: well inside the API's 64 KiB body.
pub const MAX_TERMS_BODY_CHARS: usize = 10_000;

/// New terms need a name, a title and a text, and take effect no sooner than
/// [`crate::TERMS_NOTICE_MONTHS`] months after `today`.
///
/// ```
/// use chrono::NaiveDate;
/// use tilslut_api::{validation::validate_terms, FieldCode, PublishTermsRequest};
///
/// let today = NaiveDate::from_ymd_opt(2026, 12, 4).unwrap();
/// let terms = PublishTermsRequest {
///     version: "2027-1".into(),
///     title: "Vilkår".into(),
///     body: "Tekst.".into(),
///     effective_from: NaiveDate::from_ymd_opt(2027, 3, 4).unwrap(),
/// };
/// assert!(validate_terms(&terms, today).is_ok());
/// let soon = PublishTermsRequest { effective_from: NaiveDate::from_ymd_opt(2027, 3, 3).unwrap(), ..terms };
/// assert_eq!(validate_terms(&soon, today).unwrap_err()[0].code, FieldCode::EffectiveFromTooSoon);
/// ```
pub fn validate_terms(terms: &crate::PublishTermsRequest, today: NaiveDate) -> Result<(), Vec<FieldError>> {
    let texts = [
        ("version", &terms.version, MAX_TERMS_VERSION_CHARS),
        ("title", &terms.title, MAX_TERMS_TITLE_CHARS),
        ("body", &terms.body, MAX_TERMS_BODY_CHARS),
    ];
    let mut errors: Vec<FieldError> = texts
        .into_iter()
        .filter_map(|(field, text, max)| {
            if trim(text).is_empty() {
                Some(FieldError::new(field, FieldCode::TermsTextRequired))
            } else if text.chars().count() > max {
                Some(FieldError::new(field, FieldCode::TermsTextTooLong))
            } else {
                None
            }
        })
        .collect();
    if terms.effective_from < crate::earliest_effective_day(today) {
        errors.push(FieldError::new("effective_from", FieldCode::EffectiveFromTooSoon));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    fn admin(name: &str, email: &str, born: &str) -> AdministratorInput {
        AdministratorInput { name: name.into(), email: email.into(), date_of_birth: born.into(), is_self: false }
    }

    fn codes(result: Result<Vec<Administrator>, Vec<FieldError>>) -> Vec<(String, String)> {
        result.unwrap_err().into_iter().map(|e| (e.field, e.code.as_str().to_string())).collect()
    }

    #[test]
    fn at_least_one_administrator() {
        assert_eq!(codes(validate_administrators(&[], today())), vec![("administrators".into(), "administrators_required".into())]);
    }

    #[test]
    fn valid_list_is_trimmed_and_typed() {
        let list = validate_administrators(&[admin(" Anna Berg ", "anna@firma.dk", "01-02-1990")], today()).unwrap();
        assert_eq!(list[0].name, "Anna Berg");
        assert_eq!(list[0].date_of_birth, NaiveDate::from_ymd_opt(1990, 2, 1).unwrap());
    }

    #[test]
    fn each_field_gets_its_own_error() {
        let errors =
            codes(validate_administrators(&[admin("", "not-an-email", "32-01-1990"), admin("Bo", "bo@firma", "01-01-2030")], today()));
        assert_eq!(
            errors,
            vec![
                ("administrators.0.name".into(), "name_required".into()),
                ("administrators.0.email".into(), "email_invalid".into()),
                ("administrators.0.date_of_birth".into(), "date_invalid".into()),
                ("administrators.1.email".into(), "email_invalid".into()),
                ("administrators.1.date_of_birth".into(), "date_of_birth_future".into()),
            ]
        );
    }

    #[test]
    fn duplicate_emails_ignore_case() {
        let errors =
            codes(validate_administrators(&[admin("A", "a@firma.dk", "01-01-1980"), admin("B", "A@Firma.dk", "01-01-1981")], today()));
        assert_eq!(errors, vec![("administrators.1.email".into(), "email_duplicate".into())]);
    }

    #[test]
    fn implausible_ages_are_refused() {
        for born in ["01-01-1890", "01-01-2020"] {
            let errors = codes(validate_administrators(&[admin("A", "a@firma.dk", born)], today()));
            assert_eq!(errors[0].1, "date_of_birth_implausible", "{born}");
        }
        // Turning 15 today is fine.
        assert!(validate_administrators(&[admin("A", "a@firma.dk", "23-11-2011")], today()).is_ok());
    }

    #[test]
    fn names_and_counts_are_bounded() {
        let errors = codes(validate_administrators(&[admin("Mette\r\nJensen", "a@firma.dk", "01-01-1980")], today()));
        assert_eq!(errors, vec![("administrators.0.name".into(), "name_characters".into())]);
        let many: Vec<_> = (0..=MAX_ADMINISTRATORS).map(|i| admin("Anna Berg", &format!("a{i}@firma.dk"), "01-01-1980")).collect();
        assert_eq!(codes(validate_administrators(&many, today())), vec![("administrators".into(), "administrators_too_many".into())]);
    }

    #[test]
    fn reason_is_required_and_bounded() {
        assert_eq!(validate_reason("   ").unwrap_err().code, FieldCode::ReasonRequired);
        assert_eq!(validate_reason(&"x".repeat(MAX_REASON_CHARS + 1)).unwrap_err().code, FieldCode::ReasonTooLong);
        assert_eq!(validate_reason(" Forkert e-mail ").unwrap(), "Forkert e-mail");
    }
}
