//! A phase's gate compiled into the engine's conditions: each clause becomes a comparison on
//! one fitted series, a gate over several areas an `and` of its copies, and the phases with
//! their predecessors, lags and earliest months the engine's phase graph.

use super::*;

/// A clause's threshold as the engine compares it: numbers as they are, levels as ranks on the
/// current scale version (NaN when the level is unknown).
pub(super) fn clause_threshold(case: &Case, c: &Clause) -> f64 {
    match &c.threshold {
        Threshold::Number(n) => *n,
        Threshold::Level(l) => case
            .indicator(&c.factor, &c.indicator)
            .and_then(|i| i.scale.as_ref())
            .and_then(|s| case.scale(s.as_str()))
            .and_then(|s| s.current().rank(l))
            .map_or(f64::NAN, f64::from),
    }
}

/// A gate expression as an engine condition; `series` gives each clause's engine series, in
/// depth-first order (the order in which the engine numbers clauses in its reports).
pub(super) fn condition(
    e: &Expr,
    series: &mut dyn FnMut() -> usize,
    threshold: &dyn Fn(&Clause) -> f64,
) -> engine::Condition {
    match e {
        Expr::Clause(c) => engine::Condition::clause(series(), c.cmp.into(), threshold(c), c.window_months),
        Expr::And(v) => engine::Condition::And(v.iter().map(|x| condition(x, series, threshold)).collect()),
        Expr::Or(v) => engine::Condition::Or(v.iter().map(|x| condition(x, series, threshold)).collect()),
        Expr::Not(x) => engine::Condition::Not(Box::new(condition(x, series, threshold))),
    }
}

/// [`condition`] with clause `i` (depth-first) reading series `i`: a gate over series of
/// its own, one per clause (the gate backtest's).
pub(super) fn condition_in_order(e: &Expr, threshold: &dyn Fn(&Clause) -> f64) -> engine::Condition {
    let mut next = 0;
    let mut series = || {
        next += 1;
        next - 1
    };
    condition(e, &mut series, threshold)
}

impl Prepared<'_> {
    /// Engine conditions of each forecastable phase, with `gate_of` giving each case phase's gate.
    pub(super) fn compile<'g>(&self, gate_of: &dyn Fn(usize) -> &'g Gate) -> Vec<engine::Condition> {
        let mut out = Vec::new();
        for (pi, slot) in self.phase_slots.iter().enumerate() {
            if slot.engine().is_none() {
                continue;
            }
            let gate = gate_of(pi);
            let areas: Vec<engine::Condition> = self.clause_series[pi]
                .iter()
                .map(|ids| {
                    let mut next = ids.iter();
                    let mut series =
                        || self.engine_index[*next.next().expect("one series per clause")].expect("fitted");
                    condition(&gate.expr, &mut series, &|c| clause_threshold(self.case, c))
                })
                .collect();
            out.push(if areas.len() == 1 {
                areas.into_iter().next().expect("one area")
            } else {
                engine::Condition::And(areas)
            });
        }
        out
    }

    /// The engine's phase graph for `conditions` (one per forecastable phase).
    pub fn graph(&self, conditions: Vec<engine::Condition>) -> Result<engine::PhaseGraph, Error> {
        let mut phases = Vec::with_capacity(conditions.len());
        let mut conditions = conditions.into_iter();
        for (pi, slot) in self.phase_slots.iter().enumerate() {
            if slot.engine().is_none() {
                continue;
            }
            let p = &self.case.phases[pi];
            let slots: Vec<&PhaseSlot> = p
                .predecessors
                .iter()
                .filter_map(|q| self.case.phases.iter().position(|x| &x.id == q))
                .map(|qi| &self.phase_slots[qi])
                .collect();
            let predecessors = slots.iter().filter_map(|s| s.engine()).collect();
            // Nothing starts before the origin, even though simulation may begin earlier; a
            // started predecessor's lag counts from its recorded start.
            let mut earliest = p.earliest_start.map_or(self.settings.origin(), |e| e.max(self.settings.origin()));
            for s in &slots {
                if let PhaseSlot::Started(m) = s {
                    earliest = earliest.max(m.plus(p.min_lag_months as i32));
                }
            }
            phases.push(engine::Phase {
                gate: conditions.next().unwrap_or(engine::Condition::Or(vec![])),
                predecessors,
                min_lag_months: p.min_lag_months,
                earliest_month: Some(earliest.0),
                deadline_month: p.deadline.map(|m| m.0),
            });
        }
        Ok(engine::PhaseGraph::new(phases)?)
    }
}
