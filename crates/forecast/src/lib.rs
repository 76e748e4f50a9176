//! Tahawul's forecast engine: when will each phase of a conditions-based transition start?
//!
//! Fit a local linear trend per indicator (matching statsmodels), simulate many seeded
//! futures, find when each gate first holds, propagate through the phase graph and
//! summarise dates, deadline odds and the clauses that hold phases back. Pure library: no I/O.

#![warn(missing_docs)]

mod backtest;
mod error;
mod gate;
mod optimise;
mod phase;
mod rng;
mod simulate;
mod transform;
mod trend;

pub use backtest::{BacktestPoint, BacktestReport, backtest};
pub use error::{ForecastError, Result};
pub use gate::{Cmp, Condition};
pub use phase::{Phase, PhaseGraph};
pub use simulate::{
    Forecast, PhaseOutlook, ScenarioComparison, SeriesInput, Shock, SimulationConfig, compare_scenario, forecast,
};
pub use transform::{SHARE_EPSILON, Transform};
pub use trend::{
    APPROXIMATE_DIFFUSE_VARIANCE, FittedTrend, LOGLIKELIHOOD_BURN, MIN_OBSERVATIONS, TrendState, Variances, filter,
    fit, fit_many, log_likelihood,
};
