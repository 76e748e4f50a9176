//! Writing a case back as a bundle, in the form `docs/bundle-format.md` describes, so that
//! loading what was written gives the same case. Output is deterministic: the same case
//! always gives the same bytes.

use std::path::Path;

use toml_edit::{Array, ArrayOfTables, DocumentMut, InlineTable, Item, Table, Value, value};

use super::files::BundleFile;
use super::rounds::signature_table;
use super::{assessments, case, commitments, documents, imports, indicators, phases, rounds, scales, scenarios};
use crate::model::*;

/// A bilingual text as an inline table `{ en = "…", ar = "…" }`.
pub(super) fn text(t: &Text) -> Item {
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

/// An array of bilingual texts.
pub(super) fn texts(v: &[Text]) -> Item {
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
pub(super) struct T(pub(super) Table);

impl T {
    pub(super) fn s(mut self, k: &str, v: &str) -> Self {
        self.0.insert(k, value(v));
        self
    }
    pub(super) fn os(self, k: &str, v: Option<impl AsRef<str>>) -> Self {
        match v {
            Some(v) => self.s(k, v.as_ref()),
            None => self,
        }
    }
    pub(super) fn t(mut self, k: &str, v: &Text) -> Self {
        self.0.insert(k, text(v));
        self
    }
    pub(super) fn ot(self, k: &str, v: &Text) -> Self {
        if v.en.is_empty() && v.ar.is_empty() { self } else { self.t(k, v) }
    }
    pub(super) fn ids(mut self, k: &str, v: &[Id]) -> Self {
        if !v.is_empty() {
            self.0.insert(k, ids(v));
        }
        self
    }
    pub(super) fn strs(mut self, k: &str, v: &[impl AsRef<str>]) -> Self {
        if !v.is_empty() {
            let mut a = Array::new();
            for s in v {
                a.push(s.as_ref());
            }
            self.0.insert(k, Item::Value(Value::Array(a)));
        }
        self
    }
    pub(super) fn b(mut self, k: &str, v: bool) -> Self {
        if v {
            self.0.insert(k, value(true));
        }
        self
    }
    pub(super) fn i(mut self, k: &str, v: i64) -> Self {
        self.0.insert(k, value(v));
        self
    }
    pub(super) fn item(mut self, k: &str, v: Item) -> Self {
        self.0.insert(k, v);
        self
    }
}

/// An array of tables (`[[key]]`).
pub(super) fn array(tables: impl IntoIterator<Item = T>) -> Item {
    let mut a = ArrayOfTables::new();
    for t in tables {
        a.push(t.0);
    }
    Item::ArrayOfTables(a)
}

/// A file's text from its top-level items; empty arrays of tables are left out.
pub(super) fn doc(items: Vec<(&str, Item)>) -> String {
    let mut d = DocumentMut::new();
    for (k, v) in items {
        let empty = matches!(&v, Item::ArrayOfTables(a) if a.is_empty());
        if !empty {
            d.insert(k, v);
        }
    }
    d.to_string()
}

/// The bundle's files as (relative path, contents), in a fixed order.
pub fn render(case: &Case) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = [
        (BundleFile::Documents, documents::render(case)),
        (BundleFile::Case, case::render(case)),
        (BundleFile::Scales, scales::render(case)),
        (BundleFile::Indicators, indicators::render(case)),
        (BundleFile::Assessments, assessments::render(case)),
        (BundleFile::Rounds, rounds::render(case)),
        (BundleFile::Commitments, commitments::render(case)),
        (BundleFile::Phases, phases::render(case)),
        (BundleFile::Scenarios, scenarios::render(case)),
    ]
    .into_iter()
    .map(|(file, text)| (file.name().to_string(), text))
    .collect();
    // Only a case with import definitions has the file: the bundles written before it existed
    // stay as they were, byte for byte.
    if let Some(text) = imports::render(case) {
        files.push((BundleFile::Imports.name().to_string(), text));
    }
    files.push(("observations/observations.csv".into(), observations_csv(case)));
    files
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
