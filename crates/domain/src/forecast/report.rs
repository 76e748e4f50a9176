//! What a forecast reports: the JSON shape the commands print and the pages read
//! (`docs/forecast-command.md`), and how months and periods are written in it.

use serde::{Serialize, Serializer};

use super::*;

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

pub(super) fn month_text<S: Serializer>(m: &Month, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(m)
}
pub(super) fn month_opt_text<S: Serializer>(m: &Option<Month>, s: S) -> Result<S::Ok, S::Error> {
    match m {
        Some(m) => s.collect_str(m),
        None => s.serialize_none(),
    }
}
pub(super) fn period_text<S: Serializer>(p: &Period, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(p)
}
pub(super) fn period_opt_text<S: Serializer>(p: &Option<Period>, s: S) -> Result<S::Ok, S::Error> {
    match p {
        Some(p) => s.collect_str(p),
        None => s.serialize_none(),
    }
}
