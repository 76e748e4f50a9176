//! The bridge from a case to the forecast engine: collect the series the phases' gates read,
//! fit them, compile each phase's gate into the engine's conditions, build the phase graph,
//! simulate, and report dates in months with the reasons. Pure: no I/O.
//!
//! Conventions (see `docs/forecast-command.md`, "From a case to the engine"):
//! - figures up to and including the as-of month are used; the first forecast month (the
//!   *origin*) is the month after, so a gate that holds on today's figures lets its phase
//!   start next month at the earliest;
//! - a phase's gate must hold in every one of its areas at once (an `and` over areas);
//! - a series that cannot be fitted blocks the phases that read it, and their successors;
//!   the other phases are still forecast.

mod backtest;
mod compile;
mod fan;
mod gate_backtest;
mod prepare;
mod report;
mod what_if;

use std::collections::BTreeMap;

use serde::Serialize;
use tahawul_forecast as engine;
use tahawul_i18n::Message;

use crate::gate::{Clause, Expr, Gate, Threshold};
use crate::model::{Case, Id, Indicator, IndicatorKind, ScenarioShock, Text};
use crate::period::{Month, Period};
use crate::series::Series;

pub use backtest::{
    BACKTEST_PATHS, BacktestOverall, BacktestPoint, BacktestReport, BacktestSettings, CsvSeries, HorizonScores,
    OriginModel, Origins, PIT_BINS, SeriesBacktest, SeriesScores, backtest, backtest_series, backtest_with,
    holdout_points, read_series_csv,
};
pub use fan::{Fan, indicator_fan};
pub use gate_backtest::{
    GateBacktest, GatePoint, GateScores, GatesOverall, RELIABILITY_BINS, ReliabilityBin, gate_backtests,
    reliability_bin,
};
pub use prepare::*;
pub use report::*;
pub use what_if::{WhatIf, WhatIfError, parse_shock, parse_threshold};

/// Months simulated when none is asked for: ten years.
pub const DEFAULT_HORIZON_MONTHS: u32 = 120;
/// Simulated futures when none is asked for.
pub const DEFAULT_PATHS: u32 = 10_000;
/// The seed when none is asked for: any fixed value; this one spells "TAHW" and is exact in JSON.
pub const DEFAULT_SEED: u64 = 0x5441_4857;

/// What to forecast from, how far, how many futures and with which seed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    /// Figures after this month are ignored; forecasting starts the month after.
    pub as_of: Month,
    /// Months simulated from the origin.
    pub horizon_months: u32,
    /// Simulated futures.
    pub paths: u32,
    /// Same seed, same forecast.
    pub seed: u64,
}

impl Settings {
    /// The defaults (120 months, 10,000 paths, the fixed seed) from an as-of month.
    pub fn new(as_of: Month) -> Self {
        Settings { as_of, horizon_months: DEFAULT_HORIZON_MONTHS, paths: DEFAULT_PATHS, seed: DEFAULT_SEED }
    }
    /// The first forecast month: the month after the as-of month.
    pub fn origin(&self) -> Month {
        self.as_of.plus(1)
    }
    /// The last forecast month.
    pub fn last_month(&self) -> Month {
        self.origin().plus(self.horizon_months as i32 - 1)
    }
}

/// Why something cannot be forecast.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "reason", rename_all = "kebab-case")]
pub enum Blocker {
    /// Too few figures to fit a trend on.
    TooFewFigures {
        /// `factor.indicator`.
        indicator: String,
        /// The area whose figures were looked for.
        area: Id,
        /// Figures up to the as-of month.
        figures: usize,
        /// Figures needed.
        needed: usize,
    },
    /// A figure outside what the indicator's kind allows (a share above 1, …).
    OutOfRange {
        /// `factor.indicator`.
        indicator: String,
        /// The area.
        area: Id,
        /// The period of the figure.
        #[serde(serialize_with = "period_text")]
        period: Period,
        /// The figure.
        value: f64,
    },
    /// The engine refused the series for another reason.
    Model {
        /// `factor.indicator`.
        indicator: String,
        /// The area.
        area: Id,
        /// The engine's words (English: an internal detail).
        detail: String,
    },
    /// A predecessor cannot be forecast, so neither can this phase.
    Predecessor {
        /// The predecessor.
        phase: Id,
    },
}

impl Blocker {
    /// The reason in words (area names in the reader's language).
    pub fn message(&self, case: &Case) -> Message {
        let area_name =
            |a: &Id| case.area(a.as_str()).map_or_else(|| Text::new(a.as_str(), a.as_str()), |x| x.name.clone());
        match self {
            Blocker::TooFewFigures { indicator, area, figures, needed } => Message::new("forecast-cannot-too-few")
                .arg("indicator", indicator.as_str())
                .arg("area", area_name(area))
                .arg("count", *figures)
                .arg("needed", *needed),
            Blocker::OutOfRange { indicator, area, period, value } => Message::new("forecast-cannot-out-of-range")
                .arg("indicator", indicator.as_str())
                .arg("area", area_name(area))
                .arg("period", period.to_string())
                .arg("value", *value),
            Blocker::Model { indicator, area, detail } => Message::new("forecast-cannot-model")
                .arg("indicator", indicator.as_str())
                .arg("area", area_name(area))
                .arg("detail", detail.as_str()),
            Blocker::Predecessor { phase } => {
                let name = case
                    .phase(phase.as_str())
                    .map_or_else(|| Text::new(phase.as_str(), phase.as_str()), |p| p.name.clone());
                Message::new("forecast-cannot-predecessor").arg("phase", name)
            }
        }
    }
}

/// Problems that stop a forecast as a whole.
#[derive(Debug, Clone, PartialEq)]
pub enum Error {
    /// A what-if (from the command line or a scenario) does not fit the case.
    WhatIf(WhatIfError),
    /// No scenario has this id.
    UnknownScenario {
        /// What was asked for.
        id: String,
        /// The case's scenarios.
        known: Vec<String>,
    },
    /// The engine refused the inputs (zero paths, a zero horizon, …).
    Engine(engine::ForecastError),
}

impl Error {
    /// What went wrong, in words.
    pub fn message(&self) -> Message {
        match self {
            Error::WhatIf(e) => e.message(),
            Error::UnknownScenario { id, .. } => Message::new("forecast-unknown-scenario").arg("id", id.as_str()),
            Error::Engine(e) => Message::new("forecast-engine-refused").arg("detail", e.to_string()),
        }
    }
    /// How to fix it, when there is something to say.
    pub fn help(&self) -> Option<Message> {
        match self {
            Error::WhatIf(e) => e.help.clone(),
            Error::UnknownScenario { known, .. } if known.is_empty() => {
                Some(Message::new("forecast-no-scenarios-help"))
            }
            Error::UnknownScenario { known, .. } => {
                Some(Message::new("forecast-unknown-scenario-help").arg("known", known.join(", ")))
            }
            Error::Engine(_) => None,
        }
    }
}

impl From<engine::ForecastError> for Error {
    fn from(e: engine::ForecastError) -> Self {
        Error::Engine(e)
    }
}

/// Forecasts every phase of `case`, and with a what-if, the same on the same random numbers.
pub fn forecast(case: &Case, settings: &Settings, what_if: Option<&WhatIf>) -> Result<ForecastReport, Error> {
    let prepared = prepare(case, settings);
    run(&prepared, what_if)
}

/// Simulates a prepared case (see [`forecast`]); preparing once lets several what-ifs share the fits.
pub fn run(prepared: &Prepared<'_>, what_if: Option<&WhatIf>) -> Result<ForecastReport, Error> {
    let case = prepared.case;
    let settings = prepared.settings;
    let what_if = what_if.filter(|w| !w.is_empty());
    let (gates, threshold_reports) = scenario_gates(case, what_if)?;
    let (shocks, shock_reports) = scenario_shocks(prepared, what_if);
    let (baseline, scenario) = simulate(prepared, what_if.map(|_| (&gates[..], &shocks[..])))?;
    let phases = phase_forecasts(prepared, &gates, what_if.is_some(), &baseline, &scenario);
    Ok(ForecastReport {
        case: case.id.clone(),
        settings: SettingsReport {
            as_of: settings.as_of,
            origin: settings.origin(),
            horizon_months: settings.horizon_months,
            simulated_from: prepared.simulate_from,
            last_month: settings.last_month(),
            paths: settings.paths,
            seed: settings.seed,
        },
        what_if: what_if.map(|w| WhatIfReport {
            scenario: w.scenario.clone(),
            name: w.name.clone(),
            shocks: shock_reports,
            thresholds: threshold_reports,
        }),
        phases: not_held_back(case, settings, phases),
        series: series_fits(prepared),
    })
}

/// The scenario's gates: the case's with the what-if's thresholds changed (checked like the
/// loader does), and what each change did.
fn scenario_gates(case: &Case, what_if: Option<&WhatIf>) -> Result<(Vec<Gate>, Vec<ThresholdReport>), Error> {
    let mut gates: Vec<Gate> = case.phases.iter().map(|p| p.gate.clone()).collect();
    let mut reports = Vec::new();
    for ch in what_if.map_or(&[][..], |w| &w.thresholds[..]) {
        let (pi, edited) = what_if::apply_threshold(case, &gates, ch).map_err(Error::WhatIf)?;
        let before = gates[pi].clauses()[ch.clause as usize - 1].to_source();
        let after = edited.clauses()[ch.clause as usize - 1].to_source();
        reports.push(ThresholdReport { phase: ch.phase.clone(), clause: ch.clause, before, after });
        gates[pi] = edited;
    }
    Ok((gates, reports))
}

/// The engine's shocks for the what-if's shocks, each on every fitted series it hits, and
/// what each shock hit.
fn scenario_shocks(prepared: &Prepared<'_>, what_if: Option<&WhatIf>) -> (Vec<engine::Shock>, Vec<ShockReport>) {
    let mut shocks = Vec::new();
    let mut reports = Vec::new();
    for sh in what_if.map_or(&[][..], |w| &w.shocks[..]) {
        let mut names = Vec::new();
        for si in prepared.shocked_series(sh) {
            if let Some(s) = prepared.engine_shock(si, sh) {
                shocks.push(s);
                names.push(format!("{}@{}", prepared.series[si].name(), prepared.series[si].series.data_area));
            }
        }
        reports.push(ShockReport {
            indicator: format!("{}.{}", sh.factor, sh.indicator),
            areas: sh.areas.clone(),
            from: sh.from,
            multiply: sh.multiply,
            shift: sh.shift,
            slope: sh.slope,
            variance: sh.variance,
            series: names,
        });
    }
    (shocks, reports)
}

/// The baseline forecast and, with a scenario (its gates and shocks), the scenario's on the
/// same random numbers; none when no phase is simulated.
fn simulate(
    prepared: &Prepared<'_>,
    scenario: Option<(&[Gate], &[engine::Shock])>,
) -> Result<(Option<engine::Forecast>, Option<engine::Forecast>), Error> {
    let inputs = prepared.inputs();
    let config = prepared.config();
    let baseline_graph = prepared.graph(prepared.conditions.clone())?;
    if baseline_graph.phases().is_empty() {
        return Ok((None, None));
    }
    match scenario {
        Some((gates, shocks)) => {
            let scenario_graph = prepared.graph(prepared.compile(&|pi| &gates[pi]))?;
            let c = engine::compare_scenario(&inputs, &baseline_graph, &scenario_graph, shocks, &config)?;
            Ok((Some(c.baseline), Some(c.scenario)))
        }
        None => Ok((Some(engine::forecast(&inputs, &baseline_graph, &[], &config)?), None)),
    }
}

/// Per case phase: illustrative when the phase is, a series it reads is, or (transitively) a
/// phase it waits for is.
fn illustrative_phases(prepared: &Prepared<'_>) -> Vec<bool> {
    let case = prepared.case;
    let mut illustrative: Vec<bool> = case
        .phases
        .iter()
        .enumerate()
        .map(|(pi, p)| {
            p.illustrative
                || prepared.clause_series[pi].iter().flatten().any(|&si| prepared.series[si].series.has_illustrative())
        })
        .collect();
    for _ in 0..case.phases.len() {
        for (pi, p) in case.phases.iter().enumerate() {
            if p.predecessors
                .iter()
                .any(|q| case.phases.iter().position(|x| &x.id == q).is_some_and(|qi| illustrative[qi]))
            {
                illustrative[pi] = true;
            }
        }
    }
    illustrative
}

/// Each phase's outlook in the baseline and the scenario (a started phase's is its start),
/// or why it cannot be forecast.
fn phase_forecasts(
    prepared: &Prepared<'_>,
    gates: &[Gate],
    with_scenario: bool,
    baseline: &Option<engine::Forecast>,
    scenario: &Option<engine::Forecast>,
) -> Vec<PhaseForecast> {
    let illustrative = illustrative_phases(prepared);
    prepared
        .case
        .phases
        .iter()
        .enumerate()
        .map(|(pi, p)| {
            let slot = &prepared.phase_slots[pi];
            let blocker = match slot {
                PhaseSlot::Blocked(b) => Some(b.clone()),
                _ => None,
            };
            let outlook = |f: &Option<engine::Forecast>, gate: &Gate| -> Option<Outlook> {
                match slot {
                    PhaseSlot::Engine(ei) => Some(prepared.outlook(pi, gate, &f.as_ref()?.phases[*ei])),
                    _ => None,
                }
            };
            PhaseForecast {
                id: p.id.clone(),
                name: p.name.clone(),
                illustrative: illustrative[pi],
                earliest_start: p.earliest_start,
                deadline: p.deadline,
                started: match slot {
                    PhaseSlot::Started(m) => Some(*m),
                    _ => None,
                },
                baseline: outlook(baseline, &p.gate).or_else(|| started_outlook(slot, p.deadline)),
                scenario: outlook(scenario, &gates[pi])
                    .or_else(|| if with_scenario { started_outlook(slot, p.deadline) } else { None }),
                cannot_forecast: blocker,
            }
        })
        .collect()
}

/// What was fitted to each series the gates read, or why nothing could be.
fn series_fits(prepared: &Prepared<'_>) -> Vec<SeriesFit> {
    prepared
        .series
        .iter()
        .map(|s| {
            let fit = s.input.as_ref().ok().map(|i| i.trend);
            SeriesFit {
                indicator: s.name(),
                area: s.series.data_area.clone(),
                read_for: s.read_for.clone(),
                publisher: s.series.publisher.clone(),
                scale: scale_name(s.transform),
                observations: s.series.points.len(),
                first: s.series.points.first().map(|p| p.period),
                last: s.series.points.last().map(|p| p.period),
                illustrative: s.series.has_illustrative(),
                log_likelihood: fit.map(|f| f.log_likelihood),
                variances: fit.map(|f| VarianceReport {
                    irregular: f.variances.irregular,
                    level: f.variances.level,
                    slope: f.variances.slope,
                }),
                model: s.choice.as_ref().map(|c| ModelReport::new(c, s.transform)),
                problem: s.input.as_ref().err().cloned(),
            }
        })
        .collect()
}

fn started_outlook(slot: &PhaseSlot, deadline: Option<Month>) -> Option<Outlook> {
    match slot {
        PhaseSlot::Started(m) => Some(Outlook::started(*m, deadline)),
        _ => None,
    }
}

impl Outlook {
    /// A phase recorded as started: every future starts then (no distribution: `cdf` is empty).
    fn started(m: Month, deadline: Option<Month>) -> Outlook {
        Outlook {
            p10: Some(m),
            p50: Some(m),
            p90: Some(m),
            p_by_deadline: deadline.map(|d| if m <= d { 1.0 } else { 0.0 }),
            p_not_within_horizon: 0.0,
            cdf: Vec::new(),
            held_back_by: None,
        }
    }
}

/// Drops "held back by" where the gate did not set the date: the phase starts at its first
/// possible month (the origin, its earliest start, each predecessor's P90 plus the lag) in at
/// least nine futures out of ten.
fn not_held_back(case: &Case, settings: Settings, mut phases: Vec<PhaseForecast>) -> Vec<PhaseForecast> {
    let p90 = |phases: &[PhaseForecast], id: &Id, scenario: bool| {
        let p = phases.iter().find(|p| &p.id == id)?;
        if scenario { p.scenario.as_ref()?.p90 } else { p.baseline.as_ref()?.p90 }
    };
    let mut keep = Vec::new();
    for (pi, p) in case.phases.iter().enumerate() {
        let first = Some(p.earliest_start.map_or(settings.origin(), |e| e.max(settings.origin())));
        let mut bound = [first, first];
        for (k, scenario) in [false, true].into_iter().enumerate() {
            for q in &p.predecessors {
                bound[k] = match (bound[k], p90(&phases, q, scenario)) {
                    (Some(b), Some(m)) => Some(b.max(m.plus(p.min_lag_months as i32))),
                    _ => None,
                };
            }
        }
        keep.push((pi, bound));
    }
    for (pi, [base, scen]) in keep {
        let ph = &mut phases[pi];
        for (o, bound) in [(&mut ph.baseline, base), (&mut ph.scenario, scen)] {
            if let Some(o) = o
                && bound.is_some()
                && o.p90 == bound
            {
                o.held_back_by = None;
            }
        }
    }
    phases
}

impl Prepared<'_> {
    fn outlook(&self, pi: usize, gate: &Gate, o: &engine::PhaseOutlook) -> Outlook {
        let [p10, p50, p90] = o.start_quantiles.map(|q| q.map(Month));
        let clauses = gate.clauses();
        // The engine numbers clauses depth-first over the areas' copies of the gate, area by area.
        let held_back_by = o
            .held_back_by
            .iter()
            .enumerate()
            .filter(|(_, s)| **s > 0.0)
            .max_by(|a, b| a.1.total_cmp(b.1).then(b.0.cmp(&a.0)))
            .and_then(|(i, share)| {
                let per = clauses.len().max(1);
                let (area, ci) = (i / per, i % per);
                let clause = clauses.get(ci)?;
                let ind = self.case.indicator(&clause.factor, &clause.indicator)?;
                Some(HeldBack {
                    clause: clause.to_source(),
                    clause_number: ci as u32 + 1,
                    indicator: clause.name(),
                    indicator_name: ind.name.clone(),
                    area: self.case.phases[pi].areas.get(area)?.clone(),
                    share: *share,
                })
            });
        // The engine counts from the first simulated month; the report's months start at the origin.
        let skip = (self.settings.origin().0 - self.simulate_from.0).max(0) as usize;
        let total = f64::from(self.settings.paths);
        let mut cum = o.start_counts[..skip.min(o.start_counts.len())].iter().sum::<u64>();
        let cdf = o.start_counts[skip.min(o.start_counts.len())..]
            .iter()
            .map(|&k| {
                cum += k;
                if total > 0.0 { cum as f64 / total } else { 0.0 }
            })
            .collect();
        Outlook {
            p10,
            p50,
            p90,
            p_by_deadline: o.p_by_deadline,
            p_not_within_horizon: o.p_not_within_horizon,
            cdf,
            held_back_by,
        }
    }
}
