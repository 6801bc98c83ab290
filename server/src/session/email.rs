//! The person's own e-mail address: given (a six-digit code goes there), confirmed with the code,
//! changed the same way. Until it is confirmed no mail goes to it but the code itself (issue 30:
//! a broker seldom gives an address, and the one it gives may not be the person's).

use crate::adapters::mail::{self, Message};
use crate::audit::audit;
use crate::db::{begin_write, Conn};
use crate::http::ApiError;
use crate::people;
use crate::session::store::{self, WaitingCode};
use crate::session::User;
use crate::AppState;
use chrono::{DateTime, TimeDelta, Utc};
use sha2::{Digest, Sha256};
use tilslut_api::validation::{validate_email_code, validate_own_email};
use tilslut_api::{FieldCode, FieldError};

/// How long a code works.
const CODE_LIFETIME: TimeDelta = TimeDelta::minutes(30);
/// How soon after one code another may be sent: nobody is mailed codes in a loop.
const RESEND_AFTER: TimeDelta = TimeDelta::minutes(1);
/// How many wrong tries a code takes before it is dead: a million codes are not guessed in five.
pub const MAX_ATTEMPTS: i64 = 5;

fn hash(person_id: &str, code: &str) -> String {
    format!("{:x}", Sha256::digest(format!("{person_id}\u{0}{code}")))
}

/// A new code may be sent once the last is [`RESEND_AFTER`] old; else 429 with when.
fn may_send(last_expires_at: Option<DateTime<Utc>>, now: DateTime<Utc>) -> Result<(), ApiError> {
    let Some(expires_at) = last_expires_at else { return Ok(()) };
    let next = expires_at - CODE_LIFETIME + RESEND_AFTER;
    if now < next {
        let retry_after = u64::try_from((next - now).num_seconds()).unwrap_or(0).max(1);
        return Err(ApiError::TooManyRequests { retry_after });
    }
    Ok(())
}

/// What a typed code (its hash `typed`) does to the waiting one: the address it confirms, or
/// why not. A code expired or tried [`MAX_ATTEMPTS`] times is dead; so is a missing one.
fn check(waiting: Option<&WaitingCode>, typed: &str, now: DateTime<Utc>) -> Result<String, FieldCode> {
    match waiting {
        Some(code) if code.expires_at.0 > now && code.attempts < MAX_ATTEMPTS => {
            if code.code_hash == typed {
                Ok(code.email.clone())
            } else {
                Err(FieldCode::CodeWrong)
            }
        }
        _ => Err(FieldCode::CodeExpired),
    }
}

/// The address a code waits for, if one does and still works.
pub async fn pending(conn: &mut Conn, person_id: &str, now: DateTime<Utc>) -> Result<Option<String>, sqlx::Error> {
    let code = store::waiting_code(conn, person_id).await?;
    Ok(code.filter(|code| code.expires_at.0 > now && code.attempts < MAX_ATTEMPTS).map(|code| code.email))
}

fn code_mail(code: &str) -> Message {
    Message {
        subject: format!("Din kode til tilslut: {code}"),
        body: format!(
            "Skriv koden {code} i tilslut for at bekræfte, at det er din e-mailadresse. Koden virker i 30 minutter.\n\n\
             Har du ikke bedt om koden, kan du se bort fra denne e-mail."
        ),
        kind: "email_code",
    }
}

/// The person gives `email` for their mail: a new code is sent there (the one mail an address
/// gets before it is confirmed), and the last one dies.
pub async fn give(state: &AppState, user: &User, email: &str) -> Result<(), ApiError> {
    let email = validate_own_email(email).map_err(|e| ApiError::Validation(vec![e]))?;
    let now = state.clock.at();
    let code = format!("{:06}", u128::from_le_bytes(*uuid::Uuid::new_v4().as_bytes()) % 1_000_000);
    let mut tx = begin_write(&state.pool).await?;
    may_send(store::waiting_code(&mut tx, &user.person.id).await?.map(|code| code.expires_at.0), now)?;
    store::put_code(&mut tx, &user.person.id, &email, &hash(&user.person.id, &code), now + CODE_LIFETIME).await?;
    mail::enqueue(&mut tx, &email, None, &code_mail(&code)).await?;
    tx.commit().await?;
    audit(&state.pool, Some(&user.person.id), "email_code_sent", "").await;
    Ok(())
}

/// The person types the code they received: the address is theirs from now on. A wrong code
/// counts against the code; the field says what to do.
pub async fn confirm(state: &AppState, user: &User, typed: &str) -> Result<(), ApiError> {
    let code = validate_email_code(typed).map_err(|e| ApiError::Validation(vec![e]))?;
    let now = state.clock.at();
    let mut tx = begin_write(&state.pool).await?;
    let stored = store::waiting_code(&mut tx, &user.person.id).await?;
    match check(stored.as_ref(), &hash(&user.person.id, &code), now) {
        Ok(email) => {
            people::confirm_email(&mut tx, &user.person.id, &email, now).await?;
            store::drop_code(&mut tx, &user.person.id).await?;
            tx.commit().await?;
            audit(&state.pool, Some(&user.person.id), "email_confirmed", "").await;
            Ok(())
        }
        Err(refusal) => {
            store::count_wrong_code(&mut tx, &user.person.id).await?;
            tx.commit().await?;
            Err(ApiError::Validation(vec![FieldError::new("code", refusal)]))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::db::Timestamp;

    fn code(expires_in_minutes: i64, attempts: i64, now: DateTime<Utc>) -> WaitingCode {
        let expires_at = Timestamp(now + TimeDelta::minutes(expires_in_minutes));
        WaitingCode { email: "ulla@firma.dk".into(), code_hash: hash("ulla", "123456"), expires_at, attempts }
    }

    #[test]
    fn a_code_confirms_its_address_until_it_expires_or_is_tried_too_often() {
        let now = Utc::now();
        let right = hash("ulla", "123456");
        assert_eq!(check(Some(&code(10, 0, now)), &right, now), Ok("ulla@firma.dk".into()));
        assert_eq!(check(Some(&code(10, 0, now)), &hash("ulla", "654321"), now), Err(FieldCode::CodeWrong));
        assert_eq!(check(Some(&code(10, MAX_ATTEMPTS, now)), &right, now), Err(FieldCode::CodeExpired), "tried too often");
        assert_eq!(check(Some(&code(-1, 0, now)), &right, now), Err(FieldCode::CodeExpired));
        assert_eq!(check(None, &right, now), Err(FieldCode::CodeExpired));
        assert_ne!(hash("ulla", "123456"), hash("lars", "123456"), "a code is its person's");
    }

    #[test]
    fn codes_are_sent_a_minute_apart() {
        let now = Utc::now();
        assert!(may_send(None, now).is_ok());
        let just_sent = now + CODE_LIFETIME;
        assert!(matches!(may_send(Some(just_sent), now), Err(ApiError::TooManyRequests { retry_after: 60 })));
        assert!(may_send(Some(just_sent - RESEND_AFTER), now).is_ok());
    }
}
