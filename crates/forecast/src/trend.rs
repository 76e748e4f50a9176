//! The local linear trend model (level + slope + irregular noise) and its Kalman filter.
//!
//! Conventions follow statsmodels' `UnobservedComponents(y, level='local linear trend')`
//! so that log-likelihoods agree: state `[level, slope]`, approximate diffuse
//! initialisation (mean 0, covariance 1e6·I for the first month's predicted state),
//! the first two months left out of the log-likelihood (`loglikelihood_burn = 2`,
//! counted in months, missing or not), and missing months contributing nothing.

use crate::error::{ForecastError, Result};
use crate::optimise::nelder_mead;
use rayon::prelude::*;

/// Initial state variance of statsmodels' approximate diffuse initialisation.
pub const APPROXIMATE_DIFFUSE_VARIANCE: f64 = 1e6;
/// Months left out of the log-likelihood at the start (statsmodels: the number of diffuse states).
pub const LOGLIKELIHOOD_BURN: usize = 2;
/// Fewest observed months we will fit three variances on.
pub const MIN_OBSERVATIONS: usize = 4;

const LN_2PI: f64 = 1.837_877_066_409_345_5;
/// Log-variance bounds relative to the data scale: exp(-30) is zero for every practical purpose.
const LOG_VAR_MIN: f64 = -30.0;
const LOG_VAR_MAX: f64 = 12.0;

/// The three disturbance variances of the model (statsmodels' `sigma2.irregular`, `sigma2.level`, `sigma2.trend`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Variances {
    /// Observation noise.
    pub irregular: f64,
    /// Shocks to the level.
    pub level: f64,
    /// Shocks to the slope.
    pub slope: f64,
}

/// Gaussian belief about `[level, slope]` for one month.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TrendState {
    /// Mean of level and slope.
    pub mean: [f64; 2],
    /// Covariance of level and slope.
    pub cov: [[f64; 2]; 2],
}

impl TrendState {
    /// The state `months` months later with no observations in between (mean follows the slope, variance grows).
    pub fn advance(self, v: Variances, months: usize) -> Self {
        self.advance_damped(v, 1.0, months)
    }

    /// As [`TrendState::advance`] with the slope multiplied by `damping` every month
    /// (1 = local linear trend, 0 = local level: the slope plays no part).
    pub fn advance_damped(mut self, v: Variances, damping: f64, months: usize) -> Self {
        let phi = damping;
        for _ in 0..months {
            let [[p11, p12], [_, p22]] = self.cov;
            self.mean = [self.mean[0] + phi * self.mean[1], phi * self.mean[1]];
            // With phi = 1 every product by phi is exact, so this is the undamped update bit for bit.
            let n12 = phi * p12 + phi * phi * p22;
            self.cov = [[p11 + 2.0 * phi * p12 + phi * phi * p22 + v.level, n12], [n12, phi * phi * p22 + v.slope]];
        }
        self
    }

    /// The same belief with its covariance multiplied by `factor` (a variance inflation).
    pub fn scaled(mut self, factor: f64) -> Self {
        self.cov = self.cov.map(|r| r.map(|x| x * factor));
        self
    }
}

/// A fitted series: its variances, likelihood and the predicted state for the month after its grid.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FittedTrend {
    /// Maximum-likelihood variances (model scale).
    pub variances: Variances,
    /// Log-likelihood at those variances (statsmodels' convention).
    pub log_likelihood: f64,
    /// One-step-ahead state for the first month after the series: where simulation starts.
    pub next_state: TrendState,
    /// Months on the grid, observed or not.
    pub months: usize,
    /// Observed (non-NaN) months.
    pub observations: usize,
    /// The slope is multiplied by this each month: 1 = local linear trend, below 1 = damped
    /// trend, 0 = no slope (local level, no-change, long-run mean).
    pub damping: f64,
    /// Model-scale bounds on the path's deterministic part (its median): how far a trend may
    /// carry the median beyond what the series has shown (`None`: unbounded).
    pub median_bounds: Option<[f64; 2]>,
}

impl FittedTrend {
    /// The deterministic part (median on the model scale) `h` months after the state's month
    /// (`h = 0`: that month), damped and kept within the median bounds.
    pub fn median_path(&self, months: usize) -> Vec<f64> {
        let [mut level, mut slope] = self.next_state.mean;
        let [lo, hi] = self.median_bounds.unwrap_or([f64::NEG_INFINITY, f64::INFINITY]);
        (0..months)
            .map(|_| {
                let d = level.clamp(lo, hi);
                level += self.damping * slope;
                slope *= self.damping;
                d
            })
            .collect()
    }
}

/// Log-likelihood of a model-scale monthly series (NaN = no observation) at given variances.
pub fn log_likelihood(y: &[f64], v: Variances) -> Result<f64> {
    check_variances(v)?;
    if y.is_empty() {
        return Err(ForecastError::EmptySeries { series: 0 });
    }
    Ok(run_filter(y, v, 1.0, f64::INFINITY, None).0)
}

/// Runs the Kalman filter and returns the log-likelihood and the predicted state after the last month.
pub fn filter(y: &[f64], v: Variances) -> Result<(f64, TrendState)> {
    check_variances(v)?;
    if y.is_empty() {
        return Err(ForecastError::EmptySeries { series: 0 });
    }
    Ok(run_filter(y, v, 1.0, f64::INFINITY, None))
}

fn check_variances(v: Variances) -> Result<()> {
    for (what, x) in [("irregular variance", v.irregular), ("level variance", v.level), ("slope variance", v.slope)] {
        if !(x >= 0.0 && x.is_finite()) {
            return Err(ForecastError::InvalidParameter { what, value: x });
        }
    }
    Ok(())
}

/// The filter itself, hand-expanded for a 2-state, 1-observation model: this is the fitting hot loop.
///
/// `phi` damps the slope (1 = local linear trend). `huber` clips each innovation at that many
/// standard deviations before it updates the state, and scores it with Huber's loss instead of
/// the square beyond that point (infinite = the Gaussian filter). `states`, when given, receives
/// the predicted state of every month (before its observation) and of the month after the series.
#[inline]
pub(crate) fn run_filter(
    y: &[f64],
    v: Variances,
    phi: f64,
    huber: f64,
    mut states: Option<&mut Vec<TrendState>>,
) -> (f64, TrendState) {
    let (mut m, mut b) = (0.0_f64, 0.0_f64);
    let (mut p11, mut p12, mut p22) = (APPROXIMATE_DIFFUSE_VARIANCE, 0.0, APPROXIMATE_DIFFUSE_VARIANCE);
    // Sum of ln F kept as a running product, taking the log only when it drifts far from 1:
    // one ln per many months instead of one per month.
    let mut log_f = 0.0;
    let mut prod_f = 1.0;
    let mut quad = 0.0;
    let mut n_terms = 0usize;
    for (t, &obs) in y.iter().enumerate() {
        if let Some(out) = states.as_deref_mut() {
            out.push(TrendState { mean: [m, b], cov: [[p11, p12], [p12, p22]] });
        }
        if !obs.is_nan() {
            let f = p11 + v.irregular;
            let raw = obs - m;
            let inv_f = 1.0 / f;
            let limit = huber * f.sqrt();
            let e = if huber.is_finite() { raw.clamp(-limit, limit) } else { raw };
            let k1 = p11 * inv_f;
            let k2 = p12 * inv_f;
            m += k1 * e;
            b += k2 * e;
            // Joseph-free covariance update; both this and statsmodels' agree to rounding.
            let np11 = p11 - k1 * p11;
            let np12 = p12 - k1 * p12;
            let np22 = p22 - k2 * p12;
            p11 = np11;
            p12 = np12;
            p22 = np22;
            if t >= LOGLIKELIHOOD_BURN {
                prod_f *= f;
                // Huber's loss: the square inside the limit, linear beyond it (equal to e² / F when unclipped).
                quad += if e == raw { e * e * inv_f } else { (2.0 * raw.abs() * limit - limit * limit) * inv_f };
                n_terms += 1;
                if !(1e-100..=1e100).contains(&prod_f) {
                    log_f += prod_f.ln();
                    prod_f = 1.0;
                }
            }
        }
        // Predict the next month: level += phi * slope, slope *= phi, then add the disturbances.
        // With phi = 1 every product by phi is exact: the undamped filter bit for bit.
        m += phi * b;
        b *= phi;
        let np11 = p11 + 2.0 * phi * p12 + phi * phi * p22 + v.level;
        let np12 = phi * p12 + phi * phi * p22;
        let np22 = phi * phi * p22 + v.slope;
        p11 = np11;
        p12 = np12;
        p22 = np22;
    }
    log_f += prod_f.ln();
    let ll = -0.5 * (n_terms as f64 * LN_2PI + log_f + quad);
    let last = TrendState { mean: [m, b], cov: [[p11, p12], [p12, p22]] };
    if let Some(out) = states {
        out.push(last);
    }
    (ll, last)
}

/// A rough scale for the series: mean squared change per month between observed points.
pub(crate) fn data_scale(y: &[f64]) -> f64 {
    let mut last: Option<(usize, f64)> = None;
    let (mut sum, mut n) = (0.0, 0usize);
    for (t, &x) in y.iter().enumerate() {
        if x.is_nan() {
            continue;
        }
        if let Some((s, prev)) = last {
            let d = x - prev;
            sum += d * d / (t - s) as f64;
            n += 1;
        }
        last = Some((t, x));
    }
    let s = if n > 0 { sum / n as f64 } else { 0.0 };
    if s.is_finite() && s > 1e-12 { s } else { 1e-12 }
}

/// Fits the three variances by maximum likelihood on a model-scale monthly series.
pub fn fit(y: &[f64]) -> Result<FittedTrend> {
    fit_indexed(0, y)
}

/// Fits many series in parallel; results come back in input order.
pub fn fit_many<S: AsRef<[f64]> + Sync>(series: &[S]) -> Vec<Result<FittedTrend>> {
    series.par_iter().enumerate().map(|(i, y)| fit_indexed(i, y.as_ref())).collect()
}

pub(crate) fn fit_indexed(series: usize, y: &[f64]) -> Result<FittedTrend> {
    let observations = crate::model::check_series(series, y)?;
    let scale = data_scale(y);
    let to_var = |theta: &[f64; 3]| Variances {
        irregular: scale * theta[0].clamp(LOG_VAR_MIN, LOG_VAR_MAX).exp(),
        level: scale * theta[1].clamp(LOG_VAR_MIN, LOG_VAR_MAX).exp(),
        slope: scale * theta[2].clamp(LOG_VAR_MIN, LOG_VAR_MAX).exp(),
    };
    // Negative log-likelihood; a quadratic wall outside the bounds keeps the simplex from drifting away.
    let mut objective = |theta: &[f64; 3]| {
        let wall: f64 =
            theta.iter().map(|&t| (LOG_VAR_MIN - t).max(0.0).powi(2) + (t - LOG_VAR_MAX).max(0.0).powi(2)).sum();
        let ll = run_filter(y, to_var(theta), 1.0, f64::INFINITY, None).0;
        if ll.is_finite() { -ll + wall } else { f64::MAX / 4.0 }
    };
    // A few contrasting starting points (noise-dominated, level-dominated, slope-dominated), best two refined.
    let starts: [[f64; 3]; 6] = [
        [-0.7, -2.5, -7.0],
        [-3.0, -0.5, -7.0],
        [-0.7, -6.0, -4.0],
        [-6.0, -1.0, -3.0],
        [0.0, -8.0, -10.0],
        [-2.0, -2.0, -5.0],
    ];
    let mut scored: Vec<([f64; 3], f64)> = starts.iter().map(|s| (*s, objective(s))).collect();
    scored.sort_by(|a, b| a.1.total_cmp(&b.1));
    let mut best = ([0.0; 3], f64::INFINITY);
    for &(s, _) in scored.iter().take(1) {
        let r = nelder_mead(&mut objective, s, 1.5, 400, 1e-8, 1e-2);
        if r.1 < best.1 {
            best = r;
        }
    }
    // Restart from the best point with a fresh simplex: Nelder–Mead can stall on a collapsed simplex.
    let r = nelder_mead(&mut objective, best.0, 0.3, 400, 1e-10, 1e-4);
    if r.1 <= best.1 {
        best = r;
    }
    let variances = to_var(&best.0);
    let (log_likelihood, next_state) = run_filter(y, variances, 1.0, f64::INFINITY, None);
    Ok(FittedTrend {
        variances,
        log_likelihood,
        next_state,
        months: y.len(),
        observations,
        damping: 1.0,
        median_bounds: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_series_with_fewer_than_four_observations_is_refused() {
        let err = fit(&[1.0, f64::NAN, 2.0, f64::NAN, 3.0]).unwrap_err();
        assert_eq!(err, ForecastError::TooFewObservations { series: 0, found: 3, needed: 4 });
    }

    #[test]
    fn an_empty_series_is_refused() {
        assert_eq!(fit(&[]).unwrap_err(), ForecastError::EmptySeries { series: 0 });
    }

    #[test]
    fn negative_variances_are_refused() {
        let v = Variances { irregular: -1.0, level: 0.0, slope: 0.0 };
        assert!(matches!(log_likelihood(&[1.0, 2.0], v), Err(ForecastError::InvalidParameter { .. })));
    }

    #[test]
    fn the_filter_follows_a_noiseless_straight_line() {
        let y: Vec<f64> = (0..40).map(|t| 2.0 + 0.5 * t as f64).collect();
        let v = Variances { irregular: 1e-9, level: 1e-9, slope: 1e-12 };
        let (_, s) = filter(&y, v).unwrap();
        assert!((s.mean[0] - 22.0).abs() < 1e-6, "{:?}", s.mean);
        assert!((s.mean[1] - 0.5).abs() < 1e-6);
    }
}
