//! An indicator's own forecast fan: the predictive quantiles of the model chosen for it (the
//! same choice, floor, calibration and median bounds as the phase forecast), month by month,
//! for the indicator pages' charts. The phase forecast simulates paths; a single series'
//! quantiles are exact from the Kalman state, so no simulation here.

use tahawul_forecast as engine;

use super::{Blocker, grid, transform_of};
use crate::model::{Case, Indicator};
use crate::period::Month;

/// Standard normal quantiles of the fan's five lines: P10, P25, P50, P75, P90.
const Z: [f64; 5] = [-1.281_551_565_545, -0.674_489_750_196, 0.0, 0.674_489_750_196, 1.281_551_565_545];

/// An indicator's forecast in one area: five quantiles per month, on the natural scale.
#[derive(Debug, Clone, PartialEq)]
pub struct Fan {
    /// The first forecast month: the month after the series' latest figure.
    pub from: Month,
    /// Per month from `from`: P10, P25, P50, P75, P90 (levels rounded to ranks).
    pub quantiles: Vec<[f64; 5]>,
    /// Whether any figure behind it is illustrative.
    pub illustrative: bool,
}

/// The fan of `indicator` in `area` from the figures up to `as_of`, `months` months long.
/// Quantiles of a monotone transform are the transform of the quantiles, so the model-scale
/// normal quantiles map back exactly (counts: log, shares: logit).
pub fn indicator_fan(
    case: &Case,
    indicator: &Indicator,
    area: &str,
    as_of: Month,
    months: u32,
) -> Result<Fan, Blocker> {
    let mut s = case.series(indicator, area);
    s.points.retain(|p| p.period.last_month() <= as_of);
    let too_few = |figures| Blocker::TooFewFigures {
        indicator: indicator.qualified_name(),
        area: s.data_area.clone(),
        figures,
        needed: engine::MIN_OBSERVATIONS,
    };
    let (start, natural) = grid(&s);
    let transform = transform_of(case, indicator);
    let model = transform.forward_series(0, &natural).map_err(|e| Blocker::Model {
        indicator: indicator.qualified_name(),
        area: s.data_area.clone(),
        detail: e.to_string(),
    })?;
    if model.iter().filter(|x| !x.is_nan()).count() < engine::MIN_OBSERVATIONS {
        return Err(too_few(s.points.len()));
    }
    let fit = engine::choose_many_cached(&[(&model[..], transform)], &engine::ChoiceConfig::default())
        .pop()
        .expect("one series in, one choice out")
        .map_err(|e| Blocker::Model {
            indicator: indicator.qualified_name(),
            area: s.data_area.clone(),
            detail: e.to_string(),
        })?
        .model;
    let mut state = fit.next_state;
    let median = fit.median_path(months as usize);
    let mut quantiles = Vec::with_capacity(months as usize);
    for m in median {
        let sd = (state.cov[0][0] + fit.variances.irregular).max(0.0).sqrt();
        quantiles.push(Z.map(|z| transform.natural(m + z * sd)));
        state = state.advance_damped(fit.variances, fit.damping, 1);
    }
    Ok(Fan { from: start.plus(natural.len() as i32), quantiles, illustrative: s.has_illustrative() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fan_widens_and_its_quantiles_stay_ordered() {
        let case =
            crate::load(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/iraq-hmc"))).unwrap();
        let ind = case.indicator("threat", "attacks_per_month").unwrap();
        let fan = indicator_fan(&case, ind, "federal-iraq", Month::new(2025, 6), 24).unwrap();
        assert_eq!(fan.quantiles.len(), 24);
        for q in &fan.quantiles {
            assert!(q.windows(2).all(|w| w[0] <= w[1]), "ordered: {q:?}");
        }
        let width = |q: &[f64; 5]| q[4] - q[0];
        assert!(width(&fan.quantiles[23]) > width(&fan.quantiles[0]));
        assert!(fan.from <= Month::new(2025, 7));
    }

    #[test]
    fn too_few_figures_is_a_blocker_not_a_fan() {
        let case =
            crate::load(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/iraq-hmc"))).unwrap();
        let ind = case.indicator("threat", "attacks_per_month").unwrap();
        assert!(matches!(
            indicator_fan(&case, ind, "federal-iraq", Month::new(1990, 1), 12),
            Err(Blocker::TooFewFigures { .. })
        ));
    }
}
