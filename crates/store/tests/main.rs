//! Every integration test of this crate, in one test binary: one link of the whole dependency
//! graph instead of one per file, and the files' tests run in parallel with each other.
//! A `tests/*.rs` file not declared here would never run: `scripts/test` refuses that.

mod common;

mod backup;
mod event_imports;
mod intakes;
mod login_timing;
mod merkle_log;
mod record_kinds;
mod story;
mod user_settings;
