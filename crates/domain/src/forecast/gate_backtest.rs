//! Gates in the backtest: from each origin, the forecast probability that each phase's gate is
//! met by each month of the horizon (the first-passage simulation on the figures before the
//! origin), against whether the figures show it met; scored by the Brier score, beside the
//! Brier score of "no change" (every figure stays at its last value before the origin), with
//! a reliability table.
//!
//! A gate is scored alone: its phase's predecessors, lag, earliest start and recorded start
//! are set aside, so "met by D" is the gate's own first passage. A gate holds in a month when
//! it holds in every area of its phase, each clause read as the engine reads it (a figure
//! covers every month of its period; a clause is judged at its latest figure by that month, as
//! the domain's evaluation is; `for N months` needs a figure that holds in each of the N months
//! ending there). Months after the latest figure of any series the gate reads are not scored,
//! nor are months where a clause has no figure yet: "no data" is neither met nor missed, so
//! `not (…)` over no figures never counts as met.

use std::collections::BTreeSet;

use serde::{Serialize, Serializer};

use super::backtest::origin_months;
use super::compile::{clause_threshold, condition_in_order};
use super::{BacktestSettings, Blocker, Origins, Settings, prepare, run};
use tahawul_forecast as engine;

use crate::gate::Truth;
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
/// through `until`'s horizon, the last value carried on (the no-change future) when asked.
#[derive(Debug, Clone)]
struct MonthValues {
    start: Month,
    values: Vec<f64>,
    /// The last month with a figure (`None` without figures); carried months are not figures.
    last: Option<Month>,
}

impl MonthValues {
    /// The figures of `s` whose period ends by `until` (all when `None`), with the last one
    /// carried on through `carry_to` when given.
    fn of(s: &Series, until: Option<Month>, carry_to: Option<Month>) -> MonthValues {
        let mut t = s.clone();
        t.points.retain(|p| until.is_none_or(|m| p.period.last_month() <= m));
        let start = t.points.first().map_or(Month(0), |p| p.period.first_month());
        let mut values = super::history(&t);
        let last = (!values.is_empty()).then(|| start.plus(values.len() as i32 - 1));
        if let (Some(to), Some(p)) = (carry_to, t.points.last()) {
            let len = (to.0 - start.0 + 1).max(0) as usize;
            if len > values.len() {
                values.resize(len, p.value);
            }
        }
        MonthValues { start, values, last }
    }

    fn observed(&self) -> engine::Observed<'_> {
        engine::Observed { first_month: self.start.0, values: &self.values }
    }
}

/// A gate with the figures of each clause in each area.
struct GateFigures {
    /// The gate as the engine reads it in one area: clause `i` (depth-first) reads series `i`.
    condition: engine::Condition,
    /// Per area, per clause: the series.
    series: Vec<Vec<Series>>,
}

impl GateFigures {
    /// Whether the gate holds in month `m` in every area, reading `values[area][clause]` as the
    /// gate language does (three-valued: a clause with no figure yet is no data, not failed).
    fn truth(&self, values: &[Vec<MonthValues>], m: Month) -> Truth {
        values.iter().fold(Truth::Met, |all, area| {
            let observed: Vec<engine::Observed<'_>> = area.iter().map(MonthValues::observed).collect();
            // Clause `i` reads series `i`, and there is one series per clause.
            let t = self.condition.truth_at(&observed, m.0).map_or(Truth::NoData, Truth::from);
            all.and(t)
        })
    }

    /// Whether the gate holds in some month from `from` to `to` (inclusive): met in any month
    /// decides; otherwise a month with no data leaves it open.
    fn met_between(&self, values: &[Vec<MonthValues>], from: Month, to: Month) -> Truth {
        (from.0..=to.0).fold(Truth::NotMet, |any, m| any.or(self.truth(values, Month(m))))
    }

    fn values(&self, until: Option<Month>, carry_to: Option<Month>) -> Vec<Vec<MonthValues>> {
        self.series.iter().map(|a| a.iter().map(|s| MonthValues::of(s, until, carry_to)).collect()).collect()
    }
}

/// Met or not, or `None` when the figures cannot say.
fn verdict(t: Truth) -> Option<bool> {
    match t {
        Truth::Met => Some(true),
        Truth::NotMet => Some(false),
        Truth::NoData => None,
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
    let figures: Vec<GateFigures> = case
        .phases
        .iter()
        .map(|p| {
            let clauses = p.gate.clauses();
            GateFigures {
                condition: condition_in_order(&p.gate.expr, &|c| clause_threshold(case, c)),
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
    let actual: Vec<Vec<Vec<MonthValues>>> = figures.iter().map(|g| g.values(None, None)).collect();
    // The last month every series of the gate has a figure for.
    let observed_end: Vec<Option<Month>> =
        actual.iter().map(|areas| areas.iter().flatten().map(|v| v.last).min().flatten()).collect();
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
                let last = origin.plus(horizon as i32 - 1).min(end);
                let persisted = g.values(Some(origin.plus(-1)), Some(last));
                for m in origin.0..=last.0 {
                    let h = (m - origin.0) as usize;
                    let Some(&probability) = cdf.get(h) else { break };
                    // Only a verdict is scored: "no data" is neither a hit nor a miss.
                    let (Some(no_change), Some(met)) = (
                        verdict(g.met_between(&persisted, origin, Month(m))),
                        verdict(g.met_between(&actual[pi], origin, Month(m))),
                    ) else {
                        continue;
                    };
                    points.push(GatePoint {
                        origin,
                        month: Month(m),
                        horizon: h as u32 + 1,
                        probability,
                        no_change: f64::from(u8::from(no_change)),
                        met,
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
    use crate::gate::Clause;

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

    fn figures(gate: &str, series: Vec<Vec<Series>>) -> GateFigures {
        let gate = crate::gate::parse(gate).unwrap();
        let number = |c: &Clause| match c.threshold {
            crate::gate::Threshold::Number(n) => n,
            crate::gate::Threshold::Level(_) => f64::NAN,
        };
        GateFigures { condition: condition_in_order(&gate.expr, &number), series }
    }

    #[test]
    fn a_sustained_clause_holds_only_once_its_whole_window_holds() {
        let g = figures("threat.x <= 5 for 3 months", vec![vec![monthly(&[9.0, 4.0, 4.0, 4.0, 9.0])]]);
        let actual = g.values(None, None);
        let held: Vec<Truth> = (0..6).map(|i| g.truth(&actual, Month::new(2020, 1).plus(i))).collect();
        use Truth::{Met, NotMet};
        assert_eq!(held, [NotMet, NotMet, NotMet, Met, NotMet, NotMet], "the sixth month reads the fifth's figure");
        assert_eq!(g.met_between(&actual, Month::new(2020, 1), Month::new(2020, 3)), NotMet);
        assert_eq!(g.met_between(&actual, Month::new(2020, 1), Month::new(2020, 4)), Met);
        // No change from an origin in 2020-03: 4 stays 4, so the window fills in 2020-04.
        let persisted = g.values(Some(Month::new(2020, 2)), Some(Month::new(2021, 4)));
        assert_eq!(g.truth(&persisted, Month::new(2020, 3)), NotMet);
        assert_eq!(g.truth(&persisted, Month::new(2020, 4)), Met);
        assert_eq!(g.truth(&persisted, Month::new(2021, 4)), Met, "the last value carries on");
    }

    #[test]
    fn a_gate_over_two_areas_holds_only_where_both_hold() {
        let g = figures("threat.x > 1", vec![vec![monthly(&[2.0, 2.0])], vec![monthly(&[0.0, 2.0])]]);
        let actual = g.values(None, None);
        assert_eq!(g.truth(&actual, Month::new(2020, 1)), Truth::NotMet);
        assert_eq!(g.truth(&actual, Month::new(2020, 2)), Truth::Met);
    }

    #[test]
    fn the_negation_of_a_clause_with_no_figure_yet_is_no_data_not_met() {
        // The figures start in 2020-03; before, `not` has nothing to negate.
        let mut s = monthly(&[5.0, 5.0]);
        for p in &mut s.points {
            p.period = crate::period::Period::Month(p.period.last_month().plus(2));
        }
        let g = figures("not threat.x > 9", vec![vec![s]]);
        let actual = g.values(None, None);
        assert_eq!(g.truth(&actual, Month::new(2020, 2)), Truth::NoData);
        assert_eq!(g.met_between(&actual, Month::new(2020, 1), Month::new(2020, 2)), Truth::NoData);
        assert_eq!(verdict(g.met_between(&actual, Month::new(2020, 1), Month::new(2020, 2))), None, "not scored");
        assert_eq!(g.met_between(&actual, Month::new(2020, 1), Month::new(2020, 3)), Truth::Met);
    }

    #[test]
    fn a_month_without_a_figure_reads_the_latest_one_so_a_gap_does_not_make_not_hold() {
        let mut s = monthly(&[2.0, 0.0, 2.0]);
        s.points.remove(1);
        let g = figures("not threat.x > 1", vec![vec![s]]);
        let actual = g.values(None, None);
        assert_eq!(g.met_between(&actual, Month::new(2020, 1), Month::new(2020, 3)), Truth::NotMet);
    }

    #[test]
    fn no_forecasts_no_scores() {
        let s = GateScores::of(&[]);
        assert_eq!((s.forecasts, s.brier, s.brier_reference, s.skill), (0, None, None, None));
        assert!(s.reliability.iter().all(|b| b.forecasts == 0 && b.observed.is_none()));
    }
}
