//! Every integration test of this crate, in one test binary: one link of the whole dependency
//! graph instead of one per file, and the files' tests run in parallel with each other.
//! A `tests/*.rs` file not declared here would never run: `scripts/test` refuses that.

mod compare;
mod founding;
mod hostile;
mod hostile_corpus;
mod messages;
