//! The crate's single error type.

/// Everything that can go wrong when fitting, simulating or backtesting.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ForecastError {
    /// A series had no months at all.
    #[error("series {series} is empty: give at least one month of data")]
    EmptySeries {
        /// Index of the series in the caller's list.
        series: usize,
    },
    /// Too few observed (non-missing) months to estimate three variances.
    #[error("series {series} has {found} observed months; at least {needed} are needed to fit a trend")]
    TooFewObservations {
        /// Index of the series in the caller's list.
        series: usize,
        /// Observed months it has.
        found: usize,
        /// Observed months required.
        needed: usize,
    },
    /// A value outside the domain of the series' transform (e.g. a share above 1).
    #[error("series {series}, month {month}: value {value} is outside the range of a {kind} indicator")]
    OutOfDomain {
        /// Index of the series in the caller's list.
        series: usize,
        /// Position of the month on the series' grid.
        month: usize,
        /// The offending value.
        value: f64,
        /// The indicator kind ("count", "share", "level", "number").
        kind: &'static str,
    },
    /// The phase graph has a cycle, so no phase on it could ever start.
    #[error("the phase graph has a cycle through phase {phase}: remove one predecessor link")]
    CyclicPhaseGraph {
        /// A phase on the cycle.
        phase: usize,
    },
    /// An index (series, phase, predecessor) points past the end of its list.
    #[error("{what} index {index} is out of range (there are {len})")]
    BadIndex {
        /// What kind of index it is.
        what: &'static str,
        /// The index given.
        index: usize,
        /// Length of the list it points into.
        len: usize,
    },
    /// A numeric setting is not usable (NaN threshold, zero paths, negative variance...).
    #[error("invalid {what}: {value}")]
    InvalidParameter {
        /// Which setting.
        what: &'static str,
        /// The value given.
        value: f64,
    },
}

/// Result alias for this crate.
pub type Result<T> = std::result::Result<T, ForecastError>;
