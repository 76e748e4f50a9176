//! The crate's single error type.

/// Everything that can go wrong when fitting, simulating or backtesting.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ForecastError {
    /// A series had no months at all.
    #[error("series {series} is empty: give at least one month of data")]
    EmptySeries { series: usize },
    /// Too few observed (non-missing) months to estimate three variances.
    #[error("series {series} has {found} observed months; at least {needed} are needed to fit a trend")]
    TooFewObservations { series: usize, found: usize, needed: usize },
    /// A value outside the domain of the series' transform (e.g. a share above 1).
    #[error("series {series}, month {month}: value {value} is outside the range of a {kind} indicator")]
    OutOfDomain { series: usize, month: usize, value: f64, kind: &'static str },
    /// The phase graph has a cycle, so no phase on it could ever start.
    #[error("the phase graph has a cycle through phase {phase}: remove one predecessor link")]
    CyclicPhaseGraph { phase: usize },
    /// An index (series, phase, predecessor) points past the end of its list.
    #[error("{what} index {index} is out of range (there are {len})")]
    BadIndex { what: &'static str, index: usize, len: usize },
    /// A numeric setting is not usable (NaN threshold, zero paths, negative variance...).
    #[error("invalid {what}: {value}")]
    InvalidParameter { what: &'static str, value: f64 },
}

/// Result alias for this crate.
pub type Result<T> = std::result::Result<T, ForecastError>;
