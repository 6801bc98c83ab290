//! The OpenAPI description at `/api/openapi.json`, generated from the handlers and the shared
//! types; the development endpoints are in it only when they are served.

use crate::{cases, dev, health, organisations, review, session, setup, terms};
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(title = "tilslut API", description = "Connecting an organisation to MitID Erhverv, and acting for a company with a private ID."),
    paths(
        health::health,
        health::live,
        session::handlers::get_session,
        session::handlers::choose_context,
        session::handlers::give_email,
        session::handlers::confirm_email,
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
        cases::handlers::renew_setup_link,
        cases::handlers::submit,
        cases::handlers::approve,
        cases::handlers::signing_text,
        cases::handlers::reject,
        cases::handlers::withdraw,
        cases::handlers::upload_document,
        setup::get_setup_link,
        setup::confirm_setup_link,
        review::queue,
        review::get_case,
        review::history,
        review::get_document,
        review::decide,
        review::all_terms,
        review::publish_terms,
    ),
    components(schemas(tilslut_api::Problem, tilslut_api::FieldError, tilslut_api::ProblemCode, tilslut_api::FieldCode))
)]
struct ProductApi;

#[derive(OpenApi)]
#[openapi(paths(dev::persons, dev::login, dev::mailbox, dev::terms_at_once))]
struct DevelopmentApi;

/// The description of what this server serves.
pub fn description(dev_login: bool) -> serde_json::Value {
    let mut api = ProductApi::openapi();
    if dev_login {
        api.merge(DevelopmentApi::openapi());
    }
    let mut description = serde_json::to_value(api).expect("the description is JSON");
    close_request_schemas(&mut description["components"]["schemas"]);
    describe_decision(&mut description["components"]["schemas"]);
    if dev_login {
        describe_development_requests(&mut description["components"]["schemas"]);
    }
    description
}

/// Requests take no other fields than those described. The JSON bodies' schemas say so through
/// serde's `deny_unknown_fields`; a company context and the upload form need saying here.
fn close_request_schemas(schemas: &mut serde_json::Value) {
    if let Some(variants) = schemas["ContextKey"]["oneOf"].as_array_mut() {
        let company = variants.iter_mut().find(|variant| variant["properties"]["cvr"].is_object());
        company.expect("a company context has a CVR number")["additionalProperties"] = false.into();
    }
    schemas["UploadForm"]["additionalProperties"] = false.into();
}

/// What the development login cannot say itself: it takes one of the demo persons.
fn describe_development_requests(schemas: &mut serde_json::Value) {
    let persons: Vec<String> = crate::seed::persons().into_iter().map(|person| person.id).collect();
    schemas["DevLoginRequest"]["properties"]["person_id"]["enum"] = serde_json::json!(persons);
}

/// A decision approves, or rejects with a reason: what the type's optional `reason` cannot say.
fn describe_decision(schemas: &mut serde_json::Value) {
    let version = schemas["DecisionRequest"]["properties"]["version"].clone();
    let optional_reason = schemas["DecisionRequest"]["properties"]["reason"].clone();
    let reason = schemas["RejectRequest"]["properties"]["reason"].clone();
    schemas["DecisionRequest"] = serde_json::json!({
        "description": "The caseworker's decision on a case in manual review: approve, or reject with a reason.",
        "oneOf": [
            { "type": "object", "additionalProperties": false, "required": ["version", "approve"],
              "properties": { "version": version, "approve": { "const": true }, "reason": optional_reason } },
            { "type": "object", "additionalProperties": false, "required": ["version", "approve", "reason"],
              "properties": { "version": version, "approve": { "const": false }, "reason": reason } },
        ],
    });
}
