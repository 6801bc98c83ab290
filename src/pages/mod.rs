//! The app's pages, one per route.

mod choose_context;
mod home;
mod login;
mod preparation;
mod static_pages;
mod wizard;

pub use choose_context::ChooseContext;
pub use home::Home;
pub use login::Login;
pub use preparation::{ApprovalPage, AwaitingYourApproval, MyPreparations, PrepareApprover, PrepareOrganisation, PrepareSummary};
pub use static_pages::{AccessibilityStatement, NotFound};
pub use wizard::{
    WizardAdministrators, WizardDocumentation, WizardOrganisation, WizardReceipt, WizardResume, WizardStart, WizardStatus, WizardSummary,
    WizardTerms,
};
