//! How many of one kind of thing may be in flight at once, in all and per key: uploads per person
//! (each holds its body in memory until it is stored) and connections per client address.

use crate::http::ApiError;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

/// The requests of one kind in flight.
#[derive(Debug)]
pub struct InFlight {
    total: usize,
    per_person: usize,
    open: Mutex<Open>,
}

#[derive(Debug, Default)]
struct Open {
    total: usize,
    by_person: HashMap<String, usize>,
}

/// One request's place, given back when dropped.
#[derive(Debug)]
pub struct Ticket {
    table: Arc<InFlight>,
    person: String,
}

/// How long a client refused for now is asked to wait: an upload takes seconds.
const RETRY_AFTER_SECONDS: u64 = 5;

impl InFlight {
    pub fn new(total: usize, per_person: usize) -> Arc<InFlight> {
        Arc::new(InFlight { total, per_person, open: Mutex::default() })
    }

    /// A place for one more of `person`'s requests, or 429 with `Retry-After`.
    pub fn admit(self: &Arc<Self>, person: &str) -> Result<Ticket, ApiError> {
        let mut open = self.open.lock().unwrap_or_else(PoisonError::into_inner);
        let mine = open.by_person.get(person).copied().unwrap_or(0);
        if open.total >= self.total || mine >= self.per_person {
            return Err(ApiError::TooManyRequests { retry_after: RETRY_AFTER_SECONDS });
        }
        open.total += 1;
        open.by_person.insert(person.to_string(), mine + 1);
        Ok(Ticket { table: self.clone(), person: person.to_string() })
    }
}

impl Drop for Ticket {
    fn drop(&mut self) {
        let mut open = self.table.open.lock().unwrap_or_else(PoisonError::into_inner);
        open.total -= 1;
        if let Some(mine) = open.by_person.get_mut(&self.person) {
            *mine -= 1;
            if *mine == 0 {
                open.by_person.remove(&self.person);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_person_has_their_share_and_all_together_the_total() {
        let uploads = InFlight::new(3, 2);
        let first = uploads.admit("anders").unwrap();
        let _second = uploads.admit("anders").unwrap();
        assert!(uploads.admit("anders").is_err(), "a third of the same person's");
        let _other = uploads.admit("signe").unwrap();
        assert!(uploads.admit("emil").is_err(), "the total");
        drop(first);
        assert!(uploads.admit("emil").is_ok(), "a place given back is free again");
    }
}
