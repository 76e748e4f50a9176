//! Backtesting: hold out the last observations, fit on the rest, and score the forecast.

use crate::error::{ForecastError, Result};
use crate::transform::Transform;
use crate::trend::{MIN_OBSERVATIONS, fit_indexed};

/// z-score of the 90th percentile: the central 80% interval is mean ± this many sd.
const Z_80: f64 = 1.281_551_565_544_600_4;

/// One held-out month: what happened and what was forecast (natural scale).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BacktestPoint {
    /// Index of the month on the series' grid.
    pub month: usize,
    /// The observed value.
    pub actual: f64,
    /// Forecast median.
    pub forecast: f64,
    /// Lower end of the central 80% interval.
    pub lower_80: f64,
    /// Upper end of the central 80% interval.
    pub upper_80: f64,
}

/// How well the model forecast the held-out months, against two simple baselines.
#[derive(Debug, Clone, PartialEq)]
pub struct BacktestReport {
    /// The held-out months.
    pub points: Vec<BacktestPoint>,
    /// Share of held-out values inside their 80% interval (ideally near 0.8).
    pub coverage_80: f64,
    /// Mean absolute error of the model's median.
    pub mae_model: f64,
    /// Mean absolute error of "same as the last observed value".
    pub mae_naive: f64,
    /// Mean absolute error of "continue the average change per month".
    pub mae_drift: f64,
}

/// Holds out the last `hold_out` observed months of a natural-scale series, fits on the months before, and scores.
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
    let fitted = fit_indexed(0, &y[..cut])?;
    let v = fitted.variances;

    let (first, last) = (train_obs[0], *train_obs.last().expect("at least MIN_OBSERVATIONS"));
    let last_value = natural[last];
    let drift = if last > first { (last_value - natural[first]) / (last - first) as f64 } else { 0.0 };

    let mut state = fitted.next_state;
    let mut points = Vec::with_capacity(hold_out);
    for month in cut..=*held.last().expect("hold_out >= 1") {
        if !y[month].is_nan() {
            let sd = (state.cov[0][0] + v.irregular).max(0.0).sqrt();
            let mean = state.mean[0];
            points.push(BacktestPoint {
                month,
                actual: natural[month],
                forecast: transform.back(mean),
                lower_80: transform.back(mean - Z_80 * sd),
                upper_80: transform.back(mean + Z_80 * sd),
            });
        }
        // No updating on held-out data: advance the prediction one month.
        state = state.advance(v, 1);
    }
    let n = points.len() as f64;
    let mae = |f: &dyn Fn(&BacktestPoint) -> f64| points.iter().map(|p| (f(p) - p.actual).abs()).sum::<f64>() / n;
    Ok(BacktestReport {
        coverage_80: points.iter().filter(|p| p.lower_80 <= p.actual && p.actual <= p.upper_80).count() as f64 / n,
        mae_model: mae(&|p| p.forecast),
        mae_naive: mae(&|_| last_value),
        mae_drift: mae(&|p| last_value + drift * (p.month - last) as f64),
        points,
    })
}
