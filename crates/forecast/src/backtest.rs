//! Backtesting over rolling origins: at each origin, choose and fit on the months before it
//! only, forecast the next months without updating, and score against what happened.
//!
//! Intervals and the median are the model's exact predictive quantiles (normal on the model
//! scale, mapped back); the CRPS and the PIT come from a simulated sample of the same model,
//! drawn by the same sampler as the phase forecasts.

use crate::choice::{ChoiceConfig, ModelChoice, choose_indexed};
use crate::error::{ForecastError, Result};
use crate::model::ModelKind;
use crate::score::{crps_sorted_sample, normal_quantile, pit_sorted_sample};
use crate::simulate::simulate_values;
use crate::transform::Transform;
use crate::trend::MIN_OBSERVATIONS;

/// Central intervals reported: 50%, 80% and 90%.
pub const INTERVALS: [f64; 3] = [0.5, 0.8, 0.9];

/// One forecast month: what happened and what was forecast (natural scale).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BacktestPoint {
    /// Index of the month on the series' grid.
    pub month: usize,
    /// Months ahead (1 = the origin month, the first month not used for fitting).
    pub horizon: usize,
    /// The observed value.
    pub actual: f64,
    /// Forecast median.
    pub forecast: f64,
    /// Lower end of the central 80% interval.
    pub lower_80: f64,
    /// Upper end of the central 80% interval.
    pub upper_80: f64,
    /// Central 50% interval.
    pub interval_50: [f64; 2],
    /// Central 90% interval.
    pub interval_90: [f64; 2],
    /// CRPS of the simulated sample.
    pub crps: f64,
    /// The last value observed before the origin (the no-change forecast).
    pub no_change: f64,
    /// Probability integral transform (ties counted half).
    pub pit: f64,
}

impl BacktestPoint {
    /// Is the actual value inside the central interval of this level (0.5, 0.8 or 0.9)?
    pub fn inside(&self, level: f64) -> bool {
        let [lo, hi] = if level == 0.5 {
            self.interval_50
        } else if level == 0.9 {
            self.interval_90
        } else {
            [self.lower_80, self.upper_80]
        };
        lo <= self.actual && self.actual <= hi
    }

    /// The no-change forecast's CRPS: a point forecast's CRPS is its absolute error.
    pub fn crps_no_change(&self) -> f64 {
        (self.actual - self.no_change).abs()
    }
}

/// One origin's forecast and the model chosen for it.
#[derive(Debug, Clone, PartialEq)]
pub struct OriginForecast {
    /// Grid index of the first forecast month.
    pub origin: usize,
    /// The model chosen on the months before the origin.
    pub choice: ModelChoice,
    /// The observed months forecast.
    pub points: Vec<BacktestPoint>,
}

/// How to run a rolling backtest.
#[derive(Debug, Clone, PartialEq)]
pub struct BacktestConfig {
    /// Grid indices of the first forecast month of each origin.
    pub origins: Vec<usize>,
    /// Months forecast from each origin.
    pub horizon: usize,
    /// Simulated draws per month for the CRPS and the PIT.
    pub paths: u32,
    /// The seed of the draws.
    pub seed: u64,
    /// How each origin's model is chosen.
    pub choice: ChoiceConfig,
}

/// Forecasts from every origin that has at least [`MIN_OBSERVATIONS`] observed months before
/// it and one observed month in its horizon; other origins are left out.
pub fn rolling_backtest(natural: &[f64], transform: Transform, config: &BacktestConfig) -> Result<Vec<OriginForecast>> {
    if natural.is_empty() {
        return Err(ForecastError::EmptySeries { series: 0 });
    }
    if config.horizon == 0 {
        return Err(ForecastError::InvalidParameter { what: "months forecast from each origin", value: 0.0 });
    }
    let y = transform.forward_series(0, natural)?;
    let mut out = Vec::new();
    for &origin in &config.origins {
        if origin == 0 || origin >= y.len() {
            continue;
        }
        let train = &y[..origin];
        if train.iter().filter(|x| !x.is_nan()).count() < MIN_OBSERVATIONS {
            continue;
        }
        let end = (origin + config.horizon).min(y.len());
        if y[origin..end].iter().all(|x| x.is_nan()) {
            continue;
        }
        let choice = choose_indexed(0, train, transform, &config.choice)?;
        let last = train.iter().rposition(|x| !x.is_nan()).expect("observed months");
        let no_change = natural[last];
        let months = end - origin;
        let sample = simulate_values(&choice.model, transform, months, config.paths, config.seed)?;
        let median = choice.model.median_path(months);
        // Exact predictive variances on the model scale, month by month.
        let mut state = choice.model.next_state;
        let mut sd = Vec::with_capacity(months);
        for _ in 0..months {
            sd.push((state.cov[0][0] + choice.model.variances.irregular).max(0.0).sqrt());
            state = state.advance_damped(choice.model.variances, choice.model.damping, 1);
        }
        let interval = |h: usize, level: f64| {
            let z = normal_quantile(0.5 + level / 2.0);
            [transform.natural(median[h] - z * sd[h]), transform.natural(median[h] + z * sd[h])]
        };
        let mut points = Vec::new();
        for month in origin..end {
            if y[month].is_nan() {
                continue;
            }
            let h = month - origin;
            let actual = natural[month];
            let [lower_80, upper_80] = interval(h, 0.8);
            points.push(BacktestPoint {
                month,
                horizon: h + 1,
                actual,
                forecast: transform.natural(median[h]),
                lower_80,
                upper_80,
                interval_50: interval(h, 0.5),
                interval_90: interval(h, 0.9),
                crps: crps_sorted_sample(&sample[h], actual),
                no_change,
                pit: pit_sorted_sample(&sample[h], actual),
            });
        }
        out.push(OriginForecast { origin, choice, points });
    }
    Ok(out)
}

/// How well the model forecast the held-out months, against two simple baselines.
#[derive(Debug, Clone, PartialEq)]
pub struct BacktestReport {
    /// The held-out months.
    pub points: Vec<BacktestPoint>,
    /// The model chosen on the months before them.
    pub model: ModelKind,
    /// Share of held-out values inside their 80% interval (ideally near 0.8).
    pub coverage_80: f64,
    /// Mean absolute error of the model's median.
    pub mae_model: f64,
    /// Mean absolute error of "same as the last observed value".
    pub mae_naive: f64,
    /// Mean absolute error of "continue the average change per month".
    pub mae_drift: f64,
}

/// Holds out the last `hold_out` observed months of a natural-scale series, chooses and fits on
/// the months before, and scores (one origin of [`rolling_backtest`], 1,000 draws, seed 1).
pub fn backtest(natural: &[f64], transform: Transform, hold_out: usize) -> Result<BacktestReport> {
    if natural.is_empty() {
        return Err(ForecastError::EmptySeries { series: 0 });
    }
    if hold_out == 0 {
        return Err(ForecastError::InvalidParameter { what: "number of held-out months", value: 0.0 });
    }
    let y = transform.forward_series(0, natural)?;
    let observed: Vec<usize> = (0..y.len()).filter(|&t| !y[t].is_nan()).collect();
    let needed = MIN_OBSERVATIONS + hold_out;
    if observed.len() < needed {
        return Err(ForecastError::TooFewObservations { series: 0, found: observed.len(), needed });
    }
    let held = &observed[observed.len() - hold_out..];
    let train_obs = &observed[..observed.len() - hold_out];
    let cut = held[0];
    let config = BacktestConfig {
        origins: vec![cut],
        horizon: y.len() - cut,
        paths: 1000,
        seed: 1,
        choice: ChoiceConfig::default(),
    };
    let mut forecasts = rolling_backtest(natural, transform, &config)?;
    let f = forecasts.pop().ok_or(ForecastError::TooFewObservations { series: 0, found: observed.len(), needed })?;
    let (first, last) = (train_obs[0], *train_obs.last().expect("at least MIN_OBSERVATIONS"));
    let last_value = natural[last];
    let drift = if last > first { (last_value - natural[first]) / (last - first) as f64 } else { 0.0 };
    let points = f.points;
    let n = points.len() as f64;
    let mae = |f: &dyn Fn(&BacktestPoint) -> f64| points.iter().map(|p| (f(p) - p.actual).abs()).sum::<f64>() / n;
    Ok(BacktestReport {
        model: f.choice.kind,
        coverage_80: points.iter().filter(|p| p.inside(0.8)).count() as f64 / n,
        mae_model: mae(&|p| p.forecast),
        mae_naive: mae(&|_| last_value),
        mae_drift: mae(&|p| last_value + drift * (p.month - last) as f64),
        points,
    })
}
