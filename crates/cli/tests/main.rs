//! Every integration test of this crate, in one test binary: one link of the whole dependency
//! graph instead of one per file, and the files' tests run in parallel with each other.
//! A `tests/*.rs` file not declared here would never run: `scripts/test` refuses that.

mod common;
#[path = "../../intake/tests/hostile_corpus.rs"]
mod hostile_corpus;

mod accounts_cli;
mod audit_cli;
mod backup_cli;
mod cli;
mod demo_cli;
mod directory_cli;
mod documents_cli;
mod events_cli;
mod forecast_cli;
mod intake_cli;
mod record_cli;
mod remind_cli;
mod rules_cli;
mod secrets_cli;
mod service_kill;
