//! Who a person is: the identity provider that verifies them.

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

pub struct DevIdentityProvider {
    pub pool: Pool,
}

#[async_trait]
impl IdentityProvider for DevIdentityProvider {
    async fn verify(&self, person_id: &str) -> Result<VerifiedPerson, ApiError> {
        if crate::people::exists(&self.pool, person_id).await? {
            Ok(VerifiedPerson { id: person_id.to_string() })
        } else {
            Err(ApiError::field("person_id", FieldCode::UnknownPerson))
        }
    }
}
