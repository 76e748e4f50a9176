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

/// Three-valued truth of a gate on observed figures: a clause with no figure at all is neither
/// met nor failed, and `and`/`or`/`not` follow Kleene's logic, so `not` of "no data" is still
/// "no data". The domain's gate evaluation delegates its logic here, so both read a gate alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Truth {
    /// Holds.
    Met,
    /// Does not hold (or a month in its window has no figure).
    NotMet,
    /// No figure at all to judge by.
    NoData,
}

impl Truth {
    /// Kleene `and`: any NotMet decides; otherwise any NoData leaves it open.
    pub fn and(self, other: Truth) -> Truth {
        match (self, other) {
            (Truth::NotMet, _) | (_, Truth::NotMet) => Truth::NotMet,
            (Truth::NoData, _) | (_, Truth::NoData) => Truth::NoData,
            _ => Truth::Met,
        }
    }

    /// Kleene `or`: any Met decides; otherwise any NoData leaves it open.
    pub fn or(self, other: Truth) -> Truth {
        match (self, other) {
            (Truth::Met, _) | (_, Truth::Met) => Truth::Met,
            (Truth::NoData, _) | (_, Truth::NoData) => Truth::NoData,
            _ => Truth::NotMet,
        }
    }

    /// Kleene `not`: swaps Met and NotMet, keeps NoData.
    pub fn negate(self) -> Truth {
        match self {
            Truth::Met => Truth::NotMet,
            Truth::NotMet => Truth::Met,
            Truth::NoData => Truth::NoData,
        }
    }
}

/// Observed natural values of one series, one per month from `first_month` (NaN = no figure).
#[derive(Debug, Clone, Copy)]
pub struct Observed<'a> {
    /// Month index of `values[0]`.
    pub first_month: i32,
    /// The figures by month.
    pub values: &'a [f64],
}

/// The longest window the gate language allows; a longer one only comes from a tree built in code.
pub const MAX_WINDOW_MONTHS: u32 = 1200;

impl Condition {
    /// The condition's truth on observed figures as of `month`, read as the gate language reads
    /// it: each clause is judged at its series' latest figure at or before `month` (no figure at
    /// all: no data), and a window of N months is met only when each of the N months ending at
    /// that figure has a figure that holds (a gap fails it, as a figure that fails would).
    /// Clause series index `observed`; an unknown threshold (NaN: a level the scale lacks) is
    /// no data.
    pub fn truth_at(&self, observed: &[Observed<'_>], month: i32) -> Result<Truth> {
        Ok(match self {
            Condition::Clause { series, cmp, threshold, window_months } => {
                let o = observed.get(*series).ok_or(ForecastError::BadIndex {
                    what: "series",
                    index: *series,
                    len: observed.len(),
                })?;
                clause_truth(*o, *cmp, *threshold, *window_months, month)
            }
            // Every part is evaluated (no short cut), so a bad index anywhere is reported.
            Condition::And(v) => {
                v.iter().map(|c| c.truth_at(observed, month)).try_fold(Truth::Met, |a, t| Ok(a.and(t?)))?
            }
            Condition::Or(v) => {
                v.iter().map(|c| c.truth_at(observed, month)).try_fold(Truth::NotMet, |a, t| Ok(a.or(t?)))?
            }
            Condition::Not(c) => c.truth_at(observed, month)?.negate(),
        })
    }
}

fn clause_truth(o: Observed<'_>, cmp: Cmp, threshold: f64, window: u32, month: i32) -> Truth {
    if threshold.is_nan() {
        return Truth::NoData;
    }
    let upto = i64::from(month) - i64::from(o.first_month);
    if upto < 0 {
        return Truth::NoData;
    }
    let upto = (upto as usize).min(o.values.len().saturating_sub(1));
    let Some(latest) = o.values.get(..=upto).and_then(|v| v.iter().rposition(|x| !x.is_nan())) else {
        return Truth::NoData;
    };
    let window = window.clamp(1, MAX_WINDOW_MONTHS) as usize;
    // A window reaching back before the first figure has months with none: not met.
    let met = latest + 1 >= window
        && o.values[latest + 1 - window..=latest].iter().all(|&x| !x.is_nan() && cmp.holds(x, threshold));
    if met { Truth::Met } else { Truth::NotMet }
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

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [Truth; 3] = [Truth::Met, Truth::NotMet, Truth::NoData];

    #[test]
    fn no_data_stays_open_unless_another_part_decides() {
        for t in ALL {
            assert_eq!(Truth::NotMet.and(t), Truth::NotMet);
            assert_eq!(Truth::Met.or(t), Truth::Met);
            assert_eq!(t.negate().negate(), t);
        }
        assert_eq!(Truth::NoData.and(Truth::Met), Truth::NoData);
        assert_eq!(Truth::NoData.or(Truth::NotMet), Truth::NoData);
        assert_eq!(Truth::NoData.negate(), Truth::NoData);
    }

    #[test]
    fn a_clause_is_judged_at_its_latest_figure_by_the_month() {
        let values = [f64::NAN, 4.0, 5.0, f64::NAN];
        let o = [Observed { first_month: 10, values: &values }];
        let at = |c: &Condition, m| c.truth_at(&o, m).unwrap();
        let ge5 = Condition::clause(0, Cmp::Ge, 5.0, 1);
        assert_eq!(at(&ge5, 10), Truth::NoData, "no figure yet");
        assert_eq!(at(&Condition::Not(Box::new(ge5.clone())), 10), Truth::NoData);
        assert_eq!(at(&ge5, 11), Truth::NotMet);
        assert_eq!(at(&ge5, 13), Truth::Met, "month 13 has none: the figure of month 12 stands");
        assert_eq!(at(&ge5, 40), Truth::Met);
        assert_eq!(
            at(&Condition::clause(0, Cmp::Ge, 4.0, 3), 12),
            Truth::NotMet,
            "the window reaches a month with none"
        );
        assert_eq!(at(&Condition::clause(0, Cmp::Ge, 4.0, 2), 12), Truth::Met);
        assert_eq!(at(&Condition::clause(0, Cmp::Ge, f64::NAN, 1), 12), Truth::NoData, "an unknown threshold");
    }

    #[test]
    fn a_clause_on_a_series_not_given_is_an_error() {
        let c = Condition::And(vec![Condition::clause(0, Cmp::Ge, 1.0, 1), Condition::clause(3, Cmp::Ge, 1.0, 1)]);
        let o = [Observed { first_month: 0, values: &[2.0] }];
        assert_eq!(c.truth_at(&o, 0), Err(ForecastError::BadIndex { what: "series", index: 3, len: 1 }));
    }
}
