//! `case.toml`: the case itself, its parties, people (their key histories are read in
//! `key_history`), areas, and factors with their working groups and conditions.

use tahawul_i18n::Message;
use toml_edit::{Item, value};

use super::Draft;
use super::key_history::{key_table, public_key, read_key_history};
use super::parse_gate;
use super::reader::{Root, Sp, Table, TomlFile, root_table};
use super::registry::{Kind, Refs, ids};
use super::write::{T, array, doc, text};
use crate::model::*;

/// `case.toml`, table by table: parties are checked against the people read after them.
pub(super) fn read<'i>(f: &mut TomlFile<'i>, root: &Root<'i>, refs: &mut Refs<'_>, d: &mut Draft) {
    let Some(root) = root_table(root, &["id", "name", "description", "party", "person", "area", "factor"]) else {
        return;
    };
    f.check_keys(&root);
    d.case_id = f.id(&root, "id").map(|x| x.0);
    d.case_name = f.text(&root, "name").unwrap_or_default();
    d.case_description = f.text(&root, "description").unwrap_or_default();

    let heads = read_parties(f, &root, refs, d);
    read_people(f, &root, refs, d);
    check_heads(f, heads, d);
    read_areas(f, &root, refs, d);
    read_factors(f, &root, refs, d);
}

/// `[[party]]`; each party's head, with where it is written, is returned to be checked.
fn read_parties<'i>(
    f: &mut TomlFile<'i>,
    root: &Table<'_, 'i>,
    refs: &mut Refs<'_>,
    d: &mut Draft,
) -> Vec<(Id, Sp<Id>)> {
    let mut heads = Vec::new();
    for t in f.tables(root, "party", &["id", "name", "role", "head", "sources"]) {
        let id = f.id(&t, "id");
        if let Some(id) = &id {
            refs.define(f, Kind::Party, id);
        }
        let name = f.text(&t, "name");
        let role = f.choice(
            &t,
            "role",
            &[("delegation", PartyRole::Delegation), ("coalition-partner", PartyRole::CoalitionPartner)],
            true,
        );
        let head = f.opt_id(&t, "head");
        refs.refer_one(Kind::Person, &head);
        let sources = refs.sources(f, &t, "sources");
        if let (Some(id), Some(name), Some(role)) = (id, name, role) {
            if let Some(h) = &head {
                heads.push((id.0.clone(), h.clone()));
            }
            d.parties.push(Party { id: id.0, name, role, head: head.map(|h| h.0), sources });
        }
    }
    heads
}

/// `[[person]]`, each with their signing keys.
fn read_people<'i>(f: &mut TomlFile<'i>, root: &Table<'_, 'i>, refs: &mut Refs<'_>, d: &mut Draft) {
    for t in f.tables(root, "person", &["id", "name", "title", "party", "sources", "public_key", "key"]) {
        let id = f.id(&t, "id");
        if let Some(id) = &id {
            refs.define(f, Kind::Person, id);
        }
        let name = f.text(&t, "name");
        let title = f.text(&t, "title");
        let party = f.id(&t, "party");
        refs.refer_one(Kind::Party, &party);
        let sources = refs.sources(f, &t, "sources");
        let public_key = f.opt_str(&t, "public_key").and_then(|(k, span)| public_key(f, &k, &span));
        let keys = read_key_history(f, &t);
        if let (Some(id), Some(name), Some(title), Some(party)) = (id, name, title, party) {
            d.person_spans.push((id.0.clone(), t.span.start));
            d.people.push(Person { id: id.0, name, title, party: party.0, sources, public_key, keys });
        }
    }
}

/// A party's head must belong to that party.
fn check_heads(f: &mut TomlFile<'_>, heads: Vec<(Id, Sp<Id>)>, d: &Draft) {
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
}

/// `[[area]]`; enclosing areas may not loop back.
fn read_areas<'i>(f: &mut TomlFile<'i>, root: &Table<'_, 'i>, refs: &mut Refs<'_>, d: &mut Draft) {
    let mut parents = Vec::new();
    for t in f.tables(root, "area", &["id", "name", "kind", "parent", "sources", "places"]) {
        let id = f.id(&t, "id");
        if let Some(id) = &id {
            refs.define(f, Kind::Area, id);
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
        refs.refer_one(Kind::Area, &parent);
        let sources = refs.sources(f, &t, "sources");
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
}

/// `[[factor]]`, each with its working group; conditions are checked once the case is known.
fn read_factors<'i>(f: &mut TomlFile<'i>, root: &Table<'_, 'i>, refs: &mut Refs<'_>, d: &mut Draft) {
    for t in f.tables(
        root,
        "factor",
        &["id", "name", "description", "condition", "rating_scale", "sources", "working_group"],
    ) {
        let id = f.id(&t, "id");
        if let Some(id) = &id {
            refs.define(f, Kind::Factor, id);
        }
        let name = f.text(&t, "name");
        let description = f.text(&t, "description");
        let condition = f.opt_str(&t, "condition");
        let rating_scale = f.opt_id(&t, "rating_scale");
        refs.refer_one(Kind::Scale, &rating_scale);
        let srcs = refs.sources(f, &t, "sources");
        let wg = f.table(&t, "working_group", &["name", "members", "sources"], true).and_then(|w| {
            let name = f.text(&w, "name");
            let members = f.ids(&w, "members");
            refs.refer(Kind::Person, &members);
            let sources = refs.sources(f, &w, "sources");
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
            d.factors.push((factor, condition));
        }
    }
}

/// Each factor with its condition parsed and checked against the case (the condition may
/// only name the factor's own indicators).
pub(super) fn with_conditions(
    f: &mut TomlFile<'_>,
    case: &Case,
    drafts: Vec<(Factor, Option<Sp<String>>)>,
) -> Vec<Factor> {
    let mut factors = Vec::new();
    for (mut factor, condition) in drafts {
        if let Some((text, span)) = condition {
            factor.condition = parse_gate(f, case, &text, &span, Some(factor.id.as_str()));
        }
        factors.push(factor);
    }
    factors
}

/// `case.toml` as written from a case.
pub(super) fn render(case: &Case) -> String {
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
    doc(case_items)
}
