//! `phases.toml`: the phases of the transition, their gates and predecessors; the
//! predecessor graph must be acyclic and a phase started only after its predecessors.

use std::collections::HashMap;

use tahawul_i18n::Message;

use super::Draft;
use super::parse_gate;
use super::reader::{Root, Sp, TomlFile, root_table};
use super::registry::{Kind, Refs, ids};
use super::write::{T, array, doc};
use crate::gate::Gate;
use crate::model::*;
use crate::period::Month;

/// A phase as read: the phase, its gate's source, its predecessors and where `started` is.
pub(super) type PhaseRead = (PhaseDraft, Option<Sp<String>>, Vec<Sp<Id>>, Option<std::ops::Range<usize>>);

/// A phase before its gate is checked (gates need the whole case).
pub(super) struct PhaseDraft {
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

pub(super) fn read<'i>(f: &mut TomlFile<'i>, root: &Root<'i>, refs: &mut Refs<'_>, d: &mut Draft) {
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
            refs.define(f, Kind::Phase, id);
        }
        let name = f.text(&t, "name");
        let description = f.text(&t, "description");
        let areas = f.ids(&t, "areas");
        if areas.is_empty() {
            f.err(t.span.start, Message::new("bundle-phase-no-area"), Some(Message::new("bundle-phase-no-area-help")));
        }
        refs.refer(Kind::Area, &areas);
        let gate = f.str(&t, "gate");
        let predecessors = f.ids(&t, "predecessors");
        refs.refer(Kind::Phase, &predecessors);
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
        let srcs = refs.sources(f, &t, "sources");
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
    check_started(f, &d.phases);
    check_cycles(f, &d.phases);
}

/// A phase on record as started needs its predecessors started, and early enough.
fn check_started(f: &mut TomlFile<'_>, phases: &[PhaseRead]) {
    for (phase, _, preds, started_span) in phases {
        let (Some(started), Some(span)) = (phase.started, started_span) else {
            continue;
        };
        for (pred, _) in preds {
            let Some((p, ..)) = phases.iter().find(|x| &x.0.id == pred) else {
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
}

/// The predecessor graph must be acyclic: each cycle is reported once, at its first phase.
fn check_cycles(f: &mut TomlFile<'_>, phases: &[PhaseRead]) {
    let index: HashMap<&Id, usize> = phases.iter().enumerate().map(|(i, p)| (&p.0.id, i)).collect();
    let reach = |from: usize| -> Vec<bool> {
        let mut seen = vec![false; phases.len()];
        let mut stack: Vec<usize> = phases[from].2.iter().filter_map(|(p, _)| index.get(p).copied()).collect();
        while let Some(i) = stack.pop() {
            if !std::mem::replace(&mut seen[i], true) {
                stack.extend(phases[i].2.iter().filter_map(|(p, _)| index.get(p).copied()));
            }
        }
        seen
    };
    let reachable: Vec<Vec<bool>> = (0..phases.len()).map(reach).collect();
    for (start, (phase, _, preds, _)) in phases.iter().enumerate() {
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

/// The phases whose gates parse and check against the case; a phase with a bad gate is left
/// out (its problems are in the file).
pub(super) fn with_gates(f: &mut TomlFile<'_>, case: &Case, drafts: Vec<PhaseRead>) -> Vec<Phase> {
    let mut phases = Vec::new();
    for (phase, gate_src, _, _) in drafts {
        if let Some((text, span)) = gate_src
            && let Some(gate) = parse_gate(f, case, &text, &span, None)
        {
            phases.push(phase.with_gate(gate));
        }
    }
    phases
}

/// `phases.toml` as written from a case.
pub(super) fn render(case: &Case) -> String {
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
    )])
}
