//! Gate conditions: the compiled form the domain hands over, and their evaluation on month bitsets.

use crate::error::{ForecastError, Result};
use crate::transform::Transform;

/// A comparison between an indicator's natural value and a threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cmp {
    /// value < threshold
    Lt,
    /// value ≤ threshold
    Le,
    /// value > threshold
    Gt,
    /// value ≥ threshold
    Ge,
    /// value = threshold (meaningful for levels; continuous values practically never hit it)
    Eq,
    /// value ≠ threshold
    Ne,
}

impl Cmp {
    /// Whether `value cmp threshold` holds.
    #[inline(always)]
    pub fn holds(self, value: f64, threshold: f64) -> bool {
        match self {
            Cmp::Lt => value < threshold,
            Cmp::Le => value <= threshold,
            Cmp::Gt => value > threshold,
            Cmp::Ge => value >= threshold,
            Cmp::Eq => value == threshold,
            Cmp::Ne => value != threshold,
        }
    }
}

/// A gate: clauses on series combined with and/or/not.
#[derive(Debug, Clone, PartialEq)]
pub enum Condition {
    /// `series cmp threshold` (natural scale) held in each of the last `window_months` months.
    Clause {
        /// Index of the series in the caller's list of `SeriesInput`s.
        series: usize,
        /// The comparison.
        cmp: Cmp,
        /// Threshold on the natural scale (a level number for `Level` series).
        threshold: f64,
        /// Months the comparison must have held, ending at the month tested (1 = that month alone).
        window_months: u32,
    },
    /// All hold (an empty `And` always holds: a phase with no gate).
    And(Vec<Condition>),
    /// At least one holds (an empty `Or` never holds).
    Or(Vec<Condition>),
    /// The inner condition does not hold.
    Not(Box<Condition>),
}

impl Condition {
    /// Shorthand for a clause.
    pub fn clause(series: usize, cmp: Cmp, threshold: f64, window_months: u32) -> Self {
        Condition::Clause { series, cmp, threshold, window_months }
    }

    /// The leaf clauses in depth-first order: position `i` here is "clause index `i`" in reports.
    pub fn clauses(&self) -> Vec<&Condition> {
        let mut out = Vec::new();
        self.collect_leaves(&mut out);
        out
    }

    fn collect_leaves<'a>(&'a self, out: &mut Vec<&'a Condition>) {
        match self {
            Condition::Clause { .. } => out.push(self),
            Condition::And(v) | Condition::Or(v) => v.iter().for_each(|c| c.collect_leaves(out)),
            Condition::Not(c) => c.collect_leaves(out),
        }
    }
}

/// How a leaf tests one simulated model-scale value.
#[derive(Debug, Clone, Copy)]
pub(crate) enum LeafTest {
    /// Order comparison moved to the model scale (the transform is increasing, so this is exact).
    Model { cmp: Cmp, threshold: f64 },
    /// Back-transform first (levels, and equality tests).
    Natural { cmp: Cmp, threshold: f64, transform: Transform },
}

impl LeafTest {
    fn new(cmp: Cmp, threshold: f64, transform: Transform) -> Self {
        let order = matches!(cmp, Cmp::Lt | Cmp::Le | Cmp::Gt | Cmp::Ge);
        match transform.order_threshold(threshold) {
            Some(t) if order => LeafTest::Model { cmp, threshold: t },
            _ => LeafTest::Natural { cmp, threshold, transform },
        }
    }

    /// Whether the clause holds for a simulated model-scale value.
    #[inline(always)]
    pub(crate) fn holds_model(self, z: f64) -> bool {
        match self {
            LeafTest::Model { cmp, threshold } => cmp.holds(z, threshold),
            LeafTest::Natural { cmp, threshold, transform } => cmp.holds(transform.back(z), threshold),
        }
    }
}

/// A leaf clause of some gate, with its polarity (under an odd number of `Not`s it helps by failing).
#[derive(Debug, Clone)]
pub(crate) struct Leaf {
    pub series: usize,
    pub window: u32,
    pub negated: bool,
    pub test: LeafTest,
    pub cmp: Cmp,
    pub threshold: f64,
}

/// Postfix program over leaf bitsets.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Op {
    Leaf(usize),
    And(usize),
    Or(usize),
    Not,
}

/// A gate compiled to leaves (global indices `first_leaf..first_leaf + leaf_count`) and a postfix program.
#[derive(Debug, Clone)]
pub(crate) struct CompiledGate {
    pub first_leaf: usize,
    pub leaf_count: usize,
    pub program: Vec<Op>,
    pub max_depth: usize,
}

/// Compiles `cond`, appending its leaves to `leaves`; checks series indices and thresholds.
pub(crate) fn compile(cond: &Condition, transforms: &[Transform], leaves: &mut Vec<Leaf>) -> Result<CompiledGate> {
    let first_leaf = leaves.len();
    let mut program = Vec::new();
    let mut depth = 0;
    let mut max_depth = 0;
    emit(cond, false, transforms, leaves, &mut program, &mut depth, &mut max_depth)?;
    Ok(CompiledGate { first_leaf, leaf_count: leaves.len() - first_leaf, program, max_depth: max_depth.max(1) })
}

fn emit(
    cond: &Condition,
    negated: bool,
    transforms: &[Transform],
    leaves: &mut Vec<Leaf>,
    program: &mut Vec<Op>,
    depth: &mut usize,
    max_depth: &mut usize,
) -> Result<()> {
    match cond {
        Condition::Clause { series, cmp, threshold, window_months } => {
            let transform = *transforms.get(*series).ok_or(ForecastError::BadIndex {
                what: "series",
                index: *series,
                len: transforms.len(),
            })?;
            if threshold.is_nan() {
                return Err(ForecastError::InvalidParameter { what: "clause threshold", value: *threshold });
            }
            if *window_months == 0 {
                return Err(ForecastError::InvalidParameter {
                    what: "clause window_months (must be at least 1)",
                    value: 0.0,
                });
            }
            program.push(Op::Leaf(leaves.len()));
            leaves.push(Leaf {
                series: *series,
                window: *window_months,
                negated,
                test: LeafTest::new(*cmp, *threshold, transform),
                cmp: *cmp,
                threshold: *threshold,
            });
            *depth += 1;
            *max_depth = (*max_depth).max(*depth);
        }
        Condition::And(v) | Condition::Or(v) => {
            for c in v {
                emit(c, negated, transforms, leaves, program, depth, max_depth)?;
            }
            if v.is_empty() {
                *depth += 1;
                *max_depth = (*max_depth).max(*depth);
            } else {
                *depth -= v.len() - 1;
            }
            program.push(if matches!(cond, Condition::And(_)) { Op::And(v.len()) } else { Op::Or(v.len()) });
        }
        Condition::Not(c) => {
            emit(c, !negated, transforms, leaves, program, depth, max_depth)?;
            program.push(Op::Not);
        }
    }
    Ok(())
}
