//! `scales.toml`: versioned ordinal scales; each version after the first maps every level
//! of the one before onto its own.

use std::collections::BTreeMap;

use tahawul_i18n::Message;
use toml_edit::{Item, Table, value};

use super::Draft;
use super::reader::{Root, TomlFile, root_table};
use super::registry::{Kind, Refs};
use super::write::{T, array, doc};
use crate::diagnostic::did_you_mean;
use crate::model::*;

pub(super) fn read<'i>(f: &mut TomlFile<'i>, root: &Root<'i>, refs: &mut Refs<'_>, d: &mut Draft) {
    let Some(root) = root_table(root, &["scale"]) else {
        return;
    };
    f.check_keys(&root);
    for t in f.tables(&root, "scale", &["id", "name", "sources", "version"]) {
        let id = f.id(&t, "id");
        if let Some(id) = &id {
            refs.define(f, Kind::Scale, id);
        }
        let name = f.text(&t, "name");
        let srcs = refs.sources(f, &t, "sources");
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

/// `scales.toml` as written from a case.
pub(super) fn render(case: &Case) -> String {
    doc(vec![(
        "scale",
        array(case.scales.iter().map(|s| {
            let versions = array(s.versions.iter().map(|v| {
                let levels =
                    array(v.levels.iter().map(|l| {
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
            T::default().s("id", s.id.as_str()).t("name", &s.name).ids("sources", &s.sources).item("version", versions)
        })),
    )])
}
