//! Generated hostile input against the three parsers that take text from people: the gate
//! language, the bundle loader and the observations CSV reader. Any input must give a value or
//! located problems — never a panic (proptest catches it, shrinks it and fails the test).
//!
//! The number of generated cases is `TAHAWUL_PROPTEST_CASES` in total (default 20,000, what
//! `scripts/test` runs), split 45 % gates, 45 % CSV, 10 % bundles. The full run is
//! `TAHAWUL_PROPTEST_CASES=1000000 cargo test --release -p tahawul-domain --test integration fuzz_million::`
//! (see docs/RELIABILITY.md for its time).

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use tahawul_domain::{Case, Lang, gate};
use tahawul_i18n::Localizer;

fn total_cases() -> u32 {
    std::env::var("TAHAWUL_PROPTEST_CASES").ok().and_then(|v| v.replace('_', "").parse().ok()).unwrap_or(20_000)
}

fn runner(share_percent: u32) -> TestRunner {
    let cases = (total_cases() as u64 * share_percent as u64 / 100).max(1) as u32;
    eprintln!("{cases} cases");
    TestRunner::new(Config { cases, failure_persistence: None, max_shrink_iters: 2_000, ..Config::default() })
}

fn founding_case() -> &'static Case {
    static CASE: OnceLock<Case> = OnceLock::new();
    CASE.get_or_init(|| {
        tahawul_domain::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/iraq-hmc")).expect("loads")
    })
}

fn locs() -> &'static [Localizer; 2] {
    static L: OnceLock<[Localizer; 2]> = OnceLock::new();
    L.get_or_init(|| [Localizer::new(Lang::En).unwrap(), Localizer::new(Lang::Ar).unwrap()])
}

/// Pieces that mean something to one of the parsers, and pieces that break things.
const TOKENS: &[&str] = &[
    "threat.attacks_per_month",
    "threat.incidents_per_year",
    "capability.brigades_independent_share",
    "requirements.coalition_air_sorties_per_month",
    "capability.readiness",
    "and",
    "or",
    "not",
    "(",
    ")",
    "<=",
    ">=",
    "<",
    ">",
    "==",
    "=",
    "!=",
    "for",
    "months",
    "month",
    "level",
    "\"independent\"",
    "\"",
    "0",
    "-0",
    "0.6",
    "6",
    "15",
    "1e308",
    "1e999",
    "-1e999",
    "NaN",
    "inf",
    "99999999999999999999999",
    "0x10",
    "٣",
    "١٥",
    "\u{202E}",
    "\u{200F}",
    "\u{0}",
    "\u{FEFF}",
    "é",
    "𝟙",
    ".",
    "..",
    ",",
    "\n",
    "\t",
    "#",
    "iraq",
    "krg",
    "2024",
    "2024-06",
    "2024-13",
    "2024-Q2",
    "2024-02-30",
    "true",
    "false",
    "high",
    "low",
    "gtd",
    "gtd-all-terrorism",
    "figures",
    "",
    " ",
];

fn token_soup(max: usize) -> impl Strategy<Value = String> {
    (prop::collection::vec((prop::sample::select(TOKENS), prop::sample::select(&[" ", "", "  ", "\n"][..])), 0..max))
        .prop_map(|v| v.into_iter().map(|(t, s)| format!("{t}{s}")).collect())
}

fn gate_text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => token_soup(24),
        2 => any::<String>(),
        1 => (0usize..3000, prop::sample::select(&["(", "not ", "not (", "((", "-"][..]), token_soup(6))
            .prop_map(|(n, open, mid)| format!("{}{mid}{}", open.repeat(n), ")".repeat(n))),
        1 => prop::collection::vec(any::<u8>(), 0..64).prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
    ]
}

#[test]
fn the_gate_parser_never_panics() {
    let case = founding_case();
    let areas: Vec<String> = case.areas.iter().map(|a| a.id.to_string()).collect();
    runner(45)
        .run(&gate_text(), |text| {
            match gate::parse(&text) {
                Err(errors) => {
                    for e in &errors {
                        prop_assert!(
                            e.span.start <= e.span.end && e.span.end <= text.len(),
                            "span {:?} outside {text:?}",
                            e.span
                        );
                        for loc in locs() {
                            let _ = loc.format(&e.message);
                        }
                    }
                }
                Ok(g) => {
                    // What parses renders back to text that parses to the same text.
                    let again = gate::parse(&g.to_source());
                    prop_assert!(again.is_ok(), "{:?} renders to {:?}, which does not parse", text, g.to_source());
                    prop_assert_eq!(again.unwrap().to_source(), g.to_source());
                    let problems = g.check(case);
                    for loc in locs() {
                        let _ = g.sentence(case, loc);
                    }
                    if problems.is_empty() {
                        for a in &areas {
                            let _ = g.evaluate(case, a, None);
                        }
                    }
                }
            }
            Ok(())
        })
        .unwrap();
}

fn csv_text() -> impl Strategy<Value = String> {
    let header = tahawul_domain::bundle::OBSERVATION_COLUMNS.join(",");
    let valid_row = "threat.incidents_per_year,iraq,2031,10,,gtd,gtd-all-terrorism,2032-01-01,high,false,figures,";
    let field = prop_oneof![
        3 => prop::sample::select(TOKENS).prop_map(str::to_string),
        1 => any::<String>().prop_map(|s| s.chars().take(12).collect()),
        1 => Just("\"a,\"\"b\"\"\"".to_string()),
        1 => Just("\"unterminated".to_string()),
    ];
    let row = prop::collection::vec(field, 0..15).prop_map(|f| f.join(","));
    let mutated_valid = (0..valid_row.len(), prop::sample::select(TOKENS))
        .prop_map(move |(at, t)| format!("{}{t}{}", &valid_row[..at], &valid_row[at..]));
    prop_oneof![
        4 => (prop::collection::vec(prop_oneof![3 => row, 2 => mutated_valid, 1 => Just(valid_row.to_string())], 0..8), any::<bool>())
            .prop_map(move |(rows, crlf)| {
                let nl = if crlf { "\r\n" } else { "\n" };
                format!("{header}{nl}{}", rows.join(nl))
            }),
        1 => any::<String>(),
        1 => token_soup(40),
    ]
}

#[test]
fn the_csv_reader_never_panics() {
    let case = founding_case();
    runner(45)
        .run(&csv_text(), |text| {
            match tahawul_domain::bundle::read_observations_csv("fuzz.csv", &text, case) {
                Ok(_) => {}
                Err(diags) => {
                    prop_assert!(!diags.is_empty());
                    for d in &diags {
                        prop_assert!(d.line >= 1, "line {}", d.line);
                        for loc in locs() {
                            let _ = d.rendered(loc);
                        }
                    }
                }
            }
            Ok(())
        })
        .unwrap();
}

/// One edit to a bundle file.
#[derive(Debug, Clone)]
enum Edit {
    Insert(usize, String),
    Delete(usize, usize),
    DuplicateLine(usize),
    SwapLines(usize, usize),
    Truncate(usize),
}

fn apply(text: &str, edit: &Edit) -> String {
    let at = |i: usize| {
        let mut i = i % (text.len() + 1);
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let lines: Vec<&str> = text.lines().collect();
    match edit {
        Edit::Insert(i, s) => format!("{}{s}{}", &text[..at(*i)], &text[at(*i)..]),
        Edit::Delete(i, n) => {
            let (a, b) = (at(*i), at(i + n));
            let (a, b) = (a.min(b), a.max(b));
            format!("{}{}", &text[..a], &text[b..])
        }
        Edit::DuplicateLine(i) if !lines.is_empty() => {
            let mut l = lines.clone();
            l.insert(i % lines.len(), lines[i % lines.len()]);
            l.join("\n")
        }
        Edit::SwapLines(i, j) if !lines.is_empty() => {
            let mut l = lines.clone();
            l.swap(i % lines.len(), j % lines.len());
            l.join("\n")
        }
        Edit::Truncate(i) => text[..at(*i)].to_string(),
        _ => text.to_string(),
    }
}

const BUNDLE_TOKENS: &[&str] = &[
    "[[area]]",
    "[[factor]]",
    "[[indicator]]",
    "[[phase]]",
    "[case]",
    "id = \"iraq\"",
    "id = \"\"",
    "name = { en = \"x\" }",
    "name = { en = \"\u{202E}x\", ar = \"<b>\" }",
    "gate = \"threat.incidents_per_year <= 1e999 for 99999999999 months\"",
    "= ",
    "\"",
    "'''",
    "[",
    "]]",
    "{",
    "\n",
    "#",
    "\u{0}",
    "1e999",
    "-9223372036854775809",
    "2024-02-30",
    "true",
    "threat",
    "parent = \"iraq\"",
    "after = [\"x\"]",
];

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        4 => (any::<usize>(), prop_oneof![3 => prop::sample::select(BUNDLE_TOKENS).prop_map(str::to_string), 1 => any::<String>()])
            .prop_map(|(i, s)| Edit::Insert(i, s)),
        2 => (any::<usize>(), 0usize..200).prop_map(|(i, n)| Edit::Delete(i, n)),
        1 => any::<usize>().prop_map(Edit::DuplicateLine),
        1 => (any::<usize>(), any::<usize>()).prop_map(|(i, j)| Edit::SwapLines(i, j)),
        1 => any::<usize>().prop_map(Edit::Truncate),
    ]
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

fn bundle_files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    v.extend(std::fs::read_dir(dir.join("observations")).unwrap().filter_map(|e| e.ok().map(|e| e.path())));
    v.sort();
    v
}

#[test]
fn the_bundle_loader_never_panics() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bundles/mini");
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("mini");
    copy_dir(&src, &dir);
    let files = bundle_files(&dir);
    let originals: Vec<String> = files.iter().map(|f| std::fs::read_to_string(f).unwrap()).collect();
    assert!(tahawul_domain::load(&dir).is_ok(), "the unedited bundle loads");
    let strategy = (0..files.len(), prop::collection::vec(edit(), 1..4));
    runner(10)
        .run(&strategy, |(file, edits)| {
            let text = edits.iter().fold(originals[file].clone(), |t, e| apply(&t, e));
            std::fs::write(&files[file], &text).unwrap();
            let result = std::panic::catch_unwind(|| tahawul_domain::load(&dir));
            // Put the file back before judging, so the next case starts from a good bundle.
            std::fs::write(&files[file], &originals[file]).unwrap();
            match result {
                Err(_) => prop_assert!(false, "load panicked on {} edited to:\n{text}", files[file].display()),
                Ok(Ok(_)) => {}
                Ok(Err(diags)) => {
                    prop_assert!(!diags.is_empty());
                    for d in &diags {
                        for loc in locs() {
                            let _ = d.rendered(loc);
                        }
                    }
                }
            }
            Ok(())
        })
        .unwrap();
}
