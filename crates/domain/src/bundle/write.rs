//! Writing a case back as a bundle, in the form `docs/bundle-format.md` describes, so that
//! loading what was written gives the same case. Output is deterministic: the same case
//! always gives the same bytes.

use std::path::Path;

use toml_edit::{Array, ArrayOfTables, DocumentMut, InlineTable, Item, Table, Value, value};

use crate::model::*;

fn text(t: &Text) -> Item {
    let mut it = InlineTable::new();
    it.insert("en", t.en.as_str().into());
    it.insert("ar", t.ar.as_str().into());
    Item::Value(Value::InlineTable(it))
}

fn ids(v: &[Id]) -> Item {
    let mut a = Array::new();
    for id in v {
        a.push(id.as_str());
    }
    Item::Value(Value::Array(a))
}

fn texts(v: &[Text]) -> Item {
    let mut a = Array::new();
    for t in v {
        if let Item::Value(Value::InlineTable(it)) = text(t) {
            a.push(Value::InlineTable(it));
        }
    }
    Item::Value(Value::Array(a))
}

/// A table built key by key; empty optional fields are left out.
#[derive(Default)]
struct T(Table);

impl T {
    fn s(mut self, k: &str, v: &str) -> Self {
        self.0.insert(k, value(v));
        self
    }
    fn os(self, k: &str, v: Option<impl AsRef<str>>) -> Self {
        match v {
            Some(v) => self.s(k, v.as_ref()),
            None => self,
        }
    }
    fn t(mut self, k: &str, v: &Text) -> Self {
        self.0.insert(k, text(v));
        self
    }
    fn ot(self, k: &str, v: &Text) -> Self {
        if v.en.is_empty() && v.ar.is_empty() { self } else { self.t(k, v) }
    }
    fn ids(mut self, k: &str, v: &[Id]) -> Self {
        if !v.is_empty() {
            self.0.insert(k, ids(v));
        }
        self
    }
    fn strs(mut self, k: &str, v: &[impl AsRef<str>]) -> Self {
        if !v.is_empty() {
            let mut a = Array::new();
            for s in v {
                a.push(s.as_ref());
            }
            self.0.insert(k, Item::Value(Value::Array(a)));
        }
        self
    }
    fn b(mut self, k: &str, v: bool) -> Self {
        if v {
            self.0.insert(k, value(true));
        }
        self
    }
    fn i(mut self, k: &str, v: i64) -> Self {
        self.0.insert(k, value(v));
        self
    }
    fn item(mut self, k: &str, v: Item) -> Self {
        self.0.insert(k, v);
        self
    }
}

fn array(tables: impl IntoIterator<Item = T>) -> Item {
    let mut a = ArrayOfTables::new();
    for t in tables {
        a.push(t.0);
    }
    Item::ArrayOfTables(a)
}

fn doc(items: Vec<(&str, Item)>) -> String {
    let mut d = DocumentMut::new();
    for (k, v) in items {
        let empty = matches!(&v, Item::ArrayOfTables(a) if a.is_empty());
        if !empty {
            d.insert(k, v);
        }
    }
    d.to_string()
}

/// One `[[import]]` table.
fn import_table(indicator: &str, d: &crate::event_import::ImportDefinition) -> T {
    let mut t = T::default()
        .s("id", d.id.as_str())
        .s("indicator", indicator)
        .s("dataset", d.dataset.as_str())
        .s("publisher", d.publisher.as_str())
        .s("method", d.method.as_str())
        .s("measure", d.measure.as_str());
    if !d.type_of_violence.is_empty() {
        let mut a = Array::new();
        for v in &d.type_of_violence {
            a.push(i64::from(*v));
        }
        t = t.item("type_of_violence", Item::Value(Value::Array(a)));
    }
    t = t.strs("event_types", &d.event_types).strs("sub_event_types", &d.sub_event_types);
    t = t.strs("actor_contains", &d.actor_contains);
    if let Some(p) = d.max_date_precision {
        t = t.i("max_date_precision", i64::from(p));
    }
    if let Some(p) = d.max_place_precision {
        t = t.i("max_place_precision", i64::from(p));
    }
    if d.spanning != crate::event_import::Spanning::Skip {
        t = t.s("spanning", d.spanning.as_str());
    }
    t.os("from", d.from.map(|m| m.to_string())).os("to", d.to.map(|m| m.to_string()))
}

/// The bundle's files as (relative path, contents), in a fixed order.
pub fn render(case: &Case) -> Vec<(String, String)> {
    let mut files = Vec::new();
    files.push((
        "documents.toml".into(),
        doc(vec![(
            "document",
            array(case.documents.iter().map(|d| {
                let errors =
                    array(d.translation_errors.iter().map(|e| T::default().s("says", &e.says).t("means", &e.means)));
                let mut t = T::default()
                    .s("id", d.id.as_str())
                    .os("file", d.file.as_ref())
                    .t("outlet", &d.outlet)
                    .t("kind", &d.kind)
                    .os("date", d.date.map(|x| x.to_string()))
                    .s("language", &d.language)
                    .t("summary", &d.summary);
                if !d.translation_errors.is_empty() {
                    t = t.item("translation_error", errors);
                }
                t
            })),
        )]),
    ));

    let mut case_items =
        vec![("id", value(case.id.as_str())), ("name", text(&case.name)), ("description", text(&case.description))];
    case_items.push((
        "party",
        array(case.parties.iter().map(|p| {
            T::default()
                .s("id", p.id.as_str())
                .t("name", &p.name)
                .s(
                    "role",
                    match p.role {
                        PartyRole::Delegation => "delegation",
                        PartyRole::CoalitionPartner => "coalition-partner",
                    },
                )
                .os("head", p.head.as_ref())
                .ids("sources", &p.sources)
        })),
    ));
    case_items.push((
        "person",
        array(case.people.iter().map(|p| {
            let t = T::default()
                .s("id", p.id.as_str())
                .t("name", &p.name)
                .t("title", &p.title)
                .s("party", p.party.as_str())
                .ids("sources", &p.sources)
                .os("public_key", p.public_key.map(|k| k.to_string()));
            if p.keys.is_empty() { t } else { t.item("key", array(p.keys.iter().map(key_table))) }
        })),
    ));
    case_items.push((
        "area",
        array(case.areas.iter().map(|a| {
            T::default()
                .s("id", a.id.as_str())
                .t("name", &a.name)
                .s(
                    "kind",
                    match a.kind {
                        AreaKind::Country => "country",
                        AreaKind::Region => "region",
                        AreaKind::Base => "base",
                        AreaKind::MissionLine => "mission-line",
                    },
                )
                .os("parent", a.parent.as_ref())
                .ids("sources", &a.sources)
                .strs("places", &a.places)
        })),
    ));
    case_items.push((
        "factor",
        array(case.factors.iter().map(|f| {
            let wg = T::default()
                .t("name", &f.working_group.name)
                .ids("members", &f.working_group.members)
                .ids("sources", &f.working_group.sources);
            T::default()
                .s("id", f.id.as_str())
                .t("name", &f.name)
                .t("description", &f.description)
                .os("condition", f.condition.as_ref().map(|g| g.source.clone()))
                .os("rating_scale", f.rating_scale.as_ref())
                .ids("sources", &f.sources)
                .item("working_group", Item::Table(wg.0))
        })),
    ));
    files.push(("case.toml".into(), doc(case_items)));

    files.push((
        "scales.toml".into(),
        doc(vec![(
            "scale",
            array(case.scales.iter().map(|s| {
                let versions = array(s.versions.iter().map(|v| {
                    let levels = array(v.levels.iter().map(|l| {
                        T::default().s("id", l.id.as_str()).t("name", &l.name).t("definition", &l.definition)
                    }));
                    let mut t = T::default().i("version", i64::from(v.version)).item("level", levels);
                    if !v.maps_from_previous.is_empty() {
                        let mut m = Table::new();
                        for (from, to) in &v.maps_from_previous {
                            m.insert(from.as_str(), value(to.as_str()));
                        }
                        t = t.item("maps_from", Item::Table(m));
                    }
                    t
                }));
                T::default()
                    .s("id", s.id.as_str())
                    .t("name", &s.name)
                    .ids("sources", &s.sources)
                    .item("version", versions)
            })),
        )]),
    ));

    files.push((
        "indicators.toml".into(),
        doc(vec![
            (
                "publisher",
                array(case.publishers.iter().map(|p| T::default().s("id", p.id.as_str()).t("name", &p.name))),
            ),
            ("method", array(case.methods.iter().map(|m| T::default().s("id", m.id.as_str()).t("text", &m.text)))),
            (
                "indicator",
                array(case.indicators.iter().map(|i| {
                    T::default()
                        .s("id", i.id.as_str())
                        .s("factor", i.factor.as_str())
                        .t("name", &i.name)
                        .t("description", &i.description)
                        .t("unit", &i.unit)
                        .s("kind", kind_str(i.kind))
                        .os("scale", i.scale.as_ref())
                        .s(
                            "direction",
                            match i.direction {
                                Direction::LowerIsBetter => "lower-is-better",
                                Direction::HigherIsBetter => "higher-is-better",
                            },
                        )
                        .s("frequency", i.frequency.as_str())
                        .os("reference_publisher", i.reference_publisher.as_ref())
                })),
            ),
        ]),
    ));

    files.push((
        "assessments.toml".into(),
        doc(vec![(
            "assessment",
            array(case.assessments.iter().map(|a| {
                T::default()
                    .s("id", a.id.as_str())
                    .s("factor", a.factor.as_str())
                    .s("area", a.area.as_str())
                    .s("cycle", &a.cycle.to_string())
                    .s("rating", a.rating.as_str())
                    .s(
                        "state",
                        match a.state {
                            AssessmentState::Draft => "draft",
                            AssessmentState::Submitted => "submitted",
                            AssessmentState::Endorsed => "endorsed",
                            AssessmentState::Returned => "returned",
                        },
                    )
                    .b("illustrative", a.illustrative)
                    .t("narrative", &a.narrative)
                    .ids("evidence", &a.evidence)
            })),
        )]),
    ));

    files.push((
        "rounds.toml".into(),
        doc(vec![(
            "round",
            array(case.rounds.iter().map(|r| {
                let delegations = array(r.delegations.iter().map(|d| {
                    let mut t = T::default()
                        .s("party", d.party.as_str())
                        .os("head", d.head.as_ref())
                        .ids("members", &d.members);
                    if !d.offices.is_empty() {
                        t = t.item("offices", texts(&d.offices));
                    }
                    t
                }));
                let meetings = array(r.meetings.iter().map(|m| {
                    T::default()
                        .t("description", &m.description)
                        .ids("participants", &m.participants)
                        .ids("sources", &m.sources)
                }));
                let decisions = array(
                    r.decisions
                        .iter()
                        .map(|d| T::default().s("id", d.id.as_str()).t("text", &d.text).ids("sources", &d.sources)),
                );
                let signatures = array(r.signatures.iter().map(signature_table));
                let mut t = T::default()
                    .s("id", r.id.as_str())
                    .t("name", &r.name)
                    .s("start", &r.start.to_string())
                    .s("end", &r.end.to_string())
                    .t("place", &r.place);
                if let Some(fw) = &r.framework {
                    t = t.t("framework", fw);
                }
                t = t.b("minutes_signed", r.minutes_signed).ids("sources", &r.sources);
                for (k, v, n) in [
                    ("delegation", delegations, r.delegations.len()),
                    ("meeting", meetings, r.meetings.len()),
                    ("decision", decisions, r.decisions.len()),
                    ("signature", signatures, r.signatures.len()),
                ] {
                    if n > 0 {
                        t = t.item(k, v);
                    }
                }
                t
            })),
        )]),
    ));

    files.push((
        "commitments.toml".into(),
        doc(vec![(
            "commitment",
            array(case.commitments.iter().map(|c| {
                let t = T::default()
                    .s("id", c.id.as_str())
                    .ids("parties", &c.parties)
                    .s("theme", c.theme.as_str())
                    .s("round", c.round.as_str())
                    .t("text", &c.text)
                    .i("status", i64::from(c.status as u8))
                    .ot("status_note", &c.status_note)
                    .b("illustrative", c.illustrative)
                    .os("due", c.due.map(|d| d.to_string()))
                    .ids("evidence", &c.evidence)
                    .ids("sources", &c.sources);
                if c.addendum { t.b("addendum", true) } else { t }
            })),
        )]),
    ));

    files.push((
        "phases.toml".into(),
        doc(vec![(
            "phase",
            array(case.phases.iter().map(|p| {
                let mut t = T::default()
                    .s("id", p.id.as_str())
                    .t("name", &p.name)
                    .t("description", &p.description)
                    .ids("areas", &p.areas)
                    .s("gate", &p.gate.source)
                    .ids("predecessors", &p.predecessors);
                if p.min_lag_months > 0 {
                    t = t.i("min_lag_months", i64::from(p.min_lag_months));
                }
                t.os("earliest_start", p.earliest_start.map(|m| m.to_string()))
                    .os("deadline", p.deadline.map(|m| m.to_string()))
                    .os("started", p.started.map(|m| m.to_string()))
                    .b("illustrative", p.illustrative)
                    .ids("sources", &p.sources)
            })),
        )]),
    ));

    files.push((
        "scenarios.toml".into(),
        doc(vec![(
            "scenario",
            array(case.scenarios.iter().map(|s| {
                let shocks = array(s.shocks.iter().map(|k| {
                    let mut t = T::default()
                        .s("indicator", &format!("{}.{}", k.factor, k.indicator))
                        .ids("areas", &k.areas)
                        .s("from", &k.from.to_string());
                    for (key, v) in
                        [("multiply", k.multiply), ("shift", k.shift), ("slope", k.slope), ("variance", k.variance)]
                    {
                        if let Some(v) = v {
                            t.0.insert(key, value(v));
                        }
                    }
                    t
                }));
                let thresholds = array(s.thresholds.iter().map(|th| {
                    let t = T::default().s("phase", th.phase.as_str()).i("clause", i64::from(th.clause));
                    match &th.value {
                        crate::gate::Threshold::Number(n) => t.item("value", value(*n)),
                        crate::gate::Threshold::Level(l) => t.s("value", l),
                    }
                }));
                let mut t = T::default().s("id", s.id.as_str()).t("name", &s.name).ot("description", &s.description);
                if !s.shocks.is_empty() {
                    t = t.item("shock", shocks);
                }
                if !s.thresholds.is_empty() {
                    t = t.item("threshold", thresholds);
                }
                t
            })),
        )]),
    ));

    // Only a case with import definitions has the file: the bundles written before it existed
    // stay as they were, byte for byte.
    let imports: Vec<T> = case
        .indicators
        .iter()
        .flat_map(|i| i.imports.iter().map(move |d| (i, d)))
        .map(|(i, d)| import_table(&i.qualified_name(), d))
        .collect();
    if !imports.is_empty() {
        files.push(("imports.toml".into(), doc(vec![("import", array(imports))])));
    }

    files.push(("observations/observations.csv".into(), observations_csv(case)));
    files
}

/// One `[[person.key]]` table: a key of the person's history.
fn key_table(e: &crate::keys::KeyEntry) -> T {
    T::default()
        .s("key", &e.key.to_string())
        .os("added_at", e.added_at.map(|x| x.to_string()))
        .s("added_by", &e.added_by)
        .os("nonce", e.nonce.as_ref())
        .os("proof", e.proof.map(|x| x.to_string()))
        .os("retired_at", e.retired_at.map(|x| x.to_string()))
        .os("retired_by", e.retired_by.as_ref())
}

/// One `[[round.signature]]` table, as `tahawul minutes sign` prints it.
fn signature_table(s: &MinutesSignature) -> T {
    let mut t = T::default()
        .s("person", s.person.as_str())
        .s("key", &s.key.to_string())
        .os("key_fingerprint", s.key_fingerprint.as_ref())
        .s("signature", &s.signature.to_string())
        .s("signed_at", &s.signed_at.to_string());
    if !s.parts.is_empty() {
        let mut a = Array::new();
        for p in &s.parts {
            a.push(p.as_str());
        }
        t = t.item("parts", Item::Value(Value::Array(a)));
    }
    t.b("illustrative", s.illustrative)
}

/// The TOML text of one signature entry, to append under its `[[round]]` in `rounds.toml`.
pub fn signature_toml(s: &MinutesSignature) -> String {
    let mut d = DocumentMut::new();
    let mut round = Table::new();
    round.set_implicit(true);
    round.insert("signature", array([signature_table(s)]));
    d.insert("round", Item::Table(round));
    d.to_string()
}

/// Appends a signature under its `[[round]]` in `dir/rounds.toml`, keeping the rest of the
/// file (comments included) as it is. The file is written whole to a temporary name and
/// renamed ([`write_file`]). An error if the file cannot be read or parsed, or has no such round.
pub fn append_signature(dir: &Path, round: &str, s: &MinutesSignature) -> std::io::Result<()> {
    use std::io::{Error, ErrorKind};
    let path = dir.join("rounds.toml");
    let text = std::fs::read_to_string(&path)?;
    let mut doc: DocumentMut = text.parse().map_err(|e| Error::new(ErrorKind::InvalidData, format!("{e}")))?;
    let rounds = doc
        .get_mut("round")
        .and_then(Item::as_array_of_tables_mut)
        .ok_or_else(|| Error::new(ErrorKind::InvalidData, "no [[round]] in rounds.toml"))?;
    let table = rounds
        .iter_mut()
        .find(|t| t.get("id").and_then(Item::as_str) == Some(round))
        .ok_or_else(|| Error::new(ErrorKind::NotFound, format!("no round {round:?} in rounds.toml")))?;
    let entry = signature_table(s).0;
    match table.get_mut("signature").and_then(Item::as_array_of_tables_mut) {
        Some(a) => a.push(entry),
        None => {
            let mut a = ArrayOfTables::new();
            a.push(entry);
            table.insert("signature", Item::ArrayOfTables(a));
        }
    }
    // The bundle's own file keeps its permissions (it is the user's, often in a repository).
    let perms = std::fs::metadata(&path)?.permissions();
    replace(&path, doc.to_string().as_bytes(), Some(perms))
}

fn kind_str(k: IndicatorKind) -> &'static str {
    match k {
        IndicatorKind::Count => "count",
        IndicatorKind::Share => "share",
        IndicatorKind::Level => "level",
        IndicatorKind::Number => "number",
    }
}

/// All observations as one CSV; levels written as level ids on the current scale version.
pub fn observations_csv(case: &Case) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(super::observations::COLUMNS);
    for o in &case.observations {
        let value = case
            .indicator(o.factor.as_str(), o.indicator.as_str())
            .filter(|i| i.kind == IndicatorKind::Level)
            .and_then(|i| case.scale(i.scale.as_ref()?.as_str()))
            .and_then(|s| s.current().level(o.value as u32))
            .map_or_else(|| o.value.to_string(), |l| l.id.to_string());
        let confidence = match o.confidence {
            Confidence::High => "high",
            Confidence::Medium => "medium",
            Confidence::Low => "low",
        };
        let _ = w.write_record([
            format!("{}.{}", o.factor, o.indicator).as_str(),
            o.area.as_str(),
            &o.period.to_string(),
            &value,
            "",
            o.publisher.as_str(),
            o.method.as_str(),
            &o.as_of.to_string(),
            confidence,
            if o.illustrative { "true" } else { "false" },
            o.document.as_ref().map_or("", |d| d.as_str()),
            "",
        ]);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// Writes the bundle into `dir` (created if needed, owner-only). Each file is written whole
/// to a fresh temporary file beside it and renamed over it, so a failure never leaves a
/// half-written file behind; see [`write_file`].
pub fn write(case: &Case, dir: &Path) -> std::io::Result<()> {
    create_private_dir(dir)?;
    create_private_dir(&dir.join("observations"))?;
    for (rel, contents) in render(case) {
        write_file(&dir.join(&rel), contents.as_bytes())?;
    }
    Ok(())
}

/// Creates `dir` and its missing parents readable by the owner only (an existing folder is
/// left as it is: the operator chose it).
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// Writes `path` whole and owner-only (0600): through a new temporary file with a random name
/// in the same folder (created exclusively, so a name planted there in advance, a symlink
/// included, is never opened), synced, then renamed over `path` (which replaces a symlink at
/// `path` rather than writing where it points).
pub fn write_file(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    replace(path, contents, None)
}

/// [`write_file`], with `perms` set on the new file before it takes `path`'s place.
fn replace(path: &Path, contents: &[u8], perms: Option<std::fs::Permissions>) -> std::io::Result<()> {
    use std::io::Write;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    // tempfile creates the file with O_EXCL and mode 0600.
    let mut tmp = tempfile::Builder::new().prefix(".tahawul-").suffix(".tmp").tempfile_in(dir)?;
    tmp.write_all(contents)?;
    if let Some(p) = perms {
        tmp.as_file().set_permissions(p)?;
    }
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}
