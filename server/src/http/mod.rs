//! What every request meets, whatever the resource: problem documents, the security rules and
//! headers, the app's pages and their caching, and the problem answers the OpenAPI description lists.

pub mod answers;
pub mod client;
pub mod error;
pub mod in_flight;
pub mod pages;
pub mod rate;
pub mod security;

pub use error::{ApiError, ApiJson, ApiPath, ApiQuery, ApiResult};
