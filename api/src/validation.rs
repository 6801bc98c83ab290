//! Validation rules that the app checks before sending and the server checks again on receipt.
//! Each failure is a [`FieldError`] with a stable code; the app translates codes into text.

use crate::model::{Administrator, AdministratorInput};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// One problem with one input field. `field` is the form field's name as the app uses it
/// (`administrators.0.email`), so the app can link the error summary to the field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    /// The field's name, e.g. `administrators.0.email`.
    pub field: String,
    /// The stable code, e.g. `email_format`.
    pub code: String,
}

impl FieldError {
    /// The error `code` for `field`.
    ///
    /// ```
    /// let error = tilslut_api::FieldError::new("reason", "reason_required");
    /// assert_eq!((error.field.as_str(), error.code.as_str()), ("reason", "reason_required"));
    /// ```
    pub fn new(field: impl Into<String>, code: &str) -> Self {
        FieldError { field: field.into(), code: code.to_string() }
    }
}

/// The longest administrator name.
pub const MAX_NAME_CHARS: usize = 200;
/// The longest rejection reason.
pub const MAX_REASON_CHARS: usize = 1000;
/// The youngest age a person designated as administrator can plausibly have.
pub const MIN_ADMIN_AGE: i32 = 15;
/// The oldest.
pub const MAX_ADMIN_AGE: i32 = 120;

/// Parses a date as people in Denmark write it (`24-12-1980`, `24.12.1980`, `24/12/1980`) or as
/// ISO 8601 (`1980-12-24`).
///
/// ```
/// use tilslut_api::validation::parse_date;
///
/// assert_eq!(parse_date("24.12.1980"), parse_date("1980-12-24"));
/// assert_eq!(parse_date("31-02-1980"), None);
/// ```
pub fn parse_date(input: &str) -> Option<NaiveDate> {
    // By hand rather than with chrono's format strings: their interpreter would be the app's only
    // use of it, and these two shapes are all there is to read.
    let number = |part: &str| part.bytes().all(|b| b.is_ascii_digit()).then(|| part.parse::<u32>().ok()).flatten();
    let day_or_month = |part: &str| if (1..=2).contains(&part.len()) { number(part) } else { None };
    let year = |part: &str| if part.len() == 4 { number(part).map(|y| y as i32) } else { None };
    let parts: Vec<&str> = input.trim().split(['-', '.', '/']).collect();
    let (y, m, d) = match parts.as_slice() {
        [y, m, d] if y.len() == 4 => (year(y)?, day_or_month(m)?, day_or_month(d)?),
        [d, m, y] => (year(y)?, day_or_month(m)?, day_or_month(d)?),
        _ => return None,
    };
    NaiveDate::from_ymd_opt(y, m, d)
}

/// Writes a date as [`parse_date`] reads it and as Danish texts show it: `24-12-1980`.
///
/// ```
/// use chrono::NaiveDate;
/// use tilslut_api::validation::format_date;
///
/// assert_eq!(format_date(NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()), "01-03-2026");
/// ```
pub fn format_date(date: NaiveDate) -> String {
    format!("{:02}-{:02}-{:04}", date.day(), date.month(), date.year())
}

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
        errors.push(FieldError::new("administrators", "administrators_required"));
    }
    let mut valid = Vec::with_capacity(inputs.len());
    let mut seen_emails: Vec<String> = Vec::new();
    for (index, input) in inputs.iter().enumerate() {
        let field = |name: &str| format!("administrators.{index}.{name}");
        let name = input.name.trim();
        if name.is_empty() {
            errors.push(FieldError::new(field("name"), "name_required"));
        } else if name.chars().count() > MAX_NAME_CHARS {
            errors.push(FieldError::new(field("name"), "name_too_long"));
        }
        let email = input.email.trim();
        let normalised_email = email.to_lowercase();
        if email.is_empty() {
            errors.push(FieldError::new(field("email"), "email_required"));
        } else if !is_valid_email(email) {
            errors.push(FieldError::new(field("email"), "email_invalid"));
        } else if seen_emails.contains(&normalised_email) {
            errors.push(FieldError::new(field("email"), "email_duplicate"));
        }
        seen_emails.push(normalised_email);
        let born = if input.date_of_birth.trim().is_empty() {
            errors.push(FieldError::new(field("date_of_birth"), "date_of_birth_required"));
            None
        } else {
            match parse_date(&input.date_of_birth) {
                None => {
                    errors.push(FieldError::new(field("date_of_birth"), "date_invalid"));
                    None
                }
                Some(born) if born > today => {
                    errors.push(FieldError::new(field("date_of_birth"), "date_of_birth_future"));
                    None
                }
                Some(born) if !(MIN_ADMIN_AGE..=MAX_ADMIN_AGE).contains(&age_on(born, today)) => {
                    errors.push(FieldError::new(field("date_of_birth"), "date_of_birth_implausible"));
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

/// E-mail syntax per RFC 5321/5322 (the `email_address` crate), and a dot in the domain, since
/// the administrator must be reachable on the public internet.
///
/// ```
/// use tilslut_api::validation::is_valid_email;
///
/// assert!(is_valid_email("mette@firma.dk"));
/// assert!(!is_valid_email("mette@localhost"));
/// ```
pub fn is_valid_email(email: &str) -> bool {
    email_address::EmailAddress::is_valid(email)
        && email.rsplit_once('@').is_some_and(|(_, domain)| domain.contains('.') && !domain.ends_with('.'))
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
    let trimmed = reason.trim();
    if trimmed.is_empty() {
        Err(FieldError::new("reason", "reason_required"))
    } else if trimmed.chars().count() > MAX_REASON_CHARS {
        Err(FieldError::new("reason", "reason_too_long"))
    } else {
        Ok(trimmed.to_string())
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
        result.unwrap_err().into_iter().map(|e| (e.field, e.code)).collect()
    }

    #[test]
    fn accepts_danish_and_iso_dates() {
        let expected = NaiveDate::from_ymd_opt(1980, 12, 24);
        for text in ["24-12-1980", "24.12.1980", "24/12/1980", "1980-12-24", " 24-12-1980 "] {
            assert_eq!(parse_date(text), expected, "{text}");
        }
        assert_eq!(parse_date("31-02-1980"), None);
        assert_eq!(parse_date("yesterday"), None);
        assert_eq!(parse_date("24-12-80"), None, "a year has four digits");
        assert_eq!(parse_date("24-12-1980-1"), None);
        assert_eq!(parse_date("+4-12-1980"), None);
        assert_eq!(parse_date("1-2-1980"), NaiveDate::from_ymd_opt(1980, 2, 1));
    }

    #[test]
    fn a_formatted_date_reads_back() {
        let date = NaiveDate::from_ymd_opt(1980, 2, 1).unwrap();
        assert_eq!(format_date(date), "01-02-1980");
        assert_eq!(parse_date(&format_date(date)), Some(date));
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
    fn reason_is_required_and_bounded() {
        assert_eq!(validate_reason("   ").unwrap_err().code, "reason_required");
        assert_eq!(validate_reason(&"x".repeat(MAX_REASON_CHARS + 1)).unwrap_err().code, "reason_too_long");
        assert_eq!(validate_reason(" Forkert e-mail ").unwrap(), "Forkert e-mail");
    }
}
