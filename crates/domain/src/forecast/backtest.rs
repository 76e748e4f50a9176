//! Backtest: for every series of the case, hold out its last figures, forecast them from the
//! rest, and compare with two naive forecasts (the last value; the average change continued).
//!
//! The hold-out is given in months and turned into figures by the indicator's frequency, so
//! that every series gives up about the same stretch of time: 12 months are 12 monthly
//! figures, 4 quarterly ones or 1 yearly one (always at least one).

use serde::{Serialize, Serializer};
use tahawul_forecast as engine;

use super::{Blocker, grid, transform_of};
use crate::model::{Case, Id, Text};
use crate::period::{Frequency, Period};

/// One series' backtest.
#[derive(Debug, Clone, Serialize)]
pub struct SeriesBacktest {
    /// `factor.indicator`.
    pub indicator: String,
    /// The indicator's name.
    pub indicator_name: Text,
    /// The area (its own figures only).
    pub area: Id,
    /// The publisher.
    pub publisher: Option<Id>,
    /// How often it is reported.
    pub frequency: Frequency,
    /// Figures in the series.
    pub observations: usize,
    /// Figures held out.
    pub held_out: usize,
    /// True when any figure is illustrative.
    pub illustrative: bool,
    /// The scores, when there were enough figures.
    pub scores: Option<SeriesScores>,
    /// Why it was not scored.
    pub skipped: Option<Blocker>,
}

/// How the model and the baselines did on one series (natural units).
#[derive(Debug, Clone, Serialize)]
pub struct SeriesScores {
    /// Share of held-out figures inside the model's central 80% interval.
    pub coverage_80: f64,
    /// Mean absolute error of the model's median.
    pub mae_model: f64,
    /// Mean absolute error of "the last value stays".
    pub mae_naive: f64,
    /// Mean absolute error of "the average change per month continues".
    pub mae_drift: f64,
    /// The held-out figures.
    pub points: Vec<BacktestPoint>,
}

/// One held-out figure and its forecast.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct BacktestPoint {
    /// The period.
    #[serde(serialize_with = "period_text")]
    pub period: Period,
    /// What was reported.
    pub actual: f64,
    /// The model's median.
    pub forecast: f64,
    /// Lower end of the central 80% interval.
    pub lower_80: f64,
    /// Upper end.
    pub upper_80: f64,
}

fn period_text<S: Serializer>(p: &Period, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(p)
}

/// Scores over all series. Errors are in each series' own units, so the overall comparison
/// with the baselines is by ratio (geometric mean of model error / baseline error).
#[derive(Debug, Clone, Serialize)]
pub struct BacktestOverall {
    /// Series scored.
    pub series: usize,
    /// Series skipped for lack of figures.
    pub skipped: usize,
    /// Held-out figures scored.
    pub points: usize,
    /// Share of all held-out figures inside their 80% interval (ideally about 0.8).
    pub coverage_80: Option<f64>,
    /// Series where the model's error is below the last-value baseline's.
    pub model_beats_naive: usize,
    /// Series where the model's error is below the drift baseline's.
    pub model_beats_drift: usize,
    /// Geometric mean of model error / last-value error (below 1: the model does better).
    pub mae_ratio_naive: Option<f64>,
    /// Geometric mean of model error / drift error.
    pub mae_ratio_drift: Option<f64>,
}

/// A case's backtest.
#[derive(Debug, Clone, Serialize)]
pub struct BacktestReport {
    /// The case.
    pub case: Id,
    /// Months held out (turned into figures per series by frequency).
    pub holdout_months: u32,
    /// One entry per indicator and area with figures of its own.
    pub series: Vec<SeriesBacktest>,
    /// Over all series.
    pub overall: BacktestOverall,
}

/// Figures held out for `months` months of a series reported every `freq` (at least one).
pub fn holdout_points(freq: Frequency, months: u32) -> usize {
    (months as usize).div_ceil(freq.months() as usize).max(1)
}

/// Backtests every indicator in every area with figures of its own (the reference publisher's).
pub fn backtest(case: &Case, holdout_months: u32) -> BacktestReport {
    let mut series = Vec::new();
    for ind in &case.indicators {
        for area in &case.areas {
            let s = case.series(ind, area.id.as_str());
            if s.points.is_empty() || s.data_area != area.id {
                continue;
            }
            let held_out = holdout_points(ind.frequency, holdout_months);
            let (start, natural) = grid(&s);
            let transform = transform_of(case, ind);
            let mut out = SeriesBacktest {
                indicator: ind.qualified_name(),
                indicator_name: ind.name.clone(),
                area: area.id.clone(),
                publisher: s.publisher.clone(),
                frequency: ind.frequency,
                observations: s.points.len(),
                held_out,
                illustrative: s.has_illustrative(),
                scores: None,
                skipped: None,
            };
            match engine::backtest(&natural, transform, held_out) {
                Ok(r) => {
                    let period = |m: usize| {
                        let month = start.plus(m as i32);
                        s.points
                            .iter()
                            .find(|p| p.period.last_month() == month)
                            .map_or(Period::Month(month), |p| p.period)
                    };
                    out.scores = Some(SeriesScores {
                        coverage_80: r.coverage_80,
                        mae_model: r.mae_model,
                        mae_naive: r.mae_naive,
                        mae_drift: r.mae_drift,
                        points: r
                            .points
                            .iter()
                            .map(|p| BacktestPoint {
                                period: period(p.month),
                                actual: p.actual,
                                forecast: p.forecast,
                                lower_80: p.lower_80,
                                upper_80: p.upper_80,
                            })
                            .collect(),
                    });
                }
                Err(e) => {
                    out.skipped = Some(match e {
                        engine::ForecastError::TooFewObservations { found, needed, .. } => Blocker::TooFewFigures {
                            indicator: ind.qualified_name(),
                            area: area.id.clone(),
                            figures: found,
                            needed,
                        },
                        other => Blocker::Model {
                            indicator: ind.qualified_name(),
                            area: area.id.clone(),
                            detail: other.to_string(),
                        },
                    })
                }
            }
            series.push(out);
        }
    }
    let overall = overall(&series);
    BacktestReport { case: case.id.clone(), holdout_months, series, overall }
}

fn overall(series: &[SeriesBacktest]) -> BacktestOverall {
    let scored: Vec<&SeriesScores> = series.iter().filter_map(|s| s.scores.as_ref()).collect();
    let points: usize = scored.iter().map(|s| s.points.len()).sum();
    let inside: usize =
        scored.iter().flat_map(|s| &s.points).filter(|p| p.lower_80 <= p.actual && p.actual <= p.upper_80).count();
    let geo_mean = |ratio: &dyn Fn(&SeriesScores) -> f64| -> Option<f64> {
        let logs: Vec<f64> =
            scored.iter().map(|s| ratio(s)).filter(|r| r.is_finite() && *r > 0.0).map(f64::ln).collect();
        (!logs.is_empty()).then(|| (logs.iter().sum::<f64>() / logs.len() as f64).exp())
    };
    BacktestOverall {
        series: scored.len(),
        skipped: series.len() - scored.len(),
        points,
        coverage_80: (points > 0).then(|| inside as f64 / points as f64),
        model_beats_naive: scored.iter().filter(|s| s.mae_model < s.mae_naive).count(),
        model_beats_drift: scored.iter().filter(|s| s.mae_model < s.mae_drift).count(),
        mae_ratio_naive: geo_mean(&|s| s.mae_model / s.mae_naive),
        mae_ratio_drift: geo_mean(&|s| s.mae_model / s.mae_drift),
    }
}
