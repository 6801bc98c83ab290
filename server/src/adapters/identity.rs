//! Who a person is: the identity provider that verifies them.

use crate::adapters::register::Register;
use crate::db::Pool;
use crate::http::ApiError;
use async_trait::async_trait;
use tilslut_api::FieldCode;

/// A person whose identity a provider has verified.
pub struct VerifiedPerson {
    pub id: String,
}

/// Verifies a person's identity. The development provider trusts a demo person's id; a
/// production adapter completes an OpenID Connect authorization-code flow with a MitID broker and
/// maps the `mitid.uuid` claim to a person.
#[async_trait]
pub trait IdentityProvider: Send + Sync {
    async fn verify(&self, assertion: &str) -> Result<VerifiedPerson, ApiError>;
}

/// Trusts the id of a person in the register's person directory (the demo's), and keeps them
/// among tilslut's people, so a folder named by `TILSLUT_REGISTER_DIR` logs in as well.
pub struct DevIdentityProvider {
    pub pool: Pool,
    pub register: Register,
}

#[async_trait]
impl IdentityProvider for DevIdentityProvider {
    async fn verify(&self, person_id: &str) -> Result<VerifiedPerson, ApiError> {
        let person = self.register.persons().by_id(person_id).await?;
        let person = person.ok_or_else(|| ApiError::field("person_id", FieldCode::UnknownPerson))?;
        crate::people::upsert(&self.pool, &person.id, &person.name, &person.email, true).await?;
        Ok(VerifiedPerson { id: person.id })
    }
}
