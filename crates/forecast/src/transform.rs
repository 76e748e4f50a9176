//! Scale transforms: the trend model works on a scale where a Gaussian random walk is plausible.

use crate::error::{ForecastError, Result};

/// Shares are clamped this far from 0 and 1 before the logit, so that an observed 0% or 100% stays finite.
pub const SHARE_EPSILON: f64 = 1e-6;

/// How an indicator's natural values map to the model scale.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Transform {
    /// Non-negative counts: `ln(1 + x)`.
    Count,
    /// Proportions in [0, 1]: logit, clamped by [`SHARE_EPSILON`].
    Share,
    /// Ordinal levels `1..=levels`: modelled as a latent continuous value, rounded and clamped back.
    Level {
        /// Number of levels; the lowest is 1.
        levels: u32,
    },
    /// Any real number: identity.
    Number,
}

impl Transform {
    /// Natural value to model scale (clamps out-of-range shares and counts instead of failing).
    pub fn forward(self, x: f64) -> f64 {
        match self {
            Transform::Count => x.max(0.0).ln_1p(),
            Transform::Share => {
                let p = x.clamp(SHARE_EPSILON, 1.0 - SHARE_EPSILON);
                (p / (1.0 - p)).ln()
            }
            Transform::Level { .. } | Transform::Number => x,
        }
    }

    /// Model scale back to the natural scale (levels are rounded and clamped to `1..=levels`).
    pub fn back(self, z: f64) -> f64 {
        match self {
            Transform::Count => z.exp_m1(),
            Transform::Share => 1.0 / (1.0 + (-z).exp()),
            Transform::Level { levels } => z.round().clamp(1.0, f64::from(levels.max(1))),
            Transform::Number => z,
        }
    }

    /// Model scale back to a value the indicator can take: as [`Transform::back`], with counts
    /// kept at 0 or above (the mass below zero on the log scale is the chance of a zero month).
    pub fn natural(self, z: f64) -> f64 {
        match self {
            Transform::Count => z.exp_m1().max(0.0),
            _ => self.back(z),
        }
    }

    /// Transforms a whole natural-scale series, keeping NaN as "no observation" and rejecting impossible values.
    pub fn forward_series(self, series: usize, natural: &[f64]) -> Result<Vec<f64>> {
        natural
            .iter()
            .enumerate()
            .map(|(month, &x)| {
                if x.is_nan() {
                    return Ok(f64::NAN);
                }
                let bad = !x.is_finite()
                    || match self {
                        Transform::Count => x < 0.0,
                        Transform::Share => !(0.0..=1.0).contains(&x),
                        Transform::Level { levels } => x < 1.0 || x > f64::from(levels),
                        Transform::Number => false,
                    };
                if bad {
                    Err(ForecastError::OutOfDomain { series, month, value: x, kind: self.name() })
                } else {
                    Ok(self.forward(x))
                }
            })
            .collect()
    }

    /// The model-scale level shift that multiplies a large count by `factor` (`ln factor`; exact as counts grow, since ln(1+fx) - ln(1+x) tends to ln f).
    pub fn count_multiplier_shift(factor: f64) -> f64 {
        factor.ln()
    }

    /// Short English name used in error messages.
    pub fn name(self) -> &'static str {
        match self {
            Transform::Count => "count",
            Transform::Share => "share",
            Transform::Level { .. } => "level",
            Transform::Number => "number",
        }
    }

    /// Model-scale cut-off equivalent to `threshold` for an order comparison, when the transform is strictly increasing.
    /// `None` for levels, whose rounding makes a direct natural-scale comparison simpler.
    pub(crate) fn order_threshold(self, threshold: f64) -> Option<f64> {
        match self {
            Transform::Number => Some(threshold),
            // Natural counts are > -1 and shares in (0, 1): thresholds beyond those ends map to infinities,
            // which keeps every order comparison exactly equivalent.
            Transform::Count => Some(if threshold <= -1.0 { f64::NEG_INFINITY } else { threshold.ln_1p() }),
            Transform::Share => Some(if threshold <= 0.0 {
                f64::NEG_INFINITY
            } else if threshold >= 1.0 {
                f64::INFINITY
            } else {
                (threshold / (1.0 - threshold)).ln()
            }),
            Transform::Level { .. } => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forward_then_back_returns_the_natural_value() {
        for (t, x) in [
            (Transform::Count, 41.0),
            (Transform::Share, 0.37),
            (Transform::Number, -2.5),
            (Transform::Level { levels: 5 }, 3.0),
        ] {
            assert!((t.back(t.forward(x)) - x).abs() < 1e-12, "{t:?}");
        }
    }

    #[test]
    fn levels_are_rounded_and_clamped_back() {
        let t = Transform::Level { levels: 4 };
        assert_eq!(t.back(2.49), 2.0);
        assert_eq!(t.back(2.51), 3.0);
        assert_eq!(t.back(-3.0), 1.0);
        assert_eq!(t.back(9.0), 4.0);
    }

    #[test]
    fn a_share_above_one_is_rejected_with_its_month() {
        let err = Transform::Share.forward_series(3, &[0.2, f64::NAN, 1.2]).unwrap_err();
        assert_eq!(err, ForecastError::OutOfDomain { series: 3, month: 2, value: 1.2, kind: "share" });
    }

    #[test]
    fn count_multiplier_shift_doubles_a_large_count() {
        let z = Transform::Count.forward(10_000.0) + Transform::count_multiplier_shift(2.0);
        assert!((Transform::Count.back(z) / 20_000.0 - 1.0).abs() < 1e-4);
    }
}
