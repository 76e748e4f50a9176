//! `indicators.toml`: the publishers and methods behind observations, and the indicators
//! they measure, named `factor.indicator`.

use tahawul_i18n::Message;

use super::Draft;
use super::reader::{Root, Table, TomlFile, root_table};
use super::registry::{Kind, Refs};
use super::write::{T, array, doc};
use crate::model::*;

pub(super) fn read<'i>(f: &mut TomlFile<'i>, root: &Root<'i>, refs: &mut Refs<'_>, d: &mut Draft) {
    let Some(root) = root_table(root, &["publisher", "method", "indicator"]) else {
        return;
    };
    f.check_keys(&root);
    for t in f.tables(&root, "publisher", &["id", "name"]) {
        let id = f.id(&t, "id");
        if let Some(id) = &id {
            refs.define(f, Kind::Publisher, id);
        }
        if let (Some(id), Some(name)) = (id, f.text(&t, "name")) {
            d.publishers.push(Publisher { id: id.0, name });
        }
    }
    for t in f.tables(&root, "method", &["id", "text"]) {
        let id = f.id(&t, "id");
        if let Some(id) = &id {
            refs.define(f, Kind::Method, id);
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
        refs.refer_one(Kind::Factor, &factor);
        if let (Some(i), Some(fa)) = (&id, &factor) {
            refs.define_name(f, Kind::Indicator, &format!("{}.{}", fa.0, i.0), i.1.start);
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
        refs.refer_one(Kind::Scale, &scale);
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
        refs.refer_one(Kind::Publisher, &reference);
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
            d.indicator_spans.push((format!("{}.{}", factor.0, id.0), id.1.start));
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

/// A reference to an indicator, written `factor.indicator` under `key` (required): its factor,
/// id and span, registered to be checked once every file is read. A name not of that form is
/// a problem at the value.
pub(super) fn read_indicator_ref<'i>(
    f: &mut TomlFile<'i>,
    refs: &mut Refs<'_>,
    t: &Table<'_, 'i>,
    key: &str,
) -> Option<(Id, Id, std::ops::Range<usize>)> {
    let (name, span) = f.str(t, key)?;
    match name.split_once('.').and_then(|(fa, ind)| Some((Id::parse(fa)?, Id::parse(ind)?))) {
        Some((factor, indicator)) => {
            refs.refer_name(Kind::Indicator, name.clone(), span.start);
            Some((factor, indicator, span))
        }
        None => {
            f.err(
                span.start,
                Message::new("bundle-bad-indicator-name").arg("value", name),
                Some(Message::new("bundle-bad-indicator-name-help")),
            );
            None
        }
    }
}

/// Several publishers for one indicator: gates need to know which one to read, so the
/// indicator must name its `reference_publisher`. The problem is at the indicator's id.
pub(super) fn check_reference_publishers(f: &mut TomlFile<'_>, d: &Draft, observations: &[Observation]) {
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
            let name = ind.qualified_name();
            let at = d.indicator_spans.iter().find(|(n, _)| *n == name).map_or(0, |(_, at)| *at);
            f.err(
                at,
                Message::new("bundle-needs-reference-publisher")
                    .arg("indicator", ind.qualified_name())
                    .arg("publishers", pubs.iter().map(|p| p.as_str()).collect::<Vec<_>>().join(", ")),
                Some(Message::new("bundle-needs-reference-publisher-help").arg("publisher", pubs[0].as_str())),
            );
        }
    }
}

/// `indicators.toml` as written from a case.
pub(super) fn render(case: &Case) -> String {
    doc(vec![
        ("publisher", array(case.publishers.iter().map(|p| T::default().s("id", p.id.as_str()).t("name", &p.name)))),
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
    ])
}

pub(super) fn kind_str(k: IndicatorKind) -> &'static str {
    match k {
        IndicatorKind::Count => "count",
        IndicatorKind::Share => "share",
        IndicatorKind::Level => "level",
        IndicatorKind::Number => "number",
    }
}
