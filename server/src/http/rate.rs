//! How often one person may do one thing: a keyed limit per minute, answered 429 with
//! `Retry-After` when spent. Counted in this process, like the login limit.

use crate::http::ApiError;
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::num::NonZeroU32;

/// Keys beyond which the limiter forgets those whose allowance is whole again.
const KEYS_KEPT: usize = 10_000;

#[derive(Debug)]
pub struct PerMinute {
    limiter: DefaultKeyedRateLimiter<String>,
    clock: DefaultClock,
}

impl PerMinute {
    /// At most `per_minute` for each key, all of them at once if need be.
    pub fn new(per_minute: NonZeroU32) -> PerMinute {
        PerMinute { limiter: RateLimiter::keyed(Quota::per_minute(per_minute)), clock: DefaultClock::default() }
    }

    /// One more for `key`, or 429 with how long until the next is allowed.
    pub fn check(&self, key: String) -> Result<(), ApiError> {
        if self.limiter.len() > KEYS_KEPT {
            self.limiter.retain_recent();
        }
        self.limiter
            .check_key(&key)
            .map_err(|not_until| ApiError::TooManyRequests { retry_after: not_until.wait_time_from(self.clock.now()).as_secs() + 1 })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_key_has_its_own_allowance() {
        let saves = PerMinute::new(NonZeroU32::new(2).unwrap());
        assert!(saves.check("anders case-1".into()).is_ok() && saves.check("anders case-1".into()).is_ok());
        match saves.check("anders case-1".into()) {
            Err(ApiError::TooManyRequests { retry_after }) => assert!((1..=31).contains(&retry_after), "{retry_after}"),
            other => panic!("{other:?}"),
        }
        assert!(saves.check("anders case-2".into()).is_ok(), "another case");
    }
}
