//! `tahawul init` and `tahawul import` refuse what the API refuses (issue 12, items 1 and 6):
//! a bundle with a terminal escape in a narrative, a name over its limit or an off-scale
//! rating is not imported — non-zero exit, each problem with its file, line and column, and
//! nothing written; the same in Arabic.

use crate::common;

use common::{copy_bundle, founding, stderr, stdout, tahawul};

/// A copy of the founding case with `from` replaced by `to` in `file`.
fn broken(file: &str, from: &str, to: &str) -> tempfile::TempDir {
    let dir = copy_bundle(&founding());
    let path = dir.path().join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} holds {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    dir
}

fn init(bundle: &std::path::Path, lang: &str) -> (std::process::Output, tempfile::TempDir, String) {
    let db_dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", db_dir.path().join("t.db").display());
    let out = tahawul(&["--lang", lang, "init", "--database", &db, bundle.to_str().unwrap()]);
    (out, db_dir, db)
}

/// The database holds no case (a later `init` of the founding case succeeds).
fn still_empty(db: &str) {
    let out = tahawul(&["init", "--database", db, founding().to_str().unwrap()]);
    assert!(out.status.success(), "nothing was written by the refused init: {}", stderr(&out));
}

#[test]
fn init_refuses_a_terminal_escape_in_a_narrative() {
    let dir = broken("assessments.toml", "ISIS attacks in Federal Iraq", "\\u001b[2J\\u001b[32mverified ISIS attacks");
    let (out, _db_dir, db) = init(dir.path(), "en");
    assert!(!out.status.success());
    let err = stderr(&out) + &stdout(&out);
    assert!(err.contains("assessments.toml:13:"), "located: {err}");
    assert!(err.contains("control character (U+001B"), "{err}");
    assert!(!err.contains('\u{1b}'), "the escape is never printed raw: {err:?}");
    still_empty(&db);
}

#[test]
fn init_refuses_a_name_over_its_limit_in_arabic_too() {
    let long = "x".repeat(tahawul_domain::rules::NAME_MAX_CHARS + 1);
    let dir = broken("case.toml", "United States of America", &long);
    let (out, _db_dir, db) = init(dir.path(), "ar");
    assert!(!out.status.success());
    let err = stderr(&out) + &stdout(&out);
    assert!(err.contains("case.toml:27:"), "located: {err}");
    assert!(err.contains("الحد الأقصى"), "in Arabic: {err}");
    still_empty(&db);
}

#[test]
fn init_refuses_an_off_scale_rating() {
    let dir = broken("assessments.toml", "rating = \"met\"", "rating = \"stellar\"");
    let (out, _db_dir, db) = init(dir.path(), "en");
    assert!(!out.status.success());
    let err = stderr(&out) + &stdout(&out);
    assert!(err.contains("assessments.toml:10:") && err.contains("stellar"), "{err}");
    still_empty(&db);
}

#[test]
fn import_refuses_observations_that_name_unknown_records() {
    let db_dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", db_dir.path().join("t.db").display());
    assert!(tahawul(&["init", "--database", &db]).status.success());
    let csv = db_dir.path().join("bad.csv");
    let good = std::fs::read_to_string(founding().join("observations/threat-public.csv")).unwrap();
    let header = good.lines().next().unwrap();
    let row = good.lines().nth(1).unwrap().replacen(",iraq,", ",atlantis,", 1);
    std::fs::write(&csv, format!("{header}\n{row}\n")).unwrap();
    let out = tahawul(&["import", "observations", csv.to_str().unwrap(), "--database", &db]);
    assert!(!out.status.success());
    let err = stderr(&out) + &stdout(&out);
    assert!(err.contains("bad.csv:2:") && err.contains("atlantis"), "{err}");
}
