//! Tahawul's forecast engine: when will each phase of a conditions-based transition start?
//!
//! Fit a local linear trend per indicator (matching statsmodels), simulate many seeded
//! futures, find when each gate first holds, propagate through the phase graph and
//! summarise dates, deadline odds and the clauses that hold phases back. Pure library: no I/O.

#![warn(missing_docs)]

mod backtest;
mod choice;
mod error;
mod floor;
mod gate;
mod model;
mod optimise;
mod phase;
mod rng;
mod score;
mod simulate;
mod transform;
mod trend;

pub use backtest::{
    BacktestConfig, BacktestPoint, BacktestReport, INTERVALS, OriginForecast, backtest, rolling_backtest,
};
pub use choice::{
    COUNT_MEDIAN_GROWTH, CandidateScore, ChoiceConfig, ChoiceReason, INFLATION_RANGE, ModelChoice, RANGE_MEDIAN_MARGIN,
    Z_80, choose, choose_many, choose_many_cached, discrete_step, median_bounds, variance_floor,
};
pub use error::{ForecastError, Result};
pub use floor::draw_normals_only;
pub use gate::{Cmp, Condition, MAX_WINDOW_MONTHS, Observed, Truth};
pub use model::{DAMPING_RANGE, HUBER_LIMIT, ModelKind};
pub use phase::{Phase, PhaseGraph};
pub use score::{crps_from_quantiles, crps_sorted_sample, normal_quantile, pit_sorted_sample, quantile_sorted};
pub use simulate::{
    Forecast, PhaseOutlook, ScenarioComparison, SeriesInput, Shock, SimulationConfig, compare_scenario, forecast,
    simulate_values,
};
pub use transform::{SHARE_EPSILON, Transform};
pub use trend::{
    APPROXIMATE_DIFFUSE_VARIANCE, FittedTrend, LOGLIKELIHOOD_BURN, MIN_OBSERVATIONS, TrendState, Variances, filter,
    fit, fit_many, log_likelihood,
};
