//! Ids across the bundle's files: where each was defined, and the references waiting to be
//! checked once every file is read (a file may refer to an id defined in a later one).

use std::collections::{BTreeMap, HashMap};

use tahawul_i18n::Message;

use super::files::{BundleFile, Files};
use super::reader::{Sp, Table, TomlFile};
use crate::diagnostic::did_you_mean;
use crate::model::Id;

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

/// Where an id was defined: its file (none for an id of an existing case) and byte offset.
type Defined = (Option<BundleFile>, usize);

/// A reference to check once everything is defined.
struct Reference {
    kind: Kind,
    id: String,
    file: BundleFile,
    at: usize,
}

/// Where each id was defined, and references waiting to be checked.
#[derive(Default)]
pub(crate) struct Registry {
    defs: HashMap<Kind, BTreeMap<String, Defined>>,
    pending: Vec<Reference>,
}

impl Registry {
    pub(crate) fn has(&self, kind: Kind, id: &str) -> bool {
        self.defs.get(&kind).is_some_and(|m| m.contains_key(id))
    }

    pub(super) fn names(&self, kind: Kind) -> Vec<&str> {
        self.defs.get(&kind).map(|m| m.keys().map(String::as_str).collect()).unwrap_or_default()
    }

    /// Ids an existing case already holds (observations added to it refer to them).
    pub(super) fn known(&mut self, kind: Kind, ids: impl IntoIterator<Item = String>) {
        let map = self.defs.entry(kind).or_default();
        for id in ids {
            map.insert(id, (None, 0));
        }
    }

    /// The definitions and references of one file.
    pub(super) fn in_file(&mut self, file: BundleFile) -> Refs<'_> {
        Refs { reg: self, file }
    }

    /// Every reference must resolve: an unknown one is a problem where it is written, with the
    /// nearest known id (or the known ones) as help.
    pub(super) fn check_references(&mut self, files: &mut Files<TomlFile<'_>>) {
        for Reference { kind, id, file, at } in std::mem::take(&mut self.pending) {
            if self.has(kind, &id) {
                continue;
            }
            let names = self.names(kind);
            let help = match did_you_mean(&id, names.iter().copied()) {
                Some(near) => Message::new("bundle-did-you-mean").arg("name", near),
                None if names.is_empty() => Message::new("bundle-none-defined").arg("kind", kind.message()),
                None => Message::new("bundle-known-ids")
                    .arg("ids", names.iter().take(8).copied().collect::<Vec<_>>().join(", ")),
            };
            files.get_mut(file).err(
                at,
                Message::new("bundle-unknown-reference").arg("kind", kind.message()).arg("id", id),
                Some(help),
            );
        }
    }
}

/// The registry as one file's reader uses it: definitions and references are in that file.
pub(super) struct Refs<'r> {
    reg: &'r mut Registry,
    file: BundleFile,
}

impl Refs<'_> {
    /// Registers a definition; a second one with the same id is an error at the second.
    pub(super) fn define(&mut self, f: &mut TomlFile<'_>, kind: Kind, id: &Sp<Id>) {
        self.define_name(f, kind, id.0.as_str(), id.1.start);
    }

    /// Registers a definition by name (indicators are known as `factor.indicator`).
    pub(super) fn define_name(&mut self, f: &mut TomlFile<'_>, kind: Kind, name: &str, at: usize) {
        let map = self.reg.defs.entry(kind).or_default();
        if let Some(&(first_file, first_at)) = map.get(name) {
            // The first definition's line, when it is in this file (else 0: another file).
            let (line, _) = if first_file == Some(self.file) { f.src.line_col(first_at) } else { (0, 0) };
            f.err(
                at,
                Message::new("bundle-duplicate-id").arg("kind", kind.message()).arg("id", name).arg("line", line),
                Some(Message::new("bundle-duplicate-id-help")),
            );
        } else {
            map.insert(name.to_string(), (Some(self.file), at));
        }
    }

    /// Records references to check once everything is defined.
    pub(super) fn refer(&mut self, kind: Kind, ids: &[Sp<Id>]) {
        for (id, span) in ids {
            self.refer_name(kind, id.to_string(), span.start);
        }
    }

    /// Records a reference, if there is one.
    pub(super) fn refer_one(&mut self, kind: Kind, id: &Option<Sp<Id>>) {
        if let Some(x) = id {
            self.refer(kind, std::slice::from_ref(x));
        }
    }

    /// Records a reference by name (an indicator's `factor.indicator`).
    pub(super) fn refer_name(&mut self, kind: Kind, name: String, at: usize) {
        self.reg.pending.push(Reference { kind, id: name, file: self.file, at });
    }

    /// A list of document ids (`sources`, `evidence`), each a reference to check.
    pub(super) fn sources<'i>(&mut self, f: &mut TomlFile<'i>, t: &Table<'_, 'i>, key: &str) -> Vec<Id> {
        let v = f.ids(t, key);
        self.refer(Kind::Document, &v);
        ids(v)
    }
}

/// The ids without their spans.
pub(super) fn ids(v: Vec<Sp<Id>>) -> Vec<Id> {
    v.into_iter().map(|(id, _)| id).collect()
}
