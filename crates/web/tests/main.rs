//! Every integration test of this crate, in one test binary: one link of the whole dependency
//! graph instead of one per file, and the files' tests run in parallel with each other.
//! A `tests/*.rs` file not declared here would never run: `scripts/test` refuses that.

mod helpers;
#[path = "../../intake/tests/hostile_corpus.rs"]
mod hostile_corpus;
mod matrix;

mod accounts;
mod agreed;
mod api;
mod browser;
mod browser_accounts;
mod browser_analysis;
mod browser_every_page;
mod browser_figures;
mod browser_imports;
mod browser_inbox;
mod browser_reading_order;
mod browser_record;
mod browser_roles;
mod dashboard_cells;
mod directory;
mod event_imports;
mod hardening;
mod inbox;
mod intake_api;
mod intake_pages;
mod intake_review;
mod pages;
mod pages_analysis;
mod pages_entry;
mod pages_record;
mod pages_work;
mod partner_leak;
mod record_api;
mod reminders;
mod rules_invariant;
mod rules_paths;
mod security;
mod tables;
