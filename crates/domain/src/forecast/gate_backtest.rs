//! Gates in the backtest: from each origin, the forecast probability that each phase's gate is
//! met by each month of the horizon (the first-passage simulation on the figures before the
//! origin), against whether the figures show it met; scored by the Brier score, beside the
//! Brier score of "no change" (every figure stays at its last value before the origin), with
//! a reliability table.
//!
//! A gate is scored alone: its phase's predecessors, lag, earliest start and recorded start
//! are set aside, so "met by D" is the gate's own first passage. A gate holds in a month when
//! it holds in every area of its phase, each clause read as the engine reads it (a figure
//! covers every month of its period; `for N months` needs a figure that holds in each of the
//! last N months). Months after the latest figure of any series the gate reads are not scored.

use std::collections::BTreeSet;

use serde::{Serialize, Serializer};

use super::backtest::origin_months;
use super::{BacktestSettings, Blocker, Origins, Settings, clause_threshold, prepare, run};
use crate::gate::{Cmp, Expr, Gate};
use crate::model::{Case, Id, Text};
use crate::period::Month;
use crate::series::Series;

/// Bins of the reliability table: forecast probabilities by tenths.
pub const RELIABILITY_BINS: usize = 10;

/// One forecast of "the gate is met by this month".
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct GatePoint {
    /// The first forecast month.
    #[serde(serialize_with = "month_text")]
    pub origin: Month,
    /// Met by the end of this month?
    #[serde(serialize_with = "month_text")]
    pub month: Month,
    /// Months ahead (1 = the origin month).
    pub horizon: u32,
    /// The forecast probability (share of simulated futures).
    pub probability: f64,
    /// The no-change forecast: 1 when the gate holds by then with every figure at its last value.
    pub no_change: f64,
    /// Whether the figures show the gate met by then.
    pub met: bool,
}

/// One bin of a reliability table.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ReliabilityBin {
    /// Lowest forecast probability in the bin.
    pub lower: f64,
    /// Highest (exclusive, except 1 in the last bin).
    pub upper: f64,
    /// Forecasts in the bin.
    pub forecasts: usize,
    /// Their mean forecast probability (`None` when empty).
    pub mean_forecast: Option<f64>,
    /// The share of them where the gate was met (`None` when empty).
    pub observed: Option<f64>,
}

/// Brier scores and reliability of a set of gate forecasts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GateScores {
    /// Forecasts behind the scores (origin × month).
    pub forecasts: usize,
    /// Of them, how many the figures show met.
    pub met: usize,
    /// Mean squared difference between forecast probability and outcome (0 is perfect).
    pub brier: Option<f64>,
    /// The same for no change.
    pub brier_reference: Option<f64>,
    /// 1 − brier / brier_reference (above 0: better than no change; `None` when no change is perfect).
    pub skill: Option<f64>,
    /// By forecast probability, in [`RELIABILITY_BINS`] bins (all of them, empty ones too).
    pub reliability: Vec<ReliabilityBin>,
}

impl GateScores {
    /// Scores `points`.
    pub fn of<'a>(points: impl IntoIterator<Item = &'a GatePoint>) -> GateScores {
        let (mut n, mut met, mut brier, mut reference) = (0usize, 0usize, 0.0, 0.0);
        let mut bins = [(0usize, 0.0f64, 0usize); RELIABILITY_BINS];
        for p in points {
            let o = f64::from(u8::from(p.met));
            n += 1;
            met += usize::from(p.met);
            brier += (p.probability - o).powi(2);
            reference += (p.no_change - o).powi(2);
            let b = &mut bins[reliability_bin(p.probability)];
            b.0 += 1;
            b.1 += p.probability;
            b.2 += usize::from(p.met);
        }
        let mean = |x: f64| (n > 0).then(|| x / n as f64);
        let (brier, brier_reference) = (mean(brier), mean(reference));
        let skill = match (brier, brier_reference) {
            (Some(b), Some(r)) if r > 0.0 => Some(1.0 - b / r),
            _ => None,
        };
        let reliability = bins
            .iter()
            .enumerate()
            .map(|(i, &(k, sum, hits))| ReliabilityBin {
                lower: i as f64 / RELIABILITY_BINS as f64,
                upper: (i + 1) as f64 / RELIABILITY_BINS as f64,
                forecasts: k,
                mean_forecast: (k > 0).then(|| sum / k as f64),
                observed: (k > 0).then(|| hits as f64 / k as f64),
            })
            .collect();
        GateScores { forecasts: n, met, brier, brier_reference, skill, reliability }
    }
}

/// The reliability bin of a probability: tenths, 1 in the last.
pub fn reliability_bin(p: f64) -> usize {
    ((p * RELIABILITY_BINS as f64) as usize).min(RELIABILITY_BINS - 1)
}

/// One phase's gate, backtested.
#[derive(Debug, Clone, Serialize)]
pub struct GateBacktest {
    /// The phase.
    pub phase: Id,
    /// Its name.
    pub name: Text,
    /// The gate in gate-language text.
    pub gate: String,
    /// True when the phase or a figure the gate reads is illustrative.
    pub illustrative: bool,
    /// The origins it was scored from.
    pub origins: Vec<String>,
    /// The scores.
    #[serde(flatten)]
    pub scores: GateScores,
    /// Every forecast.
    pub points: Vec<GatePoint>,
    /// Why it was not scored from some origins (the latest reason), when it was not scored at all.
    pub skipped: Option<Blocker>,
}

/// Every gate's scores pooled.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GatesOverall {
    /// Gates scored.
    pub gates: usize,
    /// The pooled scores.
    #[serde(flatten)]
    pub scores: GateScores,
}

impl GatesOverall {
    /// Pools `gates`.
    pub fn of(gates: &[GateBacktest]) -> GatesOverall {
        GatesOverall {
            gates: gates.iter().filter(|g| g.scores.forecasts > 0).count(),
            scores: GateScores::of(gates.iter().flat_map(|g| &g.points)),
        }
    }
}

fn month_text<S: Serializer>(m: &Month, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(m)
}

/// Natural values by month: each figure covers every month of its period; after the last,
/// `carry` (the no-change future) or nothing.
#[derive(Debug, Clone)]
struct MonthValues {
    start: Month,
    values: Vec<f64>,
    carry: Option<f64>,
}

impl MonthValues {
    /// The figures of `s` whose period ends by `until` (all when `None`).
    fn of(s: &Series, until: Option<Month>, carry: bool) -> MonthValues {
        let mut t = s.clone();
        t.points.retain(|p| until.is_none_or(|m| p.period.last_month() <= m));
        let start = t.points.first().map_or(Month(0), |p| p.period.first_month());
        let values = super::history(&t);
        let carry = if carry { t.points.last().map(|p| p.value) } else { None };
        MonthValues { start, values, carry }
    }

    fn at(&self, m: Month) -> f64 {
        let i = m.0 - self.start.0;
        if i < 0 {
            return f64::NAN;
        }
        match self.values.get(i as usize) {
            Some(v) => *v,
            None => self.carry.unwrap_or(f64::NAN),
        }
    }

    /// The last month with a figure (`None` without figures).
    fn last(&self) -> Option<Month> {
        (!self.values.is_empty()).then(|| self.start.plus(self.values.len() as i32 - 1))
    }
}

/// A gate with the figures of each clause in each area.
struct GateFigures<'g> {
    gate: &'g Gate,
    /// Per clause (depth-first): comparison, threshold, window.
    clauses: Vec<(Cmp, f64, u32)>,
    /// Per area, per clause: the series.
    series: Vec<Vec<Series>>,
}

impl GateFigures<'_> {
    /// Whether the gate holds in month `m` in every area, reading `values[area][clause]`.
    fn holds(&self, values: &[Vec<MonthValues>], m: Month) -> bool {
        values.iter().all(|area| {
            let mut next = 0;
            expr_holds(&self.gate.expr, &mut next, &|i| {
                let (cmp, threshold, window) = self.clauses[i];
                (0..window.max(1) as i32).all(|k| {
                    let v = area[i].at(m.plus(-k));
                    !v.is_nan() && cmp.holds(v, threshold)
                })
            })
        })
    }

    /// Whether the gate holds in some month from `from` to `to` (inclusive).
    fn met_between(&self, values: &[Vec<MonthValues>], from: Month, to: Month) -> bool {
        (from.0..=to.0).any(|m| self.holds(values, Month(m)))
    }

    fn values(&self, until: Option<Month>, carry: bool) -> Vec<Vec<MonthValues>> {
        self.series.iter().map(|a| a.iter().map(|s| MonthValues::of(s, until, carry)).collect()).collect()
    }
}

/// Evaluates `e`, numbering its clauses depth-first from `*next` (every part is visited, so the
/// numbering does not depend on the values).
fn expr_holds(e: &Expr, next: &mut usize, clause: &dyn Fn(usize) -> bool) -> bool {
    match e {
        Expr::Clause(_) => {
            let i = *next;
            *next += 1;
            clause(i)
        }
        Expr::And(v) => v.iter().fold(true, |all, x| expr_holds(x, next, clause) & all),
        Expr::Or(v) => v.iter().fold(false, |any, x| expr_holds(x, next, clause) | any),
        Expr::Not(x) => !expr_holds(x, next, clause),
    }
}

/// A phase's first-passage distribution from one origin, or why it has none.
type PhaseCdf = (Option<Vec<f64>>, Option<Blocker>);

/// Backtests every phase's gate of `case` from the origins of `settings` (with
/// [`Origins::HoldOut`], one per gate: `horizon_months` before the latest month all its series
/// have figures for).
pub fn gate_backtests(case: &Case, settings: &BacktestSettings) -> Vec<GateBacktest> {
    use rayon::prelude::*;
    let horizon = settings.horizon_months.max(1);
    // The gates alone: no predecessors, lag, dates or recorded start.
    let mut alone = case.clone();
    for p in &mut alone.phases {
        p.predecessors.clear();
        p.min_lag_months = 0;
        p.earliest_start = None;
        p.deadline = None;
        p.started = None;
    }
    let figures: Vec<GateFigures<'_>> = case
        .phases
        .iter()
        .map(|p| {
            let clauses = p.gate.clauses();
            GateFigures {
                gate: &p.gate,
                clauses: clauses.iter().map(|c| (c.cmp, clause_threshold(case, c), c.window_months)).collect(),
                series: p
                    .areas
                    .iter()
                    .map(|a| {
                        clauses
                            .iter()
                            .map(|c| match case.indicator(&c.factor, &c.indicator) {
                                Some(ind) => case.series(ind, a.as_str()),
                                None => Series {
                                    area: a.clone(),
                                    data_area: a.clone(),
                                    publisher: None,
                                    points: Vec::new(),
                                },
                            })
                            .collect()
                    })
                    .collect(),
            }
        })
        .collect();
    let actual: Vec<Vec<Vec<MonthValues>>> = figures.iter().map(|g| g.values(None, false)).collect();
    // The last month every series of the gate has a figure for.
    let observed_end: Vec<Option<Month>> =
        actual.iter().map(|areas| areas.iter().flatten().map(MonthValues::last).min().flatten()).collect();
    let wanted = origin_months(&settings.origins);
    let origins_of: Vec<Vec<Month>> = observed_end
        .iter()
        .map(|end| match (&settings.origins, end) {
            (_, None) => Vec::new(),
            (Origins::HoldOut, Some(e)) => vec![e.plus(1 - horizon as i32)],
            (_, Some(e)) => wanted.iter().copied().filter(|o| o <= e).collect(),
        })
        .collect();
    let all: BTreeSet<Month> = origins_of.iter().flatten().copied().collect();
    let all: Vec<Month> = all.into_iter().collect();
    // One forecast of every gate per origin: P(met by each month) from the phases' CDFs.
    let forecasts: Vec<Result<Vec<PhaseCdf>, super::Error>> = all
        .par_iter()
        .map(|&origin| {
            let s = Settings {
                as_of: origin.plus(-1),
                horizon_months: horizon,
                paths: settings.paths,
                seed: settings.seed,
            };
            let report = run(&prepare(&alone, &s), None)?;
            Ok(report.phases.into_iter().map(|p| (p.baseline.map(|o| o.cdf), p.cannot_forecast)).collect())
        })
        .collect();
    case.phases
        .iter()
        .enumerate()
        .map(|(pi, p)| {
            let g = &figures[pi];
            let mut points = Vec::new();
            let mut scored = Vec::new();
            let mut skipped = None;
            for &origin in &origins_of[pi] {
                let Some(end) = observed_end[pi] else { continue };
                let k = all.binary_search(&origin).expect("every origin is forecast");
                let (cdf, blocker) = match &forecasts[k] {
                    Ok(v) => v[pi].clone(),
                    Err(e) => (
                        None,
                        Some(Blocker::Model {
                            indicator: String::new(),
                            area: p.areas.first().cloned().unwrap_or_else(|| p.id.clone()),
                            detail: format!("{e:?}"),
                        }),
                    ),
                };
                let Some(cdf) = cdf.filter(|c| !c.is_empty()) else {
                    skipped = blocker;
                    continue;
                };
                let persisted = g.values(Some(origin.plus(-1)), true);
                let last = origin.plus(horizon as i32 - 1).min(end);
                for m in origin.0..=last.0 {
                    let h = (m - origin.0) as usize;
                    let Some(&probability) = cdf.get(h) else { break };
                    points.push(GatePoint {
                        origin,
                        month: Month(m),
                        horizon: h as u32 + 1,
                        probability,
                        no_change: f64::from(u8::from(g.met_between(&persisted, origin, Month(m)))),
                        met: g.met_between(&actual[pi], origin, Month(m)),
                    });
                }
                scored.push(origin.to_string());
            }
            let illustrative = p.illustrative || g.series.iter().flatten().any(Series::has_illustrative);
            GateBacktest {
                phase: p.id.clone(),
                name: p.name.clone(),
                gate: p.gate.to_source(),
                illustrative,
                origins: scored,
                scores: GateScores::of(&points),
                skipped: if points.is_empty() { skipped } else { None },
                points,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(probability: f64, met: bool) -> GatePoint {
        GatePoint {
            origin: Month::new(2020, 1),
            month: Month::new(2020, 1),
            horizon: 1,
            probability,
            no_change: 0.0,
            met,
        }
    }

    #[test]
    fn a_perfect_forecaster_has_a_brier_score_of_zero() {
        let pts = [point(1.0, true), point(0.0, false), point(1.0, true)];
        let s = GateScores::of(&pts);
        assert_eq!(s.brier, Some(0.0));
        // No change said 0 throughout: wrong twice in three.
        assert!((s.brier_reference.unwrap() - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(s.skill, Some(1.0));
        assert_eq!(s.met, 2);
    }

    #[test]
    fn a_coin_toss_scores_a_quarter_and_sits_in_the_middle_bin() {
        let pts = [point(0.5, true), point(0.5, false)];
        let s = GateScores::of(&pts);
        assert_eq!(s.brier, Some(0.25));
        let bin = &s.reliability[5];
        assert_eq!((bin.forecasts, bin.mean_forecast, bin.observed), (2, Some(0.5), Some(0.5)));
    }

    #[test]
    fn the_reliability_bins_count_every_forecast_once() {
        let pts: Vec<GatePoint> = (0..=100).map(|i| point(f64::from(i) / 100.0, i % 3 == 0)).collect();
        let s = GateScores::of(&pts);
        assert_eq!(s.reliability.len(), RELIABILITY_BINS);
        assert_eq!(s.reliability.iter().map(|b| b.forecasts).sum::<usize>(), pts.len());
        // 1.0 goes in the last bin; 0.1 starts the second.
        assert_eq!(s.reliability[9].forecasts, 11);
        assert_eq!(s.reliability[0].forecasts, 10);
        for b in &s.reliability {
            let m = b.mean_forecast.unwrap();
            assert!(b.lower <= m && m <= b.upper, "{b:?}");
        }
        let hits: f64 = s.reliability.iter().map(|b| b.observed.unwrap() * b.forecasts as f64).sum();
        assert!((hits - s.met as f64).abs() < 1e-9);
    }

    fn monthly(values: &[f64]) -> Series {
        let id = Id::parse("a").unwrap();
        Series {
            area: id.clone(),
            data_area: id,
            publisher: None,
            points: values
                .iter()
                .enumerate()
                .map(|(i, &value)| crate::series::Point {
                    period: crate::period::Period::Month(Month::new(2020, 1).plus(i as i32)),
                    value,
                    illustrative: false,
                })
                .collect(),
        }
    }

    #[test]
    fn a_sustained_clause_holds_only_once_its_whole_window_holds() {
        let gate = crate::gate::parse("threat.x <= 5 for 3 months").unwrap();
        let g = GateFigures {
            gate: &gate,
            clauses: vec![(Cmp::Le, 5.0, 3)],
            series: vec![vec![monthly(&[9.0, 4.0, 4.0, 4.0, 9.0])]],
        };
        let actual = g.values(None, false);
        let held: Vec<bool> = (0..6).map(|i| g.holds(&actual, Month::new(2020, 1).plus(i))).collect();
        assert_eq!(held, [false, false, false, true, false, false], "the sixth month has no figure");
        assert!(!g.met_between(&actual, Month::new(2020, 1), Month::new(2020, 3)));
        assert!(g.met_between(&actual, Month::new(2020, 1), Month::new(2020, 4)));
        // No change from an origin in 2020-03: 4 stays 4, so the window fills in 2020-04.
        let persisted = g.values(Some(Month::new(2020, 2)), true);
        assert!(!g.holds(&persisted, Month::new(2020, 3)));
        assert!(g.holds(&persisted, Month::new(2020, 4)));
        assert!(g.holds(&persisted, Month::new(2021, 4)), "the last value carries on");
    }

    #[test]
    fn a_gate_over_two_areas_holds_only_where_both_hold() {
        let gate = crate::gate::parse("threat.x > 1").unwrap();
        let g = GateFigures {
            gate: &gate,
            clauses: vec![(Cmp::Gt, 1.0, 1)],
            series: vec![vec![monthly(&[2.0, 2.0])], vec![monthly(&[0.0, 2.0])]],
        };
        let actual = g.values(None, false);
        assert!(!g.holds(&actual, Month::new(2020, 1)));
        assert!(g.holds(&actual, Month::new(2020, 2)));
    }

    #[test]
    fn no_forecasts_no_scores() {
        let s = GateScores::of(&[]);
        assert_eq!((s.forecasts, s.brier, s.brier_reference, s.skill), (0, None, None, None));
        assert!(s.reliability.iter().all(|b| b.forecasts == 0 && b.observed.is_none()));
    }
}
