//! CVR numbers: the 8-digit company registration number kept by Erhvervsstyrelsen.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A CVR number whose modulus-11 check digit is valid. Constructed only through [`Cvr::parse`],
/// so holding one proves the number is well-formed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(value_type = String, format = "cvr", pattern = "^[0-9]{8}$", example = "13748136"))]
pub struct Cvr([u8; 8]);

/// Why a text is not a CVR number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CvrError {
    /// Not exactly eight digits (spaces are allowed and ignored).
    Format,
    /// Eight digits whose weighted sum is not divisible by 11.
    CheckDigit,
}

impl CvrError {
    /// The stable code used in API field errors and translated by the app.
    ///
    /// ```
    /// assert_eq!(tilslut_api::Cvr::parse("1234").unwrap_err().code(), tilslut_api::FieldCode::CvrFormat);
    /// ```
    pub fn code(self) -> crate::FieldCode {
        match self {
            CvrError::Format => crate::FieldCode::CvrFormat,
            CvrError::CheckDigit => crate::FieldCode::CvrCheckDigit,
        }
    }
}

const WEIGHTS: [u32; 8] = [2, 7, 6, 5, 4, 3, 2, 1];

impl Cvr {
    /// Parses a CVR number typed by a person: spaces are ignored, a "DK" prefix is accepted.
    ///
    /// ```
    /// use tilslut_api::{Cvr, CvrError};
    ///
    /// assert_eq!(Cvr::parse("DK 1374 8136").unwrap().to_string(), "13748136");
    /// assert_eq!(Cvr::parse("13748137"), Err(CvrError::CheckDigit));
    /// ```
    pub fn parse(input: &str) -> Result<Cvr, CvrError> {
        let compact: String = input.chars().filter(|c| !c.is_whitespace()).collect();
        let digits = compact.strip_prefix("DK").or_else(|| compact.strip_prefix("dk")).unwrap_or(&compact);
        if digits.len() != 8 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(CvrError::Format);
        }
        let mut number = [0u8; 8];
        for (slot, byte) in number.iter_mut().zip(digits.bytes()) {
            *slot = byte - b'0';
        }
        let sum: u32 = number.iter().zip(WEIGHTS).map(|(d, w)| u32::from(*d) * w).sum();
        if !sum.is_multiple_of(11) {
            return Err(CvrError::CheckDigit);
        }
        Ok(Cvr(number))
    }

    /// Completes seven leading digits with the check digit, when one exists (a remainder of 10 has
    /// none). Used to make fictitious demo numbers that pass the check.
    ///
    /// ```
    /// assert_eq!(tilslut_api::Cvr::with_check_digit(1374813).unwrap().to_string(), "13748136");
    /// ```
    pub fn with_check_digit(first_seven: u32) -> Option<Cvr> {
        let text = format!("{first_seven:07}0");
        let partial: u32 = text.bytes().zip(WEIGHTS).map(|(b, w)| u32::from(b - b'0') * w).sum();
        let check = (11 - partial % 11) % 11;
        (check < 10).then(|| Cvr::parse(&format!("{first_seven:07}{check}")).ok()).flatten()
    }
}

impl fmt::Display for Cvr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.iter().try_for_each(|d| write!(f, "{d}"))
    }
}

impl TryFrom<String> for Cvr {
    type Error = String;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Cvr::parse(&value).map_err(|e| e.code().to_string())
    }
}

impl From<Cvr> for String {
    fn from(value: Cvr) -> Self {
        value.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_the_published_example() {
        assert_eq!(Cvr::parse("13748136").unwrap().to_string(), "13748136");
    }

    #[test]
    fn ignores_spaces_and_country_prefix() {
        assert_eq!(Cvr::parse("DK 1374 8136"), Cvr::parse("13748136"));
    }

    #[test]
    fn rejects_a_wrong_check_digit() {
        assert_eq!(Cvr::parse("13748137"), Err(CvrError::CheckDigit));
    }

    #[test]
    fn rejects_wrong_length_and_letters() {
        for bad in ["", "1374813", "137481360", "1374813a", "-1374813"] {
            assert_eq!(Cvr::parse(bad), Err(CvrError::Format), "{bad}");
        }
    }

    #[test]
    fn completes_a_check_digit_or_says_none_exists() {
        let made = Cvr::with_check_digit(1374813).unwrap();
        assert_eq!(made.to_string(), "13748136");
        // 1000004 + x: weighted sum 2*1 + 4*2 = 10, so x = 1 works.
        assert!(Cvr::with_check_digit(1000004).is_some());
        let none_count = (1_000_000..1_000_100).filter(|n| Cvr::with_check_digit(*n).is_none()).count();
        assert!(none_count > 0, "about one in eleven prefixes has no check digit");
    }

    #[test]
    fn serde_round_trip_and_refusal() {
        let cvr: Cvr = serde_json::from_str("\"13748136\"").unwrap();
        assert_eq!(serde_json::to_string(&cvr).unwrap(), "\"13748136\"");
        assert!(serde_json::from_str::<Cvr>("\"13748137\"").is_err());
    }
}
