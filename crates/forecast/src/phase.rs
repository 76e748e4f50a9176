//! The phase graph: which phases wait for which, validated once (cycles are an error, not a hang).

use crate::error::{ForecastError, Result};
use crate::gate::Condition;

/// One phase of the transition.
#[derive(Debug, Clone, PartialEq)]
pub struct Phase {
    /// The gate that must hold (an empty `And` means no gate).
    pub gate: Condition,
    /// Phases that must have started first.
    pub predecessors: Vec<usize>,
    /// Months that must pass after each predecessor's start.
    pub min_lag_months: u32,
    /// Month index (`year * 12 + month - 1`) before which the phase may not start.
    pub earliest_month: Option<i32>,
    /// Month index by which the commission wants the phase started.
    pub deadline_month: Option<i32>,
}

/// Phases in a validated, acyclic graph, with a topological order.
#[derive(Debug, Clone)]
pub struct PhaseGraph {
    phases: Vec<Phase>,
    order: Vec<usize>,
}

impl PhaseGraph {
    /// Validates predecessor indices and acyclicity.
    pub fn new(phases: Vec<Phase>) -> Result<Self> {
        let n = phases.len();
        let mut indegree = vec![0usize; n];
        let mut successors = vec![Vec::new(); n];
        for (i, p) in phases.iter().enumerate() {
            for &q in &p.predecessors {
                if q >= n {
                    return Err(ForecastError::BadIndex { what: "predecessor phase", index: q, len: n });
                }
                indegree[i] += 1;
                successors[q].push(i);
            }
        }
        // Kahn's algorithm; whatever is left over sits on or behind a cycle.
        let mut order = Vec::with_capacity(n);
        let mut ready: Vec<usize> = (0..n).filter(|&i| indegree[i] == 0).collect();
        while let Some(i) = ready.pop() {
            order.push(i);
            for &s in &successors[i] {
                indegree[s] -= 1;
                if indegree[s] == 0 {
                    ready.push(s);
                }
            }
        }
        if order.len() < n {
            // Walk predecessors among the leftovers until one repeats: that one is on a cycle.
            let mut seen = vec![false; n];
            let mut at = (0..n).find(|&i| indegree[i] > 0).unwrap_or(0);
            while !seen[at] {
                seen[at] = true;
                at = phases[at].predecessors.iter().copied().find(|&q| indegree[q] > 0).unwrap_or(at);
            }
            return Err(ForecastError::CyclicPhaseGraph { phase: at });
        }
        Ok(PhaseGraph { phases, order })
    }

    /// The phases, in the caller's order.
    pub fn phases(&self) -> &[Phase] {
        &self.phases
    }

    /// Phase indices with every predecessor before its successors.
    pub fn order(&self) -> &[usize] {
        &self.order
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phase(preds: Vec<usize>) -> Phase {
        Phase {
            gate: Condition::And(vec![]),
            predecessors: preds,
            min_lag_months: 0,
            earliest_month: None,
            deadline_month: None,
        }
    }

    #[test]
    fn a_cycle_is_reported_with_a_phase_on_it() {
        let err = PhaseGraph::new(vec![phase(vec![]), phase(vec![0, 2]), phase(vec![1])]).unwrap_err();
        assert!(matches!(err, ForecastError::CyclicPhaseGraph { phase: 1 | 2 }), "{err:?}");
    }

    #[test]
    fn a_phase_waiting_for_itself_is_a_cycle() {
        assert_eq!(PhaseGraph::new(vec![phase(vec![0])]).unwrap_err(), ForecastError::CyclicPhaseGraph { phase: 0 });
    }

    #[test]
    fn a_missing_predecessor_is_a_bad_index() {
        let err = PhaseGraph::new(vec![phase(vec![3])]).unwrap_err();
        assert_eq!(err, ForecastError::BadIndex { what: "predecessor phase", index: 3, len: 1 });
    }

    #[test]
    fn order_puts_predecessors_first() {
        let g = PhaseGraph::new(vec![phase(vec![2]), phase(vec![0]), phase(vec![])]).unwrap();
        let pos = |i| g.order().iter().position(|&x| x == i).unwrap();
        assert!(pos(2) < pos(0) && pos(0) < pos(1));
    }
}
