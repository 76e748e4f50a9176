//! `documents.toml`: the documents the record cites, each with what it says and the
//! translation errors found in it. Every other file's `sources` refer to these ids.

use super::Draft;
use super::reader::{Root, TomlFile, root_table};
use super::registry::{Kind, Refs};
use super::write::{T, array, doc};
use crate::model::*;

pub(super) fn read<'i>(f: &mut TomlFile<'i>, root: &Root<'i>, refs: &mut Refs<'_>, d: &mut Draft) {
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
            refs.define(f, Kind::Document, id);
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

/// `documents.toml` as written from a case.
pub(super) fn render(case: &Case) -> String {
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
    )])
}
