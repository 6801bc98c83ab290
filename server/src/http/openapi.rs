//! The OpenAPI description at `/api/openapi.json`, generated from the handlers and the shared
//! types; the development endpoints are in it only when they are served.

use crate::{cases, dev, http, organisations, session, terms};
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(title = "tilslut API", description = "Connecting an organisation to MitID Erhverv, and acting for a company with a private ID."),
    paths(
        http::health::health,
        session::handlers::get_session,
        session::handlers::choose_context,
        session::handlers::logout,
        terms::get_current_terms,
        organisations::my_organisations,
        organisations::lookup_organisation,
        cases::handlers::create_case,
        cases::handlers::list_cases,
        cases::handlers::get_case,
        cases::handlers::update_administrators,
        cases::handlers::choose_approver,
        cases::handlers::accept_terms,
        cases::handlers::submit,
        cases::handlers::approve,
        cases::handlers::reject,
        cases::handlers::withdraw,
        cases::handlers::upload_document,
    ),
    components(schemas(tilslut_api::Problem, tilslut_api::FieldError, tilslut_api::ProblemCode, tilslut_api::FieldCode))
)]
struct ProductApi;

#[derive(OpenApi)]
#[openapi(paths(dev::persons, dev::login, dev::mailbox, dev::publish_terms, dev::manual_decision))]
struct DevelopmentApi;

/// The description of what this server serves.
pub fn description(dev_login: bool) -> utoipa::openapi::OpenApi {
    let mut api = ProductApi::openapi();
    if dev_login {
        api.merge(DevelopmentApi::openapi());
    }
    api
}
