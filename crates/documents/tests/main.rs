//! Every integration test of this crate, in one test binary (see crates/domain/tests/main.rs).
//! The PDFs are read back with Debian's poppler-utils (`pdftotext`, `pdftoppm`), which
//! scripts/test installs; a test fails, never skips, when they are missing.

mod helpers;
mod messages;
mod minutes_pdf;
mod other_documents;
mod report_pdf;
