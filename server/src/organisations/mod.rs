//! Organisations as the register shows them to the person asking: theirs, and one looked up by
//! CVR number with its representatives and any open case.

use crate::adapters::register::{Company, Participation};
use crate::cases;
use crate::http::{answers, ApiError, ApiJson, ApiPath, ApiResult};
use crate::session::User;
use crate::AppState;
use axum::extract::State;
use axum::routing::get;
use axum::Router;
use tilslut_api::{paths, Cvr, OpenCaseInfo, Organisation, OrganisationLookup, PersonRef, Representative};

pub fn routes() -> Router<AppState> {
    Router::new().route(paths::MY_ORGANISATIONS, get(my_organisations)).route(paths::ORGANISATION, get(lookup_organisation))
}

#[utoipa::path(get, path = "/api/organisations", tag = "organisations",
    responses((status = 200, body = Vec<Organisation>, description = "The organisations the person is a management representative of"), answers::Unauthenticated, answers::ServerError))]
pub async fn my_organisations(State(state): State<AppState>, user: User) -> ApiResult<Vec<Organisation>> {
    let mut companies: Vec<Company> = state
        .register
        .participations_of_person(&user.person.id)
        .await?
        .into_iter()
        .filter(Participation::is_representative)
        .map(|p| p.company)
        .collect();
    companies.sort_by(|a, b| a.name.cmp(&b.name));
    companies.dedup_by_key(|c| c.cvr);
    let mut organisations = Vec::with_capacity(companies.len());
    for company in companies {
        let connected = cases::service::is_connected(&state, &company.cvr).await?;
        organisations.push(company.organisation(connected));
    }
    Ok(ApiJson(organisations))
}

#[utoipa::path(get, path = "/api/organisations/{cvr}", tag = "organisations",
    params(("cvr" = Cvr, Path, description = "CVR number")),
    responses((status = 200, body = OrganisationLookup), answers::Unauthenticated, answers::NotFound, answers::Unprocessable, answers::ServerError))]
pub async fn lookup_organisation(
    State(state): State<AppState>,
    user: User,
    ApiPath(cvr): ApiPath<String>,
) -> ApiResult<OrganisationLookup> {
    let cvr = Cvr::parse(&cvr).map_err(|e| ApiError::field("cvr", e.code()))?;
    lookup(&state, &user, cvr).await.map(ApiJson)
}

async fn lookup(state: &AppState, user: &User, cvr: Cvr) -> Result<OrganisationLookup, ApiError> {
    let company = state.register.company(&cvr).await?.ok_or(ApiError::NotFound("organisation"))?;
    let representatives: Vec<Representative> = state
        .register
        .participants_of_company(&cvr)
        .await?
        .into_iter()
        .filter(Participation::is_representative)
        .map(|p| Representative { role: p.roles_in_words(), person: PersonRef { id: p.person_id, name: p.person_name } })
        .collect();
    let is_representative = representatives.iter().any(|r| r.person.id == user.person.id);
    // Another person's case is shown by their name and its status only: neither their id nor the
    // case's goes to someone who may not open it.
    let open_case = cases::service::open_case_of(state, &cvr).await?.map(|open| {
        let mine = open.started_by.id == user.person.id;
        let visible_to_you = mine || is_representative;
        OpenCaseInfo {
            case_id: if visible_to_you { open.id } else { String::new() },
            status: open.status,
            role: open.role,
            visible_to_you,
            started_by: PersonRef { id: if mine { open.started_by.id } else { String::new() }, name: open.started_by.name },
        }
    });
    let connected = cases::service::is_connected(state, &cvr).await?;
    Ok(OrganisationLookup { organisation: company.organisation(connected), is_representative, representatives, open_case })
}
