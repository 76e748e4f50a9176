//! Every integration test of this crate, in one test binary: one link of the whole dependency
//! graph instead of one per file, and the files' tests run in parallel with each other.
//! A `tests/*.rs` file not declared here would never run: `scripts/test` refuses that.

mod broken_bundles;
mod forecast_bridge;
mod fuzz_million;
mod gate_backtest;
mod gate_on_a_loaded_bundle;
mod key_history;
mod minutes_demo;
mod minutes_signing;
mod round_trip;
mod statement_drafts;
mod ucdp_backtest;
