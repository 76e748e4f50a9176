//! The case bundle: a folder of TOML and CSV files (see `docs/bundle-format.md`), loaded into a
//! validated [`Case`] or a list of every problem found, each with its file, line and column.

mod observations;
pub(crate) mod reader;
mod write;

pub use observations::COLUMNS as OBSERVATION_COLUMNS;
pub use write::{append_signature, observations_csv, render, signature_toml, write, write_file};

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use tahawul_i18n::{Message, Text};

use crate::diagnostic::{Diagnostic, SourceText, did_you_mean};
use crate::gate::{self, Gate};
use crate::model::*;
use crate::period::Month;
use reader::{Root, Sp, Table, TomlFile, root_table};

/// The files of a bundle, in the order they are read.
pub const FILES: [&str; 10] = [
    "documents.toml",
    "case.toml",
    "scales.toml",
    "indicators.toml",
    "assessments.toml",
    "rounds.toml",
    "commitments.toml",
    "phases.toml",
    "scenarios.toml",
    "imports.toml",
];
const OPTIONAL: [&str; 3] = ["assessments.toml", "scenarios.toml", "imports.toml"];

/// The kinds of record a case holds, each referred to by id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// `Document`
    Document,
    /// `Party`
    Party,
    /// `Person`
    Person,
    /// `Area`
    Area,
    /// `Factor`
    Factor,
    /// `Scale`
    Scale,
    /// `Publisher`
    Publisher,
    /// `Method`
    Method,
    /// `Indicator`
    Indicator,
    /// `Assessment`
    Assessment,
    /// `Round`
    Round,
    /// `Commitment`
    Commitment,
    /// `Phase`
    Phase,
    /// `Scenario`
    Scenario,
}

impl Kind {
    /// The kind's name, as a message.
    pub fn message(self) -> Message {
        Message::new(match self {
            Kind::Document => "kind-document",
            Kind::Party => "kind-party",
            Kind::Person => "kind-person",
            Kind::Area => "kind-area",
            Kind::Factor => "kind-factor",
            Kind::Scale => "kind-scale",
            Kind::Publisher => "kind-publisher",
            Kind::Method => "kind-method",
            Kind::Indicator => "kind-indicator",
            Kind::Assessment => "kind-assessment",
            Kind::Round => "kind-round",
            Kind::Commitment => "kind-commitment",
            Kind::Phase => "kind-phase",
            Kind::Scenario => "kind-scenario",
        })
    }
}

/// Where an id was defined, and references waiting to be checked.
#[derive(Default)]
pub(crate) struct Registry {
    defs: HashMap<Kind, BTreeMap<String, (usize, usize)>>,
    pending: Vec<(Kind, String, usize, usize)>,
}

impl Registry {
    pub(crate) fn has(&self, kind: Kind, id: &str) -> bool {
        self.defs.get(&kind).is_some_and(|m| m.contains_key(id))
    }
    fn names(&self, kind: Kind) -> Vec<&str> {
        self.defs.get(&kind).map(|m| m.keys().map(String::as_str).collect()).unwrap_or_default()
    }
}

/// Reads observations from one CSV text against an existing case: all or nothing — any bad
/// row and none is returned, with every bad row's line, column and reason.
pub fn read_observations_csv(file_name: &str, text: &str, case: &Case) -> Result<Vec<Observation>, Vec<Diagnostic>> {
    let mut reg = Registry::default();
    let mut put = |kind: Kind, names: Vec<String>| {
        let map = reg.defs.entry(kind).or_default();
        for n in names {
            map.insert(n, (0, 0));
        }
    };
    put(Kind::Area, case.areas.iter().map(|a| a.id.to_string()).collect());
    put(Kind::Publisher, case.publishers.iter().map(|a| a.id.to_string()).collect());
    put(Kind::Method, case.methods.iter().map(|a| a.id.to_string()).collect());
    put(Kind::Document, case.documents.iter().map(|a| a.id.to_string()).collect());
    let src = SourceText::new(file_name, text);
    let (obs, diags) = observations::read(std::slice::from_ref(&src), &reg, &case.indicators, &case.scales);
    if diags.is_empty() { Ok(obs) } else { Err(diags) }
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
    let mut loader = Loader { allow_tampered, ..Loader::default() };
    for name in FILES {
        let path = dir.join(name);
        match std::fs::read(&path) {
            Ok(bytes) => loader.add(name, bytes),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && OPTIONAL.contains(&name) => {
                loader.sources.push(SourceText::new(name, String::new()));
            }
            Err(e) => {
                let id =
                    if e.kind() == std::io::ErrorKind::NotFound { "bundle-missing-file" } else { "bundle-cannot-read" };
                loader.io.push(Diagnostic {
                    file: name.to_string(),
                    line: 1,
                    column: 1,
                    message: Message::new(id).arg("file", name).arg("detail", e.to_string()),
                    help: Some(Message::new("bundle-missing-file-help").arg("file", name)),
                });
                loader.sources.push(SourceText::new(name, String::new()));
            }
        }
    }
    let csvs = observations::read_files(&dir.join("observations"), &mut loader.io);
    loader.run(&csvs)
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
    let mut loader = Loader { allow_tampered, ..Loader::default() };
    let rendered = render(case);
    for name in FILES {
        let text = rendered.iter().find(|(n, _)| n == name).map(|(_, t)| t.clone()).unwrap_or_default();
        loader.add(name, text.into_bytes());
    }
    let csvs: Vec<SourceText> = rendered
        .iter()
        .filter(|(n, _)| n.starts_with("observations/"))
        .map(|(n, t)| SourceText::new(n.clone(), t.clone()))
        .collect();
    let found = match loader.run(&csvs) {
        Ok(_) => vec![],
        Err(d) => d,
    };
    (found, rendered)
}

#[derive(Default)]
struct Loader {
    sources: Vec<SourceText>,
    io: Vec<Diagnostic>,
    /// Keep a case whose signed minutes no longer verify (see [`load_with_tampered_minutes`]).
    allow_tampered: bool,
}

impl Loader {
    /// Adds a file's bytes; text that is not UTF-8 is a problem at the first bad byte.
    fn add(&mut self, name: &str, bytes: Vec<u8>) {
        match String::from_utf8(bytes) {
            Ok(text) => self.sources.push(SourceText::new(name, text)),
            Err(e) => {
                let src = SourceText::new(name, String::from_utf8_lossy(e.as_bytes()).into_owned());
                self.io.push(src.diagnostic(
                    e.utf8_error().valid_up_to(),
                    Message::new("bundle-not-utf8").arg("file", name),
                    Some(Message::new("bundle-not-utf8-help")),
                ));
                self.sources.push(SourceText::new(name, String::new()));
            }
        }
    }
}

/// What the TOML files say, before the references between them are known to resolve.
/// A phase as read: the phase, its gate's source, its predecessors and where `started` is.
type PhaseRead = (PhaseDraft, Option<Sp<String>>, Vec<Sp<Id>>, Option<std::ops::Range<usize>>);

#[derive(Default)]
struct Draft {
    case_id: Option<Id>,
    case_name: Text,
    case_description: Text,
    parties: Vec<Party>,
    people: Vec<Person>,
    areas: Vec<Area>,
    factors: Vec<(Factor, Option<Sp<String>>, usize)>,
    scales: Vec<Scale>,
    publishers: Vec<Publisher>,
    methods: Vec<Method>,
    indicators: Vec<Indicator>,
    assessments: Vec<(Assessment, Sp<Id>)>,
    phases: Vec<PhaseRead>,
    scenarios: Vec<(Scenario, Vec<ThresholdDraft>)>,
    rounds: Vec<Round>,
    commitments: Vec<Commitment>,
    documents: Vec<Document>,
    /// (round, signer, where) for each signature read, in order.
    signature_spans: Vec<(Id, Id, SignatureSpans)>,
    /// Where each person's table starts in case.toml, for problems with their key history.
    person_spans: Vec<(Id, usize)>,
}

fn ids(v: Vec<Sp<Id>>) -> Vec<Id> {
    v.into_iter().map(|(id, _)| id).collect()
}

impl Loader {
    fn run(self, csvs: &[SourceText]) -> Result<Case, Vec<Diagnostic>> {
        let allow_tampered = self.allow_tampered;
        let (mut files, roots): (Vec<TomlFile<'_>>, Vec<Root<'_>>) = self.sources.iter().map(TomlFile::parse).unzip();
        let mut reg = Registry::default();
        let mut d = Draft::default();
        // Files are read in FILES order; the index of each is its position there.
        read_documents(&mut files[0], &roots[0], 0, &mut reg, &mut d);
        read_case(&mut files[1], &roots[1], 1, &mut reg, &mut d);
        read_scales(&mut files[2], &roots[2], 2, &mut reg, &mut d);
        read_indicators(&mut files[3], &roots[3], 3, &mut reg, &mut d);
        read_assessments(&mut files[4], &roots[4], 4, &mut reg, &mut d);
        read_rounds(&mut files[5], &roots[5], 5, &mut reg, &mut d);
        read_commitments(&mut files[6], &roots[6], 6, &mut reg, &mut d);
        read_phases(&mut files[7], &roots[7], 7, &mut reg, &mut d);
        read_scenarios(&mut files[8], &roots[8], 8, &mut reg, &mut d);
        read_imports(&mut files[9], &roots[9], 9, &mut reg, &mut d);

        let mut diags = self.io;
        let (observations, csv_diags) = observations::read(csvs, &reg, &d.indicators, &d.scales);
        // Every reference must resolve; unknown ones get the nearest known id.
        for (kind, id, file, at) in std::mem::take(&mut reg.pending) {
            if reg.has(kind, &id) {
                continue;
            }
            let names = reg.names(kind);
            let help = match did_you_mean(&id, names.iter().copied()) {
                Some(near) => Message::new("bundle-did-you-mean").arg("name", near),
                None if names.is_empty() => Message::new("bundle-none-defined").arg("kind", kind.message()),
                None => Message::new("bundle-known-ids")
                    .arg("ids", names.iter().take(8).copied().collect::<Vec<_>>().join(", ")),
            };
            files[file].err(
                at,
                Message::new("bundle-unknown-reference").arg("kind", kind.message()).arg("id", id),
                Some(help),
            );
        }
        check_semantics(&mut files, &d, &observations);
        let signature_spans = std::mem::take(&mut d.signature_spans);

        let mut case = Case {
            id: d.case_id.clone().unwrap_or_else(|| Id::parse("case").expect("static id")),
            name: d.case_name.clone(),
            description: d.case_description.clone(),
            parties: d.parties,
            people: d.people,
            areas: d.areas,
            factors: vec![],
            scales: d.scales,
            publishers: d.publishers,
            methods: d.methods,
            indicators: d.indicators,
            observations,
            assessments: d.assessments.into_iter().map(|(a, _)| a).collect(),
            phases: vec![],
            rounds: d.rounds,
            commitments: d.commitments,
            documents: d.documents,
            scenarios: vec![],
        };
        // Gates are checked against the case's indicators and scales, so they come last.
        let mut factors = Vec::new();
        for (mut factor, condition, file) in d.factors {
            if let Some((text, span)) = condition {
                factor.condition = parse_gate(&mut files[file], &case, &text, &span, Some(factor.id.as_str()));
            }
            factors.push(factor);
        }
        case.factors = factors;
        let mut phases = Vec::new();
        for (phase, gate_src, _, _) in d.phases {
            if let Some((text, span)) = gate_src
                && let Some(gate) = parse_gate(&mut files[7], &case, &text, &span, None)
            {
                phases.push(phase.with_gate(gate));
            }
        }
        case.phases = phases;
        case.scenarios = check_thresholds(&mut files[8], &case, d.scenarios);
        check_signatures(&mut files[5], &case, &signature_spans, allow_tampered);
        check_key_histories(&mut files[1], &case, &d.person_spans);

        for f in files {
            diags.extend(f.diags);
        }
        diags.extend(csv_diags);
        if diags.is_empty() { Ok(case) } else { Err(diags) }
    }
}

/// A phase before its gate is checked (gates need the whole case).
struct PhaseDraft {
    id: Id,
    name: Text,
    description: Text,
    areas: Vec<Id>,
    predecessors: Vec<Id>,
    min_lag_months: u32,
    earliest_start: Option<Month>,
    deadline: Option<Month>,
    started: Option<Month>,
    illustrative: bool,
    sources: Vec<Id>,
}

impl PhaseDraft {
    fn with_gate(self, gate: Gate) -> Phase {
        Phase {
            id: self.id,
            name: self.name,
            description: self.description,
            areas: self.areas,
            gate,
            predecessors: self.predecessors,
            min_lag_months: self.min_lag_months,
            earliest_start: self.earliest_start,
            deadline: self.deadline,
            started: self.started,
            illustrative: self.illustrative,
            sources: self.sources,
        }
    }
}

/// Parses and checks a gate written in a TOML string; its errors point into the file.
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

/// Registers a definition; a second one with the same id is an error at the second.
fn define(file: &mut TomlFile<'_>, fidx: usize, reg: &mut Registry, kind: Kind, id: &Sp<Id>) {
    define_name(file, fidx, reg, kind, id.0.as_str(), id.1.start);
}

/// Registers a definition by name (indicators are known as `factor.indicator`).
fn define_name(file: &mut TomlFile<'_>, fidx: usize, reg: &mut Registry, kind: Kind, name: &str, at: usize) {
    let map = reg.defs.entry(kind).or_default();
    if let Some(&(first_file, first_at)) = map.get(name) {
        let (line, _) = if first_file == fidx { file.src.line_col(first_at) } else { (0, 0) };
        file.err(
            at,
            Message::new("bundle-duplicate-id").arg("kind", kind.message()).arg("id", name).arg("line", line),
            Some(Message::new("bundle-duplicate-id-help")),
        );
    } else {
        map.insert(name.to_string(), (fidx, at));
    }
}

/// Records references to check once everything is defined.
fn refer(reg: &mut Registry, fidx: usize, kind: Kind, ids: &[Sp<Id>]) {
    for (id, span) in ids {
        reg.pending.push((kind, id.to_string(), fidx, span.start));
    }
}

fn refer_one(reg: &mut Registry, fidx: usize, kind: Kind, id: &Option<Sp<Id>>) {
    if let Some(x) = id {
        refer(reg, fidx, kind, std::slice::from_ref(x));
    }
}

fn sources<'i>(f: &mut TomlFile<'i>, fidx: usize, reg: &mut Registry, t: &Table<'_, 'i>, key: &str) -> Vec<Id> {
    let v = f.ids(t, key);
    refer(reg, fidx, Kind::Document, &v);
    ids(v)
}

fn read_documents<'i>(f: &mut TomlFile<'i>, root: &Root<'i>, fidx: usize, reg: &mut Registry, d: &mut Draft) {
    let Some(root) = root_table(root, &["document"]) else {
        return;
    };
    f.check_keys(&root);
    for t in f.tables(
        &root,
        "document",
        &["id", "file", "outlet", "kind", "date", "language", "summary", "translation_error"],
    ) {
        let id = f.id(&t, "id");
        if let Some(id) = &id {
            define(f, fidx, reg, Kind::Document, id);
        }
        let file = f.opt_str(&t, "file").map(|s| s.0);
        let outlet = f.text(&t, "outlet");
        let kind = f.text(&t, "kind");
        let date = f.opt_date(&t, "date").map(|x| x.0);
        let language = f.choice(&t, "language", &[("ar", "ar"), ("en", "en")], true);
        let summary = f.text(&t, "summary");
        let mut translation_errors = Vec::new();
        for e in f.tables(&t, "translation_error", &["says", "means"]) {
            if let (Some(says), Some(means)) = (f.str(&e, "says"), f.text(&e, "means")) {
                translation_errors.push(TranslationError { says: says.0, means });
            }
        }
        if let (Some(id), Some(outlet), Some(kind), Some(language), Some(summary)) =
            (id, outlet, kind, language, summary)
        {
            d.documents.push(Document {
                id: id.0,
                file,
                outlet,
                kind,
                date,
                language: language.to_string(),
                summary,
                translation_errors,
            });
        }
    }
}

fn read_case<'i>(f: &mut TomlFile<'i>, root: &Root<'i>, fidx: usize, reg: &mut Registry, d: &mut Draft) {
    let Some(root) = root_table(root, &["id", "name", "description", "party", "person", "area", "factor"]) else {
        return;
    };
    f.check_keys(&root);
    d.case_id = f.id(&root, "id").map(|x| x.0);
    d.case_name = f.text(&root, "name").unwrap_or_default();
    d.case_description = f.text(&root, "description").unwrap_or_default();

    let mut heads = Vec::new();
    for t in f.tables(&root, "party", &["id", "name", "role", "head", "sources"]) {
        let id = f.id(&t, "id");
        if let Some(id) = &id {
            define(f, fidx, reg, Kind::Party, id);
        }
        let name = f.text(&t, "name");
        let role = f.choice(
            &t,
            "role",
            &[("delegation", PartyRole::Delegation), ("coalition-partner", PartyRole::CoalitionPartner)],
            true,
        );
        let head = f.opt_id(&t, "head");
        refer_one(reg, fidx, Kind::Person, &head);
        let sources = sources(f, fidx, reg, &t, "sources");
        if let (Some(id), Some(name), Some(role)) = (id, name, role) {
            if let Some(h) = &head {
                heads.push((id.0.clone(), h.clone()));
            }
            d.parties.push(Party { id: id.0, name, role, head: head.map(|h| h.0), sources });
        }
    }
    for t in f.tables(&root, "person", &["id", "name", "title", "party", "sources", "public_key", "key"]) {
        let id = f.id(&t, "id");
        if let Some(id) = &id {
            define(f, fidx, reg, Kind::Person, id);
        }
        let name = f.text(&t, "name");
        let title = f.text(&t, "title");
        let party = f.id(&t, "party");
        refer_one(reg, fidx, Kind::Party, &party);
        let sources = sources(f, fidx, reg, &t, "sources");
        let public_key = f.opt_str(&t, "public_key").and_then(|(k, span)| public_key(f, &k, &span));
        let keys = read_key_history(f, &t);
        if let (Some(id), Some(name), Some(title), Some(party)) = (id, name, title, party) {
            d.person_spans.push((id.0.clone(), t.span.start));
            d.people.push(Person { id: id.0, name, title, party: party.0, sources, public_key, keys });
        }
    }
    // A party's head must belong to that party.
    for (party, (head, span)) in heads {
        if let Some(p) = d.people.iter().find(|p| p.id == head)
            && p.party != party
        {
            f.err(
                span.start,
                Message::new("bundle-head-wrong-party")
                    .arg("person", head.as_str())
                    .arg("party", party.as_str())
                    .arg("other", p.party.as_str()),
                Some(Message::new("bundle-head-wrong-party-help")),
            );
        }
    }
    let mut parents = Vec::new();
    for t in f.tables(&root, "area", &["id", "name", "kind", "parent", "sources", "places"]) {
        let id = f.id(&t, "id");
        if let Some(id) = &id {
            define(f, fidx, reg, Kind::Area, id);
        }
        let name = f.text(&t, "name");
        let kind = f.choice(
            &t,
            "kind",
            &[
                ("country", AreaKind::Country),
                ("region", AreaKind::Region),
                ("base", AreaKind::Base),
                ("mission-line", AreaKind::MissionLine),
            ],
            true,
        );
        let parent = f.opt_id(&t, "parent");
        refer_one(reg, fidx, Kind::Area, &parent);
        let sources = sources(f, fidx, reg, &t, "sources");
        let mut places: Vec<String> = Vec::new();
        for (place, span) in f.strs(&t, "places") {
            if !crate::event_import::place_well_formed(&place) {
                f.err(
                    span.start,
                    Message::new("bundle-bad-place").arg("place", place.as_str()),
                    Some(Message::new("bundle-bad-place-help")),
                );
            } else if places.contains(&place) {
                f.err(span.start, Message::new("bundle-place-twice").arg("place", place.as_str()), None);
            } else {
                places.push(place);
            }
        }
        if let (Some(id), Some(name), Some(kind)) = (id, name, kind) {
            if let Some(p) = &parent {
                parents.push((id.0.clone(), p.clone()));
            }
            d.areas.push(Area { id: id.0, name, kind, parent: parent.map(|p| p.0), sources, places });
        }
    }
    // Enclosing areas may not loop back.
    for (area, (_, span)) in &parents {
        let mut seen = vec![area.clone()];
        let mut cur = d.areas.iter().find(|a| &a.id == area).and_then(|a| a.parent.clone());
        while let Some(p) = cur {
            if seen.contains(&p) {
                f.err(
                    span.start,
                    Message::new("bundle-area-cycle").arg("area", area.as_str()),
                    Some(Message::new("bundle-area-cycle-help")),
                );
                break;
            }
            seen.push(p.clone());
            cur = d.areas.iter().find(|a| a.id == p).and_then(|a| a.parent.clone());
        }
    }
    for t in f.tables(
        &root,
        "factor",
        &["id", "name", "description", "condition", "rating_scale", "sources", "working_group"],
    ) {
        let id = f.id(&t, "id");
        if let Some(id) = &id {
            define(f, fidx, reg, Kind::Factor, id);
        }
        let name = f.text(&t, "name");
        let description = f.text(&t, "description");
        let condition = f.opt_str(&t, "condition");
        let rating_scale = f.opt_id(&t, "rating_scale");
        refer_one(reg, fidx, Kind::Scale, &rating_scale);
        let srcs = sources(f, fidx, reg, &t, "sources");
        let wg = f.table(&t, "working_group", &["name", "members", "sources"], true).and_then(|w| {
            let name = f.text(&w, "name");
            let members = f.ids(&w, "members");
            refer(reg, fidx, Kind::Person, &members);
            let sources = sources(f, fidx, reg, &w, "sources");
            Some(WorkingGroup { name: name?, members: ids(members), sources })
        });
        if let (Some(id), Some(name), Some(description), Some(working_group)) = (id, name, description, wg) {
            let factor = Factor {
                id: id.0,
                name,
                description,
                working_group,
                condition: None,
                rating_scale: rating_scale.map(|s| s.0),
                sources: srcs,
            };
            d.factors.push((factor, condition, fidx));
        }
    }
}

fn read_scales<'i>(f: &mut TomlFile<'i>, root: &Root<'i>, fidx: usize, reg: &mut Registry, d: &mut Draft) {
    let Some(root) = root_table(root, &["scale"]) else {
        return;
    };
    f.check_keys(&root);
    for t in f.tables(&root, "scale", &["id", "name", "sources", "version"]) {
        let id = f.id(&t, "id");
        if let Some(id) = &id {
            define(f, fidx, reg, Kind::Scale, id);
        }
        let name = f.text(&t, "name");
        let srcs = sources(f, fidx, reg, &t, "sources");
        let mut versions: Vec<ScaleVersion> = Vec::new();
        let version_tables = f.tables(&t, "version", &["version", "level", "maps_from"]);
        if version_tables.is_empty() {
            f.err(
                t.span.start,
                Message::new("bundle-scale-no-version"),
                Some(Message::new("bundle-scale-no-version-help")),
            );
        }
        for v in version_tables {
            let expected = versions.len() as i64 + 1;
            let number = f.int(&v, "version", 1..1000);
            if let Some((n, span)) = &number
                && *n != expected
            {
                f.err(
                    span.start,
                    Message::new("bundle-scale-version-order").arg("found", *n).arg("expected", expected),
                    Some(Message::new("bundle-scale-version-order-help").arg("expected", expected)),
                );
            }
            let mut levels: Vec<Level> = Vec::new();
            for l in f.tables(&v, "level", &["id", "name", "definition"]) {
                let lid = f.id(&l, "id");
                let lname = f.text(&l, "name");
                let def = f.text(&l, "definition");
                if let Some((lid, span)) = &lid
                    && levels.iter().any(|x| &x.id == lid)
                {
                    f.err(
                        span.start,
                        Message::new("bundle-duplicate-id")
                            .arg("kind", Message::new("kind-level"))
                            .arg("id", lid.as_str())
                            .arg("line", 0),
                        Some(Message::new("bundle-duplicate-id-help")),
                    );
                }
                if let (Some(lid), Some(name), Some(definition)) = (lid, lname, def) {
                    levels.push(Level { id: lid.0, name, definition });
                }
            }
            if levels.len() < 2 {
                f.err(
                    v.span.start,
                    Message::new("bundle-scale-too-few-levels"),
                    Some(Message::new("bundle-scale-too-few-levels-help")),
                );
            }
            let maps = f.id_map(&v, "maps_from");
            let mut maps_from_previous = BTreeMap::new();
            match versions.last() {
                None if !maps.is_empty() => {
                    f.err(
                        maps[0].0.1.start,
                        Message::new("bundle-scale-first-maps"),
                        Some(Message::new("bundle-scale-first-maps-help")),
                    );
                }
                None => {}
                Some(prev) => {
                    for ((from, fspan), (to, tspan)) in maps {
                        if prev.rank(from.as_str()).is_none() {
                            let near = did_you_mean(from.as_str(), prev.levels.iter().map(|l| l.id.as_str()));
                            f.err(
                                fspan.start,
                                Message::new("bundle-scale-unknown-level")
                                    .arg("level", from.as_str())
                                    .arg("version", prev.version),
                                near.map(|n| Message::new("bundle-did-you-mean").arg("name", n)),
                            );
                        }
                        if !levels.iter().any(|l| l.id == to) {
                            let near = did_you_mean(to.as_str(), levels.iter().map(|l| l.id.as_str()));
                            f.err(
                                tspan.start,
                                Message::new("bundle-scale-unknown-level")
                                    .arg("level", to.as_str())
                                    .arg("version", expected),
                                near.map(|n| Message::new("bundle-did-you-mean").arg("name", n)),
                            );
                        }
                        maps_from_previous.insert(from, to);
                    }
                    for l in &prev.levels {
                        if !maps_from_previous.contains_key(&l.id) {
                            f.err(
                                v.span.start,
                                Message::new("bundle-scale-unmapped-level")
                                    .arg("level", l.id.as_str())
                                    .arg("version", prev.version),
                                Some(Message::new("bundle-scale-unmapped-level-help").arg("level", l.id.as_str())),
                            );
                        }
                    }
                }
            }
            versions.push(ScaleVersion { version: expected as u32, levels, maps_from_previous });
        }
        if let (Some(id), Some(name)) = (id, name)
            && !versions.is_empty()
        {
            d.scales.push(Scale { id: id.0, name, versions, sources: srcs });
        }
    }
}

fn read_indicators<'i>(f: &mut TomlFile<'i>, root: &Root<'i>, fidx: usize, reg: &mut Registry, d: &mut Draft) {
    let Some(root) = root_table(root, &["publisher", "method", "indicator"]) else {
        return;
    };
    f.check_keys(&root);
    for t in f.tables(&root, "publisher", &["id", "name"]) {
        let id = f.id(&t, "id");
        if let Some(id) = &id {
            define(f, fidx, reg, Kind::Publisher, id);
        }
        if let (Some(id), Some(name)) = (id, f.text(&t, "name")) {
            d.publishers.push(Publisher { id: id.0, name });
        }
    }
    for t in f.tables(&root, "method", &["id", "text"]) {
        let id = f.id(&t, "id");
        if let Some(id) = &id {
            define(f, fidx, reg, Kind::Method, id);
        }
        if let (Some(id), Some(text)) = (id, f.text(&t, "text")) {
            d.methods.push(Method { id: id.0, text });
        }
    }
    for t in f.tables(
        &root,
        "indicator",
        &[
            "id",
            "factor",
            "name",
            "description",
            "unit",
            "kind",
            "scale",
            "direction",
            "frequency",
            "reference_publisher",
        ],
    ) {
        let id = f.id(&t, "id");
        let factor = f.id(&t, "factor");
        refer_one(reg, fidx, Kind::Factor, &factor);
        if let (Some(i), Some(fa)) = (&id, &factor) {
            define_name(f, fidx, reg, Kind::Indicator, &format!("{}.{}", fa.0, i.0), i.1.start);
        }
        let name = f.text(&t, "name");
        let description = f.text(&t, "description");
        let unit = f.text(&t, "unit");
        let kind = f.choice(
            &t,
            "kind",
            &[
                ("count", IndicatorKind::Count),
                ("share", IndicatorKind::Share),
                ("level", IndicatorKind::Level),
                ("number", IndicatorKind::Number),
            ],
            true,
        );
        let scale = f.opt_id(&t, "scale");
        refer_one(reg, fidx, Kind::Scale, &scale);
        match (kind, &scale) {
            (Some(IndicatorKind::Level), None) => f.err(
                t.span.start,
                Message::new("bundle-level-needs-scale"),
                Some(Message::new("bundle-level-needs-scale-help")),
            ),
            (Some(k), Some((_, span))) if k != IndicatorKind::Level => f.err(
                span.start,
                Message::new("bundle-scale-not-level"),
                Some(Message::new("bundle-scale-not-level-help")),
            ),
            _ => {}
        }
        let direction = f.choice(
            &t,
            "direction",
            &[("lower-is-better", Direction::LowerIsBetter), ("higher-is-better", Direction::HigherIsBetter)],
            true,
        );
        let frequency = f.choice(
            &t,
            "frequency",
            &[
                ("month", crate::Frequency::Month),
                ("quarter", crate::Frequency::Quarter),
                ("year", crate::Frequency::Year),
            ],
            true,
        );
        let reference = f.opt_id(&t, "reference_publisher");
        refer_one(reg, fidx, Kind::Publisher, &reference);
        if let (
            Some(id),
            Some(factor),
            Some(name),
            Some(description),
            Some(unit),
            Some(kind),
            Some(direction),
            Some(frequency),
        ) = (id, factor, name, description, unit, kind, direction, frequency)
        {
            d.indicators.push(Indicator {
                factor: factor.0,
                id: id.0,
                name,
                description,
                unit,
                kind,
                scale: scale.map(|s| s.0),
                direction,
                frequency,
                reference_publisher: reference.map(|r| r.0),
                imports: vec![],
            });
        }
    }
}

fn read_assessments<'i>(f: &mut TomlFile<'i>, root: &Root<'i>, fidx: usize, reg: &mut Registry, d: &mut Draft) {
    let Some(root) = root_table(root, &["assessment"]) else {
        return;
    };
    f.check_keys(&root);
    for t in f.tables(
        &root,
        "assessment",
        &["id", "factor", "area", "cycle", "rating", "state", "illustrative", "narrative", "evidence"],
    ) {
        let id = f.id(&t, "id");
        if let Some(id) = &id {
            define(f, fidx, reg, Kind::Assessment, id);
        }
        let factor = f.id(&t, "factor");
        refer_one(reg, fidx, Kind::Factor, &factor);
        let area = f.id(&t, "area");
        refer_one(reg, fidx, Kind::Area, &area);
        let cycle = f.opt_period(&t, "cycle");
        if cycle.is_none() && t.table.get("cycle").is_none() {
            f.err(
                t.span.start,
                Message::new("bundle-missing-key").arg("key", "cycle"),
                Some(Message::new("bundle-missing-key-help").arg("key", "cycle")),
            );
        }
        let rating = f.id(&t, "rating");
        let state = f.choice(
            &t,
            "state",
            &[
                ("draft", AssessmentState::Draft),
                ("submitted", AssessmentState::Submitted),
                ("endorsed", AssessmentState::Endorsed),
                ("returned", AssessmentState::Returned),
            ],
            true,
        );
        let illustrative = f.bool(&t, "illustrative");
        let narrative = f.text(&t, "narrative");
        let evidence = sources(f, fidx, reg, &t, "evidence");
        if let (Some(id), Some(factor), Some(area), Some(cycle), Some(rating), Some(state), Some(narrative)) =
            (id, factor, area, cycle, rating, state, narrative)
        {
            d.assessments.push((
                Assessment {
                    id: id.0,
                    factor: factor.0,
                    area: area.0,
                    cycle: cycle.0,
                    rating: rating.0.clone(),
                    narrative,
                    state,
                    illustrative,
                    evidence,
                },
                rating,
            ));
        }
    }
}

fn read_rounds<'i>(f: &mut TomlFile<'i>, root: &Root<'i>, fidx: usize, reg: &mut Registry, d: &mut Draft) {
    let Some(root) = root_table(root, &["round"]) else {
        return;
    };
    f.check_keys(&root);
    for t in f.tables(
        &root,
        "round",
        &[
            "id",
            "name",
            "start",
            "end",
            "place",
            "framework",
            "minutes_signed",
            "sources",
            "delegation",
            "meeting",
            "decision",
            "signature",
        ],
    ) {
        let id = f.id(&t, "id");
        if let Some(id) = &id {
            define(f, fidx, reg, Kind::Round, id);
        }
        let name = f.text(&t, "name");
        let start = f.date(&t, "start");
        let end = f.date(&t, "end");
        if let (Some((s, _)), Some((e, espan))) = (&start, &end)
            && e < s
        {
            f.err(
                espan.start,
                Message::new("bundle-end-before-start").arg("start", s.to_string()).arg("end", e.to_string()),
                Some(Message::new("bundle-end-before-start-help")),
            );
        }
        let place = f.text(&t, "place");
        let framework = if t.table.get("framework").is_some() { f.text(&t, "framework") } else { None };
        let minutes_signed = f.bool(&t, "minutes_signed");
        let srcs = sources(f, fidx, reg, &t, "sources");
        let mut delegations = Vec::new();
        for dt in f.tables(&t, "delegation", &["party", "head", "members", "offices"]) {
            let party = f.id(&dt, "party");
            refer_one(reg, fidx, Kind::Party, &party);
            let head = f.opt_id(&dt, "head");
            refer_one(reg, fidx, Kind::Person, &head);
            let members = f.ids(&dt, "members");
            refer(reg, fidx, Kind::Person, &members);
            let offices = f.texts(&dt, "offices");
            if let Some(party) = party {
                delegations.push(Delegation {
                    party: party.0,
                    head: head.map(|h| h.0),
                    members: ids(members),
                    offices,
                });
            }
        }
        let mut meetings = Vec::new();
        for mt in f.tables(&t, "meeting", &["description", "participants", "sources"]) {
            let description = f.text(&mt, "description");
            let participants = f.ids(&mt, "participants");
            refer(reg, fidx, Kind::Person, &participants);
            let sources = sources(f, fidx, reg, &mt, "sources");
            if let Some(description) = description {
                meetings.push(Meeting { description, participants: ids(participants), sources });
            }
        }
        let mut decisions: Vec<Decision> = Vec::new();
        for dt in f.tables(&t, "decision", &["id", "text", "sources"]) {
            let did = f.id(&dt, "id");
            if let Some((x, span)) = &did
                && decisions.iter().any(|d| &d.id == x)
            {
                f.err(
                    span.start,
                    Message::new("bundle-duplicate-id")
                        .arg("kind", Message::new("kind-decision"))
                        .arg("id", x.as_str())
                        .arg("line", 0),
                    Some(Message::new("bundle-duplicate-id-help")),
                );
            }
            let text = f.text(&dt, "text");
            let sources = sources(f, fidx, reg, &dt, "sources");
            if let (Some(did), Some(text)) = (did, text) {
                decisions.push(Decision { id: did.0, text, sources });
            }
        }
        let signatures = read_signatures(f, fidx, reg, &t);
        if let (Some(id), Some(name), Some(start), Some(end), Some(place)) = (id, name, start, end, place) {
            for (sig, at) in &signatures {
                d.signature_spans.push((id.0.clone(), sig.person.clone(), at.clone()));
            }
            let signatures = signatures.into_iter().map(|(s, _)| s).collect();
            d.rounds.push(Round {
                id: id.0,
                name,
                start: start.0,
                end: end.0,
                place,
                delegations,
                meetings,
                decisions,
                minutes_signed,
                sources: srcs,
                framework,
                signatures,
            });
        }
    }
}

/// A public key in text form; a malformed one is a problem at the value.
fn public_key(f: &mut TomlFile<'_>, text: &str, span: &std::ops::Range<usize>) -> Option<crate::minutes::PublicKey> {
    match crate::minutes::PublicKey::parse(text) {
        Ok(k) => Some(k),
        Err(_) => {
            f.err(
                span.start,
                Message::new("bundle-bad-public-key").arg("value", text),
                Some(Message::new("bundle-bad-public-key-help")),
            );
            None
        }
    }
}

/// An optional RFC 3339 time; a malformed one is a problem at the value.
fn opt_timestamp<'i>(f: &mut TomlFile<'i>, t: &Table<'_, 'i>, key: &str) -> Option<jiff::Timestamp> {
    let (s, span) = f.opt_str(t, key)?;
    match s.parse::<jiff::Timestamp>() {
        Ok(ts) => Some(ts),
        Err(_) => {
            f.err(
                span.start,
                Message::new("bundle-bad-timestamp").arg("value", s.as_str()),
                Some(Message::new("bundle-bad-timestamp-help")),
            );
            None
        }
    }
}

/// A person's `[[person.key]]` tables: their key history, oldest first.
fn read_key_history<'i>(f: &mut TomlFile<'i>, t: &Table<'_, 'i>) -> Vec<crate::keys::KeyEntry> {
    let mut out = Vec::new();
    for kt in f.tables(t, "key", &["key", "added_at", "added_by", "nonce", "proof", "retired_at", "retired_by"]) {
        let key = f.str(&kt, "key").and_then(|(k, span)| public_key(f, &k, &span));
        let added_at = opt_timestamp(f, &kt, "added_at");
        let added_by = f.str(&kt, "added_by").map(|(x, _)| x);
        let nonce = f.opt_str(&kt, "nonce").map(|(x, _)| x);
        let proof = f.opt_str(&kt, "proof").and_then(|(s, span)| match crate::minutes::Signature::parse(&s) {
            Ok(x) => Some(x),
            Err(_) => {
                f.err(
                    span.start,
                    Message::new("bundle-bad-signature").arg("value", s.as_str()),
                    Some(Message::new("bundle-bad-signature-help")),
                );
                None
            }
        });
        let retired_at = opt_timestamp(f, &kt, "retired_at");
        let retired_by = f.opt_str(&kt, "retired_by").map(|(x, _)| x);
        if let (Some(key), Some(added_by)) = (key, added_by) {
            out.push(crate::keys::KeyEntry { key, added_at, added_by, nonce, proof, retired_at, retired_by });
        }
    }
    out
}

/// Key histories that do not hold together (a proof that does not verify, a key of two
/// people, a current key that is not the last one registered) are problems at the person.
fn check_key_histories(file: &mut TomlFile<'_>, case: &Case, spans: &[(Id, usize)]) {
    for problem in crate::keys::check_histories(case) {
        let crate::keys::KeyProblem::BadHistory { person, .. } = &problem else {
            continue;
        };
        let at = spans.iter().find(|(id, _)| id.as_str() == person).map_or(0, |(_, at)| *at);
        file.err(at, problem.message(), Some(Message::new("keys-bad-history-help")));
    }
}

/// Where a signature's fields are, for the checks that need the whole case.
#[derive(Clone)]
struct SignatureSpans {
    person: usize,
    key: usize,
    signature: usize,
}

/// A round's `[[round.signature]]` tables, each with where its fields are.
fn read_signatures<'i>(
    f: &mut TomlFile<'i>,
    fidx: usize,
    reg: &mut Registry,
    t: &Table<'_, 'i>,
) -> Vec<(MinutesSignature, SignatureSpans)> {
    let mut out = Vec::new();
    for st in f.tables(
        t,
        "signature",
        &["person", "key", "key_fingerprint", "signature", "signed_at", "parts", "illustrative"],
    ) {
        let person = f.id(&st, "person");
        refer_one(reg, fidx, Kind::Person, &person);
        let key = f.str(&st, "key");
        let key_value = key.as_ref().and_then(|(k, span)| public_key(f, k, span));
        let signature = f.str(&st, "signature");
        let signature_value = signature.as_ref().and_then(|(s, span)| match crate::minutes::Signature::parse(s) {
            Ok(x) => Some(x),
            Err(_) => {
                f.err(
                    span.start,
                    Message::new("bundle-bad-signature").arg("value", s.as_str()),
                    Some(Message::new("bundle-bad-signature-help")),
                );
                None
            }
        });
        let signed_at = f.str(&st, "signed_at").and_then(|(s, span)| match s.parse::<jiff::Timestamp>() {
            Ok(ts) => Some(ts),
            Err(_) => {
                f.err(
                    span.start,
                    Message::new("bundle-bad-timestamp").arg("value", s.as_str()),
                    Some(Message::new("bundle-bad-timestamp-help")),
                );
                None
            }
        });
        let mut parts = Vec::new();
        if let Some(v) = st.table.get("parts") {
            match v.get_ref() {
                toml::de::DeValue::Array(items) => {
                    for item in items.iter() {
                        match item.get_ref() {
                            toml::de::DeValue::String(x) => parts.push(x.to_string()),
                            _ => f.err(
                                item.span().start,
                                Message::new("bundle-wrong-type")
                                    .arg("key", "parts")
                                    .arg("expected", "string")
                                    .arg("found", item.get_ref().type_str()),
                                None,
                            ),
                        }
                    }
                }
                other => f.err(
                    v.span().start,
                    Message::new("bundle-wrong-type")
                        .arg("key", "parts")
                        .arg("expected", "array")
                        .arg("found", other.type_str()),
                    None,
                ),
            }
        }
        let illustrative = f.bool(&st, "illustrative");
        let key_fingerprint = f.opt_str(&st, "key_fingerprint").map(|(x, _)| x);
        let key_at = key.as_ref().map_or(0, |k| k.1.start);
        let signature_at = signature.as_ref().map_or(0, |s| s.1.start);
        if let (Some((person, pspan)), Some(key), Some(signature), Some(signed_at)) =
            (person, key_value, signature_value, signed_at)
        {
            let spans = SignatureSpans { person: pspan.start, key: key_at, signature: signature_at };
            out.push((
                MinutesSignature { person, key, key_fingerprint, signature, signed_at, parts, illustrative },
                spans,
            ));
        }
    }
    out
}

/// Signatures on minutes: the signer must be a head of the round with that key registered
/// (else the signature is refused), and, unless `allow_tampered`, each must verify over the
/// current minutes (else they were changed after signing).
fn check_signatures(file: &mut TomlFile<'_>, case: &Case, spans: &[(Id, Id, SignatureSpans)], allow_tampered: bool) {
    use crate::minutes::{Refusal, SignatureState};
    for round in &case.rounds {
        let checked = crate::minutes::check(case, round);
        let mut mine = spans.iter().filter(|(r, _, _)| r == &round.id);
        for (sig, state) in &checked.signatures {
            let Some((_, _, at)) = mine.next() else {
                continue;
            };
            let person = sig.person.as_str();
            // An unknown signer is already reported as an unknown reference.
            if case.person(person).is_none() {
                continue;
            }
            let (at, message, help) = match state {
                SignatureState::Valid => continue,
                SignatureState::Refused(Refusal::NotHead) => (
                    at.person,
                    Message::new("bundle-signature-not-head").arg("person", person).arg("round", round.id.as_str()),
                    Message::new("bundle-signature-not-head-help")
                        .arg("heads", checked.heads.iter().map(Id::as_str).collect::<Vec<_>>().join(", ")),
                ),
                SignatureState::Refused(Refusal::Duplicate) => (
                    at.person,
                    Message::new("bundle-signature-duplicate").arg("person", person).arg("round", round.id.as_str()),
                    Message::new("bundle-signature-duplicate-help"),
                ),
                SignatureState::Refused(Refusal::NoRegisteredKey) => (
                    at.person,
                    Message::new("bundle-signature-no-key").arg("person", person),
                    Message::new("bundle-signature-no-key-help").arg("person", person),
                ),
                SignatureState::Refused(Refusal::KeyNotValidThen) => (
                    at.key,
                    Message::new("keys-signature-key-not-valid-then")
                        .arg("person", person)
                        .arg("round", round.id.as_str()),
                    Message::new("keys-signature-key-not-valid-then-help").arg("person", person),
                ),
                SignatureState::Refused(Refusal::WrongKey) => (
                    at.key,
                    Message::new("bundle-signature-wrong-key").arg("person", person).arg("round", round.id.as_str()),
                    Message::new("bundle-signature-wrong-key-help").arg("person", person),
                ),
                SignatureState::Tampered(_) if allow_tampered => continue,
                SignatureState::Tampered(_) => (
                    at.signature,
                    Message::new("bundle-minutes-tampered").arg("person", person).arg("round", round.id.as_str()),
                    Message::new("bundle-minutes-tampered-help").arg("round", round.id.as_str()),
                ),
            };
            file.err(at, message, Some(help));
        }
    }
}

fn read_commitments<'i>(f: &mut TomlFile<'i>, root: &Root<'i>, fidx: usize, reg: &mut Registry, d: &mut Draft) {
    let Some(root) = root_table(root, &["commitment"]) else {
        return;
    };
    f.check_keys(&root);
    for t in f.tables(
        &root,
        "commitment",
        &[
            "id",
            "parties",
            "theme",
            "round",
            "text",
            "status",
            "status_note",
            "illustrative",
            "due",
            "evidence",
            "sources",
            "addendum",
        ],
    ) {
        let id = f.id(&t, "id");
        if let Some(id) = &id {
            define(f, fidx, reg, Kind::Commitment, id);
        }
        let parties = f.ids(&t, "parties");
        if parties.is_empty() {
            f.err(
                t.span.start,
                Message::new("bundle-commitment-no-party"),
                Some(Message::new("bundle-commitment-no-party-help")),
            );
        }
        refer(reg, fidx, Kind::Party, &parties);
        let theme = f.id(&t, "theme");
        let round = f.id(&t, "round");
        refer_one(reg, fidx, Kind::Round, &round);
        let text = f.text(&t, "text");
        let status = f.int(&t, "status", 0..4).and_then(|(n, _)| CommitmentStatus::try_from(n as u8).ok());
        let status_note = f.opt_text(&t, "status_note");
        let illustrative = f.bool(&t, "illustrative");
        let due = f.opt_date(&t, "due").map(|x| x.0);
        let evidence = sources(f, fidx, reg, &t, "evidence");
        let srcs = sources(f, fidx, reg, &t, "sources");
        let addendum = f.bool(&t, "addendum");
        if let (Some(id), Some(theme), Some(round), Some(text), Some(status)) = (id, theme, round, text, status) {
            d.commitments.push(Commitment {
                id: id.0,
                parties: ids(parties),
                text,
                theme: theme.0,
                round: round.0,
                due,
                status,
                status_note,
                illustrative,
                evidence,
                sources: srcs,
                addendum,
            });
        }
    }
}

fn read_phases<'i>(f: &mut TomlFile<'i>, root: &Root<'i>, fidx: usize, reg: &mut Registry, d: &mut Draft) {
    let Some(root) = root_table(root, &["phase"]) else {
        return;
    };
    f.check_keys(&root);
    for t in f.tables(
        &root,
        "phase",
        &[
            "id",
            "name",
            "description",
            "areas",
            "gate",
            "predecessors",
            "min_lag_months",
            "earliest_start",
            "deadline",
            "started",
            "illustrative",
            "sources",
        ],
    ) {
        let id = f.id(&t, "id");
        if let Some(id) = &id {
            define(f, fidx, reg, Kind::Phase, id);
        }
        let name = f.text(&t, "name");
        let description = f.text(&t, "description");
        let areas = f.ids(&t, "areas");
        if areas.is_empty() {
            f.err(t.span.start, Message::new("bundle-phase-no-area"), Some(Message::new("bundle-phase-no-area-help")));
        }
        refer(reg, fidx, Kind::Area, &areas);
        let gate = f.str(&t, "gate");
        let predecessors = f.ids(&t, "predecessors");
        refer(reg, fidx, Kind::Phase, &predecessors);
        let lag = f.opt_int(&t, "min_lag_months", 0..1200).map_or(0, |x| x.0 as u32);
        let earliest: Option<Sp<Month>> = f.opt_month(&t, "earliest_start");
        let deadline: Option<Sp<Month>> = f.opt_month(&t, "deadline");
        if let (Some((e, _)), Some((dl, span))) = (&earliest, &deadline)
            && dl < e
        {
            f.err(
                span.start,
                Message::new("bundle-deadline-before-earliest")
                    .arg("deadline", dl.to_string())
                    .arg("earliest", e.to_string()),
                Some(Message::new("bundle-deadline-before-earliest-help")),
            );
        }
        let started: Option<Sp<Month>> = f.opt_month(&t, "started");
        let illustrative = f.bool(&t, "illustrative");
        let srcs = sources(f, fidx, reg, &t, "sources");
        if let (Some(id), Some(name), Some(description)) = (id, name, description) {
            let phase = PhaseDraft {
                id: id.0,
                name,
                description,
                areas: ids(areas),
                predecessors: predecessors.iter().map(|p| p.0.clone()).collect(),
                min_lag_months: lag,
                earliest_start: earliest.map(|x| x.0),
                deadline: deadline.map(|x| x.0),
                started: started.as_ref().map(|x| x.0),
                illustrative,
                sources: srcs,
            };
            d.phases.push((phase, gate, predecessors, started.map(|x| x.1)));
        }
    }
    // The predecessor graph must be acyclic: report each cycle once, at its first phase.
    // A phase on record as started needs its predecessors started, and early enough.
    for (phase, _, preds, started_span) in &d.phases {
        let (Some(started), Some(span)) = (phase.started, started_span) else {
            continue;
        };
        for (pred, _) in preds {
            let Some((p, ..)) = d.phases.iter().find(|x| &x.0.id == pred) else {
                continue;
            };
            match p.started {
                None => f.err(
                    span.start,
                    Message::new("bundle-started-before-predecessor")
                        .arg("phase", phase.id.as_str())
                        .arg("predecessor", pred.as_str()),
                    Some(Message::new("bundle-started-before-predecessor-help").arg("predecessor", pred.as_str())),
                ),
                Some(ps) if ps.plus(phase.min_lag_months as i32) > started => f.err(
                    span.start,
                    Message::new("bundle-started-too-soon")
                        .arg("phase", phase.id.as_str())
                        .arg("predecessor", pred.as_str())
                        .arg("lag", phase.min_lag_months)
                        .arg("earliest", ps.plus(phase.min_lag_months as i32).to_string()),
                    Some(Message::new("bundle-started-too-soon-help")),
                ),
                Some(_) => {}
            }
        }
    }
    let index: HashMap<&Id, usize> = d.phases.iter().enumerate().map(|(i, p)| (&p.0.id, i)).collect();
    let reach = |from: usize| -> Vec<bool> {
        let mut seen = vec![false; d.phases.len()];
        let mut stack: Vec<usize> = d.phases[from].2.iter().filter_map(|(p, _)| index.get(p).copied()).collect();
        while let Some(i) = stack.pop() {
            if !std::mem::replace(&mut seen[i], true) {
                stack.extend(d.phases[i].2.iter().filter_map(|(p, _)| index.get(p).copied()));
            }
        }
        seen
    };
    let reachable: Vec<Vec<bool>> = (0..d.phases.len()).map(reach).collect();
    for (start, (phase, _, preds, _)) in d.phases.iter().enumerate() {
        let on_cycle = reachable[start][start];
        let first_of_cycle = (0..start).all(|i| !(reachable[start][i] && reachable[i][start]));
        if on_cycle && first_of_cycle {
            let at = preds.first().map_or(0, |p| p.1.start);
            f.err(
                at,
                Message::new("bundle-phase-cycle").arg("phase", phase.id.as_str()),
                Some(Message::new("bundle-phase-cycle-help")),
            );
        }
    }
}

/// A threshold change before the phases' gates are known.
struct ThresholdDraft {
    phase: Id,
    clause: Sp<i64>,
    value: Sp<crate::gate::Threshold>,
}

fn read_scenarios<'i>(f: &mut TomlFile<'i>, root: &Root<'i>, fidx: usize, reg: &mut Registry, d: &mut Draft) {
    let Some(root) = root_table(root, &["scenario"]) else {
        return;
    };
    f.check_keys(&root);
    for t in f.tables(&root, "scenario", &["id", "name", "description", "shock", "threshold"]) {
        let id = f.id(&t, "id");
        let name = f.text(&t, "name");
        let description = f.opt_text(&t, "description");
        let mut shocks = Vec::new();
        for s in f.tables(&t, "shock", &["indicator", "areas", "from", "multiply", "shift", "slope", "variance"]) {
            let indicator = f.str(&s, "indicator");
            let parts = indicator.as_ref().and_then(|(q, span)| {
                let (fa, ind) = q.split_once('.')?;
                Some((Id::parse(fa)?, Id::parse(ind)?, span.clone()))
            });
            match (&indicator, &parts) {
                (Some((q, span)), None) => f.err(
                    span.start,
                    Message::new("bundle-bad-indicator-name").arg("value", q.as_str()),
                    Some(Message::new("bundle-bad-indicator-name-help")),
                ),
                (_, Some((fa, ind, span))) => {
                    reg.pending.push((Kind::Indicator, format!("{fa}.{ind}"), fidx, span.start))
                }
                _ => {}
            }
            let areas = f.ids(&s, "areas");
            refer(reg, fidx, Kind::Area, &areas);
            let from = f.opt_month(&s, "from");
            if from.is_none() && s.table.get("from").is_none() {
                f.err(
                    s.span.start,
                    Message::new("bundle-missing-key").arg("key", "from"),
                    Some(Message::new("bundle-missing-key-help").arg("key", "from")),
                );
            }
            let mut number = |key: &str, positive: bool| -> Option<f64> {
                let (n, span) = f.opt_number(&s, key)?;
                if positive && n <= 0.0 {
                    f.err(
                        span.start,
                        Message::new("bundle-bad-effect").arg("key", key),
                        Some(Message::new("bundle-positive-help")),
                    );
                    return None;
                }
                Some(n)
            };
            let multiply = number("multiply", true);
            let shift = number("shift", false);
            let slope = number("slope", false);
            let variance = number("variance", true);
            if ["multiply", "shift", "slope", "variance"].iter().all(|k| s.table.get(*k).is_none()) {
                f.err(
                    s.span.start,
                    Message::new("bundle-shock-no-effect"),
                    Some(Message::new("bundle-shock-no-effect-help")),
                );
            }
            if let (Some((factor, indicator, _)), Some((from, _))) = (parts, from) {
                shocks.push(ScenarioShock {
                    factor,
                    indicator,
                    areas: ids(areas),
                    from,
                    multiply,
                    shift,
                    slope,
                    variance,
                });
            }
        }
        let mut thresholds = Vec::new();
        for th in f.tables(&t, "threshold", &["phase", "clause", "value"]) {
            let phase = f.id(&th, "phase");
            refer_one(reg, fidx, Kind::Phase, &phase);
            let clause = f.int(&th, "clause", 1..1000);
            let value = match th.table.get("value").map(|v| (v.get_ref(), v.span())) {
                None => {
                    f.err(
                        th.span.start,
                        Message::new("bundle-missing-key").arg("key", "value"),
                        Some(Message::new("bundle-missing-key-help").arg("key", "value")),
                    );
                    None
                }
                Some((toml::de::DeValue::String(x), span)) => {
                    Some((crate::gate::Threshold::Level(x.to_string()), span))
                }
                Some(_) => f.opt_number(&th, "value").map(|(n, span)| (crate::gate::Threshold::Number(n), span)),
            };
            if let (Some(phase), Some(clause), Some(value)) = (phase, clause, value) {
                thresholds.push(ThresholdDraft { phase: phase.0, clause, value });
            }
        }
        if let Some(id) = &id {
            define(f, fidx, reg, Kind::Scenario, id);
        }
        if let (Some(id), Some(name)) = (id, name) {
            d.scenarios.push((Scenario { id: id.0, name, description, shocks, thresholds: vec![] }, thresholds));
        }
    }
}

/// The keys of an `[[import]]` table.
const IMPORT_KEYS: [&str; 15] = [
    "id",
    "indicator",
    "dataset",
    "publisher",
    "method",
    "measure",
    "type_of_violence",
    "event_types",
    "sub_event_types",
    "actor_contains",
    "max_date_precision",
    "max_place_precision",
    "spanning",
    "from",
    "to",
];

/// `imports.toml`: each `[[import]]` names the indicator it feeds, which keeps it. Indicators
/// are read before (indicators.toml), so a definition's indicator is checked here.
fn read_imports<'i>(f: &mut TomlFile<'i>, root: &Root<'i>, fidx: usize, reg: &mut Registry, d: &mut Draft) {
    use crate::event_import::{Dataset, ImportDefinition, Measure, Spanning};
    let Some(root) = root_table(root, &["import"]) else {
        return;
    };
    f.check_keys(&root);
    let mut seen: HashMap<String, usize> = HashMap::new();
    for t in f.tables(&root, "import", &IMPORT_KEYS) {
        let id = f.id(&t, "id");
        if let Some((id, span)) = &id {
            if let Some(&first) = seen.get(id.as_str()) {
                let (line, _) = f.src.line_col(first);
                f.err(
                    span.start,
                    Message::new("bundle-duplicate-id")
                        .arg("kind", Message::new("kind-import"))
                        .arg("id", id.as_str())
                        .arg("line", line),
                    Some(Message::new("bundle-duplicate-id-help")),
                );
            } else {
                seen.insert(id.to_string(), span.start);
            }
        }
        let indicator = f.str(&t, "indicator");
        let target = indicator.as_ref().and_then(|(q, span)| {
            let (fa, ind) = q.split_once('.')?;
            Some((Id::parse(fa)?, Id::parse(ind)?, span.clone()))
        });
        match (&indicator, &target) {
            (Some((q, span)), None) => f.err(
                span.start,
                Message::new("bundle-bad-indicator-name").arg("value", q.as_str()),
                Some(Message::new("bundle-bad-indicator-name-help")),
            ),
            (_, Some((fa, ind, span))) => reg.pending.push((Kind::Indicator, format!("{fa}.{ind}"), fidx, span.start)),
            _ => {}
        }
        let datasets: Vec<(&'static str, Dataset)> = Dataset::ALL.iter().map(|d| (d.as_str(), *d)).collect();
        let dataset = f.choice(&t, "dataset", &datasets, true);
        let publisher = f.id(&t, "publisher");
        refer_one(reg, fidx, Kind::Publisher, &publisher);
        let method = f.id(&t, "method");
        refer_one(reg, fidx, Kind::Method, &method);
        let measure = f.choice(&t, "measure", &Measure::ALL, true);
        let spanning = f.choice(&t, "spanning", &Spanning::ALL, false).unwrap_or_default();
        let type_of_violence = f.ints(&t, "type_of_violence", 1..4);
        let event_types = f.strs(&t, "event_types");
        let sub_event_types = f.strs(&t, "sub_event_types");
        let actor_contains = f.strs(&t, "actor_contains");
        // A column of the other dataset would silently match nothing: refuse it.
        let only_for = |key: &str, wanted: Dataset, used: bool, f: &mut TomlFile<'i>| {
            if used && dataset.is_some_and(|d| d != wanted) {
                let at = t.table.get(key).map_or(t.span.start, |v| v.span().start);
                f.err(
                    at,
                    Message::new("bundle-import-other-dataset").arg("key", key).arg("dataset", wanted.as_str()),
                    Some(Message::new("bundle-import-other-dataset-help")),
                );
            }
        };
        only_for("type_of_violence", Dataset::UcdpGed, !type_of_violence.is_empty(), f);
        only_for("event_types", Dataset::Acled, !event_types.is_empty(), f);
        only_for("sub_event_types", Dataset::Acled, !sub_event_types.is_empty(), f);
        let ds = dataset.unwrap_or(Dataset::UcdpGed);
        let date_max = i64::from(ImportDefinition::date_precision_max(ds));
        let place_max = i64::from(ImportDefinition::place_precision_max(ds));
        let max_date_precision = f.opt_int(&t, "max_date_precision", 1..date_max + 1);
        let max_place_precision = f.opt_int(&t, "max_place_precision", 1..place_max + 1);
        let from = f.opt_month(&t, "from");
        let to = f.opt_month(&t, "to");
        if let (Some((a, _)), Some((b, span))) = (&from, &to)
            && b < a
        {
            f.err(
                span.start,
                Message::new("bundle-import-months-order").arg("from", a.to_string()).arg("to", b.to_string()),
                None,
            );
        }
        // The figures are monthly counts or sums: the indicator must hold such values.
        let held = target.as_ref().and_then(|(fa, ind, span)| {
            d.indicators.iter().position(|i| &i.factor == fa && &i.id == ind).map(|at| (at, span.clone()))
        });
        if let Some((at, span)) = &held {
            let i = &d.indicators[*at];
            if !matches!(i.kind, IndicatorKind::Count | IndicatorKind::Number) || i.frequency != crate::Frequency::Month
            {
                f.err(
                    span.start,
                    Message::new("bundle-import-indicator-kind").arg("indicator", i.qualified_name()),
                    Some(Message::new("bundle-import-indicator-kind-help")),
                );
            }
        }
        if let (Some(id), Some(dataset), Some(publisher), Some(method), Some(measure), Some((at, _))) =
            (id, dataset, publisher, method, measure, held)
        {
            d.indicators[at].imports.push(ImportDefinition {
                id: id.0,
                dataset,
                publisher: publisher.0,
                method: method.0,
                measure,
                type_of_violence: type_of_violence.into_iter().map(|(n, _)| n as u8).collect(),
                event_types: event_types.into_iter().map(|(s, _)| s).collect(),
                sub_event_types: sub_event_types.into_iter().map(|(s, _)| s).collect(),
                actor_contains: actor_contains.into_iter().map(|(s, _)| s).collect(),
                max_date_precision: max_date_precision.map(|(n, _)| n as u8),
                max_place_precision: max_place_precision.map(|(n, _)| n as u8),
                spanning,
                from: from.map(|(m, _)| m),
                to: to.map(|(m, _)| m),
            });
        }
    }
}

/// Threshold changes must name a clause of the phase's gate and keep the gate well typed.
fn check_thresholds(f: &mut TomlFile<'_>, case: &Case, drafts: Vec<(Scenario, Vec<ThresholdDraft>)>) -> Vec<Scenario> {
    let mut out = Vec::new();
    for (mut scenario, changes) in drafts {
        for ch in changes {
            let Some(phase) = case.phase(ch.phase.as_str()) else {
                continue;
            };
            let count = phase.gate.clauses().len();
            let index = (ch.clause.0 - 1) as usize;
            let Some(edited) = phase.gate.with_threshold(index, ch.value.0.clone()) else {
                f.err(
                    ch.clause.1.start,
                    Message::new("bundle-no-such-clause")
                        .arg("clause", ch.clause.0)
                        .arg("phase", ch.phase.as_str())
                        .arg("count", count),
                    Some(Message::new("bundle-no-such-clause-help").arg("count", count)),
                );
                continue;
            };
            let errors = edited.check(case);
            if let Some(e) = errors.into_iter().next() {
                f.err(ch.value.1.start, e.message, e.help);
                continue;
            }
            scenario.thresholds.push(ThresholdChange {
                phase: ch.phase,
                clause: ch.clause.0 as u32,
                value: ch.value.0,
            });
        }
        out.push(scenario);
    }
    out
}

/// Checks that need several files at once.
fn check_semantics(files: &mut [TomlFile<'_>], d: &Draft, observations: &[Observation]) {
    // An assessment's rating is a level of its factor's rating scale.
    for (a, (rating, span)) in &d.assessments {
        let Some(factor) = d.factors.iter().find(|(f, _, _)| f.id == a.factor) else {
            continue;
        };
        let Some(scale_id) = &factor.0.rating_scale else {
            files[4].err(
                span.start,
                Message::new("bundle-factor-no-rating-scale").arg("factor", a.factor.as_str()),
                Some(Message::new("bundle-factor-no-rating-scale-help")),
            );
            continue;
        };
        if let Some(scale) = d.scales.iter().find(|s| &s.id == scale_id)
            && scale.current().rank(rating.as_str()).is_none()
        {
            let near = did_you_mean(rating.as_str(), scale.current().levels.iter().map(|l| l.id.as_str()));
            files[4].err(
                span.start,
                Message::new("bundle-unknown-level").arg("level", rating.as_str()).arg("scale", scale_id.as_str()),
                near.map(|n| Message::new("bundle-did-you-mean").arg("name", n)),
            );
        }
    }
    // Several publishers for one indicator: gates need to know which one to read.
    for ind in &d.indicators {
        if ind.reference_publisher.is_some() {
            continue;
        }
        let mut pubs: Vec<&Id> = observations
            .iter()
            .filter(|o| o.factor == ind.factor && o.indicator == ind.id)
            .map(|o| &o.publisher)
            .collect();
        pubs.sort();
        pubs.dedup();
        if pubs.len() > 1 {
            let at = files[3].src.text.find(&format!("\"{}\"", ind.id)).unwrap_or(0);
            files[3].err(
                at,
                Message::new("bundle-needs-reference-publisher")
                    .arg("indicator", ind.qualified_name())
                    .arg("publishers", pubs.iter().map(|p| p.as_str()).collect::<Vec<_>>().join(", ")),
                Some(Message::new("bundle-needs-reference-publisher-help").arg("publisher", pubs[0].as_str())),
            );
        }
    }
}
