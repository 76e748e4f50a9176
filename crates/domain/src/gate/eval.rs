//! Evaluation: whether a gate holds in an area, clause by clause, with the reasons.

use serde::Serialize;
use tahawul_forecast as engine;

use super::parser::MAX_WINDOW_MONTHS;
use super::{Clause, Cmp, Expr, Gate, Threshold};
use crate::model::{Case, Indicator, IndicatorKind};
use crate::period::{Month, Period};
use crate::series::Point;

/// Three-valued truth: a condition with no figures is neither met nor failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Truth {
    /// Holds.
    Met,
    /// Does not hold (or a period in its window has no figure).
    NotMet,
    /// No figure at all to judge by.
    NoData,
}

impl Truth {
    /// Kleene `and`: any NotMet decides; otherwise any NoData leaves it open.
    pub fn and(self, other: Truth) -> Truth {
        engine::Truth::from(self).and(other.into()).into()
    }
    /// Kleene `or`: any Met decides; otherwise any NoData leaves it open.
    pub fn or(self, other: Truth) -> Truth {
        engine::Truth::from(self).or(other.into()).into()
    }
    /// Kleene `not`: swaps Met and NotMet, keeps NoData.
    pub fn negate(self) -> Truth {
        engine::Truth::from(self).negate().into()
    }
    /// The message id naming this truth value.
    pub fn message_id(self) -> &'static str {
        match self {
            Truth::Met => "gate-truth-met",
            Truth::NotMet => "gate-truth-not-met",
            Truth::NoData => "gate-truth-no-data",
        }
    }
}

// The engine's logic is the one definition (as for `Cmp`), so observed verdicts and the
// engine's reading of the same figures cannot drift apart.
impl From<Truth> for engine::Truth {
    fn from(t: Truth) -> Self {
        match t {
            Truth::Met => engine::Truth::Met,
            Truth::NotMet => engine::Truth::NotMet,
            Truth::NoData => engine::Truth::NoData,
        }
    }
}

impl From<engine::Truth> for Truth {
    fn from(t: engine::Truth) -> Self {
        match t {
            engine::Truth::Met => Truth::Met,
            engine::Truth::NotMet => Truth::NotMet,
            engine::Truth::NoData => Truth::NoData,
        }
    }
}

/// A gate's verdict in one area, with one report per clause in source order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evaluation {
    /// The gate as a whole.
    pub truth: Truth,
    /// Each clause's reasons.
    pub clauses: Vec<ClauseReport>,
}

/// Why one clause is met or not: the figures it read and how long it has held.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClauseReport {
    /// The clause in canonical gate-language text.
    pub source: String,
    /// `factor.indicator`.
    pub indicator: String,
    /// The comparison.
    pub cmp: Cmp,
    /// The area asked about.
    pub area: String,
    /// The area whose figures were used (an enclosing area when the asked one has none).
    pub data_area: String,
    /// The publisher whose series was used.
    pub publisher: Option<String>,
    /// The latest value at or before the cut-off.
    pub latest: Option<Point>,
    /// The threshold as a number (a level's rank on the current scale version).
    pub threshold: f64,
    /// The level id, when the threshold is a level.
    pub threshold_level: Option<String>,
    /// Months the clause must have held.
    pub window_months: u32,
    /// Months it has held without a break, counting back from the latest value.
    pub held_months: u32,
    /// Periods in the window with no value.
    pub missing: Vec<Period>,
    /// The clause's verdict.
    pub truth: Truth,
    /// True when any value used is illustrative.
    pub illustrative: bool,
}

impl Gate {
    /// Whether the gate holds in `area` on the figures at or before `as_of` (all when `None`).
    pub fn evaluate(&self, case: &Case, area: &str, as_of: Option<Month>) -> Evaluation {
        let mut clauses = Vec::new();
        let truth = eval_expr(&self.expr, case, area, as_of, &mut clauses);
        Evaluation { truth, clauses }
    }
}

fn eval_expr(e: &Expr, case: &Case, area: &str, as_of: Option<Month>, out: &mut Vec<ClauseReport>) -> Truth {
    match e {
        Expr::Clause(c) => {
            let r = c.evaluate(case, area, as_of);
            let t = r.truth;
            out.push(r);
            t
        }
        // Every part is evaluated (no short cut) so that each clause reports.
        Expr::And(v) => v.iter().map(|e| eval_expr(e, case, area, as_of, out)).fold(Truth::Met, Truth::and),
        Expr::Or(v) => v.iter().map(|e| eval_expr(e, case, area, as_of, out)).fold(Truth::NotMet, Truth::or),
        Expr::Not(e) => eval_expr(e, case, area, as_of, out).negate(),
    }
}

impl Clause {
    /// This clause's verdict in `area` on the figures at or before `as_of`.
    pub fn evaluate(&self, case: &Case, area: &str, as_of: Option<Month>) -> ClauseReport {
        let mut report = ClauseReport {
            source: self.to_source(),
            indicator: self.name(),
            cmp: self.cmp,
            area: area.to_string(),
            data_area: area.to_string(),
            publisher: None,
            latest: None,
            threshold: f64::NAN,
            threshold_level: None,
            window_months: self.window_months,
            held_months: 0,
            missing: Vec::new(),
            truth: Truth::NoData,
            illustrative: false,
        };
        if let Threshold::Number(n) = self.threshold {
            report.threshold = n;
        }
        let Some(ind) = case.indicator(&self.factor, &self.indicator) else {
            return report;
        };
        let Some(threshold) = self.threshold_value(case, ind) else {
            return report;
        };
        report.threshold = threshold;
        if let Threshold::Level(l) = &self.threshold {
            report.threshold_level = Some(l.clone());
        }
        let series = case.series(ind, area);
        report.data_area = series.data_area.to_string();
        report.publisher = series.publisher.as_ref().map(|p| p.to_string());
        let upto = series.points.partition_point(|p| as_of.is_none_or(|m| p.period.last_month() <= m));
        let points = &series.points[..upto];
        let j = judge(points, |v| self.cmp.holds(v, threshold), self.window_months);
        report.latest = points.last().copied();
        report.held_months = j.held_months;
        report.missing = j.missing;
        report.truth = j.truth;
        report.illustrative = j.illustrative;
        report
    }

    /// The threshold as a number: a level's rank on the current version of the indicator's scale.
    fn threshold_value(&self, case: &Case, ind: &Indicator) -> Option<f64> {
        match &self.threshold {
            Threshold::Number(n) => Some(*n),
            Threshold::Level(l) if ind.kind == IndicatorKind::Level => {
                let scale = case.scale(ind.scale.as_ref()?.as_str())?;
                scale.current().rank(l).map(f64::from)
            }
            Threshold::Level(_) => None,
        }
    }
}

/// What [`judge`] finds in a series.
pub(crate) struct Judgement {
    pub truth: Truth,
    pub held_months: u32,
    pub missing: Vec<Period>,
    pub illustrative: bool,
}

/// Judges one series (oldest first, one point per period, already cut at `as_of`):
/// every period overlapping the `window` months ending at the latest value's last month
/// must have a value that holds; `held_months` counts back whole periods from the latest.
pub(crate) fn judge(points: &[Point], holds: impl Fn(f64) -> bool, window: u32) -> Judgement {
    let Some(latest) = points.last() else {
        return Judgement { truth: Truth::NoData, held_months: 0, missing: Vec::new(), illustrative: false };
    };
    let freq = latest.period.frequency();
    let at = |p: Period| -> Option<&Point> {
        let i = points.binary_search_by_key(&p.last_month(), |x| x.period.last_month()).ok()?;
        Some(&points[i]).filter(|x| x.period == p)
    };
    let mut illustrative = false;

    // A window longer than the language allows only comes from a tree built in code.
    let window = window.clamp(1, MAX_WINDOW_MONTHS) as i32;
    let mut p = Period::containing(latest.period.last_month().plus(1 - window), freq);
    let mut missing = Vec::new();
    let mut all_hold = true;
    loop {
        match at(p) {
            Some(x) => {
                illustrative |= x.illustrative;
                all_hold &= holds(x.value);
            }
            None => missing.push(p),
        }
        if p == latest.period {
            break;
        }
        p = p.next();
    }

    let mut held: u32 = 0;
    let mut p = latest.period;
    // Each step consumes a distinct point, so this ends within `points.len()` steps.
    while let Some(x) = at(p).filter(|x| holds(x.value)) {
        illustrative |= x.illustrative;
        held += freq.months() as u32;
        p = Period::containing(p.first_month().plus(-1), freq);
    }

    let truth = if all_hold && missing.is_empty() { Truth::Met } else { Truth::NotMet };
    Judgement { truth, held_months: held, missing, illustrative }
}
