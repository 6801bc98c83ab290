//! Request and response bodies of the JSON API, by subject.

/// `as_str` and `parse` for a unit enum, by the names it has in JSON: how the server stores it
/// in a text column and reads it back, and how a form field names it.
macro_rules! wire_names {
    ($name:ident { $($variant:ident = $wire:literal),* $(,)? }) => {
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

pub use case::*;
pub use context::*;
pub use operations::*;
pub use organisation::*;
