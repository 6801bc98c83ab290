//! The terms' text as the caseworker wrote it: paragraphs apart by a blank line, and a paragraph
//! whose first line stands alone ("1. Formål") headed by it, so a heading does not run into its
//! body ("1. Formål Vilkårene regulerer …").

use leptos::prelude::*;

/// A paragraph's heading, if its first line stands alone above the rest.
pub fn heading_and_text(paragraph: &str) -> (Option<&str>, &str) {
    match paragraph.split_once('\n') {
        Some((first, rest)) if !rest.trim().is_empty() => (Some(first.trim()), rest.trim()),
        _ => (None, paragraph.trim()),
    }
}

/// `body`, paragraph by paragraph, headed where a paragraph has a heading of its own.
#[component]
pub fn TermsBody(#[prop(into)] body: String) -> impl IntoView {
    body.split("\n\n")
        .map(|paragraph| {
            let (heading, text) = heading_and_text(paragraph);
            view! {
                {heading.map(|heading| view! { <h3 class="h5">{heading.to_string()}</h3> })}
                <p>{text.to_string()}</p>
            }
        })
        .collect_view()
}

#[cfg(test)]
mod tests {
    use super::heading_and_text;

    #[wasm_bindgen_test::wasm_bindgen_test]
    fn a_first_line_standing_alone_is_the_heading() {
        assert_eq!(heading_and_text("1. Formål\nVilkårene regulerer …"), (Some("1. Formål"), "Vilkårene regulerer …"));
        assert_eq!(heading_and_text("Vilkårene regulerer …"), (None, "Vilkårene regulerer …"));
        assert_eq!(heading_and_text("1. Formål\n"), (None, "1. Formål"));
    }
}
