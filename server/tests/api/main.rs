//! The server's integration tests over real HTTP, in one test binary: one build and one link
//! for all of them, and their tests run side by side. Each module is one subject; `common` starts
//! a real server on a fresh database (a SQLite file, or a new PostgreSQL database under
//! `make test`). The outage of PostgreSQL is `tests/outage.rs`, a binary of its own, since it
//! stops the cluster every other test uses.

mod common;

mod abuse;
mod bad_days;
mod brokers;
mod cases;
mod contact;
mod full_disk;
mod instances;
mod oidc;
mod outbox;
mod preparation;
mod register;
mod schema;
mod session;
mod staff;
