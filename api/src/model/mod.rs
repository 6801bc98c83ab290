//! Request and response bodies of the JSON API, by subject.

/// The names a unit enum has in JSON, and its JSON through them: `as_str` and `parse` are how
/// the server stores it in a text column and reads it back, and how a form field names it. Serde's
/// derive would put a second copy of the matching into the browser build.
macro_rules! wire_names {
    ($name:ident { $($variant:ident = $wire:literal),* $(,)? }) => {
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let wire = String::deserialize(deserializer)?;
                $name::parse(&wire).ok_or_else(|| serde::de::Error::unknown_variant(&wire, &[$($wire),*]))
            }
        }

        impl $name {
            /// Every value.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The name in JSON.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $wire,)*
                }
            }

            /// The value named `text` in JSON, if any.
            pub fn parse(text: &str) -> Option<$name> {
                Self::ALL.iter().copied().find(|value| value.as_str() == text)
            }
        }
    };
}

mod case;
mod context;
mod operations;
mod organisation;
mod staff;

pub use case::*;
pub use context::*;
pub use operations::*;
pub use organisation::*;
pub use staff::*;

/// Reads a whole number written as JSON allows it: `3`, or `3.0` and `3e0`, which JSON Schema's
/// `integer` counts as whole numbers too, so a client following the schema is never refused.
pub(crate) fn integer<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<i64, D::Error> {
    struct Whole;
    impl serde::de::Visitor<'_> for Whole {
        type Value = i64;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a whole number")
        }
        fn visit_i64<E: serde::de::Error>(self, value: i64) -> Result<i64, E> {
            Ok(value)
        }
        fn visit_u64<E: serde::de::Error>(self, value: u64) -> Result<i64, E> {
            i64::try_from(value).map_err(|_| E::custom("the number is too large"))
        }
        fn visit_f64<E: serde::de::Error>(self, value: f64) -> Result<i64, E> {
            whole_number(value).ok_or_else(|| E::custom("not a whole number"))
        }
    }
    deserializer.deserialize_any(Whole)
}

/// `value` as an `i64` if it is a whole number that fits.
///
/// ```
/// assert_eq!(tilslut_api::model::whole_number(-3.0), Some(-3));
/// assert_eq!(tilslut_api::model::whole_number(0.5), None);
/// // -2^63 - 1 is read as a float that rounds to -2^63 (i64::MIN): out of range, not i64::MIN.
/// assert_eq!(tilslut_api::model::whole_number("-9223372036854775809".parse().unwrap()), None);
/// ```
pub fn whole_number(value: f64) -> Option<i64> {
    // A whole number that fits arrives as an integer, not here; a float at either bound is one
    // that did not fit, rounded (i64::MAX as f64 is 2^63, i64::MIN - 1 rounds to i64::MIN).
    (value.fract() == 0.0 && value > i64::MIN as f64 && value < i64::MAX as f64).then_some(value as i64)
}

#[cfg(test)]
mod tests {
    use super::{CaseRole, CaseStatus, CompanyForm, DocumentKind, VersionedRequest};

    /// serde's and utoipa's `snake_case` of a variant's name, which the names written by hand must be.
    fn snake_case(name: &str) -> String {
        name.chars()
            .enumerate()
            .flat_map(|(i, c)| {
                let lower = c.to_lowercase();
                (i > 0 && c.is_uppercase()).then_some('_').into_iter().chain(lower)
            })
            .collect()
    }

    fn names_follow_snake_case<T: std::fmt::Debug + serde::Serialize + serde::de::DeserializeOwned + PartialEq + Copy>(all: &[T]) {
        for &value in all {
            let wire = snake_case(&format!("{value:?}"));
            assert_eq!(serde_json::to_value(value).unwrap(), wire.as_str());
            assert_eq!(serde_json::from_value::<T>(wire.clone().into()).unwrap(), value, "{wire}");
        }
    }

    #[test]
    fn unit_enums_are_written_as_their_snake_case_names() {
        names_follow_snake_case(CompanyForm::ALL);
        names_follow_snake_case(CaseStatus::ALL);
        names_follow_snake_case(CaseRole::ALL);
        names_follow_snake_case(DocumentKind::ALL);
        assert_eq!(snake_case("PersonligtEjetMindreVirksomhed"), "personligt_ejet_mindre_virksomhed");
        assert!(serde_json::from_str::<CaseStatus>(r#""open""#).is_err());
    }

    #[test]
    fn a_version_is_any_whole_json_number() {
        for (json, version) in [(r#"{"version":3}"#, 3), (r#"{"version":3.0}"#, 3), (r#"{"version":-5e2}"#, -500)] {
            assert_eq!(serde_json::from_str::<VersionedRequest>(json).unwrap().version, version, "{json}");
        }
        for json in [r#"{"version":3.5}"#, r#"{"version":"3"}"#, r#"{"version":1e300}"#] {
            assert!(serde_json::from_str::<VersionedRequest>(json).is_err(), "{json}");
        }
    }
}
