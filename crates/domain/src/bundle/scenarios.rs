//! `scenarios.toml` (optional): named what-ifs for the forecast — shocks to indicators and
//! changed gate thresholds, checked against the phases' gates.

use tahawul_i18n::Message;
use toml_edit::value;

use super::Draft;
use super::indicators::read_indicator_ref;
use super::reader::{Root, Sp, TomlFile, root_table};
use super::registry::{Kind, Refs, ids};
use super::write::{T, array, doc};
use crate::model::*;

/// A threshold change before the phases' gates are known.
pub(super) struct ThresholdDraft {
    phase: Id,
    clause: Sp<i64>,
    value: Sp<crate::gate::Threshold>,
}

pub(super) fn read<'i>(f: &mut TomlFile<'i>, root: &Root<'i>, refs: &mut Refs<'_>, d: &mut Draft) {
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
            let parts = read_indicator_ref(f, refs, &s, "indicator");
            let areas = f.ids(&s, "areas");
            refs.refer(Kind::Area, &areas);
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
            refs.refer_one(Kind::Phase, &phase);
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
            refs.define(f, Kind::Scenario, id);
        }
        if let (Some(id), Some(name)) = (id, name) {
            d.scenarios.push((Scenario { id: id.0, name, description, shocks, thresholds: vec![] }, thresholds));
        }
    }
}

/// Threshold changes must name a clause of the phase's gate and keep the gate well typed.
pub(super) fn check_thresholds(
    f: &mut TomlFile<'_>,
    case: &Case,
    drafts: Vec<(Scenario, Vec<ThresholdDraft>)>,
) -> Vec<Scenario> {
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

/// `scenarios.toml` as written from a case (written even when empty).
pub(super) fn render(case: &Case) -> String {
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
    )])
}
