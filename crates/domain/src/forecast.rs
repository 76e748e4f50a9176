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
mod fan;
mod gate_backtest;
mod what_if;

use std::collections::BTreeMap;

use serde::{Serialize, Serializer};
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

/// The forecast of a case, as the commands print it (JSON shape in `docs/forecast-command.md`).
#[derive(Debug, Clone, Serialize)]
pub struct ForecastReport {
    /// The case.
    pub case: Id,
    /// What was simulated.
    pub settings: SettingsReport,
    /// The what-if compared with the baseline, if any.
    pub what_if: Option<WhatIfReport>,
    /// One entry per phase, in the case's order.
    pub phases: Vec<PhaseForecast>,
    /// Every series the gates read, with its fit.
    pub series: Vec<SeriesFit>,
}

/// The settings, as reported.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct SettingsReport {
    /// Figures after this month were ignored.
    #[serde(serialize_with = "month_text")]
    pub as_of: Month,
    /// First forecast month.
    #[serde(serialize_with = "month_text")]
    pub origin: Month,
    /// Months forecast from the origin.
    pub horizon_months: u32,
    /// First simulated month: the month after the latest figure, when that is before the origin.
    #[serde(serialize_with = "month_text")]
    pub simulated_from: Month,
    /// Last forecast month.
    #[serde(serialize_with = "month_text")]
    pub last_month: Month,
    /// Simulated futures.
    pub paths: u32,
    /// The seed.
    pub seed: u64,
}

/// A what-if as applied.
#[derive(Debug, Clone, Serialize)]
pub struct WhatIfReport {
    /// The bundle scenario, if one was named.
    pub scenario: Option<Id>,
    /// Its name.
    pub name: Option<Text>,
    /// Changes to indicators' futures.
    pub shocks: Vec<ShockReport>,
    /// Changes to gates' thresholds.
    pub thresholds: Vec<ThresholdReport>,
}

/// One shock as applied.
#[derive(Debug, Clone, Serialize)]
pub struct ShockReport {
    /// `factor.indicator`.
    pub indicator: String,
    /// The areas named (empty: all).
    pub areas: Vec<Id>,
    /// First month affected.
    #[serde(serialize_with = "month_text")]
    pub from: Month,
    /// Level multiplier.
    pub multiply: Option<f64>,
    /// Natural-scale level addition.
    pub shift: Option<f64>,
    /// Model-scale slope change.
    pub slope: Option<f64>,
    /// Variance multiplier.
    pub variance: Option<f64>,
    /// The series it changes (`factor.indicator@data-area`); empty when no gate reads it.
    pub series: Vec<String>,
}

/// One threshold change as applied.
#[derive(Debug, Clone, Serialize)]
pub struct ThresholdReport {
    /// The phase.
    pub phase: Id,
    /// The clause, from 1.
    pub clause: u32,
    /// The clause as written in the case.
    pub before: String,
    /// The clause with the new threshold.
    pub after: String,
}

/// One phase's forecast.
#[derive(Debug, Clone, Serialize)]
pub struct PhaseForecast {
    /// The phase.
    pub id: Id,
    /// Its name.
    pub name: Text,
    /// True when the phase, a series it reads or a phase it waits for is illustrative.
    pub illustrative: bool,
    /// Not before this month.
    #[serde(serialize_with = "month_opt_text")]
    pub earliest_start: Option<Month>,
    /// Should start by this month.
    #[serde(serialize_with = "month_opt_text")]
    pub deadline: Option<Month>,
    /// The month the commission decided it started, when that is on record by the as-of month
    /// (then every outlook is that month: a decision, not a forecast).
    #[serde(serialize_with = "month_opt_text")]
    pub started: Option<Month>,
    /// Without the what-if (`None` when it cannot be forecast).
    pub baseline: Option<Outlook>,
    /// With the what-if, on the same random numbers (`None` without a what-if).
    pub scenario: Option<Outlook>,
    /// Why it cannot be forecast.
    pub cannot_forecast: Option<Blocker>,
}

/// When a phase may start, over the simulated futures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outlook {
    /// 10th percentile of the start month (`None`: beyond the horizon).
    #[serde(serialize_with = "month_opt_text")]
    pub p10: Option<Month>,
    /// Median start month.
    #[serde(serialize_with = "month_opt_text")]
    pub p50: Option<Month>,
    /// 90th percentile.
    #[serde(serialize_with = "month_opt_text")]
    pub p90: Option<Month>,
    /// Share of futures starting by the deadline (`None` without a deadline).
    pub p_by_deadline: Option<f64>,
    /// Share of futures not starting within the horizon.
    pub p_not_within_horizon: f64,
    /// First-passage distribution: per month from the origin, the share of futures in which the
    /// phase has started by the end of that month (non-decreasing; 1 − the last = not within the horizon).
    pub cdf: Vec<f64>,
    /// The clause that held the phase back in the most futures (`None` when the phase starts at its
    /// first possible month — the origin, its earliest start, each predecessor's P90 plus the lag —
    /// in at least 90% of futures: then the gate did not set the date).
    pub held_back_by: Option<HeldBack>,
}

/// A clause that held a phase back, and how often.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HeldBack {
    /// The clause in gate-language text (with the what-if's threshold, if changed).
    pub clause: String,
    /// Its number in the gate, from 1.
    pub clause_number: u32,
    /// `factor.indicator`.
    pub indicator: String,
    /// The indicator's name.
    pub indicator_name: Text,
    /// The area where it held the phase back.
    pub area: Id,
    /// Share of futures it held back.
    pub share: f64,
}

/// One series the gates read, and its fit.
#[derive(Debug, Clone, Serialize)]
pub struct SeriesFit {
    /// `factor.indicator`.
    pub indicator: String,
    /// The area whose figures these are.
    pub area: Id,
    /// The areas whose gates read it (an enclosing area's figures stand in for areas without).
    pub read_for: Vec<Id>,
    /// The publisher.
    pub publisher: Option<Id>,
    /// The model scale: `log1p` (counts), `logit` (shares), `level` (ranks), `identity`.
    pub scale: &'static str,
    /// Figures up to the as-of month.
    pub observations: usize,
    /// The first and last period with a figure.
    #[serde(serialize_with = "period_opt_text")]
    pub first: Option<Period>,
    /// The last period with a figure.
    #[serde(serialize_with = "period_opt_text")]
    pub last: Option<Period>,
    /// True when any figure used is illustrative.
    pub illustrative: bool,
    /// Log-likelihood (statsmodels' convention), when fitted.
    pub log_likelihood: Option<f64>,
    /// The variances simulated (model scale): the chosen model's fit, calibrated, plus the floor.
    pub variances: Option<VarianceReport>,
    /// Which model forecasts the series, and why.
    pub model: Option<ModelReport>,
    /// Why it could not be fitted.
    pub problem: Option<Blocker>,
}

/// The model chosen for a series and the evidence: how every candidate forecast its own past.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ModelReport {
    /// The chosen model (`no-change`, `long-run-mean`, `local-level`, `robust-level`, `damped-trend`, `local-linear-trend`).
    pub chosen: &'static str,
    /// `lowest-crps`, or `too-short-to-compare` (then the local level, uncalibrated).
    pub reason: &'static str,
    /// Past forecasts (origin × month) behind each score.
    pub forecasts: usize,
    /// The factor applied to the model's standard deviations so its past 80% intervals held 80%.
    pub inflation: f64,
    /// The slope's monthly damping (1: undamped; 0: no slope).
    pub damping: f64,
    /// The variance floor added (model scale), from the series' discrete steps.
    pub floor: VarianceReport,
    /// Highest median the trend may reach (natural scale), when bounded.
    pub median_cap: Option<f64>,
    /// Every candidate, simplest first.
    pub candidates: Vec<CandidateReport>,
}

/// One candidate's record on the series' past.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CandidateReport {
    /// The model.
    pub model: &'static str,
    /// Mean CRPS of its past forecasts (natural units; lower is better).
    pub crps: Option<f64>,
    /// Share of past months inside its calibrated 80% interval.
    pub coverage_80: Option<f64>,
    /// Its calibration factor.
    pub inflation: f64,
}

impl ModelReport {
    /// The report of an engine choice for a series on `transform`'s scale.
    pub fn new(c: &engine::ModelChoice, transform: engine::Transform) -> Self {
        ModelReport {
            chosen: c.kind.id(),
            reason: match c.reason {
                engine::ChoiceReason::LowestCrps => "lowest-crps",
                engine::ChoiceReason::TooShortToCompare => "too-short-to-compare",
            },
            forecasts: c.forecasts,
            inflation: c.inflation,
            damping: c.model.damping,
            floor: VarianceReport { irregular: c.floor.irregular, level: c.floor.level, slope: c.floor.slope },
            median_cap: c.model.median_bounds.map(|b| transform.natural(b[1])).filter(|x| x.is_finite()),
            candidates: c
                .candidates
                .iter()
                .map(|s| CandidateReport {
                    model: s.kind.id(),
                    crps: s.crps,
                    coverage_80: s.coverage_80,
                    inflation: s.inflation,
                })
                .collect(),
        }
    }
}

/// The three disturbance variances.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct VarianceReport {
    /// Observation noise.
    pub irregular: f64,
    /// Level shocks.
    pub level: f64,
    /// Slope shocks.
    pub slope: f64,
}

fn month_text<S: Serializer>(m: &Month, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(m)
}
fn month_opt_text<S: Serializer>(m: &Option<Month>, s: S) -> Result<S::Ok, S::Error> {
    match m {
        Some(m) => s.collect_str(m),
        None => s.serialize_none(),
    }
}
fn period_text<S: Serializer>(p: &Period, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(p)
}
fn period_opt_text<S: Serializer>(p: &Option<Period>, s: S) -> Result<S::Ok, S::Error> {
    match p {
        Some(p) => s.collect_str(p),
        None => s.serialize_none(),
    }
}

/// The engine's transform for an indicator's kind (levels: the current scale version's level count).
pub fn transform_of(case: &Case, indicator: &Indicator) -> engine::Transform {
    match indicator.kind {
        IndicatorKind::Count => engine::Transform::Count,
        IndicatorKind::Share => engine::Transform::Share,
        IndicatorKind::Number => engine::Transform::Number,
        IndicatorKind::Level => {
            let levels = indicator
                .scale
                .as_ref()
                .and_then(|s| case.scale(s.as_str()))
                .map_or(1, |s| s.current().levels.len() as u32);
            engine::Transform::Level { levels }
        }
    }
}

fn scale_name(t: engine::Transform) -> &'static str {
    match t {
        engine::Transform::Count => "log1p",
        engine::Transform::Share => "logit",
        engine::Transform::Level { .. } => "level",
        engine::Transform::Number => "identity",
    }
}

/// A series the gates read, ready (or not) for the engine.
#[derive(Debug, Clone)]
pub struct PreparedSeries {
    /// The indicator.
    pub factor: Id,
    /// The indicator within the factor.
    pub indicator: Id,
    /// The figures used: the reference publisher's, up to the as-of month.
    pub series: Series,
    /// The areas whose gates read it.
    pub read_for: Vec<Id>,
    /// How natural values map to the model scale.
    pub transform: engine::Transform,
    /// The engine's input, when the series could be fitted.
    pub input: Result<engine::SeriesInput, Blocker>,
    /// The model chosen for it, when it could be fitted.
    pub choice: Option<engine::ModelChoice>,
}

impl PreparedSeries {
    /// `factor.indicator`.
    pub fn name(&self) -> String {
        format!("{}.{}", self.factor, self.indicator)
    }
    /// The level the filter ends on, on the model scale (before its last slope step).
    fn last_filtered_level(&self) -> Option<f64> {
        self.input.as_ref().ok().map(|i| i.trend.next_state.mean[0] - i.trend.next_state.mean[1])
    }
}

/// A case ready to simulate: its series fitted, its phases compiled.
#[derive(Debug, Clone)]
pub struct Prepared<'c> {
    case: &'c Case,
    settings: Settings,
    /// The first simulated month: the month after the latest figure of any fitted series (at
    /// most the origin), so that months between the last figures and the as-of date are
    /// simulated too rather than counted as "not held" in gate windows.
    simulate_from: Month,
    /// Every series the gates read, in first-use order.
    pub series: Vec<PreparedSeries>,
    /// Engine index of each series (`None` when it could not be fitted).
    engine_index: Vec<Option<usize>>,
    /// Per case phase: the series (indices into `series`) of each area's clauses, area by area.
    clause_series: Vec<Vec<Vec<usize>>>,
    /// Per case phase: simulated, started, or blocked.
    pub phase_slots: Vec<PhaseSlot>,
    /// The baseline conditions, per engine phase.
    pub conditions: Vec<engine::Condition>,
}

/// What the forecast does with one phase of the case.
#[derive(Debug, Clone, PartialEq)]
pub enum PhaseSlot {
    /// Simulated: its index in the engine's phase graph.
    Engine(usize),
    /// Recorded as started in or before the as-of month: a decision, fixed at that month.
    Started(Month),
    /// Cannot be forecast, and why.
    Blocked(Blocker),
}

impl PhaseSlot {
    fn engine(&self) -> Option<usize> {
        match self {
            PhaseSlot::Engine(i) => Some(*i),
            _ => None,
        }
    }
}

/// Collects, fits and compiles everything a forecast of `case` needs.
pub fn prepare<'c>(case: &'c Case, settings: &Settings) -> Prepared<'c> {
    // 1. The series every gate reads, one per indicator and data area.
    let mut series: Vec<PreparedSeries> = Vec::new();
    let mut index: BTreeMap<(String, Id), usize> = BTreeMap::new();
    let mut clause_series = Vec::with_capacity(case.phases.len());
    let mut unresolved = vec![false; case.phases.len()];
    // A phase recorded as started (by the as-of month) is a decision: its gate is not read.
    let started: Vec<Option<Month>> = case.phases.iter().map(|p| p.started.filter(|m| *m <= settings.as_of)).collect();
    for (pi, phase) in case.phases.iter().enumerate() {
        let mut per_area = Vec::with_capacity(phase.areas.len());
        if started[pi].is_some() {
            clause_series.push(per_area);
            continue;
        }
        for area in &phase.areas {
            let mut ids = Vec::new();
            for clause in phase.gate.clauses() {
                let Some(ind) = case.indicator(&clause.factor, &clause.indicator) else {
                    unresolved[pi] = true; // only a case built in code gets here: the loader checks names
                    continue;
                };
                let mut s = case.series(ind, area.as_str());
                s.points.retain(|p| p.period.last_month() <= settings.as_of);
                let key = (ind.qualified_name(), s.data_area.clone());
                let at = *index.entry(key).or_insert_with(|| {
                    series.push(PreparedSeries {
                        factor: ind.factor.clone(),
                        indicator: ind.id.clone(),
                        transform: transform_of(case, ind),
                        series: s,
                        read_for: Vec::new(),
                        input: Err(Blocker::Predecessor { phase: phase.id.clone() }), // replaced below
                        choice: None,
                    });
                    series.len() - 1
                });
                if !series[at].read_for.contains(area) {
                    series[at].read_for.push(area.clone());
                }
                ids.push(at);
            }
            per_area.push(ids);
        }
        clause_series.push(per_area);
    }

    // 2. Choose and fit every series' model at once (in parallel, in the engine; cached by figures).
    let grids: Vec<(Month, Vec<f64>)> = series.iter().map(|s| grid(&s.series)).collect();
    let model: Vec<Result<Vec<f64>, engine::ForecastError>> =
        series.iter().zip(&grids).enumerate().map(|(i, (s, (_, y)))| s.transform.forward_series(i, y)).collect();
    let fittable: Vec<usize> = (0..series.len()).filter(|&i| matches!(&model[i], Ok(y) if !y.is_empty())).collect();
    let to_fit: Vec<(&[f64], engine::Transform)> =
        fittable.iter().map(|&i| (model[i].as_deref().unwrap_or(&[]), series[i].transform)).collect();
    let mut fits: Vec<Option<Result<engine::ModelChoice, engine::ForecastError>>> = vec![None; series.len()];
    for (i, f) in fittable.iter().zip(engine::choose_many_cached(&to_fit, &engine::ChoiceConfig::default())) {
        fits[*i] = Some(f);
    }
    let mut engine_index = vec![None; series.len()];
    let mut next = 0;
    for (i, s) in series.iter_mut().enumerate() {
        let name = s.name();
        let area = s.series.data_area.clone();
        let blocker = |e: &engine::ForecastError, s: &PreparedSeries, start: Month| match *e {
            engine::ForecastError::TooFewObservations { found, needed, .. } => {
                Blocker::TooFewFigures { indicator: name.clone(), area: area.clone(), figures: found, needed }
            }
            engine::ForecastError::EmptySeries { .. } => Blocker::TooFewFigures {
                indicator: name.clone(),
                area: area.clone(),
                figures: 0,
                needed: engine::MIN_OBSERVATIONS,
            },
            engine::ForecastError::OutOfDomain { month, value, .. } => {
                let m = start.plus(month as i32);
                let period =
                    s.series.points.iter().find(|p| p.period.last_month() == m).map_or(Period::Month(m), |p| p.period);
                Blocker::OutOfRange { indicator: name.clone(), area: area.clone(), period, value }
            }
            ref other => Blocker::Model { indicator: name.clone(), area: area.clone(), detail: other.to_string() },
        };
        let (start, natural) = &grids[i];
        s.input = match (&model[i], fits[i].take()) {
            (Err(e), _) => Err(blocker(e, s, *start)),
            (Ok(_), None) => Err(Blocker::TooFewFigures {
                indicator: name.clone(),
                area: area.clone(),
                figures: 0,
                needed: engine::MIN_OBSERVATIONS,
            }),
            (Ok(_), Some(Err(e))) => Err(blocker(&e, s, *start)),
            (Ok(_), Some(Ok(choice))) => Ok(engine::SeriesInput {
                trend: {
                    let trend = choice.model;
                    s.choice = Some(choice);
                    trend
                },
                transform: s.transform,
                last_month: start.0 + natural.len() as i32 - 1,
                history: history(&s.series),
            }),
        };
        if s.input.is_ok() {
            engine_index[i] = Some(next);
            next += 1;
        }
    }

    // 3. Which phases can be forecast: every series they read fitted, every predecessor forecastable.
    let mut slots: Vec<Option<Result<usize, Blocker>>> = vec![None; case.phases.len()];
    for (pi, per_area) in clause_series.iter().enumerate() {
        if started[pi].is_some() {
            slots[pi] = Some(Ok(0));
        } else if let Some(b) = per_area.iter().flatten().find_map(|&si| series[si].input.as_ref().err()) {
            slots[pi] = Some(Err(b.clone()));
        } else if unresolved[pi] {
            slots[pi] = Some(Err(Blocker::Model {
                indicator: String::new(),
                area: case.phases[pi].id.clone(),
                detail: "unknown indicator".into(),
            }));
        }
    }
    // Predecessors: repeat until nothing changes (the loader refuses cycles; a cycle here stays blocked).
    loop {
        let mut changed = false;
        for (pi, phase) in case.phases.iter().enumerate() {
            if slots[pi].is_some() {
                continue;
            }
            let mut ready = true;
            for q in &phase.predecessors {
                match case.phases.iter().position(|p| &p.id == q).map(|qi| &slots[qi]) {
                    Some(Some(Err(_))) => {
                        slots[pi] = Some(Err(Blocker::Predecessor { phase: q.clone() }));
                        changed = true;
                        break;
                    }
                    Some(Some(Ok(_))) => {}
                    _ => ready = false,
                }
            }
            if slots[pi].is_none() && ready {
                slots[pi] = Some(Ok(0)); // numbered below, in case order
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let mut phase_slots = Vec::with_capacity(case.phases.len());
    let mut n = 0;
    for (pi, s) in slots.into_iter().enumerate() {
        phase_slots.push(match (s, started[pi]) {
            (_, Some(m)) => PhaseSlot::Started(m),
            (Some(Ok(_)), None) => {
                n += 1;
                PhaseSlot::Engine(n - 1)
            }
            (Some(Err(b)), None) => PhaseSlot::Blocked(b),
            (None, None) => PhaseSlot::Blocked(Blocker::Predecessor {
                phase: case.phases[pi].predecessors.first().cloned().unwrap_or_else(|| case.phases[pi].id.clone()),
            }),
        });
    }
    let simulate_from = series
        .iter()
        .filter_map(|s| s.input.as_ref().ok())
        .map(|i| Month(i.last_month + 1))
        .max()
        .map_or(settings.origin(), |m| m.min(settings.origin()));
    let mut prepared = Prepared {
        case,
        settings: *settings,
        simulate_from,
        series,
        engine_index,
        clause_series,
        phase_slots,
        conditions: Vec::new(),
    };
    prepared.conditions = prepared.compile(&|pi| &case.phases[pi].gate);
    prepared
}

/// A clause's threshold as the engine compares it: numbers as they are, levels as ranks on the
/// current scale version (NaN when the level is unknown).
fn clause_threshold(case: &Case, c: &Clause) -> f64 {
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

/// The monthly grid from the first figure's month to the last's, NaN where there is none.
fn grid(s: &Series) -> (Month, Vec<f64>) {
    match (s.points.first(), s.points.last()) {
        (Some(a), Some(b)) => {
            let start = a.period.last_month();
            (start, s.monthly(start, (b.period.last_month().0 - start.0 + 1) as usize))
        }
        _ => (Month(0), Vec::new()),
    }
}

/// Natural values by month for the clause windows, each figure covering every month of its
/// period (a quarter's figure stands for its three months, as the gate language reads it).
fn history(s: &Series) -> Vec<f64> {
    let (Some(a), Some(b)) = (s.points.first(), s.points.last()) else {
        return Vec::new();
    };
    let start = a.period.first_month();
    let mut out = vec![f64::NAN; (b.period.last_month().0 - start.0 + 1) as usize];
    for p in &s.points {
        for m in p.period.first_month().0..=p.period.last_month().0 {
            out[(m - start.0) as usize] = p.value;
        }
    }
    out
}

impl Prepared<'_> {
    /// The settings this was prepared with.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The engine's index of the series of `indicator` (`factor.indicator`) with figures from `data_area`.
    pub fn engine_index_of(&self, indicator: &str, data_area: &str) -> Option<usize> {
        let i = self.series.iter().position(|s| s.name() == indicator && s.series.data_area.as_str() == data_area)?;
        self.engine_index[i]
    }

    /// The first simulated month (see the field's note).
    pub fn simulate_from(&self) -> Month {
        self.simulate_from
    }

    /// Engine conditions of each forecastable phase, with `gate_of` giving each case phase's gate.
    fn compile<'g>(&self, gate_of: &dyn Fn(usize) -> &'g Gate) -> Vec<engine::Condition> {
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
                    self.condition(&gate.expr, &mut || {
                        self.engine_index[*next.next().expect("one series per clause")].expect("fitted")
                    })
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

    fn condition(&self, e: &Expr, series: &mut dyn FnMut() -> usize) -> engine::Condition {
        match e {
            Expr::Clause(c) => engine::Condition::Clause {
                series: series(),
                cmp: c.cmp.into(),
                threshold: self.threshold(c),
                window_months: c.window_months,
            },
            Expr::And(v) => engine::Condition::And(v.iter().map(|x| self.condition(x, series)).collect()),
            Expr::Or(v) => engine::Condition::Or(v.iter().map(|x| self.condition(x, series)).collect()),
            Expr::Not(x) => engine::Condition::Not(Box::new(self.condition(x, series))),
        }
    }

    /// A clause's threshold as the engine compares it (see [`clause_threshold`]).
    fn threshold(&self, c: &Clause) -> f64 {
        clause_threshold(self.case, c)
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

    /// The engine's inputs: the fitted series, in engine order.
    pub fn inputs(&self) -> Vec<engine::SeriesInput> {
        self.series.iter().filter_map(|s| s.input.as_ref().ok().cloned()).collect()
    }

    /// The engine's configuration.
    pub fn config(&self) -> engine::SimulationConfig {
        engine::SimulationConfig {
            origin_month: self.simulate_from.0,
            horizon_months: self.settings.horizon_months + (self.settings.origin().0 - self.simulate_from.0) as u32,
            paths: self.settings.paths,
            seed: self.settings.seed,
        }
    }

    /// The engine shock for one case shock on one fitted series.
    fn engine_shock(&self, si: usize, shock: &ScenarioShock) -> Option<engine::Shock> {
        let ei = self.engine_index[si]?;
        let s = &self.series[si];
        let t = s.transform;
        let z = s.last_filtered_level()?;
        // The natural value at a model-scale level, without the rounding levels get when shown.
        let natural = |z: f64| {
            if matches!(t, engine::Transform::Level { .. }) { z } else { t.back(z) }
        };
        let forward = |x: f64| {
            if matches!(t, engine::Transform::Level { .. }) { x } else { t.forward(x) }
        };
        let mut level = 0.0;
        if let Some(k) = shock.multiply {
            level += match t {
                engine::Transform::Count => engine::Transform::count_multiplier_shift(k),
                _ => forward(natural(z) * k) - z,
            };
        }
        if let Some(k) = shock.shift {
            let at = z + level;
            level += forward(natural(at) + k) - at;
        }
        Some(engine::Shock {
            series: ei,
            from_month: shock.from.0,
            level_shift: if level.is_finite() { level } else { 0.0 },
            slope_change: shock.slope.unwrap_or(0.0),
            variance_multiplier: shock.variance.unwrap_or(1.0),
        })
    }

    /// The series (indices into `series`) a shock applies to: its indicator, in the areas it names
    /// (as read for, or as the data's own area), or everywhere.
    fn shocked_series(&self, shock: &ScenarioShock) -> Vec<usize> {
        (0..self.series.len())
            .filter(|&i| {
                let s = &self.series[i];
                s.factor == shock.factor
                    && s.indicator == shock.indicator
                    && (shock.areas.is_empty()
                        || shock.areas.iter().any(|a| a == &s.series.data_area || s.read_for.contains(a)))
            })
            .collect()
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
    // The scenario's gates: the case's with the thresholds changed (checked like the loader does).
    let mut gates: Vec<Gate> = case.phases.iter().map(|p| p.gate.clone()).collect();
    let mut threshold_reports = Vec::new();
    if let Some(w) = what_if {
        for ch in &w.thresholds {
            let (pi, edited) = what_if::apply_threshold(case, &gates, ch).map_err(Error::WhatIf)?;
            let before = gates[pi].clauses()[ch.clause as usize - 1].to_source();
            let after = edited.clauses()[ch.clause as usize - 1].to_source();
            threshold_reports.push(ThresholdReport { phase: ch.phase.clone(), clause: ch.clause, before, after });
            gates[pi] = edited;
        }
    }
    let mut shocks = Vec::new();
    let mut shock_reports = Vec::new();
    if let Some(w) = what_if {
        for sh in &w.shocks {
            let hit = prepared.shocked_series(sh);
            let mut names = Vec::new();
            for si in hit {
                if let Some(s) = prepared.engine_shock(si, sh) {
                    shocks.push(s);
                    names.push(format!("{}@{}", prepared.series[si].name(), prepared.series[si].series.data_area));
                }
            }
            shock_reports.push(ShockReport {
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
    }

    let inputs = prepared.inputs();
    let config = prepared.config();
    let baseline_graph = prepared.graph(prepared.conditions.clone())?;
    let (baseline, scenario) = if baseline_graph.phases().is_empty() {
        (None, None)
    } else if let Some(_w) = what_if {
        let scenario_graph = prepared.graph(prepared.compile(&|pi| &gates[pi]))?;
        let c = engine::compare_scenario(&inputs, &baseline_graph, &scenario_graph, &shocks, &config)?;
        (Some(c.baseline), Some(c.scenario))
    } else {
        (Some(engine::forecast(&inputs, &baseline_graph, &[], &config)?), None)
    };

    // Illustrative: the phase, a series it reads, or (transitively) a phase it waits for.
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

    let phases: Vec<PhaseForecast> = case
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
                baseline: outlook(&baseline, &p.gate).or_else(|| started_outlook(slot, p.deadline)),
                scenario: outlook(&scenario, &gates[pi])
                    .or_else(|| if what_if.is_some() { started_outlook(slot, p.deadline) } else { None }),
                cannot_forecast: blocker,
            }
        })
        .collect();

    let phases = not_held_back(case, settings, phases);

    let series = prepared
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
        .collect();

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
        phases,
        series,
    })
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
