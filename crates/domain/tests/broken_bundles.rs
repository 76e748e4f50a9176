//! The corpus of broken bundles: each case breaks the valid `bundles/mini` in one way and
//! expects exactly one problem, with its message id, file, line and column. The expected
//! position is found in the edited text independently of the loader (the first occurrence
//! of a marker), so a loader that points at the wrong place fails.

use std::path::{Path, PathBuf};

use tahawul_domain::diagnostic::{Diagnostic, SourceText};
use tahawul_i18n::{Lang, Localizer};

struct Case {
    name: &'static str,
    file: &'static str,
    find: &'static str,
    replace: &'static str,
    code: &'static str,
    /// Where the problem is: the first occurrence of this text in the edited file.
    at: &'static str,
    /// The help must mention this (e.g. the did-you-mean suggestion); empty for no check.
    help_has: &'static str,
}

const CASES: &[Case] = &[
    Case {
        name: "unknown area in a phase",
        file: "phases.toml",
        find: r#"areas = ["north"]"#,
        replace: r#"areas = ["nort"]"#,
        code: "bundle-unknown-reference",
        at: r#""nort""#,
        help_has: "north",
    },
    Case {
        name: "missing Arabic text",
        file: "case.toml",
        find: r#"name = { en = "Mini case", ar = "حالة مصغرة" }"#,
        replace: r#"name = { en = "Mini case" }"#,
        code: "bundle-missing-translation",
        at: r#"{ en = "Mini case" }"#,
        help_has: "ar",
    },
    Case {
        name: "empty English text",
        file: "documents.toml",
        find: r#"summary = { en = "A statement.""#,
        replace: r#"summary = { en = " ""#,
        code: "bundle-empty-text",
        at: r#"" ""#,
        help_has: "",
    },
    Case {
        name: "unknown key with a near miss",
        file: "rounds.toml",
        find: "minutes_signed",
        replace: "minute_signed",
        code: "bundle-unknown-key",
        at: "minute_signed",
        help_has: "minutes_signed",
    },
    Case {
        name: "TOML syntax error",
        file: "commitments.toml",
        find: r#"theme = "protection""#,
        replace: r#"theme = "protection"#,
        code: "bundle-toml-syntax",
        at: "\nround = \"r1\"",
        help_has: "",
    },
    Case {
        name: "duplicate person id",
        file: "case.toml",
        find: "[[area]]\nid = \"country\"",
        replace: "[[person]]\nid = \"head-a\"\nname = { en = \"X\", ar = \"س\" }\ntitle = { en = \"X\", ar = \"س\" }\nparty = \"a\"\n\n[[area]]\nid = \"country\"",
        code: "bundle-duplicate-id",
        at: "\"head-a\"\nname = { en = \"X\"",
        help_has: "",
    },
    Case {
        name: "impossible date",
        file: "rounds.toml",
        find: r#"start = "2024-01-08""#,
        replace: r#"start = "2024-13-08""#,
        code: "bundle-bad-date",
        at: r#""2024-13-08""#,
        help_has: "YYYY-MM-DD",
    },
    Case {
        name: "round ends before it starts",
        file: "rounds.toml",
        find: r#"end = "2024-01-09""#,
        replace: r#"end = "2024-01-01""#,
        code: "bundle-end-before-start",
        at: r#""2024-01-01""#,
        help_has: "",
    },
    Case {
        name: "gate missing its operator",
        file: "phases.toml",
        find: "threat.attacks <= 10 for 2 months",
        replace: "threat.attacks 10 for 2 months",
        code: "gate-",
        at: "10 for 2",
        help_has: "",
    },
    Case {
        name: "gate names an unknown indicator",
        file: "phases.toml",
        find: "threat.attacks <= 10 for 2",
        replace: "threat.atacks <= 10 for 2",
        code: "gate-",
        at: "threat.atacks",
        help_has: "threat.attacks",
    },
    Case {
        name: "gate compares a level with a number",
        file: "phases.toml",
        find: r#"capability.readiness >= level "in-the-lead""#,
        replace: "capability.readiness >= 2",
        code: "gate-",
        at: "2\n\"\"\"",
        help_has: "",
    },
    Case {
        name: "gate names an unknown level",
        file: "phases.toml",
        find: r#"level "in-the-lead""#,
        replace: r#"level "in-the-led""#,
        code: "gate-",
        at: r#"level "in-the-led""#,
        help_has: "in-the-lead",
    },
    Case {
        name: "share threshold written as a percent",
        file: "phases.toml",
        find: "independent_share >= 0.3",
        replace: "independent_share >= 30",
        code: "gate-",
        at: "30",
        help_has: "0.3",
    },
    Case {
        name: "phase depends on itself",
        file: "phases.toml",
        find: "earliest_start = \"2024-06\"",
        replace: "predecessors = [\"partnership\"]\nearliest_start = \"2024-06\"",
        code: "bundle-phase-cycle",
        at: "\"partnership\"]",
        help_has: "",
    },
    Case {
        name: "deadline before earliest start",
        file: "phases.toml",
        find: r#"deadline = "2025-06""#,
        replace: r#"deadline = "2024-01""#,
        code: "bundle-deadline-before-earliest",
        at: r#""2024-01""#,
        help_has: "",
    },
    Case {
        name: "bad month",
        file: "phases.toml",
        find: r#"earliest_start = "2024-06""#,
        replace: r#"earliest_start = "June 2024""#,
        code: "bundle-bad-month",
        at: r#""June 2024""#,
        help_has: "YYYY-MM",
    },
    Case {
        name: "scale level left unmapped",
        file: "scales.toml",
        find: "high = \"in-the-lead\"\n",
        replace: "",
        code: "bundle-scale-unmapped-level",
        at: "[[scale.version]]\nversion = 2",
        help_has: "high",
    },
    Case {
        name: "level indicator without a scale",
        file: "indicators.toml",
        find: "scale = \"readiness\"\n",
        replace: "",
        code: "bundle-level-needs-scale",
        at: "[[indicator]]\nid = \"readiness\"",
        help_has: "",
    },
    Case {
        name: "several publishers, no reference",
        file: "indicators.toml",
        find: "reference_publisher = \"office\"\n",
        replace: "",
        code: "bundle-needs-reference-publisher",
        at: "\"attacks\"",
        help_has: "reference_publisher",
    },
    Case {
        name: "commitment status out of range",
        file: "commitments.toml",
        find: "status = 2",
        replace: "status = 5",
        code: "bundle-out-of-range",
        at: "5\nstatus_note",
        help_has: "3",
    },
    Case {
        name: "number given as a string",
        file: "phases.toml",
        find: "min_lag_months = 3",
        replace: "min_lag_months = \"3\"",
        code: "bundle-wrong-type",
        at: "\"3\"",
        help_has: "",
    },
    Case {
        name: "condition uses another factor's indicator",
        file: "case.toml",
        find: r#"condition = "threat.attacks <= 10 for 3 months""#,
        replace: r#"condition = "capability.independent_share >= 0.5""#,
        code: "bundle-condition-foreign-factor",
        at: "capability.independent_share >= 0.5",
        help_has: "threat",
    },
    Case {
        name: "head from another party",
        file: "case.toml",
        find: "title = { en = \"Minister\", ar = \"وزير\" }\nparty = \"a\"",
        replace: "title = { en = \"Minister\", ar = \"وزير\" }\nparty = \"b\"",
        code: "bundle-head-wrong-party",
        at: "\"head-a\"\nsources",
        help_has: "",
    },
    Case {
        name: "assessment rating not on the scale",
        file: "assessments.toml",
        find: r#"rating = "met""#,
        replace: r#"rating = "mett""#,
        code: "bundle-unknown-level",
        at: r#""mett""#,
        help_has: "met",
    },
    Case {
        name: "identifier with capitals",
        file: "commitments.toml",
        find: r#"id = "protect""#,
        replace: r#"id = "Protect Advisers""#,
        code: "bundle-bad-id",
        at: r#""Protect Advisers""#,
        help_has: "protect-advisers",
    },
    Case {
        name: "unknown choice",
        file: "case.toml",
        find: r#"kind = "region""#,
        replace: r#"kind = "regoin""#,
        code: "bundle-bad-choice",
        at: r#""regoin""#,
        help_has: "region",
    },
    Case {
        name: "CSV negative count",
        file: "observations/data.csv",
        find: "2024-01,14,",
        replace: "2024-01,-14,",
        code: "bundle-csv-row",
        at: "-14,",
        help_has: "whole number",
    },
    Case {
        name: "CSV unknown area",
        file: "observations/data.csv",
        find: "threat.attacks,north,2024-03",
        replace: "threat.attacks,nothr,2024-03",
        code: "bundle-csv-row",
        at: "nothr",
        help_has: "north",
    },
    Case {
        name: "CSV period of the wrong frequency",
        file: "observations/data.csv",
        find: "capability.readiness,north,2024-Q1",
        replace: "capability.readiness,north,2024-03",
        code: "bundle-csv-row",
        at: "2024-03,independent",
        help_has: "2024-Q1",
    },
    Case {
        name: "CSV share written as a percent",
        file: "observations/data.csv",
        find: "2024-Q1,0.4,",
        replace: "2024-Q1,40,",
        code: "bundle-csv-row",
        at: "40,",
        help_has: "0.4",
    },
    Case {
        name: "CSV unknown level",
        file: "observations/data.csv",
        find: "2024-Q1,independent,",
        replace: "2024-Q1,independant,",
        code: "bundle-csv-row",
        at: "independant",
        help_has: "independent",
    },
    Case {
        name: "CSV level on a scale version that does not exist",
        file: "observations/data.csv",
        find: "2023-Q4,high,1,",
        replace: "2023-Q4,high,7,",
        code: "bundle-csv-row",
        at: "7,office",
        help_has: "",
    },
    Case {
        name: "CSV not a number",
        file: "observations/data.csv",
        find: "2024-02,9,",
        replace: "2024-02,nine,",
        code: "bundle-csv-row",
        at: "nine",
        help_has: "",
    },
    Case {
        name: "CSV unknown column",
        file: "observations/data.csv",
        find: ",note\n",
        replace: ",notes\n",
        code: "bundle-csv-unknown-column",
        at: "notes",
        help_has: "note",
    },
    Case {
        name: "CSV row with a missing field",
        file: "observations/data.csv",
        find: "threat.attacks,country,2024-03,8,,office,count,2024-04-05,high,false,,",
        replace: "threat.attacks,country,2024-03,8,,office,count,2024-04-05,high,false,",
        code: "bundle-csv-field-count",
        at: "threat.attacks,country,2024-03",
        help_has: "",
    },
    Case {
        name: "scenario names a clause the gate lacks",
        file: "scenarios.toml",
        find: "clause = 1",
        replace: "clause = 9",
        code: "bundle-no-such-clause",
        at: "9\nvalue",
        help_has: "2",
    },
    Case {
        name: "scenario gives a level to a count clause",
        file: "scenarios.toml",
        find: "value = 12",
        replace: "value = \"high\"",
        code: "gate-",
        at: "\"high\"",
        help_has: "",
    },
    Case {
        name: "scenario shock that changes nothing",
        file: "scenarios.toml",
        find: "multiply = 2\n",
        replace: "",
        code: "bundle-shock-no-effect",
        at: "[[scenario.shock]]",
        help_has: "multiply",
    },
    Case {
        name: "scenario shock on an unknown indicator",
        file: "scenarios.toml",
        find: "indicator = \"threat.attacks\"",
        replace: "indicator = \"threat.attack\"",
        code: "bundle-unknown-reference",
        at: "\"threat.attack\"",
        help_has: "threat.attacks",
    },
    Case {
        name: "scenario multiplier that is not positive",
        file: "scenarios.toml",
        find: "multiply = 2",
        replace: "multiply = -1",
        code: "bundle-bad-effect",
        at: "-1",
        help_has: "greater than 0",
    },
    Case {
        name: "public key that is not a key",
        file: "case.toml",
        find: "title = { en = \"Minister\", ar = \"وزير\" }\nparty = \"a\"",
        replace: "title = { en = \"Minister\", ar = \"وزير\" }\nparty = \"a\"\npublic_key = \"ed25519:abc\"",
        code: "bundle-bad-public-key",
        at: "\"ed25519:abc\"",
        help_has: "64 hex",
    },
    Case {
        name: "minutes signature that is not a signature",
        file: "rounds.toml",
        find: "[[round.decision]]",
        replace: "[[round.signature]]\nperson = \"head-a\"\nkey = \"ed25519:863342b6bd12ac5f472e28639e0f10c17da127c6dd72707e86b87304a5d2d5f6\"\nsignature = \"ed25519:00\"\nsigned_at = \"2024-01-09T12:00:00Z\"\n\n[[round.decision]]",
        code: "bundle-bad-signature",
        at: "\"ed25519:00\"",
        help_has: "128 hex",
    },
    Case {
        name: "minutes signature time that is not a time",
        file: "rounds.toml",
        find: "[[round.decision]]",
        replace: "[[round.signature]]\nperson = \"head-a\"\nkey = \"ed25519:863342b6bd12ac5f472e28639e0f10c17da127c6dd72707e86b87304a5d2d5f6\"\nsignature = \"ed25519:00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000\"\nsigned_at = \"yesterday\"\n\n[[round.decision]]",
        code: "bundle-bad-timestamp",
        at: "\"yesterday\"",
        help_has: "RFC 3339",
    },
    Case {
        name: "minutes signed by a head with no registered key",
        file: "rounds.toml",
        find: "[[round.decision]]",
        replace: "[[round.signature]]\nperson = \"head-a\"\nkey = \"ed25519:863342b6bd12ac5f472e28639e0f10c17da127c6dd72707e86b87304a5d2d5f6\"\nsignature = \"ed25519:00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000\"\nsigned_at = \"2024-01-09T12:00:00Z\"\n\n[[round.decision]]",
        code: "bundle-signature-no-key",
        at: "\"head-a\"\nkey",
        help_has: "public_key",
    },
    Case {
        name: "minutes signed by an unknown person",
        file: "rounds.toml",
        find: "[[round.decision]]",
        replace: "[[round.signature]]\nperson = \"head-x\"\nkey = \"ed25519:863342b6bd12ac5f472e28639e0f10c17da127c6dd72707e86b87304a5d2d5f6\"\nsignature = \"ed25519:00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000\"\nsigned_at = \"2024-01-09T12:00:00Z\"\n\n[[round.decision]]",
        code: "bundle-unknown-reference",
        at: "\"head-x\"",
        help_has: "head-a",
    },
    Case {
        name: "phase started before its predecessor",
        file: "phases.toml",
        find: "min_lag_months = 3",
        replace: "min_lag_months = 3\nstarted = \"2024-09\"",
        code: "bundle-started-before-predecessor",
        at: "\"2024-09\"",
        help_has: "handover-north",
    },
    Case {
        name: "import definition crediting an unknown publisher",
        file: "imports.toml",
        find: r#"publisher = "monitor""#,
        replace: r#"publisher = "monitr""#,
        code: "bundle-unknown-reference",
        at: r#""monitr""#,
        help_has: "monitor",
    },
    Case {
        name: "import definition feeding an unknown indicator",
        file: "imports.toml",
        find: r#"indicator = "threat.attacks""#,
        replace: r#"indicator = "threat.atacks""#,
        code: "bundle-unknown-reference",
        at: r#""threat.atacks""#,
        help_has: "threat.attacks",
    },
    Case {
        name: "import definition of an unknown dataset",
        file: "imports.toml",
        find: r#"dataset = "ucdp-ged""#,
        replace: r#"dataset = "ucdp-gde""#,
        code: "bundle-bad-choice",
        at: r#""ucdp-gde""#,
        help_has: "ucdp-ged",
    },
    Case {
        name: "import definition with a type of violence off the scale",
        file: "imports.toml",
        find: "type_of_violence = [1, 3]",
        replace: "type_of_violence = [1, 4]",
        code: "bundle-out-of-range",
        at: "4]",
        help_has: "3",
    },
    Case {
        name: "import definition using an ACLED column on GED",
        file: "imports.toml",
        find: "max_date_precision = 3",
        replace: "max_date_precision = 3\nevent_types = [\"Battles\"]",
        code: "bundle-import-other-dataset",
        at: "[\"Battles\"]",
        help_has: "dataset",
    },
    Case {
        name: "import definition feeding a quarterly level",
        file: "imports.toml",
        find: r#"indicator = "threat.attacks""#,
        replace: r#"indicator = "capability.readiness""#,
        code: "bundle-import-indicator-kind",
        at: r#""capability.readiness""#,
        help_has: "count",
    },
    Case {
        name: "import definition with a misspelt key",
        file: "imports.toml",
        find: "max_date_precision = 3",
        replace: "max_date_precison = 3",
        code: "bundle-unknown-key",
        at: "max_date_precison",
        help_has: "max_date_precision",
    },
    Case {
        name: "import definition ending before it starts",
        file: "imports.toml",
        find: r#"from = "2023-01""#,
        replace: "from = \"2023-01\"\nto = \"2022-12\"",
        code: "bundle-import-months-order",
        at: r#""2022-12""#,
        help_has: "",
    },
    Case {
        name: "area place that is not an ISO code",
        file: "case.toml",
        find: r#""IQ-NI""#,
        replace: r#""IQ-Ninewa""#,
        code: "bundle-bad-place",
        at: r#""IQ-Ninewa""#,
        help_has: "upper case",
    },
];

fn mini() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bundles/mini")
}

/// Copies the valid bundle to a fresh folder.
fn copy_mini() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in walk(&mini()) {
        let rel = entry.strip_prefix(mini()).unwrap();
        let to = dir.path().join(rel);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(&entry, &to).unwrap();
    }
    dir
}

fn walk(p: &Path) -> Vec<PathBuf> {
    let mut out = vec![];
    for e in std::fs::read_dir(p).unwrap() {
        let path = e.unwrap().path();
        if path.is_dir() { out.extend(walk(&path)) } else { out.push(path) }
    }
    out
}

fn break_one(dir: &Path, c: &Case) -> String {
    let path = dir.join(c.file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(c.find), "case {:?}: {:?} not found in {}", c.name, c.find, c.file);
    let edited = text.replacen(c.find, c.replace, 1);
    std::fs::write(&path, &edited).unwrap();
    edited
}

#[test]
fn the_valid_bundle_loads() {
    let case = tahawul_domain::load(&mini()).unwrap_or_else(|d| panic!("mini bundle should load: {d:#?}"));
    assert_eq!(case.phases.len(), 2);
    assert_eq!(case.observations.len(), 10);
}

#[test]
fn each_broken_bundle_gets_its_precise_error() {
    let en = Localizer::new(Lang::En).unwrap();
    let ar = Localizer::new(Lang::Ar).unwrap();
    let mut failures = Vec::new();
    for c in CASES {
        let dir = copy_mini();
        let edited = break_one(dir.path(), c);
        let diags: Vec<Diagnostic> = match tahawul_domain::load(dir.path()) {
            Ok(_) => {
                failures.push(format!("{}: loaded without error", c.name));
                continue;
            }
            Err(d) => d,
        };
        let offset =
            edited.find(c.at).unwrap_or_else(|| panic!("case {:?}: marker {:?} not in edited file", c.name, c.at));
        let (line, column) = SourceText::new(c.file, edited.clone()).line_col(offset);
        let rendered: Vec<String> = diags.iter().map(|d| d.render(&en)).collect();
        if diags.len() != 1 {
            failures.push(format!(
                "{}: expected exactly one problem, got {}:\n{}",
                c.name,
                diags.len(),
                rendered.join("\n")
            ));
            continue;
        }
        let d = &diags[0];
        if !d.message.id.starts_with(c.code) || d.file != c.file || d.line != line || d.column != column {
            failures.push(format!(
                "{}: expected {} at {}:{}:{}, got {} at {}:{}:{}\n{}",
                c.name, c.code, c.file, line, column, d.message.id, d.file, d.line, d.column, rendered[0]
            ));
            continue;
        }
        let help = d.help.as_ref().map(|h| en.format(h)).unwrap_or_default();
        let text = format!("{} {}", en.format(&d.message), help);
        if !c.help_has.is_empty() && !text.contains(c.help_has) {
            failures.push(format!("{}: message and help should mention {:?}: {}", c.name, c.help_has, rendered[0]));
        }
        // Every problem reads fully in both languages: no missing message or argument.
        for loc in [&en, &ar] {
            let r = d.render(loc);
            if r.contains('⟦') {
                failures.push(format!("{}: untranslated text in {:?}: {r}", c.name, loc.lang()));
            }
        }
    }
    assert!(failures.is_empty(), "{} of {} cases failed:\n\n{}", failures.len(), CASES.len(), failures.join("\n\n"));
}

#[test]
fn every_problem_is_reported_at_once() {
    let dir = copy_mini();
    for c in [&CASES[0], &CASES[3], &CASES[19], &CASES[26], &CASES[27]] {
        break_one(dir.path(), c);
    }
    let diags = tahawul_domain::load(dir.path()).expect_err("broken in five places");
    let mut codes: Vec<(&str, &str)> = diags.iter().map(|d| (d.file.as_str(), d.message.id)).collect();
    codes.sort();
    assert_eq!(
        codes,
        vec![
            ("commitments.toml", "bundle-out-of-range"),
            ("observations/data.csv", "bundle-csv-row"),
            ("observations/data.csv", "bundle-csv-row"),
            ("phases.toml", "bundle-unknown-reference"),
            ("rounds.toml", "bundle-unknown-key"),
        ]
    );
}

#[test]
fn a_missing_file_and_a_missing_folder_are_reported_not_panicked() {
    let dir = copy_mini();
    std::fs::remove_file(dir.path().join("rounds.toml")).unwrap();
    let diags = tahawul_domain::load(dir.path()).expect_err("rounds.toml is required");
    assert!(diags.iter().any(|d| d.message.id == "bundle-missing-file" && d.file == "rounds.toml"), "{diags:?}");
    let diags = tahawul_domain::load(&dir.path().join("nope")).expect_err("no folder");
    assert_eq!(diags[0].message.id, "bundle-not-a-folder");
}

#[test]
fn a_file_that_is_not_utf8_is_reported_with_its_position() {
    let dir = copy_mini();
    let path = dir.path().join("documents.toml");
    let mut bytes = std::fs::read(&path).unwrap();
    bytes.splice(0..0, b"# caf\xe9\n".iter().copied());
    std::fs::write(&path, bytes).unwrap();
    let diags = tahawul_domain::load(dir.path()).expect_err("latin-1 byte");
    assert!(diags.iter().any(|d| d.message.id == "bundle-not-utf8" && d.line == 1 && d.column == 6), "{diags:?}");
}

#[test]
fn the_optional_assessments_file_may_be_absent() {
    let dir = copy_mini();
    std::fs::remove_file(dir.path().join("assessments.toml")).unwrap();
    let case = tahawul_domain::load(dir.path()).expect("assessments.toml is optional");
    assert!(case.assessments.is_empty());
}

#[test]
fn a_phase_started_sooner_than_its_lag_allows_is_refused_and_one_started_in_time_loads() {
    let dir = copy_mini();
    let path = dir.path().join("phases.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let text = text.replacen("deadline = \"2025-06\"", "deadline = \"2025-06\"\nstarted = \"2024-07\"", 1);
    std::fs::write(&path, text.replacen("min_lag_months = 3", "min_lag_months = 3\nstarted = \"2024-09\"", 1)).unwrap();
    let diags = tahawul_domain::load(dir.path()).expect_err("2024-07 + 3 months is 2024-10");
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(diags[0].message.id, "bundle-started-too-soon");
    std::fs::write(&path, text.replacen("min_lag_months = 3", "min_lag_months = 3\nstarted = \"2024-10\"", 1)).unwrap();
    let case = tahawul_domain::load(dir.path()).expect("started in time");
    assert_eq!(case.phase("partnership").unwrap().started.map(|m| m.to_string()), Some("2024-10".into()));
}
