//! Issuing, showing and using set-up links.

use crate::audit::audit;
use crate::db::{begin_write, Conn};
use crate::history;
use crate::http::ApiError;
use crate::setup::store::{self, LinkRow};
use crate::AppState;
use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use sha2::{Digest, Sha256};
use tilslut_api::{Administrator, AdministratorSetup, Cvr, ProblemCode, SetupLink, SETUP_LINK_DAYS};

fn hash(token: &str) -> String {
    format!("{:x}", Sha256::digest(token.as_bytes()))
}

fn lifetime() -> TimeDelta {
    TimeDelta::days(i64::try_from(SETUP_LINK_DAYS).unwrap_or(60))
}

/// The last day a link issued at `now` works.
pub fn last_day(now: DateTime<Utc>) -> NaiveDate {
    (now + lifetime()).date_naive()
}

/// A new link for administrator number `index` of case `case_id`, issued at `now`: the token,
/// which goes in the e-mail and nowhere else, and the last day it works ([`last_day`]).
pub async fn issue(conn: &mut Conn, case_id: &str, index: usize, now: DateTime<Utc>) -> Result<(String, NaiveDate), ApiError> {
    let token = format!("{}{}", uuid::Uuid::new_v4().simple(), uuid::Uuid::new_v4().simple());
    let expires_at = now + lifetime();
    store::insert(conn, &hash(&token), case_id, index, expires_at).await?;
    Ok((token, expires_at.date_naive()))
}

/// A new link for administrator number `index` of case `case_id` in place of their unused one,
/// which stops working: the token and its last day, as [`issue`].
pub async fn renew(conn: &mut Conn, case_id: &str, index: usize, now: DateTime<Utc>) -> Result<(String, NaiveDate), ApiError> {
    let token = format!("{}{}", uuid::Uuid::new_v4().simple(), uuid::Uuid::new_v4().simple());
    let expires_at = now + lifetime();
    if !store::replace(conn, &hash(&token), case_id, index, expires_at).await? {
        return Err(ApiError::Gone { code: ProblemCode::SetupLinkUsed, detail: "The administrator has confirmed already.".into() });
    }
    Ok((token, expires_at.date_naive()))
}

/// A link works once, until it expires.
pub fn ensure_usable(confirmed_at: Option<DateTime<Utc>>, expires_at: DateTime<Utc>, now: DateTime<Utc>) -> Result<(), ApiError> {
    if confirmed_at.is_some() {
        Err(ApiError::Gone { code: ProblemCode::SetupLinkUsed, detail: "This link has been used.".into() })
    } else if now >= expires_at {
        Err(ApiError::Gone { code: ProblemCode::SetupLinkExpired, detail: "This link has expired.".into() })
    } else {
        Ok(())
    }
}

async fn find(conn: &mut Conn, token: &str) -> Result<LinkRow, ApiError> {
    store::find(conn, &hash(token)).await?.ok_or(ApiError::NotFound("setup link"))
}

/// The link's case's administrator and organisation.
async fn describe(state: &AppState, link: &LinkRow) -> Result<SetupLink, ApiError> {
    let mut conn = state.pool.acquire().await?;
    let (administrators, cvr) = store::administrators_and_cvr(&mut conn, &link.case_id).await?;
    drop(conn);
    let administrators: Vec<Administrator> = serde_json::from_str(&administrators)?;
    let admin = usize::try_from(link.administrator).ok().and_then(|index| administrators.get(index));
    let admin = admin.ok_or_else(|| ApiError::Internal(format!("setup link for a missing administrator of {}", link.case_id)))?;
    let cvr = Cvr::parse(&cvr).map_err(|_| ApiError::Internal(format!("stored CVR {cvr}")))?;
    let company = state.register.company(&cvr).await?.ok_or(ApiError::NotFound("organisation"))?;
    Ok(SetupLink {
        // A set-up link is issued when the connection is approved.
        organisation: company.organisation(true),
        name: admin.name.clone(),
        email: admin.email.clone(),
        expires_on: link.expires_at.0.date_naive(),
        next: state.setup_url.to_string(),
    })
}

pub async fn view(state: &AppState, token: &str) -> Result<SetupLink, ApiError> {
    let link = find(&mut *state.pool.acquire().await?, token).await?;
    ensure_usable(link.confirmed_at.map(|at| at.0), link.expires_at.0, state.clock.at())?;
    describe(state, &link).await
}

/// The administrator confirms the address the link reached them at; the link is then used.
pub async fn confirm(state: &AppState, token: &str) -> Result<SetupLink, ApiError> {
    let now = state.clock.at();
    let mut tx = begin_write(&state.pool).await?;
    let link = find(&mut tx, token).await?;
    ensure_usable(link.confirmed_at.map(|at| at.0), link.expires_at.0, now)?;
    if !store::confirm(&mut tx, &hash(token), now).await? {
        return Err(ApiError::Gone { code: ProblemCode::SetupLinkUsed, detail: "This link has been used.".into() });
    }
    history::record(&mut tx, &link.case_id, None, "administrator_confirmed", Some(&(link.administrator + 1).to_string())).await?;
    tx.commit().await?;
    audit(&state.pool, None, "setup_link_confirmed", &link.case_id).await;
    describe(state, &link).await
}

/// How each administrator of a case stands with their link, for the case's page.
pub async fn of_case(conn: &mut Conn, case_id: &str, administrators: &[Administrator]) -> Result<Vec<AdministratorSetup>, ApiError> {
    let links = store::of_case(conn, case_id).await?;
    Ok(links
        .into_iter()
        .filter_map(|link| {
            let admin = administrators.get(usize::try_from(link.administrator).ok()?)?;
            Some(AdministratorSetup {
                email: admin.email.clone(),
                confirmed_at: link.confirmed_at.map(|at| at.0),
                expires_on: link.expires_at.0.date_naive(),
            })
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(day: u32) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(&format!("2026-12-{day:02}T12:00:00Z")).unwrap().to_utc()
    }

    fn code(result: Result<(), ApiError>) -> Option<ProblemCode> {
        result.err().map(|e| e.code())
    }

    #[test]
    fn a_link_works_once_until_it_expires() {
        assert_eq!(code(ensure_usable(None, at(10), at(9))), None);
        assert_eq!(code(ensure_usable(None, at(10), at(10))), Some(ProblemCode::SetupLinkExpired));
        assert_eq!(code(ensure_usable(Some(at(2)), at(10), at(3))), Some(ProblemCode::SetupLinkUsed));
        // Used and expired since: it says it was used, which is what the administrator did.
        assert_eq!(code(ensure_usable(Some(at(2)), at(10), at(11))), Some(ProblemCode::SetupLinkUsed));
    }

    #[test]
    fn only_the_hash_is_kept_and_it_is_not_the_token() {
        let token = "0123456789abcdef";
        assert_eq!(hash(token).len(), 64);
        assert!(!hash(token).contains(token));
    }
}
