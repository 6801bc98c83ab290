//! The e-mail that announces new terms, in Danish.

use crate::adapters::mail::Message;
use tilslut_api::dates::format_date;
use tilslut_api::{Administrator, Organisation, Terms};

/// To each administrator of a connected organisation: new terms, and the day they apply.
pub fn published(admin: &Administrator, org: &Organisation, terms: &Terms) -> Message {
    Message {
        subject: format!("Nye vilkår for MitID Erhverv gælder fra {}", format_date(terms.effective_from)),
        body: format!(
            "Kære {}\n\nVilkårene for brugerorganisationer i MitID Erhverv er opdateret (version {}). \
             De gælder for {} (CVR {}) fra {}.\n\n{}\n\n{}",
            admin.name,
            terms.version,
            org.name,
            org.cvr,
            format_date(terms.effective_from),
            terms.title,
            terms.body
        ),
        kind: "terms_published",
    }
}
