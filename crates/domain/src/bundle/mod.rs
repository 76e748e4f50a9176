//! The case bundle: a folder of TOML and CSV files (see `docs/bundle-format.md`), loaded into a
//! validated [`Case`] or a list of every problem found, each with its file, line and column.
//!
//! Where things are: one module per file of the bundle reads that file (`documents`, `case`
//! with `key_history`, `scales`, `indicators`, `assessments`, `rounds`, `commitments`,
//! `phases`, `scenarios`, `imports`; the CSVs in `observations`); `reader` reads TOML values
//! with their spans, `registry` checks ids and references across files, `files` names the
//! files, `write` renders a case back into them. This module loads the files, runs the readers
//! in order and the checks that need the whole case.

mod assessments;
mod case;
mod commitments;
mod documents;
mod files;
mod imports;
mod indicators;
mod key_history;
mod observations;
mod phases;
pub(crate) mod reader;
mod registry;
mod rounds;
mod scales;
mod scenarios;
mod write;

pub use observations::COLUMNS as OBSERVATION_COLUMNS;
pub use registry::Kind;
pub use write::{append_signature, observations_csv, render, signature_toml, write, write_file};

use std::path::Path;

use tahawul_i18n::{Message, Text};

use crate::diagnostic::{Diagnostic, SourceText};
use crate::gate::{self, Gate};
use crate::model::*;
use files::{BundleFile, Files};
use reader::{Root, Sp, TomlFile};
use registry::{Refs, Registry};

/// The files of a bundle, in the order they are read.
pub const FILES: [&str; 10] = {
    let mut names = [""; 10];
    let mut i = 0;
    while i < names.len() {
        names[i] = BundleFile::ALL[i].name();
        i += 1;
    }
    names
};

/// Reads observations from one CSV text against an existing case: all or nothing — any bad
/// row and none is returned, with every bad row's line, column and reason.
pub fn read_observations_csv(file_name: &str, text: &str, case: &Case) -> Result<Vec<Observation>, Vec<Diagnostic>> {
    let mut reg = Registry::default();
    reg.known(Kind::Area, case.areas.iter().map(|a| a.id.to_string()));
    reg.known(Kind::Publisher, case.publishers.iter().map(|a| a.id.to_string()));
    reg.known(Kind::Method, case.methods.iter().map(|a| a.id.to_string()));
    reg.known(Kind::Document, case.documents.iter().map(|a| a.id.to_string()));
    let src = SourceText::new(file_name, text);
    let (obs, diags) = observations::read(std::slice::from_ref(&src), &reg, &case.indicators, &case.scales);
    if diags.is_empty() { Ok(obs) } else { Err(diags) }
}

/// One observation given field by field (a form's fields, named as the CSV's columns), as
/// the text of a one-row CSV: a form then goes through [`read_observations_csv`] like a file,
/// so a figure typed on a page and a figure imported obey one reader. Unknown names are left
/// out (the reader would refuse them as columns).
pub fn observation_row_csv(fields: &[(&str, &str)]) -> String {
    let known: Vec<(&str, &str)> = fields.iter().copied().filter(|(k, _)| observations::COLUMNS.contains(k)).collect();
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(known.iter().map(|(k, _)| *k));
    let _ = w.write_record(known.iter().map(|(_, v)| *v));
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// Loads and validates the bundle in `dir`. On failure, every problem found, in file order.
/// Signed minutes that no longer verify are a problem: a disputed record is not used.
pub fn load(dir: &Path) -> Result<Case, Vec<Diagnostic>> {
    load_inner(dir, false)
}

/// Loads like [`load`], but keeps a case whose signed minutes no longer verify, so that
/// `tahawul minutes verify` and `tahawul rounds` can show what changed. Every other problem,
/// refused signatures included, still fails the load.
pub fn load_with_tampered_minutes(dir: &Path) -> Result<Case, Vec<Diagnostic>> {
    load_inner(dir, true)
}

fn load_inner(dir: &Path, allow_tampered: bool) -> Result<Case, Vec<Diagnostic>> {
    if !dir.is_dir() {
        return Err(vec![Diagnostic {
            file: dir.display().to_string(),
            line: 1,
            column: 1,
            message: Message::new("bundle-not-a-folder").arg("path", dir.display().to_string()),
            help: Some(Message::new("bundle-not-a-folder-help")),
        }]);
    }
    let mut io = Vec::new();
    let sources = Files::from_fn(|file| {
        let name = file.name();
        match std::fs::read(dir.join(name)) {
            Ok(bytes) => text(name, bytes, &mut io),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && file.optional() => SourceText::new(name, ""),
            Err(e) => {
                let id =
                    if e.kind() == std::io::ErrorKind::NotFound { "bundle-missing-file" } else { "bundle-cannot-read" };
                io.push(Diagnostic {
                    file: name.to_string(),
                    line: 1,
                    column: 1,
                    message: Message::new(id).arg("file", name).arg("detail", e.to_string()),
                    help: Some(Message::new("bundle-missing-file-help").arg("file", name)),
                });
                SourceText::new(name, "")
            }
        }
    });
    let csvs = observations::read_files(&dir.join("observations"), &mut io);
    Loader { sources, io, allow_tampered }.run(&csvs)
}

/// Validates a whole case by the same rules as [`load`]: it is written out as a bundle in
/// memory and read back. Problems point into those rendered files.
pub fn check(case: &Case) -> Vec<Diagnostic> {
    check_rendered(case).0
}

/// [`check`], with the files the problems point into.
pub fn check_rendered(case: &Case) -> (Vec<Diagnostic>, Vec<(String, String)>) {
    check_rendered_inner(case, false)
}

/// [`check_rendered`], but signed minutes changed after signing are not a problem: a write
/// may change them (the round then shows what changed and the heads sign again), while a
/// bundle that holds them still fails [`load`] and [`check`].
pub fn check_rendered_allowing_tampered_minutes(case: &Case) -> (Vec<Diagnostic>, Vec<(String, String)>) {
    check_rendered_inner(case, true)
}

fn check_rendered_inner(case: &Case, allow_tampered: bool) -> (Vec<Diagnostic>, Vec<(String, String)>) {
    let rendered = render(case);
    let mut io = Vec::new();
    let sources = Files::from_fn(|file| {
        let name = file.name();
        let text_of = rendered.iter().find(|(n, _)| n == name).map(|(_, t)| t.clone()).unwrap_or_default();
        text(name, text_of.into_bytes(), &mut io)
    });
    let csvs: Vec<SourceText> = rendered
        .iter()
        .filter(|(n, _)| n.starts_with("observations/"))
        .map(|(n, t)| SourceText::new(n.clone(), t.clone()))
        .collect();
    let found = match (Loader { sources, io, allow_tampered }).run(&csvs) {
        Ok(_) => vec![],
        Err(d) => d,
    };
    (found, rendered)
}

/// A file's text; text that is not UTF-8 is a problem at the first bad byte (the file then
/// reads as empty).
fn text(name: &str, bytes: Vec<u8>, io: &mut Vec<Diagnostic>) -> SourceText {
    match String::from_utf8(bytes) {
        Ok(text) => SourceText::new(name, text),
        Err(e) => {
            let src = SourceText::new(name, String::from_utf8_lossy(e.as_bytes()).into_owned());
            io.push(src.diagnostic(
                e.utf8_error().valid_up_to(),
                Message::new("bundle-not-utf8").arg("file", name),
                Some(Message::new("bundle-not-utf8-help")),
            ));
            SourceText::new(name, "")
        }
    }
}

/// The bundle's TOML texts, ready to be read.
struct Loader {
    sources: Files<SourceText>,
    /// Problems found before reading: files missing, unreadable or not UTF-8.
    io: Vec<Diagnostic>,
    /// Keep a case whose signed minutes no longer verify (see [`load_with_tampered_minutes`]).
    allow_tampered: bool,
}

/// What the TOML files say, before the references between them are known to resolve.
#[derive(Default)]
struct Draft {
    case_id: Option<Id>,
    case_name: Text,
    case_description: Text,
    parties: Vec<Party>,
    people: Vec<Person>,
    areas: Vec<Area>,
    /// Each factor with its condition's source (checked once the case is known).
    factors: Vec<(Factor, Option<Sp<String>>)>,
    scales: Vec<Scale>,
    publishers: Vec<Publisher>,
    methods: Vec<Method>,
    indicators: Vec<Indicator>,
    /// Where each indicator's id is in indicators.toml, by `factor.indicator`.
    indicator_spans: Vec<(String, usize)>,
    /// Each assessment with its rating as written (checked against its factor's scale).
    assessments: Vec<(Assessment, Sp<Id>)>,
    phases: Vec<phases::PhaseRead>,
    scenarios: Vec<(Scenario, Vec<scenarios::ThresholdDraft>)>,
    rounds: Vec<Round>,
    commitments: Vec<Commitment>,
    documents: Vec<Document>,
    /// (round, signer, where) for each signature read, in order.
    signature_spans: Vec<(Id, Id, rounds::SignatureSpans)>,
    /// Where each person's table starts in case.toml, for problems with their key history.
    person_spans: Vec<(Id, usize)>,
}

/// A file's reader: what `root` says goes into the draft, its ids into the registry.
type ReadFile = for<'i> fn(&mut TomlFile<'i>, &Root<'i>, &mut Refs<'_>, &mut Draft);

impl Loader {
    fn run(self, csvs: &[SourceText]) -> Result<Case, Vec<Diagnostic>> {
        let mut parsed = Files::from_fn(|file| TomlFile::parse(self.sources.get(file)));
        let mut reg = Registry::default();
        let mut d = Draft::default();
        // In reading order (BundleFile::ALL): the first definition of an id is kept, and
        // imports need the indicators.
        let readers: [(BundleFile, ReadFile); 10] = [
            (BundleFile::Documents, documents::read),
            (BundleFile::Case, case::read),
            (BundleFile::Scales, scales::read),
            (BundleFile::Indicators, indicators::read),
            (BundleFile::Assessments, assessments::read),
            (BundleFile::Rounds, rounds::read),
            (BundleFile::Commitments, commitments::read),
            (BundleFile::Phases, phases::read),
            (BundleFile::Scenarios, scenarios::read),
            (BundleFile::Imports, imports::read),
        ];
        for (file, read) in readers {
            let (f, root) = parsed.get_mut(file);
            read(f, root, &mut reg.in_file(file), &mut d);
        }
        let mut files = parsed.map(|(f, _)| f);

        let (observations, csv_diags) = observations::read(csvs, &reg, &d.indicators, &d.scales);
        reg.check_references(&mut files);
        assessments::check_ratings(&mut files.assessments, &d);
        indicators::check_reference_publishers(&mut files.indicators, &d, &observations);

        let mut case = Case {
            id: d.case_id.unwrap_or_else(|| Id::parse("case").expect("static id")),
            name: d.case_name,
            description: d.case_description,
            parties: d.parties,
            people: d.people,
            areas: d.areas,
            factors: vec![],
            scales: d.scales,
            publishers: d.publishers,
            methods: d.methods,
            indicators: d.indicators,
            observations: observations.into(),
            assessments: d.assessments.into_iter().map(|(a, _)| a).collect(),
            phases: vec![],
            rounds: d.rounds,
            commitments: d.commitments,
            documents: d.documents,
            scenarios: vec![],
        };
        // Gates are checked against the case's indicators and scales, so they come last.
        case.factors = case::with_conditions(&mut files.case, &case, d.factors);
        case.phases = phases::with_gates(&mut files.phases, &case, d.phases);
        case.scenarios = scenarios::check_thresholds(&mut files.scenarios, &case, d.scenarios);
        rounds::check_signatures(&mut files.rounds, &case, &d.signature_spans, self.allow_tampered);
        key_history::check_key_histories(&mut files.case, &case, &d.person_spans);

        let mut diags = self.io;
        for f in files.into_values() {
            diags.extend(f.diags);
        }
        diags.extend(csv_diags);
        if diags.is_empty() { Ok(case) } else { Err(diags) }
    }
}

/// Parses and checks a gate written in a TOML string (a phase's gate, a factor's condition);
/// its errors point into the file.
fn parse_gate(
    file: &mut TomlFile<'_>,
    case: &Case,
    text: &str,
    span: &std::ops::Range<usize>,
    own_factor: Option<&str>,
) -> Option<Gate> {
    let base = file.content_start(span);
    let errors = match gate::parse(text) {
        Ok(g) => {
            let mut errors = g.check(case);
            if let Some(f) = own_factor {
                for c in g.clauses() {
                    if c.factor != f {
                        errors.push(gate::GateError {
                            span: c.span.clone(),
                            message: Message::new("bundle-condition-foreign-factor")
                                .arg("factor", f)
                                .arg("name", format!("{}.{}", c.factor, c.indicator)),
                            help: Some(Message::new("bundle-condition-foreign-factor-help").arg("factor", f)),
                        });
                    }
                }
            }
            if errors.is_empty() {
                return Some(g);
            }
            errors
        }
        Err(errors) => errors,
    };
    for e in errors {
        file.err(base + e.span.start, e.message, e.help);
    }
    None
}
