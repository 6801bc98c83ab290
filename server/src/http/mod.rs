//! What every request meets, whatever the resource: problem documents, the security rules and
//! headers, the app's pages and their caching, health, and the OpenAPI description.

pub mod error;
pub mod health;
pub mod openapi;
pub mod pages;
pub mod security;

pub use error::{ApiError, ApiJson, ApiPath, ApiResult};
