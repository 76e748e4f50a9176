//! The candidate models: one state-space form (level, slope damped by `phi`, three disturbance
//! variances) covers all of them, so the simulation kernel, the fan and the backtest treat them alike.
//!
//! | model | slope | fitted by |
//! |---|---|---|
//! | local linear trend | random walk (`phi = 1`) | maximum likelihood (statsmodels' conventions) |
//! | damped trend | `phi` in [0.80, 0.98] | maximum likelihood |
//! | local level | none (`phi = 0`) | maximum likelihood |
//! | robust level (sparse counts) | none | Huber-clipped filter: a spike moves the level little |
//! | no change | none | the last observation, plus the mean squared monthly change |
//! | long-run mean | none | mean and variance of every observation, no level noise |

use crate::error::{ForecastError, Result};
use crate::optimise::nelder_mead;
use crate::trend::{FittedTrend, MIN_OBSERVATIONS, TrendState, Variances, data_scale, fit_indexed, run_filter};

/// Innovations beyond this many standard deviations are clipped by the robust level's filter.
pub const HUBER_LIMIT: f64 = 2.0;
/// The damped trend's damping factor lies in this range (0.98 a month halves a slope's pull in ~3 years).
pub const DAMPING_RANGE: [f64; 2] = [0.80, 0.98];

const LOG_VAR_MIN: f64 = -30.0;
const LOG_VAR_MAX: f64 = 12.0;

/// Which model a series is forecast with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ModelKind {
    /// "The last value stays", with a random walk's widening spread (benchmark).
    NoChange,
    /// "The average so far", with the spread of all observations (benchmark).
    LongRunMean,
    /// Random walk plus noise.
    LocalLevel,
    /// Local level whose filter clips outliers: for sparse, spiky counts.
    RobustLevel,
    /// Level and slope, the slope fading by a fitted factor each month.
    DampedTrend,
    /// Level and a random-walk slope (the original model).
    LocalLinearTrend,
}

impl ModelKind {
    /// Every candidate, simplest first (ties in the choice go to the simpler).
    pub const ALL: [ModelKind; 6] = [
        ModelKind::NoChange,
        ModelKind::LongRunMean,
        ModelKind::LocalLevel,
        ModelKind::RobustLevel,
        ModelKind::DampedTrend,
        ModelKind::LocalLinearTrend,
    ];

    /// A stable identifier (used in JSON and message keys).
    pub fn id(self) -> &'static str {
        match self {
            ModelKind::NoChange => "no-change",
            ModelKind::LongRunMean => "long-run-mean",
            ModelKind::LocalLevel => "local-level",
            ModelKind::RobustLevel => "robust-level",
            ModelKind::DampedTrend => "damped-trend",
            ModelKind::LocalLinearTrend => "local-linear-trend",
        }
    }
}

/// A fitted candidate: the model, and how to rebuild its state at an earlier month.
#[derive(Debug, Clone)]
pub(crate) struct Candidate {
    pub kind: ModelKind,
    pub fit: FittedTrend,
    /// Huber limit of its filter (infinite: Gaussian).
    pub huber: f64,
}

impl Candidate {
    /// The predicted state for month `o` (before its observation) using only months before `o`.
    /// `filtered` holds the filter's predicted states for this candidate (see [`Candidate::states`]).
    pub fn state_at(&self, y: &[f64], filtered: &[TrendState], o: usize) -> Option<TrendState> {
        match self.kind {
            ModelKind::NoChange => {
                let last = y[..o].iter().rposition(|x| !x.is_nan())?;
                // Known exactly at its month, then a random walk's variance builds up to month `o`.
                let st = TrendState { mean: [y[last], 0.0], cov: [[0.0; 2]; 2] };
                Some(st.advance_damped(self.fit.variances, 0.0, o - last))
            }
            ModelKind::LongRunMean => {
                let obs: Vec<f64> = y[..o].iter().copied().filter(|x| !x.is_nan()).collect();
                if obs.is_empty() {
                    return None;
                }
                let n = obs.len() as f64;
                let mean = obs.iter().sum::<f64>() / n;
                Some(TrendState { mean: [mean, 0.0], cov: [[self.fit.variances.irregular / n, 0.0], [0.0, 0.0]] })
            }
            _ => filtered.get(o).copied(),
        }
    }

    /// The filter's predicted states of every month (empty for the models without a filter).
    pub fn states(&self, y: &[f64]) -> Vec<TrendState> {
        match self.kind {
            ModelKind::NoChange | ModelKind::LongRunMean => Vec::new(),
            _ => {
                let mut out = Vec::with_capacity(y.len() + 1);
                run_filter(y, self.fit.variances, self.fit.damping, self.huber, Some(&mut out));
                out
            }
        }
    }
}

/// Checks a model-scale series and counts its observations.
pub(crate) fn check_series(series: usize, y: &[f64]) -> Result<usize> {
    if y.is_empty() {
        return Err(ForecastError::EmptySeries { series });
    }
    if let Some(month) = y.iter().position(|x| x.is_infinite()) {
        return Err(ForecastError::OutOfDomain { series, month, value: y[month], kind: "number" });
    }
    let observations = y.iter().filter(|x| !x.is_nan()).count();
    if observations < MIN_OBSERVATIONS {
        return Err(ForecastError::TooFewObservations { series, found: observations, needed: MIN_OBSERVATIONS });
    }
    Ok(observations)
}

/// Fits one candidate to a model-scale series (no floor, no calibration: see `choice`).
pub(crate) fn fit_kind(series: usize, kind: ModelKind, y: &[f64]) -> Result<Candidate> {
    let observations = check_series(series, y)?;
    let scale = data_scale(y);
    let base = |variances: Variances, log_likelihood: f64, next_state: TrendState, damping: f64| FittedTrend {
        variances,
        log_likelihood,
        next_state,
        months: y.len(),
        observations,
        damping,
        median_bounds: None,
    };
    let var = |t: f64| scale * t.clamp(LOG_VAR_MIN, LOG_VAR_MAX).exp();
    let wall = |theta: &[f64]| -> f64 {
        theta.iter().map(|&t| (LOG_VAR_MIN - t).max(0.0).powi(2) + (t - LOG_VAR_MAX).max(0.0).powi(2)).sum()
    };
    let fit = match kind {
        ModelKind::LocalLinearTrend => fit_indexed(series, y)?,
        ModelKind::LocalLevel | ModelKind::RobustLevel => {
            let huber = if kind == ModelKind::RobustLevel { HUBER_LIMIT } else { f64::INFINITY };
            let to_var = |th: &[f64; 2]| Variances { irregular: var(th[0]), level: var(th[1]), slope: 0.0 };
            let mut objective = |th: &[f64; 2]| {
                let ll = run_filter(y, to_var(th), 0.0, huber, None).0;
                if ll.is_finite() { -ll + wall(&th[..]) } else { f64::MAX / 4.0 }
            };
            let starts = [[-0.7, -2.5], [-3.0, -0.5], [0.0, -6.0], [-6.0, 0.0]];
            let best = refine(&mut objective, &starts);
            let v = to_var(&best);
            let (ll, next) = run_filter(y, v, 0.0, huber, None);
            base(v, ll, next, 0.0)
        }
        ModelKind::DampedTrend => {
            let [lo, hi] = DAMPING_RANGE;
            let phi = |t: f64| lo + (hi - lo) / (1.0 + (-t).exp());
            let to_var = |th: &[f64; 4]| Variances { irregular: var(th[0]), level: var(th[1]), slope: var(th[2]) };
            let mut objective = |th: &[f64; 4]| {
                let ll = run_filter(y, to_var(th), phi(th[3]), f64::INFINITY, None).0;
                if ll.is_finite() { -ll + wall(&th[..3]) } else { f64::MAX / 4.0 }
            };
            let starts =
                [[-0.7, -2.5, -7.0, 0.0], [-3.0, -0.5, -7.0, 0.0], [-0.7, -6.0, -4.0, 1.0], [-2.0, -2.0, -5.0, -1.0]];
            let best = refine(&mut objective, &starts);
            let v = to_var(&best);
            let (ll, next) = run_filter(y, v, phi(best[3]), f64::INFINITY, None);
            base(v, ll, next, phi(best[3]))
        }
        ModelKind::NoChange => {
            let last = y.iter().rposition(|x| !x.is_nan()).expect("checked: observations");
            let v = Variances { irregular: 0.0, level: scale, slope: 0.0 };
            let st = TrendState { mean: [y[last], 0.0], cov: [[0.0; 2]; 2] };
            base(v, f64::NAN, st.advance_damped(v, 0.0, y.len() - last), 0.0)
        }
        ModelKind::LongRunMean => {
            let obs: Vec<f64> = y.iter().copied().filter(|x| !x.is_nan()).collect();
            let n = obs.len() as f64;
            let mean = obs.iter().sum::<f64>() / n;
            let variance = obs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0);
            let v = Variances { irregular: variance, level: 0.0, slope: 0.0 };
            base(v, f64::NAN, TrendState { mean: [mean, 0.0], cov: [[variance / n, 0.0], [0.0, 0.0]] }, 0.0)
        }
    };
    let huber = if kind == ModelKind::RobustLevel { HUBER_LIMIT } else { f64::INFINITY };
    Ok(Candidate { kind, fit, huber })
}

/// Scores the starting points, refines the best with Nelder–Mead, then restarts once from its optimum.
fn refine<const N: usize>(objective: &mut impl FnMut(&[f64; N]) -> f64, starts: &[[f64; N]]) -> [f64; N] {
    let best_start = starts
        .iter()
        .map(|s| (*s, objective(s)))
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|x| x.0)
        .expect("at least one start");
    let first = nelder_mead(objective, best_start, 1.5, 400, 1e-8, 1e-2);
    let second = nelder_mead(objective, first.0, 0.3, 400, 1e-10, 1e-4);
    if second.1 <= first.1 { second.0 } else { first.0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_damped_trend_fits_a_fading_rise_with_damping_below_one() {
        // A slope of 1 fading by 0.9 a month, plus a little noise.
        let mut level = 0.0;
        let mut slope = 1.0;
        let y: Vec<f64> = (0..60)
            .map(|t| {
                level += slope;
                slope *= 0.9;
                level + 0.05 * ((t * 7919 % 13) as f64 - 6.0) / 6.0
            })
            .collect();
        let c = fit_kind(0, ModelKind::DampedTrend, &y).unwrap();
        assert!(c.fit.damping < 0.99 && c.fit.damping >= DAMPING_RANGE[0], "{}", c.fit.damping);
    }

    #[test]
    fn the_robust_level_moves_less_after_a_spike_than_the_local_level() {
        let mut y = vec![2.0; 48];
        y[40] = 9.0;
        for (t, v) in y.iter_mut().enumerate().skip(41) {
            *v = 2.0 + 0.01 * (t % 3) as f64;
        }
        y[47] = 9.0;
        let plain = fit_kind(0, ModelKind::LocalLevel, &y).unwrap().fit.next_state.mean[0];
        let robust = fit_kind(0, ModelKind::RobustLevel, &y).unwrap().fit.next_state.mean[0];
        assert!((robust - 2.0).abs() < (plain - 2.0).abs(), "robust {robust}, plain {plain}");
    }

    #[test]
    fn no_change_and_long_run_mean_start_from_the_last_value_and_the_average() {
        let y = [1.0, 3.0, f64::NAN, 5.0, 7.0];
        let nc = fit_kind(0, ModelKind::NoChange, &y).unwrap();
        assert_eq!(nc.fit.next_state.mean[0], 7.0);
        let m = fit_kind(0, ModelKind::LongRunMean, &y).unwrap();
        assert_eq!(m.fit.next_state.mean[0], 4.0);
        assert_eq!(m.state_at(&y, &[], 2).unwrap().mean[0], 2.0);
    }
}
