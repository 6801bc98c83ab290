//! The server's clock: the system's, which a test moves on instead of waiting.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

/// Seconds since the epoch, as the session's timeouts count them: the system's clock, which a test
/// moves on with `advance` instead of waiting half an hour.
#[derive(Clone, Debug, Default)]
pub struct Clock {
    ahead: Arc<AtomicI64>,
}

impl Clock {
    pub fn now(&self) -> i64 {
        chrono::Utc::now().timestamp() + self.ahead.load(Ordering::Relaxed)
    }

    /// [`Clock::now`] as a time.
    pub fn at(&self) -> chrono::DateTime<chrono::Utc> {
        chrono::DateTime::from_timestamp(self.now(), 0).unwrap_or_default()
    }

    pub fn advance(&self, seconds: i64) {
        self.ahead.fetch_add(seconds, Ordering::Relaxed);
    }
}
